/* rapport-handover-store.h
 *
 * Handover (交接, issue 9): one person's customers and open work moved to
 * others in one transaction, undoably, and logged on each moved customer.
 * Included by rapport-store.h.
 *
 * A plan names the person handing over and a rule: everything to one
 * person (RAPPORT_HANDOVER_RULE_ALL), or each customer by its tier or its
 * region to the person named for that key, the rest to the fallback person.
 * The person's open work (open opportunities they own, open service requests
 * and open follow-ups assigned to them) goes with its customer when the
 * customer moves; their open work on customers they do not own goes to the
 * fallback person. So nothing of theirs is left without an owner.
 *
 * User ids: 0 names the default user ("Me"), as everywhere in the store;
 * the default user's real id is accepted too. Owners are written by the
 * owner convention of migration 10 (NULL for the default user, except a
 * service request's assignee, which names it by id).
 *
 * Trashed customers and trashed work stay where they are. A moved service
 * request's history gets an "assigned" event (and another on undo).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-database.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_HANDOVER_RULE_ALL,
  RAPPORT_HANDOVER_RULE_BY_TIER,
  RAPPORT_HANDOVER_RULE_BY_REGION,
} RapportHandoverRule;

/* "all", "tier", "region": the key kept in the handover table. */
const char          *rapport_handover_rule_to_string    (RapportHandoverRule rule);

typedef struct _RapportHandoverPlan RapportHandoverPlan;

/* @fallback_user_id takes everything (ALL) or whatever no key names. */
RapportHandoverPlan *rapport_handover_plan_new          (gint64                      from_user_id,
                                                         RapportHandoverRule         rule,
                                                         gint64                      fallback_user_id);
RapportHandoverPlan *rapport_handover_plan_copy         (const RapportHandoverPlan  *plan);
void                 rapport_handover_plan_free         (RapportHandoverPlan        *plan);
/* @key: a tier's key ("gold", rapport_tier_to_string) or a region as the
 * customers have it; matched exactly. */
void                 rapport_handover_plan_set_target   (RapportHandoverPlan        *plan,
                                                         const char                 *key,
                                                         gint64                      user_id);
gint64               rapport_handover_plan_get_target   (const RapportHandoverPlan  *plan,
                                                         const char                 *key);
gint64               rapport_handover_plan_get_from_user_id (const RapportHandoverPlan *plan);
gint64               rapport_handover_plan_get_fallback_user_id (const RapportHandoverPlan *plan);
RapportHandoverRule  rapport_handover_plan_get_rule     (const RapportHandoverPlan  *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportHandoverPlan, rapport_handover_plan_free)

/* What goes to one person (user_id the target's real id), or in total
 * (user_id 0). */
typedef struct
{
  gint64 user_id;
  guint  customers;
  guint  opportunities;
  guint  service_requests;
  guint  follow_ups;
} RapportHandoverCounts;

typedef struct
{
  GArray                *targets;   /* RapportHandoverCounts, one per person who gets something, by id */
  RapportHandoverCounts  total;
} RapportHandoverPreview;

void                 rapport_handover_preview_free      (RapportHandoverPreview     *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportHandoverPreview, rapport_handover_preview_free)

/* Called on the thread doing the work with the rows written so far. */
typedef void (*RapportHandoverProgressFunc) (guint    done,
                                             guint    total,
                                             gpointer user_data);

/* Refused with RAPPORT_DATABASE_ERROR_NOT_FOUND for a user who does not
 * exist, and RAPPORT_DATABASE_ERROR_INVALID with a user-facing message for
 * a handover to the person leaving, to a person marked as left, or from a
 * person with nothing to hand over. */
RapportHandoverPreview *rapport_store_preview_handover  (RapportDatabase            *db,
                                                         const RapportHandoverPlan  *plan,
                                                         GCancellable               *cancellable,
                                                         GError                    **error);

/* Runs @plan in one transaction (the plan is checked and worked out again
 * inside it, so a handover that ran meanwhile on another connection leaves
 * nothing to do: refused as above). Records a handover with its counts and
 * one item per changed row, and announces one bulk change. A cancelled run
 * fails with RAPPORT_DATABASE_ERROR_CANCELLED and writes nothing.
 * @out_handover_id and @out_total are nullable. */
gboolean             rapport_store_run_handover         (RapportDatabase            *db,
                                                         const RapportHandoverPlan  *plan,
                                                         GCancellable               *cancellable,
                                                         RapportHandoverProgressFunc progress,
                                                         gpointer                    progress_data,
                                                         gint64                     *out_handover_id,
                                                         RapportHandoverCounts      *out_total,
                                                         GError                    **error);

/* Puts back the recorded owner of every row that still has the value the
 * handover gave it; a row changed since (given to someone else again) is
 * left as it is and counted in @out_kept. One transaction; marks the
 * handover undone. Refused (INVALID) when it was undone already.
 * @out_restored and @out_kept are nullable. */
gboolean             rapport_store_undo_handover        (RapportDatabase            *db,
                                                         gint64                      handover_id,
                                                         guint                      *out_restored,
                                                         guint                      *out_kept,
                                                         GError                    **error);

/* One tier or region among a person's live customers: @key NULL for the
 * customers without a region. */
typedef struct
{
  char  *key;
  guint  customers;
} RapportHandoverGroup;

void                 rapport_handover_group_free        (RapportHandoverGroup       *group);

/* (element-type RapportHandoverGroup): the tiers (best first) or the regions
 * (most customers first) of @from_user_id's live customers. Empty for
 * RAPPORT_HANDOVER_RULE_ALL. */
GPtrArray           *rapport_store_list_handover_groups (RapportDatabase            *db,
                                                         gint64                      from_user_id,
                                                         RapportHandoverRule         rule,
                                                         GError                    **error);

/* A handover as recorded; names resolved. */
typedef struct
{
  gint64               id;
  gint64               from_user_id;
  char                *from_name;
  RapportHandoverRule  rule;
  RapportHandoverCounts counts;
  gint64               created_at;
  gint64               undone_at;   /* 0 while in force */
} RapportHandoverRecord;

void                 rapport_handover_record_free       (RapportHandoverRecord      *record);

/* (element-type RapportHandoverRecord): newest first. */
GPtrArray           *rapport_store_list_handovers       (RapportDatabase            *db,
                                                         GError                    **error);

/* One line of a customer's handover log. */
typedef struct
{
  gint64  handover_id;
  char   *from_name;
  char   *to_name;
  gint64  created_at;
  gint64  undone_at;   /* 0 while in force */
} RapportHandoverLogEntry;

void                 rapport_handover_log_entry_free    (RapportHandoverLogEntry    *entry);

/* (element-type RapportHandoverLogEntry): the handovers that moved
 * @customer_id, newest first. Indexed: the UI thread may call it. */
GPtrArray           *rapport_store_list_customer_handovers (RapportDatabase         *db,
                                                            gint64                   customer_id,
                                                            GError                 **error);

G_END_DECLS
