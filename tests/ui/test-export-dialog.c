/* test-export-dialog.c
 *
 * "Export Customers": it offers all the book's customers or those the list
 * shows, writes the chosen format and encoding, and says so in a toast of
 * its parent window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-export-dialog.h"
#include "rapport-xlsx-reader.h"
#include "shell-test-utils.h"

typedef struct
{
  char            *dir;
  RapportDatabase *db;
  RapportSession  *session;
  GtkWindow       *window;
  gint64           ids[3];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = shell_test_make_dir ();
  f->db = shell_test_open_database (f->dir);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
  f->ids[0] = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  f->ids[1] = shell_test_add_customer (f->db, "速阳建材有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, "VIP");
  f->ids[2] = shell_test_add_customer (f->db, "王丽", RAPPORT_STAGE_PROSPECT, RAPPORT_TIER_LEAD, NULL);

  /* The main window's toast overlay. */
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (f->window, adw_toast_overlay_new ());
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  shell_test_destroy_window (g_steal_pointer (&f->window));
  rapport_session_close (f->session);
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->db));
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gboolean
is_gone (gpointer data)
{
  return *(GtkWidget **) data == NULL;
}

static void
run_dialog (Fixture   *f,
            GtkWidget *dialog,
            GFile     *file)
{
  GtkWidget *watched = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &watched);
  rapport_export_dialog_export_to (RAPPORT_EXPORT_DIALOG (dialog), file);
  g_assert_nonnull (rapport_export_dialog_get_export (RAPPORT_EXPORT_DIALOG (dialog)));
  shell_test_wait_for (is_gone, &watched);
  shell_test_flush ();
}

static void
test_shown_xlsx (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GArray) shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = g_build_filename (f->dir, "shown.xlsx", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;

  g_array_append_val (shown, f->ids[1]);
  dialog = rapport_export_dialog_new (f->window, f->session, shown);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_flush ();
  g_assert_true (shows_text (dialog, "All 3 customers"));
  g_assert_true (shows_text (dialog, "The 1 customer shown"));

  rapport_export_dialog_set_format (RAPPORT_EXPORT_DIALOG (dialog), RAPPORT_EXPORT_FORMAT_XLSX);
  g_assert_false (is_shown (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Encoding")));
  run_dialog (f, dialog, file);

  rows = rapport_xlsx_read (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 1))[1], ==, "速阳建材有限公司");
  g_assert_true (shows_text (GTK_WIDGET (f->window), "Exported 1 customer"));
}

static void
test_all_gbk (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "all.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *bytes = NULL;
  g_autofree char *name = NULL;
  gsize len, name_len;
  GtkWidget *dialog;

  /* Without a narrowed list there is nothing to choose: all of them. */
  dialog = rapport_export_dialog_new (f->window, f->session, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_flush ();
  g_assert_true (shows_text (dialog, "All 3 customers"));
  g_assert_false (shows_text (dialog, "shown"));
  g_assert_true (is_shown (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Encoding")));

  rapport_export_dialog_set_encoding (RAPPORT_EXPORT_DIALOG (dialog), RAPPORT_ENCODING_GB18030);
  run_dialog (f, dialog, file);

  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  name = g_convert ("速阳建材有限公司", -1, "GB18030", "UTF-8", NULL, &name_len, NULL);
  g_assert_nonnull (g_strstr_len (bytes, len, name));
  g_assert_nonnull (g_strstr_len (bytes, len, "Acme Trading"));
  g_assert_true (shows_text (GTK_WIDGET (f->window), "Exported 3 customers"));
}

static gboolean
is_exporting (gpointer data)
{
  RapportExport *export = rapport_export_dialog_get_export (data);

  return export != NULL && rapport_export_get_progress (export) > 0;
}

static gboolean
is_idle (gpointer data)
{
  return rapport_export_dialog_get_export (data) == NULL;
}

/* Cancel while it runs: back to the options, and no file. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "cancelled.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;

  rapport_store_begin_bulk_load (f->db);
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %04u", i);

      shell_test_add_customer (f->db, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
    }
  rapport_store_end_bulk_load (f->db, &error);
  g_assert_no_error (error);

  dialog = rapport_export_dialog_new (f->window, f->session, NULL);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  rapport_export_dialog_export_to (RAPPORT_EXPORT_DIALOG (dialog), file);
  shell_test_wait_for (is_exporting, dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "export.cancel", NULL));
  shell_test_wait_for (is_idle, dialog);

  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (shows_text (GTK_WIDGET (f->window), "Exported"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add ("/ui/export-dialog/shown-xlsx", Fixture, NULL, fixture_set_up, test_shown_xlsx, fixture_tear_down);
  g_test_add ("/ui/export-dialog/all-gbk", Fixture, NULL, fixture_set_up, test_all_gbk, fixture_tear_down);
  g_test_add ("/ui/export-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);

  return shell_test_run ();
}
