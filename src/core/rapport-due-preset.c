/* rapport-due-preset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-due-preset.h"

#define MORNING_HOUR 9

static GDateTime *
at_hour (GDateTime *day,
         int        hour)
{
  return g_date_time_new (g_date_time_get_timezone (day),
                          g_date_time_get_year (day),
                          g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day),
                          hour, 0, 0);
}

/* The next Monday strictly after @now's day, at @hour. */
static GDateTime *
next_monday (GDateTime *now,
             int        hour)
{
  int days = 8 - g_date_time_get_day_of_week (now);  /* Monday is 1 */
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return at_hour (day, hour);
}

static char *
format_local (GDateTime *when)
{
  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

char *
rapport_due_preset_apply (RapportDuePreset  preset,
                          GDateTime        *now)
{
  g_autoptr(GDateTime) due = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  switch (preset)
    {
    case RAPPORT_DUE_PRESET_IN_AN_HOUR:
      {
        g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
        int minute = g_date_time_get_minute (later);
        int round_up = (5 - minute % 5) % 5;
        g_autoptr(GDateTime) whole = g_date_time_add_full (later, 0, 0, 0, 0, round_up,
                                                           -g_date_time_get_seconds (later));
        due = g_date_time_ref (whole);
      }
      break;

    case RAPPORT_DUE_PRESET_THIS_AFTERNOON:
      {
        int hour = g_date_time_get_hour (now);

        if (hour < 14)
          due = at_hour (now, 14);
        else if (hour < 17)
          due = at_hour (now, 17);
        else
          {
            g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
            due = at_hour (tomorrow, 14);
          }
      }
      break;

    case RAPPORT_DUE_PRESET_TOMORROW_MORNING:
      {
        g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
        due = at_hour (tomorrow, MORNING_HOUR);
      }
      break;

    case RAPPORT_DUE_PRESET_NEXT_MONDAY:
      due = next_monday (now, MORNING_HOUR);
      break;

    case RAPPORT_DUE_PRESET_IN_A_MONTH:
      {
        /* g_date_time_add_months keeps the day, clamped to the month's end. */
        g_autoptr(GDateTime) month_on = g_date_time_add_months (now, 1);
        due = at_hour (month_on, MORNING_HOUR);
      }
      break;

    case RAPPORT_N_DUE_PRESETS:
    default:
      g_return_val_if_reached (NULL);
    }

  return format_local (due);
}

const char *
rapport_due_preset_get_label (RapportDuePreset preset)
{
  switch (preset)
    {
    case RAPPORT_DUE_PRESET_IN_AN_HOUR:
      return _("In an Hour");
    case RAPPORT_DUE_PRESET_THIS_AFTERNOON:
      return _("This Afternoon");
    case RAPPORT_DUE_PRESET_TOMORROW_MORNING:
      return _("Tomorrow Morning");
    case RAPPORT_DUE_PRESET_NEXT_MONDAY:
      return _("Next Monday");
    case RAPPORT_DUE_PRESET_IN_A_MONTH:
      return _("In a Month");
    case RAPPORT_N_DUE_PRESETS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gint64
rapport_snooze_until (RapportSnooze  snooze,
                      GDateTime     *now)
{
  g_autoptr(GDateTime) until = NULL;

  g_return_val_if_fail (now != NULL, 0);

  switch (snooze)
    {
    case RAPPORT_SNOOZE_ONE_HOUR:
      until = g_date_time_add_hours (now, 1);
      break;

    case RAPPORT_SNOOZE_TOMORROW_MORNING:
      {
        g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
        until = at_hour (tomorrow, MORNING_HOUR);
      }
      break;

    case RAPPORT_SNOOZE_NEXT_WEEK:
      until = next_monday (now, MORNING_HOUR);
      break;

    case RAPPORT_N_SNOOZES:
    default:
      g_return_val_if_reached (0);
    }

  return g_date_time_to_unix (until);
}

const char *
rapport_snooze_get_label (RapportSnooze snooze)
{
  switch (snooze)
    {
    case RAPPORT_SNOOZE_ONE_HOUR:
      return _("For an Hour");
    case RAPPORT_SNOOZE_TOMORROW_MORNING:
      return _("Until Tomorrow 9:00");
    case RAPPORT_SNOOZE_NEXT_WEEK:
      return _("Until Next Week");
    case RAPPORT_N_SNOOZES:
    default:
      g_return_val_if_reached (NULL);
    }
}
