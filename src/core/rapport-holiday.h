/* rapport-holiday.h
 *
 * The occasions greetings are sent for: Gregorian holidays on fixed dates and
 * Chinese festivals on lunar dates. A registered GEnum whose nicks are the
 * stable keys stored in the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_HOLIDAY_NEW_YEAR,          /* 1-1 */
  RAPPORT_HOLIDAY_NEW_YEARS_EVE,     /* 除夕: the last day of lunar month 12 (29th or 30th) */
  RAPPORT_HOLIDAY_SPRING_FESTIVAL,   /* lunar 1/1 */
  RAPPORT_HOLIDAY_LANTERN,           /* lunar 1/15 */
  RAPPORT_HOLIDAY_WOMENS_DAY,        /* 3-8 */
  RAPPORT_HOLIDAY_LABOUR_DAY,        /* 5-1 */
  RAPPORT_HOLIDAY_DRAGON_BOAT,       /* lunar 5/5 */
  RAPPORT_HOLIDAY_QIXI,              /* lunar 7/7 */
  RAPPORT_HOLIDAY_MID_AUTUMN,        /* lunar 8/15 */
  RAPPORT_HOLIDAY_DOUBLE_NINTH,      /* lunar 9/9 */
  RAPPORT_HOLIDAY_NATIONAL_DAY,      /* 10-1 */
  RAPPORT_HOLIDAY_CHRISTMAS,         /* 12-25 */
} RapportHoliday;

#define RAPPORT_TYPE_HOLIDAY (rapport_holiday_get_type ())

GType        rapport_holiday_get_type     (void) G_GNUC_CONST;

/* The stable key: "new-year", "new-years-eve", "spring-festival", "lantern",
 * "womens-day", "labour-day", "dragon-boat", "qixi", "mid-autumn",
 * "double-ninth", "national-day", "christmas". */
const char  *rapport_holiday_to_string    (RapportHoliday  holiday);
/* FALSE (and @out untouched) for NULL or an unknown key. */
gboolean     rapport_holiday_from_string  (const char     *str,
                                           RapportHoliday *out);
/* The translated name ("Spring Festival", 春节). */
const char  *rapport_holiday_get_label    (RapportHoliday  holiday);

/* The holiday's Gregorian date in Gregorian @year. Every one falls once a
 * year; 除夕 in @year is the eve of the Spring Festival of @year (the end of
 * the lunar year that began the year before). FALSE for the lunar holidays
 * outside the lunar calendar's years, 1900–2100. */
gboolean     rapport_holiday_get_date     (RapportHoliday  holiday,
                                           int             year,
                                           GDate          *out);
/* The first date of the holiday on or after @from. */
gboolean     rapport_holiday_next         (RapportHoliday  holiday,
                                           const GDate    *from,
                                           GDate          *out);

G_END_DECLS
