/* test-churn-check.c
 *
 * The daily churn check with the session's fixed clock: it runs once per
 * local day at 9:00 (or at the next start when Rapport was not running then),
 * not again after a restart the same day, and announces only the customers
 * that became at risk, in one notification (python3-dbusmock's daemon on a
 * private bus, see run-with-notification-daemon; without a daemon the
 * notification asserts are skipped, the rest still runs).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "book-test-utils.h"
#include "rapport-churn-check.h"
#include "rapport-date.h"
#include "rapport-session.h"
#include "rapport-store.h"

#define HOUR 3600
#define DAY 86400
/* 2026-03-02 00:00:00 UTC, 08:00 in Asia/Shanghai (the tests' TZ) */
#define T0 G_GINT64_CONSTANT (1772409600)
/* 9:00 local on T0's day */
#define NINE (T0 + HOUR)

typedef struct
{
  TestBook  book;
  guint     n_checks;
  GArray   *became;        /* gint64, of the last check */
  gint64    idle_gold;
  gint64    platinum;
} Fixture;

/* The session */

static void
checked_cb (RapportChurnCheck *check,
            GPtrArray         *became,
            Fixture           *f)
{
  f->n_checks++;
  g_array_set_size (f->became, 0);
  for (guint i = 0; i < became->len; i++)
    g_array_append_val (f->became, ((RapportAtRisk *) g_ptr_array_index (became, i))->customer_id);
}

/* Waits for a check that has started on its worker to finish. */
static void
wait_for_check (Fixture *f)
{
  RapportChurnCheck *check = rapport_session_get_churn_check (f->book.session);
  gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (rapport_churn_check_is_running (check))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
    }
  test_run_pending ();
}

static void
open_session (Fixture *f)
{
  test_book_open (&f->book, FALSE);
  g_signal_connect (rapport_session_get_churn_check (f->book.session), "checked", G_CALLBACK (checked_cb), f);
  test_run_pending ();
  wait_for_check (f);
}

static void
advance_to (Fixture *f,
            gint64   when)
{
  test_book_advance_to (&f->book, when);
  wait_for_check (f);
}

static gint64
add_customer (Fixture     *f,
              const char  *name,
              RapportTier  tier)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;

  rapport_customer_set_name (customer, name);
  rapport_customer_set_tier (customer, tier);
  rapport_store_insert_customer (f->book.db, customer, &error);
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}

static void
add_interaction (Fixture *f,
                 gint64   customer_id,
                 gint64   when)
{
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();
  g_autoptr (GError) error = NULL;

  rapport_interaction_set_customer_id (interaction, customer_id);
  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_VISIT);
  rapport_interaction_set_occurred_at (interaction, when);
  rapport_interaction_set_summary (interaction, "Visit");
  rapport_store_insert_interaction (f->book.db, interaction, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  test_book_init (&f->book, "rapport-churn-check");
  f->became = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* The book: a gold customer quiet for 100 days, a platinum one seen 25
   * days ago (its tier allows 30), both added half a year ago. */
  rapport_clock_set_fixed (f->book.clock, T0 - 180 * DAY);
  open_session (f);
  f->idle_gold = add_customer (f, "Idle Gold Ltd", RAPPORT_TIER_GOLD);
  f->platinum = add_customer (f, "Platinum Partner", RAPPORT_TIER_PLATINUM);
  add_interaction (f, f->idle_gold, T0 - 100 * DAY);
  add_interaction (f, f->platinum, T0 - 25 * DAY);
  test_book_close (&f->book);
  f->n_checks = 0;

  /* Nothing was ever checked: nothing is announced but what the checks
   * below find. */
  rapport_clock_set_fixed (f->book.clock, T0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->became, g_array_unref);
  test_book_clear (&f->book);
}

static void
assert_notified (Fixture    *f,
                 guint       n,
                 const char *last)
{
  test_book_assert_notified (&f->book, NULL, n, last);
}

/* Tests */

static void
test_once_a_day (Fixture       *f,
                 gconstpointer  data)
{
  RapportChurnCheck *check;

  /* Started at 8:00: the check waits for 9:00. */
  open_session (f);
  check = rapport_session_get_churn_check (f->book.session);
  g_assert_cmpuint (f->n_checks, ==, 0);
  g_assert_cmpint (rapport_churn_check_get_next (check), ==, NINE);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (rapport_session_get_scheduler (f->book.session)), ==, NINE);

  advance_to (f, NINE - 1);
  g_assert_cmpuint (f->n_checks, ==, 0);

  advance_to (f, NINE);
  g_assert_cmpuint (f->n_checks, ==, 1);
  g_assert_cmpuint (f->became->len, ==, 1);
  g_assert_cmpint (g_array_index (f->became, gint64, 0), ==, f->idle_gold);
  g_assert_cmpint (rapport_store_get_schedule_state (f->book.db, RAPPORT_CHURN_CHECK_STATE), >, 0);
  assert_notified (f, 1, "Idle Gold Ltd is at risk|no order or interaction for 100 days (Gold: 60)");
  g_assert_cmpint (rapport_churn_check_get_next (check), ==, NINE + DAY);

  /* Later the same day: nothing more. */
  advance_to (f, NINE + 8 * HOUR);
  g_assert_cmpuint (f->n_checks, ==, 1);

  /* The next morning: checked again, nobody new, no notification. */
  advance_to (f, NINE + DAY);
  g_assert_cmpuint (f->n_checks, ==, 2);
  g_assert_cmpuint (f->became->len, ==, 0);
  assert_notified (f, 1, NULL);

  /* A week on, the platinum customer passes its 30 days: only it is new. */
  advance_to (f, NINE + 7 * DAY);
  g_assert_cmpuint (f->n_checks, ==, 3);
  g_assert_cmpuint (f->became->len, ==, 1);
  g_assert_cmpint (g_array_index (f->became, gint64, 0), ==, f->platinum);
  assert_notified (f, 2, "Platinum Partner is at risk|no order or interaction for 32 days (Platinum: 30)");
}

/* Sample data's customers are made up: no daily check, no summary. */
static void
test_not_for_sample_data (Fixture       *f,
                          gconstpointer  data)
{
  test_book_open (&f->book, TRUE);
  g_signal_connect (rapport_session_get_churn_check (f->book.session), "checked", G_CALLBACK (checked_cb), f);
  test_run_pending ();

  g_assert_cmpint (rapport_churn_check_get_next (rapport_session_get_churn_check (f->book.session)), ==, 0);
  advance_to (f, NINE + DAY);
  g_assert_cmpuint (f->n_checks, ==, 0);
  assert_notified (f, 0, NULL);
}

static void
test_not_again_after_restart (Fixture       *f,
                              gconstpointer  data)
{
  open_session (f);
  advance_to (f, NINE);
  g_assert_cmpuint (f->n_checks, ==, 1);
  test_book_close (&f->book);

  /* Rapport restarted the same afternoon: the day's check has run. */
  rapport_clock_set_fixed (f->book.clock, NINE + 6 * HOUR);
  open_session (f);
  g_assert_cmpuint (f->n_checks, ==, 1);
  g_assert_cmpint (rapport_churn_check_get_next (rapport_session_get_churn_check (f->book.session)), ==, NINE + DAY);
  advance_to (f, NINE + 10 * HOUR);
  g_assert_cmpuint (f->n_checks, ==, 1);
  assert_notified (f, 1, NULL);
}

static void
test_at_start_when_missed (Fixture       *f,
                           gconstpointer  data)
{
  /* Not running at 9:00: the check runs when Rapport starts at 11:00. */
  rapport_clock_set_fixed (f->book.clock, NINE + 2 * HOUR);
  open_session (f);
  g_assert_cmpuint (f->n_checks, ==, 1);
  g_assert_cmpuint (f->became->len, ==, 1);
  assert_notified (f, 1, "Idle Gold Ltd is at risk|no order or interaction for 100 days (Gold: 60)");

  /* Two days later at start, both are at risk but only one is new. */
  test_book_close (&f->book);
  rapport_clock_set_fixed (f->book.clock, NINE + 7 * DAY + HOUR);
  open_session (f);
  g_assert_cmpuint (f->n_checks, ==, 2);
  g_assert_cmpuint (f->became->len, ==, 1);
  g_assert_cmpint (g_array_index (f->became, gint64, 0), ==, f->platinum);
  assert_notified (f, 2, NULL);
}

static void
test_several_in_one_notification (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  /* Five customers go quiet on the same day: one summary names three. */
  rapport_clock_set_fixed (f->book.clock, T0 - 180 * DAY);
  open_session (f);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Quiet %u", i);
      gint64 id = add_customer (f, name, RAPPORT_TIER_GOLD);

      add_interaction (f, id, T0 - 90 * DAY);
    }
  test_book_close (&f->book);

  rapport_clock_set_fixed (f->book.clock, NINE);
  open_session (f);
  g_assert_cmpuint (f->n_checks, ==, 1);
  g_assert_cmpuint (f->became->len, ==, 4);
  assert_notified (f, 1, "4 customers are at risk|Idle Gold Ltd, Quiet 0, Quiet 1 and 1 more");
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  RapportChurnRules rules = { { 30, 120, 90, 180 }, 2.0, NULL };
  g_autoptr (RapportChurnRules) copy = NULL;
  guint n_changed = 0;

  open_session (f);
  g_signal_connect (f->book.session, "churn-rules-changed", G_CALLBACK (count_cb), &n_changed);

  /* Gold allows 120 days now: the customer quiet for 100 is not at risk. */
  rapport_session_set_churn_rules (f->book.session, &rules);
  rapport_session_set_churn_rules (f->book.session, &rules);
  g_assert_cmpuint (n_changed, ==, 1);
  rapport_session_set_default_currency (f->book.session, "USD");
  copy = rapport_session_dup_churn_rules (f->book.session);
  g_assert_cmpuint (copy->threshold_days[RAPPORT_TIER_GOLD], ==, 120);
  g_assert_cmpstr (copy->default_currency, ==, "USD");

  advance_to (f, NINE);
  g_assert_cmpuint (f->n_checks, ==, 1);
  g_assert_cmpuint (f->became->len, ==, 0);
  assert_notified (f, 0, NULL);
}

static void
test_format (void)
{
  g_autoptr (GPtrArray) two = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_at_risk_free);
  const RapportChurnRules rules = { { 30, 60, 90, 180 }, 2.0, (char *) "CNY" };
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  for (guint i = 0; i < 2; i++)
    {
      RapportAtRisk *item = g_new0 (RapportAtRisk, 1);

      item->name = g_strdup (i == 0 ? "Acme Trading" : "Bluebird Foods");
      g_ptr_array_add (two, item);
    }

  title = rapport_churn_check_format_title (two);
  body = rapport_churn_check_format_body (two, &rules, T0);
  g_assert_cmpstr (title, ==, "2 customers are at risk");
  g_assert_cmpstr (body, ==, "Acme Trading and Bluebird Foods");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/churn-check/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("once-a-day", test_once_a_day);
  ADD ("not-again-after-restart", test_not_again_after_restart);
  ADD ("at-start-when-missed", test_at_start_when_missed);
  ADD ("several-in-one-notification", test_several_in_one_notification);
  ADD ("rules", test_rules);
  ADD ("not-for-sample-data", test_not_for_sample_data);
#undef ADD
  g_test_add_func ("/churn-check/format", test_format);

  return g_test_run ();
}
