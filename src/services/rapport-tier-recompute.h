/* rapport-tier-recompute.h
 *
 * The recomputation of value tiers (issue 10), owned by the session like the
 * churn check: a job of the session's scheduler that runs once per local
 * day at RAPPORT_TIER_RECOMPUTE_HOUR (or at the next start, when Rapport was
 * not running then; schedule state "tier-recompute", the local day number),
 * on a worker connection, with the session's tier rules and default
 * currency. After a daily run that moved customers into or out of the top
 * tiers (platinum, gold), ONE summary notification names them (key "tiers",
 * page "customers"); none when nothing moved. When the session's tier rules
 * change, it runs again as soon as the one running (if any) is done, without
 * a notification; "Recompute Now" is rapport_tier_recompute_run_async.
 * Sample data gets tiers too, but no notification; a read-only file none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TIER_RECOMPUTE_HOUR 8
#define RAPPORT_TIER_RECOMPUTE_STATE "tier-recompute"

#define RAPPORT_TYPE_TIER_RECOMPUTE (rapport_tier_recompute_get_type ())

G_DECLARE_FINAL_TYPE (RapportTierRecompute, rapport_tier_recompute, RAPPORT, TIER_RECOMPUTE, GObject)

/* Signal "recomputed" (gpointer run): after each successful run, daily,
 * after a rules change or asked for, with its RapportTierRun (owned by the
 * emitter) so the UI can show the not-computed reason and missing rates. */

typedef struct _RapportSession RapportSession;

/* The recomputation of @session (open; it owns this and outlives it). */
RapportTierRecompute *rapport_tier_recompute_new          (RapportSession        *session);
/* The UTC instant of the next daily run by the scheduler's clock; 0 while
 * one runs, after stop, or for a read-only file. */
gint64                rapport_tier_recompute_get_next     (RapportTierRecompute  *self);
/* Whether a run is on a worker. */
gboolean              rapport_tier_recompute_is_running   (RapportTierRecompute  *self);
/* Recomputes now on a worker connection ("Recompute Now"), with the
 * session's rules; no notification. */
void                  rapport_tier_recompute_run_async    (RapportTierRecompute  *self,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
/* Returns: (transfer full): what the run did (its not_computed_reason set
 * when there was nothing to compute from), or NULL with @error. */
RapportTierRun       *rapport_tier_recompute_run_finish   (RapportTierRecompute  *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);
/* Leaves the scheduler (the session closes) after waiting for a run on its
 * worker to let go of the file; a running run's result is dropped. */
void                  rapport_tier_recompute_stop         (RapportTierRecompute  *self);

G_END_DECLS
