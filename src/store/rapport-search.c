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

/* Runs @match on the index and adds to @found the customers not in @seen
 * whose raw text holds each of @checks, until @found holds @want of them. */
static gboolean
collect_matches (RapportDatabase  *db,
                 gboolean          digits,
                 const char       *match,
                 GPtrArray        *checks,
                 guint             want,
                 GHashTable       *seen,
                 GArray           *found,
                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc = SQLITE_DONE;

  /* In rowid order: each customer followed by its contacts. The text is read
   * only when there is something to check. */
  if (digits)
    stmt = _rapport_database_prepare (db,
                                      "SELECT rowid FROM search_digits WHERE search_digits MATCH ?1",
                                      error);
  else if (checks->len > 0)
    stmt = _rapport_database_prepare (db,
                                      "SELECT rowid, tokens, raw FROM search_fts"
                                      " WHERE search_fts MATCH ?1",
                                      error);
  else
    stmt = _rapport_database_prepare (db,
                                      "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);

  while (found->len < want && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer_id = RAPPORT_SEARCH_ROWID_CUSTOMER (sqlite3_column_int64 (stmt, 0));

      if (g_hash_table_contains (seen, &customer_id))
        continue;

      if (checks->len > 0 && digits)
        {
          g_autoptr (RapportStatement) text = NULL;

          /* The document's text lives in search_fts, under the same rowid. */
          text = _rapport_database_prepare (db,
                                            "SELECT rowid, tokens, raw FROM search_fts WHERE rowid = ?1",
                                            error);
          if (text == NULL)
            return FALSE;
          sqlite3_bind_int64 (text, 1, sqlite3_column_int64 (stmt, 0));
          if (sqlite3_step (text) != SQLITE_ROW || !passes_checks (text, checks))
            continue;
        }
      else if (checks->len > 0 && !passes_checks (stmt, checks))
        {
          continue;
        }

      g_hash_table_add (seen, g_memdup2 (&customer_id, sizeof customer_id));
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

/* The live customers whose code or normalised name (bound as ?1) is the
 * query: the customer table's own indexes. */
static gboolean
collect_exact (RapportDatabase  *db,
               const char       *sql,
               const char       *value,
               guint             want,
               GHashTable       *seen,
               GArray           *found,
               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc = SQLITE_DONE;

  if (value == NULL || *value == '\0')
    return TRUE;

  stmt = _rapport_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);

  while (found->len < want && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        g_array_append_val (found, id);
    }

  if (found->len < want && rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not search the customers"));
      return FALSE;
    }

  return TRUE;
}

/* Appends @ids to @result in list order, leaving out trashed customers. */
static gboolean
append_in_list_order (RapportDatabase  *db,
                      GArray           *ids,
                      GArray           *result,
                      GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GString) json = NULL;
  int rc;

  if (ids->len == 0)
    return TRUE;

  json = g_string_new ("[");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  /* CROSS JOIN: the few ids drive the join, not the whole name index. */
  stmt = _rapport_database_prepare (db,
                                    "SELECT c.id FROM json_each (?1) j"
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
 * Finds live customers by any part of their name, the pinyin or initials of
 * any part of it, a code prefix, a run of phone digits, an e-mail prefix, a
 * contact's name or pinyin, or a tag. Exact code matches come first, then
 * exact names, then names, codes, pinyin and initials that start with the
 * query, then whole-word matches, then the rest; each group in list order.
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
  g_autoptr (GArray) terms = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GString) whole = g_string_new (NULL);
  g_autoptr (GString) match = g_string_new (NULL);
  g_autofree char *normalized = NULL;
  g_autofree char *name_match = NULL;
  g_autofree char *whole_cut = NULL;
  gboolean has_words = FALSE;
  gboolean has_phone_runs = FALSE;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

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

  for (guint rank = 0; rank < 5 && result->len < limit; rank++)
    {
      g_autoptr (GArray) found = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 64);
      g_autoptr (GPtrArray) checks = g_ptr_array_new_with_free_func (check_free);
      guint want = limit - result->len;
      gboolean ok = TRUE;

      g_string_truncate (match, 0);

      switch (rank)
        {
        case 0:
          ok = collect_exact (db,
                              "SELECT id FROM customer WHERE code = ?1 AND deleted_at IS NULL",
                              normalized, want, seen, found, error);
          break;

        case 1:
          ok = collect_exact (db,
                              "SELECT id FROM customer WHERE name_match = ?1 AND deleted_at IS NULL",
                              name_match, want, seen, found, error);
          break;

        case 2:
          append_prefix_query (match, RAPPORT_SEARCH_HEAD, whole_cut, checks);
          ok = collect_matches (db, FALSE, match->str, checks, want, seen, found, error);
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
          ok = collect_matches (db, has_phone_runs, match->str, checks, want, seen, found, error);
          break;

        default:
          g_assert_not_reached ();
        }

      if (!ok || !append_in_list_order (db, found, result, error))
        return NULL;
    }

  return g_steal_pointer (&result);
}
