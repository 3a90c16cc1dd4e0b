/* test-search-provider.c
 *
 * GNOME Shell's search provider, called over D-Bus from a connection of its
 * own as the Shell calls it, against the user's database (a temporary
 * XDG_DATA_HOME) with Chinese and Latin customers: results for names,
 * pinyin initials, codes and phone digits, their metas, and the window that
 * activating a result or launching the search opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-customer-list.h"
#include "rapport-search-provider.h"
#include "rapport-window.h"

#include "shell-test-utils.h"

#define PROVIDER_PATH "/io/github/rapportcrm/Rapport" RAPPORT_SEARCH_PROVIDER_PATH_SUFFIX
#define PROVIDER_IFACE "org.gnome.Shell.SearchProvider2"

static struct
{
  RapportApplication *app;
  GDBusConnection    *shell;   /* the caller, as gnome-shell is */
  gint64              suyang;
  gint64              acme;
  gint64              suzhou;
  gint64              trashed;
} t;

typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &call->error);
  call->done = TRUE;
}

static gboolean
call_done (gpointer data)
{
  return ((Call *) data)->done;
}

/* Calls @method of the provider and runs the main loop (where the
 * application answers) until the reply comes. */
static GVariant *
call_provider (const char *method,
               GVariant   *parameters,
               const char *reply_type)
{
  GDBusConnection *app_connection = g_application_get_dbus_connection (G_APPLICATION (t.app));
  Call call = { 0 };

  g_dbus_connection_call (t.shell, g_dbus_connection_get_unique_name (app_connection), PROVIDER_PATH,
                          PROVIDER_IFACE, method, parameters, G_VARIANT_TYPE (reply_type),
                          G_DBUS_CALL_FLAGS_NONE, 10000, NULL, call_done_cb, &call);
  shell_test_wait_for (call_done, &call);
  g_assert_no_error (call.error);

  return call.reply;
}

static GVariant *
initial_results (const char * const *terms)
{
  return call_provider ("GetInitialResultSet", g_variant_new ("(^as)", terms), "(as)");
}

/* Whether the result set @reply ("(as)") holds customer @id. */
static gboolean
results_have (GVariant *reply,
              gint64    id)
{
  g_autofree char *identifier = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree const char **results = NULL;

  g_variant_get (reply, "(^a&s)", &results);
  return g_strv_contains (results, identifier);
}

static guint
n_results (GVariant *reply)
{
  g_autoptr (GVariant) results = g_variant_get_child_value (reply, 0);

  return g_variant_n_children (results);
}

static GtkWindow *
find_window (void)
{
  return shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
}

static gint64
add_customer (RapportDatabase *db,
              const char      *name,
              const char      *phone)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  const char *phones[] = { phone, NULL };

  rapport_customer_set_name (customer, name);
  rapport_customer_set_phones (customer, phones);
  rapport_store_insert_customer (db, customer, &error);
  g_assert_no_error (error);

  return rapport_customer_get_id (customer);
}

static void
test_no_database (void)
{
  const char *terms[] = { "sy", NULL };
  g_autofree char *path = rapport_application_get_default_database_path ();
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) metas = NULL;

  /* Before Rapport ever ran: nothing found, and no database made for it. */
  reply = initial_results (terms);
  g_assert_cmpuint (n_results (reply), ==, 0);
  metas = call_provider ("GetResultMetas", g_variant_new_parsed ("(['1'],)"), "(aa{sv})");
  g_assert_cmpuint (n_results (metas), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (rapport_application_get_sessions (t.app)->len, ==, 0);
}

static void
make_database (void)
{
  g_autofree char *path = rapport_application_get_default_database_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;
  RapportDatabase *db;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);

  t.suyang = add_customer (db, "速阳有限公司", "0512-6688 1234");
  t.acme = add_customer (db, "Acme Trading", "+1 415 555 2671");
  t.suzhou = add_customer (db, "苏州 <b>建材</b> & “瓷砖”", "138 0013 8000");
  t.trashed = add_customer (db, "速达物流", "139 1234 5678");
  rapport_store_trash_customer (db, t.trashed, &error);
  g_assert_no_error (error);

  g_assert_finalize_object (db);
}

static void
test_results (void)
{
  const char *initials[] = { "sy", NULL };
  const char *character[] = { "速", NULL };
  const char *digits[] = { "6688", NULL };
  const char *code[] = { "AT0", NULL };
  const char *latin[] = { "acme", NULL };
  const char *trashed[] = { "速达", NULL };
  g_autoptr (GVariant) reply = NULL;

  make_database ();

  /* Pinyin initials, as Wang types them. The first call opens the book,
   * on a worker and without a window. */
  reply = initial_results (initials);
  g_assert_true (results_have (reply, t.suyang));
  g_assert_false (results_have (reply, t.acme));
  g_assert_cmpuint (rapport_application_get_sessions (t.app)->len, ==, 1);
  g_assert_null (find_window ());
  g_clear_pointer (&reply, g_variant_unref);

  /* One character of a Chinese name: the customer in the Trash is not found. */
  reply = initial_results (character);
  g_assert_true (results_have (reply, t.suyang));
  g_assert_false (results_have (reply, t.trashed));
  g_clear_pointer (&reply, g_variant_unref);
  reply = initial_results (trashed);
  g_assert_cmpuint (n_results (reply), ==, 0);
  g_clear_pointer (&reply, g_variant_unref);

  /* Digits of a phone number, a code's prefix, a Latin name. */
  reply = initial_results (digits);
  g_assert_true (results_have (reply, t.suyang));
  g_assert_cmpuint (n_results (reply), ==, 1);
  g_clear_pointer (&reply, g_variant_unref);
  reply = initial_results (code);
  g_assert_true (results_have (reply, t.acme));
  g_assert_cmpuint (n_results (reply), ==, 1);
  g_clear_pointer (&reply, g_variant_unref);
  reply = initial_results (latin);
  g_assert_true (results_have (reply, t.acme));
  g_clear_pointer (&reply, g_variant_unref);

  /* Typing on narrows the results the Shell already has. */
  {
    const char *first[] = { "s", NULL };
    const char *more[] = { "s", "jc", NULL };
    g_autoptr (GVariant) previous = initial_results (first);
    g_autoptr (GVariant) previous_results = g_variant_get_child_value (previous, 0);

    g_assert_true (results_have (previous, t.suyang));
    g_assert_true (results_have (previous, t.suzhou));
    reply = call_provider ("GetSubsearchResultSet",
                           g_variant_new ("(@as^as)", previous_results, more), "(as)");
    g_assert_true (results_have (reply, t.suzhou));
    g_assert_false (results_have (reply, t.suyang));
    g_clear_pointer (&reply, g_variant_unref);
  }

  /* The opened book stays open for the next keystroke: still one session. */
  g_assert_cmpuint (rapport_application_get_sessions (t.app)->len, ==, 1);
}

static void
test_metas (void)
{
  g_autofree char *suyang = g_strdup_printf ("%" G_GINT64_FORMAT, t.suyang);
  g_autofree char *suzhou = g_strdup_printf ("%" G_GINT64_FORMAT, t.suzhou);
  g_autofree char *trashed = g_strdup_printf ("%" G_GINT64_FORMAT, t.trashed);
  const char *identifiers[] = { suyang, trashed, "not-an-id", "999999", suzhou, NULL };
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) metas = NULL;
  g_autoptr (GVariant) first = NULL;
  g_autoptr (GVariant) second = NULL;
  g_autoptr (GVariant) icon = NULL;
  const char *id = NULL, *name = NULL, *description = NULL;

  reply = call_provider ("GetResultMetas", g_variant_new ("(^as)", identifiers), "(aa{sv})");
  metas = g_variant_get_child_value (reply, 0);

  /* Only customers that are there, in the order asked. */
  g_assert_cmpuint (g_variant_n_children (metas), ==, 2);
  first = g_variant_get_child_value (metas, 0);
  g_assert_true (g_variant_lookup (first, "id", "&s", &id));
  g_assert_cmpstr (id, ==, suyang);
  g_assert_true (g_variant_lookup (first, "name", "&s", &name));
  g_assert_cmpstr (name, ==, "速阳有限公司");
  /* Its code and phone, as the book shows them. */
  g_assert_true (g_variant_lookup (first, "description", "&s", &description));
  g_assert_cmpstr (description, ==, "SY001 · 0512 6688 1234");
  icon = g_variant_lookup_value (first, "icon", NULL);
  g_assert_nonnull (icon);
  {
    g_autoptr (GIcon) deserialized = g_icon_deserialize (icon);

    g_assert_true (G_IS_ICON (deserialized));
  }

  /* Plain text: the Shell escapes it itself before it highlights the terms. */
  second = g_variant_get_child_value (metas, 1);
  g_assert_true (g_variant_lookup (second, "name", "&s", &name));
  g_assert_cmpstr (name, ==, "苏州 <b>建材</b> & “瓷砖”");
}

static gboolean
shows_customer (gpointer data)
{
  GtkWindow *window = find_window ();

  return window != NULL && rapport_window_get_customer_id (RAPPORT_WINDOW (window)) == GPOINTER_TO_SIZE (data);
}

static gboolean
shows_acme (gpointer data)
{
  return shows_text (data, "Acme Trading");
}

static void
test_activate (void)
{
  g_autofree char *acme = g_strdup_printf ("%" G_GINT64_FORMAT, t.acme);
  g_autofree char *path = rapport_application_get_default_database_path ();
  const char *terms[] = { "acme", NULL };
  g_autoptr (GVariant) reply = NULL;
  GtkWindow *window;

  g_assert_null (find_window ());

  /* Choosing a result opens Rapport on that customer: its window, its page. */
  reply = call_provider ("ActivateResult", g_variant_new ("(s^asu)", acme, terms, 0), "()");
  shell_test_wait_for (shows_customer, GSIZE_TO_POINTER (t.acme));
  window = find_window ();
  g_assert_cmpstr (rapport_session_get_path (rapport_window_get_session (RAPPORT_WINDOW (window))), ==, path);
  /* On its page: the window opens on Today, the customer list is not shown. */
  shell_test_wait_for (shows_acme, window);
  g_assert_cmpuint (rapport_application_get_sessions (t.app)->len, ==, 1);
}

static gboolean
is_customer_list (GtkWidget *widget,
                  gpointer   data)
{
  return RAPPORT_IS_CUSTOMER_LIST (widget);
}

static gboolean
list_searches (gpointer data)
{
  GtkWindow *window = find_window ();
  GtkWidget *list = shell_test_find_widget (GTK_WIDGET (window), is_customer_list, NULL);

  return list != NULL &&
         g_strcmp0 (gtk_editable_get_text (rapport_customer_list_get_search_entry (RAPPORT_CUSTOMER_LIST (list))),
                    data) == 0;
}

static void
test_launch_search (void)
{
  const char *terms[] = { "sy", "有限", NULL };
  g_autoptr (GVariant) reply = NULL;
  GtkWindow *window = find_window ();

  g_assert_nonnull (window);

  /* "Search in Rapport": the window it has, with the terms in its search. */
  reply = call_provider ("LaunchSearch", g_variant_new ("(^asu)", terms, 0), "()");
  shell_test_wait_for (list_searches, (gpointer) "sy 有限");
  g_assert_true (find_window () == window);

  /* Its window closed, the book is closed too (no background mode). */
  shell_test_destroy_window (window);
  g_assert_cmpuint (rapport_application_get_sessions (t.app)->len, ==, 0);
}

static void
test_while_opening (void)
{
  const char *terms[] = { "acme", NULL };
  g_autofree char *path = rapport_application_get_default_database_path ();
  g_autoptr (GVariant) reply = NULL;
  RapportSession *session;
  GtkWindow *window;

  /* Rapport is starting on the user's book (the window says "Opening…")
   * when the Shell asks: the answer waits for that session, no second one. */
  rapport_application_open_database (t.app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  window = find_window ();
  g_assert_nonnull (window);
  session = rapport_window_get_session (RAPPORT_WINDOW (window));
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_OPENING);

  reply = initial_results (terms);
  g_assert_true (results_have (reply, t.acme));
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_OPEN);
  g_assert_cmpuint (rapport_application_get_sessions (t.app)->len, ==, 1);

  shell_test_destroy_window (window);
  g_assert_cmpuint (rapport_application_get_sessions (t.app)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = shell_test_make_dir ();
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;
  int rc;

  /* Before GLib caches it: the user's database of this test. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  shell_test_init (&argc, &argv);

  t.app = shell_test_new_application ();
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  t.shell = g_dbus_connection_new_for_address_sync (address,
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/search-provider/no-database", test_no_database);
  g_test_add_func ("/ui/search-provider/results", test_results);
  g_test_add_func ("/ui/search-provider/metas", test_metas);
  g_test_add_func ("/ui/search-provider/activate", test_activate);
  g_test_add_func ("/ui/search-provider/launch-search", test_launch_search);
  g_test_add_func ("/ui/search-provider/while-opening", test_while_opening);

  rc = shell_test_run ();

  g_dbus_connection_close_sync (t.shell, NULL, NULL);
  g_clear_object (&t.shell);
  g_clear_object (&t.app);
  shell_test_remove_dir (data_home);

  return rc;
}
