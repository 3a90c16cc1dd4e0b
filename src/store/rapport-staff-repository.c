/* rapport-staff-repository.c
 *
 * Staff: the user rows (migration 10 added role and left_at). The default
 * user is the first row; owner columns name them with NULL (0 in C), see
 * rapport-staff-store.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-staff-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-pinyin.h"
#include "rapport-text.h"
#include "rapport-store-private.h"

#define STAFF_COLUMNS "id, name, role, left_at, id = (SELECT min (id) FROM user)"

static RapportStaffMember *
staff_member_from_row (sqlite3_stmt *stmt)
{
  RapportStaffMember *member = rapport_staff_member_new ();

  rapport_staff_member_set_id (member, sqlite3_column_int64 (stmt, 0));
  rapport_staff_member_set_name (member, _rapport_store_column_text (stmt, 1));
  rapport_staff_member_set_role (member, _rapport_store_column_text (stmt, 2));
  rapport_staff_member_set_left_at (member, sqlite3_column_int64 (stmt, 3));
  rapport_staff_member_set_is_default (member, sqlite3_column_int (stmt, 4) != 0);

  return member;
}

typedef struct
{
  RapportStaffMember *member;
  GBytes             *sort_key;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *ea = a;
  const SortEntry *eb = b;
  gboolean a_default = rapport_staff_member_get_is_default (ea->member);
  gboolean b_default = rapport_staff_member_get_is_default (eb->member);
  int cmp;

  if (a_default != b_default)
    return a_default ? -1 : 1;

  cmp = g_bytes_compare (ea->sort_key, eb->sort_key);
  if (cmp != 0)
    return cmp;

  return rapport_staff_member_get_id (ea->member) < rapport_staff_member_get_id (eb->member) ? -1 : 1;
}

/**
 * rapport_store_list_staff:
 * @db: a database
 * @include_left: whether those who left are listed too
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * The staff is a short list: it is read whole and sorted here, by the same
 * person-name key the customer list uses.
 *
 * Returns: (transfer full): a #GListModel of #RapportStaffMember, the
 *   default user first, then by name
 */
GListModel *
rapport_store_list_staff (RapportDatabase  *db,
                          gboolean          include_left,
                          GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GListStore) store = NULL;
  g_autoptr (GArray) entries = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, "SELECT " STAFF_COLUMNS " FROM user ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SortEntry entry;

      entry.member = staff_member_from_row (stmt);
      if (!include_left && rapport_staff_member_has_left (entry.member))
        {
          g_object_unref (entry.member);
          continue;
        }

      entry.sort_key = rapport_person_sort_key (rapport_staff_member_get_name (entry.member));
      g_array_append_val (entries, entry);
    }

  if (rc == SQLITE_DONE)
    {
      g_array_sort (entries, compare_entries);
      store = g_list_store_new (RAPPORT_TYPE_STAFF_MEMBER);
    }
  else
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the staff"));
    }

  for (guint i = 0; i < entries->len; i++)
    {
      SortEntry *entry = &g_array_index (entries, SortEntry, i);

      if (store != NULL)
        g_list_store_append (store, entry->member);
      g_object_unref (entry->member);
      g_bytes_unref (entry->sort_key);
    }

  return store != NULL ? G_LIST_MODEL (g_steal_pointer (&store)) : NULL;
}

/**
 * rapport_store_get_staff_member:
 * @db: a database
 * @user_id: a user's id, or 0 for the default user
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * Returns: (transfer full) (nullable): the staff member, or %NULL with
 *   %RAPPORT_DATABASE_ERROR_NOT_FOUND
 */
RapportStaffMember *
rapport_store_get_staff_member (RapportDatabase  *db,
                                gint64            user_id,
                                GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (user_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (user_id > 0)
    stmt = _rapport_database_prepare (db, "SELECT " STAFF_COLUMNS " FROM user WHERE id = ?1", error);
  else
    stmt = _rapport_database_prepare (db, "SELECT " STAFF_COLUMNS " FROM user ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;

  if (user_id > 0)
    sqlite3_bind_int64 (stmt, 1, user_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return staff_member_from_row (stmt);

  if (rc == SQLITE_DONE)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_USER, user_id);
  else
    _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the staff"));
  return NULL;
}

/**
 * rapport_store_get_default_user_id:
 * @db: a database
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * Returns: the default user's row id, 0 with @error set on failure
 */
gint64
rapport_store_get_default_user_id (RapportDatabase  *db,
                                   GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 id = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  stmt = _rapport_database_prepare (db, "SELECT min (id) FROM user", error);
  if (stmt == NULL ||
      !_rapport_database_step_int64 (db, stmt, _("Could not read the staff"), &id, error))
    return 0;

  if (id == 0)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_USER, 0);

  return id;
}

/* The name, trimmed and validated, unless someone else (left or not) is
 * already called exactly that: two "王伟" in one owner list cannot be told
 * apart. */
static gboolean
check_staff_name (RapportDatabase  *db,
                  const char       *name,
                  gint64            except_id,
                  char            **out_name,
                  GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *clean = NULL;
  gint64 other = 0;

  if (!_rapport_store_check_name (name, &clean, error))
    return FALSE;

  stmt = _rapport_database_prepare (db, "SELECT id FROM user WHERE name = ?1 AND id != ?2 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the staff"), &other, error))
    return FALSE;

  if (other != 0)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                   _("Someone on the staff is already called “%s”: add something to tell them apart"),
                   clean);
      return FALSE;
    }

  *out_name = g_steal_pointer (&clean);
  return TRUE;
}

/* The real row id for @user_id (0: the default user), NOT_FOUND when there
 * is no such user. */
static gint64
resolve_user_id (RapportDatabase  *db,
                 gint64            user_id,
                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 id = 0;

  if (user_id == 0)
    return rapport_store_get_default_user_id (db, error);

  stmt = _rapport_database_prepare (db, "SELECT id FROM user WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, user_id);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the staff"), &id, error))
    return 0;

  if (id == 0)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_USER, user_id);

  return id;
}

gint64
rapport_store_add_staff_member (RapportDatabase  *db,
                                const char       *name,
                                const char       *role,
                                GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_role = NULL;
  char uuid[RAPPORT_UUID_LEN];
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return 0;

  if (!check_staff_name (db, name, 0, &clean_name, error))
    goto fail;

  clean_role = g_strstrip (g_strdup (role != NULL ? role : ""));

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO user (uuid, name, role, created_at, updated_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?4)",
                                    error);
  if (stmt == NULL)
    goto fail;

  _rapport_store_new_uuid (uuid);
  now = _rapport_database_now (db);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clean_name, -1, SQLITE_TRANSIENT);
  _rapport_store_bind_text (stmt, 3, clean_role);
  sqlite3_bind_int64 (stmt, 4, now);

  if (!_rapport_database_step_done (db, stmt, _("Could not add the staff member"), error))
    goto fail;

  id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_USER, id, 0, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return id;

fail:
  _rapport_database_rollback (db, NULL);
  return 0;
}

/* One UPDATE of user row @id (?1), with ?2 @text (when @value_is_text) or
 * @value (0 as NULL) and ?3 the time; announced as a USER change. */
static gboolean
update_user (RapportDatabase  *db,
             gint64            id,
             const char       *sql,
             const char       *text,
             gint64            value,
             gboolean          value_is_text,
             GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = _rapport_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (value_is_text)
    _rapport_store_bind_text (stmt, 2, text);
  else
    _rapport_store_bind_id (stmt, 2, value);
  sqlite3_bind_int64 (stmt, 3, _rapport_database_now (db));

  if (!_rapport_database_step_done (db, stmt, _("Could not save the staff member"), error))
    return FALSE;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_USER, id, 0, RAPPORT_CHANGE_UPDATED);
  return TRUE;
}

gboolean
rapport_store_rename_staff_member (RapportDatabase  *db,
                                   gint64            user_id,
                                   const char       *name,
                                   GError          **error)
{
  g_autofree char *clean = NULL;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (user_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if ((id = resolve_user_id (db, user_id, error)) == 0 ||
      !check_staff_name (db, name, id, &clean, error) ||
      !update_user (db, id, "UPDATE user SET name = ?2, updated_at = ?3 WHERE id = ?1",
                    clean, 0, TRUE, error) ||
      !_rapport_database_commit (db, error))
    {
      _rapport_database_rollback (db, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
rapport_store_set_staff_role (RapportDatabase  *db,
                              gint64            user_id,
                              const char       *role,
                              GError          **error)
{
  g_autofree char *clean = NULL;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (user_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clean = g_strstrip (g_strdup (role != NULL ? role : ""));
  if (g_utf8_strlen (clean, -1) > RAPPORT_NAME_MAX_CHARS)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A role can be at most %d character long",
                                "A role can be at most %d characters long",
                                RAPPORT_NAME_MAX_CHARS),
                   RAPPORT_NAME_MAX_CHARS);
      return FALSE;
    }

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if ((id = resolve_user_id (db, user_id, error)) == 0 ||
      !update_user (db, id, "UPDATE user SET role = ?2, updated_at = ?3 WHERE id = ?1",
                    clean, 0, TRUE, error) ||
      !_rapport_database_commit (db, error))
    {
      _rapport_database_rollback (db, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
rapport_store_set_staff_left (RapportDatabase  *db,
                              gint64            user_id,
                              gboolean          left,
                              GError          **error)
{
  gint64 default_id;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (user_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if ((default_id = rapport_store_get_default_user_id (db, error)) == 0 ||
      (id = resolve_user_id (db, user_id, error)) == 0)
    goto fail;

  if (left && id == default_id)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("You cannot leave: “Me” is the one who uses Rapport"));
      goto fail;
    }

  /* Leaving twice keeps the first date. */
  if (!update_user (db, id,
                    left ? "UPDATE user SET left_at = coalesce (left_at, ?2), updated_at = ?3 WHERE id = ?1"
                         : "UPDATE user SET left_at = ?2, updated_at = ?3 WHERE id = ?1",
                    NULL, left ? _rapport_database_now (db) : 0, FALSE, error) ||
      !_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static gboolean
count_rows (RapportDatabase  *db,
            const char       *sql,
            gint64            id,
            gboolean          is_default,
            guint            *out_count,
            GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 count = 0;

  stmt = _rapport_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int (stmt, 2, is_default);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the staff"), &count, error))
    return FALSE;

  *out_count = (guint) count;
  return TRUE;
}

gboolean
rapport_store_count_staff_holdings (RapportDatabase      *db,
                                    gint64                user_id,
                                    RapportStaffHoldings *out_holdings,
                                    GError              **error)
{
  RapportStaffHoldings holdings = { 0, };
  gint64 default_id;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (user_id >= 0, FALSE);
  g_return_val_if_fail (out_holdings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((default_id = rapport_store_get_default_user_id (db, error)) == 0 ||
      (id = resolve_user_id (db, user_id, error)) == 0)
    return FALSE;

  /* ?2: the default user, who also holds the rows whose owner is NULL
   * (except a service request's: NULL is unassigned there). */
  if (!count_rows (db,
                   "SELECT count(*) FROM customer "
                   "WHERE (owner_id = ?1 OR (?2 AND owner_id IS NULL)) AND deleted_at IS NULL",
                   id, id == default_id, &holdings.customers, error) ||
      !count_rows (db,
                   "SELECT count(*) FROM opportunity "
                   "WHERE (owner_id = ?1 OR (?2 AND owner_id IS NULL)) "
                   "  AND closed_at IS NULL AND deleted_at IS NULL",
                   id, id == default_id, &holdings.opportunities, error) ||
      !count_rows (db,
                   "SELECT count(*) FROM follow_up "
                   "WHERE (assignee_id = ?1 OR (?2 AND assignee_id IS NULL)) "
                   "  AND done_at IS NULL AND deleted_at IS NULL",
                   id, id == default_id, &holdings.follow_ups, error) ||
      !count_rows (db,
                   "SELECT count(*) FROM service_request "
                   "WHERE assignee_id = ?1 AND status NOT IN ('resolved', 'closed') "
                   "  AND deleted_at IS NULL",
                   id, id == default_id, &holdings.service_requests, error))
    return FALSE;

  *out_holdings = holdings;
  return TRUE;
}
