/* rapport-staff-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-staff-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-change-bus.h"
#include "rapport-staff-filter.h"
#include "rapport-staff-row-private.h"

struct _RapportStaffFilter
{
  GtkWidget parent_instance;

  /* children */
  GtkDropDown *drop_down;

  /* owned */
  RapportDatabase *db;
  GSignalGroup *bus_signals;
  GArray *ids;

  RapportStaffPickMode mode;
  gint64 user_id;
  gboolean refilling;
};

G_DEFINE_FINAL_TYPE (RapportStaffFilter, rapport_staff_filter, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_USER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
select_position (RapportStaffFilter *self,
                 guint               position)
{
  self->refilling = TRUE;
  gtk_drop_down_set_selected (self->drop_down, position);
  self->refilling = FALSE;
}

static void
refill (RapportStaffFilter *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) labels = NULL;
  g_autoptr (GArray) ids = NULL;
  gint64 everyone = RAPPORT_STAFF_FILTER_EVERYONE;
  guint position;

  if (!_rapport_staff_choices_read (self->db, self->mode, TRUE, -1, &labels, &ids, &error))
    {
      g_warning ("Could not list the staff: %s", error->message);
      return;
    }

  gtk_string_list_splice (labels, 0, 0, (const char * const[]) { _("Everyone"), NULL });
  g_array_prepend_val (ids, everyone);

  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&ids);

  self->refilling = TRUE;
  gtk_drop_down_set_model (self->drop_down, G_LIST_MODEL (labels));
  self->refilling = FALSE;

  position = _rapport_staff_choices_find (self->ids, self->user_id);
  if (position != G_MAXUINT)
    {
      select_position (self, position);
      return;
    }

  /* Only a user row gone from the file (a restore) gets here. */
  select_position (self, 0);
  self->user_id = RAPPORT_STAFF_FILTER_EVERYONE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

/* Callbacks */

static void
changes_cb (RapportStaffFilter *self,
            GArray             *changes)
{
  if (_rapport_staff_changes_concern_staff (changes))
    refill (self);
}

static void
selected_changed_cb (RapportStaffFilter *self)
{
  guint position;
  gint64 id;

  if (self->refilling || self->ids == NULL)
    return;

  position = gtk_drop_down_get_selected (self->drop_down);
  if (position >= self->ids->len)
    return;

  id = g_array_index (self->ids, gint64, position);
  if (id == self->user_id)
    return;

  self->user_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

/* GObject */

static void
rapport_staff_filter_dispose (GObject *object)
{
  RapportStaffFilter *self = RAPPORT_STAFF_FILTER (object);

  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_pointer ((GtkWidget **) &self->drop_down, gtk_widget_unparent);

  G_OBJECT_CLASS (rapport_staff_filter_parent_class)->dispose (object);
}

static void
rapport_staff_filter_finalize (GObject *object)
{
  RapportStaffFilter *self = RAPPORT_STAFF_FILTER (object);

  g_clear_object (&self->bus_signals);
  g_clear_object (&self->db);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (rapport_staff_filter_parent_class)->finalize (object);
}

static void
rapport_staff_filter_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportStaffFilter *self = RAPPORT_STAFF_FILTER (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_staff_filter_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportStaffFilter *self = RAPPORT_STAFF_FILTER (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      rapport_staff_filter_set_user_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_staff_filter_class_init (RapportStaffFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_staff_filter_dispose;
  object_class->finalize = rapport_staff_filter_finalize;
  object_class->get_property = rapport_staff_filter_get_property;
  object_class->set_property = rapport_staff_filter_set_property;

  properties[PROP_USER_ID] =
    g_param_spec_int64 ("user-id", NULL, NULL,
                        -1, G_MAXINT64, RAPPORT_STAFF_FILTER_EVERYONE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "staff-filter");
}

static void
rapport_staff_filter_init (RapportStaffFilter *self)
{
  self->user_id = RAPPORT_STAFF_FILTER_EVERYONE;

  self->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->drop_down), _("Show the customers of one owner"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Owner"),
                                  -1);
  gtk_widget_set_parent (GTK_WIDGET (self->drop_down), GTK_WIDGET (self));
  g_signal_connect_object (self->drop_down, "notify::selected",
                           G_CALLBACK (selected_changed_cb), self, G_CONNECT_SWAPPED);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);
}

/* Public API */

/**
 * rapport_staff_filter_new:
 * @db: the session's main connection
 * @mode: which ids the filter speaks in
 *
 * Returns: (transfer full): a new #RapportStaffFilter on "Everyone"
 */
GtkWidget *
rapport_staff_filter_new (RapportDatabase      *db,
                          RapportStaffPickMode  mode)
{
  RapportStaffFilter *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (mode == RAPPORT_STAFF_PICK_OWNER || mode == RAPPORT_STAFF_PICK_ASSIGNEE, NULL);

  self = g_object_new (RAPPORT_TYPE_STAFF_FILTER, NULL);
  self->db = g_object_ref (db);
  self->mode = mode;
  if (mode == RAPPORT_STAFF_PICK_ASSIGNEE)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->drop_down), _("Show the requests of one assignee"));
  g_signal_group_set_target (self->bus_signals, rapport_database_get_change_bus (db));
  refill (self);

  return GTK_WIDGET (self);
}

gint64
rapport_staff_filter_get_user_id (RapportStaffFilter *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_FILTER (self), RAPPORT_STAFF_FILTER_EVERYONE);

  return self->user_id;
}

/**
 * rapport_staff_filter_set_user_id:
 * @self: a #RapportStaffFilter
 * @user_id: %RAPPORT_STAFF_FILTER_EVERYONE or an id in the mode's terms
 *
 * An id that names no staff member shows everyone.
 */
void
rapport_staff_filter_set_user_id (RapportStaffFilter *self,
                                  gint64              user_id)
{
  guint position;

  g_return_if_fail (RAPPORT_IS_STAFF_FILTER (self));

  position = self->ids != NULL ? _rapport_staff_choices_find (self->ids, user_id) : G_MAXUINT;
  if (position == G_MAXUINT)
    {
      position = 0;
      user_id = RAPPORT_STAFF_FILTER_EVERYONE;
    }

  select_position (self, position);
  if (self->user_id == user_id)
    return;

  self->user_id = user_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}
