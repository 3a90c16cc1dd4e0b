/* rapport-customer-page.h
 *
 * One customer: header, actions, details, contacts, timeline and orders. It
 * follows the session's change bus, refreshing only the sections a change
 * touches (rows that did not change keep their widgets, focus and scroll
 * position) and ignoring other customers' changes, and installs the
 * "customer" actions (edit, log-interaction, add-contact, add-order, delete,
 * edit-interaction, show-older, …). The header names the customer's owner.
 *
 * Phones, e-mail addresses and the website are actions, on the details and
 * on each contact: "customer.call" and "customer.send-sms" (the stored E.164
 * number), "customer.write-email", "customer.open-website" and
 * "customer.copy" (the text shown; a "Copied" toast). What they open goes
 * out through the "open-uri" signal (gboolean (*) (page, const char *uri)),
 * whose default handler launches it through the portal; a test connects a
 * handler that returns TRUE to see the URI and launch nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMER_PAGE (rapport_customer_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomerPage, rapport_customer_page, RAPPORT, CUSTOMER_PAGE, AdwBin)

GtkWidget       *rapport_customer_page_new                  (void);
RapportSession  *rapport_customer_page_get_session          (RapportCustomerPage *self);
void             rapport_customer_page_set_session          (RapportCustomerPage *self,
                                                             RapportSession      *session);
gint64           rapport_customer_page_get_customer_id      (RapportCustomerPage *self);
void             rapport_customer_page_set_customer_id      (RapportCustomerPage *self,
                                                             gint64               customer_id);
const char      *rapport_customer_page_get_title            (RapportCustomerPage *self);
gboolean         rapport_customer_page_get_show_back_button (RapportCustomerPage *self);
void             rapport_customer_page_set_show_back_button (RapportCustomerPage *self,
                                                             gboolean             show_back_button);

G_END_DECLS
