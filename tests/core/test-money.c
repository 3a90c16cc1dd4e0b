/* test-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rapport-money.h"
#include "rapport-validation.h"

static void
assert_parses (const char *text,
               const char *currency,
               gint64      expected)
{
  g_autoptr (GError) error = NULL;
  gint64 minor = -1;

  if (!rapport_money_parse (text, currency, &minor, &error))
    g_error ("“%s” did not parse: %s", text, error->message);
  g_assert_cmpint (minor, ==, expected);
}

static void
assert_rejects (const char *text,
                const char *currency,
                gint        code)
{
  g_autoptr (GError) error = NULL;
  gint64 minor = 77;

  g_assert_false (rapport_money_parse (text, currency, &minor, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, code);
  g_assert_cmpint (minor, ==, 77);
}

static void
test_money_parse (void)
{
  assert_parses ("1,234.50", "CNY", 123450);
  assert_parses ("¥1234.5", "CNY", 123450);
  assert_parses ("￥1234.5", "CNY", 123450);
  assert_parses ("１２３４", "CNY", 123400);
  assert_parses ("1234", "CNY", 123400);
  assert_parses ("1234 元", "CNY", 123400);
  assert_parses ("RMB 99", "CNY", 9900);
  assert_parses ("CNY 99.9", "CNY", 9990);
  assert_parses ("99.90 cny", "CNY", 9990);
  assert_parses ("$12", "USD", 1200);
  assert_parses ("US$12.34", "USD", 1234);
  assert_parses ("€3.10", "EUR", 310);
  assert_parses (".5", "EUR", 50);
  assert_parses ("0", "CNY", 0);
  assert_parses ("0.00", "CNY", 0);
  assert_parses ("-0", "CNY", 0);
  assert_parses ("+5", "CNY", 500);
  assert_parses ("1,000,000", "CNY", 100000000);
  assert_parses ("12.300", "CNY", 1230);
  assert_parses ("1,000", "JPY", 1000);
  assert_parses ("1000.00", "JPY", 1000);
  assert_parses ("₩5,000", "KRW", 5000);
  assert_parses ("92233720368547758.07", "CNY", G_MAXINT64);
}

static void
test_money_parse_invalid (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rapport_money_parse ("abc", "CNY", NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  g_assert_nonnull (strstr (error->message, "“abc”"));
  g_clear_error (&error);

  g_assert_false (rapport_money_parse ("-5", "CNY", NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_NEGATIVE_AMOUNT);
  g_assert_cmpstr (error->message, ==, "Amounts cannot be below zero");
  g_clear_error (&error);

  g_assert_false (rapport_money_parse ("", "CNY", NULL, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  g_assert_cmpstr (error->message, ==, "Enter an amount");
  g_clear_error (&error);

  assert_rejects (NULL, "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("-¥5", "CNY", RAPPORT_VALIDATION_ERROR_NEGATIVE_AMOUNT);
  assert_rejects ("¥-5", "CNY", RAPPORT_VALIDATION_ERROR_NEGATIVE_AMOUNT);
  assert_rejects ("−0.01", "CNY", RAPPORT_VALIDATION_ERROR_NEGATIVE_AMOUNT);
  assert_rejects ("-abc", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("12abc", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("1.2.3", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("1.234", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("100.5", "JPY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("12,34", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("1,2345", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects (",123", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("1,,234", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects (".", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("¥", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("1e5", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("1 234", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("92233720368547758.08", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("99999999999999999999999", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
  assert_rejects ("'; DROP TABLE orders; --", "CNY", RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT);
}

static void
assert_format (gint64      minor,
               const char *currency,
               const char *expected)
{
  g_autofree char *formatted = rapport_money_format (minor, currency);

  g_assert_cmpstr (formatted, ==, expected);
}

static void
test_money_format (void)
{
  g_autofree char *plain = rapport_money_format_plain (123450, "CNY");

  g_assert_cmpstr (plain, ==, "1,234.50");
  assert_format (123450, "CNY", "¥1,234.50");
  assert_format (1200, "USD", "$12.00");
  assert_format (310, "EUR", "€3.10");
  assert_format (500, "GBP", "£5.00");
  assert_format (100, "CHF", "CHF 1.00");
  assert_format (100, "HKD", "HK$1.00");
  assert_format (1000, "JPY", "JP¥1,000");
  assert_format (5, "CNY", "¥0.05");
  assert_format (0, "CNY", "¥0.00");
  assert_format (-100, "CNY", "-¥1.00");
  assert_format (-100, "SGD", "-SGD 1.00");
  assert_format (100000000, "CNY", "¥1,000,000.00");
  assert_format (999, "KRW", "₩999");
  assert_format (G_MAXINT64, "CNY", "¥92,233,720,368,547,758.07");
  assert_format (G_MININT64, "USD", "-$92,233,720,368,547,758.08");
}

static void
test_money_round_trip (void)
{
  const gint64 amounts[] = { 0, 1, 10, 99, 100, 123450, 100000000, G_MAXINT64 };
  const char * const *common = rapport_currency_get_common ();

  for (guint c = 0; common[c] != NULL; c++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
        {
          g_autofree char *formatted = rapport_money_format (amounts[i], common[c]);
          gint64 parsed = -1;

          g_assert_true (rapport_money_parse (formatted, common[c], &parsed, NULL));
          g_assert_cmpint (parsed, ==, amounts[i]);
        }
    }
}

static void
test_currency (void)
{
  const char * const *common = rapport_currency_get_common ();

  g_assert_cmpuint (rapport_currency_get_digits ("CNY"), ==, 2);
  g_assert_cmpuint (rapport_currency_get_digits ("USD"), ==, 2);
  g_assert_cmpuint (rapport_currency_get_digits ("JPY"), ==, 0);
  g_assert_cmpuint (rapport_currency_get_digits ("KRW"), ==, 0);
  g_assert_cmpuint (rapport_currency_get_digits ("XYZ"), ==, 2);

  g_assert_cmpstr (common[0], ==, "CNY");
  g_assert_cmpuint (g_strv_length ((char **) common), ==, 16);
  g_assert_true (g_strv_contains (common, "RUB"));
  for (guint i = 0; common[i] != NULL; i++)
    {
      g_assert_true (rapport_currency_is_valid (common[i]));
      g_assert_cmpstr (rapport_currency_get_name (common[i]), !=, common[i]);
    }

  g_assert_false (rapport_currency_is_valid ("cny"));
  g_assert_false (rapport_currency_is_valid ("CN"));
  g_assert_false (rapport_currency_is_valid ("CNYY"));
  g_assert_false (rapport_currency_is_valid (""));
  g_assert_false (rapport_currency_is_valid (NULL));
  g_assert_cmpstr (rapport_currency_get_name ("CNY"), ==, "Chinese yuan");
  g_assert_cmpstr (rapport_currency_get_name ("XYZ"), ==, "XYZ");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/money/parse", test_money_parse);
  g_test_add_func ("/core/money/parse-invalid", test_money_parse_invalid);
  g_test_add_func ("/core/money/format", test_money_format);
  g_test_add_func ("/core/money/round-trip", test_money_round_trip);
  g_test_add_func ("/core/money/currency", test_currency);

  return g_test_run ();
}
