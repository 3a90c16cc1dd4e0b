/* test-recipients.c
 *
 * The recipients of a bulk send or a greeting: an audience's filters (tier,
 * stage, tag), contacts, the address each one gets, do-not-contact and
 * missing addresses listed and flagged (not dropped), the Trash left out, and
 * the birthday list of persons only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-test-helpers.h"

typedef struct
{
  Fixture  base;
  gint64   acme;
  gint64   bob;
  gint64   carol;
  gint64   li;
  gint64   zhang;
  gint64   vip_tag;
} Book;

static gint64
insert_customer (RapportDatabase      *db,
                 const char           *name,
                 RapportCustomerKind   kind,
                 RapportTier           tier,
                 RapportStage          stage,
                 const char           *email,
                 const char           *birthday,
                 const char           *tag)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  const char *emails[] = { email, NULL };
  const char *tags[] = { tag, NULL };

  rapport_customer_set_name (customer, name);
  rapport_customer_set_kind (customer, kind);
  rapport_customer_set_tier (customer, tier);
  rapport_customer_set_stage (customer, stage);
  rapport_customer_set_emails (customer, emails);
  rapport_customer_set_birthday (customer, birthday);
  rapport_customer_set_tags (customer, tags);
  g_assert_true (rapport_store_insert_customer (db, customer, &error));
  g_assert_no_error (error);

  return rapport_customer_get_id (customer);
}

static gint64
insert_contact (RapportDatabase *db,
                gint64           customer_id,
                const char      *name,
                gboolean         is_primary,
                const char      *email,
                const char      *phone,
                const char      *birthday)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  const char *emails[] = { email, NULL };
  const char *phones[] = { phone, NULL };

  rapport_contact_set_customer_id (contact, customer_id);
  rapport_contact_set_name (contact, name);
  rapport_contact_set_title (contact, is_primary ? "Buyer" : NULL);
  rapport_contact_set_is_primary (contact, is_primary);
  rapport_contact_set_emails (contact, emails);
  rapport_contact_set_phones (contact, phones);
  rapport_contact_set_birthday (contact, birthday);
  g_assert_true (rapport_store_insert_contact (db, contact, &error));
  g_assert_no_error (error);

  return rapport_contact_get_id (contact);
}

static void
book_set_up (Book          *book,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  RapportDatabase *db;
  gint64 trashed;

  fixture_set_up (&book->base, NULL);
  db = book->base.db;

  book->acme = insert_customer (db, "Acme", RAPPORT_CUSTOMER_KIND_COMPANY, RAPPORT_TIER_GOLD,
                                RAPPORT_STAGE_ACTIVE, NULL, NULL, "VIP");
  book->bob = insert_customer (db, "Bob", RAPPORT_CUSTOMER_KIND_PERSON, RAPPORT_TIER_PLATINUM,
                               RAPPORT_STAGE_PROSPECT, "bob@example.com", "1975-02-03", NULL);
  book->carol = insert_customer (db, "Carol", RAPPORT_CUSTOMER_KIND_PERSON, RAPPORT_TIER_IRON,
                                 RAPPORT_STAGE_ACTIVE, NULL, "1990-12-31", NULL);
  trashed = insert_customer (db, "Dora", RAPPORT_CUSTOMER_KIND_PERSON, RAPPORT_TIER_GOLD,
                             RAPPORT_STAGE_ACTIVE, "dora@example.com", "1980-01-01", "VIP");

  book->zhang = insert_contact (db, book->acme, "Zhang", FALSE, "zhang@acme.example", NULL, "1980-05-06");
  book->li = insert_contact (db, book->acme, "Li Wei", TRUE, "li@acme.example", "13800138000", NULL);

  {
    g_autoptr (RapportCustomer) bob = rapport_store_get_customer (db, book->bob, &error);

    rapport_customer_set_birthday_lunar (bob, TRUE);
    rapport_customer_set_do_not_contact (bob, TRUE);
    rapport_customer_set_do_not_contact_reason (bob, "Asked not to");
    g_assert_true (rapport_store_update_customer (db, bob, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr (RapportContact) zhang = rapport_store_get_contact (db, book->zhang, &error);

    rapport_contact_set_do_not_contact (zhang, TRUE);
    rapport_contact_set_do_not_contact_reason (zhang, "Unsubscribed");
    g_assert_true (rapport_store_update_contact (db, zhang, &error));
    g_assert_no_error (error);
  }

  g_assert_true (rapport_store_trash_customer (db, trashed, &error));
  g_assert_no_error (error);

  {
    g_autoptr (GListModel) tags = rapport_store_list_tags (db, &error);
    g_autoptr (RapportTag) vip = g_list_model_get_item (tags, 0);

    g_assert_cmpstr (rapport_tag_get_name (vip), ==, "VIP");
    book->vip_tag = rapport_tag_get_id (vip);
  }
}

static void
book_tear_down (Book          *book,
                gconstpointer  data)
{
  fixture_tear_down (&book->base, NULL);
}

static GPtrArray *
list (Book            *book,
      RapportAudience *audience)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *recipients = rapport_store_list_recipients (book->base.db, audience, &error);

  g_assert_no_error (error);
  g_assert_nonnull (recipients);
  /* Counted without reading them, the same number. */
  g_assert_cmpuint (rapport_store_count_recipients (book->base.db, audience, &error), ==, recipients->len);
  g_assert_no_error (error);
  return recipients;
}

static RapportRecipient *
at (GPtrArray *recipients,
    guint      index)
{
  g_assert_cmpuint (index, <, recipients->len);
  return g_ptr_array_index (recipients, index);
}

static void
test_everyone (Book          *book,
               gconstpointer  data)
{
  g_autoptr (GPtrArray) all = list (book, NULL);
  g_autofree char *me = rapport_store_get_user_name (book->base.db, 0, NULL);
  RapportRecipient *acme, *bob, *carol;

  /* Dora is in the Trash. */
  g_assert_cmpuint (all->len, ==, 3);
  acme = at (all, 0);
  bob = at (all, 1);
  carol = at (all, 2);

  g_assert_cmpint (acme->customer_id, ==, book->acme);
  g_assert_cmpint (acme->contact_id, ==, book->li);
  g_assert_cmpstr (acme->name, ==, "Acme");
  g_assert_cmpstr (acme->company, ==, "Acme");
  g_assert_cmpstr (acme->contact_name, ==, "Li Wei");
  g_assert_cmpstr (acme->contact_title, ==, "Buyer");
  g_assert_cmpstr (acme->code, !=, NULL);
  g_assert_cmpstr (acme->owner, ==, me);
  /* No address of its own: its primary contact's. */
  g_assert_cmpstr (acme->email, ==, "li@acme.example");
  g_assert_cmpstr (acme->phone, ==, "+8613800138000");
  g_assert_false (acme->do_not_contact);

  /* Marked do-not-contact: listed, flagged, with the reason. */
  g_assert_cmpstr (bob->name, ==, "Bob");
  g_assert_null (bob->company);
  g_assert_cmpint (bob->contact_id, ==, 0);
  g_assert_cmpstr (bob->email, ==, "bob@example.com");
  g_assert_true (bob->do_not_contact);
  g_assert_cmpstr (bob->do_not_contact_reason, ==, "Asked not to");

  /* No address at all: listed, for the caller to skip and say so. */
  g_assert_cmpstr (carol->name, ==, "Carol");
  g_assert_null (carol->email);
  g_assert_null (carol->phone);
  g_assert_false (carol->do_not_contact);
}

static void
assert_customers (GPtrArray *recipients,
                  guint      n,
                  ...)
{
  va_list args;

  g_assert_cmpuint (recipients->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (at (recipients, i)->customer_id, ==, va_arg (args, gint64));
  va_end (args);
}

static void
test_filters (Book          *book,
              gconstpointer  data)
{
  g_autoptr (RapportAudience) audience = rapport_audience_new ();
  g_autoptr (GPtrArray) result = NULL;
  const char *gold_platinum[] = { "gold", "platinum", NULL };
  const char *active[] = { "active", NULL };
  const char *prospect[] = { "prospect", NULL };

  audience->tiers = g_strdupv ((char **) gold_platinum);
  result = list (book, audience);
  assert_customers (result, 2, book->acme, book->bob);
  g_clear_pointer (&result, g_ptr_array_unref);

  g_clear_pointer (&audience->tiers, g_strfreev);
  audience->stages = g_strdupv ((char **) active);
  result = list (book, audience);
  assert_customers (result, 2, book->acme, book->carol);
  g_clear_pointer (&result, g_ptr_array_unref);

  g_clear_pointer (&audience->stages, g_strfreev);
  rapport_audience_add_tag_id (audience, book->vip_tag);
  result = list (book, audience);
  assert_customers (result, 1, book->acme);
  g_clear_pointer (&result, g_ptr_array_unref);

  /* All filters hold together. */
  audience->tiers = g_strdupv ((char **) gold_platinum);
  audience->stages = g_strdupv ((char **) prospect);
  result = list (book, audience);
  assert_customers (result, 0);
}

static void
test_contacts (Book          *book,
               gconstpointer  data)
{
  g_autoptr (RapportAudience) audience = rapport_audience_new ();
  g_autoptr (GPtrArray) result = NULL;
  const char *gold[] = { "gold", NULL };
  RapportRecipient *acme, *li, *zhang;

  audience->tiers = g_strdupv ((char **) gold);
  audience->include_contacts = TRUE;
  result = list (book, audience);

  g_assert_cmpuint (result->len, ==, 3);
  acme = at (result, 0);
  li = at (result, 1);
  zhang = at (result, 2);

  /* The contacts are recipients themselves: the customer's own row does not
   * borrow the primary contact's address (no second message to Li Wei). */
  g_assert_cmpint (acme->customer_id, ==, book->acme);
  g_assert_null (acme->email);

  g_assert_cmpint (li->contact_id, ==, book->li);
  g_assert_cmpint (li->customer_id, ==, book->acme);
  g_assert_cmpstr (li->name, ==, "Li Wei");
  g_assert_cmpstr (li->company, ==, "Acme");
  g_assert_cmpstr (li->email, ==, "li@acme.example");
  g_assert_cmpstr (li->phone, ==, "+8613800138000");

  g_assert_cmpint (zhang->contact_id, ==, book->zhang);
  g_assert_cmpstr (zhang->email, ==, "zhang@acme.example");
  g_assert_null (zhang->phone);
  g_assert_true (zhang->do_not_contact);
  g_assert_cmpstr (zhang->do_not_contact_reason, ==, "Unsubscribed");
}

static void
test_customer_mark_covers_contacts (Book          *book,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) acme = rapport_store_get_customer (book->base.db, book->acme, &error);
  g_autoptr (RapportAudience) audience = rapport_audience_new ();
  g_autoptr (GPtrArray) result = NULL;

  rapport_customer_set_do_not_contact (acme, TRUE);
  rapport_customer_set_do_not_contact_reason (acme, "Company policy");
  g_assert_true (rapport_store_update_customer (book->base.db, acme, &error));
  g_assert_no_error (error);

  rapport_audience_add_tag_id (audience, book->vip_tag);
  audience->include_contacts = TRUE;
  result = list (book, audience);
  g_assert_cmpuint (result->len, ==, 3);
  for (guint i = 0; i < result->len; i++)
    g_assert_true (at (result, i)->do_not_contact);
  g_assert_cmpstr (at (result, 1)->do_not_contact_reason, ==, "Company policy");
  /* A contact's own reason comes first. */
  g_assert_cmpstr (at (result, 2)->do_not_contact_reason, ==, "Unsubscribed");
}

static void
test_birthdays (Book          *book,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) result = rapport_store_list_birthday_recipients (book->base.db, NULL, &error);
  g_autoptr (RapportAudience) audience = rapport_audience_new ();
  const char *active[] = { "active", NULL };

  g_assert_no_error (error);
  /* Persons with a birthday: Bob, Carol, and Acme's Zhang; not Acme (a
   * company), not Li Wei (no birthday), not Dora (in the Trash). */
  g_assert_cmpuint (result->len, ==, 3);
  g_assert_cmpint (at (result, 0)->customer_id, ==, book->bob);
  g_assert_cmpstr (at (result, 0)->birthday, ==, "1975-02-03");
  g_assert_true (at (result, 0)->birthday_lunar);
  g_assert_cmpint (at (result, 1)->customer_id, ==, book->carol);
  g_assert_false (at (result, 1)->birthday_lunar);
  g_assert_cmpint (at (result, 2)->contact_id, ==, book->zhang);
  g_assert_cmpstr (at (result, 2)->birthday, ==, "1980-05-06");
  g_assert_cmpstr (at (result, 2)->company, ==, "Acme");
  g_clear_pointer (&result, g_ptr_array_unref);

  audience->stages = g_strdupv ((char **) active);
  result = rapport_store_list_birthday_recipients (book->base.db, audience, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, 2);
  g_assert_cmpint (at (result, 0)->customer_id, ==, book->carol);
  g_assert_cmpint (at (result, 1)->contact_id, ==, book->zhang);
}

/* One customer, read by its id, is what the whole book's list has for it. */
static void
test_one_customer (Book          *book,
                   gconstpointer  data)
{
  g_autoptr (RapportAudience) audience = rapport_audience_new ();
  g_autoptr (GPtrArray) everyone = NULL;
  g_autoptr (GPtrArray) acme = NULL;
  g_autoptr (GPtrArray) bob = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 0;

  audience->include_contacts = TRUE;
  everyone = list (book, audience);

  acme = rapport_store_list_customer_recipients (book->base.db, book->acme, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < everyone->len; i++)
    {
      RapportRecipient *expected = at (everyone, i);
      RapportRecipient *got;

      if (expected->customer_id != book->acme)
        continue;

      got = at (acme, n++);
      g_assert_cmpint (got->contact_id, ==, expected->contact_id);
      g_assert_cmpstr (got->name, ==, expected->name);
      g_assert_cmpstr (got->email, ==, expected->email);
      g_assert_cmpstr (got->phone, ==, expected->phone);
      g_assert_cmpint (got->do_not_contact, ==, expected->do_not_contact);
      g_assert_cmpstr (got->owner, ==, expected->owner);
    }
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (acme->len, ==, n);

  bob = rapport_store_list_customer_recipients (book->base.db, book->bob, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bob->len, ==, 1);
  g_assert_cmpstr (at (bob, 0)->email, ==, "bob@example.com");
  g_assert_true (at (bob, 0)->do_not_contact);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/recipients/" path, Book, NULL, book_set_up, func, book_tear_down)

  ADD ("everyone", test_everyone);
  ADD ("filters", test_filters);
  ADD ("contacts", test_contacts);
  ADD ("customer-mark-covers-contacts", test_customer_mark_covers_contacts);
  ADD ("birthdays", test_birthdays);
  ADD ("one-customer", test_one_customer);

  return g_test_run ();
}
