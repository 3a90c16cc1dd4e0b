/* rapport-search-index-private.h
 *
 * The full-text search index (SQLite FTS5) behind rapport_store_search_customers.
 * Migrations and repositories keep it in step with the tables: every function
 * here runs inside the caller's transaction and never begins or commits one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-database.h"

G_BEGIN_DECLS

/* Migration 2: creates the FTS5 table(s) and indexes every existing customer
 * and contact. */
gboolean _rapport_search_index_create          (RapportDatabase  *db,
                                                GError          **error);
/* After any change to a customer, its channels or its tags, including trash
 * and restore: rewrites the customer's own document (not its contacts'). */
gboolean _rapport_search_index_update_customer (RapportDatabase  *db,
                                                gint64            customer_id,
                                                GError          **error);
/* After any change to a contact (insert, edit, channels, trash, restore). */
gboolean _rapport_search_index_update_contact  (RapportDatabase  *db,
                                                gint64            contact_id,
                                                GError          **error);
/* Before a customer is deleted for good: removes its document and those of
 * all its contacts. */
gboolean _rapport_search_index_delete_customer (RapportDatabase  *db,
                                                gint64            customer_id,
                                                GError          **error);
/* Before a contact is deleted for good. */
gboolean _rapport_search_index_delete_contact  (RapportDatabase  *db,
                                                gint64            contact_id,
                                                GError          **error);

G_END_DECLS
