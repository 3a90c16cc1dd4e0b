/* test-sender-sms.c
 *
 * SMS through each gateway, against a local HTTP peer (http-peer.py) that
 * records every request and answers as the script says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "peer-test-utils.h"
#include "rapport-sender.h"
#include "rapport-sms-signature.h"

#define SECRET "gw-s3cret-KEY"
#define UUID "0190a3c1-7e2b-7c4d-9a1b-123456789abc"
/* 2027-02-06 01:30:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1801877400)

typedef struct
{
  TestPeer *peer;
  char     *script;
  char     *endpoint;
} Gateway;

static Gateway *
gateway_start (const char *answers_json)
{
  g_autoptr (GError) error = NULL;
  Gateway *gateway = g_new0 (Gateway, 1);
  int fd = g_file_open_tmp ("rapport-http-script-XXXXXX.json", &gateway->script, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (gateway->script, answers_json, -1, &error));
  {
    const char * const args[] = { "--script", gateway->script, NULL };

    gateway->peer = test_peer_start ("http-peer.py", args);
  }
  gateway->endpoint = g_strdup_printf ("http://127.0.0.1:%u/", gateway->peer->port);
  return gateway;
}

static void
gateway_stop (Gateway *gateway)
{
  test_peer_stop (gateway->peer);
  g_unlink (gateway->script);
  g_free (gateway->script);
  g_free (gateway->endpoint);
  g_free (gateway);
}

/* The @index-th request the peer received (0 first). */
static JsonObject *
gateway_request (Gateway *gateway,
                 guint    index,
                 JsonNode **node)
{
  g_autofree char *log = test_peer_file (gateway->peer, "requests.jsonl");
  g_auto (GStrv) lines = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (log);
  lines = g_strsplit (log, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, index + 1);
  json_parser_load_from_data (parser, lines[index], -1, &error);
  g_assert_no_error (error);
  *node = json_node_copy (json_parser_get_root (parser));
  return json_node_get_object (*node);
}

/* name → value of a form body (or a query string). */
static GHashTable *
parse_form (const char *text)
{
  GHashTable *form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) pairs = g_strsplit (text, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto (GStrv) kv = g_strsplit (pairs[i], "=", 2);

      g_assert_nonnull (kv[1]);
      g_hash_table_insert (form, g_uri_unescape_string (kv[0], NULL), g_uri_unescape_string (kv[1], NULL));
    }
  return form;
}

static RapportSender *
new_sender (RapportAccount *account,
            const char     *secret)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportClock) clock = rapport_clock_new ();
  RapportSender *sender = rapport_sender_new (account, secret, &error);

  g_assert_no_error (error);
  rapport_clock_set_fixed (clock, TEST_NOW);
  rapport_sender_set_clock (sender, clock);
  return sender;
}

static RapportAccount *
sms_account (const char *provider)
{
  RapportAccount *account = rapport_account_new ();

  rapport_account_set_channel (account, RAPPORT_CHANNEL_SMS);
  rapport_account_set_provider (account, provider);
  rapport_account_set_name (account, provider);
  return account;
}

static void
assert_secret_absent (Gateway *gateway)
{
  g_autofree char *log = test_peer_file (gateway->peer, "requests.jsonl");

  g_assert_nonnull (log);
  g_assert_null (strstr (log, SECRET));
}

static const RapportOutgoing greeting = {
  .recipient = "+8613800138000",
  .body = "王总，新春快乐！\"100%\" & more {x}",
  .message_uuid = UUID,
};

static RapportAccount *
aliyun_account (Gateway *gateway)
{
  RapportAccount *account = sms_account (RAPPORT_PROVIDER_ALIYUN);

  rapport_account_set_setting (account, "access-key-id", "LTAI5tTest");
  rapport_account_set_setting (account, "sign-name", "速阳贸易");
  rapport_account_set_setting (account, "template-code", "SMS_123456");
  rapport_account_set_setting (account, "endpoint", gateway->endpoint);
  return account;
}

static void
test_aliyun (void)
{
  Gateway *gateway = gateway_start ("[{\"status\": 200, \"body\": \"{\\\"Message\\\":\\\"OK\\\",\\\"RequestId\\\":\\\"F655A8D5\\\","
                                    "\\\"BizId\\\":\\\"900619746936498440^0\\\",\\\"Code\\\":\\\"OK\\\"}\"}]");
  g_autoptr (RapportAccount) account = aliyun_account (gateway);
  g_autoptr (RapportSender) sender = new_sender (account, SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (GPtrArray) params = g_ptr_array_new ();
  g_autofree char *provider_id = NULL;
  g_autofree char *expected = NULL;
  JsonObject *request;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_true (rapport_sender_send (sender, &greeting, NULL, &provider_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (provider_id, ==, "900619746936498440^0");

  request = gateway_request (gateway, 0, &node);
  g_assert_cmpstr (json_object_get_string_member (request, "method"), ==, "POST");
  form = parse_form (json_object_get_string_member (request, "body"));
  g_assert_cmpstr (g_hash_table_lookup (form, "Action"), ==, "SendSms");
  g_assert_cmpstr (g_hash_table_lookup (form, "PhoneNumbers"), ==, "13800138000");
  g_assert_cmpstr (g_hash_table_lookup (form, "OutId"), ==, UUID);
  g_assert_cmpstr (g_hash_table_lookup (form, "SignName"), ==, "速阳贸易");
  g_assert_cmpstr (g_hash_table_lookup (form, "TemplateCode"), ==, "SMS_123456");
  g_assert_cmpstr (g_hash_table_lookup (form, "TemplateParam"), ==,
                   "{\"content\":\"王总，新春快乐！\\\"100%\\\" & more {x}\"}");
  g_assert_cmpstr (g_hash_table_lookup (form, "AccessKeyId"), ==, "LTAI5tTest");
  g_assert_cmpstr (g_hash_table_lookup (form, "Timestamp"), ==, "2027-02-06T01:30:00Z");

  /* The signature verifies over what arrived (all but Signature). */
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (strcmp (key, "Signature") != 0)
      {
        g_ptr_array_add (params, key);
        g_ptr_array_add (params, value);
      }
  g_ptr_array_add (params, NULL);
  expected = rapport_aliyun_signature ("POST", (const char * const *) params->pdata, SECRET);
  g_assert_cmpstr (g_hash_table_lookup (form, "Signature"), ==, expected);

  assert_secret_absent (gateway);
  gateway_stop (gateway);
}

static void
assert_fails (RapportAccount *account,
              int             code,
              const char     *needle)
{
  g_autoptr (RapportSender) sender = new_sender (account, SECRET);
  g_autoptr (GError) error = NULL;
  g_autofree char *provider_id = NULL;

  g_assert_false (rapport_sender_send (sender, &greeting, NULL, &provider_id, &error));
  g_assert_error (error, RAPPORT_SEND_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_null (provider_id);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  g_assert_null (strstr (error->message, SECRET));
}

static void
test_aliyun_refusals (void)
{
  Gateway *gateway = gateway_start (
    "[{\"status\": 200, \"body\": \"{\\\"Message\\\":\\\"非法手机号\\\",\\\"Code\\\":\\\"isv.MOBILE_NUMBER_ILLEGAL\\\"}\"},"
    " {\"status\": 200, \"body\": \"{\\\"Message\\\":\\\"触发分钟级流控Permits:1\\\",\\\"Code\\\":\\\"isv.BUSINESS_LIMIT_CONTROL\\\"}\"},"
    " {\"status\": 404, \"body\": \"{\\\"Message\\\":\\\"Specified access key is not found.\\\",\\\"Code\\\":\\\"InvalidAccessKeyId.NotFound\\\"}\"},"
    " {\"status\": 503, \"body\": \"busy\"},"
    " {\"drop\": true}]");
  g_autoptr (RapportAccount) account = aliyun_account (gateway);

  assert_fails (account, RAPPORT_SEND_ERROR_PERMANENT, "非法手机号 (isv.MOBILE_NUMBER_ILLEGAL)");
  assert_fails (account, RAPPORT_SEND_ERROR_TEMPORARY, "isv.BUSINESS_LIMIT_CONTROL");
  assert_fails (account, RAPPORT_SEND_ERROR_AUTHENTICATION, "Specified access key is not found.");
  assert_fails (account, RAPPORT_SEND_ERROR_TEMPORARY, "HTTP 503");
  /* The request went out and no answer came: maybe sent. */
  assert_fails (account, RAPPORT_SEND_ERROR_UNCERTAIN, "may have been delivered");
  assert_secret_absent (gateway);
  gateway_stop (gateway);
}

static RapportAccount *
tencent_account (Gateway *gateway)
{
  RapportAccount *account = sms_account (RAPPORT_PROVIDER_TENCENT);

  rapport_account_set_setting (account, "secret-id", "AKIDtest");
  rapport_account_set_setting (account, "sdk-app-id", "1400006666");
  rapport_account_set_setting (account, "sign-name", "速阳贸易");
  rapport_account_set_setting (account, "template-id", "449739");
  rapport_account_set_setting (account, "endpoint", gateway->endpoint);
  return account;
}

static void
test_tencent (void)
{
  Gateway *gateway = gateway_start (
    "[{\"status\": 200, \"body\": \"{\\\"Response\\\":{\\\"SendStatusSet\\\":[{\\\"SerialNo\\\":\\\"5000:1045710669157053657849499619\\\","
    "\\\"PhoneNumber\\\":\\\"+8613800138000\\\",\\\"Fee\\\":1,\\\"SessionContext\\\":\\\"" UUID "\\\",\\\"Code\\\":\\\"Ok\\\","
    "\\\"Message\\\":\\\"send success\\\",\\\"IsoCode\\\":\\\"CN\\\"}],\\\"RequestId\\\":\\\"a0aabda6\\\"}}\"}]");
  g_autoptr (RapportAccount) account = tencent_account (gateway);
  g_autoptr (RapportSender) sender = new_sender (account, SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *provider_id = NULL;
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", gateway->peer->port);
  g_autofree char *authorization = NULL;
  g_autofree char *signature = NULL;
  JsonObject *request;
  JsonObject *headers;
  JsonObject *payload;
  const char *body;

  g_assert_true (rapport_sender_send (sender, &greeting, NULL, &provider_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (provider_id, ==, "5000:1045710669157053657849499619");
  g_assert_cmpstr (rapport_sender_get_last_answer (sender), ==, "send success");

  request = gateway_request (gateway, 0, &node);
  headers = json_object_get_object_member (request, "headers");
  body = json_object_get_string_member (request, "body");
  g_assert_cmpstr (json_object_get_string_member (headers, "x-tc-action"), ==, "SendSms");
  g_assert_cmpstr (json_object_get_string_member (headers, "x-tc-version"), ==, "2021-01-11");
  g_assert_cmpstr (json_object_get_string_member (headers, "x-tc-timestamp"), ==, "1801877400");
  g_assert_cmpstr (json_object_get_string_member (headers, "x-tc-region"), ==, "ap-guangzhou");
  g_assert_cmpstr (json_object_get_string_member (headers, "host"), ==, host);

  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  payload = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (payload, "PhoneNumberSet"), 0),
                   ==, "+8613800138000");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (payload, "TemplateParamSet"), 0),
                   ==, greeting.body);
  g_assert_cmpstr (json_object_get_string_member (payload, "SessionContext"), ==, UUID);
  g_assert_cmpstr (json_object_get_string_member (payload, "SmsSdkAppId"), ==, "1400006666");
  g_assert_cmpstr (json_object_get_string_member (payload, "TemplateId"), ==, "449739");

  /* The Authorization header is the TC3 signature of what arrived. */
  {
    RapportTc3Request check = {
      .secret_id = "AKIDtest", .secret_key = SECRET, .service = "sms", .host = host, .method = "POST",
      .content_type = json_object_get_string_member (headers, "content-type"),
      .payload = body, .timestamp = TEST_NOW,
    };

    signature = rapport_tc3_signature (&check, &authorization);
    g_assert_cmpstr (json_object_get_string_member (headers, "authorization"), ==, authorization);
    g_assert_true (g_str_has_prefix (authorization, "TC3-HMAC-SHA256 Credential=AKIDtest/2027-02-06/sms/tc3_request, "));
  }

  assert_secret_absent (gateway);
  gateway_stop (gateway);
}

static void
test_tencent_refusals (void)
{
  Gateway *gateway = gateway_start (
    "[{\"status\": 200, \"body\": \"{\\\"Response\\\":{\\\"SendStatusSet\\\":[{\\\"Code\\\":\\\"InvalidParameterValue.IncorrectPhoneNumber\\\","
    "\\\"Message\\\":\\\"incorrect number\\\"}]}}\"},"
    " {\"status\": 200, \"body\": \"{\\\"Response\\\":{\\\"Error\\\":{\\\"Code\\\":\\\"AuthFailure.SignatureFailure\\\","
    "\\\"Message\\\":\\\"The provided credentials could not be validated.\\\"}}}\"},"
    " {\"status\": 200, \"body\": \"{\\\"Response\\\":{\\\"SendStatusSet\\\":[{\\\"Code\\\":\\\"LimitExceeded.PhoneNumberThirtySecondLimit\\\","
    "\\\"Message\\\":\\\"too often\\\"}]}}\"}]");
  g_autoptr (RapportAccount) account = tencent_account (gateway);

  assert_fails (account, RAPPORT_SEND_ERROR_PERMANENT, "incorrect number (InvalidParameterValue.IncorrectPhoneNumber)");
  assert_fails (account, RAPPORT_SEND_ERROR_AUTHENTICATION, "The provided credentials could not be validated.");
  assert_fails (account, RAPPORT_SEND_ERROR_TEMPORARY, "LimitExceeded.PhoneNumberThirtySecondLimit");
  assert_secret_absent (gateway);
  gateway_stop (gateway);
}

static void
test_twilio (void)
{
  Gateway *gateway = gateway_start (
    "[{\"status\": 201, \"body\": \"{\\\"sid\\\":\\\"SM1234\\\",\\\"status\\\":\\\"queued\\\"}\"},"
    " {\"status\": 429, \"body\": \"{\\\"message\\\":\\\"Too Many Requests\\\"}\"},"
    " {\"status\": 400, \"body\": \"{\\\"code\\\":21211,\\\"message\\\":\\\"The 'To' number is not a valid phone number.\\\"}\"},"
    " {\"status\": 401, \"body\": \"{\\\"message\\\":\\\"Authenticate\\\"}\"}]");
  g_autoptr (RapportAccount) account = sms_account (RAPPORT_PROVIDER_TWILIO);
  g_autoptr (RapportSender) sender = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *provider_id = NULL;
  g_autofree char *basic = NULL;
  g_autofree char *expected_auth = NULL;
  JsonObject *request;

  rapport_account_set_setting (account, "account-sid", "AC123");
  rapport_account_set_setting (account, "from", "+15005550006");
  rapport_account_set_setting (account, "endpoint", gateway->endpoint);
  sender = new_sender (account, SECRET);

  g_assert_true (rapport_sender_send (sender, &greeting, NULL, &provider_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (provider_id, ==, "SM1234");

  request = gateway_request (gateway, 0, &node);
  g_assert_cmpstr (json_object_get_string_member (request, "path"), ==, "/2010-04-01/Accounts/AC123/Messages.json");
  form = parse_form (json_object_get_string_member (request, "body"));
  g_assert_cmpstr (g_hash_table_lookup (form, "To"), ==, "+8613800138000");
  g_assert_cmpstr (g_hash_table_lookup (form, "From"), ==, "+15005550006");
  g_assert_cmpstr (g_hash_table_lookup (form, "Body"), ==, greeting.body);
  /* The token travels only as the basic-auth password. */
  basic = g_base64_encode ((const guchar *) "AC123:" SECRET, strlen ("AC123:" SECRET));
  expected_auth = g_strconcat ("Basic ", basic, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "headers"),
                                                  "authorization"), ==, expected_auth);

  assert_fails (account, RAPPORT_SEND_ERROR_TEMPORARY, "HTTP 429");
  assert_fails (account, RAPPORT_SEND_ERROR_PERMANENT, "The 'To' number is not a valid phone number.");
  assert_fails (account, RAPPORT_SEND_ERROR_AUTHENTICATION, "HTTP 401");
  gateway_stop (gateway);
}

static void
test_http_gateway (void)
{
  Gateway *gateway = gateway_start (
    "[{\"status\": 200, \"body\": \"{\\\"ok\\\":true}\"},"
    " {\"status\": 500, \"body\": \"down\"},"
    " {\"status\": 400, \"body\": \"bad number\"},"
    " {\"status\": 200, \"body\": \"ok\"}]");
  g_autoptr (RapportAccount) account = sms_account (RAPPORT_PROVIDER_HTTP);
  g_autoptr (RapportSender) sender = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) get_node = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) query = NULL;
  g_autofree char *url = g_strdup_printf ("%ssend", gateway->endpoint);
  JsonObject *request;
  JsonObject *payload;
  const char *path;

  rapport_account_set_setting (account, "url", url);
  rapport_account_set_setting (account, "body", "json");
  rapport_account_set_setting (account, "body-template", "{\"phone\": \"{to}\", \"message\": \"{text}\", \"id\": 1}");
  rapport_account_set_setting (account, "auth-header", "X-Api-Key");
  sender = new_sender (account, SECRET);

  g_assert_true (rapport_sender_send (sender, &greeting, NULL, NULL, &error));
  g_assert_no_error (error);

  request = gateway_request (gateway, 0, &node);
  g_assert_cmpstr (json_object_get_string_member (request, "path"), ==, "/send");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "headers"), "x-api-key"),
                   ==, SECRET);
  /* The text is data: quotes and braces escaped, the JSON stays whole. */
  json_parser_load_from_data (parser, json_object_get_string_member (request, "body"), -1, &error);
  g_assert_no_error (error);
  payload = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (payload, "phone"), ==, "+8613800138000");
  g_assert_cmpstr (json_object_get_string_member (payload, "message"), ==, greeting.body);
  g_assert_cmpint (json_object_get_int_member (payload, "id"), ==, 1);

  assert_fails (account, RAPPORT_SEND_ERROR_TEMPORARY, "HTTP 500");
  assert_fails (account, RAPPORT_SEND_ERROR_PERMANENT, "bad number");

  /* GET with a form template: the values go form-encoded in the query. */
  rapport_account_set_setting (account, "method", "GET");
  rapport_account_set_setting (account, "body", "form");
  rapport_account_set_setting (account, "body-template", "to={to}&msg={text}");
  g_clear_object (&sender);
  sender = new_sender (account, SECRET);
  g_assert_true (rapport_sender_send (sender, &greeting, NULL, NULL, &error));
  g_assert_no_error (error);
  request = gateway_request (gateway, 3, &get_node);
  g_assert_cmpstr (json_object_get_string_member (request, "method"), ==, "GET");
  path = json_object_get_string_member (request, "path");
  g_assert_true (g_str_has_prefix (path, "/send?"));
  query = parse_form (path + strlen ("/send?"));
  g_assert_cmpuint (g_hash_table_size (query), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (query, "to"), ==, "+8613800138000");
  g_assert_cmpstr (g_hash_table_lookup (query, "msg"), ==, greeting.body);

  gateway_stop (gateway);
}

static void
test_bad_numbers (void)
{
  g_autoptr (RapportAccount) account = sms_account (RAPPORT_PROVIDER_HTTP);
  g_autoptr (RapportSender) sender = NULL;
  const char *bad[] = { "13800138000", "+86 138", "+86138\r\n", "" };

  rapport_account_set_setting (account, "url", "http://127.0.0.1:9/");
  sender = new_sender (account, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      RapportOutgoing msg = { .recipient = bad[i], .body = "Hi", .message_uuid = UUID };

      g_assert_false (rapport_sender_send (sender, &msg, NULL, NULL, &error));
      g_assert_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_INVALID_ADDRESS);
    }
}

static void
test_no_secret (void)
{
  g_autoptr (RapportAccount) account = sms_account (RAPPORT_PROVIDER_TWILIO);
  g_autoptr (RapportSender) sender = NULL;
  g_autoptr (GError) error = NULL;

  rapport_account_set_setting (account, "account-sid", "AC123");
  rapport_account_set_setting (account, "from", "+15005550006");
  rapport_account_set_setting (account, "endpoint", "http://127.0.0.1:9/");
  sender = new_sender (account, NULL);
  g_assert_false (rapport_sender_send (sender, &greeting, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_NO_SECRET);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sender/sms/aliyun", test_aliyun);
  g_test_add_func ("/sender/sms/aliyun-refusals", test_aliyun_refusals);
  g_test_add_func ("/sender/sms/tencent", test_tencent);
  g_test_add_func ("/sender/sms/tencent-refusals", test_tencent_refusals);
  g_test_add_func ("/sender/sms/twilio", test_twilio);
  g_test_add_func ("/sender/sms/http-gateway", test_http_gateway);
  g_test_add_func ("/sender/sms/bad-numbers", test_bad_numbers);
  g_test_add_func ("/sender/sms/no-secret", test_no_secret);

  return g_test_run ();
}
