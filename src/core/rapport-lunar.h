/* rapport-lunar.h
 *
 * The Chinese lunar calendar (through lunar-date, for years 1900–2100) and
 * birthdays, which may be kept in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Gregorian date of lunar @lunar_year/@lunar_month/@lunar_day (in the leap
 * month of that number when @leap_month). FALSE, leaving @out alone, outside
 * lunar years 1900–2100, for a leap month the year does not have, or for a day
 * the month does not have (a 30th in a 29-day month). */
gboolean  rapport_lunar_to_solar          (int          lunar_year,
                                           int          lunar_month,
                                           int          lunar_day,
                                           gboolean     leap_month,
                                           GDate       *out);

/* The lunar date of a Gregorian @date. FALSE outside the range lunar-date
 * covers (1900-01-31 to the end of 2100). Out arguments are nullable. */
gboolean  rapport_lunar_from_solar        (const GDate *date,
                                           int         *lunar_year,
                                           int         *lunar_month,
                                           int         *lunar_day,
                                           gboolean    *leap_month);

/* @date's lunar month and day for display: "农历八月十五" and "农历闰六月初一" in
 * Chinese, "Lunar 8/15" and "Lunar leap 6/1" in other languages. NULL outside
 * the range. */
char     *rapport_lunar_format            (const GDate *date);

/* The number of days (29 or 30) of a lunar month, 0 when there is no such month. */
int       rapport_lunar_month_days        (int          lunar_year,
                                           int          lunar_month,
                                           gboolean     leap_month);

/* A birthday is stored as "YYYY-MM-DD" text and a lunar flag; for a lunar
 * birthday the numbers are the lunar year, month and day of birth (the year may
 * be unknown and is not used beyond the lunar calendar's range checks).
 *
 * Sets @out to the Gregorian date on which the birthday falls in Gregorian
 * @year. A lunar birthday is kept in the ordinary month of its number even when
 * born in a leap month, and on the month's last day (29th) when it has no 30th.
 * A Gregorian 02-29 falls on 02-28 in common years. A lunar birthday falls once
 * in most Gregorian years, but late in the 12th lunar month it can miss a year
 * (the occurrence moves into January of the next) or fall twice (January and
 * December); then the first in @year is given, and FALSE when there is none.
 * FALSE too for text that is not a date or a year outside the lunar calendar. */
gboolean  rapport_birthday_in_year        (const char  *birthday,
                                           gboolean     lunar,
                                           int          year,
                                           GDate       *out);

/* The first occurrence of the birthday on or after @from. */
gboolean  rapport_birthday_next           (const char  *birthday,
                                           gboolean     lunar,
                                           const GDate *from,
                                           GDate       *out);

G_END_DECLS
