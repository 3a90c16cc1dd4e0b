/* test-customer-list-model.c
 *
 * RapportCustomerListModel: sort orders, filters, search, and the exact
 * items-changed signals it emits when one customer changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rapport-customer-list-model.h"
#include "rapport-database-private.h"
#include "rapport-store.h"

/* 2026-11-22 08:00:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1795334400)

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Signal;

typedef struct
{
  char            *dir;
  RapportClock    *clock;
  RapportDatabase *db;
  GArray          *signals;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("rapport-test-list-model-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "rapport.db", NULL);

  fixture->db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);

  fixture->clock = rapport_clock_new ();
  rapport_clock_set_fixed (fixture->clock, TEST_NOW);
  rapport_database_set_clock (fixture->db, fixture->clock);

  fixture->signals = g_array_new (FALSE, FALSE, sizeof (Signal));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (fixture->db);
  g_assert_finalize_object (fixture->clock);
  g_array_unref (fixture->signals);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  Signal signal = { position, removed, added };

  g_array_append_val (fixture->signals, signal);
}

static RapportCustomerListModel *
create_model (Fixture *fixture)
{
  RapportCustomerListModel *model = rapport_customer_list_model_new (fixture->db);

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), fixture);

  return model;
}

static gint64
add_customer (Fixture      *fixture,
              const char   *name,
              RapportStage  stage,
              RapportTier   tier,
              const char   *tag)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  const char *tags[] = { tag, NULL };

  rapport_customer_set_name (customer, name);
  rapport_customer_set_stage (customer, stage);
  rapport_customer_set_tier (customer, tier);
  rapport_customer_set_tags (customer, tag != NULL ? tags : tags + 1);

  g_assert_true (rapport_store_insert_customer (fixture->db, customer, &error));
  g_assert_no_error (error);

  /* Each one a minute newer than the last. */
  rapport_clock_advance (fixture->clock, 60);

  return rapport_customer_get_id (customer);
}

static void
rename_customer (Fixture    *fixture,
                 gint64      id,
                 const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_store_get_customer (fixture->db, id, &error);

  g_assert_no_error (error);
  rapport_customer_set_name (customer, name);
  g_assert_true (rapport_store_update_customer (fixture->db, customer, &error));
  g_assert_no_error (error);
}

static void
log_interaction (Fixture *fixture,
                 gint64   customer_id,
                 gint64   occurred_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();

  rapport_interaction_set_customer_id (interaction, customer_id);
  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_CALL);
  rapport_interaction_set_occurred_at (interaction, occurred_at);
  rapport_interaction_set_summary (interaction, "Called");

  g_assert_true (rapport_store_insert_interaction (fixture->db, interaction, &error));
  g_assert_no_error (error);
}

/* The names in the model, joined by "|". */
static char *
model_names (RapportCustomerListModel *model)
{
  GString *names = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportCustomer) customer = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (i > 0)
        g_string_append_c (names, '|');
      g_string_append (names, rapport_customer_get_name (customer));
    }

  return g_string_free (names, FALSE);
}

/* The model, kept up to date by signals, shows what a new one would. */
static void
assert_matches_fresh (Fixture                  *fixture,
                      RapportCustomerListModel *model)
{
  g_autoptr (RapportCustomerListModel) fresh = rapport_customer_list_model_new (fixture->db);
  g_autofree char *names = NULL;
  g_autofree char *fresh_names = NULL;

  rapport_customer_list_model_set_query (fresh, rapport_customer_list_model_get_query (model));
  rapport_customer_list_model_set_stage (fresh, rapport_customer_list_model_get_stage (model));
  rapport_customer_list_model_set_tier (fresh, rapport_customer_list_model_get_tier (model));
  rapport_customer_list_model_set_tag (fresh, rapport_customer_list_model_get_tag (model));
  rapport_customer_list_model_set_sort (fresh, rapport_customer_list_model_get_sort (model));

  names = model_names (model);
  fresh_names = model_names (fresh);
  g_assert_cmpstr (names, ==, fresh_names);
}

static void
assert_signals (Fixture      *fixture,
                const Signal *expected,
                guint         n_expected)
{
  g_assert_cmpuint (fixture->signals->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const Signal *got = &g_array_index (fixture->signals, Signal, i);

      g_assert_cmpuint (got->position, ==, expected[i].position);
      g_assert_cmpuint (got->removed, ==, expected[i].removed);
      g_assert_cmpuint (got->added, ==, expected[i].added);
    }
  g_array_set_size (fixture->signals, 0);
}

static void
test_sort_name (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autofree char *names = NULL;

  add_customer (fixture, "Zeta Works", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  add_customer (fixture, "张三商行", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  add_customer (fixture, "123 Store", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  add_customer (fixture, "北京建材", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  add_customer (fixture, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  add_customer (fixture, "阿里巴巴", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  add_customer (fixture, "bravo", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);

  model = create_model (fixture);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == RAPPORT_TYPE_CUSTOMER);
  g_assert_true (rapport_customer_list_model_get_database (model) == fixture->db);
  g_assert_cmpint (rapport_customer_list_model_get_sort (model), ==, RAPPORT_CUSTOMER_SORT_NAME);

  /* Han by pinyin among the Latin letters, word by word (阿里巴巴 "a li ba ba"
   * before "acme"), case-insensitive, names starting with a digit after Z. */
  names = model_names (model);
  g_assert_cmpstr (names, ==, "阿里巴巴|Acme Trading|北京建材|bravo|Zeta Works|张三商行|123 Store");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 7));
}

static void
test_sort_created_and_last_interaction (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autofree char *created = NULL;
  g_autofree char *contacted = NULL;
  gint64 first = add_customer (fixture, "First", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  gint64 second = add_customer (fixture, "Second", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  gint64 third = add_customer (fixture, "Third", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);

  add_customer (fixture, "Fourth", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  log_interaction (fixture, first, TEST_NOW - 3600);
  log_interaction (fixture, third, TEST_NOW - 7200);
  log_interaction (fixture, first, TEST_NOW - 10);

  model = create_model (fixture);

  rapport_customer_list_model_set_sort (model, RAPPORT_CUSTOMER_SORT_CREATED);
  created = model_names (model);
  g_assert_cmpstr (created, ==, "Fourth|Third|Second|First");
  g_array_set_size (fixture->signals, 0);

  /* Most recent first, never contacted last. */
  rapport_customer_list_model_set_sort (model, RAPPORT_CUSTOMER_SORT_LAST_INTERACTION);
  contacted = model_names (model);
  g_assert_cmpstr (contacted, ==, "First|Third|Second|Fourth");
  g_array_set_size (fixture->signals, 0);

  /* A call to Second moves it to the top, and only it. */
  log_interaction (fixture, second, TEST_NOW);
  {
    const Signal expected[] = { { 2, 1, 0 }, { 0, 0, 1 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_matches_fresh (fixture, model);
  g_assert_cmpuint (rapport_customer_list_model_find (model, second), ==, 0);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autofree char *active = NULL;
  g_autofree char *gold = NULL;
  g_autofree char *vip = NULL;
  g_autofree char *both = NULL;
  g_autofree char *all = NULL;

  add_customer (fixture, "Alpha", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, "VIP");
  add_customer (fixture, "Beta", RAPPORT_STAGE_PROSPECT, RAPPORT_TIER_GOLD, NULL);
  add_customer (fixture, "Gamma", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, "VIP");
  add_customer (fixture, "Delta", RAPPORT_STAGE_LOST, RAPPORT_TIER_LEAD, "装修");

  model = create_model (fixture);

  rapport_customer_list_model_set_stage (model, RAPPORT_STAGE_ACTIVE);
  g_assert_cmpint (rapport_customer_list_model_get_stage (model), ==, RAPPORT_STAGE_ACTIVE);
  active = model_names (model);
  g_assert_cmpstr (active, ==, "Alpha|Gamma");

  rapport_customer_list_model_set_stage (model, -1);
  rapport_customer_list_model_set_tier (model, RAPPORT_TIER_GOLD);
  gold = model_names (model);
  g_assert_cmpstr (gold, ==, "Alpha|Beta");

  rapport_customer_list_model_set_tier (model, -1);
  rapport_customer_list_model_set_tag (model, "VIP");
  g_assert_cmpstr (rapport_customer_list_model_get_tag (model), ==, "VIP");
  vip = model_names (model);
  g_assert_cmpstr (vip, ==, "Alpha|Gamma");

  rapport_customer_list_model_set_tier (model, RAPPORT_TIER_IRON);
  both = model_names (model);
  g_assert_cmpstr (both, ==, "Gamma");

  /* Filters go through GObject properties too. */
  g_object_set (model, "tag", NULL, "tier", -1, NULL);
  all = model_names (model);
  g_assert_cmpstr (all, ==, "Alpha|Beta|Delta|Gamma");
}

static void
test_query (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autofree char *yang = NULL;
  g_autofree char *active_yang = NULL;
  g_autofree char *cleared = NULL;
  gint64 suyang = add_customer (fixture, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);

  add_customer (fixture, "阳光贸易", RAPPORT_STAGE_PROSPECT, RAPPORT_TIER_GOLD, NULL);
  add_customer (fixture, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);

  model = create_model (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  /* Ranked: the name starting with 阳 first. */
  rapport_customer_list_model_set_query (model, "阳");
  g_assert_cmpstr (rapport_customer_list_model_get_query (model), ==, "阳");
  yang = model_names (model);
  g_assert_cmpstr (yang, ==, "阳光贸易|速阳有限公司");

  rapport_customer_list_model_set_stage (model, RAPPORT_STAGE_ACTIVE);
  active_yang = model_names (model);
  g_assert_cmpstr (active_yang, ==, "速阳有限公司");
  g_assert_cmpuint (rapport_customer_list_model_find (model, suyang), ==, 0);

  /* A result renamed out of the query leaves; the search follows changes. */
  g_array_set_size (fixture->signals, 0);
  rename_customer (fixture, suyang, "速达物流");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  {
    const Signal expected[] = { { 0, 1, 0 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }

  rapport_customer_list_model_set_query (model, "");
  g_assert_null (rapport_customer_list_model_get_query (model));
  cleared = model_names (model);
  g_assert_cmpstr (cleared, ==, "Acme Trading|速达物流");

  /* Syntax is just text. */
  rapport_customer_list_model_set_query (model, "\"速阳\" OR *");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

static void
test_signals (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autoptr (RapportCustomer) before = NULL;
  g_autoptr (RapportCustomer) again = NULL;
  g_autoptr (RapportCustomer) after = NULL;
  g_autofree char *names = NULL;
  gint64 alpha, charlie, echo, bravo;

  alpha = add_customer (fixture, "Alpha", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  charlie = add_customer (fixture, "Charlie", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  echo = add_customer (fixture, "Echo", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);

  model = create_model (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  /* get_item: a new reference, the same object while it is unchanged. */
  before = g_list_model_get_item (G_LIST_MODEL (model), 1);
  again = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_true (before == again);
  g_assert_cmpstr (rapport_customer_get_name (before), ==, "Charlie");
  g_assert_cmpint (rapport_customer_get_id (before), ==, charlie);

  /* Insert: one addition where it sorts. */
  bravo = add_customer (fixture, "Bravo", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  {
    const Signal expected[] = { { 1, 0, 1 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_matches_fresh (fixture, model);

  /* Rename that moves a row: removed at its old place, added at its new. */
  rename_customer (fixture, alpha, "Delta");
  {
    const Signal expected[] = { { 0, 1, 0 }, { 2, 0, 1 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  names = model_names (model);
  g_assert_cmpstr (names, ==, "Bravo|Charlie|Delta|Echo");
  assert_matches_fresh (fixture, model);

  /* Rename in place: one replacement, and a fresh object for the row. */
  rename_customer (fixture, charlie, "Charlie & Co");
  {
    const Signal expected[] = { { 1, 1, 1 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  after = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_true (after != before);
  g_assert_cmpstr (rapport_customer_get_name (after), ==, "Charlie & Co");
  g_assert_cmpstr (rapport_customer_get_name (before), ==, "Charlie");

  /* Trash and restore. */
  g_assert_true (rapport_store_trash_customer (fixture->db, echo, &error));
  g_assert_no_error (error);
  {
    const Signal expected[] = { { 3, 1, 0 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  g_assert_cmpuint (rapport_customer_list_model_find (model, echo), ==, G_MAXUINT);

  g_assert_true (rapport_store_trash_customer (fixture->db, bravo, &error));
  g_assert_no_error (error);
  {
    const Signal expected[] = { { 0, 1, 0 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }

  g_assert_true (rapport_store_restore_customer (fixture->db, echo, &error));
  g_assert_no_error (error);
  {
    const Signal expected[] = { { 2, 0, 1 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_matches_fresh (fixture, model);

  /* Deleted for good from the Trash: nothing shown changes. */
  g_assert_true (rapport_store_empty_trash (fixture->db, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->signals->len, ==, 0);
  assert_matches_fresh (fixture, model);

  /* A filtered list hears only about its rows. */
  rapport_customer_list_model_set_stage (model, RAPPORT_STAGE_LOST);
  g_array_set_size (fixture->signals, 0);
  rename_customer (fixture, charlie, "Charlie Ltd");
  g_assert_cmpuint (fixture->signals->len, ==, 0);

  /* Everything reloaded: one signal for the whole list, even when every row
   * kept its place (its values may have changed: tiers recomputed). */
  rapport_customer_list_model_set_stage (model, -1);
  g_array_set_size (fixture->signals, 0);
  _rapport_database_queue_change (fixture->db, RAPPORT_ENTITY_KIND_CUSTOMER, 0, 0, RAPPORT_CHANGE_RELOADED);
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
    const Signal expected[] = { { 0, n, n } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_matches_fresh (fixture, model);

  g_assert_cmpuint (rapport_customer_list_model_find (model, echo), ==, 2);
  g_assert_cmpuint (rapport_customer_list_model_find (model, charlie), ==, 0);
}

static void
test_many (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  /* More rows than the model caches: every one still comes back right. */
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %04u", i);
      add_customer (fixture, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
    }

  model = create_model (fixture);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 600);

  for (guint i = 0; i < n; i++)
    {
      RapportCustomer *customer = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *name = g_strdup_printf ("Customer %04u", i);

      g_assert_cmpstr (rapport_customer_get_name (customer), ==, name);
      g_ptr_array_add (items, customer);
    }

  /* Objects handed out outlive the cache and the model. */
  g_clear_object (&model);
  g_assert_cmpstr (rapport_customer_get_name (g_ptr_array_index (items, 0)), ==, "Customer 0000");
}

static void
test_lazy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autoptr (RapportCustomer) inserted = NULL;
  g_autoptr (RapportCustomer) last = NULL;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %04u", i);
      add_customer (fixture, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
    }

  /* Opened, only its first rows read: a change still lands exactly. */
  model = create_model (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 600);
  add_customer (fixture, "Customer 0299b", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  {
    const Signal expected[] = { { 300, 0, 1 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 601);
  inserted = g_list_model_get_item (G_LIST_MODEL (model), 300);
  g_assert_cmpstr (rapport_customer_get_name (inserted), ==, "Customer 0299b");
  last = g_list_model_get_item (G_LIST_MODEL (model), 600);
  g_assert_cmpstr (rapport_customer_get_name (last), ==, "Customer 0599");
  assert_matches_fresh (fixture, model);
  g_clear_object (&model);
  g_array_set_size (fixture->signals, 0);

  /* Trashed beyond the rows read: removed where it was. Ids follow the
   * insertion order, so "Customer 0499" is 500, at position 500. */
  model = create_model (fixture);
  g_assert_true (rapport_store_trash_customer (fixture->db, 500, NULL));
  {
    const Signal expected[] = { { 500, 1, 0 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_matches_fresh (fixture, model);
  g_clear_object (&model);

  /* Renamed from among the rows read to the end. */
  model = create_model (fixture);
  rename_customer (fixture, 11, "Customer 0599z");
  {
    const Signal expected[] = { { 10, 1, 0 }, { 599, 0, 1 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_matches_fresh (fixture, model);
}

/* Find on a model that has read only its first rows: the position counted
 * in the index is the one the complete list has, in every order, ties
 * included, and the row there is the customer. */
static void
test_find_lazy (Fixture       *fixture,
                gconstpointer  data)
{
  const RapportCustomerSort sorts[] = {
    RAPPORT_CUSTOMER_SORT_NAME,
    RAPPORT_CUSTOMER_SORT_LAST_INTERACTION,
    RAPPORT_CUSTOMER_SORT_CREATED,
  };
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 trashed;

  /* Names in the reverse of the ids, so that name order is not id order. */
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %04u", 599 - i);
      gint64 id = add_customer (fixture, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);

      g_array_append_val (ids, id);
    }
  trashed = g_array_index (ids, gint64, 17);
  g_assert_true (rapport_store_trash_customer (fixture->db, trashed, NULL));

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autoptr (RapportCustomerListModel) complete = NULL;
      g_autoptr (RapportCustomer) last = NULL;

      complete = g_object_new (RAPPORT_TYPE_CUSTOMER_LIST_MODEL, "database", fixture->db,
                               "sort", sorts[s], NULL);
      last = g_list_model_get_item (G_LIST_MODEL (complete), 598);
      g_assert_nonnull (last);

      for (guint i = 0; i < ids->len; i += 37)
        {
          g_autoptr (RapportCustomerListModel) lazy = NULL;
          g_autoptr (RapportCustomer) customer = NULL;
          gint64 id = g_array_index (ids, gint64, i);
          guint position;

          lazy = g_object_new (RAPPORT_TYPE_CUSTOMER_LIST_MODEL, "database", fixture->db,
                               "sort", sorts[s], NULL);
          position = rapport_customer_list_model_find (lazy, id);
          g_assert_cmpuint (position, ==, rapport_customer_list_model_find (complete, id));
          if (id == trashed)
            {
              g_assert_cmpuint (position, ==, G_MAXUINT);
              continue;
            }

          customer = g_list_model_get_item (G_LIST_MODEL (lazy), position);
          g_assert_cmpint (rapport_customer_get_id (customer), ==, id);
        }

      {
        g_autoptr (RapportCustomerListModel) lazy = NULL;

        lazy = g_object_new (RAPPORT_TYPE_CUSTOMER_LIST_MODEL, "database", fixture->db,
                             "sort", sorts[s], NULL);
        g_assert_cmpuint (rapport_customer_list_model_find (lazy, trashed), ==, G_MAXUINT);
        g_assert_cmpuint (rapport_customer_list_model_find (lazy, 100000), ==, G_MAXUINT);
      }
    }
}

/* Setting several filters (clearing them all) reads the list once. */
static void
test_filters_read_once (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;

  add_customer (fixture, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, "VIP");
  add_customer (fixture, "Bolt Supplies", RAPPORT_STAGE_PROSPECT, RAPPORT_TIER_LEAD, NULL);

  /* Built with its filters: one read. */
  model = rapport_customer_list_model_new_filtered (fixture->db, RAPPORT_CUSTOMER_SORT_NAME, NULL,
                                                    RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, "VIP");
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), fixture);
  g_assert_cmpuint (rapport_customer_list_model_get_n_reads (model), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  rapport_customer_list_model_freeze (model);
  rapport_customer_list_model_set_stage (model, -1);
  rapport_customer_list_model_set_tier (model, -1);
  rapport_customer_list_model_set_tag (model, NULL);
  g_assert_cmpuint (rapport_customer_list_model_get_n_reads (model), ==, 1);
  rapport_customer_list_model_thaw (model);

  g_assert_cmpuint (rapport_customer_list_model_get_n_reads (model), ==, 2);
  {
    const Signal expected[] = { { 1, 0, 1 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_matches_fresh (fixture, model);
}

/* A contact's, an interaction's or an order's id is never taken for a
 * customer's: only the customer the row belongs to can move. */
static void
test_child_ids_are_not_customer_ids (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (GError) error = NULL;
  gint64 alpha, bravo, charlie;

  alpha = add_customer (fixture, "Alpha", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  bravo = add_customer (fixture, "Bravo", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  charlie = add_customer (fixture, "Charlie", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  g_assert_cmpint (alpha, ==, 1);

  model = create_model (fixture);
  rapport_customer_list_model_set_sort (model, RAPPORT_CUSTOMER_SORT_LAST_INTERACTION);
  g_array_set_size (fixture->signals, 0);

  /* Contact 1 of Charlie: nothing a row shows. */
  rapport_contact_set_customer_id (contact, charlie);
  rapport_contact_set_name (contact, "Carol");
  g_assert_true (rapport_store_insert_contact (fixture->db, contact, &error));
  g_assert_cmpint (rapport_contact_get_id (contact), ==, alpha);
  g_assert_cmpuint (fixture->signals->len, ==, 0);

  /* Interaction 1 of Charlie: Charlie (not Alpha) comes first. */
  log_interaction (fixture, charlie, TEST_NOW);
  {
    const Signal expected[] = { { 2, 1, 0 }, { 0, 0, 1 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_matches_fresh (fixture, model);
  (void) bravo;
}

static void
insert_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RapportDatabase *worker = task_data;
  GError *error = NULL;

  g_assert_true (_rapport_database_begin (worker, &error));
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr (RapportCustomer) customer = rapport_customer_new ();
      g_autofree char *name = g_strdup_printf ("Imported %04u", i);

      rapport_customer_set_name (customer, name);
      g_assert_true (rapport_store_insert_customer (worker, customer, &error));
    }
  g_assert_true (_rapport_database_commit (worker, &error));
  g_task_return_boolean (task, TRUE);
}

/* An import-sized batch written by a worker reaches the list as one refresh. */
static void
test_worker_batch_one_refresh (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;

  add_customer (fixture, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  model = create_model (fixture);
  worker = rapport_database_open_worker (fixture->db, &error);
  g_assert_no_error (error);

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (worker), g_object_unref);
  g_task_run_in_thread_sync (task, insert_thread);
  g_assert_true (g_task_propagate_boolean (task, NULL));
  g_clear_object (&task);

  g_assert_cmpuint (fixture->signals->len, ==, 0);
  rapport_change_bus_flush (rapport_database_get_change_bus (fixture->db));

  g_assert_cmpuint (fixture->signals->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3001);
  assert_matches_fresh (fixture, model);
}

/* get_item () never announces a change: a list that grew behind the bus
 * (another process) is announced from an idle, once. */
static void
test_get_item_never_announces (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autoptr (RapportCustomer) far = NULL;
  g_autoptr (RapportDatabase) other = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %04u", i);
      add_customer (fixture, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
    }

  model = create_model (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 600);

  /* Another program's connection (its own bus) adds one. */
  other = rapport_database_open (rapport_database_get_path (fixture->db), RAPPORT_DATABASE_OPEN_DEFAULT,
                                 NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr (RapportCustomer) customer = rapport_customer_new ();

    rapport_customer_set_name (customer, "Customer 0000a");
    g_assert_true (rapport_store_insert_customer (other, customer, &error));
  }
  g_assert_cmpuint (fixture->signals->len, ==, 0);

  /* A row past the ids read: the model reads them all, says nothing. */
  far = g_list_model_get_item (G_LIST_MODEL (model), 599);
  g_assert_nonnull (far);
  g_assert_cmpuint (fixture->signals->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 600);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    const Signal expected[] = { { 0, 600, 601 } };
    assert_signals (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_matches_fresh (fixture, model);
}

/* The ids of the customers shown, in the list's order, with the filters
 * (an export of "the customers shown"). */
static void
test_dup_ids (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (RapportCustomerListModel) model = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GArray) vip_ids = NULL;
  gint64 alpha = add_customer (fixture, "Alpha", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, "VIP");
  gint64 beta = add_customer (fixture, "Beta", RAPPORT_STAGE_PROSPECT, RAPPORT_TIER_GOLD, NULL);
  gint64 gamma = add_customer (fixture, "Gamma", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, "VIP");

  model = create_model (fixture);
  ids = rapport_customer_list_model_dup_ids (model);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, alpha);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, beta);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, gamma);

  rapport_customer_list_model_set_tag (model, "VIP");
  vip_ids = rapport_customer_list_model_dup_ids (model);
  g_assert_cmpuint (vip_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (vip_ids, gint64, 0), ==, alpha);
  g_assert_cmpint (g_array_index (vip_ids, gint64, 1), ==, gamma);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/customer-list-model/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("sort-name", test_sort_name);
  ADD ("sort-created-and-last-interaction", test_sort_created_and_last_interaction);
  ADD ("filters", test_filters);
  ADD ("query", test_query);
  ADD ("signals", test_signals);
  ADD ("many", test_many);
  ADD ("lazy", test_lazy);
  ADD ("find-lazy", test_find_lazy);
  ADD ("filters-read-once", test_filters_read_once);
  ADD ("child-ids-are-not-customer-ids", test_child_ids_are_not_customer_ids);
  ADD ("worker-batch-one-refresh", test_worker_batch_one_refresh);
  ADD ("get-item-never-announces", test_get_item_never_announces);
  ADD ("dup-ids", test_dup_ids);

#undef ADD

  return g_test_run ();
}
