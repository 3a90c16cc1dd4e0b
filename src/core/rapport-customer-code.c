/* rapport-customer-code.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-code"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-customer-code.h"
#include "rapport-pinyin.h"
#include "rapport-text.h"
#include "rapport-validation.h"

/**
 * rapport_customer_code_prefix:
 * @name: (nullable): a customer's name
 *
 * Returns: (transfer full): one or two uppercase letters for the code
 */
char *
rapport_customer_code_prefix (const char *name)
{
  /* Most names that start with a polyphonic surname character (曾氏贸易, 单先生)
   * are named after the family, so the surname reading fits companies too. */
  g_autofree char *full = rapport_pinyin_person_full (name);
  g_auto (GStrv) words = g_strsplit (full, " ", -1);
  GString *prefix = g_string_new (NULL);
  const char *first_word = NULL;
  guint n_words = 0;

  for (guint i = 0; words[i] != NULL && n_words < 2; i++)
    {
      const char *letter = words[i];

      /* The word's first Latin letter: "3m" gives "M". */
      while (*letter != '\0' && !g_ascii_isalpha (*letter))
        letter++;
      if (*letter == '\0')
        continue;

      if (n_words == 0)
        first_word = letter;
      g_string_append_c (prefix, g_ascii_toupper (*letter));
      n_words++;
    }

  if (n_words == 1 && first_word != NULL)
    {
      /* One word: its first two letters, "Acme" → "AC"; a single Han character
       * stays one letter, "王" → "W". */
      gboolean is_han = FALSE;

      for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalpha (c))
            {
              is_han = g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
              break;
            }
        }

      for (const char *p = first_word + 1; !is_han && *p != '\0'; p++)
        {
          if (g_ascii_isalpha (*p))
            {
              g_string_append_c (prefix, g_ascii_toupper (*p));
              break;
            }
        }
    }

  if (prefix->len == 0)
    g_string_append_c (prefix, 'C');

  return g_string_free (prefix, FALSE);
}

/**
 * rapport_customer_code_format:
 * @prefix: a code prefix
 * @n: the sequence number
 *
 * Returns: (transfer full): @prefix followed by @n, zero-padded to three digits
 */
char *
rapport_customer_code_format (const char *prefix,
                              guint       n)
{
  g_return_val_if_fail (prefix != NULL, NULL);

  return g_strdup_printf ("%s%03u", prefix, n);
}

/**
 * rapport_customer_code_normalize:
 * @code: (nullable): a code as typed
 *
 * Returns: (transfer full): @code normalised, trimmed and uppercase
 */
char *
rapport_customer_code_normalize (const char *code)
{
  g_autofree char *normalized = rapport_text_normalize (code);

  return g_ascii_strup (normalized, -1);
}

/**
 * rapport_customer_code_validate:
 * @code: (nullable): a code as typed
 * @error: return location for a #RAPPORT_VALIDATION_ERROR
 *
 * Returns: %TRUE if @code, normalised, is a valid customer code
 */
gboolean
rapport_customer_code_validate (const char  *code,
                                GError     **error)
{
  g_autofree char *normalized = rapport_customer_code_normalize (code);

  if (normalized[0] == '\0')
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY,
                           _("Enter a customer code"));
      return FALSE;
    }

  if (g_utf8_strlen (normalized, -1) > RAPPORT_CUSTOMER_CODE_MAX_CHARS)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Customer codes can be at most %d character long",
                                "Customer codes can be at most %d characters long",
                                RAPPORT_CUSTOMER_CODE_MAX_CHARS),
                   RAPPORT_CUSTOMER_CODE_MAX_CHARS);
      return FALSE;
    }

  for (const char *p = normalized; *p != '\0'; p++)
    {
      if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '_')
        {
          g_autofree char *quoted = rapport_text_truncate (normalized, 40);

          g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_CODE,
                       /* Translators: %s is the customer code as typed. */
                       _("“%s” cannot be a customer code: use only letters A–Z, digits, “-” and “_”"),
                       quoted);
          return FALSE;
        }
    }

  return TRUE;
}
