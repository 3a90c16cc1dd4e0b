/* rapport-date.h
 *
 * Calendar dates (birthdays, order dates) as "YYYY-MM-DD" text, and their link
 * to unix times in the local time zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-clock.h"

G_BEGIN_DECLS

/* A real calendar date written YYYY-MM-DD, years 0001–9999 ("2024-02-29" yes,
 * "2023-02-29" no). Fails with RAPPORT_VALIDATION_ERROR_INVALID_DATE. */
gboolean  rapport_date_validate          (const char    *ymd,
                                          GError       **error);
/* Today's local date by @clock (NULL: the default clock). */
char     *rapport_date_today             (RapportClock  *clock);
/* The local date of a unix time. */
char     *rapport_date_from_unix_local   (gint64         unix_seconds);
/* The unix time of local midnight at the start of @ymd, which must be valid
 * (0 otherwise, with a critical warning). */
gint64    rapport_date_to_unix_local     (const char    *ymd);

G_END_DECLS
