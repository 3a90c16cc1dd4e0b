/* rapport-pinyin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-pinyin"

#include "config.h"

#include <string.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "rapport-pinyin.h"
#include "rapport-pinyin-table.h"

typedef struct
{
  gunichar    first;
  gunichar    second;
  const char *first_reading;
  const char *second_reading;
} Word;

/* Two-character words whose characters read otherwise than on their own, common
 * in the names of businesses and places. */
static const Word words[] = {
  { 0x94F6, 0x884C, "yin", "hang" },      /* 银行 */
  { 0x5546, 0x884C, "shang", "hang" },    /* 商行 */
  { 0x8F66, 0x884C, "che", "hang" },      /* 车行 */
  { 0x7434, 0x884C, "qin", "hang" },      /* 琴行 */
  { 0x5206, 0x884C, "fen", "hang" },      /* 分行 */
  { 0x652F, 0x884C, "zhi", "hang" },      /* 支行 */
  { 0x603B, 0x884C, "zong", "hang" },     /* 总行 */
  { 0x884C, 0x4E1A, "hang", "ye" },       /* 行业 */
  { 0x91CD, 0x5E86, "chong", "qing" },    /* 重庆 */
  { 0x897F, 0x85CF, "xi", "zang" },       /* 西藏 */
  { 0x5927, 0x53A6, "da", "sha" },        /* 大厦 */
  { 0x97F3, 0x4E50, "yin", "yue" },       /* 音乐 */
  { 0x4E50, 0x5668, "yue", "qi" },        /* 乐器 */
  { 0x7A7A, 0x8C03, "kong", "tiao" },     /* 空调 */
  { 0x8C03, 0x5473, "tiao", "wei" },      /* 调味 */
  { 0x86CC, 0x57E0, "beng", "bu" },       /* 蚌埠 */
  { 0x516D, 0x5B89, "lu", "an" },         /* 六安 */
  { 0x725B, 0x4ED4, "niu", "zai" },       /* 牛仔 */
  { 0x4E8B, 0x957F, "shi", "zhang" },     /* 事长 (董事长) */
  { 0x6821, 0x957F, "xiao", "zhang" },    /* 校长 */
  { 0x5382, 0x957F, "chang", "zhang" },   /* 厂长 */
  { 0x884C, 0x957F, "hang", "zhang" },    /* 行长 */
};

/* Surnames whose reading differs from the character's usual one, compound
 * surnames first (second == 0 for a single character). */
static const Word surnames[] = {
  { 0x5C09, 0x8FDF, "yu", "chi" },        /* 尉迟 */
  { 0x4E07, 0x4FDF, "mo", "qi" },         /* 万俟 */
  { 0x5355, 0x4E8E, "chan", "yu" },       /* 单于 */
  { 0x957F, 0x5B59, "zhang", "sun" },     /* 长孙 */
  { 0x6FB9, 0x53F0, "tan", "tai" },       /* 澹台 */
  { 0x6B27, 0x9633, "ou", "yang" },       /* 欧阳 */
  { 0x53F8, 0x9A6C, "si", "ma" },         /* 司马 */
  { 0x8BF8, 0x845B, "zhu", "ge" },        /* 诸葛 */
  { 0x4E0A, 0x5B98, "shang", "guan" },    /* 上官 */
  { 0x4E1C, 0x65B9, "dong", "fang" },     /* 东方 */
  { 0x7687, 0x752B, "huang", "fu" },      /* 皇甫 */
  { 0x4EE4, 0x72D0, "ling", "hu" },       /* 令狐 */
  { 0x6155, 0x5BB9, "mu", "rong" },       /* 慕容 */
  { 0x53F8, 0x5F92, "si", "tu" },         /* 司徒 */
  { 0x590F, 0x4FAF, "xia", "hou" },       /* 夏侯 */
  { 0x516C, 0x5B59, "gong", "sun" },      /* 公孙 */
  { 0x5355, 0, "shan", NULL },            /* 单 */
  { 0x66FE, 0, "zeng", NULL },            /* 曾 */
  { 0x89E3, 0, "xie", NULL },             /* 解 */
  { 0x4EC7, 0, "qiu", NULL },             /* 仇 */
  { 0x6734, 0, "piao", NULL },            /* 朴 */
  { 0x533A, 0, "ou", NULL },              /* 区 */
  { 0x67E5, 0, "zha", NULL },             /* 查 */
  { 0x4E50, 0, "yue", NULL },             /* 乐 */
  { 0x76D6, 0, "ge", NULL },              /* 盖 */
  { 0x7F2A, 0, "miao", NULL },            /* 缪 */
  { 0x7FDF, 0, "zhai", NULL },            /* 翟 */
  { 0x79D8, 0, "bi", NULL },              /* 秘 */
  { 0x7E41, 0, "po", NULL },              /* 繁 */
  { 0x79CD, 0, "chong", NULL },           /* 种 */
  { 0x8983, 0, "qin", NULL },             /* 覃 */
  { 0x9697, 0, "wei", NULL },             /* 隗 */
  { 0x5B93, 0, "fu", NULL },              /* 宓 */
  { 0x53EC, 0, "shao", NULL },            /* 召 */
  { 0x53E5, 0, "gou", NULL },             /* 句 */
  { 0x5458, 0, "yun", NULL },             /* 员 */
  { 0x6298, 0, "she", NULL },             /* 折 */
  { 0x8584, 0, "bo", NULL },              /* 薄 */
  { 0x51BC, 0, "xian", NULL },            /* 冼 */
};

static void
end_word (gboolean *in_word)
{
  *in_word = FALSE;
}

static void
append_word (GString    *out,
             const char *word)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, word);
}

static void
append_to_word (GString  *out,
                gboolean *in_word,
                gunichar  c)
{
  if (!*in_word && out->len > 0)
    g_string_append_c (out, ' ');
  *in_word = TRUE;
  if (c < 0x80)
    g_string_append_c (out, (char) c);
  else
    g_string_append_unichar (out, c);
}

static const Word *
find_word (const Word *table,
           gsize       n_entries,
           gunichar    first,
           gunichar    second)
{
  for (gsize i = 0; i < n_entries; i++)
    {
      if (table[i].first == first && (table[i].second == 0 || table[i].second == second))
        return &table[i];
    }

  return NULL;
}

/* The words of @text as rapport_pinyin_full describes them, into @out. */
static void
append_pinyin (GString    *out,
               const char *text,
               gboolean    is_person)
{
  gboolean in_word = FALSE;
  const char *second_reading = NULL;
  const char *p = text;

  if (text == NULL)
    return;

  while (*p == ' ')
    p++;

  if (is_person && *p != '\0')
    {
      gunichar first = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      const Word *surname = find_word (surnames, G_N_ELEMENTS (surnames),
                                       first, g_utf8_get_char (next));

      if (surname != NULL)
        {
          append_word (out, surname->first_reading);
          p = next;
          if (surname->second != 0)
            {
              append_word (out, surname->second_reading);
              p = g_utf8_next_char (p);
            }
        }
    }

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p;
      const char *syllable;

      if (c < 0x80)
        {
          second_reading = NULL;
          if (g_ascii_isalnum (c))
            append_to_word (out, &in_word, g_ascii_tolower (c));
          else if (c != '\'')
            end_word (&in_word);
          continue;
        }

      c = g_utf8_get_char (p);

      /* Full-width ASCII, as an input method in full-width mode types it. */
      if (c >= 0xFF01 && c <= 0xFF5E)
        {
          c -= 0xFEE0;
          second_reading = NULL;
          if (g_ascii_isalnum (c))
            append_to_word (out, &in_word, g_ascii_tolower (c));
          else if (c != '\'')
            end_word (&in_word);
          continue;
        }

      if (c == 0x2019)   /* ’ inside a word, like ' */
        continue;

      syllable = _rapport_pinyin_table_lookup (c);
      if (syllable != NULL)
        {
          end_word (&in_word);
          if (second_reading != NULL)
            {
              append_word (out, second_reading);
              second_reading = NULL;
            }
          else
            {
              const char *next = g_utf8_next_char (p);
              const Word *word = find_word (words, G_N_ELEMENTS (words), c,
                                            *next != '\0' ? g_utf8_get_char (next) : 0);

              if (word != NULL)
                {
                  syllable = word->first_reading;
                  second_reading = word->second_reading;
                }
              append_word (out, syllable);
            }
          continue;
        }

      second_reading = NULL;
      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN && g_unichar_isalpha (c))
        {
          /* A Han character without a reading is a word of its own. */
          end_word (&in_word);
          append_to_word (out, &in_word, c);
          end_word (&in_word);
          continue;
        }
      if (g_unichar_isalnum (c))
        {
          gunichar decomposition[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

          /* Accented Latin letters lose their accents: é → e. */
          if (g_unichar_fully_decompose (c, FALSE, decomposition,
                                         G_N_ELEMENTS (decomposition)) > 0 &&
              decomposition[0] < 0x80 && g_ascii_isalnum (decomposition[0]))
            append_to_word (out, &in_word, g_ascii_tolower (decomposition[0]));
          else
            append_to_word (out, &in_word, g_unichar_tolower (c));
          continue;
        }

      end_word (&in_word);
    }
}

static char *
pinyin_full (const char *text,
             gboolean    is_person)
{
  GString *out = g_string_sized_new (text != NULL ? strlen (text) * 2 : 0);

  append_pinyin (out, text, is_person);

  return g_string_free (out, FALSE);
}

static char *
initials_of (const char *full)
{
  GString *out = g_string_new (NULL);
  gboolean at_start = TRUE;

  for (const char *p = full; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == ' ')
        {
          at_start = TRUE;
        }
      else if (at_start)
        {
          g_string_append_unichar (out, g_utf8_get_char (p));
          at_start = FALSE;
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * rapport_pinyin_full:
 * @text: (nullable): a name or any text
 *
 * Returns: (transfer full): the pinyin and words of @text, lowercase,
 *   separated by single spaces
 */
char *
rapport_pinyin_full (const char *text)
{
  return pinyin_full (text, FALSE);
}

/**
 * rapport_pinyin_initials:
 * @text: (nullable): a name or any text
 *
 * Returns: (transfer full): the first letter of each word of
 *   rapport_pinyin_full()
 */
char *
rapport_pinyin_initials (const char *text)
{
  g_autofree char *full = pinyin_full (text, FALSE);

  return initials_of (full);
}

/**
 * rapport_pinyin_person_full:
 * @name: (nullable): a person's name
 *
 * Returns: (transfer full): as rapport_pinyin_full(), with the surname reading
 */
char *
rapport_pinyin_person_full (const char *name)
{
  return pinyin_full (name, TRUE);
}

/**
 * rapport_pinyin_person_initials:
 * @name: (nullable): a person's name
 *
 * Returns: (transfer full): as rapport_pinyin_initials(), with the surname reading
 */
char *
rapport_pinyin_person_initials (const char *name)
{
  g_autofree char *full = pinyin_full (name, TRUE);

  return initials_of (full);
}

/* Sort key: collation */

static GMutex collator_mutex;
static UCollator *collator;

/* Appends ICU's "zh" sort key of @name, its terminating NUL included. */
static void
append_collation_key (GByteArray *key,
                      const char *name)
{
  UChar stack_text[128];
  g_autofree UChar *heap_text = NULL;
  UChar *text = stack_text;
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  guint8 stack_key[256];
  int32_t key_length;

  u_strFromUTF8Lenient (stack_text, G_N_ELEMENTS (stack_text), &length, name, -1, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    {
      status = U_ZERO_ERROR;
      heap_text = g_new (UChar, length + 1);
      text = heap_text;
      u_strFromUTF8Lenient (heap_text, length + 1, &length, name, -1, &status);
    }
  if (U_FAILURE (status))
    length = 0;

  g_mutex_lock (&collator_mutex);

  if (collator == NULL)
    {
      UErrorCode open_status = U_ZERO_ERROR;

      collator = ucol_open ("zh", &open_status);
      if (U_FAILURE (open_status))
        {
          g_warning ("Cannot open the Chinese collator: %s", u_errorName (open_status));
          collator = NULL;
        }
    }

  if (collator == NULL)
    {
      g_mutex_unlock (&collator_mutex);
      g_byte_array_append (key, (const guint8 *) "", 1);
      return;
    }

  key_length = ucol_getSortKey (collator, text, length, stack_key, sizeof stack_key);
  if (key_length <= (int32_t) sizeof stack_key)
    {
      g_byte_array_append (key, stack_key, key_length);
    }
  else
    {
      guint old_length = key->len;

      g_byte_array_set_size (key, old_length + key_length);
      ucol_getSortKey (collator, text, length, key->data + old_length, key_length);
    }

  g_mutex_unlock (&collator_mutex);
}

/* Sort key: layout
 *
 *   group byte (1: letters, 2: "#")
 *   the words of the pinyin, each followed by 0x01 (so "a li" < "acme")
 *   0x00
 *   the ICU collation key, NUL-terminated (it has no other NUL bytes)
 */
#define GROUP_LETTERS 0x01
#define GROUP_OTHER   0x02
#define WORD_END      0x01

static gboolean
is_punctuation (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether @name goes among the letters: its first character, past spaces and
 * punctuation ("“Acme”", "(株)"), is a letter whose pinyin @full starts with a
 * Latin letter. Digits, symbols and emoji, other scripts go to "#". */
static gboolean
is_in_letter_group (const char *name,
                    const char *full)
{
  if (name == NULL || !g_ascii_islower (full[0]))
    return FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !is_punctuation (c))
        return g_unichar_isalpha (c);
    }

  return FALSE;
}

static GBytes *
sort_key (const char *name,
          gboolean    is_person)
{
  g_autofree char *full = pinyin_full (name, is_person);
  GByteArray *key = g_byte_array_sized_new (strlen (full) * 2 + 32);
  guint8 group = is_in_letter_group (name, full) ? GROUP_LETTERS : GROUP_OTHER;

  g_byte_array_append (key, &group, 1);
  for (const char *p = full; *p != '\0'; p++)
    {
      guint8 byte = *p == ' ' ? WORD_END : (guint8) *p;

      g_byte_array_append (key, &byte, 1);
    }
  if (full[0] != '\0')
    g_byte_array_append (key, (const guint8 *) "\1", 1);
  g_byte_array_append (key, (const guint8 *) "", 1);

  append_collation_key (key, name != NULL ? name : "");

  return g_byte_array_free_to_bytes (key);
}

/**
 * rapport_sort_key:
 * @name: (nullable): a customer's name
 *
 * Returns: (transfer full): bytes whose memcmp() order is the list order
 */
GBytes *
rapport_sort_key (const char *name)
{
  return sort_key (name, FALSE);
}

/**
 * rapport_person_sort_key:
 * @name: (nullable): a person's name
 *
 * Returns: (transfer full): as rapport_sort_key(), with the surname reading
 */
GBytes *
rapport_person_sort_key (const char *name)
{
  return sort_key (name, TRUE);
}

/**
 * rapport_sort_group:
 * @name: (nullable): a name
 * @is_person: whether @name is a person's
 *
 * Returns: (transfer full): "A"–"Z", or "#" for names sorted after Z
 */
char *
rapport_sort_group (const char *name,
                    gboolean    is_person)
{
  g_autofree char *full = pinyin_full (name, is_person);

  if (!is_in_letter_group (name, full))
    return g_strdup ("#");

  return g_strdup_printf ("%c", g_ascii_toupper (full[0]));
}
