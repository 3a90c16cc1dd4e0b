/* test-change-bus.c
 *
 * The change bus of a database file: what a worker thread commits reaches the
 * views on the main thread, coalesced; a rollback reaches nothing; an
 * import-sized batch arrives as one bulk change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-test-helpers.h"

typedef struct
{
  RapportDatabase *worker;
  guint            n_customers;
  guint            per_transaction;
  gboolean         roll_back;
} Job;

typedef struct
{
  GThread *thread;
  guint    n_deliveries;
} Delivery;

static gboolean
insert_customers (RapportDatabase  *db,
                  gpointer          user_data,
                  GError          **error)
{
  Job *job = user_data;

  for (guint i = 0; i < job->per_transaction; i++)
    {
      g_autoptr (RapportCustomer) customer = rapport_customer_new ();
      g_autofree char *name = g_strdup_printf ("Worker Customer %u", job->n_customers++);

      rapport_customer_set_name (customer, name);
      if (!rapport_store_insert_customer (db, customer, error))
        return FALSE;
    }

  /* A failure after writing: everything of this transaction goes. */
  if (job->roll_back)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED, "rolled back");
      return FALSE;
    }

  return TRUE;
}

static void
run_job_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (!rapport_database_run_in_transaction (job->worker, insert_customers, job, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs @job on a worker thread and waits for it, iterating the main loop. */
static gboolean
run_on_worker (Job      *job,
               GError  **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GTask) task = g_task_new (NULL, NULL, job_done_cb, &result);

  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, run_job_thread);
  g_clear_object (&task);

  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run for @ms (the bus delivers workers' commits from it). */
static void
run_main_loop_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
delivered_cb (RapportChangeBus *bus,
              GArray           *changes,
              gpointer          user_data)
{
  Delivery *delivery = user_data;

  delivery->thread = g_thread_self ();
  delivery->n_deliveries++;
}

static void
test_worker_reaches_main_thread (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  RapportChangeBus *bus = rapport_database_get_change_bus (fixture->db);
  Job job = { 0 };
  Delivery delivery = { 0 };

  job.worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  job.per_transaction = 1;
  g_signal_connect (bus, "changed", G_CALLBACK (delivered_cb), &delivery);

  g_assert_true (run_on_worker (&job, &error));
  g_assert_no_error (error);
  run_main_loop_for (100);

  g_assert_cmpuint (delivery.n_deliveries, ==, 1);
  g_assert_true (delivery.thread == g_thread_self ());
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_cmpint (recorded_customer (fixture, 0), >, 0);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, recorded_customer (fixture, 0),
                  RAPPORT_CHANGE_INSERTED);

  g_signal_handlers_disconnect_by_data (bus, &delivery);
  g_assert_finalize_object (job.worker);
}

static void
test_rollback_reaches_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  Job job = { 0 };

  job.worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  job.per_transaction = 3;
  job.roll_back = TRUE;

  g_assert_false (run_on_worker (&job, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED);
  run_main_loop_for (100);
  rapport_change_bus_flush (rapport_database_get_change_bus (fixture->db));

  assert_changes (fixture, 0);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 0);

  g_assert_finalize_object (job.worker);
}

static void
test_worker_commits_coalesce (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  RapportChangeBus *bus = rapport_database_get_change_bus (fixture->db);
  guint before = rapport_change_bus_get_n_deliveries (bus);
  Job job = { 0 };

  job.worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  job.per_transaction = 2;

  /* Three transactions before the main loop gets to deliver: one delivery. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_task_data (task, &job, NULL);
      g_task_run_in_thread_sync (task, run_job_thread);
      g_assert_true (g_task_propagate_boolean (task, &error));
    }
  g_assert_cmpuint (rapport_change_bus_get_n_deliveries (bus), ==, before);
  run_main_loop_for (100);

  g_assert_cmpuint (rapport_change_bus_get_n_deliveries (bus), ==, before + 1);
  g_assert_cmpuint (fixture->changes->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, i).change, ==, RAPPORT_CHANGE_INSERTED);

  g_assert_finalize_object (job.worker);
}

static void
test_worker_changes_come_first (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) mine = NULL;
  g_autoptr (GTask) task = NULL;
  Job job = { 0 };

  job.worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  job.per_transaction = 1;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, &job, NULL);
  g_task_run_in_thread_sync (task, run_job_thread);
  g_assert_true (g_task_propagate_boolean (task, &error));

  /* A commit on the main thread delivers what the worker committed before
   * it, in commit order, in the same emission. */
  mine = add_customer (fixture->db, "Main Thread", NULL);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  g_assert_cmpint (recorded_customer (fixture, 1), ==, rapport_customer_get_id (mine));
  g_assert_cmpint (recorded_customer (fixture, 0), <, rapport_customer_get_id (mine));

  g_assert_finalize_object (job.worker);
}

static void
test_import_sized_batch_is_one_bulk_change (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  RapportChangeBus *bus = rapport_database_get_change_bus (fixture->db);
  guint before = rapport_change_bus_get_n_deliveries (bus);
  Job job = { 0 };

  job.worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  job.per_transaction = 2000;

  g_assert_true (run_on_worker (&job, &error));
  g_assert_no_error (error);
  run_main_loop_for (100);

  g_assert_cmpuint (rapport_change_bus_get_n_deliveries (bus), ==, before + 1);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, 0);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, (gint64) 0, RAPPORT_CHANGE_RELOADED);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 2000);

  g_assert_finalize_object (job.worker);
}

static void
test_concerns_customer (void)
{
  RapportChange contact = { RAPPORT_ENTITY_KIND_CONTACT, RAPPORT_CHANGE_UPDATED, 7, 3 };
  RapportChange tag = { RAPPORT_ENTITY_KIND_TAG, RAPPORT_CHANGE_INSERTED, 2, 0 };
  RapportChange bulk_of_one = { RAPPORT_ENTITY_KIND_INTERACTION, RAPPORT_CHANGE_RELOADED, 0, 3 };
  RapportChange bulk_of_many = { RAPPORT_ENTITY_KIND_CUSTOMER, RAPPORT_CHANGE_RELOADED, 0, 0 };

  g_assert_true (rapport_change_concerns_customer (&contact, 3));
  g_assert_false (rapport_change_concerns_customer (&contact, 4));
  g_assert_false (rapport_change_concerns_customer (&tag, 3));
  g_assert_true (rapport_change_concerns_customer (&bulk_of_one, 3));
  g_assert_false (rapport_change_concerns_customer (&bulk_of_one, 4));
  g_assert_true (rapport_change_concerns_customer (&bulk_of_many, 4));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/change-bus/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("worker-reaches-main-thread", test_worker_reaches_main_thread);
  ADD ("rollback-reaches-nothing", test_rollback_reaches_nothing);
  ADD ("worker-commits-coalesce", test_worker_commits_coalesce);
  ADD ("worker-changes-come-first", test_worker_changes_come_first);
  ADD ("import-sized-batch-is-one-bulk-change", test_import_sized_batch_is_one_bulk_change);
  g_test_add_func ("/store/change-bus/concerns-customer", test_concerns_customer);

  return g_test_run ();
}
