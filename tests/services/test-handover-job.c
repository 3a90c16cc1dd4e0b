/* test-handover-job.c
 *
 * The handover job: a run on a worker with progress, Cancel writes
 * nothing, a second handover of the same person while one runs is refused,
 * and undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-database-private.h"
#include "rapport-handover-job.h"
#include "rapport-session.h"
#include "rapport-store.h"
#include "test-utils.h"

/* 2026-11-22 08:00:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1795334400)
#define N_CUSTOMERS 1500

enum { WANG = 2, LI = 3 };

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
  g_autofree char *text = NULL;

  f->dir = test_make_dir ("rapport-handover-job");
  path = g_build_filename (f->dir, "rapport.db", NULL);
  f->clock = rapport_clock_new ();
  rapport_clock_set_fixed (f->clock, TEST_NOW);
  f->db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (f->db, f->clock);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
  rapport_session_set_clock (f->session, f->clock);

  text = g_strdup_printf (
    "INSERT INTO user (id, uuid, name, created_at, updated_at) VALUES "
    "  (2, 'u2', 'Wang', 1, 1), (3, 'u3', 'Li', 1, 1);"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
    "INSERT INTO customer (uuid, code, name, name_match, sort_key, owner_id, created_at, updated_at) "
    "SELECT 'c' || i, 'C' || i, 'Customer ' || i, 'customer ' || i, x'00', 2, 1, 1 FROM n;",
    N_CUSTOMERS);
  g_assert_true (_rapport_database_exec (f->db, text, &error));
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

static gint64
count_owned (Fixture *f,
             gint64   user_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 n = -1;

  stmt = _rapport_database_prepare (f->db, "SELECT count(*) FROM customer WHERE owner_id = ?1", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, user_id);
  g_assert_true (_rapport_database_step_int64 (f->db, stmt, "test", &n, &error));
  return n;
}

static void
progress_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  g_ptr_array_add (user_data, NULL);
}

static void
test_run_and_undo (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (RapportHandoverJob) job = rapport_handover_job_new (f->session);
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, LI);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) undo_result = NULL;
  g_autoptr (RapportHandoverPreview) preview = NULL;
  g_autoptr (GPtrArray) notifies = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  RapportHandoverCounts total = { 0 };
  gint64 handover_id = 0;
  guint restored = 0;

  rapport_handover_job_preview_async (job, plan, NULL, result_cb, &result);
  test_wait_for (is_set, &result);
  preview = rapport_handover_job_preview_finish (job, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->total.customers, ==, N_CUSTOMERS);
  g_clear_object (&result);

  g_signal_connect (job, "notify::progress", G_CALLBACK (progress_cb), notifies);
  rapport_handover_job_run_async (job, plan, NULL, result_cb, &result);
  g_assert_true (rapport_handover_job_get_running (job));
  test_wait_for (is_set, &result);
  g_assert_true (rapport_handover_job_run_finish (job, result, &handover_id, &total, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_handover_job_get_running (job));
  g_assert_cmpuint (total.customers, ==, N_CUSTOMERS);
  g_assert_cmpfloat (rapport_handover_job_get_progress (job), ==, 1.0);
  g_assert_cmpuint (notifies->len, >=, 1);
  g_assert_cmpint (count_owned (f, LI), ==, N_CUSTOMERS);
  g_assert_cmpint (count_owned (f, WANG), ==, 0);

  rapport_handover_undo_async (f->session, handover_id, NULL, result_cb, &undo_result);
  test_wait_for (is_set, &undo_result);
  g_assert_true (rapport_handover_undo_finish (f->session, undo_result, &restored, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restored, ==, N_CUSTOMERS);
  g_assert_cmpint (count_owned (f, WANG), ==, N_CUSTOMERS);
  rapport_change_bus_flush (rapport_database_get_change_bus (f->db));
}

static void
test_cancel_writes_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (RapportHandoverJob) job = rapport_handover_job_new (f->session);
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, LI);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) handovers = NULL;

  rapport_handover_job_run_async (job, plan, cancellable, result_cb, &result);
  g_cancellable_cancel (cancellable);
  test_wait_for (is_set, &result);
  g_assert_false (rapport_handover_job_run_finish (job, result, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED);
  g_assert_false (rapport_handover_job_get_running (job));

  g_assert_cmpint (count_owned (f, WANG), ==, N_CUSTOMERS);
  handovers = rapport_store_list_handovers (f->db, NULL);
  g_assert_cmpuint (handovers->len, ==, 0);
}

static void
test_second_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (RapportHandoverJob) job = rapport_handover_job_new (f->session);
  g_autoptr (RapportHandoverJob) other = rapport_handover_job_new (f->session);
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, LI);
  g_autoptr (GAsyncResult) first = NULL;
  g_autoptr (GAsyncResult) second = NULL;
  g_autoptr (GError) error = NULL;

  rapport_handover_job_run_async (job, plan, NULL, result_cb, &first);
  rapport_handover_job_run_async (other, plan, NULL, result_cb, &second);
  test_wait_for (is_set, &second);
  g_assert_false (rapport_handover_job_run_finish (other, second, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "A handover of Wang is already running");
  g_clear_error (&error);

  test_wait_for (is_set, &first);
  g_assert_true (rapport_handover_job_run_finish (job, first, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_owned (f, LI), ==, N_CUSTOMERS);
  rapport_change_bus_flush (rapport_database_get_change_bus (f->db));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/handover-job/run-and-undo", Fixture, NULL, fixture_set_up, test_run_and_undo, fixture_tear_down);
  g_test_add ("/handover-job/cancel", Fixture, NULL, fixture_set_up, test_cancel_writes_nothing, fixture_tear_down);
  g_test_add ("/handover-job/second-refused", Fixture, NULL, fixture_set_up, test_second_refused,
              fixture_tear_down);

  return g_test_run ();
}
