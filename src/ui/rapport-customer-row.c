/* rapport-customer-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-row.h"
#include "rapport-enums.h"

struct _RapportCustomerRow
{
  AdwBin           parent_instance;

  GtkLabel        *name_label;
  GtkLabel        *subtitle_label;
  GtkLabel        *tier_label;

  RapportCustomer *customer;
  char            *tier_class;
};

G_DEFINE_FINAL_TYPE (RapportCustomerRow, rapport_customer_row, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CUSTOMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
update_labels (RapportCustomerRow *self)
{
  const char *code = "";
  const char *name = "";
  g_autofree char *subtitle = NULL;
  g_autofree char *tier_class = NULL;
  const char *tier_label = "";

  if (self->customer != NULL)
    {
      RapportTier tier = rapport_customer_get_tier (self->customer);

      code = rapport_customer_get_code (self->customer);
      name = rapport_customer_get_name (self->customer);
      /* Translators: a customer's code and stage in the list, e.g. "SY001 · Active" */
      subtitle = g_strdup_printf (_("%s · %s"), code != NULL ? code : "",
                                  rapport_stage_get_label (rapport_customer_get_stage (self->customer)));
      tier_label = rapport_tier_get_label (tier);
      tier_class = g_strdup_printf ("tier-%s", rapport_tier_to_string (tier));
    }

  /* Plain text only: names come from users and files, never markup. */
  gtk_label_set_text (self->name_label, name != NULL ? name : "");
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_label_set_text (self->tier_label, tier_label);
  gtk_widget_set_visible (GTK_WIDGET (self->tier_label), self->customer != NULL);

  if (self->tier_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tier_label), self->tier_class);
  g_free (self->tier_class);
  self->tier_class = g_steal_pointer (&tier_class);
  if (self->tier_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->tier_label), self->tier_class);
}

/* GObject */

static void
rapport_customer_row_dispose (GObject *object)
{
  RapportCustomerRow *self = RAPPORT_CUSTOMER_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CUSTOMER_ROW);
  g_clear_object (&self->customer);

  G_OBJECT_CLASS (rapport_customer_row_parent_class)->dispose (object);
}

static void
rapport_customer_row_finalize (GObject *object)
{
  RapportCustomerRow *self = RAPPORT_CUSTOMER_ROW (object);

  g_clear_pointer (&self->tier_class, g_free);

  G_OBJECT_CLASS (rapport_customer_row_parent_class)->finalize (object);
}

static void
rapport_customer_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportCustomerRow *self = RAPPORT_CUSTOMER_ROW (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportCustomerRow *self = RAPPORT_CUSTOMER_ROW (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      rapport_customer_row_set_customer (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_row_class_init (RapportCustomerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_customer_row_dispose;
  object_class->finalize = rapport_customer_row_finalize;
  object_class->get_property = rapport_customer_row_get_property;
  object_class->set_property = rapport_customer_row_set_property;

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         RAPPORT_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-customer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerRow, tier_label);
}

static void
rapport_customer_row_init (RapportCustomerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_customer_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_CUSTOMER_ROW, NULL);
}

RapportCustomer *
rapport_customer_row_get_customer (RapportCustomerRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_ROW (self), NULL);

  return self->customer;
}

void
rapport_customer_row_set_customer (RapportCustomerRow *self,
                                   RapportCustomer    *customer)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_ROW (self));
  g_return_if_fail (customer == NULL || RAPPORT_IS_CUSTOMER (customer));

  if (!g_set_object (&self->customer, customer))
    return;

  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}
