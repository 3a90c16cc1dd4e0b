/* rapport-opportunity-list-model.h
 *
 * A GListModel of RapportOpportunity for the Pipeline section: a board
 * column (one stage's, in board order) or the open opportunities in a sort
 * order, for one owner or all. It holds only the ids in order and reads the
 * opportunities of a page when a view asks for one of them, so a column of
 * 10,000 opens as fast as one of ten. reload() reads the ids again and
 * reports exact items-changed positions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-pipeline-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_OPPORTUNITY_LIST_MODEL (rapport_opportunity_list_model_get_type ())

G_DECLARE_FINAL_TYPE (RapportOpportunityListModel, rapport_opportunity_list_model, RAPPORT, OPPORTUNITY_LIST_MODEL, GObject)

/* A board column; @owner_id as rapport_store_list_stage_opportunity_ids(). */
RapportOpportunityListModel *rapport_opportunity_list_model_new_for_stage (RapportDatabase        *db,
                                                                           gint64                  stage_id,
                                                                           gint64                  owner_id);
/* The open opportunities. */
RapportOpportunityListModel *rapport_opportunity_list_model_new_open      (RapportDatabase        *db,
                                                                           RapportOpportunitySort  sort,
                                                                           gboolean                descending,
                                                                           gint64                  owner_id);
gint64      rapport_opportunity_list_model_get_stage_id (RapportOpportunityListModel *self);
void        rapport_opportunity_list_model_set_owner_id (RapportOpportunityListModel *self,
                                                         gint64                       owner_id);
void        rapport_opportunity_list_model_set_sort     (RapportOpportunityListModel *self,
                                                         RapportOpportunitySort       sort,
                                                         gboolean                     descending);
RapportOpportunitySort
            rapport_opportunity_list_model_get_sort     (RapportOpportunityListModel *self,
                                                         gboolean                    *out_descending);
/* Reads the ids again: what came, went or moved is reported at its
 * position, and each of @changed_ids (nullable, gint64) still listed is
 * reported changed in place so views show it anew. */
gboolean    rapport_opportunity_list_model_reload       (RapportOpportunityListModel *self,
                                                         GArray                      *changed_ids,
                                                         GError                     **error);
/* Reads again the opportunities of @customer_id a view was given (a
 * customer renamed), reporting each changed in place. */
void        rapport_opportunity_list_model_refresh_customer (RapportOpportunityListModel *self,
                                                             gint64                       customer_id);
/* Whether @id is listed (as of the last reload). */
gboolean    rapport_opportunity_list_model_contains     (RapportOpportunityListModel *self,
                                                         gint64                       id);
/* Position of @id, or G_MAXUINT. */
guint       rapport_opportunity_list_model_find         (RapportOpportunityListModel *self,
                                                         gint64                       id);
/* How many pages have been read from the database (tests, benchmarks). */
guint       rapport_opportunity_list_model_get_n_reads  (RapportOpportunityListModel *self);

G_END_DECLS
