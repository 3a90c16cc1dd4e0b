/* rapport-customer-list-model.h
 *
 * A GListModel of RapportCustomer over the customer table that pages from
 * SQLite: it never holds the whole table in memory. Its items carry what a
 * row of the list shows, the customer's own fields (not its phones, e-mails
 * or tags: rapport_store_get_customer () reads those). Filtering, searching and
 * sorting happen in SQL. It follows the file's change bus and reports
 * exact items-changed positions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-database.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_CUSTOMER_SORT_NAME,              /* pinyin order, Chinese and Latin mixed */
  RAPPORT_CUSTOMER_SORT_LAST_INTERACTION,  /* most recent first, never-contacted last */
  RAPPORT_CUSTOMER_SORT_CREATED,           /* newest first */
} RapportCustomerSort;

#define RAPPORT_TYPE_CUSTOMER_SORT (rapport_customer_sort_get_type ())
GType rapport_customer_sort_get_type (void) G_GNUC_CONST;

#define RAPPORT_TYPE_CUSTOMER_LIST_MODEL (rapport_customer_list_model_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomerListModel, rapport_customer_list_model, RAPPORT, CUSTOMER_LIST_MODEL, GObject)

RapportCustomerListModel *rapport_customer_list_model_new        (RapportDatabase          *db);
RapportCustomerListModel *rapport_customer_list_model_new_filtered (RapportDatabase     *db,
                                                                    RapportCustomerSort  sort,
                                                                    const char          *query,
                                                                    int                  stage,
                                                                    int                  tier,
                                                                    const char          *tag);
RapportDatabase          *rapport_customer_list_model_get_database (RapportCustomerListModel *self);

/* Properties "query" (string, search box text; results ranked when set),
 * "stage" (int, -1 for any, else RapportStage), "tier" (int, -1 for any, else
 * RapportTier), "tag" (string or NULL), "sort" (RapportCustomerSort), and
 * "truncated" (boolean, read-only: the search matched more customers than
 * the list shows, so the UI can say "200+"). */
void        rapport_customer_list_model_set_query   (RapportCustomerListModel *self,
                                                     const char               *query);
const char *rapport_customer_list_model_get_query   (RapportCustomerListModel *self);
void        rapport_customer_list_model_set_stage   (RapportCustomerListModel *self,
                                                     int                       stage);
int         rapport_customer_list_model_get_stage   (RapportCustomerListModel *self);
void        rapport_customer_list_model_set_tier    (RapportCustomerListModel *self,
                                                     int                       tier);
int         rapport_customer_list_model_get_tier    (RapportCustomerListModel *self);
void        rapport_customer_list_model_set_tag     (RapportCustomerListModel *self,
                                                     const char               *tag);
const char *rapport_customer_list_model_get_tag     (RapportCustomerListModel *self);
/* Property "owner-id" (gint64): a staff member's id, 0 for the default user
 * (owner_id NULL), -1 for any. */
void        rapport_customer_list_model_set_owner_id (RapportCustomerListModel *self,
                                                      gint64                    owner_id);
gint64      rapport_customer_list_model_get_owner_id (RapportCustomerListModel *self);
void        rapport_customer_list_model_set_sort    (RapportCustomerListModel *self,
                                                     RapportCustomerSort       sort);
RapportCustomerSort
            rapport_customer_list_model_get_sort    (RapportCustomerListModel *self);
gboolean    rapport_customer_list_model_get_truncated (RapportCustomerListModel *self);
/* Position of a customer in the current list, or GTK_INVALID_LIST_POSITION
 * (G_MAXUINT) when it is not shown. */
guint       rapport_customer_list_model_find        (RapportCustomerListModel *self,
                                                     gint64                    customer_id);
/* The ids of the customers shown, in order (gint64; transfer full). */
GArray     *rapport_customer_list_model_dup_ids     (RapportCustomerListModel *self);

/* Set several of the above, then read the list once. */
void        rapport_customer_list_model_freeze      (RapportCustomerListModel *self);
void        rapport_customer_list_model_thaw        (RapportCustomerListModel *self);
guint       rapport_customer_list_model_get_n_reads (RapportCustomerListModel *self);

G_END_DECLS
