/* rapport-tier-prefs-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-tier-prefs-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rapport-change-bus.h"
#include "rapport-form-helpers.h"
#include "rapport-money.h"
#include "rapport-store.h"
#include "rapport-tier-recompute.h"
#include "rapport-ui-utils.h"

#include "rapport-tier-prefs-page.h"

struct _RapportTierPrefsPage
{
  AdwPreferencesPage   parent_instance;

  /* Template widgets */
  GtkWidget           *read_only_group;
  AdwPreferencesGroup *rules_group;
  AdwComboRow         *basis_row;
  GtkSpinButton       *period_spin;
  GtkWidget           *platinum_share_row;
  GtkWidget           *gold_share_row;
  GtkWidget           *iron_share_row;
  GtkSpinButton       *platinum_share_spin;
  GtkSpinButton       *gold_share_spin;
  GtkSpinButton       *iron_share_spin;
  GtkWidget           *platinum_amount_row;
  GtkWidget           *gold_amount_row;
  GtkWidget           *iron_amount_row;
  AdwPreferencesGroup *rates_group;
  GtkListBox          *rates_list;
  AdwPreferencesGroup *recompute_group;
  AdwActionRow        *last_run_row;
  AdwActionRow        *recompute_row;
  GtkWidget           *recompute_spinner;

  /* Built in init */
  GtkWidget           *rules_error_row;
  AdwActionRow        *lead_row;

  /* Borrowed: the session's */
  RapportDatabase     *db;
  RapportTierRecompute *recompute;

  /* Owned */
  RapportSession      *session;
  GSignalGroup        *bus_signals;
  GCancellable        *cancellable;
  char                *currency;       /* the default currency, amounts and rates are in */
  gboolean             loading;        /* the widgets are being set from the saved rules */
  gboolean             saving;         /* the rules changing are ours: the fields hold them */
  gboolean             recomputing;
  guint                rates_refresh_id;
};

G_DEFINE_FINAL_TYPE (RapportTierPrefsPage, rapport_tier_prefs_page, ADW_TYPE_PREFERENCES_PAGE)

/* Helpers */

static gboolean
is_writable (RapportTierPrefsPage *self)
{
  return self->db != NULL && !rapport_database_is_read_only (self->db);
}

static void
update_actions (RapportTierPrefsPage *self)
{
  gboolean writable = is_writable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tiers.add-rate", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tiers.edit-rate", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tiers.remove-rate", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tiers.recompute",
                                 writable && self->recompute != NULL && !self->recomputing);
}

static GtkWindow *
get_parent_window (RapportTierPrefsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (RapportTierPrefsPage *self,
            const char           *heading,
            const GError         *error)
{
  GtkWidget *dialog = adw_message_dialog_new (get_parent_window (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
format_share (double percent)
{
  /* Translators: a share of customers, e.g. "1%" or "2.5%" */
  return g_strdup_printf (_("%g%%"), percent);
}

static GtkWidget *
amount_row (RapportTierPrefsPage *self,
            guint                 i)
{
  GtkWidget *rows[] = { self->platinum_amount_row, self->gold_amount_row, self->iron_amount_row };

  return rows[i];
}

static GtkSpinButton *
share_spin (RapportTierPrefsPage *self,
            guint                 i)
{
  GtkSpinButton *spins[] = { self->platinum_share_spin, self->gold_share_spin, self->iron_share_spin };

  return spins[i];
}

/* The rules the fields hold. The cut points of the basis not in use are
 * hidden: they stay as saved. FALSE with the message to show when an amount
 * cannot be read or the rules are not valid; @out_row is the field it is
 * about, when it is one. */
static gboolean
read_rules (RapportTierPrefsPage  *self,
            RapportTierRules      *rules,
            char                 **out_message,
            GtkWidget            **out_row)
{
  g_autoptr (RapportTierRules) saved = rapport_session_dup_tier_rules (self->session);
  g_autoptr (GError) error = NULL;

  *out_message = NULL;
  *out_row = NULL;
  *rules = *saved;

  rules->basis = adw_combo_row_get_selected (self->basis_row) == 1 ? RAPPORT_TIER_BASIS_AMOUNT
                                                                    : RAPPORT_TIER_BASIS_SHARE;
  rules->period_months = gtk_spin_button_get_value_as_int (self->period_spin);

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *row = amount_row (self, i);

      if (rules->basis == RAPPORT_TIER_BASIS_SHARE)
        rules->share[i] = gtk_spin_button_get_value (share_spin (self, i));
      else if (!rapport_money_parse (gtk_editable_get_text (GTK_EDITABLE (row)), self->currency, &rules->amount[i],
                                     &error))
        {
          *out_message = g_strdup (error->message);
          *out_row = row;
          return FALSE;
        }
    }

  if (!rapport_tier_rules_validate (rules, &error))
    {
      *out_message = g_strdup (error->message);
      return FALSE;
    }

  return TRUE;
}

/* The shown cut points marked as the error's, or cleared. */
static void
mark_cut_points (RapportTierPrefsPage *self,
                 gboolean              wrong)
{
  gboolean by_share = adw_combo_row_get_selected (self->basis_row) != 1;

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *rows[] = { self->platinum_share_row, self->gold_share_row, self->iron_share_row };

      if (wrong && by_share)
        gtk_widget_add_css_class (rows[i], "error");
      else
        gtk_widget_remove_css_class (rows[i], "error");
      if (wrong && !by_share)
        gtk_widget_add_css_class (amount_row (self, i), "error");
      else
        gtk_widget_remove_css_class (amount_row (self, i), "error");
    }
}

static void
show_lead_row (RapportTierPrefsPage   *self,
               const RapportTierRules *rules)
{
  g_autofree char *subtitle = NULL;

  if (rules->basis == RAPPORT_TIER_BASIS_SHARE)
    {
      g_autofree char *rest = format_share (MAX (0, 100 - rules->share[0] - rules->share[1] - rules->share[2]));

      /* Translators: the lowest tier's share, e.g. "The rest: 80% of customers" */
      subtitle = g_strdup_printf (_("The rest: %s of customers"), rest);
    }
  else
    {
      g_autofree char *amount = rapport_money_format (rules->amount[2], self->currency);

      /* Translators: the lowest tier by amount, e.g. "The rest: orders below ¥5,000.00" */
      subtitle = g_strdup_printf (_("The rest: orders below %s"), amount);
    }
  adw_action_row_set_subtitle (self->lead_row, subtitle);
}

static void
show_basis (RapportTierPrefsPage *self)
{
  gboolean by_share = adw_combo_row_get_selected (self->basis_row) != 1;

  gtk_widget_set_visible (self->platinum_share_row, by_share);
  gtk_widget_set_visible (self->gold_share_row, by_share);
  gtk_widget_set_visible (self->iron_share_row, by_share);
  for (guint i = 0; i < 3; i++)
    gtk_widget_set_visible (amount_row (self, i), !by_share);
}

static void
load_rules (RapportTierPrefsPage *self)
{
  g_autoptr (RapportTierRules) rules = NULL;
  g_autofree char *sentence = NULL;

  rules = self->session != NULL ? rapport_session_dup_tier_rules (self->session) : rapport_tier_rules_new_default ();

  self->loading = TRUE;
  adw_combo_row_set_selected (self->basis_row, rules->basis == RAPPORT_TIER_BASIS_AMOUNT ? 1 : 0);
  gtk_spin_button_set_value (self->period_spin, rules->period_months);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *amount = rapport_money_format_plain (rules->amount[i], self->currency);

      gtk_spin_button_set_value (share_spin (self, i), rules->share[i]);
      gtk_editable_set_text (GTK_EDITABLE (amount_row (self, i)), amount);
    }
  self->loading = FALSE;

  show_basis (self);
  sentence = rapport_tier_prefs_describe_rules (rules, self->currency);
  adw_preferences_group_set_description (self->rules_group, sentence);
  show_lead_row (self, rules);
}

static void
show_last_run (RapportTierPrefsPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *subtitle = NULL;
  gint64 ran_at;

  if (self->db == NULL)
    return;

  ran_at = rapport_store_get_last_tier_run (self->db, &reason, &error);
  if (error != NULL)
    subtitle = g_strdup (error->message);
  else if (ran_at == 0)
    subtitle = g_strdup (_("Never: tiers have not been computed from the orders yet"));
  else
    {
      g_autofree char *when = rapport_format_date_time (ran_at);

      if (reason != NULL && reason[0] != '\0')
        /* Translators: when tiers were last computed, and why nothing came of it */
        subtitle = g_strdup_printf (_("%s · not computed: %s"), when, reason);
      else
        subtitle = g_steal_pointer (&when);
    }
  adw_action_row_set_subtitle (self->last_run_row, subtitle);
}

static char *
format_run (const RapportTierRun *run)
{
  GString *text = g_string_new (NULL);

  if (run->not_computed_reason != NULL)
    g_string_append (text, run->not_computed_reason);
  else
    {
      g_autofree char *ranked = g_strdup_printf (ngettext ("%u customer ranked", "%u customers ranked",
                                                           run->n_customers),
                                                 run->n_customers);

      /* Translators: the result of recomputing tiers, e.g. "812 customers ranked, 23 changed tier" */
      g_string_append_printf (text, ngettext ("%s, %u changed tier", "%s, %u changed tier", run->n_changed),
                              ranked, run->n_changed);
    }

  if (run->missing_rates != NULL && run->missing_rates[0] != NULL)
    {
      g_autofree char *currencies = g_strjoinv (", ", run->missing_rates);

      g_string_append_c (text, '\n');
      /* Translators: %s lists currency codes, e.g. "USD, EUR orders left out: no rate" */
      g_string_append_printf (text, _("%s orders left out: no rate"), currencies);
    }

  return g_string_free (text, FALSE);
}

static void
save_rules (RapportTierPrefsPage *self)
{
  RapportTierRules rules = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *sentence = NULL;
  GtkWidget *row = NULL;

  mark_cut_points (self, FALSE);
  if (!read_rules (self, &rules, &message, &row))
    {
      /* An unreadable amount is its field's; rules that do not hold
       * together are all the cut points'. */
      if (row == NULL && message != NULL)
        mark_cut_points (self, TRUE);
      rapport_error_row_set (self->rules_error_row, row, message);
      return;
    }

  rapport_error_row_set (self->rules_error_row, NULL, NULL);
  self->saving = TRUE;
  if (!rapport_session_set_tier_rules (self->session, &rules, &error))
    {
      self->saving = FALSE;
      rapport_error_row_set (self->rules_error_row, NULL, error->message);
      return;
    }
  self->saving = FALSE;

  sentence = rapport_tier_prefs_describe_rules (&rules, self->currency);
  adw_preferences_group_set_description (self->rules_group, sentence);
  show_lead_row (self, &rules);
}

static void
remove_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL && GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
create_icon_button (const char *icon_name,
                    const char *label,
                    const char *action_name,
                    const char *currency)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (currency));

  return button;
}

static void
show_rates (RapportTierPrefsPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rates = NULL;
  g_auto (GStrv) missing = NULL;
  g_autofree char *description = NULL;

  g_clear_handle_id (&self->rates_refresh_id, g_source_remove);
  remove_rows (self->rates_list);
  if (self->db == NULL)
    return;

  /* Translators: %s is the default currency's code, e.g. "CNY" */
  description = g_strdup_printf (_("Orders in other currencies count toward tiers at these rates, in %s, "
                                   "the default currency."), self->currency);
  adw_preferences_group_set_description (self->rates_group, description);

  missing = rapport_store_list_currencies_without_rate (self->db, self->currency, &error);
  if (missing == NULL && error != NULL)
    {
      g_warning ("Could not list the currencies without a rate: %s", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; missing != NULL && missing[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Set Rate…"));
      g_autofree char *subtitle = NULL;

      /* Translators: %s is a currency code, e.g. "Orders in USD are left out of the tiers: no rate" */
      subtitle = g_strdup_printf (_("Orders in %s are left out of the tiers: no rate"), missing[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), missing[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "tiers.edit-rate");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (missing[i]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_widget_add_css_class (row, "rapport-missing-rate");
      gtk_list_box_append (self->rates_list, row);
    }

  rates = rapport_store_list_currency_rates (self->db, &error);
  if (rates == NULL)
    {
      g_warning ("Could not list the currency rates: %s", error->message);
      return;
    }
  for (guint i = 0; i < rates->len; i++)
    {
      const RapportCurrencyRate *rate = g_ptr_array_index (rates, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = rapport_tier_prefs_format_rate (rate->currency, rate->rate, self->currency);
      g_autofree char *edit = g_strdup_printf (_("Edit the %s Rate"), rate->currency);
      g_autofree char *remove = g_strdup_printf (_("Remove the %s Rate"), rate->currency);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rate->currency);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 create_icon_button ("document-edit-symbolic", edit, "tiers.edit-rate", rate->currency));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 create_icon_button ("user-trash-symbolic", remove, "tiers.remove-rate", rate->currency));
      gtk_list_box_append (self->rates_list, row);
    }

  if (rates->len == 0 && (missing == NULL || missing[0] == NULL))
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No rates"));
      /* Translators: %s is the default currency's code */
      {
        g_autofree char *subtitle = g_strdup_printf (_("Every order is in %s, or none needs a rate yet"),
                                                     self->currency);

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      }
      gtk_list_box_append (self->rates_list, row);
    }
}

static gboolean
rates_refresh_cb (gpointer user_data)
{
  RapportTierPrefsPage *self = user_data;

  self->rates_refresh_id = 0;
  show_rates (self);

  return G_SOURCE_REMOVE;
}

/* The rate dialog */

typedef struct
{
  RapportTierPrefsPage *self;
  AdwMessageDialog     *dialog;
  GtkWidget            *currency_row;
  GtkWidget            *rate_row;
  GtkWidget            *error_row;
} RateDialog;

static void
rate_dialog_free (gpointer data,
                  GClosure *closure)
{
  RateDialog *rate_dialog = data;

  g_clear_object (&rate_dialog->self);
  g_free (rate_dialog);
}

static void
rate_dialog_changed_cb (GtkEditable *editable,
                        RateDialog  *rate_dialog)
{
  const char *currency = gtk_editable_get_text (GTK_EDITABLE (rate_dialog->currency_row));
  const char *rate = gtk_editable_get_text (GTK_EDITABLE (rate_dialog->rate_row));
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *title = NULL;
  double value;
  gboolean valid;

  valid = rapport_tier_prefs_parse_rate (currency, rate, rate_dialog->self->currency, &code, &value, &message);
  /* Nothing typed yet is not worth a complaint. */
  rapport_error_row_set (rate_dialog->error_row, NULL, rate[0] != '\0' ? message : NULL);
  adw_message_dialog_set_response_enabled (rate_dialog->dialog, "save", valid);

  if (code == NULL)
    {
      g_autofree char *upper = g_strstrip (g_ascii_strup (currency, -1));

      if (rapport_currency_is_valid (upper))
        code = g_steal_pointer (&upper);
    }
  if (code != NULL)
    /* Translators: the rate field's title, e.g. "1 USD in CNY" */
    title = g_strdup_printf (_("1 %s in %s"), code, rate_dialog->self->currency);
  else
    /* Translators: the rate field's title before a currency is typed; %s is the default currency */
    title = g_strdup_printf (_("Worth of 1 unit in %s"), rate_dialog->self->currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rate_dialog->rate_row), title);
}

static void
rate_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         RateDialog       *rate_dialog)
{
  RapportTierPrefsPage *self = rate_dialog->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  double rate;

  if (g_strcmp0 (response, "save") != 0 || self->db == NULL)
    return;

  if (!rapport_tier_prefs_parse_rate (gtk_editable_get_text (GTK_EDITABLE (rate_dialog->currency_row)),
                                      gtk_editable_get_text (GTK_EDITABLE (rate_dialog->rate_row)),
                                      self->currency, &code, &rate, &message))
    return;

  if (!rapport_store_set_currency_rate (self->db, code, rate, &error))
    show_error (self, _("Could Not Save the Rate"), error);
  show_rates (self);
}

static void
open_rate_dialog (RapportTierPrefsPage *self,
                  const char           *currency)
{
  RateDialog *rate_dialog = g_new0 (RateDialog, 1);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;

  /* Translators: %s is the default currency's code */
  body = g_strdup_printf (_("What one unit of the currency is worth in %s. Orders in it count toward tiers "
                            "at this rate."), self->currency);
  if (currency != NULL)
    /* Translators: the rate dialog's heading; %s is a currency code, e.g. "USD Rate" */
    heading = g_strdup_printf (_("%s Rate"), currency);
  else
    heading = g_strdup (_("Add a Currency Rate"));
  dialog = adw_message_dialog_new (get_parent_window (self), heading, body);
  rate_dialog->self = g_object_ref (self);
  rate_dialog->dialog = ADW_MESSAGE_DIALOG (dialog);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  rate_dialog->currency_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rate_dialog->currency_row), _("Currency Code, such as USD"));
  gtk_list_box_append (GTK_LIST_BOX (list), rate_dialog->currency_row);
  rate_dialog->rate_row = adw_entry_row_new ();
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (rate_dialog->rate_row), GTK_INPUT_PURPOSE_NUMBER);
  gtk_list_box_append (GTK_LIST_BOX (list), rate_dialog->rate_row);
  rate_dialog->error_row = rapport_error_row_new ();
  gtk_list_box_append (GTK_LIST_BOX (list), rate_dialog->error_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (currency != NULL)
    {
      g_autoptr (GPtrArray) rates = rapport_store_list_currency_rates (self->db, NULL);

      /* The heading names it: the code stays as it is. */
      gtk_editable_set_text (GTK_EDITABLE (rate_dialog->currency_row), currency);
      gtk_widget_set_visible (rate_dialog->currency_row, FALSE);
      for (guint i = 0; rates != NULL && i < rates->len; i++)
        {
          const RapportCurrencyRate *rate = g_ptr_array_index (rates, i);

          if (g_strcmp0 (rate->currency, currency) == 0)
            {
              char text[G_ASCII_DTOSTR_BUF_SIZE];

              g_ascii_formatd (text, sizeof text, "%.6g", rate->rate);
              gtk_editable_set_text (GTK_EDITABLE (rate_dialog->rate_row), text);
            }
        }
    }

  g_signal_connect (rate_dialog->currency_row, "changed", G_CALLBACK (rate_dialog_changed_cb), rate_dialog);
  g_signal_connect (rate_dialog->rate_row, "changed", G_CALLBACK (rate_dialog_changed_cb), rate_dialog);
  rate_dialog_changed_cb (NULL, rate_dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (rate_dialog_response_cb),
                         rate_dialog, rate_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (currency != NULL ? rate_dialog->rate_row : rate_dialog->currency_row);
}

/* Callbacks and actions */

static void
rules_changed_cb (RapportTierPrefsPage *self)
{
  if (self->loading || self->session == NULL)
    return;

  show_basis (self);
  save_rules (self);
}

static void
changes_cb (RapportTierPrefsPage *self,
            GArray               *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      if ((change->kind == RAPPORT_ENTITY_KIND_CURRENCY_RATE || change->kind == RAPPORT_ENTITY_KIND_ORDER ||
           change->change == RAPPORT_CHANGE_RELOADED) && self->rates_refresh_id == 0)
        self->rates_refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rates_refresh_cb, self, NULL);
    }
}

static void
recomputed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (RapportTierPrefsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportTierRun) run = NULL;
  g_autofree char *line = NULL;

  run = rapport_tier_recompute_run_finish (RAPPORT_TIER_RECOMPUTE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->db == NULL)
    return;

  self->recomputing = FALSE;
  gtk_spinner_set_spinning (GTK_SPINNER (self->recompute_spinner), FALSE);
  gtk_widget_set_visible (self->recompute_spinner, FALSE);
  update_actions (self);

  if (run == NULL)
    {
      adw_action_row_set_subtitle (self->recompute_row, error->message);
      return;
    }

  line = format_run (run);
  adw_action_row_set_subtitle (self->recompute_row, line);
  show_last_run (self);
  show_rates (self);
}

/* The rules changed elsewhere (another window's Preferences, the settings). */
static void
session_tier_rules_changed_cb (RapportTierPrefsPage *self)
{
  if (self->saving)
    return;

  rapport_error_row_set (self->rules_error_row, NULL, NULL);
  mark_cut_points (self, FALSE);
  load_rules (self);
}

/* Any run (daily, after a rules change, or asked for here) says what it did. */
static void
run_recomputed_cb (RapportTierPrefsPage *self,
                   gpointer              run)
{
  g_autofree char *line = format_run (run);

  adw_action_row_set_subtitle (self->recompute_row, line);
  show_last_run (self);
  show_rates (self);
}

static void
recompute_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportTierPrefsPage *self = RAPPORT_TIER_PREFS_PAGE (widget);

  if (self->recompute == NULL || self->recomputing)
    return;

  self->recomputing = TRUE;
  update_actions (self);
  gtk_widget_set_visible (self->recompute_spinner, TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->recompute_spinner), TRUE);
  adw_action_row_set_subtitle (self->recompute_row, _("Recomputing…"));
  rapport_tier_recompute_run_async (self->recompute, self->cancellable, recomputed_cb, g_object_ref (self));
}

static void
add_rate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_rate_dialog (RAPPORT_TIER_PREFS_PAGE (widget), NULL);
}

static void
edit_rate_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_rate_dialog (RAPPORT_TIER_PREFS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
remove_rate_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportTierPrefsPage *self = RAPPORT_TIER_PREFS_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->db == NULL)
    return;

  if (!rapport_store_remove_currency_rate (self->db, g_variant_get_string (parameter, NULL), &error))
    show_error (self, _("Could Not Remove the Rate"), error);
  show_rates (self);
}

/* GObject */

static void
rapport_tier_prefs_page_dispose (GObject *object)
{
  RapportTierPrefsPage *self = RAPPORT_TIER_PREFS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rates_refresh_id, g_source_remove);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);
  self->db = NULL;
  self->recompute = NULL;
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TIER_PREFS_PAGE);

  G_OBJECT_CLASS (rapport_tier_prefs_page_parent_class)->dispose (object);
}

static void
rapport_tier_prefs_page_finalize (GObject *object)
{
  RapportTierPrefsPage *self = RAPPORT_TIER_PREFS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->currency);

  G_OBJECT_CLASS (rapport_tier_prefs_page_parent_class)->finalize (object);
}

static void
rapport_tier_prefs_page_class_init (RapportTierPrefsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_tier_prefs_page_dispose;
  object_class->finalize = rapport_tier_prefs_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-tier-prefs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, read_only_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, rules_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, basis_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, period_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, platinum_share_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, gold_share_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, iron_share_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, platinum_share_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, gold_share_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, iron_share_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, platinum_amount_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, gold_amount_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, iron_amount_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, rates_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, rates_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, recompute_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, last_run_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, recompute_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTierPrefsPage, recompute_spinner);
  gtk_widget_class_bind_template_callback (widget_class, rules_changed_cb);

  gtk_widget_class_install_action (widget_class, "tiers.recompute", NULL, recompute_activated);
  gtk_widget_class_install_action (widget_class, "tiers.add-rate", NULL, add_rate_activated);
  gtk_widget_class_install_action (widget_class, "tiers.edit-rate", "s", edit_rate_activated);
  gtk_widget_class_install_action (widget_class, "tiers.remove-rate", "s", remove_rate_activated);
}

static void
rapport_tier_prefs_page_init (RapportTierPrefsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->currency = g_strdup ("CNY");

  self->rules_error_row = rapport_error_row_new ();
  adw_preferences_group_add (self->rules_group, self->rules_error_row);
  self->lead_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lead_row), rapport_tier_get_label (RAPPORT_TIER_LEAD));
  adw_preferences_group_add (self->rules_group, GTK_WIDGET (self->lead_row));

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  update_actions (self);
}

/* Public API */

/**
 * rapport_tier_prefs_page_new:
 * @session: the book's session (open)
 *
 * Returns: (transfer floating): a new page
 */
GtkWidget *
rapport_tier_prefs_page_new (RapportSession *session)
{
  RapportTierPrefsPage *self;
  gboolean writable;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  self = g_object_new (RAPPORT_TYPE_TIER_PREFS_PAGE, NULL);
  self->session = g_object_ref (session);
  self->db = rapport_session_get_database (session);
  self->recompute = rapport_session_get_tier_recompute (session);
  g_signal_connect_object (session, "tier-rules-changed", G_CALLBACK (session_tier_rules_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->recompute != NULL)
    g_signal_connect_object (self->recompute, "recomputed", G_CALLBACK (run_recomputed_cb), self, G_CONNECT_SWAPPED);
  g_free (self->currency);
  self->currency = g_strdup (rapport_session_get_default_currency (session));

  for (guint i = 0; i < 3; i++)
    {
      static const RapportTier tiers[] = { RAPPORT_TIER_PLATINUM, RAPPORT_TIER_GOLD, RAPPORT_TIER_IRON };
      /* Translators: an amount field's title, e.g. "Gold, at least (CNY)" */
      g_autofree char *title = g_strdup_printf (_("%s, at least (%s)"), rapport_tier_get_label (tiers[i]),
                                                self->currency);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (amount_row (self, i)), title);
    }

  writable = is_writable (self);
  gtk_widget_set_visible (self->read_only_group, !writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rules_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rates_group), writable);

  if (self->db != NULL)
    g_signal_group_set_target (self->bus_signals, rapport_database_get_change_bus (self->db));
  load_rules (self);
  show_rates (self);
  show_last_run (self);
  update_actions (self);

  return GTK_WIDGET (self);
}

char *
rapport_tier_prefs_describe_rules (const RapportTierRules *rules,
                                   const char             *currency)
{
  guint months;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  months = rules->period_months;

  if (rules->basis == RAPPORT_TIER_BASIS_SHARE)
    {
      g_autofree char *platinum = format_share (rules->share[0]);
      g_autofree char *gold = format_share (rules->share[1]);
      g_autofree char *iron = format_share (rules->share[2]);

      /* Translators: the tier rule by shares; the first three %s are shares ("1%"), %u the months */
      return g_strdup_printf (ngettext ("The top %1$s of customers by their last month’s orders are Platinum, "
                                        "the next %2$s Gold, the next %3$s Iron and the rest Lead.",
                                        "The top %1$s of customers by their last %4$u months’ orders are Platinum, "
                                        "the next %2$s Gold, the next %3$s Iron and the rest Lead.",
                                        months),
                              platinum, gold, iron, months);
    }
  else
    {
      g_autofree char *platinum = rapport_money_format (rules->amount[0], currency);
      g_autofree char *gold = rapport_money_format (rules->amount[1], currency);
      g_autofree char *iron = rapport_money_format (rules->amount[2], currency);

      /* Translators: the tier rule by amounts; the first three %s are amounts ("¥100,000.00"), %u the months */
      return g_strdup_printf (ngettext ("Customers whose last month’s orders come to at least %1$s are Platinum, "
                                        "at least %2$s Gold, at least %3$s Iron, and the rest Lead.",
                                        "Customers whose last %4$u months’ orders come to at least %1$s are Platinum, "
                                        "at least %2$s Gold, at least %3$s Iron, and the rest Lead.",
                                        months),
                              platinum, gold, iron, months);
    }
}

char *
rapport_tier_prefs_format_rate (const char *currency,
                                double      rate,
                                const char *default_currency)
{
  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (default_currency != NULL, NULL);

  /* Translators: a currency rate, e.g. "1 USD = 7.10 CNY" */
  return g_strdup_printf (_("1 %s = %.*f %s"), currency, rate >= 1 ? 2 : 4, rate, default_currency);
}

gboolean
rapport_tier_prefs_parse_rate (const char  *currency_text,
                               const char  *rate_text,
                               const char  *default_currency,
                               char       **out_currency,
                               double      *out_rate,
                               char       **out_message)
{
  g_autofree char *code = NULL;
  g_autofree char *number = NULL;
  char *end = NULL;
  double per_unit;

  g_return_val_if_fail (default_currency != NULL, FALSE);
  g_return_val_if_fail (out_currency != NULL && out_rate != NULL && out_message != NULL, FALSE);

  *out_currency = NULL;
  *out_rate = 0;
  *out_message = NULL;

  code = g_strstrip (g_ascii_strup (currency_text != NULL ? currency_text : "", -1));
  if (!rapport_currency_is_valid (code))
    {
      *out_message = g_strdup (_("Currency: three letters, such as USD"));
      return FALSE;
    }
  if (g_strcmp0 (code, default_currency) == 0)
    {
      /* Translators: %s is the default currency's code */
      *out_message = g_strdup_printf (_("Currency: %s is the default currency and needs no rate"), code);
      return FALSE;
    }

  /* A decimal comma is as good as a point. */
  number = g_strstrip (g_strdelimit (g_strdup (rate_text != NULL ? rate_text : ""), ",", '.'));
  per_unit = g_ascii_strtod (number, &end);
  if (number[0] == '\0' || end == NULL || *end != '\0' || !isfinite (per_unit) || per_unit <= 0)
    {
      *out_message = g_strdup (_("Rate: a number above zero, such as 7.10"));
      return FALSE;
    }

  *out_currency = g_steal_pointer (&code);
  *out_rate = per_unit;
  return TRUE;
}
