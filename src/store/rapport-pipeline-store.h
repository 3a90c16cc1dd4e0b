/* rapport-pipeline-store.h
 *
 * The sales pipeline (issue 9): the user's stages, opportunities with their
 * history, development plans, lost reasons and the board's totals. Included
 * by rapport-store.h.
 *
 * Every write is one transaction, announced on the change bus after it
 * commits (RAPPORT_ENTITY_KIND_PIPELINE_STAGE, _OPPORTUNITY, _PLAN_STEP,
 * _LOST_REASON; an opportunity's or a step's change carries its customer);
 * bad input fails with RAPPORT_DATABASE_ERROR_INVALID and src/core's
 * user-facing message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-opportunity.h"
#include "rapport-pipeline-stage.h"
#include "rapport-plan-step.h"

G_BEGIN_DECLS

/* Stages. GListModel of RapportPipelineStage by position. */
GListModel           *rapport_store_list_pipeline_stages        (RapportDatabase       *db,
                                                                 GError               **error);
RapportPipelineStage *rapport_store_get_pipeline_stage          (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 GError               **error);
/* @stage: name, probability, stall-days and kind set; it goes last. On
 * success id, uuid, position and times are set. */
gboolean              rapport_store_add_pipeline_stage          (RapportDatabase       *db,
                                                                 RapportPipelineStage  *stage,
                                                                 GError               **error);
/* A name the user typed; NULL or "" gives a default stage its translated
 * name back (refused for a stage the user added). */
gboolean              rapport_store_rename_pipeline_stage       (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 const char            *name,
                                                                 GError               **error);
/* @ids: every stage once, in the new order. */
gboolean              rapport_store_reorder_pipeline_stages     (RapportDatabase       *db,
                                                                 const gint64          *ids,
                                                                 gsize                  n_ids,
                                                                 GError               **error);
/* 0–100; the opportunities without a probability of their own follow. */
gboolean              rapport_store_set_pipeline_stage_probability (RapportDatabase    *db,
                                                                 gint64                 id,
                                                                 gint                   probability,
                                                                 GError               **error);
/* At least one day. */
gboolean              rapport_store_set_pipeline_stage_stall_days (RapportDatabase     *db,
                                                                 gint64                 id,
                                                                 gint                   days,
                                                                 GError               **error);
/* Opportunities in the stage, those in the Trash included. */
gboolean              rapport_store_count_stage_opportunities   (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 guint                 *out_count,
                                                                 GError               **error);
/* Deletes a stage. While opportunities are in it, it is refused with
 * RAPPORT_DATABASE_ERROR_IN_USE unless @move_to_id names another stage of
 * the same kind: they move there (logged) in the same transaction. The last
 * stage of a kind cannot go. */
gboolean              rapport_store_delete_pipeline_stage       (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 gint64                 move_to_id,
                                                                 GError               **error);

/* Lost reasons: seeded (price, competitor, no budget, no response), extended
 * by the user. */
typedef struct
{
  gint64  id;
  char   *key;   /* a seeded reason's stable key, NULL for the user's */
  char   *name;  /* translated for a seeded reason */
} RapportLostReason;

/* GArray of RapportLostReason in list order; the array frees their strings. */
GArray               *rapport_store_list_lost_reasons           (RapportDatabase       *db,
                                                                 GError               **error);
gboolean              rapport_store_add_lost_reason             (RapportDatabase       *db,
                                                                 const char            *name,
                                                                 gint64                *out_id,
                                                                 GError               **error);

/* Opportunities. insert: customer-id, title, currency set; stage-id 0 means
 * the first open stage, else an open stage; probability -1 is the stage's
 * default. On success id, uuid, stage and the times are set, and a
 * "created" event is logged. update saves the fields the user edits (not the
 * stage nor whether it is closed: move, win, lose and reopen do that). */
gboolean              rapport_store_insert_opportunity          (RapportDatabase       *db,
                                                                 RapportOpportunity    *opportunity,
                                                                 GError               **error);
gboolean              rapport_store_update_opportunity          (RapportDatabase       *db,
                                                                 RapportOpportunity    *opportunity,
                                                                 GError               **error);
/* With its derived fields (stage kind, probability and stall limit, plan
 * progress, customer name); NOT_FOUND if it does not exist. */
RapportOpportunity   *rapport_store_get_opportunity             (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 GError               **error);
gboolean              rapport_store_trash_opportunity           (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 GError               **error);
gboolean              rapport_store_restore_opportunity         (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 GError               **error);
/* GListModel of the customer's RapportOpportunity not in the Trash: open
 * ones first by expected close, then closed ones, latest closed first. */
GListModel           *rapport_store_list_customer_opportunities (RapportDatabase       *db,
                                                                 gint64                 customer_id,
                                                                 GError               **error);
/* A board column: the stage's opportunities not in the Trash by expected
 * close (none last), @offset and at most @limit of them. */
GListModel           *rapport_store_list_stage_opportunities    (RapportDatabase       *db,
                                                                 gint64                 stage_id,
                                                                 guint                  offset,
                                                                 guint                  limit,
                                                                 GError               **error);
/* The open opportunities (not in the Trash) with no activity for longer
 * than their stage's stall limit at @now, the longest idle first, at most
 * @limit. */
GListModel           *rapport_store_list_stalled_opportunities  (RapportDatabase       *db,
                                                                 gint64                 now,
                                                                 guint                  limit,
                                                                 GError               **error);
/* To another open stage (a card dragged): logged, its stage age and last
 * activity start again. Refused for a closed opportunity (reopen it). */
gboolean              rapport_store_move_opportunity            (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 gint64                 stage_id,
                                                                 GError               **error);
/* Won: to the first won stage, closed, logged. If its customer is a
 * prospect and this is its first won opportunity, the customer becomes
 * active (in the same transaction). */
gboolean              rapport_store_win_opportunity             (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 GError               **error);
/* Lost: @lost_reason_id is required (INVALID without); @note may be NULL. */
gboolean              rapport_store_lose_opportunity            (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 gint64                 lost_reason_id,
                                                                 const char            *note,
                                                                 GError               **error);
/* Back to the open stage @stage_id (0: the first), logged; the lost reason
 * is cleared. A customer made active by the win stays active. */
gboolean              rapport_store_reopen_opportunity          (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 gint64                 stage_id,
                                                                 GError               **error);

typedef enum
{
  RAPPORT_OPPORTUNITY_EVENT_CREATED,
  RAPPORT_OPPORTUNITY_EVENT_MOVED,
  RAPPORT_OPPORTUNITY_EVENT_WON,
  RAPPORT_OPPORTUNITY_EVENT_LOST,
  RAPPORT_OPPORTUNITY_EVENT_REOPENED,
} RapportOpportunityEventKind;

typedef struct
{
  RapportOpportunityEventKind kind;
  gint64 from_stage_id;   /* 0: none, or a stage since deleted */
  gint64 to_stage_id;
  gint64 lost_reason_id;  /* LOST only */
  gint64 at;
} RapportOpportunityEvent;

/* GArray of RapportOpportunityEvent, oldest first. */
GArray               *rapport_store_list_opportunity_events     (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 GError               **error);

/* The board's column headers: one row per stage and currency that has
 * opportunities (not in the Trash), never mixing currencies. weighted is
 * Σ amount × effective probability / 100, rounded once per row. */
typedef struct
{
  gint64 stage_id;
  char   currency[4];
  guint  count;
  gint64 total;
  gint64 weighted;
} RapportPipelineTotal;

/* GArray of RapportPipelineTotal by stage position, then currency. */
GArray               *rapport_store_get_pipeline_totals         (RapportDatabase       *db,
                                                                 GError               **error);

/* Development plans. insert: opportunity-id and what set; appended last.
 * update saves what, due-on, assignee-id, result and follow-up-id. Each write
 * counts as activity on the opportunity. delete is for good. */
gboolean              rapport_store_insert_plan_step            (RapportDatabase       *db,
                                                                 RapportPlanStep       *step,
                                                                 GError               **error);
gboolean              rapport_store_update_plan_step            (RapportDatabase       *db,
                                                                 RapportPlanStep       *step,
                                                                 GError               **error);
/* Done (now) with @result, or back to do (@done FALSE; the result is kept). */
gboolean              rapport_store_set_plan_step_done          (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 gboolean               done,
                                                                 const char            *result,
                                                                 GError               **error);
gboolean              rapport_store_delete_plan_step            (RapportDatabase       *db,
                                                                 gint64                 id,
                                                                 GError               **error);
/* GListModel of RapportPlanStep in plan order. */
GListModel           *rapport_store_list_plan_steps             (RapportDatabase       *db,
                                                                 gint64                 opportunity_id,
                                                                 GError               **error);

/* The Pipeline section (rapport-pipeline-board.c). @owner_id: a user, 0 for
 * the default user (owner NULL), or RAPPORT_PIPELINE_ANY_OWNER. */
#define RAPPORT_PIPELINE_ANY_OWNER ((gint64) -1)

typedef enum
{
  RAPPORT_OPPORTUNITY_SORT_EXPECTED_CLOSE,  /* soonest first; none last */
  RAPPORT_OPPORTUNITY_SORT_AMOUNT,          /* smallest first */
  RAPPORT_OPPORTUNITY_SORT_STAGE_AGE,       /* newest in its stage first */
} RapportOpportunitySort;

/* GArray of gint64: a board column's ids, in the order of
 * rapport_store_list_stage_opportunities(). */
GArray               *rapport_store_list_stage_opportunity_ids  (RapportDatabase       *db,
                                                                 gint64                 stage_id,
                                                                 gint64                 owner_id,
                                                                 GError               **error);
/* GArray of gint64: the open opportunities not in the Trash, by @sort
 * (@descending reverses it; none-dates stay last). */
GArray               *rapport_store_list_open_opportunity_ids   (RapportDatabase       *db,
                                                                 RapportOpportunitySort sort,
                                                                 gboolean               descending,
                                                                 gint64                 owner_id,
                                                                 GError               **error);
/* The most ids rapport_store_get_opportunities() takes at once. */
#define RAPPORT_OPPORTUNITIES_MAX_IDS 200
/* GListModel of the RapportOpportunity of @ids (with their derived fields),
 * in the order of @ids; ids that no longer exist are left out. */
GListModel           *rapport_store_get_opportunities           (RapportDatabase       *db,
                                                                 const gint64          *ids,
                                                                 guint                  n_ids,
                                                                 GError               **error);
/* rapport_store_get_pipeline_totals() for one owner's opportunities. */
GArray               *rapport_store_get_owner_pipeline_totals   (RapportDatabase       *db,
                                                                 gint64                 owner_id,
                                                                 GError               **error);

G_END_DECLS
