/* rapport-order-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-database.h"
#include "rapport-order.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ORDER_DIALOG (rapport_order_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrderDialog, rapport_order_dialog, RAPPORT, ORDER_DIALOG, AdwWindow)

GtkWidget *rapport_order_dialog_new (GtkWindow       *parent,
                                     RapportDatabase *db,
                                     gint64           customer_id,
                                     RapportOrder    *order_or_null);

G_END_DECLS
