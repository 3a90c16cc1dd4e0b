/* rapport-wall-timer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-wall-timer"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "rapport-wall-timer.h"

typedef struct
{
  GSource   source;
  int       fd;
  gpointer  tag;
  gint64    deadline;
} WallTimerSource;

static void
arm (WallTimerSource *self)
{
  if (self->fd < 0)
    {
      /* No timerfd: a monotonic wait for what remains now, looked at again
       * when it ends (it ends late after a suspend). */
      gint64 remaining = MAX (self->deadline - g_get_real_time () / G_USEC_PER_SEC, 0);

      g_source_set_ready_time (&self->source, g_get_monotonic_time () + remaining * G_USEC_PER_SEC);
      return;
    }

  /* it_value 0 would disarm it: a deadline at or before the epoch is "now". */
  struct itimerspec spec = { .it_value = { .tv_sec = MAX (self->deadline, 1), .tv_nsec = 0 } };

  if (timerfd_settime (self->fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, NULL) != 0)
    g_warning ("Could not arm a wall-clock timer: %s", g_strerror (errno));
}

static gboolean
wall_timer_dispatch (GSource     *source,
                     GSourceFunc  callback,
                     gpointer     user_data)
{
  WallTimerSource *self = (WallTimerSource *) source;
  RapportWallTimerFunc func = (RapportWallTimerFunc) (gpointer) callback;
  RapportWallTimerReason reason;
  guint64 expirations = 0;
  gint64 deadline = self->deadline;
  gboolean again;

  if (self->fd < 0)
    {
      if (g_get_real_time () / G_USEC_PER_SEC < deadline)
        {
          arm (self);
          return G_SOURCE_CONTINUE;
        }
      g_source_set_ready_time (source, -1);
      return func != NULL ? func (RAPPORT_WALL_TIMER_DUE, user_data) : G_SOURCE_REMOVE;
    }

  if (!(g_source_query_unix_fd (source, self->tag) & G_IO_IN))
    return G_SOURCE_CONTINUE;

  if (read (self->fd, &expirations, sizeof expirations) == sizeof expirations)
    reason = RAPPORT_WALL_TIMER_DUE;
  else if (errno == ECANCELED)
    reason = RAPPORT_WALL_TIMER_CLOCK_CHANGED;
  else
    return G_SOURCE_CONTINUE;   /* EAGAIN: nothing after all */

  if (func == NULL)
    return G_SOURCE_REMOVE;

  again = func (reason, user_data);

  /* Woken by a clock change and left as it was: wait for the same deadline,
   * as the new clock counts it. */
  if (again && reason == RAPPORT_WALL_TIMER_CLOCK_CHANGED && self->deadline == deadline)
    arm (self);

  return again;
}

static void
wall_timer_finalize (GSource *source)
{
  WallTimerSource *self = (WallTimerSource *) source;

  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
}

static GSourceFuncs wall_timer_funcs = {
  .dispatch = wall_timer_dispatch,
  .finalize = wall_timer_finalize,
};

/**
 * rapport_wall_timer_source_new:
 * @deadline: UTC unix seconds
 *
 * Returns: (transfer full): a source that fires at @deadline or when the wall
 *   clock is set; its callback is a #RapportWallTimerFunc
 */
GSource *
rapport_wall_timer_source_new (gint64 deadline)
{
  GSource *source = g_source_new (&wall_timer_funcs, sizeof (WallTimerSource));
  WallTimerSource *self = (WallTimerSource *) source;

  g_source_set_static_name (source, "RapportWallTimer");
  self->deadline = deadline;
  self->fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->fd >= 0)
    self->tag = g_source_add_unix_fd (source, self->fd, G_IO_IN);
  else
    g_debug ("No wall-clock timer (%s): falling back to a monotonic timeout", g_strerror (errno));
  arm (self);

  return source;
}

void
rapport_wall_timer_source_set_deadline (GSource *source,
                                        gint64   deadline)
{
  WallTimerSource *self = (WallTimerSource *) source;

  g_return_if_fail (source != NULL && source->source_funcs == &wall_timer_funcs);

  self->deadline = deadline;
  arm (self);
}

gint64
rapport_wall_timer_source_get_deadline (GSource *source)
{
  g_return_val_if_fail (source != NULL && source->source_funcs == &wall_timer_funcs, 0);

  return ((WallTimerSource *) source)->deadline;
}

/**
 * rapport_wall_timer_add:
 * @deadline: UTC unix seconds
 * @func: called at @deadline, or when the wall clock is set
 * @user_data: for @func
 * @notify: (nullable): frees @user_data
 *
 * Returns: the id of the source, attached to the thread-default main context
 */
guint
rapport_wall_timer_add (gint64               deadline,
                        RapportWallTimerFunc func,
                        gpointer             user_data,
                        GDestroyNotify       notify)
{
  g_autoptr (GSource) source = rapport_wall_timer_source_new (deadline);

  g_return_val_if_fail (func != NULL, 0);

  g_source_set_callback (source, (GSourceFunc) (gpointer) func, user_data, notify);
  return g_source_attach (source, g_main_context_get_thread_default ());
}
