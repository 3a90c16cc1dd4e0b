/* rapport-reminders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-reminders"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "rapport-change-bus.h"
#include "rapport-due-preset.h"
#include "rapport-reminders.h"
#include "rapport-store.h"

/* More fresh reminders than this at once make one summary, not bubbles. */
#define MAX_BUBBLES 3
/* Names a summary lists before "…". */
#define MAX_NAMES 3
#define SUMMARY_KEY_DUE "due-follow-ups"

/* A reminder's notification on screen. */
typedef struct
{
  RapportReminders   *reminders;
  NotifyNotification *notification;
  gint64              follow_up_id;
  gint64              customer_id;
  gint64              revision;
} Shown;

struct _RapportReminders
{
  GObject           parent_instance;

  RapportDatabase  *db;
  RapportScheduler *scheduler;
  guint             job_id;
  gboolean          first_take_pending;
  guint             catch_up_days;
  char             *notice;

  GHashTable       *shown;       /* follow-up id (gint64 *) → Shown */
  GHashTable       *summaries;   /* key → NotifyNotification */
};

G_DEFINE_FINAL_TYPE (RapportReminders, rapport_reminders, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_FOLLOW_UP,
  OPEN_PAGE,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Failures: said once */

static void
report_failure (RapportReminders *self,
                const GError     *error)
{
  const char *message;

  g_debug ("Could not show a notification: %s", error->message);

  if (self->notice != NULL)
    return;

  /* No server on the bus, or no session bus at all. */
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      error->domain == G_IO_ERROR)
    message = _("Reminders cannot be shown: there is no notification service. Due follow-ups are on the Today page.");
  else
    message = _("Reminders cannot be shown: the notification service failed. Due follow-ups are on the Today page.");

  self->notice = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
  g_signal_emit (self, signals[NOTICE], 0, message);
}

static gboolean
show (RapportReminders   *self,
      NotifyNotification *notification)
{
  g_autoptr (GError) error = NULL;

  if (notify_notification_show (notification, &error))
    return TRUE;

  report_failure (self, error);
  return FALSE;
}

/* libnotify calls an action's callback without holding the notification:
 * one that closes it keeps it until the main loop is back. */
static gboolean
unref_later_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
keep_until_idle (NotifyNotification *notification)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, unref_later_cb, g_object_ref (notification), NULL);
}

/* Reminders on screen */

static void
shown_free (gpointer data)
{
  Shown *shown = data;

  g_signal_handlers_disconnect_by_data (shown->notification, shown);
  notify_notification_clear_actions (shown->notification);
  g_object_unref (shown->notification);
  g_free (shown);
}

/* Takes the reminder of @follow_up_id off the screen. */
static void
close_reminder (RapportReminders *self,
                gint64            follow_up_id)
{
  Shown *shown = g_hash_table_lookup (self->shown, &follow_up_id);
  g_autoptr (GError) error = NULL;

  if (shown == NULL)
    return;

  if (!notify_notification_close (shown->notification, &error))
    g_debug ("Could not close the reminder of follow-up %" G_GINT64_FORMAT ": %s",
             follow_up_id, error->message);
  g_hash_table_remove (self->shown, &follow_up_id);
}

static void
close_customer_reminders (RapportReminders *self,
                          gint64            customer_id)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  Shown *shown;

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &shown))
    if (shown->customer_id == customer_id)
      g_array_append_val (ids, shown->follow_up_id);

  for (guint i = 0; i < ids->len; i++)
    close_reminder (self, g_array_index (ids, gint64, i));
}

static void
reminder_closed_cb (NotifyNotification *notification,
                    Shown              *shown)
{
  /* Dismissed: nothing to close any more. */
  g_hash_table_remove (shown->reminders->shown, &shown->follow_up_id);
}

static void
act_on_reminder (RapportReminders *self,
                 const char       *action,
                 gint64            follow_up_id,
                 gint64            customer_id,
                 gint64            revision)
{
  RapportClock *clock = rapport_scheduler_get_clock (self->scheduler);
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;

  if (g_str_equal (action, "snooze"))
    {
      g_autoptr (GDateTime) now = rapport_clock_now_local (clock);

      ok = rapport_store_snooze_follow_up (self->db, follow_up_id,
                                           rapport_snooze_until (RAPPORT_SNOOZE_ONE_HOUR, now),
                                           revision, &error);
    }
  else if (g_str_equal (action, "done"))
    {
      gint64 next_id = 0;

      ok = rapport_store_complete_follow_up (self->db, follow_up_id, rapport_clock_now (clock),
                                             RAPPORT_RECUR_FROM_DUE, revision, &next_id, &error);
    }
  else
    {
      g_signal_emit (self, signals[OPEN_FOLLOW_UP], 0, customer_id, follow_up_id);
      return;
    }

  if (ok)
    {
      rapport_scheduler_reschedule (self->scheduler);
      return;
    }

  /* Edited, done or trashed since it was shown: undo nothing, show the
   * follow-up as it is now. */
  g_debug ("“%s” on follow-up %" G_GINT64_FORMAT " refused: %s", action, follow_up_id, error->message);
  if (!g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT))
    g_warning ("Could not act on the reminder of follow-up %" G_GINT64_FORMAT ": %s",
               follow_up_id, error->message);
  g_signal_emit (self, signals[OPEN_FOLLOW_UP], 0, customer_id, follow_up_id);
}

static void
reminder_action_cb (NotifyNotification *notification,
                    char               *action,
                    gpointer            user_data)
{
  Shown *shown = user_data;
  g_autoptr (RapportReminders) self = g_object_ref (shown->reminders);
  gint64 follow_up_id = shown->follow_up_id;
  gint64 customer_id = shown->customer_id;
  gint64 revision = shown->revision;

  keep_until_idle (notification);
  close_reminder (self, follow_up_id);
  act_on_reminder (self, action, follow_up_id, customer_id, revision);
}

static char *
describe_due (RapportFollowUp *follow_up,
              gint64           now)
{
  g_autoptr (GDateTime) due = g_date_time_new_from_unix_local (rapport_follow_up_get_due_at (follow_up));
  g_autoptr (GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autofree char *when = NULL;

  if (due == NULL || today == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (due) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (due) == g_date_time_get_day_of_year (today))
    /* Translators: a time of day, strftime format */
    when = g_date_time_format (due, C_("reminder due time", "%H:%M"));
  else
    /* Translators: a date and a time of day, strftime format */
    when = g_date_time_format (due, C_("reminder due date", "%b %-d, %H:%M"));

  /* Translators: %s is "14:00" or "Mar 2, 14:00" */
  return g_strdup_printf (_("Due %s"), when);
}

static char *
get_customer_name (RapportReminders *self,
                   RapportFollowUp  *follow_up)
{
  g_autoptr (RapportCustomer) customer = NULL;
  const char *name = rapport_follow_up_get_customer_name (follow_up);

  if (name != NULL && name[0] != '\0')
    return g_strdup (name);

  customer = rapport_store_get_customer (self->db, rapport_follow_up_get_customer_id (follow_up), NULL);
  if (customer != NULL && rapport_customer_get_name (customer) != NULL)
    return g_strdup (rapport_customer_get_name (customer));

  return g_strdup (_("Follow-up"));
}

static void
show_reminder (RapportReminders *self,
               RapportFollowUp  *follow_up,
               gint64            now)
{
  g_autofree char *name = get_customer_name (self, follow_up);
  g_autofree char *due = describe_due (follow_up, now);
  g_autofree char *title = g_markup_escape_text (rapport_follow_up_get_title (follow_up) != NULL
                                                   ? rapport_follow_up_get_title (follow_up) : "", -1);
  g_autofree char *body = g_strdup_printf ("%s\n%s", title, due);
  Shown *shown = g_new0 (Shown, 1);

  shown->reminders = self;
  shown->follow_up_id = rapport_follow_up_get_id (follow_up);
  shown->customer_id = rapport_follow_up_get_customer_id (follow_up);
  shown->revision = rapport_follow_up_get_revision (follow_up);
  shown->notification = notify_notification_new (name, body, APPLICATION_ID);
  notify_notification_set_hint_string (shown->notification, "desktop-entry", APPLICATION_ID);
  notify_notification_set_category (shown->notification, "x-rapport.reminder");
  notify_notification_add_action (shown->notification, "default", _("Open"), reminder_action_cb, shown, NULL);
  notify_notification_add_action (shown->notification, "open", _("Open"), reminder_action_cb, shown, NULL);
  notify_notification_add_action (shown->notification, "snooze", _("Snooze"), reminder_action_cb, shown, NULL);
  notify_notification_add_action (shown->notification, "done", _("Done"), reminder_action_cb, shown, NULL);
  g_signal_connect (shown->notification, "closed", G_CALLBACK (reminder_closed_cb), shown);

  /* The same follow-up's earlier bubble (snoozed and back) gives way. */
  close_reminder (self, shown->follow_up_id);

  if (!show (self, shown->notification))
    {
      shown_free (shown);
      return;
    }

  g_hash_table_replace (self->shown, &shown->follow_up_id, shown);
}

static void
show_many (RapportReminders *self,
           GPtrArray        *fresh,
           gboolean          missed)
{
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (missed)
    title = g_strdup_printf (ngettext ("%d follow-up was due while Rapport was closed",
                                       "%d follow-ups were due while Rapport was closed",
                                       fresh->len),
                             (int) fresh->len);
  else
    title = g_strdup_printf (ngettext ("%d follow-up is due", "%d follow-ups are due", fresh->len),
                             (int) fresh->len);

  for (guint i = 0; i < fresh->len && i < MAX_NAMES; i++)
    {
      g_autofree char *name = get_customer_name (self, g_ptr_array_index (fresh, i));

      if (i > 0)
        /* Translators: separates customer names in a list */
        g_string_append (names, _(", "));
      g_string_append (names, name);
    }
  if (fresh->len > MAX_NAMES)
    g_string_append (names, "…");

  rapport_reminders_show_summary (self, SUMMARY_KEY_DUE, title, names->str, "today");
}

/* The scheduler's job */

static gint64
job_next (gpointer user_data)
{
  RapportReminders *self = user_data;
  g_autoptr (GError) error = NULL;
  gint64 next;

  /* The first look after the session opened: whatever fell due meanwhile. */
  if (self->first_take_pending)
    return MAX (rapport_clock_now (rapport_scheduler_get_clock (self->scheduler)), 1);

  next = rapport_store_get_next_reminder_at (self->db, &error);
  if (error != NULL)
    g_debug ("Could not find the next reminder: %s", error->message);

  return next;
}

static void
job_run (RapportScheduler *scheduler,
         gint64            now,
         gpointer          user_data)
{
  RapportReminders *self = user_data;
  g_autoptr (GPtrArray) fresh = NULL;
  g_autoptr (GError) error = NULL;
  gboolean missed = self->first_take_pending;
  guint n_stale = 0;

  self->first_take_pending = FALSE;

  if (!rapport_store_take_due_reminders (self->db, now, now - (gint64) self->catch_up_days * 86400,
                                         &fresh, &n_stale, &error))
    {
      g_warning ("Could not take the due reminders: %s", error->message);
      return;
    }

  g_debug ("%u reminders due, %u too old to announce%s", fresh->len, n_stale,
           missed ? ", at start" : "");

  if (fresh->len == 0)
    return;

  /* At start, several that fell due while Rapport was not running make one
   * summary; a single one is an ordinary reminder. */
  if ((missed && fresh->len > 1) || fresh->len > MAX_BUBBLES)
    {
      show_many (self, fresh, missed);
      return;
    }

  for (guint i = 0; i < fresh->len; i++)
    show_reminder (self, g_ptr_array_index (fresh, i), now);
}

static void
changes_cb (RapportReminders *self,
            GArray           *changes)
{
  gboolean reschedule = FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      if (change->kind == RAPPORT_ENTITY_KIND_FOLLOW_UP)
        {
          reschedule = TRUE;
          /* Edited, done, snoozed or trashed: its bubble is out of date. */
          if (change->change == RAPPORT_CHANGE_UPDATED ||
              change->change == RAPPORT_CHANGE_TRASHED ||
              change->change == RAPPORT_CHANGE_DELETED)
            close_reminder (self, change->id);
        }
      else if (change->kind == RAPPORT_ENTITY_KIND_CUSTOMER)
        {
          if (change->change == RAPPORT_CHANGE_TRASHED || change->change == RAPPORT_CHANGE_DELETED)
            close_customer_reminders (self, change->id);
          if (change->change != RAPPORT_CHANGE_UPDATED && change->change != RAPPORT_CHANGE_INSERTED)
            reschedule = TRUE;
        }
    }

  if (reschedule && self->job_id != 0)
    rapport_scheduler_reschedule (self->scheduler);
}

/* Summaries */

static void
summary_action_cb (NotifyNotification *notification,
                   char               *action,
                   gpointer            user_data)
{
  g_autoptr (RapportReminders) self = g_object_ref (user_data);
  g_autofree char *page = g_strdup (g_object_get_data (G_OBJECT (notification), "rapport-page"));

  keep_until_idle (notification);
  g_signal_emit (self, signals[OPEN_PAGE], 0, page);
}

static void
summary_free (gpointer data)
{
  NotifyNotification *notification = data;

  notify_notification_clear_actions (notification);
  g_object_unref (notification);
}

/* GObject */

static void
rapport_reminders_dispose (GObject *object)
{
  RapportReminders *self = RAPPORT_REMINDERS (object);

  rapport_reminders_stop (self);

  G_OBJECT_CLASS (rapport_reminders_parent_class)->dispose (object);
}

static void
rapport_reminders_finalize (GObject *object)
{
  RapportReminders *self = RAPPORT_REMINDERS (object);

  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->summaries, g_hash_table_unref);
  g_clear_pointer (&self->notice, g_free);

  G_OBJECT_CLASS (rapport_reminders_parent_class)->finalize (object);
}

static void
rapport_reminders_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RapportReminders *self = RAPPORT_REMINDERS (object);

  switch (prop_id)
    {
    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reminders_class_init (RapportRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_reminders_dispose;
  object_class->finalize = rapport_reminders_finalize;
  object_class->get_property = rapport_reminders_get_property;

  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportReminders::open-follow-up:
   * @customer_id: the follow-up's customer
   * @follow_up_id: the follow-up
   *
   * The user chose Open on a reminder, or acted on one that changed since it
   * was shown (the action was refused).
   */
  signals[OPEN_FOLLOW_UP] =
    g_signal_new ("open-follow-up",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_INT64, G_TYPE_INT64);

  /**
   * RapportReminders::open-page:
   * @page: "today" or "at-risk"
   *
   * The user opened a summary notification.
   */
  signals[OPEN_PAGE] =
    g_signal_new ("open-page",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING);

  /**
   * RapportReminders::notice:
   * @message: translated, for the user
   *
   * Notifications cannot be shown. Emitted once.
   */
  signals[NOTICE] =
    g_signal_new ("notice",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING);
}

static void
rapport_reminders_init (RapportReminders *self)
{
  self->catch_up_days = RAPPORT_REMINDERS_DEFAULT_CATCH_UP_DAYS;
  self->shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, shown_free);
  self->summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, summary_free);
}

/* Public API */

/**
 * rapport_reminders_new:
 * @db: the session's main connection
 * @scheduler: the session's scheduler
 *
 * Returns: (transfer full): the reminders of @db, a job on @scheduler unless
 *   @db is read-only
 */
RapportReminders *
rapport_reminders_new (RapportDatabase  *db,
                       RapportScheduler *scheduler)
{
  RapportReminders *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (RAPPORT_IS_SCHEDULER (scheduler), NULL);

  if (!notify_is_initted ())
    notify_init ("Rapport");

  self = g_object_new (RAPPORT_TYPE_REMINDERS, NULL);
  self->db = g_object_ref (db);
  self->scheduler = g_object_ref (scheduler);

  if (!rapport_database_is_read_only (db))
    {
      self->first_take_pending = TRUE;
      g_signal_connect_object (rapport_database_get_change_bus (db), "changed",
                               G_CALLBACK (changes_cb), self, G_CONNECT_SWAPPED);
      self->job_id = rapport_scheduler_add_job (scheduler, "reminders", job_next, job_run, self, NULL);
    }

  return self;
}

void
rapport_reminders_set_catch_up_days (RapportReminders *self,
                                     guint             days)
{
  g_return_if_fail (RAPPORT_IS_REMINDERS (self));

  self->catch_up_days = days;
}

guint
rapport_reminders_get_catch_up_days (RapportReminders *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), RAPPORT_REMINDERS_DEFAULT_CATCH_UP_DAYS);

  return self->catch_up_days;
}

/**
 * rapport_reminders_show_summary:
 * @key: one notification per key ("churn", say): a new one replaces it
 * @title: the notification's summary line
 * @body: (nullable): plain text
 * @page: what "open-page" names when the user opens it: "today", "at-risk"
 */
void
rapport_reminders_show_summary (RapportReminders *self,
                                const char       *key,
                                const char       *title,
                                const char       *body,
                                const char       *page)
{
  g_autofree char *escaped = NULL;
  NotifyNotification *notification;

  g_return_if_fail (RAPPORT_IS_REMINDERS (self));
  g_return_if_fail (key != NULL && title != NULL && page != NULL);

  if (body != NULL)
    escaped = g_markup_escape_text (body, -1);

  notification = g_hash_table_lookup (self->summaries, key);
  if (notification != NULL)
    {
      notify_notification_update (notification, title, escaped, APPLICATION_ID);
    }
  else
    {
      notification = notify_notification_new (title, escaped, APPLICATION_ID);
      notify_notification_set_hint_string (notification, "desktop-entry", APPLICATION_ID);
      notify_notification_add_action (notification, "default", _("Open"), summary_action_cb, self, NULL);
      g_hash_table_insert (self->summaries, g_strdup (key), notification);
    }
  g_object_set_data_full (G_OBJECT (notification), "rapport-page", g_strdup (page), g_free);

  show (self, notification);
}

const char *
rapport_reminders_get_notice (RapportReminders *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), NULL);

  return self->notice;
}

void
rapport_reminders_stop (RapportReminders *self)
{
  GHashTableIter iter;
  Shown *shown;

  g_return_if_fail (RAPPORT_IS_REMINDERS (self));

  if (self->db != NULL)
    g_signal_handlers_disconnect_by_data (rapport_database_get_change_bus (self->db), self);
  if (self->job_id != 0)
    rapport_scheduler_remove_job (self->scheduler, self->job_id);
  self->job_id = 0;

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &shown))
    notify_notification_close (shown->notification, NULL);
  g_hash_table_remove_all (self->shown);
  g_hash_table_remove_all (self->summaries);

  g_clear_object (&self->scheduler);
  g_clear_object (&self->db);
}
