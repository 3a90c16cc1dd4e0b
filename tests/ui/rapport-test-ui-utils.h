/* rapport-test-ui-utils.h
 *
 * What the customer page's widget tests share: a database in a temporary
 * folder with a fixed clock, waiting for the main loop, and finding widgets the
 * way a user does, by what they show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>

#include "rapport-database.h"
#include "rapport-resources.h"
#include "rapport-session.h"

/* 2026-03-18 10:30 in Asia/Shanghai (the test environment's TZ). */
#define TEST_NOW ((gint64) 1773801000)

/* The resources live in a static library: naming them links them in, and
 * their constructor registers them. */
static inline void
test_ui_init (int    *argc,
              char ***argv)
{
  /* The widgets draw with cairo; probing GL loads Mesa's swrast driver, which
   * leaks a buffer and is unloaded before LeakSanitizer can name it. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  g_assert_nonnull (rapport_get_resource ());

  /* Tests running in parallel share one X server: text selected on focus
   * claims the PRIMARY selection, and the other processes' requests for it
   * leave X11 selection streams in flight when a test exits. */
  g_object_set (gtk_settings_get_default (), "gtk-entry-select-on-focus", FALSE, NULL);
}

/* Lets selection requests from other test processes finish before exit. */
static inline int
test_ui_run (void)
{
  int rc = g_test_run ();
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return rc;
}

typedef struct
{
  char            *dir;
  RapportDatabase *db;
  RapportSession  *session;  /* around db, as the application makes one */
  RapportClock    *clock;
} TestDb;

static inline void
test_db_open (TestDb *t)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backups = NULL;

  t->dir = g_dir_make_tmp ("rapport-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (t->dir, "rapport.db", NULL);
  backups = g_build_filename (t->dir, "backups", NULL);

  t->db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, backups, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t->db);

  t->clock = rapport_clock_new ();
  rapport_clock_set_fixed (t->clock, TEST_NOW);
  rapport_database_set_clock (t->db, t->clock);
  t->session = rapport_session_new_for_database (t->db, NULL, FALSE);
}

static inline void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline void
test_db_close (TestDb *t)
{
  g_assert_finalize_object (t->session);
  t->session = NULL;
  g_assert_finalize_object (t->db);
  t->db = NULL;
  g_clear_object (&t->clock);
  remove_tree (t->dir);
  g_clear_pointer (&t->dir, g_free);
}

static inline void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef gboolean (*TestCondition) (gpointer data);

/* Runs the main loop until @condition holds (or five seconds pass). */
static inline gboolean
wait_for (TestCondition condition,
          gpointer      data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

static inline gboolean
is_shown (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
      return FALSE;

  return TRUE;
}

static inline char *
strip_underline (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* Does any shown label, row title/subtitle or group description under @root
 * contain @text? */
static inline gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  const char *shown[3] = { NULL, NULL, NULL };

  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return FALSE;

  if (GTK_IS_LABEL (root))
    shown[0] = gtk_label_get_text (GTK_LABEL (root));
  if (ADW_IS_PREFERENCES_ROW (root))
    shown[0] = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
  if (ADW_IS_ACTION_ROW (root))
    shown[1] = adw_action_row_get_subtitle (ADW_ACTION_ROW (root));
  if (ADW_IS_PREFERENCES_GROUP (root))
    {
      shown[0] = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root));
      shown[1] = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (root));
    }
  if (ADW_IS_WINDOW_TITLE (root))
    shown[0] = adw_window_title_get_title (ADW_WINDOW_TITLE (root));

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    if (shown[i] != NULL && strstr (shown[i], text) != NULL)
      return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;

  return FALSE;
}

/* The first widget of @type under @root whose title or label (without
 * mnemonic underlines) is @title. */
static inline GtkWidget *
find_titled (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *text = NULL;
      g_autofree char *plain = NULL;

      if (ADW_IS_PREFERENCES_ROW (root))
        text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      else if (GTK_IS_BUTTON (root))
        text = gtk_button_get_label (GTK_BUTTON (root));
      else if (GTK_IS_LABEL (root))
        text = gtk_label_get_text (GTK_LABEL (root));

      plain = strip_underline (text);
      if (g_strcmp0 (plain, title) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_titled (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static inline GtkWidget *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  GtkWidget *row = find_titled (root, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static inline void
type_into (GtkWidget  *root,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (root, title)), text);
}

/* A click: GtkButton's keyboard activation waits for an animation first. */
static inline void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Enter in a text field (@text is the focused GtkText of an entry row). */
static inline void
press_enter (GtkWidget *text)
{
  g_assert_true (GTK_IS_TEXT (text));
  g_signal_emit_by_name (text, "activate");
}

/* The toplevel of @type that is showing, or NULL. */
static inline GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WIDGET (window);
    }

  return NULL;
}
