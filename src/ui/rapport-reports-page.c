/* rapport-reports-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-chart.h"
#include "rapport-compat.h"
#include "rapport-date-row.h"
#include "rapport-date.h"
#include "rapport-report-job.h"
#include "rapport-report-output.h"
#include "rapport-reports-page.h"
#include "rapport-staff-filter.h"
#include "rapport-store.h"
#include "rapport-text.h"
#include "rapport-ui-utils.h"
#include "rapport-value-matrix.h"

/* The customers listed beside a report: enough to scroll through, the rest
 * counted ("and 1,234 more"). */
#define CUSTOMER_LIMIT 200
/* Rows a section's table shows; the exports have them all. */
#define MAX_TABLE_ROWS 200
/* Changes come in bursts (an import, a day's work): the report is computed
 * again once they settle. */
#define REFRESH_DELAY_MS 1500
/* A report that comes quicker than this shows no spinner: a spinner turning
 * for a moment is noise, and its frames cost the report's own. */
#define SPINNER_DELAY_MS 400

struct _RapportReportsPage
{
  AdwBin              parent_instance;

  /* template widgets */
  AdwLeaflet         *leaflet;
  AdwHeaderBar       *list_header;
  GtkButton          *back_button;
  GtkListBox         *report_list;
  AdwHeaderBar       *report_header;
  AdwWindowTitle     *report_title;
  GtkButton          *report_back_button;
  GtkMenuButton      *export_button;
  GtkSpinner         *header_spinner;
  GtkDropDown        *period_dropdown;
  GtkDropDown        *step_dropdown;
  GtkMenuButton      *filter_button;
  GtkRevealer        *custom_revealer;
  RapportDateRow     *from_row;
  RapportDateRow     *to_row;
  GtkBox             *filter_box;
  GtkStack           *view_stack;
  AdwStatusPage      *loading_page;
  GtkSpinner         *loading_spinner;
  GtkBox             *sections_box;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  GtkWidget          *drill_pane;
  AdwHeaderBar       *drill_header;
  AdwWindowTitle     *drill_title;
  GtkButton          *drill_back_button;
  GtkButton          *drill_close_button;
  GtkStack           *drill_stack;
  GtkSpinner         *drill_spinner;
  GtkListBox         *drill_list;
  GtkLabel           *drill_more_label;
  AdwStatusPage      *drill_message_page;
  GtkPopover         *filter_popover;
  GtkDropDown        *tier_dropdown;
  GtkDropDown        *tag_dropdown;
  GtkEntry           *region_entry;
  GtkLabel           *owner_label;
  GtkBox             *owner_box;

  /* borrowed */
  RapportDatabase    *db;
  RapportStaffFilter *owner_filter;   /* owned by owner_box */

  /* owned */
  RapportSession     *session;
  GSignalGroup       *bus_signals;
  RapportReportQuery *query;
  RapportReport      *report;
  GCancellable       *cancellable;        /* the computation */
  GCancellable       *drill_cancellable;  /* the customer list */
  GCancellable       *output_cancellable; /* exports, until the page goes */
  GArray             *tag_ids;            /* gint64, the tag drop-down's items after "Any" */
  char               *custom_from;
  char               *custom_to;
  char               *region;
  RapportReportKind   kind;
  RapportReportPeriod period;
  RapportReportStep   step;
  int                 tier;
  gint64              tag_id;
  gint64              owner_id;
  int                 customer_total;
  guint               refresh_id;
  guint               spinner_id;
  gint64              computing_since;   /* monotonic µs, for the log */
  gboolean            computing;
  gboolean            stale;
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (RapportReportsPage, rapport_reports_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_KIND,
  PROP_REPORT,
  PROP_COMPUTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  OPEN_CUSTOMER,
  SHOW_CUSTOMER_LIST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The period drop-down, in RapportReportPeriod order. */
static const char *period_labels[] = {
  N_("This Week"),
  N_("This Month"),
  N_("Last 3 Months"),
  N_("Last 12 Months"),
  N_("This Year"),
  N_("Last Year"),
  N_("Custom…"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (period_labels) == RAPPORT_REPORT_PERIOD_CUSTOM + 1);

/* The steps a report offers: calendar steps for most, days and weeks for
 * the work log (a day's report is what a customer manager hands in). */
static const RapportReportStep calendar_steps[] = {
  RAPPORT_REPORT_STEP_MONTH,
  RAPPORT_REPORT_STEP_QUARTER,
  RAPPORT_REPORT_STEP_YEAR,
};

static const RapportReportStep work_log_steps[] = {
  RAPPORT_REPORT_STEP_DAY,
  RAPPORT_REPORT_STEP_WEEK,
};

static void queue_compute (RapportReportsPage *self);
static void apply_filters (RapportReportsPage *self);

/* Helpers */

static const char *
step_get_label (RapportReportStep step)
{
  switch (step)
    {
    case RAPPORT_REPORT_STEP_DAY:
      return _("By Day");
    case RAPPORT_REPORT_STEP_WEEK:
      return _("By Week");
    case RAPPORT_REPORT_STEP_MONTH:
      return _("By Month");
    case RAPPORT_REPORT_STEP_QUARTER:
      return _("By Quarter");
    case RAPPORT_REPORT_STEP_YEAR:
      return _("By Year");
    default:
      g_assert_not_reached ();
    }
}

static const RapportReportStep *
steps_of_kind (RapportReportKind  kind,
               guint             *out_n)
{
  if (kind == RAPPORT_REPORT_WORK_LOG)
    {
      *out_n = G_N_ELEMENTS (work_log_steps);
      return work_log_steps;
    }

  *out_n = G_N_ELEMENTS (calendar_steps);
  return calendar_steps;
}

static char *
format_gdate (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

static void
remove_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_BOX (widget))
        gtk_box_remove (GTK_BOX (widget), child);
      else if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

static RapportClock *
page_clock (RapportReportsPage *self)
{
  return self->session != NULL ? rapport_session_get_clock (self->session) : NULL;
}

static void
update_actions (RapportReportsPage *self)
{
  gboolean has_report = self->report != NULL && !self->computing &&
                        rapport_report_get_empty_text (self->report) == NULL;
  gboolean filtered = self->tier >= 0 || self->tag_id != 0 || !is_empty (self->region) || self->owner_id >= 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-menu", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.clear-filters", filtered);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.close-customers",
                                 gtk_widget_get_visible (self->drill_pane));
}

static void
update_headers (RapportReportsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean drill = gtk_widget_get_visible (self->drill_pane);

  gtk_widget_set_visible (GTK_WIDGET (self->report_back_button), folded);
  gtk_widget_set_visible (GTK_WIDGET (self->drill_back_button), folded);
  gtk_widget_set_visible (GTK_WIDGET (self->drill_close_button), !folded);
  /* The window's buttons go on the header bar at its right edge. */
  adw_header_bar_set_show_end_title_buttons (self->list_header, folded);
  adw_header_bar_set_show_end_title_buttons (self->report_header, folded || !drill);
  adw_header_bar_set_show_start_title_buttons (self->report_header, folded);
}

static void
update_title (RapportReportsPage *self)
{
  g_autofree char *period = NULL;

  adw_window_title_set_title (self->report_title, rapport_report_kind_get_title (self->kind));

  if (self->query != NULL)
    /* Translators: a report's period under its title: first and last day */
    period = g_strdup_printf (_("%s – %s"), self->query->from, self->query->to);
  adw_window_title_set_subtitle (self->report_title, period != NULL ? period : "");
}

static void
show_spinners (RapportReportsPage *self,
               gboolean            show)
{
  gtk_widget_set_visible (GTK_WIDGET (self->header_spinner), show);
  gtk_spinner_set_spinning (self->header_spinner, show);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), show);
  gtk_spinner_set_spinning (self->loading_spinner, show);
  adw_status_page_set_title (self->loading_page, show ? _("Computing…") : NULL);
}

static gboolean
spinner_delay_cb (gpointer user_data)
{
  RapportReportsPage *self = user_data;

  self->spinner_id = 0;
  show_spinners (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
set_computing (RapportReportsPage *self,
               gboolean            computing)
{
  self->computing = computing;
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  show_spinners (self, FALSE);
  if (computing)
    self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, spinner_delay_cb, self);
  /* What is shown meanwhile is the report before the change. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->sections_box), !computing);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

/* The step drop-down offers the steps of the report chosen. */
static void
sync_step_dropdown (RapportReportsPage *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  const RapportReportStep *steps;
  guint n, selected = 0;

  steps = steps_of_kind (self->kind, &n);
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (labels, step_get_label (steps[i]));
      if (steps[i] == self->step)
        selected = i;
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->step_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->step_dropdown, selected);
  self->syncing = FALSE;

  /* The value matrix is the customers as they stand: no steps in it. */
  gtk_widget_set_visible (GTK_WIDGET (self->step_dropdown), self->kind != RAPPORT_REPORT_VALUE_MATRIX);
}

static void
sync_report_list (RapportReportsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->report_list, (int) self->kind);

  self->syncing = TRUE;
  gtk_list_box_select_row (self->report_list, row);
  self->syncing = FALSE;
}

static RapportReportQuery *
build_query (RapportReportsPage *self)
{
  g_autofree char *today = rapport_date_today (page_clock (self));
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  RapportReportQuery *query;

  query = rapport_report_query_new (self->kind, today, rapport_session_get_default_currency (self->session));

  if (self->period == RAPPORT_REPORT_PERIOD_CUSTOM)
    {
      if (self->custom_from != NULL && self->custom_to != NULL)
        {
          from = g_strdup (self->custom_from);
          to = g_strdup (self->custom_to);
        }
    }
  else
    {
      rapport_report_period_get_range (self->period, today, &from, &to);
    }

  if (from != NULL && to != NULL)
    {
      g_free (query->from);
      g_free (query->to);
      query->from = g_steal_pointer (&from);
      query->to = g_steal_pointer (&to);
    }

  query->step = self->step;
  query->tier = self->tier;
  query->tag_id = self->tag_id;
  g_clear_pointer (&query->region, g_free);
  query->region = is_empty (self->region) ? NULL : g_strdup (self->region);
  query->owner_id = self->owner_id;

  return query;
}

/* The customers list beside the report */

static void
close_customers (RapportReportsPage *self)
{
  g_cancellable_cancel (self->drill_cancellable);
  g_clear_object (&self->drill_cancellable);
  self->customer_total = -1;

  if (!gtk_widget_get_visible (self->drill_pane))
    return;

  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "customers") == 0)
    adw_leaflet_set_visible_child_name (self->leaflet, "report");
  gtk_widget_set_visible (self->drill_pane, FALSE);
  remove_children (GTK_WIDGET (self->drill_list));
  update_headers (self);
  update_actions (self);
}

static GtkWidget *
create_customer_row (RapportCustomer *customer)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_markup_escape_text (rapport_customer_get_name (customer), -1);
  g_autofree char *subtitle = NULL;
  const char *code = rapport_customer_get_code (customer);
  const char *tier = rapport_tier_get_label (rapport_customer_get_tier (customer));

  if (!is_empty (code))
    {
      g_autofree char *escaped = g_markup_escape_text (code, -1);

      /* Translators: a customer under a report: its code and its tier */
      subtitle = g_strdup_printf (_("%s · %s"), escaped, tier);
    }
  else
    {
      subtitle = g_markup_escape_text (tier, -1);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "customer", g_object_ref (customer), g_object_unref);

  return row;
}

static void
customers_listed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (RapportReportsPage) self = user_data;
  g_autoptr (GPtrArray) customers = NULL;
  g_autoptr (GError) error = NULL;
  guint total = 0;

  customers = rapport_report_job_list_customers_finish (result, &total, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->drill_spinner, FALSE);
  remove_children (GTK_WIDGET (self->drill_list));

  if (customers == NULL)
    {
      adw_status_page_set_title (self->drill_message_page, _("The Customers Could Not Be Listed"));
      adw_status_page_set_description (self->drill_message_page, error->message);
      gtk_stack_set_visible_child_name (self->drill_stack, "message");
      return;
    }

  self->customer_total = (int) total;

  if (customers->len == 0)
    {
      adw_status_page_set_title (self->drill_message_page, _("No Customers"));
      adw_status_page_set_description (self->drill_message_page, NULL);
      gtk_stack_set_visible_child_name (self->drill_stack, "message");
      return;
    }

  for (guint i = 0; i < customers->len; i++)
    gtk_list_box_append (self->drill_list, create_customer_row (g_ptr_array_index (customers, i)));

  if (total > customers->len)
    {
      guint more = total - customers->len;
      /* Translators: under a list of customers cut short; %'u is how many are not listed */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %'u more", "and %'u more", more),
                                               more);

      gtk_label_set_text (self->drill_more_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->drill_more_label), total > customers->len);
  gtk_stack_set_visible_child_name (self->drill_stack, "list");
}

/* Lists the customers behind @row of @section beside the report. */
static void
show_customers (RapportReportsPage   *self,
                RapportReportSection *section,
                guint                 row)
{
  const char *drill_key;
  g_autofree char *label = NULL;

  if (self->report == NULL || self->session == NULL || row >= rapport_report_section_get_n_rows (section))
    return;

  drill_key = rapport_report_section_get_drill_key (section, row);
  if (drill_key == NULL)
    return;

  g_cancellable_cancel (self->drill_cancellable);
  g_clear_object (&self->drill_cancellable);
  self->drill_cancellable = g_cancellable_new ();
  self->customer_total = -1;

  if (rapport_report_section_get_n_columns (section) > 0)
    label = rapport_text_truncate (rapport_report_section_get_text (section, row,
                                                                    rapport_report_section_get_label_column (section)),
                                   40);
  adw_window_title_set_title (self->drill_title, rapport_report_section_get_title (section));
  adw_window_title_set_subtitle (self->drill_title, label != NULL ? label : "");

  remove_children (GTK_WIDGET (self->drill_list));
  gtk_widget_set_visible (GTK_WIDGET (self->drill_more_label), FALSE);
  gtk_stack_set_visible_child_name (self->drill_stack, "loading");
  gtk_spinner_set_spinning (self->drill_spinner, TRUE);
  gtk_widget_set_visible (self->drill_pane, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "customers");
  update_headers (self);
  update_actions (self);

  rapport_report_job_list_customers_async (self->session, rapport_report_get_query (self->report),
                                           rapport_report_section_get_id (section), drill_key,
                                           CUSTOMER_LIMIT, self->drill_cancellable,
                                           customers_listed_cb, g_object_ref (self));
}

/* Building the report */

static GtkWidget *
create_note (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "rapport-report-note");

  return box;
}

/* A section with no rows: a compact empty state, not a zero-height chart. */
static GtkWidget *
create_section_empty (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("x-office-spreadsheet-symbolic");
  GtkWidget *label = gtk_label_new (text != NULL ? text : _("Nothing in this period"));

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_add_css_class (box, "dim-label");
  gtk_widget_add_css_class (box, "rapport-report-empty");

  return box;
}

static gboolean
column_is_numeric (RapportReportSection *section,
                   guint                 column)
{
  return rapport_report_section_get_column_kind (section, column) != RAPPORT_REPORT_VALUE_TEXT &&
         column != rapport_report_section_get_label_column (section);
}

static GtkWidget *
create_cell (RapportReportSection *section,
             guint                 column,
             const char           *text,
             GtkSizeGroup         *group)
{
  GtkWidget *label = gtk_label_new (text);

  if (column_is_numeric (section, column))
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      /* A 10,000-character region is cut short, never widening the table;
       * the tooltip has it whole. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      if (g_utf8_strlen (text, -1) > 20)
        gtk_widget_set_tooltip_text (label, text);
    }

  /* The names are what a row is read by: they keep room for a few
   * characters, the table scrolling sideways at phone width rather. */
  if (column == rapport_report_section_get_label_column (section))
    {
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      gtk_widget_set_hexpand (label, TRUE);
    }

  gtk_size_group_add_widget (group, label);

  return label;
}

static void
table_row_activated_cb (GtkListBox    *list,
                        GtkListBoxRow *row,
                        gpointer       user_data)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (user_data);
  RapportReportSection *section = g_object_get_data (G_OBJECT (list), "section");

  show_customers (self, section, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "report-row")));
}

/* The table behind a section's chart: a header and one row per category,
 * columns lined up by size groups; rows with customers behind them are
 * activatable. */
static GtkWidget *
create_table (RapportReportsPage   *self,
              RapportReportSection *section)
{
  guint n_columns = rapport_report_section_get_n_columns (section);
  guint n_rows = rapport_report_section_get_n_rows (section);
  guint shown = MIN (n_rows, MAX_TABLE_ROWS);
  g_autoptr (GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GtkSizeGroup) drill_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *header_row = gtk_list_box_row_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *spacer = gtk_image_new ();

  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (groups, gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL));

  for (guint c = 0; c < n_columns; c++)
    {
      const char *title = rapport_report_section_get_column_title (section, c);
      GtkWidget *cell = gtk_label_new (title);

      /* A long title ("Follow-ups Opened") gives way to the figures under
       * it: cut short, whole in its tooltip. */
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (cell), 12);
      gtk_label_set_xalign (GTK_LABEL (cell), column_is_numeric (section, c) ? 1.0f : 0.0f);
      gtk_widget_set_tooltip_text (cell, title);
      if (c == rapport_report_section_get_label_column (section))
        gtk_widget_set_hexpand (cell, TRUE);
      gtk_size_group_add_widget (g_ptr_array_index (groups, c), cell);
      gtk_widget_add_css_class (cell, "caption-heading");
      gtk_box_append (GTK_BOX (header), cell);
    }
  gtk_size_group_add_widget (drill_group, spacer);
  gtk_box_append (GTK_BOX (header), spacer);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (header_row), header);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (header_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (header_row), FALSE);
  gtk_widget_set_focusable (header_row, FALSE);
  gtk_widget_add_css_class (header_row, "rapport-report-table-header");
  gtk_list_box_append (GTK_LIST_BOX (list), header_row);

  for (guint r = 0; r < shown; r++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *cells = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gboolean drillable = rapport_report_section_get_drill_key (section, r) != NULL;
      GtkWidget *arrow = gtk_image_new_from_icon_name (drillable ? "go-next-symbolic" : NULL);

      for (guint c = 0; c < n_columns; c++)
        gtk_box_append (GTK_BOX (cells), create_cell (section, c, rapport_report_section_get_text (section, r, c),
                                                      g_ptr_array_index (groups, c)));
      gtk_size_group_add_widget (drill_group, arrow);
      gtk_box_append (GTK_BOX (cells), arrow);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), cells);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), drillable);
      gtk_widget_set_focusable (row, drillable);
      if (drillable)
        gtk_widget_set_tooltip_text (row, _("Show the customers behind this row"));
      g_object_set_data (G_OBJECT (row), "report-row", GUINT_TO_POINTER (r));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "rapport-report-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rapport_report_section_get_title (section), -1);
  /* The section outlives no report: the card holds the report. */
  g_object_set_data (G_OBJECT (list), "section", section);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (table_row_activated_cb), self, 0);

  /* Wide tables scroll sideways at phone width. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);

  if (n_rows > shown)
    {
      /* Translators: under a report's table; the export has every row */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The first %'u of %'u row are shown; the export has them all.",
                                                            "The first %'u of %'u rows are shown; the export has them all.",
                                                            n_rows),
                                               shown, n_rows);
      GtkWidget *more = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (more), TRUE);
      gtk_label_set_xalign (GTK_LABEL (more), 0.0f);
      gtk_widget_add_css_class (more, "dim-label");
      gtk_box_append (GTK_BOX (box), more);
    }

  return box;
}

static void
chart_category_activated_cb (RapportChart       *chart,
                             guint               row,
                             RapportReportsPage *self)
{
  show_customers (self, rapport_chart_get_section (chart), row);
}

/* The value matrix: where a row sits (tier and potential), read from its
 * drill key "TIER/POTENTIAL" ("gold/high"). */
static gboolean
matrix_cell_of_row (RapportReportSection *section,
                    guint                 row,
                    RapportTier          *out_tier,
                    RapportPotential     *out_potential)
{
  const char *key = rapport_report_section_get_drill_key (section, row);
  g_auto (GStrv) parts = NULL;

  if (key == NULL)
    return FALSE;

  parts = g_strsplit (key, "/", 2);
  return g_strv_length (parts) == 2 &&
         rapport_tier_from_string (parts[0], out_tier) &&
         rapport_potential_from_string (parts[1], out_potential);
}

static int
find_column (RapportReportSection   *section,
             RapportReportValueKind  kind)
{
  for (guint c = 0; c < rapport_report_section_get_n_columns (section); c++)
    if (rapport_report_section_get_column_kind (section, c) == kind)
      return (int) c;

  return -1;
}

static void
matrix_cell_clicked_cb (GtkButton          *cell,
                        RapportReportsPage *self)
{
  RapportReportSection *section = g_object_get_data (G_OBJECT (cell), "section");

  show_customers (self, section, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "report-row")));
}

static GtkWidget *
create_matrix_label (const char *text,
                     const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Narrow cells: four fit side by side from a tablet's width up. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);

  return label;
}

/* One cell: its tier and potential, the treatment, how many customers and
 * their revenue; a button listing them. */
static GtkWidget *
create_matrix_cell (RapportReportsPage   *self,
                    RapportReportSection *section,
                    RapportTier           tier,
                    RapportPotential      potential)
{
  int count_column = find_column (section, RAPPORT_REPORT_VALUE_COUNT);
  int money_column = find_column (section, RAPPORT_REPORT_VALUE_MONEY);
  g_autofree char *caption = NULL;
  g_autofree char *count = NULL;
  g_autofree char *style = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gboolean found = FALSE;
  guint row, n = 0;

  for (row = 0; row < rapport_report_section_get_n_rows (section) && !found; row++)
    {
      RapportTier row_tier;
      RapportPotential row_potential;

      found = matrix_cell_of_row (section, row, &row_tier, &row_potential) && row_tier == tier &&
              row_potential == potential;
    }
  row--;

  /* Translators: a cell of the value matrix: a tier and a potential ("Gold · High potential") */
  caption = g_strdup_printf (_("%s · %s"), rapport_tier_get_label (tier),
                             potential == RAPPORT_POTENTIAL_HIGH ? _("High potential") : _("Low potential"));
  if (found && count_column >= 0)
    n = (guint) rapport_report_section_get_value (section, row, count_column);
  /* Translators: how many customers a cell of the value matrix holds */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u customer", "%'u customers", n), n);

  gtk_box_append (GTK_BOX (box), create_matrix_label (caption, "caption"));
  gtk_box_append (GTK_BOX (box), create_matrix_label (rapport_value_matrix_get_treatment (tier, potential), "heading"));
  gtk_box_append (GTK_BOX (box), create_matrix_label (count, NULL));
  if (found && money_column >= 0)
    gtk_box_append (GTK_BOX (box),
                    create_matrix_label (rapport_report_section_get_text (section, row, money_column), "numeric"));

  gtk_button_set_child (GTK_BUTTON (button), box);
  style = g_strdup_printf ("matrix-%s-%s", rapport_tier_to_string (tier), rapport_potential_to_string (potential));
  gtk_widget_add_css_class (button, "rapport-matrix-cell");
  gtk_widget_add_css_class (button, style);
  tooltip = g_strdup_printf ("%s\n%s", caption, rapport_value_matrix_get_advice (tier, potential));
  gtk_widget_set_tooltip_text (button, tooltip);
  /* Translators: a value matrix cell for screen readers: its tier and potential, treatment, count */
  accessible = g_strdup_printf (_("%s: %s, %s"), caption, rapport_value_matrix_get_treatment (tier, potential), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  if (found && n > 0 && rapport_report_section_get_drill_key (section, row) != NULL)
    {
      g_object_set_data (G_OBJECT (button), "section", section);
      g_object_set_data (G_OBJECT (button), "report-row", GUINT_TO_POINTER (row));
      g_signal_connect_object (button, "clicked", G_CALLBACK (matrix_cell_clicked_cb), self, 0);
    }
  else
    {
      /* Nobody to list. */
      gtk_widget_set_sensitive (button, FALSE);
    }

  return button;
}

/* The matrix: a line per potential (high first), each tier from platinum to
 * lead along it. Each line is two pairs of cells that wrap: four cells to a
 * line when wide (the 2 × 4 matrix), two at phone width, never three. */
static GtkWidget *
create_matrix (RapportReportsPage   *self,
               RapportReportSection *section)
{
  static const RapportPotential potentials[] = { RAPPORT_POTENTIAL_HIGH, RAPPORT_POTENTIAL_LOW };
  static const RapportTier tiers[] = { RAPPORT_TIER_PLATINUM, RAPPORT_TIER_GOLD, RAPPORT_TIER_IRON, RAPPORT_TIER_LEAD };
  GtkWidget *matrix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (matrix, "rapport-matrix");
  gtk_accessible_update_property (GTK_ACCESSIBLE (matrix), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rapport_report_section_get_title (section), -1);

  for (guint p = 0; p < G_N_ELEMENTS (potentials); p++)
    {
      GtkWidget *line = gtk_flow_box_new ();

      gtk_widget_add_css_class (line, "rapport-matrix-line");
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (line), GTK_SELECTION_NONE);
      gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (line), TRUE);
      gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (line), 1);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (line), 2);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (line), 6);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (line), 6);

      for (guint pair = 0; pair < 2; pair++)
        {
          GtkWidget *child = gtk_flow_box_child_new ();
          GtkWidget *cells = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

          gtk_box_set_homogeneous (GTK_BOX (cells), TRUE);
          gtk_box_append (GTK_BOX (cells), create_matrix_cell (self, section, tiers[2 * pair], potentials[p]));
          gtk_box_append (GTK_BOX (cells), create_matrix_cell (self, section, tiers[2 * pair + 1], potentials[p]));
          gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), cells);
          /* The cells take the focus, not the pair. */
          gtk_widget_set_focusable (child, FALSE);
          gtk_flow_box_append (GTK_FLOW_BOX (line), child);
        }

      gtk_box_append (GTK_BOX (matrix), line);
    }

  return matrix;
}

static GtkWidget *
create_section (RapportReportsPage   *self,
                RapportReportSection *section)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (rapport_report_section_get_title (section));
  const char *summary = rapport_report_section_get_summary (section);
  const char * const *notes = rapport_report_section_get_notes (section);
  RapportChartKind chart_kind = rapport_report_section_get_chart_kind (section);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "rapport-report-section");

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (card), title);

  if (!is_empty (summary))
    {
      GtkWidget *label = gtk_label_new (summary);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (card), label);
    }

  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    gtk_box_append (GTK_BOX (card), create_note (notes[i]));

  /* A section may keep its rows (the matrix's eight cells, all at zero)
   * and still say why it shows nothing. */
  if (rapport_report_section_get_n_rows (section) == 0 || rapport_report_section_get_empty_text (section) != NULL)
    {
      gtk_box_append (GTK_BOX (card), create_section_empty (rapport_report_section_get_empty_text (section)));
      return card;
    }

  if (chart_kind == RAPPORT_CHART_MATRIX)
    {
      gtk_box_append (GTK_BOX (card), create_matrix (self, section));
      return card;
    }

  if (chart_kind != RAPPORT_CHART_NONE)
    {
      GtkWidget *chart = rapport_chart_new ();

      rapport_chart_set_section (RAPPORT_CHART (chart), section);
      gtk_widget_set_size_request (chart, -1, 240);
      g_signal_connect_object (chart, "category-activated", G_CALLBACK (chart_category_activated_cb), self, 0);
      gtk_box_append (GTK_BOX (card), chart);
    }

  gtk_box_append (GTK_BOX (card), create_table (self, section));

  return card;
}

static void
show_view (RapportReportsPage *self,
           const char         *name)
{
  gtk_stack_set_visible_child_name (self->view_stack, name);
}

static void
show_report (RapportReportsPage *self)
{
  const char *empty_text = rapport_report_get_empty_text (self->report);
  guint n = rapport_report_get_n_sections (self->report);

  remove_children (GTK_WIDGET (self->sections_box));

  if (empty_text != NULL || n == 0)
    {
      adw_status_page_set_description (self->empty_page, empty_text != NULL ? empty_text : _("Nothing in this period"));
      show_view (self, "empty");
      return;
    }

  for (guint i = 0; i < n; i++)
    gtk_box_append (self->sections_box, create_section (self, rapport_report_get_section (self->report, i)));

  show_view (self, "report");
}

/* Computing */

static void
report_computed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (RapportReportsPage) self = user_data;
  g_autoptr (RapportReport) report = NULL;
  g_autoptr (GError) error = NULL;

  report = rapport_report_job_compute_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  g_set_object (&self->report, report);

  if (report == NULL)
    {
      g_debug ("Could not compute the %s report: %s", rapport_report_kind_to_string (self->kind), error->message);
      adw_status_page_set_description (self->error_page, error->message);
      remove_children (GTK_WIDGET (self->sections_box));
      show_view (self, "error");
    }
  else
    {
      gint64 built_at = g_get_monotonic_time ();

      show_report (self);
      g_debug ("The %s report came %.0f ms after it was asked for; its widgets took %.0f ms",
               rapport_report_kind_to_string (self->kind), (built_at - self->computing_since) / 1000.0,
               (g_get_monotonic_time () - built_at) / 1000.0);
    }

  set_computing (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

static gboolean
queries_equal (const RapportReportQuery *a,
               const RapportReportQuery *b)
{
  return a != NULL && b != NULL && a->kind == b->kind && g_strcmp0 (a->from, b->from) == 0 &&
         g_strcmp0 (a->to, b->to) == 0 && a->step == b->step && a->tier == b->tier && a->tag_id == b->tag_id &&
         g_strcmp0 (a->region, b->region) == 0 && a->owner_id == b->owner_id && a->top_n == b->top_n &&
         g_strcmp0 (a->currency, b->currency) == 0;
}

static void
compute (RapportReportsPage *self)
{
  g_autoptr (RapportReportQuery) query = NULL;
  gboolean same_kind = self->report != NULL && rapport_report_get_kind (self->report) == self->kind;

  self->stale = FALSE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  query = build_query (self);
  /* The customers listed belong to the query: a refresh of the same one
   * (after a change in the book) leaves them be. */
  if (!queries_equal (query, self->query))
    close_customers (self);
  g_clear_pointer (&self->query, rapport_report_query_free);
  self->query = g_steal_pointer (&query);
  update_title (self);

  /* Another report's sections would mislead while this one computes; the
   * same report's stay, dimmed, until the new ones replace them. */
  if (!same_kind)
    {
      if (self->report != NULL)
        {
          g_clear_object (&self->report);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
        }
      remove_children (GTK_WIDGET (self->sections_box));
      show_view (self, "loading");
    }

  set_computing (self, TRUE);
  self->computing_since = g_get_monotonic_time ();
  rapport_report_job_compute_async (self->session, self->query, self->cancellable,
                                    report_computed_cb, g_object_ref (self));
  g_debug ("Computing the %s report: a worker connection took %.0f ms", rapport_report_kind_to_string (self->kind),
           (g_get_monotonic_time () - self->computing_since) / 1000.0);
}

/* Computes the report now when the page is on screen, or when it is next
 * shown. */
static void
queue_compute (RapportReportsPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->session == NULL || self->db == NULL)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  compute (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  RapportReportsPage *self = user_data;

  self->refresh_id = 0;
  queue_compute (self);

  return G_SOURCE_REMOVE;
}

/* Filters */

static void
filter_chip_clicked_cb (GtkButton          *button,
                        RapportReportsPage *self)
{
  const char *filter = g_object_get_data (G_OBJECT (button), "filter");

  /* The widgets say what filters; the chips follow them. */
  self->syncing = TRUE;
  if (g_str_equal (filter, "tier"))
    gtk_drop_down_set_selected (self->tier_dropdown, 0);
  else if (g_str_equal (filter, "tag"))
    gtk_drop_down_set_selected (self->tag_dropdown, 0);
  else if (g_str_equal (filter, "region"))
    gtk_editable_set_text (GTK_EDITABLE (self->region_entry), "");
  else if (g_str_equal (filter, "owner") && self->owner_filter != NULL)
    rapport_staff_filter_set_user_id (self->owner_filter, RAPPORT_STAFF_FILTER_EVERYONE);
  self->syncing = FALSE;

  apply_filters (self);
}

static void
add_filter_chip (RapportReportsPage *self,
                 const char         *filter,
                 const char         *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();
  g_autofree char *short_label = rapport_text_truncate (label, 16);
  g_autofree char *tooltip = g_strdup_printf (_("Remove Filter “%s”"), label);

  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), short_label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "window-close-symbolic");
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");
  g_object_set_data (G_OBJECT (button), "filter", (gpointer) filter);
  g_signal_connect_object (button, "clicked", G_CALLBACK (filter_chip_clicked_cb), self, 0);
  gtk_box_append (self->filter_box, button);
}

static char *
tag_name (RapportReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);
  GListModel *model = gtk_drop_down_get_model (self->tag_dropdown);

  if (self->tag_id == 0 || model == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), selected));
}

static void
update_filter_chips (RapportReportsPage *self)
{
  g_autofree char *tag = tag_name (self);

  remove_children (GTK_WIDGET (self->filter_box));

  if (self->tier >= 0)
    add_filter_chip (self, "tier", rapport_tier_get_label ((RapportTier) self->tier));
  if (tag != NULL)
    add_filter_chip (self, "tag", tag);
  if (!is_empty (self->region))
    add_filter_chip (self, "region", self->region);
  if (self->owner_id >= 0 && self->db != NULL)
    {
      g_autoptr (RapportStaffMember) owner = rapport_store_get_staff_member (self->db, self->owner_id, NULL);

      if (owner != NULL)
        {
          /* Translators: a report's filter; %s is a staff member's name */
          g_autofree char *label = g_strdup_printf (_("Owner: %s"), rapport_staff_member_get_name (owner));

          add_filter_chip (self, "owner", label);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->filter_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->filter_box)) != NULL);
}

/* Reads the filters' widgets; computes again when a filter changed. */
static void
apply_filters (RapportReportsPage *self)
{
  guint tier_selected = gtk_drop_down_get_selected (self->tier_dropdown);
  guint tag_selected = gtk_drop_down_get_selected (self->tag_dropdown);
  g_autofree char *region = rapport_text_normalize (gtk_editable_get_text (GTK_EDITABLE (self->region_entry)));
  int tier = tier_selected == 0 || tier_selected == GTK_INVALID_LIST_POSITION ? -1 : (int) tier_selected - 1;
  gint64 tag_id = 0;
  gint64 owner_id = self->owner_filter != NULL ? rapport_staff_filter_get_user_id (self->owner_filter)
                                               : RAPPORT_STAFF_FILTER_EVERYONE;

  if (self->syncing)
    return;

  if (self->tag_ids != NULL && tag_selected > 0 && tag_selected != GTK_INVALID_LIST_POSITION &&
      tag_selected - 1 < self->tag_ids->len)
    tag_id = g_array_index (self->tag_ids, gint64, tag_selected - 1);
  else if (tag_selected > 0 && self->tag_ids == NULL)
    tag_id = self->tag_id;

  if (is_empty (region))
    g_clear_pointer (&region, g_free);

  if (tier == self->tier && tag_id == self->tag_id && owner_id == self->owner_id &&
      g_strcmp0 (region, self->region) == 0)
    return;

  self->tier = tier;
  self->tag_id = tag_id;
  self->owner_id = owner_id;
  g_free (self->region);
  self->region = g_steal_pointer (&region);

  update_filter_chips (self);
  update_actions (self);
  queue_compute (self);
}

/* The tags are listed when the filters are first opened: counting their
 * customers is not for the section's first frame. */
static void
list_tags (RapportReportsPage *self)
{
  g_autoptr (GListModel) tags = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  guint selected = 0;

  if (self->db == NULL)
    return;

  tags = rapport_store_list_tags (self->db, &error);
  if (tags == NULL)
    {
      g_warning ("Could not list tags: %s", error->message);
      return;
    }

  g_clear_pointer (&self->tag_ids, g_array_unref);
  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (names, _("Any Tag"));

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr (RapportTag) tag = g_list_model_get_item (tags, i);
      gint64 id = rapport_tag_get_id (tag);

      gtk_string_list_append (names, rapport_tag_get_name (tag));
      g_array_append_val (self->tag_ids, id);
      if (id == self->tag_id)
        selected = i + 1;
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->tag_dropdown, selected);
  self->syncing = FALSE;
}

static void
owner_filter_changed_cb (RapportReportsPage *self)
{
  apply_filters (self);
}

static void
set_up_owner_filter (RapportReportsPage *self)
{
  GtkWidget *filter;

  remove_children (GTK_WIDGET (self->owner_box));
  self->owner_filter = NULL;

  if (self->db == NULL)
    return;

  filter = rapport_staff_filter_new (self->db, RAPPORT_STAFF_PICK_OWNER);
  gtk_widget_set_hexpand (filter, TRUE);
  rapport_staff_filter_set_user_id (RAPPORT_STAFF_FILTER (filter), self->owner_id);
  g_signal_connect_object (filter, "notify::user-id", G_CALLBACK (owner_filter_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->owner_box, filter);
  gtk_label_set_mnemonic_widget (self->owner_label, filter);
  self->owner_filter = RAPPORT_STAFF_FILTER (filter);
}

/* Callbacks */

static void
folded_changed_cb (RapportReportsPage *self)
{
  update_headers (self);
}

static void
report_selected_cb (RapportReportsPage *self,
                    GtkListBoxRow      *row)
{
  if (self->syncing || row == NULL)
    return;

  rapport_reports_page_set_kind (self, (RapportReportKind) gtk_list_box_row_get_index (row));
}

static void
report_activated_cb (RapportReportsPage *self,
                     GtkListBoxRow      *row)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "report");
}

static void
period_changed_cb (RapportReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;

  rapport_reports_page_set_period (self, (RapportReportPeriod) selected);
}

static void
step_changed_cb (RapportReportsPage *self)
{
  const RapportReportStep *steps;
  guint n;
  guint selected = gtk_drop_down_get_selected (self->step_dropdown);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;

  steps = steps_of_kind (self->kind, &n);
  if (selected >= n || steps[selected] == self->step)
    return;

  self->step = steps[selected];
  queue_compute (self);
}

static void
custom_dates_changed_cb (RapportReportsPage *self)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_row));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_row));
  gboolean valid;

  if (self->syncing)
    return;

  /* Dates compare as text in this form. */
  valid = rapport_date_validate (from, NULL) && rapport_date_validate (to, NULL) && strcmp (from, to) <= 0;
  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->to_row), "error");
      rapport_reports_page_set_custom_period (self, from, to);
    }
  else if (rapport_date_validate (from, NULL) && rapport_date_validate (to, NULL))
    {
      /* Both are days, the wrong way round. */
      gtk_widget_add_css_class (GTK_WIDGET (self->to_row), "error");
    }
}

static void
filters_changed_cb (RapportReportsPage *self)
{
  apply_filters (self);
}

static void
filter_popover_shown_cb (RapportReportsPage *self)
{
  list_tags (self);
}

static void
filter_popover_closed_cb (RapportReportsPage *self)
{
  /* A region typed and not confirmed with Enter counts once the filters close. */
  apply_filters (self);
}

static void
drill_row_activated_cb (RapportReportsPage *self,
                        GtkListBoxRow      *row)
{
  RapportCustomer *customer = g_object_get_data (G_OBJECT (row), "customer");

  if (customer != NULL)
    g_signal_emit (self, signals[OPEN_CUSTOMER], 0, rapport_customer_get_id (customer));
}

/* Whether @change can move a report's figures: mail, templates and
 * accounts cannot. */
static gboolean
change_matters (const RapportChange *change)
{
  switch (change->kind)
    {
    case RAPPORT_ENTITY_KIND_MESSAGE:
    case RAPPORT_ENTITY_KIND_TEMPLATE:
    case RAPPORT_ENTITY_KIND_GREETING_RULE:
    case RAPPORT_ENTITY_KIND_ACCOUNT:
    case RAPPORT_ENTITY_KIND_CONTACT:
      return change->change == RAPPORT_CHANGE_RELOADED;

    default:
      return TRUE;
    }
}

static void
changes_cb (RapportReportsPage *self,
            GArray             *changes)
{
  gboolean matters = FALSE;

  for (guint i = 0; i < changes->len && !matters; i++)
    matters = change_matters (&g_array_index (changes, RapportChange, i));

  if (self->query == NULL || !matters)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

/* Actions */

typedef struct
{
  RapportReportsPage  *self;
  RapportReport       *report;
  RapportReportFormat  format;
  GFile               *file;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->self);
  g_clear_object (&export->report);
  g_clear_object (&export->file);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
add_text_toast (RapportReportsPage *self,
                const char         *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (escaped));
}

static void
report_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (Export) export = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->file);
  g_autofree char *text = NULL;

  if (!rapport_report_output_save_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is a file's name, then why it could not be written */
      text = g_strdup_printf (_("“%s” could not be saved: %s"), name, error->message);
    }
  else
    {
      /* Translators: %s is a file's name */
      text = g_strdup_printf (_("Report saved as “%s”"), name);
    }

  add_text_toast (export->self, text);
}

/* Writes @export's report to its file; a toast says how it went. */
static void
save_report (Export *export)
{
  RapportReportsPage *self = export->self;

  rapport_report_output_save_async (export->report, export->format, export->file, GTK_WIDGET (self),
                                    self->output_cancellable, report_saved_cb, export);
}

static void
export_file_chosen_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (Export) export = user_data;

  export->file = rapport_compat_choose_file_finish (result, NULL);
  if (export->file == NULL || export->self->output_cancellable == NULL)
    return;

  save_report (g_steal_pointer (&export));
}

static gboolean
format_from_string (const char          *text,
                    RapportReportFormat *out_format)
{
  static const struct
  {
    const char          *name;
    RapportReportFormat  format;
  } formats[] = {
    { "csv", RAPPORT_REPORT_FORMAT_CSV },
    { "xlsx", RAPPORT_REPORT_FORMAT_XLSX },
    { "png", RAPPORT_REPORT_FORMAT_PNG },
    { "pdf", RAPPORT_REPORT_FORMAT_PDF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (text, formats[i].name))
      {
        *out_format = formats[i].format;
        return TRUE;
      }

  return FALSE;
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (widget);
  g_autofree char *today = NULL;
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  Export *export;
  RapportReportFormat format;

  if (self->report == NULL || !format_from_string (g_variant_get_string (parameter, NULL), &format))
    return;

  today = rapport_date_today (page_clock (self));
  name = rapport_report_output_suggest_name (self->report, format, today);

  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->report = g_object_ref (self->report);
  export->format = format;
  rapport_compat_save_file_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Export Report"), name,
                                  self->output_cancellable, export_file_chosen_cb, export);
}

static void
export_menu_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "report");
  gtk_menu_button_popup (self->export_button);
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->report != NULL)
    rapport_report_output_print (self->report, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

static void
retry_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  queue_compute (RAPPORT_REPORTS_PAGE (widget));
}

static void
show_list_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
close_customers_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  close_customers (RAPPORT_REPORTS_PAGE (widget));
}

static void
clear_filters_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (widget);

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->tier_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->region_entry), "");
  if (self->owner_filter != NULL)
    rapport_staff_filter_set_user_id (self->owner_filter, RAPPORT_STAFF_FILTER_EVERYONE);
  self->syncing = FALSE;
  apply_filters (self);
}

static void
show_customer_list_action_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_CUSTOMER_LIST], 0);
}

/* GtkWidget */

static void
rapport_reports_page_map (GtkWidget *widget)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (widget);

  GTK_WIDGET_CLASS (rapport_reports_page_parent_class)->map (widget);

  if (self->stale || (self->query == NULL && self->session != NULL))
    queue_compute (self);
}

/* GObject */

static void
rapport_reports_page_dispose (GObject *object)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->drill_cancellable);
  g_cancellable_cancel (self->output_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->drill_cancellable);
  g_clear_object (&self->output_cancellable);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);

  /* The leaflet is both the bin's child and a template child: the bin lets
   * go of it first, so that the template's disposal is the last word. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_REPORTS_PAGE);
  self->owner_filter = NULL;

  g_clear_object (&self->report);
  g_clear_object (&self->session);
  self->db = NULL;

  G_OBJECT_CLASS (rapport_reports_page_parent_class)->dispose (object);
}

static void
rapport_reports_page_finalize (GObject *object)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (object);

  g_clear_pointer (&self->query, rapport_report_query_free);
  g_clear_pointer (&self->tag_ids, g_array_unref);
  g_clear_pointer (&self->custom_from, g_free);
  g_clear_pointer (&self->custom_to, g_free);
  g_clear_pointer (&self->region, g_free);

  G_OBJECT_CLASS (rapport_reports_page_parent_class)->finalize (object);
}

static void
rapport_reports_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    case PROP_COMPUTING:
      g_value_set_boolean (value, self->computing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reports_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportReportsPage *self = RAPPORT_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_reports_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_KIND:
      rapport_reports_page_set_kind (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reports_page_class_init (RapportReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_reports_page_dispose;
  object_class->finalize = rapport_reports_page_finalize;
  object_class->get_property = rapport_reports_page_get_property;
  object_class->set_property = rapport_reports_page_set_property;
  widget_class->map = rapport_reports_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, RAPPORT_N_REPORT_KINDS - 1, RAPPORT_REPORT_VALUE_MATRIX,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, RAPPORT_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPUTING] =
    g_param_spec_boolean ("computing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportReportsPage::open-customer:
   * @customer_id: a customer listed behind a row of the report
   */
  signals[OPEN_CUSTOMER] = g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * RapportReportsPage::show-customer-list:
   *
   * The report is empty and the user asked for the customers, to add orders.
   */
  signals[SHOW_CUSTOMER_LIST] = g_signal_new ("show-customer-list", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "reports.export", "s", export_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.export-menu", NULL, export_menu_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.retry", NULL, retry_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.show-list", NULL, show_list_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.close-customers", NULL, close_customers_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.clear-filters", NULL, clear_filters_action_cb);
  gtk_widget_class_install_action (widget_class, "reports.show-customer-list", NULL, show_customer_list_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "reports.export-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "reports.print", NULL);

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, list_header);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, report_list);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, report_header);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, report_title);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, report_back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, header_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, step_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, loading_page);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, sections_box);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, drill_pane);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, drill_header);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, drill_title);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, drill_back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, drill_close_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, drill_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, drill_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, drill_list);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, drill_more_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, drill_message_page);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, region_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, owner_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReportsPage, owner_box);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_headers);
  gtk_widget_class_bind_template_callback (widget_class, report_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, step_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_dates_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, drill_row_activated_cb);

  gtk_widget_class_set_css_name (widget_class, "reports-page");
}

static void
append_report_row (RapportReportsPage *self,
                   RapportReportKind   kind)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (rapport_report_kind_get_title (kind));
  GtkWidget *description = gtk_label_new (rapport_report_kind_get_description (kind));

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (description), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (description), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (description), 2);
  gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (description, "caption");
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->report_list, row);
}

static void
rapport_reports_page_init (RapportReportsPage *self)
{
  g_autoptr (GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) tiers = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) tags = gtk_string_list_new (NULL);

  self->kind = RAPPORT_REPORT_VALUE_MATRIX;
  self->period = RAPPORT_REPORT_PERIOD_LAST_12_MONTHS;
  self->step = RAPPORT_REPORT_STEP_MONTH;
  self->tier = -1;
  self->owner_id = RAPPORT_STAFF_FILTER_EVERYONE;
  self->customer_total = -1;
  self->output_cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint kind = 0; kind < RAPPORT_N_REPORT_KINDS; kind++)
    append_report_row (self, kind);

  for (guint i = 0; i < G_N_ELEMENTS (period_labels); i++)
    gtk_string_list_append (periods, _(period_labels[i]));
  gtk_string_list_append (tiers, _("Any Tier"));
  for (RapportTier tier = RAPPORT_TIER_PLATINUM; tier <= RAPPORT_TIER_LEAD; tier++)
    gtk_string_list_append (tiers, rapport_tier_get_label (tier));
  gtk_string_list_append (tags, _("Any Tag"));

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
  gtk_drop_down_set_selected (self->period_dropdown, self->period);
  gtk_drop_down_set_model (self->tier_dropdown, G_LIST_MODEL (tiers));
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (tags));
  self->syncing = FALSE;

  g_signal_connect_object (self->filter_popover, "show", G_CALLBACK (filter_popover_shown_cb), self,
                           G_CONNECT_SWAPPED);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  sync_report_list (self);
  sync_step_dropdown (self);
  update_title (self);
  update_headers (self);
  update_actions (self);
}

/* Public API */

/**
 * rapport_report_period_get_range:
 * @period: a period other than CUSTOM
 * @today: today's date, YYYY-MM-DD
 * @out_from: (out): the first day
 * @out_to: (out): the last day
 *
 * Returns: whether @period has a range (CUSTOM has none) and @today is a date
 */
gboolean
rapport_report_period_get_range (RapportReportPeriod   period,
                                 const char           *today,
                                 char                **out_from,
                                 char                **out_to)
{
  g_autoptr (GDate) date = g_date_new ();
  g_autoptr (GDate) from = NULL;
  g_autoptr (GDate) to = NULL;
  int year, month, day;

  g_return_val_if_fail (out_from != NULL && out_to != NULL, FALSE);

  if (today == NULL || sscanf (today, "%d-%d-%d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  to = g_date_copy (date);

  switch (period)
    {
    case RAPPORT_REPORT_PERIOD_THIS_WEEK:
      from = g_date_copy (date);
      g_date_subtract_days (from, g_date_get_weekday (date) - G_DATE_MONDAY);
      g_date_free (to);
      to = g_date_copy (from);
      g_date_add_days (to, 6);
      break;

    case RAPPORT_REPORT_PERIOD_THIS_MONTH:
      from = g_date_new_dmy (1, month, year);
      break;

    case RAPPORT_REPORT_PERIOD_LAST_3_MONTHS:
      from = g_date_new_dmy (1, month, year);
      g_date_subtract_months (from, 2);
      break;

    case RAPPORT_REPORT_PERIOD_LAST_12_MONTHS:
      from = g_date_new_dmy (1, month, year);
      g_date_subtract_months (from, 11);
      break;

    case RAPPORT_REPORT_PERIOD_THIS_YEAR:
      from = g_date_new_dmy (1, G_DATE_JANUARY, year);
      break;

    case RAPPORT_REPORT_PERIOD_LAST_YEAR:
      from = g_date_new_dmy (1, G_DATE_JANUARY, year - 1);
      g_date_free (to);
      to = g_date_new_dmy (31, G_DATE_DECEMBER, year - 1);
      break;

    case RAPPORT_REPORT_PERIOD_CUSTOM:
    default:
      return FALSE;
    }

  *out_from = format_gdate (from);
  *out_to = format_gdate (to);

  return TRUE;
}

GtkWidget *
rapport_reports_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_REPORTS_PAGE, NULL);
}

RapportSession *
rapport_reports_page_get_session (RapportReportsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORTS_PAGE (self), NULL);

  return self->session;
}

/**
 * rapport_reports_page_set_session:
 * @session: (nullable): an open session, or %NULL to let go of it
 *
 * Computes the report chosen once the page is shown, and again after the
 * book changes.
 */
void
rapport_reports_page_set_session (RapportReportsPage *self,
                                  RapportSession     *session)
{
  g_return_if_fail (RAPPORT_IS_REPORTS_PAGE (self));
  g_return_if_fail (session == NULL || RAPPORT_IS_SESSION (session));

  if (self->session == session)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  close_customers (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->query, rapport_report_query_free);
  g_clear_object (&self->report);
  g_clear_pointer (&self->tag_ids, g_array_unref);
  remove_children (GTK_WIDGET (self->sections_box));
  if (self->computing)
    set_computing (self, FALSE);

  g_set_object (&self->session, session);
  self->db = session != NULL ? rapport_session_get_database (session) : NULL;
  g_signal_group_set_target (self->bus_signals, self->db != NULL ? rapport_database_get_change_bus (self->db) : NULL);
  set_up_owner_filter (self);
  show_view (self, "loading");
  queue_compute (self);

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

void
rapport_reports_page_set_show_back_button (RapportReportsPage *self,
                                           gboolean            show)
{
  g_return_if_fail (RAPPORT_IS_REPORTS_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
}

RapportReportKind
rapport_reports_page_get_kind (RapportReportsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORTS_PAGE (self), RAPPORT_REPORT_VALUE_MATRIX);

  return self->kind;
}

/**
 * rapport_reports_page_set_kind:
 * @kind: the report to show
 *
 * Chooses @kind in the list and computes it. The work log and the other
 * reports each have their own default period and steps; moving between
 * them takes the default.
 */
void
rapport_reports_page_set_kind (RapportReportsPage *self,
                               RapportReportKind   kind)
{
  g_return_if_fail (RAPPORT_IS_REPORTS_PAGE (self));
  g_return_if_fail ((guint) kind < RAPPORT_N_REPORT_KINDS);

  if (self->kind == kind)
    return;

  if ((kind == RAPPORT_REPORT_WORK_LOG) != (self->kind == RAPPORT_REPORT_WORK_LOG))
    {
      gboolean work_log = kind == RAPPORT_REPORT_WORK_LOG;

      self->step = work_log ? RAPPORT_REPORT_STEP_DAY : RAPPORT_REPORT_STEP_MONTH;
      if (self->period != RAPPORT_REPORT_PERIOD_CUSTOM)
        {
          self->period = work_log ? RAPPORT_REPORT_PERIOD_THIS_WEEK : RAPPORT_REPORT_PERIOD_LAST_12_MONTHS;
          self->syncing = TRUE;
          gtk_drop_down_set_selected (self->period_dropdown, self->period);
          self->syncing = FALSE;
        }
    }

  self->kind = kind;
  sync_report_list (self);
  sync_step_dropdown (self);
  update_title (self);
  queue_compute (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

RapportReportPeriod
rapport_reports_page_get_period (RapportReportsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORTS_PAGE (self), RAPPORT_REPORT_PERIOD_LAST_12_MONTHS);

  return self->period;
}

/**
 * rapport_reports_page_set_period:
 * @period: a preset, or CUSTOM to show the two date rows (filled with the
 *   period shown until the user changes them)
 */
void
rapport_reports_page_set_period (RapportReportsPage  *self,
                                 RapportReportPeriod  period)
{
  g_return_if_fail (RAPPORT_IS_REPORTS_PAGE (self));
  g_return_if_fail (period <= RAPPORT_REPORT_PERIOD_CUSTOM);

  if (gtk_drop_down_get_selected (self->period_dropdown) != period)
    {
      self->syncing = TRUE;
      gtk_drop_down_set_selected (self->period_dropdown, period);
      self->syncing = FALSE;
    }

  gtk_revealer_set_reveal_child (self->custom_revealer, period == RAPPORT_REPORT_PERIOD_CUSTOM);

  if (self->period == period)
    return;

  self->period = period;

  if (period == RAPPORT_REPORT_PERIOD_CUSTOM)
    {
      /* The rows start from the period shown: nothing to compute yet. */
      if (self->custom_from == NULL && self->query != NULL)
        {
          self->custom_from = g_strdup (self->query->from);
          self->custom_to = g_strdup (self->query->to);
        }
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->from_row), self->custom_from != NULL ? self->custom_from : "");
      gtk_editable_set_text (GTK_EDITABLE (self->to_row), self->custom_to != NULL ? self->custom_to : "");
      self->syncing = FALSE;
      if (self->query != NULL && g_strcmp0 (self->custom_from, self->query->from) == 0 &&
          g_strcmp0 (self->custom_to, self->query->to) == 0)
        return;
    }

  queue_compute (self);
}

/**
 * rapport_reports_page_set_custom_period:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, YYYY-MM-DD, not before @from
 */
void
rapport_reports_page_set_custom_period (RapportReportsPage *self,
                                        const char         *from,
                                        const char         *to)
{
  g_return_if_fail (RAPPORT_IS_REPORTS_PAGE (self));
  g_return_if_fail (from != NULL && to != NULL);

  if (self->period == RAPPORT_REPORT_PERIOD_CUSTOM && g_strcmp0 (from, self->custom_from) == 0 &&
      g_strcmp0 (to, self->custom_to) == 0)
    return;

  g_free (self->custom_from);
  g_free (self->custom_to);
  self->custom_from = g_strdup (from);
  self->custom_to = g_strdup (to);

  self->syncing = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->from_row)), from) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->to_row)), to) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
  gtk_drop_down_set_selected (self->period_dropdown, RAPPORT_REPORT_PERIOD_CUSTOM);
  self->syncing = FALSE;

  gtk_revealer_set_reveal_child (self->custom_revealer, TRUE);
  self->period = RAPPORT_REPORT_PERIOD_CUSTOM;
  queue_compute (self);
}

const RapportReportQuery *
rapport_reports_page_get_query (RapportReportsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORTS_PAGE (self), NULL);

  return self->query;
}

RapportReport *
rapport_reports_page_get_report (RapportReportsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORTS_PAGE (self), NULL);

  return self->report;
}

gboolean
rapport_reports_page_get_computing (RapportReportsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORTS_PAGE (self), FALSE);

  return self->computing;
}

const char *
rapport_reports_page_get_view (RapportReportsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORTS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->view_stack);
}

void
rapport_reports_page_show_customers (RapportReportsPage *self,
                                     const char         *section_id,
                                     guint               row)
{
  RapportReportSection *section;

  g_return_if_fail (RAPPORT_IS_REPORTS_PAGE (self));
  g_return_if_fail (section_id != NULL);

  if (self->report == NULL)
    return;

  section = rapport_report_find_section (self->report, section_id);
  if (section != NULL)
    show_customers (self, section, row);
}

/**
 * rapport_reports_page_export_to:
 * @format: the file's format
 * @file: where to write it (replaced)
 *
 * Writes the report shown to @file, as Export does once the user chose
 * where; a toast says how it went.
 *
 * Returns: whether a report was there to write
 */
gboolean
rapport_reports_page_export_to (RapportReportsPage  *self,
                                RapportReportFormat  format,
                                GFile               *file)
{
  Export *export;

  g_return_val_if_fail (RAPPORT_IS_REPORTS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->report == NULL || self->computing)
    return FALSE;

  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->report = g_object_ref (self->report);
  export->format = format;
  export->file = g_object_ref (file);
  save_report (export);

  return TRUE;
}

GtkListBox *
rapport_reports_page_get_customer_list (RapportReportsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORTS_PAGE (self), NULL);

  return self->drill_list;
}

int
rapport_reports_page_get_customer_total (RapportReportsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORTS_PAGE (self), -1);

  return gtk_widget_get_visible (self->drill_pane) ? self->customer_total : -1;
}
