/* rapport-follow-up-actions.c
 *
 * A toast's Undo outlives the row that showed the follow-up (the row goes as
 * soon as it is done): what Undo needs is copied into the toast, and where
 * it reports a failure is a weak pointer to the toast overlay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-follow-up-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date-row.h"
#include "rapport-follow-up-dialog.h"
#include "rapport-interaction-dialog.h"
#include "rapport-store.h"
#include "rapport-time-row.h"
#include "rapport-ui-utils.h"

#include "rapport-follow-up-actions.h"

struct _RapportFollowUpActions
{
  GObject         parent_instance;

  RapportSession *session;
};

G_DEFINE_FINAL_TYPE (RapportFollowUpActions, rapport_follow_up_actions, G_TYPE_OBJECT)

enum {
  OPEN_CUSTOMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  TOAST_UNDO_COMPLETE,   /* Undo reopens */
  TOAST_UNDO_TRASH,      /* Undo restores from the Trash */
  TOAST_OFFER_COMPLETE,  /* the button marks it done */
} ToastKind;

typedef struct
{
  RapportFollowUpActions *actions;   /* owned */
  RapportFollowUp        *follow_up; /* owned copy */
  ToastKind               kind;
  GtkWidget              *overlay;   /* weak: where the next toast goes */
} ToastData;

static void add_toast (RapportFollowUpActions *self,
                       GtkWidget              *widget,
                       RapportFollowUp        *follow_up,
                       ToastKind               kind);

/* Helpers */

static RapportDatabase *
get_database (RapportFollowUpActions *self)
{
  return rapport_session_get_database (self->session);
}

static GtkWindow *
get_window (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The overlay a toast for @widget goes to, so that a later toast (after the
 * row is gone) finds it too. */
static GtkWidget *
find_overlay (GtkWidget *widget)
{
  GtkWidget *overlay;
  GtkWindow *parent;
  GtkWidget *child;

  if (widget == NULL)
    return NULL;

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    return overlay;

  parent = get_window (widget);
  parent = parent != NULL ? gtk_window_get_transient_for (parent) : NULL;
  child = parent != NULL ? gtk_window_get_child (parent) : NULL;
  if (child == NULL)
    return NULL;

  return ADW_IS_TOAST_OVERLAY (child) ? child : gtk_widget_get_ancestor (child, ADW_TYPE_TOAST_OVERLAY);
}

static void
show_text (GtkWidget  *widget,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (widget != NULL)
    rapport_widget_add_toast (widget, adw_toast_new (escaped));
}

static void
show_error (GtkWidget    *widget,
            const GError *error)
{
  show_text (widget, error->message);
}

static gboolean
complete (RapportFollowUpActions *self,
          RapportFollowUp        *follow_up,
          GtkWidget              *widget)
{
  g_autoptr (GError) error = NULL;
  gint64 next_id = 0;

  if (!rapport_store_complete_follow_up (get_database (self), rapport_follow_up_get_id (follow_up),
                                         rapport_clock_now (rapport_session_get_clock (self->session)),
                                         RAPPORT_RECUR_FROM_DUE, rapport_follow_up_get_revision (follow_up),
                                         &next_id, &error))
    {
      show_error (widget, error);
      return FALSE;
    }

  add_toast (self, widget, follow_up, TOAST_UNDO_COMPLETE);
  return TRUE;
}

/* Toasts */

static void
toast_data_free (gpointer  data,
                 GClosure *closure)
{
  ToastData *toast_data = data;

  g_clear_object (&toast_data->actions);
  g_clear_object (&toast_data->follow_up);
  g_clear_weak_pointer (&toast_data->overlay);
  g_free (toast_data);
}

static void
toast_button_clicked_cb (AdwToast  *toast,
                         ToastData *data)
{
  RapportDatabase *db = get_database (data->actions);
  gint64 id = rapport_follow_up_get_id (data->follow_up);
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;

  switch (data->kind)
    {
    case TOAST_UNDO_COMPLETE:
      ok = rapport_store_reopen_follow_up (db, id, &error);
      break;

    case TOAST_UNDO_TRASH:
      ok = rapport_store_restore_follow_up (db, id, &error);
      break;

    case TOAST_OFFER_COMPLETE:
      complete (data->actions, data->follow_up, data->overlay);
      return;

    default:
      g_assert_not_reached ();
    }

  if (!ok)
    show_error (data->overlay, error);
}

static void
add_toast (RapportFollowUpActions *self,
           GtkWidget              *widget,
           RapportFollowUp        *follow_up,
           ToastKind               kind)
{
  const char *title = rapport_follow_up_get_title (follow_up);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;
  ToastData *data;

  switch (kind)
    {
    case TOAST_UNDO_COMPLETE:
      /* Translators: a toast after a follow-up was marked done; %s is its title */
      text = g_strdup_printf (_("Done: “%s”"), title);
      break;

    case TOAST_UNDO_TRASH:
      /* Translators: a toast after a follow-up was deleted; %s is its title */
      text = g_strdup_printf (_("Deleted “%s”"), title);
      break;

    case TOAST_OFFER_COMPLETE:
      /* Translators: a toast after logging an interaction or order; %s is
       * the title of the customer's earliest open follow-up */
      text = g_strdup_printf (_("Mark “%s” done?"), title);
      break;

    default:
      g_assert_not_reached ();
    }

  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, kind == TOAST_OFFER_COMPLETE ? _("_Mark Done") : _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  data = g_new0 (ToastData, 1);
  data->actions = g_object_ref (self);
  data->follow_up = rapport_follow_up_copy (follow_up);
  data->kind = kind;
  g_set_weak_pointer (&data->overlay, find_overlay (widget));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_button_clicked_cb),
                         data, toast_data_free, 0);

  if (widget != NULL)
    rapport_widget_add_toast (widget, toast);
  else
    g_object_unref (toast);
}

/* Snooze until a picked time */

typedef struct
{
  RapportFollowUpActions *actions;    /* owned */
  RapportFollowUp        *follow_up;  /* owned */
  GtkWidget              *date_row;
  GtkWidget              *time_row;
  GtkWidget              *overlay;    /* weak */
} PickData;

static void
pick_data_free (gpointer  data,
                GClosure *closure)
{
  PickData *pick = data;

  g_clear_object (&pick->actions);
  g_clear_object (&pick->follow_up);
  g_clear_weak_pointer (&pick->overlay);
  g_free (pick);
}

static void
pick_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  PickData         *pick)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) zone = NULL;
  g_autofree char *local = NULL;
  gint64 until;

  if (g_strcmp0 (response, "snooze") != 0)
    return;

  local = g_strdup_printf ("%s %s", gtk_editable_get_text (GTK_EDITABLE (pick->date_row)),
                           gtk_editable_get_text (GTK_EDITABLE (pick->time_row)));
  g_strstrip (local);
  if (!rapport_due_time_validate (local, &error))
    {
      show_error (pick->overlay, error);
      return;
    }

  zone = g_time_zone_new_local ();
  until = rapport_due_time_to_unix (local, zone);
  if (!rapport_store_snooze_follow_up (get_database (pick->actions), rapport_follow_up_get_id (pick->follow_up),
                                       until, rapport_follow_up_get_revision (pick->follow_up), &error))
    {
      show_error (pick->overlay, error);
      return;
    }

  {
    g_autofree char *when = rapport_format_date_time (until);
    /* Translators: a toast after a snooze; %s is a date and time */
    g_autofree char *text = g_strdup_printf (_("Reminder snoozed until %s"), when);

    show_text (pick->overlay, text);
  }
}

/* GObject */

static void
rapport_follow_up_actions_dispose (GObject *object)
{
  RapportFollowUpActions *self = RAPPORT_FOLLOW_UP_ACTIONS (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_follow_up_actions_parent_class)->dispose (object);
}

static void
rapport_follow_up_actions_class_init (RapportFollowUpActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_follow_up_actions_dispose;

  /**
   * RapportFollowUpActions::open-customer:
   * @customer_id: the follow-up's customer
   * @follow_up_id: the follow-up
   *
   * Open Customer was chosen on a follow-up.
   */
  signals[OPEN_CUSTOMER] = g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
}

static void
rapport_follow_up_actions_init (RapportFollowUpActions *self)
{
}

/* Public API */

/**
 * rapport_follow_up_actions_new:
 * @session: an open session
 *
 * Returns: (transfer full): the actions on @session's follow-ups
 */
RapportFollowUpActions *
rapport_follow_up_actions_new (RapportSession *session)
{
  RapportFollowUpActions *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  self = g_object_new (RAPPORT_TYPE_FOLLOW_UP_ACTIONS, NULL);
  self->session = g_object_ref (session);

  return self;
}

/**
 * rapport_follow_up_actions_get_session:
 * @self: a #RapportFollowUpActions
 *
 * Returns: (transfer none): the session acted on
 */
RapportSession *
rapport_follow_up_actions_get_session (RapportFollowUpActions *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP_ACTIONS (self), NULL);

  return self->session;
}

void
rapport_follow_up_actions_complete (RapportFollowUpActions *self,
                                    RapportFollowUp        *follow_up,
                                    GtkWidget              *widget)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP_ACTIONS (self));
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (follow_up));

  complete (self, follow_up, widget);
}

void
rapport_follow_up_actions_snooze (RapportFollowUpActions *self,
                                  RapportFollowUp        *follow_up,
                                  RapportSnooze           snooze,
                                  GtkWidget              *widget)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 until;

  g_return_if_fail (RAPPORT_IS_FOLLOW_UP_ACTIONS (self));
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (follow_up));
  g_return_if_fail (snooze < RAPPORT_N_SNOOZES);

  now = rapport_clock_now_local (rapport_session_get_clock (self->session));
  until = rapport_snooze_until (snooze, now);
  if (!rapport_store_snooze_follow_up (get_database (self), rapport_follow_up_get_id (follow_up),
                                       until, rapport_follow_up_get_revision (follow_up), &error))
    {
      show_error (widget, error);
      return;
    }

  {
    g_autofree char *when = rapport_format_date_time (until);

    text = g_strdup_printf (_("Reminder snoozed until %s"), when);
    show_text (widget, text);
  }
}

void
rapport_follow_up_actions_snooze_pick (RapportFollowUpActions *self,
                                       RapportFollowUp        *follow_up,
                                       GtkWidget              *widget)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) later = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  GtkWidget *dialog, *list;
  PickData *pick;

  g_return_if_fail (RAPPORT_IS_FOLLOW_UP_ACTIONS (self));
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (follow_up));

  now = rapport_clock_now_local (rapport_session_get_clock (self->session));
  later = g_date_time_add_hours (now, 1);
  date = g_date_time_format (later, "%Y-%m-%d");
  time = g_date_time_format (later, "%H:%M");

  dialog = adw_message_dialog_new (get_window (widget), _("Snooze Until"), rapport_follow_up_get_title (follow_up));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "snooze", _("_Snooze"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "snooze", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "snooze");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  pick = g_new0 (PickData, 1);
  pick->actions = g_object_ref (self);
  pick->follow_up = rapport_follow_up_copy (follow_up);
  g_set_weak_pointer (&pick->overlay, find_overlay (widget));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  pick->date_row = rapport_date_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pick->date_row), _("Date (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (pick->date_row), date);
  gtk_list_box_append (GTK_LIST_BOX (list), pick->date_row);
  pick->time_row = rapport_time_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pick->time_row), _("Time (HH:MM)"));
  gtk_editable_set_text (GTK_EDITABLE (pick->time_row), time);
  gtk_list_box_append (GTK_LIST_BOX (list), pick->time_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_signal_connect_data (dialog, "response", G_CALLBACK (pick_response_cb), pick, pick_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
rapport_follow_up_actions_edit (RapportFollowUpActions *self,
                                RapportFollowUp        *follow_up,
                                GtkWidget              *widget)
{
  GtkWidget *dialog;

  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP_ACTIONS (self), NULL);
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (follow_up), NULL);

  dialog = rapport_follow_up_dialog_new (get_window (widget), self->session,
                                         rapport_follow_up_get_customer_id (follow_up), follow_up);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

typedef struct
{
  RapportFollowUpActions *actions;    /* owned */
  RapportFollowUp        *follow_up;  /* owned */
  GtkWidget              *overlay;    /* weak */
} LogData;

static void
log_data_free (gpointer  data,
               GClosure *closure)
{
  LogData *log = data;

  g_clear_object (&log->actions);
  g_clear_object (&log->follow_up);
  g_clear_weak_pointer (&log->overlay);
  g_free (log);
}

static void
logged_cb (RapportEditorDialog *dialog,
           gint64               interaction_id,
           LogData             *log)
{
  complete (log->actions, log->follow_up, log->overlay);
}

GtkWidget *
rapport_follow_up_actions_complete_and_log (RapportFollowUpActions *self,
                                            RapportFollowUp        *follow_up,
                                            GtkWidget              *widget)
{
  GtkWidget *dialog;
  LogData *log;

  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP_ACTIONS (self), NULL);
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (follow_up), NULL);

  dialog = rapport_interaction_dialog_new (get_window (widget), self->session,
                                           rapport_follow_up_get_customer_id (follow_up), NULL);
  rapport_interaction_dialog_prefill (RAPPORT_INTERACTION_DIALOG (dialog),
                                      rapport_follow_up_get_title (follow_up),
                                      rapport_follow_up_get_contact_id (follow_up));

  log = g_new0 (LogData, 1);
  log->actions = g_object_ref (self);
  log->follow_up = rapport_follow_up_copy (follow_up);
  g_set_weak_pointer (&log->overlay, find_overlay (widget));
  g_signal_connect_data (dialog, "saved", G_CALLBACK (logged_cb), log, log_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

void
rapport_follow_up_actions_trash (RapportFollowUpActions *self,
                                 RapportFollowUp        *follow_up,
                                 GtkWidget              *widget)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (RAPPORT_IS_FOLLOW_UP_ACTIONS (self));
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (follow_up));

  if (!rapport_store_trash_follow_up (get_database (self), rapport_follow_up_get_id (follow_up), &error))
    {
      show_error (widget, error);
      return;
    }

  add_toast (self, widget, follow_up, TOAST_UNDO_TRASH);
}

void
rapport_follow_up_actions_open_customer (RapportFollowUpActions *self,
                                         RapportFollowUp        *follow_up)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP_ACTIONS (self));
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (follow_up));

  g_signal_emit (self, signals[OPEN_CUSTOMER], 0,
                 rapport_follow_up_get_customer_id (follow_up), rapport_follow_up_get_id (follow_up));
}

void
rapport_follow_up_actions_offer_complete (RapportFollowUpActions *self,
                                          gint64                  customer_id,
                                          gint64                  except_id,
                                          GtkWidget              *widget)
{
  g_autoptr (GListModel) open = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (RAPPORT_IS_FOLLOW_UP_ACTIONS (self));

  open = rapport_store_list_follow_ups (get_database (self), customer_id, TRUE, &error);
  if (open == NULL)
    {
      g_debug ("No follow-up to offer: %s", error->message);
      return;
    }

  /* The list is by due time: the first is the earliest. */
  for (guint i = 0; i < g_list_model_get_n_items (open); i++)
    {
      g_autoptr (RapportFollowUp) follow_up = g_list_model_get_item (open, i);

      if (rapport_follow_up_get_id (follow_up) == except_id)
        continue;

      add_toast (self, widget, follow_up, TOAST_OFFER_COMPLETE);
      return;
    }
}
