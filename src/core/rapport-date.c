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
 * rapport_date_normalize:
 * @input: (nullable): a date as typed
 * @out_ymd: (out) (optional): the date as YYYY-MM-DD
 * @error: return location for a #RAPPORT_VALIDATION_ERROR
 *
 * Returns: %TRUE if @input is a real calendar date
 */
gboolean
rapport_date_normalize (const char  *input,
                        char       **out_ymd,
                        GError     **error)
{
  g_autofree char *text = rapport_text_normalize (input);
  guint fields[3] = { 0, 0, 0 };
  guint lengths[3] = { 0, 0, 0 };
  guint n_fields = 0;
  const char *p = text;

  if (strlen (text) == 8 && strspn (text, "0123456789") == 8)
    {
      /* 20240209 */
      guint value = (guint) g_ascii_strtoull (text, NULL, 10);

      fields[0] = value / 10000;
      fields[1] = value / 100 % 100;
      fields[2] = value % 100;
      lengths[0] = 4;
      lengths[1] = lengths[2] = 2;
      n_fields = 3;
      p = text + 8;
    }
  else
    {
      while (*p != '\0' && n_fields < 3)
        {
          if (!g_ascii_isdigit (*p))
            break;
          while (g_ascii_isdigit (*p) && lengths[n_fields] < 5)
            {
              fields[n_fields] = fields[n_fields] * 10 + (guint) (*p - '0');
              lengths[n_fields]++;
              p++;
            }
          n_fields++;

          /* One separator between fields: "-", "/", ".", a space, or 年 月;
           * only 日 may end the date. */
          if (n_fields == 3)
            {
              if (g_str_has_prefix (p, "日"))
                p += strlen ("日");
              break;
            }
          if (*p == '-' || *p == '/' || *p == '.' || *p == ' ')
            p++;
          else if (g_str_has_prefix (p, n_fields == 1 ? "年" : "月"))
            p += strlen ("年");
          else
            break;
        }
    }

  if (*p != '\0' || n_fields != 3 || lengths[0] != 4 || fields[0] < 1 ||
      lengths[1] < 1 || lengths[1] > 2 || lengths[2] < 1 || lengths[2] > 2 ||
      !g_date_valid_dmy ((GDateDay) fields[2], (GDateMonth) fields[1], (GDateYear) fields[0]))
    {
      set_date_error (error, text);
      return FALSE;
    }

  if (out_ymd != NULL)
    *out_ymd = g_strdup_printf ("%04u-%02u-%02u", fields[0], fields[1], fields[2]);

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
