/* rapport-duplicate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-duplicate"

#include "config.h"

#include "rapport-duplicate.h"

struct _RapportDuplicate
{
  GObject  parent_instance;

  gint64   customer_id;
  gint64   contact_id;
  char    *name;
  char    *customer_name;
  char    *reason;
};

G_DEFINE_FINAL_TYPE (RapportDuplicate, rapport_duplicate, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CUSTOMER_ID,
  PROP_CONTACT_ID,
  PROP_NAME,
  PROP_CUSTOMER_NAME,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_duplicate_finalize (GObject *object)
{
  RapportDuplicate *self = RAPPORT_DUPLICATE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (rapport_duplicate_parent_class)->finalize (object);
}

static void
rapport_duplicate_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RapportDuplicate *self = RAPPORT_DUPLICATE (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_duplicate_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RapportDuplicate *self = RAPPORT_DUPLICATE (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_ID:
      self->customer_id = g_value_get_int64 (value);
      break;
    case PROP_CONTACT_ID:
      self->contact_id = g_value_get_int64 (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_CUSTOMER_NAME:
      self->customer_name = g_value_dup_string (value);
      break;
    case PROP_REASON:
      self->reason = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_duplicate_class_init (RapportDuplicateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_duplicate_finalize;
  object_class->get_property = rapport_duplicate_get_property;
  object_class->set_property = rapport_duplicate_set_property;

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_duplicate_init (RapportDuplicate *self)
{
}

RapportDuplicate *
rapport_duplicate_new (gint64      customer_id,
                       gint64      contact_id,
                       const char *name,
                       const char *customer_name,
                       const char *reason)
{
  return g_object_new (RAPPORT_TYPE_DUPLICATE,
                       "customer-id", customer_id,
                       "contact-id", contact_id,
                       "name", name,
                       "customer-name", customer_name,
                       "reason", reason,
                       NULL);
}

gint64
rapport_duplicate_get_customer_id (RapportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATE (self), 0);

  return self->customer_id;
}

gint64
rapport_duplicate_get_contact_id (RapportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATE (self), 0);

  return self->contact_id;
}

const char *
rapport_duplicate_get_name (RapportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATE (self), NULL);

  return self->name;
}

const char *
rapport_duplicate_get_customer_name (RapportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATE (self), NULL);

  return self->customer_name;
}

const char *
rapport_duplicate_get_reason (RapportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATE (self), NULL);

  return self->reason;
}
