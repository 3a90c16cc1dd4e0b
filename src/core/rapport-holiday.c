/* rapport-holiday.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-holiday"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-holiday.h"
#include "rapport-lunar.h"

G_DEFINE_ENUM_TYPE (RapportHoliday, rapport_holiday,
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_NEW_YEAR, "new-year"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_NEW_YEARS_EVE, "new-years-eve"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_SPRING_FESTIVAL, "spring-festival"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_LANTERN, "lantern"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_WOMENS_DAY, "womens-day"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_LABOUR_DAY, "labour-day"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_DRAGON_BOAT, "dragon-boat"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_QIXI, "qixi"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_MID_AUTUMN, "mid-autumn"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_DOUBLE_NINTH, "double-ninth"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_NATIONAL_DAY, "national-day"),
  G_DEFINE_ENUM_VALUE (RAPPORT_HOLIDAY_CHRISTMAS, "christmas"))

/* In value order. A lunar holiday has a lunar month; 除夕 is worked out from
 * the Spring Festival. */
static const struct
{
  const char *key;
  const char *label;
  gboolean    lunar;
  int         month;
  int         day;
} holidays[] = {
  { "new-year", NC_("Holiday", "New Year’s Day"), FALSE, 1, 1 },
  { "new-years-eve", NC_("Holiday", "Chinese New Year’s Eve"), TRUE, 0, 0 },
  { "spring-festival", NC_("Holiday", "Spring Festival"), TRUE, 1, 1 },
  { "lantern", NC_("Holiday", "Lantern Festival"), TRUE, 1, 15 },
  { "womens-day", NC_("Holiday", "Women’s Day"), FALSE, 3, 8 },
  { "labour-day", NC_("Holiday", "Labour Day"), FALSE, 5, 1 },
  { "dragon-boat", NC_("Holiday", "Dragon Boat Festival"), TRUE, 5, 5 },
  { "qixi", NC_("Holiday", "Qixi Festival"), TRUE, 7, 7 },
  { "mid-autumn", NC_("Holiday", "Mid-Autumn Festival"), TRUE, 8, 15 },
  { "double-ninth", NC_("Holiday", "Double Ninth Festival"), TRUE, 9, 9 },
  { "national-day", NC_("Holiday", "National Day"), FALSE, 10, 1 },
  { "christmas", NC_("Holiday", "Christmas Day"), FALSE, 12, 25 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (holidays) == RAPPORT_HOLIDAY_CHRISTMAS + 1);

const char *
rapport_holiday_to_string (RapportHoliday holiday)
{
  g_return_val_if_fail (holiday <= RAPPORT_HOLIDAY_CHRISTMAS, NULL);

  return holidays[holiday].key;
}

gboolean
rapport_holiday_from_string (const char     *str,
                             RapportHoliday *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    if (g_str_equal (holidays[i].key, str))
      {
        *out = (RapportHoliday) i;
        return TRUE;
      }

  return FALSE;
}

const char *
rapport_holiday_get_label (RapportHoliday holiday)
{
  g_return_val_if_fail (holiday <= RAPPORT_HOLIDAY_CHRISTMAS, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Holiday", holidays[holiday].label);
}

gboolean
rapport_holiday_get_date (RapportHoliday  holiday,
                          int             year,
                          GDate          *out)
{
  GDate date;

  g_return_val_if_fail (holiday <= RAPPORT_HOLIDAY_CHRISTMAS, FALSE);

  if (year < 1 || year > 9999)
    return FALSE;

  g_date_clear (&date, 1);
  if (holiday == RAPPORT_HOLIDAY_NEW_YEARS_EVE)
    {
      /* The eve is the day before lunar 1/1, the 29th or 30th of month 12. */
      if (!rapport_lunar_to_solar (year, 1, 1, FALSE, &date))
        return FALSE;
      g_date_subtract_days (&date, 1);
    }
  else if (holidays[holiday].lunar)
    {
      /* Lunar year @year's months 1–9 lie wholly in Gregorian @year. */
      if (!rapport_lunar_to_solar (year, holidays[holiday].month, holidays[holiday].day, FALSE, &date))
        return FALSE;
    }
  else
    {
      g_date_set_dmy (&date, holidays[holiday].day, holidays[holiday].month, year);
    }

  if (out != NULL)
    *out = date;

  return TRUE;
}

gboolean
rapport_holiday_next (RapportHoliday  holiday,
                      const GDate    *from,
                      GDate          *out)
{
  GDate date;

  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);

  g_date_clear (&date, 1);
  if (rapport_holiday_get_date (holiday, g_date_get_year (from), &date)
      && g_date_compare (&date, from) >= 0)
    {
      if (out != NULL)
        *out = date;
      return TRUE;
    }

  return rapport_holiday_get_date (holiday, g_date_get_year (from) + 1, out);
}
