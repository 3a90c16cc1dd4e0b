/* rapport-tier-recompute.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-tier-recompute"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-daily-job-private.h"
#include "rapport-date.h"
#include "rapport-session.h"
#include "rapport-tier-recompute.h"

/* Customers named per direction in the notification's body. */
#define MAX_NAMED 3

typedef enum
{
  RUN_DAILY,      /* records the day, notifies */
  RUN_RULES,      /* the rules changed: quietly */
  RUN_ASKED,      /* rapport_tier_recompute_run_async */
} RunKind;

struct _RapportTierRecompute
{
  GObject         parent_instance;

  RapportDailyJob job;             /* its running: a daily or rules run */
  gulong          rules_handler;
  gboolean        rules_dirty;     /* the rules changed since the last run started */
  guint           n_asked;         /* runs asked for, on their workers */

  /* One run at a time writes: a second (Recompute Now during the daily
   * run) waits for the first instead of for SQLite's busy timeout. */
  GMutex          run_lock;
};

G_DEFINE_FINAL_TYPE (RapportTierRecompute, rapport_tier_recompute, G_TYPE_OBJECT)

enum
{
  RECOMPUTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A run on a worker */

typedef struct
{
  RunKind           kind;
  RapportDatabase  *worker;
  RapportTierRules *rules;
  char             *currency;
  char             *today;
  gint64            day;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->worker);
  g_clear_pointer (&run->rules, rapport_tier_rules_free);
  g_free (run->currency);
  g_free (run->today);
  g_free (run);
}

typedef struct
{
  RapportTierRun *run;
  GHashTable     *names;   /* customer id (gint64 *) → name, those the notification names */
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->run, rapport_tier_run_free);
  g_clear_pointer (&outcome->names, g_hash_table_unref);
  g_free (outcome);
}

typedef struct
{
  Run            *run;
  GCancellable   *cancellable;
  RapportTierRun *result;
} Daily;

static gboolean
daily_in_transaction (RapportDatabase  *db,
                      gpointer          user_data,
                      GError          **error)
{
  Daily *daily = user_data;

  /* The tiers and the day they were computed on, together: a crash cannot
   * leave one without the other (notify twice, or never). */
  daily->result = rapport_store_recompute_tiers (db, daily->run->rules, daily->run->currency, daily->run->today,
                                                 daily->cancellable, error);

  return daily->result != NULL &&
         rapport_store_set_schedule_state (db, RAPPORT_TIER_RECOMPUTE_STATE, daily->run->day, error);
}

static void
add_names (RapportDatabase *worker,
           GPtrArray       *moves,
           GHashTable      *names)
{
  for (guint i = 0; i < MIN (moves->len, MAX_NAMED); i++)
    {
      RapportTierChange *change = g_ptr_array_index (moves, i);
      g_autoptr (RapportCustomer) customer = rapport_store_get_customer (worker, change->customer_id, NULL);

      if (customer != NULL)
        g_hash_table_insert (names, g_memdup2 (&change->customer_id, sizeof (gint64)),
                             g_strdup (rapport_customer_get_name (customer)));
    }
}

static void
run_thread_body (GTask        *task,
                 Run          *run,
                 GCancellable *cancellable)
{
  Outcome *outcome;
  GError *error = NULL;
  RapportTierRun *result;

  if (run->kind == RUN_DAILY)
    {
      Daily daily = { run, cancellable, NULL };

      if (!rapport_database_run_in_transaction (run->worker, daily_in_transaction, &daily, &error))
        {
          g_clear_pointer (&daily.result, rapport_tier_run_free);
          g_task_return_error (task, error);
          return;
        }
      result = daily.result;
    }
  else
    {
      result = rapport_store_recompute_tiers (run->worker, run->rules, run->currency, run->today, cancellable, &error);
      if (result == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  outcome = g_new0 (Outcome, 1);
  outcome->run = result;
  outcome->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (run->kind == RUN_DAILY)
    {
      add_names (run->worker, result->moved_up, outcome->names);
      add_names (run->worker, result->moved_down, outcome->names);
    }

  g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RapportTierRecompute *self = source_object;
  Run *run = task_data;
  GError *error = NULL;

  if (cancellable == NULL)
    cancellable = self->job.cancellable;

  g_mutex_lock (&self->run_lock);
  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      g_cancellable_set_error_if_cancelled (self->job.cancellable, &error))
    g_task_return_error (task, error);
  else
    run_thread_body (task, run, cancellable);
  g_mutex_unlock (&self->run_lock);
  g_clear_object (&run->worker);
  _rapport_daily_job_leave_thread (&self->job);
}

/* What a run needs, with its worker connection; NULL with @error when there
 * is no worker connection. */
static Run *
prepare_run (RapportTierRecompute  *self,
             RunKind                kind,
             gint64                 now,
             GError               **error)
{
  Run *run = g_new0 (Run, 1);

  run->kind = kind;
  run->worker = rapport_session_open_worker (self->job.session, error);
  if (run->worker == NULL)
    {
      run_free (run);
      return NULL;
    }
  run->rules = rapport_session_dup_tier_rules (self->job.session);
  run->currency = g_strdup (rapport_session_get_default_currency (self->job.session));
  run->today = rapport_date_from_unix_local (now);
  run->day = _rapport_daily_job_local_day (now);

  return run;
}

static void
launch_run (RapportTierRecompute *self,
            GTask                *task,
            Run                  *run)
{
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  _rapport_daily_job_run_in_thread (&self->job, task, run_thread);
}

/* The notification */

static void
append_moves (GString    *body,
              GPtrArray  *moves,
              GHashTable *names)
{
  guint n_named = 0;

  for (guint i = 0; i < moves->len && n_named < MAX_NAMED; i++)
    {
      RapportTierChange *change = g_ptr_array_index (moves, i);
      const char *name = g_hash_table_lookup (names, &change->customer_id);

      if (name == NULL)
        continue;
      if (n_named > 0)
        g_string_append (body, ", ");
      /* Translators: a customer's tier move in a notification: "王芳 → Platinum" */
      g_string_append_printf (body, _("%s → %s"), name, rapport_tier_get_label (change->to));
      n_named++;
    }

  if (moves->len > n_named)
    /* Translators: after the customers named in a notification */
    g_string_append_printf (body, ngettext (" and %u more", " and %u more", moves->len - n_named),
                            moves->len - n_named);
}

static char *
format_title (const RapportTierRun *run)
{
  guint up = run->moved_up->len;
  guint down = run->moved_down->len;

  if (up > 0 && down > 0)
    /* Translators: a notification's title after the daily tier recomputation */
    return g_strdup_printf (_("Top tiers: %u in, %u out"), up, down);
  if (up > 0)
    /* Translators: a notification's title; the top tiers are platinum and gold */
    return g_strdup_printf (ngettext ("%u customer moved into the top tiers",
                                      "%u customers moved into the top tiers", up), up);

  /* Translators: a notification's title; the top tiers are platinum and gold */
  return g_strdup_printf (ngettext ("%u customer moved out of the top tiers",
                                    "%u customers moved out of the top tiers", down), down);
}

static char *
format_body (const RapportTierRun *run,
             GHashTable           *names)
{
  GString *body = g_string_new (NULL);

  append_moves (body, run->moved_up, names);
  if (run->moved_up->len > 0 && run->moved_down->len > 0)
    g_string_append_c (body, '\n');
  append_moves (body, run->moved_down, names);

  return g_string_free (body, FALSE);
}

static void
notify_moves (RapportTierRecompute *self,
              Outcome              *outcome)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (outcome->run->moved_up->len + outcome->run->moved_down->len == 0)
    return;

  title = format_title (outcome->run);
  body = format_body (outcome->run, outcome->names);
  _rapport_daily_job_notify (&self->job, "tiers", title, body, "customers");
}

/* The scheduler job */

static gint64
next_cb (gpointer user_data)
{
  RapportTierRecompute *self = user_data;

  if (self->rules_dirty && !self->job.running && self->job.scheduler != NULL)
    return _rapport_daily_job_now (&self->job);

  return _rapport_daily_job_get_next (&self->job);
}

static void
scheduled_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RapportTierRecompute *self = RAPPORT_TIER_RECOMPUTE (source);
  g_autoptr (GError) error = NULL;
  Outcome *outcome;
  Run *run = g_task_get_task_data (G_TASK (result));

  outcome = g_task_propagate_pointer (G_TASK (result), &error);
  self->job.running = FALSE;

  if (self->job.scheduler == NULL)
    {
      g_clear_pointer (&outcome, outcome_free);
      return;
    }

  if (outcome == NULL)
    {
      g_warning ("Recomputing the tiers failed: %s", error->message);
      if (run->kind == RUN_DAILY)
        _rapport_daily_job_retry_later (&self->job);
      _rapport_daily_job_reschedule (&self->job);
      return;
    }

  if (run->kind == RUN_DAILY)
    {
      _rapport_daily_job_ran (&self->job, run->day);
      notify_moves (self, outcome);
    }

  g_signal_emit (self, signals[RECOMPUTED], 0, outcome->run);
  outcome_free (outcome);
  _rapport_daily_job_reschedule (&self->job);
}

static void
run_cb (RapportScheduler *scheduler,
        gint64            now,
        gpointer          user_data)
{
  RapportTierRecompute *self = user_data;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  RunKind kind;
  Run *run;

  if (self->job.running)
    return;

  /* A rules run that is also the day's counts as the day's. */
  kind = _rapport_daily_job_due_at (&self->job, now) <= now ? RUN_DAILY : RUN_RULES;
  self->rules_dirty = FALSE;

  run = prepare_run (self, kind, now, &error);
  if (run == NULL)
    {
      g_warning ("Recomputing the tiers has no worker connection: %s", error->message);
      _rapport_daily_job_retry_later (&self->job);
      return;
    }

  task = g_task_new (self, self->job.cancellable, scheduled_done_cb, NULL);
  g_task_set_source_tag (task, run_cb);
  self->job.running = TRUE;
  launch_run (self, task, run);
}

static void
rules_changed_cb (RapportTierRecompute *self)
{
  if (!_rapport_daily_job_is_scheduled (&self->job))
    return;

  /* Coalesced: several changes while one run works make one more run. */
  self->rules_dirty = TRUE;
  _rapport_daily_job_reschedule (&self->job);
}

/* GObject */

static void
rapport_tier_recompute_dispose (GObject *object)
{
  RapportTierRecompute *self = RAPPORT_TIER_RECOMPUTE (object);

  rapport_tier_recompute_stop (self);

  G_OBJECT_CLASS (rapport_tier_recompute_parent_class)->dispose (object);
}

static void
rapport_tier_recompute_finalize (GObject *object)
{
  RapportTierRecompute *self = RAPPORT_TIER_RECOMPUTE (object);

  _rapport_daily_job_clear (&self->job);
  g_mutex_clear (&self->run_lock);

  G_OBJECT_CLASS (rapport_tier_recompute_parent_class)->finalize (object);
}

static void
rapport_tier_recompute_class_init (RapportTierRecomputeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_tier_recompute_dispose;
  object_class->finalize = rapport_tier_recompute_finalize;

  signals[RECOMPUTED] =
    g_signal_new ("recomputed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
rapport_tier_recompute_init (RapportTierRecompute *self)
{
  _rapport_daily_job_init (&self->job, RAPPORT_TIER_RECOMPUTE_STATE, RAPPORT_TIER_RECOMPUTE_HOUR);
  g_mutex_init (&self->run_lock);
}

/* Public API */

RapportTierRecompute *
rapport_tier_recompute_new (RapportSession *session)
{
  RapportTierRecompute *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);
  g_return_val_if_fail (rapport_session_get_scheduler (session) != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_TIER_RECOMPUTE, NULL);
  _rapport_daily_job_attach (&self->job, session);

  /* A read-only file cannot keep tiers; an in-memory one has no workers. */
  if (!rapport_database_is_read_only (self->job.db) &&
      g_strcmp0 (rapport_database_get_path (self->job.db), ":memory:") != 0)
    {
      _rapport_daily_job_schedule (&self->job, "tier-recompute", next_cb, run_cb, self);
      self->rules_handler = g_signal_connect_swapped (session, "tier-rules-changed",
                                                      G_CALLBACK (rules_changed_cb), self);
    }

  return self;
}

/**
 * rapport_tier_recompute_get_next:
 *
 * Returns: the UTC time of the next daily run (at or before now when one is
 *   due), 0 while one runs or after stop
 */
gint64
rapport_tier_recompute_get_next (RapportTierRecompute *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIER_RECOMPUTE (self), 0);

  return _rapport_daily_job_get_next (&self->job);
}

gboolean
rapport_tier_recompute_is_running (RapportTierRecompute *self)
{
  g_return_val_if_fail (RAPPORT_IS_TIER_RECOMPUTE (self), FALSE);

  return self->job.running || self->n_asked > 0;
}

static void
asked_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RapportTierRecompute *self = RAPPORT_TIER_RECOMPUTE (source);
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  Outcome *outcome;

  self->n_asked--;
  outcome = g_task_propagate_pointer (G_TASK (result), &error);
  if (outcome == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->job.session != NULL)
    g_signal_emit (self, signals[RECOMPUTED], 0, outcome->run);
  g_task_return_pointer (task, g_steal_pointer (&outcome->run), (GDestroyNotify) rapport_tier_run_free);
  outcome_free (outcome);
}

void
rapport_tier_recompute_run_async (RapportTierRecompute *self,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) inner = NULL;
  GError *error = NULL;
  Run *run;

  g_return_if_fail (RAPPORT_IS_TIER_RECOMPUTE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_tier_recompute_run_async);

  if (!_rapport_daily_job_is_scheduled (&self->job))
    {
      g_task_return_new_error (task, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY,
                               _("Tiers cannot be recomputed in a file opened read-only"));
      return;
    }

  run = prepare_run (self, RUN_ASKED, _rapport_daily_job_now (&self->job), &error);
  if (run == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The inner task works on the worker; the outer one answers the caller
   * once the "recomputed" signal is out. */
  inner = g_task_new (self, cancellable, asked_done_cb, g_object_ref (task));
  g_task_set_source_tag (inner, rapport_tier_recompute_run_async);
  self->n_asked++;
  launch_run (self, inner, run);
}

RapportTierRun *
rapport_tier_recompute_run_finish (RapportTierRecompute  *self,
                                   GAsyncResult          *result,
                                   GError               **error)
{
  g_return_val_if_fail (RAPPORT_IS_TIER_RECOMPUTE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rapport_tier_recompute_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rapport_tier_recompute_stop (RapportTierRecompute *self)
{
  g_return_if_fail (RAPPORT_IS_TIER_RECOMPUTE (self));

  if (self->job.session != NULL && self->rules_handler != 0)
    g_clear_signal_handler (&self->rules_handler, self->job.session);
  _rapport_daily_job_stop (&self->job);
}
