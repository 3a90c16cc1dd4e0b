/* test-autostart.c
 *
 * Start at Login outside Flatpak: the XDG autostart entry is written with
 * --background and removed again, in a temporary $XDG_CONFIG_HOME.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rapport-autostart.h"
#include "test-utils.h"

static char *config_home;

static void
assert_entry_starts_in_background (const char *path)
{
  g_autoptr (GKeyFile) entry = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *exec = NULL;
  g_auto (GStrv) argv = NULL;
  g_autofree char *start_group = NULL;
  g_autofree char *type = NULL;

  g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  start_group = g_key_file_get_start_group (entry);
  g_assert_cmpstr (start_group, ==, G_KEY_FILE_DESKTOP_GROUP);
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_no_error (error);
  g_shell_parse_argv (exec, NULL, &argv, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (argv[0], ==, "rapport");
  g_assert_true (g_strv_contains ((const char * const *) argv, "--background"));
  g_assert_true (g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", &error));
  g_assert_no_error (error);
  type = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE, NULL);
  g_assert_cmpstr (type, ==, "Application");
}

static void
test_entry_path (void)
{
  g_autofree char *path = rapport_autostart_get_entry_path ();
  g_autofree char *expected = g_build_filename (config_home, "autostart", APPLICATION_ID ".desktop", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_write_and_remove (void)
{
  g_autofree char *path = rapport_autostart_get_entry_path ();
  g_autoptr (GError) error = NULL;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The folder does not exist yet: it is made. */
  g_assert_true (rapport_autostart_write_entry (TRUE, &error));
  g_assert_no_error (error);
  assert_entry_starts_in_background (path);

  /* Twice is the same as once. */
  g_assert_true (rapport_autostart_write_entry (TRUE, &error));
  g_assert_no_error (error);
  assert_entry_starts_in_background (path);

  g_assert_true (rapport_autostart_write_entry (FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Removing what is not there is not an error. */
  g_assert_true (rapport_autostart_write_entry (FALSE, &error));
  g_assert_no_error (error);
}

static void
requested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  if (rapport_autostart_request_finish (result, error))
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static gboolean
is_set (gpointer data)
{
  return *(GError **) data != NULL;
}

/* Outside Flatpak, the request writes the entry. */
static void
test_request (void)
{
  g_autofree char *path = rapport_autostart_get_entry_path ();
  g_autoptr (GError) error = NULL;

  if (rapport_autostart_in_flatpak ())
    {
      g_test_skip ("Inside Flatpak the portal answers");
      return;
    }

  rapport_autostart_request_async (TRUE, NULL, NULL, requested_cb, &error);
  test_wait_for (is_set, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  assert_entry_starts_in_background (path);
  g_clear_error (&error);

  rapport_autostart_request_async (FALSE, NULL, NULL, requested_cb, &error);
  test_wait_for (is_set, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A folder that cannot be written: the error says what failed, and the
 * request fails with it. */
static void
test_unwritable (void)
{
  g_autofree char *autostart = g_build_filename (config_home, "autostart", NULL);
  g_autoptr (GError) error = NULL;

  /* A file where the folder should be. */
  g_rmdir (autostart);
  g_assert_true (g_file_set_contents (autostart, "", 0, NULL));

  g_assert_false (rapport_autostart_write_entry (TRUE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "login"));
  g_clear_error (&error);

  if (!rapport_autostart_in_flatpak ())
    {
      rapport_autostart_request_async (TRUE, NULL, NULL, requested_cb, &error);
      test_wait_for (is_set, &error);
      g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS));
    }

  g_assert_cmpint (g_unlink (autostart), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  config_home = test_make_dir ("rapport-autostart");
  /* Before GLib caches it: nothing here may touch the user's own autostart. */
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/services/autostart/entry-path", test_entry_path);
  g_test_add_func ("/services/autostart/write-and-remove", test_write_and_remove);
  g_test_add_func ("/services/autostart/request", test_request);
  g_test_add_func ("/services/autostart/unwritable", test_unwritable);

  rc = g_test_run ();
  test_remove_tree (config_home);
  g_free (config_home);

  return rc;
}
