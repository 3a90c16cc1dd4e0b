/* test-phone.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rapport-phone.h"
#include "rapport-validation.h"

static void
assert_normalizes (const char *input,
                   const char *country,
                   const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *again = NULL;

  if (!rapport_phone_normalize (input, country, &normalized, &error))
    g_error ("“%s” did not normalise: %s", input, error->message);
  g_assert_cmpstr (normalized, ==, expected);

  /* Normalising is idempotent, whatever the default country. */
  g_assert_true (rapport_phone_normalize (normalized, "44", &again, NULL));
  g_assert_cmpstr (again, ==, expected);
}

static void
assert_rejects (const char *input,
                const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *normalized = NULL;

  g_assert_false (rapport_phone_normalize (input, "86", &normalized, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PHONE);
  g_assert_null (normalized);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” gave “%s”, expected it to mention “%s”", input, error->message, message_part);
}

static void
test_phone_chinese_mobile (void)
{
  assert_normalizes ("138 0013 8000", "86", "+8613800138000");
  assert_normalizes ("13800138000", NULL, "+8613800138000");
  assert_normalizes ("+86 13800138000", "86", "+8613800138000");
  assert_normalizes ("+86 138-0013-8000", "1", "+8613800138000");
  assert_normalizes ("0086 138 0013 8000", "86", "+8613800138000");
  assert_normalizes ("008613800138000", "44", "+8613800138000");
  assert_normalizes ("8613800138000", "86", "+8613800138000");
  assert_normalizes ("１３８００１３８０００", "86", "+8613800138000");
  assert_normalizes ("＋８６ １３８ ００１３ ８０００", "86", "+8613800138000");
  assert_normalizes ("  138.0013.8000  ", "86", "+8613800138000");
}

static void
test_phone_chinese_landline (void)
{
  assert_normalizes ("0512-6688 1234 转 808", "86", "+8651266881234;ext=808");
  assert_normalizes ("0512-66881234转808", "86", "+8651266881234;ext=808");
  assert_normalizes ("0512 6688 1234 分机 808", "86", "+8651266881234;ext=808");
  assert_normalizes ("0512 6688 1234 分机号808", "86", "+8651266881234;ext=808");
  assert_normalizes ("0512 6688 1234 ext 808", "86", "+8651266881234;ext=808");
  assert_normalizes ("0512 6688 1234 Ext. 808", "86", "+8651266881234;ext=808");
  assert_normalizes ("0512 6688 1234 x808", "86", "+8651266881234;ext=808");
  assert_normalizes ("0512 6688 1234#808", "86", "+8651266881234;ext=808");
  assert_normalizes ("0512 6688 1234, 808", "86", "+8651266881234;ext=808");
  assert_normalizes ("+86 (0)512 6688 1234", "86", "+8651266881234");
  assert_normalizes ("+86 0512 6688 1234", "86", "+8651266881234");
  assert_normalizes ("(0512) 66881234", "86", "+8651266881234");
  assert_normalizes ("（０５１２）６６８８１２３４", "86", "+8651266881234");
  assert_normalizes ("010-8888 6666", "86", "+861088886666");
  assert_normalizes ("400 820 8820", "86", "+864008208820");
}

static void
test_phone_international (void)
{
  assert_normalizes ("+1 415 555 2671", "86", "+14155552671");
  assert_normalizes ("+1 (415) 555-2671 x12", "86", "+14155552671;ext=12");
  assert_normalizes ("+44 20 7946 0958", "86", "+442079460958");
  assert_normalizes ("+44 (0)20 7946 0958", "86", "+442079460958");
  assert_normalizes ("00 44 20 7946 0958", "86", "+442079460958");
  assert_normalizes ("+49 30 123456", "86", "+4930123456");
  assert_normalizes ("+852 2123 4567", "86", "+85221234567");

  /* With another default country, national numbers take its code. */
  assert_normalizes ("(415) 555-2671", "1", "+14155552671");
  assert_normalizes ("1 415 555 2671", "1", "+14155552671");
  assert_normalizes ("020 7946 0958", "44", "+442079460958");
  assert_normalizes ("020 7946 0958", "+44", "+442079460958");
}

static void
test_phone_invalid (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) long_input = g_string_new (NULL);

  assert_rejects ("abc", "“abc”");
  assert_rejects ("abc", "letters");
  assert_rejects ("138-abcd-8000", "“138-abcd-8000” is not a phone number");
  assert_rejects ("call me", "letters");
  assert_rejects ("1234", "too short");
  assert_rejects ("12", "too short");
  assert_rejects ("1234567890123456", "too long");
  assert_rejects ("+86 1380013800012345", "too long");
  assert_rejects ("138*0013*8000", "not a phone number");
  assert_rejects ("13800138000+", "not a phone number");
  assert_rejects ("+0 123 4567", "country code");
  assert_rejects ("6688 1234", "area code");
  assert_rejects ("'; DROP TABLE contacts; --", "not a phone number");

  g_assert_false (rapport_phone_normalize ("", "86", NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PHONE);
  g_assert_cmpstr (error->message, ==, "Enter a phone number");
  g_clear_error (&error);

  g_assert_false (rapport_phone_normalize ("   ", "86", NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PHONE);
  g_clear_error (&error);

  g_assert_false (rapport_phone_normalize (NULL, "86", NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PHONE);
  g_clear_error (&error);

  /* A huge input is quoted shortened in the message. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_input, 'a');
  g_assert_false (rapport_phone_normalize (long_input->str, "86", NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PHONE);
  g_assert_cmpint (strlen (error->message), <, 200);
}

static void
assert_format (const char *normalized,
               const char *country,
               const char *expected)
{
  g_autofree char *formatted = rapport_phone_format (normalized, country);

  g_assert_cmpstr (formatted, ==, expected);
}

static void
test_phone_format (void)
{
  assert_format ("+8613800138000", "86", "138 0013 8000");
  assert_format ("+8613800138000", NULL, "138 0013 8000");
  assert_format ("+8651266881234;ext=808", "86", "0512 6688 1234 ext. 808");
  assert_format ("+8651266881234", "86", "0512 6688 1234");
  assert_format ("+861088886666", "86", "010 8888 6666");
  assert_format ("+86215551234", "86", "021 555 1234");
  assert_format ("+864008208820", "86", "400 820 8820");
  assert_format ("+14155552671", "86", "+1 415 555 2671");
  assert_format ("+14155552671", "1", "415 555 2671");
  assert_format ("+14155552671;ext=12", "86", "+1 415 555 2671 ext. 12");
  assert_format ("+442079460958", "86", "+44 20 7946 0958");
  assert_format ("+442079460958", "44", "+44 20 7946 0958");
  assert_format ("+8613800138000", "1", "+86 138 0013 8000");
  assert_format ("+8651266881234", "44", "+86 512 6688 1234");
  assert_format ("+85221234567", "86", "+852 2123 4567");
  /* Not a normalised number: shown as it is. */
  assert_format ("ask at the front desk", "86", "ask at the front desk");
}

static void
assert_search_digits (const char         *normalized,
                      const char * const *expected)
{
  g_auto (GStrv) digits = rapport_phone_search_digits (normalized);

  g_assert_cmpstrv (digits, expected);
}

static void
test_phone_search_digits (void)
{
  const char * const mobile[] = { "8613800138000", NULL };
  const char * const landline[] = { "8651266881234", "051266881234", NULL };
  const char * const us[] = { "14155552671", NULL };
  const char * const uk[] = { "442079460958", "02079460958", NULL };
  const char * const none[] = { NULL };
  g_auto (GStrv) digits = rapport_phone_search_digits ("+8613800138000");

  assert_search_digits ("+8613800138000", mobile);
  assert_search_digits ("+8651266881234;ext=808", landline);
  assert_search_digits ("+14155552671;ext=12", us);
  assert_search_digits ("+442079460958", uk);
  assert_search_digits ("garbage", none);
  assert_search_digits (NULL, none);

  /* Runs a user types are substrings. */
  g_assert_nonnull (strstr (digits[0], "13800138000"));
  g_assert_nonnull (strstr (digits[0], "8000"));
}

static void
test_phone_uris (void)
{
  struct { const char *normalized, *tel, *sms; } cases[] = {
    { "+8613800138000", "tel:+8613800138000", "sms:+8613800138000" },
    /* A call reaches the extension; a message goes to the number. */
    { "+8651266881234;ext=808", "tel:+8651266881234;ext=808", "sms:+8651266881234" },
    { "+14155552671", "tel:+14155552671", "sms:+14155552671" },
    /* An extension that is not digits is not dialled. */
    { "+8651266881234;ext=8&x", "tel:+8651266881234", "sms:+8651266881234" },
    { "0512 6688 1234", NULL, NULL },
    { "+86abc", NULL, NULL },
    { "", NULL, NULL },
    { NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tel = rapport_phone_to_tel_uri (cases[i].normalized);
      g_autofree char *sms = rapport_phone_to_sms_uri (cases[i].normalized);

      g_assert_cmpstr (tel, ==, cases[i].tel);
      g_assert_cmpstr (sms, ==, cases[i].sms);
    }

  /* What the dialogs store is what the URIs are made from. */
  {
    g_autofree char *normalized = NULL;
    g_autofree char *tel = NULL;

    g_assert_true (rapport_phone_normalize ("0512-6688 1234 转 808", "86", &normalized, NULL));
    tel = rapport_phone_to_tel_uri (normalized);
    g_assert_cmpstr (tel, ==, "tel:+8651266881234;ext=808");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/phone/chinese-mobile", test_phone_chinese_mobile);
  g_test_add_func ("/core/phone/chinese-landline", test_phone_chinese_landline);
  g_test_add_func ("/core/phone/international", test_phone_international);
  g_test_add_func ("/core/phone/invalid", test_phone_invalid);
  g_test_add_func ("/core/phone/format", test_phone_format);
  g_test_add_func ("/core/phone/search-digits", test_phone_search_digits);
  g_test_add_func ("/core/phone/uris", test_phone_uris);

  return g_test_run ();
}
