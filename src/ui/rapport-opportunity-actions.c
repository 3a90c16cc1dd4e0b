/* rapport-opportunity-actions.c
 *
 * The asking windows and toasts outlive the row or card they came from (a
 * won card leaves its column at once): what they need is copied into them,
 * and where a later toast goes is a weak pointer to the toast overlay's
 * window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-opportunity-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-money.h"
#include "rapport-opportunity-dialog.h"
#include "rapport-order-dialog.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"

#include "rapport-opportunity-actions.h"

/* Helpers */

static GtkWindow *
get_window (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_text (GtkWidget  *widget,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (widget != NULL && gtk_widget_get_root (widget) != NULL)
    rapport_widget_add_toast (widget, adw_toast_new (escaped));
}

static RapportOpportunity *
get_opportunity (GtkWidget      *widget,
                 RapportSession *session,
                 gint64          opportunity_id)
{
  g_autoptr (GError) error = NULL;
  RapportOpportunity *opportunity;

  opportunity = rapport_store_get_opportunity (rapport_session_get_database (session), opportunity_id, &error);
  if (opportunity == NULL)
    show_text (widget, error->message);

  return opportunity;
}

/* A toast's or an asking window's hold on what it acts for. */
typedef struct
{
  RapportSession *session;      /* owned */
  gint64          opportunity_id;
  gint64          customer_id;
  char           *title;
  char           *currency;
  gint64          amount;
  GtkWidget      *widget;       /* weak: where the next toast goes */
  GPtrArray      *checks;       /* GtkCheckButton per choice (asking windows) */
  GArray         *choice_ids;   /* gint64 per check: a reason or a stage; 0 = a new reason */
  GtkEditable    *new_reason;   /* the entry of a reason the user adds */
  GtkEditable    *note;
} ActionData;

static ActionData *
action_data_new (GtkWidget          *widget,
                 RapportSession     *session,
                 RapportOpportunity *opportunity)
{
  ActionData *data = g_new0 (ActionData, 1);

  data->session = g_object_ref (session);
  data->opportunity_id = rapport_opportunity_get_id (opportunity);
  data->customer_id = rapport_opportunity_get_customer_id (opportunity);
  data->title = g_strdup (rapport_opportunity_get_title (opportunity));
  data->currency = g_strdup (rapport_opportunity_get_currency (opportunity));
  data->amount = rapport_opportunity_get_amount (opportunity);
  data->checks = g_ptr_array_new ();
  data->choice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_set_weak_pointer (&data->widget, widget);

  return data;
}

static void
action_data_free (gpointer  user_data,
                  GClosure *closure)
{
  ActionData *data = user_data;

  g_clear_object (&data->session);
  g_clear_pointer (&data->title, g_free);
  g_clear_pointer (&data->currency, g_free);
  g_clear_pointer (&data->checks, g_ptr_array_unref);
  g_clear_pointer (&data->choice_ids, g_array_unref);
  g_clear_weak_pointer (&data->widget);
  g_free (data);
}

static RapportDatabase *
action_data_get_database (ActionData *data)
{
  return rapport_session_get_database (data->session);
}

/* The chosen check's id; FALSE when none is chosen (or a new reason is
 * chosen but left blank). */
static gboolean
action_data_get_choice (ActionData *data,
                        gint64     *out_id,
                        char      **out_new_reason)
{
  for (guint i = 0; i < data->checks->len; i++)
    {
      if (!gtk_check_button_get_active (g_ptr_array_index (data->checks, i)))
        continue;

      *out_id = g_array_index (data->choice_ids, gint64, i);
      if (*out_id != 0)
        return TRUE;

      *out_new_reason = g_strstrip (g_strdup (gtk_editable_get_text (data->new_reason)));
      if (**out_new_reason != '\0')
        return TRUE;

      g_clear_pointer (out_new_reason, g_free);
      return FALSE;
    }

  return FALSE;
}

static GtkWidget *
add_choice (ActionData *data,
            GtkWidget  *box,
            const char *label,
            gint64      id)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  if (data->checks->len > 0)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), g_ptr_array_index (data->checks, 0));
  g_ptr_array_add (data->checks, check);
  g_array_append_val (data->choice_ids, id);
  gtk_box_append (GTK_BOX (box), check);

  return check;
}

/* Win */

static GtkWidget *
record_order (GtkWidget      *widget,
              RapportSession *session,
              gint64          customer_id,
              gint64          amount,
              const char     *currency,
              const char     *title)
{
  g_autoptr (RapportOrder) order = rapport_order_new ();
  GtkWidget *dialog;

  /* A new order (no id) the dialog starts from. */
  rapport_order_set_customer_id (order, customer_id);
  rapport_order_set_amount (order, amount);
  rapport_order_set_currency (order, currency);
  rapport_order_set_description (order, title);

  dialog = rapport_order_dialog_new (get_window (widget), session, customer_id, order);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
record_order_cb (AdwToast   *toast,
                 ActionData *data)
{
  record_order (data->widget, data->session, data->customer_id, data->amount, data->currency, data->title);
}

/**
 * rapport_opportunity_actions_record_order:
 * @widget: where the action came from
 * @session: an open session
 * @opportunity_id: a (won) opportunity
 *
 * Returns: (transfer none) (nullable): the order dialog, presented
 */
GtkWidget *
rapport_opportunity_actions_record_order (GtkWidget      *widget,
                                          RapportSession *session,
                                          gint64          opportunity_id)
{
  g_autoptr (RapportOpportunity) opportunity = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  opportunity = get_opportunity (widget, session, opportunity_id);
  if (opportunity == NULL)
    return NULL;

  return record_order (widget, session, rapport_opportunity_get_customer_id (opportunity),
                       rapport_opportunity_get_amount (opportunity),
                       rapport_opportunity_get_currency (opportunity),
                       rapport_opportunity_get_title (opportunity));
}

/**
 * rapport_opportunity_actions_win:
 * @widget: where the action came from
 * @session: an open session
 * @opportunity_id: the opportunity won
 *
 * Returns: whether it is won
 */
gboolean
rapport_opportunity_actions_win (GtkWidget      *widget,
                                 RapportSession *session,
                                 gint64          opportunity_id)
{
  g_autoptr (RapportOpportunity) opportunity = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), FALSE);

  opportunity = get_opportunity (widget, session, opportunity_id);
  if (opportunity == NULL)
    return FALSE;

  if (!rapport_store_win_opportunity (rapport_session_get_database (session), opportunity_id, &error))
    {
      show_text (widget, error->message);
      return FALSE;
    }

  /* Translators: %s is a sales opportunity's title */
  text = g_strdup_printf (_("“%s” won"), rapport_opportunity_get_title (opportunity));
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("Record _Order…"));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (record_order_cb),
                         action_data_new (widget, session, opportunity), action_data_free, 0);
  rapport_widget_add_toast (widget, toast);

  return TRUE;
}

/* Lose */

static void
lose_update_cb (AdwMessageDialog *dialog)
{
  ActionData *data = g_object_get_data (G_OBJECT (dialog), "action-data");
  g_autofree char *new_reason = NULL;
  gint64 id = 0;

  adw_message_dialog_set_response_enabled (dialog, "lose", action_data_get_choice (data, &id, &new_reason));
}

static void
new_reason_changed_cb (GtkEditable    *editable,
                       GtkCheckButton *check)
{
  if (*gtk_editable_get_text (editable) != '\0')
    gtk_check_button_set_active (check, TRUE);
}

static void
lose_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  ActionData       *data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *new_reason = NULL;
  g_autofree char *note = NULL;
  gint64 reason_id = 0;

  if (g_strcmp0 (response, "lose") != 0 || !action_data_get_choice (data, &reason_id, &new_reason))
    return;

  if (new_reason != NULL &&
      !rapport_store_add_lost_reason (action_data_get_database (data), new_reason, &reason_id, &error))
    {
      show_text (data->widget, error->message);
      return;
    }

  note = g_strstrip (g_strdup (gtk_editable_get_text (data->note)));
  if (!rapport_store_lose_opportunity (action_data_get_database (data), data->opportunity_id, reason_id,
                                       *note != '\0' ? note : NULL, &error))
    show_text (data->widget, error->message);
}

/**
 * rapport_opportunity_actions_lose:
 * @widget: where the action came from
 * @session: an open session
 * @opportunity_id: the opportunity lost
 *
 * Returns: (transfer none) (nullable): the dialog asking why, presented
 */
GtkWidget *
rapport_opportunity_actions_lose (GtkWidget      *widget,
                                  RapportSession *session,
                                  gint64          opportunity_id)
{
  g_autoptr (RapportOpportunity) opportunity = NULL;
  g_autoptr (GArray) reasons = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box, *other_box, *other_check, *entry;
  ActionData *data;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  opportunity = get_opportunity (widget, session, opportunity_id);
  if (opportunity == NULL)
    return NULL;

  reasons = rapport_store_list_lost_reasons (rapport_session_get_database (session), &error);
  if (reasons == NULL)
    {
      show_text (widget, error->message);
      return NULL;
    }

  /* Translators: %s is a sales opportunity's title */
  heading = g_strdup_printf (_("Mark “%s” as Lost?"), rapport_opportunity_get_title (opportunity));
  dialog = adw_message_dialog_new (get_window (widget), heading,
                                   _("It is closed and leaves the open pipeline. Why was it lost?"));
  data = action_data_new (widget, session, opportunity);
  g_object_set_data (G_OBJECT (dialog), "action-data", data);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < reasons->len; i++)
    {
      RapportLostReason *reason = &g_array_index (reasons, RapportLostReason, i);

      add_choice (data, box, reason->name, reason->id);
    }

  /* A reason of the user's own joins the list for next time. */
  other_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), other_box);
  other_check = add_choice (data, other_box, _("Other:"), 0);
  entry = gtk_entry_new ();
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("A new reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New reason"), -1);
  gtk_box_append (GTK_BOX (other_box), entry);
  data->new_reason = GTK_EDITABLE (entry);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Note (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_margin_top (entry, 6);
  gtk_box_append (GTK_BOX (box), entry);
  data->note = GTK_EDITABLE (entry);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "lose", _("Mark as _Lost"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "lose", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "lose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  for (guint i = 0; i < data->checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (data->checks, i), "toggled", G_CALLBACK (lose_update_cb), dialog);
  g_signal_connect (data->new_reason, "changed", G_CALLBACK (new_reason_changed_cb), other_check);
  g_signal_connect_swapped (data->new_reason, "changed", G_CALLBACK (lose_update_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (lose_response_cb), data, action_data_free, 0);
  lose_update_cb (ADW_MESSAGE_DIALOG (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Reopen */

static void
reopen_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ActionData       *data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *unused = NULL;
  gint64 stage_id = 0;

  if (g_strcmp0 (response, "reopen") != 0)
    return;

  /* Without a choice it goes back to the first open stage. */
  action_data_get_choice (data, &stage_id, &unused);
  if (!rapport_store_reopen_opportunity (action_data_get_database (data), data->opportunity_id, stage_id, &error))
    show_text (data->widget, error->message);
}

/**
 * rapport_opportunity_actions_reopen:
 * @widget: where the action came from
 * @session: an open session
 * @opportunity_id: a won or lost opportunity
 *
 * Returns: (transfer none) (nullable): the dialog asking for the stage, presented
 */
GtkWidget *
rapport_opportunity_actions_reopen (GtkWidget      *widget,
                                    RapportSession *session,
                                    gint64          opportunity_id)
{
  g_autoptr (RapportOpportunity) opportunity = NULL;
  g_autoptr (GListModel) stages = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box;
  ActionData *data;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  opportunity = get_opportunity (widget, session, opportunity_id);
  if (opportunity == NULL)
    return NULL;

  stages = rapport_store_list_pipeline_stages (rapport_session_get_database (session), &error);
  if (stages == NULL)
    {
      show_text (widget, error->message);
      return NULL;
    }

  /* Translators: %s is a sales opportunity's title */
  heading = g_strdup_printf (_("Reopen “%s”?"), rapport_opportunity_get_title (opportunity));
  dialog = adw_message_dialog_new (get_window (widget), heading,
                                   _("It goes back into the pipeline. Which stage is it in now?"));
  data = action_data_new (widget, session, opportunity);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);

      if (rapport_pipeline_stage_get_kind (stage) == RAPPORT_STAGE_KIND_OPEN)
        add_choice (data, box, rapport_pipeline_stage_get_name (stage), rapport_pipeline_stage_get_id (stage));
    }
  if (data->checks->len > 0)
    gtk_check_button_set_active (g_ptr_array_index (data->checks, 0), TRUE);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reopen", _("_Reopen"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reopen", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reopen");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (reopen_response_cb), data, action_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Trash */

static void
undo_trash_cb (AdwToast   *toast,
               ActionData *data)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_store_restore_opportunity (action_data_get_database (data), data->opportunity_id, &error))
    show_text (data->widget, error->message);
}

/**
 * rapport_opportunity_actions_trash:
 * @widget: where the action came from
 * @session: an open session
 * @opportunity_id: the opportunity to move to the Trash
 */
void
rapport_opportunity_actions_trash (GtkWidget      *widget,
                                   RapportSession *session,
                                   gint64          opportunity_id)
{
  g_autoptr (RapportOpportunity) opportunity = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (RAPPORT_IS_SESSION (session));

  opportunity = get_opportunity (widget, session, opportunity_id);
  if (opportunity == NULL)
    return;

  if (!rapport_store_trash_opportunity (rapport_session_get_database (session), opportunity_id, &error))
    {
      show_text (widget, error->message);
      return;
    }

  /* Translators: %s is a sales opportunity's title */
  text = g_strdup_printf (_("“%s” moved to the Trash"), rapport_opportunity_get_title (opportunity));
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_trash_cb),
                         action_data_new (widget, session, opportunity), action_data_free, 0);
  rapport_widget_add_toast (widget, toast);
}

/* Open */

/**
 * rapport_opportunity_actions_open:
 * @widget: where the action came from
 * @session: an open session
 * @customer_id: the customer of a new opportunity (may be 0 for an existing one)
 * @opportunity_id: the opportunity to edit, 0 for a new one
 *
 * Returns: (transfer none) (nullable): the opportunity dialog, presented
 */
GtkWidget *
rapport_opportunity_actions_open (GtkWidget      *widget,
                                  RapportSession *session,
                                  gint64          customer_id,
                                  gint64          opportunity_id)
{
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (customer_id > 0 || opportunity_id > 0, NULL);

  if (customer_id <= 0)
    {
      g_autoptr (RapportOpportunity) opportunity = get_opportunity (widget, session, opportunity_id);

      if (opportunity == NULL)
        return NULL;
      customer_id = rapport_opportunity_get_customer_id (opportunity);
    }

  dialog = rapport_opportunity_dialog_new (session, customer_id, opportunity_id);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (widget));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
