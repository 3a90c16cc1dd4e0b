/* test-utils.h
 *
 * What every layer's tests share, in plain GLib: a scratch folder, removed
 * with everything in it, and running the main loop until something holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A new folder under $TMPDIR, named after @prefix. */
static inline char *
test_make_dir (const char *prefix)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @path and, for a folder, everything in it (made writable first:
 * tests turn folders read-only). */
static inline void
test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr (GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

typedef gboolean (*TestCondition) (gpointer data);

static inline gboolean
test_tick_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the default main loop until @condition holds; fails the test after
 * ten seconds. A short timer keeps the loop from blocking when nothing else
 * happens. */
static inline void
test_wait_for (TestCondition condition,
               gpointer      data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      gboolean ticked = FALSE;
      guint id = g_timeout_add (10, test_tick_cb, &ticked);

      while (!ticked && !condition (data))
        g_main_context_iteration (NULL, TRUE);
      if (!ticked)
        g_source_remove (id);

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}
