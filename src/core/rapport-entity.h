/* rapport-entity.h
 *
 * What every entity object (RapportCustomer, RapportContact, …) shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Whether @a and @b are of the same type and every readable property holds
 * the same value (strings and string lists by content). A view keeps the
 * object it shows when a re-read one is equal, so its row is not rebuilt. */
gboolean rapport_entity_equal (gpointer a,
                               gpointer b);

G_END_DECLS
