/* rapport-greeting-rule-dialog.c
 *
 * Only the rows of the chosen occasion are shown (the holiday for a holiday,
 * the month and day for a date, the months for periodic care); the others
 * keep what was typed, so switching back and forth loses nothing. The
 * store checks the rule again when saving and its refusal shows in the
 * banner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-greeting-rule-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-form-helpers.h"
#include "rapport-holiday.h"
#include "rapport-store.h"

#include "rapport-greeting-rule-dialog.h"

#define MAX_EVERY_MONTHS 60
#define MAX_LEAD_DAYS 30
#define DEFAULT_SEND_TIME "09:00"

/* The occasions in the order the kind row offers them. */
static const RapportGreetingKind kind_choices[] = {
  RAPPORT_GREETING_KIND_BIRTHDAY,
  RAPPORT_GREETING_KIND_HOLIDAY,
  RAPPORT_GREETING_KIND_DATE,
  RAPPORT_GREETING_KIND_PERIODIC,
};

static const RapportChannel channel_choices[] = { RAPPORT_CHANNEL_SMS, RAPPORT_CHANNEL_MAIL };

struct _RapportGreetingRuleDialog
{
  RapportEditorDialog  parent_instance;

  /* Built in init */
  GtkWidget           *name_row;
  GtkWidget           *name_error;
  GtkWidget           *kind_row;
  GtkWidget           *holiday_row;
  GtkWidget           *month_day_row;
  GtkWidget           *month_day_error;
  GtkWidget           *every_row;
  GtkWidget           *every_error;
  GtkWidget           *channel_row;
  GtkWidget           *template_row;
  GtkWidget           *template_error;
  GtkWidget           *tiers_row;
  GtkWidget           *stages_row;
  GtkWidget           *tags_row;
  GtkWidget           *contacts_switch;
  GtkWidget           *time_row;
  GtkWidget           *time_error;
  GtkWidget           *lead_row;
  GtkWidget           *lead_error;
  GtkWidget           *review_switch;
  GtkWidget           *enabled_switch;
  GtkWidget           *delete_group;
  GPtrArray           *tier_checks;      /* GtkCheckButton per tier, in enum order */
  GPtrArray           *stage_checks;     /* GtkCheckButton per stage, in enum order */
  GPtrArray           *tag_checks;       /* GtkCheckButton per tag, as tag_ids */

  /* Owned */
  RapportGreetingRule *rule;             /* the one edited, NULL for a new one */
  GArray              *template_ids;     /* gint64 per template row */
  GArray              *tag_ids;          /* gint64 per tag check */
  gboolean             name_touched;
  gboolean             reveal_errors;
};

G_DEFINE_FINAL_TYPE (RapportGreetingRuleDialog, rapport_greeting_rule_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

typedef struct
{
  char     *name_error;
  char     *month_day_error;
  char     *every_error;
  char     *template_error;
  char     *time_error;
  char     *lead_error;
  guint     month;
  guint     day;
  guint     every;
  guint     lead;
  int       hour;
  int       minute;
  gboolean  valid;
} FormState;

static void
form_state_clear (FormState *state)
{
  g_clear_pointer (&state->name_error, g_free);
  g_clear_pointer (&state->month_day_error, g_free);
  g_clear_pointer (&state->every_error, g_free);
  g_clear_pointer (&state->template_error, g_free);
  g_clear_pointer (&state->time_error, g_free);
  g_clear_pointer (&state->lead_error, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FormState, form_state_clear)

static RapportGreetingKind
get_kind (RapportGreetingRuleDialog *self)
{
  guint index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));

  return index < G_N_ELEMENTS (kind_choices) ? kind_choices[index] : RAPPORT_GREETING_KIND_BIRTHDAY;
}

static RapportChannel
get_channel (RapportGreetingRuleDialog *self)
{
  guint index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->channel_row));

  return index < G_N_ELEMENTS (channel_choices) ? channel_choices[index] : RAPPORT_CHANNEL_SMS;
}

static gint64
get_template_id (RapportGreetingRuleDialog *self)
{
  guint index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->template_row));

  return index < self->template_ids->len ? g_array_index (self->template_ids, gint64, index) : 0;
}

/* A whole number from @min to @max as typed, else FALSE. */
static gboolean
parse_number (GtkWidget *row,
              guint      min,
              guint      max,
              guint     *out)
{
  g_autofree char *text = rapport_editable_dup_trimmed (GTK_EDITABLE (row));
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return FALSE;

  *out = value;
  return TRUE;
}

static FormState
compute_state (RapportGreetingRuleDialog *self)
{
  g_autofree char *name = rapport_editable_dup_trimmed (GTK_EDITABLE (self->name_row));
  g_autofree char *month_day = rapport_editable_dup_trimmed (GTK_EDITABLE (self->month_day_row));
  g_autofree char *time = rapport_editable_dup_trimmed (GTK_EDITABLE (self->time_row));
  RapportGreetingKind kind = get_kind (self);
  FormState state = { 0 };
  char extra;

  if (name == NULL)
    state.name_error = g_strdup (_("Enter a name"));

  /* A 29 February rule is valid: it falls on the 28th in common years. */
  if (kind == RAPPORT_GREETING_KIND_DATE &&
      (month_day == NULL || sscanf (month_day, "%u-%u%c", &state.month, &state.day, &extra) != 2 ||
       !g_date_valid_dmy (state.day, state.month, 2000)))
    state.month_day_error = g_strdup (_("Enter the month and day as MM-DD, like 06-18"));

  if (kind == RAPPORT_GREETING_KIND_PERIODIC && !parse_number (self->every_row, 1, MAX_EVERY_MONTHS, &state.every))
    state.every_error = g_strdup_printf (_("Enter a whole number from 1 to %d"), MAX_EVERY_MONTHS);

  if (self->template_ids->len > 0 && get_template_id (self) == 0)
    state.template_error = g_strdup (_("The template this greeting used is gone: choose another"));
  else if (self->template_ids->len == 0)
    state.template_error = g_strdup (get_channel (self) == RAPPORT_CHANNEL_MAIL
                                     ? _("There is no mail template yet: a greeting needs one")
                                     : _("There is no SMS template yet: a greeting needs one"));

  if (time == NULL || sscanf (time, "%d:%d%c", &state.hour, &state.minute, &extra) != 2 ||
      state.hour < 0 || state.hour > 23 || state.minute < 0 || state.minute > 59)
    state.time_error = g_strdup (_("Enter a time as HH:MM, like 09:30"));

  if (!parse_number (self->lead_row, 0, MAX_LEAD_DAYS, &state.lead))
    state.lead_error = g_strdup_printf (_("Enter a whole number from 0 to %d"), MAX_LEAD_DAYS);

  state.valid = state.name_error == NULL && state.month_day_error == NULL && state.every_error == NULL &&
                state.template_error == NULL && state.time_error == NULL && state.lead_error == NULL;

  return state;
}

static gboolean
reveal (RapportGreetingRuleDialog *self,
        GtkWidget                 *row)
{
  return self->reveal_errors || rapport_field_get_left (row);
}

static void
rapport_greeting_rule_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportGreetingRuleDialog *self = RAPPORT_GREETING_RULE_DIALOG (dialog);
  g_auto (FormState) state = compute_state (self);
  RapportGreetingKind kind = get_kind (self);

  gtk_widget_set_visible (self->holiday_row, kind == RAPPORT_GREETING_KIND_HOLIDAY);
  gtk_widget_set_visible (self->month_day_row, kind == RAPPORT_GREETING_KIND_DATE);
  gtk_widget_set_visible (self->every_row, kind == RAPPORT_GREETING_KIND_PERIODIC);

  rapport_error_row_set (self->name_error, self->name_row, self->name_touched ? state.name_error : NULL);
  rapport_error_row_set (self->month_day_error, self->month_day_row,
                         reveal (self, self->month_day_row) ? state.month_day_error : NULL);
  rapport_error_row_set (self->every_error, self->every_row, state.every_error);
  rapport_error_row_set (self->template_error, self->template_row, state.template_error);
  rapport_error_row_set (self->time_error, self->time_row, reveal (self, self->time_row) ? state.time_error : NULL);
  rapport_error_row_set (self->lead_error, self->lead_row, state.lead_error);

  rapport_editor_dialog_set_save_enabled (dialog, state.valid);
}

/* Fills the template row with the channel's templates, keeping @selected_id
 * selected when it is one of them. When it is not (an edited rule whose
 * template went to the Trash), the row says so first: the user chooses
 * again rather than the dialog choosing for them. */
static void
load_templates (RapportGreetingRuleDialog *self,
                gint64                     selected_id)
{
  gboolean found = FALSE;
  RapportDatabase *db = rapport_editor_dialog_get_database (RAPPORT_EDITOR_DIALOG (self));
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GListModel) templates = NULL;
  g_autoptr (GError) error = NULL;
  guint selected = 0;

  g_array_set_size (self->template_ids, 0);
  templates = rapport_store_list_templates (db, get_channel (self), &error);
  if (templates == NULL)
    rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);

  for (guint i = 0; templates != NULL && i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr (RapportMessageTemplate) template = g_list_model_get_item (templates, i);
      gint64 id = rapport_message_template_get_id (template);

      if (id == selected_id)
        {
          selected = i;
          found = TRUE;
        }
      gtk_string_list_append (labels, rapport_message_template_get_name (template));
      g_array_append_val (self->template_ids, id);
    }

  if (self->rule != NULL && !found && self->template_ids->len > 0)
    {
      gint64 none = 0;

      gtk_string_list_splice (labels, 0, 0, (const char * const[]) { _("Choose a Template"), NULL });
      g_array_prepend_val (self->template_ids, none);
      selected = 0;
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (self->template_row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->template_row), selected);
  gtk_widget_set_sensitive (self->template_row, self->template_ids->len > 0);
}

static GtkWidget *
add_check (GtkWidget  *expander,
           const char *label,
           GPtrArray  *checks)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  g_object_set_data_full (G_OBJECT (check), "label", g_strdup (label), g_free);
  g_ptr_array_add (checks, check);

  return check;
}

static gboolean
is_checked (GPtrArray *checks,
            guint      index)
{
  return index < checks->len && gtk_check_button_get_active (g_ptr_array_index (checks, index));
}

static void
set_checked (GPtrArray *checks,
             guint      index)
{
  if (index < checks->len)
    gtk_check_button_set_active (g_ptr_array_index (checks, index), TRUE);
}

static void
load_tags (RapportGreetingRuleDialog *self)
{
  RapportDatabase *db = rapport_editor_dialog_get_database (RAPPORT_EDITOR_DIALOG (self));
  g_autoptr (GListModel) tags = NULL;
  g_autoptr (GError) error = NULL;
  guint n;

  tags = rapport_store_list_tags (db, &error);
  if (tags == NULL)
    rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);

  n = tags != NULL ? g_list_model_get_n_items (tags) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportTag) tag = g_list_model_get_item (tags, i);
      gint64 id = rapport_tag_get_id (tag);

      add_check (self->tags_row, rapport_tag_get_name (tag), self->tag_checks);
      g_array_append_val (self->tag_ids, id);
    }
  gtk_widget_set_visible (self->tags_row, n > 0);
}

/* "Gold, Platinum" under an expander, or @none when nothing is checked. */
static void
update_expander_subtitle (GtkWidget  *expander,
                          GPtrArray  *checks,
                          const char *none)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) labels = NULL;

  for (guint i = 0; i < checks->len; i++)
    if (is_checked (checks, i))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (g_ptr_array_index (checks, i)), "label"));

  labels = g_strv_builder_end (builder);
  if (labels[0] == NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), none);
    }
  else
    {
      /* Translators: between the tiers, stages or tags a greeting is for */
      g_autofree char *joined = g_strjoinv (_(", "), labels);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), joined);
    }
}

static void
check_toggled_cb (RapportGreetingRuleDialog *self)
{
  update_expander_subtitle (self->tiers_row, self->tier_checks, _("Any tier"));
  update_expander_subtitle (self->stages_row, self->stage_checks, _("Any stage"));
  update_expander_subtitle (self->tags_row, self->tag_checks, _("Any tag"));
}

static RapportAudience *
read_audience (RapportGreetingRuleDialog *self)
{
  RapportAudience *audience = rapport_audience_new ();
  g_autoptr (GStrvBuilder) tiers = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) stages = g_strv_builder_new ();

  for (guint i = 0; i < self->tier_checks->len; i++)
    if (is_checked (self->tier_checks, i))
      g_strv_builder_add (tiers, rapport_tier_to_string (i));
  for (guint i = 0; i < self->stage_checks->len; i++)
    if (is_checked (self->stage_checks, i))
      g_strv_builder_add (stages, rapport_stage_to_string (i));
  for (guint i = 0; i < self->tag_checks->len; i++)
    if (is_checked (self->tag_checks, i))
      rapport_audience_add_tag_id (audience, g_array_index (self->tag_ids, gint64, i));

  audience->tiers = g_strv_builder_end (tiers);
  audience->stages = g_strv_builder_end (stages);
  audience->include_contacts = gtk_switch_get_active (GTK_SWITCH (self->contacts_switch));

  return audience;
}

static void
show_audience (RapportGreetingRuleDialog *self,
               const RapportAudience     *audience)
{
  if (audience == NULL)
    return;

  for (guint i = 0; audience->tiers != NULL && audience->tiers[i] != NULL; i++)
    {
      RapportTier tier;

      if (rapport_tier_from_string (audience->tiers[i], &tier))
        set_checked (self->tier_checks, tier);
    }
  for (guint i = 0; audience->stages != NULL && audience->stages[i] != NULL; i++)
    {
      RapportStage stage;

      if (rapport_stage_from_string (audience->stages[i], &stage))
        set_checked (self->stage_checks, stage);
    }
  for (guint i = 0; i < rapport_audience_get_n_tag_ids (audience); i++)
    for (guint j = 0; j < self->tag_ids->len; j++)
      if (g_array_index (self->tag_ids, gint64, j) == rapport_audience_get_tag_id (audience, i))
        set_checked (self->tag_checks, j);

  gtk_switch_set_active (GTK_SWITCH (self->contacts_switch), audience->include_contacts);
}

/* Callbacks */

static void
name_changed_cb (RapportGreetingRuleDialog *self)
{
  self->name_touched = TRUE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
channel_changed_cb (RapportGreetingRuleDialog *self)
{
  load_templates (self, get_template_id (self));
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static gboolean
close_after_delete_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
delete_response_cb (AdwMessageDialog          *confirm,
                    const char                *response,
                    RapportGreetingRuleDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->rule == NULL)
    return;

  if (!rapport_store_delete_greeting_rule (rapport_editor_dialog_get_database (RAPPORT_EDITOR_DIALOG (self)),
                                           rapport_greeting_rule_get_id (self->rule), &error))
    {
      rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);
      return;
    }

  /* Not while the confirmation, transient for this window, still answers. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_after_delete_cb, g_object_ref (self), g_object_unref);
}

static void
delete_clicked_cb (RapportGreetingRuleDialog *self)
{
  GtkWidget *confirm;

  if (self->rule == NULL)
    return;

  confirm = adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Greeting?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (confirm),
                                  _("“%s” will send no more messages. Messages it already made stay in the outbox."),
                                  rapport_greeting_rule_get_name (self->rule));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  g_signal_connect_object (confirm, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (confirm));
}

/* RapportEditorDialog */

static gboolean
rapport_greeting_rule_dialog_save (RapportEditorDialog *dialog,
                                   gint64              *out_id)
{
  RapportGreetingRuleDialog *self = RAPPORT_GREETING_RULE_DIALOG (dialog);
  RapportDatabase *db = rapport_editor_dialog_get_database (dialog);
  g_auto (FormState) state = { 0 };
  g_autoptr (RapportGreetingRule) rule = NULL;
  g_autoptr (RapportAudience) audience = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *month_day = NULL;
  g_autofree char *send_time = NULL;
  RapportGreetingKind kind = get_kind (self);
  guint holiday = adw_combo_row_get_selected (ADW_COMBO_ROW (self->holiday_row));

  self->name_touched = TRUE;
  self->reveal_errors = TRUE;
  rapport_editor_dialog_update_state (dialog);
  state = compute_state (self);
  if (!state.valid)
    return FALSE;

  name = rapport_editable_dup_trimmed (GTK_EDITABLE (self->name_row));
  send_time = g_strdup_printf ("%02d:%02d", state.hour, state.minute);
  if (kind == RAPPORT_GREETING_KIND_DATE)
    month_day = g_strdup_printf ("%02u-%02u", state.month, state.day);
  audience = read_audience (self);

  rule = self->rule != NULL ? rapport_greeting_rule_copy (self->rule) : rapport_greeting_rule_new ();
  rapport_greeting_rule_set_name (rule, name);
  rapport_greeting_rule_set_kind (rule, kind);
  rapport_greeting_rule_set_holiday (rule, kind == RAPPORT_GREETING_KIND_HOLIDAY
                                           ? rapport_holiday_to_string (holiday) : NULL);
  rapport_greeting_rule_set_month_day (rule, month_day);
  rapport_greeting_rule_set_every_months (rule, kind == RAPPORT_GREETING_KIND_PERIODIC ? state.every : 0);
  rapport_greeting_rule_set_channel (rule, get_channel (self));
  rapport_greeting_rule_set_template_id (rule, get_template_id (self));
  rapport_greeting_rule_set_audience (rule, audience);
  rapport_greeting_rule_set_send_time (rule, send_time);
  rapport_greeting_rule_set_lead_days (rule, state.lead);
  rapport_greeting_rule_set_review_first (rule, gtk_switch_get_active (GTK_SWITCH (self->review_switch)));
  rapport_greeting_rule_set_enabled (rule, gtk_switch_get_active (GTK_SWITCH (self->enabled_switch)));

  if (!(self->rule != NULL
        ? rapport_store_update_greeting_rule (db, rule, &error)
        : rapport_store_insert_greeting_rule (db, rule, &error)))
    {
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  *out_id = rapport_greeting_rule_get_id (rule);
  return TRUE;
}

/* GObject */

static void
rapport_greeting_rule_dialog_finalize (GObject *object)
{
  RapportGreetingRuleDialog *self = RAPPORT_GREETING_RULE_DIALOG (object);

  g_clear_object (&self->rule);
  g_clear_pointer (&self->template_ids, g_array_unref);
  g_clear_pointer (&self->tag_ids, g_array_unref);
  g_clear_pointer (&self->tier_checks, g_ptr_array_unref);
  g_clear_pointer (&self->stage_checks, g_ptr_array_unref);
  g_clear_pointer (&self->tag_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_greeting_rule_dialog_parent_class)->finalize (object);
}

static void
rapport_greeting_rule_dialog_class_init (RapportGreetingRuleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->finalize = rapport_greeting_rule_dialog_finalize;

  dialog_class->update_state = rapport_greeting_rule_dialog_update_state;
  dialog_class->save = rapport_greeting_rule_dialog_save;
}

static GtkWidget *
new_expander (GtkWidget  *group,
              const char *title,
              const char *subtitle)
{
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (expander), TRUE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);

  return expander;
}

static void
rapport_greeting_rule_dialog_init (RapportGreetingRuleDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) holidays = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr (GEnumClass) holiday_class = g_type_class_ref (RAPPORT_TYPE_HOLIDAY);
  g_autoptr (GEnumClass) tier_class = g_type_class_ref (RAPPORT_TYPE_TIER);
  g_autoptr (GEnumClass) stage_class = g_type_class_ref (RAPPORT_TYPE_STAGE);
  GtkWidget *group;
  GtkWidget *button;

  self->template_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tier_checks = g_ptr_array_new ();
  self->stage_checks = g_ptr_array_new ();
  self->tag_checks = g_ptr_array_new ();

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
  rapport_editor_dialog_set_title (dialog, _("New Greeting"));

  for (guint i = 0; i < G_N_ELEMENTS (kind_choices); i++)
    gtk_string_list_append (kinds, rapport_greeting_kind_get_label (kind_choices[i]));
  for (guint i = 0; i < holiday_class->n_values; i++)
    gtk_string_list_append (holidays, rapport_holiday_get_label (i));
  for (guint i = 0; i < G_N_ELEMENTS (channel_choices); i++)
    gtk_string_list_append (channels, rapport_channel_get_label (channel_choices[i]));

  group = rapport_editor_dialog_add_group (dialog, NULL);
  /* Translators: a greeting rule's name, like "Spring Festival greeting" */
  self->name_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Name"));
  self->name_error = rapport_editor_dialog_add_error_row (dialog, group);

  group = rapport_editor_dialog_add_group (dialog, _("Occasion"));
  self->kind_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Occasion"), NULL);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kinds));
  self->holiday_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Holiday"), NULL);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->holiday_row), G_LIST_MODEL (holidays));
  self->month_day_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Month and Day (MM-DD)"));
  self->month_day_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->every_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Months Since the Last Interaction"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->every_row), GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_text (GTK_EDITABLE (self->every_row), "3");
  self->every_error = rapport_editor_dialog_add_error_row (dialog, group);

  group = rapport_editor_dialog_add_group (dialog, _("Message"));
  self->channel_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Channel"), NULL);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->channel_row), G_LIST_MODEL (channels));
  self->template_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Template"), NULL);
  self->template_error = rapport_editor_dialog_add_error_row (dialog, group);

  group = rapport_editor_dialog_add_group (dialog, _("Who"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Nothing checked greets every customer. "
                                           "People marked “do not contact” are always left out."));
  self->tiers_row = new_expander (group, _("_Tiers"), _("Any tier"));
  for (guint i = 0; i < tier_class->n_values; i++)
    add_check (self->tiers_row, rapport_tier_get_label (i), self->tier_checks);
  self->stages_row = new_expander (group, _("_Stages"), _("Any stage"));
  for (guint i = 0; i < stage_class->n_values; i++)
    add_check (self->stages_row, rapport_stage_get_label (i), self->stage_checks);
  self->tags_row = new_expander (group, _("T_ags"), _("Any tag"));
  self->contacts_switch = rapport_editor_dialog_add_switch_row (dialog, group, _("Greet Their _Contacts Too"));

  group = rapport_editor_dialog_add_group (dialog, _("When"));
  self->time_row = rapport_editor_dialog_add_time_row (dialog, group, _("Send _Time (HH:MM)"));
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), DEFAULT_SEND_TIME);
  self->time_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->lead_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Days Before the Occasion"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->lead_row), GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_text (GTK_EDITABLE (self->lead_row), "0");
  self->lead_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->review_switch = rapport_editor_dialog_add_switch_row (dialog, group, _("_Review Before Sending"));
  gtk_switch_set_active (GTK_SWITCH (self->review_switch), TRUE);
  self->enabled_switch = rapport_editor_dialog_add_switch_row (dialog, group, _("_Enabled"));
  gtk_switch_set_active (GTK_SWITCH (self->enabled_switch), TRUE);

  self->delete_group = rapport_editor_dialog_add_group (dialog, NULL);
  button = gtk_button_new_with_mnemonic (_("_Delete Greeting…"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->delete_group), button);
  gtk_widget_set_visible (self->delete_group, FALSE);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->month_day_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->every_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->lead_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected",
                            G_CALLBACK (rapport_editor_dialog_field_changed), self);
  rapport_editor_dialog_watch_leave (dialog, self->month_day_row);
  rapport_editor_dialog_watch_leave (dialog, self->time_row);
}

/* Public API */

/**
 * rapport_greeting_rule_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @session: an open session
 * @rule: (nullable): the rule to edit, %NULL to add one
 *
 * Returns: (transfer none): a new dialog, not yet presented; a new rule is a
 *   birthday greeting by SMS at 09:00, reviewed first, enabled
 */
GtkWidget *
rapport_greeting_rule_dialog_new (GtkWindow           *parent,
                                  RapportSession      *session,
                                  RapportGreetingRule *rule)
{
  RapportGreetingRuleDialog *self;
  gint64 template_id = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rule == NULL || RAPPORT_IS_GREETING_RULE (rule), NULL);

  self = g_object_new (RAPPORT_TYPE_GREETING_RULE_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
  self->rule = rule != NULL ? rapport_greeting_rule_copy (rule) : NULL;

  load_tags (self);
  for (guint i = 0; i < self->tier_checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (self->tier_checks, i), "toggled", G_CALLBACK (check_toggled_cb), self);
  for (guint i = 0; i < self->stage_checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (self->stage_checks, i), "toggled", G_CALLBACK (check_toggled_cb), self);
  for (guint i = 0; i < self->tag_checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (self->tag_checks, i), "toggled", G_CALLBACK (check_toggled_cb), self);

  if (rule != NULL)
    {
      RapportHoliday holiday;
      g_autofree char *every = g_strdup_printf ("%u", rapport_greeting_rule_get_every_months (rule));
      g_autofree char *lead = g_strdup_printf ("%u", rapport_greeting_rule_get_lead_days (rule));

      rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self), _("Edit Greeting"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), rapport_greeting_rule_get_name (rule));
      for (guint i = 0; i < G_N_ELEMENTS (kind_choices); i++)
        if (kind_choices[i] == rapport_greeting_rule_get_kind (rule))
          adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), i);
      if (rapport_holiday_from_string (rapport_greeting_rule_get_holiday (rule), &holiday))
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->holiday_row), holiday);
      if (rapport_greeting_rule_get_month_day (rule) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->month_day_row), rapport_greeting_rule_get_month_day (rule));
      if (rapport_greeting_rule_get_kind (rule) == RAPPORT_GREETING_KIND_PERIODIC)
        gtk_editable_set_text (GTK_EDITABLE (self->every_row), every);
      for (guint i = 0; i < G_N_ELEMENTS (channel_choices); i++)
        if (channel_choices[i] == rapport_greeting_rule_get_channel (rule))
          adw_combo_row_set_selected (ADW_COMBO_ROW (self->channel_row), i);
      template_id = rapport_greeting_rule_get_template_id (rule);
      show_audience (self, rapport_greeting_rule_get_audience (rule));
      gtk_editable_set_text (GTK_EDITABLE (self->time_row), rapport_greeting_rule_get_send_time (rule));
      gtk_editable_set_text (GTK_EDITABLE (self->lead_row), lead);
      gtk_switch_set_active (GTK_SWITCH (self->review_switch), rapport_greeting_rule_get_review_first (rule));
      gtk_switch_set_active (GTK_SWITCH (self->enabled_switch), rapport_greeting_rule_get_enabled (rule));
      gtk_widget_set_visible (self->delete_group, TRUE);
      self->name_touched = FALSE;
    }

  load_templates (self, template_id);
  /* After the first load: a channel picked later loads its own templates. */
  g_signal_connect_swapped (self->channel_row, "notify::selected", G_CALLBACK (channel_changed_cb), self);
  g_signal_connect_swapped (self->template_row, "notify::selected",
                            G_CALLBACK (rapport_editor_dialog_field_changed), self);

  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  gtk_window_set_focus (GTK_WINDOW (self), self->name_row);

  return GTK_WIDGET (self);
}
