/* rapport-staff-filter.h
 *
 * The owner filter of a list: a drop-down with "Everyone", then the staff
 * ("Me" first, then by name; those who left too, marked "(left)", since
 * what they still own is what one looks for). It follows the change bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rapport-database.h"
#include "rapport-staff-row.h"

G_BEGIN_DECLS

#define RAPPORT_STAFF_FILTER_EVERYONE ((gint64) -1)

#define RAPPORT_TYPE_STAFF_FILTER (rapport_staff_filter_get_type ())

G_DECLARE_FINAL_TYPE (RapportStaffFilter, rapport_staff_filter, RAPPORT, STAFF_FILTER, GtkWidget)

/* @mode: how ids read (see RapportStaffPickMode); in ASSIGNEE mode the list
 * has "Unassigned" (0) after "Everyone". */
GtkWidget *rapport_staff_filter_new          (RapportDatabase      *db,
                                              RapportStaffPickMode  mode);
/* Property "user-id" (gint64, notifies when the user picks another):
 * RAPPORT_STAFF_FILTER_EVERYONE (-1), or an id in the mode's terms. */
gint64     rapport_staff_filter_get_user_id  (RapportStaffFilter   *self);
void       rapport_staff_filter_set_user_id  (RapportStaffFilter   *self,
                                              gint64                user_id);

G_END_DECLS
