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
  AdwBin parent_instance;
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
