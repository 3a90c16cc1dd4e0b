/* rapport-compose-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-compose-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-audience.h"
#include "rapport-editor-dialog.h"
#include "rapport-form-helpers.h"
#include "rapport-phone.h"
#include "rapport-sms-text.h"
#include "rapport-store.h"
#include "rapport-template.h"
#include "rapport-templates-dialog.h"
#include "rapport-ui-utils.h"

#include "rapport-compose-dialog.h"
#include "rapport-outreach.h"

/* The preview lists this many messages; the summary counts them all. */
#define PREVIEW_ROWS 200

/* One address the single send can go to. */
typedef struct
{
  gint64  contact_id;   /* 0: the customer itself */
  char   *address;      /* e-mail address, or phone number as stored (E.164) */
} Destination;

/* One recipient of the preview: the message, or why there is none. */
typedef struct
{
  char           *name;
  RapportMessage *message;      /* NULL when skipped */
  char           *skipped;      /* why, translated */
} Outcome;

/* What the user wrote, as the render step needs it. */
typedef struct
{
  RapportChannel  channel;
  gint64          account_id;
  const char     *subject;      /* mail only */
  const char     *body;
  gboolean        is_marketing;
  GDateTime      *today;        /* {date} is its local date */
} Draft;

struct _RapportComposeDialog
{
  RapportEditorDialog  parent_instance;

  /* Built in init */
  GtkWidget           *channel_row;
  GtkWidget           *account_row;
  GtkWidget           *no_account_row;
  GtkWidget           *to_row;
  GtkWidget           *to_error;
  GtkWidget           *audience_group;
  GtkWidget           *tiers_row;
  GtkWidget           *stages_row;
  GtkWidget           *tags_row;
  GtkWidget           *contacts_switch;
  GtkWidget           *count_row;
  GtkWidget           *template_row;
  GtkWidget           *subject_row;
  GtkWidget           *subject_error;
  GtkTextView         *body_view;
  GtkWidget           *problems_label;
  GtkWidget           *counter_label;
  GtkWidget           *unsubscribe_label;
  GtkWidget           *preview_group;
  GtkListBox          *preview_list;

  /* Borrowed: the session's main connection */
  RapportDatabase     *db;

  /* Owned */
  GPtrArray           *tier_checks;      /* GtkCheckButton, by RapportTier */
  GPtrArray           *stage_checks;     /* GtkCheckButton, by RapportStage */
  GPtrArray           *tag_checks;       /* GtkCheckButton with "tag-id" */
  GListModel          *accounts;
  GListModel          *templates;
  GArray              *destinations;     /* Destination, single send */
  GPtrArray           *recipients;       /* RapportRecipient of the single send's customer */
  GPtrArray           *outcomes;         /* Outcome, the preview; NULL before one */
  GCancellable        *preview_cancellable; /* while a preview is rendered on a worker */
  char                *summary;
  char                *blocking;
  RapportChannel       channel;
  gint64               customer_id;      /* 0: a bulk send */
  gint64               contact_id;
  gboolean             insert_into_subject;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (RapportComposeDialog, rapport_compose_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

static void reload_channel (RapportComposeDialog *self);

static void
destination_clear (gpointer data)
{
  Destination *destination = data;

  g_clear_pointer (&destination->address, g_free);
}

static void
outcome_free (gpointer data)
{
  Outcome *outcome = data;

  g_free (outcome->name);
  g_clear_object (&outcome->message);
  g_free (outcome->skipped);
  g_free (outcome);
}

static gboolean
is_bulk (RapportComposeDialog *self)
{
  return self->customer_id == 0;
}

static char *
dup_body (RapportComposeDialog *self)
{
  return rapport_text_view_get_text (self->body_view);
}

static gint64
get_account_id (RapportComposeDialog *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->account_row));
  g_autoptr (RapportAccount) account = NULL;

  if (self->accounts == NULL || selected == GTK_INVALID_LIST_POSITION)
    return 0;
  account = g_list_model_get_item (self->accounts, selected);

  return account != NULL ? rapport_account_get_id (account) : 0;
}

/* The recipient row of @customer_id itself (@contact_id 0) or of its contact
 * @contact_id. A customer's own row carries its primary contact's id too,
 * and the store lists the customers' rows before the contacts': the
 * customer's is the first match, a contact's the last. */
static const RapportRecipient *
find_recipient (GPtrArray *recipients,
                gint64     customer_id,
                gint64     contact_id)
{
  const RapportRecipient *found = NULL;

  for (guint i = 0; recipients != NULL && i < recipients->len; i++)
    {
      const RapportRecipient *recipient = g_ptr_array_index (recipients, i);

      if (recipient->customer_id != customer_id)
        continue;
      if (contact_id == 0)
        return recipient;
      if (recipient->contact_id == contact_id)
        found = recipient;
    }

  return found;
}

static const Destination *
get_destination (RapportComposeDialog *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->to_row));

  if (self->destinations == NULL || selected >= self->destinations->len)
    return NULL;

  return &g_array_index (self->destinations, Destination, selected);
}

/* The render step: rapport_outreach_render, the one that greetings use too,
 * for @recipient at @address (nullable; the user's choice of the person's
 * addresses): the message, or NULL with @out_skipped saying why (do not
 * contact, no address, a placeholder without a value). */
static RapportMessage *
render_message (RapportDatabase         *db,
                const RapportRecipient  *recipient,
                const char              *address,
                const Draft             *draft,
                char                   **out_skipped)
{
  g_autoptr (RapportRecipient) chosen = rapport_recipient_copy (recipient);
  g_autoptr (GPtrArray) recipients = g_ptr_array_new ();
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GPtrArray) skipped = NULL;
  g_autoptr (GError) error = NULL;
  RapportMessage *message;
  char **field = draft->channel == RAPPORT_CHANNEL_SMS ? &chosen->phone : &chosen->email;

  g_free (*field);
  *field = g_strdup (address);
  g_ptr_array_add (recipients, chosen);

  messages = rapport_outreach_render (db, draft->channel, draft->subject, draft->body, recipients,
                                      draft->is_marketing, NULL, draft->today, &skipped, &error);
  if (messages == NULL)
    {
      *out_skipped = g_strdup (error->message);
      return NULL;
    }

  if (messages->len == 0)
    {
      const RapportOutreachSkip *skip = skipped->len > 0 ? g_ptr_array_index (skipped, 0) : NULL;

      *out_skipped = g_strdup (skip != NULL ? skip->reason : _("Nothing to send"));
      return NULL;
    }

  message = g_object_ref (g_ptr_array_index (messages, 0));
  rapport_message_set_account_id (message, draft->account_id);
  /* What will be queued, the unsubscribe notice of a marketing SMS included. */
  rapport_outreach_prepare_message (message);

  return message;
}

/* Audience */

static GStrv
collect_checked (GPtrArray *checks,
                 const char *(*to_string) (int))
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_strv_builder_add (builder, to_string (i));

  return g_strv_builder_end (builder);
}

static const char *
tier_key (int tier)
{
  return rapport_tier_to_string (tier);
}

static const char *
stage_key (int stage)
{
  return rapport_stage_to_string (stage);
}

static RapportAudience *
build_audience (RapportComposeDialog *self)
{
  g_autoptr (RapportAudience) audience = rapport_audience_new ();

  audience->tiers = collect_checked (self->tier_checks, tier_key);
  audience->stages = collect_checked (self->stage_checks, stage_key);
  for (guint i = 0; i < self->tag_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->tag_checks, i);

      if (gtk_check_button_get_active (check))
        rapport_audience_add_tag_id (audience, *(gint64 *) g_object_get_data (G_OBJECT (check), "tag-id"));
    }
  audience->include_contacts = gtk_switch_get_active (GTK_SWITCH (self->contacts_switch));

  return g_steal_pointer (&audience);
}

/* "Gold, Platinum" under an expander, or "Any". */
static void
show_checked (GtkWidget *expander,
              GPtrArray *checks)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (names, (gpointer) g_object_get_data (G_OBJECT (check), "label"));
    }
  g_ptr_array_add (names, NULL);
  text = names->len > 1 ? g_strjoinv (", ", (char **) names->pdata) : g_strdup (_("Any"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), text);
}

static void
update_count (RapportComposeDialog *self)
{
  g_autoptr (RapportAudience) audience = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  guint n;

  if (!is_bulk (self))
    return;

  show_checked (self->tiers_row, self->tier_checks);
  show_checked (self->stages_row, self->stage_checks);
  show_checked (self->tags_row, self->tag_checks);

  audience = build_audience (self);
  n = rapport_store_count_recipients (self->db, audience, &error);
  if (error != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->count_row), error->message);
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u recipient", "%u recipients", n), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->count_row), title);
}

static GtkWidget *
add_check_row (GtkWidget  *expander,
               GPtrArray  *checks,
               const char *label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (check), "label", g_strdup (label), g_free);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  g_ptr_array_add (checks, check);

  return check;
}

/* Preview */

static void
clear_preview (RapportComposeDialog *self)
{
  GtkWidget *child;

  /* A preview being rendered is of the old text or audience. */
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->outcomes, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_list))) != NULL)
    gtk_list_box_remove (self->preview_list, child);
  gtk_widget_set_visible (self->preview_group, FALSE);
  if (is_bulk (self))
    rapport_editor_dialog_set_save_label (RAPPORT_EDITOR_DIALOG (self), _("_Preview"));
}

static GtkWidget *
new_outcome_row (RapportComposeDialog *self,
                 const Outcome        *outcome)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (outcome->message != NULL)
    {
      const char *subject = rapport_message_get_subject (outcome->message);
      g_autofree char *text = NULL;
      RapportSession *session = rapport_editor_dialog_get_session (RAPPORT_EDITOR_DIALOG (self));
      const char *recipient = rapport_message_get_recipient (outcome->message);
      g_autofree char *shown = self->channel == RAPPORT_CHANNEL_SMS
                               ? rapport_phone_format (recipient, rapport_session_get_default_country_code (session))
                               : g_strdup (recipient);

      /* Translators: a message in the preview: the recipient's name and address */
      title = g_strdup_printf (_("%s <%s>"), outcome->name, shown);
      if (subject != NULL)
        text = g_strdup_printf ("%s\n\n%s", subject, rapport_message_get_body (outcome->message));
      else
        text = g_strdup (rapport_message_get_body (outcome->message));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
    }
  else
    {
      title = g_strdup (outcome->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), outcome->skipped);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("action-unavailable-symbolic"));
      gtk_widget_add_css_class (row, "warning");
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  return row;
}

/* Every recipient of @audience, rendered: what a bulk send's preview shows.
 * Runs on a worker thread with its own connection. */
static GPtrArray *
render_audience (RapportDatabase        *db,
                 const RapportAudience  *audience,
                 const Draft            *draft,
                 GError                **error)
{
  g_autoptr (GPtrArray) outcomes = g_ptr_array_new_with_free_func (outcome_free);
  g_autoptr (GPtrArray) recipients = rapport_store_list_recipients (db, audience, error);

  if (recipients == NULL)
    return NULL;

  for (guint i = 0; i < recipients->len; i++)
    {
      const RapportRecipient *recipient = g_ptr_array_index (recipients, i);
      Outcome *outcome = g_new0 (Outcome, 1);

      outcome->name = g_strdup (recipient->name);
      outcome->message = render_message (db, recipient,
                                         draft->channel == RAPPORT_CHANNEL_SMS ? recipient->phone : recipient->email,
                                         draft, &outcome->skipped);
      g_ptr_array_add (outcomes, outcome);
    }

  return g_steal_pointer (&outcomes);
}

/* A bulk preview to render on a worker: the draft as it was when asked. */
typedef struct
{
  RapportDatabase *worker;
  RapportAudience *audience;
  char            *subject;
  char            *body;
  Draft            draft;
} PreviewJob;

static void
preview_job_free (gpointer data)
{
  PreviewJob *job = data;

  g_clear_object (&job->worker);
  g_clear_pointer (&job->audience, rapport_audience_free);
  g_free (job->subject);
  g_free (job->body);
  g_clear_pointer (&job->draft.today, g_date_time_unref);
  g_free (job);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  GError *error = NULL;
  GPtrArray *outcomes;

  outcomes = render_audience (job->worker, job->audience, &job->draft, &error);
  if (outcomes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, outcomes, (GDestroyNotify) g_ptr_array_unref);
}

/* Renders the message to the one person chosen (a set's preview is
 * start_preview's): an array of that one Outcome, empty when the person is
 * gone. */
static GPtrArray *
prepare_single_outcome (RapportComposeDialog *self)
{
  g_autoptr (GPtrArray) outcomes = g_ptr_array_new_with_free_func (outcome_free);
  g_autofree char *subject = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  g_autofree char *body = dup_body (self);
  RapportSession *session = rapport_editor_dialog_get_session (RAPPORT_EDITOR_DIALOG (self));
  g_autoptr (GDateTime) today = rapport_clock_now_local (rapport_session_get_clock (session));
  Draft draft = {
    .channel = self->channel,
    .account_id = get_account_id (self),
    .subject = subject,
    .body = body,
    .is_marketing = FALSE,
    .today = today,
  };
  const Destination *destination = get_destination (self);
  const RapportRecipient *recipient;
  Outcome *outcome;

  recipient = find_recipient (self->recipients, self->customer_id,
                              destination != NULL ? destination->contact_id : self->contact_id);
  if (recipient == NULL)
    return g_steal_pointer (&outcomes);

  outcome = g_new0 (Outcome, 1);
  outcome->name = g_strdup (recipient->name);
  outcome->message = render_message (self->db, recipient, destination != NULL ? destination->address : NULL,
                                     &draft, &outcome->skipped);
  /* The person the user chose, whatever the row carries. */
  if (outcome->message != NULL && destination != NULL)
    rapport_message_set_contact_id (outcome->message, destination->contact_id);
  g_ptr_array_add (outcomes, outcome);

  return g_steal_pointer (&outcomes);
}

static guint
count_messages (GPtrArray *outcomes)
{
  guint n = 0;

  for (guint i = 0; i < outcomes->len; i++)
    if (((Outcome *) g_ptr_array_index (outcomes, i))->message != NULL)
      n++;

  return n;
}

/* Shows @outcomes (taken) as the preview. */
static void
show_preview (RapportComposeDialog *self,
              GPtrArray            *outcomes)
{
  g_autofree char *messages_text = NULL;
  g_autofree char *skipped_text = NULL;
  guint n_messages;
  guint n_skipped;
  guint shown = 0;

  clear_preview (self);
  self->outcomes = outcomes;

  n_messages = count_messages (outcomes);
  n_skipped = outcomes->len - n_messages;
  messages_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message", "%u messages", n_messages), n_messages);
  skipped_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", n_skipped), n_skipped);
  /* Translators: the preview's summary, "118 messages · 7 skipped" */
  self->summary = g_strdup_printf (_("%s · %s"), messages_text, skipped_text);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->preview_group), self->summary);

  /* The skipped first: they are what the user has to decide about. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < outcomes->len && shown < PREVIEW_ROWS; i++)
      {
        const Outcome *outcome = g_ptr_array_index (outcomes, i);

        if ((pass == 0) != (outcome->message == NULL))
          continue;
        gtk_list_box_append (self->preview_list, new_outcome_row (self, outcome));
        shown++;
      }
  if (outcomes->len > shown)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more not shown",
                                                            "%u more not shown", outcomes->len - shown),
                                               outcomes->len - shown);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->preview_list, row);
    }

  gtk_widget_set_visible (self->preview_group, TRUE);
  rapport_editor_dialog_set_save_label (RAPPORT_EDITOR_DIALOG (self), _("_Send"));
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
}

static void
weak_ref_free (GWeakRef *weak)
{
  g_weak_ref_clear (weak);
  g_free (weak);
}

/* @user_data: a GWeakRef to the dialog, which the rendering does not keep
 * alive: closed meanwhile, it is gone. */
static void
preview_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (RapportComposeDialog) self = g_weak_ref_get (weak);
  g_autoptr (GError) error = NULL;
  GPtrArray *outcomes = g_task_propagate_pointer (G_TASK (result), &error);

  weak_ref_free (weak);

  /* Asked again, changed or closed meanwhile: not this one's to show. */
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->preview_cancellable)
    {
      g_clear_pointer (&outcomes, g_ptr_array_unref);
      return;
    }
  g_clear_object (&self->preview_cancellable);

  if (outcomes == NULL)
    {
      rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);
      rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
      return;
    }

  show_preview (self, outcomes);
}

/* Renders every recipient on a worker: a big book's audience takes a second,
 * which the window must not wait for. */
static void
start_preview (RapportComposeDialog *self)
{
  RapportSession *session = rapport_editor_dialog_get_session (RAPPORT_EDITOR_DIALOG (self));
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  RapportDatabase *worker;
  PreviewJob *job;
  GWeakRef *weak;

  clear_preview (self);
  /* Its own connection, so the rendering holds on to the file, not to the
   * session. */
  worker = rapport_session_open_worker (session, &error);
  if (worker == NULL)
    {
      rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);
      return;
    }

  job = g_new0 (PreviewJob, 1);
  weak = g_new0 (GWeakRef, 1);
  job->worker = worker;
  job->audience = build_audience (self);
  job->subject = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  job->body = dup_body (self);
  job->draft.channel = self->channel;
  job->draft.account_id = get_account_id (self);
  job->draft.subject = job->subject;
  job->draft.body = job->body;
  job->draft.is_marketing = TRUE;
  job->draft.today = rapport_clock_now_local (rapport_session_get_clock (session));

  self->preview_cancellable = g_cancellable_new ();
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->preview_cancellable, preview_ready_cb, weak);
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, job, preview_job_free);
  g_task_run_in_thread (task, preview_thread);

  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
}

/* State */

static void
show_counter (RapportComposeDialog *self,
              const char           *body)
{
  g_autofree char *measured = is_bulk (self) ? rapport_sms_text_add_unsubscribe (body) : g_strdup (body);
  g_autofree char *characters_text = NULL;
  g_autofree char *segments_text = NULL;
  g_autofree char *text = NULL;
  guint characters;
  guint segments;

  rapport_sms_text_measure (measured, &characters, &segments, NULL);
  characters_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character", "%u characters", characters),
                                     characters);
  segments_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message", "%u messages", segments), segments);
  /* Translators: the SMS counter, "23 characters · 1 message" */
  text = g_strdup_printf (_("%s · %s"), characters_text, segments_text);
  gtk_label_set_text (GTK_LABEL (self->counter_label), text);
}

static void
rapport_compose_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportComposeDialog *self = RAPPORT_COMPOSE_DIALOG (dialog);
  gboolean mail = self->channel == RAPPORT_CHANNEL_MAIL;
  g_autofree char *body = dup_body (self);
  g_autofree char *subject_problems = NULL;
  g_autofree char *body_problems = NULL;
  g_autofree char *subject = rapport_editable_dup_trimmed (GTK_EDITABLE (self->subject_row));
  g_autofree char *to_problem = NULL;
  const char *blocking = NULL;
  g_autofree char *missing = NULL;

  if (self->loading)
    return;

  gtk_widget_set_visible (self->subject_row, mail);
  gtk_widget_set_visible (self->counter_label, !mail);
  gtk_widget_set_visible (self->unsubscribe_label, !mail && is_bulk (self));

  if (mail)
    subject_problems = rapport_template_problems_text (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  body_problems = rapport_template_problems_text (body);
  rapport_error_row_set (self->subject_error, self->subject_row, subject_problems);
  gtk_label_set_text (GTK_LABEL (self->problems_label), body_problems != NULL ? body_problems : "");
  gtk_widget_set_visible (self->problems_label, body_problems != NULL);
  if (!mail)
    show_counter (self, body);

  if (!is_bulk (self))
    {
      const Destination *destination = get_destination (self);
      const RapportRecipient *recipient = find_recipient (self->recipients, self->customer_id,
                                                          destination != NULL ? destination->contact_id : self->contact_id);

      if (recipient != NULL && recipient->do_not_contact)
        to_problem = rapport_do_not_contact_describe (recipient->do_not_contact_reason);
      else if (destination == NULL)
        to_problem = g_strdup (mail ? _("No e-mail address is stored for them") : _("No phone number is stored for them"));
      rapport_error_row_set (self->to_error, self->to_row, to_problem);
    }

  if (self->accounts == NULL || g_list_model_get_n_items (self->accounts) == 0)
    blocking = mail ? _("Add an e-mail account in Preferences") : _("Add an SMS gateway in Preferences");
  else if (to_problem != NULL)
    blocking = to_problem;
  else if (subject_problems != NULL)
    blocking = subject_problems;
  else if (body_problems != NULL)
    blocking = body_problems;
  else if (mail && subject == NULL)
    blocking = _("Write a subject");
  else if (g_strstrip (body)[0] == '\0')
    blocking = _("Write the message");
  else if (self->outcomes != NULL && count_messages (self->outcomes) == 0)
    blocking = _("Nobody to send to: everyone is skipped");
  else if (self->preview_cancellable != NULL)
    blocking = _("Preparing the preview…");

  /* One person: a placeholder without a value for them is said before Send. */
  if (blocking == NULL && !is_bulk (self))
    {
      g_autoptr (GPtrArray) single = prepare_single_outcome (self);

      if (single->len == 1 && ((Outcome *) g_ptr_array_index (single, 0))->message == NULL)
        {
          missing = g_strdup (((Outcome *) g_ptr_array_index (single, 0))->skipped);
          blocking = missing;
          gtk_label_set_text (GTK_LABEL (self->problems_label), missing);
          gtk_widget_set_visible (self->problems_label, TRUE);
        }
    }

  g_free (self->blocking);
  self->blocking = g_strdup (blocking);
  rapport_editor_dialog_set_save_enabled (dialog, blocking == NULL);
}

static void
draft_changed_cb (RapportComposeDialog *self)
{
  if (self->loading)
    return;

  clear_preview (self);
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
audience_changed_cb (RapportComposeDialog *self)
{
  if (self->loading)
    return;

  update_count (self);
  draft_changed_cb (self);
}

/* Send */

static gboolean
rapport_compose_dialog_save (RapportEditorDialog *dialog,
                             gint64              *out_id)
{
  RapportComposeDialog *self = RAPPORT_COMPOSE_DIALOG (dialog);
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) single = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *toast = NULL;
  GPtrArray *outcomes;

  rapport_editor_dialog_update_state (dialog);
  if (self->blocking != NULL)
    return FALSE;

  /* A set is previewed before anything is queued. */
  if (is_bulk (self) && self->outcomes == NULL)
    {
      start_preview (self);
      return FALSE;
    }

  if (is_bulk (self))
    outcomes = self->outcomes;
  else
    {
      outcomes = single = prepare_single_outcome (self);
      if (single->len == 1 && ((Outcome *) g_ptr_array_index (single, 0))->message == NULL)
        {
          rapport_editor_dialog_show_banner (dialog, ((Outcome *) g_ptr_array_index (single, 0))->skipped);
          return FALSE;
        }
    }

  for (guint i = 0; i < outcomes->len; i++)
    {
      const Outcome *outcome = g_ptr_array_index (outcomes, i);

      if (outcome->message != NULL)
        g_ptr_array_add (messages, g_object_ref (outcome->message));
    }

  if (messages->len == 0)
    return FALSE;

  if (!rapport_outreach_queue (self->db, messages, NULL, &error))
    {
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message queued", "%u messages queued", messages->len),
                           messages->len);
  rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (toast));

  *out_id = rapport_message_get_id (g_ptr_array_index (messages, 0));
  return TRUE;
}

/* Callbacks */

static void
channel_selected_cb (RapportComposeDialog *self)
{
  RapportChannel channel = adw_combo_row_get_selected (ADW_COMBO_ROW (self->channel_row));

  if (self->loading || channel == self->channel)
    return;

  self->channel = channel;
  reload_channel (self);
  draft_changed_cb (self);
}

static void
template_selected_cb (RapportComposeDialog *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->template_row));
  g_autoptr (RapportMessageTemplate) template = NULL;
  const char *body;

  if (self->loading || selected == 0 || selected == GTK_INVALID_LIST_POSITION || self->templates == NULL)
    return;

  template = g_list_model_get_item (self->templates, selected - 1);
  if (template == NULL)
    return;

  body = rapport_message_template_get_body (template);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row),
                         rapport_message_template_get_subject (template) != NULL
                         ? rapport_message_template_get_subject (template) : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body != NULL ? body : "", -1);
}

/* Into the subject when the user was last there, else into the text. */
static void
insert_placeholder_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  RapportComposeDialog *self = RAPPORT_COMPOSE_DIALOG (widget);
  g_autofree char *text = g_strdup_printf ("{%s}", g_variant_get_string (parameter, NULL));

  if (self->insert_into_subject && self->channel == RAPPORT_CHANNEL_MAIL)
    {
      int position = gtk_editable_get_position (GTK_EDITABLE (self->subject_row));

      gtk_editable_insert_text (GTK_EDITABLE (self->subject_row), text, -1, &position);
      gtk_editable_set_position (GTK_EDITABLE (self->subject_row), position);
      gtk_widget_grab_focus (self->subject_row);
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);

      gtk_text_buffer_insert_at_cursor (buffer, text, -1);
      gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
    }
}

static void
subject_focused_cb (RapportComposeDialog *self)
{
  self->insert_into_subject = TRUE;
}

static void
body_focused_cb (RapportComposeDialog *self)
{
  self->insert_into_subject = FALSE;
}

static void
templates_closed_cb (RapportComposeDialog *self)
{
  reload_channel (self);
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
}

static void
manage_templates_cb (RapportComposeDialog *self)
{
  RapportSession *session = rapport_editor_dialog_get_session (RAPPORT_EDITOR_DIALOG (self));
  GtkWidget *dialog = rapport_templates_dialog_new (session);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (templates_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Loading */

static void
load_accounts (RapportComposeDialog *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  gboolean any;

  g_clear_object (&self->accounts);
  self->accounts = rapport_store_list_accounts (self->db, self->channel, &error);
  if (self->accounts == NULL)
    g_warning ("Could not list the accounts: %s", error->message);

  for (guint i = 0; self->accounts != NULL && i < g_list_model_get_n_items (self->accounts); i++)
    {
      g_autoptr (RapportAccount) account = g_list_model_get_item (self->accounts, i);

      gtk_string_list_append (names, rapport_account_get_name (account));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->account_row), G_LIST_MODEL (names));

  any = g_list_model_get_n_items (G_LIST_MODEL (names)) > 0;
  gtk_widget_set_visible (self->account_row, any);
  gtk_widget_set_visible (self->no_account_row, !any);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_account_row),
                                 self->channel == RAPPORT_CHANNEL_MAIL
                                 ? _("Add an e-mail account in Preferences")
                                 : _("Add an SMS gateway in Preferences"));
}

static void
load_templates (RapportComposeDialog *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->templates);
  self->templates = rapport_store_list_templates (self->db, self->channel, &error);
  if (self->templates == NULL)
    g_warning ("Could not list the templates: %s", error->message);

  gtk_string_list_append (names, _("None (Free Text)"));
  for (guint i = 0; self->templates != NULL && i < g_list_model_get_n_items (self->templates); i++)
    {
      g_autoptr (RapportMessageTemplate) template = g_list_model_get_item (self->templates, i);

      gtk_string_list_append (names, rapport_message_template_get_name (template));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->template_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->template_row), 0);
}

static void
add_destinations (RapportComposeDialog *self,
                  GtkStringList        *labels,
                  gint64                contact_id,
                  const char           *name,
                  const char * const   *addresses)
{
  RapportSession *session = rapport_editor_dialog_get_session (RAPPORT_EDITOR_DIALOG (self));

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      Destination destination = { contact_id, g_strdup (addresses[i]) };
      g_autofree char *shown = self->channel == RAPPORT_CHANNEL_SMS
                               ? rapport_phone_format (addresses[i], rapport_session_get_default_country_code (session))
                               : g_strdup (addresses[i]);
      /* Translators: a recipient to choose, "Name — address" */
      g_autofree char *label = g_strdup_printf (_("%s — %s"), name, shown);

      g_array_append_val (self->destinations, destination);
      gtk_string_list_append (labels, label);
    }
}

static void
load_destinations (RapportComposeDialog *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GListModel) contacts = NULL;
  gboolean sms = self->channel == RAPPORT_CHANNEL_SMS;
  guint selected = 0;

  g_array_set_size (self->destinations, 0);
  customer = rapport_store_get_customer (self->db, self->customer_id, NULL);
  contacts = rapport_store_list_contacts (self->db, self->customer_id, NULL);

  if (customer != NULL)
    add_destinations (self, labels, 0, rapport_customer_get_name (customer),
                      sms ? rapport_customer_get_phones (customer) : rapport_customer_get_emails (customer));
  for (guint i = 0; contacts != NULL && i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr (RapportContact) contact = g_list_model_get_item (contacts, i);
      gint64 id = rapport_contact_get_id (contact);

      if (id == self->contact_id)
        selected = self->destinations->len;
      add_destinations (self, labels, id, rapport_contact_get_name (contact),
                        sms ? rapport_contact_get_phones (contact) : rapport_contact_get_emails (contact));
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (self->to_row), G_LIST_MODEL (labels));
  if (selected < self->destinations->len)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->to_row), selected);
}

static void
reload_channel (RapportComposeDialog *self)
{
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->channel_row), self->channel);
  rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self),
                                   self->channel == RAPPORT_CHANNEL_MAIL ? _("New E-mail") : _("New SMS"));
  load_accounts (self);
  load_templates (self);
  if (!is_bulk (self))
    load_destinations (self);
  self->loading = was_loading;
}

static void
load_tags (RapportComposeDialog *self)
{
  g_autoptr (GListModel) tags = rapport_store_list_tags (self->db, NULL);
  guint n = tags != NULL ? g_list_model_get_n_items (tags) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportTag) tag = g_list_model_get_item (tags, i);
      GtkWidget *check = add_check_row (self->tags_row, self->tag_checks, rapport_tag_get_name (tag));
      gint64 *id = g_new (gint64, 1);

      *id = rapport_tag_get_id (tag);
      g_object_set_data_full (G_OBJECT (check), "tag-id", id, g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (audience_changed_cb), self);
    }
  gtk_widget_set_visible (self->tags_row, n > 0);
}

/* GObject */

static void
rapport_compose_dialog_dispose (GObject *object)
{
  RapportComposeDialog *self = RAPPORT_COMPOSE_DIALOG (object);

  /* A preview still rendering finds nothing to show itself in. */
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);

  G_OBJECT_CLASS (rapport_compose_dialog_parent_class)->dispose (object);
}

static void
rapport_compose_dialog_finalize (GObject *object)
{
  RapportComposeDialog *self = RAPPORT_COMPOSE_DIALOG (object);

  g_clear_pointer (&self->tier_checks, g_ptr_array_unref);
  g_clear_pointer (&self->stage_checks, g_ptr_array_unref);
  g_clear_pointer (&self->tag_checks, g_ptr_array_unref);
  g_clear_object (&self->accounts);
  g_clear_object (&self->templates);
  g_clear_pointer (&self->destinations, g_array_unref);
  g_clear_pointer (&self->recipients, g_ptr_array_unref);
  g_clear_pointer (&self->outcomes, g_ptr_array_unref);
  g_free (self->summary);
  g_free (self->blocking);

  G_OBJECT_CLASS (rapport_compose_dialog_parent_class)->finalize (object);
}

static void
rapport_compose_dialog_class_init (RapportComposeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->dispose = rapport_compose_dialog_dispose;
  object_class->finalize = rapport_compose_dialog_finalize;

  dialog_class->update_state = rapport_compose_dialog_update_state;
  dialog_class->save = rapport_compose_dialog_save;

  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "compose.insert-placeholder", "s",
                                   insert_placeholder_activated);
}

static void
rapport_compose_dialog_init (RapportComposeDialog *self)
{
  self->tier_checks = g_ptr_array_new ();
  self->stage_checks = g_ptr_array_new ();
  self->tag_checks = g_ptr_array_new ();
  self->destinations = g_array_new (FALSE, TRUE, sizeof (Destination));
  g_array_set_clear_func (self->destinations, destination_clear);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 720);
}

/* Builds the form once the session is known: single or bulk. */
static void
build_form (RapportComposeDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  const char *channels[] = { rapport_channel_get_label (RAPPORT_CHANNEL_MAIL),
                             rapport_channel_get_label (RAPPORT_CHANNEL_SMS), NULL };
  const char * const *keys = rapport_template_get_placeholders ();
  GtkWidget *group;
  GtkWidget *button;
  g_autoptr (GMenu) placeholders = NULL;
  GtkEventController *focus;

  self->loading = TRUE;

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->channel_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Send As"), channels);
  self->account_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_From"), NULL);
  self->no_account_row = adw_action_row_new ();
  gtk_widget_add_css_class (self->no_account_row, "warning");
  button = gtk_button_new_with_mnemonic (_("_Preferences"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.preferences");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->no_account_row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->no_account_row);

  if (is_bulk (self))
    {
      self->audience_group = group = rapport_editor_dialog_add_group (dialog, _("Recipients"));

      self->tiers_row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tiers_row), _("Tiers"));
      for (RapportTier tier = RAPPORT_TIER_PLATINUM; tier <= RAPPORT_TIER_LEAD; tier++)
        g_signal_connect_swapped (add_check_row (self->tiers_row, self->tier_checks, rapport_tier_get_label (tier)),
                                  "toggled", G_CALLBACK (audience_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->tiers_row);

      self->stages_row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stages_row), _("Stages"));
      for (RapportStage stage = RAPPORT_STAGE_PROSPECT; stage <= RAPPORT_STAGE_LOST; stage++)
        g_signal_connect_swapped (add_check_row (self->stages_row, self->stage_checks, rapport_stage_get_label (stage)),
                                  "toggled", G_CALLBACK (audience_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->stages_row);

      self->tags_row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tags_row), _("Tags"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->tags_row);
      load_tags (self);

      self->contacts_switch = rapport_editor_dialog_add_switch_row (dialog, group, _("Their _Contacts Too"));
      g_signal_connect_swapped (self->contacts_switch, "notify::active", G_CALLBACK (audience_changed_cb), self);

      self->count_row = adw_action_row_new ();
      gtk_widget_add_css_class (self->count_row, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->count_row);
    }
  else
    {
      self->to_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_To"), NULL);
      self->to_error = rapport_editor_dialog_add_error_row (dialog, group);
      g_signal_connect_swapped (self->to_row, "notify::selected", G_CALLBACK (draft_changed_cb), self);
    }

  group = rapport_editor_dialog_add_group (dialog, _("Message"));
  self->template_row = rapport_editor_dialog_add_combo_row (dialog, group, _("T_emplate"), NULL);
  button = gtk_button_new_with_mnemonic (_("_Manage Templates…"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (manage_templates_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  self->subject_row = rapport_editor_dialog_add_entry_row (dialog, group, _("Su_bject"));
  self->subject_error = rapport_editor_dialog_add_error_row (dialog, group);

  group = rapport_text_view_group_new (_("Text"), &self->body_view);
  rapport_editor_dialog_append (dialog, group);

  placeholders = g_menu_new ();
  for (guint i = 0; keys[i] != NULL; i++)
    {
      /* Translators: a menu item inserting a placeholder, "{name} · Name" */
      g_autofree char *label = g_strdup_printf (_("{%s} · %s"), keys[i], rapport_template_get_placeholder_label (keys[i]));
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "compose.insert-placeholder", g_variant_new_string (keys[i]));
      g_menu_append_item (placeholders, item);
    }
  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Insert _Placeholder"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (placeholders));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (button, FALSE);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  self->problems_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->problems_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->problems_label), TRUE);
  gtk_widget_add_css_class (self->problems_label, "error");
  gtk_widget_set_margin_top (self->problems_label, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->problems_label);

  self->counter_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->counter_label), 0);
  gtk_widget_add_css_class (self->counter_label, "dim-label");
  gtk_widget_add_css_class (self->counter_label, "numeric");
  gtk_widget_set_margin_top (self->counter_label, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->counter_label);

  {
    /* Translators: %s is the unsubscribe notice carriers require, "拒收请回复R" */
    g_autofree char *note = g_strdup_printf (_("“%s” is added at the end, as carriers require for bulk messages."),
                                             rapport_sms_unsubscribe_text ());

    self->unsubscribe_label = gtk_label_new (note);
  }
  gtk_label_set_xalign (GTK_LABEL (self->unsubscribe_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->unsubscribe_label), TRUE);
  gtk_widget_add_css_class (self->unsubscribe_label, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->unsubscribe_label);

  self->preview_group = adw_preferences_group_new ();
  self->preview_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->preview_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->preview_group), GTK_WIDGET (self->preview_list));
  gtk_widget_set_visible (self->preview_group, FALSE);
  rapport_editor_dialog_append (dialog, self->preview_group);

  g_signal_connect_swapped (self->channel_row, "notify::selected", G_CALLBACK (channel_selected_cb), self);
  g_signal_connect_swapped (self->account_row, "notify::selected", G_CALLBACK (draft_changed_cb), self);
  g_signal_connect_swapped (self->template_row, "notify::selected", G_CALLBACK (template_selected_cb), self);
  g_signal_connect_swapped (self->subject_row, "changed", G_CALLBACK (draft_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed", G_CALLBACK (draft_changed_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (subject_focused_cb), self);
  gtk_widget_add_controller (self->subject_row, focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (body_focused_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->body_view), focus);

  reload_channel (self);
  self->loading = FALSE;

  rapport_editor_dialog_set_save_label (dialog, is_bulk (self) ? _("_Preview") : _("_Send"));
  update_count (self);
  rapport_editor_dialog_update_state (dialog);
}

static RapportComposeDialog *
compose_dialog_new (RapportSession *session,
                    RapportChannel  channel)
{
  RapportComposeDialog *self = g_object_new (RAPPORT_TYPE_COMPOSE_DIALOG, "session", session, NULL);

  self->db = rapport_session_get_database (session);
  self->channel = channel;

  return self;
}

/* Public API */

/**
 * rapport_compose_dialog_new_for_customer:
 * @session: an open session
 * @customer_id: the customer written to
 * @contact_id: its contact written to, 0 for the customer itself
 * @channel: mail or SMS at first
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rapport_compose_dialog_new_for_customer (RapportSession *session,
                                         gint64          customer_id,
                                         gint64          contact_id,
                                         RapportChannel  channel)
{
  RapportComposeDialog *self;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);
  g_return_val_if_fail (customer_id > 0, NULL);
  g_return_val_if_fail (contact_id >= 0, NULL);

  self = compose_dialog_new (session, channel);
  self->customer_id = customer_id;
  self->contact_id = contact_id;

  /* The placeholders' values as a bulk send has them: the same rule for both. */
  self->recipients = rapport_store_list_customer_recipients (self->db, customer_id, &error);
  if (self->recipients == NULL)
    {
      g_warning ("Could not read the recipient: %s", error->message);
      self->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_recipient_free);
    }

  build_form (self);

  return GTK_WIDGET (self);
}

/**
 * rapport_compose_dialog_new_for_audience:
 * @session: an open session
 * @channel: mail or SMS at first
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rapport_compose_dialog_new_for_audience (RapportSession *session,
                                         RapportChannel  channel)
{
  RapportComposeDialog *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);

  self = compose_dialog_new (session, channel);
  build_form (self);

  return GTK_WIDGET (self);
}

const char *
rapport_compose_dialog_get_preview_summary (RapportComposeDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMPOSE_DIALOG (self), NULL);

  return self->summary;
}

const char *
rapport_compose_dialog_get_blocking_reason (RapportComposeDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMPOSE_DIALOG (self), NULL);

  return self->blocking;
}

/**
 * rapport_compose_dialog_set_text:
 * @subject: (nullable): the subject, for a mail
 * @body: the text
 *
 * Fills the message as if the user had typed it; the checks run as usual.
 */
void
rapport_compose_dialog_set_text (RapportComposeDialog *self,
                                 const char           *subject,
                                 const char           *body)
{
  g_return_if_fail (RAPPORT_IS_COMPOSE_DIALOG (self));
  g_return_if_fail (body != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject != NULL ? subject : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body, -1);
}

RapportChannel
rapport_compose_dialog_get_channel (RapportComposeDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMPOSE_DIALOG (self), RAPPORT_CHANNEL_MAIL);

  return self->channel;
}
