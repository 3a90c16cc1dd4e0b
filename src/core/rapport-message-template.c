/* rapport-message-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-message-template"

#include "config.h"

#include "rapport-message-template.h"

struct _RapportMessageTemplate
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *name;
  RapportChannel channel;
  char *subject;
  char *body;
  gint64 created_at;
  gint64 updated_at;
  gint64 deleted_at;
};

G_DEFINE_FINAL_TYPE (RapportMessageTemplate, rapport_message_template, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_NAME,
  PROP_CHANNEL,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_message_template_finalize (GObject *object)
{
  RapportMessageTemplate *self = RAPPORT_MESSAGE_TEMPLATE (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->body, g_free);

  G_OBJECT_CLASS (rapport_message_template_parent_class)->finalize (object);
}

static void
rapport_message_template_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RapportMessageTemplate *self = RAPPORT_MESSAGE_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_DELETED_AT:
      g_value_set_int64 (value, self->deleted_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_message_template_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RapportMessageTemplate *self = RAPPORT_MESSAGE_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_message_template_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_message_template_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      rapport_message_template_set_name (self, g_value_get_string (value));
      break;

    case PROP_CHANNEL:
      rapport_message_template_set_channel (self, g_value_get_enum (value));
      break;

    case PROP_SUBJECT:
      rapport_message_template_set_subject (self, g_value_get_string (value));
      break;

    case PROP_BODY:
      rapport_message_template_set_body (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      rapport_message_template_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_message_template_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      rapport_message_template_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_message_template_class_init (RapportMessageTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_message_template_finalize;
  object_class->get_property = rapport_message_template_get_property;
  object_class->set_property = rapport_message_template_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       RAPPORT_TYPE_CHANNEL, RAPPORT_CHANNEL_MAIL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DELETED_AT] =
    g_param_spec_int64 ("deleted-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_message_template_init (RapportMessageTemplate *self)
{
  self->channel = RAPPORT_CHANNEL_MAIL;
}

/**
 * rapport_message_template_new:
 *
 * Returns: (transfer full): a new, empty #RapportMessageTemplate
 */
RapportMessageTemplate *
rapport_message_template_new (void)
{
  return g_object_new (RAPPORT_TYPE_MESSAGE_TEMPLATE, NULL);
}

/**
 * rapport_message_template_copy:
 * @self: a #RapportMessageTemplate
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportMessageTemplate *
rapport_message_template_copy (RapportMessageTemplate *self)
{
  RapportMessageTemplate *copy;

  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self), NULL);

  copy = rapport_message_template_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->name = g_strdup (self->name);
  copy->channel = self->channel;
  copy->subject = g_strdup (self->subject);
  copy->body = g_strdup (self->body);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->deleted_at = self->deleted_at;

  return copy;
}

gint64
rapport_message_template_get_id (RapportMessageTemplate *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self), 0);

  return self->id;
}

void
rapport_message_template_set_id (RapportMessageTemplate *self,
    gint64 id)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_message_template_get_uuid (RapportMessageTemplate *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self), NULL);

  return self->uuid;
}

void
rapport_message_template_set_uuid (RapportMessageTemplate *self,
    const char *uuid)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
rapport_message_template_get_name (RapportMessageTemplate *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self), NULL);

  return self->name;
}

void
rapport_message_template_set_name (RapportMessageTemplate *self,
    const char *name)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

RapportChannel
rapport_message_template_get_channel (RapportMessageTemplate *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self), RAPPORT_CHANNEL_MAIL);

  return self->channel;
}

void
rapport_message_template_set_channel (RapportMessageTemplate *self,
    RapportChannel channel)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self));

  if (self->channel == channel)
    return;

  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

const char *
rapport_message_template_get_subject (RapportMessageTemplate *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self), NULL);

  return self->subject;
}

void
rapport_message_template_set_subject (RapportMessageTemplate *self,
    const char *subject)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self));

  if (g_strcmp0 (self->subject, subject) == 0)
    return;

  g_free (self->subject);
  self->subject = g_strdup (subject);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT]);
}

const char *
rapport_message_template_get_body (RapportMessageTemplate *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self), NULL);

  return self->body;
}

void
rapport_message_template_set_body (RapportMessageTemplate *self,
    const char *body)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self));

  if (g_strcmp0 (self->body, body) == 0)
    return;

  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

gint64
rapport_message_template_get_created_at (RapportMessageTemplate *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self), 0);

  return self->created_at;
}

void
rapport_message_template_set_created_at (RapportMessageTemplate *self,
    gint64 created_at)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_message_template_get_updated_at (RapportMessageTemplate *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self), 0);

  return self->updated_at;
}

void
rapport_message_template_set_updated_at (RapportMessageTemplate *self,
    gint64 updated_at)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
rapport_message_template_get_deleted_at (RapportMessageTemplate *self)
{
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self), 0);

  return self->deleted_at;
}

void
rapport_message_template_set_deleted_at (RapportMessageTemplate *self,
    gint64 deleted_at)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}
