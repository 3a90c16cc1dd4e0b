/* test-mail-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-mail-message.h"

#define UUID "0190a3c1-7e2b-7c4d-9a1b-123456789abc"

static GDateTime *
test_date (void)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+08:00");

  return g_date_time_new (zone, 2027, 2, 6, 9, 30, 5);
}

static void
test_ascii (void)
{
  g_autoptr (GDateTime) date = test_date ();
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  RapportMailEnvelope env = {
    .from_name = "Acme Sales",
    .from_address = "sales@example.com",
    .to_name = "Wang \"the boss\" Wei",
    .to_address = "wang@example.com",
    .subject = "Quarterly check-in",
    .body = "Hello,\nall is well.\n",
    .message_uuid = UUID,
    .date = date,
  };

  message = rapport_mail_message_build (&env, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (message, ==,
                   "From: \"Acme Sales\" <sales@example.com>\r\n"
                   "To: \"Wang \\\"the boss\\\" Wei\" <wang@example.com>\r\n"
                   "Subject: Quarterly check-in\r\n"
                   "Date: Sat, 06 Feb 2027 09:30:05 +0800\r\n"
                   "Message-ID: <" UUID "@example.com>\r\n"
                   "MIME-Version: 1.0\r\n"
                   "Content-Type: text/plain; charset=UTF-8\r\n"
                   "Content-Transfer-Encoding: base64\r\n"
                   "\r\n"
                   /* base64 of "Hello,\r\nall is well.\r\n" */
                   "SGVsbG8sDQphbGwgaXMgd2VsbC4NCg==\r\n");
}

/* Decodes the encoded words of an unfolded header value. */
static char *
decode_words (const char *value)
{
  g_autofree char *unfolded = NULL;
  g_auto (GStrv) words = NULL;
  GString *out = g_string_new (NULL);
  g_autoptr (GRegex) crlf = g_regex_new ("\r\n ", 0, 0, NULL);

  unfolded = g_regex_replace_literal (crlf, value, -1, 0, " ", 0, NULL);
  words = g_strsplit (unfolded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *inner = NULL;
      g_autofree guchar *decoded = NULL;
      gsize length = 0;

      g_assert_true (g_str_has_prefix (words[i], "=?UTF-8?B?"));
      g_assert_true (g_str_has_suffix (words[i], "?="));
      g_assert_cmpuint (strlen (words[i]), <=, 75);
      inner = g_strndup (words[i] + 10, strlen (words[i]) - 12);
      decoded = g_base64_decode (inner, &length);
      /* Each word holds whole characters. */
      g_assert_true (g_utf8_validate ((const char *) decoded, length, NULL));
      g_string_append_len (out, (const char *) decoded, length);
    }

  return g_string_free (out, FALSE);
}

static char *
header_value (const char *message,
              const char *name)
{
  g_autofree char *start = g_strconcat ("\r\n", name, ": ", NULL);
  const char *p = strstr (message, start);
  const char *end;

  if (p == NULL && g_str_has_prefix (message, start + 2))
    p = message - 2;
  g_assert_nonnull (p);
  p += strlen (start);
  end = p;
  while (!(end[0] == '\r' && end[1] == '\n' && end[2] != ' '))
    end++;
  return g_strndup (p, end - p);
}

static void
test_utf8 (void)
{
  g_autoptr (GDateTime) date = test_date ();
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *from = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *body64 = NULL;
  g_autofree guchar *body = NULL;
  g_auto (GStrv) lines = NULL;
  gsize body_length = 0;
  const char *long_subject = "春节快乐，恭喜发财！祝您和家人新年大吉、万事如意、身体健康，感谢您一直以来的支持 =?UTF-8?B?x?=";
  const char *text = "王总您好：\n\n新春快乐！\r\n速阳贸易 敬上";
  RapportMailEnvelope env = {
    .from_name = "速阳贸易",
    .from_address = "sales@例子.中国",
    .to_name = "王伟",
    .to_address = "wang@example.com",
    .subject = long_subject,
    .body = text,
    .message_uuid = UUID,
    .date = date,
  };

  message = rapport_mail_message_build (&env, &error);
  g_assert_no_error (error);

  /* Every line fits 76 columns and ends in CRLF; the text is ASCII. */
  g_assert_true (g_str_has_suffix (message, "\r\n"));
  lines = g_strsplit (message, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 76);
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      for (const char *p = lines[i]; *p != '\0'; p++)
        g_assert_cmpint ((guchar) *p, <, 0x80);
    }

  subject = header_value (message, "Subject");
  g_assert_nonnull (strstr (subject, "\r\n "));   /* folded */
  decoded = decode_words (subject);
  g_assert_cmpstr (decoded, ==, long_subject);

  from = header_value (message, "From");
  g_assert_true (g_str_has_suffix (from, " <sales@xn--fsqu00a.xn--fiqs8s>"));
  g_clear_pointer (&decoded, g_free);
  {
    g_autofree char *name = g_strndup (from, strlen (from) - strlen (" <sales@xn--fsqu00a.xn--fiqs8s>"));

    decoded = decode_words (name);
    g_assert_cmpstr (decoded, ==, "速阳贸易");
  }

  g_assert_nonnull (strstr (message, "\r\nMessage-ID: <" UUID "@xn--fsqu00a.xn--fiqs8s>\r\n"));

  body64 = g_strdup (strstr (message, "\r\n\r\n") + 4);
  body = g_base64_decode (body64, &body_length);
  g_assert_cmpmem (body, body_length, "王总您好：\r\n\r\n新春快乐！\r\n速阳贸易 敬上",
                   strlen ("王总您好：\r\n\r\n新春快乐！\r\n速阳贸易 敬上"));
}

static void
assert_rejected (const char *to_name,
                 const char *to_address)
{
  g_autoptr (GDateTime) date = test_date ();
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  RapportMailEnvelope env = {
    .from_address = "sales@example.com",
    .to_name = to_name,
    .to_address = to_address,
    .subject = "Hi",
    .body = "Hi",
    .message_uuid = UUID,
    .date = date,
  };

  message = rapport_mail_message_build (&env, &error);
  g_assert_null (message);
  g_assert_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_INVALID_ADDRESS);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "“"));
  /* The message is one line: what was typed cannot break it either. */
  g_assert_null (strpbrk (error->message, "\r\n"));
}

static void
test_injection (void)
{
  assert_rejected (NULL, "wang@example.com\r\nBcc: all@example.com");
  assert_rejected (NULL, "wang@example.com\nBcc: all@example.com");
  assert_rejected (NULL, "wang@example.com, all@example.com");
  assert_rejected (NULL, "wang@example.com;all@example.com");
  assert_rejected (NULL, "Wang <wang@example.com>");
  assert_rejected (NULL, "wang@example.com>");
  assert_rejected (NULL, "=?UTF-8?B?YWxsQGV4YW1wbGUuY29t?=@example.com");
  assert_rejected (NULL, "wang=?x?=@example.com");
  assert_rejected (NULL, "wang");
  assert_rejected (NULL, "wang@");
  assert_rejected (NULL, "wang@a@example.com");
  assert_rejected ("Wang\r\nBcc: all@example.com", "wang@example.com");
  assert_rejected ("Wang\nBcc: all@example.com", "wang@example.com");
}

static void
test_names_cannot_inject (void)
{
  g_autoptr (GDateTime) date = test_date ();
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *to = NULL;
  g_autofree char *decoded = NULL;
  RapportMailEnvelope env = {
    .from_address = "sales@example.com",
    .to_name = "x\" <evil@example.com>, \"y",
    .to_address = "wang@example.com",
    .subject = "Hi\r\nBcc: all@example.com",
    .body = "Hi",
    .message_uuid = UUID,
    .date = date,
  };

  message = rapport_mail_message_build (&env, &error);
  g_assert_no_error (error);
  /* Quoted, its quotes escaped: one mailbox. */
  to = header_value (message, "To");
  g_assert_cmpstr (to, ==, "\"x\\\" <evil@example.com>, \\\"y\" <wang@example.com>");
  /* A line break in the subject is a space, no header of its own. */
  g_assert_null (strstr (message, "\r\nBcc:"));
  g_assert_nonnull (strstr (message, "\r\nSubject: Hi Bcc: all@example.com\r\n"));

  /* A name that looks like an encoded word is encoded itself. */
  g_clear_pointer (&message, g_free);
  g_clear_pointer (&to, g_free);
  env.to_name = "=?UTF-8?B?ZXZpbA==?=";
  message = rapport_mail_message_build (&env, &error);
  g_assert_no_error (error);
  to = header_value (message, "To");
  g_assert_true (g_str_has_suffix (to, " <wang@example.com>"));
  to[strlen (to) - strlen (" <wang@example.com>")] = '\0';
  decoded = decode_words (to);
  g_assert_cmpstr (decoded, ==, "=?UTF-8?B?ZXZpbA==?=");
}

static void
test_idna (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ascii = NULL;

  ascii = rapport_mail_address_to_ascii ("wang@例子.中国", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ascii, ==, "wang@xn--fsqu00a.xn--fiqs8s");
  g_clear_pointer (&ascii, g_free);

  ascii = rapport_mail_address_to_ascii ("Wang.Wei+crm@Example.COM", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ascii, ==, "Wang.Wei+crm@example.com");
  g_clear_pointer (&ascii, g_free);

  ascii = rapport_mail_address_to_ascii ("info@bücher.de", &error);
  g_assert_cmpstr (ascii, ==, "info@xn--bcher-kva.de");
  g_clear_pointer (&ascii, g_free);

  ascii = rapport_mail_address_to_ascii ("王伟@example.com", &error);
  g_assert_null (ascii);
  g_assert_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_INVALID_ADDRESS);
  g_assert_nonnull (strstr (error->message, "before the @"));
  g_clear_error (&error);

  ascii = rapport_mail_address_to_ascii ("", &error);
  g_assert_null (ascii);
  g_assert_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_INVALID_ADDRESS);
  g_assert_cmpstr (error->message, ==, "There is no e-mail address to send to");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-message/ascii", test_ascii);
  g_test_add_func ("/mail-message/utf8", test_utf8);
  g_test_add_func ("/mail-message/injection", test_injection);
  g_test_add_func ("/mail-message/names-cannot-inject", test_names_cannot_inject);
  g_test_add_func ("/mail-message/idna", test_idna);

  return g_test_run ();
}
