/* test-contacts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-entity.h"
#include "store-test-helpers.h"

static RapportContact *
add_contact (RapportDatabase *db,
             gint64           customer_id,
             const char      *name,
             const char      *phone)
{
  g_autoptr (GError) error = NULL;
  RapportContact *contact = rapport_contact_new ();
  const char *phones[] = { phone, NULL };

  rapport_contact_set_customer_id (contact, customer_id);
  rapport_contact_set_name (contact, name);
  rapport_contact_set_phones (contact, phones);
  g_assert_true (rapport_store_insert_contact (db, contact, &error));
  g_assert_no_error (error);

  return contact;
}

static void
test_insert_and_get (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (RapportContact) read = NULL;
  gint64 customer_id = rapport_customer_get_id (customer);
  const char *phones[] = { "１３８ ００１３ ８０００", NULL };
  const char *emails[] = { "li.wei@acme.example", NULL };
  gint64 id;

  fixture_clear_changes (fixture);

  rapport_contact_set_customer_id (contact, customer_id);
  rapport_contact_set_name (contact, "Li Wei");
  rapport_contact_set_title (contact, "Purchasing manager");
  rapport_contact_set_birthday (contact, "1985-08-15");
  rapport_contact_set_birthday_lunar (contact, TRUE);
  rapport_contact_set_notes (contact, "Prefers WeChat");
  rapport_contact_set_phones (contact, phones);
  rapport_contact_set_emails (contact, emails);
  g_assert_true (rapport_store_insert_contact (fixture->db, contact, &error));
  g_assert_no_error (error);

  id = rapport_contact_get_id (contact);
  g_assert_cmpint (id, >, 0);
  g_assert_true (g_uuid_string_is_valid (rapport_contact_get_uuid (contact)));
  g_assert_cmpint (rapport_contact_get_created_at (contact), ==, TEST_NOW);
  /* The first contact of a customer is its primary one. */
  g_assert_true (rapport_contact_get_is_primary (contact));
  /* A contact's change names its customer (the customer itself did not change). */
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CONTACT, id, RAPPORT_CHANGE_INSERTED);

  read = rapport_store_get_contact (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_contact_get_customer_id (read), ==, customer_id);
  g_assert_cmpstr (rapport_contact_get_name (read), ==, "Li Wei");
  g_assert_cmpstr (rapport_contact_get_title (read), ==, "Purchasing manager");
  g_assert_cmpstr (rapport_contact_get_birthday (read), ==, "1985-08-15");
  g_assert_true (rapport_contact_get_birthday_lunar (read));
  g_assert_cmpstr (rapport_contact_get_notes (read), ==, "Prefers WeChat");
  g_assert_true (rapport_contact_get_is_primary (read));
  g_assert_cmpstr (rapport_contact_get_phones (read)[0], ==, "+8613800138000");
  g_assert_cmpstr (rapport_contact_get_emails (read)[0], ==, "li.wei@acme.example");

  /* The customer's own phones are not the contact's. */
  g_clear_object (&customer);
  customer = rapport_store_get_customer (fixture->db, customer_id, &error);
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_phones (customer)), ==, 0);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  const char *bad_phones[] = { "abcdefg", NULL };

  fixture_clear_changes (fixture);

  rapport_contact_set_customer_id (contact, rapport_customer_get_id (customer));
  rapport_contact_set_name (contact, " ");
  g_assert_false (rapport_store_insert_contact (fixture->db, contact, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  rapport_contact_set_name (contact, "Li Wei");
  rapport_contact_set_phones (contact, bad_phones);
  g_assert_false (rapport_store_insert_contact (fixture->db, contact, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  rapport_contact_set_phones (contact, NULL);
  rapport_contact_set_customer_id (contact, 9999);
  g_assert_false (rapport_store_insert_contact (fixture->db, contact, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);

  assert_changes (fixture, 0);
}

static void
test_primary_and_order (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "速阳有限公司", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportContact) zhang = add_contact (fixture->db, customer_id, "张伟", NULL);
  g_autoptr (RapportContact) anna = add_contact (fixture->db, customer_id, "Anna", NULL);
  g_autoptr (RapportContact) li = add_contact (fixture->db, customer_id, "李娜", NULL);
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RapportContact) first = NULL;
  g_autoptr (RapportContact) second = NULL;
  g_autoptr (RapportContact) third = NULL;

  g_assert_true (rapport_contact_get_is_primary (zhang));
  g_assert_false (rapport_contact_get_is_primary (anna));
  g_assert_false (rapport_contact_get_is_primary (li));

  /* Primary first, then by name in pinyin order: Anna, 李娜 (li na). */
  list = rapport_store_list_contacts (fixture->db, customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  first = g_list_model_get_item (list, 0);
  second = g_list_model_get_item (list, 1);
  third = g_list_model_get_item (list, 2);
  g_assert_cmpstr (rapport_contact_get_name (first), ==, "张伟");
  g_assert_cmpstr (rapport_contact_get_name (second), ==, "Anna");
  g_assert_cmpstr (rapport_contact_get_name (third), ==, "李娜");
  g_clear_object (&list);
  g_clear_object (&first);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_set_primary_contact (fixture->db, rapport_contact_get_id (li), &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  g_assert_cmpint (recorded_customer (fixture, 1), ==, customer_id);
  assert_changes (fixture, 2,
                  RAPPORT_ENTITY_KIND_CONTACT, rapport_contact_get_id (zhang), RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_CONTACT, rapport_contact_get_id (li), RAPPORT_CHANGE_UPDATED);

  list = rapport_store_list_contacts (fixture->db, customer_id, &error);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (rapport_contact_get_name (first), ==, "李娜");
  g_assert_true (rapport_contact_get_is_primary (first));
  g_clear_object (&list);

  /* Only one primary at a time, also through update. */
  rapport_contact_set_is_primary (anna, TRUE);
  g_assert_true (rapport_store_update_contact (fixture->db, anna, &error));
  list = rapport_store_list_contacts (fixture->db, customer_id, &error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (RapportContact) c = g_list_model_get_item (list, i);
      g_assert_true (rapport_contact_get_is_primary (c) == (rapport_contact_get_id (c) == rapport_contact_get_id (anna)));
    }
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportContact) contact = add_contact (fixture->db, customer_id, "Li Wei", "13800138000");
  g_autoptr (RapportContact) read = NULL;
  const char *phones[] = { "13900139000", "13800138000", NULL };

  fixture_clear_changes (fixture);
  rapport_clock_advance (fixture->clock, 5);
  rapport_contact_set_name (contact, "Li Wei (Purchasing)");
  rapport_contact_set_phones (contact, phones);
  rapport_contact_set_do_not_contact (contact, TRUE);
  rapport_contact_set_do_not_contact_reason (contact, "Unsubscribed");
  g_assert_true (rapport_store_update_contact (fixture->db, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CONTACT, rapport_contact_get_id (contact), RAPPORT_CHANGE_UPDATED);

  read = rapport_store_get_contact (fixture->db, rapport_contact_get_id (contact), &error);
  g_assert_cmpstr (rapport_contact_get_name (read), ==, "Li Wei (Purchasing)");
  g_assert_cmpint (rapport_contact_get_updated_at (read), ==, TEST_NOW + 5);
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_contact_get_phones (read)), ==, 2);
  g_assert_cmpstr (rapport_contact_get_phones (read)[0], ==, "+8613900139000");
  g_assert_cmpstr (rapport_contact_get_phones (read)[1], ==, "+8613800138000");
  g_assert_true (rapport_contact_get_do_not_contact (read));
  g_assert_cmpstr (rapport_contact_get_do_not_contact_reason (read), ==, "Unsubscribed");
  g_assert_true (rapport_entity_equal (read, contact));
}

static void
test_trash_and_restore (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportContact) contact = add_contact (fixture->db, customer_id, "Li Wei", NULL);
  gint64 id = rapport_contact_get_id (contact);
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RapportContact) read = NULL;

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_trash_contact (fixture->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CONTACT, id, RAPPORT_CHANGE_TRASHED);

  list = rapport_store_list_contacts (fixture->db, customer_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);
  read = rapport_store_get_contact (fixture->db, id, &error);
  g_assert_cmpint (rapport_contact_get_deleted_at (read), ==, TEST_NOW);

  g_assert_true (rapport_store_restore_contact (fixture->db, id, &error));
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CONTACT, id, RAPPORT_CHANGE_RESTORED);
  list = rapport_store_list_contacts (fixture->db, customer_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  g_assert_false (rapport_store_trash_contact (fixture->db, 4040, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/contacts/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("insert-and-get", test_insert_and_get);
  ADD ("validation", test_validation);
  ADD ("primary-and-order", test_primary_and_order);
  ADD ("update", test_update);
  ADD ("trash-and-restore", test_trash_and_restore);

  return g_test_run ();
}
