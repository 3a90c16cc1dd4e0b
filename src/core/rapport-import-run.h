/* rapport-import-run.h
 *
 * One import in the history: its file, when, what it did, and whether it was
 * undone (rapport_store_list_imports).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_IMPORT_RUN (rapport_import_run_get_type ())

G_DECLARE_FINAL_TYPE (RapportImportRun, rapport_import_run, RAPPORT, IMPORT_RUN, GObject)

/* Read-only properties: "id" (int64), "file-name" (string: the file's
 * display name), "format" (string: "csv", "xlsx", "xls", "vcard"),
 * "imported-at" (int64, unix seconds), "n-created" (uint: customers
 * created), "n-merged" (uint: customers merged into), "n-skipped" (uint:
 * rows skipped), "n-contacts" (uint: contacts created), "undone-at" (int64,
 * 0 while not undone). */
RapportImportRun *rapport_import_run_new              (gint64            id,
                                                       const char       *file_name,
                                                       const char       *format,
                                                       gint64            imported_at,
                                                       guint             n_created,
                                                       guint             n_merged,
                                                       guint             n_skipped,
                                                       guint             n_contacts,
                                                       gint64            undone_at);
gint64            rapport_import_run_get_id           (RapportImportRun *self);
const char       *rapport_import_run_get_file_name    (RapportImportRun *self);
const char       *rapport_import_run_get_format       (RapportImportRun *self);
gint64            rapport_import_run_get_imported_at  (RapportImportRun *self);
guint             rapport_import_run_get_n_created    (RapportImportRun *self);
guint             rapport_import_run_get_n_merged     (RapportImportRun *self);
guint             rapport_import_run_get_n_skipped    (RapportImportRun *self);
guint             rapport_import_run_get_n_contacts   (RapportImportRun *self);
gint64            rapport_import_run_get_undone_at    (RapportImportRun *self);

G_END_DECLS
