/* rapport-tier-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-tier-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-money.h"
#include "rapport-tier-rules.h"
#include "rapport-validation.h"

#define MIN_PERIOD_MONTHS 1
#define MAX_PERIOD_MONTHS 120
/* Shares are decimals typed by people: a count that is a half in exact
 * arithmetic rounds up even after a trailing error. */
#define SHARE_EPSILON 1e-9

G_DEFINE_BOXED_TYPE (RapportTierRules, rapport_tier_rules, rapport_tier_rules_copy, rapport_tier_rules_free)

/**
 * rapport_tier_rules_new_default:
 *
 * The customer pyramid's usual cut: the top 1% platinum, the next 4% gold,
 * the next 15% iron, over the last 12 months. The amounts (used only when
 * the basis is switched to amounts) are ¥100,000, ¥20,000 and ¥5,000 in
 * minor units.
 */
RapportTierRules *
rapport_tier_rules_new_default (void)
{
  RapportTierRules *self = g_new0 (RapportTierRules, 1);

  self->basis = RAPPORT_TIER_BASIS_SHARE;
  self->period_months = 12;
  self->share[0] = 1;
  self->share[1] = 4;
  self->share[2] = 15;
  self->amount[0] = 10000000;
  self->amount[1] = 2000000;
  self->amount[2] = 500000;

  return self;
}

RapportTierRules *
rapport_tier_rules_copy (const RapportTierRules *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
rapport_tier_rules_free (RapportTierRules *self)
{
  g_free (self);
}

gboolean
rapport_tier_rules_validate (const RapportTierRules  *self,
                             GError                 **error)
{
  double total = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->basis != RAPPORT_TIER_BASIS_SHARE && self->basis != RAPPORT_TIER_BASIS_AMOUNT)
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                           _("Tiers must be cut by shares of customers or by amounts"));
      return FALSE;
    }

  if (self->period_months < MIN_PERIOD_MONTHS || self->period_months > MAX_PERIOD_MONTHS)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                   _("The period must be between %d and %d months"),
                   MIN_PERIOD_MONTHS, MAX_PERIOD_MONTHS);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->share); i++)
    {
      /* Written this way round so that NaN fails too. */
      if (!(self->share[i] >= 0 && self->share[i] <= 100))
        {
          g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                               _("Each tier’s share must be between 0 and 100 percent"));
          return FALSE;
        }
      total += self->share[i];
    }

  if (total > 100 + SHARE_EPSILON)
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                           _("The shares of platinum, gold and iron add up to more than 100 percent"));
      return FALSE;
    }

  if (self->amount[2] <= 0)
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                           _("Each tier’s least contribution must be more than zero"));
      return FALSE;
    }

  if (self->amount[0] <= self->amount[1] || self->amount[1] <= self->amount[2])
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                           _("Platinum must need more than gold, and gold more than iron"));
      return FALSE;
    }

  return TRUE;
}

/* How many of @n_ranked customers the top @percent is, to the nearest
 * (half up): 1% of 812 is 8, of 101 is 1. */
static guint
share_count (double percent,
             guint  n_ranked)
{
  double count = n_ranked * percent / 100 + 0.5 + SHARE_EPSILON;

  return MIN ((guint) count, n_ranked);
}

/**
 * rapport_tier_rules_apply:
 *
 * By shares, the cut points count from the top, each rounded to the
 * nearest customer: with the defaults and 812 customers, ranks 1–8 are
 * platinum (1%), 9–41 gold (5% in all), 42–162 iron (20% in all). The top
 * customer is platinum in any book when platinum has a share (1% of 40 is
 * less than one customer, but a book has a best customer). Customers tied
 * on contribution share a rank (the store ranks 1, 2, 2, 4), so a tie
 * never splits across a cut point.
 */
RapportTier
rapport_tier_rules_apply (const RapportTierRules *self,
                          guint                   rank,
                          guint                   n_ranked,
                          gint64                  contribution)
{
  static const RapportTier tiers[] = { RAPPORT_TIER_PLATINUM, RAPPORT_TIER_GOLD, RAPPORT_TIER_IRON };

  g_return_val_if_fail (self != NULL, RAPPORT_TIER_LEAD);

  if (contribution <= 0)
    return RAPPORT_TIER_LEAD;

  if (self->basis == RAPPORT_TIER_BASIS_AMOUNT)
    {
      for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
        if (contribution >= self->amount[i])
          return tiers[i];
      return RAPPORT_TIER_LEAD;
    }

  {
    double cumulative = 0;

    for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
      {
        guint count;

        cumulative += self->share[i];
        count = share_count (cumulative, n_ranked);
        if (i == 0 && self->share[0] > 0)
          count = MAX (count, 1);
        if (self->share[i] > 0 && rank >= 1 && rank <= count)
          return tiers[i];
      }
  }

  return RAPPORT_TIER_LEAD;
}

char *
rapport_tier_rules_format_reason (const RapportTierRules *self,
                                  gint64                  contribution,
                                  const char             *currency,
                                  guint                   rank,
                                  guint                   n_ranked)
{
  g_autofree char *amount = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  amount = rapport_money_format (contribution, currency);

  /* Translators: a tier's reason, "12-month orders ¥86,400.00, rank 7 of
   * 812": the customer's orders over the period, and its place among all
   * customers by them. */
  return g_strdup_printf (_("%u-month orders %s, rank %u of %u"),
                          self->period_months, amount, rank, n_ranked);
}

/* (second − first) / first in whole percent, computed in doubles so that
 * large books do not overflow, capped to an int; only called with
 * @first > 0. */
static int
growth_percent (gint64 first,
                gint64 second)
{
  double percent = ((double) second - (double) first) * 100.0 / (double) first;

  return (int) CLAMP (percent, -100.0, (double) G_MAXINT);
}

RapportPotential
rapport_tier_rules_suggest_potential (const RapportTierRules  *self,
                                      gint64                   contribution,
                                      gint64                   first_half,
                                      gint64                   second_half,
                                      gint64                   weighted_pipeline,
                                      const char              *currency,
                                      char                   **out_reason)
{
  g_autofree char *pipeline = NULL;
  g_autofree char *orders = NULL;

  g_return_val_if_fail (self != NULL, RAPPORT_POTENTIAL_LOW);
  g_return_val_if_fail (currency != NULL, RAPPORT_POTENTIAL_LOW);

  pipeline = rapport_money_format (MAX (weighted_pipeline, 0), currency);
  orders = rapport_money_format (contribution, currency);

  /* Compared as doubles: amount × 100 may not fit in 64 bits. */
  if (weighted_pipeline > 0 &&
      (contribution <= 0 ||
       (double) weighted_pipeline * 100 >= (double) contribution * RAPPORT_TIER_PIPELINE_SHARE_PERCENT))
    {
      if (out_reason != NULL)
        *out_reason = contribution > 0
          /* Translators: why a customer's potential is suggested high:
           * "open opportunities ¥50,000.00 weighted, against 12-month
           * orders ¥60,000.00". */
          ? g_strdup_printf (_("Open opportunities %s weighted, against %u-month orders %s"),
                             pipeline, self->period_months, orders)
          : g_strdup_printf (_("Open opportunities %s weighted, with no orders to date"), pipeline);
      return RAPPORT_POTENTIAL_HIGH;
    }

  if (first_half > 0 && growth_percent (first_half, second_half) >= RAPPORT_TIER_GROWTH_PERCENT)
    {
      if (out_reason != NULL)
        /* Translators: why a customer's potential is suggested high: its
         * orders in the second half of the period against the first. */
        *out_reason = g_strdup_printf (_("Orders up %d%% in the second half of the last %u months"),
                                       growth_percent (first_half, second_half), self->period_months);
      return RAPPORT_POTENTIAL_HIGH;
    }

  if (out_reason != NULL)
    *out_reason = g_strdup_printf (_("Open opportunities %s weighted, and orders not growing by %d%%"),
                                   pipeline, RAPPORT_TIER_GROWTH_PERCENT);
  return RAPPORT_POTENTIAL_LOW;
}
