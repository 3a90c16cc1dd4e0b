/* rapport-due-bucket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-due-bucket.h"
#include "rapport-due-time.h"

/* The local calendar day of @unix_seconds in @zone, as a Julian day number. */
static guint32
local_julian_day (gint64     unix_seconds,
                  GTimeZone *zone)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr (GDateTime) local = NULL;
  int year, month, day;
  GDate date;

  g_return_val_if_fail (utc != NULL, 0);
  local = g_date_time_to_timezone (utc, zone);
  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return g_date_get_julian (&date);
}

/**
 * rapport_due_bucket_for:
 * @due_at: the follow-up's due time, UTC unix seconds
 * @now: UTC unix seconds
 * @zone: the user's time zone
 *
 * Returns: where the follow-up stands on the Today page
 */
RapportDueBucket
rapport_due_bucket_for (gint64     due_at,
                        gint64     now,
                        GTimeZone *zone)
{
  gint64 due_day, today;

  g_return_val_if_fail (zone != NULL, RAPPORT_DUE_BUCKET_LATER);

  due_day = local_julian_day (due_at, zone);
  today = local_julian_day (now, zone);

  if (due_day < today)
    return RAPPORT_DUE_BUCKET_OVERDUE;
  if (due_day == today)
    return RAPPORT_DUE_BUCKET_TODAY;
  if (due_day <= today + RAPPORT_DUE_BUCKET_UPCOMING_DAYS)
    return RAPPORT_DUE_BUCKET_UPCOMING;
  return RAPPORT_DUE_BUCKET_LATER;
}

/**
 * rapport_due_bucket_day_start:
 * @now: UTC unix seconds
 * @days_after: how many days after @now's local day, at least 0
 * @zone: the user's time zone
 *
 * Returns: the UTC unix time that local day begins
 */
gint64
rapport_due_bucket_day_start (gint64     now,
                              int        days_after,
                              GTimeZone *zone)
{
  g_autofree char *midnight = NULL;
  GDate date;

  g_return_val_if_fail (zone != NULL, 0);
  g_return_val_if_fail (days_after >= 0, 0);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, local_julian_day (now, zone));
  g_date_add_days (&date, days_after);
  midnight = g_strdup_printf ("%04d-%02d-%02d 00:00",
                              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));

  return rapport_due_time_to_unix (midnight, zone);
}

gint64
rapport_due_bucket_horizon (gint64     now,
                            GTimeZone *zone)
{
  return rapport_due_bucket_day_start (now, RAPPORT_DUE_BUCKET_UPCOMING_DAYS + 1, zone);
}

gint64
rapport_due_bucket_next_rollover (gint64     now,
                                  GTimeZone *zone)
{
  return rapport_due_bucket_day_start (now, 1, zone);
}
