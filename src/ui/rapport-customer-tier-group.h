/* rapport-customer-tier-group.h
 *
 * The customer page's value tier block (issue 10): the tier in force with its
 * badge, whether it was set by hand or computed (and the computed tier with
 * its one-line reason beside a manual one), "Use Computed Tier" (with Undo)
 * and "Set by Hand…"; the potential (low / high) likewise, suggested or set
 * by hand; and the tier history, newest first, expandable to more. It
 * follows the change bus for its customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

/* How many tier changes are listed at first, and how many more each
 * "Show More" adds. */
#define RAPPORT_CUSTOMER_TIER_GROUP_HISTORY_FIRST 5
#define RAPPORT_CUSTOMER_TIER_GROUP_HISTORY_MORE  20

#define RAPPORT_TYPE_CUSTOMER_TIER_GROUP (rapport_customer_tier_group_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomerTierGroup, rapport_customer_tier_group, RAPPORT,
                      CUSTOMER_TIER_GROUP, AdwBin)

GtkWidget      *rapport_customer_tier_group_new             (void);
/* Properties "session" and "customer-id" (0: nobody; the group shows nothing). */
RapportSession *rapport_customer_tier_group_get_session     (RapportCustomerTierGroup *self);
void            rapport_customer_tier_group_set_session     (RapportCustomerTierGroup *self,
                                                             RapportSession           *session);
gint64          rapport_customer_tier_group_get_customer_id (RapportCustomerTierGroup *self);
void            rapport_customer_tier_group_set_customer_id (RapportCustomerTierGroup *self,
                                                             gint64                    customer_id);

/* Actions on the group (also reached from its buttons and menus):
 * "tier.set-manual" (s: a tier key, "gold"), "tier.use-computed",
 * "tier.set-potential" (s: "low" or "high"), "tier.use-suggested",
 * "tier.show-more". */

G_END_DECLS
