/* rapport-opportunity.h
 *
 * A sales opportunity (销售机会) on a customer. The amount is in minor units of
 * its currency. probability is the user's, or -1 for its stage's default:
 * Rapport never recomputes a probability the user set.
 *
 * Strings are copied in and may be NULL; times are UTC unix seconds, 0 when
 * unset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-clock.h"
#include "rapport-enums.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_OPPORTUNITY (rapport_opportunity_get_type ())

G_DECLARE_FINAL_TYPE (RapportOpportunity, rapport_opportunity, RAPPORT, OPPORTUNITY, GObject)

RapportOpportunity  *rapport_opportunity_new  (void);
/* A deep copy, id included. */
RapportOpportunity  *rapport_opportunity_copy (RapportOpportunity *self);

gint64               rapport_opportunity_get_id                (RapportOpportunity *self);
void                 rapport_opportunity_set_id                (RapportOpportunity *self,
                                                                gint64              id);
const char          *rapport_opportunity_get_uuid              (RapportOpportunity *self);
void                 rapport_opportunity_set_uuid              (RapportOpportunity *self,
                                                                const char         *uuid);
gint64               rapport_opportunity_get_customer_id       (RapportOpportunity *self);
void                 rapport_opportunity_set_customer_id       (RapportOpportunity *self,
                                                                gint64              customer_id);
/* customer-name: derived, filled in by the store's lists */
const char          *rapport_opportunity_get_customer_name     (RapportOpportunity *self);
void                 rapport_opportunity_set_customer_name     (RapportOpportunity *self,
                                                                const char         *customer_name);
/* contact-id: 0 when none */
gint64               rapport_opportunity_get_contact_id        (RapportOpportunity *self);
void                 rapport_opportunity_set_contact_id        (RapportOpportunity *self,
                                                                gint64              contact_id);
const char          *rapport_opportunity_get_title             (RapportOpportunity *self);
void                 rapport_opportunity_set_title             (RapportOpportunity *self,
                                                                const char         *title);
/* amount: expected, in minor units (fen, cents) of currency */
gint64               rapport_opportunity_get_amount            (RapportOpportunity *self);
void                 rapport_opportunity_set_amount            (RapportOpportunity *self,
                                                                gint64              amount);
/* currency: ISO 4217 code, e.g. "CNY" */
const char          *rapport_opportunity_get_currency          (RapportOpportunity *self);
void                 rapport_opportunity_set_currency          (RapportOpportunity *self,
                                                                const char         *currency);
gint64               rapport_opportunity_get_stage_id          (RapportOpportunity *self);
void                 rapport_opportunity_set_stage_id          (RapportOpportunity *self,
                                                                gint64              stage_id);
/* probability: 0–100 set by the user, or -1 for the stage's default */
gint                 rapport_opportunity_get_probability       (RapportOpportunity *self);
void                 rapport_opportunity_set_probability       (RapportOpportunity *self,
                                                                gint                probability);
/* expected-close: YYYY-MM-DD or NULL; a date in the past is accepted */
const char          *rapport_opportunity_get_expected_close    (RapportOpportunity *self);
void                 rapport_opportunity_set_expected_close    (RapportOpportunity *self,
                                                                const char         *expected_close);
const char          *rapport_opportunity_get_source            (RapportOpportunity *self);
void                 rapport_opportunity_set_source            (RapportOpportunity *self,
                                                                const char         *source);
/* owner-id: a user; 0 = the default user */
gint64               rapport_opportunity_get_owner_id          (RapportOpportunity *self);
void                 rapport_opportunity_set_owner_id          (RapportOpportunity *self,
                                                                gint64              owner_id);
const char          *rapport_opportunity_get_notes             (RapportOpportunity *self);
void                 rapport_opportunity_set_notes             (RapportOpportunity *self,
                                                                const char         *notes);
/* lost-reason-id, lost-note: why it was lost (0 / NULL while not lost) */
gint64               rapport_opportunity_get_lost_reason_id    (RapportOpportunity *self);
void                 rapport_opportunity_set_lost_reason_id    (RapportOpportunity *self,
                                                                gint64              lost_reason_id);
const char          *rapport_opportunity_get_lost_note         (RapportOpportunity *self);
void                 rapport_opportunity_set_lost_note         (RapportOpportunity *self,
                                                                const char         *lost_note);
/* closed-at: when it was won or lost, 0 while open */
gint64               rapport_opportunity_get_closed_at         (RapportOpportunity *self);
void                 rapport_opportunity_set_closed_at         (RapportOpportunity *self,
                                                                gint64              closed_at);
/* stage-entered-at: when it came into its stage (stage age); set by the store */
gint64               rapport_opportunity_get_stage_entered_at  (RapportOpportunity *self);
void                 rapport_opportunity_set_stage_entered_at  (RapportOpportunity *self,
                                                                gint64              stage_entered_at);
/* last-activity-at: its last move, edit or plan step; set by the store */
gint64               rapport_opportunity_get_last_activity_at  (RapportOpportunity *self);
void                 rapport_opportunity_set_last_activity_at  (RapportOpportunity *self,
                                                                gint64              last_activity_at);
/* stage-kind, stage-probability, stage-stall-days: derived from its
 * stage, filled in by the store */
RapportStageKind     rapport_opportunity_get_stage_kind        (RapportOpportunity *self);
void                 rapport_opportunity_set_stage_kind        (RapportOpportunity *self,
                                                                RapportStageKind    stage_kind);
gint                 rapport_opportunity_get_stage_probability (RapportOpportunity *self);
void                 rapport_opportunity_set_stage_probability (RapportOpportunity *self,
                                                                gint                stage_probability);
gint                 rapport_opportunity_get_stage_stall_days  (RapportOpportunity *self);
void                 rapport_opportunity_set_stage_stall_days  (RapportOpportunity *self,
                                                                gint                stage_stall_days);
/* plan-steps-done / plan-steps-total: the development plan's progress,
 * derived, filled in by the store */
gint                 rapport_opportunity_get_plan_steps_done   (RapportOpportunity *self);
void                 rapport_opportunity_set_plan_steps_done   (RapportOpportunity *self,
                                                                gint                plan_steps_done);
gint                 rapport_opportunity_get_plan_steps_total  (RapportOpportunity *self);
void                 rapport_opportunity_set_plan_steps_total  (RapportOpportunity *self,
                                                                gint                plan_steps_total);
gint64               rapport_opportunity_get_created_at        (RapportOpportunity *self);
void                 rapport_opportunity_set_created_at        (RapportOpportunity *self,
                                                                gint64              created_at);
gint64               rapport_opportunity_get_updated_at        (RapportOpportunity *self);
void                 rapport_opportunity_set_updated_at        (RapportOpportunity *self,
                                                                gint64              updated_at);
gint64               rapport_opportunity_get_deleted_at        (RapportOpportunity *self);
void                 rapport_opportunity_set_deleted_at        (RapportOpportunity *self,
                                                                gint64              deleted_at);

/* The probability that counts: the user's, else the stage's default. */
gint              rapport_opportunity_get_effective_probability (RapportOpportunity *self);
/* amount × effective probability, in minor units, rounded half up. */
gint64            rapport_opportunity_get_weighted_amount (RapportOpportunity *self);
gboolean          rapport_opportunity_is_closed     (RapportOpportunity *self);
/* Open, and its expected close date is before today (by @clock's local date). */
gboolean          rapport_opportunity_is_overdue    (RapportOpportunity *self,
                                                     RapportClock       *clock);
/* Open, and no activity for longer than its stage's stall limit; @out_days
 * (may be NULL) gets the whole days since the last activity. */
gboolean          rapport_opportunity_is_stalled    (RapportOpportunity *self,
                                                     RapportClock       *clock,
                                                     gint               *out_days);

/* The rules a save checks (RAPPORT_VALIDATION_ERROR, messages naming the field):
 * a title, a currency code, an amount not below zero, a probability -1 or
 * 0–100, a real expected close date (in the past is fine). */
gboolean          rapport_opportunity_validate      (RapportOpportunity  *self,
                                                     GError             **error);
/* Parses a typed amount with @currency's decimals ("abc", "-5", "1.234" for
 * CNY are refused) and sets amount and currency. */
gboolean          rapport_opportunity_set_amount_text (RapportOpportunity  *self,
                                                       const char          *text,
                                                       const char          *currency,
                                                       GError             **error);
/* A typed probability: "" → -1 (the stage's default), "0"–"100", "35%";
 * "120" or "-5" fail with INVALID_PROBABILITY. */
gboolean          rapport_probability_parse         (const char  *text,
                                                     gint        *out_probability,
                                                     GError     **error);

G_END_DECLS
