/* rapport-daily-job-private.h
 *
 * What the session's daily jobs (the churn check, the tiers' recomputation)
 * share, embedded in their instance structs: a job of the session's
 * scheduler due once per local day at an hour on the scheduler's clock, or
 * at the next start when that was missed; the local day of the last daily
 * run kept in the schedule state, so a restart the same day does not run
 * again; a retry an hour after a failure; runs on worker connections in
 * GTasks that stop waits for, so no connection to the file outlives the
 * session; and the summary notification. Main thread, except
 * _rapport_daily_job_leave_thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-scheduler.h"
#include "rapport-store.h"

G_BEGIN_DECLS

typedef struct _RapportSession RapportSession;

typedef struct
{
  RapportSession   *session;      /* unowned: it owns the job's owner; NULL after stop */
  RapportDatabase  *db;           /* the session's */
  RapportScheduler *scheduler;    /* the session's */
  const char       *state;        /* the schedule state's name */
  int               hour;         /* the daily run's local hour */
  guint             job_id;       /* 0 when not scheduled */
  GCancellable     *cancellable;  /* cancelled by stop */
  gint64            last_day;     /* local day number of the last daily run; -1 unread */
  gint64            retry_at;     /* after a failed daily run, 0 otherwise */
  gboolean          running;      /* a scheduled run, from its start to its result */

  /* Worker threads: stop waits for them. */
  GMutex            lock;
  GCond             thread_done;
  guint             n_in_thread;
} RapportDailyJob;

void     _rapport_daily_job_init          (RapportDailyJob          *job,
                                           const char               *state,
                                           int                       hour);
void     _rapport_daily_job_clear         (RapportDailyJob          *job);
/* Borrows @session's database and scheduler; the job is not scheduled yet. */
void     _rapport_daily_job_attach        (RapportDailyJob          *job,
                                           RapportSession           *session);
void     _rapport_daily_job_schedule      (RapportDailyJob          *job,
                                           const char               *name,
                                           RapportSchedulerNextFunc  next,
                                           RapportSchedulerRunFunc   run,
                                           gpointer                  user_data);
/* Whether the job is in the scheduler (attached, scheduled, not stopped). */
gboolean _rapport_daily_job_is_scheduled  (RapportDailyJob          *job);
gint64   _rapport_daily_job_now           (RapportDailyJob          *job);
/* The local day number of @when (as rapport_churn_parse_day counts). */
gint64   _rapport_daily_job_local_day     (gint64                    when);
/* The daily run's time, at or before @now when one is due: the retry after
 * a failure, else today's unless it ran today, then tomorrow's. */
gint64   _rapport_daily_job_due_at        (RapportDailyJob          *job,
                                           gint64                    now);
/* As _due_at for now; 0 while a scheduled run runs, or when not scheduled. */
gint64   _rapport_daily_job_get_next      (RapportDailyJob          *job);
/* After a daily run recorded @day in the schedule state. */
void     _rapport_daily_job_ran           (RapportDailyJob          *job,
                                           gint64                    day);
/* After a daily run failed: the next try in an hour. */
void     _rapport_daily_job_retry_later   (RapportDailyJob          *job);
void     _rapport_daily_job_reschedule    (RapportDailyJob          *job);
/* Runs @task in a thread that stop waits for; @thread_func ends with
 * _rapport_daily_job_leave_thread, after closing its worker connection. */
void     _rapport_daily_job_run_in_thread (RapportDailyJob          *job,
                                           GTask                    *task,
                                           GTaskThreadFunc           thread_func);
void     _rapport_daily_job_leave_thread  (RapportDailyJob          *job);
/* The session's summary notification @key, unless it has no reminders or
 * holds sample data (whose people do not exist). */
void     _rapport_daily_job_notify        (RapportDailyJob          *job,
                                           const char               *key,
                                           const char               *title,
                                           const char               *body,
                                           const char               *page);
/* Cancels, waits for the threads to let go of the file, leaves the
 * scheduler and forgets the session. */
void     _rapport_daily_job_stop          (RapportDailyJob          *job);

G_END_DECLS
