/* rapport-search-index.c
 *
 * The search index: one FTS5 table, search_fts, with one document per visible
 * customer and one per visible contact (rowids: RAPPORT_SEARCH_CUSTOMER_ROWID),
 * so that adding a contact never rewrites its customer's document. Trashed
 * customers and contacts, and the contacts of trashed customers, have none.
 *
 * FTS5's tokenizers cannot find a substring of a CJK run (the run is one
 * token) nor a run of digits inside a phone number, so the documents are
 * written here, already folded (see _rapport_search_fold) and split into
 * tokens, such that every kind of search is a term or prefix query:
 *
 *   - Han characters: the window of RAPPORT_SEARCH_WINDOW_CHARS characters
 *     starting at each of them (速阳有限公司 → 速阳有限 阳有限公 有限公司 限公司 公司
 *     司). A shorter query is a prefix of a window, an equal one a window, a
 *     longer one the AND of its windows, checked against the document's "raw"
 *     text (its names and digits whole);
 *   - phone numbers as dialled at home (13800138000, 051266881234): the
 *     windows at every digit (1380 3800 8001 …) in a second table,
 *     search_digits, with the same rowids and no prefix indexes, looked up the
 *     same way; and the first and last three digits in search_fts, for runs
 *     shorter than a window;
 *   - Latin words: every suffix starting at a word (Acme Trading →
 *     acmetrading trading), so word prefixes and "acme trad" are prefixes;
 *   - a customer name's pinyin and initials, whole and in windows of four
 *     syllables (suyangyouxian, yangyouxiangong … syyx, yyxg …), so the pinyin
 *     or initials of any part of the name are prefixes; a contact's or a
 *     tag's, whole;
 *   - the code, the e-mail's local part and domain, the tags.
 *
 * Windows keep the number of distinct terms small (there are 10,000 four-digit
 * windows, however many phone numbers), which is what makes a bulk load of
 * hundreds of thousands of documents fast.
 *
 * The ranking needs to know whether a name, code, pinyin or initials starts
 * with the query without scanning every match of a short query, so those are
 * also written whole behind the private-use marker RAPPORT_SEARCH_HEAD: a
 * prefix query on terms of their own. (Exact code and name matches come from
 * the customer table's indexes.) Folding drops private-use characters from
 * user text, so the marker never collides with it. The tokens are plain
 * letters and digits separated by spaces, so the "ascii" tokenizer (which
 * keeps every non-ASCII character in a token) splits them exactly; no
 * positions are kept (detail=none).
 *
 * The documents are derived data: a database keeps the version of the code
 * that wrote them (RAPPORT_SEARCH_INDEX_VERSION, the pinyin's, the country
 * code) and rapport-derived.c rewrites them when it is not this build's.
 * Change what a document holds and bump RAPPORT_SEARCH_INDEX_VERSION.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-search-index"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-database-private.h"
#include "rapport-phone.h"
#include "rapport-pinyin.h"
#include "rapport-search-index-private.h"
#include "rapport-store.h"
#include "rapport-text.h"

#define MAX_TOKEN_CHARS RAPPORT_SEARCH_MAX_TOKEN_CHARS
#define WINDOW_CHARS RAPPORT_SEARCH_WINDOW_CHARS
/* Units (characters, words) of one name that start a token. */
#define MAX_UNITS 48
/* The digits at either end of a number that find it by a shorter run. */
#define MIN_DIGIT_WINDOW 3

typedef struct
{
  GString *tokens;
  GString *raw;     /* folded names and digits whole, to check long queries */
  GString *digits;  /* the phone windows, for search_digits */
} Document;

/* Helpers */

static gboolean
is_token_char (gunichar c)
{
  /* The characters unicode61 keeps in a token: letters, numbers (and private
   * use, kept here for the markers). */
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
_rapport_search_is_unit_char (gunichar c)
{
  return c >= 0x2E80 && g_unichar_isalpha (c);
}

/* @text normalised, lower case, decomposed so that accents are marks that
 * folding drops (é → e); separators are still there. */
static char *
prepare_text (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autofree char *lower = NULL;
  char *decomposed;
  char *ascii;

  /* Most of the folding of a bulk load: codes, phone numbers, e-mail
   * addresses, Latin names and every pinyin syllable are ASCII. */
  ascii = rapport_text_normalize_ascii (text, TRUE);
  if (ascii != NULL)
    return ascii;

  normalized = rapport_text_normalize (text);
  lower = g_utf8_strdown (normalized, -1);
  decomposed = g_utf8_normalize (lower, -1, G_NORMALIZE_NFKD);

  return decomposed != NULL ? decomposed : g_strdup ("");
}

char *
_rapport_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  /* ASCII (every pinyin syllable, most codes and e-mail addresses): what
   * prepare_text's lower-casing and the loop below keep, in one pass. */
  {
    const guchar *p = (const guchar *) text;
    char *ascii;
    gsize n = 0;

    while (*p != '\0' && *p < 0x80)
      p++;
    if (*p == '\0')
      {
        ascii = g_malloc ((const char *) p - text + 1);
        for (p = (const guchar *) text; *p != '\0'; p++)
          if (g_ascii_isalnum (*p))
            ascii[n++] = g_ascii_tolower (*p);
        ascii[n] = '\0';
        return ascii;
      }
  }

  decomposed = prepare_text (text);

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      /* ASCII letters and digits are the ASCII token characters. */
      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isalnum (*p))
            g_string_append_c (out, *p);
          continue;
        }

      if (is_token_char (g_utf8_get_char (p)))
        g_string_append_unichar (out, g_utf8_get_char (p));
    }

  return g_string_free (out, FALSE);
}

/* Appends @marker (may be NULL) and @text cut to @max_chars characters, and
 * a space. Returns the number of characters written. */
static guint
append_token (Document   *doc,
              const char *marker,
              const char *text,
              guint       max_chars)
{
  const char *end = text;
  guint n = 0;

  for (; n < max_chars && *end != '\0'; n++)
    end = g_utf8_next_char (end);

  if (n == 0)
    return 0;

  if (marker != NULL)
    g_string_append (doc->tokens, marker);
  g_string_append_len (doc->tokens, text, end - text);
  g_string_append_c (doc->tokens, ' ');

  return n;
}

/* @name folded into one run of letters and digits, with the byte offsets
 * where its units (a Han character, a word) start, and when it has Han
 * characters the folded words of its pinyin (one syllable per character). */
typedef struct
{
  GString   *folded;
  GArray    *starts;
  GStrv      pinyin;
  GPtrArray *readings;  /* GStrv per syllable: its folded common readings */
  GString   *initials;
} FoldedName;

static void
folded_name_clear (FoldedName *fn)
{
  g_string_free (fn->folded, TRUE);
  g_string_free (fn->initials, TRUE);
  g_array_unref (fn->starts);
  g_strfreev (fn->pinyin);
  g_clear_pointer (&fn->readings, g_ptr_array_unref);
}

static void
fold_name (const char *name,
           gboolean    person,
           FoldedName *fn)
{
  g_autofree char *cut = NULL;
  g_autofree char *prepared = NULL;
  g_autoptr (GPtrArray) words = NULL;
  g_autoptr (GPtrArray) syllables = NULL;
  gboolean in_word = FALSE;
  gboolean has_han = FALSE;
  guint n_units = 0;

  fn->folded = g_string_new (NULL);
  fn->initials = g_string_new (NULL);
  fn->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  fn->pinyin = NULL;
  fn->readings = NULL;

  if (name == NULL)
    return;

  /* Only the first units are indexed: no need to fold a 10,000 character name. */
  cut = g_utf8_substring (name, 0, MIN ((glong) (MAX_UNITS * MAX_TOKEN_CHARS),
                                        g_utf8_strlen (name, -1)));
  prepared = prepare_text (cut);

  for (const char *p = prepared; *p != '\0' && n_units < MAX_UNITS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize at = fn->folded->len;
      gboolean unit = _rapport_search_is_unit_char (c);

      if (!is_token_char (c))
        {
          /* A separator (space, punctuation) ends a word; marks are not one. */
          if (!g_unichar_ismark (c))
            in_word = FALSE;
          continue;
        }

      if (unit || !in_word)
        {
          g_array_append_val (fn->starts, at);
          n_units++;
          if (!unit && g_unichar_isalpha (c))
            g_string_append_unichar (fn->initials, c);
        }

      has_han |= unit;
      in_word = !unit;
      g_string_append_unichar (fn->folded, c);
    }

  if (!has_han)
    return;

  /* Han characters have a pinyin and initials of their own. */
  g_string_truncate (fn->initials, 0);
  words = rapport_pinyin_readings (cut, person);
  syllables = g_ptr_array_new ();
  fn->readings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < words->len && syllables->len < MAX_UNITS; i++)
    {
      GStrv word_readings = g_ptr_array_index (words, i);
      char *word = _rapport_search_fold (word_readings[0]);
      GStrvBuilder *builder;

      if (*word == '\0')
        {
          g_free (word);
          continue;
        }
      g_string_append_unichar (fn->initials, g_utf8_get_char (word));
      g_ptr_array_add (syllables, word);

      builder = g_strv_builder_new ();
      for (guint r = 0; word_readings[r] != NULL; r++)
        {
          g_autofree char *reading = _rapport_search_fold (word_readings[r]);

          g_strv_builder_add (builder, reading);
        }
      g_ptr_array_add (fn->readings, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  g_ptr_array_add (syllables, NULL);
  fn->pinyin = (GStrv) g_ptr_array_free (g_steal_pointer (&syllables), FALSE);
}

/* At most this many readings of one run of syllables are indexed: every
 * combination when there are so few, else each polyphonic character's
 * readings one at a time, the others read as usual. */
#define MAX_VARIANTS 16

/* Appends, for the @n_syllables syllables from @first, the pinyin (joined,
 * cut like a token) and initials of each variant of their readings to
 * @pinyins and @initials, without repeats. */
static void
collect_variants (FoldedName *fn,
                  guint       first,
                  guint       n_syllables,
                  GPtrArray  *pinyins,
                  GPtrArray  *initials)
{
  guint n_total = fn->readings->len;
  guint counts[WINDOW_CHARS > MAX_UNITS ? WINDOW_CHARS : MAX_UNITS];
  guint choice[WINDOW_CHARS > MAX_UNITS ? WINDOW_CHARS : MAX_UNITS];
  guint64 product = 1;
  guint n = MIN (n_syllables, n_total - first);

  for (guint i = 0; i < n; i++)
    {
      counts[i] = g_strv_length (g_ptr_array_index (fn->readings, first + i));
      product = MIN (product * counts[i], (guint64) MAX_VARIANTS + 1);
      choice[i] = 0;
    }

  /* Variant v: every combination (mixed radix), or the usual reading with
   * position p read its r-th way. */
  for (guint v = 0; ; v++)
    {
      g_autoptr (GString) joined = g_string_new (NULL);
      g_autoptr (GString) letters = g_string_new (NULL);
      gboolean seen = FALSE;

      if (product <= MAX_VARIANTS)
        {
          guint rest = v;

          if (v >= product)
            break;
          for (guint i = 0; i < n; i++)
            {
              choice[i] = rest % counts[i];
              rest /= counts[i];
            }
        }
      else
        {
          guint rest = v;
          guint i;

          /* v = 0 the usual; then position by position, reading by reading. */
          for (i = 0; i < n; i++)
            choice[i] = 0;
          if (v > 0)
            {
              rest = v - 1;
              for (i = 0; i < n && rest >= counts[i] - 1; i++)
                rest -= counts[i] - 1;
              if (i == n)
                break;
              choice[i] = rest + 1;
            }
        }

      for (guint i = 0; i < n; i++)
        {
          const char *reading = ((GStrv) g_ptr_array_index (fn->readings, first + i))[choice[i]];

          g_string_append (joined, reading);
          g_string_append_unichar (letters, g_utf8_get_char (reading));
        }

      for (guint i = 0; i < pinyins->len && !seen; i++)
        seen = g_str_equal (g_ptr_array_index (pinyins, i), joined->str);
      if (!seen)
        {
          g_ptr_array_add (pinyins, g_string_free (g_steal_pointer (&joined), FALSE));
          seen = FALSE;
          for (guint i = 0; i < initials->len && !seen; i++)
            seen = g_str_equal (g_ptr_array_index (initials, i), letters->str);
          if (!seen)
            g_ptr_array_add (initials, g_string_free (g_steal_pointer (&letters), FALSE));
        }
    }
}

/* A name's tokens: the windows at its Han characters, the suffixes at its
 * words, its pinyin and initials. A @primary name (the customer's) also gets
 * the head tokens that rank it, and windows of its pinyin and initials, so
 * that "youxian" and "yx" find 速阳有限公司 like "有限" does. */
static void
add_name (Document   *doc,
          const char *name,
          gboolean    person,
          gboolean    primary)
{
  FoldedName fn;

  fold_name (name, person, &fn);

  if (fn.folded->len == 0)
    {
      folded_name_clear (&fn);
      return;
    }

  if (primary)
    append_token (doc, RAPPORT_SEARCH_HEAD, fn.folded->str, MAX_TOKEN_CHARS);

  for (guint i = 0; i < fn.starts->len; i++)
    {
      const char *start = fn.folded->str + g_array_index (fn.starts, gsize, i);
      gboolean unit = _rapport_search_is_unit_char (g_utf8_get_char (start));

      append_token (doc, NULL, start, unit ? WINDOW_CHARS : MAX_TOKEN_CHARS);
    }

  if (fn.pinyin != NULL)
    {
      guint n_syllables = g_strv_length (fn.pinyin);
      g_autoptr (GPtrArray) wholes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) whole_initials = g_ptr_array_new_with_free_func (g_free);

      /* Long queries on windows are checked against the whole name. */
      g_string_append (doc->raw, fn.folded->str);
      g_string_append_c (doc->raw, ' ');

      /* Each common reading of its polyphonic characters finds the name. */
      collect_variants (&fn, 0, n_syllables, wholes, whole_initials);

      for (guint v = 0; v < wholes->len; v++)
        append_token (doc, primary ? RAPPORT_SEARCH_HEAD : NULL,
                      g_ptr_array_index (wholes, v), MAX_TOKEN_CHARS);
      for (guint v = 0; v < whole_initials->len; v++)
        append_token (doc, primary ? RAPPORT_SEARCH_HEAD : NULL,
                      g_ptr_array_index (whole_initials, v), MAX_TOKEN_CHARS);

      if (primary)
        {
          for (guint i = 0; i < n_syllables; i++)
            {
              g_autoptr (GPtrArray) windows = g_ptr_array_new_with_free_func (g_free);
              g_autoptr (GPtrArray) window_initials = g_ptr_array_new_with_free_func (g_free);

              collect_variants (&fn, i, WINDOW_CHARS, windows, window_initials);
              for (guint v = 0; v < windows->len; v++)
                append_token (doc, NULL, g_ptr_array_index (windows, v), MAX_TOKEN_CHARS);
              for (guint v = 0; v < window_initials->len; v++)
                append_token (doc, NULL, g_ptr_array_index (window_initials, v), WINDOW_CHARS);
            }
        }
    }
  else if (g_utf8_strlen (fn.initials->str, -1) > 1)
    {
      /* "at" for Acme Trading, as its code reads. */
      if (primary)
        append_token (doc, RAPPORT_SEARCH_HEAD, fn.initials->str, MAX_TOKEN_CHARS);
      append_token (doc, NULL, fn.initials->str, MAX_TOKEN_CHARS);
    }

  folded_name_clear (&fn);
}

/* The digits of @phone as people dial it at home: the national number when it
 * is in the default country (13800138000, 051266881234), else the
 * international one. */
static char *
national_digits (const char *phone,
                 const char *country_code)
{
  g_auto (GStrv) forms = rapport_phone_search_digits (phone);
  guint n_forms = forms != NULL ? g_strv_length (forms) : 0;

  if (n_forms == 0)
    return NULL;

  /* Several forms: the last is the national one, with its trunk 0. */
  if (n_forms > 1)
    return g_strdup (forms[n_forms - 1]);

  if (country_code != NULL && phone[0] == '+' &&
      g_str_has_prefix (phone + 1, country_code) &&
      g_str_has_prefix (forms[0], country_code) &&
      strlen (forms[0]) > strlen (country_code))
    return g_strdup (forms[0] + strlen (country_code));

  return g_strdup (forms[0]);
}

static void
add_phone (Document   *doc,
           const char *phone,
           const char *country_code)
{
  g_autofree char *digits = national_digits (phone, country_code);
  gsize len;

  if (digits == NULL || *digits == '\0')
    return;

  /* Runs of fewer digits than a window find the numbers that start or end
   * with them; longer runs are looked up by their windows. */
  len = strlen (digits);
  append_token (doc, NULL, digits, MIN_DIGIT_WINDOW);
  if (len > MIN_DIGIT_WINDOW)
    append_token (doc, NULL, digits + len - MIN_DIGIT_WINDOW, MIN_DIGIT_WINDOW);

  for (gsize i = 0; i + WINDOW_CHARS <= len; i++)
    {
      g_string_append_len (doc->digits, digits + i, WINDOW_CHARS);
      g_string_append_c (doc->digits, ' ');
    }

  g_string_append (doc->raw, digits);
  g_string_append_c (doc->raw, ' ');
}

/* The local part and the domain, each folded: "wang@su" is the local part
 * "wang" and a domain starting with "su". */
static void
add_email (Document   *doc,
           const char *email)
{
  const char *at = strrchr (email, '@');
  g_autofree char *local = NULL;
  g_autofree char *domain = NULL;

  if (at == NULL)
    {
      local = _rapport_search_fold (email);
      append_token (doc, NULL, local, MAX_TOKEN_CHARS);
      return;
    }

  {
    g_autofree char *raw_local = g_strndup (email, at - email);

    local = _rapport_search_fold (raw_local);
    domain = _rapport_search_fold (at + 1);
  }

  append_token (doc, NULL, local, MAX_TOKEN_CHARS);
  append_token (doc, NULL, domain, MAX_TOKEN_CHARS);
}

static void
add_code (Document   *doc,
          const char *code)
{
  g_autofree char *folded = _rapport_search_fold (code);

  if (*folded == '\0')
    return;

  append_token (doc, RAPPORT_SEARCH_HEAD, folded, MAX_TOKEN_CHARS);
  append_token (doc, NULL, folded, MAX_TOKEN_CHARS);
}

static void
document_init (Document *doc)
{
  doc->tokens = g_string_sized_new (256);
  doc->raw = g_string_sized_new (64);
  doc->digits = g_string_sized_new (64);
}

static void
document_clear (Document *doc)
{
  g_string_free (doc->tokens, TRUE);
  g_string_free (doc->raw, TRUE);
  g_string_free (doc->digits, TRUE);
}

static gboolean
add_channels (RapportDatabase  *db,
              Document         *doc,
              gint64            customer_id,
              gint64            contact_id,
              GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  if (contact_id != 0)
    {
      stmt = _rapport_database_prepare (db,
                                        "SELECT kind, value FROM channel WHERE contact_id = ?1",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, contact_id);
    }
  else
    {
      stmt = _rapport_database_prepare (db,
                                        "SELECT kind, value FROM channel"
                                        " WHERE customer_id = ?1 AND contact_id IS NULL",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, customer_id);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (value == NULL)
        continue;
      if (g_strcmp0 (kind, "phone") == 0)
        add_phone (doc, value, rapport_database_get_default_country_code (db));
      else
        add_email (doc, value);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not update the search index"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_tags (RapportDatabase  *db,
          Document         *doc,
          gint64            customer_id,
          GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT t.name FROM customer_tag ct"
                                    " JOIN tag t ON t.id = ct.tag_id"
                                    " WHERE ct.customer_id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_name (doc, (const char *) sqlite3_column_text (stmt, 0), FALSE, FALSE);

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not update the search index"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_document (RapportDatabase  *db,
                gint64            rowid,
                Document         *doc,
                GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO search_fts (rowid, tokens, raw)"
                                    " VALUES (?1, ?2, ?3)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, doc->tokens->str, doc->tokens->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, doc->raw->str, doc->raw->len, SQLITE_STATIC);

  if (!_rapport_database_step_done (db, stmt, _("Could not update the search index"), error))
    return FALSE;

  if (doc->digits->len == 0)
    return TRUE;

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO search_digits (rowid, tokens) VALUES (?1, ?2)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, doc->digits->str, doc->digits->len, SQLITE_STATIC);

  return _rapport_database_step_done (db, stmt, _("Could not update the search index"), error);
}

static gboolean
delete_document (RapportDatabase  *db,
                 gint64            rowid,
                 gboolean         *existed,
                 GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _rapport_database_prepare (db, "DELETE FROM search_fts WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);

  if (!_rapport_database_step_done (db, stmt, _("Could not update the search index"), error))
    return FALSE;

  /* A document without one has no digits document either. */
  if (sqlite3_changes (_rapport_database_get_handle (db)) == 0)
    {
      if (existed != NULL)
        *existed = FALSE;
      return TRUE;
    }

  if (existed != NULL)
    *existed = TRUE;

  stmt = _rapport_database_prepare (db, "DELETE FROM search_digits WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);

  return _rapport_database_step_done (db, stmt, _("Could not update the search index"), error);
}

/* Removes the documents of customer @customer_id's contacts, keyed by
 * @slot (its own stays).
 * One rowid at a time: FTS5 reads a rowid range by scanning, which made
 * deleting thousands of customers take seconds each thousand. */
static gboolean
delete_contact_documents (RapportDatabase  *db,
                          gint64            customer_id,
                          gint64            slot,
                          GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "SELECT id FROM contact WHERE customer_id = ?1", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, customer_id);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
      }

    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not update the search index"));
        return FALSE;
      }
  }

  for (guint i = 0; i < ids->len; i++)
    if (!delete_document (db, RAPPORT_SEARCH_CONTACT_ROWID (slot, g_array_index (ids, gint64, i)), NULL, error))
      return FALSE;

  return TRUE;
}

/* @is_new: the contact was just inserted, so has no document to replace. */
static gboolean
index_contact (RapportDatabase  *db,
               gint64            contact_id,
               gboolean          is_new,
               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  Document doc;
  g_autofree char *name = NULL;
  gint64 slot;
  gboolean visible;
  int rc;
  gboolean ok;

  stmt = _rapport_database_prepare (db,
                                    "SELECT c.search_slot, k.name,"
                                    " k.deleted_at IS NULL AND c.deleted_at IS NULL"
                                    " FROM contact k JOIN customer c ON c.id = k.customer_id"
                                    " WHERE k.id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;   /* gone: _rapport_search_index_delete_contact came first */
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not update the search index"));
      return FALSE;
    }
  /* 0: its customer has no slot yet, nor documents (the rebuild that
   * assigns the slots writes them). */
  slot = sqlite3_column_int64 (stmt, 0);
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  visible = sqlite3_column_int (stmt, 2) && slot > 0;
  sqlite3_reset (stmt);

  if (!is_new && slot > 0 &&
      !delete_document (db, RAPPORT_SEARCH_CONTACT_ROWID (slot, contact_id), NULL, error))
    return FALSE;

  /* Trashed, or its customer is: no document. */
  if (!visible)
    return TRUE;

  document_init (&doc);
  add_name (&doc, name, TRUE, FALSE);
  ok = add_channels (db, &doc, 0, contact_id, error) &&
       write_document (db, RAPPORT_SEARCH_CONTACT_ROWID (slot, contact_id), &doc, error);
  document_clear (&doc);

  return ok;
}

/* The ids @sql returns (one bound parameter, @param), collected before
 * anything is indexed: indexing reuses the cached statements. */
static GArray *
collect_ids (RapportDatabase  *db,
             const char       *sql,
             gint64            param,
             GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not update the search index"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* The documents of the visible contacts of customer @customer_id, just
 * placed, in id order; they are removed from @deferred (contact ids), whose
 * rest is indexed after. */
static gboolean
index_new_contacts (RapportDatabase  *db,
                    gint64            customer_id,
                    GHashTable       *deferred,
                    GError          **error)
{
  g_autoptr (GArray) ids = collect_ids (db,
                                        "SELECT id FROM contact WHERE customer_id = ?1 AND deleted_at IS NULL"
                                        " ORDER BY id",
                                        customer_id, error);

  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);

      if (!index_contact (db, *id, TRUE, error))
        return FALSE;
      g_hash_table_remove (deferred, id);
    }

  return TRUE;
}

static gboolean
reindex_contact (RapportDatabase  *db,
                 gint64            contact_id,
                 GError          **error)
{
  return index_contact (db, contact_id, FALSE, error);
}

/* Runs @per_row on every id @sql returns (one bound parameter, @param). */
static gboolean
for_each_id (RapportDatabase  *db,
             const char       *sql,
             gint64            param,
             gboolean        (*per_row) (RapportDatabase *, gint64, GError **),
             GError          **error)
{
  g_autoptr (GArray) ids = collect_ids (db, sql, param, error);

  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      if (!per_row (db, g_array_index (ids, gint64, i), error))
        return FALSE;
    }

  return TRUE;
}

/* Internal API */

gboolean
_rapport_search_index_optimize (RapportDatabase  *db,
                                GError          **error)
{
  return _rapport_database_exec (db,
                                 "INSERT INTO search_fts (search_fts) VALUES ('optimize');"
                                 "INSERT INTO search_digits (search_digits) VALUES ('optimize');",
                                 error);
}

/* Whether derived_version says the slots were spread for this file's sort
 * keys: until then a customer placed among the others takes a misfit slot,
 * which no document keyed the old way can hold. */
static gboolean
slots_are_current (RapportDatabase  *db,
                   gboolean         *current,
                   GError          **error)
{
  g_autofree char *version = NULL;

  if (!_rapport_derived_read_version (db, RAPPORT_SEARCH_SLOTS_NAME, &version, error))
    return FALSE;
  *current = g_strcmp0 (version, RAPPORT_SEARCH_SLOTS_VERSION) == 0;
  return TRUE;
}

static GQuark
bulk_load_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("rapport-search-bulk-load");
  return quark;
}

/* The slots of the customers before and after (@sort_key, @customer_id) in
 * name order, misfits and customers without a slot left aside: 0 when there
 * is none before, RAPPORT_SEARCH_MISFIT_SLOT when there is none after.
 * @high_key and @high_id (nullable) get the one after, NULL and 0 for
 * none. */
static gboolean
find_neighbours (RapportDatabase  *db,
                 gconstpointer     sort_key,
                 int               sort_key_len,
                 gint64            customer_id,
                 gint64           *low,
                 gint64           *high,
                 GBytes          **high_key,
                 gint64           *high_id,
                 GError          **error)
{
  static const char * const neighbour_sql[] = {
    "SELECT search_slot, NULL, 0 FROM customer WHERE (sort_key, id) < (?1, ?2)"
    " AND search_slot < ?3 ORDER BY sort_key DESC, id DESC LIMIT 1",
    "SELECT search_slot, sort_key, id FROM customer WHERE (sort_key, id) > (?1, ?2)"
    " AND search_slot < ?3 ORDER BY sort_key, id LIMIT 1",
  };
  gint64 neighbours[2] = { 0, 0 };

  if (high_key != NULL)
    *high_key = NULL;
  if (high_id != NULL)
    *high_id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (neighbour_sql); i++)
    {
      g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, neighbour_sql[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_blob (stmt, 1, sort_key, sort_key_len, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, customer_id);
      sqlite3_bind_int64 (stmt, 3, RAPPORT_SEARCH_MISFIT_SLOT);

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                       _("Could not update the search index"));
          return FALSE;
        }
      if (rc == SQLITE_DONE)
        continue;

      neighbours[i] = sqlite3_column_int64 (stmt, 0);
      if (i == 1 && high_key != NULL)
        *high_key = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      if (i == 1 && high_id != NULL)
        *high_id = sqlite3_column_int64 (stmt, 2);
    }

  *low = neighbours[0];
  *high = neighbours[1] > 0 ? neighbours[1] : RAPPORT_SEARCH_MISFIT_SLOT;
  return TRUE;
}

/* The slot customer @customer_id should hold for its @sort_key: @slot (its
 * current one, 0 for none) when that is still between its neighbours', else
 * one between them, else a misfit. */
static gboolean
place_customer (RapportDatabase  *db,
                gint64            customer_id,
                gconstpointer     sort_key,
                int               sort_key_len,
                gint64           *slot,
                GError          **error)
{
  gint64 misfit = RAPPORT_SEARCH_MISFIT_SLOT + customer_id;
  gint64 low, high, chosen, taken;
  gboolean current;
  sqlite3_stmt *stmt;

  if (!slots_are_current (db, &current, error))
    return FALSE;
  /* A bulk load writes misfits, whose rowids increase as FTS5 wants them
   * to, and puts them in place when it ends. */
  if (!current || g_object_get_qdata (G_OBJECT (db), bulk_load_quark ()) != NULL)
    {
      *slot = *slot >= RAPPORT_SEARCH_MISFIT_SLOT ? *slot : misfit;
      return TRUE;
    }

  if (!find_neighbours (db, sort_key, sort_key_len, customer_id, &low, &high, NULL, NULL, error))
    return FALSE;

  if (*slot > low && *slot < high)
    return TRUE;

  /* Halves: rows added in random name order, as people add them, run out
   * of room only ~30 levels deep. A load in name order would run out
   * after 30 rows, so loads spread the slots again when they end. */
  chosen = high - low > 1 ? low + (high - low) / 2 : misfit;

  /* Sort keys being rebuilt break the order the neighbours were found by:
   * a slot already held is not taken twice. */
  if (chosen != misfit)
    {
      stmt = _rapport_database_prepare (db, "SELECT id FROM customer WHERE search_slot = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, chosen);
      if (!_rapport_database_step_int64 (db, stmt, _("Could not update the search index"), &taken, error))
        return FALSE;
      if (taken != 0)
        chosen = misfit;
    }

  *slot = chosen;
  return TRUE;
}

static gboolean
write_slot (RapportDatabase  *db,
            gint64            customer_id,
            gint64            slot,
            GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _rapport_database_prepare (db, "UPDATE customer SET search_slot = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, slot);

  return _rapport_database_step_done (db, stmt, _("Could not update the search index"), error);
}

/* @is_new: the customer was just inserted, so has neither a document to
 * replace nor contacts yet. @placed: its slot was just chosen between its
 * neighbours', so is not looked for again. */
static gboolean
index_customer (RapportDatabase  *db,
                gint64            customer_id,
                gboolean          is_new,
                gboolean          placed,
                GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  g_autoptr (GBytes) sort_key = NULL;
  gboolean existed = FALSE;
  gboolean person;
  gboolean live;
  gint64 old_slot;
  gint64 slot;
  Document doc;
  gboolean ok;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT name, code, kind = 'person', sort_key, search_slot,"
                                    " deleted_at IS NULL FROM customer WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not update the search index"));
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;   /* gone: _rapport_search_index_delete_customer came first */

  name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  person = sqlite3_column_int (stmt, 2);
  sort_key = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
  old_slot = sqlite3_column_int64 (stmt, 4);
  live = sqlite3_column_int (stmt, 5);
  sqlite3_reset (stmt);

  if (!is_new && old_slot > 0 &&
      !delete_document (db, RAPPORT_SEARCH_SLOT_ROWID (old_slot), &existed, error))
    return FALSE;

  if (!live)
    {
      /* Trashed (it keeps its slot): its contacts no longer find it either. */
      if (existed)
        return delete_contact_documents (db, customer_id, old_slot, error);
      return TRUE;
    }

  /* Renamed, or new: its place in name order. */
  slot = old_slot;
  if (!placed &&
      !place_customer (db, customer_id, g_bytes_get_data (sort_key, NULL),
                       g_bytes_get_size (sort_key), &slot, error))
    return FALSE;
  if (slot != old_slot)
    {
      if (!write_slot (db, customer_id, slot, error))
        return FALSE;
      if (existed && !delete_contact_documents (db, customer_id, old_slot, error))
        return FALSE;
      existed = FALSE;
    }

  document_init (&doc);
  add_code (&doc, code);
  /* A person is found by the surname reading their code was made from. */
  add_name (&doc, name, person, TRUE);
  ok = add_channels (db, &doc, customer_id, 0, error) &&
       add_tags (db, &doc, customer_id, error) &&
       write_document (db, RAPPORT_SEARCH_SLOT_ROWID (slot), &doc, error);
  document_clear (&doc);

  if (!ok)
    return FALSE;

  /* Restored, moved, or indexed for the first time: its contacts join it,
   * in id order, which keeps the rowids increasing. */
  if (!existed && !is_new)
    return for_each_id (db,
                        "SELECT id FROM contact WHERE customer_id = ?1 AND deleted_at IS NULL"
                        " ORDER BY id",
                        customer_id, reindex_contact, error);

  return TRUE;
}

/* What an import defers (_rapport_search_index_defer). */
typedef struct
{
  GArray     *created;     /* customer ids, as inserted */
  GHashTable *customers;   /* ids of other customers changed */
  GHashTable *contacts;    /* ids of contacts added or changed */
} Deferred;

static void
deferred_free (gpointer data)
{
  Deferred *deferred = data;

  g_array_unref (deferred->created);
  g_hash_table_unref (deferred->customers);
  g_hash_table_unref (deferred->contacts);
  g_free (deferred);
}

static GQuark
deferred_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("rapport-search-deferred");
  return quark;
}

static gboolean
defer_id (RapportDatabase *db,
          gboolean         contact,
          gint64           id)
{
  Deferred *deferred = g_object_get_qdata (G_OBJECT (db), deferred_quark ());

  if (deferred == NULL)
    return FALSE;

  g_hash_table_add (contact ? deferred->contacts : deferred->customers, g_memdup2 (&id, sizeof id));
  return TRUE;
}

gboolean
_rapport_search_index_update_customer (RapportDatabase  *db,
                                       gint64            customer_id,
                                       GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  if (defer_id (db, FALSE, customer_id))
    return TRUE;

  return index_customer (db, customer_id, FALSE, FALSE, error);
}

/* For a customer just inserted: nothing to delete first, no contacts. */
gboolean
_rapport_search_index_add_customer (RapportDatabase  *db,
                                    gint64            customer_id,
                                    GError          **error)
{
  Deferred *deferred;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  /* Placed and indexed with the others at the end (no slot meanwhile, so
   * its contacts get no document either). */
  deferred = g_object_get_qdata (G_OBJECT (db), deferred_quark ());
  if (deferred != NULL)
    {
      g_array_append_val (deferred->created, customer_id);
      return TRUE;
    }

  return index_customer (db, customer_id, TRUE, FALSE, error);
}

void
_rapport_search_index_defer (RapportDatabase *db)
{
  Deferred *deferred = g_new0 (Deferred, 1);

  deferred->created = g_array_new (FALSE, FALSE, sizeof (gint64));
  deferred->customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  deferred->contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_object_set_qdata_full (G_OBJECT (db), deferred_quark (), deferred, deferred_free);
}

void
_rapport_search_index_cancel_deferred (RapportDatabase *db)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (db));

  g_object_set_qdata (G_OBJECT (db), deferred_quark (), NULL);
}

typedef struct
{
  gint64  id;
  GBytes *sort_key;
  gint64  slot;
} Pending;

static void
pending_clear (gpointer data)
{
  Pending *pending = data;

  g_clear_pointer (&pending->sort_key, g_bytes_unref);
}

static int
compare_pending_names (gconstpointer a,
                       gconstpointer b)
{
  const Pending *pa = a;
  const Pending *pb = b;
  int cmp = g_bytes_compare (pa->sort_key, pb->sort_key);

  if (cmp != 0)
    return cmp;
  return pa->id < pb->id ? -1 : pa->id > pb->id;
}

static int
compare_pending_slots (gconstpointer a,
                       gconstpointer b)
{
  const Pending *pa = a;
  const Pending *pb = b;

  return pa->slot < pb->slot ? -1 : pa->slot > pb->slot;
}

/* The deferred customers still without a slot, in name order. */
static GArray *
read_pending (RapportDatabase  *db,
              GArray           *deferred,
              GError          **error)
{
  g_autoptr (GArray) pending = g_array_new (FALSE, TRUE, sizeof (Pending));

  g_array_set_clear_func (pending, pending_clear);

  for (guint i = 0; i < deferred->len; i++)
    {
      g_autoptr (RapportStatement) stmt = NULL;
      Pending entry = { .id = g_array_index (deferred, gint64, i) };
      int rc;

      stmt = _rapport_database_prepare (db, "SELECT sort_key, search_slot IS NULL FROM customer WHERE id = ?1",
                                        error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, entry.id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                       _("Could not update the search index"));
          return NULL;
        }
      /* Gone, or placed already by a later change. */
      if (rc == SQLITE_DONE || sqlite3_column_int (stmt, 1) == 0)
        continue;

      entry.sort_key = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      g_array_append_val (pending, entry);
    }

  g_array_sort (pending, compare_pending_names);
  return g_steal_pointer (&pending);
}

/* Each run of pending customers between the same two neighbours gets
 * slots evenly spread between theirs; a run with no room is misfits. The
 * neighbours are looked up once per run: pending customers come in name
 * order, and a run ends at the first one past its upper neighbour. */
static gboolean
spread_pending (RapportDatabase  *db,
                GArray           *pending,
                GError          **error)
{
  gboolean current;
  guint start = 0;

  if (!slots_are_current (db, &current, error))
    return FALSE;

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *entry = &g_array_index (pending, Pending, i);

      entry->slot = RAPPORT_SEARCH_MISFIT_SLOT + entry->id;
    }

  while (current && start < pending->len)
    {
      Pending *first = &g_array_index (pending, Pending, start);
      g_autoptr (GBytes) high_key = NULL;
      gint64 high_id = 0;
      gint64 low, high, step;
      guint end = start + 1;

      if (!find_neighbours (db, g_bytes_get_data (first->sort_key, NULL), g_bytes_get_size (first->sort_key),
                            first->id, &low, &high, &high_key, &high_id, error))
        return FALSE;

      while (end < pending->len)
        {
          const Pending *next = &g_array_index (pending, Pending, end);
          int cmp;

          if (high_key == NULL)
            {
              end++;
              continue;
            }
          cmp = g_bytes_compare (next->sort_key, high_key);
          if (cmp > 0 || (cmp == 0 && next->id > high_id))
            break;
          end++;
        }

      step = (high - low) / (end - start + 1);
      for (guint i = start; step > 0 && i < end; i++)
        {
          Pending *entry = &g_array_index (pending, Pending, i);
          g_autoptr (RapportStatement) stmt = NULL;
          gint64 slot = low + step * (i - start + 1);
          gint64 taken = 0;

          /* A customer renamed in the same transaction keeps its old slot
           * until its own turn: a slot held is not taken twice. */
          stmt = _rapport_database_prepare (db, "SELECT id FROM customer WHERE search_slot = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, slot);
          if (!_rapport_database_step_int64 (db, stmt, _("Could not update the search index"), &taken, error))
            return FALSE;
          if (taken == 0)
            entry->slot = slot;
        }

      start = end;
    }

  return TRUE;
}

typedef struct
{
  gint64 id;
  gint64 rowid;
} Touched;

static int
compare_touched (gconstpointer a,
                 gconstpointer b)
{
  const Touched *ta = a;
  const Touched *tb = b;

  return ta->rowid < tb->rowid ? -1 : ta->rowid > tb->rowid;
}

/* The changed customers (@created NULL) or contacts (of customers not in
 * @created, indexed with theirs), by the rowid of their documents, so
 * that they are written in order. */
static GArray *
sort_touched (RapportDatabase  *db,
              GHashTable       *ids,
              GHashTable       *created,
              GError          **error)
{
  g_autoptr (GArray) touched = g_array_new (FALSE, FALSE, sizeof (Touched));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr (RapportStatement) stmt = NULL;
      Touched entry = { .id = *(gint64 *) key };
      gint64 customer_id;
      int rc;

      if (created != NULL)
        stmt = _rapport_database_prepare (db,
                                          "SELECT c.search_slot, c.id FROM contact k"
                                          " JOIN customer c ON c.id = k.customer_id WHERE k.id = ?1",
                                          error);
      else
        stmt = _rapport_database_prepare (db, "SELECT search_slot, id FROM customer WHERE id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, entry.id);

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                       _("Could not update the search index"));
          return NULL;
        }
      if (rc == SQLITE_DONE)
        continue;

      customer_id = sqlite3_column_int64 (stmt, 1);
      if (created != NULL && g_hash_table_contains (created, &customer_id))
        continue;

      entry.rowid = created != NULL ? RAPPORT_SEARCH_CONTACT_ROWID (sqlite3_column_int64 (stmt, 0), entry.id)
                                    : RAPPORT_SEARCH_SLOT_ROWID (sqlite3_column_int64 (stmt, 0));
      g_array_append_val (touched, entry);
    }

  g_array_sort (touched, compare_touched);
  return g_steal_pointer (&touched);
}

/**
 * _rapport_search_index_index_deferred:
 *
 * Ends the deferral: gives the customers added meanwhile their slots, each
 * run between two existing neighbours spread evenly between them (so an
 * import in name order needs no spreading of the whole book), writes their
 * documents and their contacts' in slot order, the order in which FTS5
 * batches its writes, then those of the other customers and contacts that
 * changed, in order too.
 */
gboolean
_rapport_search_index_index_deferred (RapportDatabase  *db,
                                      GError          **error)
{
  Deferred *deferred;
  g_autoptr (GArray) pending = NULL;
  g_autoptr (GArray) customers = NULL;
  g_autoptr (GArray) contacts = NULL;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  deferred = g_object_steal_qdata (G_OBJECT (db), deferred_quark ());
  if (deferred == NULL)
    return TRUE;

  pending = read_pending (db, deferred->created, error);
  ok = pending != NULL && spread_pending (db, pending, error);

  for (guint i = 0; ok && i < pending->len; i++)
    {
      const Pending *entry = &g_array_index (pending, Pending, i);

      ok = write_slot (db, entry->id, entry->slot, error);
      g_hash_table_remove (deferred->customers, &entry->id);
    }

  /* None of them has a document yet: nothing to delete first. */
  if (ok)
    g_array_sort (pending, compare_pending_slots);
  for (guint i = 0; ok && i < pending->len; i++)
    {
      const Pending *entry = &g_array_index (pending, Pending, i);

      /* spread_pending put those with a slot of their own in place. */
      ok = index_customer (db, entry->id, TRUE, entry->slot < RAPPORT_SEARCH_MISFIT_SLOT, error) &&
           index_new_contacts (db, entry->id, deferred->contacts, error);
    }

  /* The rest; a created customer's contacts were written with it. */
  if (ok)
    {
      g_autoptr (GHashTable) created = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint i = 0; i < deferred->created->len; i++)
        g_hash_table_add (created, &g_array_index (deferred->created, gint64, i));
      ok = (customers = sort_touched (db, deferred->customers, NULL, error)) != NULL &&
           (contacts = sort_touched (db, deferred->contacts, created, error)) != NULL;
    }
  for (guint i = 0; ok && i < customers->len; i++)
    ok = index_customer (db, g_array_index (customers, Touched, i).id, FALSE, FALSE, error);
  for (guint i = 0; ok && i < contacts->len; i++)
    ok = index_contact (db, g_array_index (contacts, Touched, i).id, FALSE, error);

  deferred_free (deferred);
  return ok;
}

gboolean
_rapport_search_index_update_contact (RapportDatabase  *db,
                                      gint64            contact_id,
                                      GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  if (defer_id (db, TRUE, contact_id))
    return TRUE;

  return index_contact (db, contact_id, FALSE, error);
}

/* For a contact just inserted: nothing to delete first. */
gboolean
_rapport_search_index_add_contact (RapportDatabase  *db,
                                   gint64            contact_id,
                                   GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  if (defer_id (db, TRUE, contact_id))
    return TRUE;

  return index_contact (db, contact_id, TRUE, error);
}

gboolean
_rapport_search_index_delete_customer (RapportDatabase  *db,
                                       gint64            customer_id,
                                       GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 slot;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  stmt = _rapport_database_prepare (db, "SELECT search_slot FROM customer WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not update the search index"), &slot, error))
    return FALSE;
  if (slot == 0)
    return TRUE;

  return delete_document (db, RAPPORT_SEARCH_SLOT_ROWID (slot), NULL, error) &&
         delete_contact_documents (db, customer_id, slot, error);
}

gboolean
_rapport_search_index_rebuild_customer (RapportDatabase  *db,
                                        gint64            customer_id,
                                        GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  /* Gone, then indexed as if for the first time: its contacts with it. */
  return _rapport_search_index_delete_customer (db, customer_id, error) &&
         index_customer (db, customer_id, FALSE, FALSE, error);
}

gboolean
_rapport_search_index_delete_contact (RapportDatabase  *db,
                                      gint64            contact_id,
                                      GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 slot;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  stmt = _rapport_database_prepare (db,
                                    "SELECT c.search_slot FROM contact k"
                                    " JOIN customer c ON c.id = k.customer_id WHERE k.id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not update the search index"), &slot, error))
    return FALSE;
  if (slot == 0)
    return TRUE;

  return delete_document (db, RAPPORT_SEARCH_CONTACT_ROWID (slot, contact_id), NULL, error);
}

gboolean
_rapport_search_index_needs_relabel (RapportDatabase  *db,
                                     gboolean         *needed,
                                     GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gboolean current;
  gint64 n_misfits;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  if (!slots_are_current (db, &current, error))
    return FALSE;
  if (!current)
    {
      *needed = TRUE;
      return TRUE;
    }

  /* A range of customer_by_search_slot: as cheap as the misfits are few. */
  stmt = _rapport_database_prepare (db,
                                    "SELECT count(*) FROM (SELECT 1 FROM customer"
                                    " WHERE search_slot >= ?1 LIMIT ?2)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, RAPPORT_SEARCH_MISFIT_SLOT);
  sqlite3_bind_int64 (stmt, 2, RAPPORT_SEARCH_MAX_MISFITS + 1);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not update the search index"), &n_misfits, error))
    return FALSE;

  *needed = n_misfits > RAPPORT_SEARCH_MAX_MISFITS;
  return TRUE;
}

/* Drops and creates @table again from its own definition and settings: far
 * quicker than deleting its documents one by one. */
static gboolean
recreate_table (RapportDatabase  *db,
                const char       *table,
                GError          **error)
{
  g_autofree char *create = NULL;
  g_autoptr (GPtrArray) settings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *drop = g_strdup_printf ("DROP TABLE %s", table);
  g_autofree char *config = g_strdup_printf ("SELECT k, v FROM %s_config WHERE k <> 'version'", table);

  {
    g_autoptr (RapportStatement) stmt = NULL;
    int rc;

    stmt = _rapport_database_prepare (db, "SELECT sql FROM sqlite_schema WHERE name = ?1", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                     _("Could not rebuild the search index"));
        return FALSE;
      }
    create = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, config, error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        char *quoted = sqlite3_mprintf ("INSERT INTO %s (%s, rank) VALUES (%Q, %Q)", table, table,
                                        (const char *) sqlite3_column_text (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 1));

        g_ptr_array_add (settings, g_strdup (quoted));
        sqlite3_free (quoted);
      }
    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                     _("Could not rebuild the search index"));
        return FALSE;
      }
  }

  if (!_rapport_database_exec (db, drop, error) || !_rapport_database_exec (db, create, error))
    return FALSE;
  for (guint i = 0; i < settings->len; i++)
    {
      if (!_rapport_database_exec (db, g_ptr_array_index (settings, i), error))
        return FALSE;
    }

  return TRUE;
}

/* Fills temp.slot_move with every customer's slot (old; NULL for none) and
 * the one that spreads the slots evenly in name order (new). */
static gboolean
plan_slots (RapportDatabase  *db,
            GError          **error)
{
  g_autoptr (RapportStatement) count = NULL;
  sqlite3_stmt *stmt;
  gint64 n_customers;

  count = _rapport_database_prepare (db, "SELECT count(*) FROM customer", error);
  if (count == NULL ||
      !_rapport_database_step_int64 (db, count, _("Could not update the search index"), &n_customers, error))
    return FALSE;

  if (!_rapport_database_exec (db,
                               "CREATE TEMP TABLE IF NOT EXISTS slot_move"
                               " (id INTEGER PRIMARY KEY, old INTEGER, new INTEGER NOT NULL);"
                               "CREATE INDEX IF NOT EXISTS temp.slot_move_old ON slot_move (old);"
                               "DELETE FROM temp.slot_move;",
                               error))
    return FALSE;

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO temp.slot_move (id, old, new)"
                                    " SELECT id, search_slot, row_number () OVER"
                                    " (ORDER BY sort_key, id) * ?1 FROM customer",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, MAX (1, RAPPORT_SEARCH_MISFIT_SLOT / (n_customers + 1)));

  return _rapport_database_step_done (db, stmt, _("Could not rebuild the search index"), error);
}

/* Gives every customer its new slot from temp.slot_move. */
static gboolean
apply_slots (RapportDatabase  *db,
             GError          **error)
{
  /* Cleared first: the unique index sees each row's new slot as it is set. */
  if (!_rapport_database_exec (db, "UPDATE customer SET search_slot = NULL WHERE search_slot IS NOT NULL", error))
    return FALSE;
  if (!_rapport_database_exec (db,
                               "UPDATE customer SET search_slot = m.new FROM temp.slot_move m"
                               " WHERE m.id = customer.id;"
                               "DELETE FROM temp.slot_move;",
                               error))
    return FALSE;

  return _rapport_derived_write_version (db, RAPPORT_SEARCH_SLOTS_NAME, RAPPORT_SEARCH_SLOTS_VERSION, error);
}

gboolean
_rapport_search_index_relabel (RapportDatabase  *db,
                               GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  return recreate_table (db, "search_fts", error) &&
         recreate_table (db, "search_digits", error) &&
         plan_slots (db, error) &&
         apply_slots (db, error);
}

/* Moves every document to its customer's new slot, in rowid order, without
 * tokenising it again. */
gboolean
_rapport_search_index_respread (RapportDatabase  *db,
                                GError          **error)
{
  return plan_slots (db, error) &&
         _rapport_database_exec (db,
                                 "CREATE TEMP TABLE moved_fts AS"
                                 " SELECT (m.new << 32) | (f.rowid & 4294967295) AS to_rowid, f.tokens, f.raw"
                                 " FROM search_fts f JOIN temp.slot_move m ON m.old = f.rowid >> 32;"
                                 "CREATE TEMP TABLE moved_digits AS"
                                 " SELECT (m.new << 32) | (f.rowid & 4294967295) AS to_rowid, f.tokens"
                                 " FROM search_digits f JOIN temp.slot_move m ON m.old = f.rowid >> 32;",
                                 error) &&
         recreate_table (db, "search_fts", error) &&
         recreate_table (db, "search_digits", error) &&
         _rapport_database_exec (db,
                                 "INSERT INTO search_fts (rowid, tokens, raw)"
                                 " SELECT to_rowid, tokens, raw FROM temp.moved_fts ORDER BY to_rowid;"
                                 "INSERT INTO search_digits (rowid, tokens)"
                                 " SELECT to_rowid, tokens FROM temp.moved_digits ORDER BY to_rowid;"
                                 "DROP TABLE temp.moved_fts;"
                                 "DROP TABLE temp.moved_digits;",
                                 error) &&
         apply_slots (db, error) &&
         /* One pass leaves many segments: merged now, not by the next
          * user's write (a crisis merge took 3 s on one insert). */
         _rapport_search_index_optimize (db, error);
}

/**
 * rapport_store_begin_bulk_load:
 * @db: a #RapportDatabase
 *
 * Starts a bulk load on @db: until rapport_store_end_bulk_load(), customers
 * are found by search but not yet in list order among the others.
 */
void
rapport_store_begin_bulk_load (RapportDatabase *db)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (db));

  g_object_set_qdata (G_OBJECT (db), bulk_load_quark (), GINT_TO_POINTER (1));
}

/**
 * rapport_store_end_bulk_load:
 * @db: a #RapportDatabase
 * @error: return location for a #GError
 *
 * Ends a bulk load: when it added many customers, spreads the search
 * index's slots again in one transaction (seconds for 100,000 customers).
 *
 * Returns: whether the index is in order
 */
gboolean
rapport_store_end_bulk_load (RapportDatabase  *db,
                             GError          **error)
{
  gboolean current = FALSE;
  gboolean needed = FALSE;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  g_object_set_qdata (G_OBJECT (db), bulk_load_quark (), NULL);

  /* Slots not spread yet: the derived data's rebuild does it. */
  if (!_rapport_database_begin (db, error))
    return FALSE;
  if (!slots_are_current (db, &current, error) ||
      (current && !_rapport_search_index_needs_relabel (db, &needed, error)) ||
      (needed && !_rapport_search_index_respread (db, error)) ||
      !_rapport_database_commit (db, error))
    {
      _rapport_database_rollback (db, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
_rapport_search_index_slots_current (RapportDatabase  *db,
                                     gboolean         *current,
                                     GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  return slots_are_current (db, current, error);
}

/* One customer of a window being spread. */
typedef struct
{
  gint64 id;
  gint64 slot;       /* 0: none */
} Member;

/* Walks from the misfit @id (with @sort_key) in one direction of name order
 * (@before: down), adding the customers met to @members until @want of them
 * hold ordered slots; the next ordered slot is the window's bound (0 or
 * RAPPORT_SEARCH_MISFIT_SLOT when the list ends first). */
static gboolean
collect_side (RapportDatabase  *db,
              gint64            id,
              GBytes           *sort_key,
              gboolean          before,
              guint             want,
              GArray           *members,
              gint64           *bound,
              GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  guint n_ordered = 0;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    before
                                    ? "SELECT id, search_slot FROM customer WHERE (sort_key, id) < (?1, ?2)"
                                      " ORDER BY sort_key DESC, id DESC"
                                    : "SELECT id, search_slot FROM customer WHERE (sort_key, id) > (?1, ?2)"
                                      " ORDER BY sort_key, id",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (sort_key, NULL), g_bytes_get_size (sort_key), SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);

  *bound = before ? 0 : RAPPORT_SEARCH_MISFIT_SLOT;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Member member = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      gboolean ordered = member.slot > 0 && member.slot < RAPPORT_SEARCH_MISFIT_SLOT;

      if (ordered && n_ordered == want)
        {
          *bound = member.slot;
          return TRUE;
        }
      n_ordered += ordered;
      g_array_append_val (members, member);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not update the search index"));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gint64  rowid;   /* its offset in the customer's range, the contact id */
  char   *tokens;
  char   *raw;     /* NULL in search_digits */
} Saved;

static void
saved_clear (gpointer data)
{
  Saved *saved = data;

  g_free (saved->tokens);
  g_free (saved->raw);
}

/* Takes out the documents of the customer at @slot from @table into @saved. */
static gboolean
take_documents (RapportDatabase  *db,
                const char       *table,
                gint64            slot,
                GArray           *saved,
                GError          **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT rowid, tokens%s FROM %s WHERE rowid BETWEEN ?1 AND ?2",
                                             g_str_equal (table, "search_fts") ? ", raw" : "", table);
  g_autofree char *delete = g_strdup_printf ("DELETE FROM %s WHERE rowid BETWEEN ?1 AND ?2", table);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _rapport_database_prepare (db, select, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, RAPPORT_SEARCH_SLOT_ROWID (slot));
  sqlite3_bind_int64 (stmt, 2, RAPPORT_SEARCH_CONTACT_ROWID (slot, G_MAXUINT32));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Saved doc = {
        sqlite3_column_int64 (stmt, 0) & G_MAXUINT32,
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        sqlite3_column_count (stmt) > 2 ? g_strdup ((const char *) sqlite3_column_text (stmt, 2)) : NULL,
      };

      g_array_append_val (saved, doc);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not update the search index"));
      return FALSE;
    }

  stmt = _rapport_database_prepare (db, delete, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, RAPPORT_SEARCH_SLOT_ROWID (slot));
  sqlite3_bind_int64 (stmt, 2, RAPPORT_SEARCH_CONTACT_ROWID (slot, G_MAXUINT32));

  return _rapport_database_step_done (db, stmt, _("Could not update the search index"), error);
}

static gboolean
put_documents (RapportDatabase  *db,
               const char       *table,
               gint64            slot,
               GArray           *saved,
               GError          **error)
{
  gboolean fts = g_str_equal (table, "search_fts");
  g_autofree char *insert = g_strdup_printf ("INSERT INTO %s (rowid, tokens%s) VALUES (?1, ?2%s)",
                                             table, fts ? ", raw" : "", fts ? ", ?3" : "");

  for (guint i = 0; i < saved->len; i++)
    {
      const Saved *doc = &g_array_index (saved, Saved, i);
      sqlite3_stmt *stmt = _rapport_database_prepare (db, insert, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, RAPPORT_SEARCH_CONTACT_ROWID (slot, doc->rowid));
      sqlite3_bind_text (stmt, 2, doc->tokens, -1, SQLITE_STATIC);
      if (fts)
        sqlite3_bind_text (stmt, 3, doc->raw, -1, SQLITE_STATIC);
      if (!_rapport_database_step_done (db, stmt, _("Could not update the search index"), error))
        return FALSE;
    }

  return TRUE;
}

/* Customers on each side of a misfit first given slots anew; doubled until
 * their bounds leave room for all of them with gaps of at least two. */
#define FIRST_WINDOW_SIDE 8

gboolean
_rapport_search_index_place_misfit (RapportDatabase  *db,
                                    gboolean         *placed,
                                    GError          **error)
{
  g_autoptr (RapportStatement) find = NULL;
  g_autoptr (GBytes) sort_key = NULL;
  g_autoptr (GArray) members = NULL;
  gint64 misfit;
  gint64 low = 0, high = 0;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);

  *placed = FALSE;

  find = _rapport_database_prepare (db,
                                    "SELECT id, sort_key FROM customer WHERE search_slot >= ?1"
                                    " ORDER BY search_slot LIMIT 1",
                                    error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, RAPPORT_SEARCH_MISFIT_SLOT);
  rc = sqlite3_step (find);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not update the search index"));
      return FALSE;
    }
  misfit = sqlite3_column_int64 (find, 0);
  sort_key = g_bytes_new (sqlite3_column_blob (find, 1), sqlite3_column_bytes (find, 1));
  sqlite3_reset (find);

  for (guint side = FIRST_WINDOW_SIDE; ; side *= 2)
    {
      g_autoptr (GArray) before = g_array_new (FALSE, FALSE, sizeof (Member));
      Member self = { misfit, RAPPORT_SEARCH_MISFIT_SLOT + misfit };

      g_clear_pointer (&members, g_array_unref);
      members = g_array_new (FALSE, FALSE, sizeof (Member));

      if (!collect_side (db, misfit, sort_key, TRUE, side, before, &low, error) ||
          !collect_side (db, misfit, sort_key, FALSE, side, members, &high, error))
        return FALSE;

      /* In name order: the ones before (read downwards), the misfit, after. */
      g_array_prepend_val (members, self);
      for (guint i = 0; i < before->len; i++)
        g_array_prepend_val (members, g_array_index (before, Member, i));

      if (high - low >= 2 * ((gint64) members->len + 1))
        break;
      /* The whole list and no room: only a full spread helps. */
      if (low == 0 && high == RAPPORT_SEARCH_MISFIT_SLOT)
        {
          *placed = TRUE;
          return _rapport_search_index_respread (db, error);
        }
    }

  /* Documents out, slots cleared, new slots, documents back in slot order:
   * no document or slot is ever held twice. */
  {
    g_autoptr (GPtrArray) fts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
    g_autoptr (GPtrArray) digits = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
    gint64 gap = (high - low) / ((gint64) members->len + 1);
    sqlite3_stmt *stmt;

    for (guint i = 0; i < members->len; i++)
      {
        const Member *member = &g_array_index (members, Member, i);
        GArray *saved_fts = g_array_new (FALSE, FALSE, sizeof (Saved));
        GArray *saved_digits = g_array_new (FALSE, FALSE, sizeof (Saved));

        g_array_set_clear_func (saved_fts, saved_clear);
        g_array_set_clear_func (saved_digits, saved_clear);
        g_ptr_array_add (fts, saved_fts);
        g_ptr_array_add (digits, saved_digits);
        if (member->slot > 0 &&
            (!take_documents (db, "search_fts", member->slot, saved_fts, error) ||
             !take_documents (db, "search_digits", member->slot, saved_digits, error)))
          return FALSE;

        stmt = _rapport_database_prepare (db, "UPDATE customer SET search_slot = NULL WHERE id = ?1", error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, member->id);
        if (!_rapport_database_step_done (db, stmt, _("Could not update the search index"), error))
          return FALSE;
      }

    for (guint i = 0; i < members->len; i++)
      {
        const Member *member = &g_array_index (members, Member, i);
        gint64 slot = low + gap * (i + 1);

        if (!write_slot (db, member->id, slot, error) ||
            !put_documents (db, "search_fts", slot, g_ptr_array_index (fts, i), error) ||
            !put_documents (db, "search_digits", slot, g_ptr_array_index (digits, i), error))
          return FALSE;
      }
  }

  *placed = TRUE;
  return TRUE;
}
