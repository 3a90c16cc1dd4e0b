/* rapport-trash.c
 *
 * The Trash: rows whose deleted_at is set, listed, restored, or deleted for
 * good with everything that depends on them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-trash"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-money.h"
#include "rapport-search-index-private.h"
#include "rapport-store-private.h"
#include "rapport-trash-item.h"

/* Contacts, interactions, orders, follow-ups, opportunities and service requests of a customer in the
 * Trash are not listed
 * on their own: they come back with their customer.
 *
 * Every part is driven by the partial index of the trashed rows (few) and
 * looks their customer up, never the other way round (the planner would
 * otherwise walk every live customer): CROSS JOIN fixes the order. */
static const char list_sql[] =
  "SELECT ?1, id, name, code, deleted_at, NULL, NULL FROM customer "
  "  WHERE deleted_at IS NOT NULL "
  "UNION ALL "
  "SELECT ?2, ct.id, ct.name, c.name, ct.deleted_at, NULL, NULL FROM contact ct "
  "  CROSS JOIN customer c ON c.id = ct.customer_id "
  "  WHERE ct.deleted_at IS NOT NULL AND c.deleted_at IS NULL "
  "UNION ALL "
  "SELECT ?3, i.id, i.summary, c.name, i.deleted_at, i.kind, NULL FROM interaction i "
  "  CROSS JOIN customer c ON c.id = i.customer_id "
  "  WHERE i.deleted_at IS NOT NULL AND c.deleted_at IS NULL "
  "UNION ALL "
  "SELECT ?4, o.id, o.description, c.name, o.deleted_at, o.currency, o.amount FROM orders o "
  "  CROSS JOIN customer c ON c.id = o.customer_id "
  "  WHERE o.deleted_at IS NOT NULL AND c.deleted_at IS NULL "
  "UNION ALL "
  "SELECT ?5, f.id, f.title, c.name, f.deleted_at, NULL, NULL FROM follow_up f "
  "  CROSS JOIN customer c ON c.id = f.customer_id "
  "  WHERE f.deleted_at IS NOT NULL AND c.deleted_at IS NULL "
  "UNION ALL "
  "SELECT ?6, op.id, op.title, c.name, op.deleted_at, NULL, NULL FROM opportunity op "
  "  CROSS JOIN customer c ON c.id = op.customer_id "
  "  WHERE op.deleted_at IS NOT NULL AND c.deleted_at IS NULL "
  "UNION ALL "
  "SELECT ?7, sr.id, sr.summary, c.name, sr.deleted_at, NULL, NULL FROM service_request sr "
  "  CROSS JOIN customer c ON c.id = sr.customer_id "
  "  WHERE sr.deleted_at IS NOT NULL AND c.deleted_at IS NULL "
  "ORDER BY 5 DESC, 2 DESC";

static RapportTrashItem *
item_from_row (sqlite3_stmt *stmt)
{
  RapportEntityKind kind = sqlite3_column_int (stmt, 0);
  gint64 id = sqlite3_column_int64 (stmt, 1);
  const char *title = _rapport_store_column_text (stmt, 2);
  const char *subtitle = _rapport_store_column_text (stmt, 3);
  gint64 deleted_at = sqlite3_column_int64 (stmt, 4);
  const char *extra = _rapport_store_column_text (stmt, 5);

  if (kind == RAPPORT_ENTITY_KIND_INTERACTION)
    {
      RapportInteractionKind interaction_kind = RAPPORT_INTERACTION_KIND_NOTE;

      /* An interaction without a summary is named by its kind ("Call"). */
      if (title == NULL || title[0] == '\0')
        {
          rapport_interaction_kind_from_string (extra, &interaction_kind);
          title = rapport_interaction_kind_get_label (interaction_kind);
        }
    }
  else if (kind == RAPPORT_ENTITY_KIND_ORDER)
    {
      g_autofree char *amount = rapport_money_format (sqlite3_column_int64 (stmt, 6), extra);
      g_autofree char *full_title = NULL;

      if (title != NULL && title[0] != '\0')
        /* Translators: an order in the Trash: its amount, then its description */
        full_title = g_strdup_printf (_("%s — %s"), amount, title);
      else
        full_title = g_steal_pointer (&amount);

      return rapport_trash_item_new (kind, id, full_title, subtitle, deleted_at);
    }

  return rapport_trash_item_new (kind, id, title, subtitle, deleted_at);
}

/**
 * rapport_store_list_trash:
 *
 * Returns: (transfer full): a #GListModel of #RapportTrashItem, most recently
 *   deleted first
 */
GListModel *
rapport_store_list_trash (RapportDatabase  *db,
                          GError          **error)
{
  g_autoptr (GListStore) store = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, list_sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, RAPPORT_ENTITY_KIND_CUSTOMER);
  sqlite3_bind_int (stmt, 2, RAPPORT_ENTITY_KIND_CONTACT);
  sqlite3_bind_int (stmt, 3, RAPPORT_ENTITY_KIND_INTERACTION);
  sqlite3_bind_int (stmt, 4, RAPPORT_ENTITY_KIND_ORDER);
  sqlite3_bind_int (stmt, 5, RAPPORT_ENTITY_KIND_FOLLOW_UP);
  sqlite3_bind_int (stmt, 6, RAPPORT_ENTITY_KIND_OPPORTUNITY);
  sqlite3_bind_int (stmt, 7, RAPPORT_ENTITY_KIND_SERVICE_REQUEST);

  store = g_list_store_new (RAPPORT_TYPE_TRASH_ITEM);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportTrashItem) item = item_from_row (stmt);
      g_list_store_append (store, item);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the Trash"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

gboolean
rapport_store_restore_trash_item (RapportDatabase    *db,
                                  RapportEntityKind   kind,
                                  gint64              id,
                                  GError            **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (kind)
    {
    case RAPPORT_ENTITY_KIND_CUSTOMER:
      return rapport_store_restore_customer (db, id, error);
    case RAPPORT_ENTITY_KIND_CONTACT:
      return rapport_store_restore_contact (db, id, error);
    case RAPPORT_ENTITY_KIND_INTERACTION:
      return rapport_store_restore_interaction (db, id, error);
    case RAPPORT_ENTITY_KIND_ORDER:
      return rapport_store_restore_order (db, id, error);
    case RAPPORT_ENTITY_KIND_FOLLOW_UP:
      return rapport_store_restore_follow_up (db, id, error);
    case RAPPORT_ENTITY_KIND_OPPORTUNITY:
      return rapport_store_restore_opportunity (db, id, error);
    case RAPPORT_ENTITY_KIND_SERVICE_REQUEST:
      return rapport_store_restore_service_request (db, id, error);
    case RAPPORT_ENTITY_KIND_TAG:
    case RAPPORT_ENTITY_KIND_USER:
    default:
      return _rapport_store_not_found (error, kind, id);
    }
}

/* Emptying the Trash deletes this many rows (a customer counting as one,
 * with everything it holds) per transaction: a user's write never waits
 * behind a long one. */
#define EMPTY_CHUNK 64

/* What a chunk deletes, by kind: the trashed rows up to the time emptying
 * began (?2), at most ?1 of them; the contacts, interactions and orders of
 * customers in the Trash go with their customer. Each is driven by its
 * partial index of trashed rows. */
static const struct
{
  RapportEntityKind kind;
  const char       *select_sql;
  const char       *delete_sql;
} chunk_kinds[] = {
  { RAPPORT_ENTITY_KIND_CUSTOMER,
    "SELECT id, id FROM customer WHERE deleted_at IS NOT NULL AND deleted_at <= ?2 LIMIT ?1",
    /* Foreign keys take the customer's contacts, channels, interactions,
     * orders, follow-ups and tag links with it. */
    "DELETE FROM customer WHERE id = ?1" },
  { RAPPORT_ENTITY_KIND_CONTACT,
    "SELECT ct.id, ct.customer_id FROM contact ct "
    "CROSS JOIN customer c ON c.id = ct.customer_id "
    "WHERE ct.deleted_at IS NOT NULL AND ct.deleted_at <= ?2 AND c.deleted_at IS NULL LIMIT ?1",
    "DELETE FROM contact WHERE id = ?1" },
  { RAPPORT_ENTITY_KIND_INTERACTION,
    "SELECT i.id, i.customer_id FROM interaction i "
    "CROSS JOIN customer c ON c.id = i.customer_id "
    "WHERE i.deleted_at IS NOT NULL AND i.deleted_at <= ?2 AND c.deleted_at IS NULL LIMIT ?1",
    "DELETE FROM interaction WHERE id = ?1" },
  { RAPPORT_ENTITY_KIND_ORDER,
    "SELECT o.id, o.customer_id FROM orders o "
    "CROSS JOIN customer c ON c.id = o.customer_id "
    "WHERE o.deleted_at IS NOT NULL AND o.deleted_at <= ?2 AND c.deleted_at IS NULL LIMIT ?1",
    "DELETE FROM orders WHERE id = ?1" },
  { RAPPORT_ENTITY_KIND_FOLLOW_UP,
    "SELECT f.id, f.customer_id FROM follow_up f "
    "CROSS JOIN customer c ON c.id = f.customer_id "
    "WHERE f.deleted_at IS NOT NULL AND f.deleted_at <= ?2 AND c.deleted_at IS NULL LIMIT ?1",
    "DELETE FROM follow_up WHERE id = ?1" },
  { RAPPORT_ENTITY_KIND_OPPORTUNITY,
    "SELECT op.id, op.customer_id FROM opportunity op "
    "CROSS JOIN customer c ON c.id = op.customer_id "
    "WHERE op.deleted_at IS NOT NULL AND op.deleted_at <= ?2 AND c.deleted_at IS NULL LIMIT ?1",
    /* Its plan steps and history go with it. */
    "DELETE FROM opportunity WHERE id = ?1" },
  { RAPPORT_ENTITY_KIND_SERVICE_REQUEST,
    "SELECT sr.id, sr.customer_id FROM service_request sr "
    "CROSS JOIN customer c ON c.id = sr.customer_id "
    "WHERE sr.deleted_at IS NOT NULL AND sr.deleted_at <= ?2 AND c.deleted_at IS NULL LIMIT ?1",
    /* Its history goes with it. */
    "DELETE FROM service_request WHERE id = ?1" },
};

typedef struct
{
  gint64 id;
  gint64 customer_id;
} Row;

static GArray *
select_rows (RapportDatabase  *db,
             const char       *sql,
             gint64            cutoff,
             GError          **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, EMPTY_CHUNK);
  sqlite3_bind_int64 (stmt, 2, cutoff);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the Trash"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Deletes @row of @kind for good, inside the caller's transaction. */
static gboolean
delete_row (RapportDatabase    *db,
            RapportEntityKind   kind,
            const char         *delete_sql,
            const Row          *row,
            GError            **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  /* The search index forgets rows before they go. */
  if (kind == RAPPORT_ENTITY_KIND_CUSTOMER &&
      !_rapport_search_index_delete_customer (db, row->id, error))
    return FALSE;

  if (kind == RAPPORT_ENTITY_KIND_CONTACT)
    {
      g_autoptr (RapportStatement) unlink = NULL;

      if (!_rapport_search_index_delete_contact (db, row->id, error))
        return FALSE;

      /* Interactions outlive a contact deleted for good, without it. */
      unlink = _rapport_database_prepare (db, "UPDATE interaction SET contact_id = NULL WHERE contact_id = ?1",
                                          error);
      if (unlink == NULL)
        return FALSE;
      sqlite3_bind_int64 (unlink, 1, row->id);
      if (!_rapport_database_step_done (db, unlink, _("Could not empty the Trash"), error))
        return FALSE;
    }

  stmt = _rapport_database_prepare (db, delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (!_rapport_database_step_done (db, stmt, _("Could not empty the Trash"), error))
    return FALSE;

  _rapport_database_queue_change (db, kind, row->id, row->customer_id, RAPPORT_CHANGE_DELETED);

  return TRUE;
}

/* One transaction deleting up to EMPTY_CHUNK rows of the first kind that
 * still has some. Sets @done when the Trash (up to @cutoff) is empty. */
static gboolean
empty_chunk (RapportDatabase  *db,
             gint64            cutoff,
             gboolean         *done,
             GError          **error)
{
  *done = TRUE;

  if (!_rapport_database_begin (db, error))
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (chunk_kinds); k++)
    {
      g_autoptr (GArray) rows = select_rows (db, chunk_kinds[k].select_sql, cutoff, error);

      if (rows == NULL)
        goto fail;
      if (rows->len == 0)
        continue;

      for (guint i = 0; i < rows->len; i++)
        if (!delete_row (db, chunk_kinds[k].kind, chunk_kinds[k].delete_sql,
                         &g_array_index (rows, Row, i), error))
          goto fail;

      *done = FALSE;
      break;
    }

  if (*done && !_rapport_store_remove_unused_tags (db, error))
    goto fail;

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_empty_trash:
 * @db: a connection, usually a worker's: emptying a big Trash takes a while
 * @cancellable: (nullable): stops between chunks; what was deleted stays deleted
 *
 * Deletes for good everything that was in the Trash when it began, with what
 * depends on it, in short transactions.
 */
gboolean
rapport_store_empty_trash (RapportDatabase  *db,
                           GCancellable     *cancellable,
                           GError          **error)
{
  gint64 cutoff;
  gboolean done = FALSE;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error))
    return FALSE;

  cutoff = _rapport_database_now (db);

  while (!done)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED,
                               _("Emptying the Trash was stopped"));
          return FALSE;
        }

      if (!empty_chunk (db, cutoff, &done, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * rapport_store_trash_is_empty:
 *
 * Returns: whether nothing is in the Trash (one look at each partial index of
 *   trashed rows)
 */
gboolean
rapport_store_trash_is_empty (RapportDatabase *db)
{
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), TRUE);

  stmt = _rapport_database_prepare (db,
                                    "SELECT EXISTS (SELECT 1 FROM customer WHERE deleted_at IS NOT NULL)"
                                    " OR EXISTS (SELECT 1 FROM contact WHERE deleted_at IS NOT NULL)"
                                    " OR EXISTS (SELECT 1 FROM interaction WHERE deleted_at IS NOT NULL)"
                                    " OR EXISTS (SELECT 1 FROM orders WHERE deleted_at IS NOT NULL)"
                                    " OR EXISTS (SELECT 1 FROM follow_up WHERE deleted_at IS NOT NULL)"
                                    " OR EXISTS (SELECT 1 FROM opportunity WHERE deleted_at IS NOT NULL)"
                                    " OR EXISTS (SELECT 1 FROM service_request WHERE deleted_at IS NOT NULL)",
                                    NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  return sqlite3_column_int (stmt, 0) == 0;
}
