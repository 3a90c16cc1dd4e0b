/* rapport-report-job.h
 *
 * Computes a report on a worker connection of the session, off the main
 * thread (issue 10: opening a report never freezes the window).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-report.h"
#include "rapport-session.h"

G_BEGIN_DECLS

void           rapport_report_job_compute_async         (RapportSession           *session,
                                                         const RapportReportQuery *query,
                                                         GCancellable             *cancellable,
                                                         GAsyncReadyCallback       callback,
                                                         gpointer                  user_data);
RapportReport *rapport_report_job_compute_finish        (GAsyncResult             *result,
                                                         GError                  **error);

/* The customers behind a row (see rapport_store_list_report_customers):
 * a GPtrArray of RapportCustomer, the whole count in @out_total. */
void           rapport_report_job_list_customers_async  (RapportSession           *session,
                                                         const RapportReportQuery *query,
                                                         const char               *section_id,
                                                         const char               *drill_key,
                                                         guint                     limit,
                                                         GCancellable             *cancellable,
                                                         GAsyncReadyCallback       callback,
                                                         gpointer                  user_data);
GPtrArray     *rapport_report_job_list_customers_finish (GAsyncResult             *result,
                                                         guint                    *out_total,
                                                         GError                  **error);

G_END_DECLS
