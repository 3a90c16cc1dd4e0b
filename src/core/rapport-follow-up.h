/* rapport-follow-up.h
 *
 * A due task on a customer (跟进): "call back about the quote", due at a
 * wall-clock time in a named time zone, with an optional reminder some minutes
 * before, and an optional recurrence.
 *
 * The due time is kept as the user meant it: due-local ("YYYY-MM-DD HH:MM") in
 * time-zone (an IANA id such as "Asia/Shanghai"), so 9:00 stays 9:00 across a
 * daylight-saving change; due-at is its UTC instant (rapport-due-time.h), set
 * by the store. Strings are copied in and may be NULL; times are UTC unix
 * seconds, 0 when unset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-due-time.h"

G_BEGIN_DECLS

/* remind-before when the follow-up has no reminder. */
#define RAPPORT_FOLLOW_UP_NO_REMINDER (-1)

#define RAPPORT_TYPE_FOLLOW_UP (rapport_follow_up_get_type ())

G_DECLARE_FINAL_TYPE (RapportFollowUp, rapport_follow_up, RAPPORT, FOLLOW_UP, GObject)

RapportFollowUp  *rapport_follow_up_new               (void);
/* A deep copy, id included. */
RapportFollowUp  *rapport_follow_up_copy              (RapportFollowUp *self);

gint64            rapport_follow_up_get_id            (RapportFollowUp *self);
void              rapport_follow_up_set_id            (RapportFollowUp *self,
                                                       gint64           id);
const char       *rapport_follow_up_get_uuid          (RapportFollowUp *self);
void              rapport_follow_up_set_uuid          (RapportFollowUp *self,
                                                       const char      *uuid);
gint64            rapport_follow_up_get_customer_id   (RapportFollowUp *self);
void              rapport_follow_up_set_customer_id   (RapportFollowUp *self,
                                                       gint64           customer_id);
/* customer-name: derived, filled in by the store's lists */
const char       *rapport_follow_up_get_customer_name (RapportFollowUp *self);
void              rapport_follow_up_set_customer_name (RapportFollowUp *self,
                                                       const char      *customer_name);
/* contact-id: 0 when none */
gint64            rapport_follow_up_get_contact_id    (RapportFollowUp *self);
void              rapport_follow_up_set_contact_id    (RapportFollowUp *self,
                                                       gint64           contact_id);
/* assignee-id: the staff member who does it; 0 is the default user ("Me") */
gint64            rapport_follow_up_get_assignee_id   (RapportFollowUp *self);
void              rapport_follow_up_set_assignee_id   (RapportFollowUp *self,
                                                       gint64           assignee_id);
const char       *rapport_follow_up_get_title         (RapportFollowUp *self);
void              rapport_follow_up_set_title         (RapportFollowUp *self,
                                                       const char      *title);
const char       *rapport_follow_up_get_note          (RapportFollowUp *self);
void              rapport_follow_up_set_note          (RapportFollowUp *self,
                                                       const char      *note);
/* "YYYY-MM-DD HH:MM" */
const char       *rapport_follow_up_get_due_local     (RapportFollowUp *self);
void              rapport_follow_up_set_due_local     (RapportFollowUp *self,
                                                       const char      *due_local);
/* An IANA zone id; NULL or "" means the local zone when saved. */
const char       *rapport_follow_up_get_time_zone     (RapportFollowUp *self);
void              rapport_follow_up_set_time_zone     (RapportFollowUp *self,
                                                       const char      *time_zone);
/* due-at: derived, set by the store from due-local and time-zone */
gint64            rapport_follow_up_get_due_at        (RapportFollowUp *self);
void              rapport_follow_up_set_due_at        (RapportFollowUp *self,
                                                       gint64           due_at);
/* Minutes before due-at, or RAPPORT_FOLLOW_UP_NO_REMINDER (the default). */
gint              rapport_follow_up_get_remind_before (RapportFollowUp *self);
void              rapport_follow_up_set_remind_before (RapportFollowUp *self,
                                                       gint             minutes);
/* The pending reminder's instant, 0 when none is pending (read-only: the store
 * derives it). */
gint64            rapport_follow_up_get_remind_at     (RapportFollowUp *self);
void              rapport_follow_up_set_remind_at     (RapportFollowUp *self,
                                                       gint64           remind_at);
gint64            rapport_follow_up_get_snoozed_until (RapportFollowUp *self);
void              rapport_follow_up_set_snoozed_until (RapportFollowUp *self,
                                                       gint64           snoozed_until);
gint64            rapport_follow_up_get_notified_at   (RapportFollowUp *self);
void              rapport_follow_up_set_notified_at   (RapportFollowUp *self,
                                                       gint64           notified_at);
RapportRepeatUnit rapport_follow_up_get_repeat_unit   (RapportFollowUp *self);
void              rapport_follow_up_set_repeat_unit   (RapportFollowUp *self,
                                                       RapportRepeatUnit unit);
/* 1..999 when repeat-unit is not NONE */
guint             rapport_follow_up_get_repeat_every  (RapportFollowUp *self);
void              rapport_follow_up_set_repeat_every  (RapportFollowUp *self,
                                                       guint            every);
gint64            rapport_follow_up_get_done_at       (RapportFollowUp *self);
void              rapport_follow_up_set_done_at       (RapportFollowUp *self,
                                                       gint64           done_at);
gboolean          rapport_follow_up_is_done           (RapportFollowUp *self);
/* Counts the user's edits; a notification names the revision it showed. */
gint64            rapport_follow_up_get_revision      (RapportFollowUp *self);
void              rapport_follow_up_set_revision      (RapportFollowUp *self,
                                                       gint64           revision);
gint64            rapport_follow_up_get_created_at    (RapportFollowUp *self);
void              rapport_follow_up_set_created_at    (RapportFollowUp *self,
                                                       gint64           created_at);
gint64            rapport_follow_up_get_updated_at    (RapportFollowUp *self);
void              rapport_follow_up_set_updated_at    (RapportFollowUp *self,
                                                       gint64           updated_at);
gint64            rapport_follow_up_get_deleted_at    (RapportFollowUp *self);
void              rapport_follow_up_set_deleted_at    (RapportFollowUp *self,
                                                       gint64           deleted_at);

G_END_DECLS
