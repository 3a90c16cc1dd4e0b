/* rapport-report-private.h
 *
 * How rapport-report-store.c hands each report kind to the file computing
 * it. Each kind has a compute and a drill function with these shapes; what
 * the kinds share (filters, statements, periods and their buckets) is in
 * rapport-report-common.c.
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
/* A cached statement for @sql, whose customer filter (made by
 * _rapport_report_customer_filter_sql) gets its parameters bound. */
sqlite3_stmt  *_rapport_report_prepare_with_filter  (RapportDatabase           *db,
                                                     const RapportReportQuery  *query,
                                                     const char                *sql,
                                                     GError                   **error);
/* Sets @error from the database's last failure; returns FALSE. */
gboolean       _rapport_report_read_failed          (RapportDatabase          *db,
                                                     GError                  **error);
/* The first column of every row of @stmt as ids (GArray of gint64). */
GArray        *_rapport_report_collect_ids          (RapportDatabase          *db,
                                                     sqlite3_stmt             *stmt,
                                                     GError                  **error);
/* Whether @sql (no parameters) returns a non-zero first column. */
gboolean       _rapport_report_query_flag           (RapportDatabase          *db,
                                                     const char               *sql,
                                                     gboolean                 *out,
                                                     GError                  **error);
/* Sets @error for a drill key naming no row; returns NULL (no ids). */
GArray        *_rapport_report_bad_drill_key        (const char               *section_id,
                                                     const char               *drill_key,
                                                     GError                  **error);
/* Money sums, converted at a rate, back to whole minor units. */
gint64         _rapport_report_round_minor          (double                    value);
/* The median of @values (of double), sorting them; 0 when empty. */
double         _rapport_report_median               (GArray                   *values);

/* Days and periods. Days are "YYYY-MM-DD" strings; instants are unix
 * times of local midnights. */
gboolean       _rapport_report_parse_ymd            (const char               *ymd,
                                                     GDate                    *out);
char          *_rapport_report_format_ymd           (const GDate              *date);
gint64         _rapport_report_local_midnight       (const GDate              *date);
/* @format is a g_date_time_format() pattern, already translated. */
char          *_rapport_report_format_date          (const GDate              *date,
                                                     const char               *format);
/* The instants [start, end) of the local days @first to @last; FALSE when
 * either is not a day. */
gboolean       _rapport_report_day_bounds           (const char               *first,
                                                     const char               *last,
                                                     gint64                   *out_start,
                                                     gint64                   *out_end);
/* Moves @date to the first day of the calendar unit of @step holding it;
 * to the first day of the next unit. */
void           _rapport_report_unit_start           (GDate                    *date,
                                                     RapportReportStep         step);
void           _rapport_report_unit_advance         (GDate                    *date,
                                                     RapportReportStep         step);

/* One period of a report's time series. */
typedef struct
{
  char   *from;    /* YYYY-MM-DD, inclusive */
  char   *to;      /* YYYY-MM-DD, inclusive */
  char   *label;
  gint64  start;   /* the instant of local midnight starting @from */
  gint64  end;     /* and of the one after @to */
} RapportReportBucket;

/* The label of the period of @step starting on @unit. */
typedef char  *(*RapportReportBucketLabelFunc)      (const GDate              *unit,
                                                     RapportReportStep         step);

/* "Jan 2026", "Q1 2026", "2026", "Week of 29 Dec 2025", "Mon 5 Jan". */
char          *_rapport_report_bucket_label         (const GDate              *unit,
                                                     RapportReportStep         step);
/* The buckets (RapportReportBucket, cleared with the array) of @step
 * covering @from to @to, the first and last cut to the period; with
 * @with_before first one more, whole, just before the period (for the
 * first bucket's change). Labelled by @label_func, or
 * _rapport_report_bucket_label when NULL. Empty when the period is not
 * valid. */
GArray        *_rapport_report_make_buckets         (const char                  *from,
                                                     const char                  *to,
                                                     RapportReportStep            step,
                                                     gboolean                     with_before,
                                                     RapportReportBucketLabelFunc label_func);
/* The bucket holding the day @ymd (may be NULL), or -1. */
int            _rapport_report_find_bucket_on       (GArray                   *buckets,
                                                     const char               *ymd);
/* The bucket holding the instant @time, or -1. */
int            _rapport_report_find_bucket_at       (GArray                   *buckets,
                                                     gint64                    time);

G_END_DECLS
