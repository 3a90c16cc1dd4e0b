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

#define MAX_READINGS 3

typedef struct
{
  gunichar    c;
  const char *readings[MAX_READINGS];
} Polyphone;

/* The common readings of polyphonic characters in the names of people,
 * businesses and places (大厦 sha, 厦门 xia; 银行 hang, 行业 hang, 兴行 xing),
 * sorted by code point. A name is indexed by each of them, whatever reading
 * the table or a word gives it; a single-character surname's reading is
 * among its character's. Change it and RAPPORT_PINYIN_READINGS_VERSION. */
static const Polyphone polyphones[] = {
  { 0x4E07, { "wan", "mo" } },                   /* 万 */
  { 0x4E50, { "le", "yue" } },                   /* 乐 */
  { 0x4E58, { "cheng", "sheng" } },              /* 乘 */
  { 0x4E86, { "le", "liao" } },                  /* 了 */
  { 0x4EB2, { "qin", "qing" } },                 /* 亲 */
  { 0x4EC0, { "shen", "shi" } },                 /* 什 */
  { 0x4EC7, { "chou", "qiu" } },                 /* 仇 */
  { 0x4F1A, { "hui", "kuai" } },                 /* 会 */
  { 0x4F20, { "chuan", "zhuan" } },              /* 传 */
  { 0x4F2F, { "bo", "bai" } },                   /* 伯 */
  { 0x4F3C, { "si", "shi" } },                   /* 似 */
  { 0x4FA7, { "ce", "zhai" } },                  /* 侧 */
  { 0x4FBF, { "bian", "pian" } },                /* 便 */
  { 0x4FDF, { "si", "qi" } },                    /* 俟 */
  { 0x516D, { "liu", "lu" } },                   /* 六 */
  { 0x51AF, { "feng", "ping" } },                /* 冯 */
  { 0x5265, { "bo", "bao" } },                   /* 剥 */
  { 0x52B2, { "jin", "jing" } },                 /* 劲 */
  { 0x533A, { "qu", "ou" } },                    /* 区 */
  { 0x5355, { "dan", "shan", "chan" } },         /* 单 */
  { 0x5361, { "ka", "qia" } },                   /* 卡 */
  { 0x53A6, { "sha", "xia" } },                  /* 厦 */
  { 0x53C2, { "can", "shen" } },                 /* 参 */
  { 0x53E5, { "ju", "gou" } },                   /* 句 */
  { 0x53EC, { "zhao", "shao" } },                /* 召 */
  { 0x53F6, { "ye", "xie" } },                   /* 叶 */
  { 0x5408, { "he", "ge" } },                    /* 合 */
  { 0x5413, { "xia", "he" } },                   /* 吓 */
  { 0x5458, { "yuan", "yun" } },                 /* 员 */
  { 0x548C, { "he", "huo", "hu" } },             /* 和 */
  { 0x5496, { "ka", "ga" } },                    /* 咖 */
  { 0x5708, { "quan", "juan" } },                /* 圈 */
  { 0x5730, { "di", "de" } },                    /* 地 */
  { 0x585E, { "sai", "se" } },                   /* 塞 */
  { 0x58F3, { "ke", "qiao" } },                  /* 壳 */
  { 0x5927, { "da", "dai" } },                   /* 大 */
  { 0x5947, { "qi", "ji" } },                    /* 奇 */
  { 0x5B93, { "mi", "fu" } },                    /* 宓 */
  { 0x5BBF, { "su", "xiu" } },                   /* 宿 */
  { 0x5C09, { "wei", "yu" } },                   /* 尉 */
  { 0x5C3E, { "wei", "yi" } },                   /* 尾 */
  { 0x5C4F, { "ping", "bing" } },                /* 屏 */
  { 0x5C5E, { "shu", "zhu" } },                  /* 属 */
  { 0x5DEE, { "cha", "chai", "ci" } },           /* 差 */
  { 0x5E7F, { "guang", "an" } },                 /* 广 */
  { 0x5F39, { "dan", "tan" } },                  /* 弹 */
  { 0x5F3A, { "qiang", "jiang" } },              /* 强 */
  { 0x6076, { "e", "wu" } },                     /* 恶 */
  { 0x624E, { "zha", "za" } },                   /* 扎 */
  { 0x6298, { "zhe", "she" } },                  /* 折 */
  { 0x62E9, { "ze", "zhai" } },                  /* 择 */
  { 0x63D0, { "ti", "di" } },                    /* 提 */
  { 0x66B4, { "bao", "pu" } },                   /* 暴 */
  { 0x66DD, { "pu", "bao" } },                   /* 曝 */
  { 0x66FE, { "ceng", "zeng" } },                /* 曾 */
  { 0x671D, { "chao", "zhao" } },                /* 朝 */
  { 0x671F, { "qi", "ji" } },                    /* 期 */
  { 0x672F, { "shu", "zhu" } },                  /* 术 */
  { 0x6734, { "pu", "piao", "po" } },            /* 朴 */
  { 0x67CF, { "bai", "bo" } },                   /* 柏 */
  { 0x67E5, { "cha", "zha" } },                  /* 查 */
  { 0x6816, { "qi", "xi" } },                    /* 栖 */
  { 0x6821, { "xiao", "jiao" } },                /* 校 */
  { 0x69DB, { "jian", "kan" } },                 /* 槛 */
  { 0x6A21, { "mo", "mu" } },                    /* 模 */
  { 0x6B59, { "she", "xi" } },                   /* 歙 */
  { 0x6C64, { "tang", "shang" } },               /* 汤 */
  { 0x6C88, { "shen", "chen" } },                /* 沈 */
  { 0x6CA1, { "mei", "mo" } },                   /* 没 */
  { 0x6CCA, { "bo", "po" } },                    /* 泊 */
  { 0x6D17, { "xi", "xian" } },                  /* 洗 */
  { 0x6D5A, { "jun", "xun" } },                  /* 浚 */
  { 0x6FB9, { "dan", "tan" } },                  /* 澹 */
  { 0x70AE, { "pao", "bao" } },                  /* 炮 */
  { 0x7387, { "shuai", "lv" } },                 /* 率 */
  { 0x755C, { "chu", "xu" } },                   /* 畜 */
  { 0x756A, { "fan", "pan" } },                  /* 番 */
  { 0x76D6, { "gai", "ge" } },                   /* 盖 */
  { 0x76DB, { "sheng", "cheng" } },              /* 盛 */
  { 0x7701, { "sheng", "xing" } },               /* 省 */
  { 0x7740, { "zhe", "zhao", "zhuo" } },         /* 着 */
  { 0x77F3, { "shi", "dan" } },                  /* 石 */
  { 0x79CD, { "zhong", "chong" } },              /* 种 */
  { 0x79D8, { "mi", "bi" } },                    /* 秘 */
  { 0x79F0, { "cheng", "chen" } },               /* 称 */
  { 0x7CFB, { "xi", "ji" } },                    /* 系 */
  { 0x7E41, { "fan", "po" } },                   /* 繁 */
  { 0x7EA2, { "hong", "gong" } },                /* 红 */
  { 0x7EA4, { "xian", "qian" } },                /* 纤 */
  { 0x7EA6, { "yue", "yao" } },                  /* 约 */
  { 0x7ED9, { "gei", "ji" } },                   /* 给 */
  { 0x7EFF, { "lv", "lu" } },                    /* 绿 */
  { 0x7F29, { "suo", "su" } },                   /* 缩 */
  { 0x7F2A, { "miao", "mou", "miu" } },          /* 缪 */
  { 0x7FDF, { "zhai", "di" } },                  /* 翟 */
  { 0x80FD, { "neng", "nai" } },                 /* 能 */
  { 0x8180, { "bang", "pang" } },                /* 膀 */
  { 0x81ED, { "chou", "xiu" } },                 /* 臭 */
  { 0x8272, { "se", "shai" } },                  /* 色 */
  { 0x838E, { "sha", "suo" } },                  /* 莎 */
  { 0x8398, { "shen", "xin" } },                 /* 莘 */
  { 0x843D, { "luo", "la", "lao" } },            /* 落 */
  { 0x851A, { "wei", "yu" } },                   /* 蔚 */
  { 0x8543, { "fan", "bo" } },                   /* 蕃 */
  { 0x8584, { "bo", "bao" } },                   /* 薄 */
  { 0x85CF, { "cang", "zang" } },                /* 藏 */
  { 0x868C, { "bang", "beng" } },                /* 蚌 */
  { 0x8840, { "xue", "xie" } },                  /* 血 */
  { 0x884C, { "hang", "xing" } },                /* 行 */
  { 0x8983, { "tan", "qin" } },                  /* 覃 */
  { 0x89D2, { "jiao", "jue" } },                 /* 角 */
  { 0x89E3, { "jie", "xie" } },                  /* 解 */
  { 0x8BC6, { "shi", "zhi" } },                  /* 识 */
  { 0x8BF4, { "shuo", "shui" } },                /* 说 */
  { 0x8C03, { "diao", "tiao" } },                /* 调 */
  { 0x8C0C, { "chen", "shen" } },                /* 谌 */
  { 0x8D3E, { "jia", "gu" } },                   /* 贾 */
  { 0x8F66, { "che", "ju" } },                   /* 车 */
  { 0x8FD8, { "hai", "huan" } },                 /* 还 */
  { 0x90FD, { "dou", "du" } },                   /* 都 */
  { 0x91CD, { "zhong", "chong" } },              /* 重 */
  { 0x94C5, { "qian", "yan" } },                 /* 铅 */
  { 0x957F, { "chang", "zhang" } },              /* 长 */
  { 0x963F, { "a", "e" } },                      /* 阿 */
  { 0x964D, { "jiang", "xiang" } },              /* 降 */
  { 0x9697, { "kui", "wei" } },                  /* 隗 */
  { 0x9732, { "lu", "lou" } },                   /* 露 */
  { 0x9888, { "jing", "geng" } },                /* 颈 */
};

static void
end_word (gboolean *in_word)
{
  *in_word = FALSE;
}

/* The character behind each word appended, when it is a Han character read
 * by the table (0 for other words), for rapport_pinyin_readings(). */
static void
note_word (GArray   *word_chars,
           gunichar  c)
{
  if (word_chars != NULL)
    g_array_append_val (word_chars, c);
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
                gunichar  c,
                GArray   *word_chars)
{
  if (!*in_word && out->len > 0)
    g_string_append_c (out, ' ');
  if (!*in_word)
    note_word (word_chars, 0);
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
               gboolean    is_person,
               GArray     *word_chars)
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
          /* A person's surname reads one way only. */
          append_word (out, surname->first_reading);
          note_word (word_chars, 0);
          p = next;
          if (surname->second != 0)
            {
              append_word (out, surname->second_reading);
              note_word (word_chars, 0);
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
            append_to_word (out, &in_word, g_ascii_tolower (c), word_chars);
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
            append_to_word (out, &in_word, g_ascii_tolower (c), word_chars);
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
          note_word (word_chars, c);
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
          append_to_word (out, &in_word, c, word_chars);
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
            append_to_word (out, &in_word, g_ascii_tolower (decomposition[0]), word_chars);
          else
            append_to_word (out, &in_word, g_unichar_tolower (c), word_chars);
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

  append_pinyin (out, text, is_person, NULL);

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

static int
compare_polyphones (const void *key,
                    const void *member)
{
  gunichar c = *(const gunichar *) key;
  const Polyphone *polyphone = member;

  return (c > polyphone->c) - (c < polyphone->c);
}

static void
add_reading (GPtrArray  *readings,
             const char *reading)
{
  for (guint i = 0; i < readings->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (readings, i), reading))
        return;
    }
  g_ptr_array_add (readings, g_strdup (reading));
}

/**
 * rapport_pinyin_readings:
 * @text: (nullable): a name or any text
 * @is_person: whether @text is a person's name
 *
 * The words of rapport_pinyin_full() (rapport_pinyin_person_full() for a
 * person), each with the other common readings of its character when it is
 * a polyphonic Han character: "重庆银行" → [chong], [qing], [yin], [hang, xing].
 * A person's surname has its surname reading only.
 *
 * Returns: (transfer full) (element-type GStrv): one NULL-terminated array
 *   of readings per word, the word itself first
 */
GPtrArray *
rapport_pinyin_readings (const char *text,
                         gboolean    is_person)
{
  g_autoptr (GString) full = g_string_new (NULL);
  g_autoptr (GArray) word_chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_auto (GStrv) parts = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  append_pinyin (full, text, is_person, word_chars);
  if (full->len == 0)
    return result;

  parts = g_strsplit (full->str, " ", -1);
  g_assert (g_strv_length (parts) == word_chars->len);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gunichar c = g_array_index (word_chars, gunichar, i);
      g_autoptr (GPtrArray) readings = g_ptr_array_new_with_free_func (g_free);
      const Polyphone *polyphone = NULL;

      g_ptr_array_add (readings, g_strdup (parts[i]));
      if (c != 0)
        polyphone = bsearch (&c, polyphones, G_N_ELEMENTS (polyphones), sizeof polyphones[0],
                             compare_polyphones);
      for (guint r = 0; polyphone != NULL && r < MAX_READINGS && polyphone->readings[r] != NULL; r++)
        add_reading (readings, polyphone->readings[r]);

      /* The reading a single-character surname has. */
      for (guint r = 0; c != 0 && r < G_N_ELEMENTS (surnames); r++)
        {
          if (surnames[r].first == c && surnames[r].second == 0)
            add_reading (readings, surnames[r].first_reading);
        }

      g_ptr_array_add (readings, NULL);
      g_ptr_array_add (result, g_ptr_array_free (g_steal_pointer (&readings), FALSE));
    }

  return result;
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

/**
 * rapport_pinyin_get_version:
 *
 * Returns: (transfer full): the version of the pinyin this build gives: the
 *   ICU the table was generated from and the readings' version
 */
char *
rapport_pinyin_get_version (void)
{
  return g_strdup ("table icu " U_ICU_VERSION "; readings " RAPPORT_PINYIN_READINGS_VERSION);
}

/**
 * rapport_sort_key_get_version:
 *
 * Returns: (transfer full): the version of rapport_sort_key(): its layout,
 *   the pinyin it starts with, and the version of ICU's "zh" collator and of
 *   the UCA behind it
 */
char *
rapport_sort_key_get_version (void)
{
  UVersionInfo collator_version = { 0, };
  UVersionInfo uca_version = { 0, };
  char collator_text[U_MAX_VERSION_STRING_LENGTH] = "";
  char uca_text[U_MAX_VERSION_STRING_LENGTH] = "";
  g_autofree char *pinyin = rapport_pinyin_get_version ();

  g_mutex_lock (&collator_mutex);
  if (collator == NULL)
    {
      UErrorCode status = U_ZERO_ERROR;

      collator = ucol_open ("zh", &status);
      if (U_FAILURE (status))
        collator = NULL;
    }
  if (collator != NULL)
    {
      ucol_getVersion (collator, collator_version);
      ucol_getUCAVersion (collator, uca_version);
    }
  g_mutex_unlock (&collator_mutex);

  u_versionToString (collator_version, collator_text);
  u_versionToString (uca_version, uca_text);

  /* Bump the first number when the layout below changes. */
  return g_strdup_printf ("sort key 1; %s; collator zh %s; uca %s", pinyin, collator_text, uca_text);
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
