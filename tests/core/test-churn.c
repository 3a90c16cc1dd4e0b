/* test-churn.c
 *
 * The churn warning's rule: typical gaps, the at-risk decision and its
 * one-line reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-churn.h"

#define DAY 86400
/* 2026-06-15 12:00 UTC */
#define NOW ((gint64) 20619 * DAY + 12 * 3600)

static gint32
day (const char *ymd)
{
  gint32 out = 0;

  g_assert_true (rapport_churn_parse_day (ymd, &out));
  return out;
}

static void
test_churn_parse_day (void)
{
  gint32 out = 42;

  g_assert_cmpint (day ("1970-01-01"), ==, 0);
  g_assert_cmpint (day ("1970-01-02"), ==, 1);
  g_assert_cmpint (day ("1969-12-31"), ==, -1);
  g_assert_cmpint (day ("2026-06-15"), ==, 20619);
  g_assert_cmpint (day ("2024-03-01") - day ("2024-02-28"), ==, 2);
  g_assert_cmpint (day ("2023-03-01") - day ("2023-02-28"), ==, 1);

  g_assert_false (rapport_churn_parse_day ("2023-02-29", &out));
  g_assert_false (rapport_churn_parse_day ("2023-13-01", &out));
  g_assert_false (rapport_churn_parse_day ("2023-1-01", &out));
  g_assert_false (rapport_churn_parse_day ("2023-01-01x", &out));
  g_assert_false (rapport_churn_parse_day ("", &out));
  g_assert_false (rapport_churn_parse_day (NULL, &out));
  g_assert_cmpint (out, ==, 42);
}

static void
test_churn_typical_gap (void)
{
  const gint32 none[] = { 0 };
  const gint32 one[] = { 100 };
  const gint32 two[] = { 130, 100 };
  const gint32 three[] = { 142, 121, 100 };
  /* Gaps 7, 21, 30: the median is 21 whatever the order. */
  const gint32 unsorted[] = { 100, 158, 107, 128 };
  /* Gaps 10 and 20: halfway, 15. */
  const gint32 even[] = { 130, 120, 100 };
  const gint32 even4[] = { 0, 10, 20, 40, 80 };
  /* Four orders on two days: one gap, no history yet. */
  const gint32 same_day[] = { 120, 120, 100, 100 };
  /* Same-day orders count once: gaps 14 and 14. */
  const gint32 same_day3[] = { 128, 128, 114, 100, 100 };

  g_assert_cmpuint (rapport_churn_typical_gap_days (none, 0), ==, 0);
  g_assert_cmpuint (rapport_churn_typical_gap_days (one, 1), ==, 0);
  g_assert_cmpuint (rapport_churn_typical_gap_days (two, 2), ==, 0);
  g_assert_cmpuint (rapport_churn_typical_gap_days (three, 3), ==, 21);
  g_assert_cmpuint (rapport_churn_typical_gap_days (unsorted, 4), ==, 21);
  g_assert_cmpuint (rapport_churn_typical_gap_days (even, 3), ==, 15);
  g_assert_cmpuint (rapport_churn_typical_gap_days (even4, 5), ==, 15);
  g_assert_cmpuint (rapport_churn_typical_gap_days (same_day, 4), ==, 0);
  g_assert_cmpuint (rapport_churn_typical_gap_days (same_day3, 5), ==, 14);
}

static void
test_churn_threshold_only (void)
{
  /* No orders: only the tier's threshold counts, from the last interaction. */
  g_assert_false (rapport_churn_is_at_risk (60, 2.0, NOW - 60 * DAY, 0, 0, 0, FALSE, NOW));
  g_assert_true (rapport_churn_is_at_risk (60, 2.0, NOW - 61 * DAY, 0, 0, 0, FALSE, NOW));
  g_assert_false (rapport_churn_is_at_risk (90, 2.0, NOW - 61 * DAY, 0, 0, 0, FALSE, NOW));

  /* Never any activity: counted from when the customer was added. */
  g_assert_false (rapport_churn_is_at_risk (180, 2.0, 0, NOW - 10 * DAY, 0, 0, FALSE, NOW));
  g_assert_true (rapport_churn_is_at_risk (180, 2.0, 0, NOW - 200 * DAY, 0, 0, FALSE, NOW));

  /* Activity in the future (a clock set back): not idle. */
  g_assert_false (rapport_churn_is_at_risk (0, 2.0, NOW + DAY, 0, 0, 0, FALSE, NOW));
}

static void
test_churn_with_history (void)
{
  /* Orders every 3 weeks, threshold 30 days: at risk past 42 days, not 31. */
  g_assert_false (rapport_churn_is_at_risk (30, 2.0, NOW - 31 * DAY, 0, 21, 0, FALSE, NOW));
  g_assert_false (rapport_churn_is_at_risk (30, 2.0, NOW - 42 * DAY, 0, 21, 0, FALSE, NOW));
  g_assert_true (rapport_churn_is_at_risk (30, 2.0, NOW - 43 * DAY, 0, 21, 0, FALSE, NOW));
  g_assert_false (rapport_churn_is_at_risk (30, 3.0, NOW - 43 * DAY, 0, 21, 0, FALSE, NOW));

  /* A frequent buyer is still only warned past its tier's threshold. */
  g_assert_false (rapport_churn_is_at_risk (60, 2.0, NOW - 50 * DAY, 0, 7, 0, FALSE, NOW));
  g_assert_true (rapport_churn_is_at_risk (60, 2.0, NOW - 61 * DAY, 0, 7, 0, FALSE, NOW));
}

static void
test_churn_hold_and_lost (void)
{
  gint64 idle = NOW - 100 * DAY;

  g_assert_true (rapport_churn_is_at_risk (30, 2.0, idle, 0, 0, 0, FALSE, NOW));
  g_assert_false (rapport_churn_is_at_risk (30, 2.0, idle, 0, 0, NOW + 1, FALSE, NOW));
  /* A hold that has ended no longer counts. */
  g_assert_true (rapport_churn_is_at_risk (30, 2.0, idle, 0, 0, NOW, FALSE, NOW));
  g_assert_true (rapport_churn_is_at_risk (30, 2.0, idle, 0, 0, NOW - DAY, FALSE, NOW));
  g_assert_false (rapport_churn_is_at_risk (30, 2.0, idle, 0, 0, 0, TRUE, NOW));
}

static void
test_churn_format_span (void)
{
  const struct { guint days; const char *text; } cases[] = {
    { 0, "0 days" },
    { 1, "1 day" },
    { 13, "13 days" },
    { 14, "2 weeks" },
    { 21, "3 weeks" },
    { 63, "9 weeks" },
    { 90, "13 weeks" },
    { 91, "3 months" },
    { 365, "12 months" },
    { 730, "2 years" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rapport_churn_format_span (cases[i].days);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_churn_describe (void)
{
  g_autofree char *rhythm = NULL;
  g_autofree char *rhythm_contact = NULL;
  g_autofree char *idle = NULL;
  g_autofree char *one_day = NULL;
  g_autofree char *never = NULL;
  g_autofree char *few_orders = NULL;
  gint64 last_order = (gint64) (20619 - 63) * DAY;

  rhythm = rapport_churn_describe (RAPPORT_TIER_GOLD, 60, last_order, last_order, 21, NOW);
  g_assert_cmpstr (rhythm, ==, "orders every 3 weeks; last order 9 weeks ago");

  rhythm_contact = rapport_churn_describe (RAPPORT_TIER_GOLD, 60, NOW - 35 * DAY, last_order, 21, NOW);
  g_assert_cmpstr (rhythm_contact, ==, "orders every 3 weeks; last order 9 weeks ago, last contact 5 weeks ago");

  idle = rapport_churn_describe (RAPPORT_TIER_GOLD, 60, NOW - 95 * DAY, 0, 0, NOW);
  g_assert_cmpstr (idle, ==, "no order or interaction for 95 days (Gold: 60)");

  one_day = rapport_churn_describe (RAPPORT_TIER_PLATINUM, 0, NOW - DAY, 0, 0, NOW);
  g_assert_cmpstr (one_day, ==, "no order or interaction for 1 day (Platinum: 0)");

  never = rapport_churn_describe (RAPPORT_TIER_LEAD, 180, 0, 0, 0, NOW);
  g_assert_cmpstr (never, ==, "no order or interaction yet (Lead: 180)");

  /* One or two orders are no rhythm yet: the threshold explains it. */
  few_orders = rapport_churn_describe (RAPPORT_TIER_IRON, 90, last_order - 40 * DAY, last_order - 40 * DAY, 0, NOW);
  g_assert_cmpstr (few_orders, ==, "no order or interaction for 103 days (Iron: 90)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/churn/parse-day", test_churn_parse_day);
  g_test_add_func ("/churn/typical-gap", test_churn_typical_gap);
  g_test_add_func ("/churn/threshold-only", test_churn_threshold_only);
  g_test_add_func ("/churn/with-history", test_churn_with_history);
  g_test_add_func ("/churn/hold-and-lost", test_churn_hold_and_lost);
  g_test_add_func ("/churn/format-span", test_churn_format_span);
  g_test_add_func ("/churn/describe", test_churn_describe);

  return g_test_run ();
}
