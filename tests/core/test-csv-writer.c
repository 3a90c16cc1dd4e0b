/* test-csv-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rapport-csv.h"
#include "rapport-csv-writer.h"

#define BOM "\xEF\xBB\xBF"

typedef const char *Row[8];

/* Writes @n_rows rows of @n_cells cells and returns the bytes written. */
static GBytes *
write_rows (RapportEncoding  encoding,
            char             separator,
            const Row       *rows,
            guint            n_rows,
            guint            n_cells)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(RapportCsvWriter) writer = rapport_csv_writer_new (stream, encoding, separator);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_rows; i++)
    {
      g_assert_true (rapport_csv_writer_write_row (writer, rows[i], n_cells, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (rapport_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
assert_bytes (GBytes     *bytes,
              const char *expected,
              gsize       expected_len)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_cmpmem (data, len, expected, expected_len);
}

static void
test_csv_writer_quoting (void)
{
  const Row rows[] = {
    { "客户名称", "备注", "手机" },
    { "Acme, Inc.", "He said \"call me\"", "13800138000" },
    { "上海星辰贸易有限公司", "地址：上海市\r\n浦东新区", NULL },
    { " padded ", "line\nbreak", "" },
    { "cr\ronly", "plain", "semi;colon" },
  };
  const char expected[] =
    BOM
    "客户名称,备注,手机\r\n"
    "\"Acme, Inc.\",\"He said \"\"call me\"\"\",13800138000\r\n"
    "上海星辰贸易有限公司,\"地址：上海市\r\n浦东新区\",\r\n"
    "\" padded \",\"line\nbreak\",\r\n"
    "\"cr\ronly\",plain,semi;colon\r\n";
  g_autoptr(GBytes) bytes = write_rows (RAPPORT_ENCODING_UTF8, ',', rows, G_N_ELEMENTS (rows), 3);

  assert_bytes (bytes, expected, strlen (expected));
}

static void
test_csv_writer_separator (void)
{
  const Row rows[] = {
    { "a;b", "c,d", "e\tf" },
  };
  g_autoptr(GBytes) semicolons = write_rows (RAPPORT_ENCODING_UTF8, ';', rows, 1, 3);
  g_autoptr(GBytes) tabs = write_rows (RAPPORT_ENCODING_UTF8, '\t', rows, 1, 3);
  const char expected_semicolons[] = BOM "\"a;b\";c,d;e\tf\r\n";
  const char expected_tabs[] = BOM "a;b\tc,d\t\"e\tf\"\r\n";

  assert_bytes (semicolons, expected_semicolons, strlen (expected_semicolons));
  assert_bytes (tabs, expected_tabs, strlen (expected_tabs));
}

/* What the writer writes, the project's reader reads back as it was. */
static void
test_csv_writer_round_trip (void)
{
  const Row rows[] = {
    { "Name", "Notes", "Phone", "Amount" },
    { "Acme, Inc.", "\"quoted\"\r\nsecond line", "+86 138 0013 8000", "-12.5" },
    { "张三", " leading and trailing ", "(010) 1234-5678", "" },
  };
  g_autoptr(GBytes) bytes = write_rows (RAPPORT_ENCODING_UTF8, ',', rows, G_N_ELEMENTS (rows), 4);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parsed = NULL;

  g_assert_true (len > 3 && memcmp (data, BOM, 3) == 0);
  parsed = rapport_csv_parse (data + 3, len - 3, ',', &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      char **fields = g_ptr_array_index (parsed, i);

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      for (guint j = 0; j < 4; j++)
        g_assert_cmpstr (fields[j], ==, rows[i][j]);
    }
}

static void
test_csv_writer_formula (void)
{
  static const struct {
    const char *cell;
    const char *escaped;
  } cases[] = {
    { "=HYPERLINK(\"http://evil.example\",\"Click\")", "'=HYPERLINK(\"http://evil.example\",\"Click\")" },
    { "=1+2", "'=1+2" },
    { "@SUM(A1:A2)", "'@SUM(A1:A2)" },
    { "+A1", "'+A1" },
    { "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0" },
    { "-SUM(A1)", "'-SUM(A1)" },
    { "++1", "'++1" },
    { "\t=1", "'\t=1" },
    { "\r=1", "'\r=1" },
    /* Phones and signed numbers call nothing and stay usable. */
    { "+86 138 0013 8000", "+86 138 0013 8000" },
    { "+1 (555) 010-9999", "+1 (555) 010-9999" },
    { "-12.5", "-12.5" },
    { "-1,234.50", "-1,234.50" },
    { "-", "-" },
    /* Only the first character counts. */
    { "a=b", "a=b" },
    { "张三 =1", "张三 =1" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = rapport_csv_escape_formula (cases[i].cell);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
    }

  {
    g_autofree char *escaped = rapport_csv_escape_formula (NULL);

    g_assert_cmpstr (escaped, ==, "");
  }
}

/* The writer applies the guard, and quotes what the guard leaves needing it. */
static void
test_csv_writer_formula_cells (void)
{
  const Row rows[] = {
    { "=HYPERLINK(\"http://x\",\"a,b\")", "@cmd", "+86 138 0013 8000", "-12.5", "-cmd|x" },
  };
  const char expected[] =
    BOM "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\",'@cmd,+86 138 0013 8000,-12.5,'-cmd|x\r\n";
  g_autoptr(GBytes) bytes = write_rows (RAPPORT_ENCODING_UTF8, ',', rows, 1, 5);

  assert_bytes (bytes, expected, strlen (expected));
}

static void
test_csv_writer_encodings (void)
{
  const Row rows[] = {
    { "中文", "A" },
  };
  g_autoptr(GBytes) utf8 = write_rows (RAPPORT_ENCODING_UTF8, ',', rows, 1, 2);
  g_autoptr(GBytes) gb18030 = write_rows (RAPPORT_ENCODING_GB18030, ',', rows, 1, 2);
  g_autoptr(GBytes) utf16le = write_rows (RAPPORT_ENCODING_UTF16LE, '\t', rows, 1, 2);
  g_autoptr(GBytes) utf16be = write_rows (RAPPORT_ENCODING_UTF16BE, '\t', rows, 1, 2);
  g_autoptr(GBytes) empty = write_rows (RAPPORT_ENCODING_UTF8, ',', NULL, 0, 0);

  /* 中 is D6 D0 and 文 is CE C4 in GBK and GB18030; no byte-order mark. */
  assert_bytes (utf8, BOM "中文,A\r\n", strlen (BOM "中文,A\r\n"));
  assert_bytes (gb18030, "\xD6\xD0\xCE\xC4,A\r\n", 8);
  assert_bytes (utf16le, "\xFF\xFE" "\x2D\x4E" "\x87\x65" "\t\0" "A\0" "\r\0" "\n\0", 14);
  assert_bytes (utf16be, "\xFE\xFF" "\x4E\x2D" "\x65\x87" "\0\t" "\0A" "\0\r" "\0\n", 14);
  /* An export of nothing still tells Excel it is UTF-8. */
  assert_bytes (empty, BOM, 3);
}

/* Characters outside GBK (an emoji, a rare Han character) are GB18030's
 * four-byte forms, not an error. */
static void
test_csv_writer_gb18030_beyond_gbk (void)
{
  const Row rows[] = {
    { "😀", "𠀀" },
  };
  g_autoptr(GBytes) bytes = write_rows (RAPPORT_ENCODING_GB18030, ',', rows, 1, 2);
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *back = g_convert (data, len, "UTF-8", "GB18030", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 4 + 1 + 4 + 2);
  g_assert_cmpstr (back, ==, "😀,𠀀\r\n");
}

static void
test_csv_writer_conversion_error (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(RapportCsvWriter) writer = rapport_csv_writer_new (stream, RAPPORT_ENCODING_GB18030, ',');
  g_autoptr(GError) error = NULL;
  const char *good[] = { "甲" };
  const char *bad[] = { "ok", "\xFF\xFE not UTF-8" };

  g_assert_true (rapport_csv_writer_write_row (writer, good, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_csv_writer_write_row (writer, bad, 2, NULL, &error));
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  /* The writer goes on after a bad row. */
  g_assert_true (rapport_csv_writer_write_row (writer, good, 1, NULL, &error));
  g_assert_true (rapport_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)),
                   "\xBC\xD7\r\n\xBC\xD7\r\n", 8);
}

static void
test_csv_writer_buffered (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(RapportCsvWriter) writer = rapport_csv_writer_new (stream, RAPPORT_ENCODING_UTF8, ',');
  g_autoptr(GError) error = NULL;
  const char *cells[] = { "a", "b" };

  g_assert_true (rapport_csv_writer_write_row (writer, cells, 2, NULL, &error));
  /* Nothing reaches the stream before the buffer fills or the writer closes. */
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, 0);
  g_assert_true (rapport_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, 3 + 5);
  g_assert_true (g_output_stream_is_closed (stream));
}

static void
test_csv_writer_stream_error (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(RapportCsvWriter) writer = rapport_csv_writer_new (stream, RAPPORT_ENCODING_UTF8, ',');
  g_autoptr(GError) error = NULL;
  const char *cells[] = { "a" };

  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  g_assert_true (rapport_csv_writer_write_row (writer, cells, 1, NULL, &error));
  g_assert_false (rapport_csv_writer_close (writer, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

static void
test_csv_writer_cancelled (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(RapportCsvWriter) writer = rapport_csv_writer_new (stream, RAPPORT_ENCODING_UTF8, ',');
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char *cells[] = { "a" };

  g_assert_true (rapport_csv_writer_write_row (writer, cells, 1, cancellable, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (rapport_csv_writer_write_row (writer, cells, 1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* 100,000 rows of 10 cells, as an export writes them: all there, fast. */
static void
test_csv_writer_large (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(RapportCsvWriter) writer = rapport_csv_writer_new (stream, RAPPORT_ENCODING_GB18030, ',');
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  const char *cells[] = {
    "C-000123", "上海星辰贸易有限公司", "张三", "+86 138 0013 8000", "zhang@example.com",
    "上海市浦东新区世纪大道100号", "零售", "1980-03-05", "老客户, 每月订货", "VIP",
  };
  gsize size;
  g_autofree char *expected_row = NULL;

  for (guint i = 0; i < 100000; i++)
    g_assert_true (rapport_csv_writer_write_row (writer, cells, G_N_ELEMENTS (cells), NULL, &error));
  g_assert_true (rapport_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("100,000 rows of 10 cells in GB18030: %.3f s", g_timer_elapsed (timer, NULL));

  expected_row = g_convert ("C-000123,上海星辰贸易有限公司,张三,+86 138 0013 8000,zhang@example.com,"
                            "上海市浦东新区世纪大道100号,零售,1980-03-05,\"老客户, 每月订货\",VIP\r\n",
                            -1, "GB18030", "UTF-8", NULL, &size, NULL);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, size * 100000);
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)), size, expected_row, size);
  if (g_test_perf ())
    g_test_minimized_result (g_timer_elapsed (timer, NULL), "write_100k_rows_s");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-writer/quoting", test_csv_writer_quoting);
  g_test_add_func ("/csv-writer/separator", test_csv_writer_separator);
  g_test_add_func ("/csv-writer/round-trip", test_csv_writer_round_trip);
  g_test_add_func ("/csv-writer/formula", test_csv_writer_formula);
  g_test_add_func ("/csv-writer/formula-cells", test_csv_writer_formula_cells);
  g_test_add_func ("/csv-writer/encodings", test_csv_writer_encodings);
  g_test_add_func ("/csv-writer/gb18030-beyond-gbk", test_csv_writer_gb18030_beyond_gbk);
  g_test_add_func ("/csv-writer/conversion-error", test_csv_writer_conversion_error);
  g_test_add_func ("/csv-writer/buffered", test_csv_writer_buffered);
  g_test_add_func ("/csv-writer/stream-error", test_csv_writer_stream_error);
  g_test_add_func ("/csv-writer/cancelled", test_csv_writer_cancelled);
  g_test_add_func ("/csv-writer/large", test_csv_writer_large);

  return g_test_run ();
}
