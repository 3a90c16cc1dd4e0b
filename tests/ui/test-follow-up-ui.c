/* test-follow-up-ui.c
 *
 * Follow-ups in the interface: the dialog (quick choices, recurrence, save,
 * edit), the row and its actions (done with Undo), the customer page's list,
 * the offer to mark one done after logging an interaction, and the
 * interaction dialog's Next Step. Time is the fixed clock: Wednesday
 * 2026-03-18 10:30 in Asia/Shanghai.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-customer-page.h"
#include "rapport-follow-up-actions.h"
#include "rapport-follow-up-dialog.h"
#include "rapport-follow-up-row.h"
#include "rapport-interaction-dialog.h"
#include "rapport-order-dialog.h"
#include "rapport-store.h"

#include "shell-test-utils.h"

typedef struct
{
  TestDb     t;
  GtkWidget *window;
  GtkWidget *overlay;
  GtkWidget *page;
  gint64     customer_id;
  gint64     contact_id;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (GError) error = NULL;

  test_db_open (&f->t);
  f->customer_id = shell_test_add_customer (f->t.db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);

  rapport_contact_set_customer_id (contact, f->customer_id);
  rapport_contact_set_name (contact, "王经理");
  rapport_contact_set_is_primary (contact, TRUE);
  rapport_store_insert_contact (f->t.db, contact, &error);
  g_assert_no_error (error);
  f->contact_id = rapport_contact_get_id (contact);

  f->window = adw_window_new ();
  f->overlay = adw_toast_overlay_new ();
  f->page = rapport_customer_page_new ();
  g_object_ref_sink (f->page);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f->overlay), f->page);
  adw_window_set_content (ADW_WINDOW (f->window), f->overlay);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 900);

  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (f->page), f->t.session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (f->page), f->customer_id);
  gtk_window_present (GTK_WINDOW (f->window));
  shell_test_spin ();
}

static void
fixture_tear_down (Fixture *f)
{
  GtkWindow *dialog;

  while ((dialog = shell_test_find_toplevel (GTK_TYPE_WINDOW, GTK_WINDOW (f->window))) != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (f->window));
  shell_test_spin ();
  g_assert_finalize_object (f->page);
  test_db_close (&f->t);
}

static gint64
add_follow_up (Fixture    *f,
               const char *title,
               const char *due_local)
{
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();
  g_autoptr (GError) error = NULL;

  rapport_follow_up_set_customer_id (follow_up, f->customer_id);
  rapport_follow_up_set_title (follow_up, title);
  rapport_follow_up_set_due_local (follow_up, due_local);
  rapport_follow_up_set_time_zone (follow_up, "Asia/Shanghai");
  rapport_follow_up_set_remind_before (follow_up, 0);
  rapport_store_insert_follow_up (f->t.db, follow_up, &error);
  g_assert_no_error (error);

  return rapport_follow_up_get_id (follow_up);
}

static RapportFollowUp *
get_follow_up (Fixture *f,
               gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportFollowUp *follow_up = rapport_store_get_follow_up (f->t.db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (follow_up);
  return follow_up;
}

static guint
count_open (Fixture *f)
{
  g_autoptr (GListModel) open = rapport_store_list_follow_ups (f->t.db, f->customer_id, TRUE, NULL);

  g_assert_nonnull (open);
  return g_list_model_get_n_items (open);
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return shell_test_find_toplevel (GPOINTER_TO_SIZE (data), NULL) == NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  gboolean    shown;
} ShowsText;

static gboolean
shows_text_cb (gpointer data)
{
  ShowsText *st = data;

  return shows_text (st->root, st->text) == st->shown;
}

static void
assert_eventually_shows (GtkWidget  *root,
                         const char *text,
                         gboolean    shown)
{
  ShowsText st = { root, text, shown };

  shell_test_wait_for (shows_text_cb, &st);
}

static GtkWidget *
open_dialog (Fixture         *f,
             RapportFollowUp *follow_up)
{
  GtkWidget *dialog = rapport_follow_up_dialog_new (GTK_WINDOW (f->window), f->t.session, f->customer_id,
                                                    follow_up);

  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  return dialog;
}

static const char *
text_of (GtkWidget  *root,
         const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (find_entry_row (root, title)));
}

static GtkWidget *
find_row_of (GtkWidget *root,
             gint64     follow_up_id)
{
  if (RAPPORT_IS_FOLLOW_UP_ROW (root))
    {
      RapportFollowUp *shown = rapport_follow_up_row_get_follow_up (RAPPORT_FOLLOW_UP_ROW (root));

      if (shown != NULL && rapport_follow_up_get_id (shown) == follow_up_id)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_of (child, follow_up_id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget *root;
  gint64     id;
} RowWait;

static gboolean
row_shown_cb (gpointer data)
{
  RowWait *w = data;

  return find_row_of (w->root, w->id) != NULL;
}

static gboolean
row_gone_cb (gpointer data)
{
  RowWait *w = data;

  return find_row_of (w->root, w->id) == NULL;
}

/* The due time in the user's words */

static void
test_format_due (void)
{
  /* Wednesday 2026-03-18 10:30 in Shanghai */
  gint64 now = TEST_NOW;
  gboolean overdue = FALSE;
  g_autofree char *today = rapport_follow_up_format_due (now + 3 * 3600 + 30 * 60, now, &overdue);
  g_autofree char *tomorrow = NULL;
  g_autofree char *weekday = NULL;
  g_autofree char *later = NULL;
  g_autofree char *yesterday = NULL;

  g_assert_cmpstr (today, ==, "14:00");
  g_assert_false (overdue);

  tomorrow = rapport_follow_up_format_due (now + 24 * 3600 - 90 * 60, now, &overdue);
  g_assert_cmpstr (tomorrow, ==, "Tomorrow 09:00");
  g_assert_false (overdue);

  weekday = rapport_follow_up_format_due (now + 2 * 24 * 3600, now, NULL);
  g_assert_cmpstr (weekday, ==, "Friday 10:30");

  later = rapport_follow_up_format_due (now + 10 * 24 * 3600, now, NULL);
  g_assert_cmpstr (later, ==, "2026-03-28 10:30");

  yesterday = rapport_follow_up_format_due (now - 24 * 3600, now, &overdue);
  g_assert_cmpstr (yesterday, ==, "Yesterday 10:30");
  g_assert_true (overdue);

  /* The words change when it falls due, else at the next midnight (Shanghai:
   * 2026-03-18 16:00 UTC). */
  g_assert_cmpint (rapport_follow_up_due_next_change (now + 3600, now), ==, now + 3600);
  g_assert_cmpint (rapport_follow_up_due_next_change (now + 3 * 24 * 3600, now), ==, 1773849600);
  g_assert_cmpint (rapport_follow_up_due_next_change (now - 3600, now), ==, 1773849600);
}

/* The dialog */

static void
test_dialog_presets (void)
{
  Fixture f = { 0 };
  GtkWidget *dialog;

  fixture_set_up (&f);
  dialog = open_dialog (&f, NULL);

  /* A new follow-up starts tomorrow morning. */
  g_assert_cmpstr (text_of (dialog, "Date (YYYY-MM-DD)"), ==, "2026-03-19");
  g_assert_cmpstr (text_of (dialog, "Time (HH:MM)"), ==, "09:00");

  click (find_titled (dialog, GTK_TYPE_BUTTON, "This Afternoon"));
  g_assert_cmpstr (text_of (dialog, "Date (YYYY-MM-DD)"), ==, "2026-03-18");
  g_assert_cmpstr (text_of (dialog, "Time (HH:MM)"), ==, "14:00");

  click (find_titled (dialog, GTK_TYPE_BUTTON, "In an Hour"));
  g_assert_cmpstr (text_of (dialog, "Date (YYYY-MM-DD)"), ==, "2026-03-18");
  g_assert_cmpstr (text_of (dialog, "Time (HH:MM)"), ==, "11:30");

  click (find_titled (dialog, GTK_TYPE_BUTTON, "Next Monday"));
  g_assert_cmpstr (text_of (dialog, "Date (YYYY-MM-DD)"), ==, "2026-03-23");
  g_assert_cmpstr (text_of (dialog, "Time (HH:MM)"), ==, "09:00");

  click (find_titled (dialog, GTK_TYPE_BUTTON, "In a Month"));
  g_assert_cmpstr (text_of (dialog, "Date (YYYY-MM-DD)"), ==, "2026-04-18");

  /* Nothing is written until Save. */
  g_assert_cmpuint (count_open (&f), ==, 0);

  fixture_tear_down (&f);
}

static void
test_dialog_save (void)
{
  Fixture f = { 0 };
  g_autoptr (GListModel) open = NULL;
  g_autoptr (RapportFollowUp) saved = NULL;
  GtkWidget *dialog;

  fixture_set_up (&f);
  dialog = open_dialog (&f, NULL);

  /* Without a title there is nothing to save. */
  g_assert_false (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Save")));

  type_into (dialog, "Title", "回电话：报价 <b>&</b>");
  click (find_titled (dialog, GTK_TYPE_BUTTON, "This Afternoon"));
  g_assert_false (shows_text (dialog, "will show as overdue"));
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_FOLLOW_UP_DIALOG));

  open = rapport_store_list_follow_ups (f.t.db, f.customer_id, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
  saved = g_list_model_get_item (open, 0);
  g_assert_cmpstr (rapport_follow_up_get_title (saved), ==, "回电话：报价 <b>&</b>");
  g_assert_cmpstr (rapport_follow_up_get_due_local (saved), ==, "2026-03-18 14:00");
  g_assert_cmpint (rapport_follow_up_get_due_at (saved), ==, TEST_NOW + 3 * 3600 + 30 * 60);
  /* The default reminder: at the due time. */
  g_assert_cmpint (rapport_follow_up_get_remind_before (saved), ==, 0);
  g_assert_cmpint (rapport_follow_up_get_repeat_unit (saved), ==, RAPPORT_REPEAT_NONE);

  /* The page lists it, as typed. */
  {
    RowWait w = { f.page, rapport_follow_up_get_id (saved) };

    shell_test_wait_for (row_shown_cb, &w);
  }
  g_assert_true (shows_text (f.page, "回电话：报价 <b>&</b>"));
  g_assert_true (shows_text (f.page, "Due 14:00"));

  fixture_tear_down (&f);
}

static void
test_dialog_past_and_recurrence (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportFollowUp) saved = NULL;
  g_autoptr (GListModel) open = NULL;
  GtkWidget *dialog, *repeat;

  fixture_set_up (&f);
  dialog = open_dialog (&f, NULL);
  type_into (dialog, "Title", "Monthly visit");

  /* A time already past is taken, and said to be overdue. */
  type_into (dialog, "Date (YYYY-MM-DD)", "2026-03-17");
  type_into (dialog, "Time (HH:MM)", "9:00");
  g_assert_true (shows_text (dialog, "will show as overdue"));

  /* Every 0 months is refused, with a message, and Save waits. */
  repeat = find_titled (dialog, ADW_TYPE_COMBO_ROW, "Repeat");
  g_assert_nonnull (repeat);
  adw_combo_row_set_selected (ADW_COMBO_ROW (repeat), RAPPORT_REPEAT_MONTHS);
  type_into (dialog, "Every How Many Months", "0");
  g_assert_true (shows_text (dialog, "Enter a whole number from 1 to 999"));
  g_assert_false (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Save")));
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_spin ();
  g_assert_cmpuint (count_open (&f), ==, 0);

  type_into (dialog, "Every How Many Months", "-1");
  g_assert_true (shows_text (dialog, "Enter a whole number from 1 to 999"));
  type_into (dialog, "Every How Many Months", "1000");
  g_assert_true (shows_text (dialog, "Enter a whole number from 1 to 999"));

  type_into (dialog, "Every How Many Months", "1");
  g_assert_false (shows_text (dialog, "Enter a whole number from 1 to 999"));
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_FOLLOW_UP_DIALOG));

  open = rapport_store_list_follow_ups (f.t.db, f.customer_id, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
  saved = g_list_model_get_item (open, 0);
  g_assert_cmpstr (rapport_follow_up_get_due_local (saved), ==, "2026-03-17 09:00");
  g_assert_cmpint (rapport_follow_up_get_repeat_unit (saved), ==, RAPPORT_REPEAT_MONTHS);
  g_assert_cmpuint (rapport_follow_up_get_repeat_every (saved), ==, 1);

  /* On the page it says "Overdue" in words, not by colour alone. */
  assert_eventually_shows (f.page, "Overdue", TRUE);

  fixture_tear_down (&f);
}

static void
test_dialog_edit (void)
{
  Fixture f = { 0 };
  gint64 id;
  g_autoptr (RapportFollowUp) before = NULL;
  g_autoptr (RapportFollowUp) after = NULL;
  GtkWidget *dialog, *row;

  fixture_set_up (&f);
  id = add_follow_up (&f, "Send the samples", "2026-03-19 09:00");
  before = get_follow_up (&f, id);

  /* Reschedule from the row's menu: the same dialog, filled in. */
  {
    RowWait w = { f.page, id };

    shell_test_wait_for (row_shown_cb, &w);
  }
  row = find_row_of (f.page, id);
  g_assert_true (gtk_widget_activate_action (row, "follow-up.edit", NULL));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_FOLLOW_UP_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_true (shows_text (dialog, "Edit Follow-up"));
  g_assert_cmpstr (text_of (dialog, "Title"), ==, "Send the samples");
  g_assert_cmpstr (text_of (dialog, "Date (YYYY-MM-DD)"), ==, "2026-03-19");
  g_assert_cmpstr (text_of (dialog, "Time (HH:MM)"), ==, "09:00");

  click (find_titled (dialog, GTK_TYPE_BUTTON, "Next Monday"));
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_FOLLOW_UP_DIALOG));

  after = get_follow_up (&f, id);
  g_assert_cmpint (rapport_follow_up_get_id (after), ==, id);
  g_assert_cmpstr (rapport_follow_up_get_due_local (after), ==, "2026-03-23 09:00");
  g_assert_cmpstr (rapport_follow_up_get_title (after), ==, "Send the samples");
  g_assert_cmpint (rapport_follow_up_get_revision (after), >, rapport_follow_up_get_revision (before));
  g_assert_cmpuint (count_open (&f), ==, 1);

  assert_eventually_shows (f.page, "Monday 09:00", TRUE);

  fixture_tear_down (&f);
}

/* The customer page and the row's actions */

static void
test_page_lists_and_refreshes (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  gint64 id;

  fixture_set_up (&f);

  /* None yet: a line to add one. */
  g_assert_true (shows_text (f.page, "No open follow-ups"));
  g_assert_nonnull (find_titled (f.page, GTK_TYPE_BUTTON, "Add Follow-up"));

  /* Added elsewhere (Today, another window): it comes. */
  id = add_follow_up (&f, "Call about the quote", "2026-03-18 14:00");
  {
    RowWait w = { f.page, id };

    shell_test_wait_for (row_shown_cb, &w);
  }
  g_assert_false (shows_text (f.page, "No open follow-ups"));
  /* The customer's own page does not name the customer on each row. */
  g_assert_false (rapport_follow_up_row_get_show_customer (RAPPORT_FOLLOW_UP_ROW (find_row_of (f.page, id))));

  /* Done elsewhere: it goes. */
  rapport_store_complete_follow_up (f.t.db, id, TEST_NOW, RAPPORT_RECUR_FROM_DUE, 0, NULL, &error);
  g_assert_no_error (error);
  {
    RowWait w = { f.page, id };

    shell_test_wait_for (row_gone_cb, &w);
  }
  assert_eventually_shows (f.page, "No open follow-ups", TRUE);

  fixture_tear_down (&f);
}

static void
test_done_undo (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportFollowUp) done = NULL;
  g_autoptr (RapportFollowUp) reopened = NULL;
  GtkWidget *row, *undo;
  gint64 id;

  fixture_set_up (&f);
  id = add_follow_up (&f, "Call about the quote", "2026-03-18 14:00");
  {
    RowWait w = { f.page, id };

    shell_test_wait_for (row_shown_cb, &w);
  }
  row = find_row_of (f.page, id);

  g_assert_true (gtk_widget_activate_action (row, "follow-up.done", NULL));
  shell_test_spin ();
  done = get_follow_up (&f, id);
  g_assert_true (rapport_follow_up_is_done (done));
  g_assert_true (shows_text (f.overlay, "Done: “Call about the quote”"));
  {
    RowWait w = { f.page, id };

    shell_test_wait_for (row_gone_cb, &w);
  }

  undo = find_titled (f.overlay, GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  click (undo);
  shell_test_spin ();
  reopened = get_follow_up (&f, id);
  g_assert_false (rapport_follow_up_is_done (reopened));
  {
    RowWait w = { f.page, id };

    shell_test_wait_for (row_shown_cb, &w);
  }

  fixture_tear_down (&f);
}

static void
test_snooze_and_trash (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportFollowUp) snoozed = NULL;
  g_autoptr (RapportFollowUp) restored = NULL;
  g_autoptr (GDateTime) now = NULL;
  GtkWidget *row, *undo;
  gint64 id;

  fixture_set_up (&f);
  id = add_follow_up (&f, "Call about the quote", "2026-03-18 09:00");
  {
    RowWait w = { f.page, id };

    shell_test_wait_for (row_shown_cb, &w);
  }
  row = find_row_of (f.page, id);
  /* Overdue, in words. */
  g_assert_true (shows_text (row, "Overdue"));

  /* Snoozed until tomorrow 9:00: the reminder moves, the due time stays. */
  g_assert_true (gtk_widget_activate_action (row, "follow-up.snooze", "i", (gint32) RAPPORT_SNOOZE_TOMORROW_MORNING));
  shell_test_spin ();
  snoozed = get_follow_up (&f, id);
  now = rapport_clock_now_local (f.t.clock);
  g_assert_cmpint (rapport_follow_up_get_snoozed_until (snoozed), ==,
                   rapport_snooze_until (RAPPORT_SNOOZE_TOMORROW_MORNING, now));
  g_assert_cmpstr (rapport_follow_up_get_due_local (snoozed), ==, "2026-03-18 09:00");

  /* Moved to the Trash, and back with Undo. */
  row = find_row_of (f.page, id);
  g_assert_true (gtk_widget_activate_action (row, "follow-up.trash", NULL));
  shell_test_spin ();
  g_assert_cmpuint (count_open (&f), ==, 0);
  g_assert_true (shows_text (f.overlay, "Deleted “Call about the quote”"));
  undo = find_titled (f.overlay, GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  click (undo);
  shell_test_spin ();
  g_assert_cmpuint (count_open (&f), ==, 1);
  restored = get_follow_up (&f, id);
  g_assert_cmpint (rapport_follow_up_get_deleted_at (restored), ==, 0);

  fixture_tear_down (&f);
}

static void
test_offer_after_logging (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportFollowUp) early = NULL;
  g_autoptr (RapportFollowUp) late = NULL;
  GtkWidget *dialog, *mark;
  gint64 early_id, late_id;

  fixture_set_up (&f);
  late_id = add_follow_up (&f, "Visit in April", "2026-04-01 09:00");
  early_id = add_follow_up (&f, "Call back about the samples", "2026-03-18 14:00");

  g_assert_true (gtk_widget_activate_action (f.page, "customer.log-interaction", NULL));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_INTERACTION_DIALOG, NULL));
  g_assert_nonnull (dialog);
  type_into (dialog, "Summary", "Called: samples arrive Friday");
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_INTERACTION_DIALOG));

  /* The earliest due one is offered, and one click marks it done. */
  g_assert_true (shows_text (f.overlay, "Mark “Call back about the samples” done?"));
  mark = find_titled (f.overlay, GTK_TYPE_BUTTON, "Mark Done");
  g_assert_nonnull (mark);
  click (mark);
  shell_test_spin ();

  early = get_follow_up (&f, early_id);
  late = get_follow_up (&f, late_id);
  g_assert_true (rapport_follow_up_is_done (early));
  g_assert_false (rapport_follow_up_is_done (late));
  /* ... with an Undo after. */
  assert_eventually_shows (f.overlay, "Done: “Call back about the samples”", TRUE);
  g_assert_nonnull (find_titled (f.overlay, GTK_TYPE_BUTTON, "Undo"));

  fixture_tear_down (&f);
}

static void
test_offer_after_order (void)
{
  Fixture f = { 0 };
  GtkWidget *dialog;

  fixture_set_up (&f);

  /* Nothing open: an order offers nothing. */
  g_assert_true (gtk_widget_activate_action (f.page, "customer.add-order", NULL));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_ORDER_DIALOG, NULL));
  g_assert_nonnull (dialog);
  type_into (dialog, "Amount", "1,280.00");
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_ORDER_DIALOG));
  g_assert_false (shows_text (f.overlay, "done?"));

  add_follow_up (&f, "Confirm the delivery date", "2026-03-19 09:00");
  g_assert_true (gtk_widget_activate_action (f.page, "customer.add-order", NULL));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_ORDER_DIALOG, NULL));
  g_assert_nonnull (dialog);
  type_into (dialog, "Amount", "960.00");
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_ORDER_DIALOG));
  g_assert_true (shows_text (f.overlay, "Mark “Confirm the delivery date” done?"));

  fixture_tear_down (&f);
}

static void
test_next_step (void)
{
  Fixture f = { 0 };
  g_autoptr (GListModel) open = NULL;
  g_autoptr (RapportFollowUp) created = NULL;
  GtkWidget *dialog, *next;

  fixture_set_up (&f);

  g_assert_true (gtk_widget_activate_action (f.page, "customer.log-interaction", NULL));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_INTERACTION_DIALOG, NULL));
  g_assert_nonnull (dialog);
  type_into (dialog, "Summary", "Visited the plant");

  next = find_titled (dialog, ADW_TYPE_EXPANDER_ROW, "Next Step");
  g_assert_nonnull (next);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (next), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (next), TRUE);
  shell_test_spin ();

  /* Asked for, the next step needs a title. */
  g_assert_false (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Save")));
  type_into (dialog, "Follow-up Title", "Send the revised quote");
  click (find_titled (dialog, GTK_TYPE_BUTTON, "Next Monday"));
  g_assert_cmpstr (text_of (dialog, "Due Date (YYYY-MM-DD)"), ==, "2026-03-23");
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_INTERACTION_DIALOG));

  open = rapport_store_list_follow_ups (f.t.db, f.customer_id, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
  created = g_list_model_get_item (open, 0);
  g_assert_cmpstr (rapport_follow_up_get_title (created), ==, "Send the revised quote");
  g_assert_cmpstr (rapport_follow_up_get_due_local (created), ==, "2026-03-23 09:00");
  /* With the interaction's contact. */
  g_assert_cmpint (rapport_follow_up_get_contact_id (created), ==, f.contact_id);

  /* The one just created is not offered as done. */
  shell_test_spin ();
  g_assert_false (shows_text (f.overlay, "Mark “Send the revised quote” done?"));

  fixture_tear_down (&f);
}

static void
test_done_and_log (void)
{
  Fixture f = { 0 };
  g_autoptr (GListModel) interactions = NULL;
  g_autoptr (RapportInteraction) logged = NULL;
  g_autoptr (RapportFollowUp) done = NULL;
  GtkWidget *dialog, *row;
  gint64 id;

  fixture_set_up (&f);
  id = add_follow_up (&f, "Call about the quote", "2026-03-18 14:00");
  {
    RowWait w = { f.page, id };

    shell_test_wait_for (row_shown_cb, &w);
  }
  row = find_row_of (f.page, id);

  g_assert_true (gtk_widget_activate_action (row, "follow-up.done-and-log", NULL));
  shell_test_spin ();
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_INTERACTION_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (text_of (dialog, "Summary"), ==, "Call about the quote");

  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_INTERACTION_DIALOG));

  interactions = rapport_store_list_interactions (f.t.db, f.customer_id, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);
  logged = g_list_model_get_item (interactions, 0);
  g_assert_cmpstr (rapport_interaction_get_summary (logged), ==, "Call about the quote");
  done = get_follow_up (&f, id);
  g_assert_true (rapport_follow_up_is_done (done));
  /* It completed one itself: no offer for another. */
  g_assert_false (shows_text (f.overlay, "done?"));

  fixture_tear_down (&f);
}

static void
test_add_follow_up_action (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f);

  /* Ctrl+T on the page: the dialog for the customer shown. */
  g_assert_true (gtk_widget_activate_action (f.page, "customer.add-follow-up", NULL));
  shell_test_spin ();
  g_assert_nonnull (shell_test_find_toplevel (RAPPORT_TYPE_FOLLOW_UP_DIALOG, NULL));
  gtk_window_destroy (shell_test_find_toplevel (RAPPORT_TYPE_FOLLOW_UP_DIALOG, NULL));
  shell_test_spin ();

  /* Nobody shown: nothing to add a follow-up to. */
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (f.page), 0);
  gtk_widget_activate_action (f.page, "customer.add-follow-up", NULL);
  shell_test_spin ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_FOLLOW_UP_DIALOG, NULL));

  fixture_tear_down (&f);
}

static gboolean
is_done_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "follow-up.done") == 0;
}

static void
test_read_only (void)
{
  Fixture f = { 0 };
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  RapportDatabase *read_only;
  RapportSession *session;
  GtkWidget *row;
  gint64 id;

  fixture_set_up (&f);
  id = add_follow_up (&f, "Call about the quote", "2026-03-18 14:00");
  {
    RowWait w = { f.page, id };

    shell_test_wait_for (row_shown_cb, &w);
  }
  g_assert_true (gtk_widget_is_sensitive (shell_test_find_widget (find_row_of (f.page, id), is_done_button, NULL)));

  path = g_build_filename (f.t.dir, "rapport.db", NULL);
  read_only = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  session = rapport_session_new_for_database (read_only, NULL, FALSE);
  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (f.page), session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (f.page), f.customer_id);
  shell_test_spin ();

  /* Listed, but nothing offers to change it. */
  row = find_row_of (f.page, id);
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_is_sensitive (shell_test_find_widget (row, is_done_button, NULL)));
  g_assert_false (gtk_widget_is_sensitive (find_titled (f.page, GTK_TYPE_BUTTON, "Add Follow-up")));

  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (f.page), NULL);
  g_assert_finalize_object (session);
  g_assert_finalize_object (read_only);
  fixture_tear_down (&f);
}

int
main (int    argc,
      char **argv)
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/follow-ups/format-due", test_format_due);
  g_test_add_func ("/ui/follow-ups/dialog-presets", test_dialog_presets);
  g_test_add_func ("/ui/follow-ups/dialog-save", test_dialog_save);
  g_test_add_func ("/ui/follow-ups/dialog-past-and-recurrence", test_dialog_past_and_recurrence);
  g_test_add_func ("/ui/follow-ups/dialog-edit", test_dialog_edit);
  g_test_add_func ("/ui/follow-ups/page-lists-and-refreshes", test_page_lists_and_refreshes);
  g_test_add_func ("/ui/follow-ups/done-undo", test_done_undo);
  g_test_add_func ("/ui/follow-ups/snooze-and-trash", test_snooze_and_trash);
  g_test_add_func ("/ui/follow-ups/offer-after-logging", test_offer_after_logging);
  g_test_add_func ("/ui/follow-ups/offer-after-order", test_offer_after_order);
  g_test_add_func ("/ui/follow-ups/next-step", test_next_step);
  g_test_add_func ("/ui/follow-ups/done-and-log", test_done_and_log);
  g_test_add_func ("/ui/follow-ups/add-follow-up-action", test_add_follow_up_action);
  g_test_add_func ("/ui/follow-ups/read-only", test_read_only);

  return shell_test_run ();
}
