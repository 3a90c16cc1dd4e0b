/* rapport-pipeline-board.c
 *
 * What the Pipeline section reads: a board column's or the open list's ids in
 * order (cheap: the views then fetch the opportunities of the rows they
 * show), the opportunities of some ids, and the columns' totals for one
 * owner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-pipeline-board"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-pipeline-store-private.h"
#include "rapport-store-private.h"

/* Owner NULL is the default user, the first user row (see migration 10);
 * ?9 is the owner asked for, 0 for the default user. */
#define OWNER_MATCHES \
  "coalesce (o.owner_id, (SELECT min (id) FROM user)) = coalesce (nullif (?9, 0), (SELECT min (id) FROM user)) "

static GArray *
read_ids (RapportDatabase  *db,
          sqlite3_stmt     *stmt,
          GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the opportunities"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * rapport_store_list_stage_opportunity_ids:
 *
 * Returns: (transfer full): a #GArray of gint64
 */
GArray *
rapport_store_list_stage_opportunity_ids (RapportDatabase  *db,
                                          gint64            stage_id,
                                          gint64            owner_id,
                                          GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The order of rapport_store_list_stage_opportunities(), read from the
   * board's index alone when no owner is asked for. */
  if (owner_id == RAPPORT_PIPELINE_ANY_OWNER)
    stmt = _rapport_database_prepare (db,
                                      "SELECT o.id FROM opportunity o "
                                      "WHERE o.stage_id = ?1 AND o.deleted_at IS NULL "
                                      "ORDER BY o.expected_close IS NULL, o.expected_close, o.id",
                                      error);
  else
    stmt = _rapport_database_prepare (db,
                                      "SELECT o.id FROM opportunity o "
                                      "WHERE o.stage_id = ?1 AND o.deleted_at IS NULL AND " OWNER_MATCHES
                                      "ORDER BY o.expected_close IS NULL, o.expected_close, o.id",
                                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (owner_id != RAPPORT_PIPELINE_ANY_OWNER)
    sqlite3_bind_int64 (stmt, 9, owner_id);

  return read_ids (db, stmt, error);
}

/**
 * rapport_store_list_open_opportunity_ids:
 *
 * Returns: (transfer full): a #GArray of gint64
 */
GArray *
rapport_store_list_open_opportunity_ids (RapportDatabase         *db,
                                         RapportOpportunitySort   sort,
                                         gboolean                 descending,
                                         gint64                   owner_id,
                                         GError                 **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *order = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Without a date last either way; the id keeps equal keys in one order. */
  switch (sort)
    {
    case RAPPORT_OPPORTUNITY_SORT_EXPECTED_CLOSE:
      order = descending ? "o.expected_close IS NULL, o.expected_close DESC, o.id DESC"
                         : "o.expected_close IS NULL, o.expected_close, o.id";
      break;

    case RAPPORT_OPPORTUNITY_SORT_AMOUNT:
      order = descending ? "o.amount DESC, o.id DESC" : "o.amount, o.id";
      break;

    case RAPPORT_OPPORTUNITY_SORT_STAGE_AGE:
      /* Ascending age: the one that came into its stage last first. */
      order = descending ? "o.stage_entered_at, o.id" : "o.stage_entered_at DESC, o.id DESC";
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  sql = g_strconcat ("SELECT o.id FROM opportunity o "
                     "WHERE o.closed_at IS NULL AND o.deleted_at IS NULL ",
                     owner_id != RAPPORT_PIPELINE_ANY_OWNER ? "AND " OWNER_MATCHES : "",
                     "ORDER BY ", order, NULL);
  stmt = _rapport_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  if (owner_id != RAPPORT_PIPELINE_ANY_OWNER)
    sqlite3_bind_int64 (stmt, 9, owner_id);

  return read_ids (db, stmt, error);
}

/**
 * rapport_store_get_opportunities:
 *
 * Returns: (transfer full): a #GListModel of #RapportOpportunity
 */
GListModel *
rapport_store_get_opportunities (RapportDatabase  *db,
                                 const gint64     *ids,
                                 guint             n_ids,
                                 GError          **error)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_OPPORTUNITY);
  g_autoptr (GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr (GString) sql = g_string_new (OPPORTUNITY_SELECT "WHERE o.id IN (");
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (n_ids <= RAPPORT_OPPORTUNITIES_MAX_IDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_ids == 0)
    return G_LIST_MODEL (g_steal_pointer (&store));

  for (guint i = 0; i < n_ids; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append (sql, ")");

  stmt = _rapport_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    sqlite3_bind_int64 (stmt, (int) i + 1, ids[i]);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportOpportunity *opportunity = _rapport_opportunity_from_row (stmt);
      gint64 *key = g_new (gint64, 1);

      *key = rapport_opportunity_get_id (opportunity);
      g_hash_table_insert (found, key, opportunity);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the opportunities"));
      return NULL;
    }

  for (guint i = 0; i < n_ids; i++)
    {
      RapportOpportunity *opportunity = g_hash_table_lookup (found, &ids[i]);

      if (opportunity != NULL)
        g_list_store_append (store, opportunity);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * rapport_store_get_owner_pipeline_totals:
 *
 * Returns: (transfer full): a #GArray of #RapportPipelineTotal
 */
GArray *
rapport_store_get_owner_pipeline_totals (RapportDatabase  *db,
                                         gint64            owner_id,
                                         GError          **error)
{
  g_autoptr (GArray) totals = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (owner_id == RAPPORT_PIPELINE_ANY_OWNER)
    return rapport_store_get_pipeline_totals (db, error);

  /* rapport_store_get_pipeline_totals() for the rows of one owner. */
  stmt = _rapport_database_prepare (db,
                                    "SELECT s.id, o.currency, count(*), sum (o.amount), "
                                    "  sum (o.amount * coalesce (o.probability, s.probability)) "
                                    "FROM stage s CROSS JOIN opportunity o ON o.stage_id = s.id AND o.deleted_at IS NULL "
                                    "WHERE " OWNER_MATCHES
                                    "GROUP BY s.id, o.currency "
                                    "ORDER BY s.position, s.id, o.currency",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 9, owner_id);

  totals = g_array_new (FALSE, TRUE, sizeof (RapportPipelineTotal));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportPipelineTotal total = { 0, };

      total.stage_id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (total.currency, _rapport_store_column_text (stmt, 1), sizeof total.currency);
      total.count = (guint) sqlite3_column_int64 (stmt, 2);
      total.total = sqlite3_column_int64 (stmt, 3);
      total.weighted = (sqlite3_column_int64 (stmt, 4) + 50) / 100;
      g_array_append_val (totals, total);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the pipeline"));
      return NULL;
    }

  return g_steal_pointer (&totals);
}
