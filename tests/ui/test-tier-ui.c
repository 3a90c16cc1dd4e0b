/* test-tier-ui.c
 *
 * Value tiers in the UI (issue 10) on a real session: the customer page's
 * tier block (computed vs set by hand, Use Computed Tier with Undo, Set by
 * Hand, potential, history); Preferences › Tiers (invalid shares refused with
 * the message and not saved, valid rules saved, amounts, currency rates
 * added, flagged and removed, Recompute Now); the customer editor's
 * "Automatic (computed: …)" choice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-dialog.h"
#include "rapport-customer-tier-group.h"
#include "rapport-editor-dialog.h"
#include "rapport-store.h"
#include "rapport-tier-prefs-page.h"
#include "rapport-tier-store.h"
#include "shell-test-utils.h"

#define TODAY "2026-03-18"   /* TEST_NOW's day */

typedef struct
{
  TestDb     t;
  GtkWidget *window;
  GtkWidget *overlay;
  GtkWidget *widget;
  gint64     big_id;     /* the largest buyer of the book */
  gint64     small_id;
} Fixture;

static void
add_order (Fixture    *f,
           gint64      customer_id,
           const char *date,
           gint64      amount,
           const char *currency)
{
  g_autoptr (RapportOrder) order = rapport_order_new ();
  g_autoptr (GError) error = NULL;

  rapport_order_set_customer_id (order, customer_id);
  rapport_order_set_ordered_on (order, date);
  rapport_order_set_amount (order, amount);
  rapport_order_set_currency (order, currency);
  rapport_store_insert_order (f->t.db, order, &error);
  g_assert_no_error (error);
}

/* Ten customers with orders: one platinum (10% of them is 1 with the
 * defaults rounded up), the rest below. */
static void
add_book (Fixture *f)
{
  f->big_id = shell_test_add_customer (f->t.db, "Oakwood Hardware", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  add_order (f, f->big_id, "2026-01-10", 8640000, "CNY");
  f->small_id = shell_test_add_customer (f->t.db, "速阳建材", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  add_order (f, f->small_id, "2026-02-01", 1000, "CNY");
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      gint64 id = shell_test_add_customer (f->t.db, name, RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);

      add_order (f, id, "2026-02-15", 100000 + i * 1000, "CNY");
    }
}

/* The session's own recomputation (at start, after a rules change) stays
 * out of the group's tests: they recompute when they mean to. It stops
 * before the book is added, so a run at start found nothing. */
static void
open_db_without_recompute (Fixture *f)
{
  test_db_open (&f->t);
  rapport_tier_recompute_stop (rapport_session_get_tier_recompute (f->t.session));
}

static void
recompute (Fixture *f)
{
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autoptr (RapportTierRun) run = NULL;
  g_autoptr (GError) error = NULL;

  run = rapport_store_recompute_tiers (f->t.db, rules, "CNY", TODAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_null (run->not_computed_reason);
}

static RapportCustomerTiers *
get_tiers (Fixture *f,
           gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportCustomerTiers *tiers = rapport_store_get_customer_tiers (f->t.db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tiers);
  return tiers;
}

static void
set_up_window (Fixture   *f,
               GtkWidget *widget)
{
  f->window = adw_window_new ();
  f->overlay = adw_toast_overlay_new ();
  f->widget = g_object_ref_sink (widget);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f->overlay), widget);
  adw_window_set_content (ADW_WINDOW (f->window), f->overlay);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  shell_test_spin ();
}

static void
tear_down (Fixture *f)
{
  GtkWindow *dialog;

  while ((dialog = shell_test_find_toplevel (GTK_TYPE_WINDOW, GTK_WINDOW (f->window))) != NULL)
    gtk_window_destroy (dialog);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  shell_test_flush ();
  if (f->widget != NULL)
    g_assert_finalize_object (f->widget);
  test_db_close (&f->t);
}

static gboolean
is_by_hand_icon (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_IMAGE (widget) && is_shown (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Changed by hand") == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} TextQuery;

static gboolean
text_shown (gpointer data)
{
  TextQuery *query = data;

  return shows_text (query->root, query->text);
}

/* What other connections and the Undo toast change shows once the change
 * bus has delivered it. */
static void
wait_for_text (GtkWidget  *root,
               const char *text)
{
  TextQuery query = { root, text };

  test_wait_for (text_shown, &query);
}

static GtkWidget *
new_tier_group (Fixture *f,
                gint64   customer_id)
{
  GtkWidget *group = rapport_customer_tier_group_new ();

  rapport_customer_tier_group_set_session (RAPPORT_CUSTOMER_TIER_GROUP (group), f->t.session);
  rapport_customer_tier_group_set_customer_id (RAPPORT_CUSTOMER_TIER_GROUP (group), customer_id);
  return group;
}

/* The customer tier group */

static void
test_group_never_computed (void)
{
  Fixture f = { 0 };

  open_db_without_recompute (&f);
  add_book (&f);
  set_up_window (&f, new_tier_group (&f, f.big_id));

  g_assert_true (shows_text (f.widget, "Not computed yet"));
  g_assert_true (shows_text (f.widget, "once a day"));
  g_assert_true (shows_text (f.widget, "Lead"));
  g_assert_true (shows_text (f.widget, "Not suggested yet"));
  g_assert_true (shows_text (f.widget, "No tier changes yet"));
  g_assert_false (is_shown (find_titled (f.widget, GTK_TYPE_BUTTON, "Use Computed Tier")));

  tear_down (&f);
}

static void
test_group_manual_vs_computed (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportCustomerTiers) tiers = NULL;
  g_autofree char *computed_reason = NULL;
  GtkWidget *undo;

  open_db_without_recompute (&f);
  add_book (&f);
  recompute (&f);
  set_up_window (&f, new_tier_group (&f, f.big_id));

  /* Automatic: the computed tier with its reason. */
  tiers = get_tiers (&f, f.big_id);
  g_assert_true (tiers->has_computed);
  g_assert_false (tiers->has_manual);
  g_assert_cmpint (tiers->computed, ==, RAPPORT_TIER_PLATINUM);
  g_assert_nonnull (tiers->computed_reason);
  computed_reason = g_strdup (tiers->computed_reason);
  g_assert_true (shows_text (f.widget, "Computed: Platinum"));
  g_assert_true (shows_text (f.widget, computed_reason));
  g_assert_true (shows_text (f.widget, "rank 1 of"));
  g_assert_false (is_shown (find_titled (f.widget, GTK_TYPE_BUTTON, "Use Computed Tier")));
  g_clear_pointer (&tiers, rapport_customer_tiers_free);

  /* Set by hand: Iron, the computed tier beside it. */
  g_assert_true (gtk_widget_activate_action (f.widget, "tier.set-manual", "s", "iron"));
  shell_test_flush ();
  tiers = get_tiers (&f, f.big_id);
  g_assert_true (tiers->has_manual);
  g_assert_cmpint (tiers->manual, ==, RAPPORT_TIER_IRON);
  g_assert_cmpint (tiers->tier, ==, RAPPORT_TIER_IRON);
  g_clear_pointer (&tiers, rapport_customer_tiers_free);
  g_assert_true (shows_text (f.widget, "Set by hand: Iron"));
  g_assert_true (shows_text (f.widget, "Computed: Platinum ("));
  g_assert_true (shows_text (f.widget, computed_reason));
  /* …and in the history, newest first, by hand. */
  g_assert_true (shows_text (f.widget, "Platinum → Iron"));
  g_assert_true (shows_text (f.widget, "Set by hand"));
  g_assert_nonnull (shell_test_find_widget (f.widget, is_by_hand_icon, NULL));

  /* Use Computed Tier clears it, with Undo. */
  click (find_titled (f.widget, GTK_TYPE_BUTTON, "Use Computed Tier"));
  shell_test_flush ();
  tiers = get_tiers (&f, f.big_id);
  g_assert_false (tiers->has_manual);
  g_assert_cmpint (tiers->tier, ==, RAPPORT_TIER_PLATINUM);
  g_clear_pointer (&tiers, rapport_customer_tiers_free);
  g_assert_true (shows_text (f.widget, "Computed: Platinum"));
  g_assert_false (shows_text (f.widget, "Set by hand: Iron"));
  g_assert_true (shows_text (f.widget, "Iron → Platinum"));

  undo = find_titled (f.overlay, GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  click (undo);
  wait_for_text (f.widget, "Set by hand: Iron");
  tiers = get_tiers (&f, f.big_id);
  g_assert_true (tiers->has_manual);
  g_assert_cmpint (tiers->manual, ==, RAPPORT_TIER_IRON);

  tear_down (&f);
}

static void
test_group_potential (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportCustomerTiers) tiers = NULL;

  open_db_without_recompute (&f);
  add_book (&f);
  recompute (&f);
  set_up_window (&f, new_tier_group (&f, f.small_id));

  tiers = get_tiers (&f, f.small_id);
  g_assert_false (tiers->potential_is_manual);
  g_assert_true (shows_text (f.widget, "Suggested: "));
  g_clear_pointer (&tiers, rapport_customer_tiers_free);

  g_assert_true (gtk_widget_activate_action (f.widget, "tier.set-potential", "s", "high"));
  shell_test_flush ();
  tiers = get_tiers (&f, f.small_id);
  g_assert_true (tiers->potential_is_manual);
  g_assert_cmpint (tiers->potential, ==, RAPPORT_POTENTIAL_HIGH);
  g_clear_pointer (&tiers, rapport_customer_tiers_free);
  g_assert_true (shows_text (f.widget, "Set by hand: High"));
  g_assert_true (is_shown (find_titled (f.widget, GTK_TYPE_BUTTON, "Use Suggested")));

  click (find_titled (f.widget, GTK_TYPE_BUTTON, "Use Suggested"));
  shell_test_flush ();
  tiers = get_tiers (&f, f.small_id);
  g_assert_false (tiers->potential_is_manual);
  g_assert_false (shows_text (f.widget, "Set by hand: High"));

  tear_down (&f);
}

/* Changes made elsewhere (another window, the daily run) show at once; the
 * history grows with "Show More Changes". */
static void
test_group_follows_changes (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  RapportTier cycle[] = { RAPPORT_TIER_GOLD, RAPPORT_TIER_IRON };

  open_db_without_recompute (&f);
  add_book (&f);
  set_up_window (&f, new_tier_group (&f, f.small_id));
  g_assert_false (is_shown (find_titled (f.widget, GTK_TYPE_BUTTON, "Show More Changes")));

  for (guint i = 0; i < RAPPORT_CUSTOMER_TIER_GROUP_HISTORY_FIRST + 1; i++)
    {
      rapport_store_set_manual_tier (f.t.db, f.small_id, cycle[i % 2], &error);
      g_assert_no_error (error);
    }
  wait_for_text (f.widget, "Set by hand: Iron");
  /* The first change (Lead → Gold) is beyond the first page. */
  g_assert_false (shows_text (f.widget, "Lead → Gold"));
  click (find_titled (f.widget, GTK_TYPE_BUTTON, "Show More Changes"));
  shell_test_flush ();
  g_assert_true (shows_text (f.widget, "Lead → Gold"));
  g_assert_false (is_shown (find_titled (f.widget, GTK_TYPE_BUTTON, "Show More Changes")));

  tear_down (&f);
}

/* Preferences › Tiers */

static GtkWidget *
new_prefs_page (Fixture *f)
{
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = rapport_tier_prefs_page_new (f->t.session);

  f->window = window;
  f->widget = g_object_ref_sink (page);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_spin ();
  return page;
}

static gboolean
is_spin_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

static GtkSpinButton *
find_spin (GtkWidget  *root,
           const char *row_title)
{
  GtkWidget *row = find_titled (root, ADW_TYPE_ACTION_ROW, row_title);
  GtkWidget *spin;

  g_assert_nonnull (row);
  spin = shell_test_find_widget (row, is_spin_button, NULL);
  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

static void
test_prefs_shares (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportTierRules) rules = NULL;
  GtkWidget *page;

  test_db_open (&f.t);
  page = new_prefs_page (&f);

  g_assert_true (shows_text (page, "The top 1% of customers by their last 12 months’ orders are Platinum, "
                                   "the next 4% Gold, the next 15% Iron and the rest Lead."));
  g_assert_true (shows_text (page, "The rest: 80% of customers"));

  /* 50 + 40 + 15 > 100: refused with the message, nothing saved. */
  gtk_spin_button_set_value (find_spin (page, "Platinum, %"), 50);
  gtk_spin_button_set_value (find_spin (page, "Gold, %"), 40);
  shell_test_spin ();
  g_assert_true (shows_text (page, "add up to more than 100"));
  g_assert_true (gtk_widget_has_css_class (find_titled (page, ADW_TYPE_ACTION_ROW, "Gold, %"), "error"));
  rules = rapport_session_dup_tier_rules (f.t.session);
  g_assert_cmpfloat (rules->share[0], ==, 50);   /* 50 + 4 + 15 was valid */
  g_assert_cmpfloat (rules->share[1], ==, 4);
  g_clear_pointer (&rules, rapport_tier_rules_free);

  /* Valid again: saved, the message gone, the sentence follows. */
  gtk_spin_button_set_value (find_spin (page, "Platinum, %"), 2.5);
  gtk_spin_button_set_value (find_spin (page, "Period in Months"), 6);
  shell_test_spin ();
  g_assert_false (shows_text (page, "add up to more than 100"));
  g_assert_false (gtk_widget_has_css_class (find_titled (page, ADW_TYPE_ACTION_ROW, "Gold, %"), "error"));
  rules = rapport_session_dup_tier_rules (f.t.session);
  g_assert_cmpfloat (rules->share[0], ==, 2.5);
  g_assert_cmpfloat (rules->share[1], ==, 40);
  g_assert_cmpuint (rules->period_months, ==, 6);
  g_assert_true (shows_text (page, "The top 2.5% of customers by their last 6 months’ orders are Platinum, "
                                   "the next 40% Gold"));
  g_assert_true (shows_text (page, "The rest: 42.5% of customers"));
  g_clear_pointer (&rules, rapport_tier_rules_free);

  /* Changed elsewhere (another window, the settings): the page follows. */
  rules = rapport_tier_rules_new_default ();
  rules->share[2] = 30;
  g_assert_true (rapport_session_set_tier_rules (f.t.session, rules, NULL));
  g_assert_cmpfloat (gtk_spin_button_get_value (find_spin (page, "Iron, %")), ==, 30);
  g_assert_cmpfloat (gtk_spin_button_get_value (find_spin (page, "Platinum, %")), ==, 1);
  g_assert_true (shows_text (page, "the next 30% Iron"));

  tear_down (&f);
}

static void
test_prefs_amounts (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportTierRules) rules = NULL;
  GtkWidget *page;

  test_db_open (&f.t);
  page = new_prefs_page (&f);

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_titled (page, ADW_TYPE_COMBO_ROW, "Cut By")), 1);
  shell_test_spin ();
  rules = rapport_session_dup_tier_rules (f.t.session);
  g_assert_cmpint (rules->basis, ==, RAPPORT_TIER_BASIS_AMOUNT);
  g_clear_pointer (&rules, rapport_tier_rules_free);
  g_assert_true (is_shown (find_entry_row (page, "Gold, at least (CNY)")));
  g_assert_false (is_shown (find_titled (page, ADW_TYPE_ACTION_ROW, "Gold, %")));
  g_assert_true (shows_text (page, "at least ¥100,000.00 are Platinum"));

  /* Gold above platinum: refused. */
  type_into (page, "Gold, at least (CNY)", "200000");
  shell_test_spin ();
  g_assert_true (shows_text (page, "Platinum must need more than gold"));
  rules = rapport_session_dup_tier_rules (f.t.session);
  g_assert_cmpint (rules->amount[1], ==, 2000000);
  g_clear_pointer (&rules, rapport_tier_rules_free);

  /* Not an amount: the money parser's message. */
  type_into (page, "Gold, at least (CNY)", "lots");
  shell_test_spin ();
  g_assert_true (gtk_widget_has_css_class (find_entry_row (page, "Gold, at least (CNY)"), "error"));

  type_into (page, "Gold, at least (CNY)", "30,000");
  shell_test_spin ();
  g_assert_false (gtk_widget_has_css_class (find_entry_row (page, "Gold, at least (CNY)"), "error"));
  rules = rapport_session_dup_tier_rules (f.t.session);
  g_assert_cmpint (rules->amount[1], ==, 3000000);
  g_assert_true (shows_text (page, "at least ¥30,000.00 Gold"));
  g_clear_pointer (&rules, rapport_tier_rules_free);

  /* An amount left unreadable does not hold back the shares: hidden, it
   * stays as saved. */
  type_into (page, "Iron, at least (CNY)", "?");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_titled (page, ADW_TYPE_COMBO_ROW, "Cut By")), 0);
  gtk_spin_button_set_value (find_spin (page, "Gold, %"), 9);
  shell_test_spin ();
  rules = rapport_session_dup_tier_rules (f.t.session);
  g_assert_cmpint (rules->basis, ==, RAPPORT_TIER_BASIS_SHARE);
  g_assert_cmpfloat (rules->share[1], ==, 9);
  g_assert_cmpint (rules->amount[1], ==, 3000000);
  g_assert_cmpint (rules->amount[2], ==, 500000);

  tear_down (&f);
}

static AdwMessageDialog *
take_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        dialog = ADW_MESSAGE_DIALOG (window);
    }

  g_assert_nonnull (dialog);
  return dialog;
}

static double
stored_rate (Fixture    *f,
             const char *currency)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rates = rapport_store_list_currency_rates (f->t.db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rates->len; i++)
    {
      const RapportCurrencyRate *rate = g_ptr_array_index (rates, i);

      if (g_strcmp0 (rate->currency, currency) == 0)
        return rate->rate;
    }
  return 0;
}

static void
test_prefs_rates (void)
{
  Fixture f = { 0 };
  AdwMessageDialog *dialog;
  GtkWidget *page;

  test_db_open (&f.t);
  f.big_id = shell_test_add_customer (f.t.db, "Oakwood Hardware", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_LEAD, NULL);
  add_order (&f, f.big_id, "2026-01-10", 10000, "USD");
  page = new_prefs_page (&f);

  /* USD orders have no rate: flagged, with a button to set it. */
  g_assert_true (shows_text (page, "Orders in USD are left out of the tiers: no rate"));

  g_assert_true (gtk_widget_activate_action (page, "tiers.add-rate", NULL));
  dialog = take_message_dialog ();
  type_into (GTK_WIDGET (dialog), "Currency Code, such as USD", "cny");
  type_into (GTK_WIDGET (dialog), "1 CNY in CNY", "1");
  g_assert_true (shows_text (GTK_WIDGET (dialog), "CNY is the default currency"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  type_into (GTK_WIDGET (dialog), "1 CNY in CNY", "");
  type_into (GTK_WIDGET (dialog), "Currency Code, such as USD", "usd");
  type_into (GTK_WIDGET (dialog), "1 USD in CNY", "-3");
  g_assert_true (shows_text (GTK_WIDGET (dialog), "a number above zero"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  type_into (GTK_WIDGET (dialog), "1 USD in CNY", "7,10");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  shell_test_flush ();

  g_assert_cmpfloat_with_epsilon (stored_rate (&f, "USD"), 7.1, 1e-9);
  g_assert_true (shows_text (page, "1 USD = 7.10 CNY"));
  g_assert_false (shows_text (page, "Orders in USD are left out"));

  /* A rate below one keeps its digits. */
  g_assert_true (gtk_widget_activate_action (page, "tiers.edit-rate", "s", "JPY"));
  dialog = take_message_dialog ();
  type_into (GTK_WIDGET (dialog), "1 JPY in CNY", "0.05");
  adw_message_dialog_response (dialog, "save");
  shell_test_flush ();
  g_assert_cmpfloat_with_epsilon (stored_rate (&f, "JPY"), 0.05, 1e-9);
  g_assert_true (shows_text (page, "1 JPY = 0.0500 CNY"));

  /* Removed: gone from the store, and USD is flagged again. */
  g_assert_true (gtk_widget_activate_action (page, "tiers.remove-rate", "s", "USD"));
  shell_test_flush ();
  g_assert_cmpfloat (stored_rate (&f, "USD"), ==, 0);
  g_assert_false (shows_text (page, "1 USD = 7.10 CNY"));
  g_assert_true (shows_text (page, "Orders in USD are left out of the tiers: no rate"));

  tear_down (&f);
}

static gboolean
recompute_done (gpointer data)
{
  GtkWidget *page = data;
  GtkWidget *button = find_titled (page, GTK_TYPE_BUTTON, "Recompute Now");

  return gtk_widget_is_sensitive (button) && !shows_text (page, "Recomputing…");
}

static void
test_prefs_recompute (void)
{
  Fixture f = { 0 };
  GtkWidget *page;

  test_db_open (&f.t);
  page = new_prefs_page (&f);

  /* No orders: says why, and when it last ran. */
  click (find_titled (page, GTK_TYPE_BUTTON, "Recompute Now"));
  test_wait_for (recompute_done, page);
  g_assert_true (shows_text (page, "No orders in the last 12 months"));
  g_assert_false (shows_text (page, "customers ranked"));
  g_assert_false (shows_text (page, "Never"));
  g_assert_true (shows_text (page, "not computed: No orders"));

  add_book (&f);
  add_order (&f, f.small_id, "2026-03-01", 500, "EUR");
  click (find_titled (page, GTK_TYPE_BUTTON, "Recompute Now"));
  test_wait_for (recompute_done, page);
  g_assert_true (shows_text (page, "10 customers ranked"));
  g_assert_true (shows_text (page, "EUR orders left out: no rate"));

  tear_down (&f);
}

static void
test_prefs_read_only (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  RapportDatabase *db;
  RapportSession *session;
  GtkWidget *page;

  test_db_open (&f.t);
  path = g_strdup (rapport_database_get_path (f.t.db));
  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  session = rapport_session_new_for_database (db, NULL, FALSE);

  page = g_object_ref_sink (rapport_tier_prefs_page_new (session));
  g_assert_true (shows_text (page, "open read-only"));
  g_assert_false (gtk_widget_is_sensitive (find_titled (page, ADW_TYPE_COMBO_ROW, "Cut By")));
  g_assert_false (gtk_widget_is_sensitive (find_titled (page, GTK_TYPE_BUTTON, "Recompute Now")));
  g_assert_finalize_object (page);

  g_assert_finalize_object (session);
  g_assert_finalize_object (db);
  test_db_close (&f.t);
}

static void
test_rate_text (void)
{
  g_autofree char *text = rapport_tier_prefs_format_rate ("USD", 7.1, "CNY");
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  double rate;

  g_assert_cmpstr (text, ==, "1 USD = 7.10 CNY");
  g_assert_true (rapport_tier_prefs_parse_rate (" eur ", "7.8", "CNY", &code, &rate, &message));
  g_assert_cmpstr (code, ==, "EUR");
  g_assert_cmpfloat_with_epsilon (rate, 7.8, 1e-12);
  g_assert_null (message);
  g_clear_pointer (&code, g_free);
  g_assert_false (rapport_tier_prefs_parse_rate ("EURO", "7.8", "CNY", &code, &rate, &message));
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  g_assert_false (rapport_tier_prefs_parse_rate ("EUR", "7.8x", "CNY", &code, &rate, &message));
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  g_assert_false (rapport_tier_prefs_parse_rate ("EUR", "0", "CNY", &code, &rate, &message));
  g_clear_pointer (&message, g_free);
  g_assert_true (rapport_tier_prefs_parse_rate ("JPY", "0,05", "CNY", &code, &rate, &message));
  g_assert_cmpfloat_with_epsilon (rate, 0.05, 1e-12);
}

/* The customer editor */

static void
test_dialog_tier_rows (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (RapportCustomerTiers) tiers = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;
  AdwComboRow *tier_row;
  AdwComboRow *potential_row;
  GObject *item;

  open_db_without_recompute (&f);
  add_book (&f);
  recompute (&f);
  f.window = adw_window_new ();
  gtk_window_present (GTK_WINDOW (f.window));

  customer = rapport_store_get_customer (f.t.db, f.big_id, &error);
  g_assert_no_error (error);
  dialog = rapport_customer_dialog_new (GTK_WINDOW (f.window), f.t.session, customer);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  tier_row = ADW_COMBO_ROW (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Tier"));
  potential_row = ADW_COMBO_ROW (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Potential"));
  g_assert_cmpuint (adw_combo_row_get_selected (tier_row), ==, 0);
  item = adw_combo_row_get_selected_item (tier_row);
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), ==, "Automatic (computed: Platinum)");
  item = adw_combo_row_get_selected_item (potential_row);
  g_assert_true (g_str_has_prefix (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), "Suggested ("));

  /* Gold by hand, high potential by hand. */
  adw_combo_row_set_selected (tier_row, 1 + RAPPORT_TIER_GOLD);
  adw_combo_row_set_selected (potential_row, 1 + RAPPORT_POTENTIAL_HIGH);
  click (find_titled (dialog, GTK_TYPE_BUTTON, "Save"));
  shell_test_flush ();
  tiers = get_tiers (&f, f.big_id);
  g_assert_true (tiers->has_manual);
  g_assert_cmpint (tiers->manual, ==, RAPPORT_TIER_GOLD);
  g_assert_cmpint (tiers->tier, ==, RAPPORT_TIER_GOLD);
  g_assert_true (tiers->potential_is_manual);
  g_assert_cmpint (tiers->potential, ==, RAPPORT_POTENTIAL_HIGH);
  g_clear_pointer (&tiers, rapport_customer_tiers_free);
  g_clear_object (&customer);

  /* Opened again it shows the manual choice; Automatic clears it. */
  customer = rapport_store_get_customer (f.t.db, f.big_id, &error);
  dialog = rapport_customer_dialog_new (GTK_WINDOW (f.window), f.t.session, customer);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  tier_row = ADW_COMBO_ROW (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Tier"));
  g_assert_cmpuint (adw_combo_row_get_selected (tier_row), ==, 1 + RAPPORT_TIER_GOLD);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (tier_row)), ==, "Set by hand · computed: Platinum");
  adw_combo_row_set_selected (tier_row, 0);
  click (find_titled (dialog, GTK_TYPE_BUTTON, "Save"));
  shell_test_flush ();
  tiers = get_tiers (&f, f.big_id);
  g_assert_false (tiers->has_manual);
  g_assert_cmpint (tiers->tier, ==, RAPPORT_TIER_PLATINUM);
  g_assert_true (tiers->potential_is_manual);

  tear_down (&f);
}

/* A new customer: Automatic leaves the tier to the recomputation; a tier
 * picked for it is set by hand. */
static void
test_dialog_new_customer (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportCustomerTiers) tiers = NULL;
  g_autoptr (GArray) ids = NULL;
  GtkWidget *dialog;
  AdwComboRow *tier_row;
  GObject *item;

  open_db_without_recompute (&f);
  f.window = adw_window_new ();
  gtk_window_present (GTK_WINDOW (f.window));

  dialog = rapport_customer_dialog_new (GTK_WINDOW (f.window), f.t.session, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  tier_row = ADW_COMBO_ROW (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Tier"));
  item = adw_combo_row_get_selected_item (tier_row);
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), ==, "Automatic (not computed yet)");

  type_into (dialog, "Name", "Bluebird Foods");
  adw_combo_row_set_selected (tier_row, 1 + RAPPORT_TIER_PLATINUM);
  click (find_titled (dialog, GTK_TYPE_BUTTON, "Save"));
  shell_test_flush ();

  ids = rapport_store_search_customers (f.t.db, "Bluebird", 10, NULL);
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, 1);
  tiers = get_tiers (&f, g_array_index (ids, gint64, 0));
  g_assert_true (tiers->has_manual);
  g_assert_cmpint (tiers->manual, ==, RAPPORT_TIER_PLATINUM);
  g_assert_cmpint (tiers->tier, ==, RAPPORT_TIER_PLATINUM);
  g_assert_false (tiers->potential_is_manual);

  tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/tier/rate-text", test_rate_text);
  g_test_add_func ("/ui/tier/group-never-computed", test_group_never_computed);
  g_test_add_func ("/ui/tier/group-manual-vs-computed", test_group_manual_vs_computed);
  g_test_add_func ("/ui/tier/group-potential", test_group_potential);
  g_test_add_func ("/ui/tier/group-follows-changes", test_group_follows_changes);
  g_test_add_func ("/ui/tier/prefs-shares", test_prefs_shares);
  g_test_add_func ("/ui/tier/prefs-amounts", test_prefs_amounts);
  g_test_add_func ("/ui/tier/prefs-rates", test_prefs_rates);
  g_test_add_func ("/ui/tier/prefs-recompute", test_prefs_recompute);
  g_test_add_func ("/ui/tier/prefs-read-only", test_prefs_read_only);
  g_test_add_func ("/ui/tier/dialog-tier-rows", test_dialog_tier_rows);
  g_test_add_func ("/ui/tier/dialog-new-customer", test_dialog_new_customer);

  return shell_test_run ();
}
