/* rapport-message.h
 *
 * A message in the outbox (发件箱): mail or SMS to one recipient, and where it
 * is in its life (review → queued → sending → sent, or failed, unknown,
 * cancelled). Strings are copied in and may be NULL; times are UTC unix
 * seconds, 0 when unset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-enums.h"

G_BEGIN_DECLS


#define RAPPORT_TYPE_MESSAGE (rapport_message_get_type ())

G_DECLARE_FINAL_TYPE (RapportMessage, rapport_message, RAPPORT, MESSAGE, GObject)

RapportMessage      *rapport_message_new                (void);
/* A deep copy, id included. */
RapportMessage      *rapport_message_copy               (RapportMessage *self);

gint64               rapport_message_get_id             (RapportMessage *self);
void                 rapport_message_set_id             (RapportMessage *self,
                                                         gint64 id);
/* Also the id the provider sees (Message-ID, OutId). */
const char          *rapport_message_get_uuid           (RapportMessage *self);
void                 rapport_message_set_uuid           (RapportMessage *self,
                                                         const char *uuid);
RapportChannel       rapport_message_get_channel        (RapportMessage *self);
void                 rapport_message_set_channel        (RapportMessage *self,
                                                         RapportChannel channel);
/* 0: the default account of the channel */
gint64               rapport_message_get_account_id     (RapportMessage *self);
void                 rapport_message_set_account_id     (RapportMessage *self,
                                                         gint64 account_id);
/* 0 when none */
gint64               rapport_message_get_customer_id    (RapportMessage *self);
void                 rapport_message_set_customer_id    (RapportMessage *self,
                                                         gint64 customer_id);
/* 0 when none */
gint64               rapport_message_get_contact_id     (RapportMessage *self);
void                 rapport_message_set_contact_id     (RapportMessage *self,
                                                         gint64 contact_id);
/* The address or E.164 phone number it goes to. */
const char          *rapport_message_get_recipient      (RapportMessage *self);
void                 rapport_message_set_recipient      (RapportMessage *self,
                                                         const char *recipient);
const char          *rapport_message_get_recipient_name (RapportMessage *self);
void                 rapport_message_set_recipient_name (RapportMessage *self,
                                                         const char *recipient_name);
/* Mail only */
const char          *rapport_message_get_subject        (RapportMessage *self);
void                 rapport_message_set_subject        (RapportMessage *self,
                                                         const char *subject);
const char          *rapport_message_get_body           (RapportMessage *self);
void                 rapport_message_set_body           (RapportMessage *self,
                                                         const char *body);
/* Bulk sends and greetings (promotional to SMS providers). */
gboolean             rapport_message_get_is_marketing   (RapportMessage *self);
void                 rapport_message_set_is_marketing   (RapportMessage *self,
                                                         gboolean is_marketing);
RapportMessageState  rapport_message_get_state          (RapportMessage *self);
void                 rapport_message_set_state          (RapportMessage *self,
                                                         RapportMessageState state);
guint                rapport_message_get_attempts       (RapportMessage *self);
void                 rapport_message_set_attempts       (RapportMessage *self,
                                                         guint attempts);
/* The last failure, as shown to the user. */
const char          *rapport_message_get_error          (RapportMessage *self);
void                 rapport_message_set_error          (RapportMessage *self,
                                                         const char *error);
/* Not sent before this instant (UTC); the next retry of a failed one. */
gint64               rapport_message_get_not_before     (RapportMessage *self);
void                 rapport_message_set_not_before     (RapportMessage *self,
                                                         gint64 not_before);
/* The greeting rule that made it, 0 for none */
gint64               rapport_message_get_rule_id        (RapportMessage *self);
void                 rapport_message_set_rule_id        (RapportMessage *self,
                                                         gint64 rule_id);
/* Unique: one occasion is queued once. NULL for none. */
const char          *rapport_message_get_occasion_key   (RapportMessage *self);
void                 rapport_message_set_occasion_key   (RapportMessage *self,
                                                         const char *occasion_key);
/* The provider's message id, once sent. */
const char          *rapport_message_get_provider_id    (RapportMessage *self);
void                 rapport_message_set_provider_id    (RapportMessage *self,
                                                         const char *provider_id);
/* The interaction logged when sent, 0 for none */
gint64               rapport_message_get_interaction_id (RapportMessage *self);
void                 rapport_message_set_interaction_id (RapportMessage *self,
                                                         gint64 interaction_id);
gint64               rapport_message_get_sent_at        (RapportMessage *self);
void                 rapport_message_set_sent_at        (RapportMessage *self,
                                                         gint64 sent_at);
gint64               rapport_message_get_created_at     (RapportMessage *self);
void                 rapport_message_set_created_at     (RapportMessage *self,
                                                         gint64 created_at);
gint64               rapport_message_get_updated_at     (RapportMessage *self);
void                 rapport_message_set_updated_at     (RapportMessage *self,
                                                         gint64 updated_at);
/* customer-name: derived, filled in by the store's lists */
const char          *rapport_message_get_customer_name  (RapportMessage *self);
void                 rapport_message_set_customer_name  (RapportMessage *self,
                                                         const char *customer_name);

G_END_DECLS
