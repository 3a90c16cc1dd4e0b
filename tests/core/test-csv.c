/* test-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rapport-csv.h"

static GPtrArray *
parse (const char *text,
       char        separator)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = rapport_csv_parse (text, strlen (text), separator, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
assert_row (GPtrArray  *rows,
            guint       index,
            const char *const *expected)
{
  g_assert_cmpuint (index, <, rows->len);
  g_assert_cmpstrv (g_ptr_array_index (rows, index), expected);
}

static void
test_csv_quoted (void)
{
  /* What Excel writes for cells holding a comma, a quote and a line break. */
  const char text[] =
    "客户名称,备注,手机\r\n"
    "\"上海星辰贸易有限公司\",\"地址：上海市\r\n浦东新区\",13800138000\r\n"
    "\"Acme, Inc.\",\"He said \"\"call me\"\"\",\r\n"
    ",,\r\n"
    "\r\n"
    "Last,row without newline,\"\"";
  g_autoptr(GPtrArray) rows = parse (text, ',');

  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, (const char *[]) { "客户名称", "备注", "手机", NULL });
  assert_row (rows, 1, (const char *[]) { "上海星辰贸易有限公司", "地址：上海市\r\n浦东新区", "13800138000", NULL });
  assert_row (rows, 2, (const char *[]) { "Acme, Inc.", "He said \"call me\"", "", NULL });
  assert_row (rows, 3, (const char *[]) { "Last", "row without newline", "", NULL });
}

static void
test_csv_separators (void)
{
  const char tabs[] = "Name\tCompany, Inc.\tMobile\nAnn\tAcme, Inc.\t138\nBo\t\"x;y\"\t139\n";
  const char semicolons[] = "Name;Mobile;Notes\nAnn;138;\"a, b, c\"\nBo;139;\n";
  const char commas[] = "Name,Mobile,Notes\nAnn,138,\"a; b\tc\"\n";
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpint (rapport_csv_detect_separator (tabs, strlen (tabs)), ==, '\t');
  g_assert_cmpint (rapport_csv_detect_separator (semicolons, strlen (semicolons)), ==, ';');
  g_assert_cmpint (rapport_csv_detect_separator (commas, strlen (commas)), ==, ',');
  g_assert_cmpint (rapport_csv_detect_separator ("Name\nAnn\n", 9), ==, ',');
  g_assert_cmpint (rapport_csv_detect_separator ("", 0), ==, ',');

  rows = parse (tabs, '\t');
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 1, (const char *[]) { "Ann", "Acme, Inc.", "138", NULL });
  assert_row (rows, 2, (const char *[]) { "Bo", "x;y", "139", NULL });
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = parse (semicolons, ';');
  assert_row (rows, 1, (const char *[]) { "Ann", "138", "a, b, c", NULL });
  assert_row (rows, 2, (const char *[]) { "Bo", "139", "", NULL });
}

static void
test_csv_tab_empty_fields (void)
{
  /* Tabs are blanks to libcsv unless they separate: empty cells must stay. */
  g_autoptr(GPtrArray) rows = parse ("a\t\tc\n\tb\t\n", '\t');

  assert_row (rows, 0, (const char *[]) { "a", "", "c", NULL });
  assert_row (rows, 1, (const char *[]) { "", "b", "", NULL });
}

static void
test_csv_unclosed_quote (void)
{
  const char text[] = "Name,Notes\nAnn,ok\n\nBo,\"starts here\nand goes on\nto the end\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = rapport_csv_parse (text, strlen (text), ',', &error);

  g_assert_null (rows);
  g_assert_error (error, RAPPORT_CSV_ERROR, RAPPORT_CSV_ERROR_UNCLOSED_QUOTE);
  g_assert_cmpstr (error->message, ==,
                   "The quoted text in the row starting on line 4 is never closed: a closing quote (\") is missing.");
}

static void
test_csv_stray_quote (void)
{
  /* A quote inside an unquoted cell (5" screen) is text, as spreadsheets mean it. */
  g_autoptr(GPtrArray) rows = parse ("Item,Size\nScreen,5\" wide\n", ',');

  assert_row (rows, 1, (const char *[]) { "Screen", "5\" wide", NULL });
}

static void
test_csv_empty (void)
{
  g_autoptr(GPtrArray) rows = parse ("", ',');
  g_autoptr(GPtrArray) blank = parse ("\n\r\n,,,\n", ',');

  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
}

typedef struct {
  GString *seen;
  guint stop_after;
  guint rows;
} Collected;

static gboolean
collect_row (const char * const *fields,
             guint               n_fields,
             guint               line,
             gpointer            user_data)
{
  Collected *collected = user_data;
  g_autofree char *joined = g_strjoinv ("|", (char **) fields);

  g_assert_cmpuint (n_fields, ==, g_strv_length ((char **) fields));
  g_string_append_printf (collected->seen, "%u:%s;", line, joined);
  return ++collected->rows != collected->stop_after;
}

static void
test_csv_foreach_lines (void)
{
  /* Each record names the line it starts on, whatever the line ends. */
  const char text[] = "Name,Notes\r\n\r\nAnn,\"one\r\ntwo\"\r\nBo,x\rCy,\"a\nb\nc\"\nDi,y";
  Collected all = { g_string_new (NULL), 0, 0 };
  Collected first_two = { g_string_new (NULL), 2, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_csv_foreach_row (text, strlen (text), ',', collect_row, &all, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (all.seen->str, ==, "1:Name|Notes;3:Ann|one\r\ntwo;5:Bo|x;6:Cy|a\nb\nc;9:Di|y;");

  g_assert_true (rapport_csv_foreach_row (text, strlen (text), ',', collect_row, &first_two, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first_two.seen->str, ==, "1:Name|Notes;3:Ann|one\r\ntwo;");

  g_string_free (all.seen, TRUE);
  g_string_free (first_two.seen, TRUE);
}

static void
test_csv_large (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  gint64 start;
  gint64 elapsed;
  GStrv last;

  for (guint r = 0; r < 10000; r++)
    {
      for (guint c = 0; c < 20; c++)
        {
          if (c == 5)
            g_string_append_printf (text, "\"备注 %u\n第二行, \"\"引号\"\"\"", r);
          else
            g_string_append_printf (text, "客户%u-%u", r, c);
          g_string_append_c (text, c == 19 ? '\n' : ',');
        }
    }

  start = g_get_monotonic_time ();
  rows = parse (text->str, ',');
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (rows->len, ==, 10000);
  last = g_ptr_array_index (rows, 9999);
  g_assert_cmpuint (g_strv_length (last), ==, 20);
  g_assert_cmpstr (last[5], ==, "备注 9999\n第二行, \"引号\"");
  g_assert_cmpstr (last[19], ==, "客户9999-19");
  /* Linear work: a few tens of milliseconds, even under AddressSanitizer. */
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/csv/quoted", test_csv_quoted);
  g_test_add_func ("/core/csv/separators", test_csv_separators);
  g_test_add_func ("/core/csv/tab-empty-fields", test_csv_tab_empty_fields);
  g_test_add_func ("/core/csv/unclosed-quote", test_csv_unclosed_quote);
  g_test_add_func ("/core/csv/stray-quote", test_csv_stray_quote);
  g_test_add_func ("/core/csv/empty", test_csv_empty);
  g_test_add_func ("/core/csv/foreach-lines", test_csv_foreach_lines);
  g_test_add_func ("/core/csv/large", test_csv_large);

  return g_test_run ();
}
