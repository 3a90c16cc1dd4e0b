/* rapport-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-clock"

#include "config.h"

#include "rapport-clock.h"

struct _RapportClock
{
  GObject parent_instance;

  /* Worker threads read the time too. */
  GMutex   mutex;
  gboolean fixed;
  gint64   fixed_time;
};

G_DEFINE_FINAL_TYPE (RapportClock, rapport_clock, G_TYPE_OBJECT)

static void
rapport_clock_finalize (GObject *object)
{
  RapportClock *self = RAPPORT_CLOCK (object);

  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (rapport_clock_parent_class)->finalize (object);
}

static void
rapport_clock_class_init (RapportClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_clock_finalize;
}

static void
rapport_clock_init (RapportClock *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * rapport_clock_new:
 *
 * Returns: (transfer full): a new clock following the system time
 */
RapportClock *
rapport_clock_new (void)
{
  return g_object_new (RAPPORT_TYPE_CLOCK, NULL);
}

/**
 * rapport_clock_get_default:
 *
 * Returns: (transfer none): the process-wide clock
 */
RapportClock *
rapport_clock_get_default (void)
{
  static RapportClock *default_clock;

  if (g_once_init_enter (&default_clock))
    g_once_init_leave (&default_clock, rapport_clock_new ());

  return default_clock;
}

/**
 * rapport_clock_now:
 * @clock: a #RapportClock
 *
 * Returns: the current time in UTC unix seconds
 */
gint64
rapport_clock_now (RapportClock *clock)
{
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_CLOCK (clock), 0);

  g_mutex_lock (&clock->mutex);
  if (clock->fixed)
    now = clock->fixed_time;
  else
    now = g_get_real_time () / G_USEC_PER_SEC;
  g_mutex_unlock (&clock->mutex);

  return now;
}

/**
 * rapport_clock_now_local:
 * @clock: a #RapportClock
 *
 * Returns: (transfer full): the current time in the local time zone
 */
GDateTime *
rapport_clock_now_local (RapportClock *clock)
{
  g_return_val_if_fail (RAPPORT_IS_CLOCK (clock), NULL);

  return g_date_time_new_from_unix_local (rapport_clock_now (clock));
}

/**
 * rapport_clock_set_fixed:
 * @clock: a #RapportClock
 * @unix_seconds: the time to stop at
 *
 * Stops the clock at @unix_seconds until it is advanced or set back to the
 * system time.
 */
void
rapport_clock_set_fixed (RapportClock *clock,
                         gint64        unix_seconds)
{
  g_return_if_fail (RAPPORT_IS_CLOCK (clock));

  g_mutex_lock (&clock->mutex);
  clock->fixed = TRUE;
  clock->fixed_time = unix_seconds;
  g_mutex_unlock (&clock->mutex);
}

/**
 * rapport_clock_advance:
 * @clock: a #RapportClock
 * @seconds: how far to move, may be negative
 *
 * Moves a fixed clock on; a clock following the system time becomes fixed at
 * the current time plus @seconds.
 */
void
rapport_clock_advance (RapportClock *clock,
                       gint64        seconds)
{
  g_return_if_fail (RAPPORT_IS_CLOCK (clock));

  g_mutex_lock (&clock->mutex);
  if (!clock->fixed)
    clock->fixed_time = g_get_real_time () / G_USEC_PER_SEC;
  clock->fixed = TRUE;
  clock->fixed_time += seconds;
  g_mutex_unlock (&clock->mutex);
}

/**
 * rapport_clock_set_system:
 * @clock: a #RapportClock
 *
 * Makes the clock follow the system time again.
 */
void
rapport_clock_set_system (RapportClock *clock)
{
  g_return_if_fail (RAPPORT_IS_CLOCK (clock));

  g_mutex_lock (&clock->mutex);
  clock->fixed = FALSE;
  g_mutex_unlock (&clock->mutex);
}

/**
 * rapport_clock_is_fixed:
 * @clock: a #RapportClock
 *
 * Returns: %TRUE when the clock is stopped at a set time
 */
gboolean
rapport_clock_is_fixed (RapportClock *clock)
{
  gboolean fixed;

  g_return_val_if_fail (RAPPORT_IS_CLOCK (clock), FALSE);

  g_mutex_lock (&clock->mutex);
  fixed = clock->fixed;
  g_mutex_unlock (&clock->mutex);

  return fixed;
}
