/* rapport-chart.h
 *
 * A report section's chart drawn with GtkSnapshot: bars, a line, a pie or a
 * donut (issue 10). It follows the light and dark styles and the accent
 * colour, keeps labels short at phone width (a 10,000-character region is
 * ellipsized, never widening the window), and describes itself to screen
 * readers (rapport_report_section_describe). Clicking a bar or a slice, or
 * Enter on the focused one (Left/Right move between them), emits
 * ::category-activated with its row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rapport-report.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CHART (rapport_chart_get_type ())

G_DECLARE_FINAL_TYPE (RapportChart, rapport_chart, RAPPORT, CHART, GtkWidget)

GtkWidget            *rapport_chart_new         (void);
RapportReportSection *rapport_chart_get_section (RapportChart         *self);
void                  rapport_chart_set_section (RapportChart         *self,
                                                 RapportReportSection *section);

/* @section's chart as a render node of @width × @height, in the light
 * (@dark FALSE) or dark style with @accent, for PNG, PDF and print. */
GskRenderNode        *rapport_chart_render      (RapportReportSection *section,
                                                 PangoContext         *pango_context,
                                                 int                   width,
                                                 int                   height,
                                                 gboolean              dark,
                                                 const GdkRGBA        *accent);

G_END_DECLS
