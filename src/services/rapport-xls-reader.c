/* rapport-xls-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-xls-reader"

#include "config.h"

#include <freexl.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rapport-xls-reader.h"

static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  /* 15 significant digits, as Excel shows: 0.1+0.2 is 0.3 there, not 0.30000000000000004. */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  return g_strdup (buffer);
}

static char *
cell_text (const FreeXL_CellValue *cell)
{
  switch (cell->type)
    {
    case FREEXL_CELL_INT:
      return g_strdup_printf ("%d", cell->value.int_value);
    case FREEXL_CELL_DOUBLE:
      return format_double (cell->value.double_value);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
      if (cell->value.text_value == NULL)
        return g_strdup ("");
      return g_utf8_make_valid (cell->value.text_value, -1);
    case FREEXL_CELL_NULL:
    default:
      return g_strdup ("");
    }
}

static void
set_open_error (int         status,
                GError    **error)
{
  switch (status)
    {
    case FREEXL_FILE_NOT_FOUND:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Could not open the file: it does not exist."));
      break;
    case FREEXL_INSUFFICIENT_MEMORY:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Not enough memory to read the workbook."));
      break;
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_BIFF_INVALID_BOF:
      g_set_error_literal (error, RAPPORT_SPREADSHEET_ERROR,
                           RAPPORT_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                           _("This file is not an Excel 97–2003 workbook (.xls)."));
      break;
    default:
      g_set_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_DAMAGED,
                   _("The workbook is damaged (error %d while reading it)."), status);
      break;
    }
}

static GPtrArray *
read_first_sheet (const void   *handle,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  unsigned int password = 0;
  unsigned int row_count = 0;
  unsigned short column_count = 0;
  int status;

  if (freexl_get_info (handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK
      && password != FREEXL_BIFF_PLAIN)
    {
      g_set_error_literal (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_ENCRYPTED,
                           _("The workbook is protected by a password: save it without one first."));
      return NULL;
    }

  status = freexl_select_active_worksheet (handle, 0);
  if (status == FREEXL_OK)
    status = freexl_worksheet_dimensions (handle, &row_count, &column_count);
  if (status != FREEXL_OK)
    {
      set_open_error (status, error);
      return NULL;
    }

  for (unsigned int r = 0; r < row_count; r++)
    {
      if ((r & 0xff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      g_ptr_array_set_size (cells, 0);
      for (unsigned short c = 0; c < column_count; c++)
        {
          FreeXL_CellValue value;

          status = freexl_get_cell_value (handle, r, c, &value);
          if (status != FREEXL_OK)
            {
              set_open_error (status, error);
              return NULL;
            }
          g_ptr_array_add (cells, cell_text (&value));
        }
      while (cells->len > 0 && *(const char *) g_ptr_array_index (cells, cells->len - 1) == '\0')
        g_ptr_array_remove_index (cells, cells->len - 1);
      if (cells->len == 0)
        continue;
      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (rows, g_strdupv ((char **) cells->pdata));
    }

  return g_steal_pointer (&rows);
}

/* An .xls is a Compound File (CFBF); freexl reports a short or foreign file
 * as a read error, so its signature is checked first for a clear message. */
static gboolean
check_signature (const char *path,
                 GError    **error)
{
  static const guint8 signature[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
  guint8 head[8] = { 0 };
  FILE *file = g_fopen (path, "rb");
  gsize n;

  if (file == NULL)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  n = fread (head, 1, sizeof head, file);
  fclose (file);
  if (n != sizeof head || memcmp (head, signature, sizeof head) != 0)
    {
      g_set_error_literal (error, RAPPORT_SPREADSHEET_ERROR,
                           RAPPORT_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                           _("This file is not an Excel 97–2003 workbook (.xls)."));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
rapport_xls_read (const char   *path,
                  GCancellable *cancellable,
                  GError      **error)
{
  const void *handle = NULL;
  GPtrArray *rows;
  int status;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_signature (path, error))
    return NULL;

  status = freexl_open (path, &handle);
  if (status != FREEXL_OK)
    {
      if (handle != NULL)
        freexl_close (handle);
      set_open_error (status, error);
      return NULL;
    }

  rows = read_first_sheet (handle, cancellable, error);
  freexl_close (handle);
  return rows;
}
