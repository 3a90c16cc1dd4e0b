/* test-handover.c
 *
 * Handover (交接): preview and run by each rule, what moves and what stays,
 * nothing of the person's left behind, undo exactness, the log, refusals
 * and two handovers of one person at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-test-helpers.h"

enum { ME = 1, WANG = 2, LI = 3, ZHAO = 4, OLD = 5 };

/* Customers, by id: C1 gold Suzhou, C2 iron Shanghai, C3 platinum Suzhou
 * (all Wang's); C4 Li's; C5 Me's (owner NULL); C6 Wang's, in the Trash. */
enum { C1 = 1, C2, C3, C4, C5, C6 };

static void
sql (Fixture    *fixture,
     const char *format,
     ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_true (_rapport_database_exec (fixture->db, text, &error));
  g_assert_no_error (error);
}

static gint64
query_int (RapportDatabase *db,
           const char      *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, text, &error);
  gint64 value = -1;

  g_assert_no_error (error);
  g_assert_true (_rapport_database_step_int64 (db, stmt, "test", &value, &error));
  g_assert_no_error (error);
  return value;
}

static gint64
owner_of (Fixture    *fixture,
          const char *table,
          gint64      id)
{
  const char *column = g_str_equal (table, "customer") || g_str_equal (table, "opportunity") ?
                       "owner_id" : "assignee_id";
  g_autofree char *text = g_strdup_printf ("SELECT coalesce (%s, 0) FROM %s WHERE id = %" G_GINT64_FORMAT,
                                           column, table, id);

  return query_int (fixture->db, text);
}

static void
add_work (Fixture *fixture)
{
  static const struct { const char *name; const char *tier; const char *region; const char *owner; } customers[] = {
    { "Acme", "gold", "Suzhou", "2" },
    { "Bolt", "iron", "Shanghai", "2" },
    { "Crane", "platinum", "Suzhou", "2" },
    { "Delta", "gold", "Suzhou", "3" },
    { "Echo", "iron", NULL, "NULL" },
    { "Fjord", "gold", "Suzhou", "2" },
  };

  sql (fixture,
       "INSERT INTO user (id, uuid, name, left_at, created_at, updated_at) VALUES "
       "(2, 'u2', 'Wang', NULL, 1, 1), (3, 'u3', 'Li', NULL, 1, 1), (4, 'u4', 'Zhao', NULL, 1, 1), "
       "(5, 'u5', 'Old', 100, 1, 1)");

  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    {
      g_autoptr (RapportCustomer) customer = add_customer (fixture->db, customers[i].name, NULL);

      g_assert_cmpint (rapport_customer_get_id (customer), ==, i + 1);
      sql (fixture, "UPDATE customer SET tier = '%s', region = %s%s%s, owner_id = %s WHERE id = %u",
           customers[i].tier,
           customers[i].region != NULL ? "'" : "", customers[i].region != NULL ? customers[i].region : "NULL",
           customers[i].region != NULL ? "'" : "", customers[i].owner, i + 1);
    }
  sql (fixture, "UPDATE customer SET deleted_at = 5 WHERE id = 6");

  /* O1 open on C1; O2 closed on C1; O3 open on Li's C4; O4 Li's own on C2. */
  sql (fixture,
       "INSERT INTO opportunity (id, uuid, customer_id, title, currency, stage_id, owner_id, closed_at, "
       "                         stage_entered_at, last_activity_at, created_at, updated_at) "
       "SELECT column1, column2, column3, 'Deal', 'CNY', (SELECT min (id) FROM stage), column4, column5, 1, 1, 1, 1 "
       "FROM (VALUES (1, 'o1', 1, 2, NULL), (2, 'o2', 1, 2, 50), (3, 'o3', 4, 2, NULL), (4, 'o4', 2, 3, NULL))");

  /* S1 new on C2; S2 resolved on C1; S3 in progress on Me's C5. */
  sql (fixture,
       "INSERT INTO service_request (id, uuid, customer_id, kind, summary, severity, priority, priority_tier, "
       "                             status, assignee_id, due_at, created_at, updated_at) "
       "SELECT column1, column2, column3, 'complaint', 'Broken', 'normal', 2, 'gold', column4, 2, 9, 1, 1 "
       "FROM (VALUES (1, 's1', 2, 'new'), (2, 's2', 1, 'resolved'), (3, 's3', 5, 'in-progress'))");

  /* F1 open on C3; F2 done on C3; F3 in the Trash on C5; F4 open on C5. */
  sql (fixture,
       "INSERT INTO follow_up (id, uuid, customer_id, title, due_local, time_zone, due_at, assignee_id, "
       "                       done_at, deleted_at, created_at, updated_at) "
       "SELECT column1, column2, column3, 'Call', '2026-12-01T09:00', 'UTC', 9, 2, column4, column5, 1, 1 "
       "FROM (VALUES (1, 'f1', 3, NULL, NULL), (2, 'f2', 3, 7, NULL), (3, 'f3', 5, NULL, 8), "
       "             (4, 'f4', 5, NULL, NULL))");

  fixture_clear_changes (fixture);
}

/* Wang's live customers and open work, by the owner convention. */
static gint64
count_left_with (Fixture *fixture,
                 gint64   user_id)
{
  g_autofree char *text = g_strdup_printf (
    "SELECT (SELECT count(*) FROM customer WHERE owner_id = %1$" G_GINT64_FORMAT " AND deleted_at IS NULL)"
    " + (SELECT count(*) FROM opportunity WHERE owner_id = %1$" G_GINT64_FORMAT
    "    AND closed_at IS NULL AND deleted_at IS NULL)"
    " + (SELECT count(*) FROM service_request WHERE assignee_id = %1$" G_GINT64_FORMAT
    "    AND status NOT IN ('resolved', 'closed') AND deleted_at IS NULL)"
    " + (SELECT count(*) FROM follow_up WHERE assignee_id = %1$" G_GINT64_FORMAT
    "    AND done_at IS NULL AND deleted_at IS NULL)",
    user_id);

  return query_int (fixture->db, text);
}

static const RapportHandoverCounts *
target_counts (RapportHandoverPreview *preview,
               gint64                  user_id)
{
  for (guint i = 0; i < preview->targets->len; i++)
    if (g_array_index (preview->targets, RapportHandoverCounts, i).user_id == user_id)
      return &g_array_index (preview->targets, RapportHandoverCounts, i);
  return NULL;
}

static void
assert_counts (const RapportHandoverCounts *counts,
               guint                        customers,
               guint                        opportunities,
               guint                        service_requests,
               guint                        follow_ups)
{
  g_assert_nonnull (counts);
  g_assert_cmpuint (counts->customers, ==, customers);
  g_assert_cmpuint (counts->opportunities, ==, opportunities);
  g_assert_cmpuint (counts->service_requests, ==, service_requests);
  g_assert_cmpuint (counts->follow_ups, ==, follow_ups);
}

static void
test_all (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, LI);
  g_autoptr (RapportHandoverPreview) preview = NULL;
  g_autoptr (GPtrArray) handovers = NULL;
  g_autoptr (GPtrArray) log = NULL;
  RapportHandoverCounts total = { 0 };
  gint64 handover_id = 0;

  add_work (fixture);

  preview = rapport_store_preview_handover (fixture->db, plan, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->targets->len, ==, 1);
  /* C1–C3; O1 and O3 (on Li's own customer); S1 and S3; F1 and F4. */
  assert_counts (target_counts (preview, LI), 3, 2, 2, 2);
  assert_counts (&preview->total, 3, 2, 2, 2);
  g_assert_cmpint (count_left_with (fixture, WANG), ==, 9);

  g_assert_true (rapport_store_run_handover (fixture->db, plan, NULL, NULL, NULL, &handover_id, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (handover_id, >, 0);
  assert_counts (&total, 3, 2, 2, 2);

  /* Nothing of Wang's is left; what was not open or is in the Trash stays. */
  g_assert_cmpint (count_left_with (fixture, WANG), ==, 0);
  g_assert_cmpint (owner_of (fixture, "customer", C1), ==, LI);
  g_assert_cmpint (owner_of (fixture, "customer", C6), ==, WANG);
  g_assert_cmpint (owner_of (fixture, "customer", C4), ==, LI);
  g_assert_cmpint (owner_of (fixture, "opportunity", 1), ==, LI);
  g_assert_cmpint (owner_of (fixture, "opportunity", 2), ==, WANG);
  g_assert_cmpint (owner_of (fixture, "opportunity", 3), ==, LI);
  g_assert_cmpint (owner_of (fixture, "opportunity", 4), ==, LI);
  g_assert_cmpint (owner_of (fixture, "service_request", 1), ==, LI);
  g_assert_cmpint (owner_of (fixture, "service_request", 2), ==, WANG);
  g_assert_cmpint (owner_of (fixture, "service_request", 3), ==, LI);
  g_assert_cmpint (owner_of (fixture, "follow_up", 1), ==, LI);
  g_assert_cmpint (owner_of (fixture, "follow_up", 2), ==, WANG);
  g_assert_cmpint (owner_of (fixture, "follow_up", 3), ==, WANG);
  g_assert_cmpint (owner_of (fixture, "follow_up", 4), ==, LI);

  /* One bulk change; one item per changed row. */
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, 0).change, ==, RAPPORT_CHANGE_RELOADED);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM handover_item"), ==, 9);
  /* The requests' history says who they went to. */
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM service_event WHERE service_request_id = 1 "
                                           "AND kind = 'assigned' AND from_value = '2' AND to_value = '3'"), ==, 1);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM service_event"), ==, 2);

  handovers = rapport_store_list_handovers (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (handovers->len, ==, 1);
  {
    RapportHandoverRecord *record = g_ptr_array_index (handovers, 0);

    g_assert_cmpint (record->id, ==, handover_id);
    g_assert_cmpstr (record->from_name, ==, "Wang");
    g_assert_cmpint (record->rule, ==, RAPPORT_HANDOVER_RULE_ALL);
    assert_counts (&record->counts, 3, 2, 2, 2);
    g_assert_cmpint (record->created_at, ==, TEST_NOW);
    g_assert_cmpint (record->undone_at, ==, 0);
  }

  log = rapport_store_list_customer_handovers (fixture->db, C1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (((RapportHandoverLogEntry *) g_ptr_array_index (log, 0))->from_name, ==, "Wang");
  g_assert_cmpstr (((RapportHandoverLogEntry *) g_ptr_array_index (log, 0))->to_name, ==, "Li");
  g_clear_pointer (&log, g_ptr_array_unref);
  /* C4 only had Wang's opportunity moved: no customer log. */
  log = rapport_store_list_customer_handovers (fixture->db, C4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 0);
}

static void
test_by_tier (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_BY_TIER, LI);
  g_autoptr (RapportHandoverPreview) preview = NULL;
  g_autoptr (GPtrArray) groups = NULL;

  add_work (fixture);

  groups = rapport_store_list_handover_groups (fixture->db, WANG, RAPPORT_HANDOVER_RULE_BY_TIER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 3);
  g_assert_cmpstr (((RapportHandoverGroup *) g_ptr_array_index (groups, 0))->key, ==, "platinum");
  g_assert_cmpstr (((RapportHandoverGroup *) g_ptr_array_index (groups, 1))->key, ==, "gold");
  g_assert_cmpstr (((RapportHandoverGroup *) g_ptr_array_index (groups, 2))->key, ==, "iron");

  rapport_handover_plan_set_target (plan, "gold", ZHAO);
  rapport_handover_plan_set_target (plan, "platinum", ZHAO);

  preview = rapport_store_preview_handover (fixture->db, plan, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->targets->len, ==, 2);
  /* Zhao: C1 (gold) with O1, C3 (platinum) with F1. Li: C2 (iron) with S1,
   * and the work on customers Wang does not own (O3, S3). */
  assert_counts (target_counts (preview, ZHAO), 2, 1, 0, 1);
  assert_counts (target_counts (preview, LI), 1, 1, 2, 1);

  g_assert_true (rapport_store_run_handover (fixture->db, plan, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (owner_of (fixture, "customer", C1), ==, ZHAO);
  g_assert_cmpint (owner_of (fixture, "opportunity", 1), ==, ZHAO);
  g_assert_cmpint (owner_of (fixture, "customer", C3), ==, ZHAO);
  g_assert_cmpint (owner_of (fixture, "follow_up", 1), ==, ZHAO);
  g_assert_cmpint (owner_of (fixture, "customer", C2), ==, LI);
  g_assert_cmpint (owner_of (fixture, "service_request", 1), ==, LI);
  g_assert_cmpint (owner_of (fixture, "opportunity", 3), ==, LI);
  g_assert_cmpint (owner_of (fixture, "service_request", 3), ==, LI);
  g_assert_cmpint (count_left_with (fixture, WANG), ==, 0);
  g_assert_cmpstr (rapport_handover_rule_to_string (RAPPORT_HANDOVER_RULE_BY_TIER), ==, "tier");
}

static void
test_by_region_to_default_user (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_BY_REGION, 0);
  g_autoptr (RapportHandoverPreview) preview = NULL;
  g_autoptr (GPtrArray) groups = NULL;

  add_work (fixture);

  groups = rapport_store_list_handover_groups (fixture->db, WANG, RAPPORT_HANDOVER_RULE_BY_REGION, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpstr (((RapportHandoverGroup *) g_ptr_array_index (groups, 0))->key, ==, "Suzhou");
  g_assert_cmpuint (((RapportHandoverGroup *) g_ptr_array_index (groups, 0))->customers, ==, 2);

  rapport_handover_plan_set_target (plan, "Suzhou", ZHAO);
  preview = rapport_store_preview_handover (fixture->db, plan, NULL, &error);
  g_assert_no_error (error);
  assert_counts (target_counts (preview, ZHAO), 2, 1, 0, 1);
  /* The default user by its real id. */
  assert_counts (target_counts (preview, ME), 1, 1, 2, 1);

  g_assert_true (rapport_store_run_handover (fixture->db, plan, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The default user is NULL as an owner, but named by id as a request's
   * assignee (NULL there is "unassigned"). */
  g_assert_cmpint (query_int (fixture->db, "SELECT owner_id IS NULL FROM customer WHERE id = 2"), ==, 1);
  g_assert_cmpint (query_int (fixture->db, "SELECT owner_id IS NULL FROM opportunity WHERE id = 3"), ==, 1);
  g_assert_cmpint (owner_of (fixture, "service_request", 1), ==, ME);
  g_assert_cmpint (owner_of (fixture, "service_request", 3), ==, ME);
  g_assert_cmpint (owner_of (fixture, "customer", C1), ==, ZHAO);
  g_assert_cmpint (count_left_with (fixture, WANG), ==, 0);
}

static void
test_from_default_user (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (0, RAPPORT_HANDOVER_RULE_ALL, ZHAO);
  g_autoptr (GPtrArray) log = NULL;
  RapportHandoverCounts total = { 0 };

  add_work (fixture);
  sql (fixture, "UPDATE follow_up SET assignee_id = NULL WHERE id = 4");
  sql (fixture, "UPDATE opportunity SET owner_id = 1 WHERE id = 4");

  g_assert_true (rapport_store_run_handover (fixture->db, plan, NULL, NULL, NULL, NULL, &total, &error));
  g_assert_no_error (error);
  /* C5 (owner NULL), O4 (owner 1 by id), F4 (assignee NULL). */
  assert_counts (&total, 1, 1, 0, 1);
  g_assert_cmpint (owner_of (fixture, "customer", C5), ==, ZHAO);
  g_assert_cmpint (owner_of (fixture, "opportunity", 4), ==, ZHAO);
  g_assert_cmpint (owner_of (fixture, "follow_up", 4), ==, ZHAO);

  log = rapport_store_list_customer_handovers (fixture->db, C5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (((RapportHandoverLogEntry *) g_ptr_array_index (log, 0))->from_name, ==, "Me");
  g_assert_cmpstr (((RapportHandoverLogEntry *) g_ptr_array_index (log, 0))->to_name, ==, "Zhao");
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_BY_REGION, 0);
  g_autoptr (GPtrArray) handovers = NULL;
  g_autoptr (GPtrArray) log = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *snapshot =
    "SELECT group_concat (v, ';') FROM ("
    "  SELECT 'c' || id || '=' || coalesce (owner_id, '-') AS v FROM customer"
    "  UNION ALL SELECT 'o' || id || '=' || coalesce (owner_id, '-') FROM opportunity"
    "  UNION ALL SELECT 's' || id || '=' || coalesce (assignee_id, '-') FROM service_request"
    "  UNION ALL SELECT 'f' || id || '=' || coalesce (assignee_id, '-') FROM follow_up)";
  guint restored = 0, kept = 0;
  gint64 handover_id = 0;

  add_work (fixture);
  rapport_handover_plan_set_target (plan, "Suzhou", ZHAO);

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (fixture->db, snapshot, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    before = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }

  g_assert_true (rapport_store_run_handover (fixture->db, plan, NULL, NULL, NULL, &handover_id, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (rapport_store_undo_handover (fixture->db, handover_id, &restored, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restored, ==, 9);
  g_assert_cmpuint (kept, ==, 0);

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (fixture->db, snapshot, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    after = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  /* Exactly as before, NULL owners included; the requests' history says so. */
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM service_event WHERE service_request_id = 1 "
                                           "AND kind = 'assigned' AND from_value = '1' AND to_value = '2'"), ==, 1);

  handovers = rapport_store_list_handovers (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((RapportHandoverRecord *) g_ptr_array_index (handovers, 0))->undone_at, ==, TEST_NOW);
  log = rapport_store_list_customer_handovers (fixture->db, C1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((RapportHandoverLogEntry *) g_ptr_array_index (log, 0))->undone_at, ==, TEST_NOW);

  /* Twice is refused. */
  g_assert_false (rapport_store_undo_handover (fixture->db, handover_id, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_undo_handover (fixture->db, 999, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static void
test_undo_keeps_later_changes (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, LI);
  guint restored = 0, kept = 0;
  gint64 handover_id = 0;

  add_work (fixture);
  g_assert_true (rapport_store_run_handover (fixture->db, plan, NULL, NULL, NULL, &handover_id, NULL, &error));
  g_assert_no_error (error);

  /* Given on to Zhao since: that stays. */
  sql (fixture, "UPDATE customer SET owner_id = 4 WHERE id = 2");
  fixture_clear_changes (fixture);

  g_assert_true (rapport_store_undo_handover (fixture->db, handover_id, &restored, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restored, ==, 8);
  g_assert_cmpuint (kept, ==, 1);
  g_assert_cmpint (owner_of (fixture, "customer", C2), ==, ZHAO);
  g_assert_cmpint (owner_of (fixture, "customer", C1), ==, WANG);
  g_assert_cmpint (owner_of (fixture, "opportunity", 3), ==, WANG);
  g_assert_cmpint (owner_of (fixture, "service_request", 3), ==, WANG);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, 0).change, ==, RAPPORT_CHANGE_RELOADED);
}

static void
assert_refused (Fixture             *fixture,
                RapportHandoverPlan *plan,
                int                  code,
                const char          *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportHandoverPreview) preview = NULL;

  preview = rapport_store_preview_handover (fixture->db, plan, NULL, &error);
  g_assert_null (preview);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, code);
  if (name != NULL)
    g_assert_nonnull (strstr (error->message, name));
  g_clear_error (&error);

  g_assert_false (rapport_store_run_handover (fixture->db, plan, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, code);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM handover"), ==, 0);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  add_work (fixture);

  {
    g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, WANG);
    assert_refused (fixture, plan, RAPPORT_DATABASE_ERROR_INVALID, "Wang");
  }
  {
    g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, OLD);
    assert_refused (fixture, plan, RAPPORT_DATABASE_ERROR_INVALID, "Old");
  }
  {
    /* A left person named for a tier, even with a good fallback. */
    g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_BY_TIER, LI);
    rapport_handover_plan_set_target (plan, "gold", OLD);
    assert_refused (fixture, plan, RAPPORT_DATABASE_ERROR_INVALID, "Old");
  }
  {
    g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (ZHAO, RAPPORT_HANDOVER_RULE_ALL, LI);
    assert_refused (fixture, plan, RAPPORT_DATABASE_ERROR_INVALID, "Zhao");
  }
  {
    g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (99, RAPPORT_HANDOVER_RULE_ALL, LI);
    assert_refused (fixture, plan, RAPPORT_DATABASE_ERROR_NOT_FOUND, NULL);
  }
  {
    g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, 99);
    assert_refused (fixture, plan, RAPPORT_DATABASE_ERROR_NOT_FOUND, NULL);
  }

  /* Nothing moved meanwhile. */
  g_assert_cmpint (count_left_with (fixture, WANG), ==, 9);
}

static void
cancel_at_end_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  if (done == total)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_writes_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, LI);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  add_work (fixture);

  /* Cancelled after every row was written, before the commit. */
  g_assert_false (rapport_store_run_handover (fixture->db, plan, cancellable, cancel_at_end_cb, cancellable,
                                              NULL, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED);
  g_assert_cmpint (count_left_with (fixture, WANG), ==, 9);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM handover"), ==, 0);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM handover_item"), ==, 0);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
}

typedef struct
{
  RapportDatabase *worker;
  GMutex           lock;
  GCond            cond;
  gboolean         writing;
  gboolean         release;
} Concurrent;

/* Holds the first handover's transaction open until told to go on. */
static void
hold_cb (guint    done,
         guint    total,
         gpointer user_data)
{
  Concurrent *concurrent = user_data;

  if (done != total)
    return;

  g_mutex_lock (&concurrent->lock);
  concurrent->writing = TRUE;
  g_cond_broadcast (&concurrent->cond);
  while (!concurrent->release)
    g_cond_wait (&concurrent->cond, &concurrent->lock);
  g_mutex_unlock (&concurrent->lock);
}

static gpointer
first_handover_thread (gpointer data)
{
  Concurrent *concurrent = data;
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, LI);
  g_autoptr (GError) error = NULL;
  gboolean ok;

  ok = rapport_store_run_handover (concurrent->worker, plan, NULL, hold_cb, concurrent, NULL, NULL, &error);
  g_assert_no_error (error);
  return GINT_TO_POINTER (ok);
}

static gpointer
release_thread (gpointer data)
{
  Concurrent *concurrent = data;

  /* Long enough for the second handover to be waiting on the lock. */
  g_usleep (200 * 1000);
  g_mutex_lock (&concurrent->lock);
  concurrent->release = TRUE;
  g_cond_broadcast (&concurrent->cond);
  g_mutex_unlock (&concurrent->lock);
  return NULL;
}

static void
test_concurrent (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (WANG, RAPPORT_HANDOVER_RULE_ALL, ZHAO);
  Concurrent concurrent = { 0 };
  GThread *first, *releaser;

  add_work (fixture);
  concurrent.worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);
  g_mutex_init (&concurrent.lock);
  g_cond_init (&concurrent.cond);

  first = g_thread_new ("first-handover", first_handover_thread, &concurrent);
  g_mutex_lock (&concurrent.lock);
  while (!concurrent.writing)
    g_cond_wait (&concurrent.cond, &concurrent.lock);
  g_mutex_unlock (&concurrent.lock);

  /* The second one waits for the first's transaction, then finds that
   * nothing is left to hand over. */
  releaser = g_thread_new ("release", release_thread, &concurrent);
  g_assert_false (rapport_store_run_handover (fixture->db, plan, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Wang"));

  g_assert_true (GPOINTER_TO_INT (g_thread_join (first)));
  g_thread_join (releaser);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM handover"), ==, 1);
  g_assert_cmpint (owner_of (fixture, "customer", C1), ==, LI);
  g_assert_cmpint (count_left_with (fixture, WANG), ==, 0);

  g_mutex_clear (&concurrent.lock);
  g_cond_clear (&concurrent.cond);
  g_assert_finalize_object (concurrent.worker);
  rapport_change_bus_flush (rapport_database_get_change_bus (fixture->db));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/handover/all", Fixture, NULL, fixture_set_up, test_all, fixture_tear_down);
  g_test_add ("/store/handover/by-tier", Fixture, NULL, fixture_set_up, test_by_tier, fixture_tear_down);
  g_test_add ("/store/handover/by-region-to-default-user", Fixture, NULL, fixture_set_up,
              test_by_region_to_default_user, fixture_tear_down);
  g_test_add ("/store/handover/from-default-user", Fixture, NULL, fixture_set_up, test_from_default_user,
              fixture_tear_down);
  g_test_add ("/store/handover/undo", Fixture, NULL, fixture_set_up, test_undo, fixture_tear_down);
  g_test_add ("/store/handover/undo-keeps-later-changes", Fixture, NULL, fixture_set_up,
              test_undo_keeps_later_changes, fixture_tear_down);
  g_test_add ("/store/handover/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/store/handover/cancel", Fixture, NULL, fixture_set_up, test_cancel_writes_nothing,
              fixture_tear_down);
  g_test_add ("/store/handover/concurrent", Fixture, NULL, fixture_set_up, test_concurrent, fixture_tear_down);

  return g_test_run ();
}
