/* test-customer-form.c
 *
 * The editors' form logic, without a display: which message shows next to
 * which field, and whether Save may be pressed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rapport-customer-form.h"

static RapportCustomerFormState
customer_state (const char         *name,
                const char         *code,
                const char * const *phones,
                const char * const *emails)
{
  RapportCustomerFormValues values = {
    .name = name,
    .code = code,
    .phones = phones,
    .emails = emails,
    .default_country_code = "86",
  };

  return rapport_customer_form_state_from_values (&values);
}

static void
test_customer_valid (void)
{
  const char *phones[] = { "138 0013 8000", "0512-6688 1234 转 808", "", NULL };
  const char *emails[] = { "Wang@Example.COM ", NULL };
  g_auto (RapportCustomerFormState) state = customer_state ("速阳有限公司", "SY001", phones, emails);

  g_assert_true (state.valid);
  g_assert_true (state.save_enabled);
  g_assert_null (state.name_error);
  g_assert_null (state.code_error);
  /* The blank third phone is ignored, not an error. */
  g_assert_cmpuint (state.phone_errors->len, ==, 3);
  g_assert_null (g_ptr_array_index (state.phone_errors, 2));
  g_assert_cmpuint (g_strv_length (state.phones), ==, 2);
  g_assert_cmpstr (state.phones[0], ==, "+8613800138000");
  g_assert_cmpstr (state.phones[1], ==, "+8651266881234;ext=808");
  g_assert_cmpuint (g_strv_length (state.emails), ==, 1);
  g_assert_cmpstr (state.emails[0], ==, "wang@example.com");
}

static void
test_customer_empty_name (void)
{
  g_auto (RapportCustomerFormState) blank = customer_state ("", NULL, NULL, NULL);
  g_auto (RapportCustomerFormState) spaces = customer_state ("   ", NULL, NULL, NULL);

  g_assert_false (blank.valid);
  g_assert_false (blank.save_enabled);
  g_assert_nonnull (blank.name_error);
  g_assert_cmpstr (blank.name_error, !=, "");
  g_assert_false (spaces.save_enabled);
  g_assert_nonnull (spaces.name_error);
}

static void
test_customer_long_name (void)
{
  g_autofree char *name = g_strnfill (10000, 'a');
  g_auto (RapportCustomerFormState) state = customer_state (name, NULL, NULL, NULL);

  g_assert_false (state.save_enabled);
  g_assert_nonnull (state.name_error);
}

static void
test_customer_emoji_mixed_scripts (void)
{
  g_auto (RapportCustomerFormState) emoji = customer_state ("🍜 面馆 Noodle Bar", NULL, NULL, NULL);
  g_auto (RapportCustomerFormState) mixed = customer_state ("Müller 王 Ωmega Трейд", NULL, NULL, NULL);

  g_assert_true (emoji.save_enabled);
  g_assert_null (emoji.name_error);
  g_assert_true (mixed.save_enabled);
  g_assert_null (mixed.name_error);
}

static void
test_customer_bad_phone (void)
{
  const char *phones[] = { "13800138000", "call me maybe", NULL };
  g_auto (RapportCustomerFormState) state = customer_state ("Acme Trading", NULL, phones, NULL);

  g_assert_false (state.save_enabled);
  g_assert_null (g_ptr_array_index (state.phone_errors, 0));
  g_assert_nonnull (g_ptr_array_index (state.phone_errors, 1));
}

static void
test_customer_bad_email (void)
{
  const char *emails[] = { "anna.example.com", NULL };
  g_auto (RapportCustomerFormState) state = customer_state ("Acme Trading", NULL, NULL, emails);

  g_assert_false (state.save_enabled);
  g_assert_nonnull (g_ptr_array_index (state.email_errors, 0));
}

static void
test_customer_bad_code (void)
{
  g_auto (RapportCustomerFormState) bad = customer_state ("Acme Trading", "A B!", NULL, NULL);
  g_auto (RapportCustomerFormState) empty = customer_state ("Acme Trading", "", NULL, NULL);

  g_assert_false (bad.save_enabled);
  g_assert_nonnull (bad.code_error);
  /* An empty code is proposed by the store on save. */
  g_assert_true (empty.save_enabled);
  g_assert_null (empty.code_error);
}

static void
test_customer_code_taken (void)
{
  RapportCustomerFormValues values = {
    .name = "Acme Trading",
    .code = "SY001",
    .code_taken_by = "速阳有限公司",
  };
  g_auto (RapportCustomerFormState) state = rapport_customer_form_state_from_values (&values);

  g_assert_false (state.save_enabled);
  g_assert_nonnull (state.code_error);
  g_assert_nonnull (strstr (state.code_error, "速阳有限公司"));
}

static void
test_customer_bad_birthday_and_website (void)
{
  RapportCustomerFormValues values = {
    .name = "Acme Trading",
    .birthday = "2026-02-30",
    .website = "not a website",
  };
  g_auto (RapportCustomerFormState) state = rapport_customer_form_state_from_values (&values);

  g_assert_false (state.save_enabled);
  g_assert_nonnull (state.birthday_error);
  g_assert_nonnull (state.website_error);
}

static void
test_contact (void)
{
  const char *phones[] = { "+86 13800138000", NULL };
  const char *bad_emails[] = { "li@", NULL };
  RapportContactFormValues ok_values = { .name = "李经理", .phones = phones, .default_country_code = "86" };
  RapportContactFormValues bad_values = { .name = "", .emails = bad_emails, .default_country_code = "86" };
  g_auto (RapportContactFormState) ok = rapport_contact_form_state_from_values (&ok_values);
  g_auto (RapportContactFormState) bad = rapport_contact_form_state_from_values (&bad_values);

  g_assert_true (ok.save_enabled);
  g_assert_cmpstr (ok.phones[0], ==, "+8613800138000");
  g_assert_false (bad.save_enabled);
  g_assert_nonnull (bad.name_error);
  g_assert_nonnull (g_ptr_array_index (bad.email_errors, 0));
}

static void
test_order_amounts (void)
{
  RapportOrderFormValues values = { .date = "2026-03-18", .amount = "1,280.50", .currency = "CNY" };
  g_auto (RapportOrderFormState) ok = rapport_order_form_state_from_values (&values);
  g_auto (RapportOrderFormState) letters = { 0 };
  g_auto (RapportOrderFormState) negative = { 0 };
  g_auto (RapportOrderFormState) bad_date = { 0 };

  g_assert_true (ok.save_enabled);
  g_assert_cmpint (ok.amount, ==, 128050);

  values.amount = "abc";
  letters = rapport_order_form_state_from_values (&values);
  g_assert_false (letters.save_enabled);
  g_assert_cmpstr (letters.amount_error, ==, "Enter an amount, like 1,280.00");

  values.amount = "-1";
  negative = rapport_order_form_state_from_values (&values);
  g_assert_false (negative.save_enabled);
  g_assert_nonnull (negative.amount_error);
  g_assert_cmpstr (negative.amount_error, !=, "Enter an amount, like 1,280.00");

  values.amount = "10";
  values.date = "2026-13-01";
  bad_date = rapport_order_form_state_from_values (&values);
  g_assert_false (bad_date.save_enabled);
  g_assert_nonnull (bad_date.date_error);
  g_assert_null (bad_date.amount_error);
}

static void
test_interaction (void)
{
  RapportInteractionFormValues values = { .summary = "Called about the tiles", .date = "2026-03-18", .time = "09:05" };
  g_auto (RapportInteractionFormState) ok = rapport_interaction_form_state_from_values (&values);
  g_auto (RapportInteractionFormState) no_summary = { 0 };
  g_auto (RapportInteractionFormState) bad_time = { 0 };
  g_auto (RapportInteractionFormState) bad_date = { 0 };

  g_assert_true (ok.save_enabled);
  /* TZ is Asia/Shanghai in the test environment: 09:05 there is 01:05 UTC. */
  g_assert_cmpint (ok.occurred_at, ==, 1773795900);

  values.summary = " ";
  no_summary = rapport_interaction_form_state_from_values (&values);
  g_assert_false (no_summary.save_enabled);
  g_assert_nonnull (no_summary.summary_error);

  values.summary = "ok";
  values.time = "25:00";
  bad_time = rapport_interaction_form_state_from_values (&values);
  g_assert_false (bad_time.save_enabled);
  g_assert_nonnull (bad_time.time_error);

  values.time = "10:00";
  values.date = "yesterday";
  bad_date = rapport_interaction_form_state_from_values (&values);
  g_assert_false (bad_date.save_enabled);
  g_assert_nonnull (bad_date.date_error);
}

static void
test_split_tags (void)
{
  g_auto (GStrv) tags = rapport_form_split_tags (" VIP, 老客户，vip , VIP,,建材、 ");

  g_assert_cmpuint (g_strv_length (tags), ==, 4);
  g_assert_cmpstr (tags[0], ==, "VIP");
  g_assert_cmpstr (tags[1], ==, "老客户");
  g_assert_cmpstr (tags[2], ==, "vip");
  g_assert_cmpstr (tags[3], ==, "建材");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/customer-form/valid", test_customer_valid);
  g_test_add_func ("/ui/customer-form/empty-name", test_customer_empty_name);
  g_test_add_func ("/ui/customer-form/long-name", test_customer_long_name);
  g_test_add_func ("/ui/customer-form/emoji-mixed-scripts", test_customer_emoji_mixed_scripts);
  g_test_add_func ("/ui/customer-form/bad-phone", test_customer_bad_phone);
  g_test_add_func ("/ui/customer-form/bad-email", test_customer_bad_email);
  g_test_add_func ("/ui/customer-form/bad-code", test_customer_bad_code);
  g_test_add_func ("/ui/customer-form/code-taken", test_customer_code_taken);
  g_test_add_func ("/ui/customer-form/bad-birthday-website", test_customer_bad_birthday_and_website);
  g_test_add_func ("/ui/customer-form/contact", test_contact);
  g_test_add_func ("/ui/customer-form/order-amounts", test_order_amounts);
  g_test_add_func ("/ui/customer-form/interaction", test_interaction);
  g_test_add_func ("/ui/customer-form/split-tags", test_split_tags);

  return g_test_run ();
}
