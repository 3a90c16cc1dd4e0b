/* rapport-account-repository.c
 *
 * Mail accounts and SMS gateways. The settings are one JSON object of strings
 * in account.settings; the secret is never here (rapport-secrets.h keeps it
 * under the account's uuid). At most one account per channel is the default:
 * saving one as default clears the others in the same transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-account-repository"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rapport-store-private.h"

#define ACCOUNT_COLUMNS \
  "id, uuid, channel, provider, name, settings, is_default, created_at, updated_at"

static gboolean
account_not_found (GError **error,
                   gint64   id)
{
  g_debug ("Not found: account %" G_GINT64_FORMAT, id);
  g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND,
                       _("The account no longer exists"));
  return FALSE;
}

static char *
settings_to_json (RapportAccount *account)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_auto (GStrv) keys = rapport_account_list_settings (account);

  json_builder_begin_object (builder);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, rapport_account_get_setting (account, keys[i]));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Unreadable JSON or non-string members are skipped with a warning in the
 * log: the account still opens, and the form shows what is missing. */
static void
settings_from_json (RapportAccount *account,
                    const char     *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, &error))
    {
      g_warning ("Account %" G_GINT64_FORMAT ": unreadable settings: %s",
                 rapport_account_get_id (account), error != NULL ? error->message : "none");
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_warning ("Account %" G_GINT64_FORMAT ": settings are not an object", rapport_account_get_id (account));
      return;
    }

  object = json_node_get_object (root);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        rapport_account_set_setting (account, member, json_node_get_string (node));
    }
}

static RapportAccount *
read_account (sqlite3_stmt *stmt)
{
  RapportAccount *account = rapport_account_new ();
  RapportChannel channel = RAPPORT_CHANNEL_MAIL;

  rapport_channel_from_string (_rapport_store_column_text (stmt, 2), &channel);
  rapport_account_set_id (account, sqlite3_column_int64 (stmt, 0));
  rapport_account_set_uuid (account, _rapport_store_column_text (stmt, 1));
  rapport_account_set_channel (account, channel);
  rapport_account_set_provider (account, _rapport_store_column_text (stmt, 3));
  rapport_account_set_name (account, _rapport_store_column_text (stmt, 4));
  settings_from_json (account, _rapport_store_column_text (stmt, 5));
  rapport_account_set_is_default (account, sqlite3_column_int (stmt, 6) != 0);
  rapport_account_set_created_at (account, sqlite3_column_int64 (stmt, 7));
  rapport_account_set_updated_at (account, sqlite3_column_int64 (stmt, 8));

  return account;
}

static gboolean
check_account (RapportAccount  *account,
               char           **name,
               GError         **error)
{
  GError *local_error = NULL;

  if (!rapport_account_validate (account, &local_error))
    return _rapport_store_invalid (error, local_error);

  return _rapport_store_check_name (rapport_account_get_name (account), name, error);
}

/* Another account of @channel stops being the default, @id being the new one. */
static gboolean
clear_other_defaults (RapportDatabase  *db,
                      RapportChannel    channel,
                      gint64            id,
                      GError          **error)
{
  g_autoptr (RapportStatement) select = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  select = _rapport_database_prepare (db,
                                      "SELECT id FROM account WHERE channel = ?1 AND is_default AND id != ?2",
                                      error);
  if (select == NULL)
    return FALSE;

  sqlite3_bind_text (select, 1, rapport_channel_to_string (channel), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (select, 2, id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 other = sqlite3_column_int64 (select, 0);

      g_array_append_val (ids, other);
    }
  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not save the account"));
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (RapportStatement) update = NULL;

      update = _rapport_database_prepare (db, "UPDATE account SET is_default = 0 WHERE id = ?1", error);
      if (update == NULL)
        return FALSE;
      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not save the account"));
          return FALSE;
        }
      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_ACCOUNT, g_array_index (ids, gint64, i), 0,
                                      RAPPORT_CHANGE_UPDATED);
    }

  return TRUE;
}

static void
bind_account (sqlite3_stmt   *stmt,
              RapportAccount *account,
              const char     *name,
              const char     *settings)
{
  sqlite3_bind_text (stmt, 2, rapport_channel_to_string (rapport_account_get_channel (account)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rapport_account_get_provider (account), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, settings, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, rapport_account_get_is_default (account) ? 1 : 0);
}

/**
 * rapport_store_insert_account:
 * @account: a valid account (rapport_account_validate). On success id, uuid,
 *   the trimmed name and the times are set.
 *
 * Saving it as default makes the channel's other accounts not default.
 */
gboolean
rapport_store_insert_account (RapportDatabase  *db,
                              RapportAccount   *account,
                              GError          **error)
{
  char uuid[RAPPORT_UUID_LEN];
  g_autofree char *name = NULL;
  g_autofree char *settings = NULL;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _rapport_store_new_uuid (uuid);

  if (!_rapport_database_check_writable (db, error) ||
      !check_account (account, &name, error))
    return FALSE;

  settings = settings_to_json (account);

  if (!_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO account (uuid, channel, provider, name, settings, "
                                      "  is_default, created_at, updated_at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    bind_account (stmt, account, name, settings);
    sqlite3_bind_int64 (stmt, 7, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not save the account"));
        goto fail;
      }

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  if (rapport_account_get_is_default (account) &&
      !clear_other_defaults (db, rapport_account_get_channel (account), id, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_ACCOUNT, id, 0, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_account_set_id (account, id);
  rapport_account_set_uuid (account, uuid);
  rapport_account_set_name (account, name);
  rapport_account_set_created_at (account, now);
  rapport_account_set_updated_at (account, now);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_update_account:
 * @account: an account read from the store, changed. Its uuid is kept (the
 *   secret is stored under it). On success the trimmed name and updated-at
 *   are set.
 */
gboolean
rapport_store_update_account (RapportDatabase  *db,
                              RapportAccount   *account,
                              GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *settings = NULL;
  gint64 id;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_account_get_id (account);

  if (!_rapport_database_check_writable (db, error) ||
      !check_account (account, &name, error))
    return FALSE;

  settings = settings_to_json (account);

  if (!_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE account SET channel = ?2, provider = ?3, name = ?4, settings = ?5, "
                                      "  is_default = ?6, updated_at = ?7 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    bind_account (stmt, account, name, settings);
    sqlite3_bind_int64 (stmt, 7, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not save the account"));
        goto fail;
      }

    if (sqlite3_changes (_rapport_database_get_handle (db)) == 0)
      {
        account_not_found (error, id);
        goto fail;
      }
  }

  if (rapport_account_get_is_default (account) &&
      !clear_other_defaults (db, rapport_account_get_channel (account), id, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_ACCOUNT, id, 0, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_account_set_name (account, name);
  rapport_account_set_updated_at (account, now);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_get_account:
 *
 * Returns: (transfer full): the account, or %NULL with
 *   RAPPORT_DATABASE_ERROR_NOT_FOUND
 */
RapportAccount *
rapport_store_get_account (RapportDatabase  *db,
                           gint64            id,
                           GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_account (stmt);

  if (rc == SQLITE_DONE)
    account_not_found (error, id);
  else
    _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the account"));
  return NULL;
}

/**
 * rapport_store_list_accounts:
 *
 * Returns: (transfer full): a #GListModel of the channel's #RapportAccount,
 *   the default first, then by name
 */
GListModel *
rapport_store_list_accounts (RapportDatabase  *db,
                             RapportChannel    channel,
                             GError          **error)
{
  g_autoptr (GListStore) store = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT " ACCOUNT_COLUMNS " FROM account WHERE channel = ?1 "
                                    "ORDER BY is_default DESC, name COLLATE NOCASE, id",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, rapport_channel_to_string (channel), -1, SQLITE_STATIC);

  store = g_list_store_new (RAPPORT_TYPE_ACCOUNT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportAccount) account = read_account (stmt);

      g_list_store_append (store, account);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the accounts"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * rapport_store_get_default_account:
 *
 * Returns: (transfer full): the channel's default account, else its first
 *   one (oldest); %NULL with RAPPORT_DATABASE_ERROR_NOT_FOUND when it has none
 */
RapportAccount *
rapport_store_get_default_account (RapportDatabase  *db,
                                   RapportChannel    channel,
                                   GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT " ACCOUNT_COLUMNS " FROM account WHERE channel = ?1 "
                                    "ORDER BY is_default DESC, id LIMIT 1",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, rapport_channel_to_string (channel), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_account (stmt);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND,
                         channel == RAPPORT_CHANNEL_MAIL
                         ? _("No mail account is set up: add one in Preferences")
                         : _("No SMS gateway is set up: add one in Preferences"));
  else
    _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the accounts"));
  return NULL;
}

/**
 * rapport_store_delete_account:
 *
 * Deletes the account for good; messages sent through it keep their row with
 * no account (account_id NULL). Removing its secret is the caller's part
 * (rapport_secrets_clear_async).
 */
gboolean
rapport_store_delete_account (RapportDatabase  *db,
                              gint64            id,
                              GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db, "DELETE FROM account WHERE id = ?1", error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not delete the account"));
        goto fail;
      }

    if (sqlite3_changes (_rapport_database_get_handle (db)) == 0)
      {
        account_not_found (error, id);
        goto fail;
      }
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_ACCOUNT, id, 0, RAPPORT_CHANGE_DELETED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}
