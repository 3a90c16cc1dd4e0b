/* rapport-pipeline-column.h
 *
 * One column of the Pipeline board: its stage's name, count, total and
 * weighted total per currency (never mixed), and its cards in a recycling
 * GtkListView over a paged RapportOpportunityListModel. A card dropped on it
 * is handed on by "opportunity-dropped"; a card activated (Enter, double
 * click) by "opportunity-activated".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rapport-opportunity-list-model.h"
#include "rapport-pipeline-stage.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_PIPELINE_COLUMN (rapport_pipeline_column_get_type ())

G_DECLARE_FINAL_TYPE (RapportPipelineColumn, rapport_pipeline_column, RAPPORT, PIPELINE_COLUMN, GtkWidget)

GtkWidget                   *rapport_pipeline_column_new         (RapportPipelineStage        *stage,
                                                                  RapportOpportunityListModel *model,
                                                                  GtkListItemFactory          *factory);
RapportPipelineStage        *rapport_pipeline_column_get_stage   (RapportPipelineColumn       *self);
RapportOpportunityListModel *rapport_pipeline_column_get_model   (RapportPipelineColumn       *self);
/* @totals: the rows of rapport_store_get_pipeline_totals() (any stages; the
 * column takes its own). */
void                         rapport_pipeline_column_set_totals  (RapportPipelineColumn       *self,
                                                                  GArray                      *totals);
guint                        rapport_pipeline_column_get_count   (RapportPipelineColumn       *self);
/* One line per currency: "¥1,200.00 · weighted ¥360.00", joined by "\n". */
char                        *rapport_pipeline_column_dup_totals_text (RapportPipelineColumn   *self);
/* Scrolls to the card of @id and gives it the keyboard focus (once drawn). */
void                         rapport_pipeline_column_focus_opportunity (RapportPipelineColumn *self,
                                                                        gint64                 id);
/* Shows no card until the board's first frame is drawn (a column out of
 * sight then). */
void                         rapport_pipeline_column_defer_cards (RapportPipelineColumn   *self);
GtkListView                 *rapport_pipeline_column_get_list_view (RapportPipelineColumn     *self);

G_END_DECLS
