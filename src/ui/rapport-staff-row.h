/* rapport-staff-row.h
 *
 * The owner or assignee row of an editor dialog: a combo row listing the
 * working staff, the default user first as "Me". A staff member who left
 * and is the current value stays shown, marked "(left)", but nobody else who
 * left is offered, and once another choice is made they are gone from the
 * list. The row follows the change bus (staff added, renamed, leaving).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-database.h"

G_BEGIN_DECLS

/* Which ids the row (and RapportStaffFilter) speaks in. */
typedef enum
{
  /* customer.owner_id, opportunity.owner_id, follow_up.assignee_id,
   * plan_step.assignee_id: 0 is the default user ("Me"); another staff
   * member by their id. */
  RAPPORT_STAFF_PICK_OWNER,
  /* service_request.assignee_id: 0 is "Unassigned"; the default user by
   * their real row id. */
  RAPPORT_STAFF_PICK_ASSIGNEE,
} RapportStaffPickMode;

#define RAPPORT_TYPE_STAFF_ROW (rapport_staff_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportStaffRow, rapport_staff_row, RAPPORT, STAFF_ROW, AdwComboRow)

/* @db: the session's main connection. The row starts on "Me" (OWNER) or
 * "Unassigned" (ASSIGNEE). Set the title with adw_preferences_row_set_title. */
GtkWidget            *rapport_staff_row_new             (RapportDatabase      *db,
                                                         RapportStaffPickMode  mode);
RapportStaffPickMode  rapport_staff_row_get_mode        (RapportStaffRow      *self);
/* Property "user-id" (gint64, notifies): the chosen id in the mode's terms.
 * Setting an id that is not a staff member falls back to the start value;
 * setting the default user's real id in OWNER mode selects "Me" (reads 0). */
gint64                rapport_staff_row_get_user_id     (RapportStaffRow      *self);
void                  rapport_staff_row_set_user_id     (RapportStaffRow      *self,
                                                         gint64                user_id);

G_END_DECLS
