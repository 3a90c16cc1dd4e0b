/* rapport-order-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-order-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-form.h"
#include "rapport-date.h"
#include "rapport-editor-dialog.h"
#include "rapport-form-helpers.h"
#include "rapport-money.h"
#include "rapport-store.h"

#include "rapport-order-dialog.h"

struct _RapportOrderDialog
{
  RapportEditorDialog    parent_instance;

  /* Built in init */
  GtkWidget             *date_row;
  GtkWidget             *date_error;
  GtkWidget             *amount_row;
  GtkWidget             *amount_error;
  GtkWidget             *currency_row;
  GtkWidget             *description_row;

  /* Borrowed: the session's main connection */
  RapportDatabase       *db;

  /* Owned */
  RapportOrder          *order;        /* NULL for a new order */
  gint64                 customer_id;
  GtkStringList         *currencies;

  gboolean               amount_touched;
  gboolean               reveal_errors;
};

G_DEFINE_FINAL_TYPE (RapportOrderDialog, rapport_order_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

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
rapport_order_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportOrderDialog *self = RAPPORT_ORDER_DIALOG (dialog);
  g_auto (RapportOrderFormState) state = compute_state (self);

  rapport_error_row_set (self->date_error, self->date_row,
                         self->reveal_errors || rapport_field_get_left (self->date_row) ? state.date_error : NULL);
  rapport_error_row_set (self->amount_error, self->amount_row,
                         self->amount_touched ? state.amount_error : NULL);

  rapport_editor_dialog_set_save_enabled (dialog, state.save_enabled);
}

/* Callbacks */

static void
amount_changed_cb (RapportOrderDialog *self)
{
  self->amount_touched = TRUE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

/* RapportEditorDialog */

static gboolean
rapport_order_dialog_save (RapportEditorDialog *dialog,
                           gint64              *out_id)
{
  RapportOrderDialog *self = RAPPORT_ORDER_DIALOG (dialog);
  g_auto (RapportOrderFormState) state = { 0 };
  g_autoptr (RapportOrder) order = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;
  gboolean ok;

  self->amount_touched = TRUE;
  self->reveal_errors = TRUE;
  rapport_editor_dialog_update_state (dialog);
  state = compute_state (self);
  if (!state.valid)
    return FALSE;

  date = rapport_editable_dup_trimmed (GTK_EDITABLE (self->date_row));
  description = rapport_editable_dup_trimmed (GTK_EDITABLE (self->description_row));

  order = self->order != NULL ? rapport_order_copy (self->order) : rapport_order_new ();
  rapport_order_set_customer_id (order, self->customer_id);
  rapport_order_set_ordered_on (order, date);
  rapport_order_set_amount (order, state.amount);
  rapport_order_set_currency (order, get_currency (self));
  rapport_order_set_description (order, description);

  if (self->order != NULL && rapport_order_get_id (self->order) > 0)
    ok = rapport_store_update_order (self->db, order, &error);
  else
    ok = rapport_store_insert_order (self->db, order, &error);

  if (!ok)
    {
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  *out_id = rapport_order_get_id (order);
  return TRUE;
}

/* GObject */

static void
rapport_order_dialog_finalize (GObject *object)
{
  RapportOrderDialog *self = RAPPORT_ORDER_DIALOG (object);

  g_clear_object (&self->order);
  g_clear_object (&self->currencies);

  G_OBJECT_CLASS (rapport_order_dialog_parent_class)->finalize (object);
}

static void
rapport_order_dialog_class_init (RapportOrderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->finalize = rapport_order_dialog_finalize;

  dialog_class->update_state = rapport_order_dialog_update_state;
  dialog_class->save = rapport_order_dialog_save;
}

static void
rapport_order_dialog_init (RapportOrderDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  const char * const *common = rapport_currency_get_common ();
  GtkWidget *group;

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 460);

  self->currencies = gtk_string_list_new (common);

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->amount_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Amount"));
  self->amount_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->currency_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Currency"), NULL);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->currency_row), G_LIST_MODEL (self->currencies));
  self->date_row = rapport_editor_dialog_add_date_row (dialog, group, _("_Date (YYYY-MM-DD)"));
  self->date_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->description_row = rapport_editor_dialog_add_entry_row (dialog, group, _("D_escription"));

  g_signal_connect_swapped (self->amount_row, "changed", G_CALLBACK (amount_changed_cb), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  rapport_editor_dialog_watch_leave (dialog, self->date_row);
  g_signal_connect_swapped (self->currency_row, "notify::selected",
                            G_CALLBACK (rapport_editor_dialog_field_changed), self);
}

/* Public API */

/**
 * rapport_order_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @session: an open session
 * @customer_id: the customer who ordered
 * @order_or_null: (nullable): the order to edit, %NULL for a new one; one
 *   without an id is a new order prefilled with its amount, currency and
 *   description (a won opportunity's)
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
                       "session", session,
                       NULL);
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
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             rapport_order_get_description (self->order) != NULL ? rapport_order_get_description (self->order) : "");
      if (rapport_order_get_id (self->order) > 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->date_row), rapport_order_get_ordered_on (self->order));
          title = _("Edit Order");
        }
      else
        {
          g_autofree char *today = rapport_date_today (rapport_session_get_clock (session));

          gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
          title = _("New Order");
        }
    }
  else
    {
      g_autofree char *today = rapport_date_today (rapport_session_get_clock (session));

      select_currency (self, rapport_session_get_default_currency (session));
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
      title = _("New Order");
    }

  rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self), title);

  self->amount_touched = order_or_null != NULL;
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
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
