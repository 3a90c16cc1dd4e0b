/* test-chart.c
 *
 * RapportChart: a click on a bar or a slice and Enter on the highlighted
 * one name its row; screen readers get the categories; a very long label
 * does not widen the chart; every kind of chart renders for exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-chart.h"

#include "shell-test-utils.h"

#define WIDTH 480

static RapportReportSection *
make_section (RapportChartKind kind,
              guint            n_rows,
              const char      *long_label)
{
  static const char * const months[] = { "January", "February", "March", "April", "May", "June" };
  RapportReportSection *section = rapport_report_section_new ("revenue", "Revenue by month", kind);
  guint label = rapport_report_section_add_column (section, "Month", RAPPORT_REPORT_VALUE_TEXT);
  guint amount = rapport_report_section_add_column (section, "Revenue", RAPPORT_REPORT_VALUE_MONEY);
  guint share = rapport_report_section_add_column (section, "Cumulative share", RAPPORT_REPORT_VALUE_PERCENT);

  rapport_report_section_set_currency (section, "CNY");
  rapport_report_section_add_series (section, "Revenue", amount, FALSE);
  if (kind == RAPPORT_CHART_BAR)
    rapport_report_section_add_series (section, "Cumulative share", share, TRUE);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *key = g_strdup_printf ("month:%u", i);
      guint row = rapport_report_section_add_row (section, key);

      rapport_report_section_set_text (section, row, label,
                                       long_label != NULL && i == 1 ? long_label : months[i % G_N_ELEMENTS (months)]);
      rapport_report_section_set_value (section, row, amount, (i + 1) * 1250000.0, NULL);
      rapport_report_section_set_value (section, row, share, 100.0 * (i + 1) / n_rows, NULL);
    }
  return section;
}

typedef struct
{
  GtkWindow    *window;
  RapportChart *chart;
  GArray       *activated;
} Fixture;

static void
category_activated_cb (RapportChart *chart,
                       guint         row,
                       Fixture      *f)
{
  g_array_append_val (f->activated, row);
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

static void
show_chart (Fixture              *f,
            RapportReportSection *section)
{
  f->activated = g_array_new (FALSE, FALSE, sizeof (guint));
  f->window = GTK_WINDOW (gtk_window_new ());
  f->chart = RAPPORT_CHART (rapport_chart_new ());
  rapport_chart_set_section (f->chart, section);
  g_signal_connect (f->chart, "category-activated", G_CALLBACK (category_activated_cb), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->chart));
  gtk_window_set_default_size (f->window, WIDTH, -1);
  gtk_window_present (f->window);
  test_wait_for (is_allocated, f->chart);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->chart));
}

static void
close_chart (Fixture *f)
{
  shell_test_destroy_window (f->window);
  g_array_unref (f->activated);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
}

static void
click_at (Fixture *f,
          double   x,
          double   y)
{
  GtkEventController *click = find_controller (GTK_WIDGET (f->chart), GTK_TYPE_GESTURE_CLICK);

  g_signal_emit_by_name (click, "released", 1, x, y);
}

static gboolean
press_key (Fixture *f,
           guint    keyval)
{
  GtkEventController *keys = find_controller (GTK_WIDGET (f->chart), GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

static void
test_click_bar (void)
{
  g_autoptr (RapportReportSection) section = make_section (RAPPORT_CHART_BAR, 4, NULL);
  Fixture f = { 0 };
  int width, height;

  show_chart (&f, section);
  width = gtk_widget_get_width (GTK_WIDGET (f.chart));
  height = gtk_widget_get_height (GTK_WIDGET (f.chart));
  g_assert_cmpint (height, >=, 200);

  /* The last of four bars fills the right quarter of the plot, left of the
   * percentage axis; the value axis' labels are no bar. */
  click_at (&f, width - 70, height / 2.0);
  click_at (&f, 3, height / 2.0);
  g_assert_cmpuint (f.activated->len, ==, 1);
  g_assert_cmpuint (g_array_index (f.activated, guint, 0), ==, 3);

  close_chart (&f);
}

static void
test_click_slice (void)
{
  g_autoptr (RapportReportSection) section = make_section (RAPPORT_CHART_PIE, 3, NULL);
  Fixture f = { 0 };
  int width;

  show_chart (&f, section);
  width = gtk_widget_get_width (GTK_WIDGET (f.chart));
  g_assert_cmpint (width, >=, 420);

  /* Side by side at this width: the pie on the left, centred at (8 + r, h / 2).
   * The largest slice (row 2, half the total) starts at 12 o'clock and runs
   * clockwise, so just right of the top is in it; just left is the smallest
   * (row 0), the last one. */
  {
    int height = gtk_widget_get_height (GTK_WIDGET (f.chart));
    double radius = MIN (height - 16, width * 0.45) / 2;
    double cx = 8 + radius;
    double cy = height / 2.0;

    click_at (&f, cx + 10, cy - radius / 2);
    click_at (&f, cx - 10, cy - radius / 2);
    click_at (&f, cx + radius + 2, cy + radius + 2);
  }
  g_assert_cmpuint (f.activated->len, ==, 2);
  g_assert_cmpuint (g_array_index (f.activated, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (f.activated, guint, 1), ==, 0);

  close_chart (&f);
}

static void
test_keyboard (void)
{
  g_autoptr (RapportReportSection) section = make_section (RAPPORT_CHART_BAR, 5, NULL);
  Fixture f = { 0 };

  show_chart (&f, section);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f.chart)));
  gtk_widget_grab_focus (GTK_WIDGET (f.chart));

  /* Nothing highlighted yet: Enter does nothing. */
  g_assert_false (press_key (&f, GDK_KEY_Return));
  g_assert_cmpuint (f.activated->len, ==, 0);

  g_assert_true (press_key (&f, GDK_KEY_Right));   /* the first */
  g_assert_true (press_key (&f, GDK_KEY_Right));
  g_assert_true (press_key (&f, GDK_KEY_Right));
  g_assert_true (press_key (&f, GDK_KEY_Left));
  g_assert_true (press_key (&f, GDK_KEY_Return));
  g_assert_true (press_key (&f, GDK_KEY_End));
  g_assert_true (press_key (&f, GDK_KEY_Right));   /* stays on the last */
  g_assert_true (press_key (&f, GDK_KEY_KP_Enter));
  g_assert_false (press_key (&f, GDK_KEY_a));

  g_assert_cmpuint (f.activated->len, ==, 2);
  g_assert_cmpuint (g_array_index (f.activated, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (f.activated, guint, 1), ==, 4);

  close_chart (&f);
}

/* A pie's slices go largest first, clockwise: so do Left and Right. */
static void
test_keyboard_pie (void)
{
  g_autoptr (RapportReportSection) section = make_section (RAPPORT_CHART_DONUT, 3, NULL);
  Fixture f = { 0 };

  show_chart (&f, section);
  gtk_widget_grab_focus (GTK_WIDGET (f.chart));
  g_assert_true (press_key (&f, GDK_KEY_Right));
  g_assert_true (press_key (&f, GDK_KEY_Return));
  g_assert_true (press_key (&f, GDK_KEY_Right));
  g_assert_true (press_key (&f, GDK_KEY_Right));
  g_assert_true (press_key (&f, GDK_KEY_Right));
  g_assert_true (press_key (&f, GDK_KEY_Return));

  g_assert_cmpuint (f.activated->len, ==, 2);
  g_assert_cmpuint (g_array_index (f.activated, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (f.activated, guint, 1), ==, 0);

  close_chart (&f);
}

static void
test_accessible (void)
{
  g_autoptr (RapportReportSection) section = make_section (RAPPORT_CHART_BAR, 3, NULL);
  GtkWidget *chart = g_object_ref_sink (rapport_chart_new ());
  g_autofree char *description = rapport_report_section_describe (section);
  char *error;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==, GTK_ACCESSIBLE_ROLE_IMG);
  rapport_chart_set_section (RAPPORT_CHART (chart), section);

  g_assert_nonnull (strstr (description, "January"));
  g_assert_nonnull (strstr (description, "March"));
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              description);
  g_assert_null (error);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Revenue by month");
  g_assert_null (error);

  g_assert_finalize_object (chart);
}

static void
test_long_label (void)
{
  GString *label = g_string_new (NULL);
  g_autoptr (RapportReportSection) section = NULL;
  g_autoptr (RapportReportSection) donut = NULL;
  Fixture f = { 0 };
  int minimum, natural;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (label, 'A' + i % 26);
  section = make_section (RAPPORT_CHART_BAR, 3, label->str);

  show_chart (&f, section);
  gtk_widget_measure (GTK_WIDGET (f.chart), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, 400);
  gtk_widget_measure (GTK_WIDGET (f.window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, 480);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f.chart)), <=, WIDTH);
  close_chart (&f);

  /* The same in a pie's legend. */
  donut = make_section (RAPPORT_CHART_DONUT, 3, label->str);
  show_chart (&f, donut);
  gtk_widget_measure (GTK_WIDGET (f.chart), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, 400);
  close_chart (&f);
  g_string_free (label, TRUE);
}

static void
test_empty (void)
{
  g_autoptr (RapportReportSection) section = make_section (RAPPORT_CHART_BAR, 0, NULL);
  g_autoptr (RapportReportSection) full = make_section (RAPPORT_CHART_PIE, 3, NULL);
  GtkWidget *chart = g_object_ref_sink (rapport_chart_new ());
  int minimum, natural;

  rapport_chart_set_section (RAPPORT_CHART (chart), section);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 360, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 0);

  /* With rows, never a zero-height chart, at phone width too. */
  rapport_chart_set_section (RAPPORT_CHART (chart), full);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 360, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 200);
  g_assert_finalize_object (chart);
}

static void
test_render (void)
{
  static const RapportChartKind kinds[] = {
    RAPPORT_CHART_BAR, RAPPORT_CHART_LINE, RAPPORT_CHART_PIE, RAPPORT_CHART_DONUT,
  };
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  GdkRGBA accent = { 0.2, 0.5, 0.9, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    for (int dark = 0; dark < 2; dark++)
      {
        g_autoptr (RapportReportSection) section = make_section (kinds[i], 6, NULL);
        g_autoptr (RapportReportSection) empty = make_section (kinds[i], 0, NULL);
        g_autoptr (GskRenderNode) node = rapport_chart_render (section, context, 640, 240, dark, &accent);
        g_autoptr (GskRenderNode) nothing = rapport_chart_render (empty, context, 640, 240, dark, &accent);
        graphene_rect_t bounds;

        g_assert_nonnull (node);
        gsk_render_node_get_bounds (node, &bounds);
        g_assert_cmpfloat (bounds.size.width, >, 100);
        g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 640 + 1);
        g_assert_null (nothing);
      }
  g_object_unref (context);
}

/* The text drawn in @node, as GTK writes it out. */
static char *
serialize (GskRenderNode *node)
{
  g_autoptr (GBytes) bytes = gsk_render_node_serialize (node);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_axis_labels (void)
{
  g_autoptr (RapportReportSection) money = make_section (RAPPORT_CHART_BAR, 6, NULL);
  g_autoptr (RapportReportSection) time = rapport_report_section_new ("response", "First response", RAPPORT_CHART_BAR);
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr (GskRenderNode) money_node = NULL;
  g_autoptr (GskRenderNode) time_node = NULL;
  g_autofree char *money_text = NULL;
  g_autofree char *time_text = NULL;
  guint label, hours;

  /* ¥12,500 to ¥75,000 (in fen): steps of ¥20K, the percentage on its own axis. */
  money_node = rapport_chart_render (money, context, 640, 240, FALSE, NULL);
  money_text = serialize (money_node);
  g_assert_nonnull (strstr (money_text, "\"80K\""));
  g_assert_nonnull (strstr (money_text, "\"100%\""));

  /* Up to five hours: steps of two hours, never of 2,000 seconds. */
  label = rapport_report_section_add_column (time, "Assignee", RAPPORT_REPORT_VALUE_TEXT);
  hours = rapport_report_section_add_column (time, "Time", RAPPORT_REPORT_VALUE_DURATION);
  rapport_report_section_add_series (time, "Time", hours, FALSE);
  for (guint i = 1; i <= 5; i++)
    {
      guint row = rapport_report_section_add_row (time, NULL);

      rapport_report_section_set_text (time, row, label, "Li");
      rapport_report_section_set_value (time, row, hours, i * 3600.0, NULL);
    }
  time_node = rapport_chart_render (time, context, 640, 240, FALSE, NULL);
  time_text = serialize (time_node);
  g_assert_nonnull (strstr (time_text, "\"6 h\""));
  g_assert_nonnull (strstr (time_text, "\"2 h\""));
  g_assert_null (strstr (time_text, "min\""));

  g_object_unref (context);
}

int
main (int    argc,
      char **argv)
{
  /* The suite turns accessibility off; GTK's test backend records what a
   * screen reader would be told. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/chart/click-bar", test_click_bar);
  g_test_add_func ("/ui/chart/click-slice", test_click_slice);
  g_test_add_func ("/ui/chart/keyboard", test_keyboard);
  g_test_add_func ("/ui/chart/keyboard-pie", test_keyboard_pie);
  g_test_add_func ("/ui/chart/accessible", test_accessible);
  g_test_add_func ("/ui/chart/long-label", test_long_label);
  g_test_add_func ("/ui/chart/empty", test_empty);
  g_test_add_func ("/ui/chart/render", test_render);
  g_test_add_func ("/ui/chart/axis-labels", test_axis_labels);

  return shell_test_run ();
}
