/* rapport-import-repository.c
 *
 * Imports: the writer that creates and merges customers in one transaction,
 * the matching of incoming customers against the book, the history and the
 * exact undo (see migration 8 for what is recorded). The search index of
 * the customers an import creates is written at its end, in one ordered
 * pass (_rapport_search_index_defer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-import-repository"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-customer-code.h"
#include "rapport-email.h"
#include "rapport-import-store.h"
#include "rapport-phone.h"
#include "rapport-row-snapshot-private.h"
#include "rapport-search-index-private.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

#define CUSTOMER_SNAPSHOT_SQL "SELECT * FROM customer WHERE id = ?1"
#define CONTACT_SNAPSHOT_SQL  "SELECT * FROM contact WHERE id = ?1"

struct _RapportImportWriter
{
  RapportDatabase *db;
  gint64           import_id;
  /* Every row inserted in the import's transaction has a greater id than
   * these (no other connection writes meanwhile), so the rows it created
   * are marked in one statement at the end. */
  gint64           last_customer_id;
  gint64           last_contact_id;
  GHashTable      *merged;        /* customer ids merged into */
  guint            n_created;
  guint            n_skipped;
  guint            n_contacts;
  gboolean         open;
};

/* Matching */

/* The first live customer owning @value (of @kind) itself or through a live
 * contact, the customer's own before a contact's. */
static gboolean
match_channel (RapportDatabase  *db,
               const char       *kind,
               const char       *value,
               gint64           *customer_id,
               gint64           *contact_id,
               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  /* Most values of an import are new: the index alone says so, without
   * the joins and the sort of the owners. */
  {
    g_autoptr (RapportStatement) probe = NULL;

    probe = _rapport_database_prepare (db, "SELECT 1 FROM channel WHERE kind = ?1 AND value = ?2 LIMIT 1",
                                       error);
    if (probe == NULL)
      return FALSE;
    sqlite3_bind_text (probe, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text (probe, 2, value, -1, SQLITE_STATIC);

    rc = sqlite3_step (probe);
    if (rc == SQLITE_DONE)
      return TRUE;
    if (rc != SQLITE_ROW)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not look for duplicates"));
        return FALSE;
      }
  }

  stmt = _rapport_database_prepare (db,
                                    "SELECT ch.customer_id, coalesce (ch.contact_id, 0) FROM channel ch "
                                    "JOIN customer c ON c.id = ch.customer_id "
                                    "LEFT JOIN contact k ON k.id = ch.contact_id "
                                    "WHERE ch.kind = ?1 AND ch.value = ?2 AND c.deleted_at IS NULL "
                                    "  AND (ch.contact_id IS NULL OR k.deleted_at IS NULL) "
                                    "ORDER BY ch.contact_id IS NOT NULL, ch.customer_id, ch.contact_id "
                                    "LIMIT 1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *customer_id = sqlite3_column_int64 (stmt, 0);
      *contact_id = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not look for duplicates"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
match_one (RapportDatabase  *db,
           const char       *sql,
           const char       *value,
           gint64           *customer_id,
           GError          **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);

  return _rapport_database_step_int64 (db, stmt, _("Could not look for duplicates"), customer_id, error);
}

/**
 * rapport_store_match_customer:
 *
 * See rapport-import-store.h. Phones and e-mails that do not normalise match
 * nothing (the import reports them on its own).
 */
gint64
rapport_store_match_customer (RapportDatabase     *db,
                              const char          *code,
                              const char          *name,
                              const char * const  *phones,
                              const char * const  *emails,
                              RapportMatchReason  *out_reason,
                              gint64              *out_contact_id,
                              GError             **error)
{
  const char *country;
  gint64 customer_id = 0;
  gint64 contact_id = 0;
  RapportMatchReason reason = RAPPORT_MATCH_NONE;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  country = rapport_database_get_default_country_code (db);

  if (code != NULL)
    {
      g_autofree char *trimmed = rapport_customer_code_normalize (code);

      if (trimmed[0] != '\0')
        {
          if (!match_one (db, "SELECT id FROM customer WHERE code = ?1 AND deleted_at IS NULL",
                          trimmed, &customer_id, error))
            return 0;
          if (customer_id != 0)
            reason = RAPPORT_MATCH_CODE;
        }
    }

  for (guint i = 0; customer_id == 0 && phones != NULL && phones[i] != NULL; i++)
    {
      g_autofree char *normalized = NULL;

      if (_rapport_store_is_blank (phones[i]) ||
          !rapport_phone_normalize (phones[i], country, &normalized, NULL))
        continue;
      if (!match_channel (db, "phone", normalized, &customer_id, &contact_id, error))
        return 0;
      if (customer_id != 0)
        reason = RAPPORT_MATCH_PHONE;
    }

  for (guint i = 0; customer_id == 0 && emails != NULL && emails[i] != NULL; i++)
    {
      g_autofree char *normalized = NULL;

      if (_rapport_store_is_blank (emails[i]) ||
          !rapport_email_normalize (emails[i], &normalized, NULL))
        continue;
      if (!match_channel (db, "email", normalized, &customer_id, &contact_id, error))
        return 0;
      if (customer_id != 0)
        reason = RAPPORT_MATCH_EMAIL;
    }

  if (customer_id == 0 && !_rapport_store_is_blank (name))
    {
      g_autofree char *key = rapport_name_normalize_for_match (name);

      if (key[0] != '\0')
        {
          if (!match_one (db,
                          "SELECT id FROM customer WHERE name_match = ?1 AND deleted_at IS NULL "
                          "ORDER BY id LIMIT 1",
                          key, &customer_id, error))
            return 0;
          if (customer_id != 0)
            reason = RAPPORT_MATCH_NAME;
        }
    }

  if (out_reason != NULL)
    *out_reason = reason;
  if (out_contact_id != NULL)
    *out_contact_id = customer_id != 0 ? contact_id : 0;

  return customer_id;
}

/* Writing */

static gboolean
read_max_id (RapportDatabase  *db,
             const char       *sql,
             gint64           *out,
             GError          **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  return _rapport_database_step_int64 (db, stmt, _("Could not start the import"), out, error);
}

/**
 * rapport_import_writer_begin:
 * @db: a worker connection, not in a transaction
 * @file_name: the file's display name, for the history
 * @format: "csv", "xlsx", "xls" or "vcard"
 *
 * Returns: (transfer full): the writer, its transaction begun, or %NULL
 */
RapportImportWriter *
rapport_import_writer_begin (RapportDatabase  *db,
                             const char       *file_name,
                             const char       *format,
                             GError          **error)
{
  g_autoptr (RapportImportWriter) writer = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return NULL;

  writer = g_new0 (RapportImportWriter, 1);
  writer->db = g_object_ref (db);
  writer->merged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  writer->open = TRUE;
  _rapport_search_index_defer (db);

  if (!read_max_id (db, "SELECT coalesce (max (id), 0) FROM customer", &writer->last_customer_id, error) ||
      !read_max_id (db, "SELECT coalesce (max (id), 0) FROM contact", &writer->last_contact_id, error))
    return NULL;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO import_run (file_name, format, imported_at) VALUES (?1, ?2, ?3)",
                                      error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, file_name, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, format, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 3, _rapport_database_now (db));
    if (!_rapport_database_step_done (db, stmt, _("Could not start the import"), error))
      return NULL;

    writer->import_id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  return g_steal_pointer (&writer);
}

/* A contact checked as the repository will, before anything of its
 * customer is written: a failure after a write would spoil the whole
 * import's transaction. */
static gboolean
check_contact (RapportDatabase  *db,
               RapportContact   *contact,
               GError          **error)
{
  g_autofree char *name = NULL;
  g_auto (GStrv) phones = NULL;
  g_auto (GStrv) emails = NULL;

  return _rapport_store_check_name (rapport_contact_get_name (contact), &name, error) &&
         _rapport_store_check_date (rapport_contact_get_birthday (contact), _("Birthday"), FALSE, error) &&
         _rapport_store_normalize_phones (db, rapport_contact_get_phones (contact), &phones, error) &&
         _rapport_store_normalize_emails (rapport_contact_get_emails (contact), &emails, error);
}

static gboolean
check_contacts (RapportDatabase  *db,
                GPtrArray        *contacts,
                GError          **error)
{
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    if (!check_contact (db, g_ptr_array_index (contacts, i), error))
      return FALSE;

  return TRUE;
}

/* A code in use is a problem of the row, like any invalid field. */
static void
code_error_to_invalid (GError *error)
{
  if (error != NULL && g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_DUPLICATE_CODE))
    error->code = RAPPORT_DATABASE_ERROR_INVALID;
}

static gboolean
insert_contact (RapportImportWriter  *writer,
                gint64                customer_id,
                RapportContact       *contact,
                GError              **error)
{
  rapport_contact_set_customer_id (contact, customer_id);
  if (!rapport_store_insert_contact (writer->db, contact, error))
    return FALSE;

  writer->n_contacts++;
  return TRUE;
}

gboolean
rapport_import_writer_add_customer (RapportImportWriter  *writer,
                                    RapportCustomer      *customer,
                                    GPtrArray            *contacts,
                                    GError              **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (writer != NULL && writer->open, FALSE);
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (customer), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_contacts (writer->db, contacts, error))
    return FALSE;

  rapport_customer_set_id (customer, 0);
  if (!rapport_store_insert_customer (writer->db, customer, &local_error))
    {
      code_error_to_invalid (local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  writer->n_created++;

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    if (!insert_contact (writer, rapport_customer_get_id (customer), g_ptr_array_index (contacts, i), error))
      return FALSE;

  return TRUE;
}

/* Merging */

typedef const char *(*GetTextFunc) (gpointer self);
typedef void        (*SetTextFunc) (gpointer self, const char *value);

typedef struct
{
  const char  *key;     /* the import field that overwrites it */
  GetTextFunc  get;
  SetTextFunc  set;
} TextField;

static const TextField customer_fields[] = {
  { "customer-name", (GetTextFunc) rapport_customer_get_name, (SetTextFunc) rapport_customer_set_name },
  { "code", (GetTextFunc) rapport_customer_get_code, (SetTextFunc) rapport_customer_set_code },
  { "address", (GetTextFunc) rapport_customer_get_address, (SetTextFunc) rapport_customer_set_address },
  { "region", (GetTextFunc) rapport_customer_get_region, (SetTextFunc) rapport_customer_set_region },
  { "industry", (GetTextFunc) rapport_customer_get_industry, (SetTextFunc) rapport_customer_set_industry },
  { "notes", (GetTextFunc) rapport_customer_get_notes, (SetTextFunc) rapport_customer_set_notes },
  { "source", (GetTextFunc) rapport_customer_get_source, (SetTextFunc) rapport_customer_set_source },
  { "website", (GetTextFunc) rapport_customer_get_website, (SetTextFunc) rapport_customer_set_website },
};

static const TextField contact_fields[] = {
  { "contact-title", (GetTextFunc) rapport_contact_get_title, (SetTextFunc) rapport_contact_set_title },
  { "notes", (GetTextFunc) rapport_contact_get_notes, (SetTextFunc) rapport_contact_set_notes },
};

static gboolean
wants_overwrite (const char * const *overwrite,
                 const char         *key)
{
  if (overwrite == NULL)
    return FALSE;

  /* The name comes from either column. */
  if (g_str_equal (key, "customer-name") && g_strv_contains (overwrite, "company"))
    return TRUE;

  return g_strv_contains (overwrite, key);
}

/* Copies @from's non-empty fields into @to's empty ones, or over them when
 * @overwrite names them. Returns whether anything changed. */
static gboolean
fill_text_fields (gpointer             to,
                  gpointer             from,
                  const TextField     *fields,
                  guint                n_fields,
                  const char * const  *overwrite)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < n_fields; i++)
    {
      const char *incoming = fields[i].get (from);
      const char *current = fields[i].get (to);

      if (_rapport_store_is_blank (incoming) || g_strcmp0 (incoming, current) == 0)
        continue;
      if (!_rapport_store_is_blank (current) && !wants_overwrite (overwrite, fields[i].key))
        continue;

      fields[i].set (to, incoming);
      changed = TRUE;
    }

  return changed;
}

/* The birthday and whether it is lunar go together. */
static gboolean
fill_customer_birthday (RapportCustomer     *to,
                        RapportCustomer     *from,
                        const char * const  *overwrite)
{
  const char *incoming = rapport_customer_get_birthday (from);

  if (_rapport_store_is_blank (incoming))
    return FALSE;
  if (!_rapport_store_is_blank (rapport_customer_get_birthday (to)) &&
      !wants_overwrite (overwrite, "birthday") && !wants_overwrite (overwrite, "lunar-birthday"))
    return FALSE;
  if (g_strcmp0 (incoming, rapport_customer_get_birthday (to)) == 0 &&
      rapport_customer_get_birthday_lunar (to) == rapport_customer_get_birthday_lunar (from))
    return FALSE;

  rapport_customer_set_birthday (to, incoming);
  rapport_customer_set_birthday_lunar (to, rapport_customer_get_birthday_lunar (from));
  return TRUE;
}

static gboolean
fill_contact_birthday (RapportContact *to,
                       RapportContact *from)
{
  const char *incoming = rapport_contact_get_birthday (from);

  if (_rapport_store_is_blank (incoming) || !_rapport_store_is_blank (rapport_contact_get_birthday (to)))
    return FALSE;

  rapport_contact_set_birthday (to, incoming);
  rapport_contact_set_birthday_lunar (to, rapport_contact_get_birthday_lunar (from));
  return TRUE;
}

static gboolean
mark_added (RapportImportWriter  *writer,
            const char           *sql,
            gint64                id,
            GError              **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (writer->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, writer->import_id);
  sqlite3_bind_int64 (stmt, 2, id);

  return _rapport_database_step_done (writer->db, stmt, _("Could not save the import"), error);
}

/* Adds the channels of @incoming that @current lacks after @current's, each
 * marked as the import's. Sets @added when there were any. */
static gboolean
add_channels (RapportImportWriter  *writer,
              gint64                customer_id,
              gint64                contact_id,
              const char           *kind,
              const char * const   *current,
              const char * const   *incoming,
              gboolean             *added,
              GError              **error)
{
  guint position = current != NULL ? g_strv_length ((GStrv) current) : 0;
  gint64 now = _rapport_database_now (writer->db);

  for (guint i = 0; incoming != NULL && incoming[i] != NULL; i++)
    {
      g_autoptr (RapportStatement) stmt = NULL;
      char uuid[RAPPORT_UUID_LEN];

      if (current != NULL && g_strv_contains (current, incoming[i]))
        continue;

      _rapport_store_new_uuid (uuid);
      stmt = _rapport_database_prepare (writer->db,
                                        "INSERT INTO channel (uuid, customer_id, contact_id, kind, value, "
                                        "  position, created_at, updated_at, import_id) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, customer_id);
      _rapport_store_bind_id (stmt, 3, contact_id);
      sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, incoming[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, position++);
      sqlite3_bind_int64 (stmt, 7, now);
      sqlite3_bind_int64 (stmt, 8, writer->import_id);
      if (!_rapport_database_step_done (writer->db, stmt, _("Could not save phones and e-mails"), error))
        return FALSE;

      *added = TRUE;
    }

  return TRUE;
}

static gboolean
tags_contain (const char * const *tags,
              const char         *tag)
{
  g_autofree char *folded = g_utf8_casefold (tag, -1);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *other = g_utf8_casefold (tags[i], -1);

      if (strcmp (folded, other) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
add_tags (RapportImportWriter  *writer,
          gint64                customer_id,
          const char * const   *current,
          const char * const   *incoming,
          gboolean             *added,
          GError              **error)
{
  g_auto (GStrv) cleaned = _rapport_store_clean_tags (incoming);
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();

  for (guint i = 0; cleaned[i] != NULL; i++)
    if (!tags_contain (current, cleaned[i]))
      g_ptr_array_add (missing, cleaned[i]);
  if (missing->len == 0)
    return TRUE;
  g_ptr_array_add (missing, NULL);

  /* Linked as a new customer's would be (the customer is live), then marked. */
  if (!_rapport_store_save_tags (writer->db, customer_id, (const char * const *) missing->pdata,
                                 TRUE, NULL, error))
    return FALSE;

  for (guint i = 0; missing->pdata[i] != NULL; i++)
    {
      g_autoptr (RapportStatement) stmt = NULL;

      stmt = _rapport_database_prepare (writer->db,
                                        "UPDATE customer_tag SET import_id = ?1 "
                                        "WHERE customer_id = ?2 AND tag_id = (SELECT id FROM tag WHERE name = ?3)",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, writer->import_id);
      sqlite3_bind_int64 (stmt, 2, customer_id);
      sqlite3_bind_text (stmt, 3, missing->pdata[i], -1, SQLITE_STATIC);
      if (!_rapport_database_step_done (writer->db, stmt, _("Could not save the tags"), error))
        return FALSE;
    }

  *added = TRUE;
  return TRUE;
}

static gboolean
contacts_share (RapportContact      *contact,
                const char * const  *phones,
                const char * const  *emails,
                const char          *name_match)
{
  const char * const *own_phones = rapport_contact_get_phones (contact);
  const char * const *own_emails = rapport_contact_get_emails (contact);
  g_autofree char *own_name = rapport_name_normalize_for_match (rapport_contact_get_name (contact));

  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    if (own_phones != NULL && g_strv_contains (own_phones, phones[i]))
      return TRUE;
  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    if (own_emails != NULL && g_strv_contains (own_emails, emails[i]))
      return TRUE;

  return name_match[0] != '\0' && strcmp (own_name, name_match) == 0;
}

/* Merges @incoming into the customer's contact that shares a phone, an
 * e-mail or the name with it (never overwriting), or adds it. */
static gboolean
merge_contact (RapportImportWriter  *writer,
               gint64                customer_id,
               GListModel           *existing,
               RapportContact       *incoming,
               GError              **error)
{
  g_auto (GStrv) phones = NULL;
  g_auto (GStrv) emails = NULL;
  g_autofree char *name_match = rapport_name_normalize_for_match (rapport_contact_get_name (incoming));
  RapportContact *target = NULL;
  gint64 contact_id;
  gboolean changed;
  gboolean added = FALSE;

  if (!_rapport_store_normalize_phones (writer->db, rapport_contact_get_phones (incoming), &phones, error) ||
      !_rapport_store_normalize_emails (rapport_contact_get_emails (incoming), &emails, error))
    return FALSE;

  for (guint i = 0; target == NULL && i < g_list_model_get_n_items (existing); i++)
    {
      g_autoptr (RapportContact) contact = g_list_model_get_item (existing, i);

      if (contacts_share (contact, (const char * const *) phones, (const char * const *) emails, name_match))
        target = contact;
    }

  if (target == NULL)
    {
      /* A customer that has a primary contact keeps it. */
      rapport_contact_set_is_primary (incoming, FALSE);
      return insert_contact (writer, customer_id, incoming, error);
    }

  contact_id = rapport_contact_get_id (target);
  if (contact_id <= writer->last_contact_id &&
      !_rapport_row_snapshot_take (writer->db, RAPPORT_SNAPSHOT_IMPORT, writer->import_id,
                                   "contact", contact_id, CONTACT_SNAPSHOT_SQL, error))
    return FALSE;

  changed = fill_text_fields (target, incoming, contact_fields, G_N_ELEMENTS (contact_fields), NULL);
  changed |= fill_contact_birthday (target, incoming);
  if (changed && !rapport_store_update_contact (writer->db, target, error))
    return FALSE;

  if (!add_channels (writer, customer_id, contact_id, "phone", rapport_contact_get_phones (target),
                     (const char * const *) phones, &added, error) ||
      !add_channels (writer, customer_id, contact_id, "email", rapport_contact_get_emails (target),
                     (const char * const *) emails, &added, error))
    return FALSE;

  if (added)
    {
      if (!_rapport_search_index_update_contact (writer->db, contact_id, error))
        return FALSE;
      _rapport_database_queue_change (writer->db, RAPPORT_ENTITY_KIND_CONTACT, contact_id, customer_id,
                                      RAPPORT_CHANGE_UPDATED);
    }

  return TRUE;
}

gboolean
rapport_import_writer_merge_customer (RapportImportWriter  *writer,
                                      gint64                customer_id,
                                      RapportCustomer      *incoming,
                                      GPtrArray            *contacts,
                                      const char * const   *overwrite,
                                      GError              **error)
{
  g_autoptr (RapportCustomer) current = NULL;
  g_autoptr (GListModel) existing = NULL;
  g_auto (GStrv) phones = NULL;
  g_auto (GStrv) emails = NULL;
  GError *local_error = NULL;
  gboolean changed;
  gboolean added = FALSE;

  g_return_val_if_fail (writer != NULL && writer->open, FALSE);
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (incoming), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_contacts (writer->db, contacts, error) ||
      !_rapport_store_normalize_phones (writer->db, rapport_customer_get_phones (incoming), &phones, error) ||
      !_rapport_store_normalize_emails (rapport_customer_get_emails (incoming), &emails, error))
    return FALSE;

  current = rapport_store_get_customer (writer->db, customer_id, error);
  if (current == NULL)
    return FALSE;
  if (rapport_customer_get_deleted_at (current) != 0)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id);

  /* A customer this import created is deleted by its undo anyway. */
  if (customer_id <= writer->last_customer_id &&
      !_rapport_row_snapshot_take (writer->db, RAPPORT_SNAPSHOT_IMPORT, writer->import_id,
                                   "customer", customer_id, CUSTOMER_SNAPSHOT_SQL, error))
    return FALSE;

  changed = fill_text_fields (current, incoming, customer_fields, G_N_ELEMENTS (customer_fields), overwrite);
  changed |= fill_customer_birthday (current, incoming, overwrite);
  if (changed && !rapport_store_update_customer (writer->db, current, &local_error))
    {
      code_error_to_invalid (local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (!add_channels (writer, customer_id, 0, "phone", rapport_customer_get_phones (current),
                     (const char * const *) phones, &added, error) ||
      !add_channels (writer, customer_id, 0, "email", rapport_customer_get_emails (current),
                     (const char * const *) emails, &added, error) ||
      !add_tags (writer, customer_id, rapport_customer_get_tags (current),
                 rapport_customer_get_tags (incoming), &added, error))
    return FALSE;

  if (added)
    {
      if (!_rapport_search_index_update_customer (writer->db, customer_id, error))
        return FALSE;
      _rapport_database_queue_change (writer->db, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id, customer_id,
                                      RAPPORT_CHANGE_UPDATED);
    }

  if (contacts != NULL && contacts->len > 0)
    {
      existing = rapport_store_list_contacts (writer->db, customer_id, error);
      if (existing == NULL)
        return FALSE;

      for (guint i = 0; i < contacts->len; i++)
        if (!merge_contact (writer, customer_id, existing, g_ptr_array_index (contacts, i), error))
          return FALSE;
    }

  if (customer_id <= writer->last_customer_id)
    g_hash_table_add (writer->merged, g_memdup2 (&customer_id, sizeof customer_id));

  return TRUE;
}

void
rapport_import_writer_add_skipped (RapportImportWriter *writer,
                                   guint                n_rows)
{
  g_return_if_fail (writer != NULL);

  writer->n_skipped += n_rows;
}

static gboolean
finish_import (RapportImportWriter  *writer,
               GError              **error)
{
  static const char * const mark_sql[] = {
    "UPDATE customer SET import_id = ?1 WHERE id > ?2",
    "UPDATE contact SET import_id = ?1 WHERE id > ?2",
  };
  gint64 last_ids[] = { writer->last_customer_id, writer->last_contact_id };
  g_autoptr (RapportStatement) stmt = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (mark_sql); i++)
    if (!mark_added (writer, mark_sql[i], last_ids[i], error))
      return FALSE;

  stmt = _rapport_database_prepare (writer->db,
                                    "UPDATE import_run SET n_created = ?2, n_merged = ?3, n_skipped = ?4, "
                                    "  n_contacts = ?5 WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, writer->import_id);
  sqlite3_bind_int (stmt, 2, writer->n_created);
  sqlite3_bind_int (stmt, 3, g_hash_table_size (writer->merged));
  sqlite3_bind_int (stmt, 4, writer->n_skipped);
  sqlite3_bind_int (stmt, 5, writer->n_contacts);
  if (!_rapport_database_step_done (writer->db, stmt, _("Could not save the import"), error))
    return FALSE;

  /* Inside the import's transaction: the new customers take their places
   * in the list's order with it. */
  return _rapport_search_index_index_deferred (writer->db, error);
}

gint64
rapport_import_writer_commit (RapportImportWriter  *writer,
                              GError              **error)
{
  g_return_val_if_fail (writer != NULL && writer->open, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  writer->open = FALSE;

  if (!finish_import (writer, error) ||
      !_rapport_database_commit (writer->db, error))
    {
      _rapport_database_rollback (writer->db, NULL);
      _rapport_search_index_cancel_deferred (writer->db);
      return 0;
    }

  return writer->import_id;
}

void
rapport_import_writer_free (RapportImportWriter *writer)
{
  if (writer == NULL)
    return;

  if (writer->open)
    {
      _rapport_database_rollback (writer->db, NULL);
      _rapport_search_index_cancel_deferred (writer->db);
    }

  g_hash_table_unref (writer->merged);
  g_object_unref (writer->db);
  g_free (writer);
}

/**
 * rapport_store_list_imports:
 * @db: a #RapportDatabase
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #RapportImportRun, newest first
 */
GListModel *
rapport_store_list_imports (RapportDatabase  *db,
                            GError          **error)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_IMPORT_RUN);
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT id, file_name, format, imported_at, n_created, n_merged, "
                                    "  n_skipped, n_contacts, coalesce (undone_at, 0) "
                                    "FROM import_run ORDER BY imported_at DESC, id DESC",
                                    error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportImportRun) run = NULL;

      run = rapport_import_run_new (sqlite3_column_int64 (stmt, 0),
                                    _rapport_store_column_text (stmt, 1),
                                    _rapport_store_column_text (stmt, 2),
                                    sqlite3_column_int64 (stmt, 3),
                                    sqlite3_column_int (stmt, 4),
                                    sqlite3_column_int (stmt, 5),
                                    sqlite3_column_int (stmt, 6),
                                    sqlite3_column_int (stmt, 7),
                                    sqlite3_column_int64 (stmt, 8));
      g_list_store_append (store, run);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the import history"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* Undo */

typedef struct
{
  gint64 id;
  gint64 customer_id;
  gint64 extra;
} IdRow;

static GArray *
select_id_rows (RapportDatabase  *db,
                const char       *sql,
                gint64            import_id,
                GError          **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (IdRow));
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IdRow row = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
      };

      g_array_append_val (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not undo the import"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static gboolean
run_with_id (RapportDatabase  *db,
             const char       *sql,
             gint64            id,
             gint64            other,
             GError          **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, other);

  return _rapport_database_step_done (db, stmt, _("Could not undo the import"), error);
}

typedef struct
{
  GHashTable *customers;   /* ids to reindex and announce */
  GHashTable *contacts;    /* contact id → customer id */
} Touched;

static void
touch (GHashTable *table,
       gint64      id,
       gint64      value)
{
  gint64 *key = g_memdup2 (&id, sizeof id);
  gint64 *data = g_memdup2 (&value, sizeof value);

  g_hash_table_replace (table, key, data);
}

/* The created customers go in one statement after their documents: a
 * statement whose foreign keys cascade makes FTS5 flush what it has
 * pending, so one per customer would write a segment per customer. */
static gboolean
delete_created_customers (RapportDatabase  *db,
                          gint64            import_id,
                          GError          **error)
{
  g_autoptr (GArray) rows = NULL;

  rows = select_id_rows (db, "SELECT id, id, 0 FROM customer WHERE import_id = ?1", import_id, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    if (!_rapport_search_index_delete_customer (db, g_array_index (rows, IdRow, i).id, error))
      return FALSE;

  if (!run_with_id (db,
                    "UPDATE tag SET n_live = n_live - "
                    "  (SELECT count(*) FROM customer_tag ct JOIN customer c ON c.id = ct.customer_id "
                    "   WHERE ct.tag_id = tag.id AND c.import_id = ?1 AND c.deleted_at IS NULL) "
                    "WHERE id IN (SELECT ct.tag_id FROM customer_tag ct JOIN customer c ON c.id = ct.customer_id "
                    "             WHERE c.import_id = ?1)",
                    import_id, 0, error) ||
      !run_with_id (db, "DELETE FROM customer WHERE import_id = ?1", import_id, 0, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = g_array_index (rows, IdRow, i).id;

      _rapport_database_forget_last_interaction (db, id);
      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, id, id, RAPPORT_CHANGE_DELETED);
    }

  return TRUE;
}

/* Contacts the import added to customers that were there before. */
static gboolean
delete_created_contacts (RapportDatabase  *db,
                         gint64            import_id,
                         GError          **error)
{
  g_autoptr (GArray) rows = NULL;

  rows = select_id_rows (db, "SELECT id, customer_id, 0 FROM contact WHERE import_id = ?1", import_id, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    if (!_rapport_search_index_delete_contact (db, g_array_index (rows, IdRow, i).id, error))
      return FALSE;

  /* Interactions and follow-ups outlive them, without them, as when a
   * contact is deleted from the Trash. */
  if (!run_with_id (db,
                    "UPDATE interaction SET contact_id = NULL "
                    "WHERE contact_id IN (SELECT id FROM contact WHERE import_id = ?1)",
                    import_id, 0, error) ||
      !run_with_id (db,
                    "UPDATE follow_up SET contact_id = NULL "
                    "WHERE contact_id IN (SELECT id FROM contact WHERE import_id = ?1)",
                    import_id, 0, error) ||
      !run_with_id (db, "DELETE FROM contact WHERE import_id = ?1", import_id, 0, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const IdRow *row = &g_array_index (rows, IdRow, i);

      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CONTACT, row->id, row->customer_id,
                                      RAPPORT_CHANGE_DELETED);
    }

  return TRUE;
}

static gboolean
delete_added_channels_and_tags (RapportDatabase  *db,
                                gint64            import_id,
                                Touched          *touched,
                                GError          **error)
{
  g_autoptr (GArray) channels = NULL;
  g_autoptr (GArray) links = NULL;

  channels = select_id_rows (db, "SELECT id, customer_id, coalesce (contact_id, 0) FROM channel WHERE import_id = ?1",
                             import_id, error);
  if (channels == NULL)
    return FALSE;

  for (guint i = 0; i < channels->len; i++)
    {
      const IdRow *row = &g_array_index (channels, IdRow, i);

      if (row->extra != 0)
        touch (touched->contacts, row->extra, row->customer_id);
      else
        touch (touched->customers, row->customer_id, row->customer_id);
    }

  if (!run_with_id (db, "DELETE FROM channel WHERE import_id = ?1", import_id, 0, error))
    return FALSE;

  links = select_id_rows (db,
                          "SELECT ct.tag_id, ct.customer_id, c.deleted_at IS NULL FROM customer_tag ct "
                          "JOIN customer c ON c.id = ct.customer_id WHERE ct.import_id = ?1",
                          import_id, error);
  if (links == NULL)
    return FALSE;

  for (guint i = 0; i < links->len; i++)
    {
      const IdRow *row = &g_array_index (links, IdRow, i);

      if (row->extra &&
          !run_with_id (db, "UPDATE tag SET n_live = n_live - 1 WHERE id = ?1", row->id, 0, error))
        return FALSE;
      if (!run_with_id (db, "DELETE FROM customer_tag WHERE tag_id = ?1 AND customer_id = ?2",
                        row->id, row->customer_id, error))
        return FALSE;
      touch (touched->customers, row->customer_id, row->customer_id);
    }

  return TRUE;
}

/* Derived or since changed by someone else: the Trash state, the newest
 * interaction, the place in the search index. */
static const char * const customer_kept_columns[] = {
  "deleted_at", "last_interaction_at", "search_slot", "import_id", NULL
};
static const char * const contact_kept_columns[] = { "deleted_at", "import_id", NULL };

static gboolean
restore_import_snapshot (RapportDatabase  *db,
                         const char       *label,
                         gint64            row_id,
                         JsonArray        *rows,
                         gpointer          user_data,
                         GError          **error)
{
  Touched *touched = user_data;
  gboolean is_customer = g_str_equal (label, "customer");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (row == NULL ||
          !_rapport_row_snapshot_update (db, label, row,
                                         is_customer ? customer_kept_columns : contact_kept_columns,
                                         error))
        return FALSE;

      if (sqlite3_changes (_rapport_database_get_handle (db)) == 0)
        continue;

      if (is_customer)
        touch (touched->customers, row_id, row_id);
      else
        touch (touched->contacts, row_id, json_object_get_int_member_with_default (row, "customer_id", 0));
    }

  return TRUE;
}

static gboolean
reindex_touched (RapportDatabase  *db,
                 Touched          *touched,
                 GError          **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, touched->customers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;

      if (!_rapport_search_index_update_customer (db, id, error))
        return FALSE;
      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, id, id, RAPPORT_CHANGE_UPDATED);
    }

  g_hash_table_iter_init (&iter, touched->contacts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;

      if (!_rapport_search_index_update_contact (db, id, error))
        return FALSE;
      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CONTACT, id, *(gint64 *) value,
                                      RAPPORT_CHANGE_UPDATED);
    }

  return TRUE;
}

static gboolean
check_run (RapportDatabase  *db,
           const char       *sql,
           gint64            id,
           const char       *missing_message,
           const char       *undone_message,
           GError          **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND, missing_message);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the database"));
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 0) != 0)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT, undone_message);
      return FALSE;
    }

  return TRUE;
}

/* Deleting a customer the import created would take with it what a merge
 * moved into it from customers that were there before. */
static gboolean
check_no_merge_into_created (RapportDatabase  *db,
                             gint64            import_id,
                             GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 merged = 0;

  stmt = _rapport_database_prepare (db,
                                    "SELECT count(*) FROM merge_run m JOIN customer c ON c.id = m.survivor_id "
                                    "WHERE c.import_id = ?1 AND m.undone_at IS NULL",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not undo the import"), &merged, error))
    return FALSE;

  if (merged > 0)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT,
                           _("Other customers were merged into customers of this import since: undo those "
                             "merges first"));
      return FALSE;
    }

  return TRUE;
}

/**
 * rapport_store_undo_import:
 *
 * See rapport-import-store.h. What the import created goes for good, with
 * whatever was added to it since (a created customer's interactions); the
 * customers and contacts it merged into get back the values they had,
 * except what others changed meanwhile: whether they are in the Trash and
 * the derived last interaction. Refused (CONFLICT) while a merge into a
 * customer it created stands, which the deletion would take with it.
 */
gboolean
rapport_store_undo_import (RapportDatabase  *db,
                           gint64            import_id,
                           GError          **error)
{
  Touched touched = { 0 };
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  touched.customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  touched.contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  ok = check_run (db, "SELECT undone_at IS NOT NULL FROM import_run WHERE id = ?1", import_id,
                  _("The import is no longer in the history"), _("This import was undone already"), error) &&
       check_no_merge_into_created (db, import_id, error) &&
       delete_created_customers (db, import_id, error) &&
       delete_created_contacts (db, import_id, error) &&
       delete_added_channels_and_tags (db, import_id, &touched, error) &&
       _rapport_store_remove_unused_tags (db, error) &&
       _rapport_row_snapshot_foreach (db, RAPPORT_SNAPSHOT_IMPORT, import_id,
                                      restore_import_snapshot, &touched, error) &&
       reindex_touched (db, &touched, error) &&
       run_with_id (db, "UPDATE import_run SET undone_at = ?2 WHERE id = ?1",
                    import_id, _rapport_database_now (db), error) &&
       run_with_id (db, "DELETE FROM row_snapshot WHERE owner = 'import' AND owner_id = ?1",
                    import_id, 0, error) &&
       _rapport_database_commit (db, error);

  if (!ok)
    _rapport_database_rollback (db, NULL);

  g_hash_table_unref (touched.customers);
  g_hash_table_unref (touched.contacts);

  return ok;
}
