/* rapport-due-bucket.h
 *
 * Where a follow-up stands on the Today page: overdue, today, upcoming (the
 * next seven days) or later, by the LOCAL day its due time falls on in the
 * zone the user is in now. A follow-up due at 9:00 today is due today all day,
 * even at 10:30; one due yesterday at 23:30 is overdue from midnight on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_DUE_BUCKET_OVERDUE,   /* due on a day before today */
  RAPPORT_DUE_BUCKET_TODAY,
  RAPPORT_DUE_BUCKET_UPCOMING,  /* due on one of the next seven days */
  RAPPORT_DUE_BUCKET_LATER,
} RapportDueBucket;

/* How many days after today Upcoming reaches. */
#define RAPPORT_DUE_BUCKET_UPCOMING_DAYS 7

/* The bucket of @due_at (UTC unix seconds) at @now, both seen in @zone. */
RapportDueBucket  rapport_due_bucket_for           (gint64     due_at,
                                                    gint64     now,
                                                    GTimeZone *zone);
/* The UTC instant the local day @days_after days after @now's day begins in
 * @zone (1: the next midnight). A midnight skipped by a daylight-saving change
 * is the first minute after the gap. */
gint64            rapport_due_bucket_day_start     (gint64     now,
                                                    int        days_after,
                                                    GTimeZone *zone);
/* When what Today shows ends: the end of the seventh day after today. */
gint64            rapport_due_bucket_horizon       (gint64     now,
                                                    GTimeZone *zone);
/* When the buckets next change by themselves: the next local midnight. */
gint64            rapport_due_bucket_next_rollover (gint64     now,
                                                    GTimeZone *zone);

G_END_DECLS
