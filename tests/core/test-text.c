/* test-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-text.h"
#include "rapport-validation.h"

static void
assert_normalized (const char *input,
                   const char *expected)
{
  g_autofree char *normalized = rapport_text_normalize (input);

  g_assert_cmpstr (normalized, ==, expected);
}

static void
test_text_normalize (void)
{
  assert_normalized ("ＡＢＣ１２３", "ABC123");
  assert_normalized ("  速阳\u3000\u3000有限公司  ", "速阳 有限公司");
  assert_normalized ("Acme\t\n  Trading ", "Acme Trading");
  assert_normalized ("", "");
  assert_normalized ("   ", "");
  assert_normalized (NULL, "");
  assert_normalized ("a\u200Bb\uFEFF", "ab");
  assert_normalized ("bell\a", "bell");
  /* ZWJ sequences (family emoji) stay whole. */
  assert_normalized ("👨\u200D👩\u200D👧", "👨\u200D👩\u200D👧");
  /* Compatibility forms: ligatures, circled and half-width katakana. */
  assert_normalized ("ﬁne ①", "fine 1");
  assert_normalized ("ｶﾞ", "ガ");
  /* Markup, quotes and SQL are only text. */
  assert_normalized ("<b>Tom & \"Jerry\"</b>'; DROP TABLE customers; -- 100%s",
                     "<b>Tom & \"Jerry\"</b>'; DROP TABLE customers; -- 100%s");
}

/* Plain ASCII takes a shorter path: it must give what the Unicode one gives
 * for the same characters (a non-ASCII letter at the end takes the text
 * through the Unicode path). */
static void
test_text_normalize_ascii (void)
{
  static const char * const samples[] = {
    "  Acme   Trading  ", "\tTab\nNew\rline\fform ", "a\vb", "x\x1cy\x1fz", "del\x7f" "ete",
    "\x01\x02 lead", "trail \x1b", "+86 138 0013 8000", "SALES@Example.COM", "  ", "",
  };

  assert_normalized ("  Acme \t\n Trading\v ", "Acme Trading");
  assert_normalized ("a\001b\177 c", "ab c");

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *ascii = rapport_text_normalize (samples[i]);
      g_autofree char *with_letter = g_strconcat (samples[i], "é", NULL);
      g_autofree char *unicode = rapport_text_normalize (with_letter);
      g_autofree char *expected = NULL;
      gboolean trailing_space = FALSE;

      /* Trailing white space is trimmed before é, kept as one space after;
       * the other control characters are dropped. */
      for (const char *p = samples[i]; *p != '\0'; p++)
        {
          if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            trailing_space = TRUE;
          else if (*p >= 0x20 && *p != 0x7f)
            trailing_space = FALSE;
        }

      if (ascii[0] == '\0')
        expected = g_strdup ("é");
      else
        expected = g_strconcat (ascii, trailing_space ? " " : "", "é", NULL);
      g_assert_cmpstr (unicode, ==, expected);
    }

  /* Every control character on its own. */
  for (int c = 1; c < 0x80; c++)
    {
      char ascii_text[4] = { 'a', (char) c, 'b', '\0' };
      g_autofree char *unicode_text = g_strdup_printf ("é%cb", c);
      g_autofree char *ascii = rapport_text_normalize (ascii_text);
      g_autofree char *unicode = rapport_text_normalize (unicode_text);

      g_assert_cmpstr (ascii + 1, ==, unicode + strlen ("é"));
    }
}

static void
test_text_normalize_invalid_utf8 (void)
{
  g_autofree char *normalized = rapport_text_normalize ("Acme\xff\xfe Trading");

  g_assert_true (g_utf8_validate (normalized, -1, NULL));
  g_assert_true (g_str_has_prefix (normalized, "Acme"));
  g_assert_true (g_str_has_suffix (normalized, "Trading"));
}

static void
test_text_truncate (void)
{
  g_autofree char *short_text = rapport_text_truncate ("速阳", 10);
  g_autofree char *cut = rapport_text_truncate ("速阳有限公司", 3);
  g_autofree char *null_text = rapport_text_truncate (NULL, 3);

  g_assert_cmpstr (short_text, ==, "速阳");
  g_assert_cmpstr (cut, ==, "速阳…");
  g_assert_cmpstr (null_text, ==, "");
}

static void
test_name_validate (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) long_name = g_string_new (NULL);
  g_autoptr (GString) limit_name = g_string_new (NULL);

  g_assert_true (rapport_name_validate ("速阳有限公司", &error));
  g_assert_no_error (error);
  g_assert_true (rapport_name_validate ("Acme Trading", NULL));
  g_assert_true (rapport_name_validate ("🌸 Flower Shop 花店 Цветы", NULL));
  g_assert_true (rapport_name_validate ("😀", NULL));
  g_assert_true (rapport_name_validate ("O'Brien & Sons \"Ltd\" <b>100%</b> '; DROP TABLE x;--", NULL));

  g_assert_false (rapport_name_validate ("", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "Enter a name");
  g_clear_error (&error);

  g_assert_false (rapport_name_validate (" \u3000\t", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (rapport_name_validate (NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY);
  g_clear_error (&error);

  for (guint i = 0; i < 10000; i++)
    g_string_append (long_name, i % 2 ? "名" : "a");
  g_assert_false (rapport_name_validate (long_name->str, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TOO_LONG);
  g_assert_cmpstr (error->message, ==, "Names can be at most 200 characters long");
  g_clear_error (&error);

  /* The limit counts characters, not bytes, after trimming. */
  for (guint i = 0; i < RAPPORT_NAME_MAX_CHARS; i++)
    g_string_append (limit_name, "名");
  g_string_append (limit_name, "   ");
  g_assert_true (rapport_name_validate (limit_name->str, NULL));
  g_string_append (limit_name, "x");
  g_assert_false (rapport_name_validate (limit_name->str, NULL));
}

static void
assert_match_key (const char *a,
                  const char *b,
                  gboolean    equal)
{
  g_autofree char *key_a = rapport_name_normalize_for_match (a);
  g_autofree char *key_b = rapport_name_normalize_for_match (b);

  g_assert_cmpstr (key_a, !=, "");
  if (equal)
    g_assert_cmpstr (key_a, ==, key_b);
  else
    g_assert_cmpstr (key_a, !=, key_b);
}

static void
test_name_match_key (void)
{
  g_autofree char *key = rapport_name_normalize_for_match ("ACME Trading, Ltd.");

  g_assert_cmpstr (key, ==, "acmetradingltd");
  assert_match_key ("ACME Trading, Ltd.", "acme trading ltd", TRUE);
  assert_match_key ("速阳 有限公司", "速阳有限公司", TRUE);
  assert_match_key ("ＡＣＭＥ", "acme", TRUE);
  assert_match_key ("速阳（苏州）有限公司", "速阳(苏州)有限公司", TRUE);
  assert_match_key ("Straße", "STRASSE", TRUE);
  assert_match_key ("速阳有限公司", "速阳贸易有限公司", FALSE);
  assert_match_key ("Acme 1", "Acme 2", FALSE);
  /* Emoji-only names keep a key, and different emoji differ. */
  assert_match_key ("😀", " 😀 ", TRUE);
  assert_match_key ("😀", "🌸", FALSE);
}

static void
test_normalize_ascii_lowercase (void)
{
  g_autofree char *kept = rapport_text_normalize_ascii ("  Acme\tTrading\x01 Ltd  ", FALSE);
  g_autofree char *lower = rapport_text_normalize_ascii ("  Acme\tTrading\x01 Ltd  ", TRUE);
  g_autofree char *full = rapport_text_normalize ("  Acme\tTrading\x01 Ltd  ");

  /* The quick path says what the whole normalisation says. */
  g_assert_cmpstr (kept, ==, "Acme Trading Ltd");
  g_assert_cmpstr (kept, ==, full);
  g_assert_cmpstr (lower, ==, "acme trading ltd");
  g_assert_null (rapport_text_normalize_ascii ("速阳 Acme", FALSE));
  g_assert_null (rapport_text_normalize_ascii ("Ａｃｍｅ", TRUE));
}

/* The Duplicates view's key: company suffixes dropped, in Chinese and
 * English, whole words only, and never an empty key. */
static void
test_name_company_key (void)
{
  static const struct { const char *a; const char *b; } same[] = {
    { "速阳有限公司", "速阳公司" },
    { "速阳有限公司", "速阳" },
    { "速阳有限责任公司", "速阳股份有限公司" },
    { "速阳集团有限公司", "速阳商行" },
    { "SuYang Co., Ltd.", "suyang ltd" },
    { "SuYang Co., Ltd.", "SUYANG" },
    { "Acme Inc.", "ACME, LLC" },
    { "Acme GmbH", "acme corporation" },
    { "Acme Company Limited", "Acme Corp." },
    { "速阳（有限公司）", "速阳" },
  };
  static const struct { const char *a; const char *b; } different[] = {
    { "速阳有限公司", "SuYang Co., Ltd." },
    { "Zinc", "Z" },
    { "Costco", "Cost" },
    { "Disco Ltd", "Dis" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = rapport_name_company_key (same[i].a);
      g_autofree char *b = rapport_name_company_key (same[i].b);

      g_assert_cmpstr (a, ==, b);
    }

  for (guint i = 0; i < G_N_ELEMENTS (different); i++)
    {
      g_autofree char *a = rapport_name_company_key (different[i].a);
      g_autofree char *b = rapport_name_company_key (different[i].b);

      g_assert_cmpstr (a, !=, b);
    }

  {
    g_autofree char *suyang = rapport_name_company_key ("SuYang Co., Ltd.");
    g_autofree char *company = rapport_name_company_key ("公司");
    g_autofree char *limited = rapport_name_company_key ("Co., Ltd.");
    g_autofree char *empty = rapport_name_company_key (NULL);

    g_assert_cmpstr (suyang, ==, "suyang");
    /* A name that is only suffixes keeps its first one, never "". */
    g_assert_cmpstr (company, ==, "公司");
    g_assert_cmpstr (limited, ==, "co");
    g_assert_cmpstr (empty, ==, "");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/text/normalize", test_text_normalize);
  g_test_add_func ("/core/text/normalize-ascii", test_text_normalize_ascii);
  g_test_add_func ("/core/text/normalize-invalid-utf8", test_text_normalize_invalid_utf8);
  g_test_add_func ("/core/text/truncate", test_text_truncate);
  g_test_add_func ("/core/text/name-validate", test_name_validate);
  g_test_add_func ("/core/text/name-match-key", test_name_match_key);
  g_test_add_func ("/core/text/name-company-key", test_name_company_key);

  g_test_add_func ("/core/text/normalize-ascii-lowercase", test_normalize_ascii_lowercase);

  return g_test_run ();
}
