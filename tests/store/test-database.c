/* test-database.c
 *
 * Opening and checking database files, pragmas, transactions and the
 * "changed" signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-database-private.h"
#include "rapport-migrations-private.h"
#include "store-test-helpers.h"

#define NO_OPEN ((gconstpointer) 1)

static int
pragma_int (RapportDatabase *db,
            const char      *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static char *
pragma_text (RapportDatabase *db,
             const char      *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* A database with enough rows to span many pages, closed. */
static void
make_database_with_data (Fixture *fixture,
                         guint    n_customers)
{
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GError) error = NULL;

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_customers; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer number %u with a long enough name to fill pages", i);
      g_autoptr (RapportCustomer) customer = add_customer (db, name, NULL);
    }
}

/* Garbage over pages from @first_page (1-based; 0 for the last quarter)
 * to the end. */
static void
corrupt_pages (const char *path,
               guint       first_page)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint page_size;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  page_size = ((guint8) contents[16] << 8) | (guint8) contents[17];
  g_assert_cmpuint (length, >, 4 * page_size);
  if (first_page == 0)
    first_page = length / page_size * 3 / 4;
  for (gsize i = (gsize) (first_page - 1) * page_size; i < length; i++)
    contents[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
test_new (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *journal = NULL;

  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());
  g_assert_cmpint (rapport_database_get_latest_version (), >=, 2);
  g_assert_false (rapport_database_is_read_only (fixture->db));
  g_assert_cmpstr (rapport_database_get_path (fixture->db), ==, fixture->path);

  journal = pragma_text (fixture->db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (pragma_int (fixture->db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (fixture->db, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (pragma_int (fixture->db, "PRAGMA user_version"), ==, rapport_database_get_latest_version ());
  g_assert_cmpint (pragma_int (fixture->db, "SELECT count (*) FROM user WHERE name != ''"), ==, 1);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 0);
}

static void
test_zero_byte_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  g_assert_cmpuint (file_size (fixture->path), ==, 0);

  fixture_open (fixture);

  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());
  g_assert_cmpuint (file_size (fixture->path), >, 0);
}

static void
test_not_sqlite (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  const char text[] = "name,phone\n速阳有限公司,13800138000\nThis is a CSV file, not a database.\n";

  g_assert_true (g_file_set_contents (fixture->path, text, -1, NULL));
  before = file_bytes (fixture->path);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
  g_assert_null (db);

  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_short_garbage (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "x", 1, NULL));

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
  g_assert_null (db);
  g_assert_cmpuint (file_size (fixture->path), ==, 1);
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autofree char *wal = g_strdup_printf ("%s-wal", fixture->path);

  make_database_with_data (fixture, 300);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Garbage over every page but the first (the header stays valid). */
  corrupt_pages (fixture->path, 2);
  before = file_bytes (fixture->path);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT);
  g_assert_null (db);
  g_test_message ("Corrupt: %s", error->message);
  g_clear_error (&error);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT);
  g_assert_null (db);

  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_big_file_check (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  make_database_with_data (fixture, 300);

  /* An ordinary file is checked in full on open. */
  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_database_is_checked (db));
  g_clear_object (&db);

  /* A "big" one only structurally; the full check is the caller's. */
  _rapport_database_set_full_check_limit (0);
  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_database_is_checked (db));

  g_cancellable_cancel (cancellable);
  g_assert_false (rapport_database_check (db, cancellable, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (rapport_database_is_checked (db));

  g_assert_true (rapport_database_check (db, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_database_is_checked (db));
  g_assert_cmpuint (rapport_store_count_customers (db), ==, 300);
  g_clear_object (&db);

  /* Damage in the last pages (the rows, not the schema) is found by the
   * full check. */
  corrupt_pages (fixture->path, 0);
  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_database_check (db, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT);
  g_assert_false (rapport_database_is_checked (db));

  _rapport_database_set_full_check_limit (G_MAXUINT64);
}

static void
test_missing_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (folder, "rapport.db", NULL);

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_folder_as_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;

  db = rapport_database_open (fixture->dir, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN);
  g_assert_null (db);
}

static void
assert_read_only_works (const char *path,
                        guint       n_customers)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_database_is_read_only (db));
  g_assert_cmpuint (rapport_store_count_customers (db), ==, n_customers);

  rapport_customer_set_name (customer, "Nope");
  g_assert_false (rapport_store_insert_customer (db, customer, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (rapport_store_trash_customer (db, 1, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY);
}

static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;

  if (!permissions_are_enforced ())
    {
      g_test_skip ("Running as root: file permissions do not stop writes");
      return;
    }

  make_database_with_data (fixture, 3);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  before = file_bytes (fixture->path);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, fixture->path));

  assert_read_only_works (fixture->path, 3);

  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autofree char *shm = g_strdup_printf ("%s-shm", fixture->path);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;

  if (!permissions_are_enforced ())
    {
      g_test_skip ("Running as root: folder permissions do not stop writes");
      return;
    }

  /* A WAL database whose -shm cannot be created: the folder is read-only. */
  make_database_with_data (fixture, 4);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  before = file_bytes (fixture->path);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, fixture->dir));

  assert_read_only_works (fixture->path, 4);

  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));

  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
}

static void
test_read_only_folder_new_file (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;

  if (!permissions_are_enforced ())
    {
      g_test_skip ("Running as root: folder permissions do not stop writes");
      return;
    }

  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, fixture->dir));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
}

static void
test_read_only_older_version (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;

  if (!permissions_are_enforced ())
    {
      g_test_skip ("Running as root: file permissions do not stop writes");
      return;
    }

  db = _rapport_database_open_full (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_database_get_schema_version (db), ==, 1);
  g_clear_object (&db);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);

  /* Cannot be upgraded, but can be read as it is. */
  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_database_get_schema_version (db), ==, 1);
  g_assert_true (rapport_database_is_read_only (db));
  g_assert_cmpuint (rapport_store_count_customers (db), ==, 0);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autofree char *expected = NULL;
  sqlite3 *handle = NULL;

  make_database_with_data (fixture, 2);
  g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  before = file_bytes (fixture->path);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, fixture->dir, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_TOO_NEW);
  g_assert_null (db);
  expected = g_strdup_printf ("This file was written by a newer version of Rapport (schema 99); "
                              "this version understands up to %d",
                              rapport_database_get_latest_version ());
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_TOO_NEW);
  g_assert_null (db);

  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));

  /* No backup was made either: nothing was about to change. */
  {
    g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_suffix (name, "-before-migration.db"));
  }
}

static void
test_statement_cache (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *first;
  sqlite3_stmt *second;
  g_autofree char *sql = g_strdup ("SELECT count (*) FROM customer");

  first = _rapport_database_prepare (fixture->db, "SELECT count (*) FROM customer", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (first), ==, SQLITE_ROW);

  /* Same text from another buffer: same statement, reset. */
  second = _rapport_database_prepare (fixture->db, sql, &error);
  g_assert_true (first == second);
  g_assert_cmpint (sqlite3_step (second), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (second, 0), ==, 0);
  sqlite3_reset (second);

  g_assert_null (_rapport_database_prepare (fixture->db, "SELECT nonsense FROM nowhere", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);
}

static gboolean
insert_two (RapportDatabase  *db,
            gpointer          user_data,
            GError          **error)
{
  g_autoptr (RapportCustomer) a = rapport_customer_new ();
  g_autoptr (RapportCustomer) b = rapport_customer_new ();
  gint64 *ids = user_data;
  gboolean fail = ids[2] != 0;

  rapport_customer_set_name (a, "First");
  rapport_customer_set_name (b, "Second");
  if (!rapport_store_insert_customer (db, a, error) ||
      !rapport_store_insert_customer (db, b, error))
    return FALSE;

  ids[0] = rapport_customer_get_id (a);
  ids[1] = rapport_customer_get_id (b);

  if (fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "changed my mind");
      return FALSE;
    }

  return TRUE;
}

static void
test_run_in_transaction (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 ids[3] = { 0, 0, 1 };

  /* Rolled back: nothing stored, nothing announced. */
  g_assert_false (rapport_database_run_in_transaction (fixture->db, insert_two, ids, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 0);
  assert_changes (fixture, 0);
  g_assert_false (_rapport_database_in_transaction (fixture->db));

  ids[2] = 0;
  g_assert_true (rapport_database_run_in_transaction (fixture->db, insert_two, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 2);
  assert_changes (fixture, 2,
                  RAPPORT_ENTITY_KIND_CUSTOMER, ids[0], RAPPORT_CHANGE_INSERTED,
                  RAPPORT_ENTITY_KIND_CUSTOMER, ids[1], RAPPORT_CHANGE_INSERTED);
}

static void
count_in_handler_cb (RapportChangeBus *bus,
                     GArray           *changes,
                     gpointer          user_data)
{
  Fixture *fixture = user_data;

  /* A handler sees the committed data. */
  g_object_set_data (G_OBJECT (bus), "seen-count",
                     GUINT_TO_POINTER (rapport_store_count_customers (fixture->db)));
}

static void
test_nested_transactions (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) outer = rapport_customer_new ();
  g_autoptr (RapportCustomer) inner = rapport_customer_new ();
  g_autoptr (RapportCustomer) dup = rapport_customer_new ();
  RapportChangeBus *bus = rapport_database_get_change_bus (fixture->db);
  gulong handler;

  handler = g_signal_connect (bus, "changed", G_CALLBACK (count_in_handler_cb), fixture);

  g_assert_true (_rapport_database_begin (fixture->db, &error));
  rapport_customer_set_name (outer, "Outer");
  rapport_customer_set_code (outer, "OUT1");
  g_assert_true (rapport_store_insert_customer (fixture->db, outer, &error));
  assert_changes (fixture, 0);

  /* A repository call failing validation inside (before writing anything)
   * leaves the outer transaction alive. */
  rapport_customer_set_name (dup, "Duplicate code");
  rapport_customer_set_code (dup, "OUT1");
  g_assert_false (rapport_store_insert_customer (fixture->db, dup, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_DUPLICATE_CODE);
  g_clear_error (&error);

  g_assert_true (_rapport_database_in_transaction (fixture->db));
  assert_changes (fixture, 0);
  g_assert_true (_rapport_database_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_false (_rapport_database_in_transaction (fixture->db));

  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, rapport_customer_get_id (outer), RAPPORT_CHANGE_INSERTED);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (bus), "seen-count")), ==, 1);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);

  /* An inner level rolled back after it wrote: the whole transaction fails
   * at the outermost commit, and nothing of it is kept or announced. */
  g_assert_true (_rapport_database_begin (fixture->db, &error));
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (outer), &error));
  g_assert_true (_rapport_database_begin (fixture->db, &error));
  rapport_customer_set_name (inner, "Inner");
  g_assert_true (rapport_store_insert_customer (fixture->db, inner, &error));
  g_assert_true (_rapport_database_rollback (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_false (_rapport_database_commit (fixture->db, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (_rapport_database_rollback (fixture->db, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 0);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);

  /* Outer rollback drops everything. */
  g_assert_true (_rapport_database_begin (fixture->db, &error));
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (outer), &error));
  g_assert_true (_rapport_database_rollback (fixture->db, &error));
  assert_changes (fixture, 0);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);

  /* And the connection is ready for the next change. */
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (outer), &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, rapport_customer_get_id (outer), RAPPORT_CHANGE_TRASHED);

  g_signal_handler_disconnect (bus, handler);
}

static gboolean
insert_many_interactions (RapportDatabase  *db,
                          gpointer          user_data,
                          GError          **error)
{
  gint64 customer_id = *(gint64 *) user_data;

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();

      rapport_interaction_set_customer_id (interaction, customer_id);
      rapport_interaction_set_occurred_at (interaction, TEST_NOW - i);
      if (!rapport_store_insert_interaction (db, interaction, error))
        return FALSE;
    }

  return TRUE;
}

static void
test_bulk_collapses_changes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Bulk", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_database_run_in_transaction (fixture->db, insert_many_interactions, &customer_id, &error));
  g_assert_no_error (error);

  /* One bulk change: of interactions, all of this customer's. */
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_INTERACTION, (gint64) 0, RAPPORT_CHANGE_RELOADED);
}

static void
test_worker (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (RapportCustomer) customer = NULL;
  g_autofree char *journal = NULL;

  rapport_database_set_default_country_code (fixture->db, "+44");
  g_assert_cmpstr (rapport_database_get_default_country_code (fixture->db), ==, "44");

  worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_database_get_clock (worker) == fixture->clock);
  g_assert_cmpstr (rapport_database_get_default_country_code (worker), ==, "44");
  g_assert_cmpint (pragma_int (worker, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (worker, "PRAGMA synchronous"), ==, 2);

  customer = add_customer (worker, "Written by a worker", NULL);
  g_assert_cmpint (rapport_customer_get_created_at (customer), ==, TEST_NOW);

  /* The main connection sees the data, and the file's bus heard of it (at
   * once: this worker commits on the bus's own thread; see test-change-bus
   * for a worker thread). */
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, rapport_customer_get_id (customer),
                  RAPPORT_CHANGE_INSERTED);

  /* The country code is the file's: changed on one connection, every one has it. */
  rapport_database_set_default_country_code (worker, "1");
  g_assert_cmpstr (rapport_database_get_default_country_code (fixture->db), ==, "1");

  g_assert_finalize_object (g_steal_pointer (&worker));
}

/* The store turns SQLite's memory statistics off before its first handle
 * opens: they cost a global lock on every allocation. */
static void
test_memory_statistics_off (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Counted nowhere", NULL);

  g_assert_cmpint (rapport_customer_get_id (customer), >, 0);
  g_assert_cmpint (sqlite3_memory_used (), ==, 0);
  g_assert_cmpint (sqlite3_memory_highwater (FALSE), ==, 0);
}


/* Files of other programs. None may be changed by trying to open it: not its
 * bytes, and nothing may appear beside it. */
typedef struct
{
  const char *sql;             /* the other program's schema and data */
  int         user_version;    /* -1: the latest Rapport schema; -2: one above it */
  gboolean    wal;
  int         application_id;
} ForeignFile;

static const ForeignFile foreign_notes_v0 = {
  "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);"
  "INSERT INTO note (body) VALUES ('Call the supplier on Monday');",
  0, FALSE, 0
};
static const ForeignFile foreign_notes_v1 = {
  "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);"
  "INSERT INTO note (body) VALUES ('Call the supplier on Monday');",
  1, TRUE, 0
};
/* Another CRM: some of Rapport's table names, not Rapport's schema. */
static const ForeignFile foreign_crm_v1 = {
  "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT, code TEXT);"
  "CREATE TABLE contact (id INTEGER PRIMARY KEY, customer_id INTEGER, name TEXT);"
  "INSERT INTO customer (name, code) VALUES ('Acme', 'A1');",
  1, FALSE, 0
};
static const ForeignFile foreign_current = {
  "CREATE TABLE track (id INTEGER PRIMARY KEY, title TEXT, seconds INTEGER);"
  "INSERT INTO track (title, seconds) VALUES ('Moonlight', 321);",
  -1, TRUE, 0
};
static const ForeignFile foreign_newer = {
  "CREATE TABLE track (id INTEGER PRIMARY KEY, title TEXT, seconds INTEGER);"
  "INSERT INTO track (title, seconds) VALUES ('Moonlight', 321);",
  -2, FALSE, 0
};
/* Marked by another program (GeoPackage's "GPKG"), even with nothing in it. */
static const ForeignFile foreign_marked_empty = {
  "",
  0, FALSE, 0x47504B47
};

static void
make_foreign_file (const char        *path,
                   const ForeignFile *file)
{
  g_autofree char *pragmas = NULL;
  int version = file->user_version;
  sqlite3 *handle = NULL;

  if (version == -1)
    version = rapport_database_get_latest_version ();
  else if (version == -2)
    version = rapport_database_get_latest_version () + 1;

  pragmas = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d; PRAGMA journal_mode = %s;",
                             version, file->application_id, file->wal ? "WAL" : "DELETE");
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, file->sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, pragmas, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_folder (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_foreign_refused (const char *path,
                        const char *backup_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_null (db);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, "is not a Rapport database"));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (strstr (error->message, "newer version"));
  g_clear_error (&error);

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_null (db);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
  g_clear_error (&error);

  g_assert_false (rapport_database_verify_file (path, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
}

static void
test_foreign_file (Fixture       *fixture,
                   gconstpointer  data)
{
  const ForeignFile *file = data;
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;

  make_foreign_file (fixture->path, file);
  before = file_bytes (fixture->path);
  listing_before = list_folder (fixture->dir);
  g_assert_cmpstr (listing_before, ==, "rapport.db");

  assert_foreign_refused (fixture->path, backup_dir);

  /* Not a byte changed, no -wal, -shm or -journal, no backup made. */
  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  listing_after = list_folder (fixture->dir);
  g_assert_cmpstr (listing_after, ==, listing_before);
}

static void
test_foreign_read_only_file (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autofree char *listing = NULL;

  if (!permissions_are_enforced ())
    {
      g_test_skip ("Running as root: file permissions do not stop writes");
      return;
    }

  /* Not "cannot be changed, open it read-only?": it is not ours at all. */
  make_foreign_file (fixture->path, &foreign_notes_v1);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  before = file_bytes (fixture->path);

  assert_foreign_refused (fixture->path, NULL);

  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  listing = list_folder (fixture->dir);
  g_assert_cmpstr (listing, ==, "rapport.db");
}

static void
test_unmarked_older_versions_are_ours (Fixture       *fixture,
                                       gconstpointer  data)
{
  /* Versions before the application_id: recognised by their schema. */
  for (int version = 1; version < rapport_database_get_latest_version (); version++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RapportDatabase) db = NULL;

      test_remove_tree (fixture->path);
      db = _rapport_database_open_full (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, version, &error);
      g_assert_no_error (error);
      g_clear_object (&db);

      if (version <= 3)
        {
          g_assert_true (rapport_database_verify_file (fixture->path, &error));
          g_assert_no_error (error);
        }

      db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (rapport_database_get_schema_version (db), ==, rapport_database_get_latest_version ());
      g_assert_cmpint (pragma_int (db, "PRAGMA application_id"), ==, RAPPORT_APPLICATION_ID);
    }
}

/* An "Open Read-Only" session on a database that could not be written
 * leaves its -wal and -shm behind, made with the permissions the database
 * had. Once the database itself is writable again, SQLite opens it in a
 * read-only WAL mode where every save fails: Rapport must say it cannot write
 * it rather than pretend it can. */
static void
leave_read_only_session_files (Fixture *fixture)
{
  g_autofree char *wal = g_strdup_printf ("%s-wal", fixture->path);
  g_autofree char *shm = g_strdup_printf ("%s-shm", fixture->path);

  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RapportDatabase) db = NULL;

    db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (rapport_database_is_read_only (db));
  }
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (access (shm, W_OK), !=, 0);

  /* The user makes the database writable again. */
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  g_assert_cmpint (access (fixture->path, W_OK), ==, 0);
}

static void
test_read_only_session_leftovers (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;

  if (!permissions_are_enforced ())
    {
      g_test_skip ("Running as root: file permissions do not stop writes");
      return;
    }

  make_database_with_data (fixture, 3);
  leave_read_only_session_files (fixture);
  before = file_bytes (fixture->path);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_null (db);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "-shm"));
  g_clear_error (&error);

  /* What the read-only dialog offers works. */
  assert_read_only_works (fixture->path, 3);

  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only_session_leftovers_upgrade (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;

  if (!permissions_are_enforced ())
    {
      g_test_skip ("Running as root: file permissions do not stop writes");
      return;
    }

  /* An upgrade is due: the backup before it must not start (it used to spin
   * for ever here), nor the upgrade. */
  db = _rapport_database_open_full (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  leave_read_only_session_files (fixture);
  before = file_bytes (fixture->path);

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_null (db);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY);
  g_assert_false (g_file_test (backup_dir, G_FILE_TEST_EXISTS));

  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_error_mapping (void)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "SELECT * FROM missing", NULL, NULL, NULL), !=, SQLITE_OK);
  _rapport_database_set_error (&error, handle, "Could not read");
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "Could not read: "));
  g_assert_nonnull (strstr (error->message, "missing"));
  sqlite3_close (handle);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/store/database/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("new", test_new, NULL);
  ADD ("zero-byte-file", test_zero_byte_file, NO_OPEN);
  ADD ("not-sqlite", test_not_sqlite, NO_OPEN);
  ADD ("short-garbage", test_short_garbage, NO_OPEN);
  ADD ("corrupt", test_corrupt, NO_OPEN);
  ADD ("big-file-check", test_big_file_check, NO_OPEN);
  ADD ("missing-folder", test_missing_folder, NO_OPEN);
  ADD ("folder-as-file", test_folder_as_file, NO_OPEN);
  ADD ("read-only-file", test_read_only_file, NO_OPEN);
  ADD ("read-only-folder", test_read_only_folder, NO_OPEN);
  ADD ("read-only-folder-new-file", test_read_only_folder_new_file, NO_OPEN);
  ADD ("read-only-older-version", test_read_only_older_version, NO_OPEN);
  ADD ("too-new", test_too_new, NO_OPEN);
  ADD ("foreign-notes-version-0", test_foreign_file, &foreign_notes_v0);
  ADD ("foreign-notes-version-1-wal", test_foreign_file, &foreign_notes_v1);
  ADD ("foreign-crm-version-1", test_foreign_file, &foreign_crm_v1);
  ADD ("foreign-current-version-wal", test_foreign_file, &foreign_current);
  ADD ("foreign-newer-version", test_foreign_file, &foreign_newer);
  ADD ("foreign-marked-empty", test_foreign_file, &foreign_marked_empty);
  ADD ("foreign-read-only-file", test_foreign_read_only_file, NO_OPEN);
  ADD ("unmarked-older-versions-are-ours", test_unmarked_older_versions_are_ours, NO_OPEN);
  ADD ("read-only-session-leftovers", test_read_only_session_leftovers, NO_OPEN);
  ADD ("read-only-session-leftovers-upgrade", test_read_only_session_leftovers_upgrade, NO_OPEN);
  ADD ("statement-cache", test_statement_cache, NULL);
  ADD ("run-in-transaction", test_run_in_transaction, NULL);
  ADD ("nested-transactions", test_nested_transactions, NULL);
  ADD ("bulk-collapses-changes", test_bulk_collapses_changes, NULL);
  ADD ("worker", test_worker, NULL);
  ADD ("memory-statistics-off", test_memory_statistics_off, NULL);
  g_test_add_func ("/store/database/error-mapping", test_error_mapping);

  return g_test_run ();
}
