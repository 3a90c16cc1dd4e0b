/* rapport-backup-manager.h
 *
 * Online backups of the open database (SQLite backup API, in a worker thread),
 * each verified, rotated, listed, and restored in one action that itself makes a
 * backup first. Backups live in one folder, by default
 * $XDG_DATA_HOME/rapport/backups; a new manager first removes what backups and
 * restores killed part-way left there and beside the database (their temporary
 * files, nothing else).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-backup.h"
#include "rapport-database.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_BACKUP_MANAGER (rapport_backup_manager_get_type ())

G_DECLARE_FINAL_TYPE (RapportBackupManager, rapport_backup_manager, RAPPORT, BACKUP_MANAGER, GObject)

RapportBackupManager *rapport_backup_manager_new             (RapportDatabase       *db,
                                                               const char            *backup_dir);
const char           *rapport_backup_manager_get_backup_dir  (RapportBackupManager  *self);
/* GListModel of RapportBackup, newest first; kept up to date. */
GListModel           *rapport_backup_manager_get_backups     (RapportBackupManager  *self);
/* How many automatic backups to keep (property "keep", default 7). */
void                  rapport_backup_manager_set_keep        (RapportBackupManager  *self,
                                                               guint                  keep);
guint                 rapport_backup_manager_get_keep        (RapportBackupManager  *self);
/* Property "automatic" (default TRUE): a daily backup, checked at start-up and
 * every hour against the clock. */
void                  rapport_backup_manager_set_automatic   (RapportBackupManager  *self,
                                                               gboolean               automatic);
gboolean              rapport_backup_manager_get_automatic   (RapportBackupManager  *self);
/* Starts an automatic backup when the newest one is a day old or more.
 * Returns TRUE if one was started. */
gboolean              rapport_backup_manager_back_up_if_due  (RapportBackupManager  *self);
/* Property "busy" (boolean): a backup or restore is running. */
gboolean              rapport_backup_manager_get_busy        (RapportBackupManager  *self);

void                  rapport_backup_manager_back_up_async   (RapportBackupManager  *self,
                                                               RapportBackupReason    reason,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
RapportBackup        *rapport_backup_manager_back_up_finish  (RapportBackupManager  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
/* Backs up the current data first, then replaces it with @backup's; every
 * view is told through RAPPORT_CHANGE_RELOADED. */
void                  rapport_backup_manager_restore_async   (RapportBackupManager  *self,
                                                               RapportBackup         *backup,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean              rapport_backup_manager_restore_finish  (RapportBackupManager  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);

/* Backups found in @backup_dir without an open database (for the dialog shown
 * when the database cannot be opened): only files that are SQLite files at all.
 * GListModel of RapportBackup. */
GListModel           *rapport_backup_list_in_dir              (const char            *backup_dir);
/* Puts a copy of @backup in @database_path's place after moving the current
 * file and its -journal/-wal/-shm aside to "<path>.before-restore-<time>"; for
 * when the database cannot be opened. All or nothing: a failure half-way moves
 * every file back. */
gboolean              rapport_backup_restore_file            (RapportBackup         *backup,
                                                               const char            *database_path,
                                                               GError               **error);

G_END_DECLS
