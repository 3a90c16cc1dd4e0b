/* rapport-duplicates-page.h
 *
 * The Duplicates section: customers across the book that are likely the same
 * (rapport_store_find_duplicate_sets, on a worker when the page is first
 * shown or asked to look again), each set with its reason and "Merge…",
 * which opens RapportMergeDialog; the merge runs on a worker, and a toast
 * offers Undo. Actions: "duplicates.find", "duplicates.stop",
 * "duplicates.merge" (u: the set's position), "duplicates.undo-merge" (x: the
 * merge's id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DUPLICATES_PAGE (rapport_duplicates_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportDuplicatesPage, rapport_duplicates_page, RAPPORT, DUPLICATES_PAGE, AdwBin)

GtkWidget      *rapport_duplicates_page_new                  (void);
RapportSession *rapport_duplicates_page_get_session          (RapportDuplicatesPage *self);
void            rapport_duplicates_page_set_session          (RapportDuplicatesPage *self,
                                                              RapportSession        *session);
void            rapport_duplicates_page_set_show_back_button (RapportDuplicatesPage *self,
                                                              gboolean               show);
/* Property "busy": looking for duplicates or merging. */
gboolean        rapport_duplicates_page_get_busy             (RapportDuplicatesPage *self);
/* The sets shown (tests): how many, and the customers of one (gint64 ids,
 * oldest first; transfer none). */
guint           rapport_duplicates_page_get_n_sets           (RapportDuplicatesPage *self);
GArray         *rapport_duplicates_page_get_set_ids          (RapportDuplicatesPage *self,
                                                              guint                  position);
/* The merge dialog open, or NULL (tests). */
GtkWidget      *rapport_duplicates_page_get_merge_dialog     (RapportDuplicatesPage *self);
/* The last merge's id, 0 before any (tests, Undo). */
gint64          rapport_duplicates_page_get_last_merge_id    (RapportDuplicatesPage *self);

G_END_DECLS
