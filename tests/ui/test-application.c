/* test-application.c
 *
 * Opening databases: where backups go, the dialog for each way opening can
 * fail (and that the file is never touched), and the throw-away sample data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-dialog.h"
#include "rapport-database-error-dialog.h"
#include "rapport-demo-data.h"
#include "rapport-import-dialog.h"
#include "rapport-preferences-window.h"
#include "rapport-window.h"
#include "shell-test-utils.h"

static void
test_backup_dir (void)
{
  g_autofree char *default_path = rapport_application_get_default_database_path ();
  g_autofree char *default_dir = rapport_application_get_backup_dir_for (default_path);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "rapport", "backups", NULL);
  g_autofree char *a = rapport_application_get_backup_dir_for ("/tmp/one/shop.db");
  g_autofree char *b = rapport_application_get_backup_dir_for ("/tmp/two/shop.db");
  g_autofree char *a_dir = g_path_get_dirname (a);
  g_autofree char *a_name = g_path_get_basename (a);

  g_assert_cmpstr (default_dir, ==, expected);
  /* Never next to the user's file; one folder per file. */
  g_assert_cmpstr (a_dir, ==, expected);
  g_assert_true (g_str_has_prefix (a_name, "shop.db-"));
  g_assert_cmpstr (a, !=, b);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static const char garbage[] =
  "This is a spreadsheet, not a database. This is a spreadsheet, not a database.\n"
  "This is a spreadsheet, not a database. This is a spreadsheet, not a database.\n";

static void
test_error_not_database (void)
{
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = write_file (dir, "notes.db", garbage);
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  RapportDatabaseErrorDialog *dialog;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_null (db);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);

  dialog = g_object_ref_sink (rapport_database_error_dialog_new (NULL, path, error, NULL));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Not a Rapport Database"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "notes.db"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "choose"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "quit"));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "read-only"));
  /* No backups to offer. */
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));
  g_assert_cmpstr (rapport_database_error_dialog_get_path (dialog), ==, path);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);

  assert_file_contents (path, garbage);
  shell_test_remove_dir (dir);
}

static void
test_error_too_new (void)
{
  g_autoptr (GError) error = g_error_new (RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_TOO_NEW,
                                          "schema version 99 is newer than 1");
  g_autoptr (GListStore) backups = g_list_store_new (RAPPORT_TYPE_BACKUP);
  RapportDatabaseErrorDialog *dialog;

  dialog = g_object_ref_sink (rapport_database_error_dialog_new (NULL, "/home/wang/rapport.db", error,
                                                                 G_LIST_MODEL (backups)));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("The Database Is Too New"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "written by a newer version of Rapport"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "choose"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "quit"));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "read-only"));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_error_cant_open (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  RapportDatabaseErrorDialog *dialog;

  db = rapport_database_open ("/nonexistent-rapport-folder/shop.db", RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_null (db);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN);

  dialog = g_object_ref_sink (rapport_database_error_dialog_new (NULL, "/nonexistent-rapport-folder/shop.db", error, NULL));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("The Database Cannot Be Opened"));
  /* The folder is named, since that is what is wrong. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "/nonexistent-rapport-folder"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "choose"));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "read-only"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_error_read_only (void)
{
  g_autoptr (GError) error = g_error_new (RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY, "read-only");
  RapportDatabaseErrorDialog *dialog;

  dialog = g_object_ref_sink (rapport_database_error_dialog_new (NULL, "/media/usb/shop.db", error, NULL));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("The Database Cannot Be Changed"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "read-only"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "read-only"), ==,
                   ADW_RESPONSE_SUGGESTED);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "choose"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
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

static gboolean
is_list_box (GtkWidget *widget,
             gpointer   data)
{
  return GTK_IS_LIST_BOX (widget);
}

static void
test_error_corrupt_offers_backups (void)
{
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *backup_dir = g_build_filename (dir, "backups", NULL);
  g_autoptr (GError) error = g_error_new (RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT, "quick_check failed");
  g_autoptr (GListModel) backups = NULL;
  RapportDatabaseErrorDialog *dialog;
  GtkWidget *list;
  gboolean done = FALSE;

  {
    g_autoptr (RapportDatabase) db = shell_test_open_database (dir);
    g_autoptr (RapportBackupManager) manager = rapport_backup_manager_new (db, backup_dir);

    rapport_backup_manager_back_up_async (manager, RAPPORT_BACKUP_REASON_AUTOMATIC, NULL, backed_up_cb, &done);
    shell_test_wait_for (is_true, &done);
  }

  backups = rapport_backup_list_in_dir (backup_dir);
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 1);

  dialog = g_object_ref_sink (rapport_database_error_dialog_new (NULL, "/home/wang/rapport.db", error, backups));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("The Database Is Damaged"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "restore"));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "read-only"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);

  /* "Restore a Backup…" goes on to the list; restoring needs one picked. */
  dialog = g_object_ref_sink (rapport_database_error_dialog_new_for_backups (NULL, "/home/wang/rapport.db", backups));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "cancel"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "restore"));
  g_assert_null (rapport_database_error_dialog_get_selected_backup (dialog));
  list = shell_test_find_widget (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)), is_list_box, NULL);
  g_assert_nonnull (list);
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "restore"));
  g_assert_nonnull (rapport_database_error_dialog_get_selected_backup (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  shell_test_remove_dir (dir);
}

static gboolean
error_dialog_shown (gpointer data)
{
  return shell_test_find_toplevel (RAPPORT_TYPE_DATABASE_ERROR_DIALOG, NULL) != NULL;
}

static gboolean
window_is_open (gpointer data)
{
  GtkWindow *window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);

  return window != NULL && rapport_window_get_database (RAPPORT_WINDOW (window)) != NULL;
}

static void
test_open_failure_shows_dialog (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = write_file (dir, "notes.db", garbage);
  GtkWindow *dialog;

  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (error_dialog_shown, NULL);

  dialog = shell_test_find_toplevel (RAPPORT_TYPE_DATABASE_ERROR_DIALOG, NULL);
  g_assert_nonnull (dialog);
  /* The window that said "Opening…" made way for the dialog. */
  shell_test_flush ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL));
  g_assert_cmpuint (rapport_application_get_sessions (app)->len, ==, 0);
  /* Standalone, "Quit" ends the application; it keeps it alive till then. */
  g_assert_true (gtk_window_get_application (dialog) == GTK_APPLICATION (app));

  g_object_ref (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  gtk_window_close (dialog);
  shell_test_flush ();
  g_assert_finalize_object (dialog);
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL));

  assert_file_contents (path, garbage);
  shell_test_remove_dir (dir);
}

static void
test_restore_from_dialog (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *backup_dir = rapport_application_get_backup_dir_for (path);
  g_autoptr (GDir) listing = NULL;
  GtkWindow *dialog, *window;
  GtkWidget *list;
  const char *name;
  gboolean done = FALSE, moved_aside = FALSE;

  /* A database with one customer and a backup of it ... */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir, &error);
    g_autoptr (RapportBackupManager) manager = NULL;

    g_assert_no_error (error);
    shell_test_add_customer (db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
    manager = rapport_backup_manager_new (db, backup_dir);
    rapport_backup_manager_set_automatic (manager, FALSE);
    rapport_backup_manager_back_up_async (manager, RAPPORT_BACKUP_REASON_MANUAL, NULL, backed_up_cb, &done);
    shell_test_wait_for (is_true, &done);
  }

  /* ... that something then overwrote. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_file_set_contents (path, garbage, -1, NULL);
  }

  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (error_dialog_shown, NULL);
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_DATABASE_ERROR_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  gtk_window_close (dialog);
  shell_test_flush ();

  /* The second step lists the backups. */
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_DATABASE_ERROR_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Restore a Backup"));
  list = shell_test_find_widget (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)), is_list_box, NULL);
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  gtk_window_close (dialog);
  shell_test_flush ();

  /* The backup is open, and the overwritten file was kept aside, not deleted. */
  shell_test_wait_for (window_is_open, NULL);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  g_assert_nonnull (window);
  g_assert_cmpuint (rapport_store_count_customers (rapport_window_get_database (RAPPORT_WINDOW (window))), ==, 1);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (g_str_has_prefix (name, "shop.db.before-restore"))
        {
          g_autofree char *aside = g_build_filename (dir, name, NULL);

          assert_file_contents (aside, garbage);
          moved_aside = TRUE;
        }
    }
  g_assert_true (moved_aside);

  shell_test_destroy_window (window);
  shell_test_remove_dir (dir);
}

static void
test_open_twice_presents (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  GtkWindow *window, *preferences;

  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  g_assert_nonnull (window);
  /* The same file again, even while it opens: the same window. */
  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_cmpuint (rapport_application_get_sessions (app)->len, ==, 1);

  shell_test_wait_for (window_is_open, NULL);
  g_assert_nonnull (rapport_session_get_backup_manager (rapport_window_get_session (RAPPORT_WINDOW (window))));

  /* Preferences belong to the window and show its backups. */
  gtk_window_present (window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  shell_test_flush ();
  preferences = shell_test_find_toplevel (RAPPORT_TYPE_PREFERENCES_WINDOW, NULL);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == window);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (rapport_preferences_window_get_backup_list (
    RAPPORT_PREFERENCES_WINDOW (preferences)))));
  gtk_window_destroy (preferences);

  shell_test_destroy_window (window);
  shell_test_remove_dir (dir);
}

static void
assert_accel (RapportApplication *app,
              const char         *action,
              const char         *accel)
{
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, accel);
}

static gboolean
has_toplevel (gpointer data)
{
  return shell_test_find_toplevel (GPOINTER_TO_SIZE (data), NULL) != NULL;
}

static gboolean
no_toplevel (gpointer data)
{
  return shell_test_find_toplevel (GPOINTER_TO_SIZE (data), NULL) == NULL;
}

static void
test_actions (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  GtkWindow *about, *demo, *preferences, *window;

  assert_accel (app, "app.quit", "<Control>q");
  assert_accel (app, "window.close", "<Control>w");
  assert_accel (app, "app.preferences", "<Control>comma");

  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (window_is_open, NULL);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  gtk_window_present (window);

  /* About: a window naming the version. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  shell_test_wait_for (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW));
  about = shell_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW, NULL);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_window_destroy (about);

  /* Preferences: for the active window's book. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  shell_test_wait_for (has_toplevel, GSIZE_TO_POINTER (RAPPORT_TYPE_PREFERENCES_WINDOW));
  preferences = shell_test_find_toplevel (RAPPORT_TYPE_PREFERENCES_WINDOW, NULL);
  g_assert_true (gtk_window_get_transient_for (preferences) == window);
  gtk_window_destroy (preferences);

  /* Sample data: a second window, a second session, the first untouched. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo", NULL);
  shell_test_flush ();
  demo = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, window);
  g_assert_nonnull (demo);
  g_assert_true (rapport_session_get_is_demo (rapport_window_get_session (RAPPORT_WINDOW (demo))));
  g_assert_cmpuint (rapport_application_get_sessions (app)->len, ==, 2);

  /* Quit: every window closes and every session ends. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  shell_test_wait_for (no_toplevel, GSIZE_TO_POINTER (RAPPORT_TYPE_WINDOW));
  g_assert_cmpuint (rapport_application_get_sessions (app)->len, ==, 0);

  shell_test_remove_dir (dir);
}

/* Background mode: with Run in Background (the setting, on by default), a
 * book whose last window closes stays open (its backups and reminders go on)
 * until Quit. */
static void
test_run_in_background (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr (RapportSession) session = NULL;
  GSettings *settings = rapport_application_get_settings (app);
  GtkWindow *window;

  /* The application follows the setting, whose default is on. */
  g_settings_reset (settings, "run-in-background");
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (rapport_application_get_run_in_background (app));
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_false (rapport_application_get_run_in_background (app));

  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (window_is_open, NULL);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  session = g_object_ref (rapport_window_get_session (RAPPORT_WINDOW (window)));

  /* Off, the last window's closing ends the session. */
  gtk_window_close (window);
  shell_test_wait_for (no_toplevel, GSIZE_TO_POINTER (RAPPORT_TYPE_WINDOW));
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_CLOSED);
  g_assert_cmpuint (rapport_application_get_sessions (app)->len, ==, 0);
  g_clear_object (&session);

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (window_is_open, NULL);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  session = g_object_ref (rapport_window_get_session (RAPPORT_WINDOW (window)));

  /* The closed window is gone, with all it holds: only the session stays. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (window);
  shell_test_wait_for (no_toplevel, GSIZE_TO_POINTER (RAPPORT_TYPE_WINDOW));
  shell_test_flush ();
  g_assert_null (window);
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_OPEN);
  g_assert_nonnull (rapport_session_get_backup_manager (session));
  g_assert_cmpuint (rapport_application_get_sessions (app)->len, ==, 1);

  /* Opened again: a window on the same session, not a new open. */
  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  g_assert_nonnull (window);
  g_assert_true (rapport_window_get_session (RAPPORT_WINDOW (window)) == session);
  g_assert_nonnull (rapport_window_get_database (RAPPORT_WINDOW (window)));

  /* Quit ends it even so, with no window open: the one in the background. */
  gtk_window_close (window);
  shell_test_wait_for (no_toplevel, GSIZE_TO_POINTER (RAPPORT_TYPE_WINDOW));
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_OPEN);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_CLOSED);
  g_assert_cmpuint (rapport_application_get_sessions (app)->len, ==, 0);

  /* Turned off while a book runs without a window: it ends. */
  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (window_is_open, NULL);
  g_clear_object (&session);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  session = g_object_ref (rapport_window_get_session (RAPPORT_WINDOW (window)));
  gtk_window_close (window);
  shell_test_wait_for (no_toplevel, GSIZE_TO_POINTER (RAPPORT_TYPE_WINDOW));
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_OPEN);
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_CLOSED);
  g_assert_cmpuint (rapport_application_get_sessions (app)->len, ==, 0);

  shell_test_remove_dir (dir);
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* The reminders of a book in the background: Open on a notification brings
 * a window on the customer, a summary on its page, and a notice said while
 * no window was open is said by the next one. */
static void
test_reminders_open_windows (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr (RapportSession) session = NULL;
  gint64 customer_id;
  GSettings *settings = rapport_application_get_settings (app);
  RapportReminders *reminders;
  GtkWindow *window;
  const char *notice = "Reminders cannot be shown: no notification server";

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (window_is_open, NULL);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  session = g_object_ref (rapport_window_get_session (RAPPORT_WINDOW (window)));
  customer_id = shell_test_add_customer (rapport_session_get_database (session), "Acme", RAPPORT_STAGE_ACTIVE,
                                      RAPPORT_TIER_GOLD, NULL);
  reminders = rapport_session_get_reminders (session);
  g_assert_nonnull (reminders);

  gtk_window_close (window);
  shell_test_wait_for (no_toplevel, GSIZE_TO_POINTER (RAPPORT_TYPE_WINDOW));
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_OPEN);

  /* Open on a reminder. */
  g_signal_emit_by_name (reminders, "open-follow-up", customer_id, (gint64) 1);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  g_assert_nonnull (window);
  g_assert_true (rapport_window_get_session (RAPPORT_WINDOW (window)) == session);
  shell_test_flush ();
  g_assert_cmpint (rapport_window_get_customer_id (RAPPORT_WINDOW (window)), ==, customer_id);

  /* A notice while the window is open: shown at once. */
  g_signal_emit_by_name (reminders, "notice", notice);
  shell_test_flush ();
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (window), is_label_with_text, (gpointer) notice));

  gtk_window_close (window);
  shell_test_wait_for (no_toplevel, GSIZE_TO_POINTER (RAPPORT_TYPE_WINDOW));

  /* A summary: the window opens on its page. */
  g_signal_emit_by_name (reminders, "open-page", "at-risk");
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  g_assert_nonnull (window);
  g_assert_cmpstr (rapport_window_get_section (RAPPORT_WINDOW (window)), ==, "at-risk");

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_CLOSED);
  shell_test_wait_for (no_toplevel, GSIZE_TO_POINTER (RAPPORT_TYPE_WINDOW));

  g_settings_set_boolean (settings, "run-in-background", FALSE);
  shell_test_remove_dir (dir);
}

/* The reminders' catch-up window and the churn rules follow the settings. */
static void
test_follow_up_settings_reach_session (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  GSettings *settings = rapport_application_get_settings (app);
  g_autoptr (RapportChurnRules) rules = NULL;
  RapportSession *session;
  GtkWindow *window;

  g_settings_set_int (settings, "churn-days-gold", 45);
  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (window_is_open, NULL);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  session = rapport_window_get_session (RAPPORT_WINDOW (window));

  rules = rapport_session_dup_churn_rules (session);
  g_assert_cmpuint (rules->threshold_days[RAPPORT_TIER_PLATINUM], ==, 30);
  g_assert_cmpuint (rules->threshold_days[RAPPORT_TIER_GOLD], ==, 45);
  g_assert_cmpuint (rules->threshold_days[RAPPORT_TIER_IRON], ==, 90);
  g_assert_cmpuint (rules->threshold_days[RAPPORT_TIER_LEAD], ==, 180);
  g_assert_cmpfloat (rules->gap_multiple, ==, 2.0);
  g_clear_pointer (&rules, rapport_churn_rules_free);

  g_settings_set_int (settings, "churn-days-lead", 365);
  g_settings_set_double (settings, "churn-gap-multiple", 3.5);
  rules = rapport_session_dup_churn_rules (session);
  g_assert_cmpuint (rules->threshold_days[RAPPORT_TIER_LEAD], ==, 365);
  g_assert_cmpfloat (rules->gap_multiple, ==, 3.5);

  g_assert_cmpuint (rapport_reminders_get_catch_up_days (rapport_session_get_reminders (session)), ==, 7);
  g_settings_set_int (settings, "reminder-catch-up-days", 2);
  g_assert_cmpuint (rapport_reminders_get_catch_up_days (rapport_session_get_reminders (session)), ==, 2);

  g_settings_reset (settings, "churn-days-gold");
  g_settings_reset (settings, "churn-days-lead");
  g_settings_reset (settings, "churn-gap-multiple");
  g_settings_reset (settings, "reminder-catch-up-days");
  shell_test_destroy_window (window);
  shell_test_remove_dir (dir);
}

/* The tier rules follow the settings, both ways: a change of the settings
 * reaches the session, rules set on the session (Preferences) are written
 * to the settings, and settings that do not hold together leave the rules
 * in force. */
static void
test_tier_settings_reach_session (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  GSettings *settings = rapport_application_get_settings (app);
  g_autoptr (RapportTierRules) rules = NULL;
  g_autoptr (GError) error = NULL;
  RapportSession *session;
  GtkWindow *window;

  g_settings_set_int (settings, "tier-period-months", 6);
  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (window_is_open, NULL);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  session = rapport_window_get_session (RAPPORT_WINDOW (window));

  rules = rapport_session_dup_tier_rules (session);
  g_assert_cmpint (rules->basis, ==, RAPPORT_TIER_BASIS_SHARE);
  g_assert_cmpuint (rules->period_months, ==, 6);
  g_assert_cmpfloat (rules->share[1], ==, 4.0);
  g_clear_pointer (&rules, rapport_tier_rules_free);

  g_settings_set_string (settings, "tier-basis", "amount");
  g_settings_set_int64 (settings, "tier-amount-iron", 100);
  rules = rapport_session_dup_tier_rules (session);
  g_assert_cmpint (rules->basis, ==, RAPPORT_TIER_BASIS_AMOUNT);
  g_assert_cmpint (rules->amount[2], ==, 100);

  rules->share[0] = 2.5;
  rules->period_months = 24;
  g_assert_true (rapport_session_set_tier_rules (session, rules, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (g_settings_get_double (settings, "tier-share-platinum"), ==, 2.5);
  g_assert_cmpint (g_settings_get_int (settings, "tier-period-months"), ==, 24);
  {
    g_autofree char *basis = g_settings_get_string (settings, "tier-basis");

    g_assert_cmpstr (basis, ==, "amount");
  }
  g_clear_pointer (&rules, rapport_tier_rules_free);

  /* Shares of 60 + 30 + 15 do not hold together: the last rules that did
   * (60 + 4 + 15) stay. */
  g_settings_set_double (settings, "tier-share-platinum", 60.0);
  g_settings_set_double (settings, "tier-share-gold", 30.0);
  rules = rapport_session_dup_tier_rules (session);
  g_assert_cmpfloat (rules->share[0], ==, 60.0);
  g_assert_cmpfloat (rules->share[1], ==, 4.0);
  g_assert_cmpuint (rules->period_months, ==, 24);

  for (guint i = 0; i < 8; i++)
    {
      static const char * const keys[] = {
        "tier-basis", "tier-period-months", "tier-share-platinum", "tier-share-gold", "tier-share-iron",
        "tier-amount-platinum", "tier-amount-gold", "tier-amount-iron",
      };

      g_settings_reset (settings, keys[i]);
    }
  shell_test_destroy_window (window);
  shell_test_remove_dir (dir);
}

/* The file is opened on a worker: the window is there at once, says
 * "Opening…" if it takes a while, and offers no action on a book it does not
 * have yet. */
static void
test_opens_on_a_worker (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  GtkWindow *window;

  rapport_application_open_database (app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  g_assert_nonnull (window);
  g_assert_cmpstr (rapport_window_get_visible_view (RAPPORT_WINDOW (window)), ==, "opening");
  g_assert_null (rapport_window_get_database (RAPPORT_WINDOW (window)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL) &&
                  shell_test_find_toplevel (RAPPORT_TYPE_CUSTOMER_DIALOG, NULL) != NULL);

  shell_test_wait_for (window_is_open, NULL);
  g_assert_cmpstr (rapport_window_get_visible_view (RAPPORT_WINDOW (window)), ==, "welcome");

  shell_test_destroy_window (window);
  shell_test_remove_dir (dir);
}

static gboolean
import_dialog_shows_columns (gpointer data)
{
  GtkWindow *dialog = shell_test_find_toplevel (RAPPORT_TYPE_IMPORT_DIALOG, NULL);

  return dialog != NULL &&
         g_strcmp0 (rapport_import_dialog_get_step (RAPPORT_IMPORT_DIALOG (dialog)), "columns") == 0;
}

/* `rapport --database PATH --import FILE`: the book's window, with the
 * import of FILE started in it. */
static void
test_import_option (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autofree char *dir = shell_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "customers.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GApplicationCommandLine) command_line = NULL;
  g_auto (GVariantDict) options = G_VARIANT_DICT_INIT (NULL);
  const char *arguments[] = { "rapport", NULL };
  GtkWindow *window;
  GtkWindow *dialog;
  RapportImportJob *job;
  int status;

  g_file_set_contents (csv, "客户名称,手机\n速阳贸易,13800138000\n", -1, &error);
  g_assert_no_error (error);

  g_variant_dict_insert_value (&options, "database", g_variant_new_bytestring (path));
  g_variant_dict_insert_value (&options, "import", g_variant_new_bytestring (csv));
  command_line = g_object_new (G_TYPE_APPLICATION_COMMAND_LINE,
                               "arguments", g_variant_new_bytestring_array (arguments, -1),
                               "options", g_variant_dict_end (&options),
                               NULL);
  status = G_APPLICATION_GET_CLASS (app)->command_line (G_APPLICATION (app), command_line);
  g_assert_cmpint (status, ==, EXIT_SUCCESS);

  shell_test_wait_for (import_dialog_shows_columns, NULL);
  window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  g_assert_nonnull (window);
  g_assert_cmpstr (rapport_database_get_path (rapport_window_get_database (RAPPORT_WINDOW (window))), ==, path);
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_IMPORT_DIALOG, NULL);
  job = rapport_import_dialog_get_job (RAPPORT_IMPORT_DIALOG (dialog));
  g_assert_cmpstr (rapport_import_job_get_file_name (job), ==, "customers.csv");
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 1), ==, "mobile");

  gtk_window_destroy (dialog);
  shell_test_destroy_window (window);
  shell_test_remove_dir (dir);
}

static void
test_demo (void)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  RapportDatabase *db;
  GtkWindow *window;
  gint64 start = g_get_monotonic_time ();

  window = rapport_application_open_demo (app, &error);
  g_assert_no_error (error);
  g_assert_nonnull (window);
  g_test_message ("sample data window in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  g_assert_true (rapport_session_get_is_demo (rapport_window_get_session (RAPPORT_WINDOW (window))));
  g_assert_cmpstr (gtk_window_get_title (window), ==, _("Rapport — Sample Data"));
  g_assert_null (rapport_session_get_backup_manager (rapport_window_get_session (RAPPORT_WINDOW (window))));

  db = rapport_window_get_database (RAPPORT_WINDOW (window));
  path = g_strdup (rapport_database_get_path (db));
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (rapport_store_count_customers (db), ==, RAPPORT_DEMO_SIZE_SAMPLE.n_customers);
  shell_test_flush ();
  g_assert_cmpstr (rapport_window_get_visible_view (RAPPORT_WINDOW (window)), ==, "browse");

  /* Closing the window throws the file away. */
  shell_test_destroy_window (window);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
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

  g_test_add_func ("/ui/application/backup-dir", test_backup_dir);
  g_test_add_func ("/ui/application/import-option", test_import_option);
  g_test_add_func ("/ui/application/error/not-database", test_error_not_database);
  g_test_add_func ("/ui/application/error/too-new", test_error_too_new);
  g_test_add_func ("/ui/application/error/cant-open", test_error_cant_open);
  g_test_add_func ("/ui/application/error/read-only", test_error_read_only);
  g_test_add_func ("/ui/application/error/corrupt-offers-backups", test_error_corrupt_offers_backups);
  g_test_add_func ("/ui/application/open-failure-shows-dialog", test_open_failure_shows_dialog);
  g_test_add_func ("/ui/application/open-twice-presents", test_open_twice_presents);
  g_test_add_func ("/ui/application/restore-from-dialog", test_restore_from_dialog);
  g_test_add_func ("/ui/application/actions", test_actions);
  g_test_add_func ("/ui/application/run-in-background", test_run_in_background);
  g_test_add_func ("/ui/application/opens-on-a-worker", test_opens_on_a_worker);
  g_test_add_func ("/ui/application/reminders-open-windows", test_reminders_open_windows);
  g_test_add_func ("/ui/application/follow-up-settings-reach-session", test_follow_up_settings_reach_session);
  g_test_add_func ("/ui/application/tier-settings-reach-session", test_tier_settings_reach_session);
  g_test_add_func ("/ui/application/demo", test_demo);

  rc = g_test_run ();
  shell_test_remove_dir (data_home);

  return rc;
}
