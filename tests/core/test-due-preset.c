/* test-due-preset.c
 *
 * The quick choices of a due time and of a snooze, at the edges of the day and
 * of the week and month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-due-preset.h"

static GDateTime *
shanghai (const char *local)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  GDateTime *time = g_date_time_new_from_iso8601 (local, zone);

  g_assert_nonnull (time);
  return time;
}

static void
check_preset (RapportDuePreset preset,
              const char      *now_local,
              const char      *expected)
{
  g_autoptr (GDateTime) now = shanghai (now_local);
  g_autofree char *due = rapport_due_preset_apply (preset, now);

  g_assert_cmpstr (due, ==, expected);
}

static void
test_due_presets (void)
{
  /* 2026-12-02 is a Wednesday. */
  check_preset (RAPPORT_DUE_PRESET_IN_AN_HOUR, "2026-12-02T10:02:30", "2026-12-02 11:05");
  check_preset (RAPPORT_DUE_PRESET_IN_AN_HOUR, "2026-12-02T10:05:00", "2026-12-02 11:05");
  check_preset (RAPPORT_DUE_PRESET_IN_AN_HOUR, "2026-12-02T23:58:00", "2026-12-03 01:00");
  check_preset (RAPPORT_DUE_PRESET_THIS_AFTERNOON, "2026-12-02T10:00:00", "2026-12-02 14:00");
  check_preset (RAPPORT_DUE_PRESET_THIS_AFTERNOON, "2026-12-02T15:30:00", "2026-12-02 17:00");
  check_preset (RAPPORT_DUE_PRESET_THIS_AFTERNOON, "2026-12-02T18:00:00", "2026-12-03 14:00");
  check_preset (RAPPORT_DUE_PRESET_TOMORROW_MORNING, "2026-12-31T20:00:00", "2027-01-01 09:00");
  check_preset (RAPPORT_DUE_PRESET_NEXT_MONDAY, "2026-12-02T10:00:00", "2026-12-07 09:00");
  check_preset (RAPPORT_DUE_PRESET_NEXT_MONDAY, "2026-12-07T08:00:00", "2026-12-14 09:00");
  check_preset (RAPPORT_DUE_PRESET_NEXT_MONDAY, "2026-12-06T22:00:00", "2026-12-07 09:00");
  check_preset (RAPPORT_DUE_PRESET_IN_A_MONTH, "2026-12-02T10:00:00", "2027-01-02 09:00");
  check_preset (RAPPORT_DUE_PRESET_IN_A_MONTH, "2027-01-31T10:00:00", "2027-02-28 09:00");

  for (guint i = 0; i < RAPPORT_N_DUE_PRESETS; i++)
    g_assert_nonnull (rapport_due_preset_get_label (i));
}

static void
test_snoozes (void)
{
  g_autoptr (GDateTime) now = shanghai ("2026-12-02T10:00:00");
  g_autoptr (GDateTime) morning = shanghai ("2026-12-03T09:00:00");
  g_autoptr (GDateTime) monday = shanghai ("2026-12-07T09:00:00");

  g_assert_cmpint (rapport_snooze_until (RAPPORT_SNOOZE_ONE_HOUR, now), ==,
                   g_date_time_to_unix (now) + 3600);
  g_assert_cmpint (rapport_snooze_until (RAPPORT_SNOOZE_TOMORROW_MORNING, now), ==,
                   g_date_time_to_unix (morning));
  g_assert_cmpint (rapport_snooze_until (RAPPORT_SNOOZE_NEXT_WEEK, now), ==,
                   g_date_time_to_unix (monday));

  for (guint i = 0; i < RAPPORT_N_SNOOZES; i++)
    g_assert_nonnull (rapport_snooze_get_label (i));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/due-preset/due", test_due_presets);
  g_test_add_func ("/due-preset/snooze", test_snoozes);

  return g_test_run ();
}
