/* rapport-message-dialog.c
 *
 * The store checks the recipient (an address or a phone number as the
 * channel wants) and the text when saving; what it refuses shows in the
 * banner. The form only asks that nothing is left empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-message-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-form-helpers.h"
#include "rapport-store.h"

#include "rapport-message-dialog.h"

struct _RapportMessageDialog
{
  RapportEditorDialog  parent_instance;

  /* Built in init */
  GtkWidget           *recipient_row;
  GtkWidget           *recipient_error;
  GtkWidget           *subject_row;
  GtkWidget           *subject_error;
  GtkWidget           *body_error;
  GtkTextView         *body_view;

  /* Owned */
  RapportMessage      *message;
};

G_DEFINE_FINAL_TYPE (RapportMessageDialog, rapport_message_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

static gboolean
is_mail (RapportMessageDialog *self)
{
  return self->message != NULL && rapport_message_get_channel (self->message) == RAPPORT_CHANNEL_MAIL;
}

static void
rapport_message_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportMessageDialog *self = RAPPORT_MESSAGE_DIALOG (dialog);
  g_autofree char *recipient = rapport_editable_dup_trimmed (GTK_EDITABLE (self->recipient_row));
  g_autofree char *subject = rapport_editable_dup_trimmed (GTK_EDITABLE (self->subject_row));
  g_autofree char *body = rapport_text_view_get_text (self->body_view);
  gboolean body_empty = g_strstrip (body)[0] == '\0';
  gboolean subject_missing = is_mail (self) && subject == NULL;

  rapport_error_row_set (self->recipient_error, self->recipient_row,
                         recipient == NULL
                         ? (is_mail (self) ? _("Enter an e-mail address") : _("Enter a phone number"))
                         : NULL);
  rapport_error_row_set (self->subject_error, self->subject_row, subject_missing ? _("Enter a subject") : NULL);
  gtk_widget_set_visible (self->body_error, body_empty);

  rapport_editor_dialog_set_save_enabled (dialog, recipient != NULL && !subject_missing && !body_empty);
}

static gboolean
rapport_message_dialog_save (RapportEditorDialog *dialog,
                             gint64              *out_id)
{
  RapportMessageDialog *self = RAPPORT_MESSAGE_DIALOG (dialog);
  g_autoptr (RapportMessage) message = rapport_message_copy (self->message);
  g_autofree char *recipient = rapport_editable_dup_trimmed (GTK_EDITABLE (self->recipient_row));
  g_autofree char *subject = rapport_editable_dup_trimmed (GTK_EDITABLE (self->subject_row));
  g_autofree char *body = rapport_text_view_get_text (self->body_view);
  g_autoptr (GError) error = NULL;

  rapport_message_set_recipient (message, recipient);
  rapport_message_set_subject (message, is_mail (self) ? subject : NULL);
  rapport_message_set_body (message, body);

  if (!rapport_store_update_message (rapport_editor_dialog_get_database (dialog), message, &error))
    {
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  *out_id = rapport_message_get_id (message);
  return TRUE;
}

static void
rapport_message_dialog_finalize (GObject *object)
{
  RapportMessageDialog *self = RAPPORT_MESSAGE_DIALOG (object);

  g_clear_object (&self->message);

  G_OBJECT_CLASS (rapport_message_dialog_parent_class)->finalize (object);
}

static void
rapport_message_dialog_class_init (RapportMessageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->finalize = rapport_message_dialog_finalize;

  dialog_class->update_state = rapport_message_dialog_update_state;
  dialog_class->save = rapport_message_dialog_save;
}

static void
rapport_message_dialog_init (RapportMessageDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  GtkWidget *group;
  GtkWidget *body_group;
  GtkWidget *label;

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);
  rapport_editor_dialog_set_title (dialog, _("Edit Message"));

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->recipient_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_To"));
  self->recipient_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->subject_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Subject"));
  self->subject_error = rapport_editor_dialog_add_error_row (dialog, group);

  body_group = rapport_text_view_group_new (_("Text"), &self->body_view);
  rapport_editor_dialog_append (dialog, body_group);
  label = gtk_label_new (_("Enter the text of the message"));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (body_group), label);
  self->body_error = label;

  g_signal_connect_swapped (self->recipient_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->subject_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (rapport_editor_dialog_field_changed), self);
}

/**
 * rapport_message_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @session: an open session
 * @message: the message to edit (copied)
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rapport_message_dialog_new (GtkWindow      *parent,
                            RapportSession *session,
                            RapportMessage *message)
{
  RapportMessageDialog *self;
  const char *subject;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (message), NULL);

  self = g_object_new (RAPPORT_TYPE_MESSAGE_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
  self->message = rapport_message_copy (message);
  subject = rapport_message_get_subject (message);

  gtk_editable_set_text (GTK_EDITABLE (self->recipient_row), rapport_message_get_recipient (message));
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject != NULL ? subject : "");
  gtk_widget_set_visible (self->subject_row, is_mail (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            rapport_message_get_body (message) != NULL ? rapport_message_get_body (message) : "", -1);

  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  gtk_window_set_focus (GTK_WINDOW (self), self->recipient_row);

  return GTK_WIDGET (self);
}
