/* rapport-url.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-url"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "rapport-text.h"
#include "rapport-url.h"
#include "rapport-validation.h"

static gboolean
has_scheme (const char *text)
{
  return g_ascii_strncasecmp (text, "http://", 7) == 0 ||
         g_ascii_strncasecmp (text, "https://", 8) == 0;
}

static gboolean
is_valid_host (const char *host)
{
  gsize length;

  if (host == NULL || host[0] == '\0')
    return FALSE;
  if (g_hostname_is_ip_address (host) || g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  length = strlen (host);
  if (strchr (host, '.') == NULL || host[0] == '.' || host[length - 1] == '.' ||
      strstr (host, "..") != NULL)
    return FALSE;

  for (const char *p = host; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 ? !(g_ascii_isalnum (c) || c == '-' || c == '.')
                   : !g_unichar_isalnum (c))
        return FALSE;
    }

  return TRUE;
}

/**
 * rapport_url_normalize:
 * @input: (nullable): a web address as typed
 * @out_normalized: (out) (optional): the address, trimmed
 * @error: return location for a #RAPPORT_VALIDATION_ERROR
 *
 * Returns: %TRUE if @input is a web address
 */
gboolean
rapport_url_normalize (const char  *input,
                       char       **out_normalized,
                       GError     **error)
{
  g_autofree char *normalized = rapport_text_normalize (input);
  g_autofree char *full = NULL;
  g_autoptr (GUri) uri = NULL;

  if (normalized[0] == '\0')
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_URL,
                           _("Enter a web address"));
      return FALSE;
    }

  full = has_scheme (normalized) ? g_strdup (normalized)
                                 : g_strconcat ("https://", normalized, NULL);
  if (strchr (normalized, ' ') == NULL)
    uri = g_uri_parse (full, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_PARSE_RELAXED, NULL);

  /* A user name before the host ("mailto:wang@example.com" read as a web
   * address, "https://bank.example@other.example") is never what was meant. */
  if (uri == NULL || !is_valid_host (g_uri_get_host (uri)) || g_uri_get_userinfo (uri) != NULL ||
      (strstr (normalized, "://") != NULL && !has_scheme (normalized)))
    {
      g_autofree char *quoted = rapport_text_truncate (normalized, 40);

      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_URL,
                   /* Translators: %s is the web address as typed. */
                   _("“%s” is not a web address like example.com"), quoted);
      return FALSE;
    }

  if (out_normalized != NULL)
    *out_normalized = g_steal_pointer (&normalized);

  return TRUE;
}

/**
 * rapport_url_to_launch_uri:
 * @website: (nullable): a customer's website, as stored
 *
 * Returns: (transfer full) (nullable): an http or https URI to open, or %NULL
 *   when @website is not a web address
 */
char *
rapport_url_to_launch_uri (const char *website)
{
  g_autofree char *normalized = NULL;

  if (website == NULL || !rapport_url_normalize (website, &normalized, NULL))
    return NULL;

  if (has_scheme (normalized))
    return g_steal_pointer (&normalized);

  return g_strconcat ("https://", normalized, NULL);
}
