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

/* Contacts, interactions and orders of a customer in the Trash are not listed
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
    case RAPPORT_ENTITY_KIND_TAG:
    case RAPPORT_ENTITY_KIND_USER:
    default:
      return _rapport_store_not_found (error, kind, id);
    }
}

typedef struct
{
  gint64 id;
  gint64 customer_id;
} Row;

static GArray *
select_rows (RapportDatabase  *db,
             const char       *sql,
             GError          **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

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

static void
queue_rows (RapportDatabase    *db,
            GArray             *rows,
            RapportEntityKind   kind)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      _rapport_database_queue_change (db, kind, row->id, RAPPORT_CHANGE_DELETED);
      if (kind != RAPPORT_ENTITY_KIND_CUSTOMER)
        _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, row->customer_id,
                                        RAPPORT_CHANGE_UPDATED);
    }
}

static gboolean
empty_trash (RapportDatabase  *db,
             GError          **error)
{
  g_autoptr (GArray) customers = NULL;
  g_autoptr (GArray) contacts = NULL;
  g_autoptr (GArray) interactions = NULL;
  g_autoptr (GArray) orders = NULL;

  customers = select_rows (db, "SELECT id, id FROM customer WHERE deleted_at IS NOT NULL", error);
  if (customers == NULL)
    return FALSE;
  contacts = select_rows (db,
                          "SELECT ct.id, ct.customer_id FROM contact ct "
                          "CROSS JOIN customer c ON c.id = ct.customer_id "
                          "WHERE ct.deleted_at IS NOT NULL AND c.deleted_at IS NULL",
                          error);
  if (contacts == NULL)
    return FALSE;
  interactions = select_rows (db,
                              "SELECT i.id, i.customer_id FROM interaction i "
                              "CROSS JOIN customer c ON c.id = i.customer_id "
                              "WHERE i.deleted_at IS NOT NULL AND c.deleted_at IS NULL",
                              error);
  if (interactions == NULL)
    return FALSE;
  orders = select_rows (db,
                        "SELECT o.id, o.customer_id FROM orders o "
                        "CROSS JOIN customer c ON c.id = o.customer_id "
                        "WHERE o.deleted_at IS NOT NULL AND c.deleted_at IS NULL",
                        error);
  if (orders == NULL)
    return FALSE;

  /* The search index forgets rows before they go. */
  for (guint i = 0; i < customers->len; i++)
    if (!_rapport_search_index_delete_customer (db, g_array_index (customers, Row, i).id, error))
      return FALSE;

  for (guint i = 0; i < contacts->len; i++)
    if (!_rapport_search_index_delete_contact (db, g_array_index (contacts, Row, i).id, error))
      return FALSE;

  /* Interactions outlive a contact deleted for good, without their contact.
   * Those of customers deleted for good go with the customer. */
  if (contacts->len > 0 &&
      !_rapport_database_exec (db,
                               "UPDATE interaction SET contact_id = NULL WHERE contact_id IN "
                               "  (SELECT id FROM contact WHERE deleted_at IS NOT NULL)",
                               error))
    return FALSE;

  /* Foreign keys take each customer's contacts, channels, interactions,
   * orders and tag links with it. */
  if (!_rapport_database_exec (db,
                               "DELETE FROM interaction WHERE deleted_at IS NOT NULL;"
                               "DELETE FROM orders WHERE deleted_at IS NOT NULL;"
                               "DELETE FROM contact WHERE deleted_at IS NOT NULL;"
                               "DELETE FROM customer WHERE deleted_at IS NOT NULL;",
                               error))
    return FALSE;

  if (!_rapport_store_remove_unused_tags (db, error))
    return FALSE;

  queue_rows (db, customers, RAPPORT_ENTITY_KIND_CUSTOMER);
  queue_rows (db, contacts, RAPPORT_ENTITY_KIND_CONTACT);
  queue_rows (db, interactions, RAPPORT_ENTITY_KIND_INTERACTION);
  queue_rows (db, orders, RAPPORT_ENTITY_KIND_ORDER);

  return TRUE;
}

/**
 * rapport_store_empty_trash:
 *
 * Deletes for good everything in the Trash, with what depends on it.
 */
gboolean
rapport_store_empty_trash (RapportDatabase  *db,
                           GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if (!empty_trash (db, error) ||
      !_rapport_database_commit (db, error))
    {
      _rapport_database_rollback (db, NULL);
      return FALSE;
    }

  return TRUE;
}
