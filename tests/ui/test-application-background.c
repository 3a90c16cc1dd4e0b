/* test-application-background.c
 *
 * Background mode with the real program, as Start at Login runs it:
 * `rapport --background` opens the user's book with no window and stays; a
 * later launch shows the window (the process starting again as a normal
 * image); closing it takes the same process back to the window-less image;
 * Quit ends the process, background session included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-database.h"
#include "shell-test-utils.h"

#define APP_PATH "/io/github/rapportcrm/Rapport"

/* The program under test, given on the command line. */
static const char *rapport_binary;

typedef struct
{
  char            *dir;
  GSubprocessLauncher *launcher;
  GDBusConnection *bus;
} Fixture;

static gboolean
has_owner (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APPLICATION_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

static gboolean
name_is_owned (gpointer data)
{
  return has_owner (data);
}

/* How many windows the application exports actions for (GtkApplication
 * exports each window's under APP_PATH/window/ID). */
static guint
count_windows (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GDBusNodeInfo) node = NULL;
  const char *xml;
  guint n = 0;

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, APP_PATH "/window",
                                       "org.freedesktop.DBus.Introspectable", "Introspect", NULL,
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply == NULL)
    return 0;

  g_variant_get (reply, "(&s)", &xml);
  node = g_dbus_node_info_new_for_xml (xml, NULL);
  for (guint i = 0; node != NULL && node->nodes != NULL && node->nodes[i] != NULL; i++)
    n++;

  return n;
}

static gboolean
has_a_window (gpointer data)
{
  return count_windows (data) > 0;
}

static gboolean
has_no_window (gpointer data)
{
  return has_owner (data) && count_windows (data) == 0;
}

/* Whether @process runs the program with @option now: the image it
 * executes may have changed since it was spawned. */
static gboolean
runs_with_option (GSubprocess *process,
                  const char  *option)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/cmdline", g_subprocess_get_identifier (process));
  g_autofree char *cmdline = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &cmdline, &length, NULL))
    return FALSE;

  for (gsize i = 0; i < length; i += strlen (cmdline + i) + 1)
    if (g_strcmp0 (cmdline + i, option) == 0)
      return TRUE;

  return FALSE;
}

typedef struct
{
  GSubprocess     *process;
  GDBusConnection *bus;
} Image;

/* Back in the background: the same process, started again with
 * --background, owning the name, with no window. */
static gboolean
is_background_image (gpointer data)
{
  Image *image = data;

  return runs_with_option (image->process, "--background") && has_no_window (image->bus);
}

/* The X window of @process once it is mapped, or NULL. */
static char *
find_x_window (GSubprocess *process)
{
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) ids = NULL;
  int status = 0;

  command = g_strdup_printf ("xdotool search --pid %s --onlyvisible --name Rapport",
                             g_subprocess_get_identifier (process));
  if (!g_spawn_command_line_sync (command, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;

  ids = g_strsplit (g_strstrip (out), "\n", -1);
  if (ids[0] == NULL || ids[0][0] == '\0')
    return NULL;

  return g_strdup (ids[g_strv_length (ids) - 1]);
}

static gboolean
has_x_window (gpointer data)
{
  g_autofree char *id = find_x_window (data);

  return id != NULL;
}

/* Closes the window of @process as the user does, with Control+W. */
static void
close_window_of (GSubprocess *process)
{
  g_autofree char *id = NULL;
  g_autofree char *command = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  shell_test_wait_for (has_x_window, process);
  id = find_x_window (process);

  command = g_strdup_printf ("xdotool windowfocus --sync %s key --clearmodifiers ctrl+w", id);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
has_exited (gpointer data)
{
  return g_object_get_data (data, "exited") != NULL;
}

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_object_set_data (source, "exited", GINT_TO_POINTER (TRUE));
}

static GSubprocess *
launch (Fixture    *f,
        const char *option)
{
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_launcher_spawn (f->launcher, &error, rapport_binary, option, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, exited_cb, NULL);

  return process;
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms: what must not happen (the process quitting)
 * has that long to happen. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timed_out, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = NULL;
  g_autofree char *path = NULL;
  g_autofree char *book_dir = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GError) error = NULL;

  f->dir = shell_test_make_dir ();
  data_home = g_build_filename (f->dir, "data", NULL);
  config_home = g_build_filename (f->dir, "config", NULL);
  book_dir = g_build_filename (data_home, "rapport", NULL);
  path = g_build_filename (book_dir, "rapport.db", NULL);
  g_assert_cmpint (g_mkdir_with_parents (config_home, 0700), ==, 0);

  /* The user's book exists: Start at Login has something to open. */
  g_assert_cmpint (g_mkdir_with_parents (book_dir, 0700), ==, 0);
  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  f->launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (f->launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (f->launcher, "XDG_CONFIG_HOME", config_home, TRUE);

  f->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->bus);
  g_clear_object (&f->launcher);
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
test_background_then_window_then_quit (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr (GSubprocess) background = NULL;
  g_autoptr (GSubprocess) second = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  Image image;

  g_assert_false (has_owner (f->bus));

  /* Started at login: it stays, with no window. */
  background = launch (f, "--background");
  shell_test_wait_for (name_is_owned, f->bus);
  run_for (1500);
  g_assert_false (has_exited (background));
  g_assert_cmpuint (count_windows (f->bus), ==, 0);

  /* Launched by the user: the running one shows its window. */
  second = launch (f, NULL);
  shell_test_wait_for (has_exited, second);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
  shell_test_wait_for (has_a_window, f->bus);
  g_assert_false (has_exited (background));
  g_clear_object (&second);

  /* The window-less image started again as a normal one for the window:
   * the same process, without --background. */
  g_assert_false (runs_with_option (background, "--background"));

  /* The window closed: the same process goes on as the window-less image,
   * its name on the bus. */
  close_window_of (background);
  image.process = background;
  image.bus = f->bus;
  shell_test_wait_for (is_background_image, &image);
  run_for (1500);
  g_assert_false (has_exited (background));
  g_assert_true (is_background_image (&image));

  /* Launched again: a window again, in that process. */
  second = launch (f, NULL);
  shell_test_wait_for (has_exited, second);
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
  shell_test_wait_for (has_a_window, f->bus);
  g_assert_cmpuint (count_windows (f->bus), ==, 1);
  g_assert_false (has_exited (background));
  g_assert_false (runs_with_option (background, "--background"));

  /* Quit: the process ends, cleanly. */
  reply = g_dbus_connection_call_sync (f->bus, APPLICATION_ID, APP_PATH, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  shell_test_wait_for (has_exited, background);
  g_assert_true (g_subprocess_get_if_exited (background));
  g_assert_cmpint (g_subprocess_get_exit_status (background), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: %s PATH/TO/rapport\n", argv[0]);
      return 2;
    }
  rapport_binary = argv[1];

  g_test_add ("/ui/application/background/login-window-quit", Fixture, NULL, fixture_set_up,
              test_background_then_window_then_quit, fixture_tear_down);

  return g_test_run ();
}
