/* rapport-recipients.c
 *
 * Who a bulk send or a greeting goes to: the customers an audience matches
 * (not in the Trash), and with include-contacts their contacts, each with the
 * first e-mail and phone of its own (a company customer without one of its
 * own falls back to its primary contact's, unless the contacts are
 * recipients themselves). Those without an address or marked do-not-contact
 * are listed too: the caller shows them as skipped, with the reason.
 *
 * A customer without an owner is the default user's (rapport-store.h). One
 * query for the customers and one for the contacts; the addresses come from
 * one pass over the channel table, cheaper at 100,000 customers than four
 * index lookups a row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-recipients"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-store-private.h"

void
rapport_recipient_free (RapportRecipient *recipient)
{
  if (recipient == NULL)
    return;

  g_free (recipient->name);
  g_free (recipient->contact_name);
  g_free (recipient->contact_title);
  g_free (recipient->company);
  g_free (recipient->code);
  g_free (recipient->owner);
  g_free (recipient->email);
  g_free (recipient->phone);
  g_free (recipient->birthday);
  g_free (recipient->do_not_contact_reason);
  g_free (recipient);
}

RapportRecipient *
rapport_recipient_copy (const RapportRecipient *recipient)
{
  RapportRecipient *copy;

  g_return_val_if_fail (recipient != NULL, NULL);

  copy = g_memdup2 (recipient, sizeof *recipient);
  copy->name = g_strdup (recipient->name);
  copy->contact_name = g_strdup (recipient->contact_name);
  copy->contact_title = g_strdup (recipient->contact_title);
  copy->company = g_strdup (recipient->company);
  copy->code = g_strdup (recipient->code);
  copy->owner = g_strdup (recipient->owner);
  copy->email = g_strdup (recipient->email);
  copy->phone = g_strdup (recipient->phone);
  copy->birthday = g_strdup (recipient->birthday);
  copy->do_not_contact_reason = g_strdup (recipient->do_not_contact_reason);
  return copy;
}

/* The first e-mail and phone of a customer's own or of a contact. */
typedef struct
{
  gint64  id;     /* the key: a customer's or a contact's id */
  char   *email;
  char   *phone;
} Addresses;

static void
addresses_free (gpointer data)
{
  Addresses *addresses = data;

  g_free (addresses->email);
  g_free (addresses->phone);
  g_free (addresses);
}

/* Every channel row in one pass, in position order: @own maps a customer's
 * id to its own addresses, @of_contacts a contact's id to the contact's. */
/* Every address, or (@customer_id not 0) one customer's and its contacts'. */
static gboolean
load_addresses (RapportDatabase  *db,
                gint64            customer_id,
                GHashTable       *own,
                GHashTable       *of_contacts,
                GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    customer_id != 0
                                    ? "SELECT customer_id, contact_id, kind = 'email', value FROM channel "
                                      "WHERE customer_id = ?1 ORDER BY customer_id, contact_id, kind, position"
                                    : "SELECT customer_id, contact_id, kind = 'email', value FROM channel "
                                      "ORDER BY customer_id, contact_id, kind, position",
                                    error);
  if (stmt == NULL)
    return FALSE;
  if (customer_id != 0)
    sqlite3_bind_int64 (stmt, 1, customer_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 contact_id = sqlite3_column_int64 (stmt, 1);
      gint64 id = contact_id != 0 ? contact_id : sqlite3_column_int64 (stmt, 0);
      GHashTable *table = contact_id != 0 ? of_contacts : own;
      Addresses *addresses = g_hash_table_lookup (table, &id);
      char **slot;

      if (addresses == NULL)
        {
          addresses = g_new0 (Addresses, 1);
          addresses->id = id;
          g_hash_table_insert (table, &addresses->id, addresses);
        }

      slot = sqlite3_column_int (stmt, 2) ? &addresses->email : &addresses->phone;
      if (*slot == NULL)
        *slot = g_strdup (_rapport_store_column_text (stmt, 3));
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the recipients"));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GHashTable *own;
  GHashTable *of_contacts;
  gboolean    fallback_to_primary;
} AddressBook;

/* Appends the audience's filters on customer c, numbering parameters from
 * *@index; binds them later in the same order (bind_filters). */
static void
append_filters (GString               *sql,
                const RapportAudience *audience,
                gint64                 customer_id,
                int                   *index)
{
  guint n;

  if (customer_id != 0)
    g_string_append_printf (sql, " AND c.id = ?%d", (*index)++);

  n = audience->tiers != NULL ? g_strv_length (audience->tiers) : 0;
  if (n > 0)
    {
      g_string_append (sql, " AND c.tier IN (");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (sql, "%s?%d", i > 0 ? ", " : "", (*index)++);
      g_string_append (sql, ")");
    }

  n = audience->stages != NULL ? g_strv_length (audience->stages) : 0;
  if (n > 0)
    {
      g_string_append (sql, " AND c.stage IN (");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (sql, "%s?%d", i > 0 ? ", " : "", (*index)++);
      g_string_append (sql, ")");
    }

  n = rapport_audience_get_n_tag_ids (audience);
  if (n > 0)
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM customer_tag t WHERE t.customer_id = c.id AND t.tag_id IN (");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (sql, "%s?%d", i > 0 ? ", " : "", (*index)++);
      g_string_append (sql, "))");
    }
}

static void
bind_filters (sqlite3_stmt          *stmt,
              const RapportAudience *audience,
              gint64                 customer_id)
{
  int index = 1;

  if (customer_id != 0)
    sqlite3_bind_int64 (stmt, index++, customer_id);

  for (guint i = 0; audience->tiers != NULL && audience->tiers[i] != NULL; i++)
    sqlite3_bind_text (stmt, index++, audience->tiers[i], -1, SQLITE_STATIC);
  for (guint i = 0; audience->stages != NULL && audience->stages[i] != NULL; i++)
    sqlite3_bind_text (stmt, index++, audience->stages[i], -1, SQLITE_STATIC);
  for (guint i = 0; i < rapport_audience_get_n_tag_ids (audience); i++)
    sqlite3_bind_int64 (stmt, index++, rapport_audience_get_tag_id (audience, i));
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           index)
{
  return g_strdup (_rapport_store_column_text (stmt, index));
}

/* Columns of both queries, in this order:
 * 0 customer id, 1 contact id, 2 name, 3 contact name, 4 contact title,
 * 5 company, 6 code, 7 owner, 8 is a contact's row, 9 birthday,
 * 10 birthday lunar, 11 do not contact, 12 reason, 13 last interaction. */
static RapportRecipient *
recipient_from_row (sqlite3_stmt *stmt,
                    AddressBook  *book)
{
  Addresses *addresses;
  RapportRecipient *recipient = g_new0 (RapportRecipient, 1);

  recipient->customer_id = sqlite3_column_int64 (stmt, 0);
  recipient->contact_id = sqlite3_column_int64 (stmt, 1);
  recipient->name = column_dup (stmt, 2);
  recipient->contact_name = column_dup (stmt, 3);
  recipient->contact_title = column_dup (stmt, 4);
  recipient->company = column_dup (stmt, 5);
  recipient->code = column_dup (stmt, 6);
  recipient->owner = column_dup (stmt, 7);
  recipient->birthday = column_dup (stmt, 9);
  recipient->birthday_lunar = sqlite3_column_int (stmt, 10) != 0;
  recipient->do_not_contact = sqlite3_column_int (stmt, 11) != 0;
  recipient->do_not_contact_reason = column_dup (stmt, 12);
  recipient->last_interaction_at = sqlite3_column_int64 (stmt, 13);

  if (sqlite3_column_int (stmt, 8))
    {
      addresses = g_hash_table_lookup (book->of_contacts, &recipient->contact_id);
      if (addresses != NULL)
        {
          recipient->email = g_strdup (addresses->email);
          recipient->phone = g_strdup (addresses->phone);
        }
    }
  else
    {
      Addresses *primary = NULL;

      addresses = g_hash_table_lookup (book->own, &recipient->customer_id);
      if (book->fallback_to_primary && recipient->contact_id != 0)
        primary = g_hash_table_lookup (book->of_contacts, &recipient->contact_id);

      recipient->email = g_strdup (addresses != NULL && addresses->email != NULL ? addresses->email
                                   : primary != NULL ? primary->email : NULL);
      recipient->phone = g_strdup (addresses != NULL && addresses->phone != NULL ? addresses->phone
                                   : primary != NULL ? primary->phone : NULL);
    }

  return recipient;
}

static gboolean
run_into (RapportDatabase        *db,
          const char             *sql,
          const RapportAudience  *audience,
          gint64                  customer_id,
          AddressBook            *book,
          GPtrArray              *out,
          GError                **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_filters (stmt, audience, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, recipient_from_row (stmt, book));

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the recipients"));
      return FALSE;
    }

  return TRUE;
}

/* The customers' own rows (primary contact's id, name and title for a
 * company). NOT INDEXED: reading the table in order and sorting is three times
 * faster at 100,000 customers than walking the name index, which visits the
 * rows in random order; one customer (@customer_id not 0) is looked up by id. */
static char *
customers_sql (const RapportAudience *audience,
               gint64                 customer_id,
               gboolean               persons_with_birthday)
{
  GString *sql = g_string_new (NULL);
  int index = 1;

  g_string_append_printf (sql,
                   "SELECT c.id, p.id, c.name, p.name, p.title, "
                   "  CASE WHEN c.kind = 'company' THEN c.name END, c.code, "
                   "  coalesce (u.name, (SELECT name FROM user ORDER BY id LIMIT 1)), 0, "
                   "  c.birthday, c.birthday_lunar, c.do_not_contact, c.do_not_contact_reason, c.last_interaction_at "
                   "FROM customer c %s"
                   "LEFT JOIN user u ON u.id = c.owner_id "
                   "LEFT JOIN contact p ON p.id = (SELECT id FROM contact WHERE customer_id = c.id AND is_primary "
                   "  AND deleted_at IS NULL ORDER BY id LIMIT 1) "
                   "WHERE c.deleted_at IS NULL",
                   customer_id != 0 ? "" : "NOT INDEXED ");
  if (persons_with_birthday)
    g_string_append (sql, " AND c.kind = 'person' AND c.birthday IS NOT NULL");
  append_filters (sql, audience, customer_id, &index);
  g_string_append (sql, " ORDER BY c.sort_key, c.id");

  return g_string_free (sql, FALSE);
}

/* The contacts of the matching customers. A customer's do-not-contact covers
 * its contacts. NOT INDEXED as for customers_sql. */
static char *
contacts_sql (const RapportAudience *audience,
              gint64                 customer_id,
              gboolean               with_birthday)
{
  GString *sql = g_string_new (NULL);
  int index = 1;

  g_string_append_printf (sql,
                   "SELECT c.id, k.id, k.name, k.name, k.title, "
                   "  CASE WHEN c.kind = 'company' THEN c.name END, c.code, "
                   "  coalesce (u.name, (SELECT name FROM user ORDER BY id LIMIT 1)), 1, "
                   "  k.birthday, k.birthday_lunar, k.do_not_contact OR c.do_not_contact, "
                   "  CASE WHEN k.do_not_contact THEN k.do_not_contact_reason ELSE c.do_not_contact_reason END, "
                   "  c.last_interaction_at "
                   "FROM customer c %s"
                   "JOIN contact k ON k.customer_id = c.id AND k.deleted_at IS NULL "
                   "LEFT JOIN user u ON u.id = c.owner_id "
                   "WHERE c.deleted_at IS NULL",
                   customer_id != 0 ? "" : "NOT INDEXED ");
  if (with_birthday)
    g_string_append (sql, " AND k.birthday IS NOT NULL");
  append_filters (sql, audience, customer_id, &index);
  g_string_append (sql, " ORDER BY c.sort_key, c.id, k.is_primary DESC, k.name_match, k.id");

  return g_string_free (sql, FALSE);
}

static GPtrArray *
list_recipients (RapportDatabase        *db,
                 const RapportAudience  *audience,
                 gint64                  customer_id,
                 GError                **error)
{
  g_autoptr (GPtrArray) recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_recipient_free);
  g_autofree char *customers = NULL;
  g_autoptr (GHashTable) own = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, addresses_free);
  g_autoptr (GHashTable) of_contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, addresses_free);
  AddressBook book = { own, of_contacts, !audience->include_contacts };

  if (!load_addresses (db, customer_id, book.own, book.of_contacts, error))
    return NULL;

  customers = customers_sql (audience, customer_id, FALSE);
  if (!run_into (db, customers, audience, customer_id, &book, recipients, error))
    return NULL;

  if (audience->include_contacts)
    {
      g_autofree char *contacts = contacts_sql (audience, customer_id, FALSE);

      if (!run_into (db, contacts, audience, customer_id, &book, recipients, error))
        return NULL;
    }

  return g_steal_pointer (&recipients);
}

/**
 * rapport_store_list_recipients:
 * @audience: (nullable): NULL is every customer
 *
 * Returns: (transfer full) (element-type RapportRecipient): the customers by
 *   name, then (include-contacts) their contacts; NULL with @error set
 */
GPtrArray *
rapport_store_list_recipients (RapportDatabase        *db,
                               const RapportAudience  *audience,
                               GError                **error)
{
  g_autoptr (RapportAudience) everyone = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (audience == NULL)
    audience = everyone = rapport_audience_new ();

  return list_recipients (db, audience, 0, error);
}

/**
 * rapport_store_list_customer_recipients:
 *
 * One customer as rapport_store_list_recipients has it with include-contacts:
 * its own row, then each of its contacts'; by its id, so it costs what one
 * customer does, not the whole book.
 *
 * Returns: (transfer full) (element-type RapportRecipient): empty for a
 *   customer in the Trash or not there; NULL with @error set
 */
GPtrArray *
rapport_store_list_customer_recipients (RapportDatabase  *db,
                                        gint64            customer_id,
                                        GError          **error)
{
  g_autoptr (RapportAudience) audience = rapport_audience_new ();

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (customer_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  audience->include_contacts = TRUE;
  return list_recipients (db, audience, customer_id, error);
}

/**
 * rapport_store_count_recipients:
 * @audience: (nullable): NULL is every customer
 *
 * How many rows rapport_store_list_recipients would give, counted without
 * reading them (a filter being chosen shows it as it changes).
 */
guint
rapport_store_count_recipients (RapportDatabase        *db,
                                const RapportAudience  *audience,
                                GError                **error)
{
  g_autoptr (RapportAudience) everyone = NULL;
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 count = 0;
  int index = 1;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (audience == NULL)
    audience = everyone = rapport_audience_new ();

  g_string_append (sql, "SELECT count (*)");
  if (audience->include_contacts)
    g_string_append (sql, " + coalesce (sum ((SELECT count (*) FROM contact k"
                          " WHERE k.customer_id = c.id AND k.deleted_at IS NULL)), 0)");
  g_string_append (sql, " FROM customer c WHERE c.deleted_at IS NULL");
  append_filters (sql, audience, 0, &index);

  stmt = _rapport_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return 0;
  bind_filters (stmt, audience, 0);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the recipients"), &count, error))
    return 0;

  return (guint) count;
}

/**
 * rapport_store_list_birthday_recipients:
 * @audience: (nullable): NULL is every customer
 *
 * The persons with a birthday among the audience: person customers, then
 * the contacts of the matching customers (contacts are persons whatever
 * include-contacts says).
 *
 * Returns: (transfer full) (element-type RapportRecipient): NULL with @error
 */
GPtrArray *
rapport_store_list_birthday_recipients (RapportDatabase        *db,
                                        const RapportAudience  *audience,
                                        GError                **error)
{
  g_autoptr (GPtrArray) recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_recipient_free);
  g_autoptr (RapportAudience) everyone = NULL;
  g_autofree char *customers = NULL;
  g_autoptr (GHashTable) own = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, addresses_free);
  g_autoptr (GHashTable) of_contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, addresses_free);
  AddressBook book = { own, of_contacts, FALSE };
  g_autofree char *contacts = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (audience == NULL)
    audience = everyone = rapport_audience_new ();

  customers = customers_sql (audience, 0, TRUE);
  contacts = contacts_sql (audience, 0, TRUE);
  if (!load_addresses (db, 0, book.own, book.of_contacts, error) ||
      !run_into (db, customers, audience, 0, &book, recipients, error) ||
      !run_into (db, contacts, audience, 0, &book, recipients, error))
    return NULL;

  return g_steal_pointer (&recipients);
}
