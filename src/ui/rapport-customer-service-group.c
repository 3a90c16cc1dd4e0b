/* rapport-customer-service-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-service-group"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-service-request-dialog.h"
#include "rapport-service-ui.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"
#include "rapport-wall-timer.h"

#include "rapport-customer-service-group.h"

/* The due words are read again at least this often (seconds). */
#define DUE_REFRESH_MAX 900

struct _RapportCustomerServiceGroup
{
  AdwBin          parent_instance;

  /* Children, built in init */
  GtkWidget      *group;
  GtkListBox     *list;

  /* Borrowed: the session's main connection */
  RapportDatabase *db;

  /* Owned */
  RapportSession *session;
  GSignalGroup   *bus_signals;
  GListStore     *requests;
  gint64          customer_id;
  guint           refresh_id;
  guint           due_timer_id;
};

G_DEFINE_FINAL_TYPE (RapportCustomerServiceGroup, rapport_customer_service_group, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CUSTOMER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_due_times (RapportCustomerServiceGroup *self);

/* Helpers */

static void
reload (RapportCustomerServiceGroup *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) fresh = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->db == NULL || self->customer_id <= 0)
    {
      g_clear_handle_id (&self->due_timer_id, g_source_remove);
      g_list_store_remove_all (self->requests);
      return;
    }

  fresh = rapport_store_list_customer_service_requests (self->db, self->customer_id, &error);
  if (fresh == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (escaped));
      return;
    }

  rapport_list_store_sync (self->requests, fresh);
  show_due_times (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  RapportCustomerServiceGroup *self = user_data;

  self->refresh_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
update_actions (RapportCustomerServiceGroup *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "service.new-request",
                                 self->db != NULL && !rapport_database_is_read_only (self->db) &&
                                 self->customer_id > 0);
}

/* The words that change with time alone: the due time, overdue or not. */
static void
show_due (RapportCustomerServiceGroup *self,
          GtkWidget                   *row,
          RapportServiceRequest       *request)
{
  gint64 now = rapport_clock_now (rapport_session_get_clock (self->session));
  g_autofree char *subtitle = rapport_service_format_row_subtitle (request, now, FALSE, TRUE);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "overdue-icon"),
                          rapport_service_request_is_overdue (request, now));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RapportCustomerServiceGroup *self = user_data;
  RapportServiceRequest *request = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_service_request_get_summary (request));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             rapport_service_priority_badge_new (rapport_service_request_get_priority (request)));

  gtk_widget_add_css_class (icon, "rapport-overdue");
  gtk_widget_set_tooltip_text (icon, _("Overdue"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "overdue-icon", icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  show_due (self, row, request);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "service.open-request");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_int64 (rapport_service_request_get_id (request)));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "rapport-service-request");

  return row;
}

static gboolean due_timer_cb (RapportWallTimerReason reason,
                              gpointer               user_data);

/* Rows that did not change keep their widgets: their due words are brought
 * up to now, and one wake-up is armed for the next request falling due (or
 * a while later, for the words). */
static void
show_due_times (RapportCustomerServiceGroup *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));
  gint64 now, next;

  g_clear_handle_id (&self->due_timer_id, g_source_remove);
  if (n == 0 || self->session == NULL)
    return;

  now = rapport_clock_now (rapport_session_get_clock (self->session));
  next = now + DUE_REFRESH_MAX;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportServiceRequest) request = g_list_model_get_item (G_LIST_MODEL (self->requests), i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);
      gint64 due_at = rapport_service_request_get_due_at (request);

      if (row != NULL)
        show_due (self, GTK_WIDGET (row), request);
      if (rapport_service_request_is_open (request) && due_at > now)
        next = MIN (next, due_at);
    }

  /* The same span on the wall clock: a test's fixed clock never arms a
   * deadline already past. */
  self->due_timer_id = rapport_wall_timer_add (g_get_real_time () / G_USEC_PER_SEC + (next - now),
                                               due_timer_cb, self, NULL);
}

static gboolean
due_timer_cb (RapportWallTimerReason reason,
              gpointer               user_data)
{
  RapportCustomerServiceGroup *self = user_data;

  self->due_timer_id = 0;
  show_due_times (self);

  return G_SOURCE_REMOVE;
}

static GtkWindow *
get_parent_window (RapportCustomerServiceGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Callbacks and actions */

static void
changes_cb (RapportCustomerServiceGroup *self,
            GArray                      *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);
      gboolean names = change->kind == RAPPORT_ENTITY_KIND_USER;
      gboolean ours = change->kind == RAPPORT_ENTITY_KIND_SERVICE_REQUEST &&
                      rapport_change_concerns_customer (change, self->customer_id);

      if ((names || ours || change->change == RAPPORT_CHANGE_RELOADED) && self->refresh_id == 0)
        self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
    }
}

static void
new_request_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportCustomerServiceGroup *self = RAPPORT_CUSTOMER_SERVICE_GROUP (widget);

  if (self->session == NULL || self->customer_id <= 0)
    return;

  gtk_window_present (GTK_WINDOW (rapport_service_request_dialog_new (get_parent_window (self), self->session,
                                                                      self->customer_id, 0)));
}

static void
open_request_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportCustomerServiceGroup *self = RAPPORT_CUSTOMER_SERVICE_GROUP (widget);

  if (self->session == NULL || self->customer_id <= 0)
    return;

  gtk_window_present (GTK_WINDOW (rapport_service_request_dialog_new (get_parent_window (self), self->session,
                                                                      self->customer_id,
                                                                      g_variant_get_int64 (parameter))));
}

/* GObject */

static void
rapport_customer_service_group_dispose (GObject *object)
{
  RapportCustomerServiceGroup *self = RAPPORT_CUSTOMER_SERVICE_GROUP (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->due_timer_id, g_source_remove);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);
  g_clear_object (&self->session);
  self->db = NULL;

  G_OBJECT_CLASS (rapport_customer_service_group_parent_class)->dispose (object);
}

static void
rapport_customer_service_group_finalize (GObject *object)
{
  RapportCustomerServiceGroup *self = RAPPORT_CUSTOMER_SERVICE_GROUP (object);

  g_clear_object (&self->requests);

  G_OBJECT_CLASS (rapport_customer_service_group_parent_class)->finalize (object);
}

static void
rapport_customer_service_group_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  RapportCustomerServiceGroup *self = RAPPORT_CUSTOMER_SERVICE_GROUP (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_service_group_set_property (GObject      *object,
                                             guint         prop_id,
                                             const GValue *value,
                                             GParamSpec   *pspec)
{
  RapportCustomerServiceGroup *self = RAPPORT_CUSTOMER_SERVICE_GROUP (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_customer_service_group_set_session (self, g_value_get_object (value));
      break;

    case PROP_CUSTOMER_ID:
      rapport_customer_service_group_set_customer_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_service_group_class_init (RapportCustomerServiceGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_customer_service_group_dispose;
  object_class->finalize = rapport_customer_service_group_finalize;
  object_class->get_property = rapport_customer_service_group_get_property;
  object_class->set_property = rapport_customer_service_group_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "service.new-request", NULL, new_request_activated);
  gtk_widget_class_install_action (widget_class, "service.open-request", "x", open_request_activated);
}

static void
rapport_customer_service_group_init (RapportCustomerServiceGroup *self)
{
  GtkWidget *button;
  GtkWidget *placeholder;

  self->requests = g_list_store_new (RAPPORT_TYPE_SERVICE_REQUEST);

  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Service Requests"));
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (button, _("New Request"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Request"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "service.new-request");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->group), button);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  placeholder = gtk_label_new (_("No service requests"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->requests), create_row, self, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), GTK_WIDGET (self->list));
  adw_bin_set_child (ADW_BIN (self), self->group);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  update_actions (self);
}

/* Public API */

GtkWidget *
rapport_customer_service_group_new (void)
{
  return g_object_new (RAPPORT_TYPE_CUSTOMER_SERVICE_GROUP, NULL);
}

RapportSession *
rapport_customer_service_group_get_session (RapportCustomerServiceGroup *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_SERVICE_GROUP (self), NULL);

  return self->session;
}

/**
 * rapport_customer_service_group_set_session:
 * @session: (nullable): an open session
 */
void
rapport_customer_service_group_set_session (RapportCustomerServiceGroup *self,
                                            RapportSession              *session)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_SERVICE_GROUP (self));
  g_return_if_fail (session == NULL || RAPPORT_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  self->db = session != NULL ? rapport_session_get_database (session) : NULL;
  g_signal_group_set_target (self->bus_signals, self->db != NULL ? rapport_database_get_change_bus (self->db) : NULL);
  reload (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gint64
rapport_customer_service_group_get_customer_id (RapportCustomerServiceGroup *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_SERVICE_GROUP (self), 0);

  return self->customer_id;
}

void
rapport_customer_service_group_set_customer_id (RapportCustomerServiceGroup *self,
                                                gint64                       customer_id)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_SERVICE_GROUP (self));
  g_return_if_fail (customer_id >= 0);

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  /* Another customer's requests share no rows with this one's. */
  g_list_store_remove_all (self->requests);
  reload (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

/**
 * rapport_customer_service_group_get_model:
 *
 * Returns: (transfer none): the requests listed
 */
GListModel *
rapport_customer_service_group_get_model (RapportCustomerServiceGroup *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_SERVICE_GROUP (self), NULL);

  return G_LIST_MODEL (self->requests);
}
