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

struct _RapportXlsxWriter
{
  char          *path;
  locale_t       c_numeric;   /* (locale_t) 0 when it could not be made */
  lxw_workbook  *book;
  lxw_worksheet *sheet;
  lxw_format    *date_format;
  GArray        *widths;      /* double, per column */
  guint          n_rows;      /* written, the header included */
};

/* libxlsxwriter built without its DTOA option (as Debian's) prints numbers
 * with printf: in a locale with a decimal comma the file would be corrupt.
 * The C numeric locale is set for the calling thread only, while each
 * function below works, and put back before it returns. */
static locale_t
use_c_numeric (RapportXlsxWriter *self)
{
  return self->c_numeric != (locale_t) 0 ? uselocale (self->c_numeric) : (locale_t) 0;
}

static void
restore_locale (locale_t previous)
{
  if (previous != (locale_t) 0)
    uselocale (previous);
}

static void
note_widths (RapportXlsxWriter  *self,
             const char * const *cells,
             double              padding)
{
  guint n = g_strv_length ((char **) cells);

  if (self->widths->len < n)
    g_array_set_size (self->widths, n);
  for (guint c = 0; c < n; c++)
    g_array_index (self->widths, double, c) = MAX (g_array_index (self->widths, double, c),
                                                   text_width (cells[c]) + padding);
}

static void
writer_discard (RapportXlsxWriter *self)
{
  if (self->book != NULL)
    {
      locale_t previous = use_c_numeric (self);

      workbook_close (self->book);
      restore_locale (previous);
      g_unlink (self->path);
    }
  if (self->c_numeric != (locale_t) 0)
    freelocale (self->c_numeric);
  g_clear_pointer (&self->widths, g_array_unref);
  g_free (self->path);
  g_free (self);
}

/**
 * rapport_xlsx_writer_new:
 *
 * Returns: (transfer full): a writer of the workbook @path, its header
 *   row written, or %NULL
 */
RapportXlsxWriter *
rapport_xlsx_writer_new (const char         *path,
                         const char * const *header,
                         GError            **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  RapportXlsxWriter *self;
  locale_t base;
  locale_t previous;
  lxw_format *bold;
  lxw_error status = LXW_NO_ERROR;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (RapportXlsxWriter, 1);
  self->path = g_strdup (path);
  self->widths = g_array_new (FALSE, TRUE, sizeof (double));
  base = duplocale (LC_GLOBAL_LOCALE);
  self->c_numeric = base != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;
  if (self->c_numeric == (locale_t) 0 && base != (locale_t) 0)
    freelocale (base);

  previous = use_c_numeric (self);
  self->book = workbook_new_opt (path, &options);
  if (self->book == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);

      restore_locale (previous);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not create “%s”."), name);
      writer_discard (self);
      return NULL;
    }
  self->sheet = workbook_add_worksheet (self->book, NULL);
  bold = workbook_add_format (self->book);
  format_set_bold (bold);
  self->date_format = workbook_add_format (self->book);
  format_set_num_format (self->date_format, "yyyy-mm-dd");
  worksheet_freeze_panes (self->sheet, 1, 0);

  note_widths (self, header, 2);
  for (guint c = 0; header[c] != NULL && status == LXW_NO_ERROR; c++)
    status = write_cell (self->sheet, 0, c, header[c], self->date_format, bold);
  self->n_rows = 1;
  restore_locale (previous);

  if (status != LXW_NO_ERROR)
    {
      set_write_error (error, path, status);
      writer_discard (self);
      return NULL;
    }
  return self;
}

/**
 * rapport_xlsx_writer_add_row:
 *
 * Writes @row (a %NULL-terminated array of cells) under the rows before it.
 * Fails when the sheet is full or the file cannot be written; then only
 * rapport_xlsx_writer_free() is left to call.
 */
gboolean
rapport_xlsx_writer_add_row (RapportXlsxWriter   *self,
                             const char * const  *row,
                             GError             **error)
{
  lxw_error status = LXW_NO_ERROR;
  locale_t previous;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->n_rows >= MAX_ROWS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("An Excel sheet holds at most %d rows."), MAX_ROWS - 1);
      return FALSE;
    }

  note_widths (self, row, 1);
  previous = use_c_numeric (self);
  for (guint c = 0; row[c] != NULL && status == LXW_NO_ERROR; c++)
    status = write_cell (self->sheet, self->n_rows, c, row[c], self->date_format, NULL);
  restore_locale (previous);
  self->n_rows++;

  if (status != LXW_NO_ERROR)
    {
      set_write_error (error, self->path, status);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_xlsx_writer_close:
 *
 * Sets the columns' widths, finishes the file and frees @self. On failure
 * the file is removed.
 */
gboolean
rapport_xlsx_writer_close (RapportXlsxWriter  *self,
                           GError            **error)
{
  lxw_error status = LXW_NO_ERROR;
  locale_t previous;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  previous = use_c_numeric (self);
  for (guint c = 0; c < self->widths->len && status == LXW_NO_ERROR; c++)
    status = worksheet_set_column (self->sheet, c, c,
                                   CLAMP (g_array_index (self->widths, double, c), MIN_WIDTH, MAX_WIDTH),
                                   NULL);
  if (status == LXW_NO_ERROR)
    {
      status = workbook_close (g_steal_pointer (&self->book));
      if (status != LXW_NO_ERROR)
        g_unlink (self->path);
    }
  restore_locale (previous);

  if (status != LXW_NO_ERROR)
    set_write_error (error, self->path, status);
  writer_discard (self);
  return status == LXW_NO_ERROR;
}

/**
 * rapport_xlsx_writer_free:
 *
 * Abandons the workbook: the file is removed.
 */
void
rapport_xlsx_writer_free (RapportXlsxWriter *self)
{
  if (self != NULL)
    writer_discard (self);
}

gboolean
rapport_xlsx_write (const char         *path,
                    const char * const *header,
                    GPtrArray          *rows,
                    GError            **error)
{
  RapportXlsxWriter *writer;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rows->len >= MAX_ROWS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("An Excel sheet holds at most %d rows."), MAX_ROWS - 1);
      return FALSE;
    }

  writer = rapport_xlsx_writer_new (path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      if (!rapport_xlsx_writer_add_row (writer, g_ptr_array_index (rows, i), error))
        {
          rapport_xlsx_writer_free (writer);
          return FALSE;
        }
    }
  return rapport_xlsx_writer_close (writer, error);
}
