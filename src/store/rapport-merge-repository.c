/* rapport-merge-repository.c
 *
 * The Duplicates view: groups of live customers that are likely the same
 * (union-find over the whole book), and merging a group into one customer,
 * undoably (see migration 8 for what is recorded).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-merge-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-import-store.h"
#include "rapport-row-snapshot-private.h"
#include "rapport-search-index-private.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

/* Rows between two looks at the cancellable. */
#define CANCEL_CHECK_ROWS 4096

/* Finding */

typedef struct
{
  gint64              id;
  gint64              created_at;
  guint               parent;
  RapportMatchReason  reason;   /* of the set, on its root */
} Member;

typedef struct
{
  GArray     *members;     /* Member */
  GHashTable *index;       /* customer id → position + 1 */
  GPtrArray  *keys;        /* each member's company key */
} Sets;

static guint
find_root (Sets  *sets,
           guint  i)
{
  Member *members = (Member *) sets->members->data;

  while (members[i].parent != i)
    {
      /* Halving keeps the paths short. */
      members[i].parent = members[members[i].parent].parent;
      i = members[i].parent;
    }

  return i;
}

static void
join (Sets               *sets,
      guint               a,
      guint               b,
      RapportMatchReason  reason)
{
  Member *members = (Member *) sets->members->data;
  guint ra = find_root (sets, a);
  guint rb = find_root (sets, b);
  RapportMatchReason kept;

  if (ra == rb)
    return;

  /* The first reason that joined either set stays. */
  kept = members[ra].reason != RAPPORT_MATCH_NONE ? members[ra].reason :
         members[rb].reason != RAPPORT_MATCH_NONE ? members[rb].reason : reason;
  if (ra > rb)
    {
      guint swap = ra;
      ra = rb;
      rb = swap;
    }
  members[rb].parent = ra;
  members[ra].reason = kept;
}

static gboolean
position_of (Sets   *sets,
             gint64  id,
             guint  *position)
{
  gpointer value = g_hash_table_lookup (sets->index, &id);

  if (value == NULL)
    return FALSE;

  *position = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

static gboolean
read_failed (RapportDatabase  *db,
             int               rc,
             GError          **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;

  _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not look for duplicates"));
  return TRUE;
}

/* The live customers, oldest first, with their company keys. */
static gboolean
read_customers (RapportDatabase  *db,
                Sets             *sets,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT id, created_at, name FROM customer WHERE deleted_at IS NULL "
                                    "ORDER BY created_at, id",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Member member = {
        .id = sqlite3_column_int64 (stmt, 0),
        .created_at = sqlite3_column_int64 (stmt, 1),
        .parent = sets->members->len,
        .reason = RAPPORT_MATCH_NONE,
      };

      g_array_append_val (sets->members, member);
      g_hash_table_insert (sets->index, g_memdup2 (&member.id, sizeof member.id),
                           GUINT_TO_POINTER (member.parent + 1));
      g_ptr_array_add (sets->keys, rapport_name_company_key (_rapport_store_column_text (stmt, 2)));

      if (sets->members->len % CANCEL_CHECK_ROWS == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  return !read_failed (db, rc, error);
}

static void
join_names (Sets *sets)
{
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sets->keys->len; i++)
    {
      const char *key = g_ptr_array_index (sets->keys, i);
      gpointer first;

      if (key[0] == '\0')
        continue;
      if (g_hash_table_lookup_extended (by_key, key, NULL, &first))
        join (sets, GPOINTER_TO_UINT (first), i, RAPPORT_MATCH_NAME);
      else
        g_hash_table_insert (by_key, (gpointer) key, GUINT_TO_POINTER (i));
    }
}

/* Live customers sharing a phone or an e-mail, their own or a live
 * contact's: the values in order, so equal ones come together. */
static gboolean
join_channels (RapportDatabase  *db,
               Sets             *sets,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *last_kind = NULL;
  g_autofree char *last_value = NULL;
  guint last_position = 0;
  guint n_rows = 0;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT ch.kind, ch.value, ch.customer_id FROM channel ch "
                                    "LEFT JOIN contact k ON k.id = ch.contact_id "
                                    "WHERE ch.contact_id IS NULL OR k.deleted_at IS NULL "
                                    "ORDER BY ch.kind DESC, ch.value",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = _rapport_store_column_text (stmt, 0);
      const char *value = _rapport_store_column_text (stmt, 1);
      guint position;

      if (++n_rows % CANCEL_CHECK_ROWS == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* Trashed customers are not in the sets. */
      if (!position_of (sets, sqlite3_column_int64 (stmt, 2), &position))
        continue;

      if (last_value != NULL && g_strcmp0 (kind, last_kind) == 0 && g_strcmp0 (value, last_value) == 0)
        {
          join (sets, last_position, position,
                g_str_equal (kind, "phone") ? RAPPORT_MATCH_PHONE : RAPPORT_MATCH_EMAIL);
          continue;
        }

      g_free (last_kind);
      g_free (last_value);
      last_kind = g_strdup (kind);
      last_value = g_strdup (value);
      last_position = position;
    }

  return !read_failed (db, rc, error);
}

static int
compare_sets (gconstpointer a,
              gconstpointer b)
{
  const RapportDuplicateSet *sa = *(RapportDuplicateSet * const *) a;
  const RapportDuplicateSet *sb = *(RapportDuplicateSet * const *) b;
  gint64 first_a, first_b;

  if (sa->customer_ids->len != sb->customer_ids->len)
    return sa->customer_ids->len > sb->customer_ids->len ? -1 : 1;

  first_a = g_array_index (sa->customer_ids, gint64, 0);
  first_b = g_array_index (sb->customer_ids, gint64, 0);
  return first_a < first_b ? -1 : first_a > first_b;
}

void
rapport_duplicate_set_free (RapportDuplicateSet *set)
{
  if (set == NULL)
    return;

  g_clear_pointer (&set->customer_ids, g_array_unref);
  g_free (set);
}

/**
 * rapport_store_find_duplicate_sets:
 *
 * See rapport-import-store.h. Members are in the order the customers were
 * created (each set's first one is the oldest); sets of equal size keep
 * the order of their oldest members.
 *
 * Returns: (transfer full): a #GPtrArray of #RapportDuplicateSet, or %NULL
 */
GPtrArray *
rapport_store_find_duplicate_sets (RapportDatabase  *db,
                                   GCancellable     *cancellable,
                                   GError          **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_duplicate_set_free);
  g_autoptr (GHashTable) by_root = g_hash_table_new (NULL, NULL);
  Sets sets;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sets.members = g_array_new (FALSE, FALSE, sizeof (Member));
  sets.index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sets.keys = g_ptr_array_new_with_free_func (g_free);

  /* Phones, then e-mails, then names: the reason a set gives is the first
   * that joined it, and a shared number says more than a similar name. */
  ok = read_customers (db, &sets, cancellable, error) &&
       join_channels (db, &sets, cancellable, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (ok)
    join_names (&sets);

  if (ok)
    {
      Member *members = (Member *) sets.members->data;

      for (guint i = 0; i < sets.members->len; i++)
        {
          guint root = find_root (&sets, i);
          RapportDuplicateSet *set;

          if (root == i && members[i].reason == RAPPORT_MATCH_NONE)
            continue;   /* alone */

          set = g_hash_table_lookup (by_root, GUINT_TO_POINTER (root + 1));
          if (set == NULL)
            {
              set = g_new0 (RapportDuplicateSet, 1);
              set->customer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
              set->reason = members[root].reason;
              g_hash_table_insert (by_root, GUINT_TO_POINTER (root + 1), set);
              g_ptr_array_add (result, set);
            }
          g_array_append_val (set->customer_ids, members[i].id);
        }

      g_ptr_array_sort (result, compare_sets);
    }

  g_array_unref (sets.members);
  g_hash_table_unref (sets.index);
  g_ptr_array_unref (sets.keys);

  if (!ok)
    return NULL;

  return g_steal_pointer (&result);
}

/* Merging */

typedef struct
{
  const char        *table;
  RapportEntityKind  kind;
} MovedTable;

/* What moves to the survivor; "channel" is the phones and e-mails of the
 * contacts that move (the others' own stay with them in the Trash). */
static const MovedTable moved_tables[] = {
  { "contact", RAPPORT_ENTITY_KIND_CONTACT },
  { "channel", 0 },
  { "interaction", RAPPORT_ENTITY_KIND_INTERACTION },
  { "orders", RAPPORT_ENTITY_KIND_ORDER },
  { "follow_up", RAPPORT_ENTITY_KIND_FOLLOW_UP },
  { "message", RAPPORT_ENTITY_KIND_MESSAGE },
  { "opportunity", RAPPORT_ENTITY_KIND_OPPORTUNITY },
  { "service_request", RAPPORT_ENTITY_KIND_SERVICE_REQUEST },
  /* Their tier history: the survivor's page shows it, undo gives it back. */
  { "tier_change", 0 },
};

#define CUSTOMER_ROW_SQL      "SELECT * FROM customer WHERE id = ?1"
#define SURVIVOR_CHANNELS_SQL "SELECT * FROM channel WHERE customer_id = ?1 AND contact_id IS NULL ORDER BY id"
#define SURVIVOR_TAGS_SQL     "SELECT t.name, ct.import_id FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id " \
                              "WHERE ct.customer_id = ?1 ORDER BY t.name"
#define CONTACT_ROW_SQL       "SELECT * FROM contact WHERE id = ?1"

static gboolean
exec_ids (RapportDatabase  *db,
          const char       *sql,
          gint64            a,
          gint64            b,
          GError          **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, b);

  return _rapport_database_step_done (db, stmt, _("Could not merge the customers"), error);
}

static GArray *
select_ids (RapportDatabase  *db,
            const char       *sql,
            gint64            a,
            gint64            b,
            GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, b);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not merge the customers"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gboolean
check_live (RapportDatabase  *db,
            gint64            id,
            GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 live = 0;

  stmt = _rapport_database_prepare (db, "SELECT deleted_at IS NULL FROM customer WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not merge the customers"), &live, error))
    return FALSE;
  if (live == 0)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CUSTOMER, id);

  return TRUE;
}

/* The survivor's tags and those of the others, each once. */
static gboolean
gather_tags (RapportDatabase  *db,
             RapportCustomer  *survivor,
             const gint64     *others,
             guint             n_others,
             GError          **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) all = NULL;
  g_auto (GStrv) cleaned = NULL;

  g_strv_builder_addv (builder, (const char **) rapport_customer_get_tags (survivor));
  for (guint i = 0; i < n_others; i++)
    {
      g_auto (GStrv) tags = _rapport_store_load_tags (db, others[i], error);

      if (tags == NULL)
        return FALSE;
      g_strv_builder_addv (builder, (const char **) tags);
    }

  all = g_strv_builder_end (builder);
  cleaned = _rapport_store_clean_tags ((const char * const *) all);
  rapport_customer_set_tags (survivor, (const char * const *) cleaned);

  return TRUE;
}

static gboolean
move_rows (RapportDatabase  *db,
           gint64            merge_id,
           gint64            survivor_id,
           gint64            other_id,
           GError          **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (moved_tables); t++)
    {
      const char *table = moved_tables[t].table;
      const char *only = g_str_equal (table, "channel") ? " AND contact_id IS NOT NULL" : "";
      g_autofree char *record_sql = NULL;
      g_autofree char *move_sql = NULL;
      g_autoptr (GArray) ids = NULL;
      g_autofree char *select_sql = NULL;

      select_sql = g_strdup_printf ("SELECT id FROM %s WHERE customer_id = ?1%s", table, only);
      ids = select_ids (db, select_sql, other_id, 0, error);
      if (ids == NULL)
        return FALSE;
      if (ids->len == 0)
        continue;

      record_sql = g_strdup_printf ("INSERT INTO merge_moved (merge_id, table_name, row_id, from_customer_id) "
                                    "SELECT ?1, '%s', id, customer_id FROM %s WHERE customer_id = ?2%s",
                                    table, table, only);
      move_sql = g_strdup_printf ("UPDATE %s SET customer_id = ?1 WHERE customer_id = ?2%s", table, only);
      if (!exec_ids (db, record_sql, merge_id, other_id, error) ||
          !exec_ids (db, move_sql, survivor_id, other_id, error))
        return FALSE;

      if (moved_tables[t].kind == 0)
        continue;
      for (guint i = 0; i < ids->len; i++)
        _rapport_database_queue_change (db, moved_tables[t].kind, g_array_index (ids, gint64, i), survivor_id,
                                        RAPPORT_CHANGE_UPDATED);
    }

  return TRUE;
}

/* One primary contact at most: the survivor's, else the oldest of those
 * that move. The others' flags are kept for the undo. */
static gboolean
settle_primary (RapportDatabase  *db,
                gint64            merge_id,
                gint64            survivor_id,
                GArray           *moved_contacts,
                gboolean          survivor_has_primary,
                GError          **error)
{
  gboolean kept = survivor_has_primary;

  for (guint i = 0; i < moved_contacts->len; i++)
    {
      gint64 id = g_array_index (moved_contacts, gint64, i);
      gint64 primary = 0;
      g_autoptr (RapportStatement) stmt = NULL;

      stmt = _rapport_database_prepare (db, "SELECT is_primary AND deleted_at IS NULL FROM contact WHERE id = ?1",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!_rapport_database_step_int64 (db, stmt, _("Could not merge the customers"), &primary, error))
        return FALSE;
      if (!primary)
        continue;
      if (!kept)
        {
          kept = TRUE;
          continue;
        }

      if (!_rapport_row_snapshot_take (db, RAPPORT_SNAPSHOT_MERGE, merge_id, "contact", id, CONTACT_ROW_SQL, error) ||
          !exec_ids (db, "UPDATE contact SET is_primary = 0 WHERE id = ?1", id, 0, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
merge (RapportDatabase  *db,
       RapportCustomer  *survivor,
       const gint64     *others,
       guint             n_others,
       gint64           *merge_id,
       GError          **error)
{
  gint64 survivor_id = rapport_customer_get_id (survivor);
  g_autoptr (GArray) moved_contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) primaries = NULL;
  GError *local_error = NULL;

  if (!check_live (db, survivor_id, error))
    return FALSE;
  for (guint i = 0; i < n_others; i++)
    {
      if (others[i] == survivor_id)
        {
          g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                               _("A customer cannot be merged into itself"));
          return FALSE;
        }
      if (!check_live (db, others[i], error))
        return FALSE;
    }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db, "INSERT INTO merge_run (survivor_id, merged_at) VALUES (?1, ?2)", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, survivor_id);
    sqlite3_bind_int64 (stmt, 2, _rapport_database_now (db));
    if (!_rapport_database_step_done (db, stmt, _("Could not merge the customers"), error))
      return FALSE;
    *merge_id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  if (!_rapport_row_snapshot_take (db, RAPPORT_SNAPSHOT_MERGE, *merge_id, "customer", survivor_id,
                                   CUSTOMER_ROW_SQL, error) ||
      !_rapport_row_snapshot_take (db, RAPPORT_SNAPSHOT_MERGE, *merge_id, "channel", survivor_id,
                                   SURVIVOR_CHANNELS_SQL, error) ||
      !_rapport_row_snapshot_take (db, RAPPORT_SNAPSHOT_MERGE, *merge_id, "tags", survivor_id,
                                   SURVIVOR_TAGS_SQL, error) ||
      !gather_tags (db, survivor, others, n_others, error))
    return FALSE;

  /* The others' rows too: coming back from the Trash is not an edit. */
  for (guint i = 0; i < n_others; i++)
    if (!_rapport_row_snapshot_take (db, RAPPORT_SNAPSHOT_MERGE, *merge_id, "customer", others[i],
                                     CUSTOMER_ROW_SQL, error))
      return FALSE;

  primaries = select_ids (db, "SELECT id FROM contact WHERE customer_id = ?1 AND is_primary AND deleted_at IS NULL",
                          survivor_id, 0, error);
  if (primaries == NULL)
    return FALSE;

  for (guint i = 0; i < n_others; i++)
    {
      g_autoptr (GArray) contacts = select_ids (db, "SELECT id FROM contact WHERE customer_id = ?1 ORDER BY id",
                                                others[i], 0, error);

      if (contacts == NULL)
        return FALSE;
      /* Their documents are keyed by their customer's place in the index. */
      for (guint c = 0; c < contacts->len; c++)
        if (!_rapport_search_index_delete_contact (db, g_array_index (contacts, gint64, c), error))
          return FALSE;
      g_array_append_vals (moved_contacts, contacts->data, contacts->len);

      if (!move_rows (db, *merge_id, survivor_id, others[i], error))
        return FALSE;
    }

  if (!settle_primary (db, *merge_id, survivor_id, moved_contacts, primaries->len > 0, error))
    return FALSE;

  if (!rapport_store_update_customer (db, survivor, &local_error))
    {
      if (g_error_matches (local_error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_DUPLICATE_CODE))
        local_error->code = RAPPORT_DATABASE_ERROR_INVALID;
      g_propagate_error (error, local_error);
      return FALSE;
    }

  for (guint i = 0; i < n_others; i++)
    if (!rapport_store_trash_customer (db, others[i], error) ||
        !exec_ids (db, "INSERT OR IGNORE INTO merge_trashed (merge_id, customer_id) VALUES (?1, ?2)",
                   *merge_id, others[i], error))
      return FALSE;

  for (guint c = 0; c < moved_contacts->len; c++)
    if (!_rapport_search_index_update_contact (db, g_array_index (moved_contacts, gint64, c), error))
      return FALSE;

  return _rapport_store_refresh_last_interaction (db, survivor_id, error) &&
         _rapport_search_index_update_customer (db, survivor_id, error);
}

/**
 * rapport_store_merge_customers:
 *
 * See rapport-import-store.h. The survivor's tags gain the others'; its
 * last interaction counts the interactions that moved. A contact that was
 * primary at another customer stops being so when the survivor has one.
 */
gint64
rapport_store_merge_customers (RapportDatabase  *db,
                               RapportCustomer  *survivor,
                               const gint64     *others,
                               guint             n_others,
                               GError          **error)
{
  gint64 merge_id = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (survivor), 0);
  g_return_val_if_fail (others != NULL || n_others == 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return 0;

  if (!merge (db, survivor, others, n_others, &merge_id, error) ||
      !_rapport_database_commit (db, error))
    {
      _rapport_database_rollback (db, NULL);
      return 0;
    }

  return merge_id;
}

/* Undoing */

static const char * const survivor_kept_columns[] = {
  "deleted_at", "last_interaction_at", "search_slot", NULL
};
/* Where it belongs is what the moves put back. */
static const char * const contact_kept_columns[] = { "deleted_at", "customer_id", NULL };
static const char * const channel_new_columns[] = { "id", NULL };

static gboolean
restore_merge_snapshot (RapportDatabase  *db,
                        const char       *label,
                        gint64            row_id,
                        JsonArray        *rows,
                        gpointer          user_data,
                        GError          **error)
{
  gboolean survivor_exists = GPOINTER_TO_INT (user_data);
  guint n = json_array_get_length (rows);

  /* A survivor deleted for good since has nothing to restore. */
  if (!survivor_exists && (g_str_equal (label, "channel") || g_str_equal (label, "tags")))
    return TRUE;

  if (g_str_equal (label, "customer") || g_str_equal (label, "contact"))
    {
      for (guint i = 0; i < n; i++)
        if (!_rapport_row_snapshot_update (db, label, json_array_get_object_element (rows, i),
                                           g_str_equal (label, "customer") ? survivor_kept_columns
                                                                           : contact_kept_columns,
                                           error))
          return FALSE;
      return TRUE;
    }

  if (g_str_equal (label, "channel"))
    {
      if (!exec_ids (db, "DELETE FROM channel WHERE customer_id = ?1 AND contact_id IS NULL", row_id, 0, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        if (!_rapport_row_snapshot_insert (db, "channel", json_array_get_object_element (rows, i),
                                           channel_new_columns, error))
          return FALSE;
      return TRUE;
    }

  if (g_str_equal (label, "tags"))
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) names = NULL;

      for (guint i = 0; i < n; i++)
        g_strv_builder_add (builder, json_object_get_string_member_with_default (json_array_get_object_element (rows, i),
                                                                                 "name", ""));
      names = g_strv_builder_end (builder);
      if (!_rapport_store_save_tags (db, row_id, (const char * const *) names, FALSE, NULL, error))
        return FALSE;

      /* A link an import added stays that import's. */
      for (guint i = 0; i < n; i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          g_autoptr (RapportStatement) stmt = NULL;

          if (json_object_get_null_member (row, "import_id"))
            continue;
          stmt = _rapport_database_prepare (db,
                                            "UPDATE customer_tag SET import_id = ?3 WHERE customer_id = ?1 "
                                            "AND tag_id = (SELECT id FROM tag WHERE name = ?2)",
                                            error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, row_id);
          sqlite3_bind_text (stmt, 2, json_object_get_string_member_with_default (row, "name", ""), -1,
                             SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 3, json_object_get_int_member_with_default (row, "import_id", 0));
          if (!_rapport_database_step_done (db, stmt, _("Could not undo the merge"), error))
            return FALSE;
        }
      return TRUE;
    }

  g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_FAILED,
                       _("The record of the change to undo is damaged"));
  return FALSE;
}

static gboolean
unmerge (RapportDatabase  *db,
         gint64            merge_id,
         GError          **error)
{
  g_autoptr (GArray) survivor = NULL;
  g_autoptr (GArray) still_there = NULL;
  g_autoptr (GArray) contacts = NULL;
  g_autoptr (GArray) trashed = NULL;
  gint64 survivor_id;

  survivor = select_ids (db, "SELECT survivor_id FROM merge_run WHERE id = ?1", merge_id, 0, error);
  if (survivor == NULL)
    return FALSE;
  survivor_id = g_array_index (survivor, gint64, 0);
  still_there = select_ids (db, "SELECT id FROM customer WHERE id = ?1", survivor_id, 0, error);
  if (still_there == NULL)
    return FALSE;

  contacts = select_ids (db, "SELECT row_id FROM merge_moved WHERE merge_id = ?1 AND table_name = 'contact'",
                         merge_id, 0, error);
  if (contacts == NULL)
    return FALSE;
  for (guint c = 0; c < contacts->len; c++)
    if (!_rapport_search_index_delete_contact (db, g_array_index (contacts, gint64, c), error))
      return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (moved_tables); t++)
    {
      const char *table = moved_tables[t].table;
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET customer_id = m.from_customer_id FROM merge_moved m "
                                              "WHERE m.merge_id = ?1 AND m.table_name = '%s' AND m.row_id = %s.id",
                                              table, table, table);
      g_autofree char *select_sql = g_strdup_printf ("SELECT row_id, from_customer_id FROM merge_moved "
                                                     "WHERE merge_id = ?1 AND table_name = '%s'", table);

      if (moved_tables[t].kind != 0)
        {
          g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, select_sql, error);
          int rc;

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, merge_id);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            _rapport_database_queue_change (db, moved_tables[t].kind, sqlite3_column_int64 (stmt, 0),
                                            sqlite3_column_int64 (stmt, 1), RAPPORT_CHANGE_UPDATED);
          if (rc != SQLITE_DONE)
            {
              _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not undo the merge"));
              return FALSE;
            }
        }

      if (!exec_ids (db, sql, merge_id, 0, error))
        return FALSE;
    }

  /* (One deleted for good since, by the Trash or an import's undo, stays so.) */
  trashed = select_ids (db,
                        "SELECT t.customer_id FROM merge_trashed t JOIN customer c ON c.id = t.customer_id "
                        "WHERE t.merge_id = ?1",
                        merge_id, 0, error);
  if (trashed == NULL)
    return FALSE;
  for (guint i = 0; i < trashed->len; i++)
    {
      gint64 id = g_array_index (trashed, gint64, i);

      if (!rapport_store_restore_customer (db, id, error) ||
          !_rapport_store_refresh_last_interaction (db, id, error))
        return FALSE;
    }

  if (!_rapport_row_snapshot_foreach (db, RAPPORT_SNAPSHOT_MERGE, merge_id, restore_merge_snapshot,
                                      GINT_TO_POINTER (still_there->len > 0), error))
    return FALSE;

  for (guint c = 0; c < contacts->len; c++)
    if (!_rapport_search_index_update_contact (db, g_array_index (contacts, gint64, c), error))
      return FALSE;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, survivor_id, survivor_id,
                                  RAPPORT_CHANGE_UPDATED);

  return _rapport_store_refresh_last_interaction (db, survivor_id, error) &&
         _rapport_search_index_update_customer (db, survivor_id, error) &&
         exec_ids (db, "UPDATE merge_run SET undone_at = ?2 WHERE id = ?1", merge_id, _rapport_database_now (db),
                   error) &&
         exec_ids (db, "DELETE FROM row_snapshot WHERE owner = 'merge' AND owner_id = ?1", merge_id, 0, error);
}

static gboolean
check_merge_run (RapportDatabase  *db,
                 gint64            merge_id,
                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT undone_at IS NOT NULL FROM merge_run WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, merge_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND,
                           _("The merge can no longer be undone"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not undo the merge"));
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 0) != 0)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT,
                           _("This merge was undone already"));
      return FALSE;
    }

  return TRUE;
}

/**
 * rapport_store_undo_merge:
 *
 * See rapport-import-store.h. The survivor's own fields, phones, e-mails
 * and tags come back as they were; what moved goes back to the customer it
 * came from; the others come back from the Trash.
 */
gboolean
rapport_store_undo_merge (RapportDatabase  *db,
                          gint64            merge_id,
                          GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if (!check_merge_run (db, merge_id, error) ||
      !unmerge (db, merge_id, error) ||
      !_rapport_database_commit (db, error))
    {
      _rapport_database_rollback (db, NULL);
      return FALSE;
    }

  return TRUE;
}
