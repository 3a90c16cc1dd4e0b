/* test-customer-actions.c
 *
 * A customer page's phones, e-mail addresses and website as actions: the
 * buttons on the details and the menu of each contact, checked by the exact
 * URI the page hands to the desktop (through its "open-uri" signal, which
 * the test answers so nothing is launched), the clipboard and the toast; and
 * the owner in the header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "rapport-customer-page.h"
#include "rapport-database-private.h"
#include "rapport-store.h"

#include "shell-test-utils.h"

typedef struct
{
  TestDb     t;
  GtkWidget *window;
  GtkWidget *overlay;
  GtkWidget *page;
  gint64     customer_id;
  gint64     contact_id;
  GPtrArray *uris;
} Fixture;

static gboolean
open_uri_cb (GtkWidget  *page,
             const char *uri,
             Fixture    *f)
{
  g_ptr_array_add (f->uris, g_strdup (uri));

  /* Handled: the default handler would launch it. */
  return TRUE;
}

static void
fixture_set_up (Fixture *f)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (GError) error = NULL;
  const char *phones[] = { "+8651266881234;ext=808", "+8613800138000", NULL };
  const char *emails[] = { "wang_li@example.com", NULL };
  const char *contact_phones[] = { "+8613912345678", "+14155552671", NULL };
  const char *contact_emails[] = { "li_na@example.com", NULL };

  test_db_open (&f->t);
  f->uris = g_ptr_array_new_with_free_func (g_free);

  rapport_customer_set_name (customer, "速阳建材 <b>&</b> “SY”");
  rapport_customer_set_phones (customer, phones);
  rapport_customer_set_emails (customer, emails);
  rapport_customer_set_website (customer, "www.suyang.example.com/shop?a=1&b=2");
  rapport_store_insert_customer (f->t.db, customer, &error);
  g_assert_no_error (error);
  f->customer_id = rapport_customer_get_id (customer);

  rapport_contact_set_customer_id (contact, f->customer_id);
  rapport_contact_set_name (contact, "王经理");
  rapport_contact_set_phones (contact, contact_phones);
  rapport_contact_set_emails (contact, contact_emails);
  rapport_contact_set_is_primary (contact, TRUE);
  rapport_store_insert_contact (f->t.db, contact, &error);
  g_assert_no_error (error);
  f->contact_id = rapport_contact_get_id (contact);

  f->window = adw_window_new ();
  f->overlay = adw_toast_overlay_new ();
  f->page = rapport_customer_page_new ();
  g_object_ref_sink (f->page);
  g_signal_connect (f->page, "open-uri", G_CALLBACK (open_uri_cb), f);
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
  gtk_window_destroy (GTK_WINDOW (f->window));
  shell_test_spin ();
  g_assert_finalize_object (f->page);
  g_clear_pointer (&f->uris, g_ptr_array_unref);
  test_db_close (&f->t);
}

/* The one URI handed out since the last call. */
static void
assert_opened (Fixture    *f,
               const char *uri)
{
  if (uri == NULL)
    {
      g_assert_cmpuint (f->uris->len, ==, 0);
      return;
    }

  g_assert_cmpuint (f->uris->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->uris, 0), ==, uri);
  g_ptr_array_set_size (f->uris, 0);
}

static gboolean
has_title (GtkWidget *widget,
           gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The detail or contact row titled @title, as it is shown (underscores too). */
static GtkWidget *
find_row (Fixture    *f,
          const char *title)
{
  GtkWidget *row = shell_test_find_widget (f->page, has_title, (gpointer) title);

  if (row == NULL)
    g_error ("No row “%s”", title);
  return row;
}

static gboolean
has_tooltip (GtkWidget *widget,
             gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* The icon button of @row whose tooltip is @tooltip, or NULL. */
static GtkWidget *
button_of (GtkWidget  *row,
           const char *tooltip)
{
  return shell_test_find_widget (row, has_tooltip, (gpointer) tooltip);
}

static char *
clipboard_text (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_auto (GValue) value = G_VALUE_INIT;
  g_autoptr (GError) error = NULL;

  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, &error));
  g_assert_no_error (error);

  return g_value_dup_string (&value);
}

static void
test_details (void)
{
  Fixture f = { 0 };
  GtkWidget *office, *mobile, *email, *website;
  g_autofree char *copied = NULL;

  fixture_set_up (&f);

  /* One row per number, as the country writes it, each with what it does. */
  office = find_row (&f, "0512 6688 1234 ext. 808");
  mobile = find_row (&f, "138 0013 8000");

  click (button_of (office, "Call"));
  /* The stored E.164 number, the extension after ;ext= as RFC 3966 has it. */
  assert_opened (&f, "tel:+8651266881234;ext=808");
  click (button_of (office, "Send SMS"));
  /* A message cannot reach an extension: the number alone. */
  assert_opened (&f, "sms:+8651266881234");
  click (button_of (mobile, "Call"));
  assert_opened (&f, "tel:+8613800138000");

  g_assert_false (shows_text (f.overlay, "Copied"));
  click (button_of (mobile, "Copy"));
  assert_opened (&f, NULL);
  copied = clipboard_text (f.page);
  g_assert_cmpstr (copied, ==, "138 0013 8000");
  g_assert_true (shows_text (f.overlay, "Copied"));

  email = find_row (&f, "wang_li@example.com");
  click (button_of (email, "Write E-mail"));
  assert_opened (&f, "mailto:wang_li@example.com");

  website = find_row (&f, "www.suyang.example.com/shop?a=1&b=2");
  click (button_of (website, "Open Website"));
  assert_opened (&f, "https://www.suyang.example.com/shop?a=1&b=2");
  click (button_of (website, "Copy"));
  g_clear_pointer (&copied, g_free);
  copied = clipboard_text (f.page);
  g_assert_cmpstr (copied, ==, "www.suyang.example.com/shop?a=1&b=2");

  /* Only the web opens: whatever else reaches the action is refused. */
  g_assert_true (gtk_widget_activate_action (f.page, "customer.open-website", "s", "javascript:alert(1)"));
  g_assert_true (gtk_widget_activate_action (f.page, "customer.open-website", "s", "file:///etc/passwd"));
  g_assert_true (gtk_widget_activate_action (f.page, "customer.call", "s", "not a number"));
  assert_opened (&f, NULL);

  fixture_tear_down (&f);
}

/* The item of @menu (and its sections) labelled @label; its action and target. */
static gboolean
find_menu_item (GMenuModel  *menu,
                const char  *label,
                char       **action,
                GVariant   **target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_label = NULL;
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && find_menu_item (section, label, action, target))
        return TRUE;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_strcmp0 (item_label, label) == 0)
        {
          g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", action));
          *target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_menu_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

/* Chooses the item labelled @label in the menu of @row. */
static void
choose (GtkWidget  *page,
        GtkWidget  *row,
        const char *label)
{
  GtkWidget *button = shell_test_find_widget (row, is_menu_button, NULL);
  g_autofree char *action = NULL;
  g_autoptr (GVariant) target = NULL;

  g_assert_nonnull (button);
  if (!find_menu_item (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), label, &action, &target))
    g_error ("No menu item “%s”", label);

  /* As the popover menu activates it: the action of the page, its target. */
  g_assert_true (gtk_widget_activate_action_variant (page, action, target));
  shell_test_spin ();
}

static void
test_contact (void)
{
  Fixture f = { 0 };
  GtkWidget *row;
  g_autofree char *copied = NULL;

  fixture_set_up (&f);
  row = find_row (&f, "王经理");

  /* The first number is one click away. */
  click (button_of (row, "Call"));
  assert_opened (&f, "tel:+8613912345678");

  /* Every number and address is in the contact's menu. */
  choose (f.page, row, "Send SMS to 139 1234 5678");
  assert_opened (&f, "sms:+8613912345678");
  choose (f.page, row, "Call +1 415 555 2671");
  assert_opened (&f, "tel:+14155552671");
  /* A menu label reads underscores as mnemonics: the address's is doubled. */
  choose (f.page, row, "Write E-mail to li__na@example.com");
  assert_opened (&f, "mailto:li_na@example.com");
  choose (f.page, row, "Copy li__na@example.com");
  copied = clipboard_text (f.page);
  g_assert_cmpstr (copied, ==, "li_na@example.com");
  g_assert_true (shows_text (f.overlay, "Copied"));

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
  path = g_build_filename (f.t.dir, "rapport.db", NULL);
  read_only = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  session = rapport_session_new_for_database (read_only, NULL, FALSE);
  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (f.page), session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (f.page), f.customer_id);
  shell_test_spin ();

  /* Nothing can be changed, but a call changes nothing. */
  g_assert_false (gtk_widget_is_sensitive (find_titled (f.page, GTK_TYPE_BUTTON, "Edit")));
  click (button_of (find_row (&f, "138 0013 8000"), "Call"));
  assert_opened (&f, "tel:+8613800138000");
  click (button_of (find_row (&f, "王经理"), "Call"));
  assert_opened (&f, "tel:+8613912345678");

  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (f.page), NULL);
  g_assert_finalize_object (session);
  g_assert_finalize_object (read_only);
  fixture_tear_down (&f);
}

static gint64
add_user (RapportDatabase *db,
          const char      *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  RapportStatement *stmt;

  /* No API adds users before team mode: the row goes in as a sync would. */
  stmt = _rapport_database_prepare (db, "INSERT INTO user (uuid, name, created_at, updated_at) VALUES (?1, ?2, 0, 0)",
                                    &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  return sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
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
test_owner (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;
  ShowsText li_na = { NULL, "Owner: 李娜 <b>&</b>" };

  fixture_set_up (&f);

  /* Until team mode, everyone's customers are the default user's. */
  g_assert_true (shows_text (f.page, "Owner: Me"));

  customer = rapport_store_get_customer (f.t.db, f.customer_id, &error);
  g_assert_no_error (error);
  rapport_customer_set_owner_id (customer, add_user (f.t.db, "李娜 <b>&</b>"));
  rapport_store_update_customer (f.t.db, customer, &error);
  g_assert_no_error (error);

  /* The header follows, and a name is never markup. */
  li_na.root = f.page;
  shell_test_wait_for (shows_text_cb, &li_na);
  g_assert_false (shows_text (f.page, "Owner: Me"));

  fixture_tear_down (&f);
}

static void
test_launch_failure (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f);

  /* The desktop itself this time: with no app for tel: or sms: (this
   * test's XDG folders have none), the toast says so in the user's words. */
  g_signal_handlers_disconnect_by_func (f.page, open_uri_cb, &f);
  click (button_of (find_row (&f, "138 0013 8000"), "Call"));
  assert_eventually_shows (f.overlay, "No app on this computer can make calls");
  assert_opened (&f, NULL);

  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdg = shell_test_make_dir ();
  const char * const shared[] = { "mime", "icons" };
  int rc;

  /* Before GIO reads them: the system's MIME database and icons, but none of
   * its apps, so nothing handles tel: whatever this machine has installed. */
  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      g_autofree char *target = g_build_filename ("/usr/share", shared[i], NULL);
      g_autofree char *link = g_build_filename (xdg, shared[i], NULL);

      g_assert_cmpint (symlink (target, link), ==, 0);
    }
  g_setenv ("XDG_CONFIG_HOME", xdg, TRUE);
  g_setenv ("XDG_DATA_DIRS", xdg, TRUE);

  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/customer-actions/details", test_details);
  g_test_add_func ("/ui/customer-actions/contact", test_contact);
  g_test_add_func ("/ui/customer-actions/read-only", test_read_only);
  g_test_add_func ("/ui/customer-actions/owner", test_owner);
  g_test_add_func ("/ui/customer-actions/launch-failure", test_launch_failure);

  rc = shell_test_run ();

  /* The links first, by name: nothing may follow them into /usr/share. */
  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      g_autofree char *link = g_build_filename (xdg, shared[i], NULL);

      g_assert_cmpint (g_unlink (link), ==, 0);
    }
  shell_test_remove_dir (xdg);

  return rc;
}
