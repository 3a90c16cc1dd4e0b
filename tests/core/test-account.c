/* test-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-account.h"
#include "rapport-entity.h"
#include "rapport-validation.h"

static RapportAccount *
new_mail_account (void)
{
  RapportAccount *account = rapport_account_new ();

  rapport_account_set_channel (account, RAPPORT_CHANNEL_MAIL);
  rapport_account_set_provider (account, RAPPORT_PROVIDER_SMTP);
  rapport_account_set_name (account, "Office mail");
  rapport_account_set_setting (account, "host", "smtp.example.com");
  rapport_account_set_setting (account, "port", "587");
  rapport_account_set_setting (account, "security", "starttls");
  rapport_account_set_setting (account, "user", "sales@example.com");
  rapport_account_set_setting (account, "sender-address", "sales@example.com");
  return account;
}

static void
test_settings (void)
{
  g_autoptr (RapportAccount) account = new_mail_account ();
  g_autoptr (RapportAccount) copy = NULL;
  g_auto (GStrv) keys = NULL;

  rapport_account_set_setting (account, "sender-name", "速阳 Sales");
  g_assert_cmpstr (rapport_account_get_setting (account, "sender-name"), ==, "速阳 Sales");

  keys = rapport_account_list_settings (account);
  g_assert_cmpstrv (keys, ((const char * const[]) { "host", "port", "security", "sender-address",
                                                    "sender-name", "user", NULL }));

  copy = rapport_account_copy (account);
  g_assert_true (rapport_entity_equal (account, copy));
  g_assert_cmpstr (rapport_account_get_setting (copy, "host"), ==, "smtp.example.com");

  /* Settings take part in equality; NULL and "" remove a key. */
  rapport_account_set_setting (copy, "sender-name", NULL);
  g_assert_null (rapport_account_get_setting (copy, "sender-name"));
  g_assert_false (rapport_entity_equal (account, copy));
  rapport_account_set_setting (account, "sender-name", "");
  g_assert_true (rapport_entity_equal (account, copy));
}

static void
test_defaults (void)
{
  g_autoptr (RapportAccount) account = rapport_account_new ();

  rapport_account_set_channel (account, RAPPORT_CHANNEL_SMS);
  rapport_account_set_provider (account, RAPPORT_PROVIDER_ALIYUN);
  g_assert_null (rapport_account_get_setting (account, "region"));
  g_assert_cmpstr (rapport_account_get_effective_setting (account, "region"), ==, "cn-hangzhou");
  g_assert_cmpstr (rapport_account_get_effective_setting (account, "template-param"), ==, "content");
  g_assert_cmpstr (rapport_account_get_effective_setting (account, "endpoint"), ==, "https://dysmsapi.aliyuncs.com/");
  rapport_account_set_setting (account, "region", "cn-shanghai");
  g_assert_cmpstr (rapport_account_get_effective_setting (account, "region"), ==, "cn-shanghai");

  g_assert_cmpstr (rapport_account_setting_default ("tencent", "region"), ==, "ap-guangzhou");
  g_assert_cmpstr (rapport_account_setting_default ("tencent", "endpoint"), ==, "https://sms.tencentcloudapi.com/");
  g_assert_cmpstr (rapport_account_setting_default ("twilio", "endpoint"), ==, "https://api.twilio.com/");
  g_assert_null (rapport_account_setting_default ("smtp", "host"));
}

static void
assert_invalid (RapportAccount *account,
                int             code,
                const char     *message)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rapport_account_validate (account, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_validate_mail (void)
{
  g_autoptr (RapportAccount) account = new_mail_account ();
  g_autoptr (GError) error = NULL;

  g_assert_true (rapport_account_validate (account, &error));
  g_assert_no_error (error);

  rapport_account_set_setting (account, "port", "0");
  assert_invalid (account, RAPPORT_VALIDATION_ERROR_INVALID_SETTING, "The port must be a number from 1 to 65535");
  rapport_account_set_setting (account, "port", "65536");
  assert_invalid (account, RAPPORT_VALIDATION_ERROR_INVALID_SETTING, "The port must be a number from 1 to 65535");
  rapport_account_set_setting (account, "port", "25x");
  assert_invalid (account, RAPPORT_VALIDATION_ERROR_INVALID_SETTING, "The port must be a number from 1 to 65535");
  rapport_account_set_setting (account, "port", "65535");
  g_assert_true (rapport_account_validate (account, NULL));

  rapport_account_set_setting (account, "security", "ssl3");
  assert_invalid (account, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                  "Choose the connection security: STARTTLS, TLS or none");
  rapport_account_set_setting (account, "security", "none");
  g_assert_true (rapport_account_validate (account, NULL));

  rapport_account_set_setting (account, "sender-address", "sales.example.com");
  assert_invalid (account, RAPPORT_VALIDATION_ERROR_INVALID_EMAIL,
                  "The sender address “sales.example.com” is not an e-mail address");
  rapport_account_set_setting (account, "sender-address", "  ");
  assert_invalid (account, RAPPORT_VALIDATION_ERROR_EMPTY, "Enter the Sender address");
  rapport_account_set_setting (account, "sender-address", "sales@example.com");

  rapport_account_set_setting (account, "host", NULL);
  assert_invalid (account, RAPPORT_VALIDATION_ERROR_EMPTY, "Enter the Server");
  rapport_account_set_setting (account, "host", "smtp.example.com");

  rapport_account_set_name (account, "");
  g_assert_false (rapport_account_validate (account, NULL));
  rapport_account_set_name (account, "Office mail");

  /* A mail provider on the SMS channel is not an account. */
  rapport_account_set_channel (account, RAPPORT_CHANNEL_SMS);
  assert_invalid (account, RAPPORT_VALIDATION_ERROR_INVALID_SETTING, "Choose the kind of account");
}

static void
test_validate_sms (void)
{
  g_autoptr (RapportAccount) aliyun = rapport_account_new ();
  g_autoptr (RapportAccount) http = rapport_account_new ();

  rapport_account_set_channel (aliyun, RAPPORT_CHANNEL_SMS);
  rapport_account_set_provider (aliyun, RAPPORT_PROVIDER_ALIYUN);
  rapport_account_set_name (aliyun, "Aliyun");
  rapport_account_set_setting (aliyun, "access-key-id", "LTAI5tExample");
  rapport_account_set_setting (aliyun, "sign-name", "速阳");
  assert_invalid (aliyun, RAPPORT_VALIDATION_ERROR_EMPTY, "Enter the Template code");
  rapport_account_set_setting (aliyun, "template-code", "SMS_71390007");
  g_assert_true (rapport_account_validate (aliyun, NULL));

  /* Plain HTTP only on loopback. */
  rapport_account_set_setting (aliyun, "endpoint", "http://dysmsapi.aliyuncs.com/");
  assert_invalid (aliyun, RAPPORT_VALIDATION_ERROR_INVALID_URL,
                  "Endpoint: “http://dysmsapi.aliyuncs.com/” is not an https:// address");
  rapport_account_set_setting (aliyun, "endpoint", "http://127.0.0.1:8080/");
  g_assert_true (rapport_account_validate (aliyun, NULL));

  rapport_account_set_channel (http, RAPPORT_CHANNEL_SMS);
  rapport_account_set_provider (http, RAPPORT_PROVIDER_HTTP);
  rapport_account_set_name (http, "Gateway");
  assert_invalid (http, RAPPORT_VALIDATION_ERROR_EMPTY, "Enter the Gateway URL");
  rapport_account_set_setting (http, "url", "https://sms.example.com/send");
  g_assert_true (rapport_account_validate (http, NULL));
  rapport_account_set_setting (http, "body-template", "{\"to\":\"{to}\"}");
  assert_invalid (http, RAPPORT_VALIDATION_ERROR_INVALID_SETTING, "The body template must contain {to} and {text}");
  rapport_account_set_setting (http, "body-template", NULL);
  rapport_account_set_setting (http, "method", "PUT");
  assert_invalid (http, RAPPORT_VALIDATION_ERROR_INVALID_SETTING, "The gateway’s method must be GET or POST");
}

static void
test_url_allowed (void)
{
  g_assert_true (rapport_account_url_is_allowed ("https://sms.tencentcloudapi.com/"));
  g_assert_true (rapport_account_url_is_allowed ("http://localhost:1234/x"));
  g_assert_true (rapport_account_url_is_allowed ("http://127.0.0.1:1234/"));
  g_assert_false (rapport_account_url_is_allowed ("http://127.0.0.1.example.com/"));
  g_assert_false (rapport_account_url_is_allowed ("http://example.com/"));
  g_assert_false (rapport_account_url_is_allowed ("ftp://example.com/"));
  g_assert_false (rapport_account_url_is_allowed ("not a url"));
  g_assert_false (rapport_account_url_is_allowed (NULL));
}

static void
test_presets (void)
{
  g_autoptr (RapportAccount) account = new_mail_account ();
  const RapportMailPreset *presets;
  guint n = 0;

  presets = rapport_mail_presets (&n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (presets[0].host, ==, "smtp.qq.com");
  g_assert_cmpuint (presets[0].port, ==, 465);
  g_assert_cmpstr (presets[0].security, ==, "tls");
  g_assert_cmpstr (presets[1].host, ==, "smtp.163.com");
  g_assert_cmpstr (presets[2].host, ==, "smtp.gmail.com");
  g_assert_cmpuint (presets[2].port, ==, 587);
  g_assert_cmpstr (presets[2].security, ==, "starttls");
  g_assert_cmpstr (presets[3].host, ==, "smtp.office365.com");
  g_assert_nonnull (strstr (rapport_mail_preset_get_hint (&presets[0]), "authorisation code"));
  g_assert_nonnull (strstr (rapport_mail_preset_get_hint (&presets[2]), "app password"));
  g_assert_cmpstr (rapport_mail_preset_get_label (&presets[0]), ==, "QQ Mail");

  rapport_account_apply_mail_preset (account, &presets[0]);
  g_assert_cmpstr (rapport_account_get_setting (account, "host"), ==, "smtp.qq.com");
  g_assert_cmpstr (rapport_account_get_setting (account, "port"), ==, "465");
  g_assert_cmpstr (rapport_account_get_setting (account, "security"), ==, "tls");
  g_assert_true (rapport_account_validate (account, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account/settings", test_settings);
  g_test_add_func ("/account/defaults", test_defaults);
  g_test_add_func ("/account/validate-mail", test_validate_mail);
  g_test_add_func ("/account/validate-sms", test_validate_sms);
  g_test_add_func ("/account/url-allowed", test_url_allowed);
  g_test_add_func ("/account/presets", test_presets);

  return g_test_run ();
}
