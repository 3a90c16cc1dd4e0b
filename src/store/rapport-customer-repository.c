/* rapport-customer-repository.c
 *
 * Customers: insert, update, read, Trash, codes and the page's summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-repository"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-customer-code.h"
#include "rapport-pinyin.h"
#include "rapport-search-index-private.h"
#include "rapport-store-private.h"
#include "rapport-text.h"
#include "rapport-tier-store-private.h"
#include "rapport-url.h"
#include "rapport-validation.h"

#define CUSTOMER_COLUMNS \
  "id, uuid, code, name, kind, stage, tier, potential, owner_id, source, industry, region, " \
  "address, website, birthday, birthday_lunar, notes, last_interaction_at, created_at, " \
  "updated_at, deleted_at, do_not_contact, do_not_contact_reason"

/* A customer's fields, checked and normalised, ready for the row. */
typedef struct
{
  char       *name;
  char       *code;
  char       *name_match;
  char       *website;
  GBytes     *sort_key;
  GStrv       phones;
  GStrv       emails;
  GStrv       tags;
} CustomerValues;

static void
customer_values_clear (CustomerValues *values)
{
  g_clear_pointer (&values->name, g_free);
  g_clear_pointer (&values->code, g_free);
  g_clear_pointer (&values->name_match, g_free);
  g_clear_pointer (&values->website, g_free);
  g_clear_pointer (&values->sort_key, g_bytes_unref);
  g_clear_pointer (&values->phones, g_strfreev);
  g_clear_pointer (&values->emails, g_strfreev);
  g_clear_pointer (&values->tags, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustomerValues, customer_values_clear)

static gboolean
find_code_owner (RapportDatabase  *db,
                 const char       *code,
                 gint64            except_id,
                 char            **owner_name,
                 gboolean         *owner_trashed,
                 gboolean         *found,
                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  *found = FALSE;

  stmt = _rapport_database_prepare (db,
                                    "SELECT name, deleted_at IS NOT NULL FROM customer "
                                    "WHERE code = ?1 AND id != ?2",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, except_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      if (owner_name != NULL)
        *owner_name = g_strdup (_rapport_store_column_text (stmt, 0));
      if (owner_trashed != NULL)
        *owner_trashed = sqlite3_column_int (stmt, 1) != 0;
      return TRUE;
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not check the customer code"));
      return FALSE;
    }

  return TRUE;
}

/* The highest number N of the codes "<prefix>N" in use. */
static gboolean
max_code_number (RapportDatabase  *db,
                 const char       *prefix,
                 gint64           *max,
                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GString) pattern = g_string_new (NULL);
  int rc;

  for (const char *p = prefix; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  stmt = _rapport_database_prepare (db,
                                    "SELECT coalesce (max (CAST (substr (code, ?2) AS INTEGER)), 0) "
                                    "FROM customer "
                                    "WHERE code LIKE ?1 ESCAPE '\\' "
                                    "  AND length (code) > ?3 "
                                    "  AND substr (code, ?2) NOT GLOB '*[^0-9]*'",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, pattern->str, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, g_utf8_strlen (prefix, -1) + 1);
  sqlite3_bind_int (stmt, 3, g_utf8_strlen (prefix, -1));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not propose a customer code"));
      return FALSE;
    }

  *max = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static char *
propose_code (RapportDatabase  *db,
              const char       *name,
              GError          **error)
{
  GHashTable *numbers = _rapport_database_get_code_numbers (db);
  g_autofree char *prefix = rapport_customer_code_prefix (name);
  gpointer cached;
  gint64 n = 0;

  /* The highest number of a prefix is looked up once per connection, then
   * kept up to date as codes are saved: one lookup per insert would scan
   * every code of the prefix, thousands in a big book. */
  if (g_hash_table_lookup_extended (numbers, prefix, NULL, &cached))
    {
      n = GPOINTER_TO_UINT (cached);
    }
  else
    {
      if (!max_code_number (db, prefix, &n, error))
        return NULL;
      g_hash_table_insert (numbers, g_strdup (prefix), GUINT_TO_POINTER ((guint) MIN (n, G_MAXUINT)));
    }

  for (;;)
    {
      g_autofree char *code = rapport_customer_code_format (prefix, ++n);
      gboolean found = FALSE;

      if (!find_code_owner (db, code, 0, NULL, NULL, &found, error))
        return NULL;

      if (!found)
        return g_steal_pointer (&code);
    }
}

/* Keeps the memo of propose_code in step with a code just saved. */
static void
note_code (RapportDatabase *db,
           const char      *code)
{
  GHashTable *numbers = _rapport_database_get_code_numbers (db);
  g_autofree char *prefix = NULL;
  const char *digits = code + strlen (code);
  gpointer cached;
  guint64 n;

  while (digits > code && g_ascii_isdigit (digits[-1]))
    digits--;
  if (*digits == '\0')
    return;

  prefix = g_strndup (code, digits - code);
  n = g_ascii_strtoull (digits, NULL, 10);

  if (g_hash_table_lookup_extended (numbers, prefix, NULL, &cached) &&
      n > GPOINTER_TO_UINT (cached) && n <= G_MAXUINT)
    g_hash_table_insert (numbers, g_steal_pointer (&prefix), GUINT_TO_POINTER ((guint) n));
}

static gboolean
check_customer (RapportDatabase  *db,
                RapportCustomer  *customer,
                gint64            except_id,
                CustomerValues   *values,
                GError          **error)
{
  const char *website = rapport_customer_get_website (customer);
  g_autofree char *trimmed_code = rapport_customer_code_normalize (rapport_customer_get_code (customer));

  if (!_rapport_store_check_name (rapport_customer_get_name (customer), &values->name, error))
    return FALSE;

  if (!_rapport_store_check_date (rapport_customer_get_birthday (customer), _("Birthday"), FALSE, error))
    return FALSE;

  if (!_rapport_store_is_blank (website))
    {
      GError *local_error = NULL;

      if (!rapport_url_normalize (website, &values->website, &local_error))
        return _rapport_store_invalid (error, local_error);
    }

  if (!_rapport_store_normalize_phones (db, rapport_customer_get_phones (customer), &values->phones, error) ||
      !_rapport_store_normalize_emails (rapport_customer_get_emails (customer), &values->emails, error))
    return FALSE;

  values->tags = _rapport_store_clean_tags (rapport_customer_get_tags (customer));
  values->name_match = rapport_name_normalize_for_match (values->name);
  if (rapport_customer_get_kind (customer) == RAPPORT_CUSTOMER_KIND_PERSON)
    values->sort_key = rapport_person_sort_key (values->name);
  else
    values->sort_key = rapport_sort_key (values->name);

  if (trimmed_code[0] == '\0')
    {
      values->code = propose_code (db, values->name, error);
      return values->code != NULL;
    }
  else
    {
      GError *local_error = NULL;
      g_autofree char *owner = NULL;
      gboolean trashed = FALSE;
      gboolean found = FALSE;

      if (!rapport_customer_code_validate (trimmed_code, &local_error))
        return _rapport_store_invalid (error, local_error);

      if (!find_code_owner (db, trimmed_code, except_id, &owner, &trashed, &found, error))
        return FALSE;

      if (found)
        {
          if (trashed)
            /* Translators: the first %s is a customer code, the second a customer's name */
            g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_DUPLICATE_CODE,
                         _("The code %s is already used by %s (in the Trash)"), trimmed_code, owner);
          else
            /* Translators: the first %s is a customer code, the second a customer's name */
            g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_DUPLICATE_CODE,
                         _("The code %s is already used by %s"), trimmed_code, owner);
          return FALSE;
        }

      values->code = g_steal_pointer (&trimmed_code);
    }

  return TRUE;
}

static void
bind_customer (sqlite3_stmt     *stmt,
               RapportCustomer  *customer,
               CustomerValues   *values)
{
  gsize key_len = 0;
  gconstpointer key = g_bytes_get_data (values->sort_key, &key_len);

  sqlite3_bind_text (stmt, 2, values->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, values->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, values->name_match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, rapport_customer_kind_to_string (rapport_customer_get_kind (customer)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, rapport_stage_to_string (rapport_customer_get_stage (customer)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, rapport_tier_to_string (rapport_customer_get_tier (customer)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, rapport_potential_to_string (rapport_customer_get_potential (customer)), -1, SQLITE_STATIC);
  _rapport_store_bind_id (stmt, 9, rapport_customer_get_owner_id (customer));
  _rapport_store_bind_text (stmt, 10, rapport_customer_get_source (customer));
  _rapport_store_bind_text (stmt, 11, rapport_customer_get_industry (customer));
  _rapport_store_bind_text (stmt, 12, rapport_customer_get_region (customer));
  _rapport_store_bind_text (stmt, 13, rapport_customer_get_address (customer));
  _rapport_store_bind_text (stmt, 14, values->website);
  _rapport_store_bind_text (stmt, 15, rapport_customer_get_birthday (customer));
  sqlite3_bind_int (stmt, 16, rapport_customer_get_birthday_lunar (customer));
  _rapport_store_bind_text (stmt, 17, rapport_customer_get_notes (customer));
  sqlite3_bind_blob (stmt, 18, key, key_len, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 20, rapport_customer_get_do_not_contact (customer));
  _rapport_store_bind_text (stmt, 21, rapport_customer_get_do_not_contact (customer)
                                      ? rapport_customer_get_do_not_contact_reason (customer) : NULL);
}

static void
apply_values (RapportCustomer *customer,
              CustomerValues  *values)
{
  rapport_customer_set_name (customer, values->name);
  rapport_customer_set_code (customer, values->code);
  rapport_customer_set_website (customer, values->website);
  rapport_customer_set_phones (customer, (const char * const *) values->phones);
  rapport_customer_set_emails (customer, (const char * const *) values->emails);
  rapport_customer_set_tags (customer, (const char * const *) values->tags);
}

/* Maps a failed INSERT / UPDATE: the owner no longer exists, or the code was
 * taken in the meantime. */
static void
set_write_error (RapportDatabase  *db,
                 GError          **error)
{
  sqlite3 *handle = _rapport_database_get_handle (db);

  if (sqlite3_extended_errcode (handle) == SQLITE_CONSTRAINT_FOREIGNKEY)
    g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                         _("The customer’s owner no longer exists"));
  else
    _rapport_database_set_error (error, handle, _("Could not save the customer"));
}

/**
 * rapport_store_insert_customer:
 * @db: a #RapportDatabase
 * @customer: the customer to add; on success its id, uuid, code, times and
 *   normalised phones, e-mails and tags are filled in
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 */
gboolean
rapport_store_insert_customer (RapportDatabase  *db,
                               RapportCustomer  *customer,
                               GError          **error)
{
  g_auto (CustomerValues) values = { 0 };
  char uuid[RAPPORT_UUID_LEN];
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (customer), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);
  _rapport_store_new_uuid (uuid);

  if (!check_customer (db, customer, 0, &values, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO customer (uuid, code, name, name_match, kind, stage, tier, "
                                      "  potential, owner_id, source, industry, region, address, website, "
                                      "  birthday, birthday_lunar, notes, sort_key, created_at, updated_at, "
                                      "  do_not_contact, do_not_contact_reason, tier_manual, potential_manual, "
                                      "  lost_at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                                      "  ?15, ?16, ?17, ?18, ?19, ?19, ?20, ?21, "
                                      /* A tier or a high potential picked for a new customer is the
                                       * user's: manual (see rapport-tier-store.h). */
                                      "  CASE WHEN ?7 <> 'lead' THEN ?7 END, CASE WHEN ?8 = 'high' THEN ?8 END, "
                                      "  CASE WHEN ?6 = 'lost' THEN ?19 END)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    bind_customer (stmt, customer, &values);
    sqlite3_bind_int64 (stmt, 19, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, error);
        goto fail;
      }

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  if (rapport_customer_get_tier (customer) != RAPPORT_TIER_LEAD &&
      !_rapport_store_record_tier_change (db, id, RAPPORT_TIER_LEAD, rapport_customer_get_tier (customer),
                                          TRUE, _rapport_tier_reason_set_by_hand (), error))
    goto fail;

  note_code (db, values.code);
  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, id, id, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_store_save_channels (db, id, 0,
                                     (const char * const *) values.phones,
                                     (const char * const *) values.emails,
                                     TRUE, NULL, error) ||
      !_rapport_store_save_tags (db, id, (const char * const *) values.tags, TRUE, NULL, error) ||
      !_rapport_search_index_add_customer (db, id, error))
    goto fail;

  /* The object is updated before the commit so that "changed" handlers
   * holding it see it complete. */
  rapport_customer_set_id (customer, id);
  rapport_customer_set_uuid (customer, uuid);
  rapport_customer_set_created_at (customer, now);
  rapport_customer_set_updated_at (customer, now);
  rapport_customer_set_deleted_at (customer, 0);
  rapport_customer_set_last_interaction_at (customer, 0);
  apply_values (customer, &values);

  if (!_rapport_database_commit (db, error))
    goto fail_after_apply;

  return TRUE;

fail_after_apply:
  rapport_customer_set_id (customer, 0);
fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_update_customer:
 * @db: a #RapportDatabase
 * @customer: a customer read from @db, changed
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * Saves every field; an empty code gets a new proposed one. The derived
 * last-interaction-at and the created-at / deleted-at times are not taken
 * from @customer.
 */
gboolean
rapport_store_update_customer (RapportDatabase  *db,
                               RapportCustomer  *customer,
                               GError          **error)
{
  g_auto (CustomerValues) values = { 0 };
  RapportTier old_tier = RAPPORT_TIER_LEAD;
  gint64 id;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (customer), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_customer_get_id (customer);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!_rapport_store_customer_exists (db, id, error) ||
      !check_customer (db, customer, id, &values, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, "SELECT tier FROM customer WHERE id = ?1",
                                                                   error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not save the customer"));
        goto fail;
      }
    rapport_tier_from_string (_rapport_store_column_text (stmt, 0), &old_tier);
  }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE customer SET code = ?2, name = ?3, name_match = ?4, kind = ?5, "
                                      "  stage = ?6, tier = ?7, potential = ?8, owner_id = ?9, source = ?10, "
                                      /* A tier or potential the user changes becomes manual; saving
                                       * other fields leaves a computed one computed. lost_at is when
                                       * the stage last became lost. (Old values on the right.) */
                                      "  tier_manual = CASE WHEN tier <> ?7 THEN ?7 ELSE tier_manual END, "
                                      "  potential_manual = CASE WHEN potential <> ?8 THEN ?8 ELSE potential_manual END, "
                                      "  lost_at = CASE WHEN ?6 <> 'lost' THEN NULL "
                                      "    WHEN stage = 'lost' THEN coalesce (lost_at, ?19) ELSE ?19 END, "
                                      "  industry = ?11, region = ?12, address = ?13, website = ?14, "
                                      "  birthday = ?15, birthday_lunar = ?16, notes = ?17, sort_key = ?18, "
                                      "  updated_at = ?19, do_not_contact = ?20, do_not_contact_reason = ?21 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    bind_customer (stmt, customer, &values);
    sqlite3_bind_int64 (stmt, 19, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, error);
        goto fail;
      }
  }

  if (old_tier != rapport_customer_get_tier (customer) &&
      !_rapport_store_record_tier_change (db, id, old_tier, rapport_customer_get_tier (customer),
                                          TRUE, _rapport_tier_reason_set_by_hand (), error))
    goto fail;

  note_code (db, values.code);
  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, id, id, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_store_save_channels (db, id, 0,
                                     (const char * const *) values.phones,
                                     (const char * const *) values.emails,
                                     FALSE, NULL, error) ||
      !_rapport_store_save_tags (db, id, (const char * const *) values.tags, FALSE, NULL, error) ||
      !_rapport_search_index_update_customer (db, id, error))
    goto fail;

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_customer_set_updated_at (customer, now);
  apply_values (customer, &values);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static RapportCustomer *
customer_from_row (sqlite3_stmt *stmt)
{
  RapportCustomer *customer = rapport_customer_new ();
  RapportCustomerKind kind = RAPPORT_CUSTOMER_KIND_COMPANY;
  RapportStage stage = RAPPORT_STAGE_PROSPECT;
  RapportTier tier = RAPPORT_TIER_LEAD;
  RapportPotential potential = RAPPORT_POTENTIAL_LOW;

  rapport_customer_kind_from_string (_rapport_store_column_text (stmt, 4), &kind);
  rapport_stage_from_string (_rapport_store_column_text (stmt, 5), &stage);
  rapport_tier_from_string (_rapport_store_column_text (stmt, 6), &tier);
  rapport_potential_from_string (_rapport_store_column_text (stmt, 7), &potential);

  rapport_customer_set_id (customer, sqlite3_column_int64 (stmt, 0));
  rapport_customer_set_uuid (customer, _rapport_store_column_text (stmt, 1));
  rapport_customer_set_code (customer, _rapport_store_column_text (stmt, 2));
  rapport_customer_set_name (customer, _rapport_store_column_text (stmt, 3));
  rapport_customer_set_kind (customer, kind);
  rapport_customer_set_stage (customer, stage);
  rapport_customer_set_tier (customer, tier);
  rapport_customer_set_potential (customer, potential);
  rapport_customer_set_owner_id (customer, sqlite3_column_int64 (stmt, 8));
  rapport_customer_set_source (customer, _rapport_store_column_text (stmt, 9));
  rapport_customer_set_industry (customer, _rapport_store_column_text (stmt, 10));
  rapport_customer_set_region (customer, _rapport_store_column_text (stmt, 11));
  rapport_customer_set_address (customer, _rapport_store_column_text (stmt, 12));
  rapport_customer_set_website (customer, _rapport_store_column_text (stmt, 13));
  rapport_customer_set_birthday (customer, _rapport_store_column_text (stmt, 14));
  rapport_customer_set_birthday_lunar (customer, sqlite3_column_int (stmt, 15) != 0);
  rapport_customer_set_notes (customer, _rapport_store_column_text (stmt, 16));
  rapport_customer_set_last_interaction_at (customer, sqlite3_column_int64 (stmt, 17));
  rapport_customer_set_created_at (customer, sqlite3_column_int64 (stmt, 18));
  rapport_customer_set_updated_at (customer, sqlite3_column_int64 (stmt, 19));
  rapport_customer_set_deleted_at (customer, sqlite3_column_int64 (stmt, 20));
  rapport_customer_set_do_not_contact (customer, sqlite3_column_int (stmt, 21) != 0);
  rapport_customer_set_do_not_contact_reason (customer, _rapport_store_column_text (stmt, 22));

  return customer;
}

/**
 * _rapport_store_read_customer_rows:
 * @ids: customer ids
 * @n_ids: how many
 *
 * The customers' own rows, in one statement, without their phones, e-mails
 * and tags: what a list row shows. Missing ids are left out.
 *
 * Returns: (transfer full): a #GPtrArray of #RapportCustomer, or %NULL
 */
GPtrArray *
_rapport_store_read_customer_rows (RapportDatabase  *db,
                                   const gint64     *ids,
                                   guint             n_ids,
                                   GError          **error)
{
  g_autoptr (GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GString) json = g_string_new ("[");
  int rc;

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  stmt = _rapport_database_prepare (db,
                                    "SELECT " CUSTOMER_COLUMNS " FROM customer"
                                    " WHERE id IN (SELECT value FROM json_each (?1))",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, json->str, json->len, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (customers, customer_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the customer list"));
      return NULL;
    }

  return g_steal_pointer (&customers);
}

/**
 * rapport_store_get_customer:
 *
 * Returns: (transfer full): the customer with its phones, e-mails, tags and
 *   last-interaction-at, or %NULL with %RAPPORT_DATABASE_ERROR_NOT_FOUND
 */
RapportCustomer *
rapport_store_get_customer (RapportDatabase  *db,
                            gint64            id,
                            GError          **error)
{
  g_autoptr (RapportCustomer) customer = NULL;
  g_auto (GStrv) phones = NULL;
  g_auto (GStrv) emails = NULL;
  g_auto (GStrv) tags = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    g_autoptr (RapportStatement) stmt = NULL;
    int rc;

    stmt = _rapport_database_prepare (db, "SELECT " CUSTOMER_COLUMNS " FROM customer WHERE id = ?1", error);
    if (stmt == NULL)
      return NULL;

    sqlite3_bind_int64 (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CUSTOMER, id);
        return NULL;
      }
    if (rc != SQLITE_ROW)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the customer"));
        return NULL;
      }

    customer = customer_from_row (stmt);
  }

  phones = _rapport_store_load_channels (db, id, 0, "phone", error);
  if (phones == NULL)
    return NULL;
  emails = _rapport_store_load_channels (db, id, 0, "email", error);
  if (emails == NULL)
    return NULL;
  tags = _rapport_store_load_tags (db, id, error);
  if (tags == NULL)
    return NULL;

  rapport_customer_set_phones (customer, (const char * const *) phones);
  rapport_customer_set_emails (customer, (const char * const *) emails);
  rapport_customer_set_tags (customer, (const char * const *) tags);

  return g_steal_pointer (&customer);
}

static gboolean
set_customer_deleted (RapportDatabase  *db,
                      gint64            id,
                      gboolean          deleted,
                      GError          **error)
{
  gint64 now;
  int changes;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!_rapport_store_customer_exists (db, id, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    if (deleted)
      stmt = _rapport_database_prepare (db,
                                        "UPDATE customer SET deleted_at = ?2, updated_at = ?2 "
                                        "WHERE id = ?1 AND deleted_at IS NULL",
                                        error);
    else
      stmt = _rapport_database_prepare (db,
                                        "UPDATE customer SET deleted_at = NULL, updated_at = ?2 "
                                        "WHERE id = ?1 AND deleted_at IS NOT NULL",
                                        error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not move the customer"), error))
      goto fail;

    changes = sqlite3_changes (_rapport_database_get_handle (db));
  }

  if (changes > 0)
    {
      if (!_rapport_store_count_tags (db, id, deleted ? -1 : 1, error) ||
          !_rapport_search_index_update_customer (db, id, error))
        goto fail;

      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, id, id,
                                      deleted ? RAPPORT_CHANGE_TRASHED : RAPPORT_CHANGE_RESTORED);
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_trash_customer:
 *
 * Moves the customer to the Trash: it disappears from lists and search, with
 * its contacts, interactions and orders, until restored. Trashing a trashed
 * customer does nothing.
 */
gboolean
rapport_store_trash_customer (RapportDatabase  *db,
                              gint64            id,
                              GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_customer_deleted (db, id, TRUE, error);
}

gboolean
rapport_store_restore_customer (RapportDatabase  *db,
                                gint64            id,
                                GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_customer_deleted (db, id, FALSE, error);
}

/**
 * rapport_store_propose_customer_code:
 *
 * Returns: (transfer full): the prefix of @name's code followed by the next
 *   number free for it ("SY001", then "SY002", …), or %NULL when the
 *   database cannot be read
 */
char *
rapport_store_propose_customer_code (RapportDatabase *db,
                                     const char      *name)
{
  g_autoptr (GError) error = NULL;
  char *code;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);

  code = propose_code (db, name != NULL ? name : "", &error);
  if (code == NULL)
    g_warning ("Could not propose a code: %s", error->message);

  return code;
}

gboolean
rapport_store_customer_code_in_use (RapportDatabase *db,
                                    const char      *code,
                                    gint64           except_id)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *trimmed = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  if (code == NULL)
    return FALSE;

  trimmed = rapport_customer_code_normalize (code);
  if (!find_code_owner (db, trimmed, except_id, NULL, NULL, &found, &error))
    g_warning ("Could not check a code: %s", error->message);

  return found;
}

/**
 * rapport_store_count_customers:
 *
 * Returns: the number of customers not in the Trash
 */
guint
rapport_store_count_customers (RapportDatabase *db)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);

  stmt = _rapport_database_prepare (db, "SELECT count (*) FROM customer WHERE deleted_at IS NULL", &error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_warning ("Could not count customers: %s",
                 error != NULL ? error->message : sqlite3_errmsg (_rapport_database_get_handle (db)));
      return 0;
    }

  return sqlite3_column_int (stmt, 0);
}

void
rapport_customer_summary_clear (RapportCustomerSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->last_order_on, g_free);
  g_clear_pointer (&summary->order_currency, g_free);
  memset (summary, 0, sizeof *summary);
}

/**
 * rapport_store_get_customer_summary:
 * @default_currency: the currency to total in when orders are in several
 *   (or none)
 * @summary: (out caller-allocates): clear it with rapport_customer_summary_clear()
 *
 * Counts and totals of the customer's live interactions and orders.
 */
gboolean
rapport_store_get_customer_summary (RapportDatabase         *db,
                                    gint64                   customer_id,
                                    const char              *default_currency,
                                    RapportCustomerSummary  *summary,
                                    GError                 **error)
{
  sqlite3 *handle;
  guint n_currencies = 0;
  g_autofree char *only_currency = NULL;
  gint64 only_total = 0;
  gint64 default_total = 0;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  handle = _rapport_database_get_handle (db);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "SELECT last_interaction_at, "
                                      "  (SELECT count (*) FROM interaction WHERE customer_id = ?1 AND deleted_at IS NULL) "
                                      "FROM customer WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, customer_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id);
    if (rc != SQLITE_ROW)
      {
        _rapport_database_set_error (error, handle, _("Could not read the customer"));
        return FALSE;
      }

    summary->last_interaction_at = sqlite3_column_int64 (stmt, 0);
    summary->n_interactions = sqlite3_column_int (stmt, 1);
  }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "SELECT currency, sum (amount), count (*), max (ordered_on) FROM orders "
                                      "WHERE customer_id = ?1 AND deleted_at IS NULL GROUP BY currency",
                                      error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, customer_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *currency = _rapport_store_column_text (stmt, 0);
        const char *last = _rapport_store_column_text (stmt, 3);

        n_currencies++;
        summary->n_orders += sqlite3_column_int (stmt, 2);

        if (last != NULL && g_strcmp0 (last, summary->last_order_on) > 0)
          {
            g_free (summary->last_order_on);
            summary->last_order_on = g_strdup (last);
          }

        if (n_currencies == 1)
          {
            only_currency = g_strdup (currency);
            only_total = sqlite3_column_int64 (stmt, 1);
          }

        if (g_strcmp0 (currency, default_currency) == 0)
          default_total = sqlite3_column_int64 (stmt, 1);
      }

    if (rc != SQLITE_DONE)
      {
        rapport_customer_summary_clear (summary);
        _rapport_database_set_error (error, handle, _("Could not read the orders"));
        return FALSE;
      }
  }

  /* Amounts in different currencies are never added together. */
  if (n_currencies == 1)
    {
      summary->order_currency = g_steal_pointer (&only_currency);
      summary->order_total = only_total;
    }
  else
    {
      summary->order_currency = g_strdup (default_currency);
      summary->order_total = default_total;
    }

  return TRUE;
}
