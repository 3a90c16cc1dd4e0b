/* rapport-export-pass.c
 *
 * The book read for an export: customers in the list's name order with
 * their phones, e-mails, tags and contacts, a chunk of customers at a time,
 * each chunk in four ordered reads joined here (never a query per
 * customer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-export-pass"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-import-store.h"
#include "rapport-store-private.h"

/* Customers per chunk: enough that each read is worth it, few enough that
 * a chunk's objects stay small. */
#define CHUNK_SIZE 2000

typedef struct
{
  RapportCustomer *customer;
  GPtrArray       *phones;     /* owned strings */
  GPtrArray       *emails;
  GPtrArray       *tags;
  GPtrArray       *contacts;   /* RapportContact */
} Entry;

typedef struct
{
  RapportContact *contact;
  GPtrArray      *phones;
  GPtrArray      *emails;
} ContactEntry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->customer);
  g_ptr_array_unref (entry->phones);
  g_ptr_array_unref (entry->emails);
  g_ptr_array_unref (entry->tags);
  g_ptr_array_unref (entry->contacts);
  g_free (entry);
}

static void
contact_entry_free (gpointer data)
{
  ContactEntry *entry = data;

  g_clear_object (&entry->contact);
  g_ptr_array_unref (entry->phones);
  g_ptr_array_unref (entry->emails);
  g_free (entry);
}

static GPtrArray *
new_strings (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* NULL-terminated view of @strings, for a setter that copies. */
static const char * const *
as_strv (GPtrArray *strings)
{
  g_ptr_array_add (strings, NULL);
  g_ptr_array_set_size (strings, strings->len - 1);
  return (const char * const *) strings->pdata;
}

static char *
ids_to_json (const gint64 *ids,
             guint         n_ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static gboolean
step_failed (RapportDatabase  *db,
             int               rc,
             GError          **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;

  _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the customers"));
  return TRUE;
}

static gboolean
read_contacts (RapportDatabase  *db,
               const char       *json,
               GHashTable       *entries,
               GHashTable       *contacts,
               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT id, uuid, customer_id, name, title, birthday, birthday_lunar, "
                                    "  is_primary, notes, created_at, updated_at, do_not_contact, "
                                    "  do_not_contact_reason "
                                    "FROM contact WHERE customer_id IN (SELECT value FROM json_each (?1)) "
                                    "  AND deleted_at IS NULL "
                                    "ORDER BY customer_id, is_primary DESC, id",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 customer_id = sqlite3_column_int64 (stmt, 2);
      Entry *entry = g_hash_table_lookup (entries, &customer_id);
      ContactEntry *contact_entry;
      RapportContact *contact;

      if (entry == NULL)
        continue;

      contact = rapport_contact_new ();
      rapport_contact_set_id (contact, id);
      rapport_contact_set_uuid (contact, _rapport_store_column_text (stmt, 1));
      rapport_contact_set_customer_id (contact, customer_id);
      rapport_contact_set_name (contact, _rapport_store_column_text (stmt, 3));
      rapport_contact_set_title (contact, _rapport_store_column_text (stmt, 4));
      rapport_contact_set_birthday (contact, _rapport_store_column_text (stmt, 5));
      rapport_contact_set_birthday_lunar (contact, sqlite3_column_int (stmt, 6) != 0);
      rapport_contact_set_is_primary (contact, sqlite3_column_int (stmt, 7) != 0);
      rapport_contact_set_notes (contact, _rapport_store_column_text (stmt, 8));
      rapport_contact_set_created_at (contact, sqlite3_column_int64 (stmt, 9));
      rapport_contact_set_updated_at (contact, sqlite3_column_int64 (stmt, 10));
      rapport_contact_set_do_not_contact (contact, sqlite3_column_int (stmt, 11) != 0);
      rapport_contact_set_do_not_contact_reason (contact, _rapport_store_column_text (stmt, 12));

      g_ptr_array_add (entry->contacts, contact);
      contact_entry = g_new0 (ContactEntry, 1);
      contact_entry->contact = g_object_ref (contact);
      contact_entry->phones = new_strings ();
      contact_entry->emails = new_strings ();
      g_hash_table_insert (contacts, g_memdup2 (&id, sizeof id), contact_entry);
    }

  return !step_failed (db, rc, error);
}

static gboolean
read_channels (RapportDatabase  *db,
               const char       *json,
               GHashTable       *entries,
               GHashTable       *contacts,
               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT customer_id, coalesce (contact_id, 0), kind = 'phone', value "
                                    "FROM channel WHERE customer_id IN (SELECT value FROM json_each (?1)) "
                                    "ORDER BY customer_id, contact_id, kind, position",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer_id = sqlite3_column_int64 (stmt, 0);
      gint64 contact_id = sqlite3_column_int64 (stmt, 1);
      gboolean is_phone = sqlite3_column_int (stmt, 2) != 0;
      char *value = g_strdup (_rapport_store_column_text (stmt, 3));

      if (contact_id == 0)
        {
          Entry *entry = g_hash_table_lookup (entries, &customer_id);

          if (entry != NULL)
            {
              g_ptr_array_add (is_phone ? entry->phones : entry->emails, value);
              continue;
            }
        }
      else
        {
          ContactEntry *entry = g_hash_table_lookup (contacts, &contact_id);

          if (entry != NULL)
            {
              g_ptr_array_add (is_phone ? entry->phones : entry->emails, value);
              continue;
            }
        }

      g_free (value);
    }

  return !step_failed (db, rc, error);
}

static gboolean
read_tags (RapportDatabase  *db,
           const char       *json,
           GHashTable       *entries,
           GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT ct.customer_id, t.name FROM customer_tag ct "
                                    "JOIN tag t ON t.id = ct.tag_id "
                                    "WHERE ct.customer_id IN (SELECT value FROM json_each (?1)) "
                                    "ORDER BY ct.customer_id, t.name",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer_id = sqlite3_column_int64 (stmt, 0);
      Entry *entry = g_hash_table_lookup (entries, &customer_id);

      if (entry != NULL)
        g_ptr_array_add (entry->tags, g_strdup (_rapport_store_column_text (stmt, 1)));
    }

  return !step_failed (db, rc, error);
}

/* Reads the customers @ids (live ones only) and calls @func with each, in
 * the order of @ids. Sets @stopped when @func returned FALSE. */
static gboolean
export_chunk (RapportDatabase            *db,
              const gint64               *ids,
              guint                       n_ids,
              RapportCustomerExportFunc   func,
              gpointer                    user_data,
              gboolean                   *stopped,
              GError                    **error)
{
  g_autoptr (GHashTable) entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, entry_free);
  g_autoptr (GHashTable) contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           contact_entry_free);
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *json = ids_to_json (ids, n_ids);
  GHashTableIter iter;
  gpointer value;

  rows = _rapport_store_read_customer_rows (db, ids, n_ids, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      RapportCustomer *customer = g_ptr_array_index (rows, i);
      Entry *entry;

      if (rapport_customer_get_deleted_at (customer) != 0)
        continue;

      entry = g_new0 (Entry, 1);
      entry->customer = g_object_ref (customer);
      entry->phones = new_strings ();
      entry->emails = new_strings ();
      entry->tags = new_strings ();
      entry->contacts = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (entries, g_memdup2 (&(gint64) { rapport_customer_get_id (customer) }, sizeof (gint64)),
                           entry);
    }

  if (!read_contacts (db, json, entries, contacts, error) ||
      !read_channels (db, json, entries, contacts, error) ||
      !read_tags (db, json, entries, error))
    return FALSE;

  g_hash_table_iter_init (&iter, contacts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ContactEntry *entry = value;

      rapport_contact_set_phones (entry->contact, as_strv (entry->phones));
      rapport_contact_set_emails (entry->contact, as_strv (entry->emails));
    }

  for (guint i = 0; i < n_ids; i++)
    {
      Entry *entry = g_hash_table_lookup (entries, &ids[i]);

      if (entry == NULL)
        continue;

      rapport_customer_set_phones (entry->customer, as_strv (entry->phones));
      rapport_customer_set_emails (entry->customer, as_strv (entry->emails));
      rapport_customer_set_tags (entry->customer, as_strv (entry->tags));

      if (!func (entry->customer, entry->contacts, user_data))
        {
          *stopped = TRUE;
          return TRUE;
        }
    }

  return TRUE;
}

static GArray *
read_live_ids (RapportDatabase  *db,
               GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT id FROM customer WHERE deleted_at IS NULL ORDER BY sort_key, id",
                                    error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (step_failed (db, rc, error))
    return NULL;

  return g_steal_pointer (&ids);
}

static gboolean
export_all (RapportDatabase            *db,
            const gint64               *ids,
            guint                       n_ids,
            GCancellable               *cancellable,
            RapportCustomerExportFunc   func,
            gpointer                    user_data,
            GError                    **error)
{
  g_autoptr (GArray) live = NULL;
  gboolean stopped = FALSE;

  if (ids == NULL)
    {
      live = read_live_ids (db, error);
      if (live == NULL)
        return FALSE;
      ids = (const gint64 *) live->data;
      n_ids = live->len;
    }

  for (guint start = 0; start < n_ids && !stopped; start += CHUNK_SIZE)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!export_chunk (db, ids + start, MIN (CHUNK_SIZE, n_ids - start), func, user_data, &stopped, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * rapport_store_foreach_customer_with_contacts:
 *
 * See rapport-import-store.h. The whole pass reads one snapshot of the book
 * (one read transaction, which does not hold writers back) when @db is not
 * in a transaction already.
 */
gboolean
rapport_store_foreach_customer_with_contacts (RapportDatabase            *db,
                                              const gint64               *ids,
                                              guint                       n_ids,
                                              GCancellable               *cancellable,
                                              RapportCustomerExportFunc   func,
                                              gpointer                    user_data,
                                              GError                    **error)
{
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  own_transaction = !_rapport_database_in_transaction (db) &&
                    sqlite3_get_autocommit (_rapport_database_get_handle (db));
  if (own_transaction && !_rapport_database_exec (db, "BEGIN DEFERRED", error))
    return FALSE;

  ok = export_all (db, ids, n_ids, cancellable, func, user_data, error);

  if (own_transaction)
    _rapport_database_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL);

  return ok;
}
