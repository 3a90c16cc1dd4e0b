/* rapport-follow-up-dialog.c
 *
 * The due time is typed or picked as the user's wall-clock time; a quick
 * choice ("Tomorrow Morning") fills the date and time rows, so what will be
 * saved is always in view. A due time already past is accepted: the dialog
 * says it will show as overdue (a call that should have happened is still a
 * call to make).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-follow-up-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-form.h"
#include "rapport-due-preset.h"
#include "rapport-editor-dialog.h"
#include "rapport-form-helpers.h"
#include "rapport-staff-row.h"
#include "rapport-store.h"

#include "rapport-follow-up-dialog.h"

#define MAX_REPEAT_EVERY 999

/* The reminder choices, in minutes before the due time. */
static const int remind_choices[] = { RAPPORT_FOLLOW_UP_NO_REMINDER, 0, 5, 15, 30, 60, 24 * 60 };
/* A follow-up is a moment to act ("call back at 14:00"): the reminder comes
 * when it is due, unless the user wants time to prepare. */
#define DEFAULT_REMIND_CHOICE 1

struct _RapportFollowUpDialog
{
  RapportEditorDialog  parent_instance;

  /* Built in init */
  GtkWidget           *title_row;
  GtkWidget           *title_error;
  GtkWidget           *contact_row;
  GtkWidget           *assignee_row;
  GtkWidget           *date_row;
  GtkWidget           *date_error;
  GtkWidget           *time_row;
  GtkWidget           *time_error;
  GtkWidget           *overdue_label;
  GtkWidget           *remind_row;
  GtkWidget           *repeat_row;
  GtkWidget           *every_row;
  GtkWidget           *every_error;
  GtkTextView         *note_view;

  /* Owned */
  RapportFollowUp     *follow_up;     /* the one edited, NULL for a new one */
  gint64               customer_id;
  GArray              *contact_ids;   /* gint64 per contact row; 0 = no contact */

  gboolean             title_touched;
  gboolean             reveal_errors;
};

G_DEFINE_FINAL_TYPE (RapportFollowUpDialog, rapport_follow_up_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

typedef struct
{
  char     *title_error;
  char     *date_error;
  char     *time_error;
  char     *every_error;
  gint64    due_at;       /* in the local zone, to tell whether it is past */
  guint     every;
  gboolean  valid;
} FormState;

static void
form_state_clear (FormState *state)
{
  g_clear_pointer (&state->title_error, g_free);
  g_clear_pointer (&state->date_error, g_free);
  g_clear_pointer (&state->time_error, g_free);
  g_clear_pointer (&state->every_error, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FormState, form_state_clear)

static RapportRepeatUnit
get_repeat_unit (RapportFollowUpDialog *self)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (self->repeat_row));
}

/* Parses "every N" as the user typed it: 1..999, else 0. */
static guint
parse_every (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (trimmed, 10, 1, MAX_REPEAT_EVERY, &value, NULL))
    return 0;

  return value;
}

static FormState
compute_state (RapportFollowUpDialog *self)
{
  RapportInteractionFormValues values = {
    /* The date and time are checked as an interaction's are. */
    .summary = "-",
    .date = gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
    .time = gtk_editable_get_text (GTK_EDITABLE (self->time_row)),
  };
  g_auto (RapportInteractionFormState) when = rapport_interaction_form_state_from_values (&values);
  g_autofree char *title = rapport_editable_dup_trimmed (GTK_EDITABLE (self->title_row));
  FormState state = { 0 };

  if (title == NULL)
    state.title_error = g_strdup (_("Enter a title"));
  state.date_error = g_steal_pointer (&when.date_error);
  state.time_error = g_steal_pointer (&when.time_error);
  state.due_at = when.occurred_at;

  if (get_repeat_unit (self) != RAPPORT_REPEAT_NONE)
    {
      state.every = parse_every (gtk_editable_get_text (GTK_EDITABLE (self->every_row)));
      if (state.every == 0)
        state.every_error = g_strdup_printf (_("Enter a whole number from 1 to %d"), MAX_REPEAT_EVERY);
    }

  state.valid = state.title_error == NULL && state.date_error == NULL
                && state.time_error == NULL && state.every_error == NULL;

  return state;
}

static void
rapport_follow_up_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportFollowUpDialog *self = RAPPORT_FOLLOW_UP_DIALOG (dialog);
  g_auto (FormState) state = compute_state (self);
  RapportClock *clock = rapport_session_get_clock (rapport_editor_dialog_get_session (dialog));
  gboolean repeats = get_repeat_unit (self) != RAPPORT_REPEAT_NONE;
  static const char *every_titles[] = { NULL, N_("_Every How Many Days"), N_("_Every How Many Weeks"),
                                        N_("_Every How Many Months") };

  rapport_error_row_set (self->title_error, self->title_row, self->title_touched ? state.title_error : NULL);
  rapport_error_row_set (self->date_error, self->date_row,
                         self->reveal_errors || rapport_field_get_left (self->date_row) ? state.date_error : NULL);
  rapport_error_row_set (self->time_error, self->time_row,
                         self->reveal_errors || rapport_field_get_left (self->time_row) ? state.time_error : NULL);

  gtk_widget_set_visible (self->every_row, repeats);
  if (repeats)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->every_row), _(every_titles[get_repeat_unit (self)]));
  rapport_error_row_set (self->every_error, self->every_row, repeats ? state.every_error : NULL);

  gtk_widget_set_visible (self->overdue_label,
                          state.date_error == NULL && state.time_error == NULL
                          && state.due_at < rapport_clock_now (clock));

  rapport_editor_dialog_set_save_enabled (dialog, state.valid);
}

static void
load_contacts (RapportFollowUpDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_contact_row_load (ADW_COMBO_ROW (self->contact_row),
                                 rapport_editor_dialog_get_database (RAPPORT_EDITOR_DIALOG (self)),
                                 self->customer_id,
                                 self->follow_up != NULL ? rapport_follow_up_get_contact_id (self->follow_up) : 0,
                                 self->contact_ids, &error))
    rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);
}

static void
set_due (RapportFollowUpDialog *self,
         const char            *due_local)
{
  g_auto (GStrv) parts = g_strsplit (due_local != NULL ? due_local : "", " ", 2);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), parts[0] != NULL ? parts[0] : "");
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), parts[0] != NULL && parts[1] != NULL ? parts[1] : "");
}

/* Callbacks and actions */

static void
title_changed_cb (RapportFollowUpDialog *self)
{
  self->title_touched = TRUE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
preset_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportFollowUpDialog *self = RAPPORT_FOLLOW_UP_DIALOG (widget);
  RapportClock *clock = rapport_session_get_clock (rapport_editor_dialog_get_session (RAPPORT_EDITOR_DIALOG (self)));
  int preset = g_variant_get_int32 (parameter);
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *due = NULL;

  if (preset < 0 || preset >= RAPPORT_N_DUE_PRESETS)
    return;

  now = rapport_clock_now_local (clock);
  due = rapport_due_preset_apply (preset, now);
  set_due (self, due);
}

/* RapportEditorDialog */

static gboolean
rapport_follow_up_dialog_save (RapportEditorDialog *dialog,
                               gint64              *out_id)
{
  RapportFollowUpDialog *self = RAPPORT_FOLLOW_UP_DIALOG (dialog);
  RapportDatabase *db = rapport_editor_dialog_get_database (dialog);
  g_auto (FormState) state = { 0 };
  g_autoptr (RapportFollowUp) follow_up = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  g_autofree char *due_local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  RapportRepeatUnit unit = get_repeat_unit (self);
  guint contact_index, remind_index;

  self->title_touched = TRUE;
  self->reveal_errors = TRUE;
  rapport_editor_dialog_update_state (dialog);
  state = compute_state (self);
  if (!state.valid)
    return FALSE;

  title = rapport_editable_dup_trimmed (GTK_EDITABLE (self->title_row));
  note = rapport_text_view_get_text (self->note_view);
  date = rapport_editable_dup_trimmed (GTK_EDITABLE (self->date_row));
  time = rapport_editable_dup_trimmed (GTK_EDITABLE (self->time_row));
  /* The time row takes "9:00" too; the store wants "09:00". */
  {
    int hour = 0, minute = 0;

    if (sscanf (time, "%d:%d", &hour, &minute) == 2)
      due_local = g_strdup_printf ("%s %02d:%02d", date, hour, minute);
    else
      due_local = g_strdup_printf ("%s %s", date, time);
  }
  contact_index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->contact_row));
  remind_index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->remind_row));

  follow_up = self->follow_up != NULL ? rapport_follow_up_copy (self->follow_up) : rapport_follow_up_new ();
  rapport_follow_up_set_customer_id (follow_up, self->customer_id);
  rapport_follow_up_set_contact_id (follow_up,
                                    contact_index < self->contact_ids->len
                                    ? g_array_index (self->contact_ids, gint64, contact_index) : 0);
  rapport_follow_up_set_assignee_id (follow_up, rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (self->assignee_row)));
  rapport_follow_up_set_title (follow_up, title);
  rapport_follow_up_set_note (follow_up, g_strstrip (note)[0] != '\0' ? note : NULL);
  rapport_follow_up_set_due_local (follow_up, due_local);
  rapport_follow_up_set_remind_before (follow_up,
                                       remind_index < G_N_ELEMENTS (remind_choices)
                                       ? remind_choices[remind_index] : RAPPORT_FOLLOW_UP_NO_REMINDER);
  rapport_follow_up_set_repeat_unit (follow_up, unit);
  rapport_follow_up_set_repeat_every (follow_up, unit != RAPPORT_REPEAT_NONE ? state.every : 0);

  if (!(self->follow_up != NULL
        ? rapport_store_update_follow_up (db, follow_up, &error)
        : rapport_store_insert_follow_up (db, follow_up, &error)))
    {
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  *out_id = rapport_follow_up_get_id (follow_up);
  return TRUE;
}

/* GObject */

static void
rapport_follow_up_dialog_finalize (GObject *object)
{
  RapportFollowUpDialog *self = RAPPORT_FOLLOW_UP_DIALOG (object);

  g_clear_object (&self->follow_up);
  g_clear_pointer (&self->contact_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_follow_up_dialog_parent_class)->finalize (object);
}

static void
rapport_follow_up_dialog_class_init (RapportFollowUpDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->finalize = rapport_follow_up_dialog_finalize;

  dialog_class->update_state = rapport_follow_up_dialog_update_state;
  dialog_class->save = rapport_follow_up_dialog_save;

  gtk_widget_class_install_action (widget_class, "due.preset", "i", preset_activated);
}

/* The quick choices under the due rows; each fills them. */
static GtkWidget *
new_presets_box (void)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 5);
  gtk_widget_set_margin_top (flow, 12);
  gtk_widget_add_css_class (flow, "rapport-due-presets");

  for (guint i = 0; i < RAPPORT_N_DUE_PRESETS; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (rapport_due_preset_get_label (i));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "due.preset");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (i));
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
      /* Buttons, not list items: the flow box's own children stay out of the way. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }

  return flow;
}

static void
rapport_follow_up_dialog_init (RapportFollowUpDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  const char *remind_labels[] = {
    _("No Reminder"),
    _("At Due Time"),
    _("5 Minutes Before"),
    _("15 Minutes Before"),
    _("30 Minutes Before"),
    _("1 Hour Before"),
    _("1 Day Before"),
    NULL,
  };
  const char *repeat_labels[] = {
    _("Does Not Repeat"),
    _("Every Few Days"),
    _("Every Few Weeks"),
    _("Every Few Months"),
    NULL,
  };
  GtkWidget *group;

  G_STATIC_ASSERT (G_N_ELEMENTS (remind_choices) == 7);

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  rapport_editor_dialog_set_title (dialog, _("New Follow-up"));
  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  group = rapport_editor_dialog_add_group (dialog, NULL);
  /* Translators: what the follow-up is, not a person's job title */
  self->title_row = rapport_editor_dialog_add_entry_row (dialog, group, C_("follow-up", "_Title"));
  self->title_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->contact_row = rapport_editor_dialog_add_combo_row (dialog, group, _("C_ontact"), NULL);

  group = rapport_editor_dialog_add_group (dialog, _("Due"));
  self->date_row = rapport_editor_dialog_add_date_row (dialog, group, _("_Date (YYYY-MM-DD)"));
  self->date_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->time_row = rapport_editor_dialog_add_time_row (dialog, group, _("_Time (HH:MM)"));
  self->time_error = rapport_editor_dialog_add_error_row (dialog, group);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_presets_box ());
  self->overdue_label = gtk_label_new (_("This time has passed: the follow-up will show as overdue."));
  gtk_label_set_wrap (GTK_LABEL (self->overdue_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->overdue_label), 0.0);
  gtk_widget_set_margin_top (self->overdue_label, 6);
  gtk_widget_add_css_class (self->overdue_label, "warning");
  gtk_widget_set_visible (self->overdue_label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->overdue_label);

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->remind_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Reminder"), remind_labels);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->remind_row), DEFAULT_REMIND_CHOICE);
  self->repeat_row = rapport_editor_dialog_add_combo_row (dialog, group, _("Re_peat"), repeat_labels);
  self->every_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Every How Many Days"));
  gtk_editable_set_text (GTK_EDITABLE (self->every_row), "1");
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->every_row), GTK_INPUT_PURPOSE_DIGITS);
  self->every_error = rapport_editor_dialog_add_error_row (dialog, group);

  rapport_editor_dialog_append (dialog, rapport_text_view_group_new (_("Note"), &self->note_view));

  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (title_changed_cb), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->every_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->repeat_row, "notify::selected",
                            G_CALLBACK (rapport_editor_dialog_field_changed), self);
  rapport_editor_dialog_watch_leave (dialog, self->date_row);
  rapport_editor_dialog_watch_leave (dialog, self->time_row);
}

/* Public API */

/**
 * rapport_follow_up_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @session: an open session
 * @customer_id: the follow-up's customer
 * @follow_up: (nullable): the follow-up to edit or reschedule, %NULL to add one
 *
 * Returns: (transfer none): a new dialog, not yet presented, with the title
 *   focused; a new follow-up is due tomorrow morning, with a reminder at the
 *   due time
 */
GtkWidget *
rapport_follow_up_dialog_new (GtkWindow       *parent,
                              RapportSession  *session,
                              gint64           customer_id,
                              RapportFollowUp *follow_up)
{
  RapportFollowUpDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (customer_id > 0, NULL);
  g_return_val_if_fail (follow_up == NULL || RAPPORT_IS_FOLLOW_UP (follow_up), NULL);

  self = g_object_new (RAPPORT_TYPE_FOLLOW_UP_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
  self->customer_id = customer_id;
  self->follow_up = follow_up != NULL ? rapport_follow_up_copy (follow_up) : NULL;

  load_contacts (self);

  /* The assignee row lists the session's staff: it comes with the session,
   * after the contact. */
  self->assignee_row = rapport_staff_row_new (rapport_session_get_database (session), RAPPORT_STAFF_PICK_OWNER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->assignee_row), _("_Assignee"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->assignee_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (self->contact_row,
                                                                             ADW_TYPE_PREFERENCES_GROUP)),
                             self->assignee_row);

  if (follow_up != NULL)
    {
      rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (self->assignee_row),
                                     rapport_follow_up_get_assignee_id (follow_up));
      const char *note = rapport_follow_up_get_note (follow_up);
      int remind_before = rapport_follow_up_get_remind_before (follow_up);
      guint remind_index = 0;

      rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self), _("Edit Follow-up"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), rapport_follow_up_get_title (follow_up));
      set_due (self, rapport_follow_up_get_due_local (follow_up));
      for (guint i = 0; i < G_N_ELEMENTS (remind_choices); i++)
        if (remind_choices[i] == remind_before)
          remind_index = i;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->remind_row), remind_index);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->repeat_row), rapport_follow_up_get_repeat_unit (follow_up));
      if (rapport_follow_up_get_repeat_unit (follow_up) != RAPPORT_REPEAT_NONE)
        {
          g_autofree char *every = g_strdup_printf ("%u", rapport_follow_up_get_repeat_every (follow_up));

          gtk_editable_set_text (GTK_EDITABLE (self->every_row), every);
        }
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note != NULL ? note : "", -1);
      /* Only what the user changes is checked as they type. */
      self->title_touched = FALSE;
    }
  else
    {
      g_autoptr (GDateTime) now = rapport_clock_now_local (rapport_session_get_clock (session));
      g_autofree char *due = rapport_due_preset_apply (RAPPORT_DUE_PRESET_TOMORROW_MORNING, now);

      set_due (self, due);
    }

  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  gtk_window_set_focus (GTK_WINDOW (self), self->title_row);

  return GTK_WIDGET (self);
}
