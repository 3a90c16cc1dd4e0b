/* rapport-form-helpers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-form-helpers"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-store.h"
#include "rapport-template.h"

#include "rapport-form-helpers.h"

/**
 * rapport_error_row_new:
 *
 * Returns: (transfer floating): a hidden row for a field's error message
 */
GtkWidget *
rapport_error_row_new (void)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "field-error");
  gtk_widget_set_visible (row, FALSE);

  return row;
}

/**
 * rapport_error_row_set:
 * @error_row: a row from rapport_error_row_new()
 * @field_row: (nullable): the row the message is about
 * @message: (nullable): the message, or %NULL to hide it
 */
void
rapport_error_row_set (GtkWidget  *error_row,
                       GtkWidget  *field_row,
                       const char *message)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_LIST_BOX_ROW (error_row));

  label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));
  gtk_label_set_text (GTK_LABEL (label), message != NULL ? message : "");
  gtk_widget_set_visible (error_row, message != NULL);

  if (field_row == NULL)
    return;

  if (message != NULL)
    gtk_widget_add_css_class (field_row, "error");
  else
    gtk_widget_remove_css_class (field_row, "error");
}

/**
 * rapport_error_row_get_message:
 * @error_row: a row from rapport_error_row_new()
 *
 * Returns: (nullable): the message shown, %NULL when hidden
 */
const char *
rapport_error_row_get_message (GtkWidget *error_row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (error_row), NULL);

  if (!gtk_widget_get_visible (error_row))
    return NULL;

  return gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row))));
}

static void
field_left_cb (GtkEventControllerFocus *controller,
               gpointer                 user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  g_object_set_data (G_OBJECT (row), "rapport-left", GINT_TO_POINTER (TRUE));
}

/**
 * rapport_field_watch_leave:
 * @row: an entry row
 * @callback: (nullable): called when the focus leaves, as `void cb (gpointer user_data)`
 * @user_data: its data
 */
void
rapport_field_watch_leave (GtkWidget *row,
                           GCallback  callback,
                           gpointer   user_data)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_return_if_fail (GTK_IS_WIDGET (row));

  g_signal_connect (focus, "leave", G_CALLBACK (field_left_cb), NULL);
  if (callback != NULL)
    g_signal_connect_swapped (focus, "leave", callback, user_data);
  gtk_widget_add_controller (row, focus);
}

/**
 * rapport_field_get_left:
 * @row: an entry row given to rapport_field_watch_leave()
 *
 * Returns: whether the focus has left @row since it was created
 */
gboolean
rapport_field_get_left (GtkWidget *row)
{
  g_return_val_if_fail (GTK_IS_WIDGET (row), FALSE);

  return g_object_get_data (G_OBJECT (row), "rapport-left") != NULL;
}

/**
 * rapport_text_view_get_text:
 * @view: a text view
 *
 * Returns: (transfer full): all of its text
 */
char *
rapport_text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * rapport_text_view_group_new:
 * @title: the group's title
 * @out_view: (out) (transfer none): the text view
 *
 * Returns: (transfer floating): the group
 */
GtkWidget *
rapport_text_view_group_new (const char   *title,
                             GtkTextView **out_view)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *view = gtk_text_view_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_widget_add_css_class (view, "card");
  gtk_widget_add_css_class (view, "rapport-notes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), view);
  *out_view = GTK_TEXT_VIEW (view);

  return group;
}

/**
 * rapport_editable_dup_trimmed:
 * @editable: an entry or entry row
 *
 * Returns: (transfer full) (nullable): its text without surrounding space, or
 *   %NULL when that leaves nothing
 */
char *
rapport_editable_dup_trimmed (GtkEditable *editable)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

gboolean
rapport_contact_row_load (AdwComboRow      *row,
                          RapportDatabase  *db,
                          gint64            customer_id,
                          gint64            contact_id,
                          GArray           *contact_ids,
                          GError          **error)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GListModel) contacts = NULL;
  guint selected = 0;
  gint64 none = 0;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), FALSE);
  g_return_val_if_fail (contact_ids != NULL, FALSE);

  g_array_set_size (contact_ids, 0);
  gtk_string_list_append (labels, _("No Contact"));
  g_array_append_val (contact_ids, none);

  contacts = rapport_store_list_contacts (db, customer_id, error);
  for (guint i = 0; contacts != NULL && i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr (RapportContact) contact = g_list_model_get_item (contacts, i);
      gint64 id = rapport_contact_get_id (contact);

      gtk_string_list_append (labels, rapport_contact_get_name (contact));
      g_array_append_val (contact_ids, id);
      if (contact_id >= 0 ? id == contact_id : rapport_contact_get_is_primary (contact) && selected == 0)
        selected = contact_ids->len - 1;
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (row, selected);

  return contacts != NULL;
}

void
rapport_do_not_contact_rows_load (GtkWidget  *toggle,
                                  GtkWidget  *reason_row,
                                  gboolean    do_not_contact,
                                  const char *reason)
{
  g_return_if_fail (GTK_IS_SWITCH (toggle));
  g_return_if_fail (GTK_IS_EDITABLE (reason_row));

  gtk_switch_set_active (GTK_SWITCH (toggle), do_not_contact);
  gtk_editable_set_text (GTK_EDITABLE (reason_row), reason != NULL ? reason : "");
}

void
rapport_do_not_contact_rows_apply (GtkWidget  *toggle,
                                   GtkWidget  *reason_row,
                                   gboolean   *out_do_not_contact,
                                   char      **out_reason)
{
  g_return_if_fail (GTK_IS_SWITCH (toggle));
  g_return_if_fail (GTK_IS_EDITABLE (reason_row));
  g_return_if_fail (out_do_not_contact != NULL && out_reason != NULL);

  *out_do_not_contact = gtk_switch_get_active (GTK_SWITCH (toggle));
  *out_reason = *out_do_not_contact ? rapport_editable_dup_trimmed (GTK_EDITABLE (reason_row)) : NULL;
}

char *
rapport_template_problems_text (const char *text)
{
  g_autoptr (GPtrArray) problems = rapport_template_check (text);
  g_autoptr (GPtrArray) messages = g_ptr_array_new ();

  if (problems->len == 0)
    return NULL;

  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (messages, ((RapportTemplateProblem *) g_ptr_array_index (problems, i))->message);
  g_ptr_array_add (messages, NULL);

  return g_strjoinv ("\n", (char **) messages->pdata);
}
