/* rapport-order.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-order"

#include "config.h"

#include "rapport-order.h"

struct _RapportOrder
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 customer_id;
  char *ordered_on;
  gint64 amount;
  char *currency;
  char *description;
  gint64 created_at;
  gint64 updated_at;
  gint64 deleted_at;
};

G_DEFINE_FINAL_TYPE (RapportOrder, rapport_order, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CUSTOMER_ID,
  PROP_ORDERED_ON,
  PROP_AMOUNT,
  PROP_CURRENCY,
  PROP_DESCRIPTION,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_order_finalize (GObject *object)
{
  RapportOrder *self = RAPPORT_ORDER (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->ordered_on, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (rapport_order_parent_class)->finalize (object);
}

static void
rapport_order_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RapportOrder *self = RAPPORT_ORDER (object);

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

    case PROP_ORDERED_ON:
      g_value_set_string (value, self->ordered_on);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
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
rapport_order_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RapportOrder *self = RAPPORT_ORDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_order_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_order_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      rapport_order_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_ORDERED_ON:
      rapport_order_set_ordered_on (self, g_value_get_string (value));
      break;

    case PROP_AMOUNT:
      rapport_order_set_amount (self, g_value_get_int64 (value));
      break;

    case PROP_CURRENCY:
      rapport_order_set_currency (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      rapport_order_set_description (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      rapport_order_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_order_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      rapport_order_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_order_class_init (RapportOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_order_finalize;
  object_class->get_property = rapport_order_get_property;
  object_class->set_property = rapport_order_set_property;

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

  properties[PROP_ORDERED_ON] =
    g_param_spec_string ("ordered-on", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
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
rapport_order_init (RapportOrder *self)
{
}

/**
 * rapport_order_new:
 *
 * Returns: (transfer full): a new, empty #RapportOrder
 */
RapportOrder *
rapport_order_new (void)
{
  return g_object_new (RAPPORT_TYPE_ORDER, NULL);
}

/**
 * rapport_order_copy:
 * @self: a #RapportOrder
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportOrder *
rapport_order_copy (RapportOrder *self)
{
  RapportOrder *copy;

  g_return_val_if_fail (RAPPORT_IS_ORDER (self), NULL);

  copy = rapport_order_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->customer_id = self->customer_id;
  copy->ordered_on = g_strdup (self->ordered_on);
  copy->amount = self->amount;
  copy->currency = g_strdup (self->currency);
  copy->description = g_strdup (self->description);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->deleted_at = self->deleted_at;

  return copy;
}

gint64
rapport_order_get_id (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), 0);

  return self->id;
}

void
rapport_order_set_id (RapportOrder *self,
                      gint64        id)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_order_get_uuid (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), NULL);

  return self->uuid;
}

void
rapport_order_set_uuid (RapportOrder *self,
                        const char   *uuid)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
rapport_order_get_customer_id (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), 0);

  return self->customer_id;
}

void
rapport_order_set_customer_id (RapportOrder *self,
                               gint64        customer_id)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
rapport_order_get_ordered_on (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), NULL);

  return self->ordered_on;
}

void
rapport_order_set_ordered_on (RapportOrder *self,
                              const char   *ordered_on)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));

  if (g_strcmp0 (self->ordered_on, ordered_on) == 0)
    return;

  g_free (self->ordered_on);
  self->ordered_on = g_strdup (ordered_on);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDERED_ON]);
}

gint64
rapport_order_get_amount (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), 0);

  return self->amount;
}

void
rapport_order_set_amount (RapportOrder *self,
                          gint64        amount)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));

  if (self->amount == amount)
    return;

  self->amount = amount;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMOUNT]);
}

const char *
rapport_order_get_currency (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), NULL);

  return self->currency;
}

void
rapport_order_set_currency (RapportOrder *self,
                            const char   *currency)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));

  if (g_strcmp0 (self->currency, currency) == 0)
    return;

  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

const char *
rapport_order_get_description (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), NULL);

  return self->description;
}

void
rapport_order_set_description (RapportOrder *self,
                               const char   *description)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
rapport_order_get_created_at (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), 0);

  return self->created_at;
}

void
rapport_order_set_created_at (RapportOrder *self,
                              gint64        created_at)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_order_get_updated_at (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), 0);

  return self->updated_at;
}

void
rapport_order_set_updated_at (RapportOrder *self,
                              gint64        updated_at)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
rapport_order_get_deleted_at (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), 0);

  return self->deleted_at;
}

void
rapport_order_set_deleted_at (RapportOrder *self,
                              gint64        deleted_at)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}
