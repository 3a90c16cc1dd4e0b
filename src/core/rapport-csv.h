/* rapport-csv.h
 *
 * Comma-, tab- or semicolon-separated text (RFC 4180: quoted fields, line
 * breaks and doubled quotes inside them), parsed by libcsv.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_CSV_ERROR (rapport_csv_error_quark ())

typedef enum {
  RAPPORT_CSV_ERROR_UNCLOSED_QUOTE,
  RAPPORT_CSV_ERROR_FAILED,
} RapportCsvError;

GQuark     rapport_csv_error_quark          (void);

/* The separator of @text (UTF-8, @len bytes): among ',', '\t' and ';', the one
 * found outside quotes on the first line (the header) and as often on most of
 * the lines after it; ',' when none is. */
char       rapport_csv_detect_separator     (const char  *text,
                                             gsize        len);

/* The records of @text (UTF-8, @len bytes) split on @separator: a GPtrArray of
 * GStrv (one string per field, in order; the array frees them). Records with
 * only empty fields are left out; line ends are LF, CRLF or CR. Unquoted
 * fields lose their surrounding spaces. A quoted field that never closes is
 * RAPPORT_CSV_ERROR_UNCLOSED_QUOTE, naming the line where its record starts. */
GPtrArray *rapport_csv_parse                (const char  *text,
                                             gsize        len,
                                             char         separator,
                                             GError     **error);

/* Called for each record of rapport_csv_foreach_row (): its @n_fields fields
 * (NULL-terminated, valid during the call) and the line it starts on (from 1,
 * counting LF, CRLF and lone CR). FALSE stops the parse. */
typedef gboolean (*RapportCsvRowFunc) (const char * const *fields,
                                       guint               n_fields,
                                       guint               line,
                                       gpointer            user_data);

/* Like rapport_csv_parse (), one record at a time, without holding them all:
 * for long files and for reports that name lines. TRUE when the text was read
 * to its end or @func stopped it. */
gboolean   rapport_csv_foreach_row          (const char         *text,
                                             gsize               len,
                                             char                separator,
                                             RapportCsvRowFunc   func,
                                             gpointer            user_data,
                                             GError            **error);

G_END_DECLS
