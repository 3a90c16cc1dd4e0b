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

/* The same, a row at a time: nothing is held but the current row (the
 * cells go to the file as they come, the columns' widths are set at the
 * end). Calls may come from any one thread at a time. */
typedef struct _RapportXlsxWriter RapportXlsxWriter;

RapportXlsxWriter *rapport_xlsx_writer_new     (const char          *path,
                                                const char * const  *header,
                                                GError             **error);
gboolean           rapport_xlsx_writer_add_row (RapportXlsxWriter   *self,
                                                const char * const  *row,
                                                GError             **error);
/* Finishes the file and frees @self (the file is removed on failure). */
gboolean           rapport_xlsx_writer_close   (RapportXlsxWriter   *self,
                                                GError             **error);
/* Abandons the file (removed) and frees @self. */
void               rapport_xlsx_writer_free    (RapportXlsxWriter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportXlsxWriter, rapport_xlsx_writer_free)

G_END_DECLS
