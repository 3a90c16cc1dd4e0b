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

#include "rapport-database-private.h"
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

/* The action row (a detail or a contact) whose title is @title. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = find_titled (root, ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static GtkListBox *
find_timeline (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root) && gtk_widget_has_css_class (root, "rapport-timeline"))
    return GTK_LIST_BOX (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = find_timeline (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
n_timeline_rows (Fixture *f)
{
  GtkListBox *timeline = find_timeline (f->page);
  guint n = 0;

  while (gtk_list_box_get_row_at_index (timeline, n) != NULL)
    n++;

  return n;
}

static gint64
add_interaction (RapportDatabase *db,
                 gint64           customer_id,
                 gint64           occurred_at,
                 const char      *summary)
{
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();
  g_autoptr (GError) error = NULL;

  rapport_interaction_set_customer_id (interaction, customer_id);
  rapport_interaction_set_occurred_at (interaction, occurred_at);
  rapport_interaction_set_summary (interaction, summary);
  rapport_store_insert_interaction (db, interaction, &error);
  g_assert_no_error (error);

  return rapport_interaction_get_id (interaction);
}

static GtkAdjustment *
page_adjustment (Fixture *f)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (find_timeline (f->page)), GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

static void
test_refreshes_only_what_changed (void)
{
  Fixture f = { 0 };
  GtkWidget *contact_row, *address_row, *menu_button;
  GtkAdjustment *adjustment;

  fixture_set_up (&f);
  /* Short enough that the page scrolls. */
  gtk_window_set_default_size (GTK_WINDOW (f.window), 800, 400);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("联系人 %u", i);

      add_contact (&f, name);
    }
  assert_eventually_shows (f.page, "联系人 7");
  gtk_test_widget_wait_for_draw (f.window);

  contact_row = find_row (f.page, "王经理");
  address_row = find_row (f.page, "Room 3 & 4 <east>");
  menu_button = gtk_widget_get_last_child (gtk_widget_get_last_child (gtk_widget_get_first_child (contact_row)));
  while (menu_button != NULL && !GTK_IS_MENU_BUTTON (menu_button))
    menu_button = gtk_widget_get_parent (menu_button);
  if (menu_button == NULL)
    menu_button = contact_row;
  gtk_widget_grab_focus (menu_button);
  adjustment = page_adjustment (&f);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) + 100);
  gtk_adjustment_set_value (adjustment, 100);

  /* An interaction logged elsewhere (another window, a worker): the timeline
   * gains a row; the contacts and the details are the same widgets, and the
   * focus and the scroll position stay. */
  add_interaction (f.t.db, f.customer_id, TEST_NOW - 60, "Called about the samples");
  assert_eventually_shows (f.page, "Called about the samples");
  g_assert_true (find_row (f.page, "王经理") == contact_row);
  g_assert_true (find_row (f.page, "Room 3 & 4 <east>") == address_row);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f.window)) == menu_button ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f.window)), menu_button));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 100);

  /* A contact renamed: its row alone is new. */
  {
    g_autoptr (GListModel) contacts = rapport_store_list_contacts (f.t.db, f.customer_id, NULL);
    g_autoptr (RapportContact) last = g_list_model_get_item (contacts, g_list_model_get_n_items (contacts) - 1);
    g_autoptr (GError) error = NULL;

    rapport_contact_set_name (last, "联系人 七");
    rapport_store_update_contact (f.t.db, last, &error);
    g_assert_no_error (error);
  }
  assert_eventually_shows (f.page, "联系人 七");
  g_assert_true (find_row (f.page, "王经理") == contact_row);
  g_assert_true (find_row (f.page, "Room 3 & 4 <east>") == address_row);

  fixture_tear_down (&f);
}

static void
test_ignores_other_customers (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportCustomer) other = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  GtkWidget *address_row, *contact_row;

  fixture_set_up (&f);
  rapport_customer_set_name (other, "Acme Trading");
  rapport_store_insert_customer (f.t.db, other, &error);
  g_assert_no_error (error);
  shell_test_spin ();
  address_row = find_row (f.page, "Room 3 & 4 <east>");
  contact_row = find_row (f.page, "王经理");

  /* Another customer edited, given an interaction and a contact: nothing
   * on this page is read again (a re-read header rebuilds its detail rows). */
  rapport_customer_set_notes (other, "Pays late");
  rapport_store_update_customer (f.t.db, other, &error);
  g_assert_no_error (error);
  add_interaction (f.t.db, rapport_customer_get_id (other), TEST_NOW - 60, "Acme's call");
  {
    g_autoptr (RapportContact) contact = rapport_contact_new ();

    rapport_contact_set_customer_id (contact, rapport_customer_get_id (other));
    rapport_contact_set_name (contact, "John Smith");
    rapport_store_insert_contact (f.t.db, contact, &error);
    g_assert_no_error (error);
  }
  shell_test_flush ();

  g_assert_true (find_row (f.page, "Room 3 & 4 <east>") == address_row);
  g_assert_true (find_row (f.page, "王经理") == contact_row);
  g_assert_false (shows_text (f.page, "Acme's call"));
  g_assert_false (shows_text (f.page, "John Smith"));
  g_assert_true (shows_text (f.page, "No interactions logged yet"));

  fixture_tear_down (&f);
}

static void
test_timeline_pages (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  GtkWidget *older;

  fixture_set_up (&f);

  /* 120 interactions, in one transaction (a bulk change of this customer's
   * interactions). */
  g_assert_true (_rapport_database_begin (f.t.db, &error));
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *summary = g_strdup_printf ("Call %03u", i);

      add_interaction (f.t.db, f.customer_id, TEST_NOW - 3600 * (i + 1), summary);
    }
  g_assert_true (_rapport_database_commit (f.t.db, &error));
  assert_eventually_shows (f.page, "Call 000");

  /* The newest 50, and a way to the older ones. */
  g_assert_cmpuint (n_timeline_rows (&f), ==, 50);
  g_assert_true (shows_text (f.page, "Call 049"));
  g_assert_false (shows_text (f.page, "Call 050"));
  older = find_titled (f.page, GTK_TYPE_BUTTON, "Show Older Interactions");
  g_assert_nonnull (older);
  g_assert_true (is_shown (older));

  click (older);
  shell_test_spin ();
  g_assert_cmpuint (n_timeline_rows (&f), ==, 100);
  g_assert_true (shows_text (f.page, "Call 099"));

  /* Scrolling to the end of the page reads the rest. */
  g_signal_emit_by_name (gtk_widget_get_ancestor (GTK_WIDGET (find_timeline (f.page)), GTK_TYPE_SCROLLED_WINDOW),
                         "edge-reached", GTK_POS_BOTTOM);
  shell_test_spin ();
  g_assert_cmpuint (n_timeline_rows (&f), ==, 120);
  g_assert_true (shows_text (f.page, "Call 119"));
  g_assert_false (is_shown (older));

  fixture_tear_down (&f);
}

static void
test_edit_interaction (void)
{
  Fixture f = { 0 };
  g_autoptr (GListModel) interactions = NULL;
  g_autoptr (RapportInteraction) edited = NULL;
  GtkWidget *dialog;
  gint64 id;

  fixture_set_up (&f);
  id = add_interaction (f.t.db, f.customer_id, TEST_NOW - 86400, "Visited the showroom");
  assert_eventually_shows (f.page, "Visited the showroom");

  g_assert_true (gtk_widget_activate_action (f.page, "customer.edit-interaction", "x", id));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_INTERACTION_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Interaction");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Summary"))), ==,
                   "Visited the showroom");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Date (YYYY-MM-DD)"))), ==,
                   "2026-03-17");

  type_into (dialog, "Summary", "Visited the showroom with 王经理");
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_INTERACTION_DIALOG));

  /* The same interaction, changed: not a second one. */
  interactions = rapport_store_list_interactions (f.t.db, f.customer_id, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);
  edited = g_list_model_get_item (interactions, 0);
  g_assert_cmpint (rapport_interaction_get_id (edited), ==, id);
  g_assert_cmpstr (rapport_interaction_get_summary (edited), ==, "Visited the showroom with 王经理");
  g_assert_cmpint (rapport_interaction_get_occurred_at (edited), ==, TEST_NOW - 86400 - (TEST_NOW - 86400) % 60);
  assert_eventually_shows (f.page, "Visited the showroom with 王经理");
  g_assert_false (shows_text (f.page, "Visited the showroom\n"));

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
  g_test_add_func ("/ui/customer-page/refreshes-only-what-changed", test_refreshes_only_what_changed);
  g_test_add_func ("/ui/customer-page/ignores-other-customers", test_ignores_other_customers);
  g_test_add_func ("/ui/customer-page/timeline-pages", test_timeline_pages);
  g_test_add_func ("/ui/customer-page/edit-interaction", test_edit_interaction);

  return shell_test_run ();
}
