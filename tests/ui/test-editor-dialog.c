/* test-editor-dialog.c
 *
 * The shell the four editors share (RapportEditorDialog), driven through
 * each of them: the title, Save held back while the form is wrong, Cancel
 * and Escape that write nothing, and the banner with what the store refused,
 * which goes as soon as the user changes something.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-contact-dialog.h"
#include "rapport-customer-dialog.h"
#include "rapport-interaction-dialog.h"
#include "rapport-order-dialog.h"
#include "rapport-store.h"

#include "shell-test-utils.h"

typedef enum
{
  EDITOR_CUSTOMER,
  EDITOR_CONTACT,
  EDITOR_INTERACTION,
  EDITOR_ORDER,
} Editor;

typedef struct
{
  const char *title;
  const char *field;        /* the field that makes the form valid */
  const char *valid_text;
} EditorSpec;

static const EditorSpec specs[] = {
  [EDITOR_CUSTOMER] = { "New Customer", "Name", "速阳 <b>&</b> “Co”" },
  [EDITOR_CONTACT] = { "New Contact", "Name", "王经理" },
  [EDITOR_INTERACTION] = { "Log Interaction", "Summary", "Called about the samples" },
  [EDITOR_ORDER] = { "New Order", "Amount", "1,280.00" },
};

static GtkWidget *
open_editor (TestDb *t,
             Editor  editor,
             gint64  customer_id)
{
  GtkWidget *dialog = NULL;

  switch (editor)
    {
    case EDITOR_CUSTOMER:
      dialog = rapport_customer_dialog_new (NULL, t->session, NULL);
      break;
    case EDITOR_CONTACT:
      dialog = rapport_contact_dialog_new (NULL, t->session, customer_id, NULL);
      break;
    case EDITOR_INTERACTION:
      dialog = rapport_interaction_dialog_new (NULL, t->session, customer_id, NULL);
      break;
    case EDITOR_ORDER:
    default:
      dialog = rapport_order_dialog_new (NULL, t->session, customer_id, NULL);
      break;
    }

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  return dialog;
}

static void
count_saved_cb (GtkWidget *dialog,
                gint64     id,
                guint     *n_saved)
{
  (*n_saved)++;
}

static GtkWidget *
find_banner (GtkWidget *root)
{
  if (GTK_IS_REVEALER (root) && GTK_IS_LABEL (gtk_revealer_get_child (GTK_REVEALER (root))))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_banner (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_rows (RapportDatabase *db,
            Editor           editor,
            gint64           customer_id)
{
  g_autoptr (GListModel) list = NULL;

  switch (editor)
    {
    case EDITOR_CUSTOMER:
      return rapport_store_count_customers (db);
    case EDITOR_CONTACT:
      list = rapport_store_list_contacts (db, customer_id, NULL);
      break;
    case EDITOR_INTERACTION:
      list = rapport_store_list_interactions (db, customer_id, 0, NULL);
      break;
    case EDITOR_ORDER:
    default:
      list = rapport_store_list_orders (db, customer_id, NULL);
      break;
    }

  return list != NULL ? g_list_model_get_n_items (list) : 0;
}

static void
test_shell (gconstpointer data)
{
  Editor editor = GPOINTER_TO_INT (data);
  const EditorSpec *spec = &specs[editor];
  TestDb t = { 0 };
  GtkWidget *dialog, *save;
  guint n_saved = 0;
  guint before;
  gint64 customer_id;

  test_db_open (&t);
  customer_id = shell_test_add_customer (t.db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  before = count_rows (t.db, editor, customer_id);

  dialog = open_editor (&t, editor, customer_id);
  g_assert_true (RAPPORT_IS_EDITOR_DIALOG (dialog));
  g_signal_connect (dialog, "saved", G_CALLBACK (count_saved_cb), &n_saved);

  /* The title says what is edited, in the window and its header bar. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, spec->title);
  g_assert_true (shows_text (dialog, spec->title));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  /* Nothing typed yet: Save waits. */
  save = find_titled (dialog, GTK_TYPE_BUTTON, "Save");
  g_assert_nonnull (save);
  if (editor != EDITOR_ORDER)
    g_assert_false (gtk_widget_is_sensitive (save));

  type_into (dialog, spec->field, spec->valid_text);
  shell_test_spin ();
  g_assert_true (gtk_widget_is_sensitive (save));

  /* Escape is Cancel: the dialog goes and nothing is written. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  shell_test_flush ();
  g_assert_cmpuint (n_saved, ==, 0);
  g_assert_cmpuint (count_rows (t.db, editor, customer_id), ==, before);
  g_assert_nonnull (dialog);
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_finalize_object (dialog);

  test_db_close (&t);
}

static void
test_store_refusal (gconstpointer data)
{
  Editor editor = GPOINTER_TO_INT (data);
  const EditorSpec *spec = &specs[editor];
  TestDb t = { 0 };
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog, *banner;
  guint n_saved = 0;
  gint64 customer_id;

  test_db_open (&t);
  customer_id = shell_test_add_customer (t.db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  dialog = open_editor (&t, editor, customer_id);
  g_signal_connect (dialog, "saved", G_CALLBACK (count_saved_cb), &n_saved);
  type_into (dialog, spec->field, spec->valid_text);
  banner = find_banner (dialog);
  g_assert_nonnull (banner);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  /* The customer is deleted for good (in another window) while the user
   * types: the store refuses, the dialog stays with what was typed and says
   * why at the top. */
  g_assert_true (rapport_store_trash_customer (t.db, customer_id, &error));
  g_assert_true (rapport_store_empty_trash (t.db, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  shell_test_spin ();
  g_assert_cmpuint (n_saved, ==, 0);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_cmpstr (rapport_editor_dialog_get_banner (RAPPORT_EDITOR_DIALOG (dialog)), ==,
                   "The customer no longer exists");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, spec->field))), ==,
                   spec->valid_text);

  /* Changing the form is the answer: the banner goes. */
  type_into (dialog, spec->field, "2");
  shell_test_spin ();
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_null (rapport_editor_dialog_get_banner (RAPPORT_EDITOR_DIALOG (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_flush ();
  g_assert_finalize_object (dialog);
  test_db_close (&t);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_data_func ("/ui/editor-dialog/shell/customer", GINT_TO_POINTER (EDITOR_CUSTOMER), test_shell);
  g_test_add_data_func ("/ui/editor-dialog/shell/contact", GINT_TO_POINTER (EDITOR_CONTACT), test_shell);
  g_test_add_data_func ("/ui/editor-dialog/shell/interaction", GINT_TO_POINTER (EDITOR_INTERACTION), test_shell);
  g_test_add_data_func ("/ui/editor-dialog/shell/order", GINT_TO_POINTER (EDITOR_ORDER), test_shell);
  g_test_add_data_func ("/ui/editor-dialog/store-refusal/contact", GINT_TO_POINTER (EDITOR_CONTACT),
                        test_store_refusal);
  g_test_add_data_func ("/ui/editor-dialog/store-refusal/interaction", GINT_TO_POINTER (EDITOR_INTERACTION),
                        test_store_refusal);
  g_test_add_data_func ("/ui/editor-dialog/store-refusal/order", GINT_TO_POINTER (EDITOR_ORDER),
                        test_store_refusal);

  return shell_test_run ();
}
