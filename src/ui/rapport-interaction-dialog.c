/* rapport-interaction-dialog.c
 *
 * Logging an interaction takes two keystrokes after Ctrl+L: the dialog opens
 * with a call preselected and the summary focused, and Enter saves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-interaction-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-form.h"
#include "rapport-form-helpers.h"
#include "rapport-store.h"

#include "rapport-interaction-dialog.h"

#define N_KINDS (RAPPORT_INTERACTION_KIND_NOTE + 1)

struct _RapportInteractionDialog
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
  GtkWidget             *kind_row;
  GtkWidget             *contact_row;
  GtkWidget             *summary_row;
  GtkWidget             *summary_error;
  GtkWidget             *date_row;
  GtkWidget             *date_error;
  GtkWidget             *time_row;
  GtkWidget             *time_error;
  GtkWidget             *outcome_row;
  GtkTextView           *details_view;

  /* Owned */
  RapportSession        *session;
  RapportInteraction    *interaction;   /* the one edited, NULL for a new one */
  gint64                 customer_id;
  GArray                *contact_ids;   /* gint64 per contact row; 0 = no contact */

  gboolean               summary_touched;
  gboolean               reveal_errors;
};

G_DEFINE_FINAL_TYPE (RapportInteractionDialog, rapport_interaction_dialog, ADW_TYPE_WINDOW)

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
show_banner (RapportInteractionDialog *self,
             const char               *message)
{
  gtk_label_set_text (self->banner_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static RapportInteractionFormState
compute_state (RapportInteractionDialog *self)
{
  RapportInteractionFormValues values = {
    .summary = gtk_editable_get_text (GTK_EDITABLE (self->summary_row)),
    .date = gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
    .time = gtk_editable_get_text (GTK_EDITABLE (self->time_row)),
  };

  return rapport_interaction_form_state_from_values (&values);
}

static void
update_state (RapportInteractionDialog *self)
{
  g_auto (RapportInteractionFormState) state = compute_state (self);

  rapport_error_row_set (self->summary_error, self->summary_row,
                         self->summary_touched ? state.summary_error : NULL);
  rapport_error_row_set (self->date_error, self->date_row,
                         self->reveal_errors || rapport_field_get_left (self->date_row) ? state.date_error : NULL);
  rapport_error_row_set (self->time_error, self->time_row,
                         self->reveal_errors || rapport_field_get_left (self->time_row) ? state.time_error : NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", state.save_enabled);
}

static void
load_contacts (RapportInteractionDialog *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GListModel) contacts = NULL;
  g_autoptr (GError) error = NULL;
  guint selected = 0;
  gint64 none = 0;

  gtk_string_list_append (labels, _("No Contact"));
  g_array_append_val (self->contact_ids, none);

  contacts = rapport_store_list_contacts (rapport_session_get_database (self->session),
                                         self->customer_id, &error);
  if (contacts == NULL)
    show_banner (self, error->message);

  for (guint i = 0; contacts != NULL && i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr (RapportContact) contact = g_list_model_get_item (contacts, i);
      gint64 id = rapport_contact_get_id (contact);

      gtk_string_list_append (labels, rapport_contact_get_name (contact));
      g_array_append_val (self->contact_ids, id);

      /* A new interaction is with the primary contact; an edited one keeps its own. */
      if (self->interaction != NULL ? id == rapport_interaction_get_contact_id (self->interaction)
                                    : rapport_contact_get_is_primary (contact) && selected == 0)
        selected = self->contact_ids->len - 1;
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (self->contact_row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->contact_row), selected);
}

/* Callbacks */

static void
row_left_cb (RapportInteractionDialog *self)
{
  /* Focus also leaves when the dialog closes. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->save_button == NULL)
    return;

  update_state (self);
}

static void
kind_item_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_list_item_set_child (item, box);
}

static void
kind_item_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *label = gtk_list_item_get_item (item);
  RapportInteractionKind kind = gtk_list_item_get_position (item);

  gtk_image_set_from_icon_name (GTK_IMAGE (gtk_widget_get_first_child (box)),
                                rapport_interaction_kind_get_icon_name (kind));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)),
                      gtk_string_object_get_string (label));
}

static void
summary_changed_cb (RapportInteractionDialog *self)
{
  self->summary_touched = TRUE;
  show_banner (self, NULL);
  update_state (self);
}

static void
field_changed_cb (RapportInteractionDialog *self)
{
  show_banner (self, NULL);
  update_state (self);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportInteractionDialog *self = RAPPORT_INTERACTION_DIALOG (widget);
  g_auto (RapportInteractionFormState) state = { 0 };
  g_autoptr (RapportInteraction) interaction = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *details = NULL;
  guint contact_index;

  self->summary_touched = TRUE;
  self->reveal_errors = TRUE;
  update_state (self);
  state = compute_state (self);
  if (!state.valid)
    return;

  summary = rapport_editable_dup_trimmed (GTK_EDITABLE (self->summary_row));
  outcome = rapport_editable_dup_trimmed (GTK_EDITABLE (self->outcome_row));
  details = rapport_text_view_get_text (self->details_view);
  contact_index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->contact_row));

  interaction = self->interaction != NULL ? rapport_interaction_copy (self->interaction)
                                          : rapport_interaction_new ();
  rapport_interaction_set_customer_id (interaction, self->customer_id);
  rapport_interaction_set_contact_id (interaction,
                                      contact_index < self->contact_ids->len
                                      ? g_array_index (self->contact_ids, gint64, contact_index) : 0);
  rapport_interaction_set_kind (interaction, adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row)));
  rapport_interaction_set_occurred_at (interaction, state.occurred_at);
  rapport_interaction_set_summary (interaction, summary);
  rapport_interaction_set_details (interaction, g_strstrip (details)[0] != '\0' ? details : NULL);
  rapport_interaction_set_outcome (interaction, outcome);

  if (!(self->interaction != NULL
        ? rapport_store_update_interaction (rapport_session_get_database (self->session), interaction, &error)
        : rapport_store_insert_interaction (rapport_session_get_database (self->session), interaction, &error)))
    {
      show_banner (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, rapport_interaction_get_id (interaction));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
rapport_interaction_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_INTERACTION_DIALOG);

  G_OBJECT_CLASS (rapport_interaction_dialog_parent_class)->dispose (object);
}

static void
rapport_interaction_dialog_finalize (GObject *object)
{
  RapportInteractionDialog *self = RAPPORT_INTERACTION_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->interaction);
  g_clear_pointer (&self->contact_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_interaction_dialog_parent_class)->finalize (object);
}

static void
rapport_interaction_dialog_class_init (RapportInteractionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_interaction_dialog_dispose;
  object_class->finalize = rapport_interaction_dialog_finalize;

  /**
   * RapportInteractionDialog::saved:
   * @interaction_id: the logged or edited interaction
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-interaction-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionDialog, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionDialog, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionDialog, form_box);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_interaction_dialog_init (RapportInteractionDialog *self)
{
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *group;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  adw_window_title_set_title (self->window_title, _("Log Interaction"));
  gtk_window_set_title (GTK_WINDOW (self), _("Log Interaction"));
  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < N_KINDS; i++)
    gtk_string_list_append (kinds, rapport_interaction_kind_get_label (i));
  g_signal_connect (factory, "setup", G_CALLBACK (kind_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (kind_item_bind_cb), NULL);

  group = adw_preferences_group_new ();
  gtk_box_append (self->form_box, group);

  self->summary_row = add_entry_row (group, _("_Summary"));
  self->summary_error = add_error_row (group);

  self->kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("_Kind"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->kind_row), TRUE);
  adw_combo_row_set_factory (ADW_COMBO_ROW (self->kind_row), factory);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), RAPPORT_INTERACTION_KIND_CALL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->kind_row);

  self->contact_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->contact_row), _("C_ontact"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->contact_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->contact_row);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("When"));
  gtk_box_append (self->form_box, group);
  self->date_row = add_entry_row (group, _("_Date (YYYY-MM-DD)"));
  self->date_error = add_error_row (group);
  self->time_row = add_entry_row (group, _("_Time (HH:MM)"));
  self->time_error = add_error_row (group);

  group = adw_preferences_group_new ();
  gtk_box_append (self->form_box, group);
  self->outcome_row = add_entry_row (group, _("_Outcome"));

  gtk_box_append (self->form_box, rapport_text_view_group_new (_("Details"), &self->details_view));

  g_signal_connect_swapped (self->summary_row, "changed", G_CALLBACK (summary_changed_cb), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (field_changed_cb), self);
  rapport_field_watch_leave (self->date_row, G_CALLBACK (row_left_cb), self);
  rapport_field_watch_leave (self->time_row, G_CALLBACK (row_left_cb), self);
}

/* Public API */

/**
 * rapport_interaction_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @session: an open session
 * @customer_id: the customer the interaction was with
 * @interaction: (nullable): the interaction to edit, %NULL to log a new one
 *
 * Returns: (transfer none): a new dialog, not yet presented, with the summary
 *   focused; for a new interaction, a call preselected, the primary contact
 *   chosen and the time set to now
 */
GtkWidget *
rapport_interaction_dialog_new (GtkWindow          *parent,
                                RapportSession     *session,
                                gint64              customer_id,
                                RapportInteraction *interaction)
{
  RapportInteractionDialog *self;
  g_autoptr (GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (customer_id > 0, NULL);
  g_return_val_if_fail (interaction == NULL || RAPPORT_IS_INTERACTION (interaction), NULL);

  self = g_object_new (RAPPORT_TYPE_INTERACTION_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->customer_id = customer_id;
  self->interaction = interaction != NULL ? rapport_interaction_copy (interaction) : NULL;

  load_contacts (self);

  if (interaction != NULL)
    {
      const char *details = rapport_interaction_get_details (interaction);

      adw_window_title_set_title (self->window_title, _("Edit Interaction"));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Interaction"));
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), rapport_interaction_get_kind (interaction));
      gtk_editable_set_text (GTK_EDITABLE (self->summary_row), rapport_interaction_get_summary (interaction));
      gtk_editable_set_text (GTK_EDITABLE (self->outcome_row),
                             rapport_interaction_get_outcome (interaction) != NULL
                             ? rapport_interaction_get_outcome (interaction) : "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->details_view),
                                details != NULL ? details : "", -1);
      when = g_date_time_new_from_unix_local (rapport_interaction_get_occurred_at (interaction));
      /* Only what the user changes is checked as they type. */
      self->summary_touched = FALSE;
    }
  else
    {
      when = rapport_clock_now_local (rapport_session_get_clock (session));
    }

  date = g_date_time_format (when, "%Y-%m-%d");
  time = g_date_time_format (when, "%H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);

  update_state (self);
  gtk_window_set_focus (GTK_WINDOW (self), self->summary_row);

  return GTK_WIDGET (self);
}
