/* rapport-xls-reader.h
 *
 * Reads the first worksheet of an old Excel workbook (.xls, BIFF) through
 * freexl, as rows of UTF-8 strings shaped like rapport-xlsx-reader.h's:
 * dates as "YYYY-MM-DD" (date-times "YYYY-MM-DD HH:MM:SS", times
 * "HH:MM:SS"), numbers with up to 15 significant digits (booleans come as
 * 1 and 0: freexl reads them as integers), missing cells as empty strings,
 * trailing empty cells and empty rows left out. Errors are in
 * RAPPORT_SPREADSHEET_ERROR (or G_IO_ERROR).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-xlsx-reader.h"

G_BEGIN_DECLS

/* The rows (each a GStrv) of the first sheet, or NULL with @error set. */
GPtrArray *rapport_xls_read (const char   *path,
                             GCancellable *cancellable,
                             GError      **error);

G_END_DECLS
