/* rapport-pipeline-stage.h
 *
 * A stage of the sales pipeline (the board's columns): the user's own list,
 * seeded with six defaults. Named RapportPipelineStage because RapportStage is
 * a customer's stage (prospect, active, dormant, lost).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-enums.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_PIPELINE_STAGE (rapport_pipeline_stage_get_type ())

G_DECLARE_FINAL_TYPE (RapportPipelineStage, rapport_pipeline_stage, RAPPORT, PIPELINE_STAGE, GObject)

RapportPipelineStage  *rapport_pipeline_stage_new  (void);
/* A deep copy, id included. */
RapportPipelineStage  *rapport_pipeline_stage_copy (RapportPipelineStage *self);

gint64                 rapport_pipeline_stage_get_id          (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_id          (RapportPipelineStage *self,
                                                               gint64                id);
const char            *rapport_pipeline_stage_get_uuid        (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_uuid        (RapportPipelineStage *self,
                                                               const char           *uuid);
/* key: one of the seeded defaults ("qualification", "needs-analysis", "proposal",
 * "negotiation", "won", "lost"), NULL for a stage the user added */
const char            *rapport_pipeline_stage_get_key         (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_key         (RapportPipelineStage *self,
                                                               const char           *key);
/* name: what the user sees; for a default stage never renamed, its translated
 * label (the store fills it in) */
const char            *rapport_pipeline_stage_get_name        (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_name        (RapportPipelineStage *self,
                                                               const char           *name);
/* is-renamed: the user named it (a default stage keeps that name in every
 * language) */
gboolean               rapport_pipeline_stage_get_is_renamed  (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_is_renamed  (RapportPipelineStage *self,
                                                               gboolean              is_renamed);
/* position: the board's columns from left to right */
gint                   rapport_pipeline_stage_get_position    (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_position    (RapportPipelineStage *self,
                                                               gint                  position);
/* probability: 0–100, the default of its opportunities */
gint                   rapport_pipeline_stage_get_probability (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_probability (RapportPipelineStage *self,
                                                               gint                  probability);
/* stall-days: an open opportunity with no activity for longer is stalled */
gint                   rapport_pipeline_stage_get_stall_days  (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_stall_days  (RapportPipelineStage *self,
                                                               gint                  stall_days);
RapportStageKind       rapport_pipeline_stage_get_kind        (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_kind        (RapportPipelineStage *self,
                                                               RapportStageKind      kind);
gint64                 rapport_pipeline_stage_get_created_at  (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_created_at  (RapportPipelineStage *self,
                                                               gint64                created_at);
gint64                 rapport_pipeline_stage_get_updated_at  (RapportPipelineStage *self);
void                   rapport_pipeline_stage_set_updated_at  (RapportPipelineStage *self,
                                                               gint64                updated_at);
/* The translated label of a default stage's key, NULL for an unknown key. */
const char            *rapport_pipeline_stage_get_default_name (const char *key);

G_END_DECLS
