/* rapport-interaction-dialog.c
 *
 * Logging an interaction takes two keystrokes after Ctrl+L: the dialog opens
 * with a call preselected and the summary focused, and Enter saves. The
 * "Next step" part below it creates a follow-up in the same save: what the
 * call agreed to do next is written down while it is fresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-interaction-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-form.h"
#include "rapport-date-row.h"
#include "rapport-due-preset.h"
#include "rapport-editor-dialog.h"
#include "rapport-form-helpers.h"
#include "rapport-store.h"
#include "rapport-time-row.h"

#include "rapport-interaction-dialog.h"

#define N_KINDS (RAPPORT_INTERACTION_KIND_NOTE + 1)

struct _RapportInteractionDialog
{
  RapportEditorDialog    parent_instance;

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
  GtkWidget             *next_row;      /* AdwExpanderRow with an enable switch */
  GtkWidget             *next_title_row;
  GtkWidget             *next_title_error;
  GtkWidget             *next_date_row;
  GtkWidget             *next_date_error;
  GtkWidget             *next_time_row;
  GtkWidget             *next_time_error;

  /* Owned */
  RapportInteraction    *interaction;   /* the one edited, NULL for a new one */
  gint64                 customer_id;
  GArray                *contact_ids;   /* gint64 per contact row; 0 = no contact */
  gint64                 next_step_id;

  gboolean               summary_touched;
  gboolean               reveal_errors;
};

G_DEFINE_FINAL_TYPE (RapportInteractionDialog, rapport_interaction_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

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

static gboolean
wants_next_step (RapportInteractionDialog *self)
{
  return adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self->next_row));
}

/* The next step's title, date and time, checked as the interaction's are. */
static RapportInteractionFormState
compute_next_step_state (RapportInteractionDialog *self)
{
  RapportInteractionFormValues values = {
    .summary = gtk_editable_get_text (GTK_EDITABLE (self->next_title_row)),
    .date = gtk_editable_get_text (GTK_EDITABLE (self->next_date_row)),
    .time = gtk_editable_get_text (GTK_EDITABLE (self->next_time_row)),
  };
  RapportInteractionFormState state = rapport_interaction_form_state_from_values (&values);

  if (state.summary_error != NULL)
    {
      g_free (state.summary_error);
      state.summary_error = g_strdup (_("Enter what to do next"));
    }

  return state;
}

static void
rapport_interaction_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportInteractionDialog *self = RAPPORT_INTERACTION_DIALOG (dialog);
  g_auto (RapportInteractionFormState) state = compute_state (self);
  g_auto (RapportInteractionFormState) next = compute_next_step_state (self);
  gboolean next_shown = wants_next_step (self);

  rapport_error_row_set (self->summary_error, self->summary_row,
                         self->summary_touched ? state.summary_error : NULL);
  rapport_error_row_set (self->date_error, self->date_row,
                         self->reveal_errors || rapport_field_get_left (self->date_row) ? state.date_error : NULL);
  rapport_error_row_set (self->time_error, self->time_row,
                         self->reveal_errors || rapport_field_get_left (self->time_row) ? state.time_error : NULL);

  rapport_error_row_set (self->next_title_error, self->next_title_row,
                         next_shown && self->reveal_errors ? next.summary_error : NULL);
  rapport_error_row_set (self->next_date_error, self->next_date_row,
                         next_shown ? next.date_error : NULL);
  rapport_error_row_set (self->next_time_error, self->next_time_row,
                         next_shown ? next.time_error : NULL);

  rapport_editor_dialog_set_save_enabled (dialog, state.save_enabled && (!next_shown || next.valid));
}

static void
load_contacts (RapportInteractionDialog *self)
{
  g_autoptr (GError) error = NULL;

  /* A new interaction is with the primary contact; an edited one keeps its own. */
  if (!rapport_contact_row_load (ADW_COMBO_ROW (self->contact_row),
                                 rapport_editor_dialog_get_database (RAPPORT_EDITOR_DIALOG (self)),
                                 self->customer_id,
                                 self->interaction != NULL ? rapport_interaction_get_contact_id (self->interaction) : -1,
                                 self->contact_ids, &error))
    rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);
}

/* Callbacks */

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
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static gboolean
save_next_step (RapportInteractionDialog  *self,
                RapportInteraction        *interaction,
                GError                   **error)
{
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();
  g_autofree char *title = rapport_editable_dup_trimmed (GTK_EDITABLE (self->next_title_row));
  g_autofree char *date = rapport_editable_dup_trimmed (GTK_EDITABLE (self->next_date_row));
  g_autofree char *time = rapport_editable_dup_trimmed (GTK_EDITABLE (self->next_time_row));
  g_autofree char *due_local = NULL;
  int hour = 0, minute = 0;

  if (sscanf (time, "%d:%d", &hour, &minute) == 2)
    due_local = g_strdup_printf ("%s %02d:%02d", date, hour, minute);
  else
    due_local = g_strdup_printf ("%s %s", date, time);

  rapport_follow_up_set_customer_id (follow_up, self->customer_id);
  rapport_follow_up_set_contact_id (follow_up, rapport_interaction_get_contact_id (interaction));
  rapport_follow_up_set_title (follow_up, title);
  rapport_follow_up_set_due_local (follow_up, due_local);
  /* As the follow-up dialog's default: a reminder when it is due. */
  rapport_follow_up_set_remind_before (follow_up, 0);

  if (!rapport_store_insert_follow_up (rapport_editor_dialog_get_database (RAPPORT_EDITOR_DIALOG (self)),
                                       follow_up, error))
    return FALSE;

  self->next_step_id = rapport_follow_up_get_id (follow_up);
  /* Saved: a second try must not create it again. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self->next_row), FALSE);

  return TRUE;
}

static void
next_preset_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportInteractionDialog *self = RAPPORT_INTERACTION_DIALOG (widget);
  RapportClock *clock = rapport_session_get_clock (rapport_editor_dialog_get_session (RAPPORT_EDITOR_DIALOG (self)));
  int preset = g_variant_get_int32 (parameter);
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *due = NULL;
  g_auto (GStrv) parts = NULL;

  if (preset < 0 || preset >= RAPPORT_N_DUE_PRESETS)
    return;

  now = rapport_clock_now_local (clock);
  due = rapport_due_preset_apply (preset, now);
  parts = g_strsplit (due, " ", 2);
  gtk_editable_set_text (GTK_EDITABLE (self->next_date_row), parts[0] != NULL ? parts[0] : "");
  gtk_editable_set_text (GTK_EDITABLE (self->next_time_row), parts[0] != NULL && parts[1] != NULL ? parts[1] : "");
}

static GtkWidget *
add_next_row (RapportInteractionDialog *self,
              GtkWidget                *row,
              const char               *title)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  /* Enter saves, as in the rows above. */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self->next_row), row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);

  return row;
}

static GtkWidget *
add_next_error_row (RapportInteractionDialog *self)
{
  GtkWidget *row = rapport_error_row_new ();

  adw_expander_row_add_row (ADW_EXPANDER_ROW (self->next_row), row);

  return row;
}

static void
build_next_step (RapportInteractionDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  GtkWidget *group = rapport_editor_dialog_add_group (dialog, NULL);
  GtkWidget *flow = gtk_flow_box_new ();

  self->next_row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->next_row), _("_Next Step"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->next_row), TRUE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->next_row), _("Add a follow-up for what comes next"));
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (self->next_row), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self->next_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->next_row);

  self->next_title_row = add_next_row (self, adw_entry_row_new (), _("Follow-up _Title"));
  self->next_title_error = add_next_error_row (self);
  self->next_date_row = add_next_row (self, rapport_date_row_new (), _("Due _Date (YYYY-MM-DD)"));
  self->next_date_error = add_next_error_row (self);
  self->next_time_row = add_next_row (self, rapport_time_row_new (), _("Due T_ime (HH:MM)"));
  self->next_time_error = add_next_error_row (self);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 5);
  gtk_widget_set_margin_top (flow, 9);
  gtk_widget_set_margin_bottom (flow, 9);
  gtk_widget_set_margin_start (flow, 12);
  gtk_widget_set_margin_end (flow, 12);
  for (guint i = 0; i < RAPPORT_N_DUE_PRESETS; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (rapport_due_preset_get_label (i));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "next-step.preset");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (i));
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self->next_row), flow);

  g_signal_connect_swapped (self->next_row, "notify::enable-expansion",
                            G_CALLBACK (rapport_editor_dialog_update_state), self);
}

/* RapportEditorDialog */

static gboolean
rapport_interaction_dialog_save (RapportEditorDialog *dialog,
                                 gint64              *out_id)
{
  RapportInteractionDialog *self = RAPPORT_INTERACTION_DIALOG (dialog);
  RapportDatabase *db = rapport_editor_dialog_get_database (dialog);
  g_auto (RapportInteractionFormState) state = { 0 };
  g_autoptr (RapportInteraction) interaction = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *details = NULL;
  guint contact_index;

  self->summary_touched = TRUE;
  self->reveal_errors = TRUE;
  rapport_editor_dialog_update_state (dialog);
  state = compute_state (self);
  if (!state.valid)
    return FALSE;
  if (wants_next_step (self))
    {
      g_auto (RapportInteractionFormState) next = compute_next_step_state (self);

      if (!next.valid)
        return FALSE;
    }

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
        ? rapport_store_update_interaction (db, interaction, &error)
        : rapport_store_insert_interaction (db, interaction, &error)))
    {
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  if (wants_next_step (self) && !save_next_step (self, interaction, &error))
    {
      g_autofree char *message = NULL;

      /* Saving again updates the interaction instead of logging it twice. */
      g_set_object (&self->interaction, interaction);
      /* Translators: %s is why the store refused the follow-up */
      message = g_strdup_printf (_("The interaction was saved, but not the next step: %s"), error->message);
      rapport_editor_dialog_show_banner (dialog, message);
      return FALSE;
    }

  *out_id = rapport_interaction_get_id (interaction);
  return TRUE;
}

/* GObject */

static void
rapport_interaction_dialog_finalize (GObject *object)
{
  RapportInteractionDialog *self = RAPPORT_INTERACTION_DIALOG (object);

  g_clear_object (&self->interaction);
  g_clear_pointer (&self->contact_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_interaction_dialog_parent_class)->finalize (object);
}

static void
rapport_interaction_dialog_class_init (RapportInteractionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->finalize = rapport_interaction_dialog_finalize;

  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "next-step.preset", "i", next_preset_activated);

  dialog_class->update_state = rapport_interaction_dialog_update_state;
  dialog_class->save = rapport_interaction_dialog_save;
}

static void
rapport_interaction_dialog_init (RapportInteractionDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *group;

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);
  rapport_editor_dialog_set_title (dialog, _("Log Interaction"));
  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < N_KINDS; i++)
    gtk_string_list_append (kinds, rapport_interaction_kind_get_label (i));
  g_signal_connect (factory, "setup", G_CALLBACK (kind_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (kind_item_bind_cb), NULL);

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->summary_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Summary"));
  self->summary_error = rapport_editor_dialog_add_error_row (dialog, group);

  self->kind_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Kind"), NULL);
  adw_combo_row_set_factory (ADW_COMBO_ROW (self->kind_row), factory);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), RAPPORT_INTERACTION_KIND_CALL);

  self->contact_row = rapport_editor_dialog_add_combo_row (dialog, group, _("C_ontact"), NULL);

  group = rapport_editor_dialog_add_group (dialog, _("When"));
  self->date_row = rapport_editor_dialog_add_date_row (dialog, group, _("_Date (YYYY-MM-DD)"));
  self->date_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->time_row = rapport_editor_dialog_add_time_row (dialog, group, _("_Time (HH:MM)"));
  self->time_error = rapport_editor_dialog_add_error_row (dialog, group);

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->outcome_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Outcome"));

  rapport_editor_dialog_append (dialog, rapport_text_view_group_new (_("Details"), &self->details_view));

  build_next_step (self);

  g_signal_connect_swapped (self->summary_row, "changed", G_CALLBACK (summary_changed_cb), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  rapport_editor_dialog_watch_leave (dialog, self->date_row);
  rapport_editor_dialog_watch_leave (dialog, self->time_row);
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
                       "session", session,
                       NULL);
  self->customer_id = customer_id;
  self->interaction = interaction != NULL ? rapport_interaction_copy (interaction) : NULL;

  load_contacts (self);

  if (interaction != NULL)
    {
      const char *details = rapport_interaction_get_details (interaction);

      rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self), _("Edit Interaction"));
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
      g_autofree char *due = NULL;
      g_auto (GStrv) parts = NULL;

      when = rapport_clock_now_local (rapport_session_get_clock (session));
      due = rapport_due_preset_apply (RAPPORT_DUE_PRESET_TOMORROW_MORNING, when);
      parts = g_strsplit (due, " ", 2);
      gtk_editable_set_text (GTK_EDITABLE (self->next_date_row), parts[0]);
      gtk_editable_set_text (GTK_EDITABLE (self->next_time_row), parts[1] != NULL ? parts[1] : "");
    }
  /* A next step comes with logging something new. */
  gtk_widget_set_visible (gtk_widget_get_ancestor (self->next_row, ADW_TYPE_PREFERENCES_GROUP), interaction == NULL);

  date = g_date_time_format (when, "%Y-%m-%d");
  time = g_date_time_format (when, "%H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);

  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  gtk_window_set_focus (GTK_WINDOW (self), self->summary_row);

  return GTK_WIDGET (self);
}

void
rapport_interaction_dialog_prefill (RapportInteractionDialog *self,
                                    const char               *summary,
                                    gint64                    contact_id)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION_DIALOG (self));

  if (summary != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->summary_row), summary);
      gtk_editable_set_position (GTK_EDITABLE (self->summary_row), -1);
      /* A prefill is not the user's typing: no error for it yet. */
      self->summary_touched = FALSE;
      rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
    }

  for (guint i = 0; contact_id != 0 && i < self->contact_ids->len; i++)
    if (g_array_index (self->contact_ids, gint64, i) == contact_id)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->contact_row), i);
}

gint64
rapport_interaction_dialog_get_next_step_id (RapportInteractionDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION_DIALOG (self), 0);

  return self->next_step_id;
}
