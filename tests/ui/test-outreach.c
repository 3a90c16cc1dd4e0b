/* test-outreach.c
 *
 * The Outreach page on a real session: messages the test puts in each state
 * show in To Review, the outbox (with the server's error, and the warning
 * for an unknown one) and Sent; Approve, Approve All, Retry, Send Again and
 * Cancel move them in the store; the message editor saves; a greeting rule
 * made in its dialog is stored with every field, and deleted after a
 * confirmation; the window's sidebar count follows the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-greeting-rule-dialog.h"
#include "rapport-holiday.h"
#include "rapport-message-dialog.h"
#include "rapport-compose-dialog.h"
#include "rapport-outreach-page.h"
#include "rapport-templates-dialog.h"
#include "rapport-window.h"
#include "shell-test-utils.h"

typedef struct
{
  TestDb               t;
  GtkWindow           *window;
  RapportOutreachPage *page;
  gint64               customer_id;
  guint                n_opened;
  gint64               opened_id;
} Fixture;

static void
open_cb (RapportOutreachPage *page,
         gint64               customer_id,
         Fixture             *f)
{
  f->n_opened++;
  f->opened_id = customer_id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *overlay;

  test_db_open (&f->t);
  f->customer_id = shell_test_add_customer (f->t.db, "Lotus Tea House", RAPPORT_STAGE_ACTIVE,
                                            RAPPORT_TIER_GOLD, NULL);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 480, 900);
  f->page = RAPPORT_OUTREACH_PAGE (rapport_outreach_page_new ());
  g_signal_connect (f->page, "open-customer", G_CALLBACK (open_cb), f);
  /* A toast overlay, as in the main window. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = shell_test_find_toplevel (GTK_TYPE_WINDOW, f->window)) != NULL)
    shell_test_destroy_window (dialog);
  shell_test_destroy_window (g_steal_pointer (&f->window));
  rapport_session_close (f->t.session);
  test_db_close (&f->t);
}

/* Lets the bus deliver and the page's idle refresh run. */
static void
settle (void)
{
  shell_test_flush ();
  shell_test_spin ();
}

static gint64
queue_message (Fixture             *f,
               const char          *recipient,
               const char          *body,
               RapportMessageState  state)
{
  g_autoptr (RapportMessage) message = rapport_message_new ();
  g_autoptr (GPtrArray) messages = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;

  rapport_message_set_channel (message, RAPPORT_CHANNEL_MAIL);
  rapport_message_set_customer_id (message, f->customer_id);
  rapport_message_set_recipient (message, recipient);
  rapport_message_set_subject (message, "Greetings");
  rapport_message_set_body (message, body);
  rapport_message_set_state (message, state);
  g_ptr_array_add (messages, message);
  rapport_store_queue_messages (f->t.db, messages, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_message_get_id (message), >, 0);

  return rapport_message_get_id (message);
}

/* Takes the queued message @id as the outbox would, to finish it. */
static void
claim (Fixture *f,
       gint64   id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportMessage) claimed = rapport_store_claim_next_message (f->t.db, TEST_NOW + 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (claimed);
  g_assert_cmpint (rapport_message_get_id (claimed), ==, id);
}

static gint64
add_failed (Fixture    *f,
            const char *recipient,
            const char *server_error)
{
  gint64 id = queue_message (f, recipient, "Happy new year", RAPPORT_MESSAGE_STATE_QUEUED);
  g_autoptr (GError) error = NULL;

  claim (f, id);
  rapport_store_finish_message_failed (f->t.db, id, server_error, 0, &error);
  g_assert_no_error (error);

  return id;
}

static gint64
add_unknown (Fixture    *f,
             const char *recipient)
{
  gint64 id = queue_message (f, recipient, "Happy Mid-Autumn", RAPPORT_MESSAGE_STATE_QUEUED);
  g_autoptr (GError) error = NULL;

  claim (f, id);
  rapport_store_finish_message_uncertain (f->t.db, id, "Connection lost", &error);
  g_assert_no_error (error);

  return id;
}

static gint64
add_sent (Fixture    *f,
          const char *recipient,
          const char *provider_id)
{
  gint64 id = queue_message (f, recipient, "Thank you", RAPPORT_MESSAGE_STATE_QUEUED);
  g_autoptr (GError) error = NULL;

  claim (f, id);
  rapport_store_finish_message_sent (f->t.db, id, provider_id, TEST_NOW, &error);
  g_assert_no_error (error);

  return id;
}

static RapportMessageState
state_of (Fixture *f,
          gint64   id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportMessage) message = rapport_store_get_message (f->t.db, id, &error);

  g_assert_no_error (error);
  return rapport_message_get_state (message);
}

static gboolean
is_group_titled (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

static gboolean
is_action_row (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget);
}

/* The row whose title shows @recipient, in the list under the group @group_title. */
static GtkWidget *
find_message_row (Fixture    *f,
                  const char *group_title,
                  const char *recipient)
{
  GtkWidget *group = shell_test_find_widget (GTK_WIDGET (f->page), is_group_titled, (gpointer) group_title);
  GtkWidget *found = NULL;

  g_assert_nonnull (group);
  for (GtkWidget *w = gtk_widget_get_first_child (group); w != NULL && found == NULL;)
    {
      if (ADW_IS_ACTION_ROW (w) &&
          strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), recipient) != NULL)
        found = w;
      /* Depth-first through the group. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != group && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == group ? NULL : gtk_widget_get_next_sibling (w);
        }
    }

  return found;
}

static void
show_page (Fixture *f)
{
  rapport_outreach_page_set_session (f->page, f->t.session);
  settle ();
}

static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *row;

  show_page (f);
  g_assert_true (shows_text (GTK_WIDGET (f->page), _("Nothing to review")));
  g_assert_true (shows_text (GTK_WIDGET (f->page), _("The outbox is empty")));
  g_assert_cmpuint (rapport_outreach_page_get_n_attention (f->page), ==, 0);

  queue_message (f, "review@example.com", "Happy birthday, dear friend", RAPPORT_MESSAGE_STATE_REVIEW);
  add_failed (f, "failed@example.com", "550 Mailbox unavailable");
  add_unknown (f, "unknown@example.com");
  add_sent (f, "sent@example.com", "<abc123@mail.example.com>");
  /* The newest, but on its way: listed after those needing the user. */
  rapport_clock_set_fixed (f->t.clock, TEST_NOW + 60);
  queue_message (f, "queued@example.com", "On its way", RAPPORT_MESSAGE_STATE_QUEUED);
  settle ();

  g_assert_false (shows_text (GTK_WIDGET (f->page), _("Nothing to review")));
  g_assert_false (shows_text (GTK_WIDGET (f->page), _("The outbox is empty")));

  row = find_message_row (f, _("To Review"), "review@example.com");
  g_assert_nonnull (row);
  g_assert_true (shows_text (row, "Happy birthday, dear friend"));
  g_assert_true (shows_text (row, "Lotus Tea House"));

  row = find_message_row (f, _("Outbox"), "failed@example.com");
  g_assert_nonnull (row);
  g_assert_true (shows_text (row, "550 Mailbox unavailable"));
  g_assert_true (shows_text (row, rapport_message_state_get_label (RAPPORT_MESSAGE_STATE_FAILED)));

  row = find_message_row (f, _("Outbox"), "unknown@example.com");
  g_assert_nonnull (row);
  g_assert_true (shows_text (row, _("it may have been delivered")));

  {
    GtkWidget *group = shell_test_find_widget (GTK_WIDGET (f->page), is_group_titled, (gpointer) _("Outbox"));
    GtkWidget *first = shell_test_find_widget (group, is_action_row, NULL);
    GtkWidget *queued = find_message_row (f, _("Outbox"), "queued@example.com");

    g_assert_nonnull (queued);
    g_assert_true (first != queued);
    g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), "@example.com"));
    g_assert_null (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), "queued"));
  }

  row = find_message_row (f, _("Sent"), "sent@example.com");
  g_assert_nonnull (row);
  g_assert_true (shows_text (row, "<abc123@mail.example.com>"));
  g_assert_null (find_message_row (f, _("Outbox"), "sent@example.com"));

  /* Review, failed and unknown need the user; sent does not. */
  g_assert_cmpuint (rapport_outreach_page_get_n_attention (f->page), ==, 3);

  /* A sent message opens its customer. */
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_cmpuint (f->n_opened, ==, 1);
  g_assert_cmpint (f->opened_id, ==, f->customer_id);
}

static void
test_approve (Fixture       *f,
              gconstpointer  data)
{
  gint64 first, second, third;
  GtkWidget *row;

  first = queue_message (f, "one@example.com", "One", RAPPORT_MESSAGE_STATE_REVIEW);
  second = queue_message (f, "two@example.com", "Two", RAPPORT_MESSAGE_STATE_REVIEW);
  third = queue_message (f, "three@example.com", "Three", RAPPORT_MESSAGE_STATE_REVIEW);
  show_page (f);
  g_assert_cmpuint (rapport_outreach_page_get_n_attention (f->page), ==, 3);

  row = find_message_row (f, _("To Review"), "one@example.com");
  click (find_titled (row, GTK_TYPE_BUTTON, _("Approve")));
  settle ();
  g_assert_cmpint (state_of (f, first), ==, RAPPORT_MESSAGE_STATE_QUEUED);
  g_assert_cmpint (state_of (f, second), ==, RAPPORT_MESSAGE_STATE_REVIEW);
  g_assert_null (find_message_row (f, _("To Review"), "one@example.com"));
  g_assert_nonnull (find_message_row (f, _("Outbox"), "one@example.com"));
  g_assert_cmpuint (rapport_outreach_page_get_n_attention (f->page), ==, 2);

  click (find_titled (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("Approve All")));
  settle ();
  g_assert_cmpint (state_of (f, second), ==, RAPPORT_MESSAGE_STATE_QUEUED);
  g_assert_cmpint (state_of (f, third), ==, RAPPORT_MESSAGE_STATE_QUEUED);
  g_assert_true (shows_text (GTK_WIDGET (f->page), _("Nothing to review")));
  g_assert_cmpuint (rapport_outreach_page_get_n_attention (f->page), ==, 0);
}

static void
test_retry_cancel (Fixture       *f,
                   gconstpointer  data)
{
  gint64 failed = add_failed (f, "failed@example.com", "535 Authentication failed");
  gint64 unknown = add_unknown (f, "unknown@example.com");
  gint64 review = queue_message (f, "review@example.com", "Hello", RAPPORT_MESSAGE_STATE_REVIEW);
  GtkWidget *row;

  show_page (f);
  g_assert_cmpuint (rapport_outreach_page_get_n_attention (f->page), ==, 3);

  row = find_message_row (f, _("Outbox"), "failed@example.com");
  click (find_titled (row, GTK_TYPE_BUTTON, _("Retry")));
  settle ();
  g_assert_cmpint (state_of (f, failed), ==, RAPPORT_MESSAGE_STATE_QUEUED);

  /* Unknown is sent again only when the user says so. */
  row = find_message_row (f, _("Outbox"), "unknown@example.com");
  g_assert_null (find_titled (row, GTK_TYPE_BUTTON, _("Retry")));
  click (find_titled (row, GTK_TYPE_BUTTON, _("Send Again")));
  settle ();
  g_assert_cmpint (state_of (f, unknown), ==, RAPPORT_MESSAGE_STATE_QUEUED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "outreach.cancel", "x", review));
  settle ();
  g_assert_cmpint (state_of (f, review), ==, RAPPORT_MESSAGE_STATE_CANCELLED);
  g_assert_null (find_message_row (f, _("To Review"), "review@example.com"));
  g_assert_cmpuint (rapport_outreach_page_get_n_attention (f->page), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "outreach.cancel", "x", failed));
  settle ();
  g_assert_cmpint (state_of (f, failed), ==, RAPPORT_MESSAGE_STATE_CANCELLED);
  g_assert_null (find_message_row (f, _("Outbox"), "failed@example.com"));
  g_assert_nonnull (find_message_row (f, _("Outbox"), "unknown@example.com"));
}

/* The recipient said an unknown one arrived: it moves to Sent, never resent. */
static void
test_mark_sent (Fixture       *f,
                gconstpointer  data)
{
  gint64 unknown = add_unknown (f, "arrived@example.com");

  show_page (f);
  g_assert_nonnull (find_message_row (f, _("Outbox"), "arrived@example.com"));
  g_assert_cmpuint (rapport_outreach_page_get_n_attention (f->page), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "outreach.mark-sent", "x", unknown));
  settle ();
  g_assert_cmpint (state_of (f, unknown), ==, RAPPORT_MESSAGE_STATE_SENT);
  g_assert_null (find_message_row (f, _("Outbox"), "arrived@example.com"));
  g_assert_nonnull (find_message_row (f, _("Sent"), "arrived@example.com"));
  g_assert_cmpuint (rapport_outreach_page_get_n_attention (f->page), ==, 0);
}

static void
test_edit_message (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = add_failed (f, "typo@exmaple.com", "550 No such domain");
  g_autoptr (RapportMessage) saved = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *dialog;

  show_page (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "outreach.edit", "x", id));
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_MESSAGE_DIALOG, f->window);
  g_assert_nonnull (dialog);

  type_into (GTK_WIDGET (dialog), _("To"), "");
  shell_test_spin ();
  g_assert_false (gtk_widget_is_sensitive (find_titled (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("Save"))));

  type_into (GTK_WIDGET (dialog), _("To"), "fixed@example.com");
  type_into (GTK_WIDGET (dialog), _("Subject"), "Season’s greetings");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  settle ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_MESSAGE_DIALOG, f->window));

  saved = rapport_store_get_message (f->t.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_message_get_recipient (saved), ==, "fixed@example.com");
  g_assert_cmpstr (rapport_message_get_subject (saved), ==, "Season’s greetings");
  /* Edited, it still waits for Retry. */
  g_assert_cmpint (rapport_message_get_state (saved), ==, RAPPORT_MESSAGE_STATE_FAILED);
  g_assert_nonnull (find_message_row (f, _("Outbox"), "fixed@example.com"));
}

static gint64
add_template (Fixture        *f,
              const char     *name,
              RapportChannel  channel)
{
  g_autoptr (RapportMessageTemplate) template = rapport_message_template_new ();
  g_autoptr (GError) error = NULL;

  rapport_message_template_set_name (template, name);
  rapport_message_template_set_channel (template, channel);
  if (channel == RAPPORT_CHANNEL_MAIL)
    rapport_message_template_set_subject (template, "Greetings");
  rapport_message_template_set_body (template, "Dear {name}, best wishes.");
  rapport_store_insert_template (f->t.db, template, &error);
  g_assert_no_error (error);

  return rapport_message_template_get_id (template);
}

static GtkWidget *
find_combo (GtkWidget  *root,
            const char *title)
{
  GtkWidget *row = find_titled (root, ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static gboolean
is_check (GtkWidget *widget,
          gpointer   data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

/* The check of the audience row titled @title. */
static void
check_row (GtkWidget  *root,
           const char *title)
{
  GtkWidget *row = find_titled (root, ADW_TYPE_ACTION_ROW, title);
  GtkWidget *check;

  g_assert_nonnull (row);
  check = shell_test_find_widget (row, is_check, NULL);
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

static void
test_rule_dialog (Fixture       *f,
                  gconstpointer  data)
{
  gint64 sms_template = add_template (f, "Festival SMS", RAPPORT_CHANNEL_SMS);
  gint64 mail_template = add_template (f, "Festival mail", RAPPORT_CHANNEL_MAIL);
  g_autoptr (GListModel) rules = NULL;
  g_autoptr (RapportGreetingRule) rule = NULL;
  g_autoptr (GError) error = NULL;
  const RapportAudience *audience;
  GtkWidget *dialog;
  GtkWidget *save;

  show_page (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "outreach.new-rule", NULL));
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_GREETING_RULE_DIALOG, f->window));
  g_assert_nonnull (dialog);
  save = find_titled (dialog, GTK_TYPE_BUTTON, _("Save"));

  /* Nothing named: not saved. */
  g_assert_false (gtk_widget_is_sensitive (save));
  type_into (dialog, _("Name"), "Mid-Autumn greeting");
  shell_test_spin ();
  g_assert_true (gtk_widget_is_sensitive (save));

  /* The holiday row shows only for a holiday; a bad month-day is refused inline. */
  g_assert_false (is_shown (find_combo (dialog, _("Holiday"))));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_combo (dialog, _("Occasion"))), 2);
  type_into (dialog, _("Month and Day (MM-DD)"), "13-40");
  /* Its error shows once the user leaves the field. */
  g_assert_false (shows_text (dialog, _("Enter the month and day as MM-DD, like 06-18")));
  gtk_window_set_focus (GTK_WINDOW (dialog), find_entry_row (dialog, _("Month and Day (MM-DD)")));
  gtk_window_set_focus (GTK_WINDOW (dialog), find_entry_row (dialog, _("Name")));
  shell_test_spin ();
  g_assert_true (shows_text (dialog, _("Enter the month and day as MM-DD, like 06-18")));
  g_assert_false (gtk_widget_is_sensitive (save));

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_combo (dialog, _("Occasion"))), 1);
  shell_test_spin ();
  g_assert_true (is_shown (find_combo (dialog, _("Holiday"))));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_combo (dialog, _("Holiday"))), RAPPORT_HOLIDAY_MID_AUTUMN);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_combo (dialog, _("Channel"))), 1);
  shell_test_spin ();
  check_row (dialog, rapport_tier_get_label (RAPPORT_TIER_GOLD));
  check_row (dialog, rapport_stage_get_label (RAPPORT_STAGE_ACTIVE));
  /* The tiers' row says what is checked. */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (find_titled (dialog, ADW_TYPE_EXPANDER_ROW,
                                                                                 _("Tiers")))),
                   ==, rapport_tier_get_label (RAPPORT_TIER_GOLD));
  type_into (dialog, _("Send Time (HH:MM)"), "8:30");
  type_into (dialog, _("Days Before the Occasion"), "31");
  shell_test_spin ();
  g_assert_true (shows_text (dialog, "Enter a whole number from 0 to 30"));
  type_into (dialog, _("Days Before the Occasion"), "1");
  shell_test_spin ();
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  settle ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_GREETING_RULE_DIALOG, f->window));

  rules = rapport_store_list_greeting_rules (f->t.db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rules), ==, 1);
  rule = g_list_model_get_item (rules, 0);
  g_assert_cmpstr (rapport_greeting_rule_get_name (rule), ==, "Mid-Autumn greeting");
  g_assert_cmpint (rapport_greeting_rule_get_kind (rule), ==, RAPPORT_GREETING_KIND_HOLIDAY);
  g_assert_cmpstr (rapport_greeting_rule_get_holiday (rule), ==, "mid-autumn");
  g_assert_cmpint (rapport_greeting_rule_get_channel (rule), ==, RAPPORT_CHANNEL_MAIL);
  g_assert_cmpint (rapport_greeting_rule_get_template_id (rule), ==, mail_template);
  g_assert_cmpint (rapport_greeting_rule_get_template_id (rule), !=, sms_template);
  g_assert_cmpstr (rapport_greeting_rule_get_send_time (rule), ==, "08:30");
  g_assert_cmpuint (rapport_greeting_rule_get_lead_days (rule), ==, 1);
  g_assert_true (rapport_greeting_rule_get_review_first (rule));
  g_assert_true (rapport_greeting_rule_get_enabled (rule));
  audience = rapport_greeting_rule_get_audience (rule);
  g_assert_nonnull (audience);
  g_assert_cmpstrv (audience->tiers, ((const char *[]) { "gold", NULL }));
  g_assert_cmpstrv (audience->stages, ((const char *[]) { "active", NULL }));
  g_assert_false (audience->include_contacts);

  /* Listed, with when it next comes. */
  g_assert_true (shows_text (GTK_WIDGET (f->page), "Mid-Autumn greeting"));
  g_assert_true (shows_text (GTK_WIDGET (f->page), rapport_holiday_get_label (RAPPORT_HOLIDAY_MID_AUTUMN)));
  /* ... and whom it greets. */
  g_assert_true (shows_text (GTK_WIDGET (f->page), rapport_tier_get_label (RAPPORT_TIER_GOLD)));
}

static gint64
add_rule (Fixture    *f,
          const char *name)
{
  g_autoptr (RapportGreetingRule) rule = rapport_greeting_rule_new ();
  g_autoptr (GError) error = NULL;

  rapport_greeting_rule_set_name (rule, name);
  rapport_greeting_rule_set_kind (rule, RAPPORT_GREETING_KIND_BIRTHDAY);
  rapport_greeting_rule_set_channel (rule, RAPPORT_CHANNEL_SMS);
  rapport_greeting_rule_set_template_id (rule, add_template (f, "Birthday SMS", RAPPORT_CHANNEL_SMS));
  rapport_greeting_rule_set_send_time (rule, "09:00");
  rapport_greeting_rule_set_review_first (rule, TRUE);
  rapport_greeting_rule_set_enabled (rule, TRUE);
  rapport_store_insert_greeting_rule (f->t.db, rule, &error);
  g_assert_no_error (error);

  return rapport_greeting_rule_get_id (rule);
}

static gboolean
is_switch (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_SWITCH (widget);
}

static void
test_rule_enable_delete (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = add_rule (f, "Birthday wishes");
  g_autoptr (RapportGreetingRule) stored = NULL;
  g_autoptr (GListModel) rules = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *row;
  GtkWidget *toggle;
  GtkWidget *dialog;
  GtkWindow *confirm;

  show_page (f);
  row = find_titled (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, "Birthday wishes");
  g_assert_nonnull (row);
  toggle = shell_test_find_widget (row, is_switch, NULL);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  settle ();
  stored = rapport_store_get_greeting_rule (f->t.db, id, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_greeting_rule_get_enabled (stored));

  /* Edited from its row; deleted only once confirmed. */
  row = find_titled (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, "Birthday wishes");
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_GREETING_RULE_DIALOG, f->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (dialog, _("Name")))), ==, "Birthday wishes");

  click (find_titled (dialog, GTK_TYPE_BUTTON, _("Delete Greeting…")));
  confirm = shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  settle ();
  rules = rapport_store_list_greeting_rules (f->t.db, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (rules), ==, 1);
  g_clear_object (&rules);

  click (find_titled (dialog, GTK_TYPE_BUTTON, _("Delete Greeting…")));
  confirm = shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "delete");
  settle ();
  rules = rapport_store_list_greeting_rules (f->t.db, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (rules), ==, 0);
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_GREETING_RULE_DIALOG, f->window));
  g_assert_null (find_titled (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, "Birthday wishes"));
}

static gboolean
is_outreach_row (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_LIST_BOX_ROW (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "section"), "outreach") == 0;
}

/* What the sidebar's Outreach row shows: its title and count. */
static void
assert_sidebar_shows (RapportWindow *window,
                      const char    *count)
{
  GtkWidget *row = shell_test_find_widget (GTK_WIDGET (window), is_outreach_row, NULL);

  g_assert_nonnull (row);
  g_assert_true (shows_text (row, _("Outreach")));
  if (count != NULL)
    g_assert_true (shows_text (row, count));
  else
    for (char digit = '0'; digit <= '9'; digit++)
      g_assert_false (shows_text (row, (char[]) { digit, '\0' }));
}

/* An edited rule whose template went to the Trash asks for another one. */
static void
test_rule_template_gone (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = add_rule (f, "Birthday wishes");
  gint64 other = add_template (f, "Another SMS", RAPPORT_CHANNEL_SMS);
  g_autoptr (RapportGreetingRule) rule = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;
  GtkWidget *template_row;

  rule = rapport_store_get_greeting_rule (f->t.db, id, &error);
  g_assert_no_error (error);
  rapport_store_trash_template (f->t.db, rapport_greeting_rule_get_template_id (rule), &error);
  g_assert_no_error (error);

  show_page (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "outreach.edit-rule", "x", id));
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_GREETING_RULE_DIALOG, f->window));
  g_assert_nonnull (dialog);
  g_assert_true (shows_text (dialog, _("The template this greeting used is gone: choose another")));
  g_assert_false (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, _("Save"))));

  template_row = find_combo (dialog, _("Template"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (template_row), 1);
  shell_test_spin ();
  g_assert_false (shows_text (dialog, _("The template this greeting used is gone: choose another")));
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  settle ();

  g_clear_object (&rule);
  rule = rapport_store_get_greeting_rule (f->t.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_greeting_rule_get_template_id (rule), ==, other);
}

/* A read-only book shows everything and changes nothing. */
/* The header's menu writes a message to a set of customers, or opens the
 * templates; neither is offered in a read-only book. */
static void
test_compose_and_templates (Fixture       *f,
                            gconstpointer  data)
{
  GtkWindow *dialog;

  show_page (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "outreach.compose", "s", "sms"));
  settle ();
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_COMPOSE_DIALOG, f->window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == f->window);
  gtk_window_destroy (dialog);
  settle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "outreach.templates", NULL));
  settle ();
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_TEMPLATES_DIALOG, f->window);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  settle ();

  /* A channel that does not exist opens nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "outreach.compose", "s", "fax");
  settle ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_COMPOSE_DIALOG, f->window));
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->t.dir, "rapport.db", NULL);
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (RapportSession) session = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *row;

  queue_message (f, "review@example.com", "Hello", RAPPORT_MESSAGE_STATE_REVIEW);
  add_failed (f, "failed@example.com", "550 No");
  add_rule (f, "Birthday wishes");

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  session = rapport_session_new_for_database (db, NULL, FALSE);
  rapport_outreach_page_set_session (f->page, session);
  settle ();

  row = find_message_row (f, _("To Review"), "review@example.com");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_is_sensitive (find_titled (row, GTK_TYPE_BUTTON, _("Approve"))));
  row = find_message_row (f, _("Outbox"), "failed@example.com");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_is_sensitive (find_titled (row, GTK_TYPE_BUTTON, _("Retry"))));
  g_assert_false (gtk_widget_is_sensitive (find_titled (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, _("New Rule…"))));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "outreach.compose", "s", "mail");
  settle ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_COMPOSE_DIALOG, f->window));
  row = find_titled (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, "Birthday wishes");
  g_assert_false (gtk_widget_is_sensitive (shell_test_find_widget (row, is_switch, NULL)));

  rapport_outreach_page_set_session (f->page, NULL);
  rapport_session_close (session);
}

/* The window: an Outreach row in the sidebar whose count follows the store. */
static void
test_window_count (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (RapportApplication) app = shell_test_new_application ();
  RapportWindow *window;
  gint64 id;

  window = rapport_window_new (app, f->t.session);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  g_assert_cmpuint (rapport_window_get_outreach_count (window), ==, 0);
  assert_sidebar_shows (window, NULL);

  id = queue_message (f, "review@example.com", "Hello", RAPPORT_MESSAGE_STATE_REVIEW);
  add_failed (f, "failed@example.com", "550 No");
  settle ();
  g_assert_cmpuint (rapport_window_get_outreach_count (window), ==, 2);
  assert_sidebar_shows (window, "2");

  {
    g_autoptr (GError) error = NULL;

    rapport_store_approve_messages (f->t.db, &id, 1, &error);
    g_assert_no_error (error);
  }
  settle ();
  g_assert_cmpuint (rapport_window_get_outreach_count (window), ==, 1);
  assert_sidebar_shows (window, "1");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-outreach", NULL));
  g_assert_cmpstr (rapport_window_get_section (window), ==, "outreach");

  shell_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add ("/ui/outreach/lists", Fixture, NULL, fixture_set_up, test_lists, fixture_tear_down);
  g_test_add ("/ui/outreach/approve", Fixture, NULL, fixture_set_up, test_approve, fixture_tear_down);
  g_test_add ("/ui/outreach/retry-cancel", Fixture, NULL, fixture_set_up, test_retry_cancel, fixture_tear_down);
  g_test_add ("/ui/outreach/mark-sent", Fixture, NULL, fixture_set_up, test_mark_sent, fixture_tear_down);
  g_test_add ("/ui/outreach/edit-message", Fixture, NULL, fixture_set_up, test_edit_message, fixture_tear_down);
  g_test_add ("/ui/outreach/rule-dialog", Fixture, NULL, fixture_set_up, test_rule_dialog, fixture_tear_down);
  g_test_add ("/ui/outreach/rule-enable-delete", Fixture, NULL, fixture_set_up, test_rule_enable_delete,
              fixture_tear_down);
  g_test_add ("/ui/outreach/rule-template-gone", Fixture, NULL, fixture_set_up, test_rule_template_gone,
              fixture_tear_down);
  g_test_add ("/ui/outreach/compose-and-templates", Fixture, NULL, fixture_set_up, test_compose_and_templates,
              fixture_tear_down);
  g_test_add ("/ui/outreach/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/ui/outreach/window-count", Fixture, NULL, fixture_set_up, test_window_count, fixture_tear_down);

  return shell_test_run ();
}
