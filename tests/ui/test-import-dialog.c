/* test-import-dialog.c
 *
 * The import assistant on real files and a real database, driven as a user
 * would through the main window: a file dropped or chosen, a column's field
 * changed (the preview follows), a text file's encoding changed (a refusal
 * keeps the previous one), a problem skipped, unskipped and fixed, a
 * duplicate's decision and a conflicting field's replacement, the import,
 * its Undo toast, the history and its Undo; and what is refused: a file of
 * another kind, a damaged one, a book of sample data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-import-dialog.h"
#include "rapport-import-history-dialog.h"
#include "rapport-import-mapping.h"
#include "rapport-import-store.h"
#include "rapport-window.h"
#include "shell-test-utils.h"

#define CUSTOMERS_CSV \
  "客户名称,手机,邮箱,备注\r\n" \
  "速阳贸易,13800138000,sales@suyang.example,老客户\r\n" \
  "李四,1380013,lisi@example.com,\r\n" \
  "王五,13900139000,,新备注\r\n"

typedef struct
{
  char               *dir;
  RapportApplication *app;
  RapportDatabase    *db;
  RapportSession     *session;
  RapportWindow      *window;
  gint64              existing_id;   /* 王五, already in the book */
} Fixture;

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  const char *phones[] = { "+8613900139000", NULL };

  f->dir = shell_test_make_dir ();
  f->app = shell_test_new_application ();
  f->db = shell_test_open_database (f->dir);
  f->session = rapport_session_new_for_database (f->db, NULL, data != NULL);

  rapport_customer_set_name (customer, "王五");
  rapport_customer_set_phones (customer, phones);
  rapport_customer_set_notes (customer, "旧备注");
  rapport_store_insert_customer (f->db, customer, &error);
  g_assert_no_error (error);
  f->existing_id = rapport_customer_get_id (customer);

  f->window = rapport_window_new (f->app, f->session);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  shell_test_flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = shell_test_find_toplevel (ADW_TYPE_WINDOW, NULL)) != NULL)
    shell_test_destroy_window (dialog);
  shell_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->db));
  g_clear_object (&f->app);
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Helpers */

static GtkWidget *
find_dialog (void)
{
  return GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_IMPORT_DIALOG, NULL));
}

typedef struct
{
  GtkWidget  *dialog;
  const char *step;
} StepWait;

static gboolean
step_is (gpointer data)
{
  StepWait *wait = data;

  return g_strcmp0 (rapport_import_dialog_get_step (RAPPORT_IMPORT_DIALOG (wait->dialog)), wait->step) == 0;
}

static void
wait_for_step (GtkWidget  *dialog,
               const char *step)
{
  StepWait wait = { dialog, step };

  shell_test_wait_for (step_is, &wait);
  shell_test_spin ();
}

/* Opens the assistant on @name through the window, as Import Customers… does. */
static GtkWidget *
open_dialog (Fixture    *f,
             const char *name,
             const char *contents,
             gssize      length)
{
  g_autoptr (GFile) file = write_file (f, name, contents, length);
  GtkWidget *dialog;

  g_assert_true (rapport_window_import_file (f->window, file));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));

  return dialog;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* The preview's grid (the only one in the dialog). */
static GtkWidget *
find_preview (GtkWidget *dialog)
{
  GtkWidget *grid = shell_test_find_widget (dialog, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_GRID));

  g_assert_nonnull (grid);
  return grid;
}

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  GtkWidget *row = find_titled (root, type, title);

  g_assert_nonnull (row);
  return row;
}

static GtkSwitch *
find_switch (GtkWidget  *root,
             const char *title)
{
  GtkWidget *row = find_row (root, ADW_TYPE_ACTION_ROW, title);
  GtkWidget *toggle = shell_test_find_widget (row, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));

  g_assert_nonnull (toggle);
  return GTK_SWITCH (toggle);
}

static GtkWidget *
next_button (GtkWidget *dialog)
{
  GtkWidget *button = find_titled (dialog, GTK_TYPE_BUTTON, _("Next"));

  if (button == NULL)
    button = find_titled (dialog, GTK_TYPE_BUTTON, _("Import"));
  g_assert_nonnull (button);
  return button;
}

static guint
position_of_field (const char *field)
{
  const char * const *fields = rapport_import_fields ();

  for (guint i = 0; fields[i] != NULL; i++)
    if (g_strcmp0 (fields[i], field) == 0)
      return i + 1;    /* after "Don't Import" */

  g_assert_not_reached ();
}

static RapportImportProblem *
first_problem (GtkWidget *dialog)
{
  GListModel *problems = rapport_import_job_get_problems (rapport_import_dialog_get_job (RAPPORT_IMPORT_DIALOG (dialog)));

  g_assert_cmpuint (g_list_model_get_n_items (problems), >, 0);
  return g_list_model_get_item (problems, 0);
}

static gboolean
dialog_is_gone (gpointer data)
{
  return find_dialog () == NULL;
}

typedef struct
{
  Fixture    *f;
  const char *text;
} TextWait;

static gboolean
window_shows (gpointer data)
{
  TextWait *wait = data;

  return shows_text (GTK_WIDGET (wait->f->window), wait->text);
}

/* Waits for the window to show @text (a toast). */
static void
wait_for_toast (Fixture    *f,
                const char *text)
{
  TextWait wait = { f, text };

  shell_test_wait_for (window_shows, &wait);
}

/* The columns step */

static void
test_mapping_and_preview (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, "customers.csv", CUSTOMERS_CSV, -1);
  RapportImportJob *job;
  GtkWidget *notes_row, *name_row, *invalid;
  g_autofree char *problem_label = NULL;

  wait_for_step (dialog, "columns");
  job = rapport_import_dialog_get_job (RAPPORT_IMPORT_DIALOG (dialog));
  g_assert_nonnull (job);

  /* The format, and each column matched from its header. */
  g_assert_true (shows_text (dialog, rapport_import_format_get_label (RAPPORT_IMPORT_FORMAT_CSV)));
  notes_row = find_row (dialog, ADW_TYPE_COMBO_ROW, "备注");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (notes_row)), ==, position_of_field ("notes"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (dialog, ADW_TYPE_COMBO_ROW, "手机"))),
                    ==, position_of_field ("mobile"));

  /* The preview shows the rows as they will be stored, under their fields. */
  g_assert_true (shows_text (find_preview (dialog), rapport_import_field_get_label ("notes")));
  g_assert_true (shows_text (find_preview (dialog), "新备注"));

  /* Not imported: the column leaves the preview; mapped again: it is back. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (notes_row), 0);
  shell_test_spin ();
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 3), ==, "");
  g_assert_false (shows_text (find_preview (dialog), "新备注"));
  g_assert_false (shows_text (find_preview (dialog), rapport_import_field_get_label ("notes")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (notes_row), position_of_field ("notes"));
  shell_test_spin ();
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 3), ==, "notes");
  g_assert_true (shows_text (find_preview (dialog), "新备注"));

  /* A cell that fails its rule is marked, its reason in the tooltip. */
  invalid = find_titled (find_preview (dialog), GTK_TYPE_LABEL, _("Invalid"));
  g_assert_nonnull (invalid);
  g_assert_true (gtk_widget_has_css_class (invalid, "error"));
  problem_label = g_strdup (gtk_widget_get_tooltip_text (invalid));
  g_assert_nonnull (problem_label);
  g_assert_cmpstr (problem_label, !=, "");

  /* Without a column for the name, nothing can be made of the rows: Next is
   * off and the reason shown. A field moved to another column leaves its own. */
  name_row = find_row (dialog, ADW_TYPE_COMBO_ROW, "客户名称");
  g_assert_true (gtk_widget_is_sensitive (next_button (dialog)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (name_row), 0);
  shell_test_spin ();
  g_assert_false (gtk_widget_is_sensitive (next_button (dialog)));
  {
    g_autofree char *reason = NULL;

    g_assert_false (rapport_import_job_mapping_is_usable (job, &reason));
    g_assert_true (shows_text (dialog, reason));
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (notes_row), position_of_field ("customer-name"));
  shell_test_spin ();
  g_assert_true (gtk_widget_is_sensitive (next_button (dialog)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (name_row), position_of_field ("customer-name"));
  shell_test_spin ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (notes_row)), ==, 0);
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 0), ==, "customer-name");
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 3), ==, "");

  gtk_window_close (GTK_WINDOW (dialog));
  shell_test_wait_for (dialog_is_gone, NULL);
}

static void
test_encoding_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gsize length = 0;
  g_autofree char *gbk = g_convert (CUSTOMERS_CSV, -1, "GB18030", "UTF-8", NULL, &length, &error);
  GtkWidget *dialog, *encoding_row;
  GtkRevealer *banner;

  g_assert_no_error (error);
  dialog = open_dialog (f, "gbk.csv", gbk, length);
  wait_for_step (dialog, "columns");

  /* Detected as GB18030 and shown decoded. */
  g_assert_cmpint (rapport_import_job_get_encoding (rapport_import_dialog_get_job (RAPPORT_IMPORT_DIALOG (dialog))),
                   ==, RAPPORT_ENCODING_GB18030);
  g_assert_nonnull (find_titled (dialog, ADW_TYPE_COMBO_ROW, "客户名称"));

  /* Read as UTF-8 it cannot be: the refusal shows, the choice goes back. */
  encoding_row = find_row (dialog, ADW_TYPE_COMBO_ROW, _("Encoding"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (encoding_row)), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (encoding_row), 0);
  banner = GTK_REVEALER (shell_test_find_widget (dialog, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_REVEALER)));
  while (!gtk_revealer_get_reveal_child (banner))
    shell_test_flush ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (dialog, ADW_TYPE_COMBO_ROW, _("Encoding")))),
                    ==, 1);
  g_assert_cmpint (rapport_import_job_get_encoding (rapport_import_dialog_get_job (RAPPORT_IMPORT_DIALOG (dialog))),
                   ==, RAPPORT_ENCODING_GB18030);
  g_assert_nonnull (find_titled (dialog, ADW_TYPE_COMBO_ROW, "客户名称"));

  gtk_window_close (GTK_WINDOW (dialog));
  shell_test_wait_for (dialog_is_gone, NULL);
}

/* The whole import */

static void
test_problems_duplicates_import_undo (Fixture       *f,
                                      gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, "customers.csv", CUSTOMERS_CSV, -1);
  g_autoptr (RapportImportProblem) problem = NULL;
  g_autoptr (RapportImportDuplicate) duplicate = NULL;
  g_autoptr (RapportCustomer) restored = NULL;
  g_autoptr (GListModel) runs = NULL;
  g_autofree char *problem_title = NULL;
  g_autofree char *replace_title = NULL;
  RapportImportJob *job;
  GtkWidget *entry, *decision_row;
  GtkSwitch *skip;
  GListModel *duplicates;

  wait_for_step (dialog, "columns");
  job = g_object_ref (rapport_import_dialog_get_job (RAPPORT_IMPORT_DIALOG (dialog)));
  click (next_button (dialog));
  wait_for_step (dialog, "problems");

  /* The phone of 李四 (line 3) is too short. */
  g_assert_true (shows_text (dialog, "1 problem in 1 row"));
  problem_title = g_strdup_printf ("Row 3 · %s", rapport_import_field_get_label ("mobile"));
  g_assert_nonnull (find_titled (dialog, ADW_TYPE_EXPANDER_ROW, problem_title));
  problem = first_problem (dialog);
  g_assert_false (gtk_widget_is_sensitive (next_button (dialog)));

  /* Skipped, then not: resolved, then blocking again. */
  skip = find_switch (dialog, _("Skip This Row"));
  gtk_switch_set_active (skip, TRUE);
  shell_test_spin ();
  g_assert_cmpint (rapport_import_problem_get_action (problem), ==, RAPPORT_IMPORT_ACTION_SKIP_ROW);
  g_assert_true (gtk_widget_is_sensitive (next_button (dialog)));
  gtk_switch_set_active (skip, FALSE);
  shell_test_spin ();
  g_assert_cmpint (rapport_import_problem_get_action (problem), ==, RAPPORT_IMPORT_ACTION_NONE);
  g_assert_false (gtk_widget_is_sensitive (next_button (dialog)));

  /* A correction that still fails says so next to it; a good one fixes the cell. */
  entry = find_row (dialog, ADW_TYPE_ENTRY_ROW, _("Correct Value"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "not a phone");
  g_signal_emit_by_name (entry, "entry-activated");
  shell_test_spin ();
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpint (rapport_import_problem_get_action (problem), ==, RAPPORT_IMPORT_ACTION_NONE);
  gtk_editable_set_text (GTK_EDITABLE (entry), "13800138001");
  g_signal_emit_by_name (entry, "entry-activated");
  shell_test_spin ();
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpint (rapport_import_problem_get_action (problem), ==, RAPPORT_IMPORT_ACTION_FIXED);
  g_assert_true (shows_text (dialog, "All resolved"));
  click (next_button (dialog));
  wait_for_step (dialog, "duplicates");

  /* 王五 is in the book already: merge by default; skipped; then all merged. */
  duplicates = rapport_import_job_get_duplicates (job);
  g_assert_cmpuint (g_list_model_get_n_items (duplicates), ==, 1);
  duplicate = g_list_model_get_item (duplicates, 0);
  g_assert_cmpint (rapport_import_duplicate_get_existing_id (duplicate), ==, f->existing_id);
  decision_row = find_row (dialog, ADW_TYPE_COMBO_ROW, "王五");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (decision_row)), ==, RAPPORT_IMPORT_DECISION_MERGE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (decision_row), RAPPORT_IMPORT_DECISION_SKIP);
  shell_test_spin ();
  g_assert_cmpint (rapport_import_duplicate_get_decision (duplicate), ==, RAPPORT_IMPORT_DECISION_SKIP);
  g_assert_true (gtk_widget_activate_action (dialog, "import.decide-all", "u", (guint32) RAPPORT_IMPORT_DECISION_MERGE));
  shell_test_spin ();
  g_assert_cmpint (rapport_import_duplicate_get_decision (duplicate), ==, RAPPORT_IMPORT_DECISION_MERGE);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (decision_row)), ==, RAPPORT_IMPORT_DECISION_MERGE);

  /* The stored notes differ: kept unless replaced, and replaced here. */
  replace_title = g_strdup_printf ("Replace %s", rapport_import_field_get_label ("notes"));
  gtk_switch_set_active (find_switch (dialog, replace_title), TRUE);
  shell_test_spin ();
  g_assert_true (rapport_import_duplicate_get_overwrite (duplicate, "notes"));
  click (next_button (dialog));
  wait_for_step (dialog, "summary");
  g_assert_true (shows_text (dialog, "2 new customers, 1 merged"));

  /* Imported: the dialog closes, the window offers Undo Import. */
  click (next_button (dialog));
  shell_test_wait_for (dialog_is_gone, NULL);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 3);
  wait_for_toast (f, "Imported 3 customers");
  runs = rapport_store_list_imports (f->db, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);

  click (find_row (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, _("Undo Import")));
  wait_for_toast (f, _("Import undone"));
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 1);
  restored = rapport_store_get_customer (f->db, f->existing_id, NULL);
  g_assert_cmpstr (rapport_customer_get_notes (restored), ==, "旧备注");

  g_object_unref (job);
}

/* Skip All, then the history's Undo */

static gboolean
history_shows_undone (gpointer data)
{
  return shows_text (data, _("Undone"));
}

static void
test_skip_all_and_history (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, "customers.csv", CUSTOMERS_CSV, -1);
  g_autoptr (RapportImportProblem) problem = NULL;
  GtkWidget *history, *confirm;

  wait_for_step (dialog, "columns");
  click (next_button (dialog));
  wait_for_step (dialog, "problems");
  problem = first_problem (dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "import.skip-all-rows", NULL));
  shell_test_spin ();
  g_assert_cmpint (rapport_import_problem_get_action (problem), ==, RAPPORT_IMPORT_ACTION_SKIP_ROW);
  g_assert_true (gtk_switch_get_active (find_switch (dialog, _("Skip This Row"))));

  /* Back to the problems and on again: the choices stay. */
  click (next_button (dialog));
  wait_for_step (dialog, "duplicates");
  g_assert_true (gtk_widget_activate_action (dialog, "import.back", NULL));
  wait_for_step (dialog, "problems");
  g_assert_true (gtk_switch_get_active (find_switch (dialog, _("Skip This Row"))));
  click (next_button (dialog));
  wait_for_step (dialog, "duplicates");
  click (next_button (dialog));
  wait_for_step (dialog, "summary");
  g_assert_true (shows_text (dialog, "1 new customer, 1 merged, 1 row skipped"));
  click (next_button (dialog));
  shell_test_wait_for (dialog_is_gone, NULL);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 2);

  /* The history lists it, with Undo after a confirmation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-history", NULL));
  history = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_IMPORT_HISTORY_DIALOG, NULL));
  g_assert_nonnull (history);
  g_assert_true (shows_text (history, "customers.csv"));
  g_assert_true (shows_text (history, "1 new customer, 1 merged, 1 row skipped"));
  click (find_row (history, GTK_TYPE_BUTTON, _("Undo")));
  confirm = GTK_WIDGET (shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "undo");
  shell_test_wait_for (history_shows_undone, history);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 1);
  g_assert_null (find_titled (history, GTK_TYPE_BUTTON, _("Undo")));
}

/* Cancelled while importing: the dialog says what happened. Cancel races
 * with the worker's commit: either nothing is written and the dialog says so,
 * or the import went through and the window offers its Undo, never a
 * "Nothing Was Imported" over imported customers. */
static gboolean
cancel_settled (gpointer data)
{
  GtkWidget *dialog = find_dialog ();

  return dialog == NULL ||
         g_strcmp0 (rapport_import_dialog_get_step (RAPPORT_IMPORT_DIALOG (dialog)), "cancelled") == 0;
}

static void
test_cancel_import (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, "customers.csv", CUSTOMERS_CSV, -1);
  g_autoptr (GListModel) runs = NULL;

  wait_for_step (dialog, "columns");
  click (next_button (dialog));
  wait_for_step (dialog, "problems");
  g_assert_true (gtk_widget_activate_action (dialog, "import.drop-all-fields", NULL));
  click (next_button (dialog));
  wait_for_step (dialog, "duplicates");
  click (next_button (dialog));
  wait_for_step (dialog, "summary");

  click (next_button (dialog));
  g_assert_cmpstr (rapport_import_dialog_get_step (RAPPORT_IMPORT_DIALOG (dialog)), ==, "importing");
  g_assert_true (gtk_widget_activate_action (dialog, "import.cancel", NULL));
  shell_test_wait_for (cancel_settled, NULL);
  runs = rapport_store_list_imports (f->db, NULL);

  if (find_dialog () != NULL)
    {
      g_test_message ("cancelled before the commit");
      g_assert_true (shows_text (dialog, _("Nothing Was Imported")));
      g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 1);
      g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 0);
    }
  else
    {
      g_test_message ("the commit came first");
      g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 3);
      g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
      wait_for_toast (f, "Imported 3 customers");
    }
}

/* Closed while every row is checked: the check stops, and the dialog goes
 * once its worker has let go of it. */
static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_close_while_checking (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, "customers.csv", CUSTOMERS_CSV, -1);

  wait_for_step (dialog, "columns");
  click (next_button (dialog));
  g_assert_cmpstr (rapport_import_dialog_get_step (RAPPORT_IMPORT_DIALOG (dialog)), ==, "checking");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  shell_test_wait_for (pointer_is_null, &dialog);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 1);
}

/* Files dropped, and what is refused */

static GtkDropTarget *
find_drop_target (GtkWidget *root)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (root);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropTarget *found = find_drop_target (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
drop (GtkDropTarget *target,
      const GValue  *value)
{
  gboolean accepted = FALSE;

  g_signal_emit_by_name (target, "drop", value, 10.0, 10.0, &accepted);
  shell_test_spin ();

  return accepted;
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (f->window));
  g_autoptr (GFile) pdf = write_file (f, "notes.pdf", "%PDF-1.4", -1);
  g_autoptr (GFile) csv = write_file (f, "customers.csv", CUSTOMERS_CSV, -1);
  g_autoptr (GFile) damaged = write_file (f, "damaged.xlsx", "not a zip at all", -1);
  g_auto (GValue) value = G_VALUE_INIT;
  GSList *files = NULL;
  GtkWidget *dialog;

  g_assert_nonnull (target);

  /* Not a file Rapport reads: a toast says so, nothing opens. */
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, pdf);
  g_assert_false (drop (target, &value));
  g_assert_null (find_dialog ());
  wait_for_toast (f, "“notes.pdf” cannot be imported");

  /* A CSV file, as the file manager drops it: the assistant reads it. */
  g_value_unset (&value);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  files = g_slist_append (files, csv);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  g_assert_true (drop (target, &value));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  wait_for_step (dialog, "columns");
  shell_test_destroy_window (GTK_WINDOW (dialog));

  /* A damaged workbook: the reason, and another file can be chosen. */
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, damaged);
  g_assert_true (drop (target, &value));
  dialog = find_dialog ();
  wait_for_step (dialog, "error");
  g_assert_nonnull (find_titled (dialog, GTK_TYPE_BUTTON, _("Choose Another File…")));
  g_assert_null (rapport_import_dialog_get_job (RAPPORT_IMPORT_DIALOG (dialog)));
  shell_test_destroy_window (GTK_WINDOW (dialog));
}

static void
test_sample_data_refused (Fixture       *f,
                          gconstpointer  data)
{
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (f->window));
  g_autoptr (GFile) csv = write_file (f, "customers.csv", CUSTOMERS_CSV, -1);
  g_auto (GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, csv);
  g_assert_false (drop (target, &value));
  g_assert_null (find_dialog ());
  wait_for_toast (f, "Sample data cannot take an import");
  g_assert_false (rapport_window_import_file (f->window, csv));
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add ("/import-dialog/mapping-and-preview", Fixture, NULL,
              fixture_set_up, test_mapping_and_preview, fixture_tear_down);
  g_test_add ("/import-dialog/encoding-refused", Fixture, NULL,
              fixture_set_up, test_encoding_refused, fixture_tear_down);
  g_test_add ("/import-dialog/problems-duplicates-import-undo", Fixture, NULL,
              fixture_set_up, test_problems_duplicates_import_undo, fixture_tear_down);
  g_test_add ("/import-dialog/skip-all-and-history", Fixture, NULL,
              fixture_set_up, test_skip_all_and_history, fixture_tear_down);
  g_test_add ("/import-dialog/close-while-checking", Fixture, NULL,
              fixture_set_up, test_close_while_checking, fixture_tear_down);
  g_test_add ("/import-dialog/cancel-import", Fixture, NULL,
              fixture_set_up, test_cancel_import, fixture_tear_down);
  g_test_add ("/import-dialog/drop", Fixture, NULL,
              fixture_set_up, test_drop, fixture_tear_down);
  g_test_add ("/import-dialog/sample-data-refused", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_sample_data_refused, fixture_tear_down);

  return shell_test_run ();
}
