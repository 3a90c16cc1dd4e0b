/* rapport-import-history-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-import-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-import-job.h"
#include "rapport-import-store.h"
#include "rapport-ui-utils.h"

#include "rapport-import-history-dialog.h"

struct _RapportImportHistoryDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwPreferencesGroup  *group;

  /* Owned */
  RapportSession       *session;
  GPtrArray            *rows;         /* the rows added to the group */
  GCancellable         *cancellable;
  gboolean              undoing;
};

G_DEFINE_FINAL_TYPE (RapportImportHistoryDialog, rapport_import_history_dialog, ADW_TYPE_WINDOW)

/* Helpers */

/* A toast of plain text (a toast's title is markup). */
static void
add_text_toast (RapportImportHistoryDialog *self,
                const char                 *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  rapport_widget_add_toast (GTK_WIDGET (self->stack), adw_toast_new (escaped));
}

static char *
dup_counts (RapportImportRun *run)
{
  guint n_created = rapport_import_run_get_n_created (run);
  guint n_merged = rapport_import_run_get_n_merged (run);
  guint n_skipped = rapport_import_run_get_n_skipped (run);
  g_autofree char *created = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new customer", "%u new customers",
                                                           n_created),
                                              n_created);
  g_autofree char *merged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u merged", "%u merged", n_merged),
                                             n_merged);
  g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row skipped", "%u rows skipped",
                                                           n_skipped),
                                              n_skipped);

  /* Translators: an import's counts, "12 new customers, 3 merged, 2 rows skipped" */
  return g_strdup_printf (_("%s, %s, %s"), created, merged, skipped);
}

static GtkWidget *
new_run_row (RapportImportRun *run,
             gboolean          can_undo)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = rapport_format_date_time (rapport_import_run_get_imported_at (run));
  g_autofree char *counts = dup_counts (run);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", when, counts);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_import_run_get_file_name (run));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (rapport_import_run_get_undone_at (run) != 0)
    {
      GtkWidget *label = gtk_label_new (_("Undone"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else if (can_undo)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo"));
      g_autofree char *accessible = NULL;

      /* Translators: the Undo button of an import in the history, for a screen reader */
      accessible = g_strdup_printf (_("Undo the import of %s"), rapport_import_run_get_file_name (run));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "history.undo");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", rapport_import_run_get_id (run));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
reload (RapportImportHistoryDialog *self)
{
  RapportDatabase *db = rapport_session_get_database (self->session);
  g_autoptr (GListModel) runs = NULL;
  g_autoptr (GError) error = NULL;
  gboolean newest_live_seen = FALSE;
  guint n;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  runs = db != NULL ? rapport_store_list_imports (db, &error) : NULL;
  if (runs == NULL)
    {
      if (error != NULL)
        add_text_toast (self, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  n = g_list_model_get_n_items (runs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportImportRun) run = g_list_model_get_item (runs, i);
      gboolean live = rapport_import_run_get_undone_at (run) == 0;
      /* Newest first: an older import is undone only after the ones that may
       * have merged into the same customers since. */
      GtkWidget *row = new_run_row (run, live && !newest_live_seen && !self->undoing &&
                                         !rapport_session_get_read_only (self->session));

      newest_live_seen |= live;
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

/* Callbacks */

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (RapportImportHistoryDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  self->undoing = FALSE;
  if (!rapport_import_undo_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_text_toast (self, error->message);
    }
  else
    {
      add_text_toast (self, _("Import undone"));
    }

  reload (self);
}

static void
undo_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  RapportImportHistoryDialog *self = RAPPORT_IMPORT_HISTORY_DIALOG (user_data);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "import-id"));

  if (g_strcmp0 (response, "undo") != 0 || self->undoing)
    return;

  self->undoing = TRUE;
  reload (self);
  rapport_import_undo_async (self->session, id, self->cancellable, undone_cb, g_object_ref (self));
}

static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportImportHistoryDialog *self = RAPPORT_IMPORT_HISTORY_DIALOG (widget);
  gint64 id = g_variant_get_int64 (parameter);
  GtkWidget *dialog;

  if (self->undoing || id <= 0)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Undo This Import?"),
                                   _("The customers it created are deleted, and the customers it merged into are restored as they were before it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "undo", _("_Undo Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "import-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (undo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
rapport_import_history_dialog_dispose (GObject *object)
{
  RapportImportHistoryDialog *self = RAPPORT_IMPORT_HISTORY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_IMPORT_HISTORY_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_import_history_dialog_parent_class)->dispose (object);
}

static void
rapport_import_history_dialog_class_init (RapportImportHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_import_history_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "history.undo", "x", undo_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-import-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportImportHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportImportHistoryDialog, group);
}

static void
rapport_import_history_dialog_init (RapportImportHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

/* Public API */

/**
 * rapport_import_history_dialog_new:
 * @parent: the window whose book it lists
 * @session: that window's open session
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
rapport_import_history_dialog_new (GtkWindow      *parent,
                                   RapportSession *session)
{
  RapportImportHistoryDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  self = g_object_new (RAPPORT_TYPE_IMPORT_HISTORY_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  reload (self);

  return GTK_WIDGET (self);
}
