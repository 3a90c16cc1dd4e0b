/* test-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-date.h"
#include "rapport-validation.h"

static void
test_date_validate (void)
{
  const char * const valid[] = { "2024-02-29", "2025-01-29", "1900-01-01", "0001-01-01", "9999-12-31" };
  const char * const invalid[] = {
    "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-1", "24-01-01",
    "2024/01/01", "2024-01-01T00:00", "0000-01-01", "abcd-ef-gh", "", " 2024-01-01",
  };
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (rapport_date_validate (valid[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_false (rapport_date_validate (invalid[i], &error));
      g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
      g_clear_error (&error);
    }

  g_assert_false (rapport_date_validate (NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_assert_false (rapport_date_validate ("2023-02-29", &error));
  g_assert_cmpstr (error->message, ==, "“2023-02-29” is not a date: write it as YYYY-MM-DD, like 2024-02-29");
}

static void
test_date_today (void)
{
  g_autoptr (RapportClock) clock = rapport_clock_new ();
  g_autofree char *before_midnight = NULL;
  g_autofree char *after_midnight = NULL;

  /* TZ=Asia/Shanghai: 2024-02-09 15:59:59 UTC is 23:59:59 local. */
  rapport_clock_set_fixed (clock, 1707494399);
  before_midnight = rapport_date_today (clock);
  g_assert_cmpstr (before_midnight, ==, "2024-02-09");

  rapport_clock_advance (clock, 1);
  after_midnight = rapport_date_today (clock);
  g_assert_cmpstr (after_midnight, ==, "2024-02-10");
}

static void
test_date_unix (void)
{
  g_autofree char *date = rapport_date_from_unix_local (0);

  /* 1970-01-01 00:00 UTC is 08:00 in Shanghai. */
  g_assert_cmpstr (date, ==, "1970-01-01");
  g_assert_cmpint (rapport_date_to_unix_local ("1970-01-01"), ==, -8 * 3600);
  g_assert_cmpint (rapport_date_to_unix_local ("2024-02-10"), ==, 1707494400);

  for (gint64 t = 1700000000; t < 1700000000 + 400 * 86400; t += 86400 + 3601)
    {
      g_autofree char *ymd = rapport_date_from_unix_local (t);
      gint64 midnight = rapport_date_to_unix_local (ymd);

      g_assert_true (rapport_date_validate (ymd, NULL));
      g_assert_cmpint (midnight, <=, t);
      g_assert_cmpint (t - midnight, <, 86400);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/date/validate", test_date_validate);
  g_test_add_func ("/core/date/today", test_date_today);
  g_test_add_func ("/core/date/unix", test_date_unix);

  return g_test_run ();
}
