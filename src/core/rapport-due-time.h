/* rapport-due-time.h
 *
 * When a follow-up is due. A due time is local wall-clock time, "YYYY-MM-DD
 * HH:MM", in a named time zone, so "every Monday at 9:00" stays at 9:00 across
 * a daylight-saving change; the UTC instant the scheduler waits for is
 * derived from it, and derived again when the zone's rules or the user's zone
 * change. Recurrence steps the local time, never the UTC instant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_REPEAT_NONE,
  RAPPORT_REPEAT_DAYS,
  RAPPORT_REPEAT_WEEKS,
  RAPPORT_REPEAT_MONTHS,
} RapportRepeatUnit;

/* A due time written "YYYY-MM-DD HH:MM" (24-hour). Fails with
 * RAPPORT_VALIDATION_ERROR_INVALID_DATE. */
gboolean  rapport_due_time_validate   (const char         *local,
                                       GError            **error);
/* The UTC unix time of @local in @zone. A time that does not exist there (the
 * hour skipped when clocks go forward) is the first minute after the gap; one
 * that exists twice (the hour repeated when they go back) is the first. */
gint64    rapport_due_time_to_unix    (const char         *local,
                                       GTimeZone          *zone);
/* The local due time of unix time @unix_seconds in @zone. */
char     *rapport_due_time_from_unix  (gint64              unix_seconds,
                                       GTimeZone          *zone);
/* The next occurrence after @local, @every units later, at the same wall-clock
 * time; a month step that lands past a month's end takes its last day (31
 * January + 1 month is 28 or 29 February). @every must be at least 1: fails
 * with RAPPORT_VALIDATION_ERROR_INVALID_REPEAT otherwise. */
char     *rapport_due_time_next       (const char         *local,
                                       RapportRepeatUnit   unit,
                                       int                 every,
                                       GError            **error);

G_END_DECLS
