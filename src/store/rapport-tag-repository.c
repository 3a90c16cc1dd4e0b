/* rapport-tag-repository.c
 *
 * Tags. A customer's tags are saved with the customer (its "tags" property);
 * this file lists them for the tag filter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-tag-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-store-private.h"

/**
 * rapport_store_list_tags:
 *
 * Returns: (transfer full): a #GListModel of #RapportTag used by at least one
 *   customer not in the Trash, by name (case-insensitive), n-customers counting
 *   those customers
 */
GListModel *
rapport_store_list_tags (RapportDatabase  *db,
                         GError          **error)
{
  g_autoptr (GListStore) store = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    /* n_live is kept by triggers (migration 3); the
                                     * partial index holds the tags in use, in order. */
                                    "SELECT id, uuid, name, n_live FROM tag"
                                    " WHERE n_live > 0 ORDER BY name COLLATE NOCASE, id",
                                    error);
  if (stmt == NULL)
    return NULL;

  store = g_list_store_new (RAPPORT_TYPE_TAG);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportTag) tag = rapport_tag_new ();

      rapport_tag_set_id (tag, sqlite3_column_int64 (stmt, 0));
      rapport_tag_set_uuid (tag, _rapport_store_column_text (stmt, 1));
      rapport_tag_set_name (tag, _rapport_store_column_text (stmt, 2));
      rapport_tag_set_n_customers (tag, sqlite3_column_int (stmt, 3));
      g_list_store_append (store, tag);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the tags"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}
