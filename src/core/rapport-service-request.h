/* rapport-service-request.h
 *
 * A service request (服务) on a customer: an inquiry, a complaint (投诉), a
 * suggestion, after-sales work or other, with its severity, its priority
 * (rapport-service-priority.h), status, assignee, times, resolution and the
 * owner's confirmation of it, the reply and the customer's satisfaction.
 *
 * Strings are copied in and may be NULL; times are UTC unix seconds, 0 when
 * unset. Only the store moves a request through its statuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-enums.h"
#include "rapport-service-enums.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SERVICE_REQUEST (rapport_service_request_get_type ())

G_DECLARE_FINAL_TYPE (RapportServiceRequest, rapport_service_request, RAPPORT, SERVICE_REQUEST, GObject)

RapportServiceRequest     *rapport_service_request_new  (void);
/* A deep copy, id included. */
RapportServiceRequest     *rapport_service_request_copy (RapportServiceRequest *self);

gint64                     rapport_service_request_get_id                   (RapportServiceRequest *self);
void                       rapport_service_request_set_id                   (RapportServiceRequest *self,
                                                                             gint64                    id);
const char                *rapport_service_request_get_uuid                 (RapportServiceRequest *self);
void                       rapport_service_request_set_uuid                 (RapportServiceRequest *self,
                                                                             const char               *uuid);
gint64                     rapport_service_request_get_customer_id          (RapportServiceRequest *self);
void                       rapport_service_request_set_customer_id          (RapportServiceRequest *self,
                                                                             gint64                    customer_id);
/* customer-name: derived, filled in by the store's reads */
const char                *rapport_service_request_get_customer_name        (RapportServiceRequest *self);
void                       rapport_service_request_set_customer_name        (RapportServiceRequest *self,
                                                                             const char               *customer_name);
/* customer-owner-id: derived, the customer's owner (0 = the default user),
 * who confirms a complaint's resolution; filled in by the store's reads */
gint64                     rapport_service_request_get_customer_owner_id    (RapportServiceRequest *self);
void                       rapport_service_request_set_customer_owner_id    (RapportServiceRequest *self,
                                                                             gint64                    customer_owner_id);
/* contact-id: 0 when none */
gint64                     rapport_service_request_get_contact_id           (RapportServiceRequest *self);
void                       rapport_service_request_set_contact_id           (RapportServiceRequest *self,
                                                                             gint64                    contact_id);
RapportServiceKind         rapport_service_request_get_kind                 (RapportServiceRequest *self);
void                       rapport_service_request_set_kind                 (RapportServiceRequest *self,
                                                                             RapportServiceKind        kind);
/* summary: required, one line */
const char                *rapport_service_request_get_summary              (RapportServiceRequest *self);
void                       rapport_service_request_set_summary              (RapportServiceRequest *self,
                                                                             const char               *summary);
const char                *rapport_service_request_get_details              (RapportServiceRequest *self);
void                       rapport_service_request_set_details              (RapportServiceRequest *self,
                                                                             const char               *details);
RapportServiceSeverity     rapport_service_request_get_severity             (RapportServiceRequest *self);
void                       rapport_service_request_set_severity             (RapportServiceRequest *self,
                                                                             RapportServiceSeverity    severity);
/* priority: 1 (most urgent) to 4; computed from priority-tier and the
 * severity (rapport-service-priority.h) unless priority-overridden */
gint                       rapport_service_request_get_priority             (RapportServiceRequest *self);
void                       rapport_service_request_set_priority             (RapportServiceRequest *self,
                                                                             gint                      priority);
/* priority-tier: the customer's tier the priority was computed from */
RapportTier                rapport_service_request_get_priority_tier        (RapportServiceRequest *self);
void                       rapport_service_request_set_priority_tier        (RapportServiceRequest *self,
                                                                             RapportTier               priority_tier);
/* priority-overridden: TRUE when the user set the priority */
gboolean                   rapport_service_request_get_priority_overridden  (RapportServiceRequest *self);
void                       rapport_service_request_set_priority_overridden  (RapportServiceRequest *self,
                                                                             gboolean                  priority_overridden);
/* status: changed by the store's transitions only */
RapportServiceStatus       rapport_service_request_get_status               (RapportServiceRequest *self);
void                       rapport_service_request_set_status               (RapportServiceRequest *self,
                                                                             RapportServiceStatus      status);
/* assignee-id: a user, or 0 = unassigned (NOT the default user here) */
gint64                     rapport_service_request_get_assignee_id          (RapportServiceRequest *self);
void                       rapport_service_request_set_assignee_id          (RapportServiceRequest *self,
                                                                             gint64                    assignee_id);
/* assignee-name: derived, NULL when unassigned; filled in by the store's reads */
const char                *rapport_service_request_get_assignee_name        (RapportServiceRequest *self);
void                       rapport_service_request_set_assignee_name        (RapportServiceRequest *self,
                                                                             const char               *assignee_name);
/* due-at: created + the priority's target */
gint64                     rapport_service_request_get_due_at               (RapportServiceRequest *self);
void                       rapport_service_request_set_due_at               (RapportServiceRequest *self,
                                                                             gint64                    due_at);
/* first-response-at, resolved-at, closed-at: set by the store, 0 when not yet */
gint64                     rapport_service_request_get_first_response_at    (RapportServiceRequest *self);
void                       rapport_service_request_set_first_response_at    (RapportServiceRequest *self,
                                                                             gint64                    first_response_at);
gint64                     rapport_service_request_get_resolved_at          (RapportServiceRequest *self);
void                       rapport_service_request_set_resolved_at          (RapportServiceRequest *self,
                                                                             gint64                    resolved_at);
gint64                     rapport_service_request_get_closed_at            (RapportServiceRequest *self);
void                       rapport_service_request_set_closed_at            (RapportServiceRequest *self,
                                                                             gint64                    closed_at);
/* resolution: the proposed reply / what was done */
const char                *rapport_service_request_get_resolution           (RapportServiceRequest *self);
void                       rapport_service_request_set_resolution           (RapportServiceRequest *self,
                                                                             const char               *resolution);
/* confirmed-by / confirmed-at: the owner's confirmation of the resolution
 * (complaints); 0 when not confirmed; confirmed-by 0 with confirmed-at set
 * means the default user confirmed */
gint64                     rapport_service_request_get_confirmed_by         (RapportServiceRequest *self);
void                       rapport_service_request_set_confirmed_by         (RapportServiceRequest *self,
                                                                             gint64                    confirmed_by);
gint64                     rapport_service_request_get_confirmed_at         (RapportServiceRequest *self);
void                       rapport_service_request_set_confirmed_at         (RapportServiceRequest *self,
                                                                             gint64                    confirmed_at);
/* replied-at / reply-channel: when and how the customer was answered */
gint64                     rapport_service_request_get_replied_at           (RapportServiceRequest *self);
void                       rapport_service_request_set_replied_at           (RapportServiceRequest *self,
                                                                             gint64                    replied_at);
RapportServiceReplyChannel rapport_service_request_get_reply_channel        (RapportServiceRequest *self);
void                       rapport_service_request_set_reply_channel        (RapportServiceRequest *self,
                                                                             RapportServiceReplyChannel reply_channel);
/* satisfaction: 1–5, 0 = none recorded */
gint                       rapport_service_request_get_satisfaction         (RapportServiceRequest *self);
void                       rapport_service_request_set_satisfaction         (RapportServiceRequest *self,
                                                                             gint                      satisfaction);
const char                *rapport_service_request_get_satisfaction_comment (RapportServiceRequest *self);
void                       rapport_service_request_set_satisfaction_comment (RapportServiceRequest *self,
                                                                             const char               *satisfaction_comment);
gint64                     rapport_service_request_get_created_at           (RapportServiceRequest *self);
void                       rapport_service_request_set_created_at           (RapportServiceRequest *self,
                                                                             gint64                    created_at);
gint64                     rapport_service_request_get_updated_at           (RapportServiceRequest *self);
void                       rapport_service_request_set_updated_at           (RapportServiceRequest *self,
                                                                             gint64                    updated_at);
gint64                     rapport_service_request_get_deleted_at           (RapportServiceRequest *self);
void                       rapport_service_request_set_deleted_at           (RapportServiceRequest *self,
                                                                             gint64                    deleted_at);

/* Not resolved, closed nor in the Trash. */
gboolean                   rapport_service_request_is_open     (RapportServiceRequest *self);
/* Open and its due time is before @now. */
gboolean                   rapport_service_request_is_overdue  (RapportServiceRequest *self,
                                                                gint64                 now);
/* A complaint whose resolution the customer's owner has not confirmed yet:
 * it cannot be replied before. Other kinds never need it. */
gboolean                   rapport_service_request_needs_confirmation (RapportServiceRequest *self);

/* The rules a save checks (RAPPORT_VALIDATION_ERROR, messages naming the
 * field): a summary (not only spaces), a known kind and severity, a
 * priority 1–4, a satisfaction 0–5. */
gboolean                   rapport_service_request_validate    (RapportServiceRequest  *self,
                                                                GError                **error);

/* The rules of the service desk's steps, each failing with
 * RAPPORT_VALIDATION_ERROR (NOT_ALLOWED unless said) and a message to show:
 * - can_move: rapport_service_status_can_move from its status, and
 *   assigned needs an assignee;
 * - can_confirm: a resolution to confirm, and @user_id is customer-owner-id
 *   (both in the owner convention: 0 = the default user);
 * - can_reply: a complaint's resolution must be confirmed first;
 * - can_rate: resolved or closed, and @satisfaction 1–5 (INVALID_SETTING). */
gboolean                   rapport_service_request_can_move    (RapportServiceRequest  *self,
                                                                RapportServiceStatus    status,
                                                                GError                **error);
gboolean                   rapport_service_request_can_confirm (RapportServiceRequest  *self,
                                                                gint64                  user_id,
                                                                GError                **error);
gboolean                   rapport_service_request_can_reply   (RapportServiceRequest  *self,
                                                                GError                **error);
gboolean                   rapport_service_request_can_rate    (RapportServiceRequest  *self,
                                                                gint                    satisfaction,
                                                                GError                **error);
/* Someone who has left (@left_at not 0) is offered no new request:
 * NOT_ALLOWED naming @name. */
gboolean                   rapport_service_check_assignee      (const char             *name,
                                                                gint64                  left_at,
                                                                GError                **error);

G_END_DECLS
