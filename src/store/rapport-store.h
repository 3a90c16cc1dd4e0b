/* rapport-store.h
 *
 * The repositories: every read and write of customers, contacts, interactions,
 * orders and tags. Each write is one transaction, emits "changed" on the database
 * after it commits, and validates its input with src/core's rules, failing with
 * RAPPORT_DATABASE_ERROR_INVALID and a user-facing message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-customer.h"
#include "rapport-contact.h"
#include "rapport-interaction.h"
#include "rapport-order.h"
#include "rapport-tag.h"
#include "rapport-database.h"
#include "rapport-customer-list-model.h"

G_BEGIN_DECLS

/* Customers. insert fills in id, uuid, created-at, updated-at, and the code when
 * it is empty (rapport_store_propose_customer_code). */
gboolean          rapport_store_insert_customer        (RapportDatabase  *db,
                                                        RapportCustomer  *customer,
                                                        GError          **error);
gboolean          rapport_store_update_customer        (RapportDatabase  *db,
                                                        RapportCustomer  *customer,
                                                        GError          **error);
/* Returns NULL with RAPPORT_DATABASE_ERROR_NOT_FOUND when missing; a trashed
 * customer is returned (deleted-at set). */
RapportCustomer  *rapport_store_get_customer           (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_trash_customer         (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_restore_customer       (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
char             *rapport_store_propose_customer_code  (RapportDatabase  *db,
                                                        const char       *name);
gboolean          rapport_store_customer_code_in_use   (RapportDatabase  *db,
                                                        const char       *code,
                                                        gint64            except_id);
guint             rapport_store_count_customers        (RapportDatabase  *db);

/* Totals and dates a customer page shows. */
typedef struct
{
  gint64  last_interaction_at;   /* 0 when none */
  char   *last_order_on;         /* YYYY-MM-DD or NULL */
  gint64  order_total;           /* minor units, in currency; orders in other currencies are not summed */
  char   *order_currency;        /* the default currency when mixed or none */
  guint   n_orders;
  guint   n_interactions;
} RapportCustomerSummary;

void              rapport_customer_summary_clear       (RapportCustomerSummary *summary);
gboolean          rapport_store_get_customer_summary   (RapportDatabase        *db,
                                                        gint64                  customer_id,
                                                        const char             *default_currency,
                                                        RapportCustomerSummary *summary,
                                                        GError                **error);

/* Users (staff). Until team mode there is one, the default user ("Me"), who
 * owns every customer whose owner-id is 0. @user_id 0 names the default user. */
char             *rapport_store_get_user_name          (RapportDatabase  *db,
                                                        gint64            user_id,
                                                        GError          **error);

/* Contacts (a customer's people; a short list, loaded whole). */
gboolean          rapport_store_insert_contact         (RapportDatabase  *db,
                                                        RapportContact   *contact,
                                                        GError          **error);
gboolean          rapport_store_update_contact         (RapportDatabase  *db,
                                                        RapportContact   *contact,
                                                        GError          **error);
gboolean          rapport_store_trash_contact          (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_restore_contact        (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
/* Makes this contact the customer's only primary one. */
gboolean          rapport_store_set_primary_contact    (RapportDatabase  *db,
                                                        gint64            contact_id,
                                                        GError          **error);
RapportContact   *rapport_store_get_contact            (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
/* GListModel of RapportContact, primary first, then by name. */
GListModel       *rapport_store_list_contacts          (RapportDatabase  *db,
                                                        gint64            customer_id,
                                                        GError          **error);

/* Interactions. */
gboolean          rapport_store_insert_interaction     (RapportDatabase     *db,
                                                        RapportInteraction  *interaction,
                                                        GError             **error);
gboolean          rapport_store_update_interaction     (RapportDatabase     *db,
                                                        RapportInteraction  *interaction,
                                                        GError             **error);
gboolean          rapport_store_trash_interaction      (RapportDatabase     *db,
                                                        gint64               id,
                                                        GError             **error);
gboolean          rapport_store_restore_interaction    (RapportDatabase     *db,
                                                        gint64               id,
                                                        GError             **error);
/* GListModel of RapportInteraction, newest first, at most @limit (0: all). */
GListModel       *rapport_store_list_interactions      (RapportDatabase     *db,
                                                        gint64               customer_id,
                                                        guint                limit,
                                                        GError             **error);

/* Orders. */
gboolean          rapport_store_insert_order           (RapportDatabase  *db,
                                                        RapportOrder     *order,
                                                        GError          **error);
gboolean          rapport_store_update_order           (RapportDatabase  *db,
                                                        RapportOrder     *order,
                                                        GError          **error);
gboolean          rapport_store_trash_order            (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_restore_order          (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
/* GListModel of RapportOrder, newest first. */
GListModel       *rapport_store_list_orders            (RapportDatabase  *db,
                                                        gint64            customer_id,
                                                        GError          **error);

/* Tags. A customer's tags are its "tags" property, saved with the customer;
 * tags no customer uses any more are removed. GListModel of RapportTag by name. */
GListModel       *rapport_store_list_tags              (RapportDatabase  *db,
                                                        GError          **error);

/* Trash: GListModel of RapportTrashItem (customers, contacts, interactions,
 * orders), most recently deleted first. */
GListModel       *rapport_store_list_trash             (RapportDatabase  *db,
                                                        GError          **error);
gboolean          rapport_store_restore_trash_item     (RapportDatabase  *db,
                                                        RapportEntityKind kind,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_empty_trash            (RapportDatabase  *db,
                                                        GCancellable     *cancellable,
                                                        GError          **error);
gboolean          rapport_store_trash_is_empty         (RapportDatabase  *db);

/* Bulk loads (imports, sample data): between the two calls, customers are
 * added to the search index at the end, quickly; the end puts them in place
 * in one transaction. */
void              rapport_store_begin_bulk_load        (RapportDatabase  *db);
gboolean          rapport_store_end_bulk_load          (RapportDatabase  *db,
                                                        GError          **error);

/* Duplicates caught at the door: existing customers and contacts whose
 * normalised phone or e-mail, or normalised name, equals one given here.
 * @except_customer_id / @except_contact_id leave out the row being edited.
 * Returns a GListModel of RapportDuplicate (empty when none). */
GListModel       *rapport_store_find_duplicates        (RapportDatabase     *db,
                                                        const char          *name,
                                                        const char * const  *phones,
                                                        const char * const  *emails,
                                                        gint64               except_customer_id,
                                                        gint64               except_contact_id,
                                                        GError             **error);

/* Search (FTS5): customer ids ranked best first, at most @limit. */
GArray           *rapport_store_search_customers       (RapportDatabase  *db,
                                                        const char       *query,
                                                        guint             limit,
                                                        GError          **error);

/* What a search is restricted to, and the order within each rank. */
typedef struct
{
  int                  stage;   /* a RapportStage, or -1 for any */
  int                  tier;    /* a RapportTier, or -1 for any */
  const char          *tag;     /* a tag's name, or NULL for any */
  RapportCustomerSort  sort;    /* the list order within a rank */
} RapportSearchFilter;

#define RAPPORT_SEARCH_FILTER_INIT { -1, -1, NULL, RAPPORT_CUSTOMER_SORT_NAME }

/* The search with its filters applied before the limit: the first @limit
 * customers matching both, ranked, each rank in @filter's order;
 * @truncated (nullable) tells whether more matched. */
GArray           *rapport_store_search_customers_filtered (RapportDatabase            *db,
                                                           const char                 *query,
                                                           const RapportSearchFilter  *filter,
                                                           guint                       limit,
                                                           gboolean                   *truncated,
                                                           GError                    **error);

G_END_DECLS
