/* rapport-date-row.h
 *
 * An entry row for a calendar date: typed as YYYY-MM-DD, or picked in a
 * calendar that a button at its end opens on the date typed. Picking a day
 * writes it in the same form, so the editor's own validation sees it as
 * typed text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_DATE_ROW (rapport_date_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportDateRow, rapport_date_row, RAPPORT, DATE_ROW, AdwEntryRow)

GtkWidget *rapport_date_row_new (void);

G_END_DECLS
