/* test-import-source.c: files written here in each format and encoding an
 * import meets, recognised by content and read back row by row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "rapport-csv.h"
#include "rapport-import-source.h"
#include "rapport-vcard.h"
#include "rapport-xlsx-reader.h"
#include "rapport-xlsx-writer.h"
#include "test-utils.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = test_make_dir ("rapport-import-source");
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gssize      len)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* @utf8 converted to @charset, with @bom (may be NULL) before it. */
static GFile *
write_encoded (Fixture    *f,
               const char *name,
               const char *utf8,
               const char *charset,
               const char *bom,
               gsize       bom_len)
{
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  g_autofree char *converted = g_convert (utf8, -1, charset, "UTF-8", NULL, &len, &error);
  g_autoptr (GByteArray) bytes = g_byte_array_new ();

  g_assert_no_error (error);
  if (bom != NULL)
    g_byte_array_append (bytes, (const guint8 *) bom, bom_len);
  g_byte_array_append (bytes, (const guint8 *) converted, len);
  return write_file (f, name, (const char *) bytes->data, bytes->len);
}

static gboolean
collect_row_cb (guint               row,
                const char * const *cells,
                guint               n_cells,
                gpointer            user_data,
                GError            **error)
{
  GPtrArray *rows = user_data;
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%u:", row);
  for (guint i = 0; i < n_cells; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", cells[i]);
  g_ptr_array_add (rows, g_string_free (text, FALSE));
  return TRUE;
}

static GPtrArray *
read_rows (RapportImportSource *source)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (rapport_import_source_foreach_row (source, collect_row_cb, rows, NULL, &error));
  g_assert_no_error (error);
  return rows;
}

static const char customers_csv[] =
  "客户名称,联系人,手机\r\n"
  "速阳有限公司,张三,13800138000\r\n"
  "\r\n"
  "\"Acme, Inc.\",\"Ann \"\"A\"\" Lee\",\"139 0013 9000\n13700137000\"\r\n";

static void
assert_customers (RapportImportSource *source)
{
  g_autoptr (GPtrArray) rows = read_rows (source);

  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, "1:客户名称|联系人|手机");
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==, "2:速阳有限公司|张三|13800138000");
  /* Line 3 is empty; the record on line 4 holds a line break. */
  g_assert_cmpstr (g_ptr_array_index (rows, 2), ==, "4:Acme, Inc.|Ann \"A\" Lee|139 0013 9000\n13700137000");
}

static RapportImportSource *
open_ok (GFile *file)
{
  g_autoptr (GError) error = NULL;
  RapportImportSource *source = rapport_import_source_open (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  return source;
}

static void
test_csv_encodings (Fixture      *f,
                    gconstpointer data)
{
  static const char utf8_bom[] = "\xEF\xBB\xBF";
  static const char utf16le_bom[] = "\xFF\xFE";
  static const char utf16be_bom[] = "\xFE\xFF";
  struct {
    const char      *name;
    const char      *charset;
    const char      *bom;
    gsize            bom_len;
    RapportEncoding  expected;
  } cases[] = {
    { "utf8.csv", "UTF-8", NULL, 0, RAPPORT_ENCODING_UTF8 },
    { "bom.csv", "UTF-8", utf8_bom, 3, RAPPORT_ENCODING_UTF8 },
    { "gbk.csv", "GB18030", NULL, 0, RAPPORT_ENCODING_GB18030 },
    { "utf16le.txt", "UTF-16LE", utf16le_bom, 2, RAPPORT_ENCODING_UTF16LE },
    { "utf16le-nobom.txt", "UTF-16LE", NULL, 0, RAPPORT_ENCODING_UTF16LE },
    { "utf16be.txt", "UTF-16BE", utf16be_bom, 2, RAPPORT_ENCODING_UTF16BE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GFile) file = write_encoded (f, cases[i].name, customers_csv, cases[i].charset,
                                              cases[i].bom, cases[i].bom_len);
      g_autoptr (RapportImportSource) source = open_ok (file);

      g_assert_cmpint (rapport_import_source_get_format (source), ==, RAPPORT_IMPORT_FORMAT_CSV);
      g_assert_cmpint (rapport_import_source_get_encoding (source), ==, cases[i].expected);
      g_assert_cmpint (rapport_import_source_get_separator (source), ==, ',');
      assert_customers (source);
    }
}

static void
test_tab_and_reopen (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GFile) file = write_encoded (f, "tab.txt", "姓名\t手机\n张三\t13800138000\n",
                                          "GB18030", NULL, 0);
  g_autoptr (RapportImportSource) source = open_ok (file);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (rapport_import_source_get_separator (source), ==, '\t');
  g_assert_cmpint (rapport_import_source_get_encoding (source), ==, RAPPORT_ENCODING_GB18030);

  /* GBK read as UTF-8 by mistake: refused, and the source is unchanged. */
  g_assert_false (rapport_import_source_reopen_text (source, RAPPORT_ENCODING_UTF8, '\t', NULL, &error));
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_clear_error (&error);
  g_assert_cmpint (rapport_import_source_get_encoding (source), ==, RAPPORT_ENCODING_GB18030);

  g_assert_true (rapport_import_source_reopen_text (source, RAPPORT_ENCODING_GB18030, ',', NULL, &error));
  g_assert_no_error (error);
  rows = read_rows (source);
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==, "2:张三\t13800138000");
}

static void
test_bad_text (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *gbk = g_convert ("客户名称,手机\n速阳,13800138000\n", -1, "GB18030", "UTF-8",
                                    NULL, NULL, NULL);
  g_autofree char *bom_gbk = g_strconcat ("\xEF\xBB\xBF", gbk, NULL);
  g_autofree char *mixed = g_strconcat ("客户名称,手机\n", gbk, "张三,13800138000\n", NULL);
  g_autoptr (GFile) bom_file = write_file (f, "bom-gbk.csv", bom_gbk, -1);
  g_autoptr (GFile) mixed_file = write_file (f, "mixed.csv", mixed, -1);
  g_autoptr (GFile) empty_file = write_file (f, "empty.csv", "", 0);
  g_autoptr (GFile) blank_file = write_file (f, "blank.csv", "\n\r\n  \n", -1);
  g_autoptr (GFile) missing = g_file_new_build_filename (f->dir, "missing.csv", NULL);
  RapportImportSource *source;

  /* A BOM saying UTF-8 over GBK bytes: never mojibake. */
  source = rapport_import_source_open (bom_file, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  source = rapport_import_source_open (mixed_file, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_clear_error (&error);

  source = rapport_import_source_open (empty_file, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  source = rapport_import_source_open (blank_file, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  source = rapport_import_source_open (missing, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_xlsx (Fixture      *f,
           gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "customers.csv", NULL);
  const char *header[] = { "客户名称", "手机", "生日", NULL };
  const char *row1[] = { "速阳有限公司", "13800138000", "2024-03-05", NULL };
  const char *row2[] = { "=HYPERLINK(\"http://x\")", "", "1990-01-01", NULL };
  g_autoptr (GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (RapportImportSource) source = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr (GFile) truncated = NULL;
  RapportImportSource *bad;

  g_ptr_array_add (table, g_strdupv ((char **) row1));
  g_ptr_array_add (table, g_strdupv ((char **) row2));
  /* Named .csv: the content decides. */
  g_assert_true (rapport_xlsx_write (path, header, table, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  source = open_ok (file);
  g_assert_cmpint (rapport_import_source_get_format (source), ==, RAPPORT_IMPORT_FORMAT_XLSX);
  rows = read_rows (source);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, "1:客户名称|手机|生日");
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==, "2:速阳有限公司|13800138000|2024-03-05");
  g_assert_cmpstr (g_ptr_array_index (rows, 2), ==, "3:=HYPERLINK(\"http://x\")||1990-01-01");

  /* Truncated: recognised, then refused as damaged. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  truncated = write_file (f, "truncated.xlsx", contents, len / 2);
  bad = rapport_import_source_open (truncated, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_import_source_foreach_row (bad, collect_row_cb, table, NULL, &error));
  g_assert_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_DAMAGED);
  rapport_import_source_free (bad);
}

static void
test_xls (Fixture      *f,
          gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "customers.xls", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "services", "make-xls.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RapportImportSource) source = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, NULL, NULL, &wait_status, &error));
  g_assert_no_error (error);
  if (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 77)
    {
      g_test_skip ("python3-xlwt is not installed: no .xls fixture");
      return;
    }

  source = open_ok (file);
  g_assert_cmpint (rapport_import_source_get_format (source), ==, RAPPORT_IMPORT_FORMAT_XLS);
  rows = read_rows (source);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, "1:姓名|金额|生日|电话");
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==, "2:张三|1234.5|1990-05-17|13800138000");
}

static const char vcards[] =
  "\xEF\xBB\xBF\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:张三\r\n"
  "N:张;三;;;\r\n"
  "ORG:速阳有限公司;销售部\r\n"
  "TITLE:经理\r\n"
  "TEL;TYPE=CELL:138 0013 8000\r\n"
  "TEL;TYPE=CELL:13900139000\r\n"
  "TEL;TYPE=WORK,VOICE:0512-66881234\r\n"
  "EMAIL;TYPE=INTERNET:zhang@example.com\r\n"
  "NOTE:A long note that is folded \r\n"
  " over two lines\r\n"
  "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR\r\n"
  " ofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA\r\n"
  "BDAY:1980-03-05\r\n"
  "CATEGORIES:VIP,老客户\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:2.1\r\n"
  "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E;=E5=9B=9B;;;\r\n"
  "TEL;CELL:13700137000\r\n"
  "END:VCARD\r\n";

static void
test_vcard (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GFile) file = write_file (f, "contacts.vcf.txt", vcards, -1);
  g_autoptr (RapportImportSource) source = open_ok (file);
  g_autoptr (GPtrArray) rows = NULL;
  const char * const *fields = rapport_import_source_vcard_fields ();
  g_autoptr (GFile) truncated = write_file (f, "truncated.vcf", vcards, strlen (vcards) - 20);
  g_autoptr (RapportImportSource) truncated_source = open_ok (truncated);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) some = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (rapport_import_source_get_format (source), ==, RAPPORT_IMPORT_FORMAT_VCARD);
  g_assert_cmpstr (fields[0], ==, "customer-name");
  g_assert_cmpstr (fields[3], ==, "mobile");

  rows = read_rows (source);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==,
                   "1:速阳有限公司|张三|经理|138 0013 8000\n13900139000|0512-66881234|zhang@example.com|"
                   "1980-03-05||A long note that is folded over two lines|VIP\n老客户|");
  /* No organisation: a person, named by N when there is no FN. */
  g_assert_cmpstr (g_ptr_array_index (rows, 2), ==, "2:|李四||13700137000|||||||");

  /* A card cut off: the error names it. */
  g_assert_false (rapport_import_source_foreach_row (truncated_source, collect_row_cb, some, NULL, &error));
  g_assert_error (error, RAPPORT_VCARD_ERROR, RAPPORT_VCARD_ERROR_UNTERMINATED);
}

static void
test_detect (void)
{
  RapportImportFormat format;

  g_assert_false (rapport_import_source_detect_format ("", 0, &format));
  g_assert_true (rapport_import_source_detect_format ("PK\x03\x04rest", 8, &format));
  g_assert_cmpint (format, ==, RAPPORT_IMPORT_FORMAT_XLSX);
  g_assert_true (rapport_import_source_detect_format ("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, &format));
  g_assert_cmpint (format, ==, RAPPORT_IMPORT_FORMAT_XLS);
  g_assert_true (rapport_import_source_detect_format ("\n\n begin:vcard\n", 15, &format));
  g_assert_cmpint (format, ==, RAPPORT_IMPORT_FORMAT_VCARD);
  /* UTF-16 with its BOM. */
  g_assert_true (rapport_import_source_detect_format ("\xFF\xFE" "B\0E\0G\0I\0N\0:\0V\0C\0A\0R\0D\0", 24, &format));
  g_assert_cmpint (format, ==, RAPPORT_IMPORT_FORMAT_VCARD);
  g_assert_true (rapport_import_source_detect_format ("name,phone\n", 11, &format));
  g_assert_cmpint (format, ==, RAPPORT_IMPORT_FORMAT_CSV);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-source/detect", test_detect);
  g_test_add ("/import-source/csv-encodings", Fixture, NULL, fixture_set_up, test_csv_encodings, fixture_tear_down);
  g_test_add ("/import-source/tab-and-reopen", Fixture, NULL, fixture_set_up, test_tab_and_reopen, fixture_tear_down);
  g_test_add ("/import-source/bad-text", Fixture, NULL, fixture_set_up, test_bad_text, fixture_tear_down);
  g_test_add ("/import-source/xlsx", Fixture, NULL, fixture_set_up, test_xlsx, fixture_tear_down);
  g_test_add ("/import-source/xls", Fixture, NULL, fixture_set_up, test_xls, fixture_tear_down);
  g_test_add ("/import-source/vcard", Fixture, NULL, fixture_set_up, test_vcard, fixture_tear_down);

  return g_test_run ();
}
