/* test-tiers.c
 *
 * Value tiers: the recomputation from the period's orders (shares, amounts,
 * ties, the period's edges, currencies and missing rates, refunds, no
 * orders, a single customer), manual tiers and potentials beside the
 * computed ones, the history of changes, and what the customer repository,
 * merges and the Trash do with them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-test-helpers.h"
#include "rapport-import-store.h"

/* TEST_NOW's day in Asia/Shanghai and UTC. */
#define TODAY "2026-11-22"

static gint64
customer_id (RapportDatabase *db,
             const char      *name)
{
  g_autoptr (RapportCustomer) customer = add_customer (db, name, NULL);

  return rapport_customer_get_id (customer);
}

static void
add_order (Fixture    *fixture,
           gint64      customer,
           const char *ordered_on,
           gint64      amount,
           const char *currency)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportOrder) order = rapport_order_new ();

  rapport_order_set_customer_id (order, customer);
  rapport_order_set_ordered_on (order, ordered_on);
  rapport_order_set_amount (order, amount);
  rapport_order_set_currency (order, currency);
  g_assert_true (rapport_store_insert_order (fixture->db, order, &error));
  g_assert_no_error (error);
}

/* Refunds are negative orders; the order API refuses them as typed, so
 * they are written as the import of a credit note would leave them. */
static void
add_refund (Fixture    *fixture,
            gint64      customer,
            const char *ordered_on,
            gint64      amount,
            const char *currency)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO orders (uuid, customer_id, ordered_on, amount, currency, created_at, updated_at) "
                         "VALUES (lower (hex (randomblob (16))), %" G_GINT64_FORMAT ", '%s', %" G_GINT64_FORMAT
                         ", '%s', 1, 1)",
                         customer, ordered_on, -amount, currency);
  g_assert_true (_rapport_database_exec (fixture->db, sql, &error));
  g_assert_no_error (error);
}

static RapportTierRun *
recompute (Fixture                *fixture,
           const RapportTierRules *rules)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportTierRules) defaults = rapport_tier_rules_new_default ();
  RapportTierRun *run;

  run = rapport_store_recompute_tiers (fixture->db, rules != NULL ? rules : defaults, "CNY", TODAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_nonnull (run->missing_rates);
  g_assert_cmpint (run->ran_at, ==, rapport_clock_now (fixture->clock));

  return run;
}

static RapportCustomerTiers *
tiers_of (Fixture *fixture,
          gint64   customer)
{
  g_autoptr (GError) error = NULL;
  RapportCustomerTiers *tiers = rapport_store_get_customer_tiers (fixture->db, customer, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tiers);

  return tiers;
}

static RapportTier
tier_of (Fixture *fixture,
         gint64   customer)
{
  g_autoptr (RapportCustomerTiers) tiers = tiers_of (fixture, customer);
  g_autoptr (RapportCustomer) row = rapport_store_get_customer (fixture->db, customer, NULL);

  /* The customer's tier in force is the one every filter reads. */
  g_assert_cmpint (rapport_customer_get_tier (row), ==, tiers->tier);
  return tiers->tier;
}

static GPtrArray *
changes_of (Fixture *fixture,
            gint64   customer)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *changes = rapport_store_list_tier_changes (fixture->db, customer, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);

  return changes;
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_rapport_database_get_handle (fixture->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* 100 customers with orders 1 … 100 yuan: the default shares make the top
 * one platinum, the next 4 gold, the next 15 iron, the rest lead. */
static void
test_shares (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (RapportTierRun) run = NULL;
  g_autoptr (RapportTierRun) again = NULL;
  gint64 ids[100];
  guint counts[4] = { 0, };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i + 1);

      ids[i] = customer_id (fixture->db, name);
      add_order (fixture, ids[i], "2026-06-01", (i + 1) * 100, "CNY");
    }
  fixture_clear_changes (fixture);

  run = recompute (fixture, NULL);

  g_assert_null (run->not_computed_reason);
  g_assert_cmpuint (run->n_customers, ==, 100);
  g_assert_cmpuint (run->n_with_orders, ==, 100);
  g_assert_cmpuint (run->n_changed, ==, 20);
  g_assert_cmpstrv (run->missing_rates, ((const char *[]) { NULL }));
  /* Into the top tiers: platinum and the 4 gold. */
  g_assert_cmpuint (run->moved_up->len, ==, 5);
  g_assert_cmpuint (run->moved_down->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    counts[tier_of (fixture, ids[i])]++;
  g_assert_cmpuint (counts[RAPPORT_TIER_PLATINUM], ==, 1);
  g_assert_cmpuint (counts[RAPPORT_TIER_GOLD], ==, 4);
  g_assert_cmpuint (counts[RAPPORT_TIER_IRON], ==, 15);
  g_assert_cmpuint (counts[RAPPORT_TIER_LEAD], ==, 80);
  g_assert_cmpint (tier_of (fixture, ids[99]), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (tier_of (fixture, ids[95]), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (tier_of (fixture, ids[94]), ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (tier_of (fixture, ids[80]), ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (tier_of (fixture, ids[79]), ==, RAPPORT_TIER_LEAD);

  {
    g_autoptr (RapportCustomerTiers) top = tiers_of (fixture, ids[99]);
    g_autoptr (GPtrArray) changes = changes_of (fixture, ids[99]);
    RapportTierChange *change;

    g_assert_true (top->has_computed);
    g_assert_false (top->has_manual);
    g_assert_cmpint (top->computed, ==, RAPPORT_TIER_PLATINUM);
    g_assert_cmpstr (top->computed_reason, ==, "12-month orders ¥100.00, rank 1 of 100");

    g_assert_cmpuint (changes->len, ==, 1);
    change = g_ptr_array_index (changes, 0);
    g_assert_cmpint (change->from, ==, RAPPORT_TIER_LEAD);
    g_assert_cmpint (change->to, ==, RAPPORT_TIER_PLATINUM);
    g_assert_false (change->by_hand);
    g_assert_cmpint (change->changed_at, ==, TEST_NOW);
    g_assert_cmpstr (change->reason, ==, "12-month orders ¥100.00, rank 1 of 100");
  }

  /* The lead customers did not move: no history for them. */
  {
    g_autoptr (GPtrArray) changes = changes_of (fixture, ids[0]);
    g_autoptr (RapportCustomerTiers) bottom = tiers_of (fixture, ids[0]);

    g_assert_cmpuint (changes->len, ==, 0);
    g_assert_true (bottom->has_computed);
    g_assert_cmpstr (bottom->computed_reason, ==, "12-month orders ¥1.00, rank 100 of 100");
  }
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM tier_change"), ==, 20);

  /* One announcement for the book. */
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, (gint64) 0, RAPPORT_CHANGE_RELOADED);

  /* The same data again: nothing moves, nothing is written or announced. */
  again = recompute (fixture, NULL);
  g_assert_cmpuint (again->n_changed, ==, 0);
  g_assert_cmpuint (again->moved_up->len, ==, 0);
  assert_changes (fixture, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM tier_change"), ==, 20);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM tier_run"), ==, 2);

  {
    g_autoptr (GError) error = NULL;
    g_autofree char *reason = NULL;

    g_assert_cmpint (rapport_store_get_last_tier_run (fixture->db, &reason, &error), ==, TEST_NOW);
    g_assert_no_error (error);
    g_assert_null (reason);
  }

  /* A new customer without orders: every rank's "of N" changes, no tier
   * does (1% of 101 is still one customer). */
  {
    g_autoptr (RapportCustomer) newcomer = add_customer (fixture->db, "Newcomer", NULL);
    g_autoptr (RapportTierRun) fourth = NULL;
    g_autoptr (RapportCustomerTiers) top = NULL;

    fourth = recompute (fixture, NULL);
    g_assert_cmpuint (fourth->n_changed, ==, 0);
    top = tiers_of (fixture, ids[99]);
    g_assert_cmpstr (top->computed_reason, ==, "12-month orders ¥100.00, rank 1 of 101");
  }

  /* A new reason alone is written without a reload of every list. */
  add_order (fixture, ids[0], "2026-07-01", 1, "CNY");
  fixture_clear_changes (fixture);
  {
    g_autoptr (RapportTierRun) fifth = recompute (fixture, NULL);
    g_autoptr (RapportCustomerTiers) bottom = tiers_of (fixture, ids[0]);

    g_assert_cmpuint (fifth->n_changed, ==, 0);
    assert_changes (fixture, 0);
    g_assert_cmpstr (bottom->computed_reason, ==, "12-month orders ¥1.01, rank 100 of 101");
  }

  /* A customer that drops out of gold is a move down. */
  add_order (fixture, ids[10], "2026-07-01", 100000, "CNY");
  {
    g_autoptr (RapportTierRun) third = recompute (fixture, NULL);

    /* 11 becomes platinum; 100 drops to gold; 96 drops to iron. */
    g_assert_cmpint (tier_of (fixture, ids[10]), ==, RAPPORT_TIER_PLATINUM);
    g_assert_cmpint (tier_of (fixture, ids[99]), ==, RAPPORT_TIER_GOLD);
    g_assert_cmpint (tier_of (fixture, ids[95]), ==, RAPPORT_TIER_IRON);
    g_assert_cmpuint (third->moved_up->len, ==, 1);
    g_assert_cmpint (((RapportTierChange *) g_ptr_array_index (third->moved_up, 0))->customer_id, ==, ids[10]);
    g_assert_cmpuint (third->moved_down->len, ==, 2);
  }
}

static void
test_amounts (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autoptr (RapportTierRun) run = NULL;
  gint64 a = customer_id (fixture->db, "A");
  gint64 b = customer_id (fixture->db, "B");
  gint64 c = customer_id (fixture->db, "C");
  gint64 d = customer_id (fixture->db, "D");

  rules->basis = RAPPORT_TIER_BASIS_AMOUNT;
  rules->amount[0] = 100000;
  rules->amount[1] = 30000;
  rules->amount[2] = 6000;

  add_order (fixture, a, "2026-01-10", 60000, "CNY");
  add_order (fixture, a, "2026-09-10", 40000, "CNY");
  add_order (fixture, b, "2026-03-01", 99999, "CNY");
  add_order (fixture, c, "2026-03-01", 6000, "CNY");
  add_order (fixture, d, "2026-03-01", 5999, "CNY");

  run = recompute (fixture, rules);
  g_assert_cmpint (tier_of (fixture, a), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (tier_of (fixture, b), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (tier_of (fixture, c), ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (tier_of (fixture, d), ==, RAPPORT_TIER_LEAD);
  g_assert_cmpuint (run->n_changed, ==, 3);
}

/* Customers tied on contribution share a rank, and so a tier. */
static void
test_ties (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (RapportTierRun) run = NULL;
  gint64 ids[10];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("Tied %u", i);

      ids[i] = customer_id (fixture->db, name);
    }
  add_order (fixture, ids[3], "2026-05-05", 5000, "CNY");
  add_order (fixture, ids[7], "2026-05-06", 5000, "CNY");
  add_order (fixture, ids[1], "2026-05-07", 4000, "CNY");

  run = recompute (fixture, NULL);
  g_assert_cmpint (tier_of (fixture, ids[3]), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (tier_of (fixture, ids[7]), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (tier_of (fixture, ids[1]), ==, RAPPORT_TIER_LEAD);
  g_assert_cmpuint (run->n_with_orders, ==, 3);

  {
    g_autoptr (RapportCustomerTiers) first = tiers_of (fixture, ids[3]);
    g_autoptr (RapportCustomerTiers) second = tiers_of (fixture, ids[7]);
    g_autoptr (RapportCustomerTiers) third = tiers_of (fixture, ids[1]);
    g_autoptr (RapportCustomerTiers) none = tiers_of (fixture, ids[0]);

    g_assert_cmpstr (first->computed_reason, ==, "12-month orders ¥50.00, rank 1 of 10");
    g_assert_cmpstr (second->computed_reason, ==, "12-month orders ¥50.00, rank 1 of 10");
    g_assert_cmpstr (third->computed_reason, ==, "12-month orders ¥40.00, rank 3 of 10");
    g_assert_cmpstr (none->computed_reason, ==, "12-month orders ¥0.00, rank 4 of 10");
  }
}

/* The period is the last N months ending today, both ends included; a
 * future order does not count yet. */
static void
test_period (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autoptr (RapportTierRun) run = NULL;
  g_autoptr (RapportTierRun) six = NULL;
  gint64 a = customer_id (fixture->db, "A");

  add_order (fixture, a, "2025-11-22", 100000, "CNY");
  add_order (fixture, a, "2025-11-23", 100, "CNY");
  add_order (fixture, a, "2026-11-22", 20, "CNY");
  add_order (fixture, a, "2026-11-23", 300000, "CNY");

  run = recompute (fixture, NULL);
  {
    g_autoptr (RapportCustomerTiers) tiers = tiers_of (fixture, a);

    g_assert_cmpstr (tiers->computed_reason, ==, "12-month orders ¥1.20, rank 1 of 1");
  }

  rules->period_months = 6;
  six = recompute (fixture, rules);
  {
    g_autoptr (RapportCustomerTiers) tiers = tiers_of (fixture, a);

    g_assert_cmpstr (tiers->computed_reason, ==, "6-month orders ¥0.20, rank 1 of 1");
  }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RapportTierRun) bad = NULL;

    bad = rapport_store_recompute_tiers (fixture->db, rules, "CNY", "2026-02-30", NULL, &error);
    g_assert_null (bad);
    g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
    g_clear_error (&error);

    rules->share[0] = 90;
    rules->share[1] = 20;
    bad = rapport_store_recompute_tiers (fixture->db, rules, "CNY", TODAY, NULL, &error);
    g_assert_null (bad);
    g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  }
}

/* Other currencies convert at the user's rates (per whole unit, minor
 * digits accounted for); one without a rate is listed, not counted. */
static void
test_currencies (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportTierRun) run = NULL;
  g_autoptr (GPtrArray) rates = NULL;
  g_auto (GStrv) without = NULL;
  gint64 usd = customer_id (fixture->db, "Dollar Co");
  gint64 cny = customer_id (fixture->db, "Yuan Co");
  gint64 jpy = customer_id (fixture->db, "Yen Co");
  gint64 eur = customer_id (fixture->db, "Euro Co");

  add_order (fixture, usd, "2026-04-01", 10000, "USD");     /* $100.00 → ¥710.00 */
  add_order (fixture, cny, "2026-04-01", 50000, "CNY");     /* ¥500.00 */
  add_order (fixture, jpy, "2026-04-01", 10000, "JPY");     /* ¥10,000 → ¥480.00 */
  add_order (fixture, eur, "2026-04-01", 100000, "EUR");    /* no rate */
  add_order (fixture, cny, "2026-04-02", 100, "EUR");

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_set_currency_rate (fixture->db, "usd", 7.0, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_set_currency_rate (fixture->db, "USD", 7.1, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_set_currency_rate (fixture->db, " JPY ", 0.048, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 3,
                  RAPPORT_ENTITY_KIND_CURRENCY_RATE, (gint64) 0, RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_CURRENCY_RATE, (gint64) 0, RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_CURRENCY_RATE, (gint64) 0, RAPPORT_CHANGE_UPDATED);

  g_assert_false (rapport_store_set_currency_rate (fixture->db, "USD", 0, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_set_currency_rate (fixture->db, "USD", -1, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_set_currency_rate (fixture->db, "dollars", 7, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  rates = rapport_store_list_currency_rates (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rates->len, ==, 2);
  g_assert_cmpstr (((RapportCurrencyRate *) g_ptr_array_index (rates, 0))->currency, ==, "JPY");
  g_assert_cmpstr (((RapportCurrencyRate *) g_ptr_array_index (rates, 1))->currency, ==, "USD");
  g_assert_cmpfloat (((RapportCurrencyRate *) g_ptr_array_index (rates, 1))->rate, ==, 7.1);
  g_assert_cmpint (((RapportCurrencyRate *) g_ptr_array_index (rates, 1))->updated_at, ==, TEST_NOW);

  without = rapport_store_list_currencies_without_rate (fixture->db, "CNY", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (without, ((const char *[]) { "EUR", NULL }));

  run = recompute (fixture, NULL);
  g_assert_null (run->not_computed_reason);
  g_assert_cmpstrv (run->missing_rates, ((const char *[]) { "EUR", NULL }));
  g_assert_cmpuint (run->n_with_orders, ==, 3);

  {
    g_autoptr (RapportCustomerTiers) dollar = tiers_of (fixture, usd);
    g_autoptr (RapportCustomerTiers) yuan = tiers_of (fixture, cny);
    g_autoptr (RapportCustomerTiers) yen = tiers_of (fixture, jpy);
    g_autoptr (RapportCustomerTiers) euro = tiers_of (fixture, eur);

    g_assert_cmpstr (dollar->computed_reason, ==, "12-month orders ¥710.00, rank 1 of 4");
    g_assert_cmpstr (yuan->computed_reason, ==, "12-month orders ¥500.00, rank 2 of 4");
    g_assert_cmpstr (yen->computed_reason, ==, "12-month orders ¥480.00, rank 3 of 4");
    g_assert_cmpstr (euro->computed_reason, ==, "12-month orders ¥0.00, rank 4 of 4");
    g_assert_cmpint (euro->computed, ==, RAPPORT_TIER_LEAD);
  }

  /* The run remembers which currencies it left out. */
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM tier_run WHERE missing_rates = 'EUR'"), ==, 1);

  /* With a rate, EUR counts. */
  g_assert_true (rapport_store_set_currency_rate (fixture->db, "EUR", 7.8, &error));
  g_assert_no_error (error);
  {
    g_autoptr (RapportTierRun) with_euro = recompute (fixture, NULL);
    g_autoptr (RapportCustomerTiers) euro = tiers_of (fixture, eur);

    g_assert_cmpstrv (with_euro->missing_rates, ((const char *[]) { NULL }));
    g_assert_cmpstr (euro->computed_reason, ==, "12-month orders ¥7,800.00, rank 1 of 4");
  }

  g_assert_true (rapport_store_remove_currency_rate (fixture->db, "EUR", &error));
  g_assert_no_error (error);
  g_strfreev (without);
  without = rapport_store_list_currencies_without_rate (fixture->db, "CNY", &error);
  g_assert_cmpstrv (without, ((const char *[]) { "EUR", NULL }));
}

/* Refunds larger than the sales leave a contribution below zero: lead, and
 * ranked last, without failing. */
static void
test_refunds (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (RapportTierRun) run = NULL;
  gint64 refunded = customer_id (fixture->db, "Refunded");
  gint64 buyer = customer_id (fixture->db, "Buyer");
  gint64 idle = customer_id (fixture->db, "Idle");

  add_order (fixture, refunded, "2026-03-01", 10000, "CNY");
  add_refund (fixture, refunded, "2026-03-05", 50000, "CNY");
  add_order (fixture, buyer, "2026-03-01", 100, "CNY");

  run = recompute (fixture, NULL);
  g_assert_null (run->not_computed_reason);
  g_assert_cmpuint (run->n_with_orders, ==, 1);
  g_assert_cmpint (tier_of (fixture, buyer), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (tier_of (fixture, refunded), ==, RAPPORT_TIER_LEAD);
  g_assert_cmpint (tier_of (fixture, idle), ==, RAPPORT_TIER_LEAD);

  {
    g_autoptr (RapportCustomerTiers) tiers = tiers_of (fixture, refunded);

    g_assert_cmpstr (tiers->computed_reason, ==, "12-month orders -¥400.00, rank 3 of 3");
    g_assert_cmpint (tiers->suggested_potential, ==, RAPPORT_POTENTIAL_LOW);
  }
}

/* No orders in the period: nothing is computed, the tiers stay, and the run
 * says why (in the period's words). */
static void
test_no_orders (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autoptr (RapportTierRun) run = NULL;
  g_autoptr (RapportTierRun) six = NULL;
  g_autoptr (RapportTierRun) euro = NULL;
  g_autofree char *reason = NULL;
  gint64 manual = customer_id (fixture->db, "Manual");
  gint64 old = customer_id (fixture->db, "Old");

  g_assert_true (rapport_store_set_manual_tier (fixture->db, manual, RAPPORT_TIER_GOLD, &error));
  g_assert_no_error (error);
  add_order (fixture, old, "2024-01-01", 100000, "CNY");
  fixture_clear_changes (fixture);

  run = recompute (fixture, NULL);
  g_assert_cmpstr (run->not_computed_reason, ==, "No orders in the last 12 months");
  g_assert_cmpuint (run->n_changed, ==, 0);
  assert_changes (fixture, 0);
  g_assert_cmpint (tier_of (fixture, manual), ==, RAPPORT_TIER_GOLD);
  {
    g_autoptr (RapportCustomerTiers) tiers = tiers_of (fixture, old);

    g_assert_false (tiers->has_computed);
    g_assert_null (tiers->computed_reason);
  }
  g_assert_cmpint (rapport_store_get_last_tier_run (fixture->db, &reason, &error), ==, TEST_NOW);
  g_assert_no_error (error);
  g_assert_cmpstr (reason, ==, "No orders in the last 12 months");

  rules->period_months = 6;
  six = recompute (fixture, rules);
  g_assert_cmpstr (six->not_computed_reason, ==, "No orders in the last 6 months");

  /* Orders only in a currency without a rate: not computed either, and the
   * reason names the currency. */
  add_order (fixture, old, "2026-10-01", 100000, "EUR");
  euro = recompute (fixture, NULL);
  g_assert_cmpstr (euro->not_computed_reason, ==, "No orders in CNY or a currency with a rate (missing: EUR)");
  g_assert_cmpstrv (euro->missing_rates, ((const char *[]) { "EUR", NULL }));
  g_assert_cmpint (tier_of (fixture, manual), ==, RAPPORT_TIER_GOLD);
}

static void
test_single_customer (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (RapportTierRun) run = NULL;
  gint64 only = customer_id (fixture->db, "王芳");

  add_order (fixture, only, "2026-11-01", 8640000, "CNY");

  run = recompute (fixture, NULL);
  g_assert_cmpuint (run->n_customers, ==, 1);
  g_assert_cmpint (tier_of (fixture, only), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpuint (run->moved_up->len, ==, 1);
  {
    RapportTierChange *change = g_ptr_array_index (run->moved_up, 0);

    g_assert_cmpint (change->customer_id, ==, only);
    g_assert_cmpint (change->from, ==, RAPPORT_TIER_LEAD);
    g_assert_cmpint (change->to, ==, RAPPORT_TIER_PLATINUM);
    g_assert_cmpstr (change->reason, ==, "12-month orders ¥86,400.00, rank 1 of 1");
  }
}

/* A manual tier stays in force while the computed one moves; both are
 * recorded, the manual ones as by hand. */
static void
test_manual_tier (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 pinned = customer_id (fixture->db, "Pinned");
  gint64 other = customer_id (fixture->db, "Other");

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_set_manual_tier (fixture->db, pinned, RAPPORT_TIER_GOLD, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, pinned, RAPPORT_CHANGE_UPDATED);
  /* Setting it again changes nothing. */
  g_assert_true (rapport_store_set_manual_tier (fixture->db, pinned, RAPPORT_TIER_GOLD, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 0);

  {
    g_autoptr (RapportCustomerTiers) tiers = tiers_of (fixture, pinned);
    g_autoptr (GPtrArray) changes = changes_of (fixture, pinned);
    RapportTierChange *change;

    g_assert_cmpint (tiers->tier, ==, RAPPORT_TIER_GOLD);
    g_assert_true (tiers->has_manual);
    g_assert_cmpint (tiers->manual, ==, RAPPORT_TIER_GOLD);
    g_assert_false (tiers->has_computed);
    g_assert_cmpuint (changes->len, ==, 1);
    change = g_ptr_array_index (changes, 0);
    g_assert_true (change->by_hand);
    g_assert_cmpint (change->from, ==, RAPPORT_TIER_LEAD);
    g_assert_cmpint (change->to, ==, RAPPORT_TIER_GOLD);
    g_assert_cmpstr (change->reason, ==, "Set by hand");
  }

  /* Computed platinum: recorded, not in force, not announced as a move. */
  add_order (fixture, pinned, "2026-08-08", 90000, "CNY");
  add_order (fixture, other, "2026-08-08", 100, "CNY");
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 60);
  {
    g_autoptr (RapportTierRun) run = recompute (fixture, NULL);
    g_autoptr (RapportCustomerTiers) tiers = tiers_of (fixture, pinned);
    g_autoptr (GPtrArray) changes = changes_of (fixture, pinned);
    RapportTierChange *change;

    g_assert_cmpuint (run->n_changed, ==, 1);
    g_assert_cmpuint (run->moved_up->len, ==, 0);
    g_assert_cmpint (tiers->tier, ==, RAPPORT_TIER_GOLD);
    g_assert_true (tiers->has_computed);
    g_assert_cmpint (tiers->computed, ==, RAPPORT_TIER_PLATINUM);
    g_assert_cmpint (tier_of (fixture, pinned), ==, RAPPORT_TIER_GOLD);

    g_assert_cmpuint (changes->len, ==, 2);
    change = g_ptr_array_index (changes, 0);
    g_assert_false (change->by_hand);
    g_assert_cmpint (change->from, ==, RAPPORT_TIER_LEAD);
    g_assert_cmpint (change->to, ==, RAPPORT_TIER_PLATINUM);
    g_assert_cmpstr (change->reason, ==, "12-month orders ¥900.00, rank 1 of 2");
  }

  /* Cleared: the computed tier is in force, recorded by hand. */
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 120);
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_clear_manual_tier (fixture->db, pinned, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, pinned, RAPPORT_CHANGE_UPDATED);
  g_assert_cmpint (tier_of (fixture, pinned), ==, RAPPORT_TIER_PLATINUM);
  {
    g_autoptr (GPtrArray) changes = changes_of (fixture, pinned);
    RapportTierChange *change = g_ptr_array_index (changes, 0);

    g_assert_cmpuint (changes->len, ==, 3);
    g_assert_true (change->by_hand);
    g_assert_cmpint (change->from, ==, RAPPORT_TIER_GOLD);
    g_assert_cmpint (change->to, ==, RAPPORT_TIER_PLATINUM);
    g_assert_cmpint (change->changed_at, ==, TEST_NOW + 120);
  }
  /* Clearing again: nothing to do. */
  g_assert_true (rapport_store_clear_manual_tier (fixture->db, pinned, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 0);

  /* Now the computed tier moves the tier in force. */
  add_order (fixture, other, "2026-08-09", 900000, "CNY");
  {
    g_autoptr (RapportTierRun) run = recompute (fixture, NULL);

    g_assert_cmpint (tier_of (fixture, pinned), ==, RAPPORT_TIER_LEAD);
    g_assert_cmpint (tier_of (fixture, other), ==, RAPPORT_TIER_PLATINUM);
    g_assert_cmpuint (run->moved_down->len, ==, 1);
    g_assert_cmpuint (run->moved_up->len, ==, 1);
  }

  /* A customer deleted meanwhile. */
  g_assert_false (rapport_store_set_manual_tier (fixture->db, other + 1000, RAPPORT_TIER_IRON, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

/* Potential: suggested from open opportunities and growth, unless set by
 * hand. */
static void
test_potential (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportOpportunity) opportunity = rapport_opportunity_new ();
  gint64 prospect = customer_id (fixture->db, "Prospect");
  gint64 growing = customer_id (fixture->db, "Growing");
  gint64 flat = customer_id (fixture->db, "Flat");
  gint64 proposal = 0;

  {
    g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (fixture->db, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
      {
        g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);

        if (g_strcmp0 (rapport_pipeline_stage_get_key (stage), "proposal") == 0)
          proposal = rapport_pipeline_stage_get_id (stage);
      }
    g_assert_cmpint (proposal, >, 0);
  }

  /* $1,000 at the proposal stage's 50%: ¥3,550 weighted at 7.1. */
  g_assert_true (rapport_store_set_currency_rate (fixture->db, "USD", 7.1, &error));
  g_assert_no_error (error);
  rapport_opportunity_set_customer_id (opportunity, prospect);
  rapport_opportunity_set_title (opportunity, "Showroom");
  rapport_opportunity_set_amount (opportunity, 100000);
  rapport_opportunity_set_currency (opportunity, "USD");
  rapport_opportunity_set_stage_id (opportunity, proposal);
  g_assert_true (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_no_error (error);

  /* The period's halves: 2025-11-23 … 2026-05-23 and after. */
  add_order (fixture, growing, "2026-01-01", 10000, "CNY");
  add_order (fixture, growing, "2026-09-01", 20000, "CNY");
  add_order (fixture, flat, "2026-01-01", 10000, "CNY");
  add_order (fixture, flat, "2026-09-01", 10000, "CNY");

  {
    g_autoptr (RapportTierRun) run = recompute (fixture, NULL);
    g_autoptr (RapportCustomerTiers) p = tiers_of (fixture, prospect);
    g_autoptr (RapportCustomerTiers) g = tiers_of (fixture, growing);
    g_autoptr (RapportCustomerTiers) f = tiers_of (fixture, flat);

    g_assert_cmpint (p->suggested_potential, ==, RAPPORT_POTENTIAL_HIGH);
    g_assert_cmpint (p->potential, ==, RAPPORT_POTENTIAL_HIGH);
    g_assert_false (p->potential_is_manual);
    g_assert_cmpstr (p->potential_reason, ==, "Open opportunities ¥3,550.00 weighted, with no orders to date");
    g_assert_cmpint (g->potential, ==, RAPPORT_POTENTIAL_HIGH);
    g_assert_cmpstr (g->potential_reason, ==, "Orders up 100% in the second half of the last 12 months");
    g_assert_cmpint (f->potential, ==, RAPPORT_POTENTIAL_LOW);
    g_assert_nonnull (f->potential_reason);
  }

  /* By hand: stays through recomputations, until cleared. */
  g_assert_true (rapport_store_set_manual_potential (fixture->db, prospect, RAPPORT_POTENTIAL_LOW, &error));
  g_assert_no_error (error);
  {
    g_autoptr (RapportTierRun) run = recompute (fixture, NULL);
    g_autoptr (RapportCustomerTiers) p = tiers_of (fixture, prospect);
    g_autoptr (RapportCustomer) row = rapport_store_get_customer (fixture->db, prospect, NULL);

    g_assert_cmpint (p->potential, ==, RAPPORT_POTENTIAL_LOW);
    g_assert_true (p->potential_is_manual);
    g_assert_cmpint (p->suggested_potential, ==, RAPPORT_POTENTIAL_HIGH);
    g_assert_cmpint (rapport_customer_get_potential (row), ==, RAPPORT_POTENTIAL_LOW);
  }
  g_assert_true (rapport_store_clear_manual_potential (fixture->db, prospect, &error));
  g_assert_no_error (error);
  {
    g_autoptr (RapportCustomerTiers) p = tiers_of (fixture, prospect);

    g_assert_cmpint (p->potential, ==, RAPPORT_POTENTIAL_HIGH);
    g_assert_false (p->potential_is_manual);
  }
}

/* A tier or potential picked in the customer dialog is manual; saving other
 * fields leaves computed ones alone. lost_at follows the stage. */
static void
test_customer_save_path (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) picked = rapport_customer_new ();
  g_autoptr (RapportCustomer) plain = NULL;
  gint64 id;

  rapport_customer_set_name (picked, "Picked");
  rapport_customer_set_tier (picked, RAPPORT_TIER_GOLD);
  rapport_customer_set_potential (picked, RAPPORT_POTENTIAL_HIGH);
  g_assert_true (rapport_store_insert_customer (fixture->db, picked, &error));
  g_assert_no_error (error);
  id = rapport_customer_get_id (picked);
  {
    g_autoptr (RapportCustomerTiers) tiers = tiers_of (fixture, id);
    g_autoptr (GPtrArray) changes = changes_of (fixture, id);

    g_assert_true (tiers->has_manual);
    g_assert_cmpint (tiers->manual, ==, RAPPORT_TIER_GOLD);
    g_assert_true (tiers->potential_is_manual);
    g_assert_cmpuint (changes->len, ==, 1);
    g_assert_true (((RapportTierChange *) g_ptr_array_index (changes, 0))->by_hand);
  }

  /* A computed tier survives an edit of the name. */
  plain = add_customer (fixture->db, "Plain", NULL);
  add_order (fixture, rapport_customer_get_id (plain), "2026-10-10", 100000, "CNY");
  {
    g_autoptr (RapportTierRun) run = recompute (fixture, NULL);
  }
  {
    g_autoptr (RapportCustomer) reread = rapport_store_get_customer (fixture->db, rapport_customer_get_id (plain), NULL);
    g_autoptr (RapportCustomerTiers) tiers = NULL;

    g_assert_cmpint (rapport_customer_get_tier (reread), ==, RAPPORT_TIER_PLATINUM);
    rapport_customer_set_name (reread, "Plain Ltd");
    g_assert_true (rapport_store_update_customer (fixture->db, reread, &error));
    g_assert_no_error (error);
    tiers = tiers_of (fixture, rapport_customer_get_id (plain));
    g_assert_false (tiers->has_manual);
    g_assert_false (tiers->potential_is_manual);

    /* Picking a tier makes it manual, and it is in the history. */
    rapport_customer_set_tier (reread, RAPPORT_TIER_IRON);
    g_assert_true (rapport_store_update_customer (fixture->db, reread, &error));
    g_assert_no_error (error);
    g_clear_pointer (&tiers, rapport_customer_tiers_free);
    tiers = tiers_of (fixture, rapport_customer_get_id (plain));
    g_assert_true (tiers->has_manual);
    g_assert_cmpint (tiers->tier, ==, RAPPORT_TIER_IRON);
    g_assert_cmpint (tiers->computed, ==, RAPPORT_TIER_PLATINUM);
    {
      g_autoptr (GPtrArray) changes = changes_of (fixture, rapport_customer_get_id (plain));
      RapportTierChange *change = g_ptr_array_index (changes, 0);

      g_assert_true (change->by_hand);
      g_assert_cmpint (change->from, ==, RAPPORT_TIER_PLATINUM);
      g_assert_cmpint (change->to, ==, RAPPORT_TIER_IRON);
    }

    /* lost_at: set on entering lost, kept while lost, cleared on leaving. */
    rapport_customer_set_stage (reread, RAPPORT_STAGE_LOST);
    rapport_clock_set_fixed (fixture->clock, TEST_NOW + 1000);
    g_assert_true (rapport_store_update_customer (fixture->db, reread, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_rows (fixture, "SELECT lost_at FROM customer WHERE name = 'Plain Ltd'"), ==,
                     TEST_NOW + 1000);
    rapport_clock_set_fixed (fixture->clock, TEST_NOW + 2000);
    rapport_customer_set_notes (reread, "Went to a competitor");
    g_assert_true (rapport_store_update_customer (fixture->db, reread, &error));
    g_assert_cmpint (count_rows (fixture, "SELECT lost_at FROM customer WHERE name = 'Plain Ltd'"), ==,
                     TEST_NOW + 1000);
    rapport_customer_set_stage (reread, RAPPORT_STAGE_ACTIVE);
    g_assert_true (rapport_store_update_customer (fixture->db, reread, &error));
    g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM customer WHERE name = 'Plain Ltd' AND lost_at IS NULL"),
                     ==, 1);
  }

  /* Marked lost from the At Risk page. */
  g_assert_true (rapport_store_mark_customer_lost (fixture->db, id, "price", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT lost_at FROM customer WHERE name = 'Picked'"), ==, TEST_NOW + 2000);
}

/* Merging moves the others' tier history to the survivor, undo moves it
 * back; emptying the Trash deletes it with its customer. */
static void
test_merge_and_trash (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) survivor = add_customer (fixture->db, "Survivor", NULL);
  gint64 other = customer_id (fixture->db, "Other");
  gint64 merge_id;

  g_assert_true (rapport_store_set_manual_tier (fixture->db, other, RAPPORT_TIER_GOLD, &error));
  g_assert_no_error (error);

  merge_id = rapport_store_merge_customers (fixture->db, survivor, &other, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (merge_id, >, 0);
  {
    g_autoptr (GPtrArray) moved = changes_of (fixture, rapport_customer_get_id (survivor));
    g_autoptr (GPtrArray) left = changes_of (fixture, other);

    g_assert_cmpuint (moved->len, ==, 1);
    g_assert_cmpuint (left->len, ==, 0);
  }

  g_assert_true (rapport_store_undo_merge (fixture->db, merge_id, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) moved = changes_of (fixture, rapport_customer_get_id (survivor));
    g_autoptr (GPtrArray) back = changes_of (fixture, other);

    g_assert_cmpuint (moved->len, ==, 0);
    g_assert_cmpuint (back->len, ==, 1);
  }

  g_assert_true (rapport_store_trash_customer (fixture->db, other, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_empty_trash (fixture->db, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM tier_change"), ==, 0);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autoptr (RapportTierRun) run = NULL;
  gint64 a = customer_id (fixture->db, "A");

  add_order (fixture, a, "2026-10-10", 100, "CNY");
  g_cancellable_cancel (cancellable);

  run = rapport_store_recompute_tiers (fixture->db, rules, "CNY", TODAY, cancellable, &error);
  g_assert_null (run);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM tier_run"), ==, 0);
  g_assert_cmpint (tier_of (fixture, a), ==, RAPPORT_TIER_LEAD);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/tiers/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("shares", test_shares);
  ADD ("amounts", test_amounts);
  ADD ("ties", test_ties);
  ADD ("period", test_period);
  ADD ("currencies", test_currencies);
  ADD ("refunds", test_refunds);
  ADD ("no-orders", test_no_orders);
  ADD ("single-customer", test_single_customer);
  ADD ("manual-tier", test_manual_tier);
  ADD ("potential", test_potential);
  ADD ("customer-save-path", test_customer_save_path);
  ADD ("merge-and-trash", test_merge_and_trash);
  ADD ("cancelled", test_cancelled);

  return g_test_run ();
}
