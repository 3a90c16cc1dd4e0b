/* rapport-pipeline-page.h
 *
 * The Pipeline section (销售机会): a board with one column per stage (count,
 * total and weighted total per currency; cards paged from the database),
 * where a card moves by drag and drop or from the keyboard (Alt+Left,
 * Alt+Right, or its menu's Move To); a drop on a Won or Lost column wins or
 * loses it through the opportunity actions. Beside it, a list of the open
 * opportunities sortable by expected close, amount and stage age. Both
 * follow the change bus, re-reading only the columns a change touches.
 *
 * Actions: "pipeline.open", "pipeline.win", "pipeline.lose",
 * "pipeline.reopen" (an opportunity id), "pipeline.move" ("(xx)": id,
 * stage id), "pipeline.move-left" and "pipeline.move-right" (the focused
 * card).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-pipeline-column.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_PIPELINE_PAGE (rapport_pipeline_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportPipelinePage, rapport_pipeline_page, RAPPORT, PIPELINE_PAGE, AdwBin)

GtkWidget             *rapport_pipeline_page_new                  (void);
RapportSession        *rapport_pipeline_page_get_session          (RapportPipelinePage *self);
/* Reads the stages and the columns' ids when first shown (or at once when
 * already mapped). */
void                   rapport_pipeline_page_set_session          (RapportPipelinePage *self,
                                                                   RapportSession      *session);
void                   rapport_pipeline_page_set_show_back_button (RapportPipelinePage *self,
                                                                   gboolean             show);
/* A user id, 0 for the default user, or RAPPORT_PIPELINE_ANY_OWNER (the
 * default). */
void                   rapport_pipeline_page_set_owner_filter     (RapportPipelinePage *self,
                                                                   gint64               owner_id);
gint64                 rapport_pipeline_page_get_owner_filter     (RapportPipelinePage *self);
/* Where a widget filtering by owner goes (the header bar's end). */
GtkBox                *rapport_pipeline_page_get_filter_box       (RapportPipelinePage *self);
/* "board" or "list". */
void                   rapport_pipeline_page_set_view             (RapportPipelinePage *self,
                                                                   const char          *view);
const char            *rapport_pipeline_page_get_view             (RapportPipelinePage *self);
guint                  rapport_pipeline_page_get_n_columns        (RapportPipelinePage *self);
RapportPipelineColumn *rapport_pipeline_page_get_column           (RapportPipelinePage *self,
                                                                   guint                position);
/* The list view's model (NULL until the list was shown) and its column view. */
GListModel            *rapport_pipeline_page_get_list_model       (RapportPipelinePage *self);
GtkColumnView         *rapport_pipeline_page_get_column_view      (RapportPipelinePage *self);
/* Whether the board is loaded (stages and columns read). */
gboolean               rapport_pipeline_page_get_loaded           (RapportPipelinePage *self);

G_END_DECLS
