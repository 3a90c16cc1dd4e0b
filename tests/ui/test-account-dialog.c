/* test-account-dialog.c
 *
 * Preferences › Accounts and the account dialog, driven as a user does,
 * against a real gnome-keyring on a private bus (run-with-keyring) and the
 * loopback SMTP peer: the password goes to the keyring and nowhere in the
 * database file; the form says it is stored without showing it; removing
 * the password or the account clears it; "none" security warns; Send Test
 * shows the server's answer, or why it failed. /account-dialog/no-keyring
 * runs alone on a bus without a Secret Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "rapport-account-dialog.h"
#include "rapport-accounts-page.h"
#include "rapport-form-helpers.h"
#include "rapport-secrets.h"
#include "services/peer-test-utils.h"
#include "shell-test-utils.h"

#define PASSWORD "Pa55-in-the-keyring-only"
#define USER "sales@example.com"

typedef struct
{
  TestDb t;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  test_db_open (&f->t);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  shell_test_flush ();
  test_db_close (&f->t);
}

/* Finding things as a user does */

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   data)
{
  g_autofree char *title = NULL;

  if (!ADW_IS_PREFERENCES_ROW (widget))
    return FALSE;
  title = strip_underline (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));

  return g_str_has_prefix (title, data);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = shell_test_find_widget (root, is_row_titled, (gpointer) title);

  g_assert_nonnull (row);
  return row;
}

static void
set_text (GtkWidget  *root,
          const char *title,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (root, title)), text);
}

static void
choose (GtkWidget  *root,
        const char *title,
        const char *label)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (root, title));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_assert_not_reached ();
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ShowsText;

static gboolean
shows_text_cb (gpointer data)
{
  ShowsText *check = data;

  return shows_text (check->root, check->text);
}

static void
wait_for_text (GtkWidget  *root,
               const char *text)
{
  ShowsText check = { root, text };

  shell_test_wait_for (shows_text_cb, &check);
}

static gboolean
is_gone_cb (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Saves, and waits for the dialog to close (at once, or once the keyring
 * has the secret). */
static void
save_and_wait (GtkWidget *dialog)
{
  gpointer pointer = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &pointer);
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (is_gone_cb, &pointer);
}

static gboolean
message_dialog_shown (gpointer data)
{
  return shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL) != NULL;
}

static AdwMessageDialog *
wait_for_message_dialog (void)
{
  shell_test_wait_for (message_dialog_shown, NULL);
  return ADW_MESSAGE_DIALOG (shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   data)
{
  g_autofree char *label = NULL;

  if (!GTK_IS_BUTTON (widget) || gtk_button_get_label (GTK_BUTTON (widget)) == NULL)
    return FALSE;
  label = strip_underline (gtk_button_get_label (GTK_BUTTON (widget)));

  return g_strcmp0 (label, data) == 0;
}

/* Whether the button labelled @label can be clicked. */
static gboolean
can_click (GtkWidget  *root,
           const char *label)
{
  GtkWidget *button = shell_test_find_widget (root, is_button_labelled, (gpointer) label);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static gboolean
has_banner (gpointer data)
{
  return rapport_editor_dialog_get_banner (data) != NULL;
}

static gboolean
account_dialog_shown (gpointer data)
{
  return shell_test_find_toplevel (RAPPORT_TYPE_ACCOUNT_DIALOG, NULL) != NULL;
}

/* Accounts in the store and the keyring */

static RapportAccount *
insert_mail_account (Fixture    *f,
                     const char *name,
                     guint       port,
                     gboolean    is_default)
{
  g_autoptr (GError) error = NULL;
  RapportAccount *account = rapport_account_new ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  rapport_account_set_channel (account, RAPPORT_CHANNEL_MAIL);
  rapport_account_set_provider (account, RAPPORT_PROVIDER_SMTP);
  rapport_account_set_name (account, name);
  rapport_account_set_is_default (account, is_default);
  rapport_account_set_setting (account, "host", "127.0.0.1");
  rapport_account_set_setting (account, "port", port_text);
  rapport_account_set_setting (account, "security", "starttls");
  rapport_account_set_setting (account, "user", USER);
  rapport_account_set_setting (account, "sender-address", USER);
  rapport_store_insert_account (f->t.db, account, &error);
  g_assert_no_error (error);

  return account;
}

static char *
lookup_secret (RapportAccount *account)
{
  g_autoptr (GError) error = NULL;
  char *secret = rapport_secrets_lookup_sync (rapport_account_get_uuid (account), NULL, &error);

  g_assert_no_error (error);
  return secret;
}

static void
store_secret (RapportAccount *account)
{
  g_autoptr (GError) error = NULL;

  rapport_secrets_store_sync (rapport_account_get_uuid (account), "test", PASSWORD, NULL, &error);
  g_assert_no_error (error);
}

static RapportAccount *
only_account (Fixture        *f,
              RapportChannel  channel)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) accounts = rapport_store_list_accounts (f->t.db, channel, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  return g_list_model_get_item (accounts, 0);
}

/* Every file of the book (the database, its WAL and journal) as bytes. */
static gboolean
book_files_contain (Fixture    *f,
                    const char *needle)
{
  g_autoptr (GDir) dir = g_dir_open (f->t.dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->t.dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_str_has_prefix (name, "rapport.db") || !g_file_get_contents (path, &contents, &length, NULL))
        continue;
      if (memmem (contents, length, needle, strlen (needle)) != NULL)
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
open_dialog (Fixture        *f,
             RapportChannel  channel,
             RapportAccount *account)
{
  GtkWidget *dialog = rapport_account_dialog_new (NULL, f->t.session, channel, account);

  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  return dialog;
}

/* Tests */

static void
test_add_mail_account (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, RAPPORT_CHANNEL_MAIL, NULL);
  g_autoptr (RapportAccount) account = NULL;
  g_autofree char *secret = NULL;

  /* The first preset is chosen, with what to type as the password. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, "Server"))), ==, "smtp.qq.com");
  g_assert_true (shows_text (dialog, "authorisation code"));
  g_assert_false (can_click (dialog, "Save"));

  choose (dialog, "Provider", "Other");
  g_assert_false (shows_text (dialog, "authorisation code"));
  set_text (dialog, "Account Name", "Sales");
  set_text (dialog, "Server", "127.0.0.1");
  set_text (dialog, "Port", "2525");
  choose (dialog, "Security", "STARTTLS");
  set_text (dialog, "User Name", USER);
  set_text (dialog, "Password", PASSWORD);
  set_text (dialog, "Sender Name", "速阳贸易");
  /* What is missing is said inline. */
  g_assert_true (shows_text (dialog, "Enter the Sender address"));
  g_assert_false (can_click (dialog, "Save"));
  set_text (dialog, "Sender Address", USER);
  g_assert_false (shows_text (dialog, "Enter the Sender address"));
  g_assert_true (can_click (dialog, "Save"));

  save_and_wait (dialog);

  account = only_account (f, RAPPORT_CHANNEL_MAIL);
  g_assert_cmpstr (rapport_account_get_name (account), ==, "Sales");
  g_assert_cmpstr (rapport_account_get_setting (account, "sender-name"), ==, "速阳贸易");
  secret = lookup_secret (account);
  g_assert_cmpstr (secret, ==, PASSWORD);
  g_assert_false (book_files_contain (f, PASSWORD));
  g_assert_true (book_files_contain (f, rapport_account_get_uuid (account)));

  /* Opened again: "stored", and the password row stays empty. */
  dialog = open_dialog (f, RAPPORT_CHANNEL_MAIL, account);
  wait_for_text (dialog, "A password is stored in the keyring");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, "Password"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, "Server"))), ==, "127.0.0.1");

  /* Saving with the row empty keeps the stored password. */
  set_text (dialog, "Account Name", "Sales Desk");
  save_and_wait (dialog);
  g_clear_object (&account);
  g_clear_pointer (&secret, rapport_secrets_free);
  account = only_account (f, RAPPORT_CHANNEL_MAIL);
  g_assert_cmpstr (rapport_account_get_name (account), ==, "Sales Desk");
  secret = lookup_secret (account);
  g_assert_cmpstr (secret, ==, PASSWORD);

  /* Remove Password clears it from the keyring. */
  dialog = open_dialog (f, RAPPORT_CHANNEL_MAIL, account);
  wait_for_text (dialog, "A password is stored in the keyring");
  gtk_widget_activate_action (dialog, "account.remove-secret", NULL);
  wait_for_text (dialog, "No password stored");
  g_clear_pointer (&secret, rapport_secrets_free);
  secret = lookup_secret (account);
  g_assert_null (secret);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_remove_account (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (RapportAccount) account = insert_mail_account (f, "Old Shop", 2525, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) accounts = NULL;
  g_autofree char *secret = NULL;
  AdwMessageDialog *confirm;
  GtkWidget *dialog;
  gpointer dialog_pointer;

  store_secret (account);
  dialog = open_dialog (f, RAPPORT_CHANNEL_MAIL, account);
  dialog_pointer = dialog;
  wait_for_text (dialog, "A password is stored in the keyring");

  /* Cancel keeps it. */
  gtk_widget_activate_action (dialog, "account.remove", NULL);
  confirm = wait_for_message_dialog ();
  g_assert_true (strstr (adw_message_dialog_get_heading (confirm), "Old Shop") != NULL);
  adw_message_dialog_response (confirm, "cancel");
  gtk_window_destroy (GTK_WINDOW (confirm));
  shell_test_flush ();
  g_clear_object (&account);
  account = only_account (f, RAPPORT_CHANNEL_MAIL);

  gtk_widget_activate_action (dialog, "account.remove", NULL);
  confirm = wait_for_message_dialog ();
  g_object_add_weak_pointer (G_OBJECT (dialog), &dialog_pointer);
  adw_message_dialog_response (confirm, "remove");
  gtk_window_destroy (GTK_WINDOW (confirm));
  shell_test_wait_for (is_gone_cb, &dialog_pointer);

  accounts = rapport_store_list_accounts (f->t.db, RAPPORT_CHANNEL_MAIL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 0);
  secret = lookup_secret (account);
  g_assert_null (secret);
}

static void
test_security_none_warns (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, RAPPORT_CHANNEL_MAIL, NULL);

  g_assert_false (shows_text (dialog, "unencrypted"));
  choose (dialog, "Security", "None (Unencrypted)");
  g_assert_true (shows_text (dialog, "Your password and messages would cross the network unencrypted"));
  choose (dialog, "Security", "TLS");
  g_assert_false (shows_text (dialog, "unencrypted"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_sms_providers (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, RAPPORT_CHANNEL_SMS, NULL);
  g_autoptr (RapportAccount) account = NULL;
  g_autofree char *secret = NULL;

  /* Aliyun first: its fields, and its secret's name. */
  g_assert_true (is_shown (find_row (dialog, "Sign Name")));
  g_assert_true (is_shown (find_row (dialog, "AccessKey Secret")));
  g_assert_false (is_shown (find_row (dialog, "Gateway URL")));
  g_assert_false (can_click (dialog, "Save"));

  choose (dialog, "Gateway", "Generic HTTP");
  g_assert_false (is_shown (find_row (dialog, "Sign Name")));
  g_assert_true (is_shown (find_row (dialog, "Gateway URL")));
  g_assert_true (is_shown (find_row (dialog, "Method")));
  g_assert_true (is_shown (find_row (dialog, "Auth Header Value")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, "Account Name"))), ==, "Generic HTTP");

  set_text (dialog, "Gateway URL", "http://sms.example.com/send");
  g_assert_true (shows_text (dialog, "is not an https:// address"));
  set_text (dialog, "Gateway URL", "https://sms.example.com/send");
  choose (dialog, "Body", "JSON");
  set_text (dialog, "Body Template", "{\"to\":\"{to}\",\"text\":\"{text}\"}");
  set_text (dialog, "Auth Header Name", "X-Api-Key");
  set_text (dialog, "Auth Header Value", "token-123456");
  save_and_wait (dialog);

  account = only_account (f, RAPPORT_CHANNEL_SMS);
  g_assert_cmpstr (rapport_account_get_provider (account), ==, RAPPORT_PROVIDER_HTTP);
  g_assert_cmpstr (rapport_account_get_setting (account, "body"), ==, "json");
  g_assert_cmpstr (rapport_account_get_setting (account, "auth-header"), ==, "X-Api-Key");
  secret = lookup_secret (account);
  g_assert_cmpstr (secret, ==, "token-123456");
  g_assert_false (book_files_contain (f, "token-123456"));
}

static void
run_send_test (GtkWidget  *dialog,
               const char *expected_recipient)
{
  AdwMessageDialog *ask;
  GtkWidget *entry;

  g_assert_true (can_click (dialog, "Send Test…"));
  gtk_widget_activate_action (dialog, "account.send-test", NULL);
  ask = wait_for_message_dialog ();
  entry = adw_message_dialog_get_extra_child (ask);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, expected_recipient);
  gtk_editable_set_text (GTK_EDITABLE (entry), "wang@example.com");
  adw_message_dialog_response (ask, "send");
  gtk_window_destroy (GTK_WINDOW (ask));
  /* The window goes on while it sends. */
  g_assert_false (can_click (dialog, "Send Test…"));
}

static void
test_send_test (Fixture       *f,
                gconstpointer  data)
{
  const char * const args[] = { "--mode", "ok", "--user", USER, "--password", PASSWORD, NULL };
  TestPeer *peer = test_peer_start ("smtp-peer.py", args);
  g_autoptr (RapportAccount) account = insert_mail_account (f, "Peer", peer->port, TRUE);
  GtkWidget *dialog;

  store_secret (account);

  /* Without the peer's CA: its certificate is refused, and said so. */
  dialog = open_dialog (f, RAPPORT_CHANNEL_MAIL, account);
  wait_for_text (dialog, "A password is stored in the keyring");
  run_send_test (dialog, USER);
  wait_for_text (dialog, "The test failed: The server’s certificate could not be verified");
  g_assert_true (can_click (dialog, "Send Test…"));

  /* Trusting it: the server's answer. */
  rapport_account_dialog_set_ca_file (RAPPORT_ACCOUNT_DIALOG (dialog), peer->cert);
  run_send_test (dialog, USER);
  wait_for_text (dialog, "Sent. The server answered: 250");
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_flush ();

  /* A typed, unsaved change is not tested: the test sends what is saved. */
  dialog = open_dialog (f, RAPPORT_CHANNEL_MAIL, account);
  set_text (dialog, "Port", "1");
  g_assert_false (can_click (dialog, "Send Test…"));
  g_assert_true (shows_text (dialog, "Save the changes first"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  test_peer_stop (peer);
}

static void
test_accounts_page (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (RapportAccount) first = insert_mail_account (f, "Shop Mail", 2525, FALSE);
  g_autoptr (RapportAccount) second = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = rapport_accounts_page_new (f->t.session);
  GtkWindow *dialog;
  GtkWidget *row;

  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_spin ();

  g_assert_true (shows_text (page, "Shop Mail"));
  g_assert_false (shows_text (page, "Default"));
  g_assert_true (shows_text (page, "No SMS gateway yet"));
  g_assert_false (shows_text (page, "No mail account yet"));

  /* It follows the book. */
  second = insert_mail_account (f, "Billing", 2526, TRUE);
  wait_for_text (page, "Billing");
  g_assert_true (shows_text (page, "Default"));

  /* A row opens its account; the add row a new one. */
  row = find_row (page, "Billing");
  g_signal_emit_by_name (row, "activated");
  shell_test_wait_for (account_dialog_shown, NULL);
  dialog = GTK_WINDOW (shell_test_find_toplevel (RAPPORT_TYPE_ACCOUNT_DIALOG, NULL));
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Billing");
  gtk_window_destroy (dialog);

  gtk_widget_activate (find_row (page, "Add SMS Gateway"));
  shell_test_wait_for (account_dialog_shown, NULL);
  dialog = GTK_WINDOW (shell_test_find_toplevel (RAPPORT_TYPE_ACCOUNT_DIALOG, NULL));
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "New SMS Gateway");
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, RAPPORT_CHANNEL_MAIL, NULL);
  g_autoptr (RapportAccount) account = NULL;
  const char *banner;

  choose (dialog, "Provider", "Gmail");
  set_text (dialog, "User Name", USER);
  set_text (dialog, "Password", PASSWORD);
  set_text (dialog, "Sender Address", USER);
  gtk_widget_activate_action (dialog, "dialog.save", NULL);

  /* The account is saved; the dialog stays, says why, keeps what was typed. */
  shell_test_wait_for (has_banner, dialog);
  banner = rapport_editor_dialog_get_banner (RAPPORT_EDITOR_DIALOG (dialog));
  g_assert_true (g_str_has_prefix (banner, "The account is saved, but its password could not be stored: "));
  g_assert_null (strstr (banner, PASSWORD));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, "Password"))), ==, PASSWORD);
  account = only_account (f, RAPPORT_CHANNEL_MAIL);
  g_assert_cmpstr (rapport_account_get_setting (account, "host"), ==, "smtp.gmail.com");
  g_assert_false (book_files_contain (f, PASSWORD));
  /* Marked as such, with the keyring's word on why. */
  wait_for_text (dialog, "No password stored");
  g_assert_false (shows_text (dialog, "A password is stored"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  shell_test_init (&argc, &argv);

  g_test_add ("/account-dialog/mail/add", Fixture, NULL, fixture_set_up, test_add_mail_account, fixture_tear_down);
  g_test_add ("/account-dialog/mail/remove", Fixture, NULL, fixture_set_up, test_remove_account, fixture_tear_down);
  g_test_add ("/account-dialog/mail/security-none", Fixture, NULL, fixture_set_up, test_security_none_warns,
              fixture_tear_down);
  g_test_add ("/account-dialog/mail/send-test", Fixture, NULL, fixture_set_up, test_send_test, fixture_tear_down);
  g_test_add ("/account-dialog/sms", Fixture, NULL, fixture_set_up, test_sms_providers, fixture_tear_down);
  g_test_add ("/account-dialog/page", Fixture, NULL, fixture_set_up, test_accounts_page, fixture_tear_down);
  g_test_add ("/account-dialog/no-keyring", Fixture, NULL, fixture_set_up, test_no_keyring, fixture_tear_down);

  return shell_test_run ();
}
