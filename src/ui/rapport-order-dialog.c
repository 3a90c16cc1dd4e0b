/* rapport-order-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-order-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-form.h"
#include "rapport-date.h"
#include "rapport-form-helpers.h"
#include "rapport-money.h"
#include "rapport-store.h"

#include "rapport-order-dialog.h"

struct _RapportOrderDialog
{
  AdwWindow              parent_instance;

  /* Template widgets */
  AdwWindowTitle        *window_title;
  GtkWidget             *save_button;
  GtkRevealer           *banner_revealer;
  GtkLabel              *banner_label;
  GtkScrolledWindow     *scrolled_window;
  GtkBox                *form_box;

  /* Built in init */
  GtkWidget             *date_row;
  GtkWidget             *date_error;
  GtkWidget             *amount_row;
  GtkWidget             *amount_error;
  GtkWidget             *currency_row;
  GtkWidget             *description_row;

  /* Owned */
  RapportSession        *session;
  RapportDatabase       *db;           /* the session's */
  RapportOrder          *order;        /* NULL for a new order */
  gint64                 customer_id;
  GtkStringList         *currencies;

  gboolean               amount_touched;
  gboolean               reveal_errors;
};

G_DEFINE_FINAL_TYPE (RapportOrderDialog, rapport_order_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
add_entry_row (GtkWidget  *group,
               const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

static GtkWidget *
add_error_row (GtkWidget *group)
{
  GtkWidget *row = rapport_error_row_new ();

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

static void
show_banner (RapportOrderDialog *self,
             const char         *message)
{
  gtk_label_set_text (self->banner_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static const char *
get_currency (RapportOrderDialog *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->currency_row));

  if (selected == GTK_INVALID_LIST_POSITION)
    return "CNY";

  return gtk_string_list_get_string (self->currencies, selected);
}

static void
select_currency (RapportOrderDialog *self,
                 const char         *currency)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->currencies));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->currencies, i), currency) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->currency_row), i);
        return;
      }

  /* A currency outside the common list stays choosable. */
  gtk_string_list_append (self->currencies, currency);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->currency_row), n);
}

static RapportOrderFormState
compute_state (RapportOrderDialog *self)
{
  RapportOrderFormValues values = {
    .date = gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
    .amount = gtk_editable_get_text (GTK_EDITABLE (self->amount_row)),
    .currency = get_currency (self),
  };

  return rapport_order_form_state_from_values (&values);
}

static void
update_state (RapportOrderDialog *self)
{
  g_auto (RapportOrderFormState) state = compute_state (self);

  rapport_error_row_set (self->date_error, self->date_row,
                         self->reveal_errors || rapport_field_get_left (self->date_row) ? state.date_error : NULL);
  rapport_error_row_set (self->amount_error, self->amount_row,
                         self->amount_touched ? state.amount_error : NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", state.save_enabled);
}

/* Callbacks */

static void
row_left_cb (RapportOrderDialog *self)
{
  /* Focus also leaves when the dialog closes. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->save_button == NULL)
    return;

  update_state (self);
}

static void
amount_changed_cb (RapportOrderDialog *self)
{
  self->amount_touched = TRUE;
  show_banner (self, NULL);
  update_state (self);
}

static void
field_changed_cb (RapportOrderDialog *self)
{
  show_banner (self, NULL);
  update_state (self);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportOrderDialog *self = RAPPORT_ORDER_DIALOG (widget);
  g_auto (RapportOrderFormState) state = { 0 };
  g_autoptr (RapportOrder) order = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;
  gboolean ok;

  self->amount_touched = TRUE;
  self->reveal_errors = TRUE;
  update_state (self);
  state = compute_state (self);
  if (!state.valid)
    return;

  date = rapport_editable_dup_trimmed (GTK_EDITABLE (self->date_row));
  description = rapport_editable_dup_trimmed (GTK_EDITABLE (self->description_row));

  order = self->order != NULL ? rapport_order_copy (self->order) : rapport_order_new ();
  rapport_order_set_customer_id (order, self->customer_id);
  rapport_order_set_ordered_on (order, date);
  rapport_order_set_amount (order, state.amount);
  rapport_order_set_currency (order, get_currency (self));
  rapport_order_set_description (order, description);

  if (self->order != NULL)
    ok = rapport_store_update_order (self->db, order, &error);
  else
    ok = rapport_store_insert_order (self->db, order, &error);

  if (!ok)
    {
      show_banner (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, rapport_order_get_id (order));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
rapport_order_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_ORDER_DIALOG);

  G_OBJECT_CLASS (rapport_order_dialog_parent_class)->dispose (object);
}

static void
rapport_order_dialog_finalize (GObject *object)
{
  RapportOrderDialog *self = RAPPORT_ORDER_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->order);
  g_clear_object (&self->currencies);

  G_OBJECT_CLASS (rapport_order_dialog_parent_class)->finalize (object);
}

static void
rapport_order_dialog_class_init (RapportOrderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_order_dialog_dispose;
  object_class->finalize = rapport_order_dialog_finalize;

  /**
   * RapportOrderDialog::saved:
   * @order_id: the saved order
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-order-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportOrderDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderDialog, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderDialog, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderDialog, form_box);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_order_dialog_init (RapportOrderDialog *self)
{
  const char * const *common = rapport_currency_get_common ();
  GtkWidget *group;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  self->currencies = gtk_string_list_new (common);

  group = adw_preferences_group_new ();
  gtk_box_append (self->form_box, group);
  self->amount_row = add_entry_row (group, _("_Amount"));
  self->amount_error = add_error_row (group);
  self->currency_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->currency_row), _("_Currency"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->currency_row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->currency_row), G_LIST_MODEL (self->currencies));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->currency_row);
  self->date_row = add_entry_row (group, _("_Date (YYYY-MM-DD)"));
  self->date_error = add_error_row (group);
  self->description_row = add_entry_row (group, _("D_escription"));

  g_signal_connect_swapped (self->amount_row, "changed", G_CALLBACK (amount_changed_cb), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (field_changed_cb), self);
  rapport_field_watch_leave (self->date_row, G_CALLBACK (row_left_cb), self);
  g_signal_connect_swapped (self->currency_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
}

/* Public API */

/**
 * rapport_order_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @session: an open session
 * @customer_id: the customer who ordered
 * @order_or_null: (nullable): the order to edit, %NULL for a new one
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rapport_order_dialog_new (GtkWindow       *parent,
                          RapportSession  *session,
                          gint64           customer_id,
                          RapportOrder    *order_or_null)
{
  RapportOrderDialog *self;
  const char *title;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);
  g_return_val_if_fail (customer_id > 0, NULL);
  g_return_val_if_fail (order_or_null == NULL || RAPPORT_IS_ORDER (order_or_null), NULL);

  self = g_object_new (RAPPORT_TYPE_ORDER_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->db = rapport_session_get_database (session);
  self->customer_id = customer_id;

  if (order_or_null != NULL)
    {
      g_autofree char *amount = NULL;

      self->order = rapport_order_copy (order_or_null);
      amount = rapport_money_format_plain (rapport_order_get_amount (self->order),
                                    rapport_order_get_currency (self->order));
      select_currency (self, rapport_order_get_currency (self->order));
      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), rapport_order_get_ordered_on (self->order));
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             rapport_order_get_description (self->order) != NULL ? rapport_order_get_description (self->order) : "");
      title = _("Edit Order");
    }
  else
    {
      g_autofree char *today = rapport_date_today (rapport_session_get_clock (session));

      select_currency (self, rapport_session_get_default_currency (session));
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
      title = _("New Order");
    }

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->amount_touched = order_or_null != NULL;
  update_state (self);
  gtk_window_set_focus (GTK_WINDOW (self), self->amount_row);

  return GTK_WIDGET (self);
}

/**
 * rapport_order_dialog_get_currency:
 *
 * Returns: the ISO 4217 code of the currency chosen
 */
const char *
rapport_order_dialog_get_currency (RapportOrderDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_DIALOG (self), NULL);

  return get_currency (self);
}
