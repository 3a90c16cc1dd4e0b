/* rapport-handover-history-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-handover-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-handover-dialog.h"
#include "rapport-handover-job.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"

#include "rapport-handover-history-dialog.h"

struct _RapportHandoverHistoryDialog
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

G_DEFINE_FINAL_TYPE (RapportHandoverHistoryDialog, rapport_handover_history_dialog, ADW_TYPE_WINDOW)

/* Helpers */

/* A toast of plain text (a toast's title is markup). */
static void
add_text_toast (RapportHandoverHistoryDialog *self,
                const char                   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  rapport_widget_add_toast (GTK_WIDGET (self->stack), adw_toast_new (escaped));
}

static const char *
rule_label (RapportHandoverRule rule)
{
  switch (rule)
    {
    case RAPPORT_HANDOVER_RULE_BY_TIER:
      return _("By Tier");
    case RAPPORT_HANDOVER_RULE_BY_REGION:
      return _("By Region");
    case RAPPORT_HANDOVER_RULE_ALL:
    default:
      return _("All to One Person");
    }
}

static GtkWidget *
new_record_row (const RapportHandoverRecord *record,
                gboolean                     can_undo)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = rapport_format_date_time (record->created_at);
  g_autofree char *counts = rapport_handover_format_counts (&record->counts);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: a handover in the history; %s is the person who handed over */
  title = g_strdup_printf (_("From %s"), record->from_name != NULL ? record->from_name : "");
  /* Translators: a handover in the history: its time, its rule ("By Tier"), then its counts */
  subtitle = g_strdup_printf (_("%s · %s\n%s"), when, rule_label (record->rule), counts);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (record->undone_at != 0)
    {
      GtkWidget *label = gtk_label_new (_("Undone"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else if (can_undo)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo"));
      g_autofree char *accessible = NULL;

      /* Translators: the Undo button of a handover in the history, for a screen reader */
      accessible = g_strdup_printf (_("Undo the handover from %s"), record->from_name != NULL ? record->from_name : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "history.undo");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", record->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
reload (RapportHandoverHistoryDialog *self)
{
  RapportDatabase *db = rapport_session_get_database (self->session);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  gboolean newest_live_seen = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  records = db != NULL ? rapport_store_list_handovers (db, &error) : NULL;
  if (records == NULL)
    {
      if (error != NULL)
        add_text_toast (self, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      const RapportHandoverRecord *record = g_ptr_array_index (records, i);
      gboolean live = record->undone_at == 0;
      /* Newest first: an older handover is undone only after the ones that
       * may have moved the same customers since. */
      GtkWidget *row = new_record_row (record, live && !newest_live_seen && !self->undoing &&
                                               !rapport_session_get_read_only (self->session));

      newest_live_seen |= live;
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_stack_set_visible_child_name (self->stack, records->len > 0 ? "list" : "empty");
}

/* Callbacks */

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (RapportHandoverHistoryDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  self->undoing = FALSE;
  if (!rapport_handover_undo_finish (RAPPORT_SESSION (source), result, NULL, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_text_toast (self, error->message);
    }
  else
    {
      add_text_toast (self, _("Handover undone"));
    }

  reload (self);
}

static void
undo_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  RapportHandoverHistoryDialog *self = RAPPORT_HANDOVER_HISTORY_DIALOG (user_data);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "handover-id"));

  if (g_strcmp0 (response, "undo") != 0 || self->undoing)
    return;

  self->undoing = TRUE;
  reload (self);
  rapport_handover_undo_async (self->session, id, self->cancellable, undone_cb, g_object_ref (self));
}

static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportHandoverHistoryDialog *self = RAPPORT_HANDOVER_HISTORY_DIALOG (widget);
  gint64 id = g_variant_get_int64 (parameter);
  GtkWidget *dialog;

  if (self->undoing || id <= 0)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Undo This Handover?"),
                                   _("Its customers and open work go back to the person who handed them over, except what was given to someone else since."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "undo", _("_Undo Handover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "handover-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (undo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
rapport_handover_history_dialog_dispose (GObject *object)
{
  RapportHandoverHistoryDialog *self = RAPPORT_HANDOVER_HISTORY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_HANDOVER_HISTORY_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_handover_history_dialog_parent_class)->dispose (object);
}

static void
rapport_handover_history_dialog_class_init (RapportHandoverHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_handover_history_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "history.undo", "x", undo_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-handover-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverHistoryDialog, group);
}

static void
rapport_handover_history_dialog_init (RapportHandoverHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

/* Public API */

/**
 * rapport_handover_history_dialog_new:
 * @parent: the window whose book it lists
 * @session: that window's open session
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
rapport_handover_history_dialog_new (GtkWindow      *parent,
                                     RapportSession *session)
{
  RapportHandoverHistoryDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  self = g_object_new (RAPPORT_TYPE_HANDOVER_HISTORY_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  reload (self);

  return GTK_WIDGET (self);
}
