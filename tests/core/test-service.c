/* test-service.c
 *
 * The service desk's rules: the priority from tier and severity with its
 * explanation, due times from the targets, the status moves, a request's
 * validation and the steps' refusals, and the enums' keys and labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rapport-service-priority.h"
#include "rapport-service-request.h"
#include "rapport-validation.h"

/* 2026-11-22 08:00:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1795334400)
#define HOUR G_GINT64_CONSTANT (3600)

static void
test_priority_example (void)
{
  /* A platinum customer's normal complaint outranks an iron customer's. */
  g_assert_cmpint (rapport_service_priority_compute (RAPPORT_TIER_PLATINUM, RAPPORT_SERVICE_SEVERITY_NORMAL), <,
                   rapport_service_priority_compute (RAPPORT_TIER_IRON, RAPPORT_SERVICE_SEVERITY_NORMAL));
  g_assert_cmpint (rapport_service_priority_compute (RAPPORT_TIER_GOLD, RAPPORT_SERVICE_SEVERITY_HIGH), ==, 2);
  g_assert_cmpint (rapport_service_priority_compute (RAPPORT_TIER_PLATINUM, RAPPORT_SERVICE_SEVERITY_CRITICAL), ==, 1);
  g_assert_cmpint (rapport_service_priority_compute (RAPPORT_TIER_LEAD, RAPPORT_SERVICE_SEVERITY_LOW), ==, 4);
}

/* Every cell is 1–4; a better tier or a worse severity is never slower;
 * critical is never below P2, and a low severity never reaches P1. */
static void
test_priority_cells (void)
{
  for (RapportTier tier = RAPPORT_TIER_PLATINUM; tier <= RAPPORT_TIER_LEAD; tier++)
    for (RapportServiceSeverity severity = RAPPORT_SERVICE_SEVERITY_LOW;
         severity <= RAPPORT_SERVICE_SEVERITY_CRITICAL; severity++)
      {
        gint priority = rapport_service_priority_compute (tier, severity);

        g_assert_true (rapport_service_priority_is_valid (priority));
        if (tier > RAPPORT_TIER_PLATINUM)
          g_assert_cmpint (rapport_service_priority_compute (tier - 1, severity), <=, priority);
        if (severity < RAPPORT_SERVICE_SEVERITY_CRITICAL)
          g_assert_cmpint (rapport_service_priority_compute (tier, severity + 1), <=, priority);
        if (severity == RAPPORT_SERVICE_SEVERITY_CRITICAL)
          g_assert_cmpint (priority, <=, 2);
        if (severity == RAPPORT_SERVICE_SEVERITY_LOW)
          g_assert_cmpint (priority, >=, 2);
      }

  g_assert_false (rapport_service_priority_is_valid (0));
  g_assert_false (rapport_service_priority_is_valid (5));
}

static void
test_priority_explain (void)
{
  g_autofree char *gold_high = rapport_service_priority_explain (RAPPORT_TIER_GOLD, RAPPORT_SERVICE_SEVERITY_HIGH);
  g_autofree char *iron_normal = rapport_service_priority_explain (RAPPORT_TIER_IRON,
                                                                   RAPPORT_SERVICE_SEVERITY_NORMAL);
  g_autofree char *lead_critical = rapport_service_priority_explain (RAPPORT_TIER_LEAD,
                                                                     RAPPORT_SERVICE_SEVERITY_CRITICAL);
  g_autofree char *label = rapport_service_priority_get_label (3);

  g_assert_cmpstr (gold_high, ==, "Gold customer, high severity → P2");
  g_assert_cmpstr (iron_normal, ==, "Iron customer, normal severity → P3");
  g_assert_cmpstr (lead_critical, ==, "Lead customer, critical severity → P2");
  g_assert_cmpstr (label, ==, "P3");
}

static void
test_targets (void)
{
  RapportServiceTargets targets;
  const guint defaults[] = { 4, 8, 24, 72 };

  rapport_service_targets_init_default (&targets);
  for (gint priority = 1; priority <= 4; priority++)
    {
      g_assert_cmpuint (targets.hours[priority - 1], ==, defaults[priority - 1]);
      g_assert_cmpint (rapport_service_targets_due_at (NULL, priority, TEST_NOW), ==,
                       TEST_NOW + defaults[priority - 1] * HOUR);
    }

  targets.hours[0] = 1;
  g_assert_cmpint (rapport_service_targets_due_at (&targets, 1, TEST_NOW), ==, TEST_NOW + HOUR);
}

static void
test_status_moves (void)
{
  const RapportServiceStatus path[] = {
    RAPPORT_SERVICE_STATUS_NEW, RAPPORT_SERVICE_STATUS_ASSIGNED, RAPPORT_SERVICE_STATUS_IN_PROGRESS,
    RAPPORT_SERVICE_STATUS_RESOLVED, RAPPORT_SERVICE_STATUS_CLOSED,
  };
  guint allowed = 0;

  for (guint i = 0; i + 1 < G_N_ELEMENTS (path); i++)
    g_assert_true (rapport_service_status_can_move (path[i], path[i + 1]));
  g_assert_true (rapport_service_status_can_move (RAPPORT_SERVICE_STATUS_RESOLVED,
                                                  RAPPORT_SERVICE_STATUS_IN_PROGRESS));

  /* Those five moves and no other. */
  for (RapportServiceStatus from = 0; from <= RAPPORT_SERVICE_STATUS_CLOSED; from++)
    for (RapportServiceStatus to = 0; to <= RAPPORT_SERVICE_STATUS_CLOSED; to++)
      allowed += rapport_service_status_can_move (from, to);
  g_assert_cmpuint (allowed, ==, 5);

  g_assert_true (rapport_service_status_is_open (RAPPORT_SERVICE_STATUS_IN_PROGRESS));
  g_assert_false (rapport_service_status_is_open (RAPPORT_SERVICE_STATUS_RESOLVED));
}

static RapportServiceRequest *
complaint (void)
{
  RapportServiceRequest *request = rapport_service_request_new ();

  rapport_service_request_set_kind (request, RAPPORT_SERVICE_KIND_COMPLAINT);
  rapport_service_request_set_summary (request, "Cracked tiles");
  rapport_service_request_set_customer_owner_id (request, 7);
  return request;
}

static void
test_rules (void)
{
  g_autoptr (RapportServiceRequest) request = complaint ();
  g_autoptr (GError) error = NULL;

  g_assert_true (rapport_service_request_validate (request, &error));
  g_assert_no_error (error);

  rapport_service_request_set_summary (request, " \t ");
  g_assert_false (rapport_service_request_validate (request, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY);
  g_clear_error (&error);
  rapport_service_request_set_summary (request, "Cracked tiles");

  /* Confirmation: a resolution first, then only the owner. */
  g_assert_false (rapport_service_request_can_confirm (request, 7, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  rapport_service_request_set_resolution (request, "Replace them");
  g_assert_false (rapport_service_request_can_confirm (request, 0, &error));
  g_assert_cmpstr (error->message, ==, "Only the customer’s owner can confirm the resolution");
  g_clear_error (&error);
  g_assert_true (rapport_service_request_can_confirm (request, 7, &error));

  /* No reply to an unconfirmed complaint; other kinds need none. */
  g_assert_true (rapport_service_request_needs_confirmation (request));
  g_assert_false (rapport_service_request_can_reply (request, &error));
  g_clear_error (&error);
  rapport_service_request_set_confirmed_at (request, TEST_NOW);
  g_assert_true (rapport_service_request_can_reply (request, &error));
  rapport_service_request_set_confirmed_at (request, 0);
  rapport_service_request_set_kind (request, RAPPORT_SERVICE_KIND_INQUIRY);
  g_assert_true (rapport_service_request_can_reply (request, &error));
  g_assert_no_error (error);

  /* Satisfaction 1–5, once resolved. */
  g_assert_false (rapport_service_request_can_rate (request, 5, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  rapport_service_request_set_status (request, RAPPORT_SERVICE_STATUS_RESOLVED);
  g_assert_true (rapport_service_request_can_rate (request, 5, &error));
  g_assert_false (rapport_service_request_can_rate (request, 0, &error));
  g_clear_error (&error);
  g_assert_false (rapport_service_request_can_rate (request, 6, &error));
  g_assert_cmpstr (error->message, ==, "Satisfaction is rated from 1 to 5");
  g_clear_error (&error);

  /* Moves: assigned needs an assignee. */
  rapport_service_request_set_status (request, RAPPORT_SERVICE_STATUS_NEW);
  g_assert_false (rapport_service_request_can_move (request, RAPPORT_SERVICE_STATUS_ASSIGNED, &error));
  g_clear_error (&error);
  rapport_service_request_set_assignee_id (request, 3);
  g_assert_true (rapport_service_request_can_move (request, RAPPORT_SERVICE_STATUS_ASSIGNED, &error));
  g_assert_false (rapport_service_request_can_move (request, RAPPORT_SERVICE_STATUS_RESOLVED, &error));
  g_assert_cmpstr (error->message, ==, "A request cannot go from New to Resolved");
  g_clear_error (&error);

  g_assert_true (rapport_service_check_assignee ("王芳", 0, &error));
  g_assert_false (rapport_service_check_assignee ("王芳", TEST_NOW, &error));
  g_assert_cmpstr (error->message, ==, "王芳 has left and cannot be given new work");
}

static void
test_overdue (void)
{
  g_autoptr (RapportServiceRequest) request = complaint ();

  rapport_service_request_set_due_at (request, TEST_NOW);
  g_assert_false (rapport_service_request_is_overdue (request, TEST_NOW));
  g_assert_true (rapport_service_request_is_overdue (request, TEST_NOW + 1));
  rapport_service_request_set_status (request, RAPPORT_SERVICE_STATUS_RESOLVED);
  g_assert_false (rapport_service_request_is_overdue (request, TEST_NOW + 1));
  rapport_service_request_set_status (request, RAPPORT_SERVICE_STATUS_IN_PROGRESS);
  rapport_service_request_set_deleted_at (request, TEST_NOW);
  g_assert_false (rapport_service_request_is_overdue (request, TEST_NOW + 1));
}

static void
test_copy_and_properties (void)
{
  g_autoptr (RapportServiceRequest) request = NULL;
  g_autoptr (RapportServiceRequest) copy = NULL;
  g_autofree char *summary = NULL;
  RapportServiceSeverity severity = RAPPORT_SERVICE_SEVERITY_LOW;

  request = g_object_new (RAPPORT_TYPE_SERVICE_REQUEST,
                          "summary", "Noise",
                          "severity", RAPPORT_SERVICE_SEVERITY_CRITICAL,
                          "satisfaction", 3,
                          "priority-overridden", TRUE,
                          NULL);
  g_object_get (request, "summary", &summary, "severity", &severity, NULL);
  g_assert_cmpstr (summary, ==, "Noise");
  g_assert_cmpint (severity, ==, RAPPORT_SERVICE_SEVERITY_CRITICAL);

  copy = rapport_service_request_copy (request);
  g_assert_cmpstr (rapport_service_request_get_summary (copy), ==, "Noise");
  g_assert_cmpint (rapport_service_request_get_satisfaction (copy), ==, 3);
  g_assert_true (rapport_service_request_get_priority_overridden (copy));
  g_assert_cmpint (rapport_service_request_get_status (copy), ==, RAPPORT_SERVICE_STATUS_NEW);
}

#define CHECK_ENUM(type, prefix)                                                       \
  G_STMT_START {                                                                       \
    g_autoptr (GEnumClass) klass = g_type_class_ref (type);                            \
    for (guint i = 0; i < klass->n_values; i++)                                         \
      {                                                                                \
        g_assert_cmpstr (klass->values[i].value_nick, ==,                              \
                         prefix##_to_string (klass->values[i].value));                 \
        g_assert_nonnull (prefix##_get_label (klass->values[i].value));                \
      }                                                                                \
  } G_STMT_END

static void
test_enums (void)
{
  RapportServiceKind kind = RAPPORT_SERVICE_KIND_OTHER;
  RapportServiceStatus status = RAPPORT_SERVICE_STATUS_NEW;

  CHECK_ENUM (RAPPORT_TYPE_SERVICE_KIND, rapport_service_kind);
  CHECK_ENUM (RAPPORT_TYPE_SERVICE_SEVERITY, rapport_service_severity);
  CHECK_ENUM (RAPPORT_TYPE_SERVICE_STATUS, rapport_service_status);
  CHECK_ENUM (RAPPORT_TYPE_SERVICE_REPLY_CHANNEL, rapport_service_reply_channel);
  CHECK_ENUM (RAPPORT_TYPE_SERVICE_EVENT_KIND, rapport_service_event_kind);
  CHECK_ENUM (RAPPORT_TYPE_SERVICE_QUEUE, rapport_service_queue);

  g_assert_true (rapport_service_kind_from_string ("after-sales", &kind));
  g_assert_cmpint (kind, ==, RAPPORT_SERVICE_KIND_AFTER_SALES);
  g_assert_false (rapport_service_kind_from_string ("praise", &kind));
  g_assert_cmpint (kind, ==, RAPPORT_SERVICE_KIND_AFTER_SALES);
  g_assert_true (rapport_service_status_from_string ("in-progress", &status));
  g_assert_cmpint (status, ==, RAPPORT_SERVICE_STATUS_IN_PROGRESS);
  g_assert_cmpstr (rapport_service_status_get_label (RAPPORT_SERVICE_STATUS_IN_PROGRESS), ==, "In Progress");
  g_assert_cmpstr (rapport_service_queue_get_label (RAPPORT_SERVICE_QUEUE_OPEN), ==, "All Open");
  g_assert_cmpstr (rapport_entity_kind_to_string (RAPPORT_ENTITY_KIND_SERVICE_REQUEST), ==, "service-request");
  g_assert_cmpstr (rapport_entity_kind_get_label (RAPPORT_ENTITY_KIND_SERVICE_REQUEST), ==, "Service Request");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/service/priority-example", test_priority_example);
  g_test_add_func ("/core/service/priority-cells", test_priority_cells);
  g_test_add_func ("/core/service/priority-explain", test_priority_explain);
  g_test_add_func ("/core/service/targets", test_targets);
  g_test_add_func ("/core/service/status-moves", test_status_moves);
  g_test_add_func ("/core/service/rules", test_rules);
  g_test_add_func ("/core/service/overdue", test_overdue);
  g_test_add_func ("/core/service/copy-and-properties", test_copy_and_properties);
  g_test_add_func ("/core/service/enums", test_enums);

  return g_test_run ();
}
