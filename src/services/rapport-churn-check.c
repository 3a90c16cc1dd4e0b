/* rapport-churn-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-churn-check"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-churn.h"
#include "rapport-churn-check.h"
#include "rapport-daily-job-private.h"
#include "rapport-session.h"

/* Customers named in the notification's body. */
#define MAX_NAMED 3

struct _RapportChurnCheck
{
  GObject         parent_instance;

  RapportDailyJob job;
};

G_DEFINE_FINAL_TYPE (RapportChurnCheck, rapport_churn_check, G_TYPE_OBJECT)

enum
{
  CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The scheduler job */

static gint64
next_cb (gpointer user_data)
{
  RapportChurnCheck *self = user_data;

  return _rapport_daily_job_get_next (&self->job);
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
  _rapport_daily_job_leave_thread (&self->job);
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

  became = g_task_propagate_pointer (G_TASK (result), &error);
  self->job.running = FALSE;

  if (self->job.scheduler == NULL)
    return;

  if (became == NULL)
    {
      g_warning ("The daily churn check failed: %s", error->message);
      _rapport_daily_job_retry_later (&self->job);
      _rapport_daily_job_reschedule (&self->job);
      return;
    }

  _rapport_daily_job_ran (&self->job, check->day);

  if (became->len > 0)
    {
      g_autofree char *title = rapport_churn_check_format_title (became);
      g_autofree char *body = rapport_churn_check_format_body (became, check->rules, check->now);

      _rapport_daily_job_notify (&self->job, "churn", title, body, "at-risk");
    }

  g_signal_emit (self, signals[CHECKED], 0, became);
  _rapport_daily_job_reschedule (&self->job);
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

  if (self->job.running)
    return;

  check = g_new0 (Check, 1);
  check->worker = rapport_session_open_worker (self->job.session, &error);
  if (check->worker == NULL)
    {
      g_warning ("The daily churn check has no worker connection: %s", error->message);
      check_free (check);
      _rapport_daily_job_retry_later (&self->job);
      return;
    }
  check->rules = rapport_session_dup_churn_rules (self->job.session);
  check->now = now;
  check->day = _rapport_daily_job_local_day (now);

  self->job.running = TRUE;
  task = g_task_new (self, self->job.cancellable, checked_cb, NULL);
  g_task_set_source_tag (task, run_cb);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  _rapport_daily_job_run_in_thread (&self->job, task, check_thread);
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

  _rapport_daily_job_clear (&self->job);

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
  _rapport_daily_job_init (&self->job, RAPPORT_CHURN_CHECK_STATE, RAPPORT_CHURN_CHECK_HOUR);
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
  _rapport_daily_job_attach (&self->job, session);

  /* A read-only file cannot record the check, and sample data's customers
   * are made up: no daily summary from either (the At Risk page still lists
   * them). */
  if (!rapport_database_is_read_only (self->job.db) && !rapport_session_get_is_demo (session))
    _rapport_daily_job_schedule (&self->job, "churn-check", next_cb, run_cb, self);

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
  g_return_val_if_fail (RAPPORT_IS_CHURN_CHECK (self), 0);

  return _rapport_daily_job_get_next (&self->job);
}

gboolean
rapport_churn_check_is_running (RapportChurnCheck *self)
{
  g_return_val_if_fail (RAPPORT_IS_CHURN_CHECK (self), FALSE);

  return self->job.running;
}

void
rapport_churn_check_stop (RapportChurnCheck *self)
{
  g_return_if_fail (RAPPORT_IS_CHURN_CHECK (self));

  _rapport_daily_job_stop (&self->job);
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
