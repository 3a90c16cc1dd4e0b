/* rapport-outreach.h
 *
 * Messages to many people from one template: rendered per recipient
 * (compose's bulk send and preview, the greetings), then queued in the
 * outbox. The rules every queued message follows live here, once: a
 * recipient marked do-not-contact or without an address for the channel is
 * skipped and listed, never sent to; a placeholder with no value for a
 * recipient skips that recipient instead of sending the text half-filled;
 * a marketing SMS ends with the unsubscribe notice Chinese carriers require.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-message.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* A recipient left out of a bulk send, and why (translated: "No e-mail
 * address", "Does not want messages: moved abroad", "There is no value
 * for “{contact}”"). */
typedef struct
{
  RapportRecipient *recipient;
  char             *reason;
} RapportOutreachSkip;

void       rapport_outreach_skip_free        (RapportOutreachSkip  *skip);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportOutreachSkip, rapport_outreach_skip_free)

/* Renders @subject_template (mail only; nullable) and @body_template for each
 * of @recipients (RapportRecipient), filling {name}, {contact}, {company},
 * {code}, {owner}, {title}, {date} (@today's local date) and {holiday}
 * (@occasion_name, nullable). Returns the RapportMessages ready to queue
 * (channel, customer, contact, recipient address or phone, name, text,
 * is-marketing; state QUEUED, account 0: the channel's default), in the
 * order of @recipients. @out_skipped (optional) gets a RapportOutreachSkip
 * for each recipient left out. A syntax problem in a template renders
 * nothing: NULL with RAPPORT_TEMPLATE_ERROR_INVALID and its message. */
GPtrArray *rapport_outreach_render           (RapportDatabase      *db,
                                              RapportChannel        channel,
                                              const char           *subject_template,
                                              const char           *body_template,
                                              GPtrArray            *recipients,
                                              gboolean              is_marketing,
                                              const char           *occasion_name,
                                              GDateTime            *today,
                                              GPtrArray           **out_skipped,
                                              GError              **error);

/* What every message gets before it is queued, composed one by one or
 * rendered: a marketing SMS gets the unsubscribe notice unless its text has
 * it already. Idempotent. */
void       rapport_outreach_prepare_message  (RapportMessage       *message);

/* Prepares each of @messages and queues them in one transaction
 * (rapport_store_queue_messages: @out_n_duplicates counts the occasions
 * queued once already, which are skipped). */
gboolean   rapport_outreach_queue            (RapportDatabase      *db,
                                              GPtrArray            *messages,
                                              guint                *out_n_duplicates,
                                              GError              **error);

G_END_DECLS
