/* rapport-churn-check.h
 *
 * The daily churn check (流失预警), a job of the session's scheduler: once per
 * local day at RAPPORT_CHURN_CHECK_HOUR (or at the next start, when Rapport
 * was not running then) it computes the customers at risk on a worker
 * connection, records them in churn_state together with the day it ran
 * (schedule state "churn-check", the local day number), and when customers
 * became at risk that day shows ONE summary notification naming them (key
 * "churn", page "at-risk"). A restart the same day does not check again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_CHURN_CHECK_HOUR 9
#define RAPPORT_CHURN_CHECK_STATE "churn-check"

#define RAPPORT_TYPE_CHURN_CHECK (rapport_churn_check_get_type ())

G_DECLARE_FINAL_TYPE (RapportChurnCheck, rapport_churn_check, RAPPORT, CHURN_CHECK, GObject)

/* Signal "checked" (GPtrArray *became_at_risk): after each check, the
 * RapportAtRisk that were not at risk at the previous one (maybe none),
 * most valuable first. */

typedef struct _RapportSession RapportSession;

/* The check of @session (open; it owns the check and outlives it): its
 * database, scheduler, reminders, workers and churn rules. */
RapportChurnCheck *rapport_churn_check_new        (RapportSession              *session);
/* The UTC instant of the next check by the scheduler's clock. */
gint64             rapport_churn_check_get_next   (RapportChurnCheck           *self);
/* Whether a check is running on its worker. */
gboolean           rapport_churn_check_is_running (RapportChurnCheck           *self);
/* Leaves the scheduler (the session closes); a running check's result is
 * dropped. */
void               rapport_churn_check_stop       (RapportChurnCheck           *self);

/* The summary's title and body for @became_at_risk (RapportAtRisk, not
 * empty): "2 customers are at risk" with "Acme Trading and Bluebird Foods";
 * for one, "Acme Trading is at risk" with why ("orders every 3 weeks; …"). */
char              *rapport_churn_check_format_title (GPtrArray               *became_at_risk);
char              *rapport_churn_check_format_body  (GPtrArray               *became_at_risk,
                                                     const RapportChurnRules *rules,
                                                     gint64                   now);

G_END_DECLS
