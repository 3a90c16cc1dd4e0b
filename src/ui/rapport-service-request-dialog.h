/* rapport-service-request-dialog.h
 *
 * A service request (服务 / 投诉): a new one on a customer, or one to edit
 * and move along. The form (kind, summary, details, contact, severity, the
 * priority with how it was derived and an override, the due time) is saved
 * with Save. An existing request also shows its workflow, each step written
 * at once and logged: the assignee, the status (new → assigned → in progress
 * → resolved → closed, resolved reopening), the resolution, the customer
 * owner's confirmation of a complaint's resolution (who, when), the reply
 * (Send Reply… by mail or SMS through RapportComposeDialog, or Mark as
 * Replied; neither before a complaint is confirmed, and the dialog says
 * why), the customer's satisfaction once resolved, the times to first
 * response and to resolution, and the history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-editor-dialog.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SERVICE_REQUEST_DIALOG (rapport_service_request_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportServiceRequestDialog, rapport_service_request_dialog, RAPPORT,
                      SERVICE_REQUEST_DIALOG, RapportEditorDialog)

/* A new request on @customer_id (@request_id 0), or request @request_id. */
GtkWidget  *rapport_service_request_dialog_new                  (GtkWindow                   *parent,
                                                                 RapportSession              *session,
                                                                 gint64                       customer_id,
                                                                 gint64                       request_id);

/* What the dialog shows, for tests: the priority line ("Gold customer,
 * high severity → P2"), and why the reply is unavailable (NULL when it is
 * available, or for a new request). */
const char *rapport_service_request_dialog_get_priority_text    (RapportServiceRequestDialog *self);
const char *rapport_service_request_dialog_get_reply_blocked_reason (RapportServiceRequestDialog *self);

G_END_DECLS
