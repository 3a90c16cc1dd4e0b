/* rapport-greetings.h
 *
 * Automatic greetings (客户关怀), a job of the session's scheduler: each
 * enabled greeting rule runs once a local day at its send time, or at the
 * next start when Rapport was not running then (the same day). A run finds
 * who has the occasion lead-days from today (a birthday, Gregorian or lunar;
 * a holiday; a date of the user's; or, for periodic care, a customer whose
 * last interaction is every-months old), renders the rule's template for
 * each (rapport-outreach.h: do-not-contact and missing addresses are skipped
 * and counted) and queues the messages, or holds them in To Review for a
 * review-first rule. Each message carries an occasion key
 * ("<rule uuid>:<customer|contact>:<id>:<occasion year>"; periodic care:
 * "<rule uuid>:customer:<id>:<YYYY-MM the greeting fell due>") that the
 * database keeps unique, and the run is recorded (schedule state
 * "greeting:<rule uuid>", the local day) in the same transaction: a second
 * run, a restart or a clock moved back never queues one occasion twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_GREETINGS (rapport_greetings_get_type ())
G_DECLARE_FINAL_TYPE (RapportGreetings, rapport_greetings, RAPPORT, GREETINGS, GObject)

typedef struct _RapportSession RapportSession;

/* Signal "ran" (const char *summary): after each run that had rules due;
 * @summary is one line per rule that found someone ("Spring Festival: 120
 * queued, 8 to review, 5 skipped"), NULL when none did. The same summary is
 * shown as a notification (rapport_reminders_show_summary, key
 * "greetings", page "outreach": the window's Outreach section). */

/* The greetings of @session (open; it owns them and outlives them). No job
 * for sample data or a read-only file. */
RapportGreetings *rapport_greetings_new        (RapportSession   *session);
/* The UTC time of the next run by the scheduler's clock (at or before now
 * when a rule is due), 0 when no rule is enabled, while one runs, or after
 * stop. */
gint64            rapport_greetings_get_next   (RapportGreetings *self);
gboolean          rapport_greetings_is_running (RapportGreetings *self);
/* Leaves the scheduler; waits for a run on its worker to finish. */
void              rapport_greetings_stop       (RapportGreetings *self);

G_END_DECLS
