/* rapport-user-repository.c
 *
 * Users: the staff who own customers (rapport-staff-repository.c has the
 * rest). The default user is the one migration 1 creates ("Me"); a customer
 * whose owner_id is NULL belongs to them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-user-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-store-private.h"

/**
 * rapport_store_get_user_name:
 * @db: a database
 * @user_id: a user's id, or 0 for the default user
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * Reads one row by its primary key (the default user is the first one
 * created), so the UI thread may call it.
 *
 * Returns: (transfer full) (nullable): the user's name, or %NULL with
 *   %RAPPORT_DATABASE_ERROR_NOT_FOUND when there is no such user
 */
char *
rapport_store_get_user_name (RapportDatabase  *db,
                             gint64            user_id,
                             GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (user_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (user_id > 0)
    stmt = _rapport_database_prepare (db, "SELECT name FROM user WHERE id = ?1", error);
  else
    stmt = _rapport_database_prepare (db, "SELECT name FROM user ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;

  if (user_id > 0)
    sqlite3_bind_int64 (stmt, 1, user_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (_rapport_store_column_text (stmt, 0));

  if (rc == SQLITE_DONE)
    {
      _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_USER, user_id);
      return NULL;
    }

  _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the user"));
  return NULL;
}
