/* rapport-report.h
 *
 * What a report shows (issue 10), independent of how it is computed (the
 * store, on a worker connection) or drawn (RapportChart, the exporters).
 *
 * A RapportReport is made of sections; a section is one chart and the table
 * behind it. Each table row may carry a drill key: an opaque string the
 * store turns back into the customers behind that row (clicking a bar or a
 * row lists them). The chart plots the section's rows as categories: the
 * label column gives their names and each series one numeric column.
 *
 * Money cells hold minor units (fen, cents) of the report's currency as
 * their value; durations hold seconds; percentages hold 0–100.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  RAPPORT_REPORT_VALUE_MATRIX,
  RAPPORT_REPORT_CONTRIBUTION,
  RAPPORT_REPORT_COMPOSITION,
  RAPPORT_REPORT_SERVICE,
  RAPPORT_REPORT_CHURN,
  RAPPORT_REPORT_PIPELINE,
  RAPPORT_REPORT_WORK_LOG,
} RapportReportKind;

#define RAPPORT_N_REPORT_KINDS 7

/* "value_matrix", "contribution", "composition", "service", "churn",
 * "pipeline", "work_log": stable, used in bench names and saved state. */
const char *rapport_report_kind_to_string       (RapportReportKind  kind);
gboolean    rapport_report_kind_from_string     (const char        *str,
                                                 RapportReportKind *out_kind);
/* Translated: "Value Matrix", "Contribution", … "Work Log". */
const char *rapport_report_kind_get_title       (RapportReportKind  kind);
/* Translated, one line: what the report answers. */
const char *rapport_report_kind_get_description (RapportReportKind  kind);

typedef enum {
  RAPPORT_REPORT_STEP_DAY,
  RAPPORT_REPORT_STEP_WEEK,
  RAPPORT_REPORT_STEP_MONTH,
  RAPPORT_REPORT_STEP_QUARTER,
  RAPPORT_REPORT_STEP_YEAR,
} RapportReportStep;

typedef enum {
  RAPPORT_CHART_NONE,
  RAPPORT_CHART_BAR,
  RAPPORT_CHART_LINE,
  RAPPORT_CHART_PIE,
  RAPPORT_CHART_DONUT,
  /* Value matrix: rows are cells; drawn as a grid, not by RapportChart. */
  RAPPORT_CHART_MATRIX,
} RapportChartKind;

typedef enum {
  RAPPORT_REPORT_VALUE_TEXT,
  RAPPORT_REPORT_VALUE_COUNT,
  RAPPORT_REPORT_VALUE_MONEY,
  RAPPORT_REPORT_VALUE_PERCENT,
  RAPPORT_REPORT_VALUE_DURATION,
  RAPPORT_REPORT_VALUE_RATING,
} RapportReportValueKind;

/* What to compute: a plain struct, copied with rapport_report_query_copy. */
typedef struct {
  RapportReportKind kind;
  char             *from;       /* first day, YYYY-MM-DD, inclusive */
  char             *to;         /* last day, YYYY-MM-DD, inclusive */
  RapportReportStep step;
  int               tier;       /* a RapportTier, or -1 for any */
  gint64            tag_id;     /* 0 for any */
  char             *region;     /* NULL for any */
  gint64            owner_id;   /* -1 for any; 0 the default user ("Me") */
  guint             top_n;      /* contribution's top list; 0 means 20 */
  char             *currency;   /* amounts are reported in it: the default currency */
} RapportReportQuery;

#define RAPPORT_TYPE_REPORT_QUERY (rapport_report_query_get_type ())
GType               rapport_report_query_get_type (void) G_GNUC_CONST;

/* The default period for @kind ending on @today (YYYY-MM-DD): the last 12
 * whole months up to today by month for most reports; the current week by
 * day for the work log. Filters are "any". */
RapportReportQuery *rapport_report_query_new      (RapportReportKind         kind,
                                                   const char               *today,
                                                   const char               *currency);
RapportReportQuery *rapport_report_query_copy     (const RapportReportQuery *self);
void                rapport_report_query_free     (RapportReportQuery       *self);
/* The period before this one, of the same length (for "change from the
 * previous period"). */
RapportReportQuery *rapport_report_query_previous (const RapportReportQuery *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportReportQuery, rapport_report_query_free)

/* RapportReportSection: one chart and its table. */
#define RAPPORT_TYPE_REPORT_SECTION (rapport_report_section_get_type ())
G_DECLARE_FINAL_TYPE (RapportReportSection, rapport_report_section, RAPPORT, REPORT_SECTION, GObject)

/* @id is stable within its report kind (for drill-down and tests). */
RapportReportSection  *rapport_report_section_new            (const char             *id,
                                                              const char             *title,
                                                              RapportChartKind        chart);
const char            *rapport_report_section_get_id         (RapportReportSection   *self);
const char            *rapport_report_section_get_title      (RapportReportSection   *self);
RapportChartKind       rapport_report_section_get_chart_kind (RapportReportSection   *self);
/* One line under the title ("16% of customers make 80% of revenue"). */
const char            *rapport_report_section_get_summary    (RapportReportSection   *self);
void                   rapport_report_section_set_summary    (RapportReportSection   *self,
                                                              const char             *summary);
/* Why the section shows nothing (NULL when it has rows). */
const char            *rapport_report_section_get_empty_text (RapportReportSection   *self);
void                   rapport_report_section_set_empty_text (RapportReportSection   *self,
                                                              const char             *text);
/* Notes shown under the chart, such as a currency with no rate. */
void                   rapport_report_section_add_note       (RapportReportSection   *self,
                                                              const char             *note);
const char * const    *rapport_report_section_get_notes      (RapportReportSection   *self);

guint                  rapport_report_section_add_column     (RapportReportSection   *self,
                                                              const char             *title,
                                                              RapportReportValueKind  kind);
guint                  rapport_report_section_get_n_columns  (RapportReportSection   *self);
const char            *rapport_report_section_get_column_title (RapportReportSection *self,
                                                                guint                 column);
RapportReportValueKind rapport_report_section_get_column_kind (RapportReportSection  *self,
                                                               guint                  column);

/* A new row with empty cells; @drill_key NULL when the row lists no customers. */
guint                  rapport_report_section_add_row        (RapportReportSection   *self,
                                                              const char             *drill_key);
guint                  rapport_report_section_get_n_rows     (RapportReportSection   *self);
const char            *rapport_report_section_get_drill_key  (RapportReportSection   *self,
                                                              guint                   row);
void                   rapport_report_section_set_text       (RapportReportSection   *self,
                                                              guint                   row,
                                                              guint                   column,
                                                              const char             *text);
/* @text is the value as shown (formatted money, "42%", "3 h 20 min"); NULL
 * formats @value by the column's kind in the report's currency. */
void                   rapport_report_section_set_value      (RapportReportSection   *self,
                                                              guint                   row,
                                                              guint                   column,
                                                              double                  value,
                                                              const char             *text);
/* Never NULL: "" for an empty cell. */
const char            *rapport_report_section_get_text       (RapportReportSection   *self,
                                                              guint                   row,
                                                              guint                   column);
/* 0 for a text or empty cell. */
double                 rapport_report_section_get_value      (RapportReportSection   *self,
                                                              guint                   row,
                                                              guint                   column);

/* The chart: categories are the rows, named by the label column (0 unless
 * set); each series plots one numeric column, as bars (or slices) or, with
 * @as_line, as a line over them (a Pareto curve over revenue bars). */
void                   rapport_report_section_set_label_column (RapportReportSection *self,
                                                                guint                 column);
guint                  rapport_report_section_get_label_column (RapportReportSection *self);
guint                  rapport_report_section_add_series     (RapportReportSection   *self,
                                                              const char             *name,
                                                              guint                   column,
                                                              gboolean                as_line);
guint                  rapport_report_section_get_n_series   (RapportReportSection   *self);
const char            *rapport_report_section_get_series_name (RapportReportSection  *self,
                                                               guint                  series);
guint                  rapport_report_section_get_series_column (RapportReportSection *self,
                                                                 guint                 series);
gboolean               rapport_report_section_get_series_is_line (RapportReportSection *self,
                                                                  guint                 series);
/* The currency money cells are formatted in. */
const char            *rapport_report_section_get_currency   (RapportReportSection   *self);
void                   rapport_report_section_set_currency   (RapportReportSection   *self,
                                                              const char             *currency);

/* RapportReport: a computed report. */
#define RAPPORT_TYPE_REPORT (rapport_report_get_type ())
G_DECLARE_FINAL_TYPE (RapportReport, rapport_report, RAPPORT, REPORT, GObject)

RapportReport            *rapport_report_new            (const RapportReportQuery *query);
const RapportReportQuery *rapport_report_get_query      (RapportReport            *self);
RapportReportKind         rapport_report_get_kind       (RapportReport            *self);
/* Adds @section, taking a reference, and sets its currency to the query's. */
void                      rapport_report_add_section    (RapportReport            *self,
                                                         RapportReportSection     *section);
guint                     rapport_report_get_n_sections (RapportReport            *self);
RapportReportSection     *rapport_report_get_section    (RapportReport            *self,
                                                         guint                     index);
RapportReportSection     *rapport_report_find_section   (RapportReport            *self,
                                                         const char               *id);
/* Why the whole report is empty ("No orders in this period"), or NULL. */
const char               *rapport_report_get_empty_text (RapportReport            *self);
void                      rapport_report_set_empty_text (RapportReport            *self,
                                                         const char               *text);
/* An accessible, plain-text description of @section's chart: its title,
 * summary and each category with its values. */
char                     *rapport_report_section_describe (RapportReportSection   *section);

G_END_DECLS
