/* test-preferences.c
 *
 * Preferences: country code validation, settings that take effect at once in
 * the open session and its store (main and worker connections), the list of
 * backups, Back Up Now and Restore….
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "rapport-autostart.h"
#include "rapport-order-dialog.h"
#include "rapport-preferences-window.h"
#include "rapport-window.h"
#include "rapport-time-row.h"
#include "shell-test-utils.h"

typedef struct
{
  char                 *dir;
  RapportApplication   *app;
  GtkWindow            *window;
  RapportSession       *session;   /* the window's */
  RapportDatabase      *db;        /* the session's */
  RapportBackupManager *manager;   /* the session's */
} Fixture;

static gboolean
window_is_open (gpointer data)
{
  GtkWindow *window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);

  return window != NULL && rapport_window_get_database (RAPPORT_WINDOW (window)) != NULL;
}

/* A book opened by the application, as a user opens one: the session gets
 * the application's settings. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = shell_test_make_dir ();
  path = g_build_filename (f->dir, "shop.db", NULL);
  f->app = shell_test_new_application ();
  /* Only the backups a test asks for. */
  g_settings_set_boolean (rapport_application_get_settings (f->app), "automatic-backups", FALSE);

  rapport_application_open_database (f->app, path, RAPPORT_DATABASE_OPEN_DEFAULT);
  shell_test_wait_for (window_is_open, NULL);
  f->window = shell_test_find_toplevel (RAPPORT_TYPE_WINDOW, NULL);
  f->session = rapport_window_get_session (RAPPORT_WINDOW (f->window));
  f->db = rapport_session_get_database (f->session);
  f->manager = rapport_session_get_backup_manager (f->session);
  g_assert_nonnull (f->manager);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GSettings *settings = rapport_application_get_settings (f->app);
  g_autofree char *backup_dir = rapport_application_get_backup_dir_for (rapport_session_get_path (f->session));

  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_settings_reset (settings, "start-at-login");
  shell_test_destroy_window (g_steal_pointer (&f->window));
  g_assert_cmpuint (rapport_application_get_sessions (f->app)->len, ==, 0);

  g_settings_reset (settings, "automatic-backups");
  g_settings_reset (settings, "backups-to-keep");
  g_settings_reset (settings, "default-currency");
  g_settings_reset (settings, "default-country-code");

  g_clear_object (&f->app);
  shell_test_remove_dir (backup_dir);
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      n++;

  return n;
}

typedef struct
{
  GtkListBox *list;
  guint       n;
} RowCheck;

static gboolean
has_n_rows (gpointer data)
{
  RowCheck *check = data;

  return count_rows (check->list) == check->n;
}

static gboolean
is_button_with_label (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_combo_row (GtkWidget *widget,
              gpointer   data)
{
  return ADW_IS_COMBO_ROW (widget);
}

static gboolean
is_spin_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

static gboolean
is_switch (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_SWITCH (widget);
}

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The control (a switch, a spin button) of the row titled @title. */
static GtkWidget *
find_control (GtkWidget  *window,
              const char *title,
              gboolean  (*match) (GtkWidget *widget, gpointer data))
{
  GtkWidget *row = shell_test_find_widget (window, is_row_titled, (gpointer) title);

  g_assert_nonnull (row);
  return shell_test_find_widget (row, match, NULL);
}

static void
backed_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr (RapportBackup) backup = NULL;
  g_autoptr (GError) error = NULL;

  backup = rapport_backup_manager_back_up_finish (RAPPORT_BACKUP_MANAGER (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_country_code (void)
{
  g_autofree char *message = NULL;

  g_assert_true (rapport_preferences_validate_country_code ("86", NULL));
  g_assert_true (rapport_preferences_validate_country_code ("1", NULL));
  g_assert_true (rapport_preferences_validate_country_code ("852", NULL));
  g_assert_false (rapport_preferences_validate_country_code ("", NULL));
  g_assert_false (rapport_preferences_validate_country_code ("1234", NULL));
  g_assert_false (rapport_preferences_validate_country_code ("+86", NULL));
  g_assert_false (rapport_preferences_validate_country_code ("８６", NULL));
  g_assert_false (rapport_preferences_validate_country_code ("abc", &message));
  g_assert_nonnull (message);
}

static gboolean
is_country_row (GtkWidget *widget,
                gpointer   data)
{
  return ADW_IS_ENTRY_ROW (widget);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  GSettings *settings = rapport_application_get_settings (f->app);
  GtkWidget *window = rapport_preferences_window_new (f->window, settings, f->session);
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (GError) error = NULL;
  GtkWidget *combo, *spin, *country, *order;
  GListModel *currencies;
  const char *phones[] = { "212 555 0100", NULL };
  gint64 customer_id;
  guint usd = GTK_INVALID_LIST_POSITION;

  gtk_window_present (GTK_WINDOW (window));
  shell_test_flush ();

  /* How many backups to keep: the session's backup manager keeps that many. */
  spin = find_control (window, _("Backups to _Keep"), is_spin_button);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 7);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 12);
  g_assert_cmpint (g_settings_get_int (settings, "backups-to-keep"), ==, 12);
  g_assert_cmpint (rapport_backup_manager_get_keep (f->manager), ==, 12);

  /* The default currency: a new order starts with it. */
  combo = shell_test_find_widget (window, is_combo_row, NULL);
  g_assert_nonnull (combo);
  currencies = adw_combo_row_get_model (ADW_COMBO_ROW (combo));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (currencies),
                                               adw_combo_row_get_selected (ADW_COMBO_ROW (combo))), ==, "CNY");
  for (guint i = 0; i < g_list_model_get_n_items (currencies); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (currencies), i), "USD") == 0)
      usd = i;
  g_assert_cmpuint (usd, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), usd);
  g_assert_cmpstr (rapport_session_get_default_currency (f->session), ==, "USD");

  customer_id = shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  order = g_object_ref_sink (rapport_order_dialog_new (NULL, f->session, customer_id, NULL));
  g_assert_cmpstr (rapport_order_dialog_get_currency (RAPPORT_ORDER_DIALOG (order)), ==, "USD");
  gtk_window_destroy (GTK_WINDOW (order));
  g_assert_finalize_object (order);

  /* The country code, applied: every connection to the file normalises a
   * number typed without one with it, a worker's too, at once. */
  worker = rapport_database_open_worker (f->db, &error);
  g_assert_no_error (error);
  country = shell_test_find_widget (window, is_country_row, NULL);
  g_assert_nonnull (country);
  gtk_editable_set_text (GTK_EDITABLE (country), "1");
  g_signal_emit_by_name (country, "apply");
  g_assert_cmpstr (rapport_session_get_default_country_code (f->session), ==, "1");
  g_assert_cmpstr (rapport_database_get_default_country_code (worker), ==, "1");

  rapport_contact_set_customer_id (contact, customer_id);
  rapport_contact_set_name (contact, "Jane Doe");
  rapport_contact_set_phones (contact, phones);
  g_assert_true (rapport_store_insert_contact (worker, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_phones (contact)[0], ==, "+12125550100");

  g_clear_object (&worker);
  shell_test_destroy_window (GTK_WINDOW (window));
}

static void
test_backups (Fixture       *f,
              gconstpointer  data)
{
  RapportPreferencesWindow *window;
  GtkListBox *list;
  GtkWidget *button;
  GtkWindow *dialog;
  gboolean done = FALSE;
  RowCheck check;

  /* Nothing yet: the placeholder says so. */
  window = RAPPORT_PREFERENCES_WINDOW (rapport_preferences_window_new (f->window,
                                                                     rapport_application_get_settings (f->app),
                                                                     f->session));
  gtk_window_present (GTK_WINDOW (window));
  shell_test_flush ();
  list = rapport_preferences_window_get_backup_list (window);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (list)));
  g_assert_cmpuint (count_rows (list), ==, 0);

  /* One customer, backed up; then a second one that the restore takes away. */
  shell_test_add_customer (f->db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  rapport_backup_manager_back_up_async (f->manager, RAPPORT_BACKUP_REASON_MANUAL, NULL, backed_up_cb, &done);
  shell_test_wait_for (is_true, &done);
  check = (RowCheck) { list, 1 };
  shell_test_wait_for (has_n_rows, &check);

  /* Back Up Now adds a row. */
  button = shell_test_find_widget (GTK_WIDGET (window), is_button_with_label, (gpointer) _("_Back Up Now"));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  check = (RowCheck) { list, 2 };
  shell_test_wait_for (has_n_rows, &check);
  shell_test_add_customer (f->db, "Bolt Supplies", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 2);

  /* Restore… asks first, then restores: back to one customer. */
  button = shell_test_find_widget (GTK_WIDGET (list), is_button_with_label, (gpointer) _("_Restore…"));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = shell_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  gtk_window_close (dialog);

  while (rapport_backup_manager_get_busy (f->manager) || rapport_store_count_customers (f->db) != 1)
    shell_test_flush ();
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 1);

  shell_test_destroy_window (GTK_WINDOW (window));
}

static void
test_no_backups_for_sample_data (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GtkWindow *demo = rapport_application_open_demo (f->app, &error);
  RapportPreferencesWindow *window;

  g_assert_no_error (error);
  window = RAPPORT_PREFERENCES_WINDOW (rapport_preferences_window_new (demo, rapport_application_get_settings (f->app),
                                                                       rapport_window_get_session (RAPPORT_WINDOW (demo))));
  gtk_window_present (GTK_WINDOW (window));
  shell_test_flush ();
  /* Sample data is not backed up: no list, no Back Up Now, and it says why. */
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (rapport_preferences_window_get_backup_list (window))));
  g_assert_nonnull (shell_test_find_widget (GTK_WIDGET (window), is_label_with_text,
                                            (gpointer) _("Sample data is thrown away when its window closes, so it is not backed up.")));

  shell_test_destroy_window (GTK_WINDOW (window));
  shell_test_destroy_window (demo);
}

/* Run in Background: the switch is the setting, and the application follows
 * it; Start at Login depends on it. */
static void
test_background (Fixture       *f,
                 gconstpointer  data)
{
  GSettings *settings = rapport_application_get_settings (f->app);
  GtkWidget *window;
  GtkWidget *background, *login;

  g_settings_reset (settings, "run-in-background");
  window = rapport_preferences_window_new (f->window, settings, f->session);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_flush ();

  background = find_control (window, _("Run in _Background"), is_switch);
  login = find_control (window, _("Start at _Login"), is_switch);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (background)));
  g_assert_true (rapport_application_get_run_in_background (f->app));
  g_assert_true (gtk_widget_is_sensitive (login));

  gtk_switch_set_active (GTK_SWITCH (background), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_false (rapport_application_get_run_in_background (f->app));
  g_assert_false (gtk_widget_is_sensitive (login));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
setting_is (gpointer data)
{
  GSettings *settings = g_object_get_data (data, "settings");

  return g_settings_get_boolean (settings, "start-at-login") == GPOINTER_TO_INT (g_object_get_data (data, "want"));
}

static gboolean
is_visible_label (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
is_error_label (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP) != NULL &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP))),
                    _("Background")) == 0;
}

/* Start at Login outside Flatpak: the switch writes the autostart entry,
 * and the setting follows what was written. */
static void
test_start_at_login (Fixture       *f,
                     gconstpointer  data)
{
  GSettings *settings = rapport_application_get_settings (f->app);
  g_autofree char *entry = rapport_autostart_get_entry_path ();
  g_autofree char *dir = g_path_get_dirname (entry);
  GtkWidget *window;
  GtkWidget *login, *error_label;

  if (rapport_autostart_in_flatpak ())
    {
      g_test_skip ("Inside Flatpak the portal answers");
      return;
    }

  g_settings_reset (settings, "run-in-background");
  window = rapport_preferences_window_new (f->window, settings, f->session);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_flush ();
  login = find_control (window, _("Start at _Login"), is_switch);
  error_label = shell_test_find_widget (window, is_error_label, NULL);
  g_assert_nonnull (error_label);
  g_object_set_data (G_OBJECT (login), "settings", settings);

  g_assert_false (gtk_switch_get_active (GTK_SWITCH (login)));
  gtk_switch_set_active (GTK_SWITCH (login), TRUE);
  g_object_set_data (G_OBJECT (login), "want", GINT_TO_POINTER (TRUE));
  shell_test_wait_for (setting_is, login);
  g_assert_true (g_file_test (entry, G_FILE_TEST_EXISTS));
  g_assert_false (gtk_widget_get_visible (error_label));

  gtk_switch_set_active (GTK_SWITCH (login), FALSE);
  g_object_set_data (G_OBJECT (login), "want", GINT_TO_POINTER (FALSE));
  shell_test_wait_for (setting_is, login);
  g_assert_false (g_file_test (entry, G_FILE_TEST_EXISTS));

  /* It cannot be written (a file where the folder goes): the error is shown
   * under the switch, which goes back off with the setting. */
  g_rmdir (dir);
  g_assert_true (g_file_set_contents (dir, "", 0, NULL));
  gtk_switch_set_active (GTK_SWITCH (login), TRUE);
  shell_test_wait_for (is_visible_label, error_label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "login"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (login)));
  g_assert_false (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_cmpint (g_unlink (dir), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Reminders and churn warnings: each control is its setting. */
static void
test_follow_up_settings (Fixture       *f,
                         gconstpointer  data)
{
  GSettings *settings = rapport_application_get_settings (f->app);
  GtkWidget *window = rapport_preferences_window_new (f->window, settings, f->session);
  struct { const char *title; const char *key; double initial; double changed; } ints[] = {
    { N_("Catch-Up Window in _Days"), "reminder-catch-up-days", 7, 3 },
    { N_("_Platinum"), "churn-days-platinum", 30, 45 },
    { N_("_Gold"), "churn-days-gold", 60, 75 },
    { N_("_Iron"), "churn-days-iron", 90, 120 },
    { N_("L_ead"), "churn-days-lead", 180, 365 },
  };
  GtkWidget *gap;

  gtk_window_present (GTK_WINDOW (window));
  shell_test_flush ();

  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      GtkWidget *spin = find_control (window, _(ints[i].title), is_spin_button);

      g_assert_nonnull (spin);
      g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, ints[i].initial);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), ints[i].changed);
      g_assert_cmpint (g_settings_get_int (settings, ints[i].key), ==, (int) ints[i].changed);
      g_settings_reset (settings, ints[i].key);
      g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, ints[i].initial);
    }

  /* The multiple: 1.0 to 10.0. */
  gap = find_control (window, _("Gap _Multiple"), is_spin_button);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (gap)), ==, 2.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gap), 2.5);
  g_assert_cmpfloat (g_settings_get_double (settings, "churn-gap-multiple"), ==, 2.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gap), 20);
  g_assert_cmpfloat (g_settings_get_double (settings, "churn-gap-multiple"), ==, 10.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gap), 0.1);
  g_assert_cmpfloat (g_settings_get_double (settings, "churn-gap-multiple"), ==, 1.0);
  g_settings_reset (settings, "churn-gap-multiple");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Service: the hours to resolve per priority are their settings, and the
 * open session gets them at once. */
static void
test_service_targets (Fixture       *f,
                      gconstpointer  data)
{
  GSettings *settings = rapport_application_get_settings (f->app);
  GtkWidget *window = rapport_preferences_window_new (f->window, settings, f->session);
  const double defaults[] = { 4, 8, 24, 72 };

  gtk_window_present (GTK_WINDOW (window));
  shell_test_flush ();

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_autofree char *title = g_strdup_printf ("Priority P_%u", i + 1);
      g_autofree char *key = g_strdup_printf ("service-resolution-hours-p%u", i + 1);
      GtkWidget *spin = find_control (window, title, is_spin_button);
      RapportServiceTargets targets;

      g_assert_nonnull (spin);
      g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, defaults[i]);
      rapport_session_get_service_targets (f->session, &targets);
      g_assert_cmpuint (targets.hours[i], ==, (guint) defaults[i]);

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), defaults[i] + 10);
      g_assert_cmpint (g_settings_get_int (settings, key), ==, (int) defaults[i] + 10);
      rapport_session_get_service_targets (f->session, &targets);
      g_assert_cmpuint (targets.hours[i], ==, (guint) defaults[i] + 10);

      g_settings_reset (settings, key);
      rapport_session_get_service_targets (f->session, &targets);
      g_assert_cmpuint (targets.hours[i], ==, (guint) defaults[i]);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_string_setting (GSettings  *settings,
                       const char *key,
                       const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static gboolean
is_time_row_titled (GtkWidget *widget,
                    gpointer   data)
{
  return RAPPORT_IS_TIME_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The hours automatic greetings may go out in: saved once they read as HH:MM. */
static void
test_send_window (Fixture       *f,
                  gconstpointer  data)
{
  GSettings *settings = rapport_application_get_settings (f->app);
  GtkWidget *window = rapport_preferences_window_new (f->window, settings, f->session);
  GtkWidget *start;
  GtkWidget *end;

  gtk_window_present (GTK_WINDOW (window));
  shell_test_flush ();

  start = shell_test_find_widget (window, is_time_row_titled, (gpointer) _("_Earliest"));
  end = shell_test_find_widget (window, is_time_row_titled, (gpointer) _("_Latest"));
  g_assert_nonnull (start);
  g_assert_nonnull (end);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, "08:00");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, "21:00");

  gtk_editable_set_text (GTK_EDITABLE (start), "07:30");
  assert_string_setting (settings, "auto-send-start", "07:30");

  /* Half typed or nonsense: the setting keeps its value, the row says so. */
  gtk_editable_set_text (GTK_EDITABLE (end), "25:00");
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  gtk_editable_set_text (GTK_EDITABLE (end), "20:");
  assert_string_setting (settings, "auto-send-end", "21:00");
  gtk_editable_set_text (GTK_EDITABLE (end), "20:30");
  g_assert_false (gtk_widget_has_css_class (end, "error"));
  assert_string_setting (settings, "auto-send-end", "20:30");

  g_settings_reset (settings, "auto-send-start");
  g_settings_reset (settings, "auto-send-end");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = shell_test_make_dir ();
  int rc;

  /* Before GLib caches it: nothing here may touch the user's own data. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", data_home, TRUE);
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/preferences/country-code", test_country_code);
  g_test_add ("/ui/preferences/settings", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/ui/preferences/backups", Fixture, NULL, fixture_set_up, test_backups, fixture_tear_down);
  g_test_add ("/ui/preferences/background", Fixture, NULL, fixture_set_up, test_background, fixture_tear_down);
  g_test_add ("/ui/preferences/start-at-login", Fixture, NULL, fixture_set_up, test_start_at_login, fixture_tear_down);
  g_test_add ("/ui/preferences/send-window", Fixture, NULL, fixture_set_up, test_send_window, fixture_tear_down);
  g_test_add ("/ui/preferences/service-targets", Fixture, NULL, fixture_set_up, test_service_targets,
              fixture_tear_down);
  g_test_add ("/ui/preferences/follow-up-settings", Fixture, NULL, fixture_set_up, test_follow_up_settings,
              fixture_tear_down);
  g_test_add ("/ui/preferences/no-backups-for-sample-data", Fixture, NULL, fixture_set_up,
              test_no_backups_for_sample_data, fixture_tear_down);

  rc = g_test_run ();
  shell_test_remove_dir (data_home);

  return rc;
}
