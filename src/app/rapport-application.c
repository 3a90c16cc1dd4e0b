/* rapport-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-application"

#include "config.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "rapport-application.h"
#include "rapport-backup-manager.h"
#include "rapport-compat.h"
#include "rapport-database-error-dialog.h"
#include "rapport-demo-data.h"
#include "rapport-ics-export.h"
#include "rapport-preferences-window.h"
#include "rapport-resources.h"
#include "rapport-search-provider.h"
#include "rapport-session.h"
#include "rapport-window.h"

struct _RapportApplication
{
  AdwApplication  parent_instance;

  /* The one owner of the settings: it hands their values to the sessions. */
  GSettings      *settings;
  /* RapportSession, one per open database file. */
  GPtrArray      *sessions;
  /* Writing a session's tier rules to the settings: their changes, key by
   * key, are the session's already. */
  gboolean        writing_tier_settings;
  RapportSearchProvider *search_provider;
  guint           sigint_id;
  guint           sigterm_id;
  guint           release_memory_id;
  gboolean        run_in_background;
  gboolean        holding;
  /* Started with --background: the window-less image, which restarts as a
   * normal one to show a window (see request_window()). */
  gboolean        lean;
  /* The options main() starts the next image of this process with, once
   * this one has finished; NULL to exit. */
  GStrv           restart_options;
};

enum {
  PROP_0,
  PROP_RUN_IN_BACKGROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RapportApplication, rapport_application, ADW_TYPE_APPLICATION)

/* How long after the last window closed its memory is given back: the
 * window's objects are finalized by then. */
#define RELEASE_MEMORY_DELAY_MS 2000

/* How long Rapport started as a D-Bus service stays after its last answer. */
#define SERVICE_INACTIVITY_TIMEOUT_MS (20 * 1000)

static const GOptionEntry option_entries[] = {
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database file PATH instead of your own"), N_("PATH") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Try Rapport with sample data that is thrown away afterwards"), NULL },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import customers from FILE (Excel, CSV or vCard) into the database"), N_("FILE") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window, for the reminders of your follow-ups (used at login)"), NULL },
  /* What the window-less image was asked to show, carried to the image that
   * shows it (see request_window()). */
  { "show-customer", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT64, NULL, NULL, NULL },
  { "show-section", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, NULL, NULL },
  { NULL }
};

/* Helpers */

static char *
get_default_backup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "backups", NULL);
}

static void
delete_demo_files (gpointer data)
{
  char *path = data;
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  /* Runs once the database object (and its SQLite connections) is gone. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Could not delete the sample database “%s”: %s", file, g_strerror (errno));
    }

  g_free (path);
}

static RapportSession *
find_session_for_path (RapportApplication *self,
                       const char         *path)
{
  for (guint i = 0; i < self->sessions->len; i++)
    {
      RapportSession *session = g_ptr_array_index (self->sessions, i);

      if (!rapport_session_get_is_demo (session) &&
          g_strcmp0 (rapport_session_get_path (session), path) == 0)
        return session;
    }

  return NULL;
}

static RapportWindow *
find_window_for_session (RapportApplication *self,
                         RapportSession     *session)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RAPPORT_IS_WINDOW (l->data) && rapport_window_get_session (l->data) == session)
      return l->data;

  return NULL;
}

/* Holds the application while a session runs without a window (background
 * mode), so that GApplication does not quit under it. A session the search
 * provider opened holds nothing: Rapport started by the Shell goes when it is
 * idle. */
static void
update_hold (RapportApplication *self)
{
  gboolean windowless = FALSE;

  for (guint i = 0; i < self->sessions->len && self->run_in_background; i++)
    if (find_window_for_session (self, g_ptr_array_index (self->sessions, i)) == NULL)
      windowless = TRUE;

  if (windowless && !self->holding)
    g_application_hold (G_APPLICATION (self));
  else if (!windowless && self->holding)
    g_application_release (G_APPLICATION (self));
  self->holding = windowless;
}

static void
close_session (RapportApplication *self,
               RapportSession     *session)
{
  g_autoptr (RapportSession) owned = g_object_ref (session);

  g_signal_handlers_disconnect_by_data (session, self);
  g_ptr_array_remove (self->sessions, session);
  rapport_session_close (session);
  update_hold (self);
}

static void
destroy_windows_of (RapportApplication *self,
                    RapportSession     *session)
{
  RapportWindow *window;

  while ((window = find_window_for_session (self, session)) != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
}

static RapportWindow *
get_active_rapport_window (RapportApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (RAPPORT_IS_WINDOW (window))
    return RAPPORT_WINDOW (window);

  /* The active window may be a dialog: fall back to its parent or any main window. */
  if (window != NULL && RAPPORT_IS_WINDOW (gtk_window_get_transient_for (window)))
    return RAPPORT_WINDOW (gtk_window_get_transient_for (window));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RAPPORT_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void show_open_error (RapportApplication *self,
                             const char         *path,
                             const GError       *error,
                             GtkWindow          *parent);

static void
show_message (RapportApplication *self,
              GtkWindow          *parent,
              const char         *heading,
              const char         *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Restarting the process */

static void
finish_for_restart_cb (gpointer user_data)
{
  RapportApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);

  while (self->sessions->len > 0)
    close_session (self, g_ptr_array_index (self->sessions, 0));

  g_application_quit (G_APPLICATION (self));
}

/* Ends this image of the process cleanly, for main() to start the next one
 * with @options in its place (same process id): the windows close, the
 * sessions close (their databases checkpointed and closed) and the D-Bus
 * name goes with the application. From the main loop, not from within the
 * signal or D-Bus call that asked. */
static void
restart_with (RapportApplication *self,
              GStrv               options)
{
  if (self->restart_options == NULL)
    g_idle_add_once (finish_for_restart_cb, self);

  g_strfreev (self->restart_options);
  self->restart_options = options;
}

/* In the window-less image (started with --background), a window is asked
 * for: the process starts again as a normal image that shows the book at
 * @path, and @customer_id or @section in it, or the import of
 * @import_path. TRUE when it does. */
static gboolean
request_window (RapportApplication *self,
                const char         *path,
                gint64              customer_id,
                const char         *section,
                const char         *import_path)
{
  g_autoptr (GStrvBuilder) options = NULL;

  if (!self->lean)
    return FALSE;

  /* The image shows one book: another one asked for while this one runs in
   * the background gets its window here, and the book keeps its reminders. */
  for (guint i = 0; i < self->sessions->len; i++)
    if (g_strcmp0 (rapport_session_get_path (g_ptr_array_index (self->sessions, i)), path) != 0)
      return FALSE;

  options = g_strv_builder_new ();
  g_strv_builder_add_many (options, "--database", path, NULL);
  if (customer_id > 0)
    {
      g_autofree char *option = g_strdup_printf ("--show-customer=%" G_GINT64_FORMAT, customer_id);

      g_strv_builder_add (options, option);
    }
  if (section != NULL)
    {
      g_autofree char *option = g_strdup_printf ("--show-section=%s", section);

      g_strv_builder_add (options, option);
    }
  if (import_path != NULL)
    g_strv_builder_add_many (options, "--import", import_path, NULL);

  g_debug ("A window is asked for: starting again with one");
  restart_with (self, g_strv_builder_end (options));

  return TRUE;
}

/* Callbacks */

static void
file_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (RapportApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = rapport_compat_choose_file_finish (result, &error);

  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        rapport_application_open_database (self, path, RAPPORT_DATABASE_OPEN_DEFAULT);
      else
        show_message (self, NULL, _("The File Cannot Be Opened"), _("Rapport can only open local files."));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_message (self, NULL, _("The File Cannot Be Opened"), error->message);
    }

  g_application_release (G_APPLICATION (self));
}

static void
backup_chosen_cb (RapportDatabaseErrorDialog *chooser,
                  const char                 *response,
                  RapportApplication         *self)
{
  g_autofree char *path = g_strdup (rapport_database_error_dialog_get_path (chooser));
  RapportBackup *backup = rapport_database_error_dialog_get_selected_backup (chooser);
  g_autoptr (GError) error = NULL;

  /* Cancelled: trying again brings back the dialog saying what is wrong. */
  if (g_strcmp0 (response, "restore") != 0 || backup == NULL)
    {
      rapport_application_open_database (self, path, RAPPORT_DATABASE_OPEN_DEFAULT);
      return;
    }

  /* The damaged file is moved aside, never deleted. */
  if (!rapport_backup_restore_file (backup, path, &error))
    show_open_error (self, path, error, gtk_window_get_transient_for (GTK_WINDOW (chooser)));
  else
    rapport_application_open_database (self, path, RAPPORT_DATABASE_OPEN_DEFAULT);
}

static void
open_error_response_cb (RapportDatabaseErrorDialog *dialog,
                        const char                 *response,
                        RapportApplication         *self)
{
  g_autofree char *path = g_strdup (rapport_database_error_dialog_get_path (dialog));
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "read-only") == 0)
    {
      rapport_application_open_database (self, path, RAPPORT_DATABASE_OPEN_READ_ONLY);
    }
  else if (g_strcmp0 (response, "restore") == 0)
    {
      g_autofree char *backup_dir = rapport_application_get_backup_dir_for (path);
      g_autoptr (GListModel) backups = rapport_backup_list_in_dir (backup_dir);
      RapportDatabaseErrorDialog *chooser;

      chooser = rapport_database_error_dialog_new_for_backups (parent, path, backups);
      gtk_window_set_application (GTK_WINDOW (chooser), GTK_APPLICATION (self));
      g_signal_connect_object (chooser, "response", G_CALLBACK (backup_chosen_cb), self, 0);
      gtk_window_present (GTK_WINDOW (chooser));
    }
  else if (g_strcmp0 (response, "choose") == 0)
    {
      g_application_hold (G_APPLICATION (self));
      rapport_compat_choose_file_async (parent, _("Open a Rapport Database"), NULL,
                                        file_chosen_cb, g_object_ref (self));
    }
}

static void
show_open_error (RapportApplication *self,
                 const char         *path,
                 const GError       *error,
                 GtkWindow          *parent)
{
  g_autofree char *backup_dir = rapport_application_get_backup_dir_for (path);
  g_autoptr (GListModel) backups = rapport_backup_list_in_dir (backup_dir);
  RapportDatabaseErrorDialog *dialog;

  g_debug ("Could not open “%s”: %s", path, error->message);

  dialog = rapport_database_error_dialog_new (parent, path, error, backups);
  /* Keeps the application running while the dialog is the only window. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Sessions */

static void
session_damaged_cb (RapportSession     *session,
                    const GError       *error,
                    RapportApplication *self)
{
  g_autofree char *path = g_strdup (rapport_session_get_path (session));

  /* Nothing more is written to a damaged file: its windows go, and the
   * dialog offers what a failed check on open offers (read-only, a backup,
   * another file). */
  destroy_windows_of (self, session);
  close_session (self, session);
  show_open_error (self, path, error, NULL);
}

static void
session_opened_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (RapportApplication) self = user_data;
  RapportSession *session = RAPPORT_SESSION (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strdup (rapport_session_get_path (session));
  RapportWindow *window;

  if (rapport_session_open_finish (session, result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The dialog takes the place of the window that was opening. */
  window = find_window_for_session (self, session);
  show_open_error (self, path, error, NULL);
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  close_session (self, session);
}

/* The settings the session takes through setters: the reminders' catch-up
 * window and the churn warning's rules. */
static void
apply_follow_up_settings (RapportApplication *self,
                          RapportSession     *session)
{
  RapportChurnRules rules = { { 0 } };

  rapport_session_set_reminder_catch_up_days (session,
                                              MAX (0, g_settings_get_int (self->settings, "reminder-catch-up-days")));

  rules.threshold_days[RAPPORT_TIER_PLATINUM] = MAX (1, g_settings_get_int (self->settings, "churn-days-platinum"));
  rules.threshold_days[RAPPORT_TIER_GOLD] = MAX (1, g_settings_get_int (self->settings, "churn-days-gold"));
  rules.threshold_days[RAPPORT_TIER_IRON] = MAX (1, g_settings_get_int (self->settings, "churn-days-iron"));
  rules.threshold_days[RAPPORT_TIER_LEAD] = MAX (1, g_settings_get_int (self->settings, "churn-days-lead"));
  rules.gap_multiple = g_settings_get_double (self->settings, "churn-gap-multiple");
  rapport_session_set_churn_rules (session, &rules);
}

/* The service desk's resolution targets, hours per priority. */
static void
apply_service_settings (RapportApplication *self,
                        RapportSession     *session)
{
  RapportServiceTargets targets;

  for (guint i = 0; i < G_N_ELEMENTS (targets.hours); i++)
    {
      g_autofree char *key = g_strdup_printf ("service-resolution-hours-p%u", i + 1);

      targets.hours[i] = MAX (1, g_settings_get_int (self->settings, key));
    }
  rapport_session_set_service_targets (session, &targets);
}

/* The value tiers' rules, from the settings. */
static void
apply_tier_settings (RapportApplication *self,
                     RapportSession     *session)
{
  static const char * const names[] = { "platinum", "gold", "iron" };
  g_autoptr (RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autoptr (GError) error = NULL;
  g_autofree char *basis = g_settings_get_string (self->settings, "tier-basis");

  rules->basis = g_strcmp0 (basis, "amount") == 0 ? RAPPORT_TIER_BASIS_AMOUNT : RAPPORT_TIER_BASIS_SHARE;
  rules->period_months = MAX (1, g_settings_get_int (self->settings, "tier-period-months"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *share = g_strdup_printf ("tier-share-%s", names[i]);
      g_autofree char *amount = g_strdup_printf ("tier-amount-%s", names[i]);

      rules->share[i] = g_settings_get_double (self->settings, share);
      rules->amount[i] = g_settings_get_int64 (self->settings, amount);
    }

  /* Keys change one at a time (a settings editor, another window's
   * Preferences): a combination on the way may not hold together; the rules
   * in force stay until one does (the defaults, at the start). */
  if (!rapport_session_set_tier_rules (session, rules, &error))
    g_debug ("The tier settings do not hold together (%s): the rules in force stay", error->message);
}

/* The session's tier rules were set (Preferences): remembered. The other
 * sessions follow through the settings' change. */
static void
session_tier_rules_changed_cb (RapportSession     *session,
                               RapportApplication *self)
{
  static const char * const names[] = { "platinum", "gold", "iron" };
  g_autoptr (RapportTierRules) rules = rapport_session_dup_tier_rules (session);

  if (self->writing_tier_settings)
    return;

  self->writing_tier_settings = TRUE;
  g_settings_set_string (self->settings, "tier-basis", rules->basis == RAPPORT_TIER_BASIS_AMOUNT ? "amount" : "share");
  g_settings_set_int (self->settings, "tier-period-months", (int) rules->period_months);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *share = g_strdup_printf ("tier-share-%s", names[i]);
      g_autofree char *amount = g_strdup_printf ("tier-amount-%s", names[i]);

      g_settings_set_double (self->settings, share, rules->share[i]);
      g_settings_set_int64 (self->settings, amount, rules->amount[i]);
    }
  self->writing_tier_settings = FALSE;

  for (guint i = 0; i < self->sessions->len; i++)
    if (g_ptr_array_index (self->sessions, i) != session)
      apply_tier_settings (self, g_ptr_array_index (self->sessions, i));
}

static void
tier_setting_changed_cb (GSettings          *settings,
                         const char         *key,
                         RapportApplication *self)
{
  if (!g_str_has_prefix (key, "tier-") || self->writing_tier_settings)
    return;

  for (guint i = 0; i < self->sessions->len; i++)
    apply_tier_settings (self, g_ptr_array_index (self->sessions, i));
}

static void
service_setting_changed_cb (GSettings          *settings,
                            const char         *key,
                            RapportApplication *self)
{
  if (!g_str_has_prefix (key, "service-"))
    return;

  for (guint i = 0; i < self->sessions->len; i++)
    apply_service_settings (self, g_ptr_array_index (self->sessions, i));
}

static void
follow_up_setting_changed_cb (GSettings          *settings,
                              const char         *key,
                              RapportApplication *self)
{
  if (!g_str_has_prefix (key, "churn-") && g_strcmp0 (key, "reminder-catch-up-days") != 0)
    return;

  for (guint i = 0; i < self->sessions->len; i++)
    apply_follow_up_settings (self, g_ptr_array_index (self->sessions, i));
}

/* The application's settings reach the session, and follow their changes. */
static void
bind_settings (RapportApplication *self,
               RapportSession     *session)
{
  static const char * const to_session[] = {
    "default-country-code", "default-currency", "automatic-backups", "backups-to-keep",
  };

  for (guint i = 0; i < G_N_ELEMENTS (to_session); i++)
    g_settings_bind (self->settings, to_session[i], session, to_session[i], G_SETTINGS_BIND_GET);

  /* The list's sort is chosen in the window and remembered. */
  g_settings_bind (self->settings, "customer-sort", session, "customer-sort", G_SETTINGS_BIND_DEFAULT);

  /* The hours automatic sends (greetings) may go out in. */
  g_settings_bind (self->settings, "auto-send-start", session, "send-window-start", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "auto-send-end", session, "send-window-end", G_SETTINGS_BIND_GET);

  apply_follow_up_settings (self, session);
  apply_service_settings (self, session);
  apply_tier_settings (self, session);
  g_signal_connect_object (session, "tier-rules-changed", G_CALLBACK (session_tier_rules_changed_cb), self, 0);
}

/* Reminders */

/* Says @message (reminders cannot be shown) in @window, until dismissed:
 * the one place that decides how, so a notice area of the window can take
 * the toast's place. */

static void
reminders_notice_cb (RapportReminders   *reminders,
                     const char         *message,
                     RapportApplication *self)
{
  /* In the background nobody is looking: the session's windows say it
   * when they open (window_added_cb). */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RAPPORT_IS_WINDOW (l->data) && rapport_window_get_session (l->data) != NULL &&
        rapport_session_get_reminders (rapport_window_get_session (l->data)) == reminders)
      rapport_window_show_notice (l->data, message);
}

static RapportSession *
find_session_for_reminders (RapportApplication *self,
                            RapportReminders   *reminders)
{
  for (guint i = 0; i < self->sessions->len; i++)
    if (rapport_session_get_reminders (g_ptr_array_index (self->sessions, i)) == reminders)
      return g_ptr_array_index (self->sessions, i);

  return NULL;
}

/* Open on a reminder: the customer, in the book's window (a new one when
 * Rapport runs in the background). */
static void
reminders_open_follow_up_cb (RapportReminders   *reminders,
                             gint64              customer_id,
                             gint64              follow_up_id,
                             RapportApplication *self)
{
  RapportSession *session = find_session_for_reminders (self, reminders);

  if (session != NULL)
    rapport_application_present_customer (self, session, customer_id, 0);
}

/* A summary was opened: "today", "at-risk" or "outreach". */
static void
reminders_open_page_cb (RapportReminders   *reminders,
                        const char         *page,
                        RapportApplication *self)
{
  RapportSession *session = find_session_for_reminders (self, reminders);
  GtkWindow *window;

  if (session == NULL)
    return;

  if (request_window (self, rapport_session_get_path (session), 0, page, NULL))
    return;

  window = rapport_application_present_session (self, session, 0);
  if (page != NULL)
    rapport_window_set_section (RAPPORT_WINDOW (window), page);
}

/* The reminders exist once the session is open. */
static void
connect_reminders (RapportApplication *self,
                   RapportSession     *session)
{
  RapportReminders *reminders = rapport_session_get_reminders (session);

  if (reminders == NULL || g_object_get_data (G_OBJECT (reminders), "rapport-application") == self)
    return;

  g_object_set_data (G_OBJECT (reminders), "rapport-application", self);
  g_signal_connect_object (reminders, "open-follow-up", G_CALLBACK (reminders_open_follow_up_cb), self, 0);
  g_signal_connect_object (reminders, "open-page", G_CALLBACK (reminders_open_page_cb), self, 0);
  g_signal_connect_object (reminders, "notice", G_CALLBACK (reminders_notice_cb), self, 0);
}

/* Messages a previous run left half-sent ("2 messages may or may not have
 * been sent: see the Outbox"), told in the session's windows. */
static void
show_outbox_notice (RapportApplication *self,
                    RapportSession     *session)
{
  RapportOutbox *outbox = rapport_session_get_outbox (session);

  if (outbox == NULL || rapport_outbox_get_notice (outbox) == NULL)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RAPPORT_IS_WINDOW (l->data) && rapport_window_get_session (l->data) == session)
      rapport_window_show_notice (l->data, rapport_outbox_get_notice (outbox));
}

static void
session_state_cb (RapportSession     *session,
                  GParamSpec         *pspec,
                  RapportApplication *self)
{
  connect_reminders (self, session);
  show_outbox_notice (self, session);
}

static void
add_session (RapportApplication *self,
             RapportSession     *session)
{
  bind_settings (self, session);
  g_signal_connect_object (session, "damaged", G_CALLBACK (session_damaged_cb), self, 0);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, 0);
  connect_reminders (self, session);
  g_ptr_array_add (self->sessions, g_object_ref (session));
}

/* A notice said while no window was looking (in the background). */
static void
window_added_cb (RapportApplication *self,
                 GtkWindow          *window)
{
  RapportSession *session;
  RapportReminders *reminders;

  if (!RAPPORT_IS_WINDOW (window))
    return;

  session = rapport_window_get_session (RAPPORT_WINDOW (window));
  reminders = session != NULL ? rapport_session_get_reminders (session) : NULL;
  if (reminders != NULL && rapport_reminders_get_notice (reminders) != NULL)
    rapport_window_show_notice (RAPPORT_WINDOW (window), rapport_reminders_get_notice (reminders));
  if (session != NULL)
    show_outbox_notice (self, session);
}

/* The one book that runs on without a window, when the process can start
 * again as the window-less image for it; NULL otherwise. */
static RapportSession *
get_lone_background_session (RapportApplication *self)
{
  RapportSession *session;

  if (!self->run_in_background || !self->holding || self->sessions->len != 1 ||
      gtk_application_get_windows (GTK_APPLICATION (self)) != NULL)
    return NULL;

  session = g_ptr_array_index (self->sessions, 0);
  if (rapport_session_get_is_demo (session) || rapport_session_get_read_only (session) ||
      rapport_session_get_state (session) != RAPPORT_SESSION_STATE_OPEN)
    return NULL;

  return session;
}

/* Rapport runs on in the background without a window. What the window used
 * (GTK's GL renderer, its caches, a heap that cannot shrink) goes back to the
 * system by starting the process again as the window-less image, which has
 * never loaded them; failing that, the freed heap is at least trimmed. */
static void
release_memory_cb (gpointer user_data)
{
  RapportApplication *self = user_data;
  RapportSession *session = get_lone_background_session (self);
  g_autofree char *default_path = rapport_application_get_default_database_path ();

  self->release_memory_id = 0;

  if (session != NULL)
    {
      const char *path = rapport_session_get_path (session);
      g_autoptr (GStrvBuilder) options = g_strv_builder_new ();

      g_strv_builder_add (options, "--background");
      if (g_strcmp0 (path, default_path) != 0)
        g_strv_builder_add_many (options, "--database", path, NULL);

      g_debug ("The last window closed: starting again without one");
      restart_with (self, g_strv_builder_end (options));
      return;
    }

#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static void
window_removed_cb (RapportApplication *self,
                   GtkWindow          *window)
{
  RapportSession *session;

  if (!RAPPORT_IS_WINDOW (window))
    return;

  session = rapport_window_get_session (RAPPORT_WINDOW (window));
  if (session == NULL || !g_ptr_array_find (self->sessions, session, NULL) ||
      find_window_for_session (self, session) != NULL)
    return;

  /* The last view of a session closed: sample data always goes, a real
   * book only when nothing is to run in the background. */
  if (!self->run_in_background || rapport_session_get_is_demo (session) ||
      rapport_session_get_state (session) != RAPPORT_SESSION_STATE_OPEN)
    close_session (self, session);
  else
    update_hold (self);

  if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL && self->holding)
    {
      g_clear_handle_id (&self->release_memory_id, g_source_remove);
      self->release_memory_id = g_timeout_add_once (RELEASE_MEMORY_DELAY_MS, release_memory_cb, self);
    }
}

/* Actions */

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  RapportApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (rather than quitting outright) lets each window save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);

  /* Quit ends the sessions running in the background too. */
  while (self->sessions->len > 0)
    close_session (self, g_ptr_array_index (self->sessions, 0));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RapportApplication *self = user_data;
  static const char *developers[] = { "Rapport developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Rapport"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("Rapport developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/rapportcrm/rapport",
                        "issue-url", "https://github.com/rapportcrm/rapport/issues",
                        "translator-credits", _("translator-credits"),
                        "copyright", _("© Rapport developers"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RapportApplication *self = user_data;
  RapportWindow *window = get_active_rapport_window (self);
  GtkWidget *preferences;

  preferences = rapport_preferences_window_new (GTK_WINDOW (window), self->settings,
                                                window != NULL ? rapport_window_get_session (window) : NULL);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
open_demo_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RapportApplication *self = user_data;
  g_autoptr (GError) error = NULL;

  if (rapport_application_open_demo (self, &error) == NULL)
    show_message (self, gtk_application_get_active_window (GTK_APPLICATION (self)),
                  _("The Sample Data Cannot Be Created"), error->message);
}

static void
show_export_error (RapportWindow *window,
                   const GError  *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("The Follow-Ups Could Not Be Exported"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
follow_ups_exported_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (RapportWindow) window = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  if (!rapport_ics_export_finish (result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_export_error (window, error);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up exported", "%u follow-ups exported", n), n);
  rapport_window_add_toast (window, adw_toast_new (text));
}

static void
export_file_chosen_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (RapportWindow) window = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = rapport_compat_choose_file_finish (result, &error);
  RapportSession *session = rapport_window_get_session (window);

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_export_error (window, error);
      return;
    }

  rapport_ics_export_async (session, file, rapport_session_get_cancellable (session),
                            follow_ups_exported_cb, g_steal_pointer (&window));
}

/* The open follow-ups of the active window's book, as an .ics file for a
 * calendar application. */
static void
export_follow_ups_action_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  RapportApplication *self = user_data;
  RapportWindow *window = get_active_rapport_window (self);

  if (window == NULL || rapport_window_get_database (window) == NULL)
    return;

  /* Translators: the file name suggested for exported follow-ups */
  rapport_compat_save_file_async (GTK_WINDOW (window), _("Export Follow-Ups"), _("follow-ups.ics"),
                                  NULL, export_file_chosen_cb, g_object_ref (window));
}

static gboolean
quit_signal_cb (gpointer user_data)
{
  /* Closing the windows properly throws sample data away and saves sizes. */
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
  { "open-demo", open_demo_action_cb },
  { "export-follow-ups", export_follow_ups_action_cb },
};

/* GApplication */

static void
rapport_application_startup (GApplication *application)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (rapport_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  /* Started by D-Bus for GNOME Shell's search, Rapport waits a little after
   * each answer for the next keystroke's, rather than start again for it. */
  if (g_application_get_flags (application) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (application, SERVICE_INACTIVITY_TIMEOUT_MS);

  self->sigint_id = g_unix_signal_add (SIGINT, quit_signal_cb, self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, quit_signal_cb, self);
}

static void
rapport_application_shutdown (GApplication *application)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->release_memory_id, g_source_remove);

  G_APPLICATION_CLASS (rapport_application_parent_class)->shutdown (application);
}

static void
rapport_application_activate (GApplication *application)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);
  g_autofree char *path = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = rapport_application_get_default_database_path ();
  rapport_application_open_database (self, path, RAPPORT_DATABASE_OPEN_DEFAULT);
}

static void
background_session_opened_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr (RapportApplication) self = user_data;
  g_autoptr (RapportSession) session = NULL;
  g_autoptr (GError) error = NULL;

  /* No window asked for it: a book that cannot be opened says why when the
   * user opens Rapport. */
  session = rapport_application_open_session_finish (self, result, &error);
  if (session == NULL)
    g_debug ("The book could not be opened in the background: %s", error->message);

  update_hold (self);
  g_application_release (G_APPLICATION (self));
}

/* --background (Start at Login): the session of the user's book, with its
 * reminders, and no window until the user asks for one. Without Run in
 * Background there is nothing to do. */
static void
start_in_background (RapportApplication *self,
                     const char         *path)
{
  if (!self->run_in_background)
    {
      g_debug ("Started with --background, but Run in Background is off");
      return;
    }

  if (gtk_application_get_windows (GTK_APPLICATION (self)) != NULL)
    return;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_debug ("Started with --background, but there is no book yet");
      return;
    }

  /* Held until the session is open, when update_hold() takes over. */
  g_application_hold (G_APPLICATION (self));
  rapport_application_open_session_async (self, path, NULL, background_session_opened_cb, g_object_ref (self));
}

typedef struct
{
  RapportApplication *self;   /* owned */
  gint64              customer_id;
  char               *section;
  char               *import_path;
} ShowRequest;

static void
show_request_free (ShowRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->section);
  g_free (request->import_path);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShowRequest, show_request_free)

static void
book_to_show_opened_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (ShowRequest) request = user_data;
  g_autoptr (RapportSession) session = NULL;
  g_autoptr (GError) error = NULL;
  GtkWindow *window;

  /* A book that cannot be opened said so in its window's place. */
  session = rapport_application_open_session_finish (request->self, result, &error);
  if (session == NULL)
    return;

  window = rapport_application_present_session (request->self, session, 0);
  if (window == NULL)
    return;
  if (request->section != NULL)
    rapport_window_set_section (RAPPORT_WINDOW (window), request->section);
  if (request->customer_id > 0)
    rapport_window_select_customer (RAPPORT_WINDOW (window), request->customer_id);
  if (request->import_path != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (request->import_path);

      rapport_window_import_file (RAPPORT_WINDOW (window), file);
    }
}

/* --show-customer, --show-section: what the window-less image was asked
 * to show (request_window()), and --import, shown in the book's window once
 * it is open. */
static void
show_in_book (RapportApplication *self,
              const char         *path,
              gint64              customer_id,
              const char         *section,
              const char         *import_path)
{
  ShowRequest *request;

  if (request_window (self, path, customer_id, section, import_path))
    return;

  /* The window comes at once, saying "Opening…" until the book is open. */
  rapport_application_open_database (self, path, RAPPORT_DATABASE_OPEN_DEFAULT);

  request = g_new0 (ShowRequest, 1);
  request->self = g_object_ref (self);
  request->customer_id = customer_id;
  request->section = g_strdup (section);
  request->import_path = g_strdup (import_path);
  rapport_application_open_session_async (self, path, NULL, book_to_show_opened_cb, request);
}

static int
rapport_application_command_line (GApplication            *application,
                                  GApplicationCommandLine *command_line)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *database = NULL;
  const char *import = NULL;
  const char *section = NULL;
  gint64 customer_id = 0;
  gboolean demo = FALSE;
  gboolean background = FALSE;
  g_autofree char *path = NULL;
  g_autofree char *import_path = NULL;

  g_variant_dict_lookup (options, "demo", "b", &demo);
  g_variant_dict_lookup (options, "import", "^&ay", &import);
  g_variant_dict_lookup (options, "database", "^&ay", &database);
  g_variant_dict_lookup (options, "background", "b", &background);
  g_variant_dict_lookup (options, "show-customer", "x", &customer_id);
  g_variant_dict_lookup (options, "show-section", "&s", &section);

  if (database != NULL)
    {
      /* Relative to the directory the command was run in, which may be another
       * process's when Rapport is already running. */
      g_autoptr (GFile) file = g_application_command_line_create_file_for_arg (command_line, database);

      path = g_file_get_path (file);
    }
  if (import != NULL)
    {
      g_autoptr (GFile) file = g_application_command_line_create_file_for_arg (command_line, import);

      import_path = g_file_get_path (file);
    }

  if (background && !demo)
    {
      g_autofree char *default_path = rapport_application_get_default_database_path ();

      /* This process starts without a window and stays so: it keeps none of
       * what showing one costs (see main()). */
      if (!g_application_command_line_get_is_remote (command_line) &&
          gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
        self->lean = TRUE;

      start_in_background (self, path != NULL ? path : default_path);
    }
  else if ((customer_id > 0 || section != NULL || import_path != NULL) && !demo)
    {
      g_autofree char *default_path = rapport_application_get_default_database_path ();

      show_in_book (self, path != NULL ? path : default_path, customer_id, section, import_path);
    }
  else if (demo)
    {
      g_autoptr (GError) error = NULL;

      if (rapport_application_open_demo (self, &error) == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return EXIT_FAILURE;
        }
    }
  else if (path != NULL)
    {
      rapport_application_open_database (self, path, RAPPORT_DATABASE_OPEN_DEFAULT);
    }
  else
    {
      g_application_activate (application);
    }

  return EXIT_SUCCESS;
}

static gboolean
rapport_application_dbus_register (GApplication     *application,
                                   GDBusConnection  *connection,
                                   const char       *object_path,
                                   GError          **error)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);
  g_autofree char *path = g_strconcat (object_path, RAPPORT_SEARCH_PROVIDER_PATH_SUFFIX, NULL);

  if (!G_APPLICATION_CLASS (rapport_application_parent_class)->dbus_register (application, connection,
                                                                             object_path, error))
    return FALSE;

  if (self->search_provider == NULL)
    self->search_provider = rapport_search_provider_new (application);

  return rapport_search_provider_export (self->search_provider, connection, path, error);
}

static void
rapport_application_dbus_unregister (GApplication    *application,
                                     GDBusConnection *connection,
                                     const char      *object_path)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);

  if (self->search_provider != NULL)
    rapport_search_provider_unexport (self->search_provider);

  G_APPLICATION_CLASS (rapport_application_parent_class)->dbus_unregister (application, connection, object_path);
}

/* GObject */

static void
rapport_application_dispose (GObject *object)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);

  g_clear_object (&self->search_provider);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->restart_options, g_strfreev);

  G_OBJECT_CLASS (rapport_application_parent_class)->dispose (object);
}

static void
rapport_application_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_RUN_IN_BACKGROUND:
      g_value_set_boolean (value, self->run_in_background);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_application_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_RUN_IN_BACKGROUND:
      rapport_application_set_run_in_background (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_application_class_init (RapportApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rapport_application_dispose;
  object_class->get_property = rapport_application_get_property;
  object_class->set_property = rapport_application_set_property;

  /**
   * RapportApplication:run-in-background:
   *
   * Whether a session goes on (backups, and later reminders and the outbox)
   * when its last window closes; Quit ends it either way.
   */
  properties[PROP_RUN_IN_BACKGROUND] =
    g_param_spec_boolean ("run-in-background", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->startup = rapport_application_startup;
  app_class->shutdown = rapport_application_shutdown;
  app_class->activate = rapport_application_activate;
  app_class->command_line = rapport_application_command_line;
  app_class->dbus_register = rapport_application_dbus_register;
  app_class->dbus_unregister = rapport_application_dbus_unregister;
}

static void
rapport_application_init (RapportApplication *self)
{
  /* The resources are in a static library: naming them links them in. */
  g_assert (rapport_get_resource () != NULL);

  self->settings = g_settings_new (APPLICATION_ID);
  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  g_settings_bind (self->settings, "run-in-background", self, "run-in-background", G_SETTINGS_BIND_GET);
  g_signal_connect (self, "window-removed", G_CALLBACK (window_removed_cb), NULL);
  g_signal_connect (self, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_signal_connect (self->settings, "changed", G_CALLBACK (follow_up_setting_changed_cb), self);
  g_signal_connect (self->settings, "changed", G_CALLBACK (service_setting_changed_cb), self);
  g_signal_connect (self->settings, "changed", G_CALLBACK (tier_setting_changed_cb), self);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self), _("Rapport — customers, contacts and every conversation"));
}

/* Public API */

RapportApplication *
rapport_application_new (void)
{
  return g_object_new (RAPPORT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * rapport_application_get_default_database_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/rapport/rapport.db
 */
char *
rapport_application_get_default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/**
 * rapport_application_get_backup_dir_for:
 * @path: a database file
 *
 * Returns: (transfer full): where the backups of @path are kept
 */
char *
rapport_application_get_backup_dir_for (const char *path)
{
  g_autofree char *default_path = rapport_application_get_default_database_path ();
  g_autofree char *absolute = NULL;
  g_autofree char *base = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = get_default_backup_dir ();

  g_return_val_if_fail (path != NULL, NULL);

  absolute = g_canonicalize_filename (path, NULL);
  if (g_strcmp0 (absolute, default_path) == 0)
    return g_steal_pointer (&dir);

  /* Files of the same name in different folders get different folders. */
  base = g_path_get_basename (absolute);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  hash[12] = '\0';
  name = g_strdup_printf ("%s-%s", base, hash);

  return g_build_filename (dir, name, NULL);
}

/**
 * rapport_application_open_database:
 * @path: the database file (created when missing)
 * @flags: how to open it
 *
 * Opens @path in a new window (or presents the window that shows it): the
 * window says "Opening…" while a worker checks and migrates the file; when
 * it cannot be opened, a RapportDatabaseErrorDialog offers what fits.
 */
void
rapport_application_open_database (RapportApplication       *self,
                                   const char               *path,
                                   RapportDatabaseOpenFlags  flags)
{
  g_autofree char *absolute = NULL;
  g_autofree char *default_path = rapport_application_get_default_database_path ();
  g_autofree char *backup_dir = NULL;
  g_autoptr (RapportSession) session = NULL;
  RapportWindow *window;

  g_return_if_fail (RAPPORT_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  absolute = g_canonicalize_filename (path, NULL);

  if (flags == RAPPORT_DATABASE_OPEN_DEFAULT && request_window (self, absolute, 0, NULL, NULL))
    return;

  session = find_session_for_path (self, absolute);
  if (session != NULL)
    {
      g_object_ref (session);

      /* A book running in the background gets its window back. */
      window = find_window_for_session (self, session);
      if (window == NULL)
        window = rapport_window_new (self, session);
      gtk_window_present (GTK_WINDOW (window));
      update_hold (self);
      return;
    }

  /* Only Rapport's own folder is created; a folder given on the command line
   * that does not exist is the user's mistake to hear about. */
  if (g_strcmp0 (absolute, default_path) == 0)
    {
      g_autofree char *dir = g_path_get_dirname (absolute);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        g_debug ("Could not create “%s”: %s", dir, g_strerror (errno));
    }

  backup_dir = rapport_application_get_backup_dir_for (absolute);
  session = rapport_session_new (absolute, flags, backup_dir);
  add_session (self, session);

  /* The worker opens the file while this thread builds and shows the
   * window: its answer comes back through the main loop, to a window. */
  rapport_session_open_async (session, NULL, session_opened_cb, g_object_ref (self));

  window = rapport_window_new (self, session);
  gtk_window_present (GTK_WINDOW (window));
}

typedef struct
{
  RapportApplication *self;      /* owned */
  RapportSession     *session;   /* owned */
  gulong              handler;
} SessionWait;

static void
session_wait_free (SessionWait *wait)
{
  g_clear_signal_handler (&wait->handler, wait->session);
  g_clear_object (&wait->session);
  g_clear_object (&wait->self);
  g_free (wait);
}

/* Returns @session to @task once its open is decided; TRUE when it is. */
static gboolean
return_session_if_decided (GTask          *task,
                           RapportSession *session)
{
  switch (rapport_session_get_state (session))
    {
    case RAPPORT_SESSION_STATE_OPEN:
      g_task_return_pointer (task, g_object_ref (session), g_object_unref);
      return TRUE;

    case RAPPORT_SESSION_STATE_FAILED:
    case RAPPORT_SESSION_STATE_CLOSED:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s",
                               _("The database could not be opened"));
      return TRUE;

    case RAPPORT_SESSION_STATE_NEW:
    case RAPPORT_SESSION_STATE_OPENING:
    default:
      return FALSE;
    }
}

static void
waited_session_state_cb (RapportSession *session,
                         GParamSpec     *pspec,
                         GTask          *task)
{
  SessionWait *wait = g_task_get_task_data (task);

  /* One answer: the handler goes with the task data. */
  if (return_session_if_decided (task, session))
    {
      g_clear_signal_handler (&wait->handler, session);
      g_object_unref (task);
    }
}

static void
windowless_session_opened_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SessionWait *wait = g_task_get_task_data (task);
  RapportSession *session = RAPPORT_SESSION (source);
  g_autoptr (GError) error = NULL;

  if (rapport_session_open_finish (session, result, &error))
    {
      g_task_return_pointer (task, g_object_ref (session), g_object_unref);
      return;
    }

  /* Nobody asked to see this file: it goes quietly, unless a window for it
   * was opened meanwhile, which then says why as the window would have. */
  if (g_ptr_array_find (wait->self->sessions, session, NULL))
    {
      RapportWindow *window = find_window_for_session (wait->self, session);
      g_autofree char *path = g_strdup (rapport_session_get_path (session));

      if (window != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_open_error (wait->self, path, error, NULL);
          gtk_window_destroy (GTK_WINDOW (window));
        }
      close_session (wait->self, session);
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * rapport_application_open_session_async:
 * @path: a database file
 *
 * Finds or opens the session of @path without showing anything; see
 * rapport_application_open_session_finish().
 */
void
rapport_application_open_session_async (RapportApplication  *self,
                                        const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *absolute = NULL;
  g_autofree char *backup_dir = NULL;
  g_autoptr (RapportSession) session = NULL;
  RapportSession *existing;
  SessionWait *wait;
  GTask *task;

  g_return_if_fail (RAPPORT_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_application_open_session_async);
  wait = g_new0 (SessionWait, 1);
  wait->self = g_object_ref (self);
  g_task_set_task_data (task, wait, (GDestroyNotify) session_wait_free);

  absolute = g_canonicalize_filename (path, NULL);
  existing = find_session_for_path (self, absolute);

  if (existing != NULL)
    {
      wait->session = g_object_ref (existing);
      if (return_session_if_decided (task, existing))
        {
          g_object_unref (task);
          return;
        }

      /* Opening (its window says so): the answer comes when it is open. */
      wait->handler = g_signal_connect (existing, "notify::state", G_CALLBACK (waited_session_state_cb), task);
      return;
    }

  backup_dir = rapport_application_get_backup_dir_for (absolute);
  session = rapport_session_new (absolute, RAPPORT_DATABASE_OPEN_DEFAULT, backup_dir);
  wait->session = g_object_ref (session);
  add_session (self, session);

  rapport_session_open_async (session, cancellable, windowless_session_opened_cb, task);
}

/**
 * rapport_application_open_session_finish:
 *
 * Returns: (transfer full) (nullable): the open session, or %NULL with @error
 */
RapportSession *
rapport_application_open_session_finish (RapportApplication  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rapport_application_present_session:
 * @session: an open session of the application
 * @timestamp: of the event that asked for it, or 0
 *
 * Returns: (transfer none) (nullable): the #RapportWindow that shows
 *   @session, or %NULL when the window-less image starts again to show it
 */
GtkWindow *
rapport_application_present_session (RapportApplication *self,
                                     RapportSession     *session,
                                     guint32             timestamp)
{
  RapportWindow *window;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  if (request_window (self, rapport_session_get_path (session), 0, NULL, NULL))
    return NULL;

  window = find_window_for_session (self, session);
  if (window == NULL)
    window = rapport_window_new (self, session);

  gtk_window_present_with_time (GTK_WINDOW (window), timestamp != 0 ? timestamp : GDK_CURRENT_TIME);
  update_hold (self);

  return GTK_WINDOW (window);
}

/**
 * rapport_application_present_customer:
 * @customer_id: the customer to show, or 0 for the book as it is
 * @timestamp: of the event that asked, or 0
 *
 * Presents the window of @session on customer @customer_id; from the
 * window-less image, Rapport starts again as a normal one that does.
 */
void
rapport_application_present_customer (RapportApplication *self,
                                      RapportSession     *session,
                                      gint64              customer_id,
                                      guint32             timestamp)
{
  GtkWindow *window;

  g_return_if_fail (RAPPORT_IS_APPLICATION (self));
  g_return_if_fail (RAPPORT_IS_SESSION (session));

  if (request_window (self, rapport_session_get_path (session), customer_id, NULL, NULL))
    return;

  window = rapport_application_present_session (self, session, timestamp);
  if (window != NULL && customer_id > 0)
    rapport_window_select_customer (RAPPORT_WINDOW (window), customer_id);
}

/**
 * rapport_application_open_demo:
 *
 * Returns: (transfer none) (nullable): the new sample-data window
 */
GtkWindow *
rapport_application_open_demo (RapportApplication  *self,
                               GError             **error)
{
  g_autofree char *path = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (RapportSession) session = NULL;
  const RapportDemoSize size = RAPPORT_DEMO_SIZE_SAMPLE;
  RapportWindow *window;
  gint64 start;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = rapport_demo_data_new_database_path ();
  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, error);
  if (db == NULL)
    {
      delete_demo_files (g_steal_pointer (&path));
      return NULL;
    }

  /* Deleted with the database object, after its connections are closed. */
  g_object_set_data_full (G_OBJECT (db), "rapport-demo-path", g_strdup (path), delete_demo_files);

  /* The sample set is small: filling it before the window appears takes well
   * under the 300 ms a user would notice (measured ~ see g_debug). */
  start = g_get_monotonic_time ();
  if (!rapport_demo_data_fill (db, &size, NULL, NULL, NULL, error))
    return NULL;
  g_debug ("Sample data filled in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  session = rapport_session_new_for_database (db, NULL, TRUE);
  add_session (self, session);

  window = rapport_window_new (self, session);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

/**
 * rapport_application_get_settings:
 *
 * Returns: (transfer none): the application's settings, which it hands to
 *   its sessions
 */
GSettings *
rapport_application_get_settings (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * rapport_application_get_sessions:
 *
 * Returns: (transfer none): a #GPtrArray of the open #RapportSession
 */
GPtrArray *
rapport_application_get_sessions (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);

  return self->sessions;
}

gboolean
rapport_application_get_run_in_background (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), FALSE);

  return self->run_in_background;
}

void
rapport_application_set_run_in_background (RapportApplication *self,
                                           gboolean            run_in_background)
{
  g_return_if_fail (RAPPORT_IS_APPLICATION (self));

  run_in_background = !!run_in_background;
  if (self->run_in_background == run_in_background)
    return;

  self->run_in_background = run_in_background;

  /* Turned off: what runs without a window ends. */
  if (!run_in_background)
    {
      for (guint i = self->sessions->len; i > 0; i--)
        {
          RapportSession *session = g_ptr_array_index (self->sessions, i - 1);

          if (find_window_for_session (self, session) == NULL)
            close_session (self, session);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_IN_BACKGROUND]);
}

/**
 * rapport_application_steal_restart_options:
 *
 * Once the application has run: the options the process is to start again
 * with in place of this image (the window-less image for the background, or
 * a normal one to show a window), without the program name.
 *
 * Returns: (transfer full) (nullable): the options, or %NULL to exit
 */
GStrv
rapport_application_steal_restart_options (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);

  return g_steal_pointer (&self->restart_options);
}
