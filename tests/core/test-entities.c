/* test-entities.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-contact.h"
#include "rapport-customer.h"
#include "rapport-enums.h"
#include "rapport-follow-up.h"
#include "rapport-interaction.h"
#include "rapport-order.h"
#include "rapport-tag.h"

typedef struct
{
  GPtrArray *names;
} NotifyLog;

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             NotifyLog  *log)
{
  g_ptr_array_add (log->names, g_strdup (pspec->name));
}

static void
test_customer_defaults (void)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();

  g_assert_cmpint (rapport_customer_get_id (customer), ==, 0);
  g_assert_null (rapport_customer_get_name (customer));
  g_assert_cmpint (rapport_customer_get_kind (customer), ==, RAPPORT_CUSTOMER_KIND_COMPANY);
  g_assert_cmpint (rapport_customer_get_stage (customer), ==, RAPPORT_STAGE_PROSPECT);
  g_assert_cmpint (rapport_customer_get_tier (customer), ==, RAPPORT_TIER_LEAD);
  g_assert_cmpint (rapport_customer_get_potential (customer), ==, RAPPORT_POTENTIAL_LOW);
  g_assert_nonnull (rapport_customer_get_phones (customer));
  g_assert_null (rapport_customer_get_phones (customer)[0]);
  g_assert_null (rapport_customer_get_tags (customer)[0]);
  g_assert_false (rapport_customer_get_birthday_lunar (customer));
  g_assert_cmpint (rapport_customer_get_deleted_at (customer), ==, 0);
  g_assert_cmpint (rapport_customer_get_last_interaction_at (customer), ==, 0);
}

static void
test_customer_notify (void)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  NotifyLog log = { g_ptr_array_new_with_free_func (g_free) };
  const char *phones[] = { "+8613800138000", NULL };
  const char *same_phones[] = { "+8613800138000", NULL };

  g_signal_connect (customer, "notify", G_CALLBACK (notified_cb), &log);

  rapport_customer_set_name (customer, "速阳有限公司");
  rapport_customer_set_name (customer, "速阳有限公司");
  rapport_customer_set_stage (customer, RAPPORT_STAGE_ACTIVE);
  rapport_customer_set_stage (customer, RAPPORT_STAGE_ACTIVE);
  rapport_customer_set_phones (customer, phones);
  rapport_customer_set_phones (customer, same_phones);
  rapport_customer_set_birthday_lunar (customer, TRUE);
  rapport_customer_set_birthday_lunar (customer, TRUE);
  rapport_customer_set_created_at (customer, 100);
  rapport_customer_set_created_at (customer, 100);
  rapport_customer_set_tags (customer, NULL);

  g_assert_cmpuint (log.names->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (log.names, 0), ==, "name");
  g_assert_cmpstr (g_ptr_array_index (log.names, 1), ==, "stage");
  g_assert_cmpstr (g_ptr_array_index (log.names, 2), ==, "phones");
  g_assert_cmpstr (g_ptr_array_index (log.names, 3), ==, "birthday-lunar");
  g_assert_cmpstr (g_ptr_array_index (log.names, 4), ==, "created-at");

  /* Strings are copied in. */
  phones[0] = "changed";
  g_assert_cmpstr (rapport_customer_get_phones (customer)[0], ==, "+8613800138000");

  g_ptr_array_unref (log.names);
}

static void
test_customer_properties (void)
{
  g_autoptr (RapportCustomer) customer = NULL;
  g_autofree char *name = NULL;
  g_auto (GStrv) tags = NULL;
  RapportTier tier;
  gint64 created_at;
  const char *set_tags[] = { "VIP", "苏州", NULL };

  customer = g_object_new (RAPPORT_TYPE_CUSTOMER,
                           "name", "Acme Trading",
                           "tier", RAPPORT_TIER_GOLD,
                           "tags", set_tags,
                           "created-at", (gint64) 1700000000,
                           NULL);

  g_object_get (customer,
                "name", &name,
                "tier", &tier,
                "tags", &tags,
                "created-at", &created_at,
                NULL);
  g_assert_cmpstr (name, ==, "Acme Trading");
  g_assert_cmpint (tier, ==, RAPPORT_TIER_GOLD);
  g_assert_cmpstrv (tags, set_tags);
  g_assert_cmpint (created_at, ==, 1700000000);
}

static void
test_customer_copy (void)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (RapportCustomer) copy = NULL;
  const char *emails[] = { "wang@example.com", "sales@example.com", NULL };

  rapport_customer_set_id (customer, 7);
  rapport_customer_set_uuid (customer, "0b0e7a2e-0000-4000-8000-000000000001");
  rapport_customer_set_code (customer, "SY001");
  rapport_customer_set_name (customer, "速阳有限公司");
  rapport_customer_set_kind (customer, RAPPORT_CUSTOMER_KIND_PERSON);
  rapport_customer_set_emails (customer, emails);
  rapport_customer_set_birthday (customer, "1980-02-29");
  rapport_customer_set_notes (customer, "<b>\"quoted\"</b> 100% '; DROP TABLE customers; --");
  rapport_customer_set_website (customer, "example.com");
  rapport_customer_set_deleted_at (customer, 12);

  copy = rapport_customer_copy (customer);
  g_assert_true (copy != customer);
  g_assert_cmpint (rapport_customer_get_id (copy), ==, 7);
  g_assert_cmpstr (rapport_customer_get_uuid (copy), ==, "0b0e7a2e-0000-4000-8000-000000000001");
  g_assert_cmpstr (rapport_customer_get_code (copy), ==, "SY001");
  g_assert_cmpstr (rapport_customer_get_name (copy), ==, "速阳有限公司");
  g_assert_cmpint (rapport_customer_get_kind (copy), ==, RAPPORT_CUSTOMER_KIND_PERSON);
  g_assert_cmpstrv (rapport_customer_get_emails (copy), emails);
  g_assert_cmpstr (rapport_customer_get_birthday (copy), ==, "1980-02-29");
  g_assert_cmpstr (rapport_customer_get_notes (copy), ==,
                   "<b>\"quoted\"</b> 100% '; DROP TABLE customers; --");
  g_assert_cmpstr (rapport_customer_get_website (copy), ==, "example.com");
  g_assert_cmpint (rapport_customer_get_deleted_at (copy), ==, 12);

  /* The copy is deep: changing it leaves the original alone. */
  rapport_customer_set_name (copy, "Other");
  rapport_customer_set_emails (copy, NULL);
  g_assert_cmpstr (rapport_customer_get_name (customer), ==, "速阳有限公司");
  g_assert_cmpstrv (rapport_customer_get_emails (customer), emails);

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&customer));
}

static void
test_contact (void)
{
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (RapportContact) copy = NULL;
  const char *phones[] = { "+8651266881234;ext=808", NULL };

  rapport_contact_set_customer_id (contact, 3);
  rapport_contact_set_name (contact, "曾小明");
  rapport_contact_set_title (contact, "经理");
  rapport_contact_set_phones (contact, phones);
  rapport_contact_set_is_primary (contact, TRUE);
  rapport_contact_set_birthday (contact, "1990-08-15");
  rapport_contact_set_birthday_lunar (contact, TRUE);

  copy = rapport_contact_copy (contact);
  g_assert_cmpint (rapport_contact_get_customer_id (copy), ==, 3);
  g_assert_cmpstr (rapport_contact_get_name (copy), ==, "曾小明");
  g_assert_cmpstr (rapport_contact_get_title (copy), ==, "经理");
  g_assert_cmpstrv (rapport_contact_get_phones (copy), phones);
  g_assert_null (rapport_contact_get_emails (copy)[0]);
  g_assert_true (rapport_contact_get_is_primary (copy));
  g_assert_true (rapport_contact_get_birthday_lunar (copy));
  g_assert_cmpstr (rapport_contact_get_birthday (copy), ==, "1990-08-15");
}

static void
test_interaction (void)
{
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();
  g_autoptr (RapportInteraction) copy = NULL;

  g_assert_cmpint (rapport_interaction_get_kind (interaction), ==, RAPPORT_INTERACTION_KIND_CALL);
  g_assert_cmpint (rapport_interaction_get_contact_id (interaction), ==, 0);

  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_VISIT);
  rapport_interaction_set_occurred_at (interaction, 1700000000);
  rapport_interaction_set_summary (interaction, "Visited the showroom");
  rapport_interaction_set_details (interaction, "Line one\nLine two");
  rapport_interaction_set_outcome (interaction, "Order next week");
  rapport_interaction_set_contact_id (interaction, 9);
  rapport_interaction_set_contact_name (interaction, "Wang");

  copy = rapport_interaction_copy (interaction);
  g_assert_cmpint (rapport_interaction_get_kind (copy), ==, RAPPORT_INTERACTION_KIND_VISIT);
  g_assert_cmpint (rapport_interaction_get_occurred_at (copy), ==, 1700000000);
  g_assert_cmpstr (rapport_interaction_get_summary (copy), ==, "Visited the showroom");
  g_assert_cmpstr (rapport_interaction_get_details (copy), ==, "Line one\nLine two");
  g_assert_cmpstr (rapport_interaction_get_outcome (copy), ==, "Order next week");
  g_assert_cmpint (rapport_interaction_get_contact_id (copy), ==, 9);
  g_assert_cmpstr (rapport_interaction_get_contact_name (copy), ==, "Wang");
}

static void
test_follow_up_defaults (void)
{
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();

  g_assert_cmpint (rapport_follow_up_get_id (follow_up), ==, 0);
  g_assert_null (rapport_follow_up_get_title (follow_up));
  g_assert_null (rapport_follow_up_get_time_zone (follow_up));
  g_assert_cmpint (rapport_follow_up_get_remind_before (follow_up), ==, RAPPORT_FOLLOW_UP_NO_REMINDER);
  g_assert_cmpint (rapport_follow_up_get_repeat_unit (follow_up), ==, RAPPORT_REPEAT_NONE);
  g_assert_cmpuint (rapport_follow_up_get_repeat_every (follow_up), ==, 0);
  g_assert_cmpint (rapport_follow_up_get_remind_at (follow_up), ==, 0);
  g_assert_false (rapport_follow_up_is_done (follow_up));

  rapport_follow_up_set_done_at (follow_up, 1700000000);
  g_assert_true (rapport_follow_up_is_done (follow_up));
}

/* Every property is a getter and setter pair: set through GObject, read
 * through the getter, notified once, copied deeply. */
static void
test_follow_up_properties (void)
{
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();
  g_autoptr (RapportFollowUp) copy = NULL;
  g_autofree char *title = g_strdup ("回电话：报价 Call back");
  NotifyLog log = { g_ptr_array_new_with_free_func (g_free) };
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  g_signal_connect (follow_up, "notify", G_CALLBACK (notified_cb), &log);

  g_object_set (follow_up,
                "id", (gint64) 7,
                "uuid", "0190a6a4-0000-7000-8000-000000000001",
                "customer-id", (gint64) 3,
                "customer-name", "华南贸易",
                "contact-id", (gint64) 5,
                "assignee-id", (gint64) 6,
                "title", title,
                "note", "Bring the samples",
                "due-local", "2026-03-29 09:00",
                "time-zone", "Europe/Berlin",
                "due-at", (gint64) 1774767600,
                "remind-before", 15,
                "remind-at", (gint64) 1774766700,
                "snoozed-until", (gint64) 11,
                "notified-at", (gint64) 12,
                "repeat-unit", RAPPORT_REPEAT_WEEKS,
                "repeat-every", 2u,
                "done-at", (gint64) 13,
                "revision", (gint64) 4,
                "created-at", (gint64) 14,
                "updated-at", (gint64) 15,
                "deleted-at", (gint64) 16,
                NULL);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (follow_up), &n_pspecs);
  g_assert_cmpuint (log.names->len, ==, n_pspecs);
  g_ptr_array_set_size (log.names, 0);

  /* Setting the same values again notifies nothing. */
  g_object_set (follow_up, "title", title, "revision", (gint64) 4, NULL);
  g_assert_cmpuint (log.names->len, ==, 0);

  /* The copy is deep: changing the original leaves it alone. */
  copy = rapport_follow_up_copy (follow_up);
  rapport_follow_up_set_title (follow_up, "Changed");
  rapport_follow_up_set_remind_before (follow_up, RAPPORT_FOLLOW_UP_NO_REMINDER);

  g_assert_cmpint (rapport_follow_up_get_id (copy), ==, 7);
  g_assert_cmpstr (rapport_follow_up_get_uuid (copy), ==, "0190a6a4-0000-7000-8000-000000000001");
  g_assert_cmpint (rapport_follow_up_get_customer_id (copy), ==, 3);
  g_assert_cmpstr (rapport_follow_up_get_customer_name (copy), ==, "华南贸易");
  g_assert_cmpint (rapport_follow_up_get_contact_id (copy), ==, 5);
  g_assert_cmpint (rapport_follow_up_get_assignee_id (copy), ==, 6);
  g_assert_cmpstr (rapport_follow_up_get_title (copy), ==, "回电话：报价 Call back");
  g_assert_cmpstr (rapport_follow_up_get_note (copy), ==, "Bring the samples");
  g_assert_cmpstr (rapport_follow_up_get_due_local (copy), ==, "2026-03-29 09:00");
  g_assert_cmpstr (rapport_follow_up_get_time_zone (copy), ==, "Europe/Berlin");
  g_assert_cmpint (rapport_follow_up_get_due_at (copy), ==, 1774767600);
  g_assert_cmpint (rapport_follow_up_get_remind_before (copy), ==, 15);
  g_assert_cmpint (rapport_follow_up_get_remind_at (copy), ==, 1774766700);
  g_assert_cmpint (rapport_follow_up_get_snoozed_until (copy), ==, 11);
  g_assert_cmpint (rapport_follow_up_get_notified_at (copy), ==, 12);
  g_assert_cmpint (rapport_follow_up_get_repeat_unit (copy), ==, RAPPORT_REPEAT_WEEKS);
  g_assert_cmpuint (rapport_follow_up_get_repeat_every (copy), ==, 2);
  g_assert_cmpint (rapport_follow_up_get_done_at (copy), ==, 13);
  g_assert_true (rapport_follow_up_is_done (copy));
  g_assert_cmpint (rapport_follow_up_get_revision (copy), ==, 4);
  g_assert_cmpint (rapport_follow_up_get_created_at (copy), ==, 14);
  g_assert_cmpint (rapport_follow_up_get_updated_at (copy), ==, 15);
  g_assert_cmpint (rapport_follow_up_get_deleted_at (copy), ==, 16);

  /* And the properties read back what the getters give. */
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) from_copy = G_VALUE_INIT;
      g_auto (GValue) again = G_VALUE_INIT;
      g_autoptr (RapportFollowUp) second = rapport_follow_up_copy (copy);

      g_object_get_property (G_OBJECT (copy), pspecs[i]->name, &from_copy);
      g_object_get_property (G_OBJECT (second), pspecs[i]->name, &again);
      g_assert_cmpint (g_param_values_cmp (pspecs[i], &from_copy, &again), ==, 0);
    }

  g_ptr_array_unref (log.names);
}

static void
test_order (void)
{
  g_autoptr (RapportOrder) order = rapport_order_new ();
  g_autoptr (RapportOrder) copy = NULL;

  rapport_order_set_ordered_on (order, "2025-10-06");
  rapport_order_set_amount (order, G_GINT64_CONSTANT (123450));
  rapport_order_set_currency (order, "CNY");
  rapport_order_set_description (order, "瓷砖 200 箱");
  rapport_order_set_customer_id (order, 5);

  copy = rapport_order_copy (order);
  g_assert_cmpstr (rapport_order_get_ordered_on (copy), ==, "2025-10-06");
  g_assert_cmpint (rapport_order_get_amount (copy), ==, 123450);
  g_assert_cmpstr (rapport_order_get_currency (copy), ==, "CNY");
  g_assert_cmpstr (rapport_order_get_description (copy), ==, "瓷砖 200 箱");
  g_assert_cmpint (rapport_order_get_customer_id (copy), ==, 5);
}

static void
test_tag (void)
{
  g_autoptr (RapportTag) tag = rapport_tag_new ();
  g_autoptr (RapportTag) copy = NULL;

  rapport_tag_set_name (tag, "VIP");
  rapport_tag_set_n_customers (tag, 12);
  copy = rapport_tag_copy (tag);
  g_assert_cmpstr (rapport_tag_get_name (copy), ==, "VIP");
  g_assert_cmpuint (rapport_tag_get_n_customers (copy), ==, 12);
}

static void
test_enums (void)
{
  RapportStage stage = RAPPORT_STAGE_LOST;
  RapportTier tier;
  RapportInteractionKind kind;
  RapportEntityKind entity;
  RapportCustomerKind customer_kind;
  RapportPotential potential;
  g_autoptr (GEnumClass) stage_class = g_type_class_ref (RAPPORT_TYPE_STAGE);

  g_assert_cmpstr (rapport_stage_to_string (RAPPORT_STAGE_PROSPECT), ==, "prospect");
  g_assert_true (rapport_stage_from_string ("dormant", &stage));
  g_assert_cmpint (stage, ==, RAPPORT_STAGE_DORMANT);
  g_assert_false (rapport_stage_from_string ("Dormant", &stage));
  g_assert_false (rapport_stage_from_string (NULL, &stage));
  g_assert_false (rapport_stage_from_string ("", &stage));
  g_assert_cmpint (stage, ==, RAPPORT_STAGE_DORMANT);
  g_assert_cmpstr (rapport_stage_get_label (RAPPORT_STAGE_ACTIVE), ==, "Active");

  /* The nicks of the registered type are the database keys. */
  for (guint i = 0; i < stage_class->n_values; i++)
    g_assert_cmpstr (stage_class->values[i].value_nick, ==,
                     rapport_stage_to_string (stage_class->values[i].value));

  for (RapportTier t = RAPPORT_TIER_PLATINUM; t <= RAPPORT_TIER_LEAD; t++)
    {
      g_assert_true (rapport_tier_from_string (rapport_tier_to_string (t), &tier));
      g_assert_cmpint (tier, ==, t);
      g_assert_nonnull (rapport_tier_get_label (t));
    }
  g_assert_cmpstr (rapport_tier_to_string (RAPPORT_TIER_LEAD), ==, "lead");
  g_assert_cmpstr (rapport_tier_get_label (RAPPORT_TIER_PLATINUM), ==, "Platinum");

  for (RapportInteractionKind k = RAPPORT_INTERACTION_KIND_CALL; k <= RAPPORT_INTERACTION_KIND_NOTE; k++)
    {
      g_assert_true (rapport_interaction_kind_from_string (rapport_interaction_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_true (g_str_has_suffix (rapport_interaction_kind_get_icon_name (k), "-symbolic"));
    }
  g_assert_cmpstr (rapport_interaction_kind_to_string (RAPPORT_INTERACTION_KIND_EMAIL), ==, "email");
  g_assert_cmpstr (rapport_interaction_kind_get_label (RAPPORT_INTERACTION_KIND_EMAIL), ==, "E-mail");

  g_assert_true (rapport_entity_kind_from_string ("order", &entity));
  g_assert_cmpint (entity, ==, RAPPORT_ENTITY_KIND_ORDER);
  g_assert_cmpstr (rapport_entity_kind_to_string (RAPPORT_ENTITY_KIND_USER), ==, "user");
  g_assert_true (rapport_entity_kind_from_string ("follow-up", &entity));
  g_assert_cmpint (entity, ==, RAPPORT_ENTITY_KIND_FOLLOW_UP);
  g_assert_cmpstr (rapport_entity_kind_get_label (RAPPORT_ENTITY_KIND_FOLLOW_UP), ==, "Follow-up");
  g_assert_true (rapport_entity_kind_from_string ("greeting-rule", &entity));
  g_assert_cmpint (entity, ==, RAPPORT_ENTITY_KIND_GREETING_RULE);
  g_assert_cmpstr (rapport_entity_kind_get_label (RAPPORT_ENTITY_KIND_ACCOUNT), ==, "Account");
  {
    RapportChannel channel;
    RapportMessageState state;

    g_assert_true (rapport_channel_from_string ("sms", &channel));
    g_assert_cmpint (channel, ==, RAPPORT_CHANNEL_SMS);
    g_assert_false (rapport_channel_from_string ("fax", &channel));
    g_assert_cmpstr (rapport_channel_get_label (RAPPORT_CHANNEL_MAIL), ==, "E-mail");
    for (RapportMessageState s = RAPPORT_MESSAGE_STATE_REVIEW; s <= RAPPORT_MESSAGE_STATE_CANCELLED; s++)
      {
        g_assert_true (rapport_message_state_from_string (rapport_message_state_to_string (s), &state));
        g_assert_cmpint (state, ==, s);
      }
    g_assert_cmpstr (rapport_message_state_to_string (RAPPORT_MESSAGE_STATE_UNKNOWN), ==, "unknown");
    g_assert_cmpstr (rapport_message_state_get_label (RAPPORT_MESSAGE_STATE_REVIEW), ==, "To Review");
  }
  g_assert_true (rapport_customer_kind_from_string ("person", &customer_kind));
  g_assert_cmpint (customer_kind, ==, RAPPORT_CUSTOMER_KIND_PERSON);
  g_assert_true (rapport_potential_from_string ("high", &potential));
  g_assert_cmpint (potential, ==, RAPPORT_POTENTIAL_HIGH);
  g_assert_cmpstr (rapport_customer_kind_get_label (RAPPORT_CUSTOMER_KIND_COMPANY), ==, "Company");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/entities/customer-defaults", test_customer_defaults);
  g_test_add_func ("/core/entities/customer-notify", test_customer_notify);
  g_test_add_func ("/core/entities/customer-properties", test_customer_properties);
  g_test_add_func ("/core/entities/customer-copy", test_customer_copy);
  g_test_add_func ("/core/entities/contact", test_contact);
  g_test_add_func ("/core/entities/interaction", test_interaction);
  g_test_add_func ("/core/entities/follow-up-defaults", test_follow_up_defaults);
  g_test_add_func ("/core/entities/follow-up-properties", test_follow_up_properties);
  g_test_add_func ("/core/entities/order", test_order);
  g_test_add_func ("/core/entities/tag", test_tag);
  g_test_add_func ("/core/entities/enums", test_enums);

  return g_test_run ();
}
