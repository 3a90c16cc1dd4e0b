/* test-import-value.c: cells as spreadsheets and people write them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "rapport-import-value.h"
#include "rapport-validation.h"

static void
assert_date (const char *text,
             const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ymd = NULL;

  g_assert_true (rapport_import_parse_date (text, &ymd, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ymd, ==, expected);
}

static void
assert_not_date (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ymd = NULL;

  g_assert_false (rapport_import_parse_date (text, &ymd, &error));
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
  g_assert_null (ymd);
}

static void
test_dates (void)
{
  assert_date ("2024-03-05", "2024-03-05");
  assert_date ("2024/3/5", "2024-03-05");
  assert_date ("2024.3.5", "2024-03-05");
  assert_date ("2024年3月5日", "2024-03-05");
  assert_date ("２０２４年３月５日", "2024-03-05");
  assert_date ("20240305", "2024-03-05");
  assert_date ("2024-03-05 08:30:00", "2024-03-05");
  /* Excel serials, with its 1900 leap-year bug: 45356 is 2024-03-05. */
  assert_date ("45356", "2024-03-05");
  assert_date ("45356.0", "2024-03-05");
  assert_date ("32874", "1990-01-01");
  /* Year last: the month first unless the first number cannot be one. */
  assert_date ("3/5/2024", "2024-03-05");
  assert_date ("25/12/2024", "2024-12-25");
  assert_date ("12/25/2024", "2024-12-25");

  assert_not_date ("2023-02-29");
  assert_not_date ("2024-13-01");
  assert_not_date ("1990");
  assert_not_date ("next tuesday");
  assert_not_date ("2024年3月");
}

static void
test_serial (void)
{
  g_autofree char *one = rapport_import_date_from_serial (1);
  g_autofree char *fifty_nine = rapport_import_date_from_serial (59);
  g_autofree char *sixty_one = rapport_import_date_from_serial (61);

  g_assert_cmpstr (one, ==, "1900-01-01");
  g_assert_cmpstr (fifty_nine, ==, "1900-02-28");
  /* 60 is Excel's 1900-02-29, which never was. */
  g_assert_null (rapport_import_date_from_serial (60));
  g_assert_cmpstr (sixty_one, ==, "1900-03-01");
  g_assert_null (rapport_import_date_from_serial (0));
}

static void
test_clean_cell (void)
{
  g_autofree char *apostrophe = rapport_import_clean_cell ("  '0755-1234  ");
  g_autofree char *text = rapport_import_clean_cell ("'quoted'");
  g_autofree char *empty = rapport_import_clean_cell (NULL);

  g_assert_cmpstr (apostrophe, ==, "0755-1234");
  g_assert_cmpstr (text, ==, "'quoted'");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_phones (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) one = rapport_import_split_phones ("138 0013 8000", "86", &error);
  g_auto (GStrv) several = NULL;
  g_auto (GStrv) numeric = NULL;
  g_auto (GStrv) empty = NULL;
  g_auto (GStrv) scientific = NULL;
  g_auto (GStrv) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (one), ==, 1);
  g_assert_cmpstr (one[0], ==, "+8613800138000");

  several = rapport_import_split_phones ("13800138000、13900139000；0512-66881234\n"
                                         "13700137000 13600136000/13800138000",
                                         "86", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (several), ==, 5);
  g_assert_cmpstr (several[0], ==, "+8613800138000");
  g_assert_cmpstr (several[1], ==, "+8613900139000");
  g_assert_cmpstr (several[2], ==, "+8651266881234");
  g_assert_cmpstr (several[3], ==, "+8613700137000");
  g_assert_cmpstr (several[4], ==, "+8613600136000");

  /* A numeric cell's whole number, full-width digits. */
  numeric = rapport_import_split_phones ("13800138000.0，１３９００１３９０００", "86", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numeric), ==, 2);
  g_assert_cmpstr (numeric[1], ==, "+8613900139000");

  empty = rapport_import_split_phones ("", "86", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);

  /* Excel's scientific notation has lost the last digits. */
  scientific = rapport_import_split_phones ("1.38001E+10", "86", &error);
  g_assert_null (scientific);
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PHONE);
  g_assert_nonnull (strstr (error->message, "1.38001E+10"));
  g_clear_error (&error);

  bad = rapport_import_split_phones ("13800138000, 1380013", "86", &error);
  g_assert_null (bad);
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PHONE);
}

static void
test_emails_and_tags (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) emails = rapport_import_split_emails ("Ann@Example.com; ｂｏｂ＠example.com\n"
                                                       "Wang Wei <wang@example.com>", &error);
  g_auto (GStrv) tags = NULL;
  g_auto (GStrv) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (emails), ==, 3);
  g_assert_cmpstr (emails[0], ==, "ann@example.com");
  g_assert_cmpstr (emails[1], ==, "bob@example.com");
  g_assert_cmpstr (emails[2], ==, "wang@example.com");

  tags = rapport_import_split_tags ("VIP，老客户、 VIP ;深圳", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), ==, 3);
  g_assert_cmpstr (tags[0], ==, "VIP");
  g_assert_cmpstr (tags[1], ==, "老客户");
  g_assert_cmpstr (tags[2], ==, "深圳");

  bad = rapport_import_split_emails ("not an address", &error);
  g_assert_null (bad);
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_EMAIL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-value/dates", test_dates);
  g_test_add_func ("/import-value/serial", test_serial);
  g_test_add_func ("/import-value/clean-cell", test_clean_cell);
  g_test_add_func ("/import-value/phones", test_phones);
  g_test_add_func ("/import-value/emails-and-tags", test_emails_and_tags);

  return g_test_run ();
}
