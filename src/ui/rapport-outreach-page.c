/* rapport-outreach-page.c
 *
 * The lists are rebuilt whole from the store when the bus reports a message,
 * a greeting rule or a template changed: they are short (what waits for the
 * user, the outbox, the newest sent messages, a handful of rules), and a
 * rebuild keeps every row's buttons true to the state in the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-outreach-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-greeting-rule-dialog.h"
#include "rapport-holiday.h"
#include "rapport-message-dialog.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"

#include "rapport-outreach-page.h"
#include "rapport-compose-dialog.h"
#include "rapport-templates-dialog.h"

/* How much of a message's text a row shows before "…". */
#define SNIPPET_CHARS 140

struct _RapportOutreachPage
{
  AdwBin            parent_instance;

  /* template widgets */
  GtkButton        *back_button;
  AdwPreferencesGroup *review_group;
  GtkButton        *approve_all_button;
  GtkListBox       *review_list;
  GtkListBox       *outbox_list;
  GtkListBox       *sent_list;
  GtkListBox       *rules_list;

  /* owned */
  RapportSession   *session;
  GSignalGroup     *bus_signals;
  GArray           *review_ids;   /* gint64: the messages in To Review */
  guint             refresh_id;
  guint             n_attention;
  gboolean          show_back_button;

  /* borrowed from the session */
  RapportDatabase  *db;
};

G_DEFINE_FINAL_TYPE (RapportOutreachPage, rapport_outreach_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_BACK_BUTTON,
  PROP_N_ATTENTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_OPEN_CUSTOMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
is_writable (RapportOutreachPage *self)
{
  return self->db != NULL && !rapport_database_is_read_only (self->db);
}

static void
show_error (RapportOutreachPage *self,
            const GError        *error)
{
  rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      /* The placeholder is not a row; gtk_list_box_remove refuses it. */
      if (!GTK_IS_LIST_BOX_ROW (child))
        break;
      gtk_list_box_remove (list, child);
    }
}

static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

/* The first line of @text, at most SNIPPET_CHARS characters. */
static char *
snippet (const char *text)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");
  glong length;

  g_strdelimit (flat, "\r\n", ' ');
  g_strstrip (flat);
  length = g_utf8_strlen (flat, -1);
  if (length <= SNIPPET_CHARS)
    return g_steal_pointer (&flat);

  {
    g_autofree char *cut = g_utf8_substring (flat, 0, SNIPPET_CHARS);

    return g_strconcat (cut, "…", NULL);
  }
}

static GtkWidget *
new_message_row (RapportMessage *message,
                 const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  const char *name = rapport_message_get_recipient_name (message);

  if (name != NULL && name[0] != '\0')
    /* Translators: a message's recipient: name and address or phone */
    title = g_strdup_printf (_("%s <%s>"), name, rapport_message_get_recipient (message));
  else
    title = g_strdup (rapport_message_get_recipient (message));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 6);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  g_object_set_data_full (G_OBJECT (row), "message", g_object_ref (message), g_object_unref);

  return row;
}

static GtkWidget *
new_action_button (const char *label,
                   const char *action,
                   gint64      id,
                   gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");

  return button;
}

/* A "⋯" menu of Edit and Cancel for an editable message; for one whose
 * fate is unknown, also Mark as Sent (the recipient said it arrived). */
static GtkWidget *
new_message_menu (gint64   id,
                  gboolean unknown)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr (GMenuItem) cancel = g_menu_item_new (_("_Cancel Message"), NULL);
  GtkWidget *button = gtk_menu_button_new ();

  if (unknown)
    {
      g_autoptr (GMenuItem) mark_sent = g_menu_item_new (_("_Mark as Sent"), NULL);

      g_menu_item_set_action_and_target_value (mark_sent, "outreach.mark-sent", g_variant_new_int64 (id));
      g_menu_append_item (menu, mark_sent);
    }
  g_menu_item_set_action_and_target_value (edit, "outreach.edit", g_variant_new_int64 (id));
  g_menu_item_set_action_and_target_value (cancel, "outreach.cancel", g_variant_new_int64 (id));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, cancel);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More"), -1);

  return button;
}

static GListModel *
list_in_states (RapportOutreachPage       *self,
                const RapportMessageState *states,
                guint                      n_states,
                guint                      limit)
{
  g_autoptr (GError) error = NULL;
  GListModel *messages = rapport_store_list_messages (self->db, states, n_states, 0, limit, &error);

  if (messages == NULL)
    g_warning ("Could not list messages: %s", error->message);

  return messages;
}

/* The rules' names by id, for the rows saying which rule made a message. */
static GHashTable *
read_rule_names (GListModel *rules)
{
  GHashTable *names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; rules != NULL && i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr (RapportGreetingRule) rule = g_list_model_get_item (rules, i);
      gint64 *id = g_new (gint64, 1);

      *id = rapport_greeting_rule_get_id (rule);
      g_hash_table_insert (names, id, g_strdup (rapport_greeting_rule_get_name (rule)));
    }

  return names;
}

/* "Customer · Rule" for a message, without the parts it lacks. */
static char *
describe_origin (RapportMessage *message,
                 GHashTable     *rule_names)
{
  gint64 rule_id = rapport_message_get_rule_id (message);
  const char *customer = rapport_message_get_customer_name (message);
  const char *rule = rule_id != 0 ? g_hash_table_lookup (rule_names, &rule_id) : NULL;
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();

  g_ptr_array_add (parts, (gpointer) rapport_channel_get_label (rapport_message_get_channel (message)));
  if (customer != NULL && customer[0] != '\0')
    g_ptr_array_add (parts, (gpointer) customer);
  if (rule != NULL)
    g_ptr_array_add (parts, (gpointer) rule);
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
describe_content (RapportMessage *message)
{
  const char *subject = rapport_message_get_subject (message);
  g_autofree char *body = snippet (rapport_message_get_body (message));

  if (subject != NULL && subject[0] != '\0')
    return g_strdup_printf ("%s — %s", subject, body);

  return g_steal_pointer (&body);
}

static void
fill_review (RapportOutreachPage *self,
             GHashTable          *rule_names)
{
  static const RapportMessageState states[] = { RAPPORT_MESSAGE_STATE_REVIEW };
  g_autoptr (GListModel) messages = list_in_states (self, states, G_N_ELEMENTS (states), 0);
  guint n = messages != NULL ? g_list_model_get_n_items (messages) : 0;

  clear_list (self->review_list);
  g_array_set_size (self->review_ids, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportMessage) message = g_list_model_get_item (messages, i);
      gint64 id = rapport_message_get_id (message);
      g_autofree char *origin = describe_origin (message, rule_names);
      g_autofree char *content = describe_content (message);
      g_autofree char *subtitle = g_strdup_printf ("%s\n%s", origin, content);
      GtkWidget *row = new_message_row (message, subtitle);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_action_button (_("_Approve"), "outreach.approve", id, FALSE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_message_menu (id, FALSE));
      gtk_list_box_append (self->review_list, row);
      g_array_append_val (self->review_ids, id);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->approve_all_button), n > 1);
}

static char *
describe_outbox_state (RapportOutreachPage *self,
                       RapportMessage      *message)
{
  RapportMessageState state = rapport_message_get_state (message);
  guint attempts = rapport_message_get_attempts (message);
  gint64 not_before = rapport_message_get_not_before (message);
  gint64 now = rapport_clock_now (rapport_session_get_clock (self->session));
  GString *text = g_string_new (rapport_message_state_get_label (state));
  const char *error = rapport_message_get_error (message);

  if (attempts > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u attempt", "%u attempts", attempts), attempts);
    }

  if (state == RAPPORT_MESSAGE_STATE_QUEUED && not_before > now)
    {
      g_autofree char *when = rapport_format_date_time (not_before);

      g_string_append (text, " · ");
      /* Translators: when a queued message is tried (again) */
      g_string_append_printf (text, _("next try %s"), when);
    }

  if (state == RAPPORT_MESSAGE_STATE_UNKNOWN)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Rapport stopped while sending this message; it may have been delivered. "
                               "Check with the recipient, then send it again or mark it as sent."));
    }
  else if (error != NULL && error[0] != '\0' &&
           (state == RAPPORT_MESSAGE_STATE_FAILED || state == RAPPORT_MESSAGE_STATE_QUEUED))
    {
      g_string_append_c (text, '\n');
      /* Translators: what the mail server or SMS gateway answered */
      g_string_append_printf (text, _("The server said: %s"), error);
    }

  return g_string_free (text, FALSE);
}

static gboolean
needs_user (RapportMessage *message)
{
  RapportMessageState state = rapport_message_get_state (message);

  return state == RAPPORT_MESSAGE_STATE_FAILED || state == RAPPORT_MESSAGE_STATE_UNKNOWN;
}

static GtkWidget *
new_outbox_row (RapportOutreachPage *self,
                RapportMessage      *message,
                GHashTable          *rule_names)
{
  RapportMessageState state = rapport_message_get_state (message);
  gint64 id = rapport_message_get_id (message);
  g_autofree char *origin = describe_origin (message, rule_names);
  g_autofree char *content = describe_content (message);
  g_autofree char *status = describe_outbox_state (self, message);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s\n%s", status, origin, content);
  GtkWidget *row = new_message_row (message, subtitle);

  if (state == RAPPORT_MESSAGE_STATE_FAILED)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_action_button (_("_Retry"), "outreach.retry", id, FALSE));
  else if (state == RAPPORT_MESSAGE_STATE_UNKNOWN)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_action_button (_("_Send Again"), "outreach.retry", id, FALSE));

  /* One being sent cannot be changed any more. */
  if (state != RAPPORT_MESSAGE_STATE_SENDING)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_message_menu (id, state == RAPPORT_MESSAGE_STATE_UNKNOWN));

  return row;
}

static void
fill_outbox (RapportOutreachPage *self,
             GHashTable          *rule_names)
{
  static const RapportMessageState states[] = {
    RAPPORT_MESSAGE_STATE_FAILED, RAPPORT_MESSAGE_STATE_UNKNOWN,
    RAPPORT_MESSAGE_STATE_SENDING, RAPPORT_MESSAGE_STATE_QUEUED,
  };
  g_autoptr (GListModel) messages = list_in_states (self, states, G_N_ELEMENTS (states), 0);
  guint n = messages != NULL ? g_list_model_get_n_items (messages) : 0;

  clear_list (self->outbox_list);

  /* What needs the user (failed, unknown) first, then what is on its way;
   * newest first within each. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (RapportMessage) message = g_list_model_get_item (messages, i);

        if (needs_user (message) == (pass == 0))
          gtk_list_box_append (self->outbox_list, new_outbox_row (self, message, rule_names));
      }
}

static void
fill_sent (RapportOutreachPage *self,
           GHashTable          *rule_names)
{
  static const RapportMessageState states[] = { RAPPORT_MESSAGE_STATE_SENT };
  g_autoptr (GListModel) messages = list_in_states (self, states, G_N_ELEMENTS (states),
                                                    RAPPORT_OUTREACH_PAGE_MAX_SENT);
  guint n = messages != NULL ? g_list_model_get_n_items (messages) : 0;

  clear_list (self->sent_list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportMessage) message = g_list_model_get_item (messages, i);
      g_autofree char *origin = describe_origin (message, rule_names);
      g_autofree char *content = describe_content (message);
      g_autofree char *when = rapport_format_date_time (rapport_message_get_sent_at (message));
      const char *provider_id = rapport_message_get_provider_id (message);
      g_autofree char *sent = provider_id != NULL && provider_id[0] != '\0'
                              /* Translators: when a message went out, and the id its provider gave it */
                              ? g_strdup_printf (_("Sent %s · id %s"), when, provider_id)
                              /* Translators: when a message went out */
                              : g_strdup_printf (_("Sent %s"), when);
      g_autofree char *subtitle = g_strdup_printf ("%s\n%s\n%s", sent, origin, content);
      GtkWidget *row = new_message_row (message, subtitle);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), rapport_message_get_customer_id (message) != 0);
      if (rapport_message_get_customer_id (message) != 0)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->sent_list, row);
    }
}

/* When the rule next applies, as the list shows it. */
static char *
describe_rule_occasion (RapportOutreachPage *self,
                        RapportGreetingRule *rule)
{
  g_autoptr (GDateTime) now = rapport_clock_now_local (rapport_session_get_clock (self->session));
  g_autoptr (GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                            g_date_time_get_month (now),
                                            g_date_time_get_year (now));
  RapportHoliday holiday;
  GDate next;
  char buffer[16];

  switch (rapport_greeting_rule_get_kind (rule))
    {
    case RAPPORT_GREETING_KIND_BIRTHDAY:
      return g_strdup (_("On each person’s birthday"));

    case RAPPORT_GREETING_KIND_PERIODIC:
      {
        guint months = rapport_greeting_rule_get_every_months (rule);

        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u month after the last interaction",
                                             "%u months after the last interaction", months),
                                months);
      }

    case RAPPORT_GREETING_KIND_HOLIDAY:
      if (!rapport_holiday_from_string (rapport_greeting_rule_get_holiday (rule), &holiday))
        return g_strdup (rapport_greeting_kind_get_label (RAPPORT_GREETING_KIND_HOLIDAY));
      if (!rapport_holiday_next (holiday, today, &next))
        return g_strdup (rapport_holiday_get_label (holiday));
      g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &next);
      /* Translators: a holiday and the date it next falls on */
      return g_strdup_printf (_("%s, next on %s"), rapport_holiday_get_label (holiday), buffer);

    case RAPPORT_GREETING_KIND_DATE:
    default:
      {
        guint month = 0, day = 0;

        if (sscanf (rapport_greeting_rule_get_month_day (rule) != NULL
                    ? rapport_greeting_rule_get_month_day (rule) : "", "%u-%u", &month, &day) != 2 ||
            !g_date_valid_dmy (MIN (day, 29), month, 2000))
          return g_strdup (rapport_greeting_kind_get_label (RAPPORT_GREETING_KIND_DATE));

        /* 02-29 falls on the 28th in common years. */
        for (int year = g_date_get_year (today); ; year++)
          {
            guint d = g_date_valid_dmy (day, month, year) ? day : day - 1;

            g_date_clear (&next, 1);
            g_date_set_dmy (&next, d, month, year);
            if (g_date_compare (&next, today) >= 0)
              break;
          }
        g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &next);
        /* Translators: a greeting on a date of the user's own, and when it next comes */
        return g_strdup_printf (_("Every year, next on %s"), buffer);
      }
    }
}

static void
rule_switch_cb (GtkSwitch           *toggle,
                GParamSpec          *pspec,
                RapportOutreachPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "rule-id"));
  g_autoptr (GError) error = NULL;

  if (!rapport_store_set_greeting_rule_enabled (self->db, id, gtk_switch_get_active (toggle), &error))
    show_error (self, error);
}

static void
fill_rules (RapportOutreachPage *self,
            GListModel          *rules)
{
  guint n = rules != NULL ? g_list_model_get_n_items (rules) : 0;

  clear_list (self->rules_list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportGreetingRule) rule = g_list_model_get_item (rules, i);
      gint64 id = rapport_greeting_rule_get_id (rule);
      g_autofree char *occasion = describe_rule_occasion (self, rule);
      const RapportAudience *audience = rapport_greeting_rule_get_audience (rule);
      g_autoptr (RapportAudience) everyone = rapport_audience_new ();
      g_autofree char *who = rapport_audience_describe (audience != NULL ? audience : everyone);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      subtitle = g_strdup_printf ("%s\n%s · %s · %s\n%s", occasion,
                                  rapport_channel_get_label (rapport_greeting_rule_get_channel (rule)),
                                  rapport_greeting_rule_get_send_time (rule),
                                  rapport_greeting_rule_get_review_first (rule) ? _("Review first") : _("Automatic"),
                                  who);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_greeting_rule_get_name (rule));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "rule-id", GSIZE_TO_POINTER (id));

      gtk_switch_set_active (GTK_SWITCH (toggle), rapport_greeting_rule_get_enabled (rule));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (toggle, is_writable (self));
      gtk_widget_set_tooltip_text (toggle, _("Enabled"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Enabled"), -1);
      g_object_set_data (G_OBJECT (toggle), "rule-id", GSIZE_TO_POINTER (id));
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (rule_switch_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->rules_list, row);
    }
}

static void
update_actions (RapportOutreachPage *self)
{
  gboolean writable = is_writable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.approve", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.approve-all", writable && self->review_ids->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.edit", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.cancel", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.retry", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.mark-sent", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.new-rule", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.compose", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.templates", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.edit-rule", writable);
}

static void
set_n_attention (RapportOutreachPage *self,
                 guint                n)
{
  if (self->n_attention == n)
    return;

  self->n_attention = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ATTENTION]);
}

static void
refresh (RapportOutreachPage *self)
{
  g_autoptr (GListModel) rules = NULL;
  g_autoptr (GHashTable) rule_names = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->db == NULL)
    {
      clear_list (self->review_list);
      clear_list (self->outbox_list);
      clear_list (self->sent_list);
      clear_list (self->rules_list);
      g_array_set_size (self->review_ids, 0);
      set_n_attention (self, 0);
      update_actions (self);
      return;
    }

  rules = rapport_store_list_greeting_rules (self->db, FALSE, &error);
  if (rules == NULL)
    g_warning ("Could not list greeting rules: %s", error->message);
  rule_names = read_rule_names (rules);

  fill_review (self, rule_names);
  fill_outbox (self, rule_names);
  fill_sent (self, rule_names);
  fill_rules (self, rules);

  set_n_attention (self,
                   rapport_store_count_messages (self->db, RAPPORT_MESSAGE_STATE_REVIEW) +
                   rapport_store_count_messages (self->db, RAPPORT_MESSAGE_STATE_FAILED) +
                   rapport_store_count_messages (self->db, RAPPORT_MESSAGE_STATE_UNKNOWN));
  update_actions (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  RapportOutreachPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
changes_cb (RapportOutreachPage *self,
            GArray              *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      /* Customers too: the rows show their names. */
      if (change->kind == RAPPORT_ENTITY_KIND_MESSAGE || change->kind == RAPPORT_ENTITY_KIND_GREETING_RULE ||
          change->kind == RAPPORT_ENTITY_KIND_CUSTOMER || change->change == RAPPORT_CHANGE_RELOADED)
        {
          if (self->refresh_id == 0)
            self->refresh_id = g_idle_add (refresh_cb, self);
          return;
        }
    }
}

static RapportMessage *
find_message (RapportOutreachPage *self,
              gint64               id)
{
  g_autoptr (GError) error = NULL;
  RapportMessage *message = rapport_store_get_message (self->db, id, &error);

  if (message == NULL)
    show_error (self, error);

  return message;
}

/* Callbacks */

static void
sent_row_activated_cb (RapportOutreachPage *self,
                       GtkListBoxRow       *row)
{
  RapportMessage *message = g_object_get_data (G_OBJECT (row), "message");

  if (message != NULL && rapport_message_get_customer_id (message) != 0)
    g_signal_emit (self, signals[SIGNAL_OPEN_CUSTOMER], 0, rapport_message_get_customer_id (message));
}

static void
open_rule_dialog (RapportOutreachPage *self,
                  RapportGreetingRule *rule)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = rapport_greeting_rule_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                        self->session, rule);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rule_row_activated_cb (RapportOutreachPage *self,
                       GtkListBoxRow       *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "rule-id"));

  if (id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "outreach.edit-rule", "x", id);
}

/* Actions */

static void
approve_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr (GError) error = NULL;

  if (!rapport_store_approve_messages (self->db, &id, 1, &error))
    show_error (self, error);
}

static void
approve_all_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->review_ids->len == 0)
    return;

  if (!rapport_store_approve_messages (self->db, (const gint64 *) self->review_ids->data,
                                       self->review_ids->len, &error))
    show_error (self, error);
}

static void
retry_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (!rapport_store_retry_message (self->db, g_variant_get_int64 (parameter), &error))
    show_error (self, error);
}

static void
mark_sent_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (!rapport_store_mark_message_sent (self->db, g_variant_get_int64 (parameter), &error))
    show_error (self, error);
  else
    rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (_("Marked as sent and added to the customer’s interactions")));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (!rapport_store_cancel_message (self->db, g_variant_get_int64 (parameter), &error))
    show_error (self, error);
  else
    rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (_("Message cancelled")));
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (widget);
  g_autoptr (RapportMessage) message = find_message (self, g_variant_get_int64 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (message == NULL)
    return;

  dialog = rapport_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session, message);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
present_dialog (RapportOutreachPage *self,
                GtkWidget           *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
compose_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (widget);
  RapportChannel channel;

  if (self->session == NULL ||
      !rapport_channel_from_string (g_variant_get_string (parameter, NULL), &channel))
    return;

  present_dialog (self, rapport_compose_dialog_new_for_audience (self->session, channel));
}

static void
templates_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (widget);

  if (self->session == NULL)
    return;

  present_dialog (self, rapport_templates_dialog_new (self->session));
}

static void
new_rule_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_rule_dialog (RAPPORT_OUTREACH_PAGE (widget), NULL);
}

static void
edit_rule_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportGreetingRule) rule = rapport_store_get_greeting_rule (self->db, g_variant_get_int64 (parameter),
                                                                         &error);

  if (rule == NULL)
    {
      show_error (self, error);
      return;
    }

  open_rule_dialog (self, rule);
}

/* GObject */

static void
rapport_outreach_page_dispose (GObject *object)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);
  g_clear_object (&self->session);
  self->db = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_OUTREACH_PAGE);

  G_OBJECT_CLASS (rapport_outreach_page_parent_class)->dispose (object);
}

static void
rapport_outreach_page_finalize (GObject *object)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (object);

  g_clear_pointer (&self->review_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_outreach_page_parent_class)->finalize (object);
}

static void
rapport_outreach_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    case PROP_N_ATTENTION:
      g_value_set_uint (value, self->n_attention);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_outreach_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportOutreachPage *self = RAPPORT_OUTREACH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_outreach_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      rapport_outreach_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_outreach_page_class_init (RapportOutreachPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_outreach_page_dispose;
  object_class->finalize = rapport_outreach_page_finalize;
  object_class->get_property = rapport_outreach_page_get_property;
  object_class->set_property = rapport_outreach_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ATTENTION] =
    g_param_spec_uint ("n-attention", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportOutreachPage::open-customer:
   * @customer_id: the customer of the sent message activated
   */
  signals[SIGNAL_OPEN_CUSTOMER] =
    g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "outreach.approve", "x", approve_action_cb);
  gtk_widget_class_install_action (widget_class, "outreach.approve-all", NULL, approve_all_action_cb);
  gtk_widget_class_install_action (widget_class, "outreach.retry", "x", retry_action_cb);
  gtk_widget_class_install_action (widget_class, "outreach.cancel", "x", cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "outreach.mark-sent", "x", mark_sent_action_cb);
  gtk_widget_class_install_action (widget_class, "outreach.edit", "x", edit_action_cb);
  gtk_widget_class_install_action (widget_class, "outreach.new-rule", NULL, new_rule_action_cb);
  gtk_widget_class_install_action (widget_class, "outreach.compose", "s", compose_action_cb);
  gtk_widget_class_install_action (widget_class, "outreach.templates", NULL, templates_action_cb);
  gtk_widget_class_install_action (widget_class, "outreach.edit-rule", "x", edit_rule_action_cb);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-outreach-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportOutreachPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportOutreachPage, review_group);
  gtk_widget_class_bind_template_child (widget_class, RapportOutreachPage, approve_all_button);
  gtk_widget_class_bind_template_child (widget_class, RapportOutreachPage, review_list);
  gtk_widget_class_bind_template_child (widget_class, RapportOutreachPage, outbox_list);
  gtk_widget_class_bind_template_child (widget_class, RapportOutreachPage, sent_list);
  gtk_widget_class_bind_template_child (widget_class, RapportOutreachPage, rules_list);
  gtk_widget_class_bind_template_callback (widget_class, sent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, rule_row_activated_cb);
}

static void
rapport_outreach_page_init (RapportOutreachPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->review_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  gtk_list_box_set_placeholder (self->review_list, new_placeholder (_("Nothing to review")));
  gtk_list_box_set_placeholder (self->outbox_list, new_placeholder (_("The outbox is empty")));
  gtk_list_box_set_placeholder (self->sent_list, new_placeholder (_("No messages sent yet")));
  gtk_list_box_set_placeholder (self->rules_list,
                                new_placeholder (_("No greetings yet: add a rule for birthdays or holidays.")));

  update_actions (self);
}

/* Public API */

GtkWidget *
rapport_outreach_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_OUTREACH_PAGE, NULL);
}

/**
 * rapport_outreach_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session shown
 */
RapportSession *
rapport_outreach_page_get_session (RapportOutreachPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_OUTREACH_PAGE (self), NULL);

  return self->session;
}

/**
 * rapport_outreach_page_set_session:
 * @session: (nullable): an open session, or %NULL to show nothing
 */
void
rapport_outreach_page_set_session (RapportOutreachPage *self,
                                   RapportSession      *session)
{
  g_return_if_fail (RAPPORT_IS_OUTREACH_PAGE (self));
  g_return_if_fail (session == NULL || RAPPORT_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  self->db = session != NULL ? rapport_session_get_database (session) : NULL;
  g_signal_group_set_target (self->bus_signals,
                             self->db != NULL ? rapport_database_get_change_bus (self->db) : NULL);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
rapport_outreach_page_set_show_back_button (RapportOutreachPage *self,
                                            gboolean             show)
{
  g_return_if_fail (RAPPORT_IS_OUTREACH_PAGE (self));

  show = !!show;
  if (self->show_back_button == show)
    return;

  self->show_back_button = show;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

guint
rapport_outreach_page_get_n_attention (RapportOutreachPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_OUTREACH_PAGE (self), 0);

  return self->n_attention;
}

void
rapport_outreach_page_refresh (RapportOutreachPage *self)
{
  g_return_if_fail (RAPPORT_IS_OUTREACH_PAGE (self));

  refresh (self);
}
