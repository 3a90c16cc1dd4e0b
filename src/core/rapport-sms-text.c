/* rapport-sms-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-sms-text"

#include "config.h"

#include <string.h>

#include "rapport-sms-text.h"
#include "rapport-text.h"

#define GSM_SINGLE 160
#define GSM_PART 153
#define UCS2_SINGLE 70
#define UCS2_PART 67

#define UNSUBSCRIBE_TEXT "拒收请回复R"

/* GSM 03.38's basic character set beyond printable ASCII, and the printable
 * ASCII characters it lacks. */
static const gunichar gsm_basic_extra[] = {
  0x00A3, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7, 0x00D8, 0x00F8,
  0x00C5, 0x00E5, 0x0394, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, 0x03A3,
  0x0398, 0x039E, 0x00C6, 0x00E6, 0x00DF, 0x00C9, 0x00A4, 0x00A1, 0x00C4, 0x00D6,
  0x00D1, 0x00DC, 0x00A7, 0x00BF, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
};
static const char gsm_ascii_missing[] = "`[\\]^{|}~";
static const gunichar gsm_extension[] = {
  0x000C, '^', '{', '}', '\\', '[', '~', ']', '|', 0x20AC,
};

static gboolean
in_list (gunichar        c,
         const gunichar *list,
         gsize           length)
{
  for (gsize i = 0; i < length; i++)
    if (list[i] == c)
      return TRUE;

  return FALSE;
}

static gboolean
is_gsm_basic (gunichar c)
{
  if (c == '\n' || c == '\r')
    return TRUE;
  if (c >= 0x20 && c < 0x7F)
    return strchr (gsm_ascii_missing, (int) c) == NULL;

  return in_list (c, gsm_basic_extra, G_N_ELEMENTS (gsm_basic_extra));
}

static gboolean
is_gsm_extension (gunichar c)
{
  return in_list (c, gsm_extension, G_N_ELEMENTS (gsm_extension));
}

void
rapport_sms_text_measure (const char *text,
                          guint      *out_characters,
                          guint      *out_segments,
                          guint      *out_per_segment)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  guint code_points = 0;
  guint septets = 0;
  gboolean gsm = TRUE;
  guint characters, single, part, segments;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      code_points++;
      if (is_gsm_basic (c))
        septets += 1;
      else if (is_gsm_extension (c))
        septets += 2;
      else
        gsm = FALSE;
    }

  characters = gsm ? septets : code_points;
  single = gsm ? GSM_SINGLE : UCS2_SINGLE;
  part = gsm ? GSM_PART : UCS2_PART;

  if (characters == 0)
    segments = 0;
  else if (characters <= single)
    segments = 1;
  else
    segments = (characters + part - 1) / part;

  if (out_characters != NULL)
    *out_characters = characters;
  if (out_segments != NULL)
    *out_segments = segments;
  if (out_per_segment != NULL)
    *out_per_segment = segments > 1 ? part : single;
}

const char *
rapport_sms_unsubscribe_text (void)
{
  return UNSUBSCRIBE_TEXT;
}

/* NFKC folds full-width letters to ASCII; then spaces go and letters fold case. */
static char *
fold_for_match (const char *text)
{
  g_autofree char *normalized = rapport_text_normalize (text);
  g_autoptr (GString) folded = g_string_new (NULL);

  for (const char *p = normalized; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (folded, g_ascii_tolower (*p));

  return g_string_free (g_steal_pointer (&folded), FALSE);
}

gboolean
rapport_sms_text_has_unsubscribe (const char *text)
{
  g_autofree char *folded_text = NULL;
  g_autofree char *folded_notice = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  folded_text = fold_for_match (text);
  folded_notice = fold_for_match (UNSUBSCRIBE_TEXT);

  return strstr (folded_text, folded_notice) != NULL;
}

char *
rapport_sms_text_add_unsubscribe (const char *text)
{
  const char *last;
  gunichar c;

  if (text == NULL || *text == '\0')
    return g_strdup (UNSUBSCRIBE_TEXT);
  if (rapport_sms_text_has_unsubscribe (text))
    return g_strdup (text);

  last = g_utf8_find_prev_char (text, text + strlen (text));
  c = last != NULL ? g_utf8_get_char_validated (last, -1) : (gunichar) -1;
  if (c != (gunichar) -1 && c != (gunichar) -2 && (g_unichar_isspace (c) || g_unichar_ispunct (c)))
    return g_strconcat (text, UNSUBSCRIBE_TEXT, NULL);

  return g_strconcat (text, " ", UNSUBSCRIBE_TEXT, NULL);
}
