/* rapport-compose-dialog.h
 *
 * Writing a mail or an SMS through Rapport: to one person (a customer or one
 * of its contacts, at one of their stored addresses) or to a filtered set of
 * customers (tiers, stages, tags, contacts too), from a template or free
 * text with placeholders. A set is previewed message by message, with who is
 * skipped and why, before Send queues the messages for the outbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-editor-dialog.h"
#include "rapport-enums.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_COMPOSE_DIALOG (rapport_compose_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportComposeDialog, rapport_compose_dialog, RAPPORT, COMPOSE_DIALOG, RapportEditorDialog)

/* To @customer_id itself (@contact_id 0) or to its contact @contact_id.
 * The caller sets transient-for and presents it. */
GtkWidget *rapport_compose_dialog_new_for_customer (RapportSession *session,
                                                    gint64          customer_id,
                                                    gint64          contact_id,
                                                    RapportChannel  channel);
/* To everyone the audience rows select (all customers at first). */
GtkWidget *rapport_compose_dialog_new_for_audience (RapportSession *session,
                                                    RapportChannel  channel);

/* Starts the message with @subject (mail only; nullable) and @body as if
 * typed (a service request's reply, its resolution as the text). */
void        rapport_compose_dialog_set_text            (RapportComposeDialog *self,
                                                        const char           *subject,
                                                        const char           *body);
/* The channel chosen ("Send As"); read it in a "saved" handler to know how
 * the message goes out. */
RapportChannel rapport_compose_dialog_get_channel      (RapportComposeDialog *self);

/* For tests and the integrator: the preview's summary ("118 messages ·
 * 7 skipped"), NULL before a preview; the reason Send is refused, NULL when
 * it is not. */
const char *rapport_compose_dialog_get_preview_summary (RapportComposeDialog *self);
const char *rapport_compose_dialog_get_blocking_reason (RapportComposeDialog *self);

G_END_DECLS
