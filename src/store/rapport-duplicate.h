/* rapport-duplicate.h
 *
 * An existing customer or contact that looks like the one being entered
 * (rapport_store_find_duplicates), with the reason to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_DUPLICATE (rapport_duplicate_get_type ())

G_DECLARE_FINAL_TYPE (RapportDuplicate, rapport_duplicate, RAPPORT, DUPLICATE, GObject)

/* Read-only properties: "customer-id" (int64: the customer to open),
 * "contact-id" (int64, 0 when the match is the customer itself), "name"
 * (string: the contact's name, or the customer's), "customer-name" (string),
 * "reason" (string, translated: "Same phone number as 速阳有限公司"). */
RapportDuplicate *rapport_duplicate_new               (gint64            customer_id,
                                                       gint64            contact_id,
                                                       const char       *name,
                                                       const char       *customer_name,
                                                       const char       *reason);
gint64            rapport_duplicate_get_customer_id   (RapportDuplicate *self);
gint64            rapport_duplicate_get_contact_id    (RapportDuplicate *self);
const char       *rapport_duplicate_get_name          (RapportDuplicate *self);
const char       *rapport_duplicate_get_customer_name (RapportDuplicate *self);
const char       *rapport_duplicate_get_reason        (RapportDuplicate *self);

G_END_DECLS
