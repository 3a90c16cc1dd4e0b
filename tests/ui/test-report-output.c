/* test-report-output.c
 *
 * A report taken out of Rapport: CSV and .xlsx read back row by row, a PNG
 * image of a sensible size, and a PDF whose pages grow with a long table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-report-output.h"
#include "rapport-xlsx-reader.h"

#include "shell-test-utils.h"

typedef struct
{
  char      *dir;
  GtkWidget *widget;
} Fixture;

/* @needle in @length bytes that may hold NUL bytes (a zip, a PDF). */
static const char *
find_bytes (const char *haystack,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return haystack + i;
  return NULL;
}

/* @n_rows customers, the first with a Chinese name unless @latin. */
static RapportReport *
make_report (guint    n_rows,
             gboolean latin)
{
  g_autoptr (RapportReportQuery) query = rapport_report_query_new (RAPPORT_REPORT_CONTRIBUTION, "2026-12-03", "CNY");
  RapportReport *report = rapport_report_new (query);
  g_autoptr (RapportReportSection) revenue = rapport_report_section_new ("revenue", "Revenue by customer", RAPPORT_CHART_BAR);
  g_autoptr (RapportReportSection) tiers = rapport_report_section_new ("tiers", "Customers by tier", RAPPORT_CHART_DONUT);
  g_autoptr (RapportReportSection) empty = rapport_report_section_new ("lost", "Lost customers", RAPPORT_CHART_PIE);
  guint name, amount, share, tier, count;

  name = rapport_report_section_add_column (revenue, "Customer", RAPPORT_REPORT_VALUE_TEXT);
  amount = rapport_report_section_add_column (revenue, "Revenue", RAPPORT_REPORT_VALUE_MONEY);
  share = rapport_report_section_add_column (revenue, "Cumulative share", RAPPORT_REPORT_VALUE_PERCENT);
  rapport_report_section_add_series (revenue, "Revenue", amount, FALSE);
  rapport_report_section_add_series (revenue, "Cumulative share", share, TRUE);
  rapport_report_section_set_summary (revenue, "2 customers make 80% of revenue");
  rapport_report_add_section (report, revenue);

  for (guint i = 0; i < n_rows; i++)
    {
      guint row = rapport_report_section_add_row (revenue, "customer:1");
      g_autofree char *label = i == 0 && !latin ? g_strdup ("上海速阳科技有限公司") : i == 1 ? g_strdup ("Wang, \"Sons\"")
                                                                    : g_strdup_printf ("Customer %u", i);

      rapport_report_section_set_text (revenue, row, name, label);
      rapport_report_section_set_value (revenue, row, amount, 1234550.0 - i * 100, NULL);
      rapport_report_section_set_value (revenue, row, share, 100.0 * (i + 1) / n_rows, NULL);
    }

  tier = rapport_report_section_add_column (tiers, "Tier", RAPPORT_REPORT_VALUE_TEXT);
  count = rapport_report_section_add_column (tiers, "Customers", RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_series (tiers, "Customers", count, FALSE);
  rapport_report_add_section (report, tiers);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const names[] = { "Platinum", "Gold", "Iron", "Lead" };
      guint row = rapport_report_section_add_row (tiers, NULL);

      rapport_report_section_set_text (tiers, row, tier, names[i]);
      rapport_report_section_set_value (tiers, row, count, (i + 1) * (i + 1) * 10, NULL);
    }

  rapport_report_section_add_column (empty, "Reason", RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_set_empty_text (empty, "No customer was lost in this period");
  rapport_report_add_section (report, empty);
  return report;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = shell_test_make_dir ();
  f->widget = g_object_ref_sink (gtk_label_new (NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->widget);
  shell_test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;
  gboolean ok = rapport_report_output_save_finish (result, error);

  g_assert_true (ok == (*error == NULL));
  if (ok)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "saved");
}

static gboolean
has_error (gpointer data)
{
  return *(GError **) data != NULL;
}

/* Saves @report and returns the file's path. */
static char *
save (Fixture             *f,
      RapportReport       *report,
      RapportReportFormat  format)
{
  g_autofree char *name = rapport_report_output_suggest_name (report, format, "2026-12-03");
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  rapport_report_output_save_async (report, format, file, f->widget, NULL, saved_cb, &error);
  test_wait_for (has_error, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  return path;
}

static void
test_suggest_name (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (RapportReportQuery) query = rapport_report_query_new (RAPPORT_REPORT_VALUE_MATRIX, "2026-12-03", "CNY");
  g_autoptr (RapportReport) report = rapport_report_new (query);
  g_autoptr (RapportReport) contribution = make_report (2, FALSE);
  g_autofree char *pdf = rapport_report_output_suggest_name (contribution, RAPPORT_REPORT_FORMAT_PDF, "2026-12-03");
  g_autofree char *xlsx = rapport_report_output_suggest_name (report, RAPPORT_REPORT_FORMAT_XLSX, "2026-12-03");

  g_assert_cmpstr (pdf, ==, "report-contribution-2026-12-03.pdf");
  g_assert_cmpstr (xlsx, ==, "report-value-matrix-2026-12-03.xlsx");
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr (RapportReport) report = make_report (3, FALSE);
  g_autofree char *path = save (f, report, RAPPORT_REPORT_FORMAT_CSV);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  const char *expected[] = {
    "Revenue by customer",
    "Customer,Revenue (CNY),Cumulative share",
    "上海速阳科技有限公司,12345.5,33.33",
    "\"Wang, \"\"Sons\"\"\",12344.5,66.67",
    "Customer 2,12343.5,100",
    "",
    "Customers by tier",
    "Tier,Customers",
    "Platinum,10",
    "Gold,40",
    "Iron,90",
    "Lead,160",
    "",
    "Lost customers",
    "Reason",
    "",
  };

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  /* UTF-8 with a byte-order mark, as the other exports: Excel reads it as UTF-8. */
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf"));
  lines = g_strsplit (contents + 3, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (lines[i], ==, expected[i]);
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (RapportReport) report = make_report (3, FALSE);
  g_autofree char *path = save (f, report, RAPPORT_REPORT_FORMAT_XLSX);
  g_autofree char *contents = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;
  const char * const *row;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (length > 4 && memcmp (contents, "PK\x03\x04", 4) == 0);
  g_assert_nonnull (find_bytes (contents, length, "xl/worksheets/sheet1.xml"));

  rows = rapport_xlsx_read (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, 7);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row[0], ==, "Contribution");
  g_assert_cmpstr (row[1], ==, "2026-01-01 – 2026-12-03");
  /* (The reader skips the blank row between the header and the section.) */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row[0], ==, "Revenue by customer");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[1], ==, "Revenue (CNY)");
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (row[0], ==, "上海速阳科技有限公司");
  g_assert_cmpstr (row[1], ==, "12345.5");
  g_assert_cmpstr (row[2], ==, "33.33");
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr (RapportReport) report = make_report (12, FALSE);
  g_autofree char *path = save (f, report, RAPPORT_REPORT_FORMAT_PNG);
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (length > 8 && memcmp (contents, "\x89PNG\r\n\x1a\n", 8) == 0);

  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1000);
  /* Two charts and three tables, one under the other. */
  g_assert_cmpint (gdk_texture_get_height (texture), >, 800);
  g_assert_cmpint (gdk_texture_get_height (texture), <, 3000);
}

/* The red channel of the PNG at @path's top left corner. */
static guint
corner_red (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  gsize stride;

  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  stride = gdk_texture_get_width (texture) * 4;
  pixels = g_malloc (stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);
  /* GDK_MEMORY_DEFAULT is B8G8R8A8 premultiplied (cairo's ARGB32). */
  return pixels[2];
}

static void
test_png_style (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RapportReport) report = make_report (3, FALSE);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light = save (f, report, RAPPORT_REPORT_FORMAT_PNG);
  g_assert_cmpuint (corner_red (light), ==, 0xff);
  g_unlink (light);

  /* The image follows the window's style. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = save (f, report, RAPPORT_REPORT_FORMAT_PNG);
  g_assert_cmpuint (corner_red (dark), ==, 0x24);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_png_long (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (RapportReport) report = make_report (2000, TRUE);
  g_autofree char *path = save (f, report, RAPPORT_REPORT_FORMAT_PNG);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;

  /* Cut short where cairo's images end, rather than failing. */
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 20000);
  g_assert_cmpint (gdk_texture_get_height (texture), <=, 32767);
}

static guint
count_pages (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;
  guint n = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  /* Binary streams hold NUL bytes: search by length. */
  for (const char *p = contents; (p = find_bytes (p, length - (p - contents), "/Type /Page")) != NULL; p++)
    if (p + 11 < contents + length && p[11] != 's')
      n++;
  return n;
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  /* Latin text only: cairo 1.16 leaks a buffer for each Chinese (CFF) font
   * it embeds in a PDF, below anything LeakSanitizer could be told to
   * ignore. */
  g_autoptr (RapportReport) small = make_report (5, TRUE);
  g_autoptr (RapportReport) large = make_report (400, TRUE);
  g_autofree char *small_path = save (f, small, RAPPORT_REPORT_FORMAT_PDF);
  g_autofree char *large_path = NULL;
  guint small_pages = count_pages (small_path);
  guint large_pages;

  g_assert_cmpuint (small_pages, >=, 1);
  g_assert_cmpuint (small_pages, <=, 2);

  g_unlink (small_path);
  large_path = save (f, large, RAPPORT_REPORT_FORMAT_PDF);
  large_pages = count_pages (large_path);
  /* 400 rows of about 14 pt on pages of 760 pt: at least seven pages more. */
  g_assert_cmpuint (large_pages, >=, small_pages + 7);
  g_assert_cmpuint (large_pages, <=, small_pages + 14);
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (RapportReport) report = make_report (3, FALSE);
  g_autofree char *path = g_build_filename (f->dir, "missing", "report.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  rapport_report_output_save_async (report, RAPPORT_REPORT_FORMAT_PDF, file, f->widget, NULL, saved_cb, &error);
  test_wait_for (has_error, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  shell_test_init (&argc, &argv);

  g_test_add ("/ui/report-output/suggest-name", Fixture, NULL, fixture_set_up, test_suggest_name, fixture_tear_down);
  g_test_add ("/ui/report-output/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/ui/report-output/xlsx", Fixture, NULL, fixture_set_up, test_xlsx, fixture_tear_down);
  g_test_add ("/ui/report-output/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/ui/report-output/png-style", Fixture, NULL, fixture_set_up, test_png_style, fixture_tear_down);
  g_test_add ("/ui/report-output/png-long", Fixture, NULL, fixture_set_up, test_png_long, fixture_tear_down);
  g_test_add ("/ui/report-output/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/ui/report-output/unwritable", Fixture, NULL, fixture_set_up, test_unwritable, fixture_tear_down);

  return shell_test_run ();
}
