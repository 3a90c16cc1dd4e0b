/* rapport-field-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-field-list"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-form-helpers.h"

#include "rapport-field-list.h"

struct _RapportFieldList
{
  AdwBin           parent_instance;

  GtkWidget       *group;
  GtkWidget       *add_button;

  char            *row_title;
  GtkInputPurpose  purpose;
  gboolean         reveal_all;
  /* Entry rows and their error rows, in pairs, in order. */
  GPtrArray       *rows;
  GPtrArray       *error_rows;
};

G_DEFINE_FINAL_TYPE (RapportFieldList, rapport_field_list, ADW_TYPE_BIN)

enum {
  CHANGED,
  FOCUS_LEFT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
remove_row_at (RapportFieldList *self,
               guint             index)
{
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->group),
                                g_ptr_array_index (self->rows, index));
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->group),
                                g_ptr_array_index (self->error_rows, index));
  g_ptr_array_remove_index (self->rows, index);
  g_ptr_array_remove_index (self->error_rows, index);
}

/* Callbacks */

static void
row_changed_cb (RapportFieldList *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
focus_left_cb (GtkEventControllerFocus *controller,
               RapportFieldList        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  /* A value's error shows once the user is done typing it. */
  g_object_set_data (G_OBJECT (row), "rapport-left", GINT_TO_POINTER (TRUE));
  g_signal_emit (self, signals[FOCUS_LEFT], 0);
}

static void
remove_clicked_cb (GtkButton        *button,
                   RapportFieldList *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);
  guint index;

  if (row == NULL || !g_ptr_array_find (self->rows, row, &index))
    return;

  remove_row_at (self, index);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_clicked_cb (RapportFieldList *self)
{
  GtkWidget *row = rapport_field_list_add_row (self, NULL);

  gtk_widget_grab_focus (row);
}

/* GObject */

static void
rapport_field_list_dispose (GObject *object)
{
  RapportFieldList *self = RAPPORT_FIELD_LIST (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->error_rows, g_ptr_array_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);

  G_OBJECT_CLASS (rapport_field_list_parent_class)->dispose (object);
}

static void
rapport_field_list_finalize (GObject *object)
{
  RapportFieldList *self = RAPPORT_FIELD_LIST (object);

  g_free (self->row_title);

  G_OBJECT_CLASS (rapport_field_list_parent_class)->finalize (object);
}

static void
rapport_field_list_class_init (RapportFieldListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_field_list_dispose;
  object_class->finalize = rapport_field_list_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FOCUS_LEFT] = g_signal_new ("focus-left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rapport_field_list_init (RapportFieldList *self)
{
  self->rows = g_ptr_array_new ();
  self->error_rows = g_ptr_array_new ();

  self->group = adw_preferences_group_new ();
  self->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->group), self->add_button);

  adw_bin_set_child (ADW_BIN (self), self->group);
}

/* Public API */

/**
 * rapport_field_list_new:
 * @title: the group's title ("Phones")
 * @row_title: each row's title ("Phone")
 * @purpose: the input purpose of the entries
 *
 * Returns: (transfer floating): a new #RapportFieldList with one empty row
 */
GtkWidget *
rapport_field_list_new (const char      *title,
                        const char      *row_title,
                        GtkInputPurpose  purpose)
{
  RapportFieldList *self = g_object_new (RAPPORT_TYPE_FIELD_LIST, NULL);
  g_autofree char *add_label = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), title);
  self->row_title = g_strdup (row_title);
  self->purpose = purpose;

  /* Translators: tooltip of the add button of a list, %s is a field such as "Phone" */
  add_label = g_strdup_printf (_("Add %s"), row_title);
  gtk_widget_set_tooltip_text (self->add_button, add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label,
                                  -1);

  rapport_field_list_add_row (self, NULL);

  return GTK_WIDGET (self);
}

/**
 * rapport_field_list_add_row:
 * @self: a #RapportFieldList
 * @text: (nullable): the row's text
 *
 * Returns: (transfer none): the new entry row
 */
GtkWidget *
rapport_field_list_add_row (RapportFieldList *self,
                            const char       *text)
{
  GtkWidget *row, *error_row, *remove;
  GtkEventController *focus;

  g_return_val_if_fail (RAPPORT_IS_FIELD_LIST (self), NULL);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->row_title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  if (text != NULL && *text != '\0')
    g_object_set_data (G_OBJECT (row), "rapport-left", GINT_TO_POINTER (TRUE));
  g_object_set (row, "input-purpose", self->purpose, NULL);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (row_changed_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (focus_left_cb), self);
  gtk_widget_add_controller (row, focus);

  error_row = rapport_error_row_new ();

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), error_row);
  g_ptr_array_add (self->rows, row);
  g_ptr_array_add (self->error_rows, error_row);

  return row;
}

/**
 * rapport_field_list_set_values:
 * @self: a #RapportFieldList
 * @values: (nullable): the values; an empty list leaves one empty row
 */
void
rapport_field_list_set_values (RapportFieldList   *self,
                               const char * const *values)
{
  g_return_if_fail (RAPPORT_IS_FIELD_LIST (self));

  while (self->rows->len > 0)
    remove_row_at (self, self->rows->len - 1);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    rapport_field_list_add_row (self, values[i]);

  if (self->rows->len == 0)
    rapport_field_list_add_row (self, NULL);

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * rapport_field_list_get_values:
 * @self: a #RapportFieldList
 *
 * Returns: (transfer full): each row's text, in order
 */
char **
rapport_field_list_get_values (RapportFieldList *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (RAPPORT_IS_FIELD_LIST (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    g_strv_builder_add (builder, gtk_editable_get_text (g_ptr_array_index (self->rows, i)));

  return g_strv_builder_end (builder);
}

/**
 * rapport_field_list_set_errors:
 * @self: a #RapportFieldList
 * @errors: (nullable) (element-type utf8): a message or %NULL per row
 */
void
rapport_field_list_set_errors (RapportFieldList *self,
                               GPtrArray        *errors)
{
  g_return_if_fail (RAPPORT_IS_FIELD_LIST (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      const char *message = NULL;

      if (errors != NULL && i < errors->len
          && (self->reveal_all || g_object_get_data (g_ptr_array_index (self->rows, i), "rapport-left")))
        message = g_ptr_array_index (errors, i);

      rapport_error_row_set (g_ptr_array_index (self->error_rows, i),
                             g_ptr_array_index (self->rows, i),
                             message);
    }
}

/**
 * rapport_field_list_get_row:
 * @self: a #RapportFieldList
 * @index: a row index
 *
 * Returns: (transfer none) (nullable): the entry row
 */
GtkWidget *
rapport_field_list_get_row (RapportFieldList *self,
                            guint             index)
{
  g_return_val_if_fail (RAPPORT_IS_FIELD_LIST (self), NULL);

  if (index >= self->rows->len)
    return NULL;

  return g_ptr_array_index (self->rows, index);
}

/**
 * rapport_field_list_reveal_errors:
 * @self: a #RapportFieldList
 *
 * Shows errors of values still being typed too (after a save attempt).
 */
void
rapport_field_list_reveal_errors (RapportFieldList *self)
{
  g_return_if_fail (RAPPORT_IS_FIELD_LIST (self));

  self->reveal_all = TRUE;
}

guint
rapport_field_list_get_n_rows (RapportFieldList *self)
{
  g_return_val_if_fail (RAPPORT_IS_FIELD_LIST (self), 0);

  return self->rows->len;
}
