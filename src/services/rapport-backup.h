/* rapport-backup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_BACKUP_REASON_AUTOMATIC,
  RAPPORT_BACKUP_REASON_MANUAL,
  RAPPORT_BACKUP_REASON_BEFORE_MIGRATION,
  RAPPORT_BACKUP_REASON_BEFORE_RESTORE,
} RapportBackupReason;

#define RAPPORT_TYPE_BACKUP (rapport_backup_get_type ())

G_DECLARE_FINAL_TYPE (RapportBackup, rapport_backup, RAPPORT, BACKUP, GObject)

/* Properties: "path" (string), "created-at" (int64, unix seconds),
 * "size" (uint64, bytes), "reason" (RapportBackupReason). */
const char          *rapport_backup_get_path        (RapportBackup *self);
gint64               rapport_backup_get_created_at  (RapportBackup *self);
guint64              rapport_backup_get_size        (RapportBackup *self);
RapportBackupReason  rapport_backup_get_reason      (RapportBackup *self);
/* Translated: "Automatic", "Before upgrade", ... */
const char          *rapport_backup_reason_get_label (RapportBackupReason reason);

#define RAPPORT_TYPE_BACKUP_REASON (rapport_backup_reason_get_type ())

GType                rapport_backup_reason_get_type    (void) G_GNUC_CONST;
/* The stable key used in file names: "automatic", "manual", "before-migration",
 * "before-restore". from_string returns FALSE for anything else. */
const char          *rapport_backup_reason_to_string   (RapportBackupReason  reason);
gboolean             rapport_backup_reason_from_string (const char          *str,
                                                        RapportBackupReason *out);

/* A backup file is named "rapport-YYYYMMDD-HHMMSSZ-<reason>[-N].db", the time
 * in UTC (whatever the time zone of @time), so that a change of daylight-saving
 * time or of time zone moves no backup; N (from 1; none for @sequence 0) tells
 * apart backups made in the same second, as the store names its
 * before-migration backups. Returns the base name (no folder). */
char                *rapport_backup_build_file_name    (GDateTime           *time,
                                                        RapportBackupReason  reason,
                                                        guint                sequence);
/* Whether @name (a base name) is a backup's: the names above, and those of
 * earlier versions, "rapport-YYYYMMDD-HHMMSS-<reason>[-N].db" in local time. */
gboolean             rapport_backup_is_file_name       (const char          *name);
/* The backup at @path, or NULL when its name is not a backup's name or the file
 * cannot be read. */
RapportBackup       *rapport_backup_new_for_file       (const char          *path);
/* GCompareFunc order of a backup list: newest first. */
int                  rapport_backup_compare            (gconstpointer        a,
                                                        gconstpointer        b);

G_END_DECLS
