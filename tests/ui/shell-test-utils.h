/* shell-test-utils.h
 *
 * What the widget tests share: GTK set up for a test, waiting for the main
 * loop, a database (and session) in a temporary folder, and finding widgets
 * the way a user does, by what they show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>

#include "rapport-application.h"
#include "rapport-database.h"
#include "rapport-resources.h"
#include "rapport-session.h"
#include "rapport-store.h"
#include "test-utils.h"

/* 2026-03-18 10:30 in Asia/Shanghai (the test environment's TZ). */
#define TEST_NOW ((gint64) 1773801000)

/* GTK and libadwaita for a widget test. The resources live in a static
 * library: naming them links them in (their constructor registers them). */
#ifdef __SANITIZE_ADDRESS__
/* From libasan (the sanitizer interface headers are not always installed). */
int    __sanitizer_get_ownership      (const volatile void *p);
size_t __sanitizer_get_allocated_size (const volatile void *p);
void   __lsan_ignore_object           (const void *p);

/* GLib keeps its quark strings in blocks of 2048 and drops the first block,
 * allocated while it loads, when a program makes its 2049th quark (gquark.c:
 * "This leaks the old quarks array"). LeakSanitizer cannot name that stack
 * (GLib has no frame pointers), so the block is found while GLib still
 * points to it, in GLib's writable data (and the bss after it), and ignored. */
static inline void
shell_test_ignore_glib_quark_block (void)
{
  g_autofree char *maps = NULL;
  g_auto (GStrv) lines = NULL;
  const char *first = g_quark_to_string (1);
  guint64 glib_data_end = 0;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return;

  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 start, end;
      char perms[5] = "";
      gboolean is_glib = strstr (lines[i], "/libglib-2.0.so") != NULL;

      if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s", &start, &end, perms) != 3 ||
          g_strcmp0 (perms, "rw-p") != 0)
        continue;
      /* GLib's data, or the anonymous mapping right after it (its bss). */
      if (!is_glib && !(start == glib_data_end && strchr (lines[i], '/') == NULL))
        continue;
      glib_data_end = is_glib ? end : 0;

      for (void * const *word = (void * const *) (gsize) start; (guint64) (gsize) word < end; word++)
        if (__sanitizer_get_ownership (*word) &&
            __sanitizer_get_allocated_size (*word) == 2048 * sizeof (char *) &&
            ((const char * const *) *word)[1] == first)
          {
            __lsan_ignore_object (*word);
            return;
          }
    }
}
#endif

static inline void
shell_test_init (int    *argc,
                 char ***argv)
{
#ifdef __SANITIZE_ADDRESS__
  shell_test_ignore_glib_quark_block ();
#endif

  /* The cairo renderer needs no GL; without this GTK's X11 backend still
   * loads Mesa through libEGL, which leaks a buffer from a module unloaded
   * before LeakSanitizer's report, where no suppression can name it. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  g_assert_nonnull (rapport_get_resource ());

  /* Leaflet and stack transitions finish at once: what a test checks right
   * after a navigation is the end state. Tests running in parallel share one
   * X server: text selected on focus would claim the PRIMARY selection, and
   * the other processes' requests for it would leave X11 selection streams
   * in flight when a test exits. */
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-entry-select-on-focus", FALSE,
                NULL);
}

/* g_test_run (), then lets selection requests from other test processes
 * finish before exit. */
static inline int
shell_test_run (void)
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

/* Runs what is pending now, without waiting. */
static inline void
shell_test_spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @condition holds (or fails the test). */
#define shell_test_wait_for test_wait_for

/* Lets idles and pending redraws run. */
static inline void
shell_test_flush (void)
{
  gboolean ticked = FALSE;

  g_timeout_add (50, test_tick_cb, &ticked);
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
      /* A closed window ends its session, unless a test asks for background mode. */
      g_settings_set_boolean (rapport_application_get_settings (app), "run-in-background", FALSE);
    }

  return g_object_ref (app);
}

static inline char *
shell_test_make_dir (void)
{
  return test_make_dir ("rapport-shell");
}

static inline void
shell_test_remove_dir (const char *dir)
{
  test_remove_tree (dir);
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

  t->dir = shell_test_make_dir ();
  path = g_build_filename (t->dir, "rapport.db", NULL);
  backups = g_build_filename (t->dir, "backups", NULL);

  t->db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, backups, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t->db);

  t->clock = rapport_clock_new ();
  rapport_clock_set_fixed (t->clock, TEST_NOW);
  rapport_database_set_clock (t->db, t->clock);
  t->session = rapport_session_new_for_database (t->db, NULL, FALSE);
  /* Widget tests look at messages as the store holds them: no sending thread
   * takes the queued ones meanwhile (tests/services test the outbox). */
  if (rapport_session_get_outbox (t->session) != NULL)
    rapport_outbox_stop (rapport_session_get_outbox (t->session));
}

static inline void
test_db_close (TestDb *t)
{
  g_assert_finalize_object (t->session);
  t->session = NULL;
  g_assert_finalize_object (t->db);
  t->db = NULL;
  g_clear_object (&t->clock);
  shell_test_remove_dir (t->dir);
  g_clear_pointer (&t->dir, g_free);
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
