/* rapport-opportunity-repository.c
 *
 * Opportunities (销售机会), their history and the board's totals, and their
 * development plans (开发计划). See the schema 9 comment in
 * rapport-migrations.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-opportunity-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date.h"
#include "rapport-pipeline-store-private.h"
#include "rapport-store-private.h"
#include "rapport-validation.h"

static const char * const event_keys[] = { "created", "moved", "won", "lost", "reopened" };

RapportOpportunity *
_rapport_opportunity_from_row (sqlite3_stmt *stmt)
{
  RapportOpportunity *opportunity = rapport_opportunity_new ();
  RapportStageKind kind = RAPPORT_STAGE_KIND_OPEN;

  rapport_stage_kind_from_string (_rapport_store_column_text (stmt, 19), &kind);

  rapport_opportunity_set_id (opportunity, sqlite3_column_int64 (stmt, 0));
  rapport_opportunity_set_uuid (opportunity, _rapport_store_column_text (stmt, 1));
  rapport_opportunity_set_customer_id (opportunity, sqlite3_column_int64 (stmt, 2));
  rapport_opportunity_set_customer_name (opportunity, _rapport_store_column_text (stmt, 3));
  rapport_opportunity_set_contact_id (opportunity, sqlite3_column_int64 (stmt, 4));
  rapport_opportunity_set_title (opportunity, _rapport_store_column_text (stmt, 5));
  rapport_opportunity_set_amount (opportunity, sqlite3_column_int64 (stmt, 6));
  rapport_opportunity_set_currency (opportunity, _rapport_store_column_text (stmt, 7));
  rapport_opportunity_set_stage_id (opportunity, sqlite3_column_int64 (stmt, 8));
  rapport_opportunity_set_probability (opportunity, sqlite3_column_type (stmt, 9) == SQLITE_NULL
                                                    ? -1 : sqlite3_column_int (stmt, 9));
  rapport_opportunity_set_expected_close (opportunity, _rapport_store_column_text (stmt, 10));
  rapport_opportunity_set_source (opportunity, _rapport_store_column_text (stmt, 11));
  rapport_opportunity_set_owner_id (opportunity, sqlite3_column_int64 (stmt, 12));
  rapport_opportunity_set_notes (opportunity, _rapport_store_column_text (stmt, 13));
  rapport_opportunity_set_lost_reason_id (opportunity, sqlite3_column_int64 (stmt, 14));
  rapport_opportunity_set_lost_note (opportunity, _rapport_store_column_text (stmt, 15));
  rapport_opportunity_set_closed_at (opportunity, sqlite3_column_int64 (stmt, 16));
  rapport_opportunity_set_stage_entered_at (opportunity, sqlite3_column_int64 (stmt, 17));
  rapport_opportunity_set_last_activity_at (opportunity, sqlite3_column_int64 (stmt, 18));
  rapport_opportunity_set_stage_kind (opportunity, kind);
  rapport_opportunity_set_stage_probability (opportunity, sqlite3_column_int (stmt, 20));
  rapport_opportunity_set_stage_stall_days (opportunity, MAX (1, sqlite3_column_int (stmt, 21)));
  rapport_opportunity_set_plan_steps_done (opportunity, sqlite3_column_int (stmt, 22));
  rapport_opportunity_set_plan_steps_total (opportunity, sqlite3_column_int (stmt, 23));
  rapport_opportunity_set_created_at (opportunity, sqlite3_column_int64 (stmt, 24));
  rapport_opportunity_set_updated_at (opportunity, sqlite3_column_int64 (stmt, 25));
  rapport_opportunity_set_deleted_at (opportunity, sqlite3_column_int64 (stmt, 26));

  return opportunity;
}

static GListModel *
list_opportunities (RapportDatabase  *db,
                    sqlite3_stmt     *stmt,
                    GError          **error)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_OPPORTUNITY);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportOpportunity) opportunity = _rapport_opportunity_from_row (stmt);
      g_list_store_append (store, opportunity);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the opportunities"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

static gboolean
log_event (RapportDatabase             *db,
           gint64                       opportunity_id,
           RapportOpportunityEventKind  kind,
           gint64                       from_stage_id,
           gint64                       to_stage_id,
           gint64                       lost_reason_id,
           gint64                       now,
           GError                     **error)
{
  char uuid[RAPPORT_UUID_LEN];
  g_autoptr (RapportStatement) stmt = NULL;

  _rapport_store_new_uuid (uuid);

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO opportunity_event (uuid, opportunity_id, kind, from_stage_id, "
                                    "  to_stage_id, lost_reason_id, created_at, updated_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, opportunity_id);
  sqlite3_bind_text (stmt, 3, event_keys[kind], -1, SQLITE_STATIC);
  _rapport_store_bind_id (stmt, 4, from_stage_id);
  _rapport_store_bind_id (stmt, 5, to_stage_id);
  _rapport_store_bind_id (stmt, 6, lost_reason_id);
  sqlite3_bind_int64 (stmt, 7, now);

  return _rapport_database_step_done (db, stmt, _("Could not save the opportunity’s history"), error);
}

/* What a write needs to know of an opportunity before it changes it. */
typedef struct
{
  gint64   customer_id;
  gint64   stage_id;
  gboolean closed;
} OpportunityState;

static gboolean
read_state (RapportDatabase   *db,
            gint64             id,
            OpportunityState  *state,
            GError           **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT customer_id, stage_id, closed_at IS NOT NULL FROM opportunity WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_OPPORTUNITY, id);
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the opportunity"));
      return FALSE;
    }

  state->customer_id = sqlite3_column_int64 (stmt, 0);
  state->stage_id = sqlite3_column_int64 (stmt, 1);
  state->closed = sqlite3_column_int (stmt, 2) != 0;
  return TRUE;
}

/* @stage_id 0: the first open stage; else it must be an open one. */
static gboolean
resolve_open_stage (RapportDatabase  *db,
                    gint64            stage_id,
                    gint64           *out_id,
                    GError          **error)
{
  RapportStageKind kind;

  if (stage_id == 0)
    return _rapport_pipeline_first_stage_of_kind (db, RAPPORT_STAGE_KIND_OPEN, out_id, error);

  if (!_rapport_pipeline_read_stage_kind (db, stage_id, &kind, error))
    return FALSE;

  if (kind != RAPPORT_STAGE_KIND_OPEN)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           kind == RAPPORT_STAGE_KIND_WON ? _("Mark the opportunity as won instead")
                                                          : _("Mark the opportunity as lost instead, with its reason"));
      return FALSE;
    }

  *out_id = stage_id;
  return TRUE;
}

/* Validation by src/core's rules; the currency upper-case. */
static gboolean
check_opportunity (RapportOpportunity  *opportunity,
                   char               **currency,
                   GError             **error)
{
  g_autoptr (RapportOpportunity) checked = rapport_opportunity_copy (opportunity);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *code = g_ascii_strup (rapport_opportunity_get_currency (opportunity) != NULL
                                         ? rapport_opportunity_get_currency (opportunity) : "", -1);

  g_strstrip (code);
  rapport_opportunity_set_currency (checked, code);

  if (!rapport_opportunity_validate (checked, &local_error))
    return _rapport_store_invalid (error, g_steal_pointer (&local_error));

  *currency = g_steal_pointer (&code);
  return TRUE;
}

static gboolean
check_contact (RapportDatabase  *db,
               gint64            contact_id,
               gint64            customer_id,
               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 owner = 0;

  if (contact_id == 0)
    return TRUE;

  stmt = _rapport_database_prepare (db, "SELECT customer_id FROM contact WHERE id = ?1", error);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, contact_id);
  if (stmt == NULL ||
      !_rapport_database_step_int64 (db, stmt, _("Could not read the contact"), &owner, error))
    return FALSE;

  if (owner != customer_id)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("The contact is not one of the customer’s"));
      return FALSE;
    }

  return TRUE;
}

/* @owner_id 0 is the default user. */
static gboolean
check_owner (RapportDatabase  *db,
             gint64            owner_id,
             GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 found = 0;

  if (owner_id == 0)
    return TRUE;

  stmt = _rapport_database_prepare (db, "SELECT id FROM user WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, owner_id);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the user"), &found, error))
    return FALSE;

  if (found == 0)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_USER, owner_id);

  return TRUE;
}

static void
set_write_error (RapportDatabase  *db,
                 gint64            customer_id,
                 GError          **error)
{
  sqlite3 *handle = _rapport_database_get_handle (db);

  if (sqlite3_extended_errcode (handle) == SQLITE_CONSTRAINT_FOREIGNKEY)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id);
  else
    _rapport_database_set_error (error, handle, _("Could not save the opportunity"));
}

static void
bind_fields (sqlite3_stmt        *stmt,
             RapportOpportunity  *opportunity,
             const char          *currency)
{
  gint probability = rapport_opportunity_get_probability (opportunity);

  sqlite3_bind_int64 (stmt, 2, rapport_opportunity_get_customer_id (opportunity));
  _rapport_store_bind_id (stmt, 3, rapport_opportunity_get_contact_id (opportunity));
  sqlite3_bind_text (stmt, 4, rapport_opportunity_get_title (opportunity), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, rapport_opportunity_get_amount (opportunity));
  sqlite3_bind_text (stmt, 6, currency, -1, SQLITE_STATIC);
  if (probability < 0)
    sqlite3_bind_null (stmt, 7);
  else
    sqlite3_bind_int (stmt, 7, probability);
  _rapport_store_bind_text (stmt, 8, rapport_opportunity_get_expected_close (opportunity));
  _rapport_store_bind_text (stmt, 9, rapport_opportunity_get_source (opportunity));
  _rapport_store_bind_id (stmt, 10, rapport_opportunity_get_owner_id (opportunity));
  _rapport_store_bind_text (stmt, 11, rapport_opportunity_get_notes (opportunity));
}

gboolean
rapport_store_insert_opportunity (RapportDatabase     *db,
                                  RapportOpportunity  *opportunity,
                                  GError             **error)
{
  char uuid[RAPPORT_UUID_LEN];
  g_autofree char *currency = NULL;
  gint64 customer_id;
  gint64 stage_id = 0;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (opportunity), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  customer_id = rapport_opportunity_get_customer_id (opportunity);

  if (!_rapport_database_check_writable (db, error) ||
      !check_opportunity (opportunity, &currency, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  _rapport_store_new_uuid (uuid);
  now = _rapport_database_now (db);

  if (!_rapport_store_customer_exists (db, customer_id, error) ||
      !check_contact (db, rapport_opportunity_get_contact_id (opportunity), customer_id, error) ||
      !check_owner (db, rapport_opportunity_get_owner_id (opportunity), error) ||
      !resolve_open_stage (db, rapport_opportunity_get_stage_id (opportunity), &stage_id, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO opportunity (uuid, customer_id, contact_id, title, amount, currency, "
                                      "  probability, expected_close, source, owner_id, notes, stage_id, "
                                      "  stage_entered_at, last_activity_at, created_at, updated_at) "
                                      "VALUES (?1, ?2, ?3, trim (?4), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?13, ?13)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    bind_fields (stmt, opportunity, currency);
    sqlite3_bind_int64 (stmt, 12, stage_id);
    sqlite3_bind_int64 (stmt, 13, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, customer_id, error);
        goto fail;
      }

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  if (!log_event (db, id, RAPPORT_OPPORTUNITY_EVENT_CREATED, 0, stage_id, 0, now, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_OPPORTUNITY, id, customer_id, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_opportunity_set_id (opportunity, id);
  rapport_opportunity_set_uuid (opportunity, uuid);
  rapport_opportunity_set_currency (opportunity, currency);
  rapport_opportunity_set_stage_id (opportunity, stage_id);
  rapport_opportunity_set_stage_kind (opportunity, RAPPORT_STAGE_KIND_OPEN);
  rapport_opportunity_set_closed_at (opportunity, 0);
  rapport_opportunity_set_stage_entered_at (opportunity, now);
  rapport_opportunity_set_last_activity_at (opportunity, now);
  rapport_opportunity_set_created_at (opportunity, now);
  rapport_opportunity_set_updated_at (opportunity, now);
  rapport_opportunity_set_deleted_at (opportunity, 0);
  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_update_opportunity (RapportDatabase     *db,
                                  RapportOpportunity  *opportunity,
                                  GError             **error)
{
  g_autofree char *currency = NULL;
  OpportunityState old;
  gint64 customer_id;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (opportunity), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_opportunity_get_id (opportunity);
  customer_id = rapport_opportunity_get_customer_id (opportunity);

  if (!_rapport_database_check_writable (db, error) ||
      !check_opportunity (opportunity, &currency, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!read_state (db, id, &old, error) ||
      !_rapport_store_customer_exists (db, customer_id, error) ||
      !check_contact (db, rapport_opportunity_get_contact_id (opportunity), customer_id, error) ||
      !check_owner (db, rapport_opportunity_get_owner_id (opportunity), error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE opportunity SET customer_id = ?2, contact_id = ?3, title = trim (?4), "
                                      "  amount = ?5, currency = ?6, probability = ?7, expected_close = ?8, "
                                      "  source = ?9, owner_id = ?10, notes = ?11, last_activity_at = ?12, "
                                      "  updated_at = ?12 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    bind_fields (stmt, opportunity, currency);
    sqlite3_bind_int64 (stmt, 12, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, customer_id, error);
        goto fail;
      }
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_OPPORTUNITY, id, customer_id, RAPPORT_CHANGE_UPDATED);
  /* Moved to another customer: gone from the first one's page. */
  if (old.customer_id != customer_id)
    _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_OPPORTUNITY, id, old.customer_id, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_opportunity_set_currency (opportunity, currency);
  rapport_opportunity_set_last_activity_at (opportunity, now);
  rapport_opportunity_set_updated_at (opportunity, now);
  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_get_opportunity:
 *
 * Returns: (transfer full): the opportunity, or %NULL with NOT_FOUND
 */
RapportOpportunity *
rapport_store_get_opportunity (RapportDatabase  *db,
                               gint64            id,
                               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, OPPORTUNITY_SELECT "WHERE o.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _rapport_opportunity_from_row (stmt);

  if (rc == SQLITE_DONE)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_OPPORTUNITY, id);
  else
    _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the opportunity"));
  return NULL;
}

gboolean
rapport_store_trash_opportunity (RapportDatabase  *db,
                                 gint64            id,
                                 GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _rapport_store_set_trashed (db, "opportunity", RAPPORT_ENTITY_KIND_OPPORTUNITY, id, TRUE, NULL, error);
}

gboolean
rapport_store_restore_opportunity (RapportDatabase  *db,
                                   gint64            id,
                                   GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _rapport_store_set_trashed (db, "opportunity", RAPPORT_ENTITY_KIND_OPPORTUNITY, id, FALSE, NULL, error);
}

/**
 * rapport_store_list_customer_opportunities:
 *
 * Returns: (transfer full): a #GListModel of #RapportOpportunity
 */
GListModel *
rapport_store_list_customer_opportunities (RapportDatabase  *db,
                                           gint64            customer_id,
                                           GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    OPPORTUNITY_SELECT
                                    "WHERE o.customer_id = ?1 AND o.deleted_at IS NULL "
                                    "ORDER BY o.closed_at IS NOT NULL, "
                                    "  CASE WHEN o.closed_at IS NULL THEN o.expected_close IS NULL END, "
                                    "  CASE WHEN o.closed_at IS NULL THEN o.expected_close END, "
                                    "  o.closed_at DESC, o.id",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  return list_opportunities (db, stmt, error);
}

/**
 * rapport_store_list_stage_opportunities:
 *
 * Returns: (transfer full): a #GListModel of #RapportOpportunity
 */
GListModel *
rapport_store_list_stage_opportunities (RapportDatabase  *db,
                                        gint64            stage_id,
                                        guint             offset,
                                        guint             limit,
                                        GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    OPPORTUNITY_SELECT
                                    "WHERE o.stage_id = ?1 AND o.deleted_at IS NULL "
                                    "ORDER BY o.expected_close IS NULL, o.expected_close, o.id "
                                    "LIMIT ?2 OFFSET ?3",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, stage_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  return list_opportunities (db, stmt, error);
}

/**
 * rapport_store_list_stalled_opportunities:
 *
 * Returns: (transfer full): a #GListModel of #RapportOpportunity
 */
GListModel *
rapport_store_list_stalled_opportunities (RapportDatabase  *db,
                                          gint64            now,
                                          guint             limit,
                                          GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The partial index of open opportunities by last activity is read up to
   * the shortest stall limit; each row is then held to its own stage's. */
  stmt = _rapport_database_prepare (db,
                                    OPPORTUNITY_SELECT
                                    "WHERE o.closed_at IS NULL AND o.deleted_at IS NULL "
                                    "  AND o.last_activity_at < ?1 - 86400 * (SELECT min (stall_days) FROM stage) "
                                    "  AND o.last_activity_at < ?1 - 86400 * s.stall_days "
                                    "ORDER BY o.last_activity_at, o.id "
                                    "LIMIT ?2",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, limit);
  return list_opportunities (db, stmt, error);
}

/* Sets the stage and whether it is closed, logs @event. */
static gboolean
set_stage (RapportDatabase              *db,
           gint64                        id,
           gint64                        from_stage_id,
           gint64                        to_stage_id,
           gboolean                      closed,
           gint64                        lost_reason_id,
           const char                   *lost_note,
           RapportOpportunityEventKind   event,
           gint64                        now,
           GError                      **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = _rapport_database_prepare (db,
                                    "UPDATE opportunity SET stage_id = ?2, closed_at = ?3, lost_reason_id = ?4, "
                                    "  lost_note = ?5, stage_entered_at = ?6, last_activity_at = ?6, updated_at = ?6 "
                                    "WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, to_stage_id);
  _rapport_store_bind_id (stmt, 3, closed ? now : 0);
  _rapport_store_bind_id (stmt, 4, lost_reason_id);
  _rapport_store_bind_text (stmt, 5, lost_note);
  sqlite3_bind_int64 (stmt, 6, now);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3 *handle = _rapport_database_get_handle (db);

      if (sqlite3_extended_errcode (handle) == SQLITE_CONSTRAINT_FOREIGNKEY)
        _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_LOST_REASON, lost_reason_id);
      else
        _rapport_database_set_error (error, handle, _("Could not save the opportunity"));
      return FALSE;
    }

  return log_event (db, id, event, from_stage_id, to_stage_id, lost_reason_id, now, error);
}

gboolean
rapport_store_move_opportunity (RapportDatabase  *db,
                                gint64            id,
                                gint64            stage_id,
                                GError          **error)
{
  OpportunityState state;
  gint64 target = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if (!read_state (db, id, &state, error))
    goto fail;

  if (state.closed)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("The opportunity is closed: reopen it first"));
      goto fail;
    }

  if (stage_id == 0)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("Choose a stage"));
      goto fail;
    }

  if (!resolve_open_stage (db, stage_id, &target, error))
    goto fail;

  if (target != state.stage_id)
    {
      if (!set_stage (db, id, state.stage_id, target, FALSE, 0, NULL, RAPPORT_OPPORTUNITY_EVENT_MOVED,
                      _rapport_database_now (db), error))
        goto fail;

      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_OPPORTUNITY, id, state.customer_id, RAPPORT_CHANGE_UPDATED);
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/* A prospect whose first opportunity is won becomes an active customer. */
static gboolean
activate_prospect (RapportDatabase  *db,
                   gint64            customer_id,
                   gint64            won_id,
                   gint64            now,
                   GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = _rapport_database_prepare (db,
                                    "UPDATE customer SET stage = 'active', updated_at = ?3 "
                                    "WHERE id = ?1 AND stage = 'prospect' AND NOT EXISTS ("
                                    "  SELECT 1 FROM opportunity o JOIN stage s ON s.id = o.stage_id "
                                    "  WHERE o.customer_id = ?1 AND o.id != ?2 AND s.kind = 'won' "
                                    "    AND o.deleted_at IS NULL)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, won_id);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!_rapport_database_step_done (db, stmt, _("Could not save the customer"), error))
    return FALSE;

  if (sqlite3_changes (_rapport_database_get_handle (db)) > 0)
    _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id, customer_id, RAPPORT_CHANGE_UPDATED);

  return TRUE;
}

static gboolean
close_opportunity (RapportDatabase   *db,
                   gint64             id,
                   RapportStageKind   kind,
                   gint64             lost_reason_id,
                   const char        *note,
                   GError           **error)
{
  OpportunityState state;
  gint64 target = 0;
  gint64 now;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!read_state (db, id, &state, error))
    goto fail;

  if (state.closed)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("The opportunity is already closed"));
      goto fail;
    }

  if (!_rapport_pipeline_first_stage_of_kind (db, kind, &target, error) ||
      !set_stage (db, id, state.stage_id, target, TRUE, lost_reason_id, note,
                  kind == RAPPORT_STAGE_KIND_WON ? RAPPORT_OPPORTUNITY_EVENT_WON : RAPPORT_OPPORTUNITY_EVENT_LOST,
                  now, error))
    goto fail;

  if (kind == RAPPORT_STAGE_KIND_WON && !activate_prospect (db, state.customer_id, id, now, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_OPPORTUNITY, id, state.customer_id, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_win_opportunity (RapportDatabase  *db,
                               gint64            id,
                               GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return close_opportunity (db, id, RAPPORT_STAGE_KIND_WON, 0, NULL, error);
}

gboolean
rapport_store_lose_opportunity (RapportDatabase  *db,
                                gint64            id,
                                gint64            lost_reason_id,
                                const char       *note,
                                GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (lost_reason_id == 0)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("Choose why the opportunity was lost"));
      return FALSE;
    }

  return close_opportunity (db, id, RAPPORT_STAGE_KIND_LOST, lost_reason_id, note, error);
}

gboolean
rapport_store_reopen_opportunity (RapportDatabase  *db,
                                  gint64            id,
                                  gint64            stage_id,
                                  GError          **error)
{
  OpportunityState state;
  gint64 target = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if (!read_state (db, id, &state, error))
    goto fail;

  if (!state.closed)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("The opportunity is open already"));
      goto fail;
    }

  if (!resolve_open_stage (db, stage_id, &target, error) ||
      !set_stage (db, id, state.stage_id, target, FALSE, 0, NULL, RAPPORT_OPPORTUNITY_EVENT_REOPENED,
                  _rapport_database_now (db), error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_OPPORTUNITY, id, state.customer_id, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
_rapport_pipeline_move_stage_opportunities (RapportDatabase  *db,
                                            gint64            from_id,
                                            gint64            to_id,
                                            gint64            now,
                                            GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) customers = g_array_new (FALSE, FALSE, sizeof (gint64));

  {
    g_autoptr (RapportStatement) stmt = NULL;
    int rc;

    stmt = _rapport_database_prepare (db, "SELECT id, customer_id FROM opportunity WHERE stage_id = ?1", error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, from_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        gint64 customer_id = sqlite3_column_int64 (stmt, 1);

        g_array_append_val (ids, id);
        g_array_append_val (customers, customer_id);
      }

    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the opportunities"));
        return FALSE;
      }
  }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    /* Only the stage changes: a won or lost one stays closed as it was. */
    stmt = _rapport_database_prepare (db,
                                      "UPDATE opportunity SET stage_id = ?2, stage_entered_at = ?3, updated_at = ?3 "
                                      "WHERE stage_id = ?1",
                                      error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, from_id);
    sqlite3_bind_int64 (stmt, 2, to_id);
    sqlite3_bind_int64 (stmt, 3, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not move the opportunities"), error))
      return FALSE;
  }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!log_event (db, id, RAPPORT_OPPORTUNITY_EVENT_MOVED, from_id, to_id, 0, now, error))
        return FALSE;

      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_OPPORTUNITY, id,
                                      g_array_index (customers, gint64, i), RAPPORT_CHANGE_UPDATED);
    }

  return TRUE;
}

/**
 * rapport_store_list_opportunity_events:
 *
 * Returns: (transfer full): a #GArray of #RapportOpportunityEvent, oldest first
 */
GArray *
rapport_store_list_opportunity_events (RapportDatabase  *db,
                                       gint64            id,
                                       GError          **error)
{
  g_autoptr (GArray) events = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT kind, from_stage_id, to_stage_id, lost_reason_id, created_at "
                                    "FROM opportunity_event WHERE opportunity_id = ?1 ORDER BY created_at, id",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  events = g_array_new (FALSE, TRUE, sizeof (RapportOpportunityEvent));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = _rapport_store_column_text (stmt, 0);
      RapportOpportunityEvent event = { 0, };

      for (guint k = 0; k < G_N_ELEMENTS (event_keys); k++)
        if (g_strcmp0 (key, event_keys[k]) == 0)
          event.kind = (RapportOpportunityEventKind) k;

      event.from_stage_id = sqlite3_column_int64 (stmt, 1);
      event.to_stage_id = sqlite3_column_int64 (stmt, 2);
      event.lost_reason_id = sqlite3_column_int64 (stmt, 3);
      event.at = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (events, event);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the opportunity’s history"));
      return NULL;
    }

  return g_steal_pointer (&events);
}

/**
 * rapport_store_get_pipeline_totals:
 *
 * Returns: (transfer full): a #GArray of #RapportPipelineTotal
 */
GArray *
rapport_store_get_pipeline_totals (RapportDatabase  *db,
                                   GError          **error)
{
  g_autoptr (GArray) totals = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Driven by the stages (few), each read from the board's index. */
  stmt = _rapport_database_prepare (db,
                                    "SELECT s.id, o.currency, count(*), sum (o.amount), "
                                    "  sum (o.amount * coalesce (o.probability, s.probability)) "
                                    "FROM stage s CROSS JOIN opportunity o ON o.stage_id = s.id AND o.deleted_at IS NULL "
                                    "GROUP BY s.id, o.currency "
                                    "ORDER BY s.position, s.id, o.currency",
                                    error);
  if (stmt == NULL)
    return NULL;

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

/* Plan steps. */

#define PLAN_STEP_COLUMNS \
  "id, uuid, opportunity_id, position, what, due_on, assignee_id, done_at, result, follow_up_id, " \
  "created_at, updated_at"

/* The customer of an opportunity, which must exist. */
static gboolean
read_opportunity_customer (RapportDatabase  *db,
                           gint64            opportunity_id,
                           gint64           *out_customer_id,
                           GError          **error)
{
  OpportunityState state;

  if (!read_state (db, opportunity_id, &state, error))
    return FALSE;

  *out_customer_id = state.customer_id;
  return TRUE;
}

static gboolean
read_step_opportunity (RapportDatabase  *db,
                       gint64            step_id,
                       gint64           *out_opportunity_id,
                       GError          **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, "SELECT opportunity_id FROM plan_step WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, step_id);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the plan"), out_opportunity_id, error))
    return FALSE;

  if (*out_opportunity_id == 0)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_PLAN_STEP, step_id);

  return TRUE;
}

/* A plan step's write is activity on its opportunity, whose progress changed. */
static gboolean
touch_opportunity (RapportDatabase  *db,
                   gint64            opportunity_id,
                   gint64            customer_id,
                   gint64            now,
                   GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = _rapport_database_prepare (db,
                                    "UPDATE opportunity SET last_activity_at = ?2, updated_at = ?2 WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, opportunity_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!_rapport_database_step_done (db, stmt, _("Could not save the opportunity"), error))
    return FALSE;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_OPPORTUNITY, opportunity_id, customer_id,
                                  RAPPORT_CHANGE_UPDATED);
  return TRUE;
}

static gboolean
check_step (RapportPlanStep  *step,
            GError          **error)
{
  if (_rapport_store_is_blank (rapport_plan_step_get_what (step)))
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("Enter what is to be done"));
      return FALSE;
    }

  return _rapport_store_check_date (rapport_plan_step_get_due_on (step), _("Due date"), FALSE, error);
}

static void
bind_step (sqlite3_stmt     *stmt,
           RapportPlanStep  *step)
{
  sqlite3_bind_text (stmt, 2, rapport_plan_step_get_what (step), -1, SQLITE_TRANSIENT);
  _rapport_store_bind_text (stmt, 3, rapport_plan_step_get_due_on (step));
  _rapport_store_bind_id (stmt, 4, rapport_plan_step_get_assignee_id (step));
  _rapport_store_bind_text (stmt, 5, rapport_plan_step_get_result (step));
  _rapport_store_bind_id (stmt, 6, rapport_plan_step_get_follow_up_id (step));
}

gboolean
rapport_store_insert_plan_step (RapportDatabase  *db,
                                RapportPlanStep  *step,
                                GError          **error)
{
  char uuid[RAPPORT_UUID_LEN];
  gint64 opportunity_id;
  gint64 customer_id = 0;
  gint64 position = 0;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (step), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  opportunity_id = rapport_plan_step_get_opportunity_id (step);

  if (!_rapport_database_check_writable (db, error) ||
      !check_step (step, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  _rapport_store_new_uuid (uuid);
  now = _rapport_database_now (db);

  if (!read_opportunity_customer (db, opportunity_id, &customer_id, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "SELECT coalesce (max (position) + 1, 0) FROM plan_step WHERE opportunity_id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, opportunity_id);
    if (!_rapport_database_step_int64 (db, stmt, _("Could not read the plan"), &position, error))
      goto fail;
  }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO plan_step (uuid, what, due_on, assignee_id, result, follow_up_id, "
                                      "  opportunity_id, position, created_at, updated_at) "
                                      "VALUES (?1, trim (?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    bind_step (stmt, step);
    sqlite3_bind_int64 (stmt, 7, opportunity_id);
    sqlite3_bind_int64 (stmt, 8, position);
    sqlite3_bind_int64 (stmt, 9, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the plan step"), error))
      goto fail;

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  if (!touch_opportunity (db, opportunity_id, customer_id, now, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_PLAN_STEP, id, customer_id, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_plan_step_set_id (step, id);
  rapport_plan_step_set_uuid (step, uuid);
  rapport_plan_step_set_position (step, (gint) position);
  rapport_plan_step_set_created_at (step, now);
  rapport_plan_step_set_updated_at (step, now);
  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_update_plan_step (RapportDatabase  *db,
                                RapportPlanStep  *step,
                                GError          **error)
{
  gint64 id;
  gint64 opportunity_id = 0;
  gint64 customer_id = 0;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_PLAN_STEP (step), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_plan_step_get_id (step);

  if (!_rapport_database_check_writable (db, error) ||
      !check_step (step, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!read_step_opportunity (db, id, &opportunity_id, error) ||
      !read_opportunity_customer (db, opportunity_id, &customer_id, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE plan_step SET what = trim (?2), due_on = ?3, assignee_id = ?4, result = ?5, "
                                      "  follow_up_id = ?6, updated_at = ?7 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    bind_step (stmt, step);
    sqlite3_bind_int64 (stmt, 7, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the plan step"), error))
      goto fail;
  }

  if (!touch_opportunity (db, opportunity_id, customer_id, now, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_PLAN_STEP, id, customer_id, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_plan_step_set_updated_at (step, now);
  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_set_plan_step_done (RapportDatabase  *db,
                                  gint64            id,
                                  gboolean          done,
                                  const char       *result,
                                  GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 opportunity_id = 0;
  gint64 customer_id = 0;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!read_step_opportunity (db, id, &opportunity_id, error) ||
      !read_opportunity_customer (db, opportunity_id, &customer_id, error))
    goto fail;

  stmt = _rapport_database_prepare (db,
                                    "UPDATE plan_step SET done_at = ?2, result = coalesce (?3, result), updated_at = ?4 "
                                    "WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  _rapport_store_bind_id (stmt, 2, done ? now : 0);
  _rapport_store_bind_text (stmt, 3, done ? result : NULL);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!_rapport_database_step_done (db, stmt, _("Could not save the plan step"), error) ||
      !touch_opportunity (db, opportunity_id, customer_id, now, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_PLAN_STEP, id, customer_id, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_delete_plan_step (RapportDatabase  *db,
                                gint64            id,
                                GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 opportunity_id = 0;
  gint64 customer_id = 0;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!read_step_opportunity (db, id, &opportunity_id, error) ||
      !read_opportunity_customer (db, opportunity_id, &customer_id, error))
    goto fail;

  stmt = _rapport_database_prepare (db, "DELETE FROM plan_step WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!_rapport_database_step_done (db, stmt, _("Could not delete the plan step"), error) ||
      !touch_opportunity (db, opportunity_id, customer_id, now, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_PLAN_STEP, id, customer_id, RAPPORT_CHANGE_DELETED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_list_plan_steps:
 *
 * Returns: (transfer full): a #GListModel of #RapportPlanStep in plan order
 */
GListModel *
rapport_store_list_plan_steps (RapportDatabase  *db,
                               gint64            opportunity_id,
                               GError          **error)
{
  g_autoptr (GListStore) store = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT " PLAN_STEP_COLUMNS " FROM plan_step "
                                    "WHERE opportunity_id = ?1 ORDER BY position, id",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, opportunity_id);
  store = g_list_store_new (RAPPORT_TYPE_PLAN_STEP);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportPlanStep) step = rapport_plan_step_new ();

      rapport_plan_step_set_id (step, sqlite3_column_int64 (stmt, 0));
      rapport_plan_step_set_uuid (step, _rapport_store_column_text (stmt, 1));
      rapport_plan_step_set_opportunity_id (step, sqlite3_column_int64 (stmt, 2));
      rapport_plan_step_set_position (step, sqlite3_column_int (stmt, 3));
      rapport_plan_step_set_what (step, _rapport_store_column_text (stmt, 4));
      rapport_plan_step_set_due_on (step, _rapport_store_column_text (stmt, 5));
      rapport_plan_step_set_assignee_id (step, sqlite3_column_int64 (stmt, 6));
      rapport_plan_step_set_done_at (step, sqlite3_column_int64 (stmt, 7));
      rapport_plan_step_set_result (step, _rapport_store_column_text (stmt, 8));
      rapport_plan_step_set_follow_up_id (step, sqlite3_column_int64 (stmt, 9));
      rapport_plan_step_set_created_at (step, sqlite3_column_int64 (stmt, 10));
      rapport_plan_step_set_updated_at (step, sqlite3_column_int64 (stmt, 11));
      g_list_store_append (store, step);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the plan"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}
