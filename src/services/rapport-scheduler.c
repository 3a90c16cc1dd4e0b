/* rapport-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-scheduler"

#include "config.h"

#include <gio/gio.h>

#include "rapport-scheduler.h"
#include "rapport-wall-timer.h"

/* A job that is still due right after it ran (its database was busy, say)
 * is tried again this much later, not at once in a loop. */
#define RETRY_SECONDS 60

typedef struct
{
  guint                     id;
  char                     *name;
  RapportSchedulerNextFunc  next;
  RapportSchedulerRunFunc   run;
  gpointer                  user_data;
  GDestroyNotify            destroy;
  gint64                    retry_at;   /* set when it ran and is still due */
} Job;

struct _RapportScheduler
{
  GObject        parent_instance;

  RapportClock  *clock;
  GPtrArray     *jobs;
  guint          last_job_id;
  gint64         armed_deadline;
  GSource       *timer;
  GSource       *reschedule;
  gboolean       checking;
  gboolean       stopped;

  GCancellable  *cancellable;
  GDBusConnection *system_bus;
  guint          sleep_subscription;
  guint          time_zone_subscription;
};

G_DEFINE_FINAL_TYPE (RapportScheduler, rapport_scheduler, G_TYPE_OBJECT)

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->destroy != NULL)
    job->destroy (job->user_data);
  g_free (job->name);
  g_free (job);
}

static Job *
find_job (RapportScheduler *self,
          guint             job_id)
{
  for (guint i = 0; i < self->jobs->len; i++)
    {
      Job *job = g_ptr_array_index (self->jobs, i);

      if (job->id == job_id)
        return job;
    }

  return NULL;
}

/* The wall-clock timer */

static gboolean
timer_cb (RapportWallTimerReason reason,
          gpointer               user_data)
{
  RapportScheduler *self = user_data;

  g_debug ("Woken: %s", reason == RAPPORT_WALL_TIMER_DUE ? "a deadline came" : "the clock was set");

  /* check() re-arms this source or destroys it; either way it stays ours. */
  rapport_scheduler_check (self);

  return self->timer != NULL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
disarm (RapportScheduler *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

static void
arm (RapportScheduler *self,
     gint64            deadline)
{
  self->armed_deadline = deadline;

  /* A fixed clock does not move by itself: whoever fixed it calls check. */
  if (deadline == 0 || self->stopped || rapport_clock_is_fixed (self->clock))
    {
      disarm (self);
      return;
    }

  g_debug ("Armed for %" G_GINT64_FORMAT, deadline);

  if (self->timer != NULL)
    {
      rapport_wall_timer_source_set_deadline (self->timer, deadline);
      return;
    }

  self->timer = rapport_wall_timer_source_new (deadline);
  g_source_set_callback (self->timer, (GSourceFunc) (gpointer) timer_cb, self, NULL);
  g_source_attach (self->timer, g_main_context_get_thread_default ());
}

static gint64
earliest_deadline (RapportScheduler *self,
                   gint64            now)
{
  gint64 earliest = 0;

  for (guint i = 0; i < self->jobs->len; i++)
    {
      Job *job = g_ptr_array_index (self->jobs, i);
      gint64 next = job->next (job->user_data);

      if (next <= 0)
        continue;
      if (next <= now && job->retry_at > now)
        next = job->retry_at;
      if (earliest == 0 || next < earliest)
        earliest = next;
    }

  return earliest;
}

/* The system: suspend and time-zone changes */

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  RapportScheduler *self = user_data;
  gboolean going_to_sleep = TRUE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &going_to_sleep);

  if (!going_to_sleep)
    {
      g_debug ("Resumed from a suspend");
      rapport_scheduler_check (self);
    }
}

static void
time_zone_changed_cb (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  g_debug ("The time settings changed");
  rapport_scheduler_check (user_data);
}

static void
system_bus_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (RapportScheduler) self = g_weak_ref_get (weak);
  g_autoptr (GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);

  g_weak_ref_clear (weak);
  g_free (weak);

  /* No system bus (a container, a test): a timer still wakes us. */
  if (bus == NULL)
    {
      g_debug ("No system bus: %s", error->message);
      return;
    }

  if (self == NULL || self->stopped)
    {
      g_object_unref (bus);
      return;
    }

  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        prepare_for_sleep_cb, self, NULL);
  self->time_zone_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.timedate1",
                                        "org.freedesktop.DBus.Properties", "PropertiesChanged",
                                        "/org/freedesktop/timedate1", "org.freedesktop.timedate1",
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        time_zone_changed_cb, self, NULL);
}

static void
stop_listening (RapportScheduler *self)
{
  g_cancellable_cancel (self->cancellable);

  if (self->system_bus != NULL)
    {
      if (self->sleep_subscription != 0)
        g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
      if (self->time_zone_subscription != 0)
        g_dbus_connection_signal_unsubscribe (self->system_bus, self->time_zone_subscription);
      self->sleep_subscription = 0;
      self->time_zone_subscription = 0;
      g_clear_object (&self->system_bus);
    }
}

/* GObject */

static void
rapport_scheduler_dispose (GObject *object)
{
  RapportScheduler *self = RAPPORT_SCHEDULER (object);

  rapport_scheduler_stop (self);

  G_OBJECT_CLASS (rapport_scheduler_parent_class)->dispose (object);
}

static void
rapport_scheduler_finalize (GObject *object)
{
  RapportScheduler *self = RAPPORT_SCHEDULER (object);

  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (rapport_scheduler_parent_class)->finalize (object);
}

static void
rapport_scheduler_class_init (RapportSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_scheduler_dispose;
  object_class->finalize = rapport_scheduler_finalize;
}

static void
rapport_scheduler_init (RapportScheduler *self)
{
  self->jobs = g_ptr_array_new_with_free_func (job_free);
  self->cancellable = g_cancellable_new ();
}

/* Public API */

/**
 * rapport_scheduler_new:
 * @clock: (nullable): where "now" comes from; the default clock when %NULL
 *
 * Returns: (transfer full): a scheduler with no jobs, listening for resumes and
 *   time-zone changes on the system bus where there is one
 */
RapportScheduler *
rapport_scheduler_new (RapportClock *clock)
{
  RapportScheduler *self = g_object_new (RAPPORT_TYPE_SCHEDULER, NULL);
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  self->clock = g_object_ref (clock != NULL ? clock : rapport_clock_get_default ());
  g_weak_ref_init (weak, self);
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, system_bus_cb, weak);

  return self;
}

/**
 * rapport_scheduler_add_job:
 * @name: for debugging
 * @next: when the job next has something to do
 * @run: does it; called with the clock's now when @next is at or before it
 * @user_data: for @next and @run
 * @destroy: (nullable): frees @user_data when the job is removed
 *
 * Returns: the job's id, for rapport_scheduler_remove_job()
 */
guint
rapport_scheduler_add_job (RapportScheduler         *self,
                           const char               *name,
                           RapportSchedulerNextFunc  next,
                           RapportSchedulerRunFunc   run,
                           gpointer                  user_data,
                           GDestroyNotify            destroy)
{
  Job *job;

  g_return_val_if_fail (RAPPORT_IS_SCHEDULER (self), 0);
  g_return_val_if_fail (next != NULL && run != NULL, 0);
  g_return_val_if_fail (!self->stopped, 0);

  job = g_new0 (Job, 1);
  job->id = ++self->last_job_id;
  job->name = g_strdup (name);
  job->next = next;
  job->run = run;
  job->user_data = user_data;
  job->destroy = destroy;
  g_ptr_array_add (self->jobs, job);

  rapport_scheduler_reschedule (self);

  return job->id;
}

void
rapport_scheduler_remove_job (RapportScheduler *self,
                              guint             job_id)
{
  Job *job;

  g_return_if_fail (RAPPORT_IS_SCHEDULER (self));

  job = find_job (self, job_id);
  if (job == NULL)
    return;

  g_ptr_array_remove (self->jobs, job);
  rapport_scheduler_reschedule (self);
}

static gboolean
reschedule_cb (gpointer user_data)
{
  RapportScheduler *self = user_data;

  g_clear_pointer (&self->reschedule, g_source_unref);
  rapport_scheduler_check (self);

  return G_SOURCE_REMOVE;
}

void
rapport_scheduler_reschedule (RapportScheduler *self)
{
  g_return_if_fail (RAPPORT_IS_SCHEDULER (self));

  if (self->reschedule != NULL || self->stopped)
    return;

  self->reschedule = g_idle_source_new ();
  g_source_set_priority (self->reschedule, G_PRIORITY_DEFAULT);
  g_source_set_static_name (self->reschedule, "RapportScheduler reschedule");
  g_source_set_callback (self->reschedule, reschedule_cb, self, NULL);
  g_source_attach (self->reschedule, g_main_context_get_thread_default ());
}

void
rapport_scheduler_check (RapportScheduler *self)
{
  g_autoptr (GArray) ids = NULL;
  gint64 now;

  g_return_if_fail (RAPPORT_IS_SCHEDULER (self));

  if (self->checking || self->stopped)
    return;

  self->checking = TRUE;
  g_object_ref (self);

  now = rapport_clock_now (self->clock);

  /* A job may add or remove jobs as it runs: go by id. */
  ids = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->jobs->len; i++)
    g_array_append_val (ids, ((Job *) g_ptr_array_index (self->jobs, i))->id);

  for (guint i = 0; i < ids->len && !self->stopped; i++)
    {
      Job *job = find_job (self, g_array_index (ids, guint, i));
      gint64 next;

      if (job == NULL)
        continue;

      next = job->next (job->user_data);
      if (next <= 0 || next > now)
        job->retry_at = 0;
      if (next <= 0 || next > now || job->retry_at > now)
        continue;

      g_debug ("Running “%s”, due at %" G_GINT64_FORMAT, job->name, next);
      job->run (self, now, job->user_data);

      job = find_job (self, g_array_index (ids, guint, i));
      if (job != NULL)
        {
          next = job->next (job->user_data);
          job->retry_at = (next > 0 && next <= now) ? now + RETRY_SECONDS : 0;
        }
    }

  if (!self->stopped)
    arm (self, earliest_deadline (self, now));

  self->checking = FALSE;
  g_object_unref (self);
}

gint64
rapport_scheduler_get_armed_deadline (RapportScheduler *self)
{
  g_return_val_if_fail (RAPPORT_IS_SCHEDULER (self), 0);

  return self->armed_deadline;
}

/**
 * rapport_scheduler_set_clock:
 *
 * Replaces the clock (tests fix one); looks again at what is due.
 */
void
rapport_scheduler_set_clock (RapportScheduler *self,
                             RapportClock     *clock)
{
  g_return_if_fail (RAPPORT_IS_SCHEDULER (self));
  g_return_if_fail (RAPPORT_IS_CLOCK (clock));

  if (g_set_object (&self->clock, clock))
    rapport_scheduler_reschedule (self);
}

RapportClock *
rapport_scheduler_get_clock (RapportScheduler *self)
{
  g_return_val_if_fail (RAPPORT_IS_SCHEDULER (self), NULL);

  return self->clock;
}

void
rapport_scheduler_stop (RapportScheduler *self)
{
  g_return_if_fail (RAPPORT_IS_SCHEDULER (self));

  if (self->stopped)
    return;

  self->stopped = TRUE;
  if (self->reschedule != NULL)
    {
      g_source_destroy (self->reschedule);
      g_clear_pointer (&self->reschedule, g_source_unref);
    }
  disarm (self);
  self->armed_deadline = 0;
  stop_listening (self);
  g_ptr_array_set_size (self->jobs, 0);
}
