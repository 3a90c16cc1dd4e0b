/* rapport-report-output.h
 *
 * A computed report taken out of Rapport (issue 10): its tables as CSV or
 * .xlsx, its charts and tables as PNG or PDF (cairo's PDF surface), or
 * printed (GtkPrintOperation). Writing runs off the main thread where it
 * touches files; printing uses GTK's own dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rapport-report.h"

G_BEGIN_DECLS

typedef enum {
  RAPPORT_REPORT_FORMAT_CSV,
  RAPPORT_REPORT_FORMAT_XLSX,
  RAPPORT_REPORT_FORMAT_PNG,
  RAPPORT_REPORT_FORMAT_PDF,
} RapportReportFormat;

/* "report-contribution-2026-12-03.pdf" and the like. */
char     *rapport_report_output_suggest_name (RapportReport        *report,
                                              RapportReportFormat   format,
                                              const char           *today);

/* Writes @report to @file in @format; @widget gives the style (dark or
 * light, accent) and fonts for PNG and PDF. */
void      rapport_report_output_save_async   (RapportReport        *report,
                                              RapportReportFormat   format,
                                              GFile                *file,
                                              GtkWidget            *widget,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean  rapport_report_output_save_finish  (GAsyncResult         *result,
                                              GError              **error);

/* Opens the print dialog for @report (charts, then tables, paginated). */
void      rapport_report_output_print        (RapportReport        *report,
                                              GtkWindow            *parent);

G_END_DECLS
