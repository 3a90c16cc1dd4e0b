/* rapport-csv-writer.h
 *
 * CSV out, for exports and reports: RFC 4180 quoting, a guard against
 * formula injection, and the encodings Excel opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-text-decode.h"

G_BEGIN_DECLS

/* Cells that a spreadsheet would run as a formula, made text (OWASP's CSV
 * injection advice): a cell starting with '=', '@', a tab or a carriage
 * return gets a leading apostrophe ("=HYPERLINK(…)" becomes
 * "'=HYPERLINK(…)"). So does a cell starting with '+' or '-', unless the rest
 * is only digits, spaces and ". , ( ) / -": a phone number
 * ("+86 138 0013 8000") or a signed number ("-12.5", a lone "-") calls
 * nothing, so it stays as written and exported phones and amounts remain
 * usable in the sheet; "-2+3+cmd|…", "+A1", "-SUM(…)" are escaped. A newly
 * allocated string; NULL gives "". */
char             *rapport_csv_escape_formula  (const char          *cell);

typedef struct _RapportCsvWriter RapportCsvWriter;

/* A writer of rows to @stream (a reference is taken) in @encoding: UTF-8
 * starts with a byte-order mark, so that Excel reads it as UTF-8 rather than
 * the system's code page; UTF-16LE and UTF-16BE start with theirs (Excel's
 * "Unicode text", best with '\t'); GB18030 (the "GBK" Chinese Excel and WPS
 * expect, and a superset of it) has none. @separator is ',', ';' or '\t'.
 * Output is buffered: nothing reaches @stream before the buffer fills or
 * rapport_csv_writer_close () is called. */
RapportCsvWriter *rapport_csv_writer_new      (GOutputStream       *stream,
                                               RapportEncoding      encoding,
                                               char                 separator);

/* Writes one record of @n_cells @cells (NULL cells are empty), each passed
 * through rapport_csv_escape_formula (), quoted when it holds the separator,
 * a double quote, a CR or a LF, or starts or ends with a space (quotes
 * doubled inside); the record ends in CRLF. Fails with G_IO_ERROR_CANCELLED
 * as soon as @cancellable is cancelled, the stream's G_IO_ERROR, or a
 * G_CONVERT_ERROR naming the row when a cell cannot be written in the
 * writer's encoding (@cells must be UTF-8). */
gboolean          rapport_csv_writer_write_row (RapportCsvWriter   *self,
                                               const char * const  *cells,
                                               guint                n_cells,
                                               GCancellable        *cancellable,
                                               GError             **error);

/* Writes what is buffered and closes the stream. */
gboolean          rapport_csv_writer_close    (RapportCsvWriter    *self,
                                               GCancellable        *cancellable,
                                               GError             **error);

/* Frees @self; what is still buffered (no close) is dropped, and the stream is
 * left open. */
void              rapport_csv_writer_free     (RapportCsvWriter    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCsvWriter, rapport_csv_writer_free)

G_END_DECLS
