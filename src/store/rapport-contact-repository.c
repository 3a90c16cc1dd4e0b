/* rapport-contact-repository.c
 *
 * Contacts: the people at a customer, with their phones and e-mails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-contact-repository"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-pinyin.h"
#include "rapport-search-index-private.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

#define CONTACT_COLUMNS \
  "id, uuid, customer_id, name, title, birthday, birthday_lunar, is_primary, notes, " \
  "created_at, updated_at, deleted_at, do_not_contact, do_not_contact_reason"

typedef struct
{
  char  *name;
  char  *name_match;
  GStrv  phones;
  GStrv  emails;
} ContactValues;

static void
contact_values_clear (ContactValues *values)
{
  g_clear_pointer (&values->name, g_free);
  g_clear_pointer (&values->name_match, g_free);
  g_clear_pointer (&values->phones, g_strfreev);
  g_clear_pointer (&values->emails, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ContactValues, contact_values_clear)

static gboolean
check_contact (RapportDatabase  *db,
               RapportContact   *contact,
               ContactValues    *values,
               GError          **error)
{
  if (!_rapport_store_check_name (rapport_contact_get_name (contact), &values->name, error) ||
      !_rapport_store_check_date (rapport_contact_get_birthday (contact), _("Birthday"), FALSE, error) ||
      !_rapport_store_normalize_phones (db, rapport_contact_get_phones (contact), &values->phones, error) ||
      !_rapport_store_normalize_emails (rapport_contact_get_emails (contact), &values->emails, error))
    return FALSE;

  values->name_match = rapport_name_normalize_for_match (values->name);

  return TRUE;
}

static void
bind_contact (sqlite3_stmt    *stmt,
              RapportContact  *contact,
              ContactValues   *values)
{
  sqlite3_bind_int64 (stmt, 2, rapport_contact_get_customer_id (contact));
  sqlite3_bind_text (stmt, 3, values->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, values->name_match, -1, SQLITE_STATIC);
  _rapport_store_bind_text (stmt, 5, rapport_contact_get_title (contact));
  _rapport_store_bind_text (stmt, 6, rapport_contact_get_birthday (contact));
  sqlite3_bind_int (stmt, 7, rapport_contact_get_birthday_lunar (contact));
  sqlite3_bind_int (stmt, 8, rapport_contact_get_is_primary (contact));
  _rapport_store_bind_text (stmt, 9, rapport_contact_get_notes (contact));
  sqlite3_bind_int (stmt, 11, rapport_contact_get_do_not_contact (contact));
  _rapport_store_bind_text (stmt, 12, rapport_contact_get_do_not_contact (contact)
                                      ? rapport_contact_get_do_not_contact_reason (contact) : NULL);
}

/* Clears the primary flag of the customer's other contacts. */
static gboolean
clear_other_primaries (RapportDatabase  *db,
                       gint64            customer_id,
                       gint64            contact_id,
                       gint64            now,
                       GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "SELECT id FROM contact WHERE customer_id = ?1 AND is_primary AND id != ?2",
                                      error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, customer_id);
    sqlite3_bind_int64 (stmt, 2, contact_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
      }

    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not save the contact"));
        return FALSE;
      }
  }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (RapportStatement) stmt = NULL;
      gint64 id = g_array_index (ids, gint64, i);

      stmt = _rapport_database_prepare (db, "UPDATE contact SET is_primary = 0, updated_at = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, now);
      if (!_rapport_database_step_done (db, stmt, _("Could not save the contact"), error))
        return FALSE;

      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CONTACT, id, customer_id, RAPPORT_CHANGE_UPDATED);
    }

  return TRUE;
}

static gboolean
has_live_primary (RapportDatabase  *db,
                  gint64            customer_id,
                  gboolean         *result,
                  GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT 1 FROM contact WHERE customer_id = ?1 AND is_primary "
                                    "AND deleted_at IS NULL LIMIT 1",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the contacts"));
      return FALSE;
    }

  *result = rc == SQLITE_ROW;
  return TRUE;
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
    _rapport_database_set_error (error, handle, _("Could not save the contact"));
}

static void
apply_values (RapportContact *contact,
              ContactValues  *values)
{
  rapport_contact_set_name (contact, values->name);
  rapport_contact_set_phones (contact, (const char * const *) values->phones);
  rapport_contact_set_emails (contact, (const char * const *) values->emails);
}

/**
 * rapport_store_insert_contact:
 * @contact: the contact to add, with its customer-id set; on success its id,
 *   uuid, times and normalised phones and e-mails are filled in
 *
 * A customer's first contact becomes its primary one.
 */
gboolean
rapport_store_insert_contact (RapportDatabase  *db,
                              RapportContact   *contact,
                              GError          **error)
{
  g_auto (ContactValues) values = { 0 };
  char uuid[RAPPORT_UUID_LEN];
  gint64 customer_id;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  customer_id = rapport_contact_get_customer_id (contact);
  _rapport_store_new_uuid (uuid);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  /* A missing customer is caught by the foreign key. */
  if (!check_contact (db, contact, &values, error))
    goto fail;

  if (!rapport_contact_get_is_primary (contact))
    {
      gboolean has_primary = TRUE;

      if (!has_live_primary (db, customer_id, &has_primary, error))
        goto fail;

      if (!has_primary)
        rapport_contact_set_is_primary (contact, TRUE);
    }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO contact (uuid, customer_id, name, name_match, title, birthday, "
                                      "  birthday_lunar, is_primary, notes, created_at, updated_at, do_not_contact, "
                                      "  do_not_contact_reason) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    bind_contact (stmt, contact, &values);
    sqlite3_bind_int64 (stmt, 10, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, customer_id, error);
        goto fail;
      }

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  if (rapport_contact_get_is_primary (contact) &&
      !clear_other_primaries (db, customer_id, id, now, error))
    goto fail;

  if (!_rapport_store_save_channels (db, customer_id, id,
                                     (const char * const *) values.phones,
                                     (const char * const *) values.emails,
                                     TRUE, NULL, error) ||
      !_rapport_search_index_add_contact (db, id, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CONTACT, id, customer_id, RAPPORT_CHANGE_INSERTED);

  rapport_contact_set_id (contact, id);
  rapport_contact_set_uuid (contact, uuid);
  rapport_contact_set_created_at (contact, now);
  rapport_contact_set_updated_at (contact, now);
  rapport_contact_set_deleted_at (contact, 0);
  apply_values (contact, &values);

  if (!_rapport_database_commit (db, error))
    {
      rapport_contact_set_id (contact, 0);
      goto fail;
    }

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static gboolean
read_contact_customer (RapportDatabase  *db,
                       gint64            contact_id,
                       gint64           *customer_id,
                       GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

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

  *customer_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * rapport_store_update_contact:
 *
 * Saves every field of a contact read from the database. Its customer cannot
 * change.
 */
gboolean
rapport_store_update_contact (RapportDatabase  *db,
                              RapportContact   *contact,
                              GError          **error)
{
  g_auto (ContactValues) values = { 0 };
  gint64 customer_id = 0;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_contact_get_id (contact);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!read_contact_customer (db, id, &customer_id, error) ||
      !check_contact (db, contact, &values, error))
    goto fail;

  /* The row's customer wins over a stale object. */
  rapport_contact_set_customer_id (contact, customer_id);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE contact SET customer_id = ?2, name = ?3, name_match = ?4, title = ?5, "
                                      "  birthday = ?6, birthday_lunar = ?7, is_primary = ?8, notes = ?9, "
                                      "  updated_at = ?10, do_not_contact = ?11, do_not_contact_reason = ?12 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    bind_contact (stmt, contact, &values);
    sqlite3_bind_int64 (stmt, 10, now);

    if (!_rapport_database_step_done (db, stmt, _("Could not save the contact"), error))
      goto fail;
  }

  if (rapport_contact_get_is_primary (contact) &&
      !clear_other_primaries (db, customer_id, id, now, error))
    goto fail;

  if (!_rapport_store_save_channels (db, customer_id, id,
                                     (const char * const *) values.phones,
                                     (const char * const *) values.emails,
                                     FALSE, NULL, error) ||
      !_rapport_search_index_update_contact (db, id, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CONTACT, id, customer_id, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_contact_set_updated_at (contact, now);
  apply_values (contact, &values);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/* The contact's document comes and goes with it. */
static gboolean
reindex_contact (RapportDatabase  *db,
                 gint64            id,
                 gint64            customer_id,
                 GError          **error)
{
  return _rapport_search_index_update_contact (db, id, error);
}

static gboolean
set_contact_deleted (RapportDatabase  *db,
                     gint64            id,
                     gboolean          deleted,
                     GError          **error)
{
  return _rapport_store_set_trashed (db, "contact", RAPPORT_ENTITY_KIND_CONTACT, id, deleted,
                                     reindex_contact, error);
}

gboolean
rapport_store_trash_contact (RapportDatabase  *db,
                             gint64            id,
                             GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_contact_deleted (db, id, TRUE, error);
}

gboolean
rapport_store_restore_contact (RapportDatabase  *db,
                               gint64            id,
                               GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_contact_deleted (db, id, FALSE, error);
}

gboolean
rapport_store_set_primary_contact (RapportDatabase  *db,
                                   gint64            contact_id,
                                   GError          **error)
{
  gint64 customer_id = 0;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!read_contact_customer (db, contact_id, &customer_id, error) ||
      !clear_other_primaries (db, customer_id, contact_id, now, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE contact SET is_primary = 1, updated_at = ?2 "
                                      "WHERE id = ?1 AND NOT is_primary",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, contact_id);
    sqlite3_bind_int64 (stmt, 2, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the contact"), error))
      goto fail;

    if (sqlite3_changes (_rapport_database_get_handle (db)) > 0)
      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CONTACT, contact_id, customer_id, RAPPORT_CHANGE_UPDATED);
  }

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static RapportContact *
contact_from_row (RapportDatabase  *db,
                  sqlite3_stmt     *stmt,
                  GError          **error)
{
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_auto (GStrv) phones = NULL;
  g_auto (GStrv) emails = NULL;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  gint64 customer_id = sqlite3_column_int64 (stmt, 2);

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
  rapport_contact_set_deleted_at (contact, sqlite3_column_int64 (stmt, 11));
  rapport_contact_set_do_not_contact (contact, sqlite3_column_int (stmt, 12) != 0);
  rapport_contact_set_do_not_contact_reason (contact, _rapport_store_column_text (stmt, 13));

  phones = _rapport_store_load_channels (db, customer_id, id, "phone", error);
  if (phones == NULL)
    return NULL;
  emails = _rapport_store_load_channels (db, customer_id, id, "email", error);
  if (emails == NULL)
    return NULL;

  rapport_contact_set_phones (contact, (const char * const *) phones);
  rapport_contact_set_emails (contact, (const char * const *) emails);

  return g_steal_pointer (&contact);
}

/**
 * rapport_store_get_contact:
 *
 * Returns: (transfer full): the contact (also when in the Trash), or %NULL
 *   with %RAPPORT_DATABASE_ERROR_NOT_FOUND
 */
RapportContact *
rapport_store_get_contact (RapportDatabase  *db,
                           gint64            id,
                           GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, "SELECT " CONTACT_COLUMNS " FROM contact WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CONTACT, id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the contact"));
      return NULL;
    }

  return contact_from_row (db, stmt, error);
}

typedef struct
{
  RapportContact *contact;
  GBytes         *key;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *ea = a;
  const SortEntry *eb = b;
  gboolean pa = rapport_contact_get_is_primary (ea->contact);
  gboolean pb = rapport_contact_get_is_primary (eb->contact);
  int cmp;

  if (pa != pb)
    return pa ? -1 : 1;

  cmp = g_bytes_compare (ea->key, eb->key);
  if (cmp != 0)
    return cmp;

  return rapport_contact_get_id (ea->contact) < rapport_contact_get_id (eb->contact) ? -1 : 1;
}

/**
 * rapport_store_list_contacts:
 *
 * Returns: (transfer full): a #GListModel of the customer's #RapportContact
 *   not in the Trash, the primary one first, then by name (pinyin order)
 */
GListModel *
rapport_store_list_contacts (RapportDatabase  *db,
                             gint64            customer_id,
                             GError          **error)
{
  g_autoptr (GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));
  GListStore *store;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "SELECT " CONTACT_COLUMNS " FROM contact "
                                      "WHERE customer_id = ?1 AND deleted_at IS NULL",
                                      error);
    if (stmt == NULL)
      return NULL;

    sqlite3_bind_int64 (stmt, 1, customer_id);

    /* Rows are collected first: reading a contact's phones runs other
     * statements, which is fine while this one is stepping. */
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        RapportContact *contact = contact_from_row (db, stmt, error);

        if (contact == NULL)
          return NULL;
        g_ptr_array_add (contacts, contact);
      }

    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the contacts"));
        return NULL;
      }
  }

  for (guint i = 0; i < contacts->len; i++)
    {
      SortEntry entry;

      entry.contact = g_ptr_array_index (contacts, i);
      entry.key = rapport_person_sort_key (rapport_contact_get_name (entry.contact));
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);

  store = g_list_store_new (RAPPORT_TYPE_CONTACT);
  for (guint i = 0; i < entries->len; i++)
    {
      SortEntry *entry = &g_array_index (entries, SortEntry, i);

      g_list_store_append (store, entry->contact);
      g_bytes_unref (entry->key);
    }

  return G_LIST_MODEL (store);
}
