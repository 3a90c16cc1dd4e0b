/* rapport-order-repository.c
 *
 * Orders: what a customer bought, in integer minor units of a currency.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-order-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date.h"
#include "rapport-money.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

#define ORDER_COLUMNS \
  "id, uuid, customer_id, ordered_on, amount, currency, description, created_at, updated_at, deleted_at"

static gboolean
check_order (RapportDatabase  *db,
             RapportOrder     *order,
             char            **ordered_on,
             char            **currency,
             GError          **error)
{
  const char *date = rapport_order_get_ordered_on (order);
  g_autofree char *code = g_ascii_strup (rapport_order_get_currency (order) != NULL
                                         ? rapport_order_get_currency (order) : "", -1);

  g_strstrip (code);

  if (rapport_order_get_amount (order) < 0)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("The amount cannot be below zero"));
      return FALSE;
    }

  if (!rapport_currency_is_valid (code))
    {
      g_autofree char *shown = rapport_text_truncate (rapport_order_get_currency (order), 20);

      if (shown[0] == '\0')
        g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                             _("Choose the currency of the order"));
      else
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                     _("“%s” is not a currency code (three letters, such as CNY)"), shown);
      return FALSE;
    }

  if (date == NULL || date[0] == '\0')
    {
      *ordered_on = rapport_date_today (rapport_database_get_clock (db));
    }
  else
    {
      if (!_rapport_store_check_date (date, _("Order date"), TRUE, error))
        return FALSE;
      *ordered_on = g_strdup (date);
    }

  *currency = g_steal_pointer (&code);
  return TRUE;
}

static void
bind_order (sqlite3_stmt  *stmt,
            RapportOrder  *order,
            const char    *ordered_on,
            const char    *currency)
{
  sqlite3_bind_int64 (stmt, 2, rapport_order_get_customer_id (order));
  sqlite3_bind_text (stmt, 3, ordered_on, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, rapport_order_get_amount (order));
  sqlite3_bind_text (stmt, 5, currency, -1, SQLITE_STATIC);
  _rapport_store_bind_text (stmt, 6, rapport_order_get_description (order));
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
    _rapport_database_set_error (error, handle, _("Could not save the order"));
}

/**
 * rapport_store_insert_order:
 * @order: the order, customer-id set; an empty ordered-on means today. On
 *   success id, uuid, times, ordered-on and the upper-case currency are set.
 */
gboolean
rapport_store_insert_order (RapportDatabase  *db,
                            RapportOrder     *order,
                            GError          **error)
{
  char uuid[RAPPORT_UUID_LEN];
  g_autofree char *ordered_on = NULL;
  g_autofree char *currency = NULL;
  gint64 customer_id;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_ORDER (order), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  customer_id = rapport_order_get_customer_id (order);
  _rapport_store_new_uuid (uuid);

  if (!_rapport_database_check_writable (db, error) ||
      !check_order (db, order, &ordered_on, &currency, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO orders (uuid, customer_id, ordered_on, amount, currency, "
                                      "  description, created_at, updated_at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    bind_order (stmt, order, ordered_on, currency);
    sqlite3_bind_int64 (stmt, 7, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, customer_id, error);
        goto fail;
      }

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_ORDER, id, customer_id, RAPPORT_CHANGE_INSERTED);

  rapport_order_set_id (order, id);
  rapport_order_set_uuid (order, uuid);
  rapport_order_set_ordered_on (order, ordered_on);
  rapport_order_set_currency (order, currency);
  rapport_order_set_created_at (order, now);
  rapport_order_set_updated_at (order, now);
  rapport_order_set_deleted_at (order, 0);

  if (!_rapport_database_commit (db, error))
    {
      rapport_order_set_id (order, 0);
      goto fail;
    }

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static gboolean
read_order_customer (RapportDatabase  *db,
                     gint64            id,
                     gint64           *customer_id,
                     GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT customer_id FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_ORDER, id);
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the order"));
      return FALSE;
    }

  *customer_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
rapport_store_update_order (RapportDatabase  *db,
                            RapportOrder     *order,
                            GError          **error)
{
  g_autofree char *ordered_on = NULL;
  g_autofree char *currency = NULL;
  gint64 old_customer_id = 0;
  gint64 customer_id;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_ORDER (order), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_order_get_id (order);
  customer_id = rapport_order_get_customer_id (order);

  if (!_rapport_database_check_writable (db, error) ||
      !check_order (db, order, &ordered_on, &currency, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!read_order_customer (db, id, &old_customer_id, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE orders SET customer_id = ?2, ordered_on = ?3, amount = ?4, "
                                      "  currency = ?5, description = ?6, updated_at = ?7 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    bind_order (stmt, order, ordered_on, currency);
    sqlite3_bind_int64 (stmt, 7, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, customer_id, error);
        goto fail;
      }
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_ORDER, id, customer_id, RAPPORT_CHANGE_UPDATED);
  /* Moved to another customer: gone from the first one's orders. */
  if (old_customer_id != customer_id)
    _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_ORDER, id, old_customer_id, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_order_set_ordered_on (order, ordered_on);
  rapport_order_set_currency (order, currency);
  rapport_order_set_updated_at (order, now);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static gboolean
set_order_deleted (RapportDatabase  *db,
                   gint64            id,
                   gboolean          deleted,
                   GError          **error)
{
  return _rapport_store_set_trashed (db, "orders", RAPPORT_ENTITY_KIND_ORDER, id, deleted, NULL, error);
}

gboolean
rapport_store_trash_order (RapportDatabase  *db,
                           gint64            id,
                           GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_order_deleted (db, id, TRUE, error);
}

gboolean
rapport_store_restore_order (RapportDatabase  *db,
                             gint64            id,
                             GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_order_deleted (db, id, FALSE, error);
}

/**
 * rapport_store_list_orders:
 *
 * Returns: (transfer full): a #GListModel of the customer's #RapportOrder not
 *   in the Trash, newest first
 */
GListModel *
rapport_store_list_orders (RapportDatabase  *db,
                           gint64            customer_id,
                           GError          **error)
{
  g_autoptr (GListStore) store = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT " ORDER_COLUMNS " FROM orders "
                                    "WHERE customer_id = ?1 AND deleted_at IS NULL "
                                    "ORDER BY ordered_on DESC, id DESC",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);

  store = g_list_store_new (RAPPORT_TYPE_ORDER);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportOrder) order = rapport_order_new ();

      rapport_order_set_id (order, sqlite3_column_int64 (stmt, 0));
      rapport_order_set_uuid (order, _rapport_store_column_text (stmt, 1));
      rapport_order_set_customer_id (order, sqlite3_column_int64 (stmt, 2));
      rapport_order_set_ordered_on (order, _rapport_store_column_text (stmt, 3));
      rapport_order_set_amount (order, sqlite3_column_int64 (stmt, 4));
      rapport_order_set_currency (order, _rapport_store_column_text (stmt, 5));
      rapport_order_set_description (order, _rapport_store_column_text (stmt, 6));
      rapport_order_set_created_at (order, sqlite3_column_int64 (stmt, 7));
      rapport_order_set_updated_at (order, sqlite3_column_int64 (stmt, 8));
      rapport_order_set_deleted_at (order, sqlite3_column_int64 (stmt, 9));
      g_list_store_append (store, order);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the orders"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}
