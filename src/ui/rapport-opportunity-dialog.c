/* rapport-opportunity-dialog.c
 *
 * The form's fields are saved with Save, as in every editor. What happens to
 * an existing opportunity besides (won, lost, reopened, its plan's steps) is
 * written at once, through the opportunity actions or the store, and the
 * dialog shows it again from the change bus: those parts never wait for Save
 * and never touch what the user is typing.
 *
 * The probability shows the stage's default until the user types one; from
 * then on it is theirs, kept across stage changes, until they take the
 * default back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-opportunity-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date-row.h"
#include "rapport-date.h"
#include "rapport-editor-dialog.h"
#include "rapport-follow-up-dialog.h"
#include "rapport-form-helpers.h"
#include "rapport-money.h"
#include "rapport-opportunity-actions.h"
#include "rapport-opportunity-form.h"
#include "rapport-staff-row.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"

#include "rapport-opportunity-dialog.h"

/* A follow-up created from a plan step is due at this local time of the
 * step's day. */
#define FOLLOW_UP_TIME "09:00"

struct _RapportOpportunityDialog
{
  RapportEditorDialog  parent_instance;

  /* Built in init */
  GtkWidget           *state_group;
  GtkWidget           *state_row;
  GtkWidget           *win_button;
  GtkWidget           *lose_button;
  GtkWidget           *reopen_button;
  GtkWidget           *order_button;
  GtkWidget           *title_row;
  GtkWidget           *title_error;
  GtkWidget           *contact_row;
  GtkWidget           *main_group;
  GtkWidget           *source_row;
  GtkWidget           *owner_row;
  GtkWidget           *amount_row;
  GtkWidget           *amount_error;
  GtkWidget           *currency_row;
  GtkWidget           *stage_row;
  GtkWidget           *probability_row;
  GtkWidget           *probability_error;
  GtkWidget           *probability_note;
  GtkWidget           *default_button;
  GtkWidget           *close_row;
  GtkWidget           *close_error;
  GtkWidget           *close_note;
  GtkTextView         *notes_view;
  GtkWidget           *plan_group;
  GtkListBox          *plan_list;
  GtkWidget           *history_group;
  GtkListBox          *history_list;

  /* Owned */
  RapportOpportunity  *opportunity;     /* as loaded, NULL for a new one */
  RapportOpportunity  *current;         /* as the store has it now (state, stage) */
  GListModel          *stages;          /* every RapportPipelineStage */
  GArray              *stage_ids;       /* gint64 per stage row: the open stages */
  GArray              *contact_ids;     /* gint64 per contact row; 0 = no contact */
  GtkStringList       *currencies;
  GListStore          *steps;           /* RapportPlanStep, the plan shown */
  GSignalGroup        *bus_signals;
  gint64               customer_id;

  gboolean             probability_is_default;
  gboolean             loading;         /* rows being filled in, not typed */
  gboolean             title_touched;
  gboolean             amount_touched;
  gboolean             stage_touched;
  gboolean             reveal_errors;
};

G_DEFINE_FINAL_TYPE (RapportOpportunityDialog, rapport_opportunity_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

/* Helpers */

static RapportDatabase *
get_db (RapportOpportunityDialog *self)
{
  return rapport_editor_dialog_get_database (RAPPORT_EDITOR_DIALOG (self));
}

static RapportSession *
get_session (RapportOpportunityDialog *self)
{
  return rapport_editor_dialog_get_session (RAPPORT_EDITOR_DIALOG (self));
}

static gint64
get_id (RapportOpportunityDialog *self)
{
  return self->opportunity != NULL ? rapport_opportunity_get_id (self->opportunity) : 0;
}

static gboolean
is_closed (RapportOpportunityDialog *self)
{
  return self->current != NULL && rapport_opportunity_is_closed (self->current);
}

static void
show_error (RapportOpportunityDialog *self,
            const GError             *error)
{
  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);
}

static const char *
get_currency (RapportOpportunityDialog *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->currency_row));

  if (selected == GTK_INVALID_LIST_POSITION)
    return rapport_session_get_default_currency (get_session (self));

  return gtk_string_list_get_string (self->currencies, selected);
}

static void
select_currency (RapportOpportunityDialog *self,
                 const char               *currency)
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

static RapportPipelineStage *
find_stage (RapportOpportunityDialog *self,
            gint64                    stage_id)
{
  for (guint i = 0; self->stages != NULL && i < g_list_model_get_n_items (self->stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (self->stages, i);

      if (rapport_pipeline_stage_get_id (stage) == stage_id)
        return g_steal_pointer (&stage);
    }

  return NULL;
}

static char *
dup_stage_name (RapportOpportunityDialog *self,
                gint64                    stage_id)
{
  g_autoptr (RapportPipelineStage) stage = find_stage (self, stage_id);

  return g_strdup (stage != NULL ? rapport_pipeline_stage_get_name (stage) : _("a deleted stage"));
}

static gint64
get_stage_id (RapportOpportunityDialog *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->stage_row));

  return selected < self->stage_ids->len ? g_array_index (self->stage_ids, gint64, selected) : 0;
}

static void
select_stage (RapportOpportunityDialog *self,
              gint64                    stage_id)
{
  for (guint i = 0; i < self->stage_ids->len; i++)
    if (g_array_index (self->stage_ids, gint64, i) == stage_id)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->stage_row), i);
        return;
      }
}

/* The default probability of the stage chosen (or, closed, of its own). */
static gint
get_stage_probability (RapportOpportunityDialog *self)
{
  g_autoptr (RapportPipelineStage) stage = NULL;

  if (is_closed (self))
    return rapport_opportunity_get_stage_probability (self->current);

  stage = find_stage (self, get_stage_id (self));
  return stage != NULL ? rapport_pipeline_stage_get_probability (stage) : 0;
}

static void
set_text_quietly (RapportOpportunityDialog *self,
                  GtkWidget                *row,
                  const char               *text)
{
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  self->loading = FALSE;
}

static void
show_default_probability (RapportOpportunityDialog *self)
{
  g_autofree char *text = g_strdup_printf ("%d", get_stage_probability (self));

  set_text_quietly (self, self->probability_row, text);
}

/* A row under a field for a remark that is not an error. */
static GtkWidget *
add_note_row (RapportOpportunityDialog *self,
              GtkWidget                *group,
              const char               *css_class)
{
  GtkWidget *row = rapport_editor_dialog_add_error_row (RAPPORT_EDITOR_DIALOG (self), group);
  GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_add_css_class (label, css_class);

  return row;
}

/* Form state */

static RapportOpportunityFormState
compute_state (RapportOpportunityDialog *self)
{
  g_autofree char *today = rapport_date_today (rapport_session_get_clock (get_session (self)));
  RapportOpportunityFormValues values = {
    .title = gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
    .amount = gtk_editable_get_text (GTK_EDITABLE (self->amount_row)),
    .currency = get_currency (self),
    .probability = gtk_editable_get_text (GTK_EDITABLE (self->probability_row)),
    .probability_is_default = self->probability_is_default,
    .expected_close = gtk_editable_get_text (GTK_EDITABLE (self->close_row)),
    .today = today,
  };

  return rapport_opportunity_form_state_from_values (&values);
}

static void
rapport_opportunity_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (dialog);
  g_auto (RapportOpportunityFormState) state = compute_state (self);
  g_autofree char *note = NULL;
  gboolean closed = is_closed (self);

  rapport_error_row_set (self->title_error, self->title_row,
                         self->title_touched || self->reveal_errors ? state.title_error : NULL);
  rapport_error_row_set (self->amount_error, self->amount_row,
                         self->amount_touched || self->reveal_errors ? state.amount_error : NULL);
  rapport_error_row_set (self->probability_error, self->probability_row, state.probability_error);
  rapport_error_row_set (self->close_error, self->close_row,
                         self->reveal_errors || rapport_field_get_left (self->close_row) ? state.close_error : NULL);
  rapport_error_row_set (self->close_note, NULL,
                         state.close_in_past && !closed
                         ? _("This date is in the past: the opportunity will show as overdue.") : NULL);

  if (self->probability_is_default)
    note = g_strdup (_("The stage’s default probability."));
  else
    /* Translators: %d is a percentage, e.g. 40 */
    note = g_strdup_printf (_("Your own probability: a stage change keeps it. The stage’s default is %d %%."),
                            get_stage_probability (self));
  rapport_error_row_set (self->probability_note, NULL, note);
  gtk_widget_set_visible (self->default_button, !self->probability_is_default);

  gtk_widget_set_visible (self->stage_row, !closed);

  rapport_editor_dialog_set_save_enabled (dialog, state.valid);
}

/* Loading */

static void
load_stages (RapportOpportunityDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (get_db (self), &error);
  gint64 selected = get_stage_id (self);

  if (stages == NULL)
    {
      show_error (self, error);
      return;
    }

  g_set_object (&self->stages, stages);
  g_array_set_size (self->stage_ids, 0);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);
      gint64 id = rapport_pipeline_stage_get_id (stage);

      if (rapport_pipeline_stage_get_kind (stage) != RAPPORT_STAGE_KIND_OPEN)
        continue;

      gtk_string_list_append (names, rapport_pipeline_stage_get_name (stage));
      g_array_append_val (self->stage_ids, id);
    }

  self->loading = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->stage_row), G_LIST_MODEL (names));
  select_stage (self, selected);
  self->loading = FALSE;
}

/* The state row: open in its stage, or won or lost (why), and what can be
 * done from there. */
static void
show_state (RapportOpportunityDialog *self)
{
  RapportOpportunity *current = self->current;
  g_autofree char *stage = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  RapportStageKind kind;

  gtk_widget_set_visible (self->state_group, current != NULL);
  if (current == NULL)
    return;

  kind = rapport_opportunity_get_stage_kind (current);
  stage = dup_stage_name (self, rapport_opportunity_get_stage_id (current));

  switch (kind)
    {
    case RAPPORT_STAGE_KIND_WON:
      title = g_strdup (_("Won"));
      break;

    case RAPPORT_STAGE_KIND_LOST:
      {
        g_autoptr (GArray) reasons = rapport_store_list_lost_reasons (get_db (self), NULL);
        const char *reason = NULL;

        for (guint i = 0; reasons != NULL && i < reasons->len; i++)
          if (g_array_index (reasons, RapportLostReason, i).id == rapport_opportunity_get_lost_reason_id (current))
            reason = g_array_index (reasons, RapportLostReason, i).name;

        /* Translators: %s is why a sales opportunity was lost, e.g. "Price" */
        title = reason != NULL ? g_strdup_printf (_("Lost: %s"), reason) : g_strdup (_("Lost"));
      }
      break;

    case RAPPORT_STAGE_KIND_OPEN:
    default:
      /* Translators: %s is a pipeline stage, e.g. "Proposal" */
      title = g_strdup_printf (_("Open, in %s"), stage);
      break;
    }

  if (rapport_opportunity_is_closed (current))
    {
      g_autofree char *when = rapport_format_date_time (rapport_opportunity_get_closed_at (current));
      const char *note = rapport_opportunity_get_lost_note (current);

      /* Translators: %s is a date and time */
      subtitle = g_strdup_printf (_("Closed %s"), when);
      if (kind == RAPPORT_STAGE_KIND_LOST && note != NULL && *note != '\0')
        {
          char *with_note = g_strdup_printf ("%s · %s", subtitle, note);

          g_free (subtitle);
          subtitle = with_note;
        }
    }
  else
    {
      gint days = 0;

      if (rapport_opportunity_is_stalled (current, rapport_session_get_clock (get_session (self)), &days))
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stalled: no activity for %d day",
                                                 "Stalled: no activity for %d days", days), days);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->state_row), subtitle != NULL ? subtitle : "");

  gtk_widget_set_visible (self->win_button, kind == RAPPORT_STAGE_KIND_OPEN);
  gtk_widget_set_visible (self->lose_button, kind == RAPPORT_STAGE_KIND_OPEN);
  gtk_widget_set_visible (self->reopen_button, kind != RAPPORT_STAGE_KIND_OPEN);
  gtk_widget_set_visible (self->order_button, kind == RAPPORT_STAGE_KIND_WON);
}

static char *
describe_step (RapportOpportunityDialog *self,
               RapportPlanStep          *step)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *due_on = rapport_plan_step_get_due_on (step);
  const char *result = rapport_plan_step_get_result (step);
  char *line;

  if (due_on != NULL && *due_on != '\0')
    {
      g_autofree char *today = rapport_date_today (rapport_session_get_clock (get_session (self)));

      /* YYYY-MM-DD sorts as the dates do. */
      if (!rapport_plan_step_is_done (step) && strcmp (due_on, today) < 0)
        /* Translators: %s is a date, YYYY-MM-DD */
        g_ptr_array_add (parts, g_strdup_printf (_("Overdue since %s"), due_on));
      else
        /* Translators: %s is a date, YYYY-MM-DD */
        g_ptr_array_add (parts, g_strdup_printf (_("Due %s"), due_on));
    }

  if (rapport_plan_step_get_assignee_id (step) != 0)
    {
      g_autofree char *who = rapport_store_get_user_name (get_db (self), rapport_plan_step_get_assignee_id (step), NULL);

      if (who != NULL)
        g_ptr_array_add (parts, g_steal_pointer (&who));
    }

  if (rapport_plan_step_is_done (step))
    {
      g_autofree char *day = rapport_date_from_unix_local (rapport_plan_step_get_done_at (step));

      /* Translators: %s is a date, YYYY-MM-DD */
      g_ptr_array_add (parts, g_strdup_printf (_("Done %s"), day));
    }

  if (rapport_plan_step_get_follow_up_id (step) != 0)
    g_ptr_array_add (parts, g_strdup (_("Follow-up created")));

  g_ptr_array_add (parts, NULL);
  line = g_strjoinv (" · ", (char **) parts->pdata);

  /* The result is the user's text, of any length: a line of its own. */
  if (result != NULL && *result != '\0')
    {
      /* Translators: %s is what came of a plan step (执行结果) */
      g_autofree char *result_line = g_strdup_printf (_("Result: %s"), result);
      char *both = *line != '\0' ? g_strdup_printf ("%s\n%s", line, result_line) : g_strdup (result_line);

      g_free (line);
      line = both;
    }

  return line;
}

static void
append_menu_item (GMenu      *menu,
                  const char *label,
                  const char *action,
                  gint64      id)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id));
  g_menu_append_item (menu, item);
}

static GtkWidget *
create_step_row (gpointer item,
                 gpointer user_data)
{
  RapportOpportunityDialog *self = user_data;
  RapportPlanStep *step = item;
  gint64 id = rapport_plan_step_get_id (step);
  g_autofree char *subtitle = describe_step (self, step);
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_plan_step_get_what (step));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "rapport-plan-step");

  if (rapport_plan_step_is_done (step))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  else
    {
      /* The titles of steps done and to do line up. */
      GtkWidget *space = gtk_image_new ();

      gtk_image_set_pixel_size (GTK_IMAGE (space), 16);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), space);

      button = gtk_button_new_with_mnemonic (_("_Done…"));
      gtk_widget_set_tooltip_text (button, _("Mark it done with its result"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.done");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  if (rapport_plan_step_get_follow_up_id (step) != 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("alarm-symbolic");

      gtk_widget_set_tooltip_text (icon, _("It has a follow-up"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("It has a follow-up"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }

  append_menu_item (menu, _("_Edit…"), "plan.edit", id);
  if (rapport_plan_step_is_done (step))
    append_menu_item (menu, _("Mark _Not Done"), "plan.undone", id);
  if (rapport_plan_step_get_follow_up_id (step) == 0)
    append_menu_item (menu, _("Create _Follow-up…"), "plan.follow-up", id);
  append_menu_item (menu, _("_Delete"), "plan.delete", id);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("Step Menu"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
show_plan (RapportOpportunityDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) steps = NULL;
  g_autofree char *progress = NULL;
  guint n, done = 0;

  gtk_widget_set_visible (self->plan_group, self->current != NULL);
  if (self->current == NULL)
    return;

  steps = rapport_store_list_plan_steps (get_db (self), get_id (self), &error);
  if (steps == NULL)
    {
      show_error (self, error);
      return;
    }

  rapport_list_store_sync (self->steps, steps);

  n = g_list_model_get_n_items (steps);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportPlanStep) step = g_list_model_get_item (steps, i);

      done += rapport_plan_step_is_done (step) ? 1 : 0;
    }

  /* Translators: the development plan's progress, e.g. "2 of 5 done" */
  if (n > 0)
    progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done", n), done, n);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->plan_group), progress);
}

static char *
describe_event (RapportOpportunityDialog      *self,
                const RapportOpportunityEvent *event,
                GArray                        *reasons)
{
  g_autofree char *from = dup_stage_name (self, event->from_stage_id);
  g_autofree char *to = dup_stage_name (self, event->to_stage_id);

  switch (event->kind)
    {
    case RAPPORT_OPPORTUNITY_EVENT_CREATED:
      /* Translators: %s is a pipeline stage */
      return g_strdup_printf (_("Created in %s"), to);
    case RAPPORT_OPPORTUNITY_EVENT_MOVED:
      /* Translators: both are pipeline stages */
      return g_strdup_printf (_("Moved from %s to %s"), from, to);
    case RAPPORT_OPPORTUNITY_EVENT_WON:
      return g_strdup (_("Won"));
    case RAPPORT_OPPORTUNITY_EVENT_LOST:
      for (guint i = 0; reasons != NULL && i < reasons->len; i++)
        if (g_array_index (reasons, RapportLostReason, i).id == event->lost_reason_id)
          return g_strdup_printf (_("Lost: %s"), g_array_index (reasons, RapportLostReason, i).name);
      return g_strdup (_("Lost"));
    case RAPPORT_OPPORTUNITY_EVENT_REOPENED:
      /* Translators: %s is a pipeline stage */
      return g_strdup_printf (_("Reopened in %s"), to);
    default:
      return g_strdup ("");
    }
}

static void
show_history (RapportOpportunityDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) events = NULL;
  g_autoptr (GArray) reasons = NULL;
  GtkWidget *child;

  gtk_widget_set_visible (self->history_group, self->current != NULL);
  if (self->current == NULL)
    return;

  events = rapport_store_list_opportunity_events (get_db (self), get_id (self), &error);
  if (events == NULL)
    {
      show_error (self, error);
      return;
    }
  reasons = rapport_store_list_lost_reasons (get_db (self), NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  /* The latest first. */
  for (guint i = events->len; i > 0; i--)
    {
      const RapportOpportunityEvent *event = &g_array_index (events, RapportOpportunityEvent, i - 1);
      g_autofree char *title = describe_event (self, event, reasons);
      g_autofree char *when = rapport_format_date_time (event->at);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_list_box_append (self->history_list, row);
    }
}

/* What the store says now about the state, the plan and the history; the
 * fields the user edits stay as they are. */
static void
load_live_parts (RapportOpportunityDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportOpportunity) current = NULL;
  gboolean was_closed = is_closed (self);

  if (get_id (self) == 0)
    return;

  current = rapport_store_get_opportunity (get_db (self), get_id (self), &error);
  if (current == NULL)
    {
      show_error (self, error);
      return;
    }

  g_set_object (&self->current, current);
  load_stages (self);

  /* Reopened, or moved on the board meanwhile: the stage row follows unless
   * the user chose one. */
  if (!self->stage_touched || was_closed != is_closed (self))
    {
      self->loading = TRUE;
      select_stage (self, rapport_opportunity_get_stage_id (current));
      self->loading = FALSE;
      self->stage_touched = FALSE;
    }
  if (self->probability_is_default)
    show_default_probability (self);

  show_state (self);
  show_plan (self);
  show_history (self);
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
}

static void
changes_cb (RapportOpportunityDialog *self,
            GArray                   *changes)
{
  gboolean mine = FALSE;

  if (rapport_editor_dialog_is_closing (RAPPORT_EDITOR_DIALOG (self)) || get_id (self) == 0)
    return;

  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      switch ((int) change->kind)
        {
        case RAPPORT_ENTITY_KIND_OPPORTUNITY:
          mine |= change->id == get_id (self) || change->change == RAPPORT_CHANGE_RELOADED;
          break;
        case RAPPORT_ENTITY_KIND_PLAN_STEP:
          mine |= rapport_change_concerns_customer (change, self->customer_id);
          break;
        case RAPPORT_ENTITY_KIND_PIPELINE_STAGE:
        case RAPPORT_ENTITY_KIND_LOST_REASON:
        case RAPPORT_ENTITY_KIND_USER:
          mine = TRUE;
          break;
        default:
          break;
        }
    }

  if (mine)
    load_live_parts (self);
}

/* Callbacks */

static void
title_changed_cb (RapportOpportunityDialog *self)
{
  self->title_touched = TRUE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
amount_changed_cb (RapportOpportunityDialog *self)
{
  self->amount_touched = TRUE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
probability_changed_cb (RapportOpportunityDialog *self)
{
  if (self->loading)
    return;

  /* Typed: from now on it is the user's. */
  self->probability_is_default = FALSE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
stage_changed_cb (RapportOpportunityDialog *self)
{
  if (self->loading)
    return;

  self->stage_touched = TRUE;
  /* Only the default follows the stage; the user's own stays. */
  if (self->probability_is_default)
    show_default_probability (self);
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

/* Actions: the probability */

static void
use_default_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);

  self->probability_is_default = TRUE;
  show_default_probability (self);
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

/* Actions: the state */

static void
win_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);

  rapport_opportunity_actions_win (widget, get_session (self), get_id (self));
}

static void
lose_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);

  rapport_opportunity_actions_lose (widget, get_session (self), get_id (self));
}

static void
reopen_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);

  rapport_opportunity_actions_reopen (widget, get_session (self), get_id (self));
}

static void
record_order_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);

  rapport_opportunity_actions_record_order (widget, get_session (self), get_id (self));
}

/* Actions: the plan */

static RapportPlanStep *
find_step (RapportOpportunityDialog *self,
           gint64                    id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->steps)); i++)
    {
      g_autoptr (RapportPlanStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (rapport_plan_step_get_id (step) == id)
        return g_steal_pointer (&step);
    }

  return NULL;
}

/* The window a plan step is edited or completed in. */
typedef struct
{
  RapportOpportunityDialog *self;   /* owned */
  RapportPlanStep          *step;   /* owned copy; id 0 for a new one */
  GtkWidget                *what_row;
  GtkWidget                *due_row;
  GtkWidget                *who_row;
  GtkWidget                *result_row;
} StepEdit;

static void
step_edit_free (gpointer  data,
                GClosure *closure)
{
  StepEdit *edit = data;

  g_clear_object (&edit->self);
  g_clear_object (&edit->step);
  g_free (edit);
}

static gboolean
step_edit_is_valid (StepEdit *edit)
{
  g_autofree char *what = edit->what_row != NULL ? rapport_editable_dup_trimmed (GTK_EDITABLE (edit->what_row)) : NULL;
  g_autofree char *due = edit->due_row != NULL ? rapport_editable_dup_trimmed (GTK_EDITABLE (edit->due_row)) : NULL;

  if (edit->what_row != NULL && what == NULL)
    return FALSE;

  return due == NULL || rapport_date_validate (due, NULL);
}

static void
step_edit_changed_cb (AdwMessageDialog *dialog)
{
  StepEdit *edit = g_object_get_data (G_OBJECT (dialog), "step-edit");

  adw_message_dialog_set_response_enabled (dialog, "save", step_edit_is_valid (edit));
}

static void
step_edit_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       StepEdit         *edit)
{
  RapportDatabase *db = get_db (edit->self);
  g_autoptr (GError) error = NULL;
  g_autofree char *result = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "save") != 0 || !step_edit_is_valid (edit))
    return;

  if (edit->result_row != NULL)
    result = rapport_editable_dup_trimmed (GTK_EDITABLE (edit->result_row));

  if (edit->what_row == NULL)
    {
      /* Marking it done. */
      ok = rapport_store_set_plan_step_done (db, rapport_plan_step_get_id (edit->step), TRUE, result, &error);
    }
  else
    {
      g_autofree char *what = rapport_editable_dup_trimmed (GTK_EDITABLE (edit->what_row));
      g_autofree char *due = rapport_editable_dup_trimmed (GTK_EDITABLE (edit->due_row));

      rapport_plan_step_set_what (edit->step, what);
      rapport_plan_step_set_due_on (edit->step, due);
      rapport_plan_step_set_assignee_id (edit->step, rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (edit->who_row)));
      if (edit->result_row != NULL)
        rapport_plan_step_set_result (edit->step, result);

      if (rapport_plan_step_get_id (edit->step) == 0)
        ok = rapport_store_insert_plan_step (db, edit->step, &error);
      else
        ok = rapport_store_update_plan_step (db, edit->step, &error);
    }

  if (!ok)
    show_error (edit->self, error);
}

static GtkWidget *
add_row (GtkWidget  *list,
         GtkWidget  *row,
         const char *title,
         const char *text)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return row;
}

/* Asks for a step's what, due date (and result, once done), or with
 * @done_only for the result of marking it done. */
static GtkWidget *
edit_step (RapportOpportunityDialog *self,
           RapportPlanStep          *step,
           gboolean                  done_only)
{
  StepEdit *edit = g_new0 (StepEdit, 1);
  GtkWidget *dialog, *list;
  const char *heading;

  edit->self = g_object_ref (self);
  edit->step = rapport_plan_step_copy (step);

  if (done_only)
    heading = _("Mark the Step Done");
  else if (rapport_plan_step_get_id (step) == 0)
    heading = _("New Plan Step");
  else
    heading = _("Edit Plan Step");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   done_only ? rapport_plan_step_get_what (step) : NULL);
  g_object_set_data (G_OBJECT (dialog), "step-edit", edit);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  if (!done_only)
    {
      edit->what_row = add_row (list, adw_entry_row_new (), _("_What to Do"), rapport_plan_step_get_what (step));
      edit->due_row = add_row (list, rapport_date_row_new (), _("_Due (YYYY-MM-DD)"),
                               rapport_plan_step_get_due_on (step));
      edit->who_row = rapport_staff_row_new (get_db (self), RAPPORT_STAFF_PICK_OWNER);
      /* Translators: who is to do a plan step */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (edit->who_row), _("_Who"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (edit->who_row), TRUE);
      rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (edit->who_row), rapport_plan_step_get_assignee_id (step));
      gtk_list_box_append (GTK_LIST_BOX (list), edit->who_row);
      g_signal_connect_swapped (edit->what_row, "changed", G_CALLBACK (step_edit_changed_cb), dialog);
      g_signal_connect_swapped (edit->due_row, "changed", G_CALLBACK (step_edit_changed_cb), dialog);
    }
  if (done_only || rapport_plan_step_is_done (step))
    edit->result_row = add_row (list, adw_entry_row_new (), _("_Result"), rapport_plan_step_get_result (step));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", done_only ? _("Mark _Done") : _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (step_edit_response_cb), edit, step_edit_free, 0);
  step_edit_changed_cb (ADW_MESSAGE_DIALOG (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_window_set_focus (GTK_WINDOW (dialog), edit->what_row != NULL ? edit->what_row : edit->result_row);

  return dialog;
}

static void
add_step_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);
  g_autoptr (RapportPlanStep) step = rapport_plan_step_new ();

  if (get_id (self) == 0)
    return;

  rapport_plan_step_set_opportunity_id (step, get_id (self));
  edit_step (self, step, FALSE);
}

static void
edit_step_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);
  g_autoptr (RapportPlanStep) step = find_step (self, g_variant_get_int64 (parameter));

  if (step != NULL)
    edit_step (self, step, FALSE);
}

static void
done_step_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);
  g_autoptr (RapportPlanStep) step = find_step (self, g_variant_get_int64 (parameter));

  if (step != NULL)
    edit_step (self, step, TRUE);
}

static void
undone_step_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);
  g_autoptr (GError) error = NULL;

  if (!rapport_store_set_plan_step_done (get_db (self), g_variant_get_int64 (parameter), FALSE, NULL, &error))
    show_error (self, error);
}

static void
delete_step_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);
  g_autoptr (GError) error = NULL;

  if (!rapport_store_delete_plan_step (get_db (self), g_variant_get_int64 (parameter), &error))
    show_error (self, error);
}

static void
follow_up_saved_cb (RapportEditorDialog      *dialog,
                    gint64                    follow_up_id,
                    RapportOpportunityDialog *self)
{
  RapportPlanStep *saved = g_object_get_data (G_OBJECT (dialog), "plan-step");
  g_autoptr (RapportPlanStep) shown = find_step (self, rapport_plan_step_get_id (saved));
  g_autoptr (RapportPlanStep) step = NULL;
  g_autoptr (GError) error = NULL;

  /* The step as it is now (edited meanwhile, perhaps), else as it was; a
   * copy, so that the list sees the change when it reads it again. */
  step = rapport_plan_step_copy (shown != NULL ? shown : saved);

  rapport_plan_step_set_follow_up_id (step, follow_up_id);
  if (!rapport_store_update_plan_step (get_db (self), step, &error))
    show_error (self, error);
}

static void
create_follow_up_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (widget);
  g_autoptr (RapportPlanStep) step = find_step (self, g_variant_get_int64 (parameter));
  g_autoptr (RapportFollowUp) follow_up = NULL;
  g_autofree char *day = NULL;
  g_autofree char *due_local = NULL;
  const char *due_on;
  GtkWidget *dialog;

  if (step == NULL)
    return;

  due_on = rapport_plan_step_get_due_on (step);
  day = due_on != NULL && *due_on != '\0'
        ? g_strdup (due_on) : rapport_date_today (rapport_session_get_clock (get_session (self)));
  due_local = g_strdup_printf ("%s " FOLLOW_UP_TIME, day);

  /* A new follow-up (no id) the dialog starts from. */
  follow_up = rapport_follow_up_new ();
  rapport_follow_up_set_customer_id (follow_up, self->customer_id);
  rapport_follow_up_set_contact_id (follow_up, self->current != NULL ? rapport_opportunity_get_contact_id (self->current) : 0);
  rapport_follow_up_set_title (follow_up, rapport_plan_step_get_what (step));
  rapport_follow_up_set_due_local (follow_up, due_local);
  rapport_follow_up_set_remind_before (follow_up, 0);

  dialog = rapport_follow_up_dialog_new (GTK_WINDOW (self), get_session (self), self->customer_id, follow_up);
  g_object_set_data_full (G_OBJECT (dialog), "plan-step", g_steal_pointer (&step), g_object_unref);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (follow_up_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* RapportEditorDialog */

static gboolean
rapport_opportunity_dialog_save (RapportEditorDialog *dialog,
                                 gint64              *out_id)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (dialog);
  RapportDatabase *db = get_db (self);
  g_auto (RapportOpportunityFormState) state = { 0 };
  g_autoptr (RapportOpportunity) opportunity = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *source = NULL;
  g_autofree char *close = NULL;
  g_autofree char *notes = NULL;
  guint contact_index;
  gint64 stage_id = get_stage_id (self);

  self->reveal_errors = TRUE;
  rapport_editor_dialog_update_state (dialog);
  state = compute_state (self);
  if (!state.valid)
    return FALSE;

  title = rapport_editable_dup_trimmed (GTK_EDITABLE (self->title_row));
  source = rapport_editable_dup_trimmed (GTK_EDITABLE (self->source_row));
  close = rapport_editable_dup_trimmed (GTK_EDITABLE (self->close_row));
  notes = rapport_text_view_get_text (self->notes_view);
  contact_index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->contact_row));

  opportunity = self->opportunity != NULL ? rapport_opportunity_copy (self->opportunity) : rapport_opportunity_new ();
  rapport_opportunity_set_customer_id (opportunity, self->customer_id);
  rapport_opportunity_set_contact_id (opportunity,
                                      contact_index < self->contact_ids->len
                                      ? g_array_index (self->contact_ids, gint64, contact_index) : 0);
  rapport_opportunity_set_title (opportunity, title);
  rapport_opportunity_set_amount (opportunity, state.amount);
  rapport_opportunity_set_currency (opportunity, get_currency (self));
  rapport_opportunity_set_probability (opportunity, self->probability_is_default ? -1 : state.probability);
  rapport_opportunity_set_expected_close (opportunity, close);
  rapport_opportunity_set_source (opportunity, source);
  rapport_opportunity_set_owner_id (opportunity, rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (self->owner_row)));
  rapport_opportunity_set_notes (opportunity, g_strstrip (notes)[0] != '\0' ? notes : NULL);

  if (self->opportunity == NULL)
    {
      rapport_opportunity_set_stage_id (opportunity, stage_id);
      if (!rapport_store_insert_opportunity (db, opportunity, &error))
        {
          rapport_editor_dialog_show_banner (dialog, error->message);
          return FALSE;
        }
    }
  else
    {
      if (!rapport_store_update_opportunity (db, opportunity, &error))
        {
          rapport_editor_dialog_show_banner (dialog, error->message);
          return FALSE;
        }

      if (!is_closed (self) && stage_id != 0 && stage_id != rapport_opportunity_get_stage_id (self->current) &&
          !rapport_store_move_opportunity (db, get_id (self), stage_id, &error))
        {
          rapport_editor_dialog_show_banner (dialog, error->message);
          return FALSE;
        }
    }

  *out_id = rapport_opportunity_get_id (opportunity);
  return TRUE;
}

/* GObject */

static void
rapport_opportunity_dialog_dispose (GObject *object)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (object);

  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);

  G_OBJECT_CLASS (rapport_opportunity_dialog_parent_class)->dispose (object);
}

static void
rapport_opportunity_dialog_finalize (GObject *object)
{
  RapportOpportunityDialog *self = RAPPORT_OPPORTUNITY_DIALOG (object);

  g_clear_object (&self->opportunity);
  g_clear_object (&self->current);
  g_clear_object (&self->stages);
  g_clear_object (&self->currencies);
  g_clear_object (&self->steps);
  g_clear_pointer (&self->stage_ids, g_array_unref);
  g_clear_pointer (&self->contact_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_opportunity_dialog_parent_class)->finalize (object);
}

static void
rapport_opportunity_dialog_class_init (RapportOpportunityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->dispose = rapport_opportunity_dialog_dispose;
  object_class->finalize = rapport_opportunity_dialog_finalize;

  dialog_class->update_state = rapport_opportunity_dialog_update_state;
  dialog_class->save = rapport_opportunity_dialog_save;

  gtk_widget_class_install_action (widget_class, "probability.use-default", NULL, use_default_activated);
  gtk_widget_class_install_action (widget_class, "opportunity.win", NULL, win_activated);
  gtk_widget_class_install_action (widget_class, "opportunity.lose", NULL, lose_activated);
  gtk_widget_class_install_action (widget_class, "opportunity.reopen", NULL, reopen_activated);
  gtk_widget_class_install_action (widget_class, "opportunity.record-order", NULL, record_order_activated);
  gtk_widget_class_install_action (widget_class, "plan.add", NULL, add_step_activated);
  gtk_widget_class_install_action (widget_class, "plan.edit", "x", edit_step_activated);
  gtk_widget_class_install_action (widget_class, "plan.done", "x", done_step_activated);
  gtk_widget_class_install_action (widget_class, "plan.undone", "x", undone_step_activated);
  gtk_widget_class_install_action (widget_class, "plan.follow-up", "x", create_follow_up_activated);
  gtk_widget_class_install_action (widget_class, "plan.delete", "x", delete_step_activated);
}

static GtkWidget *
new_state_button (const char *label,
                  const char *action_name,
                  const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);

  return button;
}

static void
rapport_opportunity_dialog_init (RapportOpportunityDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  GtkWidget *group, *button, *placeholder, *buttons;

  gtk_window_set_default_size (GTK_WINDOW (self), 600, 720);
  rapport_editor_dialog_set_title (dialog, _("New Opportunity"));
  self->stage_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->currencies = gtk_string_list_new (rapport_currency_get_common ());
  self->steps = g_list_store_new (RAPPORT_TYPE_PLAN_STEP);
  self->probability_is_default = TRUE;

  /* The state, for an existing one */
  self->state_group = rapport_editor_dialog_add_group (dialog, NULL);
  self->state_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->state_row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->state_row), 0);
  gtk_widget_add_css_class (self->state_row, "rapport-opportunity-state");
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->win_button = new_state_button (_("_Won"), "opportunity.win", "suggested-action");
  self->lose_button = new_state_button (_("_Lost…"), "opportunity.lose", NULL);
  self->order_button = new_state_button (_("Record _Order…"), "opportunity.record-order", NULL);
  self->reopen_button = new_state_button (_("_Reopen…"), "opportunity.reopen", NULL);
  gtk_box_append (GTK_BOX (buttons), self->win_button);
  gtk_box_append (GTK_BOX (buttons), self->lose_button);
  gtk_box_append (GTK_BOX (buttons), self->order_button);
  gtk_box_append (GTK_BOX (buttons), self->reopen_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->state_row), buttons);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->state_group), self->state_row);
  gtk_widget_set_visible (self->state_group, FALSE);

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->main_group = group;
  /* Translators: what the opportunity is, not a person's job title */
  self->title_row = rapport_editor_dialog_add_entry_row (dialog, group, C_("opportunity", "_Title"));
  self->title_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->contact_row = rapport_editor_dialog_add_combo_row (dialog, group, _("C_ontact"), NULL);
  /* Translators: where the opportunity came from (a fair, a referral) */
  self->source_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Source"));

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->amount_row = rapport_editor_dialog_add_entry_row (dialog, group, _("Expected _Amount"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->amount_row), GTK_INPUT_PURPOSE_NUMBER);
  self->amount_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->currency_row = rapport_editor_dialog_add_combo_row (dialog, group, _("C_urrency"), NULL);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->currency_row), G_LIST_MODEL (self->currencies));
  self->close_row = rapport_editor_dialog_add_date_row (dialog, group, _("Expected _Close (YYYY-MM-DD)"));
  self->close_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->close_note = add_note_row (self, group, "warning");

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->stage_row = rapport_editor_dialog_add_combo_row (dialog, group, _("Sta_ge"), NULL);
  self->probability_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Probability (%)"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->probability_row), GTK_INPUT_PURPOSE_DIGITS);
  self->default_button = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  gtk_widget_set_tooltip_text (self->default_button, _("Use the Stage’s Default"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->default_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Use the Stage’s Default"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->default_button), "probability.use-default");
  gtk_widget_set_valign (self->default_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->default_button, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->probability_row), self->default_button);
  self->probability_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->probability_note = add_note_row (self, group, "dim-label");

  rapport_editor_dialog_append (dialog, rapport_text_view_group_new (_("Notes"), &self->notes_view));

  /* The development plan, for an existing one */
  self->plan_group = rapport_editor_dialog_add_group (dialog, _("Development Plan"));
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (button, _("Add Step"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Step"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.add");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->plan_group), button);
  self->plan_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->plan_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->plan_list), "boxed-list");
  gtk_list_box_bind_model (self->plan_list, G_LIST_MODEL (self->steps), create_step_row, self, NULL);
  placeholder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (placeholder, "rapport-placeholder");
  gtk_box_append (GTK_BOX (placeholder), gtk_label_new (_("No steps planned yet")));
  gtk_widget_add_css_class (gtk_widget_get_first_child (placeholder), "dim-label");
  button = gtk_button_new_with_mnemonic (_("_Add Step"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.add");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_box_append (GTK_BOX (placeholder), button);
  gtk_list_box_set_placeholder (self->plan_list, placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->plan_group), GTK_WIDGET (self->plan_list));
  gtk_widget_set_visible (self->plan_group, FALSE);

  self->history_group = rapport_editor_dialog_add_group (dialog, _("History"));
  self->history_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->history_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->history_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->history_group), GTK_WIDGET (self->history_list));
  gtk_widget_set_visible (self->history_group, FALSE);

  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (title_changed_cb), self);
  g_signal_connect_swapped (self->amount_row, "changed", G_CALLBACK (amount_changed_cb), self);
  g_signal_connect_swapped (self->probability_row, "changed", G_CALLBACK (probability_changed_cb), self);
  g_signal_connect_swapped (self->close_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->currency_row, "notify::selected",
                            G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->stage_row, "notify::selected", G_CALLBACK (stage_changed_cb), self);
  rapport_editor_dialog_watch_leave (dialog, self->close_row);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);
}

/* Public API */

/**
 * rapport_opportunity_dialog_new:
 * @session: an open session
 * @customer_id: the opportunity's customer
 * @opportunity_id: the opportunity to edit, 0 for a new one
 *
 * Returns: (transfer none): a new dialog, not yet presented, with the title
 *   focused
 */
GtkWidget *
rapport_opportunity_dialog_new (RapportSession *session,
                                gint64          customer_id,
                                gint64          opportunity_id)
{
  RapportOpportunityDialog *self;
  RapportDatabase *db;
  g_autoptr (GError) error = NULL;
  gint64 contact_id = -1;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);
  g_return_val_if_fail (customer_id > 0, NULL);
  g_return_val_if_fail (opportunity_id >= 0, NULL);

  db = rapport_session_get_database (session);
  self = g_object_new (RAPPORT_TYPE_OPPORTUNITY_DIALOG, "session", session, NULL);
  self->customer_id = customer_id;
  g_signal_group_set_target (self->bus_signals, rapport_database_get_change_bus (db));

  load_stages (self);

  /* The staff row reads the staff when it is made. */
  self->owner_row = rapport_staff_row_new (db, RAPPORT_STAFF_PICK_OWNER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->owner_row), _("_Owner"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->owner_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->main_group), self->owner_row);

  if (opportunity_id > 0)
    {
      RapportOpportunity *opportunity = rapport_store_get_opportunity (db, opportunity_id, &error);

      if (opportunity == NULL)
        {
          show_error (self, error);
          g_clear_error (&error);
        }
      else
        {
          g_autofree char *amount = NULL;
          g_autofree char *probability = NULL;
          const char *notes = rapport_opportunity_get_notes (opportunity);

          self->opportunity = opportunity;
          g_set_object (&self->current, opportunity);
          rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self), _("Edit Opportunity"));
          contact_id = rapport_opportunity_get_contact_id (opportunity);

          self->loading = TRUE;
          select_currency (self, rapport_opportunity_get_currency (opportunity));
          select_stage (self, rapport_opportunity_get_stage_id (opportunity));
          self->loading = FALSE;

          set_text_quietly (self, self->title_row, rapport_opportunity_get_title (opportunity));
          set_text_quietly (self, self->source_row, rapport_opportunity_get_source (opportunity));
          rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (self->owner_row), rapport_opportunity_get_owner_id (opportunity));
          set_text_quietly (self, self->close_row, rapport_opportunity_get_expected_close (opportunity));
          if (rapport_opportunity_get_amount (opportunity) > 0)
            {
              amount = rapport_money_format_plain (rapport_opportunity_get_amount (opportunity),
                                                   rapport_opportunity_get_currency (opportunity));
              set_text_quietly (self, self->amount_row, amount);
            }
          self->probability_is_default = rapport_opportunity_get_probability (opportunity) < 0;
          if (!self->probability_is_default)
            {
              probability = g_strdup_printf ("%d", rapport_opportunity_get_probability (opportunity));
              set_text_quietly (self, self->probability_row, probability);
            }
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes != NULL ? notes : "", -1);
        }
    }
  else
    {
      self->loading = TRUE;
      select_currency (self, rapport_session_get_default_currency (session));
      self->loading = FALSE;
    }

  if (self->probability_is_default)
    show_default_probability (self);

  if (!rapport_contact_row_load (ADW_COMBO_ROW (self->contact_row), db, customer_id, contact_id,
                                 self->contact_ids, &error))
    show_error (self, error);

  /* Typed in by loading, not by the user. */
  self->title_touched = FALSE;
  self->amount_touched = FALSE;
  self->stage_touched = FALSE;

  load_live_parts (self);
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  gtk_window_set_focus (GTK_WINDOW (self), self->title_row);

  return GTK_WIDGET (self);
}
