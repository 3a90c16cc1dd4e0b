/* test-email.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rapport-email.h"
#include "rapport-validation.h"

static void
assert_normalizes (const char *input,
                   const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *normalized = NULL;

  if (!rapport_email_normalize (input, &normalized, &error))
    g_error ("“%s” did not normalise: %s", input, error->message);
  g_assert_cmpstr (normalized, ==, expected);
}

static void
assert_rejects (const char *input,
                const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *normalized = NULL;

  g_assert_false (rapport_email_normalize (input, &normalized, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_EMAIL);
  g_assert_null (normalized);
  if (message != NULL && strstr (error->message, message) == NULL)
    g_error ("“%s” gave “%s”, expected it to mention “%s”", input, error->message, message);
}

static void
test_email_valid (void)
{
  assert_normalizes ("wang@example.com", "wang@example.com");
  assert_normalizes ("  Wang.Wei@Example.COM ", "wang.wei@example.com");
  assert_normalizes ("ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "wang@example.com");
  assert_normalizes ("sales+crm@mail.example.com.cn", "sales+crm@mail.example.com.cn");
  assert_normalizes ("o'brien@example.ie", "o'brien@example.ie");
  assert_normalizes ("a-b_c@sub-domain.example.org", "a-b_c@sub-domain.example.org");
  assert_normalizes ("王伟@例子.中国", "王伟@例子.中国");
  assert_normalizes ("Wang Wei <Wang@Example.com>", "wang@example.com");
  assert_normalizes ("\"Wang, Wei\" < wang@example.com >", "wang@example.com");
  g_assert_true (rapport_email_normalize ("x@example.com", NULL, NULL));
}

static void
test_email_invalid (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) long_local = g_string_new (NULL);

  g_assert_false (rapport_email_normalize ("foo", NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_EMAIL);
  g_assert_cmpstr (error->message, ==, "“foo” is not an e-mail address: it has no @");
  g_clear_error (&error);

  g_assert_false (rapport_email_normalize ("", NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_EMAIL);
  g_assert_cmpstr (error->message, ==, "Enter an e-mail address");
  g_clear_error (&error);

  assert_rejects (NULL, "Enter");
  assert_rejects ("wang.example.com", "no @");
  assert_rejects ("a@b@example.com", "more than one @");
  assert_rejects ("@example.com", "nothing before the @");
  assert_rejects ("wang@", "domain");
  assert_rejects ("wang@example", "domain");
  assert_rejects ("wang@.example.com", "domain");
  assert_rejects ("wang@example..com", "domain");
  assert_rejects ("wang@-example.com", "domain");
  assert_rejects ("wang@example.com-", "domain");
  assert_rejects ("wang@1.2", "domain");
  assert_rejects ("wang@example.c", "domain");
  assert_rejects ("wang@exa_mple.com", "domain");
  assert_rejects ("wang wei@example.com", "space");
  assert_rejects ("wang@exam ple.com", "space");
  assert_rejects (".wang@example.com", "before the @");
  assert_rejects ("wang.@example.com", "before the @");
  assert_rejects ("wa..ng@example.com", "before the @");
  assert_rejects ("<b>wang</b>@example.com", "before the @");
  assert_rejects ("wang\"@example.com", "before the @");
  assert_rejects ("'; DROP TABLE contacts; --", NULL);
  assert_rejects ("Wang <wang>", "no @");
  assert_rejects ("<>", "Enter");

  for (guint i = 0; i < 65; i++)
    g_string_append_c (long_local, 'a');
  g_string_append (long_local, "@example.com");
  assert_rejects (long_local->str, "too long");

  /* A 10,000-character input gives a short message. */
  g_string_truncate (long_local, 0);
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_local, 'a');
  g_assert_false (rapport_email_normalize (long_local->str, NULL, &error));
  g_assert_cmpint (strlen (error->message), <, 200);
}

static void
test_email_mailto (void)
{
  struct { const char *address, *uri; } cases[] = {
    { "wang@example.com", "mailto:wang@example.com" },
    { "Wang.Wei+CRM@Example.com", "mailto:wang.wei+crm@example.com" },
    /* What would end the address or start a header is encoded. */
    { "a&b%c?d#e/f@example.com", "mailto:a%26b%25c%3Fd%23e%2Ff@example.com" },
    { "o'brien+crm@example.com", "mailto:o'brien+crm@example.com" },
    { "王伟@例子.中国", "mailto:%E7%8E%8B%E4%BC%9F@%E4%BE%8B%E5%AD%90.%E4%B8%AD%E5%9B%BD" },
    { "not an address", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = rapport_email_to_mailto_uri (cases[i].address);

      g_assert_cmpstr (uri, ==, cases[i].uri);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/email/valid", test_email_valid);
  g_test_add_func ("/core/email/invalid", test_email_invalid);
  g_test_add_func ("/core/email/mailto", test_email_mailto);

  return g_test_run ();
}
