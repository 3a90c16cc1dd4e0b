/* test-report-activity.c
 *
 * The service, pipeline and work log reports on a small book whose numbers
 * are worked out by hand: sections, cells, notes, empty states, a period
 * with no data, filters and the customers behind rows, through the
 * report store (rapport-report-store.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "rapport-date.h"
#include "store-test-helpers.h"

#define HOUR 3600
#define DAY 86400

typedef struct
{
  Fixture  base;
  gint64   me;        /* the default user's row id */
  gint64   wang;      /* a staff member */
  gint64   a;         /* gold, North */
  gint64   b;         /* iron, South */
} Book;

static gint64
local_time (const char *ymd,
            int         hour)
{
  return rapport_date_to_unix_local (ymd) + (gint64) hour * HOUR;
}

static gint64
add_book_customer (RapportDatabase *db,
                   const char      *name,
                   RapportTier      tier,
                   const char      *region)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();

  rapport_customer_set_name (customer, name);
  rapport_customer_set_tier (customer, tier);
  rapport_customer_set_region (customer, region);
  g_assert_true (rapport_store_insert_customer (db, customer, &error));
  g_assert_no_error (error);

  return rapport_customer_get_id (customer);
}

static void
exec_sql (RapportDatabase *db,
          const char      *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (_rapport_database_exec (db, sql, &error));
  g_assert_no_error (error);
}

static void
book_set_up (Book          *book,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture_set_up (&book->base, NULL);
  book->me = rapport_store_get_default_user_id (book->base.db, &error);
  g_assert_no_error (error);
  book->wang = rapport_store_add_staff_member (book->base.db, "Wang", "Sales", &error);
  g_assert_no_error (error);
  book->a = add_book_customer (book->base.db, "Alpha", RAPPORT_TIER_GOLD, "North");
  book->b = add_book_customer (book->base.db, "Beta", RAPPORT_TIER_IRON, "South");
  exec_sql (book->base.db, "INSERT INTO currency_rate (currency, rate, updated_at) VALUES ('USD', 7.0, 1)");
}

static void
book_tear_down (Book          *book,
                gconstpointer  data)
{
  fixture_tear_down (&book->base, data);
}

static RapportReportQuery *
make_query (RapportReportKind  kind,
            const char        *from,
            const char        *to,
            RapportReportStep  step)
{
  RapportReportQuery *query = rapport_report_query_new (kind, "2026-11-22", "CNY");

  g_free (query->from);
  g_free (query->to);
  query->from = g_strdup (from);
  query->to = g_strdup (to);
  query->step = step;

  return query;
}

static RapportReport *
compute (Book               *book,
         RapportReportQuery *query)
{
  g_autoptr (GError) error = NULL;
  RapportReport *report = rapport_store_compute_report (book->base.db, query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (rapport_report_get_kind (report), ==, query->kind);
  return report;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The customers behind a row, by id, as "id,id". */
static char *
drill (Book                     *book,
       const RapportReportQuery *query,
       const char               *section_id,
       const char               *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) customers = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GString) text = g_string_new (NULL);
  guint total = 0;

  customers = rapport_store_list_report_customers (book->base.db, query, section_id, key, 50, &total, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customers);
  g_assert_cmpuint (total, ==, customers->len);

  for (guint i = 0; i < customers->len; i++)
    {
      gint64 id = rapport_customer_get_id (g_ptr_array_index (customers, i));

      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));

  return g_strdup (text->str);
}

static char *
id_list (gint64 first,
         gint64 second)
{
  return second != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, first, second)
                     : g_strdup_printf ("%" G_GINT64_FORMAT, first);
}

static RapportReportSection *
section (RapportReport *report,
         const char    *id)
{
  RapportReportSection *found = rapport_report_find_section (report, id);

  g_assert_nonnull (found);
  return found;
}

/* The row whose label (column 0) is @label. */
static guint
row_of (RapportReportSection *section,
        const char           *label)
{
  for (guint i = 0; i < rapport_report_section_get_n_rows (section); i++)
    if (g_str_equal (rapport_report_section_get_text (section, i, 0), label))
      return i;

  g_error ("No row “%s” in section %s", label, rapport_report_section_get_id (section));
}

static double
cell (RapportReportSection *section,
      const char           *label,
      guint                 column)
{
  return rapport_report_section_get_value (section, row_of (section, label), column);
}

static gboolean
has_note_containing (RapportReportSection *section,
                     const char           *text)
{
  const char * const *notes = rapport_report_section_get_notes (section);

  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    if (strstr (notes[i], text) != NULL)
      return TRUE;
  return FALSE;
}

/* Service */

static void
add_request (Book       *book,
             gint64      customer_id,
             const char *kind,
             const char *status,
             int         priority,
             gint64      assignee_id,
             gint64      created_at,
             gint64      first_response_after,   /* -1: none */
             gint64      resolved_after,         /* -1: none */
             int         satisfaction,           /* 0: none */
             gboolean    trashed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  stmt = _rapport_database_prepare (book->base.db,
                                    "INSERT INTO service_request (uuid, customer_id, kind, summary, severity, "
                                    "  priority, priority_tier, status, assignee_id, due_at, first_response_at, "
                                    "  resolved_at, satisfaction, created_at, updated_at, deleted_at) "
                                    "VALUES (?1, ?2, ?3, 'Request', 'normal', ?4, 'gold', ?5, ?6, ?7, ?8, ?9, ?10, "
                                    "  ?11, ?11, ?12)",
                                    &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, priority);
  sqlite3_bind_text (stmt, 5, status, -1, SQLITE_STATIC);
  if (assignee_id != 0)
    sqlite3_bind_int64 (stmt, 6, assignee_id);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int64 (stmt, 7, created_at + DAY);
  if (first_response_after >= 0)
    sqlite3_bind_int64 (stmt, 8, created_at + first_response_after);
  else
    sqlite3_bind_null (stmt, 8);
  if (resolved_after >= 0)
    sqlite3_bind_int64 (stmt, 9, created_at + resolved_after);
  else
    sqlite3_bind_null (stmt, 9);
  if (satisfaction > 0)
    sqlite3_bind_int (stmt, 10, satisfaction);
  else
    sqlite3_bind_null (stmt, 10);
  sqlite3_bind_int64 (stmt, 11, created_at);
  if (trashed)
    sqlite3_bind_int64 (stmt, 12, created_at);
  else
    sqlite3_bind_null (stmt, 12);
  g_assert_true (_rapport_database_step_done (book->base.db, stmt, "insert", &error));
  g_assert_no_error (error);
}

static void
add_service_book (Book *book)
{
  add_request (book, book->a, "complaint", "closed", 1, book->wang, local_time ("2026-10-05", 10),
               1 * HOUR, 5 * HOUR, 4, FALSE);
  add_request (book, book->a, "inquiry", "resolved", 2, book->wang, local_time ("2026-10-20", 9),
               3 * HOUR, 9 * HOUR, 0, FALSE);
  /* Open, unassigned, due the next day: overdue at TEST_NOW. */
  add_request (book, book->b, "inquiry", "new", 3, 0, local_time ("2026-11-10", 9), -1, -1, 0, FALSE);
  add_request (book, book->b, "after-sales", "closed", 2, book->me, local_time ("2026-11-12", 9),
               2 * HOUR, DAY, 2, FALSE);
  /* Before the period, and one in the Trash. */
  add_request (book, book->a, "inquiry", "closed", 2, book->me, local_time ("2026-08-01", 9), HOUR, HOUR, 5, FALSE);
  add_request (book, book->b, "complaint", "new", 1, 0, local_time ("2026-10-07", 9), -1, -1, 0, TRUE);
}

static void
test_service_empty (Book          *book,
                    gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = make_query (RAPPORT_REPORT_SERVICE, "2026-09-01", "2026-11-30",
                                                     RAPPORT_REPORT_STEP_MONTH);
  g_autoptr (RapportReport) report = compute (book, query);

  g_assert_cmpstr (rapport_report_get_empty_text (report), ==, "No service requests yet");
  g_assert_cmpuint (rapport_report_get_n_sections (report), ==, 0);
}

static void
test_service (Book          *book,
              gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = make_query (RAPPORT_REPORT_SERVICE, "2026-09-01", "2026-11-30",
                                                     RAPPORT_REPORT_STEP_MONTH);
  g_autoptr (RapportReport) report = NULL;
  g_autofree char *oct = NULL;
  g_autofree char *nov = NULL;
  g_autofree char *a = id_list (book->a, 0);
  g_autofree char *b = id_list (book->b, 0);
  g_autofree char *ab = id_list (book->a, book->b);
  g_autofree char *ids = NULL;
  RapportReportSection *kinds, *statuses, *priorities, *times, *satisfaction, *assignees;

  add_service_book (book);
  report = compute (book, query);
  g_assert_null (rapport_report_get_empty_text (report));
  g_assert_cmpuint (rapport_report_get_n_sections (report), ==, 6);

  kinds = section (report, "kind");
  g_assert_cmpint (rapport_report_section_get_chart_kind (kinds), ==, RAPPORT_CHART_BAR);
  g_assert_cmpstr (rapport_report_section_get_summary (kinds), ==, "4 requests");
  g_assert_cmpuint (rapport_report_section_get_n_rows (kinds), ==, 3);
  g_assert_cmpfloat (cell (kinds, "Inquiry", 1), ==, 2);
  g_assert_cmpfloat (cell (kinds, "Inquiry", 2), ==, 1);
  g_assert_cmpfloat (cell (kinds, "Inquiry", 3), ==, 50);
  g_assert_cmpfloat (cell (kinds, "Complaint", 1), ==, 1);
  g_assert_cmpfloat (cell (kinds, "After-Sales", 1), ==, 1);

  statuses = section (report, "status");
  g_assert_cmpint (rapport_report_section_get_chart_kind (statuses), ==, RAPPORT_CHART_DONUT);
  g_assert_cmpfloat (cell (statuses, "New", 1), ==, 1);
  g_assert_cmpfloat (cell (statuses, "Resolved", 1), ==, 1);
  g_assert_cmpfloat (cell (statuses, "Closed", 1), ==, 2);
  g_assert_cmpfloat (cell (statuses, "Closed", 2), ==, 50);

  priorities = section (report, "priority");
  g_assert_cmpuint (rapport_report_section_get_n_rows (priorities), ==, 3);
  g_assert_cmpfloat (cell (priorities, "P2", 1), ==, 2);
  g_assert_cmpfloat (cell (priorities, "P3", 2), ==, 1);
  g_assert_cmpfloat (cell (priorities, "P3", 3), ==, 1);
  g_assert_cmpfloat (cell (priorities, "P1", 3), ==, 0);

  /* October: answered after 1 h and 3 h, resolved after 5 h and 9 h. */
  times = section (report, "times");
  g_assert_cmpint (rapport_report_section_get_chart_kind (times), ==, RAPPORT_CHART_LINE);
  g_assert_cmpuint (rapport_report_section_get_n_rows (times), ==, 2);
  oct = g_strdup (rapport_report_section_get_text (times, 0, 0));
  nov = g_strdup (rapport_report_section_get_text (times, 1, 0));
  g_assert_cmpfloat (cell (times, oct, 1), ==, 2);
  g_assert_cmpfloat (cell (times, oct, 2), ==, 2 * HOUR);
  g_assert_cmpfloat (cell (times, oct, 3), ==, 2 * HOUR);
  g_assert_cmpfloat (cell (times, oct, 4), ==, 7 * HOUR);
  g_assert_cmpfloat (cell (times, oct, 5), ==, 7 * HOUR);
  /* November: one unanswered, one answered after 2 h and resolved after a day. */
  g_assert_cmpfloat (cell (times, nov, 1), ==, 2);
  g_assert_cmpfloat (cell (times, nov, 2), ==, 2 * HOUR);
  g_assert_cmpfloat (cell (times, nov, 4), ==, DAY);
  g_assert_cmpstr (rapport_report_section_get_summary (times), ==, "3 answered, 3 resolved");
  g_assert_cmpuint (rapport_report_section_get_column_kind (times, 2), ==, RAPPORT_REPORT_VALUE_DURATION);

  satisfaction = section (report, "satisfaction");
  g_assert_cmpfloat (cell (satisfaction, oct, 2), ==, 4);
  g_assert_cmpfloat (cell (satisfaction, nov, 2), ==, 2);
  g_assert_cmpuint (rapport_report_section_get_column_kind (satisfaction, 2), ==, RAPPORT_REPORT_VALUE_RATING);
  g_assert_cmpstr (rapport_report_section_get_summary (satisfaction), ==, "Average 3.0 of 5 from 2 ratings");

  /* Most requests first; the unassigned one is overdue. */
  assignees = section (report, "assignee");
  g_assert_cmpuint (rapport_report_section_get_n_rows (assignees), ==, 3);
  g_assert_cmpstr (rapport_report_section_get_text (assignees, 0, 0), ==, "Wang");
  g_assert_cmpfloat (cell (assignees, "Wang", 1), ==, 2);
  g_assert_cmpfloat (cell (assignees, "Wang", 2), ==, 0);
  g_assert_cmpfloat (cell (assignees, "Wang", 4), ==, 7 * HOUR);
  g_assert_cmpfloat (cell (assignees, "Wang", 5), ==, 4);
  g_assert_cmpfloat (cell (assignees, "Unassigned", 2), ==, 1);
  g_assert_cmpfloat (cell (assignees, "Unassigned", 3), ==, 1);

  /* The customers behind rows. */
  ids = drill (book, query, "kind", rapport_report_section_get_drill_key (kinds, row_of (kinds, "Inquiry")));
  g_assert_cmpstr (ids, ==, ab);
  g_clear_pointer (&ids, g_free);
  ids = drill (book, query, "kind", rapport_report_section_get_drill_key (kinds, row_of (kinds, "Complaint")));
  g_assert_cmpstr (ids, ==, a);
  g_clear_pointer (&ids, g_free);
  ids = drill (book, query, "assignee",
               rapport_report_section_get_drill_key (assignees, row_of (assignees, "Unassigned")));
  g_assert_cmpstr (ids, ==, b);
  g_clear_pointer (&ids, g_free);
  ids = drill (book, query, "satisfaction",
               rapport_report_section_get_drill_key (satisfaction, row_of (satisfaction, nov)));
  g_assert_cmpstr (ids, ==, b);
  g_clear_pointer (&ids, g_free);
  ids = drill (book, query, "priority", rapport_report_section_get_drill_key (priorities, row_of (priorities, "P2")));
  g_assert_cmpstr (ids, ==, ab);

  /* By quarter: every request is in the fourth. */
  g_clear_object (&report);
  query->step = RAPPORT_REPORT_STEP_QUARTER;
  report = compute (book, query);
  times = section (report, "times");
  g_assert_cmpstr (rapport_report_section_get_column_title (times, 0), ==, "Quarter");
  g_assert_cmpuint (rapport_report_section_get_n_rows (times), ==, 1);
  g_assert_cmpstr (rapport_report_section_get_text (times, 0, 0), ==, "Q4 2026");
  g_assert_cmpfloat (cell (times, "Q4 2026", 1), ==, 4);
  g_assert_cmpstr (rapport_report_section_get_drill_key (times, 0), ==, "created:2026-10-01:2026-11-30");
}

static void
test_service_period_and_filters (Book          *book,
                                 gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = make_query (RAPPORT_REPORT_SERVICE, "2025-01-01", "2025-01-31",
                                                     RAPPORT_REPORT_STEP_MONTH);
  g_autoptr (RapportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) customers = NULL;
  g_autofree char *drilled = NULL;
  g_autofree char *a = id_list (book->a, 0);

  add_service_book (book);

  report = compute (book, query);
  g_assert_cmpstr (rapport_report_get_empty_text (report), ==, "No service requests in this period");
  g_assert_cmpuint (rapport_report_get_n_sections (report), ==, 0);
  g_clear_object (&report);

  g_free (query->from);
  g_free (query->to);
  query->from = g_strdup ("2026-09-01");
  query->to = g_strdup ("2026-11-30");
  query->tier = RAPPORT_TIER_GOLD;
  report = compute (book, query);
  g_assert_cmpstr (rapport_report_section_get_summary (section (report, "kind")), ==, "2 requests");
  g_assert_cmpfloat (cell (section (report, "kind"), "Inquiry", 1), ==, 1);
  drilled = drill (book, query, "kind", "kind:inquiry");
  g_assert_cmpstr (drilled, ==, a);
  g_clear_object (&report);

  query->tier = -1;
  query->region = g_strdup ("South");
  report = compute (book, query);
  g_assert_cmpstr (rapport_report_section_get_summary (section (report, "kind")), ==, "2 requests");
  g_assert_cmpfloat (cell (section (report, "kind"), "After-Sales", 1), ==, 1);
  g_clear_object (&report);

  g_free (query->region);
  query->region = g_strdup ("Nowhere");
  report = compute (book, query);
  g_assert_cmpstr (rapport_report_get_empty_text (report), ==,
                   "No service requests in this period match the filters");

  /* A customer in the Trash takes its requests along, filters or not. */
  g_clear_object (&report);
  g_clear_pointer (&query->region, g_free);
  g_assert_true (rapport_store_trash_customer (book->base.db, book->b, &error));
  g_assert_no_error (error);
  report = compute (book, query);
  g_assert_cmpstr (rapport_report_section_get_summary (section (report, "kind")), ==, "2 requests");
  g_clear_object (&report);
  query->tier = RAPPORT_TIER_GOLD;
  report = compute (book, query);
  g_assert_cmpstr (rapport_report_section_get_summary (section (report, "kind")), ==, "2 requests");

  customers = rapport_store_list_report_customers (book->base.db, query, "kind", "kind:nonsense", 50, NULL,
                                                   NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_null (customers);
}

/* Pipeline */

static gint64
stage_id (Book       *book,
          const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (book->base.db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);

      if (g_strcmp0 (rapport_pipeline_stage_get_key (stage), key) == 0)
        return rapport_pipeline_stage_get_id (stage);
    }
  g_assert_not_reached ();
}

static gint64
lost_reason_id (Book       *book,
                const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) reasons = rapport_store_list_lost_reasons (book->base.db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < reasons->len; i++)
    if (g_strcmp0 (g_array_index (reasons, RapportLostReason, i).key, key) == 0)
      return g_array_index (reasons, RapportLostReason, i).id;
  g_assert_not_reached ();
}

static void
at (Book   *book,
    gint64  time)
{
  rapport_clock_set_fixed (book->base.clock, time);
}

static gint64
add_opportunity (Book       *book,
                 gint64      customer_id,
                 gint64      amount,
                 const char *currency,
                 const char *stage_key,
                 const char *expected_close,
                 gint64      created_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportOpportunity) opportunity = rapport_opportunity_new ();

  at (book, created_at);
  rapport_opportunity_set_customer_id (opportunity, customer_id);
  rapport_opportunity_set_title (opportunity, "Deal");
  rapport_opportunity_set_amount (opportunity, amount);
  rapport_opportunity_set_currency (opportunity, currency);
  rapport_opportunity_set_stage_id (opportunity, stage_id (book, stage_key));
  rapport_opportunity_set_probability (opportunity, -1);
  rapport_opportunity_set_expected_close (opportunity, expected_close);
  g_assert_true (rapport_store_insert_opportunity (book->base.db, opportunity, &error));
  g_assert_no_error (error);

  return rapport_opportunity_get_id (opportunity);
}

static void
add_pipeline_book (Book *book)
{
  g_autoptr (GError) error = NULL;
  gint64 won, lost;

  /* Open, closing in December: ¥1,000 at 10 % and $2,000 (×7) at 50 %. */
  add_opportunity (book, book->a, 100000, "CNY", "qualification", "2026-12-15", local_time ("2026-10-01", 9));
  add_opportunity (book, book->b, 200000, "USD", "proposal", "2026-12-20", local_time ("2026-10-01", 9));
  /* In euros, which have no rate; without a close date; due before the period. */
  add_opportunity (book, book->a, 50000, "EUR", "proposal", "2026-11-25", local_time ("2026-10-01", 9));
  add_opportunity (book, book->a, 10000, "CNY", "proposal", NULL, local_time ("2026-10-01", 9));
  add_opportunity (book, book->a, 10000, "CNY", "proposal", "2026-08-15", local_time ("2026-07-01", 9));

  /* Ten days in qualification, thirty in needs analysis, ten in proposal, won. */
  won = add_opportunity (book, book->a, 300000, "CNY", "qualification", "2026-10-31", local_time ("2026-09-01", 9));
  at (book, local_time ("2026-09-11", 9));
  g_assert_true (rapport_store_move_opportunity (book->base.db, won, stage_id (book, "needs-analysis"), &error));
  at (book, local_time ("2026-10-11", 9));
  g_assert_true (rapport_store_move_opportunity (book->base.db, won, stage_id (book, "proposal"), &error));
  at (book, local_time ("2026-10-21", 9));
  g_assert_true (rapport_store_win_opportunity (book->base.db, won, &error));

  /* 35 days in qualification, lost on price. */
  lost = add_opportunity (book, book->b, 50000, "CNY", "qualification", "2026-11-30", local_time ("2026-10-01", 9));
  at (book, local_time ("2026-11-05", 9));
  g_assert_true (rapport_store_lose_opportunity (book->base.db, lost, lost_reason_id (book, "price"), NULL, &error));
  g_assert_no_error (error);
  at (book, TEST_NOW);
}

static void
test_pipeline_empty (Book          *book,
                     gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = make_query (RAPPORT_REPORT_PIPELINE, "2026-09-01", "2026-11-30",
                                                     RAPPORT_REPORT_STEP_MONTH);
  g_autoptr (RapportReport) report = compute (book, query);

  g_assert_cmpstr (rapport_report_get_empty_text (report), ==, "No opportunities yet");
  g_assert_cmpuint (rapport_report_get_n_sections (report), ==, 0);
}

static void
test_pipeline (Book          *book,
               gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = make_query (RAPPORT_REPORT_PIPELINE, "2026-09-01", "2026-11-30",
                                                     RAPPORT_REPORT_STEP_MONTH);
  g_autoptr (RapportReport) report = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *a = id_list (book->a, 0);
  g_autofree char *b = id_list (book->b, 0);
  g_autofree char *ab = id_list (book->a, book->b);
  g_autofree char *key = NULL;
  RapportReportSection *forecast, *win_rate, *stage_time, *lost;
  guint last;

  add_pipeline_book (book);
  report = compute (book, query);
  g_assert_null (rapport_report_get_empty_text (report));
  g_assert_cmpuint (rapport_report_get_n_sections (report), ==, 4);

  /* From November (the first close date in the period) to December. */
  forecast = section (report, "forecast");
  g_assert_cmpuint (rapport_report_section_get_n_rows (forecast), ==, 2);
  last = 1;
  g_assert_cmpfloat (rapport_report_section_get_value (forecast, last, 1), ==, 2);
  g_assert_cmpfloat (rapport_report_section_get_value (forecast, last, 2), ==, 100000 + 1400000);
  g_assert_cmpfloat (rapport_report_section_get_value (forecast, last, 3), ==, 10000 + 700000);
  g_assert_cmpfloat (rapport_report_section_get_value (forecast, 0, 1), ==, 0);
  g_assert_cmpstr (rapport_report_section_get_drill_key (forecast, last), ==, "close:2026-12-01:2026-12-31");
  g_assert_true (has_note_containing (forecast, "EUR"));
  g_assert_true (has_note_containing (forecast, "1 open opportunity has no expected close date"));
  g_assert_true (has_note_containing (forecast, "1 open opportunity was expected to close before this period"));
  ids = drill (book, query, "forecast", rapport_report_section_get_drill_key (forecast, last));
  g_assert_cmpstr (ids, ==, ab);
  g_clear_pointer (&ids, g_free);

  win_rate = section (report, "win_rate");
  g_assert_cmpuint (rapport_report_section_get_n_rows (win_rate), ==, 3);
  g_assert_cmpfloat (rapport_report_section_get_value (win_rate, 1, 1), ==, 1);
  g_assert_cmpfloat (rapport_report_section_get_value (win_rate, 1, 3), ==, 100);
  g_assert_cmpfloat (rapport_report_section_get_value (win_rate, 2, 2), ==, 1);
  g_assert_cmpfloat (rapport_report_section_get_value (win_rate, 2, 3), ==, 0);
  g_assert_null (rapport_report_section_get_drill_key (win_rate, 0));
  g_assert_cmpstr (rapport_report_section_get_summary (win_rate), ==, "50% won: 1 of 2 closed opportunities");
  ids = drill (book, query, "win_rate", rapport_report_section_get_drill_key (win_rate, 2));
  g_assert_cmpstr (ids, ==, b);
  g_clear_pointer (&ids, g_free);

  stage_time = section (report, "stage_time");
  g_assert_cmpuint (rapport_report_section_get_n_rows (stage_time), ==, 3);
  g_assert_cmpfloat (cell (stage_time, "Qualification", 1), ==, 2);
  g_assert_cmpfloat (cell (stage_time, "Qualification", 2), ==, 22.5 * DAY);
  g_assert_cmpstr (rapport_report_section_get_text (stage_time, row_of (stage_time, "Qualification"), 2), ==,
                   "22.5 days");
  g_assert_cmpfloat (cell (stage_time, "Needs Analysis", 2), ==, 30 * DAY);
  g_assert_cmpfloat (cell (stage_time, "Proposal", 2), ==, 10 * DAY);
  key = g_strdup_printf ("stage:%" G_GINT64_FORMAT, stage_id (book, "qualification"));
  ids = drill (book, query, "stage_time", key);
  g_assert_cmpstr (ids, ==, ab);
  g_clear_pointer (&ids, g_free);

  lost = section (report, "lost_reasons");
  g_assert_cmpint (rapport_report_section_get_chart_kind (lost), ==, RAPPORT_CHART_DONUT);
  g_assert_cmpuint (rapport_report_section_get_n_rows (lost), ==, 1);
  g_assert_cmpfloat (cell (lost, "Price", 1), ==, 1);
  g_assert_cmpfloat (cell (lost, "Price", 2), ==, 100);
  ids = drill (book, query, "lost_reasons", rapport_report_section_get_drill_key (lost, 0));
  g_assert_cmpstr (ids, ==, b);
  g_clear_pointer (&ids, g_free);

  /* Gold customers only: Alpha won, nothing lost. */
  g_clear_object (&report);
  query->tier = RAPPORT_TIER_GOLD;
  report = compute (book, query);
  g_assert_cmpstr (rapport_report_section_get_summary (section (report, "win_rate")), ==,
                   "100% won: 1 of 1 closed opportunity");
  g_assert_cmpstr (rapport_report_section_get_empty_text (section (report, "lost_reasons")), ==,
                   "No opportunity was lost in this period");
  g_assert_cmpuint (rapport_report_section_get_n_rows (section (report, "lost_reasons")), ==, 0);
  ids = drill (book, query, "forecast", "close:2026-12-01:2026-12-31");
  g_assert_cmpstr (ids, ==, a);
}

static void
test_pipeline_period_without_data (Book          *book,
                                   gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = make_query (RAPPORT_REPORT_PIPELINE, "2030-01-01", "2030-03-31",
                                                     RAPPORT_REPORT_STEP_MONTH);
  g_autoptr (RapportReport) report = NULL;

  add_pipeline_book (book);
  report = compute (book, query);
  g_assert_cmpstr (rapport_report_get_empty_text (report), ==, "No pipeline activity in this period");
  g_assert_cmpuint (rapport_report_get_n_sections (report), ==, 0);
}

/* Close dates more than two years past the period are summed in one last
 * row; unknown rows are refused. */
static void
test_pipeline_forecast_later (Book          *book,
                              gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = make_query (RAPPORT_REPORT_PIPELINE, "2026-09-01", "2026-11-30",
                                                     RAPPORT_REPORT_STEP_MONTH);
  g_autoptr (RapportReport) report = NULL;
  g_autoptr (GPtrArray) customers = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *a = id_list (book->a, 0);
  RapportReportSection *forecast;
  guint n_rows;

  add_opportunity (book, book->a, 100000, "CNY", "proposal", "2029-06-01", local_time ("2026-10-01", 9));
  at (book, TEST_NOW);
  report = compute (book, query);

  /* Up to November 2028, then later. */
  forecast = section (report, "forecast");
  n_rows = rapport_report_section_get_n_rows (forecast);
  g_assert_cmpuint (n_rows, ==, 1 + 1);
  g_assert_cmpstr (rapport_report_section_get_drill_key (forecast, 0), ==, "close:2028-11-01:2028-11-30");
  g_assert_cmpstr (rapport_report_section_get_text (forecast, n_rows - 1, 0), ==, "Later");
  g_assert_cmpfloat (rapport_report_section_get_value (forecast, n_rows - 1, 1), ==, 1);
  g_assert_cmpfloat (rapport_report_section_get_value (forecast, n_rows - 1, 3), ==, 50000);
  g_assert_cmpstr (rapport_report_section_get_drill_key (forecast, n_rows - 1), ==, "close:2028-12-01:9999-12-31");
  ids = drill (book, query, "forecast", rapport_report_section_get_drill_key (forecast, n_rows - 1));
  g_assert_cmpstr (ids, ==, a);

  /* Nothing was won, lost or moved on. */
  g_assert_cmpstr (rapport_report_section_get_empty_text (section (report, "win_rate")), ==,
                   "No opportunity was won or lost in this period");
  g_assert_cmpstr (rapport_report_section_get_empty_text (section (report, "stage_time")), ==,
                   "No opportunity moved on from a stage in this period");

  customers = rapport_store_list_report_customers (book->base.db, query, "forecast", "close:2026-13-01:2026-12-31",
                                                   50, NULL, NULL, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_null (customers);
}

/* Work log */

static gint64
add_logged_interaction (Book                   *book,
                        gint64                  customer_id,
                        RapportInteractionKind  kind,
                        gint64                  occurred_at,
                        gint64                  user_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();
  g_autofree char *sql = NULL;
  gint64 id;

  rapport_interaction_set_customer_id (interaction, customer_id);
  rapport_interaction_set_kind (interaction, kind);
  rapport_interaction_set_occurred_at (interaction, occurred_at);
  rapport_interaction_set_summary (interaction, "Talked");
  g_assert_true (rapport_store_insert_interaction (book->base.db, interaction, &error));
  g_assert_no_error (error);
  id = rapport_interaction_get_id (interaction);

  if (user_id != 0)
    {
      sql = g_strdup_printf ("UPDATE interaction SET user_id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                             user_id, id);
      exec_sql (book->base.db, sql);
    }

  return id;
}

static void
add_recorded_order (Book       *book,
                    gint64      customer_id,
                    const char *ordered_on,
                    gint64      amount,
                    const char *currency,
                    gint64      user_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportOrder) order = rapport_order_new ();

  rapport_order_set_customer_id (order, customer_id);
  rapport_order_set_ordered_on (order, ordered_on);
  rapport_order_set_amount (order, amount);
  rapport_order_set_currency (order, currency);
  g_assert_true (rapport_store_insert_order (book->base.db, order, &error));
  g_assert_no_error (error);

  if (user_id != 0)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE orders SET user_id = %" G_GINT64_FORMAT
                                              " WHERE id = %" G_GINT64_FORMAT,
                                              user_id, rapport_order_get_id (order));

      exec_sql (book->base.db, sql);
    }
}

static gint64
add_assigned_follow_up (Book       *book,
                        gint64      customer_id,
                        gint64      assignee_id,
                        gint64      created_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();

  at (book, created_at);
  rapport_follow_up_set_customer_id (follow_up, customer_id);
  rapport_follow_up_set_title (follow_up, "Call back");
  rapport_follow_up_set_due_local (follow_up, "2026-11-30 10:00");
  rapport_follow_up_set_assignee_id (follow_up, assignee_id);
  g_assert_true (rapport_store_insert_follow_up (book->base.db, follow_up, &error));
  g_assert_no_error (error);
  at (book, TEST_NOW);

  return rapport_follow_up_get_id (follow_up);
}

/* The week of Monday 16 November 2026. */
static void
add_work_book (Book *book)
{
  g_autoptr (GError) error = NULL;
  gint64 follow_up, trashed;

  /* Me: two calls on Monday, a visit on Tuesday. Wang: a visit on Monday,
   * a call on Wednesday. Outside: the week before, and one in the Trash. */
  add_logged_interaction (book, book->a, RAPPORT_INTERACTION_KIND_CALL, local_time ("2026-11-16", 9), 0);
  add_logged_interaction (book, book->a, RAPPORT_INTERACTION_KIND_CALL, local_time ("2026-11-16", 15), book->me);
  add_logged_interaction (book, book->b, RAPPORT_INTERACTION_KIND_VISIT, local_time ("2026-11-17", 10), 0);
  add_logged_interaction (book, book->b, RAPPORT_INTERACTION_KIND_VISIT, local_time ("2026-11-16", 11), book->wang);
  add_logged_interaction (book, book->a, RAPPORT_INTERACTION_KIND_CALL, local_time ("2026-11-18", 23), book->wang);
  add_logged_interaction (book, book->a, RAPPORT_INTERACTION_KIND_CALL, local_time ("2026-11-15", 23), 0);
  trashed = add_logged_interaction (book, book->b, RAPPORT_INTERACTION_KIND_CALL, local_time ("2026-11-18", 9), 0);
  g_assert_true (rapport_store_trash_interaction (book->base.db, trashed, &error));
  g_assert_no_error (error);

  /* Mine opened on Monday and done on Wednesday; Wang's opened on Tuesday. */
  follow_up = add_assigned_follow_up (book, book->a, 0, local_time ("2026-11-16", 10));
  g_assert_true (rapport_store_complete_follow_up (book->base.db, follow_up, local_time ("2026-11-18", 10),
                                                   RAPPORT_RECUR_FROM_DUE, 0, NULL, &error));
  g_assert_no_error (error);
  add_assigned_follow_up (book, book->b, book->wang, local_time ("2026-11-17", 10));

  /* Me: ¥1,000 and ¥500 on Tuesday. Wang: $100 (×7) and €50 (no rate) on Thursday. */
  add_recorded_order (book, book->a, "2026-11-17", 100000, "CNY", 0);
  add_recorded_order (book, book->b, "2026-11-17", 50000, "CNY", 0);
  add_recorded_order (book, book->b, "2026-11-19", 10000, "USD", book->wang);
  add_recorded_order (book, book->a, "2026-11-19", 5000, "EUR", book->wang);
  add_recorded_order (book, book->a, "2026-11-23", 5000, "CNY", book->wang);
}

static void
test_work_log (Book          *book,
               gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = rapport_report_query_new (RAPPORT_REPORT_WORK_LOG, "2026-11-22", "CNY");
  g_autoptr (RapportReport) report = NULL;
  g_autofree char *me_section = NULL;
  g_autofree char *wang_section = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *b = id_list (book->b, 0);
  g_autofree char *ab = id_list (book->a, book->b);
  RapportReportSection *by_day, *by_person, *mine, *wangs;

  g_assert_cmpstr (query->from, ==, "2026-11-16");
  g_assert_cmpstr (query->to, ==, "2026-11-22");

  add_work_book (book);
  report = compute (book, query);
  g_assert_null (rapport_report_get_empty_text (report));
  g_assert_cmpuint (rapport_report_get_n_sections (report), ==, 4);

  by_day = section (report, "by_day");
  g_assert_cmpstr (rapport_report_section_get_title (by_day), ==, "Activity per Day, Nov 16, 2026 – Nov 22, 2026");
  g_assert_cmpuint (rapport_report_section_get_n_rows (by_day), ==, 7);
  g_assert_cmpstr (rapport_report_section_get_text (by_day, 0, 0), ==, "Mon Nov 16");
  /* Monday: three interactions (one a visit), a follow-up opened. */
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 0, 1), ==, 3);
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 0, 2), ==, 1);
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 0, 4), ==, 1);
  /* Tuesday: a visit, a follow-up opened, two orders of ¥1,500. */
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 1, 1), ==, 1);
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 1, 2), ==, 1);
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 1, 4), ==, 1);
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 1, 5), ==, 2);
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 1, 6), ==, 150000);
  /* Wednesday: a call late in the day, a follow-up done. */
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 2, 1), ==, 1);
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 2, 3), ==, 1);
  /* Thursday: two orders, the euro one counted without its amount. */
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 3, 5), ==, 2);
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 3, 6), ==, 70000);
  g_assert_true (has_note_containing (by_day, "EUR"));
  /* Sunday: nothing, and no customers behind it. */
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 6, 1), ==, 0);
  g_assert_null (rapport_report_section_get_drill_key (by_day, 6));

  by_person = section (report, "by_person");
  g_assert_cmpuint (rapport_report_section_get_n_rows (by_person), ==, 2);
  g_assert_cmpstr (rapport_report_section_get_text (by_person, 1, 0), ==, "Wang");
  g_assert_cmpfloat (cell (by_person, "Wang", 1), ==, 2);
  g_assert_cmpfloat (cell (by_person, "Wang", 2), ==, 1);
  g_assert_cmpfloat (cell (by_person, "Wang", 3), ==, 0);
  g_assert_cmpfloat (cell (by_person, "Wang", 4), ==, 1);
  g_assert_cmpfloat (cell (by_person, "Wang", 5), ==, 2);
  g_assert_cmpfloat (rapport_report_section_get_value (by_person, 0, 1), ==, 3);
  g_assert_cmpfloat (rapport_report_section_get_value (by_person, 0, 3), ==, 1);

  me_section = g_strdup_printf ("person:%" G_GINT64_FORMAT, book->me);
  wang_section = g_strdup_printf ("person:%" G_GINT64_FORMAT, book->wang);
  mine = section (report, me_section);
  wangs = section (report, wang_section);
  g_assert_cmpstr (rapport_report_section_get_title (wangs), ==,
                   "Work Log of Wang, Nov 16, 2026 – Nov 22, 2026");
  g_assert_cmpuint (rapport_report_section_get_n_rows (wangs), ==, 7);
  g_assert_cmpfloat (rapport_report_section_get_value (wangs, 0, 2), ==, 1);
  g_assert_cmpfloat (rapport_report_section_get_value (mine, 0, 1), ==, 2);
  g_assert_cmpfloat (rapport_report_section_get_value (mine, 0, 2), ==, 0);
  g_assert_cmpstr (rapport_report_section_get_summary (wangs), ==,
                   "2 interactions, 1 visit, 0 follow-ups done, 1 opened, 2 orders (¥700.00)");

  /* Whom Wang saw on Monday; whom anyone touched on Monday. */
  ids = drill (book, query, wang_section, rapport_report_section_get_drill_key (wangs, 0));
  g_assert_cmpstr (ids, ==, b);
  g_clear_pointer (&ids, g_free);
  ids = drill (book, query, "by_day", rapport_report_section_get_drill_key (by_day, 0));
  g_assert_cmpstr (ids, ==, ab);
  g_clear_pointer (&ids, g_free);

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) customers = rapport_store_list_report_customers (book->base.db, query, "by_day",
                                                                           "touch:x:2026-11-16:2026-11-16",
                                                                           50, NULL, NULL, &error);

    g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
    g_assert_null (customers);
  }

  /* Only the customers in the South: Wang's Monday visit, Thursday's
   * dollars. With Beta alone the rows are read by customer; with more
   * southern customers than the week has rows, by row. */
  g_clear_object (&report);
  query->region = g_strdup ("South");
  report = compute (book, query);
  g_assert_cmpfloat (cell (section (report, "by_person"), "Wang", 1), ==, 1);
  g_assert_cmpfloat (cell (section (report, "by_person"), "Wang", 6), ==, 70000);
  g_clear_object (&report);
  for (guint i = 0; i < 5; i++)
    add_book_customer (book->base.db, "Southern", RAPPORT_TIER_LEAD, "South");
  report = compute (book, query);
  g_assert_cmpfloat (cell (section (report, "by_person"), "Wang", 1), ==, 1);
  g_assert_cmpfloat (cell (section (report, "by_person"), "Wang", 6), ==, 70000);
  g_assert_cmpfloat (rapport_report_section_get_value (section (report, "by_day"), 1, 1), ==, 1);
}

static void
test_work_log_by_week_and_empty (Book          *book,
                                 gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = make_query (RAPPORT_REPORT_WORK_LOG, "2026-11-09", "2026-11-22",
                                                     RAPPORT_REPORT_STEP_WEEK);
  g_autoptr (RapportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RapportReportSection *by_day;

  report = compute (book, query);
  g_assert_cmpstr (rapport_report_get_empty_text (report), ==, "Nothing was logged in this period");
  g_clear_object (&report);

  add_work_book (book);
  report = compute (book, query);
  by_day = section (report, "by_day");
  g_assert_cmpuint (rapport_report_section_get_n_rows (by_day), ==, 2);
  g_assert_cmpstr (rapport_report_section_get_column_title (by_day, 0), ==, "Week");
  /* Sunday 15th's call in the first week, the rest in the second. */
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 0, 1), ==, 1);
  g_assert_cmpfloat (rapport_report_section_get_value (by_day, 1, 1), ==, 5);
  g_assert_cmpstr (rapport_report_section_get_drill_key (by_day, 1), ==, "touch:0:2026-11-16:2026-11-22");
  g_clear_object (&report);

  /* Beta in the Trash: its two visits go, filters or not. */
  g_assert_true (rapport_store_trash_customer (book->base.db, book->b, &error));
  g_assert_no_error (error);
  report = compute (book, query);
  g_assert_cmpfloat (rapport_report_section_get_value (section (report, "by_day"), 1, 1), ==, 3);
  g_assert_cmpfloat (rapport_report_section_get_value (section (report, "by_day"), 1, 2), ==, 0);
  g_assert_cmpfloat (cell (section (report, "by_person"), "Wang", 1), ==, 1);
  g_clear_object (&report);
  query->tier = RAPPORT_TIER_GOLD;
  report = compute (book, query);
  g_assert_cmpfloat (rapport_report_section_get_value (section (report, "by_day"), 1, 1), ==, 3);
  g_clear_object (&report);
  query->tier = -1;

  g_free (query->from);
  g_free (query->to);
  query->from = g_strdup ("2025-01-06");
  query->to = g_strdup ("2025-01-12");
  report = compute (book, query);
  g_assert_cmpstr (rapport_report_get_empty_text (report), ==, "Nothing was logged in this period");
  g_assert_cmpuint (rapport_report_get_n_sections (report), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Local days without daylight saving: the stays and days computed by
   * hand hold wherever the test runs. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Book, NULL, book_set_up, func, book_tear_down)
  ADD ("/report-activity/service/empty", test_service_empty);
  ADD ("/report-activity/service/numbers", test_service);
  ADD ("/report-activity/service/period-and-filters", test_service_period_and_filters);
  ADD ("/report-activity/pipeline/empty", test_pipeline_empty);
  ADD ("/report-activity/pipeline/numbers", test_pipeline);
  ADD ("/report-activity/pipeline/period-without-data", test_pipeline_period_without_data);
  ADD ("/report-activity/pipeline/forecast-later", test_pipeline_forecast_later);
  ADD ("/report-activity/work-log/numbers", test_work_log);
  ADD ("/report-activity/work-log/by-week-and-empty", test_work_log_by_week_and_empty);
#undef ADD

  return g_test_run ();
}
