/* rapport-account-dialog.c
 *
 * The form holds every provider's rows and shows those of the chosen one.
 * The secret never comes back from the keyring into the form: its row only
 * takes a new one (empty keeps what is stored), and a status row says
 * whether one is stored. Save writes the account, then the secret; when the
 * keyring refuses, the account stays saved and the dialog stays open with
 * the keyring's message and what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-account-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-editor-dialog.h"
#include "rapport-entity.h"
#include "rapport-form-helpers.h"
#include "rapport-secrets.h"
#include "rapport-sender.h"
#include "rapport-store.h"

#include "rapport-account-dialog.h"

typedef struct
{
  const char *provider;
  const char *key;
  const char *title;   /* untranslated, with a mnemonic */
} AccountField;

/* The settings typed as text, per provider (rapport-account.h). Security,
 * method and body are choices, in combo rows of their own. */
static const AccountField fields[] = {
  { RAPPORT_PROVIDER_SMTP, "host", N_("_Server") },
  { RAPPORT_PROVIDER_SMTP, "port", N_("_Port") },
  { RAPPORT_PROVIDER_SMTP, "user", N_("_User Name") },
  { RAPPORT_PROVIDER_SMTP, "sender-name", N_("Sender _Name") },
  { RAPPORT_PROVIDER_SMTP, "sender-address", N_("Sender _Address") },
  { RAPPORT_PROVIDER_ALIYUN, "access-key-id", N_("Access_Key ID") },
  { RAPPORT_PROVIDER_ALIYUN, "sign-name", N_("_Sign Name") },
  { RAPPORT_PROVIDER_ALIYUN, "template-code", N_("_Template Code") },
  { RAPPORT_PROVIDER_ALIYUN, "template-param", N_("Template _Variable") },
  { RAPPORT_PROVIDER_ALIYUN, "region", N_("_Region") },
  { RAPPORT_PROVIDER_ALIYUN, "endpoint", N_("_Endpoint") },
  { RAPPORT_PROVIDER_TENCENT, "secret-id", N_("Secret_Id") },
  { RAPPORT_PROVIDER_TENCENT, "sdk-app-id", N_("SDK _App ID") },
  { RAPPORT_PROVIDER_TENCENT, "sign-name", N_("_Sign Name") },
  { RAPPORT_PROVIDER_TENCENT, "template-id", N_("_Template ID") },
  { RAPPORT_PROVIDER_TENCENT, "region", N_("_Region") },
  { RAPPORT_PROVIDER_TENCENT, "endpoint", N_("_Endpoint") },
  { RAPPORT_PROVIDER_TWILIO, "account-sid", N_("Account _SID") },
  { RAPPORT_PROVIDER_TWILIO, "from", N_("Sender _Number") },
  { RAPPORT_PROVIDER_TWILIO, "endpoint", N_("_Endpoint") },
  { RAPPORT_PROVIDER_HTTP, "url", N_("Gateway _URL") },
  { RAPPORT_PROVIDER_HTTP, "body-template", N_("Body _Template, with {to} and {text}") },
  { RAPPORT_PROVIDER_HTTP, "auth-header", N_("Auth _Header Name") },
  { RAPPORT_PROVIDER_HTTP, "success-status", N_("Success S_tatus") },
};

/* The SMS providers, in the order of the provider row. */
static const struct
{
  const char *provider;
  const char *label;         /* untranslated */
  const char *secret_title;  /* untranslated, with a mnemonic */
} sms_providers[] = {
  { RAPPORT_PROVIDER_ALIYUN, N_("Aliyun SMS"), N_("AccessKey _Secret") },
  { RAPPORT_PROVIDER_TENCENT, N_("Tencent Cloud SMS"), N_("Secret_Key") },
  { RAPPORT_PROVIDER_TWILIO, N_("Twilio-compatible"), N_("Auth _Token") },
  { RAPPORT_PROVIDER_HTTP, N_("Generic HTTP"), N_("Auth Header _Value") },
};

static const char * const security_keys[] = { "starttls", "tls", "none" };
static const char * const method_keys[] = { "POST", "GET" };
static const char * const body_keys[] = { "form", "json" };

typedef enum
{
  SECRET_CHECKING,
  SECRET_STORED,
  SECRET_NONE,
  SECRET_UNKNOWN,   /* the keyring could not say */
} SecretState;

struct _RapportAccountDialog
{
  RapportEditorDialog  parent_instance;

  /* Built in init and setup */
  GtkWidget           *name_row;
  GtkWidget           *kind_row;          /* mail preset or SMS provider */
  GtkWidget           *hint_label;
  GtkWidget           *security_row;
  GtkWidget           *security_warning;
  GtkWidget           *method_row;
  GtkWidget           *body_row;
  GtkWidget           *field_rows[G_N_ELEMENTS (fields)];
  GtkWidget           *secret_row;
  GtkWidget           *secret_status_row;
  GtkWidget           *remove_secret_button;
  GtkWidget           *default_switch;
  GtkWidget           *error_row;
  GtkWidget           *test_row;
  GtkWidget           *test_button;
  GtkWidget           *test_spinner;
  GtkWidget           *test_result;
  GtkWidget           *remove_group;

  /* Owned */
  RapportAccount      *account;       /* the saved one; NULL until a new one is saved */
  RapportChannel       channel;
  GCancellable        *cancellable;
  char                *ca_file;
  char                *secret_error;  /* why the keyring could not say */

  SecretState          secret_state;
  gboolean             loading;
  gboolean             name_touched;
  gboolean             touched;
  gboolean             busy;          /* saving the secret, or removing */
  gboolean             testing;
};

G_DEFINE_FINAL_TYPE (RapportAccountDialog, rapport_account_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

/* Helpers */

/* The preset chosen, or NULL for "Other". */
static const RapportMailPreset *
get_mail_preset (RapportAccountDialog *self)
{
  guint n = 0;
  const RapportMailPreset *presets = rapport_mail_presets (&n);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));

  return selected < n ? &presets[selected] : NULL;
}

static const char *
get_provider (RapportAccountDialog *self)
{
  guint selected;

  if (self->channel == RAPPORT_CHANNEL_MAIL)
    return RAPPORT_PROVIDER_SMTP;

  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));
  return sms_providers[MIN (selected, G_N_ELEMENTS (sms_providers) - 1)].provider;
}

static const char *
get_kind_label (RapportAccountDialog *self)
{
  if (self->channel == RAPPORT_CHANNEL_MAIL)
    {
      const RapportMailPreset *preset = get_mail_preset (self);

      return preset != NULL ? rapport_mail_preset_get_label (preset) : _("Mail");
    }

  for (guint i = 0; i < G_N_ELEMENTS (sms_providers); i++)
    if (g_strcmp0 (sms_providers[i].provider, get_provider (self)) == 0)
      return _(sms_providers[i].label);

  return NULL;
}

static guint
index_of (const char * const *keys,
          guint               n_keys,
          const char         *key)
{
  for (guint i = 0; i < n_keys; i++)
    if (key != NULL && g_ascii_strcasecmp (keys[i], key) == 0)
      return i;

  return 0;
}

static GtkWidget *
field_row (RapportAccountDialog *self,
           const char           *provider,
           const char           *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].provider, provider) == 0 && g_strcmp0 (fields[i].key, key) == 0)
      return self->field_rows[i];

  return NULL;
}

/* The account as the form has it (the saved one's id and uuid kept). The
 * secret is not in it. */
static RapportAccount *
build_account (RapportAccountDialog *self)
{
  RapportAccount *account = self->account != NULL ? rapport_account_copy (self->account) : rapport_account_new ();
  const char *provider = get_provider (self);
  g_autofree char *name = rapport_editable_dup_trimmed (GTK_EDITABLE (self->name_row));
  g_auto (GStrv) old_keys = rapport_account_list_settings (account);

  for (guint i = 0; old_keys[i] != NULL; i++)
    rapport_account_set_setting (account, old_keys[i], NULL);

  rapport_account_set_channel (account, self->channel);
  rapport_account_set_provider (account, provider);
  rapport_account_set_name (account, name);
  rapport_account_set_is_default (account, gtk_switch_get_active (GTK_SWITCH (self->default_switch)));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = NULL;

      if (strcmp (fields[i].provider, provider) != 0)
        continue;
      value = rapport_editable_dup_trimmed (GTK_EDITABLE (self->field_rows[i]));
      rapport_account_set_setting (account, fields[i].key, value);
    }

  if (self->channel == RAPPORT_CHANNEL_MAIL)
    rapport_account_set_setting (account, "security",
                                 security_keys[adw_combo_row_get_selected (ADW_COMBO_ROW (self->security_row))]);
  else if (strcmp (provider, RAPPORT_PROVIDER_HTTP) == 0)
    {
      rapport_account_set_setting (account, "method",
                                   method_keys[adw_combo_row_get_selected (ADW_COMBO_ROW (self->method_row))]);
      rapport_account_set_setting (account, "body",
                                   body_keys[adw_combo_row_get_selected (ADW_COMBO_ROW (self->body_row))]);
    }

  return account;
}

static gboolean
secret_typed (RapportAccountDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->secret_row))[0] != '\0';
}

static void
set_secret_state (RapportAccountDialog *self,
                  SecretState           state,
                  const char           *error_message)
{
  self->secret_state = state;
  g_free (self->secret_error);
  self->secret_error = g_strdup (error_message);
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
}

static const char *
secret_status_text (RapportAccountDialog *self)
{
  gboolean mail = self->channel == RAPPORT_CHANNEL_MAIL;

  switch (self->secret_state)
    {
    case SECRET_CHECKING:
      return _("Looking in the keyring…");
    case SECRET_STORED:
      return mail ? _("A password is stored in the keyring") : _("A key is stored in the keyring");
    case SECRET_UNKNOWN:   /* with the keyring's message under it */
    case SECRET_NONE:
    default:
      return mail ? _("No password stored") : _("No key stored");
    }
}

static void
set_busy (RapportAccountDialog *self,
          gboolean              busy)
{
  self->busy = busy;
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
}

/* Async calls hold the dialog weakly: one closed meanwhile (or its parent)
 * is not kept alive by them. */
static gpointer
weak_self (RapportAccountDialog *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static RapportAccountDialog *
take_self (gpointer data)
{
  GWeakRef *ref = data;
  RapportAccountDialog *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

static gboolean
is_gone (RapportAccountDialog *self)
{
  return self == NULL || rapport_editor_dialog_is_closing (RAPPORT_EDITOR_DIALOG (self));
}

/* Callbacks */

static void
has_secret_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (RapportAccountDialog) self = take_self (user_data);
  g_autoptr (GError) error = NULL;
  gboolean has_secret = FALSE;

  if (!rapport_secrets_has_secret_finish (result, &has_secret, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !is_gone (self))
        set_secret_state (self, SECRET_UNKNOWN, error->message);
      return;
    }

  if (!is_gone (self))
    set_secret_state (self, has_secret ? SECRET_STORED : SECRET_NONE, NULL);
}

static void
check_secret (RapportAccountDialog *self)
{
  if (self->account == NULL)
    {
      set_secret_state (self, SECRET_NONE, NULL);
      return;
    }

  set_secret_state (self, SECRET_CHECKING, NULL);
  rapport_secrets_has_secret_async (rapport_account_get_uuid (self->account), self->cancellable,
                                    has_secret_cb, weak_self (self));
}

static void
fill_from_preset (RapportAccountDialog *self)
{
  const RapportMailPreset *preset = get_mail_preset (self);
  g_autofree char *port = NULL;

  if (preset == NULL)
    return;

  port = g_strdup_printf ("%u", preset->port);
  gtk_editable_set_text (GTK_EDITABLE (field_row (self, RAPPORT_PROVIDER_SMTP, "host")), preset->host);
  gtk_editable_set_text (GTK_EDITABLE (field_row (self, RAPPORT_PROVIDER_SMTP, "port")), port);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->security_row),
                              index_of (security_keys, G_N_ELEMENTS (security_keys), preset->security));
}

static void
name_changed_cb (RapportAccountDialog *self)
{
  if (!self->loading)
    self->name_touched = TRUE;
  self->touched = TRUE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
field_changed_cb (RapportAccountDialog *self)
{
  if (!self->loading)
    self->touched = TRUE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
kind_changed_cb (RapportAccountDialog *self)
{
  if (!self->loading)
    {
      if (self->channel == RAPPORT_CHANNEL_MAIL)
        fill_from_preset (self);
      /* The name follows the kind until the user names the account. */
      if (!self->name_touched)
        {
          self->loading = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->name_row), get_kind_label (self));
          self->loading = FALSE;
        }
    }
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
secret_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (RapportAccountDialog) self = take_self (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (rapport_secrets_store_finish (result, &error))
    {
      if (is_gone (self))
        return;
      g_signal_emit_by_name (self, "saved", rapport_account_get_id (self->account));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_gone (self))
    return;

  /* The account is saved; what was typed stays for another try. */
  set_busy (self, FALSE);
  message = self->channel == RAPPORT_CHANNEL_MAIL
    /* Translators: %s is the keyring's message */
    ? g_strdup_printf (_("The account is saved, but its password could not be stored: %s"), error->message)
    /* Translators: %s is the keyring's message */
    : g_strdup_printf (_("The gateway is saved, but its key could not be stored: %s"), error->message);
  check_secret (self);
  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), message);
}

static void
secret_removed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (RapportAccountDialog) self = take_self (user_data);
  g_autoptr (GError) error = NULL;

  if (!rapport_secrets_clear_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_gone (self))
        return;
      set_busy (self, FALSE);
      rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);
      check_secret (self);
      return;
    }

  if (is_gone (self))
    return;
  set_busy (self, FALSE);
  check_secret (self);
}

static void
remove_secret_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportAccountDialog *self = RAPPORT_ACCOUNT_DIALOG (widget);

  if (self->account == NULL || self->busy)
    return;

  set_busy (self, TRUE);
  rapport_secrets_clear_async (rapport_account_get_uuid (self->account), self->cancellable,
                               secret_removed_cb, weak_self (self));
}

static void
account_secret_cleared_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr (RapportAccountDialog) self = take_self (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (rapport_secrets_clear_finish (result, &error))
    {
      if (!is_gone (self))
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_gone (self))
    return;

  /* Translators: %s is the keyring's message */
  message = g_strdup_printf (_("The account is removed, but its secret could not be removed from the keyring: %s"),
                             error->message);
  rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), message);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  RapportAccountDialog *self = RAPPORT_ACCOUNT_DIALOG (user_data);
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->account == NULL || is_gone (self))
    return;

  if (!rapport_store_delete_account (rapport_editor_dialog_get_database (RAPPORT_EDITOR_DIALOG (self)),
                                     rapport_account_get_id (self->account), &error))
    {
      rapport_editor_dialog_show_banner (RAPPORT_EDITOR_DIALOG (self), error->message);
      return;
    }

  /* Gone from the book: nothing is left to save, only the secret to clear. */
  set_busy (self, TRUE);
  /* Not cancelled with the dialog: the account is gone, its secret must go. */
  rapport_secrets_clear_async (rapport_account_get_uuid (self->account), NULL,
                               account_secret_cleared_cb, weak_self (self));
}

static void
remove_account_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RapportAccountDialog *self = RAPPORT_ACCOUNT_DIALOG (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->account == NULL || self->busy)
    return;

  /* Translators: %s is the account's name */
  heading = g_strdup_printf (_("Remove “%s”?"), rapport_account_get_name (self->account));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   self->channel == RAPPORT_CHANNEL_MAIL
                                   ? _("Its password is removed from the keyring too. Messages already sent stay in the customers’ timelines.")
                                   : _("Its key is removed from the keyring too. Messages already sent stay in the customers’ timelines."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
test_sent_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (RapportAccountDialog) self = take_self (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *answer = rapport_sender_send_test_finish (result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_gone (self))
    return;

  self->testing = FALSE;
  if (error != NULL)
    {
      /* Translators: %s is why the test failed (the server's answer, a certificate problem, …) */
      text = g_strdup_printf (_("The test failed: %s"), error->message);
      gtk_widget_remove_css_class (self->test_result, "success");
      gtk_widget_add_css_class (self->test_result, "error");
    }
  else
    {
      /* Translators: %s is the server's or gateway's answer, e.g. "250 2.0.0 Ok: queued as 4F2" */
      text = answer != NULL ? g_strdup_printf (_("Sent. The server answered: %s"), answer) : g_strdup (_("Sent."));
      gtk_widget_remove_css_class (self->test_result, "error");
      gtk_widget_add_css_class (self->test_result, "success");
    }

  gtk_label_set_text (GTK_LABEL (self->test_result), text);
  gtk_widget_set_visible (self->test_result, TRUE);
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
}

static void
test_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  RapportAccountDialog *self = RAPPORT_ACCOUNT_DIALOG (user_data);
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *recipient = rapport_editable_dup_trimmed (GTK_EDITABLE (entry));
  g_autoptr (RapportAccount) account = NULL;

  if (g_strcmp0 (response, "send") != 0 || recipient == NULL || is_gone (self) || self->testing)
    return;

  account = build_account (self);
  self->testing = TRUE;
  gtk_widget_set_visible (self->test_result, FALSE);
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  rapport_sender_send_test_with_ca_async (account, recipient, self->ca_file, self->cancellable,
                                          test_sent_cb, weak_self (self));
}

static void
test_recipient_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  g_autofree char *recipient = rapport_editable_dup_trimmed (entry);

  adw_message_dialog_set_response_enabled (dialog, "send", recipient != NULL);
}

static void
send_test_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportAccountDialog *self = RAPPORT_ACCOUNT_DIALOG (widget);
  gboolean mail = self->channel == RAPPORT_CHANNEL_MAIL;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->account == NULL || self->testing)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Send a Test Message"),
                                   mail ? _("A short test mail is sent to this address.")
                                        : _("A short test SMS is sent to this number, in international form (+86…)."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), mail ? GTK_INPUT_PURPOSE_EMAIL : GTK_INPUT_PURPOSE_PHONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  mail ? _("Recipient address") : _("Recipient number"), -1);
  if (mail)
    gtk_editable_set_text (GTK_EDITABLE (entry),
                           gtk_editable_get_text (GTK_EDITABLE (field_row (self, RAPPORT_PROVIDER_SMTP, "sender-address"))));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "send");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (test_recipient_changed_cb), dialog);
  test_recipient_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (test_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* RapportEditorDialog */

static void
rapport_account_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportAccountDialog *self = RAPPORT_ACCOUNT_DIALOG (dialog);
  g_autoptr (RapportAccount) account = build_account (self);
  g_autoptr (GError) error = NULL;
  const char *provider = get_provider (self);
  gboolean mail = self->channel == RAPPORT_CHANNEL_MAIL;
  gboolean valid = rapport_account_validate (account, &error);
  gboolean saved_form;
  const char *hint = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (self->field_rows[i] != NULL)
      gtk_widget_set_visible (self->field_rows[i], strcmp (fields[i].provider, provider) == 0);

  if (mail)
    {
      const RapportMailPreset *preset = get_mail_preset (self);

      hint = preset != NULL ? rapport_mail_preset_get_hint (preset) : NULL;
      gtk_widget_set_visible (self->security_warning,
                              adw_combo_row_get_selected (ADW_COMBO_ROW (self->security_row)) == 2);
    }
  else
    {
      gboolean http = strcmp (provider, RAPPORT_PROVIDER_HTTP) == 0;

      gtk_widget_set_visible (self->method_row, http);
      gtk_widget_set_visible (self->body_row, http);
      for (guint i = 0; i < G_N_ELEMENTS (sms_providers); i++)
        if (strcmp (sms_providers[i].provider, provider) == 0)
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), _(sms_providers[i].secret_title));
    }
  gtk_label_set_text (GTK_LABEL (self->hint_label), hint != NULL ? hint : "");
  gtk_widget_set_visible (self->hint_label, hint != NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_status_row), secret_status_text (self));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->secret_status_row),
                               self->secret_state == SECRET_UNKNOWN ? self->secret_error : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.remove-secret",
                                 self->account != NULL && self->secret_state == SECRET_STORED && !self->busy);
  gtk_widget_set_visible (self->remove_secret_button, self->secret_state == SECRET_STORED);

  rapport_error_row_set (self->error_row, NULL, self->touched ? (error != NULL ? error->message : NULL) : NULL);

  /* A test sends what is saved, with the keyring's secret: the form must
   * match it. */
  saved_form = self->account != NULL && valid && !secret_typed (self) &&
               rapport_entity_equal (G_OBJECT (account), G_OBJECT (self->account));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.send-test", saved_form && !self->testing && !self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->test_spinner), self->testing);
  gtk_widget_set_visible (self->test_spinner, self->testing);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->test_row),
                               self->testing ? _("Sending…")
                               : self->account == NULL ? _("Save the account first")
                               : !saved_form ? _("Save the changes first")
                               : mail ? _("Sends a short mail and shows the server’s answer")
                               : _("Sends a short SMS and shows the gateway’s answer"));

  gtk_widget_set_visible (self->remove_group, self->account != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.remove", self->account != NULL && !self->busy);

  rapport_editor_dialog_set_save_enabled (dialog, valid && !self->busy);
}

static gboolean
rapport_account_dialog_save (RapportEditorDialog *dialog,
                             gint64              *out_id)
{
  RapportAccountDialog *self = RAPPORT_ACCOUNT_DIALOG (dialog);
  RapportDatabase *db = rapport_editor_dialog_get_database (dialog);
  g_autoptr (RapportAccount) account = build_account (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;

  if (self->busy)
    return FALSE;

  self->touched = TRUE;
  rapport_editor_dialog_update_state (dialog);
  if (!rapport_account_validate (account, NULL))
    return FALSE;

  if (!(self->account != NULL
        ? rapport_store_update_account (db, account, &error)
        : rapport_store_insert_account (db, account, &error)))
    {
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  g_set_object (&self->account, account);

  if (!secret_typed (self))
    {
      *out_id = rapport_account_get_id (account);
      return TRUE;
    }

  /* Translators: how the keyring lists the secret; %s is the account's name */
  label = g_strdup_printf (_("Rapport: %s"), rapport_account_get_name (account));
  set_busy (self, TRUE);
  rapport_secrets_store_async (rapport_account_get_uuid (account), label,
                               gtk_editable_get_text (GTK_EDITABLE (self->secret_row)),
                               NULL, secret_stored_cb, weak_self (self));
  /* secret_stored_cb closes the dialog, or shows why not. Not cancelled
   * with the dialog: Save was pressed. */
  return FALSE;
}

/* GObject */

static void
rapport_account_dialog_dispose (GObject *object)
{
  RapportAccountDialog *self = RAPPORT_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (rapport_account_dialog_parent_class)->dispose (object);
}

static void
rapport_account_dialog_finalize (GObject *object)
{
  RapportAccountDialog *self = RAPPORT_ACCOUNT_DIALOG (object);

  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->secret_error, g_free);

  G_OBJECT_CLASS (rapport_account_dialog_parent_class)->finalize (object);
}

static void
rapport_account_dialog_class_init (RapportAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->dispose = rapport_account_dialog_dispose;
  object_class->finalize = rapport_account_dialog_finalize;

  dialog_class->update_state = rapport_account_dialog_update_state;
  dialog_class->save = rapport_account_dialog_save;

  gtk_widget_class_install_action (widget_class, "account.remove-secret", NULL, remove_secret_activated);
  gtk_widget_class_install_action (widget_class, "account.send-test", NULL, send_test_activated);
  gtk_widget_class_install_action (widget_class, "account.remove", NULL, remove_account_activated);
}

static GtkWidget *
new_note_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_margin_top (label, 6);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_visible (label, FALSE);

  return label;
}

static void
rapport_account_dialog_init (RapportAccountDialog *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);
  self->cancellable = g_cancellable_new ();
}

/* The form for the channel; entry rows of every provider of it. */
static void
build_form (RapportAccountDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  gboolean mail = self->channel == RAPPORT_CHANNEL_MAIL;
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  const char *security_labels[] = { _("STARTTLS"), _("TLS"), _("None (Unencrypted)"), NULL };
  const char *method_labels[] = { "POST", "GET", NULL };
  const char *body_labels[] = { _("Form"), _("JSON"), NULL };
  GtkWidget *group, *server_group = NULL, *sign_in_group = NULL, *sender_group = NULL;
  GtkWidget *row;

  if (mail)
    {
      guint n = 0;
      const RapportMailPreset *presets = rapport_mail_presets (&n);

      for (guint i = 0; i < n; i++)
        gtk_string_list_append (kinds, rapport_mail_preset_get_label (&presets[i]));
      gtk_string_list_append (kinds, _("Other"));
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (sms_providers); i++)
        gtk_string_list_append (kinds, _(sms_providers[i].label));
    }

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->kind_row = rapport_editor_dialog_add_combo_row (dialog, group, mail ? _("_Provider") : _("_Gateway"), NULL);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kinds));
  self->name_row = rapport_editor_dialog_add_entry_row (dialog, group, _("Account _Name"));
  self->hint_label = new_note_label ("dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->hint_label);

  if (mail)
    {
      server_group = rapport_editor_dialog_add_group (dialog, _("Server"));
      sign_in_group = rapport_editor_dialog_add_group (dialog, _("Sign In"));
      sender_group = rapport_editor_dialog_add_group (dialog, _("Sender"));
    }
  else
    {
      group = rapport_editor_dialog_add_group (dialog, _("Gateway"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      RapportChannel channel = RAPPORT_CHANNEL_MAIL;
      GtkWidget *target = group;
      const char *fallback;

      rapport_account_provider_channel (fields[i].provider, &channel);
      if (channel != self->channel)
        continue;
      if (mail)
        {
          if (strcmp (fields[i].key, "user") == 0)
            target = sign_in_group;
          else if (g_str_has_prefix (fields[i].key, "sender-"))
            target = sender_group;
          else
            target = server_group;
        }

      row = adw_entry_row_new ();
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      /* A key with a default says it: empty takes it. */
      fallback = rapport_account_setting_default (fields[i].provider, fields[i].key);
      if (fallback != NULL && strcmp (fields[i].key, "body-template") != 0)
        {
          /* Translators: a field's title and the value used when it is left empty */
          g_autofree char *title = g_strdup_printf (_("%s (empty: %s)"), _(fields[i].title), fallback);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        }
      else
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[i].title));
        }
      if (strcmp (fields[i].key, "port") == 0 || strcmp (fields[i].key, "success-status") == 0)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
      else if (strcmp (fields[i].key, "sender-address") == 0)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      else if (strcmp (fields[i].key, "url") == 0 || strcmp (fields[i].key, "endpoint") == 0)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
      gtk_widget_set_visible (row, FALSE);
      self->field_rows[i] = row;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (target), row);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed_cb), self);

      if (mail && strcmp (fields[i].key, "port") == 0)
        {
          self->security_row = rapport_editor_dialog_add_combo_row (dialog, server_group, _("S_ecurity"),
                                                                    security_labels);
          self->security_warning = new_note_label ("warning");
          gtk_label_set_text (GTK_LABEL (self->security_warning),
                              _("Your password and messages would cross the network unencrypted."));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (server_group), self->security_warning);
        }
      if (!mail && strcmp (fields[i].key, "url") == 0)
        {
          self->method_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Method"), method_labels);
          self->body_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Body"), body_labels);
        }
    }

  /* The secret last, under what says where it is kept. */
  if (!mail)
    group = rapport_editor_dialog_add_group (dialog, _("Key"));

  self->secret_row = adw_password_entry_row_new ();
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->secret_row), TRUE);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->secret_row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), mail ? _("_Password") : _(sms_providers[0].secret_title));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (mail ? sign_in_group : group), self->secret_row);
  g_signal_connect_swapped (self->secret_row, "changed", G_CALLBACK (field_changed_cb), self);

  self->secret_status_row = adw_action_row_new ();
  gtk_widget_add_css_class (self->secret_status_row, "property");
  self->remove_secret_button = gtk_button_new_with_mnemonic (mail ? _("Remove Pass_word") : _("Remove _Key"));
  gtk_widget_set_valign (self->remove_secret_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_secret_button), "account.remove-secret");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->secret_status_row), self->remove_secret_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (mail ? sign_in_group : group), self->secret_status_row);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (mail ? sign_in_group : group),
                                         mail ? _("The password is kept in the system keyring only. Leave it empty to keep the stored one.")
                                              : _("The key is kept in the system keyring only. Leave it empty to keep the stored one."));

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->default_switch = rapport_editor_dialog_add_switch_row (dialog, group, _("Use as _Default"));
  g_signal_connect_swapped (self->default_switch, "notify::active", G_CALLBACK (field_changed_cb), self);
  self->error_row = rapport_editor_dialog_add_error_row (dialog, group);

  group = rapport_editor_dialog_add_group (dialog, _("Test"));
  self->test_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->test_row), _("Test Message"));
  self->test_spinner = gtk_spinner_new ();
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->test_row), self->test_spinner);
  self->test_button = gtk_button_new_with_mnemonic (_("Send _Test…"));
  gtk_widget_set_valign (self->test_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->test_button), "account.send-test");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->test_row), self->test_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->test_row);
  self->test_result = new_note_label (NULL);
  gtk_label_set_selectable (GTK_LABEL (self->test_result), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->test_result);

  self->remove_group = rapport_editor_dialog_add_group (dialog, NULL);
  row = gtk_button_new_with_mnemonic (mail ? _("_Remove Account…") : _("_Remove Gateway…"));
  gtk_widget_add_css_class (row, "destructive-action");
  gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "account.remove");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->remove_group), row);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  if (mail)
    g_signal_connect_swapped (self->security_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  else
    {
      g_signal_connect_swapped (self->method_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
      g_signal_connect_swapped (self->body_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
    }
}

/* Shows @account in the form. */
static void
load_account (RapportAccountDialog *self,
              RapportAccount       *account)
{
  const char *provider = rapport_account_get_provider (account);
  guint kind = 0;

  self->loading = TRUE;

  if (self->channel == RAPPORT_CHANNEL_MAIL)
    {
      guint n = 0;
      const RapportMailPreset *presets = rapport_mail_presets (&n);

      kind = n;   /* Other */
      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (presets[i].host, rapport_account_get_setting (account, "host")) == 0)
          kind = i;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->security_row),
                                  index_of (security_keys, G_N_ELEMENTS (security_keys),
                                            rapport_account_get_effective_setting (account, "security")));
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (sms_providers); i++)
        if (g_strcmp0 (sms_providers[i].provider, provider) == 0)
          kind = i;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->method_row),
                                  index_of (method_keys, G_N_ELEMENTS (method_keys),
                                            rapport_account_get_effective_setting (account, "method")));
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->body_row),
                                  index_of (body_keys, G_N_ELEMENTS (body_keys),
                                            rapport_account_get_effective_setting (account, "body")));
    }
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), kind);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value;

      if (self->field_rows[i] == NULL || strcmp (fields[i].provider, provider) != 0)
        continue;
      value = rapport_account_get_setting (account, fields[i].key);
      gtk_editable_set_text (GTK_EDITABLE (self->field_rows[i]), value != NULL ? value : "");
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), rapport_account_get_name (account));
  gtk_switch_set_active (GTK_SWITCH (self->default_switch), rapport_account_get_is_default (account));
  self->name_touched = TRUE;
  self->loading = FALSE;
}

/* Public API */

/**
 * rapport_account_dialog_new:
 * @parent: (nullable): the window to be modal to
 * @session: the open session
 * @channel: what a new account is for
 * @account: (nullable): the account to edit
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWidget *
rapport_account_dialog_new (GtkWindow      *parent,
                            RapportSession *session,
                            RapportChannel  channel,
                            RapportAccount *account)
{
  RapportAccountDialog *self;
  RapportEditorDialog *dialog;
  gboolean mail;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (account == NULL || RAPPORT_IS_ACCOUNT (account), NULL);

  self = g_object_new (RAPPORT_TYPE_ACCOUNT_DIALOG,
                       "session", session,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  dialog = RAPPORT_EDITOR_DIALOG (self);
  self->channel = account != NULL ? rapport_account_get_channel (account) : channel;
  mail = self->channel == RAPPORT_CHANNEL_MAIL;
  build_form (self);

  if (account != NULL)
    {
      self->account = rapport_account_copy (account);
      rapport_editor_dialog_set_title (dialog, rapport_account_get_name (account));
      load_account (self, account);
    }
  else
    {
      rapport_editor_dialog_set_title (dialog, mail ? _("New E-mail Account") : _("New SMS Gateway"));
      self->loading = TRUE;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), 0);
      if (mail)
        fill_from_preset (self);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), get_kind_label (self));
      self->loading = FALSE;
    }

  check_secret (self);
  rapport_editor_dialog_update_state (dialog);

  return GTK_WIDGET (self);
}

/**
 * rapport_account_dialog_set_ca_file:
 * @path: (nullable): a PEM file, or %NULL for the system's certificates
 */
void
rapport_account_dialog_set_ca_file (RapportAccountDialog *self,
                                    const char           *path)
{
  g_return_if_fail (RAPPORT_IS_ACCOUNT_DIALOG (self));

  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
}
