/* rapport-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-compat.h"
#include "rapport-export-dialog.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"

struct _RapportExportDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkButton        *cancel_button;
  GtkButton        *export_button;
  GtkStack         *stack;
  AdwComboRow      *format_row;
  AdwComboRow      *encoding_row;
  AdwActionRow     *all_row;
  AdwActionRow     *shown_row;
  GtkCheckButton   *all_check;
  GtkCheckButton   *shown_check;
  GtkProgressBar   *progress_bar;

  /* Owned */
  RapportSession   *session;
  GArray           *shown_ids;
  RapportExport    *export;      /* while running */
  GFile            *file;        /* what it writes */
  GCancellable     *cancellable; /* while choosing the file or exporting */
};

G_DEFINE_FINAL_TYPE (RapportExportDialog, rapport_export_dialog, ADW_TYPE_WINDOW)

/* Helpers */

static RapportExportFormat
selected_format (RapportExportDialog *self)
{
  return (RapportExportFormat) adw_combo_row_get_selected (self->format_row);
}

static void
update_actions (RapportExportDialog *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", !busy);
}

static void
show_error (RapportExportDialog *self,
            const GError        *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Customers Could Not Be Exported"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
stop (RapportExportDialog *self)
{
  g_clear_object (&self->cancellable);
  if (self->export != NULL)
    g_signal_handlers_disconnect_by_data (self->export, self);
  g_clear_object (&self->export);
  g_clear_object (&self->file);
  gtk_stack_set_visible_child_name (self->stack, "options");
  update_actions (self);
}

/* Callbacks */

static void
format_changed_cb (RapportExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row),
                          selected_format (self) == RAPPORT_EXPORT_FORMAT_CSV);
}

static void
progress_changed_cb (RapportExport       *export,
                     GParamSpec          *pspec,
                     RapportExportDialog *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, rapport_export_get_progress (export));
}

static void
folder_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_compat_launch_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not open the folder: %s", error->message);
}

static void
open_folder_clicked_cb (AdwToast   *toast,
                        const char *folder_uri)
{
  rapport_compat_launch_uri_async (NULL, folder_uri, NULL, folder_opened_cb, NULL);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (RapportExportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_steal_pointer (&self->file);
  guint n = 0;

  if (!rapport_export_run_finish (RAPPORT_EXPORT (source), result, &n, &error))
    {
      stop (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  {
    g_autoptr (GFile) parent = g_file_get_parent (file);
    g_autofree char *title = NULL;
    AdwToast *toast;

    /* Translators: a toast after an export; %'u is the number, with thousands separators */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %'u customer", "Exported %'u customers", n), n);
    toast = adw_toast_new (title);
    if (parent != NULL)
      {
        adw_toast_set_button_label (toast, _("Open _Folder"));
        g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_folder_clicked_cb),
                               g_file_get_uri (parent), (GClosureNotify) g_free, 0);
      }
    rapport_widget_add_toast (GTK_WIDGET (self), toast);
  }

  stop (self);
  gtk_window_close (GTK_WINDOW (self));
}

static void
file_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (RapportExportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = rapport_compat_choose_file_finish (result, &error);

  g_clear_object (&self->cancellable);
  update_actions (self);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  rapport_export_dialog_export_to (self, file);
}

static void
choose_file_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportExportDialog *self = RAPPORT_EXPORT_DIALOG (widget);
  g_autofree char *name = NULL;

  if (self->cancellable != NULL)
    return;

  /* Translators: the file name suggested for an export, without its extension */
  name = g_strconcat (_("customers"), ".", rapport_export_format_get_extension (selected_format (self)), NULL);
  self->cancellable = g_cancellable_new ();
  update_actions (self);
  rapport_compat_save_file_async (GTK_WINDOW (self), _("Export Customers"), name, self->cancellable,
                                  file_chosen_cb, g_object_ref (self));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportExportDialog *self = RAPPORT_EXPORT_DIALOG (widget);

  /* Cancel stops a running export; otherwise it closes. */
  if (self->export != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* GObject */

static void
rapport_export_dialog_dispose (GObject *object)
{
  RapportExportDialog *self = RAPPORT_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->export != NULL)
    g_signal_handlers_disconnect_by_data (self->export, self);
  g_clear_object (&self->export);
  g_clear_object (&self->file);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->session);
  g_clear_pointer (&self->shown_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_export_dialog_parent_class)->dispose (object);
}

static void
rapport_export_dialog_class_init (RapportExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_export_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action_cb);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, all_row);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, shown_row);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, all_check);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, shown_check);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
}

static void
rapport_export_dialog_init (RapportExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  format_changed_cb (self);
  update_actions (self);
}

/* Public API */

/**
 * rapport_export_dialog_new:
 * @parent: the window to show the dialog and its toast in
 * @session: an open session
 * @shown_ids: (nullable): the customers the list shows, when narrowed
 *
 * Returns: (transfer floating): a new dialog
 */
GtkWidget *
rapport_export_dialog_new (GtkWindow      *parent,
                           RapportSession *session,
                           GArray         *shown_ids)
{
  RapportExportDialog *self;
  RapportDatabase *db;
  g_autofree char *all = NULL;
  guint n_all;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  db = rapport_session_get_database (session);
  n_all = rapport_store_count_customers (db);

  /* Translators: which customers to export; %'u is their number, with thousands separators */
  all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %'u customer", "All %'u customers", n_all), n_all);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->all_row), all);
  /* The radio buttons' names are their rows' titles. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->all_check), GTK_ACCESSIBLE_PROPERTY_LABEL, all, -1);

  if (shown_ids != NULL)
    {
      g_autofree char *shown = NULL;

      self->shown_ids = g_array_ref (shown_ids);
      /* Translators: which customers to export: those the search and filters show */
      shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The %'u customer shown", "The %'u customers shown",
                                            shown_ids->len), shown_ids->len);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->shown_row), shown);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->shown_check), GTK_ACCESSIBLE_PROPERTY_LABEL, shown, -1);
      gtk_check_button_set_active (self->shown_check, TRUE);
    }
  else
    {
      /* Nothing narrows the list: all of them, said with their number. */
      gtk_widget_set_visible (GTK_WIDGET (self->shown_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->all_check), FALSE);
    }

  return GTK_WIDGET (self);
}

void
rapport_export_dialog_set_format (RapportExportDialog *self,
                                  RapportExportFormat  format)
{
  g_return_if_fail (RAPPORT_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->format_row, format);
}

void
rapport_export_dialog_set_encoding (RapportExportDialog *self,
                                    RapportEncoding      encoding)
{
  g_return_if_fail (RAPPORT_IS_EXPORT_DIALOG (self));
  g_return_if_fail (encoding == RAPPORT_ENCODING_UTF8 || encoding == RAPPORT_ENCODING_GB18030);

  adw_combo_row_set_selected (self->encoding_row, encoding == RAPPORT_ENCODING_GB18030 ? 1 : 0);
}

void
rapport_export_dialog_set_shown_only (RapportExportDialog *self,
                                      gboolean             shown_only)
{
  g_return_if_fail (RAPPORT_IS_EXPORT_DIALOG (self));

  gtk_check_button_set_active (shown_only && self->shown_ids != NULL ? self->shown_check : self->all_check, TRUE);
}

/**
 * rapport_export_dialog_export_to:
 * @file: where to write
 *
 * Starts the export with the options shown; the dialog closes when it is
 * done, with a toast in its parent.
 */
void
rapport_export_dialog_export_to (RapportExportDialog *self,
                                 GFile               *file)
{
  g_return_if_fail (RAPPORT_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->export == NULL);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (rapport_session_get_cancellable (self->session), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->cancellable, G_CONNECT_SWAPPED);

  self->export = rapport_export_new (self->session, selected_format (self));
  if (selected_format (self) == RAPPORT_EXPORT_FORMAT_CSV)
    rapport_export_set_encoding (self->export, adw_combo_row_get_selected (self->encoding_row) == 1 ?
                                 RAPPORT_ENCODING_GB18030 : RAPPORT_ENCODING_UTF8);
  if (self->shown_ids != NULL && gtk_check_button_get_active (self->shown_check))
    rapport_export_set_customer_ids (self->export, (const gint64 *) (gpointer) self->shown_ids->data,
                                     self->shown_ids->len);
  g_signal_connect (self->export, "notify::progress", G_CALLBACK (progress_changed_cb), self);

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);

  g_set_object (&self->file, file);
  rapport_export_run_async (self->export, file, self->cancellable, exported_cb, g_object_ref (self));
}

RapportExport *
rapport_export_dialog_get_export (RapportExportDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_EXPORT_DIALOG (self), NULL);

  return self->export;
}
