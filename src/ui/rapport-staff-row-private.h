/* rapport-staff-row-private.h
 *
 * The choices RapportStaffRow and RapportStaffFilter share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-staff-row.h"

G_BEGIN_DECLS

/* The staff as a picker lists them, in order: in ASSIGNEE mode
 * "Unassigned" (0) first; then the default user (0 in OWNER mode, their row
 * id in ASSIGNEE mode), then the others by name. Those who left are listed,
 * marked "(left)", with @include_left, or when their id (in the mode's
 * terms) is @keep_id. @out_labels gets the labels, @out_ids the ids
 * (gint64) at the same positions. FALSE with @error when the staff could not
 * be read. */
gboolean _rapport_staff_choices_read (RapportDatabase       *db,
                                      RapportStaffPickMode   mode,
                                      gboolean               include_left,
                                      gint64                 keep_id,
                                      GtkStringList        **out_labels,
                                      GArray               **out_ids,
                                      GError               **error);
/* The position of @id in @ids, G_MAXUINT when it is not there. */
guint    _rapport_staff_choices_find (GArray                *ids,
                                      gint64                 id);
/* Whether @changes (from the change bus) may concern the staff. */
gboolean _rapport_staff_changes_concern_staff (GArray       *changes);

G_END_DECLS
