/* rapport-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-message"

#include "config.h"

#include "rapport-message.h"

struct _RapportMessage
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  RapportChannel channel;
  gint64 account_id;
  gint64 customer_id;
  gint64 contact_id;
  char *recipient;
  char *recipient_name;
  char *subject;
  char *body;
  gboolean is_marketing;
  RapportMessageState state;
  guint attempts;
  char *error;
  gint64 not_before;
  gint64 rule_id;
  char *occasion_key;
  char *provider_id;
  gint64 interaction_id;
  gint64 sent_at;
  gint64 created_at;
  gint64 updated_at;
  char *customer_name;
};

G_DEFINE_FINAL_TYPE (RapportMessage, rapport_message, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CHANNEL,
  PROP_ACCOUNT_ID,
  PROP_CUSTOMER_ID,
  PROP_CONTACT_ID,
  PROP_RECIPIENT,
  PROP_RECIPIENT_NAME,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_IS_MARKETING,
  PROP_STATE,
  PROP_ATTEMPTS,
  PROP_ERROR,
  PROP_NOT_BEFORE,
  PROP_RULE_ID,
  PROP_OCCASION_KEY,
  PROP_PROVIDER_ID,
  PROP_INTERACTION_ID,
  PROP_SENT_AT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_CUSTOMER_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_message_finalize (GObject *object)
{
  RapportMessage *self = RAPPORT_MESSAGE (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->recipient, g_free);
  g_clear_pointer (&self->recipient_name, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->occasion_key, g_free);
  g_clear_pointer (&self->provider_id, g_free);
  g_clear_pointer (&self->customer_name, g_free);

  G_OBJECT_CLASS (rapport_message_parent_class)->finalize (object);
}

static void
rapport_message_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportMessage *self = RAPPORT_MESSAGE (object);

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

    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, self->account_id);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;

    case PROP_RECIPIENT:
      g_value_set_string (value, self->recipient);
      break;

    case PROP_RECIPIENT_NAME:
      g_value_set_string (value, self->recipient_name);
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_IS_MARKETING:
      g_value_set_boolean (value, self->is_marketing);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_NOT_BEFORE:
      g_value_set_int64 (value, self->not_before);
      break;

    case PROP_RULE_ID:
      g_value_set_int64 (value, self->rule_id);
      break;

    case PROP_OCCASION_KEY:
      g_value_set_string (value, self->occasion_key);
      break;

    case PROP_PROVIDER_ID:
      g_value_set_string (value, self->provider_id);
      break;

    case PROP_INTERACTION_ID:
      g_value_set_int64 (value, self->interaction_id);
      break;

    case PROP_SENT_AT:
      g_value_set_int64 (value, self->sent_at);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_message_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportMessage *self = RAPPORT_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_message_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_message_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_CHANNEL:
      rapport_message_set_channel (self, g_value_get_enum (value));
      break;

    case PROP_ACCOUNT_ID:
      rapport_message_set_account_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_ID:
      rapport_message_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_CONTACT_ID:
      rapport_message_set_contact_id (self, g_value_get_int64 (value));
      break;

    case PROP_RECIPIENT:
      rapport_message_set_recipient (self, g_value_get_string (value));
      break;

    case PROP_RECIPIENT_NAME:
      rapport_message_set_recipient_name (self, g_value_get_string (value));
      break;

    case PROP_SUBJECT:
      rapport_message_set_subject (self, g_value_get_string (value));
      break;

    case PROP_BODY:
      rapport_message_set_body (self, g_value_get_string (value));
      break;

    case PROP_IS_MARKETING:
      rapport_message_set_is_marketing (self, g_value_get_boolean (value));
      break;

    case PROP_STATE:
      rapport_message_set_state (self, g_value_get_enum (value));
      break;

    case PROP_ATTEMPTS:
      rapport_message_set_attempts (self, g_value_get_uint (value));
      break;

    case PROP_ERROR:
      rapport_message_set_error (self, g_value_get_string (value));
      break;

    case PROP_NOT_BEFORE:
      rapport_message_set_not_before (self, g_value_get_int64 (value));
      break;

    case PROP_RULE_ID:
      rapport_message_set_rule_id (self, g_value_get_int64 (value));
      break;

    case PROP_OCCASION_KEY:
      rapport_message_set_occasion_key (self, g_value_get_string (value));
      break;

    case PROP_PROVIDER_ID:
      rapport_message_set_provider_id (self, g_value_get_string (value));
      break;

    case PROP_INTERACTION_ID:
      rapport_message_set_interaction_id (self, g_value_get_int64 (value));
      break;

    case PROP_SENT_AT:
      rapport_message_set_sent_at (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      rapport_message_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_message_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_NAME:
      rapport_message_set_customer_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_message_class_init (RapportMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_message_finalize;
  object_class->get_property = rapport_message_get_property;
  object_class->set_property = rapport_message_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       RAPPORT_TYPE_CHANNEL, RAPPORT_CHANNEL_MAIL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_RECIPIENT] =
    g_param_spec_string ("recipient", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_RECIPIENT_NAME] =
    g_param_spec_string ("recipient-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_MARKETING] =
    g_param_spec_boolean ("is-marketing", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       RAPPORT_TYPE_MESSAGE_STATE, RAPPORT_MESSAGE_STATE_QUEUED,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NOT_BEFORE] =
    g_param_spec_int64 ("not-before", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_RULE_ID] =
    g_param_spec_int64 ("rule-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OCCASION_KEY] =
    g_param_spec_string ("occasion-key", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PROVIDER_ID] =
    g_param_spec_string ("provider-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_INTERACTION_ID] =
    g_param_spec_int64 ("interaction-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SENT_AT] =
    g_param_spec_int64 ("sent-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_message_init (RapportMessage *self)
{
  self->channel = RAPPORT_CHANNEL_MAIL;
  self->state = RAPPORT_MESSAGE_STATE_QUEUED;
}

/**
 * rapport_message_new:
 *
 * Returns: (transfer full): a new, empty #RapportMessage
 */
RapportMessage *
rapport_message_new (void)
{
  return g_object_new (RAPPORT_TYPE_MESSAGE, NULL);
}

/**
 * rapport_message_copy:
 * @self: a #RapportMessage
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportMessage *
rapport_message_copy (RapportMessage *self)
{
  RapportMessage *copy;

  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), NULL);

  copy = rapport_message_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->channel = self->channel;
  copy->account_id = self->account_id;
  copy->customer_id = self->customer_id;
  copy->contact_id = self->contact_id;
  copy->recipient = g_strdup (self->recipient);
  copy->recipient_name = g_strdup (self->recipient_name);
  copy->subject = g_strdup (self->subject);
  copy->body = g_strdup (self->body);
  copy->is_marketing = self->is_marketing;
  copy->state = self->state;
  copy->attempts = self->attempts;
  copy->error = g_strdup (self->error);
  copy->not_before = self->not_before;
  copy->rule_id = self->rule_id;
  copy->occasion_key = g_strdup (self->occasion_key);
  copy->provider_id = g_strdup (self->provider_id);
  copy->interaction_id = self->interaction_id;
  copy->sent_at = self->sent_at;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->customer_name = g_strdup (self->customer_name);

  return copy;
}

gint64
rapport_message_get_id (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->id;
}

void
rapport_message_set_id (RapportMessage *self,
    gint64 id)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_message_get_uuid (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), NULL);

  return self->uuid;
}

void
rapport_message_set_uuid (RapportMessage *self,
    const char *uuid)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

RapportChannel
rapport_message_get_channel (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), RAPPORT_CHANNEL_MAIL);

  return self->channel;
}

void
rapport_message_set_channel (RapportMessage *self,
    RapportChannel channel)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->channel == channel)
    return;

  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

gint64
rapport_message_get_account_id (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->account_id;
}

void
rapport_message_set_account_id (RapportMessage *self,
    gint64 account_id)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->account_id == account_id)
    return;

  self->account_id = account_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
}

gint64
rapport_message_get_customer_id (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->customer_id;
}

void
rapport_message_set_customer_id (RapportMessage *self,
    gint64 customer_id)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

gint64
rapport_message_get_contact_id (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->contact_id;
}

void
rapport_message_set_contact_id (RapportMessage *self,
    gint64 contact_id)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->contact_id == contact_id)
    return;

  self->contact_id = contact_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

const char *
rapport_message_get_recipient (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), NULL);

  return self->recipient;
}

void
rapport_message_set_recipient (RapportMessage *self,
    const char *recipient)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (g_strcmp0 (self->recipient, recipient) == 0)
    return;

  g_free (self->recipient);
  self->recipient = g_strdup (recipient);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENT]);
}

const char *
rapport_message_get_recipient_name (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), NULL);

  return self->recipient_name;
}

void
rapport_message_set_recipient_name (RapportMessage *self,
    const char *recipient_name)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (g_strcmp0 (self->recipient_name, recipient_name) == 0)
    return;

  g_free (self->recipient_name);
  self->recipient_name = g_strdup (recipient_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENT_NAME]);
}

const char *
rapport_message_get_subject (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), NULL);

  return self->subject;
}

void
rapport_message_set_subject (RapportMessage *self,
    const char *subject)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (g_strcmp0 (self->subject, subject) == 0)
    return;

  g_free (self->subject);
  self->subject = g_strdup (subject);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT]);
}

const char *
rapport_message_get_body (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), NULL);

  return self->body;
}

void
rapport_message_set_body (RapportMessage *self,
    const char *body)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (g_strcmp0 (self->body, body) == 0)
    return;

  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

gboolean
rapport_message_get_is_marketing (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), FALSE);

  return self->is_marketing;
}

void
rapport_message_set_is_marketing (RapportMessage *self,
    gboolean is_marketing)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  is_marketing = !!is_marketing;
  if (self->is_marketing == is_marketing)
    return;

  self->is_marketing = is_marketing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_MARKETING]);
}

RapportMessageState
rapport_message_get_state (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), RAPPORT_MESSAGE_STATE_QUEUED);

  return self->state;
}

void
rapport_message_set_state (RapportMessage *self,
    RapportMessageState state)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

guint
rapport_message_get_attempts (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->attempts;
}

void
rapport_message_set_attempts (RapportMessage *self,
    guint attempts)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->attempts == attempts)
    return;

  self->attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
}

const char *
rapport_message_get_error (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), NULL);

  return self->error;
}

void
rapport_message_set_error (RapportMessage *self,
    const char *error)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (g_strcmp0 (self->error, error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

gint64
rapport_message_get_not_before (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->not_before;
}

void
rapport_message_set_not_before (RapportMessage *self,
    gint64 not_before)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->not_before == not_before)
    return;

  self->not_before = not_before;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOT_BEFORE]);
}

gint64
rapport_message_get_rule_id (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->rule_id;
}

void
rapport_message_set_rule_id (RapportMessage *self,
    gint64 rule_id)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->rule_id == rule_id)
    return;

  self->rule_id = rule_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULE_ID]);
}

const char *
rapport_message_get_occasion_key (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), NULL);

  return self->occasion_key;
}

void
rapport_message_set_occasion_key (RapportMessage *self,
    const char *occasion_key)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (g_strcmp0 (self->occasion_key, occasion_key) == 0)
    return;

  g_free (self->occasion_key);
  self->occasion_key = g_strdup (occasion_key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OCCASION_KEY]);
}

const char *
rapport_message_get_provider_id (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), NULL);

  return self->provider_id;
}

void
rapport_message_set_provider_id (RapportMessage *self,
    const char *provider_id)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (g_strcmp0 (self->provider_id, provider_id) == 0)
    return;

  g_free (self->provider_id);
  self->provider_id = g_strdup (provider_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER_ID]);
}

gint64
rapport_message_get_interaction_id (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->interaction_id;
}

void
rapport_message_set_interaction_id (RapportMessage *self,
    gint64 interaction_id)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->interaction_id == interaction_id)
    return;

  self->interaction_id = interaction_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERACTION_ID]);
}

gint64
rapport_message_get_sent_at (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->sent_at;
}

void
rapport_message_set_sent_at (RapportMessage *self,
    gint64 sent_at)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->sent_at == sent_at)
    return;

  self->sent_at = sent_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENT_AT]);
}

gint64
rapport_message_get_created_at (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->created_at;
}

void
rapport_message_set_created_at (RapportMessage *self,
    gint64 created_at)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_message_get_updated_at (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), 0);

  return self->updated_at;
}

void
rapport_message_set_updated_at (RapportMessage *self,
    gint64 updated_at)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

const char *
rapport_message_get_customer_name (RapportMessage *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (self), NULL);

  return self->customer_name;
}

void
rapport_message_set_customer_name (RapportMessage *self,
    const char *customer_name)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (self));

  if (g_strcmp0 (self->customer_name, customer_name) == 0)
    return;

  g_free (self->customer_name);
  self->customer_name = g_strdup (customer_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}
