/* rapport-customer-row.h
 *
 * One customer in the list: name, code and stage, tier badge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMER_ROW (rapport_customer_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomerRow, rapport_customer_row, RAPPORT, CUSTOMER_ROW, AdwBin)

GtkWidget       *rapport_customer_row_new          (void);
RapportCustomer *rapport_customer_row_get_customer (RapportCustomerRow *self);
void             rapport_customer_row_set_customer (RapportCustomerRow *self,
                                                    RapportCustomer    *customer);

G_END_DECLS
