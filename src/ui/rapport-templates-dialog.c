/* rapport-templates-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-templates-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-store.h"
#include "rapport-template-dialog.h"
#include "rapport-ui-utils.h"

#include "rapport-templates-dialog.h"

struct _RapportTemplatesDialog
{
  AdwWindow        parent_instance;

  /* Built in init */
  GtkListBox      *list;

  /* Owned */
  RapportSession  *session;
  GSignalGroup    *bus_signals;
  GListModel      *templates;
};

G_DEFINE_FINAL_TYPE (RapportTemplatesDialog, rapport_templates_dialog, ADW_TYPE_WINDOW)

static RapportDatabase *
get_database (RapportTemplatesDialog *self)
{
  return rapport_session_get_database (self->session);
}

static RapportMessageTemplate *
find_template (RapportTemplatesDialog *self,
               gint64                  id)
{
  for (guint i = 0; self->templates != NULL && i < g_list_model_get_n_items (self->templates); i++)
    {
      g_autoptr (RapportMessageTemplate) template = g_list_model_get_item (self->templates, i);

      if (rapport_message_template_get_id (template) == id)
        return g_steal_pointer (&template);
    }

  return NULL;
}

static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *tooltip,
                 const char *action,
                 gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));

  return button;
}

static void
reload (RapportTemplatesDialog *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  g_clear_object (&self->templates);
  self->templates = rapport_store_list_templates (get_database (self), RAPPORT_STORE_ANY_CHANNEL, &error);
  if (self->templates == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (escaped));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (self->templates); i++)
    {
      g_autoptr (RapportMessageTemplate) template = g_list_model_get_item (self->templates, i);
      gint64 id = rapport_message_template_get_id (template);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_message_template_get_name (template));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   rapport_channel_get_label (rapport_message_template_get_channel (template)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_icon_button ("document-edit-symbolic", _("Edit"), "templates.edit", id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_icon_button ("user-trash-symbolic", _("Delete"), "templates.delete", id));
      gtk_list_box_append (self->list, row);
    }
}

static void
changes_cb (RapportTemplatesDialog *self,
            GArray                 *changes)
{
  for (guint i = 0; i < changes->len; i++)
    if (g_array_index (changes, RapportChange, i).kind == RAPPORT_ENTITY_KIND_TEMPLATE)
      {
        reload (self);
        return;
      }
}

static void
open_editor (RapportTemplatesDialog *self,
             RapportMessageTemplate *template)
{
  GtkWidget *dialog = rapport_template_dialog_new (GTK_WINDOW (self), self->session, template);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (RAPPORT_TEMPLATES_DIALOG (widget), NULL);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportTemplatesDialog *self = RAPPORT_TEMPLATES_DIALOG (widget);
  g_autoptr (RapportMessageTemplate) template = find_template (self, g_variant_get_int64 (parameter));

  if (template != NULL)
    open_editor (self, template);
}

static void
undo_clicked_cb (AdwToast               *toast,
                 RapportTemplatesDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "template-id"));

  if (!rapport_store_restore_template (get_database (self), id, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (escaped));
    }
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportTemplatesDialog *self = RAPPORT_TEMPLATES_DIALOG (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr (RapportMessageTemplate) template = find_template (self, id);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (template == NULL)
    return;

  if (!rapport_store_trash_template (get_database (self), id, &error))
    {
      escaped = g_markup_escape_text (error->message, -1);
      rapport_widget_add_toast (widget, adw_toast_new (escaped));
      return;
    }

  /* Translators: a toast; %s is the template's name */
  title = g_strdup_printf (_("“%s” moved to the Trash"), rapport_message_template_get_name (template));
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data (G_OBJECT (toast), "template-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  rapport_widget_add_toast (widget, toast);
}

static void
rapport_templates_dialog_dispose (GObject *object)
{
  RapportTemplatesDialog *self = RAPPORT_TEMPLATES_DIALOG (object);

  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);

  G_OBJECT_CLASS (rapport_templates_dialog_parent_class)->dispose (object);
}

static void
rapport_templates_dialog_finalize (GObject *object)
{
  RapportTemplatesDialog *self = RAPPORT_TEMPLATES_DIALOG (object);

  g_clear_object (&self->bus_signals);
  g_clear_object (&self->templates);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_templates_dialog_parent_class)->finalize (object);
}

static void
rapport_templates_dialog_class_init (RapportTemplatesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_templates_dialog_dispose;
  object_class->finalize = rapport_templates_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "templates.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "templates.edit", "x", edit_activated);
  gtk_widget_class_install_action (widget_class, "templates.delete", "x", delete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "templates.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_templates_dialog_init (RapportTemplatesDialog *self)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *placeholder = gtk_label_new (_("No templates yet"));

  gtk_window_set_title (GTK_WINDOW (self), _("Templates"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 560);

  gtk_widget_set_tooltip_text (add, _("Add Template"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "templates.add");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), add);
  gtk_box_append (GTK_BOX (box), header);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "rapport-placeholder");
  gtk_list_box_set_placeholder (self->list, placeholder);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Saved messages for mail and SMS, with placeholders such as {name} filled in for each recipient"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->list));

  gtk_widget_set_margin_top (group, 18);
  gtk_widget_set_margin_bottom (group, 18);
  gtk_widget_set_margin_start (group, 12);
  gtk_widget_set_margin_end (group, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), group);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  adw_window_set_content (ADW_WINDOW (self), overlay);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);
}

/**
 * rapport_templates_dialog_new:
 * @session: an open session
 *
 * Returns: (transfer none): a new window, not yet presented
 */
GtkWidget *
rapport_templates_dialog_new (RapportSession *session)
{
  RapportTemplatesDialog *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_TEMPLATES_DIALOG, NULL);
  self->session = g_object_ref (session);
  g_signal_group_set_target (self->bus_signals, rapport_database_get_change_bus (get_database (self)));
  reload (self);

  return GTK_WIDGET (self);
}
