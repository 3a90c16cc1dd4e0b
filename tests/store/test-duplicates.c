/* test-duplicates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-duplicate.h"
#include "store-test-helpers.h"

typedef struct
{
  gint64 suyang;
  gint64 acme;
  gint64 li;
} Ids;

static Ids
fill (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) suyang = rapport_customer_new ();
  g_autoptr (RapportCustomer) acme = rapport_customer_new ();
  g_autoptr (RapportContact) li = rapport_contact_new ();
  const char *suyang_phones[] = { "0512-6688 1234", NULL };
  const char *li_emails[] = { "Li.Wei@Acme.example", NULL };
  const char *li_phones[] = { "139 0013 9000", NULL };
  Ids ids;

  rapport_customer_set_name (suyang, "速阳有限公司");
  rapport_customer_set_phones (suyang, suyang_phones);
  g_assert_true (rapport_store_insert_customer (fixture->db, suyang, &error));

  rapport_customer_set_name (acme, "ACME Trading, Ltd.");
  g_assert_true (rapport_store_insert_customer (fixture->db, acme, &error));

  rapport_contact_set_customer_id (li, rapport_customer_get_id (acme));
  rapport_contact_set_name (li, "Li Wei");
  rapport_contact_set_emails (li, li_emails);
  rapport_contact_set_phones (li, li_phones);
  g_assert_true (rapport_store_insert_contact (fixture->db, li, &error));
  g_assert_no_error (error);

  ids.suyang = rapport_customer_get_id (suyang);
  ids.acme = rapport_customer_get_id (acme);
  ids.li = rapport_contact_get_id (li);
  return ids;
}

static RapportDuplicate *
dup_at (GListModel *list,
        guint       position)
{
  RapportDuplicate *duplicate = g_list_model_get_item (list, position);

  g_assert_nonnull (duplicate);
  g_object_unref (duplicate);  /* the list keeps it alive */
  return duplicate;
}

static void
test_phone (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  Ids ids = fill (fixture);
  const char *phones[] = { "+86 512 6688 1234", NULL };
  g_autoptr (GListModel) list = NULL;
  RapportDuplicate *duplicate;

  list = rapport_store_find_duplicates (fixture->db, "New customer", phones, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  duplicate = dup_at (list, 0);
  g_assert_cmpint (rapport_duplicate_get_customer_id (duplicate), ==, ids.suyang);
  g_assert_cmpint (rapport_duplicate_get_contact_id (duplicate), ==, 0);
  g_assert_cmpstr (rapport_duplicate_get_name (duplicate), ==, "速阳有限公司");
  g_assert_cmpstr (rapport_duplicate_get_customer_name (duplicate), ==, "速阳有限公司");
  g_assert_cmpstr (rapport_duplicate_get_reason (duplicate), ==, "Same phone number as 速阳有限公司");
  g_clear_object (&list);

  /* The customer being edited is not its own duplicate. */
  list = rapport_store_find_duplicates (fixture->db, NULL, phones, NULL, ids.suyang, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

static void
test_contact_email_and_phone (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  Ids ids = fill (fixture);
  const char *emails[] = { "not an address", "  li.wei@acme.EXAMPLE ", NULL };
  const char *phones[] = { "13900139000", NULL };
  g_autoptr (GListModel) list = NULL;
  RapportDuplicate *duplicate;

  /* The same contact matched twice is listed once, with the first reason. */
  list = rapport_store_find_duplicates (fixture->db, NULL, phones, emails, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  duplicate = dup_at (list, 0);
  g_assert_cmpint (rapport_duplicate_get_customer_id (duplicate), ==, ids.acme);
  g_assert_cmpint (rapport_duplicate_get_contact_id (duplicate), ==, ids.li);
  g_assert_cmpstr (rapport_duplicate_get_name (duplicate), ==, "Li Wei");
  g_assert_cmpstr (rapport_duplicate_get_customer_name (duplicate), ==, "ACME Trading, Ltd.");
  g_assert_cmpstr (rapport_duplicate_get_reason (duplicate), ==, "Same phone number as Li Wei at ACME Trading, Ltd.");
  g_clear_object (&list);

  list = rapport_store_find_duplicates (fixture->db, NULL, NULL, emails, 0, 0, &error);
  duplicate = dup_at (list, 0);
  g_assert_cmpstr (rapport_duplicate_get_reason (duplicate), ==, "Same e-mail as Li Wei at ACME Trading, Ltd.");
  g_clear_object (&list);

  /* Editing that contact: not a duplicate of itself. */
  list = rapport_store_find_duplicates (fixture->db, NULL, NULL, emails, 0, ids.li, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

static void
test_name (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  Ids ids = fill (fixture);
  g_autoptr (GListModel) list = NULL;
  RapportDuplicate *duplicate;

  list = rapport_store_find_duplicates (fixture->db, "  acme trading ltd ", NULL, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  duplicate = dup_at (list, 0);
  g_assert_cmpint (rapport_duplicate_get_customer_id (duplicate), ==, ids.acme);
  g_assert_cmpint (rapport_duplicate_get_contact_id (duplicate), ==, 0);
  g_assert_cmpstr (rapport_duplicate_get_reason (duplicate), ==, "Same name");
  g_clear_object (&list);

  list = rapport_store_find_duplicates (fixture->db, "速阳有限公司", NULL, NULL, 0, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);

  list = rapport_store_find_duplicates (fixture->db, "Something else entirely", NULL, NULL, 0, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);

  list = rapport_store_find_duplicates (fixture->db, "", NULL, NULL, 0, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

static void
test_trashed_not_matched (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  Ids ids = fill (fixture);
  const char *phones[] = { "0512 66881234", "13900139000", NULL };
  g_autoptr (GListModel) list = NULL;

  g_assert_true (rapport_store_trash_customer (fixture->db, ids.suyang, &error));
  g_assert_true (rapport_store_trash_contact (fixture->db, ids.li, &error));

  list = rapport_store_find_duplicates (fixture->db, "速阳有限公司", phones, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);

  /* Back from the Trash, found again. */
  g_assert_true (rapport_store_restore_contact (fixture->db, ids.li, &error));
  list = rapport_store_find_duplicates (fixture->db, NULL, phones, NULL, 0, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/duplicates/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("phone", test_phone);
  ADD ("contact-email-and-phone", test_contact_email_and_phone);
  ADD ("name", test_name);
  ADD ("trashed-not-matched", test_trashed_not_matched);

  return g_test_run ();
}
