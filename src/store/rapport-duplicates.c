/* rapport-duplicates.c
 *
 * Duplicates caught at the door: live customers and contacts sharing a
 * normalised phone number or e-mail address with what is being entered, or
 * customers with the same normalised name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-duplicates"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-duplicate.h"
#include "rapport-email.h"
#include "rapport-phone.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

typedef enum
{
  MATCH_PHONE,
  MATCH_EMAIL,
} MatchKind;

typedef struct
{
  GListStore *store;
  GHashTable *seen;   /* "customer:contact" already in @store */
  gint64      except_customer_id;
  gint64      except_contact_id;
} Collector;

static void
collect (Collector   *collector,
         gint64       customer_id,
         gint64       contact_id,
         const char  *contact_name,
         const char  *customer_name,
         const char  *reason)
{
  g_autoptr (RapportDuplicate) duplicate = NULL;
  char *key;

  if (customer_id == collector->except_customer_id && contact_id == 0)
    return;
  if (contact_id != 0 && contact_id == collector->except_contact_id)
    return;

  key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, customer_id, contact_id);
  if (!g_hash_table_add (collector->seen, key))
    return;

  duplicate = rapport_duplicate_new (customer_id, contact_id,
                                     contact_id != 0 ? contact_name : customer_name,
                                     customer_name, reason);
  g_list_store_append (collector->store, duplicate);
}

static char *
make_reason (MatchKind   kind,
             const char *contact_name,
             const char *customer_name)
{
  g_autofree char *who = NULL;

  if (contact_name != NULL)
    /* Translators: a contact and the customer they work at, e.g. "Li Wei at Acme Trading" */
    who = g_strdup_printf (_("%s at %s"), contact_name, customer_name);
  else
    who = g_strdup (customer_name);

  if (kind == MATCH_PHONE)
    /* Translators: %s is a customer, or a contact at a customer */
    return g_strdup_printf (_("Same phone number as %s"), who);
  else
    /* Translators: %s is a customer, or a contact at a customer */
    return g_strdup_printf (_("Same e-mail as %s"), who);
}

static gboolean
find_channel (RapportDatabase  *db,
              Collector        *collector,
              MatchKind         kind,
              const char       *value,
              GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT ch.customer_id, ch.contact_id, ct.name, c.name FROM channel ch "
                                    "JOIN customer c ON c.id = ch.customer_id "
                                    "LEFT JOIN contact ct ON ct.id = ch.contact_id "
                                    "WHERE ch.kind = ?1 AND ch.value = ?2 AND c.deleted_at IS NULL "
                                    "  AND (ch.contact_id IS NULL OR ct.deleted_at IS NULL) "
                                    "ORDER BY ch.customer_id, ch.contact_id",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind == MATCH_PHONE ? "phone" : "email", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 contact_id = sqlite3_column_int64 (stmt, 1);
      const char *contact_name = contact_id != 0 ? _rapport_store_column_text (stmt, 2) : NULL;
      const char *customer_name = _rapport_store_column_text (stmt, 3);
      g_autofree char *reason = make_reason (kind, contact_name, customer_name);

      collect (collector, sqlite3_column_int64 (stmt, 0), contact_id, contact_name, customer_name, reason);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not look for duplicates"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
find_name (RapportDatabase  *db,
           Collector        *collector,
           const char       *name_match,
           GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT id, name FROM customer "
                                    "WHERE name_match = ?1 AND deleted_at IS NULL ORDER BY id",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name_match, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    collect (collector, sqlite3_column_int64 (stmt, 0), 0, NULL,
             _rapport_store_column_text (stmt, 1), _("Same name"));

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not look for duplicates"));
      return FALSE;
    }

  return TRUE;
}

/**
 * rapport_store_find_duplicates:
 * @name: (nullable): a customer name; matched against customers' names
 * @phones: (nullable): phone numbers as typed (invalid ones are skipped)
 * @emails: (nullable): e-mail addresses as typed (invalid ones are skipped)
 *
 * Phones and e-mails are matched against every live customer and contact;
 * phone and e-mail matches come first, each match once.
 *
 * Returns: (transfer full): a #GListModel of #RapportDuplicate
 */
GListModel *
rapport_store_find_duplicates (RapportDatabase     *db,
                               const char          *name,
                               const char * const  *phones,
                               const char * const  *emails,
                               gint64               except_customer_id,
                               gint64               except_contact_id,
                               GError             **error)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_DUPLICATE);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Collector collector = { store, seen, except_customer_id, except_contact_id };
  const char *country;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  country = rapport_database_get_default_country_code (db);

  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    {
      g_autofree char *normalized = NULL;

      if (_rapport_store_is_blank (phones[i]) ||
          !rapport_phone_normalize (phones[i], country, &normalized, NULL))
        continue;

      if (!find_channel (db, &collector, MATCH_PHONE, normalized, error))
        return NULL;
    }

  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    {
      g_autofree char *normalized = NULL;

      if (_rapport_store_is_blank (emails[i]) ||
          !rapport_email_normalize (emails[i], &normalized, NULL))
        continue;

      if (!find_channel (db, &collector, MATCH_EMAIL, normalized, error))
        return NULL;
    }

  if (!_rapport_store_is_blank (name))
    {
      g_autofree char *name_match = rapport_name_normalize_for_match (name);

      if (name_match[0] != '\0' && !find_name (db, &collector, name_match, error))
        return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}
