/* rapport-tier-rules.h
 *
 * How value tiers are computed from contribution (issue 10): the period, and
 * the cut points either as shares of customers (top 1% platinum, next 4%
 * gold, next 15% iron, the rest lead) or as amounts of contribution in the
 * default currency's minor units. Plain GLib: the store applies the rules,
 * this file decides them and explains them in one line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-enums.h"

G_BEGIN_DECLS

typedef enum {
  RAPPORT_TIER_BASIS_SHARE,
  RAPPORT_TIER_BASIS_AMOUNT,
} RapportTierBasis;

typedef struct {
  RapportTierBasis basis;
  guint            period_months;    /* contribution over the last N months, 1–120; 12 */
  /* BASIS_SHARE: percent of customers (with any order or not) in platinum,
   * gold and iron, counted from the top: 1, 4, 15. Each 0–100, sum ≤ 100. */
  double           share[3];
  /* BASIS_AMOUNT: the least contribution for platinum, gold and iron, minor
   * units of the default currency, descending. */
  gint64           amount[3];
} RapportTierRules;

#define RAPPORT_TYPE_TIER_RULES (rapport_tier_rules_get_type ())
GType             rapport_tier_rules_get_type (void) G_GNUC_CONST;

RapportTierRules *rapport_tier_rules_new_default (void);
RapportTierRules *rapport_tier_rules_copy        (const RapportTierRules *self);
void              rapport_tier_rules_free        (RapportTierRules       *self);
/* FALSE with a user-facing message (RAPPORT_VALIDATION_ERROR) when the
 * shares exceed 100 in total or are negative, amounts do not descend, or the
 * period is out of range. */
gboolean          rapport_tier_rules_validate    (const RapportTierRules *self,
                                                  GError                **error);

/* The tier of the customer ranked @rank (1 = the largest contribution) of
 * @n_ranked with @contribution (minor units). A customer with no positive
 * contribution is always lead. */
RapportTier       rapport_tier_rules_apply       (const RapportTierRules *self,
                                                  guint                   rank,
                                                  guint                   n_ranked,
                                                  gint64                  contribution);

/* The tier move's reason in one line, translated:
 * "12-month orders ¥86,400.00, rank 7 of 812". */
char             *rapport_tier_rules_format_reason (const RapportTierRules *self,
                                                    gint64                  contribution,
                                                    const char             *currency,
                                                    guint                   rank,
                                                    guint                   n_ranked);

/* The suggested potential (the value matrix's other axis) and why, in one
 * translated line: high when the customer's open opportunities, weighted by
 * their probability, come to at least half of its contribution over the
 * period (any open pipeline counts when the contribution is not positive),
 * or when its orders grew by at least 25% from the period's first half to
 * its second; low otherwise. Amounts in minor units of @currency. */
#define RAPPORT_TIER_PIPELINE_SHARE_PERCENT 50
#define RAPPORT_TIER_GROWTH_PERCENT         25

RapportPotential  rapport_tier_rules_suggest_potential (const RapportTierRules *self,
                                                        gint64                  contribution,
                                                        gint64                  first_half,
                                                        gint64                  second_half,
                                                        gint64                  weighted_pipeline,
                                                        const char             *currency,
                                                        char                  **out_reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportTierRules, rapport_tier_rules_free)

G_END_DECLS
