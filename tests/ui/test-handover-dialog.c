/* test-handover-dialog.c
 *
 * "Hand Over Customers": the preview counts what each person gets as the
 * rule and the people change, a refusal is shown instead of a preview, and
 * Hand Over moves everything with a toast in the parent window; undo puts
 * it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-page.h"
#include "rapport-database-private.h"
#include "rapport-handover-dialog.h"
#include "rapport-handover-history-dialog.h"
#include "rapport-window.h"
#include "shell-test-utils.h"

typedef struct
{
  char            *dir;
  RapportDatabase *db;
  RapportSession  *session;
  GtkWindow       *window;
  GtkWidget       *page;
  gint64           acme;
  gint64           wang;
  gint64           li;
  gint64           zhao;
} Fixture;

static void
set_owner (Fixture *f,
           gint64   customer_id,
           gint64   owner_id)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("UPDATE customer SET owner_id = %" G_GINT64_FORMAT " WHERE id = %"
                                           G_GINT64_FORMAT, owner_id, customer_id);

  g_assert_true (_rapport_database_exec (f->db, text, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = shell_test_make_dir ();
  f->db = shell_test_open_database (f->dir);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
  f->wang = rapport_store_add_staff_member (f->db, "Wang", NULL, &error);
  f->li = rapport_store_add_staff_member (f->db, "Li Na", NULL, &error);
  f->zhao = rapport_store_add_staff_member (f->db, "Zhao", NULL, &error);
  g_assert_no_error (error);

  f->acme = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  set_owner (f, f->acme, f->wang);
  set_owner (f, shell_test_add_customer (f->db, "速阳建材有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL),
             f->wang);
  set_owner (f, shell_test_add_customer (f->db, "王丽", RAPPORT_STAGE_PROSPECT, RAPPORT_TIER_IRON, NULL),
             f->wang);
  shell_test_add_customer (f->db, "Bluebird Foods", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);

  /* The main window's toast overlay, over Acme's page. */
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (f->window, adw_toast_overlay_new ());
  f->page = rapport_customer_page_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (gtk_window_get_child (f->window)), f->page);
  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (f->page), f->session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (f->page), f->acme);
  gtk_window_set_default_size (f->window, 800, 900);
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
is_idle (gpointer data)
{
  return !rapport_handover_dialog_get_busy (data);
}

static gboolean
is_gone (gpointer data)
{
  return *(GtkWidget **) data == NULL;
}

static gboolean
window_shows (gpointer data)
{
  gpointer *args = data;

  return shows_text (args[0], args[1]);
}

static gint64
count_owned (Fixture *f,
             gint64   owner_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 n = -1;

  stmt = _rapport_database_prepare (f->db, "SELECT count(*) FROM customer WHERE owner_id = ?1", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, owner_id);
  g_assert_true (_rapport_database_step_int64 (f->db, stmt, "test", &n, &error));
  return n;
}

static void
test_preview_and_hand_over (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *dialog = rapport_handover_dialog_new (f->window, f->session, f->wang);
  GtkWidget *watched = dialog;
  gpointer toast_args[2] = { f->window, "Handed over 3 customers" };
  gpointer undo_args[2] = { f->window, "Handover undone" };
  gpointer log_args[2] = { f->window, "Handed over from Wang to Zhao, " };
  gpointer undone_log_args[2] = { f->window, "(undone)" };

  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_wait_for (is_idle, dialog);
  shell_test_flush ();

  /* All to the default user at first, then to Li Na. */
  g_assert_true (shows_text (dialog, "Me"));
  g_assert_true (shows_text (dialog, "3 customers"));
  rapport_handover_dialog_set_target (RAPPORT_HANDOVER_DIALOG (dialog), NULL, f->li);
  shell_test_wait_for (is_idle, dialog);
  shell_test_flush ();
  g_assert_true (shows_text (dialog, "Li Na"));
  g_assert_true (shows_text (dialog, "3 customers"));

  /* By tier: the gold one to Zhao, the rest to Li Na. */
  rapport_handover_dialog_set_rule (RAPPORT_HANDOVER_DIALOG (dialog), RAPPORT_HANDOVER_RULE_BY_TIER);
  shell_test_wait_for (is_idle, dialog);
  rapport_handover_dialog_set_target (RAPPORT_HANDOVER_DIALOG (dialog), "gold", f->zhao);
  shell_test_wait_for (is_idle, dialog);
  shell_test_flush ();
  g_assert_true (shows_text (dialog, "Gold"));
  g_assert_true (shows_text (dialog, "1 customer"));
  g_assert_true (shows_text (dialog, "2 customers"));
  g_assert_true (shows_text (dialog, "In Total"));

  /* A refusal instead of a preview, and nothing to confirm. */
  rapport_handover_dialog_set_target (RAPPORT_HANDOVER_DIALOG (dialog), NULL, f->wang);
  shell_test_wait_for (is_idle, dialog);
  shell_test_flush ();
  g_assert_true (shows_text (dialog, "Wang is the one handing over: choose someone else to take over"));
  g_assert_false (shows_text (dialog, "In Total"));
  g_assert_false (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Hand Over…")));

  rapport_handover_dialog_set_target (RAPPORT_HANDOVER_DIALOG (dialog), NULL, f->li);
  shell_test_wait_for (is_idle, dialog);
  g_assert_true (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Hand Over…")));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &watched);
  rapport_handover_dialog_hand_over (RAPPORT_HANDOVER_DIALOG (dialog));
  shell_test_wait_for (is_gone, &watched);
  shell_test_wait_for (window_shows, toast_args);

  g_assert_cmpint (count_owned (f, f->wang), ==, 0);
  g_assert_cmpint (count_owned (f, f->zhao), ==, 1);
  g_assert_cmpint (count_owned (f, f->li), ==, 2);
  /* Acme (gold) went to Zhao: its page says so. */
  shell_test_wait_for (window_shows, log_args);

  {
    g_autoptr (GPtrArray) handovers = rapport_store_list_handovers (f->db, NULL);

    g_assert_cmpuint (handovers->len, ==, 1);
    rapport_handover_undo (gtk_window_get_child (f->window), f->session,
                           ((RapportHandoverRecord *) g_ptr_array_index (handovers, 0))->id);
  }
  shell_test_wait_for (window_shows, undo_args);
  g_assert_cmpint (count_owned (f, f->wang), ==, 3);
  shell_test_wait_for (window_shows, undone_log_args);
  shell_test_flush ();
}

static void
test_nothing_to_hand_over (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *dialog = rapport_handover_dialog_new (f->window, f->session, f->zhao);

  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_wait_for (is_idle, dialog);
  shell_test_flush ();
  g_assert_true (shows_text (dialog, "Zhao has no customers or open work to hand over"));
  g_assert_false (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Hand Over…")));

  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_flush ();
  g_assert_finalize_object (dialog);
}

static gboolean
dialog_shows (gpointer data)
{
  gpointer *args = data;

  return shows_text (args[0], args[1]);
}

static void
test_history_undo (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (RapportHandoverPlan) plan = rapport_handover_plan_new (f->wang, RAPPORT_HANDOVER_RULE_ALL, f->li);
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;
  GtkWindow *confirm;
  gint64 id = 0;
  gpointer undone_args[2];

  g_assert_true (rapport_store_run_handover (f->db, plan, NULL, NULL, NULL, &id, NULL, &error));
  g_assert_no_error (error);

  dialog = rapport_handover_history_dialog_new (f->window, f->session);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_flush ();
  g_assert_true (shows_text (dialog, "From Wang"));
  g_assert_true (shows_text (dialog, "3 customers"));
  g_assert_nonnull (find_titled (dialog, GTK_TYPE_BUTTON, "Undo"));

  g_assert_true (gtk_widget_activate_action (dialog, "history.undo", "x", id));
  confirm = shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "undo");
  undone_args[0] = dialog;
  undone_args[1] = "Undone";
  shell_test_wait_for (dialog_shows, undone_args);
  g_assert_cmpint (count_owned (f, f->wang), ==, 3);
  g_assert_null (find_titled (dialog, GTK_TYPE_BUTTON, "Undo"));

  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_flush ();
  g_assert_finalize_object (dialog);
}

static gboolean
window_is_browsing (gpointer data)
{
  return g_strcmp0 (rapport_window_get_visible_view (data), "browse") == 0;
}

static gboolean
handover_dialog_is_idle (gpointer data)
{
  GtkWindow *dialog = shell_test_find_toplevel (RAPPORT_TYPE_HANDOVER_DIALOG, NULL);

  return dialog != NULL && !rapport_handover_dialog_get_busy (RAPPORT_HANDOVER_DIALOG (dialog));
}

/* The window's actions: win.handover opens the dialog on the person given
 * (as Preferences › Staff does), the toast's Undo is win.undo-handover. */
static void
test_window_actions (void)
{
  g_autofree char *dir = shell_test_make_dir ();
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  RapportDatabase *db = shell_test_open_database (dir);
  RapportSession *session = rapport_session_new_for_database (db, NULL, FALSE);
  g_autoptr (GPtrArray) handovers = NULL;
  g_autoptr (GError) error = NULL;
  RapportWindow *window;
  GtkWindow *dialog;
  gint64 wang, li, customer;
  gpointer toast_args[2];
  gpointer undone_args[2];

  wang = rapport_store_add_staff_member (db, "Wang", NULL, &error);
  li = rapport_store_add_staff_member (db, "Li Na", NULL, &error);
  g_assert_no_error (error);
  customer = shell_test_add_customer (db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  {
    g_autofree char *text = g_strdup_printf ("UPDATE customer SET owner_id = %" G_GINT64_FORMAT
                                             " WHERE id = %" G_GINT64_FORMAT, wang, customer);

    g_assert_true (_rapport_database_exec (db, text, &error));
    g_assert_no_error (error);
  }

  window = rapport_window_new (app, session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_wait_for (window_is_browsing, window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.handover", "x", wang));
  shell_test_wait_for (handover_dialog_is_idle, NULL);
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_HANDOVER_DIALOG, NULL);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Wang"));
  rapport_handover_dialog_set_target (RAPPORT_HANDOVER_DIALOG (dialog), NULL, li);
  shell_test_wait_for (handover_dialog_is_idle, NULL);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "1 customer"));
  rapport_handover_dialog_hand_over (RAPPORT_HANDOVER_DIALOG (dialog));
  toast_args[0] = window;
  toast_args[1] = "Handed over 1 customer";
  shell_test_wait_for (window_shows, toast_args);

  handovers = rapport_store_list_handovers (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (handovers->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-handover", "x",
                                             ((RapportHandoverRecord *) g_ptr_array_index (handovers, 0))->id));
  undone_args[0] = window;
  undone_args[1] = "Handover undone";
  shell_test_wait_for (window_shows, undone_args);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.handover-history", NULL));
  shell_test_flush ();
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_HANDOVER_HISTORY_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Undone"));
  gtk_window_destroy (dialog);

  shell_test_destroy_window (GTK_WINDOW (window));
  g_assert_finalize_object (session);
  g_assert_finalize_object (db);
  shell_test_remove_dir (dir);
}

/* Closing (or Cancel) while it runs stops it: nothing is written and the
 * dialog stays, with the plan. */
static void
test_close_while_running (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *dialog = rapport_handover_dialog_new (f->window, f->session, f->wang);

  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_wait_for (is_idle, dialog);
  rapport_handover_dialog_hand_over (RAPPORT_HANDOVER_DIALOG (dialog));
  g_assert_true (rapport_handover_dialog_get_busy (RAPPORT_HANDOVER_DIALOG (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));
  shell_test_wait_for (is_idle, dialog);
  shell_test_flush ();

  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpint (count_owned (f, f->wang), ==, 3);
  g_assert_false (shows_text (GTK_WIDGET (f->window), "Handed over"));
  g_assert_true (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Hand Over…")));

  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_flush ();
  g_assert_finalize_object (dialog);
}

static void
test_format_counts (void)
{
  RapportHandoverCounts counts = { 0, 120, 8, 3, 14 };
  g_autofree char *text = rapport_handover_format_counts (&counts);

  g_assert_cmpstr (text, ==, "120 customers, 8 opportunities, 3 requests, 14 follow-ups");
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/handover-dialog/format-counts", test_format_counts);
  g_test_add ("/ui/handover-dialog/preview-and-hand-over", Fixture, NULL, fixture_set_up,
              test_preview_and_hand_over, fixture_tear_down);
  g_test_add ("/ui/handover-dialog/nothing-to-hand-over", Fixture, NULL, fixture_set_up,
              test_nothing_to_hand_over, fixture_tear_down);

  g_test_add_func ("/ui/handover-dialog/window-actions", test_window_actions);
  g_test_add ("/ui/handover-dialog/close-while-running", Fixture, NULL, fixture_set_up,
              test_close_while_running, fixture_tear_down);
  g_test_add ("/ui/handover-dialog/history-undo", Fixture, NULL, fixture_set_up, test_history_undo,
              fixture_tear_down);

  return shell_test_run ();
}
