/* rapport-xlsx-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-xlsx-writer"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <xlsxwriter.h>

#include "rapport-date.h"
#include "rapport-xlsx-writer.h"

/* Excel's limits: characters in a cell, rows in a sheet. */
#define MAX_CELL_CHARS 32767
#define MAX_ROWS 1048576
/* Column widths in Excel's character units. */
#define MIN_WIDTH 8.0
#define MAX_WIDTH 60.0

/* Whether @text reads back unchanged from a number cell: no leading zero, no
 * trailing zero after a point, at most 10 digits before it (longer ones are
 * phone, ID or account numbers that Excel would show in exponent form). */
static gboolean
is_plain_number (const char *text)
{
  const char *p = text;
  guint integer_digits = 0;

  if (*p == '-')
    p++;
  if (*p == '0' && g_ascii_isdigit (p[1]))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    integer_digits++;
  if (integer_digits == 0 || integer_digits > 10)
    return FALSE;
  if (*p == '.')
    {
      const char *fraction = ++p;

      for (; g_ascii_isdigit (*p); p++)
        ;
      if (p == fraction || p - fraction > 6 || p[-1] == '0')
        return FALSE;
    }
  return *p == '\0' && g_strcmp0 (text, "-0") != 0;
}

/* Display width: East Asian wide characters take two columns. */
static double
text_width (const char *text)
{
  double width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += (guchar) *p >= 0x80 && g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/* Whether @text has the shape of YYYY-MM-DD: a cheap test before
 * rapport_date_validate, which builds an error message for every text that
 * is not a date. */
static gboolean
looks_like_date (const char *text)
{
  return strlen (text) == 10 && text[4] == '-' && text[7] == '-';
}

static lxw_error
write_cell (lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      column,
            const char    *value,
            lxw_format    *date_format,
            lxw_format    *text_format)
{
  g_autofree char *made_valid = NULL;
  const char *valid = value;

  if (value[0] == '\0')
    return LXW_NO_ERROR;
  if (!g_utf8_validate (value, -1, NULL))
    valid = made_valid = g_utf8_make_valid (value, -1);
  if (text_format == NULL && looks_like_date (valid) && rapport_date_validate (valid, NULL))
    {
      lxw_datetime date = { 0 };

      date.year = g_ascii_strtoll (valid, NULL, 10);
      date.month = g_ascii_strtoll (valid + 5, NULL, 10);
      date.day = g_ascii_strtoll (valid + 8, NULL, 10);
      if (date.year >= 1900)
        return worksheet_write_datetime (sheet, row, column, &date, date_format);
    }
  if (text_format == NULL && is_plain_number (valid))
    return worksheet_write_number (sheet, row, column, g_ascii_strtod (valid, NULL), NULL);
  /* Only a text of more bytes than the limit can have more characters. */
  if (strlen (valid) > MAX_CELL_CHARS && g_utf8_strlen (valid, -1) > MAX_CELL_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (valid, 0, MAX_CELL_CHARS);

      return worksheet_write_string (sheet, row, column, cut, text_format);
    }
  return worksheet_write_string (sheet, row, column, valid, text_format);
}

static void
set_write_error (GError    **error,
                 const char *path,
                 lxw_error   status)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write “%s”: %s"), name, lxw_strerror (status));
}

static gboolean write_workbook (const char         *path,
                                const char * const *header,
                                GPtrArray          *rows,
                                GError            **error);

/* libxlsxwriter built without its DTOA option (as Debian's) prints numbers
 * with printf: in a locale with a decimal comma the file would be corrupt.
 * The C numeric locale is set for this thread only while writing. */
gboolean
rapport_xlsx_write (const char         *path,
                    const char * const *header,
                    GPtrArray          *rows,
                    GError            **error)
{
  locale_t base = duplocale (LC_GLOBAL_LOCALE);
  locale_t c_numeric = base != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;
  locale_t previous;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (c_numeric == (locale_t) 0)
    {
      if (base != (locale_t) 0)
        freelocale (base);
      return write_workbook (path, header, rows, error);
    }

  previous = uselocale (c_numeric);
  ok = write_workbook (path, header, rows, error);
  uselocale (previous);
  freelocale (c_numeric);
  return ok;
}

static gboolean
write_workbook (const char         *path,
                const char * const *header,
                GPtrArray          *rows,
                GError            **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (double));
  lxw_workbook *book;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_format *date_format;
  lxw_error status = LXW_NO_ERROR;
  guint columns;

  if (rows->len >= MAX_ROWS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("An Excel sheet holds at most %d rows."), MAX_ROWS - 1);
      return FALSE;
    }

  columns = g_strv_length ((char **) header);
  for (guint i = 0; i < rows->len; i++)
    columns = MAX (columns, g_strv_length (g_ptr_array_index (rows, i)));
  g_array_set_size (widths, columns);
  for (guint c = 0; header[c] != NULL; c++)
    g_array_index (widths, double, c) = text_width (header[c]) + 2;
  for (guint i = 0; i < rows->len; i++)
    {
      const char * const *row = g_ptr_array_index (rows, i);

      for (guint c = 0; row[c] != NULL; c++)
        g_array_index (widths, double, c) = MAX (g_array_index (widths, double, c),
                                                 text_width (row[c]) + 1);
    }

  book = workbook_new_opt (path, &options);
  if (book == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not create “%s”."), name);
      return FALSE;
    }
  sheet = workbook_add_worksheet (book, NULL);
  bold = workbook_add_format (book);
  format_set_bold (bold);
  date_format = workbook_add_format (book);
  format_set_num_format (date_format, "yyyy-mm-dd");

  for (guint c = 0; c < columns && status == LXW_NO_ERROR; c++)
    status = worksheet_set_column (sheet, c, c,
                                   CLAMP (g_array_index (widths, double, c), MIN_WIDTH, MAX_WIDTH),
                                   NULL);
  worksheet_freeze_panes (sheet, 1, 0);

  for (guint c = 0; header[c] != NULL && status == LXW_NO_ERROR; c++)
    status = write_cell (sheet, 0, c, header[c], date_format, bold);
  for (guint i = 0; i < rows->len && status == LXW_NO_ERROR; i++)
    {
      const char * const *row = g_ptr_array_index (rows, i);

      for (guint c = 0; row[c] != NULL && status == LXW_NO_ERROR; c++)
        status = write_cell (sheet, i + 1, c, row[c], date_format, NULL);
    }

  if (status != LXW_NO_ERROR)
    {
      workbook_close (book);
      g_unlink (path);
      set_write_error (error, path, status);
      return FALSE;
    }

  status = workbook_close (book);
  if (status != LXW_NO_ERROR)
    {
      g_unlink (path);
      set_write_error (error, path, status);
      return FALSE;
    }
  return TRUE;
}
