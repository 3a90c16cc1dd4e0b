/* rapport-pipeline-store-private.h
 *
 * What the pipeline's repositories share, inside the caller's transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-database-private.h"
#include "rapport-pipeline-store.h"

G_BEGIN_DECLS

gboolean _rapport_pipeline_read_stage_kind           (RapportDatabase   *db,
                                                      gint64             id,
                                                      RapportStageKind  *out_kind,
                                                      GError           **error);
/* The leftmost stage of @kind. */
gboolean _rapport_pipeline_first_stage_of_kind       (RapportDatabase   *db,
                                                      RapportStageKind   kind,
                                                      gint64            *out_id,
                                                      GError           **error);
/* Moves every opportunity of stage @from_id to @to_id, logging each move. */
gboolean _rapport_pipeline_move_stage_opportunities  (RapportDatabase   *db,
                                                      gint64             from_id,
                                                      gint64             to_id,
                                                      gint64             now,
                                                      GError           **error);

G_END_DECLS
