/* test-markup.c
 *
 * Everything a user or a file can put into the book is shown as it was
 * typed, wherever it goes: rows, headers, toasts (AdwToast titles are
 * markup), group descriptions, menus (which read mnemonics), dialogs. The
 * names are full of <b>, &, quotes and underscores; a string that reached a
 * markup parser unescaped would either lose its tags from what is shown or
 * make Pango warn, which fatal-warnings turns into a failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-customer-dialog.h"
#include "rapport-customer-page.h"
#include "rapport-interaction-dialog.h"
#include "rapport-money.h"
#include "rapport-trash-page.h"
#include "rapport-window.h"

#include "shell-test-utils.h"

#define CUSTOMER "<b>Wang</b> & \"Sons\" <i>&amp; 'Co'"
#define CONTACT "<span foreground='red'>Li</span> & “Na”"
#define TAG "<vip>&_x"
#define SUMMARY "Quoted <b>&lt;</b> & \"1 < 2\""
#define DESCRIPTION "A&B <c> 'd'"

typedef struct
{
  char               *dir;
  RapportApplication *app;
  RapportDatabase    *db;
  RapportSession     *session;
  RapportWindow      *window;
  gint64              customer_id;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();
  g_autoptr (RapportOrder) order = rapport_order_new ();
  g_autoptr (GError) error = NULL;
  const char *tags[] = { TAG, NULL };

  f->dir = shell_test_make_dir ();
  f->app = shell_test_new_application ();
  f->db = shell_test_open_database (f->dir);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);

  rapport_customer_set_name (customer, CUSTOMER);
  rapport_customer_set_code (customer, "WS001");
  rapport_customer_set_tags (customer, tags);
  rapport_customer_set_address (customer, "Room <3> & \"4\"");
  rapport_store_insert_customer (f->db, customer, &error);
  g_assert_no_error (error);
  f->customer_id = rapport_customer_get_id (customer);

  rapport_contact_set_customer_id (contact, f->customer_id);
  rapport_contact_set_name (contact, CONTACT);
  rapport_contact_set_title (contact, "R&D <lab>");
  rapport_store_insert_contact (f->db, contact, &error);
  g_assert_no_error (error);

  rapport_interaction_set_customer_id (interaction, f->customer_id);
  rapport_interaction_set_contact_id (interaction, rapport_contact_get_id (contact));
  rapport_interaction_set_occurred_at (interaction, TEST_NOW - 3600);
  rapport_interaction_set_summary (interaction, SUMMARY);
  rapport_interaction_set_outcome (interaction, "<u>yes</u> & no");
  rapport_store_insert_interaction (f->db, interaction, &error);
  g_assert_no_error (error);

  rapport_order_set_customer_id (order, f->customer_id);
  rapport_order_set_ordered_on (order, "2026-03-01");
  rapport_order_set_amount (order, 128000);
  rapport_order_set_currency (order, "CNY");
  rapport_order_set_description (order, DESCRIPTION);
  rapport_store_insert_order (f->db, order, &error);
  g_assert_no_error (error);

  f->window = rapport_window_new (f->app, f->session);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  shell_test_flush ();
  rapport_window_select_customer (f->window, f->customer_id);
  shell_test_flush ();
}

static void
fixture_tear_down (Fixture *f)
{
  GtkWindow *dialog;

  while ((dialog = shell_test_find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (f->window))) != NULL)
    gtk_window_destroy (dialog);
  shell_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->db));
  g_clear_object (&f->app);
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
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
test_window (void)
{
  Fixture f = { 0 };
  GtkWidget *window;
  g_autofree char *total = rapport_money_format (128000, "CNY");
  g_autofree char *orders = g_strdup_printf ("Total %s · last purchase 2026-03-01", total);

  fixture_set_up (&f);
  window = GTK_WIDGET (f.window);
  g_assert_cmpint (rapport_window_get_customer_id (f.window), ==, f.customer_id);

  /* The list, the page's header bar and heading, the sidebar's tag. */
  assert_eventually_shows (window, CUSTOMER);
  g_assert_true (shows_text (window, TAG));
  g_assert_true (shows_text (window, "Room <3> & \"4\""));
  /* A contact, its title, the timeline, an order and the group's total. */
  g_assert_true (shows_text (window, CONTACT));
  g_assert_true (shows_text (window, "R&D <lab>"));
  g_assert_true (shows_text (window, SUMMARY));
  g_assert_true (shows_text (window, "Outcome: <u>yes</u> & no"));
  g_assert_true (shows_text (window, "2026-03-01 · " DESCRIPTION));
  g_assert_true (shows_text (window, orders));

  /* The tag as a filter: its chip. */
  rapport_window_set_section (f.window, "tag:" TAG);
  shell_test_flush ();
  g_assert_true (shows_text (window, TAG));

  fixture_tear_down (&f);
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static void
test_toasts (void)
{
  Fixture f = { 0 };
  g_autoptr (GListModel) contacts = NULL;
  g_autoptr (RapportContact) contact = NULL;
  GtkWidget *window, *page;

  fixture_set_up (&f);
  window = GTK_WIDGET (f.window);
  page = shell_test_find_widget (window, is_of_type, GSIZE_TO_POINTER (RAPPORT_TYPE_CUSTOMER_PAGE));
  g_assert_nonnull (page);

  /* A contact removed: the toast names it as typed. */
  contacts = rapport_store_list_contacts (f.db, f.customer_id, NULL);
  contact = g_list_model_get_item (contacts, 0);
  g_assert_true (gtk_widget_activate_action (page, "customer.remove-contact", "x", rapport_contact_get_id (contact)));
  shell_test_flush ();
  g_assert_true (shows_text (window, "Removed “" CONTACT "”"));

  /* The customer deleted: the same. */
  g_assert_true (gtk_widget_activate_action (window, "win.delete-customer", NULL));
  shell_test_flush ();
  g_assert_true (shows_text (window, "Deleted “" CUSTOMER "”"));

  fixture_tear_down (&f);
}

static void
test_trash (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  GtkWidget *window, *trash;

  fixture_set_up (&f);
  window = GTK_WIDGET (f.window);

  /* In the Trash (deleted in another window), and restored from there. */
  rapport_store_trash_customer (f.db, f.customer_id, &error);
  g_assert_no_error (error);
  rapport_window_set_section (f.window, "trash");
  shell_test_flush ();
  trash = shell_test_find_widget (window, is_of_type, GSIZE_TO_POINTER (RAPPORT_TYPE_TRASH_PAGE));
  g_assert_nonnull (trash);
  assert_eventually_shows (trash, CUSTOMER);
  g_assert_true (gtk_widget_activate_action (trash, "trash.restore", "(ix)",
                                             (gint32) RAPPORT_ENTITY_KIND_CUSTOMER, f.customer_id));
  shell_test_flush ();
  g_assert_true (shows_text (window, "Restored “" CUSTOMER "”"));

  fixture_tear_down (&f);
}

static void
test_dialogs (void)
{
  Fixture f = { 0 };
  GtkWidget *dialog;

  fixture_set_up (&f);

  /* A new customer of the same name and code: the match and the code's
   * owner, named as typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.new-customer", NULL));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_CUSTOMER_DIALOG, NULL));
  g_assert_nonnull (dialog);
  type_into (dialog, "Name", CUSTOMER);
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_spin ();
  g_assert_true (shows_text (dialog, "Possible Duplicates"));
  g_assert_true (shows_text (dialog, CUSTOMER));
  type_into (dialog, "Code", "WS001");
  shell_test_spin ();
  g_assert_true (shows_text (dialog, "This code is already used by “" CUSTOMER "”"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_flush ();

  /* Logging an interaction: the contact to choose. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.log-interaction", NULL));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_INTERACTION_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_true (shows_text (dialog, CONTACT));
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_flush ();

  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/markup/window", test_window);
  g_test_add_func ("/ui/markup/toasts", test_toasts);
  g_test_add_func ("/ui/markup/trash", test_trash);
  g_test_add_func ("/ui/markup/dialogs", test_dialogs);

  return shell_test_run ();
}
