/* test-window.c
 *
 * The main window on a real database: welcome page, creating customers (through
 * the store and through the real dialog), delete with undo, narrow folding,
 * the Today section (first once there is data, its count, opening a customer
 * from it) and the reminders' notice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-dialog.h"
#include "rapport-interaction-dialog.h"
#include "rapport-customer-list.h"
#include "rapport-follow-up-row.h"
#include "rapport-today-page.h"
#include "rapport-duplicates-page.h"
#include "rapport-export-dialog.h"
#include "rapport-service-page.h"
#include "rapport-service-request-dialog.h"
#include "rapport-pipeline-page.h"
#include "rapport-window.h"
#include "shell-test-utils.h"

typedef struct
{
  char               *dir;
  RapportApplication *app;
  RapportDatabase    *db;
  RapportSession     *session;
  RapportWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = shell_test_make_dir ();
  f->app = shell_test_new_application ();
  f->db = shell_test_open_database (f->dir);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    shell_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->db));
  g_clear_object (&f->app);
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
}

static RapportWindow *
open_window (Fixture *f,
             int      width,
             int      height)
{
  f->window = rapport_window_new (f->app, f->session);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  shell_test_flush ();
  return f->window;
}

static gboolean
is_duplicates_page (GtkWidget *widget,
                    gpointer   data)
{
  return RAPPORT_IS_DUPLICATES_PAGE (widget) && is_shown (widget);
}

static gboolean
view_is_browse (gpointer data)
{
  return g_strcmp0 (rapport_window_get_visible_view (data), "browse") == 0;
}

static gboolean
view_is_welcome (gpointer data)
{
  return g_strcmp0 (rapport_window_get_visible_view (data), "welcome") == 0;
}

static gboolean
is_dismiss_button (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_BUTTON (widget) && is_shown (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), _("Dismiss")) == 0;
}

static gboolean
is_name_row (GtkWidget *widget,
             gpointer   data)
{
  const char *title;

  if (!ADW_IS_ENTRY_ROW (widget))
    return FALSE;

  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return g_strcmp0 (title, _("Name")) == 0 || g_strcmp0 (title, _("_Name")) == 0;
}

static gboolean
is_customer_list (GtkWidget *widget,
                  gpointer   data)
{
  return RAPPORT_IS_CUSTOMER_LIST (widget);
}

static gboolean
is_undo_button (GtkWidget *widget,
                gpointer   data)
{
  const char *label;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;

  label = gtk_button_get_label (GTK_BUTTON (widget));
  return label != NULL && g_str_has_prefix (label, _("_Undo")) ? TRUE :
         label != NULL && g_str_has_prefix (label, _("Undo"));
}

static void
test_welcome_on_empty (Fixture       *f,
                       gconstpointer  data)
{
  RapportWindow *window = open_window (f, 1100, 720);

  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "welcome");
  g_assert_false (rapport_session_get_is_demo (rapport_window_get_session (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, _("Rapport"));

  shell_test_add_customer (f->db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  shell_test_wait_for (view_is_browse, window);
}

static void
test_welcome_not_for_trash (Fixture       *f,
                            gconstpointer  data)
{
  gint64 id = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  RapportWindow *window = open_window (f, 1100, 720);
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "browse");

  /* Everything in the Trash: the Trash must stay reachable. */
  rapport_store_trash_customer (f->db, id, &error);
  g_assert_no_error (error);
  shell_test_flush ();
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "browse");

  rapport_store_empty_trash (f->db, NULL, &error);
  g_assert_no_error (error);
  shell_test_wait_for (view_is_welcome, window);
}

static void
customer_saved_cb (GtkWidget *dialog,
                   gint64     id,
                   gint64    *out)
{
  *out = id;
}

static gboolean
window_shows_customer (gpointer data)
{
  return rapport_window_get_customer_id (data) != 0;
}

static void
test_new_customer_dialog (Fixture       *f,
                          gconstpointer  data)
{
  RapportWindow *window = open_window (f, 1100, 720);
  GtkWindow *dialog;
  GtkWidget *name_row;
  gint64 saved_id = 0;
  g_autoptr (RapportCustomer) customer = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL));
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_CUSTOMER_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_signal_connect (dialog, "saved", G_CALLBACK (customer_saved_cb), &saved_id);

  name_row = shell_test_find_widget (GTK_WIDGET (dialog), is_name_row, NULL);
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "速阳有限公司");
  shell_test_flush ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  shell_test_flush ();

  g_assert_cmpint (saved_id, >, 0);
  customer = rapport_store_get_customer (f->db, saved_id, NULL);
  g_assert_nonnull (customer);
  g_assert_cmpstr (rapport_customer_get_name (customer), ==, "速阳有限公司");

  /* The window left the welcome page and shows the new customer. */
  shell_test_wait_for (window_shows_customer, window);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "browse");
  g_assert_cmpint (rapport_window_get_customer_id (window), ==, saved_id);
}

static void
test_delete_with_undo (Fixture       *f,
                       gconstpointer  data)
{
  gint64 id = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  gint64 other = shell_test_add_customer (f->db, "Bolt Supplies", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  RapportWindow *window = open_window (f, 1100, 720);
  g_autoptr (RapportCustomer) trashed = NULL;
  g_autoptr (RapportCustomer) restored = NULL;
  GtkWidget *undo;

  rapport_window_select_customer (window, id);
  g_assert_cmpint (rapport_window_get_customer_id (window), ==, id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-customer", NULL));
  shell_test_flush ();

  trashed = rapport_store_get_customer (f->db, id, NULL);
  g_assert_nonnull (trashed);
  g_assert_cmpint (rapport_customer_get_deleted_at (trashed), >, 0);
  g_assert_cmpint (rapport_window_get_customer_id (window), ==, 0);
  g_assert_cmpint (rapport_store_count_customers (f->db), ==, 1);

  /* The undo toast is in the window's overlay. */
  undo = shell_test_find_widget (GTK_WIDGET (window), is_undo_button, NULL);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  shell_test_flush ();

  restored = rapport_store_get_customer (f->db, id, NULL);
  g_assert_cmpint (rapport_customer_get_deleted_at (restored), ==, 0);
  g_assert_cmpint (rapport_store_count_customers (f->db), ==, 2);
  (void) other;
}

/* Runs the window's Delete key binding as a key press would, returning
 * whether it handled the key. */
static gboolean
press_delete (RapportWindow *window)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Delete &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (window),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_assert_not_reached ();
  return FALSE;
}

static gint64
deleted_at (Fixture *f,
            gint64   id)
{
  g_autoptr (RapportCustomer) customer = rapport_store_get_customer (f->db, id, NULL);

  return rapport_customer_get_deleted_at (customer);
}

static void
test_delete_key (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  RapportWindow *window = open_window (f, 1100, 720);

  rapport_window_select_customer (window, id);
  shell_test_flush ();

  /* In the search entry, Delete edits text and leaves the customer alone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  shell_test_flush ();
  g_assert_true (GTK_IS_TEXT (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_false (press_delete (window));
  g_assert_cmpint (deleted_at (f, id), ==, 0);

  /* In the list, it moves the customer to the Trash. */
  gtk_widget_grab_focus (GTK_WIDGET (rapport_customer_list_get_list_view (
    RAPPORT_CUSTOMER_LIST (shell_test_find_widget (GTK_WIDGET (window), is_customer_list, NULL)))));
  g_assert_false (GTK_IS_TEXT (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_true (press_delete (window));
  shell_test_flush ();
  g_assert_cmpint (deleted_at (f, id), >, 0);

  /* Nothing selected any more: Delete does nothing. */
  g_assert_false (press_delete (window));
}

static void
test_tag_section (Fixture       *f,
                  gconstpointer  data)
{
  RapportWindow *window;
  RapportCustomerList *list;

  shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, "VIP");
  shell_test_add_customer (f->db, "Bolt Supplies", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  window = open_window (f, 1100, 720);
  list = RAPPORT_CUSTOMER_LIST (shell_test_find_widget (GTK_WIDGET (window), is_customer_list, NULL));

  /* The sidebar's tag filters the list ... */
  rapport_window_set_section (window, "tag:VIP");
  shell_test_flush ();
  g_assert_cmpstr (rapport_customer_list_get_tag_filter (list), ==, "VIP");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rapport_customer_list_get_model (list))), ==, 1);

  /* ... and clearing the filter in the list goes back to Customers. */
  rapport_customer_list_clear_filters (list);
  shell_test_flush ();
  g_assert_cmpstr (rapport_window_get_section (window), ==, "customers");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rapport_customer_list_get_model (list))), ==, 2);

  rapport_window_set_section (window, "trash");
  g_assert_cmpstr (rapport_window_get_section (window), ==, "trash");
}

typedef struct
{
  GtkWidget *root;
  gboolean   shown;
} TagCheck;

static gboolean
is_label_gold_club (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), "Gold Club") == 0;
}

static gboolean
tag_shown_as_expected (gpointer data)
{
  TagCheck *check = data;

  return (shell_test_find_widget (check->root, is_label_gold_club, NULL) != NULL) == check->shown;
}

static void
test_sidebar_tags_follow (Fixture       *f,
                          gconstpointer  data)
{
  RapportWindow *window;
  TagCheck check;
  gint64 id;
  g_autoptr (GError) error = NULL;

  shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  window = open_window (f, 1100, 720);
  check = (TagCheck) { GTK_WIDGET (window), FALSE };
  shell_test_wait_for (tag_shown_as_expected, &check);

  /* A new tag appears in the sidebar ... */
  id = shell_test_add_customer (f->db, "Bolt Supplies", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, "Gold Club");
  check.shown = TRUE;
  shell_test_wait_for (tag_shown_as_expected, &check);

  /* ... and leaves with its last customer. */
  rapport_store_trash_customer (f->db, id, &error);
  g_assert_no_error (error);
  check.shown = FALSE;
  shell_test_wait_for (tag_shown_as_expected, &check);
}

static void
test_log_interaction (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  RapportWindow *window = open_window (f, 1100, 720);
  GtkWindow *dialog;

  /* Nobody shown: nothing to log against. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-interaction", NULL);
  shell_test_flush ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_INTERACTION_DIALOG, NULL));

  rapport_window_select_customer (window, id);
  shell_test_flush ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-interaction", NULL));
  shell_test_flush ();
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_INTERACTION_DIALOG, NULL);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
}

static void
test_narrow_folds (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  RapportWindow *window = open_window (f, 360, 640);
  RapportWindow *wide;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (rapport_window_get_folded (window));
  /* A phone opens on the list. */
  g_assert_cmpstr (rapport_window_get_visible_pane (window), ==, "list");

  rapport_window_select_customer (window, id);
  shell_test_flush ();
  g_assert_cmpstr (rapport_window_get_visible_pane (window), ==, "content");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-list", NULL));
  shell_test_flush ();
  g_assert_cmpstr (rapport_window_get_visible_pane (window), ==, "list");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  shell_test_flush ();
  g_assert_cmpstr (rapport_window_get_visible_pane (window), ==, "sidebar");

  shell_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));

  /* Wide, the three panes sit side by side. */
  wide = open_window (f, 1100, 720);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (wide));
  g_assert_false (rapport_window_get_folded (wide));
}

static void
test_demo_label (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (RapportSession) demo = rapport_session_new_for_database (f->db, NULL, TRUE);

  shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  f->window = rapport_window_new (f->app, demo);
  gtk_window_present (GTK_WINDOW (f->window));
  shell_test_flush ();

  g_assert_true (rapport_session_get_is_demo (rapport_window_get_session (f->window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, _("Rapport — Sample Data"));
  g_assert_cmpstr (rapport_window_get_mode_label (f->window), ==,
                   _("Sample data — changes are thrown away when you close this window"));
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_strdup (rapport_database_get_path (f->db));
  g_autoptr (RapportDatabase) ro = NULL;
  g_autoptr (RapportSession) ro_session = NULL;
  g_autoptr (GError) error = NULL;

  shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  ro = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  ro_session = rapport_session_new_for_database (ro, NULL, FALSE);

  f->window = rapport_window_new (f->app, ro_session);
  gtk_window_present (GTK_WINDOW (f->window));
  shell_test_flush ();

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, _("Rapport — Read-Only"));
  g_assert_nonnull (rapport_window_get_mode_label (f->window));
  /* Editing actions are off: no dialog opens. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-customer", NULL);
  shell_test_flush ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_CUSTOMER_DIALOG, NULL));

  shell_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));
  g_assert_finalize_object (g_steal_pointer (&ro_session));
  g_assert_finalize_object (g_steal_pointer (&ro));
}

static void
test_size_saved (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  RapportWindow *window = open_window (f, 900, 640);
  RapportWindow *next;
  int width, height;

  /* The shortcuts window comes from ui/gtk/help-overlay.ui. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  shell_test_flush ();
  g_assert_finalize_object (window);
  f->window = NULL;

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window starts at that size. */
  next = f->window = rapport_window_new (f->app, f->session);
  gtk_window_get_default_size (GTK_WINDOW (next), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Today */

static void
use_fixed_clock (Fixture *f)
{
  g_autoptr (RapportClock) clock = rapport_clock_new ();

  /* 2026-03-18 10:30 in Shanghai, the tests' zone. */
  rapport_clock_set_fixed (clock, TEST_NOW);
  rapport_session_set_clock (f->session, clock);
}

static gint64
add_follow_up (Fixture    *f,
               gint64      customer_id,
               const char *title,
               const char *due_local)
{
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();
  g_autoptr (GError) error = NULL;

  rapport_follow_up_set_customer_id (follow_up, customer_id);
  rapport_follow_up_set_title (follow_up, title);
  rapport_follow_up_set_due_local (follow_up, due_local);
  rapport_follow_up_set_time_zone (follow_up, "Asia/Shanghai");
  rapport_store_insert_follow_up (f->db, follow_up, &error);
  g_assert_no_error (error);

  return rapport_follow_up_get_id (follow_up);
}

static gboolean
is_today_page (GtkWidget *widget,
               gpointer   data)
{
  return RAPPORT_IS_TODAY_PAGE (widget);
}

static gboolean
is_row_of (GtkWidget *widget,
           gpointer   data)
{
  return RAPPORT_IS_FOLLOW_UP_ROW (widget) &&
         rapport_follow_up_get_id (rapport_follow_up_row_get_follow_up (RAPPORT_FOLLOW_UP_ROW (widget))) == *(gint64 *) data;
}

static GtkWidget *
find_follow_up_row (RapportWindow *window,
                    gint64         id)
{
  return shell_test_find_widget (GTK_WIDGET (window), is_row_of, &id);
}

static gboolean
is_done_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "follow-up.done") == 0;
}

/* The label of the Today row of the sidebar that shows the count. */
static gboolean
is_sidebar_count (GtkWidget *widget,
                  gpointer   data)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "rapport-badge") && row != NULL &&
         g_strcmp0 (g_object_get_data (G_OBJECT (row), "section"), "today") == 0;
}

/* The Service section: a sidebar row counting the requests assigned to the
 * user, the page with its queues, a request opened with its customer. */

static gboolean
is_service_count (GtkWidget *widget,
                  gpointer   data)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric") && row != NULL &&
         g_strcmp0 (g_object_get_data (G_OBJECT (row), "section"), "service") == 0;
}

static gboolean
is_service_page (GtkWidget *widget,
                 gpointer   data)
{
  return RAPPORT_IS_SERVICE_PAGE (widget);
}

static gboolean
is_list_view (GtkWidget *widget,
              gpointer   data)
{
  /* The request list, not the queue drop-down's. */
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "rapport-service-list");
}

static gint64
add_my_request (Fixture    *f,
                gint64      customer_id,
                const char *summary)
{
  g_autoptr (RapportServiceRequest) request = rapport_service_request_new ();
  g_autoptr (GError) error = NULL;
  gint64 me = rapport_store_get_default_user_id (f->db, &error);

  g_assert_no_error (error);
  rapport_service_request_set_customer_id (request, customer_id);
  rapport_service_request_set_kind (request, RAPPORT_SERVICE_KIND_AFTER_SALES);
  rapport_service_request_set_summary (request, summary);
  rapport_service_request_set_severity (request, RAPPORT_SERVICE_SEVERITY_HIGH);
  rapport_store_insert_service_request (f->db, request, NULL, &error);
  g_assert_no_error (error);
  rapport_store_assign_service_request (f->db, rapport_service_request_get_id (request), me, &error);
  g_assert_no_error (error);

  return rapport_service_request_get_id (request);
}

static gboolean
service_count_is (gpointer data)
{
  GtkLabel *count = data;

  return g_strcmp0 (gtk_label_get_text (count), "2") == 0;
}

static gboolean
service_dialog_shown (gpointer data)
{
  return shell_test_find_toplevel (RAPPORT_TYPE_SERVICE_REQUEST_DIALOG, NULL) != NULL;
}

static void
test_service_section (Fixture       *f,
                      gconstpointer  data)
{
  gint64 customer = shell_test_add_customer (f->db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  RapportWindow *window;
  GtkWidget *count;
  GtkWidget *page;
  GtkWidget *list_view;
  GtkWindow *dialog;

  use_fixed_clock (f);
  add_my_request (f, customer, "地砖空鼓");

  window = open_window (f, 1100, 720);
  count = shell_test_find_widget (GTK_WIDGET (window), is_service_count, NULL);
  g_assert_nonnull (count);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "1");

  rapport_window_set_section (window, "service");
  page = shell_test_find_widget (GTK_WIDGET (window), is_service_page, NULL);
  g_assert_true (is_shown (page));
  g_assert_cmpint (rapport_service_page_get_queue (RAPPORT_SERVICE_PAGE (page)), ==, RAPPORT_SERVICE_QUEUE_MINE);
  g_assert_true (shows_text (page, "地砖空鼓"));

  /* Another one assigned elsewhere (a worker, a dialog): the count follows. */
  add_my_request (f, customer, "门锁损坏");
  shell_test_wait_for (service_count_is, count);
  shell_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rapport_service_page_get_model (RAPPORT_SERVICE_PAGE (page))), ==, 2);

  /* Opening a request shows its customer beside the list, and the request. */
  list_view = shell_test_find_widget (page, is_list_view, NULL);
  g_assert_nonnull (list_view);
  g_signal_emit_by_name (list_view, "activate", 0);
  shell_test_wait_for (service_dialog_shown, NULL);
  g_assert_cmpint (rapport_window_get_customer_id (window), ==, customer);
  g_assert_cmpstr (rapport_window_get_section (window), ==, "service");

  dialog = shell_test_find_toplevel (RAPPORT_TYPE_SERVICE_REQUEST_DIALOG, NULL);
  gtk_window_destroy (dialog);
  shell_test_spin ();
}

static void
test_today_first (Fixture       *f,
                  gconstpointer  data)
{
  RapportWindow *window;
  GtkWidget *today;

  use_fixed_clock (f);

  /* An empty book welcomes, and its first customer shows in the list. */
  window = open_window (f, 1100, 720);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "welcome");
  shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  shell_test_wait_for (view_is_browse, window);
  g_assert_cmpstr (rapport_window_get_section (window), ==, "customers");
  shell_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));

  /* A book with data opens on Today. */
  window = open_window (f, 1100, 720);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "browse");
  g_assert_cmpstr (rapport_window_get_section (window), ==, "today");
  today = shell_test_find_widget (GTK_WIDGET (window), is_today_page, NULL);
  g_assert_true (is_shown (today));
  g_assert_true (shows_text (today, "Nothing Due"));

  /* Ctrl+1 comes back to it from elsewhere. */
  rapport_window_set_section (window, "customers");
  g_assert_false (is_shown (today));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-today", NULL));
  g_assert_cmpstr (rapport_window_get_section (window), ==, "today");
  g_assert_true (is_shown (today));
}

static void
test_today_count (Fixture       *f,
                  gconstpointer  data)
{
  gint64 customer = shell_test_add_customer (f->db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  gint64 overdue, today;
  RapportWindow *window;
  GtkWidget *count;

  use_fixed_clock (f);
  overdue = add_follow_up (f, customer, "Send the quote", "2026-03-17 16:00");
  today = add_follow_up (f, customer, "Call back", "2026-03-18 23:30");
  add_follow_up (f, customer, "Visit", "2026-03-20 10:00");

  window = open_window (f, 1100, 720);
  count = shell_test_find_widget (GTK_WIDGET (window), is_sidebar_count, NULL);

  /* Ctrl+1 puts the keyboard on the first follow-up. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-today", NULL));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == find_follow_up_row (window, overdue));

  g_assert_nonnull (count);
  g_assert_cmpuint (rapport_window_get_today_count (window), ==, 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "2");
  g_assert_true (is_shown (count));

  /* Done on the page: the row goes and the count drops. */
  click (shell_test_find_widget (find_follow_up_row (window, overdue), is_done_button, NULL));
  shell_test_spin ();
  g_assert_null (find_follow_up_row (window, overdue));
  g_assert_cmpuint (rapport_window_get_today_count (window), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "1");

  /* Nothing due: no count at all. */
  click (shell_test_find_widget (find_follow_up_row (window, today), is_done_button, NULL));
  shell_test_spin ();
  g_assert_cmpuint (rapport_window_get_today_count (window), ==, 0);
  g_assert_false (is_shown (count));
}

static void
test_today_open_customer (Fixture       *f,
                          gconstpointer  data)
{
  gboolean narrow = GPOINTER_TO_INT (data);
  gint64 customer = shell_test_add_customer (f->db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  RapportWindow *window;
  GtkWidget *row;
  gint64 id;

  shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  use_fixed_clock (f);
  id = add_follow_up (f, customer, "Call back", "2026-03-18 15:00");

  window = open_window (f, narrow ? 360 : 1100, narrow ? 640 : 720);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (rapport_window_get_folded (window), ==, narrow);
  if (narrow)
    g_assert_cmpstr (rapport_window_get_visible_pane (window), ==, "list");

  row = find_follow_up_row (window, id);
  g_assert_nonnull (row);
  g_assert_true (is_shown (row));
  g_assert_true (gtk_widget_activate_action (row, "follow-up.open-customer", NULL));
  shell_test_flush ();

  g_assert_cmpint (rapport_window_get_customer_id (window), ==, customer);
  g_assert_cmpstr (rapport_window_get_section (window), ==, "today");
  if (narrow)
    {
      g_assert_cmpstr (rapport_window_get_visible_pane (window), ==, "content");

      /* Back goes to Today, not to the customer list. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-list", NULL));
      shell_test_flush ();
      g_assert_cmpstr (rapport_window_get_visible_pane (window), ==, "list");
      g_assert_true (is_shown (find_follow_up_row (window, id)));
    }
  else
    {
      /* Today stays beside the customer. */
      g_assert_true (is_shown (row));
    }
}

static void
test_notice (Fixture       *f,
             gconstpointer  data)
{
  const char *message = "Reminders cannot be shown: no notification server";
  RapportWindow *window;
  GtkWidget *dismiss;

  shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  window = open_window (f, 1100, 720);
  g_assert_null (rapport_window_get_notice (window));

  rapport_window_show_notice (window, message);
  g_assert_cmpstr (rapport_window_get_notice (window), ==, message);
  g_assert_true (shows_text (GTK_WIDGET (window), message));

  dismiss = shell_test_find_widget (GTK_WIDGET (window), is_dismiss_button, NULL);
  g_assert_nonnull (dismiss);
  click (dismiss);
  g_assert_null (rapport_window_get_notice (window));
  g_assert_false (shows_text (GTK_WIDGET (window), message));

  /* Said once: the same message again stays away. */
  rapport_window_show_notice (window, message);
  g_assert_null (rapport_window_get_notice (window));

  rapport_window_show_notice (window, "Something else");
  g_assert_cmpstr (rapport_window_get_notice (window), ==, "Something else");
}

/* "Export Customers…" offers the customers a tag shows; "Find Duplicates"
 * shows the Duplicates section. */
static void
test_export_and_duplicates (Fixture       *f,
                            gconstpointer  data)
{
  RapportWindow *window;
  GtkWindow *dialog;

  shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, "VIP");
  shell_test_add_customer (f->db, "Bolt Supplies", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  window = open_window (f, 1100, 720);
  shell_test_wait_for (view_is_browse, window);

  rapport_window_set_section (window, "tag:VIP");
  shell_test_flush ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-customers", NULL));
  shell_test_flush ();
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_EXPORT_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "All 2 customers"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "The 1 customer shown"));
  gtk_window_destroy (dialog);
  shell_test_flush ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-duplicates", NULL));
  shell_test_flush ();
  g_assert_cmpstr (rapport_window_get_section (window), ==, "duplicates");
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (window), is_duplicates_page, NULL));
}

static gboolean
is_pipeline_page (GtkWidget *widget,
                  gpointer   data)
{
  return RAPPORT_IS_PIPELINE_PAGE (widget);
}

/* The Pipeline section takes the list's and the page's room, wide or narrow. */
static void
test_pipeline_section (Fixture       *f,
                       gconstpointer  data)
{
  gboolean narrow = GPOINTER_TO_INT (data);
  RapportWindow *window;
  GtkWidget *page;
  GtkWidget *list;

  shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  window = open_window (f, narrow ? 360 : 1100, 720);
  shell_test_wait_for (view_is_browse, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  page = shell_test_find_widget (GTK_WIDGET (window), is_pipeline_page, NULL);
  list = shell_test_find_widget (GTK_WIDGET (window), is_customer_list, NULL);
  g_assert_nonnull (page);
  g_assert_false (is_shown (page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pipeline", NULL));
  shell_test_flush ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (rapport_window_get_section (window), ==, "pipeline");
  g_assert_true (is_shown (page) && gtk_widget_get_mapped (page));
  g_assert_true (rapport_pipeline_page_get_loaded (RAPPORT_PIPELINE_PAGE (page)));
  g_assert_cmpuint (rapport_pipeline_page_get_n_columns (RAPPORT_PIPELINE_PAGE (page)), ==, 6);
  g_assert_false (is_shown (list));
  if (narrow)
    g_assert_cmpstr (rapport_window_get_visible_pane (window), ==, "content");

  rapport_window_set_section (window, "customers");
  shell_test_flush ();
  if (narrow)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-list", NULL));
      shell_test_flush ();
    }
  g_assert_true (is_shown (list));
  g_assert_false (is_shown (page));
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add ("/ui/window/pipeline-section", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_pipeline_section, fixture_tear_down);
  g_test_add ("/ui/window/pipeline-section-narrow", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_pipeline_section, fixture_tear_down);
  g_test_add ("/ui/window/welcome-on-empty", Fixture, NULL, fixture_set_up, test_welcome_on_empty, fixture_tear_down);
  g_test_add ("/ui/window/welcome-not-for-trash", Fixture, NULL, fixture_set_up, test_welcome_not_for_trash, fixture_tear_down);
  g_test_add ("/ui/window/new-customer-dialog", Fixture, NULL, fixture_set_up, test_new_customer_dialog, fixture_tear_down);
  g_test_add ("/ui/window/delete-with-undo", Fixture, NULL, fixture_set_up, test_delete_with_undo, fixture_tear_down);
  g_test_add ("/ui/window/delete-key", Fixture, NULL, fixture_set_up, test_delete_key, fixture_tear_down);
  g_test_add ("/ui/window/tag-section", Fixture, NULL, fixture_set_up, test_tag_section, fixture_tear_down);
  g_test_add ("/ui/window/sidebar-tags-follow", Fixture, NULL, fixture_set_up, test_sidebar_tags_follow, fixture_tear_down);
  g_test_add ("/ui/window/log-interaction", Fixture, NULL, fixture_set_up, test_log_interaction, fixture_tear_down);
  g_test_add ("/ui/window/narrow-folds", Fixture, NULL, fixture_set_up, test_narrow_folds, fixture_tear_down);
  g_test_add ("/ui/window/demo-label", Fixture, NULL, fixture_set_up, test_demo_label, fixture_tear_down);
  g_test_add ("/ui/window/size-saved", Fixture, NULL, fixture_set_up, test_size_saved, fixture_tear_down);
  g_test_add ("/ui/window/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/ui/window/today-first", Fixture, NULL, fixture_set_up, test_today_first, fixture_tear_down);
  g_test_add ("/ui/window/today-count", Fixture, NULL, fixture_set_up, test_today_count, fixture_tear_down);
  g_test_add ("/ui/window/service-section", Fixture, NULL, fixture_set_up, test_service_section, fixture_tear_down);
  g_test_add ("/ui/window/today-open-customer", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_today_open_customer, fixture_tear_down);
  g_test_add ("/ui/window/today-open-customer-narrow", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_today_open_customer, fixture_tear_down);
  g_test_add ("/ui/window/notice", Fixture, NULL, fixture_set_up, test_notice, fixture_tear_down);
  g_test_add ("/ui/window/export-and-duplicates", Fixture, NULL, fixture_set_up, test_export_and_duplicates,
              fixture_tear_down);

  return g_test_run ();
}
