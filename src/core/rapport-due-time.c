/* rapport-due-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-date.h"
#include "rapport-due-time.h"
#include "rapport-text.h"
#include "rapport-validation.h"

static gboolean
parse_local (const char *local,
             int        *year,
             int        *month,
             int        *day,
             int        *hour,
             int        *minute)
{
  g_autofree char *ymd = NULL;

  if (local == NULL || strlen (local) != 16 || local[10] != ' ' || local[13] != ':' ||
      !g_ascii_isdigit (local[11]) || !g_ascii_isdigit (local[12]) ||
      !g_ascii_isdigit (local[14]) || !g_ascii_isdigit (local[15]))
    return FALSE;

  /* The date part follows the one rule for dates. */
  ymd = g_strndup (local, 10);
  if (!rapport_date_validate (ymd, NULL))
    return FALSE;

  *year = (int) g_ascii_strtoll (local, NULL, 10);
  *month = (int) g_ascii_strtoll (local + 5, NULL, 10);
  *day = (int) g_ascii_strtoll (local + 8, NULL, 10);
  *hour = (local[11] - '0') * 10 + (local[12] - '0');
  *minute = (local[14] - '0') * 10 + (local[15] - '0');

  return *hour < 24 && *minute < 60;
}

static char *
format_local (int year,
              int month,
              int day,
              int hour,
              int minute)
{
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute);
}

/**
 * rapport_due_time_validate:
 * @local: (nullable): a due time as "YYYY-MM-DD HH:MM"
 * @error: return location for a #RAPPORT_VALIDATION_ERROR
 *
 * Returns: %TRUE if @local is a real date and time of day
 */
gboolean
rapport_due_time_validate (const char  *local,
                           GError     **error)
{
  int year, month, day, hour, minute;

  if (parse_local (local, &year, &month, &day, &hour, &minute))
    return TRUE;

  {
    g_autofree char *quoted = rapport_text_truncate (local != NULL ? local : "", 40);

    g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                 /* Translators: %s is the time as given; keep YYYY-MM-DD HH:MM as it is. */
                 _("“%s” is not a date and time: write it as YYYY-MM-DD HH:MM, like 2024-02-29 09:30"),
                 quoted);
  }
  return FALSE;
}

/**
 * rapport_due_time_to_unix:
 * @local: a valid due time (see rapport_due_time_validate())
 * @zone: the time zone it is in
 *
 * Returns: the UTC unix time, or 0 with a critical warning if @local is invalid
 */
gint64
rapport_due_time_to_unix (const char *local,
                          GTimeZone  *zone)
{
  g_autoptr (GDateTime) time = NULL;
  int year, month, day, hour, minute;

  g_return_val_if_fail (zone != NULL, 0);
  g_return_val_if_fail (parse_local (local, &year, &month, &day, &hour, &minute), 0);

  /* GDateTime moves a time in a gap to the end of the gap. */
  time = g_date_time_new (zone, year, month, day, hour, minute, 0);
  g_return_val_if_fail (time != NULL, 0);

  /* Of a repeated hour it picks the later: the earlier one, an hour (half an
   * hour on Lord Howe Island) before, shows the same wall-clock time. */
  for (guint i = 0; i < 2; i++)
    {
      static const gint64 shifts[] = { 3600, 1800 };
      gint64 earlier = g_date_time_to_unix (time) - shifts[i];
      g_autofree char *shown = rapport_due_time_from_unix (earlier, zone);

      if (g_str_equal (shown, local))
        return earlier;
    }

  return g_date_time_to_unix (time);
}

/**
 * rapport_due_time_from_unix:
 * @unix_seconds: a UTC unix time
 * @zone: the time zone to show it in
 *
 * Returns: (transfer full): "YYYY-MM-DD HH:MM" in @zone
 */
char *
rapport_due_time_from_unix (gint64     unix_seconds,
                            GTimeZone *zone)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr (GDateTime) time = NULL;

  g_return_val_if_fail (zone != NULL, NULL);
  g_return_val_if_fail (utc != NULL, NULL);

  time = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

/**
 * rapport_due_time_next:
 * @local: a valid due time
 * @unit: the unit of the recurrence (not %RAPPORT_REPEAT_NONE)
 * @every: how many units apart, at least 1
 * @error: return location for a #RAPPORT_VALIDATION_ERROR
 *
 * Returns: (transfer full) (nullable): the next due time, or %NULL with
 *   @error set
 */
char *
rapport_due_time_next (const char         *local,
                       RapportRepeatUnit   unit,
                       int                 every,
                       GError            **error)
{
  g_autoptr (GDate) date = NULL;
  int year, month, day, hour, minute;

  g_return_val_if_fail (unit != RAPPORT_REPEAT_NONE, NULL);

  if (!rapport_due_time_validate (local, error))
    return NULL;
  parse_local (local, &year, &month, &day, &hour, &minute);

  if (every < 1 || every > 999)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_REPEAT,
                   _("A follow-up repeats every 1 to 999 days, weeks or months"));
      return NULL;
    }

  /* Calendar arithmetic on the date alone: the time of day stays as it is,
   * whatever the zone's offset on the new date. */
  date = g_date_new_dmy (day, month, year);
  switch (unit)
    {
    case RAPPORT_REPEAT_DAYS:
      g_date_add_days (date, every);
      break;

    case RAPPORT_REPEAT_WEEKS:
      g_date_add_days (date, 7 * every);
      break;

    case RAPPORT_REPEAT_MONTHS:
      /* GDate clamps to the month's last day. */
      g_date_add_months (date, every);
      break;

    case RAPPORT_REPEAT_NONE:
    default:
      g_assert_not_reached ();
    }

  return format_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                       hour, minute);
}
