/* rapport-pipeline-stage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-pipeline-stage"

#include "config.h"

#include "rapport-pipeline-stage.h"

#include <glib/gi18n.h>

#include "rapport-enums.h"

struct _RapportPipelineStage
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *key;
  char *name;
  gboolean is_renamed;
  gint position;
  gint probability;
  gint stall_days;
  RapportStageKind kind;
  gint64 created_at;
  gint64 updated_at;
};

G_DEFINE_FINAL_TYPE (RapportPipelineStage, rapport_pipeline_stage, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_KEY,
  PROP_NAME,
  PROP_IS_RENAMED,
  PROP_POSITION,
  PROP_PROBABILITY,
  PROP_STALL_DAYS,
  PROP_KIND,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_pipeline_stage_finalize (GObject *object)
{
  RapportPipelineStage *self = RAPPORT_PIPELINE_STAGE (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (rapport_pipeline_stage_parent_class)->finalize (object);
}

static void
rapport_pipeline_stage_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportPipelineStage *self = RAPPORT_PIPELINE_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_IS_RENAMED:
      g_value_set_boolean (value, self->is_renamed);
      break;

    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;

    case PROP_PROBABILITY:
      g_value_set_int (value, self->probability);
      break;

    case PROP_STALL_DAYS:
      g_value_set_int (value, self->stall_days);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
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
rapport_pipeline_stage_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportPipelineStage *self = RAPPORT_PIPELINE_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_pipeline_stage_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_pipeline_stage_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_KEY:
      rapport_pipeline_stage_set_key (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      rapport_pipeline_stage_set_name (self, g_value_get_string (value));
      break;

    case PROP_IS_RENAMED:
      rapport_pipeline_stage_set_is_renamed (self, g_value_get_boolean (value));
      break;

    case PROP_POSITION:
      rapport_pipeline_stage_set_position (self, g_value_get_int (value));
      break;

    case PROP_PROBABILITY:
      rapport_pipeline_stage_set_probability (self, g_value_get_int (value));
      break;

    case PROP_STALL_DAYS:
      rapport_pipeline_stage_set_stall_days (self, g_value_get_int (value));
      break;

    case PROP_KIND:
      rapport_pipeline_stage_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_CREATED_AT:
      rapport_pipeline_stage_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_pipeline_stage_set_updated_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_pipeline_stage_class_init (RapportPipelineStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_pipeline_stage_finalize;
  object_class->get_property = rapport_pipeline_stage_get_property;
  object_class->set_property = rapport_pipeline_stage_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_RENAMED] =
    g_param_spec_boolean ("is-renamed", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PROBABILITY] =
    g_param_spec_int ("probability", NULL, NULL,
                      0, 100, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STALL_DAYS] =
    g_param_spec_int ("stall-days", NULL, NULL,
                      1, G_MAXINT, 14,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       RAPPORT_TYPE_STAGE_KIND, RAPPORT_STAGE_KIND_OPEN,
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
rapport_pipeline_stage_init (RapportPipelineStage *self)
{
  self->stall_days = 14;
}

/**
 * rapport_pipeline_stage_new:
 *
 * Returns: (transfer full): a new, empty #RapportPipelineStage
 */
RapportPipelineStage *
rapport_pipeline_stage_new (void)
{
  return g_object_new (RAPPORT_TYPE_PIPELINE_STAGE, NULL);
}

/**
 * rapport_pipeline_stage_copy:
 * @self: a #RapportPipelineStage
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportPipelineStage *
rapport_pipeline_stage_copy (RapportPipelineStage *self)
{
  RapportPipelineStage *copy;

  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), NULL);

  copy = rapport_pipeline_stage_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->key = g_strdup (self->key);
  copy->name = g_strdup (self->name);
  copy->is_renamed = self->is_renamed;
  copy->position = self->position;
  copy->probability = self->probability;
  copy->stall_days = self->stall_days;
  copy->kind = self->kind;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;

  return copy;
}

gint64
rapport_pipeline_stage_get_id (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), 0);

  return self->id;
}

void
rapport_pipeline_stage_set_id (RapportPipelineStage *self,
                               gint64 id)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_pipeline_stage_get_uuid (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), NULL);

  return self->uuid;
}

void
rapport_pipeline_stage_set_uuid (RapportPipelineStage *self,
                                 const char *uuid)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
rapport_pipeline_stage_get_key (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), NULL);

  return self->key;
}

void
rapport_pipeline_stage_set_key (RapportPipelineStage *self,
                                const char *key)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  if (g_strcmp0 (self->key, key) == 0)
    return;

  g_free (self->key);
  self->key = g_strdup (key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

const char *
rapport_pipeline_stage_get_name (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), NULL);

  return self->name;
}

void
rapport_pipeline_stage_set_name (RapportPipelineStage *self,
                                 const char *name)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gboolean
rapport_pipeline_stage_get_is_renamed (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), FALSE);

  return self->is_renamed;
}

void
rapport_pipeline_stage_set_is_renamed (RapportPipelineStage *self,
                                       gboolean is_renamed)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  is_renamed = !!is_renamed;
  if (self->is_renamed == is_renamed)
    return;

  self->is_renamed = is_renamed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_RENAMED]);
}

gint
rapport_pipeline_stage_get_position (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), 0);

  return self->position;
}

void
rapport_pipeline_stage_set_position (RapportPipelineStage *self,
                                     gint position)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

gint
rapport_pipeline_stage_get_probability (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), 0);

  return self->probability;
}

void
rapport_pipeline_stage_set_probability (RapportPipelineStage *self,
                                        gint probability)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  if (self->probability == probability)
    return;

  self->probability = probability;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBABILITY]);
}

gint
rapport_pipeline_stage_get_stall_days (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), 0);

  return self->stall_days;
}

void
rapport_pipeline_stage_set_stall_days (RapportPipelineStage *self,
                                       gint stall_days)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  if (self->stall_days == stall_days)
    return;

  self->stall_days = stall_days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALL_DAYS]);
}

RapportStageKind
rapport_pipeline_stage_get_kind (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), 0);

  return self->kind;
}

void
rapport_pipeline_stage_set_kind (RapportPipelineStage *self,
                                 RapportStageKind kind)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

gint64
rapport_pipeline_stage_get_created_at (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), 0);

  return self->created_at;
}

void
rapport_pipeline_stage_set_created_at (RapportPipelineStage *self,
                                       gint64 created_at)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_pipeline_stage_get_updated_at (RapportPipelineStage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (self), 0);

  return self->updated_at;
}

void
rapport_pipeline_stage_set_updated_at (RapportPipelineStage *self,
                                       gint64 updated_at)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_STAGE (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

static const struct
{
  const char *key;
  const char *label;
} default_names[] = {
  { "qualification", NC_("Pipeline stage", "Qualification") },
  { "needs-analysis", NC_("Pipeline stage", "Needs Analysis") },
  { "proposal", NC_("Pipeline stage", "Proposal") },
  { "negotiation", NC_("Pipeline stage", "Negotiation") },
  { "won", NC_("Pipeline stage", "Won") },
  { "lost", NC_("Pipeline stage", "Lost") },
};

const char *
rapport_pipeline_stage_get_default_name (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (default_names); i++)
    if (g_str_equal (key, default_names[i].key))
      return g_dpgettext2 (GETTEXT_PACKAGE, "Pipeline stage", default_names[i].label);

  return NULL;
}
