/* rapport-import-problem-private.h
 *
 * What the import job changes in its problems and duplicates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-import-job.h"

G_BEGIN_DECLS

RapportImportProblem   *_rapport_import_problem_new            (guint                   row,
                                                                guint                   column,
                                                                const char             *column_name,
                                                                const char             *field,
                                                                const char             *value,
                                                                const char             *message);
void                    _rapport_import_problem_set_value      (RapportImportProblem   *self,
                                                                const char             *value);
void                    _rapport_import_problem_set_action     (RapportImportProblem   *self,
                                                                RapportImportAction     action);

/* @same_code: a duplicate of an earlier row with the same customer code
 * (CREATE refused). */
RapportImportDuplicate *_rapport_import_duplicate_new          (const char             *name,
                                                                const char             *rows,
                                                                gint64                  existing_id,
                                                                const char             *existing_name,
                                                                const char             *reason,
                                                                gboolean                same_code);
void                    _rapport_import_duplicate_add_conflict (RapportImportDuplicate *self,
                                                                const char             *field,
                                                                const char             *stored_value,
                                                                const char             *incoming_value);
gboolean                _rapport_import_duplicate_get_same_code (RapportImportDuplicate *self);
/* The conflicting fields the user chose to overwrite. */
GStrv                   _rapport_import_duplicate_dup_overwrite (RapportImportDuplicate *self);
/* The decision and overwrites of @previous (an earlier analysis). */
void                    _rapport_import_duplicate_copy_choices (RapportImportDuplicate *self,
                                                                RapportImportDuplicate *previous);

G_END_DECLS
