/* test-customer-list.c
 *
 * The list pane: search as you type, filters, sort, the
 * "No Results" state, names shown as plain text, rows recycled while scrolling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-clock.h"
#include "rapport-customer-list.h"
#include "rapport-customer-row.h"
#include "shell-test-utils.h"

typedef struct
{
  char                *dir;
  RapportDatabase     *db;
  GtkWindow           *window;
  RapportCustomerList *list;
  gint64               suyang, acme, bolt;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "customer-sort");

  f->dir = shell_test_make_dir ();
  f->db = shell_test_open_database (f->dir);
  /* A minute apart, so "newest first" has one answer. */
  rapport_clock_set_fixed (rapport_clock_get_default (), 1795000000);
  f->suyang = shell_test_add_customer (f->db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, "VIP");
  rapport_clock_advance (rapport_clock_get_default (), 60);
  f->acme = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_PROSPECT, RAPPORT_TIER_LEAD, NULL);
  rapport_clock_advance (rapport_clock_get_default (), 60);
  f->bolt = shell_test_add_customer (f->db, "Bolt Supplies", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, "VIP");
  rapport_clock_set_system (rapport_clock_get_default ());

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 360, 600);
  f->list = RAPPORT_CUSTOMER_LIST (rapport_customer_list_new ());
  rapport_customer_list_set_database (f->list, f->db);
  gtk_window_set_child (f->window, GTK_WIDGET (f->list));
  gtk_window_present (f->window);
  shell_test_flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "customer-sort");

  shell_test_destroy_window (g_steal_pointer (&f->window));
  g_assert_finalize_object (g_steal_pointer (&f->db));
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
}

static GListModel *
shown_model (Fixture *f)
{
  return G_LIST_MODEL (gtk_list_view_get_model (rapport_customer_list_get_list_view (f->list)));
}

static gint64
shown_id (Fixture *f,
          guint    position)
{
  g_autoptr (RapportCustomer) customer = g_list_model_get_item (shown_model (f), position);

  return customer != NULL ? rapport_customer_get_id (customer) : 0;
}

typedef struct
{
  Fixture *f;
  guint    n;
} CountCheck;

static gboolean
has_n_items (gpointer data)
{
  CountCheck *check = data;

  return g_list_model_get_n_items (shown_model (check->f)) == check->n;
}

static void
wait_for_n_items (Fixture *f,
                  guint    n)
{
  CountCheck check = { f, n };

  shell_test_wait_for (has_n_items, &check);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GtkEditable *entry = rapport_customer_list_get_search_entry (f->list);

  g_assert_cmpuint (g_list_model_get_n_items (shown_model (f)), ==, 3);

  /* Typing goes through the entry's search-changed delay: wait, never sleep. */
  rapport_customer_list_start_search (f->list);
  gtk_editable_set_text (entry, "acme");
  wait_for_n_items (f, 1);
  g_assert_cmpint (shown_id (f, 0), ==, f->acme);
  g_assert_true (rapport_customer_list_get_is_filtered (f->list));
  g_assert_cmpstr (rapport_customer_list_get_visible_page (f->list), ==, "list");

  gtk_editable_set_text (entry, "速");
  wait_for_n_items (f, 1);
  g_assert_cmpint (shown_id (f, 0), ==, f->suyang);

  gtk_editable_set_text (entry, "zzzzqqq");
  wait_for_n_items (f, 0);
  g_assert_cmpstr (rapport_customer_list_get_visible_page (f->list), ==, "no-results");

  /* "Clear Search" brings everything back. */
  rapport_customer_list_clear_filters (f->list);
  wait_for_n_items (f, 3);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_cmpstr (rapport_customer_list_get_visible_page (f->list), ==, "list");
  g_assert_false (rapport_customer_list_get_is_filtered (f->list));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->list);

  g_assert_true (gtk_widget_activate_action (widget, "list.stage", "s", "prospect"));
  wait_for_n_items (f, 1);
  g_assert_cmpint (shown_id (f, 0), ==, f->acme);
  g_assert_true (rapport_customer_list_get_is_filtered (f->list));

  g_assert_true (gtk_widget_activate_action (widget, "list.stage", "s", ""));
  g_assert_true (gtk_widget_activate_action (widget, "list.tier", "s", "gold"));
  wait_for_n_items (f, 1);
  g_assert_cmpint (shown_id (f, 0), ==, f->suyang);

  g_assert_true (gtk_widget_activate_action (widget, "list.tier", "s", ""));
  g_assert_true (gtk_widget_activate_action (widget, "list.tag", "s", "VIP"));
  wait_for_n_items (f, 2);
  g_assert_cmpstr (rapport_customer_list_get_tag_filter (f->list), ==, "VIP");

  /* Filters combine; nothing matches both. */
  g_assert_true (gtk_widget_activate_action (widget, "list.stage", "s", "prospect"));
  wait_for_n_items (f, 0);
  g_assert_cmpstr (rapport_customer_list_get_visible_page (f->list), ==, "no-results");

  rapport_customer_list_clear_filters (f->list);
  wait_for_n_items (f, 3);
  g_assert_false (rapport_customer_list_get_is_filtered (f->list));
}

static void
test_sort_changes_order (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *sort = NULL;
  guint reads_before;

  reads_before = rapport_customer_list_model_get_n_reads (rapport_customer_list_get_model (f->list));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->list), "list.sort", "s", "created"));
  shell_test_flush ();

  /* The choice is the list's "sort" (the window keeps it as a setting). */
  g_object_get (f->list, "sort", &sort, NULL);
  g_assert_cmpstr (sort, ==, "created");
  g_assert_cmpint (rapport_customer_list_model_get_sort (rapport_customer_list_get_model (f->list)), ==,
                   RAPPORT_CUSTOMER_SORT_CREATED);
  g_assert_cmpuint (rapport_customer_list_model_get_n_reads (rapport_customer_list_get_model (f->list)), ==,
                    reads_before + 1);
  /* Newest first: Bolt was added last. */
  g_assert_cmpint (shown_id (f, 0), ==, f->bolt);
}

static void
test_select (Fixture       *f,
             gconstpointer  data)
{
  GtkEditable *entry = rapport_customer_list_get_search_entry (f->list);

  /* Selecting a customer hidden by the search clears the search. */
  gtk_editable_set_text (entry, "acme");
  wait_for_n_items (f, 1);
  rapport_customer_list_set_selected_customer_id (f->list, f->bolt);
  g_assert_cmpint (rapport_customer_list_get_selected_customer_id (f->list), ==, f->bolt);
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (f)), ==, 3);

  /* An edit elsewhere keeps the selection. */
  {
    g_autoptr (RapportCustomer) customer = rapport_store_get_customer (f->db, f->bolt, NULL);
    g_autoptr (GError) error = NULL;

    rapport_customer_set_name (customer, "Aardvark Bolts");
    rapport_store_update_customer (f->db, customer, &error);
    g_assert_no_error (error);
    shell_test_flush ();
  }
  g_assert_cmpint (rapport_customer_list_get_selected_customer_id (f->list), ==, f->bolt);

  /* Trashed, it is gone from the list and the selection. */
  {
    g_autoptr (GError) error = NULL;

    rapport_store_trash_customer (f->db, f->bolt, &error);
    g_assert_no_error (error);
    wait_for_n_items (f, 2);
    shell_test_flush ();
  }
  g_assert_cmpint (rapport_customer_list_get_selected_customer_id (f->list), ==, 0);
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0 &&
         !gtk_label_get_use_markup (GTK_LABEL (widget));
}

static void
test_name_is_plain_text (Fixture       *f,
                         gconstpointer  data)
{
  const char *name = "<b>Bold</b> & Co";

  shell_test_add_customer (f->db, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  wait_for_n_items (f, 4);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->list), is_label_with_text, (gpointer) name));
}

static void
count_rows (GtkWidget *widget,
            guint     *n_rows,
            guint     *n_bound)
{
  if (RAPPORT_IS_CUSTOMER_ROW (widget))
    {
      (*n_rows)++;
      if (rapport_customer_row_get_customer (RAPPORT_CUSTOMER_ROW (widget)) != NULL)
        (*n_bound)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_rows (child, n_rows, n_bound);
}

static gboolean
is_window_title (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_WINDOW_TITLE (widget);
}

static const char *
shown_subtitle (Fixture *f)
{
  GtkWidget *title = shell_test_find_widget (GTK_WIDGET (f->list), is_window_title, NULL);

  g_assert_nonnull (title);
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
}

/* A search shows its first 200 matches and says there are more. */
static void
test_search_says_more (Fixture       *f,
                       gconstpointer  data)
{
  GtkEditable *entry = rapport_customer_list_get_search_entry (f->list);

  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *name = g_strdup_printf ("Harbour Shop %03u", i);

      shell_test_add_customer (f->db, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
    }
  wait_for_n_items (f, 253);
  g_assert_cmpstr (shown_subtitle (f), ==, "253 customers");

  rapport_customer_list_start_search (f->list);
  gtk_editable_set_text (entry, "harbour");
  wait_for_n_items (f, 200);
  g_assert_cmpstr (shown_subtitle (f), ==, "200+ customers");

  gtk_editable_set_text (entry, "harbour shop 01");
  wait_for_n_items (f, 10);
  g_assert_cmpstr (shown_subtitle (f), ==, "10 customers");
}

/* A big book's first frame makes the rows of one screen, not the two hundred
 * GTK 4.8 makes while it does not know a row's height; the rest of the list
 * follows. */
static gboolean
shows_whole_book (gpointer data)
{
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (rapport_customer_list_get_list_view (data)));

  return g_list_model_get_n_items (shown) == 403;
}

static void
test_first_frame_makes_one_screen (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWindow *window;
  RapportCustomerList *list;
  guint n_rows = 0;
  guint n_bound = 0;
  gint64 far_down = 0;

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %03u", i);
      gint64 id = shell_test_add_customer (f->db, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);

      if (i == 300)
        far_down = id;
    }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 360, 600);
  list = RAPPORT_CUSTOMER_LIST (rapport_customer_list_new ());
  rapport_customer_list_set_database (list, f->db);
  /* Chosen before the first frame, past its rows (as the Shell's search
   * does when it opens Rapport on a customer). */
  rapport_customer_list_set_selected_customer_id (list, far_down);
  gtk_window_set_child (window, GTK_WIDGET (list));
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  count_rows (GTK_WIDGET (rapport_customer_list_get_list_view (list)), &n_rows, &n_bound);
  g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (n_rows, <, 60);

  /* Then the whole book, the chosen customer selected. */
  shell_test_wait_for (shows_whole_book, list);
  g_assert_cmpint (rapport_customer_list_get_selected_customer_id (list), ==, far_down);
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (rapport_customer_list_get_list_view (list)));
    g_autoptr (RapportCustomer) selected = g_object_ref (gtk_single_selection_get_selected_item (selection));

    g_assert_cmpint (rapport_customer_get_id (selected), ==, far_down);
  }

  shell_test_destroy_window (window);
}

/* Scrolling a long list reuses a bounded set of rows and binds each to what it
 * shows: memory does not grow with the rows scrolled past. */
static void
test_rows_recycled (Fixture       *f,
                    gconstpointer  data)
{
  const guint n_customers = 3 + 600;
  GtkAdjustment *vadjustment;
  guint most_rows = 0;
  guint most_bound = 0;
  guint pages = 0;
  /* In name order after "Acme", "Bolt" and the "Customer …" rows. */
  const char *last_name = "速阳有限公司";

  for (guint i = 0; i < n_customers - 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %03u", i);

      shell_test_add_customer (f->db, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
    }
  wait_for_n_items (f, n_customers);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (rapport_customer_list_get_list_view (f->list)));
  while (gtk_adjustment_get_value (vadjustment) <
         gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment) - 0.5)
    {
      guint n_rows = 0;
      guint n_bound = 0;

      gtk_adjustment_set_value (vadjustment,
                                gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

      count_rows (GTK_WIDGET (rapport_customer_list_get_list_view (f->list)), &n_rows, &n_bound);
      most_rows = MAX (most_rows, n_rows);
      most_bound = MAX (most_bound, n_bound);
      g_assert_cmpuint (++pages, <, n_customers);
    }

  g_test_message ("%u pages, at most %u rows, %u of them bound", pages, most_rows, most_bound);
  /* GtkListView keeps at most about 200 rows around what is visible. */
  g_assert_cmpuint (most_rows, >, 0);
  g_assert_cmpuint (most_rows, <=, 250);
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->list), is_label_with_text, (gpointer) last_name));
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add ("/ui/customer-list/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/ui/customer-list/search-says-more", Fixture, NULL, fixture_set_up, test_search_says_more, fixture_tear_down);
  g_test_add ("/ui/customer-list/first-frame-makes-one-screen", Fixture, NULL, fixture_set_up, test_first_frame_makes_one_screen, fixture_tear_down);
  g_test_add ("/ui/customer-list/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/ui/customer-list/sort-changes-order", Fixture, NULL, fixture_set_up, test_sort_changes_order, fixture_tear_down);
  g_test_add ("/ui/customer-list/select", Fixture, NULL, fixture_set_up, test_select, fixture_tear_down);
  g_test_add ("/ui/customer-list/name-is-plain-text", Fixture, NULL, fixture_set_up, test_name_is_plain_text, fixture_tear_down);
  g_test_add ("/ui/customer-list/rows-recycled", Fixture, NULL, fixture_set_up, test_rows_recycled, fixture_tear_down);

  return g_test_run ();
}
