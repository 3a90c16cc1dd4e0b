/* rapport-report-private.h
 *
 * How rapport-report-store.c hands each report kind to the file computing
 * it. Each kind has a compute and a drill function with these shapes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "rapport-currency-converter-private.h"
#include "rapport-report-store.h"

G_BEGIN_DECLS

typedef RapportReport *(*RapportReportComputeFunc) (RapportDatabase          *db,
                                                    const RapportReportQuery *query,
                                                    GCancellable             *cancellable,
                                                    GError                  **error);

/* Returns the matching customer ids (GArray of gint64) for one row. */
typedef GArray        *(*RapportReportDrillFunc)   (RapportDatabase          *db,
                                                    const RapportReportQuery *query,
                                                    const char               *section_id,
                                                    const char               *drill_key,
                                                    GCancellable             *cancellable,
                                                    GError                  **error);

/* rapport-report-store.c: value matrix, contribution, composition, churn. */
RapportReport *_rapport_report_compute_value_matrix (RapportDatabase *, const RapportReportQuery *, GCancellable *, GError **);
RapportReport *_rapport_report_compute_contribution (RapportDatabase *, const RapportReportQuery *, GCancellable *, GError **);
RapportReport *_rapport_report_compute_composition  (RapportDatabase *, const RapportReportQuery *, GCancellable *, GError **);
RapportReport *_rapport_report_compute_churn        (RapportDatabase *, const RapportReportQuery *, GCancellable *, GError **);
GArray        *_rapport_report_drill_value_matrix   (RapportDatabase *, const RapportReportQuery *, const char *, const char *, GCancellable *, GError **);
GArray        *_rapport_report_drill_contribution   (RapportDatabase *, const RapportReportQuery *, const char *, const char *, GCancellable *, GError **);
GArray        *_rapport_report_drill_composition    (RapportDatabase *, const RapportReportQuery *, const char *, const char *, GCancellable *, GError **);
GArray        *_rapport_report_drill_churn          (RapportDatabase *, const RapportReportQuery *, const char *, const char *, GCancellable *, GError **);

/* rapport-report-activity.c: service, pipeline, work log. */
RapportReport *_rapport_report_compute_service      (RapportDatabase *, const RapportReportQuery *, GCancellable *, GError **);
RapportReport *_rapport_report_compute_pipeline     (RapportDatabase *, const RapportReportQuery *, GCancellable *, GError **);
RapportReport *_rapport_report_compute_work_log     (RapportDatabase *, const RapportReportQuery *, GCancellable *, GError **);
GArray        *_rapport_report_drill_service        (RapportDatabase *, const RapportReportQuery *, const char *, const char *, GCancellable *, GError **);
GArray        *_rapport_report_drill_pipeline       (RapportDatabase *, const RapportReportQuery *, const char *, const char *, GCancellable *, GError **);
GArray        *_rapport_report_drill_work_log       (RapportDatabase *, const RapportReportQuery *, const char *, const char *, GCancellable *, GError **);

/* Shared by every kind (rapport-report-common.c). */

/* The query's customer filters (tier, tag, region, owner) as an SQL
 * condition on the customer table aliased @alias, with "?NNN" parameters
 * bound by _rapport_report_bind_customer_filter from index 100 up, and
 * live (not trashed) customers only. Never NULL ("1" when nothing filters). */
char          *_rapport_report_customer_filter_sql  (const RapportReportQuery *query,
                                                     const char               *alias);
void           _rapport_report_bind_customer_filter (sqlite3_stmt             *stmt,
                                                     const RapportReportQuery *query);
/* The user's rates, converting to the query's currency. */
gboolean       _rapport_report_load_converter       (RapportDatabase           *db,
                                                     const RapportReportQuery  *query,
                                                     RapportCurrencyConverter **out_converter,
                                                     GError                   **error);
/* Names in a note of @section the currencies @converter met without a
 * rate, saying @what ("Orders") was left out; nothing when none. */
void           _rapport_report_add_missing_rates_note (RapportReportSection     *section,
                                                       RapportCurrencyConverter *converter,
                                                       const char               *what);
/* Whether @cancellable was cancelled; sets @error then. */
gboolean       _rapport_report_check_cancelled      (GCancellable             *cancellable,
                                                     GError                  **error);

G_END_DECLS
