/* rapport-follow-up-row.h
 *
 * One follow-up in a list (the customer page, Today): its title, its
 * customer (shown or not), when it is due in the user's words, its
 * recurrence and reminder, a Done button and a menu of what else can be done
 * with it, all through RapportFollowUpActions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-follow-up.h"
#include "rapport-follow-up-actions.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_FOLLOW_UP_ROW (rapport_follow_up_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportFollowUpRow, rapport_follow_up_row, RAPPORT, FOLLOW_UP_ROW, GtkListBoxRow)

GtkWidget       *rapport_follow_up_row_new               (RapportFollowUpActions *actions,
                                                          RapportFollowUp        *follow_up);
RapportFollowUp *rapport_follow_up_row_get_follow_up     (RapportFollowUpRow     *self);
void             rapport_follow_up_row_set_follow_up     (RapportFollowUpRow     *self,
                                                          RapportFollowUp        *follow_up);
/* Property "show-customer" (default TRUE): the customer's name and Open
 * Customer; the customer page hides them. */
gboolean         rapport_follow_up_row_get_show_customer (RapportFollowUpRow     *self);
void             rapport_follow_up_row_set_show_customer (RapportFollowUpRow     *self,
                                                          gboolean                show_customer);
/* Says the due time again from the clock (a page calls it as days pass). */
void             rapport_follow_up_row_update_due        (RapportFollowUpRow     *self);

/* When @due_at (UTC) is, seen at @now, in the user's words: "14:00",
 * "Tomorrow 09:00", "Friday 09:00", "2026-12-24 09:00"; *@out_overdue tells
 * whether it is past. */
char            *rapport_follow_up_format_due            (gint64                  due_at,
                                                          gint64                  now,
                                                          gboolean               *out_overdue);
/* The next instant after @now at which rapport_follow_up_format_due() says
 * something else for @due_at: when it falls due, or the next local midnight. */
gint64           rapport_follow_up_due_next_change      (gint64                  due_at,
                                                          gint64                  now);
/* "Reminder 15 minutes before", "Reminder at due time"; NULL without one. */
char            *rapport_follow_up_describe_reminder     (int                     remind_before);
/* "Repeats every 2 weeks"; NULL when it does not repeat. */
char            *rapport_follow_up_describe_repeat       (RapportRepeatUnit       unit,
                                                          guint                   every);

G_END_DECLS
