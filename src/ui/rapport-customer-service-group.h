/* rapport-customer-service-group.h
 *
 * The customer page's Service Requests section: the customer's requests
 * (open ones first, by priority and due time), each with its priority,
 * kind, summary, status and whether it is overdue; "New Request" and
 * activating a row open RapportServiceRequestDialog. It follows the change
 * bus for its customer's requests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMER_SERVICE_GROUP (rapport_customer_service_group_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomerServiceGroup, rapport_customer_service_group, RAPPORT,
                      CUSTOMER_SERVICE_GROUP, AdwBin)

GtkWidget      *rapport_customer_service_group_new             (void);
/* Properties "session" and "customer-id" (0: nobody; the group shows nothing). */
RapportSession *rapport_customer_service_group_get_session     (RapportCustomerServiceGroup *self);
void            rapport_customer_service_group_set_session     (RapportCustomerServiceGroup *self,
                                                                RapportSession              *session);
gint64          rapport_customer_service_group_get_customer_id (RapportCustomerServiceGroup *self);
void            rapport_customer_service_group_set_customer_id (RapportCustomerServiceGroup *self,
                                                                gint64                       customer_id);
/* (transfer none): the RapportServiceRequests listed, in order. */
GListModel     *rapport_customer_service_group_get_model       (RapportCustomerServiceGroup *self);

G_END_DECLS
