/* rapport-customer-list-model.c
 *
 * The model holds the ids of the rows it shows, in order (8 bytes a customer,
 * read from a covering index), and builds RapportCustomer objects only for the
 * rows asked for, keeping the most recently used in a small cache. Scrolling
 * through 100,000 customers never holds more than CACHE_SIZE of them. Opening
 * the whole list reads only its length (from the table's b-tree count) and
 * the first rows; the other ids are read the first time they are needed.
 *
 * A change to one customer moves only that row: its old position is found in
 * the ids, its new one by a binary search over the sort keys, and the model
 * announces a removal there and an insertion here (or one update in place).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-list-model"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-list-model.h"
#include "rapport-database-private.h"
#include "rapport-store.h"
#include "rapport-store-private.h"

/* Enough for a few screens of a tall window. */
#define CACHE_SIZE 256
/* Rows read together when one is missing: about a screen. */
#define READ_BLOCK 32
/* Ranked search results shown for a query. */
#define SEARCH_LIMIT 200
/* Ids read when the whole list opens: a few screens. */
#define FIRST_IDS 256

typedef struct
{
  gint64           id;
  RapportCustomer *customer;
  GList           *link;   /* in lru, data is this entry */
} CacheEntry;

struct _RapportCustomerListModel
{
  GObject              parent_instance;

  /* Owned */
  RapportDatabase     *db;
  char                *query;
  char                *tag;
  int                  stage;
  int                  tier;
  gint64               owner_id; /* -1 for any, 0 the default user */
  RapportCustomerSort  sort;
  gboolean             truncated; /* the search found more than it shows */

  GArray              *ids;     /* gint64, the rows shown, in order */
  guint                n_items;  /* ids->len once complete */
  gboolean             complete; /* FALSE while only the first ids are read */
  GHashTable          *cache;   /* gint64 id → CacheEntry */
  GQueue               lru;     /* most recently used first */

  gboolean             constructed;     /* construct properties set, list read */
  guint                frozen;          /* setters wait for thaw () to reload */
  guint                n_reads;
  gboolean             reload_pending;
  gboolean             rows_stale;      /* a bulk change: the next reload announces every row */
  guint                announce_id;     /* idle announcing a length found late */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportCustomerListModel, rapport_customer_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_ENUM_TYPE (RapportCustomerSort, rapport_customer_sort,
  G_DEFINE_ENUM_VALUE (RAPPORT_CUSTOMER_SORT_NAME, "name"),
  G_DEFINE_ENUM_VALUE (RAPPORT_CUSTOMER_SORT_LAST_INTERACTION, "last-interaction"),
  G_DEFINE_ENUM_VALUE (RAPPORT_CUSTOMER_SORT_CREATED, "created"))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_QUERY,
  PROP_STAGE,
  PROP_TIER,
  PROP_TAG,
  PROP_OWNER_ID,
  PROP_SORT,
  PROP_TRUNCATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The filters every query shares; ?2 stage, ?3 tier, ?4 tag (NULL for any). */
#define FILTERS \
  " c.deleted_at IS NULL" \
  " AND (?2 IS NULL OR c.stage = ?2)" \
  " AND (?3 IS NULL OR c.tier = ?3)" \
  " AND (?4 IS NULL OR c.id IN (SELECT ct.customer_id FROM customer_tag ct" \
  "                             JOIN tag t ON t.id = ct.tag_id WHERE t.name = ?4))"

/* The list in each sort order, served by its index on (deleted_at, key, id);
 * ?1 is the most rows to read (-1 for all). */
#define LIST_SQL(order) "SELECT c.id FROM customer c WHERE" FILTERS " ORDER BY " order " LIMIT ?1"
static const char * const list_sql[] = {
  [RAPPORT_CUSTOMER_SORT_NAME] = LIST_SQL ("c.sort_key, c.id"),
  [RAPPORT_CUSTOMER_SORT_LAST_INTERACTION] = LIST_SQL ("c.last_interaction_at DESC, c.id"),
  [RAPPORT_CUSTOMER_SORT_CREATED] = LIST_SQL ("c.created_at DESC, c.id"),
};

/* The same for a staff member's customers (?5): found through
 * customer_by_owner, then sorted ("+" keeps the planner from walking the
 * order's index instead, which would read every customer's row). */
#define OWNER_LIST_SQL(order) \
  "SELECT c.id FROM customer c WHERE c.owner_id = ?5 AND" FILTERS " ORDER BY " order " LIMIT ?1"
static const char * const owner_list_sql[] = {
  [RAPPORT_CUSTOMER_SORT_NAME] = OWNER_LIST_SQL ("+c.sort_key, +c.id"),
  [RAPPORT_CUSTOMER_SORT_LAST_INTERACTION] = OWNER_LIST_SQL ("+c.last_interaction_at DESC, +c.id"),
  [RAPPORT_CUSTOMER_SORT_CREATED] = OWNER_LIST_SQL ("+c.created_at DESC, +c.id"),
};

/* The default user's (owner_id NULL): usually most of the book, so the
 * order's index is walked and the owner checked on each row. */
#define MINE_LIST_SQL(order) \
  "SELECT c.id FROM customer c WHERE +c.owner_id IS NULL AND" FILTERS " ORDER BY " order " LIMIT ?1"
static const char * const mine_list_sql[] = {
  [RAPPORT_CUSTOMER_SORT_NAME] = MINE_LIST_SQL ("c.sort_key, c.id"),
  [RAPPORT_CUSTOMER_SORT_LAST_INTERACTION] = MINE_LIST_SQL ("c.last_interaction_at DESC, c.id"),
  [RAPPORT_CUSTOMER_SORT_CREATED] = MINE_LIST_SQL ("c.created_at DESC, c.id"),
};

/* The whole list (no query, no filter): the index alone, covering, with no
 * per-row filter that would read each customer's row. */
#define ALL_SQL(order) "SELECT id FROM customer WHERE deleted_at IS NULL ORDER BY " order " LIMIT ?1"
static const char * const all_sql[] = {
  [RAPPORT_CUSTOMER_SORT_NAME] = ALL_SQL ("sort_key, id"),
  [RAPPORT_CUSTOMER_SORT_LAST_INTERACTION] = ALL_SQL ("last_interaction_at DESC, id"),
  [RAPPORT_CUSTOMER_SORT_CREATED] = ALL_SQL ("created_at DESC, id"),
};

/* How many rows of the whole list come before the key ?1 and id ?2: two
 * ranges of the sort order's covering index, counted without reading a row. */
#define BEFORE_SQL(key, cmp) \
  "SELECT (SELECT count(*) FROM customer WHERE deleted_at IS NULL AND " key " " cmp " ?1)" \
  " + (SELECT count(*) FROM customer WHERE deleted_at IS NULL AND " key " = ?1 AND id < ?2)"
static const char * const before_sql[] = {
  [RAPPORT_CUSTOMER_SORT_NAME] = BEFORE_SQL ("sort_key", "<"),
  [RAPPORT_CUSTOMER_SORT_LAST_INTERACTION] = BEFORE_SQL ("last_interaction_at", ">"),
  [RAPPORT_CUSTOMER_SORT_CREATED] = BEFORE_SQL ("created_at", ">"),
};

/* Helpers */

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->customer);
  g_free (entry);
}

static void
cache_remove (RapportCustomerListModel *self,
              gint64                    id)
{
  CacheEntry *entry = g_hash_table_lookup (self->cache, &id);

  if (entry == NULL)
    return;

  g_queue_delete_link (&self->lru, entry->link);
  g_hash_table_remove (self->cache, &id);
}

static void
cache_add (RapportCustomerListModel *self,
           RapportCustomer          *customer)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->id = rapport_customer_get_id (customer);
  entry->customer = g_object_ref (customer);
  g_queue_push_head (&self->lru, entry);
  entry->link = self->lru.head;
  g_hash_table_insert (self->cache, &entry->id, entry);

  while (self->lru.length > CACHE_SIZE)
    {
      CacheEntry *oldest = g_queue_peek_tail (&self->lru);
      cache_remove (self, oldest->id);
    }
}

/* Reads the rows of the block of READ_BLOCK positions around @position that
 * are not cached, in one statement: a list view binds its rows a screen at
 * a time, and one read per row would cost a statement each. */
static void
read_block (RapportCustomerListModel *self,
            guint                     position)
{
  g_autoptr (GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) customers = NULL;
  g_autoptr (GError) error = NULL;
  guint start = position - position % READ_BLOCK;
  guint end = MIN (start + READ_BLOCK, self->ids->len);

  for (guint i = start; i < end; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);

      if (!g_hash_table_contains (self->cache, &id))
        g_array_append_val (missing, id);
    }

  customers = _rapport_store_read_customer_rows (self->db, (const gint64 *) missing->data, missing->len, &error);
  if (customers == NULL)
    {
      g_debug ("Could not read customers %u–%u: %s", start, end, error->message);
      return;
    }

  for (guint i = 0; i < customers->len; i++)
    cache_add (self, g_ptr_array_index (customers, i));
}

static void
cache_clear (RapportCustomerListModel *self)
{
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->cache);
}

static void
bind_filters (RapportCustomerListModel *self,
              sqlite3_stmt             *stmt)
{
  if (self->stage >= 0)
    sqlite3_bind_text (stmt, 2, rapport_stage_to_string (self->stage), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);

  if (self->tier >= 0)
    sqlite3_bind_text (stmt, 3, rapport_tier_to_string (self->tier), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);

  if (self->tag != NULL)
    sqlite3_bind_text (stmt, 4, self->tag, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);

  /* Only a staff member's statements have ?5 (NULL for the default user). */
  if (sqlite3_bind_parameter_count (stmt) >= 5)
    _rapport_store_bind_id (stmt, 5, self->owner_id);
}

static gboolean
is_query_mode (RapportCustomerListModel *self)
{
  return self->query != NULL && self->query[0] != '\0';
}

static void
set_truncated (RapportCustomerListModel *self,
               gboolean                  truncated)
{
  if (self->truncated == truncated)
    return;

  self->truncated = truncated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUNCATED]);
}

/* The ids the current query, filters and sort give, in order; at most
 * @limit of them unless it is 0. */
static GArray *
read_ids (RapportCustomerListModel  *self,
          guint                      limit,
          GError                   **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  self->n_reads++;

  if (is_query_mode (self))
    {
      /* The filters are part of the search, so that the limit counts only
       * customers that pass them; within a rank, the list's order. */
      RapportSearchFilter filter = { self->stage, self->tier, self->tag, self->sort, self->owner_id };
      gboolean truncated = FALSE;
      GArray *found;

      found = rapport_store_search_customers_filtered (self->db, self->query, &filter,
                                                       SEARCH_LIMIT, &truncated, error);
      if (found != NULL)
        set_truncated (self, truncated);

      return found;
    }
  else
    {
      set_truncated (self, FALSE);

      gboolean filtered = self->stage >= 0 || self->tier >= 0 || self->tag != NULL;

      stmt = _rapport_database_prepare (self->db,
                                        self->owner_id > 0 ? owner_list_sql[self->sort]
                                        : self->owner_id == 0 ? mine_list_sql[self->sort]
                                        : filtered ? list_sql[self->sort] : all_sql[self->sort],
                                        error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
    }

  if (sqlite3_bind_parameter_count (stmt) > 1)
    bind_filters (self, stmt);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (self->db),
                                   _("Could not read the customer list"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gboolean
has_filters (RapportCustomerListModel *self)
{
  return is_query_mode (self) || self->stage >= 0 || self->tier >= 0 || self->tag != NULL || self->owner_id >= 0;
}

/* The number of live customers, without a scan: the b-tree's count less the
 * (few) rows in the Trash. */
static gboolean
count_live (RapportCustomerListModel  *self,
            guint                     *n_live,
            GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = _rapport_database_prepare (self->db,
                                    "SELECT (SELECT count(*) FROM customer) -"
                                    " (SELECT count(*) FROM customer WHERE deleted_at IS NOT NULL)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (self->db),
                                   _("Could not read the customer list"));
      return FALSE;
    }

  *n_live = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static guint find_position (RapportCustomerListModel *self,
                            gint64                    id);
static guint find_insert_position_for (RapportCustomerListModel *self,
                                       gint64                    id);

static gboolean
announce_length_cb (gpointer user_data)
{
  RapportCustomerListModel *self = user_data;
  guint old_n_items = self->n_items;

  self->announce_id = 0;
  self->n_items = self->ids->len;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);

  return G_SOURCE_REMOVE;
}

/* Reads every id when only the first were read. Called from get_item (), so
 * it never announces a change itself: should the length differ from the one
 * announced (the file changed behind the change bus, e.g. by another
 * process), the new list is announced from an idle, and until then rows past
 * the ids read are blank. */
static void
ensure_complete (RapportCustomerListModel *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;

  if (self->complete)
    return;

  ids = read_ids (self, 0, &error);
  if (ids == NULL)
    {
      g_warning ("Could not read the customer list: %s", error->message);
      return;
    }

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  self->complete = TRUE;

  if (self->ids->len != self->n_items && self->announce_id == 0)
    self->announce_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, announce_length_cb, self, NULL);
}

/* Reads every id when only the first were read and customer @id has just
 * changed: the ids are read as they are now, then @id is put back where the
 * list had it, so that the change can be announced exactly. */
static void
complete_before_change (RapportCustomerListModel *self,
                        gint64                    id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) full = NULL;
  guint in_full, in_prefix, restore_at = G_MAXUINT;

  if (self->complete)
    return;

  full = read_ids (self, 0, &error);
  if (full == NULL)
    {
      g_warning ("Could not read the customer list: %s", error->message);
      return;
    }

  in_prefix = find_position (self, id);
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&full);
  self->complete = TRUE;
  in_full = find_position (self, id);

  if (in_full != G_MAXUINT && self->ids->len == self->n_items + 1)
    {
      /* New or restored: not there before. */
      g_array_remove_index (self->ids, in_full);
    }
  else if (in_full == G_MAXUINT && self->ids->len + 1 == self->n_items)
    {
      /* Trashed or deleted: there before, where its unchanged key puts it. */
      restore_at = in_prefix != G_MAXUINT ? in_prefix : find_insert_position_for (self, id);
      if (restore_at == G_MAXUINT)
        restore_at = self->ids->len;
    }
  else if (in_full != G_MAXUINT && self->ids->len == self->n_items && in_prefix != G_MAXUINT)
    {
      /* Changed, maybe moved, from a row the list had read. */
      g_array_remove_index (self->ids, in_full);
      restore_at = in_prefix;
    }
  else if (self->ids->len != self->n_items)
    {
      /* Not a change of @id alone: start over. */
      guint old_n_items = self->n_items;

      self->n_items = self->ids->len;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
      return;
    }

  if (restore_at != G_MAXUINT)
    g_array_insert_val (self->ids, MIN (restore_at, self->ids->len), id);

  self->n_items = self->ids->len;
}

/* Replaces the ids with @ids, announcing the changed span only. */
static void
replace_ids (RapportCustomerListModel *self,
             GArray                   *ids)
{
  guint old_len = self->ids->len;
  guint new_len = ids->len;
  guint prefix = 0;
  guint suffix = 0;

  if (!self->complete)
    {
      /* Nothing was compared: the whole list changes. */
      self->rows_stale = FALSE;
      old_len = self->n_items;
      g_array_unref (self->ids);
      self->ids = g_array_ref (ids);
      self->n_items = new_len;
      self->complete = TRUE;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, new_len);
      return;
    }

  /* After a bulk change a row in its old place may show other values (tiers
   * recomputed, an import's merges): every row is read again. */
  while (!self->rows_stale && prefix < old_len && prefix < new_len &&
         g_array_index (self->ids, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (!self->rows_stale && suffix < old_len - prefix && suffix < new_len - prefix &&
         g_array_index (self->ids, gint64, old_len - 1 - suffix) ==
         g_array_index (ids, gint64, new_len - 1 - suffix))
    suffix++;

  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  self->n_items = new_len;
  self->rows_stale = FALSE;

  if (prefix == old_len && prefix == new_len)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_len - prefix - suffix,
                              new_len - prefix - suffix);
}

static void
reload (RapportCustomerListModel *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;

  /* Construct properties: constructed () reads the list once they are all set. */
  if (!self->constructed)
    return;

  if (self->frozen > 0)
    {
      self->reload_pending = TRUE;
      return;
    }

  g_clear_handle_id (&self->announce_id, g_source_remove);

  ids = read_ids (self, 0, &error);

  if (ids == NULL)
    {
      /* The view keeps what it shows; the next change tries again. */
      g_warning ("Could not read the customer list: %s", error->message);
      return;
    }

  replace_ids (self, ids);
}

/* A row's place in the sort order. */
typedef struct
{
  GBytes *sort_key;
  gint64  time;
  gint64  id;
} SortKey;

static void
sort_key_clear (SortKey *key)
{
  g_clear_pointer (&key->sort_key, g_bytes_unref);
}

static gboolean
read_sort_key (RapportCustomerListModel *self,
               gint64                    id,
               SortKey                  *key)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = _rapport_database_prepare (self->db,
                                    "SELECT sort_key, last_interaction_at, created_at"
                                    " FROM customer WHERE id = ?1",
                                    NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  key->id = id;
  key->sort_key = NULL;
  switch (self->sort)
    {
    case RAPPORT_CUSTOMER_SORT_LAST_INTERACTION:
      key->time = sqlite3_column_int64 (stmt, 1);
      break;
    case RAPPORT_CUSTOMER_SORT_CREATED:
      key->time = sqlite3_column_int64 (stmt, 2);
      break;
    case RAPPORT_CUSTOMER_SORT_NAME:
    default:
      key->time = 0;
      key->sort_key = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      break;
    }

  return TRUE;
}

/* The same order as list_sql[]. */
static int
compare_sort_keys (RapportCustomerListModel *self,
                   const SortKey            *a,
                   const SortKey            *b)
{
  if (self->sort == RAPPORT_CUSTOMER_SORT_NAME)
    {
      gsize a_len, b_len;
      const guint8 *a_data = g_bytes_get_data (a->sort_key, &a_len);
      const guint8 *b_data = g_bytes_get_data (b->sort_key, &b_len);
      int cmp = memcmp (a_data, b_data, MIN (a_len, b_len));

      if (cmp != 0)
        return cmp;
      if (a_len != b_len)
        return a_len < b_len ? -1 : 1;
    }
  else if (a->time != b->time)
    {
      return a->time > b->time ? -1 : 1;
    }

  return (a->id > b->id) - (a->id < b->id);
}

/* Where @key belongs among the ids (which do not contain it). */
static guint
find_insert_position (RapportCustomerListModel *self,
                      const SortKey            *key)
{
  guint lo = 0;
  guint hi = self->ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      SortKey other;
      int cmp;

      if (!read_sort_key (self, g_array_index (self->ids, gint64, mid), &other))
        {
          /* A row that vanished under us: the full reload sorts it out. */
          return G_MAXUINT;
        }
      cmp = compare_sort_keys (self, key, &other);
      sort_key_clear (&other);

      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

static guint
find_insert_position_for (RapportCustomerListModel *self,
                          gint64                    id)
{
  SortKey key = { NULL, 0, 0 };
  guint position;

  if (!read_sort_key (self, id, &key))
    return G_MAXUINT;

  position = find_insert_position (self, &key);
  sort_key_clear (&key);

  return position;
}

static gboolean matches_filters (RapportCustomerListModel *self,
                                 gint64                    id);

/* The position of @id in the whole list, by counting (G_MAXUINT when the list
 * does not show it, G_MAXUINT - 1 when the count failed). */
static guint
count_before (RapportCustomerListModel *self,
              gint64                    id)
{
  g_autoptr (RapportStatement) stmt = NULL;
  SortKey key = { NULL, 0, 0 };
  guint position = G_MAXUINT - 1;

  if (!matches_filters (self, id))
    return G_MAXUINT;
  if (!read_sort_key (self, id, &key))
    return G_MAXUINT - 1;

  stmt = _rapport_database_prepare (self->db, before_sql[self->sort], NULL);
  if (stmt != NULL)
    {
      if (key.sort_key != NULL)
        {
          gsize len;
          gconstpointer data = g_bytes_get_data (key.sort_key, &len);

          sqlite3_bind_blob (stmt, 1, data, len, SQLITE_TRANSIENT);
        }
      else
        {
          sqlite3_bind_int64 (stmt, 1, key.time);
        }
      sqlite3_bind_int64 (stmt, 2, id);

      if (sqlite3_step (stmt) == SQLITE_ROW)
        position = sqlite3_column_int64 (stmt, 0);
    }

  sort_key_clear (&key);

  /* Beyond the length the model announced: the table changed under us. */
  if (position != G_MAXUINT - 1 && position >= self->n_items)
    position = G_MAXUINT - 1;

  return position;
}

static gboolean
matches_filters (RapportCustomerListModel *self,
                 gint64                    id)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = _rapport_database_prepare (self->db,
                                    self->owner_id >= 0
                                    ? "SELECT 1 FROM customer c WHERE c.id = ?1 AND c.owner_id IS ?5 AND" FILTERS
                                    : "SELECT 1 FROM customer c WHERE c.id = ?1 AND" FILTERS,
                                    NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_filters (self, stmt);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

static guint
find_position (RapportCustomerListModel *self,
               gint64                    id)
{
  /* A linear scan of 8-byte ids: well under a millisecond for 100,000. */
  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_array_index (self->ids, gint64, i) == id)
        return i;
    }
  return G_MAXUINT;
}

/* One customer changed: moves its row alone. */
static void
move_customer (RapportCustomerListModel *self,
               gint64                    id)
{
  guint old_position = find_position (self, id);
  guint new_position = G_MAXUINT;
  gboolean visible = matches_filters (self, id);
  SortKey key = { NULL, 0, 0 };

  cache_remove (self, id);

  if (visible)
    {
      if (!read_sort_key (self, id, &key))
        {
          reload (self);
          return;
        }

      if (old_position != G_MAXUINT)
        g_array_remove_index (self->ids, old_position);
      new_position = find_insert_position (self, &key);
      if (old_position != G_MAXUINT)
        g_array_insert_val (self->ids, old_position, id);
      sort_key_clear (&key);

      if (new_position == G_MAXUINT)
        {
          reload (self);
          return;
        }
    }

  if (old_position != G_MAXUINT && old_position == new_position)
    {
      /* Same place: the row's contents changed. */
      g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 1);
      return;
    }

  if (old_position != G_MAXUINT)
    {
      g_array_remove_index (self->ids, old_position);
      self->n_items = self->ids->len;
      g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
    }

  if (new_position != G_MAXUINT)
    {
      g_array_insert_val (self->ids, new_position, id);
      self->n_items = self->ids->len;
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
    }
}

/* Callbacks */

/* Whether rows of @change's kind decide which customers a search finds. */
static gboolean
affects_search (const RapportChange *change)
{
  return change->kind == RAPPORT_ENTITY_KIND_CUSTOMER ||
         change->kind == RAPPORT_ENTITY_KIND_CONTACT;
}

static void
changes_cb (RapportCustomerListModel *self,
            GArray                   *changes,
            RapportChangeBus         *bus)
{
  g_autoptr (GHashTable) moved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean ranked = is_query_mode (self);
  gboolean reload_ranked = FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);
      gint64 customer_id = change->customer_id;

      if (change->change == RAPPORT_CHANGE_RELOADED)
        {
          cache_clear (self);
          self->rows_stale = TRUE;
          reload (self);
          return;
        }

      /* A row shows a customer's own fields; the last-interaction order also
       * follows its interactions, and a search its contacts. Nothing else
       * moves a row. */
      if (change->kind == RAPPORT_ENTITY_KIND_CUSTOMER)
        cache_remove (self, customer_id);
      else if (!(ranked && affects_search (change)) &&
               !(change->kind == RAPPORT_ENTITY_KIND_INTERACTION &&
                 self->sort == RAPPORT_CUSTOMER_SORT_LAST_INTERACTION && !ranked))
        continue;

      if (customer_id <= 0)
        continue;

      if (ranked)
        {
          reload_ranked = TRUE;
          continue;
        }

      if (g_hash_table_contains (moved, &customer_id))
        continue;
      g_hash_table_add (moved, g_memdup2 (&customer_id, sizeof customer_id));

      /* Positions are found among all the ids. */
      complete_before_change (self, customer_id);
      move_customer (self, customer_id);
    }

  if (reload_ranked)
    {
      /* Ranked results: a change can move any of them; a row still in place
       * shows new contents. */
      g_autoptr (GArray) before = g_array_copy (self->ids);

      reload (self);
      for (guint i = 0; i < changes->len; i++)
        {
          const RapportChange *change = &g_array_index (changes, RapportChange, i);
          guint position;

          if (change->kind != RAPPORT_ENTITY_KIND_CUSTOMER)
            continue;
          position = find_position (self, change->id);
          if (position != G_MAXUINT && position < before->len &&
              g_array_index (before, gint64, position) == change->id)
            g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
        }
    }
}

/* GListModel */

static GType
rapport_customer_list_model_get_item_type (GListModel *model)
{
  return RAPPORT_TYPE_CUSTOMER;
}

static guint
rapport_customer_list_model_get_n_items (GListModel *model)
{
  RapportCustomerListModel *self = RAPPORT_CUSTOMER_LIST_MODEL (model);

  return self->n_items;
}

static gpointer
rapport_customer_list_model_get_item (GListModel *model,
                                      guint       position)
{
  RapportCustomerListModel *self = RAPPORT_CUSTOMER_LIST_MODEL (model);
  g_autoptr (RapportCustomer) customer = NULL;
  CacheEntry *entry;
  gint64 id;

  if (position >= self->n_items)
    return NULL;

  if (position >= self->ids->len)
    ensure_complete (self);
  if (position >= self->ids->len)
    {
      /* Past the end of a list that shrank behind the bus: a blank row until
       * the idle announces the new length. */
      return rapport_customer_new ();
    }

  id = g_array_index (self->ids, gint64, position);
  entry = g_hash_table_lookup (self->cache, &id);
  if (entry == NULL)
    {
      read_block (self, position);
      entry = g_hash_table_lookup (self->cache, &id);
    }

  if (entry == NULL)
    {
      /* Deleted under us (the change signal is on its way): a blank row. */
      customer = rapport_customer_new ();
      rapport_customer_set_id (customer, id);
      return g_steal_pointer (&customer);
    }

  g_queue_unlink (&self->lru, entry->link);
  g_queue_push_head_link (&self->lru, entry->link);

  return g_object_ref (entry->customer);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rapport_customer_list_model_get_item_type;
  iface->get_n_items = rapport_customer_list_model_get_n_items;
  iface->get_item = rapport_customer_list_model_get_item;
}

/* GObject */

static void
rapport_customer_list_model_constructed (GObject *object)
{
  RapportCustomerListModel *self = RAPPORT_CUSTOMER_LIST_MODEL (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;

  G_OBJECT_CLASS (rapport_customer_list_model_parent_class)->constructed (object);

  g_assert (self->db != NULL);

  g_signal_connect_object (rapport_database_get_change_bus (self->db), "changed",
                           G_CALLBACK (changes_cb), self, G_CONNECT_SWAPPED);
  self->constructed = TRUE;

  /* The whole list (as the window opens it): its length and first screens. */
  if (!has_filters (self) && count_live (self, &self->n_items, &error))
    ids = read_ids (self, FIRST_IDS, &error);

  if (ids != NULL && ids->len < FIRST_IDS && ids->len != self->n_items)
    g_clear_pointer (&ids, g_array_unref);

  if (ids != NULL)
    {
      g_array_unref (self->ids);
      self->ids = g_steal_pointer (&ids);
      self->complete = self->ids->len == self->n_items;
      return;
    }

  g_clear_error (&error);
  ids = read_ids (self, 0, &error);
  if (ids == NULL)
    {
      g_warning ("Could not read the customer list: %s", error->message);
      return;
    }

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  self->n_items = self->ids->len;
  self->complete = TRUE;
}

static void
rapport_customer_list_model_finalize (GObject *object)
{
  RapportCustomerListModel *self = RAPPORT_CUSTOMER_LIST_MODEL (object);

  g_clear_handle_id (&self->announce_id, g_source_remove);
  cache_clear (self);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (rapport_customer_list_model_parent_class)->finalize (object);
}

static void
rapport_customer_list_model_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  RapportCustomerListModel *self = RAPPORT_CUSTOMER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    case PROP_TIER:
      g_value_set_int (value, self->tier);
      break;
    case PROP_TAG:
      g_value_set_string (value, self->tag);
      break;

    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;
    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;
    case PROP_TRUNCATED:
      g_value_set_boolean (value, self->truncated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_list_model_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  RapportCustomerListModel *self = RAPPORT_CUSTOMER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      rapport_customer_list_model_set_query (self, g_value_get_string (value));
      break;
    case PROP_STAGE:
      rapport_customer_list_model_set_stage (self, g_value_get_int (value));
      break;
    case PROP_TIER:
      rapport_customer_list_model_set_tier (self, g_value_get_int (value));
      break;
    case PROP_TAG:
      rapport_customer_list_model_set_tag (self, g_value_get_string (value));
      break;

    case PROP_OWNER_ID:
      rapport_customer_list_model_set_owner_id (self, g_value_get_int64 (value));
      break;
    case PROP_SORT:
      rapport_customer_list_model_set_sort (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_list_model_class_init (RapportCustomerListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rapport_customer_list_model_constructed;
  object_class->finalize = rapport_customer_list_model_finalize;
  object_class->get_property = rapport_customer_list_model_get_property;
  object_class->set_property = rapport_customer_list_model_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         RAPPORT_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL,
                      -1, RAPPORT_STAGE_LOST, -1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIER] =
    g_param_spec_int ("tier", NULL, NULL,
                      -1, RAPPORT_TIER_LEAD, -1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TAG] =
    g_param_spec_string ("tag", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL,
                       RAPPORT_TYPE_CUSTOMER_SORT,
                       RAPPORT_CUSTOMER_SORT_NAME,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RapportCustomerListModel:truncated:
   *
   * Whether the search matched more customers than the list shows (it shows
   * the best 200): the UI says "200+". Always %FALSE without a query.
   */
  properties[PROP_TRUNCATED] =
    g_param_spec_boolean ("truncated", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_customer_list_model_init (RapportCustomerListModel *self)
{
  self->stage = -1;
  self->tier = -1;
  self->owner_id = -1;
  self->sort = RAPPORT_CUSTOMER_SORT_NAME;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->complete = TRUE;
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, cache_entry_free);
  g_queue_init (&self->lru);
}

/* Public API */

/**
 * rapport_customer_list_model_new:
 * @db: a #RapportDatabase
 *
 * Creates the list of live customers, sorted by name, unfiltered.
 *
 * Returns: (transfer full): a new #RapportCustomerListModel
 */
RapportCustomerListModel *
rapport_customer_list_model_new (RapportDatabase *db)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);

  return g_object_new (RAPPORT_TYPE_CUSTOMER_LIST_MODEL, "database", db, NULL);
}

/**
 * rapport_customer_list_model_new_filtered:
 * @db: a #RapportDatabase
 * @sort: the order
 * @query: (nullable): the search box's text
 * @stage: a #RapportStage, or -1 for any
 * @tier: a #RapportTier, or -1 for any
 * @tag: (nullable): a tag name
 *
 * The list as a window opens it with the user's sort and filters, read once.
 *
 * Returns: (transfer full): a new #RapportCustomerListModel
 */
RapportCustomerListModel *
rapport_customer_list_model_new_filtered (RapportDatabase     *db,
                                          RapportCustomerSort  sort,
                                          const char          *query,
                                          int                  stage,
                                          int                  tier,
                                          const char          *tag)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);

  return g_object_new (RAPPORT_TYPE_CUSTOMER_LIST_MODEL,
                       "database", db,
                       "sort", sort,
                       "query", query,
                       "stage", stage,
                       "tier", tier,
                       "tag", tag,
                       NULL);
}

/**
 * rapport_customer_list_model_get_database:
 * @self: a #RapportCustomerListModel
 *
 * Returns: (transfer none): the database the list reads
 */
RapportDatabase *
rapport_customer_list_model_get_database (RapportCustomerListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), NULL);

  return self->db;
}

/**
 * rapport_customer_list_model_set_query:
 * @self: a #RapportCustomerListModel
 * @query: (nullable): the search box's text; %NULL or empty for the whole list
 *
 * With a query, the list shows the ranked search results that pass the
 * stage, tier and tag filters (at most 200, see #RapportCustomerListModel:truncated),
 * each rank in the list's sort order.
 */
void
rapport_customer_list_model_set_query (RapportCustomerListModel *self,
                                       const char               *query)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self));

  if (query != NULL && query[0] == '\0')
    query = NULL;

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

const char *
rapport_customer_list_model_get_query (RapportCustomerListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), NULL);

  return self->query;
}

/**
 * rapport_customer_list_model_set_stage:
 * @self: a #RapportCustomerListModel
 * @stage: a #RapportStage, or -1 for any
 */
void
rapport_customer_list_model_set_stage (RapportCustomerListModel *self,
                                       int                       stage)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self));
  g_return_if_fail (stage >= -1 && stage <= RAPPORT_STAGE_LOST);

  if (self->stage == stage)
    return;

  self->stage = stage;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

int
rapport_customer_list_model_get_stage (RapportCustomerListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), -1);

  return self->stage;
}

/**
 * rapport_customer_list_model_set_tier:
 * @self: a #RapportCustomerListModel
 * @tier: a #RapportTier, or -1 for any
 */
void
rapport_customer_list_model_set_tier (RapportCustomerListModel *self,
                                      int                       tier)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self));
  g_return_if_fail (tier >= -1 && tier <= RAPPORT_TIER_LEAD);

  if (self->tier == tier)
    return;

  self->tier = tier;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIER]);
}

int
rapport_customer_list_model_get_tier (RapportCustomerListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), -1);

  return self->tier;
}

/**
 * rapport_customer_list_model_set_tag:
 * @self: a #RapportCustomerListModel
 * @tag: (nullable): a tag name, or %NULL for any
 */
void
rapport_customer_list_model_set_tag (RapportCustomerListModel *self,
                                     const char               *tag)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self));

  if (tag != NULL && tag[0] == '\0')
    tag = NULL;

  if (g_strcmp0 (self->tag, tag) == 0)
    return;

  g_free (self->tag);
  self->tag = g_strdup (tag);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG]);
}

const char *
rapport_customer_list_model_get_tag (RapportCustomerListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), NULL);

  return self->tag;
}

/**
 * rapport_customer_list_model_set_owner_id:
 * @self: a #RapportCustomerListModel
 * @owner_id: a staff member's id, 0 for the default user, or -1 for any
 */
void
rapport_customer_list_model_set_owner_id (RapportCustomerListModel *self,
                                          gint64                    owner_id)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self));
  g_return_if_fail (owner_id >= -1);

  if (self->owner_id == owner_id)
    return;

  self->owner_id = owner_id;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ID]);
}

gint64
rapport_customer_list_model_get_owner_id (RapportCustomerListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), -1);

  return self->owner_id;
}

/**
 * rapport_customer_list_model_set_sort:
 * @self: a #RapportCustomerListModel
 * @sort: the order of the list, and of each rank of search results
 */
void
rapport_customer_list_model_set_sort (RapportCustomerListModel *self,
                                      RapportCustomerSort       sort)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self));
  g_return_if_fail (sort <= RAPPORT_CUSTOMER_SORT_CREATED);

  if (self->sort == sort)
    return;

  self->sort = sort;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

RapportCustomerSort
rapport_customer_list_model_get_sort (RapportCustomerListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), RAPPORT_CUSTOMER_SORT_NAME);

  return self->sort;
}

/**
 * rapport_customer_list_model_find:
 * @self: a #RapportCustomerListModel
 * @customer_id: a customer's id
 *
 * Returns: the customer's position in the list, or %G_MAXUINT when the list
 *   does not show it
 */
guint
rapport_customer_list_model_find (RapportCustomerListModel *self,
                                  gint64                    customer_id)
{
  guint position;

  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), G_MAXUINT);

  position = find_position (self, customer_id);
  if (position != G_MAXUINT || self->complete)
    return position;

  /* Only the first ids of the whole list are read: count the rows before
   * the customer's key in the index rather than read every id. */
  if (!has_filters (self))
    {
      position = count_before (self, customer_id);
      if (position != G_MAXUINT - 1)
        return position;
    }

  ensure_complete (self);

  return find_position (self, customer_id);
}

/**
 * rapport_customer_list_model_freeze:
 * @self: a #RapportCustomerListModel
 *
 * Until the matching rapport_customer_list_model_thaw(), setting the query,
 * a filter or the sort does not re-read the list: set several, read once.
 */
void
rapport_customer_list_model_freeze (RapportCustomerListModel *self)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self));

  self->frozen++;
}

void
rapport_customer_list_model_thaw (RapportCustomerListModel *self)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self));
  g_return_if_fail (self->frozen > 0);

  if (--self->frozen > 0 || !self->reload_pending)
    return;

  self->reload_pending = FALSE;
  reload (self);
}

/**
 * rapport_customer_list_model_get_n_reads:
 * @self: a #RapportCustomerListModel
 *
 * Returns: how many times the model has read its list of ids (for tests)
 */
guint
rapport_customer_list_model_get_n_reads (RapportCustomerListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), 0);

  return self->n_reads;
}

/**
 * rapport_customer_list_model_get_truncated:
 * @self: a #RapportCustomerListModel
 *
 * Returns: whether the search matched more customers than the list shows
 */
gboolean
rapport_customer_list_model_get_truncated (RapportCustomerListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), FALSE);

  return self->truncated;
}

/**
 * rapport_customer_list_model_dup_ids:
 * @self: a #RapportCustomerListModel
 *
 * Returns: (transfer full): the ids of the customers the list shows, in its
 *   order (gint64), for an export of "the customers shown"
 */
GArray *
rapport_customer_list_model_dup_ids (RapportCustomerListModel *self)
{
  GArray *ids;

  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST_MODEL (self), NULL);

  ensure_complete (self);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->n_items);
  g_array_append_vals (ids, self->ids->data, MIN (self->ids->len, self->n_items));
  return ids;
}
