/* rapport-import-repository.c
 *
 * Imports: the writer that creates and merges customers in one transaction,
 * the matching of incoming customers against the book, the history and the
 * exact undo (see migration 8 for what is recorded).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-import-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-import-store.h"
#include "rapport-store-private.h"

/**
 * rapport_store_list_imports:
 * @db: a #RapportDatabase
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #RapportImportRun, newest first
 */
GListModel *
rapport_store_list_imports (RapportDatabase  *db,
                            GError          **error)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_IMPORT_RUN);
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT id, file_name, format, imported_at, n_created, n_merged, "
                                    "  n_skipped, n_contacts, coalesce (undone_at, 0) "
                                    "FROM import_run ORDER BY imported_at DESC, id DESC",
                                    error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportImportRun) run = NULL;

      run = rapport_import_run_new (sqlite3_column_int64 (stmt, 0),
                                    _rapport_store_column_text (stmt, 1),
                                    _rapport_store_column_text (stmt, 2),
                                    sqlite3_column_int64 (stmt, 3),
                                    sqlite3_column_int (stmt, 4),
                                    sqlite3_column_int (stmt, 5),
                                    sqlite3_column_int (stmt, 6),
                                    sqlite3_column_int (stmt, 7),
                                    sqlite3_column_int64 (stmt, 8));
      g_list_store_append (store, run);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the import history"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}
