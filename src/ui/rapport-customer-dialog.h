/* rapport-customer-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer.h"
#include "rapport-editor-dialog.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMER_DIALOG (rapport_customer_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomerDialog, rapport_customer_dialog, RAPPORT, CUSTOMER_DIALOG, RapportEditorDialog)

GtkWidget *rapport_customer_dialog_new (GtkWindow       *parent,
                                        RapportSession  *session,
                                        RapportCustomer *customer_or_null);

G_END_DECLS
