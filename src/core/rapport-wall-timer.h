/* rapport-wall-timer.h
 *
 * A main-loop source that fires at an absolute wall-clock time (UTC unix
 * seconds), for reminders. GLib's timeouts count monotonic time, which stops
 * while the machine is suspended, so a timeout armed for 9:00 before a
 * suspend fires late after it. This source uses a timerfd on CLOCK_REALTIME:
 * it fires at the deadline even across a suspend, at once if the deadline
 * passed while suspended, and also when the wall clock is set (a time-zone or
 * NTP change, the user setting the clock), so the caller can look again at
 * what is due. Linux only; elsewhere it falls back to a monotonic timeout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_WALL_TIMER_DUE,           /* the deadline came */
  RAPPORT_WALL_TIMER_CLOCK_CHANGED, /* the wall clock was set: check what is due */
} RapportWallTimerReason;

/* Return G_SOURCE_REMOVE to stop, or G_SOURCE_CONTINUE after calling
 * rapport_wall_timer_source_set_deadline() again. */
typedef gboolean (*RapportWallTimerFunc) (RapportWallTimerReason reason,
                                          gpointer               user_data);

/* A source armed for @deadline (UTC unix seconds; in the past: at once). */
GSource  *rapport_wall_timer_source_new          (gint64 deadline);
void      rapport_wall_timer_source_set_deadline (GSource *source,
                                                  gint64   deadline);
gint64    rapport_wall_timer_source_get_deadline (GSource *source);

/* Attaches a new source to the thread-default context; returns its id. */
guint     rapport_wall_timer_add                 (gint64               deadline,
                                                  RapportWallTimerFunc func,
                                                  gpointer             user_data,
                                                  GDestroyNotify       notify);

G_END_DECLS
