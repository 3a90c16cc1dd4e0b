/* test-orders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-test-helpers.h"

static void
test_insert_and_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportOrder) order = rapport_order_new ();
  g_autoptr (RapportOrder) today = rapport_order_new ();
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RapportOrder) first = NULL;
  g_autoptr (RapportOrder) second = NULL;

  fixture_clear_changes (fixture);

  rapport_order_set_customer_id (order, customer_id);
  rapport_order_set_ordered_on (order, "2026-10-01");
  rapport_order_set_amount (order, 1234567);
  rapport_order_set_currency (order, "cny");
  rapport_order_set_description (order, "Tiles, 40% \"premium\" <grade>");
  g_assert_true (rapport_store_insert_order (fixture->db, order, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_order_get_id (order), >, 0);
  g_assert_true (g_uuid_string_is_valid (rapport_order_get_uuid (order)));
  g_assert_cmpstr (rapport_order_get_currency (order), ==, "CNY");
  g_assert_cmpint (rapport_order_get_created_at (order), ==, TEST_NOW);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_ORDER, rapport_order_get_id (order), RAPPORT_CHANGE_INSERTED);

  /* No date: today in local time (TEST_NOW is 16:00 in Shanghai). */
  rapport_order_set_customer_id (today, customer_id);
  rapport_order_set_amount (today, 0);
  rapport_order_set_currency (today, "USD");
  g_assert_true (rapport_store_insert_order (fixture->db, today, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_order_get_ordered_on (today), ==, "2026-11-22");

  list = rapport_store_list_orders (fixture->db, customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  first = g_list_model_get_item (list, 0);
  second = g_list_model_get_item (list, 1);
  g_assert_cmpint (rapport_order_get_id (first), ==, rapport_order_get_id (today));
  g_assert_cmpstr (rapport_order_get_ordered_on (second), ==, "2026-10-01");
  g_assert_cmpint (rapport_order_get_amount (second), ==, 1234567);
  g_assert_cmpstr (rapport_order_get_currency (second), ==, "CNY");
  g_assert_cmpstr (rapport_order_get_description (second), ==, "Tiles, 40% \"premium\" <grade>");
  g_assert_cmpint (rapport_order_get_customer_id (second), ==, customer_id);
}

static void
assert_invalid_order (Fixture      *fixture,
                      RapportOrder *order)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rapport_store_insert_order (fixture->db, order, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (rapport_order_get_id (order), ==, 0);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportOrder) order = rapport_order_new ();
  g_autoptr (GListModel) list = NULL;

  fixture_clear_changes (fixture);

  rapport_order_set_customer_id (order, rapport_customer_get_id (customer));
  rapport_order_set_currency (order, "CNY");
  rapport_order_set_amount (order, -1);
  assert_invalid_order (fixture, order);

  rapport_order_set_amount (order, 100);
  rapport_order_set_currency (order, "abc1");
  assert_invalid_order (fixture, order);

  rapport_order_set_currency (order, NULL);
  assert_invalid_order (fixture, order);

  rapport_order_set_currency (order, "CNY");
  rapport_order_set_ordered_on (order, "2026-13-01");
  assert_invalid_order (fixture, order);

  rapport_order_set_ordered_on (order, "yesterday");
  assert_invalid_order (fixture, order);

  rapport_order_set_ordered_on (order, "2026-01-01");
  rapport_order_set_customer_id (order, 404);
  g_assert_false (rapport_store_insert_order (fixture->db, order, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_changes (fixture, 0);
  list = rapport_store_list_orders (fixture->db, rapport_customer_get_id (customer), &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

static void
test_update_trash_restore (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportOrder) order = rapport_order_new ();
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RapportOrder) read = NULL;
  gint64 id;

  rapport_order_set_customer_id (order, customer_id);
  rapport_order_set_amount (order, 500);
  rapport_order_set_currency (order, "CNY");
  g_assert_true (rapport_store_insert_order (fixture->db, order, &error));
  id = rapport_order_get_id (order);
  fixture_clear_changes (fixture);

  rapport_order_set_amount (order, 750);
  rapport_order_set_description (order, "Corrected");
  g_assert_true (rapport_store_update_order (fixture->db, order, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_ORDER, id, RAPPORT_CHANGE_UPDATED);

  list = rapport_store_list_orders (fixture->db, customer_id, &error);
  read = g_list_model_get_item (list, 0);
  g_assert_cmpint (rapport_order_get_amount (read), ==, 750);
  g_assert_cmpstr (rapport_order_get_description (read), ==, "Corrected");
  g_clear_object (&list);

  g_assert_true (rapport_store_trash_order (fixture->db, id, &error));
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_ORDER, id, RAPPORT_CHANGE_TRASHED);
  list = rapport_store_list_orders (fixture->db, customer_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);

  g_assert_true (rapport_store_restore_order (fixture->db, id, &error));
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_ORDER, id, RAPPORT_CHANGE_RESTORED);
  list = rapport_store_list_orders (fixture->db, customer_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  rapport_order_set_amount (order, -5);
  g_assert_false (rapport_store_update_order (fixture->db, order, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  rapport_order_set_id (order, 9191);
  rapport_order_set_amount (order, 5);
  g_assert_false (rapport_store_update_order (fixture->db, order, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/orders/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("insert-and-list", test_insert_and_list);
  ADD ("validation", test_validation);
  ADD ("update-trash-restore", test_update_trash_restore);

  return g_test_run ();
}
