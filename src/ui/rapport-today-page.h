/* rapport-today-page.h
 *
 * Today: the open follow-ups that are overdue, due today and due in the next
 * seven days, by the local day of their due time (rapport-due-bucket.h), each
 * group titled with its count, each row with its customer and the follow-up
 * actions (done, done and log, snooze, reschedule, open the customer). Nothing
 * due: a status page saying how to add one. The page follows the change bus,
 * and re-buckets at the next local midnight (a wall-clock timer) and when the
 * system clock is set.
 *
 * Signal "open-customer" (gint64 customer_id): the user asked to see the
 * customer of a follow-up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-due-bucket.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TODAY_PAGE (rapport_today_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportTodayPage, rapport_today_page, RAPPORT, TODAY_PAGE, AdwBin)

GtkWidget      *rapport_today_page_new                  (void);
RapportSession *rapport_today_page_get_session          (RapportTodayPage *self);
/* @session: (nullable): an open session */
void            rapport_today_page_set_session          (RapportTodayPage *self,
                                                         RapportSession   *session);
void            rapport_today_page_set_show_back_button (RapportTodayPage *self,
                                                         gboolean          show);
/* How many follow-ups the page shows in @bucket (not LATER). */
guint           rapport_today_page_get_count            (RapportTodayPage *self,
                                                         RapportDueBucket  bucket);
/* Property "n-due": overdue and due today, the number the sidebar shows. */
guint           rapport_today_page_get_n_due            (RapportTodayPage *self);
/* The follow-ups shown in @bucket, in order: a GPtrArray of RapportFollowUp. */
GPtrArray      *rapport_today_page_get_follow_ups       (RapportTodayPage *self,
                                                         RapportDueBucket  bucket);
/* When, by the session's clock, the page re-buckets next by itself (the next
 * local midnight); 0 without a session. */
gint64          rapport_today_page_get_next_rollover    (RapportTodayPage *self);
/* The clock was set or the time zone changed: re-reads both and re-buckets
 * now. The page does this itself at midnight and when the system clock is
 * set; a clock that is fixed (tests) has to say so. */
void            rapport_today_page_clock_changed        (RapportTodayPage *self);

G_END_DECLS
