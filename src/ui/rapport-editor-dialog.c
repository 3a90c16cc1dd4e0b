/* rapport-editor-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-editor-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date-row.h"
#include "rapport-form-helpers.h"
#include "rapport-time-row.h"

#include "rapport-editor-dialog.h"

typedef struct
{
  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkWidget         *save_button;
  GtkRevealer       *banner_revealer;
  GtkLabel          *banner_label;
  GtkScrolledWindow *scrolled_window;
  GtkBox            *form_box;

  /* Owned */
  RapportSession    *session;
} RapportEditorDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RapportEditorDialog, rapport_editor_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Actions */

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportEditorDialog *self = RAPPORT_EDITOR_DIALOG (widget);
  RapportEditorDialogClass *klass = RAPPORT_EDITOR_DIALOG_GET_CLASS (self);
  gint64 id = 0;

  if (klass->save == NULL || !klass->save (self, &id))
    return;

  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
rapport_editor_dialog_dispose (GObject *object)
{
  RapportEditorDialog *self = RAPPORT_EDITOR_DIALOG (object);
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  /* The template is the window's content, which goes with the window; only
   * the pointers into it are cleared. Not gtk_widget_dispose_template():
   * GTK 4.8 looks the template up on the instance's class, a subclass
   * without a template of its own, and fails. */
  priv->window_title = NULL;
  priv->save_button = NULL;
  priv->banner_revealer = NULL;
  priv->banner_label = NULL;
  priv->scrolled_window = NULL;
  priv->form_box = NULL;

  G_OBJECT_CLASS (rapport_editor_dialog_parent_class)->dispose (object);
}

static void
rapport_editor_dialog_finalize (GObject *object)
{
  RapportEditorDialog *self = RAPPORT_EDITOR_DIALOG (object);
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  g_clear_object (&priv->session);

  G_OBJECT_CLASS (rapport_editor_dialog_parent_class)->finalize (object);
}

static void
rapport_editor_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportEditorDialog *self = RAPPORT_EDITOR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, rapport_editor_dialog_get_session (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_editor_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportEditorDialog *self = RAPPORT_EDITOR_DIALOG (object);
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_assert (priv->session == NULL);
      priv->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_editor_dialog_class_init (RapportEditorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_editor_dialog_dispose;
  object_class->finalize = rapport_editor_dialog_finalize;
  object_class->get_property = rapport_editor_dialog_get_property;
  object_class->set_property = rapport_editor_dialog_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         RAPPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportEditorDialog::saved:
   * @id: the saved row (customer, contact, interaction or order)
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-editor-dialog.ui");
  gtk_widget_class_bind_template_child_private (widget_class, RapportEditorDialog, window_title);
  gtk_widget_class_bind_template_child_private (widget_class, RapportEditorDialog, save_button);
  gtk_widget_class_bind_template_child_private (widget_class, RapportEditorDialog, banner_revealer);
  gtk_widget_class_bind_template_child_private (widget_class, RapportEditorDialog, banner_label);
  gtk_widget_class_bind_template_child_private (widget_class, RapportEditorDialog, scrolled_window);
  gtk_widget_class_bind_template_child_private (widget_class, RapportEditorDialog, form_box);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_editor_dialog_init (RapportEditorDialog *self)
{
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), priv->save_button);
}

/* Public API */

/**
 * rapport_editor_dialog_get_session:
 *
 * Returns: (transfer none): the session edited in
 */
RapportSession *
rapport_editor_dialog_get_session (RapportEditorDialog *self)
{
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), NULL);

  return priv->session;
}

/**
 * rapport_editor_dialog_get_database:
 *
 * Returns: (transfer none): the session's main connection
 */
RapportDatabase *
rapport_editor_dialog_get_database (RapportEditorDialog *self)
{
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), NULL);
  g_return_val_if_fail (priv->session != NULL, NULL);

  return rapport_session_get_database (priv->session);
}

/**
 * rapport_editor_dialog_set_title:
 * @title: what is edited ("New Customer")
 */
void
rapport_editor_dialog_set_title (RapportEditorDialog *self,
                                 const char          *title)
{
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_EDITOR_DIALOG (self));

  adw_window_title_set_title (priv->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/**
 * rapport_editor_dialog_append:
 * @widget: (transfer floating): a part of the form
 */
void
rapport_editor_dialog_append (RapportEditorDialog *self,
                              GtkWidget           *widget)
{
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_EDITOR_DIALOG (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (priv->form_box, widget);
}

/**
 * rapport_editor_dialog_add_group:
 * @title: (nullable): the group's title
 *
 * Returns: (transfer none): a new #AdwPreferencesGroup at the end of the form
 */
GtkWidget *
rapport_editor_dialog_add_group (RapportEditorDialog *self,
                                 const char          *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), NULL);

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  rapport_editor_dialog_append (self, group);

  return group;
}

static void
add_to_group (GtkWidget  *group,
              GtkWidget  *row,
              const char *title)
{
  if (title != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/**
 * rapport_editor_dialog_add_entry_row:
 * @group: a group of the form
 * @title: the field's title, with a mnemonic
 *
 * Returns: (transfer none): a new #AdwEntryRow; Enter in it saves
 */
GtkWidget *
rapport_editor_dialog_add_entry_row (RapportEditorDialog *self,
                                     GtkWidget           *group,
                                     const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  add_to_group (group, row, title);

  return row;
}

/**
 * rapport_editor_dialog_add_date_row:
 * @group: a group of the form
 * @title: the field's title, with a mnemonic
 *
 * Returns: (transfer none): a new #RapportDateRow; Enter in it saves
 */
GtkWidget *
rapport_editor_dialog_add_date_row (RapportEditorDialog *self,
                                    GtkWidget           *group,
                                    const char          *title)
{
  GtkWidget *row = rapport_date_row_new ();

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  add_to_group (group, row, title);

  return row;
}

/**
 * rapport_editor_dialog_add_time_row:
 * @group: a group of the form
 * @title: the field's title, with a mnemonic
 *
 * Returns: (transfer none): a new #RapportTimeRow; Enter in it saves
 */
GtkWidget *
rapport_editor_dialog_add_time_row (RapportEditorDialog *self,
                                    GtkWidget           *group,
                                    const char          *title)
{
  GtkWidget *row = rapport_time_row_new ();

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  add_to_group (group, row, title);

  return row;
}

/**
 * rapport_editor_dialog_add_error_row:
 * @group: a group of the form
 *
 * Returns: (transfer none): a hidden row from rapport_error_row_new()
 */
GtkWidget *
rapport_editor_dialog_add_error_row (RapportEditorDialog *self,
                                     GtkWidget           *group)
{
  GtkWidget *row = rapport_error_row_new ();

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  add_to_group (group, row, NULL);

  return row;
}

/**
 * rapport_editor_dialog_add_combo_row:
 * @group: a group of the form
 * @title: the field's title, with a mnemonic
 * @labels: (nullable) (array zero-terminated=1): the choices
 *
 * Returns: (transfer none): a new #AdwComboRow
 */
GtkWidget *
rapport_editor_dialog_add_combo_row (RapportEditorDialog *self,
                                     GtkWidget           *group,
                                     const char          *title,
                                     const char * const  *labels)
{
  GtkWidget *row = adw_combo_row_new ();

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  if (labels != NULL)
    {
      g_autoptr (GtkStringList) model = gtk_string_list_new (labels);

      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
    }
  add_to_group (group, row, title);

  return row;
}

/**
 * rapport_editor_dialog_add_switch_row:
 * @group: a group of the form
 * @title: the row's title, with a mnemonic
 *
 * Returns: (transfer none): the #GtkSwitch of a new row that toggles it
 */
GtkWidget *
rapport_editor_dialog_add_switch_row (RapportEditorDialog *self,
                                      GtkWidget           *group,
                                      const char          *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  add_to_group (group, row, title);

  return toggle;
}

/**
 * rapport_editor_dialog_add_do_not_contact_rows:
 * @group: a group of the form
 * @out_switch: (out): the #GtkSwitch
 * @out_reason_row: (out): the reason's entry row
 */
void
rapport_editor_dialog_add_do_not_contact_rows (RapportEditorDialog *self,
                                               GtkWidget           *group,
                                               GtkWidget          **out_switch,
                                               GtkWidget          **out_reason_row)
{
  GtkWidget *toggle;
  GtkWidget *reason;

  g_return_if_fail (RAPPORT_IS_EDITOR_DIALOG (self));
  g_return_if_fail (out_switch != NULL && out_reason_row != NULL);

  toggle = rapport_editor_dialog_add_switch_row (self, group, _("_Do Not Contact"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (toggle, ADW_TYPE_ACTION_ROW)),
                               _("Bulk sends and greetings skip them"));
  reason = rapport_editor_dialog_add_entry_row (self, group, _("_Reason"));
  g_object_bind_property (toggle, "active", reason, "sensitive", G_BINDING_SYNC_CREATE);

  *out_switch = toggle;
  *out_reason_row = reason;
}

/**
 * rapport_editor_dialog_update_state:
 *
 * Shows the form's state again through the update_state vfunc.
 */
void
rapport_editor_dialog_update_state (RapportEditorDialog *self)
{
  RapportEditorDialogClass *klass;

  g_return_if_fail (RAPPORT_IS_EDITOR_DIALOG (self));

  /* Focus also leaves the fields, and rows go, while the dialog closes. */
  if (rapport_editor_dialog_is_closing (self))
    return;

  klass = RAPPORT_EDITOR_DIALOG_GET_CLASS (self);
  if (klass->update_state != NULL)
    klass->update_state (self);
}

/**
 * rapport_editor_dialog_field_changed:
 *
 * For a field's "changed" signal (connected swapped): hides the banner and
 * shows the state again.
 */
void
rapport_editor_dialog_field_changed (RapportEditorDialog *self)
{
  g_return_if_fail (RAPPORT_IS_EDITOR_DIALOG (self));

  if (rapport_editor_dialog_is_closing (self))
    return;

  rapport_editor_dialog_show_banner (self, NULL);
  rapport_editor_dialog_update_state (self);
}

/**
 * rapport_editor_dialog_watch_leave:
 * @row: a field of the form
 *
 * A field's error shows once the user has left it: this marks @row when the
 * focus leaves it (see rapport_field_get_left()) and shows the state again.
 */
void
rapport_editor_dialog_watch_leave (RapportEditorDialog *self,
                                   GtkWidget           *row)
{
  g_return_if_fail (RAPPORT_IS_EDITOR_DIALOG (self));
  g_return_if_fail (GTK_IS_WIDGET (row));

  rapport_field_watch_leave (row, G_CALLBACK (rapport_editor_dialog_update_state), self);
}

/**
 * rapport_editor_dialog_show_banner:
 * @message: (nullable): what went wrong, or %NULL to hide the banner
 */
void
rapport_editor_dialog_show_banner (RapportEditorDialog *self,
                                   const char          *message)
{
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_EDITOR_DIALOG (self));

  if (rapport_editor_dialog_is_closing (self))
    return;

  gtk_label_set_text (priv->banner_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (priv->banner_revealer, message != NULL);
}

/**
 * rapport_editor_dialog_get_banner:
 *
 * Returns: (nullable): the banner's message, %NULL when it is hidden
 */
const char *
rapport_editor_dialog_get_banner (RapportEditorDialog *self)
{
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), NULL);

  if (priv->banner_revealer == NULL || !gtk_revealer_get_reveal_child (priv->banner_revealer))
    return NULL;

  return gtk_label_get_text (priv->banner_label);
}

void
rapport_editor_dialog_set_save_enabled (RapportEditorDialog *self,
                                        gboolean             enabled)
{
  g_return_if_fail (RAPPORT_IS_EDITOR_DIALOG (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", enabled);
}

/**
 * rapport_editor_dialog_set_save_label:
 * @label: the Save button's label, with a mnemonic
 */
void
rapport_editor_dialog_set_save_label (RapportEditorDialog *self,
                                      const char          *label)
{
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_EDITOR_DIALOG (self));
  g_return_if_fail (label != NULL);

  gtk_button_set_label (GTK_BUTTON (priv->save_button), label);
}

/**
 * rapport_editor_dialog_scroll_to_top:
 *
 * Brings the start of the form (where the duplicates show) into view.
 */
void
rapport_editor_dialog_scroll_to_top (RapportEditorDialog *self)
{
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_EDITOR_DIALOG (self));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (priv->scrolled_window), 0.0);
}

gboolean
rapport_editor_dialog_is_closing (RapportEditorDialog *self)
{
  RapportEditorDialogPrivate *priv = rapport_editor_dialog_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_EDITOR_DIALOG (self), TRUE);

  return gtk_widget_in_destruction (GTK_WIDGET (self)) || priv->save_button == NULL;
}
