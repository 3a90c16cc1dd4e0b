/* test-url.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-url.h"
#include "rapport-validation.h"

static void
test_url_valid (void)
{
  const char * const valid[] = {
    "example.com", "www.example.com/shop", "https://example.com/x", "http://example.com:8080/a?b=1#c",
    "HTTPS://Example.com", "例子.中国", "localhost", "http://192.168.1.10/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = NULL;

      if (!rapport_url_normalize (valid[i], &normalized, &error))
        g_error ("“%s” was refused: %s", valid[i], error->message);
      g_assert_cmpstr (normalized, ==, valid[i]);
    }
}

static void
test_url_normalize (void)
{
  g_autofree char *trimmed = NULL;

  g_assert_true (rapport_url_normalize ("  ｅｘａｍｐｌｅ．ｃｏｍ  ", &trimmed, NULL));
  g_assert_cmpstr (trimmed, ==, "example.com");
}

static void
test_url_invalid (void)
{
  const char * const invalid[] = {
    "", "   ", "example", "exa mple.com", "https://exa mple.com", "ftp://example.com",
    "javascript:alert(1)", "https://", "example..com", "<b>example.com</b>", "a@b.com x",
    "mailto:wang@example.com", "https://bank.example.com@other.example.com/",
  };
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *normalized = NULL;

      if (rapport_url_normalize (invalid[i], &normalized, &error))
        g_error ("“%s” was accepted as %s", invalid[i], normalized);
      g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_URL);
      g_assert_null (normalized);
      g_clear_error (&error);
    }

  g_assert_false (rapport_url_normalize ("exa mple.com", NULL, &error));
  g_assert_cmpstr (error->message, ==, "“exa mple.com” is not a web address like example.com");
}

static void
test_url_launch (void)
{
  struct { const char *website, *uri; } cases[] = {
    { "example.com", "https://example.com" },
    { "www.example.com/shop", "https://www.example.com/shop" },
    { "http://example.com:8080/a?b=1#c", "http://example.com:8080/a?b=1#c" },
    { "  ｅｘａｍｐｌｅ．ｃｏｍ  ", "https://example.com" },
    /* Only the web: an imported address of another kind is never opened. */
    { "javascript:alert(1)", NULL },
    { "file:///etc/passwd", NULL },
    { "ftp://example.com", NULL },
    { "mailto:wang@example.com", NULL },
    { "not a website", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = rapport_url_to_launch_uri (cases[i].website);

      g_assert_cmpstr (uri, ==, cases[i].uri);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/url/valid", test_url_valid);
  g_test_add_func ("/core/url/normalize", test_url_normalize);
  g_test_add_func ("/core/url/invalid", test_url_invalid);
  g_test_add_func ("/core/url/launch", test_url_launch);

  return g_test_run ();
}
