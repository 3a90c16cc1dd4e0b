/* rapport-phone.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-phone"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-phone.h"
#include "rapport-text.h"
#include "rapport-validation.h"

#define MIN_DIGITS 5
#define MAX_DIGITS 15
#define MAX_EXTENSION_DIGITS 10
#define QUOTE_CHARS 40

/* Lowercase words that start an extension, longest first where one is the
 * prefix of another. */
static const char * const extension_markers[] = {
  ";ext=", "extension", "ext.", "ext=", "ext", "分机号", "分机", "转", "x", "#", ",",
};

/* Two-digit country calling codes; the others are one digit (1, 7) or three. */
static const char two_digit_codes[] =
  "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 "
  "60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98";

static guint
country_code_length (const char *digits)
{
  char prefix[3] = { digits[0], digits[1], '\0' };

  if (digits[0] == '1' || digits[0] == '7')
    return 1;
  if (digits[0] != '\0' && digits[1] != '\0' && strstr (two_digit_codes, prefix) != NULL)
    return 2;

  return 3;
}

#define set_phone_error(error, format, quoted) \
  g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PHONE, \
               format, quoted)

/* The extension digits after @text, if @text is a marker's remainder made of
 * separators and up to MAX_EXTENSION_DIGITS digits. */
static char *
parse_extension (const char *text)
{
  GString *digits = g_string_new (NULL);

  while (*text == ' ' || *text == ':' || *text == '.' || *text == '-' || *text == '=')
    text++;
  for (; *text != '\0'; text++)
    {
      if (g_ascii_isdigit (*text))
        g_string_append_c (digits, *text);
      else if (*text != ' ' && *text != '-')
        break;
    }

  if (*text != '\0' || digits->len == 0 || digits->len > MAX_EXTENSION_DIGITS)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }

  return g_string_free (digits, FALSE);
}

/* Splits @text into the number and its extension (NULL when none). */
static char *
split_extension (const char  *text,
                 char       **extension)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  *extension = NULL;

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      /* An extension follows a number. */
      if (p == lower)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (extension_markers); i++)
        {
          const char *marker = extension_markers[i];
          gsize marker_len;

          /* Most characters start no marker: skip the comparisons. */
          if (marker[0] != *p)
            continue;

          marker_len = strlen (marker);
          if (strncmp (p, marker, marker_len) == 0)
            {
              char *digits = parse_extension (p + marker_len);

              if (digits != NULL)
                {
                  *extension = digits;
                  return g_strndup (text, p - lower);
                }
            }
        }
    }

  return g_strdup (text);
}

static void
remove_all (GString    *string,
            const char *needle)
{
  const char *found;

  while ((found = strstr (string->str, needle)) != NULL)
    g_string_erase (string, found - string->str, strlen (needle));
}

/**
 * rapport_phone_normalize:
 * @input: (nullable): a phone number as typed
 * @default_country_code: (nullable): the country code of numbers typed without
 *   one, digits only ("86"); %NULL for China
 * @out_normalized: (out) (optional): the E.164 number, with ";ext=" and the
 *   extension if it has one
 * @error: return location for a #RAPPORT_VALIDATION_ERROR
 *
 * Returns: %TRUE if @input is a phone number
 */
gboolean
rapport_phone_normalize (const char  *input,
                         const char  *default_country_code,
                         char       **out_normalized,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *number = NULL;
  g_autofree char *quoted = NULL;
  g_autoptr (GString) main_part = NULL;
  g_autoptr (GString) digits = g_string_new (NULL);
  g_autoptr (GString) result = g_string_new ("+");
  const char *country;
  gboolean international = FALSE;
  gboolean seen_digit = FALSE;

  country = default_country_code != NULL ? default_country_code : "86";
  if (country[0] == '+')
    country++;

  text = rapport_text_normalize (input);
  if (text[0] == '\0')
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR,
                           RAPPORT_VALIDATION_ERROR_INVALID_PHONE,
                           _("Enter a phone number"));
      return FALSE;
    }

  quoted = rapport_text_truncate (text, QUOTE_CHARS);
  number = split_extension (text, &extension);
  main_part = g_string_new (number);
  g_strstrip (main_part->str);
  g_string_set_size (main_part, strlen (main_part->str));

  if (main_part->str[0] == '+' || g_str_has_prefix (main_part->str, "00"))
    remove_all (main_part, "(0)");

  for (const char *p = main_part->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c))
        {
          g_string_append_c (digits, (char) c);
          seen_digit = TRUE;
        }
      else if (c == '+' && !seen_digit && !international && digits->len == 0)
        {
          international = TRUE;
        }
      else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/')
        {
          continue;
        }
      else if (g_unichar_isalpha (c))
        {
          /* Translators: %s is the phone number as the user typed it. */
          set_phone_error (error, _("“%s” is not a phone number: it has letters"), quoted);
          return FALSE;
        }
      else
        {
          /* Translators: %s is the phone number as the user typed it. */
          set_phone_error (error, _("“%s” is not a phone number: use only digits, spaces, “-” and “+”"), quoted);
          return FALSE;
        }
    }

  if (!international && g_str_has_prefix (digits->str, "00"))
    {
      international = TRUE;
      g_string_erase (digits, 0, 2);
    }

  /* "8613800138000": a Chinese mobile with its country code but no "+". */
  if (!international && g_str_equal (country, "86") && digits->len == 13 &&
      g_str_has_prefix (digits->str, "861"))
    international = TRUE;

  if (digits->len < MIN_DIGITS)
    {
      /* Translators: %s is the phone number as the user typed it. */
      set_phone_error (error, _("“%s” is too short for a phone number"), quoted);
      return FALSE;
    }
  if (digits->len > MAX_DIGITS)
    {
      /* Translators: %s is the phone number as the user typed it. */
      set_phone_error (error, _("“%s” is too long for a phone number"), quoted);
      return FALSE;
    }

  if (international)
    {
      guint code_length = country_code_length (digits->str);

      if (digits->str[0] == '0')
        {
          /* Translators: %s is the phone number as the user typed it. */
          set_phone_error (error, _("“%s” is not a phone number: no country code starts with 0"), quoted);
          return FALSE;
        }

      /* "+86 0512 …": the trunk 0 is not dialled after a country code (Italy keeps it). */
      if (digits->str[code_length] == '0' && !g_str_has_prefix (digits->str, "39"))
        g_string_erase (digits, code_length, 1);
      g_string_append (result, digits->str);
    }
  else
    {
      const char *national = digits->str;

      if (g_str_equal (country, "86"))
        {
          if (national[0] == '0')
            national++;
          else if (!(digits->len == 11 && national[0] == '1') &&
                   (digits->len == 7 || digits->len == 8))
            {
              /* Translators: %s is the phone number as the user typed it. */
              set_phone_error (error, _("“%s” needs its area code, like 0512 6688 1234"), quoted);
              return FALSE;
            }
        }
      else if (g_str_equal (country, "1"))
        {
          if (digits->len == 11 && national[0] == '1')
            national++;
        }
      else if (national[0] == '0' && !g_str_equal (country, "39"))
        {
          national++;
        }

      g_string_append (result, country);
      g_string_append (result, national);

      if (result->len - 1 > MAX_DIGITS)
        {
          set_phone_error (error, _("“%s” is too long for a phone number"), quoted);
          return FALSE;
        }
    }

  if (extension != NULL)
    {
      g_string_append (result, ";ext=");
      g_string_append (result, extension);
    }

  if (out_normalized != NULL)
    *out_normalized = g_string_free (g_steal_pointer (&result), FALSE);

  return TRUE;
}

typedef struct
{
  char *country;
  char *national;
  char *extension;
} Parsed;

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->country, g_free);
  g_clear_pointer (&parsed->national, g_free);
  g_clear_pointer (&parsed->extension, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parsed, parsed_clear)

static gboolean
parse_normalized (const char *normalized,
                  Parsed     *parsed)
{
  const char *ext;
  const char *end;
  guint code_length;

  if (normalized == NULL || normalized[0] != '+')
    return FALSE;

  ext = strstr (normalized, ";ext=");
  end = ext != NULL ? ext : normalized + strlen (normalized);
  if (end - normalized - 1 < MIN_DIGITS)
    return FALSE;
  for (const char *p = normalized + 1; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  code_length = country_code_length (normalized + 1);
  parsed->country = g_strndup (normalized + 1, code_length);
  parsed->national = g_strndup (normalized + 1 + code_length, end - normalized - 1 - code_length);
  parsed->extension = ext != NULL ? g_strdup (ext + strlen (";ext=")) : NULL;

  return TRUE;
}

/* Appends @digits in groups of the given sizes, the last group taking the rest. */
static void
append_groups (GString    *out,
               const char *digits,
               const guint *sizes,
               guint       n_sizes)
{
  gsize length = strlen (digits);
  gsize offset = 0;

  for (guint i = 0; i < n_sizes && offset < length; i++)
    {
      gsize size = i + 1 == n_sizes ? length - offset : MIN (sizes[i], length - offset);

      if (offset > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, digits + offset, size);
      offset += size;
    }
}

/* Groups of four from the end, the first group two to five digits long:
 * "2079460958" → "20 7946 0958". */
static void
append_generic (GString    *out,
                const char *digits)
{
  gsize length = strlen (digits);
  gsize head = length % 4;

  if (length <= 5)
    {
      g_string_append (out, digits);
      return;
    }
  if (head < 2)
    head += 4;

  g_string_append_len (out, digits, head);
  for (gsize offset = head; offset < length; offset += 4)
    {
      g_string_append_c (out, ' ');
      g_string_append_len (out, digits + offset, 4);
    }
}

static gboolean
is_chinese_mobile (const char *national)
{
  return strlen (national) == 11 && national[0] == '1';
}

/* Area codes 10 and 20–29 have two digits, the others three. */
static guint
chinese_area_code_length (const char *national)
{
  return national[0] == '1' || national[0] == '2' ? 2 : 3;
}

static void
append_chinese (GString    *out,
                const char *national,
                gboolean    with_trunk)
{
  static const guint mobile[] = { 3, 4, 4 };
  static const guint service[] = { 3, 3, 4 };
  gsize length = strlen (national);

  if (is_chinese_mobile (national))
    {
      append_groups (out, national, mobile, G_N_ELEMENTS (mobile));
    }
  else if (length == 10 && (g_str_has_prefix (national, "400") || g_str_has_prefix (national, "800")))
    {
      append_groups (out, national, service, G_N_ELEMENTS (service));
    }
  else if (length >= 9 && length <= 11)
    {
      guint area = chinese_area_code_length (national);
      const char *subscriber = national + area;
      gsize subscriber_length = length - area;

      if (with_trunk)
        g_string_append_c (out, '0');
      g_string_append_len (out, national, area);
      g_string_append_c (out, ' ');
      g_string_append_len (out, subscriber, subscriber_length - 4);
      g_string_append_c (out, ' ');
      g_string_append (out, subscriber + subscriber_length - 4);
    }
  else
    {
      append_generic (out, national);
    }
}

static void
append_north_american (GString    *out,
                       const char *national)
{
  static const guint groups[] = { 3, 3, 4 };

  if (strlen (national) == 10)
    append_groups (out, national, groups, G_N_ELEMENTS (groups));
  else
    append_generic (out, national);
}

/**
 * rapport_phone_format:
 * @normalized: a number from rapport_phone_normalize()
 * @default_country_code: (nullable): the user's country code, digits only;
 *   %NULL for China
 *
 * Returns: (transfer full): the number for display
 */
char *
rapport_phone_format (const char *normalized,
                      const char *default_country_code)
{
  g_auto (Parsed) parsed = { NULL };
  g_autoptr (GString) out = g_string_new (NULL);
  const char *country = default_country_code != NULL ? default_country_code : "86";

  if (country[0] == '+')
    country++;

  if (!parse_normalized (normalized, &parsed))
    return g_strdup (normalized != NULL ? normalized : "");

  if (g_str_equal (parsed.country, country) && g_str_equal (country, "86"))
    {
      append_chinese (out, parsed.national, TRUE);
    }
  else if (g_str_equal (parsed.country, country) && g_str_equal (country, "1"))
    {
      append_north_american (out, parsed.national);
    }
  else
    {
      g_string_append_printf (out, "+%s ", parsed.country);
      if (g_str_equal (parsed.country, "86"))
        append_chinese (out, parsed.national, FALSE);
      else if (g_str_equal (parsed.country, "1"))
        append_north_american (out, parsed.national);
      else
        append_generic (out, parsed.national);
    }

  if (parsed.extension != NULL)
    {
      /* Translators: a phone number with its extension, like
       * "0512 6688 1234 ext. 808"; %1$s is the number, %2$s the extension. */
      return g_strdup_printf (_("%1$s ext. %2$s"), out->str, parsed.extension);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rapport_phone_search_digits:
 * @normalized: a number from rapport_phone_normalize()
 *
 * Returns: (transfer full): the digit strings to search in, NULL-terminated;
 *   empty if @normalized is not a normalised number
 */
char **
rapport_phone_search_digits (const char *normalized)
{
  g_auto (Parsed) parsed = { NULL };
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (parse_normalized (normalized, &parsed))
    {
      g_autofree char *international = g_strconcat (parsed.country, parsed.national, NULL);

      g_strv_builder_add (builder, international);

      /* Numbers dialled at home with a trunk 0 (not North America's, not
       * Chinese mobiles) are also typed that way. */
      if (!g_str_equal (parsed.country, "1") && !g_str_equal (parsed.country, "39") &&
          !(g_str_equal (parsed.country, "86") && is_chinese_mobile (parsed.national)))
        {
          g_autofree char *trunk = g_strconcat ("0", parsed.national, NULL);

          g_strv_builder_add (builder, trunk);
        }
    }

  return g_strv_builder_end (builder);
}

static char *
phone_to_uri (const char *scheme,
              const char *normalized,
              gboolean    with_extension)
{
  g_auto (Parsed) parsed = { 0 };
  GString *uri;

  if (!parse_normalized (normalized, &parsed))
    return NULL;

  uri = g_string_new (scheme);
  g_string_append_c (uri, '+');
  g_string_append (uri, parsed.country);
  g_string_append (uri, parsed.national);

  /* Only digits go on: anything else after ";ext=" is not a number to dial. */
  if (with_extension && parsed.extension != NULL && parsed.extension[0] != '\0' &&
      strspn (parsed.extension, "0123456789") == strlen (parsed.extension))
    {
      g_string_append (uri, ";ext=");
      g_string_append (uri, parsed.extension);
    }

  return g_string_free (uri, FALSE);
}

/**
 * rapport_phone_to_tel_uri:
 * @normalized: (nullable): an E.164 number from rapport_phone_normalize()
 *
 * Returns: (transfer full) (nullable): the "tel:" URI that calls it
 */
char *
rapport_phone_to_tel_uri (const char *normalized)
{
  return phone_to_uri ("tel:", normalized, TRUE);
}

/**
 * rapport_phone_to_sms_uri:
 * @normalized: (nullable): an E.164 number from rapport_phone_normalize()
 *
 * Returns: (transfer full) (nullable): the "sms:" URI that writes to it
 */
char *
rapport_phone_to_sms_uri (const char *normalized)
{
  return phone_to_uri ("sms:", normalized, FALSE);
}
