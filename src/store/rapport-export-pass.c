/* rapport-export-pass.c
 *
 * The book read for an export: customers in the list's name order with
 * their phones, e-mails, tags and contacts, a chunk of customers at a time
 * (never a query per customer). Contacts, phones, e-mails and tags are read
 * in customer id order, for the chunk or for the whole book at once, into
 * sorted arrays that the customers are joined with here.
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
/* From this many customers on, the contacts, phones, e-mails and tags are
 * read for the whole book at once, each table in one ordered scan, rather
 * than chunk by chunk through the index: the chunks' reads jump all over
 * the file, and cost several times more than the scans. */
#define WHOLE_BOOK_IDS 10000
/* Rows read between two looks at the cancellable. */
#define CANCEL_CHECK_MASK 0xfff

/* The rows of a part of the book, each array sorted by customer id (its
 * first member, see find_first), their strings in one chunk: a few large
 * blocks rather than an allocation per value. */
typedef struct
{
  gint64      customer_id;
  gint64      id;
  gint64      created_at;
  gint64      updated_at;
  const char *uuid;
  const char *name;
  const char *title;
  const char *birthday;
  const char *notes;
  const char *do_not_contact_reason;
  gboolean    birthday_lunar;
  gboolean    is_primary;
  gboolean    do_not_contact;
} ContactRow;

typedef struct
{
  gint64      customer_id;
  gint64      contact_id;  /* 0 for the customer's own */
  gint64      id;
  gint64      position;
  const char *value;
  gboolean    is_phone;
} ChannelRow;

typedef struct
{
  gint64      customer_id;
  const char *name;
} TagRow;

typedef struct
{
  GStringChunk *strings;
  GArray       *contacts;  /* ContactRow: by customer, primary first, then id */
  GArray       *channels;  /* ChannelRow: by customer, contact (own first), e-mails
                            * before phones, position, id */
  GArray       *tags;      /* TagRow: by customer, name */
} BookPart;

static void
book_part_clear (BookPart *part)
{
  g_clear_pointer (&part->strings, g_string_chunk_free);
  g_clear_pointer (&part->contacts, g_array_unref);
  g_clear_pointer (&part->channels, g_array_unref);
  g_clear_pointer (&part->tags, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BookPart, book_part_clear)

static const char *
keep_text (BookPart     *part,
           sqlite3_stmt *stmt,
           int           column)
{
  const char *text = _rapport_store_column_text (stmt, column);

  return text != NULL ? g_string_chunk_insert (part->strings, text) : NULL;
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

/* Prepares @whole_book's query, or @restricted's (which reads the
 * customers of @json) when @json is not %NULL. */
static sqlite3_stmt *
prepare_part_query (RapportDatabase  *db,
                    const char       *whole_book,
                    const char       *restricted,
                    const char       *json,
                    GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _rapport_database_prepare (db, json != NULL ? restricted : whole_book, error);
  if (stmt != NULL && json != NULL)
    sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  return stmt;
}

#define COMPARE(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

/* The tables are read in their own (rowid) order, a sequential read of the
 * file, and sorted here: ordered through their indexes, the reads jump
 * from page to page, and take several times longer. */
static int
compare_contacts (gconstpointer a,
                  gconstpointer b)
{
  const ContactRow *first = a;
  const ContactRow *second = b;

  if (first->customer_id != second->customer_id)
    return COMPARE (first->customer_id, second->customer_id);
  if (first->is_primary != second->is_primary)
    return first->is_primary ? -1 : 1;
  return COMPARE (first->id, second->id);
}

static int
compare_channels (gconstpointer a,
                  gconstpointer b)
{
  const ChannelRow *first = a;
  const ChannelRow *second = b;

  if (first->customer_id != second->customer_id)
    return COMPARE (first->customer_id, second->customer_id);
  if (first->contact_id != second->contact_id)
    return COMPARE (first->contact_id, second->contact_id);
  if (first->is_phone != second->is_phone)
    return first->is_phone ? 1 : -1;
  if (first->position != second->position)
    return COMPARE (first->position, second->position);
  return COMPARE (first->id, second->id);
}

static gboolean
read_contacts (RapportDatabase  *db,
               const char       *json,
               BookPart         *part,
               GCancellable     *cancellable,
               GError          **error)
{
#define CONTACT_QUERY(restriction) \
  "SELECT customer_id, id, uuid, name, title, birthday, birthday_lunar, " \
  "  is_primary, notes, created_at, updated_at, do_not_contact, " \
  "  do_not_contact_reason " \
  "FROM contact WHERE " restriction "deleted_at IS NULL"
  g_autoptr (RapportStatement) stmt = NULL;
  guint n = 0;
  int rc;

  stmt = prepare_part_query (db, CONTACT_QUERY (""),
                             CONTACT_QUERY ("customer_id IN (SELECT value FROM json_each (?1)) AND "),
                             json, error);
#undef CONTACT_QUERY
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ContactRow row;

      if ((++n & CANCEL_CHECK_MASK) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      row.customer_id = sqlite3_column_int64 (stmt, 0);
      row.id = sqlite3_column_int64 (stmt, 1);
      row.uuid = keep_text (part, stmt, 2);
      row.name = keep_text (part, stmt, 3);
      row.title = keep_text (part, stmt, 4);
      row.birthday = keep_text (part, stmt, 5);
      row.birthday_lunar = sqlite3_column_int (stmt, 6) != 0;
      row.is_primary = sqlite3_column_int (stmt, 7) != 0;
      row.notes = keep_text (part, stmt, 8);
      row.created_at = sqlite3_column_int64 (stmt, 9);
      row.updated_at = sqlite3_column_int64 (stmt, 10);
      row.do_not_contact = sqlite3_column_int (stmt, 11) != 0;
      row.do_not_contact_reason = keep_text (part, stmt, 12);
      g_array_append_val (part->contacts, row);
    }
  if (step_failed (db, rc, error))
    return FALSE;

  g_array_sort (part->contacts, compare_contacts);
  return TRUE;
}

static gboolean
read_channels (RapportDatabase  *db,
               const char       *json,
               BookPart         *part,
               GCancellable     *cancellable,
               GError          **error)
{
#define CHANNEL_QUERY(restriction) \
  "SELECT customer_id, coalesce (contact_id, 0), kind = 'phone', value, position, id " \
  "FROM channel" restriction
  g_autoptr (RapportStatement) stmt = NULL;
  guint n = 0;
  int rc;

  stmt = prepare_part_query (db, CHANNEL_QUERY (""),
                             CHANNEL_QUERY (" WHERE customer_id IN (SELECT value FROM json_each (?1))"),
                             json, error);
#undef CHANNEL_QUERY
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChannelRow row;

      if ((++n & CANCEL_CHECK_MASK) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      row.customer_id = sqlite3_column_int64 (stmt, 0);
      row.contact_id = sqlite3_column_int64 (stmt, 1);
      row.is_phone = sqlite3_column_int (stmt, 2) != 0;
      row.value = keep_text (part, stmt, 3);
      row.position = sqlite3_column_int64 (stmt, 4);
      row.id = sqlite3_column_int64 (stmt, 5);
      g_array_append_val (part->channels, row);
    }
  if (step_failed (db, rc, error))
    return FALSE;

  g_array_sort (part->channels, compare_channels);
  return TRUE;
}

static gboolean
read_tags (RapportDatabase  *db,
           const char       *json,
           BookPart         *part,
           GCancellable     *cancellable,
           GError          **error)
{
#define TAG_QUERY(restriction) \
  "SELECT ct.customer_id, t.name FROM customer_tag ct " \
  "JOIN tag t ON t.id = ct.tag_id " restriction \
  "ORDER BY ct.customer_id, t.name"
  g_autoptr (RapportStatement) stmt = NULL;
  guint n = 0;
  int rc;

  stmt = prepare_part_query (db, TAG_QUERY (""),
                             TAG_QUERY ("WHERE ct.customer_id IN (SELECT value FROM json_each (?1)) "),
                             json, error);
#undef TAG_QUERY
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TagRow row;

      if ((++n & CANCEL_CHECK_MASK) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      row.customer_id = sqlite3_column_int64 (stmt, 0);
      row.name = keep_text (part, stmt, 1);
      g_array_append_val (part->tags, row);
    }

  return !step_failed (db, rc, error);
}

/* Reads the contacts, phones, e-mails and tags of the customers in @json,
 * or of the whole book when @json is %NULL. */
static gboolean
read_book_part (RapportDatabase  *db,
                const char       *json,
                BookPart         *part,
                GCancellable     *cancellable,
                GError          **error)
{
  part->strings = g_string_chunk_new (64 * 1024);
  part->contacts = g_array_new (FALSE, FALSE, sizeof (ContactRow));
  part->channels = g_array_new (FALSE, FALSE, sizeof (ChannelRow));
  part->tags = g_array_new (FALSE, FALSE, sizeof (TagRow));

  return read_contacts (db, json, part, cancellable, error) &&
         read_channels (db, json, part, cancellable, error) &&
         read_tags (db, json, part, cancellable, error);
}

/* The index of the first row of @rows (sorted by their leading customer
 * id) that belongs to @customer_id or a later customer. */
static guint
find_first (GArray *rows,
            gint64  customer_id)
{
  guint size = g_array_get_element_size (rows);
  guint low = 0;
  guint high = rows->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      const gint64 *row_customer_id = (const gint64 *) (gpointer) (rows->data + (gsize) middle * size);

      if (*row_customer_id < customer_id)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* NULL-terminated view of @strings, for a setter that copies. */
static const char * const *
as_strv (GPtrArray *strings)
{
  g_ptr_array_add (strings, NULL);
  g_ptr_array_set_size (strings, strings->len - 1);
  return (const char * const *) strings->pdata;
}

/* Scratch arrays reused from one customer to the next. */
typedef struct
{
  GPtrArray *phones;
  GPtrArray *emails;
  GPtrArray *tags;
} Scratch;

/* Puts the phones and e-mails of @contact_id (0: the customer's own) among
 * @channels[@first..@end) into @scratch. */
static void
collect_channels (GArray   *channels,
                  guint     first,
                  guint     end,
                  gint64    contact_id,
                  Scratch  *scratch)
{
  g_ptr_array_set_size (scratch->phones, 0);
  g_ptr_array_set_size (scratch->emails, 0);

  for (guint i = first; i < end; i++)
    {
      const ChannelRow *row = &g_array_index (channels, ChannelRow, i);

      if (row->contact_id == contact_id)
        g_ptr_array_add (row->is_phone ? scratch->phones : scratch->emails, (gpointer) row->value);
    }
}

/* Fills in @customer's phones, e-mails and tags from @part, and returns its
 * contacts. */
static GPtrArray *
complete_customer (RapportCustomer *customer,
                   BookPart        *part,
                   Scratch         *scratch)
{
  gint64 customer_id = rapport_customer_get_id (customer);
  GPtrArray *contacts = g_ptr_array_new_with_free_func (g_object_unref);
  guint first_channel = find_first (part->channels, customer_id);
  guint end_channel = first_channel;
  guint i;

  while (end_channel < part->channels->len &&
         g_array_index (part->channels, ChannelRow, end_channel).customer_id == customer_id)
    end_channel++;

  collect_channels (part->channels, first_channel, end_channel, 0, scratch);
  rapport_customer_set_phones (customer, as_strv (scratch->phones));
  rapport_customer_set_emails (customer, as_strv (scratch->emails));

  g_ptr_array_set_size (scratch->tags, 0);
  for (i = find_first (part->tags, customer_id);
       i < part->tags->len && g_array_index (part->tags, TagRow, i).customer_id == customer_id;
       i++)
    g_ptr_array_add (scratch->tags, (gpointer) g_array_index (part->tags, TagRow, i).name);
  rapport_customer_set_tags (customer, as_strv (scratch->tags));

  for (i = find_first (part->contacts, customer_id);
       i < part->contacts->len && g_array_index (part->contacts, ContactRow, i).customer_id == customer_id;
       i++)
    {
      const ContactRow *row = &g_array_index (part->contacts, ContactRow, i);
      RapportContact *contact = rapport_contact_new ();

      rapport_contact_set_id (contact, row->id);
      rapport_contact_set_uuid (contact, row->uuid);
      rapport_contact_set_customer_id (contact, customer_id);
      rapport_contact_set_name (contact, row->name);
      rapport_contact_set_title (contact, row->title);
      rapport_contact_set_birthday (contact, row->birthday);
      rapport_contact_set_birthday_lunar (contact, row->birthday_lunar);
      rapport_contact_set_is_primary (contact, row->is_primary);
      rapport_contact_set_notes (contact, row->notes);
      rapport_contact_set_created_at (contact, row->created_at);
      rapport_contact_set_updated_at (contact, row->updated_at);
      rapport_contact_set_do_not_contact (contact, row->do_not_contact);
      rapport_contact_set_do_not_contact_reason (contact, row->do_not_contact_reason);

      collect_channels (part->channels, first_channel, end_channel, row->id, scratch);
      rapport_contact_set_phones (contact, as_strv (scratch->phones));
      rapport_contact_set_emails (contact, as_strv (scratch->emails));
      g_ptr_array_add (contacts, contact);
    }

  return contacts;
}

/* Reads the customers @ids (live ones only) and calls @func with each, in
 * the order of @ids, their contacts, phones, e-mails and tags taken from
 * @whole_book, or read for the chunk when it is %NULL. Sets @stopped when
 * @func returned FALSE. */
static gboolean
export_chunk (RapportDatabase            *db,
              const gint64               *ids,
              guint                       n_ids,
              BookPart                   *whole_book,
              Scratch                    *scratch,
              GCancellable               *cancellable,
              RapportCustomerExportFunc   func,
              gpointer                    user_data,
              gboolean                   *stopped,
              GError                    **error)
{
  g_autoptr (GHashTable) customers = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree gint64 *row_ids = NULL;
  g_auto (BookPart) chunk_part = { 0 };
  BookPart *part = whole_book;

  rows = _rapport_store_read_customer_rows (db, ids, n_ids, error);
  if (rows == NULL)
    return FALSE;

  row_ids = g_new (gint64, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    {
      RapportCustomer *customer = g_ptr_array_index (rows, i);

      if (rapport_customer_get_deleted_at (customer) != 0)
        continue;

      row_ids[i] = rapport_customer_get_id (customer);
      g_hash_table_insert (customers, &row_ids[i], customer);
    }

  if (part == NULL)
    {
      g_autofree char *json = ids_to_json (ids, n_ids);

      if (!read_book_part (db, json, &chunk_part, cancellable, error))
        return FALSE;
      part = &chunk_part;
    }

  for (guint i = 0; i < n_ids; i++)
    {
      RapportCustomer *customer = g_hash_table_lookup (customers, &ids[i]);
      g_autoptr (GPtrArray) contacts = NULL;

      if (customer == NULL)
        continue;

      contacts = complete_customer (customer, part, scratch);
      if (!func (customer, contacts, user_data))
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
  g_auto (BookPart) whole_book = { 0 };
  g_autoptr (GPtrArray) phones = g_ptr_array_new ();
  g_autoptr (GPtrArray) emails = g_ptr_array_new ();
  g_autoptr (GPtrArray) tags = g_ptr_array_new ();
  Scratch scratch = { phones, emails, tags };
  gboolean stopped = FALSE;

  if (ids == NULL)
    {
      live = read_live_ids (db, error);
      if (live == NULL)
        return FALSE;
      ids = (const gint64 *) (gpointer) live->data;
      n_ids = live->len;
    }

  if ((live != NULL || n_ids >= WHOLE_BOOK_IDS) &&
      !read_book_part (db, NULL, &whole_book, cancellable, error))
    return FALSE;

  for (guint start = 0; start < n_ids && !stopped; start += CHUNK_SIZE)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!export_chunk (db, ids + start, MIN (CHUNK_SIZE, n_ids - start),
                         whole_book.strings != NULL ? &whole_book : NULL, &scratch,
                         cancellable, func, user_data, &stopped, error))
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
