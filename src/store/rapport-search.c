/* rapport-search.c
 *
 * The query side of the search index (see rapport-search-index.c for how the
 * documents are written). A query is folded the way documents are and run as
 * up to three FTS5 queries, one per rank, each stopping as soon as it has
 * enough customers, so a one-letter query that matches every row costs no more
 * than a precise one:
 *
 *   1. exact code or name: one term lookup (exact code first, then name);
 *   2. name, code, pinyin or initials starting with the query;
 *   3. anything else: every word of the query found in some token. A word
 *      of Han characters or digits is looked up by its windows: shorter than a
 *      window, as a prefix; as long, as a term; longer, as the AND of its
 *      windows, and the matches are then checked against the raw text, since
 *      the windows may sit apart in the document.
 *
 * Within a rank, customers come in list order (pinyin name order).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-search"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-database-private.h"
#include "rapport-search-index-private.h"
#include "rapport-store.h"
#include "rapport-text.h"

/* Helpers */

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

/* The folded words of @query. Runs of digit groups are joined, since
 * "138 0013 8000" is one phone number. */
static GPtrArray *
split_query (const char *query)
{
  g_autoptr (GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) parts = NULL;
  g_autofree char *normalized = NULL;

  /* Normalised first, so that a full-width space separates words too. */
  normalized = rapport_text_normalize (query);
  parts = g_strsplit (normalized, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *folded = _rapport_search_fold (parts[i]);

      if (*folded == '\0')
        continue;

      if (terms->len > 0 && is_digits (folded) &&
          is_digits (g_ptr_array_index (terms, terms->len - 1)))
        {
          char *joined = g_strconcat (g_ptr_array_index (terms, terms->len - 1), folded, NULL);

          g_ptr_array_remove_index (terms, terms->len - 1);
          g_ptr_array_add (terms, joined);
        }
      else
        {
          g_ptr_array_add (terms, g_steal_pointer (&folded));
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

/* Appends the FTS5 expression that finds @term in the rank-3 tokens. Returns
 * TRUE when the matches must be checked against the raw text. */
static gboolean
append_term_query (GString    *out,
                   const char *term)
{
  g_autofree char *cut = cut_term (term);
  glong n_chars = g_utf8_strlen (cut, -1);
  gunichar first = g_utf8_get_char (cut);
  gboolean windowed = is_digits (cut) || _rapport_search_is_unit_char (first);
  guint n_windows = 0;

  if (!windowed || n_chars < RAPPORT_SEARCH_WINDOW_CHARS)
    {
      append_fts_string (out, NULL, cut, -1);
      g_string_append (out, " * ");
      return FALSE;
    }

  if (n_chars == RAPPORT_SEARCH_WINDOW_CHARS)
    {
      append_fts_string (out, NULL, cut, -1);
      g_string_append_c (out, ' ');
      return FALSE;
    }

  /* The windows that start where the document has one: at every digit, at
   * every Han character. */
  for (const char *p = cut; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *end = p;
      glong i;

      if (!is_digits (cut) && !_rapport_search_is_unit_char (g_utf8_get_char (p)))
        continue;

      for (i = 0; i < RAPPORT_SEARCH_WINDOW_CHARS && *end != '\0'; i++)
        end = g_utf8_next_char (end);
      if (i < RAPPORT_SEARCH_WINDOW_CHARS)
        break;

      append_fts_string (out, NULL, p, end - p);
      g_string_append_c (out, ' ');
      n_windows++;
    }

  g_assert (n_windows > 0);

  return TRUE;
}

/* Runs @match on the index and adds to @found the customers not in @seen,
 * until @found holds @want of them. */
static gboolean
contains_all (const char *raw,
              GPtrArray  *checks)
{
  if (raw == NULL)
    return FALSE;

  for (guint i = 0; i < checks->len; i++)
    {
      if (strstr (raw, g_ptr_array_index (checks, i)) == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
collect_matches (RapportDatabase  *db,
                 const char       *match,
                 GPtrArray        *checks,
                 guint             want,
                 GHashTable       *seen,
                 GArray           *found,
                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc = SQLITE_DONE;

  /* Newest customers first, each followed by its contacts. The raw text is
   * read only when there is something to check. */
  if (checks != NULL && checks->len > 0)
    stmt = _rapport_database_prepare (db,
                                      "SELECT rowid, raw FROM search_fts WHERE search_fts MATCH ?1"
                                      " ORDER BY rowid DESC",
                                      error);
  else
    stmt = _rapport_database_prepare (db,
                                      "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1"
                                      " ORDER BY rowid DESC",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);

  while (found->len < want && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer_id = RAPPORT_SEARCH_ROWID_CUSTOMER (sqlite3_column_int64 (stmt, 0));

      if (checks != NULL && checks->len > 0 &&
          !contains_all ((const char *) sqlite3_column_text (stmt, 1), checks))
        continue;

      if (!g_hash_table_add (seen, g_memdup2 (&customer_id, sizeof customer_id)))
        continue;

      g_array_append_val (found, customer_id);
    }

  if (found->len < want && rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not search the customers"));
      return FALSE;
    }

  return TRUE;
}

/* Appends @ids to @result in list order, leaving out trashed customers. With
 * @exact_code, the customer whose folded code equals it comes first. */
static gboolean
append_in_list_order (RapportDatabase  *db,
                      GArray           *ids,
                      const char       *exact_code,
                      GArray           *result,
                      GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GString) json = NULL;
  guint first = result->len;
  int rc;

  if (ids->len == 0)
    return TRUE;

  json = g_string_new ("[");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  stmt = _rapport_database_prepare (db,
                                    "SELECT c.id, c.code FROM json_each (?1) j"
                                    " CROSS JOIN customer c ON c.id = j.value"
                                    " WHERE c.deleted_at IS NULL"
                                    " ORDER BY c.sort_key, c.id",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json->str, json->len, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (result, id);

      if (exact_code != NULL)
        {
          g_autofree char *code = _rapport_search_fold ((const char *) sqlite3_column_text (stmt, 1));

          if (g_strcmp0 (code, exact_code) == 0 && result->len - 1 > first)
            {
              g_array_remove_index (result, result->len - 1);
              g_array_insert_val (result, first, id);
            }
        }
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not search the customers"));
      return FALSE;
    }

  return TRUE;
}

/* Public API */

/**
 * rapport_store_search_customers:
 * @db: a #RapportDatabase
 * @query: what the user typed; any text, FTS5 syntax included, is just text
 * @limit: the most customers to return
 * @error: return location for a #GError
 *
 * Finds live customers by any part of their name, pinyin, initials, code
 * prefix, a run of phone digits, an e-mail prefix, a contact's name or a tag.
 * Exact code matches come first, then exact names, then names and codes that
 * start with the query, then the rest; each group in list order.
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
  g_autoptr (GArray) result = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) terms = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GString) whole = g_string_new (NULL);
  g_autoptr (GString) match = g_string_new (NULL);
  g_autoptr (GPtrArray) checks = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *whole_cut = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (query == NULL || limit == 0)
    return g_steal_pointer (&result);

  terms = split_query (query);
  if (terms->len == 0)
    return g_steal_pointer (&result);

  for (guint i = 0; i < terms->len; i++)
    g_string_append (whole, g_ptr_array_index (terms, i));
  whole_cut = cut_term (whole->str);

  /* Customers of earlier ranks (and trashed ones: they are in no rank). */
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint rank = 0; rank < 3 && result->len < limit; rank++)
    {
      g_autoptr (GArray) found = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 64);

      g_string_truncate (match, 0);
      switch (rank)
        {
        case 0:
          append_fts_string (match, RAPPORT_SEARCH_EXACT, whole_cut, -1);
          break;
        case 1:
          append_fts_string (match, RAPPORT_SEARCH_HEAD, whole_cut, -1);
          g_string_append (match, " *");
          break;
        default:
          for (guint i = 0; i < terms->len; i++)
            {
              if (append_term_query (match, g_ptr_array_index (terms, i)))
                g_ptr_array_add (checks, cut_term (g_ptr_array_index (terms, i)));
            }
          break;
        }

      if (!collect_matches (db, match->str, rank == 2 ? checks : NULL,
                            limit - result->len, seen, found, error))
        return NULL;

      if (!append_in_list_order (db, found, rank == 0 ? whole_cut : NULL, result, error))
        return NULL;
    }

  return g_steal_pointer (&result);
}
