/* test-at-risk-page.c
 *
 * The At Risk page on a real session with a fixed clock: the customers at
 * risk in value order with why; Mark Lost (a reason from the dialog) and Hold
 * take a customer off the list, the hold until it ends; retention opens the
 * interaction dialog prefilled; the empty state says how the rule works.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-at-risk-page.h"
#include "rapport-date.h"
#include "rapport-interaction-dialog.h"
#include "shell-test-utils.h"

#define DAY 86400

typedef struct
{
  TestDb             t;
  GtkWindow         *window;
  RapportAtRiskPage *page;
  guint              n_opened;
  gint64             opened_id;
} Fixture;

static gint64
add_customer_at (Fixture     *f,
                 const char  *name,
                 RapportTier  tier,
                 gint64       created_at)
{
  gint64 id;

  rapport_clock_set_fixed (f->t.clock, created_at);
  id = shell_test_add_customer (f->t.db, name, RAPPORT_STAGE_ACTIVE, tier, NULL);
  rapport_clock_set_fixed (f->t.clock, TEST_NOW);

  return id;
}

static void
add_order (Fixture *f,
           gint64   customer_id,
           int      days_ago,
           gint64   amount)
{
  g_autoptr (RapportOrder) order = rapport_order_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *date = rapport_date_from_unix_local (TEST_NOW - (gint64) days_ago * DAY);

  rapport_order_set_customer_id (order, customer_id);
  rapport_order_set_ordered_on (order, date);
  rapport_order_set_amount (order, amount);
  rapport_order_set_currency (order, "CNY");
  rapport_store_insert_order (f->t.db, order, &error);
  g_assert_no_error (error);
}

static void
add_interaction (Fixture *f,
                 gint64   customer_id,
                 int      days_ago)
{
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();
  g_autoptr (GError) error = NULL;

  rapport_interaction_set_customer_id (interaction, customer_id);
  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_CALL);
  rapport_interaction_set_occurred_at (interaction, TEST_NOW - (gint64) days_ago * DAY);
  rapport_interaction_set_summary (interaction, "Call");
  rapport_store_insert_interaction (f->t.db, interaction, &error);
  g_assert_no_error (error);
}

static void
open_cb (RapportAtRiskPage *page,
         gint64             customer_id,
         Fixture           *f)
{
  f->n_opened++;
  f->opened_id = customer_id;
}

static gboolean
is_idle (gpointer data)
{
  Fixture *f = data;

  return !rapport_at_risk_page_get_busy (f->page);
}

static void
wait_until_computed (Fixture *f)
{
  shell_test_flush ();
  shell_test_wait_for (is_idle, f);
  shell_test_flush ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *overlay;

  test_db_open (&f->t);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 400, 700);
  f->page = RAPPORT_AT_RISK_PAGE (rapport_at_risk_page_new ());
  g_signal_connect (f->page, "open-customer", G_CALLBACK (open_cb), f);
  /* A toast overlay, as in the main window, for the undoable toasts. */
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

static void
show_page (Fixture *f)
{
  rapport_at_risk_page_set_session (f->page, f->t.session);
  wait_until_computed (f);
}

static gboolean
is_label_containing (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_LABEL (widget) && is_shown (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static void
assert_shows (Fixture    *f,
              const char *text)
{
  if (shell_test_find_widget (GTK_WIDGET (f->page), is_label_containing, (gpointer) text) == NULL)
    g_error ("The page does not show “%s”", text);
}

static void
assert_ids (Fixture *f,
            guint    n,
            ...)
{
  GArray *ids = rapport_at_risk_page_get_customer_ids (f->page);
  va_list args;

  g_assert_cmpuint (ids->len, ==, n);
  g_assert_cmpuint (rapport_at_risk_page_get_n_at_risk (f->page), ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, va_arg (args, gint64));
  va_end (args);
}

typedef struct
{
  gint64 rhythm;    /* gold, orders every 3 weeks, last 63 days ago: ¥400.00 */
  gint64 idle;      /* iron, a call 95 days ago, no orders */
  gint64 big;       /* lead, one order of ¥900.00 200 days ago */
  gint64 recent;    /* platinum, ordered 5 days ago: not at risk */
} Book;

static void
make_book (Fixture *f,
           Book    *b)
{
  gint64 long_ago = TEST_NOW - 400 * DAY;

  b->rhythm = add_customer_at (f, "Rhythm Ltd", RAPPORT_TIER_GOLD, long_ago);
  b->idle = add_customer_at (f, "Idle Inc", RAPPORT_TIER_IRON, long_ago);
  b->big = add_customer_at (f, "Big Spender", RAPPORT_TIER_LEAD, long_ago);
  b->recent = add_customer_at (f, "Recent Co", RAPPORT_TIER_PLATINUM, long_ago);

  for (int i = 0; i < 4; i++)
    add_order (f, b->rhythm, 63 + 21 * i, 10000);
  add_interaction (f, b->idle, 95);
  add_order (f, b->big, 200, 90000);
  add_order (f, b->recent, 5, 500000);
}

/* Tests */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  Book b;

  make_book (f, &b);
  show_page (f);

  /* Most valuable first: ¥900.00, ¥400.00, then none. */
  assert_ids (f, 3, b.big, b.rhythm, b.idle);
  assert_shows (f, "Rhythm Ltd");
  assert_shows (f, "orders every 3 weeks; last order 9 weeks ago");
  assert_shows (f, "Gold · ¥400.00 in 12 months");
  assert_shows (f, "no order or interaction for 95 days (Iron: 90)");
  assert_shows (f, "Lead · ¥900.00 in 12 months");

  /* A call logged for the idle customer takes it off, without a reload. */
  add_interaction (f, b.idle, 0);
  wait_until_computed (f);
  assert_ids (f, 2, b.big, b.rhythm);

  /* Open Customer asks the window to show it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "at-risk.open", "x", b.rhythm));
  g_assert_cmpuint (f->n_opened, ==, 1);
  g_assert_cmpint (f->opened_id, ==, b.rhythm);
}

static gboolean
is_check_labelled (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), data) == 0;
}

static gboolean
is_entry (GtkWidget *widget,
          gpointer   data)
{
  return GTK_IS_ENTRY (widget);
}

static void
test_mark_lost (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *dialog;
  GtkWidget *competitor;
  Book b;

  make_book (f, &b);
  show_page (f);
  assert_ids (f, 3, b.big, b.rhythm, b.idle);

  /* Cancel changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "at-risk.mark-lost", "x", b.rhythm));
  dialog = shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  shell_test_destroy_window (dialog);
  wait_until_computed (f);
  assert_ids (f, 3, b.big, b.rhythm, b.idle);

  /* A reason from the list and a detail. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "at-risk.mark-lost", "x", b.rhythm));
  dialog = shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "lost"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  competitor = shell_test_find_widget (GTK_WIDGET (dialog), is_check_labelled, (gpointer) "Competitor");
  g_assert_nonnull (competitor);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (competitor), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (shell_test_find_widget (GTK_WIDGET (dialog), is_entry, NULL)),
                         "went with a cheaper supplier");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "lost");
  shell_test_destroy_window (dialog);
  wait_until_computed (f);

  assert_ids (f, 2, b.big, b.idle);
  customer = rapport_store_get_customer (f->t.db, b.rhythm, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_stage (customer), ==, RAPPORT_STAGE_LOST);
}

static void
test_hold (Fixture       *f,
           gconstpointer  data)
{
  Book b;

  make_book (f, &b);
  show_page (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "at-risk.hold", "(xi)", b.idle, (gint32) 7));
  wait_until_computed (f);
  assert_ids (f, 2, b.big, b.rhythm);

  /* Six days on it is still held; once the 7 days are over it is back. */
  rapport_clock_set_fixed (f->t.clock, TEST_NOW + 6 * DAY);
  rapport_at_risk_page_refresh (f->page);
  wait_until_computed (f);
  assert_ids (f, 2, b.big, b.rhythm);

  rapport_clock_set_fixed (f->t.clock, TEST_NOW + 7 * DAY);
  rapport_at_risk_page_refresh (f->page);
  wait_until_computed (f);
  assert_ids (f, 3, b.big, b.rhythm, b.idle);
}

static gboolean
is_summary_row (GtkWidget *widget,
                gpointer   data)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

static void
test_retain (Fixture       *f,
             gconstpointer  data)
{
  GtkWindow *dialog;
  Book b;

  make_book (f, &b);
  show_page (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "at-risk.retain", "x", b.idle));
  dialog = shell_test_find_toplevel (RAPPORT_TYPE_INTERACTION_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (dialog), is_summary_row, (gpointer) "Retention: "));
  shell_test_destroy_window (dialog);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  gint64 id = add_customer_at (f, "Recent Co", RAPPORT_TIER_PLATINUM, TEST_NOW - 400 * DAY);

  add_order (f, id, 3, 100);
  show_page (f);

  assert_ids (f, 0);
  assert_shows (f, "No Customers at Risk");
  assert_shows (f, "platinum 30 days, gold 60, iron 90, lead 180");
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

#define ADD(name, func) \
  g_test_add ("/at-risk-page/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("list", test_list);
  ADD ("mark-lost", test_mark_lost);
  ADD ("hold", test_hold);
  ADD ("retain", test_retain);
  ADD ("empty", test_empty);
#undef ADD

  return shell_test_run ();
}
