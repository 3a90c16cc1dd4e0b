/* rapport-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-date"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-date.h"
#include "rapport-text.h"
#include "rapport-validation.h"

static gboolean
parse_ymd (const char *ymd,
           int        *year,
           int        *month,
           int        *day)
{
  if (ymd == NULL || strlen (ymd) != 10 || ymd[4] != '-' || ymd[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (ymd[i]))
        return FALSE;
    }

  *year = (int) g_ascii_strtoll (ymd, NULL, 10);
  *month = (int) g_ascii_strtoll (ymd + 5, NULL, 10);
  *day = (int) g_ascii_strtoll (ymd + 8, NULL, 10);

  return *year >= 1 && g_date_valid_dmy (*day, *month, *year);
}

static void
set_date_error (GError     **error,
                const char  *input)
{
  g_autofree char *quoted = rapport_text_truncate (input, 40);

  g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
               /* Translators: %s is the date as given; keep YYYY-MM-DD as it is. */
               _("“%s” is not a date: write it as YYYY-MM-DD, like 2024-02-29"),
               quoted);
}

/**
 * rapport_date_validate:
 * @ymd: (nullable): a date as YYYY-MM-DD
 * @error: return location for a #RAPPORT_VALIDATION_ERROR
 *
 * Returns: %TRUE if @ymd is a real calendar date
 */
gboolean
rapport_date_validate (const char  *ymd,
                       GError     **error)
{
  int year, month, day;

  if (!parse_ymd (ymd, &year, &month, &day))
    {
      set_date_error (error, ymd);
      return FALSE;
    }

  return TRUE;
}

/**
 * rapport_date_from_unix_local:
 * @unix_seconds: a unix time
 *
 * Returns: (transfer full): its date in the local time zone, YYYY-MM-DD
 */
char *
rapport_date_from_unix_local (gint64 unix_seconds)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (unix_seconds);

  if (local == NULL)
    return g_strdup ("");

  return g_date_time_format (local, "%Y-%m-%d");
}

/**
 * rapport_date_today:
 * @clock: (nullable): the clock, %NULL for the default one
 *
 * Returns: (transfer full): today's local date, YYYY-MM-DD
 */
char *
rapport_date_today (RapportClock *clock)
{
  g_return_val_if_fail (clock == NULL || RAPPORT_IS_CLOCK (clock), NULL);

  if (clock == NULL)
    clock = rapport_clock_get_default ();

  return rapport_date_from_unix_local (rapport_clock_now (clock));
}

/**
 * rapport_date_to_unix_local:
 * @ymd: a valid date as YYYY-MM-DD
 *
 * Returns: the unix time of local midnight at the start of @ymd
 */
gint64
rapport_date_to_unix_local (const char *ymd)
{
  g_autoptr (GDateTime) local = NULL;
  int year, month, day;

  g_return_val_if_fail (parse_ymd (ymd, &year, &month, &day), 0);

  local = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (local == NULL)
    return 0;

  return g_date_time_to_unix (local);
}
