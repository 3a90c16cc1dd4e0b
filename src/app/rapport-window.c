/* rapport-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-at-risk-page.h"
#include "rapport-compat.h"
#include "rapport-customer-dialog.h"
#include "rapport-customer-list.h"
#include "rapport-customer-page.h"
#include "rapport-duplicates-page.h"
#include "rapport-export-dialog.h"
#include "rapport-import-dialog.h"
#include "rapport-import-history-dialog.h"
#include "rapport-handover-dialog.h"
#include "rapport-handover-history-dialog.h"
#include "rapport-outreach-page.h"
#include "rapport-service-page.h"
#include "rapport-pipeline-page.h"
#include "rapport-reports-page.h"
#include "rapport-store.h"
#include "rapport-today-page.h"
#include "rapport-trash-page.h"
#include "rapport-welcome-page.h"
#include "rapport-window.h"

/* An open that takes longer than this says so ("Opening…"); a quicker one
 * shows nothing in between. */
#define OPENING_DELAY_MS 300

struct _RapportWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkStack             *list_stack;
  RapportCustomerList  *customer_list;
  RapportTodayPage     *today_page;
  RapportTrashPage     *trash_page;
  RapportAtRiskPage    *at_risk_page;
  RapportDuplicatesPage *duplicates_page;
  RapportOutreachPage  *outreach_page;
  RapportServicePage   *service_page;
  GtkSeparator         *list_separator;
  RapportPipelinePage  *pipeline_page;
  RapportReportsPage   *reports_page;
  GtkStack             *content_stack;
  GtkButton            *empty_back_button;
  RapportCustomerPage  *customer_page;
  GtkBox               *mode_strip;
  GtkLabel             *mode_label;
  GtkBox               *notice_strip;
  GtkLabel             *notice_label;
  GtkBox               *rebuild_strip;
  GtkProgressBar       *rebuild_progress;
  RapportWelcomePage   *welcome_page;
  AdwStatusPage        *opening_page;
  GtkSpinner           *opening_spinner;
  AdwStatusPage        *no_customer_page;

  /* sidebar rows, owned by sidebar_list */
  GtkListBoxRow        *today_row;
  GtkLabel             *today_count_label;
  GtkListBoxRow        *customers_row;
  GtkListBoxRow        *trash_row;
  GtkListBoxRow        *at_risk_row;
  GtkLabel             *at_risk_count;
  GtkListBoxRow        *outreach_row;
  GtkLabel             *outreach_count;
  GtkListBoxRow        *service_row;
  GtkLabel             *service_count;
  GtkListBoxRow        *pipeline_row;
  GtkListBoxRow        *reports_row;
  GtkListBoxRow        *tags_heading_row;

  /* borrowed: the session's main connection, once it is open */
  RapportDatabase      *db;

  /* owned */
  RapportSession       *session;
  GSignalGroup         *bus_signals;
  GBinding             *sort_binding;
  GHashTable           *notices_shown;
  char                 *section;
  guint                 update_view_id;
  guint                 refresh_tags_id;
  guint                 opening_delay_id;
  gboolean              syncing_sidebar;
};

G_DEFINE_FINAL_TYPE (RapportWindow, rapport_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static gboolean
is_writable (RapportWindow *self)
{
  return self->db != NULL && !rapport_database_is_read_only (self->db);
}

/* Whether a file can be imported into the book shown; when not, @out_reason
 * (nullable) says why, for the user. */
static gboolean
can_import (RapportWindow  *self,
            const char    **out_reason)
{
  const char *reason = NULL;

  if (self->db == NULL)
    reason = _("The database is not open yet.");
  else if (rapport_session_get_is_demo (self->session))
    reason = _("Sample data cannot take an import: open your own database to import customers.");
  else if (!is_writable (self))
    reason = _("This database is open read-only: nothing can be imported into it.");

  if (out_reason != NULL)
    *out_reason = reason;

  return reason == NULL;
}

static void
update_actions (RapportWindow *self)
{
  gboolean writable = is_writable (self);
  gboolean has_customer = rapport_customer_page_get_customer_id (self->customer_page) != 0;
  gboolean browsing = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "browse") == 0;
  gboolean open = self->db != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-customer", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", browsing && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-today", browsing && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-outreach", browsing && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-pipeline", browsing && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-duplicates", browsing && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-customers", browsing && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.log-interaction", writable && has_customer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-follow-up", writable && has_customer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-customer", writable && has_customer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", can_import (self, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-history", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.handover", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-handover", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.handover-history", open);
}

static GtkListBoxRow *
create_sidebar_row (const char *icon_name,
                    const char *label,
                    const char *section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new (label);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "section", g_strdup (section), g_free);

  return GTK_LIST_BOX_ROW (row);
}

/* A count at the end of a sidebar row ("Today 3"), hidden at 0. */
static GtkLabel *
add_sidebar_count (GtkListBoxRow *row,
                   const char    *style_class)
{
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_add_css_class (count, style_class);
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (count, FALSE);
  gtk_box_append (GTK_BOX (gtk_list_box_row_get_child (row)), count);

  return GTK_LABEL (count);
}

/* Shows @n in @count, and gives @row one accessible label that reads the
 * section and its count together (@accessible, or @name at 0). */
static void
set_sidebar_count (GtkListBoxRow *row,
                   GtkLabel      *count,
                   guint          n,
                   const char    *name,
                   const char    *accessible)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_text (count, text);
  gtk_widget_set_visible (GTK_WIDGET (count), n > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, n > 0 ? accessible : name,
                                  -1);
}

static GtkListBoxRow *
find_sidebar_row (RapportWindow *self,
                  const char    *section)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "section"), section) == 0)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

static void
sync_sidebar_selection (RapportWindow *self);

static gboolean
refresh_tags_cb (gpointer user_data)
{
  RapportWindow *self = user_data;
  g_autoptr (GListModel) tags = NULL;
  g_autoptr (GError) error = NULL;
  gboolean section_found = !g_str_has_prefix (self->section, "tag:");
  GtkWidget *child;
  guint n;

  self->refresh_tags_id = 0;

  /* Tag rows follow the heading row; they are rebuilt whole (a handful of tags). */
  while ((child = gtk_widget_get_next_sibling (GTK_WIDGET (self->tags_heading_row))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);

  tags = self->db != NULL ? rapport_store_list_tags (self->db, &error) : NULL;
  if (tags == NULL && error != NULL)
    g_warning ("Could not list tags: %s", error->message);

  n = tags != NULL ? g_list_model_get_n_items (tags) : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->tags_heading_row), n > 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportTag) tag = g_list_model_get_item (tags, i);
      g_autofree char *section = g_strconcat ("tag:", rapport_tag_get_name (tag), NULL);

      gtk_list_box_append (self->sidebar_list,
                           GTK_WIDGET (create_sidebar_row ("rapport-tag-symbolic", rapport_tag_get_name (tag), section)));
      if (g_strcmp0 (section, self->section) == 0)
        section_found = TRUE;
    }

  rapport_customer_list_set_tags (self->customer_list, tags);

  /* The tag shown went away with its last customer. */
  if (!section_found)
    rapport_window_set_section (self, "customers");
  else
    sync_sidebar_selection (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh_tags (RapportWindow *self)
{
  /* After the frame is drawn: listing tags counts their customers. */
  if (self->refresh_tags_id == 0)
    self->refresh_tags_id = g_idle_add_full (G_PRIORITY_LOW, refresh_tags_cb, self, NULL);
}

static void
sync_sidebar_selection (RapportWindow *self)
{
  GtkListBoxRow *row = find_sidebar_row (self, self->section);

  self->syncing_sidebar = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->sidebar_list, row);
  else
    gtk_list_box_unselect_all (self->sidebar_list);
  self->syncing_sidebar = FALSE;
}

/* Customers or a tag: the sections that show the customer list. */
static gboolean
section_shows_customer_list (RapportWindow *self)
{
  return g_strcmp0 (self->section, "customers") == 0 || g_str_has_prefix (self->section, "tag:");
}

static void
update_today_count (RapportWindow *self)
{
  guint n_due = rapport_today_page_get_n_due (self->today_page);
  /* Translators: the Today entry of the sidebar, for a screen reader */
  g_autofree char *accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Today, %u follow-up due",
                                                              "Today, %u follow-ups due", n_due), n_due);

  set_sidebar_count (self->today_row, self->today_count_label, n_due, _("Today"), accessible);
}

static void
update_no_customer_text (RapportWindow *self)
{
  const char *text;

  /* Beside Today there is no customer list to pick from. */
  if (g_strcmp0 (self->section, "today") == 0)
    text = _("Open a follow-up’s customer from its menu.");
  else if (g_strcmp0 (self->section, "outreach") == 0)
    text = _("Pick a sent message to open its customer.");
  else if (g_strcmp0 (self->section, "service") == 0)
    text = _("Pick a service request to open it and its customer.");
  else if (rapport_session_get_read_only (self->session))
    text = _("Pick a customer from the list.");
  else
    text = _("Pick a customer from the list, or add a new one.");

  adw_status_page_set_description (self->no_customer_page, text);
}

static void
update_content (RapportWindow *self)
{
  gboolean in_trash = g_strcmp0 (self->section, "trash") == 0;
  gboolean has_customer = rapport_customer_page_get_customer_id (self->customer_page) != 0;

  /* The board takes the list's and the page's room. */
  if (g_strcmp0 (self->section, "pipeline") == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "pipeline");
  else if (g_strcmp0 (self->section, "reports") == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "reports");
  else
    gtk_stack_set_visible_child_name (self->content_stack, has_customer && !in_trash ? "customer" : "empty");
}

static void
apply_section (RapportWindow *self)
{
  /* The board and the reports take the list's and the page's room. */
  gboolean pipeline = g_strcmp0 (self->section, "pipeline") == 0 || g_strcmp0 (self->section, "reports") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->list_stack), !pipeline);
  gtk_widget_set_visible (GTK_WIDGET (self->list_separator), !pipeline);

  if (pipeline)
    {
      /* No list pane: the leaflet shows the board where the list would be. */
      if (adw_leaflet_get_folded (self->leaflet) &&
          g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") == 0)
        adw_leaflet_set_visible_child_name (self->leaflet, "content");
    }
  else if (g_strcmp0 (self->section, "trash") == 0)
    {
      gtk_stack_set_visible_child (self->list_stack, GTK_WIDGET (self->trash_page));
    }
  else if (g_strcmp0 (self->section, "today") == 0)
    {
      gtk_stack_set_visible_child (self->list_stack, GTK_WIDGET (self->today_page));
    }
  else if (g_strcmp0 (self->section, "at-risk") == 0)
    {
      gtk_stack_set_visible_child (self->list_stack, GTK_WIDGET (self->at_risk_page));
    }
  else if (g_strcmp0 (self->section, "outreach") == 0)
    {
      gtk_stack_set_visible_child (self->list_stack, GTK_WIDGET (self->outreach_page));
    }
  else if (g_strcmp0 (self->section, "duplicates") == 0)
    {
      gtk_stack_set_visible_child (self->list_stack, GTK_WIDGET (self->duplicates_page));
    }
  else if (g_strcmp0 (self->section, "service") == 0)
    {
      gtk_stack_set_visible_child (self->list_stack, GTK_WIDGET (self->service_page));
    }
  else
    {
      const char *tag = g_str_has_prefix (self->section, "tag:") ? self->section + strlen ("tag:") : "";

      gtk_stack_set_visible_child (self->list_stack, GTK_WIDGET (self->customer_list));
      rapport_customer_list_set_tag_filter (self->customer_list, tag);
    }

  sync_sidebar_selection (self);
  update_no_customer_text (self);
  update_content (self);
}

static gboolean
update_view_cb (gpointer user_data)
{
  RapportWindow *self = user_data;
  gboolean welcome = FALSE;

  self->update_view_id = 0;

  if (self->db == NULL)
    return G_SOURCE_REMOVE;

  /* The welcome page is for a database with nothing in it: not for a search
   * without results, and not when everything sits in the Trash. */
  if (!rapport_customer_list_get_is_filtered (self->customer_list) &&
      g_list_model_get_n_items (G_LIST_MODEL (rapport_customer_list_get_model (self->customer_list))) == 0)
    welcome = rapport_store_trash_is_empty (self->db);

  gtk_stack_set_visible_child_name (self->main_stack, welcome ? "welcome" : "browse");
  update_actions (self);

  return G_SOURCE_REMOVE;
}

static void
queue_update_view (RapportWindow *self)
{
  if (self->update_view_id == 0)
    self->update_view_id = g_idle_add (update_view_cb, self);
}

static void
update_mode_strip (RapportWindow *self)
{
  const char *text = NULL;
  gboolean is_demo = rapport_session_get_is_demo (self->session);
  gboolean read_only = rapport_session_get_read_only (self->session);

  if (is_demo)
    text = _("Sample data — changes are thrown away when you close this window");
  else if (read_only)
    text = _("Read-only — this database cannot be changed");

  gtk_label_set_text (self->mode_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mode_strip), text != NULL);

  if (is_demo)
    gtk_window_set_title (GTK_WINDOW (self), _("Rapport — Sample Data"));
  else if (read_only)
    gtk_window_set_title (GTK_WINDOW (self), _("Rapport — Read-Only"));
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Rapport"));

  /* Nothing can be added to a read-only book: no page says otherwise. */
  rapport_welcome_page_set_read_only (self->welcome_page, read_only);
  update_no_customer_text (self);
}

static void
navigate_to (RapportWindow *self,
             const char    *pane)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, pane);
}

static gboolean
focus_is_editable (RapportWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus));
}

/* Callbacks */

static void
changes_cb (RapportWindow *self,
            GArray        *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);
      gboolean customer_came_or_went = change->kind == RAPPORT_ENTITY_KIND_CUSTOMER &&
                                       change->change != RAPPORT_CHANGE_UPDATED;

      if (change->change == RAPPORT_CHANGE_RELOADED)
        {
          queue_update_view (self);
          queue_refresh_tags (self);
          return;
        }

      /* Whether the database is empty changes only when a customer comes or
       * goes (or anything leaves the Trash for good). */
      if (customer_came_or_went || change->change == RAPPORT_CHANGE_DELETED)
        queue_update_view (self);

      /* The store reports tags it creates and deletes; a tag also leaves the
       * list when its last customer goes to the Trash, and comes back with it. */
      if (change->kind == RAPPORT_ENTITY_KIND_TAG ||
          (customer_came_or_went && change->change != RAPPORT_CHANGE_INSERTED))
        queue_refresh_tags (self);
    }
}

static void
folded_changed_cb (RapportWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  rapport_customer_list_set_show_back_button (self->customer_list, folded);
  rapport_trash_page_set_show_back_button (self->trash_page, folded);
  rapport_today_page_set_show_back_button (self->today_page, folded);
  rapport_at_risk_page_set_show_back_button (self->at_risk_page, folded);
  rapport_outreach_page_set_show_back_button (self->outreach_page, folded);
  rapport_duplicates_page_set_show_back_button (self->duplicates_page, folded);
  rapport_service_page_set_show_back_button (self->service_page, folded);
  rapport_pipeline_page_set_show_back_button (self->pipeline_page, folded);
  rapport_reports_page_set_show_back_button (self->reports_page, folded);
  rapport_customer_page_set_show_back_button (self->customer_page, folded);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_back_button), folded);
}

static void
customer_id_changed_cb (RapportWindow *self)
{
  update_content (self);
  update_actions (self);
}

static void
selected_customer_changed_cb (RapportWindow *self)
{
  gint64 id = rapport_customer_list_get_selected_customer_id (self->customer_list);

  rapport_customer_page_set_customer_id (self->customer_page, id);
  if (id != 0)
    navigate_to (self, "content");
}

static void
tag_filter_changed_cb (RapportWindow *self)
{
  const char *tag = rapport_customer_list_get_tag_filter (self->customer_list);
  g_autofree char *section = NULL;

  /* Opening a customer from the Trash, Today, At Risk or Outreach clears the
   * list's filter behind the scenes: the section stays. */
  if (g_strcmp0 (self->section, "trash") == 0 || g_strcmp0 (self->section, "today") == 0 ||
      g_strcmp0 (self->section, "at-risk") == 0 || g_strcmp0 (self->section, "outreach") == 0 ||
      g_strcmp0 (self->section, "duplicates") == 0 || g_strcmp0 (self->section, "service") == 0 ||
      g_strcmp0 (self->section, "pipeline") == 0 || g_strcmp0 (self->section, "reports") == 0)
    return;

  section = tag != NULL && tag[0] != '\0' ? g_strconcat ("tag:", tag, NULL) : g_strdup ("customers");
  if (g_strcmp0 (section, self->section) != 0)
    {
      g_free (self->section);
      self->section = g_steal_pointer (&section);
      sync_sidebar_selection (self);
    }
}

static void
sidebar_row_selected_cb (RapportWindow *self,
                         GtkListBoxRow *row)
{
  const char *section;

  if (self->syncing_sidebar || row == NULL)
    return;

  section = g_object_get_data (G_OBJECT (row), "section");
  if (section != NULL)
    rapport_window_set_section (self, section);
}

static void
sidebar_row_activated_cb (RapportWindow *self,
                          GtkListBoxRow *row)
{
  gboolean whole = g_strcmp0 (self->section, "pipeline") == 0 || g_strcmp0 (self->section, "reports") == 0;

  navigate_to (self, whole ? "content" : "list");
}

static void
today_open_customer_cb (RapportWindow *self,
                        gint64         customer_id)
{
  rapport_window_select_customer (self, customer_id);
}

static void
notice_close_cb (RapportWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->notice_strip), FALSE);
}

static void
customer_dialog_done_cb (RapportWindow *self,
                         gint64         customer_id)
{
  rapport_window_select_customer (self, customer_id);
}

static gboolean
close_request_cb (RapportWindow *self)
{
  int width, height;

  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GSettings *settings;

  if (!RAPPORT_IS_APPLICATION (app))
    return FALSE;

  settings = rapport_application_get_settings (RAPPORT_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (settings);

  return FALSE;
}

static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  /* Delete in a text field deletes text, never the customer. */
  if (focus_is_editable (self))
    return FALSE;

  if (rapport_customer_page_get_customer_id (self->customer_page) == 0 || !is_writable (self))
    return FALSE;

  gtk_widget_activate_action (widget, "win.delete-customer", NULL);
  return TRUE;
}

/* At Risk: a sidebar row with the number of customers at risk, and the
 * page's customers opened beside it. */

static void
at_risk_count_changed_cb (RapportWindow *self)
{
  guint n = rapport_at_risk_page_get_n_at_risk (self->at_risk_page);
  /* Translators: the At Risk entry of the sidebar, for a screen reader */
  g_autofree char *accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "At Risk, %u customer",
                                                              "At Risk, %u customers", n), n);

  set_sidebar_count (self->at_risk_row, self->at_risk_count, n, _("At Risk"), accessible);
}

static void
add_at_risk_row (RapportWindow *self)
{
  self->at_risk_row = create_sidebar_row ("dialog-warning-symbolic", _("At Risk"), "at-risk");
  self->at_risk_count = add_sidebar_count (self->at_risk_row, "dim-label");
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->at_risk_row));

  g_signal_connect_object (self->at_risk_page, "notify::n-at-risk",
                           G_CALLBACK (at_risk_count_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->at_risk_page, "open-customer",
                           G_CALLBACK (rapport_window_select_customer), self, G_CONNECT_SWAPPED);
}

/* Outreach: a sidebar row with the number of messages waiting for the user
 * (to review, failed, unknown), and a sent message's customer opened beside it. */

static void
outreach_count_changed_cb (RapportWindow *self)
{
  guint n = rapport_outreach_page_get_n_attention (self->outreach_page);
  /* Translators: the Outreach entry of the sidebar, for a screen reader */
  g_autofree char *accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Outreach, %u message needs you",
                                                              "Outreach, %u messages need you", n), n);

  set_sidebar_count (self->outreach_row, self->outreach_count, n, _("Outreach"), accessible);
}

static void
add_outreach_row (RapportWindow *self)
{
  self->outreach_row = create_sidebar_row ("mail-send-symbolic", _("Outreach"), "outreach");
  self->outreach_count = add_sidebar_count (self->outreach_row, "rapport-badge");
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->outreach_row));

  g_signal_connect_object (self->outreach_page, "notify::n-attention",
                           G_CALLBACK (outreach_count_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outreach_page, "open-customer",
                           G_CALLBACK (rapport_window_select_customer), self, G_CONNECT_SWAPPED);
}

/* Service: a sidebar row with the number of open requests assigned to the
 * user, and a request's customer opened beside it. */

static void
service_count_changed_cb (RapportWindow *self)
{
  guint n = rapport_service_page_get_n_mine (self->service_page);
  /* Translators: the Service entry of the sidebar, for a screen reader */
  g_autofree char *accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Service, %u request assigned to you",
                                                              "Service, %u requests assigned to you", n), n);

  set_sidebar_count (self->service_row, self->service_count, n, _("Service"), accessible);
}

static void
add_service_row (RapportWindow *self)
{
  self->service_row = create_sidebar_row ("system-help-symbolic", _("Service"), "service");
  self->service_count = add_sidebar_count (self->service_row, "dim-label");
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->service_row));

  g_signal_connect_object (self->service_page, "notify::n-mine",
                           G_CALLBACK (service_count_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service_page, "open-customer",
                           G_CALLBACK (rapport_window_select_customer), self, G_CONNECT_SWAPPED);
}

/* Pipeline: the board, in the list's and the page's room. */

static void
add_pipeline_row (RapportWindow *self)
{
  self->pipeline_row = create_sidebar_row ("view-dual-symbolic", _("Pipeline"), "pipeline");
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->pipeline_row));
}

/* Reports: the report picker and the report, in the list's and the page's
 * room; a customer behind a row opens in the customer list. */

static void
reports_open_customer_cb (RapportWindow *self,
                          gint64         customer_id)
{
  rapport_window_set_section (self, "customers");
  rapport_window_select_customer (self, customer_id);
}

static void
reports_show_customer_list_cb (RapportWindow *self)
{
  rapport_window_set_section (self, "customers");
  navigate_to (self, "list");
}

static void
add_reports_row (RapportWindow *self)
{
  self->reports_row = create_sidebar_row ("x-office-spreadsheet-symbolic", _("Reports"), "reports");
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->reports_row));

  g_signal_connect_object (self->reports_page, "open-customer",
                           G_CALLBACK (reports_open_customer_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reports_page, "show-customer-list",
                           G_CALLBACK (reports_show_customer_list_cb), self, G_CONNECT_SWAPPED);
}

/* Actions */

static void
new_customer_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  GtkWidget *dialog;

  dialog = rapport_customer_dialog_new (GTK_WINDOW (self), self->session, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (customer_dialog_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "open-existing", G_CALLBACK (customer_dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (!section_shows_customer_list (self))
    rapport_window_set_section (self, "customers");

  navigate_to (self, "list");
  rapport_customer_list_start_search (self->customer_list);
}

static void
show_list_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (!adw_leaflet_get_folded (self->leaflet))
    return;

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  /* Folded, the list is the whole screen: a selected row would keep the next
   * tap on it from opening the page again. */
  rapport_customer_list_set_selected_customer_id (self->customer_list, 0);
}

static void
show_today_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  rapport_window_set_section (self, "today");
  navigate_to (self, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->today_page));
}

static void
show_outreach_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  rapport_window_set_section (self, "outreach");
  navigate_to (self, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->outreach_page));
}

static void
show_pipeline_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  rapport_window_set_section (self, "pipeline");
  navigate_to (self, "content");
  gtk_widget_grab_focus (GTK_WIDGET (self->pipeline_page));
}

static void
show_duplicates_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  rapport_window_set_section (self, "duplicates");
  navigate_to (self, "list");
}

/* The whole book, or the customers the list shows when a search, a filter
 * or a tag narrows it. */
static void
export_customers_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr (GArray) shown = NULL;
  RapportCustomerListModel *model = rapport_customer_list_get_model (self->customer_list);

  if (self->db == NULL)
    return;

  if (section_shows_customer_list (self) && model != NULL &&
      rapport_customer_list_get_is_filtered (self->customer_list))
    shown = rapport_customer_list_model_dup_ids (model);

  gtk_window_present (GTK_WINDOW (rapport_export_dialog_new (GTK_WINDOW (self), self->session, shown)));
}

/* Parameter: the person handing over, 0 to choose in the dialog. */
static void
handover_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (self->db == NULL)
    return;

  gtk_window_present (GTK_WINDOW (rapport_handover_dialog_new (GTK_WINDOW (self), self->session,
                                                               g_variant_get_int64 (parameter))));
}

static void
handover_history_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (self->session != NULL)
    gtk_window_present (GTK_WINDOW (rapport_handover_history_dialog_new (GTK_WINDOW (self), self->session)));
}

static void
undo_handover_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (self->session != NULL)
    rapport_handover_undo (GTK_WIDGET (self->toast_overlay), self->session, g_variant_get_int64 (parameter));
}

static void
show_sidebar_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  navigate_to (RAPPORT_WINDOW (widget), "sidebar");
}

static void
show_customer_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (rapport_customer_page_get_customer_id (self->customer_page) != 0)
    navigate_to (self, "content");
}

static void
log_interaction_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->customer_page), "customer.log-interaction", NULL);
}

static void
add_follow_up_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->customer_page), "customer.add-follow-up", NULL);
}

static void
delete_customer_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->customer_page), "customer.delete", NULL);
}

/* Import */

/* A toast of plain text (a toast's title is markup). */
static void
add_text_toast (RapportWindow *self,
                const char    *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  rapport_window_add_toast (self, adw_toast_new (escaped));
}

static void
import_undone_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (RapportWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!rapport_import_undo_finish (result, &error))
    add_text_toast (self, error->message);
  else
    add_text_toast (self, _("Import undone"));
}

static void
undo_import_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  rapport_import_undo_async (self->session, g_variant_get_int64 (parameter), NULL,
                             import_undone_cb, g_object_ref (self));
}

static void
imported_cb (RapportWindow *self,
             gint64         import_id,
             guint          n_created,
             guint          n_merged)
{
  guint n = n_created + n_merged;
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u customer",
                                                         "Imported %u customers", n), n);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo Import"));
  adw_toast_set_action_name (toast, "win.undo-import");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (import_id));
  /* Longer than a deletion's: an import is more to take back. */
  adw_toast_set_timeout (toast, 10);
  rapport_window_add_toast (self, toast);
}

static void
import_file_chosen_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (RapportWindow) self = user_data;
  g_autoptr (GFile) file = rapport_compat_choose_file_finish (result, NULL);

  if (file != NULL)
    rapport_window_import_file (self, file);
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  rapport_compat_choose_file_async (GTK_WINDOW (widget), _("Import Customers"), NULL,
                                    import_file_chosen_cb, g_object_ref (widget));
}

static void
import_history_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (self->db == NULL)
    return;

  gtk_window_present (GTK_WINDOW (rapport_import_history_dialog_new (GTK_WINDOW (self), self->session)));
}

static gboolean
file_dropped_cb (RapportWindow *self,
                 const GValue  *value,
                 double         x,
                 double         y)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
      guint n = g_slist_length (files);

      if (n != 1)
        {
          add_text_toast (self, _("Drop one file at a time to import it"));
          g_slist_free (files);
          return FALSE;
        }
      file = files->data;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      file = g_value_get_object (value);
    }

  return file != NULL && rapport_window_import_file (self, file);
}

static void
add_drop_target (RapportWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (file_dropped_cb), self, G_CONNECT_SWAPPED);
  /* The whole content highlights while a file is held over it (style.css). */
  gtk_widget_add_css_class (GTK_WIDGET (self->toast_overlay), "rapport-drop-target");
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));
}

/* The session */

static gboolean
show_opening_cb (gpointer user_data)
{
  RapportWindow *self = user_data;

  self->opening_delay_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->opening_page), TRUE);
  gtk_spinner_set_spinning (self->opening_spinner, TRUE);

  return G_SOURCE_REMOVE;
}

static void
rebuilding_changed_cb (RapportWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->rebuild_strip), rapport_session_get_rebuilding (self->session));
  gtk_progress_bar_set_fraction (self->rebuild_progress, rapport_session_get_rebuild_progress (self->session));
}

static void
opening_step_changed_cb (RapportWindow *self)
{
  adw_status_page_set_description (self->opening_page, rapport_session_get_opening_step (self->session));
}

/* Binds the panes to the session's database once it is open. */
static void
show_database (RapportWindow *self)
{
  self->db = rapport_session_get_database (self->session);

  g_clear_handle_id (&self->opening_delay_id, g_source_remove);
  gtk_spinner_set_spinning (self->opening_spinner, FALSE);

  /* The sort the user chose is a setting: the session has it. */
  self->sort_binding = g_object_bind_property (self->session, "customer-sort",
                                               self->customer_list, "sort",
                                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  rapport_customer_list_set_database (self->customer_list, self->db);
  rapport_trash_page_set_session (self->trash_page, self->session);
  rapport_today_page_set_session (self->today_page, self->session);
  rapport_at_risk_page_set_session (self->at_risk_page, self->session);
  rapport_outreach_page_set_session (self->outreach_page, self->session);
  rapport_duplicates_page_set_session (self->duplicates_page, self->session);
  rapport_service_page_set_session (self->service_page, self->session);
  rapport_pipeline_page_set_session (self->pipeline_page, self->session);
  rapport_reports_page_set_session (self->reports_page, self->session);
  rapport_customer_page_set_session (self->customer_page, self->session);
  g_signal_group_set_target (self->bus_signals, rapport_database_get_change_bus (self->db));

  update_mode_strip (self);
  update_view_cb (self);
  /* A book with customers opens on what is due; an empty one welcomes, and
   * its first customer then shows in the customer list. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "browse") == 0)
    {
      g_free (self->section);
      self->section = g_strdup ("today");
    }
  apply_section (self);
  queue_refresh_tags (self);
}

static void
let_go_of_database (RapportWindow *self)
{
  g_clear_handle_id (&self->update_view_id, g_source_remove);
  g_clear_handle_id (&self->refresh_tags_id, g_source_remove);
  if (self->sort_binding != NULL)
    g_binding_unbind (self->sort_binding);
  self->sort_binding = NULL;
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  if (self->customer_page != NULL)
    {
      rapport_customer_page_set_session (self->customer_page, NULL);
      rapport_trash_page_set_session (self->trash_page, NULL);
      rapport_today_page_set_session (self->today_page, NULL);
      rapport_at_risk_page_set_session (self->at_risk_page, NULL);
      rapport_outreach_page_set_session (self->outreach_page, NULL);
      rapport_duplicates_page_set_session (self->duplicates_page, NULL);
      rapport_service_page_set_session (self->service_page, NULL);
      rapport_pipeline_page_set_session (self->pipeline_page, NULL);
      rapport_reports_page_set_session (self->reports_page, NULL);
      rapport_customer_list_set_database (self->customer_list, NULL);
    }
  self->db = NULL;
}

static void
session_state_changed_cb (RapportWindow *self)
{
  switch (rapport_session_get_state (self->session))
    {
    case RAPPORT_SESSION_STATE_OPEN:
      if (self->db == NULL)
        show_database (self);
      break;

    case RAPPORT_SESSION_STATE_FAILED:
    case RAPPORT_SESSION_STATE_CLOSED:
      /* Nothing is shown of a file that is gone; the application says why. */
      let_go_of_database (self);
      gtk_stack_set_visible_child_name (self->main_stack, "opening");
      break;

    case RAPPORT_SESSION_STATE_NEW:
    case RAPPORT_SESSION_STATE_OPENING:
    default:
      break;
    }

  update_actions (self);
}

/* GObject */

static void
rapport_window_constructed (GObject *object)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  G_OBJECT_CLASS (rapport_window_parent_class)->constructed (object);

  g_assert (RAPPORT_IS_SESSION (self->session));

  g_signal_connect_object (self->session, "notify::state",
                           G_CALLBACK (session_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::opening-step",
                           G_CALLBACK (opening_step_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::rebuilding",
                           G_CALLBACK (rebuilding_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::rebuild-progress",
                           G_CALLBACK (rebuilding_changed_cb), self, G_CONNECT_SWAPPED);
  rebuilding_changed_cb (self);

  update_mode_strip (self);

  /* Folded (a phone), the window opens on the customer list, not the sidebar. */
  adw_leaflet_set_visible_child_name (self->leaflet, "list");

  if (rapport_session_get_database (self->session) != NULL)
    {
      show_database (self);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "opening");
      gtk_widget_set_visible (GTK_WIDGET (self->opening_page), FALSE);
      opening_step_changed_cb (self);
      self->opening_delay_id = g_timeout_add (OPENING_DELAY_MS, show_opening_cb, self);
    }

  update_actions (self);
}

static void
rapport_window_dispose (GObject *object)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  g_clear_handle_id (&self->opening_delay_id, g_source_remove);
  let_go_of_database (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_WINDOW);
  g_clear_object (&self->bus_signals);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_window_parent_class)->dispose (object);
}

static void
rapport_window_finalize (GObject *object)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  g_clear_pointer (&self->section, g_free);
  g_clear_pointer (&self->notices_shown, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_window_parent_class)->finalize (object);
}

static void
rapport_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_window_class_init (RapportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_window_constructed;
  object_class->dispose = rapport_window_dispose;
  object_class->finalize = rapport_window_finalize;
  object_class->get_property = rapport_window_get_property;
  object_class->set_property = rapport_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, new_customer_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-today", NULL, show_today_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-outreach", NULL, show_outreach_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-duplicates", NULL, show_duplicates_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-pipeline", NULL, show_pipeline_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-customers", NULL, export_customers_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-customer", NULL, show_customer_action_cb);
  gtk_widget_class_install_action (widget_class, "win.log-interaction", NULL, log_interaction_action_cb);
  gtk_widget_class_install_action (widget_class, "win.add-follow-up", NULL, add_follow_up_action_cb);
  gtk_widget_class_install_action (widget_class, "win.delete-customer", NULL, delete_customer_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import-history", NULL, import_history_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo-import", "x", undo_import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.handover", "x", handover_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo-handover", "x", undo_handover_action_cb);
  gtk_widget_class_install_action (widget_class, "win.handover-history", NULL, handover_history_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.log-interaction", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.add-follow-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.show-today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1, GDK_CONTROL_MASK, "win.show-today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.show-outreach", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_2, GDK_CONTROL_MASK, "win.show-outreach", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_shortcut_cb, NULL);

  g_type_ensure (RAPPORT_TYPE_CUSTOMER_LIST);
  g_type_ensure (RAPPORT_TYPE_CUSTOMER_PAGE);
  g_type_ensure (RAPPORT_TYPE_TODAY_PAGE);
  g_type_ensure (RAPPORT_TYPE_TRASH_PAGE);
  g_type_ensure (RAPPORT_TYPE_AT_RISK_PAGE);
  g_type_ensure (RAPPORT_TYPE_OUTREACH_PAGE);
  g_type_ensure (RAPPORT_TYPE_DUPLICATES_PAGE);
  g_type_ensure (RAPPORT_TYPE_SERVICE_PAGE);
  g_type_ensure (RAPPORT_TYPE_PIPELINE_PAGE);
  g_type_ensure (RAPPORT_TYPE_REPORTS_PAGE);
  g_type_ensure (RAPPORT_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, customer_list);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, today_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, trash_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, at_risk_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, duplicates_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, outreach_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, service_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, list_separator);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, pipeline_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, empty_back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, customer_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, mode_strip);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, mode_label);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, notice_strip);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, rebuild_strip);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, rebuild_progress);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, opening_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, opening_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, no_customer_page);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, today_open_customer_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_today_count);
  gtk_widget_class_bind_template_callback (widget_class, notice_close_cb);
}

static void
rapport_window_init (RapportWindow *self)
{
  GtkWidget *heading;

  self->section = g_strdup ("customers");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  self->notices_shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->today_row = create_sidebar_row ("rapport-calendar-symbolic", _("Today"), "today");
  self->today_count_label = add_sidebar_count (self->today_row, "rapport-badge");
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->today_row));
  update_today_count (self);

  self->customers_row = create_sidebar_row ("rapport-customers-symbolic", _("Customers"), "customers");
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->customers_row));
  add_at_risk_row (self);
  add_pipeline_row (self);
  add_service_row (self);
  add_outreach_row (self);
  add_reports_row (self);
  self->trash_row = create_sidebar_row ("user-trash-symbolic", _("Trash"), "trash");
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->trash_row));

  heading = gtk_label_new (_("Tags"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  self->tags_heading_row = GTK_LIST_BOX_ROW (gtk_list_box_row_new ());
  gtk_list_box_row_set_child (self->tags_heading_row, heading);
  gtk_list_box_row_set_selectable (self->tags_heading_row, FALSE);
  gtk_list_box_row_set_activatable (self->tags_heading_row, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->tags_heading_row), "sidebar-heading");
  gtk_widget_set_visible (GTK_WIDGET (self->tags_heading_row), FALSE);
  gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->tags_heading_row));

  g_signal_connect_object (self->customer_list, "notify::selected-customer-id",
                           G_CALLBACK (selected_customer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customer_list, "notify::tag-filter",
                           G_CALLBACK (tag_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customer_list, "notify::is-filtered",
                           G_CALLBACK (queue_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customer_page, "notify::customer-id",
                           G_CALLBACK (customer_id_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->main_stack, "notify::visible-child",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  add_drop_target (self);
  folded_changed_cb (self);
}

/* Public API */

/**
 * rapport_window_new:
 * @app: the application
 * @session: the session the window shows, open or opening
 *
 * The window takes its size from the application's settings.
 *
 * Returns: (transfer none): a new window, owned by @app
 */
RapportWindow *
rapport_window_new (RapportApplication *app,
                    RapportSession     *session)
{
  RapportWindow *self;
  GSettings *settings;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  self = g_object_new (RAPPORT_TYPE_WINDOW,
                       "application", app,
                       "session", session,
                       NULL);

  settings = rapport_application_get_settings (app);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  return self;
}

/**
 * rapport_window_get_session:
 *
 * Returns: (transfer none): the session the window shows
 */
RapportSession *
rapport_window_get_session (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * rapport_window_get_database:
 *
 * Returns: (transfer none) (nullable): the session's database, once open
 */
RapportDatabase *
rapport_window_get_database (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return self->db;
}

/**
 * rapport_window_select_customer:
 * @customer_id: the customer to show
 *
 * Selects the customer in the list (clearing a search or filter that hides
 * it), opens its page, and when the window is folded, goes to that page.
 */
void
rapport_window_select_customer (RapportWindow *self,
                                gint64         customer_id)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_return_if_fail (customer_id > 0);

  /* The welcome page may still be up if the customer was just created. */
  update_view_cb (self);
  g_clear_handle_id (&self->update_view_id, g_source_remove);

  if (g_strcmp0 (self->section, "trash") == 0)
    rapport_window_set_section (self, "customers");

  rapport_customer_list_set_selected_customer_id (self->customer_list, customer_id);
  navigate_to (self, "content");
}

/**
 * rapport_window_search:
 * @text: what to search for
 *
 * Shows the customer list (leaving the Trash, going to the list when the
 * window is folded) with the search bar open on @text.
 */
void
rapport_window_search (RapportWindow *self,
                       const char    *text)
{
  GtkEditable *entry;

  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  if (!section_shows_customer_list (self))
    rapport_window_set_section (self, "customers");

  navigate_to (self, "list");
  rapport_customer_list_start_search (self->customer_list);
  entry = rapport_customer_list_get_search_entry (self->customer_list);
  gtk_editable_set_text (entry, text);
  gtk_editable_set_position (entry, -1);
}

gint64
rapport_window_get_customer_id (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), 0);

  return rapport_customer_page_get_customer_id (self->customer_page);
}

const char *
rapport_window_get_visible_view (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

gboolean
rapport_window_get_folded (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet);
}

const char *
rapport_window_get_visible_pane (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return adw_leaflet_get_visible_child_name (self->leaflet);
}

const char *
rapport_window_get_mode_label (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->mode_strip)))
    return NULL;

  return gtk_label_get_text (self->mode_label);
}

const char *
rapport_window_get_section (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return self->section;
}

void
rapport_window_set_section (RapportWindow *self,
                            const char    *section)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_return_if_fail (section != NULL);

  if (g_strcmp0 (self->section, section) == 0)
    return;

  g_free (self->section);
  self->section = g_strdup (section);
  apply_section (self);
}

/**
 * rapport_window_get_today_count:
 *
 * Returns: the number of follow-ups due (overdue and today) the sidebar shows
 */
guint
rapport_window_get_today_count (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), 0);

  return rapport_today_page_get_n_due (self->today_page);
}

/**
 * rapport_window_get_outreach_count:
 *
 * Returns: the number of messages waiting for the user the sidebar shows
 */
guint
rapport_window_get_outreach_count (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), 0);

  return rapport_outreach_page_get_n_attention (self->outreach_page);
}

/**
 * rapport_window_show_notice:
 * @message: what to tell the user, plain text
 *
 * Shows @message in a strip at the bottom of the window until the user
 * dismisses it; a message already shown in this window is not shown again.
 */
void
rapport_window_show_notice (RapportWindow *self,
                            const char    *message)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  if (!g_hash_table_add (self->notices_shown, g_strdup (message)))
    return;

  gtk_label_set_text (self->notice_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_strip), TRUE);
}

/**
 * rapport_window_get_notice:
 *
 * Returns: (nullable): the notice on screen, or %NULL
 */
const char *
rapport_window_get_notice (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->notice_strip)))
    return NULL;

  return gtk_label_get_text (self->notice_label);
}

/**
 * rapport_window_add_toast:
 * @toast: (transfer full): what to say
 *
 * Shows @toast over the window's content.
 */
void
rapport_window_add_toast (RapportWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * rapport_window_import_file:
 * @file: the file to import, chosen or dropped
 *
 * Opens the import assistant on @file; when it imports, a toast offers Undo
 * Import. A file Rapport cannot read (by its name), or a book that cannot
 * take an import (read-only, sample data), gets a toast saying why instead.
 *
 * Returns: whether the assistant opened
 */
gboolean
rapport_window_import_file (RapportWindow *self,
                            GFile         *file)
{
  g_autofree char *name = NULL;
  const char *reason = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!can_import (self, &reason))
    {
      add_text_toast (self, reason);
      return FALSE;
    }

  name = g_file_get_basename (file);
  if (name == NULL || !rapport_import_can_read_name (name))
    {
      g_autofree char *title = NULL;

      /* Translators: %s is a file's name */
      title = g_strdup_printf (_("“%s” cannot be imported: choose a CSV, Excel or vCard file"),
                               name != NULL ? name : "");
      add_text_toast (self, title);
      return FALSE;
    }

  dialog = rapport_import_dialog_new (GTK_WINDOW (self), self->session, file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}
