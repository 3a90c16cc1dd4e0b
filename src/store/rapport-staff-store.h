/* rapport-staff-store.h
 *
 * Staff (员工, issue 9): the user rows. The first row is the default user
 * ("Me"); an owner_id / assignee_id of NULL (0 in C) names them, except
 * service_request.assignee_id where NULL is "unassigned". Included by
 * rapport-store.h.
 *
 * Every write is one transaction, announced on the change bus after it
 * commits as a RAPPORT_ENTITY_KIND_USER change (customer 0); bad input fails
 * with RAPPORT_DATABASE_ERROR_INVALID and a user-facing message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-staff-member.h"

G_BEGIN_DECLS

/* GListModel of RapportStaffMember: the default user first, then by name
 * (collated); those who left only with @include_left. */
GListModel         *rapport_store_list_staff            (RapportDatabase  *db,
                                                         gboolean          include_left,
                                                         GError          **error);
/* @user_id 0 names the default user. NOT_FOUND when there is no such user. */
RapportStaffMember *rapport_store_get_staff_member      (RapportDatabase  *db,
                                                         gint64            user_id,
                                                         GError          **error);
/* The default user's real row id. */
gint64              rapport_store_get_default_user_id   (RapportDatabase  *db,
                                                         GError          **error);
/* Adds a working staff member. @name is required (trimmed; INVALID when
 * empty or when a staff member, left or not, already has exactly this
 * name); @role (nullable) may be empty. Returns the new id, 0 on error. */
gint64              rapport_store_add_staff_member      (RapportDatabase  *db,
                                                         const char       *name,
                                                         const char       *role,
                                                         GError          **error);
/* The same rules as adding; renaming to one's own name is fine. */
gboolean            rapport_store_rename_staff_member   (RapportDatabase  *db,
                                                         gint64            user_id,
                                                         const char       *name,
                                                         GError          **error);
/* @role NULL or "" clears it. */
gboolean            rapport_store_set_staff_role        (RapportDatabase  *db,
                                                         gint64            user_id,
                                                         const char       *role,
                                                         GError          **error);
/* Marks them as left now (the database's clock), or back at work with
 * @left FALSE. The default user cannot leave (INVALID). What they own stays
 * theirs: the handover moves it. */
gboolean            rapport_store_set_staff_left        (RapportDatabase  *db,
                                                         gint64            user_id,
                                                         gboolean          left,
                                                         GError          **error);

/* What a staff member still holds (for "Still owns 120 customers"):
 * customers and open opportunities they own, open follow-ups and open
 * service requests assigned to them. Nothing in the Trash counts. */
typedef struct
{
  guint customers;
  guint opportunities;
  guint follow_ups;
  guint service_requests;
} RapportStaffHoldings;

gboolean            rapport_store_count_staff_holdings  (RapportDatabase      *db,
                                                         gint64                user_id,
                                                         RapportStaffHoldings *out_holdings,
                                                         GError              **error);

G_END_DECLS
