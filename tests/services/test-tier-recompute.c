/* test-tier-recompute.c
 *
 * The tiers' recomputation with the session's fixed clock: once per local
 * day at 8:00 (or when the book opens, when that was missed),
 * not again after a restart the same day, one notification naming the moves
 * into and out of the top tiers and none when nothing moved, a quiet run
 * when the rules change, and "Recompute Now". Notifications go to
 * python3-dbusmock's daemon on a private bus (run-with-notification-daemon);
 * without one, what is notified is not checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "book-test-utils.h"
#include "rapport-database-private.h"
#include "rapport-session.h"
#include "rapport-store.h"
#include "rapport-tier-recompute.h"
#include "rapport-validation.h"

#define HOUR 3600
#define DAY 86400
/* 2026-03-02 00:00:00 UTC, 08:00 in Asia/Shanghai (the tests' TZ): the
 * day's run time. */
#define T0 G_GINT64_CONSTANT (1772409600)

typedef struct
{
  TestBook  book;
  guint     n_runs;
  char     *last_reason;   /* the last run's not_computed_reason */
  gint64    wang;
  gint64    li;
  gint64    acme;
} Fixture;

static void
assert_notified (Fixture    *f,
                 guint       n,
                 const char *last)
{
  /* The churn check's summaries, which the session also shows, are left
   * out. */
  test_book_assert_notified (&f->book, "top tiers", n, last);
}

/* The session */

static void
recomputed_cb (RapportTierRecompute *recompute,
               RapportTierRun       *run,
               Fixture              *f)
{
  f->n_runs++;
  g_free (f->last_reason);
  f->last_reason = g_strdup (run->not_computed_reason);
}

static void
wait_for_run (Fixture *f)
{
  RapportTierRecompute *recompute = rapport_session_get_tier_recompute (f->book.session);
  gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  test_run_pending ();
  while (rapport_tier_recompute_is_running (recompute))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
    }
  test_run_pending ();
}

/* Tiers by amount, so a handful of customers makes every tier. */
static void
set_amount_rules (Fixture *f)
{
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autoptr (GError) error = NULL;

  rules->basis = RAPPORT_TIER_BASIS_AMOUNT;
  rules->amount[0] = 100000;
  rules->amount[1] = 50000;
  rules->amount[2] = 10000;
  g_assert_true (rapport_session_set_tier_rules (f->book.session, rules, &error));
  g_assert_no_error (error);
}

static void
open_session (Fixture *f)
{
  test_book_open (&f->book, FALSE);
  g_signal_connect (rapport_session_get_tier_recompute (f->book.session), "recomputed", G_CALLBACK (recomputed_cb), f);
  /* The application sets its rules before the book opens; here they come
   * after, so they are applied at once, quietly, and not counted. */
  set_amount_rules (f);
  wait_for_run (f);
  f->n_runs = 0;
  g_clear_pointer (&f->last_reason, g_free);
}

static void
advance_to (Fixture *f,
            gint64   when)
{
  test_book_advance_to (&f->book, when);
  wait_for_run (f);
}

static gint64
add_customer (Fixture    *f,
              const char *name)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;

  rapport_customer_set_name (customer, name);
  rapport_store_insert_customer (f->book.db, customer, &error);
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}

static void
add_order (Fixture    *f,
           gint64      customer_id,
           const char *ordered_on,
           gint64      amount)
{
  g_autoptr (RapportOrder) order = rapport_order_new ();
  g_autoptr (GError) error = NULL;

  rapport_order_set_customer_id (order, customer_id);
  rapport_order_set_ordered_on (order, ordered_on);
  rapport_order_set_amount (order, amount);
  rapport_order_set_currency (order, "CNY");
  rapport_store_insert_order (f->book.db, order, &error);
  g_assert_no_error (error);
}

/* A credit note, as an import leaves it: a negative order. */
static void
add_refund (Fixture    *f,
            gint64      customer_id,
            const char *ordered_on,
            gint64      amount)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO orders (uuid, customer_id, ordered_on, amount, currency, created_at, updated_at) "
                         "VALUES (lower (hex (randomblob (16))), %" G_GINT64_FORMAT ", '%s', %" G_GINT64_FORMAT
                         ", 'CNY', 1, 1)",
                         customer_id, ordered_on, -amount);
  g_assert_true (_rapport_database_exec (f->book.db, sql, &error));
  g_assert_no_error (error);
}

static RapportTier
tier_of (Fixture *f,
         gint64   customer_id)
{
  g_autoptr (RapportCustomer) customer = rapport_store_get_customer (f->book.db, customer_id, NULL);

  return rapport_customer_get_tier (customer);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  test_book_init (&f->book, "rapport-tier-recompute");

  /* The book, a month ago, without orders yet. */
  rapport_clock_set_fixed (f->book.clock, T0 - 30 * DAY);
  open_session (f);
  f->wang = add_customer (f, "王芳");
  f->li = add_customer (f, "Li Wei");
  f->acme = add_customer (f, "Acme Trading");
  test_book_close (&f->book);
  f->n_runs = 0;

  /* An hour before the day's run. */
  rapport_clock_set_fixed (f->book.clock, T0 - HOUR);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->last_reason, g_free);
  test_book_clear (&f->book);
}

/* Tests */

static void
test_once_a_day (Fixture       *f,
                 gconstpointer  data)
{
  RapportTierRecompute *recompute;

  open_session (f);
  recompute = rapport_session_get_tier_recompute (f->book.session);
  g_assert_cmpuint (f->n_runs, ==, 0);
  g_assert_cmpint (rapport_tier_recompute_get_next (recompute), ==, T0);
  add_order (f, f->wang, "2026-02-01", 200000);
  add_order (f, f->li, "2026-01-15", 60000);
  add_order (f, f->acme, "2025-06-01", 20000);

  advance_to (f, T0 - 1);
  g_assert_cmpuint (f->n_runs, ==, 0);

  /* 8:00: two customers into the top tiers, one notification. */
  advance_to (f, T0);
  g_assert_cmpuint (f->n_runs, ==, 1);
  g_assert_null (f->last_reason);
  g_assert_cmpint (tier_of (f, f->wang), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (tier_of (f, f->li), ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (tier_of (f, f->acme), ==, RAPPORT_TIER_IRON);
  assert_notified (f, 1, "2 customers moved into the top tiers|王芳 → Platinum, Li Wei → Gold");
  g_assert_cmpint (rapport_store_get_schedule_state (f->book.db, RAPPORT_TIER_RECOMPUTE_STATE), >, 0);
  g_assert_cmpint (rapport_tier_recompute_get_next (recompute), ==, T0 + DAY);

  /* Later the same day: nothing more. */
  advance_to (f, T0 + 8 * HOUR);
  g_assert_cmpuint (f->n_runs, ==, 1);

  /* The next morning: nothing moved, no notification. */
  advance_to (f, T0 + DAY);
  g_assert_cmpuint (f->n_runs, ==, 2);
  assert_notified (f, 1, NULL);

  /* A refund takes 王芳 out of the top tiers. */
  add_refund (f, f->wang, "2026-03-03", 180000);
  advance_to (f, T0 + 2 * DAY);
  g_assert_cmpuint (f->n_runs, ==, 3);
  g_assert_cmpint (tier_of (f, f->wang), ==, RAPPORT_TIER_IRON);
  assert_notified (f, 2, "1 customer moved out of the top tiers|王芳 → Iron");
}

static void
test_not_again_after_restart (Fixture       *f,
                              gconstpointer  data)
{
  open_session (f);
  add_order (f, f->wang, "2026-02-01", 200000);
  advance_to (f, T0);
  g_assert_cmpuint (f->n_runs, ==, 1);
  test_book_close (&f->book);

  /* Restarted the same afternoon: the day's run is done. */
  rapport_clock_set_fixed (f->book.clock, T0 + 6 * HOUR);
  open_session (f);
  g_assert_cmpint (rapport_tier_recompute_get_next (rapport_session_get_tier_recompute (f->book.session)), ==, T0 + DAY);
  advance_to (f, T0 + 10 * HOUR);
  g_assert_cmpuint (f->n_runs, ==, 0);
  assert_notified (f, 1, NULL);
}

/* Not running at 8:00: the day's run comes when the book opens. */
static void
test_at_start_when_missed (Fixture       *f,
                           gconstpointer  data)
{
  gint64 other;

  rapport_clock_set_fixed (f->book.clock, T0 - HOUR);
  open_session (f);
  other = add_customer (f, "Bluebird Foods");
  add_order (f, f->wang, "2026-02-01", 200000);
  add_order (f, f->li, "2026-02-01", 200000);
  add_order (f, f->acme, "2026-02-01", 200000);
  add_order (f, other, "2026-02-01", 200000);
  test_book_close (&f->book);

  /* The settings' rules are the session's before it opens (as the
   * application does): here, the database is opened by hand. */
  rapport_clock_set_fixed (f->book.clock, T0 + 3 * HOUR);
  test_book_open (&f->book, FALSE);
  g_signal_connect (rapport_session_get_tier_recompute (f->book.session), "recomputed", G_CALLBACK (recomputed_cb), f);
  wait_for_run (f);
  g_assert_cmpuint (f->n_runs, ==, 1);
  g_assert_cmpint (rapport_tier_recompute_get_next (rapport_session_get_tier_recompute (f->book.session)), ==,
                   T0 + DAY);
  /* With the default shares, one of four is platinum (ties share it). */
  assert_notified (f, 1, "4 customers moved into the top tiers|王芳 → Platinum, Li Wei → Platinum, "
                         "Acme Trading → Platinum and 1 more");
}

/* Changed rules: recomputed at once, quietly; the same rules again change
 * nothing; rules that do not hold together are refused. */
static void
test_rules_change (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (RapportTierRules) rules = NULL;
  g_autoptr (GError) error = NULL;
  guint n_changed = 0;

  open_session (f);
  add_order (f, f->wang, "2026-02-01", 200000);
  add_order (f, f->li, "2026-02-01", 60000);
  g_signal_connect_swapped (f->book.session, "tier-rules-changed", G_CALLBACK (g_atomic_int_inc), &n_changed);

  rules = rapport_session_dup_tier_rules (f->book.session);
  g_assert_cmpint (rules->basis, ==, RAPPORT_TIER_BASIS_AMOUNT);
  rules->amount[0] = 50001;
  g_assert_true (rapport_session_set_tier_rules (f->book.session, rules, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  wait_for_run (f);
  g_assert_cmpuint (f->n_runs, ==, 1);
  g_assert_cmpint (tier_of (f, f->wang), ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (tier_of (f, f->li), ==, RAPPORT_TIER_PLATINUM);
  assert_notified (f, 0, NULL);
  /* Not the day's run: that one still comes at 8:00. */
  g_assert_cmpint (rapport_tier_recompute_get_next (rapport_session_get_tier_recompute (f->book.session)), ==, T0);

  g_assert_true (rapport_session_set_tier_rules (f->book.session, rules, &error));
  g_assert_cmpuint (n_changed, ==, 1);

  rules->amount[2] = rules->amount[1];
  g_assert_false (rapport_session_set_tier_rules (f->book.session, rules, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING);
  g_assert_cmpuint (n_changed, ==, 1);
  {
    g_autoptr (RapportTierRules) kept = rapport_session_dup_tier_rules (f->book.session);

    g_assert_cmpint (kept->amount[2], ==, 10000);
  }
}

static void
ran_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  RapportTierRun **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = rapport_tier_recompute_run_finish (RAPPORT_TIER_RECOMPUTE (source), result, &error);
  g_assert_no_error (error);
}

/* "Recompute Now": on a worker, the run returned, no notification. */
static void
test_run_now (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (RapportTierRun) run = NULL;
  g_autoptr (RapportTierRun) none = NULL;
  RapportTierRecompute *recompute;

  open_session (f);
  recompute = rapport_session_get_tier_recompute (f->book.session);

  rapport_tier_recompute_run_async (recompute, NULL, ran_cb, &none);
  g_assert_true (rapport_tier_recompute_is_running (recompute));
  while (none == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (none->not_computed_reason, ==, "No orders in the last 12 months");
  g_assert_cmpstr (f->last_reason, ==, "No orders in the last 12 months");

  add_order (f, f->wang, "2026-02-01", 200000);
  rapport_tier_recompute_run_async (recompute, NULL, ran_cb, &run);
  while (run == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (run->not_computed_reason);
  g_assert_cmpuint (run->moved_up->len, ==, 1);
  g_assert_cmpuint (f->n_runs, ==, 2);
  g_assert_cmpint (tier_of (f, f->wang), ==, RAPPORT_TIER_PLATINUM);
  assert_notified (f, 0, NULL);

  /* Asked twice at once: one after the other, both done. */
  {
    g_autoptr (RapportTierRun) first = NULL;
    g_autoptr (RapportTierRun) second = NULL;

    rapport_tier_recompute_run_async (recompute, NULL, ran_cb, &first);
    rapport_tier_recompute_run_async (recompute, NULL, ran_cb, &second);
    while (first == NULL || second == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (rapport_tier_recompute_is_running (recompute));
    g_assert_cmpuint (f->n_runs, ==, 4);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/tier-recompute/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("once-a-day", test_once_a_day);
  ADD ("not-again-after-restart", test_not_again_after_restart);
  ADD ("at-start-when-missed", test_at_start_when_missed);
  ADD ("rules-change", test_rules_change);
  ADD ("run-now", test_run_now);

  return g_test_run ();
}
