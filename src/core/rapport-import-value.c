/* rapport-import-value.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-import-value"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "rapport-date.h"
#include "rapport-email.h"
#include "rapport-import-value.h"
#include "rapport-phone.h"
#include "rapport-text.h"
#include "rapport-validation.h"

/* How much of a value a message quotes. */
#define QUOTE_CHARS 40

/* Separators between several values in one cell ("、" "，" "；" are
 * what Chinese input methods type). */
static const char * const list_separators[] = { ",", ";", "/", "\n", "\r", "、", "，", "；", "／", NULL };
static const char * const tag_separators[] = { ",", ";", "，", "；", "、", NULL };

/* NFKC and trimmed; the quick path for ASCII. */
static char *
normalize_text (const char *text)
{
  char *ascii = rapport_text_normalize_ascii (text, FALSE);

  return ascii != NULL ? ascii : rapport_text_normalize (text);
}

char *
rapport_import_clean_cell (const char *cell)
{
  const char *start;
  const char *end;

  if (cell == NULL)
    return g_strdup ("");

  start = cell;
  end = cell + strlen (cell);
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  if (end - start >= 2 && start[0] == '\'' && strchr ("0123456789+-=@", start[1]) != NULL)
    start++;

  return g_strndup (start, end - start);
}

char *
rapport_import_date_from_serial (gint64 serial)
{
  g_autoptr (GDate) date = NULL;

  /* Excel counts 1900-01-01 as 1 and has a 1900-02-29 (60) that never was:
   * from 61 on, day 0 is 1899-12-30. 2958465 is 9999-12-31. */
  if (serial < 1 || serial > 2958465 || serial == 60)
    return NULL;

  date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, (guint) (serial < 60 ? serial : serial - 1));

  return g_strdup_printf ("%04d-%02d-%02d",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

static gboolean
all_digits (const char *text,
            gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Up to three numbers of @text separated by anything but digits, each of
 * at most 4 digits; how many were found. */
static guint
scan_numbers (const char *text,
              const char *separators,
              guint       numbers[3],
              guint       lengths[3])
{
  guint n = 0;
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;
      guint value = 0;

      if (n == 3)
        return 4;
      while (g_ascii_isdigit (*p) && p - start < 5)
        value = value * 10 + (guint) (*p++ - '0');
      if (p == start || p - start > 4)
        return 0;
      numbers[n] = value;
      lengths[n] = (guint) (p - start);
      n++;
      if (*p == '\0')
        break;
      /* One separator (a multi-byte one such as 年 as a whole). */
      if (strchr (separators, *p) != NULL && *p != '\0' && (guchar) *p < 0x80)
        p++;
      else if (g_str_has_prefix (p, "年") || g_str_has_prefix (p, "月"))
        p += strlen ("年");
      else
        return 0;
      if (*p == '\0')
        return 0;
    }

  return n;
}

gboolean
rapport_import_parse_date (const char  *text,
                           char       **out_ymd,
                           GError     **error)
{
  g_autofree char *normalized = normalize_text (text);
  g_autofree char *ymd = NULL;
  g_autofree char *quoted = NULL;
  char *space;
  gsize len;
  guint numbers[3];
  guint lengths[3];

  g_return_val_if_fail (out_ymd != NULL, FALSE);

  /* A date-time: the date part. */
  space = strchr (normalized, ' ');
  if (space != NULL && strchr (space, ':') != NULL)
    *space = '\0';
  if (g_str_has_suffix (normalized, "日") || g_str_has_suffix (normalized, "号"))
    normalized[strlen (normalized) - strlen ("日")] = '\0';
  len = strlen (normalized);

  if (len == 8 && all_digits (normalized, 8))
    {
      ymd = g_strdup_printf ("%.4s-%.2s-%.2s", normalized, normalized + 4, normalized + 6);
    }
  else if ((len == 5 && all_digits (normalized, 5))
           || (len == 7 && all_digits (normalized, 5) && strcmp (normalized + 5, ".0") == 0))
    {
      ymd = rapport_import_date_from_serial (strtol (normalized, NULL, 10));
    }
  else if (scan_numbers (normalized, "-/.", numbers, lengths) == 3)
    {
      if (lengths[0] == 4)
        ymd = g_strdup_printf ("%04u-%02u-%02u", numbers[0], numbers[1], numbers[2]);
      else if (lengths[2] == 4 && numbers[0] > 12)
        ymd = g_strdup_printf ("%04u-%02u-%02u", numbers[2], numbers[1], numbers[0]);
      else if (lengths[2] == 4)
        ymd = g_strdup_printf ("%04u-%02u-%02u", numbers[2], numbers[0], numbers[1]);
    }

  if (ymd != NULL && rapport_date_validate (ymd, NULL))
    {
      *out_ymd = g_steal_pointer (&ymd);
      return TRUE;
    }

  quoted = rapport_text_truncate (normalized, QUOTE_CHARS);
  g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
               _("“%s” is not a date: write it as 2024-03-05"), quoted);
  return FALSE;
}

/* Splits @text on any of @separators (strings), dropping empty parts. */
static GPtrArray *
split_on_any (const char         *text,
              const char * const *separators)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;
  const char *p = text;

  while (TRUE)
    {
      gsize separator_len = 0;

      if (*p != '\0')
        for (guint i = 0; separators[i] != NULL; i++)
          if (g_str_has_prefix (p, separators[i]))
            {
              separator_len = strlen (separators[i]);
              break;
            }

      if (*p == '\0' || separator_len > 0)
        {
          g_autofree char *part = g_strstrip (g_strndup (start, p - start));

          if (part[0] != '\0')
            g_ptr_array_add (parts, g_steal_pointer (&part));
          if (*p == '\0')
            break;
          p += separator_len;
          start = p;
        }
      else
        {
          p++;
        }
    }

  return parts;
}

static void
add_unique (GPtrArray  *values,
            const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return;
  g_ptr_array_add (values, g_strdup (value));
}

static GStrv
steal_strv (GPtrArray *values)
{
  g_ptr_array_add (values, NULL);
  return (GStrv) g_ptr_array_free (values, FALSE);
}

/* A number a numeric cell gave: "13800138000.0" is its digits;
 * "1.38001E+10" lost some (FALSE with a message). */
static gboolean
undo_numeric_cell (const char  *part,
                   char       **out_text,
                   GError     **error)
{
  gsize len = strlen (part);
  const char *e = strpbrk (part, "eE");

  if (e != NULL && e > part && g_ascii_isdigit (part[0]) && (e[1] == '+' || g_ascii_isdigit (e[1])))
    {
      g_autofree char *quoted = rapport_text_truncate (part, QUOTE_CHARS);

      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PHONE,
                   _("“%s” is a number Excel shortened: its last digits are lost. Type the phone number again"),
                   quoted);
      return FALSE;
    }

  if (len > 2 && g_str_has_suffix (part, ".0") && all_digits (part, len - 2))
    *out_text = g_strndup (part, len - 2);
  else
    *out_text = g_strdup (part);
  return TRUE;
}

static gboolean
add_phone (GPtrArray   *phones,
           const char  *part,
           const char  *default_country_code,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;

  if (!undo_numeric_cell (part, &text, error))
    return FALSE;
  if (!rapport_phone_normalize (text, default_country_code, &normalized, error))
    return FALSE;
  add_unique (phones, normalized);
  return TRUE;
}

GStrv
rapport_import_split_phones (const char  *cell,
                             const char  *default_country_code,
                             GError     **error)
{
  g_autoptr (GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) parts = split_on_any (cell != NULL ? cell : "", list_separators);

  /* Split before normalising, which makes line breaks spaces. */
  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *part = normalize_text (g_ptr_array_index (parts, i));
      g_autoptr (GError) whole_error = NULL;
      g_auto (GStrv) words = NULL;
      gboolean words_ok = TRUE;
      g_autoptr (GPtrArray) word_phones = NULL;

      if (add_phone (phones, part, default_country_code, &whole_error))
        continue;

      /* Numbers separated by spaces: each word must be a number of its own. */
      words = g_strsplit_set (part, " \t", -1);
      word_phones = g_ptr_array_new_with_free_func (g_free);
      if (g_strv_length (words) < 2)
        words_ok = FALSE;
      for (guint j = 0; words_ok && words[j] != NULL; j++)
        if (words[j][0] != '\0' && !add_phone (word_phones, words[j], default_country_code, NULL))
          words_ok = FALSE;

      if (!words_ok || word_phones->len < 2)
        {
          g_propagate_error (error, g_steal_pointer (&whole_error));
          return NULL;
        }
      for (guint j = 0; j < word_phones->len; j++)
        add_unique (phones, g_ptr_array_index (word_phones, j));
    }

  return steal_strv (g_steal_pointer (&phones));
}

GStrv
rapport_import_split_emails (const char  *cell,
                             GError     **error)
{
  g_autoptr (GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) parts = split_on_any (cell != NULL ? cell : "", list_separators);

  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *part = normalize_text (g_ptr_array_index (parts, i));
      g_autofree char *address = NULL;
      g_autoptr (GError) whole_error = NULL;
      g_auto (GStrv) words = NULL;

      if (rapport_email_normalize (part, &address, &whole_error))
        {
          add_unique (emails, address);
          continue;
        }

      words = g_strsplit_set (part, " \t", -1);
      if (g_strv_length (words) < 2)
        {
          g_propagate_error (error, g_steal_pointer (&whole_error));
          return NULL;
        }
      for (guint j = 0; words[j] != NULL; j++)
        {
          g_autofree char *word_address = NULL;

          if (words[j][0] == '\0')
            continue;
          if (!rapport_email_normalize (words[j], &word_address, NULL))
            {
              g_propagate_error (error, g_steal_pointer (&whole_error));
              return NULL;
            }
          add_unique (emails, word_address);
        }
    }

  return steal_strv (g_steal_pointer (&emails));
}

GStrv
rapport_import_split_tags (const char  *cell,
                           GError     **error)
{
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) parts = split_on_any (cell != NULL ? cell : "", tag_separators);

  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *tag = normalize_text (g_ptr_array_index (parts, i));

      if (!rapport_name_validate (tag, error))
        return NULL;
      add_unique (tags, tag);
    }

  return steal_strv (g_steal_pointer (&tags));
}
