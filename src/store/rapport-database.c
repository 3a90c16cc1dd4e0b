/* rapport-database.c
 *
 * One SQLite connection: opening and checking the file, migrations, a cache of
 * prepared statements, nested transactions with change notifications sent after
 * the commit, and the online backup API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rapport-change-bus-private.h"
#include "rapport-database-private.h"
#include "rapport-migrations-private.h"

/* Pages per sqlite3_backup_step: small enough to notice a cancellation soon. */
#define BACKUP_PAGES_PER_STEP 256

/* A copy (backup or restore) gives up after this many steps in a row that
 * copied nothing. Such a step either waited BUSY_TIMEOUT_MS for a lock in
 * vain or found that the source had changed and SQLite had started over; a
 * copy that keeps doing that would otherwise spin for ever. */
#define COPY_MAX_STALLS 3

#define BUSY_TIMEOUT_MS 5000

/* quick_check reads the whole file: about 2 ms per MiB here, 0.7 s for the
 * 380 MiB of the 100,000-customer benchmark book. Files up to this size
 * (every book a shop keeps by hand) are checked in full on open; bigger
 * ones get a quick structural check on open and rapport_database_check()
 * in a worker, so that opening stays within a frame or two. */
#define FULL_CHECK_MAX_BYTES (32 * 1024 * 1024)

static guint64 full_check_max_bytes = FULL_CHECK_MAX_BYTES;

/* Who hears of the steps of the open running on this thread
 * (rapport_database_open_with_progress). */
typedef struct
{
  RapportDatabaseOpenProgress func;
  gpointer                    user_data;
} OpenProgress;

static _Thread_local OpenProgress open_progress;

static void
report_open_step (RapportDatabaseOpenStep step)
{
  if (open_progress.func != NULL)
    open_progress.func (step, open_progress.user_data);
}

/* Tests: how a copy steps, and what runs between its steps. */
static int copy_pages_per_step = BACKUP_PAGES_PER_STEP;
static RapportCopyStepFunc copy_step_func;
static gpointer copy_step_data;

/* SQLite's page cache, in KiB (negative). 2 MiB serves the indexed queries of
 * 100,000 customers as fast as 16 MiB did (search, first screen and logging an
 * interaction measured the same) and keeps the app's memory down once the
 * whole list has been scrolled. A connection doing bulk work
 * (run_in_transaction) gets a bigger one, so that the pages it dirties are not
 * spilled to the WAL mid-way. Pages are only allocated as used. */
#define CACHE_SIZE_PRAGMA "PRAGMA cache_size = -2048;"
#define BULK_CACHE_SIZE_PRAGMA "PRAGMA cache_size = -1048576;"

typedef struct
{
  guint             queue_mark;
  sqlite3_int64     total_changes;
} Level;

/* What every connection to one file shares with the others: the change bus
 * and the settings that decide how values are normalised and indexed. */
typedef struct
{
  gatomicrefcount   ref_count;
  RapportChangeBus *bus;
  /* Interned, so a reader on any thread can keep the pointer. */
  const char       *default_country_code;
} Shared;

static Shared *
shared_new (void)
{
  Shared *shared = g_new0 (Shared, 1);

  g_atomic_ref_count_init (&shared->ref_count);
  shared->bus = _rapport_change_bus_new ();
  shared->default_country_code = g_intern_static_string ("86");

  return shared;
}

static Shared *
shared_ref (Shared *shared)
{
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

static void
shared_unref (Shared *shared)
{
  if (g_atomic_ref_count_dec (&shared->ref_count))
    {
      g_clear_object (&shared->bus);
      g_free (shared);
    }
}

struct _RapportDatabase
{
  GObject       parent_instance;

  sqlite3      *handle;
  char         *path;
  gboolean      read_only;
  int           open_flags;
  gboolean      immutable;
  int           schema_version;
  gboolean      checked;
  gboolean      bulk_cache;

  RapportClock *clock;
  Shared       *shared;

  /* SQL text → sqlite3_stmt *, finalised on dispose; and the address of
   * the text last passed → the same statement. */
  GHashTable   *statements;
  GHashTable   *statements_by_address;

  GHashTable   *code_numbers;

  /* customer id → newest occurred_at of interactions inserted inside an
   * outer transaction, written at its commit. */
  GHashTable   *pending_last_interaction;

  /* Transactions: depth 1 is BEGIN IMMEDIATE, deeper levels only count.
   * levels[i] is what level i + 1 found when it began. */
  guint         depth;
  GArray       *levels;
  gboolean      poisoned;
  RapportChangeBatch *queue;
};

G_DEFINE_FINAL_TYPE (RapportDatabase, rapport_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-database-error-quark, rapport_database_error)

static const char sqlite_magic[16] = "SQLite format 3";

/* Helpers */

static int
error_code_from_sqlite (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
      return RAPPORT_DATABASE_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return RAPPORT_DATABASE_ERROR_NOT_DATABASE;
    case SQLITE_READONLY:
      return RAPPORT_DATABASE_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return RAPPORT_DATABASE_ERROR_CANT_OPEN;
    case SQLITE_INTERRUPT:
      return RAPPORT_DATABASE_ERROR_CANCELLED;
    default:
      return RAPPORT_DATABASE_ERROR_FAILED;
    }
}

static void
set_error_from_code (GError     **error,
                     int          code,
                     const char  *message,
                     const char  *context)
{
  if (context != NULL)
    g_set_error (error, RAPPORT_DATABASE_ERROR, error_code_from_sqlite (code),
                 "%s: %s", context, message);
  else
    g_set_error_literal (error, RAPPORT_DATABASE_ERROR, error_code_from_sqlite (code), message);
}

static gboolean
header_is_sqlite (const char  *path,
                  gboolean    *empty,
                  GError     **error)
{
  char header[16];
  FILE *file;
  size_t n;

  *empty = FALSE;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN,
                   _("Could not read “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  n = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n == 0)
    {
      *empty = TRUE;
      return TRUE;
    }

  if (n < sizeof header || memcmp (header, sqlite_magic, sizeof header) != 0)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Rapport database (it is not an SQLite file)"), path);
      return FALSE;
    }

  return TRUE;
}

static char *
make_uri (const char *path,
          gboolean    immutable)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strdup_printf ("file:%s%s", escaped, immutable ? "?immutable=1" : "");
}

/* Nothing reads SQLite's memory statistics, and keeping them takes a global
 * lock on every allocation: a bulk load makes millions. Done before the first
 * handle opens; should SQLite be initialised already, it refuses, harmlessly. */
static void
configure_sqlite (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

static sqlite3 *
open_handle (const char  *path,
             gboolean     read_only,
             gboolean     create,
             gboolean     immutable,
             GError     **error)
{
  g_autofree char *uri = NULL;
  sqlite3 *handle = NULL;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  int rc;

  if (read_only)
    flags |= SQLITE_OPEN_READONLY;
  else
    flags |= SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);

  if (g_strcmp0 (path, ":memory:") == 0)
    uri = g_strdup (path);
  else
    uri = make_uri (path, immutable);

  configure_sqlite ();
  rc = sqlite3_open_v2 (uri, &handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, error_code_from_sqlite (rc),
                   _("Could not open “%s”: %s"), path,
                   handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
      sqlite3_close (handle);
      return NULL;
    }

  sqlite3_extended_result_codes (handle, TRUE);
  sqlite3_busy_timeout (handle, BUSY_TIMEOUT_MS);

  return handle;
}

/* Runs a PRAGMA or query whose first column of the first row is an integer. */
static gboolean
query_int (sqlite3     *handle,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          *out = 0;
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, rc, sqlite3_errmsg (handle), NULL);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

/* PRAGMA quick_check / integrity_check: "ok" or a list of problems. */
static gboolean
check_handle (sqlite3     *handle,
              const char  *path,
              gboolean     full,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GString) problems = g_string_new (NULL);
  int rc;

  rc = sqlite3_prepare_v2 (handle, full ? "PRAGMA integrity_check" : "PRAGMA quick_check",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        {
          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append (problems, line != NULL ? line : "?");
        }

      rc = SQLITE_OK;
    }

  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      int code = error_code_from_sqlite (rc);

      /* Any failure to read the file during the check is damage to report
       * as such, except being unable to open or lock it at all. */
      if (code == RAPPORT_DATABASE_ERROR_FAILED)
        code = RAPPORT_DATABASE_ERROR_CORRUPT;

      if (code == RAPPORT_DATABASE_ERROR_NOT_DATABASE)
        g_set_error (error, RAPPORT_DATABASE_ERROR, code,
                     _("“%s” is not a Rapport database: %s"), path, sqlite3_errmsg (handle));
      else
        g_set_error (error, RAPPORT_DATABASE_ERROR, code,
                     _("The database “%s” is damaged: %s"), path, sqlite3_errmsg (handle));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);

  if (problems->len > 0)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT,
                   _("The database “%s” is damaged: %s"), path, problems->str);
      return FALSE;
    }

  return TRUE;
}

/* What every open does at least: the header and the schema parse. Counts
 * the schema's objects (tables, indexes, …) on the way. */
static gboolean
read_structure (sqlite3     *handle,
                const char  *path,
                int         *n_objects,
                GError     **error)
{
  g_autoptr (GError) local_error = NULL;

  if (query_int (handle, "SELECT count (*) FROM sqlite_schema", n_objects, &local_error))
    return TRUE;

  if (g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE))
    g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE,
                 _("“%s” is not a Rapport database: %s"), path, local_error->message);
  else if (g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN) ||
           g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT,
                 _("The database “%s” is damaged: %s"), path, local_error->message);

  return FALSE;
}

static gboolean
check_structure (sqlite3     *handle,
                 const char  *path,
                 GError     **error)
{
  int n = 0;

  return read_structure (handle, path, &n, error);
}

static gboolean
exec_handle (sqlite3     *handle,
             const char  *sql,
             const char  *context,
             GError     **error)
{
  int rc = sqlite3_exec (handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, rc, sqlite3_errmsg (handle), context);
      return FALSE;
    }

  return TRUE;
}

/* What SQLite may keep beside a database: its rollback journal, its
 * write-ahead log and the log's shared-memory index. */
static const char * const companion_suffixes[] = { "-journal", "-wal", "-shm" };

static gboolean
companion_exists (const char *path,
                  const char *suffix)
{
  g_autofree char *file = g_strconcat (path, suffix, NULL);

  return g_file_test (file, G_FILE_TEST_EXISTS);
}

/* A temporary database of ours, and whatever SQLite kept beside it. */
static void
remove_with_companions (const char *path)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));

  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, companion_suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_debug ("Could not remove %s: %s", file, g_strerror (errno));
    }
}

/* fsync of a file, or of a folder so that a rename in it lasts. */
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

  g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
               _("Could not write “%s” to the disk: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
apply_pragmas (sqlite3     *handle,
               gboolean     read_only,
               GError     **error)
{
  /* foreign_keys is ignored inside a transaction, so it is set first, on
   * every connection. */
  if (!exec_handle (handle, "PRAGMA foreign_keys = ON;" CACHE_SIZE_PRAGMA,
                    _("Could not set up the database"), error))
    return FALSE;

  if (read_only)
    return TRUE;

  return exec_handle (handle,
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = FULL;",
                      _("Could not set up the database"), error);
}

/* Same file name in the same folder, made unique if a backup of the same second
 * already exists. */
static char *
unique_path (const char *dir,
             const char *stem)
{
  char *path = NULL;

  for (guint i = 0; ; i++)
    {
      g_autofree char *name = i == 0 ? g_strdup_printf ("%s.db", stem)
                                     : g_strdup_printf ("%s-%u.db", stem, i);

      g_free (path);
      path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
    }
}

static gboolean
run_migrations (RapportDatabase  *self,
                int               target,
                const char       *backup_dir,
                GError          **error)
{
  if (self->schema_version >= target)
    return TRUE;

  /* A database that already holds data is copied aside first, and not touched
   * when that copy fails. */
  if (self->schema_version > 0 && backup_dir != NULL)
    {
      report_open_step (RAPPORT_DATABASE_OPEN_STEP_BACKING_UP);

      /* Named as rapport_backup_build_file_name() names backups: in UTC
       * ("Z"), so that a change of daylight-saving time cannot make it look
       * older or newer than it is. */
      g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (rapport_clock_now (self->clock));
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%SZ");
      g_autofree char *stem = g_strdup_printf ("rapport-%s-before-migration", stamp);
      g_autofree char *backup_path = NULL;
      g_autoptr (GError) local_error = NULL;

      if (g_mkdir_with_parents (backup_dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_MIGRATION,
                       _("The database needs an upgrade, but the backup folder “%s” could not be created (%s); the database was left as it is"),
                       backup_dir, g_strerror (saved_errno));
          return FALSE;
        }

      backup_path = unique_path (backup_dir, stem);
      if (!rapport_database_backup_to (self, backup_path, NULL, &local_error))
        {
          g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_MIGRATION,
                       _("The database needs an upgrade, but the backup before it failed (%s); the database was left as it is"),
                       local_error->message);
          return FALSE;
        }

      g_debug ("Backed up %s to %s before migrating", self->path, backup_path);
    }

  report_open_step (RAPPORT_DATABASE_OPEN_STEP_UPGRADING);

  for (int version = self->schema_version + 1; version <= target; version++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

      if (!_rapport_database_begin (self, &local_error) ||
          !_rapport_migrations_run (self, version, &local_error) ||
          !_rapport_database_exec (self, set_version, &local_error) ||
          !_rapport_database_commit (self, &local_error))
        {
          if (self->depth > 0)
            _rapport_database_rollback (self, NULL);

          g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_MIGRATION,
                       _("Could not upgrade the database to version %d: %s"),
                       version, local_error->message);
          return FALSE;
        }

      self->schema_version = version;
    }

  /* A migration is not a user change; nothing queued is worth announcing. */
  return TRUE;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
clear_statements (RapportDatabase *self)
{
  g_hash_table_remove_all (self->statements_by_address);
  g_hash_table_remove_all (self->statements);
  g_hash_table_remove_all (self->code_numbers);
}

static void
emit_queue (RapportDatabase *self)
{
  g_autoptr (RapportChangeBatch) queue = NULL;

  /* Handlers may write again (and queue again): hand the queue over first. */
  queue = g_steal_pointer (&self->queue);
  self->queue = _rapport_change_batch_new ();

  _rapport_change_bus_post (self->shared->bus, queue);
}

/* @shared: (nullable): a connection to the same file, whose bus and settings
 * the new one shares; NULL for a file's first connection. */
static RapportDatabase *
database_new (const char      *path,
              sqlite3         *handle,
              gboolean         read_only,
              gboolean         immutable,
              RapportDatabase *shared)
{
  RapportDatabase *self = g_object_new (RAPPORT_TYPE_DATABASE, NULL);

  self->shared = shared != NULL ? shared_ref (shared->shared) : shared_new ();
  self->path = g_strdup (path);
  self->handle = handle;
  self->read_only = read_only;
  self->immutable = immutable;

  return self;
}

/* GObject */

static void
rapport_database_dispose (GObject *object)
{
  RapportDatabase *self = RAPPORT_DATABASE (object);

  if (self->depth > 0)
    {
      g_warning ("Database closed inside a transaction; rolling it back");
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      self->depth = 0;
    }

  if (self->statements != NULL)
    clear_statements (self);

  G_OBJECT_CLASS (rapport_database_parent_class)->dispose (object);
}

static void
rapport_database_finalize (GObject *object)
{
  RapportDatabase *self = RAPPORT_DATABASE (object);

  g_clear_pointer (&self->statements_by_address, g_hash_table_unref);
  g_clear_pointer (&self->code_numbers, g_hash_table_unref);
  g_clear_pointer (&self->pending_last_interaction, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    {
      int rc = sqlite3_close (self->handle);

      if (rc != SQLITE_OK)
        g_warning ("Could not close %s: %s", self->path, sqlite3_errstr (rc));
      self->handle = NULL;
    }

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->shared, shared_unref);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->queue, _rapport_change_batch_free);
  g_clear_pointer (&self->levels, g_array_unref);

  G_OBJECT_CLASS (rapport_database_parent_class)->finalize (object);
}

static void
rapport_database_class_init (RapportDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_database_dispose;
  object_class->finalize = rapport_database_finalize;

}

static void
rapport_database_init (RapportDatabase *self)
{
  self->clock = g_object_ref (rapport_clock_get_default ());
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->statements_by_address = g_hash_table_new (NULL, NULL);
  self->code_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_last_interaction = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->queue = _rapport_change_batch_new ();
  self->levels = g_array_new (FALSE, FALSE, sizeof (Level));
}

/* Private API */

sqlite3 *
_rapport_database_get_handle (RapportDatabase *db)
{
  g_assert (RAPPORT_IS_DATABASE (db));

  return db->handle;
}

void
_rapport_database_set_error (GError     **error,
                             sqlite3     *handle,
                             const char  *context)
{
  int code = handle != NULL ? sqlite3_extended_errcode (handle) : SQLITE_ERROR;
  const char *message = handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (code);

  set_error_from_code (error, code, message, context);
}

sqlite3_stmt *
_rapport_database_prepare (RapportDatabase  *db,
                           const char       *sql,
                           GError          **error)
{
  sqlite3_stmt *stmt;

  g_assert (RAPPORT_IS_DATABASE (db));
  g_assert (sql != NULL);

  /* Most SQL is a string literal, so the same pointer comes back each time:
   * a pointer lookup (confirmed by comparing the text, in case a freed
   * buffer's address was reused) saves hashing the whole text per row. */
  stmt = g_hash_table_lookup (db->statements_by_address, sql);
  if (stmt != NULL && strcmp (sqlite3_sql (stmt), sql) == 0)
    {
      sqlite3_reset (stmt);
      return stmt;
    }

  stmt = g_hash_table_lookup (db->statements, sql);
  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          _rapport_database_set_error (error, db->handle, _("Could not read the database"));
          g_debug ("Failed to prepare: %s", sql);
          return NULL;
        }

      g_hash_table_insert (db->statements, g_strdup (sql), stmt);
    }

  sqlite3_reset (stmt);
  g_hash_table_insert (db->statements_by_address, (gpointer) sql, stmt);

  return stmt;
}

gboolean
_rapport_database_exec (RapportDatabase  *db,
                        const char       *sql,
                        GError          **error)
{
  g_assert (RAPPORT_IS_DATABASE (db));

  return exec_handle (db->handle, sql, _("Could not change the database"), error);
}

gboolean
_rapport_database_step_done (RapportDatabase  *db,
                             sqlite3_stmt     *stmt,
                             const char       *context,
                             GError          **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _rapport_database_set_error (error, db->handle, context);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_rapport_database_step_int64 (RapportDatabase  *db,
                              sqlite3_stmt     *stmt,
                              const char       *context,
                              gint64           *out,
                              GError          **error)
{
  int rc = sqlite3_step (stmt);

  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, db->handle, context);
      return FALSE;
    }

  return TRUE;
}

static gboolean
flush_last_interactions (RapportDatabase  *db,
                         GError          **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, db->pending_last_interaction);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr (RapportStatement) stmt = NULL;

      stmt = _rapport_database_prepare (db,
                                        "UPDATE customer SET last_interaction_at = ?2 "
                                        "WHERE id = ?1 AND last_interaction_at < ?2",
                                        error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, *(gint64 *) key);
      sqlite3_bind_int64 (stmt, 2, *(gint64 *) value);
      if (!_rapport_database_step_done (db, stmt, _("Could not save the interactions"), error))
        return FALSE;
    }

  g_hash_table_remove_all (db->pending_last_interaction);
  return TRUE;
}

gboolean
_rapport_database_raise_last_interaction (RapportDatabase  *db,
                                          gint64            customer_id,
                                          gint64            occurred_at,
                                          GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 *pending;

  g_assert (RAPPORT_IS_DATABASE (db));

  if (db->depth > 1)
    {
      pending = g_hash_table_lookup (db->pending_last_interaction, &customer_id);
      if (pending == NULL)
        g_hash_table_insert (db->pending_last_interaction,
                             g_memdup2 (&customer_id, sizeof customer_id),
                             g_memdup2 (&occurred_at, sizeof occurred_at));
      else if (*pending < occurred_at)
        *pending = occurred_at;
      return TRUE;
    }

  stmt = _rapport_database_prepare (db,
                                    "UPDATE customer SET last_interaction_at = ?2 "
                                    "WHERE id = ?1 AND last_interaction_at < ?2",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, occurred_at);

  return _rapport_database_step_done (db, stmt, _("Could not save the interaction"), error);
}

void
_rapport_database_forget_last_interaction (RapportDatabase *db,
                                           gint64           customer_id)
{
  g_assert (RAPPORT_IS_DATABASE (db));

  g_hash_table_remove (db->pending_last_interaction, &customer_id);
}

gboolean
_rapport_database_begin (RapportDatabase  *db,
                         GError          **error)
{
  Level level;

  g_assert (RAPPORT_IS_DATABASE (db));

  if (db->depth == 0)
    {
      sqlite3_stmt *stmt = _rapport_database_prepare (db, "BEGIN IMMEDIATE", error);

      if (stmt == NULL ||
          !_rapport_database_step_done (db, stmt, _("Could not start a change"), error))
        return FALSE;

      db->poisoned = FALSE;
    }

  level.queue_mark = _rapport_change_batch_get_mark (db->queue);
  level.total_changes = sqlite3_total_changes64 (db->handle);
  g_array_append_val (db->levels, level);
  db->depth++;

  return TRUE;
}

gboolean
_rapport_database_commit (RapportDatabase  *db,
                          GError          **error)
{
  sqlite3_stmt *stmt;

  g_assert (RAPPORT_IS_DATABASE (db));
  g_return_val_if_fail (db->depth > 0, FALSE);

  if (db->depth > 1)
    {
      db->depth--;
      g_array_set_size (db->levels, db->depth);
      return TRUE;
    }

  if (db->poisoned)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                           _("Part of this change failed, so none of it was saved"));
      return FALSE;
    }

  if (!flush_last_interactions (db, error))
    return FALSE;

  stmt = _rapport_database_prepare (db, "COMMIT", error);
  if (stmt == NULL)
    return FALSE;

  if (!_rapport_database_step_done (db, stmt, _("Could not save the change"), error))
    return FALSE;

  db->depth = 0;
  g_array_set_size (db->levels, 0);
  emit_queue (db);

  return TRUE;
}

gboolean
_rapport_database_rollback (RapportDatabase  *db,
                            GError          **error)
{
  const Level *level;
  gboolean ok = TRUE;

  g_assert (RAPPORT_IS_DATABASE (db));
  g_return_val_if_fail (db->depth > 0, FALSE);

  level = &g_array_index (db->levels, Level, db->depth - 1);

  if (db->depth > 1)
    {
      /* Inner levels are not savepoints (a savepoint per row would copy
       * pages on every bulk insert): a failed inner call that wrote nothing
       * is harmless, one that wrote something dooms the whole transaction. */
      if (sqlite3_total_changes64 (db->handle) != level->total_changes)
        db->poisoned = TRUE;
    }
  else if (!sqlite3_get_autocommit (db->handle))
    {
      /* (SQLite may already have rolled back by itself, e.g. on SQLITE_FULL.) */
      ok = exec_handle (db->handle, "ROLLBACK", _("Could not undo the change"), error);
    }

  _rapport_change_batch_truncate (db->queue, level->queue_mark);
  db->depth--;
  g_array_set_size (db->levels, db->depth);

  if (db->depth == 0)
    {
      _rapport_change_batch_clear (db->queue);
      db->poisoned = FALSE;
      g_hash_table_remove_all (db->pending_last_interaction);
    }

  return ok;
}

gboolean
_rapport_database_in_transaction (RapportDatabase *db)
{
  g_assert (RAPPORT_IS_DATABASE (db));

  return db->depth > 0;
}

void
_rapport_database_queue_change (RapportDatabase   *db,
                                RapportEntityKind  kind,
                                gint64             id,
                                gint64             customer_id,
                                RapportChangeKind  change)
{
  RapportChange item = { .kind = kind, .change = change, .id = id, .customer_id = customer_id };

  g_assert (RAPPORT_IS_DATABASE (db));

  _rapport_change_batch_add (db->queue, &item);

  if (db->depth == 0)
    emit_queue (db);
}

GHashTable *
_rapport_database_get_code_numbers (RapportDatabase *db)
{
  g_assert (RAPPORT_IS_DATABASE (db));

  return db->code_numbers;
}

gint64
_rapport_database_now (RapportDatabase *db)
{
  g_assert (RAPPORT_IS_DATABASE (db));

  return rapport_clock_now (db->clock);
}

gboolean
_rapport_database_check_writable (RapportDatabase  *db,
                                  GError          **error)
{
  g_assert (RAPPORT_IS_DATABASE (db));

  if (db->read_only)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                   _("The database “%s” is open read-only; nothing can be changed"), db->path);
      return FALSE;
    }

  return TRUE;
}

/* Opening */

static RapportDatabase *
open_read_only (const char  *path,
                GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  sqlite3 *handle;
  int version = 0;

  handle = open_handle (path, TRUE, FALSE, FALSE, &local_error);

  /* A WAL database opened read-only needs its -shm file, which cannot be
   * created in a read-only folder: then read the file as immutable. */
  if (handle != NULL && !query_int (handle, "PRAGMA user_version", &version, &local_error))
    {
      if (!g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN) &&
          !g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY))
        {
          sqlite3_close (handle);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Could not read “%s”: "), path);
          return NULL;
        }

      g_debug ("Opening %s as immutable: %s", path, local_error->message);
      sqlite3_close (handle);
      g_clear_error (&local_error);

      handle = open_handle (path, TRUE, FALSE, TRUE, &local_error);
      if (handle != NULL)
        {
          RapportDatabase *self = database_new (path, handle, TRUE, TRUE, NULL);
          return self;
        }
    }

  if (handle == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return database_new (path, handle, TRUE, FALSE, NULL);
}

/* A read-only look at @path that leaves nothing beside it. With no -wal or
 * -journal there is nothing to replay into what is read, so the file is read
 * as immutable, and SQLite creates no -shm (a read-only connection to a WAL
 * file leaves a -wal and a -shm behind otherwise). */
static RapportDatabase *
open_peek (const char  *path,
           GError     **error)
{
  sqlite3 *handle;

  if (companion_exists (path, "-wal") || companion_exists (path, "-journal"))
    return open_read_only (path, error);

  handle = open_handle (path, TRUE, FALSE, TRUE, error);
  if (handle == NULL)
    return NULL;

  return database_new (path, handle, TRUE, TRUE, NULL);
}

/* Files of versions 1 to 3 carry no application_id (migration 4 sets it):
 * they are Rapport's when their schema is that version's. A mark is a table
 * (and one of its columns) that every version from @since on has, and no
 * earlier one. */
typedef struct
{
  int         since;
  const char *table;
  const char *column;  /* NULL: the table alone */
} SchemaMark;

static const SchemaMark unmarked_schema[] = {
  { 1, "user", "uuid" },
  { 1, "customer", "code" },
  { 1, "customer", "sort_key" },
  { 1, "customer", "last_interaction_at" },
  { 1, "contact", "customer_id" },
  { 1, "channel", "value" },
  { 1, "interaction", "occurred_at" },
  { 1, "orders", "amount" },
  { 1, "tag", "name" },
  { 1, "customer_tag", "tag_id" },
  { 2, "search_fts", NULL },
  { 3, "tag", "n_live" },
};

#define LAST_UNMARKED_VERSION 3

static gboolean
has_schema_mark (sqlite3          *handle,
                 const SchemaMark *mark)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;
  const char *sql = mark->column == NULL
                    ? "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1"
                    : "SELECT 1 FROM pragma_table_info (?1) WHERE name = ?2";

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, mark->table, -1, SQLITE_STATIC);
      if (mark->column != NULL)
        sqlite3_bind_text (stmt, 2, mark->column, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }

  sqlite3_finalize (stmt);
  return found;
}

static gboolean
is_unmarked_rapport_schema (sqlite3 *handle,
                            int      version)
{
  if (version < 1 || version > LAST_UNMARKED_VERSION)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (unmarked_schema); i++)
    if (has_schema_mark (handle, &unmarked_schema[i]) != (unmarked_schema[i].since <= version))
      return FALSE;

  return TRUE;
}

/* Whether the SQLite file behind @handle is Rapport's: marked with
 * RAPPORT_APPLICATION_ID, or unmarked with the schema of version 1 to 3, or
 * new (no schema, no version, no mark). Anything else belongs to another
 * program and is refused with NOT_DATABASE; one of ours from a newer Rapport,
 * with TOO_NEW. Only reads: runs before anything is written. */
static gboolean
identify_file (sqlite3     *handle,
               const char  *path,
               int         *out_version,
               GError     **error)
{
  int latest = _rapport_migrations_get_latest ();
  int n_objects = 0;
  int application_id = 0;
  int version = 0;

  if (!read_structure (handle, path, &n_objects, error) ||
      !query_int (handle, "PRAGMA application_id", &application_id, error) ||
      !query_int (handle, "PRAGMA user_version", &version, error))
    return FALSE;

  if (application_id == RAPPORT_APPLICATION_ID)
    {
      if (version > latest)
        {
          g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_TOO_NEW,
                       _("This file was written by a newer version of Rapport (schema %d); this version understands up to %d"),
                       version, latest);
          return FALSE;
        }
    }
  else if (application_id == 0 && n_objects == 0 && version == 0)
    {
      /* New: nothing in it yet. */
    }
  else if (application_id != 0 || !is_unmarked_rapport_schema (handle, version))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Rapport database: it holds another program’s data, so Rapport left it as it is"),
                   path);
      return FALSE;
    }

  *out_version = version;
  return TRUE;
}

/* SQLite may open for writing a file that it then cannot write: the -wal and
 * -shm left by a read-only session are made with the permissions the database
 * had then, and SQLite reopens such a file in a read-only WAL mode where every
 * save fails. The file's mode does not tell; writing does. Nothing is kept:
 * the change is rolled back before any of it reaches the file. */
static gboolean
check_can_write (RapportDatabase  *self,
                 GError          **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *probe = g_strdup_printf ("PRAGMA user_version = %d", self->schema_version);
  g_autofree char *message = NULL;
  int rc;

  if (sqlite3_db_readonly (self->handle, "main") == 1)
    rc = SQLITE_READONLY;
  else if ((rc = sqlite3_exec (self->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL)) == SQLITE_OK)
    {
      rc = sqlite3_exec (self->handle, probe, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        message = g_strdup (sqlite3_errmsg (self->handle));
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
    }

  if (rc == SQLITE_OK)
    return TRUE;

  if (message == NULL)
    message = g_strdup (sqlite3_errstr (rc));

  if ((rc & 0xff) != SQLITE_READONLY)
    {
      set_error_from_code (error, rc, message, _("Could not write to the database"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (self->path, suffixes[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS) && access (file, W_OK) != 0)
        {
          g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                       _("The database “%s” cannot be written: “%s” is read-only (a read-only session can leave it so); it can be opened read-only"),
                       self->path, file);
          return FALSE;
        }
    }

  g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
               _("The database “%s” cannot be written (%s); it can be opened read-only"),
               self->path, message);
  return FALSE;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;

  return st.st_size;
}

void
_rapport_database_set_full_check_limit (guint64 max_bytes)
{
  full_check_max_bytes = max_bytes;
}

static gboolean
check_access (const char  *path,
              gboolean     exists,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN,
                   _("The folder “%s” does not exist"), dir);
      return FALSE;
    }

  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN,
                   _("“%s” is a folder, not a database file"), path);
      return FALSE;
    }

  if (exists && access (path, R_OK) != 0)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN,
                   _("You do not have permission to read “%s”"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_writable (const char  *path,
                gboolean     exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (exists && access (path, W_OK) != 0)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written (no permission); it can be opened read-only"),
                   path);
      return FALSE;
    }

  /* SQLite keeps its -wal and -shm files next to the database. */
  if (access (dir, W_OK) != 0)
    {
      if (exists)
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                     _("The folder “%s” cannot be written (no permission), so the database in it can only be opened read-only"),
                     dir);
      else
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN,
                     _("Cannot create a database in “%s”: the folder cannot be written (no permission)"),
                     dir);
      return FALSE;
    }

  return TRUE;
}

RapportDatabase *
_rapport_database_open_full (const char                *path,
                             RapportDatabaseOpenFlags   flags,
                             const char                *backup_dir,
                             int                        target_version,
                             GError                   **error)
{
  g_autoptr (RapportDatabase) self = NULL;
  gboolean read_only = (flags & RAPPORT_DATABASE_OPEN_READ_ONLY) != 0;
  gboolean memory = g_strcmp0 (path, ":memory:") == 0;
  gboolean exists = FALSE;
  gboolean empty = FALSE;
  int latest = _rapport_migrations_get_latest ();
  int version = 0;

  if (target_version < 0)
    target_version = latest;

  if (!memory)
    {
      exists = g_file_test (path, G_FILE_TEST_EXISTS);

      if (!check_access (path, exists, error))
        return NULL;

      if (exists && !header_is_sqlite (path, &empty, error))
        return NULL;

      /* Another program's file is refused before anything can touch it,
       * whether or not it could be written. */
      if (exists && !empty)
        {
          g_autoptr (RapportDatabase) peek = open_peek (path, error);

          if (peek == NULL || !identify_file (peek->handle, path, &version, error))
            return NULL;
        }

      if (read_only && (!exists || empty))
        {
          g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN,
                       _("“%s” is empty, so there is nothing to open read-only"), path);
          return NULL;
        }

      if (!read_only && !check_writable (path, exists, error))
        return NULL;
    }

  if (read_only)
    {
      self = open_read_only (path, error);
      if (self == NULL)
        return NULL;
    }
  else
    {
      sqlite3 *handle = open_handle (path, FALSE, TRUE, FALSE, error);

      if (handle == NULL)
        return NULL;
      self = database_new (path, handle, FALSE, FALSE, NULL);
    }

  self->open_flags = flags;

  /* Nothing is written before the file has passed its check and is known to
   * be of a version this build understands. */
  report_open_step (RAPPORT_DATABASE_OPEN_STEP_CHECKING);
  if (memory || file_size (path) <= full_check_max_bytes)
    {
      if (!check_handle (self->handle, path, FALSE, error))
        return NULL;
      self->checked = TRUE;
    }
  else
    {
      if (!check_structure (self->handle, path, error))
        return NULL;
      g_debug ("%s is big: quick_check left to rapport_database_check()", path);
    }

  if (!query_int (self->handle, "PRAGMA user_version", &version, error))
    return NULL;

  if (version > latest)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_TOO_NEW,
                   _("This file was written by a newer version of Rapport (schema %d); this version understands up to %d"),
                   version, latest);
      return NULL;
    }

  self->schema_version = version;

  if (!apply_pragmas (self->handle, read_only, error))
    return NULL;

  if (read_only)
    {
      if (version == 0)
        {
          g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN,
                       _("“%s” holds no Rapport data yet and cannot be written, so there is nothing to open"),
                       path);
          return NULL;
        }

      if (version < latest)
        g_debug ("%s is at schema %d of %d and read-only: not upgraded", path, version, latest);

      return g_steal_pointer (&self);
    }

  if (!memory && !check_can_write (self, error))
    return NULL;

  if (!run_migrations (self, target_version, backup_dir, error))
    return NULL;

  /* A new file's index and sort keys are this build's from the first row. */
  if (version == 0 && target_version == latest && !_rapport_derived_mark_current (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Public API */

/**
 * rapport_database_open:
 * @path: the database file; created when missing or zero bytes long
 * @flags: #RapportDatabaseOpenFlags
 * @backup_dir: (nullable): where to put the backup made before a migration
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * Opens and checks (quick_check) the database, then migrates it to the latest
 * schema (not when read-only). A file failing its check, of a newer schema or
 * that cannot be written is left untouched.
 *
 * Returns: (transfer full): the database, or %NULL
 */
RapportDatabase *
rapport_database_open (const char                *path,
                       RapportDatabaseOpenFlags   flags,
                       const char                *backup_dir,
                       GError                   **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _rapport_database_open_full (path, flags, backup_dir, -1, error);
}

/**
 * rapport_database_open_with_progress:
 * @progress: called on this thread as the open goes from step to step
 *
 * rapport_database_open(), saying what it is doing: for an open on a worker
 * thread while a window says "Opening…".
 */
RapportDatabase *
rapport_database_open_with_progress (const char                  *path,
                                     RapportDatabaseOpenFlags     flags,
                                     const char                  *backup_dir,
                                     RapportDatabaseOpenProgress  progress,
                                     gpointer                     user_data,
                                     GError                     **error)
{
  RapportDatabase *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  open_progress.func = progress;
  open_progress.user_data = user_data;
  db = _rapport_database_open_full (path, flags, backup_dir, -1, error);
  open_progress.func = NULL;
  open_progress.user_data = NULL;

  return db;
}

/**
 * rapport_database_open_worker:
 * @self: a #RapportDatabase
 * @error: return location for a #GError
 *
 * Opens a second connection to the same file for a worker thread: same
 * pragmas and clock, no check and no migration. Use it from one thread at a
 * time. It shares @self's change bus (what it commits reaches the views on the
 * bus's thread) and default country code (a later change applies to both).
 *
 * Returns: (transfer full): the new connection, or %NULL
 */
RapportDatabase *
rapport_database_open_worker (RapportDatabase  *self,
                              GError          **error)
{
  RapportDatabase *worker;
  sqlite3 *handle;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_strcmp0 (self->path, ":memory:") == 0)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN,
                           _("An in-memory database cannot be shared with a worker"));
      return NULL;
    }

  handle = open_handle (self->path, self->read_only, FALSE, self->immutable, error);
  if (handle == NULL)
    return NULL;

  if (!apply_pragmas (handle, self->read_only, error))
    {
      sqlite3_close (handle);
      return NULL;
    }

  worker = database_new (self->path, handle, self->read_only, self->immutable, self);
  worker->open_flags = self->open_flags;
  worker->schema_version = self->schema_version;
  g_set_object (&worker->clock, self->clock);

  return worker;
}

const char *
rapport_database_get_path (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);

  return self->path;
}

gboolean
rapport_database_is_read_only (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), TRUE);

  return self->read_only;
}

int
rapport_database_get_schema_version (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), 0);

  return self->schema_version;
}

int
rapport_database_get_latest_version (void)
{
  return _rapport_migrations_get_latest ();
}

/**
 * rapport_database_get_change_bus:
 * @self: a #RapportDatabase
 *
 * Returns: (transfer none): the bus of every connection to this file
 */
RapportChangeBus *
rapport_database_get_change_bus (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);

  return self->shared->bus;
}

/**
 * rapport_database_take_ownership:
 * @self: a #RapportDatabase opened on another thread
 *
 * Makes the calling thread the one that uses this connection from now on,
 * and the one its change bus delivers on: for a connection opened (checked,
 * migrated) on a worker thread and then handed to the main thread. Call it
 * before any worker connection is opened.
 */
void
rapport_database_take_ownership (RapportDatabase *self)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));
  g_return_if_fail (self->depth == 0);

  _rapport_change_bus_set_owner (self->shared->bus);
}

void
rapport_database_set_clock (RapportDatabase *self,
                            RapportClock    *clock)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));
  g_return_if_fail (RAPPORT_IS_CLOCK (clock));

  g_set_object (&self->clock, clock);
}

RapportClock *
rapport_database_get_clock (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);

  return self->clock;
}

void
rapport_database_set_default_country_code (RapportDatabase *self,
                                           const char      *country_code)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));
  g_return_if_fail (country_code != NULL);

  if (country_code[0] == '+')
    country_code++;

  g_atomic_pointer_set (&self->shared->default_country_code, g_intern_string (country_code));
}

const char *
rapport_database_get_default_country_code (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);

  return g_atomic_pointer_get (&self->shared->default_country_code);
}

/**
 * rapport_database_run_in_transaction:
 *
 * Runs @func inside one transaction (joining the caller's, if any). Rolls back
 * when @func returns %FALSE; then no change is announced.
 */
gboolean
rapport_database_run_in_transaction (RapportDatabase         *self,
                                     RapportTransactionFunc   func,
                                     gpointer                 user_data,
                                     GError                 **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean outermost;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (self, error))
    return FALSE;

  /* The bigger cache stays: bulk work comes in chunks, and each would
   * otherwise read back the pages the last one dropped. */
  outermost = self->depth == 0;
  if (outermost && !self->bulk_cache)
    self->bulk_cache = sqlite3_exec (self->handle, BULK_CACHE_SIZE_PRAGMA, NULL, NULL, NULL) == SQLITE_OK;

  ok = _rapport_database_begin (self, &local_error);
  if (ok && !func (self, user_data, &local_error))
    {
      _rapport_database_rollback (self, NULL);
      if (local_error == NULL)
        g_set_error_literal (&local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                             _("The change was cancelled"));
      ok = FALSE;
    }
  else if (ok && !_rapport_database_commit (self, &local_error))
    {
      _rapport_database_rollback (self, NULL);
      ok = FALSE;
    }

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

static int
progress_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

/**
 * rapport_database_check:
 * @self: a #RapportDatabase
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Runs SQLite's quick_check over the whole file. rapport_database_open() does
 * it itself for files of ordinary size; for a big file it only checks the
 * structure, and rapport_database_is_checked() is %FALSE: run this then, on a
 * worker connection in a worker thread, and treat %RAPPORT_DATABASE_ERROR_CORRUPT
 * as a failed check on open.
 */
gboolean
rapport_database_check (RapportDatabase  *self,
                        GCancellable     *cancellable,
                        GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (cancellable != NULL)
    sqlite3_progress_handler (self->handle, 10000, progress_cb, cancellable);

  ok = check_handle (self->handle, self->path, FALSE, error);

  if (cancellable != NULL)
    sqlite3_progress_handler (self->handle, 0, NULL, NULL);

  if (ok)
    self->checked = TRUE;

  return ok;
}

/**
 * rapport_database_is_checked:
 *
 * Returns: whether the whole file passed quick_check since it was opened
 */
gboolean
rapport_database_is_checked (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);

  return self->checked;
}

/* Backups */

/* Copies @source into @dest with SQLite's backup API, a few pages per step so
 * that a cancellation is noticed soon. The caller keeps @source in a read
 * transaction (or nothing else writes it), so that SQLite never has to start
 * over; a copy that stops making progress all the same fails instead of
 * spinning. @dest changes in one transaction: a failed copy leaves it as it
 * was. */
static gboolean
copy_database (sqlite3       *dest,
               sqlite3       *source,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3_backup *backup;
  int remaining = -1;
  guint stalls = 0;
  int rc;

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      _rapport_database_set_error (error, dest, _("Could not start the copy"));
      return FALSE;
    }

  for (;;)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_backup_finish (backup);
          g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED,
                               _("The copy was cancelled"));
          return FALSE;
        }

      rc = sqlite3_backup_step (backup, copy_pages_per_step);
      if (rc == SQLITE_DONE)
        break;

      if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        break;

      /* A step copied something when fewer pages are left than before. */
      if (rc == SQLITE_OK && (remaining < 0 || sqlite3_backup_remaining (backup) < remaining))
        stalls = 0;
      else if (++stalls >= COPY_MAX_STALLS)
        {
          sqlite3_backup_finish (backup);
          g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                               _("Could not copy the database: it stayed locked or kept changing, and the copy made no progress"));
          return FALSE;
        }
      else if (rc != SQLITE_OK)
        {
          /* SQLite's busy handler has waited already; a breath more. */
          g_usleep (10 * 1000);
        }

      remaining = sqlite3_backup_remaining (backup);

      if (copy_step_func != NULL)
        copy_step_func (copy_step_data);
    }

  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (error, rc, sqlite3_errstr (rc), _("Could not copy the database"));
      return FALSE;
    }

  return TRUE;
}

/* A read transaction on @self held until end_snapshot(): what it reads is
 * one moment's data, whatever other connections commit meanwhile (in WAL
 * mode they go on writing). */
static gboolean
begin_snapshot (RapportDatabase  *self,
                GError          **error)
{
  if (!exec_handle (self->handle, "BEGIN DEFERRED; SELECT count (*) FROM sqlite_schema;",
                    _("Could not read the database"), error))
    {
      if (!sqlite3_get_autocommit (self->handle))
        sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

static void
end_snapshot (RapportDatabase *self)
{
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * rapport_database_backup_to:
 * @self: a #RapportDatabase (a worker connection, outside a transaction)
 * @dest_path: the backup file to write (replaced if it exists)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Copies the database as it is at the start, with SQLite's online backup API
 * inside one read transaction, so that writes on other connections neither
 * stop nor restart it. The copy is written to a hidden ".<name>.partial" next
 * to @dest_path, checked once with quick_check, turned into a single
 * self-contained file (rollback-journal mode, so that reading it later leaves
 * no -wal or -shm beside it), synced to the disk and only then renamed into
 * place. On failure nothing of it is left. Blocks: call it on a worker
 * connection in a worker thread.
 */
gboolean
rapport_database_backup_to (RapportDatabase  *self,
                            const char       *dest_path,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr (GError) local_error = NULL;
  sqlite3 *dest = NULL;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->depth > 0)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                           _("Cannot make a backup in the middle of a change"));
      return FALSE;
    }

  dir = g_path_get_dirname (dest_path);
  base = g_path_get_basename (dest_path);
  tmp_name = g_strconcat (".", base, ".partial", NULL);
  tmp_path = g_build_filename (dir, tmp_name, NULL);
  remove_with_companions (tmp_path);

  ok = (dest = open_handle (tmp_path, FALSE, TRUE, FALSE, &local_error)) != NULL;

  if (ok && begin_snapshot (self, &local_error))
    {
      ok = copy_database (dest, self->handle, cancellable, &local_error);
      end_snapshot (self);
    }
  else
    {
      ok = FALSE;
    }

  if (ok && cancellable != NULL)
    sqlite3_progress_handler (dest, 10000, progress_cb, cancellable);

  /* The copy carries the source's WAL mode in its header; a backup is one
   * file, and read-only readers of a WAL file leave a -wal and -shm behind.
   *
   * Checked once, with quick_check: on the 745 MB benchmark book it takes
   * 2.2 s where integrity_check takes 10.6 s, and what integrity_check adds
   * (that every index holds exactly its table's rows) a page-by-page copy
   * cannot break: it copies the indexes as they are. What a copy can go wrong
   * by (a torn, missing or unreadable page, a broken b-tree or record) is
   * what quick_check reads every page for. The source itself gets its
   * quick_check on open (rapport_database_check). */
  ok = ok &&
       exec_handle (dest, "PRAGMA journal_mode = DELETE", _("Could not finish the copy"), &local_error) &&
       check_handle (dest, dest_path, FALSE, &local_error);

  if (dest != NULL && sqlite3_close (dest) != SQLITE_OK && ok)
    {
      g_set_error (&local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                   _("Could not finish writing the backup “%s”"), dest_path);
      ok = FALSE;
    }

  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, &local_error);

  /* On the disk before its name says it is a backup, and the name too. */
  ok = ok && sync_path (tmp_path, FALSE, &local_error);

  if (ok && g_rename (tmp_path, dest_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (&local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                   _("Could not write the backup “%s”: %s"), dest_path, g_strerror (saved_errno));
      ok = FALSE;
    }

  ok = ok && sync_path (dir, TRUE, &local_error);

  if (!ok)
    {
      remove_with_companions (tmp_path);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED))
        g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED,
                             _("The copy was cancelled"));
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    _("The backup failed: "));
      return FALSE;
    }

  return TRUE;
}

/* rapport_database_verify_file(), telling the file's schema version. */
static gboolean
verify_file (const char  *path,
             int         *out_version,
             GError     **error)
{
  g_autoptr (RapportDatabase) db = NULL;
  gboolean empty = FALSE;
  int version = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND,
                   _("“%s” does not exist"), path);
      return FALSE;
    }

  if (!header_is_sqlite (path, &empty, error))
    return FALSE;

  if (empty)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE,
                   _("“%s” is empty"), path);
      return FALSE;
    }

  db = open_peek (path, error);
  if (db == NULL)
    return FALSE;

  if (!identify_file (db->handle, path, &version, error))
    return FALSE;

  if (version < 1)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE,
                   _("“%s” holds no Rapport data"), path);
      return FALSE;
    }

  if (!check_handle (db->handle, path, TRUE, error))
    return FALSE;

  *out_version = version;
  return TRUE;
}

/**
 * rapport_database_verify_file:
 * @path: a database file (e.g. a backup)
 * @error: return location for a #GError
 *
 * Reads @path, without leaving anything beside it, and checks that it is a
 * sound Rapport database of a version this build can open: Rapport's own
 * (%RAPPORT_DATABASE_ERROR_NOT_DATABASE otherwise), not from a newer Rapport
 * (%RAPPORT_DATABASE_ERROR_TOO_NEW), and passing integrity_check.
 */
gboolean
rapport_database_verify_file (const char  *path,
                              GError     **error)
{
  int version = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return verify_file (path, &version, error);
}

/* A copy of the backup at @backup_path, of @version, at @staged_path, brought
 * up to the latest schema with @self's clock and country code. */
static gboolean
stage_migrated_copy (RapportDatabase  *self,
                     const char       *backup_path,
                     int               version,
                     const char       *staged_path,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autoptr (RapportDatabase) source = NULL;
  g_autoptr (RapportDatabase) staged = NULL;
  sqlite3 *dest;
  gboolean ok;

  source = open_peek (backup_path, error);
  if (source == NULL)
    return FALSE;

  dest = open_handle (staged_path, FALSE, TRUE, FALSE, error);
  if (dest == NULL)
    return FALSE;

  ok = copy_database (dest, source->handle, cancellable, error);
  if (sqlite3_close (dest) != SQLITE_OK && ok)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                   _("Could not finish writing “%s”"), staged_path);
      return FALSE;
    }
  if (!ok)
    return FALSE;

  staged = _rapport_database_open_full (staged_path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, version, error);
  if (staged == NULL)
    return FALSE;

  g_set_object (&staged->clock, self->clock);
  rapport_database_set_default_country_code (staged, rapport_database_get_default_country_code (self));

  return run_migrations (staged, _rapport_migrations_get_latest (), NULL, error);
}

/**
 * rapport_database_restore_from:
 * @self: a #RapportDatabase (not read-only)
 * @backup_path: a backup made by rapport_database_backup_to()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Verifies @backup_path, then replaces this database's content with it in one
 * transaction (SQLite backup API), so that a restore that fails or is
 * cancelled half-way leaves the data as it was. An older backup is migrated
 * first, in a copy of its own next to the database ("<database>.restoring",
 * removed afterwards). Makes no backup itself: the caller backs up first.
 * Emits %RAPPORT_CHANGE_RELOADED on @self; when @self is a worker connection,
 * re-emit it on the main database.
 */
gboolean
rapport_database_restore_from (RapportDatabase  *self,
                               const char       *backup_path,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr (RapportDatabase) source = NULL;
  g_autofree char *staged_path = NULL;
  int version = 0;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (self, error))
    return FALSE;

  if (self->depth > 0)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                           _("Cannot restore a backup in the middle of a change"));
      return FALSE;
    }

  if (!verify_file (backup_path, &version, error))
    return FALSE;

  if (version < _rapport_migrations_get_latest ())
    {
      staged_path = g_strconcat (self->path, ".restoring", NULL);
      remove_with_companions (staged_path);

      if (!stage_migrated_copy (self, backup_path, version, staged_path, cancellable, error))
        {
          remove_with_companions (staged_path);
          return FALSE;
        }
    }

  source = open_peek (staged_path != NULL ? staged_path : backup_path, error);
  ok = source != NULL;

  if (ok)
    {
      /* Cached statements refer to the schema being replaced. */
      clear_statements (self);
      ok = copy_database (self->handle, source->handle, cancellable, error);
    }

  g_clear_object (&source);
  if (staged_path != NULL)
    remove_with_companions (staged_path);

  if (!ok)
    return FALSE;

  if (!query_int (self->handle, "PRAGMA user_version", &version, error))
    return FALSE;

  self->schema_version = version;

  if (!apply_pragmas (self->handle, FALSE, error))
    return FALSE;

  _rapport_database_queue_change (self, RAPPORT_ENTITY_KIND_CUSTOMER, 0, 0, RAPPORT_CHANGE_RELOADED);

  return TRUE;
}

/* Private API for tests */

void
_rapport_database_set_copy_step_func (guint               pages_per_step,
                                      RapportCopyStepFunc func,
                                      gpointer            user_data)
{
  copy_pages_per_step = pages_per_step > 0 ? (int) pages_per_step : BACKUP_PAGES_PER_STEP;
  copy_step_func = func;
  copy_step_data = user_data;
}
