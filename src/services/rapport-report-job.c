/* rapport-report-job.c
 *
 * Reports off the main thread: each call opens a worker connection of the
 * session (on the caller's thread, where the session lives), computes on a
 * GTask thread and closes the connection there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-report-job"

#include "config.h"

#include "rapport-report-job.h"
#include "rapport-store.h"

typedef struct
{
  RapportDatabase    *worker;
  RapportReportQuery *query;
  char               *section_id;
  char               *drill_key;
  guint               limit;
  guint               total;
} Call;

static void
call_free (Call *call)
{
  g_clear_object (&call->worker);
  rapport_report_query_free (call->query);
  g_free (call->section_id);
  g_free (call->drill_key);
  g_free (call);
}

static GTask *
start_call (RapportSession           *session,
            const RapportReportQuery *query,
            GCancellable             *cancellable,
            GAsyncReadyCallback       callback,
            gpointer                  user_data,
            gpointer                  source_tag,
            Call                    **out_call)
{
  g_autoptr (GTask) task = g_task_new (session, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  Call *call;

  g_task_set_source_tag (task, source_tag);

  call = g_new0 (Call, 1);
  call->query = rapport_report_query_copy (query);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  call->worker = rapport_session_open_worker (session, &error);
  if (call->worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }

  *out_call = call;
  return g_steal_pointer (&task);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Call *call = task_data;
  g_autoptr (GError) error = NULL;
  RapportReport *report;

  report = rapport_store_compute_report (call->worker, call->query, cancellable, &error);
  /* The connection belongs to this thread's work: close it here. */
  g_clear_object (&call->worker);

  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_object_unref);
}

static void
list_customers_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  Call *call = task_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *customers;

  customers = rapport_store_list_report_customers (call->worker, call->query, call->section_id,
                                                   call->drill_key, call->limit, &call->total,
                                                   cancellable, &error);
  g_clear_object (&call->worker);

  if (customers == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, customers, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * rapport_report_job_compute_async:
 * @query: copied
 *
 * Computes @query's report on a worker connection of @session.
 */
void
rapport_report_job_compute_async (RapportSession           *session,
                                  const RapportReportQuery *query,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call = NULL;

  g_return_if_fail (RAPPORT_IS_SESSION (session));
  g_return_if_fail (query != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_call (session, query, cancellable, callback, user_data,
                     rapport_report_job_compute_async, &call);
  if (task != NULL)
    g_task_run_in_thread (task, compute_thread);
}

/**
 * rapport_report_job_compute_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 *   (G_IO_ERROR_CANCELLED when cancelled)
 */
RapportReport *
rapport_report_job_compute_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rapport_report_job_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rapport_report_job_list_customers_async:
 * @query: copied, the one the report was computed for
 *
 * Lists the customers behind one row of a computed report.
 */
void
rapport_report_job_list_customers_async (RapportSession           *session,
                                         const RapportReportQuery *query,
                                         const char               *section_id,
                                         const char               *drill_key,
                                         guint                     limit,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call = NULL;

  g_return_if_fail (RAPPORT_IS_SESSION (session));
  g_return_if_fail (query != NULL);
  g_return_if_fail (section_id != NULL);
  g_return_if_fail (drill_key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start_call (session, query, cancellable, callback, user_data,
                     rapport_report_job_list_customers_async, &call);
  if (task == NULL)
    return;

  call->section_id = g_strdup (section_id);
  call->drill_key = g_strdup (drill_key);
  call->limit = limit;
  g_task_run_in_thread (task, list_customers_thread);
}

/**
 * rapport_report_job_list_customers_finish:
 * @out_total: (out) (optional): how many customers the row has in all
 *
 * Returns: (transfer full) (element-type RapportCustomer): at most the
 *   limit, by name; %NULL with @error set
 */
GPtrArray *
rapport_report_job_list_customers_finish (GAsyncResult  *result,
                                          guint         *out_total,
                                          GError       **error)
{
  GPtrArray *customers;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rapport_report_job_list_customers_async, NULL);

  customers = g_task_propagate_pointer (G_TASK (result), error);
  if (out_total != NULL)
    *out_total = customers != NULL ? ((Call *) g_task_get_task_data (G_TASK (result)))->total : 0;

  return customers;
}
