/* rapport-customer-list.h
 *
 * The list pane of the window: search entry, stage / tier / tag filters, sort
 * order, and the customers in a GtkListView over RapportCustomerListModel. The
 * selected row says which customer the window shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer-list-model.h"
#include "rapport-database.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMER_LIST (rapport_customer_list_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomerList, rapport_customer_list, RAPPORT, CUSTOMER_LIST, AdwBin)

GtkWidget                *rapport_customer_list_new                      (void);
RapportDatabase          *rapport_customer_list_get_database             (RapportCustomerList *self);
void                      rapport_customer_list_set_database             (RapportCustomerList *self,
                                                                          RapportDatabase     *db);
/* (transfer none) (nullable): the model behind the list view */
RapportCustomerListModel *rapport_customer_list_get_model                (RapportCustomerList *self);
/* Property "selected-customer-id": 0 when no row is selected. Setting it
 * selects and scrolls to the customer, clearing search and filters when they
 * hide it. */
gint64                    rapport_customer_list_get_selected_customer_id (RapportCustomerList *self);
void                      rapport_customer_list_set_selected_customer_id (RapportCustomerList *self,
                                                                          gint64               customer_id);
/* Properties "stage-filter", "tier-filter" (stable keys such as "active",
 * "gold", or "" for any), "tag-filter" ("" for any) and "sort" ("name",
 * "last-interaction", "created"; saved in GSettings customer-sort). */
/* The tags offered in the filter menu (GListModel of RapportTag, or NULL). */
void                      rapport_customer_list_set_tags                 (RapportCustomerList *self,
                                                                          GListModel          *tags);
void                      rapport_customer_list_set_tag_filter           (RapportCustomerList *self,
                                                                          const char          *tag);
const char               *rapport_customer_list_get_tag_filter           (RapportCustomerList *self);
/* TRUE when a search or a filter narrows the list. */
gboolean                  rapport_customer_list_get_is_filtered          (RapportCustomerList *self);
void                      rapport_customer_list_clear_filters            (RapportCustomerList *self);
/* Shows the search bar and focuses its entry. */
void                      rapport_customer_list_start_search             (RapportCustomerList *self);
/* Property "show-back-button": the header's back button to the sidebar, for
 * the folded window. */
void                      rapport_customer_list_set_show_back_button     (RapportCustomerList *self,
                                                                          gboolean             show);
/* For tests and the window. */
GtkEditable              *rapport_customer_list_get_search_entry         (RapportCustomerList *self);
GtkListView              *rapport_customer_list_get_list_view            (RapportCustomerList *self);
/* The page shown in the pane: "list" or "no-results". */
const char               *rapport_customer_list_get_visible_page         (RapportCustomerList *self);

G_END_DECLS
