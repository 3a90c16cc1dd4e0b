/* rapport-import-dialog.h
 *
 * The import assistant: a file read (format, encoding, separator), its
 * columns matched to fields with a preview, every row checked, the problems
 * fixed or skipped, the duplicates merged, skipped or created, a summary, and
 * the import itself with progress and Cancel. On success it emits "imported"
 * and closes; the window offers Undo Import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-import-job.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_IMPORT_DIALOG (rapport_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportImportDialog, rapport_import_dialog, RAPPORT, IMPORT_DIALOG, AdwWindow)

/* Starts reading @file at once. Actions (group "import"): "next", "back",
 * "cancel" (a check or an import in progress), "choose-file",
 * "save-report", "skip-all-rows", "drop-all-fields", "decide-all" (uint: a
 * RapportImportDecision). Signal "imported" (int64 import id, uint customers
 * created, uint customers merged). */
GtkWidget        *rapport_import_dialog_new      (GtkWindow           *parent,
                                                  RapportSession      *session,
                                                  GFile               *file);

/* The step shown: "opening", "error", "columns", "checking", "problems",
 * "duplicates", "summary", "importing", "cancelled". */
const char       *rapport_import_dialog_get_step (RapportImportDialog *self);
/* (nullable): the job once the file is open. */
RapportImportJob *rapport_import_dialog_get_job  (RapportImportDialog *self);

/* Whether Rapport can try to import a file named @name (by its extension:
 * .csv, .tsv, .txt, .xlsx, .xls, .vcf, .vcard); the content decides the
 * format afterwards. */
gboolean          rapport_import_can_read_name   (const char          *name);

G_END_DECLS
