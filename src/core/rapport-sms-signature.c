/* rapport-sms-signature.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-sms-signature"

#include "config.h"

#include <string.h>

#include "rapport-sms-signature.h"

char *
rapport_aliyun_percent_encode (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) * 3);
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~')
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  char *name;
  char *value;
} EncodedParam;

static int
compare_params (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const EncodedParam *) a)->name, ((const EncodedParam *) b)->name);
}

char *
rapport_aliyun_canonical_query (const char * const *params)
{
  g_autoptr (GArray) encoded = g_array_new (FALSE, FALSE, sizeof (EncodedParam));
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (params != NULL, NULL);

  for (guint i = 0; params[i] != NULL && params[i + 1] != NULL; i += 2)
    {
      EncodedParam param = {
        rapport_aliyun_percent_encode (params[i]),
        rapport_aliyun_percent_encode (params[i + 1]),
      };

      g_array_append_val (encoded, param);
    }

  /* Sorted by the encoded name, byte by byte, as the document says. */
  g_array_sort (encoded, compare_params);

  for (guint i = 0; i < encoded->len; i++)
    {
      EncodedParam *param = &g_array_index (encoded, EncodedParam, i);

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", param->name, param->value);
      g_free (param->name);
      g_free (param->value);
    }

  return g_string_free (out, FALSE);
}

char *
rapport_aliyun_signature (const char         *method,
                          const char * const *params,
                          const char         *access_key_secret)
{
  g_autofree char *canonical = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *key = NULL;
  g_autoptr (GHmac) hmac = NULL;
  guint8 digest[20];
  gsize digest_length = sizeof digest;

  g_return_val_if_fail (method != NULL && params != NULL && access_key_secret != NULL, NULL);

  canonical = rapport_aliyun_canonical_query (params);
  encoded = rapport_aliyun_percent_encode (canonical);
  string_to_sign = g_strconcat (method, "&%2F&", encoded, NULL);

  key = g_strconcat (access_key_secret, "&", NULL);
  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) key, strlen (key));
  g_hmac_update (hmac, (const guchar *) string_to_sign, -1);
  g_hmac_get_digest (hmac, digest, &digest_length);
  memset (key, 0, strlen (key));

  return g_base64_encode (digest, digest_length);
}

static void
hmac_sha256 (const guint8 *key,
             gsize         key_length,
             const char   *data,
             guint8        out[32])
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  gsize length = 32;

  g_hmac_update (hmac, (const guchar *) data, -1);
  g_hmac_get_digest (hmac, out, &length);
}

char *
rapport_tc3_signature (const RapportTc3Request  *request,
                       char                    **out_authorization)
{
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *date = NULL;
  g_autofree char *payload_hash = NULL;
  g_autofree char *canonical_request = NULL;
  g_autofree char *canonical_hash = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *secret_key = NULL;
  guint8 secret_date[32];
  guint8 secret_service[32];
  guint8 secret_signing[32];
  guint8 signature[32];
  GString *hex;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->secret_id != NULL && request->secret_key != NULL, NULL);

  time = g_date_time_new_from_unix_utc (request->timestamp);
  date = g_date_time_format (time, "%Y-%m-%d");

  payload_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, request->payload, -1);
  canonical_request = g_strdup_printf ("%s\n/\n\ncontent-type:%s\nhost:%s\n\ncontent-type;host\n%s",
                                       request->method, request->content_type, request->host,
                                       payload_hash);
  canonical_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical_request, -1);
  scope = g_strdup_printf ("%s/%s/tc3_request", date, request->service);
  string_to_sign = g_strdup_printf ("TC3-HMAC-SHA256\n%" G_GINT64_FORMAT "\n%s\n%s",
                                    request->timestamp, scope, canonical_hash);

  secret_key = g_strconcat ("TC3", request->secret_key, NULL);
  hmac_sha256 ((const guint8 *) secret_key, strlen (secret_key), date, secret_date);
  memset (secret_key, 0, strlen (secret_key));
  hmac_sha256 (secret_date, 32, request->service, secret_service);
  hmac_sha256 (secret_service, 32, "tc3_request", secret_signing);
  hmac_sha256 (secret_signing, 32, string_to_sign, signature);

  hex = g_string_sized_new (64);
  for (guint i = 0; i < 32; i++)
    g_string_append_printf (hex, "%02x", signature[i]);

  if (out_authorization != NULL)
    *out_authorization = g_strdup_printf ("TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host, "
                                          "Signature=%s",
                                          request->secret_id, scope, hex->str);

  return g_string_free (hex, FALSE);
}
