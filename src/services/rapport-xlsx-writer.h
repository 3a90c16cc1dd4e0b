/* rapport-xlsx-writer.h
 *
 * Writes a table to an Excel workbook (.xlsx) through libxlsxwriter, for
 * exports: one sheet, a bold frozen header row, columns as wide as their
 * text (within bounds). Cells are text, except a valid "YYYY-MM-DD" (a date
 * cell shown as yyyy-mm-dd) and a plain decimal such as "42" or "-3.25" (a
 * number cell); text that a number cell would change ("007", "1.50", an
 * 11-digit phone number) stays text. Text is truncated to Excel's 32 767
 * characters per cell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @rows holds GStrv rows (shorter ones leave their last cells empty). */
gboolean rapport_xlsx_write (const char         *path,
                             const char * const *header,
                             GPtrArray          *rows,
                             GError            **error);

G_END_DECLS
