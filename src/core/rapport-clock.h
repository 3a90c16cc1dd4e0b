/* rapport-clock.h
 *
 * The one source of "now" in Rapport. Code asks the clock instead of the system,
 * so tests can fix or advance time instead of sleeping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLOCK (rapport_clock_get_type ())

G_DECLARE_FINAL_TYPE (RapportClock, rapport_clock, RAPPORT, CLOCK, GObject)

RapportClock *rapport_clock_new           (void);
/* The process-wide clock (transfer none); follows the system time until fixed. */
RapportClock *rapport_clock_get_default   (void);
/* UTC unix seconds. Safe to call from any thread. */
gint64        rapport_clock_now           (RapportClock *clock);
/* "now" in the local time zone (the TZ environment), full reference. */
GDateTime    *rapport_clock_now_local     (RapportClock *clock);
/* Stops the clock at @unix_seconds. */
void          rapport_clock_set_fixed     (RapportClock *clock,
                                           gint64        unix_seconds);
/* Moves the clock on by @seconds (may be negative); a clock following the
 * system time becomes fixed at now + @seconds. */
void          rapport_clock_advance       (RapportClock *clock,
                                           gint64        seconds);
/* Follows the system time again. */
void          rapport_clock_set_system    (RapportClock *clock);
gboolean      rapport_clock_is_fixed      (RapportClock *clock);

G_END_DECLS
