/* rapport-follow-up.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-follow-up"

#include "config.h"

#include "rapport-follow-up.h"

struct _RapportFollowUp
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 customer_id;
  char *customer_name;
  gint64 contact_id;
  gint64 assignee_id;
  char *title;
  char *note;
  char *due_local;
  char *time_zone;
  gint64 due_at;
  gint remind_before;
  gint64 remind_at;
  gint64 snoozed_until;
  gint64 notified_at;
  RapportRepeatUnit repeat_unit;
  guint repeat_every;
  gint64 done_at;
  gint64 revision;
  gint64 created_at;
  gint64 updated_at;
  gint64 deleted_at;
};

G_DEFINE_FINAL_TYPE (RapportFollowUp, rapport_follow_up, G_TYPE_OBJECT)

/* RapportRepeatUnit is plain C in rapport-due-time.h (core rules stay free of
 * GObject); the property carries it as an int. */
enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_CONTACT_ID,
  PROP_ASSIGNEE_ID,
  PROP_TITLE,
  PROP_NOTE,
  PROP_DUE_LOCAL,
  PROP_TIME_ZONE,
  PROP_DUE_AT,
  PROP_REMIND_BEFORE,
  PROP_REMIND_AT,
  PROP_SNOOZED_UNTIL,
  PROP_NOTIFIED_AT,
  PROP_REPEAT_UNIT,
  PROP_REPEAT_EVERY,
  PROP_DONE_AT,
  PROP_REVISION,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_follow_up_finalize (GObject *object)
{
  RapportFollowUp *self = RAPPORT_FOLLOW_UP (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->due_local, g_free);
  g_clear_pointer (&self->time_zone, g_free);

  G_OBJECT_CLASS (rapport_follow_up_parent_class)->finalize (object);
}

static void
rapport_follow_up_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RapportFollowUp *self = RAPPORT_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;

    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;

    case PROP_ASSIGNEE_ID:
      g_value_set_int64 (value, self->assignee_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_DUE_LOCAL:
      g_value_set_string (value, self->due_local);
      break;

    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;

    case PROP_DUE_AT:
      g_value_set_int64 (value, self->due_at);
      break;

    case PROP_REMIND_BEFORE:
      g_value_set_int (value, self->remind_before);
      break;

    case PROP_REMIND_AT:
      g_value_set_int64 (value, self->remind_at);
      break;

    case PROP_SNOOZED_UNTIL:
      g_value_set_int64 (value, self->snoozed_until);
      break;

    case PROP_NOTIFIED_AT:
      g_value_set_int64 (value, self->notified_at);
      break;

    case PROP_REPEAT_UNIT:
      g_value_set_int (value, self->repeat_unit);
      break;

    case PROP_REPEAT_EVERY:
      g_value_set_uint (value, self->repeat_every);
      break;

    case PROP_DONE_AT:
      g_value_set_int64 (value, self->done_at);
      break;

    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_DELETED_AT:
      g_value_set_int64 (value, self->deleted_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_follow_up_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RapportFollowUp *self = RAPPORT_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_follow_up_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_follow_up_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      rapport_follow_up_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_NAME:
      rapport_follow_up_set_customer_name (self, g_value_get_string (value));
      break;

    case PROP_CONTACT_ID:
      rapport_follow_up_set_contact_id (self, g_value_get_int64 (value));
      break;

    case PROP_ASSIGNEE_ID:
      rapport_follow_up_set_assignee_id (self, g_value_get_int64 (value));
      break;

    case PROP_TITLE:
      rapport_follow_up_set_title (self, g_value_get_string (value));
      break;

    case PROP_NOTE:
      rapport_follow_up_set_note (self, g_value_get_string (value));
      break;

    case PROP_DUE_LOCAL:
      rapport_follow_up_set_due_local (self, g_value_get_string (value));
      break;

    case PROP_TIME_ZONE:
      rapport_follow_up_set_time_zone (self, g_value_get_string (value));
      break;

    case PROP_DUE_AT:
      rapport_follow_up_set_due_at (self, g_value_get_int64 (value));
      break;

    case PROP_REMIND_BEFORE:
      rapport_follow_up_set_remind_before (self, g_value_get_int (value));
      break;

    case PROP_REMIND_AT:
      rapport_follow_up_set_remind_at (self, g_value_get_int64 (value));
      break;

    case PROP_SNOOZED_UNTIL:
      rapport_follow_up_set_snoozed_until (self, g_value_get_int64 (value));
      break;

    case PROP_NOTIFIED_AT:
      rapport_follow_up_set_notified_at (self, g_value_get_int64 (value));
      break;

    case PROP_REPEAT_UNIT:
      rapport_follow_up_set_repeat_unit (self, g_value_get_int (value));
      break;

    case PROP_REPEAT_EVERY:
      rapport_follow_up_set_repeat_every (self, g_value_get_uint (value));
      break;

    case PROP_DONE_AT:
      rapport_follow_up_set_done_at (self, g_value_get_int64 (value));
      break;

    case PROP_REVISION:
      rapport_follow_up_set_revision (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      rapport_follow_up_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_follow_up_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      rapport_follow_up_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_follow_up_class_init (RapportFollowUpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_follow_up_finalize;
  object_class->get_property = rapport_follow_up_get_property;
  object_class->set_property = rapport_follow_up_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ASSIGNEE_ID] =
    g_param_spec_int64 ("assignee-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DUE_LOCAL] =
    g_param_spec_string ("due-local", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DUE_AT] =
    g_param_spec_int64 ("due-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_REMIND_BEFORE] =
    g_param_spec_int ("remind-before", NULL, NULL,
                      RAPPORT_FOLLOW_UP_NO_REMINDER, G_MAXINT, RAPPORT_FOLLOW_UP_NO_REMINDER,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_REMIND_AT] =
    g_param_spec_int64 ("remind-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SNOOZED_UNTIL] =
    g_param_spec_int64 ("snoozed-until", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NOTIFIED_AT] =
    g_param_spec_int64 ("notified-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_REPEAT_UNIT] =
    g_param_spec_int ("repeat-unit", NULL, NULL,
                      RAPPORT_REPEAT_NONE, RAPPORT_REPEAT_MONTHS, RAPPORT_REPEAT_NONE,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_REPEAT_EVERY] =
    g_param_spec_uint ("repeat-every", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DONE_AT] =
    g_param_spec_int64 ("done-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DELETED_AT] =
    g_param_spec_int64 ("deleted-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_follow_up_init (RapportFollowUp *self)
{
  self->remind_before = RAPPORT_FOLLOW_UP_NO_REMINDER;
  self->repeat_unit = RAPPORT_REPEAT_NONE;
}

/**
 * rapport_follow_up_new:
 *
 * Returns: (transfer full): a new, empty #RapportFollowUp
 */
RapportFollowUp *
rapport_follow_up_new (void)
{
  return g_object_new (RAPPORT_TYPE_FOLLOW_UP, NULL);
}

/**
 * rapport_follow_up_copy:
 * @self: a #RapportFollowUp
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportFollowUp *
rapport_follow_up_copy (RapportFollowUp *self)
{
  RapportFollowUp *copy;

  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), NULL);

  copy = rapport_follow_up_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->customer_id = self->customer_id;
  copy->customer_name = g_strdup (self->customer_name);
  copy->contact_id = self->contact_id;
  copy->assignee_id = self->assignee_id;
  copy->title = g_strdup (self->title);
  copy->note = g_strdup (self->note);
  copy->due_local = g_strdup (self->due_local);
  copy->time_zone = g_strdup (self->time_zone);
  copy->due_at = self->due_at;
  copy->remind_before = self->remind_before;
  copy->remind_at = self->remind_at;
  copy->snoozed_until = self->snoozed_until;
  copy->notified_at = self->notified_at;
  copy->repeat_unit = self->repeat_unit;
  copy->repeat_every = self->repeat_every;
  copy->done_at = self->done_at;
  copy->revision = self->revision;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->deleted_at = self->deleted_at;

  return copy;
}

gint64
rapport_follow_up_get_id (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->id;
}

void
rapport_follow_up_set_id (RapportFollowUp *self,
                          gint64           id)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_follow_up_get_uuid (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), NULL);

  return self->uuid;
}

void
rapport_follow_up_set_uuid (RapportFollowUp *self,
                            const char      *uuid)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
rapport_follow_up_get_customer_id (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->customer_id;
}

void
rapport_follow_up_set_customer_id (RapportFollowUp *self,
                                   gint64           customer_id)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
rapport_follow_up_get_customer_name (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), NULL);

  return self->customer_name;
}

void
rapport_follow_up_set_customer_name (RapportFollowUp *self,
                                     const char      *customer_name)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (g_strcmp0 (self->customer_name, customer_name) == 0)
    return;

  g_free (self->customer_name);
  self->customer_name = g_strdup (customer_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}

gint64
rapport_follow_up_get_contact_id (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->contact_id;
}

void
rapport_follow_up_set_contact_id (RapportFollowUp *self,
                                  gint64           contact_id)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->contact_id == contact_id)
    return;

  self->contact_id = contact_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

gint64
rapport_follow_up_get_assignee_id (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->assignee_id;
}

void
rapport_follow_up_set_assignee_id (RapportFollowUp *self,
                                   gint64           assignee_id)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));
  g_return_if_fail (assignee_id >= 0);

  if (self->assignee_id == assignee_id)
    return;

  self->assignee_id = assignee_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNEE_ID]);
}

const char *
rapport_follow_up_get_title (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), NULL);

  return self->title;
}

void
rapport_follow_up_set_title (RapportFollowUp *self,
                             const char      *title)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
rapport_follow_up_get_note (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), NULL);

  return self->note;
}

void
rapport_follow_up_set_note (RapportFollowUp *self,
                            const char      *note)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

const char *
rapport_follow_up_get_due_local (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), NULL);

  return self->due_local;
}

void
rapport_follow_up_set_due_local (RapportFollowUp *self,
                                 const char      *due_local)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (g_strcmp0 (self->due_local, due_local) == 0)
    return;

  g_free (self->due_local);
  self->due_local = g_strdup (due_local);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_LOCAL]);
}

const char *
rapport_follow_up_get_time_zone (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), NULL);

  return self->time_zone;
}

void
rapport_follow_up_set_time_zone (RapportFollowUp *self,
                                 const char      *time_zone)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (g_strcmp0 (self->time_zone, time_zone) == 0)
    return;

  g_free (self->time_zone);
  self->time_zone = g_strdup (time_zone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

gint64
rapport_follow_up_get_due_at (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->due_at;
}

void
rapport_follow_up_set_due_at (RapportFollowUp *self,
                              gint64           due_at)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->due_at == due_at)
    return;

  self->due_at = due_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_AT]);
}

gint
rapport_follow_up_get_remind_before (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), RAPPORT_FOLLOW_UP_NO_REMINDER);

  return self->remind_before;
}

void
rapport_follow_up_set_remind_before (RapportFollowUp *self,
                                     gint             minutes)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->remind_before == minutes)
    return;

  self->remind_before = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMIND_BEFORE]);
}

gint64
rapport_follow_up_get_remind_at (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->remind_at;
}

void
rapport_follow_up_set_remind_at (RapportFollowUp *self,
                                 gint64           remind_at)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->remind_at == remind_at)
    return;

  self->remind_at = remind_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMIND_AT]);
}

gint64
rapport_follow_up_get_snoozed_until (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->snoozed_until;
}

void
rapport_follow_up_set_snoozed_until (RapportFollowUp *self,
                                     gint64           snoozed_until)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->snoozed_until == snoozed_until)
    return;

  self->snoozed_until = snoozed_until;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNOOZED_UNTIL]);
}

gint64
rapport_follow_up_get_notified_at (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->notified_at;
}

void
rapport_follow_up_set_notified_at (RapportFollowUp *self,
                                   gint64           notified_at)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->notified_at == notified_at)
    return;

  self->notified_at = notified_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFIED_AT]);
}

RapportRepeatUnit
rapport_follow_up_get_repeat_unit (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), RAPPORT_REPEAT_NONE);

  return self->repeat_unit;
}

void
rapport_follow_up_set_repeat_unit (RapportFollowUp *self,
                                   RapportRepeatUnit unit)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->repeat_unit == unit)
    return;

  self->repeat_unit = unit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPEAT_UNIT]);
}

guint
rapport_follow_up_get_repeat_every (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->repeat_every;
}

void
rapport_follow_up_set_repeat_every (RapportFollowUp *self,
                                    guint            every)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->repeat_every == every)
    return;

  self->repeat_every = every;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPEAT_EVERY]);
}

gint64
rapport_follow_up_get_done_at (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->done_at;
}

void
rapport_follow_up_set_done_at (RapportFollowUp *self,
                               gint64           done_at)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->done_at == done_at)
    return;

  self->done_at = done_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE_AT]);
}

gint64
rapport_follow_up_get_revision (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->revision;
}

void
rapport_follow_up_set_revision (RapportFollowUp *self,
                                gint64           revision)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->revision == revision)
    return;

  self->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

gint64
rapport_follow_up_get_created_at (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->created_at;
}

void
rapport_follow_up_set_created_at (RapportFollowUp *self,
                                  gint64           created_at)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_follow_up_get_updated_at (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->updated_at;
}

void
rapport_follow_up_set_updated_at (RapportFollowUp *self,
                                  gint64           updated_at)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
rapport_follow_up_get_deleted_at (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), 0);

  return self->deleted_at;
}

void
rapport_follow_up_set_deleted_at (RapportFollowUp *self,
                                  gint64           deleted_at)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}

gboolean
rapport_follow_up_is_done (RapportFollowUp *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (self), FALSE);

  return self->done_at != 0;
}
