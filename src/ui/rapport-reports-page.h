/* rapport-reports-page.h
 *
 * The Reports section (issue 10): the seven reports in a list (the value
 * matrix first) beside the report chosen; a toolbar with its period, step and
 * filters (tier, tag, region, owner); each section of the report as a card
 * with its summary, notes, chart and table; the value matrix as a grid of
 * its eight cells. Reports are computed on a worker (RapportReportJob), the
 * previous computation cancelled when the query changes. Clicking a bar, a
 * matrix cell or a table row lists the customers behind it beside the
 * report. Narrow, the list, the report and the customers are one column with
 * back navigation.
 *
 * Actions: "reports.export" (s: "csv", "xlsx", "png", "pdf"; Ctrl+E opens
 * the menu of them), "reports.print" (Ctrl+P), "reports.retry",
 * "reports.show-list", "reports.close-customers", "reports.clear-filters".
 * Signals: "open-customer" (gint64) when a listed customer is activated,
 * "show-customer-list" from the empty report's button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-report.h"
#include "rapport-report-output.h"
#include "rapport-session.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_REPORT_PERIOD_THIS_WEEK,
  RAPPORT_REPORT_PERIOD_THIS_MONTH,
  RAPPORT_REPORT_PERIOD_LAST_3_MONTHS,
  RAPPORT_REPORT_PERIOD_LAST_12_MONTHS,
  RAPPORT_REPORT_PERIOD_THIS_YEAR,
  RAPPORT_REPORT_PERIOD_LAST_YEAR,
  RAPPORT_REPORT_PERIOD_CUSTOM,
} RapportReportPeriod;

/* The first and last day (YYYY-MM-DD) of @period for @today: weeks run
 * Monday to Sunday, the current month or year up to @today, the last 3 and
 * 12 months end with the current one. FALSE for CUSTOM or a bad @today. */
gboolean rapport_report_period_get_range (RapportReportPeriod   period,
                                          const char           *today,
                                          char                **out_from,
                                          char                **out_to);

#define RAPPORT_TYPE_REPORTS_PAGE (rapport_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportReportsPage, rapport_reports_page, RAPPORT, REPORTS_PAGE, AdwBin)

GtkWidget          *rapport_reports_page_new                  (void);
RapportSession     *rapport_reports_page_get_session          (RapportReportsPage  *self);
/* Computes the report chosen when the page is first shown (or at once when
 * already mapped). */
void                rapport_reports_page_set_session          (RapportReportsPage  *self,
                                                               RapportSession      *session);
void                rapport_reports_page_set_show_back_button (RapportReportsPage  *self,
                                                               gboolean             show);
/* Property "kind": the report chosen (the value matrix by default). */
RapportReportKind   rapport_reports_page_get_kind             (RapportReportsPage  *self);
void                rapport_reports_page_set_kind             (RapportReportsPage  *self,
                                                               RapportReportKind    kind);
RapportReportPeriod rapport_reports_page_get_period           (RapportReportsPage  *self);
void                rapport_reports_page_set_period           (RapportReportsPage  *self,
                                                               RapportReportPeriod  period);
/* Chooses CUSTOM with these days (YYYY-MM-DD), as typed into its rows. */
void                rapport_reports_page_set_custom_period    (RapportReportsPage  *self,
                                                               const char          *from,
                                                               const char          *to);
/* The query of the report shown or being computed (NULL without a session). */
const RapportReportQuery *rapport_reports_page_get_query      (RapportReportsPage  *self);
/* Property "report": the report shown, NULL while the first one computes. */
RapportReport      *rapport_reports_page_get_report           (RapportReportsPage  *self);
/* Property "computing". */
gboolean            rapport_reports_page_get_computing        (RapportReportsPage  *self);
/* "loading", "report", "empty" or "error". */
const char         *rapport_reports_page_get_view             (RapportReportsPage  *self);
/* Lists the customers behind row @row of section @section_id of the report
 * shown, beside it (as clicking the row does). */
void                rapport_reports_page_show_customers       (RapportReportsPage  *self,
                                                               const char          *section_id,
                                                               guint                row);
/* Writes the report shown to @file in @format, as Export does once a file
 * is chosen (a toast says how it went). FALSE when no report is shown. */
gboolean            rapport_reports_page_export_to            (RapportReportsPage  *self,
                                                               RapportReportFormat  format,
                                                               GFile               *file);
/* The customer list beside the report: its rows (one per customer listed,
 * each an AdwActionRow) and how many customers there are in all; -1 while
 * none is shown or it is still being read. */
GtkListBox         *rapport_reports_page_get_customer_list    (RapportReportsPage  *self);
int                 rapport_reports_page_get_customer_total   (RapportReportsPage  *self);

G_END_DECLS
