/* rapport-welcome-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-welcome-page.h"

struct _RapportWelcomePage
{
  AdwBin         parent_instance;

  GtkWidget     *add_button;
  GtkWidget     *import_button;

  gboolean       read_only;
};

G_DEFINE_FINAL_TYPE (RapportWelcomePage, rapport_welcome_page, ADW_TYPE_BIN)

static void
rapport_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (rapport_welcome_page_parent_class)->dispose (object);
}

static void
rapport_welcome_page_class_init (RapportWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportWelcomePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWelcomePage, import_button);
}

static void
rapport_welcome_page_init (RapportWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_welcome_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_WELCOME_PAGE, NULL);
}

/**
 * rapport_welcome_page_set_read_only:
 * @read_only: whether the empty database is open read-only
 *
 * An empty book opened read-only says so, rather than invite the user to add
 * a customer that could not be saved.
 */
void
rapport_welcome_page_set_read_only (RapportWelcomePage *self,
                                    gboolean            read_only)
{
  /* The page's child (not a bound template child: AdwBin unparents it). */
  AdwStatusPage *status_page;

  g_return_if_fail (RAPPORT_IS_WELCOME_PAGE (self));

  status_page = ADW_STATUS_PAGE (adw_bin_get_child (ADW_BIN (self)));
  self->read_only = !!read_only;
  gtk_widget_set_visible (self->add_button, !self->read_only);
  gtk_widget_set_visible (self->import_button, !self->read_only);

  if (self->read_only)
    {
      adw_status_page_set_title (status_page, _("This Database Is Empty"));
      adw_status_page_set_description (status_page,
                                       _("It is open read-only, so no customer can be added to it."));
    }
  else
    {
      adw_status_page_set_title (status_page, _("Welcome to Rapport"));
      adw_status_page_set_description (status_page,
                                       _("Keep your customers, their contacts and every conversation in one place."));
    }
}

gboolean
rapport_welcome_page_get_read_only (RapportWelcomePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_WELCOME_PAGE (self), FALSE);

  return self->read_only;
}
