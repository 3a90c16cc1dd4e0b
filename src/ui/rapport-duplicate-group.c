/* rapport-duplicate-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-duplicate-group"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-duplicate-group.h"

struct _RapportDuplicateGroup
{
  AdwBin      parent_instance;

  GtkWidget  *group;
  GtkWidget  *list_box;

  guint       n_matches;
};

G_DEFINE_FINAL_TYPE (RapportDuplicateGroup, rapport_duplicate_group, ADW_TYPE_BIN)

enum {
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_rows (RapportDuplicateGroup *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list_box), child);
}

/* Callbacks */

static void
open_clicked_cb (GtkButton             *button,
                 RapportDuplicateGroup *self)
{
  gint64 customer_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "customer-id"));

  g_signal_emit (self, signals[OPEN], 0, customer_id);
}

/* GObject */

static void
rapport_duplicate_group_class_init (RapportDuplicateGroupClass *klass)
{
  /**
   * RapportDuplicateGroup::open:
   * @customer_id: the customer of the chosen match
   */
  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
rapport_duplicate_group_init (RapportDuplicateGroup *self)
{
  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Possible Duplicates"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
                                         _("Already in your book with the same name, phone or e-mail"));

  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), self->list_box);

  gtk_widget_add_css_class (GTK_WIDGET (self), "rapport-duplicates");
  adw_bin_set_child (ADW_BIN (self), self->group);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Public API */

/**
 * rapport_duplicate_group_new:
 *
 * Returns: (transfer floating): a new, hidden #RapportDuplicateGroup
 */
GtkWidget *
rapport_duplicate_group_new (void)
{
  return g_object_new (RAPPORT_TYPE_DUPLICATE_GROUP, NULL);
}

/**
 * rapport_duplicate_group_set_matches:
 * @self: a #RapportDuplicateGroup
 * @matches: (nullable): a #GListModel of RapportDuplicate
 */
void
rapport_duplicate_group_set_matches (RapportDuplicateGroup *self,
                                     GListModel            *matches)
{
  guint n;

  g_return_if_fail (RAPPORT_IS_DUPLICATE_GROUP (self));

  clear_rows (self);
  n = matches != NULL ? g_list_model_get_n_items (matches) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) match = g_list_model_get_item (matches, i);
      g_autofree char *name = NULL;
      g_autofree char *customer_name = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *subtitle = NULL;
      gint64 customer_id = 0, contact_id = 0;
      GtkWidget *row, *button;

      g_object_get (match,
                    "customer-id", &customer_id,
                    "contact-id", &contact_id,
                    "name", &name,
                    "customer-name", &customer_name,
                    "reason", &reason,
                    NULL);

      if (contact_id != 0 && customer_name != NULL && *customer_name != '\0')
        /* Translators: why a contact looks like a duplicate, then its customer */
        subtitle = g_strdup_printf (_("%s · contact at %s"), reason != NULL ? reason : "", customer_name);
      else
        subtitle = g_strdup (reason != NULL ? reason : "");

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      button = gtk_button_new_with_mnemonic (_("_Open"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "customer-id", GSIZE_TO_POINTER ((gsize) customer_id));
      g_signal_connect (button, "clicked", G_CALLBACK (open_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (GTK_LIST_BOX (self->list_box), row);
    }

  self->n_matches = n;
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

guint
rapport_duplicate_group_get_n_matches (RapportDuplicateGroup *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATE_GROUP (self), 0);

  return self->n_matches;
}
