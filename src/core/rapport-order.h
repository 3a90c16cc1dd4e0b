/* rapport-order.h
 *
 * A purchase by a customer. The amount is in minor units of its currency.
 *
 * Strings are copied in and may be NULL; string lists are never NULL (an empty
 * list when unset); times are UTC unix seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_ORDER (rapport_order_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrder, rapport_order, RAPPORT, ORDER, GObject)

RapportOrder *rapport_order_new  (void);
/* A deep copy, id included. */
RapportOrder *rapport_order_copy (RapportOrder *self);

gint64       rapport_order_get_id          (RapportOrder *self);
void         rapport_order_set_id          (RapportOrder *self,
                                            gint64        id);
const char  *rapport_order_get_uuid        (RapportOrder *self);
void         rapport_order_set_uuid        (RapportOrder *self,
                                            const char *uuid);
gint64       rapport_order_get_customer_id (RapportOrder *self);
void         rapport_order_set_customer_id (RapportOrder *self,
                                            gint64        customer_id);
/* ordered-on: YYYY-MM-DD */
const char  *rapport_order_get_ordered_on  (RapportOrder *self);
void         rapport_order_set_ordered_on  (RapportOrder *self,
                                            const char *ordered_on);
/* amount: minor units (fen, cents) */
gint64       rapport_order_get_amount      (RapportOrder *self);
void         rapport_order_set_amount      (RapportOrder *self,
                                            gint64        amount);
/* currency: ISO 4217 code, e.g. "CNY" */
const char  *rapport_order_get_currency    (RapportOrder *self);
void         rapport_order_set_currency    (RapportOrder *self,
                                            const char *currency);
const char  *rapport_order_get_description (RapportOrder *self);
void         rapport_order_set_description (RapportOrder *self,
                                            const char *description);
gint64       rapport_order_get_created_at  (RapportOrder *self);
void         rapport_order_set_created_at  (RapportOrder *self,
                                            gint64        created_at);
gint64       rapport_order_get_updated_at  (RapportOrder *self);
void         rapport_order_set_updated_at  (RapportOrder *self,
                                            gint64        updated_at);
gint64       rapport_order_get_deleted_at  (RapportOrder *self);
void         rapport_order_set_deleted_at  (RapportOrder *self,
                                            gint64        deleted_at);

G_END_DECLS
