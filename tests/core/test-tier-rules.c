/* test-tier-rules.c
 *
 * The tier rules: defaults, validation, the cut by shares and by amounts,
 * and the one-line reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "rapport-tier-rules.h"
#include "rapport-validation.h"

static void
test_tier_rules_default (void)
{
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autoptr (RapportTierRules) copy = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (rules->basis, ==, RAPPORT_TIER_BASIS_SHARE);
  g_assert_cmpuint (rules->period_months, ==, 12);
  g_assert_cmpfloat (rules->share[0], ==, 1);
  g_assert_cmpfloat (rules->share[1], ==, 4);
  g_assert_cmpfloat (rules->share[2], ==, 15);
  g_assert_true (rapport_tier_rules_validate (rules, &error));
  g_assert_no_error (error);

  rules->period_months = 6;
  copy = rapport_tier_rules_copy (rules);
  g_assert_cmpuint (copy->period_months, ==, 6);
  g_assert_cmpint (copy->amount[2], ==, rules->amount[2]);

  g_assert_true (G_TYPE_IS_BOXED (RAPPORT_TYPE_TIER_RULES));
}

static void
assert_invalid (const RapportTierRules *rules)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rapport_tier_rules_validate (rules, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING);
  g_assert_nonnull (error->message);
}

static void
test_tier_rules_validate (void)
{
  g_autoptr (RapportTierRules) defaults = rapport_tier_rules_new_default ();
  RapportTierRules rules;
  g_autoptr (GError) error = NULL;

  rules = *defaults;
  rules.period_months = 0;
  assert_invalid (&rules);
  rules.period_months = 121;
  assert_invalid (&rules);
  rules.period_months = 120;
  g_assert_true (rapport_tier_rules_validate (&rules, NULL));

  rules = *defaults;
  rules.share[1] = -1;
  assert_invalid (&rules);
  rules.share[1] = NAN;
  assert_invalid (&rules);
  rules.share[0] = 50;
  rules.share[1] = 30;
  rules.share[2] = 20.5;
  assert_invalid (&rules);
  /* Exactly 100%: nobody is lead, which is allowed. */
  rules.share[2] = 20;
  g_assert_true (rapport_tier_rules_validate (&rules, &error));
  g_assert_no_error (error);
  /* Decimals that add up to 100 within rounding. */
  rules.share[0] = 0.1;
  rules.share[1] = 0.2;
  rules.share[2] = 99.7;
  g_assert_true (rapport_tier_rules_validate (&rules, &error));
  g_assert_no_error (error);

  rules = *defaults;
  rules.amount[1] = rules.amount[0];
  assert_invalid (&rules);
  rules = *defaults;
  rules.amount[2] = rules.amount[1] + 1;
  assert_invalid (&rules);
  rules = *defaults;
  rules.amount[2] = 0;
  assert_invalid (&rules);

  rules = *defaults;
  rules.basis = 7;
  assert_invalid (&rules);
}

static void
test_tier_rules_apply_share (void)
{
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();

  /* 812 customers: 1% is 8 (8.12), 5% 41 (40.6), 20% 162 (162.4). */
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 812, 100), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 8, 812, 100), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 9, 812, 100), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 41, 812, 100), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 42, 812, 100), ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 162, 812, 100), ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 163, 812, 100), ==, RAPPORT_TIER_LEAD);

  /* 101 customers: still one platinum, not two. */
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 101, 100), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 2, 101, 100), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 20, 101, 100), ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 21, 101, 100), ==, RAPPORT_TIER_LEAD);

  /* A small book: its best customer is platinum; 5% of 10 rounds to one
   * (already platinum), 20% to two. */
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 10, 100), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 2, 10, 100), ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 3, 10, 100), ==, RAPPORT_TIER_LEAD);

  /* Exact shares are exact: 1% of 100 is one customer. */
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 100, 100), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 2, 100, 100), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 5, 100, 100), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 6, 100, 100), ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 20, 100, 100), ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 21, 100, 100), ==, RAPPORT_TIER_LEAD);

  /* A single customer with orders is the top of its book. */
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 1, 1), ==, RAPPORT_TIER_PLATINUM);

  /* No positive contribution: lead whatever the rank (refunds larger than
   * the sales, or no orders). */
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 1, 0), ==, RAPPORT_TIER_LEAD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 812, -5000), ==, RAPPORT_TIER_LEAD);

  /* A share of zero leaves its tier empty. */
  rules->share[0] = 0;
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 100, 100), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 4, 100, 100), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 5, 100, 100), ==, RAPPORT_TIER_IRON);
}

static void
test_tier_rules_apply_amount (void)
{
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();

  rules->basis = RAPPORT_TIER_BASIS_AMOUNT;
  rules->amount[0] = 1000000;
  rules->amount[1] = 200000;
  rules->amount[2] = 50000;

  /* The rank plays no part. */
  g_assert_cmpint (rapport_tier_rules_apply (rules, 500, 812, 1000000), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 812, 999999), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 812, 200000), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 812, 50000), ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 812, 49999), ==, RAPPORT_TIER_LEAD);
  g_assert_cmpint (rapport_tier_rules_apply (rules, 1, 812, -1), ==, RAPPORT_TIER_LEAD);
}

static void
test_tier_rules_format_reason (void)
{
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autofree char *reason = NULL;
  g_autofree char *six = NULL;
  g_autofree char *refund = NULL;

  reason = rapport_tier_rules_format_reason (rules, 8640000, "CNY", 7, 812);
  g_assert_cmpstr (reason, ==, "12-month orders ¥86,400.00, rank 7 of 812");

  rules->period_months = 6;
  six = rapport_tier_rules_format_reason (rules, 1200, "USD", 1, 1);
  g_assert_cmpstr (six, ==, "6-month orders $12.00, rank 1 of 1");

  refund = rapport_tier_rules_format_reason (rules, -5000, "CNY", 3, 3);
  g_assert_cmpstr (refund, ==, "6-month orders -¥50.00, rank 3 of 3");
}

static void
test_tier_rules_suggest_potential (void)
{
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();
  struct {
    gint64           contribution, first, second, pipeline;
    RapportPotential expected;
    const char      *reason;
  } cases[] = {
    /* Weighted pipeline at least half the period's orders. */
    { 100000, 50000, 50000, 50000, RAPPORT_POTENTIAL_HIGH,
      "Open opportunities ¥500.00 weighted, against 12-month orders ¥1,000.00" },
    { 100000, 50000, 50000, 49999, RAPPORT_POTENTIAL_LOW,
      "Open opportunities ¥499.99 weighted, and orders not growing by 25%" },
    /* A prospect: any open pipeline. */
    { 0, 0, 0, 1, RAPPORT_POTENTIAL_HIGH, "Open opportunities ¥0.01 weighted, with no orders to date" },
    { -5000, 0, -5000, 100, RAPPORT_POTENTIAL_HIGH, "Open opportunities ¥1.00 weighted, with no orders to date" },
    /* Growth from the first half to the second. */
    { 90000, 40000, 50000, 0, RAPPORT_POTENTIAL_HIGH, "Orders up 25% in the second half of the last 12 months" },
    { 89999, 40000, 49999, 0, RAPPORT_POTENTIAL_LOW,
      "Open opportunities ¥0.00 weighted, and orders not growing by 25%" },
    /* Nothing in the first half is not growth (no base). */
    { 50000, 0, 50000, 0, RAPPORT_POTENTIAL_LOW, NULL },
    /* Nothing at all. */
    { 0, 0, 0, 0, RAPPORT_POTENTIAL_LOW, NULL },
    /* A huge jump from a tiny base does not overflow. */
    { G_MAXINT64 / 2, 1, G_MAXINT64 / 2 - 1, 0, RAPPORT_POTENTIAL_HIGH, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *reason = NULL;
      RapportPotential potential;

      potential = rapport_tier_rules_suggest_potential (rules, cases[i].contribution, cases[i].first,
                                                        cases[i].second, cases[i].pipeline, "CNY", &reason);
      g_assert_cmpint (potential, ==, cases[i].expected);
      g_assert_nonnull (reason);
      if (cases[i].reason != NULL)
        g_assert_cmpstr (reason, ==, cases[i].reason);
    }

  g_assert_cmpint (rapport_tier_rules_suggest_potential (rules, 100, 0, 0, 100, "CNY", NULL), ==,
                   RAPPORT_POTENTIAL_HIGH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/tier-rules/default", test_tier_rules_default);
  g_test_add_func ("/core/tier-rules/validate", test_tier_rules_validate);
  g_test_add_func ("/core/tier-rules/apply-share", test_tier_rules_apply_share);
  g_test_add_func ("/core/tier-rules/apply-amount", test_tier_rules_apply_amount);
  g_test_add_func ("/core/tier-rules/format-reason", test_tier_rules_format_reason);
  g_test_add_func ("/core/tier-rules/suggest-potential", test_tier_rules_suggest_potential);

  return g_test_run ();
}
