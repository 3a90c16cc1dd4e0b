/* rapport-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "rapport-accounts-page.h"
#include "rapport-autostart.h"
#include "rapport-money.h"
#include "rapport-outbox.h"
#include "rapport-pipeline-prefs-page.h"
#include "rapport-preferences-window.h"
#include "rapport-staff-page.h"
#include "rapport-tier-prefs-page.h"
#include "rapport-time-row.h"
#include "rapport-ui-utils.h"

struct _RapportPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *currency_row;
  AdwEntryRow          *country_row;
  GtkLabel             *country_error_label;
  GtkSwitch            *automatic_switch;
  GtkSpinButton        *keep_spin;
  AdwPreferencesGroup  *automatic_group;
  AdwPreferencesGroup  *backups_group;
  GtkButton            *back_up_button;
  GtkSpinner           *back_up_spinner;
  GtkListBox           *backup_list;
  GtkSwitch            *background_switch;
  AdwActionRow         *login_row;
  GtkSwitch            *login_switch;
  GtkLabel             *login_error_label;
  GtkSpinButton        *catch_up_spin;
  GtkWidget            *send_start_row;
  GtkWidget            *send_end_row;
  GtkSpinButton        *platinum_spin;
  GtkSpinButton        *gold_spin;
  GtkSpinButton        *iron_spin;
  GtkSpinButton        *lead_spin;
  GtkSpinButton        *gap_spin;
  GtkSpinButton        *service_p1_spin;
  GtkSpinButton        *service_p2_spin;
  GtkSpinButton        *service_p3_spin;
  GtkSpinButton        *service_p4_spin;

  /* owned */
  GSettings            *settings;
  RapportBackupManager *manager;
  GtkStringList        *currencies;
  GCancellable         *cancellable;

  /* The login switch is being set back to what the system has. */
  gboolean              syncing_login;
};

G_DEFINE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Helpers */

static char *
format_backup_subtitle (RapportBackup *backup)
{
  g_autofree char *size = g_format_size (rapport_backup_get_size (backup));

  /* Translators: a backup's reason and its size, e.g. "Automatic · 1.2 MB" */
  return g_strdup_printf (_("%s · %s"), rapport_backup_reason_get_label (rapport_backup_get_reason (backup)), size);
}

static void
show_toast (RapportPreferencesWindow *self,
            const char               *text)
{
  /* Toast titles are markup; @text is not (a date as the locale writes it). */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
show_error_dialog (RapportPreferencesWindow *self,
                   const char               *heading,
                   const GError             *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Callbacks */

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (RapportPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (!rapport_backup_manager_restore_finish (RAPPORT_BACKUP_MANAGER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("The Backup Could Not Be Restored"), error);
      return;
    }

  date = g_object_steal_data (G_OBJECT (self), "rapport-restoring-date");
  text = g_strdup_printf (_("Restored backup from %s"), date != NULL ? date : "");
  show_toast (self, text);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (user_data);
  RapportBackup *backup = g_object_get_data (G_OBJECT (dialog), "rapport-backup");

  if (g_strcmp0 (response, "restore") != 0 || self->manager == NULL)
    return;

  g_object_set_data_full (G_OBJECT (self), "rapport-restoring-date",
                          rapport_format_date_time (rapport_backup_get_created_at (backup)), g_free);
  rapport_backup_manager_restore_async (self->manager, backup, self->cancellable,
                                        restored_cb, g_object_ref (self));
}

static void
restore_clicked_cb (GtkButton                *button,
                    RapportPreferencesWindow *self)
{
  RapportBackup *backup = g_object_get_data (G_OBJECT (button), "rapport-backup");
  g_autofree char *date = rapport_format_date_time (rapport_backup_get_created_at (backup));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("Restore the backup from %s? Your current data is backed up first."), date);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rapport-backup", g_object_ref (backup), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_backup_row (gpointer item,
                   gpointer user_data)
{
  RapportPreferencesWindow *self = user_data;
  RapportBackup *backup = item;
  g_autofree char *date = rapport_format_date_time (rapport_backup_get_created_at (backup));
  g_autofree char *subtitle = format_backup_subtitle (backup);
  g_autofree char *tooltip = g_strdup_printf (_("Restore the backup from %s"), date);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), "rapport-backup", g_object_ref (backup), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (restore_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
backed_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (RapportPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportBackup) backup = NULL;

  backup = rapport_backup_manager_back_up_finish (RAPPORT_BACKUP_MANAGER (source), result, &error);
  if (backup == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("The Backup Failed"), error);
      return;
    }

  show_toast (self, _("Backup made"));
}

static void
back_up_clicked_cb (RapportPreferencesWindow *self)
{
  if (self->manager == NULL)
    return;

  rapport_backup_manager_back_up_async (self->manager, RAPPORT_BACKUP_REASON_MANUAL, self->cancellable,
                                        backed_up_cb, g_object_ref (self));
}

static void
currency_selected_cb (RapportPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->currency_row);
  const char *code;

  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  code = gtk_string_list_get_string (self->currencies, selected);
  if (code != NULL)
    g_settings_set_string (self->settings, "default-currency", code);
}

static void
country_changed_cb (RapportPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->country_row));
  g_autofree char *message = NULL;
  gboolean valid = rapport_preferences_validate_country_code (text, &message);

  gtk_label_set_text (self->country_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->country_error_label), !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->country_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->country_row), "error");
}

static void
country_applied_cb (RapportPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->country_row));
  g_autofree char *message = NULL;

  if (rapport_preferences_validate_country_code (text, &message))
    g_settings_set_string (self->settings, "default-country-code", text);
}

static void
set_login_switch (RapportPreferencesWindow *self,
                  gboolean                  active)
{
  self->syncing_login = TRUE;
  gtk_switch_set_active (self->login_switch, active);
  self->syncing_login = FALSE;
}

static void
autostart_requested_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (RapportPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean wanted = GPOINTER_TO_INT (g_object_steal_data (G_OBJECT (self), "rapport-login-wanted"));

  gboolean granted = rapport_autostart_request_finish (result, &error);

  /* Closed meanwhile. */
  if (self->settings == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->login_switch), TRUE);

  if (!granted)
    {

      /* The setting stays what the system has; the switch goes back to it. */
      gtk_label_set_text (self->login_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->login_error_label), TRUE);
      set_login_switch (self, g_settings_get_boolean (self->settings, "start-at-login"));
      return;
    }

  g_settings_set_boolean (self->settings, "start-at-login", wanted);
}

/* The setting records what the system granted: it changes only once the
 * autostart entry is written or the portal said yes. */
static void
login_switch_toggled_cb (RapportPreferencesWindow *self)
{
  gboolean wanted = gtk_switch_get_active (self->login_switch);
  XdpParent *parent;

  if (self->syncing_login || self->settings == NULL ||
      wanted == g_settings_get_boolean (self->settings, "start-at-login"))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->login_error_label), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->login_switch), FALSE);
  g_object_set_data (G_OBJECT (self), "rapport-login-wanted", GINT_TO_POINTER (wanted));

  parent = xdp_parent_new_gtk (GTK_WINDOW (self));
  rapport_autostart_request_async (wanted, parent, self->cancellable, autostart_requested_cb, g_object_ref (self));
  xdp_parent_free (parent);
}

/* GObject */

static void
rapport_preferences_window_dispose (GObject *object)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  /* The manager's list outlives this window: its rows must not call back here. */
  if (self->backup_list != NULL)
    gtk_list_box_bind_model (self->backup_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->manager);
  g_clear_object (&self->settings);
  g_clear_object (&self->currencies);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->dispose (object);
}

static void
rapport_preferences_window_class_init (RapportPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, country_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, country_error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, automatic_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, keep_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, automatic_group);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, backups_group);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, back_up_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, backup_list);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, login_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, login_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, login_error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, catch_up_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, send_start_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, send_end_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, platinum_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, gold_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, iron_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, lead_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, gap_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, service_p1_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, service_p2_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, service_p3_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, service_p4_spin);
  gtk_widget_class_bind_template_callback (widget_class, back_up_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, login_switch_toggled_cb);
}

static void
rapport_preferences_window_init (RapportPreferencesWindow *self)
{
  g_type_ensure (RAPPORT_TYPE_TIME_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/* A send-window time is saved once it reads as HH:MM; until then the row says
 * so and the setting keeps its value. */
static void
send_time_changed_cb (GtkEditable              *row,
                      RapportPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "settings-key");
  const char *text = gtk_editable_get_text (row);
  guint minutes;

  if (self->settings == NULL)
    return;

  if (!rapport_outbox_parse_time (text, &minutes))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  {
    g_autofree char *normalized = g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
    g_autofree char *saved = g_settings_get_string (self->settings, key);

    if (g_strcmp0 (normalized, saved) != 0)
      g_settings_set_string (self->settings, key, normalized);
  }
}

static void
bind_send_time (RapportPreferencesWindow *self,
                GtkWidget                *row,
                const char               *key)
{
  g_autofree char *value = g_settings_get_string (self->settings, key);

  g_object_set_data (G_OBJECT (row), "settings-key", (gpointer) key);
  gtk_editable_set_text (GTK_EDITABLE (row), value);
  g_signal_connect_object (row, "changed", G_CALLBACK (send_time_changed_cb), self, 0);
}

/* The application's settings are the values shown and changed here. */
static void
bind_settings (RapportPreferencesWindow *self)
{
  const char * const *common = rapport_currency_get_common ();
  g_autofree char *currency = NULL;
  g_autofree char *country = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  currency = g_settings_get_string (self->settings, "default-currency");
  self->currencies = gtk_string_list_new (common);
  for (guint i = 0; common[i] != NULL; i++)
    if (g_strcmp0 (common[i], currency) == 0)
      selected = i;
  if (selected == GTK_INVALID_LIST_POSITION && currency[0] != '\0')
    {
      /* A currency set elsewhere stays choosable. */
      gtk_string_list_append (self->currencies, currency);
      selected = g_list_model_get_n_items (G_LIST_MODEL (self->currencies)) - 1;
    }
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (self->currencies));
  adw_combo_row_set_selected (self->currency_row, selected);
  g_signal_connect_object (self->currency_row, "notify::selected",
                           G_CALLBACK (currency_selected_cb), self, G_CONNECT_SWAPPED);

  country = g_settings_get_string (self->settings, "default-country-code");
  gtk_editable_set_text (GTK_EDITABLE (self->country_row), country);

  g_settings_bind (self->settings, "automatic-backups", self->automatic_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backups-to-keep", gtk_spin_button_get_adjustment (self->keep_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);

  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  /* Started at login, Rapport has nothing to do unless it runs in the background. */
  g_settings_bind (self->settings, "run-in-background", self->login_row, "sensitive", G_SETTINGS_BIND_GET);
  set_login_switch (self, g_settings_get_boolean (self->settings, "start-at-login"));

  g_settings_bind (self->settings, "reminder-catch-up-days", gtk_spin_button_get_adjustment (self->catch_up_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "churn-days-platinum", gtk_spin_button_get_adjustment (self->platinum_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "churn-days-gold", gtk_spin_button_get_adjustment (self->gold_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "churn-days-iron", gtk_spin_button_get_adjustment (self->iron_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "churn-days-lead", gtk_spin_button_get_adjustment (self->lead_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "churn-gap-multiple", gtk_spin_button_get_adjustment (self->gap_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);

  /* Service: the hours to resolve a request, per priority. */
  {
    GtkSpinButton *service_spins[] = { self->service_p1_spin, self->service_p2_spin,
                                       self->service_p3_spin, self->service_p4_spin };

    for (guint i = 0; i < G_N_ELEMENTS (service_spins); i++)
      {
        g_autofree char *key = g_strdup_printf ("service-resolution-hours-p%u", i + 1);

        g_settings_bind (self->settings, key, gtk_spin_button_get_adjustment (service_spins[i]),
                         "value", G_SETTINGS_BIND_DEFAULT);
      }
  }

  bind_send_time (self, self->send_start_row, "auto-send-start");
  bind_send_time (self, self->send_end_row, "auto-send-end");
}

/* Public API */

/**
 * rapport_preferences_window_new:
 * @parent: (nullable): the window to be transient for
 * @settings: the application's settings, which the window shows and changes
 * @session: (nullable): the session of @parent, whose backups it shows
 *
 * Returns: (transfer none): the new window
 */
GtkWidget *
rapport_preferences_window_new (GtkWindow      *parent,
                                GSettings      *settings,
                                RapportSession *session)
{
  RapportPreferencesWindow *self;
  RapportBackupManager *manager;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (session == NULL || RAPPORT_IS_SESSION (session), NULL);

  self = g_object_new (RAPPORT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->settings = g_object_ref (settings);
  bind_settings (self);

  /* Sample data is thrown away with its window: secrets stored for it would
   * stay behind in the keyring. */
  if (session != NULL && !rapport_session_get_is_demo (session) && !rapport_session_get_read_only (session))
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (rapport_accounts_page_new (session)));

  if (session != NULL && !rapport_session_get_read_only (session))
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (rapport_staff_page_new (session)));
  /* The book's pipeline stages and lost reasons. */
  if (session != NULL && rapport_session_get_database (session) != NULL && !rapport_session_get_read_only (session))
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (rapport_pipeline_prefs_page_new (session)));

  /* Value tiers; a read-only book shows them disabled, with the reason. */
  if (session != NULL && rapport_session_get_database (session) != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (rapport_tier_prefs_page_new (session)));

  manager = session != NULL ? rapport_session_get_backup_manager (session) : NULL;
  if (manager == NULL)
    {
      const char *why = NULL;

      if (session != NULL && rapport_session_get_is_demo (session))
        why = _("Sample data is thrown away when its window closes, so it is not backed up.");
      else if (session != NULL && rapport_session_get_read_only (session))
        why = _("This database is open read-only: nothing changes in it, so it is not backed up now.");
      adw_preferences_group_set_description (self->automatic_group, why);
      gtk_widget_set_sensitive (GTK_WIDGET (self->automatic_switch), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->keep_spin), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->backups_group), FALSE);
      return GTK_WIDGET (self);
    }

  self->manager = g_object_ref (manager);
  gtk_list_box_bind_model (self->backup_list, rapport_backup_manager_get_backups (manager),
                           create_backup_row, self, NULL);

  g_object_bind_property (manager, "busy", self->back_up_button, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (manager, "busy", self->back_up_spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_object_bind_property (manager, "busy", self->back_up_spinner, "visible", G_BINDING_SYNC_CREATE);

  return GTK_WIDGET (self);
}

gboolean
rapport_preferences_validate_country_code (const char  *text,
                                           char       **message)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (message != NULL)
    *message = NULL;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        {
          if (message != NULL)
            *message = g_strdup (_("Country code: digits only, 1–3 digits, without “+”"));
          return FALSE;
        }
    }

  if (len < 1 || len > 3)
    {
      if (message != NULL)
        *message = g_strdup (_("Country code: digits only, 1–3 digits, without “+”"));
      return FALSE;
    }

  return TRUE;
}

GtkListBox *
rapport_preferences_window_get_backup_list (RapportPreferencesWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_PREFERENCES_WINDOW (self), NULL);

  return self->backup_list;
}
