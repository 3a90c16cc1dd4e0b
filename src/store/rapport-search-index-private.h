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

/* The version of the documents this file writes; bump it when they change.
 * rapport-derived.c stores it with the pinyin's and the country code. */
#define RAPPORT_SEARCH_INDEX_VERSION "3"

/* Rewrites every document of a customer and its contacts (none when it is
 * in the Trash), for the rebuild of derived data. */
gboolean _rapport_search_index_rebuild_customer (RapportDatabase  *db,
                                                 gint64            customer_id,
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
gboolean _rapport_search_index_add_customer    (RapportDatabase  *db,
                                                gint64            customer_id,
                                                GError          **error);
gboolean _rapport_search_index_add_contact     (RapportDatabase  *db,
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

/* Merges the index's segments; bulk loads call it once at the end. */
gboolean _rapport_search_index_optimize        (RapportDatabase  *db,
                                                GError          **error);

/* The private-use marker in front of the tokens that rank a match: a
 * customer's name, code, pinyin and initials from their start. */
#define RAPPORT_SEARCH_HEAD  "\xee\x80\x82"   /* U+E002 */

/* Document rowids: a customer's is its id shifted left by 32 bits, each of its
 * contacts' that plus the contact id. So a bulk load (a customer, then its
 * contacts, then the next customer) writes rowids in increasing order, which
 * FTS5 needs to batch its writes, a match gives its customer without a lookup,
 * and a customer's documents are one rowid range. Contact ids must stay below
 * 2^32. */
#define RAPPORT_SEARCH_CUSTOMER_ROWID(customer_id) ((gint64) (customer_id) << 32)
#define RAPPORT_SEARCH_CONTACT_ROWID(customer_id, contact_id) \
  (RAPPORT_SEARCH_CUSTOMER_ROWID (customer_id) | ((gint64) (contact_id) & G_MAXUINT32))
#define RAPPORT_SEARCH_ROWID_CUSTOMER(rowid) ((gint64) (rowid) >> 32)

/* Index tokens are cut at this many characters; so are query terms. */
#define RAPPORT_SEARCH_MAX_TOKEN_CHARS 24
/* Length of the windows that index runs of Han characters and of digits. */
#define RAPPORT_SEARCH_WINDOW_CHARS 4

/* Folds text as the index does: NFKC, full-width to half-width, lower case,
 * accents removed, everything but letters and digits dropped. */
char     *_rapport_search_fold                 (const char       *text);
/* Whether @c stands alone in the index (Han, kana, hangul…) rather than
 * building a word with its neighbours (Latin, digits). */
gboolean  _rapport_search_is_unit_char         (gunichar          c);

G_END_DECLS
