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
#define RAPPORT_SEARCH_INDEX_VERSION "4"

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

/* An import into a book of any size: from _defer until _index_deferred,
 * customers inserted on @db get neither a slot nor a document (nor do their
 * contacts), and other customers and contacts added or changed are only
 * noted; _index_deferred then places the new customers among the others
 * and writes every document due in rowid order (as FTS5 batches writes),
 * inside the caller's transaction. Deletions are not deferred.
 * _cancel_deferred forgets it all (after a rollback). */
void     _rapport_search_index_defer           (RapportDatabase  *db);
gboolean _rapport_search_index_index_deferred  (RapportDatabase  *db,
                                                GError          **error);
void     _rapport_search_index_cancel_deferred (RapportDatabase  *db);

/* Merges the index's segments; bulk loads call it once at the end. */
gboolean _rapport_search_index_optimize        (RapportDatabase  *db,
                                                GError          **error);

/* The private-use marker in front of the tokens that rank a match: a
 * customer's name, code, pinyin and initials from their start. */
#define RAPPORT_SEARCH_HEAD  "\xee\x80\x82"   /* U+E002 */

/* Document rowids: a customer's is its search slot shifted left by 32 bits,
 * each of its contacts' that plus the contact id. So a customer's documents
 * are one rowid range, a bulk load in slot order writes rowids in increasing
 * order (which FTS5 needs to batch its writes), and contact ids must stay
 * below 2^32.
 *
 * The slots below RAPPORT_SEARCH_MISFIT_SLOT follow the list's name order
 * (sort_key, then id), trashed customers keeping theirs: a match read in
 * rowid order is a match in list order, so a search stops at its limit
 * instead of reading every match. A customer takes a slot between its
 * neighbours'; where they left none, it takes RAPPORT_SEARCH_MISFIT_SLOT plus
 * its id (ids must stay below 2^30), and a search reads those separately.
 * The rebuild spreads the slots again when misfits are many
 * (RAPPORT_SEARCH_MAX_MISFITS), the sort keys changed or the slots were
 * never assigned (RAPPORT_SEARCH_SLOTS_NAME in derived_version). */
#define RAPPORT_SEARCH_MISFIT_SLOT (G_GINT64_CONSTANT (1) << 30)
#define RAPPORT_SEARCH_MAX_MISFITS 256
#define RAPPORT_SEARCH_SLOTS_NAME "search-slots"
#define RAPPORT_SEARCH_SLOTS_VERSION "1"

#define RAPPORT_SEARCH_SLOT_ROWID(slot) ((gint64) (slot) << 32)
#define RAPPORT_SEARCH_CONTACT_ROWID(slot, contact_id) \
  (RAPPORT_SEARCH_SLOT_ROWID (slot) | ((gint64) (contact_id) & G_MAXUINT32))
#define RAPPORT_SEARCH_ROWID_SLOT(rowid) ((gint64) (rowid) >> 32)

/* Whether the slots need spreading again: never assigned for this file's
 * sort keys, or too many misfits. */
gboolean _rapport_search_index_needs_relabel (RapportDatabase  *db,
                                              gboolean         *needed,
                                              GError          **error);
/* Whether the slots were assigned for this file's sort keys (so only
 * misfits, if anything, need spreading). */
gboolean _rapport_search_index_slots_current (RapportDatabase  *db,
                                              gboolean         *current,
                                              GError          **error);
/* Spreads the slots again keeping the documents, moved in one pass: at the
 * end of a bulk load. */
gboolean _rapport_search_index_respread      (RapportDatabase  *db,
                                              GError          **error);
/* Gives one misfit, and the customers around it, slots in name order,
 * moving their documents: a few dozen customers, one short transaction for
 * the caller. Sets @placed to FALSE when there was no misfit left. */
gboolean _rapport_search_index_place_misfit  (RapportDatabase  *db,
                                              gboolean         *placed,
                                              GError          **error);
/* Drops every document and gives every customer, trashed ones included, a
 * slot in name order, evenly spread; the rebuild then writes the documents
 * again. */
gboolean _rapport_search_index_relabel       (RapportDatabase  *db,
                                              GError          **error);

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
