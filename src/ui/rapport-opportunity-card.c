/* rapport-opportunity-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-opportunity-card"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-money.h"
#include "rapport-opportunity-card.h"

struct _RapportOpportunityCard
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkLabel           *title_label;
  GtkButton          *menu_button;
  GtkWidget          *popover;      /* while the menu is open */
  GtkLabel           *customer_label;
  GtkLabel           *amount_label;
  GtkLabel           *close_label;
  GtkLabel           *stalled_label;
  GtkLabel           *owner_label;

  RapportOpportunity *opportunity;
  RapportOpportunityCardMenuFunc menu_func;
  gpointer            menu_func_data;
};

G_DEFINE_FINAL_TYPE (RapportOpportunityCard, rapport_opportunity_card, GTK_TYPE_WIDGET)

/* Callbacks */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource          *source,
                 double                  x,
                 double                  y,
                 RapportOpportunityCard *self)
{
  /* A placeholder standing in for a row gone since has no customer. */
  if (self->opportunity == NULL || rapport_opportunity_get_customer_id (self->opportunity) == 0)
    return NULL;

  return gdk_content_provider_new_typed (RAPPORT_TYPE_OPPORTUNITY, self->opportunity);
}

static void
drag_begin_cb (GtkDragSource          *source,
               GdkDrag                *drag,
               RapportOpportunityCard *self)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 16, 16);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

static void
drag_end_cb (GtkDragSource          *source,
             GdkDrag                *drag,
             gboolean                delete_data,
             RapportOpportunityCard *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragged");
}

static void
popover_closed_cb (GtkPopover             *popover,
                   RapportOpportunityCard *self)
{
  /* After its action ran: the menu is made anew next time. */
  g_clear_pointer (&self->popover, gtk_widget_unparent);
}

/* The menu is made when opened, and the button is a plain one: a menu
 * button and its popover per card would cost more than the card. */
static void
menu_clicked_cb (GtkButton              *button,
                 RapportOpportunityCard *self)
{
  g_autoptr (GMenuModel) menu = NULL;

  if (self->menu_func == NULL || self->opportunity == NULL || self->popover != NULL)
    return;

  menu = self->menu_func (self, self->menu_func_data);
  self->popover = gtk_popover_menu_new_from_model (menu);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (button));
  g_signal_connect (self->popover, "closed", G_CALLBACK (popover_closed_cb), self);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static GtkLabel *
add_label (GtkWidget  *box,
           const char *style_class,
           const char *other_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  if (other_class != NULL)
    gtk_widget_add_css_class (label, other_class);
  gtk_box_append (GTK_BOX (box), label);

  return GTK_LABEL (label);
}

/* The card is built in code, not from a template: a board makes hundreds of
 * them at once, and parsing a template for each is what would take time. */
static void
build_card (RapportOpportunityCard *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *money = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_top (self->box, 8);
  gtk_widget_set_margin_bottom (self->box, 10);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* One line each, ellipsized: measuring wrapped labels, row after row in
   * every column, took most of the board's first frame. */
  self->title_label = add_label (top, "heading", NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);

  self->menu_button = GTK_BUTTON (gtk_button_new_from_icon_name ("view-more-symbolic"));
  gtk_widget_set_valign (GTK_WIDGET (self->menu_button), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Opportunity Menu"),
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE, -1);
  g_signal_connect (self->menu_button, "clicked", G_CALLBACK (menu_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->menu_button));
  gtk_box_append (GTK_BOX (self->box), top);

  self->customer_label = add_label (self->box, "dim-label", NULL);
  gtk_widget_set_margin_end (GTK_WIDGET (self->customer_label), 8);

  gtk_widget_set_margin_end (money, 8);
  self->amount_label = add_label (money, "numeric", NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->amount_label), TRUE);
  self->close_label = add_label (money, "caption", "numeric");
  gtk_label_set_xalign (self->close_label, 1.0f);
  gtk_label_set_ellipsize (self->close_label, PANGO_ELLIPSIZE_NONE);
  gtk_box_append (GTK_BOX (self->box), money);

  self->stalled_label = add_label (self->box, "caption", "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->stalled_label), FALSE);

  self->owner_label = add_label (self->box, "caption", "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->owner_label), FALSE);
}

/* GObject */

static void
rapport_opportunity_card_dispose (GObject *object)
{
  RapportOpportunityCard *self = RAPPORT_OPPORTUNITY_CARD (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->opportunity);

  G_OBJECT_CLASS (rapport_opportunity_card_parent_class)->dispose (object);
}

static void
rapport_opportunity_card_class_init (RapportOpportunityCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_opportunity_card_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "opportunity-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rapport_opportunity_card_init (RapportOpportunityCard *self)
{
  GtkDragSource *source;

  build_card (self);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
}

/* Public API */

GtkWidget *
rapport_opportunity_card_new (void)
{
  return g_object_new (RAPPORT_TYPE_OPPORTUNITY_CARD, NULL);
}

void
rapport_opportunity_card_set_opportunity (RapportOpportunityCard *self,
                                          RapportOpportunity     *opportunity,
                                          RapportClock           *clock,
                                          const char             *stage_name,
                                          const char             *owner_name)
{
  g_autofree char *amount = NULL;
  g_autofree char *close = NULL;
  g_autofree char *stalled = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *accessible = NULL;
  const char *expected_close;
  const char *title;
  const char *customer;
  gboolean overdue = FALSE;
  gboolean is_stalled = FALSE;
  gint days = 0;

  g_return_if_fail (RAPPORT_IS_OPPORTUNITY_CARD (self));
  g_return_if_fail (opportunity == NULL || RAPPORT_IS_OPPORTUNITY (opportunity));

  g_set_object (&self->opportunity, opportunity);
  if (opportunity == NULL)
    return;

  title = rapport_opportunity_get_title (opportunity);
  customer = rapport_opportunity_get_customer_name (opportunity);
  expected_close = rapport_opportunity_get_expected_close (opportunity);
  if (clock != NULL)
    {
      overdue = rapport_opportunity_is_overdue (opportunity, clock);
      is_stalled = rapport_opportunity_is_stalled (opportunity, clock, &days);
    }

  amount = rapport_money_format (rapport_opportunity_get_amount (opportunity),
                                 rapport_opportunity_get_currency (opportunity) != NULL
                                 ? rapport_opportunity_get_currency (opportunity) : "CNY");
  if (expected_close == NULL)
    close = g_strdup (_("No close date"));
  else if (overdue)
    /* Translators: on a card, the expected close date (YYYY-MM-DD) has passed */
    close = g_strdup_printf (_("Past close %s"), expected_close);
  else
    /* Translators: on a card, the expected close date (YYYY-MM-DD) */
    close = g_strdup_printf (_("Closes %s"), expected_close);
  if (is_stalled)
    /* Translators: on a card: no activity for that many days */
    stalled = g_strdup_printf (ngettext ("Stalled for %d day", "Stalled for %d days", days), days);
  if (owner_name != NULL)
    /* Translators: on a card, who owns the opportunity */
    owner = g_strdup_printf (_("Owner: %s"), owner_name);

  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  gtk_label_set_text (self->customer_label, customer != NULL ? customer : "");
  gtk_label_set_text (self->amount_label, amount);
  gtk_label_set_text (self->close_label, close);
  if (overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->close_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->close_label), "error");
  gtk_label_set_text (self->stalled_label, stalled != NULL ? stalled : "");
  gtk_widget_set_visible (GTK_WIDGET (self->stalled_label), stalled != NULL);
  gtk_label_set_text (self->owner_label, owner != NULL ? owner : "");
  gtk_widget_set_visible (GTK_WIDGET (self->owner_label), owner != NULL);

  /* Translators: a card read by a screen reader: title, customer, amount,
   * stage, then the close date, "Stalled for n days" and the owner, each
   * only when shown. */
  accessible = g_strdup_printf (_("%s, %s, %s, in %s"), title != NULL ? title : "",
                                customer != NULL ? customer : "", amount, stage_name != NULL ? stage_name : "");
  {
    g_autoptr (GString) text = g_string_new (accessible);

    g_string_append_printf (text, ", %s", close);
    if (stalled != NULL)
      g_string_append_printf (text, ", %s", stalled);
    if (owner != NULL)
      g_string_append_printf (text, ", %s", owner);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
  }
}

RapportOpportunity *
rapport_opportunity_card_get_opportunity (RapportOpportunityCard *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY_CARD (self), NULL);

  return self->opportunity;
}

void
rapport_opportunity_card_set_menu_func (RapportOpportunityCard         *self,
                                        RapportOpportunityCardMenuFunc  func,
                                        gpointer                        user_data)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY_CARD (self));

  self->menu_func = func;
  self->menu_func_data = user_data;
}

GtkButton *
rapport_opportunity_card_get_menu_button (RapportOpportunityCard *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY_CARD (self), NULL);

  return self->menu_button;
}

const char *
rapport_opportunity_card_get_text (RapportOpportunityCard *self,
                                   const char             *part)
{
  GtkLabel *label = NULL;

  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY_CARD (self), NULL);

  if (g_strcmp0 (part, "title") == 0)
    label = self->title_label;
  else if (g_strcmp0 (part, "customer") == 0)
    label = self->customer_label;
  else if (g_strcmp0 (part, "amount") == 0)
    label = self->amount_label;
  else if (g_strcmp0 (part, "close") == 0)
    label = self->close_label;
  else if (g_strcmp0 (part, "stalled") == 0)
    label = self->stalled_label;
  else if (g_strcmp0 (part, "owner") == 0)
    label = self->owner_label;
  g_return_val_if_fail (label != NULL, NULL);

  return gtk_label_get_text (label);
}
