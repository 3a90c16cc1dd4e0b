/* test-scheduler.c
 *
 * RapportScheduler with a fixed clock: it arms for the earliest job, re-arms
 * when a job's next run changes, runs what is due when the clock jumps forward
 * (a suspend spanning a due time, the clock set ahead), nothing when it jumps
 * back, and does not loop on a job that stays due.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-scheduler.h"
#include "rapport-session.h"
#include "rapport-store.h"
#include "test-utils.h"

/* 2026-03-02 09:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1772442000)

typedef struct
{
  gint64  next;       /* 0: nothing to do */
  gint64  every;      /* after a run, next = now + every; 0: done */
  gboolean keep_due;  /* a run that fails: next stays */
  guint   n_runs;
  gint64  last_now;
  gboolean *destroyed;
} TestJob;

typedef struct
{
  RapportClock     *clock;
  RapportScheduler *scheduler;
} Fixture;

static gint64
test_job_next (gpointer data)
{
  return ((TestJob *) data)->next;
}

static void
test_job_run (RapportScheduler *scheduler,
              gint64            now,
              gpointer          data)
{
  TestJob *job = data;

  g_assert_true (RAPPORT_IS_SCHEDULER (scheduler));
  g_assert_cmpint (job->next, <=, now);
  job->n_runs++;
  job->last_now = now;
  if (!job->keep_due)
    job->next = job->every > 0 ? now + job->every : 0;
}

static void
test_job_destroy (gpointer data)
{
  TestJob *job = data;

  if (job->destroyed != NULL)
    *job->destroyed = TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock = rapport_clock_new ();
  rapport_clock_set_fixed (f->clock, T0);
  f->scheduler = rapport_scheduler_new (f->clock);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->scheduler);
  g_clear_object (&f->clock);
}

static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
add (Fixture *f,
     TestJob *job)
{
  return rapport_scheduler_add_job (f->scheduler, "test", test_job_next, test_job_run,
                                    job, job->destroyed != NULL ? test_job_destroy : NULL);
}

static void
test_arms_for_earliest (Fixture       *f,
                        gconstpointer  data)
{
  TestJob later = { .next = T0 + 3600 };
  TestJob sooner = { .next = T0 + 600 };
  TestJob idle = { .next = 0 };

  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, 0);

  add (f, &later);
  add (f, &idle);
  add (f, &sooner);
  run_pending ();

  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 600);
  g_assert_cmpuint (later.n_runs + sooner.n_runs + idle.n_runs, ==, 0);

  /* Nothing is due a second early. */
  rapport_clock_advance (f->clock, 599);
  rapport_scheduler_check (f->scheduler);
  g_assert_cmpuint (sooner.n_runs, ==, 0);

  rapport_clock_advance (f->clock, 1);
  rapport_scheduler_check (f->scheduler);
  g_assert_cmpuint (sooner.n_runs, ==, 1);
  g_assert_cmpint (sooner.last_now, ==, T0 + 600);
  g_assert_cmpuint (later.n_runs, ==, 0);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 3600);

  /* Checking again runs nothing twice. */
  rapport_scheduler_check (f->scheduler);
  g_assert_cmpuint (sooner.n_runs, ==, 1);
}

static void
test_reschedule (Fixture       *f,
                 gconstpointer  data)
{
  TestJob job = { .next = T0 + 3600 };

  add (f, &job);
  run_pending ();
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 3600);

  /* Sooner, then later again: the timer follows, and several reschedules
   * before the main loop runs count once. */
  job.next = T0 + 60;
  rapport_scheduler_reschedule (f->scheduler);
  rapport_scheduler_reschedule (f->scheduler);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 3600);
  run_pending ();
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 60);

  job.next = T0 + 7200;
  rapport_scheduler_reschedule (f->scheduler);
  run_pending ();
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 7200);

  /* Rescheduled to a time already past: it runs on the next turn of the loop. */
  job.next = T0 - 60;
  rapport_scheduler_reschedule (f->scheduler);
  run_pending ();
  g_assert_cmpuint (job.n_runs, ==, 1);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, 0);
}

static void
test_clock_jumps (Fixture       *f,
                  gconstpointer  data)
{
  TestJob hourly = { .next = T0 + 3600, .every = 3600 };
  TestJob daily = { .next = T0 + 86400 };

  add (f, &hourly);
  add (f, &daily);
  run_pending ();

  /* The clock set back a day: nothing is due, the deadlines stay. */
  rapport_clock_advance (f->clock, -86400);
  rapport_scheduler_check (f->scheduler);
  g_assert_cmpuint (hourly.n_runs + daily.n_runs, ==, 0);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 3600);

  /* ... and forward two days: each runs once, at the new now, not once per
   * missed hour. */
  rapport_clock_advance (f->clock, 2 * 86400);
  rapport_scheduler_check (f->scheduler);
  g_assert_cmpuint (hourly.n_runs, ==, 1);
  g_assert_cmpuint (daily.n_runs, ==, 1);
  g_assert_cmpint (hourly.last_now, ==, T0 + 86400);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 86400 + 3600);
}

static void
test_suspend_spanning_due_time (Fixture       *f,
                                gconstpointer  data)
{
  TestJob job = { .next = T0 + 1800 };

  add (f, &job);
  run_pending ();

  /* Asleep from T0 to T0 + 8 h: on resume (PrepareForSleep(false), or the
   * wall-clock timer firing late) the check runs what fell due meanwhile. */
  rapport_clock_advance (f->clock, 8 * 3600);
  rapport_scheduler_check (f->scheduler);
  g_assert_cmpuint (job.n_runs, ==, 1);
  g_assert_cmpint (job.last_now, ==, T0 + 8 * 3600);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, 0);
}

static void
test_job_staying_due_is_retried_later (Fixture       *f,
                                       gconstpointer  data)
{
  TestJob stuck = { .next = T0, .keep_due = TRUE };

  add (f, &stuck);
  run_pending ();
  g_assert_cmpuint (stuck.n_runs, ==, 1);

  /* Not run again and again: in a minute. */
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 60);
  rapport_scheduler_check (f->scheduler);
  g_assert_cmpuint (stuck.n_runs, ==, 1);

  rapport_clock_advance (f->clock, 60);
  rapport_scheduler_check (f->scheduler);
  g_assert_cmpuint (stuck.n_runs, ==, 2);
}

static void
test_remove_and_stop (Fixture       *f,
                      gconstpointer  data)
{
  gboolean first_destroyed = FALSE;
  gboolean second_destroyed = FALSE;
  TestJob first = { .next = T0 + 60, .destroyed = &first_destroyed };
  TestJob second = { .next = T0 + 120, .destroyed = &second_destroyed };
  guint first_id = add (f, &first);

  add (f, &second);
  run_pending ();
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 60);

  rapport_scheduler_remove_job (f->scheduler, first_id);
  g_assert_true (first_destroyed);
  run_pending ();
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, T0 + 120);

  rapport_scheduler_stop (f->scheduler);
  g_assert_true (second_destroyed);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (f->scheduler), ==, 0);

  rapport_clock_advance (f->clock, 3600);
  rapport_scheduler_check (f->scheduler);
  g_assert_cmpuint (second.n_runs, ==, 0);
}

/* The real clock: a job due already runs from the main loop, without a test
 * calling check. */
static void
test_system_clock (void)
{
  g_autoptr (RapportScheduler) scheduler = rapport_scheduler_new (rapport_clock_get_default ());
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  TestJob due = { .next = now - 1 };
  TestJob later = { .next = now + 3600 };

  rapport_scheduler_add_job (scheduler, "due", test_job_next, test_job_run, &due, NULL);
  rapport_scheduler_add_job (scheduler, "later", test_job_next, test_job_run, &later, NULL);
  run_pending ();

  g_assert_cmpuint (due.n_runs, ==, 1);
  g_assert_cmpuint (later.n_runs, ==, 0);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (scheduler), ==, now + 3600);
}

/* Resuming from a suspend (logind's PrepareForSleep(false)) and a time-zone
 * change (timedated's PropertiesChanged) make the scheduler look again at
 * what is due. The "system bus" here is the test's private bus, where this
 * test plays logind and timedated. */

typedef struct
{
  GDBusConnection *bus;
  TestJob         *job;
  const char      *service;
} SignalPlay;

static gboolean
emit_until_run (gpointer data)
{
  SignalPlay *play = data;
  g_autoptr (GError) error = NULL;

  if (play->job->n_runs > 0)
    return TRUE;

  if (g_str_equal (play->service, "org.freedesktop.login1"))
    g_dbus_connection_emit_signal (play->bus, NULL, "/org/freedesktop/login1",
                                   "org.freedesktop.login1.Manager", "PrepareForSleep",
                                   g_variant_new ("(b)", FALSE), &error);
  else
    g_dbus_connection_emit_signal (play->bus, NULL, "/org/freedesktop/timedate1",
                                   "org.freedesktop.DBus.Properties", "PropertiesChanged",
                                   g_variant_new_parsed ("('org.freedesktop.timedate1', "
                                                         "{'Timezone': <'Europe/Berlin'>}, @as [])"),
                                   &error);
  g_assert_no_error (error);
  return FALSE;
}

static void
own_name (GDBusConnection *bus,
          const char      *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                            "org.freedesktop.DBus", "RequestName",
                                                            g_variant_new ("(su)", name, 4 /* DO_NOT_QUEUE */),
                                                            G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE,
                                                            -1, NULL, &error);
  guint32 result = 0;

  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1 /* PRIMARY_OWNER */);
}

static void
test_resume_and_time_zone_change (void)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (RapportClock) clock = NULL;
  g_autoptr (RapportScheduler) scheduler = NULL;
  g_autoptr (GError) error = NULL;
  TestJob after_resume = { .next = T0 + 600 };
  TestJob after_zone_change = { .next = T0 + 1200 };
  SignalPlay play;

  if (address == NULL || g_getenv ("RAPPORT_PRIVATE_BUS") == NULL)
    {
      g_test_skip ("Needs a private session bus (run-with-notification-daemon)");
      return;
    }

  /* Before anything in this process connects to the system bus. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", address, TRUE);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  own_name (bus, "org.freedesktop.login1");
  own_name (bus, "org.freedesktop.timedate1");

  clock = rapport_clock_new ();
  rapport_clock_set_fixed (clock, T0);
  scheduler = rapport_scheduler_new (clock);
  rapport_scheduler_add_job (scheduler, "resume", test_job_next, test_job_run, &after_resume, NULL);
  run_pending ();

  /* Asleep past the due time; nobody calls check. */
  rapport_clock_advance (clock, 900);
  play = (SignalPlay) { bus, &after_resume, "org.freedesktop.login1" };
  test_wait_for (emit_until_run, &play);
  g_assert_cmpuint (after_resume.n_runs, ==, 1);
  g_assert_cmpint (after_resume.last_now, ==, T0 + 900);

  rapport_scheduler_add_job (scheduler, "zone", test_job_next, test_job_run, &after_zone_change, NULL);
  run_pending ();
  rapport_clock_advance (clock, 600);
  play = (SignalPlay) { bus, &after_zone_change, "org.freedesktop.timedate1" };
  test_wait_for (emit_until_run, &play);
  g_assert_cmpuint (after_zone_change.n_runs, ==, 1);
  g_assert_cmpint (after_zone_change.last_now, ==, T0 + 1500);

  rapport_scheduler_stop (scheduler);
  g_unsetenv ("DBUS_SYSTEM_BUS_ADDRESS");
}

/* The session owns one scheduler while it is open. */
static void
test_session_scheduler (void)
{
  g_autofree char *dir = test_make_dir ("rapport-scheduler");
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_autoptr (RapportSession) session = NULL;

  g_assert_no_error (error);
  session = rapport_session_new_for_database (db, NULL, FALSE);
  g_assert_true (RAPPORT_IS_SCHEDULER (rapport_session_get_scheduler (session)));

  rapport_session_close (session);
  g_assert_null (rapport_session_get_scheduler (session));

  g_clear_object (&db);
  g_clear_object (&session);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scheduler/resume-and-time-zone-change", test_resume_and_time_zone_change);
#define ADD(name, func) \
  g_test_add ("/scheduler/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("arms-for-earliest", test_arms_for_earliest);
  ADD ("reschedule", test_reschedule);
  ADD ("clock-jumps", test_clock_jumps);
  ADD ("suspend-spanning-due-time", test_suspend_spanning_due_time);
  ADD ("job-staying-due-is-retried-later", test_job_staying_due_is_retried_later);
  ADD ("remove-and-stop", test_remove_and_stop);
#undef ADD
  g_test_add_func ("/scheduler/system-clock", test_system_clock);
  g_test_add_func ("/scheduler/session", test_session_scheduler);

  return g_test_run ();
}
