/* test-interactions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-test-helpers.h"

static RapportInteraction *
add_interaction (RapportDatabase *db,
                 gint64           customer_id,
                 gint64           contact_id,
                 gint64           occurred_at,
                 const char      *summary)
{
  g_autoptr (GError) error = NULL;
  RapportInteraction *interaction = rapport_interaction_new ();

  rapport_interaction_set_customer_id (interaction, customer_id);
  rapport_interaction_set_contact_id (interaction, contact_id);
  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_CALL);
  rapport_interaction_set_occurred_at (interaction, occurred_at);
  rapport_interaction_set_summary (interaction, summary);
  g_assert_true (rapport_store_insert_interaction (db, interaction, &error));
  g_assert_no_error (error);

  return interaction;
}

static gint64
last_interaction_at (Fixture *fixture,
                     gint64   customer_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_store_get_customer (fixture->db, customer_id, &error);

  g_assert_no_error (error);
  return rapport_customer_get_last_interaction_at (customer);
}

static void
test_insert_and_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (RapportInteraction) visit = rapport_interaction_new ();
  g_autoptr (RapportInteraction) older = NULL;
  g_autoptr (RapportInteraction) now = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RapportInteraction) item = NULL;

  rapport_contact_set_customer_id (contact, customer_id);
  rapport_contact_set_name (contact, "Li Wei");
  g_assert_true (rapport_store_insert_contact (fixture->db, contact, &error));
  fixture_clear_changes (fixture);

  rapport_interaction_set_customer_id (visit, customer_id);
  rapport_interaction_set_contact_id (visit, rapport_contact_get_id (contact));
  rapport_interaction_set_kind (visit, RAPPORT_INTERACTION_KIND_VISIT);
  rapport_interaction_set_occurred_at (visit, TEST_NOW - 3600);
  rapport_interaction_set_summary (visit, "Showroom visit");
  rapport_interaction_set_details (visit, "Looked at tiles; 100% interested in <grey> ones");
  rapport_interaction_set_outcome (visit, "Send a quote");
  g_assert_true (rapport_store_insert_interaction (fixture->db, visit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_interaction_get_id (visit), >, 0);
  g_assert_true (g_uuid_string_is_valid (rapport_interaction_get_uuid (visit)));
  g_assert_cmpint (rapport_interaction_get_created_at (visit), ==, TEST_NOW);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1,
                  RAPPORT_ENTITY_KIND_INTERACTION, rapport_interaction_get_id (visit), RAPPORT_CHANGE_INSERTED);
  g_assert_cmpint (last_interaction_at (fixture, customer_id), ==, TEST_NOW - 3600);

  older = add_interaction (fixture->db, customer_id, 0, TEST_NOW - 86400 * 3, "Older call");
  g_assert_cmpint (last_interaction_at (fixture, customer_id), ==, TEST_NOW - 3600);

  /* occurred-at 0 means now. */
  now = add_interaction (fixture->db, customer_id, 0, 0, "Just now");
  g_assert_cmpint (rapport_interaction_get_occurred_at (now), ==, TEST_NOW);
  g_assert_cmpint (last_interaction_at (fixture, customer_id), ==, TEST_NOW);

  list = rapport_store_list_interactions (fixture->db, customer_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  item = g_list_model_get_item (list, 0);
  g_assert_cmpint (rapport_interaction_get_id (item), ==, rapport_interaction_get_id (now));
  g_clear_object (&item);
  item = g_list_model_get_item (list, 1);
  g_assert_cmpstr (rapport_interaction_get_summary (item), ==, "Showroom visit");
  g_assert_cmpstr (rapport_interaction_get_details (item), ==, "Looked at tiles; 100% interested in <grey> ones");
  g_assert_cmpstr (rapport_interaction_get_outcome (item), ==, "Send a quote");
  g_assert_cmpstr (rapport_interaction_get_contact_name (item), ==, "Li Wei");
  g_assert_cmpint (rapport_interaction_get_kind (item), ==, RAPPORT_INTERACTION_KIND_VISIT);
  g_assert_cmpint (rapport_interaction_get_occurred_at (item), ==, TEST_NOW - 3600);
  g_clear_object (&item);
  item = g_list_model_get_item (list, 2);
  g_assert_null (rapport_interaction_get_contact_name (item));
  g_assert_cmpint (rapport_interaction_get_contact_id (item), ==, 0);
  g_clear_object (&list);
  g_clear_object (&item);

  list = rapport_store_list_interactions (fixture->db, customer_id, 2, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) acme = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportCustomer) other = add_customer (fixture->db, "Other", NULL);
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();

  rapport_contact_set_customer_id (contact, rapport_customer_get_id (other));
  rapport_contact_set_name (contact, "Someone else's");
  g_assert_true (rapport_store_insert_contact (fixture->db, contact, &error));
  fixture_clear_changes (fixture);

  rapport_interaction_set_customer_id (interaction, 5555);
  g_assert_false (rapport_store_insert_interaction (fixture->db, interaction, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  rapport_interaction_set_customer_id (interaction, rapport_customer_get_id (acme));
  rapport_interaction_set_contact_id (interaction, rapport_contact_get_id (contact));
  g_assert_false (rapport_store_insert_interaction (fixture->db, interaction, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);

  assert_changes (fixture, 0);
  g_assert_cmpint (last_interaction_at (fixture, rapport_customer_get_id (acme)), ==, 0);
}

static void
test_trash_restore_update (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportCustomer) other = add_customer (fixture->db, "Other", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  gint64 other_id = rapport_customer_get_id (other);
  g_autoptr (RapportInteraction) a = add_interaction (fixture->db, customer_id, 0, TEST_NOW - 100, "a");
  g_autoptr (RapportInteraction) b = add_interaction (fixture->db, customer_id, 0, TEST_NOW - 50, "b");
  gint64 b_id = rapport_interaction_get_id (b);

  g_assert_cmpint (last_interaction_at (fixture, customer_id), ==, TEST_NOW - 50);
  fixture_clear_changes (fixture);

  g_assert_true (rapport_store_trash_interaction (fixture->db, b_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_INTERACTION, b_id, RAPPORT_CHANGE_TRASHED);
  g_assert_cmpint (last_interaction_at (fixture, customer_id), ==, TEST_NOW - 100);

  g_assert_true (rapport_store_trash_interaction (fixture->db, rapport_interaction_get_id (a), &error));
  g_assert_cmpint (last_interaction_at (fixture, customer_id), ==, 0);

  g_assert_true (rapport_store_restore_interaction (fixture->db, b_id, &error));
  g_assert_cmpint (last_interaction_at (fixture, customer_id), ==, TEST_NOW - 50);
  fixture_clear_changes (fixture);

  /* Moved to another customer, at another time: both customers follow. */
  rapport_interaction_set_customer_id (b, other_id);
  rapport_interaction_set_occurred_at (b, TEST_NOW - 10);
  rapport_interaction_set_summary (b, "Moved");
  g_assert_true (rapport_store_update_interaction (fixture->db, b, &error));
  g_assert_no_error (error);
  /* Moved: the change reaches both customers' views. */
  g_assert_cmpint (recorded_customer (fixture, 0), ==, other_id);
  g_assert_cmpint (recorded_customer (fixture, 1), ==, customer_id);
  assert_changes (fixture, 2,
                  RAPPORT_ENTITY_KIND_INTERACTION, b_id, RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_INTERACTION, b_id, RAPPORT_CHANGE_UPDATED);
  g_assert_cmpint (last_interaction_at (fixture, customer_id), ==, 0);
  g_assert_cmpint (last_interaction_at (fixture, other_id), ==, TEST_NOW - 10);

  g_assert_false (rapport_store_trash_interaction (fixture->db, 8888, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* One interaction logged the way the UI does it: its own transaction,
 * committed with synchronous=FULL before the call returns. */
static void
test_durable_insert_time (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double median;

  for (guint i = 0; i < 101; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (RapportInteraction) interaction =
        add_interaction (fixture->db, rapport_customer_get_id (customer), 0, TEST_NOW - i, "Call");
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      g_array_append_val (times, ms);
    }

  g_array_sort (times, compare_doubles);
  median = g_array_index (times, double, times->len / 2);
  g_test_message ("Durable insert of one interaction: median %.3f ms, max %.3f ms",
                  median, g_array_index (times, double, times->len - 1));

  /* The figure DESIGN.md asks for is 2 ms; sanitizer builds are slower, so
   * this guards against gross regressions only (e.g. a lost statement cache
   * or a second fsync). The benchmark measures the real figure. */
  g_assert_cmpfloat (median, <, 20.0);
}

typedef struct
{
  gint64 customer_id;
  guint  n;
} BulkData;

static gboolean
insert_bulk (RapportDatabase  *db,
             gpointer          user_data,
             GError          **error)
{
  BulkData *bulk = user_data;

  for (guint i = 0; i < bulk->n; i++)
    {
      g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();

      rapport_interaction_set_customer_id (interaction, bulk->customer_id);
      rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_NOTE);
      rapport_interaction_set_occurred_at (interaction, TEST_NOW - 86400 + i);
      rapport_interaction_set_summary (interaction, "Bulk");
      if (!rapport_store_insert_interaction (db, interaction, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_then_fail (RapportDatabase  *db,
                  gpointer          user_data,
                  GError          **error)
{
  if (!insert_bulk (db, user_data, error))
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  return FALSE;
}

static void
test_bulk_rolled_back (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportCustomer) other = add_customer (fixture->db, "Other", NULL);
  BulkData bulk = { rapport_customer_get_id (customer), 10 };
  BulkData other_bulk = { rapport_customer_get_id (other), 3 };
  g_autoptr (GListModel) list = NULL;

  g_assert_false (rapport_database_run_in_transaction (fixture->db, insert_then_fail, &bulk, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Nothing of it is left over for the next transaction to write. */
  g_assert_true (rapport_database_run_in_transaction (fixture->db, insert_bulk, &other_bulk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_interaction_at (fixture, bulk.customer_id), ==, 0);
  g_assert_cmpint (last_interaction_at (fixture, other_bulk.customer_id), ==, TEST_NOW - 86400 + 2);
  list = rapport_store_list_interactions (fixture->db, bulk.customer_id, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

static void
test_bulk_insert (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  BulkData bulk = { rapport_customer_get_id (customer), 20000 };
  gint64 start = g_get_monotonic_time ();
  double us_per_row;
  RapportCustomerSummary summary = { 0 };

  g_assert_true (rapport_database_run_in_transaction (fixture->db, insert_bulk, &bulk, &error));
  g_assert_no_error (error);
  us_per_row = (double) (g_get_monotonic_time () - start) / bulk.n;
  g_test_message ("Bulk insert: %.2f µs per interaction", us_per_row);

  g_assert_true (rapport_store_get_customer_summary (fixture->db, bulk.customer_id, "CNY", &summary, &error));
  g_assert_cmpuint (summary.n_interactions, ==, bulk.n);
  g_assert_cmpint (summary.last_interaction_at, ==, TEST_NOW - 86400 + bulk.n - 1);
  rapport_customer_summary_clear (&summary);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/interactions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("insert-and-list", test_insert_and_list);
  ADD ("validation", test_validation);
  ADD ("trash-restore-update", test_trash_restore_update);
  ADD ("durable-insert-time", test_durable_insert_time);
  ADD ("bulk-insert", test_bulk_insert);
  ADD ("bulk-rolled-back", test_bulk_rolled_back);

  return g_test_run ();
}
