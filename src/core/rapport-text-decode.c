/* rapport-text-decode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-text-decode.h"

#include <glib/gi18n.h>
#include <string.h>

static const char *const encoding_keys[] = {
  [RAPPORT_ENCODING_UTF8] = "utf-8",
  [RAPPORT_ENCODING_UTF16LE] = "utf-16le",
  [RAPPORT_ENCODING_UTF16BE] = "utf-16be",
  [RAPPORT_ENCODING_GB18030] = "gb18030",
};

/* The names iconv knows them by. */
static const char *const encoding_charsets[] = {
  [RAPPORT_ENCODING_UTF8] = "UTF-8",
  [RAPPORT_ENCODING_UTF16LE] = "UTF-16LE",
  [RAPPORT_ENCODING_UTF16BE] = "UTF-16BE",
  [RAPPORT_ENCODING_GB18030] = "GB18030",
};

const char *
rapport_encoding_to_string (RapportEncoding encoding)
{
  g_return_val_if_fail (encoding <= RAPPORT_ENCODING_GB18030, NULL);

  return encoding_keys[encoding];
}

gboolean
rapport_encoding_from_string (const char      *key,
                              RapportEncoding *encoding)
{
  g_return_val_if_fail (encoding != NULL, FALSE);

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (encoding_keys); i++)
    {
      if (g_strcmp0 (key, encoding_keys[i]) == 0)
        {
          *encoding = (RapportEncoding) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rapport_encoding_get_label (RapportEncoding encoding)
{
  switch (encoding)
    {
    case RAPPORT_ENCODING_UTF8:
      return _("Unicode (UTF-8)");
    case RAPPORT_ENCODING_UTF16LE:
      return _("Unicode (UTF-16 little-endian)");
    case RAPPORT_ENCODING_UTF16BE:
      return _("Unicode (UTF-16 big-endian)");
    case RAPPORT_ENCODING_GB18030:
      return _("Chinese Simplified (GBK/GB18030)");
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
has_prefix (const char *data,
            gsize       len,
            const char *prefix,
            gsize       prefix_len)
{
  return len >= prefix_len && memcmp (data, prefix, prefix_len) == 0;
}

#define UTF8_BOM "\xEF\xBB\xBF"
#define UTF16LE_BOM "\xFF\xFE"
#define UTF16BE_BOM "\xFE\xFF"

/* How many bytes to look at for BOM-less UTF-16: text of any script has a zero
 * byte in most of its ASCII characters (digits, separators, line breaks). */
#define UTF16_SAMPLE_BYTES 4096

/* Whether the UTF-8 sequence at @end (where validation of @data stopped) is
 * good but cut off by the end of @data: a truncated UTF-8 file, not GBK. */
static gboolean
utf8_cut_off_at (const char *data,
                 gsize       len,
                 const char *end)
{
  gsize rest = (gsize) (end - data);

  return end != NULL && rest < len && len - rest < 4 &&
    g_utf8_get_char_validated (end, (gssize) (len - rest)) == (gunichar) -2;
}

RapportEncoding
rapport_encoding_detect (const char *data,
                         gsize       len)
{
  const char *end = NULL;
  gsize sample;
  gsize zeros_even = 0;
  gsize zeros_odd = 0;

  g_return_val_if_fail (data != NULL || len == 0, RAPPORT_ENCODING_UTF8);

  if (has_prefix (data, len, UTF8_BOM, 3))
    return RAPPORT_ENCODING_UTF8;
  if (has_prefix (data, len, UTF16LE_BOM, 2))
    return RAPPORT_ENCODING_UTF16LE;
  if (has_prefix (data, len, UTF16BE_BOM, 2))
    return RAPPORT_ENCODING_UTF16BE;

  sample = MIN (len, UTF16_SAMPLE_BYTES) & ~(gsize) 1;
  for (gsize i = 0; i < sample; i += 2)
    {
      zeros_even += data[i] == 0;
      zeros_odd += data[i + 1] == 0;
    }
  if (sample >= 2 && zeros_odd > sample / 8 && zeros_even == 0)
    return RAPPORT_ENCODING_UTF16LE;
  if (sample >= 2 && zeros_even > sample / 8 && zeros_odd == 0)
    return RAPPORT_ENCODING_UTF16BE;

  if (g_utf8_validate_len (data, len, &end) || utf8_cut_off_at (data, len, end))
    return RAPPORT_ENCODING_UTF8;

  return RAPPORT_ENCODING_GB18030;
}

static guint
count_lines (const char *text,
             gsize       len)
{
  guint lines = 1;

  for (const char *p = memchr (text, '\n', len); p != NULL;
       p = memchr (p + 1, '\n', len - (gsize) (p + 1 - text)))
    lines++;

  return lines;
}

/* The line (from 1) holding byte @offset of @data in @encoding: the text before
 * it converted cleanly, so its line breaks are counted in UTF-8. */
static guint
line_at_offset (const char      *data,
                gsize            offset,
                RapportEncoding  encoding)
{
  g_autofree char *before = NULL;
  gsize before_len = 0;

  if (encoding == RAPPORT_ENCODING_UTF8)
    return offset == 0 ? 1 : count_lines (data, offset);

  before = g_convert (data, (gssize) offset, "UTF-8", encoding_charsets[encoding],
                      NULL, &before_len, NULL);
  return before != NULL && before_len > 0 ? count_lines (before, before_len) : 1;
}

static void
set_decode_error (GError          **error,
                  GConvertError     code,
                  RapportEncoding   encoding,
                  guint             line)
{
  if (code == G_CONVERT_ERROR_PARTIAL_INPUT)
    g_set_error (error, G_CONVERT_ERROR, code,
                 /* Translators: %s is an encoding such as "Unicode (UTF-8)". */
                 _("The file ends in the middle of a character on line %u: it is cut off, or it is not in %s."),
                 line, rapport_encoding_get_label (encoding));
  else
    g_set_error (error, G_CONVERT_ERROR, code,
                 /* Translators: %s is an encoding such as "Unicode (UTF-8)". */
                 _("Line %u has characters that are not valid in %s: choose another encoding."),
                 line, rapport_encoding_get_label (encoding));
}

/* GB18030 decodes nearly any bytes, so UTF-8 lines inside a GBK file would
 * come out as mojibake: they are found first. A line counts as UTF-8 when it
 * is valid UTF-8 with at least this many characters of three or four bytes
 * (Chinese ones are three). Many GBK characters are valid two-byte UTF-8 by
 * themselves (lead 0xC2–0xDF, trail 0x80–0xBF), longer runs almost never. */
#define MIXED_UTF8_MIN_WIDE_CHARS 4

static gboolean
find_mixed_lines (const char *data,
                  gsize       len,
                  guint      *utf8_line,
                  guint      *other_line)
{
  const char *end = data + len;
  guint line = 1;

  *utf8_line = 0;
  *other_line = 0;
  for (const char *start = data; start < end; line++)
    {
      const char *newline = memchr (start, '\n', (gsize) (end - start));
      const char *stop = newline != NULL ? newline : end;
      gsize non_ascii = 0;
      gsize wide_leads = 0;

      for (const char *p = start; p < stop; p++)
        {
          non_ascii += (guchar) *p >= 0x80;
          wide_leads += (guchar) *p >= 0xE0;
        }
      if (non_ascii > 0)
        {
          if (!g_utf8_validate_len (start, (gsize) (stop - start), NULL))
            *other_line = *other_line != 0 ? *other_line : line;
          else if (wide_leads >= MIXED_UTF8_MIN_WIDE_CHARS)
            *utf8_line = *utf8_line != 0 ? *utf8_line : line;
        }
      if (*utf8_line != 0 && *other_line != 0)
        return TRUE;
      start = stop + 1;
    }

  return FALSE;
}

char *
rapport_text_decode (const char       *data,
                     gsize             len,
                     RapportEncoding   encoding,
                     gsize            *out_len,
                     GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  gsize written = 0;
  guint utf8_line = 0;
  guint other_line = 0;
  char *text;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (encoding <= RAPPORT_ENCODING_GB18030, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (encoding == RAPPORT_ENCODING_UTF8)
    {
      const char *end = NULL;

      if (has_prefix (data, len, UTF8_BOM, 3))
        {
          data += 3;
          len -= 3;
        }
      if (!g_utf8_validate_len (data, len, &end))
        {
          set_decode_error (error,
                            utf8_cut_off_at (data, len, end)
                            ? G_CONVERT_ERROR_PARTIAL_INPUT : G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                            encoding, line_at_offset (data, (gsize) (end - data), encoding));
          return NULL;
        }
      if (out_len != NULL)
        *out_len = len;
      return g_strndup (data, len);
    }

  if ((encoding == RAPPORT_ENCODING_UTF16LE && has_prefix (data, len, UTF16LE_BOM, 2)) ||
      (encoding == RAPPORT_ENCODING_UTF16BE && has_prefix (data, len, UTF16BE_BOM, 2)))
    {
      data += 2;
      len -= 2;
    }
  /* A UTF-8 mark on GBK text (a wrong declaration) is no text of the file. */
  if (encoding == RAPPORT_ENCODING_GB18030 && has_prefix (data, len, UTF8_BOM, 3))
    {
      data += 3;
      len -= 3;
    }
  if (encoding == RAPPORT_ENCODING_GB18030 && find_mixed_lines (data, len, &utf8_line, &other_line))
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   _("The file mixes encodings: line %u is in Unicode (UTF-8) and line %u is not. Save it again in one encoding."),
                   utf8_line, other_line);
      return NULL;
    }
  if (len == 0)
    {
      if (out_len != NULL)
        *out_len = 0;
      return g_strdup ("");
    }

  text = g_convert (data, (gssize) len, "UTF-8", encoding_charsets[encoding],
                    &bytes_read, &written, &local_error);
  /* With bytes_read asked for, a character cut off at the end is no error. */
  if (text != NULL && bytes_read < len)
    {
      g_clear_pointer (&text, g_free);
      g_set_error_literal (&local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT, "");
    }
  if (text == NULL)
    {
      GConvertError code = g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT)
        ? G_CONVERT_ERROR_PARTIAL_INPUT : G_CONVERT_ERROR_ILLEGAL_SEQUENCE;

      if (!g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT) &&
          !g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      set_decode_error (error, code, encoding, line_at_offset (data, bytes_read, encoding));
      return NULL;
    }

  if (out_len != NULL)
    *out_len = written;
  return text;
}
