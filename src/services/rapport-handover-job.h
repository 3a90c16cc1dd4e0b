/* rapport-handover-job.h
 *
 * A handover (rapport-handover-store.h) of one session's book, on worker
 * connections: the groups a rule offers, the preview and the run, each in a
 * thread of its own so the window stays responsive, with progress and
 * Cancel (a cancelled run writes nothing). A second handover of a person
 * while one of theirs runs in the session is refused at once
 * (RAPPORT_DATABASE_ERROR_CONFLICT); the run's own transaction refuses it
 * across sessions and processes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-session.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_HANDOVER_JOB (rapport_handover_job_get_type ())

G_DECLARE_FINAL_TYPE (RapportHandoverJob, rapport_handover_job, RAPPORT, HANDOVER_JOB, GObject)

/* Property "progress" (double, 0–1, read-only): the run's, notified on the
 * thread-default main context of the caller of rapport_handover_job_run_async. */
RapportHandoverJob     *rapport_handover_job_new                (RapportSession             *session);
double                  rapport_handover_job_get_progress       (RapportHandoverJob         *self);
/* Whether a run of this job is under way. */
gboolean                rapport_handover_job_get_running        (RapportHandoverJob         *self);

void                    rapport_handover_job_list_groups_async  (RapportHandoverJob         *self,
                                                                 gint64                      from_user_id,
                                                                 RapportHandoverRule         rule,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
/* (element-type RapportHandoverGroup) */
GPtrArray              *rapport_handover_job_list_groups_finish (RapportHandoverJob         *self,
                                                                 GAsyncResult               *result,
                                                                 GError                    **error);

void                    rapport_handover_job_preview_async      (RapportHandoverJob         *self,
                                                                 const RapportHandoverPlan  *plan,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
RapportHandoverPreview *rapport_handover_job_preview_finish     (RapportHandoverJob         *self,
                                                                 GAsyncResult               *result,
                                                                 GError                    **error);

void                    rapport_handover_job_run_async          (RapportHandoverJob         *self,
                                                                 const RapportHandoverPlan  *plan,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
/* @out_handover_id, @out_total: nullable. */
gboolean                rapport_handover_job_run_finish         (RapportHandoverJob         *self,
                                                                 GAsyncResult               *result,
                                                                 gint64                     *out_handover_id,
                                                                 RapportHandoverCounts      *out_total,
                                                                 GError                    **error);

/* rapport_store_undo_handover on a worker connection of @session. */
void                    rapport_handover_undo_async             (RapportSession             *session,
                                                                 gint64                      handover_id,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
/* @out_restored, @out_kept: nullable. */
gboolean                rapport_handover_undo_finish            (RapportSession             *session,
                                                                 GAsyncResult               *result,
                                                                 guint                      *out_restored,
                                                                 guint                      *out_kept,
                                                                 GError                    **error);

G_END_DECLS
