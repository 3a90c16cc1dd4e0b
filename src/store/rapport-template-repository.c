/* rapport-template-repository.c
 *
 * Message templates (模板): a name, a channel, a subject for mail and a body
 * with placeholders. Trashed ones (deleted_at set) leave the lists and can be
 * restored; the Trash view does not list them yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-template-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-store-private.h"

#define TEMPLATE_COLUMNS \
  "id, uuid, name, channel, subject, body, created_at, updated_at, deleted_at"

static gboolean
check_template (RapportMessageTemplate  *template,
                char                   **out_name,
                GError                 **error)
{
  if (!_rapport_store_check_name (rapport_message_template_get_name (template), out_name, error))
    return FALSE;

  if (_rapport_store_is_blank (rapport_message_template_get_body (template)))
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("A template needs a text"));
      return FALSE;
    }

  return TRUE;
}

static RapportMessageTemplate *
template_from_row (sqlite3_stmt *stmt)
{
  RapportMessageTemplate *template = rapport_message_template_new ();
  RapportChannel channel = RAPPORT_CHANNEL_MAIL;

  rapport_channel_from_string (_rapport_store_column_text (stmt, 3), &channel);

  rapport_message_template_set_id (template, sqlite3_column_int64 (stmt, 0));
  rapport_message_template_set_uuid (template, _rapport_store_column_text (stmt, 1));
  rapport_message_template_set_name (template, _rapport_store_column_text (stmt, 2));
  rapport_message_template_set_channel (template, channel);
  rapport_message_template_set_subject (template, _rapport_store_column_text (stmt, 4));
  rapport_message_template_set_body (template, _rapport_store_column_text (stmt, 5));
  rapport_message_template_set_created_at (template, sqlite3_column_int64 (stmt, 6));
  rapport_message_template_set_updated_at (template, sqlite3_column_int64 (stmt, 7));
  rapport_message_template_set_deleted_at (template, sqlite3_column_int64 (stmt, 8));

  return template;
}

/**
 * rapport_store_insert_template:
 * @template: name, channel and body set (subject for mail). On success id,
 *   uuid, the trimmed name and the times are filled in.
 */
gboolean
rapport_store_insert_template (RapportDatabase         *db,
                               RapportMessageTemplate  *template,
                               GError                 **error)
{
  g_autofree char *name = NULL;
  char uuid[RAPPORT_UUID_LEN];
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (template), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_template (template, &name, error))
    return FALSE;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);
  _rapport_store_new_uuid (uuid);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO template (uuid, name, channel, subject, body, created_at, updated_at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 3, rapport_channel_to_string (rapport_message_template_get_channel (template)), -1,
                       SQLITE_STATIC);
    _rapport_store_bind_text (stmt, 4, rapport_message_template_get_subject (template));
    sqlite3_bind_text (stmt, 5, rapport_message_template_get_body (template), -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 6, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the template"), error))
      goto fail;

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_TEMPLATE, id, 0, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_message_template_set_id (template, id);
  rapport_message_template_set_uuid (template, uuid);
  rapport_message_template_set_name (template, name);
  rapport_message_template_set_created_at (template, now);
  rapport_message_template_set_updated_at (template, now);
  rapport_message_template_set_deleted_at (template, 0);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_update_template:
 *
 * Saves name, channel, subject and body. NOT_FOUND when missing.
 */
gboolean
rapport_store_update_template (RapportDatabase         *db,
                               RapportMessageTemplate  *template,
                               GError                 **error)
{
  g_autofree char *name = NULL;
  gint64 id;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_MESSAGE_TEMPLATE (template), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_template (template, &name, error))
    return FALSE;

  id = rapport_message_template_get_id (template);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE template SET name = ?2, channel = ?3, subject = ?4, body = ?5, "
                                      "  updated_at = ?6 WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 3, rapport_channel_to_string (rapport_message_template_get_channel (template)), -1,
                       SQLITE_STATIC);
    _rapport_store_bind_text (stmt, 4, rapport_message_template_get_subject (template));
    sqlite3_bind_text (stmt, 5, rapport_message_template_get_body (template), -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 6, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the template"), error))
      goto fail;
  }

  if (sqlite3_changes (_rapport_database_get_handle (db)) == 0)
    {
      _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_TEMPLATE, id);
      goto fail;
    }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_TEMPLATE, id, 0, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_message_template_set_name (template, name);
  rapport_message_template_set_updated_at (template, now);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_get_template:
 *
 * Returns: (transfer full): the template, also a trashed one (deleted-at
 *   set); NULL with NOT_FOUND when missing
 */
RapportMessageTemplate *
rapport_store_get_template (RapportDatabase  *db,
                            gint64            id,
                            GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, "SELECT " TEMPLATE_COLUMNS " FROM template WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return template_from_row (stmt);

  if (rc == SQLITE_DONE)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_TEMPLATE, id);
  else
    _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the template"));

  return NULL;
}

/**
 * rapport_store_list_templates:
 * @channel: a #RapportChannel, or RAPPORT_STORE_ANY_CHANNEL
 *
 * Returns: (transfer full): a GListModel of RapportMessageTemplate, not
 *   trashed, by name
 */
GListModel *
rapport_store_list_templates (RapportDatabase  *db,
                              int               channel,
                              GError          **error)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_MESSAGE_TEMPLATE);
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (channel == RAPPORT_STORE_ANY_CHANNEL ||
                        (channel >= RAPPORT_CHANNEL_MAIL && channel <= RAPPORT_CHANNEL_SMS), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT " TEMPLATE_COLUMNS " FROM template "
                                    "WHERE deleted_at IS NULL AND (?1 IS NULL OR channel = ?1) "
                                    "ORDER BY name COLLATE NOCASE, id",
                                    error);
  if (stmt == NULL)
    return NULL;

  if (channel == RAPPORT_STORE_ANY_CHANNEL)
    sqlite3_bind_null (stmt, 1);
  else
    sqlite3_bind_text (stmt, 1, rapport_channel_to_string ((RapportChannel) channel), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportMessageTemplate) template = template_from_row (stmt);

      g_list_store_append (store, template);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the templates"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

static gboolean
set_trashed (RapportDatabase  *db,
             gint64            id,
             gboolean          trashed,
             GError          **error)
{
  gint64 now;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE template SET deleted_at = ?2, updated_at = ?3 "
                                      "WHERE id = ?1 AND (deleted_at IS NULL) = (?2 IS NOT NULL)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    _rapport_store_bind_id (stmt, 2, trashed ? now : 0);
    sqlite3_bind_int64 (stmt, 3, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the template"), error))
      goto fail;
  }

  if (sqlite3_changes (_rapport_database_get_handle (db)) > 0)
    {
      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_TEMPLATE, id, 0,
                                      trashed ? RAPPORT_CHANGE_TRASHED : RAPPORT_CHANGE_RESTORED);
    }
  else
    {
      /* Already so, or missing. */
      g_autoptr (RapportMessageTemplate) template = rapport_store_get_template (db, id, error);

      if (template == NULL)
        goto fail;
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/* Nothing happens when it is already so; NOT_FOUND when missing. Rules
 * using a trashed template keep it (their messages still render). */
gboolean
rapport_store_trash_template (RapportDatabase  *db,
                              gint64            id,
                              GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_trashed (db, id, TRUE, error);
}

gboolean
rapport_store_restore_template (RapportDatabase  *db,
                                gint64            id,
                                GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_trashed (db, id, FALSE, error);
}
