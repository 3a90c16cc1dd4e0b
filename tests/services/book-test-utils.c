/* book-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "book-test-utils.h"
#include "test-utils.h"

#define MOCK_PATH "/org/freedesktop/Notifications"
#define MOCK_IFACE "org.freedesktop.DBus.Mock"

static gboolean
has_notification_daemon (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (bus == NULL)
    return FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.Notifications"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* Every call the mock received, as "a(tsav)". */
static GVariant *
get_calls (TestBook *book)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (book->bus, "org.freedesktop.Notifications",
                                                            MOCK_PATH, MOCK_IFACE, "GetCalls", NULL,
                                                            G_VARIANT_TYPE ("(a(tsav))"),
                                                            G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);

  g_assert_no_error (error);
  return g_variant_get_child_value (reply, 0);
}

void
test_run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
test_book_init (TestBook   *book,
                const char *prefix)
{
  book->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  book->has_daemon = has_notification_daemon (book->bus);
  if (!book->has_daemon)
    g_test_message ("No notification daemon: what is notified is not checked");
  if (book->has_daemon)
    {
      g_autoptr (GVariant) calls = get_calls (book);

      book->n_calls_before = g_variant_n_children (calls);
    }

  book->dir = test_make_dir (prefix);
  book->path = g_build_filename (book->dir, "shop.db", NULL);
  book->clock = rapport_clock_new ();
}

void
test_book_clear (TestBook *book)
{
  if (book->session != NULL)
    test_book_close (book);
  g_clear_object (&book->clock);
  g_clear_object (&book->bus);
  test_remove_tree (book->dir);
  g_clear_pointer (&book->dir, g_free);
  g_clear_pointer (&book->path, g_free);
  test_run_pending ();
}

void
test_book_open (TestBook *book,
                gboolean  is_demo)
{
  g_autoptr (GError) error = NULL;

  book->db = rapport_database_open (book->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (book->db, book->clock);
  book->session = rapport_session_new_for_database (book->db, NULL, is_demo);
}

void
test_book_close (TestBook *book)
{
  rapport_session_close (book->session);
  g_clear_object (&book->session);
  g_clear_object (&book->db);
  test_run_pending ();
}

void
test_book_advance_to (TestBook *book,
                      gint64    when)
{
  rapport_clock_set_fixed (book->clock, when);
  rapport_scheduler_check (rapport_session_get_scheduler (book->session));
  test_run_pending ();
}

GPtrArray *
test_book_notified (TestBook   *book,
                    const char *title_part)
{
  g_autoptr (GVariant) calls = get_calls (book);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = book->n_calls_before; i < g_variant_n_children (calls); i++)
    {
      g_autoptr (GVariant) call = g_variant_get_child_value (calls, i);
      g_autoptr (GVariant) args = NULL;
      const char *name = NULL;

      g_variant_get (call, "(t&s@av)", NULL, &name, &args);
      if (g_str_equal (name, "Notify"))
        {
          g_autoptr (GVariant) summary_box = g_variant_get_child_value (args, 3);
          g_autoptr (GVariant) body_box = g_variant_get_child_value (args, 4);
          g_autoptr (GVariant) summary = g_variant_get_variant (summary_box);
          g_autoptr (GVariant) body = g_variant_get_variant (body_box);
          const char *title = g_variant_get_string (summary, NULL);

          if (title_part == NULL || strstr (title, title_part) != NULL)
            g_ptr_array_add (found, g_strdup_printf ("%s|%s", title, g_variant_get_string (body, NULL)));
        }
    }

  return found;
}

void
test_book_assert_notified (TestBook   *book,
                           const char *title_part,
                           guint       n,
                           const char *last)
{
  g_autoptr (GPtrArray) summaries = NULL;

  if (!book->has_daemon)
    return;

  summaries = test_book_notified (book, title_part);
  g_assert_cmpuint (summaries->len, ==, n);
  if (last != NULL)
    g_assert_cmpstr (g_ptr_array_index (summaries, n - 1), ==, last);
}
