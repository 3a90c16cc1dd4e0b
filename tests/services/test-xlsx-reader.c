/* test-xlsx-reader.c: workbooks zipped here from hand-written XML parts (as
 * Excel writes them, not as our writer does), read back; and files that are
 * not workbooks, damaged ones and a zip bomb, refused with clear errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "rapport-xlsx-reader.h"
#include "test-utils.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  fixture->dir = test_make_dir ("rapport-xlsx-reader");
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Zips @parts (name, text, name, text, …, NULL) into @path with libarchive. */
static void
write_zip (const char         *path,
           const char * const *parts)
{
  struct archive *zip = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  for (gsize i = 0; parts[i] != NULL; i += 2)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize size = strlen (parts[i + 1]);

      archive_entry_set_pathname (entry, parts[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, size);
      g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (zip, parts[i + 1], size), ==, (la_ssize_t) size);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
}

static const char workbook_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
  " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<workbookPr/><sheets>"
  "<sheet name=\"客户\" sheetId=\"2\" r:id=\"rId3\"/>"
  "<sheet name=\"Other\" sheetId=\"1\" r:id=\"rId1\"/>"
  "</sheets></workbook>";

static const char rels_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/data.xml\"/>"
  "</Relationships>";

/* A rich-text item with a phonetic guide that must not show, an empty item,
 * and an escaped control character. */
static const char shared_strings_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\" uniqueCount=\"4\">"
  "<si><t>姓名</t></si>"
  "<si><r><rPr><b/><sz val=\"11\"/></rPr><t>张</t></r><r><t xml:space=\"preserve\"> 三</t></r>"
  "<rPh sb=\"0\" eb=\"1\"><t>ZHANG</t></rPh></si>"
  "<si><t>Date</t></si>"
  "<si><t/></si>"
  "<si><t>a_x000D_b</t></si>"
  "</sst>";

/* cellStyleXfs' numFmtId 14 must not count; cellXfs: 0 general, 1 built-in
 * date 14, 2 a red number, 3 a custom Chinese date, 4 built-in date-time 22,
 * 5 built-in time 20. */
static const char styles_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
  "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"[Red]0.00\"/>"
  "<numFmt numFmtId=\"165\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
  "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
  "<cellXfs count=\"6\"><xf numFmtId=\"0\" xfId=\"0\"/><xf numFmtId=\"14\" xfId=\"0\" applyNumberFormat=\"1\"/>"
  "<xf numFmtId=\"164\" xfId=\"0\"/><xf numFmtId=\"165\" xfId=\"0\"/><xf numFmtId=\"22\" xfId=\"0\"/>"
  "<xf numFmtId=\"20\" xfId=\"0\"/></cellXfs>"
  "</styleSheet>";

/* Row 3 is missing; C1 and D2 are gaps; G4 and row 5 are styled but empty. */
static const char sheet_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:G5\"/><sheetData>"
  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>2</v></c>"
  "<c r=\"D1\" t=\"inlineStr\"><is><t>Note</t></is></c></row>"
  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" s=\"1\"><v>45292</v></c>"
  "<c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"E2\" t=\"inlineStr\"><is><r><t>a</t></r><r><rPr><i/></rPr><t>b</t></r></is></c>"
  "<c r=\"F2\" t=\"s\"><v>4</v></c></row>"
  "<row r=\"4\"><c r=\"A4\"><v>3.25</v></c><c r=\"B4\" s=\"4\"><v>45292.5</v></c>"
  "<c r=\"C4\" s=\"2\"><v>45292</v></c><c r=\"D4\" s=\"3\"><v>45292</v></c>"
  "<c r=\"E4\" s=\"5\"><v>0.75</v></c>"
  "<c r=\"F4\" t=\"str\"><f>A1&amp;\"x\"</f><v>formula</v></c><c r=\"G4\" s=\"1\"/></row>"
  "<row r=\"5\"><c r=\"A5\" s=\"1\"/><c r=\"B5\" t=\"s\"><v>3</v></c></row>"
  "<row r=\"6\"><c r=\"B6\" t=\"b\"><v>0</v></c><c r=\"C6\"><v>0.001</v></c><c r=\"D6\"><v>-12</v></c><c r=\"E6\"><v>0.30000000000000004</v></c></row>"
  "</sheetData></worksheet>";

static const char other_sheet_xml[] =
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
  "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>WRONG SHEET</t></is></c></row>"
  "</sheetData></worksheet>";

static char *
write_hand_made (Fixture    *fixture,
                 const char *sheet)
{
  char *path = g_build_filename (fixture->dir, "hand-made.xlsx", NULL);
  const char *parts[] = {
    "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
    "xl/workbook.xml", workbook_xml,
    "xl/_rels/workbook.xml.rels", rels_xml,
    "xl/sharedStrings.xml", shared_strings_xml,
    "xl/styles.xml", styles_xml,
    "xl/worksheets/sheet1.xml", other_sheet_xml,
    "xl/worksheets/data.xml", sheet,
    NULL,
  };

  write_zip (path, parts);
  return path;
}

static void
assert_row (GPtrArray  *rows,
            guint       index,
            const char *expected[])
{
  g_assert_cmpuint (index, <, rows->len);
  g_assert_cmpstrv ((const char * const *) g_ptr_array_index (rows, index), expected);
}

static void
assert_hand_made_rows (GPtrArray *rows)
{
  const char *row1[] = { "姓名", "Date", "", "Note", NULL };
  const char *row2[] = { "张 三", "2024-01-01", "TRUE", "", "ab", "a\rb", NULL };
  const char *row4[] = { "3.25", "2024-01-01 12:00:00", "45292", "2024-01-01", "18:00:00", "formula", NULL };
  const char *row6[] = { "", "FALSE", "0.001", "-12", "0.3", NULL };

  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, row1);
  assert_row (rows, 1, row2);
  assert_row (rows, 2, row4);
  assert_row (rows, 3, row6);
}

static void
test_hand_made (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *path = write_hand_made (fixture, sheet_xml);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = rapport_xlsx_read (path, NULL, &error);

  g_assert_no_error (error);
  assert_hand_made_rows (rows);
}

static void
test_from_memory (Fixture      *fixture,
                  gconstpointer data)
{
  g_autofree char *path = write_hand_made (fixture, sheet_xml);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new_take (contents, length);
  rows = rapport_xlsx_read_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  assert_hand_made_rows (rows);
}

static gboolean
record_row_number (guint               row_number,
                   const char * const *cells,
                   gpointer            user_data,
                   GError            **error)
{
  g_array_append_val ((GArray *) user_data, row_number);
  if (row_number == 4)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "stop here");
      return FALSE;
    }
  return TRUE;
}

/* The callback gets the sheet's row numbers and can stop the reading. */
static void
test_foreach (Fixture      *fixture,
              gconstpointer data)
{
  g_autofree char *path = write_hand_made (fixture, sheet_xml);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_xlsx_read_foreach (path, NULL, record_row_number, numbers, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpuint (numbers->len, ==, 3);
  g_assert_cmpuint (g_array_index (numbers, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (numbers, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (numbers, guint, 2), ==, 4);
}

static void
test_not_zip (Fixture      *fixture,
              gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "customers.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (g_file_set_contents (path, "name,phone\n张三,13800138000\n", -1, NULL));
  rows = rapport_xlsx_read (path, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_NOT_SPREADSHEET);
}

static void
test_missing_file (Fixture      *fixture,
                   gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nowhere.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = rapport_xlsx_read (path, NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_zip_without_workbook (Fixture      *fixture,
                           gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "photos.xlsx", NULL);
  const char *parts[] = { "readme.txt", "just a zip", "word/document.xml", "<document/>", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  write_zip (path, parts);
  rows = rapport_xlsx_read (path, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_NOT_SPREADSHEET);
}

static void
test_truncated (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *path = write_hand_made (fixture, sheet_xml);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *contents = NULL;
  const char *sheet_header;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* Cut inside the last part, the sheet (its name's first mention is its
   * local header): everything the first pass needs is whole. */
  sheet_header = memmem (contents, length, "xl/worksheets/data.xml", strlen ("xl/worksheets/data.xml"));
  g_assert_nonnull (sheet_header);
  g_assert_true (g_file_set_contents (path, contents, sheet_header - contents + 100, NULL));
  rows = rapport_xlsx_read (path, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_DAMAGED);
}

static void
test_damaged_xml (Fixture      *fixture,
                  gconstpointer data)
{
  g_autofree char *path = write_hand_made (fixture,
                                           "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v>"
                                           "</row></sheetData></worksheet>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = rapport_xlsx_read (path, NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "xl/worksheets/data.xml"));
}

/* A sheet of zeros unpacking past the limit; its compressed size is tiny. */
static void
test_zip_bomb (Fixture      *fixture,
               gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bomb.xlsx", NULL);
  const char *parts[] = {
    "xl/workbook.xml", workbook_xml, "xl/_rels/workbook.xml.rels", rels_xml, NULL,
  };
  g_autofree char *zeros = g_malloc0 (1024 * 1024);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  struct archive *zip = archive_write_new ();
  struct archive_entry *entry;
  gint64 size = RAPPORT_XLSX_MAX_PART_SIZE + 1024 * 1024;

  archive_write_set_format_zip (zip);
  archive_write_zip_set_compression_deflate (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  for (gsize i = 0; parts[i] != NULL; i += 2)
    {
      entry = archive_entry_new ();
      archive_entry_set_pathname (entry, parts[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_size (entry, strlen (parts[i + 1]));
      g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
      archive_write_data (zip, parts[i + 1], strlen (parts[i + 1]));
      archive_entry_free (entry);
    }
  entry = archive_entry_new ();
  archive_entry_set_pathname (entry, "xl/worksheets/data.xml");
  archive_entry_set_filetype (entry, AE_IFREG);
  g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
  for (gint64 written = 0; written < size; written += 1024 * 1024)
    g_assert_cmpint (archive_write_data (zip, zeros, 1024 * 1024), ==, 1024 * 1024);
  archive_entry_free (entry);
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);

  rows = rapport_xlsx_read (path, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_TOO_LARGE);
}

static void
test_cancelled (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *path = write_hand_made (fixture, sheet_xml);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_cancellable_cancel (cancellable);
  rows = rapport_xlsx_read (path, cancellable, &error);
  g_assert_null (rows);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/xlsx-reader/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("hand-made", test_hand_made);
  ADD ("from-memory", test_from_memory);
  ADD ("foreach", test_foreach);
  ADD ("not-zip", test_not_zip);
  ADD ("missing-file", test_missing_file);
  ADD ("zip-without-workbook", test_zip_without_workbook);
  ADD ("truncated", test_truncated);
  ADD ("damaged-xml", test_damaged_xml);
  ADD ("zip-bomb", test_zip_bomb);
  ADD ("cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
