/* rapport-merge-dialog.h
 *
 * Merging a set of duplicate customers: which one to keep (the oldest by
 * default), for each field whose values differ the value to keep, phones,
 * e-mails and tags united, and what moves to the one kept. "Merge" emits
 * "merge-chosen" and closes; the caller merges (rapport_store_merge_customers
 * with get_survivor and get_other_ids).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer.h"
#include "rapport-database.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_MERGE_DIALOG (rapport_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportMergeDialog, rapport_merge_dialog, RAPPORT, MERGE_DIALOG, AdwWindow)

/* @customers: RapportCustomer (phones, e-mails and tags read), oldest
 * first; @db: where to count what moves. */
GtkWidget       *rapport_merge_dialog_new            (GtkWindow          *parent,
                                                      RapportDatabase    *db,
                                                      GPtrArray          *customers);
/* The index in @customers of the one kept. */
guint            rapport_merge_dialog_get_survivor_index (RapportMergeDialog *self);
void             rapport_merge_dialog_set_survivor_index (RapportMergeDialog *self,
                                                          guint               index);
/* The fields offered with a choice ("name", "industry", …: the customer's
 * property names), NULL-terminated (transfer full). */
GStrv            rapport_merge_dialog_list_choices   (RapportMergeDialog *self);
/* Keeps @field's value of customer @index in @customers. */
void             rapport_merge_dialog_choose         (RapportMergeDialog *self,
                                                      const char         *field,
                                                      guint               index);
/* The customer kept as it will be saved (transfer full). */
RapportCustomer *rapport_merge_dialog_get_survivor   (RapportMergeDialog *self);
/* The ids of the others (gint64; transfer full). */
GArray          *rapport_merge_dialog_get_other_ids  (RapportMergeDialog *self);

G_END_DECLS
