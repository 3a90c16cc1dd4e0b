/* rapport-account.h
 *
 * A mail account or an SMS gateway: what is not secret about it. Its password,
 * access key secret or token is in the Secret Service under the account's uuid
 * (rapport-secrets.h) and never enters this object.
 *
 * Settings are string key/values, stored as JSON by the store. The keys each
 * provider reads (a missing key with a default takes the default, see
 * rapport_account_get_effective_setting):
 *
 * "smtp" (channel mail):
 *   host, port, security ("starttls" | "tls" | "none"), user (empty: no AUTH),
 *   sender-name, sender-address. Secret: the password (or authorisation code).
 * "aliyun" (SMS, Aliyun SMS / 阿里云短信):
 *   access-key-id, sign-name, template-code, template-param (the template
 *   variable that carries the text, default "content"), region (default
 *   "cn-hangzhou"), endpoint (default "https://dysmsapi.aliyuncs.com/").
 *   Secret: the AccessKey secret.
 * "tencent" (SMS, Tencent Cloud SMS / 腾讯云短信):
 *   secret-id, sdk-app-id, sign-name, template-id, region (default
 *   "ap-guangzhou"), endpoint (default "https://sms.tencentcloudapi.com/").
 *   Secret: the SecretKey.
 * "twilio" (SMS, Twilio-compatible):
 *   account-sid, from, endpoint (default "https://api.twilio.com/").
 *   Secret: the auth token.
 * "http" (SMS, a generic HTTP gateway):
 *   url, method ("GET" | "POST", default "POST"), body ("form" | "json",
 *   default "form"), body-template (with {to} and {text}; default
 *   "to={to}&text={text}" for form, {"to":"{to}","text":"{text}"} for json),
 *   auth-header (a header name such as "Authorization": the secret is its
 *   value), success-status (an HTTP status; empty: any 2xx).
 *
 * An endpoint or url may use http:// only on 127.0.0.1 or localhost (test
 * peers); https:// otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-enums.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ACCOUNT (rapport_account_get_type ())

G_DECLARE_FINAL_TYPE (RapportAccount, rapport_account, RAPPORT, ACCOUNT, GObject)

/* Provider keys. */
#define RAPPORT_PROVIDER_SMTP    "smtp"
#define RAPPORT_PROVIDER_ALIYUN  "aliyun"
#define RAPPORT_PROVIDER_TENCENT "tencent"
#define RAPPORT_PROVIDER_TWILIO  "twilio"
#define RAPPORT_PROVIDER_HTTP    "http"

RapportAccount *rapport_account_new  (void);
/* A deep copy, id and settings included. */
RapportAccount *rapport_account_copy (RapportAccount *self);

gint64          rapport_account_get_id          (RapportAccount *self);
void            rapport_account_set_id          (RapportAccount *self,
                                                 gint64          id);
const char     *rapport_account_get_uuid        (RapportAccount *self);
void            rapport_account_set_uuid        (RapportAccount *self,
                                                 const char     *uuid);
RapportChannel  rapport_account_get_channel     (RapportAccount *self);
void            rapport_account_set_channel     (RapportAccount *self,
                                                 RapportChannel  channel);
const char     *rapport_account_get_provider    (RapportAccount *self);
void            rapport_account_set_provider    (RapportAccount *self,
                                                 const char     *provider);
const char     *rapport_account_get_name        (RapportAccount *self);
void            rapport_account_set_name        (RapportAccount *self,
                                                 const char     *name);
gboolean        rapport_account_get_is_default  (RapportAccount *self);
void            rapport_account_set_is_default  (RapportAccount *self,
                                                 gboolean        is_default);
gint64          rapport_account_get_created_at  (RapportAccount *self);
void            rapport_account_set_created_at  (RapportAccount *self,
                                                 gint64          created_at);
gint64          rapport_account_get_updated_at  (RapportAccount *self);
void            rapport_account_set_updated_at  (RapportAccount *self,
                                                 gint64          updated_at);

/* The stored value, or NULL when unset. The read-only "settings" property
 * (strv of "key=value", by key) changes with them, so rapport_entity_equal
 * compares settings too. */
const char     *rapport_account_get_setting     (RapportAccount *self,
                                                 const char     *key);
/* @value NULL (or "") removes the key. */
void            rapport_account_set_setting     (RapportAccount *self,
                                                 const char     *key,
                                                 const char     *value);
/* The keys that are set, sorted. */
GStrv           rapport_account_list_settings   (RapportAccount *self);
/* The stored value, else the provider's default for @key (see above), else NULL. */
const char     *rapport_account_get_effective_setting (RapportAccount *self,
                                                       const char     *key);
/* The default of @key for @provider, or NULL. */
const char     *rapport_account_setting_default (const char     *provider,
                                                 const char     *key);

/* The channel a provider key belongs to; FALSE for an unknown provider. */
gboolean        rapport_account_provider_channel (const char     *provider,
                                                  RapportChannel *out_channel);

/* Whether the account can be saved and used: a known provider matching the
 * channel, a name, each required key of its provider set, a port in
 * 1–65535, a valid sender address, a known security, an https endpoint
 * (http only on loopback). RAPPORT_VALIDATION_ERROR with a translated
 * message naming the field. */
gboolean        rapport_account_validate        (RapportAccount *self,
                                                 GError        **error);

/* Whether @url is https://, or http:// on 127.0.0.1 / localhost / [::1]. */
gboolean        rapport_account_url_is_allowed  (const char     *url);

/* Presets for common mail providers (QQ Mail, 163, Gmail, Outlook). label and
 * hint are translated by rapport_mail_preset_get_label / _get_hint. */
typedef struct
{
  const char *id;        /* "qq", "163", "gmail", "outlook" */
  const char *label;     /* untranslated */
  const char *host;
  guint       port;
  const char *security;  /* "tls" or "starttls" */
  const char *hint;      /* untranslated: what to use as the password */
} RapportMailPreset;

const RapportMailPreset *rapport_mail_presets          (guint                   *n_presets);
const char              *rapport_mail_preset_get_label (const RapportMailPreset *preset);
const char              *rapport_mail_preset_get_hint  (const RapportMailPreset *preset);
/* Sets host, port and security of @self from @preset. */
void                     rapport_account_apply_mail_preset (RapportAccount          *self,
                                                            const RapportMailPreset *preset);

G_END_DECLS
