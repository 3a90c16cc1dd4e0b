/* test-due-time.c
 *
 * Due times are local wall-clock times in a named zone: what they mean in UTC
 * across daylight-saving changes and odd offsets, and how a recurrence steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-due-time.h"
#include "rapport-validation.h"

static gint64
utc (const char *iso)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

static void
test_validate (void)
{
  const char * const good[] = { "2026-03-29 09:00", "2024-02-29 23:59", "2026-12-31 00:00" };
  const char * const bad[] = { "", "2026-03-29", "2026-03-29 9:00", "2026-02-29 09:00",
                               "2026-03-29 24:00", "2026-03-29 09:60", "2026-03-29T09:00",
                               "2026-03-29 09:00:00" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (rapport_due_time_validate (good[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (rapport_due_time_validate (bad[i], &error));
      g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
    }
}

/* 9:00 in Berlin is 8:00 UTC in winter and 7:00 UTC in summer: the wall
 * clock stays, the instant moves. */
static void
test_stays_at_nine_across_dst (void)
{
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autofree char *next_week = NULL;
  g_autofree char *back = NULL;

  g_assert_nonnull (berlin);
  g_assert_cmpint (rapport_due_time_to_unix ("2026-03-23 09:00", berlin), ==, utc ("2026-03-23T08:00:00Z"));

  next_week = rapport_due_time_next ("2026-03-23 09:00", RAPPORT_REPEAT_WEEKS, 1, NULL);
  g_assert_cmpstr (next_week, ==, "2026-03-30 09:00");
  g_assert_cmpint (rapport_due_time_to_unix (next_week, berlin), ==, utc ("2026-03-30T07:00:00Z"));

  back = rapport_due_time_from_unix (utc ("2026-03-30T07:00:00Z"), berlin);
  g_assert_cmpstr (back, ==, "2026-03-30 09:00");
}

/* 2:30 does not exist in Berlin on 29 March 2026 (2:00 → 3:00): 3:00, the
 * first minute after the gap; 2:30 on 25 October exists twice: the first. */
static void
test_gap_and_repeated_hour (void)
{
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");

  g_assert_cmpint (rapport_due_time_to_unix ("2026-03-29 02:30", berlin), ==, utc ("2026-03-29T01:00:00Z"));
  g_assert_cmpint (rapport_due_time_to_unix ("2026-10-25 02:30", berlin), ==, utc ("2026-10-25T00:30:00Z"));
}

/* Zones with half-hour offsets, and China's, which has no DST. */
static void
test_odd_offsets (void)
{
  g_autoptr (GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  g_autoptr (GTimeZone) adelaide = g_time_zone_new_identifier ("Australia/Adelaide");
  g_autoptr (GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");

  g_assert_cmpint (rapport_due_time_to_unix ("2026-06-01 09:00", kolkata), ==, utc ("2026-06-01T03:30:00Z"));
  /* +9:30 in the southern winter, +10:30 in its summer. */
  g_assert_cmpint (rapport_due_time_to_unix ("2026-06-01 09:00", adelaide), ==, utc ("2026-05-31T23:30:00Z"));
  g_assert_cmpint (rapport_due_time_to_unix ("2026-12-01 09:00", adelaide), ==, utc ("2026-11-30T22:30:00Z"));
  g_assert_cmpint (rapport_due_time_to_unix ("2026-12-01 09:00", shanghai), ==, utc ("2026-12-01T01:00:00Z"));
}

static void
test_recurrence (void)
{
  static const struct {
    const char        *from;
    RapportRepeatUnit  unit;
    int                every;
    const char        *next;
  } steps[] = {
    { "2026-12-31 18:00", RAPPORT_REPEAT_DAYS, 1, "2027-01-01 18:00" },
    { "2026-12-02 09:30", RAPPORT_REPEAT_DAYS, 30, "2027-01-01 09:30" },
    { "2026-12-02 09:30", RAPPORT_REPEAT_WEEKS, 2, "2026-12-16 09:30" },
    { "2026-01-31 10:00", RAPPORT_REPEAT_MONTHS, 1, "2026-02-28 10:00" },
    { "2028-01-31 10:00", RAPPORT_REPEAT_MONTHS, 1, "2028-02-29 10:00" },
    { "2026-11-15 08:00", RAPPORT_REPEAT_MONTHS, 3, "2027-02-15 08:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *next = rapport_due_time_next (steps[i].from, steps[i].unit, steps[i].every, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (next, ==, steps[i].next);
    }
}

static void
test_recurrence_refuses_nonsense (void)
{
  const int bad[] = { 0, -1, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *next = rapport_due_time_next ("2026-12-02 09:00", RAPPORT_REPEAT_DAYS, bad[i], &error);

      g_assert_null (next);
      g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_REPEAT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/due-time/validate", test_validate);
  g_test_add_func ("/core/due-time/stays-at-nine-across-dst", test_stays_at_nine_across_dst);
  g_test_add_func ("/core/due-time/gap-and-repeated-hour", test_gap_and_repeated_hour);
  g_test_add_func ("/core/due-time/odd-offsets", test_odd_offsets);
  g_test_add_func ("/core/due-time/recurrence", test_recurrence);
  g_test_add_func ("/core/due-time/recurrence-refuses-nonsense", test_recurrence_refuses_nonsense);

  return g_test_run ();
}
