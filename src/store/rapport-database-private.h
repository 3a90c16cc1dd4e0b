/* rapport-database-private.h
 *
 * What the files of src/store share about a RapportDatabase: the SQLite handle,
 * the statement cache, nested transactions and queued change notifications.
 *
 * Usage inside a repository call:
 *
 *   if (!_rapport_database_begin (db, error))
 *     return FALSE;
 *   {
 *     g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, "INSERT …", error);
 *     …bind, sqlite3_step…
 *   }
 *   _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CONTACT, id, customer_id, RAPPORT_CHANGE_INSERTED);
 *   return _rapport_database_commit (db, error);   (or _rapport_database_rollback on failure)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "rapport-clock.h"
#include "rapport-database.h"

G_BEGIN_DECLS

/* A statement from the cache. g_autoptr (RapportStatement) *resets* it when it
 * goes out of scope (it stays cached, never finalised), so a SELECT does not keep
 * a read transaction open. Only one user of the same SQL text at a time. */
typedef sqlite3_stmt RapportStatement;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportStatement, sqlite3_reset)

sqlite3          *_rapport_database_get_handle   (RapportDatabase    *db);
/* A cached statement for @sql (compared by content), reset and ready to bind.
 * Owned by @db: never finalise it. NULL with @error set when @sql fails to
 * prepare. Bindings from an earlier use may remain: bind every parameter. */
sqlite3_stmt     *_rapport_database_prepare      (RapportDatabase    *db,
                                                  const char         *sql,
                                                  GError            **error);
/* Runs @sql (one or more statements without parameters, e.g. DDL in a
 * migration). */
gboolean          _rapport_database_exec         (RapportDatabase    *db,
                                                  const char         *sql,
                                                  GError            **error);
/* Sets @error from the connection's last error, e.g. "Could not save the
 * customer: disk I/O error", mapping SQLite's code to a RAPPORT_DATABASE_ERROR:
 * CORRUPT, NOT_DATABASE, READ_ONLY, CANT_OPEN, CANCELLED (interrupt), else FAILED.
 * @context is a translated sentence fragment; @handle may be NULL. */
void              _rapport_database_set_error    (GError            **error,
                                                  sqlite3            *handle,
                                                  const char         *context);
/* Steps a statement that returns no rows (INSERT/UPDATE/DELETE) and resets it;
 * on failure sets @error with @context. */
gboolean          _rapport_database_step_done    (RapportDatabase    *db,
                                                  sqlite3_stmt       *stmt,
                                                  const char         *context,
                                                  GError            **error);
/* Steps a statement that returns at most one row and resets it: @out gets
 * its first column, 0 when there is no row; on failure sets @error with
 * @context. */
gboolean          _rapport_database_step_int64   (RapportDatabase    *db,
                                                  sqlite3_stmt       *stmt,
                                                  const char         *context,
                                                  gint64             *out,
                                                  GError            **error);

/* Nested transactions. The outermost begin issues BEGIN IMMEDIATE and the
 * outermost commit COMMIT; inner levels only count (no savepoints: bulk
 * inserts stay fast). An inner rollback after its level wrote nothing (the
 * usual validation failure) leaves the outer transaction intact; after it
 * wrote something, the outermost commit fails and rolls everything back.
 * Queued changes are posted to the file's change bus after the outermost
 * COMMIT, in the order queued, each once; a rollback drops those queued at its
 * level. A very large batch (bulk work) collapses into one bulk change
 * (RAPPORT_CHANGE_RELOADED, see rapport-change-bus.h). */
gboolean          _rapport_database_begin        (RapportDatabase    *db,
                                                  GError            **error);
gboolean          _rapport_database_commit       (RapportDatabase    *db,
                                                  GError            **error);
/* Rolls back the innermost level. Pass NULL for @error when already
 * reporting another error (the usual case on a failure path). */
gboolean          _rapport_database_rollback     (RapportDatabase    *db,
                                                  GError            **error);
gboolean          _rapport_database_in_transaction (RapportDatabase  *db);
/* @customer_id: the customer the row belongs to (a customer's own id), 0
 * for none. Outside a transaction, posts at once. */
void              _rapport_database_queue_change (RapportDatabase    *db,
                                                  RapportEntityKind   kind,
                                                  gint64              id,
                                                  gint64              customer_id,
                                                  RapportChangeKind   change);

/* customer.last_interaction_at = max (itself, @occurred_at). Inside an
 * outer transaction (bulk work) the write waits for the outermost commit,
 * once per customer, so reads within that transaction may see the old value;
 * a rollback forgets it. */
gboolean          _rapport_database_raise_last_interaction (RapportDatabase *db,
                                                            gint64           customer_id,
                                                            gint64           occurred_at,
                                                            GError         **error);

/* Drops what raise_last_interaction() keeps for @customer_id, after the value
 * was recomputed from the table. */
void              _rapport_database_forget_last_interaction (RapportDatabase *db,
                                                             gint64           customer_id);

/* The customer repository's memo of the highest number in use after each
 * code prefix ("SY" → 41): prefix string → GUINT_TO_POINTER. Emptied when
 * the data is replaced (restore). */
GHashTable       *_rapport_database_get_code_numbers (RapportDatabase *db);

/* "now" from the database's clock (UTC unix seconds). */
gint64            _rapport_database_now          (RapportDatabase    *db);
/* Fails with READ_ONLY and a user-facing message when the database was opened
 * read-only; repositories call it before writing. */
gboolean          _rapport_database_check_writable (RapportDatabase  *db,
                                                    GError          **error);

/* rapport_database_open() migrating only up to @target_version (-1: the
 * latest); tests use it to make databases of earlier versions. */
RapportDatabase  *_rapport_database_open_full    (const char                *path,
                                                  RapportDatabaseOpenFlags   flags,
                                                  const char                *backup_dir,
                                                  int                        target_version,
                                                  GError                   **error);

/* Records this build's versions of the derived data (rapport-derived.h) in a
 * database just created, which has nothing to rebuild. */
/* derived_version's rows (rapport-derived.c): name → version, NULL for none. */
gboolean          _rapport_derived_read_version  (RapportDatabase           *db,
                                                  const char                *name,
                                                  char                     **out,
                                                  GError                   **error);
gboolean          _rapport_derived_write_version (RapportDatabase           *db,
                                                  const char                *name,
                                                  const char                *version,
                                                  GError                   **error);
gboolean          _rapport_derived_mark_current  (RapportDatabase           *db,
                                                  GError                   **error);

/* Tests: files bigger than this get only the structural check on open. */
void              _rapport_database_set_full_check_limit (guint64 max_bytes);

/* Tests: backups and restores copy @pages_per_step pages at a time (0: the
 * default) and call @func, on the copying thread, after every step but the
 * last; NULL for none. */
typedef void (*RapportCopyStepFunc) (gpointer user_data);
void              _rapport_database_set_copy_step_func (guint               pages_per_step,
                                                        RapportCopyStepFunc func,
                                                        gpointer            user_data);

G_END_DECLS
