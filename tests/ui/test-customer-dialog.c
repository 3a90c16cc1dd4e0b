/* test-customer-dialog.c
 *
 * The customer and contact dialogs driven as a user would: type into the
 * entries, press Save, look at what the dialog shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-contact-dialog.h"
#include "rapport-customer-dialog.h"
#include "rapport-field-list.h"
#include "rapport-store.h"

#include "shell-test-utils.h"

typedef struct
{
  gint64 saved_id;
  gint64 open_id;
  guint  n_saved;
  guint  n_open;
} Signals;

static void
saved_cb (GtkWidget *dialog,
          gint64     id,
          Signals   *signals)
{
  signals->saved_id = id;
  signals->n_saved++;
}

static void
open_existing_cb (GtkWidget *dialog,
                  gint64     id,
                  Signals   *signals)
{
  signals->open_id = id;
  signals->n_open++;
}

static GtkWidget *
new_customer_dialog (TestDb  *t,
                     Signals *signals)
{
  GtkWidget *dialog = rapport_customer_dialog_new (NULL, t->session, NULL);

  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), signals);
  g_signal_connect (dialog, "open-existing", G_CALLBACK (open_existing_cb), signals);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  return dialog;
}

static GtkWidget *
save_button (GtkWidget *dialog)
{
  GtkWidget *button = find_titled (dialog, GTK_TYPE_BUTTON, "Save");

  if (button == NULL)
    button = find_titled (dialog, GTK_TYPE_BUTTON, "Save Anyway");
  g_assert_nonnull (button);

  return button;
}

static void
type_phone (GtkWidget  *dialog,
            const char *text)
{
  GtkWidget *row = find_titled (dialog, ADW_TYPE_ENTRY_ROW, "Phone");

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gint64
insert_customer (TestDb     *t,
                 const char *name,
                 const char *phone)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  const char *phones[] = { phone, NULL };

  rapport_customer_set_name (customer, name);
  if (phone != NULL)
    rapport_customer_set_phones (customer, phones);
  rapport_store_insert_customer (t->db, customer, &error);
  g_assert_no_error (error);

  return rapport_customer_get_id (customer);
}

static void
test_create (void)
{
  TestDb t = { 0 };
  Signals signals = { 0 };
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;

  test_db_open (&t);
  dialog = new_customer_dialog (&t, &signals);

  /* Nothing typed yet: nothing to save, and no error shouted at the user. */
  g_assert_false (gtk_widget_is_sensitive (save_button (dialog)));
  g_assert_false (shows_text (dialog, "name"));

  type_into (dialog, "Name", "速阳有限公司");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Code"))), ==, "SY001");
  type_phone (dialog, "138 0013 8000");
  type_into (dialog, "Tags, separated by commas", "VIP, 建材");
  g_assert_true (gtk_widget_is_sensitive (save_button (dialog)));

  click (save_button (dialog));
  shell_test_spin ();

  g_assert_cmpuint (signals.n_saved, ==, 1);
  g_assert_cmpint (signals.saved_id, >, 0);
  customer = rapport_store_get_customer (t.db, signals.saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (customer), ==, "速阳有限公司");
  g_assert_cmpstr (rapport_customer_get_code (customer), ==, "SY001");
  g_assert_cmpstr (rapport_customer_get_phones (customer)[0], ==, "+8613800138000");
  g_assert_cmpstr (rapport_customer_get_tags (customer)[0], ==, "VIP");
  g_assert_cmpstr (rapport_customer_get_tags (customer)[1], ==, "建材");

  g_assert_finalize_object (dialog);
  test_db_close (&t);
}

static void
test_empty_name (void)
{
  TestDb t = { 0 };
  Signals signals = { 0 };
  GtkWidget *dialog, *name_row;

  test_db_open (&t);
  dialog = new_customer_dialog (&t, &signals);
  name_row = find_entry_row (dialog, "Name");

  gtk_editable_set_text (GTK_EDITABLE (name_row), "x");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "   ");
  shell_test_spin ();

  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_true (shows_text (dialog, "name"));
  g_assert_false (gtk_widget_is_sensitive (save_button (dialog)));

  /* Ctrl+Return on an invalid form saves nothing. */
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_spin ();
  g_assert_cmpuint (signals.n_saved, ==, 0);
  g_assert_cmpuint (rapport_store_count_customers (t.db), ==, 0);

  /* A 10,000-character name is refused too, with the user's text kept. */
  {
    g_autofree char *long_name = g_strnfill (10000, 'a');

    gtk_editable_set_text (GTK_EDITABLE (name_row), long_name);
    shell_test_spin ();
    g_assert_false (gtk_widget_is_sensitive (save_button (dialog)));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, long_name);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  test_db_close (&t);
}

static void
test_bad_phone_and_email (void)
{
  TestDb t = { 0 };
  Signals signals = { 0 };
  GtkWidget *dialog, *phone_row;

  test_db_open (&t);
  dialog = new_customer_dialog (&t, &signals);

  type_into (dialog, "Name", "Acme Trading");
  phone_row = find_entry_row (dialog, "Phone");
  gtk_widget_grab_focus (phone_row);
  type_phone (dialog, "call me");
  shell_test_spin ();

  /* Still typing: Save waits, the error waits until the user moves on. */
  g_assert_false (gtk_widget_is_sensitive (save_button (dialog)));
  g_assert_false (gtk_widget_has_css_class (phone_row, "error"));
  gtk_widget_grab_focus (find_entry_row (dialog, "E-mail"));
  shell_test_spin ();
  g_assert_true (gtk_widget_has_css_class (phone_row, "error"));

  type_phone (dialog, "+86 138 0013 8000");
  type_into (dialog, "E-mail", "anna.example.com");
  gtk_widget_grab_focus (find_entry_row (dialog, "Name"));
  shell_test_spin ();
  g_assert_false (gtk_widget_has_css_class (phone_row, "error"));
  g_assert_true (gtk_widget_has_css_class (find_entry_row (dialog, "E-mail"), "error"));
  g_assert_false (gtk_widget_is_sensitive (save_button (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  test_db_close (&t);
}

static void
test_duplicate_code (void)
{
  TestDb t = { 0 };
  Signals signals = { 0 };
  GtkWidget *dialog, *code_row;

  test_db_open (&t);
  insert_customer (&t, "速阳有限公司", NULL);
  dialog = new_customer_dialog (&t, &signals);

  type_into (dialog, "Name", "Acme Trading");
  code_row = find_entry_row (dialog, "Code");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (code_row)), ==, "AT001");
  gtk_editable_set_text (GTK_EDITABLE (code_row), "SY001");
  shell_test_spin ();

  g_assert_true (gtk_widget_has_css_class (code_row, "error"));
  g_assert_true (shows_text (dialog, "速阳有限公司"));
  g_assert_false (gtk_widget_is_sensitive (save_button (dialog)));

  /* Once edited by hand the code no longer follows the name. */
  type_into (dialog, "Name", "Acme Trading Ltd");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (code_row)), ==, "SY001");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  test_db_close (&t);
}

static void
test_duplicate_phone_open_existing (void)
{
  TestDb t = { 0 };
  Signals signals = { 0 };
  GtkWidget *dialog, *open;
  gint64 acme;

  test_db_open (&t);
  acme = insert_customer (&t, "Acme Trading", "+8613800138000");
  dialog = new_customer_dialog (&t, &signals);

  type_into (dialog, "Name", "Other Company");
  type_phone (dialog, "138-0013-8000");
  click (save_button (dialog));
  shell_test_spin ();

  /* Save stopped to show the match, and now offers to save anyway. */
  g_assert_cmpuint (signals.n_saved, ==, 0);
  g_assert_true (shows_text (dialog, "Possible Duplicates"));
  g_assert_true (shows_text (dialog, "Acme Trading"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (save_button (dialog))), ==, "Save _Anyway");

  open = find_titled (dialog, GTK_TYPE_BUTTON, "Open");
  g_assert_nonnull (open);
  click (open);
  shell_test_spin ();

  g_assert_cmpuint (signals.n_open, ==, 1);
  g_assert_cmpint (signals.open_id, ==, acme);
  g_assert_cmpuint (signals.n_saved, ==, 0);
  g_assert_cmpuint (rapport_store_count_customers (t.db), ==, 1);

  g_assert_finalize_object (dialog);
  test_db_close (&t);
}

static void
test_duplicate_save_anyway (void)
{
  TestDb t = { 0 };
  Signals signals = { 0 };
  GtkWidget *dialog;

  test_db_open (&t);
  insert_customer (&t, "Acme Trading", "+8613800138000");
  dialog = new_customer_dialog (&t, &signals);

  type_into (dialog, "Name", "Acme Trading");
  click (save_button (dialog));
  shell_test_spin ();
  g_assert_cmpuint (signals.n_saved, ==, 0);
  g_assert_true (shows_text (dialog, "Possible Duplicates"));

  click (save_button (dialog));
  shell_test_spin ();
  g_assert_cmpuint (signals.n_saved, ==, 1);
  g_assert_cmpuint (rapport_store_count_customers (t.db), ==, 2);

  g_assert_finalize_object (dialog);
  test_db_close (&t);
}

static void
test_edit (void)
{
  TestDb t = { 0 };
  Signals signals = { 0 };
  g_autoptr (RapportCustomer) before = NULL;
  g_autoptr (RapportCustomer) after = NULL;
  GtkWidget *dialog;
  gint64 id;

  test_db_open (&t);
  id = insert_customer (&t, "速阳有限公司", "+8613800138000");
  before = rapport_store_get_customer (t.db, id, NULL);

  dialog = rapport_customer_dialog_new (NULL, t.session, before);
  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), &signals);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  /* Editing keeps the code, whatever the name becomes; the phone shows as
   * a person writes it. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Code"))), ==, "SY001");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Phone"))), !=, "");
  type_into (dialog, "Name", "苏州速阳建材有限公司");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Code"))), ==, "SY001");

  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_spin ();
  g_assert_cmpuint (signals.n_saved, ==, 1);
  g_assert_cmpint (signals.saved_id, ==, id);
  after = rapport_store_get_customer (t.db, id, NULL);
  g_assert_cmpstr (rapport_customer_get_name (after), ==, "苏州速阳建材有限公司");
  g_assert_cmpstr (rapport_customer_get_phones (after)[0], ==, "+8613800138000");
  g_assert_cmpuint (rapport_store_count_customers (t.db), ==, 1);

  g_assert_finalize_object (dialog);
  test_db_close (&t);
}

static void
test_contact_duplicate (void)
{
  TestDb t = { 0 };
  Signals signals = { 0 };
  g_autoptr (RapportContact) existing = rapport_contact_new ();
  g_autoptr (GError) error = NULL;
  const char *phones[] = { "+8613900139000", NULL };
  GtkWidget *dialog;
  gint64 acme, other;

  test_db_open (&t);
  acme = insert_customer (&t, "Acme Trading", NULL);
  other = insert_customer (&t, "速阳有限公司", NULL);
  rapport_contact_set_customer_id (existing, acme);
  rapport_contact_set_name (existing, "Anna Berg");
  rapport_contact_set_phones (existing, phones);
  rapport_store_insert_contact (t.db, existing, &error);
  g_assert_no_error (error);

  dialog = rapport_contact_dialog_new (NULL, t.session, other, NULL);
  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), &signals);
  g_signal_connect (dialog, "open-existing", G_CALLBACK (open_existing_cb), &signals);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  type_into (dialog, "Name", "王芳");
  type_into (dialog, "Phone", "139 0013 9000");
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_spin ();

  g_assert_cmpuint (signals.n_saved, ==, 0);
  g_assert_true (shows_text (dialog, "Anna Berg"));

  /* Saving anyway stores the contact, as the primary one of a customer
   * that had none. */
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_spin ();
  g_assert_cmpuint (signals.n_saved, ==, 1);
  {
    g_autoptr (RapportContact) saved = rapport_store_get_contact (t.db, signals.saved_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (rapport_contact_get_name (saved), ==, "王芳");
    g_assert_cmpint (rapport_contact_get_customer_id (saved), ==, other);
    g_assert_true (rapport_contact_get_is_primary (saved));
  }

  g_assert_finalize_object (dialog);
  test_db_close (&t);
}

static void
test_store_error_keeps_input (void)
{
  TestDb t = { 0 };
  Signals signals = { 0 };
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  RapportDatabase *read_only;
  RapportSession *session;
  GtkWidget *dialog;

  test_db_open (&t);
  path = g_build_filename (t.dir, "rapport.db", NULL);
  read_only = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);

  session = rapport_session_new_for_database (read_only, NULL, FALSE);
  dialog = rapport_customer_dialog_new (NULL, session, NULL);
  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), &signals);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  type_into (dialog, "Name", "Acme Trading");
  click (save_button (dialog));
  shell_test_spin ();

  /* The store said no: the dialog stays, says why, and keeps the text. */
  g_assert_cmpuint (signals.n_saved, ==, 0);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Name"))), ==, "Acme Trading");
  {
    GtkWidget *banner = NULL;

    for (GtkWidget *w = gtk_widget_get_first_child (dialog); w != NULL && banner == NULL; w = gtk_widget_get_first_child (w))
      for (GtkWidget *c = w; c != NULL; c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_REVEALER (c))
          banner = c;
    g_assert_nonnull (banner);
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_revealer_get_child (GTK_REVEALER (banner)))), !=, "");
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  g_assert_finalize_object (session);
  g_assert_finalize_object (read_only);
  test_db_close (&t);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/customer-dialog/create", test_create);
  g_test_add_func ("/ui/customer-dialog/empty-name", test_empty_name);
  g_test_add_func ("/ui/customer-dialog/bad-phone-email", test_bad_phone_and_email);
  g_test_add_func ("/ui/customer-dialog/duplicate-code", test_duplicate_code);
  g_test_add_func ("/ui/customer-dialog/duplicate-phone-open-existing", test_duplicate_phone_open_existing);
  g_test_add_func ("/ui/customer-dialog/duplicate-save-anyway", test_duplicate_save_anyway);
  g_test_add_func ("/ui/customer-dialog/edit", test_edit);
  g_test_add_func ("/ui/customer-dialog/store-error-keeps-input", test_store_error_keeps_input);
  g_test_add_func ("/ui/contact-dialog/duplicate", test_contact_duplicate);

  return shell_test_run ();
}
