/* test-outreach.c
 *
 * Rendering one template for many recipients and queuing the result: each
 * placeholder filled from its recipient, the address of the channel chosen,
 * do-not-contact and missing addresses and values skipped with the reason,
 * a template with a syntax problem refused whole, and the unsubscribe notice
 * on marketing SMS (once, whether composed or rendered).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-outreach.h"
#include "rapport-sms-text.h"
#include "rapport-template.h"
#include "test-utils.h"

static RapportRecipient *
recipient (gint64      customer_id,
           const char *name,
           const char *contact,
           const char *email,
           const char *phone)
{
  RapportRecipient *r = g_new0 (RapportRecipient, 1);

  r->customer_id = customer_id;
  r->name = g_strdup (name);
  r->contact_name = g_strdup (contact);
  r->company = g_strdup (contact != NULL ? name : NULL);
  r->code = g_strdup_printf ("C%04" G_GINT64_FORMAT, customer_id);
  r->owner = g_strdup ("陈经理");
  r->email = g_strdup (email);
  r->phone = g_strdup (phone);
  return r;
}

static GPtrArray *
book (void)
{
  GPtrArray *recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_recipient_free);
  RapportRecipient *refused;

  g_ptr_array_add (recipients, recipient (1, "速阳贸易", "王芳", "wangfang@example.com", "+8613800138000"));
  g_ptr_array_add (recipients, recipient (2, "李雷", NULL, NULL, "+8613900139000"));
  refused = recipient (3, "韩梅梅", NULL, "han@example.com", "+8613700137000");
  refused->do_not_contact = TRUE;
  refused->do_not_contact_reason = g_strdup ("不需要推广");
  g_ptr_array_add (recipients, refused);
  return recipients;
}

static RapportDatabase *
open_memory (void)
{
  g_autoptr (GError) error = NULL;
  RapportDatabase *db = rapport_database_open (":memory:", RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);

  g_assert_no_error (error);
  return db;
}

static void
test_render_mail (void)
{
  g_autoptr (RapportDatabase) db = open_memory ();
  g_autoptr (GPtrArray) recipients = book ();
  g_autoptr (GPtrArray) skipped = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GDateTime) today = g_date_time_new_local (2027, 2, 6, 9, 30, 0);
  g_autoptr (GError) error = NULL;
  RapportMessage *message;
  RapportOutreachSkip *skip;

  messages = rapport_outreach_render (db, RAPPORT_CHANNEL_MAIL, "{holiday}快乐, {company}",
                                      "{contact}您好：{owner}祝您{holiday}快乐（{code}，{date}）",
                                      recipients, TRUE, "春节", today, &skipped, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (messages->len, ==, 1);
  message = g_ptr_array_index (messages, 0);
  g_assert_cmpint (rapport_message_get_customer_id (message), ==, 1);
  g_assert_cmpstr (rapport_message_get_recipient (message), ==, "wangfang@example.com");
  g_assert_cmpstr (rapport_message_get_recipient_name (message), ==, "王芳");
  g_assert_cmpstr (rapport_message_get_subject (message), ==, "春节快乐, 速阳贸易");
  g_assert_cmpstr (rapport_message_get_body (message), ==, "王芳您好：陈经理祝您春节快乐（C0001，2027-02-06）");
  g_assert_cmpint (rapport_message_get_state (message), ==, RAPPORT_MESSAGE_STATE_QUEUED);

  /* 李雷 has no address; 韩梅梅 asked not to be contacted. */
  g_assert_cmpuint (skipped->len, ==, 2);
  skip = g_ptr_array_index (skipped, 0);
  g_assert_cmpint (skip->recipient->customer_id, ==, 2);
  g_assert_cmpstr (skip->reason, ==, "No e-mail address");
  skip = g_ptr_array_index (skipped, 1);
  g_assert_cmpint (skip->recipient->customer_id, ==, 3);
  g_assert_cmpstr (skip->reason, ==, "Does not want messages: 不需要推广");
}

static void
test_missing_value (void)
{
  g_autoptr (RapportDatabase) db = open_memory ();
  g_autoptr (GPtrArray) recipients = book ();
  g_autoptr (GPtrArray) skipped = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GDateTime) today = g_date_time_new_local (2027, 2, 6, 9, 30, 0);
  g_autoptr (GError) error = NULL;
  RapportOutreachSkip *skip;

  /* SMS: 李雷 has a phone but no contact person. Never sent half-filled. */
  messages = rapport_outreach_render (db, RAPPORT_CHANNEL_SMS, NULL, "{contact}您好",
                                      recipients, FALSE, NULL, today, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpstr (rapport_message_get_recipient (g_ptr_array_index (messages, 0)), ==, "+8613800138000");
  g_assert_cmpstr (rapport_message_get_body (g_ptr_array_index (messages, 0)), ==, "王芳您好");
  g_assert_cmpuint (skipped->len, ==, 2);
  skip = g_ptr_array_index (skipped, 0);
  g_assert_cmpint (skip->recipient->customer_id, ==, 2);
  g_assert_cmpstr (skip->reason, ==, "There is no value for “{contact}”");
}

static void
test_bad_template (void)
{
  g_autoptr (RapportDatabase) db = open_memory ();
  g_autoptr (GPtrArray) recipients = book ();
  g_autoptr (GPtrArray) skipped = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GDateTime) today = g_date_time_new_local (2027, 2, 6, 9, 30, 0);
  g_autoptr (GError) error = NULL;

  messages = rapport_outreach_render (db, RAPPORT_CHANNEL_MAIL, "Hi", "{name 您好",
                                      recipients, FALSE, NULL, today, &skipped, &error);
  g_assert_error (error, RAPPORT_TEMPLATE_ERROR, RAPPORT_TEMPLATE_ERROR_INVALID);
  g_assert_null (messages);
  g_assert_null (skipped);
}

static void
test_marketing_sms (void)
{
  g_autoptr (RapportDatabase) db = open_memory ();
  g_autoptr (GPtrArray) recipients = book ();
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GDateTime) today = g_date_time_new_local (2027, 2, 6, 9, 30, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportMessage) composed = rapport_message_new ();
  g_autoptr (RapportMessage) own = rapport_message_new ();
  g_autoptr (RapportMessage) personal = rapport_message_new ();

  messages = rapport_outreach_render (db, RAPPORT_CHANNEL_SMS, NULL, "{name}：新品上市。",
                                      recipients, TRUE, NULL, today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpstr (rapport_message_get_body (g_ptr_array_index (messages, 0)), ==, "速阳贸易：新品上市。拒收请回复R");

  /* Prepared again at queue time: still once. */
  rapport_outreach_prepare_message (g_ptr_array_index (messages, 0));
  g_assert_cmpstr (rapport_message_get_body (g_ptr_array_index (messages, 0)), ==, "速阳贸易：新品上市。拒收请回复R");

  /* Composed one by one: the same rule; the user's own wording kept; not
   * on a personal message or on mail. */
  rapport_message_set_channel (composed, RAPPORT_CHANNEL_SMS);
  rapport_message_set_is_marketing (composed, TRUE);
  rapport_message_set_body (composed, "周末特惠");
  rapport_outreach_prepare_message (composed);
  g_assert_cmpstr (rapport_message_get_body (composed), ==, "周末特惠 拒收请回复R");

  rapport_message_set_channel (own, RAPPORT_CHANNEL_SMS);
  rapport_message_set_is_marketing (own, TRUE);
  rapport_message_set_body (own, "周末特惠，拒收请回复 r");
  rapport_outreach_prepare_message (own);
  g_assert_cmpstr (rapport_message_get_body (own), ==, "周末特惠，拒收请回复 r");

  rapport_message_set_channel (personal, RAPPORT_CHANNEL_SMS);
  rapport_message_set_body (personal, "明天见");
  rapport_outreach_prepare_message (personal);
  g_assert_cmpstr (rapport_message_get_body (personal), ==, "明天见");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outreach/render-mail", test_render_mail);
  g_test_add_func ("/outreach/missing-value", test_missing_value);
  g_test_add_func ("/outreach/bad-template", test_bad_template);
  g_test_add_func ("/outreach/marketing-sms", test_marketing_sms);

  return g_test_run ();
}
