/* rapport-sms-signature.h
 *
 * Request signatures of the SMS gateways, as each provider documents them
 * (plain GLib: GHmac, GChecksum). The tests check them against the
 * providers' published examples.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Aliyun RPC ("Signature" parameter): RFC 3986 percent-encoding of UTF-8
 * with space as %20, * as %2A and ~ kept. */
char *rapport_aliyun_percent_encode    (const char          *text);
/* The parameters sorted by name, each name=value percent-encoded, joined by
 * "&". @params: NULL-terminated name, value, name, value, … */
char *rapport_aliyun_canonical_query   (const char * const  *params);
/* base64 (HMAC-SHA1 (secret + "&", METHOD&%2F&encoded(canonical query))). */
char *rapport_aliyun_signature         (const char          *method,
                                        const char * const  *params,
                                        const char          *access_key_secret);

/* Tencent Cloud API 3.0, TC3-HMAC-SHA256, for a request to "/" with no query
 * string, signing the content-type and host headers. */
typedef struct
{
  const char *secret_id;
  const char *secret_key;
  const char *service;        /* "sms" */
  const char *host;           /* "sms.tencentcloudapi.com" */
  const char *method;         /* "POST" */
  const char *content_type;   /* "application/json; charset=utf-8" */
  const char *payload;        /* the request body, exactly as sent */
  gint64      timestamp;      /* unix seconds; the date is its UTC day */
} RapportTc3Request;

/* The lower-case hex signature; @out_authorization (optional) gets the
 * whole Authorization header value. */
char *rapport_tc3_signature            (const RapportTc3Request *request,
                                        char                   **out_authorization);

G_END_DECLS
