/* test-database-error-dialog.c
 *
 * What the application says when a file cannot be opened, driven through
 * rapport_application_open_database() on real files: a damaged database offers
 * a backup only when there is one, another program's file is not called a
 * Rapport database (whatever its user_version), and a file from a newer
 * Rapport says so. None of them is changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "rapport-backup-manager.h"
#include "rapport-database-error-dialog.h"
#include "rapport-window.h"
#include "shell-test-utils.h"

static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

/* A Rapport database with @n customers, closed. */
static void
make_database (const char *path,
               guint       n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer number %u with a long enough name to fill pages", i);

      shell_test_add_customer (db, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
    }
}

/* Garbage over every page but the first: the schema reads, the rows do not. */
static void
damage (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint page_size;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  page_size = ((guint8) contents[16] << 8) | (guint8) contents[17];
  g_assert_cmpuint (length, >, 4 * page_size);
  for (gsize i = page_size; i < length; i++)
    contents[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
backed_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr (RapportBackup) backup = NULL;
  g_autoptr (GError) error = NULL;

  backup = rapport_backup_manager_back_up_finish (RAPPORT_BACKUP_MANAGER (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
back_up (const char *path)
{
  g_autofree char *backup_dir = rapport_application_get_backup_dir_for (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_autoptr (RapportBackupManager) manager = NULL;
  gboolean done = FALSE;

  g_assert_no_error (error);
  manager = rapport_backup_manager_new (db, backup_dir);
  rapport_backup_manager_set_automatic (manager, FALSE);
  rapport_backup_manager_back_up_async (manager, RAPPORT_BACKUP_REASON_MANUAL, NULL, backed_up_cb, &done);
  shell_test_wait_for (is_true, &done);
}

static gboolean
error_dialog_shown (gpointer data)
{
  return shell_test_find_toplevel (RAPPORT_TYPE_DATABASE_ERROR_DIALOG, NULL) != NULL;
}

/* Opens @path as the application does, and returns the dialog it shows (and
 * that no window stayed). */
static AdwMessageDialog *
open_and_get_dialog (RapportApplication *app,
                     const char         *path)
{
  GtkWindow *dialog;

  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (error_dialog_shown, NULL);
  shell_test_flush ();

  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL));
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_DATABASE_ERROR_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                  adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));

  return ADW_MESSAGE_DIALOG (dialog);
}

static void
close_dialog (AdwMessageDialog *dialog)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "quit");
  gtk_window_close (GTK_WINDOW (dialog));
  shell_test_flush ();
  g_assert_finalize_object (dialog);
}

/* The names in @dir, sorted and joined with spaces. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_damaged_without_backup (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *backup_dir = rapport_application_get_backup_dir_for (path);
  g_autofree char *junk = NULL;
  g_autofree char *partial = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  make_database (path, 300);
  damage (path);
  before = file_bytes (path);

  /* No backup, only what looks like one: an overwritten file with a
   * backup's name, and half a backup that never finished. */
  g_assert_cmpint (g_mkdir_with_parents (backup_dir, 0700), ==, 0);
  junk = g_build_filename (backup_dir, "rapport-20261120-010203Z-automatic.db", NULL);
  write_file (junk, "");
  partial = g_build_filename (backup_dir, ".rapport-20261121-010203Z-automatic.db.partial", NULL);
  write_file (partial, "SQLite format 3");

  dialog = open_and_get_dialog (app, path);
  body = adw_message_dialog_get_body (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("The Database Is Damaged"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_null (strstr (body, "You can restore a backup"));
  g_assert_nonnull (strstr (body, "There is no backup of it to restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "choose"));
  g_assert_false (adw_message_dialog_has_response (dialog, "read-only"));
  close_dialog (dialog);

  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  shell_test_remove_dir (dir);
}

static void
test_damaged_with_backup (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  AdwMessageDialog *dialog;

  make_database (path, 300);
  back_up (path);
  damage (path);
  before = file_bytes (path);

  dialog = open_and_get_dialog (app, path);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("The Database Is Damaged"));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "restore"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "You can restore a backup"));
  close_dialog (dialog);

  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  shell_test_remove_dir (dir);
}

static void
test_foreign_file (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "music.db", NULL);
  g_autofree char *listing = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  /* Another program's file, whose user_version is above Rapport's. */
  exec_sql (path,
            "CREATE TABLE track (id INTEGER PRIMARY KEY, title TEXT, seconds INTEGER);"
            "INSERT INTO track (title, seconds) VALUES ('Moonlight', 321);"
            "PRAGMA user_version = 99;");
  before = file_bytes (path);

  dialog = open_and_get_dialog (app, path);
  body = adw_message_dialog_get_body (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Not a Rapport Database"));
  g_assert_nonnull (strstr (body, "is not a Rapport database"));
  g_assert_nonnull (strstr (body, "music.db"));
  g_assert_null (strstr (body, "newer version"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_false (adw_message_dialog_has_response (dialog, "read-only"));
  g_assert_true (adw_message_dialog_has_response (dialog, "choose"));
  close_dialog (dialog);

  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "music.db");
  shell_test_remove_dir (dir);
}

static void
test_too_new (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *newer = g_strdup_printf ("PRAGMA user_version = %d;", rapport_database_get_latest_version () + 1);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  AdwMessageDialog *dialog;

  /* Rapport's own file, as a later Rapport would leave it. */
  make_database (path, 3);
  exec_sql (path, newer);
  before = file_bytes (path);

  dialog = open_and_get_dialog (app, path);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("The Database Is Too New"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "written by a newer version of Rapport"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "choose"));
  close_dialog (dialog);

  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  shell_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = shell_test_make_dir ();
  int rc;

  /* Before GLib caches it: nothing here may touch the user's own data. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/database-error/damaged-without-backup", test_damaged_without_backup);
  g_test_add_func ("/ui/database-error/damaged-with-backup", test_damaged_with_backup);
  g_test_add_func ("/ui/database-error/foreign-file", test_foreign_file);
  g_test_add_func ("/ui/database-error/too-new", test_too_new);

  rc = g_test_run ();
  shell_test_remove_dir (data_home);

  return rc;
}
