/* rapport-staff-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-staff-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-change-bus.h"
#include "rapport-staff-row-private.h"
#include "rapport-store.h"

struct _RapportStaffRow
{
  AdwComboRow parent_instance;

  /* borrowed */
  RapportDatabase *db;

  /* owned */
  GSignalGroup *bus_signals;
  GArray *ids;

  RapportStaffPickMode mode;
  gint64 user_id;
  /* The value given to the row when it names someone who left: kept in the
   * list, so it can be chosen again. -1 when none. */
  gint64 kept_id;
  gboolean refilling;
};

G_DEFINE_FINAL_TYPE (RapportStaffRow, rapport_staff_row, ADW_TYPE_COMBO_ROW)

enum
{
  PROP_0,
  PROP_USER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shared choices */

gboolean
_rapport_staff_choices_read (RapportDatabase       *db,
                             RapportStaffPickMode   mode,
                             gboolean               include_left,
                             gint64                 keep_id,
                             GtkStringList        **out_labels,
                             GArray               **out_ids,
                             GError               **error)
{
  g_autoptr (GListModel) staff = NULL;
  g_autoptr (GtkStringList) labels = NULL;
  g_autoptr (GArray) ids = NULL;
  guint n;

  staff = rapport_store_list_staff (db, TRUE, error);
  if (staff == NULL)
    return FALSE;

  labels = gtk_string_list_new (NULL);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (mode == RAPPORT_STAFF_PICK_ASSIGNEE)
    {
      gint64 unassigned = 0;

      gtk_string_list_append (labels, _("Unassigned"));
      g_array_append_val (ids, unassigned);
    }

  n = g_list_model_get_n_items (staff);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportStaffMember) member = g_list_model_get_item (staff, i);
      gint64 id = rapport_staff_member_get_id (member);

      if (mode == RAPPORT_STAFF_PICK_OWNER && rapport_staff_member_get_is_default (member))
        id = 0;

      if (rapport_staff_member_has_left (member))
        {
          g_autofree char *label = NULL;

          if (!include_left && id != keep_id)
            continue;

          /* Translators: a staff member who no longer works here, in an owner list */
          label = g_strdup_printf (C_("staff", "%s (left)"), rapport_staff_member_get_name (member));
          gtk_string_list_append (labels, label);
        }
      else
        {
          gtk_string_list_append (labels, rapport_staff_member_get_name (member));
        }

      g_array_append_val (ids, id);
    }

  *out_labels = g_steal_pointer (&labels);
  *out_ids = g_steal_pointer (&ids);
  return TRUE;
}

guint
_rapport_staff_choices_find (GArray *ids,
                             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}

gboolean
_rapport_staff_changes_concern_staff (GArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      /* A restore replaces every row, the staff's too. */
      if (change->kind == RAPPORT_ENTITY_KIND_USER ||
          (change->change == RAPPORT_CHANGE_RELOADED && change->kind == RAPPORT_ENTITY_KIND_CUSTOMER &&
           change->customer_id == 0))
        return TRUE;
    }

  return FALSE;
}

/* Helpers */

static gint64
start_value (RapportStaffRow *self)
{
  /* "Me" in OWNER mode, "Unassigned" in ASSIGNEE mode: both read 0. */
  return 0;
}

/* The id in the mode's terms for what a caller gave: the default user's
 * real id is "Me" (0) in OWNER mode. */
static gint64
normalize_id (RapportStaffRow *self,
              gint64           user_id)
{
  g_autoptr (GError) error = NULL;

  if (self->mode == RAPPORT_STAFF_PICK_OWNER && user_id > 0 &&
      user_id == rapport_store_get_default_user_id (self->db, &error))
    return 0;

  return user_id;
}

static void
refill (RapportStaffRow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) labels = NULL;
  g_autoptr (GArray) ids = NULL;
  guint position;

  if (!_rapport_staff_choices_read (self->db, self->mode, FALSE, self->kept_id, &labels, &ids, &error))
    {
      g_warning ("Could not list the staff: %s", error->message);
      return;
    }

  position = _rapport_staff_choices_find (ids, self->user_id);
  if (position == G_MAXUINT)
    {
      /* The chosen one left meanwhile: keep them shown, marked. */
      self->kept_id = self->user_id;
      g_clear_pointer (&labels, g_object_unref);
      g_clear_pointer (&ids, g_array_unref);
      if (!_rapport_staff_choices_read (self->db, self->mode, FALSE, self->kept_id, &labels, &ids, &error))
        {
          g_warning ("Could not list the staff: %s", error->message);
          return;
        }
      position = _rapport_staff_choices_find (ids, self->user_id);
    }

  self->refilling = TRUE;
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&ids);
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), position != G_MAXUINT ? position : 0);
  self->refilling = FALSE;

  if (position == G_MAXUINT)
    {
      self->user_id = start_value (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
    }
}

/* Callbacks */

static void
changes_cb (RapportStaffRow *self,
            GArray          *changes)
{
  if (_rapport_staff_changes_concern_staff (changes))
    refill (self);
}

static void
selected_changed_cb (RapportStaffRow *self)
{
  guint position;
  gint64 id;

  if (self->refilling || self->ids == NULL)
    return;

  position = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
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
rapport_staff_row_dispose (GObject *object)
{
  RapportStaffRow *self = RAPPORT_STAFF_ROW (object);

  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);

  G_OBJECT_CLASS (rapport_staff_row_parent_class)->dispose (object);
}

static void
rapport_staff_row_finalize (GObject *object)
{
  RapportStaffRow *self = RAPPORT_STAFF_ROW (object);

  g_clear_object (&self->bus_signals);
  g_clear_object (&self->db);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (rapport_staff_row_parent_class)->finalize (object);
}

static void
rapport_staff_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RapportStaffRow *self = RAPPORT_STAFF_ROW (object);

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
rapport_staff_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RapportStaffRow *self = RAPPORT_STAFF_ROW (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      rapport_staff_row_set_user_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_staff_row_class_init (RapportStaffRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_staff_row_dispose;
  object_class->finalize = rapport_staff_row_finalize;
  object_class->get_property = rapport_staff_row_get_property;
  object_class->set_property = rapport_staff_row_set_property;

  properties[PROP_USER_ID] =
    g_param_spec_int64 ("user-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_staff_row_init (RapportStaffRow *self)
{
  self->kept_id = -1;

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  g_signal_connect (self, "notify::selected", G_CALLBACK (selected_changed_cb), NULL);
}

/* Public API */

/**
 * rapport_staff_row_new:
 * @db: the session's main connection
 * @mode: which ids the row speaks in
 *
 * Returns: (transfer full): a new #RapportStaffRow on "Me" (OWNER) or
 *   "Unassigned" (ASSIGNEE)
 */
GtkWidget *
rapport_staff_row_new (RapportDatabase      *db,
                       RapportStaffPickMode  mode)
{
  RapportStaffRow *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (mode == RAPPORT_STAFF_PICK_OWNER || mode == RAPPORT_STAFF_PICK_ASSIGNEE, NULL);

  self = g_object_new (RAPPORT_TYPE_STAFF_ROW, NULL);
  self->db = g_object_ref (db);
  self->mode = mode;
  self->user_id = start_value (self);
  g_signal_group_set_target (self->bus_signals, rapport_database_get_change_bus (db));
  refill (self);

  return GTK_WIDGET (self);
}

RapportStaffPickMode
rapport_staff_row_get_mode (RapportStaffRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_ROW (self), RAPPORT_STAFF_PICK_OWNER);

  return self->mode;
}

gint64
rapport_staff_row_get_user_id (RapportStaffRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_ROW (self), 0);

  return self->user_id;
}

/**
 * rapport_staff_row_set_user_id:
 * @self: a #RapportStaffRow
 * @user_id: an id in the row's mode's terms
 *
 * Shows @user_id; someone who left stays offered (marked) from then on, so
 * the value can be kept. An id that names no staff member gives the start
 * value.
 */
void
rapport_staff_row_set_user_id (RapportStaffRow *self,
                               gint64           user_id)
{
  g_return_if_fail (RAPPORT_IS_STAFF_ROW (self));
  g_return_if_fail (user_id >= 0);

  user_id = normalize_id (self, user_id);
  if (self->ids != NULL && user_id == self->user_id &&
      _rapport_staff_choices_find (self->ids, user_id) != G_MAXUINT)
    return;

  self->user_id = user_id;
  if (self->ids == NULL || _rapport_staff_choices_find (self->ids, user_id) == G_MAXUINT)
    {
      self->kept_id = user_id;
      refill (self);
    }
  else
    {
      self->refilling = TRUE;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self), _rapport_staff_choices_find (self->ids, user_id));
      self->refilling = FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}
