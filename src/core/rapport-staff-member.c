/* rapport-staff-member.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-staff-member"

#include "config.h"

#include "rapport-staff-member.h"

struct _RapportStaffMember
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *role;
  gint64 left_at;
  gboolean is_default;
};

G_DEFINE_FINAL_TYPE (RapportStaffMember, rapport_staff_member, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_LEFT_AT,
  PROP_IS_DEFAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_staff_member_finalize (GObject *object)
{
  RapportStaffMember *self = RAPPORT_STAFF_MEMBER (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (rapport_staff_member_parent_class)->finalize (object);
}

static void
rapport_staff_member_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportStaffMember *self = RAPPORT_STAFF_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_LEFT_AT:
      g_value_set_int64 (value, self->left_at);
      break;

    case PROP_IS_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_staff_member_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportStaffMember *self = RAPPORT_STAFF_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_staff_member_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      rapport_staff_member_set_name (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      rapport_staff_member_set_role (self, g_value_get_string (value));
      break;

    case PROP_LEFT_AT:
      rapport_staff_member_set_left_at (self, g_value_get_int64 (value));
      break;

    case PROP_IS_DEFAULT:
      rapport_staff_member_set_is_default (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_staff_member_class_init (RapportStaffMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_staff_member_finalize;
  object_class->get_property = rapport_staff_member_get_property;
  object_class->set_property = rapport_staff_member_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LEFT_AT] =
    g_param_spec_int64 ("left-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_DEFAULT] =
    g_param_spec_boolean ("is-default", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_staff_member_init (RapportStaffMember *self)
{
}

RapportStaffMember *
rapport_staff_member_new (void)
{
  return g_object_new (RAPPORT_TYPE_STAFF_MEMBER, NULL);
}

/**
 * rapport_staff_member_copy:
 * @self: a #RapportStaffMember
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportStaffMember *
rapport_staff_member_copy (RapportStaffMember *self)
{
  RapportStaffMember *copy;

  g_return_val_if_fail (RAPPORT_IS_STAFF_MEMBER (self), NULL);

  copy = rapport_staff_member_new ();
  copy->id = self->id;
  copy->name = g_strdup (self->name);
  copy->role = g_strdup (self->role);
  copy->left_at = self->left_at;
  copy->is_default = self->is_default;

  return copy;
}

gint64
rapport_staff_member_get_id (RapportStaffMember *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_MEMBER (self), 0);

  return self->id;
}

void
rapport_staff_member_set_id (RapportStaffMember *self,
                             gint64              id)
{
  g_return_if_fail (RAPPORT_IS_STAFF_MEMBER (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_staff_member_get_name (RapportStaffMember *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_MEMBER (self), NULL);

  return self->name;
}

void
rapport_staff_member_set_name (RapportStaffMember *self,
                               const char         *name)
{
  g_return_if_fail (RAPPORT_IS_STAFF_MEMBER (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
rapport_staff_member_get_role (RapportStaffMember *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_MEMBER (self), NULL);

  return self->role;
}

void
rapport_staff_member_set_role (RapportStaffMember *self,
                               const char         *role)
{
  g_return_if_fail (RAPPORT_IS_STAFF_MEMBER (self));

  if (role != NULL && role[0] == '\0')
    role = NULL;

  if (g_strcmp0 (self->role, role) == 0)
    return;

  g_free (self->role);
  self->role = g_strdup (role);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

gint64
rapport_staff_member_get_left_at (RapportStaffMember *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_MEMBER (self), 0);

  return self->left_at;
}

void
rapport_staff_member_set_left_at (RapportStaffMember *self,
                                  gint64              left_at)
{
  g_return_if_fail (RAPPORT_IS_STAFF_MEMBER (self));

  if (self->left_at == left_at)
    return;

  self->left_at = left_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEFT_AT]);
}

gboolean
rapport_staff_member_has_left (RapportStaffMember *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_MEMBER (self), FALSE);

  return self->left_at > 0;
}

gboolean
rapport_staff_member_get_is_default (RapportStaffMember *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_MEMBER (self), FALSE);

  return self->is_default;
}

void
rapport_staff_member_set_is_default (RapportStaffMember *self,
                                     gboolean            is_default)
{
  g_return_if_fail (RAPPORT_IS_STAFF_MEMBER (self));

  is_default = !!is_default;
  if (self->is_default == is_default)
    return;

  self->is_default = is_default;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEFAULT]);
}
