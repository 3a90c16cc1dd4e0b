/* test-report-job.c
 *
 * Reports computed off the main thread on a worker connection: the report
 * and the customers behind a row arrive on the caller's main context, and
 * a cancelled call ends with G_IO_ERROR_CANCELLED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-database-private.h"
#include "rapport-report-job.h"
#include "rapport-session.h"
#include "rapport-store.h"
#include "test-utils.h"

/* 2026-11-22 08:00:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1795334400)

typedef struct
{
  char            *dir;
  RapportClock    *clock;
  RapportDatabase *db;
  RapportSession  *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_make_dir ("rapport-report-job");
  path = g_build_filename (f->dir, "rapport.db", NULL);
  f->clock = rapport_clock_new ();
  rapport_clock_set_fixed (f->clock, TEST_NOW);
  f->db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (f->db, f->clock);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
  rapport_session_set_clock (f->session, f->clock);

  /* Three customers, two of them with orders this year. */
  g_assert_true (_rapport_database_exec (f->db,
    "INSERT INTO customer (id, uuid, code, name, name_match, sort_key, tier, created_at, updated_at) VALUES"
    "  (1, 'c1', 'C1', 'Zeta', 'zeta', x'03', 'gold', 1, 1),"
    "  (2, 'c2', 'C2', 'Alpha', 'alpha', x'01', 'lead', 1, 1),"
    "  (3, 'c3', 'C3', 'Mid', 'mid', x'02', 'lead', 1, 1);"
    "INSERT INTO orders (uuid, customer_id, ordered_on, amount, currency, created_at, updated_at) VALUES"
    "  ('o1', 1, '2026-03-01', 90000, 'CNY', 1, 1),"
    "  ('o2', 2, '2026-05-01', 10000, 'CNY', 1, 1);",
    &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rapport_session_close (f->session);
  g_clear_object (&f->session);
  g_clear_object (&f->db);
  g_clear_object (&f->clock);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_compute (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = rapport_report_query_new (RAPPORT_REPORT_CONTRIBUTION, "2026-11-22", "CNY");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (RapportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RapportReportSection *top;

  rapport_report_job_compute_async (f->session, query, NULL, result_cb, &result);
  /* Nothing is computed on the caller's stack. */
  g_assert_null (result);
  test_wait_for (is_set, &result);

  report = rapport_report_job_compute_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (rapport_report_get_query (report)->from, ==, "2025-12-01");
  top = rapport_report_find_section (report, "top");
  g_assert_cmpuint (rapport_report_section_get_n_rows (top), ==, 2);
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 0), ==, "Zeta");
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 1), ==, "¥900.00");
  g_assert_cmpstr (rapport_report_section_get_text (top, 0, 2), ==, "90%");
}

static void
test_list_customers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = rapport_report_query_new (RAPPORT_REPORT_VALUE_MATRIX, "2026-11-22", "CNY");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) customers = NULL;
  g_autoptr (GError) error = NULL;
  guint total = 0;

  rapport_report_job_list_customers_async (f->session, query, "matrix", "lead/low", 1, NULL, result_cb, &result);
  test_wait_for (is_set, &result);

  customers = rapport_report_job_list_customers_finish (result, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 1);
  g_assert_cmpstr (rapport_customer_get_name (g_ptr_array_index (customers, 0)), ==, "Alpha");
  g_assert_cmpuint (total, ==, 2);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = rapport_report_query_new (RAPPORT_REPORT_CHURN, "2026-11-22", "CNY");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) list_result = NULL;
  g_autoptr (RapportReport) report = NULL;
  g_autoptr (GPtrArray) customers = NULL;
  g_autoptr (GError) error = NULL;
  guint total = 7;

  g_cancellable_cancel (cancellable);
  rapport_report_job_compute_async (f->session, query, cancellable, result_cb, &result);
  rapport_report_job_list_customers_async (f->session, query, "lost", "2026-01-01|2026-01-31", 10,
                                           cancellable, result_cb, &list_result);
  test_wait_for (is_set, &result);
  test_wait_for (is_set, &list_result);

  report = rapport_report_job_compute_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_clear_error (&error);
  customers = rapport_report_job_list_customers_finish (list_result, &total, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (customers);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_closed_session (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = rapport_report_query_new (RAPPORT_REPORT_COMPOSITION, "2026-11-22", "CNY");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (RapportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  rapport_session_close (f->session);
  rapport_report_job_compute_async (f->session, query, NULL, result_cb, &result);
  test_wait_for (is_set, &result);
  report = rapport_report_job_compute_finish (result, &error);
  g_assert_nonnull (error);
  g_assert_null (report);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/report-job/compute", test_compute);
  ADD ("/report-job/list-customers", test_list_customers);
  ADD ("/report-job/cancelled", test_cancelled);
  ADD ("/report-job/closed-session", test_closed_session);
#undef ADD

  return g_test_run ();
}
