/* rapport-at-risk-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-at-risk-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-at-risk-page.h"
#include "rapport-churn.h"
#include "rapport-enums.h"
#include "rapport-interaction-dialog.h"
#include "rapport-money.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"

/* Changes come in bursts (an import, a customer saved with its tags): one
 * computation after they settle. */
#define REFRESH_DELAY_MS 300
#define UNSEEN_FIRST_DELAY_MS 1000
/* The list depends on the date as well as on the data. */
#define STALE_AFTER_SECONDS 3600

struct _RapportAtRiskPage
{
  AdwBin             parent_instance;

  GtkButton         *back_button;
  AdwWindowTitle    *window_title;
  GtkSpinner        *spinner;
  GtkStack          *stack;
  GtkListBox        *list_box;
  GtkLabel          *more_label;
  AdwStatusPage     *empty_page;

  RapportSession    *session;
  RapportDatabase   *db;              /* the session's */
  RapportDatabase   *worker;          /* one computation at a time uses it */
  GSignalGroup      *bus_signals;
  GSignalGroup      *session_signals;
  GCancellable      *cancellable;
  GPtrArray         *at_risk;         /* RapportAtRisk, as last computed */
  GArray            *customer_ids;    /* gint64, the rows' */
  RapportChurnRules *rules;           /* of the last computation */
  gint64             computed_at;
  guint              refresh_id;
  gboolean           computing;
  gboolean           again;           /* changed while computing */
  gboolean           show_back_button;
};

G_DEFINE_FINAL_TYPE (RapportAtRiskPage, rapport_at_risk_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_BACK_BUTTON,
  PROP_N_AT_RISK,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  OPEN_CUSTOMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The reasons offered when a customer is marked lost, stored as shown. */
static const char * const lost_reasons[] = {
  N_("Price"),
  N_("Competitor"),
  N_("No budget"),
  N_("No response"),
  N_("Moved away"),
  N_("Other"),
};

static void start_computation (RapportAtRiskPage *self);

/* Helpers */

static gint64
now (RapportAtRiskPage *self)
{
  return rapport_clock_now (rapport_session_get_clock (self->session));
}

static const RapportAtRisk *
find_at_risk (RapportAtRiskPage *self,
              gint64             customer_id)
{
  for (guint i = 0; self->at_risk != NULL && i < self->at_risk->len; i++)
    {
      const RapportAtRisk *item = g_ptr_array_index (self->at_risk, i);

      if (item->customer_id == customer_id)
        return item;
    }
  return NULL;
}

static void
show_error_toast (RapportAtRiskPage *self,
                  const GError      *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  rapport_widget_add_toast (GTK_WIDGET (self), toast);
}

static GMenuModel *
create_row_menu (gint64 customer_id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) hold = g_menu_new ();
  g_autoptr (GMenu) main_section = g_menu_new ();
  g_autoptr (GMenu) lost_section = g_menu_new ();
  const guint hold_days[] = { 7, 30, 90 };

  {
    g_autoptr (GMenuItem) retain = g_menu_item_new (_("_Log Retention Action…"), NULL);
    g_autoptr (GMenuItem) open = g_menu_item_new (_("_Open Customer"), NULL);

    g_menu_item_set_action_and_target_value (retain, "at-risk.retain", g_variant_new_int64 (customer_id));
    g_menu_item_set_action_and_target_value (open, "at-risk.open", g_variant_new_int64 (customer_id));
    g_menu_append_item (main_section, retain);
    g_menu_append_item (main_section, open);
  }

  for (guint i = 0; i < G_N_ELEMENTS (hold_days); i++)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("For %u Day", "For %u Days", hold_days[i]), hold_days[i]);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "at-risk.hold",
                                               g_variant_new ("(xi)", customer_id, (gint32) hold_days[i]));
      g_menu_append_item (hold, item);
    }
  g_menu_append_submenu (main_section, _("_Hold Warning"), G_MENU_MODEL (hold));

  {
    g_autoptr (GMenuItem) lost = g_menu_item_new (_("_Mark Lost…"), NULL);

    g_menu_item_set_action_and_target_value (lost, "at-risk.mark-lost", g_variant_new_int64 (customer_id));
    g_menu_append_item (lost_section, lost);
  }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (main_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (lost_section));

  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_row (RapportAtRiskPage   *self,
            const RapportAtRisk *item)
{
  g_autofree char *value = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *menu_tooltip = NULL;
  g_autoptr (GMenuModel) menu = create_row_menu (item->customer_id);
  const char *tier = rapport_tier_get_label (item->tier);
  GtkWidget *row;
  GtkWidget *button;

  reason = rapport_churn_describe (item->tier, self->rules->threshold_days[item->tier],
                                   item->last_activity_at, item->last_order_at,
                                   item->typical_gap_days, self->computed_at);

  if (item->value_12m > 0)
    {
      g_autofree char *amount = rapport_money_format (item->value_12m, self->rules->default_currency);

      /* Translators: the tier, the last 12 months' orders and why the
       * customer is at risk: "Gold · ¥12,000.00 in 12 months\norders every
       * 3 weeks; last order 9 weeks ago" */
      value = g_strdup_printf (_("%s · %s in 12 months"), tier, amount);
    }
  else
    /* Translators: the tier, for a customer without orders in 12 months */
    value = g_strdup_printf (_("%s · no orders in 12 months"), tier);
  subtitle = g_strconcat (value, "\n", reason, NULL);

  row = adw_action_row_new ();
  /* Names are what users typed: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->name != NULL ? item->name : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "at-risk.open");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (item->customer_id));

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: the tooltip of a row's menu; %s is the customer's name */
  menu_tooltip = g_strdup_printf (_("Actions for “%s”"), item->name != NULL ? item->name : "");
  gtk_widget_set_tooltip_text (button, menu_tooltip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
clear_rows (RapportAtRiskPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

static void
update_empty_description (RapportAtRiskPage *self)
{
  g_autofree char *description = NULL;
  const RapportChurnRules *rules = self->rules;

  if (rules == NULL)
    return;

  /* Translators: how the churn warning works, in one line */
  description = g_strdup_printf (_("A customer is at risk when it has been quiet for longer than its tier allows "
                                   "(platinum %u days, gold %u, iron %u, lead %u) and, once it orders regularly, "
                                   "longer than %g times its usual gap between orders."),
                                 rules->threshold_days[RAPPORT_TIER_PLATINUM],
                                 rules->threshold_days[RAPPORT_TIER_GOLD],
                                 rules->threshold_days[RAPPORT_TIER_IRON],
                                 rules->threshold_days[RAPPORT_TIER_LEAD],
                                 rules->gap_multiple);
  adw_status_page_set_description (self->empty_page, description);
}

static void
show_list (RapportAtRiskPage *self)
{
  guint n = self->at_risk != NULL ? self->at_risk->len : 0;
  guint shown = MIN (n, RAPPORT_AT_RISK_PAGE_MAX_ROWS);

  clear_rows (self);
  g_array_set_size (self->customer_ids, 0);

  for (guint i = 0; i < shown; i++)
    {
      const RapportAtRisk *item = g_ptr_array_index (self->at_risk, i);

      gtk_list_box_append (self->list_box, create_row (self, item));
      g_array_append_val (self->customer_ids, item->customer_id);
    }

  if (n > shown)
    {
      g_autofree char *more = NULL;

      /* Translators: under the list when it is cut short */
      more = g_strdup_printf (ngettext ("The %u most valuable of %u customer at risk are shown.",
                                        "The %u most valuable of %u customers at risk are shown.", n),
                              shown, n);
      gtk_label_set_text (self->more_label, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), n > shown);

  if (n > 0)
    {
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u customer", "%u customers", n), n);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else
    adw_window_title_set_subtitle (self->window_title, NULL);

  update_empty_description (self);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
set_busy (RapportAtRiskPage *self,
          gboolean           busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The computation, on a worker connection */

typedef struct
{
  RapportDatabase   *worker;
  RapportChurnRules *rules;
  gint64             now;
} Computation;

static void
computation_free (Computation *computation)
{
  g_clear_object (&computation->worker);
  g_clear_pointer (&computation->rules, rapport_churn_rules_free);
  g_free (computation);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Computation *computation = task_data;
  GError *error = NULL;
  GPtrArray *at_risk;

  at_risk = rapport_store_compute_at_risk (computation->worker, computation->rules, computation->now, &error);
  if (at_risk == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, at_risk, (GDestroyNotify) g_ptr_array_unref);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (RapportAtRiskPage) self = user_data;
  g_autoptr (GError) error = NULL;
  Computation *computation = g_task_get_task_data (G_TASK (result));
  GPtrArray *at_risk;
  guint n_before = self->at_risk != NULL ? self->at_risk->len : 0;

  at_risk = g_task_propagate_pointer (G_TASK (result), &error);

  /* Started for a session the page no longer shows, or disposed. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable ||
      g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&at_risk, g_ptr_array_unref);
      return;
    }

  self->computing = FALSE;

  if (at_risk == NULL)
    {
      g_warning ("Could not find the customers at risk: %s", error->message);
    }
  else
    {
      g_clear_pointer (&self->at_risk, g_ptr_array_unref);
      self->at_risk = at_risk;
      g_clear_pointer (&self->rules, rapport_churn_rules_free);
      self->rules = g_steal_pointer (&computation->rules);
      self->computed_at = computation->now;
      show_list (self);
      if (self->at_risk->len != n_before)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_AT_RISK]);
    }

  if (self->again)
    start_computation (self);
  else
    set_busy (self, FALSE);
}

static void
start_computation (RapportAtRiskPage *self)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  Computation *computation;

  self->again = FALSE;

  if (self->session == NULL)
    return;

  if (self->computing)
    {
      self->again = TRUE;
      return;
    }

  if (self->worker == NULL)
    {
      self->worker = rapport_session_open_worker (self->session, &error);
      if (self->worker == NULL)
        {
          g_warning ("Could not open a worker for the customers at risk: %s", error->message);
          set_busy (self, FALSE);
          return;
        }
    }

  computation = g_new0 (Computation, 1);
  computation->worker = g_object_ref (self->worker);
  computation->rules = rapport_session_dup_churn_rules (self->session);
  computation->now = now (self);

  self->computing = TRUE;
  set_busy (self, TRUE);
  task = g_task_new (NULL, self->cancellable, computed_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_computation);
  g_task_set_task_data (task, computation, (GDestroyNotify) computation_free);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
refresh_cb (gpointer user_data)
{
  RapportAtRiskPage *self = user_data;

  self->refresh_id = 0;
  start_computation (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RapportAtRiskPage *self)
{
  if (self->session == NULL)
    return;

  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
  if (!self->computing)
    set_busy (self, TRUE);
}

/* Callbacks */

static void
changes_cb (RapportAtRiskPage *self,
            GArray            *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      RapportEntityKind kind = g_array_index (changes, RapportChange, i).kind;

      if (kind == RAPPORT_ENTITY_KIND_CUSTOMER ||
          kind == RAPPORT_ENTITY_KIND_ORDER ||
          kind == RAPPORT_ENTITY_KIND_INTERACTION)
        {
          queue_refresh (self);
          return;
        }
    }
}

typedef struct
{
  RapportAtRiskPage *self;
  RapportCustomer   *before;     /* for undo */
  GtkCheckButton   **reasons;
  GtkEntry          *details;
} MarkLost;

static void
mark_lost_free (MarkLost *mark_lost)
{
  g_clear_object (&mark_lost->self);
  g_clear_object (&mark_lost->before);
  g_free (mark_lost->reasons);
  g_free (mark_lost);
}

static void
undo_lost_cb (AdwToast        *toast,
              RapportCustomer *before)
{
  g_autoptr (GError) error = NULL;
  RapportAtRiskPage *self = g_object_get_data (G_OBJECT (toast), "page");

  if (self == NULL || self->db == NULL)
    return;

  if (!rapport_store_update_customer (self->db, before, &error))
    show_error_toast (self, error);
}

static void
mark_lost_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       MarkLost         *mark_lost)
{
  RapportAtRiskPage *self = mark_lost->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *message = NULL;
  const char *chosen = NULL;
  g_autofree char *details = NULL;
  gint64 id = rapport_customer_get_id (mark_lost->before);
  AdwToast *toast;

  if (g_strcmp0 (response, "lost") != 0 || self->db == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (lost_reasons); i++)
    if (gtk_check_button_get_active (mark_lost->reasons[i]))
      chosen = _(lost_reasons[i]);

  details = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (mark_lost->details))));
  if (chosen != NULL && details[0] != '\0')
    /* Translators: the reason a customer was lost and the user's details,
     * "Competitor: went with a cheaper supplier" */
    reason = g_strdup_printf (_("%s: %s"), chosen, details);
  else
    reason = g_strdup (chosen != NULL ? chosen : details);

  if (!rapport_store_mark_customer_lost (self->db, id, reason, &error))
    {
      show_error_toast (self, error);
      return;
    }

  escaped = g_markup_escape_text (rapport_customer_get_name (mark_lost->before), -1);
  /* Translators: a toast; %s is the customer's name */
  message = g_strdup_printf (_("“%s” marked lost"), escaped);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "page", g_object_ref (self), g_object_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_lost_cb),
                         g_object_ref (mark_lost->before), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  rapport_widget_add_toast (GTK_WIDGET (self), toast);
  queue_refresh (self);
}

static void
retain_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportAtRiskPage *self = RAPPORT_AT_RISK_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gint64 id = g_variant_get_int64 (parameter);
  GtkWidget *dialog;

  if (self->session == NULL)
    return;

  dialog = rapport_interaction_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           self->session, id, NULL);
  /* Translators: the summary a retention action (暂缓流失) starts with */
  rapport_interaction_dialog_prefill (RAPPORT_INTERACTION_DIALOG (dialog), _("Retention: "), 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_CUSTOMER], 0, g_variant_get_int64 (parameter));
}

static void
mark_lost_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportAtRiskPage *self = RAPPORT_AT_RISK_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = NULL;
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  gint64 id = g_variant_get_int64 (parameter);
  GtkWidget *dialog;
  GtkWidget *box;
  GtkCheckButton *group = NULL;
  MarkLost *mark_lost;

  if (self->db == NULL)
    return;

  customer = rapport_store_get_customer (self->db, id, &error);
  if (customer == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  /* Translators: %s is the customer's name */
  heading = g_strdup_printf (_("Mark “%s” Lost?"), rapport_customer_get_name (customer));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Its stage becomes Lost and it leaves the churn warnings. Why was it lost?"));

  mark_lost = g_new0 (MarkLost, 1);
  mark_lost->self = g_object_ref (self);
  mark_lost->before = g_steal_pointer (&customer);
  mark_lost->reasons = g_new0 (GtkCheckButton *, G_N_ELEMENTS (lost_reasons));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < G_N_ELEMENTS (lost_reasons); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(lost_reasons[i]));

      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      mark_lost->reasons[i] = GTK_CHECK_BUTTON (check);
      gtk_box_append (GTK_BOX (box), check);
    }
  mark_lost->details = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (mark_lost->details, _("Details (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark_lost->details),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Details"), -1);
  gtk_entry_set_activates_default (mark_lost->details, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (mark_lost->details), 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (mark_lost->details));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "lost", _("_Mark Lost"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "lost", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "lost");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (mark_lost_response_cb),
                         mark_lost, (GClosureNotify) (void (*) (void)) mark_lost_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_hold_cb (AdwToast *toast,
              gpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  RapportAtRiskPage *self = g_object_get_data (G_OBJECT (toast), "page");
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (toast), "customer-id");

  if (self == NULL || self->db == NULL)
    return;

  if (!rapport_store_hold_churn_warning (self->db, id, 0, &error))
    show_error_toast (self, error);
}

static void
hold_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportAtRiskPage *self = RAPPORT_AT_RISK_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *message = NULL;
  const RapportAtRisk *item;
  gint64 *customer_id;
  gint64 id;
  gint32 days;
  AdwToast *toast;

  if (self->db == NULL)
    return;

  g_variant_get (parameter, "(xi)", &id, &days);
  if (days <= 0)
    return;

  if (!rapport_store_hold_churn_warning (self->db, id, now (self) + (gint64) days * 86400, &error))
    {
      show_error_toast (self, error);
      return;
    }

  item = find_at_risk (self, id);
  escaped = g_markup_escape_text (item != NULL && item->name != NULL ? item->name : "", -1);
  /* Translators: a toast; %s is the customer's name, %d a number of days */
  message = g_strdup_printf (ngettext ("No churn warning for “%s” for %d day",
                                       "No churn warning for “%s” for %d days", days),
                             escaped, days);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  customer_id = g_new (gint64, 1);
  *customer_id = id;
  g_object_set_data_full (G_OBJECT (toast), "customer-id", customer_id, g_free);
  g_object_set_data_full (G_OBJECT (toast), "page", g_object_ref (self), g_object_unref);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_hold_cb), NULL);
  rapport_widget_add_toast (widget, toast);
  queue_refresh (self);
}

/* GtkWidget */

static void
rapport_at_risk_page_map (GtkWidget *widget)
{
  RapportAtRiskPage *self = RAPPORT_AT_RISK_PAGE (widget);

  GTK_WIDGET_CLASS (rapport_at_risk_page_parent_class)->map (widget);

  /* A day later the same data can mean another list. */
  if (self->session != NULL && !self->computing &&
      now (self) - self->computed_at >= STALE_AFTER_SECONDS)
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      start_computation (self);
    }
}

/* GObject */

static void
rapport_at_risk_page_dispose (GObject *object)
{
  RapportAtRiskPage *self = RAPPORT_AT_RISK_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_AT_RISK_PAGE);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_pointer (&self->at_risk, g_ptr_array_unref);
  g_clear_pointer (&self->rules, rapport_churn_rules_free);
  g_clear_object (&self->worker);
  self->db = NULL;
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_at_risk_page_parent_class)->dispose (object);
}

static void
rapport_at_risk_page_finalize (GObject *object)
{
  RapportAtRiskPage *self = RAPPORT_AT_RISK_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->customer_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_at_risk_page_parent_class)->finalize (object);
}

static void
rapport_at_risk_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportAtRiskPage *self = RAPPORT_AT_RISK_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    case PROP_N_AT_RISK:
      g_value_set_uint (value, rapport_at_risk_page_get_n_at_risk (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, rapport_at_risk_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_at_risk_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportAtRiskPage *self = RAPPORT_AT_RISK_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_at_risk_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      rapport_at_risk_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_at_risk_page_class_init (RapportAtRiskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_at_risk_page_dispose;
  object_class->finalize = rapport_at_risk_page_finalize;
  object_class->get_property = rapport_at_risk_page_get_property;
  object_class->set_property = rapport_at_risk_page_set_property;

  widget_class->map = rapport_at_risk_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_AT_RISK] =
    g_param_spec_uint ("n-at-risk", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked to see a customer of the list. */
  signals[OPEN_CUSTOMER] =
    g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "at-risk.retain", "x", retain_action_cb);
  gtk_widget_class_install_action (widget_class, "at-risk.open", "x", open_action_cb);
  gtk_widget_class_install_action (widget_class, "at-risk.mark-lost", "x", mark_lost_action_cb);
  gtk_widget_class_install_action (widget_class, "at-risk.hold", "(xi)", hold_action_cb);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-at-risk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportAtRiskPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportAtRiskPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportAtRiskPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportAtRiskPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportAtRiskPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, RapportAtRiskPage, more_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAtRiskPage, empty_page);
}

static void
rapport_at_risk_page_init (RapportAtRiskPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->customer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  self->session_signals = g_signal_group_new (RAPPORT_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "churn-rules-changed", G_CALLBACK (queue_refresh), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::default-currency", G_CALLBACK (queue_refresh), self);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

/* Public API */

GtkWidget *
rapport_at_risk_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_AT_RISK_PAGE, NULL);
}

RapportSession *
rapport_at_risk_page_get_session (RapportAtRiskPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_AT_RISK_PAGE (self), NULL);

  return self->session;
}

/**
 * rapport_at_risk_page_set_session:
 * @session: (nullable): an open session
 */
void
rapport_at_risk_page_set_session (RapportAtRiskPage *self,
                                  RapportSession    *session)
{
  g_return_if_fail (RAPPORT_IS_AT_RISK_PAGE (self));
  g_return_if_fail (session == NULL || rapport_session_get_database (session) != NULL);

  if (self->session == session)
    return;

  /* What is running belongs to the old session. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->computing = FALSE;
  self->again = FALSE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->at_risk, g_ptr_array_unref);

  g_set_object (&self->session, session);
  self->db = session != NULL ? rapport_session_get_database (session) : NULL;
  g_signal_group_set_target (self->bus_signals,
                             self->db != NULL ? rapport_database_get_change_bus (self->db) : NULL);
  g_signal_group_set_target (self->session_signals, session);

  clear_rows (self);
  g_array_set_size (self->customer_ids, 0);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  if (session != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_computation (self);
  else if (session != NULL)
    {
      /* Only the sidebar's count waits for it: the window's first frame comes
       * first, without a worker reading the whole book beside it. */
      self->refresh_id = g_timeout_add (UNSEEN_FIRST_DELAY_MS, refresh_cb, self);
      set_busy (self, TRUE);
    }
  else
    set_busy (self, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_AT_RISK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
rapport_at_risk_page_set_show_back_button (RapportAtRiskPage *self,
                                           gboolean           show)
{
  g_return_if_fail (RAPPORT_IS_AT_RISK_PAGE (self));

  show = !!show;
  if (self->show_back_button == show)
    return;

  self->show_back_button = show;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

guint
rapport_at_risk_page_get_n_at_risk (RapportAtRiskPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_AT_RISK_PAGE (self), 0);

  return self->at_risk != NULL ? self->at_risk->len : 0;
}

gboolean
rapport_at_risk_page_get_busy (RapportAtRiskPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_AT_RISK_PAGE (self), FALSE);

  return self->computing || self->refresh_id != 0;
}

GArray *
rapport_at_risk_page_get_customer_ids (RapportAtRiskPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_AT_RISK_PAGE (self), NULL);

  return self->customer_ids;
}

void
rapport_at_risk_page_refresh (RapportAtRiskPage *self)
{
  g_return_if_fail (RAPPORT_IS_AT_RISK_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  start_computation (self);
}
