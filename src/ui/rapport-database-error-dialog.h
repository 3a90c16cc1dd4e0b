/* rapport-database-error-dialog.h
 *
 * What the user sees when a database cannot be opened: a heading and body that
 * say what is wrong with the file, and the ways out that fit the error. The
 * responses are "read-only" (open it read-only), "restore" (go on to pick a
 * backup, in the dialog made by _new_for_backups()), "choose" (open another
 * file) and "quit".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-backup.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DATABASE_ERROR_DIALOG (rapport_database_error_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportDatabaseErrorDialog, rapport_database_error_dialog, RAPPORT, DATABASE_ERROR_DIALOG, AdwMessageDialog)

/* @backups: (nullable): GListModel of RapportBackup that could replace the file */
RapportDatabaseErrorDialog *rapport_database_error_dialog_new                 (GtkWindow                  *parent,
                                                                               const char                 *path,
                                                                               const GError               *error,
                                                                               GListModel                 *backups);
RapportDatabaseErrorDialog *rapport_database_error_dialog_new_for_backups    (GtkWindow                  *parent,
                                                                               const char                 *path,
                                                                               GListModel                 *backups);
const char                 *rapport_database_error_dialog_get_path            (RapportDatabaseErrorDialog *self);
/* The backup picked in a _new_for_backups() dialog, or NULL. */
RapportBackup              *rapport_database_error_dialog_get_selected_backup (RapportDatabaseErrorDialog *self);

G_END_DECLS
