/* test-report.c
 *
 * The report model: kinds, default periods and the previous period, section
 * tables with their formatted cells, series, notes and the accessible
 * description; the value matrix's treatments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "rapport-report.h"
#include "rapport-value-matrix.h"

static void
test_report_kinds (void)
{
  RapportReportKind kind = RAPPORT_REPORT_CHURN;

  for (guint i = 0; i < RAPPORT_N_REPORT_KINDS; i++)
    {
      const char *key = rapport_report_kind_to_string (i);

      g_assert_true (rapport_report_kind_from_string (key, &kind));
      g_assert_cmpuint (kind, ==, i);
      g_assert_cmpstr (rapport_report_kind_get_title (i), !=, "");
      g_assert_cmpstr (rapport_report_kind_get_description (i), !=, "");
    }

  g_assert_cmpstr (rapport_report_kind_to_string (RAPPORT_REPORT_WORK_LOG), ==, "work_log");
  g_assert_cmpstr (rapport_report_kind_get_title (RAPPORT_REPORT_VALUE_MATRIX), ==, "Value Matrix");
  kind = RAPPORT_REPORT_CHURN;
  g_assert_false (rapport_report_kind_from_string ("revenue", &kind));
  g_assert_false (rapport_report_kind_from_string (NULL, &kind));
  g_assert_cmpuint (kind, ==, RAPPORT_REPORT_CHURN);
}

static void
test_report_query_default (void)
{
  g_autoptr (RapportReportQuery) query = NULL;
  g_autoptr (RapportReportQuery) copy = NULL;
  g_autoptr (RapportReportQuery) week = NULL;
  g_autoptr (RapportReportQuery) sunday = NULL;

  query = rapport_report_query_new (RAPPORT_REPORT_CONTRIBUTION, "2026-03-15", "CNY");
  g_assert_cmpstr (query->from, ==, "2025-04-01");
  g_assert_cmpstr (query->to, ==, "2026-03-15");
  g_assert_cmpuint (query->step, ==, RAPPORT_REPORT_STEP_MONTH);
  g_assert_cmpint (query->tier, ==, -1);
  g_assert_cmpint (query->tag_id, ==, 0);
  g_assert_null (query->region);
  g_assert_cmpint (query->owner_id, ==, -1);
  g_assert_cmpstr (query->currency, ==, "CNY");

  query->region = g_strdup ("Jiangsu");
  copy = rapport_report_query_copy (query);
  g_assert_true (copy->region != query->region);
  g_assert_cmpstr (copy->region, ==, "Jiangsu");
  g_assert_cmpstr (copy->from, ==, "2025-04-01");

  /* 2026-12-03 is a Thursday: Monday 30 Nov to Sunday 6 Dec. */
  week = rapport_report_query_new (RAPPORT_REPORT_WORK_LOG, "2026-12-03", "USD");
  g_assert_cmpstr (week->from, ==, "2026-11-30");
  g_assert_cmpstr (week->to, ==, "2026-12-06");
  g_assert_cmpuint (week->step, ==, RAPPORT_REPORT_STEP_DAY);
  g_assert_cmpstr (week->currency, ==, "USD");

  sunday = rapport_report_query_new (RAPPORT_REPORT_WORK_LOG, "2026-12-06", "CNY");
  g_assert_cmpstr (sunday->from, ==, "2026-11-30");
  g_assert_cmpstr (sunday->to, ==, "2026-12-06");
}

static void
check_previous (const char *from,
                const char *to,
                const char *expected_from,
                const char *expected_to)
{
  g_autoptr (RapportReportQuery) query = rapport_report_query_new (RAPPORT_REPORT_CHURN, "2026-01-01", "CNY");
  g_autoptr (RapportReportQuery) previous = NULL;

  g_free (query->from);
  g_free (query->to);
  query->from = g_strdup (from);
  query->to = g_strdup (to);
  query->tier = 1;
  previous = rapport_report_query_previous (query);
  g_assert_cmpstr (previous->from, ==, expected_from);
  g_assert_cmpstr (previous->to, ==, expected_to);
  g_assert_cmpint (previous->tier, ==, 1);
}

static void
test_report_query_previous (void)
{
  check_previous ("2026-01-01", "2026-03-31", "2025-10-01", "2025-12-31");
  check_previous ("2025-04-01", "2026-03-15", "2024-04-01", "2025-03-15");
  check_previous ("2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28");
  check_previous ("2024-03-01", "2024-03-31", "2024-02-01", "2024-02-29");
  /* Not from the 1st: the same number of days just before. */
  check_previous ("2026-11-30", "2026-12-06", "2026-11-23", "2026-11-29");
  check_previous ("2026-03-10", "2026-03-10", "2026-03-09", "2026-03-09");
}

static void
test_report_section_cells (void)
{
  g_autoptr (RapportReportSection) section = rapport_report_section_new ("top", "Top customers", RAPPORT_CHART_BAR);
  guint name, revenue, share, time, rating, count, row;

  rapport_report_section_set_currency (section, "CNY");
  name = rapport_report_section_add_column (section, "Customer", RAPPORT_REPORT_VALUE_TEXT);
  revenue = rapport_report_section_add_column (section, "Revenue", RAPPORT_REPORT_VALUE_MONEY);
  share = rapport_report_section_add_column (section, "Share", RAPPORT_REPORT_VALUE_PERCENT);
  time = rapport_report_section_add_column (section, "Time", RAPPORT_REPORT_VALUE_DURATION);
  rating = rapport_report_section_add_column (section, "Rating", RAPPORT_REPORT_VALUE_RATING);
  count = rapport_report_section_add_column (section, "Orders", RAPPORT_REPORT_VALUE_COUNT);
  g_assert_cmpuint (rapport_report_section_get_n_columns (section), ==, 6);
  g_assert_cmpstr (rapport_report_section_get_column_title (section, share), ==, "Share");
  g_assert_cmpuint (rapport_report_section_get_column_kind (section, time), ==, RAPPORT_REPORT_VALUE_DURATION);

  row = rapport_report_section_add_row (section, "42");
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpstr (rapport_report_section_get_text (section, row, revenue), ==, "");
  g_assert_cmpfloat (rapport_report_section_get_value (section, row, revenue), ==, 0);

  rapport_report_section_set_text (section, row, name, "Acme");
  rapport_report_section_set_value (section, row, revenue, 123456, NULL);
  rapport_report_section_set_value (section, row, share, 41.6, NULL);
  rapport_report_section_set_value (section, row, time, 3 * 3600 + 20 * 60, NULL);
  rapport_report_section_set_value (section, row, rating, 4.24, NULL);
  rapport_report_section_set_value (section, row, count, 12345, NULL);

  g_assert_cmpstr (rapport_report_section_get_text (section, row, name), ==, "Acme");
  g_assert_cmpstr (rapport_report_section_get_text (section, row, revenue), ==, "¥1,234.56");
  g_assert_cmpfloat (rapport_report_section_get_value (section, row, revenue), ==, 123456);
  g_assert_cmpstr (rapport_report_section_get_text (section, row, share), ==, "42%");
  g_assert_cmpstr (rapport_report_section_get_text (section, row, time), ==, "3 h 20 min");
  g_assert_cmpstr (rapport_report_section_get_text (section, row, rating), ==, "4.2");
  g_assert_cmpstr (rapport_report_section_get_text (section, row, count), ==, "12,345");
  g_assert_cmpstr (rapport_report_section_get_drill_key (section, row), ==, "42");

  row = rapport_report_section_add_row (section, NULL);
  g_assert_null (rapport_report_section_get_drill_key (section, row));
  rapport_report_section_set_value (section, row, revenue, -5000, NULL);
  rapport_report_section_set_value (section, row, share, 0.44, NULL);
  rapport_report_section_set_value (section, row, time, 50 * 60, NULL);
  rapport_report_section_set_value (section, row, count, 7, "seven");
  g_assert_cmpstr (rapport_report_section_get_text (section, row, revenue), ==, "-¥50.00");
  g_assert_cmpstr (rapport_report_section_get_text (section, row, share), ==, "0.4%");
  g_assert_cmpstr (rapport_report_section_get_text (section, row, time), ==, "50 min");
  g_assert_cmpstr (rapport_report_section_get_text (section, row, count), ==, "seven");
  g_assert_cmpfloat (rapport_report_section_get_value (section, row, count), ==, 7);
  rapport_report_section_set_value (section, row, time, 3 * 86400 + 2 * 3600, NULL);
  g_assert_cmpstr (rapport_report_section_get_text (section, row, time), ==, "3 d 2 h");

  /* A column added after the rows: their cells start empty. */
  g_assert_cmpuint (rapport_report_section_add_column (section, "Late", RAPPORT_REPORT_VALUE_COUNT), ==, 6);
  g_assert_cmpstr (rapport_report_section_get_text (section, 0, 6), ==, "");
  rapport_report_section_set_value (section, 0, 6, 3, NULL);
  g_assert_cmpstr (rapport_report_section_get_text (section, 0, 6), ==, "3");
  g_assert_cmpuint (rapport_report_section_get_n_rows (section), ==, 2);
}

static void
test_report_section_other_currency (void)
{
  g_autoptr (RapportReport) report = NULL;
  g_autoptr (RapportReportQuery) query = rapport_report_query_new (RAPPORT_REPORT_CONTRIBUTION, "2026-03-15", "USD");
  g_autoptr (RapportReportSection) section = rapport_report_section_new ("by_period", "Revenue by month", RAPPORT_CHART_BAR);

  report = rapport_report_new (query);
  rapport_report_add_section (report, section);
  g_assert_cmpstr (rapport_report_section_get_currency (section), ==, "USD");
  rapport_report_section_add_column (section, "Month", RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, "Revenue", RAPPORT_REPORT_VALUE_MONEY);
  rapport_report_section_add_row (section, NULL);
  rapport_report_section_set_value (section, 0, 1, 1200, NULL);
  g_assert_cmpstr (rapport_report_section_get_text (section, 0, 1), ==, "$12.00");
}

static void
test_report_section_chart (void)
{
  g_autoptr (RapportReportSection) section = rapport_report_section_new ("pareto", "Pareto", RAPPORT_CHART_BAR);
  g_autofree char *description = NULL;
  g_autofree char *empty_description = NULL;
  g_autoptr (RapportReportSection) empty = rapport_report_section_new ("top", "Top customers", RAPPORT_CHART_BAR);
  const char * const *notes;

  g_assert_cmpstr (rapport_report_section_get_id (section), ==, "pareto");
  g_assert_cmpstr (rapport_report_section_get_title (section), ==, "Pareto");
  g_assert_cmpuint (rapport_report_section_get_chart_kind (section), ==, RAPPORT_CHART_BAR);
  g_assert_null (rapport_report_section_get_summary (section));
  g_assert_null (rapport_report_section_get_empty_text (section));
  g_assert_null (rapport_report_section_get_notes (section)[0]);

  rapport_report_section_set_currency (section, "CNY");
  rapport_report_section_add_column (section, "Revenue", RAPPORT_REPORT_VALUE_MONEY);
  rapport_report_section_add_column (section, "Customers", RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, "Cumulative share", RAPPORT_REPORT_VALUE_PERCENT);
  rapport_report_section_set_label_column (section, 1);
  g_assert_cmpuint (rapport_report_section_get_label_column (section), ==, 1);
  g_assert_cmpuint (rapport_report_section_add_series (section, "Revenue", 0, FALSE), ==, 0);
  g_assert_cmpuint (rapport_report_section_add_series (section, "Cumulative share", 2, TRUE), ==, 1);
  g_assert_cmpuint (rapport_report_section_get_n_series (section), ==, 2);
  g_assert_cmpstr (rapport_report_section_get_series_name (section, 1), ==, "Cumulative share");
  g_assert_cmpuint (rapport_report_section_get_series_column (section, 1), ==, 2);
  g_assert_true (rapport_report_section_get_series_is_line (section, 1));
  g_assert_false (rapport_report_section_get_series_is_line (section, 0));

  rapport_report_section_add_row (section, "1-5");
  rapport_report_section_set_text (section, 0, 1, "Top 5");
  rapport_report_section_set_value (section, 0, 0, 80000, NULL);
  rapport_report_section_set_value (section, 0, 2, 80, NULL);
  rapport_report_section_add_row (section, "6-25");
  rapport_report_section_set_text (section, 1, 1, "Next 20");
  rapport_report_section_set_value (section, 1, 0, 20000, NULL);
  rapport_report_section_set_value (section, 1, 2, 100, NULL);
  rapport_report_section_set_summary (section, "20% of customers make 80% of revenue");
  rapport_report_section_add_note (section, "Orders in GBP have no rate and are left out.");
  notes = rapport_report_section_get_notes (section);
  g_assert_cmpstr (notes[0], ==, "Orders in GBP have no rate and are left out.");
  g_assert_null (notes[1]);

  description = rapport_report_section_describe (section);
  g_assert_cmpstr (description, ==,
                   "Pareto. 20% of customers make 80% of revenue. "
                   "Top 5: Revenue ¥800.00, Cumulative share 80%. "
                   "Next 20: Revenue ¥200.00, Cumulative share 100%. "
                   "Orders in GBP have no rate and are left out.");

  rapport_report_section_set_empty_text (empty, "No orders between 1 Jan and 31 Mar 2026");
  empty_description = rapport_report_section_describe (empty);
  g_assert_cmpstr (empty_description, ==, "Top customers. No orders between 1 Jan and 31 Mar 2026.");
}

static void
test_report_sections (void)
{
  g_autoptr (RapportReportQuery) query = rapport_report_query_new (RAPPORT_REPORT_COMPOSITION, "2026-03-15", "CNY");
  g_autoptr (RapportReport) report = rapport_report_new (query);
  g_autoptr (RapportReportSection) tier = rapport_report_section_new ("tier", "By tier", RAPPORT_CHART_DONUT);
  g_autoptr (RapportReportSection) stage = rapport_report_section_new ("stage", "By stage", RAPPORT_CHART_BAR);

  g_free (query->from);
  query->from = g_strdup ("1999-01-01");
  g_assert_cmpstr (rapport_report_get_query (report)->from, ==, "2025-04-01");
  g_assert_cmpuint (rapport_report_get_kind (report), ==, RAPPORT_REPORT_COMPOSITION);
  g_assert_cmpuint (rapport_report_get_n_sections (report), ==, 0);
  g_assert_null (rapport_report_get_empty_text (report));

  rapport_report_add_section (report, tier);
  rapport_report_add_section (report, stage);
  g_assert_cmpuint (rapport_report_get_n_sections (report), ==, 2);
  g_assert_true (rapport_report_get_section (report, 1) == stage);
  g_assert_true (rapport_report_find_section (report, "tier") == tier);
  g_assert_null (rapport_report_find_section (report, "owner"));

  rapport_report_set_empty_text (report, "No customers yet");
  g_assert_cmpstr (rapport_report_get_empty_text (report), ==, "No customers yet");
  rapport_report_set_empty_text (report, NULL);
  g_assert_null (rapport_report_get_empty_text (report));
}

static void
test_value_matrix_treatments (void)
{
  for (RapportTier tier = RAPPORT_TIER_PLATINUM; tier <= RAPPORT_TIER_LEAD; tier++)
    for (RapportPotential potential = RAPPORT_POTENTIAL_LOW; potential <= RAPPORT_POTENTIAL_HIGH; potential++)
      {
        g_assert_cmpstr (rapport_value_matrix_get_treatment (tier, potential), !=, "");
        g_assert_cmpstr (rapport_value_matrix_get_advice (tier, potential), !=, "");
      }

  g_assert_cmpstr (rapport_value_matrix_get_treatment (RAPPORT_TIER_PLATINUM, RAPPORT_POTENTIAL_LOW), ==, "Keep and reward");
  g_assert_cmpstr (rapport_value_matrix_get_treatment (RAPPORT_TIER_IRON, RAPPORT_POTENTIAL_HIGH), ==, "Develop");
  g_assert_cmpstr (rapport_value_matrix_get_treatment (RAPPORT_TIER_IRON, RAPPORT_POTENTIAL_LOW), ==, "Maintain at low cost");
  g_assert_cmpstr (rapport_value_matrix_get_treatment (RAPPORT_TIER_LEAD, RAPPORT_POTENTIAL_LOW), ==, "Reduce effort");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/kinds", test_report_kinds);
  g_test_add_func ("/report/query-default", test_report_query_default);
  g_test_add_func ("/report/query-previous", test_report_query_previous);
  g_test_add_func ("/report/section-cells", test_report_section_cells);
  g_test_add_func ("/report/section-other-currency", test_report_section_other_currency);
  g_test_add_func ("/report/section-chart", test_report_section_chart);
  g_test_add_func ("/report/sections", test_report_sections);
  g_test_add_func ("/report/value-matrix-treatments", test_value_matrix_treatments);

  return g_test_run ();
}
