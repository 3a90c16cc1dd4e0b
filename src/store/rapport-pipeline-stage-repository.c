/* rapport-pipeline-stage-repository.c
 *
 * The pipeline's stages (the board's columns) and the list of lost reasons.
 * A seeded row has a key and no name until the user renames it: its name is
 * the key's translated label (see the schema 9 comment).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-pipeline-stage-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-pipeline-store-private.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

#define STAGE_COLUMNS \
  "id, uuid, key, name, position, probability, stall_days, kind, created_at, updated_at"

static RapportPipelineStage *
stage_from_row (sqlite3_stmt *stmt)
{
  RapportPipelineStage *stage = rapport_pipeline_stage_new ();
  const char *key = _rapport_store_column_text (stmt, 2);
  const char *name = _rapport_store_column_text (stmt, 3);
  RapportStageKind kind = RAPPORT_STAGE_KIND_OPEN;

  rapport_stage_kind_from_string (_rapport_store_column_text (stmt, 7), &kind);

  rapport_pipeline_stage_set_id (stage, sqlite3_column_int64 (stmt, 0));
  rapport_pipeline_stage_set_uuid (stage, _rapport_store_column_text (stmt, 1));
  rapport_pipeline_stage_set_key (stage, key);
  rapport_pipeline_stage_set_is_renamed (stage, name != NULL);
  rapport_pipeline_stage_set_name (stage, name != NULL ? name : rapport_pipeline_stage_get_default_name (key));
  rapport_pipeline_stage_set_position (stage, sqlite3_column_int (stmt, 4));
  rapport_pipeline_stage_set_probability (stage, sqlite3_column_int (stmt, 5));
  rapport_pipeline_stage_set_stall_days (stage, sqlite3_column_int (stmt, 6));
  rapport_pipeline_stage_set_kind (stage, kind);
  rapport_pipeline_stage_set_created_at (stage, sqlite3_column_int64 (stmt, 8));
  rapport_pipeline_stage_set_updated_at (stage, sqlite3_column_int64 (stmt, 9));

  return stage;
}

/**
 * rapport_store_list_pipeline_stages:
 *
 * Returns: (transfer full): a #GListModel of #RapportPipelineStage by position
 */
GListModel *
rapport_store_list_pipeline_stages (RapportDatabase  *db,
                                    GError          **error)
{
  g_autoptr (GListStore) store = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, "SELECT " STAGE_COLUMNS " FROM stage ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;

  store = g_list_store_new (RAPPORT_TYPE_PIPELINE_STAGE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportPipelineStage) stage = stage_from_row (stmt);
      g_list_store_append (store, stage);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the pipeline stages"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * rapport_store_get_pipeline_stage:
 *
 * Returns: (transfer full): the stage, or %NULL with NOT_FOUND
 */
RapportPipelineStage *
rapport_store_get_pipeline_stage (RapportDatabase  *db,
                                  gint64            id,
                                  GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, "SELECT " STAGE_COLUMNS " FROM stage WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return stage_from_row (stmt);

  if (rc == SQLITE_DONE)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_PIPELINE_STAGE, id);
  else
    _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the pipeline stage"));
  return NULL;
}

gboolean
_rapport_pipeline_read_stage_kind (RapportDatabase   *db,
                                   gint64             id,
                                   RapportStageKind  *out_kind,
                                   GError           **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT kind FROM stage WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_PIPELINE_STAGE, id);
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the pipeline stage"));
      return FALSE;
    }

  *out_kind = RAPPORT_STAGE_KIND_OPEN;
  rapport_stage_kind_from_string (_rapport_store_column_text (stmt, 0), out_kind);
  return TRUE;
}

gboolean
_rapport_pipeline_first_stage_of_kind (RapportDatabase   *db,
                                       RapportStageKind   kind,
                                       gint64            *out_id,
                                       GError           **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = _rapport_database_prepare (db, "SELECT id FROM stage WHERE kind = ?1 ORDER BY position, id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, rapport_stage_kind_to_string (kind), -1, SQLITE_STATIC);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the pipeline stages"), out_id, error))
    return FALSE;

  if (*out_id == 0)
    {
      /* Deleting the last stage of a kind is refused, so only a damaged
       * file gets here. */
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND,
                           _("The pipeline has no stage for this"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_probability (gint      probability,
                   GError  **error)
{
  if (probability < 0 || probability > 100)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("The probability must be between 0 and 100 %"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_stall_days (gint      days,
                  GError  **error)
{
  if (days < 1)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("A stage’s stall limit is at least one day"));
      return FALSE;
    }

  return TRUE;
}

gboolean
rapport_store_add_pipeline_stage (RapportDatabase       *db,
                                  RapportPipelineStage  *stage,
                                  GError               **error)
{
  char uuid[RAPPORT_UUID_LEN];
  g_autofree char *name = NULL;
  gint64 position = 0;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (stage), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_store_check_name (rapport_pipeline_stage_get_name (stage), &name, error) ||
      !check_probability (rapport_pipeline_stage_get_probability (stage), error) ||
      !check_stall_days (rapport_pipeline_stage_get_stall_days (stage), error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  _rapport_store_new_uuid (uuid);
  now = _rapport_database_now (db);

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, "SELECT coalesce (max (position) + 1, 0) FROM stage", error);

    if (stmt == NULL ||
        !_rapport_database_step_int64 (db, stmt, _("Could not read the pipeline stages"), &position, error))
      goto fail;
  }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO stage (uuid, name, position, probability, stall_days, kind, "
                                      "  created_at, updated_at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 3, position);
    sqlite3_bind_int (stmt, 4, rapport_pipeline_stage_get_probability (stage));
    sqlite3_bind_int (stmt, 5, rapport_pipeline_stage_get_stall_days (stage));
    sqlite3_bind_text (stmt, 6, rapport_stage_kind_to_string (rapport_pipeline_stage_get_kind (stage)), -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 7, now);

    if (!_rapport_database_step_done (db, stmt, _("Could not save the pipeline stage"), error))
      goto fail;

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_PIPELINE_STAGE, id, 0, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_pipeline_stage_set_id (stage, id);
  rapport_pipeline_stage_set_uuid (stage, uuid);
  rapport_pipeline_stage_set_name (stage, name);
  rapport_pipeline_stage_set_is_renamed (stage, TRUE);
  rapport_pipeline_stage_set_position (stage, (gint) position);
  rapport_pipeline_stage_set_created_at (stage, now);
  rapport_pipeline_stage_set_updated_at (stage, now);
  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/* Runs @sql (?1 the stage's id, ?2 @value, ?3 now) on an existing stage, in
 * its own transaction, and announces it. */
static gboolean
update_stage (RapportDatabase  *db,
              gint64            id,
              const char       *sql,
              gint64            value,
              const char       *text,
              GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  stmt = _rapport_database_prepare (db, sql, error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 2, value);
  sqlite3_bind_int64 (stmt, 3, _rapport_database_now (db));

  if (!_rapport_database_step_done (db, stmt, _("Could not save the pipeline stage"), error))
    goto fail;

  if (sqlite3_changes (_rapport_database_get_handle (db)) == 0)
    {
      _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_PIPELINE_STAGE, id);
      goto fail;
    }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_PIPELINE_STAGE, id, 0, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_rename_pipeline_stage (RapportDatabase  *db,
                                     gint64            id,
                                     const char       *name,
                                     GError          **error)
{
  g_autoptr (RapportPipelineStage) stage = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_rapport_store_is_blank (name))
    {
      stage = rapport_store_get_pipeline_stage (db, id, error);
      if (stage == NULL)
        return FALSE;

      if (rapport_pipeline_stage_get_key (stage) == NULL)
        {
          g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                               _("Enter a name for the stage"));
          return FALSE;
        }

      return update_stage (db, id, "UPDATE stage SET name = NULL, updated_at = ?3 WHERE id = ?1",
                           0, NULL, error);
    }

  if (!_rapport_store_check_name (name, &clean, error))
    return FALSE;

  return update_stage (db, id, "UPDATE stage SET name = ?2, updated_at = ?3 WHERE id = ?1", 0, clean, error);
}

gboolean
rapport_store_set_pipeline_stage_probability (RapportDatabase  *db,
                                              gint64            id,
                                              gint              probability,
                                              GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_probability (probability, error))
    return FALSE;

  return update_stage (db, id, "UPDATE stage SET probability = ?2, updated_at = ?3 WHERE id = ?1",
                       probability, NULL, error);
}

gboolean
rapport_store_set_pipeline_stage_stall_days (RapportDatabase  *db,
                                             gint64            id,
                                             gint              days,
                                             GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_stall_days (days, error))
    return FALSE;

  return update_stage (db, id, "UPDATE stage SET stall_days = ?2, updated_at = ?3 WHERE id = ?1",
                       days, NULL, error);
}

gboolean
rapport_store_reorder_pipeline_stages (RapportDatabase  *db,
                                       const gint64     *ids,
                                       gsize             n_ids,
                                       GError          **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 n_stages = 0;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, "SELECT count(*) FROM stage", error);

    if (stmt == NULL ||
        !_rapport_database_step_int64 (db, stmt, _("Could not read the pipeline stages"), &n_stages, error))
      goto fail;
  }

  for (gsize i = 0; i < n_ids; i++)
    g_hash_table_add (seen, (gpointer) &ids[i]);

  if ((gint64) n_ids != n_stages || g_hash_table_size (seen) != n_ids)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT,
                           _("The stages changed meanwhile; try again"));
      goto fail;
    }

  for (gsize i = 0; i < n_ids; i++)
    {
      g_autoptr (RapportStatement) stmt = NULL;

      stmt = _rapport_database_prepare (db, "UPDATE stage SET position = ?2, updated_at = ?3 WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;

      sqlite3_bind_int64 (stmt, 1, ids[i]);
      sqlite3_bind_int64 (stmt, 2, (gint64) i);
      sqlite3_bind_int64 (stmt, 3, now);
      if (!_rapport_database_step_done (db, stmt, _("Could not save the pipeline stage"), error))
        goto fail;

      if (sqlite3_changes (_rapport_database_get_handle (db)) == 0)
        {
          g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT,
                               _("The stages changed meanwhile; try again"));
          goto fail;
        }

      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_PIPELINE_STAGE, ids[i], 0, RAPPORT_CHANGE_UPDATED);
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_count_stage_opportunities (RapportDatabase  *db,
                                         gint64            id,
                                         guint            *out_count,
                                         GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 count = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _rapport_database_prepare (db, "SELECT count(*) FROM opportunity WHERE stage_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the opportunities"), &count, error))
    return FALSE;

  *out_count = (guint) count;
  return TRUE;
}

gboolean
rapport_store_delete_pipeline_stage (RapportDatabase  *db,
                                     gint64            id,
                                     gint64            move_to_id,
                                     GError          **error)
{
  RapportStageKind kind;
  gint64 n_of_kind = 0;
  guint n_in_stage = 0;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!_rapport_pipeline_read_stage_kind (db, id, &kind, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, "SELECT count(*) FROM stage WHERE kind = ?1", error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_text (stmt, 1, rapport_stage_kind_to_string (kind), -1, SQLITE_STATIC);
    if (!_rapport_database_step_int64 (db, stmt, _("Could not read the pipeline stages"), &n_of_kind, error))
      goto fail;
  }

  if (n_of_kind <= 1)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           kind == RAPPORT_STAGE_KIND_WON ? _("The pipeline needs a stage for won opportunities")
                           : kind == RAPPORT_STAGE_KIND_LOST ? _("The pipeline needs a stage for lost opportunities")
                           : _("The pipeline needs at least one open stage"));
      goto fail;
    }

  if (!rapport_store_count_stage_opportunities (db, id, &n_in_stage, error))
    goto fail;

  if (n_in_stage > 0)
    {
      RapportStageKind target_kind;

      if (move_to_id == 0)
        {
          g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_IN_USE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u opportunity is in this stage: move it to another stage first",
                                    "%u opportunities are in this stage: move them to another stage first",
                                    n_in_stage),
                       n_in_stage);
          goto fail;
        }

      if (move_to_id == id || !_rapport_pipeline_read_stage_kind (db, move_to_id, &target_kind, error))
        {
          if (move_to_id == id)
            g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                                 _("Choose another stage for its opportunities"));
          goto fail;
        }

      if (target_kind != kind)
        {
          g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                               _("Its opportunities can only move to a stage of the same kind (open, won or lost)"));
          goto fail;
        }

      if (!_rapport_pipeline_move_stage_opportunities (db, id, move_to_id, now, error))
        goto fail;
    }

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, "DELETE FROM stage WHERE id = ?1", error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    if (!_rapport_database_step_done (db, stmt, _("Could not delete the pipeline stage"), error))
      goto fail;
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_PIPELINE_STAGE, id, 0, RAPPORT_CHANGE_DELETED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static void
clear_lost_reason (gpointer data)
{
  RapportLostReason *reason = data;

  g_clear_pointer (&reason->key, g_free);
  g_clear_pointer (&reason->name, g_free);
}

static const struct
{
  const char *key;
  const char *label;
} default_lost_reasons[] = {
  { "price", NC_("Lost reason", "Price") },
  { "competitor", NC_("Lost reason", "Competitor") },
  { "no-budget", NC_("Lost reason", "No budget") },
  { "no-response", NC_("Lost reason", "No response") },
};

static const char *
lost_reason_default_name (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (default_lost_reasons); i++)
    if (g_str_equal (key, default_lost_reasons[i].key))
      return g_dpgettext2 (GETTEXT_PACKAGE, "Lost reason", default_lost_reasons[i].label);

  return key;
}

/**
 * rapport_store_list_lost_reasons:
 *
 * Returns: (transfer full): a #GArray of #RapportLostReason in list order
 */
GArray *
rapport_store_list_lost_reasons (RapportDatabase  *db,
                                 GError          **error)
{
  g_autoptr (GArray) reasons = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, "SELECT id, key, name FROM lost_reason ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;

  reasons = g_array_new (FALSE, TRUE, sizeof (RapportLostReason));
  g_array_set_clear_func (reasons, clear_lost_reason);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = _rapport_store_column_text (stmt, 1);
      const char *name = _rapport_store_column_text (stmt, 2);
      RapportLostReason reason = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup (key),
        g_strdup (name != NULL ? name : lost_reason_default_name (key)),
      };

      g_array_append_val (reasons, reason);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the lost reasons"));
      return NULL;
    }

  return g_steal_pointer (&reasons);
}

gboolean
rapport_store_add_lost_reason (RapportDatabase  *db,
                               const char       *name,
                               gint64           *out_id,
                               GError          **error)
{
  char uuid[RAPPORT_UUID_LEN];
  g_autofree char *clean = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_store_check_name (name, &clean, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  _rapport_store_new_uuid (uuid);

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO lost_reason (uuid, name, position, created_at, updated_at) "
                                    "SELECT ?1, ?2, coalesce (max (position) + 1, 0), ?3, ?3 FROM lost_reason",
                                    error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, _rapport_database_now (db));
  if (!_rapport_database_step_done (db, stmt, _("Could not save the lost reason"), error))
    goto fail;

  id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_LOST_REASON, id, 0, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  if (out_id != NULL)
    *out_id = id;
  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}
