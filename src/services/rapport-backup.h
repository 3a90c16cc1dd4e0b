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

G_END_DECLS
