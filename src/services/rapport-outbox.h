/* rapport-outbox.h
 *
 * The outbox's one writer (发件箱): a thread of the session with its own
 * connection that claims queued messages one by one (queued → sending in
 * the database before each attempt), sends consecutive messages of one
 * account through one RapportSender (one SMTP connection, the account's
 * secret looked up once from the keyring), and records each result: sent
 * (logged as an interaction), queued again after a back-off on a temporary
 * failure (1 min, 5 min, 30 min, 2 h, 12 h; failed after that), failed on a
 * permanent one with the server's message, or unknown when it may have been
 * delivered. An unknown message is never sent again by itself.
 *
 * It wakes when messages are queued (the change bus) and when the next one
 * falls due (a job of the session's scheduler); it never polls. Greetings
 * (messages of a rule) only go out between the session's send-window-start
 * and send-window-end, local time; outside them they wait for the window
 * to open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Back-off after temporary failures: the message fails for good after
 * RAPPORT_OUTBOX_MAX_ATTEMPTS attempts. */
#define RAPPORT_OUTBOX_MAX_ATTEMPTS 6

#define RAPPORT_TYPE_OUTBOX (rapport_outbox_get_type ())
G_DECLARE_FINAL_TYPE (RapportOutbox, rapport_outbox, RAPPORT, OUTBOX, GObject)

typedef struct _RapportSession RapportSession;

/* Signal "notice" (const char *message): something the user should know,
 * such as "2 messages may or may not have been sent: see the Outbox".
 * Properties (read-only, updated from the change bus): "n-queued",
 * "n-failed", "n-unknown", "n-review" (guint) and "sending" (gboolean). */

/* The outbox of @session (open, writable, not sample data; it owns the
 * outbox and outlives it). Messages left "sending" by a previous run become
 * unknown first (see rapport_outbox_get_notice). */
RapportOutbox *rapport_outbox_new           (RapportSession *session);
/* Looks at the outbox now (a message was queued or retried). Cheap. */
void           rapport_outbox_wake          (RapportOutbox  *self);
/* Stops the sending thread and waits for it: a message being sent is
 * finished, or (cancelled mid-way) recorded as unknown. */
void           rapport_outbox_stop          (RapportOutbox  *self);
/* (nullable): the notice of the start ("2 messages may or may not have been
 * sent: see the Outbox"), for a window opened after it was emitted. */
const char    *rapport_outbox_get_notice    (RapportOutbox  *self);
guint          rapport_outbox_get_n_queued  (RapportOutbox  *self);
guint          rapport_outbox_get_n_failed  (RapportOutbox  *self);
guint          rapport_outbox_get_n_unknown (RapportOutbox  *self);
guint          rapport_outbox_get_n_review  (RapportOutbox  *self);
gboolean       rapport_outbox_get_sending   (RapportOutbox  *self);
/* Tests and benchmarks: trust the loopback peer's certificate. */
void           rapport_outbox_set_ca_file   (RapportOutbox  *self,
                                             const char     *path);
/* When automatic sends may go out: minutes after local midnight, start
 * inclusive, end exclusive (start after end spans midnight). */
gboolean       rapport_outbox_in_send_window (gint64         when,
                                              guint          start_minutes,
                                              guint          end_minutes);
/* The next opening of the window after @when (UTC). */
gint64         rapport_outbox_next_window_start (gint64      when,
                                                 guint       start_minutes);
/* "HH:MM" → minutes after midnight; FALSE when not a time. */
gboolean       rapport_outbox_parse_time    (const char     *text,
                                             guint          *out_minutes);

G_END_DECLS
