/* rapport-reminders.h
 *
 * The reminders of follow-ups as desktop notifications (libnotify): a job of
 * the session's scheduler that takes the due reminders from the store (which
 * records their delivery in the same transaction) and shows them. One bubble
 * per reminder, with Open, Snooze and Done; one summary instead when many fall
 * due at once, or when several fell due while Rapport was not running.
 * Reminders older than the catch-up window are recorded silently (the Today
 * page lists them).
 *
 * Acting on a notification names the revision it showed: when the follow-up
 * was edited since, the store refuses, nothing is undone, and the follow-up
 * is opened instead. A notification whose follow-up is edited, done, snoozed
 * or trashed meanwhile is closed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-database.h"
#include "rapport-scheduler.h"

G_BEGIN_DECLS

#define RAPPORT_REMINDERS_DEFAULT_CATCH_UP_DAYS 7

#define RAPPORT_TYPE_REMINDERS (rapport_reminders_get_type ())

G_DECLARE_FINAL_TYPE (RapportReminders, rapport_reminders, RAPPORT, REMINDERS, GObject)

/* Signals:
 * "open-follow-up" (gint64 customer_id, gint64 follow_up_id): the user chose
 *   Open on a reminder (or acted on one that has changed since it was shown).
 * "open-page" (const char *page): the user opened a summary; page is one of
 *   "today", "at-risk".
 * "notice" (const char *message): notifications cannot be shown (no
 *   notification server, or it fails); said once, translated. Also property
 *   "notice" (nullable), for whoever connects late. */

/* Reminders for @db on @scheduler. A read-only database takes none (it
 * cannot record their delivery); summaries still show. */
RapportReminders *rapport_reminders_new                (RapportDatabase  *db,
                                                        RapportScheduler *scheduler);
/* Reminders that fell due longer ago than this when taken are recorded
 * without a notification. Default RAPPORT_REMINDERS_DEFAULT_CATCH_UP_DAYS. */
void              rapport_reminders_set_catch_up_days  (RapportReminders *self,
                                                        guint             days);
guint             rapport_reminders_get_catch_up_days  (RapportReminders *self);
/* One notification per @key, replacing that key's previous one; activating it
 * emits "open-page" with @page. @body: (nullable). */
void              rapport_reminders_show_summary       (RapportReminders *self,
                                                        const char       *key,
                                                        const char       *title,
                                                        const char       *body,
                                                        const char       *page);
/* (nullable): the notice said, if any. */
const char       *rapport_reminders_get_notice         (RapportReminders *self);
/* Leaves the scheduler and the database (the session closes), and closes its
 * notifications, whose actions could do nothing any more. */
void              rapport_reminders_stop               (RapportReminders *self);

G_END_DECLS
