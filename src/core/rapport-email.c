/* rapport-email.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-email"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-email.h"
#include "rapport-text.h"
#include "rapport-validation.h"

#define MAX_LOCAL_LENGTH 64
#define MAX_LENGTH 254
#define MAX_LABEL_LENGTH 63
#define QUOTE_CHARS 40

#define set_email_error(error, format, quoted) \
  g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_EMAIL, \
               format, quoted)

static gboolean
is_local_char (gunichar c)
{
  if (c >= 0x80)
    return g_unichar_isalnum (c) || g_unichar_ismark (c);

  return g_ascii_isalnum (c) || strchr ("!#$%&'*+/=?^_`{|}~.-", (int) c) != NULL;
}

static gboolean
is_valid_local_part (const char *local,
                     gsize       length)
{
  if (length == 0 || local[0] == '.' || local[length - 1] == '.')
    return FALSE;

  for (const char *p = local; p < local + length; p = g_utf8_next_char (p))
    {
      if (!is_local_char (g_utf8_get_char (p)))
        return FALSE;
      if (p[0] == '.' && p[1] == '.')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_valid_domain (const char *domain)
{
  g_auto (GStrv) labels = g_strsplit (domain, ".", -1);
  guint n_labels = g_strv_length (labels);
  const char *top;
  gboolean all_digits = TRUE;

  if (n_labels < 2)
    return FALSE;

  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = labels[i];
      gsize length = strlen (label);

      if (length == 0 || length > MAX_LABEL_LENGTH)
        return FALSE;
      if (label[0] == '-' || label[length - 1] == '-')
        return FALSE;

      for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c >= 0x80 ? !(g_unichar_isalnum (c) || g_unichar_ismark (c))
                        : !(g_ascii_isalnum (c) || c == '-'))
            return FALSE;
        }
    }

  /* The top-level domain has letters: "a@1.2" is not an address. */
  top = labels[n_labels - 1];
  for (const char *p = top; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        all_digits = FALSE;
    }

  return !all_digits && g_utf8_strlen (top, -1) >= 2;
}

/**
 * rapport_email_normalize:
 * @input: (nullable): an e-mail address as typed
 * @out_normalized: (out) (optional): the normalised address
 * @error: return location for a #RAPPORT_VALIDATION_ERROR
 *
 * Returns: %TRUE if @input is an e-mail address
 */
gboolean
rapport_email_normalize (const char  *input,
                         char       **out_normalized,
                         GError     **error)
{
  g_autofree char *normalized = rapport_text_normalize (input);
  g_autofree char *address = NULL;
  g_autofree char *quoted = NULL;
  const char *at;

  /* "Wang Wei <wang@example.com>", as mail programs copy an address. */
  if (g_str_has_suffix (normalized, ">") && strchr (normalized, '<') != NULL)
    {
      const char *open = strrchr (normalized, '<');
      g_autofree char *inner = g_strndup (open + 1, strlen (open + 1) - 1);

      g_free (normalized);
      normalized = rapport_text_normalize (inner);
    }

  if (normalized[0] == '\0')
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR,
                           RAPPORT_VALIDATION_ERROR_INVALID_EMAIL,
                           _("Enter an e-mail address"));
      return FALSE;
    }

  address = g_utf8_strdown (normalized, -1);
  quoted = rapport_text_truncate (normalized, QUOTE_CHARS);
  at = strchr (address, '@');

  if (strchr (address, ' ') != NULL)
    {
      /* Translators: %s is the e-mail address as the user typed it. */
      set_email_error (error, _("“%s” is not an e-mail address: it has a space"), quoted);
      return FALSE;
    }
  if (at == NULL)
    {
      /* Translators: %s is the e-mail address as the user typed it. */
      set_email_error (error, _("“%s” is not an e-mail address: it has no @"), quoted);
      return FALSE;
    }
  if (strchr (at + 1, '@') != NULL)
    {
      /* Translators: %s is the e-mail address as the user typed it. */
      set_email_error (error, _("“%s” is not an e-mail address: it has more than one @"), quoted);
      return FALSE;
    }
  if (at == address)
    {
      /* Translators: %s is the e-mail address as the user typed it. */
      set_email_error (error, _("“%s” is not an e-mail address: it has nothing before the @"), quoted);
      return FALSE;
    }
  if (g_utf8_strlen (address, -1) > MAX_LENGTH || at - address > MAX_LOCAL_LENGTH)
    {
      /* Translators: %s is the e-mail address as the user typed it. */
      set_email_error (error, _("“%s” is too long for an e-mail address"), quoted);
      return FALSE;
    }
  if (!is_valid_local_part (address, at - address))
    {
      /* Translators: %s is the e-mail address as the user typed it. */
      set_email_error (error, _("“%s” is not an e-mail address: the part before the @ has characters an address cannot have"), quoted);
      return FALSE;
    }
  if (!is_valid_domain (at + 1))
    {
      /* Translators: %s is the e-mail address as the user typed it. */
      set_email_error (error, _("“%s” is not an e-mail address: the part after the @ should be a domain like example.com"), quoted);
      return FALSE;
    }

  if (out_normalized != NULL)
    *out_normalized = g_steal_pointer (&address);

  return TRUE;
}

/**
 * rapport_email_to_mailto_uri:
 * @address: (nullable): an e-mail address
 *
 * Returns: (transfer full) (nullable): "mailto:" and the address, or %NULL
 *   when @address is not an e-mail address
 */
char *
rapport_email_to_mailto_uri (const char *address)
{
  g_autofree char *normalized = NULL;
  g_autofree char *escaped = NULL;

  if (address == NULL || !rapport_email_normalize (address, &normalized, NULL))
    return NULL;

  /* RFC 6068's "some-delims" stay as they are; everything else that is not
   * unreserved (and every byte of a non-ASCII letter) is percent-encoded. */
  escaped = g_uri_escape_string (normalized, "!$'()*+,;:@", FALSE);

  return g_strconcat ("mailto:", escaped, NULL);
}
