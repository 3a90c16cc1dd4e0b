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

static void
test_backup_and_verify (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) copy = NULL;
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (RapportCustomer) read = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *partial = g_strdup_printf ("%s.partial", backup);

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
  g_autofree char *partial = g_strdup_printf ("%s.partial", backup);

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

  return g_test_run ();
}
