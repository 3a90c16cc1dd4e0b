/* rapport-time-row.h
 *
 * An entry row for a time of day: typed as HH:MM, or picked with hour and
 * minute spin buttons that a button at its end opens on the time typed.
 * Picking writes the time in the same form, so the editor's own validation
 * sees it as typed text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_TIME_ROW (rapport_time_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportTimeRow, rapport_time_row, RAPPORT, TIME_ROW, AdwEntryRow)

GtkWidget *rapport_time_row_new (void);

G_END_DECLS
