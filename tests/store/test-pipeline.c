/* test-pipeline.c
 *
 * The sales pipeline's store: seeded stages and lost reasons, stage edits
 * and deletion, opportunities through their life (moved, won, lost,
 * reopened, trashed and restored), the board's totals and plans.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-import-store.h"
#include "rapport-trash-item.h"
#include "store-test-helpers.h"

#define DAY G_GINT64_CONSTANT (86400)

/* The id of the seeded stage @key. */
static gint64
stage_id (Fixture    *fixture,
          const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (fixture->db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);

      if (g_strcmp0 (rapport_pipeline_stage_get_key (stage), key) == 0)
        return rapport_pipeline_stage_get_id (stage);
    }

  g_assert_not_reached ();
}

static gint64
lost_reason_id (Fixture    *fixture,
                const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) reasons = rapport_store_list_lost_reasons (fixture->db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < reasons->len; i++)
    if (g_strcmp0 (g_array_index (reasons, RapportLostReason, i).key, key) == 0)
      return g_array_index (reasons, RapportLostReason, i).id;

  g_assert_not_reached ();
}

static RapportOpportunity *
add_opportunity (Fixture    *fixture,
                 gint64      customer_id,
                 const char *title,
                 gint64      amount,
                 const char *currency,
                 gint64      stage)
{
  g_autoptr (GError) error = NULL;
  RapportOpportunity *opportunity = rapport_opportunity_new ();

  rapport_opportunity_set_customer_id (opportunity, customer_id);
  rapport_opportunity_set_title (opportunity, title);
  rapport_opportunity_set_amount (opportunity, amount);
  rapport_opportunity_set_currency (opportunity, currency);
  rapport_opportunity_set_stage_id (opportunity, stage);
  g_assert_true (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_no_error (error);
  return opportunity;
}

static RapportOpportunity *
reload (Fixture            *fixture,
        RapportOpportunity *opportunity)
{
  g_autoptr (GError) error = NULL;
  RapportOpportunity *loaded = rapport_store_get_opportunity (fixture->db, rapport_opportunity_get_id (opportunity), &error);

  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  return loaded;
}

static void
test_seeded (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (fixture->db, &error);
  g_autoptr (GArray) reasons = rapport_store_list_lost_reasons (fixture->db, &error);
  const struct { const char *key; const char *name; gint probability; RapportStageKind kind; } expected[] = {
    { "qualification", "Qualification", 10, RAPPORT_STAGE_KIND_OPEN },
    { "needs-analysis", "Needs Analysis", 30, RAPPORT_STAGE_KIND_OPEN },
    { "proposal", "Proposal", 50, RAPPORT_STAGE_KIND_OPEN },
    { "negotiation", "Negotiation", 75, RAPPORT_STAGE_KIND_OPEN },
    { "won", "Won", 100, RAPPORT_STAGE_KIND_WON },
    { "lost", "Lost", 0, RAPPORT_STAGE_KIND_LOST },
  };
  const char *reason_keys[] = { "price", "competitor", "no-budget", "no-response" };

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);

      g_assert_cmpstr (rapport_pipeline_stage_get_key (stage), ==, expected[i].key);
      g_assert_cmpstr (rapport_pipeline_stage_get_name (stage), ==, expected[i].name);
      g_assert_false (rapport_pipeline_stage_get_is_renamed (stage));
      g_assert_cmpint (rapport_pipeline_stage_get_probability (stage), ==, expected[i].probability);
      g_assert_cmpint (rapport_pipeline_stage_get_kind (stage), ==, expected[i].kind);
      g_assert_cmpint (rapport_pipeline_stage_get_stall_days (stage), ==, 14);
      g_assert_true (g_uuid_string_is_valid (rapport_pipeline_stage_get_uuid (stage)));
    }

  g_assert_cmpuint (reasons->len, ==, G_N_ELEMENTS (reason_keys));
  for (guint i = 0; i < reasons->len; i++)
    g_assert_cmpstr (g_array_index (reasons, RapportLostReason, i).key, ==, reason_keys[i]);
  g_assert_cmpstr (g_array_index (reasons, RapportLostReason, 2).name, ==, "No budget");
}

static void
test_stage_edits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportPipelineStage) added = rapport_pipeline_stage_new ();
  gint64 proposal = stage_id (fixture, "proposal");
  gint64 qualification = stage_id (fixture, "qualification");

  fixture_clear_changes (fixture);

  /* A renamed default keeps the user's name; clearing it gives the
   * translated default back. */
  g_assert_true (rapport_store_rename_pipeline_stage (fixture->db, proposal, " 方案报价 ", &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_PIPELINE_STAGE, proposal, RAPPORT_CHANGE_UPDATED);
  {
    g_autoptr (RapportPipelineStage) stage = rapport_store_get_pipeline_stage (fixture->db, proposal, &error);

    g_assert_cmpstr (rapport_pipeline_stage_get_name (stage), ==, "方案报价");
    g_assert_true (rapport_pipeline_stage_get_is_renamed (stage));
    g_assert_cmpstr (rapport_pipeline_stage_get_key (stage), ==, "proposal");
  }
  g_assert_true (rapport_store_rename_pipeline_stage (fixture->db, proposal, "", &error));
  g_assert_no_error (error);
  {
    g_autoptr (RapportPipelineStage) stage = rapport_store_get_pipeline_stage (fixture->db, proposal, &error);

    g_assert_cmpstr (rapport_pipeline_stage_get_name (stage), ==, "Proposal");
    g_assert_false (rapport_pipeline_stage_get_is_renamed (stage));
  }

  /* Probability and stall limit, with their bounds. */
  g_assert_true (rapport_store_set_pipeline_stage_probability (fixture->db, proposal, 60, &error));
  g_assert_true (rapport_store_set_pipeline_stage_stall_days (fixture->db, proposal, 7, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_store_set_pipeline_stage_probability (fixture->db, proposal, 120, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_set_pipeline_stage_probability (fixture->db, proposal, -5, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_set_pipeline_stage_stall_days (fixture->db, proposal, 0, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_set_pipeline_stage_probability (fixture->db, 9999, 50, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr (RapportPipelineStage) stage = rapport_store_get_pipeline_stage (fixture->db, proposal, &error);

    g_assert_cmpint (rapport_pipeline_stage_get_probability (stage), ==, 60);
    g_assert_cmpint (rapport_pipeline_stage_get_stall_days (stage), ==, 7);
  }

  /* A stage of the user's goes last; a user stage cannot lose its name. */
  rapport_pipeline_stage_set_name (added, "Trial");
  rapport_pipeline_stage_set_probability (added, 40);
  g_assert_true (rapport_store_add_pipeline_stage (fixture->db, added, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_pipeline_stage_get_position (added), ==, 6);
  g_assert_false (rapport_store_rename_pipeline_stage (fixture->db, rapport_pipeline_stage_get_id (added), " ", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Reorder: every stage once, else refused. */
  {
    g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (fixture->db, &error);
    guint n = g_list_model_get_n_items (stages);
    g_autofree gint64 *ids = g_new0 (gint64, n);
    g_autoptr (GListModel) after = NULL;
    g_autoptr (RapportPipelineStage) first = NULL;
    g_autoptr (RapportPipelineStage) second = NULL;

    ids[0] = rapport_pipeline_stage_get_id (added);
    for (guint i = 0; i + 1 < n; i++)
      {
        g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);
        ids[i + 1] = rapport_pipeline_stage_get_id (stage);
      }

    g_assert_false (rapport_store_reorder_pipeline_stages (fixture->db, ids, n - 1, &error));
    g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
    g_clear_error (&error);

    g_assert_true (rapport_store_reorder_pipeline_stages (fixture->db, ids, n, &error));
    g_assert_no_error (error);
    after = rapport_store_list_pipeline_stages (fixture->db, &error);
    first = g_list_model_get_item (after, 0);
    second = g_list_model_get_item (after, 1);
    g_assert_cmpstr (rapport_pipeline_stage_get_name (first), ==, "Trial");
    g_assert_cmpint (rapport_pipeline_stage_get_id (second), ==, qualification);
  }
}

static void
test_delete_stage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  gint64 needs = stage_id (fixture, "needs-analysis");
  gint64 proposal = stage_id (fixture, "proposal");
  g_autoptr (RapportOpportunity) first = add_opportunity (fixture, customer_id, "Tiles", 100000, "CNY", needs);
  g_autoptr (RapportOpportunity) second = add_opportunity (fixture, customer_id, "Paint", 50000, "CNY", needs);
  g_autoptr (RapportOpportunity) loaded = NULL;
  g_autoptr (GArray) events = NULL;
  guint count = 0;

  /* One of them in the Trash still counts: restoring it needs its stage. */
  g_assert_true (rapport_store_trash_opportunity (fixture->db, rapport_opportunity_get_id (second), &error));
  g_assert_true (rapport_store_count_stage_opportunities (fixture->db, needs, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);

  /* Refused while opportunities are in it. */
  g_assert_false (rapport_store_delete_pipeline_stage (fixture->db, needs, 0, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  /* Not into itself, nor into a stage that would close them. */
  g_assert_false (rapport_store_delete_pipeline_stage (fixture->db, needs, needs, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_delete_pipeline_stage (fixture->db, needs, stage_id (fixture, "won"), &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Moved in the same transaction, logged. */
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_delete_pipeline_stage (fixture->db, needs, proposal, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 3,
                  RAPPORT_ENTITY_KIND_OPPORTUNITY, rapport_opportunity_get_id (first), RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_OPPORTUNITY, rapport_opportunity_get_id (second), RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_PIPELINE_STAGE, needs, RAPPORT_CHANGE_DELETED);
  loaded = reload (fixture, first);
  g_assert_cmpint (rapport_opportunity_get_stage_id (loaded), ==, proposal);
  events = rapport_store_list_opportunity_events (fixture->db, rapport_opportunity_get_id (first), &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 1).kind, ==, RAPPORT_OPPORTUNITY_EVENT_MOVED);
  /* The deleted stage is gone from the history, the target stays. */
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 1).from_stage_id, ==, 0);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 1).to_stage_id, ==, proposal);

  g_assert_null (rapport_store_get_pipeline_stage (fixture->db, needs, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An empty stage goes at once; the last won stage never does. */
  g_assert_true (rapport_store_delete_pipeline_stage (fixture->db, stage_id (fixture, "qualification"), 0, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_store_delete_pipeline_stage (fixture->db, stage_id (fixture, "won"), 0, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_insert_and_validation (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "速阳建材", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportOpportunity) opportunity = rapport_opportunity_new ();
  g_autoptr (RapportOpportunity) loaded = NULL;
  g_autoptr (GListModel) list = NULL;

  fixture_clear_changes (fixture);

  rapport_opportunity_set_customer_id (opportunity, customer_id);
  rapport_opportunity_set_title (opportunity, "  Showroom floor  ");
  rapport_opportunity_set_currency (opportunity, "cny");
  rapport_opportunity_set_amount (opportunity, 8800000);
  rapport_opportunity_set_expected_close (opportunity, "2026-10-01");
  rapport_opportunity_set_source (opportunity, "Trade fair");
  rapport_opportunity_set_notes (opportunity, "<b>not markup</b> 100%");

  /* The bad input, each refused with nothing written. */
  rapport_opportunity_set_probability (opportunity, 120);
  g_assert_false (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  rapport_opportunity_set_probability (opportunity, -5);
  g_assert_false (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  rapport_opportunity_set_probability (opportunity, -1);
  rapport_opportunity_set_amount (opportunity, -100);
  g_assert_false (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  rapport_opportunity_set_amount (opportunity, 8800000);
  rapport_opportunity_set_stage_id (opportunity, stage_id (fixture, "won"));
  g_assert_false (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  rapport_opportunity_set_stage_id (opportunity, 0);
  rapport_opportunity_set_customer_id (opportunity, 9999);
  g_assert_false (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rapport_opportunity_set_customer_id (opportunity, customer_id);
  rapport_opportunity_set_owner_id (opportunity, 9999);
  g_assert_false (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rapport_opportunity_set_owner_id (opportunity, 0);
  rapport_opportunity_set_contact_id (opportunity, 9999);
  g_assert_false (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  rapport_opportunity_set_contact_id (opportunity, 0);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_cmpint (rapport_opportunity_get_id (opportunity), ==, 0);

  /* A close date in the past is accepted. */
  g_assert_true (rapport_store_insert_opportunity (fixture->db, opportunity, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_OPPORTUNITY, rapport_opportunity_get_id (opportunity), RAPPORT_CHANGE_INSERTED);
  g_assert_cmpstr (rapport_opportunity_get_currency (opportunity), ==, "CNY");
  g_assert_cmpint (rapport_opportunity_get_stage_id (opportunity), ==, stage_id (fixture, "qualification"));

  loaded = reload (fixture, opportunity);
  g_assert_cmpstr (rapport_opportunity_get_title (loaded), ==, "Showroom floor");
  g_assert_cmpstr (rapport_opportunity_get_customer_name (loaded), ==, "速阳建材");
  g_assert_cmpstr (rapport_opportunity_get_notes (loaded), ==, "<b>not markup</b> 100%");
  g_assert_cmpint (rapport_opportunity_get_probability (loaded), ==, -1);
  g_assert_cmpint (rapport_opportunity_get_stage_probability (loaded), ==, 10);
  g_assert_cmpint (rapport_opportunity_get_last_activity_at (loaded), ==, TEST_NOW);
  g_assert_true (rapport_opportunity_is_overdue (loaded, fixture->clock));
  g_assert_false (rapport_opportunity_is_stalled (loaded, fixture->clock, NULL));

  /* The user's probability is kept as typed, even when the stage's changes. */
  rapport_opportunity_set_probability (loaded, 0);
  rapport_clock_advance (fixture->clock, 20 * DAY);
  g_assert_true (rapport_opportunity_is_stalled (loaded, fixture->clock, NULL));
  g_assert_true (rapport_store_update_opportunity (fixture->db, loaded, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_set_pipeline_stage_probability (fixture->db, stage_id (fixture, "qualification"), 20, &error));
  {
    g_autoptr (RapportOpportunity) again = reload (fixture, opportunity);

    g_assert_cmpint (rapport_opportunity_get_probability (again), ==, 0);
    g_assert_cmpint (rapport_opportunity_get_effective_probability (again), ==, 0);
    g_assert_cmpint (rapport_opportunity_get_stage_probability (again), ==, 20);
    /* The edit was activity. */
    g_assert_false (rapport_opportunity_is_stalled (again, fixture->clock, NULL));
  }

  /* Trash and restore, like every entity. */
  g_assert_true (rapport_store_trash_opportunity (fixture->db, rapport_opportunity_get_id (opportunity), &error));
  list = rapport_store_list_customer_opportunities (fixture->db, customer_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);
  {
    g_autoptr (GListModel) trash = rapport_store_list_trash (fixture->db, &error);
    g_autoptr (RapportTrashItem) item = g_list_model_get_item (trash, 0);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);
    g_assert_cmpint (rapport_trash_item_get_kind (item), ==, RAPPORT_ENTITY_KIND_OPPORTUNITY);
    g_assert_true (rapport_store_restore_trash_item (fixture->db, RAPPORT_ENTITY_KIND_OPPORTUNITY,
                                                     rapport_trash_item_get_id (item), &error));
    g_assert_no_error (error);
  }
  list = rapport_store_list_customer_opportunities (fixture->db, customer_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_life (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportOpportunity) opportunity = add_opportunity (fixture, customer_id, "Tiles", 100000, "CNY", 0);
  g_autoptr (RapportOpportunity) other = add_opportunity (fixture, customer_id, "Paint", 100000, "CNY", 0);
  gint64 id = rapport_opportunity_get_id (opportunity);
  gint64 proposal = stage_id (fixture, "proposal");
  gint64 qualification = stage_id (fixture, "qualification");
  gint64 price = lost_reason_id (fixture, "price");
  g_autoptr (GArray) events = NULL;

  g_assert_cmpint (rapport_customer_get_stage (customer), ==, RAPPORT_STAGE_PROSPECT);

  /* Moved: logged, its stage age starts again. */
  rapport_clock_advance (fixture->clock, 3 * DAY);
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_move_opportunity (fixture->db, id, proposal, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_OPPORTUNITY, id, RAPPORT_CHANGE_UPDATED);
  {
    g_autoptr (RapportOpportunity) loaded = reload (fixture, opportunity);

    g_assert_cmpint (rapport_opportunity_get_stage_id (loaded), ==, proposal);
    g_assert_cmpint (rapport_opportunity_get_stage_entered_at (loaded), ==, TEST_NOW + 3 * DAY);
    g_assert_cmpint (rapport_opportunity_get_last_activity_at (loaded), ==, TEST_NOW + 3 * DAY);
  }

  /* A move to a closing stage is refused: win and lose say why. */
  g_assert_false (rapport_store_move_opportunity (fixture->db, id, stage_id (fixture, "lost"), &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Lost needs a reason. */
  g_assert_false (rapport_store_lose_opportunity (fixture->db, id, 0, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_lose_opportunity (fixture->db, id, 9999, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (rapport_store_lose_opportunity (fixture->db, id, price, "Went with the cheaper tiles", &error));
  g_assert_no_error (error);
  {
    g_autoptr (RapportOpportunity) loaded = reload (fixture, opportunity);

    g_assert_true (rapport_opportunity_is_closed (loaded));
    g_assert_cmpint (rapport_opportunity_get_stage_kind (loaded), ==, RAPPORT_STAGE_KIND_LOST);
    g_assert_cmpint (rapport_opportunity_get_lost_reason_id (loaded), ==, price);
    g_assert_cmpstr (rapport_opportunity_get_lost_note (loaded), ==, "Went with the cheaper tiles");
  }
  g_assert_false (rapport_store_move_opportunity (fixture->db, id, qualification, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_win_opportunity (fixture->db, id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Reopened: logged, the reason cleared. */
  g_assert_true (rapport_store_reopen_opportunity (fixture->db, id, 0, &error));
  g_assert_no_error (error);
  {
    g_autoptr (RapportOpportunity) loaded = reload (fixture, opportunity);

    g_assert_false (rapport_opportunity_is_closed (loaded));
    g_assert_cmpint (rapport_opportunity_get_stage_id (loaded), ==, qualification);
    g_assert_cmpint (rapport_opportunity_get_lost_reason_id (loaded), ==, 0);
    g_assert_null (rapport_opportunity_get_lost_note (loaded));
  }
  g_assert_false (rapport_store_reopen_opportunity (fixture->db, id, 0, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Won: closed, and the prospect's first win makes it active. */
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_win_opportunity (fixture->db, id, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 2,
                  RAPPORT_ENTITY_KIND_CUSTOMER, customer_id, RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_OPPORTUNITY, id, RAPPORT_CHANGE_UPDATED);
  {
    g_autoptr (RapportCustomer) reloaded = rapport_store_get_customer (fixture->db, customer_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (rapport_customer_get_stage (reloaded), ==, RAPPORT_STAGE_ACTIVE);
  }

  /* The history, in order. */
  events = rapport_store_list_opportunity_events (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 5);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 0).kind, ==, RAPPORT_OPPORTUNITY_EVENT_CREATED);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 1).kind, ==, RAPPORT_OPPORTUNITY_EVENT_MOVED);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 1).from_stage_id, ==, qualification);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 1).to_stage_id, ==, proposal);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 2).kind, ==, RAPPORT_OPPORTUNITY_EVENT_LOST);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 2).lost_reason_id, ==, price);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 3).kind, ==, RAPPORT_OPPORTUNITY_EVENT_REOPENED);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 4).kind, ==, RAPPORT_OPPORTUNITY_EVENT_WON);
  g_assert_cmpint (g_array_index (events, RapportOpportunityEvent, 4).at, ==, TEST_NOW + 3 * DAY);

  /* A second win does not touch the customer again; a dormant customer is
   * not made active by a win either. */
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_win_opportunity (fixture->db, rapport_opportunity_get_id (other), &error));
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_OPPORTUNITY, rapport_opportunity_get_id (other), RAPPORT_CHANGE_UPDATED);

  /* The customer page: open ones first, then the closed, latest first. */
  {
    g_autoptr (RapportOpportunity) open = add_opportunity (fixture, customer_id, "Doors", 100, "CNY", 0);
    g_autoptr (GListModel) list = rapport_store_list_customer_opportunities (fixture->db, customer_id, &error);
    g_autoptr (RapportOpportunity) first = g_list_model_get_item (list, 0);

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
    g_assert_cmpint (rapport_opportunity_get_id (first), ==, rapport_opportunity_get_id (open));
  }
}

static void
test_totals (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  gint64 qualification = stage_id (fixture, "qualification");
  gint64 proposal = stage_id (fixture, "proposal");
  g_autoptr (RapportOpportunity) a = add_opportunity (fixture, customer_id, "A", 100000, "CNY", qualification);
  g_autoptr (RapportOpportunity) b = add_opportunity (fixture, customer_id, "B", 300000, "CNY", qualification);
  g_autoptr (RapportOpportunity) c = add_opportunity (fixture, customer_id, "C", 5000, "USD", qualification);
  g_autoptr (RapportOpportunity) d = add_opportunity (fixture, customer_id, "D", 200000, "CNY", proposal);
  g_autoptr (RapportOpportunity) trashed = add_opportunity (fixture, customer_id, "E", 999999, "CNY", proposal);
  g_autoptr (GArray) totals = NULL;
  RapportPipelineTotal *row;

  /* b has its own probability (80 %), the rest the stage's (10 %, 50 %). */
  rapport_opportunity_set_probability (b, 80);
  g_assert_true (rapport_store_update_opportunity (fixture->db, b, &error));
  g_assert_true (rapport_store_trash_opportunity (fixture->db, rapport_opportunity_get_id (trashed), &error));
  g_assert_no_error (error);

  totals = rapport_store_get_pipeline_totals (fixture->db, &error);
  g_assert_no_error (error);
  /* Currencies are never mixed: qualification has a CNY and a USD row. */
  g_assert_cmpuint (totals->len, ==, 3);

  row = &g_array_index (totals, RapportPipelineTotal, 0);
  g_assert_cmpint (row->stage_id, ==, qualification);
  g_assert_cmpstr (row->currency, ==, "CNY");
  g_assert_cmpuint (row->count, ==, 2);
  g_assert_cmpint (row->total, ==, 400000);
  g_assert_cmpint (row->weighted, ==, 100000 * 10 / 100 + 300000 * 80 / 100);

  row = &g_array_index (totals, RapportPipelineTotal, 1);
  g_assert_cmpint (row->stage_id, ==, qualification);
  g_assert_cmpstr (row->currency, ==, "USD");
  g_assert_cmpuint (row->count, ==, 1);
  g_assert_cmpint (row->total, ==, 5000);
  g_assert_cmpint (row->weighted, ==, 500);

  row = &g_array_index (totals, RapportPipelineTotal, 2);
  g_assert_cmpint (row->stage_id, ==, proposal);
  g_assert_cmpuint (row->count, ==, 1);
  g_assert_cmpint (row->total, ==, 200000);
  g_assert_cmpint (row->weighted, ==, 100000);

  /* A column: by expected close, none last, paged. */
  rapport_opportunity_set_expected_close (c, "2026-12-01");
  g_assert_true (rapport_store_update_opportunity (fixture->db, c, &error));
  rapport_opportunity_set_expected_close (a, "2027-01-15");
  g_assert_true (rapport_store_update_opportunity (fixture->db, a, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GListModel) column = rapport_store_list_stage_opportunities (fixture->db, qualification, 0, 10, &error);
    g_autoptr (GListModel) page = rapport_store_list_stage_opportunities (fixture->db, qualification, 1, 1, &error);
    g_autoptr (RapportOpportunity) first = g_list_model_get_item (column, 0);
    g_autoptr (RapportOpportunity) last = g_list_model_get_item (column, 2);
    g_autoptr (RapportOpportunity) paged = g_list_model_get_item (page, 0);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (column), ==, 3);
    g_assert_cmpstr (rapport_opportunity_get_title (first), ==, "C");
    g_assert_cmpstr (rapport_opportunity_get_title (last), ==, "B");
    g_assert_cmpuint (g_list_model_get_n_items (page), ==, 1);
    g_assert_cmpstr (rapport_opportunity_get_title (paged), ==, "A");
  }
}

static void
test_plan (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportOpportunity) opportunity = add_opportunity (fixture, customer_id, "Tiles", 100000, "CNY", 0);
  gint64 id = rapport_opportunity_get_id (opportunity);
  g_autoptr (RapportPlanStep) visit = rapport_plan_step_new ();
  g_autoptr (RapportPlanStep) quote = rapport_plan_step_new ();
  g_autoptr (RapportPlanStep) bad = rapport_plan_step_new ();
  g_autoptr (GListModel) steps = NULL;

  rapport_plan_step_set_opportunity_id (bad, id);
  rapport_plan_step_set_what (bad, "  ");
  g_assert_false (rapport_store_insert_plan_step (fixture->db, bad, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  rapport_plan_step_set_what (bad, "Call");
  rapport_plan_step_set_due_on (bad, "2026-13-01");
  g_assert_false (rapport_store_insert_plan_step (fixture->db, bad, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  rapport_plan_step_set_due_on (bad, NULL);
  rapport_plan_step_set_opportunity_id (bad, 9999);
  g_assert_false (rapport_store_insert_plan_step (fixture->db, bad, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  rapport_clock_advance (fixture->clock, 2 * DAY);
  fixture_clear_changes (fixture);
  rapport_plan_step_set_opportunity_id (visit, id);
  rapport_plan_step_set_what (visit, "Visit the showroom");
  rapport_plan_step_set_due_on (visit, "2026-11-25");
  g_assert_true (rapport_store_insert_plan_step (fixture->db, visit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_customer (fixture, 1), ==, customer_id);
  assert_changes (fixture, 2,
                  RAPPORT_ENTITY_KIND_OPPORTUNITY, id, RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_PLAN_STEP, rapport_plan_step_get_id (visit), RAPPORT_CHANGE_INSERTED);

  rapport_plan_step_set_opportunity_id (quote, id);
  rapport_plan_step_set_what (quote, "Send the quote");
  g_assert_true (rapport_store_insert_plan_step (fixture->db, quote, &error));
  g_assert_cmpint (rapport_plan_step_get_position (quote), ==, 1);

  g_assert_true (rapport_store_set_plan_step_done (fixture->db, rapport_plan_step_get_id (visit), TRUE,
                                                   "Liked the grey tiles", &error));
  g_assert_no_error (error);
  {
    g_autoptr (RapportOpportunity) loaded = reload (fixture, opportunity);

    g_assert_cmpint (rapport_opportunity_get_plan_steps_done (loaded), ==, 1);
    g_assert_cmpint (rapport_opportunity_get_plan_steps_total (loaded), ==, 2);
    g_assert_cmpint (rapport_opportunity_get_last_activity_at (loaded), ==, TEST_NOW + 2 * DAY);
  }

  steps = rapport_store_list_plan_steps (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 2);
  {
    g_autoptr (RapportPlanStep) first = g_list_model_get_item (steps, 0);

    g_assert_cmpstr (rapport_plan_step_get_what (first), ==, "Visit the showroom");
    g_assert_cmpstr (rapport_plan_step_get_due_on (first), ==, "2026-11-25");
    g_assert_cmpstr (rapport_plan_step_get_result (first), ==, "Liked the grey tiles");
    g_assert_true (rapport_plan_step_is_done (first));
  }

  /* Undone keeps the result; edited; deleted. */
  g_assert_true (rapport_store_set_plan_step_done (fixture->db, rapport_plan_step_get_id (visit), FALSE, NULL, &error));
  rapport_plan_step_set_what (quote, "Send the revised quote");
  g_assert_true (rapport_store_update_plan_step (fixture->db, quote, &error));
  g_assert_true (rapport_store_delete_plan_step (fixture->db, rapport_plan_step_get_id (visit), &error));
  g_assert_no_error (error);
  g_clear_object (&steps);
  steps = rapport_store_list_plan_steps (fixture->db, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 1);
  {
    g_autoptr (RapportPlanStep) only = g_list_model_get_item (steps, 0);

    g_assert_cmpstr (rapport_plan_step_get_what (only), ==, "Send the revised quote");
  }
  g_assert_false (rapport_store_delete_plan_step (fixture->db, rapport_plan_step_get_id (visit), &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_lost_reasons (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) reasons = NULL;
  gint64 id = 0;

  g_assert_false (rapport_store_add_lost_reason (fixture->db, "   ", &id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_add_lost_reason (fixture->db, "交期太长", &id, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_LOST_REASON, id, RAPPORT_CHANGE_INSERTED);

  reasons = rapport_store_list_lost_reasons (fixture->db, &error);
  g_assert_cmpuint (reasons->len, ==, 5);
  g_assert_cmpint (g_array_index (reasons, RapportLostReason, 4).id, ==, id);
  g_assert_null (g_array_index (reasons, RapportLostReason, 4).key);
  g_assert_cmpstr (g_array_index (reasons, RapportLostReason, 4).name, ==, "交期太长");
}

/* Deleting the customer for good takes its opportunities, plans and
 * history with it. */
static void
test_customer_deleted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportOpportunity) opportunity = add_opportunity (fixture, customer_id, "Tiles", 100000, "CNY", 0);
  g_autoptr (RapportPlanStep) step = rapport_plan_step_new ();
  g_autoptr (RapportOpportunity) gone = NULL;
  g_autoptr (GArray) events = NULL;

  rapport_plan_step_set_opportunity_id (step, rapport_opportunity_get_id (opportunity));
  rapport_plan_step_set_what (step, "Call");
  g_assert_true (rapport_store_insert_plan_step (fixture->db, step, &error));
  g_assert_true (rapport_store_trash_customer (fixture->db, customer_id, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_empty_trash (fixture->db, NULL, &error));
  g_assert_no_error (error);

  gone = rapport_store_get_opportunity (fixture->db, rapport_opportunity_get_id (opportunity), &error);
  g_assert_null (gone);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  events = rapport_store_list_opportunity_events (fixture->db, rapport_opportunity_get_id (opportunity), &error);
  g_assert_cmpuint (events->len, ==, 0);
}

/* Stalled: idle for longer than the stage's own limit; closed and trashed
 * ones never. */
static void
test_stalled (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  gint64 proposal = stage_id (fixture, "proposal");
  g_autoptr (RapportOpportunity) old = add_opportunity (fixture, customer_id, "Old", 100, "CNY", 0);
  g_autoptr (RapportOpportunity) quick = add_opportunity (fixture, customer_id, "Quick", 100, "CNY", proposal);
  g_autoptr (RapportOpportunity) won = add_opportunity (fixture, customer_id, "Won", 100, "CNY", 0);
  g_autoptr (RapportOpportunity) trashed = add_opportunity (fixture, customer_id, "Trashed", 100, "CNY", 0);
  g_autoptr (RapportOpportunity) fresh = NULL;
  gint64 now;

  g_assert_true (rapport_store_set_pipeline_stage_stall_days (fixture->db, proposal, 3, &error));
  g_assert_true (rapport_store_win_opportunity (fixture->db, rapport_opportunity_get_id (won), &error));
  g_assert_true (rapport_store_trash_opportunity (fixture->db, rapport_opportunity_get_id (trashed), &error));
  g_assert_no_error (error);
  rapport_clock_advance (fixture->clock, 5 * DAY);
  fresh = add_opportunity (fixture, customer_id, "Fresh", 100, "CNY", proposal);
  now = rapport_clock_now (fixture->clock);

  /* After 5 days only the one in a 3-day stage. */
  {
    g_autoptr (GListModel) stalled = rapport_store_list_stalled_opportunities (fixture->db, now, 10, &error);
    g_autoptr (RapportOpportunity) first = NULL;
    gint days = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (stalled), ==, 1);
    first = g_list_model_get_item (stalled, 0);
    g_assert_cmpstr (rapport_opportunity_get_title (first), ==, "Quick");
    g_assert_true (rapport_opportunity_is_stalled (first, fixture->clock, &days));
    g_assert_cmpint (days, ==, 5);
  }

  /* After 15 days the 14-day one too, the longest idle first. */
  rapport_clock_advance (fixture->clock, 10 * DAY);
  now = rapport_clock_now (fixture->clock);
  {
    g_autoptr (GListModel) stalled = rapport_store_list_stalled_opportunities (fixture->db, now, 10, &error);
    g_autoptr (RapportOpportunity) first = NULL;
    g_autoptr (RapportOpportunity) last = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (stalled), ==, 3);
    first = g_list_model_get_item (stalled, 0);
    last = g_list_model_get_item (stalled, 2);
    g_assert_cmpstr (rapport_opportunity_get_title (first), ==, "Old");
    g_assert_cmpstr (rapport_opportunity_get_title (last), ==, "Fresh");
  }
}

/* Merging duplicates moves the others' opportunities to the survivor, and
 * undoing the merge moves them back. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) survivor = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportCustomer) other = add_customer (fixture->db, "Acme Trading Co.", NULL);
  gint64 other_id = rapport_customer_get_id (other);
  g_autoptr (RapportOpportunity) opportunity = add_opportunity (fixture, other_id, "Tiles", 100000, "CNY", 0);
  g_autoptr (GListModel) survivors = NULL;
  g_autoptr (GListModel) others = NULL;
  gint64 merge_id;

  merge_id = rapport_store_merge_customers (fixture->db, survivor, &other_id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (merge_id, >, 0);
  survivors = rapport_store_list_customer_opportunities (fixture->db, rapport_customer_get_id (survivor), &error);
  g_assert_cmpuint (g_list_model_get_n_items (survivors), ==, 1);

  g_assert_true (rapport_store_undo_merge (fixture->db, merge_id, &error));
  g_assert_no_error (error);
  others = rapport_store_list_customer_opportunities (fixture->db, other_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (others), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/pipeline/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("seeded", test_seeded);
  ADD ("stage-edits", test_stage_edits);
  ADD ("delete-stage", test_delete_stage);
  ADD ("insert-and-validation", test_insert_and_validation);
  ADD ("life", test_life);
  ADD ("totals", test_totals);
  ADD ("plan", test_plan);
  ADD ("lost-reasons", test_lost_reasons);
  ADD ("customer-deleted", test_customer_deleted);
  ADD ("stalled", test_stalled);
  ADD ("merge", test_merge);

  return g_test_run ();
}
