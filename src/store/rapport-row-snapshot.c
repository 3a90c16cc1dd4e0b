/* rapport-row-snapshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-row-snapshot"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-row-snapshot-private.h"
#include "rapport-store-private.h"

static JsonNode *
column_to_node (sqlite3_stmt *stmt,
                int           i)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_INTEGER:
      json_node_set_int (node, sqlite3_column_int64 (stmt, i));
      break;
    case SQLITE_FLOAT:
      json_node_set_double (node, sqlite3_column_double (stmt, i));
      break;
    case SQLITE_TEXT:
      json_node_set_string (node, (const char *) sqlite3_column_text (stmt, i));
      break;
    case SQLITE_BLOB:
      {
        g_autoptr (JsonObject) blob = json_object_new ();
        g_autofree char *base64 = g_base64_encode (sqlite3_column_blob (stmt, i),
                                                   sqlite3_column_bytes (stmt, i));

        json_object_set_string_member (blob, "blob", base64);
        json_node_init_object (node, blob);
      }
      break;
    default:
      json_node_init_null (node);
      break;
    }

  return node;
}

static void
bind_node (sqlite3_stmt *stmt,
           int           index,
           JsonNode     *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *base64 = json_object_get_string_member_with_default (json_node_get_object (node), "blob", "");
      gsize len = 0;
      guchar *data = g_base64_decode (base64, &len);

      sqlite3_bind_blob (stmt, index, data, len, g_free);
      return;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      sqlite3_bind_double (stmt, index, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, index, json_node_get_boolean (node));
      break;
    default:
      sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      break;
    }
}

/* Column names come from our own snapshots; still, only plain identifiers
 * ever reach the SQL text. */
static gboolean
is_identifier (const char *name)
{
  if (name == NULL || name[0] == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
is_skipped (const char          *name,
            const char * const  *skip)
{
  return skip != NULL && g_strv_contains (skip, name);
}

static void
set_damaged_error (GError **error)
{
  g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                       _("The record of the change to undo is damaged"));
}

gboolean
_rapport_row_snapshot_take (RapportDatabase  *db,
                            const char       *owner,
                            gint64            owner_id,
                            const char       *label,
                            gint64            row_id,
                            const char       *select_sql,
                            GError          **error)
{
  g_autoptr (JsonArray) rows = json_array_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *data = NULL;
  int rc;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "SELECT 1 FROM row_snapshot "
                                      "WHERE owner = ?1 AND owner_id = ?2 AND table_name = ?3 AND row_id = ?4",
                                      error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, owner_id);
    sqlite3_bind_text (stmt, 3, label, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 4, row_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      return TRUE;
    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not keep the previous values"));
        return FALSE;
      }
  }

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, select_sql, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, row_id);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        JsonObject *row = json_object_new ();

        for (int i = 0; i < sqlite3_column_count (stmt); i++)
          json_object_set_member (row, sqlite3_column_name (stmt, i), column_to_node (stmt, i));
        json_array_add_object_element (rows, row);
      }

    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not keep the previous values"));
        return FALSE;
      }
  }

  root = json_node_init_array (json_node_alloc (), rows);
  data = json_to_string (root, FALSE);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO row_snapshot (owner, owner_id, table_name, row_id, data) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5)",
                                      error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, owner_id);
    sqlite3_bind_text (stmt, 3, label, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 4, row_id);
    sqlite3_bind_text (stmt, 5, data, -1, SQLITE_STATIC);

    return _rapport_database_step_done (db, stmt, _("Could not keep the previous values"), error);
  }
}

typedef struct
{
  char   *label;
  gint64  row_id;
  char   *data;
} Snapshot;

static void
snapshot_clear (gpointer data)
{
  Snapshot *snapshot = data;

  g_free (snapshot->label);
  g_free (snapshot->data);
}

gboolean
_rapport_row_snapshot_foreach (RapportDatabase     *db,
                               const char          *owner,
                               gint64               owner_id,
                               RapportSnapshotFunc  func,
                               gpointer             user_data,
                               GError             **error)
{
  g_autoptr (GArray) snapshots = g_array_new (FALSE, TRUE, sizeof (Snapshot));
  int rc;

  g_array_set_clear_func (snapshots, snapshot_clear);

  /* Read first: the callbacks run other statements. */
  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "SELECT table_name, row_id, data FROM row_snapshot "
                                      "WHERE owner = ?1 AND owner_id = ?2 ORDER BY id",
                                      error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, owner_id);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        Snapshot snapshot = {
          .label = g_strdup (_rapport_store_column_text (stmt, 0)),
          .row_id = sqlite3_column_int64 (stmt, 1),
          .data = g_strdup (_rapport_store_column_text (stmt, 2)),
        };

        g_array_append_val (snapshots, snapshot);
      }

    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the previous values"));
        return FALSE;
      }
  }

  for (guint i = 0; i < snapshots->len; i++)
    {
      Snapshot *snapshot = &g_array_index (snapshots, Snapshot, i);
      g_autoptr (JsonNode) root = json_from_string (snapshot->data, NULL);

      if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
        {
          set_damaged_error (error);
          return FALSE;
        }

      if (!func (db, snapshot->label, snapshot->row_id, json_node_get_array (root), user_data, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_rapport_row_snapshot_update (RapportDatabase     *db,
                              const char          *table,
                              JsonObject          *row,
                              const char * const  *skip,
                              GError             **error)
{
  g_autoptr (GList) members = json_object_get_members (row);
  g_autoptr (GString) sql = g_string_new ("UPDATE ");
  g_autoptr (RapportStatement) stmt = NULL;
  int index = 1;

  if (!json_object_has_member (row, "id") || !is_identifier (table))
    {
      set_damaged_error (error);
      return FALSE;
    }

  g_string_append_printf (sql, "%s SET ", table);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (strcmp (l->data, "id") == 0 || is_skipped (l->data, skip))
        continue;
      if (!is_identifier (l->data))
        {
          set_damaged_error (error);
          return FALSE;
        }
      g_string_append_printf (sql, "%s%s = ?%d", index > 1 ? ", " : "", (const char *) l->data, index);
      index++;
    }
  if (index == 1)
    return TRUE;
  g_string_append_printf (sql, " WHERE id = ?%d", index);

  stmt = _rapport_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  index = 1;
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (strcmp (l->data, "id") == 0 || is_skipped (l->data, skip))
        continue;
      bind_node (stmt, index++, json_object_get_member (row, l->data));
    }
  bind_node (stmt, index, json_object_get_member (row, "id"));

  return _rapport_database_step_done (db, stmt, _("Could not restore the previous values"), error);
}

gboolean
_rapport_row_snapshot_insert (RapportDatabase     *db,
                              const char          *table,
                              JsonObject          *row,
                              const char * const  *skip,
                              GError             **error)
{
  g_autoptr (GList) members = json_object_get_members (row);
  g_autoptr (GString) columns = g_string_new (NULL);
  g_autoptr (GString) values = g_string_new (NULL);
  g_autofree char *sql = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int index = 1;

  if (!is_identifier (table))
    {
      set_damaged_error (error);
      return FALSE;
    }

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (is_skipped (l->data, skip))
        continue;
      if (!is_identifier (l->data))
        {
          set_damaged_error (error);
          return FALSE;
        }
      g_string_append_printf (columns, "%s%s", index > 1 ? ", " : "", (const char *) l->data);
      g_string_append_printf (values, "%s?%d", index > 1 ? ", " : "", index);
      index++;
    }

  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table, columns->str, values->str);
  stmt = _rapport_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  index = 1;
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (is_skipped (l->data, skip))
        continue;
      bind_node (stmt, index++, json_object_get_member (row, l->data));
    }

  return _rapport_database_step_done (db, stmt, _("Could not restore the previous values"), error);
}
