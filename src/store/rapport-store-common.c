/* rapport-store-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-store-common"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-date.h"
#include "rapport-email.h"
#include "rapport-phone.h"
#include "rapport-text.h"
#include "rapport-store-private.h"

void
_rapport_store_new_uuid (char uuid[RAPPORT_UUID_LEN])
{
  static const char hex[] = "0123456789abcdef";
  static GMutex lock;
  static guint64 last_ms;
  static guint sequence;
  guint8 bytes[16];
  guint64 ms;
  char *p = uuid;

  /* Version 7 (RFC 9562): a millisecond timestamp, a counter, then random
   * bits. Ids made one after the other sort one after the other, so the
   * uuid indexes grow at their end instead of at random pages, which keeps
   * bulk inserts fast. The timestamp only orders ids; it is not data, so it
   * comes from the system rather than from the database's clock. */
  g_mutex_lock (&lock);
  ms = g_get_real_time () / 1000;
  if (ms <= last_ms)
    {
      ms = last_ms;
      if (++sequence > 0xfff)
        {
          ms++;
          sequence = 0;
        }
    }
  else
    {
      sequence = g_random_int_range (0, 0x800);
    }
  last_ms = ms;
  g_mutex_unlock (&lock);

  for (guint i = 0; i < 6; i++)
    bytes[i] = (ms >> (8 * (5 - i))) & 0xff;
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  for (guint i = 8; i < 16; i += 4)
    {
      guint32 r = g_random_int ();
      memcpy (bytes + i, &r, sizeof r);
    }
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0x0f];
    }
  *p = '\0';
}

gboolean
_rapport_store_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Bound without a copy: callers step the statement while @text lives, and
 * bind every parameter again before the next step. */
void
_rapport_store_bind_text (sqlite3_stmt *stmt,
                          int           index,
                          const char   *text)
{
  if (text == NULL || text[0] == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

void
_rapport_store_bind_id (sqlite3_stmt *stmt,
                        int           index,
                        gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

const char *
_rapport_store_column_text (sqlite3_stmt *stmt,
                            int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

gboolean
_rapport_store_invalid (GError **error,
                        GError  *validation_error)
{
  g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                       validation_error->message);
  g_error_free (validation_error);
  return FALSE;
}

gboolean
_rapport_store_not_found (GError            **error,
                          RapportEntityKind   kind,
                          gint64              id)
{
  const char *message;

  switch (kind)
    {
    case RAPPORT_ENTITY_KIND_CUSTOMER:
      message = _("The customer no longer exists");
      break;
    case RAPPORT_ENTITY_KIND_CONTACT:
      message = _("The contact no longer exists");
      break;
    case RAPPORT_ENTITY_KIND_INTERACTION:
      message = _("The interaction no longer exists");
      break;
    case RAPPORT_ENTITY_KIND_ORDER:
      message = _("The order no longer exists");
      break;
    case RAPPORT_ENTITY_KIND_FOLLOW_UP:
      message = _("The follow-up no longer exists");
      break;
    case RAPPORT_ENTITY_KIND_OPPORTUNITY:
      message = _("The opportunity no longer exists");
      break;
    case RAPPORT_ENTITY_KIND_PIPELINE_STAGE:
      message = _("The pipeline stage no longer exists");
      break;
    case RAPPORT_ENTITY_KIND_PLAN_STEP:
      message = _("The plan step no longer exists");
      break;
    case RAPPORT_ENTITY_KIND_LOST_REASON:
      message = _("The lost reason no longer exists");
      break;
    case RAPPORT_ENTITY_KIND_SERVICE_REQUEST:
      message = _("The service request no longer exists");
      break;
    case RAPPORT_ENTITY_KIND_TAG:
    case RAPPORT_ENTITY_KIND_USER:
    default:
      message = _("The item no longer exists");
      break;
    }

  g_debug ("Not found: %s %" G_GINT64_FORMAT, rapport_entity_kind_to_string (kind), id);
  g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND, message);
  return FALSE;
}

gboolean
_rapport_store_check_name (const char  *name,
                           char       **out,
                           GError     **error)
{
  GError *local_error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (!rapport_name_validate (trimmed, &local_error))
    return _rapport_store_invalid (error, local_error);

  *out = g_steal_pointer (&trimmed);
  return TRUE;
}

gboolean
_rapport_store_check_date (const char  *date,
                           const char  *field_label,
                           gboolean     required,
                           GError     **error)
{
  GError *local_error = NULL;

  if (date == NULL || date[0] == '\0')
    {
      if (!required)
        return TRUE;

      /* Translators: %s is a field, e.g. "Order date" */
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                   _("%s is required"), field_label);
      return FALSE;
    }

  if (!rapport_date_validate (date, &local_error))
    return _rapport_store_invalid (error, local_error);

  return TRUE;
}

static gboolean
contains_string (GPtrArray  *array,
                 const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static GStrv
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

gboolean
_rapport_store_normalize_phones (RapportDatabase     *db,
                                 const char * const  *phones,
                                 GStrv               *out,
                                 GError             **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  const char *country = rapport_database_get_default_country_code (db);

  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    {
      GError *local_error = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (phones[i]));
      char *normalized = NULL;

      if (trimmed[0] == '\0')
        continue;

      if (!rapport_phone_normalize (trimmed, country, &normalized, &local_error))
        return _rapport_store_invalid (error, local_error);

      if (contains_string (result, normalized))
        g_free (normalized);
      else
        g_ptr_array_add (result, normalized);
    }

  *out = steal_strv (g_steal_pointer (&result));
  return TRUE;
}

gboolean
_rapport_store_normalize_emails (const char * const  *emails,
                                 GStrv               *out,
                                 GError             **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    {
      GError *local_error = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (emails[i]));
      char *normalized = NULL;

      if (trimmed[0] == '\0')
        continue;

      if (!rapport_email_normalize (trimmed, &normalized, &local_error))
        return _rapport_store_invalid (error, local_error);

      if (contains_string (result, normalized))
        g_free (normalized);
      else
        g_ptr_array_add (result, normalized);
    }

  *out = steal_strv (g_steal_pointer (&result));
  return TRUE;
}

GStrv
_rapport_store_load_channels (RapportDatabase  *db,
                              gint64            customer_id,
                              gint64            contact_id,
                              const char       *kind,
                              GError          **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  if (contact_id == 0)
    {
      stmt = _rapport_database_prepare (db,
                                        "SELECT value FROM channel "
                                        "WHERE customer_id = ?1 AND contact_id IS NULL AND kind = ?2 "
                                        "ORDER BY position",
                                        error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, customer_id);
    }
  else
    {
      stmt = _rapport_database_prepare (db,
                                        "SELECT value FROM channel "
                                        "WHERE contact_id = ?1 AND kind = ?2 "
                                        "ORDER BY position",
                                        error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, contact_id);
    }

  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, g_strdup (_rapport_store_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not read phones and e-mails"));
      return NULL;
    }

  return steal_strv (g_steal_pointer (&result));
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  guint i;

  for (i = 0; a != NULL && a[i] != NULL; i++)
    if (b == NULL || b[i] == NULL || strcmp (a[i], b[i]) != 0)
      return FALSE;

  return b == NULL || b[i] == NULL;
}

static gboolean
insert_channels (RapportDatabase     *db,
                 gint64               customer_id,
                 gint64               contact_id,
                 const char          *kind,
                 const char * const  *values,
                 gint64               now,
                 GError             **error)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autoptr (RapportStatement) stmt = NULL;
      char uuid[RAPPORT_UUID_LEN];

      _rapport_store_new_uuid (uuid);

      stmt = _rapport_database_prepare (db,
                                        "INSERT INTO channel (uuid, customer_id, contact_id, kind, value, "
                                        "                     position, created_at, updated_at) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                                        error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, customer_id);
      _rapport_store_bind_id (stmt, 3, contact_id);
      sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, values[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, i);
      sqlite3_bind_int64 (stmt, 7, now);

      if (!_rapport_database_step_done (db, stmt, _("Could not save phones and e-mails"), error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_rapport_store_save_channels (RapportDatabase     *db,
                              gint64               customer_id,
                              gint64               contact_id,
                              const char * const  *phones,
                              const char * const  *emails,
                              gboolean             is_new,
                              gboolean            *changed,
                              GError             **error)
{
  gint64 now = _rapport_database_now (db);

  if (changed != NULL)
    *changed = FALSE;

  if (!is_new)
    {
      g_auto (GStrv) old_phones = NULL;
      g_auto (GStrv) old_emails = NULL;
      g_autoptr (RapportStatement) stmt = NULL;

      old_phones = _rapport_store_load_channels (db, customer_id, contact_id, "phone", error);
      if (old_phones == NULL)
        return FALSE;
      old_emails = _rapport_store_load_channels (db, customer_id, contact_id, "email", error);
      if (old_emails == NULL)
        return FALSE;

      if (strv_equal ((const char * const *) old_phones, phones) &&
          strv_equal ((const char * const *) old_emails, emails))
        return TRUE;

      if (contact_id == 0)
        {
          stmt = _rapport_database_prepare (db,
                                            "DELETE FROM channel WHERE customer_id = ?1 AND contact_id IS NULL",
                                            error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, customer_id);
        }
      else
        {
          stmt = _rapport_database_prepare (db, "DELETE FROM channel WHERE contact_id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, contact_id);
        }

      if (!_rapport_database_step_done (db, stmt, _("Could not save phones and e-mails"), error))
        return FALSE;
    }

  if (!insert_channels (db, customer_id, contact_id, "phone", phones, now, error) ||
      !insert_channels (db, customer_id, contact_id, "email", emails, now, error))
    return FALSE;

  if (changed != NULL)
    *changed = !is_new ||
               (phones != NULL && phones[0] != NULL) ||
               (emails != NULL && emails[0] != NULL);

  return TRUE;
}

gboolean
_rapport_store_customer_exists (RapportDatabase  *db,
                                gint64            customer_id,
                                GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT 1 FROM customer WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not read the customer"));
      return FALSE;
    }

  return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id);
}

gboolean
_rapport_store_refresh_last_interaction (RapportDatabase  *db,
                                         gint64            customer_id,
                                         GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  _rapport_database_forget_last_interaction (db, customer_id);

  stmt = _rapport_database_prepare (db,
                                    "UPDATE customer SET last_interaction_at = "
                                    "  (SELECT coalesce (max (occurred_at), 0) FROM interaction "
                                    "   WHERE customer_id = ?1 AND deleted_at IS NULL) "
                                    "WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);

  return _rapport_database_step_done (db, stmt, _("Could not save the customer"), error);
}

GStrv
_rapport_store_clean_tags (const char * const *tags)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *trimmed = rapport_text_normalize (tags[i]);
      char *folded;

      if (trimmed[0] == '\0')
        continue;

      folded = g_utf8_casefold (trimmed, -1);
      if (g_hash_table_contains (seen, folded))
        {
          g_free (folded);
          continue;
        }

      g_hash_table_add (seen, folded);
      g_ptr_array_add (result, g_steal_pointer (&trimmed));
    }

  return steal_strv (g_steal_pointer (&result));
}

GStrv
_rapport_store_load_tags (RapportDatabase  *db,
                          gint64            customer_id,
                          GError          **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
                                    "WHERE ct.customer_id = ?1 ORDER BY t.name",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, g_strdup (_rapport_store_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the tags"));
      return NULL;
    }

  return steal_strv (g_steal_pointer (&result));
}

static gboolean
tag_lists_equal (const char * const *a,
                 const char * const *b)
{
  guint na = a != NULL ? g_strv_length ((GStrv) a) : 0;
  guint nb = b != NULL ? g_strv_length ((GStrv) b) : 0;

  if (na != nb)
    return FALSE;

  for (guint i = 0; i < na; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < nb && !found; j++)
        found = strcmp (a[i], b[j]) == 0;

      if (!found)
        return FALSE;
    }

  return TRUE;
}

static gboolean
find_or_create_tag (RapportDatabase  *db,
                    const char       *name,
                    gint64           *tag_id,
                    GError          **error)
{
  int rc;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, "SELECT id FROM tag WHERE name = ?1", error);

    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        *tag_id = sqlite3_column_int64 (stmt, 0);
        return TRUE;
      }
    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the tags"));
        return FALSE;
      }
  }

  {
    g_autoptr (RapportStatement) stmt = NULL;
    char uuid[RAPPORT_UUID_LEN];
    gint64 now = _rapport_database_now (db);

    _rapport_store_new_uuid (uuid);
    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO tag (uuid, name, created_at, updated_at) "
                                      "VALUES (?1, ?2, ?3, ?3)",
                                      error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 3, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the tags"), error))
      return FALSE;

    *tag_id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
    _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_TAG, *tag_id, 0, RAPPORT_CHANGE_INSERTED);
  }

  return TRUE;
}

/**
 * _rapport_store_count_tags:
 *
 * Adds @delta to the live-customer count of each tag of @customer_id: the
 * customer was trashed (-1) or restored (+1), or its links are about to go.
 */
gboolean
_rapport_store_count_tags (RapportDatabase  *db,
                           gint64            customer_id,
                           int               delta,
                           GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = _rapport_database_prepare (db,
                                    "UPDATE tag SET n_live = n_live + ?2"
                                    " WHERE id IN (SELECT tag_id FROM customer_tag WHERE customer_id = ?1)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, delta);

  return _rapport_database_step_done (db, stmt, _("Could not save the tags"), error);
}

static gboolean
customer_is_live (RapportDatabase  *db,
                  gint64            customer_id,
                  gboolean         *live,
                  GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT deleted_at IS NULL FROM customer WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the database"));
      return FALSE;
    }
  *live = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;

  return TRUE;
}

gboolean
_rapport_store_save_tags (RapportDatabase     *db,
                          gint64               customer_id,
                          const char * const  *tags,
                          gboolean             is_new,
                          gboolean            *changed,
                          GError             **error)
{
  /* A new customer is live; the links of a trashed one do not count. */
  gboolean live = TRUE;

  if (changed != NULL)
    *changed = FALSE;

  if (!is_new)
    {
      g_auto (GStrv) old_tags = _rapport_store_load_tags (db, customer_id, error);
      g_autoptr (RapportStatement) stmt = NULL;

      if (old_tags == NULL)
        return FALSE;

      if (tag_lists_equal ((const char * const *) old_tags, tags))
        return TRUE;

      if (!customer_is_live (db, customer_id, &live, error))
        return FALSE;
      if (live && !_rapport_store_count_tags (db, customer_id, -1, error))
        return FALSE;

      stmt = _rapport_database_prepare (db, "DELETE FROM customer_tag WHERE customer_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      if (!_rapport_database_step_done (db, stmt, _("Could not save the tags"), error))
        return FALSE;
    }

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autoptr (RapportStatement) stmt = NULL;
      gint64 tag_id = 0;

      if (!find_or_create_tag (db, tags[i], &tag_id, error))
        return FALSE;

      stmt = _rapport_database_prepare (db,
                                        "INSERT OR IGNORE INTO customer_tag (customer_id, tag_id) VALUES (?1, ?2)",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      if (!_rapport_database_step_done (db, stmt, _("Could not save the tags"), error))
        return FALSE;

      /* (A tag named twice is linked once.) */
      if (live && sqlite3_changes (_rapport_database_get_handle (db)) > 0)
        {
          g_autoptr (RapportStatement) count = NULL;

          count = _rapport_database_prepare (db, "UPDATE tag SET n_live = n_live + 1 WHERE id = ?1", error);
          if (count == NULL)
            return FALSE;
          sqlite3_bind_int64 (count, 1, tag_id);
          if (!_rapport_database_step_done (db, count, _("Could not save the tags"), error))
            return FALSE;
        }
    }

  if (!is_new && !_rapport_store_remove_unused_tags (db, error))
    return FALSE;

  if (changed != NULL)
    *changed = !is_new || (tags != NULL && tags[0] != NULL);

  return TRUE;
}

gboolean
_rapport_store_remove_unused_tags (RapportDatabase  *db,
                                   GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "SELECT id FROM tag WHERE NOT EXISTS "
                                      "  (SELECT 1 FROM customer_tag WHERE tag_id = tag.id)",
                                      error);
    if (stmt == NULL)
      return FALSE;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
      }

    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not save the tags"));
        return FALSE;
      }
  }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, "DELETE FROM tag WHERE id = ?1", error);
      gint64 id = g_array_index (ids, gint64, i);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!_rapport_database_step_done (db, stmt, _("Could not save the tags"), error))
        return FALSE;

      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_TAG, id, 0, RAPPORT_CHANGE_DELETED);
    }

  return TRUE;
}

static gboolean
set_deleted (RapportDatabase     *db,
             const char          *table,
             RapportEntityKind    kind,
             gint64               id,
             gboolean             deleted,
             gint64              *customer_id,
             gboolean            *changed,
             GError             **error)
{
  g_autofree char *select_sql = g_strdup_printf ("SELECT customer_id, deleted_at IS NOT NULL FROM %s WHERE id = ?1", table);
  g_autofree char *update_sql = g_strdup_printf ("UPDATE %s SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1", table);
  gint64 now = _rapport_database_now (db);
  gboolean was_deleted;
  int rc;

  *changed = FALSE;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, select_sql, error);

    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      return _rapport_store_not_found (error, kind, id);
    if (rc != SQLITE_ROW)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the database"));
        return FALSE;
      }

    *customer_id = sqlite3_column_int64 (stmt, 0);
    was_deleted = sqlite3_column_int (stmt, 1) != 0;
  }

  if (was_deleted == deleted)
    return TRUE;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, update_sql, error);

    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, id);
    if (deleted)
      sqlite3_bind_int64 (stmt, 2, now);
    else
      sqlite3_bind_null (stmt, 2);
    sqlite3_bind_int64 (stmt, 3, now);

    if (!_rapport_database_step_done (db, stmt, _("Could not move the item"), error))
      return FALSE;
  }

  *changed = TRUE;
  return TRUE;
}

gboolean
_rapport_store_set_trashed (RapportDatabase     *db,
                            const char          *table,
                            RapportEntityKind    kind,
                            gint64               id,
                            gboolean             deleted,
                            RapportTrashedFunc   then,
                            GError             **error)
{
  gint64 customer_id = 0;
  gboolean changed = FALSE;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if (!set_deleted (db, table, kind, id, deleted, &customer_id, &changed, error))
    goto fail;

  if (changed)
    {
      if (then != NULL && !then (db, id, customer_id, error))
        goto fail;

      _rapport_database_queue_change (db, kind, id, customer_id,
                                      deleted ? RAPPORT_CHANGE_TRASHED : RAPPORT_CHANGE_RESTORED);
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}
