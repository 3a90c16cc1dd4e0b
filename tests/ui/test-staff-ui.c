/* test-staff-ui.c
 *
 * The staff in the interface: the owner / assignee row of the editors, the
 * owner filter of the lists, and Preferences › Staff.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-staff-filter.h"
#include "rapport-staff-row.h"
#include "rapport-store.h"

#include "shell-test-utils.h"

static gint64
add_staff (TestDb     *t,
           const char *name)
{
  g_autoptr (GError) error = NULL;
  gint64 id = rapport_store_add_staff_member (t->db, name, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
set_left (TestDb   *t,
          gint64    id,
          gboolean  left)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rapport_store_set_staff_left (t->db, id, left, &error));
  g_assert_no_error (error);
  rapport_change_bus_flush (rapport_database_get_change_bus (t->db));
}

/* The labels of a list of GtkStringObject, joined with "|". */
static char *
labels_of (GListModel *model)
{
  g_autoptr (GString) labels = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (labels, '|');
      g_string_append (labels, gtk_string_object_get_string (item));
    }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static char *
row_labels (GtkWidget *row)
{
  return labels_of (adw_combo_row_get_model (ADW_COMBO_ROW (row)));
}

static const char *
row_shown (GtkWidget *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_owner_row (void)
{
  TestDb t = { 0, };
  GtkWidget *row;
  g_autofree char *labels = NULL;
  gint64 li, wang, zhao;
  guint notified = 0;

  test_db_open (&t);
  li = add_staff (&t, "李娜");
  wang = add_staff (&t, "王伟");
  zhao = add_staff (&t, "赵敏");
  set_left (&t, zhao, TRUE);

  row = g_object_ref_sink (rapport_staff_row_new (t.db, RAPPORT_STAFF_PICK_OWNER));
  g_signal_connect (row, "notify::user-id", G_CALLBACK (notify_cb), &notified);

  /* Me first and chosen; nobody who left is offered. */
  labels = row_labels (row);
  g_assert_cmpstr (labels, ==, "Me|李娜|王伟");
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, 0);
  g_assert_cmpstr (row_shown (row), ==, "Me");

  /* The user picks 王伟. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, wang);
  g_assert_cmpuint (notified, ==, 1);

  /* The default user's real id is "Me", which reads 0 (owner_id NULL). */
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), rapport_store_get_default_user_id (t.db, NULL));
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, 0);
  g_assert_cmpstr (row_shown (row), ==, "Me");

  /* A customer owned by someone who left shows them, marked, and keeps them
   * until another is chosen. */
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), zhao);
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, zhao);
  g_assert_cmpstr (row_shown (row), ==, "赵敏 (left)");
  g_clear_pointer (&labels, g_free);
  labels = row_labels (row);
  g_assert_cmpstr (labels, ==, "Me|李娜|王伟|赵敏 (left)");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, li);

  /* Staff changes arrive by the change bus; the choice stays. */
  add_staff (&t, "Anna");
  rapport_change_bus_flush (rapport_database_get_change_bus (t.db));
  g_clear_pointer (&labels, g_free);
  labels = row_labels (row);
  g_assert_cmpstr (labels, ==, "Me|Anna|李娜|王伟|赵敏 (left)");
  g_assert_cmpstr (row_shown (row), ==, "李娜");
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, li);

  /* The chosen one leaves meanwhile: still shown, marked. */
  set_left (&t, li, TRUE);
  g_assert_cmpstr (row_shown (row), ==, "李娜 (left)");
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, li);

  /* An unknown id falls back to Me. */
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), 4242);
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, 0);
  g_assert_cmpstr (row_shown (row), ==, "Me");

  g_assert_finalize_object (row);
  test_db_close (&t);
}

static void
test_assignee_row (void)
{
  TestDb t = { 0, };
  GtkWidget *row;
  g_autofree char *labels = NULL;
  gint64 me;
  gint64 li;

  test_db_open (&t);
  li = add_staff (&t, "李娜");
  me = rapport_store_get_default_user_id (t.db, NULL);

  row = g_object_ref_sink (rapport_staff_row_new (t.db, RAPPORT_STAFF_PICK_ASSIGNEE));
  g_assert_cmpint (rapport_staff_row_get_mode (RAPPORT_STAFF_ROW (row)), ==, RAPPORT_STAFF_PICK_ASSIGNEE);

  /* A service request starts unassigned; the default user is named by id. */
  labels = row_labels (row);
  g_assert_cmpstr (labels, ==, "Unassigned|Me|李娜");
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (row)), ==, me);
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), li);
  g_assert_cmpstr (row_shown (row), ==, "李娜");

  g_assert_finalize_object (row);
  test_db_close (&t);
}

static void
test_filter (void)
{
  TestDb t = { 0, };
  GtkWidget *filter;
  GtkWidget *drop_down;
  g_autofree char *labels = NULL;
  gint64 li, zhao;
  guint notified = 0;

  test_db_open (&t);
  li = add_staff (&t, "李娜");
  zhao = add_staff (&t, "赵敏");
  set_left (&t, zhao, TRUE);

  filter = g_object_ref_sink (rapport_staff_filter_new (t.db, RAPPORT_STAFF_PICK_OWNER));
  g_signal_connect (filter, "notify::user-id", G_CALLBACK (notify_cb), &notified);
  drop_down = gtk_widget_get_first_child (filter);
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));

  /* Everyone first; those who left too, since what they still own is what
   * one looks for before a handover. */
  labels = labels_of (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down)));
  g_assert_cmpstr (labels, ==, "Everyone|Me|李娜|赵敏 (left)");
  g_assert_cmpint (rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (filter)), ==, RAPPORT_STAFF_FILTER_EVERYONE);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 3);
  g_assert_cmpint (rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (filter)), ==, zhao);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 1);
  g_assert_cmpint (rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (filter)), ==, 0);
  g_assert_cmpuint (notified, ==, 2);

  rapport_staff_filter_set_user_id (RAPPORT_STAFF_FILTER (filter), li);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, 2);
  g_assert_cmpuint (notified, ==, 3);

  /* A rename arrives by the change bus; the choice stays. */
  g_assert_true (rapport_store_rename_staff_member (t.db, li, "李娜娜", NULL));
  rapport_change_bus_flush (rapport_database_get_change_bus (t.db));
  g_clear_pointer (&labels, g_free);
  labels = labels_of (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down)));
  g_assert_cmpstr (labels, ==, "Everyone|Me|李娜娜|赵敏 (left)");
  g_assert_cmpint (rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (filter)), ==, li);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, 2);
  g_assert_cmpuint (notified, ==, 3);

  g_assert_finalize_object (filter);

  /* In ASSIGNEE mode: Everyone, Unassigned, then the staff. */
  filter = g_object_ref_sink (rapport_staff_filter_new (t.db, RAPPORT_STAFF_PICK_ASSIGNEE));
  g_clear_pointer (&labels, g_free);
  labels = labels_of (gtk_drop_down_get_model (GTK_DROP_DOWN (gtk_widget_get_first_child (filter))));
  g_assert_cmpstr (labels, ==, "Everyone|Unassigned|Me|李娜娜|赵敏 (left)");
  g_assert_finalize_object (filter);

  test_db_close (&t);
}

int
main (int    argc,
      char **argv)
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/staff/owner-row", test_owner_row);
  g_test_add_func ("/ui/staff/assignee-row", test_assignee_row);
  g_test_add_func ("/ui/staff/filter", test_filter);

  return shell_test_run ();
}
