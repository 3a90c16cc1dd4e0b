/* rapport-import-history-dialog.h
 *
 * The imports of a book, newest first: their file, time and counts, and Undo
 * for the newest one not yet undone (after a confirmation).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_IMPORT_HISTORY_DIALOG (rapport_import_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportImportHistoryDialog, rapport_import_history_dialog, RAPPORT, IMPORT_HISTORY_DIALOG, AdwWindow)

/* Action "history.undo" (int64: the import's id) asks for confirmation,
 * then undoes it on a worker and lists the imports again. */
GtkWidget *rapport_import_history_dialog_new (GtkWindow      *parent,
                                              RapportSession *session);

G_END_DECLS
