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
#include "rapport-customer-list-model.h"
#include "rapport-derived.h"
#include "rapport-import-store.h"

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

static void
count_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  guint *n = user_data;

  g_assert_cmpuint (done, <=, total);
  (*n)++;
}

static void
cancel_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Released versions, from the fixtures: databases written by the code that
 * released each version (see tests/store/fixtures/make-fixture.c), loaded
 * from their SQL dumps, migrated by today's code. */

static void
load_fixture (Fixture    *fixture,
              const char *name)
{
  g_autofree char *dump_path = g_test_build_filename (G_TEST_DIST, "store", "fixtures", name, NULL);
  g_autofree char *dump = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *handle = NULL;
  char *message = NULL;

  g_assert_true (g_file_get_contents (dump_path, &dump, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
  if (sqlite3_exec (handle, dump, NULL, NULL, &message) != SQLITE_OK)
    g_error ("Could not load %s: %s", name, message);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static char *
names_of (RapportDatabase *db,
          GArray          *ids)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (RapportCustomer) customer = rapport_store_get_customer (db, g_array_index (ids, gint64, i), NULL);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", rapport_customer_get_name (customer));
    }

  return g_string_free (names, FALSE);
}

static char *
found_names (RapportDatabase *db,
             const char      *query)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = rapport_store_search_customers (db, query, 20, &error);

  g_assert_no_error (error);
  return names_of (db, ids);
}

static void
test_released_fixture (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *name = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (RapportCustomerListModel) list = NULL;
  g_autoptr (GListModel) interactions = NULL;
  g_autoptr (GListModel) orders = NULL;
  g_autoptr (GListModel) contacts = NULL;
  g_autoptr (RapportCustomer) suyang = NULL;
  g_autoptr (GArray) shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *order = NULL;
  guint n_progress = 0;
  int version = name[1] - '0';

  load_fixture (fixture, name);
  g_assert_cmpint (file_user_version (fixture->path), ==, version);

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());

  /* The rows survived. */
  suyang = rapport_store_get_customer (fixture->db, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (suyang), ==, "速阳建材有限公司");
  g_assert_cmpstr (rapport_customer_get_code (suyang), ==, "SY001");
  g_assert_true (g_strv_contains (rapport_customer_get_tags (suyang), "VIP"));
  contacts = rapport_store_list_contacts (fixture->db, 3, &error);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 2);
  interactions = rapport_store_list_interactions (fixture->db, 3, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);
  orders = rapport_store_list_orders (fixture->db, 3, &error);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 1);
  g_assert_no_error (error);

  /* The index and sort keys were made by older code (or not at all): both
   * are stale until rebuilt on a worker. Version 4 recorded this build's sort
   * keys (current unless ICU changed since), but its documents are not
   * keyed by slots. */
  if (version < 4)
    g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error), ==,
                     RAPPORT_DERIVED_SEARCH_INDEX | RAPPORT_DERIVED_SORT_KEYS);
  else if (version < 5)
    g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error) & RAPPORT_DERIVED_SEARCH_INDEX, !=, 0);
  g_assert_no_error (error);
  worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  /* Version 5's documents are keyed by slots already: current, unless this
   * build's rules changed since. */
  if (rapport_derived_get_stale (worker, NULL) != RAPPORT_DERIVED_NONE)
    {
      g_assert_true (rapport_derived_rebuild (worker, rapport_derived_get_stale (worker, NULL),
                                              count_progress_cb, &n_progress, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_progress, >, 0);
    }
  g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error), ==, RAPPORT_DERIVED_NONE);

  /* Search finds its customers, by today's rules (people by their surname). */
  {
    g_autofree char *a = found_names (fixture->db, "速阳");
    g_autofree char *b = found_names (fixture->db, "cq");
    g_autofree char *c = found_names (fixture->db, "shanli");
    g_autofree char *d = found_names (fixture->db, "8000");
    g_autofree char *e = found_names (fixture->db, "查静");
    g_autofree char *f = found_names (fixture->db, "阳台");
    g_autofree char *g = found_names (fixture->db, "yinhang");

    g_assert_cmpstr (a, ==, "速阳建材有限公司");
    g_assert_cmpstr (b, ==, "重庆长江装饰工程");
    g_assert_cmpstr (c, ==, "单丽");
    g_assert_cmpstr (d, ==, "速阳建材有限公司");
    g_assert_cmpstr (e, ==, "重庆长江装饰工程");
    g_assert_cmpstr (f, ==, "");   /* in the Trash */
    g_assert_cmpstr (g, ==, "北京银行");
  }

  /* The list in pinyin order, Latin and Chinese mixed. */
  list = rapport_customer_list_model_new (fixture->db);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr (RapportCustomer) customer = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 id = rapport_customer_get_id (customer);

      g_array_append_val (shown, id);
    }
  order = names_of (fixture->db, shown);
  g_assert_cmpstr (order, ==, "Acme Trading,北京银行,重庆长江装饰工程,单丽,速阳建材有限公司,曾晓东");
}

static gboolean
has_column (sqlite3    *handle,
            const char *table,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM pragma_table_info ('%s') WHERE name = '%s'", table, column);
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

/* 5 → 6 keeps every row and adds follow-ups, churn state and schedule state:
 * a released version-5 file takes a follow-up and raises its reminder. */
static void
test_version_5_to_follow_ups (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();
  g_autoptr (GListModel) trash = NULL;
  g_autoptr (GListModel) follow_ups = NULL;
  g_autoptr (GPtrArray) fresh = NULL;
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *backup = NULL;
  sqlite3 *handle;
  guint n_stale = 0;

  load_fixture (fixture, data);
  g_assert_cmpint (file_user_version (fixture->path), ==, 5);

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (fixture->db, fixture->clock);
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());
  g_assert_cmpint (file_user_version (fixture->path), ==, rapport_database_get_latest_version ());

  /* A file with data was backed up before the upgrade. */
  backup = g_build_filename (backup_dir, BACKUP_NAME, NULL);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (file_user_version (backup), ==, 5);

  handle = _rapport_database_get_handle (fixture->db);
  g_assert_true (has_column (handle, "follow_up", "remind_at"));
  g_assert_true (has_column (handle, "follow_up", "revision"));
  g_assert_true (has_column (handle, "customer", "churn_hold_until"));
  g_assert_true (has_column (handle, "customer", "lost_reason"));
  g_assert_true (has_column (handle, "churn_state", "at_risk_since"));
  g_assert_true (has_column (handle, "schedule_state", "value"));

  /* Every customer kept, the one in the Trash still there. */
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 6);
  trash = rapport_store_list_trash (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);

  follow_ups = rapport_store_list_follow_ups (fixture->db, 3, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (follow_ups), ==, 0);
  g_assert_cmpint (rapport_store_get_next_reminder_at (fixture->db, &error), ==, 0);

  rapport_follow_up_set_customer_id (follow_up, 3);
  rapport_follow_up_set_title (follow_up, "回访：瓷砖报价");
  rapport_follow_up_set_due_local (follow_up, "2026-11-22 16:00");
  rapport_follow_up_set_time_zone (follow_up, "Asia/Shanghai");
  rapport_follow_up_set_remind_before (follow_up, 0);
  g_assert_true (rapport_store_insert_follow_up (fixture->db, follow_up, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_get_next_reminder_at (fixture->db, &error), ==, TEST_NOW);
  g_assert_true (rapport_store_take_due_reminders (fixture->db, TEST_NOW, TEST_NOW - 86400, &fresh, &n_stale, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fresh->len, ==, 1);
  g_assert_cmpstr (rapport_follow_up_get_customer_name (g_ptr_array_index (fresh, 0)), ==, "速阳建材有限公司");

  g_assert_true (rapport_store_set_schedule_state (fixture->db, "churn", TEST_NOW, &error));
  g_assert_cmpint (rapport_store_get_schedule_state (fixture->db, "churn"), ==, TEST_NOW);
}

/* 6 → 7 keeps every row (the follow-up included) and adds the outbox,
 * templates, greeting rules, accounts and do-not-contact: a released
 * version-6 file queues a message and marks a customer. */
static void
test_version_6_to_outbox (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) follow_ups = NULL;
  g_autoptr (GListModel) trash = NULL;
  g_autoptr (RapportFollowUp) follow_up = NULL;
  g_autoptr (RapportCustomer) suyang = NULL;
  g_autoptr (RapportCustomer) read = NULL;
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) recipients = NULL;
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *backup = NULL;
  RapportMessage *message;
  sqlite3 *handle;

  load_fixture (fixture, data);
  g_assert_cmpint (file_user_version (fixture->path), ==, 6);

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (fixture->db, fixture->clock);
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());
  g_assert_cmpint (file_user_version (fixture->path), ==, rapport_database_get_latest_version ());

  backup = g_build_filename (backup_dir, BACKUP_NAME, NULL);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (file_user_version (backup), ==, 6);

  handle = _rapport_database_get_handle (fixture->db);
  g_assert_true (has_column (handle, "customer", "do_not_contact"));
  g_assert_true (has_column (handle, "contact", "do_not_contact_reason"));
  g_assert_true (has_column (handle, "message", "occasion_key"));
  g_assert_true (has_column (handle, "greeting_rule", "audience"));
  g_assert_true (has_column (handle, "template", "body"));
  g_assert_true (has_column (handle, "account", "settings"));

  /* Every customer and the follow-up kept; nobody is marked. */
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 6);
  trash = rapport_store_list_trash (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);
  follow_ups = rapport_store_list_follow_ups (fixture->db, 3, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (follow_ups), ==, 1);
  follow_up = g_list_model_get_item (follow_ups, 0);
  g_assert_cmpstr (rapport_follow_up_get_title (follow_up), ==, "回访报价");

  suyang = rapport_store_get_customer (fixture->db, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (suyang), ==, "速阳建材有限公司");
  g_assert_false (rapport_customer_get_do_not_contact (suyang));

  /* The new tables work on the old rows. */
  recipients = rapport_store_list_recipients (fixture->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recipients->len, ==, 6);

  message = rapport_message_new ();
  rapport_message_set_channel (message, RAPPORT_CHANNEL_MAIL);
  rapport_message_set_customer_id (message, 3);
  rapport_message_set_recipient (message, "wang@suyang.com");
  rapport_message_set_subject (message, "新年快乐");
  rapport_message_set_body (message, "王经理，新年快乐！");
  g_ptr_array_add (batch, message);
  g_assert_true (rapport_store_queue_messages (fixture->db, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_messages (fixture->db, RAPPORT_MESSAGE_STATE_QUEUED), ==, 1);

  rapport_customer_set_do_not_contact (suyang, TRUE);
  g_assert_true (rapport_store_update_customer (fixture->db, suyang, &error));
  g_assert_no_error (error);
  read = rapport_store_get_customer (fixture->db, 3, &error);
  g_assert_true (rapport_customer_get_do_not_contact (read));
}

static void
test_stale_versions (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char * const versions[] = { "documents 999; from a newer Rapport", "", "garbage\t\n" };

  fixture_open (fixture);
  {
    g_autoptr (RapportCustomer) customer = rapport_customer_new ();

    rapport_customer_set_name (customer, "速阳有限公司");
    g_assert_true (rapport_store_insert_customer (fixture->db, customer, &error));
    g_assert_no_error (error);
  }

  /* A new file: its index and sort keys are this build's from the start. */
  g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error), ==, RAPPORT_DERIVED_NONE);

  /* Nothing recorded (as in a file of an earlier version): both rebuilt. */
  g_assert_true (_rapport_database_exec (fixture->db, "DELETE FROM derived_version", &error));
  g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error), ==,
                   RAPPORT_DERIVED_SEARCH_INDEX | RAPPORT_DERIVED_SORT_KEYS);
  g_assert_true (rapport_derived_rebuild (fixture->db, RAPPORT_DERIVED_SEARCH_INDEX | RAPPORT_DERIVED_SORT_KEYS,
                                          NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error), ==, RAPPORT_DERIVED_NONE);

  /* Newer or unknown versions are rebuilt, not trusted, and nothing breaks. */
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autoptr (RapportStatement) stmt = _rapport_database_prepare (fixture->db,
        "UPDATE derived_version SET version = ?1 WHERE name = 'search-index'", &error);
      g_autoptr (GArray) ids = NULL;

      sqlite3_bind_text (stmt, 1, versions[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error), ==, RAPPORT_DERIVED_SEARCH_INDEX);
      g_assert_true (rapport_derived_rebuild (fixture->db, RAPPORT_DERIVED_SEARCH_INDEX, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error), ==, RAPPORT_DERIVED_NONE);
      ids = rapport_store_search_customers (fixture->db, "sy", 10, &error);
      g_assert_cmpuint (ids->len, ==, 1);
    }
}

typedef struct
{
  RapportDatabase *main;
  RapportDatabase *worker;
  guint            calls;
} CountryChange;

static void
change_country_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  CountryChange *change = user_data;

  /* Preferences change the country while the worker is half-way. */
  if (change->calls++ == 0)
    {
      rapport_database_set_default_country_code (change->main, "1");
      rapport_database_set_default_country_code (change->worker, "1");
    }
}

static gboolean
insert_many (RapportDatabase  *db,
             gpointer          user_data,
             GError          **error)
{
  for (guint i = 0; i < 450; i++)
    {
      g_autoptr (RapportCustomer) customer = rapport_customer_new ();
      g_autofree char *name = g_strdup_printf ("Shop %u", i);
      g_autofree char *phone = g_strdup_printf ("+1 212 555 %04u", i);
      const char *phones[] = { phone, NULL };

      rapport_customer_set_name (customer, name);
      rapport_customer_set_phones (customer, phones);
      if (!rapport_store_insert_customer (db, customer, error))
        return FALSE;
    }
  return TRUE;
}

static void
test_country_changed_while_indexing (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) worker = NULL;
  CountryChange change = { NULL, NULL, 0 };

  fixture_open (fixture);
  g_assert_true (rapport_database_run_in_transaction (fixture->db, insert_many, NULL, &error));
  g_assert_no_error (error);

  worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  change.main = fixture->db;
  change.worker = worker;
  g_assert_true (rapport_derived_rebuild (worker, RAPPORT_DERIVED_SEARCH_INDEX, change_country_cb, &change,
                                          NULL, &error));
  g_assert_no_error (error);

  /* Every document, the first chunk's too, has the numbers as dialled in
   * the new country (2125550007, not 12125550007), and the version says so. */
  g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error) & RAPPORT_DERIVED_SEARCH_INDEX, ==, 0);
  for (guint i = 0; i < 450; i += 37)
    {
      g_autofree char *national = g_strdup_printf ("2125550%03u", i);
      g_autoptr (GArray) ids = rapport_store_search_customers (fixture->db, national, 5, &error);
      g_autofree char *found = names_of (fixture->db, ids);
      g_autofree char *expected = g_strdup_printf ("Shop %u", i);

      g_assert_no_error (error);
      g_assert_cmpstr (found, ==, expected);
    }
}

static void
test_rebuild_resumes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  guint n_progress = 0;

  fixture_open (fixture);
  g_assert_true (rapport_database_run_in_transaction (fixture->db, insert_many, NULL, &error));
  g_assert_true (_rapport_database_exec (fixture->db, "DELETE FROM search_fts; DELETE FROM search_digits;"
                                         "DELETE FROM derived_version", &error));
  g_assert_no_error (error);

  /* Cut short after the first chunk: what was done is kept. */
  g_assert_false (rapport_derived_rebuild (fixture->db, RAPPORT_DERIVED_SEARCH_INDEX, cancel_progress_cb,
                                           cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error), &, RAPPORT_DERIVED_SEARCH_INDEX);
  {
    g_autoptr (GArray) first = rapport_store_search_customers (fixture->db, "2125550001", 5, &error);
    g_autoptr (GArray) last = rapport_store_search_customers (fixture->db, "2125550449", 5, &error);

    g_assert_cmpuint (first->len, ==, 1);
    g_assert_cmpuint (last->len, ==, 0);
  }

  /* Resumed: only the rest is done. */
  g_assert_true (rapport_derived_rebuild (fixture->db, RAPPORT_DERIVED_SEARCH_INDEX, count_progress_cb,
                                          &n_progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_progress, ==, 2);
  {
    g_autoptr (GArray) last = rapport_store_search_customers (fixture->db, "2125550449", 5, &error);

    g_assert_cmpuint (last->len, ==, 1);
  }
}

/* 7 → 8 adds the import history and what undoing an import or a merge
 * needs; the rows a released file holds belong to no import. */
static void
test_version_6_to_imports (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) imports = NULL;
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *handle;

  load_fixture (fixture, data);

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());

  handle = _rapport_database_get_handle (fixture->db);
  g_assert_true (has_column (handle, "import_run", "n_contacts"));
  g_assert_true (has_column (handle, "import_run", "undone_at"));
  g_assert_true (has_column (handle, "customer", "import_id"));
  g_assert_true (has_column (handle, "contact", "import_id"));
  g_assert_true (has_column (handle, "channel", "import_id"));
  g_assert_true (has_column (handle, "customer_tag", "import_id"));
  g_assert_true (has_column (handle, "row_snapshot", "data"));
  g_assert_true (has_column (handle, "merge_run", "survivor_id"));
  g_assert_true (has_column (handle, "merge_moved", "from_customer_id"));
  g_assert_true (has_column (handle, "merge_trashed", "customer_id"));

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT count(*) FROM customer WHERE import_id IS NOT NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  imports = rapport_store_list_imports (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (imports), ==, 0);
}

/* 8 → 9 adds the sales pipeline: the default stages and lost reasons
 * seeded, no opportunity yet, and a released customer can have one. */
static void
test_version_6_to_pipeline (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) stages = NULL;
  g_autoptr (GListModel) opportunities = NULL;
  g_autoptr (GArray) reasons = NULL;
  g_autoptr (GArray) totals = NULL;
  g_autoptr (RapportOpportunity) opportunity = rapport_opportunity_new ();
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  sqlite3 *handle;

  load_fixture (fixture, data);

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());

  handle = _rapport_database_get_handle (fixture->db);
  g_assert_true (has_column (handle, "stage", "stall_days"));
  g_assert_true (has_column (handle, "opportunity", "probability"));
  g_assert_true (has_column (handle, "opportunity", "last_activity_at"));
  g_assert_true (has_column (handle, "plan_step", "follow_up_id"));
  g_assert_true (has_column (handle, "lost_reason", "key"));
  g_assert_true (has_column (handle, "opportunity_event", "lost_reason_id"));

  stages = rapport_store_list_pipeline_stages (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, 6);
  reasons = rapport_store_list_lost_reasons (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reasons->len, ==, 4);
  totals = rapport_store_get_pipeline_totals (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 0);

  rapport_opportunity_set_customer_id (opportunity, 3);
  rapport_opportunity_set_title (opportunity, "展厅地砖");
  rapport_opportunity_set_currency (opportunity, "CNY");
  rapport_opportunity_set_amount (opportunity, 8800000);
  g_assert_true (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_no_error (error);
  opportunities = rapport_store_list_customer_opportunities (fixture->db, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (opportunities), ==, 1);
}

/* 9 → 10 adds staff, the service desk and handovers: a released book's
 * people are all still working, its follow-ups keep the default user, and
 * the service desk's rules hold in the schema (a request's kind, severity
 * and priority). */
static void
test_version_6_to_service_desk (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  sqlite3 *handle;
  sqlite3_stmt *stmt = NULL;
  char *sql;

#define INSERT_REQUEST \
  "INSERT INTO service_request (uuid, customer_id, kind, summary, severity, priority, " \
  "  priority_tier, due_at, created_at, updated_at) " \
  "VALUES (lower(hex(randomblob(16))), 3, '%s', 'Tiles cracked', '%s', %d, 'lead', 0, 0, 0)"

  load_fixture (fixture, data);

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_no_error (error);
  handle = _rapport_database_get_handle (fixture->db);

  g_assert_true (has_column (handle, "user", "role"));
  g_assert_true (has_column (handle, "user", "left_at"));
  g_assert_true (has_column (handle, "follow_up", "assignee_id"));
  g_assert_true (has_column (handle, "service_request", "priority_overridden"));
  g_assert_true (has_column (handle, "service_request", "confirmed_by"));
  g_assert_true (has_column (handle, "service_event", "from_value"));
  g_assert_true (has_column (handle, "handover", "from_user_id"));
  g_assert_true (has_column (handle, "handover_item", "to_user_id"));

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT (SELECT count(*) FROM user WHERE left_at IS NOT NULL), "
                                       "  (SELECT count(*) FROM follow_up WHERE assignee_id IS NOT NULL)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  sqlite3_finalize (stmt);

  sql = g_strdup_printf (INSERT_REQUEST, "complaint", "normal", 2);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_free (sql);
  sql = g_strdup_printf (INSERT_REQUEST, "praise", "normal", 2);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_free (sql);
  sql = g_strdup_printf (INSERT_REQUEST, "complaint", "urgent", 2);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_free (sql);
  sql = g_strdup_printf (INSERT_REQUEST, "complaint", "normal", 5);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_free (sql);

#undef INSERT_REQUEST
}

/* 10 → 11 adds value tiers: a version-10 book's tiers and high potentials
 * were set by hand, so they become manual and stay until cleared; a lost
 * customer gets lost_at from its last update; the new tables hold the
 * schema's rules (a rate is positive, a customer's tier changes go with it). */
static void
test_version_10_to_tiers (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  sqlite3 *handle;
  sqlite3_stmt *stmt = NULL;
  static const struct {
    gint64      id;
    const char *tier;
    const char *tier_manual;
    const char *potential;
    const char *potential_manual;
    gint64      lost_at;
  } expected[] = {
    { 1, "gold", "gold", "high", "high", 0 },
    { 2, "lead", NULL, "low", NULL, 500 },
    { 3, "platinum", "platinum", "low", NULL, 0 },
  };

  {
    g_autoptr (RapportDatabase) old = NULL;

    old = _rapport_database_open_full (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpint (rapport_database_get_schema_version (old), ==, 10);
    g_assert_true (_rapport_database_exec (old,
      "INSERT INTO customer (id, uuid, code, name, name_match, sort_key, tier, potential, stage, created_at, updated_at) "
      "  VALUES (1, 'c5a0c3e4-1111-4c1c-9d2e-000000000001', 'A1', '王芳', '王芳', x'01', 'gold', 'high', 'customer', 1, 100),"
      "         (2, 'c5a0c3e4-1111-4c1c-9d2e-000000000002', 'A2', 'Li Wei', 'liwei', x'02', 'lead', 'low', 'lost', 1, 500),"
      "         (3, 'c5a0c3e4-1111-4c1c-9d2e-000000000003', 'A3', 'Acme', 'acme', x'03', 'platinum', 'low', 'customer', 1, 300);"
      "INSERT INTO orders (uuid, customer_id, ordered_on, amount, currency, created_at, updated_at) "
      "  VALUES ('c5a0c3e4-4444-4c1c-9d2e-000000000001', 1, '2026-10-01', 120000, 'CNY', 1, 1);",
      &error));
    g_assert_no_error (error);
    g_assert_finalize_object (g_steal_pointer (&old));
  }

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), ==, rapport_database_get_latest_version ());
  g_assert_cmpint (rapport_database_get_schema_version (fixture->db), >=, 11);
  handle = _rapport_database_get_handle (fixture->db);

  g_assert_true (has_column (handle, "customer", "tier_computed"));
  g_assert_true (has_column (handle, "customer", "tier_reason"));
  g_assert_true (has_column (handle, "customer", "potential_suggested"));
  g_assert_true (has_column (handle, "customer", "potential_reason"));
  g_assert_true (has_column (handle, "interaction", "user_id"));
  g_assert_true (has_column (handle, "orders", "user_id"));
  g_assert_true (has_column (handle, "tier_change", "by_hand"));
  g_assert_true (has_column (handle, "tier_run", "missing_rates"));
  g_assert_true (has_column (handle, "currency_rate", "rate"));

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT id, tier, tier_manual, potential, potential_manual, lost_at, "
                                       "  tier_computed IS NULL AND potential_suggested IS NULL "
                                       "FROM customer ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, expected[i].id);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected[i].tier);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, expected[i].tier_manual);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, expected[i].potential);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, expected[i].potential_manual);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, expected[i].lost_at);
      g_assert_cmpint (sqlite3_column_int (stmt, 6), ==, 1);
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* Rates are positive; a customer's tier history goes with it. */
  g_assert_cmpint (sqlite3_exec (handle, "INSERT INTO currency_rate VALUES ('USD', 0, 1)",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO tier_change (customer_id, from_tier, to_tier, changed_at, by_hand) "
                                 "  VALUES (3, 'lead', 'platinum', 1, 1);"
                                 "DELETE FROM customer WHERE id = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT count(*) FROM tier_change", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  /* The order read through the new report index keeps its default user. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT count(*) FROM orders INDEXED BY orders_by_date "
                                       "WHERE deleted_at IS NULL AND ordered_on >= '2026-01-01' AND user_id IS NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
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
  ADD ("released/v1", test_released_fixture, "v1.sql");
  ADD ("released/v2", test_released_fixture, "v2.sql");
  ADD ("released/v3", test_released_fixture, "v3.sql");
  ADD ("released/v4", test_released_fixture, "v4.sql");
  ADD ("released/v5", test_released_fixture, "v5.sql");
  ADD ("released/v5-to-follow-ups", test_version_5_to_follow_ups, "v5.sql");
  ADD ("released/v6", test_released_fixture, "v6.sql");
  ADD ("released/v6-to-outbox", test_version_6_to_outbox, "v6.sql");
  ADD ("released/v6-to-imports", test_version_6_to_imports, "v6.sql");
  ADD ("released/v6-to-pipeline", test_version_6_to_pipeline, "v6.sql");
  ADD ("released/v6-to-service-desk", test_version_6_to_service_desk, "v6.sql");
  ADD ("version-10-to-tiers", test_version_10_to_tiers, NO_OPEN);
  ADD ("derived/stale-versions", test_stale_versions, NO_OPEN);
  ADD ("derived/country-changed-while-indexing", test_country_changed_while_indexing, NO_OPEN);
  ADD ("derived/rebuild-resumes", test_rebuild_resumes, NO_OPEN);

  return g_test_run ();
}
