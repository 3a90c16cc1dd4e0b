/* rapport-interaction-repository.c
 *
 * Interactions (交往记录), and the customer's last_interaction_at they drive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-interaction-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-store-private.h"

#define INTERACTION_COLUMNS \
  "i.id, i.uuid, i.customer_id, i.contact_id, c.name, i.kind, i.occurred_at, i.summary, " \
  "i.details, i.outcome, i.created_at, i.updated_at, i.deleted_at"

/* The contact, if any, must be one of the customer's. */
static gboolean
check_interaction (RapportDatabase     *db,
                   RapportInteraction  *interaction,
                   GError             **error)
{
  gint64 contact_id = rapport_interaction_get_contact_id (interaction);
  gint64 customer_id = rapport_interaction_get_customer_id (interaction);
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  if (contact_id == 0)
    return _rapport_store_customer_exists (db, customer_id, error);

  stmt = _rapport_database_prepare (db, "SELECT customer_id FROM contact WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CONTACT, contact_id);
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the contact"));
      return FALSE;
    }

  if (sqlite3_column_int64 (stmt, 0) != customer_id)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("The contact belongs to another customer"));
      return FALSE;
    }

  return TRUE;
}

static void
bind_interaction (sqlite3_stmt        *stmt,
                  RapportInteraction  *interaction,
                  gint64               occurred_at)
{
  sqlite3_bind_int64 (stmt, 2, rapport_interaction_get_customer_id (interaction));
  _rapport_store_bind_id (stmt, 3, rapport_interaction_get_contact_id (interaction));
  sqlite3_bind_text (stmt, 4, rapport_interaction_kind_to_string (rapport_interaction_get_kind (interaction)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, occurred_at);
  _rapport_store_bind_text (stmt, 6, rapport_interaction_get_summary (interaction));
  _rapport_store_bind_text (stmt, 7, rapport_interaction_get_details (interaction));
  _rapport_store_bind_text (stmt, 8, rapport_interaction_get_outcome (interaction));
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
    _rapport_database_set_error (error, handle, _("Could not save the interaction"));
}

/**
 * rapport_store_insert_interaction:
 * @interaction: the interaction, with customer-id (and optionally contact-id)
 *   set; occurred-at 0 means now. On success id, uuid, times are filled in.
 */
gboolean
rapport_store_insert_interaction (RapportDatabase     *db,
                                  RapportInteraction  *interaction,
                                  GError             **error)
{
  char uuid[RAPPORT_UUID_LEN];
  gint64 customer_id;
  gint64 occurred_at;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (interaction), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _rapport_store_new_uuid (uuid);

  customer_id = rapport_interaction_get_customer_id (interaction);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);
  occurred_at = rapport_interaction_get_occurred_at (interaction);
  if (occurred_at == 0)
    occurred_at = now;

  /* Without a contact the customer's foreign key does the checking. */
  if (rapport_interaction_get_contact_id (interaction) != 0 &&
      !check_interaction (db, interaction, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO interaction (uuid, customer_id, contact_id, kind, occurred_at, "
                                      "  summary, details, outcome, created_at, updated_at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    bind_interaction (stmt, interaction, occurred_at);
    sqlite3_bind_int64 (stmt, 9, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, customer_id, error);
        goto fail;
      }

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  if (!_rapport_database_raise_last_interaction (db, customer_id, occurred_at, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_INTERACTION, id, customer_id, RAPPORT_CHANGE_INSERTED);

  rapport_interaction_set_id (interaction, id);
  rapport_interaction_set_uuid (interaction, uuid);
  rapport_interaction_set_occurred_at (interaction, occurred_at);
  rapport_interaction_set_created_at (interaction, now);
  rapport_interaction_set_updated_at (interaction, now);
  rapport_interaction_set_deleted_at (interaction, 0);

  if (!_rapport_database_commit (db, error))
    {
      rapport_interaction_set_id (interaction, 0);
      goto fail;
    }

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static gboolean
read_interaction_customer (RapportDatabase  *db,
                           gint64            id,
                           gint64           *customer_id,
                           GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT customer_id FROM interaction WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_INTERACTION, id);
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the interaction"));
      return FALSE;
    }

  *customer_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * rapport_store_update_interaction:
 *
 * Saves every field; the interaction may move to another customer.
 */
gboolean
rapport_store_update_interaction (RapportDatabase     *db,
                                  RapportInteraction  *interaction,
                                  GError             **error)
{
  gint64 old_customer_id = 0;
  gint64 customer_id;
  gint64 occurred_at;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (interaction), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_interaction_get_id (interaction);
  customer_id = rapport_interaction_get_customer_id (interaction);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);
  occurred_at = rapport_interaction_get_occurred_at (interaction);
  if (occurred_at == 0)
    occurred_at = now;

  if (!read_interaction_customer (db, id, &old_customer_id, error) ||
      !check_interaction (db, interaction, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE interaction SET customer_id = ?2, contact_id = ?3, kind = ?4, "
                                      "  occurred_at = ?5, summary = ?6, details = ?7, outcome = ?8, updated_at = ?9 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    bind_interaction (stmt, interaction, occurred_at);
    sqlite3_bind_int64 (stmt, 9, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, customer_id, error);
        goto fail;
      }
  }

  if (!_rapport_store_refresh_last_interaction (db, customer_id, error) ||
      (old_customer_id != customer_id &&
       !_rapport_store_refresh_last_interaction (db, old_customer_id, error)))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_INTERACTION, id, customer_id, RAPPORT_CHANGE_UPDATED);
  /* Moved to another customer: gone from the first one's timeline. */
  if (old_customer_id != customer_id)
    _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_INTERACTION, id, old_customer_id, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_interaction_set_occurred_at (interaction, occurred_at);
  rapport_interaction_set_updated_at (interaction, now);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/* The customer's last interaction may be this one. */
static gboolean
refresh_last_interaction (RapportDatabase  *db,
                          gint64            id,
                          gint64            customer_id,
                          GError          **error)
{
  return _rapport_store_refresh_last_interaction (db, customer_id, error);
}

static gboolean
set_interaction_deleted (RapportDatabase  *db,
                         gint64            id,
                         gboolean          deleted,
                         GError          **error)
{
  return _rapport_store_set_trashed (db, "interaction", RAPPORT_ENTITY_KIND_INTERACTION, id, deleted,
                                     refresh_last_interaction, error);
}

gboolean
rapport_store_trash_interaction (RapportDatabase  *db,
                                 gint64            id,
                                 GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_interaction_deleted (db, id, TRUE, error);
}

gboolean
rapport_store_restore_interaction (RapportDatabase  *db,
                                   gint64            id,
                                   GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_interaction_deleted (db, id, FALSE, error);
}

static RapportInteraction *
interaction_from_row (sqlite3_stmt *stmt)
{
  RapportInteraction *interaction = rapport_interaction_new ();
  RapportInteractionKind kind = RAPPORT_INTERACTION_KIND_NOTE;

  rapport_interaction_kind_from_string (_rapport_store_column_text (stmt, 5), &kind);

  rapport_interaction_set_id (interaction, sqlite3_column_int64 (stmt, 0));
  rapport_interaction_set_uuid (interaction, _rapport_store_column_text (stmt, 1));
  rapport_interaction_set_customer_id (interaction, sqlite3_column_int64 (stmt, 2));
  rapport_interaction_set_contact_id (interaction, sqlite3_column_int64 (stmt, 3));
  rapport_interaction_set_contact_name (interaction, _rapport_store_column_text (stmt, 4));
  rapport_interaction_set_kind (interaction, kind);
  rapport_interaction_set_occurred_at (interaction, sqlite3_column_int64 (stmt, 6));
  rapport_interaction_set_summary (interaction, _rapport_store_column_text (stmt, 7));
  rapport_interaction_set_details (interaction, _rapport_store_column_text (stmt, 8));
  rapport_interaction_set_outcome (interaction, _rapport_store_column_text (stmt, 9));
  rapport_interaction_set_created_at (interaction, sqlite3_column_int64 (stmt, 10));
  rapport_interaction_set_updated_at (interaction, sqlite3_column_int64 (stmt, 11));
  rapport_interaction_set_deleted_at (interaction, sqlite3_column_int64 (stmt, 12));

  return interaction;
}

/**
 * rapport_store_list_interactions:
 * @limit: at most this many, 0 for all
 *
 * Returns: (transfer full): a #GListModel of the customer's #RapportInteraction
 *   not in the Trash, newest first, contact-name filled in
 */
GListModel *
rapport_store_list_interactions (RapportDatabase  *db,
                                 gint64            customer_id,
                                 guint             limit,
                                 GError          **error)
{
  g_autoptr (GListStore) store = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT " INTERACTION_COLUMNS " FROM interaction i "
                                    "LEFT JOIN contact c ON c.id = i.contact_id "
                                    "WHERE i.customer_id = ?1 AND i.deleted_at IS NULL "
                                    "ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  store = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportInteraction) interaction = interaction_from_row (stmt);
      g_list_store_append (store, interaction);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the interactions"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}
