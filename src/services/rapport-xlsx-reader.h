/* rapport-xlsx-reader.h
 *
 * Reads the first worksheet of an Excel workbook (.xlsx) as rows of UTF-8
 * strings, for imports. The zip is opened with libarchive and its XML parts
 * read with libxml2's streaming reader. Cells come as Excel shows their value:
 * shared and inline strings (rich text runs joined, phonetic guides left out),
 * numbers with up to 15 significant digits, booleans as "TRUE" / "FALSE",
 * and serial numbers in a date style as "YYYY-MM-DD" (with
 * " HH:MM:SS" for a date-and-time style, "HH:MM:SS" for a time style).
 * Missing cells inside a row are empty strings; trailing empty cells are left
 * out, and so are rows without any value.
 *
 * RAPPORT_SPREADSHEET_ERROR is shared with rapport-xls-reader.h. Messages are
 * user-facing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RAPPORT_SPREADSHEET_ERROR (rapport_spreadsheet_error_quark ())

typedef enum
{
  RAPPORT_SPREADSHEET_ERROR_NOT_SPREADSHEET, /* not a workbook of the expected kind */
  RAPPORT_SPREADSHEET_ERROR_DAMAGED,         /* a workbook, but truncated or not well-formed */
  RAPPORT_SPREADSHEET_ERROR_TOO_LARGE,       /* a part unpacks past RAPPORT_XLSX_MAX_PART_SIZE */
  RAPPORT_SPREADSHEET_ERROR_ENCRYPTED,       /* protected by a password */
} RapportSpreadsheetError;

/* No part of a workbook may unpack larger than this: a guard against zip bombs. */
#define RAPPORT_XLSX_MAX_PART_SIZE ((gint64) 200 * 1024 * 1024)

GQuark rapport_spreadsheet_error_quark (void);

/* Called for each row with a value, @row_number counting from 1 as in the
 * sheet (rows left out make gaps). Return FALSE with @error set to stop. */
typedef gboolean (*RapportXlsxRowFunc) (guint               row_number,
                                        const char * const *cells,
                                        gpointer            user_data,
                                        GError            **error);

/* Reads the workbook at @path, or in @bytes when @path is NULL. */
gboolean   rapport_xlsx_read_foreach (const char         *path,
                                      GBytes             *bytes,
                                      RapportXlsxRowFunc  func,
                                      gpointer            user_data,
                                      GCancellable       *cancellable,
                                      GError            **error);

/* The rows (each a GStrv) of the first sheet, or NULL with @error set. */
GPtrArray *rapport_xlsx_read         (const char         *path,
                                      GCancellable       *cancellable,
                                      GError            **error);
GPtrArray *rapport_xlsx_read_bytes   (GBytes             *bytes,
                                      GCancellable       *cancellable,
                                      GError            **error);

G_END_DECLS
