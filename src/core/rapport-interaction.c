/* rapport-interaction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-interaction"

#include "config.h"

#include "rapport-interaction.h"

struct _RapportInteraction
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 customer_id;
  gint64 contact_id;
  char *contact_name;
  RapportInteractionKind kind;
  gint64 occurred_at;
  char *summary;
  char *details;
  char *outcome;
  gint64 created_at;
  gint64 updated_at;
  gint64 deleted_at;
};

G_DEFINE_FINAL_TYPE (RapportInteraction, rapport_interaction, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CUSTOMER_ID,
  PROP_CONTACT_ID,
  PROP_CONTACT_NAME,
  PROP_KIND,
  PROP_OCCURRED_AT,
  PROP_SUMMARY,
  PROP_DETAILS,
  PROP_OUTCOME,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_interaction_finalize (GObject *object)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->contact_name, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->outcome, g_free);

  G_OBJECT_CLASS (rapport_interaction_parent_class)->finalize (object);
}

static void
rapport_interaction_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;

    case PROP_CONTACT_NAME:
      g_value_set_string (value, self->contact_name);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_OCCURRED_AT:
      g_value_set_int64 (value, self->occurred_at);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;

    case PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
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
rapport_interaction_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_interaction_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_interaction_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      rapport_interaction_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_CONTACT_ID:
      rapport_interaction_set_contact_id (self, g_value_get_int64 (value));
      break;

    case PROP_CONTACT_NAME:
      rapport_interaction_set_contact_name (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      rapport_interaction_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_OCCURRED_AT:
      rapport_interaction_set_occurred_at (self, g_value_get_int64 (value));
      break;

    case PROP_SUMMARY:
      rapport_interaction_set_summary (self, g_value_get_string (value));
      break;

    case PROP_DETAILS:
      rapport_interaction_set_details (self, g_value_get_string (value));
      break;

    case PROP_OUTCOME:
      rapport_interaction_set_outcome (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      rapport_interaction_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_interaction_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      rapport_interaction_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_class_init (RapportInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_interaction_finalize;
  object_class->get_property = rapport_interaction_get_property;
  object_class->set_property = rapport_interaction_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_NAME] =
    g_param_spec_string ("contact-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       RAPPORT_TYPE_INTERACTION_KIND, RAPPORT_INTERACTION_KIND_CALL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OCCURRED_AT] =
    g_param_spec_int64 ("occurred-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OUTCOME] =
    g_param_spec_string ("outcome", NULL, NULL,
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
rapport_interaction_init (RapportInteraction *self)
{
  self->kind = RAPPORT_INTERACTION_KIND_CALL;
}

/**
 * rapport_interaction_new:
 *
 * Returns: (transfer full): a new, empty #RapportInteraction
 */
RapportInteraction *
rapport_interaction_new (void)
{
  return g_object_new (RAPPORT_TYPE_INTERACTION, NULL);
}

/**
 * rapport_interaction_copy:
 * @self: a #RapportInteraction
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportInteraction *
rapport_interaction_copy (RapportInteraction *self)
{
  RapportInteraction *copy;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  copy = rapport_interaction_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->customer_id = self->customer_id;
  copy->contact_id = self->contact_id;
  copy->contact_name = g_strdup (self->contact_name);
  copy->kind = self->kind;
  copy->occurred_at = self->occurred_at;
  copy->summary = g_strdup (self->summary);
  copy->details = g_strdup (self->details);
  copy->outcome = g_strdup (self->outcome);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->deleted_at = self->deleted_at;

  return copy;
}

gint64
rapport_interaction_get_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->id;
}

void
rapport_interaction_set_id (RapportInteraction *self,
                            gint64              id)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_interaction_get_uuid (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  return self->uuid;
}

void
rapport_interaction_set_uuid (RapportInteraction *self,
                              const char         *uuid)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
rapport_interaction_get_customer_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->customer_id;
}

void
rapport_interaction_set_customer_id (RapportInteraction *self,
                                     gint64              customer_id)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

gint64
rapport_interaction_get_contact_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->contact_id;
}

void
rapport_interaction_set_contact_id (RapportInteraction *self,
                                    gint64              contact_id)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (self->contact_id == contact_id)
    return;

  self->contact_id = contact_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

const char *
rapport_interaction_get_contact_name (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  return self->contact_name;
}

void
rapport_interaction_set_contact_name (RapportInteraction *self,
                                      const char         *contact_name)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (g_strcmp0 (self->contact_name, contact_name) == 0)
    return;

  g_free (self->contact_name);
  self->contact_name = g_strdup (contact_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_NAME]);
}

RapportInteractionKind
rapport_interaction_get_kind (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->kind;
}

void
rapport_interaction_set_kind (RapportInteraction    *self,
                              RapportInteractionKind kind)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

gint64
rapport_interaction_get_occurred_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->occurred_at;
}

void
rapport_interaction_set_occurred_at (RapportInteraction *self,
                                     gint64              occurred_at)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (self->occurred_at == occurred_at)
    return;

  self->occurred_at = occurred_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OCCURRED_AT]);
}

const char *
rapport_interaction_get_summary (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  return self->summary;
}

void
rapport_interaction_set_summary (RapportInteraction *self,
                                 const char         *summary)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (g_strcmp0 (self->summary, summary) == 0)
    return;

  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

const char *
rapport_interaction_get_details (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  return self->details;
}

void
rapport_interaction_set_details (RapportInteraction *self,
                                 const char         *details)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (g_strcmp0 (self->details, details) == 0)
    return;

  g_free (self->details);
  self->details = g_strdup (details);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

const char *
rapport_interaction_get_outcome (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  return self->outcome;
}

void
rapport_interaction_set_outcome (RapportInteraction *self,
                                 const char         *outcome)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (g_strcmp0 (self->outcome, outcome) == 0)
    return;

  g_free (self->outcome);
  self->outcome = g_strdup (outcome);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
}

gint64
rapport_interaction_get_created_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->created_at;
}

void
rapport_interaction_set_created_at (RapportInteraction *self,
                                    gint64              created_at)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_interaction_get_updated_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->updated_at;
}

void
rapport_interaction_set_updated_at (RapportInteraction *self,
                                    gint64              updated_at)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
rapport_interaction_get_deleted_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->deleted_at;
}

void
rapport_interaction_set_deleted_at (RapportInteraction *self,
                                    gint64              deleted_at)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}
