/* rapport-backup-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-backup-manager"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rapport-backup-manager.h"
#include "rapport-backup-manager-private.h"
#include "rapport-clock.h"

#define DEFAULT_KEEP            7
/* Backups made for other reasons than the daily one: how many of each to keep. */
#define KEEP_OTHER              5
#define AUTOMATIC_INTERVAL      (24 * 60 * 60)
#define CHECK_INTERVAL_SECONDS  (60 * 60)

struct _RapportBackupManager
{
  GObject parent_instance;

  /* Owned */
  RapportDatabase *db;
  char            *backup_dir;
  GListStore      *backups;
  GCancellable    *cancellable;

  guint            keep;
  guint            n_running;
  guint            idle_id;
  guint            timeout_id;
  gboolean         automatic;
};

G_DEFINE_FINAL_TYPE (RapportBackupManager, rapport_backup_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_BACKUP_DIR,
  PROP_BACKUPS,
  PROP_KEEP,
  PROP_AUTOMATIC,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a back-up worker needs and finds; read by the main thread once it is done. */
typedef struct
{
  RapportDatabase     *db;
  char                *backup_dir;
  /* The backup about to be restored: never rotated away under the user's feet. */
  char                *protect_path;
  RapportBackupReason  reason;
  guint                keep;
  gint64               now;

  RapportBackup       *result;
  GPtrArray           *listing;
} BackupJob;

typedef struct
{
  RapportDatabase *db;
  RapportBackup   *backup;
} RestoreJob;

static void
backup_job_free (BackupJob *job)
{
  g_clear_object (&job->db);
  g_clear_pointer (&job->backup_dir, g_free);
  g_clear_pointer (&job->protect_path, g_free);
  g_clear_object (&job->result);
  g_clear_pointer (&job->listing, g_ptr_array_unref);
  g_free (job);
}

static void
restore_job_free (RestoreJob *job)
{
  g_clear_object (&job->db);
  g_clear_object (&job->backup);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BackupJob, backup_job_free)

/* Helpers (any thread) */

static int
compare_backup_pointers (gconstpointer a,
                         gconstpointer b)
{
  return rapport_backup_compare (*(RapportBackup * const *) a, *(RapportBackup * const *) b);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED);
}

static GPtrArray *
scan_dir (const char *backup_dir)
{
  g_autoptr(GPtrArray) listing = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (backup_dir, 0, NULL);
  if (dir == NULL)
    return g_steal_pointer (&listing);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (backup_dir, name, NULL);
      RapportBackup *backup = rapport_backup_new_for_file (path);

      if (backup != NULL)
        g_ptr_array_add (listing, backup);
    }

  g_ptr_array_sort (listing, compare_backup_pointers);

  return g_steal_pointer (&listing);
}

/* A backup, or a database, comes with the journal files SQLite may leave. */
static void
remove_with_journals (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_debug ("Could not remove %s: %s", file, g_strerror (errno));
    }
}

/* Places (backup folders, databases) where a backup or restore of this
 * process is writing temporary files right now, with how many: the sweep of
 * leftovers keeps out of them. Backup folders are one per database file, so
 * another process does not write in ours. */
G_LOCK_DEFINE_STATIC (busy_places);
static GHashTable *busy_places;

static void
hold_place (const char *path)
{
  G_LOCK (busy_places);
  if (busy_places == NULL)
    busy_places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (busy_places, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (busy_places, path)) + 1));
  G_UNLOCK (busy_places);
}

static void
release_place (const char *path)
{
  guint n;

  G_LOCK (busy_places);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (busy_places, path));
  g_assert (n > 0);
  if (n == 1)
    g_hash_table_remove (busy_places, path);
  else
    g_hash_table_insert (busy_places, g_strdup (path), GUINT_TO_POINTER (n - 1));
  if (g_hash_table_size (busy_places) == 0)
    g_clear_pointer (&busy_places, g_hash_table_unref);
  G_UNLOCK (busy_places);
}

static gboolean
place_is_busy (const char *path)
{
  gboolean busy;

  G_LOCK (busy_places);
  busy = busy_places != NULL && g_hash_table_contains (busy_places, path);
  G_UNLOCK (busy_places);

  return busy;
}

/* @name without a -journal, -wal or -shm at its end. */
static char *
strip_companion_suffix (const char *name)
{
  static const char * const suffixes[] = { "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i]))
      return g_strndup (name, strlen (name) - strlen (suffixes[i]));

  return g_strdup (name);
}

/* The temporary files of a backup that never finished, each possibly with a
 * -journal, -wal or -shm: ".<backup>.partial" (the store's, now),
 * ".<backup>.tmp" and ".<backup>.tmp.partial" (the manager's, before) and
 * "<backup>.partial" (the store's before-upgrade backups, before), where
 * <backup> is a backup's name. */
static gboolean
is_temporary_backup_name (const char *name)
{
  static const char * const suffixes[] = { ".tmp.partial", ".tmp", ".partial" };
  g_autofree char *stem = strip_companion_suffix (name);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *inner = NULL;

      if (!g_str_has_suffix (stem, suffixes[i]))
        continue;

      inner = g_strndup (stem, strlen (stem) - strlen (suffixes[i]));
      if (inner[0] == '.' && rapport_backup_is_file_name (inner + 1))
        return TRUE;
      if (g_str_equal (suffixes[i], ".partial") && rapport_backup_is_file_name (inner))
        return TRUE;
      return FALSE;
    }

  return FALSE;
}

/* A -wal (empty) or -shm that reading a backup left beside it, as earlier
 * versions did when they verified one. Backups are never written to, so such
 * a log holds nothing; a -journal is left alone all the same. */
static gboolean
is_stale_backup_companion (const char *dir,
                           const char *name)
{
  g_autofree char *stem = NULL;
  g_autofree char *wal = NULL;
  GStatBuf st;

  if (!g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
    return FALSE;

  stem = strip_companion_suffix (name);
  if (!rapport_backup_is_file_name (stem))
    return FALSE;

  wal = g_strconcat (dir, G_DIR_SEPARATOR_S, stem, "-wal", NULL);

  return g_stat (wal, &st) != 0 || st.st_size == 0;
}

/* What a backup or restore killed part-way left: in the backup folder, the
 * temporary files above; beside the database, "<database>.restoring" and its
 * companions. Only those names: nothing else in either folder is touched. */
static void
sweep_leftovers (const char *backup_dir,
                 const char *database_path)
{
  static const char * const restoring_suffixes[] = { "", "-journal", "-wal", "-shm" };

  if (!place_is_busy (backup_dir))
    {
      g_autoptr(GDir) dir = g_dir_open (backup_dir, 0, NULL);
      g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (is_temporary_backup_name (name) || is_stale_backup_companion (backup_dir, name))
          g_ptr_array_add (doomed, g_build_filename (backup_dir, name, NULL));

      for (guint i = 0; i < doomed->len; i++)
        {
          const char *path = g_ptr_array_index (doomed, i);

          if (g_unlink (path) == 0)
            g_debug ("Removed the leftover %s", path);
          else if (errno != ENOENT)
            g_debug ("Could not remove the leftover %s: %s", path, g_strerror (errno));
        }
    }

  if (database_path != NULL && !place_is_busy (database_path))
    {
      for (guint i = 0; i < G_N_ELEMENTS (restoring_suffixes); i++)
        {
          g_autofree char *path = g_strconcat (database_path, ".restoring", restoring_suffixes[i], NULL);

          if (g_unlink (path) == 0)
            g_debug ("Removed the leftover %s", path);
          else if (errno != ENOENT)
            g_debug ("Could not remove the leftover %s: %s", path, g_strerror (errno));
        }
    }
}

static void
rotate (GPtrArray  *listing,
        guint       keep,
        const char *protect_path)
{
  guint counts[RAPPORT_BACKUP_REASON_BEFORE_RESTORE + 1] = { 0, };

  for (guint i = 0; i < listing->len;)
    {
      RapportBackup *backup = g_ptr_array_index (listing, i);
      RapportBackupReason reason = rapport_backup_get_reason (backup);
      guint limit = reason == RAPPORT_BACKUP_REASON_AUTOMATIC ? keep : KEEP_OTHER;

      if (counts[reason] >= limit &&
          g_strcmp0 (rapport_backup_get_path (backup), protect_path) != 0)
        {
          g_debug ("Rotating out %s", rapport_backup_get_path (backup));
          remove_with_journals (rapport_backup_get_path (backup));
          g_ptr_array_remove_index (listing, i);
          continue;
        }

      counts[reason]++;
      i++;
    }
}

static gboolean
ensure_backup_dir (const char  *backup_dir,
                   GError     **error)
{
  if (g_mkdir_with_parents (backup_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the backup folder “%s”: %s"),
                   backup_dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_access (backup_dir, W_OK) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The backup folder “%s” is not writable"),
                   backup_dir);
      return FALSE;
    }

  return TRUE;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;

  return st.st_size;
}

/* A backup is about the size of the database and its write-ahead log: say so
 * before starting rather than fail half way with a cryptic SQLite error. */
static gboolean
check_free_space (const char  *backup_dir,
                  const char  *database_path,
                  GError     **error)
{
  g_autoptr(GFile) dir = g_file_new_for_path (backup_dir);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *wal_path = g_strconcat (database_path, "-wal", NULL);
  guint64 needed = file_size (database_path) + file_size (wal_path);
  guint64 available;

  info = g_file_query_filesystem_info (dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    return TRUE;

  available = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
  if (available < needed)
    {
      g_autofree char *needed_str = g_format_size (needed);
      g_autofree char *available_str = g_format_size (available);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Not enough disk space for a backup in “%s”: %s needed, %s free"),
                   backup_dir, needed_str, available_str);
      return FALSE;
    }

  return TRUE;
}

static char *
choose_backup_path (const char          *backup_dir,
                    gint64               now,
                    RapportBackupReason  reason)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (now);

  for (guint sequence = 0; ; sequence++)
    {
      g_autofree char *name = rapport_backup_build_file_name (time, reason, sequence);
      g_autofree char *path = g_build_filename (backup_dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

static gboolean
back_up (BackupJob     *job,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(RapportDatabase) worker = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!ensure_backup_dir (job->backup_dir, error))
    return FALSE;

  if (!check_free_space (job->backup_dir, rapport_database_get_path (job->db), error))
    return FALSE;

  path = choose_backup_path (job->backup_dir, job->now, job->reason);

  worker = rapport_database_open_worker (job->db, error);
  if (worker == NULL)
    return FALSE;

  /* The store writes the copy under a hidden temporary name, checks it (once:
   * quick_check), syncs it and only then gives it @path, so a half-written
   * backup never shows up as one; a failed one leaves nothing behind. */
  if (!rapport_database_backup_to (worker, path, cancellable, &local_error))
    {
      if (is_cancelled (local_error))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The backup was cancelled"));
          return FALSE;
        }

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write a backup to “%s”: %s"),
                   job->backup_dir, local_error->message);
      return FALSE;
    }

  g_clear_object (&worker);

  job->result = rapport_backup_new_for_file (path);
  if (job->result == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The backup “%s” disappeared after it was written"), path);
      return FALSE;
    }

  job->listing = scan_dir (job->backup_dir);
  rotate (job->listing, job->keep, job->protect_path);

  return TRUE;
}

static void
back_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;

  if (!back_up (job, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
restore (RestoreJob    *job,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(RapportDatabase) worker = NULL;
  g_autoptr(GError) local_error = NULL;

  /* The store verifies the backup (once) before it replaces anything. */
  worker = rapport_database_open_worker (job->db, error);
  if (worker == NULL)
    return FALSE;

  if (!rapport_database_restore_from (worker, rapport_backup_get_path (job->backup),
                                      cancellable, &local_error))
    {
      if (is_cancelled (local_error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The restore was cancelled"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  /* The worker connection is closed before the main thread hears back. */
  if (!restore (task_data, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Helpers (main thread) */

static void
hold_busy (RapportBackupManager *self)
{
  if (self->n_running++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
release_busy (RapportBackupManager *self)
{
  g_assert (self->n_running > 0);

  if (--self->n_running == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Brings the list store to @listing (both newest first) with exact changes. */
static void
sync_backups (RapportBackupManager *self,
              GPtrArray            *listing)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  guint i = 0;
  guint j = 0;

  for (guint k = 0; k < listing->len; k++)
    g_hash_table_add (wanted, (gpointer) rapport_backup_get_path (g_ptr_array_index (listing, k)));

  while (i < g_list_model_get_n_items (G_LIST_MODEL (self->backups)) || j < listing->len)
    {
      g_autoptr(RapportBackup) have = g_list_model_get_item (G_LIST_MODEL (self->backups), i);
      RapportBackup *want = j < listing->len ? g_ptr_array_index (listing, j) : NULL;

      if (have != NULL && want != NULL &&
          g_str_equal (rapport_backup_get_path (have), rapport_backup_get_path (want)))
        {
          i++;
          j++;
        }
      else if (have != NULL &&
               !g_hash_table_contains (wanted, rapport_backup_get_path (have)))
        {
          g_list_store_remove (self->backups, i);
        }
      else
        {
          g_assert (want != NULL);
          g_list_store_insert (self->backups, i, want);
          i++;
          j++;
        }
    }
}

static RapportBackup *
find_newest_automatic (RapportBackupManager *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->backups));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportBackup) backup = g_list_model_get_item (G_LIST_MODEL (self->backups), i);

      if (rapport_backup_get_reason (backup) == RAPPORT_BACKUP_REASON_AUTOMATIC)
        return g_steal_pointer (&backup);
    }

  return NULL;
}

static void
start_back_up (RapportBackupManager *self,
               RapportBackupReason   reason,
               const char           *protect_path,
               GCancellable         *cancellable,
               GAsyncReadyCallback   callback,
               gpointer              user_data);

/* Callbacks */

/* The worker tasks have no source object and their data lets go of the
 * database here, on the main thread: the worker thread may drop the last
 * reference to its task, and must not be the one to finalize the manager or the
 * database. */
static void
backed_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RapportBackupManager *self = g_task_get_source_object (task);
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  g_clear_object (&job->db);
  release_place (job->backup_dir);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Another process, or a failed rotation, may have changed the folder. */
      g_autoptr(GPtrArray) listing = scan_dir (self->backup_dir);

      sync_backups (self, listing);
      release_busy (self);
      g_task_return_error (task, error);
      return;
    }

  sync_backups (self, job->listing);
  release_busy (self);
  g_task_return_pointer (task, g_steal_pointer (&job->result), g_object_unref);
}

static void
automatic_backed_up_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;

  backup = rapport_backup_manager_back_up_finish (RAPPORT_BACKUP_MANAGER (object), result, &error);
  if (backup == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Automatic backup failed: %s", error->message);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RapportBackupManager *self = g_task_get_source_object (task);
  RestoreJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  release_place (rapport_database_get_path (job->db));
  g_clear_object (&job->db);

  release_busy (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!is_cancelled (error))
        g_prefix_error (&error, _("Could not restore the backup: "));
      g_task_return_error (task, error);
      return;
    }

  /* The worker's connection announced the reload on the change bus: views
   * have it by the time the caller hears of the restore. */
  rapport_change_bus_flush (rapport_database_get_change_bus (self->db));
  g_task_return_boolean (task, TRUE);
}

static void
backed_up_before_restore_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  RapportBackupManager *self = RAPPORT_BACKUP_MANAGER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(RapportBackup) safety = NULL;
  g_autoptr(GTask) restore_task = NULL;
  GCancellable *cancellable;
  RestoreJob *job;
  GError *error = NULL;

  safety = rapport_backup_manager_back_up_finish (self, result, &error);
  if (safety == NULL)
    {
      release_busy (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("Nothing was restored, because the current data could not be backed up first: "));
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      release_busy (self);
      return;
    }

  job = g_new0 (RestoreJob, 1);
  job->db = g_object_ref (self->db);
  job->backup = g_object_ref (g_task_get_task_data (task));
  /* An older backup is migrated in "<database>.restoring" first. */
  hold_place (rapport_database_get_path (job->db));

  cancellable = g_task_get_cancellable (task);
  restore_task = g_task_new (NULL, cancellable, restored_cb, g_steal_pointer (&task));
  g_task_set_source_tag (restore_task, backed_up_before_restore_cb);
  g_task_set_task_data (restore_task, job, (GDestroyNotify) restore_job_free);
  g_task_run_in_thread (restore_task, restore_thread);
}

static gboolean
check_due_cb (gpointer user_data)
{
  RapportBackupManager *self = user_data;

  rapport_backup_manager_back_up_if_due (self);

  return G_SOURCE_CONTINUE;
}

static gboolean
check_due_at_start_cb (gpointer user_data)
{
  RapportBackupManager *self = user_data;

  self->idle_id = 0;
  rapport_backup_manager_back_up_if_due (self);

  return G_SOURCE_REMOVE;
}

static void
start_back_up (RapportBackupManager *self,
               RapportBackupReason   reason,
               const char           *protect_path,
               GCancellable         *cancellable,
               GAsyncReadyCallback   callback,
               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker_task = NULL;
  BackupJob *job;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_backup_manager_back_up_async);

  job = g_new0 (BackupJob, 1);
  job->db = g_object_ref (self->db);
  job->backup_dir = g_strdup (self->backup_dir);
  job->protect_path = g_strdup (protect_path);
  job->reason = reason;
  job->keep = self->keep;
  job->now = rapport_clock_now (rapport_database_get_clock (self->db));

  hold_busy (self);
  hold_place (job->backup_dir);

  worker_task = g_task_new (NULL, cancellable, backed_up_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker_task, start_back_up);
  g_task_set_task_data (worker_task, job, (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (worker_task, back_up_thread);
}

static void
update_schedule (RapportBackupManager *self)
{
  if (self->automatic)
    {
      if (self->timeout_id == 0)
        self->timeout_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, check_due_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->idle_id, g_source_remove);
      g_clear_handle_id (&self->timeout_id, g_source_remove);
    }
}

/* GObject */

static void
rapport_backup_manager_constructed (GObject *object)
{
  RapportBackupManager *self = RAPPORT_BACKUP_MANAGER (object);
  g_autoptr(GPtrArray) listing = NULL;

  G_OBJECT_CLASS (rapport_backup_manager_parent_class)->constructed (object);

  g_assert (RAPPORT_IS_DATABASE (self->db));

  if (self->backup_dir == NULL)
    self->backup_dir = g_build_filename (g_get_user_data_dir (), "rapport", "backups", NULL);

  sweep_leftovers (self->backup_dir,
                   g_strcmp0 (rapport_database_get_path (self->db), ":memory:") != 0
                   ? rapport_database_get_path (self->db) : NULL);

  listing = scan_dir (self->backup_dir);
  sync_backups (self, listing);

  if (self->automatic)
    {
      self->idle_id = g_idle_add (check_due_at_start_cb, self);
      update_schedule (self);
    }
}

static void
rapport_backup_manager_dispose (GObject *object)
{
  RapportBackupManager *self = RAPPORT_BACKUP_MANAGER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (rapport_backup_manager_parent_class)->dispose (object);
}

static void
rapport_backup_manager_finalize (GObject *object)
{
  RapportBackupManager *self = RAPPORT_BACKUP_MANAGER (object);

  g_clear_object (&self->db);
  g_clear_object (&self->backups);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->backup_dir, g_free);

  G_OBJECT_CLASS (rapport_backup_manager_parent_class)->finalize (object);
}

static void
rapport_backup_manager_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RapportBackupManager *self = RAPPORT_BACKUP_MANAGER (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;

    case PROP_BACKUP_DIR:
      g_value_set_string (value, self->backup_dir);
      break;

    case PROP_BACKUPS:
      g_value_set_object (value, self->backups);
      break;

    case PROP_KEEP:
      g_value_set_uint (value, self->keep);
      break;

    case PROP_AUTOMATIC:
      g_value_set_boolean (value, self->automatic);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->n_running > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_backup_manager_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RapportBackupManager *self = RAPPORT_BACKUP_MANAGER (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;

    case PROP_BACKUP_DIR:
      self->backup_dir = g_value_dup_string (value);
      break;

    case PROP_KEEP:
      rapport_backup_manager_set_keep (self, g_value_get_uint (value));
      break;

    case PROP_AUTOMATIC:
      rapport_backup_manager_set_automatic (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_backup_manager_class_init (RapportBackupManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rapport_backup_manager_constructed;
  object_class->dispose = rapport_backup_manager_dispose;
  object_class->finalize = rapport_backup_manager_finalize;
  object_class->get_property = rapport_backup_manager_get_property;
  object_class->set_property = rapport_backup_manager_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         RAPPORT_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKUP_DIR] =
    g_param_spec_string ("backup-dir", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKUPS] =
    g_param_spec_object ("backups", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEP] =
    g_param_spec_uint ("keep", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_KEEP,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOMATIC] =
    g_param_spec_boolean ("automatic", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_backup_manager_init (RapportBackupManager *self)
{
  self->backups = g_list_store_new (RAPPORT_TYPE_BACKUP);
  self->cancellable = g_cancellable_new ();
  self->keep = DEFAULT_KEEP;
  self->automatic = TRUE;
}

/* Public API */

/**
 * rapport_backup_manager_new:
 * @db: the open database
 * @backup_dir: (nullable): the backup folder, or %NULL for
 *   $XDG_DATA_HOME/rapport/backups
 *
 * When "automatic" is on (the default), the manager checks from the next idle
 * moment, then every hour, whether the daily backup is due.
 *
 * Returns: (transfer full): a new backup manager
 */
RapportBackupManager *
rapport_backup_manager_new (RapportDatabase *db,
                            const char      *backup_dir)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);

  return g_object_new (RAPPORT_TYPE_BACKUP_MANAGER,
                       "database", db,
                       "backup-dir", backup_dir,
                       NULL);
}

const char *
rapport_backup_manager_get_backup_dir (RapportBackupManager *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP_MANAGER (self), NULL);

  return self->backup_dir;
}

/**
 * rapport_backup_manager_get_backups:
 * @self: a #RapportBackupManager
 *
 * Returns: (transfer none): a #GListModel of #RapportBackup, newest first
 */
GListModel *
rapport_backup_manager_get_backups (RapportBackupManager *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP_MANAGER (self), NULL);

  return G_LIST_MODEL (self->backups);
}

void
rapport_backup_manager_set_keep (RapportBackupManager *self,
                                 guint                 keep)
{
  g_return_if_fail (RAPPORT_IS_BACKUP_MANAGER (self));
  g_return_if_fail (keep >= 1);

  if (self->keep == keep)
    return;

  self->keep = keep;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP]);
}

guint
rapport_backup_manager_get_keep (RapportBackupManager *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP_MANAGER (self), 0);

  return self->keep;
}

void
rapport_backup_manager_set_automatic (RapportBackupManager *self,
                                      gboolean              automatic)
{
  g_return_if_fail (RAPPORT_IS_BACKUP_MANAGER (self));

  automatic = !!automatic;
  if (self->automatic == automatic)
    return;

  self->automatic = automatic;
  update_schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOMATIC]);
}

gboolean
rapport_backup_manager_get_automatic (RapportBackupManager *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP_MANAGER (self), FALSE);

  return self->automatic;
}

gboolean
rapport_backup_manager_get_busy (RapportBackupManager *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP_MANAGER (self), FALSE);

  return self->n_running > 0;
}

/**
 * rapport_backup_manager_back_up_if_due:
 * @self: a #RapportBackupManager
 *
 * Starts an automatic backup when none exists or the newest is a day old or
 * more (by the database's #RapportClock). Its failure is logged; the next check
 * tries again.
 *
 * Returns: %TRUE if a backup was started
 */
gboolean
rapport_backup_manager_back_up_if_due (RapportBackupManager *self)
{
  g_autoptr(RapportBackup) newest = NULL;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_BACKUP_MANAGER (self), FALSE);

  if (self->n_running > 0)
    return FALSE;

  now = rapport_clock_now (rapport_database_get_clock (self->db));
  newest = find_newest_automatic (self);
  if (newest != NULL && now - rapport_backup_get_created_at (newest) < AUTOMATIC_INTERVAL)
    return FALSE;

  start_back_up (self, RAPPORT_BACKUP_REASON_AUTOMATIC, NULL, self->cancellable,
                 automatic_backed_up_cb, NULL);

  return TRUE;
}

/**
 * rapport_backup_manager_back_up_async:
 * @self: a #RapportBackupManager
 * @reason: why the backup is made (decides how long it is kept)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Copies the database with SQLite's backup API in a worker thread, checks the
 * copy, then rotates old backups. The list of backups is up to date when
 * @callback runs.
 */
void
rapport_backup_manager_back_up_async (RapportBackupManager *self,
                                      RapportBackupReason   reason,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_return_if_fail (RAPPORT_IS_BACKUP_MANAGER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_back_up (self, reason, NULL, cancellable, callback, user_data);
}

/**
 * rapport_backup_manager_back_up_finish:
 *
 * Returns: (transfer full): the new backup, or %NULL with @error set
 */
RapportBackup *
rapport_backup_manager_back_up_finish (RapportBackupManager  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP_MANAGER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rapport_backup_manager_restore_async:
 * @self: a #RapportBackupManager
 * @backup: the backup to bring back
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes a "before restore" backup of the current data, then replaces the data
 * with @backup's in a worker thread, and finally emits
 * %RAPPORT_CHANGE_RELOADED on the database so every view re-reads.
 */
void
rapport_backup_manager_restore_async (RapportBackupManager *self,
                                      RapportBackup        *backup,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_BACKUP_MANAGER (self));
  g_return_if_fail (RAPPORT_IS_BACKUP (backup));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_backup_manager_restore_async);
  g_task_set_task_data (task, g_object_ref (backup), g_object_unref);

  /* Busy from the first backup to the end of the restore, without a gap. */
  hold_busy (self);

  start_back_up (self, RAPPORT_BACKUP_REASON_BEFORE_RESTORE,
                 rapport_backup_get_path (backup), cancellable,
                 backed_up_before_restore_cb, g_steal_pointer (&task));
}

gboolean
rapport_backup_manager_restore_finish (RapportBackupManager  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether @path starts as an SQLite file does: what a backup cannot lack,
 * read in a moment (the full check comes when one is restored). */
static gboolean
starts_as_database (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char header[sizeof magic];
  FILE *file = g_fopen (path, "rb");
  gboolean ok;

  if (file == NULL)
    return FALSE;

  ok = fread (header, 1, sizeof header, file) == sizeof header &&
       memcmp (header, magic, sizeof magic) == 0;
  fclose (file);

  return ok;
}

/**
 * rapport_backup_list_in_dir:
 * @backup_dir: a backup folder
 *
 * The backups that could replace a database that cannot be opened: files
 * named as backups that are SQLite files at all (an empty or overwritten one
 * is no backup to offer).
 *
 * Returns: (transfer full): a #GListModel of the #RapportBackup in
 *   @backup_dir, newest first (empty when the folder does not exist)
 */
GListModel *
rapport_backup_list_in_dir (const char *backup_dir)
{
  g_autoptr(GPtrArray) listing = NULL;
  GListStore *store;

  g_return_val_if_fail (backup_dir != NULL, NULL);

  listing = scan_dir (backup_dir);
  store = g_list_store_new (RAPPORT_TYPE_BACKUP);

  for (guint i = 0; i < listing->len; i++)
    {
      RapportBackup *backup = g_ptr_array_index (listing, i);

      if (starts_as_database (rapport_backup_get_path (backup)))
        g_list_store_append (store, backup);
    }

  return G_LIST_MODEL (store);
}

static gboolean
has_journals (const char *path)
{
  static const char * const suffixes[] = { "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        return TRUE;
    }

  return FALSE;
}

static char *
choose_aside_path (const char *database_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (rapport_clock_now (rapport_clock_get_default ()));
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%SZ");

  for (guint sequence = 1; ; sequence++)
    {
      g_autofree char *path = NULL;

      if (sequence == 1)
        path = g_strdup_printf ("%s.before-restore-%s", database_path, stamp);
      else
        path = g_strdup_printf ("%s.before-restore-%s-%u", database_path, stamp, sequence);

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !has_journals (path))
        return g_steal_pointer (&path);
    }
}

static gboolean
rename_or_error (const char  *from,
                 const char  *to,
                 GError     **error)
{
  if (g_rename (from, to) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not move “%s” to “%s”: %s"),
                   from, to, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* fsync of a file, or of a folder so that the renames in it last. */
static gboolean
sync_path (const char  *path,
           gboolean     folder,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0), 0);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }

  saved_errno = errno;
  if (fd >= 0)
    close (fd);

  /* Some file systems cannot sync a folder: nothing more can be done there. */
  if (folder && fd >= 0 && (saved_errno == EINVAL || saved_errno == ENOTSUP))
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s” to the disk: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
path_exists (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

/* Tests: see rapport-backup-manager-private.h. */
static RapportRestoreStepFunc restore_step_func;
static gpointer restore_step_data;

/* Lets a test act before a step of rapport_backup_restore_file(), or make it
 * fail as on a file system that turned read-only. */
static gboolean
restore_step (const char  *step,
              const char  *path,
              GError     **error)
{
  if (restore_step_func == NULL || restore_step_func (step, path, restore_step_data))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
               _("Could not write “%s”: %s"), path, g_strerror (EROFS));
  return FALSE;
}

/* A copy of @from at @to, on the disk when this returns. */
static gboolean
copy_synced (const char  *from,
             const char  *to,
             GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);

  return g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error) &&
         sync_path (to, FALSE, error);
}

/**
 * rapport_backup_restore_file:
 * @backup: the backup to bring back
 * @database_path: the database file (which cannot be opened)
 * @error: return location for an error
 *
 * For when the database cannot be opened. The backup is verified, copied next
 * to the database ("<path>.restoring") and synced to the disk; then the
 * database's -journal, -wal and -shm and the database itself are moved aside to
 * "<path>.before-restore-<time>" (never overwritten or deleted), the folder
 * synced, and the copy renamed into place. If any step fails, every file moved
 * aside is moved back and the copy removed, so the folder is as it was; should
 * even that fail, the error says where the files are.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_backup_restore_file (RapportBackup  *backup,
                             const char     *database_path,
                             GError        **error)
{
  /* The journals first: without the database they are harmless, while the
   * database without them would be read as of before their changes. */
  static const char * const suffixes[] = { "-journal", "-wal", "-shm", "" };
  g_autofree char *folder = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  g_autoptr(GString) stranded = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) sync_error = NULL;

  g_return_val_if_fail (RAPPORT_IS_BACKUP (backup), FALSE);
  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rapport_database_verify_file (rapport_backup_get_path (backup), &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The backup “%s” failed its check: %s"),
                   rapport_backup_get_path (backup), local_error->message);
      return FALSE;
    }

  folder = g_path_get_dirname (database_path);
  tmp_path = g_strconcat (database_path, ".restoring", NULL);
  aside = choose_aside_path (database_path);
  remove_with_journals (tmp_path);

  /* A copy first, next to the database and on the disk: a failure here
   * leaves everything as it was. */
  if (!restore_step ("copy", tmp_path, &local_error) ||
      !copy_synced (rapport_backup_get_path (backup), tmp_path, &local_error))
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (database_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (!path_exists (from))
        continue;

      if (!restore_step ("move-aside", from, &local_error) ||
          !rename_or_error (from, to, &local_error))
        goto failed;

      g_ptr_array_add (moved, (gpointer) suffixes[i]);
    }

  if (!sync_path (folder, TRUE, &local_error) ||
      !restore_step ("replace", database_path, &local_error) ||
      !rename_or_error (tmp_path, database_path, &local_error))
    goto failed;

  /* In place; a failed sync now would leave nothing to undo. */
  if (!sync_path (folder, TRUE, &sync_error))
    g_warning ("%s", sync_error->message);

  if (moved->len > 0)
    g_debug ("Moved the previous database aside to %s", aside);

  return TRUE;

failed:
  /* Back where they were, the last moved first. */
  for (guint i = moved->len; i > 0; i--)
    {
      const char *suffix = g_ptr_array_index (moved, i - 1);
      g_autofree char *from = g_strconcat (aside, suffix, NULL);
      g_autofree char *to = g_strconcat (database_path, suffix, NULL);
      g_autoptr(GError) back_error = NULL;

      if (!restore_step ("put-back", to, &back_error) ||
          !rename_or_error (from, to, &back_error))
        {
          g_debug ("%s", back_error->message);
          g_string_append_printf (stranded, " “%s” → “%s”", to, from);
        }
    }

  if (restore_step ("remove-copy", tmp_path, NULL))
    remove_with_journals (tmp_path);
  if (!sync_path (folder, TRUE, &sync_error))
    g_debug ("%s", sync_error->message);

  if (stranded->len == 0)
    g_set_error (error, local_error->domain, local_error->code,
                 _("Could not restore the backup; the database and its files are as they were: %s"),
                 local_error->message);
  else
    g_set_error (error, local_error->domain, local_error->code,
                 _("Could not restore the backup (%s), and these files could not be moved back:%s"),
                 local_error->message, stranded->str);

  return FALSE;
}

/* Private API for tests */

void
_rapport_backup_set_restore_step_func (RapportRestoreStepFunc func,
                                       gpointer               user_data)
{
  restore_step_func = func;
  restore_step_data = user_data;
}
