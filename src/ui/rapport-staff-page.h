/* rapport-staff-page.h
 *
 * Preferences › Staff: the people who own customers and handle work, Me
 * first. Add one by name; open a row to rename them, set their role, mark
 * them as left (with Undo) or back at work. Someone who left but still owns
 * customers or open work says so, with "Hand Over…" when the window that
 * opened Preferences has the action "win.handover" (parameter "x": the
 * staff member's user id). Follows the book's changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_STAFF_PAGE (rapport_staff_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportStaffPage, rapport_staff_page, RAPPORT, STAFF_PAGE, AdwPreferencesPage)

GtkWidget *rapport_staff_page_new         (RapportSession   *session);

/* What someone who leaves still holds, for a person: "Still owns 120
 * customers — hand them over"; NULL when they hold nothing. */
char      *rapport_staff_describe_holdings (const RapportStaffHoldings *holdings);

G_END_DECLS
