/* rapport-trash-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-trash-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-enums.h"
#include "rapport-store.h"
#include "rapport-trash-item.h"
#include "rapport-trash-page.h"
#include "rapport-ui-utils.h"

struct _RapportTrashPage
{
  AdwBin           parent_instance;

  GtkButton       *back_button;
  GtkButton       *empty_button;
  GtkStack        *stack;
  GtkListBox      *list_box;
  GtkSpinner      *spinner;

  RapportSession  *session;
  RapportDatabase *db;             /* the session's */
  GSignalGroup    *bus_signals;
  GListModel      *items;
  GCancellable    *emptying;       /* while the Trash is emptied on a worker */
  guint            refresh_id;
  gboolean         dirty;
  gboolean         show_back_button;
};

G_DEFINE_FINAL_TYPE (RapportTrashPage, rapport_trash_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RapportTrashItem *trash_item = item;
  RapportEntityKind kind = rapport_trash_item_get_kind (trash_item);
  const char *title = rapport_trash_item_get_title (trash_item);
  const char *subtitle = rapport_trash_item_get_subtitle (trash_item);
  g_autofree char *deleted = rapport_format_date_time (rapport_trash_item_get_deleted_at (trash_item));
  g_autofree char *line = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *row;
  GtkWidget *button;

  if (subtitle != NULL && subtitle[0] != '\0')
    /* Translators: kind, details and when it was deleted, e.g. "Contact · Acme Trading · Deleted 2026-11-22 10:00" */
    line = g_strdup_printf (_("%s · %s · Deleted %s"), rapport_entity_kind_get_label (kind), subtitle, deleted);
  else
    /* Translators: kind and when it was deleted, e.g. "Customer · Deleted 2026-11-22 10:00" */
    line = g_strdup_printf (_("%s · Deleted %s"), rapport_entity_kind_get_label (kind), deleted);

  row = adw_action_row_new ();
  /* Titles are names users typed: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  button = gtk_button_new_with_mnemonic (_("_Restore"));
  tooltip = g_strdup_printf (_("Restore “%s”"), title != NULL ? title : "");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "trash.restore");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new ("(ix)", (gint32) kind, rapport_trash_item_get_id (trash_item)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
update_actions (RapportTrashPage *self)
{
  gboolean writable = self->db != NULL && !rapport_database_is_read_only (self->db) &&
                      self->emptying == NULL;
  gboolean has_items = self->items != NULL && g_list_model_get_n_items (self->items) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trash.empty", writable && has_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trash.restore", writable && has_items);
}

static gboolean
refresh_cb (gpointer user_data)
{
  RapportTrashPage *self = user_data;
  g_autoptr (GError) error = NULL;

  self->refresh_id = 0;
  self->dirty = FALSE;
  g_clear_object (&self->items);

  if (self->db != NULL)
    {
      self->items = rapport_store_list_trash (self->db, &error);
      if (self->items == NULL)
        g_warning ("Could not list the Trash: %s", error->message);
    }

  gtk_list_box_bind_model (self->list_box, self->items, create_row, NULL, NULL);
  if (self->emptying != NULL)
    gtk_stack_set_visible_child_name (self->stack, "emptying");
  else
    gtk_stack_set_visible_child_name (self->stack,
                                      self->items != NULL && g_list_model_get_n_items (self->items) > 0
                                      ? "list" : "empty");
  gtk_spinner_set_spinning (self->spinner, self->emptying != NULL);
  update_actions (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RapportTrashPage *self)
{
  /* Listing the Trash reads every table: only while the page is on screen. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }

  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

static void
show_error_toast (RapportTrashPage *self,
                  const GError     *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  rapport_widget_add_toast (GTK_WIDGET (self), toast);
}

/* Callbacks */

static void
changes_cb (RapportTrashPage *self,
            GArray           *changes)
{
  /* Whatever is trashed, restored or deleted for good changes the list; an
   * edit of a live row does not. */
  for (guint i = 0; i < changes->len; i++)
    {
      RapportChangeKind change = g_array_index (changes, RapportChange, i).change;

      if (change != RAPPORT_CHANGE_INSERTED && change != RAPPORT_CHANGE_UPDATED)
        {
          queue_refresh (self);
          return;
        }
    }
}

static void
empty_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (rapport_store_empty_trash (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
emptied_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (RapportTrashPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED))
    show_error_toast (self, error);

  g_clear_object (&self->emptying);
  if (self->db != NULL)
    rapport_change_bus_flush (rapport_database_get_change_bus (self->db));
  refresh_cb (self);
}

static void
empty_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   RapportTrashPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (GTask) task = NULL;

  if (g_strcmp0 (response, "empty") != 0 || self->session == NULL || self->emptying != NULL)
    return;

  /* A big Trash takes a while: a worker empties it in short transactions,
   * the book usable meanwhile. */
  worker = rapport_session_open_worker (self->session, &error);
  if (worker == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  self->emptying = g_cancellable_new ();
  g_signal_connect_object (rapport_session_get_cancellable (self->session), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->emptying, G_CONNECT_SWAPPED);
  task = g_task_new (NULL, self->emptying, emptied_cb, g_object_ref (self));
  g_task_set_source_tag (task, empty_response_cb);
  g_task_set_task_data (task, g_steal_pointer (&worker), g_object_unref);
  g_task_run_in_thread (task, empty_thread);

  refresh_cb (self);
}

static void
empty_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RapportTrashPage *self = RAPPORT_TRASH_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Empty Trash?"),
                                   _("Everything in the Trash will be deleted for good. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "empty", _("_Empty Trash"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "empty", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (empty_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportTrashPage *self = RAPPORT_TRASH_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *message = NULL;
  gint32 kind;
  gint64 id;

  if (self->db == NULL)
    return;

  g_variant_get (parameter, "(ix)", &kind, &id);

  for (guint i = 0; self->items != NULL && i < g_list_model_get_n_items (self->items); i++)
    {
      g_autoptr (RapportTrashItem) item = g_list_model_get_item (self->items, i);

      if ((gint32) rapport_trash_item_get_kind (item) == kind && rapport_trash_item_get_id (item) == id)
        title = g_strdup (rapport_trash_item_get_title (item));
    }

  if (!rapport_store_restore_trash_item (self->db, kind, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  /* Toast titles are markup; the name is data. */
  escaped = g_markup_escape_text (title != NULL ? title : "", -1);
  /* Translators: a toast after restoring from the Trash; %s is its name */
  message = g_strdup_printf (_("Restored “%s”"), escaped);
  rapport_widget_add_toast (widget, adw_toast_new (message));
  refresh_cb (self);
}

/* GtkWidget */

static void
rapport_trash_page_map (GtkWidget *widget)
{
  RapportTrashPage *self = RAPPORT_TRASH_PAGE (widget);

  GTK_WIDGET_CLASS (rapport_trash_page_parent_class)->map (widget);

  if (self->dirty)
    refresh_cb (self);
}

/* GObject */

static void
rapport_trash_page_dispose (GObject *object)
{
  RapportTrashPage *self = RAPPORT_TRASH_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->emptying != NULL)
    g_cancellable_cancel (self->emptying);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TRASH_PAGE);
  g_clear_object (&self->items);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);
  self->db = NULL;
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_trash_page_parent_class)->dispose (object);
}

static void
rapport_trash_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportTrashPage *self = RAPPORT_TRASH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_trash_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportTrashPage *self = RAPPORT_TRASH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_trash_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      rapport_trash_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_trash_page_class_init (RapportTrashPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_trash_page_dispose;
  object_class->get_property = rapport_trash_page_get_property;
  object_class->set_property = rapport_trash_page_set_property;

  widget_class->map = rapport_trash_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "trash.empty", NULL, empty_action_cb);
  gtk_widget_class_install_action (widget_class, "trash.restore", "(ix)", restore_action_cb);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-trash-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTrashPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTrashPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTrashPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportTrashPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, RapportTrashPage, spinner);
}

static void
rapport_trash_page_init (RapportTrashPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  update_actions (self);
}

/* Public API */

GtkWidget *
rapport_trash_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_TRASH_PAGE, NULL);
}

RapportSession *
rapport_trash_page_get_session (RapportTrashPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_PAGE (self), NULL);

  return self->session;
}

/**
 * rapport_trash_page_set_session:
 * @session: (nullable): an open session
 */
void
rapport_trash_page_set_session (RapportTrashPage *self,
                                RapportSession   *session)
{
  g_return_if_fail (RAPPORT_IS_TRASH_PAGE (self));
  g_return_if_fail (session == NULL || rapport_session_get_database (session) != NULL);

  if (self->session == session)
    return;

  if (self->emptying != NULL)
    g_cancellable_cancel (self->emptying);
  g_set_object (&self->session, session);
  self->db = session != NULL ? rapport_session_get_database (session) : NULL;
  g_signal_group_set_target (self->bus_signals,
                             self->db != NULL ? rapport_database_get_change_bus (self->db) : NULL);

  g_clear_object (&self->items);
  queue_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * rapport_trash_page_get_is_emptying:
 *
 * Returns: whether the Trash is being emptied on a worker
 */
gboolean
rapport_trash_page_get_is_emptying (RapportTrashPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_PAGE (self), FALSE);

  return self->emptying != NULL;
}

void
rapport_trash_page_set_show_back_button (RapportTrashPage *self,
                                         gboolean          show)
{
  g_return_if_fail (RAPPORT_IS_TRASH_PAGE (self));

  show = !!show;
  if (self->show_back_button == show)
    return;

  self->show_back_button = show;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

GListModel *
rapport_trash_page_get_items (RapportTrashPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_PAGE (self), NULL);

  return self->items;
}
