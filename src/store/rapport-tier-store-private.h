/* rapport-tier-store-private.h
 *
 * What the customer repository shares with the tier repository: recording a
 * tier change, so a tier picked in the customer dialog is in the customer's
 * history like one set from the tier block.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-database-private.h"
#include "rapport-enums.h"

G_BEGIN_DECLS

/* Inserts a tier_change row at the database clock's now, inside the
 * caller's transaction. @reason: the one line shown, or NULL. */
gboolean _rapport_store_record_tier_change (RapportDatabase  *db,
                                            gint64            customer_id,
                                            RapportTier       from,
                                            RapportTier       to,
                                            gboolean          by_hand,
                                            const char       *reason,
                                            GError          **error);

/* The reason a by-hand change records: "Set by hand", translated. */
const char *_rapport_tier_reason_set_by_hand (void);

G_END_DECLS
