/* rapport-scheduler.h
 *
 * The session's one scheduler: jobs (the reminders, the daily churn summary)
 * say when they next have something to do, as an absolute UTC time, and the
 * scheduler arms ONE wall-clock timer for the earliest of them. Nothing polls:
 * between two deadlines the process sleeps. It looks again at what is due when
 * the deadline comes, when the wall clock is set, after a suspend (logind's
 * PrepareForSleep) and when the time zone changes (timedated), so what fell
 * due meanwhile runs at once.
 *
 * Time comes from the session's RapportClock. While that clock is fixed (tests)
 * no timer is armed: time moves only when the test advances the clock and calls
 * rapport_scheduler_check().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-clock.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SCHEDULER (rapport_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (RapportScheduler, rapport_scheduler, RAPPORT, SCHEDULER, GObject)

/* The job's next run as a UTC unix time; 0 when it has nothing to do. */
typedef gint64 (*RapportSchedulerNextFunc) (gpointer user_data);
typedef void   (*RapportSchedulerRunFunc)  (RapportScheduler *scheduler,
                                            gint64            now,
                                            gpointer          user_data);

RapportScheduler *rapport_scheduler_new                (RapportClock             *clock);

guint             rapport_scheduler_add_job            (RapportScheduler         *self,
                                                        const char               *name,
                                                        RapportSchedulerNextFunc  next,
                                                        RapportSchedulerRunFunc   run,
                                                        gpointer                  user_data,
                                                        GDestroyNotify            destroy);
void              rapport_scheduler_remove_job         (RapportScheduler         *self,
                                                        guint                     job_id);
/* A job's next run changed (a follow-up was saved): re-arm. Cheap; coalesced
 * (on an idle, where whatever is due by then also runs). */
void              rapport_scheduler_reschedule         (RapportScheduler         *self);
/* Runs every job due now by the clock, then re-arms. What a clock change, a
 * resume or a time-zone change does; tests call it after advancing the clock. */
void              rapport_scheduler_check              (RapportScheduler         *self);
/* The deadline armed for (UTC unix seconds), 0 when no job has anything to do. */
gint64            rapport_scheduler_get_armed_deadline (RapportScheduler         *self);

void              rapport_scheduler_set_clock          (RapportScheduler         *self,
                                                        RapportClock             *clock);
RapportClock     *rapport_scheduler_get_clock          (RapportScheduler         *self);
/* Drops every job and timer and stops listening to the system (the session
 * closed). */
void              rapport_scheduler_stop               (RapportScheduler         *self);

G_END_DECLS
