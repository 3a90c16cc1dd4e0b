/* rapport-report-store.h
 *
 * Reports and the value matrix (issue 10), computed from the orders,
 * interactions, follow-ups, opportunities and service requests. Included by
 * rapport-store.h.
 *
 * Every function here reads many rows: call it on a worker connection
 * (rapport_session_open_worker; RapportReportJob does), never on the main
 * one. Cancelling @cancellable stops a computation between statements
 * (G_IO_ERROR_CANCELLED). Amounts in other currencies are converted at the
 * user's rates to the query's currency; orders in a currency with no rate
 * are left out of the totals and named in a section note, never dropped
 * silently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-report.h"

G_BEGIN_DECLS

/* Computes @query's report. An empty period or book is not an error: the
 * report (or its sections) carries its empty text. */
RapportReport *rapport_store_compute_report          (RapportDatabase           *db,
                                                      const RapportReportQuery  *query,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);

/* The customers behind one row of a computed report: @section_id and
 * @drill_key as the report gave them, the same @query. At most @limit
 * RapportCustomer (by name), with the whole count in @out_total. */
GPtrArray     *rapport_store_list_report_customers   (RapportDatabase           *db,
                                                      const RapportReportQuery  *query,
                                                      const char                *section_id,
                                                      const char                *drill_key,
                                                      guint                      limit,
                                                      guint                     *out_total,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);

G_END_DECLS
