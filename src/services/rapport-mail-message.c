/* rapport-mail-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-mail-message"

#include "config.h"

#include <glib/gi18n.h>
#include <idn2.h>
#include <string.h>

#include "rapport-mail-message.h"
#include "rapport-text.h"

#define MAX_LINE 76
/* "=?UTF-8?B?" + 52 base64 characters (39 bytes) + "?=" = 64 characters:
 * "Subject: " and one word fit a 76-column line. */
#define WORD_BYTES 39

static gboolean
invalid_address (GError    **error,
                 const char *shown,
                 const char *why)
{
  g_autofree char *quoted = rapport_text_truncate (shown, 60);
  GString *printable = g_string_new (NULL);

  /* Line breaks shown, so the message stays one line. */
  for (const char *p = quoted; *p != '\0'; p++)
    {
      if (*p == '\r')
        g_string_append (printable, "\\r");
      else if (*p == '\n')
        g_string_append (printable, "\\n");
      else
        g_string_append_c (printable, *p);
    }

  g_set_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_INVALID_ADDRESS,
               /* Translators: the first %s is an address, the second says what is wrong with it. */
               _("“%s” cannot be sent to: %s"), printable->str, why);
  g_string_free (printable, TRUE);
  return FALSE;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name == NULL)
    return TRUE;

  if (!g_utf8_validate (name, -1, NULL))
    return invalid_address (error, "", _("the name is not valid text"));
  if (strpbrk (name, "\r\n") != NULL)
    return invalid_address (error, name, _("the name has a line break"));

  return TRUE;
}

char *
rapport_mail_address_to_ascii (const char  *address,
                               GError     **error)
{
  const char *at;
  g_autofree char *local = NULL;
  g_autofree char *domain = NULL;
  char *ascii_domain = NULL;
  char *result;
  int rc;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (address == NULL || address[0] == '\0')
    {
      g_set_error_literal (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_INVALID_ADDRESS,
                           _("There is no e-mail address to send to"));
      return NULL;
    }

  if (!g_utf8_validate (address, -1, NULL))
    {
      invalid_address (error, "", _("it is not valid text"));
      return NULL;
    }

  /* Each of these could end the address early or start another header,
   * recipient or encoded word. */
  if (strpbrk (address, "\r\n") != NULL)
    {
      invalid_address (error, address, _("it has a line break"));
      return NULL;
    }
  if (strpbrk (address, ",;") != NULL)
    {
      invalid_address (error, address, _("it has a comma or semicolon (one address at a time)"));
      return NULL;
    }
  if (strpbrk (address, "<>\"()[]\\ \t") != NULL)
    {
      invalid_address (error, address, _("it has a space, quote, bracket or angle bracket"));
      return NULL;
    }
  if (strstr (address, "=?") != NULL)
    {
      invalid_address (error, address, _("it has “=?”"));
      return NULL;
    }

  at = strrchr (address, '@');
  if (at == NULL || at == address || at[1] == '\0' || strchr (address, '@') != at)
    {
      invalid_address (error, address, _("it is not of the form name@domain"));
      return NULL;
    }

  local = g_strndup (address, at - address);
  domain = g_strdup (at + 1);

  for (const char *p = local; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || g_ascii_iscntrl (*p))
      {
        invalid_address (error, address,
                         _("the part before the @ has letters other than Latin ones, which mail servers do not all accept"));
        return NULL;
      }

  rc = idn2_to_ascii_8z (domain, &ascii_domain, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
  if (rc != IDN2_OK)
    {
      invalid_address (error, address, _("its domain is not a valid domain name"));
      return NULL;
    }

  if (strchr (ascii_domain, '.') == NULL || ascii_domain[0] == '.')
    {
      idn2_free (ascii_domain);
      invalid_address (error, address, _("its domain is not a valid domain name"));
      return NULL;
    }

  result = g_strconcat (local, "@", ascii_domain, NULL);
  idn2_free (ascii_domain);
  return result;
}

static gboolean
needs_encoding (const char *text)
{
  if (strstr (text, "=?") != NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || g_ascii_iscntrl (*p))
      return TRUE;

  /* A word too long to fold is encoded, so it can be split. */
  {
    g_auto (GStrv) words = g_strsplit (text, " ", -1);

    for (guint i = 0; words[i] != NULL; i++)
      if (strlen (words[i]) > 60)
        return TRUE;
  }

  return FALSE;
}

char *
rapport_mail_encode_words (const char *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (!needs_encoding (text))
    return g_strdup (text);

  out = g_string_new (NULL);
  p = text;
  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *encoded = NULL;

      /* Whole characters only: an encoded word must decode on its own. */
      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if (next - p > WORD_BYTES)
            break;
          end = next;
        }

      encoded = g_base64_encode ((const guchar *) p, end - p);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "=?UTF-8?B?%s?=", encoded);
      p = end;
    }

  return g_string_free (out, FALSE);
}

/* "Name: " + the space-separated tokens of @value, folded before a token
 * that would pass 76 columns. */
static void
append_header (GString    *message,
               const char *name,
               const char *value)
{
  g_auto (GStrv) tokens = g_strsplit (value, " ", -1);
  gsize line_length;

  g_string_append_printf (message, "%s:", name);
  line_length = strlen (name) + 1;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gsize length = strlen (tokens[i]);

      if (length == 0)
        continue;

      if (line_length + 1 + length > MAX_LINE && line_length > strlen (name) + 1)
        {
          g_string_append (message, "\r\n");
          line_length = 0;
        }

      g_string_append_c (message, ' ');
      g_string_append (message, tokens[i]);
      line_length += 1 + length;
    }

  g_string_append (message, "\r\n");
}

/* A display name as a quoted string (ASCII) or encoded words, never bare. */
static char *
format_mailbox (const char *name,
                const char *address)
{
  g_autofree char *trimmed = name != NULL ? g_strstrip (g_strdup (name)) : NULL;
  g_autofree char *phrase = NULL;

  if (trimmed == NULL || trimmed[0] == '\0')
    return g_strdup_printf ("<%s>", address);

  if (needs_encoding (trimmed))
    {
      phrase = rapport_mail_encode_words (trimmed);
    }
  else
    {
      GString *quoted = g_string_new ("\"");

      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (quoted, '\\');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '"');
      phrase = g_string_free (quoted, FALSE);
    }

  return g_strdup_printf ("%s <%s>", phrase, address);
}

/* RFC 5322 date-time, in English whatever the locale. */
static char *
format_date (GDateTime *date)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  GTimeSpan offset = g_date_time_get_utc_offset (date) / G_TIME_SPAN_MINUTE;
  char sign = offset < 0 ? '-' : '+';

  if (offset < 0)
    offset = -offset;

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                          days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1],
                          g_date_time_get_year (date),
                          g_date_time_get_hour (date),
                          g_date_time_get_minute (date),
                          g_date_time_get_second (date),
                          sign, (int) (offset / 60), (int) (offset % 60));
}

/* The body with CRLF line ends, base64 in 76-column lines. */
static void
append_body (GString    *message,
             const char *body)
{
  GString *canonical = g_string_sized_new (strlen (body) + 16);
  g_autofree char *encoded = NULL;
  gsize length;

  for (const char *p = body; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          if (p[1] == '\n')
            p++;
          g_string_append (canonical, "\r\n");
        }
      else if (*p == '\n')
        g_string_append (canonical, "\r\n");
      else
        g_string_append_c (canonical, *p);
    }

  encoded = g_base64_encode ((const guchar *) canonical->str, canonical->len);
  g_string_free (canonical, TRUE);

  length = strlen (encoded);
  for (gsize i = 0; i < length; i += MAX_LINE)
    {
      g_string_append_len (message, encoded + i, MIN (MAX_LINE, length - i));
      g_string_append (message, "\r\n");
    }
}

char *
rapport_mail_message_build (const RapportMailEnvelope  *env,
                            GError                    **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from_mailbox = NULL;
  g_autofree char *to_mailbox = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *date = NULL;
  g_autofree char *message_id = NULL;
  const char *body;
  GString *message;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (env->date != NULL, NULL);
  g_return_val_if_fail (env->message_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_name (env->from_name, error) || !check_name (env->to_name, error))
    return NULL;

  from = rapport_mail_address_to_ascii (env->from_address, error);
  if (from == NULL)
    return NULL;
  to = rapport_mail_address_to_ascii (env->to_address, error);
  if (to == NULL)
    return NULL;

  body = env->body != NULL ? env->body : "";
  if (!g_utf8_validate (body, -1, NULL) ||
      (env->subject != NULL && !g_utf8_validate (env->subject, -1, NULL)))
    {
      g_set_error_literal (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_PERMANENT,
                           _("The message is not valid text"));
      return NULL;
    }

  /* A line break in a subject becomes a space: it cannot start a header. */
  {
    g_autofree char *one_line = g_strdup (env->subject != NULL ? env->subject : "");

    g_strdelimit (one_line, "\r\n\t", ' ');
    subject = rapport_mail_encode_words (g_strstrip (one_line));
  }

  from_mailbox = format_mailbox (env->from_name, from);
  to_mailbox = format_mailbox (env->to_name, to);
  date = format_date (env->date);
  message_id = g_strdup_printf ("<%s@%s>", env->message_uuid, strrchr (from, '@') + 1);

  message = g_string_new (NULL);
  append_header (message, "From", from_mailbox);
  append_header (message, "To", to_mailbox);
  append_header (message, "Subject", subject);
  append_header (message, "Date", date);
  append_header (message, "Message-ID", message_id);
  g_string_append (message,
                   "MIME-Version: 1.0\r\n"
                   "Content-Type: text/plain; charset=UTF-8\r\n"
                   "Content-Transfer-Encoding: base64\r\n"
                   "\r\n");
  append_body (message, body);

  return g_string_free (message, FALSE);
}
