/* test-lunar.c
 *
 * Expected dates come from published calendars (the State Council's holiday
 * notices and almanacs), not from lunar-date's own output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-lunar.h"

static void
assert_date (const GDate *date,
             const char  *expected)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_to_solar (int         year,
                 int         month,
                 int         day,
                 gboolean    leap,
                 const char *expected)
{
  GDate date;
  int lunar_year = 0, lunar_month = 0, lunar_day = 0;
  gboolean lunar_leap = !leap;

  g_date_clear (&date, 1);
  g_assert_true (rapport_lunar_to_solar (year, month, day, leap, &date));
  assert_date (&date, expected);

  g_assert_true (rapport_lunar_from_solar (&date, &lunar_year, &lunar_month, &lunar_day, &lunar_leap));
  g_assert_cmpint (lunar_year, ==, year);
  g_assert_cmpint (lunar_month, ==, month);
  g_assert_cmpint (lunar_day, ==, day);
  g_assert_cmpint (lunar_leap, ==, leap);
}

static void
test_lunar_conversion (void)
{
  /* Spring Festivals. */
  assert_to_solar (2024, 1, 1, FALSE, "2024-02-10");
  assert_to_solar (2025, 1, 1, FALSE, "2025-01-29");
  /* 腊八 (12/8). */
  assert_to_solar (2023, 12, 8, FALSE, "2024-01-18");
  assert_to_solar (2024, 12, 8, FALSE, "2025-01-07");
  /* 2023 had a leap 2nd month from 03-22 to 04-19. */
  assert_to_solar (2023, 2, 1, FALSE, "2023-02-20");
  assert_to_solar (2023, 2, 1, TRUE, "2023-03-22");
  assert_to_solar (2023, 3, 1, FALSE, "2023-04-20");
  /* 2025 has a leap 6th month from 07-25 to 08-22. */
  assert_to_solar (2025, 6, 1, TRUE, "2025-07-25");
  assert_to_solar (2025, 7, 1, FALSE, "2025-08-23");
}

/* Every few days from 1901 to 2100 goes to the lunar calendar and back. */
static void
test_lunar_round_trip (void)
{
  g_autoptr (GDate) date = g_date_new_dmy (19, G_DATE_FEBRUARY, 1901);
  g_autoptr (GDate) last = g_date_new_dmy (31, G_DATE_DECEMBER, 2100);
  int leap_months = 0;

  for (; g_date_compare (date, last) <= 0; g_date_add_days (date, 3))
    {
      int year, month, day;
      gboolean leap;
      GDate back;

      g_date_clear (&back, 1);
      g_assert_true (rapport_lunar_from_solar (date, &year, &month, &day, &leap));
      g_assert_true (rapport_lunar_to_solar (year, month, day, leap, &back));
      g_assert_cmpint (g_date_compare (&back, date), ==, 0);
      g_assert_cmpint (day, <=, rapport_lunar_month_days (year, month, leap));
      leap_months += (leap && day <= 3);
    }

  /* About 7 leap months in 19 years. */
  g_assert_cmpint (leap_months, >, 60);
  g_assert_cmpint (leap_months, <, 85);
}

static void
test_lunar_invalid (void)
{
  GDate date;

  g_date_clear (&date, 1);
  /* No leap 3rd month in 2023, no leap month at all in 2024. */
  g_assert_false (rapport_lunar_to_solar (2023, 3, 1, TRUE, &date));
  g_assert_false (rapport_lunar_to_solar (2024, 2, 1, TRUE, &date));
  /* The 12th month of lunar 2024 had 29 days (除夕 2025-01-28 was the 29th). */
  g_assert_false (rapport_lunar_to_solar (2024, 12, 30, FALSE, &date));
  g_assert_true (rapport_lunar_to_solar (2024, 12, 29, FALSE, &date));
  assert_date (&date, "2025-01-28");
  g_assert_cmpint (rapport_lunar_month_days (2024, 12, FALSE), ==, 29);
  g_assert_cmpint (rapport_lunar_month_days (2024, 2, TRUE), ==, 0);

  g_assert_false (rapport_lunar_to_solar (2024, 0, 1, FALSE, &date));
  g_assert_false (rapport_lunar_to_solar (2024, 13, 1, FALSE, &date));
  g_assert_false (rapport_lunar_to_solar (2024, 1, 0, FALSE, &date));
  g_assert_false (rapport_lunar_to_solar (2024, 1, 31, FALSE, &date));
  g_assert_false (rapport_lunar_to_solar (1899, 1, 1, FALSE, &date));
  g_assert_false (rapport_lunar_to_solar (2101, 1, 1, FALSE, &date));
  /* @out is left alone on failure. */
  assert_date (&date, "2025-01-28");

  g_date_set_dmy (&date, 1, 1, 1899);
  g_assert_false (rapport_lunar_from_solar (&date, NULL, NULL, NULL, NULL));
  g_date_set_dmy (&date, 1, 1, 2101);
  g_assert_false (rapport_lunar_from_solar (&date, NULL, NULL, NULL, NULL));
  g_assert_null (rapport_lunar_format (&date));
}

static void
test_lunar_format (void)
{
  g_autoptr (GDate) mid_autumn = g_date_new_dmy (6, G_DATE_OCTOBER, 2025);
  g_autoptr (GDate) leap = g_date_new_dmy (25, G_DATE_JULY, 2025);
  g_autofree char *mid_autumn_text = rapport_lunar_format (mid_autumn);
  g_autofree char *leap_text = rapport_lunar_format (leap);

  /* The tests run untranslated; Chinese gets 农历八月十五 from zh_CN.po. */
  g_assert_cmpstr (mid_autumn_text, ==, "Lunar 8/15");
  g_assert_cmpstr (leap_text, ==, "Lunar leap 6/1");
}

static void
assert_birthday (const char *birthday,
                 gboolean    lunar,
                 int         year,
                 const char *expected)
{
  GDate date;

  g_date_clear (&date, 1);
  if (expected == NULL)
    {
      g_assert_false (rapport_birthday_in_year (birthday, lunar, year, &date));
      return;
    }
  g_assert_true (rapport_birthday_in_year (birthday, lunar, year, &date));
  assert_date (&date, expected);
}

static void
test_birthday_gregorian (void)
{
  assert_birthday ("1985-06-15", FALSE, 2026, "2026-06-15");
  assert_birthday ("2000-02-29", FALSE, 2024, "2024-02-29");
  assert_birthday ("2000-02-29", FALSE, 2025, "2025-02-28");
  assert_birthday ("2001-02-29", FALSE, 2025, NULL);
  assert_birthday ("1985-6-15", FALSE, 2026, NULL);
  assert_birthday ("", FALSE, 2026, NULL);
  assert_birthday (NULL, FALSE, 2026, NULL);
}

static void
test_birthday_lunar (void)
{
  /* Born on 8/15: the Mid-Autumn Festival's date each year. */
  assert_birthday ("1980-08-15", TRUE, 2024, "2024-09-17");
  assert_birthday ("1980-08-15", TRUE, 2025, "2025-10-06");
  /* Born on 12/30: the 12th month of lunar 2024 had 29 days. */
  assert_birthday ("1990-12-30", TRUE, 2025, "2025-01-28");
  /* 12/8 in January; 12/1 fell twice in 2024 (01-11 and 12-31) and not in 2025. */
  assert_birthday ("1970-12-08", TRUE, 2025, "2025-01-07");
  assert_birthday ("1970-12-01", TRUE, 2024, "2024-01-11");
  assert_birthday ("1970-12-01", TRUE, 2025, NULL);
  /* 2/30 exists in lunar 2023: its 2nd month ran to 03-21, the day before the leap one. */
  assert_birthday ("1995-02-30", TRUE, 2023, "2023-03-21");
  assert_birthday ("1995-13-01", TRUE, 2025, NULL);
  assert_birthday ("1995-01-31", TRUE, 2025, NULL);
}

static void
test_birthday_leap_month (void)
{
  GDate date, leap_start;
  int month = 0, day = 0;
  gboolean leap = TRUE;

  /* Someone born in 2025's leap 6th month has "2025-06-01" stored; the
   * birthday is kept in the ordinary 6th month, before the leap one. */
  g_date_clear (&date, 1);
  g_date_clear (&leap_start, 1);
  g_assert_true (rapport_birthday_in_year ("2025-06-01", TRUE, 2025, &date));
  g_assert_true (rapport_lunar_from_solar (&date, NULL, &month, &day, &leap));
  g_assert_cmpint (month, ==, 6);
  g_assert_cmpint (day, ==, 1);
  g_assert_false (leap);
  g_date_set_dmy (&leap_start, 25, G_DATE_JULY, 2025);
  g_assert_cmpint (g_date_days_between (&date, &leap_start), >=, 29);
}

static void
test_birthday_next (void)
{
  GDate from, date;

  g_date_clear (&from, 1);
  g_date_clear (&date, 1);

  g_date_set_dmy (&from, 1, G_DATE_JUNE, 2026);
  g_assert_true (rapport_birthday_next ("1985-06-15", FALSE, &from, &date));
  assert_date (&date, "2026-06-15");
  g_date_set_dmy (&from, 15, G_DATE_JUNE, 2026);
  g_assert_true (rapport_birthday_next ("1985-06-15", FALSE, &from, &date));
  assert_date (&date, "2026-06-15");
  g_date_set_dmy (&from, 16, G_DATE_JUNE, 2026);
  g_assert_true (rapport_birthday_next ("1985-06-15", FALSE, &from, &date));
  assert_date (&date, "2027-06-15");
  g_date_set_dmy (&from, 1, G_DATE_MARCH, 2024);
  g_assert_true (rapport_birthday_next ("2000-02-29", FALSE, &from, &date));
  assert_date (&date, "2025-02-28");

  /* The second occurrence of 12/1 in 2024. */
  g_date_set_dmy (&from, 12, G_DATE_JANUARY, 2024);
  g_assert_true (rapport_birthday_next ("1970-12-01", TRUE, &from, &date));
  assert_date (&date, "2024-12-31");
  /* Mid-Autumn: after 2025's comes 2026's. */
  g_date_set_dmy (&from, 7, G_DATE_OCTOBER, 2025);
  g_assert_true (rapport_birthday_next ("1980-08-15", TRUE, &from, &date));
  assert_date (&date, "2026-09-25");
  /* 12/1 skips Gregorian 2025: the next after 2025-01-01 is in January 2026. */
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2025);
  g_assert_true (rapport_birthday_next ("1970-12-01", TRUE, &from, &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2026);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_JANUARY);

  g_assert_false (rapport_birthday_next ("not a date", FALSE, &from, &date));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/lunar/conversion", test_lunar_conversion);
  g_test_add_func ("/core/lunar/round-trip", test_lunar_round_trip);
  g_test_add_func ("/core/lunar/invalid", test_lunar_invalid);
  g_test_add_func ("/core/lunar/format", test_lunar_format);
  g_test_add_func ("/core/lunar/birthday-gregorian", test_birthday_gregorian);
  g_test_add_func ("/core/lunar/birthday-lunar", test_birthday_lunar);
  g_test_add_func ("/core/lunar/birthday-leap-month", test_birthday_leap_month);
  g_test_add_func ("/core/lunar/birthday-next", test_birthday_next);

  return g_test_run ();
}
