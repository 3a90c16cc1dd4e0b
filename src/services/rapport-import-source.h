/* rapport-import-source.h
 *
 * The rows of a file to import, whatever its kind: recognised by content
 * (a zip is an .xlsx, an OLE2 compound file an .xls, text beginning with
 * BEGIN:VCARD a vCard, any other text CSV), and read row by row so that a
 * long file is never held twice. A text file is decoded once (its encoding
 * detected, or chosen) and kept as UTF-8; a workbook is read again from the
 * file on each pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-import-job.h"
#include "rapport-text-decode.h"

G_BEGIN_DECLS

typedef struct _RapportImportSource RapportImportSource;

/* The format of a file that begins with @data (@len bytes; the first few
 * hundred are enough): FALSE for an empty file. */
gboolean             rapport_import_source_detect_format (const char          *data,
                                                          gsize                len,
                                                          RapportImportFormat *out_format);

/* Opens @file (blocking: call on a worker). Errors as
 * rapport_import_job_open_async () says. A text file whose byte-order mark
 * says UTF-8 but whose bytes are not is refused, saying so. */
RapportImportSource *rapport_import_source_open          (GFile               *file,
                                                          GCancellable        *cancellable,
                                                          GError             **error);
/* Decodes a text file again with @encoding and splits it on @separator.
 * On failure the source is unchanged. */
gboolean             rapport_import_source_reopen_text   (RapportImportSource *self,
                                                          RapportEncoding      encoding,
                                                          char                 separator,
                                                          GCancellable        *cancellable,
                                                          GError             **error);
void                 rapport_import_source_free          (RapportImportSource *self);

RapportImportFormat  rapport_import_source_get_format    (RapportImportSource *self);
RapportEncoding      rapport_import_source_get_encoding  (RapportImportSource *self);
char                 rapport_import_source_get_separator (RapportImportSource *self);

/* Called for each row with a value (the first is the header row): @row is
 * the number the user finds it by (a text file's line, a sheet's row, a
 * vCard's card number from 1), @cells its @n_cells cells (valid during the
 * call). Return FALSE to stop, with @error set to fail. */
typedef gboolean (*RapportImportRowFunc) (guint               row,
                                          const char * const *cells,
                                          guint               n_cells,
                                          gpointer            user_data,
                                          GError            **error);

/* Reads the rows from the start. TRUE when all were read or @func stopped
 * without an error. A vCard gives a header row (row 0) of field labels, then
 * one row per card whose columns are rapport_import_source_vcard_fields ():
 * ORG, FN, TITLE, the TELs typed "cell", the other TELs, the EMAILs, BDAY
 * (as written when it is not a full date), ADR, NOTE, CATEGORIES and URL,
 * several values joined by "\n". A truncated card fails
 * (RAPPORT_VCARD_ERROR). */
gboolean             rapport_import_source_foreach_row   (RapportImportSource *self,
                                                          RapportImportRowFunc func,
                                                          gpointer             user_data,
                                                          GCancellable        *cancellable,
                                                          GError             **error);

/* The field keys of a vCard's columns (NULL-terminated). */
const char * const  *rapport_import_source_vcard_fields  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportImportSource, rapport_import_source_free)

G_END_DECLS
