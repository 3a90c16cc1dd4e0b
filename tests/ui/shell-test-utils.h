/* shell-test-utils.h
 *
 * Helpers shared by the window, list, trash, preferences and application tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>

#include "rapport-application.h"
#include "rapport-database.h"
#include "rapport-resources.h"
#include "rapport-store.h"

/* GTK and libadwaita for a widget test. The resources live in a static
 * library: naming them links them in (their constructor registers them). */
static inline void
shell_test_init (int    *argc,
                 char ***argv)
{
  /* The cairo renderer needs no GL; without this GTK's X11 backend still
   * loads Mesa through libEGL, which leaks a buffer from a module unloaded
   * before LeakSanitizer's report, where no suppression can name it. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  g_assert_nonnull (rapport_get_resource ());

  /* Leaflet and stack transitions finish at once: what a test checks right
   * after a navigation is the end state. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

typedef gboolean (*ShellTestCondition) (gpointer data);

static inline gboolean
shell_test_tick_cb (gpointer data)
{
  gboolean *ticked = data;

  *ticked = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds (or fails the test after 5 s);
 * a short timer keeps the loop from blocking when nothing else happens. */
static inline void
shell_test_wait_for (ShellTestCondition condition,
                     gpointer           data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      gboolean ticked = FALSE;
      guint id = g_timeout_add (10, shell_test_tick_cb, &ticked);

      while (!ticked && !condition (data))
        g_main_context_iteration (NULL, TRUE);
      if (!ticked)
        g_source_remove (id);

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

/* Lets idles and pending redraws run. */
static inline void
shell_test_flush (void)
{
  gboolean ticked = FALSE;

  g_timeout_add (50, shell_test_tick_cb, &ticked);
  while (!ticked)
    g_main_context_iteration (NULL, TRUE);
}

/* One registered application per test program (a second one could not export
 * itself on the bus); returns a new reference. */
static inline RapportApplication *
shell_test_new_application (void)
{
  static RapportApplication *app;

  if (app == NULL)
    {
      g_autoptr (GError) error = NULL;

      app = rapport_application_new ();
      /* Tests run in parallel on one session bus. */
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }

  return g_object_ref (app);
}

static inline char *
shell_test_make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("rapport-shell-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
shell_test_remove_dir (const char *dir)
{
  g_autoptr (GFile) file = g_file_new_for_path (dir);
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        shell_test_remove_dir (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }

  g_rmdir (dir);
}

static inline RapportDatabase *
shell_test_open_database (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  RapportDatabase *db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static inline gint64
shell_test_add_customer (RapportDatabase *db,
                         const char      *name,
                         RapportStage     stage,
                         RapportTier      tier,
                         const char      *tag)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  const char *tags[] = { tag, NULL };

  rapport_customer_set_name (customer, name);
  rapport_customer_set_stage (customer, stage);
  rapport_customer_set_tier (customer, tier);
  if (tag != NULL)
    rapport_customer_set_tags (customer, tags);
  rapport_store_insert_customer (db, customer, &error);
  g_assert_no_error (error);

  return rapport_customer_get_id (customer);
}

/* Depth-first search of @root's widget tree. */
static inline GtkWidget *
shell_test_find_widget (GtkWidget *root,
                        gboolean (*match) (GtkWidget *widget, gpointer data),
                        gpointer   data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shell_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A toplevel of @type other than @except, or NULL. */
static inline GtkWindow *
shell_test_find_toplevel (GType      type,
                          GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != except && G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Destroys @window and proves nothing else keeps it alive. */
static inline void
shell_test_destroy_window (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  shell_test_flush ();
  g_assert_finalize_object (window);
}
