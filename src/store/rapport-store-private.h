/* rapport-store-private.h
 *
 * Helpers the repository files share: binding and reading columns, validation
 * turned into RAPPORT_DATABASE_ERROR_INVALID, phones and e-mails (the channel
 * table), and the customer's derived last_interaction_at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-database-private.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_UUID_LEN 37

/* A new time-ordered (version 7) UUID string into @uuid. */
void         _rapport_store_new_uuid             (char                 uuid[RAPPORT_UUID_LEN]);
/* NULL, empty or only white space. */
gboolean     _rapport_store_is_blank             (const char          *text);
/* Binds @text, or NULL for NULL or an empty string (optional fields). */
void         _rapport_store_bind_text            (sqlite3_stmt        *stmt,
                                                  int                  index,
                                                  const char          *text);
/* Binds 0 as NULL (optional ids, deleted_at). */
void         _rapport_store_bind_id              (sqlite3_stmt        *stmt,
                                                  int                  index,
                                                  gint64               id);
const char  *_rapport_store_column_text          (sqlite3_stmt        *stmt,
                                                  int                  index);

/* Moves a RAPPORT_VALIDATION_ERROR (or any error) into @error as
 * RAPPORT_DATABASE_ERROR_INVALID with the same user-facing message. Returns
 * FALSE. */
gboolean     _rapport_store_invalid              (GError             **error,
                                                  GError              *validation_error);
gboolean     _rapport_store_not_found            (GError             **error,
                                                  RapportEntityKind    kind,
                                                  gint64               id);

/* A name, trimmed, checked with rapport_name_validate. */
gboolean     _rapport_store_check_name           (const char          *name,
                                                  char               **out,
                                                  GError             **error);
/* NULL / "" or a valid YYYY-MM-DD date. */
gboolean     _rapport_store_check_date           (const char          *date,
                                                  const char          *field_label,
                                                  gboolean             required,
                                                  GError             **error);

/* Normalised, de-duplicated, empty entries skipped; INVALID on a bad one. */
gboolean     _rapport_store_normalize_phones     (RapportDatabase     *db,
                                                  const char * const  *phones,
                                                  GStrv               *out,
                                                  GError             **error);
gboolean     _rapport_store_normalize_emails     (const char * const  *emails,
                                                  GStrv               *out,
                                                  GError             **error);

/* The channel rows of a customer (@contact_id 0) or of a contact. */
GStrv        _rapport_store_load_channels        (RapportDatabase     *db,
                                                  gint64               customer_id,
                                                  gint64               contact_id,
                                                  const char          *kind,
                                                  GError             **error);
/* Replaces them when they differ; @changed (nullable) tells whether they did.
 * @is_new skips reading the old ones. */
gboolean     _rapport_store_save_channels        (RapportDatabase     *db,
                                                  gint64               customer_id,
                                                  gint64               contact_id,
                                                  const char * const  *phones,
                                                  const char * const  *emails,
                                                  gboolean             is_new,
                                                  gboolean            *changed,
                                                  GError             **error);

/* Customer row helpers. */
gboolean     _rapport_store_customer_exists      (RapportDatabase     *db,
                                                  gint64               customer_id,
                                                  GError             **error);
/* Recomputes customer.last_interaction_at from its live interactions. */
gboolean     _rapport_store_refresh_last_interaction (RapportDatabase *db,
                                                      gint64           customer_id,
                                                      GError         **error);
/* Saves a customer's tags (already cleaned) and removes tags nobody uses when
 * @cleanup. Queues TAG changes. */
gboolean     _rapport_store_save_tags            (RapportDatabase     *db,
                                                  gint64               customer_id,
                                                  const char * const  *tags,
                                                  gboolean             is_new,
                                                  gboolean            *changed,
                                                  GError             **error);
GStrv        _rapport_store_load_tags            (RapportDatabase     *db,
                                                  gint64               customer_id,
                                                  GError             **error);
/* Trimmed, empty ones dropped, de-duplicated case-insensitively (first
 * spelling kept). */
GStrv        _rapport_store_clean_tags           (const char * const  *tags);
gboolean     _rapport_store_count_tags           (RapportDatabase     *db,
                                                 gint64               customer_id,
                                                 int                  delta,
                                                 GError             **error);
gboolean     _rapport_store_remove_unused_tags   (RapportDatabase     *db,
                                                  GError             **error);

/* What one kind of row also does when it goes to the Trash or comes back,
 * inside the same transaction (keep the search index, a derived field). */
typedef gboolean (*RapportTrashedFunc) (RapportDatabase  *db,
                                        gint64            id,
                                        gint64            customer_id,
                                        GError          **error);

/* Trash and restore of a customer's dependants, one transaction: sets or
 * clears deleted_at on row @id of @table ("contact", "interaction",
 * "orders"), runs @then (nullable) and announces the change with the row's
 * customer. Nothing happens when the row is already so; NOT_FOUND when it is
 * missing. */
gboolean     _rapport_store_set_trashed          (RapportDatabase     *db,
                                                  const char          *table,
                                                  RapportEntityKind    kind,
                                                  gint64               id,
                                                  gboolean             deleted,
                                                  RapportTrashedFunc   then,
                                                  GError             **error);

/* Customers' own rows (no phones, e-mails or tags) for @ids, in one read. */
GPtrArray  *_rapport_store_read_customer_rows (RapportDatabase  *db,
                                               const gint64     *ids,
                                               guint             n_ids,
                                               GError          **error);

G_END_DECLS
