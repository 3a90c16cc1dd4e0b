/* rapport-search.c
 *
 * The query side of the search index (see rapport-search-index.c for how the
 * documents are written). A query is folded the way documents are and run in
 * ranks, each stopping as soon as the result is full, so a one-letter query
 * that matches every row costs no more than a precise one:
 *
 *   1. exact code, then exact name: the customer table's indexes;
 *   2. name, code, pinyin or initials starting with the query: a prefix query
 *      on the head tokens;
 *   3. every word of the query found whole in some token (a tag, a Latin word);
 *   4. every word found as a prefix. A word of Han characters or digits is
 *      looked up by its windows: shorter than a window, as a prefix; as long,
 *      as a term; longer, as the AND of its windows, the matches then checked
 *      against the raw text since the windows may sit apart in the document.
 *      Phone windows are in search_digits: a query with a run of digits as
 *      long as a window is driven from there, its other words checked against
 *      the document's text.
 *
 * Within a rank, customers come in list order (pinyin name order).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-search"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-database-private.h"
#include "rapport-search-index-private.h"
#include "rapport-store.h"
#include "rapport-text.h"

/* What a match must also hold: the raw text a substring (a long windowed
 * term), or a token starting with the text (a prefix longer than the index's
 * prefix lengths, looked up by a shorter one). */
typedef struct
{
  char     *text;
  gboolean  in_raw;
} Check;

typedef struct
{
  char     *text;      /* folded, cut to RAPPORT_SEARCH_MAX_TOKEN_CHARS */
  gboolean  whole;     /* an e-mail's local part: typed up to the "@" */
  gboolean  windowed;  /* digits, or led by a Han character */
  gboolean  plus;      /* typed after a "+": may start with the country code */
} Term;

/* Helpers */

static void
term_clear (gpointer data)
{
  Term *term = data;

  g_free (term->text);
}

static void
check_free (gpointer data)
{
  Check *check = data;

  g_free (check->text);
  g_free (check);
}

static void
add_check (GPtrArray  *checks,
           const char *text,
           gboolean    in_raw)
{
  Check *check = g_new0 (Check, 1);

  /* A token prefix is a prefix of what follows a separator. */
  check->text = in_raw ? g_strdup (text) : g_strconcat (" ", text, NULL);
  check->in_raw = in_raw;
  g_ptr_array_add (checks, check);
}

static char *
cut_term (const char *term)
{
  return g_utf8_substring (term, 0, MIN (g_utf8_strlen (term, -1),
                                         (glong) RAPPORT_SEARCH_MAX_TOKEN_CHARS));
}

static gboolean
is_digits (const char *s)
{
  for (; *s != '\0'; s++)
    {
      if (!g_ascii_isdigit (*s))
        return FALSE;
    }
  return TRUE;
}

static void
add_term (GArray     *terms,
          const char *folded,
          gboolean    whole,
          gboolean    plus)
{
  Term term = { NULL, whole, FALSE, plus };

  if (*folded == '\0')
    return;

  term.text = cut_term (folded);
  term.windowed = !whole && (is_digits (term.text) ||
                             _rapport_search_is_unit_char (g_utf8_get_char (term.text)));
  g_array_append_val (terms, term);
}

/* The folded words of @query. Groups of digits are joined, since
 * "138 0013 8000" is one phone number, and lose the home country code when
 * typed after a "+", as the index has numbers the way they are dialled at
 * home. An e-mail address is its local part, whole, and its domain. */
static GArray *
split_query (const char *query,
             const char *country_code)
{
  g_autoptr (GArray) terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_autofree char *normalized = rapport_text_normalize (query);
  g_auto (GStrv) parts = g_strsplit (normalized, " ", -1);

  g_array_set_clear_func (terms, term_clear);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *at = strrchr (parts[i], '@');
      g_autofree char *folded = NULL;

      if (at != NULL)
        {
          g_autofree char *local = g_strndup (parts[i], at - parts[i]);
          g_autofree char *folded_local = _rapport_search_fold (local);
          g_autofree char *folded_domain = _rapport_search_fold (at + 1);

          add_term (terms, folded_local, TRUE, FALSE);
          add_term (terms, folded_domain, FALSE, FALSE);
          continue;
        }

      folded = _rapport_search_fold (parts[i]);
      if (*folded == '\0')
        continue;

      if (terms->len > 0 && is_digits (folded))
        {
          Term *last = &g_array_index (terms, Term, terms->len - 1);

          if (!last->whole && is_digits (last->text))
            {
              g_autofree char *joined = g_strconcat (last->text, folded, NULL);

              g_free (last->text);
              last->text = cut_term (joined);
              continue;
            }
        }

      add_term (terms, folded, FALSE, parts[i][0] == '+');
    }

  for (guint i = 0; i < terms->len && country_code != NULL; i++)
    {
      Term *term = &g_array_index (terms, Term, i);

      if (term->plus && is_digits (term->text) &&
          g_str_has_prefix (term->text, country_code) &&
          strlen (term->text) > strlen (country_code))
        {
          char *national = g_strdup (term->text + strlen (country_code));

          g_free (term->text);
          term->text = national;
        }
    }

  return g_steal_pointer (&terms);
}

/* An FTS5 string: inside double quotes, a quote is doubled. Folded terms hold
 * letters and digits only, so this is belt and braces. */
static void
append_fts_string (GString    *out,
                   const char *marker,
                   const char *term,
                   gssize      len)
{
  const char *end = len < 0 ? term + strlen (term) : term + len;

  g_string_append_c (out, '"');
  if (marker != NULL)
    g_string_append (out, marker);
  for (const char *p = term; p < end; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A prefix query for @marker and @text. FTS5 answers a prefix as long as one
 * of its prefix indexes by streaming that index, but any other by merging the
 * lists of every term with the prefix first, which for "youxian" (有限, in
 * every other company name) is tens of thousands of rows. So a longer prefix
 * is looked up by the longest indexed prefix it starts with, and the matches
 * checked for a token that starts with all of it. */
static void
append_prefix_query (GString    *out,
                     const char *marker,
                     const char *text,
                     GPtrArray  *checks)
{
  static const glong indexed[] = { 8, 6, 5, 4, 3 };
  glong n_chars = g_utf8_strlen (text, -1) + (marker != NULL ? 1 : 0);
  glong use = n_chars;

  for (guint i = 0; i < G_N_ELEMENTS (indexed); i++)
    {
      if (n_chars == indexed[i])
        break;
      if (n_chars > indexed[i])
        {
          use = indexed[i];
          break;
        }
    }

  if (use < n_chars)
    {
      g_autofree char *full = g_strconcat (marker != NULL ? marker : "", text, NULL);
      const char *end = g_utf8_offset_to_pointer (text, use - (marker != NULL ? 1 : 0));

      append_fts_string (out, marker, text, end - text);
      add_check (checks, full, FALSE);
    }
  else
    {
      append_fts_string (out, marker, text, -1);
    }

  g_string_append (out, " * ");
}

/* Appends the FTS5 expression that finds @term, as a prefix unless @whole,
 * and what its matches must be checked for. */
static void
append_term_query (GString    *out,
                   const Term *term,
                   gboolean    whole,
                   GPtrArray  *checks)
{
  glong n_chars = g_utf8_strlen (term->text, -1);
  gboolean digits = is_digits (term->text);

  if (!term->windowed)
    {
      if (whole || term->whole)
        {
          append_fts_string (out, NULL, term->text, -1);
          g_string_append_c (out, ' ');
        }
      else
        {
          append_prefix_query (out, NULL, term->text, checks);
        }
      return;
    }

  if (n_chars < RAPPORT_SEARCH_WINDOW_CHARS)
    {
      append_fts_string (out, NULL, term->text, -1);
      g_string_append (out, " * ");
      return;
    }

  if (n_chars == RAPPORT_SEARCH_WINDOW_CHARS)
    {
      append_fts_string (out, NULL, term->text, -1);
      g_string_append_c (out, ' ');
      return;
    }

  /* The windows that start where the document has one: at every digit, at
   * every Han character. */
  for (const char *p = term->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *end = p;
      glong i;

      if (!digits && !_rapport_search_is_unit_char (g_utf8_get_char (p)))
        continue;

      for (i = 0; i < RAPPORT_SEARCH_WINDOW_CHARS && *end != '\0'; i++)
        end = g_utf8_next_char (end);
      if (i < RAPPORT_SEARCH_WINDOW_CHARS)
        break;

      append_fts_string (out, NULL, p, end - p);
      g_string_append_c (out, ' ');
    }

  add_check (checks, term->text, TRUE);
}

/* A run of digits as long as a window or longer: looked up in search_digits. */
static gboolean
is_phone_run (const Term *term)
{
  return is_digits (term->text) &&
         g_utf8_strlen (term->text, -1) >= RAPPORT_SEARCH_WINDOW_CHARS;
}

/* The check that stands for @term when another table drives the query. */
static void
add_term_check (GPtrArray  *checks,
                const Term *term,
                gboolean    whole)
{
  if (term->windowed && !is_digits (term->text))
    {
      add_check (checks, term->text, TRUE);
    }
  else if (whole || term->whole)
    {
      g_autofree char *token = g_strconcat (term->text, " ", NULL);
      add_check (checks, token, FALSE);
    }
  else
    {
      add_check (checks, term->text, FALSE);
    }
}

/* Appends the search_digits expression for @term: the windows that cover it,
 * then checked against the raw digits when it is longer than one. */
static void
append_phone_query (GString    *out,
                    const Term *term,
                    GPtrArray  *checks)
{
  gsize len = strlen (term->text);

  for (gsize i = 0; ; i += RAPPORT_SEARCH_WINDOW_CHARS)
    {
      gsize at = MIN (i, len - RAPPORT_SEARCH_WINDOW_CHARS);

      append_fts_string (out, NULL, term->text + at, RAPPORT_SEARCH_WINDOW_CHARS);
      g_string_append_c (out, ' ');
      if (at + RAPPORT_SEARCH_WINDOW_CHARS >= len)
        break;
    }

  if (len > RAPPORT_SEARCH_WINDOW_CHARS)
    add_check (checks, term->text, TRUE);
}

/* Whether the document whose tokens and raw text are columns 1 and 2 of
 * @stmt passes @checks. */
static gboolean
passes_checks (sqlite3_stmt *stmt,
               GPtrArray    *checks)
{
  g_autofree char *tokens = NULL;
  const char *raw = (const char *) sqlite3_column_text (stmt, 2);

  for (guint i = 0; i < checks->len; i++)
    {
      const Check *check = g_ptr_array_index (checks, i);

      if (!check->in_raw && tokens == NULL)
        tokens = g_strconcat (" ", (const char *) sqlite3_column_text (stmt, 1), NULL);

      if (strstr (check->in_raw ? (raw != NULL ? raw : "") : tokens, check->text) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* Filters
 *
 * A filter (stage, tier, tag) is a bitmap over customer ids, read from the
 * covering index behind it and kept per connection until the database
 * changes, so that testing a match against it costs a bit test: the user
 * sets a filter once and types many queries. */

typedef struct
{
  char    *key;      /* "s:active", "t:gold", "g:<tag id>" */
  guint8  *bits;
  gint64   n_bits;
  guint    count;    /* customers in it */
} FilterBits;

typedef struct
{
  gint64      data_version;
  gint64      total_changes;
  GPtrArray  *filters;   /* FilterBits, a few */
  /* The customers of the search index's ordered slots, by slot: a match's
   * customer found by a binary search rather than a query. */
  GArray     *slots;     /* gint64, increasing */
  GArray     *slot_ids;  /* gint64, the customer at each */
} FilterCache;

static GQuark filter_cache_quark;

static void
filter_bits_free (gpointer data)
{
  FilterBits *bits = data;

  g_free (bits->key);
  g_free (bits->bits);
  g_free (bits);
}

static void
filter_cache_free (gpointer data)
{
  FilterCache *cache = data;

  g_ptr_array_unref (cache->filters);
  g_clear_pointer (&cache->slots, g_array_unref);
  g_clear_pointer (&cache->slot_ids, g_array_unref);
  g_free (cache);
}

static gboolean
filter_bits_has (const FilterBits *bits,
                 gint64            id)
{
  return id >= 0 && id < bits->n_bits && (bits->bits[id >> 3] & (1u << (id & 7))) != 0;
}

static gboolean
read_int64 (RapportDatabase  *db,
            const char       *sql,
            gint64           *out,
            GError          **error)
{
  sqlite3_stmt *stmt = _rapport_database_prepare (db, sql, error);

  return stmt != NULL &&
         _rapport_database_step_int64 (db, stmt, _("Could not search the customers"), out, error);
}

/* The cache of @db's connection, emptied when anything was written since. */
static FilterCache *
get_filter_cache (RapportDatabase  *db,
                  GError          **error)
{
  FilterCache *cache;
  gint64 data_version = 0;
  gint64 total_changes = sqlite3_total_changes64 (_rapport_database_get_handle (db));

  if (filter_cache_quark == 0)
    filter_cache_quark = g_quark_from_static_string ("rapport-search-filter-cache");

  /* data_version moves when another connection commits; total_changes when
   * this one writes. */
  if (!read_int64 (db, "PRAGMA data_version", &data_version, error))
    return NULL;

  cache = g_object_get_qdata (G_OBJECT (db), filter_cache_quark);
  if (cache == NULL)
    {
      cache = g_new0 (FilterCache, 1);
      cache->filters = g_ptr_array_new_with_free_func (filter_bits_free);
      g_object_set_qdata_full (G_OBJECT (db), filter_cache_quark, cache, filter_cache_free);
    }
  else if (cache->data_version != data_version || cache->total_changes != total_changes)
    {
      g_ptr_array_set_size (cache->filters, 0);
      g_clear_pointer (&cache->slots, g_array_unref);
      g_clear_pointer (&cache->slot_ids, g_array_unref);
    }

  cache->data_version = data_version;
  cache->total_changes = total_changes;

  return cache;
}

static FilterBits *
get_filter_bits (RapportDatabase  *db,
                 FilterCache      *cache,
                 const char       *sql,
                 const char       *key,
                 const char       *text_param,
                 gint64            int_param,
                 gint64            max_id,
                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  FilterBits *bits;
  int rc;

  for (guint i = 0; i < cache->filters->len; i++)
    {
      bits = g_ptr_array_index (cache->filters, i);
      if (g_str_equal (bits->key, key))
        return bits;
    }

  stmt = _rapport_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  if (text_param != NULL)
    sqlite3_bind_text (stmt, 1, text_param, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, int_param);

  bits = g_new0 (FilterBits, 1);
  bits->key = g_strdup (key);
  bits->n_bits = max_id + 1;
  bits->bits = g_malloc0 ((bits->n_bits + 7) / 8);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id >= 0 && id < bits->n_bits)
        {
          bits->bits[id >> 3] |= 1u << (id & 7);
          bits->count++;
        }
    }

  if (rc != SQLITE_DONE)
    {
      filter_bits_free (bits);
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not search the customers"));
      return NULL;
    }

  /* Every stage, tier and a few dozen tags (12 KB each at 100,000
   * customers): switching filters back and forth reads none again. */
  if (cache->filters->len >= 32)
    g_ptr_array_remove_index (cache->filters, 0);
  g_ptr_array_add (cache->filters, bits);

  return bits;
}

/* A search in progress. */

#define MAX_FILTERS 4

typedef struct
{
  RapportDatabase  *db;
  RapportCustomerSort sort;
  const FilterBits *filters[MAX_FILTERS];
  guint             n_filters;
  gint64            max_id;    /* the highest customer id: the ids' range */
  FilterCache      *cache;
  GHashTable       *seen;      /* customers already found, at a better rank */
  GArray           *result;
  guint             want;      /* limit + 1: one more tells it was truncated */
} Search;

static gboolean
passes_filters (const Search *search,
                gint64        id)
{
  for (guint i = 0; i < search->n_filters; i++)
    {
      if (!filter_bits_has (search->filters[i], id))
        return FALSE;
    }
  return TRUE;
}

static void
add_found (Search *search,
           gint64  id)
{
  g_hash_table_add (search->seen, g_memdup2 (&id, sizeof id));
  g_array_append_val (search->result, id);
}

/* Sets up @search's filters. FALSE without @error when a filter cannot match
 * anything (an unknown tag). */
static gboolean
search_init_filters (Search                     *search,
                     const RapportSearchFilter  *filter,
                     GError                    **error)
{
  FilterCache *cache;

  if (!read_int64 (search->db, "SELECT ifnull (max (id), 0) FROM customer", &search->max_id, error))
    return FALSE;

  cache = search->cache = get_filter_cache (search->db, error);
  if (cache == NULL)
    return FALSE;

  if (filter == NULL || (filter->stage < 0 && filter->tier < 0 && filter->tag == NULL && filter->owner_id < 0))
    return TRUE;

  if (filter->stage >= 0)
    {
      const char *stage = rapport_stage_to_string (filter->stage);
      g_autofree char *key = g_strconcat ("s:", stage, NULL);

      search->filters[search->n_filters] =
        get_filter_bits (search->db, cache, "SELECT id FROM customer WHERE stage = ?1",
                         key, stage, 0, search->max_id, error);
      if (search->filters[search->n_filters++] == NULL)
        return FALSE;
    }

  if (filter->tier >= 0)
    {
      const char *tier = rapport_tier_to_string (filter->tier);
      g_autofree char *key = g_strconcat ("t:", tier, NULL);

      search->filters[search->n_filters] =
        get_filter_bits (search->db, cache, "SELECT id FROM customer WHERE tier = ?1",
                         key, tier, 0, search->max_id, error);
      if (search->filters[search->n_filters++] == NULL)
        return FALSE;
    }

  if (filter->tag != NULL)
    {
      g_autoptr (RapportStatement) stmt = NULL;
      g_autofree char *key = NULL;
      gint64 tag_id;
      int rc;

      stmt = _rapport_database_prepare (search->db, "SELECT id FROM tag WHERE name = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, filter->tag, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        return FALSE;   /* no such tag: nothing matches */
      if (rc != SQLITE_ROW)
        {
          _rapport_database_set_error (error, _rapport_database_get_handle (search->db),
                                       _("Could not search the customers"));
          return FALSE;
        }
      tag_id = sqlite3_column_int64 (stmt, 0);
      key = g_strdup_printf ("g:%" G_GINT64_FORMAT, tag_id);

      search->filters[search->n_filters] =
        get_filter_bits (search->db, cache,
                         "SELECT customer_id FROM customer_tag WHERE tag_id = ?1",
                         key, NULL, tag_id, search->max_id, error);
      if (search->filters[search->n_filters++] == NULL)
        return FALSE;
    }

  if (filter->owner_id >= 0)
    {
      g_autofree char *key = g_strdup_printf ("o:%" G_GINT64_FORMAT, filter->owner_id);

      /* Through customer_by_owner; the default user owns the NULLs. */
      search->filters[search->n_filters] =
        get_filter_bits (search->db, cache,
                         filter->owner_id > 0 ? "SELECT id FROM customer WHERE owner_id = ?1"
                                              : "SELECT id FROM customer WHERE owner_id IS NULL AND ?1 = 0",
                         key, NULL, filter->owner_id, search->max_id, error);
      if (search->filters[search->n_filters++] == NULL)
        return FALSE;
    }

  /* A filter nobody passes: nothing to search. */
  for (guint i = 0; i < search->n_filters; i++)
    {
      if (search->filters[i]->count == 0)
        return FALSE;
    }

  return TRUE;
}

/* The list's orders. Each has a covering index on (deleted_at, key, id). */
#define ORDER_NAME " ORDER BY c.sort_key, c.id"
#define ORDER_LAST " ORDER BY c.last_interaction_at DESC, c.id"
#define ORDER_CREATED " ORDER BY c.created_at DESC, c.id"

/* The same, for the rows found by another index: "+" keeps the planner from
 * walking the order's index instead of the one that finds the rows. */
#define ORDER_NAME_FOUND " ORDER BY +c.sort_key, +c.id"
#define ORDER_LAST_FOUND " ORDER BY +c.last_interaction_at DESC, +c.id"
#define ORDER_CREATED_FOUND " ORDER BY +c.created_at DESC, +c.id"

#define PER_ORDER_FOUND(macro) { \
  [RAPPORT_CUSTOMER_SORT_NAME] = macro (ORDER_NAME_FOUND), \
  [RAPPORT_CUSTOMER_SORT_LAST_INTERACTION] = macro (ORDER_LAST_FOUND), \
  [RAPPORT_CUSTOMER_SORT_CREATED] = macro (ORDER_CREATED_FOUND), \
}

#define PER_ORDER(macro) { \
  [RAPPORT_CUSTOMER_SORT_NAME] = macro (ORDER_NAME), \
  [RAPPORT_CUSTOMER_SORT_LAST_INTERACTION] = macro (ORDER_LAST), \
  [RAPPORT_CUSTOMER_SORT_CREATED] = macro (ORDER_CREATED), \
}

#define EXACT_CODE_SQL(order) "SELECT c.id FROM customer c WHERE c.code = ?1 AND c.deleted_at IS NULL" order
#define EXACT_NAME_SQL(order) "SELECT c.id FROM customer c WHERE c.name_match = ?1 AND c.deleted_at IS NULL" order
/* CROSS JOIN: the few ids drive the join, not the whole index. */
#define LOOKUP_SQL(order) "SELECT c.id FROM json_each (?1) j CROSS JOIN customer c ON c.id = j.value" \
                          " WHERE c.deleted_at IS NULL" order

static const char * const exact_code_sql[] = PER_ORDER_FOUND (EXACT_CODE_SQL);
static const char * const exact_name_sql[] = PER_ORDER_FOUND (EXACT_NAME_SQL);
static const char * const lookup_sql[] = PER_ORDER (LOOKUP_SQL);

/* Adds the rows of @stmt (customer ids in list order) that pass the filters
 * and @accept, until the search is full. */
static gboolean
add_in_order (Search        *search,
              sqlite3_stmt  *stmt,
              gboolean     (*accept) (Search *, gint64, gpointer, GError **),
              gpointer       user_data,
              GError       **error)
{
  int rc = SQLITE_DONE;

  while (search->result->len < search->want && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autoptr (GError) local_error = NULL;

      if (g_hash_table_contains (search->seen, &id) || !passes_filters (search, id))
        continue;

      if (accept != NULL && !accept (search, id, user_data, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          continue;
        }

      add_found (search, id);
    }

  if (search->result->len < search->want && rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (search->db),
                                   _("Could not search the customers"));
      return FALSE;
    }

  return TRUE;
}

/* Ranks 0 and 1: the live customers whose code or normalised name is the
 * query, from the customer table's indexes. */
static gboolean
add_exact (Search      *search,
           const char  *sql,
           const char  *value,
           GError     **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  if (value == NULL || *value == '\0')
    return TRUE;

  stmt = _rapport_database_prepare (search->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);

  return add_in_order (search, stmt, NULL, NULL, error);
}

/* Whether the document in search_fts at @rowid passes @checks. */
static gboolean
document_passes (RapportDatabase  *db,
                 gint64            rowid,
                 GPtrArray        *checks,
                 GError          **error)
{
  g_autoptr (RapportStatement) text = NULL;

  text = _rapport_database_prepare (db,
                                    "SELECT rowid, tokens, raw FROM search_fts WHERE rowid = ?1",
                                    error);
  if (text == NULL)
    return FALSE;
  sqlite3_bind_int64 (text, 1, rowid);

  return sqlite3_step (text) == SQLITE_ROW && passes_checks (text, checks);
}

/* Reads the ordered slots' customers into the cache: about 10 ms for
 * 100,000 customers, once after each change. */
static gboolean
read_slots (Search  *search,
            GError **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  FilterCache *cache = search->cache;
  int rc;

  stmt = _rapport_database_prepare (search->db,
                                    "SELECT search_slot, id FROM customer"
                                    " WHERE search_slot < ?1 ORDER BY search_slot",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, RAPPORT_SEARCH_MISFIT_SLOT);

  cache->slots = g_array_sized_new (FALSE, FALSE, sizeof (gint64), search->max_id);
  cache->slot_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), search->max_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 slot = sqlite3_column_int64 (stmt, 0);
      gint64 id = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (cache->slots, slot);
      g_array_append_val (cache->slot_ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&cache->slots, g_array_unref);
      g_clear_pointer (&cache->slot_ids, g_array_unref);
      _rapport_database_set_error (error, _rapport_database_get_handle (search->db),
                                   _("Could not search the customers"));
      return FALSE;
    }

  return TRUE;
}

/* The customer whose documents are at @slot: a misfit's id is in its slot,
 * the others' are in the cache. 0 when none holds it: a document of the old
 * layout that the rebuild has not reached yet. */
static gboolean
slot_customer (Search   *search,
               gint64    slot,
               gint64   *customer_id,
               GError  **error)
{
  const gint64 *slots;
  guint low = 0;
  guint high;

  *customer_id = 0;

  if (slot >= RAPPORT_SEARCH_MISFIT_SLOT)
    {
      *customer_id = slot - RAPPORT_SEARCH_MISFIT_SLOT;
      return TRUE;
    }

  if (search->cache->slots == NULL && !read_slots (search, error))
    return FALSE;

  slots = (const gint64 *) (gpointer) search->cache->slots->data;
  high = search->cache->slots->len;
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (slots[mid] < slot)
        low = mid + 1;
      else
        high = mid;
    }

  if (low < search->cache->slots->len && slots[low] == slot)
    *customer_id = g_array_index (search->cache->slot_ids, gint64, low);

  return TRUE;
}

/* Reads the matches of @match (on search_digits when @digits) whose rowids
 * are in [@from, @to), in rowid order, keeping the customers not yet found
 * that pass the filters and whose document passes @checks to @ids (gint64),
 * until it holds @want of them. */
static gboolean
read_matches (Search        *search,
              gboolean       digits,
              const char    *match,
              GPtrArray     *checks,
              gint64         from,
              gint64         to,
              guint          want,
              GArray        *ids,
              GError       **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 current_slot = -1;
  gint64 customer_id = 0;
  gboolean current_done = FALSE;
  int rc;

  if (digits)
    stmt = _rapport_database_prepare (search->db,
                                      "SELECT rowid FROM search_digits"
                                      " WHERE search_digits MATCH ?1 AND rowid >= ?2 AND rowid < ?3",
                                      error);
  else if (checks->len > 0)
    stmt = _rapport_database_prepare (search->db,
                                      "SELECT rowid, tokens, raw FROM search_fts"
                                      " WHERE search_fts MATCH ?1 AND rowid >= ?2 AND rowid < ?3",
                                      error);
  else
    stmt = _rapport_database_prepare (search->db,
                                      "SELECT rowid FROM search_fts"
                                      " WHERE search_fts MATCH ?1 AND rowid >= ?2 AND rowid < ?3",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);

  while (ids->len < want && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      gint64 slot = RAPPORT_SEARCH_ROWID_SLOT (rowid);
      gboolean passes;

      /* A customer's documents are next to each other. */
      if (slot != current_slot)
        {
          current_slot = slot;
          if (!slot_customer (search, slot, &customer_id, error))
            return FALSE;
          current_done = customer_id == 0 ||
                         g_hash_table_contains (search->seen, &customer_id) ||
                         !passes_filters (search, customer_id);
        }

      if (current_done)
        continue;

      if (checks->len == 0)
        passes = TRUE;
      else if (digits)
        passes = document_passes (search->db, rowid, checks, error);
      else
        passes = passes_checks (stmt, checks);

      if (passes)
        {
          g_array_append_val (ids, customer_id);
          current_done = TRUE;
        }
    }

  if (ids->len < want && rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (search->db),
                                   _("Could not search the customers"));
      return FALSE;
    }

  return TRUE;
}

/* The list in each order, kept per connection like the filters: ids in
 * order, and each id's place in it. Read from the order's covering index the
 * first time a big rank needs it after a change (about 10 ms for 100,000
 * customers); then putting any number of matches in order costs an array
 * look-up each. */
typedef struct
{
  gint64   data_version;
  gint64   total_changes;
  GArray  *order;       /* gint64 ids, in list order */
  guint32 *positions;   /* id → place in order + 1; 0: not listed */
  gint64   n_positions;
} ListOrder;

static GQuark list_order_quark;

static void
list_order_free (gpointer data)
{
  ListOrder *orders = data;

  for (guint i = 0; i <= RAPPORT_CUSTOMER_SORT_CREATED; i++)
    {
      g_clear_pointer (&orders[i].order, g_array_unref);
      g_clear_pointer (&orders[i].positions, g_free);
    }
  g_free (orders);
}

#define ALL_ORDER_SQL(order) "SELECT id FROM customer WHERE deleted_at IS NULL ORDER BY " order
static const char * const all_order_sql[] = {
  [RAPPORT_CUSTOMER_SORT_NAME] = ALL_ORDER_SQL ("sort_key, id"),
  [RAPPORT_CUSTOMER_SORT_LAST_INTERACTION] = ALL_ORDER_SQL ("last_interaction_at DESC, id"),
  [RAPPORT_CUSTOMER_SORT_CREATED] = ALL_ORDER_SQL ("created_at DESC, id"),
};

static ListOrder *
get_list_order (Search  *search,
                GError **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  ListOrder *orders;
  ListOrder *list;
  gint64 data_version = 0;
  gint64 total_changes = sqlite3_total_changes64 (_rapport_database_get_handle (search->db));
  int rc;

  if (list_order_quark == 0)
    list_order_quark = g_quark_from_static_string ("rapport-search-list-order");

  if (!read_int64 (search->db, "PRAGMA data_version", &data_version, error))
    return NULL;

  orders = g_object_get_qdata (G_OBJECT (search->db), list_order_quark);
  if (orders == NULL)
    {
      orders = g_new0 (ListOrder, RAPPORT_CUSTOMER_SORT_CREATED + 1);
      g_object_set_qdata_full (G_OBJECT (search->db), list_order_quark, orders, list_order_free);
    }

  list = &orders[search->sort];
  if (list->order != NULL && list->data_version == data_version &&
      list->total_changes == total_changes && list->n_positions > search->max_id)
    return list;

  g_clear_pointer (&list->order, g_array_unref);
  g_clear_pointer (&list->positions, g_free);

  stmt = _rapport_database_prepare (search->db, all_order_sql[search->sort], error);
  if (stmt == NULL)
    return NULL;

  list->order = g_array_sized_new (FALSE, FALSE, sizeof (gint64), search->max_id);
  list->n_positions = search->max_id + 1;
  list->positions = g_new0 (guint32, list->n_positions);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id < 0 || id >= list->n_positions)
        continue;
      g_array_append_val (list->order, id);
      list->positions[id] = list->order->len;
    }

  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&list->order, g_array_unref);
      g_clear_pointer (&list->positions, g_free);
      _rapport_database_set_error (error, _rapport_database_get_handle (search->db),
                                   _("Could not search the customers"));
      return NULL;
    }

  list->data_version = data_version;
  list->total_changes = total_changes;

  return list;
}

/* Adds every match of a rank (@ids, all of them), by their places in the
 * list: a bitmap over the places, read from the start. */
static gboolean
add_rank_in_order (Search     *search,
                   GArray     *ids,
                   ListOrder  *list,
                   GError    **error)
{
  gsize n_words = list->order->len / 64 + 1;
  g_autofree guint64 *places = g_new0 (guint64, n_words);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      guint32 position = id < list->n_positions ? list->positions[id] : 0;

      /* Not listed: trashed since the list was read. */
      if (position != 0)
        places[(position - 1) / 64] |= G_GUINT64_CONSTANT (1) << ((position - 1) % 64);
    }

  for (gsize w = 0; w < n_words && search->result->len < search->want; w++)
    {
      guint64 word = places[w];

      while (word != 0 && search->result->len < search->want)
        {
          guint bit = __builtin_ctzll (word);

          word &= word - 1;
          add_found (search, g_array_index (list->order, gint64, w * 64 + bit));
        }
    }

  return TRUE;
}

/* Matches put in order by the database rather than by the list's array. */
#define MAX_LOOKUP 600

/* Adds @ids (customers that pass the filters) in list order, reading their
 * keys. */
static gboolean
add_by_lookup (Search  *search,
               GArray  *ids,
               GError **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GString) json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  stmt = _rapport_database_prepare (search->db, lookup_sql[search->sort], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json->str, json->len, SQLITE_STATIC);

  return add_in_order (search, stmt, NULL, NULL, error);
}

/* Adds the customers that match a rank to the search, in list order. In
 * name order, the index's slots are the list's order: the first matches
 * read are the first shown, and only the misfits (read whole, few) need
 * their keys to find their places among them. In another order every match
 * is read and put in order: a few by reading their keys, many by their
 * places in the list. */
static gboolean
add_rank (Search      *search,
          gboolean     digits,
          const char  *match,
          GPtrArray   *checks,
          GError     **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ListOrder *list;

  if (search->sort == RAPPORT_CUSTOMER_SORT_NAME)
    {
      guint n_in_order;

      if (!read_matches (search, digits, match, checks,
                         RAPPORT_SEARCH_SLOT_ROWID (0), RAPPORT_SEARCH_SLOT_ROWID (RAPPORT_SEARCH_MISFIT_SLOT),
                         search->want - search->result->len, ids, error))
        return FALSE;
      n_in_order = ids->len;
      if (!read_matches (search, digits, match, checks,
                         RAPPORT_SEARCH_SLOT_ROWID (RAPPORT_SEARCH_MISFIT_SLOT), G_MAXINT64,
                         G_MAXUINT, ids, error))
        return FALSE;

      if (ids->len > n_in_order)
        return add_by_lookup (search, ids, error);

      for (guint i = 0; i < ids->len; i++)
        add_found (search, g_array_index (ids, gint64, i));
      return TRUE;
    }

  if (!read_matches (search, digits, match, checks, 0, G_MAXINT64, G_MAXUINT, ids, error))
    return FALSE;
  if (ids->len == 0)
    return TRUE;
  if (ids->len <= MAX_LOOKUP)
    return add_by_lookup (search, ids, error);

  list = get_list_order (search, error);
  if (list == NULL)
    return FALSE;

  return add_rank_in_order (search, ids, list, error);
}

/* Public API */

/**
 * rapport_store_search_customers:
 * @db: a #RapportDatabase
 * @query: what the user typed; any text, FTS5 syntax included, is just text
 * @limit: the most customers to return
 * @error: return location for a #GError
 *
 * rapport_store_search_customers_filtered() without a filter, in name order.
 *
 * Returns: (transfer full): a #GArray of gint64 customer ids, empty when
 *   nothing matches, or %NULL with @error set
 */
GArray *
rapport_store_search_customers (RapportDatabase  *db,
                                const char       *query,
                                guint             limit,
                                GError          **error)
{
  return rapport_store_search_customers_filtered (db, query, NULL, limit, NULL, error);
}

/**
 * rapport_store_search_customers_filtered:
 * @db: a #RapportDatabase
 * @query: what the user typed; any text, FTS5 syntax included, is just text
 * @filter: (nullable): the stage, tier and tag the customers must have, and
 *   the order within a rank; %NULL for none, in name order
 * @limit: the most customers to return
 * @truncated: (out) (optional): set to whether more customers match than
 *   were returned
 * @error: return location for a #GError
 *
 * Finds live customers by any part of their name, the pinyin or initials of
 * any part of it, a code prefix, a run of phone digits, an e-mail prefix, a
 * contact's name or pinyin, or a tag. Exact code matches come first, then
 * exact names, then names, codes, pinyin and initials that start with the
 * query, then whole-word matches, then the rest; each group in the list
 * order @filter names. The filters are part of the search: the first @limit
 * customers that match both are returned, whatever the order the rows were
 * created in.
 *
 * Returns: (transfer full): a #GArray of gint64 customer ids, empty when
 *   nothing matches, or %NULL with @error set
 */
GArray *
rapport_store_search_customers_filtered (RapportDatabase            *db,
                                         const char                 *query,
                                         const RapportSearchFilter  *filter,
                                         guint                       limit,
                                         gboolean                   *truncated,
                                         GError                    **error)
{
  g_autoptr (GArray) result = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) terms = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GString) whole = g_string_new (NULL);
  g_autoptr (GString) match = g_string_new (NULL);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *name_match = NULL;
  g_autofree char *whole_cut = NULL;
  gboolean has_words = FALSE;
  gboolean has_phone_runs = FALSE;
  Search search = { 0, };

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (filter == NULL || filter->sort <= RAPPORT_CUSTOMER_SORT_CREATED, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (truncated != NULL)
    *truncated = FALSE;

  if (query == NULL || limit == 0)
    return g_steal_pointer (&result);

  terms = split_query (query, rapport_database_get_default_country_code (db));
  if (terms->len == 0)
    return g_steal_pointer (&result);

  for (guint i = 0; i < terms->len; i++)
    {
      const Term *term = &g_array_index (terms, Term, i);

      g_string_append (whole, term->text);
      has_words |= !term->windowed && !term->whole;
      has_phone_runs |= is_phone_run (term);
    }
  whole_cut = cut_term (whole->str);
  normalized = rapport_text_normalize (query);
  name_match = rapport_name_normalize_for_match (query);

  /* Customers already ranked: each appears once, at its best rank. */
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  search.db = db;
  search.sort = filter != NULL ? filter->sort : RAPPORT_CUSTOMER_SORT_NAME;
  search.seen = seen;
  search.result = result;
  search.want = limit < G_MAXUINT ? limit + 1 : limit;

  if (!search_init_filters (&search, filter, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_steal_pointer (&result);
    }

  for (guint rank = 0; rank < 5 && result->len < search.want; rank++)
    {
      g_autoptr (GPtrArray) checks = g_ptr_array_new_with_free_func (check_free);
      gboolean ok = TRUE;

      g_string_truncate (match, 0);

      switch (rank)
        {
        case 0:
          ok = add_exact (&search, exact_code_sql[search.sort], normalized, error);
          break;

        case 1:
          ok = add_exact (&search, exact_name_sql[search.sort], name_match, error);
          break;

        case 2:
          append_prefix_query (match, RAPPORT_SEARCH_HEAD, whole_cut, checks);
          ok = add_rank (&search, FALSE, match->str, checks, error);
          break;

        case 3:
        case 4:
          /* Whole words first (rank 3) only matters when a word could also be
           * the prefix of others. */
          if (rank == 3 && !has_words)
            break;

          /* Runs of digits drive the query from search_digits, the other
           * words becoming checks; otherwise everything is in search_fts. */
          for (guint i = 0; i < terms->len; i++)
            {
              const Term *term = &g_array_index (terms, Term, i);

              if (has_phone_runs && is_phone_run (term))
                append_phone_query (match, term, checks);
              else if (has_phone_runs)
                add_term_check (checks, term, rank == 3);
              else
                append_term_query (match, term, rank == 3, checks);
            }
          ok = add_rank (&search, has_phone_runs, match->str, checks, error);
          break;

        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return NULL;
    }

  if (result->len > limit)
    {
      g_array_set_size (result, limit);
      if (truncated != NULL)
        *truncated = TRUE;
    }

  return g_steal_pointer (&result);
}
