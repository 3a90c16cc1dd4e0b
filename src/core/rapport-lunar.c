/* rapport-lunar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-lunar"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>
#include <lunar-date/lunar-date.h>

#include "rapport-lunar.h"

#define FIRST_YEAR 1900
#define LAST_YEAR 2100

/* Month and day names, so Chinese shows "八月十五" and other languages "8/15". */
static const char * const month_names[] = {
  NC_("Lunar month", "1"), NC_("Lunar month", "2"), NC_("Lunar month", "3"),
  NC_("Lunar month", "4"), NC_("Lunar month", "5"), NC_("Lunar month", "6"),
  NC_("Lunar month", "7"), NC_("Lunar month", "8"), NC_("Lunar month", "9"),
  NC_("Lunar month", "10"), NC_("Lunar month", "11"), NC_("Lunar month", "12"),
};

static const char * const day_names[] = {
  NC_("Lunar day", "1"), NC_("Lunar day", "2"), NC_("Lunar day", "3"),
  NC_("Lunar day", "4"), NC_("Lunar day", "5"), NC_("Lunar day", "6"),
  NC_("Lunar day", "7"), NC_("Lunar day", "8"), NC_("Lunar day", "9"),
  NC_("Lunar day", "10"), NC_("Lunar day", "11"), NC_("Lunar day", "12"),
  NC_("Lunar day", "13"), NC_("Lunar day", "14"), NC_("Lunar day", "15"),
  NC_("Lunar day", "16"), NC_("Lunar day", "17"), NC_("Lunar day", "18"),
  NC_("Lunar day", "19"), NC_("Lunar day", "20"), NC_("Lunar day", "21"),
  NC_("Lunar day", "22"), NC_("Lunar day", "23"), NC_("Lunar day", "24"),
  NC_("Lunar day", "25"), NC_("Lunar day", "26"), NC_("Lunar day", "27"),
  NC_("Lunar day", "28"), NC_("Lunar day", "29"), NC_("Lunar day", "30"),
};

/* One LunarDate for the process, behind a lock: making one parses
 * lunar-date's holiday table, and lunar_date_free() does not free the object
 * (nor does unreffing it free the insides). */
G_LOCK_DEFINE_STATIC (calendar);
static LunarDate *calendar;

static LunarDate *
calendar_lock (void)
{
  G_LOCK (calendar);
  if (calendar == NULL)
    calendar = lunar_date_new ();

  return calendar;
}

static void
calendar_unlock (void)
{
  G_UNLOCK (calendar);
}

/* Reads "a-b-c" as lunar-date's numeric strftime writes it; a leading "*" on
 * the middle number marks a leap month. */
static gboolean
parse_triple (const char *text,
              int        *a,
              int        *b,
              int        *c,
              gboolean   *starred)
{
  char *end;

  *a = strtol (text, &end, 10);
  if (*end != '-')
    return FALSE;
  text = end + 1;
  *starred = (*text == '*');
  if (*starred)
    text++;
  *b = strtol (text, &end, 10);
  if (*end != '-')
    return FALSE;
  *c = strtol (end + 1, &end, 10);

  return *end == '\0';
}

/* The Julian day (GDate's) of a lunar date, asked of lunar-date; the caller
 * holds the calendar lock. */
static gboolean
library_to_julian (LunarDate *lunar,
                   int        lunar_year,
                   int        lunar_month,
                   int        lunar_day,
                   gboolean   leap_month,
                   guint32   *out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *solar = NULL;
  int year, month, day;
  gboolean starred;
  GDate date;

  lunar_date_set_lunar_date (lunar, lunar_year, lunar_month, lunar_day, 0, leap_month, &error);
  if (error != NULL)
    return FALSE;

  solar = lunar_date_strftime (lunar, "%(year)-%(month)-%(day)");
  if (!parse_triple (solar, &year, &month, &day, &starred) || !g_date_valid_dmy (day, month, year))
    return FALSE;

  if (out != NULL)
    {
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, day, month, year);
      *out = g_date_get_julian (&date);
    }

  return TRUE;
}

/* Where each month of a lunar year starts and how long it is, worked out once
 * per year: converting through lunar-date costs tens of microseconds, and a
 * birthday or holiday needs several conversions. */
typedef struct
{
  gboolean filled;
  int      leap_month;   /* 0 when the year has none */
  guint32  start[13];    /* Julian day of day 1 of months 1–12 */
  guint8   days[13];     /* 29 or 30; 0 when lunar-date lacks the month */
  guint32  leap_start;
  guint8   leap_days;
} LunarYear;

static LunarYear lunar_years[LAST_YEAR - FIRST_YEAR + 1];

static void
fill_year (LunarDate *lunar,
           int        year,
           LunarYear *table)
{
  for (int month = 1; month <= 12; month++)
    {
      if (library_to_julian (lunar, year, month, 1, FALSE, &table->start[month]))
        table->days[month] = library_to_julian (lunar, year, month, 30, FALSE, NULL) ? 30 : 29;

      if (table->leap_month == 0 && library_to_julian (lunar, year, month, 1, TRUE, &table->leap_start))
        {
          table->leap_month = month;
          table->leap_days = library_to_julian (lunar, year, month, 30, TRUE, NULL) ? 30 : 29;
        }
    }

  table->filled = TRUE;
}

/* The first day and the length of a lunar month; FALSE when there is no such month. */
static gboolean
lookup_month (int       lunar_year,
              int       lunar_month,
              gboolean  leap_month,
              guint32  *out_start,
              int      *out_days)
{
  LunarDate *lunar;
  LunarYear *table;
  guint32 start;
  int days;

  if (lunar_year < FIRST_YEAR || lunar_year > LAST_YEAR || lunar_month < 1 || lunar_month > 12)
    return FALSE;

  table = &lunar_years[lunar_year - FIRST_YEAR];
  lunar = calendar_lock ();
  if (!table->filled)
    fill_year (lunar, lunar_year, table);
  calendar_unlock ();

  if (leap_month)
    {
      if (table->leap_month != lunar_month)
        return FALSE;
      start = table->leap_start;
      days = table->leap_days;
    }
  else
    {
      start = table->start[lunar_month];
      days = table->days[lunar_month];
    }

  if (days == 0)
    return FALSE;

  *out_start = start;
  *out_days = days;
  return TRUE;
}

gboolean
rapport_lunar_to_solar (int       lunar_year,
                        int       lunar_month,
                        int       lunar_day,
                        gboolean  leap_month,
                        GDate    *out)
{
  guint32 start;
  int days;

  if (!lookup_month (lunar_year, lunar_month, leap_month, &start, &days)
      || lunar_day < 1 || lunar_day > days)
    return FALSE;

  if (out != NULL)
    g_date_set_julian (out, start + lunar_day - 1);

  return TRUE;
}

gboolean
rapport_lunar_from_solar (const GDate *date,
                          int         *lunar_year,
                          int         *lunar_month,
                          int         *lunar_day,
                          gboolean    *leap_month)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  LunarDate *lunar;
  int year, month, day;
  gboolean leap;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  /* lunar-date starts at lunar 1900-01-01, Gregorian 1900-01-31. */
  if (g_date_get_year (date) < FIRST_YEAR || g_date_get_year (date) > LAST_YEAR
      || (g_date_get_year (date) == FIRST_YEAR && g_date_get_month (date) == G_DATE_JANUARY))
    return FALSE;

  lunar = calendar_lock ();
  lunar_date_set_solar_date (lunar, g_date_get_year (date), g_date_get_month (date),
                             g_date_get_day (date), 0, &error);
  if (error == NULL)
    text = lunar_date_strftime (lunar, "%(nian)-%(yue)-%(ri)");
  calendar_unlock ();

  if (error != NULL)
    return FALSE;
  if (!parse_triple (text, &year, &month, &day, &leap)
      || month < 1 || month > 12 || day < 1 || day > 30)
    return FALSE;

  if (lunar_year != NULL)
    *lunar_year = year;
  if (lunar_month != NULL)
    *lunar_month = month;
  if (lunar_day != NULL)
    *lunar_day = day;
  if (leap_month != NULL)
    *leap_month = leap;

  return TRUE;
}

char *
rapport_lunar_format (const GDate *date)
{
  int month, day;
  gboolean leap;
  const char *month_name;
  g_autofree char *leap_month_name = NULL;

  if (!rapport_lunar_from_solar (date, NULL, &month, &day, &leap))
    return NULL;

  month_name = g_dpgettext2 (GETTEXT_PACKAGE, "Lunar month", month_names[month - 1]);
  if (leap)
    {
      /* Translators: a leap lunar month; %s is the month's name */
      leap_month_name = g_strdup_printf (C_("Lunar month", "leap %s"), month_name);
      month_name = leap_month_name;
    }

  /* Translators: a lunar calendar date; %1$s is the month's name and %2$s the
   * day's, as translated with the contexts "Lunar month" and "Lunar day" */
  return g_strdup_printf (_("Lunar %1$s/%2$s"), month_name,
                          g_dpgettext2 (GETTEXT_PACKAGE, "Lunar day", day_names[day - 1]));
}

int
rapport_lunar_month_days (int      lunar_year,
                          int      lunar_month,
                          gboolean leap_month)
{
  guint32 start;
  int days;

  return lookup_month (lunar_year, lunar_month, leap_month, &start, &days) ? days : 0;
}

/* Strict "YYYY-MM-DD" with the numbers in range for either calendar. */
static gboolean
parse_birthday (const char *birthday,
                int        *year,
                int        *month,
                int        *day)
{
  if (birthday == NULL || strlen (birthday) != 10 || birthday[4] != '-' || birthday[7] != '-')
    return FALSE;

  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (birthday[i]))
      return FALSE;

  *year = atoi (birthday);
  *month = atoi (birthday + 5);
  *day = atoi (birthday + 8);

  return *year >= 1 && *month >= 1 && *month <= 12 && *day >= 1 && *day <= 31;
}

/* The birthday's occurrences whose Gregorian date is in @year, in date order:
 * up to two for a lunar birthday. Returns how many. */
static guint
occurrences_in_year (const char *birthday,
                     gboolean    lunar,
                     int         year,
                     GDate       out[2])
{
  int birth_year, month, day;
  guint count = 0;

  if (!parse_birthday (birthday, &birth_year, &month, &day) || year < 1 || year > 9999)
    return 0;

  if (!lunar)
    {
      if (!g_date_valid_dmy (day, month, birth_year))
        return 0;
      if (month == 2 && day == 29 && !g_date_is_leap_year (year))
        day = 28;
      g_date_clear (&out[0], 1);
      g_date_set_dmy (&out[0], day, month, year);
      return 1;
    }

  if (day > 30)
    return 0;

  /* Lunar year Y begins between Jan 21 and Feb 20 of Gregorian Y, so a
   * Gregorian year holds the end of lunar year Y-1 and most of lunar year Y. */
  for (int lunar_year = year - 1; lunar_year <= year; lunar_year++)
    {
      int month_days = rapport_lunar_month_days (lunar_year, month, FALSE);
      GDate date;

      g_date_clear (&date, 1);
      if (month_days == 0
          || !rapport_lunar_to_solar (lunar_year, month, MIN (day, month_days), FALSE, &date)
          || g_date_get_year (&date) != year)
        continue;
      out[count++] = date;
    }

  return count;
}

gboolean
rapport_birthday_in_year (const char *birthday,
                          gboolean    lunar,
                          int         year,
                          GDate      *out)
{
  GDate dates[2];

  if (occurrences_in_year (birthday, lunar, year, dates) == 0)
    return FALSE;

  if (out != NULL)
    *out = dates[0];

  return TRUE;
}

gboolean
rapport_birthday_next (const char  *birthday,
                       gboolean     lunar,
                       const GDate *from,
                       GDate       *out)
{
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);

  /* Two years on, since a lunar birthday can skip a Gregorian year. */
  for (int year = g_date_get_year (from); year <= g_date_get_year (from) + 2; year++)
    {
      GDate dates[2];
      guint count = occurrences_in_year (birthday, lunar, year, dates);

      for (guint i = 0; i < count; i++)
        if (g_date_compare (&dates[i], from) >= 0)
          {
            if (out != NULL)
              *out = dates[i];
            return TRUE;
          }
    }

  return FALSE;
}
