/* test-duplicates-page.c
 *
 * The Duplicates section on a real database: it lists a set of customers
 * sharing a phone number (and says when there is none), the merge dialog
 * keeps the oldest and offers the differing values, merging moves the
 * contact and trashes the other, and Undo puts everything back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-duplicates-page.h"
#include "rapport-merge-dialog.h"
#include "shell-test-utils.h"

typedef struct
{
  char                  *dir;
  RapportDatabase       *db;
  RapportSession        *session;
  GtkWindow             *window;
  RapportDuplicatesPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->dir = shell_test_make_dir ();
  f->db = shell_test_open_database (f->dir);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);

  /* A toast overlay, as in the main window, for "Merged" and its Undo. */
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 600, 700);
  f->page = RAPPORT_DUPLICATES_PAGE (rapport_duplicates_page_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = shell_test_find_toplevel (RAPPORT_TYPE_MERGE_DIALOG, NULL)) != NULL)
    gtk_window_destroy (dialog);
  shell_test_destroy_window (g_steal_pointer (&f->window));
  rapport_session_close (f->session);
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->db));
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gint64
add_customer (Fixture    *f,
              const char *name,
              const char *phone,
              const char *industry,
              const char *region)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  const char *phones[] = { phone, NULL };

  rapport_customer_set_name (customer, name);
  rapport_customer_set_phones (customer, phones);
  rapport_customer_set_industry (customer, industry);
  rapport_customer_set_region (customer, region);
  g_assert_true (rapport_store_insert_customer (f->db, customer, &error));
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}

static gint64
add_contact (Fixture    *f,
             gint64      customer_id,
             const char *name)
{
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (GError) error = NULL;

  rapport_contact_set_customer_id (contact, customer_id);
  rapport_contact_set_name (contact, name);
  g_assert_true (rapport_store_insert_contact (f->db, contact, &error));
  g_assert_no_error (error);
  return rapport_contact_get_id (contact);
}

static RapportCustomer *
get_customer (Fixture *f,
              gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportCustomer *customer = rapport_store_get_customer (f->db, id, &error);

  g_assert_no_error (error);
  return customer;
}

static guint
n_contacts (Fixture *f,
            gint64   customer_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) contacts = rapport_store_list_contacts (f->db, customer_id, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (contacts);
}

static gboolean
is_idle (gpointer data)
{
  Fixture *f = data;

  return !rapport_duplicates_page_get_busy (f->page);
}

static gboolean
shows_one_set (gpointer data)
{
  Fixture *f = data;

  return is_idle (f) && rapport_duplicates_page_get_n_sets (f->page) == 1;
}

static void
show_page (Fixture *f)
{
  rapport_duplicates_page_set_session (f->page, f->session);
  gtk_window_present (f->window);
  shell_test_flush ();
  shell_test_wait_for (is_idle, f);
}

static void
test_none (Fixture       *f,
           gconstpointer  data)
{
  add_customer (f, "Acme Trading", "+14155552671", NULL, NULL);
  add_customer (f, "速阳建材有限公司", "+8613800138000", NULL, NULL);

  show_page (f);
  g_assert_cmpuint (rapport_duplicates_page_get_n_sets (f->page), ==, 0);
  g_assert_true (shows_text (GTK_WIDGET (f->page), _("No Duplicates Found")));
}

static void
test_merge_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  gint64 oldest = add_customer (f, "速阳建材有限公司", "+8613800138000", "建材", NULL);
  gint64 other = add_customer (f, "速阳公司", "+8613800138000", "五金", "苏州");
  gint64 unrelated = add_customer (f, "Acme Trading", "+14155552671", NULL, NULL);
  g_autoptr (RapportCustomer) survivor = NULL;
  g_autoptr (RapportCustomer) trashed = NULL;
  g_autoptr (RapportCustomer) restored = NULL;
  g_autoptr (RapportCustomer) kept = NULL;
  g_auto (GStrv) choices = NULL;
  RapportMergeDialog *dialog;
  GArray *ids;
  gint64 merge_id;

  add_contact (f, other, "李四");
  (void) unrelated;

  show_page (f);
  g_assert_cmpuint (rapport_duplicates_page_get_n_sets (f->page), ==, 1);
  ids = rapport_duplicates_page_get_set_ids (f->page, 0);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, oldest);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, other);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (shows_text (GTK_WIDGET (f->page), _("Same phone number")));
  g_assert_true (shows_text (GTK_WIDGET (f->page), "速阳公司"));
  g_assert_false (shows_text (GTK_WIDGET (f->page), "Acme Trading"));

  /* The dialog keeps the oldest, offers the two industries and the two
   * names, fills the region, and counts the contact that moves. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "duplicates.merge", "u", 0));
  dialog = RAPPORT_MERGE_DIALOG (rapport_duplicates_page_get_merge_dialog (f->page));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (rapport_merge_dialog_get_survivor_index (dialog), ==, 0);
  choices = rapport_merge_dialog_list_choices (dialog);
  g_assert_cmpstrv (choices, ((const char *[]) { "name", "industry", NULL }));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "1 contact, 0 interactions, 0 orders"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "138 0013 8000"));
  rapport_merge_dialog_choose (dialog, "industry", 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.merge", NULL));
  shell_test_flush ();
  g_assert_null (rapport_duplicates_page_get_merge_dialog (f->page));
  shell_test_wait_for (is_idle, f);

  merge_id = rapport_duplicates_page_get_last_merge_id (f->page);
  g_assert_cmpint (merge_id, >, 0);
  g_assert_cmpuint (rapport_duplicates_page_get_n_sets (f->page), ==, 0);
  g_assert_true (shows_text (GTK_WIDGET (f->window), "Merged 2 customers"));

  survivor = get_customer (f, oldest);
  g_assert_cmpstr (rapport_customer_get_name (survivor), ==, "速阳建材有限公司");
  g_assert_cmpstr (rapport_customer_get_industry (survivor), ==, "五金");
  g_assert_cmpstr (rapport_customer_get_region (survivor), ==, "苏州");
  g_assert_cmpuint (n_contacts (f, oldest), ==, 1);
  trashed = get_customer (f, other);
  g_assert_cmpint (rapport_customer_get_deleted_at (trashed), !=, 0);

  /* The toast's Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "duplicates.undo-merge", "x", merge_id));
  shell_test_wait_for (shows_one_set, f);

  kept = get_customer (f, oldest);
  g_assert_cmpstr (rapport_customer_get_industry (kept), ==, "建材");
  g_assert_true (rapport_customer_get_region (kept) == NULL || rapport_customer_get_region (kept)[0] == '\0');
  g_assert_cmpuint (n_contacts (f, oldest), ==, 0);
  restored = get_customer (f, other);
  g_assert_cmpint (rapport_customer_get_deleted_at (restored), ==, 0);
  g_assert_cmpuint (n_contacts (f, other), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add ("/ui/duplicates/none", Fixture, NULL, fixture_set_up, test_none, fixture_tear_down);
  g_test_add ("/ui/duplicates/merge-and-undo", Fixture, NULL, fixture_set_up, test_merge_and_undo,
              fixture_tear_down);

  return shell_test_run ();
}
