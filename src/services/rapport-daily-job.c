/* rapport-daily-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-daily-job"

#include "config.h"

#include "rapport-churn.h"
#include "rapport-daily-job-private.h"
#include "rapport-date.h"
#include "rapport-session.h"

/* After a failed daily run (the disk full, the file locked), the next try. */
#define RETRY_SECONDS 3600

/* The job's hour local time on the local date of @when, plus @days_later
 * days. */
static gint64
run_time (RapportDailyJob *job,
          gint64           when,
          int              days_later)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (when);
  g_autoptr (GDateTime) day = g_date_time_add_days (local, days_later);
  g_autoptr (GDateTime) at = g_date_time_new_local (g_date_time_get_year (day),
                                                    g_date_time_get_month (day),
                                                    g_date_time_get_day_of_month (day),
                                                    job->hour, 0, 0);

  return g_date_time_to_unix (at);
}

void
_rapport_daily_job_init (RapportDailyJob *job,
                         const char      *state,
                         int              hour)
{
  job->state = state;
  job->hour = hour;
  job->cancellable = g_cancellable_new ();
  job->last_day = -1;
  g_mutex_init (&job->lock);
  g_cond_init (&job->thread_done);
}

void
_rapport_daily_job_clear (RapportDailyJob *job)
{
  g_clear_object (&job->cancellable);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->thread_done);
}

void
_rapport_daily_job_attach (RapportDailyJob *job,
                           RapportSession  *session)
{
  job->session = session;
  job->db = rapport_session_get_database (session);
  job->scheduler = rapport_session_get_scheduler (session);
}

void
_rapport_daily_job_schedule (RapportDailyJob          *job,
                             const char               *name,
                             RapportSchedulerNextFunc  next,
                             RapportSchedulerRunFunc   run,
                             gpointer                  user_data)
{
  job->job_id = rapport_scheduler_add_job (job->scheduler, name, next, run, user_data, NULL);
}

gboolean
_rapport_daily_job_is_scheduled (RapportDailyJob *job)
{
  return job->scheduler != NULL && job->job_id != 0;
}

gint64
_rapport_daily_job_now (RapportDailyJob *job)
{
  return rapport_clock_now (rapport_scheduler_get_clock (job->scheduler));
}

gint64
_rapport_daily_job_local_day (gint64 when)
{
  g_autofree char *ymd = rapport_date_from_unix_local (when);
  gint32 day = 0;

  rapport_churn_parse_day (ymd, &day);
  return day;
}

gint64
_rapport_daily_job_due_at (RapportDailyJob *job,
                           gint64           now)
{
  if (job->retry_at > 0)
    return job->retry_at;

  if (job->last_day < 0)
    job->last_day = rapport_store_get_schedule_state (job->db, job->state);

  /* Today's run is done (or the clock went back to an earlier day):
   * tomorrow's. Otherwise today's, now if it is past. */
  if (job->last_day >= _rapport_daily_job_local_day (now))
    return run_time (job, now, 1);

  return run_time (job, now, 0);
}

gint64
_rapport_daily_job_get_next (RapportDailyJob *job)
{
  if (job->running || !_rapport_daily_job_is_scheduled (job))
    return 0;

  return _rapport_daily_job_due_at (job, _rapport_daily_job_now (job));
}

void
_rapport_daily_job_ran (RapportDailyJob *job,
                        gint64           day)
{
  job->last_day = day;
  job->retry_at = 0;
}

void
_rapport_daily_job_retry_later (RapportDailyJob *job)
{
  job->retry_at = _rapport_daily_job_now (job) + RETRY_SECONDS;
}

void
_rapport_daily_job_reschedule (RapportDailyJob *job)
{
  if (job->scheduler != NULL)
    rapport_scheduler_reschedule (job->scheduler);
}

void
_rapport_daily_job_run_in_thread (RapportDailyJob *job,
                                  GTask           *task,
                                  GTaskThreadFunc  thread_func)
{
  g_mutex_lock (&job->lock);
  job->n_in_thread++;
  g_mutex_unlock (&job->lock);
  g_task_run_in_thread (task, thread_func);
}

void
_rapport_daily_job_leave_thread (RapportDailyJob *job)
{
  g_mutex_lock (&job->lock);
  job->n_in_thread--;
  g_cond_broadcast (&job->thread_done);
  g_mutex_unlock (&job->lock);
}

void
_rapport_daily_job_notify (RapportDailyJob *job,
                           const char      *key,
                           const char      *title,
                           const char      *body,
                           const char      *page)
{
  RapportReminders *reminders = rapport_session_get_reminders (job->session);

  if (reminders == NULL || rapport_session_get_is_demo (job->session))
    return;

  rapport_reminders_show_summary (reminders, key, title, body, page);
}

void
_rapport_daily_job_stop (RapportDailyJob *job)
{
  g_cancellable_cancel (job->cancellable);

  /* A run on its worker finishes its transaction (seconds on a large
   * book) and lets go of the file. */
  g_mutex_lock (&job->lock);
  while (job->n_in_thread > 0)
    g_cond_wait (&job->thread_done, &job->lock);
  g_mutex_unlock (&job->lock);

  if (_rapport_daily_job_is_scheduled (job))
    rapport_scheduler_remove_job (job->scheduler, job->job_id);
  job->job_id = 0;
  job->scheduler = NULL;
  job->db = NULL;
  job->session = NULL;
}
