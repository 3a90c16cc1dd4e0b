/* rapport-at-risk-page.h
 *
 * The At Risk page (流失预警): the customers the churn warning names, most
 * valuable first, each with its tier, its last 12 months' orders and why it
 * is at risk; per row: log a retention action, mark lost (with a reason,
 * undoable), hold the warning for 7, 30 or 90 days (undoable), open the
 * customer. Computed on a worker connection, again when orders,
 * interactions or customers change. Actions "at-risk.retain", "at-risk.open",
 * "at-risk.mark-lost" (a customer id) and "at-risk.hold" ("(xi)": id, days).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

/* The list shows at most this many rows (the most valuable); the rest are
 * counted under it. */
#define RAPPORT_AT_RISK_PAGE_MAX_ROWS 200

#define RAPPORT_TYPE_AT_RISK_PAGE (rapport_at_risk_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportAtRiskPage, rapport_at_risk_page, RAPPORT, AT_RISK_PAGE, AdwBin)

GtkWidget       *rapport_at_risk_page_new                  (void);
RapportSession  *rapport_at_risk_page_get_session          (RapportAtRiskPage *self);
void             rapport_at_risk_page_set_session          (RapportAtRiskPage *self,
                                                            RapportSession    *session);
void             rapport_at_risk_page_set_show_back_button (RapportAtRiskPage *self,
                                                            gboolean           show);
/* Property "n-at-risk": how many customers are at risk, as last computed. */
guint            rapport_at_risk_page_get_n_at_risk        (RapportAtRiskPage *self);
/* Property "busy": a computation is running or queued. */
gboolean         rapport_at_risk_page_get_busy             (RapportAtRiskPage *self);
/* The customer ids listed, in order (transfer none; a GArray of gint64). */
GArray          *rapport_at_risk_page_get_customer_ids     (RapportAtRiskPage *self);
/* Computes the list again now (what a change on the bus does, less the
 * coalescing delay). */
void             rapport_at_risk_page_refresh              (RapportAtRiskPage *self);

G_END_DECLS
