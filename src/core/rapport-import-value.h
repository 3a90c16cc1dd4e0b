/* rapport-import-value.h
 *
 * Cells of an imported file as people and spreadsheets write them, turned
 * into the values Rapport stores: dates in their many forms (and Excel's
 * serial numbers), phone numbers Excel turned into numbers, several values in
 * one cell. The rules of each value (a phone, an e-mail, a date) stay where
 * the dialogs take them from (rapport-phone.h, rapport-date.h, …); this only
 * undoes what files do to them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @cell trimmed, with Excel's leading apostrophe (which forces text: "'0755")
 * removed when what follows is a digit, "+", "-", "=" or "@". */
char      *rapport_import_clean_cell       (const char  *cell);

/* A date as "YYYY-MM-DD" from what people and spreadsheets write (full-width
 * digits accepted): 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, a
 * date-time ("2024-03-05 08:30:00": the time is left out), and Excel's serial
 * numbers as a numeric cell gives them (45356 or 45356.0 → 2024-03-05; five
 * digits, 10000–99999, counted as Excel does, with its fictitious 1900-02-29).
 * With the year last, the day comes first when the first number is over 12
 * (25/12/2024), and otherwise the month (3/5/2024 is March 5th, as Outlook and
 * Excel in US English write dates: the Chinese forms put the year first).
 * Fails with RAPPORT_VALIDATION_ERROR_INVALID_DATE quoting @text. */
gboolean   rapport_import_parse_date       (const char  *text,
                                            char       **out_ymd,
                                            GError     **error);

/* The date of Excel serial number @serial (1900 date system), or NULL when
 * it is out of range (below 1 or past 9999-12-31). */
char      *rapport_import_date_from_serial (gint64       serial);

/* The phone numbers of one cell: split on "," ";" "/" "、" "，" "；" and
 * line breaks, and on runs of spaces between complete numbers ("138 0013
 * 8000" is one number, "13800138000 13900139000" two), each normalised by
 * rapport_phone_normalize with @default_country_code. A number Excel wrote
 * in scientific notation ("1.38001E+10") has lost digits and fails with a
 * message saying so; a whole number with ".0" (a numeric cell) is taken as
 * digits. Duplicates are dropped. Fails (RAPPORT_VALIDATION_ERROR) on the
 * first part that is not a number. An empty cell gives an empty vector. */
GStrv      rapport_import_split_phones     (const char  *cell,
                                            const char  *default_country_code,
                                            GError     **error);

/* The e-mail addresses of one cell (split as phones are, and on spaces),
 * each normalised by rapport_email_normalize. */
GStrv      rapport_import_split_emails     (const char  *cell,
                                            GError     **error);

/* The tags of one cell, split on "," ";" "，" "；" "、", trimmed, each a valid
 * name (rapport_name_validate), without repeats. */
GStrv      rapport_import_split_tags       (const char  *cell,
                                            GError     **error);

G_END_DECLS
