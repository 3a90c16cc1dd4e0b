/* rapport-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-text"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "rapport-text.h"
#include "rapport-validation.h"

/* ICU's NFKC of valid UTF-8, or a copy of @text if ICU fails (it only does
 * on out-of-memory). */
static char *
nfkc (const char *text)
{
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *normalizer;
  g_autofree UChar *source = NULL;
  g_autofree UChar *normalized = NULL;
  g_autofree char *result = NULL;
  int32_t source_length = 0;
  int32_t normalized_length;
  int32_t result_length = 0;

  normalizer = unorm2_getNFKCInstance (&status);
  if (U_FAILURE (status))
    return g_strdup (text);

  /* Most text is already NFKC (plain ASCII always is): skip the copies. */
  u_strFromUTF8 (NULL, 0, &source_length, text, -1, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return g_strdup (text);
  status = U_ZERO_ERROR;
  source = g_new (UChar, source_length + 1);
  u_strFromUTF8 (source, source_length + 1, NULL, text, -1, &status);
  if (U_FAILURE (status))
    return g_strdup (text);

  if (unorm2_isNormalized (normalizer, source, source_length, &status) && U_SUCCESS (status))
    return g_strdup (text);
  status = U_ZERO_ERROR;

  normalized_length = unorm2_normalize (normalizer, source, source_length, NULL, 0, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return g_strdup (text);
  status = U_ZERO_ERROR;
  normalized = g_new (UChar, normalized_length + 1);
  unorm2_normalize (normalizer, source, source_length, normalized, normalized_length + 1, &status);
  if (U_FAILURE (status))
    return g_strdup (text);

  u_strToUTF8 (NULL, 0, &result_length, normalized, normalized_length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return g_strdup (text);
  status = U_ZERO_ERROR;
  result = g_new (char, result_length + 1);
  u_strToUTF8 (result, result_length + 1, NULL, normalized, normalized_length, &status);
  if (U_FAILURE (status))
    return g_strdup (text);

  return g_steal_pointer (&result);
}

static gboolean
is_invisible (gunichar c)
{
  /* Zero-width space, word joiner and byte order mark carry nothing a user
   * meant to type; ZWJ (U+200D) stays, emoji sequences need it. */
  if (c == 0x200B || c == 0x2060 || c == 0xFEFF)
    return TRUE;

  return g_unichar_type (c) == G_UNICODE_CONTROL && !g_unichar_isspace (c);
}

/**
 * rapport_text_normalize_ascii:
 * @text: text
 * @lowercase: whether to fold A–Z to a–z too
 *
 * What rapport_text_normalize() makes of all-ASCII @text, without the UTF-8
 * and ICU round trips (NFKC leaves ASCII as it is): white space collapsed
 * and trimmed, other control characters dropped. Codes, phone numbers,
 * e-mail addresses and Latin names are ASCII, and bulk imports and the
 * search index normalise hundreds of thousands of them.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @text is not
 *   all ASCII
 */
char *
rapport_text_normalize_ascii (const char *text,
                              gboolean    lowercase)
{
  gsize len = 0;
  gboolean pending_space = FALSE;
  char *out;
  gsize n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++, len++)
    {
      if (*p >= 0x80)
        return NULL;
    }

  out = g_malloc (len + 1);
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      /* The ASCII white space of g_unichar_isspace (); vertical tab is a
       * control character to it, so dropped below. */
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
        {
          pending_space = n > 0;
          continue;
        }
      if (*p < 0x20 || *p == 0x7f)
        continue;

      if (pending_space)
        out[n++] = ' ';
      pending_space = FALSE;
      out[n++] = lowercase ? g_ascii_tolower (*p) : *p;
    }
  out[n] = '\0';

  return out;
}

/**
 * rapport_text_normalize:
 * @text: (nullable): text as typed or imported
 *
 * Returns: (transfer full): @text in NFKC, without control characters, trimmed,
 *   with inner whitespace collapsed to single spaces
 */
char *
rapport_text_normalize (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *normalized = NULL;
  GString *result;
  char *result_ascii;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  result_ascii = rapport_text_normalize_ascii (text, FALSE);
  if (result_ascii != NULL)
    return result_ascii;

  valid = g_utf8_make_valid (text, -1);
  normalized = nfkc (valid);
  result = g_string_sized_new (strlen (normalized));

  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = result->len > 0;
          continue;
        }
      if (is_invisible (c))
        continue;

      if (pending_space)
        g_string_append_c (result, ' ');
      pending_space = FALSE;
      g_string_append_unichar (result, c);
    }

  return g_string_free (result, FALSE);
}

/**
 * rapport_text_truncate:
 * @text: (nullable): any text
 * @max_chars: the most characters to keep
 *
 * Returns: (transfer full): @text cut to @max_chars characters, ending in "…"
 *   when it was longer
 */
char *
rapport_text_truncate (const char *text,
                       guint       max_chars)
{
  g_autofree char *valid = NULL;
  const char *end;
  GString *result;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (valid, -1) <= (glong) max_chars)
    return g_steal_pointer (&valid);

  end = g_utf8_offset_to_pointer (valid, max_chars > 0 ? max_chars - 1 : 0);
  result = g_string_new_len (valid, end - valid);
  g_string_append (result, "…");

  return g_string_free (result, FALSE);
}

/**
 * rapport_name_validate:
 * @name: (nullable): a name as typed
 * @error: return location for a #RAPPORT_VALIDATION_ERROR
 *
 * Returns: %TRUE when @name, normalised, is not empty and not too long
 */
gboolean
rapport_name_validate (const char  *name,
                       GError     **error)
{
  g_autofree char *normalized = rapport_text_normalize (name);
  glong length;

  if (normalized[0] == '\0')
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY,
                           _("Enter a name"));
      return FALSE;
    }

  length = g_utf8_strlen (normalized, -1);
  if (length > RAPPORT_NAME_MAX_CHARS)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Names can be at most %d character long",
                                "Names can be at most %d characters long",
                                RAPPORT_NAME_MAX_CHARS),
                   RAPPORT_NAME_MAX_CHARS);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_match_significant (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * rapport_name_normalize_for_match:
 * @name: (nullable): a name
 *
 * Returns: (transfer full): the key duplicate detection compares: normalised,
 *   casefolded, letters, marks and digits only (or, for a name of symbols only,
 *   its symbols without whitespace)
 */
char *
rapport_name_normalize_for_match (const char *name)
{
  g_autofree char *normalized = rapport_text_normalize (name);
  g_autofree char *folded = g_utf8_casefold (normalized, -1);
  GString *significant = g_string_new (NULL);
  GString *visible = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      g_string_append_unichar (visible, c);
      if (is_match_significant (c))
        g_string_append_unichar (significant, c);
    }

  if (significant->len > 0)
    {
      g_string_free (visible, TRUE);
      return g_string_free (significant, FALSE);
    }

  g_string_free (significant, TRUE);
  return g_string_free (visible, FALSE);
}

/* Longest first, so that 有限公司 goes before 公司 gets a chance. */
static const char * const han_company_suffixes[] = {
  "有限责任公司", "股份有限公司", "集团有限公司", "有限公司", "集团公司",
  "集团", "公司", "商行", "工作室",
};

/* Whole words only: "Zinc" keeps its "inc". Casefolded. */
static const char * const latin_company_suffixes[] = {
  "co", "ltd", "limited", "inc", "incorporated", "llc", "gmbh", "corp",
  "corporation", "company", "plc",
};

/* The length of @text without what ends it that is not a letter or digit. */
static gsize
trim_trailing_symbols (const char *text,
                       gsize       len)
{
  while (len > 0)
    {
      const char *last = g_utf8_find_prev_char (text, text + len);

      if (g_unichar_isalnum (g_utf8_get_char (last)))
        break;
      len = last - text;
    }

  return len;
}

/* The length of @text without the company suffix it ends with, or @len. */
static gsize
cut_company_suffix (const char *text,
                    gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (han_company_suffixes); i++)
    {
      gsize n = strlen (han_company_suffixes[i]);

      if (len > n && memcmp (text + len - n, han_company_suffixes[i], n) == 0)
        return len - n;
    }

  for (guint i = 0; i < G_N_ELEMENTS (latin_company_suffixes); i++)
    {
      gsize n = strlen (latin_company_suffixes[i]);

      if (len > n && memcmp (text + len - n, latin_company_suffixes[i], n) == 0 &&
          !g_ascii_isalnum (text[len - n - 1]))
        return len - n;
    }

  return len;
}

/**
 * rapport_name_company_key:
 * @name: (nullable): a customer's name
 *
 * Returns: (transfer full): the key the Duplicates view compares names by:
 *   the match key without company suffixes, never ""
 */
char *
rapport_name_company_key (const char *name)
{
  g_autofree char *normalized = rapport_text_normalize (name);
  g_autofree char *folded = g_utf8_casefold (normalized, -1);
  g_autofree char *stem = NULL;
  char *key;
  gsize len = strlen (folded);

  for (;;)
    {
      gsize cut;

      len = trim_trailing_symbols (folded, len);
      cut = cut_company_suffix (folded, len);
      if (cut == len)
        break;
      len = cut;
    }

  stem = g_strndup (folded, len);
  key = rapport_name_normalize_for_match (stem);
  if (key[0] != '\0')
    return key;

  g_free (key);
  return rapport_name_normalize_for_match (name);
}
