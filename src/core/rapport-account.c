/* rapport-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-account"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-account.h"
#include "rapport-email.h"
#include "rapport-text.h"
#include "rapport-validation.h"

struct _RapportAccount
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  RapportChannel channel;
  char *provider;
  char *name;
  gboolean is_default;
  gint64 created_at;
  gint64 updated_at;
  GHashTable *settings;   /* key → value, both owned */
};

G_DEFINE_FINAL_TYPE (RapportAccount, rapport_account, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CHANNEL,
  PROP_PROVIDER,
  PROP_NAME,
  PROP_IS_DEFAULT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *provider;
  const char *key;
  const char *value;
} SettingDefault;

static const SettingDefault setting_defaults[] = {
  { RAPPORT_PROVIDER_SMTP, "security", "starttls" },
  { RAPPORT_PROVIDER_ALIYUN, "template-param", "content" },
  { RAPPORT_PROVIDER_ALIYUN, "region", "cn-hangzhou" },
  { RAPPORT_PROVIDER_ALIYUN, "endpoint", "https://dysmsapi.aliyuncs.com/" },
  { RAPPORT_PROVIDER_TENCENT, "region", "ap-guangzhou" },
  { RAPPORT_PROVIDER_TENCENT, "endpoint", "https://sms.tencentcloudapi.com/" },
  { RAPPORT_PROVIDER_TWILIO, "endpoint", "https://api.twilio.com/" },
  { RAPPORT_PROVIDER_HTTP, "method", "POST" },
  { RAPPORT_PROVIDER_HTTP, "body", "form" },
};

static const RapportMailPreset mail_presets[] = {
  { "qq", N_("QQ Mail"), "smtp.qq.com", 465, "tls",
    N_("QQ Mail needs an authorisation code, not your QQ password: turn on SMTP in QQ Mail’s settings to get one") },
  { "163", N_("163 Mail"), "smtp.163.com", 465, "tls",
    N_("163 Mail needs an authorisation code, not your login password: turn on SMTP in 163 Mail’s settings to get one") },
  { "gmail", N_("Gmail"), "smtp.gmail.com", 587, "starttls",
    N_("Gmail needs an app password (Google Account › Security › App passwords), not your Google password") },
  { "outlook", N_("Outlook"), "smtp.office365.com", 587, "starttls",
    N_("Outlook needs SMTP authentication turned on for the mailbox; with two-step verification use an app password") },
};

static void
rapport_account_finalize (GObject *object)
{
  RapportAccount *self = RAPPORT_ACCOUNT (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->settings, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_account_parent_class)->finalize (object);
}

static GStrv
settings_as_strv (RapportAccount *self)
{
  g_auto (GStrv) keys = rapport_account_list_settings (self);
  GPtrArray *pairs = g_ptr_array_new ();

  for (guint i = 0; keys[i] != NULL; i++)
    g_ptr_array_add (pairs, g_strconcat (keys[i], "=",
                                         (const char *) g_hash_table_lookup (self->settings, keys[i]),
                                         NULL));
  g_ptr_array_add (pairs, NULL);

  return (GStrv) g_ptr_array_free (pairs, FALSE);
}

static void
rapport_account_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RapportAccount *self = RAPPORT_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_IS_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_SETTINGS:
      g_value_take_boxed (value, settings_as_strv (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_account_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RapportAccount *self = RAPPORT_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_account_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_account_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_CHANNEL:
      rapport_account_set_channel (self, g_value_get_enum (value));
      break;

    case PROP_PROVIDER:
      rapport_account_set_provider (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      rapport_account_set_name (self, g_value_get_string (value));
      break;

    case PROP_IS_DEFAULT:
      rapport_account_set_is_default (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED_AT:
      rapport_account_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_account_set_updated_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_account_class_init (RapportAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = rapport_account_finalize;
  object_class->get_property = rapport_account_get_property;
  object_class->set_property = rapport_account_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL, RAPPORT_TYPE_CHANNEL, RAPPORT_CHANNEL_MAIL, flags);
  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_IS_DEFAULT] =
    g_param_spec_boolean ("is-default", NULL, NULL, FALSE, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SETTINGS] =
    g_param_spec_boxed ("settings", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_account_init (RapportAccount *self)
{
  self->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * rapport_account_new:
 *
 * Returns: (transfer full): a new, empty mail #RapportAccount
 */
RapportAccount *
rapport_account_new (void)
{
  return g_object_new (RAPPORT_TYPE_ACCOUNT, NULL);
}

/**
 * rapport_account_copy:
 * @self: a #RapportAccount
 *
 * Returns: (transfer full): a deep copy of @self, id and settings included
 */
RapportAccount *
rapport_account_copy (RapportAccount *self)
{
  RapportAccount *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (RAPPORT_IS_ACCOUNT (self), NULL);

  copy = rapport_account_new ();
  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->channel = self->channel;
  copy->provider = g_strdup (self->provider);
  copy->name = g_strdup (self->name);
  copy->is_default = self->is_default;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;

  g_hash_table_iter_init (&iter, self->settings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->settings, g_strdup (key), g_strdup (value));

  return copy;
}

#define DEFINE_INT64_ACCESSORS(field, PROP)                                   \
  gint64                                                                      \
  rapport_account_get_##field (RapportAccount *self)                         \
  {                                                                           \
    g_return_val_if_fail (RAPPORT_IS_ACCOUNT (self), 0);                     \
    return self->field;                                                       \
  }                                                                           \
                                                                              \
  void                                                                        \
  rapport_account_set_##field (RapportAccount *self,                         \
                               gint64          field)                        \
  {                                                                           \
    g_return_if_fail (RAPPORT_IS_ACCOUNT (self));                            \
    if (self->field == field)                                                 \
      return;                                                                 \
    self->field = field;                                                      \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);            \
  }

#define DEFINE_STRING_ACCESSORS(field, PROP)                                  \
  const char *                                                                \
  rapport_account_get_##field (RapportAccount *self)                         \
  {                                                                           \
    g_return_val_if_fail (RAPPORT_IS_ACCOUNT (self), NULL);                  \
    return self->field;                                                       \
  }                                                                           \
                                                                              \
  void                                                                        \
  rapport_account_set_##field (RapportAccount *self,                         \
                               const char     *field)                        \
  {                                                                           \
    g_return_if_fail (RAPPORT_IS_ACCOUNT (self));                            \
    if (g_strcmp0 (self->field, field) == 0)                                  \
      return;                                                                 \
    g_free (self->field);                                                     \
    self->field = g_strdup (field);                                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);            \
  }

DEFINE_INT64_ACCESSORS (id, PROP_ID)
DEFINE_INT64_ACCESSORS (created_at, PROP_CREATED_AT)
DEFINE_INT64_ACCESSORS (updated_at, PROP_UPDATED_AT)
DEFINE_STRING_ACCESSORS (uuid, PROP_UUID)
DEFINE_STRING_ACCESSORS (provider, PROP_PROVIDER)
DEFINE_STRING_ACCESSORS (name, PROP_NAME)

RapportChannel
rapport_account_get_channel (RapportAccount *self)
{
  g_return_val_if_fail (RAPPORT_IS_ACCOUNT (self), RAPPORT_CHANNEL_MAIL);

  return self->channel;
}

void
rapport_account_set_channel (RapportAccount *self,
                             RapportChannel  channel)
{
  g_return_if_fail (RAPPORT_IS_ACCOUNT (self));

  if (self->channel == channel)
    return;

  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

gboolean
rapport_account_get_is_default (RapportAccount *self)
{
  g_return_val_if_fail (RAPPORT_IS_ACCOUNT (self), FALSE);

  return self->is_default;
}

void
rapport_account_set_is_default (RapportAccount *self,
                                gboolean        is_default)
{
  g_return_if_fail (RAPPORT_IS_ACCOUNT (self));

  is_default = !!is_default;
  if (self->is_default == is_default)
    return;

  self->is_default = is_default;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEFAULT]);
}

const char *
rapport_account_get_setting (RapportAccount *self,
                             const char     *key)
{
  g_return_val_if_fail (RAPPORT_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->settings, key);
}

void
rapport_account_set_setting (RapportAccount *self,
                             const char     *key,
                             const char     *value)
{
  g_return_if_fail (RAPPORT_IS_ACCOUNT (self));
  g_return_if_fail (key != NULL && key[0] != '\0');

  if (value == NULL || value[0] == '\0')
    {
      if (!g_hash_table_remove (self->settings, key))
        return;
    }
  else
    {
      if (g_strcmp0 (g_hash_table_lookup (self->settings, key), value) == 0)
        return;
      g_hash_table_replace (self->settings, g_strdup (key), g_strdup (value));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * rapport_account_list_settings:
 *
 * Returns: (transfer full): the keys that are set, sorted
 */
GStrv
rapport_account_list_settings (RapportAccount *self)
{
  guint n = 0;
  GStrv keys;

  g_return_val_if_fail (RAPPORT_IS_ACCOUNT (self), NULL);

  keys = (GStrv) g_hash_table_get_keys_as_array (self->settings, &n);
  for (guint i = 0; i < n; i++)
    keys[i] = g_strdup (keys[i]);
  qsort (keys, n, sizeof (char *), compare_strings);

  return keys;
}

const char *
rapport_account_setting_default (const char *provider,
                                 const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (setting_defaults); i++)
    if (g_strcmp0 (setting_defaults[i].provider, provider) == 0 &&
        strcmp (setting_defaults[i].key, key) == 0)
      return setting_defaults[i].value;

  return NULL;
}

const char *
rapport_account_get_effective_setting (RapportAccount *self,
                                       const char     *key)
{
  const char *value;

  g_return_val_if_fail (RAPPORT_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  value = g_hash_table_lookup (self->settings, key);
  if (value != NULL)
    return value;

  return rapport_account_setting_default (self->provider, key);
}

gboolean
rapport_account_provider_channel (const char     *provider,
                                  RapportChannel *out_channel)
{
  RapportChannel channel;

  if (g_strcmp0 (provider, RAPPORT_PROVIDER_SMTP) == 0)
    channel = RAPPORT_CHANNEL_MAIL;
  else if (g_strcmp0 (provider, RAPPORT_PROVIDER_ALIYUN) == 0 ||
           g_strcmp0 (provider, RAPPORT_PROVIDER_TENCENT) == 0 ||
           g_strcmp0 (provider, RAPPORT_PROVIDER_TWILIO) == 0 ||
           g_strcmp0 (provider, RAPPORT_PROVIDER_HTTP) == 0)
    channel = RAPPORT_CHANNEL_SMS;
  else
    return FALSE;

  if (out_channel != NULL)
    *out_channel = channel;
  return TRUE;
}

gboolean
rapport_account_url_is_allowed (const char *url)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  /* Plain HTTP only to a peer on this machine (the tests' loopback peers). */
  return g_ascii_strcasecmp (scheme, "http") == 0 &&
         (strcmp (host, "127.0.0.1") == 0 ||
          g_ascii_strcasecmp (host, "localhost") == 0 ||
          strcmp (host, "::1") == 0);
}

typedef struct
{
  const char *key;
  const char *label;   /* untranslated, names the field */
} RequiredKey;

static const RequiredKey smtp_required[] = {
  { "host", N_("Server") }, { "port", N_("Port") }, { "sender-address", N_("Sender address") }, { NULL, NULL },
};
static const RequiredKey aliyun_required[] = {
  { "access-key-id", N_("AccessKey ID") }, { "sign-name", N_("Sign name") },
  { "template-code", N_("Template code") }, { NULL, NULL },
};
static const RequiredKey tencent_required[] = {
  { "secret-id", N_("SecretId") }, { "sdk-app-id", N_("SDK App ID") }, { "sign-name", N_("Sign name") },
  { "template-id", N_("Template ID") }, { NULL, NULL },
};
static const RequiredKey twilio_required[] = {
  { "account-sid", N_("Account SID") }, { "from", N_("Sender number") }, { NULL, NULL },
};
static const RequiredKey http_required[] = {
  { "url", N_("Gateway URL") }, { NULL, NULL },
};

static gboolean
invalid_setting (GError    **error,
                 const char *message)
{
  g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING, message);
  return FALSE;
}

static gboolean
check_endpoint (RapportAccount  *self,
                const char      *key,
                const char      *label,
                GError         **error)
{
  const char *url = rapport_account_get_effective_setting (self, key);

  if (url != NULL && !rapport_account_url_is_allowed (url))
    {
      g_autofree char *shown = rapport_text_truncate (url, 60);

      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_URL,
                   /* Translators: %s names the field (“Gateway URL”), the second %s is the address. */
                   _("%s: “%s” is not an https:// address"), label, shown);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_smtp (RapportAccount  *self,
            GError         **error)
{
  const char *port_text = rapport_account_get_setting (self, "port");
  const char *security = rapport_account_get_effective_setting (self, "security");
  guint64 port = 0;

  if (!g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL))
    return invalid_setting (error, _("The port must be a number from 1 to 65535"));

  if (g_strcmp0 (security, "starttls") != 0 && g_strcmp0 (security, "tls") != 0 &&
      g_strcmp0 (security, "none") != 0)
    return invalid_setting (error, _("Choose the connection security: STARTTLS, TLS or none"));

  if (!rapport_email_normalize (rapport_account_get_setting (self, "sender-address"), NULL, NULL))
    {
      g_autofree char *shown = rapport_text_truncate (rapport_account_get_setting (self, "sender-address"), 60);

      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_EMAIL,
                   _("The sender address “%s” is not an e-mail address"), shown);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_http (RapportAccount  *self,
            GError         **error)
{
  const char *method = rapport_account_get_effective_setting (self, "method");
  const char *body = rapport_account_get_effective_setting (self, "body");
  const char *status = rapport_account_get_setting (self, "success-status");
  const char *body_template = rapport_account_get_setting (self, "body-template");

  if (!check_endpoint (self, "url", _("Gateway URL"), error))
    return FALSE;

  if (g_ascii_strcasecmp (method, "GET") != 0 && g_ascii_strcasecmp (method, "POST") != 0)
    return invalid_setting (error, _("The gateway’s method must be GET or POST"));

  if (strcmp (body, "form") != 0 && strcmp (body, "json") != 0)
    return invalid_setting (error, _("The gateway’s body must be a form or JSON"));

  if (body_template != NULL && (strstr (body_template, "{to}") == NULL || strstr (body_template, "{text}") == NULL))
    return invalid_setting (error, _("The body template must contain {to} and {text}"));

  if (status != NULL && !g_ascii_string_to_unsigned (status, 10, 100, 599, NULL, NULL))
    return invalid_setting (error, _("The success status must be an HTTP status such as 200"));

  return TRUE;
}

/**
 * rapport_account_validate:
 * @error: a RAPPORT_VALIDATION_ERROR with a translated message naming the field
 *
 * Returns: %TRUE when the account can be saved and used
 */
gboolean
rapport_account_validate (RapportAccount  *self,
                          GError         **error)
{
  const RequiredKey *required;
  RapportChannel channel;

  g_return_val_if_fail (RAPPORT_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rapport_account_provider_channel (self->provider, &channel) || channel != self->channel)
    return invalid_setting (error, _("Choose the kind of account"));

  if (!rapport_name_validate (self->name, error))
    return FALSE;

  if (strcmp (self->provider, RAPPORT_PROVIDER_SMTP) == 0)
    required = smtp_required;
  else if (strcmp (self->provider, RAPPORT_PROVIDER_ALIYUN) == 0)
    required = aliyun_required;
  else if (strcmp (self->provider, RAPPORT_PROVIDER_TENCENT) == 0)
    required = tencent_required;
  else if (strcmp (self->provider, RAPPORT_PROVIDER_TWILIO) == 0)
    required = twilio_required;
  else
    required = http_required;

  for (guint i = 0; required[i].key != NULL; i++)
    {
      g_autofree char *value = g_strdup (rapport_account_get_setting (self, required[i].key));

      if (value == NULL || g_strstrip (value)[0] == '\0')
        {
          g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY,
                       /* Translators: %s names the field, e.g. “Sign name”. */
                       _("Enter the %s"), _(required[i].label));
          return FALSE;
        }
    }

  if (strcmp (self->provider, RAPPORT_PROVIDER_SMTP) == 0)
    return check_smtp (self, error);
  if (strcmp (self->provider, RAPPORT_PROVIDER_HTTP) == 0)
    return check_http (self, error);

  return check_endpoint (self, "endpoint", _("Endpoint"), error);
}

/**
 * rapport_mail_presets:
 * @n_presets: (out): how many
 *
 * Returns: (array length=n_presets) (transfer none): the mail presets
 */
const RapportMailPreset *
rapport_mail_presets (guint *n_presets)
{
  g_return_val_if_fail (n_presets != NULL, NULL);

  *n_presets = G_N_ELEMENTS (mail_presets);
  return mail_presets;
}

const char *
rapport_mail_preset_get_label (const RapportMailPreset *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  return _(preset->label);
}

const char *
rapport_mail_preset_get_hint (const RapportMailPreset *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  return _(preset->hint);
}

void
rapport_account_apply_mail_preset (RapportAccount          *self,
                                   const RapportMailPreset *preset)
{
  char port[16];

  g_return_if_fail (RAPPORT_IS_ACCOUNT (self));
  g_return_if_fail (preset != NULL);

  g_snprintf (port, sizeof port, "%u", preset->port);
  rapport_account_set_setting (self, "host", preset->host);
  rapport_account_set_setting (self, "port", port);
  rapport_account_set_setting (self, "security", preset->security);
}
