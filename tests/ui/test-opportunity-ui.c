/* test-opportunity-ui.c
 *
 * Sales opportunities in the interface: the dialog (what it refuses and
 * says next to the field, the probability the user sets kept across a stage
 * change, the development plan's steps done with a result and their
 * follow-ups), the shared actions (won offers the order, lost asks for a
 * reason the user can add) and the customer page's Opportunities section.
 * Time is the fixed clock: Wednesday 2026-03-18 10:30 in Asia/Shanghai.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-customer-page.h"
#include "rapport-follow-up-dialog.h"
#include "rapport-opportunity-actions.h"
#include "rapport-opportunity-dialog.h"
#include "rapport-opportunity-form.h"
#include "rapport-order-dialog.h"
#include "rapport-staff-row.h"
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
  f->customer_id = shell_test_add_customer (f->t.db, "速阳有限公司", RAPPORT_STAGE_PROSPECT, RAPPORT_TIER_GOLD, NULL);

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
find_stage (Fixture    *f,
            const char *key)
{
  g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (f->t.db, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);

      if (g_strcmp0 (rapport_pipeline_stage_get_key (stage), key) == 0)
        return rapport_pipeline_stage_get_id (stage);
    }

  g_assert_not_reached ();
}

static gint64
add_opportunity (Fixture    *f,
                 const char *title,
                 gint64      amount,
                 gint        probability)
{
  g_autoptr (RapportOpportunity) opportunity = rapport_opportunity_new ();
  g_autoptr (GError) error = NULL;

  rapport_opportunity_set_customer_id (opportunity, f->customer_id);
  rapport_opportunity_set_title (opportunity, title);
  rapport_opportunity_set_currency (opportunity, "CNY");
  rapport_opportunity_set_amount (opportunity, amount);
  rapport_opportunity_set_probability (opportunity, probability);
  rapport_opportunity_set_stage_id (opportunity, find_stage (f, "proposal"));
  rapport_store_insert_opportunity (f->t.db, opportunity, &error);
  g_assert_no_error (error);

  return rapport_opportunity_get_id (opportunity);
}

static RapportOpportunity *
get_opportunity (Fixture *f,
                 gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportOpportunity *opportunity = rapport_store_get_opportunity (f->t.db, id, &error);

  g_assert_no_error (error);
  return opportunity;
}

static gint64
add_step (Fixture    *f,
          gint64      opportunity_id,
          const char *what,
          const char *due_on)
{
  g_autoptr (RapportPlanStep) step = rapport_plan_step_new ();
  g_autoptr (GError) error = NULL;

  rapport_plan_step_set_opportunity_id (step, opportunity_id);
  rapport_plan_step_set_what (step, what);
  rapport_plan_step_set_due_on (step, due_on);
  rapport_store_insert_plan_step (f->t.db, step, &error);
  g_assert_no_error (error);

  return rapport_plan_step_get_id (step);
}

static RapportPlanStep *
get_step (Fixture *f,
          gint64   opportunity_id,
          gint64   id)
{
  g_autoptr (GListModel) steps = rapport_store_list_plan_steps (f->t.db, opportunity_id, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr (RapportPlanStep) step = g_list_model_get_item (steps, i);

      if (rapport_plan_step_get_id (step) == id)
        return g_steal_pointer (&step);
    }

  g_assert_not_reached ();
}

static GtkWidget *
open_dialog (Fixture *f,
             gint64   opportunity_id)
{
  GtkWidget *dialog = rapport_opportunity_actions_open (f->page, f->t.session, f->customer_id, opportunity_id);

  g_assert_true (RAPPORT_IS_OPPORTUNITY_DIALOG (dialog));
  shell_test_spin ();
  return dialog;
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return shell_test_find_toplevel (GPOINTER_TO_SIZE (data), NULL) == NULL;
}

static void
save_and_wait (GtkWidget *dialog,
               GType      type)
{
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (type));
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

static gboolean
save_enabled (GtkWidget *dialog)
{
  return gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Save"));
}

/* What a click on a response button does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *label)
{
  GtkWidget *button = find_titled (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  click (button);
  shell_test_spin ();
  g_assert_null (shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GtkWindow *dialog = shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);

  g_assert_nonnull (dialog);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* The form's rules, without a display */

static RapportOpportunityFormState
form_state (const char *amount,
            const char *currency,
            const char *probability,
            const char *close)
{
  RapportOpportunityFormValues values = {
    .title = "ERP rollout",
    .amount = amount,
    .currency = currency,
    .probability = probability,
    .probability_is_default = probability == NULL,
    .expected_close = close,
    .today = "2026-03-18",
  };

  return rapport_opportunity_form_state_from_values (&values);
}

static void
test_form_state (void)
{
  struct {
    const char *amount, *currency, *probability, *close;
    const char *error;      /* in one of the errors, NULL when valid */
    gint64      minor;
    gint        probability_value;
    gboolean    in_past;
  } cases[] = {
    { "", "CNY", NULL, "", NULL, 0, -1, FALSE },
    { "1,234.50", "CNY", NULL, "", NULL, 123450, -1, FALSE },
    { "１２３４", "JPY", "35", "", NULL, 1234, 35, FALSE },
    { "35%", "CNY", "35%", "", "not an amount", 0, 35, FALSE },
    { "abc", "CNY", NULL, "", "“abc” is not an amount", 0, -1, FALSE },
    { "-5", "CNY", NULL, "", "Amounts cannot be below zero", 0, -1, FALSE },
    { "1.234", "CNY", NULL, "", "more decimals than this currency has", 0, -1, FALSE },
    { "1.5", "JPY", NULL, "", "this currency has no cents", 0, -1, FALSE },
    { "100", "CNY", "120", "", "between 0 and 100", 10000, -1, FALSE },
    { "100", "CNY", "-5", "", "between 0 and 100", 10000, -1, FALSE },
    { "100", "CNY", "0", "", NULL, 10000, 0, FALSE },
    { "100", "CNY", "", "", NULL, 10000, -1, FALSE },
    { "100", "CNY", NULL, "2026-03-17", NULL, 10000, -1, TRUE },
    { "100", "CNY", NULL, "2026-03-18", NULL, 10000, -1, FALSE },
    { "100", "CNY", NULL, "2026-02-30", "2026-02-30", 10000, -1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (RapportOpportunityFormState) state = form_state (cases[i].amount, cases[i].currency,
                                                               cases[i].probability, cases[i].close);
      g_autofree char *errors = g_strjoin ("|", state.amount_error ? state.amount_error : "",
                                           state.probability_error ? state.probability_error : "",
                                           state.close_error ? state.close_error : "", NULL);

      g_test_message ("case %u: %s", i, errors);
      if (cases[i].error == NULL)
        {
          g_assert_true (state.valid);
          g_assert_cmpint (state.amount, ==, cases[i].minor);
          g_assert_cmpint (state.probability, ==, cases[i].probability_value);
          g_assert_cmpint (state.close_in_past, ==, cases[i].in_past);
        }
      else
        {
          g_assert_false (state.valid);
          g_assert_nonnull (strstr (errors, cases[i].error));
        }
    }

  /* A title is needed. */
  {
    RapportOpportunityFormValues values = { .title = "  ", .currency = "CNY", .probability_is_default = TRUE };
    g_auto (RapportOpportunityFormState) state = rapport_opportunity_form_state_from_values (&values);

    g_assert_false (state.valid);
    g_assert_cmpstr (state.title_error, ==, "Enter a title for the opportunity");
  }
}

/* The dialog */

static void
test_dialog_refuses_bad_input (void)
{
  Fixture f = { 0 };
  g_autoptr (GListModel) saved = NULL;
  g_autoptr (RapportOpportunity) opportunity = NULL;
  GtkWidget *dialog;
  gint64 wang;

  fixture_set_up (&f);
  wang = rapport_store_add_staff_member (f.t.db, "王芳", "Sales", NULL);
  g_assert_cmpint (wang, >, 0);
  dialog = open_dialog (&f, 0);

  /* Without a title there is nothing to save. */
  g_assert_false (save_enabled (dialog));
  type_into (dialog, "Title", "二期扩容 <b>");
  g_assert_true (save_enabled (dialog));

  type_into (dialog, "Expected Amount", "abc");
  g_assert_true (shows_text (dialog, "“abc” is not an amount"));
  g_assert_false (save_enabled (dialog));

  type_into (dialog, "Expected Amount", "-5");
  g_assert_true (shows_text (dialog, "Amounts cannot be below zero"));
  g_assert_false (save_enabled (dialog));

  type_into (dialog, "Expected Amount", "1.234");
  g_assert_true (shows_text (dialog, "more decimals than this currency has"));
  g_assert_false (save_enabled (dialog));

  type_into (dialog, "Expected Amount", "120,000.50");
  g_assert_false (shows_text (dialog, "more decimals"));
  g_assert_true (save_enabled (dialog));

  type_into (dialog, "Probability (%)", "120");
  g_assert_true (shows_text (dialog, "The probability must be between 0 and 100"));
  g_assert_false (save_enabled (dialog));
  type_into (dialog, "Probability (%)", "-5");
  g_assert_true (shows_text (dialog, "The probability must be between 0 and 100"));
  g_assert_false (save_enabled (dialog));
  type_into (dialog, "Probability (%)", "35");
  g_assert_false (shows_text (dialog, "The probability must be"));

  /* A close date in the past is accepted, and said. */
  type_into (dialog, "Expected Close (YYYY-MM-DD)", "2026-03-01");
  g_assert_true (shows_text (dialog, "in the past"));
  g_assert_true (save_enabled (dialog));

  /* Owned by someone on the staff. */
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (find_titled (dialog, RAPPORT_TYPE_STAFF_ROW, "Owner")), wang);

  save_and_wait (dialog, RAPPORT_TYPE_OPPORTUNITY_DIALOG);

  saved = rapport_store_list_customer_opportunities (f.t.db, f.customer_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (saved), ==, 1);
  opportunity = g_list_model_get_item (saved, 0);
  g_assert_cmpstr (rapport_opportunity_get_title (opportunity), ==, "二期扩容 <b>");
  g_assert_cmpint (rapport_opportunity_get_amount (opportunity), ==, 12000050);
  g_assert_cmpstr (rapport_opportunity_get_currency (opportunity), ==, "CNY");
  g_assert_cmpint (rapport_opportunity_get_probability (opportunity), ==, 35);
  g_assert_cmpstr (rapport_opportunity_get_expected_close (opportunity), ==, "2026-03-01");
  /* The customer's primary contact is the one chosen at first. */
  g_assert_cmpint (rapport_opportunity_get_contact_id (opportunity), ==, f.contact_id);
  g_assert_cmpint (rapport_opportunity_get_owner_id (opportunity), ==, wang);

  /* The page lists it. */
  assert_eventually_shows (f.page, "二期扩容 <b>", TRUE);

  fixture_tear_down (&f);
}

static void
test_dialog_keeps_user_probability (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportOpportunity) saved = NULL;
  g_autoptr (RapportOpportunity) moved = NULL;
  GtkWidget *dialog, *probability, *stage;
  gint64 id;

  fixture_set_up (&f);

  /* A new one shows its stage's default, which follows the stage. */
  dialog = open_dialog (&f, 0);
  probability = find_entry_row (dialog, "Probability (%)");
  stage = find_titled (dialog, ADW_TYPE_COMBO_ROW, "Stage");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (probability)), ==, "10");
  g_assert_true (shows_text (dialog, "The stage’s default probability."));
  adw_combo_row_set_selected (ADW_COMBO_ROW (stage), 2);  /* Proposal */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (probability)), ==, "50");
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_spin ();

  /* One the user set stays theirs across a stage change. */
  id = add_opportunity (&f, "ERP rollout", 5000000, 35);
  dialog = open_dialog (&f, id);
  probability = find_entry_row (dialog, "Probability (%)");
  stage = find_titled (dialog, ADW_TYPE_COMBO_ROW, "Stage");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (probability)), ==, "35");
  g_assert_true (shows_text (dialog, "The stage’s default is 50 %"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (stage), 3);  /* Negotiation */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (probability)), ==, "35");
  g_assert_true (shows_text (dialog, "The stage’s default is 75 %"));
  save_and_wait (dialog, RAPPORT_TYPE_OPPORTUNITY_DIALOG);

  saved = get_opportunity (&f, id);
  g_assert_cmpint (rapport_opportunity_get_stage_id (saved), ==, find_stage (&f, "negotiation"));
  g_assert_cmpint (rapport_opportunity_get_probability (saved), ==, 35);

  /* Taking the stage's default back. */
  dialog = open_dialog (&f, id);
  probability = find_entry_row (dialog, "Probability (%)");
  g_assert_true (gtk_widget_activate_action (dialog, "probability.use-default", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (probability)), ==, "75");
  g_assert_true (shows_text (dialog, "The stage’s default probability."));
  save_and_wait (dialog, RAPPORT_TYPE_OPPORTUNITY_DIALOG);
  moved = get_opportunity (&f, id);
  g_assert_cmpint (rapport_opportunity_get_probability (moved), ==, -1);
  g_assert_cmpint (rapport_opportunity_get_effective_probability (moved), ==, 75);

  fixture_tear_down (&f);
}

static void
test_plan_step_done_with_result (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportPlanStep) step = NULL;
  g_autoptr (RapportPlanStep) added = NULL;
  g_autoptr (GListModel) steps = NULL;
  AdwMessageDialog *ask;
  GtkWidget *dialog;
  gint64 id, step_id, wang;

  fixture_set_up (&f);
  wang = rapport_store_add_staff_member (f.t.db, "王芳", NULL, NULL);
  id = add_opportunity (&f, "ERP rollout", 5000000, -1);
  step_id = add_step (&f, id, "Site survey", "2026-03-20");
  add_step (&f, id, "Send the proposal", "2026-03-10");

  dialog = open_dialog (&f, id);
  g_assert_true (shows_text (dialog, "Development Plan"));
  g_assert_true (shows_text (dialog, "0 of 2 done"));
  g_assert_true (shows_text (dialog, "Site survey"));
  g_assert_true (shows_text (dialog, "Due 2026-03-20"));
  g_assert_true (shows_text (dialog, "Overdue since 2026-03-10"));
  g_assert_true (shows_text (dialog, "Created in Proposal"));

  g_assert_true (gtk_widget_activate_action (dialog, "plan.done", "x", step_id));
  ask = find_message_dialog ();
  type_into (GTK_WIDGET (ask), "Result", "机房条件满足，客户要求两周内报价");
  respond (ask, "Mark Done");

  step = get_step (&f, id, step_id);
  g_assert_true (rapport_plan_step_is_done (step));
  g_assert_cmpstr (rapport_plan_step_get_result (step), ==, "机房条件满足，客户要求两周内报价");
  assert_eventually_shows (dialog, "1 of 2 done", TRUE);
  g_assert_true (shows_text (dialog, "Result: 机房条件满足"));

  /* A step added in the dialog. */
  g_assert_true (gtk_widget_activate_action (dialog, "plan.add", NULL));
  ask = find_message_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (ask, "save"));
  type_into (GTK_WIDGET (ask), "What to Do", "Negotiate the price");
  type_into (GTK_WIDGET (ask), "Due (YYYY-MM-DD)", "2026-02-30");
  g_assert_false (adw_message_dialog_get_response_enabled (ask, "save"));
  type_into (GTK_WIDGET (ask), "Due (YYYY-MM-DD)", "2026-04-02");
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (find_titled (GTK_WIDGET (ask), RAPPORT_TYPE_STAFF_ROW, "Who")), wang);
  g_assert_true (adw_message_dialog_get_response_enabled (ask, "save"));
  respond (ask, "Save");
  assert_eventually_shows (dialog, "1 of 3 done", TRUE);
  steps = rapport_store_list_plan_steps (f.t.db, id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 3);
  added = g_list_model_get_item (steps, 2);
  g_assert_cmpstr (rapport_plan_step_get_what (added), ==, "Negotiate the price");
  g_assert_cmpstr (rapport_plan_step_get_due_on (added), ==, "2026-04-02");
  g_assert_cmpint (rapport_plan_step_get_assignee_id (added), ==, wang);
  assert_eventually_shows (dialog, "Due 2026-04-02 · 王芳", TRUE);

  /* The page shows the plan's progress. */
  assert_eventually_shows (f.page, "plan 1 of 3 done", TRUE);

  fixture_tear_down (&f);
}

static void
test_plan_step_follow_up (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportPlanStep) step = NULL;
  g_autoptr (GListModel) follow_ups = NULL;
  g_autoptr (RapportFollowUp) follow_up = NULL;
  GtkWidget *dialog, *follow_up_dialog;
  gint64 id, step_id;

  fixture_set_up (&f);
  id = add_opportunity (&f, "ERP rollout", 5000000, -1);
  step_id = add_step (&f, id, "Site survey", "2026-03-20");

  dialog = open_dialog (&f, id);
  g_assert_false (shows_text (dialog, "Follow-up created"));
  g_assert_true (gtk_widget_activate_action (dialog, "plan.follow-up", "x", step_id));
  shell_test_spin ();
  follow_up_dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_FOLLOW_UP_DIALOG, NULL));
  g_assert_nonnull (follow_up_dialog);
  g_assert_true (shows_text (follow_up_dialog, "New Follow-up"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (follow_up_dialog, "Title"))), ==,
                   "Site survey");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (follow_up_dialog, "Date (YYYY-MM-DD)"))), ==,
                   "2026-03-20");
  save_and_wait (follow_up_dialog, RAPPORT_TYPE_FOLLOW_UP_DIALOG);

  follow_ups = rapport_store_list_follow_ups (f.t.db, f.customer_id, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (follow_ups), ==, 1);
  follow_up = g_list_model_get_item (follow_ups, 0);
  g_assert_cmpstr (rapport_follow_up_get_title (follow_up), ==, "Site survey");
  g_assert_cmpstr (rapport_follow_up_get_due_local (follow_up), ==, "2026-03-20 09:00");
  g_assert_cmpint (rapport_follow_up_get_remind_before (follow_up), ==, 0);

  step = get_step (&f, id, step_id);
  g_assert_cmpint (rapport_plan_step_get_follow_up_id (step), ==, rapport_follow_up_get_id (follow_up));
  assert_eventually_shows (dialog, "Follow-up created", TRUE);

  fixture_tear_down (&f);
}

/* The actions */

static void
test_win_offers_order (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportOpportunity) won = NULL;
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GListModel) orders = NULL;
  g_autoptr (RapportOrder) order = NULL;
  GtkWidget *button, *order_dialog;
  gint64 id;

  fixture_set_up (&f);
  id = add_opportunity (&f, "ERP rollout", 5000050, -1);
  assert_eventually_shows (f.page, "ERP rollout", TRUE);

  g_assert_true (gtk_widget_activate_action (f.page, "customer.win-opportunity", "x", id));
  shell_test_spin ();
  won = get_opportunity (&f, id);
  g_assert_cmpint (rapport_opportunity_get_stage_kind (won), ==, RAPPORT_STAGE_KIND_WON);
  /* Its first win makes the prospect active. */
  customer = rapport_store_get_customer (f.t.db, f.customer_id, NULL);
  g_assert_cmpint (rapport_customer_get_stage (customer), ==, RAPPORT_STAGE_ACTIVE);
  g_assert_true (shows_text (f.overlay, "“ERP rollout” won"));
  assert_eventually_shows (f.page, "Won 2026-03-18", TRUE);

  button = find_titled (f.overlay, GTK_TYPE_BUTTON, "Record Order…");
  g_assert_nonnull (button);
  click (button);
  shell_test_spin ();
  order_dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_ORDER_DIALOG, NULL));
  g_assert_nonnull (order_dialog);
  g_assert_true (shows_text (order_dialog, "New Order"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (order_dialog, "Amount"))), ==, "50,000.50");
  g_assert_cmpstr (rapport_order_dialog_get_currency (RAPPORT_ORDER_DIALOG (order_dialog)), ==, "CNY");
  save_and_wait (order_dialog, RAPPORT_TYPE_ORDER_DIALOG);

  orders = rapport_store_list_orders (f.t.db, f.customer_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 1);
  order = g_list_model_get_item (orders, 0);
  g_assert_cmpint (rapport_order_get_amount (order), ==, 5000050);
  g_assert_cmpstr (rapport_order_get_description (order), ==, "ERP rollout");
  g_assert_cmpstr (rapport_order_get_ordered_on (order), ==, "2026-03-18");

  fixture_tear_down (&f);
}

static void
test_win_in_dialog (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportOpportunity) won = NULL;
  GtkWidget *dialog, *order_dialog;
  gint64 id;

  fixture_set_up (&f);
  id = add_opportunity (&f, "ERP rollout", 5000050, -1);
  dialog = open_dialog (&f, id);
  g_assert_true (shows_text (dialog, "Open, in Proposal"));
  g_assert_true (is_shown (find_titled (dialog, GTK_TYPE_BUTTON, "Won")));
  g_assert_false (is_shown (find_titled (dialog, GTK_TYPE_BUTTON, "Record Order…")));

  click (find_titled (dialog, GTK_TYPE_BUTTON, "Won"));
  shell_test_spin ();
  won = get_opportunity (&f, id);
  g_assert_cmpint (rapport_opportunity_get_stage_kind (won), ==, RAPPORT_STAGE_KIND_WON);
  /* The dialog shows it at once, and the order stays a click away. */
  assert_eventually_shows (dialog, "Won", TRUE);
  g_assert_true (shows_text (dialog, "Closed 2026-03-18 10:30"));
  g_assert_false (is_shown (find_titled (dialog, GTK_TYPE_BUTTON, "Won")));
  g_assert_false (is_shown (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Stage")));
  click (find_titled (dialog, GTK_TYPE_BUTTON, "Record Order…"));
  shell_test_spin ();
  order_dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_ORDER_DIALOG, NULL));
  g_assert_nonnull (order_dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (order_dialog, "Description"))), ==,
                   "ERP rollout");

  fixture_tear_down (&f);
}

static gboolean
is_new_reason_entry (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), data) == 0;
}

static void
test_lose_needs_reason (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportOpportunity) lost = NULL;
  g_autoptr (RapportOpportunity) lost_again = NULL;
  g_autoptr (GArray) reasons = NULL;
  AdwMessageDialog *ask;
  GtkWidget *entry, *check, *dialog;
  gint64 id, new_reason_id = 0;

  fixture_set_up (&f);
  id = add_opportunity (&f, "ERP rollout", 5000000, -1);

  /* No reason, no loss. */
  ask = ADW_MESSAGE_DIALOG (rapport_opportunity_actions_lose (f.page, f.t.session, id));
  g_assert_false (adw_message_dialog_get_response_enabled (ask, "lose"));

  /* A reason of the user's own: added to the list, and used. */
  entry = shell_test_find_widget (GTK_WIDGET (ask), is_new_reason_entry, "A new reason");
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (ask, "lose"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "项目取消");
  g_assert_true (adw_message_dialog_get_response_enabled (ask, "lose"));
  entry = shell_test_find_widget (GTK_WIDGET (ask), is_new_reason_entry, "Note (optional)");
  gtk_editable_set_text (GTK_EDITABLE (entry), "预算冻结到明年");
  respond (ask, "Mark as Lost");

  reasons = rapport_store_list_lost_reasons (f.t.db, NULL);
  for (guint i = 0; i < reasons->len; i++)
    if (g_strcmp0 (g_array_index (reasons, RapportLostReason, i).name, "项目取消") == 0)
      new_reason_id = g_array_index (reasons, RapportLostReason, i).id;
  g_assert_cmpint (new_reason_id, >, 0);
  lost = get_opportunity (&f, id);
  g_assert_cmpint (rapport_opportunity_get_stage_kind (lost), ==, RAPPORT_STAGE_KIND_LOST);
  g_assert_cmpint (rapport_opportunity_get_lost_reason_id (lost), ==, new_reason_id);
  g_assert_cmpstr (rapport_opportunity_get_lost_note (lost), ==, "预算冻结到明年");
  assert_eventually_shows (f.page, "Lost: 项目取消", TRUE);

  /* The dialog shows why; Reopen takes it back into a stage of the user's choice. */
  dialog = open_dialog (&f, id);
  g_assert_true (shows_text (dialog, "Lost: 项目取消"));
  g_assert_true (shows_text (dialog, "Lost: 项目取消"));
  g_assert_true (gtk_widget_activate_action (dialog, "opportunity.reopen", NULL));
  ask = find_message_dialog ();
  check = gtk_widget_get_ancestor (find_titled (GTK_WIDGET (ask), GTK_TYPE_LABEL, "Negotiation"), GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  respond (ask, "Reopen");
  g_clear_object (&lost);
  lost = get_opportunity (&f, id);
  g_assert_false (rapport_opportunity_is_closed (lost));
  g_assert_cmpint (rapport_opportunity_get_stage_id (lost), ==, find_stage (&f, "negotiation"));
  assert_eventually_shows (dialog, "Reopened in Negotiation", TRUE);
  g_assert_true (shows_text (dialog, "Open, in Negotiation"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_spin ();

  /* Next time the user's reason is on the list. */
  ask = ADW_MESSAGE_DIALOG (rapport_opportunity_actions_lose (f.page, f.t.session, id));
  check = gtk_widget_get_ancestor (find_titled (GTK_WIDGET (ask), GTK_TYPE_LABEL, "项目取消"), GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  check = gtk_widget_get_ancestor (find_titled (GTK_WIDGET (ask), GTK_TYPE_LABEL, "Price"), GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (ask, "lose"));
  respond (ask, "Mark as Lost");
  lost_again = get_opportunity (&f, id);
  g_assert_cmpint (rapport_opportunity_get_stage_kind (lost_again), ==, RAPPORT_STAGE_KIND_LOST);
  g_assert_cmpint (rapport_opportunity_get_lost_reason_id (lost_again), !=, new_reason_id);
  g_assert_null (rapport_opportunity_get_lost_note (lost_again));

  fixture_tear_down (&f);
}

/* The customer page */

static void
test_page_lists_and_updates (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;
  gint64 id;

  fixture_set_up (&f);
  g_assert_true (shows_text (f.page, "Opportunities"));
  g_assert_true (shows_text (f.page, "No opportunities yet"));
  click (find_titled (f.page, GTK_TYPE_BUTTON, "Add Opportunity"));
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_OPPORTUNITY_DIALOG, NULL));
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Added elsewhere (the board): it comes, with its stage, amount and probability. */
  id = add_opportunity (&f, "ERP rollout", 5000000, -1);
  assert_eventually_shows (f.page, "ERP rollout", TRUE);
  g_assert_false (shows_text (f.page, "No opportunities yet"));
  g_assert_true (shows_text (f.page, "Proposal · ¥50,000.00 · 50 %"));

  /* Moved elsewhere: the row follows. */
  rapport_store_move_opportunity (f.t.db, id, find_stage (&f, "negotiation"), &error);
  g_assert_no_error (error);
  assert_eventually_shows (f.page, "Negotiation · ¥50,000.00 · 75 %", TRUE);

  /* A stage renamed in Preferences: the row says so. */
  rapport_store_rename_pipeline_stage (f.t.db, find_stage (&f, "negotiation"), "商务谈判", &error);
  g_assert_no_error (error);
  assert_eventually_shows (f.page, "商务谈判 · ¥50,000.00 · 75 %", TRUE);

  /* Twenty days on with nothing done: stalled. */
  rapport_clock_set_fixed (f.t.clock, TEST_NOW + 20 * 86400);
  add_step (&f, add_opportunity (&f, "Second site", 0, -1), "Call", NULL);
  assert_eventually_shows (f.page, "No activity for 20 days", TRUE);

  /* Activating the row opens it. */
  g_assert_true (gtk_widget_activate_action (f.page, "customer.open-opportunity", "x", id));
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_OPPORTUNITY_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_true (shows_text (dialog, "Edit Opportunity"));
  g_assert_true (shows_text (dialog, "Stalled: no activity for 20 days"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The page's action adds one. */
  g_assert_true (gtk_widget_activate_action (f.page, "customer.add-opportunity", NULL));
  dialog = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_OPPORTUNITY_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_true (shows_text (dialog, "New Opportunity"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Trashed: it goes, and Undo brings it back. */
  g_assert_true (gtk_widget_activate_action (f.page, "customer.trash-opportunity", "x", id));
  assert_eventually_shows (f.page, "ERP rollout", FALSE);
  click (find_titled (f.overlay, GTK_TYPE_BUTTON, "Undo"));
  assert_eventually_shows (f.page, "ERP rollout", TRUE);

  fixture_tear_down (&f);
}

static void
test_page_read_only (void)
{
  Fixture f = { 0 };
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  RapportDatabase *read_only;
  RapportSession *session;
  gint64 id;

  fixture_set_up (&f);
  id = add_opportunity (&f, "ERP rollout", 5000000, -1);

  path = g_build_filename (f.t.dir, "rapport.db", NULL);
  read_only = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  session = rapport_session_new_for_database (read_only, NULL, FALSE);
  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (f.page), session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (f.page), f.customer_id);
  shell_test_spin ();

  /* Listed, but nothing offers to change it. */
  g_assert_true (shows_text (f.page, "ERP rollout"));
  gtk_widget_activate_action (f.page, "customer.add-opportunity", NULL);
  gtk_widget_activate_action (f.page, "customer.open-opportunity", "x", id);
  gtk_widget_activate_action (f.page, "customer.win-opportunity", "x", id);
  shell_test_spin ();
  g_assert_null (shell_test_find_toplevel (RAPPORT_TYPE_OPPORTUNITY_DIALOG, NULL));
  {
    g_autoptr (RapportOpportunity) still_open = get_opportunity (&f, id);

    g_assert_false (rapport_opportunity_is_closed (still_open));
  }

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

  g_test_add_func ("/ui/opportunities/form-state", test_form_state);
  g_test_add_func ("/ui/opportunities/dialog-refuses-bad-input", test_dialog_refuses_bad_input);
  g_test_add_func ("/ui/opportunities/dialog-keeps-user-probability", test_dialog_keeps_user_probability);
  g_test_add_func ("/ui/opportunities/plan-step-done-with-result", test_plan_step_done_with_result);
  g_test_add_func ("/ui/opportunities/plan-step-follow-up", test_plan_step_follow_up);
  g_test_add_func ("/ui/opportunities/win-offers-order", test_win_offers_order);
  g_test_add_func ("/ui/opportunities/win-in-dialog", test_win_in_dialog);
  g_test_add_func ("/ui/opportunities/lose-needs-reason", test_lose_needs_reason);
  g_test_add_func ("/ui/opportunities/page-lists-and-updates", test_page_lists_and_updates);
  g_test_add_func ("/ui/opportunities/page-read-only", test_page_read_only);

  return shell_test_run ();
}
