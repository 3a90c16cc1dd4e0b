/* test-preferences.c
 *
 * Preferences: country code validation, settings bound to GSettings, the list
 * of backups, Back Up Now and Restore….
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-preferences-window.h"
#include "shell-test-utils.h"

typedef struct
{
  char                 *dir;
  char                 *backup_dir;
  RapportDatabase      *db;
  RapportBackupManager *manager;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = shell_test_make_dir ();
  f->backup_dir = g_build_filename (f->dir, "backups", NULL);
  f->db = shell_test_open_database (f->dir);
  f->manager = rapport_backup_manager_new (f->db, f->backup_dir);
  /* Only the backups a test asks for. */
  rapport_backup_manager_set_automatic (f->manager, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "backups-to-keep");
  g_settings_reset (settings, "default-currency");
  g_settings_reset (settings, "default-country-code");

  g_assert_finalize_object (g_steal_pointer (&f->manager));
  g_assert_finalize_object (g_steal_pointer (&f->db));
  shell_test_remove_dir (f->dir);
  g_free (f->backup_dir);
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

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window = rapport_preferences_window_new (NULL, f->manager);
  GtkWidget *combo, *spin;
  g_autofree char *currency = NULL;
  GListModel *currencies;
  guint usd = GTK_INVALID_LIST_POSITION;

  gtk_window_present (GTK_WINDOW (window));
  shell_test_flush ();

  spin = shell_test_find_widget (window, is_spin_button, NULL);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 7);
  g_settings_set_int (settings, "backups-to-keep", 12);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 12);

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
  currency = g_settings_get_string (settings, "default-currency");
  g_assert_cmpstr (currency, ==, "USD");

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
  window = RAPPORT_PREFERENCES_WINDOW (rapport_preferences_window_new (NULL, f->manager));
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
  RapportPreferencesWindow *window = RAPPORT_PREFERENCES_WINDOW (rapport_preferences_window_new (NULL, NULL));

  gtk_window_present (GTK_WINDOW (window));
  shell_test_flush ();
  /* Sample data is not backed up: no list, no Back Up Now. */
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (rapport_preferences_window_get_backup_list (window))));

  shell_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/preferences/country-code", test_country_code);
  g_test_add ("/ui/preferences/settings", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/ui/preferences/backups", Fixture, NULL, fixture_set_up, test_backups, fixture_tear_down);
  g_test_add ("/ui/preferences/no-backups-for-sample-data", Fixture, NULL, fixture_set_up,
              test_no_backups_for_sample_data, fixture_tear_down);

  return g_test_run ();
}
