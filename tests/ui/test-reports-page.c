/* test-reports-page.c
 *
 * The Reports section on a real session with a fixed clock (2026-03-18):
 * choosing a report computes it on a worker and shows its sections (title,
 * chart, table); a period with no orders shows an empty state, not charts;
 * clicking a bar, a table row or a value-matrix cell lists the customers
 * behind it, and activating one asks the window to open it; changing the
 * period while a report computes shows only the last one; the filters reach
 * the query; the main window has the Reports section, wide and narrow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-chart.h"
#include "rapport-reports-page.h"
#include "rapport-window.h"
#include "shell-test-utils.h"

typedef struct
{
  TestDb              t;
  GtkWindow          *window;
  RapportReportsPage *page;
  gint64              acme_id;
  gint64              suyang_id;
  gint64              opened_id;
} Fixture;

static gint64
add_customer (Fixture          *f,
              const char       *name,
              RapportTier       tier,
              RapportPotential  potential)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;

  rapport_customer_set_name (customer, name);
  rapport_customer_set_stage (customer, RAPPORT_STAGE_ACTIVE);
  rapport_customer_set_tier (customer, tier);
  rapport_customer_set_potential (customer, potential);
  rapport_store_insert_customer (f->t.db, customer, &error);
  g_assert_no_error (error);

  return rapport_customer_get_id (customer);
}

static void
add_order (Fixture    *f,
           gint64      customer_id,
           const char *ordered_on,
           gint64      amount)
{
  g_autoptr (RapportOrder) order = rapport_order_new ();
  g_autoptr (GError) error = NULL;

  rapport_order_set_customer_id (order, customer_id);
  rapport_order_set_ordered_on (order, ordered_on);
  rapport_order_set_amount (order, amount);
  rapport_order_set_currency (order, "CNY");
  rapport_store_insert_order (f->t.db, order, &error);
  g_assert_no_error (error);
}

static void
open_customer_cb (RapportReportsPage *page,
                  gint64              customer_id,
                  Fixture            *f)
{
  f->opened_id = customer_id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *overlay;

  test_db_open (&f->t);
  rapport_session_set_default_currency (f->t.session, "CNY");

  f->acme_id = add_customer (f, "Acme Trading", RAPPORT_TIER_GOLD, RAPPORT_POTENTIAL_HIGH);
  f->suyang_id = add_customer (f, "苏州速阳建材", RAPPORT_TIER_LEAD, RAPPORT_POTENTIAL_LOW);
  add_order (f, f->acme_id, "2026-01-12", 8640000);
  add_order (f, f->acme_id, "2026-02-20", 1200000);
  add_order (f, f->suyang_id, "2026-03-02", 350000);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, GPOINTER_TO_INT (data) != 0 ? GPOINTER_TO_INT (data) : 1280, 800);
  f->page = RAPPORT_REPORTS_PAGE (rapport_reports_page_new ());
  g_signal_connect (f->page, "open-customer", G_CALLBACK (open_customer_cb), f);
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
  shell_test_destroy_window (g_steal_pointer (&f->window));
  rapport_session_close (f->t.session);
  test_db_close (&f->t);
}

static gboolean
report_ready (gpointer data)
{
  Fixture *f = data;

  return !rapport_reports_page_get_computing (f->page) && rapport_reports_page_get_report (f->page) != NULL;
}

static void
wait_for_report (Fixture *f)
{
  shell_test_wait_for (report_ready, f);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static gboolean
is_shown_chart (GtkWidget *widget,
                gpointer   data)
{
  return RAPPORT_IS_CHART (widget) && is_shown (widget);
}

static gboolean
is_shown_label (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && is_shown (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
has_css_class (GtkWidget *widget,
               gpointer   data)
{
  return is_shown (widget) && gtk_widget_has_css_class (widget, data);
}

static gboolean
customers_listed (gpointer data)
{
  Fixture *f = data;

  return rapport_reports_page_get_customer_total (f->page) >= 0;
}

/* The names the customer list beside the report shows. */
static char *
listed_names (Fixture *f)
{
  GtkListBox *list = rapport_reports_page_get_customer_list (f->page);
  g_autoptr (GString) names = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The page starts on the value matrix; picking Contribution computes it and
 * shows its sections as cards with a chart and the table behind it. */
static void
test_choose_report (Fixture       *f,
                    gconstpointer  data)
{
  RapportReport *report;
  RapportReportSection *section;
  GtkWidget *chart;

  rapport_reports_page_set_session (f->page, f->t.session);
  wait_for_report (f);
  g_assert_cmpint (rapport_reports_page_get_kind (f->page), ==, RAPPORT_REPORT_VALUE_MATRIX);
  g_assert_cmpint (rapport_report_get_kind (rapport_reports_page_get_report (f->page)), ==,
                   RAPPORT_REPORT_VALUE_MATRIX);

  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_CONTRIBUTION);
  g_assert_true (rapport_reports_page_get_computing (f->page));
  wait_for_report (f);

  report = rapport_reports_page_get_report (f->page);
  g_assert_cmpint (rapport_report_get_kind (report), ==, RAPPORT_REPORT_CONTRIBUTION);
  g_assert_cmpstr (rapport_reports_page_get_view (f->page), ==, "report");
  g_assert_cmpstr (rapport_reports_page_get_query (f->page)->to, ==, "2026-03-18");
  g_assert_cmpstr (rapport_reports_page_get_query (f->page)->from, ==, "2025-04-01");
  g_assert_cmpuint (rapport_report_get_n_sections (report), >, 0);

  /* Each section's title is on screen; the first one with rows has its chart. */
  for (guint i = 0; i < rapport_report_get_n_sections (report); i++)
    g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->window), is_shown_label,
                                              (gpointer) rapport_report_section_get_title (rapport_report_get_section (report, i))));
  chart = shell_test_find_widget (GTK_WIDGET (f->window), is_shown_chart, NULL);
  g_assert_nonnull (chart);
  section = rapport_chart_get_section (RAPPORT_CHART (chart));
  g_assert_cmpuint (rapport_report_section_get_n_rows (section), >, 0);
  g_assert_cmpint (gtk_widget_get_height (chart), >, 100);
  /* The table behind it names the customers. */
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->window), is_shown_label, (gpointer) "Acme Trading"));
}

static gboolean
is_date_row_with_text (GtkWidget *widget,
                       gpointer   data)
{
  return ADW_IS_ENTRY_ROW (widget) && is_shown (widget) &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

/* A period without orders shows empty states: the report's, or each
 * section's, never an empty chart. */
static void
test_empty_period (Fixture       *f,
                   gconstpointer  data)
{
  RapportReport *report;

  rapport_reports_page_set_session (f->page, f->t.session);
  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_CONTRIBUTION);
  wait_for_report (f);
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->window), is_shown_chart, NULL));

  /* Custom… starts from the period shown: nothing to compute yet. */
  rapport_reports_page_set_period (f->page, RAPPORT_REPORT_PERIOD_CUSTOM);
  g_assert_false (rapport_reports_page_get_computing (f->page));
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->window), is_date_row_with_text, (gpointer) "2025-04-01"));

  rapport_reports_page_set_custom_period (f->page, "2001-01-01", "2001-12-31");
  g_assert_cmpint (rapport_reports_page_get_period (f->page), ==, RAPPORT_REPORT_PERIOD_CUSTOM);
  wait_for_report (f);

  report = rapport_reports_page_get_report (f->page);
  g_assert_cmpstr (rapport_reports_page_get_query (f->page)->from, ==, "2001-01-01");
  g_assert_null (shell_test_find_widget (GTK_WIDGET (f->window), is_shown_chart, NULL));
  if (rapport_report_get_empty_text (report) != NULL)
    {
      g_assert_cmpstr (rapport_reports_page_get_view (f->page), ==, "empty");
      g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->window), is_shown_label,
                                                (gpointer) rapport_report_get_empty_text (report)));
    }
  else
    {
      g_assert_cmpstr (rapport_reports_page_get_view (f->page), ==, "report");
      g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->window), has_css_class, "rapport-report-empty"));
    }
}

static gboolean
is_matrix_cell (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_BUTTON (widget) && is_shown (widget) && gtk_widget_has_css_class (widget, data);
}

/* Clicking a value-matrix cell lists its customers beside the report;
 * activating one asks for its page. */
static void
test_matrix_cell_lists_customers (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *cell;
  GtkWidget *empty_cell;
  GtkListBox *list;
  g_autofree char *names = NULL;

  rapport_reports_page_set_session (f->page, f->t.session);
  wait_for_report (f);
  g_assert_cmpstr (rapport_reports_page_get_view (f->page), ==, "report");

  cell = shell_test_find_widget (GTK_WIDGET (f->window), is_matrix_cell, "matrix-gold-high");
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_get_sensitive (cell));
  /* A cell with nobody in it has nothing to list. */
  empty_cell = shell_test_find_widget (GTK_WIDGET (f->window), is_matrix_cell, "matrix-platinum-high");
  g_assert_nonnull (empty_cell);
  g_assert_false (gtk_widget_get_sensitive (empty_cell));

  g_assert_true (gtk_widget_activate (cell));
  shell_test_wait_for (customers_listed, f);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  names = listed_names (f);
  g_assert_cmpstr (names, ==, "Acme Trading");
  g_assert_cmpint (rapport_reports_page_get_customer_total (f->page), ==, 1);

  list = rapport_reports_page_get_customer_list (f->page);
  g_assert_true (is_shown (GTK_WIDGET (list)));
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpint (f->opened_id, ==, f->acme_id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.close-customers", NULL));
  g_assert_false (is_shown (GTK_WIDGET (list)));
  g_assert_cmpint (rapport_reports_page_get_customer_total (f->page), ==, -1);
}

/* Clicking a bar (the chart's category-activated) or activating a table row
 * lists the customers behind it. */
static void
test_bar_lists_customers (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *chart;
  RapportReportSection *section;
  guint row = G_MAXUINT;

  rapport_reports_page_set_session (f->page, f->t.session);
  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_CONTRIBUTION);
  wait_for_report (f);

  chart = shell_test_find_widget (GTK_WIDGET (f->window), is_shown_chart, NULL);
  g_assert_nonnull (chart);
  section = rapport_chart_get_section (RAPPORT_CHART (chart));
  for (guint r = 0; r < rapport_report_section_get_n_rows (section) && row == G_MAXUINT; r++)
    if (rapport_report_section_get_drill_key (section, r) != NULL)
      row = r;
  g_assert_cmpuint (row, !=, G_MAXUINT);

  g_signal_emit_by_name (chart, "category-activated", row);
  shell_test_wait_for (customers_listed, f);
  g_assert_cmpint (rapport_reports_page_get_customer_total (f->page), >, 0);
  g_assert_nonnull (gtk_list_box_get_row_at_index (rapport_reports_page_get_customer_list (f->page), 0));

  /* The same through the page, as a table row's activation does. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.close-customers", NULL);
  rapport_reports_page_show_customers (f->page, rapport_report_section_get_id (section), row);
  g_assert_cmpint (rapport_reports_page_get_customer_total (f->page), ==, -1);
  shell_test_wait_for (customers_listed, f);
  g_assert_cmpint (rapport_reports_page_get_customer_total (f->page), >, 0);
}

static gboolean
is_toast_text (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
toast_shown (gpointer data)
{
  Fixture *f = data;

  return shell_test_find_widget (GTK_WIDGET (f->window), is_toast_text, (gpointer) "Report saved as") != NULL;
}

/* Export writes the report's table (here CSV) and says so in a toast. */
static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->t.dir, "contribution.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;

  rapport_reports_page_set_session (f->page, f->t.session);
  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_CONTRIBUTION);
  g_assert_false (rapport_reports_page_export_to (f->page, RAPPORT_REPORT_FORMAT_CSV, file));
  wait_for_report (f);

  g_assert_true (rapport_reports_page_export_to (f->page, RAPPORT_REPORT_FORMAT_CSV, file));
  shell_test_wait_for (toast_shown, f);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Acme Trading"));
  g_assert_nonnull (strstr (contents, "苏州速阳建材"));
}

/* A change of period while the report computes cancels it: only the last
 * query's report is shown. */
static void
test_last_query_wins (Fixture       *f,
                      gconstpointer  data)
{
  RapportReport *report;

  rapport_reports_page_set_session (f->page, f->t.session);
  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_COMPOSITION);
  rapport_reports_page_set_period (f->page, RAPPORT_REPORT_PERIOD_THIS_MONTH);
  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_CONTRIBUTION);
  rapport_reports_page_set_period (f->page, RAPPORT_REPORT_PERIOD_LAST_YEAR);
  wait_for_report (f);

  report = rapport_reports_page_get_report (f->page);
  g_assert_cmpint (rapport_report_get_kind (report), ==, RAPPORT_REPORT_CONTRIBUTION);
  g_assert_cmpstr (rapport_report_get_query (report)->from, ==, "2025-01-01");
  g_assert_cmpstr (rapport_report_get_query (report)->to, ==, "2025-12-31");
  shell_test_flush ();
  g_assert_true (rapport_reports_page_get_report (f->page) == report);
}

/* The work log takes its own period (this week) and steps (day, week). */
static void
test_work_log_period (Fixture       *f,
                      gconstpointer  data)
{
  rapport_reports_page_set_session (f->page, f->t.session);
  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_WORK_LOG);
  wait_for_report (f);

  g_assert_cmpint (rapport_reports_page_get_period (f->page), ==, RAPPORT_REPORT_PERIOD_THIS_WEEK);
  g_assert_cmpstr (rapport_reports_page_get_query (f->page)->from, ==, "2026-03-16");
  g_assert_cmpstr (rapport_reports_page_get_query (f->page)->to, ==, "2026-03-22");
  g_assert_cmpint (rapport_reports_page_get_query (f->page)->step, ==, RAPPORT_REPORT_STEP_DAY);

  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_CHURN);
  wait_for_report (f);
  g_assert_cmpint (rapport_reports_page_get_period (f->page), ==, RAPPORT_REPORT_PERIOD_LAST_12_MONTHS);
  g_assert_cmpint (rapport_reports_page_get_query (f->page)->step, ==, RAPPORT_REPORT_STEP_MONTH);
}

static gboolean
is_dropdown_with_item (GtkWidget *widget,
                       gpointer   data)
{
  GListModel *model;

  if (!GTK_IS_DROP_DOWN (widget) || (model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget))) == NULL ||
      !GTK_IS_STRING_LIST (model) || g_list_model_get_n_items (model) == 0)
    return FALSE;

  return g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), data) == 0;
}

static gboolean
is_filter_button (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), _("Filters")) == 0;
}

/* The tier filter reaches the query, shows as a chip and clears with it. */
static void
test_tier_filter (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *button;
  GtkWidget *tiers;

  rapport_reports_page_set_session (f->page, f->t.session);
  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_CONTRIBUTION);
  wait_for_report (f);
  g_assert_cmpint (rapport_reports_page_get_query (f->page)->tier, ==, -1);

  /* The drop-downs live in the filters' popover. */
  button = shell_test_find_widget (GTK_WIDGET (f->page), is_filter_button, NULL);
  g_assert_nonnull (button);
  tiers = shell_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                                  is_dropdown_with_item, (gpointer) _("Any Tier"));
  g_assert_nonnull (tiers);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tiers), 1 + RAPPORT_TIER_GOLD);
  g_assert_true (rapport_reports_page_get_computing (f->page));
  g_assert_cmpint (rapport_reports_page_get_query (f->page)->tier, ==, RAPPORT_TIER_GOLD);
  wait_for_report (f);
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->page), has_css_class, "filter-chip"));
  g_assert_null (shell_test_find_widget (GTK_WIDGET (f->window), is_shown_label, (gpointer) "苏州速阳建材"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.clear-filters", NULL));
  g_assert_cmpint (rapport_reports_page_get_query (f->page)->tier, ==, -1);
  wait_for_report (f);
  g_assert_null (shell_test_find_widget (GTK_WIDGET (f->page), has_css_class, "filter-chip"));
}

/* At phone width the list, the report and the customers are one column. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *cell;
  GtkListBox *list;

  rapport_reports_page_set_session (f->page, f->t.session);
  wait_for_report (f);
  list = rapport_reports_page_get_customer_list (f->page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.show-list", NULL));
  shell_test_flush ();
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->window), is_shown_label,
                                            (gpointer) rapport_report_kind_get_title (RAPPORT_REPORT_WORK_LOG)));
  g_assert_null (shell_test_find_widget (GTK_WIDGET (f->window), is_matrix_cell, "matrix-gold-high"));

  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_CONTRIBUTION);
  rapport_reports_page_set_kind (f->page, RAPPORT_REPORT_VALUE_MATRIX);
  wait_for_report (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.show-list", NULL);
  shell_test_flush ();
  /* Activating the chosen report's row goes to it. */
  {
    GtkWidget *reports = shell_test_find_widget (GTK_WIDGET (f->page), has_css_class, "navigation-sidebar");
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (reports), 0);

    g_signal_emit_by_name (reports, "row-activated", row);
  }
  shell_test_flush ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  cell = shell_test_find_widget (GTK_WIDGET (f->window), is_matrix_cell, "matrix-gold-high");
  g_assert_nonnull (cell);
  g_assert_cmpint (gtk_widget_get_width (cell), >, 100);

  gtk_widget_activate (cell);
  shell_test_wait_for (customers_listed, f);
  shell_test_flush ();
  /* The customers take the screen; Back goes to the report. */
  g_assert_true (is_shown (GTK_WIDGET (list)));
  g_assert_false (is_shown (cell));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.close-customers", NULL));
  shell_test_flush ();
  g_assert_true (is_shown (cell));
}

static void
test_period_ranges (void)
{
  static const struct
  {
    RapportReportPeriod period;
    const char         *today;
    const char         *from;
    const char         *to;
  } cases[] = {
    { RAPPORT_REPORT_PERIOD_THIS_WEEK, "2026-03-18", "2026-03-16", "2026-03-22" },
    { RAPPORT_REPORT_PERIOD_THIS_WEEK, "2026-03-22", "2026-03-16", "2026-03-22" },
    { RAPPORT_REPORT_PERIOD_THIS_MONTH, "2026-03-18", "2026-03-01", "2026-03-18" },
    { RAPPORT_REPORT_PERIOD_LAST_3_MONTHS, "2026-03-18", "2026-01-01", "2026-03-18" },
    { RAPPORT_REPORT_PERIOD_LAST_3_MONTHS, "2026-01-31", "2025-11-01", "2026-01-31" },
    { RAPPORT_REPORT_PERIOD_LAST_12_MONTHS, "2026-03-18", "2025-04-01", "2026-03-18" },
    { RAPPORT_REPORT_PERIOD_THIS_YEAR, "2026-03-18", "2026-01-01", "2026-03-18" },
    { RAPPORT_REPORT_PERIOD_LAST_YEAR, "2026-03-18", "2025-01-01", "2025-12-31" },
  };
  char *from = NULL, *to = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (rapport_report_period_get_range (cases[i].period, cases[i].today, &from, &to));
      g_assert_cmpstr (from, ==, cases[i].from);
      g_assert_cmpstr (to, ==, cases[i].to);
      g_clear_pointer (&from, g_free);
      g_clear_pointer (&to, g_free);
    }

  g_assert_false (rapport_report_period_get_range (RAPPORT_REPORT_PERIOD_CUSTOM, "2026-03-18", &from, &to));
  g_assert_false (rapport_report_period_get_range (RAPPORT_REPORT_PERIOD_THIS_MONTH, "2026-02-30", &from, &to));
  g_assert_null (from);
}

/* The main window: a Reports entry in the sidebar shows the page in the
 * list's and the page's room; a listed customer opens in the customer list. */

typedef struct
{
  char               *dir;
  RapportApplication *app;
  RapportDatabase    *db;
  RapportSession     *session;
  RapportWindow      *window;
} WindowFixture;

static void
window_fixture_set_up (WindowFixture *f,
                       gconstpointer  data)
{
  f->dir = shell_test_make_dir ();
  f->app = shell_test_new_application ();
  f->db = shell_test_open_database (f->dir);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
}

static void
window_fixture_tear_down (WindowFixture *f,
                          gconstpointer  data)
{
  if (f->window != NULL)
    shell_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));
  rapport_session_close (f->session);
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->db));
  g_clear_object (&f->app);
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gboolean
view_is_browse (gpointer data)
{
  return g_strcmp0 (rapport_window_get_visible_view (data), "browse") == 0;
}

static gboolean
is_reports_page (GtkWidget *widget,
                 gpointer   data)
{
  return RAPPORT_IS_REPORTS_PAGE (widget);
}

static gboolean
is_sidebar_row (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && shell_test_find_widget (widget, is_shown_label, data) != NULL;
}

static gboolean
page_has_report (gpointer data)
{
  return rapport_reports_page_get_report (data) != NULL && !rapport_reports_page_get_computing (data);
}

static void
test_window_section (WindowFixture *f,
                     gconstpointer  data)
{
  gboolean narrow = GPOINTER_TO_INT (data);
  GtkWidget *page;
  GtkWidget *row;
  gint64 id;

  id = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  f->window = rapport_window_new (f->app, f->session);
  gtk_window_set_default_size (GTK_WINDOW (f->window), narrow ? 360 : 1280, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  shell_test_wait_for (view_is_browse, f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  page = shell_test_find_widget (GTK_WIDGET (f->window), is_reports_page, NULL);
  g_assert_nonnull (page);
  g_assert_false (is_shown (page));

  if (narrow)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-sidebar", NULL);
      shell_test_flush ();
    }
  row = shell_test_find_widget (GTK_WIDGET (f->window), is_sidebar_row, (gpointer) _("Reports"));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_focusable (row));
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  shell_test_flush ();
  g_assert_cmpstr (rapport_window_get_section (f->window), ==, "reports");
  g_assert_true (is_shown (page));
  if (narrow)
    g_assert_cmpstr (rapport_window_get_visible_pane (f->window), ==, "content");

  shell_test_wait_for (page_has_report, page);

  /* A customer behind a row opens as customers open elsewhere. */
  g_signal_emit_by_name (page, "open-customer", id);
  shell_test_flush ();
  g_assert_cmpstr (rapport_window_get_section (f->window), ==, "customers");
  g_assert_cmpint (rapport_window_get_customer_id (f->window), ==, id);
  g_assert_false (is_shown (page));
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/reports-page/period-ranges", test_period_ranges);
  g_test_add ("/reports-page/choose-report", Fixture, NULL, fixture_set_up, test_choose_report, fixture_tear_down);
  g_test_add ("/reports-page/empty-period", Fixture, NULL, fixture_set_up, test_empty_period, fixture_tear_down);
  g_test_add ("/reports-page/matrix-cell-lists-customers", Fixture, NULL, fixture_set_up,
              test_matrix_cell_lists_customers, fixture_tear_down);
  g_test_add ("/reports-page/bar-lists-customers", Fixture, NULL, fixture_set_up, test_bar_lists_customers,
              fixture_tear_down);
  g_test_add ("/reports-page/export-csv", Fixture, NULL, fixture_set_up, test_export_csv, fixture_tear_down);
  g_test_add ("/reports-page/last-query-wins", Fixture, NULL, fixture_set_up, test_last_query_wins,
              fixture_tear_down);
  g_test_add ("/reports-page/work-log-period", Fixture, NULL, fixture_set_up, test_work_log_period,
              fixture_tear_down);
  g_test_add ("/reports-page/tier-filter", Fixture, NULL, fixture_set_up, test_tier_filter, fixture_tear_down);
  g_test_add ("/reports-page/narrow", Fixture, GINT_TO_POINTER (360), fixture_set_up, test_narrow,
              fixture_tear_down);
  g_test_add ("/reports-page/window-section", WindowFixture, GINT_TO_POINTER (FALSE), window_fixture_set_up,
              test_window_section, window_fixture_tear_down);
  g_test_add ("/reports-page/window-section-narrow", WindowFixture, GINT_TO_POINTER (TRUE), window_fixture_set_up,
              test_window_section, window_fixture_tear_down);

  return shell_test_run ();
}
