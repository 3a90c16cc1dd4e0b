/* test-trash.c
 *
 * The Trash page: lists what was deleted, restores an item, empties after a
 * confirmation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-trash-item.h"
#include "rapport-trash-page.h"
#include "shell-test-utils.h"

typedef struct
{
  char             *dir;
  RapportDatabase  *db;
  RapportSession   *session;
  GtkWindow        *window;
  RapportTrashPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = shell_test_make_dir ();
  f->db = shell_test_open_database (f->dir);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);

  /* A toast overlay, as in the main window, for the "Restored" toast. */
  f->window = GTK_WINDOW (gtk_window_new ());
  f->page = RAPPORT_TRASH_PAGE (rapport_trash_page_new ());
  {
    GtkWidget *overlay = adw_toast_overlay_new ();

    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
    gtk_window_set_child (f->window, overlay);
  }
  rapport_trash_page_set_session (f->page, f->session);
  gtk_window_present (f->window);
  shell_test_flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  shell_test_destroy_window (g_steal_pointer (&f->window));
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->db));
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
}

static guint
n_shown (Fixture *f)
{
  GListModel *items = rapport_trash_page_get_items (f->page);

  return items != NULL ? g_list_model_get_n_items (items) : 0;
}

static gboolean
has_one_item (gpointer data)
{
  return n_shown (data) == 1;
}

static gboolean
is_empty (gpointer data)
{
  return n_shown (data) == 0;
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  gint64 id = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  g_autoptr (RapportTrashItem) item = NULL;
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (n_shown (f), ==, 0);
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->page), is_label_with_text, (gpointer) _("Trash Is Empty")));

  rapport_store_trash_customer (f->db, id, &error);
  g_assert_no_error (error);
  shell_test_wait_for (has_one_item, f);

  item = g_list_model_get_item (rapport_trash_page_get_items (f->page), 0);
  g_assert_cmpint (rapport_trash_item_get_kind (item), ==, RAPPORT_ENTITY_KIND_CUSTOMER);
  g_assert_cmpint (rapport_trash_item_get_id (item), ==, id);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (f->page), is_label_with_text, (gpointer) "Acme Trading"));

  /* The row's Restore button activates this. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "trash.restore", "(ix)",
                                             (gint32) RAPPORT_ENTITY_KIND_CUSTOMER, id));
  shell_test_wait_for (is_empty, f);

  customer = rapport_store_get_customer (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_deleted_at (customer), ==, 0);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  gint64 id = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  g_autoptr (RapportCustomer) gone = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *dialog;

  rapport_store_trash_customer (f->db, id, &error);
  g_assert_no_error (error);
  shell_test_wait_for (has_one_item, f);

  /* Cancel keeps everything. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "trash.empty", NULL));
  dialog = shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "empty"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_close (dialog);
  shell_test_flush ();
  g_assert_cmpuint (n_shown (f), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "trash.empty", NULL));
  dialog = shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "empty");
  gtk_window_close (dialog);
  shell_test_wait_for (is_empty, f);

  gone = rapport_store_get_customer (f->db, id, &error);
  g_assert_null (gone);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add ("/ui/trash/restore", Fixture, NULL, fixture_set_up, test_restore, fixture_tear_down);
  g_test_add ("/ui/trash/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);

  return g_test_run ();
}
