/* rapport-handover-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-handover-job"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-handover-job.h"

/* The session's set of people whose handover is running (user id → 1), so
 * a second one is refused before it waits on the first's transaction. */
#define RUNNING_KEY "rapport-handover-running"

struct _RapportHandoverJob
{
  GObject         parent_instance;

  RapportSession *session;
  double          progress;
  gboolean        running;

  /* The worker's latest progress, for the next idle on the caller's context. */
  GMutex          lock;
  double          pending_progress;
  gboolean        progress_scheduled;
};

G_DEFINE_FINAL_TYPE (RapportHandoverJob, rapport_handover_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRESS,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  CALL_GROUPS,
  CALL_PREVIEW,
  CALL_RUN,
  CALL_UNDO,
} CallKind;

typedef struct
{
  CallKind              kind;
  RapportDatabase      *db;       /* the session's, to open the worker from */
  RapportDatabase      *worker;
  RapportHandoverPlan  *plan;
  gint64                from_user_id;
  RapportHandoverRule   rule;
  gint64                handover_id;
  RapportHandoverCounts total;
  guint                 restored;
  guint                 kept;

  /* Progress, from the worker to the caller's context. */
  RapportHandoverJob   *job;
  GMainContext         *context;
} Call;

typedef struct
{
  gint64                handover_id;
  RapportHandoverCounts total;
} RunResult;

static void
call_free (Call *call)
{
  g_assert (call->worker == NULL);
  g_clear_object (&call->db);
  g_clear_pointer (&call->plan, rapport_handover_plan_free);
  g_clear_object (&call->job);
  g_clear_pointer (&call->context, g_main_context_unref);
  g_free (call);
}

static GHashTable *
running_set (RapportSession *session)
{
  GHashTable *running = g_object_get_data (G_OBJECT (session), RUNNING_KEY);

  if (running == NULL)
    {
      running = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (session), RUNNING_KEY, running, (GDestroyNotify) g_hash_table_unref);
    }
  return running;
}

static void
set_running (RapportHandoverJob *self,
             gboolean            running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_progress (RapportHandoverJob *self,
              double              progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* Worker */

static gboolean
progress_idle_cb (gpointer user_data)
{
  RapportHandoverJob *self = user_data;
  double progress;

  g_mutex_lock (&self->lock);
  progress = self->pending_progress;
  self->progress_scheduled = FALSE;
  g_mutex_unlock (&self->lock);

  if (self->running)
    set_progress (self, progress);
  return G_SOURCE_REMOVE;
}

/* On the worker: at most one idle waits on the caller's context. */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Call *call = user_data;
  RapportHandoverJob *self = call->job;
  gboolean schedule;

  g_mutex_lock (&self->lock);
  self->pending_progress = total > 0 ? (double) done / total : 1.0;
  schedule = !self->progress_scheduled;
  self->progress_scheduled = TRUE;
  g_mutex_unlock (&self->lock);

  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, progress_idle_cb, g_object_ref (self), g_object_unref);
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_attach (source, call->context);
      g_source_unref (source);
    }
}

static void
call_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Call *call = task_data;
  g_autoptr (GError) error = NULL;
  gpointer result = NULL;
  GDestroyNotify free_result = NULL;
  gboolean ok = FALSE;

  /* Opened here: opening reads the schema, which the window need not wait for. */
  call->worker = rapport_database_open_worker (call->db, &error);
  if (call->worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (call->kind)
    {
    case CALL_GROUPS:
      result = rapport_store_list_handover_groups (call->worker, call->from_user_id, call->rule, &error);
      free_result = (GDestroyNotify) g_ptr_array_unref;
      break;

    case CALL_PREVIEW:
      result = rapport_store_preview_handover (call->worker, call->plan, cancellable, &error);
      free_result = (GDestroyNotify) rapport_handover_preview_free;
      break;

    case CALL_RUN:
      ok = rapport_store_run_handover (call->worker, call->plan, cancellable, progress_cb, call,
                                       &call->handover_id, &call->total, &error);
      break;

    case CALL_UNDO:
      ok = rapport_store_undo_handover (call->worker, call->handover_id, &call->restored, &call->kept, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  /* Closed here, on the thread that used it. */
  g_clear_object (&call->worker);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (free_result != NULL)
    g_task_return_pointer (task, result, free_result);
  else
    g_task_return_boolean (task, ok);
}

static void
start_call (RapportSession       *session,
            gpointer              source_object,
            Call                 *call,
            GCancellable         *cancellable,
            GAsyncReadyCallback   callback,
            gpointer              user_data,
            gpointer              source_tag)
{
  g_autoptr (GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  RapportDatabase *db = rapport_session_get_database (session);

  g_task_set_source_tag (task, source_tag);
  if (db == NULL)
    {
      call_free (call);
      g_task_return_new_error (task, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN, "%s",
                               _("Could not open the book for the handover"));
      return;
    }

  call->db = g_object_ref (db);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  g_task_run_in_thread (task, call_thread);
}

/* GObject */

static void
rapport_handover_job_dispose (GObject *object)
{
  RapportHandoverJob *self = RAPPORT_HANDOVER_JOB (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_handover_job_parent_class)->dispose (object);
}

static void
rapport_handover_job_finalize (GObject *object)
{
  RapportHandoverJob *self = RAPPORT_HANDOVER_JOB (object);

  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (rapport_handover_job_parent_class)->finalize (object);
}

static void
rapport_handover_job_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportHandoverJob *self = RAPPORT_HANDOVER_JOB (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_handover_job_class_init (RapportHandoverJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_handover_job_dispose;
  object_class->finalize = rapport_handover_job_finalize;
  object_class->get_property = rapport_handover_job_get_property;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_handover_job_init (RapportHandoverJob *self)
{
  g_mutex_init (&self->lock);
}

/* Public API */

/**
 * rapport_handover_job_new:
 * @session: an open session
 *
 * Returns: (transfer full): a job for handovers of @session's book
 */
RapportHandoverJob *
rapport_handover_job_new (RapportSession *session)
{
  RapportHandoverJob *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  self = g_object_new (RAPPORT_TYPE_HANDOVER_JOB, NULL);
  self->session = g_object_ref (session);
  return self;
}

double
rapport_handover_job_get_progress (RapportHandoverJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_HANDOVER_JOB (self), 0.0);
  return self->progress;
}

gboolean
rapport_handover_job_get_running (RapportHandoverJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_HANDOVER_JOB (self), FALSE);
  return self->running;
}

void
rapport_handover_job_list_groups_async (RapportHandoverJob  *self,
                                        gint64               from_user_id,
                                        RapportHandoverRule  rule,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  Call *call;

  g_return_if_fail (RAPPORT_IS_HANDOVER_JOB (self));

  call = g_new0 (Call, 1);
  call->kind = CALL_GROUPS;
  call->from_user_id = from_user_id;
  call->rule = rule;
  start_call (self->session, self, call, cancellable, callback, user_data,
              rapport_handover_job_list_groups_async);
}

GPtrArray *
rapport_handover_job_list_groups_finish (RapportHandoverJob  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rapport_handover_job_preview_async (RapportHandoverJob        *self,
                                    const RapportHandoverPlan *plan,
                                    GCancellable              *cancellable,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data)
{
  Call *call;

  g_return_if_fail (RAPPORT_IS_HANDOVER_JOB (self));
  g_return_if_fail (plan != NULL);

  call = g_new0 (Call, 1);
  call->kind = CALL_PREVIEW;
  call->plan = rapport_handover_plan_copy (plan);
  start_call (self->session, self, call, cancellable, callback, user_data,
              rapport_handover_job_preview_async);
}

RapportHandoverPreview *
rapport_handover_job_preview_finish (RapportHandoverJob  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) outer = user_data;
  RapportHandoverJob *self = g_task_get_source_object (outer);
  Call *call = g_task_get_task_data (G_TASK (result));
  GHashTable *running = running_set (self->session);
  gint64 from_user_id = rapport_handover_plan_get_from_user_id (call->plan);
  GError *error = NULL;

  g_hash_table_remove (running, &from_user_id);
  set_running (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  {
    RunResult *run = g_new0 (RunResult, 1);

    run->handover_id = call->handover_id;
    run->total = call->total;
    g_task_set_task_data (outer, run, g_free);
  }
  set_progress (self, 1.0);
  g_task_return_boolean (outer, TRUE);
}

/**
 * rapport_handover_job_run_async:
 * @self: a job
 * @plan: the handover
 * @cancellable: (nullable): cancels the run, which then writes nothing
 * @callback: called when it is done
 * @user_data: for @callback
 *
 * Runs @plan on a worker connection.
 */
void
rapport_handover_job_run_async (RapportHandoverJob        *self,
                                const RapportHandoverPlan *plan,
                                GCancellable              *cancellable,
                                GAsyncReadyCallback        callback,
                                gpointer                   user_data)
{
  g_autoptr (GTask) outer = NULL;
  GHashTable *running;
  gint64 from_user_id;
  GTask *inner;
  Call *call;

  g_return_if_fail (RAPPORT_IS_HANDOVER_JOB (self));
  g_return_if_fail (plan != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, rapport_handover_job_run_async);
  /* A run that committed reports so even when Cancel came too late. */
  g_task_set_check_cancellable (outer, FALSE);

  running = running_set (self->session);
  from_user_id = rapport_handover_plan_get_from_user_id (plan);
  if (g_hash_table_contains (running, &from_user_id))
    {
      g_autofree char *name = rapport_store_get_user_name (rapport_session_get_database (self->session),
                                                           from_user_id, NULL);

      g_task_return_new_error (outer, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT,
                               _("A handover of %s is already running"), name != NULL ? name : "");
      return;
    }

  call = g_new0 (Call, 1);
  call->kind = CALL_RUN;
  call->plan = rapport_handover_plan_copy (plan);
  call->job = g_object_ref (self);
  call->context = g_main_context_ref_thread_default ();

  g_hash_table_add (running, g_memdup2 (&from_user_id, sizeof from_user_id));
  set_progress (self, 0.0);
  set_running (self, TRUE);

  inner = g_task_new (self, cancellable, run_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, rapport_handover_job_run_async);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, call, (GDestroyNotify) call_free);
  if (rapport_session_get_database (self->session) == NULL)
    g_task_return_new_error (inner, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN, "%s",
                             _("Could not open the book for the handover"));
  else
    {
      call->db = g_object_ref (rapport_session_get_database (self->session));
      g_task_run_in_thread (inner, call_thread);
    }
  g_object_unref (inner);
}

gboolean
rapport_handover_job_run_finish (RapportHandoverJob     *self,
                                 GAsyncResult           *result,
                                 gint64                 *out_handover_id,
                                 RapportHandoverCounts  *out_total,
                                 GError                **error)
{
  RunResult *run;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  run = g_task_get_task_data (G_TASK (result));
  if (out_handover_id != NULL)
    *out_handover_id = run->handover_id;
  if (out_total != NULL)
    *out_total = run->total;
  return TRUE;
}

void
rapport_handover_undo_async (RapportSession      *session,
                             gint64               handover_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Call *call;

  g_return_if_fail (RAPPORT_IS_SESSION (session));

  call = g_new0 (Call, 1);
  call->kind = CALL_UNDO;
  call->handover_id = handover_id;
  start_call (session, session, call, cancellable, callback, user_data, rapport_handover_undo_async);
}

gboolean
rapport_handover_undo_finish (RapportSession  *session,
                              GAsyncResult    *result,
                              guint           *out_restored,
                              guint           *out_kept,
                              GError         **error)
{
  Call *call;

  g_return_val_if_fail (g_task_is_valid (result, session), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  call = g_task_get_task_data (G_TASK (result));
  if (out_restored != NULL)
    *out_restored = call->restored;
  if (out_kept != NULL)
    *out_kept = call->kept;
  return TRUE;
}
