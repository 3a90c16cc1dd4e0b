/* rapport-template-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-template-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-editor-dialog.h"
#include "rapport-form-helpers.h"
#include "rapport-store.h"
#include "rapport-template.h"

#include "rapport-template-dialog.h"

struct _RapportTemplateDialog
{
  RapportEditorDialog     parent_instance;

  /* Built in init */
  GtkWidget              *name_row;
  GtkWidget              *name_error;
  GtkWidget              *channel_row;
  GtkWidget              *subject_row;
  GtkWidget              *subject_error;
  GtkTextView            *body_view;
  GtkWidget              *body_error;

  /* Owned */
  RapportMessageTemplate *template;     /* NULL for a new template */
  gboolean                name_touched;
  gboolean                valid;
};

G_DEFINE_FINAL_TYPE (RapportTemplateDialog, rapport_template_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

static gboolean
is_mail (RapportTemplateDialog *self)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (self->channel_row)) == RAPPORT_CHANNEL_MAIL;
}

static void
rapport_template_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportTemplateDialog *self = RAPPORT_TEMPLATE_DIALOG (dialog);
  g_autofree char *name = rapport_editable_dup_trimmed (GTK_EDITABLE (self->name_row));
  g_autofree char *body = rapport_text_view_get_text (self->body_view);
  g_autofree char *subject_problems = NULL;
  g_autofree char *body_problems = rapport_template_problems_text (body);
  gboolean mail = is_mail (self);

  if (mail)
    subject_problems = rapport_template_problems_text (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  gtk_widget_set_visible (self->subject_row, mail);

  rapport_error_row_set (self->name_error, self->name_row,
                         self->name_touched && name == NULL ? _("Give the template a name") : NULL);
  rapport_error_row_set (self->subject_error, self->subject_row, subject_problems);
  gtk_label_set_text (GTK_LABEL (self->body_error), body_problems != NULL ? body_problems : "");
  gtk_widget_set_visible (self->body_error, body_problems != NULL);

  self->valid = name != NULL && subject_problems == NULL && body_problems == NULL && g_strstrip (body)[0] != '\0';
  rapport_editor_dialog_set_save_enabled (dialog, self->valid);
}

static gboolean
rapport_template_dialog_save (RapportEditorDialog *dialog,
                              gint64              *out_id)
{
  RapportTemplateDialog *self = RAPPORT_TEMPLATE_DIALOG (dialog);
  RapportDatabase *db = rapport_editor_dialog_get_database (dialog);
  g_autoptr (RapportMessageTemplate) template = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = rapport_editable_dup_trimmed (GTK_EDITABLE (self->name_row));
  g_autofree char *subject = rapport_editable_dup_trimmed (GTK_EDITABLE (self->subject_row));
  g_autofree char *body = rapport_text_view_get_text (self->body_view);
  gboolean mail = is_mail (self);
  gboolean ok;

  self->name_touched = TRUE;
  rapport_editor_dialog_update_state (dialog);
  if (!self->valid)
    return FALSE;

  template = self->template != NULL ? rapport_message_template_copy (self->template) : rapport_message_template_new ();
  rapport_message_template_set_name (template, name);
  rapport_message_template_set_channel (template, mail ? RAPPORT_CHANNEL_MAIL : RAPPORT_CHANNEL_SMS);
  rapport_message_template_set_subject (template, mail ? subject : NULL);
  rapport_message_template_set_body (template, body);

  if (self->template != NULL)
    ok = rapport_store_update_template (db, template, &error);
  else
    ok = rapport_store_insert_template (db, template, &error);

  if (!ok)
    {
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  *out_id = rapport_message_template_get_id (template);
  return TRUE;
}

static void
name_changed_cb (RapportTemplateDialog *self)
{
  self->name_touched = TRUE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
rapport_template_dialog_finalize (GObject *object)
{
  RapportTemplateDialog *self = RAPPORT_TEMPLATE_DIALOG (object);

  g_clear_object (&self->template);

  G_OBJECT_CLASS (rapport_template_dialog_parent_class)->finalize (object);
}

static void
rapport_template_dialog_class_init (RapportTemplateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->finalize = rapport_template_dialog_finalize;

  dialog_class->update_state = rapport_template_dialog_update_state;
  dialog_class->save = rapport_template_dialog_save;
}

static void
rapport_template_dialog_init (RapportTemplateDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  const char *channels[] = { rapport_channel_get_label (RAPPORT_CHANNEL_MAIL),
                             rapport_channel_get_label (RAPPORT_CHANNEL_SMS), NULL };
  const char * const *keys = rapport_template_get_placeholders ();
  g_autoptr (GString) known = g_string_new (NULL);
  g_autofree char *hint = NULL;
  GtkWidget *group;
  GtkWidget *label;

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 600);

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->name_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Name"));
  self->name_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->channel_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Channel"), channels);
  self->subject_row = rapport_editor_dialog_add_entry_row (dialog, group, _("Su_bject"));
  self->subject_error = rapport_editor_dialog_add_error_row (dialog, group);

  group = rapport_text_view_group_new (_("Text"), &self->body_view);
  for (guint i = 0; keys[i] != NULL; i++)
    g_string_append_printf (known, "%s{%s}", i > 0 ? " " : "", keys[i]);
  /* Translators: %s lists the placeholders, "{name} {contact} …" */
  hint = g_strdup_printf (_("Placeholders: %s"), known->str);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), hint);
  self->body_error = label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_margin_top (label, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  rapport_editor_dialog_append (dialog, group);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->subject_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->channel_row, "notify::selected", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (rapport_editor_dialog_field_changed), self);
}

/**
 * rapport_template_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @session: an open session
 * @template_or_null: (nullable): the template to edit, %NULL for a new one
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rapport_template_dialog_new (GtkWindow              *parent,
                             RapportSession         *session,
                             RapportMessageTemplate *template_or_null)
{
  RapportTemplateDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (template_or_null == NULL || RAPPORT_IS_MESSAGE_TEMPLATE (template_or_null), NULL);

  self = g_object_new (RAPPORT_TYPE_TEMPLATE_DIALOG, "transient-for", parent, "session", session, NULL);
  if (template_or_null != NULL)
    {
      const char *body = rapport_message_template_get_body (template_or_null);
      const char *subject = rapport_message_template_get_subject (template_or_null);

      self->template = rapport_message_template_copy (template_or_null);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), rapport_message_template_get_name (template_or_null));
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->channel_row), rapport_message_template_get_channel (template_or_null));
      gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject != NULL ? subject : "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body != NULL ? body : "", -1);
    }
  self->name_touched = template_or_null != NULL;

  rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self),
                                   template_or_null != NULL ? _("Edit Template") : _("New Template"));
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  gtk_window_set_focus (GTK_WINDOW (self), self->name_row);

  return GTK_WIDGET (self);
}
