/* rapport-duplicate-group.h
 *
 * "Possible duplicates": the existing customers and contacts an editor's values
 * match (rapport_store_find_duplicates), each with an Open button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_DUPLICATE_GROUP (rapport_duplicate_group_get_type ())

G_DECLARE_FINAL_TYPE (RapportDuplicateGroup, rapport_duplicate_group, RAPPORT, DUPLICATE_GROUP, AdwBin)

GtkWidget *rapport_duplicate_group_new       (void);
/* Shows the RapportDuplicate items of @matches; hides itself when empty or NULL. */
void       rapport_duplicate_group_set_matches (RapportDuplicateGroup *self,
                                                GListModel            *matches);
guint      rapport_duplicate_group_get_n_matches (RapportDuplicateGroup *self);

G_END_DECLS
