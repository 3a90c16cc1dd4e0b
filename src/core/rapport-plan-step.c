/* rapport-plan-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-plan-step"

#include "config.h"

#include "rapport-plan-step.h"

struct _RapportPlanStep
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 opportunity_id;
  gint position;
  char *what;
  char *due_on;
  gint64 assignee_id;
  gint64 done_at;
  char *result;
  gint64 follow_up_id;
  gint64 created_at;
  gint64 updated_at;
};

G_DEFINE_FINAL_TYPE (RapportPlanStep, rapport_plan_step, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_OPPORTUNITY_ID,
  PROP_POSITION,
  PROP_WHAT,
  PROP_DUE_ON,
  PROP_ASSIGNEE_ID,
  PROP_DONE_AT,
  PROP_RESULT,
  PROP_FOLLOW_UP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_plan_step_finalize (GObject *object)
{
  RapportPlanStep *self = RAPPORT_PLAN_STEP (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->what, g_free);
  g_clear_pointer (&self->due_on, g_free);
  g_clear_pointer (&self->result, g_free);

  G_OBJECT_CLASS (rapport_plan_step_parent_class)->finalize (object);
}

static void
rapport_plan_step_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportPlanStep *self = RAPPORT_PLAN_STEP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_OPPORTUNITY_ID:
      g_value_set_int64 (value, self->opportunity_id);
      break;

    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;

    case PROP_WHAT:
      g_value_set_string (value, self->what);
      break;

    case PROP_DUE_ON:
      g_value_set_string (value, self->due_on);
      break;

    case PROP_ASSIGNEE_ID:
      g_value_set_int64 (value, self->assignee_id);
      break;

    case PROP_DONE_AT:
      g_value_set_int64 (value, self->done_at);
      break;

    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;

    case PROP_FOLLOW_UP_ID:
      g_value_set_int64 (value, self->follow_up_id);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_plan_step_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RapportPlanStep *self = RAPPORT_PLAN_STEP (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_plan_step_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_plan_step_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_OPPORTUNITY_ID:
      rapport_plan_step_set_opportunity_id (self, g_value_get_int64 (value));
      break;

    case PROP_POSITION:
      rapport_plan_step_set_position (self, g_value_get_int (value));
      break;

    case PROP_WHAT:
      rapport_plan_step_set_what (self, g_value_get_string (value));
      break;

    case PROP_DUE_ON:
      rapport_plan_step_set_due_on (self, g_value_get_string (value));
      break;

    case PROP_ASSIGNEE_ID:
      rapport_plan_step_set_assignee_id (self, g_value_get_int64 (value));
      break;

    case PROP_DONE_AT:
      rapport_plan_step_set_done_at (self, g_value_get_int64 (value));
      break;

    case PROP_RESULT:
      rapport_plan_step_set_result (self, g_value_get_string (value));
      break;

    case PROP_FOLLOW_UP_ID:
      rapport_plan_step_set_follow_up_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      rapport_plan_step_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_plan_step_set_updated_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_plan_step_class_init (RapportPlanStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_plan_step_finalize;
  object_class->get_property = rapport_plan_step_get_property;
  object_class->set_property = rapport_plan_step_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OPPORTUNITY_ID] =
    g_param_spec_int64 ("opportunity-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_WHAT] =
    g_param_spec_string ("what", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DUE_ON] =
    g_param_spec_string ("due-on", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ASSIGNEE_ID] =
    g_param_spec_int64 ("assignee-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DONE_AT] =
    g_param_spec_int64 ("done-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_RESULT] =
    g_param_spec_string ("result", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_FOLLOW_UP_ID] =
    g_param_spec_int64 ("follow-up-id", NULL, NULL,
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_plan_step_init (RapportPlanStep *self)
{
}

/**
 * rapport_plan_step_new:
 *
 * Returns: (transfer full): a new, empty #RapportPlanStep
 */
RapportPlanStep *
rapport_plan_step_new (void)
{
  return g_object_new (RAPPORT_TYPE_PLAN_STEP, NULL);
}

/**
 * rapport_plan_step_copy:
 * @self: a #RapportPlanStep
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportPlanStep *
rapport_plan_step_copy (RapportPlanStep *self)
{
  RapportPlanStep *copy;

  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), NULL);

  copy = rapport_plan_step_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->opportunity_id = self->opportunity_id;
  copy->position = self->position;
  copy->what = g_strdup (self->what);
  copy->due_on = g_strdup (self->due_on);
  copy->assignee_id = self->assignee_id;
  copy->done_at = self->done_at;
  copy->result = g_strdup (self->result);
  copy->follow_up_id = self->follow_up_id;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;

  return copy;
}

gint64
rapport_plan_step_get_id (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), 0);

  return self->id;
}

void
rapport_plan_step_set_id (RapportPlanStep *self,
                          gint64 id)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_plan_step_get_uuid (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), NULL);

  return self->uuid;
}

void
rapport_plan_step_set_uuid (RapportPlanStep *self,
                            const char *uuid)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
rapport_plan_step_get_opportunity_id (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), 0);

  return self->opportunity_id;
}

void
rapport_plan_step_set_opportunity_id (RapportPlanStep *self,
                                      gint64 opportunity_id)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (self->opportunity_id == opportunity_id)
    return;

  self->opportunity_id = opportunity_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPPORTUNITY_ID]);
}

gint
rapport_plan_step_get_position (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), 0);

  return self->position;
}

void
rapport_plan_step_set_position (RapportPlanStep *self,
                                gint position)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

const char *
rapport_plan_step_get_what (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), NULL);

  return self->what;
}

void
rapport_plan_step_set_what (RapportPlanStep *self,
                            const char *what)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (g_strcmp0 (self->what, what) == 0)
    return;

  g_free (self->what);
  self->what = g_strdup (what);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHAT]);
}

const char *
rapport_plan_step_get_due_on (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), NULL);

  return self->due_on;
}

void
rapport_plan_step_set_due_on (RapportPlanStep *self,
                              const char *due_on)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (g_strcmp0 (self->due_on, due_on) == 0)
    return;

  g_free (self->due_on);
  self->due_on = g_strdup (due_on);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_ON]);
}

gint64
rapport_plan_step_get_assignee_id (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), 0);

  return self->assignee_id;
}

void
rapport_plan_step_set_assignee_id (RapportPlanStep *self,
                                   gint64 assignee_id)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (self->assignee_id == assignee_id)
    return;

  self->assignee_id = assignee_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNEE_ID]);
}

gint64
rapport_plan_step_get_done_at (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), 0);

  return self->done_at;
}

void
rapport_plan_step_set_done_at (RapportPlanStep *self,
                               gint64 done_at)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (self->done_at == done_at)
    return;

  self->done_at = done_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE_AT]);
}

const char *
rapport_plan_step_get_result (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), NULL);

  return self->result;
}

void
rapport_plan_step_set_result (RapportPlanStep *self,
                              const char *result)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (g_strcmp0 (self->result, result) == 0)
    return;

  g_free (self->result);
  self->result = g_strdup (result);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

gint64
rapport_plan_step_get_follow_up_id (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), 0);

  return self->follow_up_id;
}

void
rapport_plan_step_set_follow_up_id (RapportPlanStep *self,
                                    gint64 follow_up_id)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (self->follow_up_id == follow_up_id)
    return;

  self->follow_up_id = follow_up_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_UP_ID]);
}

gint64
rapport_plan_step_get_created_at (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), 0);

  return self->created_at;
}

void
rapport_plan_step_set_created_at (RapportPlanStep *self,
                                  gint64 created_at)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_plan_step_get_updated_at (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), 0);

  return self->updated_at;
}

void
rapport_plan_step_set_updated_at (RapportPlanStep *self,
                                  gint64 updated_at)
{
  g_return_if_fail (RAPPORT_IS_PLAN_STEP (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gboolean
rapport_plan_step_is_done (RapportPlanStep *self)
{
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (self), FALSE);

  return self->done_at != 0;
}
