/* rapport-service-request-dialog.c
 *
 * The form is written by Save; the workflow of an existing request is
 * written step by step, since each step is an event of its own in the
 * request's history (and the owner confirming is another person acting).
 * After a step the dialog reads the request again and shows the workflow
 * anew, leaving what the user typed in the form as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-service-request-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-compose-dialog.h"
#include "rapport-form-helpers.h"
#include "rapport-service-priority.h"
#include "rapport-service-ui.h"
#include "rapport-staff-row.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"

#include "rapport-service-request-dialog.h"

#define N_SATISFACTION 5

struct _RapportServiceRequestDialog
{
  RapportEditorDialog    parent_instance;

  /* The form, built in init */
  GtkWidget             *kind_row;
  GtkWidget             *summary_row;
  GtkWidget             *summary_error;
  GtkWidget             *contact_row;
  GtkWidget             *severity_row;
  GtkTextView           *details_view;
  GtkWidget             *priority_row;
  GtkWidget             *priority_badge;
  GtkWidget             *override_switch;
  GtkWidget             *override_row;
  GtkWidget             *due_row;
  GtkWidget             *assignee_group;
  GtkWidget             *assignee_row;

  /* The workflow, for an existing request */
  GtkWidget             *workflow_group;
  GtkWidget             *status_row;
  GtkWidget             *status_buttons;
  GtkWidget             *resolution_group;
  GtkTextView           *resolution_view;
  GtkWidget             *save_resolution_button;
  GtkWidget             *confirm_record_row;
  GtkWidget             *confirmer_row;
  GtkWidget             *confirm_button;
  GtkWidget             *reply_row;
  GtkWidget             *reply_buttons;
  GtkWidget             *send_reply_button;
  GtkWidget             *mark_replied_button;
  GtkWidget             *satisfaction_group;
  GtkWidget             *rating_row;
  GtkWidget             *satisfaction_comment_row;
  GtkWidget             *times_group;
  GtkWidget             *first_response_row;
  GtkWidget             *resolved_row;
  GtkWidget             *history_group;
  GtkWidget             *history_list;

  /* Owned */
  RapportServiceRequest *request;       /* as last read; NULL for a new one */
  GArray                *contact_ids;   /* gint64 per contact row; 0 = no contact */
  char                  *priority_text;
  char                  *reply_blocked;
  gint64                 customer_id;
  RapportTier            tier;          /* the customer's, for a new request */
  gboolean               summary_touched;
  gboolean               loading;
};

G_DEFINE_FINAL_TYPE (RapportServiceRequestDialog, rapport_service_request_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

static void show_workflow (RapportServiceRequestDialog *self,
                           gboolean                     keep_typed);

/* Helpers */

static gint64
now (RapportServiceRequestDialog *self)
{
  return rapport_clock_now (rapport_session_get_clock (rapport_editor_dialog_get_session (RAPPORT_EDITOR_DIALOG (self))));
}

static RapportDatabase *
get_db (RapportServiceRequestDialog *self)
{
  return rapport_editor_dialog_get_database (RAPPORT_EDITOR_DIALOG (self));
}

static RapportServiceSeverity
get_severity (RapportServiceRequestDialog *self)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (self->severity_row));
}

static gboolean
get_overridden (RapportServiceRequestDialog *self)
{
  return gtk_switch_get_active (GTK_SWITCH (self->override_switch));
}

/* The priority the request will have: the one chosen by hand, else the rule's. */
static gint
get_priority (RapportServiceRequestDialog *self)
{
  RapportTier tier = self->request != NULL ? rapport_service_request_get_priority_tier (self->request) : self->tier;

  if (get_overridden (self))
    return adw_combo_row_get_selected (ADW_COMBO_ROW (self->override_row)) + RAPPORT_SERVICE_PRIORITY_HIGHEST;

  return rapport_service_priority_compute (tier, get_severity (self));
}

static char *
format_user (RapportServiceRequestDialog *self,
             gint64                       user_id)
{
  g_autofree char *name = rapport_store_get_user_name (get_db (self), user_id, NULL);

  return name != NULL ? g_steal_pointer (&name) : g_strdup (C_("staff member", "Unknown"));
}

static void
show_store_error (RapportServiceRequestDialog *self,
                  const GError                *error)
{
  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* The resolution typed, NULL when blank. */
static char *
dup_resolution (RapportServiceRequestDialog *self)
{
  g_autofree char *text = rapport_text_view_get_text (self->resolution_view);

  g_strstrip (text);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static gboolean
resolution_changed (RapportServiceRequestDialog *self)
{
  g_autofree char *typed = dup_resolution (self);

  return self->request != NULL && g_strcmp0 (typed, rapport_service_request_get_resolution (self->request)) != 0;
}

/* Reads the request again after a step of its workflow. */
static gboolean
reread (RapportServiceRequestDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportServiceRequest) request = NULL;
  gboolean keep_typed = resolution_changed (self);

  request = rapport_store_get_service_request (get_db (self), rapport_service_request_get_id (self->request), &error);
  if (request == NULL)
    {
      show_store_error (self, error);
      return FALSE;
    }

  g_set_object (&self->request, request);
  show_workflow (self, keep_typed);
  return TRUE;
}

/* Writes the resolution typed, when it differs from the stored one: the
 * steps that act on it (confirm, reply) first make it the stored one. */
static gboolean
store_resolution (RapportServiceRequestDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *typed = dup_resolution (self);

  if (!resolution_changed (self))
    return TRUE;

  if (!rapport_store_set_service_resolution (get_db (self), rapport_service_request_get_id (self->request),
                                             typed, &error))
    {
      show_store_error (self, error);
      return FALSE;
    }

  return reread (self);
}

/* The form's state */

static void
rapport_service_request_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportServiceRequestDialog *self = RAPPORT_SERVICE_REQUEST_DIALOG (dialog);
  g_autofree char *summary = rapport_editable_dup_trimmed (GTK_EDITABLE (self->summary_row));
  RapportTier tier = self->request != NULL ? rapport_service_request_get_priority_tier (self->request) : self->tier;
  g_autofree char *explained = rapport_service_priority_explain (tier, get_severity (self));
  g_autofree char *due_text = NULL;
  gint priority = get_priority (self);

  if (self->loading)
    return;

  rapport_error_row_set (self->summary_error, self->summary_row,
                         self->summary_touched && summary == NULL ? _("Enter a summary") : NULL);

  g_clear_pointer (&self->priority_text, g_free);
  if (get_overridden (self))
    {
      g_autofree char *label = rapport_service_priority_get_label (priority);

      /* Translators: the first %s is a priority ("P1"), the second how the rule derives one */
      self->priority_text = g_strdup_printf (_("Set by hand to %s (by the rule: %s)"), label, explained);
    }
  else
    self->priority_text = g_steal_pointer (&explained);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->priority_row), self->priority_text);
  rapport_service_priority_badge_set (self->priority_badge, priority);
  gtk_widget_set_visible (self->override_row, get_overridden (self));

  /* A new request is due its target's hours from now; an existing one from
   * when it was opened (the store moves it when the priority changes). */
  {
    RapportServiceTargets targets;
    gint64 created = self->request != NULL ? rapport_service_request_get_created_at (self->request) : now (self);
    gint64 due_at;
    g_autofree char *when = NULL;

    rapport_session_get_service_targets (rapport_editor_dialog_get_session (dialog), &targets);
    due_at = rapport_service_targets_due_at (&targets, priority, created);
    when = rapport_format_date_time (due_at);
    if (self->request != NULL && !rapport_service_request_is_open (self->request))
      due_text = g_steal_pointer (&when);
    else
      {
        g_autofree char *span = rapport_service_format_duration (ABS (due_at - now (self)));

        due_text = due_at < now (self)
          /* Translators: a due time and how long ago it passed, "2026-03-18 14:00 · overdue by 3 h" */
          ? g_strdup_printf (_("%s · overdue by %s"), when, span)
          /* Translators: a due time and how long until then, "2026-03-18 14:00 · in 5 h" */
          : g_strdup_printf (_("%s · in %s"), when, span);
      }
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->due_row), due_text);
  }

  rapport_editor_dialog_set_save_enabled (dialog, summary != NULL && !rapport_database_is_read_only (get_db (self)));
}

/* The workflow */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static GtkWidget *
add_button (GtkWidget  *box,
            const char *label,
            const char *action,
            GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_box_append (GTK_BOX (box), button);

  return button;
}

/* "New → Assigned → *In Progress* → Resolved → Closed" */
static char *
format_status_track (RapportServiceStatus current)
{
  g_autoptr (GString) track = g_string_new (NULL);

  for (RapportServiceStatus s = RAPPORT_SERVICE_STATUS_NEW; s <= RAPPORT_SERVICE_STATUS_CLOSED; s++)
    {
      g_autofree char *label = g_markup_escape_text (rapport_service_status_get_label (s), -1);

      if (track->len > 0)
        g_string_append (track, " → ");
      if (s == current)
        g_string_append_printf (track, "<b>%s</b>", label);
      else
        g_string_append (track, label);
    }

  return g_string_free (g_steal_pointer (&track), FALSE);
}

static void
show_status (RapportServiceRequestDialog *self)
{
  static const struct { RapportServiceStatus from; RapportServiceStatus to; const char *label; } moves[] = {
    { RAPPORT_SERVICE_STATUS_ASSIGNED, RAPPORT_SERVICE_STATUS_IN_PROGRESS, N_("_Start Work") },
    { RAPPORT_SERVICE_STATUS_IN_PROGRESS, RAPPORT_SERVICE_STATUS_RESOLVED, N_("_Resolve") },
    { RAPPORT_SERVICE_STATUS_RESOLVED, RAPPORT_SERVICE_STATUS_CLOSED, N_("C_lose") },
    { RAPPORT_SERVICE_STATUS_RESOLVED, RAPPORT_SERVICE_STATUS_IN_PROGRESS, N_("Re_open") },
  };
  RapportServiceStatus status = rapport_service_request_get_status (self->request);
  g_autofree char *track = format_status_track (status);
  gboolean any = FALSE;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->status_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), track);

  clear_box (self->status_buttons);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (moves[i].from == status && rapport_service_status_can_move (status, moves[i].to))
      {
        GtkWidget *button = add_button (self->status_buttons, _(moves[i].label), "request.set-status",
                                        g_variant_new_int32 (moves[i].to));

        if (!any)
          gtk_widget_add_css_class (button, "suggested-action");
        any = TRUE;
      }

  if (status == RAPPORT_SERVICE_STATUS_NEW)
    {
      GtkWidget *hint = gtk_label_new (_("Choose an assignee to assign it."));

      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_label_set_xalign (GTK_LABEL (hint), 0.0f);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_box_append (GTK_BOX (self->status_buttons), hint);
      any = TRUE;
    }
  gtk_widget_set_visible (self->status_buttons, any);
}

static void
show_confirmation (RapportServiceRequestDialog *self)
{
  gboolean complaint = rapport_service_request_get_kind (self->request) == RAPPORT_SERVICE_KIND_COMPLAINT;
  gint64 confirmed_at = rapport_service_request_get_confirmed_at (self->request);
  g_autofree char *owner = format_user (self, rapport_service_request_get_customer_owner_id (self->request));
  g_autofree char *record = NULL;

  gtk_widget_set_visible (self->confirm_record_row, complaint);
  gtk_widget_set_visible (self->confirmer_row, complaint && confirmed_at == 0);
  /* The button's place in the flow box goes with it. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->confirm_button), complaint && confirmed_at == 0);
  if (!complaint)
    return;

  if (confirmed_at != 0)
    {
      g_autofree char *who = format_user (self, rapport_service_request_get_confirmed_by (self->request));
      g_autofree char *when = rapport_format_date_time (confirmed_at);

      /* Translators: who confirmed a complaint's resolution, and when */
      record = g_strdup_printf (_("Confirmed by %s on %s"), who, when);
    }
  else
    /* Translators: %s is the customer's owner */
    record = g_strdup_printf (_("Not confirmed yet: the customer’s owner, %s, confirms the resolution before "
                                "the reply goes out"), owner);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->confirm_record_row), record);

  if (confirmed_at == 0)
    rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (self->confirmer_row),
                                   rapport_service_request_get_customer_owner_id (self->request));
}

static void
show_reply (RapportServiceRequestDialog *self)
{
  gint64 replied_at = rapport_service_request_get_replied_at (self->request);
  g_autofree char *subtitle = NULL;

  g_clear_pointer (&self->reply_blocked, g_free);
  if (rapport_service_request_needs_confirmation (self->request))
    {
      g_autofree char *owner = format_user (self, rapport_service_request_get_customer_owner_id (self->request));

      /* Translators: %s is the customer's owner */
      self->reply_blocked = g_strdup_printf (_("A complaint’s reply waits until the customer’s owner, %s, has "
                                               "confirmed its resolution"), owner);
    }

  if (replied_at != 0)
    {
      g_autofree char *when = rapport_format_date_time (replied_at);

      /* Translators: how and when the customer was answered, "By SMS on 2026-03-18 14:00" */
      subtitle = g_strdup_printf (_("%s on %s"),
                                  rapport_service_reply_channel_get_label (
                                    rapport_service_request_get_reply_channel (self->request)),
                                  when);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reply_row),
                               self->reply_blocked != NULL ? self->reply_blocked
                               : subtitle != NULL ? subtitle : _("Not replied yet"));
  if (self->reply_blocked != NULL)
    gtk_widget_add_css_class (self->reply_row, "warning");
  else
    gtk_widget_remove_css_class (self->reply_row, "warning");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.send-reply", self->reply_blocked == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.mark-replied", self->reply_blocked == NULL);
  gtk_widget_set_sensitive (self->send_reply_button, self->reply_blocked == NULL);
  gtk_widget_set_sensitive (self->mark_replied_button, self->reply_blocked == NULL);
}

static void
show_satisfaction (RapportServiceRequestDialog *self)
{
  RapportServiceStatus status = rapport_service_request_get_status (self->request);
  const char *comment = rapport_service_request_get_satisfaction_comment (self->request);

  gtk_widget_set_visible (self->satisfaction_group,
                          status == RAPPORT_SERVICE_STATUS_RESOLVED || status == RAPPORT_SERVICE_STATUS_CLOSED);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->rating_row), rapport_service_request_get_satisfaction (self->request));
  gtk_editable_set_text (GTK_EDITABLE (self->satisfaction_comment_row), comment != NULL ? comment : "");
}

/* How long from @from to @to, or "Not yet". */
static void
set_time_row (GtkWidget *row,
              gint64     from,
              gint64     to)
{
  g_autofree char *span = to != 0 ? rapport_service_format_duration (to - from) : NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), span != NULL ? span : _("Not yet"));
}

/* A history value as the user reads it. */
static char *
format_event_value (RapportServiceRequestDialog *self,
                    RapportServiceEventKind      kind,
                    const char                  *value)
{
  RapportServiceKind service_kind;
  RapportServiceSeverity severity;
  RapportServiceStatus status;
  RapportServiceReplyChannel channel;
  gint64 id;

  if (value == NULL)
    return NULL;

  switch (kind)
    {
    case RAPPORT_SERVICE_EVENT_KIND:
      if (rapport_service_kind_from_string (value, &service_kind))
        return g_strdup (rapport_service_kind_get_label (service_kind));
      break;
    case RAPPORT_SERVICE_EVENT_SEVERITY:
      if (rapport_service_severity_from_string (value, &severity))
        return g_strdup (rapport_service_severity_get_label (severity));
      break;
    case RAPPORT_SERVICE_EVENT_STATUS:
      if (rapport_service_status_from_string (value, &status))
        return g_strdup (rapport_service_status_get_label (status));
      break;
    case RAPPORT_SERVICE_EVENT_REPLIED:
      if (rapport_service_reply_channel_from_string (value, &channel))
        return g_strdup (rapport_service_reply_channel_get_label (channel));
      break;
    case RAPPORT_SERVICE_EVENT_PRIORITY:
      return rapport_service_priority_get_label ((gint) g_ascii_strtoll (value, NULL, 10));
    case RAPPORT_SERVICE_EVENT_ASSIGNED:
      id = g_ascii_strtoll (value, NULL, 10);
      return id > 0 ? format_user (self, id) : g_strdup (_("Unassigned"));
    default:
      break;
    }

  return g_strdup (value);
}

static void
show_history (RapportServiceRequestDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) events = rapport_store_list_service_events (get_db (self),
                                                                 rapport_service_request_get_id (self->request),
                                                                 &error);

  clear_box (self->history_list);
  if (events == NULL)
    {
      show_store_error (self, error);
      return;
    }

  /* Newest first: what just happened is on top. */
  for (guint i = events->len; i-- > 0;)
    {
      const RapportServiceEvent *event = &g_array_index (events, RapportServiceEvent, i);
      g_autofree char *from = format_event_value (self, event->kind, event->from_value);
      g_autofree char *to = format_event_value (self, event->kind, event->to_value);
      g_autofree char *who = format_user (self, event->user_id);
      g_autofree char *when = rapport_format_date_time (event->at);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      const char *label = rapport_service_event_kind_get_label (event->kind);
      GtkWidget *row = adw_action_row_new ();

      /* A creation's value is its first status: the label says it all. */
      if (event->kind == RAPPORT_SERVICE_EVENT_CREATED)
        title = g_strdup (label);
      else if (from != NULL && to != NULL)
        /* Translators: a change in a request's history, "Status: New → Assigned" */
        title = g_strdup_printf (_("%s: %s → %s"), label, from, to);
      else if (to != NULL)
        /* Translators: a change in a request's history, "Resolution: replaced the part" */
        title = g_strdup_printf (_("%s: %s"), label, to);
      else
        title = g_strdup (label);

      if (event->note != NULL && event->note[0] != '\0')
        /* Translators: who did it, when, and their note */
        subtitle = g_strdup_printf (_("%s · %s · %s"), who, when, event->note);
      else
        /* Translators: who did it and when */
        subtitle = g_strdup_printf (_("%s · %s"), who, when);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (self->history_list), row);
    }
}

/* @keep_typed: a resolution typed and not saved stays as it is. */
static void
show_workflow (RapportServiceRequestDialog *self,
               gboolean                     keep_typed)
{
  const char *resolution = rapport_service_request_get_resolution (self->request);
  gint64 created = rapport_service_request_get_created_at (self->request);
  gboolean was_loading = self->loading;

  self->loading = TRUE;

  show_status (self);
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (self->assignee_row),
                                 rapport_service_request_get_assignee_id (self->request));
  if (!keep_typed)
    set_text_view (self->resolution_view, resolution);
  show_confirmation (self);
  show_reply (self);
  show_satisfaction (self);
  set_time_row (self->first_response_row, created, rapport_service_request_get_first_response_at (self->request));
  set_time_row (self->resolved_row, created, rapport_service_request_get_resolved_at (self->request));
  show_history (self);

  self->loading = was_loading;
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
}

/* Actions of the workflow */

static void
set_status_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportServiceRequestDialog *self = RAPPORT_SERVICE_REQUEST_DIALOG (widget);
  RapportServiceStatus status = g_variant_get_int32 (parameter);
  g_autoptr (GError) error = NULL;

  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), NULL);
  /* Resolving is done with the resolution as typed. */
  if (status == RAPPORT_SERVICE_STATUS_RESOLVED && !store_resolution (self))
    return;

  if (!rapport_store_set_service_request_status (get_db (self), rapport_service_request_get_id (self->request),
                                                 status, NULL, &error))
    {
      show_store_error (self, error);
      return;
    }

  reread (self);
}

static void
save_resolution_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportServiceRequestDialog *self = RAPPORT_SERVICE_REQUEST_DIALOG (widget);

  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), NULL);
  store_resolution (self);
}

static void
confirm_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportServiceRequestDialog *self = RAPPORT_SERVICE_REQUEST_DIALOG (widget);
  gint64 user_id = rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (self->confirmer_row));
  g_autoptr (GError) error = NULL;

  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), NULL);
  if (!store_resolution (self))
    return;

  if (!rapport_store_confirm_service_resolution (get_db (self), rapport_service_request_get_id (self->request),
                                                 user_id, &error))
    {
      show_store_error (self, error);
      return;
    }

  reread (self);
}

static void
mark_replied (RapportServiceRequestDialog *self,
              RapportServiceReplyChannel   channel)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_store_mark_service_request_replied (get_db (self), rapport_service_request_get_id (self->request),
                                                   channel, &error))
    {
      show_store_error (self, error);
      return;
    }

  reread (self);
}

static void
mark_replied_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportServiceRequestDialog *self = RAPPORT_SERVICE_REQUEST_DIALOG (widget);

  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), NULL);
  if (!store_resolution (self))
    return;

  mark_replied (self, g_variant_get_int32 (parameter));
}

static void
reply_sent_cb (RapportServiceRequestDialog *self,
               gint64                       message_id,
               RapportComposeDialog        *compose)
{
  mark_replied (self, rapport_compose_dialog_get_channel (compose) == RAPPORT_CHANNEL_SMS
                      ? RAPPORT_SERVICE_REPLY_CHANNEL_SMS : RAPPORT_SERVICE_REPLY_CHANNEL_MAIL);
}

static void
send_reply_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportServiceRequestDialog *self = RAPPORT_SERVICE_REQUEST_DIALOG (widget);
  RapportChannel channel = g_variant_get_int32 (parameter);
  g_autofree char *resolution = NULL;
  g_autofree char *subject = NULL;
  GtkWidget *compose;

  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), NULL);
  if (!store_resolution (self))
    return;

  resolution = dup_resolution (self);
  /* Translators: the subject of a reply to a service request; %s is its summary */
  subject = g_strdup_printf (_("Re: %s"), rapport_service_request_get_summary (self->request));
  compose = rapport_compose_dialog_new_for_customer (rapport_editor_dialog_get_session (RAPPORT_EDITOR_DIALOG (self)),
                                                     self->customer_id,
                                                     rapport_service_request_get_contact_id (self->request),
                                                     channel);
  rapport_compose_dialog_set_text (RAPPORT_COMPOSE_DIALOG (compose), subject, resolution != NULL ? resolution : "");
  gtk_window_set_transient_for (GTK_WINDOW (compose), GTK_WINDOW (self));
  g_signal_connect_object (compose, "saved", G_CALLBACK (reply_sent_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (compose));
}

static void
record_satisfaction_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  RapportServiceRequestDialog *self = RAPPORT_SERVICE_REQUEST_DIALOG (widget);
  guint rating = adw_combo_row_get_selected (ADW_COMBO_ROW (self->rating_row));
  g_autofree char *comment = rapport_editable_dup_trimmed (GTK_EDITABLE (self->satisfaction_comment_row));
  g_autoptr (GError) error = NULL;

  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), NULL);
  if (rating == 0 || rating > N_SATISFACTION)
    {
      rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), _("Choose a rating from 1 to 5"));
      return;
    }

  if (!rapport_store_set_service_satisfaction (get_db (self), rapport_service_request_get_id (self->request),
                                               rating, comment, &error))
    {
      show_store_error (self, error);
      return;
    }

  reread (self);
}

typedef struct
{
  RapportDatabase *db;
  gint64           id;
} UndoTrash;

static void
undo_trash_free (gpointer  data,
                 GClosure *closure)
{
  UndoTrash *undo = data;

  g_clear_object (&undo->db);
  g_free (undo);
}

static void
undo_trash_clicked_cb (AdwToast  *toast,
                       UndoTrash *undo)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_store_restore_service_request (undo->db, undo->id, &error))
    g_warning ("Could not restore the service request: %s", error->message);
}

/* Into the Trash, with Undo in the window the dialog was opened from. */
static void
trash_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RapportServiceRequestDialog *self = RAPPORT_SERVICE_REQUEST_DIALOG (widget);
  gint64 id = rapport_service_request_get_id (self->request);
  g_autoptr (GError) error = NULL;
  g_autofree char *escaped = NULL;
  UndoTrash *undo;
  AdwToast *toast;

  if (!rapport_store_trash_service_request (get_db (self), id, &error))
    {
      show_store_error (self, error);
      return;
    }

  escaped = g_markup_escape_text (_("Service request moved to the Trash"), -1);
  toast = adw_toast_new (escaped);
  undo = g_new0 (UndoTrash, 1);
  undo->db = g_object_ref (get_db (self));
  undo->id = id;
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_trash_clicked_cb), undo, undo_trash_free, 0);
  rapport_widget_add_toast (GTK_WIDGET (self), toast);

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
assignee_changed_cb (RapportServiceRequestDialog *self)
{
  gint64 assignee = rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (self->assignee_row));
  g_autoptr (GError) error = NULL;

  /* A new request is assigned when it is saved. */
  if (self->loading || self->request == NULL ||
      assignee == rapport_service_request_get_assignee_id (self->request))
    return;

  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), NULL);
  if (!rapport_store_assign_service_request (get_db (self), rapport_service_request_get_id (self->request),
                                             assignee, &error))
    {
      show_store_error (self, error);
      self->loading = TRUE;
      rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (self->assignee_row),
                                     rapport_service_request_get_assignee_id (self->request));
      self->loading = FALSE;
      return;
    }

  reread (self);
}

/* Choosing by hand starts from the rule's priority. */
static void
override_toggled_cb (RapportServiceRequestDialog *self)
{
  if (!self->loading && get_overridden (self))
    {
      RapportTier tier = self->request != NULL ? rapport_service_request_get_priority_tier (self->request) : self->tier;

      adw_combo_row_set_selected (ADW_COMBO_ROW (self->override_row),
                                  rapport_service_priority_compute (tier, get_severity (self))
                                  - RAPPORT_SERVICE_PRIORITY_HIGHEST);
    }
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
summary_changed_cb (RapportServiceRequestDialog *self)
{
  if (!self->loading)
    self->summary_touched = TRUE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

/* RapportEditorDialog */

static gboolean
rapport_service_request_dialog_save (RapportEditorDialog *dialog,
                                     gint64              *out_id)
{
  RapportServiceRequestDialog *self = RAPPORT_SERVICE_REQUEST_DIALOG (dialog);
  RapportDatabase *db = get_db (self);
  g_autoptr (RapportServiceRequest) request = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = rapport_editable_dup_trimmed (GTK_EDITABLE (self->summary_row));
  g_autofree char *details = rapport_text_view_get_text (self->details_view);
  guint contact_index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->contact_row));
  RapportServiceTargets targets;

  self->summary_touched = TRUE;
  rapport_editor_dialog_update_state (dialog);
  if (summary == NULL)
    return FALSE;

  rapport_session_get_service_targets (rapport_editor_dialog_get_session (dialog), &targets);
  request = self->request != NULL ? rapport_service_request_copy (self->request) : rapport_service_request_new ();
  rapport_service_request_set_customer_id (request, self->customer_id);
  rapport_service_request_set_contact_id (request, contact_index < self->contact_ids->len
                                                   ? g_array_index (self->contact_ids, gint64, contact_index) : 0);
  rapport_service_request_set_kind (request, adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row)));
  rapport_service_request_set_summary (request, summary);
  rapport_service_request_set_details (request, g_strstrip (details)[0] != '\0' ? details : NULL);
  rapport_service_request_set_severity (request, get_severity (self));
  rapport_service_request_set_priority_overridden (request, get_overridden (self));
  rapport_service_request_set_priority (request, get_priority (self));

  if (self->request == NULL)
    {
      gint64 assignee = rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (self->assignee_row));

      if (!rapport_store_insert_service_request (db, request, &targets, &error))
        {
          show_store_error (self, error);
          return FALSE;
        }
      /* Saved already: a refused assignee is said, and the request stays. */
      if (assignee != 0 &&
          !rapport_store_assign_service_request (db, rapport_service_request_get_id (request), assignee, &error))
        g_warning ("Could not assign the new request: %s", error->message);
    }
  else
    {
      if (!rapport_store_update_service_request (db, request, &targets, &error))
        {
          show_store_error (self, error);
          return FALSE;
        }
      if (!store_resolution (self))
        return FALSE;
    }

  *out_id = rapport_service_request_get_id (request);
  return TRUE;
}

/* GObject */

static void
rapport_service_request_dialog_finalize (GObject *object)
{
  RapportServiceRequestDialog *self = RAPPORT_SERVICE_REQUEST_DIALOG (object);

  g_clear_object (&self->request);
  g_clear_pointer (&self->contact_ids, g_array_unref);
  g_clear_pointer (&self->priority_text, g_free);
  g_clear_pointer (&self->reply_blocked, g_free);

  G_OBJECT_CLASS (rapport_service_request_dialog_parent_class)->finalize (object);
}

static void
rapport_service_request_dialog_class_init (RapportServiceRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->finalize = rapport_service_request_dialog_finalize;

  dialog_class->update_state = rapport_service_request_dialog_update_state;
  dialog_class->save = rapport_service_request_dialog_save;

  gtk_widget_class_install_action (widget_class, "request.set-status", "i", set_status_activated);
  gtk_widget_class_install_action (widget_class, "request.save-resolution", NULL, save_resolution_activated);
  gtk_widget_class_install_action (widget_class, "request.confirm", NULL, confirm_activated);
  gtk_widget_class_install_action (widget_class, "request.send-reply", "i", send_reply_activated);
  gtk_widget_class_install_action (widget_class, "request.mark-replied", "i", mark_replied_activated);
  gtk_widget_class_install_action (widget_class, "request.record-satisfaction", NULL,
                                   record_satisfaction_activated);
  gtk_widget_class_install_action (widget_class, "request.trash", NULL, trash_activated);
}

static GtkWidget *
new_button_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_top (box, 12);
  return box;
}

static GtkWidget *
new_menu_button (const char *label,
                 GMenuModel *menu)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);

  return button;
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             gint32      target)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int32 (target));
  g_menu_append_item (menu, item);
}

static void
rapport_service_request_dialog_init (RapportServiceRequestDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  const char *kinds[RAPPORT_SERVICE_KIND_OTHER + 2] = { NULL };
  const char *severities[RAPPORT_SERVICE_SEVERITY_CRITICAL + 2] = { NULL };
  GtkWidget *group;

  for (RapportServiceKind k = RAPPORT_SERVICE_KIND_INQUIRY; k <= RAPPORT_SERVICE_KIND_OTHER; k++)
    kinds[k] = rapport_service_kind_get_label (k);
  for (RapportServiceSeverity s = RAPPORT_SERVICE_SEVERITY_LOW; s <= RAPPORT_SERVICE_SEVERITY_CRITICAL; s++)
    severities[s] = rapport_service_severity_get_label (s);

  gtk_window_set_default_size (GTK_WINDOW (self), 600, 720);
  rapport_editor_dialog_set_title (dialog, _("New Service Request"));
  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->loading = TRUE;

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->kind_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Kind"), kinds);
  self->summary_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Summary"));
  self->summary_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->contact_row = rapport_editor_dialog_add_combo_row (dialog, group, _("C_ontact"), NULL);
  self->severity_row = rapport_editor_dialog_add_combo_row (dialog, group, _("Se_verity"), severities);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->severity_row), RAPPORT_SERVICE_SEVERITY_NORMAL);

  rapport_editor_dialog_append (dialog, rapport_text_view_group_new (_("Details"), &self->details_view));

  group = rapport_editor_dialog_add_group (dialog, _("Priority"));
  self->priority_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->priority_row), _("Priority"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->priority_row), 0);
  self->priority_badge = rapport_service_priority_badge_new (RAPPORT_SERVICE_PRIORITY_LOWEST);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->priority_row), self->priority_badge);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->priority_row);
  self->override_switch = rapport_editor_dialog_add_switch_row (dialog, group, _("Set Priority by _Hand"));
  {
    char *priorities[RAPPORT_SERVICE_PRIORITY_LOWEST + 1] = { NULL };

    for (gint p = RAPPORT_SERVICE_PRIORITY_HIGHEST; p <= RAPPORT_SERVICE_PRIORITY_LOWEST; p++)
      priorities[p - 1] = rapport_service_priority_get_label (p);
    self->override_row = rapport_editor_dialog_add_combo_row (dialog, group, _("P_riority"),
                                                              (const char * const *) priorities);
    for (gint p = RAPPORT_SERVICE_PRIORITY_HIGHEST; p <= RAPPORT_SERVICE_PRIORITY_LOWEST; p++)
      g_free (priorities[p - 1]);
  }
  self->due_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->due_row), _("Due"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->due_row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->due_row);

  g_signal_connect_swapped (self->summary_row, "changed", G_CALLBACK (summary_changed_cb), self);
  g_signal_connect_swapped (self->severity_row, "notify::selected",
                            G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->override_switch, "notify::active", G_CALLBACK (override_toggled_cb), self);
  g_signal_connect_swapped (self->override_row, "notify::selected",
                            G_CALLBACK (rapport_editor_dialog_field_changed), self);
}

/* The rows that need the database: the assignee, and the workflow of an
 * existing request. */
static void
build_workflow (RapportServiceRequestDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  RapportDatabase *db = get_db (self);
  const char *ratings[N_SATISFACTION + 2] = {
    _("Not Rated"),
    /* Translators: satisfaction ratings, 1 to 5 */
    _("1 — Very dissatisfied"), _("2 — Dissatisfied"), _("3 — Neutral"), _("4 — Satisfied"),
    _("5 — Very satisfied"), NULL,
  };
  g_autoptr (GMenu) send_menu = g_menu_new ();
  g_autoptr (GMenu) mark_menu = g_menu_new ();
  GtkWidget *group;
  GtkWidget *box;
  GtkWidget *button;

  self->workflow_group = group = rapport_editor_dialog_add_group (dialog, self->request != NULL ? _("Workflow") : NULL);
  if (self->request != NULL)
    {
      self->status_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Status"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->status_row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->status_row);
    }
  self->assignee_row = rapport_staff_row_new (db, RAPPORT_STAFF_PICK_ASSIGNEE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->assignee_row), _("_Assignee"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->assignee_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->assignee_row);
  g_signal_connect_swapped (self->assignee_row, "notify::user-id", G_CALLBACK (assignee_changed_cb), self);

  if (self->request == NULL)
    return;

  self->status_buttons = new_button_box ();
  gtk_widget_set_margin_top (self->status_buttons, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->status_buttons);

  /* Resolution, the owner's confirmation and the reply */
  self->resolution_group = rapport_text_view_group_new (_("Resolution"), &self->resolution_view);
  rapport_editor_dialog_append (dialog, self->resolution_group);
  group = self->resolution_group;
  box = new_button_box ();
  self->save_resolution_button = add_button (box, _("Save _Resolution"), "request.save-resolution", NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);

  group = rapport_editor_dialog_add_group (dialog, _("Reply"));
  self->confirm_record_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirm_record_row), _("Owner’s Confirmation"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->confirm_record_row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->confirm_record_row);
  self->confirmer_row = rapport_staff_row_new (db, RAPPORT_STAFF_PICK_OWNER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirmer_row), _("Confirmed _By"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->confirmer_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->confirmer_row);

  self->reply_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reply_row), _("Reply to the Customer"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->reply_row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->reply_row);

  self->reply_buttons = box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 3);
  gtk_widget_set_margin_top (box, 12);
  self->confirm_button = gtk_button_new_with_mnemonic (_("_Confirm Resolution"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->confirm_button), "request.confirm");
  gtk_widget_add_css_class (self->confirm_button, "suggested-action");
  gtk_flow_box_append (GTK_FLOW_BOX (box), self->confirm_button);
  append_item (send_menu, _("By _E-mail…"), "request.send-reply", RAPPORT_CHANNEL_MAIL);
  append_item (send_menu, _("By _SMS…"), "request.send-reply", RAPPORT_CHANNEL_SMS);
  self->send_reply_button = button = new_menu_button (_("Send _Reply…"), G_MENU_MODEL (send_menu));
  gtk_flow_box_append (GTK_FLOW_BOX (box), button);
  append_item (mark_menu, _("By _Phone"), "request.mark-replied", RAPPORT_SERVICE_REPLY_CHANNEL_PHONE);
  append_item (mark_menu, _("_Other Way"), "request.mark-replied", RAPPORT_SERVICE_REPLY_CHANNEL_OTHER);
  self->mark_replied_button = button = new_menu_button (_("_Mark as Replied"), G_MENU_MODEL (mark_menu));
  gtk_flow_box_append (GTK_FLOW_BOX (box), button);
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);

  /* Satisfaction, once resolved */
  self->satisfaction_group = group = rapport_editor_dialog_add_group (dialog, _("Satisfaction"));
  self->rating_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Rating"), ratings);
  self->satisfaction_comment_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->satisfaction_comment_row), _("Co_mment"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->satisfaction_comment_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->satisfaction_comment_row);
  box = new_button_box ();
  add_button (box, _("Record _Satisfaction"), "request.record-satisfaction", NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);

  /* Times and history */
  self->times_group = group = rapport_editor_dialog_add_group (dialog, _("Times"));
  self->first_response_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->first_response_row), _("Time to First Response"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->first_response_row);
  self->resolved_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->resolved_row), _("Time to Resolution"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->resolved_row);

  self->history_group = group = rapport_editor_dialog_add_group (dialog, _("History"));
  self->history_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->history_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->history_list, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->history_list);

  /* A request opened by mistake goes to the Trash (Undo in the window). */
  button = gtk_button_new_with_mnemonic (_("Move to _Trash"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "request.trash");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  rapport_editor_dialog_append (dialog, button);
}

/* Public API */

/**
 * rapport_service_request_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @session: an open session
 * @customer_id: the request's customer
 * @request_id: the request to show, 0 for a new one
 *
 * Returns: (transfer none): a new dialog, not yet presented; a request that
 *   cannot be read shows why in the banner
 */
GtkWidget *
rapport_service_request_dialog_new (GtkWindow      *parent,
                                    RapportSession *session,
                                    gint64          customer_id,
                                    gint64          request_id)
{
  RapportServiceRequestDialog *self;
  RapportDatabase *db;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = NULL;
  gint64 contact_id = -1;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (customer_id > 0, NULL);
  g_return_val_if_fail (request_id >= 0, NULL);

  self = g_object_new (RAPPORT_TYPE_SERVICE_REQUEST_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
  db = get_db (self);
  self->customer_id = customer_id;

  if (request_id > 0)
    {
      self->request = rapport_store_get_service_request (db, request_id, &error);
      if (self->request == NULL)
        {
          rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);
          g_clear_error (&error);
        }
    }

  customer = rapport_store_get_customer (db, customer_id, &error);
  self->tier = customer != NULL ? rapport_customer_get_tier (customer) : RAPPORT_TIER_LEAD;
  g_clear_error (&error);

  build_workflow (self);

  if (self->request != NULL)
    {
      RapportServiceRequest *request = self->request;
      g_autofree char *title = NULL;

      contact_id = rapport_service_request_get_contact_id (request);
      /* Translators: the title of an existing service request's dialog; %s is its customer */
      title = g_strdup_printf (_("Service Request — %s"),
                               rapport_service_request_get_customer_name (request) != NULL
                               ? rapport_service_request_get_customer_name (request) : "");
      rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self), title);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), rapport_service_request_get_kind (request));
      gtk_editable_set_text (GTK_EDITABLE (self->summary_row), rapport_service_request_get_summary (request));
      set_text_view (self->details_view, rapport_service_request_get_details (request));
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->severity_row), rapport_service_request_get_severity (request));
      gtk_switch_set_active (GTK_SWITCH (self->override_switch), rapport_service_request_get_priority_overridden (request));
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->override_row),
                                  rapport_service_request_get_priority (request) - RAPPORT_SERVICE_PRIORITY_HIGHEST);
      show_workflow (self, FALSE);
    }

  if (!rapport_contact_row_load (ADW_COMBO_ROW (self->contact_row), db, customer_id,
                                 contact_id, self->contact_ids, &error))
    rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);

  /* A read-only book is shown, never written. */
  if (rapport_database_is_read_only (db))
    {
      const char *actions[] = { "request.set-status", "request.save-resolution", "request.confirm",
                                "request.send-reply", "request.mark-replied", "request.record-satisfaction",
                                "request.trash" };

      for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], FALSE);
      gtk_widget_set_sensitive (self->assignee_row, FALSE);
      if (self->send_reply_button != NULL)
        {
          gtk_widget_set_sensitive (self->send_reply_button, FALSE);
          gtk_widget_set_sensitive (self->mark_replied_button, FALSE);
        }
    }

  self->loading = FALSE;
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  gtk_window_set_focus (GTK_WINDOW (self), self->summary_row);

  return GTK_WIDGET (self);
}

const char *
rapport_service_request_dialog_get_priority_text (RapportServiceRequestDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST_DIALOG (self), NULL);

  return self->priority_text;
}

const char *
rapport_service_request_dialog_get_reply_blocked_reason (RapportServiceRequestDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST_DIALOG (self), NULL);

  return self->reply_blocked;
}
