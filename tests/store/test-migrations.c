/* test-migrations.c
 *
 * Databases of every earlier schema version are migrated, after a verified
 * backup when they hold data; a failed backup stops the migration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-database-private.h"
#include "store-test-helpers.h"

#define NO_OPEN ((gconstpointer) 1)
/* TEST_NOW in UTC: backup names do not depend on the time zone. */
#define BACKUP_NAME "rapport-20261122-080000Z-before-migration.db"

static int
file_user_version (const char *path)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);

  return version;
}

/* A version-1 database with one customer, one contact and their channels,
 * written the way version 1 stored them. */
static void
make_version_1 (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;

  db = _rapport_database_open_full (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_database_get_schema_version (db), ==, 1);

  g_assert_true (_rapport_database_exec (db,
    "INSERT INTO customer (id, uuid, code, name, name_match, sort_key, created_at, updated_at) "
    "  VALUES (7, 'c5a0c3e4-1111-4c1c-9d2e-000000000007', 'SY001', '速阳有限公司', '速阳有限公司', x'00', 1, 1);"
    "INSERT INTO contact (id, uuid, customer_id, name, name_match, is_primary, created_at, updated_at) "
    "  VALUES (3, 'c5a0c3e4-2222-4c1c-9d2e-000000000003', 7, 'Li Wei', 'liwei', 1, 1, 1);"
    "INSERT INTO channel (uuid, customer_id, contact_id, kind, value, position, created_at, updated_at) "
    "  VALUES ('c5a0c3e4-3333-4c1c-9d2e-000000000001', 7, NULL, 'phone', '+8613800138000', 0, 1, 1),"
    "         ('c5a0c3e4-3333-4c1c-9d2e-000000000002', 7, 3, 'email', 'li.wei@example.com', 0, 1, 1);",
    &error));
  g_assert_no_error (error);
}

static void
test_from_empty (Fixture       *fixture,
                 gconstpointer  data)
{
  sqlite3 *handle = NULL;

  /* Version 0: an SQLite file with nothing in it yet. */
  g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA page_size = 4096; VACUUM", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  g_assert_cmpint (file_user_version (fixture->path), ==, 0);

  fixture_open (fixture);

  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());
  g_assert_cmpint (file_user_version (fixture->path), ==, rapport_database_get_latest_version ());

  /* Nothing to lose in an empty file: no backup. */
  {
    g_autofree char *backup = g_build_filename (fixture->dir, BACKUP_NAME, NULL);
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  }
}

static void
test_from_version_1 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (RapportContact) contact = NULL;
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *backup = g_build_filename (backup_dir, BACKUP_NAME, NULL);

  make_version_1 (fixture);
  g_assert_cmpint (file_user_version (fixture->path), ==, 1);

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (fixture->db, fixture->clock);

  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());
  g_assert_cmpint (file_user_version (fixture->path), ==, rapport_database_get_latest_version ());

  /* The data survived the migration. */
  customer = rapport_store_get_customer (fixture->db, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (customer), ==, "速阳有限公司");
  g_assert_cmpstr (rapport_customer_get_code (customer), ==, "SY001");
  g_assert_cmpstr (rapport_customer_get_phones (customer)[0], ==, "+8613800138000");
  contact = rapport_store_get_contact (fixture->db, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_emails (contact)[0], ==, "li.wei@example.com");

  /* A verified backup of the version-1 file was made first. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_true (rapport_database_verify_file (backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_user_version (backup), ==, 1);
}

/* A version-2 database (search index, no tag counts): three customers, one
 * in the Trash, sharing two tags. */
static void
make_version_2 (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;

  db = _rapport_database_open_full (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_database_get_schema_version (db), ==, 2);

  g_assert_true (_rapport_database_exec (db,
    "INSERT INTO customer (id, uuid, code, name, name_match, sort_key, created_at, updated_at, deleted_at) "
    "  VALUES (1, 'c5a0c3e4-1111-4c1c-9d2e-000000000001', 'SY001', '速阳有限公司', '速阳有限公司', x'01', 1, 1, NULL),"
    "         (2, 'c5a0c3e4-1111-4c1c-9d2e-000000000002', 'AT001', 'Acme Trading', 'acmetrading', x'02', 1, 1, NULL),"
    "         (3, 'c5a0c3e4-1111-4c1c-9d2e-000000000003', 'BT001', 'Beta', 'beta', x'03', 1, 1, 5);"
    "INSERT INTO tag (id, uuid, name, created_at, updated_at) "
    "  VALUES (1, 'c5a0c3e4-4444-4c1c-9d2e-000000000001', 'VIP', 1, 1),"
    "         (2, 'c5a0c3e4-4444-4c1c-9d2e-000000000002', 'Export', 1, 1);"
    "INSERT INTO customer_tag (customer_id, tag_id) VALUES (1, 1), (2, 1), (3, 1), (3, 2);",
    &error));
  g_assert_no_error (error);
}

static void
test_from_version_2 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) tags = NULL;
  g_autoptr (GListModel) trash = NULL;
  g_autoptr (RapportTag) vip = NULL;
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *backup = g_build_filename (backup_dir, BACKUP_NAME, NULL);

  make_version_2 (fixture);
  g_assert_cmpint (file_user_version (fixture->path), ==, 2);

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (fixture->db, fixture->clock);
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());
  g_assert_cmpint (file_user_version (fixture->path), ==, rapport_database_get_latest_version ());

  /* The tag counts were computed from the links: the trashed customer's do
   * not count, so "Export" is not listed. */
  tags = rapport_store_list_tags (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 1);
  vip = g_list_model_get_item (tags, 0);
  g_assert_cmpstr (rapport_tag_get_name (vip), ==, "VIP");
  g_assert_cmpuint (rapport_tag_get_n_customers (vip), ==, 2);
  g_clear_object (&tags);

  /* And kept from then on. */
  g_assert_true (rapport_store_restore_customer (fixture->db, 3, &error));
  g_assert_no_error (error);
  tags = rapport_store_list_tags (fixture->db, &error);
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 2);
  g_clear_object (&vip);
  vip = g_list_model_get_item (tags, 1);
  g_assert_cmpstr (rapport_tag_get_name (vip), ==, "VIP");
  g_assert_cmpuint (rapport_tag_get_n_customers (vip), ==, 3);

  g_assert_true (rapport_store_trash_customer (fixture->db, 1, &error));
  trash = rapport_store_list_trash (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);

  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (file_user_version (backup), ==, 2);
}

static void
test_version_1_without_backup_dir (Fixture       *fixture,
                                   gconstpointer  data)
{
  make_version_1 (fixture);

  /* Callers that keep no backups (tests, --demo) still get migrated. */
  fixture_open (fixture);
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
}

static void
test_backup_failure_stops_migration (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autofree char *not_a_folder = g_build_filename (fixture->dir, "backups", NULL);

  make_version_1 (fixture);
  before = file_bytes (fixture->path);

  /* The backup folder cannot be made: a file is in the way. */
  g_assert_true (g_file_set_contents (not_a_folder, "in the way", -1, NULL));

  db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, not_a_folder, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_MIGRATION);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, "backup"));
  g_assert_nonnull (strstr (error->message, not_a_folder));

  g_assert_cmpint (file_user_version (fixture->path), ==, 1);
  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_latest_is_not_migrated_again (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = NULL;

  fixture_open (fixture);
  customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_assert_finalize_object (g_steal_pointer (&fixture->db));

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);

  /* Up to date: no backup before migration. */
  {
    g_autofree char *backup = g_build_filename (fixture->dir, BACKUP_NAME, NULL);
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The backup's name comes from the database's clock, in local time: the
   * default clock is fixed here, as the databases opened by the library use
   * it until a test sets its own. */
  rapport_clock_set_fixed (rapport_clock_get_default (), TEST_NOW);

#define ADD(path, func, data) \
  g_test_add ("/store/migrations/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("from-empty", test_from_empty, NO_OPEN);
  ADD ("from-version-1", test_from_version_1, NO_OPEN);
  ADD ("from-version-2", test_from_version_2, NO_OPEN);
  ADD ("version-1-without-backup-dir", test_version_1_without_backup_dir, NO_OPEN);
  ADD ("backup-failure-stops-migration", test_backup_failure_stops_migration, NO_OPEN);
  ADD ("latest-is-not-migrated-again", test_latest_is_not_migrated_again, NO_OPEN);

  return g_test_run ();
}
