/* test-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-clock.h"

static void
test_clock_system (void)
{
  g_autoptr (RapportClock) clock = rapport_clock_new ();
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 now = rapport_clock_now (clock);
  gint64 after = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_false (rapport_clock_is_fixed (clock));
  g_assert_cmpint (now, >=, before);
  g_assert_cmpint (now, <=, after);
}

static void
test_clock_fixed (void)
{
  g_autoptr (RapportClock) clock = rapport_clock_new ();
  g_autoptr (GDateTime) local = NULL;

  rapport_clock_set_fixed (clock, 1700000000);
  g_assert_true (rapport_clock_is_fixed (clock));
  g_assert_cmpint (rapport_clock_now (clock), ==, 1700000000);
  g_assert_cmpint (rapport_clock_now (clock), ==, 1700000000);

  /* 2023-11-14 22:13:20 UTC is 2023-11-15 06:13:20 in Asia/Shanghai (TZ of the tests). */
  local = rapport_clock_now_local (clock);
  g_assert_cmpint (g_date_time_get_year (local), ==, 2023);
  g_assert_cmpint (g_date_time_get_month (local), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 15);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 6);
}

static void
test_clock_advance (void)
{
  g_autoptr (RapportClock) clock = rapport_clock_new ();
  gint64 start;

  rapport_clock_set_fixed (clock, 1000);
  rapport_clock_advance (clock, 60);
  g_assert_cmpint (rapport_clock_now (clock), ==, 1060);
  rapport_clock_advance (clock, -1060);
  g_assert_cmpint (rapport_clock_now (clock), ==, 0);

  /* Advancing a running clock fixes it at now + seconds. */
  rapport_clock_set_system (clock);
  g_assert_false (rapport_clock_is_fixed (clock));
  start = g_get_real_time () / G_USEC_PER_SEC;
  rapport_clock_advance (clock, 3600);
  g_assert_true (rapport_clock_is_fixed (clock));
  g_assert_cmpint (rapport_clock_now (clock), >=, start + 3600);
  g_assert_cmpint (rapport_clock_now (clock), <=, start + 3601);

  rapport_clock_set_system (clock);
  g_assert_cmpint (rapport_clock_now (clock), <, start + 3000);
}

static void
test_clock_default (void)
{
  RapportClock *clock = rapport_clock_get_default ();

  g_assert_true (RAPPORT_IS_CLOCK (clock));
  g_assert_true (clock == rapport_clock_get_default ());

  rapport_clock_set_fixed (clock, 42);
  g_assert_cmpint (rapport_clock_now (rapport_clock_get_default ()), ==, 42);
  rapport_clock_set_system (clock);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/clock/system", test_clock_system);
  g_test_add_func ("/core/clock/fixed", test_clock_fixed);
  g_test_add_func ("/core/clock/advance", test_clock_advance);
  g_test_add_func ("/core/clock/default", test_clock_default);

  return g_test_run ();
}
