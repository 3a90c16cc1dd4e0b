/* test-application-check.c
 *
 * The integrity check of a database too big to check in full on open: its
 * window opens at once, the check runs in the background, and damage it finds
 * closes the window and shows the dialog a damaged file gets on open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-database-error-dialog.h"
#include "rapport-database-private.h"
#include "rapport-window.h"
#include "shell-test-utils.h"

/* A database of @n customers, closed (its WAL folded back into the file). */
static char *
make_database (const char *dir,
               guint       n)
{
  g_autoptr (RapportDatabase) db = shell_test_open_database (dir);
  char *path = g_strdup (rapport_database_get_path (db));

  for (guint i = 0; i < n; i++)
    {
      /* Not in name order: the search index keeps its slots spread, and
       * opening rebuilds nothing that would read the damaged pages. */
      g_autofree char *name = g_strdup_printf ("Customer %04u", (i * 7919) % 10000);

      shell_test_add_customer (db, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
    }

  return path;
}

/* Garbage over the leaf pages of the search index: the window's first screen
 * does not read them, only a full check does. */
static void
damage_search_index (const char *path)
{
  g_autoptr (GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *contents = NULL;
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gsize length = 0;
  guint page_size;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT pageno FROM dbstat"
                                       " WHERE name IN ('search_fts_data', 'search_digits_data')"
                                       " AND pagetype = 'leaf'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint page = sqlite3_column_int (stmt, 0);
      g_array_append_val (pages, page);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  g_assert_cmpuint (pages->len, >, 0);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  page_size = ((guint8) contents[16] << 8) | (guint8) contents[17];
  for (guint p = 0; p < pages->len; p++)
    {
      gsize start = (gsize) (g_array_index (pages, guint, p) - 1) * page_size;

      for (gsize i = start; i < start + page_size && i < length; i++)
        contents[i] = (char) (i * 7 + 13);
    }
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static gboolean
dialog_shown (gpointer data)
{
  return shell_test_find_toplevel (RAPPORT_TYPE_DATABASE_ERROR_DIALOG, NULL) != NULL;
}

static gboolean
window_is_open (gpointer data)
{
  GtkWindow *window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);

  return window != NULL && rapport_window_get_database (RAPPORT_WINDOW (window)) != NULL;
}

static gboolean
session_is_checked (gpointer data)
{
  return rapport_session_get_integrity_checked (data);
}

static void
test_damage_found_after_open (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = make_database (dir, 300);
  GtkWindow *dialog;

  damage_search_index (path);

  /* Every file counts as big: only the structure is checked on open. */
  _rapport_database_set_full_check_limit (0);

  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);

  /* The window comes first, and opens the book; the check's answer later. */
  shell_test_wait_for (window_is_open, NULL);

  shell_test_wait_for (dialog_shown, NULL);
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_DATABASE_ERROR_DIALOG, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   _("The Database Is Damaged"));
  g_assert_cmpstr (rapport_database_error_dialog_get_path (RAPPORT_DATABASE_ERROR_DIALOG (dialog)), ==, path);

  /* Nothing more can be written through the damaged file's window. */
  shell_test_flush ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL));

  g_object_ref (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  gtk_window_close (dialog);
  shell_test_flush ();
  g_assert_finalize_object (dialog);

  _rapport_database_set_full_check_limit (G_MAXUINT64);
  shell_test_remove_dir (dir);
}

static void
test_sound_file_stays_open (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = make_database (dir, 300);
  RapportSession *session;
  GtkWindow *window;

  _rapport_database_set_full_check_limit (0);

  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (window_is_open, NULL);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  session = rapport_window_get_session (RAPPORT_WINDOW (window));

  /* Only the structure was checked on open; the full check then ran in the
   * background and passed, and the window stayed. */
  shell_test_wait_for (session_is_checked, session);
  shell_test_flush ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_DATABASE_ERROR_DIALOG, NULL));
  g_assert_true (shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL) == window);

  shell_test_destroy_window (window);
  _rapport_database_set_full_check_limit (G_MAXUINT64);
  shell_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/application-check/damage-found-after-open", test_damage_found_after_open);
  g_test_add_func ("/ui/application-check/sound-file-stays-open", test_sound_file_stays_open);

  return g_test_run ();
}
