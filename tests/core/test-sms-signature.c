/* test-sms-signature.c
 *
 * Each provider's published example, built from the published request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-sms-signature.h"

static void
test_aliyun_percent_encode (void)
{
  g_autofree char *a = rapport_aliyun_percent_encode ("a b*c~d/e+f=g&h");
  g_autofree char *b = rapport_aliyun_percent_encode ("阿里");

  g_assert_cmpstr (a, ==, "a%20b%2Ac~d%2Fe%2Bf%3Dg%26h");
  g_assert_cmpstr (b, ==, "%E9%98%BF%E9%87%8C");
}

/* Aliyun's signature document, SendSms example (GET). */
static void
test_aliyun_example (void)
{
  const char * const params[] = {
    "AccessKeyId", "testId",
    "Action", "SendSms",
    "Format", "XML",
    "OutId", "123",
    "PhoneNumbers", "15300000001",
    "RegionId", "cn-hangzhou",
    "SignName", "阿里云短信测试专用",
    "SignatureMethod", "HMAC-SHA1",
    "SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "SignatureVersion", "1.0",
    "TemplateCode", "SMS_71390007",
    "TemplateParam", "{\"customer\":\"test\"}",
    "Timestamp", "2017-07-12T02:42:19Z",
    "Version", "2017-05-25",
    NULL,
  };
  /* The same, in another order: the signature sorts them. */
  const char * const shuffled[] = {
    "Version", "2017-05-25",
    "TemplateParam", "{\"customer\":\"test\"}",
    "AccessKeyId", "testId",
    "Timestamp", "2017-07-12T02:42:19Z",
    "SignName", "阿里云短信测试专用",
    "Action", "SendSms",
    "SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "Format", "XML",
    "PhoneNumbers", "15300000001",
    "SignatureMethod", "HMAC-SHA1",
    "OutId", "123",
    "RegionId", "cn-hangzhou",
    "TemplateCode", "SMS_71390007",
    "SignatureVersion", "1.0",
    NULL,
  };
  g_autofree char *signature = rapport_aliyun_signature ("GET", params, "testSecret");
  g_autofree char *again = rapport_aliyun_signature ("GET", shuffled, "testSecret");
  g_autofree char *canonical = rapport_aliyun_canonical_query (params);

  g_assert_cmpstr (signature, ==, "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  g_assert_cmpstr (again, ==, "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  /* The document's sorted query string. */
  g_assert_cmpstr (canonical, ==,
                   "AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001"
                   "&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8"
                   "&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466"
                   "&SignatureVersion=1.0&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D"
                   "&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25");
}

/* Tencent Cloud's signature v3 document (English), DescribeInstances example. */
static void
test_tencent_example (void)
{
  const char *payload = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
  RapportTc3Request request = {
    .secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
    .secret_key = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    .service = "cvm",
    .host = "cvm.tencentcloudapi.com",
    .method = "POST",
    .content_type = "application/json; charset=utf-8",
    .payload = payload,
    .timestamp = 1551113065,
  };
  g_autofree char *payload_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, payload, -1);
  g_autofree char *authorization = NULL;
  g_autofree char *signature = NULL;

  /* The document's payload hash begins so: the request is the published one. */
  g_assert_true (g_str_has_prefix (payload_hash, "35e9c5b0"));

  signature = rapport_tc3_signature (&request, &authorization);
  g_assert_cmpstr (signature, ==, "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  g_assert_cmpstr (authorization, ==,
                   "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                   "SignedHeaders=content-type;host, "
                   "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sms-signature/aliyun-percent-encode", test_aliyun_percent_encode);
  g_test_add_func ("/sms-signature/aliyun-example", test_aliyun_example);
  g_test_add_func ("/sms-signature/tencent-example", test_tencent_example);

  return g_test_run ();
}
