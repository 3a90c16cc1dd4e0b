/* test-customers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-email.h"
#include "rapport-phone.h"
#include "rapport-text.h"
#include "store-test-helpers.h"

static void
test_insert_and_get (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (RapportCustomer) read = NULL;
  const char *phones[] = { "138 0013 8000", "  ", "0512-6688 1234 转 808", "+86 13800138000", NULL };
  const char *emails[] = { " Sales@Suyang.COM ", NULL };
  const char *tags[] = { "VIP", "建材", NULL };
  gint64 id;

  rapport_customer_set_name (customer, "  速阳有限公司  ");
  rapport_customer_set_kind (customer, RAPPORT_CUSTOMER_KIND_COMPANY);
  rapport_customer_set_stage (customer, RAPPORT_STAGE_ACTIVE);
  rapport_customer_set_tier (customer, RAPPORT_TIER_GOLD);
  rapport_customer_set_potential (customer, RAPPORT_POTENTIAL_HIGH);
  rapport_customer_set_owner_id (customer, 1);
  rapport_customer_set_source (customer, "Trade fair");
  rapport_customer_set_industry (customer, "Building materials");
  rapport_customer_set_region (customer, "苏州");
  rapport_customer_set_address (customer, "苏州工业园区 1 号");
  rapport_customer_set_website (customer, "suyang.example.com");
  rapport_customer_set_birthday (customer, "1990-02-28");
  rapport_customer_set_birthday_lunar (customer, TRUE);
  rapport_customer_set_notes (customer, "Pays on time");
  rapport_customer_set_phones (customer, phones);
  rapport_customer_set_emails (customer, emails);
  rapport_customer_set_tags (customer, tags);

  g_assert_true (rapport_store_insert_customer (fixture->db, customer, &error));
  g_assert_no_error (error);

  id = rapport_customer_get_id (customer);
  g_assert_cmpint (id, >, 0);
  g_assert_true (g_uuid_string_is_valid (rapport_customer_get_uuid (customer)));
  g_assert_cmpstr (rapport_customer_get_code (customer), ==, "SY001");
  g_assert_cmpstr (rapport_customer_get_name (customer), ==, "速阳有限公司");
  g_assert_cmpint (rapport_customer_get_created_at (customer), ==, TEST_NOW);
  g_assert_cmpint (rapport_customer_get_updated_at (customer), ==, TEST_NOW);
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_phones (customer)), ==, 2);
  g_assert_cmpuint (fixture->changes->len, ==, 3);
  g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, 0).kind, ==, RAPPORT_ENTITY_KIND_CUSTOMER);
  g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, 0).id, ==, id);
  g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, 0).change, ==, RAPPORT_CHANGE_INSERTED);
  /* The two new tags. */
  for (guint i = 1; i < 3; i++)
    {
      g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, i).kind, ==, RAPPORT_ENTITY_KIND_TAG);
      g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, i).change, ==, RAPPORT_CHANGE_INSERTED);
    }

  read = rapport_store_get_customer (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_id (read), ==, id);
  g_assert_cmpstr (rapport_customer_get_uuid (read), ==, rapport_customer_get_uuid (customer));
  g_assert_cmpstr (rapport_customer_get_code (read), ==, "SY001");
  g_assert_cmpstr (rapport_customer_get_name (read), ==, "速阳有限公司");
  g_assert_cmpint (rapport_customer_get_kind (read), ==, RAPPORT_CUSTOMER_KIND_COMPANY);
  g_assert_cmpint (rapport_customer_get_stage (read), ==, RAPPORT_STAGE_ACTIVE);
  g_assert_cmpint (rapport_customer_get_tier (read), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (rapport_customer_get_potential (read), ==, RAPPORT_POTENTIAL_HIGH);
  g_assert_cmpint (rapport_customer_get_owner_id (read), ==, 1);
  g_assert_cmpstr (rapport_customer_get_source (read), ==, "Trade fair");
  g_assert_cmpstr (rapport_customer_get_industry (read), ==, "Building materials");
  g_assert_cmpstr (rapport_customer_get_region (read), ==, "苏州");
  g_assert_cmpstr (rapport_customer_get_address (read), ==, "苏州工业园区 1 号");
  g_assert_cmpstr (rapport_customer_get_website (read), ==, "suyang.example.com");
  g_assert_cmpstr (rapport_customer_get_birthday (read), ==, "1990-02-28");
  g_assert_true (rapport_customer_get_birthday_lunar (read));
  g_assert_cmpstr (rapport_customer_get_notes (read), ==, "Pays on time");
  g_assert_cmpint (rapport_customer_get_created_at (read), ==, TEST_NOW);
  g_assert_cmpint (rapport_customer_get_deleted_at (read), ==, 0);
  g_assert_cmpint (rapport_customer_get_last_interaction_at (read), ==, 0);

  /* Phones normalised, blank dropped, the same number once, in order. */
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_phones (read)), ==, 2);
  g_assert_cmpstr (rapport_customer_get_phones (read)[0], ==, "+8613800138000");
  g_assert_cmpstr (rapport_customer_get_phones (read)[1], ==, "+8651266881234;ext=808");
  g_assert_cmpstr (rapport_customer_get_emails (read)[0], ==, rapport_customer_get_emails (customer)[0]);
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_emails (read)), ==, 1);
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_tags (read)), ==, 2);
  g_assert_true (g_strv_contains (rapport_customer_get_tags (read), "VIP"));
  g_assert_true (g_strv_contains (rapport_customer_get_tags (read), "建材"));

  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
}

static void
test_get_missing (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_store_get_customer (fixture->db, 4242, &error);

  g_assert_null (customer);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static void
test_codes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (RapportCustomer) a = add_customer (fixture->db, "速阳有限公司", NULL);
  g_autoptr (RapportCustomer) b = add_customer (fixture->db, "Acme Trading", "");
  g_autoptr (RapportCustomer) c = add_customer (fixture->db, "速阳建材", NULL);
  g_autoptr (RapportCustomer) d = add_customer (fixture->db, "Hand picked", "SY041");
  g_autoptr (RapportCustomer) e = NULL;
  g_autofree char *proposed = NULL;

  g_assert_cmpstr (rapport_customer_get_code (a), ==, "SY001");
  g_assert_cmpstr (rapport_customer_get_code (b), ==, "AT001");
  g_assert_cmpstr (rapport_customer_get_code (c), ==, "SY002");
  g_assert_cmpstr (rapport_customer_get_code (d), ==, "SY041");

  /* After the highest number in use for the prefix. */
  proposed = rapport_store_propose_customer_code (fixture->db, "速阳");
  g_assert_cmpstr (proposed, ==, "SY042");
  e = add_customer (fixture->db, "Sun Yat", " sy１００ ");
  g_assert_cmpstr (rapport_customer_get_code (e), ==, "SY100");
  g_clear_pointer (&proposed, g_free);
  proposed = rapport_store_propose_customer_code (fixture->db, "Sunny Yard");
  g_assert_cmpstr (proposed, ==, "SY101");

  g_assert_true (rapport_store_customer_code_in_use (fixture->db, "SY001", 0));
  g_assert_true (rapport_store_customer_code_in_use (fixture->db, "sy001", 0));
  g_assert_false (rapport_store_customer_code_in_use (fixture->db, "SY001", rapport_customer_get_id (a)));
  g_assert_false (rapport_store_customer_code_in_use (fixture->db, "ZZ999", 0));
}

static void
test_duplicate_code (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) first = add_customer (fixture->db, "速阳有限公司", "SY001");
  g_autoptr (RapportCustomer) second = rapport_customer_new ();
  g_autoptr (RapportCustomer) other = add_customer (fixture->db, "Acme Trading", NULL);

  fixture_clear_changes (fixture);
  rapport_customer_set_name (second, "Another");
  rapport_customer_set_code (second, "sy001");
  g_assert_false (rapport_store_insert_customer (fixture->db, second, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_DUPLICATE_CODE);
  g_assert_nonnull (strstr (error->message, "SY001"));
  g_assert_nonnull (strstr (error->message, "速阳有限公司"));
  g_assert_cmpint (rapport_customer_get_id (second), ==, 0);
  g_clear_error (&error);

  /* Renaming another customer to the same code fails the same way. */
  rapport_customer_set_code (other, "SY001");
  g_assert_false (rapport_store_update_customer (fixture->db, other, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_DUPLICATE_CODE);
  g_clear_error (&error);

  /* A customer in the Trash still holds its code. */
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (first), &error));
  g_assert_false (rapport_store_insert_customer (fixture->db, second, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_DUPLICATE_CODE);
  g_assert_nonnull (strstr (error->message, "Trash"));
  g_clear_error (&error);

  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, rapport_customer_get_id (first), RAPPORT_CHANGE_TRASHED);
}

static void
assert_invalid (Fixture          *fixture,
                RapportCustomer  *customer,
                const char       *expected_message)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rapport_store_insert_customer (fixture->db, customer, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  if (expected_message != NULL)
    g_assert_cmpstr (error->message, ==, expected_message);
  g_assert_cmpint (rapport_customer_get_id (customer), ==, 0);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) expected = NULL;
  g_autoptr (GString) long_name = g_string_new (NULL);
  g_autofree char *out = NULL;
  const char *bad_phone[] = { "call me maybe", NULL };
  const char *bad_email[] = { "wang.example.com", NULL };
  const char *no_phones[] = { NULL };

  rapport_customer_set_name (customer, "");
  rapport_name_validate ("", &expected);
  assert_invalid (fixture, customer, expected->message);
  g_clear_error (&expected);

  rapport_customer_set_name (customer, "   ");
  assert_invalid (fixture, customer, NULL);

  for (guint i = 0; i < 10000; i++)
    g_string_append (long_name, "名");
  rapport_customer_set_name (customer, long_name->str);
  rapport_name_validate (long_name->str, &expected);
  assert_invalid (fixture, customer, expected->message);
  g_clear_error (&expected);

  rapport_customer_set_name (customer, "Valid name");
  rapport_customer_set_phones (customer, bad_phone);
  g_assert_false (rapport_phone_normalize (bad_phone[0], "86", &out, &expected));
  assert_invalid (fixture, customer, expected->message);
  g_clear_error (&expected);

  rapport_customer_set_phones (customer, no_phones);
  rapport_customer_set_emails (customer, bad_email);
  g_assert_false (rapport_email_normalize (bad_email[0], &out, &expected));
  assert_invalid (fixture, customer, expected->message);
  g_clear_error (&expected);

  rapport_customer_set_emails (customer, no_phones);
  rapport_customer_set_code (customer, "BAD CODE!");
  assert_invalid (fixture, customer, NULL);

  rapport_customer_set_code (customer, NULL);
  rapport_customer_set_birthday (customer, "2023-02-29");
  assert_invalid (fixture, customer, NULL);

  rapport_customer_set_birthday (customer, NULL);
  rapport_customer_set_website (customer, "not a web address");
  assert_invalid (fixture, customer, NULL);

  /* Nothing was stored or announced. */
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 0);
  assert_changes (fixture, 0);

  rapport_customer_set_website (customer, NULL);
  g_assert_true (rapport_store_insert_customer (fixture->db, customer, &expected));
  g_assert_no_error (expected);
}

static void
test_data_stored_verbatim (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *names[] = {
    "O'Brien & \"Sons\" 100% <b>bold</b>",
    "Robert'); DROP TABLE customer;--",
    "%s %n %d %% \\ _ ' \"",
    "<span foreground=\"red\">&amp; Pango</span>",
    "王小明 🐉 Ωmega ελληνικά",
  };
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RapportCustomer) customer = add_customer (fixture->db, names[i], NULL);
      g_autoptr (RapportCustomer) read = NULL;
      const char *notes = "Notes with 'quotes', \"double\", 50% and <markup/>";

      rapport_customer_set_notes (customer, notes);
      rapport_customer_set_address (customer, names[i]);
      g_assert_true (rapport_store_update_customer (fixture->db, customer, &error));
      g_assert_no_error (error);

      read = rapport_store_get_customer (fixture->db, rapport_customer_get_id (customer), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rapport_customer_get_name (read), ==, names[i]);
      g_assert_cmpstr (rapport_customer_get_address (read), ==, names[i]);
      g_assert_cmpstr (rapport_customer_get_notes (read), ==, notes);
    }

  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, G_N_ELEMENTS (names));
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportCustomer) read = NULL;
  g_autoptr (RapportCustomer) ghost = rapport_customer_new ();
  const char *phones[] = { "+44 20 7946 0958", NULL };
  gint64 id = rapport_customer_get_id (customer);

  fixture_clear_changes (fixture);
  rapport_clock_advance (fixture->clock, 60);

  rapport_customer_set_name (customer, "Acme Trading Ltd");
  rapport_customer_set_stage (customer, RAPPORT_STAGE_LOST);
  rapport_customer_set_tier (customer, RAPPORT_TIER_PLATINUM);
  rapport_customer_set_kind (customer, RAPPORT_CUSTOMER_KIND_PERSON);
  rapport_customer_set_phones (customer, phones);
  rapport_customer_set_do_not_contact (customer, TRUE);
  rapport_customer_set_do_not_contact_reason (customer, "Asked by phone");
  g_assert_true (rapport_store_update_customer (fixture->db, customer, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, id, RAPPORT_CHANGE_UPDATED);
  g_assert_cmpint (rapport_customer_get_updated_at (customer), ==, TEST_NOW + 60);

  read = rapport_store_get_customer (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (read), ==, "Acme Trading Ltd");
  g_assert_cmpstr (rapport_customer_get_code (read), ==, "AT001");
  g_assert_cmpint (rapport_customer_get_stage (read), ==, RAPPORT_STAGE_LOST);
  g_assert_cmpint (rapport_customer_get_tier (read), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (rapport_customer_get_kind (read), ==, RAPPORT_CUSTOMER_KIND_PERSON);
  g_assert_cmpint (rapport_customer_get_created_at (read), ==, TEST_NOW);
  g_assert_cmpint (rapport_customer_get_updated_at (read), ==, TEST_NOW + 60);
  g_assert_cmpstr (rapport_customer_get_phones (read)[0], ==, "+442079460958");
  g_assert_true (rapport_customer_get_do_not_contact (read));
  g_assert_cmpstr (rapport_customer_get_do_not_contact_reason (read), ==, "Asked by phone");

  /* Contactable again: the reason goes with the mark. */
  rapport_customer_set_do_not_contact (read, FALSE);
  g_assert_true (rapport_store_update_customer (fixture->db, read, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = rapport_store_get_customer (fixture->db, id, &error);
  g_assert_false (rapport_customer_get_do_not_contact (read));
  g_assert_null (rapport_customer_get_do_not_contact_reason (read));
  fixture_clear_changes (fixture);

  /* An update of a customer that does not exist. */
  rapport_customer_set_id (ghost, 999);
  rapport_customer_set_name (ghost, "Ghost");
  g_assert_false (rapport_store_update_customer (fixture->db, ghost, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  assert_changes (fixture, 0);
}

static void
test_default_country_code (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autofree char *expected = NULL;
  const char *phones[] = { "020 7946 0958", NULL };

  rapport_database_set_default_country_code (fixture->db, "44");
  g_assert_true (rapport_phone_normalize (phones[0], "44", &expected, NULL));

  rapport_customer_set_name (customer, "London office");
  rapport_customer_set_phones (customer, phones);
  g_assert_true (rapport_store_insert_customer (fixture->db, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_phones (customer)[0], ==, expected);
  g_assert_true (g_str_has_prefix (expected, "+44"));
}

static void
test_trash_and_restore (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "速阳有限公司", NULL);
  g_autoptr (RapportCustomer) read = NULL;
  gint64 id = rapport_customer_get_id (customer);

  fixture_clear_changes (fixture);
  rapport_clock_advance (fixture->clock, 10);

  g_assert_true (rapport_store_trash_customer (fixture->db, id, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, id, RAPPORT_CHANGE_TRASHED);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 0);

  /* Still readable, with its deletion time. */
  read = rapport_store_get_customer (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_deleted_at (read), ==, TEST_NOW + 10);
  g_clear_object (&read);

  /* Trashing twice changes nothing and announces nothing. */
  g_assert_true (rapport_store_trash_customer (fixture->db, id, &error));
  assert_changes (fixture, 0);

  g_assert_true (rapport_store_restore_customer (fixture->db, id, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, id, RAPPORT_CHANGE_RESTORED);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
  read = rapport_store_get_customer (fixture->db, id, &error);
  g_assert_cmpint (rapport_customer_get_deleted_at (read), ==, 0);

  g_assert_false (rapport_store_trash_customer (fixture->db, 31337, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 id = rapport_customer_get_id (customer);
  RapportCustomerSummary summary = { 0 };
  struct { const char *date; gint64 amount; const char *currency; } orders[] = {
    { "2026-01-05", 150000, "CNY" },
    { "2026-03-01", 2550, "CNY" },
    { "2026-02-11", 9900, "USD" },
  };
  gint64 trashed_order = 0;

  g_assert_true (rapport_store_get_customer_summary (fixture->db, id, "CNY", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.last_interaction_at, ==, 0);
  g_assert_null (summary.last_order_on);
  g_assert_cmpint (summary.order_total, ==, 0);
  g_assert_cmpstr (summary.order_currency, ==, "CNY");
  g_assert_cmpuint (summary.n_orders, ==, 0);
  g_assert_cmpuint (summary.n_interactions, ==, 0);
  rapport_customer_summary_clear (&summary);

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr (RapportOrder) order = rapport_order_new ();

      rapport_order_set_customer_id (order, id);
      rapport_order_set_ordered_on (order, orders[i].date);
      rapport_order_set_amount (order, orders[i].amount);
      rapport_order_set_currency (order, orders[i].currency);
      g_assert_true (rapport_store_insert_order (fixture->db, order, &error));
      g_assert_no_error (error);

      /* One CNY order alone first: the total is in its currency. */
      if (i == 0)
        {
          g_assert_true (rapport_store_get_customer_summary (fixture->db, id, "EUR", &summary, &error));
          g_assert_cmpint (summary.order_total, ==, 150000);
          g_assert_cmpstr (summary.order_currency, ==, "CNY");
          rapport_customer_summary_clear (&summary);
        }
      if (i == 1)
        trashed_order = rapport_order_get_id (order);
    }

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();

      rapport_interaction_set_customer_id (interaction, id);
      rapport_interaction_set_occurred_at (interaction, TEST_NOW - 3600 * i);
      g_assert_true (rapport_store_insert_interaction (fixture->db, interaction, &error));
    }

  /* Mixed currencies: only the default currency is summed. */
  g_assert_true (rapport_store_get_customer_summary (fixture->db, id, "CNY", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.last_interaction_at, ==, TEST_NOW);
  g_assert_cmpstr (summary.last_order_on, ==, "2026-03-01");
  g_assert_cmpint (summary.order_total, ==, 152550);
  g_assert_cmpstr (summary.order_currency, ==, "CNY");
  g_assert_cmpuint (summary.n_orders, ==, 3);
  g_assert_cmpuint (summary.n_interactions, ==, 3);
  rapport_customer_summary_clear (&summary);

  /* Orders in the Trash do not count. */
  g_assert_true (rapport_store_trash_order (fixture->db, trashed_order, &error));
  g_assert_true (rapport_store_get_customer_summary (fixture->db, id, "CNY", &summary, &error));
  g_assert_cmpint (summary.order_total, ==, 150000);
  g_assert_cmpstr (summary.last_order_on, ==, "2026-02-11");
  g_assert_cmpuint (summary.n_orders, ==, 2);
  rapport_customer_summary_clear (&summary);

  g_assert_false (rapport_store_get_customer_summary (fixture->db, 777, "CNY", &summary, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/customers/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("insert-and-get", test_insert_and_get);
  ADD ("get-missing", test_get_missing);
  ADD ("codes", test_codes);
  ADD ("duplicate-code", test_duplicate_code);
  ADD ("validation", test_validation);
  ADD ("data-stored-verbatim", test_data_stored_verbatim);
  ADD ("update", test_update);
  ADD ("default-country-code", test_default_country_code);
  ADD ("trash-and-restore", test_trash_and_restore);
  ADD ("summary", test_summary);

  return g_test_run ();
}
