/* rapport-staff-member.h
 *
 * One of the staff (员工): the default user ("Me", the first user row) or a
 * person the user added, who owns customers and opportunities or is assigned
 * follow-ups and service requests. Someone who left keeps their row (their
 * name stays on what they did) but is no longer offered as an owner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_STAFF_MEMBER (rapport_staff_member_get_type ())

G_DECLARE_FINAL_TYPE (RapportStaffMember, rapport_staff_member, RAPPORT, STAFF_MEMBER, GObject)

RapportStaffMember *rapport_staff_member_new           (void);
/* A deep copy, id included. */
RapportStaffMember *rapport_staff_member_copy          (RapportStaffMember *self);

/* id: the user row's id (the default user's real id too). */
gint64              rapport_staff_member_get_id         (RapportStaffMember *self);
void                rapport_staff_member_set_id         (RapportStaffMember *self,
                                                         gint64              id);
const char         *rapport_staff_member_get_name       (RapportStaffMember *self);
void                rapport_staff_member_set_name       (RapportStaffMember *self,
                                                         const char         *name);
/* role (nullable): free text ("Sales", "销售经理"); NULL when none. */
const char         *rapport_staff_member_get_role       (RapportStaffMember *self);
void                rapport_staff_member_set_role       (RapportStaffMember *self,
                                                         const char         *role);
/* left-at: when they left (Unix seconds), 0 while they work here. */
gint64              rapport_staff_member_get_left_at    (RapportStaffMember *self);
void                rapport_staff_member_set_left_at    (RapportStaffMember *self,
                                                         gint64              left_at);
gboolean            rapport_staff_member_has_left       (RapportStaffMember *self);
/* is-default: the default user ("Me"), who cannot leave. */
gboolean            rapport_staff_member_get_is_default (RapportStaffMember *self);
void                rapport_staff_member_set_is_default (RapportStaffMember *self,
                                                         gboolean            is_default);

G_END_DECLS
