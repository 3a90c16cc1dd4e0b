/* test-service.c
 *
 * The service desk's store: a request's life (priority from tier and
 * severity, due time from the targets, assignment, transitions, owner
 * confirmation, reply, satisfaction) with its history and refusals, the
 * queues in order, overdue by the clock, averages, the Trash and merging.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-database-private.h"
#include "rapport-import-store.h"
#include "rapport-trash-item.h"
#include "store-test-helpers.h"

#define HOUR G_GINT64_CONSTANT (3600)

/* No staff API here: the row goes in as the staff store would put it. */
static gint64
add_user (Fixture    *fixture,
          const char *name,
          gboolean    left)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  stmt = _rapport_database_prepare (fixture->db,
                                    "INSERT INTO user (uuid, name, left_at, created_at, updated_at)"
                                    " VALUES (?1, ?2, ?3, 0, 0)",
                                    &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (left)
    sqlite3_bind_int64 (stmt, 3, TEST_NOW - 86400);
  else
    sqlite3_bind_null (stmt, 3);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);

  return sqlite3_last_insert_rowid (_rapport_database_get_handle (fixture->db));
}

static RapportCustomer *
add_tiered_customer (Fixture     *fixture,
                     const char  *name,
                     RapportTier  tier,
                     gint64       owner_id)
{
  g_autoptr (GError) error = NULL;
  RapportCustomer *customer = rapport_customer_new ();

  rapport_customer_set_name (customer, name);
  rapport_customer_set_tier (customer, tier);
  rapport_customer_set_owner_id (customer, owner_id);
  g_assert_true (rapport_store_insert_customer (fixture->db, customer, &error));
  g_assert_no_error (error);
  return customer;
}

static RapportServiceRequest *
add_request (Fixture                *fixture,
             gint64                  customer_id,
             RapportServiceKind      kind,
             const char             *summary,
             RapportServiceSeverity  severity)
{
  g_autoptr (GError) error = NULL;
  RapportServiceRequest *request = rapport_service_request_new ();

  rapport_service_request_set_customer_id (request, customer_id);
  rapport_service_request_set_kind (request, kind);
  rapport_service_request_set_summary (request, summary);
  rapport_service_request_set_severity (request, severity);
  g_assert_true (rapport_store_insert_service_request (fixture->db, request, NULL, &error));
  g_assert_no_error (error);
  return request;
}

static RapportServiceRequest *
reload (Fixture *fixture,
        gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportServiceRequest *loaded = rapport_store_get_service_request (fixture->db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  return loaded;
}

static gint64
default_user (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  gint64 id = rapport_store_get_default_user_id (fixture->db, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
assert_invalid (GError     *error,
                const char *message)
{
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

/* The ids of a queue's first page, in order. */
static GArray *
queue_ids (Fixture             *fixture,
           RapportServiceQueue  queue,
           gint64               assignee_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) model = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint count = 0;

  model = rapport_store_list_service_queue (fixture->db, queue, assignee_id, 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RapportServiceRequest) request = g_list_model_get_item (model, i);
      gint64 id = rapport_service_request_get_id (request);

      g_array_append_val (ids, id);
    }

  g_assert_true (rapport_store_count_service_queue (fixture->db, queue, assignee_id, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, ids->len);
  return ids;
}

static void
assert_ids (GArray *ids,
            guint   n,
            ...)
{
  va_list args;

  g_assert_cmpuint (ids->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, va_arg (args, gint64));
  va_end (args);
  g_array_unref (ids);
}

static void
test_insert (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) gold = add_tiered_customer (fixture, "金桥贸易", RAPPORT_TIER_GOLD, 0);
  g_autoptr (RapportServiceRequest) request = rapport_service_request_new ();
  g_autoptr (RapportServiceRequest) stored = NULL;
  g_autoptr (GArray) events = NULL;
  RapportServiceTargets targets;

  /* Gold and high: P2, due after P2's target, which the caller gives. */
  rapport_service_targets_init_default (&targets);
  targets.hours[1] = 10;
  rapport_service_request_set_customer_id (request, rapport_customer_get_id (gold));
  rapport_service_request_set_kind (request, RAPPORT_SERVICE_KIND_COMPLAINT);
  rapport_service_request_set_summary (request, "  Tiles arrived cracked  ");
  rapport_service_request_set_severity (request, RAPPORT_SERVICE_SEVERITY_HIGH);
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_insert_service_request (fixture->db, request, &targets, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_SERVICE_REQUEST, rapport_service_request_get_id (request),
                  RAPPORT_CHANGE_INSERTED);

  stored = reload (fixture, rapport_service_request_get_id (request));
  g_assert_true (g_uuid_string_is_valid (rapport_service_request_get_uuid (stored)));
  g_assert_cmpstr (rapport_service_request_get_summary (stored), ==, "Tiles arrived cracked");
  g_assert_cmpstr (rapport_service_request_get_customer_name (stored), ==, "金桥贸易");
  g_assert_cmpint (rapport_service_request_get_priority (stored), ==, 2);
  g_assert_cmpint (rapport_service_request_get_priority_tier (stored), ==, RAPPORT_TIER_GOLD);
  g_assert_false (rapport_service_request_get_priority_overridden (stored));
  g_assert_cmpint (rapport_service_request_get_status (stored), ==, RAPPORT_SERVICE_STATUS_NEW);
  g_assert_cmpint (rapport_service_request_get_assignee_id (stored), ==, 0);
  g_assert_null (rapport_service_request_get_assignee_name (stored));
  g_assert_cmpint (rapport_service_request_get_created_at (stored), ==, TEST_NOW);
  g_assert_cmpint (rapport_service_request_get_due_at (stored), ==, TEST_NOW + 10 * HOUR);
  g_assert_cmpint (rapport_service_request_get_due_at (request), ==, TEST_NOW + 10 * HOUR);
  g_assert_cmpint (rapport_service_request_get_first_response_at (stored), ==, 0);

  events = rapport_store_list_service_events (fixture->db, rapport_service_request_get_id (request), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (g_array_index (events, RapportServiceEvent, 0).kind, ==, RAPPORT_SERVICE_EVENT_CREATED);
  g_assert_cmpint (g_array_index (events, RapportServiceEvent, 0).at, ==, TEST_NOW);

  /* Overridden: the user's priority stands, with its due time (defaults: P1 4 h). */
  {
    g_autoptr (RapportServiceRequest) urgent = rapport_service_request_new ();

    rapport_service_request_set_customer_id (urgent, rapport_customer_get_id (gold));
    rapport_service_request_set_summary (urgent, "Line down");
    rapport_service_request_set_severity (urgent, RAPPORT_SERVICE_SEVERITY_LOW);
    rapport_service_request_set_priority (urgent, 1);
    rapport_service_request_set_priority_overridden (urgent, TRUE);
    g_assert_true (rapport_store_insert_service_request (fixture->db, urgent, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rapport_service_request_get_priority (urgent), ==, 1);
    g_assert_cmpint (rapport_service_request_get_due_at (urgent), ==, TEST_NOW + 4 * HOUR);
  }

  /* Bad input: an empty summary, a kind out of range, a missing customer. */
  fixture_clear_changes (fixture);
  {
    g_autoptr (RapportServiceRequest) bad = rapport_service_request_new ();

    rapport_service_request_set_customer_id (bad, rapport_customer_get_id (gold));
    rapport_service_request_set_summary (bad, "   ");
    g_assert_false (rapport_store_insert_service_request (fixture->db, bad, NULL, &error));
    assert_invalid (error, "Enter a summary of the request");
    g_clear_error (&error);

    rapport_service_request_set_summary (bad, "Odd");
    rapport_service_request_set_kind (bad, (RapportServiceKind) 17);
    g_assert_false (rapport_store_insert_service_request (fixture->db, bad, NULL, &error));
    assert_invalid (error, "Choose the kind of request");
    g_clear_error (&error);

    rapport_service_request_set_kind (bad, RAPPORT_SERVICE_KIND_OTHER);
    rapport_service_request_set_customer_id (bad, 9999);
    g_assert_false (rapport_store_insert_service_request (fixture->db, bad, NULL, &error));
    g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (rapport_service_request_get_id (bad), ==, 0);
  }
  g_assert_cmpuint (fixture->changes->len, ==, 0);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) platinum = add_tiered_customer (fixture, "Acme", RAPPORT_TIER_PLATINUM, 0);
  g_autoptr (RapportServiceRequest) request = add_request (fixture, rapport_customer_get_id (platinum),
                                                           RAPPORT_SERVICE_KIND_INQUIRY, "Price list",
                                                           RAPPORT_SERVICE_SEVERITY_LOW);
  gint64 id = rapport_service_request_get_id (request);
  g_autoptr (RapportServiceRequest) stored = NULL;
  g_autoptr (GArray) events = NULL;

  g_assert_cmpint (rapport_service_request_get_priority (request), ==, 2);

  /* The severity changes: the priority follows (critical platinum: P1) and
   * so does the due time; each field is logged. */
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + HOUR);
  rapport_service_request_set_severity (request, RAPPORT_SERVICE_SEVERITY_CRITICAL);
  rapport_service_request_set_summary (request, "Price list, urgently");
  g_assert_true (rapport_store_update_service_request (fixture->db, request, NULL, &error));
  g_assert_no_error (error);
  stored = reload (fixture, id);
  g_assert_cmpint (rapport_service_request_get_priority (stored), ==, 1);
  g_assert_cmpint (rapport_service_request_get_due_at (stored), ==, TEST_NOW + 4 * HOUR);
  g_assert_cmpstr (rapport_service_request_get_summary (stored), ==, "Price list, urgently");

  events = rapport_store_list_service_events (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpint (g_array_index (events, RapportServiceEvent, 1).kind, ==, RAPPORT_SERVICE_EVENT_SUMMARY);
  g_assert_cmpstr (g_array_index (events, RapportServiceEvent, 1).from_value, ==, "Price list");
  g_assert_cmpint (g_array_index (events, RapportServiceEvent, 2).kind, ==, RAPPORT_SERVICE_EVENT_SEVERITY);
  g_assert_cmpstr (g_array_index (events, RapportServiceEvent, 2).from_value, ==, "low");
  g_assert_cmpstr (g_array_index (events, RapportServiceEvent, 2).to_value, ==, "critical");
  g_assert_cmpint (g_array_index (events, RapportServiceEvent, 3).kind, ==, RAPPORT_SERVICE_EVENT_PRIORITY);
  g_assert_cmpstr (g_array_index (events, RapportServiceEvent, 3).from_value, ==, "2");
  g_assert_cmpstr (g_array_index (events, RapportServiceEvent, 3).to_value, ==, "1");
  g_assert_cmpint (g_array_index (events, RapportServiceEvent, 3).at, ==, TEST_NOW + HOUR);

  /* An overridden priority is never recomputed. */
  rapport_service_request_set_priority (request, 4);
  rapport_service_request_set_priority_overridden (request, TRUE);
  g_assert_true (rapport_store_update_service_request (fixture->db, request, NULL, &error));
  rapport_service_request_set_severity (request, RAPPORT_SERVICE_SEVERITY_HIGH);
  g_assert_true (rapport_store_update_service_request (fixture->db, request, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = reload (fixture, id);
  g_assert_cmpint (rapport_service_request_get_priority (stored), ==, 4);
  g_assert_true (rapport_service_request_get_priority_overridden (stored));
  g_assert_cmpint (rapport_service_request_get_due_at (stored), ==, TEST_NOW + 72 * HOUR);

  /* Nothing changed: nothing logged, nothing announced. */
  g_clear_pointer (&events, g_array_unref);
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_update_service_request (fixture->db, request, NULL, &error));
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  events = rapport_store_list_service_events (fixture->db, id, &error);
  g_assert_cmpuint (events->len, ==, 6);

  rapport_service_request_set_summary (request, "");
  g_assert_false (rapport_store_update_service_request (fixture->db, request, NULL, &error));
  assert_invalid (error, "Enter a summary of the request");
}

/* A complaint from new to closed, with every refusal on the way. */
static void
test_life (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 wang = add_user (fixture, "王芳", FALSE);
  gint64 zhao = add_user (fixture, "赵强", FALSE);
  gint64 gone = add_user (fixture, "刘洋", TRUE);
  g_autoptr (RapportCustomer) customer = add_tiered_customer (fixture, "Acme", RAPPORT_TIER_IRON, wang);
  g_autoptr (RapportServiceRequest) request = add_request (fixture, rapport_customer_get_id (customer),
                                                           RAPPORT_SERVICE_KIND_COMPLAINT, "Late delivery",
                                                           RAPPORT_SERVICE_SEVERITY_NORMAL);
  gint64 id = rapport_service_request_get_id (request);
  g_autoptr (RapportServiceRequest) stored = NULL;
  g_autoptr (GArray) events = NULL;

  /* Not before it is assigned; never skipping a step. */
  g_assert_false (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_ASSIGNED,
                                                            NULL, &error));
  assert_invalid (error, "Assign the request to someone first");
  g_clear_error (&error);
  g_assert_false (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_CLOSED,
                                                            NULL, &error));
  assert_invalid (error, "A request cannot go from New to Closed");
  g_clear_error (&error);

  /* Someone who left is refused. */
  g_assert_false (rapport_store_assign_service_request (fixture->db, id, gone, &error));
  assert_invalid (error, "刘洋 has left and cannot be given new work");
  g_clear_error (&error);
  g_assert_false (rapport_store_assign_service_request (fixture->db, id, 4242, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Assigned: new → assigned, the first response. */
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + HOUR);
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_assign_service_request (fixture->db, id, zhao, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_SERVICE_REQUEST, id, RAPPORT_CHANGE_UPDATED);
  stored = reload (fixture, id);
  g_assert_cmpint (rapport_service_request_get_status (stored), ==, RAPPORT_SERVICE_STATUS_ASSIGNED);
  g_assert_cmpint (rapport_service_request_get_assignee_id (stored), ==, zhao);
  g_assert_cmpstr (rapport_service_request_get_assignee_name (stored), ==, "赵强");
  g_assert_cmpint (rapport_service_request_get_first_response_at (stored), ==, TEST_NOW + HOUR);
  g_assert_cmpint (rapport_service_request_get_customer_owner_id (stored), ==, wang);

  g_assert_true (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_IN_PROGRESS,
                                                           "Called the driver", &error));
  g_assert_no_error (error);

  /* The resolution: a reply before the owner confirms is refused; so is a
   * confirmation by anyone else, the assignee and the default user included. */
  g_assert_false (rapport_store_confirm_service_resolution (fixture->db, id, wang, &error));
  assert_invalid (error, "Write the resolution before it is confirmed");
  g_clear_error (&error);
  g_assert_true (rapport_store_set_service_resolution (fixture->db, id, "Refund the freight", &error));
  g_assert_no_error (error);
  g_assert_false (rapport_store_mark_service_request_replied (fixture->db, id, RAPPORT_SERVICE_REPLY_CHANNEL_MAIL,
                                                              &error));
  assert_invalid (error, "The customer’s owner must confirm the resolution of a complaint before the reply");
  g_clear_error (&error);
  g_assert_false (rapport_store_confirm_service_resolution (fixture->db, id, zhao, &error));
  assert_invalid (error, "Only the customer’s owner can confirm the resolution");
  g_clear_error (&error);
  g_assert_false (rapport_store_confirm_service_resolution (fixture->db, id, 0, &error));
  assert_invalid (error, "Only the customer’s owner can confirm the resolution");
  g_clear_error (&error);

  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 2 * HOUR);
  g_assert_true (rapport_store_confirm_service_resolution (fixture->db, id, wang, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = reload (fixture, id);
  g_assert_cmpint (rapport_service_request_get_confirmed_by (stored), ==, wang);
  g_assert_cmpint (rapport_service_request_get_confirmed_at (stored), ==, TEST_NOW + 2 * HOUR);
  g_assert_false (rapport_service_request_needs_confirmation (stored));

  /* A changed resolution needs confirming again. */
  g_assert_true (rapport_store_set_service_resolution (fixture->db, id, "Refund freight and 5 %", &error));
  g_clear_object (&stored);
  stored = reload (fixture, id);
  g_assert_cmpint (rapport_service_request_get_confirmed_at (stored), ==, 0);
  g_assert_true (rapport_service_request_needs_confirmation (stored));
  g_assert_false (rapport_store_mark_service_request_replied (fixture->db, id, RAPPORT_SERVICE_REPLY_CHANNEL_SMS,
                                                              &error));
  g_clear_error (&error);
  g_assert_true (rapport_store_confirm_service_resolution (fixture->db, id, wang, &error));
  g_assert_true (rapport_store_mark_service_request_replied (fixture->db, id, RAPPORT_SERVICE_REPLY_CHANNEL_SMS,
                                                             &error));
  g_assert_no_error (error);

  /* Satisfaction only once resolved, and only 1–5. */
  g_assert_false (rapport_store_set_service_satisfaction (fixture->db, id, 4, NULL, &error));
  assert_invalid (error, "Satisfaction can be recorded once the request is resolved");
  g_clear_error (&error);

  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 3 * HOUR);
  g_assert_true (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_RESOLVED,
                                                           NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_store_set_service_satisfaction (fixture->db, id, 0, NULL, &error));
  assert_invalid (error, "Satisfaction is rated from 1 to 5");
  g_clear_error (&error);
  g_assert_false (rapport_store_set_service_satisfaction (fixture->db, id, 6, NULL, &error));
  assert_invalid (error, "Satisfaction is rated from 1 to 5");
  g_clear_error (&error);
  g_assert_true (rapport_store_set_service_satisfaction (fixture->db, id, 4, " Quick ", &error));
  g_assert_no_error (error);

  /* Reopened and resolved again, then closed. */
  g_assert_true (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_IN_PROGRESS,
                                                           "Still cracked", &error));
  g_clear_object (&stored);
  stored = reload (fixture, id);
  g_assert_cmpint (rapport_service_request_get_resolved_at (stored), ==, 0);
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 4 * HOUR);
  g_assert_true (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_RESOLVED,
                                                           NULL, &error));
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 5 * HOUR);
  g_assert_true (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_CLOSED,
                                                           NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_IN_PROGRESS,
                                                            NULL, &error));
  assert_invalid (error, "A request cannot go from Closed to In Progress");
  g_clear_error (&error);

  g_clear_object (&stored);
  stored = reload (fixture, id);
  g_assert_cmpint (rapport_service_request_get_status (stored), ==, RAPPORT_SERVICE_STATUS_CLOSED);
  g_assert_cmpint (rapport_service_request_get_first_response_at (stored), ==, TEST_NOW + HOUR);
  g_assert_cmpint (rapport_service_request_get_resolved_at (stored), ==, TEST_NOW + 4 * HOUR);
  g_assert_cmpint (rapport_service_request_get_closed_at (stored), ==, TEST_NOW + 5 * HOUR);
  g_assert_cmpint (rapport_service_request_get_replied_at (stored), ==, TEST_NOW + 2 * HOUR);
  g_assert_cmpint (rapport_service_request_get_reply_channel (stored), ==, RAPPORT_SERVICE_REPLY_CHANNEL_SMS);
  g_assert_cmpint (rapport_service_request_get_satisfaction (stored), ==, 4);
  g_assert_cmpstr (rapport_service_request_get_satisfaction_comment (stored), ==, "Quick");
  g_assert_false (rapport_service_request_is_open (stored));

  /* The whole history, in order, with who confirmed. */
  events = rapport_store_list_service_events (fixture->db, id, &error);
  g_assert_no_error (error);
  {
    const RapportServiceEventKind expected[] = {
      RAPPORT_SERVICE_EVENT_CREATED, RAPPORT_SERVICE_EVENT_ASSIGNED, RAPPORT_SERVICE_EVENT_STATUS,
      RAPPORT_SERVICE_EVENT_STATUS, RAPPORT_SERVICE_EVENT_RESOLUTION, RAPPORT_SERVICE_EVENT_CONFIRMED,
      RAPPORT_SERVICE_EVENT_RESOLUTION, RAPPORT_SERVICE_EVENT_CONFIRMED, RAPPORT_SERVICE_EVENT_CONFIRMED,
      RAPPORT_SERVICE_EVENT_REPLIED, RAPPORT_SERVICE_EVENT_STATUS, RAPPORT_SERVICE_EVENT_SATISFACTION,
      RAPPORT_SERVICE_EVENT_STATUS, RAPPORT_SERVICE_EVENT_STATUS, RAPPORT_SERVICE_EVENT_STATUS,
    };

    g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpint (g_array_index (events, RapportServiceEvent, i).kind, ==, expected[i]);
  }
  {
    g_autofree char *zhao_text = g_strdup_printf ("%" G_GINT64_FORMAT, zhao);

    g_assert_null (g_array_index (events, RapportServiceEvent, 1).from_value);
    g_assert_cmpstr (g_array_index (events, RapportServiceEvent, 1).to_value, ==, zhao_text);
  }
  g_assert_cmpstr (g_array_index (events, RapportServiceEvent, 3).note, ==, "Called the driver");
  g_assert_cmpstr (g_array_index (events, RapportServiceEvent, 3).to_value, ==, "in-progress");
  g_assert_cmpint (g_array_index (events, RapportServiceEvent, 5).user_id, ==, wang);
  g_assert_null (g_array_index (events, RapportServiceEvent, 7).to_value);
  g_assert_cmpstr (g_array_index (events, RapportServiceEvent, 9).to_value, ==, "sms");
  g_assert_cmpstr (g_array_index (events, RapportServiceEvent, 11).note, ==, "Quick");
}

/* The default user owns a customer without an owner, and confirms as 0 or
 * by his row id; other kinds than complaints need no confirmation. */
static void
test_default_owner (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_tiered_customer (fixture, "Acme", RAPPORT_TIER_LEAD, 0);
  g_autoptr (RapportServiceRequest) complaint = add_request (fixture, rapport_customer_get_id (customer),
                                                             RAPPORT_SERVICE_KIND_COMPLAINT, "Rude driver",
                                                             RAPPORT_SERVICE_SEVERITY_LOW);
  g_autoptr (RapportServiceRequest) inquiry = add_request (fixture, rapport_customer_get_id (customer),
                                                           RAPPORT_SERVICE_KIND_INQUIRY, "Opening hours",
                                                           RAPPORT_SERVICE_SEVERITY_LOW);
  g_autoptr (RapportServiceRequest) stored = NULL;
  gint64 other = add_user (fixture, "赵强", FALSE);

  g_assert_true (rapport_store_mark_service_request_replied (fixture->db, rapport_service_request_get_id (inquiry),
                                                             RAPPORT_SERVICE_REPLY_CHANNEL_PHONE, &error));
  g_assert_no_error (error);
  /* A reply is the first response too. */
  stored = reload (fixture, rapport_service_request_get_id (inquiry));
  g_assert_cmpint (rapport_service_request_get_first_response_at (stored), ==, TEST_NOW);

  g_assert_true (rapport_store_set_service_resolution (fixture->db, rapport_service_request_get_id (complaint),
                                                       "Apologise", &error));
  g_assert_false (rapport_store_confirm_service_resolution (fixture->db, rapport_service_request_get_id (complaint),
                                                            other, &error));
  assert_invalid (error, "Only the customer’s owner can confirm the resolution");
  g_clear_error (&error);
  g_assert_true (rapport_store_confirm_service_resolution (fixture->db, rapport_service_request_get_id (complaint),
                                                           default_user (fixture), &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = reload (fixture, rapport_service_request_get_id (complaint));
  g_assert_cmpint (rapport_service_request_get_confirmed_by (stored), ==, 0);
  g_assert_cmpint (rapport_service_request_get_confirmed_at (stored), ==, TEST_NOW);
  g_assert_true (rapport_store_mark_service_request_replied (fixture->db, rapport_service_request_get_id (complaint),
                                                             RAPPORT_SERVICE_REPLY_CHANNEL_MAIL, &error));
  g_assert_no_error (error);
}

/* Unassigning an assigned request puts it back as new. */
static void
test_unassign (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_tiered_customer (fixture, "Acme", RAPPORT_TIER_LEAD, 0);
  g_autoptr (RapportServiceRequest) request = add_request (fixture, rapport_customer_get_id (customer),
                                                           RAPPORT_SERVICE_KIND_OTHER, "Catalogue",
                                                           RAPPORT_SERVICE_SEVERITY_LOW);
  gint64 id = rapport_service_request_get_id (request);
  g_autoptr (RapportServiceRequest) stored = NULL;

  g_assert_true (rapport_store_assign_service_request (fixture->db, id, default_user (fixture), &error));
  g_assert_true (rapport_store_assign_service_request (fixture->db, id, 0, &error));
  g_assert_no_error (error);
  stored = reload (fixture, id);
  g_assert_cmpint (rapport_service_request_get_status (stored), ==, RAPPORT_SERVICE_STATUS_NEW);
  g_assert_cmpint (rapport_service_request_get_assignee_id (stored), ==, 0);
}

static void
test_queues (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 me = default_user (fixture);
  gint64 zhao = add_user (fixture, "赵强", FALSE);
  g_autoptr (RapportCustomer) platinum = add_tiered_customer (fixture, "Platinum", RAPPORT_TIER_PLATINUM, 0);
  g_autoptr (RapportCustomer) iron = add_tiered_customer (fixture, "Iron", RAPPORT_TIER_IRON, 0);
  g_autoptr (RapportServiceRequest) iron_normal = NULL;
  g_autoptr (RapportServiceRequest) platinum_normal = NULL;
  g_autoptr (RapportServiceRequest) iron_high = NULL;
  g_autoptr (RapportServiceRequest) platinum_low = NULL;
  g_autoptr (RapportServiceRequest) closed = NULL;
  g_autoptr (RapportServiceRequest) closed_later = NULL;
  gint64 a, b, c, d, e, f;

  /* Created an hour apart, so due times differ within a priority. */
  iron_normal = add_request (fixture, rapport_customer_get_id (iron), RAPPORT_SERVICE_KIND_COMPLAINT, "I-N",
                             RAPPORT_SERVICE_SEVERITY_NORMAL);                      /* P3, due +24 h */
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + HOUR);
  platinum_normal = add_request (fixture, rapport_customer_get_id (platinum), RAPPORT_SERVICE_KIND_COMPLAINT, "P-N",
                                 RAPPORT_SERVICE_SEVERITY_NORMAL);                  /* P2, due +1+8 h */
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 2 * HOUR);
  iron_high = add_request (fixture, rapport_customer_get_id (iron), RAPPORT_SERVICE_KIND_INQUIRY, "I-H",
                           RAPPORT_SERVICE_SEVERITY_HIGH);                          /* P2, due +2+8 h */
  platinum_low = add_request (fixture, rapport_customer_get_id (platinum), RAPPORT_SERVICE_KIND_SUGGESTION, "P-L",
                              RAPPORT_SERVICE_SEVERITY_LOW);                        /* P2, due +2+8 h */
  closed = add_request (fixture, rapport_customer_get_id (iron), RAPPORT_SERVICE_KIND_OTHER, "done",
                        RAPPORT_SERVICE_SEVERITY_CRITICAL);
  closed_later = add_request (fixture, rapport_customer_get_id (iron), RAPPORT_SERVICE_KIND_OTHER, "done later",
                              RAPPORT_SERVICE_SEVERITY_CRITICAL);
  a = rapport_service_request_get_id (iron_normal);
  b = rapport_service_request_get_id (platinum_normal);
  c = rapport_service_request_get_id (iron_high);
  d = rapport_service_request_get_id (platinum_low);
  e = rapport_service_request_get_id (closed);
  f = rapport_service_request_get_id (closed_later);

  /* The platinum customer's normal complaint outranks the iron customer's. */
  g_assert_cmpint (rapport_service_request_get_priority (platinum_normal), <,
                   rapport_service_request_get_priority (iron_normal));

  g_assert_true (rapport_store_assign_service_request (fixture->db, c, me, &error));
  g_assert_true (rapport_store_assign_service_request (fixture->db, a, me, &error));
  g_assert_true (rapport_store_assign_service_request (fixture->db, d, zhao, &error));
  for (gint64 id = e; id <= f; id++)
    {
      g_assert_true (rapport_store_assign_service_request (fixture->db, id, zhao, &error));
      g_assert_true (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_IN_PROGRESS,
                                                               NULL, &error));
      g_assert_true (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_RESOLVED,
                                                               NULL, &error));
      rapport_clock_set_fixed (fixture->clock, TEST_NOW + 2 * HOUR + (id - e + 1) * 60);
      g_assert_true (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_CLOSED,
                                                               NULL, &error));
    }
  g_assert_no_error (error);

  /* Open: by priority, then due (then id). */
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_OPEN, RAPPORT_SERVICE_ANY_ASSIGNEE), 4, b, c, d, a);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_OPEN, zhao), 1, d);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_OPEN, 0), 1, b);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_CLOSED, zhao), 2, f, e);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_CLOSED, 0), 0);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_MINE, 0), 2, c, a);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_MINE, me), 2, c, a);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_UNASSIGNED, RAPPORT_SERVICE_ANY_ASSIGNEE), 1, b);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_CLOSED, RAPPORT_SERVICE_ANY_ASSIGNEE), 2, f, e);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_OVERDUE, RAPPORT_SERVICE_ANY_ASSIGNEE), 0);

  /* Overdue by the clock: at +9 h 30 the platinum complaint (due +9 h) is
   * late; at +11 h the P2s due at +10 h too; never the closed ones. */
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 9 * HOUR + 1800);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_OVERDUE, RAPPORT_SERVICE_ANY_ASSIGNEE), 1, b);
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 11 * HOUR);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_OVERDUE, RAPPORT_SERVICE_ANY_ASSIGNEE), 3, b, c, d);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_OVERDUE, me), 1, c);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_OVERDUE, 0), 1, b);
  {
    g_autoptr (RapportServiceRequest) late = reload (fixture, c);

    g_assert_true (rapport_service_request_is_overdue (late, TEST_NOW + 11 * HOUR));
    g_assert_false (rapport_service_request_is_overdue (late, TEST_NOW));
  }

  /* Paged. */
  {
    g_autoptr (GListModel) page = rapport_store_list_service_queue (fixture->db, RAPPORT_SERVICE_QUEUE_OPEN,
                                                                    RAPPORT_SERVICE_ANY_ASSIGNEE, 1, 2, &error);
    g_autoptr (RapportServiceRequest) first = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (page), ==, 2);
    first = g_list_model_get_item (page, 0);
    g_assert_cmpint (rapport_service_request_get_id (first), ==, c);
  }

  /* The customer's: open ones by priority, then the closed, latest first. */
  {
    g_autoptr (GListModel) list = rapport_store_list_customer_service_requests (fixture->db,
                                                                                rapport_customer_get_id (iron),
                                                                                &error);
    const gint64 expected[] = { c, a, f, e };

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr (RapportServiceRequest) request = g_list_model_get_item (list, i);
        g_assert_cmpint (rapport_service_request_get_id (request), ==, expected[i]);
      }
  }

  /* A trashed one leaves every queue. */
  g_assert_true (rapport_store_trash_service_request (fixture->db, b, &error));
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_UNASSIGNED, RAPPORT_SERVICE_ANY_ASSIGNEE), 0);
  assert_ids (queue_ids (fixture, RAPPORT_SERVICE_QUEUE_OVERDUE, RAPPORT_SERVICE_ANY_ASSIGNEE), 2, c, d);
}

static void
test_averages (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 me = default_user (fixture);
  gint64 zhao = add_user (fixture, "赵强", FALSE);
  g_autoptr (RapportCustomer) customer = add_tiered_customer (fixture, "Acme", RAPPORT_TIER_GOLD, 0);
  const struct { RapportServiceKind kind; gint64 assignee; gint rating; } rated[] = {
    { RAPPORT_SERVICE_KIND_COMPLAINT, 0, 2 },
    { RAPPORT_SERVICE_KIND_COMPLAINT, 0, 3 },
    { RAPPORT_SERVICE_KIND_INQUIRY, 0, 5 },
    { RAPPORT_SERVICE_KIND_INQUIRY, 1, 4 },
  };
  g_autoptr (GArray) by_kind = NULL;
  g_autoptr (GArray) by_assignee = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rated); i++)
    {
      g_autoptr (RapportServiceRequest) request = add_request (fixture, rapport_customer_get_id (customer),
                                                               rated[i].kind, "Rated", RAPPORT_SERVICE_SEVERITY_LOW);
      gint64 id = rapport_service_request_get_id (request);

      g_assert_true (rapport_store_assign_service_request (fixture->db, id, rated[i].assignee ? zhao : me, &error));
      g_assert_true (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_IN_PROGRESS,
                                                               NULL, &error));
      g_assert_true (rapport_store_set_service_request_status (fixture->db, id, RAPPORT_SERVICE_STATUS_RESOLVED,
                                                               NULL, &error));
      if (rated[i].kind == RAPPORT_SERVICE_KIND_COMPLAINT)
        {
          g_assert_true (rapport_store_set_service_resolution (fixture->db, id, "Sorted", &error));
          g_assert_true (rapport_store_confirm_service_resolution (fixture->db, id, 0, &error));
        }
      g_assert_true (rapport_store_set_service_satisfaction (fixture->db, id, rated[i].rating, NULL, &error));
      g_assert_no_error (error);
    }
  /* Unrated ones do not count. */
  g_object_unref (add_request (fixture, rapport_customer_get_id (customer), RAPPORT_SERVICE_KIND_SUGGESTION, "x",
                               RAPPORT_SERVICE_SEVERITY_LOW));

  by_kind = rapport_store_get_service_satisfaction_by_kind (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_kind->len, ==, 2);
  g_assert_cmpint (g_array_index (by_kind, RapportServiceSatisfaction, 0).kind, ==, RAPPORT_SERVICE_KIND_INQUIRY);
  g_assert_cmpuint (g_array_index (by_kind, RapportServiceSatisfaction, 0).count, ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (by_kind, RapportServiceSatisfaction, 0).average, 4.5, 1e-9);
  g_assert_cmpint (g_array_index (by_kind, RapportServiceSatisfaction, 1).kind, ==, RAPPORT_SERVICE_KIND_COMPLAINT);
  g_assert_cmpfloat_with_epsilon (g_array_index (by_kind, RapportServiceSatisfaction, 1).average, 2.5, 1e-9);

  by_assignee = rapport_store_get_service_satisfaction_by_assignee (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_assignee->len, ==, 2);
  g_assert_cmpint (g_array_index (by_assignee, RapportServiceSatisfaction, 0).assignee_id, ==, me);
  g_assert_cmpuint (g_array_index (by_assignee, RapportServiceSatisfaction, 0).count, ==, 3);
  g_assert_cmpfloat_with_epsilon (g_array_index (by_assignee, RapportServiceSatisfaction, 0).average, 10.0 / 3,
                                  1e-9);
  g_assert_cmpint (g_array_index (by_assignee, RapportServiceSatisfaction, 1).assignee_id, ==, zhao);
  g_assert_cmpfloat_with_epsilon (g_array_index (by_assignee, RapportServiceSatisfaction, 1).average, 4.0, 1e-9);
}

/* Counts and averages are kept between reads, and follow every write: this
 * connection's and another's. */
static void
test_counts_follow_writes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_tiered_customer (fixture, "Acme", RAPPORT_TIER_GOLD, 0);
  g_autoptr (RapportServiceRequest) first = add_request (fixture, rapport_customer_get_id (customer),
                                                         RAPPORT_SERVICE_KIND_INQUIRY, "One",
                                                         RAPPORT_SERVICE_SEVERITY_LOW);
  g_autoptr (RapportDatabase) other = NULL;
  g_autoptr (GArray) averages = NULL;
  guint count = 0;

  g_assert_true (rapport_store_count_service_queue (fixture->db, RAPPORT_SERVICE_QUEUE_UNASSIGNED,
                                                    RAPPORT_SERVICE_ANY_ASSIGNEE, &count, &error));
  g_assert_cmpuint (count, ==, 1);
  averages = rapport_store_get_service_satisfaction_by_kind (fixture->db, &error);
  g_assert_cmpuint (averages->len, ==, 0);
  g_clear_pointer (&averages, g_array_unref);

  g_object_unref (add_request (fixture, rapport_customer_get_id (customer), RAPPORT_SERVICE_KIND_INQUIRY, "Two",
                               RAPPORT_SERVICE_SEVERITY_LOW));
  g_assert_true (rapport_store_count_service_queue (fixture->db, RAPPORT_SERVICE_QUEUE_UNASSIGNED,
                                                    RAPPORT_SERVICE_ANY_ASSIGNEE, &count, &error));
  g_assert_cmpuint (count, ==, 2);

  /* Another connection to the same file closes and rates the first. */
  other = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (other, fixture->clock);
  g_assert_true (rapport_store_assign_service_request (other, rapport_service_request_get_id (first),
                                                       default_user (fixture), &error));
  g_assert_true (rapport_store_set_service_request_status (other, rapport_service_request_get_id (first),
                                                           RAPPORT_SERVICE_STATUS_IN_PROGRESS, NULL, &error));
  g_assert_true (rapport_store_set_service_request_status (other, rapport_service_request_get_id (first),
                                                           RAPPORT_SERVICE_STATUS_RESOLVED, NULL, &error));
  g_assert_true (rapport_store_set_service_satisfaction (other, rapport_service_request_get_id (first), 5, NULL,
                                                         &error));
  g_assert_no_error (error);

  g_assert_true (rapport_store_count_service_queue (fixture->db, RAPPORT_SERVICE_QUEUE_UNASSIGNED,
                                                    RAPPORT_SERVICE_ANY_ASSIGNEE, &count, &error));
  g_assert_cmpuint (count, ==, 1);
  averages = rapport_store_get_service_satisfaction_by_kind (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (averages->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (averages, RapportServiceSatisfaction, 0).average, 5.0, 1e-9);
}

static gboolean
trash_lists (Fixture *fixture,
             gint64   id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) trash = rapport_store_list_trash (fixture->db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (trash); i++)
    {
      g_autoptr (RapportTrashItem) item = g_list_model_get_item (trash, i);

      if (rapport_trash_item_get_kind (item) == RAPPORT_ENTITY_KIND_SERVICE_REQUEST &&
          rapport_trash_item_get_id (item) == id)
        {
          g_assert_cmpstr (rapport_trash_item_get_title (item), ==, "Broken hinge");
          g_assert_cmpstr (rapport_trash_item_get_subtitle (item), ==, "Acme");
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_trash (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_tiered_customer (fixture, "Acme", RAPPORT_TIER_GOLD, 0);
  g_autoptr (RapportServiceRequest) request = add_request (fixture, rapport_customer_get_id (customer),
                                                           RAPPORT_SERVICE_KIND_AFTER_SALES, "Broken hinge",
                                                           RAPPORT_SERVICE_SEVERITY_NORMAL);
  gint64 id = rapport_service_request_get_id (request);
  g_autoptr (GListModel) list = NULL;

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_trash_service_request (fixture->db, id, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_SERVICE_REQUEST, id, RAPPORT_CHANGE_TRASHED);
  g_assert_false (rapport_store_trash_is_empty (fixture->db));
  g_assert_true (trash_lists (fixture, id));
  list = rapport_store_list_customer_service_requests (fixture->db, rapport_customer_get_id (customer), &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);

  g_assert_true (rapport_store_restore_trash_item (fixture->db, RAPPORT_ENTITY_KIND_SERVICE_REQUEST, id, &error));
  g_assert_no_error (error);
  g_assert_false (trash_lists (fixture, id));
  list = rapport_store_list_customer_service_requests (fixture->db, rapport_customer_get_id (customer), &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  {
    g_autoptr (GArray) events = rapport_store_list_service_events (fixture->db, id, &error);

    g_assert_cmpuint (events->len, ==, 3);
    g_assert_cmpint (g_array_index (events, RapportServiceEvent, 1).kind, ==, RAPPORT_SERVICE_EVENT_TRASHED);
    g_assert_cmpint (g_array_index (events, RapportServiceEvent, 2).kind, ==, RAPPORT_SERVICE_EVENT_RESTORED);
  }

  /* Emptied: gone for good, with its history. */
  g_assert_true (rapport_store_trash_service_request (fixture->db, id, &error));
  g_assert_true (rapport_store_empty_trash (fixture->db, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (rapport_store_get_service_request (fixture->db, id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_assert_true (rapport_store_trash_is_empty (fixture->db));
}

/* Merging duplicates moves the others' requests to the survivor, and
 * undoing the merge moves them back. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) survivor = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportCustomer) other = add_customer (fixture->db, "Acme Trading Co.", NULL);
  gint64 other_id = rapport_customer_get_id (other);
  g_autoptr (RapportServiceRequest) request = add_request (fixture, other_id, RAPPORT_SERVICE_KIND_INQUIRY,
                                                           "Samples", RAPPORT_SERVICE_SEVERITY_NORMAL);
  g_autoptr (GListModel) survivors = NULL;
  g_autoptr (GListModel) others = NULL;
  g_autoptr (RapportServiceRequest) moved = NULL;
  gint64 merge_id;

  merge_id = rapport_store_merge_customers (fixture->db, survivor, &other_id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (merge_id, >, 0);
  survivors = rapport_store_list_customer_service_requests (fixture->db, rapport_customer_get_id (survivor), &error);
  g_assert_cmpuint (g_list_model_get_n_items (survivors), ==, 1);
  moved = reload (fixture, rapport_service_request_get_id (request));
  g_assert_cmpint (rapport_service_request_get_customer_id (moved), ==, rapport_customer_get_id (survivor));

  g_assert_true (rapport_store_undo_merge (fixture->db, merge_id, &error));
  g_assert_no_error (error);
  others = rapport_store_list_customer_service_requests (fixture->db, other_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (others), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/service/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("insert", test_insert);
  ADD ("update", test_update);
  ADD ("life", test_life);
  ADD ("default-owner", test_default_owner);
  ADD ("unassign", test_unassign);
  ADD ("queues", test_queues);
  ADD ("averages", test_averages);
  ADD ("counts-follow-writes", test_counts_follow_writes);
  ADD ("trash", test_trash);
  ADD ("merge", test_merge);

  return g_test_run ();
}
