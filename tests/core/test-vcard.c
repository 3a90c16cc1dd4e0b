/* test-vcard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rapport-text-decode.h"
#include "rapport-vcard.h"

typedef struct {
  GPtrArray *cards;      /* RapportVCard */
  GArray    *numbers;    /* guint */
  guint      stop_after; /* 0: never */
} Collected;

static gboolean
collect_cb (const RapportVCard *card,
            guint               card_number,
            gpointer            user_data)
{
  Collected *collected = user_data;

  g_ptr_array_add (collected->cards, rapport_vcard_copy (card));
  g_array_append_val (collected->numbers, card_number);
  return collected->stop_after == 0 || collected->cards->len < collected->stop_after;
}

static void
collected_init (Collected *collected)
{
  collected->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_vcard_free);
  collected->numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  collected->stop_after = 0;
}

static void
collected_clear (Collected *collected)
{
  g_ptr_array_unref (collected->cards);
  g_array_unref (collected->numbers);
}

/* The cards of @text, which must read without error. */
static GPtrArray *
read_cards (const char *text)
{
  Collected collected;
  g_autoptr(GError) error = NULL;
  GPtrArray *cards;

  collected_init (&collected);
  g_assert_true (rapport_vcard_foreach_card (text, collect_cb, &collected, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < collected.numbers->len; i++)
    g_assert_cmpuint (g_array_index (collected.numbers, guint, i), ==, i + 1);
  cards = g_ptr_array_ref (collected.cards);
  collected_clear (&collected);
  return cards;
}

static RapportVCard *
card_at (GPtrArray *cards,
         guint      index)
{
  g_assert_cmpuint (index, <, cards->len);
  return g_ptr_array_index (cards, index);
}

#define STRV(...) ((const char * const []) { __VA_ARGS__, NULL })

static void
assert_strv (char              **actual,
             const char * const *expected)
{
  if (expected[0] == NULL)
    {
      g_assert_true (actual == NULL || actual[0] == NULL);
      return;
    }
  g_assert_nonnull (actual);
  g_assert_cmpstrv (actual, expected);
}

/* Android's contacts app exports 2.1: QUOTED-PRINTABLE UTF-8 with soft line
 * breaks, bare types, and base64 photos whose lines are not all indented. */
static void
test_vcard_android_21 (void)
{
  const char text[] =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=B8=89;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=B8=89\r\n"
    "TEL;CELL:138-0013-8000\r\n"
    "TEL;WORK;VOICE:010-6212 3456\r\n"
    "TEL;HOME;FAX:010-6212 3457\r\n"
    "EMAIL;HOME:zhangsan@example.com\r\n"
    "EMAIL;WORK:zs@acme.example\r\n"
    "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=98=9F=E8=BE=B0=E8=B4=B8=E6=98=93;=E9=94=80=E5=94=AE=E9=83=A8\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E8=80=81=E5=AE=A2=E6=88=B7=EF=BC=8C=E6=AF=8F=E6=9C=88=E8=AE=A2=\r\n"
    "=E8=B4=A7=0A=E7=AC=AC=E4=BA=8C=E8=A1=8C\r\n"
    "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYE\r\n"
    "    BAQEBAQIBgYFBgkICgoJCAkJCgwPDAoLDgsJCQ0RDQ4PEBAREAoMEhMSEBMPEBAQ/9sAQwEDAwME\r\n"
    "AwQIBAQIEAsJCxAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ\r\n"
    "\r\n"
    "BDAY:1980-03-05\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N:Lee;Ann;;;\r\n"
    "TEL;PREF;CELL:+1 555 0100\r\n"
    "END:VCARD\r\n";
  g_autoptr(GPtrArray) cards = read_cards (text);
  RapportVCard *zhang = card_at (cards, 0);
  RapportVCard *ann = card_at (cards, 1);

  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpstr (zhang->formatted_name, ==, "张三");
  g_assert_cmpstr (zhang->family_name, ==, "张");
  g_assert_cmpstr (zhang->given_name, ==, "三");
  g_assert_cmpstr (zhang->organisation, ==, "星辰贸易");
  assert_strv (zhang->phones, STRV ("138-0013-8000", "010-6212 3456", "010-6212 3457"));
  assert_strv (zhang->phone_types, STRV ("cell", "work", "home,fax"));
  assert_strv (zhang->emails, STRV ("zhangsan@example.com", "zs@acme.example"));
  g_assert_cmpstr (zhang->note, ==, "老客户，每月订货\n第二行");
  g_assert_cmpstr (zhang->birthday, ==, "1980-03-05");
  g_assert_null (zhang->birthday_text);
  g_assert_null (zhang->problems);

  /* No FN: the name is made from N. */
  g_assert_cmpstr (ann->formatted_name, ==, "Ann Lee");
  assert_strv (ann->phones, STRV ("+1 555 0100"));
  assert_strv (ann->phone_types, STRV ("cell"));
}

/* Older Chinese phones write GB2312/GBK in QUOTED-PRINTABLE. */
static void
test_vcard_gbk_charset (void)
{
  const char text[] =
    "BEGIN:VCARD\n"
    "VERSION:2.1\n"
    "N;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:=D5=C5;=C8=FD\n"
    "FN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=D5=C5=C8=FD\n"
    "ADR;HOME;CHARSET=GB18030;ENCODING=QUOTED-PRINTABLE:;;=BF=C6=BC=BC=C2=B7=31=BA=C5;=C9=EE=DB=DA=CA=D0;=B9=E3=B6=AB=CA=A1;;\n"
    "TITLE;ENCODING=QUOTED-PRINTABLE:=BE=AD=C0=ED\n"
    "END:VCARD\n";
  g_autoptr(GPtrArray) cards = read_cards (text);
  RapportVCard *card = card_at (cards, 0);

  g_assert_cmpstr (card->formatted_name, ==, "张三");
  g_assert_cmpstr (card->family_name, ==, "张");
  g_assert_cmpstr (card->given_name, ==, "三");
  g_assert_cmpstr (card->address, ==, "广东省深圳市科技路1号");
  /* No CHARSET and not UTF-8: read as GB18030, a Chinese phone's own. */
  g_assert_cmpstr (card->title, ==, "经理");
  g_assert_null (card->problems);
}

/* A value whose bytes are not text in its charset is left out and reported;
 * the rest of the card is read. */
static void
test_vcard_bad_charset (void)
{
  const char text[] =
    "BEGIN:VCARD\n"
    "VERSION:2.1\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D5=C5=C8=FD\n"
    "TEL;CELL:13800138000\n"
    "END:VCARD\n";
  g_autoptr(GPtrArray) cards = read_cards (text);
  RapportVCard *card = card_at (cards, 0);

  g_assert_null (card->formatted_name);
  assert_strv (card->phones, STRV ("13800138000"));
  g_assert_nonnull (card->problems);
  g_assert_cmpuint (g_strv_length (card->problems), ==, 1);
  g_assert_nonnull (strstr (card->problems[0], "FN"));
  g_assert_nonnull (strstr (card->problems[0], "UTF-8"));
}

/* iOS exports 3.0: grouped properties, repeated type parameters, escaped
 * colons in URLs, folded base64 photos and yearless birthdays with a
 * made-up year it names. */
static void
test_vcard_ios_30 (void)
{
  const char text[] =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:王;五;;;\r\n"
    "FN:王五\r\n"
    "ORG:深圳星辰科技有限公司;\r\n"
    "TITLE:采购经理\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:wangwu@xingchen.example\r\n"
    "item1.TEL;type=CELL;type=VOICE;type=pref:+86 139 0000 1111\r\n"
    "item1.X-ABLabel:_$!<Mobile>!$_\r\n"
    "TEL;type=IPHONE;type=CELL;type=VOICE:139 0000 2222\r\n"
    "TEL;type=WORK;type=VOICE:0755-8888 6666\r\n"
    "item2.ADR;type=HOME:;;南山区科技路1号;深圳市;广东省;518000;中国\r\n"
    "item3.ADR;type=WORK;type=pref:;;福田区深南大道2号;深圳市;广东省;518000;中国\r\n"
    "item4.URL;type=pref:https\\://xingchen.example/about\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-05\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAASABIAAD/4QBMRXhpZgAATU0AKgAAAAgA\r\n"
    " AYdpAAQAAAABAAAAGgAAAAAAA6ABAAMAAAABAAEAAKACAAQAAAABAAAAZKADAAQAAAABAAAAZAAA\r\n"
    " AAD/7QA4UGhvdG9zaG9wIDMuMAA4QklNBAQAAAAAAAA4QklNBCUAAAAAABDUHYzZjwCyBOmACZjs\r\n"
    "CATEGORIES:VIP,老客户\r\n"
    "END:VCARD\r\n";
  g_autoptr(GPtrArray) cards = read_cards (text);
  RapportVCard *card = card_at (cards, 0);

  g_assert_cmpstr (card->formatted_name, ==, "王五");
  g_assert_cmpstr (card->organisation, ==, "深圳星辰科技有限公司");
  g_assert_cmpstr (card->title, ==, "采购经理");
  assert_strv (card->emails, STRV ("wangwu@xingchen.example"));
  assert_strv (card->phones, STRV ("+86 139 0000 1111", "139 0000 2222", "0755-8888 6666"));
  assert_strv (card->phone_types, STRV ("cell", "cell", "work"));
  /* The preferred address, Chinese order, postal code after. */
  g_assert_cmpstr (card->address, ==, "中国广东省深圳市福田区深南大道2号 518000");
  g_assert_cmpstr (card->url, ==, "https://xingchen.example/about");
  g_assert_null (card->birthday);
  g_assert_cmpstr (card->birthday_text, ==, "--03-05");
  assert_strv (card->categories, STRV ("VIP", "老客户"));
}

/* GNOME Contacts (and other 4.0 writers): quoted type lists, tel: URIs,
 * data: URI photos, escapes. */
static void
test_vcard_gnome_40 (void)
{
  const char text[] =
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Ann Lee\n"
    "N:Lee;Ann;Marie;Dr.;\n"
    "TEL;VALUE=uri;TYPE=\"cell,voice\";PREF=1:tel:+1-555-555-0100\n"
    "TEL;VALUE=uri;TYPE=work:tel:+1-555-555-0199\n"
    "EMAIL;TYPE=work:ann@example.com\n"
    "EMAIL:ann.lee@example.org\n"
    "BDAY:19800305\n"
    "ADR;TYPE=home:;Apt 4;1 Main St\\nBuilding B;Springfield;IL;62701;USA\n"
    "NOTE:Met at the fair\\, 2023.\\nLikes tea\\; no coffee. Path C:\\\\temp\n"
    "CATEGORIES:Customers,Tea\\, green\n"
    "CATEGORIES:Fair 2023\n"
    "PHOTO:data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADU\n"
    " lEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\n"
    "URL:https://ann.example\n"
    "END:VCARD\n";
  g_autoptr(GPtrArray) cards = read_cards (text);
  RapportVCard *card = card_at (cards, 0);

  g_assert_cmpstr (card->formatted_name, ==, "Ann Lee");
  g_assert_cmpstr (card->given_name, ==, "Ann");
  g_assert_cmpstr (card->family_name, ==, "Lee");
  assert_strv (card->phones, STRV ("+1-555-555-0100", "+1-555-555-0199"));
  assert_strv (card->phone_types, STRV ("cell", "work"));
  assert_strv (card->emails, STRV ("ann@example.com", "ann.lee@example.org"));
  g_assert_cmpstr (card->birthday, ==, "1980-03-05");
  g_assert_cmpstr (card->address, ==, "Apt 4, 1 Main St, Building B, Springfield, IL 62701, USA");
  g_assert_cmpstr (card->note, ==, "Met at the fair, 2023.\nLikes tea; no coffee. Path C:\\temp");
  assert_strv (card->categories, STRV ("Customers", "Tea, green", "Fair 2023"));
  g_assert_cmpstr (card->url, ==, "https://ann.example");
}

/* Outlook writes 2.1 with LANGUAGE parameters, several types per TEL, and a
 * QUOTED-PRINTABLE LABEL beside the ADR. */
static void
test_vcard_outlook (void)
{
  const char text[] =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;LANGUAGE=zh-cn:赵;六\r\n"
    "FN:赵六\r\n"
    "ORG:远景咨询有限公司;市场部\r\n"
    "TITLE:总监\r\n"
    "TEL;WORK;VOICE:(010) 8888-1234\r\n"
    "TEL;CELL;VOICE:186 0000 3333\r\n"
    "TEL;WORK;FAX:(010) 8888-1235\r\n"
    "LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:=E6=9C=9D=E9=98=B3=E5=8C=BA=E5=BB=BA=E5=9B=BD=E8=B7=AF1=E5=8F=B7=0D=0A=\r\n"
    "=E5=8C=97=E4=BA=AC\r\n"
    "EMAIL;PREF;INTERNET:zhaoliu@yuanjing.example\r\n"
    "BDAY:19751120\r\n"
    "REV:20240101T080000Z\r\n"
    "END:VCARD\r\n";
  g_autoptr(GPtrArray) cards = read_cards (text);
  RapportVCard *card = card_at (cards, 0);

  g_assert_cmpstr (card->formatted_name, ==, "赵六");
  g_assert_cmpstr (card->family_name, ==, "赵");
  g_assert_cmpstr (card->organisation, ==, "远景咨询有限公司");
  g_assert_cmpstr (card->title, ==, "总监");
  assert_strv (card->phones, STRV ("(010) 8888-1234", "186 0000 3333", "(010) 8888-1235"));
  assert_strv (card->phone_types, STRV ("work", "cell", "work,fax"));
  g_assert_true (rapport_vcard_types_contain (card->phone_types[2], "fax"));
  g_assert_false (rapport_vcard_types_contain (card->phone_types[2], "cell"));
  assert_strv (card->emails, STRV ("zhaoliu@yuanjing.example"));
  g_assert_cmpstr (card->birthday, ==, "1975-11-20");
  /* Without an ADR, the LABEL on one line. */
  g_assert_cmpstr (card->address, ==, "朝阳区建国路1号, 北京");
}

static void
test_vcard_folding (void)
{
  const char text[] =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Long\r\n"
    "  Name\r\n"
    "NOTE:This note was folded \r\n"
    " in the middle of a word: incompre\r\n"
    "\thensible. 中文也\r\n"
    " 可以折行\r\n"
    "TEL\r\n"
    " ;TYPE=CELL:138 0013 8000\r\n"
    "END:VCARD\r\n"
    /* A stray soft line break at a value's end does not swallow END. */
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Soft=\r\nEND:VCARD\r\n"
    /* Old Macs end lines in CR alone. */
    "BEGIN:VCARD\rVERSION:3.0\rFN:Mac\r Card\rEND:VCARD\r";
  g_autoptr(GPtrArray) cards = read_cards (text);

  g_assert_cmpuint (cards->len, ==, 3);
  g_assert_cmpstr (card_at (cards, 0)->formatted_name, ==, "Long Name");
  g_assert_cmpstr (card_at (cards, 0)->note, ==,
                   "This note was folded in the middle of a word: incomprehensible. 中文也可以折行");
  assert_strv (card_at (cards, 0)->phones, STRV ("138 0013 8000"));
  assert_strv (card_at (cards, 0)->phone_types, STRV ("cell"));
  g_assert_cmpstr (card_at (cards, 1)->formatted_name, ==, "Soft=");
  g_assert_cmpstr (card_at (cards, 2)->formatted_name, ==, "MacCard");
}

/* A writer that folds inside a UTF-8 character leaves invalid bytes until
 * the fold is undone; unfolding the bytes first makes the file UTF-8 again. */
static void
test_vcard_unfold_bytes (void)
{
  /* 张三 is E5 BC A0 E4 B8 89; the fold splits 三. */
  const char raw[] =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\xE5\xBC\xA0\xE4\xB8\r\n \x89\r\n"
    "NOTE:a\n\tb\rc\r\n\r\n\r\nEND:VCARD\r\n";
  g_autofree char *data = g_strdup (raw);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  gsize len;
  const char utf16[] = "\xFF\xFE" "B\0\r\0\n\0 \0";
  char utf16_copy[sizeof utf16];

  g_assert_false (g_utf8_validate (data, -1, NULL));
  len = rapport_vcard_unfold_bytes (data, strlen (data));
  g_assert_cmpuint (len, ==, strlen (data));
  g_assert_cmpstr (data, ==, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nNOTE:ab\rc\r\n\r\n\r\nEND:VCARD\r\n");
  g_assert_cmpint (rapport_encoding_detect (data, len), ==, RAPPORT_ENCODING_UTF8);
  text = rapport_text_decode (data, len, RAPPORT_ENCODING_UTF8, NULL, &error);
  g_assert_no_error (error);
  cards = read_cards (text);
  g_assert_cmpstr (card_at (cards, 0)->formatted_name, ==, "张三");

  /* UTF-16 is left alone. */
  memcpy (utf16_copy, utf16, sizeof utf16);
  g_assert_cmpuint (rapport_vcard_unfold_bytes (utf16_copy, sizeof utf16 - 1), ==, sizeof utf16 - 1);
  g_assert_cmpmem (utf16_copy, sizeof utf16 - 1, utf16, sizeof utf16 - 1);
  g_assert_cmpuint (rapport_vcard_unfold_bytes (NULL, 0), ==, 0);
}

static void
test_vcard_birthdays (void)
{
  static const struct {
    const char *line;
    const char *birthday;
    const char *text;
  } cases[] = {
    { "BDAY:19800305", "1980-03-05", NULL },
    { "BDAY:1980-03-05", "1980-03-05", NULL },
    { "BDAY:1980-03-05T00:00:00Z", "1980-03-05", NULL },
    { "BDAY;VALUE=date:20000229", "2000-02-29", NULL },
    { "BDAY:--0305", NULL, "--0305" },
    { "BDAY:--03-05", NULL, "--03-05" },
    { "BDAY:20230229", NULL, "20230229" },
    { "BDAY;VALUE=text:circa 1980", NULL, "circa 1980" },
    { "BDAY:", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("BEGIN:VCARD\nVERSION:4.0\nFN:A\n%s\nEND:VCARD\n", cases[i].line);
      g_autoptr(GPtrArray) cards = read_cards (text);

      g_assert_cmpstr (card_at (cards, 0)->birthday, ==, cases[i].birthday);
      g_assert_cmpstr (card_at (cards, 0)->birthday_text, ==, cases[i].text);
    }
}

/* A photo of several megabytes is skipped without slowing the reading: 2.1
 * style (unindented lines ended by a blank line) and folded 3.0 style. */
static void
test_vcard_large_photo (void)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Big\r\nPHOTO;ENCODING=BASE64;JPEG:");
  g_autoptr(GPtrArray) cards = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append (text, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2\r\n");
  g_string_append (text, "\r\nTEL;CELL:13800138000\r\nEND:VCARD\r\n");
  g_string_append (text, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Folded\r\nPHOTO;ENCODING=b;TYPE=JPEG:QUJD");
  for (guint i = 0; i < 50000; i++)
    g_string_append (text, "\r\n QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2");
  g_string_append (text, "\r\nEMAIL:f@example.com\r\nEND:VCARD\r\n");

  cards = read_cards (text->str);
  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpstr (card_at (cards, 0)->formatted_name, ==, "Big");
  assert_strv (card_at (cards, 0)->phones, STRV ("13800138000"));
  g_assert_cmpstr (card_at (cards, 1)->formatted_name, ==, "Folded");
  assert_strv (card_at (cards, 1)->emails, STRV ("f@example.com"));
}

/* A truncated file: the complete cards are read, and the error names the
 * card that was cut off. */
static void
test_vcard_truncated (void)
{
  const char text[] =
    "BEGIN:VCARD\nVERSION:3.0\nFN:One\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Two\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Thr";
  Collected collected;
  g_autoptr(GError) error = NULL;

  collected_init (&collected);
  g_assert_false (rapport_vcard_foreach_card (text, collect_cb, &collected, &error));
  g_assert_error (error, RAPPORT_VCARD_ERROR, RAPPORT_VCARD_ERROR_UNTERMINATED);
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_cmpuint (collected.cards->len, ==, 2);
  g_assert_cmpstr (((RapportVCard *) g_ptr_array_index (collected.cards, 1))->formatted_name, ==, "Two");
  collected_clear (&collected);
}

/* Cut at every byte, a file gives its complete cards and, when it ends
 * inside one, an error naming it; never a crash or a half card. */
static void
test_vcard_truncated_everywhere (void)
{
  const char text[] =
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=\r\n=E4=B8=89\r\n"
    "TEL;CELL:138\r\nPHOTO;ENCODING=BASE64;JPEG:/9j/\r\n QUJD\r\nQUJD\r\n\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\n  Lee\r\nTEL;TYPE=\"cell,voice\":tel:+1\r\nEND:VCARD\r\n";
  gsize len = strlen (text);

  for (gsize cut = 0; cut <= len; cut++)
    {
      g_autofree char *prefix = g_strndup (text, cut);
      Collected collected;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      collected_init (&collected);
      ok = rapport_vcard_foreach_card (prefix, collect_cb, &collected, &error);
      g_assert_true (ok == (error == NULL));
      if (error != NULL)
        g_assert_true (g_error_matches (error, RAPPORT_VCARD_ERROR, RAPPORT_VCARD_ERROR_UNTERMINATED)
                       || g_error_matches (error, RAPPORT_VCARD_ERROR, RAPPORT_VCARD_ERROR_NO_CARDS));
      for (guint i = 0; i < collected.cards->len; i++)
        {
          RapportVCard *card = g_ptr_array_index (collected.cards, i);

          /* Only complete cards: their last property is read whole. */
          g_assert_cmpstr (card->formatted_name, ==, i == 0 ? "张三" : "Ann Lee");
          g_assert_cmpstrv (card->phones, i == 0 ? STRV ("138") : STRV ("+1"));
        }
      collected_clear (&collected);
    }
}

/* A card that another BEGIN interrupts is an error naming it. */
static void
test_vcard_nesting (void)
{
  const char text[] =
    "BEGIN:VCARD\nVERSION:3.0\nFN:One\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Two\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Three\nEND:VCARD\n";
  Collected collected;
  g_autoptr(GError) error = NULL;

  collected_init (&collected);
  g_assert_false (rapport_vcard_foreach_card (text, collect_cb, &collected, &error));
  g_assert_error (error, RAPPORT_VCARD_ERROR, RAPPORT_VCARD_ERROR_UNTERMINATED);
  g_assert_nonnull (strstr (error->message, "2"));
  g_assert_cmpuint (collected.cards->len, ==, 1);
  collected_clear (&collected);
}

/* 2.1's AGENT may embed a card: not one of the file's. */
static void
test_vcard_agent (void)
{
  const char text[] =
    "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nAGENT:\n"
    "BEGIN:VCARD\nVERSION:2.1\nFN:Assistant\nTEL:111\nEND:VCARD\n"
    "TEL;WORK:222\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:2.1\nFN:Next\nEND:VCARD\n";
  g_autoptr(GPtrArray) cards = read_cards (text);

  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpstr (card_at (cards, 0)->formatted_name, ==, "Boss");
  assert_strv (card_at (cards, 0)->phones, STRV ("222"));
  g_assert_cmpstr (card_at (cards, 1)->formatted_name, ==, "Next");
}

static void
test_vcard_no_cards (void)
{
  static const char *texts[] = { "", "\r\n\r\n", "Name,Phone\nAnn,138\n", "END:VCARD\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      Collected collected;
      g_autoptr(GError) error = NULL;

      collected_init (&collected);
      g_assert_false (rapport_vcard_foreach_card (texts[i], collect_cb, &collected, &error));
      g_assert_error (error, RAPPORT_VCARD_ERROR, RAPPORT_VCARD_ERROR_NO_CARDS);
      g_assert_cmpuint (collected.cards->len, ==, 0);
      collected_clear (&collected);
    }
}

static void
test_vcard_stop (void)
{
  const char text[] =
    "BEGIN:VCARD\nFN:One\nEND:VCARD\n"
    "BEGIN:VCARD\nFN:Two\nEND:VCARD\n"
    "BEGIN:VCARD\nFN:Three";
  Collected collected;
  g_autoptr(GError) error = NULL;

  collected_init (&collected);
  collected.stop_after = 1;
  g_assert_true (rapport_vcard_foreach_card (text, collect_cb, &collected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collected.cards->len, ==, 1);
  collected_clear (&collected);
}

static RapportVCard *
make_card (void)
{
  RapportVCard *card = rapport_vcard_new ();
  const char *phones[] = { "+86 138 0013 8000", "010-6212;3456", NULL };
  const char *types[] = { "cell", "work,fax", NULL };
  const char *emails[] = { "zhangsan@example.com", "zs@acme.example", NULL };
  const char *categories[] = { "VIP", "老客户, 每月", "back\\slash", NULL };

  card->formatted_name = g_strdup ("张三");
  card->given_name = g_strdup ("三");
  card->family_name = g_strdup ("张");
  card->organisation = g_strdup ("上海星辰贸易有限公司; 总部");
  card->title = g_strdup ("采购经理");
  card->phones = g_strdupv ((char **) phones);
  card->phone_types = g_strdupv ((char **) types);
  card->emails = g_strdupv ((char **) emails);
  card->birthday = g_strdup ("1980-03-05");
  card->address = g_strdup ("上海市浦东新区世纪大道100号环球金融中心75层A座，靠近地铁站出口");
  card->note = g_strdup ("第一行：很长的备注，需要折行才能写进七十五个字节以内的行里，中文每个字三个字节。\n"
                         "Second line, with ; and , and \\ and a very long tail that keeps going.");
  card->categories = g_strdupv ((char **) categories);
  card->url = g_strdup ("https://xingchen.example/about?a=1;b=2");
  return card;
}

/* NULL and an empty list are the same list. */
static void
assert_strv_same (char **a,
                  char **b)
{
  if (a == NULL || a[0] == NULL || b == NULL || b[0] == NULL)
    {
      g_assert_true (a == NULL || a[0] == NULL);
      g_assert_true (b == NULL || b[0] == NULL);
      return;
    }
  g_assert_cmpstrv (a, b);
}

static void
assert_cards_equal (const RapportVCard *a,
                    const RapportVCard *b)
{
  g_assert_cmpstr (a->formatted_name, ==, b->formatted_name);
  g_assert_cmpstr (a->given_name, ==, b->given_name);
  g_assert_cmpstr (a->family_name, ==, b->family_name);
  g_assert_cmpstr (a->organisation, ==, b->organisation);
  g_assert_cmpstr (a->title, ==, b->title);
  assert_strv_same (a->phones, b->phones);
  assert_strv_same (a->phone_types, b->phone_types);
  assert_strv_same (a->emails, b->emails);
  g_assert_cmpstr (a->birthday, ==, b->birthday);
  g_assert_cmpstr (a->birthday_text, ==, b->birthday_text);
  g_assert_cmpstr (a->address, ==, b->address);
  g_assert_cmpstr (a->note, ==, b->note);
  assert_strv_same (a->categories, b->categories);
  g_assert_cmpstr (a->url, ==, b->url);
}

static void
test_vcard_write (void)
{
  g_autoptr(RapportVCard) card = make_card ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  guint folds = 0;

  rapport_vcard_append (out, card);

  g_assert_true (g_str_has_prefix (out->str, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:张三\r\nN:张;三;;;\r\n"));
  g_assert_true (g_str_has_suffix (out->str, "\r\nEND:VCARD\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nTEL;TYPE=cell:+86 138 0013 8000\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nTEL;TYPE=work,fax:010-6212\\;3456\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nBDAY:19800305\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nORG:上海星辰贸易有限公司\\; 总部\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nCATEGORIES:VIP,老客户\\, 每月,back\\\\slash\r\n"));

  /* CRLF only; lines of at most 75 octets, each valid UTF-8 (no character
   * split across a fold). */
  lines = g_strsplit (out->str, "\r\n", -1);
  for (char **line = lines; *line != NULL; line++)
    {
      if (**line == ' ')
        folds++;
      g_assert_null (strchr (*line, '\n'));
      g_assert_null (strchr (*line, '\r'));
      g_assert_cmpuint (strlen (*line), <=, 75);
      g_assert_true (g_utf8_validate (*line, -1, NULL));
    }
  /* The address and the note's two lines are longer than a line. */
  g_assert_cmpuint (folds, >=, 3);
}

/* Whatever the writer writes, the reader reads back as it was. */
static void
test_vcard_round_trip (void)
{
  g_autoptr(RapportVCard) full = make_card ();
  g_autoptr(RapportVCard) sparse = rapport_vcard_new ();
  g_autoptr(RapportVCard) yearless = rapport_vcard_new ();
  g_autoptr(RapportVCard) free_text = rapport_vcard_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) cards = NULL;
  const char *phones[] = { "13900001111", NULL };
  const char *no_type[] = { "", NULL };

  sparse->formatted_name = g_strdup ("Only a name");
  yearless->formatted_name = g_strdup ("Yearless");
  yearless->birthday_text = g_strdup ("--0305");
  yearless->phones = g_strdupv ((char **) phones);
  yearless->phone_types = g_strdupv ((char **) no_type);
  free_text->given_name = g_strdup ("Ann");
  free_text->family_name = g_strdup ("Lee");
  free_text->formatted_name = g_strdup ("Ann Lee");
  free_text->birthday_text = g_strdup ("circa 1980, spring");

  rapport_vcard_append (out, full);
  rapport_vcard_append (out, sparse);
  rapport_vcard_append (out, yearless);
  rapport_vcard_append (out, free_text);
  cards = read_cards (out->str);

  g_assert_cmpuint (cards->len, ==, 4);
  assert_cards_equal (card_at (cards, 0), full);
  assert_cards_equal (card_at (cards, 1), sparse);
  assert_cards_equal (card_at (cards, 2), yearless);
  assert_cards_equal (card_at (cards, 3), free_text);
}

/* A card without FN gets one, as 4.0 requires, from its names. */
static void
test_vcard_write_without_fn (void)
{
  g_autoptr(RapportVCard) card = rapport_vcard_new ();
  g_autoptr(RapportVCard) empty = rapport_vcard_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  card->given_name = g_strdup ("三");
  card->family_name = g_strdup ("张");
  rapport_vcard_append (out, card);
  g_assert_true (g_str_has_prefix (out->str, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:张三\r\n"));

  g_string_truncate (out, 0);
  rapport_vcard_append (out, empty);
  g_assert_cmpstr (out->str, ==, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:\r\nEND:VCARD\r\n");
}

static void
test_vcard_boxed (void)
{
  g_autoptr(RapportVCard) card = make_card ();
  g_autoptr(RapportVCard) copy = g_boxed_copy (RAPPORT_TYPE_VCARD, card);

  assert_cards_equal (copy, card);
  g_assert_true (copy->phones != card->phones);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard/android-2.1", test_vcard_android_21);
  g_test_add_func ("/vcard/gbk-charset", test_vcard_gbk_charset);
  g_test_add_func ("/vcard/bad-charset", test_vcard_bad_charset);
  g_test_add_func ("/vcard/ios-3.0", test_vcard_ios_30);
  g_test_add_func ("/vcard/gnome-4.0", test_vcard_gnome_40);
  g_test_add_func ("/vcard/outlook", test_vcard_outlook);
  g_test_add_func ("/vcard/folding", test_vcard_folding);
  g_test_add_func ("/vcard/unfold-bytes", test_vcard_unfold_bytes);
  g_test_add_func ("/vcard/birthdays", test_vcard_birthdays);
  g_test_add_func ("/vcard/large-photo", test_vcard_large_photo);
  g_test_add_func ("/vcard/truncated", test_vcard_truncated);
  g_test_add_func ("/vcard/truncated-everywhere", test_vcard_truncated_everywhere);
  g_test_add_func ("/vcard/nesting", test_vcard_nesting);
  g_test_add_func ("/vcard/agent", test_vcard_agent);
  g_test_add_func ("/vcard/no-cards", test_vcard_no_cards);
  g_test_add_func ("/vcard/stop", test_vcard_stop);
  g_test_add_func ("/vcard/write", test_vcard_write);
  g_test_add_func ("/vcard/round-trip", test_vcard_round_trip);
  g_test_add_func ("/vcard/write-without-fn", test_vcard_write_without_fn);
  g_test_add_func ("/vcard/boxed", test_vcard_boxed);

  return g_test_run ();
}
