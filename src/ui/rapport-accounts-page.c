/* rapport-accounts-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-accounts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-account-dialog.h"
#include "rapport-change-bus.h"
#include "rapport-store.h"

#include "rapport-accounts-page.h"

struct _RapportAccountsPage
{
  AdwPreferencesPage  parent_instance;

  AdwPreferencesGroup *mail_group;
  AdwPreferencesGroup *sms_group;
  GtkWidget           *mail_add_row;
  GtkWidget           *sms_add_row;
  GPtrArray           *rows;       /* the account rows shown, to remove on refresh */

  /* Owned */
  RapportSession      *session;
  GSignalGroup        *bus_signals;
};

G_DEFINE_FINAL_TYPE (RapportAccountsPage, rapport_accounts_page, ADW_TYPE_PREFERENCES_PAGE)

/* What a row says under the account's name: where it sends from. */
static char *
describe_account (RapportAccount *account)
{
  const char *provider = rapport_account_get_provider (account);

  if (g_strcmp0 (provider, RAPPORT_PROVIDER_SMTP) == 0)
    /* Translators: a mail account's sender address and its server */
    return g_strdup_printf (_("%s · %s"), rapport_account_get_setting (account, "sender-address"),
                            rapport_account_get_setting (account, "host"));
  if (g_strcmp0 (provider, RAPPORT_PROVIDER_ALIYUN) == 0)
    return g_strdup (_("Aliyun SMS"));
  if (g_strcmp0 (provider, RAPPORT_PROVIDER_TENCENT) == 0)
    return g_strdup (_("Tencent Cloud SMS"));
  if (g_strcmp0 (provider, RAPPORT_PROVIDER_TWILIO) == 0)
    return g_strdup (_("Twilio-compatible"));

  return g_strdup (_("Generic HTTP"));
}

static void
open_dialog (RapportAccountsPage *self,
             RapportChannel       channel,
             RapportAccount      *account)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = rapport_account_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  self->session, channel, account);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
account_row_activated_cb (AdwActionRow        *row,
                          RapportAccountsPage *self)
{
  RapportAccount *account = g_object_get_data (G_OBJECT (row), "rapport-account");

  open_dialog (self, rapport_account_get_channel (account), account);
}

static void
fill_group (RapportAccountsPage *self,
            AdwPreferencesGroup *group,
            GtkWidget           *add_row,
            RapportChannel       channel)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) accounts = rapport_store_list_accounts (rapport_session_get_database (self->session),
                                                                channel, &error);
  guint n = accounts != NULL ? g_list_model_get_n_items (accounts) : 0;

  if (accounts == NULL)
    {
      adw_preferences_group_set_description (group, error->message);
      return;
    }

  if (n == 0)
    adw_preferences_group_set_description (group,
                                           channel == RAPPORT_CHANNEL_MAIL
                                           ? _("No mail account yet. Add one to send mail to customers.")
                                           : _("No SMS gateway yet. Add one to send text messages to customers."));
  else
    adw_preferences_group_set_description (group, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportAccount) account = g_list_model_get_item (accounts, i);
      g_autofree char *subtitle = describe_account (account);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      /* Names are the user's text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_account_get_name (account));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (rapport_account_get_is_default (account))
        {
          GtkWidget *label = gtk_label_new (_("Default"));

          gtk_widget_add_css_class (label, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "rapport-account", g_object_ref (account), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (account_row_activated_cb), self);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->rows, row);
    }

  /* The add row stays last. */
  g_object_ref (add_row);
  adw_preferences_group_remove (group, add_row);
  adw_preferences_group_add (group, add_row);
  g_object_unref (add_row);
}

static void
refresh (RapportAccountsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  if (self->session == NULL)
    return;

  fill_group (self, self->mail_group, self->mail_add_row, RAPPORT_CHANNEL_MAIL);
  fill_group (self, self->sms_group, self->sms_add_row, RAPPORT_CHANNEL_SMS);
}

static void
changes_cb (RapportAccountsPage *self,
            GArray              *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      if (change->kind == RAPPORT_ENTITY_KIND_ACCOUNT ||
          (change->change == RAPPORT_CHANGE_RELOADED && change->kind == RAPPORT_ENTITY_KIND_CUSTOMER &&
           change->customer_id == 0))
        {
          refresh (self);
          return;
        }
    }
}

static void
add_mail_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_dialog (RAPPORT_ACCOUNTS_PAGE (widget), RAPPORT_CHANNEL_MAIL, NULL);
}

static void
add_sms_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_dialog (RAPPORT_ACCOUNTS_PAGE (widget), RAPPORT_CHANNEL_SMS, NULL);
}

/* GObject */

static void
rapport_accounts_page_dispose (GObject *object)
{
  RapportAccountsPage *self = RAPPORT_ACCOUNTS_PAGE (object);

  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);

  G_OBJECT_CLASS (rapport_accounts_page_parent_class)->dispose (object);
}

static void
rapport_accounts_page_finalize (GObject *object)
{
  RapportAccountsPage *self = RAPPORT_ACCOUNTS_PAGE (object);

  g_clear_object (&self->bus_signals);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_accounts_page_parent_class)->finalize (object);
}

static void
rapport_accounts_page_class_init (RapportAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_accounts_page_dispose;
  object_class->finalize = rapport_accounts_page_finalize;

  gtk_widget_class_install_action (widget_class, "accounts.add-mail", NULL, add_mail_activated);
  gtk_widget_class_install_action (widget_class, "accounts.add-sms", NULL, add_sms_activated);
}

static AdwPreferencesGroup *
new_group (RapportAccountsPage  *self,
           const char           *title,
           const char           *add_label,
           const char           *add_action,
           GtkWidget           **out_add_row)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add_row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), add_label);
  adw_action_row_add_prefix (ADW_ACTION_ROW (add_row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_row), add_action);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  *out_add_row = add_row;

  return ADW_PREFERENCES_GROUP (group);
}

static void
rapport_accounts_page_init (RapportAccountsPage *self)
{
  self->rows = g_ptr_array_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Accounts"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "mail-send-symbolic");
  self->mail_group = new_group (self, _("E-mail"), _("Add E-mail Account…"), "accounts.add-mail",
                                &self->mail_add_row);
  self->sms_group = new_group (self, _("SMS"), _("Add SMS Gateway…"), "accounts.add-sms",
                               &self->sms_add_row);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);
}

/* Public API */

/**
 * rapport_accounts_page_new:
 * @session: the open session whose accounts are shown
 *
 * Returns: (transfer floating): the page
 */
GtkWidget *
rapport_accounts_page_new (RapportSession *session)
{
  RapportAccountsPage *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_ACCOUNTS_PAGE, NULL);
  self->session = g_object_ref (session);
  g_signal_group_set_target (self->bus_signals,
                             rapport_database_get_change_bus (rapport_session_get_database (self->session)));
  refresh (self);

  return GTK_WIDGET (self);
}
