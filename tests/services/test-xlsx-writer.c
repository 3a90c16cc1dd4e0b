/* test-xlsx-writer.c: a table written with libxlsxwriter reads back the same
 * through rapport-xlsx-reader, with numbers and dates as typed cells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include "rapport-xlsx-reader.h"
#include "rapport-xlsx-writer.h"
#include "test-utils.h"

/* The text of one part of the zip at @path. */
static char *
read_part (const char *path,
           const char *name)
{
  struct archive *zip = archive_read_new ();
  struct archive_entry *entry;
  GString *text = NULL;

  archive_read_support_format_zip (zip);
  g_assert_cmpint (archive_read_open_filename (zip, path, 16384), ==, ARCHIVE_OK);
  while (text == NULL && archive_read_next_header (zip, &entry) == ARCHIVE_OK)
    if (g_str_equal (archive_entry_pathname (entry), name))
      {
        char buffer[4096];
        la_ssize_t n;

        text = g_string_new (NULL);
        while ((n = archive_read_data (zip, buffer, sizeof buffer)) > 0)
          g_string_append_len (text, buffer, n);
      }
  archive_read_free (zip);
  g_assert_nonnull (text);
  return g_string_free (text, FALSE);
}

static GPtrArray *
make_rows (void)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *zhang[] = { "张三", "1234.5", "1990-05-17", "13800138000", NULL };
  const char *li[] = { "李四 (Lǐ)", "-7", "", "0755-8888 1234", "备注：老客户", NULL };
  const char *wang[] = { "王五", "007", "2024-02-29", NULL };

  g_ptr_array_add (rows, g_strdupv ((char **) zhang));
  g_ptr_array_add (rows, g_strdupv ((char **) li));
  g_ptr_array_add (rows, g_strdupv ((char **) wang));
  return rows;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = test_make_dir ("rapport-xlsx-writer");
  g_autofree char *path = g_build_filename (dir, "客户.xlsx", NULL);
  const char *header[] = { "姓名", "金额", "生日", "电话", "备注", NULL };
  g_autoptr(GPtrArray) rows = make_rows ();
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *styles = NULL;

  g_assert_true (rapport_xlsx_write (path, header, rows, &error));
  g_assert_no_error (error);

  read = rapport_xlsx_read (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 4);
  g_assert_cmpstrv ((const char * const *) g_ptr_array_index (read, 0), header);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstrv ((const char * const *) g_ptr_array_index (read, i + 1),
                      (const char * const *) g_ptr_array_index (rows, i));

  /* Typed cells: numbers and dates are not text; "007" and phone numbers are. */
  sheet = read_part (path, "xl/worksheets/sheet1.xml");
  g_assert_true (g_regex_match_simple ("<c r=\"B2\"><v>1234.5</v></c>", sheet, 0, 0));
  g_assert_true (g_regex_match_simple ("<c r=\"C2\" s=\"\\d+\"><v>33010</v></c>", sheet, 0, 0));
  g_assert_true (g_regex_match_simple ("<c r=\"D2\" t=\"(s|inlineStr)\"", sheet, 0, 0));
  g_assert_true (g_regex_match_simple ("<c r=\"B4\" t=\"(s|inlineStr)\"", sheet, 0, 0));
  g_assert_true (g_regex_match_simple ("<pane ySplit=\"1\"", sheet, 0, 0));
  g_assert_true (g_regex_match_simple ("<col min=\"5\" max=\"5\" width=\"1[3-9]", sheet, 0, 0));
  styles = read_part (path, "xl/styles.xml");
  g_assert_true (g_regex_match_simple ("<b/>", styles, 0, 0));

  test_remove_tree (dir);
}

/* A locale with a decimal comma must not reach the numbers in the file. */
static void
test_decimal_comma_locale (void)
{
  g_autofree char *dir = test_make_dir ("rapport-xlsx-writer");
  g_autofree char *path = g_build_filename (dir, "out.xlsx", NULL);
  const char *header[] = { "金额", NULL };
  const char *row[] = { "1234.5", NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char * const candidates[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "ru_RU.UTF-8", "es_ES.UTF-8", NULL };
  gboolean found = FALSE;

  for (gsize i = 0; !found && candidates[i] != NULL; i++)
    found = setlocale (LC_NUMERIC, candidates[i]) != NULL;
  if (!found)
    {
      g_test_skip ("no locale with a decimal comma is installed");
      test_remove_tree (dir);
      return;
    }

  g_ptr_array_add (rows, g_strdupv ((char **) row));
  g_assert_true (rapport_xlsx_write (path, header, rows, &error));
  setlocale (LC_NUMERIC, previous);
  g_assert_no_error (error);
  read = rapport_xlsx_read (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv ((const char * const *) g_ptr_array_index (read, 1), row);

  test_remove_tree (dir);
}

/* A row at a time: the widths count rows written after the first, invalid
 * UTF-8 becomes replacement characters, and an abandoned workbook leaves no
 * file. */
static void
test_streaming (void)
{
  g_autofree char *dir = test_make_dir ("rapport-xlsx-writer");
  g_autofree char *path = g_build_filename (dir, "stream.xlsx", NULL);
  g_autofree char *abandoned = g_build_filename (dir, "abandoned.xlsx", NULL);
  const char *header[] = { "姓名", "备注", NULL };
  const char *first[] = { "张三", "短", NULL };
  const char *second[] = { "李四", "a note of exactly thirty chars", "2024-02-29", NULL };
  const char *broken[] = { "bad \xff byte", NULL };
  const char *broken_read[] = { "bad \xef\xbf\xbd byte", NULL };
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  RapportXlsxWriter *writer;

  writer = rapport_xlsx_writer_new (path, header, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_xlsx_writer_add_row (writer, first, &error));
  g_assert_true (rapport_xlsx_writer_add_row (writer, second, &error));
  g_assert_true (rapport_xlsx_writer_add_row (writer, broken, &error));
  g_assert_true (rapport_xlsx_writer_close (writer, &error));
  g_assert_no_error (error);

  read = rapport_xlsx_read (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 4);
  g_assert_cmpstrv ((const char * const *) g_ptr_array_index (read, 2), second);
  g_assert_cmpstrv ((const char * const *) g_ptr_array_index (read, 3), broken_read);
  sheet = read_part (path, "xl/worksheets/sheet1.xml");
  g_assert_true (g_regex_match_simple ("<col min=\"2\" max=\"2\" width=\"31", sheet, 0, 0));
  g_assert_true (g_regex_match_simple ("<col min=\"3\" max=\"3\" width=\"11", sheet, 0, 0));
  g_assert_true (g_regex_match_simple ("<c r=\"C3\" s=\"\\d+\"><v>", sheet, 0, 0));

  writer = rapport_xlsx_writer_new (abandoned, header, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_xlsx_writer_add_row (writer, first, &error));
  rapport_xlsx_writer_free (writer);
  g_assert_false (g_file_test (abandoned, G_FILE_TEST_EXISTS));

  test_remove_tree (dir);
}

static void
test_unwritable (void)
{
  g_autofree char *dir = test_make_dir ("rapport-xlsx-writer");
  g_autofree char *path = g_build_filename (dir, "missing", "out.xlsx", NULL);
  const char *header[] = { "姓名", NULL };
  g_autoptr(GPtrArray) rows = make_rows ();
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_xlsx_write (path, header, rows, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xlsx-writer/round-trip", test_round_trip);
  g_test_add_func ("/xlsx-writer/decimal-comma-locale", test_decimal_comma_locale);
  g_test_add_func ("/xlsx-writer/streaming", test_streaming);
  g_test_add_func ("/xlsx-writer/unwritable", test_unwritable);

  return g_test_run ();
}
