/* rapport-churn-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-churn-check"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-churn.h"
#include "rapport-churn-check.h"
#include "rapport-session.h"

/* After a failed check (the disk full, the file locked), the next try. */
#define RETRY_SECONDS 3600
/* Customers named in the notification's body. */
#define MAX_NAMED 3

struct _RapportChurnCheck
{
  GObject           parent_instance;

  RapportSession   *session;       /* unowned: it owns the check */
  RapportDatabase  *db;            /* the session's */
  RapportScheduler *scheduler;     /* the session's */
  guint             job_id;
  GCancellable     *cancellable;
  gint64            last_day;      /* local day number of the last check; -1 unread */
  gint64            retry_at;      /* after a failure, 0 otherwise */
  gboolean          running;       /* from the run to its result, main thread */

  /* The worker thread's part: stop waits for it, so no connection to the
   * file outlives the session. */
  GMutex            lock;
  GCond             thread_done;
  gboolean          in_thread;
};

G_DEFINE_FINAL_TYPE (RapportChurnCheck, rapport_churn_check, G_TYPE_OBJECT)

enum
{
  CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static gint64
local_day (gint64 when)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (when);
  gint32 day = 0;
  char ymd[11];

  g_snprintf (ymd, sizeof ymd, "%04d-%02d-%02d",
              g_date_time_get_year (local), g_date_time_get_month (local),
              g_date_time_get_day_of_month (local));
  rapport_churn_parse_day (ymd, &day);

  return day;
}

/* RAPPORT_CHURN_CHECK_HOUR local time on the local date of @when, plus
 * @days_later days. */
static gint64
check_time (gint64 when,
            int    days_later)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (when);
  g_autoptr (GDateTime) day = g_date_time_add_days (local, days_later);
  g_autoptr (GDateTime) at = g_date_time_new_local (g_date_time_get_year (day),
                                                    g_date_time_get_month (day),
                                                    g_date_time_get_day_of_month (day),
                                                    RAPPORT_CHURN_CHECK_HOUR, 0, 0);

  return g_date_time_to_unix (at);
}

static gint64
clock_now (RapportChurnCheck *self)
{
  return rapport_clock_now (rapport_scheduler_get_clock (self->scheduler));
}

/* The scheduler job */

static gint64
next_cb (gpointer user_data)
{
  RapportChurnCheck *self = user_data;

  return rapport_churn_check_get_next (self);
}

typedef struct
{
  RapportDatabase   *worker;
  RapportChurnRules *rules;
  gint64             now;
  gint64             day;
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->worker);
  g_clear_pointer (&check->rules, rapport_churn_rules_free);
  g_free (check);
}

typedef struct
{
  Check     *check;
  GPtrArray *at_risk;
  GArray    *new_ids;
} Record;

static gboolean
record_in_transaction (RapportDatabase  *db,
                       gpointer          user_data,
                       GError          **error)
{
  Record *record = user_data;

  return rapport_store_record_at_risk (db, record->at_risk, record->check->now, &record->new_ids, error) &&
         rapport_store_set_schedule_state (db, RAPPORT_CHURN_CHECK_STATE, record->check->day, error);
}

static void check_thread_body (GTask        *task,
                               Check        *check,
                               GCancellable *cancellable);

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RapportChurnCheck *self = source_object;
  Check *check = task_data;

  check_thread_body (task, check, cancellable);
  g_clear_object (&check->worker);

  g_mutex_lock (&self->lock);
  self->in_thread = FALSE;
  g_cond_broadcast (&self->thread_done);
  g_mutex_unlock (&self->lock);
}

static void
check_thread_body (GTask        *task,
                   Check        *check,
                   GCancellable *cancellable)
{
  g_autoptr (GPtrArray) at_risk = NULL;
  g_autoptr (GArray) new_ids = NULL;
  g_autoptr (GHashTable) is_new = NULL;
  GPtrArray *became = NULL;
  GError *error = NULL;
  Record record = { check, NULL, NULL };

  at_risk = rapport_store_compute_at_risk (check->worker, check->rules, check->now, &error);
  if (at_risk == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The set and the day it was recorded on, together: a crash cannot leave
   * one without the other (announce twice, or never). */
  record.at_risk = at_risk;
  if (!rapport_database_run_in_transaction (check->worker, record_in_transaction, &record, &error))
    {
      g_clear_pointer (&record.new_ids, g_array_unref);
      g_task_return_error (task, error);
      return;
    }
  new_ids = record.new_ids;

  is_new = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < new_ids->len; i++)
    g_hash_table_add (is_new, &g_array_index (new_ids, gint64, i));

  became = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_at_risk_free);
  for (guint i = 0; i < at_risk->len; i++)
    {
      RapportAtRisk *item = g_ptr_array_index (at_risk, i);

      if (g_hash_table_contains (is_new, &item->customer_id))
        g_ptr_array_add (became, g_steal_pointer (&at_risk->pdata[i]));
    }

  g_task_return_pointer (task, became, (GDestroyNotify) g_ptr_array_unref);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RapportChurnCheck *self = RAPPORT_CHURN_CHECK (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) became = NULL;
  Check *check = g_task_get_task_data (G_TASK (result));
  RapportReminders *reminders;

  became = g_task_propagate_pointer (G_TASK (result), &error);
  self->running = FALSE;

  if (self->scheduler == NULL)
    return;

  if (became == NULL)
    {
      g_warning ("The daily churn check failed: %s", error->message);
      self->retry_at = clock_now (self) + RETRY_SECONDS;
      rapport_scheduler_reschedule (self->scheduler);
      return;
    }

  self->last_day = check->day;
  self->retry_at = 0;

  reminders = rapport_session_get_reminders (self->session);
  if (became->len > 0 && reminders != NULL)
    {
      g_autofree char *title = rapport_churn_check_format_title (became);
      g_autofree char *body = rapport_churn_check_format_body (became, check->rules, check->now);

      rapport_reminders_show_summary (reminders, "churn", title, body, "at-risk");
    }

  g_signal_emit (self, signals[CHECKED], 0, became);
  rapport_scheduler_reschedule (self->scheduler);
}

static void
run_cb (RapportScheduler *scheduler,
        gint64            now,
        gpointer          user_data)
{
  RapportChurnCheck *self = user_data;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  Check *check;

  if (self->running)
    return;

  check = g_new0 (Check, 1);
  check->worker = rapport_session_open_worker (self->session, &error);
  if (check->worker == NULL)
    {
      g_warning ("The daily churn check has no worker connection: %s", error->message);
      check_free (check);
      self->retry_at = now + RETRY_SECONDS;
      return;
    }
  check->rules = rapport_session_dup_churn_rules (self->session);
  check->now = now;
  check->day = local_day (now);

  self->running = TRUE;
  self->in_thread = TRUE;
  task = g_task_new (self, self->cancellable, checked_cb, NULL);
  g_task_set_source_tag (task, run_cb);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_run_in_thread (task, check_thread);
}

/* GObject */

static void
rapport_churn_check_dispose (GObject *object)
{
  RapportChurnCheck *self = RAPPORT_CHURN_CHECK (object);

  rapport_churn_check_stop (self);

  G_OBJECT_CLASS (rapport_churn_check_parent_class)->dispose (object);
}

static void
rapport_churn_check_finalize (GObject *object)
{
  RapportChurnCheck *self = RAPPORT_CHURN_CHECK (object);

  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->thread_done);

  G_OBJECT_CLASS (rapport_churn_check_parent_class)->finalize (object);
}

static void
rapport_churn_check_class_init (RapportChurnCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_churn_check_dispose;
  object_class->finalize = rapport_churn_check_finalize;

  signals[CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
rapport_churn_check_init (RapportChurnCheck *self)
{
  self->cancellable = g_cancellable_new ();
  self->last_day = -1;
  g_mutex_init (&self->lock);
  g_cond_init (&self->thread_done);
}

/* Public API */

RapportChurnCheck *
rapport_churn_check_new (RapportSession *session)
{
  RapportChurnCheck *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);
  g_return_val_if_fail (rapport_session_get_scheduler (session) != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_CHURN_CHECK, NULL);
  self->session = session;
  self->db = rapport_session_get_database (session);
  self->scheduler = rapport_session_get_scheduler (session);

  /* A read-only file cannot record the check, and sample data's customers
   * are made up: no daily summary from either (the At Risk page still lists
   * them). */
  if (!rapport_database_is_read_only (self->db) && !rapport_session_get_is_demo (session))
    self->job_id = rapport_scheduler_add_job (self->scheduler, "churn-check", next_cb, run_cb, self, NULL);

  return self;
}

/**
 * rapport_churn_check_get_next:
 *
 * Returns: the UTC time of the next check (at or before now when one is due),
 *   0 while one runs or after stop
 */
gint64
rapport_churn_check_get_next (RapportChurnCheck *self)
{
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_CHURN_CHECK (self), 0);

  if (self->running || self->scheduler == NULL || self->job_id == 0)
    return 0;

  now = clock_now (self);
  if (self->retry_at > 0)
    return self->retry_at;

  if (self->last_day < 0)
    self->last_day = rapport_store_get_schedule_state (self->db, RAPPORT_CHURN_CHECK_STATE);

  /* Today's check has run (or the clock went back to an earlier day):
   * tomorrow morning. Otherwise this morning's, now if it is past. */
  if (self->last_day >= local_day (now))
    return check_time (now, 1);

  return check_time (now, 0);
}

gboolean
rapport_churn_check_is_running (RapportChurnCheck *self)
{
  g_return_val_if_fail (RAPPORT_IS_CHURN_CHECK (self), FALSE);

  return self->running;
}

void
rapport_churn_check_stop (RapportChurnCheck *self)
{
  g_return_if_fail (RAPPORT_IS_CHURN_CHECK (self));

  g_cancellable_cancel (self->cancellable);

  /* A check on its worker finishes its transaction (at most the time of one
   * list) and lets go of the file. */
  g_mutex_lock (&self->lock);
  while (self->in_thread)
    g_cond_wait (&self->thread_done, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->scheduler != NULL && self->job_id != 0)
    rapport_scheduler_remove_job (self->scheduler, self->job_id);
  self->job_id = 0;
  self->scheduler = NULL;
  self->db = NULL;
  self->session = NULL;
}

char *
rapport_churn_check_format_title (GPtrArray *became_at_risk)
{
  guint n;

  g_return_val_if_fail (became_at_risk != NULL, NULL);

  n = became_at_risk->len;
  if (n == 1)
    {
      const RapportAtRisk *item = g_ptr_array_index (became_at_risk, 0);

      /* Translators: a notification's title; %s is a customer's name */
      return g_strdup_printf (_("%s is at risk"), item->name);
    }

  /* Translators: a notification's title */
  return g_strdup_printf (ngettext ("%u customer is at risk", "%u customers are at risk", n), n);
}

char *
rapport_churn_check_format_body (GPtrArray               *became_at_risk,
                                 const RapportChurnRules *rules,
                                 gint64                   now)
{
  const char *names[MAX_NAMED] = { NULL, };
  guint n;

  g_return_val_if_fail (became_at_risk != NULL, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  n = became_at_risk->len;
  for (guint i = 0; i < MIN (n, MAX_NAMED); i++)
    names[i] = ((const RapportAtRisk *) g_ptr_array_index (became_at_risk, i))->name;

  switch (n)
    {
    case 0:
      return NULL;

    case 1:
      {
        const RapportAtRisk *item = g_ptr_array_index (became_at_risk, 0);

        /* One customer: why, as the At Risk page says it. */
        return rapport_churn_describe (item->tier, rules->threshold_days[item->tier],
                                       item->last_activity_at, item->last_order_at,
                                       item->typical_gap_days, now);
      }

    case 2:
      /* Translators: customers' names in a notification */
      return g_strdup_printf (_("%s and %s"), names[0], names[1]);

    case 3:
      /* Translators: customers' names in a notification */
      return g_strdup_printf (_("%s, %s and %s"), names[0], names[1], names[2]);

    default:
      /* Translators: customers' names in a notification, then how many more */
      return g_strdup_printf (ngettext ("%s, %s, %s and %u more", "%s, %s, %s and %u more", n - MAX_NAMED),
                              names[0], names[1], names[2], n - MAX_NAMED);
    }
}
