/* rapport-order-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-editor-dialog.h"
#include "rapport-session.h"
#include "rapport-order.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ORDER_DIALOG (rapport_order_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrderDialog, rapport_order_dialog, RAPPORT, ORDER_DIALOG, RapportEditorDialog)

GtkWidget *rapport_order_dialog_new (GtkWindow       *parent,
                                     RapportSession  *session,
                                     gint64           customer_id,
                                     RapportOrder    *order_or_null);

const char *rapport_order_dialog_get_currency (RapportOrderDialog *self);

G_END_DECLS
