/* test-backup-api.c
 *
 * rapport_database_backup_to, _restore_from and _verify_file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-database-private.h"
#include "store-test-helpers.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static int
file_header_byte (const char *path,
                  guint       offset)
{
  g_autoptr (GBytes) bytes = file_bytes (path);

  g_assert_cmpuint (g_bytes_get_size (bytes), >, offset);
  return ((const guint8 *) g_bytes_get_data (bytes, NULL))[offset];
}

static void
add_customers (RapportDatabase *db,
               guint            n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u, whose name is long enough to fill a few pages", i);
      g_autoptr (RapportCustomer) c = add_customer (db, name, NULL);
    }
}

static void
test_backup_and_verify (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) copy = NULL;
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (RapportCustomer) read = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *partial = g_build_filename (fixture->dir, ".backup.db.partial", NULL);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("客户 %u", i);
      g_autoptr (RapportCustomer) c = add_customer (fixture->db, name, NULL);
    }
  customer = add_customer (fixture->db, "速阳有限公司", NULL);

  g_assert_true (rapport_database_backup_to (fixture->db, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  g_assert_true (rapport_database_verify_file (backup, &error));
  g_assert_no_error (error);

  /* The copy is a complete database on its own. */
  copy = rapport_database_open (backup, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_database_get_schema_version (copy), ==, rapport_database_get_latest_version ());
  g_assert_cmpuint (rapport_store_count_customers (copy), ==, 201);
  read = rapport_store_get_customer (copy, rapport_customer_get_id (customer), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (read), ==, "速阳有限公司");
}

static void
test_backup_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *partial = g_build_filename (fixture->dir, ".backup.db.partial", NULL);

  g_cancellable_cancel (cancellable);
  g_assert_false (rapport_database_backup_to (fixture->db, backup, cancellable, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
}

static void
test_backup_to_missing_folder (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "missing", "backup.db", NULL);

  g_assert_false (rapport_database_backup_to (fixture->db, backup, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == RAPPORT_DATABASE_ERROR);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) kept = NULL;
  g_autoptr (RapportCustomer) later = NULL;
  g_autoptr (RapportCustomer) read = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);

  kept = add_customer (fixture->db, "Kept in the backup", "KEEP1");
  g_assert_true (rapport_database_backup_to (fixture->db, backup, NULL, &error));
  g_assert_no_error (error);

  later = add_customer (fixture->db, "Added after the backup", "LATE1");
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (kept), &error));
  fixture_clear_changes (fixture);

  g_assert_true (rapport_database_restore_from (fixture->db, backup, NULL, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, (gint64) 0, RAPPORT_CHANGE_RELOADED);

  /* The connection now holds the backup's data and keeps working. */
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
  read = rapport_store_get_customer (fixture->db, rapport_customer_get_id (kept), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_deleted_at (read), ==, 0);
  g_clear_object (&read);
  read = rapport_store_get_customer (fixture->db, rapport_customer_get_id (later), &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (read);
  g_clear_error (&error);

  g_clear_object (&later);
  later = add_customer (fixture->db, "Added after the restore", "LATE1");
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 2);

  /* And the file itself holds it too. */
  g_assert_finalize_object (g_steal_pointer (&fixture->db));
  fixture_open (fixture);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 2);
}

static void
test_restore_refuses_bad_backup (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Still here", NULL);
  g_autofree char *garbage = g_build_filename (fixture->dir, "garbage.db", NULL);

  g_assert_true (g_file_set_contents (garbage, "not a backup at all", -1, NULL));
  fixture_clear_changes (fixture);

  g_assert_false (rapport_database_restore_from (fixture->db, garbage, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
  assert_changes (fixture, 0);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
}

static void
test_verify_rejects (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.db", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "text.db", NULL);
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.db", NULL);
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.db", NULL);
  sqlite3 *handle = NULL;

  g_assert_false (rapport_database_verify_file (missing, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_false (rapport_database_verify_file (empty, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text, "hello, world, this is text and not SQLite", -1, NULL));
  g_assert_false (rapport_database_verify_file (text, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
  g_clear_error (&error);

  /* A sound SQLite file that is not a Rapport database. */
  g_assert_cmpint (sqlite3_open (plain, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  g_assert_false (rapport_database_verify_file (plain, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
  g_clear_error (&error);

  g_assert_true (rapport_database_backup_to (fixture->db, newer, NULL, &error));
  g_assert_cmpint (sqlite3_open (newer, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 1000", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  g_assert_false (rapport_database_verify_file (newer, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_TOO_NEW);
}

typedef struct
{
  RapportDatabase *worker;
  char            *dest;
  gboolean         ok;
  GError          *error;
} WorkerBackup;

static gpointer
backup_thread (gpointer data)
{
  WorkerBackup *job = data;

  job->ok = rapport_database_backup_to (job->worker, job->dest, NULL, &job->error);
  return NULL;
}

static void
test_backup_on_worker (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Backed up from a thread", NULL);
  WorkerBackup job = { 0 };
  GThread *thread;

  job.worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  job.dest = g_build_filename (fixture->dir, "worker-backup.db", NULL);

  thread = g_thread_new ("backup", backup_thread, &job);
  g_thread_join (thread);

  g_assert_no_error (job.error);
  g_assert_true (job.ok);
  g_assert_true (rapport_database_verify_file (job.dest, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (job.worker);
  g_free (job.dest);
}


/* Writes a customer on another connection between two steps of a copy, as a
 * user working during a backup does. */
typedef struct
{
  RapportDatabase *writer;
  guint            n_steps;
  GCancellable    *cancel_after_first;
} StepData;

static void
write_between_steps_cb (gpointer user_data)
{
  StepData *step = user_data;
  g_autofree char *name = g_strdup_printf ("Written during step %u", step->n_steps);
  g_autoptr (RapportCustomer) customer = NULL;

  /* A copy that SQLite restarted on every write would never end. */
  g_assert_cmpuint (++step->n_steps, <, 10000);

  if (step->writer != NULL)
    customer = add_customer (step->writer, name, NULL);
  if (step->cancel_after_first != NULL)
    g_cancellable_cancel (step->cancel_after_first);
}

static void
test_backup_under_writes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (RapportDatabase) copy = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  StepData step = { fixture->db, 0, NULL };

  add_customers (fixture->db, 300);
  worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);

  _rapport_database_set_copy_step_func (4, write_between_steps_cb, &step);
  g_assert_true (rapport_database_backup_to (worker, backup, NULL, &error));
  _rapport_database_set_copy_step_func (0, NULL, NULL);
  g_assert_no_error (error);

  /* Many steps, a write after each, and the backup still finished. */
  g_assert_cmpuint (step.n_steps, >, 10);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 300 + step.n_steps);

  /* It holds the data as it was when it started, and is sound. */
  g_assert_true (rapport_database_verify_file (backup, &error));
  g_assert_no_error (error);
  copy = rapport_database_open (backup, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_customers (copy), ==, 300);
}

static void
test_backup_is_one_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *backup = g_build_filename (folder, "backup.db", NULL);
  g_autofree char *listing = NULL;

  add_customers (fixture->db, 20);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  g_assert_true (rapport_database_backup_to (fixture->db, backup, NULL, &error));
  g_assert_no_error (error);

  /* A rollback-journal file (header bytes 18 and 19 are 1; 2 is WAL): it
   * stands alone, and reading it creates nothing beside it. */
  g_assert_cmpint (file_header_byte (backup, 18), ==, 1);
  g_assert_cmpint (file_header_byte (backup, 19), ==, 1);
  listing = list_dir (folder);
  g_assert_cmpstr (listing, ==, "backup.db");

  g_assert_true (rapport_database_verify_file (backup, &error));
  g_assert_no_error (error);
  g_clear_pointer (&listing, g_free);
  listing = list_dir (folder);
  g_assert_cmpstr (listing, ==, "backup.db");
}

static void
test_verify_leaves_nothing_beside (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *backup = g_build_filename (folder, "old-backup.db", NULL);
  g_autofree char *listing = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *copy;

  /* A backup as earlier versions made them: still in WAL mode. */
  add_customers (fixture->db, 20);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (backup, &dest), ==, SQLITE_OK);
  copy = sqlite3_backup_init (dest, "main", _rapport_database_get_handle (fixture->db), "main");
  g_assert_cmpint (sqlite3_backup_step (copy, -1), ==, SQLITE_DONE);
  sqlite3_backup_finish (copy);
  g_assert_cmpint (sqlite3_close (dest), ==, SQLITE_OK);
  g_assert_cmpint (file_header_byte (backup, 18), ==, 2);
  listing = list_dir (folder);
  g_assert_cmpstr (listing, ==, "old-backup.db");

  g_assert_true (rapport_database_verify_file (backup, &error));
  g_assert_no_error (error);

  g_clear_pointer (&listing, g_free);
  listing = list_dir (folder);
  g_assert_cmpstr (listing, ==, "old-backup.db");
}

static void
test_backup_cancelled_half_way (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *backup = g_build_filename (folder, "backup.db", NULL);
  g_autofree char *listing = NULL;
  StepData step = { NULL, 0, cancellable };

  add_customers (fixture->db, 100);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  _rapport_database_set_copy_step_func (4, write_between_steps_cb, &step);
  g_assert_false (rapport_database_backup_to (fixture->db, backup, cancellable, &error));
  _rapport_database_set_copy_step_func (0, NULL, NULL);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED);
  g_assert_cmpuint (step.n_steps, ==, 1);

  /* Neither the half-written copy nor its journal is left. */
  listing = list_dir (folder);
  g_assert_cmpstr (listing, ==, "");

  /* And the connection is out of its read transaction: it writes. */
  add_customers (fixture->db, 1);
}

static void
test_restore_cancelled_half_way (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (RapportDatabase) worker = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  StepData step = { NULL, 0, cancellable };

  add_customers (fixture->db, 100);
  g_assert_true (rapport_database_backup_to (fixture->db, backup, NULL, &error));
  g_assert_no_error (error);
  add_customers (fixture->db, 50);
  fixture_clear_changes (fixture);

  worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  _rapport_database_set_copy_step_func (4, write_between_steps_cb, &step);
  g_assert_false (rapport_database_restore_from (worker, backup, cancellable, &error));
  _rapport_database_set_copy_step_func (0, NULL, NULL);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED);
  g_assert_cmpuint (step.n_steps, ==, 1);
  g_clear_error (&error);

  /* The pages already copied were one transaction, rolled back. */
  assert_changes (fixture, 0);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 150);
  g_assert_true (rapport_database_check (fixture->db, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&worker);
  g_assert_finalize_object (g_steal_pointer (&fixture->db));
  fixture_open (fixture);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 150);
}

static void
test_restore_gives_up_when_locked (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) worker = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  gint64 start;

  add_customers (fixture->db, 10);
  g_assert_true (rapport_database_backup_to (fixture->db, backup, NULL, &error));
  g_assert_no_error (error);
  add_customers (fixture->db, 5);

  /* Another connection holds the write lock and never lets go. */
  worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  sqlite3_busy_timeout (_rapport_database_get_handle (worker), 20);
  g_assert_true (_rapport_database_begin (fixture->db, &error));

  start = g_get_monotonic_time ();
  g_assert_false (rapport_database_restore_from (worker, backup, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no progress"));
  /* It stopped after a few waits for the lock, not after a spin. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  g_assert_true (_rapport_database_rollback (fixture->db, NULL));
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 15);
  listing = list_dir (fixture->dir);
  expected = g_strdup ("backup.db rapport.db rapport.db-shm rapport.db-wal");
  g_assert_cmpstr (listing, ==, expected);
}

static void
test_restore_older_backup (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) old = NULL;
  g_autoptr (RapportCustomer) read = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "version-2.db", NULL);
  g_autofree char *listing = NULL;

  /* A backup made by an older Rapport: schema 2. */
  old = _rapport_database_open_full (backup, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_true (_rapport_database_exec (old,
    "INSERT INTO customer (id, uuid, code, name, name_match, sort_key, created_at, updated_at) "
    "  VALUES (4, 'c5a0c3e4-1111-4c1c-9d2e-000000000004', 'SY001', '速阳有限公司', '速阳有限公司', x'01', 1, 1);",
    &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  add_customers (fixture->db, 3);
  fixture_clear_changes (fixture);

  g_assert_true (rapport_database_restore_from (fixture->db, backup, NULL, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, (gint64) 0, RAPPORT_CHANGE_RELOADED);

  /* Migrated on the way in; the copy it was migrated in is gone. */
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
  read = rapport_store_get_customer (fixture->db, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (read), ==, "速阳有限公司");
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "rapport.db rapport.db-shm rapport.db-wal version-2.db");

  /* The backup itself is untouched: still schema 2. */
  g_clear_object (&old);
  old = rapport_database_open (backup, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_database_get_schema_version (old), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/backup-api/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("backup-and-verify", test_backup_and_verify);
  ADD ("backup-cancelled", test_backup_cancelled);
  ADD ("backup-to-missing-folder", test_backup_to_missing_folder);
  ADD ("restore", test_restore);
  ADD ("restore-refuses-bad-backup", test_restore_refuses_bad_backup);
  ADD ("verify-rejects", test_verify_rejects);
  ADD ("backup-on-worker", test_backup_on_worker);
  ADD ("backup-under-writes", test_backup_under_writes);
  ADD ("backup-is-one-file", test_backup_is_one_file);
  ADD ("verify-leaves-nothing-beside", test_verify_leaves_nothing_beside);
  ADD ("backup-cancelled-half-way", test_backup_cancelled_half_way);
  ADD ("restore-cancelled-half-way", test_restore_cancelled_half_way);
  ADD ("restore-gives-up-when-locked", test_restore_gives_up_when_locked);
  ADD ("restore-older-backup", test_restore_older_backup);

  return g_test_run ();
}
