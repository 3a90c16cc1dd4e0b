/* test-pinyin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rapport-pinyin.h"

static void
assert_full (const char *text,
             const char *expected)
{
  g_autofree char *full = rapport_pinyin_full (text);

  g_assert_cmpstr (full, ==, expected);
}

static void
assert_initials (const char *text,
                 const char *expected)
{
  g_autofree char *initials = rapport_pinyin_initials (text);

  g_assert_cmpstr (initials, ==, expected);
}

static void
assert_person (const char *name,
               const char *full,
               const char *initials)
{
  g_autofree char *person_full = rapport_pinyin_person_full (name);
  g_autofree char *person_initials = rapport_pinyin_person_initials (name);

  g_assert_cmpstr (person_full, ==, full);
  g_assert_cmpstr (person_initials, ==, initials);
}

static void
test_pinyin_full (void)
{
  assert_full ("速阳有限公司", "su yang you xian gong si");
  assert_full ("Acme Trading", "acme trading");
  assert_full ("阿里巴巴", "a li ba ba");
  assert_full ("北京", "bei jing");
  assert_full ("3M 中国", "3m zhong guo");
  assert_full ("1688商城", "1688 shang cheng");
  assert_full ("速阳(苏州)建材-2号店", "su yang su zhou jian cai 2 hao dian");
  assert_full ("ＡＢＣ１２３", "abc123");
  assert_full ("Café Zoë", "cafe zoe");
  assert_full ("O'Brien’s", "obriens");
  assert_full ("绿", "lv");
  assert_full ("女装", "nv zhuang");
  assert_full ("🌸 花店 🌸", "hua dian");
  assert_full ("😀", "");
  assert_full ("", "");
  assert_full (NULL, "");
  assert_full ("  Hello,   World!  ", "hello world");
}

static void
test_pinyin_words (void)
{
  /* Polyphonic characters read as they do in the names of businesses and places. */
  assert_full ("中国银行", "zhong guo yin hang");
  assert_full ("重庆", "chong qing");
  assert_full ("重工", "zhong gong");
  assert_full ("长城", "chang cheng");
  assert_full ("成都", "cheng du");
  assert_full ("厦门", "xia men");
  assert_full ("国贸大厦", "guo mao da sha");
  assert_full ("房地产", "fang di chan");
  assert_full ("音乐", "yin yue");
  assert_full ("快乐", "kuai le");
}

static void
test_pinyin_initials (void)
{
  assert_initials ("速阳有限公司", "syyxgs");
  assert_initials ("Acme Trading", "at");
  assert_initials ("阿里巴巴", "albb");
  assert_initials ("3M 中国", "3zg");
  assert_initials ("", "");
  assert_initials ("😀", "");
}

static void
test_pinyin_person (void)
{
  assert_person ("单田芳", "shan tian fang", "stf");
  assert_person ("曾小明", "zeng xiao ming", "zxm");
  assert_person ("解晓东", "xie xiao dong", "xxd");
  assert_person ("仇英", "qiu ying", "qy");
  assert_person ("朴智星", "piao zhi xing", "pzx");
  assert_person ("区志航", "ou zhi hang", "ozh");
  assert_person ("查良镛", "zha liang yong", "zly");
  assert_person ("乐嘉", "yue jia", "yj");
  assert_person ("盖聂", "ge nie", "gn");
  assert_person ("缪缪", "miao mou", "mm");
  assert_person ("尉迟恭", "yu chi gong", "ycg");
  assert_person ("万俟卨", "mo qi xie", "mqx");
  assert_person ("欧阳修", "ou yang xiu", "oyx");
  assert_person ("司马光", "si ma guang", "smg");
  assert_person ("诸葛亮", "zhu ge liang", "zgl");
  assert_person ("上官婉儿", "shang guan wan er", "sgwe");
  assert_person ("皇甫嵩", "huang fu song", "hfs");
  assert_person ("王小明", "wang xiao ming", "wxm");
  assert_person ("Anna Schmidt", "anna schmidt", "as");
  assert_person ("", "", "");

  /* Outside a person's name the characters keep their usual reading. */
  assert_full ("曾经", "ceng jing");
  assert_full ("单位", "dan wei");
}

static int
compare_keys (const char *a,
              const char *b)
{
  g_autoptr (GBytes) key_a = rapport_sort_key (a);
  g_autoptr (GBytes) key_b = rapport_sort_key (b);
  gsize len_a, len_b;
  const guint8 *data_a = g_bytes_get_data (key_a, &len_a);
  const guint8 *data_b = g_bytes_get_data (key_b, &len_b);
  int cmp = memcmp (data_a, data_b, MIN (len_a, len_b));

  if (cmp != 0)
    return cmp;

  return len_a < len_b ? -1 : len_a > len_b ? 1 : 0;
}

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b)
{
  return compare_keys (*(const char * const *) a, *(const char * const *) b);
}

static void
test_sort_key_order (void)
{
  /* The order a Chinese user expects: by letters, Han by pinyin, then "#". */
  const char *expected[] = {
    "阿里巴巴",        /* a li */
    "Acme",
    "acme trading",
    "Acme Trading",
    "安徽建工",        /* an hui */
    "北京建材",        /* bei jing */
    "Beta Ltd",
    "Bob",
    "长城汽车",        /* chang cheng */
    "Zeta",
    "张三",            /* zhang */
    "Zoo",
    "3M 中国",
    "007 Agency",
    "😀 Smile",
  };
  const char *shuffled[G_N_ELEMENTS (expected)];
  GPtrArray *names = g_ptr_array_new ();
  GRand *rand = g_rand_new_with_seed (4);

  memcpy (shuffled, expected, sizeof expected);
  for (guint i = G_N_ELEMENTS (shuffled) - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      const char *tmp = shuffled[i];

      shuffled[i] = shuffled[j];
      shuffled[j] = tmp;
    }
  for (guint i = 0; i < G_N_ELEMENTS (shuffled); i++)
    g_ptr_array_add (names, (gpointer) shuffled[i]);

  g_ptr_array_sort (names, compare_names_cb);

  /* Among the digits, "007" < "3m" by character; check the group boundary
   * rather than the ICU order inside it. */
  for (guint i = 0; i < 12; i++)
    g_assert_cmpstr (g_ptr_array_index (names, i), ==, expected[i]);
  for (guint i = 12; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      g_assert_true (g_str_equal (name, "3M 中国") || g_str_equal (name, "007 Agency") ||
                     g_str_equal (name, "😀 Smile"));
    }

  g_rand_free (rand);
  g_ptr_array_unref (names);
}

static void
test_sort_key_properties (void)
{
  g_autoptr (GBytes) empty = rapport_sort_key ("");
  g_autoptr (GBytes) null_key = rapport_sort_key (NULL);

  g_assert_nonnull (empty);
  g_assert_nonnull (null_key);
  g_assert_true (g_bytes_equal (empty, null_key));

  /* Case-insensitive first, then a stable tie-break: distinct names differ. */
  g_assert_cmpint (compare_keys ("acme", "ACME"), !=, 0);
  g_assert_cmpint (compare_keys ("acme", "Acmf"), <, 0);
  g_assert_cmpint (compare_keys ("ACME", "acmf"), <, 0);
  g_assert_cmpint (compare_keys ("速阳", "速阳"), ==, 0);
  /* Shorter word first: 李 "li" before 李明 "li ming" before "Lima". */
  g_assert_cmpint (compare_keys ("李", "李明"), <, 0);
  g_assert_cmpint (compare_keys ("李明", "Lima"), <, 0);
  /* Pinyin, not code point order: 啊 (U+554A) "a" before 北 (U+5317) "bei". */
  g_assert_cmpint (compare_keys ("啊", "北"), <, 0);
  g_assert_cmpint (compare_keys ("Zoo", "1 Zoo"), <, 0);
  g_assert_cmpint (compare_keys ("张", "+Plus"), <, 0);
  g_assert_cmpint (compare_keys ("张", "€uro"), <, 0);
  /* Leading punctuation does not move a name out of its letter. */
  g_assert_cmpint (compare_keys ("“Acme”", "Bob"), <, 0);
  g_assert_cmpint (compare_keys ("(Acme)", "Bob"), <, 0);
}

static void
test_sort_key_long (void)
{
  g_autoptr (GString) long_name = g_string_new (NULL);
  g_autoptr (GString) longer_name = NULL;
  g_autofree char *full = NULL;
  g_autofree char *initials = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (long_name, i % 3 ? "速" : "a");
  longer_name = g_string_new (long_name->str);
  g_string_append (longer_name, "b");

  /* Longer than any stack buffer: the key still orders by the whole name. */
  g_assert_cmpint (compare_keys (long_name->str, longer_name->str), <, 0);
  g_assert_cmpint (compare_keys (long_name->str, long_name->str), ==, 0);
  g_assert_cmpint (compare_keys ("a", long_name->str), <, 0);

  full = rapport_pinyin_full (long_name->str);
  initials = rapport_pinyin_initials (long_name->str);
  g_assert_true (g_str_has_prefix (full, "a su su a su su"));
  g_assert_cmpuint (strlen (initials), ==, 10000);
}

static void
test_pinyin_data (void)
{
  /* Markup, quotes, format and SQL characters are separators, nothing more. */
  assert_full ("100% <b>'\"速阳\"'</b>; DROP TABLE x; --%s%n", "100 b su yang b drop table x s n");
}

static void
test_sort_key_person (void)
{
  g_autoptr (GBytes) person = rapport_person_sort_key ("曾小明");
  g_autoptr (GBytes) zhang = rapport_sort_key ("张三");
  g_autoptr (GBytes) cao = rapport_sort_key ("曹操");
  gsize len_p, len_z, len_c;
  const guint8 *p = g_bytes_get_data (person, &len_p);
  const guint8 *z = g_bytes_get_data (zhang, &len_z);
  const guint8 *c = g_bytes_get_data (cao, &len_c);

  /* zeng sorts after cao and before zhang. */
  g_assert_cmpint (memcmp (c, p, MIN (len_c, len_p)), <, 0);
  g_assert_cmpint (memcmp (p, z, MIN (len_p, len_z)), <, 0);
}

static void
test_sort_group (void)
{
  const struct { const char *name; gboolean person; const char *group; } cases[] = {
    { "阿里巴巴", FALSE, "A" },
    { "acme", FALSE, "A" },
    { "北京", FALSE, "B" },
    { "曾小明", TRUE, "Z" },
    { "曾经", FALSE, "C" },
    { "3M", FALSE, "#" },
    { "😀", FALSE, "#" },
    { "", FALSE, "#" },
    { "Иван", TRUE, "#" },
    { "“Acme”", FALSE, "A" },
    { "😀 Smile", FALSE, "#" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *group = rapport_sort_group (cases[i].name, cases[i].person);

      g_assert_cmpstr (group, ==, cases[i].group);
    }
}

static void
test_pinyin_readings (void)
{
  struct {
    const char *text;
    gboolean    person;
    const char *expected;   /* words by "|", readings by "," */
  } cases[] = {
    { "重庆银行", FALSE, "chong,zhong|qing|yin|hang,xing" },
    { "长江", FALSE, "chang,zhang|jiang" },
    { "单氏", FALSE, "dan,shan,chan|shi" },
    { "单丽", TRUE, "shan|li" },
    { "曾行", TRUE, "zeng|xing,hang" },
    { "Acme 3M", FALSE, "acme|3m" },
    { "", FALSE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) words = rapport_pinyin_readings (cases[i].text, cases[i].person);
      g_autoptr (GString) got = g_string_new (NULL);
      g_autofree char *full = cases[i].person ? rapport_pinyin_person_full (cases[i].text)
                                              : rapport_pinyin_full (cases[i].text);
      g_auto (GStrv) full_words = g_strsplit (full, " ", -1);

      for (guint w = 0; w < words->len; w++)
        {
          g_autofree char *joined = g_strjoinv (",", g_ptr_array_index (words, w));

          g_string_append_printf (got, "%s%s", w > 0 ? "|" : "", joined);
          /* The first reading is the one the full pinyin (and the code) use. */
          g_assert_cmpstr (((GStrv) g_ptr_array_index (words, w))[0], ==, full_words[w]);
        }
      g_assert_cmpstr (got->str, ==, cases[i].expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/pinyin/full", test_pinyin_full);
  g_test_add_func ("/core/pinyin/words", test_pinyin_words);
  g_test_add_func ("/core/pinyin/initials", test_pinyin_initials);
  g_test_add_func ("/core/pinyin/person", test_pinyin_person);
  g_test_add_func ("/core/pinyin/sort-key-order", test_sort_key_order);
  g_test_add_func ("/core/pinyin/sort-key-properties", test_sort_key_properties);
  g_test_add_func ("/core/pinyin/sort-key-long", test_sort_key_long);
  g_test_add_func ("/core/pinyin/data", test_pinyin_data);
  g_test_add_func ("/core/pinyin/sort-key-person", test_sort_key_person);
  g_test_add_func ("/core/pinyin/sort-group", test_sort_group);
  g_test_add_func ("/core/pinyin/readings", test_pinyin_readings);

  return g_test_run ();
}
