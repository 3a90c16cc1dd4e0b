/* test-holiday.c
 *
 * Expected dates come from published calendars (the State Council's holiday
 * notices and almanacs), not from lunar-date's own output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-holiday.h"

static void
assert_holiday (RapportHoliday  holiday,
                int             year,
                const char     *expected)
{
  GDate date;
  char text[16];

  g_date_clear (&date, 1);
  g_assert_true (rapport_holiday_get_date (holiday, year, &date));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_holiday_keys (void)
{
  const char * const keys[] = {
    "new-year", "new-years-eve", "spring-festival", "lantern", "womens-day", "labour-day",
    "dragon-boat", "qixi", "mid-autumn", "double-ninth", "national-day", "christmas",
  };
  g_autoptr (GEnumClass) enum_class = g_type_class_ref (RAPPORT_TYPE_HOLIDAY);
  RapportHoliday holiday = RAPPORT_HOLIDAY_NEW_YEAR;

  g_assert_cmpuint (enum_class->n_values, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      RapportHoliday parsed = RAPPORT_HOLIDAY_CHRISTMAS - (i == RAPPORT_HOLIDAY_CHRISTMAS);

      g_assert_cmpstr (rapport_holiday_to_string (i), ==, keys[i]);
      g_assert_cmpstr (g_enum_get_value (enum_class, i)->value_nick, ==, keys[i]);
      g_assert_true (rapport_holiday_from_string (keys[i], &parsed));
      g_assert_cmpint (parsed, ==, i);
      g_assert_nonnull (rapport_holiday_get_label (i));
    }
  g_assert_cmpstr (rapport_holiday_get_label (RAPPORT_HOLIDAY_SPRING_FESTIVAL), ==, "Spring Festival");
  g_assert_false (rapport_holiday_from_string ("easter", &holiday));
  g_assert_false (rapport_holiday_from_string (NULL, &holiday));
  g_assert_cmpint (holiday, ==, RAPPORT_HOLIDAY_NEW_YEAR);
}

static void
test_holiday_spring_festival (void)
{
  const char * const dates[] = {
    "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13",
    "2030-02-03", "2031-01-23", "2032-02-11", "2033-01-31", "2034-02-19", "2035-02-08",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    assert_holiday (RAPPORT_HOLIDAY_SPRING_FESTIVAL, 2024 + i, dates[i]);
}

static void
test_holiday_new_years_eve (void)
{
  /* Month 12 of lunar 2024 had 29 days, so the eve was its 29th. */
  assert_holiday (RAPPORT_HOLIDAY_NEW_YEARS_EVE, 2025, "2025-01-28");
  assert_holiday (RAPPORT_HOLIDAY_NEW_YEARS_EVE, 2026, "2026-02-16");
  assert_holiday (RAPPORT_HOLIDAY_NEW_YEARS_EVE, 2024, "2024-02-09");
  assert_holiday (RAPPORT_HOLIDAY_NEW_YEARS_EVE, 2031, "2031-01-22");
  assert_holiday (RAPPORT_HOLIDAY_NEW_YEARS_EVE, 2034, "2034-02-18");
}

static void
test_holiday_lunar_festivals (void)
{
  assert_holiday (RAPPORT_HOLIDAY_MID_AUTUMN, 2020, "2020-10-01");
  assert_holiday (RAPPORT_HOLIDAY_MID_AUTUMN, 2021, "2021-09-21");
  assert_holiday (RAPPORT_HOLIDAY_MID_AUTUMN, 2022, "2022-09-10");
  assert_holiday (RAPPORT_HOLIDAY_MID_AUTUMN, 2023, "2023-09-29");
  assert_holiday (RAPPORT_HOLIDAY_MID_AUTUMN, 2024, "2024-09-17");
  assert_holiday (RAPPORT_HOLIDAY_MID_AUTUMN, 2025, "2025-10-06");
  assert_holiday (RAPPORT_HOLIDAY_MID_AUTUMN, 2026, "2026-09-25");
  assert_holiday (RAPPORT_HOLIDAY_MID_AUTUMN, 2027, "2027-09-15");

  assert_holiday (RAPPORT_HOLIDAY_DRAGON_BOAT, 2022, "2022-06-03");
  assert_holiday (RAPPORT_HOLIDAY_DRAGON_BOAT, 2023, "2023-06-22");
  assert_holiday (RAPPORT_HOLIDAY_DRAGON_BOAT, 2024, "2024-06-10");
  assert_holiday (RAPPORT_HOLIDAY_DRAGON_BOAT, 2025, "2025-05-31");
  assert_holiday (RAPPORT_HOLIDAY_DRAGON_BOAT, 2026, "2026-06-19");

  assert_holiday (RAPPORT_HOLIDAY_LANTERN, 2024, "2024-02-24");
  assert_holiday (RAPPORT_HOLIDAY_LANTERN, 2025, "2025-02-12");
  assert_holiday (RAPPORT_HOLIDAY_QIXI, 2024, "2024-08-10");
  assert_holiday (RAPPORT_HOLIDAY_QIXI, 2025, "2025-08-29");
  assert_holiday (RAPPORT_HOLIDAY_DOUBLE_NINTH, 2024, "2024-10-11");
  assert_holiday (RAPPORT_HOLIDAY_DOUBLE_NINTH, 2025, "2025-10-29");
}

static void
test_holiday_fixed (void)
{
  assert_holiday (RAPPORT_HOLIDAY_NEW_YEAR, 2026, "2026-01-01");
  assert_holiday (RAPPORT_HOLIDAY_WOMENS_DAY, 2026, "2026-03-08");
  assert_holiday (RAPPORT_HOLIDAY_LABOUR_DAY, 2026, "2026-05-01");
  assert_holiday (RAPPORT_HOLIDAY_NATIONAL_DAY, 2026, "2026-10-01");
  assert_holiday (RAPPORT_HOLIDAY_CHRISTMAS, 2026, "2026-12-25");
  /* Gregorian holidays do not depend on the lunar calendar's range. */
  assert_holiday (RAPPORT_HOLIDAY_CHRISTMAS, 2150, "2150-12-25");
  g_assert_false (rapport_holiday_get_date (RAPPORT_HOLIDAY_MID_AUTUMN, 2150, NULL));
}

static void
test_holiday_next (void)
{
  GDate from, date;
  char text[16];

  g_date_clear (&from, 1);
  g_date_clear (&date, 1);

  g_date_set_dmy (&from, 6, G_DATE_OCTOBER, 2025);
  g_assert_true (rapport_holiday_next (RAPPORT_HOLIDAY_MID_AUTUMN, &from, &date));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  g_assert_cmpstr (text, ==, "2025-10-06");

  g_date_set_dmy (&from, 7, G_DATE_OCTOBER, 2025);
  g_assert_true (rapport_holiday_next (RAPPORT_HOLIDAY_MID_AUTUMN, &from, &date));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  g_assert_cmpstr (text, ==, "2026-09-25");

  g_date_set_dmy (&from, 26, G_DATE_DECEMBER, 2025);
  g_assert_true (rapport_holiday_next (RAPPORT_HOLIDAY_NEW_YEARS_EVE, &from, &date));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  g_assert_cmpstr (text, ==, "2026-02-16");

  g_assert_true (rapport_holiday_next (RAPPORT_HOLIDAY_CHRISTMAS, &from, &date));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  g_assert_cmpstr (text, ==, "2026-12-25");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/holiday/keys", test_holiday_keys);
  g_test_add_func ("/core/holiday/spring-festival", test_holiday_spring_festival);
  g_test_add_func ("/core/holiday/new-years-eve", test_holiday_new_years_eve);
  g_test_add_func ("/core/holiday/lunar-festivals", test_holiday_lunar_festivals);
  g_test_add_func ("/core/holiday/fixed", test_holiday_fixed);
  g_test_add_func ("/core/holiday/next", test_holiday_next);

  return g_test_run ();
}
