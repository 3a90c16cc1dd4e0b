/* test-compose.c
 *
 * The compose dialog, the template editor and do-not-contact, driven as a
 * user would: choose, type, press Preview and Send, and look at what the
 * dialog shows and what the outbox holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-compose-dialog.h"
#include "rapport-contact-dialog.h"
#include "rapport-customer-dialog.h"
#include "rapport-customer-page.h"
#include "rapport-sms-text.h"
#include "rapport-store.h"
#include "rapport-template-dialog.h"
#include "rapport-templates-dialog.h"

#include "shell-test-utils.h"

static void
add_account (TestDb         *t,
             RapportChannel  channel)
{
  g_autoptr (RapportAccount) account = rapport_account_new ();
  g_autoptr (GError) error = NULL;

  rapport_account_set_channel (account, channel);
  if (channel == RAPPORT_CHANNEL_MAIL)
    {
      rapport_account_set_provider (account, RAPPORT_PROVIDER_SMTP);
      rapport_account_set_name (account, "QQ Mail");
      rapport_account_set_setting (account, "host", "smtp.qq.com");
      rapport_account_set_setting (account, "port", "465");
      rapport_account_set_setting (account, "security", "tls");
      rapport_account_set_setting (account, "user", "10001@qq.com");
      rapport_account_set_setting (account, "sender-address", "10001@qq.com");
    }
  else
    {
      rapport_account_set_provider (account, RAPPORT_PROVIDER_ALIYUN);
      rapport_account_set_name (account, "Aliyun");
      rapport_account_set_setting (account, "access-key-id", "LTAI5tTest");
      rapport_account_set_setting (account, "sign-name", "速阳贸易");
      rapport_account_set_setting (account, "template-code", "SMS_123456");
    }
  rapport_store_insert_account (t->db, account, &error);
  g_assert_no_error (error);
}

static gint64
add_customer (TestDb     *t,
              const char *name,
              const char *phone,
              const char *email,
              const char *do_not_contact_reason)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  const char *phones[] = { phone, NULL };
  const char *emails[] = { email, NULL };

  rapport_customer_set_name (customer, name);
  if (phone != NULL)
    rapport_customer_set_phones (customer, phones);
  if (email != NULL)
    rapport_customer_set_emails (customer, emails);
  if (do_not_contact_reason != NULL)
    {
      rapport_customer_set_do_not_contact (customer, TRUE);
      rapport_customer_set_do_not_contact_reason (customer, do_not_contact_reason);
    }
  rapport_store_insert_customer (t->db, customer, &error);
  g_assert_no_error (error);

  return rapport_customer_get_id (customer);
}

static GtkWidget *
present (GtkWidget *dialog)
{
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  return dialog;
}

static gboolean
is_text_view (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static void
set_body (GtkWidget  *dialog,
          const char *text)
{
  GtkWidget *view = shell_test_find_widget (dialog, is_text_view, NULL);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static GtkWidget *
button (GtkWidget  *dialog,
        const char *label)
{
  GtkWidget *found = find_titled (dialog, GTK_TYPE_BUTTON, label);

  g_assert_nonnull (found);
  return found;
}

static GListModel *
list_queued (TestDb *t)
{
  RapportMessageState queued = RAPPORT_MESSAGE_STATE_QUEUED;
  g_autoptr (GError) error = NULL;
  GListModel *messages = rapport_store_list_messages (t->db, &queued, 1, 0, 0, &error);

  g_assert_no_error (error);
  return messages;
}

static void
close_dialog (GtkWidget *dialog)
{
  if (gtk_widget_get_visible (dialog))
    gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_spin ();
  g_assert_finalize_object (dialog);
}

/* One customer, one mail: exactly one message, rendered, not marketing. */
static void
test_single_mail (void)
{
  TestDb t = { 0 };
  g_autoptr (GListModel) queued = NULL;
  g_autoptr (RapportMessage) message = NULL;
  GtkWidget *dialog;
  gint64 customer_id;

  test_db_open (&t);
  add_account (&t, RAPPORT_CHANNEL_MAIL);
  customer_id = add_customer (&t, "速阳有限公司", NULL, "li@suyang.cn", NULL);
  add_customer (&t, "Other Ltd", NULL, "other@example.com", NULL);

  dialog = present (rapport_compose_dialog_new_for_customer (t.session, customer_id, 0, RAPPORT_CHANNEL_MAIL));
  g_assert_true (shows_text (dialog, "速阳有限公司 — li@suyang.cn"));
  g_assert_false (gtk_widget_is_sensitive (button (dialog, "Send")));

  type_into (dialog, "Subject", "新品 for {name}");
  set_body (dialog, "{name}，您好！\n{contact}");
  /* The customer has no contact: the placeholder has no value, Send is refused. */
  g_assert_false (gtk_widget_is_sensitive (button (dialog, "Send")));
  g_assert_true (shows_text (dialog, "contact"));
  g_assert_nonnull (rapport_compose_dialog_get_blocking_reason (RAPPORT_COMPOSE_DIALOG (dialog)));

  set_body (dialog, "{name}，您好！");
  click (button (dialog, "Send"));
  shell_test_spin ();

  queued = list_queued (&t);
  g_assert_cmpuint (g_list_model_get_n_items (queued), ==, 1);
  message = g_list_model_get_item (queued, 0);
  g_assert_cmpint (rapport_message_get_customer_id (message), ==, customer_id);
  g_assert_cmpint (rapport_message_get_contact_id (message), ==, 0);
  g_assert_cmpstr (rapport_message_get_recipient (message), ==, "li@suyang.cn");
  g_assert_cmpstr (rapport_message_get_subject (message), ==, "新品 for 速阳有限公司");
  g_assert_cmpstr (rapport_message_get_body (message), ==, "速阳有限公司，您好！");
  g_assert_false (rapport_message_get_is_marketing (message));
  g_assert_cmpint (rapport_message_get_channel (message), ==, RAPPORT_CHANNEL_MAIL);

  /* Sent: the dialog closed. */
  g_assert_false (gtk_widget_get_visible (dialog));
  close_dialog (dialog);
  g_clear_object (&message);
  g_clear_object (&queued);
  test_db_close (&t);
}

/* A set: the preview lists who is skipped and why; Send queues the others,
 * as marketing, with the unsubscribe notice. */
/* The preview is rendered on a worker: wait until it shows. */
static gboolean
preview_shown (gpointer data)
{
  return rapport_compose_dialog_get_preview_summary (RAPPORT_COMPOSE_DIALOG (data)) != NULL;
}

static void
wait_for_preview (GtkWidget *dialog)
{
  shell_test_wait_for (preview_shown, dialog);
  shell_test_spin ();
}

static void
test_bulk_preview_skips (void)
{
  TestDb t = { 0 };
  g_autoptr (GListModel) queued = NULL;
  g_autoptr (RapportMessage) message = NULL;
  GtkWidget *dialog;

  test_db_open (&t);
  add_account (&t, RAPPORT_CHANNEL_SMS);
  add_customer (&t, "甲公司", "+8613800138000", NULL, NULL);
  add_customer (&t, "乙公司", NULL, "yi@example.com", NULL);
  add_customer (&t, "丙公司", "+8613900139000", NULL, "不要短信");

  dialog = present (rapport_compose_dialog_new_for_audience (t.session, RAPPORT_CHANNEL_SMS));
  g_assert_true (shows_text (dialog, "3 recipients"));
  g_assert_true (shows_text (dialog, "拒收请回复R"));
  set_body (dialog, "{name}：新品上市");

  click (button (dialog, "Preview"));
  wait_for_preview (dialog);
  g_assert_cmpstr (rapport_compose_dialog_get_preview_summary (RAPPORT_COMPOSE_DIALOG (dialog)), ==,
                   "1 message · 2 skipped");
  g_assert_true (shows_text (dialog, "1 message · 2 skipped"));
  g_assert_true (shows_text (dialog, "No phone number"));
  g_assert_true (shows_text (dialog, "Does not want messages: 不要短信"));
  g_assert_true (shows_text (dialog, "甲公司：新品上市"));
  /* Nothing is queued by a preview. */
  queued = list_queued (&t);
  g_assert_cmpuint (g_list_model_get_n_items (queued), ==, 0);
  g_clear_object (&queued);

  click (button (dialog, "Send"));
  shell_test_spin ();
  queued = list_queued (&t);
  g_assert_cmpuint (g_list_model_get_n_items (queued), ==, 1);
  message = g_list_model_get_item (queued, 0);
  g_assert_cmpstr (rapport_message_get_recipient (message), ==, "+8613800138000");
  g_assert_true (rapport_message_get_is_marketing (message));
  g_assert_true (g_str_has_prefix (rapport_message_get_body (message), "甲公司：新品上市"));
  g_assert_true (rapport_sms_text_has_unsubscribe (rapport_message_get_body (message)));

  close_dialog (dialog);
  g_clear_object (&message);
  g_clear_object (&queued);
  test_db_close (&t);
}

/* Editing after a preview asks for a new one; a tier filter narrows the set. */
static void
test_bulk_filter (void)
{
  TestDb t = { 0 };
  GtkWidget *dialog;
  GtkWidget *gold;

  test_db_open (&t);
  add_account (&t, RAPPORT_CHANNEL_MAIL);
  shell_test_add_customer (t.db, "Gold One", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  shell_test_add_customer (t.db, "Iron One", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);

  dialog = present (rapport_compose_dialog_new_for_audience (t.session, RAPPORT_CHANNEL_MAIL));
  g_assert_true (shows_text (dialog, "2 recipients"));
  gold = find_titled (dialog, ADW_TYPE_ACTION_ROW, rapport_tier_get_label (RAPPORT_TIER_GOLD));
  g_assert_nonnull (gold);
  gtk_widget_activate (gold);
  shell_test_spin ();
  g_assert_true (shows_text (dialog, "1 recipient"));

  type_into (dialog, "Subject", "Hello");
  set_body (dialog, "Dear {name}");
  click (button (dialog, "Preview"));
  wait_for_preview (dialog);
  /* Neither has an address: the one left is skipped, and Send is refused. */
  g_assert_cmpstr (rapport_compose_dialog_get_preview_summary (RAPPORT_COMPOSE_DIALOG (dialog)), ==,
                   "0 messages · 1 skipped");
  g_assert_true (shows_text (dialog, "No e-mail address"));
  g_assert_false (gtk_widget_is_sensitive (button (dialog, "Send")));

  set_body (dialog, "Dear {name}!");
  g_assert_null (rapport_compose_dialog_get_preview_summary (RAPPORT_COMPOSE_DIALOG (dialog)));
  g_assert_nonnull (find_titled (dialog, GTK_TYPE_BUTTON, "Preview"));

  /* A preview asked for and then made stale by an edit is never shown, and
   * Send waits while one renders. */
  click (button (dialog, "Preview"));
  g_assert_nonnull (rapport_compose_dialog_get_blocking_reason (RAPPORT_COMPOSE_DIALOG (dialog)));
  set_body (dialog, "Dear {name},");
  for (guint i = 0; i < 20; i++)
    shell_test_spin ();
  g_assert_null (rapport_compose_dialog_get_preview_summary (RAPPORT_COMPOSE_DIALOG (dialog)));

  /* Closed while rendering: nothing is left to show it in, nothing leaks. */
  click (button (dialog, "Preview"));
  close_dialog (dialog);
  /* The rendering finishes on its worker, to nobody. */
  for (guint i = 0; i < 50; i++)
    {
      g_usleep (10000);
      shell_test_spin ();
    }
  test_db_close (&t);
}

/* Unknown and unterminated placeholders are shown as typed and block Send. */
static void
test_template_problems_block (void)
{
  TestDb t = { 0 };
  GtkWidget *dialog;
  gint64 customer_id;

  test_db_open (&t);
  add_account (&t, RAPPORT_CHANNEL_SMS);
  customer_id = add_customer (&t, "速阳", "+8613800138000", NULL, NULL);

  dialog = present (rapport_compose_dialog_new_for_customer (t.session, customer_id, 0, RAPPORT_CHANNEL_SMS));
  set_body (dialog, "您好 {nmae}");
  g_assert_false (gtk_widget_is_sensitive (button (dialog, "Send")));
  g_assert_nonnull (rapport_compose_dialog_get_blocking_reason (RAPPORT_COMPOSE_DIALOG (dialog)));
  g_assert_true (shows_text (dialog, "nmae"));

  set_body (dialog, "您好 {name");
  g_assert_false (gtk_widget_is_sensitive (button (dialog, "Send")));
  g_assert_nonnull (rapport_compose_dialog_get_blocking_reason (RAPPORT_COMPOSE_DIALOG (dialog)));

  set_body (dialog, "您好 {name}");
  g_assert_true (gtk_widget_is_sensitive (button (dialog, "Send")));
  g_assert_null (rapport_compose_dialog_get_blocking_reason (RAPPORT_COMPOSE_DIALOG (dialog)));

  /* The placeholder menu inserts at the cursor (the end, here). */
  {
    GtkWidget *view = shell_test_find_widget (dialog, is_text_view, NULL);
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    g_autofree char *text = NULL;
    GtkTextIter start, end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_place_cursor (buffer, &end);
    gtk_widget_activate_action (dialog, "compose.insert-placeholder", "s", "company");
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "您好 {name}{company}");
  }

  close_dialog (dialog);
  test_db_close (&t);
}

/* 70 Chinese characters are one SMS, 71 two; Latin text goes 160 to one. */
static void
test_sms_counter (void)
{
  TestDb t = { 0 };
  g_autoptr (GString) text = g_string_new (NULL);
  GtkWidget *dialog;
  gint64 customer_id;

  test_db_open (&t);
  add_account (&t, RAPPORT_CHANNEL_SMS);
  customer_id = add_customer (&t, "速阳", "+8613800138000", NULL, NULL);
  dialog = present (rapport_compose_dialog_new_for_customer (t.session, customer_id, 0, RAPPORT_CHANNEL_SMS));

  for (guint i = 0; i < 70; i++)
    g_string_append (text, "好");
  set_body (dialog, text->str);
  g_assert_true (shows_text (dialog, "70 characters · 1 message"));
  g_string_append (text, "好");
  set_body (dialog, text->str);
  g_assert_true (shows_text (dialog, "71 characters · 2 messages"));

  g_string_truncate (text, 0);
  for (guint i = 0; i < 71; i++)
    g_string_append_c (text, 'a');
  set_body (dialog, text->str);
  g_assert_true (shows_text (dialog, "71 characters · 1 message"));

  close_dialog (dialog);
  test_db_close (&t);
}

/* No account for the channel: said, with the way to Preferences, and no Send. */
static void
test_no_account (void)
{
  TestDb t = { 0 };
  GtkWidget *dialog;
  gint64 customer_id;

  test_db_open (&t);
  customer_id = add_customer (&t, "速阳", NULL, "li@suyang.cn", NULL);
  dialog = present (rapport_compose_dialog_new_for_customer (t.session, customer_id, 0, RAPPORT_CHANNEL_MAIL));
  type_into (dialog, "Subject", "Hi");
  set_body (dialog, "Hi {name}");
  g_assert_true (shows_text (dialog, "Add an e-mail account in Preferences"));
  g_assert_nonnull (find_titled (dialog, GTK_TYPE_BUTTON, "Preferences"));
  g_assert_false (gtk_widget_is_sensitive (button (dialog, "Send")));

  close_dialog (dialog);
  test_db_close (&t);
}

/* The customer dialog's switch is saved; the page and compose say so. */
static void
test_do_not_contact (void)
{
  TestDb t = { 0 };
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;
  GtkWidget *toggle;
  GtkWidget *row;
  GtkWidget *window;
  GtkWidget *page;
  gint64 customer_id;

  test_db_open (&t);
  add_account (&t, RAPPORT_CHANNEL_MAIL);
  customer_id = add_customer (&t, "速阳", NULL, "li@suyang.cn", NULL);
  customer = rapport_store_get_customer (t.db, customer_id, &error);
  g_assert_no_error (error);

  dialog = present (rapport_customer_dialog_new (NULL, t.session, customer));
  row = find_titled (dialog, ADW_TYPE_ACTION_ROW, "Do Not Contact");
  g_assert_nonnull (row);
  toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (gtk_widget_get_sensitive (find_entry_row (dialog, "Reason")));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  type_into (dialog, "Reason", "客户要求");
  click (button (dialog, "Save"));
  shell_test_spin ();
  close_dialog (dialog);

  g_clear_object (&customer);
  customer = rapport_store_get_customer (t.db, customer_id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_customer_get_do_not_contact (customer));
  g_assert_cmpstr (rapport_customer_get_do_not_contact_reason (customer), ==, "客户要求");

  window = adw_window_new ();
  page = rapport_customer_page_new ();
  adw_window_set_content (ADW_WINDOW (window), page);
  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (page), t.session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (page), customer_id);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_spin ();
  g_assert_true (shows_text (page, "Does not want messages: 客户要求"));
  gtk_window_destroy (GTK_WINDOW (window));
  shell_test_spin ();

  /* A single send to them is refused, with their reason. */
  dialog = present (rapport_compose_dialog_new_for_customer (t.session, customer_id, 0, RAPPORT_CHANNEL_MAIL));
  type_into (dialog, "Subject", "Hi");
  set_body (dialog, "Hi {name}");
  g_assert_true (shows_text (dialog, "Does not want messages: 客户要求"));
  g_assert_false (gtk_widget_is_sensitive (button (dialog, "Send")));
  close_dialog (dialog);

  /* Switched off again: the reason goes with it. */
  dialog = present (rapport_customer_dialog_new (NULL, t.session, customer));
  row = find_titled (dialog, ADW_TYPE_ACTION_ROW, "Do Not Contact");
  toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Reason"))), ==, "客户要求");
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  click (button (dialog, "Save"));
  shell_test_spin ();
  close_dialog (dialog);
  g_clear_object (&customer);
  customer = rapport_store_get_customer (t.db, customer_id, &error);
  g_assert_false (rapport_customer_get_do_not_contact (customer));
  g_assert_null (rapport_customer_get_do_not_contact_reason (customer));

  g_clear_object (&customer);
  test_db_close (&t);
}

/* A contact marked do-not-contact in the contact dialog. */
static void
test_contact_do_not_contact (void)
{
  TestDb t = { 0 };
  g_autoptr (RapportContact) contact = NULL;
  g_autoptr (GListModel) contacts = NULL;
  GtkWidget *dialog;
  GtkWidget *row;
  gint64 customer_id;

  test_db_open (&t);
  customer_id = add_customer (&t, "速阳", NULL, NULL, NULL);
  dialog = present (rapport_contact_dialog_new (NULL, t.session, customer_id, NULL));
  type_into (dialog, "Name", "王经理");
  row = find_titled (dialog, ADW_TYPE_ACTION_ROW, "Do Not Contact");
  g_assert_nonnull (row);
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), TRUE);
  type_into (dialog, "Reason", "已离职");
  click (button (dialog, "Save"));
  shell_test_spin ();
  close_dialog (dialog);

  contacts = rapport_store_list_contacts (t.db, customer_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 1);
  contact = g_list_model_get_item (contacts, 0);
  g_assert_true (rapport_contact_get_do_not_contact (contact));
  g_assert_cmpstr (rapport_contact_get_do_not_contact_reason (contact), ==, "已离职");

  g_clear_object (&contact);
  g_clear_object (&contacts);
  test_db_close (&t);
}

/* Templates: a problem blocks saving; a saved one fills the compose form. */
static void
test_templates (void)
{
  TestDb t = { 0 };
  g_autoptr (GListModel) templates = NULL;
  GtkWidget *dialog;
  GtkWidget *view;
  GtkWidget *template_row;
  g_autofree char *body = NULL;
  GtkTextIter start, end;
  gint64 customer_id;

  test_db_open (&t);
  add_account (&t, RAPPORT_CHANNEL_MAIL);
  customer_id = add_customer (&t, "速阳", NULL, "li@suyang.cn", NULL);

  dialog = present (rapport_template_dialog_new (NULL, t.session, NULL));
  type_into (dialog, "Name", "春节问候");
  type_into (dialog, "Subject", "新春快乐 {name}");
  set_body (dialog, "{name}：新春快乐 {holiday");
  g_assert_false (gtk_widget_is_sensitive (button (dialog, "Save")));
  set_body (dialog, "{name}：新春快乐！");
  click (button (dialog, "Save"));
  shell_test_spin ();
  close_dialog (dialog);

  templates = rapport_store_list_templates (t.db, RAPPORT_CHANNEL_MAIL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 1);

  dialog = present (rapport_compose_dialog_new_for_customer (t.session, customer_id, 0, RAPPORT_CHANNEL_MAIL));
  template_row = find_titled (dialog, ADW_TYPE_COMBO_ROW, "Template");
  g_assert_nonnull (template_row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (template_row), 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, "Subject"))), ==, "新春快乐 {name}");
  view = shell_test_find_widget (dialog, is_text_view, NULL);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
  body = gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end, FALSE);
  g_assert_cmpstr (body, ==, "{name}：新春快乐！");
  g_assert_true (gtk_widget_is_sensitive (button (dialog, "Send")));

  close_dialog (dialog);
  g_clear_object (&templates);
  test_db_close (&t);
}

/* The customer page's menus open the compose dialog for the customer or a
 * contact, at that person's address; the existing hand-offs stay. */
static void
test_page_entry_points (void)
{
  TestDb t = { 0 };
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (GError) error = NULL;
  const char *phones[] = { "+8613912345678", NULL };
  GtkWidget *window;
  GtkWidget *overlay;
  GtkWidget *page;
  GtkWindow *dialog;
  gint64 customer_id;

  test_db_open (&t);
  add_account (&t, RAPPORT_CHANNEL_SMS);
  customer_id = add_customer (&t, "速阳", "+8613800138000", NULL, NULL);
  rapport_contact_set_customer_id (contact, customer_id);
  rapport_contact_set_name (contact, "王经理");
  rapport_contact_set_phones (contact, phones);
  rapport_store_insert_contact (t.db, contact, &error);
  g_assert_no_error (error);

  window = adw_window_new ();
  overlay = adw_toast_overlay_new ();
  page = rapport_customer_page_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (page), t.session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (page), customer_id);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_spin ();

  g_assert_true (gtk_widget_activate_action (page, "customer.compose-sms", "x", rapport_contact_get_id (contact)));
  shell_test_spin ();
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_COMPOSE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "New SMS"));
  set_body (GTK_WIDGET (dialog), "{name}您好");
  click (button (GTK_WIDGET (dialog), "Send"));
  shell_test_spin ();
  {
    g_autoptr (GListModel) queued = list_queued (&t);
    g_autoptr (RapportMessage) message = g_list_model_get_item (queued, 0);

    g_assert_cmpuint (g_list_model_get_n_items (queued), ==, 1);
    g_assert_cmpint (rapport_message_get_contact_id (message), ==, rapport_contact_get_id (contact));
    g_assert_cmpstr (rapport_message_get_recipient (message), ==, "+8613912345678");
    g_assert_cmpstr (rapport_message_get_body (message), ==, "王经理您好");
  }
  /* The outbox sends it in the background; the window says it is queued. */
  g_assert_true (shows_text (overlay, "1 message queued"));

  g_assert_true (gtk_widget_activate_action (page, "customer.compose-mail", "x", (gint64) 0));
  shell_test_spin ();
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_COMPOSE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "New E-mail"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "No e-mail address is stored for them"));
  gtk_window_destroy (dialog);

  gtk_window_destroy (GTK_WINDOW (window));
  shell_test_spin ();
  g_clear_object (&contact);
  test_db_close (&t);
}

/* The list of templates: delete moves one to the Trash, Undo brings it back. */
static void
test_templates_list (void)
{
  TestDb t = { 0 };
  g_autoptr (RapportMessageTemplate) template = rapport_message_template_new ();
  g_autoptr (GListModel) listed = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;

  test_db_open (&t);
  rapport_message_template_set_name (template, "春节问候");
  rapport_message_template_set_channel (template, RAPPORT_CHANNEL_SMS);
  rapport_message_template_set_body (template, "{name}新春快乐");
  rapport_store_insert_template (t.db, template, &error);
  g_assert_no_error (error);

  dialog = present (rapport_templates_dialog_new (t.session));
  g_assert_true (shows_text (dialog, "春节问候"));
  g_assert_true (gtk_widget_activate_action (dialog, "templates.delete", "x", rapport_message_template_get_id (template)));
  shell_test_spin ();
  g_assert_false (shows_text (dialog, "春节问候"));
  listed = rapport_store_list_templates (t.db, RAPPORT_STORE_ANY_CHANNEL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 0);

  g_assert_true (rapport_store_restore_template (t.db, rapport_message_template_get_id (template), NULL));
  shell_test_spin ();
  g_assert_true (shows_text (dialog, "春节问候"));

  close_dialog (dialog);
  g_clear_object (&listed);
  g_clear_object (&template);
  test_db_close (&t);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/compose/single-mail", test_single_mail);
  g_test_add_func ("/ui/compose/bulk-preview-skips", test_bulk_preview_skips);
  g_test_add_func ("/ui/compose/bulk-filter", test_bulk_filter);
  g_test_add_func ("/ui/compose/template-problems-block", test_template_problems_block);
  g_test_add_func ("/ui/compose/sms-counter", test_sms_counter);
  g_test_add_func ("/ui/compose/no-account", test_no_account);
  g_test_add_func ("/ui/compose/do-not-contact", test_do_not_contact);
  g_test_add_func ("/ui/compose/contact-do-not-contact", test_contact_do_not_contact);
  g_test_add_func ("/ui/compose/templates", test_templates);
  g_test_add_func ("/ui/compose/templates-list", test_templates_list);
  g_test_add_func ("/ui/compose/page-entry-points", test_page_entry_points);

  return shell_test_run ();
}
