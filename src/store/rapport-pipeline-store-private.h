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

/* The columns _rapport_opportunity_from_row() reads, with its derived
 * fields; a query adds its WHERE and ORDER BY. */
#define OPPORTUNITY_SELECT \
  "SELECT o.id, o.uuid, o.customer_id, c.name, o.contact_id, o.title, o.amount, o.currency, " \
  "  o.stage_id, o.probability, o.expected_close, o.source, o.owner_id, o.notes, " \
  "  o.lost_reason_id, o.lost_note, o.closed_at, o.stage_entered_at, o.last_activity_at, " \
  "  s.kind, s.probability, s.stall_days, " \
  "  (SELECT count(*) FROM plan_step p WHERE p.opportunity_id = o.id AND p.done_at IS NOT NULL), " \
  "  (SELECT count(*) FROM plan_step p WHERE p.opportunity_id = o.id), " \
  "  o.created_at, o.updated_at, o.deleted_at " \
  "FROM opportunity o " \
  "JOIN customer c ON c.id = o.customer_id " \
  "JOIN stage s ON s.id = o.stage_id "

RapportOpportunity *_rapport_opportunity_from_row (sqlite3_stmt *stmt);

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
