/* test-tags.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-database-private.h"
#include "store-test-helpers.h"

static RapportCustomer *
add_tagged (RapportDatabase     *db,
            const char          *name,
            const char * const  *tags)
{
  g_autoptr (GError) error = NULL;
  RapportCustomer *customer = rapport_customer_new ();

  rapport_customer_set_name (customer, name);
  rapport_customer_set_tags (customer, tags);
  g_assert_true (rapport_store_insert_customer (db, customer, &error));
  g_assert_no_error (error);

  return customer;
}

static void
assert_tags (GListModel *list,
             ...)
{
  va_list args;
  guint i = 0;
  const char *name;

  va_start (args, list);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      guint n = va_arg (args, guint);
      g_autoptr (RapportTag) tag = g_list_model_get_item (list, i++);

      g_assert_nonnull (tag);
      g_assert_cmpstr (rapport_tag_get_name (tag), ==, name);
      g_assert_cmpuint (rapport_tag_get_n_customers (tag), ==, n);
      g_assert_cmpint (rapport_tag_get_id (tag), >, 0);
      g_assert_true (g_uuid_string_is_valid (rapport_tag_get_uuid (tag)));
    }
  va_end (args);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, i);
}

static void
test_clean_and_list (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *messy[] = { "  VIP ", "vip", "", "   ", "建材", "Vip", "wholesale", NULL };
  const char *other[] = { "vip", "Export", NULL };
  g_autoptr (RapportCustomer) a = add_tagged (fixture->db, "Acme Trading", messy);
  g_autoptr (RapportCustomer) b = add_tagged (fixture->db, "速阳有限公司", other);
  g_autoptr (RapportCustomer) read = NULL;
  g_autoptr (GListModel) list = NULL;

  /* Trimmed, empty ones dropped, case-insensitive duplicates once. */
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_tags (a)), ==, 3);
  read = rapport_store_get_customer (fixture->db, rapport_customer_get_id (a), &error);
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_tags (read)), ==, 3);
  g_assert_true (g_strv_contains (rapport_customer_get_tags (read), "VIP"));
  g_assert_true (g_strv_contains (rapport_customer_get_tags (read), "建材"));
  g_assert_true (g_strv_contains (rapport_customer_get_tags (read), "wholesale"));

  /* "vip" on the second customer is the same tag, spelled as first saved. */
  list = rapport_store_list_tags (fixture->db, &error);
  g_assert_no_error (error);
  assert_tags (list, "Export", 1, "VIP", 2, "wholesale", 1, "建材", 1, NULL);
}

static void
test_unused_removed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *tags[] = { "VIP", "Old", NULL };
  const char *fewer[] = { "VIP", NULL };
  g_autoptr (RapportCustomer) a = add_tagged (fixture->db, "Acme Trading", tags);
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RapportTag) old_tag = NULL;
  gint64 old_id;
  guint found = 0;

  list = rapport_store_list_tags (fixture->db, &error);
  old_tag = g_list_model_get_item (list, 0);
  g_assert_cmpstr (rapport_tag_get_name (old_tag), ==, "Old");
  old_id = rapport_tag_get_id (old_tag);
  g_clear_object (&list);
  fixture_clear_changes (fixture);

  rapport_customer_set_tags (a, fewer);
  g_assert_true (rapport_store_update_customer (fixture->db, a, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 2,
                  RAPPORT_ENTITY_KIND_CUSTOMER, rapport_customer_get_id (a), RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_TAG, old_id, RAPPORT_CHANGE_DELETED);

  list = rapport_store_list_tags (fixture->db, &error);
  assert_tags (list, "VIP", 1, NULL);

  /* The row itself is gone, not just unlisted. */
  {
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (fixture->path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT count (*) FROM tag WHERE name = 'Old'", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    found = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (handle);
  }
  g_assert_cmpuint (found, ==, 0);
}

static void
test_trashed_customers_not_counted (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *tags[] = { "VIP", NULL };
  g_autoptr (RapportCustomer) a = add_tagged (fixture->db, "Acme Trading", tags);
  g_autoptr (RapportCustomer) b = add_tagged (fixture->db, "Beta", tags);
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RapportCustomer) read = NULL;

  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (a), &error));
  list = rapport_store_list_tags (fixture->db, &error);
  assert_tags (list, "VIP", 1, NULL);
  g_clear_object (&list);

  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (b), &error));
  list = rapport_store_list_tags (fixture->db, &error);
  assert_tags (list, NULL);
  g_clear_object (&list);

  /* The tag comes back with its customer. */
  g_assert_true (rapport_store_restore_customer (fixture->db, rapport_customer_get_id (a), &error));
  list = rapport_store_list_tags (fixture->db, &error);
  assert_tags (list, "VIP", 1, NULL);
  read = rapport_store_get_customer (fixture->db, rapport_customer_get_id (a), &error);
  g_assert_cmpstr (rapport_customer_get_tags (read)[0], ==, "VIP");
}

/* The count the tag list shows, computed the slow way from the links. */
static guint
live_links (RapportDatabase *db,
            const char      *tag)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (_rapport_database_get_handle (db),
                                       "SELECT count (*) FROM customer_tag ct"
                                       " JOIN tag t ON t.id = ct.tag_id"
                                       " JOIN customer c ON c.id = ct.customer_id"
                                       " WHERE t.name = ?1 AND c.deleted_at IS NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
assert_counts_true (RapportDatabase *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = rapport_store_list_tags (db, &error);
  guint listed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (RapportTag) tag = g_list_model_get_item (list, i);

      g_assert_cmpuint (rapport_tag_get_n_customers (tag), ==, live_links (db, rapport_tag_get_name (tag)));
      g_assert_cmpuint (rapport_tag_get_n_customers (tag), >, 0);
      listed++;
    }

  /* And no tag in use is missing. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (_rapport_database_get_handle (db),
                                         "SELECT count (DISTINCT ct.tag_id) FROM customer_tag ct"
                                         " JOIN customer c ON c.id = ct.customer_id"
                                         " WHERE c.deleted_at IS NULL",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpuint (listed, ==, (guint) sqlite3_column_int (stmt, 0));
    sqlite3_finalize (stmt);
  }
}

/* The counts are kept as links and customers change, not recounted: they
 * must follow every path (retag, trash, restore, empty the Trash). */
static void
test_counts_follow_changes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *vip_retail[] = { "VIP", "Retail", NULL };
  const char *vip[] = { "VIP", NULL };
  const char *retail_export[] = { "retail", "Export", NULL };
  g_autoptr (RapportCustomer) a = add_tagged (fixture->db, "Acme Trading", vip_retail);
  g_autoptr (RapportCustomer) b = add_tagged (fixture->db, "Beta", vip);
  g_autoptr (RapportCustomer) c = add_tagged (fixture->db, "速阳有限公司", retail_export);
  g_autoptr (GListModel) list = NULL;

  assert_counts_true (fixture->db);
  list = rapport_store_list_tags (fixture->db, &error);
  assert_tags (list, "Export", 1, "Retail", 2, "VIP", 2, NULL);
  g_clear_object (&list);

  rapport_customer_set_tags (a, vip);
  g_assert_true (rapport_store_update_customer (fixture->db, a, &error));
  g_assert_no_error (error);
  assert_counts_true (fixture->db);

  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (c), &error));
  assert_counts_true (fixture->db);
  list = rapport_store_list_tags (fixture->db, &error);
  assert_tags (list, "VIP", 2, NULL);
  g_clear_object (&list);

  g_assert_true (rapport_store_restore_customer (fixture->db, rapport_customer_get_id (c), &error));
  assert_counts_true (fixture->db);

  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (b), &error));
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (c), &error));
  g_assert_true (rapport_store_empty_trash (fixture->db, NULL, &error));
  g_assert_no_error (error);
  assert_counts_true (fixture->db);
  list = rapport_store_list_tags (fixture->db, &error);
  assert_tags (list, "VIP", 1, NULL);
  g_clear_object (&list);

  /* Retagged in the Trash: counted when it comes back, not before. */
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (a), &error));
  rapport_customer_set_tags (a, retail_export);
  if (rapport_store_update_customer (fixture->db, a, NULL))
    {
      assert_counts_true (fixture->db);
      g_assert_true (rapport_store_restore_customer (fixture->db, rapport_customer_get_id (a), &error));
      g_assert_no_error (error);
    }
  assert_counts_true (fixture->db);
}

/* Listing the tags reads the tags, not every customer that uses them. */
static void
test_list_reads_no_customers (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *tags[] = { "VIP", "Retail", NULL };
  guint64 counter;
  guint64 few, many;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      g_autoptr (RapportCustomer) customer = add_tagged (fixture->db, name, tags);
    }

  {
    g_autoptr (GListModel) list = NULL;

    vm_steps_start (fixture->db, &counter);
    list = rapport_store_list_tags (fixture->db, &error);
    few = vm_steps_stop (fixture->db, &counter);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  }

  for (guint i = 3; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      g_autoptr (RapportCustomer) customer = add_tagged (fixture->db, name, tags);
    }

  {
    g_autoptr (GListModel) list = NULL;
    g_autoptr (RapportTag) tag = NULL;

    vm_steps_start (fixture->db, &counter);
    list = rapport_store_list_tags (fixture->db, &error);
    many = vm_steps_stop (fixture->db, &counter);
    tag = g_list_model_get_item (list, 0);
    g_assert_cmpuint (rapport_tag_get_n_customers (tag), ==, 300);
  }

  /* 100 times the customers, the same work. */
  g_assert_cmpuint (many, <=, few + few / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/tags/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("clean-and-list", test_clean_and_list);
  ADD ("unused-removed", test_unused_removed);
  ADD ("trashed-customers-not-counted", test_trashed_customers_not_counted);
  ADD ("counts-follow-changes", test_counts_follow_changes);
  ADD ("list-reads-no-customers", test_list_reads_no_customers);

  return g_test_run ();
}
