/* test-opportunity.c
 *
 * The pipeline's entities: an opportunity's validation, its probability,
 * weighted amount, overdue and stalled flags; a stage's default names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rapport-opportunity.h"
#include "rapport-pipeline-stage.h"
#include "rapport-plan-step.h"
#include "rapport-validation.h"

/* 2026-11-22 08:00:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1795334400)
#define DAY G_GINT64_CONSTANT (86400)

static RapportOpportunity *
valid_opportunity (void)
{
  RapportOpportunity *opportunity = rapport_opportunity_new ();

  rapport_opportunity_set_title (opportunity, "Tiles for the new showroom");
  rapport_opportunity_set_currency (opportunity, "CNY");
  rapport_opportunity_set_amount (opportunity, 1200000);
  return opportunity;
}

static void
test_amount_text (void)
{
  g_autoptr (RapportOpportunity) opportunity = valid_opportunity ();
  g_autoptr (GError) error = NULL;

  g_assert_true (rapport_opportunity_set_amount_text (opportunity, "12,000.50", "CNY", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_opportunity_get_amount (opportunity), ==, 1200050);

  /* Yen has no minor unit: 1,000 yen is 1000. */
  g_assert_true (rapport_opportunity_set_amount_text (opportunity, "1,000", "JPY", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_opportunity_get_amount (opportunity), ==, 1000);
  g_assert_cmpstr (rapport_opportunity_get_currency (opportunity), ==, "JPY");

  /* The bad amounts: each refused, the amount left as it was. */
  g_assert_false (rapport_opportunity_set_amount_text (opportunity, "abc", "CNY", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  g_assert_false (rapport_opportunity_set_amount_text (opportunity, "-5", "CNY", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_NEGATIVE_AMOUNT);
  g_clear_error (&error);

  g_assert_false (rapport_opportunity_set_amount_text (opportunity, "12.345", "CNY", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);

  g_assert_false (rapport_opportunity_set_amount_text (opportunity, "12.5", "JPY", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);

  g_assert_false (rapport_opportunity_set_amount_text (opportunity, "12", "yuan", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);

  g_assert_cmpint (rapport_opportunity_get_amount (opportunity), ==, 1000);
  g_assert_cmpstr (rapport_opportunity_get_currency (opportunity), ==, "JPY");
}

static void
test_probability_parse (void)
{
  g_autoptr (GError) error = NULL;
  gint probability = 7;

  g_assert_true (rapport_probability_parse ("", &probability, &error));
  g_assert_cmpint (probability, ==, -1);
  g_assert_true (rapport_probability_parse (" 35% ", &probability, &error));
  g_assert_cmpint (probability, ==, 35);
  g_assert_true (rapport_probability_parse ("0", &probability, &error));
  g_assert_cmpint (probability, ==, 0);
  g_assert_true (rapport_probability_parse ("100", &probability, &error));
  g_assert_cmpint (probability, ==, 100);
  g_assert_no_error (error);

  for (guint i = 0; i < 5; i++)
    {
      const char *bad[] = { "120", "-5", "abc", "50.5", "%" };

      probability = 7;
      g_assert_false (rapport_probability_parse (bad[i], &probability, &error));
      g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PROBABILITY);
      g_assert_cmpint (probability, ==, 7);
      g_clear_error (&error);
    }
}

static void
test_validate (void)
{
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (RapportOpportunity) opportunity = valid_opportunity ();

    g_assert_true (rapport_opportunity_validate (opportunity, &error));
    g_assert_no_error (error);

    /* A close date in the past is accepted (and flagged overdue). */
    rapport_opportunity_set_expected_close (opportunity, "2020-01-31");
    g_assert_true (rapport_opportunity_validate (opportunity, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr (RapportOpportunity) opportunity = valid_opportunity ();

    rapport_opportunity_set_title (opportunity, "  \t ");
    g_assert_false (rapport_opportunity_validate (opportunity, &error));
    g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY);
    g_clear_error (&error);
  }

  {
    g_autoptr (RapportOpportunity) opportunity = valid_opportunity ();

    rapport_opportunity_set_amount (opportunity, -1);
    g_assert_false (rapport_opportunity_validate (opportunity, &error));
    g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_NEGATIVE_AMOUNT);
    g_clear_error (&error);
  }

  {
    g_autoptr (RapportOpportunity) opportunity = valid_opportunity ();

    rapport_opportunity_set_currency (opportunity, NULL);
    g_assert_false (rapport_opportunity_validate (opportunity, &error));
    g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
    g_clear_error (&error);
  }

  {
    g_autoptr (RapportOpportunity) opportunity = valid_opportunity ();

    rapport_opportunity_set_expected_close (opportunity, "2026-02-30");
    g_assert_false (rapport_opportunity_validate (opportunity, &error));
    g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
    g_clear_error (&error);
  }
}

static void
test_probability_and_weight (void)
{
  g_autoptr (RapportOpportunity) opportunity = valid_opportunity ();
  g_autoptr (RapportOpportunity) copy = NULL;

  /* New: no probability of its own, the stage's counts. */
  g_assert_cmpint (rapport_opportunity_get_probability (opportunity), ==, -1);
  rapport_opportunity_set_stage_probability (opportunity, 30);
  g_assert_cmpint (rapport_opportunity_get_effective_probability (opportunity), ==, 30);
  g_assert_cmpint (rapport_opportunity_get_weighted_amount (opportunity), ==, 360000);

  /* The user's probability wins over the stage's, whatever the stage says. */
  rapport_opportunity_set_probability (opportunity, 0);
  rapport_opportunity_set_stage_probability (opportunity, 75);
  g_assert_cmpint (rapport_opportunity_get_effective_probability (opportunity), ==, 0);
  g_assert_cmpint (rapport_opportunity_get_weighted_amount (opportunity), ==, 0);

  /* Rounded half up: 1 fen at 50 %. */
  rapport_opportunity_set_amount (opportunity, 1);
  rapport_opportunity_set_probability (opportunity, 50);
  g_assert_cmpint (rapport_opportunity_get_weighted_amount (opportunity), ==, 1);

  copy = rapport_opportunity_copy (opportunity);
  g_assert_cmpint (rapport_opportunity_get_probability (copy), ==, 50);
  g_assert_cmpstr (rapport_opportunity_get_title (copy), ==, "Tiles for the new showroom");
}

static void
test_overdue_and_stalled (void)
{
  g_autoptr (RapportClock) clock = rapport_clock_new ();
  g_autoptr (RapportOpportunity) opportunity = valid_opportunity ();
  gint days = -1;

  rapport_clock_set_fixed (clock, TEST_NOW);

  /* Overdue only once the close date is behind today (local: 2026-11-22). */
  g_assert_false (rapport_opportunity_is_overdue (opportunity, clock));
  rapport_opportunity_set_expected_close (opportunity, "2026-11-22");
  g_assert_false (rapport_opportunity_is_overdue (opportunity, clock));
  rapport_opportunity_set_expected_close (opportunity, "2026-11-21");
  g_assert_true (rapport_opportunity_is_overdue (opportunity, clock));

  /* Stalled after more than the stage's limit (default 14 days). */
  g_assert_cmpint (rapport_opportunity_get_stage_stall_days (opportunity), ==, 14);
  rapport_opportunity_set_last_activity_at (opportunity, TEST_NOW - 14 * DAY);
  g_assert_false (rapport_opportunity_is_stalled (opportunity, clock, &days));
  g_assert_cmpint (days, ==, 14);
  rapport_clock_advance (clock, 1);
  g_assert_true (rapport_opportunity_is_stalled (opportunity, clock, &days));
  g_assert_cmpint (days, ==, 14);
  rapport_clock_advance (clock, 5 * DAY);
  g_assert_true (rapport_opportunity_is_stalled (opportunity, clock, &days));
  g_assert_cmpint (days, ==, 19);

  rapport_opportunity_set_stage_stall_days (opportunity, 30);
  g_assert_false (rapport_opportunity_is_stalled (opportunity, clock, NULL));
  rapport_opportunity_set_stage_stall_days (opportunity, 14);

  /* Closed: neither overdue nor stalled. */
  rapport_opportunity_set_stage_kind (opportunity, RAPPORT_STAGE_KIND_WON);
  rapport_opportunity_set_closed_at (opportunity, TEST_NOW);
  g_assert_true (rapport_opportunity_is_closed (opportunity));
  g_assert_false (rapport_opportunity_is_overdue (opportunity, clock));
  g_assert_false (rapport_opportunity_is_stalled (opportunity, clock, NULL));
}

static void
test_stage_names (void)
{
  g_autoptr (RapportPipelineStage) stage = rapport_pipeline_stage_new ();

  g_assert_cmpstr (rapport_pipeline_stage_get_default_name ("qualification"), ==, "Qualification");
  g_assert_cmpstr (rapport_pipeline_stage_get_default_name ("needs-analysis"), ==, "Needs Analysis");
  g_assert_cmpstr (rapport_pipeline_stage_get_default_name ("won"), ==, "Won");
  g_assert_null (rapport_pipeline_stage_get_default_name ("mine"));
  g_assert_null (rapport_pipeline_stage_get_default_name (NULL));

  g_assert_cmpint (rapport_pipeline_stage_get_stall_days (stage), ==, 14);
  g_assert_cmpint (rapport_pipeline_stage_get_kind (stage), ==, RAPPORT_STAGE_KIND_OPEN);

  {
    RapportStageKind kind = RAPPORT_STAGE_KIND_OPEN;

    g_assert_true (rapport_stage_kind_from_string ("lost", &kind));
    g_assert_cmpint (kind, ==, RAPPORT_STAGE_KIND_LOST);
    g_assert_cmpstr (rapport_stage_kind_to_string (RAPPORT_STAGE_KIND_WON), ==, "won");
    g_assert_false (rapport_stage_kind_from_string ("closed", &kind));
  }
}

static void
test_plan_step (void)
{
  g_autoptr (RapportPlanStep) step = rapport_plan_step_new ();
  g_autoptr (RapportPlanStep) copy = NULL;

  rapport_plan_step_set_what (step, "Send the quote");
  g_assert_false (rapport_plan_step_is_done (step));
  rapport_plan_step_set_done_at (step, TEST_NOW);
  rapport_plan_step_set_result (step, "Sent, they will answer Friday");
  g_assert_true (rapport_plan_step_is_done (step));

  copy = rapport_plan_step_copy (step);
  g_assert_cmpstr (rapport_plan_step_get_result (copy), ==, "Sent, they will answer Friday");
  g_assert_cmpint (rapport_plan_step_get_done_at (copy), ==, TEST_NOW);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* Every property reaches its field through GObject too, and notifies once
 * per real change. */
static void
test_properties (void)
{
  g_autoptr (RapportOpportunity) opportunity = NULL;
  g_autoptr (RapportPlanStep) step = NULL;
  g_autoptr (RapportPipelineStage) stage = NULL;
  g_autofree char *title = NULL;
  g_autofree char *due_on = NULL;
  gint64 amount = 0;
  gint probability = 0;
  RapportStageKind kind = RAPPORT_STAGE_KIND_OPEN;
  guint n_notify = 0;

  opportunity = g_object_new (RAPPORT_TYPE_OPPORTUNITY,
                              "title", "Showroom",
                              "amount", G_GINT64_CONSTANT (4200),
                              "probability", 35,
                              "stage-kind", RAPPORT_STAGE_KIND_LOST,
                              NULL);
  g_object_get (opportunity, "title", &title, "amount", &amount, "probability", &probability,
                "stage-kind", &kind, NULL);
  g_assert_cmpstr (title, ==, "Showroom");
  g_assert_cmpint (amount, ==, 4200);
  g_assert_cmpint (probability, ==, 35);
  g_assert_cmpint (kind, ==, RAPPORT_STAGE_KIND_LOST);

  g_signal_connect (opportunity, "notify::probability", G_CALLBACK (notify_cb), &n_notify);
  rapport_opportunity_set_probability (opportunity, 35);
  g_assert_cmpuint (n_notify, ==, 0);
  rapport_opportunity_set_probability (opportunity, -1);
  g_assert_cmpuint (n_notify, ==, 1);

  step = g_object_new (RAPPORT_TYPE_PLAN_STEP, "due-on", "2026-12-01", "follow-up-id", G_GINT64_CONSTANT (9), NULL);
  g_object_get (step, "due-on", &due_on, NULL);
  g_assert_cmpstr (due_on, ==, "2026-12-01");
  g_assert_cmpint (rapport_plan_step_get_follow_up_id (step), ==, 9);

  stage = g_object_new (RAPPORT_TYPE_PIPELINE_STAGE, "is-renamed", TRUE, "kind", RAPPORT_STAGE_KIND_WON, NULL);
  g_assert_true (rapport_pipeline_stage_get_is_renamed (stage));
  g_assert_cmpint (rapport_pipeline_stage_get_kind (stage), ==, RAPPORT_STAGE_KIND_WON);
}

/* The new entity kinds and the stage kind: nicks are the keys, each has a
 * label. */
static void
test_enums (void)
{
  g_autoptr (GEnumClass) entity_class = g_type_class_ref (RAPPORT_TYPE_ENTITY_KIND);
  g_autoptr (GEnumClass) stage_kind_class = g_type_class_ref (RAPPORT_TYPE_STAGE_KIND);
  RapportEntityKind entity;

  for (guint i = 0; i < entity_class->n_values; i++)
    {
      g_assert_cmpstr (entity_class->values[i].value_nick, ==,
                       rapport_entity_kind_to_string (entity_class->values[i].value));
      g_assert_nonnull (rapport_entity_kind_get_label (entity_class->values[i].value));
    }
  for (guint i = 0; i < stage_kind_class->n_values; i++)
    g_assert_cmpstr (stage_kind_class->values[i].value_nick, ==,
                     rapport_stage_kind_to_string (stage_kind_class->values[i].value));

  g_assert_true (rapport_entity_kind_from_string ("opportunity", &entity));
  g_assert_cmpint (entity, ==, RAPPORT_ENTITY_KIND_OPPORTUNITY);
  g_assert_cmpstr (rapport_entity_kind_get_label (RAPPORT_ENTITY_KIND_LOST_REASON), ==, "Lost Reason");
  g_assert_cmpstr (rapport_stage_kind_get_label (RAPPORT_STAGE_KIND_WON), ==, "Won");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/opportunity/amount-text", test_amount_text);
  g_test_add_func ("/core/opportunity/probability-parse", test_probability_parse);
  g_test_add_func ("/core/opportunity/validate", test_validate);
  g_test_add_func ("/core/opportunity/probability-and-weight", test_probability_and_weight);
  g_test_add_func ("/core/opportunity/overdue-and-stalled", test_overdue_and_stalled);
  g_test_add_func ("/core/opportunity/stage-names", test_stage_names);
  g_test_add_func ("/core/opportunity/plan-step", test_plan_step);
  g_test_add_func ("/core/opportunity/properties", test_properties);
  g_test_add_func ("/core/opportunity/enums", test_enums);

  return g_test_run ();
}
