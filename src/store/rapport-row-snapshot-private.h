/* rapport-row-snapshot-private.h
 *
 * Rows as they were, kept in the row_snapshot table (migration 8) so that an
 * import or a merge can be undone exactly: every column of every row a
 * query selected, as one JSON array of objects (column → value; a BLOB as
 * {"blob": base64}). Inside the caller's transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rapport-database-private.h"

G_BEGIN_DECLS

#define RAPPORT_SNAPSHOT_IMPORT "import"
#define RAPPORT_SNAPSHOT_MERGE  "merge"

/* Keeps the rows @select_sql returns (it takes @row_id as ?1) under
 * (@owner, @owner_id, @label, @row_id), unless a snapshot is kept there
 * already: the first one is the state before. */
gboolean _rapport_row_snapshot_take    (RapportDatabase  *db,
                                        const char       *owner,
                                        gint64            owner_id,
                                        const char       *label,
                                        gint64            row_id,
                                        const char       *select_sql,
                                        GError          **error);

/* Called with each snapshot of an owner, in the order taken. */
typedef gboolean (*RapportSnapshotFunc) (RapportDatabase  *db,
                                         const char       *label,
                                         gint64            row_id,
                                         JsonArray        *rows,
                                         gpointer          user_data,
                                         GError          **error);

gboolean _rapport_row_snapshot_foreach (RapportDatabase     *db,
                                        const char          *owner,
                                        gint64               owner_id,
                                        RapportSnapshotFunc  func,
                                        gpointer             user_data,
                                        GError             **error);

/* Writes the columns of @row back into its row of @table (by "id"), but
 * those in @skip (NULL-terminated, nullable). */
gboolean _rapport_row_snapshot_update  (RapportDatabase     *db,
                                        const char          *table,
                                        JsonObject          *row,
                                        const char * const  *skip,
                                        GError             **error);
/* Inserts @row into @table again, but the columns in @skip. */
gboolean _rapport_row_snapshot_insert  (RapportDatabase     *db,
                                        const char          *table,
                                        JsonObject          *row,
                                        const char * const  *skip,
                                        GError             **error);

G_END_DECLS
