/* test-churn.c
 *
 * Churn warnings through the store's public API: the at-risk list on real
 * customers, orders and interactions, the daily record, holds and lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-churn.h"
#include "rapport-date.h"
#include "store-test-helpers.h"

#define DAY 86400

static const RapportChurnRules default_rules = {
  .threshold_days = { 30, 60, 90, 180 },
  .gap_multiple = 2.0,
  .default_currency = (char *) "CNY",
};

static gint64
add_tiered (Fixture     *fixture,
            const char  *name,
            RapportTier  tier)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();

  rapport_customer_set_name (customer, name);
  rapport_customer_set_tier (customer, tier);
  rapport_customer_set_stage (customer, RAPPORT_STAGE_ACTIVE);
  g_assert_true (rapport_store_insert_customer (fixture->db, customer, &error));
  g_assert_no_error (error);

  return rapport_customer_get_id (customer);
}

/* An order @days_ago local days before TEST_NOW. */
static void
add_order (Fixture    *fixture,
           gint64      customer_id,
           int         days_ago,
           gint64      amount,
           const char *currency)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportOrder) order = rapport_order_new ();
  g_autofree char *date = rapport_date_from_unix_local (TEST_NOW - (gint64) days_ago * DAY);

  rapport_order_set_customer_id (order, customer_id);
  rapport_order_set_ordered_on (order, date);
  rapport_order_set_amount (order, amount);
  rapport_order_set_currency (order, currency);
  g_assert_true (rapport_store_insert_order (fixture->db, order, &error));
  g_assert_no_error (error);
}

static void
add_interaction (Fixture *fixture,
                 gint64   customer_id,
                 int      days_ago)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();

  rapport_interaction_set_customer_id (interaction, customer_id);
  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_CALL);
  rapport_interaction_set_occurred_at (interaction, TEST_NOW - (gint64) days_ago * DAY);
  rapport_interaction_set_summary (interaction, "Call");
  g_assert_true (rapport_store_insert_interaction (fixture->db, interaction, &error));
  g_assert_no_error (error);
}

static GPtrArray *
compute (Fixture *fixture,
         gint64   now)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *at_risk = rapport_store_compute_at_risk (fixture->db, &default_rules, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (at_risk);
  return at_risk;
}

static RapportAtRisk *
find (GPtrArray *at_risk,
      gint64     customer_id)
{
  for (guint i = 0; i < at_risk->len; i++)
    {
      RapportAtRisk *item = g_ptr_array_index (at_risk, i);

      if (item->customer_id == customer_id)
        return item;
    }
  return NULL;
}

static char *
read_stage_and_reason (Fixture *fixture,
                       gint64   customer_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  char *result;

  stmt = _rapport_database_prepare (fixture->db,
                                    "SELECT stage || ':' || coalesce (lost_reason, '') "
                                    "FROM customer WHERE id = ?1",
                                    &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, customer_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  return result;
}

typedef struct
{
  gint64 rhythm;     /* gold, orders every 3 weeks, quiet for 81 days */
  gint64 recent;     /* platinum, ordered 10 days ago */
  gint64 idle;       /* iron, one call 100 days ago */
  gint64 foreign;    /* gold, idle, bigger orders but in USD */
  gint64 slow;       /* platinum, orders every 60 days, quiet for 100 */
  gint64 few;        /* gold, two orders 70 and 90 days ago */
  gint64 same_day;   /* iron, 4 orders on two days: no rhythm yet */
  gint64 lost;
  gint64 trashed;
  gint64 held;
  gint64 new_lead;   /* added 10 days ago, nothing since */
  gint64 old_lead;   /* added 400 days ago, nothing since */
} Book;

static void
make_book (Fixture *fixture,
           Book    *book)
{
  g_autoptr (GError) error = NULL;

  rapport_clock_set_fixed (fixture->clock, TEST_NOW - 400 * DAY);
  book->rhythm = add_tiered (fixture, "Rhythm Ltd", RAPPORT_TIER_GOLD);
  book->recent = add_tiered (fixture, "Recent Co", RAPPORT_TIER_PLATINUM);
  book->idle = add_tiered (fixture, "Idle Inc", RAPPORT_TIER_IRON);
  book->foreign = add_tiered (fixture, "Foreign GmbH", RAPPORT_TIER_GOLD);
  book->slow = add_tiered (fixture, "Slow & Steady", RAPPORT_TIER_PLATINUM);
  book->few = add_tiered (fixture, "Few Orders", RAPPORT_TIER_GOLD);
  book->same_day = add_tiered (fixture, "Same Day", RAPPORT_TIER_IRON);
  book->lost = add_tiered (fixture, "Gone Already", RAPPORT_TIER_GOLD);
  book->trashed = add_tiered (fixture, "In The Trash", RAPPORT_TIER_GOLD);
  book->held = add_tiered (fixture, "On Hold", RAPPORT_TIER_GOLD);
  book->old_lead = add_tiered (fixture, "Old Lead", RAPPORT_TIER_LEAD);
  rapport_clock_set_fixed (fixture->clock, TEST_NOW - 10 * DAY);
  book->new_lead = add_tiered (fixture, "New Lead", RAPPORT_TIER_LEAD);
  rapport_clock_set_fixed (fixture->clock, TEST_NOW);

  /* Every 21 days, the last 81 days ago; one order older than a year. */
  add_order (fixture, book->rhythm, 81, 10000, "CNY");
  add_order (fixture, book->rhythm, 102, 10000, "CNY");
  add_order (fixture, book->rhythm, 123, 10000, "CNY");
  add_order (fixture, book->rhythm, 144, 10000, "CNY");
  add_order (fixture, book->rhythm, 380, 99999, "CNY");

  add_order (fixture, book->recent, 10, 500000, "CNY");

  add_interaction (fixture, book->idle, 100);

  add_order (fixture, book->foreign, 200, 9000000, "USD");
  add_order (fixture, book->foreign, 150, 100, "CNY");

  add_order (fixture, book->slow, 100, 7000, "CNY");
  add_order (fixture, book->slow, 160, 7000, "CNY");
  add_order (fixture, book->slow, 220, 7000, "CNY");

  add_order (fixture, book->few, 70, 3000, "CNY");
  add_order (fixture, book->few, 90, 3000, "CNY");

  add_order (fixture, book->same_day, 100, 1000, "CNY");
  add_order (fixture, book->same_day, 100, 1000, "CNY");
  add_order (fixture, book->same_day, 95, 1000, "CNY");
  add_order (fixture, book->same_day, 95, 1000, "CNY");

  add_interaction (fixture, book->lost, 200);
  g_assert_true (rapport_store_mark_customer_lost (fixture->db, book->lost, "price", &error));
  g_assert_no_error (error);

  add_interaction (fixture, book->trashed, 200);
  g_assert_true (rapport_store_trash_customer (fixture->db, book->trashed, &error));
  g_assert_no_error (error);

  add_interaction (fixture, book->held, 200);
  g_assert_true (rapport_store_hold_churn_warning (fixture->db, book->held, TEST_NOW + 7 * DAY, &error));
  g_assert_no_error (error);

  fixture_clear_changes (fixture);
}

static void
test_churn_compute (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GPtrArray) at_risk = NULL;
  g_autofree char *reason = NULL;
  Book book;
  RapportAtRisk *rhythm;

  make_book (fixture, &book);
  at_risk = compute (fixture, TEST_NOW);

  {
    /* By value (400.00, 60.00, 40.00 and 1.00 CNY), then the longest silent. */
    const gint64 order[] = { book.rhythm, book.few, book.same_day, book.foreign, book.old_lead, book.idle };

    g_assert_cmpuint (at_risk->len, ==, G_N_ELEMENTS (order));
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      g_assert_cmpint (((RapportAtRisk *) g_ptr_array_index (at_risk, i))->customer_id, ==, order[i]);
  }

  rhythm = find (at_risk, book.rhythm);
  g_assert_cmpstr (rhythm->name, ==, "Rhythm Ltd");
  g_assert_cmpint (rhythm->tier, ==, RAPPORT_TIER_GOLD);
  g_assert_cmpuint (rhythm->typical_gap_days, ==, 21);
  g_assert_cmpint (rhythm->value_12m, ==, 40000);
  g_assert_cmpint (rhythm->at_risk_since, ==, 0);
  g_assert_cmpint (rapport_churn_days_between (rhythm->last_order_at, TEST_NOW), ==, 81);
  g_assert_cmpint (rhythm->last_activity_at, ==, rhythm->last_order_at);

  reason = rapport_churn_describe (rhythm->tier, default_rules.threshold_days[rhythm->tier],
                                   rhythm->last_activity_at, rhythm->last_order_at,
                                   rhythm->typical_gap_days, TEST_NOW);
  g_assert_cmpstr (reason, ==, "orders every 3 weeks; last order 12 weeks ago");

  g_assert_cmpint (find (at_risk, book.foreign)->value_12m, ==, 100);
  g_assert_cmpint (find (at_risk, book.few)->typical_gap_days, ==, 0);
  g_assert_cmpint (find (at_risk, book.same_day)->typical_gap_days, ==, 0);
  g_assert_cmpint (find (at_risk, book.idle)->last_activity_at, ==, TEST_NOW - 100 * DAY);
  g_assert_cmpint (find (at_risk, book.old_lead)->last_activity_at, ==, 0);

  /* Reading writes nothing. */
  g_assert_cmpuint (fixture->changes->len, ==, 0);
}

static void
test_churn_rhythm_and_activity (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after_call = NULL;
  g_autoptr (GPtrArray) after_order = NULL;
  g_autoptr (GPtrArray) later = NULL;
  Book book;

  make_book (fixture, &book);

  /* The slow buyer's own rhythm (every 60 days) keeps it off the list
   * until 120 days have passed, past its tier's 30. */
  before = compute (fixture, TEST_NOW);
  g_assert_null (find (before, book.slow));
  later = compute (fixture, TEST_NOW + 21 * DAY);
  g_assert_nonnull (find (later, book.slow));

  /* An interaction counts as activity. */
  add_interaction (fixture, book.rhythm, 1);
  after_call = compute (fixture, TEST_NOW);
  g_assert_null (find (after_call, book.rhythm));

  /* So does an order. */
  add_order (fixture, book.idle, 0, 100, "CNY");
  after_order = compute (fixture, TEST_NOW);
  g_assert_null (find (after_order, book.idle));
}

static void
test_churn_record (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GPtrArray) third = NULL;
  g_autoptr (GPtrArray) fourth = NULL;
  g_autoptr (GArray) first_new = NULL;
  g_autoptr (GArray) second_new = NULL;
  g_autoptr (GArray) third_new = NULL;
  g_autoptr (GArray) fourth_new = NULL;
  Book book;

  make_book (fixture, &book);

  first = compute (fixture, TEST_NOW);
  g_assert_true (rapport_store_record_at_risk (fixture->db, first, TEST_NOW, &first_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first_new->len, ==, first->len);
  /* In the list's order: most valuable first. */
  g_assert_cmpint (g_array_index (first_new, gint64, 0), ==, book.rhythm);
  g_assert_cmpint (((RapportAtRisk *) g_ptr_array_index (first, 0))->at_risk_since, ==, TEST_NOW);

  /* The next day: the same set, nothing new, and since stays. */
  second = compute (fixture, TEST_NOW + DAY);
  g_assert_cmpint (find (second, book.rhythm)->at_risk_since, ==, TEST_NOW);
  g_assert_true (rapport_store_record_at_risk (fixture->db, second, TEST_NOW + DAY, &second_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second_new->len, ==, 0);

  /* Three weeks on, the recent buyer passes its tier's 30 days, the slow
   * one twice its rhythm, and the hold has ended: those three are new. */
  third = compute (fixture, TEST_NOW + 21 * DAY);
  g_assert_true (rapport_store_record_at_risk (fixture->db, third, TEST_NOW + 21 * DAY, &third_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (third_new->len, ==, 3);
  g_assert_cmpint (g_array_index (third_new, gint64, 0), ==, book.recent);
  g_assert_cmpint (g_array_index (third_new, gint64, 1), ==, book.slow);
  g_assert_cmpint (g_array_index (third_new, gint64, 2), ==, book.held);
  g_assert_cmpint (find (third, book.rhythm)->at_risk_since, ==, TEST_NOW);
  /* The record changes no customer. */
  g_assert_cmpuint (fixture->changes->len, ==, 0);

  /* A customer that recovers and drifts away again is new again. */
  add_interaction (fixture, book.idle, 0);
  fourth = compute (fixture, TEST_NOW + 21 * DAY);
  g_assert_true (rapport_store_record_at_risk (fixture->db, fourth, TEST_NOW + 21 * DAY, &fourth_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fourth_new->len, ==, 0);
  {
    g_autoptr (GPtrArray) fifth = compute (fixture, TEST_NOW + 200 * DAY);
    g_autoptr (GArray) fifth_new = NULL;
    gboolean idle_is_new = FALSE;

    g_assert_true (rapport_store_record_at_risk (fixture->db, fifth, TEST_NOW + 200 * DAY, &fifth_new, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < fifth_new->len; i++)
      idle_is_new |= g_array_index (fifth_new, gint64, i) == book.idle;
    g_assert_true (idle_is_new);
    g_assert_cmpint (find (fifth, book.rhythm)->at_risk_since, ==, TEST_NOW);
  }
}

static void
test_churn_mark_lost (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (RapportCustomer) customer = NULL;
  g_autofree char *stage = NULL;
  Book book;

  make_book (fixture, &book);
  before = compute (fixture, TEST_NOW);
  g_assert_true (rapport_store_record_at_risk (fixture->db, before, TEST_NOW, NULL, &error));
  g_assert_no_error (error);

  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 60);
  g_assert_true (rapport_store_mark_customer_lost (fixture->db, book.rhythm, "  competitor  ", &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, book.rhythm, RAPPORT_CHANGE_UPDATED);

  customer = rapport_store_get_customer (fixture->db, book.rhythm, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_stage (customer), ==, RAPPORT_STAGE_LOST);
  g_assert_cmpint (rapport_customer_get_updated_at (customer), ==, TEST_NOW + 60);
  stage = read_stage_and_reason (fixture, book.rhythm);
  g_assert_cmpstr (stage, ==, "lost:competitor");

  after = compute (fixture, TEST_NOW);
  g_assert_null (find (after, book.rhythm));
  g_assert_cmpuint (after->len, ==, before->len - 1);

  /* No reason is fine. */
  g_assert_true (rapport_store_mark_customer_lost (fixture->db, book.idle, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stage, g_free);
  stage = read_stage_and_reason (fixture, book.idle);
  g_assert_cmpstr (stage, ==, "lost:");

  g_assert_false (rapport_store_mark_customer_lost (fixture->db, 9999, "price", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static void
test_churn_hold (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) held = NULL;
  g_autoptr (GPtrArray) ended = NULL;
  g_autoptr (GPtrArray) cleared = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (RapportCustomer) customer = NULL;
  Book book;

  make_book (fixture, &book);
  before = compute (fixture, TEST_NOW);
  g_assert_nonnull (find (before, book.idle));

  g_assert_true (rapport_store_hold_churn_warning (fixture->db, book.idle, TEST_NOW + 30 * DAY, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, book.idle, RAPPORT_CHANGE_UPDATED);

  /* A hold is not an edit: the customer's updated-at stays. */
  customer = rapport_store_get_customer (fixture->db, book.idle, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_updated_at (customer), ==, TEST_NOW - 400 * DAY);

  held = compute (fixture, TEST_NOW + 29 * DAY);
  g_assert_null (find (held, book.idle));
  ended = compute (fixture, TEST_NOW + 30 * DAY);
  g_assert_nonnull (find (ended, book.idle));

  /* Clearing the hold (undo) brings it back at once. */
  g_assert_true (rapport_store_hold_churn_warning (fixture->db, book.held, 0, &error));
  g_assert_no_error (error);
  cleared = compute (fixture, TEST_NOW);
  g_assert_nonnull (find (cleared, book.held));

  g_assert_false (rapport_store_hold_churn_warning (fixture->db, 9999, TEST_NOW, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static void
test_churn_hold_forgets_record (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) after_hold = NULL;
  g_autoptr (GArray) new_ids = NULL;
  Book book;

  make_book (fixture, &book);
  first = compute (fixture, TEST_NOW);
  g_assert_true (rapport_store_record_at_risk (fixture->db, first, TEST_NOW, NULL, &error));
  g_assert_no_error (error);

  /* Held for 7 days: once the hold ends it is announced again. */
  g_assert_true (rapport_store_hold_churn_warning (fixture->db, book.idle, TEST_NOW + 7 * DAY, &error));
  g_assert_no_error (error);
  after_hold = compute (fixture, TEST_NOW + 8 * DAY);
  g_assert_cmpint (find (after_hold, book.idle)->at_risk_since, ==, 0);
  g_assert_true (rapport_store_record_at_risk (fixture->db, after_hold, TEST_NOW + 8 * DAY, &new_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (new_ids->len, >=, 1);
  g_assert_cmpint (g_array_index (new_ids, gint64, new_ids->len - 1), ==, book.idle);
}

static void
test_churn_worker (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (GPtrArray) on_main = NULL;
  g_autoptr (GPtrArray) on_worker = NULL;
  Book book;

  make_book (fixture, &book);
  worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);

  on_main = compute (fixture, TEST_NOW);
  on_worker = rapport_store_compute_at_risk (worker, &default_rules, TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (on_worker->len, ==, on_main->len);
  for (guint i = 0; i < on_main->len; i++)
    g_assert_cmpint (((RapportAtRisk *) g_ptr_array_index (on_worker, i))->customer_id, ==,
                     ((RapportAtRisk *) g_ptr_array_index (on_main, i))->customer_id);
}

static void
test_churn_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) at_risk = compute (fixture, TEST_NOW);
  g_autoptr (GArray) new_ids = NULL;

  g_assert_cmpuint (at_risk->len, ==, 0);
  g_assert_true (rapport_store_record_at_risk (fixture->db, at_risk, TEST_NOW, &new_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (new_ids->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/churn/compute", Fixture, NULL, fixture_set_up, test_churn_compute, fixture_tear_down);
  g_test_add ("/churn/rhythm-and-activity", Fixture, NULL, fixture_set_up, test_churn_rhythm_and_activity, fixture_tear_down);
  g_test_add ("/churn/record", Fixture, NULL, fixture_set_up, test_churn_record, fixture_tear_down);
  g_test_add ("/churn/mark-lost", Fixture, NULL, fixture_set_up, test_churn_mark_lost, fixture_tear_down);
  g_test_add ("/churn/hold", Fixture, NULL, fixture_set_up, test_churn_hold, fixture_tear_down);
  g_test_add ("/churn/hold-forgets-record", Fixture, NULL, fixture_set_up, test_churn_hold_forgets_record, fixture_tear_down);
  g_test_add ("/churn/worker", Fixture, NULL, fixture_set_up, test_churn_worker, fixture_tear_down);
  g_test_add ("/churn/empty", Fixture, NULL, fixture_set_up, test_churn_empty, fixture_tear_down);

  return g_test_run ();
}
