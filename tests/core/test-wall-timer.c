/* test-wall-timer.c
 *
 * The wall-clock timer fires at its deadline by the real clock: a deadline
 * already past fires at once, one a second ahead after that second, and a
 * new deadline replaces the old one. (A clock change needs the right to set
 * the system clock, which a test must not use.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-wall-timer.h"

typedef struct
{
  GMainLoop              *loop;
  guint                   n_calls;
  RapportWallTimerReason  reason;
  gint64                  fired_at;   /* real time, µs */
} Fired;

static gboolean
fired_cb (RapportWallTimerReason reason,
          gpointer               user_data)
{
  Fired *fired = user_data;

  fired->n_calls++;
  fired->reason = reason;
  fired->fired_at = g_get_real_time ();
  g_main_loop_quit (fired->loop);

  return G_SOURCE_REMOVE;
}

static gboolean
give_up_cb (gpointer user_data)
{
  g_error ("The wall-clock timer did not fire");
  return G_SOURCE_REMOVE;
}

static void
run_until_fired (Fired *fired)
{
  guint give_up = g_timeout_add_seconds (10, give_up_cb, NULL);

  g_main_loop_run (fired->loop);
  g_source_remove (give_up);
}

static void
test_past_deadline_fires_at_once (void)
{
  Fired fired = { g_main_loop_new (NULL, FALSE), 0, 0, 0 };
  gint64 start = g_get_real_time ();

  rapport_wall_timer_add (g_get_real_time () / G_USEC_PER_SEC - 3600, fired_cb, &fired, NULL);
  run_until_fired (&fired);

  g_assert_cmpuint (fired.n_calls, ==, 1);
  g_assert_cmpint (fired.reason, ==, RAPPORT_WALL_TIMER_DUE);
  g_assert_cmpint (fired.fired_at - start, <, G_USEC_PER_SEC / 2);
  g_main_loop_unref (fired.loop);
}

static void
test_fires_at_the_deadline (void)
{
  Fired fired = { g_main_loop_new (NULL, FALSE), 0, 0, 0 };
  gint64 deadline = g_get_real_time () / G_USEC_PER_SEC + 1;

  rapport_wall_timer_add (deadline, fired_cb, &fired, NULL);
  run_until_fired (&fired);

  g_assert_cmpuint (fired.n_calls, ==, 1);
  g_assert_cmpint (fired.reason, ==, RAPPORT_WALL_TIMER_DUE);
  g_assert_cmpint (fired.fired_at, >=, deadline * G_USEC_PER_SEC);
  g_assert_cmpint (fired.fired_at, <, (deadline + 1) * G_USEC_PER_SEC);
  g_main_loop_unref (fired.loop);
}

static void
test_new_deadline_replaces_the_old (void)
{
  Fired fired = { g_main_loop_new (NULL, FALSE), 0, 0, 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GSource) source = rapport_wall_timer_source_new (now + 24 * 3600);
  gint64 start = g_get_real_time ();

  g_source_set_callback (source, (GSourceFunc) (gpointer) fired_cb, &fired, NULL);
  g_source_attach (source, NULL);
  g_assert_cmpint (rapport_wall_timer_source_get_deadline (source), ==, now + 24 * 3600);

  rapport_wall_timer_source_set_deadline (source, now - 1);
  run_until_fired (&fired);

  g_assert_cmpuint (fired.n_calls, ==, 1);
  g_assert_cmpint (fired.fired_at - start, <, G_USEC_PER_SEC / 2);
  g_main_loop_unref (fired.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/wall-timer/past-deadline-fires-at-once", test_past_deadline_fires_at_once);
  g_test_add_func ("/core/wall-timer/fires-at-the-deadline", test_fires_at_the_deadline);
  g_test_add_func ("/core/wall-timer/new-deadline-replaces-the-old", test_new_deadline_replaces_the_old);

  return g_test_run ();
}
