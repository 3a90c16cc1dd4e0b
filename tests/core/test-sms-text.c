/* test-sms-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-sms-text.h"

static char *
repeat (const char *piece,
        guint       times)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (text, piece);

  return g_string_free (text, FALSE);
}

static void
assert_measures (const char *text,
                 guint       characters,
                 guint       segments,
                 guint       per_segment)
{
  guint out_characters = 0, out_segments = 0, out_per_segment = 0;

  rapport_sms_text_measure (text, &out_characters, &out_segments, &out_per_segment);
  g_assert_cmpuint (out_characters, ==, characters);
  g_assert_cmpuint (out_segments, ==, segments);
  g_assert_cmpuint (out_per_segment, ==, per_segment);
}

static void
assert_measures_repeated (const char *piece,
                          guint       times,
                          guint       characters,
                          guint       segments,
                          guint       per_segment)
{
  g_autofree char *text = repeat (piece, times);

  assert_measures (text, characters, segments, per_segment);
}

static void
test_sms_measure_gsm (void)
{
  assert_measures ("Hello @home, £5 è Ø_Δ!\n", 23, 1, 160);
  assert_measures_repeated ("a", 160, 160, 1, 160);
  assert_measures_repeated ("a", 161, 161, 2, 153);
  assert_measures_repeated ("a", 306, 306, 2, 153);
  assert_measures_repeated ("a", 307, 307, 3, 153);

  /* The extension characters take two places. */
  assert_measures ("€[]{}\\^~|", 18, 1, 160);
  assert_measures_repeated ("€", 80, 160, 1, 160);
  assert_measures_repeated ("€", 81, 162, 2, 153);
}

static void
test_sms_measure_unicode (void)
{
  assert_measures ("王总您好", 4, 1, 70);
  assert_measures_repeated ("好", 70, 70, 1, 70);
  assert_measures_repeated ("好", 71, 71, 2, 67);
  assert_measures_repeated ("好", 134, 134, 2, 67);
  assert_measures_repeated ("好", 135, 135, 3, 67);

  /* One character outside the GSM set switches the whole text, and the
   * extension characters then count once. */
  assert_measures ("Hi 王总 €", 7, 1, 70);
  assert_measures ("ê", 1, 1, 70);
  assert_measures ("`", 1, 1, 70);
  assert_measures ("全角，标点。", 6, 1, 70);
  {
    g_autofree char *text = g_strconcat ("好", "", NULL);
    g_autofree char *long_text = repeat ("a", 159);
    g_autofree char *mixed = g_strconcat (long_text, text, NULL);

    assert_measures (mixed, 160, 3, 67);
  }
}

static void
test_sms_measure_empty (void)
{
  guint segments = 99;

  assert_measures ("", 0, 0, 160);
  assert_measures (NULL, 0, 0, 160);
  rapport_sms_text_measure ("abc", NULL, &segments, NULL);
  g_assert_cmpuint (segments, ==, 1);
}

static void
test_sms_unsubscribe (void)
{
  const struct
  {
    const char *text;
    const char *expected;
  } cases[] = {
    { "王总您好，新年快乐", "王总您好，新年快乐 拒收请回复R" },
    { "王总您好，新年快乐。", "王总您好，新年快乐。拒收请回复R" },
    { "Happy new year!", "Happy new year!拒收请回复R" },
    { "新年快乐\n", "新年快乐\n拒收请回复R" },
    { "", "拒收请回复R" },
    { NULL, "拒收请回复R" },
    { "新年快乐。拒收请回复R", "新年快乐。拒收请回复R" },
    { "新年快乐 拒收请回复Ｒ", "新年快乐 拒收请回复Ｒ" },
    { "新年快乐，拒收请回复 r。", "新年快乐，拒收请回复 r。" },
  };

  g_assert_cmpstr (rapport_sms_unsubscribe_text (), ==, "拒收请回复R");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *with = rapport_sms_text_add_unsubscribe (cases[i].text);

      g_assert_cmpstr (with, ==, cases[i].expected);
      g_assert_true (rapport_sms_text_has_unsubscribe (with));
    }

  g_assert_false (rapport_sms_text_has_unsubscribe ("新年快乐"));
  g_assert_false (rapport_sms_text_has_unsubscribe ("拒收请回复"));
  g_assert_false (rapport_sms_text_has_unsubscribe ("拒收请回复T"));
  g_assert_false (rapport_sms_text_has_unsubscribe (NULL));
  g_assert_true (rapport_sms_text_has_unsubscribe ("拒收请回复ｒ"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sms-text/measure-gsm", test_sms_measure_gsm);
  g_test_add_func ("/core/sms-text/measure-unicode", test_sms_measure_unicode);
  g_test_add_func ("/core/sms-text/measure-empty", test_sms_measure_empty);
  g_test_add_func ("/core/sms-text/unsubscribe", test_sms_unsubscribe);

  return g_test_run ();
}
