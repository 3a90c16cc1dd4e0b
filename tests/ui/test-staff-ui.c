/* test-staff-ui.c
 *
 * The staff in the interface: the owner / assignee row of the editors, the
 * owner filter of the lists, and Preferences › Staff.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-customer-dialog.h"
#include "rapport-customer-list.h"
#include "rapport-customer-page.h"
#include "rapport-follow-up-dialog.h"
#include "rapport-preferences-window.h"
#include "rapport-staff-filter.h"
#include "rapport-staff-page.h"
#include "rapport-staff-row.h"
#include "rapport-store.h"
#include "rapport-today-page.h"

#include "shell-test-utils.h"

static gint64
add_staff (TestDb     *t,
           const char *name)
{
  g_autoptr (GError) error = NULL;
  gint64 id = rapport_store_add_staff_member (t->db, name, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
set_left (TestDb   *t,
          gint64    id,
          gboolean  left)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rapport_store_set_staff_left (t->db, id, left, &error));
  g_assert_no_error (error);
  rapport_change_bus_flush (rapport_database_get_change_bus (t->db));
}

/* The labels of a list of GtkStringObject, joined with "|". */
static char *
labels_of (GListModel *model)
{
  g_autoptr (GString) labels = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (labels, '|');
      g_string_append (labels, gtk_string_object_get_string (item));
    }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static char *
row_labels (GtkWidget *row)
{
  return labels_of (adw_combo_row_get_model (ADW_COMBO_ROW (row)));
}

static const char *
row_shown (GtkWidget *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_owner_row (void)
{
  TestDb t = { 0, };
  GtkWidget *row;
  g_autofree char *labels = NULL;
  gint64 li, wang, zhao;
  guint notified = 0;

  test_db_open (&t);
  li = add_staff (&t, "李娜");
  wang = add_staff (&t, "王伟");
  zhao = add_staff (&t, "赵敏");
  set_left (&t, zhao, TRUE);

  row = g_object_ref_sink (rapport_staff_row_new (t.db, RAPPORT_STAFF_PICK_OWNER));
  g_signal_connect (row, "notify::user-id", G_CALLBACK (notify_cb), &notified);

  /* Me first and chosen; nobody who left is offered. */
  labels = row_labels (row);
  g_assert_cmpstr (labels, ==, "Me|李娜|王伟");
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, 0);
  g_assert_cmpstr (row_shown (row), ==, "Me");

  /* The user picks 王伟. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, wang);
  g_assert_cmpuint (notified, ==, 1);

  /* The default user's real id is "Me", which reads 0 (owner_id NULL). */
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), rapport_store_get_default_user_id (t.db, NULL));
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, 0);
  g_assert_cmpstr (row_shown (row), ==, "Me");

  /* A customer owned by someone who left shows them, marked, and keeps them
   * until another is chosen. */
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), zhao);
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, zhao);
  g_assert_cmpstr (row_shown (row), ==, "赵敏 (left)");
  g_clear_pointer (&labels, g_free);
  labels = row_labels (row);
  g_assert_cmpstr (labels, ==, "Me|李娜|王伟|赵敏 (left)");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, li);

  /* Staff changes arrive by the change bus; the choice stays. */
  add_staff (&t, "Anna");
  rapport_change_bus_flush (rapport_database_get_change_bus (t.db));
  g_clear_pointer (&labels, g_free);
  labels = row_labels (row);
  g_assert_cmpstr (labels, ==, "Me|Anna|李娜|王伟|赵敏 (left)");
  g_assert_cmpstr (row_shown (row), ==, "李娜");
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, li);

  /* The chosen one leaves meanwhile: still shown, marked. */
  set_left (&t, li, TRUE);
  g_assert_cmpstr (row_shown (row), ==, "李娜 (left)");
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, li);

  /* An unknown id falls back to Me. */
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), 4242);
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, 0);
  g_assert_cmpstr (row_shown (row), ==, "Me");

  g_assert_finalize_object (row);
  test_db_close (&t);
}

static void
test_assignee_row (void)
{
  TestDb t = { 0, };
  GtkWidget *row;
  g_autofree char *labels = NULL;
  gint64 me;
  gint64 li;

  test_db_open (&t);
  li = add_staff (&t, "李娜");
  me = rapport_store_get_default_user_id (t.db, NULL);

  row = g_object_ref_sink (rapport_staff_row_new (t.db, RAPPORT_STAFF_PICK_ASSIGNEE));
  g_assert_cmpint (rapport_staff_row_get_mode (RAPPORT_STAFF_ROW (row)), ==, RAPPORT_STAFF_PICK_ASSIGNEE);

  /* A service request starts unassigned; the default user is named by id. */
  labels = row_labels (row);
  g_assert_cmpstr (labels, ==, "Unassigned|Me|李娜");
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, me);
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), li);
  g_assert_cmpstr (row_shown (row), ==, "李娜");

  g_assert_finalize_object (row);
  test_db_close (&t);
}

static void
test_filter (void)
{
  TestDb t = { 0, };
  GtkWidget *filter;
  GtkWidget *drop_down;
  g_autofree char *labels = NULL;
  gint64 li, zhao;
  guint notified = 0;

  test_db_open (&t);
  li = add_staff (&t, "李娜");
  zhao = add_staff (&t, "赵敏");
  set_left (&t, zhao, TRUE);

  filter = g_object_ref_sink (rapport_staff_filter_new (t.db, RAPPORT_STAFF_PICK_OWNER));
  g_signal_connect (filter, "notify::user-id", G_CALLBACK (notify_cb), &notified);
  drop_down = gtk_widget_get_first_child (filter);
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));

  /* Everyone first; those who left too, since what they still own is what
   * one looks for before a handover. */
  labels = labels_of (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down)));
  g_assert_cmpstr (labels, ==, "Everyone|Me|李娜|赵敏 (left)");
  g_assert_cmpint (rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (filter)), ==, RAPPORT_STAFF_FILTER_EVERYONE);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 3);
  g_assert_cmpint (rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (filter)), ==, zhao);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 1);
  g_assert_cmpint (rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (filter)), ==, 0);
  g_assert_cmpuint (notified, ==, 2);

  rapport_staff_filter_set_user_id (RAPPORT_STAFF_FILTER (filter), li);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, 2);
  g_assert_cmpuint (notified, ==, 3);

  /* A rename arrives by the change bus; the choice stays. */
  g_assert_true (rapport_store_rename_staff_member (t.db, li, "李娜娜", NULL));
  rapport_change_bus_flush (rapport_database_get_change_bus (t.db));
  g_clear_pointer (&labels, g_free);
  labels = labels_of (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down)));
  g_assert_cmpstr (labels, ==, "Everyone|Me|李娜娜|赵敏 (left)");
  g_assert_cmpint (rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (filter)), ==, li);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, 2);
  g_assert_cmpuint (notified, ==, 3);

  g_assert_finalize_object (filter);

  /* In ASSIGNEE mode: Everyone, Unassigned, then the staff. */
  filter = g_object_ref_sink (rapport_staff_filter_new (t.db, RAPPORT_STAFF_PICK_ASSIGNEE));
  g_clear_pointer (&labels, g_free);
  labels = labels_of (gtk_drop_down_get_model (GTK_DROP_DOWN (gtk_widget_get_first_child (filter))));
  g_assert_cmpstr (labels, ==, "Everyone|Unassigned|Me|李娜娜|赵敏 (left)");
  g_assert_finalize_object (filter);

  test_db_close (&t);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return find_titled (root, GTK_TYPE_BUTTON, label);
}

static GtkWidget *
staff_row (GtkWidget  *root,
           const char *name)
{
  return find_titled (root, ADW_TYPE_EXPANDER_ROW, name);
}

static void
apply (GtkWidget *entry_row,
       const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  g_signal_emit_by_name (entry_row, "apply");
  shell_test_spin ();
}

static void
handover_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  *(gint64 *) user_data = g_variant_get_int64 (parameter);
}

static void
test_preferences_page (void)
{
  TestDb t = { 0, };
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autoptr (GSettings) settings = g_settings_new ("io.github.rapportcrm.Rapport");
  g_autoptr (GSimpleAction) handover = g_simple_action_new ("handover", G_VARIANT_TYPE_INT64);
  g_autoptr (RapportStaffMember) stored = NULL;
  GtkWidget *parent;
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *add_row;
  GtkWidget *row;
  GtkWidget *left_group;
  gint64 handed_over = 0;
  gint64 li;
  gint64 customer;

  test_db_open (&t);
  customer = shell_test_add_customer (t.db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);

  parent = gtk_application_window_new (GTK_APPLICATION (app));
  g_signal_connect (handover, "activate", G_CALLBACK (handover_cb), &handed_over);
  g_action_map_add_action (G_ACTION_MAP (parent), G_ACTION (handover));
  gtk_window_present (GTK_WINDOW (parent));

  window = rapport_preferences_window_new (GTK_WINDOW (parent), settings, t.session);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "staff");
  gtk_window_present (GTK_WINDOW (window));
  shell_test_spin ();
  page = GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (window)));
  g_assert_true (RAPPORT_IS_STAFF_PAGE (page));

  /* Me is there, and cannot leave. */
  row = staff_row (page, "Me");
  g_assert_nonnull (row);
  g_assert_null (find_button (row, "Mark as Left"));

  /* An empty name is refused with a reason. */
  add_row = find_entry_row (page, "Add Staff Member");
  apply (add_row, "  ");
  g_assert_true (shows_text (page, "Enter a name"));
  g_assert_true (gtk_widget_has_css_class (add_row, "error"));

  /* A name adds them, open for their role; the error goes. */
  apply (add_row, "李娜");
  g_assert_false (shows_text (page, "Enter a name"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  row = staff_row (page, "李娜");
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  li = rapport_store_get_default_user_id (t.db, NULL) + 1;
  stored = rapport_store_get_staff_member (t.db, li, NULL);
  g_assert_cmpstr (rapport_staff_member_get_name (stored), ==, "李娜");
  g_clear_object (&stored);

  /* The same name twice is refused. */
  apply (add_row, "李娜");
  g_assert_true (shows_text (page, "already called “李娜”"));

  /* Role and name are applied from the open row. */
  apply (find_entry_row (row, "Role"), "销售经理");
  row = staff_row (page, "李娜");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "销售经理");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  apply (find_entry_row (row, "Name"), "李娜娜");
  row = staff_row (page, "李娜娜");
  g_assert_nonnull (row);
  apply (find_entry_row (row, "Name"), "");
  g_assert_true (gtk_widget_has_css_class (find_entry_row (row, "Name"), "error"));
  stored = rapport_store_get_staff_member (t.db, li, NULL);
  g_assert_cmpstr (rapport_staff_member_get_name (stored), ==, "李娜娜");
  g_assert_cmpstr (rapport_staff_member_get_role (stored), ==, "销售经理");
  g_clear_object (&stored);

  /* She owns a customer and leaves: allowed, and her row says what she still
   * owns, with the handover the main window offers. */
  {
    g_autoptr (RapportCustomer) c = rapport_store_get_customer (t.db, customer, NULL);

    rapport_customer_set_owner_id (c, li);
    g_assert_true (rapport_store_update_customer (t.db, c, NULL));
  }
  click (find_button (row, "Mark as Left"));
  shell_test_spin ();
  stored = rapport_store_get_staff_member (t.db, li, NULL);
  g_assert_true (rapport_staff_member_has_left (stored));
  g_clear_object (&stored);

  left_group = find_titled (page, GTK_TYPE_LABEL, "Left");
  g_assert_nonnull (left_group);
  left_group = gtk_widget_get_ancestor (left_group, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (left_group);
  row = staff_row (left_group, "李娜娜");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "销售经理 · Still owns 1 customer — hand them over");
  click (find_button (row, "Hand Over…"));
  g_assert_cmpint (handed_over, ==, li);

  /* Back at work: out of the Left group, which hides when empty. */
  click (find_button (row, "Back at Work"));
  shell_test_spin ();
  g_assert_false (is_shown (left_group));
  row = staff_row (page, "李娜娜");
  g_assert_null (find_button (row, "Hand Over…"));

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (parent));
  shell_test_flush ();
  test_db_close (&t);
}

static void
test_describe_holdings (void)
{
  RapportStaffHoldings none = { 0, };
  RapportStaffHoldings some = { .customers = 120, .opportunities = 1, .follow_ups = 0, .service_requests = 2 };
  g_autofree char *text = rapport_staff_describe_holdings (&some);

  g_assert_null (rapport_staff_describe_holdings (&none));
  g_assert_cmpstr (text, ==, "Still owns 120 customers, 1 open opportunity, 2 open service requests — hand them over");
}

static gboolean
no_window_of_type_cb (gpointer data)
{
  return shell_test_find_toplevel (GPOINTER_TO_SIZE (data), NULL) == NULL;
}

/* The customer dialog's Owner row: what the customer has, someone who left
 * shown as such; the choice is saved as owner-id, 0 for Me. */
static void
test_customer_dialog_owner (void)
{
  TestDb t = { 0, };
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (RapportCustomer) stored = NULL;
  GtkWidget *dialog;
  GtkWidget *row;
  gint64 wang, zhao, id;

  test_db_open (&t);
  wang = add_staff (&t, "王伟");
  zhao = add_staff (&t, "赵敏");
  id = shell_test_add_customer (t.db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  customer = rapport_store_get_customer (t.db, id, NULL);
  rapport_customer_set_owner_id (customer, zhao);
  g_assert_true (rapport_store_update_customer (t.db, customer, NULL));
  set_left (&t, zhao, TRUE);

  dialog = rapport_customer_dialog_new (NULL, t.session, customer);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  row = find_titled (dialog, RAPPORT_TYPE_STAFF_ROW, "Owner");
  g_assert_nonnull (row);
  g_assert_cmpstr (row_shown (row), ==, "赵敏 (left)");

  /* Saving without touching it keeps the owner who left. */
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (no_window_of_type_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_CUSTOMER_DIALOG));
  stored = rapport_store_get_customer (t.db, id, NULL);
  g_assert_cmpint (rapport_customer_get_owner_id (stored), ==, zhao);
  g_clear_object (&stored);

  /* The user hands the customer to 王伟. */
  dialog = rapport_customer_dialog_new (NULL, t.session, customer);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  row = find_titled (dialog, RAPPORT_TYPE_STAFF_ROW, "Owner");
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), wang);
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (no_window_of_type_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_CUSTOMER_DIALOG));
  stored = rapport_store_get_customer (t.db, id, NULL);
  g_assert_cmpint (rapport_customer_get_owner_id (stored), ==, wang);
  g_clear_object (&stored);

  /* A new customer is Me's: owner-id 0 (NULL in the file). */
  dialog = rapport_customer_dialog_new (NULL, t.session, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  row = find_titled (dialog, RAPPORT_TYPE_STAFF_ROW, "Owner");
  g_assert_cmpstr (row_shown (row), ==, "Me");
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_flush ();

  test_db_close (&t);
}

static void
test_follow_up_dialog_assignee (void)
{
  TestDb t = { 0, };
  g_autoptr (GListModel) open = NULL;
  g_autoptr (RapportFollowUp) saved = NULL;
  GtkWidget *dialog;
  GtkWidget *row;
  gint64 li, customer;

  test_db_open (&t);
  li = add_staff (&t, "李娜");
  customer = shell_test_add_customer (t.db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);

  dialog = rapport_follow_up_dialog_new (NULL, t.session, customer, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  row = find_titled (dialog, RAPPORT_TYPE_STAFF_ROW, "Assignee");
  g_assert_nonnull (row);
  g_assert_cmpstr (row_shown (row), ==, "Me");
  type_into (dialog, "Title", "Send the quote");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (no_window_of_type_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_FOLLOW_UP_DIALOG));

  open = rapport_store_list_follow_ups (t.db, customer, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
  saved = g_list_model_get_item (open, 0);
  g_assert_cmpint (rapport_follow_up_get_assignee_id (saved), ==, li);

  /* Editing shows her. */
  dialog = rapport_follow_up_dialog_new (NULL, t.session, customer, saved);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  row = find_titled (dialog, RAPPORT_TYPE_STAFF_ROW, "Assignee");
  g_assert_cmpstr (row_shown (row), ==, "李娜");
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_flush ();

  test_db_close (&t);
}

/* The customer page's header names the owner, and says when they left. */
static void
test_customer_page_owner (void)
{
  TestDb t = { 0, };
  g_autoptr (RapportCustomer) customer = NULL;
  GtkWidget *window;
  GtkWidget *page;
  gint64 zhao, id;

  test_db_open (&t);
  zhao = add_staff (&t, "赵敏");
  id = shell_test_add_customer (t.db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  customer = rapport_store_get_customer (t.db, id, NULL);
  rapport_customer_set_owner_id (customer, zhao);
  g_assert_true (rapport_store_update_customer (t.db, customer, NULL));

  window = gtk_window_new ();
  page = rapport_customer_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (page), t.session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (page), id);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_spin ();
  g_assert_true (shows_text (page, "Owner: 赵敏"));
  g_assert_false (shows_text (page, "(left)"));

  set_left (&t, zhao, TRUE);
  shell_test_spin ();
  g_assert_true (shows_text (page, "Owner: 赵敏 (left)"));

  gtk_window_destroy (GTK_WINDOW (window));
  shell_test_flush ();
  test_db_close (&t);
}

static gboolean
menu_has_label (GMenuModel *menu,
                const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      GMenuModel *section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          gboolean found = menu_has_label (section, label);

          g_object_unref (section);
          if (found)
            return TRUE;
        }
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_strcmp0 (text, label) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_menu_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

static gboolean
is_staff_filter (GtkWidget *widget,
                 gpointer   data)
{
  return RAPPORT_IS_STAFF_FILTER (widget);
}

static void
add_due_today (TestDb     *t,
               gint64      customer_id,
               const char *title,
               gint64      assignee_id)
{
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();
  g_autoptr (GError) error = NULL;

  rapport_follow_up_set_customer_id (follow_up, customer_id);
  rapport_follow_up_set_title (follow_up, title);
  /* TEST_NOW is 2026-03-18 10:30 in Shanghai. */
  rapport_follow_up_set_due_local (follow_up, "2026-03-18 16:00");
  rapport_follow_up_set_time_zone (follow_up, "Asia/Shanghai");
  rapport_follow_up_set_assignee_id (follow_up, assignee_id);
  g_assert_true (rapport_store_insert_follow_up (t->db, follow_up, &error));
  g_assert_no_error (error);
}

static char *
today_titles (GtkWidget *page)
{
  g_autoptr (GPtrArray) follow_ups = rapport_today_page_get_follow_ups (RAPPORT_TODAY_PAGE (page),
                                                                        RAPPORT_DUE_BUCKET_TODAY);
  g_autoptr (GString) titles = g_string_new (NULL);

  for (guint i = 0; i < follow_ups->len; i++)
    {
      if (i > 0)
        g_string_append_c (titles, '|');
      g_string_append (titles, rapport_follow_up_get_title (g_ptr_array_index (follow_ups, i)));
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

/* Today's follow-ups by assignee: the filter shows once there is staff
 * besides Me; the sidebar's count stays everyone's. */
static void
test_today_assignee_filter (void)
{
  TestDb t = { 0, };
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *filter;
  g_autofree char *titles = NULL;
  gint64 customer, li;

  test_db_open (&t);
  customer = shell_test_add_customer (t.db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  add_due_today (&t, customer, "Mine", 0);

  window = gtk_window_new ();
  page = rapport_today_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  rapport_today_page_set_session (RAPPORT_TODAY_PAGE (page), t.session);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_spin ();

  filter = shell_test_find_widget (page, is_staff_filter, NULL);
  g_assert_nonnull (filter);
  g_assert_false (gtk_widget_get_visible (filter));

  li = add_staff (&t, "李娜");
  add_due_today (&t, customer, "Hers", li);
  rapport_change_bus_flush (rapport_database_get_change_bus (t.db));
  shell_test_spin ();
  g_assert_true (gtk_widget_get_visible (filter));
  titles = today_titles (page);
  g_assert_cmpstr (titles, ==, "Mine|Hers");

  rapport_staff_filter_set_user_id (RAPPORT_STAFF_FILTER (filter), li);
  shell_test_spin ();
  g_clear_pointer (&titles, g_free);
  titles = today_titles (page);
  g_assert_cmpstr (titles, ==, "Hers");
  g_assert_cmpuint (rapport_today_page_get_n_due (RAPPORT_TODAY_PAGE (page)), ==, 2);
  g_assert_true (shows_text (page, "1 due"));

  rapport_staff_filter_set_user_id (RAPPORT_STAFF_FILTER (filter), 0);
  shell_test_spin ();
  g_clear_pointer (&titles, g_free);
  titles = today_titles (page);
  g_assert_cmpstr (titles, ==, "Mine");

  gtk_window_destroy (GTK_WINDOW (window));
  shell_test_flush ();
  test_db_close (&t);
}

/* The Customers list filtered by owner, from its Sort and Filter menu. */
static void
test_customer_list_owner_filter (void)
{
  TestDb t = { 0, };
  GtkWidget *window;
  GtkWidget *list;
  GListModel *shown;
  g_autoptr (RapportCustomer) customer = NULL;
  g_autofree char *target = NULL;
  gint64 li, zhao, id;

  test_db_open (&t);
  li = add_staff (&t, "李娜");
  zhao = add_staff (&t, "赵敏");
  shell_test_add_customer (t.db, "Acme", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  id = shell_test_add_customer (t.db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  customer = rapport_store_get_customer (t.db, id, NULL);
  rapport_customer_set_owner_id (customer, li);
  g_assert_true (rapport_store_update_customer (t.db, customer, NULL));
  set_left (&t, zhao, TRUE);

  window = gtk_window_new ();
  list = rapport_customer_list_new ();
  gtk_window_set_child (GTK_WINDOW (window), list);
  rapport_customer_list_set_database (RAPPORT_CUSTOMER_LIST (list), t.db);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_spin ();
  shown = G_LIST_MODEL (rapport_customer_list_get_model (RAPPORT_CUSTOMER_LIST (list)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);

  /* The menu offers everyone, those who left marked. */
  {
    GtkWidget *button = shell_test_find_widget (list, is_menu_button, NULL);
    GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));

    g_assert_true (menu_has_label (menu, "Anyone"));
    g_assert_true (menu_has_label (menu, "Me"));
    g_assert_true (menu_has_label (menu, "李娜"));
    g_assert_true (menu_has_label (menu, "赵敏 (left)"));

    /* A new staff member arrives by the change bus. */
    add_staff (&t, "王伟");
    rapport_change_bus_flush (rapport_database_get_change_bus (t.db));
    g_assert_true (menu_has_label (menu, "王伟"));
  }

  target = g_strdup_printf ("%" G_GINT64_FORMAT, li);
  g_assert_true (gtk_widget_activate_action (list, "list.owner", "s", target));
  shell_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_true (rapport_customer_list_get_is_filtered (RAPPORT_CUSTOMER_LIST (list)));
  g_assert_true (shows_text (list, "Owner: 李娜"));

  /* Me: the customers without an owner. */
  g_assert_true (gtk_widget_activate_action (list, "list.owner", "s", "0"));
  shell_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_true (shows_text (list, "Owner: Me"));

  rapport_customer_list_clear_filters (RAPPORT_CUSTOMER_LIST (list));
  shell_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_false (shows_text (list, "Owner:"));

  gtk_window_destroy (GTK_WINDOW (window));
  shell_test_flush ();
  test_db_close (&t);
}

int
main (int    argc,
      char **argv)
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/staff/owner-row", test_owner_row);
  g_test_add_func ("/ui/staff/assignee-row", test_assignee_row);
  g_test_add_func ("/ui/staff/filter", test_filter);
  g_test_add_func ("/ui/staff/preferences-page", test_preferences_page);
  g_test_add_func ("/ui/staff/describe-holdings", test_describe_holdings);
  g_test_add_func ("/ui/staff/customer-dialog-owner", test_customer_dialog_owner);
  g_test_add_func ("/ui/staff/follow-up-dialog-assignee", test_follow_up_dialog_assignee);
  g_test_add_func ("/ui/staff/customer-page-owner", test_customer_page_owner);
  g_test_add_func ("/ui/staff/customer-list-owner-filter", test_customer_list_owner_filter);
  g_test_add_func ("/ui/staff/today-assignee-filter", test_today_assignee_filter);

  return shell_test_run ();
}
