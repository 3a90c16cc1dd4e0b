/* test-code.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-customer-code.h"
#include "rapport-validation.h"

static void
assert_prefix (const char *name,
               const char *expected)
{
  g_autofree char *prefix = rapport_customer_code_prefix (name);

  g_assert_cmpstr (prefix, ==, expected);
}

static void
test_code_prefix (void)
{
  assert_prefix ("速阳有限公司", "SY");
  assert_prefix ("Acme Trading", "AT");
  assert_prefix ("acme trading co", "AT");
  assert_prefix ("Acme", "AC");
  assert_prefix ("王", "W");
  assert_prefix ("王小明", "WX");
  assert_prefix ("曾小明", "ZX");
  assert_prefix ("单田芳", "ST");
  assert_prefix ("欧阳修", "OY");
  assert_prefix ("阿里巴巴", "AL");
  assert_prefix ("ＡＢＣ 科技", "AK");
  assert_prefix ("3M 中国", "MZ");
  assert_prefix ("  “Acme”  ", "AC");
  assert_prefix ("A", "A");
  assert_prefix ("😀", "C");
  assert_prefix ("😀🌸", "C");
  assert_prefix ("123", "C");
  assert_prefix ("", "C");
  assert_prefix (NULL, "C");
}

static void
test_code_format (void)
{
  g_autofree char *first = rapport_customer_code_format ("SY", 1);
  g_autofree char *big = rapport_customer_code_format ("SY", 1000);
  g_autofree char *middle = rapport_customer_code_format ("AT", 42);

  g_assert_cmpstr (first, ==, "SY001");
  g_assert_cmpstr (big, ==, "SY1000");
  g_assert_cmpstr (middle, ==, "AT042");
}

static void
test_code_normalize (void)
{
  g_autofree char *a = rapport_customer_code_normalize ("  sy００１ ");
  g_autofree char *b = rapport_customer_code_normalize ("at-001_b");
  g_autofree char *c = rapport_customer_code_normalize (NULL);

  g_assert_cmpstr (a, ==, "SY001");
  g_assert_cmpstr (b, ==, "AT-001_B");
  g_assert_cmpstr (c, ==, "");
}

static void
test_code_validate (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rapport_customer_code_validate ("SY001", &error));
  g_assert_no_error (error);
  g_assert_true (rapport_customer_code_validate ("sy001", NULL));
  g_assert_true (rapport_customer_code_validate ("ＳＹ００１", NULL));
  g_assert_true (rapport_customer_code_validate ("A-1_B", NULL));
  g_assert_true (rapport_customer_code_validate ("12345678901234567890", NULL));

  g_assert_false (rapport_customer_code_validate ("", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "Enter a customer code");
  g_clear_error (&error);

  g_assert_false (rapport_customer_code_validate ("   ", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (rapport_customer_code_validate ("123456789012345678901", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TOO_LONG);
  g_assert_cmpstr (error->message, ==, "Customer codes can be at most 20 characters long");
  g_clear_error (&error);

  g_assert_false (rapport_customer_code_validate ("SY 001", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_CODE);
  g_assert_cmpstr (error->message, ==,
                   "“SY 001” cannot be a customer code: use only letters A–Z, digits, “-” and “_”");
  g_clear_error (&error);

  g_assert_false (rapport_customer_code_validate ("速阳001", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_CODE);
  g_clear_error (&error);

  g_assert_false (rapport_customer_code_validate ("SY'; --", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_CODE);
  g_clear_error (&error);

  g_assert_false (rapport_customer_code_validate ("😀", &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_CODE);
  g_clear_error (&error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/customer-code/prefix", test_code_prefix);
  g_test_add_func ("/core/customer-code/format", test_code_format);
  g_test_add_func ("/core/customer-code/normalize", test_code_normalize);
  g_test_add_func ("/core/customer-code/validate", test_code_validate);

  return g_test_run ();
}
