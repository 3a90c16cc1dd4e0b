/* test-text-decode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rapport-text-decode.h"

#define SAMPLE "客户名称,手机,备注\n上海星辰贸易有限公司,13800138000,老客户\n北京华夏科技,13912345678,\"二〇二四年\"\n"

/* @text (UTF-8) in @charset, as a file written by another program would hold it. */
static GBytes *
encode (const char *text,
        const char *charset,
        const char *bom,
        gsize       bom_len)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *converted = g_convert (text, -1, charset, "UTF-8", NULL, &len, &error);
  GByteArray *bytes = g_byte_array_new ();

  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) bom, (guint) bom_len);
  g_byte_array_append (bytes, (const guint8 *) converted, (guint) len);
  return g_byte_array_free_to_bytes (bytes);
}

static void
assert_decodes (GBytes          *bytes,
                RapportEncoding  expected_encoding,
                const char      *expected_text)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  gsize text_len = 0;
  RapportEncoding encoding = rapport_encoding_detect (data, len);
  g_autofree char *text = NULL;

  g_assert_cmpint (encoding, ==, expected_encoding);
  text = rapport_text_decode (data, len, encoding, &text_len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected_text);
  g_assert_cmpuint (text_len, ==, strlen (expected_text));
}

static void
test_decode_utf8 (void)
{
  g_autoptr(GBytes) plain = g_bytes_new_static (SAMPLE, strlen (SAMPLE));
  g_autoptr(GBytes) with_bom = encode (SAMPLE, "UTF-8", "\xEF\xBB\xBF", 3);

  assert_decodes (plain, RAPPORT_ENCODING_UTF8, SAMPLE);
  assert_decodes (with_bom, RAPPORT_ENCODING_UTF8, SAMPLE);
}

static void
test_decode_utf16 (void)
{
  g_autoptr(GBytes) le = encode (SAMPLE, "UTF-16LE", "\xFF\xFE", 2);
  g_autoptr(GBytes) be = encode (SAMPLE, "UTF-16BE", "\xFE\xFF", 2);
  g_autoptr(GBytes) le_without_bom = encode ("Name\tMobile\nAnn\t13800138000\n", "UTF-16LE", "", 0);

  assert_decodes (le, RAPPORT_ENCODING_UTF16LE, SAMPLE);
  assert_decodes (be, RAPPORT_ENCODING_UTF16BE, SAMPLE);
  assert_decodes (le_without_bom, RAPPORT_ENCODING_UTF16LE, "Name\tMobile\nAnn\t13800138000\n");
}

static void
test_decode_gbk (void)
{
  g_autoptr(GBytes) gbk = encode (SAMPLE, "GBK", "", 0);
  g_autoptr(GBytes) gb18030 = encode ("姓名,备注\n张三,€ and 𠀀 only GB18030 has\n", "GB18030", "", 0);

  assert_decodes (gbk, RAPPORT_ENCODING_GB18030, SAMPLE);
  assert_decodes (gb18030, RAPPORT_ENCODING_GB18030, "姓名,备注\n张三,€ and 𠀀 only GB18030 has\n");
}

/* Every GB2312 character, six to a line (names and companies): no run of them
 * looks like UTF-8 to the mixed-encoding check. */
static void
test_decode_gbk_all_characters (void)
{
  g_autoptr(GByteArray) gbk = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint count = 0;

  for (guint lead = 0xB0; lead <= 0xF7; lead++)
    {
      for (guint trail = 0xA1; trail <= 0xFE; trail++)
        {
          guint8 pair[2] = { (guint8) lead, (guint8) trail };

          /* The five unassigned places at the end of row 0xD7. */
          if (lead == 0xD7 && trail > 0xF9)
            continue;
          g_byte_array_append (gbk, pair, 2);
          if (++count % 6 == 0)
            g_byte_array_append (gbk, (const guint8 *) ",1\n", 3);
        }
    }

  g_assert_cmpint (rapport_encoding_detect ((const char *) gbk->data, gbk->len), ==,
                   RAPPORT_ENCODING_GB18030);
  text = rapport_text_decode ((const char *) gbk->data, gbk->len, RAPPORT_ENCODING_GB18030,
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_utf8_strlen (text, -1), ==, count + count / 6 * 3);
  g_assert_true (g_str_has_prefix (text, "啊阿埃挨哎唉,1\n"));
}

static void
test_decode_gbk_as_utf8 (void)
{
  g_autoptr(GBytes) gbk = encode (SAMPLE, "GBK", "", 0);
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (gbk, &len);
  g_autofree char *text = rapport_text_decode (data, len, RAPPORT_ENCODING_UTF8, NULL, &error);

  /* Mojibake never comes out: the user is told to pick another encoding. */
  g_assert_null (text);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_assert_cmpstr (error->message, ==,
                   "Line 1 has characters that are not valid in Unicode (UTF-8): choose another encoding.");
}

static void
test_decode_bad_line (void)
{
  const char utf8[] = "Name,Mobile\nAnn,1380\nBad \xFF byte,1\n";
  g_autoptr(GBytes) gbk = encode ("姓名\n张三\n李四\n", "GBK", "", 0);
  g_autoptr(GByteArray) bad_gbk = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (gbk, &len);
  g_autofree char *text = NULL;

  text = rapport_text_decode (utf8, strlen (utf8), RAPPORT_ENCODING_UTF8, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_assert_nonnull (strstr (error->message, "Line 3 "));
  g_clear_error (&error);

  /* 0xFF is never a GBK byte: a bad byte on line 3. */
  g_byte_array_append (bad_gbk, (const guint8 *) data, (guint) len);
  g_byte_array_append (bad_gbk, (const guint8 *) "\xFF\xFF\n", 3);
  g_assert_cmpint (rapport_encoding_detect ((const char *) bad_gbk->data, bad_gbk->len), ==,
                   RAPPORT_ENCODING_GB18030);
  text = rapport_text_decode ((const char *) bad_gbk->data, bad_gbk->len,
                              RAPPORT_ENCODING_GB18030, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_assert_cmpstr (error->message, ==,
                   "Line 4 has characters that are not valid in Chinese Simplified (GBK/GB18030): choose another encoding.");
}

static void
test_decode_truncated (void)
{
  g_autoptr(GBytes) gbk = encode ("姓名\n张三\n李四", "GBK", "", 0);
  g_autoptr(GBytes) utf16 = encode ("Name\nAnn", "UTF-16LE", "\xFF\xFE", 2);
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (gbk, &len);
  g_autofree char *text = NULL;

  /* The file ends after the first byte of 四. */
  g_assert_cmpint (rapport_encoding_detect (data, len - 1), ==, RAPPORT_ENCODING_GB18030);
  text = rapport_text_decode (data, len - 1, RAPPORT_ENCODING_GB18030, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "The file ends in the middle of a character on line 3: it is cut off, or it is not in Chinese Simplified (GBK/GB18030).");
  g_clear_error (&error);

  /* A cut-off UTF-8 file is still recognised as UTF-8, and said to be cut off. */
  g_assert_cmpint (rapport_encoding_detect ("姓名\n张", strlen ("姓名\n张") - 1), ==, RAPPORT_ENCODING_UTF8);
  text = rapport_text_decode ("姓名\n张", strlen ("姓名\n张") - 1, RAPPORT_ENCODING_UTF8, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);

  data = g_bytes_get_data (utf16, &len);
  text = rapport_text_decode (data, len - 1, RAPPORT_ENCODING_UTF16LE, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT);
  g_assert_nonnull (strstr (error->message, "line 2"));
}

static void
test_decode_mixed (void)
{
  g_autoptr(GBytes) gbk = encode (SAMPLE, "GBK", "", 0);
  g_autoptr(GByteArray) mixed = g_byte_array_new ();
  g_autoptr(GByteArray) declared = g_byte_array_new ();
  const char utf8_row[] = "广州南方电子有限公司,13700001111,新客户\n";
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (gbk, &len);
  g_autofree char *text = NULL;

  /* Rows added in UTF-8 to a GBK file: never decoded into mojibake. */
  g_byte_array_append (mixed, (const guint8 *) data, (guint) len);
  g_byte_array_append (mixed, (const guint8 *) utf8_row, (guint) strlen (utf8_row));
  g_assert_cmpint (rapport_encoding_detect ((const char *) mixed->data, mixed->len), ==,
                   RAPPORT_ENCODING_GB18030);
  text = rapport_text_decode ((const char *) mixed->data, mixed->len, RAPPORT_ENCODING_GB18030,
                              NULL, &error);
  g_assert_null (text);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_assert_cmpstr (error->message, ==,
                   "The file mixes encodings: line 4 is in Unicode (UTF-8) and line 1 is not. Save it again in one encoding.");
  g_clear_error (&error);

  /* A UTF-8 mark on GBK text: detected as UTF-8, which fails on line 1; read
   * as GBK, the mark is dropped. */
  g_byte_array_append (declared, (const guint8 *) "\xEF\xBB\xBF", 3);
  g_byte_array_append (declared, (const guint8 *) data, (guint) len);
  g_assert_cmpint (rapport_encoding_detect ((const char *) declared->data, declared->len), ==,
                   RAPPORT_ENCODING_UTF8);
  text = rapport_text_decode ((const char *) declared->data, declared->len, RAPPORT_ENCODING_UTF8,
                              NULL, &error);
  g_assert_null (text);
  g_assert_nonnull (strstr (error->message, "Line 1 "));
  g_clear_error (&error);
  text = rapport_text_decode ((const char *) declared->data, declared->len, RAPPORT_ENCODING_GB18030,
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, SAMPLE);
}

static void
test_decode_empty (void)
{
  g_autoptr(GError) error = NULL;
  gsize len = 1;
  g_autofree char *empty = NULL;
  g_autofree char *bom_only = NULL;

  g_assert_cmpint (rapport_encoding_detect ("", 0), ==, RAPPORT_ENCODING_UTF8);
  empty = rapport_text_decode ("", 0, RAPPORT_ENCODING_UTF8, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpuint (len, ==, 0);

  g_assert_cmpint (rapport_encoding_detect ("\xFF\xFE", 2), ==, RAPPORT_ENCODING_UTF16LE);
  bom_only = rapport_text_decode ("\xFF\xFE", 2, RAPPORT_ENCODING_UTF16LE, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bom_only, ==, "");
}

static void
test_encoding_keys (void)
{
  for (RapportEncoding e = RAPPORT_ENCODING_UTF8; e <= RAPPORT_ENCODING_GB18030; e++)
    {
      RapportEncoding back = RAPPORT_ENCODING_UTF8;

      g_assert_true (rapport_encoding_from_string (rapport_encoding_to_string (e), &back));
      g_assert_cmpint (back, ==, e);
      g_assert_nonnull (rapport_encoding_get_label (e));
    }
  g_assert_cmpstr (rapport_encoding_to_string (RAPPORT_ENCODING_GB18030), ==, "gb18030");
  g_assert_false (rapport_encoding_from_string ("latin1", &(RapportEncoding) { 0 }));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/text-decode/utf8", test_decode_utf8);
  g_test_add_func ("/core/text-decode/utf16", test_decode_utf16);
  g_test_add_func ("/core/text-decode/gbk", test_decode_gbk);
  g_test_add_func ("/core/text-decode/gbk-all-characters", test_decode_gbk_all_characters);
  g_test_add_func ("/core/text-decode/gbk-as-utf8", test_decode_gbk_as_utf8);
  g_test_add_func ("/core/text-decode/bad-line", test_decode_bad_line);
  g_test_add_func ("/core/text-decode/truncated", test_decode_truncated);
  g_test_add_func ("/core/text-decode/mixed", test_decode_mixed);
  g_test_add_func ("/core/text-decode/empty", test_decode_empty);
  g_test_add_func ("/core/text-decode/keys", test_encoding_keys);

  return g_test_run ();
}
