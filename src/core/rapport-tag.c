/* rapport-tag.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-tag"

#include "config.h"

#include "rapport-tag.h"

struct _RapportTag
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *name;
  guint n_customers;
};

G_DEFINE_FINAL_TYPE (RapportTag, rapport_tag, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_NAME,
  PROP_N_CUSTOMERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_tag_finalize (GObject *object)
{
  RapportTag *self = RAPPORT_TAG (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (rapport_tag_parent_class)->finalize (object);
}

static void
rapport_tag_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RapportTag *self = RAPPORT_TAG (object);

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

    case PROP_N_CUSTOMERS:
      g_value_set_uint (value, self->n_customers);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_tag_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RapportTag *self = RAPPORT_TAG (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_tag_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_tag_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      rapport_tag_set_name (self, g_value_get_string (value));
      break;

    case PROP_N_CUSTOMERS:
      rapport_tag_set_n_customers (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_tag_class_init (RapportTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_tag_finalize;
  object_class->get_property = rapport_tag_get_property;
  object_class->set_property = rapport_tag_set_property;

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

  properties[PROP_N_CUSTOMERS] =
    g_param_spec_uint ("n-customers", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_tag_init (RapportTag *self)
{
}

/**
 * rapport_tag_new:
 *
 * Returns: (transfer full): a new, empty #RapportTag
 */
RapportTag *
rapport_tag_new (void)
{
  return g_object_new (RAPPORT_TYPE_TAG, NULL);
}

/**
 * rapport_tag_copy:
 * @self: a #RapportTag
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportTag *
rapport_tag_copy (RapportTag *self)
{
  RapportTag *copy;

  g_return_val_if_fail (RAPPORT_IS_TAG (self), NULL);

  copy = rapport_tag_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->name = g_strdup (self->name);
  copy->n_customers = self->n_customers;

  return copy;
}

gint64
rapport_tag_get_id (RapportTag *self)
{
  g_return_val_if_fail (RAPPORT_IS_TAG (self), 0);

  return self->id;
}

void
rapport_tag_set_id (RapportTag *self,
                    gint64      id)
{
  g_return_if_fail (RAPPORT_IS_TAG (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_tag_get_uuid (RapportTag *self)
{
  g_return_val_if_fail (RAPPORT_IS_TAG (self), NULL);

  return self->uuid;
}

void
rapport_tag_set_uuid (RapportTag *self,
                      const char *uuid)
{
  g_return_if_fail (RAPPORT_IS_TAG (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
rapport_tag_get_name (RapportTag *self)
{
  g_return_val_if_fail (RAPPORT_IS_TAG (self), NULL);

  return self->name;
}

void
rapport_tag_set_name (RapportTag *self,
                      const char *name)
{
  g_return_if_fail (RAPPORT_IS_TAG (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

guint
rapport_tag_get_n_customers (RapportTag *self)
{
  g_return_val_if_fail (RAPPORT_IS_TAG (self), 0);

  return self->n_customers;
}

void
rapport_tag_set_n_customers (RapportTag *self,
                             guint       n_customers)
{
  g_return_if_fail (RAPPORT_IS_TAG (self));

  if (self->n_customers == n_customers)
    return;

  self->n_customers = n_customers;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CUSTOMERS]);
}
