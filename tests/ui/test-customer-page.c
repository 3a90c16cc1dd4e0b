/* test-customer-page.c
 *
 * The customer page in a window with a toast overlay, driven through its
 * actions and the dialogs they open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-customer-page.h"
#include "rapport-interaction-dialog.h"
#include "rapport-money.h"
#include "rapport-order-dialog.h"
#include "rapport-store.h"

#include "shell-test-utils.h"

typedef struct
{
  TestDb     t;
  GtkWidget *window;
  GtkWidget *overlay;
  GtkWidget *page;
  gint64     customer_id;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (GError) error = NULL;
  const char *phones[] = { "+8651266881234;ext=808", NULL };
  const char *tags[] = { "VIP", "建材", NULL };

  test_db_open (&f->t);

  rapport_customer_set_name (customer, "速阳有限公司 <b>&</b>");
  rapport_customer_set_phones (customer, phones);
  rapport_customer_set_tags (customer, tags);
  rapport_customer_set_tier (customer, RAPPORT_TIER_GOLD);
  rapport_customer_set_industry (customer, "建材");
  rapport_customer_set_address (customer, "Room 3 & 4 <east>");
  rapport_store_insert_customer (f->t.db, customer, &error);
  g_assert_no_error (error);
  f->customer_id = rapport_customer_get_id (customer);

  rapport_contact_set_customer_id (contact, f->customer_id);
  rapport_contact_set_name (contact, "王经理");
  rapport_contact_set_title (contact, "R&D <lab>");
  rapport_contact_set_is_primary (contact, TRUE);
  rapport_store_insert_contact (f->t.db, contact, &error);
  g_assert_no_error (error);

  f->window = adw_window_new ();
  f->overlay = adw_toast_overlay_new ();
  f->page = rapport_customer_page_new ();
  g_object_ref_sink (f->page);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f->overlay), f->page);
  adw_window_set_content (ADW_WINDOW (f->window), f->overlay);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 900);

  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (f->page), f->t.session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (f->page), f->customer_id);
  gtk_window_present (GTK_WINDOW (f->window));
  shell_test_spin ();
}

static void
fixture_tear_down (Fixture *f)
{
  GtkWidget *dialog;

  while ((dialog = GTK_WIDGET (shell_test_find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (f->window)))) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  shell_test_spin ();
  g_assert_finalize_object (f->page);
  test_db_close (&f->t);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ShowsText;

static gboolean
shows_text_cb (gpointer data)
{
  ShowsText *st = data;

  return shows_text (st->root, st->text);
}

static void
assert_eventually_shows (GtkWidget  *root,
                         const char *text)
{
  ShowsText st = { root, text };

  shell_test_wait_for (shows_text_cb, &st);
}

static void
test_shows_customer (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f);

  /* Data is never markup. */
  g_assert_cmpstr (rapport_customer_page_get_title (RAPPORT_CUSTOMER_PAGE (f.page)), ==, "速阳有限公司 <b>&</b>");
  g_assert_true (shows_text (f.page, "速阳有限公司 <b>&</b>"));
  g_assert_true (shows_text (f.page, "SY001"));
  g_assert_true (shows_text (f.page, rapport_tier_get_label (RAPPORT_TIER_GOLD)));
  g_assert_true (shows_text (f.page, "王经理"));
  g_assert_true (shows_text (f.page, "建材"));
  g_assert_true (shows_text (f.page, "808"));
  /* Shown as typed: a markup parser would have choked on these (and
   * fatal-warnings would have ended the test). */
  g_assert_true (shows_text (f.page, "Room 3 & 4 <east>"));
  g_assert_true (shows_text (f.page, "R&D <lab>"));
  g_assert_true (shows_text (f.page, "No interactions logged yet"));
  g_assert_true (shows_text (f.page, "No orders yet"));
  /* Only rows with values: no website was given. */
  g_assert_false (shows_text (f.page, "Website"));

  fixture_tear_down (&f);
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return GTK_WIDGET (shell_test_find_toplevel (GPOINTER_TO_SIZE (data), NULL)) == NULL;
}

static void
test_log_interaction (void)
{
  Fixture f = { 0 };
  g_autoptr (GListModel) interactions = NULL;
  g_autoptr (RapportInteraction) logged = NULL;
  GtkWidget *dialog, *focus;

  fixture_set_up (&f);

  g_assert_true (gtk_widget_activate_action (f.page, "customer.log-interaction", NULL));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_INTERACTION_DIALOG, NULL));
  g_assert_nonnull (dialog);

  /* The summary has the focus: type, then Enter. */
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, find_entry_row (dialog, "Summary")));
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (dialog, "Summary")), "约好下周三看样品");
  press_enter (focus);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_INTERACTION_DIALOG));

  interactions = rapport_store_list_interactions (f.t.db, f.customer_id, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);
  logged = g_list_model_get_item (interactions, 0);
  g_assert_cmpint (rapport_interaction_get_kind (logged), ==, RAPPORT_INTERACTION_KIND_CALL);
  g_assert_cmpstr (rapport_interaction_get_contact_name (logged), ==, "王经理");
  /* Now, to the minute. */
  g_assert_cmpint (rapport_interaction_get_occurred_at (logged), ==, TEST_NOW - TEST_NOW % 60);

  assert_eventually_shows (f.page, "约好下周三看样品");
  g_assert_true (shows_text (f.page, "Today"));
  g_assert_false (shows_text (f.page, "No interactions logged yet"));

  fixture_tear_down (&f);
}

static void
test_add_order (void)
{
  Fixture f = { 0 };
  g_autofree char *total = rapport_money_format (128000, "CNY");
  GtkWidget *dialog;

  fixture_set_up (&f);

  g_assert_true (gtk_widget_activate_action (f.page, "customer.add-order", NULL));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_ORDER_DIALOG, NULL));
  g_assert_nonnull (dialog);

  type_into (dialog, "Amount", "abc");
  shell_test_spin ();
  g_assert_true (shows_text (dialog, "Enter an amount, like 1,280.00"));
  type_into (dialog, "Amount", "1,280.00");
  /* A bad date holds Save back, and says why once the user moves on. */
  gtk_widget_grab_focus (find_entry_row (dialog, "Date (YYYY-MM-DD)"));
  type_into (dialog, "Date (YYYY-MM-DD)", "2026-13-01");
  shell_test_spin ();
  g_assert_false (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Save")));
  gtk_widget_grab_focus (find_entry_row (dialog, "Description"));
  shell_test_spin ();
  g_assert_true (gtk_widget_has_css_class (find_entry_row (dialog, "Date (YYYY-MM-DD)"), "error"));
  type_into (dialog, "Date (YYYY-MM-DD)", "2026-03-18");
  shell_test_spin ();
  g_assert_false (gtk_widget_has_css_class (find_entry_row (dialog, "Date (YYYY-MM-DD)"), "error"));
  type_into (dialog, "Description", "瓷砖 200 箱");
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_ORDER_DIALOG));

  assert_eventually_shows (f.page, total);
  assert_eventually_shows (f.page, "2026-03-18");
  g_assert_true (shows_text (f.page, "瓷砖 200 箱"));

  fixture_tear_down (&f);
}

static gboolean
customer_restored_cb (gpointer data)
{
  Fixture *f = data;
  g_autoptr (RapportCustomer) customer = rapport_store_get_customer (f->t.db, f->customer_id, NULL);

  return customer != NULL && rapport_customer_get_deleted_at (customer) == 0;
}

static void
test_delete_undo (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportCustomer) trashed = NULL;
  GtkWidget *undo;

  fixture_set_up (&f);

  g_assert_true (gtk_widget_activate_action (f.page, "customer.delete", NULL));
  shell_test_spin ();

  trashed = rapport_store_get_customer (f.t.db, f.customer_id, NULL);
  g_assert_cmpint (rapport_customer_get_deleted_at (trashed), !=, 0);
  g_assert_cmpint (rapport_customer_page_get_customer_id (RAPPORT_CUSTOMER_PAGE (f.page)), ==, 0);
  g_assert_cmpstr (rapport_customer_page_get_title (RAPPORT_CUSTOMER_PAGE (f.page)), ==, "");
  g_assert_false (gtk_widget_activate_action (f.page, "customer.delete", NULL) &&
                  rapport_customer_page_get_customer_id (RAPPORT_CUSTOMER_PAGE (f.page)) != 0);

  g_assert_true (shows_text (f.overlay, "Deleted “速阳有限公司 <b>&</b>”"));
  undo = find_titled (f.overlay, GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  click (undo);
  shell_test_wait_for (customer_restored_cb, &f);
  /* Undo brings it back into view. */
  g_assert_cmpint (rapport_customer_page_get_customer_id (RAPPORT_CUSTOMER_PAGE (f.page)), ==, f.customer_id);
  assert_eventually_shows (f.page, "王经理");

  fixture_tear_down (&f);
}

static void
test_follows_changes (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;

  fixture_set_up (&f);

  customer = rapport_store_get_customer (f.t.db, f.customer_id, NULL);
  rapport_customer_set_name (customer, "Acme Trading");
  rapport_store_update_customer (f.t.db, customer, &error);
  g_assert_no_error (error);
  assert_eventually_shows (f.page, "Acme Trading");
  g_assert_cmpstr (rapport_customer_page_get_title (RAPPORT_CUSTOMER_PAGE (f.page)), ==, "Acme Trading");

  /* Trashed elsewhere (the list's Delete): the page lets go of it. */
  rapport_store_trash_customer (f.t.db, f.customer_id, &error);
  g_assert_no_error (error);
  shell_test_spin ();
  g_assert_cmpint (rapport_customer_page_get_customer_id (RAPPORT_CUSTOMER_PAGE (f.page)), ==, 0);

  fixture_tear_down (&f);
}

static gint64
add_contact (Fixture    *f,
             const char *name)
{
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (GError) error = NULL;

  rapport_contact_set_customer_id (contact, f->customer_id);
  rapport_contact_set_name (contact, name);
  rapport_store_insert_contact (f->t.db, contact, &error);
  g_assert_no_error (error);

  return rapport_contact_get_id (contact);
}

typedef struct
{
  Fixture *f;
  gint64   id;
} ContactCheck;

static gboolean
contact_is_primary_cb (gpointer data)
{
  ContactCheck *check = data;
  g_autoptr (RapportContact) contact = rapport_store_get_contact (check->f->t.db, check->id, NULL);

  return contact != NULL && rapport_contact_get_is_primary (contact);
}

static gboolean
contact_is_back_cb (gpointer data)
{
  ContactCheck *check = data;
  g_autoptr (RapportContact) contact = rapport_store_get_contact (check->f->t.db, check->id, NULL);

  return contact != NULL && rapport_contact_get_deleted_at (contact) == 0;
}

static void
test_contacts (void)
{
  Fixture f = { 0 };
  ContactCheck check = { &f, 0 };
  g_autoptr (RapportContact) removed = NULL;
  GtkWidget *undo;

  fixture_set_up (&f);
  check.id = add_contact (&f, "李娜");
  assert_eventually_shows (f.page, "李娜");

  g_assert_true (gtk_widget_activate_action (f.page, "customer.make-primary", "x", check.id));
  shell_test_wait_for (contact_is_primary_cb, &check);

  g_assert_true (gtk_widget_activate_action (f.page, "customer.remove-contact", "x", check.id));
  shell_test_spin ();
  removed = rapport_store_get_contact (f.t.db, check.id, NULL);
  g_assert_cmpint (rapport_contact_get_deleted_at (removed), !=, 0);
  g_assert_true (shows_text (f.overlay, "Removed “李娜”"));

  undo = find_titled (f.overlay, GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  click (undo);
  shell_test_wait_for (contact_is_back_cb, &check);
  assert_eventually_shows (f.page, "李娜");

  fixture_tear_down (&f);
}

static void
test_remove_interaction (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();
  g_autoptr (GListModel) left = NULL;
  g_autoptr (GError) error = NULL;

  fixture_set_up (&f);
  rapport_interaction_set_customer_id (interaction, f.customer_id);
  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_VISIT);
  rapport_interaction_set_occurred_at (interaction, TEST_NOW - 86400);
  rapport_interaction_set_summary (interaction, "Measured the new office");
  rapport_store_insert_interaction (f.t.db, interaction, &error);
  g_assert_no_error (error);
  assert_eventually_shows (f.page, "Measured the new office");
  g_assert_true (shows_text (f.page, "Yesterday"));

  g_assert_true (gtk_widget_activate_action (f.page, "customer.remove-interaction", "x",
                                             rapport_interaction_get_id (interaction)));
  shell_test_spin ();
  left = rapport_store_list_interactions (f.t.db, f.customer_id, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (left), ==, 0);
  assert_eventually_shows (f.page, "No interactions logged yet");
  g_assert_nonnull (find_titled (f.overlay, GTK_TYPE_BUTTON, "Undo"));

  fixture_tear_down (&f);
}

static void
test_read_only (void)
{
  Fixture f = { 0 };
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  RapportDatabase *read_only;
  RapportSession *session;

  fixture_set_up (&f);
  g_assert_true (gtk_widget_is_sensitive (find_titled (f.page, GTK_TYPE_BUTTON, "Edit")));

  path = g_build_filename (f.t.dir, "rapport.db", NULL);
  read_only = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  session = rapport_session_new_for_database (read_only, NULL, FALSE);
  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (f.page), session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (f.page), f.customer_id);
  shell_test_spin ();

  /* Shown, but nothing offers to change it. */
  g_assert_true (shows_text (f.page, "王经理"));
  g_assert_false (gtk_widget_is_sensitive (find_titled (f.page, GTK_TYPE_BUTTON, "Edit")));
  g_assert_false (gtk_widget_is_sensitive (find_titled (f.page, GTK_TYPE_BUTTON, "Log Interaction")));

  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (f.page), NULL);
  g_assert_finalize_object (session);
  g_assert_finalize_object (read_only);
  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/customer-page/shows-customer", test_shows_customer);
  g_test_add_func ("/ui/customer-page/log-interaction", test_log_interaction);
  g_test_add_func ("/ui/customer-page/add-order", test_add_order);
  g_test_add_func ("/ui/customer-page/delete-undo", test_delete_undo);
  g_test_add_func ("/ui/customer-page/follows-changes", test_follows_changes);
  g_test_add_func ("/ui/customer-page/contacts", test_contacts);
  g_test_add_func ("/ui/customer-page/remove-interaction", test_remove_interaction);
  g_test_add_func ("/ui/customer-page/read-only", test_read_only);

  return shell_test_run ();
}
