/* test-pipeline-page.c
 *
 * The Pipeline section on a real session with a fixed clock: one column per
 * stage with its count and its totals per currency; a card moves by keyboard
 * (Alt+Right's action on the focused card) and by a drop (the column's drop
 * target), on Won through the win action; cards show the overdue and stalled
 * flags; the list of open opportunities sorts by the column view's sorter;
 * changes from the store reach the board through the change bus; the owner
 * filter narrows the board.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-opportunity-card.h"
#include "rapport-opportunity-dialog.h"
#include "rapport-pipeline-page.h"
#include "shell-test-utils.h"

#define DAY 86400

typedef struct
{
  TestDb               t;
  GtkWindow           *window;
  RapportPipelinePage *page;
  GArray              *stage_ids;   /* gint64, by position */
  gint64               customer_id;
} Fixture;

static gint64
stage_id (Fixture *f,
          guint    position)
{
  return g_array_index (f->stage_ids, gint64, position);
}

static gint64
add_opportunity (Fixture    *f,
                 const char *title,
                 guint       stage_position,
                 gint64      amount,
                 const char *currency,
                 const char *expected_close)
{
  g_autoptr (RapportOpportunity) opportunity = rapport_opportunity_new ();
  g_autoptr (GError) error = NULL;

  rapport_opportunity_set_customer_id (opportunity, f->customer_id);
  rapport_opportunity_set_title (opportunity, title);
  rapport_opportunity_set_amount (opportunity, amount);
  rapport_opportunity_set_currency (opportunity, currency);
  rapport_opportunity_set_stage_id (opportunity, stage_id (f, stage_position));
  rapport_opportunity_set_probability (opportunity, -1);
  rapport_opportunity_set_expected_close (opportunity, expected_close);
  rapport_store_insert_opportunity (f->t.db, opportunity, &error);
  g_assert_no_error (error);

  return rapport_opportunity_get_id (opportunity);
}

static gint64
stage_of (Fixture *f,
          gint64   id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportOpportunity) opportunity = rapport_store_get_opportunity (f->t.db, id, &error);

  g_assert_no_error (error);
  return rapport_opportunity_get_stage_id (opportunity);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GListModel) stages = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *overlay;

  test_db_open (&f->t);
  f->customer_id = shell_test_add_customer (f->t.db, "苏州新源电器", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);

  stages = rapport_store_list_pipeline_stages (f->t.db, &error);
  g_assert_no_error (error);
  f->stage_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);
      gint64 id = rapport_pipeline_stage_get_id (stage);

      g_array_append_val (f->stage_ids, id);
    }

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 700);
  f->page = RAPPORT_PIPELINE_PAGE (rapport_pipeline_page_new ());
  /* A toast overlay, as in the main window. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = shell_test_find_toplevel (GTK_TYPE_WINDOW, f->window)) != NULL)
    shell_test_destroy_window (dialog);
  shell_test_destroy_window (g_steal_pointer (&f->window));
  g_clear_pointer (&f->stage_ids, g_array_unref);
  rapport_session_close (f->t.session);
  test_db_close (&f->t);
}

static void
show_page (Fixture *f)
{
  rapport_pipeline_page_set_session (f->page, f->t.session);
  shell_test_flush ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  shell_test_flush ();
  g_assert_true (rapport_pipeline_page_get_loaded (f->page));
}

/* The card of @id that the column's list view shows, or NULL. */
static RapportOpportunityCard *
find_card (Fixture *f,
           guint    column,
           gint64   id)
{
  GtkListView *list_view = rapport_pipeline_column_get_list_view (rapport_pipeline_page_get_column (f->page, column));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);
      RapportOpportunity *opportunity;

      if (!RAPPORT_IS_OPPORTUNITY_CARD (card) || !gtk_widget_get_child_visible (row))
        continue;
      opportunity = rapport_opportunity_card_get_opportunity (RAPPORT_OPPORTUNITY_CARD (card));
      if (opportunity != NULL && rapport_opportunity_get_id (opportunity) == id)
        return RAPPORT_OPPORTUNITY_CARD (card);
    }

  return NULL;
}

static void
wait_for_draw (Fixture *f)
{
  shell_test_flush ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  shell_test_flush ();
}

static guint
column_count (Fixture *f,
              guint    column)
{
  return rapport_pipeline_column_get_count (rapport_pipeline_page_get_column (f->page, column));
}

static void
test_columns_and_totals (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *qualification = NULL;
  g_autofree char *proposal = NULL;
  g_autofree char *won = NULL;
  gint64 lamps, cables, fair;
  RapportOpportunityCard *card;

  lamps = add_opportunity (f, "Lamps", 0, 100000, "CNY", "2026-04-30");
  cables = add_opportunity (f, "Cables", 0, 50000, "USD", NULL);
  fair = add_opportunity (f, "Trade fair stand", 2, 250050, "CNY", "2026-03-01");
  show_page (f);

  g_assert_cmpuint (rapport_pipeline_page_get_n_columns (f->page), ==, 6);
  g_assert_cmpuint (column_count (f, 0), ==, 2);
  g_assert_cmpuint (column_count (f, 1), ==, 0);
  g_assert_cmpuint (column_count (f, 2), ==, 1);

  /* One line per currency, never added up: 10 % and 50 % are the stages'
   * default probabilities. */
  qualification = rapport_pipeline_column_dup_totals_text (rapport_pipeline_page_get_column (f->page, 0));
  g_assert_cmpstr (qualification, ==, "¥1,000.00 · weighted ¥100.00\n$500.00 · weighted $50.00");
  proposal = rapport_pipeline_column_dup_totals_text (rapport_pipeline_page_get_column (f->page, 2));
  g_assert_cmpstr (proposal, ==, "¥2,500.50 · weighted ¥1,250.25");
  won = rapport_pipeline_column_dup_totals_text (rapport_pipeline_page_get_column (f->page, 4));
  g_assert_cmpstr (won, ==, "No opportunities");

  /* Cards in board order: by expected close, none last. */
  card = find_card (f, 0, lamps);
  g_assert_nonnull (card);
  g_assert_cmpstr (rapport_opportunity_card_get_text (card, "title"), ==, "Lamps");
  g_assert_cmpstr (rapport_opportunity_card_get_text (card, "customer"), ==, "苏州新源电器");
  g_assert_cmpstr (rapport_opportunity_card_get_text (card, "amount"), ==, "¥1,000.00");
  g_assert_cmpstr (rapport_opportunity_card_get_text (card, "close"), ==, "Closes 2026-04-30");
  g_assert_nonnull (find_card (f, 0, cables));
  g_assert_cmpstr (rapport_opportunity_card_get_text (find_card (f, 0, cables), "close"), ==, "No close date");

  /* The test's today is 2026-03-18: March 1st has passed. */
  card = find_card (f, 2, fair);
  g_assert_nonnull (card);
  g_assert_cmpstr (rapport_opportunity_card_get_text (card, "close"), ==, "Past close 2026-03-01");
  g_assert_cmpstr (rapport_opportunity_card_get_text (card, "stalled"), ==, "");
}

static void
test_stalled (Fixture       *f,
              gconstpointer  data)
{
  RapportOpportunityCard *card;
  gint64 quiet, busy;

  /* Made 20 days ago and untouched since: Qualification allows 14. */
  rapport_clock_set_fixed (f->t.clock, TEST_NOW - 20 * DAY);
  quiet = add_opportunity (f, "Quiet deal", 0, 100, "CNY", "2026-06-01");
  rapport_clock_set_fixed (f->t.clock, TEST_NOW - 10 * DAY);
  busy = add_opportunity (f, "Busy deal", 0, 100, "CNY", "2026-06-02");
  rapport_clock_set_fixed (f->t.clock, TEST_NOW);
  show_page (f);

  card = find_card (f, 0, quiet);
  g_assert_nonnull (card);
  g_assert_cmpstr (rapport_opportunity_card_get_text (card, "stalled"), ==, "Stalled for 20 days");
  card = find_card (f, 0, busy);
  g_assert_nonnull (card);
  g_assert_cmpstr (rapport_opportunity_card_get_text (card, "stalled"), ==, "");
}

static void
test_keyboard_move (Fixture       *f,
                    gconstpointer  data)
{
  RapportOpportunityCard *card;
  GtkWidget *focus;
  gint64 id;

  id = add_opportunity (f, "Lamps", 0, 100000, "CNY", "2026-04-30");
  show_page (f);

  card = find_card (f, 0, id);
  g_assert_nonnull (card);
  gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (card)));

  /* Alt+Right */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "pipeline.move-right", NULL));
  wait_for_draw (f);

  g_assert_cmpint (stage_of (f, id), ==, stage_id (f, 1));
  g_assert_cmpuint (column_count (f, 0), ==, 0);
  g_assert_cmpuint (column_count (f, 1), ==, 1);
  g_assert_null (find_card (f, 0, id));
  card = find_card (f, 1, id);
  g_assert_nonnull (card);

  /* The focus went with the card, so the next Alt+Right moves it on. */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == gtk_widget_get_parent (GTK_WIDGET (card)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "pipeline.move-right", NULL));
  wait_for_draw (f);
  g_assert_cmpint (stage_of (f, id), ==, stage_id (f, 2));

  /* And back with Alt+Left. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "pipeline.move-left", NULL));
  wait_for_draw (f);
  g_assert_cmpint (stage_of (f, id), ==, stage_id (f, 1));

  /* The card's menu opens on its button, with Move To. */
  card = find_card (f, 1, id);
  g_assert_nonnull (card);
  g_signal_emit_by_name (rapport_opportunity_card_get_menu_button (card), "clicked");
  shell_test_flush ();
  {
    GtkWidget *popover = gtk_widget_get_last_child (GTK_WIDGET (rapport_opportunity_card_get_menu_button (card)));

    g_assert_true (GTK_IS_POPOVER_MENU (popover));
    g_assert_true (shows_text (popover, "Move To") || shows_text (popover, "_Move To"));
    gtk_popover_popdown (GTK_POPOVER (popover));
    shell_test_flush ();
  }

  /* Move To ▸ Negotiation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "pipeline.move", "(xx)", id, stage_id (f, 3)));
  wait_for_draw (f);
  g_assert_cmpint (stage_of (f, id), ==, stage_id (f, 3));
  g_assert_cmpuint (column_count (f, 3), ==, 1);
}

static gboolean
drop_on_column (Fixture            *f,
                guint               column,
                RapportOpportunity *opportunity)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (rapport_pipeline_page_get_column (f->page, column)));
  g_auto (GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, RAPPORT_TYPE_OPPORTUNITY);
  g_value_set_object (&value, opportunity);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_assert_true (gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)) != NULL);
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &accepted);
          return accepted;
        }
    }

  g_assert_not_reached ();
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (RapportOpportunity) opportunity = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  id = add_opportunity (f, "Lamps", 0, 100000, "CNY", "2026-04-30");
  show_page (f);

  /* What a drag carries: the card's opportunity. */
  opportunity = g_object_ref (rapport_opportunity_card_get_opportunity (find_card (f, 0, id)));
  g_assert_true (drop_on_column (f, 2, opportunity));
  wait_for_draw (f);
  g_assert_cmpint (stage_of (f, id), ==, stage_id (f, 2));
  g_assert_cmpuint (column_count (f, 0), ==, 0);
  g_assert_cmpuint (column_count (f, 2), ==, 1);
  g_assert_nonnull (find_card (f, 2, id));
  g_clear_object (&opportunity);

  /* On Won: the win action closes it there. */
  opportunity = g_object_ref (rapport_opportunity_card_get_opportunity (find_card (f, 2, id)));
  g_assert_true (drop_on_column (f, 4, opportunity));
  wait_for_draw (f);
  g_clear_object (&opportunity);
  opportunity = rapport_store_get_opportunity (f->t.db, id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_opportunity_is_closed (opportunity));
  g_assert_cmpint (rapport_opportunity_get_stage_id (opportunity), ==, stage_id (f, 4));
  g_assert_cmpuint (column_count (f, 4), ==, 1);
  g_assert_nonnull (find_card (f, 4, id));
}

static GtkColumnViewColumn *
find_list_column (Fixture    *f,
                  const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (rapport_pipeline_page_get_column_view (f->page));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

static void
assert_list_order (Fixture *f,
                   guint    n,
                   ...)
{
  GListModel *model = rapport_pipeline_page_get_list_model (f->page);
  va_list args;

  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportOpportunity) opportunity = g_list_model_get_item (model, i);

      g_assert_cmpint (rapport_opportunity_get_id (opportunity), ==, va_arg (args, gint64));
    }
  va_end (args);
}

static void
test_list_sorts (Fixture       *f,
                 gconstpointer  data)
{
  GtkColumnView *view = rapport_pipeline_page_get_column_view (f->page);
  gint64 small, large, middle, won;

  rapport_clock_set_fixed (f->t.clock, TEST_NOW - 30 * DAY);
  small = add_opportunity (f, "Small", 0, 100, "CNY", "2026-05-01");
  rapport_clock_set_fixed (f->t.clock, TEST_NOW - 10 * DAY);
  large = add_opportunity (f, "Large", 1, 900000, "CNY", "2026-04-01");
  rapport_clock_set_fixed (f->t.clock, TEST_NOW - 20 * DAY);
  middle = add_opportunity (f, "Middle", 2, 5000, "CNY", NULL);
  rapport_clock_set_fixed (f->t.clock, TEST_NOW);
  won = add_opportunity (f, "Won already", 0, 1, "CNY", "2026-03-20");
  g_assert_true (rapport_store_win_opportunity (f->t.db, won, NULL));
  show_page (f);

  rapport_pipeline_page_set_view (f->page, "list");
  wait_for_draw (f);

  /* Open ones only, by expected close, none last. */
  assert_list_order (f, 3, large, small, middle);

  gtk_column_view_sort_by_column (view, find_list_column (f, "Amount"), GTK_SORT_DESCENDING);
  assert_list_order (f, 3, large, middle, small);
  gtk_column_view_sort_by_column (view, find_list_column (f, "Amount"), GTK_SORT_ASCENDING);
  assert_list_order (f, 3, small, middle, large);

  /* Stage age: the longest in its stage first when descending. */
  gtk_column_view_sort_by_column (view, find_list_column (f, "In Stage"), GTK_SORT_DESCENDING);
  assert_list_order (f, 3, small, middle, large);
  gtk_column_view_sort_by_column (view, find_list_column (f, "In Stage"), GTK_SORT_ASCENDING);
  assert_list_order (f, 3, large, middle, small);

  gtk_column_view_sort_by_column (view, find_list_column (f, "Expected Close"), GTK_SORT_DESCENDING);
  assert_list_order (f, 3, small, large, middle);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
record_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
test_change_bus (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr (RapportOpportunity) opportunity = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *totals = NULL;
  RapportOpportunityListModel *model;
  guint reads_before;
  gint64 first, second, later;

  first = add_opportunity (f, "First", 0, 100, "CNY", "2026-04-01");
  second = add_opportunity (f, "Second", 0, 200, "CNY", "2026-06-01");
  show_page (f);

  model = rapport_pipeline_column_get_model (rapport_pipeline_page_get_column (f->page, 0));
  g_signal_connect (model, "items-changed", G_CALLBACK (record_items_changed), changes);
  reads_before = rapport_opportunity_list_model_get_n_reads (
    rapport_pipeline_column_get_model (rapport_pipeline_page_get_column (f->page, 3)));

  /* A new one between them: one insertion at its place. */
  later = add_opportunity (f, "Between", 0, 300, "CNY", "2026-05-01");
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 1);
  g_assert_cmpuint (column_count (f, 0), ==, 3);
  totals = rapport_pipeline_column_dup_totals_text (rapport_pipeline_page_get_column (f->page, 0));
  g_assert_cmpstr (totals, ==, "¥6.00 · weighted ¥0.60");

  /* Edited in place: that row only. */
  g_array_set_size (changes, 0);
  opportunity = rapport_store_get_opportunity (f->t.db, second, &error);
  g_assert_no_error (error);
  rapport_opportunity_set_title (opportunity, "Second, renamed");
  g_assert_true (rapport_store_update_opportunity (f->t.db, opportunity, &error));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 2);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 1);
  wait_for_draw (f);
  g_assert_cmpstr (rapport_opportunity_card_get_text (find_card (f, 0, second), "title"), ==, "Second, renamed");

  /* To the Trash: gone from its column, which alone was read again. */
  g_array_set_size (changes, 0);
  g_assert_true (rapport_store_trash_opportunity (f->t.db, first, &error));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 0);
  g_assert_cmpuint (column_count (f, 0), ==, 2);
  g_assert_cmpuint (rapport_opportunity_list_model_get_n_reads (
                      rapport_pipeline_column_get_model (rapport_pipeline_page_get_column (f->page, 3))),
                    ==, reads_before);
  g_assert_true (rapport_opportunity_list_model_contains (model, later));

  /* The customer renamed: its cards show the new name. */
  {
    g_autoptr (RapportCustomer) customer = rapport_store_get_customer (f->t.db, f->customer_id, &error);

    g_assert_no_error (error);
    rapport_customer_set_name (customer, "新源电器有限公司");
    g_assert_true (rapport_store_update_customer (f->t.db, customer, &error));
    g_assert_no_error (error);
    wait_for_draw (f);
    g_assert_cmpstr (rapport_opportunity_card_get_text (find_card (f, 0, second), "customer"), ==, "新源电器有限公司");
  }

  g_signal_handlers_disconnect_by_func (model, record_items_changed, changes);
}

static void
test_owner_filter (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (RapportOpportunity) opportunity = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *totals = NULL;
  gint64 mine, theirs, li;

  li = rapport_store_add_staff_member (f->t.db, "李娜", NULL, &error);
  g_assert_no_error (error);
  mine = add_opportunity (f, "Mine", 0, 100, "CNY", NULL);
  theirs = add_opportunity (f, "Theirs", 0, 200, "CNY", NULL);
  opportunity = rapport_store_get_opportunity (f->t.db, theirs, &error);
  rapport_opportunity_set_owner_id (opportunity, li);
  g_assert_true (rapport_store_update_opportunity (f->t.db, opportunity, &error));
  g_assert_no_error (error);
  show_page (f);

  g_assert_cmpuint (column_count (f, 0), ==, 2);
  /* Someone else's card names the owner. */
  g_assert_cmpstr (rapport_opportunity_card_get_text (find_card (f, 0, theirs), "owner"), ==, "Owner: 李娜");
  g_assert_cmpstr (rapport_opportunity_card_get_text (find_card (f, 0, mine), "owner"), ==, "");

  rapport_pipeline_page_set_owner_filter (f->page, li);
  wait_for_draw (f);
  g_assert_cmpuint (column_count (f, 0), ==, 1);
  totals = rapport_pipeline_column_dup_totals_text (rapport_pipeline_page_get_column (f->page, 0));
  g_assert_cmpstr (totals, ==, "¥2.00 · weighted ¥0.20");
  g_assert_nonnull (find_card (f, 0, theirs));
  g_assert_null (find_card (f, 0, mine));

  /* 0 is the default user, whose opportunities have no owner set. */
  rapport_pipeline_page_set_owner_filter (f->page, 0);
  wait_for_draw (f);
  g_assert_cmpuint (column_count (f, 0), ==, 1);
  g_assert_nonnull (find_card (f, 0, mine));

  rapport_pipeline_page_set_owner_filter (f->page, RAPPORT_PIPELINE_ANY_OWNER);
  wait_for_draw (f);
  g_assert_cmpuint (column_count (f, 0), ==, 2);
}

static void
test_activate_opens (Fixture       *f,
                     gconstpointer  data)
{
  GtkListView *list_view;
  gint64 id;

  id = add_opportunity (f, "Lamps", 0, 100000, "CNY", "2026-04-30");
  show_page (f);
  g_assert_nonnull (find_card (f, 0, id));

  /* Enter or a double click on a card: the list view's activate. */
  list_view = rapport_pipeline_column_get_list_view (rapport_pipeline_page_get_column (f->page, 0));
  g_signal_emit_by_name (list_view, "activate", 0);
  shell_test_flush ();
  g_assert_nonnull (shell_test_find_toplevel (RAPPORT_TYPE_OPPORTUNITY_DIALOG, f->window));
}

/* A long column offers its list its first cards, and more as it scrolls. */
static void
test_long_column (Fixture       *f,
                  gconstpointer  data)
{
  GtkListView *list_view;
  GtkAdjustment *adjustment;
  guint shown;

  for (int i = 0; i < 60; i++)
    {
      g_autofree char *title = g_strdup_printf ("Deal %02d", i);

      add_opportunity (f, title, 0, 100 * (i + 1), "CNY", NULL);
    }
  show_page (f);

  g_assert_cmpuint (column_count (f, 0), ==, 60);
  list_view = rapport_pipeline_column_get_list_view (rapport_pipeline_page_get_column (f->page, 0));
  shown = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view)));
  g_assert_cmpuint (shown, <, 60);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  wait_for_draw (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view))), >, shown);
}

static gboolean
is_status_page_titled (GtkWidget *widget,
                       gpointer   title)
{
  return ADW_IS_STATUS_PAGE (widget) && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *status;

  show_page (f);

  status = shell_test_find_widget (GTK_WIDGET (f->page), is_status_page_titled,
                                   (gpointer) "No Opportunities");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));

  add_opportunity (f, "First", 0, 100, "CNY", NULL);
  wait_for_draw (f);
  g_assert_false (gtk_widget_get_mapped (status));
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/pipeline-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("columns-and-totals", test_columns_and_totals);
  ADD ("stalled", test_stalled);
  ADD ("keyboard-move", test_keyboard_move);
  ADD ("drop", test_drop);
  ADD ("list-sorts", test_list_sorts);
  ADD ("change-bus", test_change_bus);
  ADD ("owner-filter", test_owner_filter);
  ADD ("empty", test_empty);
  ADD ("activate-opens", test_activate_opens);
  ADD ("long-column", test_long_column);
#undef ADD

  return shell_test_run ();
}
