/* test-due-bucket.c
 *
 * Overdue, today and upcoming by the local day, at the edges of the day, in a
 * half-hour-offset zone and across a midnight skipped by daylight saving.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-due-bucket.h"

static gint64
unix_of (const char *iso8601)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

static void
check_bucket (const char       *zone_id,
              const char       *due,
              const char       *now,
              RapportDueBucket  expected)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier (zone_id);

  g_assert_nonnull (zone);
  g_assert_cmpint (rapport_due_bucket_for (unix_of (due), unix_of (now), zone), ==, expected);
}

static void
test_buckets_shanghai (void)
{
  const char *now = "2026-03-18T10:30:00+08:00";

  check_bucket ("Asia/Shanghai", "2026-03-17T23:30:00+08:00", now, RAPPORT_DUE_BUCKET_OVERDUE);
  check_bucket ("Asia/Shanghai", "2026-01-01T09:00:00+08:00", now, RAPPORT_DUE_BUCKET_OVERDUE);
  /* Earlier today is still today, not overdue. */
  check_bucket ("Asia/Shanghai", "2026-03-18T00:00:00+08:00", now, RAPPORT_DUE_BUCKET_TODAY);
  check_bucket ("Asia/Shanghai", "2026-03-18T09:00:00+08:00", now, RAPPORT_DUE_BUCKET_TODAY);
  check_bucket ("Asia/Shanghai", "2026-03-18T23:30:00+08:00", now, RAPPORT_DUE_BUCKET_TODAY);
  check_bucket ("Asia/Shanghai", "2026-03-18T23:59:59+08:00", now, RAPPORT_DUE_BUCKET_TODAY);
  check_bucket ("Asia/Shanghai", "2026-03-19T00:00:00+08:00", now, RAPPORT_DUE_BUCKET_UPCOMING);
  check_bucket ("Asia/Shanghai", "2026-03-25T23:30:00+08:00", now, RAPPORT_DUE_BUCKET_UPCOMING);
  check_bucket ("Asia/Shanghai", "2026-03-26T00:00:00+08:00", now, RAPPORT_DUE_BUCKET_LATER);

  /* At 23:30 itself, a follow-up due at 23:30 is today; a minute past
   * midnight it is overdue. */
  check_bucket ("Asia/Shanghai", "2026-03-18T23:30:00+08:00", "2026-03-18T23:30:00+08:00", RAPPORT_DUE_BUCKET_TODAY);
  check_bucket ("Asia/Shanghai", "2026-03-18T23:30:00+08:00", "2026-03-19T00:01:00+08:00", RAPPORT_DUE_BUCKET_OVERDUE);
}

static void
test_buckets_kolkata (void)
{
  /* UTC+5:30: local midnight is 18:30 UTC. 2026-03-18 18:00 UTC is 23:30 in
   * Kolkata; 19:00 UTC is already 00:30 on the 19th. */
  const char *now = "2026-03-18T12:00:00Z";  /* 17:30 in Kolkata */

  check_bucket ("Asia/Kolkata", "2026-03-18T18:00:00Z", now, RAPPORT_DUE_BUCKET_TODAY);
  check_bucket ("Asia/Kolkata", "2026-03-18T18:29:59Z", now, RAPPORT_DUE_BUCKET_TODAY);
  check_bucket ("Asia/Kolkata", "2026-03-18T18:30:00Z", now, RAPPORT_DUE_BUCKET_UPCOMING);
  check_bucket ("Asia/Kolkata", "2026-03-17T18:29:00Z", now, RAPPORT_DUE_BUCKET_OVERDUE);
  check_bucket ("Asia/Kolkata", "2026-03-17T18:30:00Z", now, RAPPORT_DUE_BUCKET_TODAY);

  /* The same instants seen from Shanghai fall on other days. */
  check_bucket ("Asia/Shanghai", "2026-03-18T18:00:00Z", now, RAPPORT_DUE_BUCKET_UPCOMING);
  check_bucket ("Asia/Kolkata", "2026-03-17T17:00:00Z", now, RAPPORT_DUE_BUCKET_OVERDUE);
  check_bucket ("Asia/Shanghai", "2026-03-17T17:00:00Z", now, RAPPORT_DUE_BUCKET_TODAY);
}

static void
test_day_starts (void)
{
  g_autoptr (GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  g_autoptr (GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GTimeZone) havana = g_time_zone_new_identifier ("America/Havana");
  gint64 now = unix_of ("2026-03-18T12:00:00Z");

  g_assert_cmpint (rapport_due_bucket_day_start (now, 0, kolkata), ==, unix_of ("2026-03-17T18:30:00Z"));
  g_assert_cmpint (rapport_due_bucket_next_rollover (now, kolkata), ==, unix_of ("2026-03-18T18:30:00Z"));
  g_assert_cmpint (rapport_due_bucket_horizon (now, kolkata), ==, unix_of ("2026-03-25T18:30:00Z"));
  g_assert_cmpint (rapport_due_bucket_next_rollover (now, shanghai), ==, unix_of ("2026-03-18T16:00:00Z"));
  g_assert_cmpint (rapport_due_bucket_horizon (now, shanghai), ==, unix_of ("2026-03-25T16:00:00Z"));

  /* Just before the rollover it is still today; at it, the next day. */
  g_assert_cmpint (rapport_due_bucket_for (unix_of ("2026-03-19T09:00:00+08:00"),
                                           rapport_due_bucket_next_rollover (now, shanghai) - 1, shanghai),
                   ==, RAPPORT_DUE_BUCKET_UPCOMING);
  g_assert_cmpint (rapport_due_bucket_for (unix_of ("2026-03-19T09:00:00+08:00"),
                                           rapport_due_bucket_next_rollover (now, shanghai), shanghai),
                   ==, RAPPORT_DUE_BUCKET_TODAY);

  /* Havana's clocks go from 0:00 to 1:00 on 2026-03-08: that day begins at
   * 1:00 local (5:00 UTC), and the day before lasts 24 hours. */
  g_assert_cmpint (rapport_due_bucket_next_rollover (unix_of ("2026-03-07T12:00:00-05:00"), havana),
                   ==, unix_of ("2026-03-08T05:00:00Z"));
  g_assert_cmpint (rapport_due_bucket_next_rollover (unix_of ("2026-03-08T12:00:00-04:00"), havana),
                   ==, unix_of ("2026-03-09T04:00:00Z"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/due-bucket/shanghai", test_buckets_shanghai);
  g_test_add_func ("/due-bucket/kolkata", test_buckets_kolkata);
  g_test_add_func ("/due-bucket/day-starts", test_day_starts);

  return g_test_run ();
}
