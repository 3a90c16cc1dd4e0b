/* test-greetings.c
 *
 * Message templates and greeting rules: validation, round trips (the
 * audience through its JSON), lists, trash and restore, enable and delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-entity.h"
#include "store-test-helpers.h"

static RapportMessageTemplate *
new_template (const char     *name,
              RapportChannel  channel,
              const char     *body)
{
  RapportMessageTemplate *template = rapport_message_template_new ();

  rapport_message_template_set_name (template, name);
  rapport_message_template_set_channel (template, channel);
  rapport_message_template_set_subject (template, channel == RAPPORT_CHANNEL_MAIL ? "Greetings" : NULL);
  rapport_message_template_set_body (template, body);

  return template;
}

static void
test_templates (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportMessageTemplate) mail = new_template ("  New Year  ", RAPPORT_CHANNEL_MAIL, "Dear {name}");
  g_autoptr (RapportMessageTemplate) sms = new_template ("Birthday", RAPPORT_CHANNEL_SMS, "{name}，生日快乐！");
  g_autoptr (RapportMessageTemplate) nameless = new_template (" ", RAPPORT_CHANNEL_SMS, "x");
  g_autoptr (RapportMessageTemplate) empty = new_template ("Empty", RAPPORT_CHANNEL_SMS, " \n");
  g_autoptr (RapportMessageTemplate) read = NULL;
  g_autoptr (GListModel) list = NULL;

  g_assert_false (rapport_store_insert_template (fixture->db, nameless, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_insert_template (fixture->db, empty, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_insert_template (fixture->db, mail, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_TEMPLATE, rapport_message_template_get_id (mail),
                  RAPPORT_CHANGE_INSERTED);
  g_assert_true (rapport_store_insert_template (fixture->db, sms, &error));
  g_assert_cmpstr (rapport_message_template_get_name (mail), ==, "New Year");

  read = rapport_store_get_template (fixture->db, rapport_message_template_get_id (sms), &error);
  g_assert_no_error (error);
  g_assert_true (rapport_entity_equal (read, sms));

  rapport_message_template_set_body (read, "{name}，祝您生日快乐！");
  rapport_clock_advance (fixture->clock, 10);
  g_assert_true (rapport_store_update_template (fixture->db, read, &error));
  g_assert_no_error (error);
  g_clear_object (&sms);
  sms = rapport_store_get_template (fixture->db, rapport_message_template_get_id (read), &error);
  g_assert_cmpstr (rapport_message_template_get_body (sms), ==, "{name}，祝您生日快乐！");
  g_assert_cmpint (rapport_message_template_get_updated_at (sms), ==, TEST_NOW + 10);

  list = rapport_store_list_templates (fixture->db, RAPPORT_STORE_ANY_CHANNEL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_clear_object (&list);
  list = rapport_store_list_templates (fixture->db, RAPPORT_CHANNEL_SMS, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_trash_template (fixture->db, rapport_message_template_get_id (sms), &error));
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_TEMPLATE, rapport_message_template_get_id (sms),
                  RAPPORT_CHANGE_TRASHED);
  /* Again: nothing happens. */
  g_assert_true (rapport_store_trash_template (fixture->db, rapport_message_template_get_id (sms), &error));
  assert_changes (fixture, 0);
  list = rapport_store_list_templates (fixture->db, RAPPORT_CHANNEL_SMS, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);

  g_assert_true (rapport_store_restore_template (fixture->db, rapport_message_template_get_id (sms), &error));
  g_assert_no_error (error);
  list = rapport_store_list_templates (fixture->db, RAPPORT_CHANNEL_SMS, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  g_assert_false (rapport_store_trash_template (fixture->db, 999, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static RapportGreetingRule *
new_rule (const char          *name,
          RapportGreetingKind  kind)
{
  RapportGreetingRule *rule = rapport_greeting_rule_new ();

  rapport_greeting_rule_set_name (rule, name);
  rapport_greeting_rule_set_kind (rule, kind);
  rapport_greeting_rule_set_channel (rule, RAPPORT_CHANNEL_SMS);
  rapport_greeting_rule_set_send_time (rule, "09:00");

  return rule;
}

static void
assert_rule_invalid (Fixture             *fixture,
                     RapportGreetingRule *rule)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rapport_store_insert_greeting_rule (fixture->db, rule, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_cmpint (rapport_greeting_rule_get_id (rule), ==, 0);
}

static void
test_rule_validation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (RapportGreetingRule) rule = NULL;
  const char * const bad_times[] = { "9:00", "24:00", "09:60", "0900", "", "09:00:00" };
  const char * const bad_days[] = { "02-30", "13-01", "2-1", "", "00-10" };

  rule = new_rule (" ", RAPPORT_GREETING_KIND_BIRTHDAY);
  assert_rule_invalid (fixture, rule);
  g_clear_object (&rule);

  for (guint i = 0; i < G_N_ELEMENTS (bad_times); i++)
    {
      rule = new_rule ("Birthdays", RAPPORT_GREETING_KIND_BIRTHDAY);
      rapport_greeting_rule_set_send_time (rule, bad_times[i]);
      assert_rule_invalid (fixture, rule);
      g_clear_object (&rule);
    }

  rule = new_rule ("Birthdays", RAPPORT_GREETING_KIND_BIRTHDAY);
  rapport_greeting_rule_set_lead_days (rule, 31);
  assert_rule_invalid (fixture, rule);
  g_clear_object (&rule);

  rule = new_rule ("Quarterly", RAPPORT_GREETING_KIND_PERIODIC);
  assert_rule_invalid (fixture, rule);
  rapport_greeting_rule_set_every_months (rule, 61);
  assert_rule_invalid (fixture, rule);
  g_clear_object (&rule);

  for (guint i = 0; i < G_N_ELEMENTS (bad_days); i++)
    {
      rule = new_rule ("Anniversary", RAPPORT_GREETING_KIND_DATE);
      rapport_greeting_rule_set_month_day (rule, bad_days[i]);
      assert_rule_invalid (fixture, rule);
      g_clear_object (&rule);
    }

  rule = new_rule ("Festival", RAPPORT_GREETING_KIND_HOLIDAY);
  rapport_greeting_rule_set_holiday (rule, " ");
  assert_rule_invalid (fixture, rule);
  g_clear_object (&rule);

  /* The edges are fine. */
  {
    g_autoptr (GError) error = NULL;

    rule = new_rule ("Leap day", RAPPORT_GREETING_KIND_DATE);
    rapport_greeting_rule_set_month_day (rule, "02-29");
    rapport_greeting_rule_set_send_time (rule, "23:59");
    rapport_greeting_rule_set_lead_days (rule, 30);
    g_assert_true (rapport_store_insert_greeting_rule (fixture->db, rule, &error));
    g_assert_no_error (error);
  }
}

static void
test_rule_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportMessageTemplate) template = new_template ("Care", RAPPORT_CHANNEL_SMS, "{name}，您好");
  g_autoptr (RapportGreetingRule) rule = new_rule ("Spring Festival", RAPPORT_GREETING_KIND_HOLIDAY);
  g_autoptr (RapportGreetingRule) read = NULL;
  g_autoptr (RapportGreetingRule) other = new_rule ("Birthdays", RAPPORT_GREETING_KIND_BIRTHDAY);
  g_autoptr (RapportAudience) audience = rapport_audience_new ();
  g_autoptr (GListModel) list = NULL;
  const char *tiers[] = { "gold", "platinum", NULL };
  gint64 id;

  g_assert_true (rapport_store_insert_template (fixture->db, template, &error));
  audience->tiers = g_strdupv ((char **) tiers);
  rapport_audience_add_tag_id (audience, 4);
  audience->include_contacts = TRUE;

  rapport_greeting_rule_set_holiday (rule, "spring-festival");
  rapport_greeting_rule_set_month_day (rule, "01-01");
  rapport_greeting_rule_set_template_id (rule, rapport_message_template_get_id (template));
  rapport_greeting_rule_set_audience (rule, audience);
  rapport_greeting_rule_set_lead_days (rule, 1);
  rapport_greeting_rule_set_review_first (rule, FALSE);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_insert_greeting_rule (fixture->db, rule, &error));
  g_assert_no_error (error);
  id = rapport_greeting_rule_get_id (rule);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_GREETING_RULE, id, RAPPORT_CHANGE_INSERTED);

  read = rapport_store_get_greeting_rule (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_greeting_rule_get_holiday (read), ==, "spring-festival");
  /* Not a date rule: no date kept. */
  g_assert_null (rapport_greeting_rule_get_month_day (read));
  g_assert_true (rapport_audience_equal (rapport_greeting_rule_get_audience (read), audience));
  g_assert_false (rapport_greeting_rule_get_review_first (read));
  g_assert_true (rapport_greeting_rule_get_enabled (read));
  rapport_greeting_rule_set_month_day (rule, NULL);
  g_assert_true (rapport_entity_equal (read, rule));

  /* Update; then disabled, it leaves the enabled list. */
  rapport_greeting_rule_set_kind (read, RAPPORT_GREETING_KIND_PERIODIC);
  rapport_greeting_rule_set_every_months (read, 3);
  g_assert_true (rapport_store_update_greeting_rule (fixture->db, read, &error));
  g_assert_no_error (error);
  g_clear_object (&rule);
  rule = rapport_store_get_greeting_rule (fixture->db, id, &error);
  g_assert_cmpint (rapport_greeting_rule_get_kind (rule), ==, RAPPORT_GREETING_KIND_PERIODIC);
  g_assert_cmpuint (rapport_greeting_rule_get_every_months (rule), ==, 3);
  g_assert_null (rapport_greeting_rule_get_holiday (rule));

  g_assert_true (rapport_store_insert_greeting_rule (fixture->db, other, &error));
  g_assert_true (rapport_store_set_greeting_rule_enabled (fixture->db, id, FALSE, &error));
  g_assert_no_error (error);
  list = rapport_store_list_greeting_rules (fixture->db, TRUE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);
  list = rapport_store_list_greeting_rules (fixture->db, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_clear_object (&list);

  /* Deleted for good; its queued messages stay, without a rule. */
  {
    g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
    RapportMessage *message = rapport_message_new ();
    g_autoptr (RapportMessage) kept = NULL;

    rapport_message_set_channel (message, RAPPORT_CHANNEL_SMS);
    rapport_message_set_recipient (message, "13800138000");
    rapport_message_set_body (message, "Hi");
    rapport_message_set_rule_id (message, id);
    g_ptr_array_add (batch, message);
    g_assert_true (rapport_store_queue_messages (fixture->db, batch, NULL, &error));
    g_assert_no_error (error);

    g_assert_true (rapport_store_delete_greeting_rule (fixture->db, id, &error));
    g_assert_no_error (error);
    kept = rapport_store_get_message (fixture->db, rapport_message_get_id (message), &error);
    g_assert_no_error (error);
    g_assert_cmpint (rapport_message_get_rule_id (kept), ==, 0);
  }
  g_assert_null (rapport_store_get_greeting_rule (fixture->db, id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rapport_store_set_greeting_rule_enabled (fixture->db, id, TRUE, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/greetings/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("templates", test_templates);
  ADD ("rule-validation", test_rule_validation);
  ADD ("rule-round-trip", test_rule_round_trip);

  return g_test_run ();
}
