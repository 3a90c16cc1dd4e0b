/* rapport-database-error-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-database-error-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-database.h"
#include "rapport-database-error-dialog.h"
#include "rapport-ui-utils.h"

struct _RapportDatabaseErrorDialog
{
  AdwMessageDialog  parent_instance;

  GtkListBox       *backup_list;

  char             *path;
  GListModel       *backups;
};

G_DEFINE_FINAL_TYPE (RapportDatabaseErrorDialog, rapport_database_error_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  OFFER_READ_ONLY = 1 << 0,
  OFFER_RESTORE   = 1 << 1,
  OFFER_CHOOSE    = 1 << 2,
};

/* Helpers */

/* The heading, the body and the ways out for @error. The body offers a backup
 * only when there is one to restore. */
static guint
describe_error (const GError  *error,
                const char    *display_path,
                const char    *display_folder,
                gboolean       have_backups,
                char         **heading,
                char         **body)
{
  int code = g_error_matches (error, RAPPORT_DATABASE_ERROR, error->code) ? error->code : -1;

  switch (code)
    {
    case RAPPORT_DATABASE_ERROR_CORRUPT:
      *heading = g_strdup (_("The Database Is Damaged"));
      if (have_backups)
        *body = g_strdup_printf (_("Rapport checked “%s” and found it damaged. The file has not been "
                                   "changed. You can restore a backup or open another file."),
                                 display_path);
      else
        *body = g_strdup_printf (_("Rapport checked “%s” and found it damaged. The file has not been "
                                   "changed. There is no backup of it to restore; you can open another file."),
                                 display_path);
      return OFFER_RESTORE | OFFER_CHOOSE;

    case RAPPORT_DATABASE_ERROR_NOT_DATABASE:
      /* Garbage, or a sound file of another program's: either way not ours. */
      *heading = g_strdup (_("Not a Rapport Database"));
      if (have_backups)
        *body = g_strdup_printf (_("“%s” is not a Rapport database: it is not a database file, or it "
                                   "belongs to another program. Rapport has not changed it. You can "
                                   "restore a backup in its place or open another file."),
                                 display_path);
      else
        *body = g_strdup_printf (_("“%s” is not a Rapport database: it is not a database file, or it "
                                   "belongs to another program. Rapport has not changed it."),
                                 display_path);
      return OFFER_RESTORE | OFFER_CHOOSE;

    case RAPPORT_DATABASE_ERROR_READ_ONLY:
      *heading = g_strdup (_("The Database Cannot Be Changed"));
      *body = g_strdup_printf (_("Rapport cannot write to “%s”. You can open it read-only to look at "
                                 "your data, or open another file.\n\n%s"),
                               display_path, error->message);
      return OFFER_READ_ONLY | OFFER_CHOOSE;

    case RAPPORT_DATABASE_ERROR_CANT_OPEN:
      *heading = g_strdup (_("The Database Cannot Be Opened"));
      *body = g_strdup_printf (_("Rapport could not open or create a database in the folder “%s”. "
                                 "Check that the folder exists and that you may write to it.\n\n%s"),
                               display_folder, error->message);
      return OFFER_CHOOSE;

    case RAPPORT_DATABASE_ERROR_TOO_NEW:
      *heading = g_strdup (_("The Database Is Too New"));
      *body = g_strdup_printf (_("“%s” was written by a newer version of Rapport. Update Rapport to "
                                 "open it. The file has not been changed."),
                               display_path);
      return OFFER_CHOOSE;

    case RAPPORT_DATABASE_ERROR_MIGRATION:
      *heading = g_strdup (_("The Database Could Not Be Updated"));
      if (have_backups)
        *body = g_strdup_printf (_("Updating “%s” to this version of Rapport failed, and the file was "
                                   "left as it was. You can restore a backup or open another file.\n\n%s"),
                                 display_path, error->message);
      else
        *body = g_strdup_printf (_("Updating “%s” to this version of Rapport failed, and the file was "
                                   "left as it was. You can open another file.\n\n%s"),
                                 display_path, error->message);
      return OFFER_RESTORE | OFFER_CHOOSE;

    default:
      *heading = g_strdup (_("The Database Cannot Be Opened"));
      *body = g_strdup_printf (_("Rapport could not open “%s”.\n\n%s"), display_path, error->message);
      return OFFER_CHOOSE;
    }
}

static GtkWidget *
create_backup_row (gpointer item,
                   gpointer user_data)
{
  RapportBackup *backup = item;
  g_autofree char *date = rapport_format_date_time (rapport_backup_get_created_at (backup));
  g_autofree char *size = g_format_size (rapport_backup_get_size (backup));
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* Translators: a backup's reason and its size, e.g. "Automatic · 1.2 MB" */
  subtitle = g_strdup_printf (_("%s · %s"), rapport_backup_reason_get_label (rapport_backup_get_reason (backup)), size);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

/* Callbacks */

static void
backup_selected_cb (RapportDatabaseErrorDialog *self,
                    GtkListBoxRow              *row,
                    GtkListBox                 *list)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "restore", row != NULL);
}

/* GObject */

static void
rapport_database_error_dialog_dispose (GObject *object)
{
  RapportDatabaseErrorDialog *self = RAPPORT_DATABASE_ERROR_DIALOG (object);

  /* The list unselects as it goes, after the dialog's responses are gone. */
  if (self->backup_list != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->backup_list, self);
      gtk_list_box_bind_model (self->backup_list, NULL, NULL, NULL, NULL);
      self->backup_list = NULL;
    }

  G_OBJECT_CLASS (rapport_database_error_dialog_parent_class)->dispose (object);
}

static void
rapport_database_error_dialog_finalize (GObject *object)
{
  RapportDatabaseErrorDialog *self = RAPPORT_DATABASE_ERROR_DIALOG (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->backups);

  G_OBJECT_CLASS (rapport_database_error_dialog_parent_class)->finalize (object);
}

static void
rapport_database_error_dialog_class_init (RapportDatabaseErrorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_database_error_dialog_dispose;
  object_class->finalize = rapport_database_error_dialog_finalize;
}

static void
rapport_database_error_dialog_init (RapportDatabaseErrorDialog *self)
{
}

/* Public API */

/**
 * rapport_database_error_dialog_new:
 * @parent: (nullable): the window to be transient for
 * @path: the database file that failed to open
 * @error: why it failed, usually in the RAPPORT_DATABASE_ERROR domain
 * @backups: (nullable): backups that may replace the file
 *
 * Returns: (transfer floating): a dialog; connect to "response" and present it
 */
RapportDatabaseErrorDialog *
rapport_database_error_dialog_new (GtkWindow    *parent,
                                   const char   *path,
                                   const GError *error,
                                   GListModel   *backups)
{
  RapportDatabaseErrorDialog *self;
  g_autofree char *display_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *display_folder = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  gboolean have_backups;
  guint offers;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (backups == NULL || G_IS_LIST_MODEL (backups), NULL);

  display_path = g_filename_display_name (path);
  dir = g_path_get_dirname (path);
  display_folder = g_filename_display_name (dir);
  have_backups = backups != NULL && g_list_model_get_n_items (backups) > 0;
  offers = describe_error (error, display_path, display_folder, have_backups, &heading, &body);

  if (!have_backups)
    offers &= ~OFFER_RESTORE;

  self = g_object_new (RAPPORT_TYPE_DATABASE_ERROR_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "heading", heading,
                       "body", body,
                       NULL);
  self->path = g_strdup (path);
  g_set_object (&self->backups, backups);

  /* Without another window, closing this dialog ends the application. */
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "quit",
                                   parent != NULL ? _("_Close") : _("_Quit"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "quit");

  if (offers & OFFER_CHOOSE)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "choose", _("_Choose Another File…"));

  if (offers & OFFER_READ_ONLY)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "read-only", _("_Open Read-Only"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "read-only",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "read-only");
    }

  /* The list of backups comes in a second dialog: see _new_for_backups(). */
  if (offers & OFFER_RESTORE)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "restore", _("_Restore a Backup…"));
      if (!(offers & OFFER_READ_ONLY))
        {
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "restore",
                                                      ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "restore");
        }
    }

  return self;
}

/**
 * rapport_database_error_dialog_new_for_backups:
 * @parent: (nullable): the window to be transient for
 * @path: the database file the backup would replace
 * @backups: GListModel of RapportBackup, not empty
 *
 * The second step of "restore": a list of @backups to pick from, with the
 * responses "cancel" and "restore" (enabled once a backup is picked).
 *
 * Returns: (transfer floating): a dialog; connect to "response" and present it
 */
RapportDatabaseErrorDialog *
rapport_database_error_dialog_new_for_backups (GtkWindow  *parent,
                                               const char *path,
                                               GListModel *backups)
{
  RapportDatabaseErrorDialog *self;
  g_autofree char *display_path = NULL;
  g_autofree char *body = NULL;
  GtkWidget *scroller;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (backups), NULL);

  display_path = g_filename_display_name (path);
  body = g_strdup_printf (_("The backup you pick takes the place of “%s”. That file is kept "
                            "next to it under another name, not deleted."),
                          display_path);

  self = g_object_new (RAPPORT_TYPE_DATABASE_ERROR_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "heading", _("Restore a Backup"),
                       "body", body,
                       NULL);
  self->path = g_strdup (path);
  g_set_object (&self->backups, backups);

  self->backup_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->backup_list), "boxed-list");
  gtk_list_box_bind_model (self->backup_list, backups, create_backup_row, NULL, NULL);
  g_signal_connect_object (self->backup_list, "row-selected",
                           G_CALLBACK (backup_selected_cb), self, G_CONNECT_SWAPPED);

  /* A fixed height: room for three rows, more scroll. */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 168);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->backup_list));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), scroller);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "restore", FALSE);

  return self;
}

const char *
rapport_database_error_dialog_get_path (RapportDatabaseErrorDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE_ERROR_DIALOG (self), NULL);

  return self->path;
}

/**
 * rapport_database_error_dialog_get_selected_backup:
 *
 * Returns: (transfer none) (nullable): the backup selected in the list
 */
RapportBackup *
rapport_database_error_dialog_get_selected_backup (RapportDatabaseErrorDialog *self)
{
  GtkListBoxRow *row;
  g_autoptr (RapportBackup) backup = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE_ERROR_DIALOG (self), NULL);

  if (self->backup_list == NULL)
    return NULL;

  row = gtk_list_box_get_selected_row (self->backup_list);
  if (row == NULL)
    return NULL;

  /* The model holds a reference, so the borrowed pointer stays valid. */
  backup = g_list_model_get_item (self->backups, gtk_list_box_row_get_index (row));
  return backup;
}
