/* test-reports.c
 *
 * Reports computed from a small book: value matrix, contribution (top,
 * Pareto, by period), composition and churn, their filters, empty periods
 * and the customers behind a row. Orders in three currencies, one without
 * a rate; refunds larger than the sales; a 10,000-character region.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-date.h"
#include "store-test-helpers.h"

typedef struct
{
  gint64 acme;
  gint64 bolt;
  gint64 cobalt;
  gint64 delta;
  gint64 echo;
  gint64 tag_vip;
  gint64 staff;
} Book;

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (_rapport_database_exec (fixture->db, sql, &error));
  g_assert_no_error (error);
}

static void
execf (Fixture    *fixture,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static void
execf (Fixture    *fixture,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  exec (fixture, sql);
}

static void
add_order (Fixture    *fixture,
           gint64      customer_id,
           const char *ordered_on,
           gint64      amount,
           const char *currency)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportOrder) order = rapport_order_new ();

  rapport_order_set_customer_id (order, customer_id);
  rapport_order_set_ordered_on (order, ordered_on);
  rapport_order_set_amount (order, ABS (amount));
  rapport_order_set_currency (order, currency);
  g_assert_true (rapport_store_insert_order (fixture->db, order, &error));
  g_assert_no_error (error);
  /* Refunds come from imports; the order form takes no negative amount. */
  if (amount < 0)
    execf (fixture, "UPDATE orders SET amount = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
           amount, rapport_order_get_id (order));
}

static gint64
add (Fixture    *fixture,
     const char *name,
     const char *tier,
     const char *potential,
     const char *region)
{
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, name, NULL);
  gint64 id = rapport_customer_get_id (customer);
  g_autofree char *quoted = region != NULL ? g_strdup_printf ("'%s'", region) : g_strdup ("NULL");

  execf (fixture, "UPDATE customer SET tier = '%s', potential = '%s', region = %s WHERE id = %" G_GINT64_FORMAT,
         tier, potential, quoted, id);
  return id;
}

/* Period 1 Jan – 31 Mar 2026; the previous one is Oct – Dec 2025. */
static void
book_fill (Fixture *fixture,
           Book    *book)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *long_region = g_strnfill (10000, 'R');
  g_autoptr (RapportCustomer) acme = NULL;
  const char *tags[] = { "vip", NULL };

  book->acme = add (fixture, "Acme", "platinum", "high", "East");
  book->bolt = add (fixture, "Bolt", "gold", "low", "West");
  book->cobalt = add (fixture, "Cobalt", "iron", "high", "East");
  book->delta = add (fixture, "Delta", "lead", "low", long_region);
  book->echo = add (fixture, "Echo", "lead", "low", NULL);

  acme = rapport_store_get_customer (fixture->db, book->acme, &error);
  g_assert_no_error (error);
  rapport_customer_set_tags (acme, tags);
  g_assert_true (rapport_store_update_customer (fixture->db, acme, &error));
  g_assert_no_error (error);
  g_assert_true (_rapport_database_step_int64 (fixture->db,
                                               _rapport_database_prepare (fixture->db, "SELECT id FROM tag WHERE name = 'vip'", NULL),
                                               "tag", &book->tag_vip, &error));
  g_assert_cmpint (book->tag_vip, >, 0);

  book->staff = rapport_store_add_staff_member (fixture->db, "Wang Wei", NULL, &error);
  g_assert_no_error (error);
  execf (fixture, "UPDATE customer SET owner_id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
         book->staff, book->cobalt);

  /* USD at 7 fen a cent, JPY at 0.05 fen a yen; EUR has no rate. */
  exec (fixture, "INSERT INTO currency_rate (currency, rate, updated_at) VALUES ('USD', 7.0, 0), ('JPY', 0.05, 0)");

  add_order (fixture, book->acme, "2026-01-10", 100000, "CNY");
  add_order (fixture, book->acme, "2026-02-05", 50000, "CNY");
  add_order (fixture, book->acme, "2025-11-01", 100000, "CNY");
  add_order (fixture, book->bolt, "2026-01-20", 1000, "USD");
  add_order (fixture, book->bolt, "2026-03-03", 5000, "EUR");
  add_order (fixture, book->cobalt, "2026-02-14", 30000, "CNY");
  add_order (fixture, book->cobalt, "2026-03-01", -50000, "CNY");
  add_order (fixture, book->delta, "2026-03-15", 10000, "JPY");
  add_order (fixture, book->echo, "2025-12-01", 20000, "CNY");
  add_order (fixture, book->echo, "2025-01-05", 99900, "CNY");

  /* Echo was lost on 10 Feb 2026 (10:00 in Shanghai), for its prices. */
  execf (fixture, "UPDATE customer SET stage = 'lost', lost_reason = 'Price', lost_at = %" G_GINT64_FORMAT
         " WHERE id = %" G_GINT64_FORMAT, rapport_date_to_unix_local ("2026-02-10") + 36000, book->echo);
  /* Acme came in on 1 Feb 2026. */
  execf (fixture, "UPDATE customer SET created_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
         rapport_date_to_unix_local ("2026-02-01") + 3600, book->acme);
  /* The last daily churn check found Bolt at risk. */
  execf (fixture, "INSERT INTO churn_state (customer_id, at_risk_since) VALUES (%" G_GINT64_FORMAT ", 0)", book->bolt);
}

static RapportReportQuery *
quarter_query (RapportReportKind kind)
{
  RapportReportQuery *query = rapport_report_query_new (kind, "2026-03-31", "CNY");

  g_free (query->from);
  query->from = g_strdup ("2026-01-01");
  return query;
}

static RapportReport *
compute (Fixture            *fixture,
         RapportReportQuery *query)
{
  g_autoptr (GError) error = NULL;
  RapportReport *report = rapport_store_compute_report (fixture->db, query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The row whose label column reads @label, or -1. */
static int
find_row (RapportReportSection *section,
          const char           *label)
{
  guint column = rapport_report_section_get_label_column (section);

  for (guint row = 0; row < rapport_report_section_get_n_rows (section); row++)
    if (g_str_equal (rapport_report_section_get_text (section, row, column), label))
      return row;
  return -1;
}

static char *
drill_names (Fixture            *fixture,
             RapportReportQuery *query,
             const char         *section_id,
             const char         *drill_key,
             guint               limit,
             guint              *out_total)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) customers = NULL;
  g_autoptr (GString) names = g_string_new (NULL);

  customers = rapport_store_list_report_customers (fixture->db, query, section_id, drill_key,
                                                   limit, out_total, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customers);
  for (guint i = 0; i < customers->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                            rapport_customer_get_name (g_ptr_array_index (customers, i)));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_notes (RapportReportSection *section,
              const char           *expected)
{
  g_autofree char *joined = g_strjoinv ("|", (char **) rapport_report_section_get_notes (section));

  g_assert_cmpstr (joined, ==, expected);
}

#define EUR_NOTE "Orders in EUR are left out: it has no exchange rate (Preferences › Tiers)."

static void
test_value_matrix (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = quarter_query (RAPPORT_REPORT_VALUE_MATRIX);
  g_autoptr (RapportReport) report = NULL;
  g_autofree char *names = NULL;
  RapportReportSection *matrix;
  Book book;
  guint total = 0;

  book_fill (fixture, &book);
  report = compute (fixture, query);
  g_assert_null (rapport_report_get_empty_text (report));
  matrix = rapport_report_find_section (report, "matrix");
  g_assert_cmpuint (rapport_report_section_get_chart_kind (matrix), ==, RAPPORT_CHART_MATRIX);
  g_assert_cmpuint (rapport_report_section_get_n_rows (matrix), ==, 8);

  /* Platinum high first, lead low last. */
  g_assert_cmpstr (rapport_report_section_get_drill_key (matrix, 0), ==, "platinum/high");
  g_assert_cmpstr (rapport_report_section_get_text (matrix, 0, 2), ==, "Keep and reward");
  g_assert_cmpfloat (rapport_report_section_get_value (matrix, 0, 4), ==, 1);
  g_assert_cmpstr (rapport_report_section_get_text (matrix, 0, 5), ==, "¥1,500.00");
  g_assert_cmpstr (rapport_report_section_get_drill_key (matrix, 3), ==, "gold/low");
  g_assert_cmpstr (rapport_report_section_get_text (matrix, 3, 5), ==, "¥70.00");
  g_assert_cmpstr (rapport_report_section_get_drill_key (matrix, 4), ==, "iron/high");
  g_assert_cmpstr (rapport_report_section_get_text (matrix, 4, 2), ==, "Develop");
  g_assert_cmpstr (rapport_report_section_get_text (matrix, 4, 5), ==, "-¥200.00");
  g_assert_cmpstr (rapport_report_section_get_drill_key (matrix, 7), ==, "lead/low");
  g_assert_cmpstr (rapport_report_section_get_text (matrix, 7, 2), ==, "Reduce effort");
  g_assert_cmpfloat (rapport_report_section_get_value (matrix, 7, 4), ==, 2);
  g_assert_cmpfloat (rapport_report_section_get_value (matrix, 7, 5), ==, 500);
  assert_notes (matrix, EUR_NOTE);

  names = drill_names (fixture, query, "matrix", "lead/low", 10, &total);
  g_assert_cmpstr (names, ==, "Delta,Echo");
  g_assert_cmpuint (total, ==, 2);
  g_clear_pointer (&names, g_free);
  names = drill_names (fixture, query, "matrix", "lead/low", 1, &total);
  g_assert_cmpstr (names, ==, "Delta");
  g_assert_cmpuint (total, ==, 2);
  g_clear_pointer (&names, g_free);
  names = drill_names (fixture, query, "matrix", "gold/high", 10, &total);
  g_assert_cmpstr (names, ==, "");
  g_assert_cmpuint (total, ==, 0);
}

static void
test_contribution (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = quarter_query (RAPPORT_REPORT_CONTRIBUTION);
  g_autoptr (RapportReport) report = NULL;
  g_autofree char *names = NULL;
  g_autofree char *description = NULL;
  RapportReportSection *top, *pareto, *by_period;
  Book book;
  guint total = 0;

  book_fill (fixture, &book);
  report = compute (fixture, query);
  g_assert_null (rapport_report_get_empty_text (report));

  /* Net revenue ¥1,375.00: Acme 1,500, Bolt 70 (USD), Delta 5 (JPY),
   * Cobalt -200 (a refund larger than its sale); Bolt's EUR left out. */
  top = rapport_report_find_section (report, "top");
  g_assert_cmpuint (rapport_report_section_get_n_rows (top), ==, 4);
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 0), ==, "Acme");
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 1), ==, "¥1,500.00");
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 2), ==, "109%");
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 3), ==, "50%");
  g_assert_cmpstr (rapport_report_section_get_text (top, 1, 0), ==, "Bolt");
  g_assert_cmpstr (rapport_report_section_get_text (top, 1, 1), ==, "¥70.00");
  g_assert_cmpstr (rapport_report_section_get_text (top, 1, 3), ==, "New");
  g_assert_cmpstr (rapport_report_section_get_text (top, 2, 0), ==, "Delta");
  g_assert_cmpstr (rapport_report_section_get_text (top, 2, 1), ==, "¥5.00");
  g_assert_cmpstr (rapport_report_section_get_text (top, 3, 0), ==, "Cobalt");
  g_assert_cmpstr (rapport_report_section_get_text (top, 3, 1), ==, "-¥200.00");
  g_assert_cmpstr (rapport_report_section_get_text (top, 3, 3), ==, "");
  assert_notes (top, EUR_NOTE);
  names = drill_names (fixture, query, "top", rapport_report_section_get_drill_key (top, 1), 10, &total);
  g_assert_cmpstr (names, ==, "Bolt");
  g_clear_pointer (&names, g_free);

  /* Pareto over the three positive contributors. */
  pareto = rapport_report_find_section (report, "pareto");
  g_assert_cmpuint (rapport_report_section_get_n_rows (pareto), ==, 3);
  g_assert_cmpstr (rapport_report_section_get_text (pareto, 0, 0), ==, "Top 33%");
  g_assert_cmpstr (rapport_report_section_get_text (pareto, 0, 2), ==, "95%");
  g_assert_cmpstr (rapport_report_section_get_text (pareto, 2, 0), ==, "Top 100%");
  g_assert_cmpstr (rapport_report_section_get_text (pareto, 2, 2), ==, "100%");
  g_assert_true (rapport_report_section_get_series_is_line (pareto, 1));
  g_assert_cmpstr (rapport_report_section_get_summary (pareto), ==, "33% of customers make 80% of revenue");
  assert_notes (pareto, "1 customer with more refunds than sales is left out of the curve.");
  names = drill_names (fixture, query, "pareto", rapport_report_section_get_drill_key (pareto, 1), 10, &total);
  g_assert_cmpstr (names, ==, "Bolt");
  g_clear_pointer (&names, g_free);

  /* By month, each against the month before (December: Echo's ¥200). */
  by_period = rapport_report_find_section (report, "by_period");
  g_assert_cmpuint (rapport_report_section_get_n_rows (by_period), ==, 3);
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 0, 0), ==, "Jan 2026");
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 0, 1), ==, "¥1,070.00");
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 0, 2), ==, "435%");
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 1, 1), ==, "¥800.00");
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 1, 2), ==, "-25%");
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 2, 0), ==, "Mar 2026");
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 2, 1), ==, "-¥495.00");
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 2, 2), ==, "-162%");
  g_assert_cmpstr (rapport_report_section_get_summary (by_period), ==,
                   "Revenue ¥1,375.00, up 15% from the previous period");
  assert_notes (by_period, EUR_NOTE);
  g_assert_cmpstr (rapport_report_section_get_drill_key (by_period, 2), ==, "2026-03-01|2026-03-31");
  names = drill_names (fixture, query, "by_period", "2026-03-01|2026-03-31", 10, &total);
  g_assert_cmpstr (names, ==, "Bolt,Cobalt,Delta");
  g_assert_cmpuint (total, ==, 3);

  description = rapport_report_section_describe (by_period);
  g_assert_true (g_str_has_prefix (description, "Revenue by period. Revenue ¥1,375.00, up 15% from the previous period. "
                                                "Jan 2026: Revenue ¥1,070.00, Change 435%."));

  /* By week from Monday: the first one clipped to the period. */
  query->step = RAPPORT_REPORT_STEP_WEEK;
  g_clear_object (&report);
  report = compute (fixture, query);
  by_period = rapport_report_find_section (report, "by_period");
  g_assert_cmpuint (rapport_report_section_get_n_rows (by_period), ==, 14);
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 0, 0), ==, "Week of 29 Dec 2025");
  g_assert_cmpstr (rapport_report_section_get_drill_key (by_period, 0), ==, "2026-01-01|2026-01-04");
  g_assert_cmpstr (rapport_report_section_get_drill_key (by_period, 13), ==, "2026-03-30|2026-03-31");
  /* Acme's ¥1,000 on Saturday 10 January. */
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 1, 1), ==, "¥1,000.00");

  /* By quarter: one step, against the last quarter of 2025. */
  query->step = RAPPORT_REPORT_STEP_QUARTER;
  g_clear_object (&report);
  report = compute (fixture, query);
  by_period = rapport_report_find_section (report, "by_period");
  g_assert_cmpuint (rapport_report_section_get_n_rows (by_period), ==, 1);
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 0, 0), ==, "Q1 2026");
  g_assert_cmpstr (rapport_report_section_get_text (by_period, 0, 2), ==, "15%");
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = quarter_query (RAPPORT_REPORT_CONTRIBUTION);
  g_autoptr (RapportReport) report = NULL;
  g_autofree char *names = NULL;
  RapportReportSection *top;
  Book book;
  guint total = 0;

  book_fill (fixture, &book);

  query->region = g_strdup ("East");
  report = compute (fixture, query);
  top = rapport_report_find_section (report, "top");
  g_assert_cmpuint (rapport_report_section_get_n_rows (top), ==, 2);
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 0), ==, "Acme");
  g_assert_cmpstr (rapport_report_section_get_text (top, 1, 0), ==, "Cobalt");
  /* No EUR order among them: no note. */
  assert_notes (top, "");
  names = drill_names (fixture, query, "by_period", "2026-01-01|2026-03-31", 10, &total);
  g_assert_cmpstr (names, ==, "Acme,Cobalt");
  g_clear_pointer (&names, g_free);
  g_clear_pointer (&query->region, g_free);

  query->tier = RAPPORT_TIER_GOLD;
  g_clear_object (&report);
  report = compute (fixture, query);
  top = rapport_report_find_section (report, "top");
  g_assert_cmpuint (rapport_report_section_get_n_rows (top), ==, 1);
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 0), ==, "Bolt");
  query->tier = -1;

  query->tag_id = book.tag_vip;
  g_clear_object (&report);
  report = compute (fixture, query);
  top = rapport_report_find_section (report, "top");
  g_assert_cmpuint (rapport_report_section_get_n_rows (top), ==, 1);
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 0), ==, "Acme");
  query->tag_id = 0;

  query->owner_id = book.staff;
  g_clear_object (&report);
  report = compute (fixture, query);
  top = rapport_report_find_section (report, "top");
  g_assert_cmpuint (rapport_report_section_get_n_rows (top), ==, 1);
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 0), ==, "Cobalt");

  /* The default user ("Me"): everyone but Cobalt. */
  query->owner_id = 0;
  g_clear_object (&report);
  report = compute (fixture, query);
  top = rapport_report_find_section (report, "top");
  g_assert_cmpuint (rapport_report_section_get_n_rows (top), ==, 3);
  g_assert_cmpint (find_row (top, "Cobalt"), ==, -1);

  /* Trashed customers are in no report. */
  query->owner_id = -1;
  execf (fixture, "UPDATE customer SET deleted_at = 1 WHERE id = %" G_GINT64_FORMAT, book.acme);
  g_clear_object (&report);
  report = compute (fixture, query);
  top = rapport_report_find_section (report, "top");
  g_assert_cmpint (find_row (top, "Acme"), ==, -1);
}

static void
test_composition (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = quarter_query (RAPPORT_REPORT_COMPOSITION);
  g_autoptr (RapportReport) report = NULL;
  g_autofree char *names = NULL;
  g_autofree char *long_region = g_strnfill (10000, 'R');
  g_autofree char *long_key = g_strconcat ("=", long_region, NULL);
  g_autofree char *description = NULL;
  RapportReportSection *section;
  Book book;
  guint total = 0;

  book_fill (fixture, &book);
  report = compute (fixture, query);

  section = rapport_report_find_section (report, "tier");
  g_assert_cmpuint (rapport_report_section_get_chart_kind (section), ==, RAPPORT_CHART_DONUT);
  g_assert_cmpuint (rapport_report_section_get_n_rows (section), ==, 4);
  g_assert_cmpstr (rapport_report_section_get_text (section, 0, 0), ==, "Platinum");
  g_assert_cmpstr (rapport_report_section_get_text (section, 3, 0), ==, "Lead");
  g_assert_cmpstr (rapport_report_section_get_text (section, 3, 1), ==, "2");
  g_assert_cmpstr (rapport_report_section_get_text (section, 3, 2), ==, "40%");

  section = rapport_report_find_section (report, "stage");
  g_assert_cmpint (find_row (section, "Lost"), >=, 0);
  g_assert_cmpfloat (rapport_report_section_get_value (section, find_row (section, "Lost"), 1), ==, 1);

  /* East 2, then by name: Not set, the long one, West. */
  section = rapport_report_find_section (report, "region");
  g_assert_cmpuint (rapport_report_section_get_n_rows (section), ==, 4);
  g_assert_cmpstr (rapport_report_section_get_text (section, 0, 0), ==, "East");
  g_assert_cmpstr (rapport_report_section_get_drill_key (section, 0), ==, "=East");
  g_assert_cmpstr (rapport_report_section_get_text (section, 1, 0), ==, "Not set");
  g_assert_cmpstr (rapport_report_section_get_drill_key (section, 1), ==, "none");
  g_assert_cmpstr (rapport_report_section_get_text (section, 2, 0), ==, long_region);
  description = rapport_report_section_describe (section);
  g_assert_nonnull (strstr (description, long_region));
  names = drill_names (fixture, query, "region", long_key, 10, &total);
  g_assert_cmpstr (names, ==, "Delta");
  g_clear_pointer (&names, g_free);
  names = drill_names (fixture, query, "region", "none", 10, &total);
  g_assert_cmpstr (names, ==, "Echo");
  g_clear_pointer (&names, g_free);

  section = rapport_report_find_section (report, "owner");
  g_assert_cmpuint (rapport_report_section_get_n_rows (section), ==, 2);
  g_assert_cmpstr (rapport_report_section_get_drill_key (section, 0), ==, "0");
  g_assert_cmpfloat (rapport_report_section_get_value (section, 0, 1), ==, 4);
  g_assert_cmpstr (rapport_report_section_get_text (section, 1, 0), ==, "Wang Wei");
  names = drill_names (fixture, query, "owner", "0", 10, &total);
  g_assert_cmpstr (names, ==, "Acme,Bolt,Delta,Echo");
  g_clear_pointer (&names, g_free);

  section = rapport_report_find_section (report, "new");
  g_assert_cmpuint (rapport_report_section_get_n_rows (section), ==, 3);
  g_assert_cmpfloat (rapport_report_section_get_value (section, 1, 1), ==, 1);
  g_assert_null (rapport_report_section_get_empty_text (section));
  names = drill_names (fixture, query, "new", rapport_report_section_get_drill_key (section, 1), 10, &total);
  g_assert_cmpstr (names, ==, "Acme");
  g_clear_pointer (&names, g_free);

  /* Only the twelve largest regions and "Other". */
  for (guint i = 0; i < 14; i++)
    {
      g_autofree char *name = g_strdup_printf ("Extra %02u", i);
      g_autofree char *region = g_strdup_printf ("Region %02u", i);

      add (fixture, name, "lead", "low", region);
    }
  g_clear_object (&report);
  report = compute (fixture, query);
  section = rapport_report_find_section (report, "region");
  g_assert_cmpuint (rapport_report_section_get_n_rows (section), ==, 13);
  g_assert_cmpstr (rapport_report_section_get_drill_key (section, 12), ==, "other");
  /* East 2, then eleven of the 1s by name: Not set, R…, Region 00–08;
   * the rest (Region 09–13, West) are "Other". */
  g_assert_cmpfloat (rapport_report_section_get_value (section, 12, 1), ==, 6);
  names = drill_names (fixture, query, "region", "other", 3, &total);
  g_assert_cmpstr (names, ==, "Bolt,Extra 09,Extra 10");
  g_assert_cmpuint (total, ==, 6);
}

static void
test_churn (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = quarter_query (RAPPORT_REPORT_CHURN);
  g_autoptr (RapportReport) report = NULL;
  g_autofree char *names = NULL;
  RapportReportSection *section;
  Book book;
  guint total = 0;

  book_fill (fixture, &book);
  report = compute (fixture, query);

  /* Echo, lost in February, brought ¥200 in the year before (its order of
   * January 2025 is older than that). */
  section = rapport_report_find_section (report, "lost");
  g_assert_cmpuint (rapport_report_section_get_n_rows (section), ==, 3);
  g_assert_cmpfloat (rapport_report_section_get_value (section, 0, 1), ==, 0);
  g_assert_cmpfloat (rapport_report_section_get_value (section, 1, 1), ==, 1);
  g_assert_cmpstr (rapport_report_section_get_text (section, 1, 2), ==, "¥200.00");
  g_assert_cmpstr (rapport_report_section_get_summary (section), ==,
                   "1 customer lost, who brought ¥200.00 in their last 12 months");
  names = drill_names (fixture, query, "lost", rapport_report_section_get_drill_key (section, 1), 10, &total);
  g_assert_cmpstr (names, ==, "Echo");
  g_clear_pointer (&names, g_free);

  section = rapport_report_find_section (report, "reasons");
  g_assert_cmpuint (rapport_report_section_get_n_rows (section), ==, 1);
  g_assert_cmpstr (rapport_report_section_get_text (section, 0, 0), ==, "Price");
  g_assert_cmpstr (rapport_report_section_get_text (section, 0, 2), ==, "100%");
  names = drill_names (fixture, query, "reasons", "=Price", 10, &total);
  g_assert_cmpstr (names, ==, "Echo");
  g_clear_pointer (&names, g_free);

  section = rapport_report_find_section (report, "at_risk");
  g_assert_cmpuint (rapport_report_section_get_n_rows (section), ==, 4);
  g_assert_cmpfloat (rapport_report_section_get_value (section, 1, 1), ==, 1);
  g_assert_cmpstr (rapport_report_section_get_summary (section), ==, "1 customer at risk");
  names = drill_names (fixture, query, "at_risk", "gold", 10, &total);
  g_assert_cmpstr (names, ==, "Bolt");
  g_clear_pointer (&names, g_free);

  /* Acme and Echo ordered in Oct–Dec 2025; only Acme again. */
  section = rapport_report_find_section (report, "retention");
  g_assert_cmpstr (rapport_report_section_get_summary (section), ==, "Retention rate 50%");
  g_assert_cmpfloat (rapport_report_section_get_value (section, 0, 1), ==, 2);
  g_assert_cmpfloat (rapport_report_section_get_value (section, 1, 1), ==, 1);
  names = drill_names (fixture, query, "retention", "not_kept", 10, &total);
  g_assert_cmpstr (names, ==, "Echo");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = quarter_query (RAPPORT_REPORT_CONTRIBUTION);
  g_autoptr (RapportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) customers = NULL;
  Book book;

  /* No customer, no order: the reports say why they are empty. */
  for (guint kind = 0; kind < RAPPORT_N_REPORT_KINDS; kind++)
    {
      g_autoptr (RapportReport) empty = NULL;

      if (kind != RAPPORT_REPORT_VALUE_MATRIX && kind != RAPPORT_REPORT_CONTRIBUTION &&
          kind != RAPPORT_REPORT_COMPOSITION && kind != RAPPORT_REPORT_CHURN)
        continue;
      query->kind = kind;
      empty = compute (fixture, query);
      if (kind == RAPPORT_REPORT_CONTRIBUTION)
        g_assert_cmpstr (rapport_report_get_empty_text (empty), ==,
                         "No orders yet: record orders on the customers’ pages to see who brings the revenue");
      else
        g_assert_cmpstr (rapport_report_get_empty_text (empty), ==, "No customers yet");
    }
  query->kind = RAPPORT_REPORT_CONTRIBUTION;

  /* A period with no orders: the sections say so, the report does not. */
  book_fill (fixture, &book);
  g_free (query->from);
  g_free (query->to);
  query->from = g_strdup ("2020-01-01");
  query->to = g_strdup ("2020-03-31");
  report = compute (fixture, query);
  g_assert_null (rapport_report_get_empty_text (report));
  for (guint i = 0; i < rapport_report_get_n_sections (report); i++)
    g_assert_cmpstr (rapport_report_section_get_empty_text (rapport_report_get_section (report, i)), ==,
                     "No orders between 1 Jan and 31 Mar 2020");
  g_assert_cmpuint (rapport_report_section_get_n_rows (rapport_report_find_section (report, "top")), ==, 0);

  /* A bad query or drill key is an error, not a crash. */
  g_free (query->to);
  query->to = g_strdup ("2019-12-31");
  g_assert_null (rapport_store_compute_report (fixture->db, query, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (query->to);
  query->to = g_strdup ("2020-03-31");
  customers = rapport_store_list_report_customers (fixture->db, query, "pareto", "nonsense", 10, NULL, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_null (customers);
}

static void
test_single_customer (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = quarter_query (RAPPORT_REPORT_CONTRIBUTION);
  g_autoptr (RapportReport) report = NULL;
  gint64 only = add (fixture, "Solo", "lead", "low", NULL);
  RapportReportSection *pareto;

  add_order (fixture, only, "2026-02-02", 12345, "CNY");
  report = compute (fixture, query);
  pareto = rapport_report_find_section (report, "pareto");
  g_assert_cmpuint (rapport_report_section_get_n_rows (pareto), ==, 1);
  g_assert_cmpstr (rapport_report_section_get_text (pareto, 0, 2), ==, "100%");
  g_assert_cmpstr (rapport_report_section_get_summary (pareto), ==, "100% of customers make 80% of revenue");
  g_assert_cmpstr (rapport_report_section_get_text (rapport_report_find_section (report, "top"), 0, 2), ==, "100%");
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = quarter_query (RAPPORT_REPORT_CHURN);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportReport) report = NULL;

  g_cancellable_cancel (cancellable);
  report = rapport_store_compute_report (fixture->db, query, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reports/value-matrix", test_value_matrix);
  ADD ("/reports/contribution", test_contribution);
  ADD ("/reports/filters", test_filters);
  ADD ("/reports/composition", test_composition);
  ADD ("/reports/churn", test_churn);
  ADD ("/reports/empty", test_empty);
  ADD ("/reports/single-customer", test_single_customer);
  ADD ("/reports/cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
