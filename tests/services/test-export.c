/* test-export.c
 *
 * The customer export, read back with the readers the import uses: CSV
 * (UTF-8 with BOM, or GB18030), .xlsx and vCard hold every customer and
 * contact, the table's headers map back to the import's fields, formula
 * cells are escaped, an export of given ids keeps to them and their order,
 * and a cancelled export leaves no file and the target as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rapport-csv.h"
#include "rapport-export.h"
#include "rapport-import-job.h"
#include "rapport-import-mapping.h"
#include "rapport-import-store.h"
#include "rapport-store.h"
#include "rapport-vcard.h"
#include "rapport-xlsx-reader.h"
#include "test-utils.h"

/* 2026-11-22 08:00:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1795334400)

/* The columns of rapport_export_table_header (), by field. */
static const char * const expected_fields[] = {
  "code", "customer-name", "contact-name", "contact-title", "mobile", "phone", "email",
  "birthday", "lunar-birthday", "address", "region", "industry", "source", "website", "tags",
  "notes", NULL
};

typedef struct
{
  char            *dir;
  RapportClock    *clock;
  RapportDatabase *db;
  RapportSession  *session;
  gint64           suyang_id;
  gint64           acme_id;
  gint64           lone_id;
} Fixture;

static gint64
add_customer (Fixture            *f,
              const char         *code,
              const char         *name,
              RapportCustomerKind kind,
              const char * const *phones,
              const char * const *emails,
              const char * const *tags,
              const char         *notes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();

  rapport_customer_set_code (customer, code);
  rapport_customer_set_name (customer, name);
  rapport_customer_set_kind (customer, kind);
  rapport_customer_set_phones (customer, phones);
  rapport_customer_set_emails (customer, emails);
  rapport_customer_set_tags (customer, tags);
  rapport_customer_set_notes (customer, notes);
  g_assert_true (rapport_store_insert_customer (f->db, customer, &error));
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}

static void
add_contact (Fixture            *f,
             gint64              customer_id,
             const char         *name,
             const char         *title,
             const char * const *phones,
             const char * const *emails,
             const char         *birthday,
             const char         *notes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportContact) contact = rapport_contact_new ();

  rapport_contact_set_customer_id (contact, customer_id);
  rapport_contact_set_name (contact, name);
  rapport_contact_set_title (contact, title);
  rapport_contact_set_phones (contact, phones);
  rapport_contact_set_emails (contact, emails);
  rapport_contact_set_birthday (contact, birthday);
  rapport_contact_set_notes (contact, notes);
  g_assert_true (rapport_store_insert_contact (f->db, contact, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_make_dir ("rapport-export");
  path = g_build_filename (f->dir, "rapport.db", NULL);
  f->clock = rapport_clock_new ();
  rapport_clock_set_fixed (f->clock, TEST_NOW);
  f->db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (f->db, f->clock);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
  rapport_session_set_clock (f->session, f->clock);

  f->suyang_id = add_customer (f, "SY001", "速阳建材有限公司", RAPPORT_CUSTOMER_KIND_COMPANY,
                               (const char *[]) { "+8613800138000", "+8651266881234", NULL },
                               (const char *[]) { "sales@suyang.cn", NULL },
                               (const char *[]) { "VIP", "建材", NULL },
                               "=HYPERLINK(\"http://evil.example\",\"click\")");
  add_contact (f, f->suyang_id, "张三", "经理", (const char *[]) { "+8613900139000", NULL },
               (const char *[]) { "zhang@suyang.cn", NULL }, "1980-03-05", "只在名片里");
  add_contact (f, f->suyang_id, "Ann Lee", NULL, NULL, (const char *[]) { "ann@suyang.cn", NULL }, NULL, NULL);
  f->acme_id = add_customer (f, "AT001", "Acme Trading", RAPPORT_CUSTOMER_KIND_COMPANY,
                             NULL, NULL, NULL, "@SUM(1+1)");
  {
    g_autoptr (RapportCustomer) acme = rapport_store_get_customer (f->db, f->acme_id, NULL);
    g_autoptr (GError) update_error = NULL;

    rapport_customer_set_address (acme, "-2+3+cmd|' /C calc'!A0");
    g_assert_true (rapport_store_update_customer (f->db, acme, &update_error));
    g_assert_no_error (update_error);
  }
  add_contact (f, f->acme_id, "Bob Stone", "Buyer", (const char *[]) { "+14155552671", NULL }, NULL, NULL, NULL);
  f->lone_id = add_customer (f, "WL001", "王丽", RAPPORT_CUSTOMER_KIND_PERSON,
                             (const char *[]) { "+8613700137000", NULL }, NULL, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rapport_session_close (f->session);
  g_clear_object (&f->session);
  g_clear_object (&f->db);
  g_clear_object (&f->clock);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint     n;
  guint     n_progress;
  double    last_progress;
  GError   *error;
} Run;

static void
progress_cb (RapportExport *export,
             GParamSpec    *pspec,
             Run           *run)
{
  double progress = rapport_export_get_progress (export);

  g_assert_cmpfloat (progress, >=, run->last_progress);
  run->last_progress = progress;
  run->n_progress++;
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  run->ok = rapport_export_run_finish (RAPPORT_EXPORT (source), result, &run->n, &run->error);
  run->done = TRUE;
}

static gboolean
run_done (gpointer data)
{
  return ((Run *) data)->done;
}

static void
export_to (Fixture             *f,
           RapportExport       *export,
           const char          *name,
           GCancellable        *cancellable,
           Run                 *run)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  g_signal_connect (export, "notify::progress", G_CALLBACK (progress_cb), run);
  rapport_export_run_async (export, file, cancellable, exported_cb, run);
  test_wait_for (run_done, run);
  g_signal_handlers_disconnect_by_data (export, run);
}

static char *
export_and_read (Fixture             *f,
                 RapportExportFormat  format,
                 RapportEncoding      encoding,
                 const char          *name,
                 gsize               *out_len)
{
  g_autoptr (RapportExport) export = rapport_export_new (f->session, format);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  Run run = { 0, };
  char *contents = NULL;

  if (format == RAPPORT_EXPORT_FORMAT_CSV)
    rapport_export_set_encoding (export, encoding);
  export_to (f, export, name, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.n, ==, 3);
  g_assert_cmpuint (run.n_progress, >=, 1);
  g_assert_cmpfloat (run.last_progress, ==, 1.0);

  g_assert_true (g_file_get_contents (path, &contents, out_len, NULL));
  return contents;
}

/* Only the database's own files and @expected remain in the folder. */
static void
assert_folder_holds (Fixture    *f,
                     const char *expected)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "rapport.db"))
        continue;
      g_assert_cmpstr (name, ==, expected);
    }
}

static guint
find_row (GPtrArray  *rows,
          const char *customer,
          const char *contact)
{
  for (guint i = 1; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row[1], customer) == 0 && g_strcmp0 (row[2], contact != NULL ? contact : "") == 0)
        return i;
    }

  g_assert_not_reached ();
}

/* The table as the import sees it: the headers map back to the fields, and
 * each customer and contact is its own row. @cell_prefix is what the format
 * puts before a formula (the CSV's apostrophe; nothing in a workbook, whose
 * cells are text). */
static void
assert_table (GPtrArray  *rows,
              gboolean    escaped)
{
  g_auto (GStrv) fields = NULL;
  GStrv row;

  g_assert_cmpuint (rows->len, ==, 1 + 3 + 3);
  fields = rapport_import_map_headers (g_ptr_array_index (rows, 0));
  g_assert_cmpstrv (fields, expected_fields);

  /* Rows in the list's name order: Acme, 速阳 (su), 王丽 (wang). */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row[0], ==, "AT001");
  g_assert_cmpstr (row[1], ==, "Acme Trading");
  g_assert_cmpstr (row[2], ==, "");

  row = g_ptr_array_index (rows, find_row (rows, "速阳建材有限公司", NULL));
  g_assert_cmpstr (row[0], ==, "SY001");
  g_assert_cmpstr (row[4], ==, "138 0013 8000");
  g_assert_cmpstr (row[5], ==, "0512 6688 1234");
  g_assert_cmpstr (row[6], ==, "sales@suyang.cn");
  g_assert_cmpstr (row[14], ==, "VIP, 建材");
  if (escaped)
    g_assert_cmpstr (row[15], ==, "'=HYPERLINK(\"http://evil.example\",\"click\")");
  else
    g_assert_cmpstr (row[15], ==, "=HYPERLINK(\"http://evil.example\",\"click\")");

  row = g_ptr_array_index (rows, find_row (rows, "速阳建材有限公司", "张三"));
  g_assert_cmpstr (row[0], ==, "SY001");
  g_assert_cmpstr (row[3], ==, "经理");
  g_assert_cmpstr (row[4], ==, "139 0013 9000");
  g_assert_cmpstr (row[6], ==, "zhang@suyang.cn");
  g_assert_cmpstr (row[7], ==, "1980-03-05");
  g_assert_cmpstr (row[14], ==, "");
  /* A contact's notes are the vCard's only. */
  g_assert_cmpstr (row[15], ==, "");

  row = g_ptr_array_index (rows, find_row (rows, "速阳建材有限公司", "Ann Lee"));
  g_assert_cmpstr (row[6], ==, "ann@suyang.cn");

  row = g_ptr_array_index (rows, find_row (rows, "Acme Trading", "Bob Stone"));
  g_assert_cmpstr (row[0], ==, "AT001");
  g_assert_cmpstr (row[4], ==, "");
  g_assert_cmpstr (row[5], ==, "+1 415 555 2671");

  row = g_ptr_array_index (rows, find_row (rows, "Acme Trading", NULL));
  g_assert_cmpstr (row[9], ==, escaped ? "'-2+3+cmd|' /C calc'!A0" : "-2+3+cmd|' /C calc'!A0");
  g_assert_cmpstr (row[15], ==, escaped ? "'@SUM(1+1)" : "@SUM(1+1)");

  row = g_ptr_array_index (rows, find_row (rows, "王丽", NULL));
  g_assert_cmpstr (row[0], ==, "WL001");
  g_assert_cmpstr (row[4], ==, "137 0013 7000");
}

static void
test_csv_utf8 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *text = NULL;
  gsize len, text_len;

  bytes = export_and_read (f, RAPPORT_EXPORT_FORMAT_CSV, RAPPORT_ENCODING_UTF8, "customers.csv", &len);
  g_assert_true (len > 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0);
  g_assert_cmpint (rapport_encoding_detect (bytes, len), ==, RAPPORT_ENCODING_UTF8);

  text = rapport_text_decode (bytes, len, RAPPORT_ENCODING_UTF8, &text_len, &error);
  g_assert_no_error (error);
  rows = rapport_csv_parse (text, text_len, ',', &error);
  g_assert_no_error (error);
  assert_table (rows, TRUE);
  assert_folder_holds (f, "customers.csv");
}

static void
test_csv_gbk (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *gbk_name = NULL;
  gsize len, text_len, gbk_len;

  bytes = export_and_read (f, RAPPORT_EXPORT_FORMAT_CSV, RAPPORT_ENCODING_GB18030, "customers-gbk.csv", &len);
  /* No BOM; the name in GB18030 bytes, never in UTF-8. */
  g_assert_false (len > 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0);
  gbk_name = g_convert ("速阳建材有限公司", -1, "GB18030", "UTF-8", NULL, &gbk_len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (bytes, len, gbk_name));
  g_assert_null (g_strstr_len (bytes, len, "速阳"));
  g_assert_cmpint (rapport_encoding_detect (bytes, len), ==, RAPPORT_ENCODING_GB18030);

  text = rapport_text_decode (bytes, len, RAPPORT_ENCODING_GB18030, &text_len, &error);
  g_assert_no_error (error);
  rows = rapport_csv_parse (text, text_len, ',', &error);
  g_assert_no_error (error);
  assert_table (rows, TRUE);
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *path = g_build_filename (f->dir, "customers.xlsx", NULL);
  gsize len;

  bytes = export_and_read (f, RAPPORT_EXPORT_FORMAT_XLSX, RAPPORT_ENCODING_UTF8, "customers.xlsx", &len);
  g_assert_true (len > 4 && memcmp (bytes, "PK\x03\x04", 4) == 0);

  rows = rapport_xlsx_read (path, NULL, &error);
  g_assert_no_error (error);
  /* The reader gives rows as long as their last non-empty cell. */
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);
      guint n = g_strv_length (row);

      if (n < G_N_ELEMENTS (expected_fields) - 1)
        {
          GStrv padded = g_new0 (char *, G_N_ELEMENTS (expected_fields));

          for (guint c = 0; c < G_N_ELEMENTS (expected_fields) - 1; c++)
            padded[c] = g_strdup (c < n ? row[c] : "");
          g_ptr_array_index (rows, i) = padded;
          g_strfreev (row);
        }
    }
  assert_table (rows, FALSE);
  assert_folder_holds (f, "customers.xlsx");
}

typedef struct
{
  GPtrArray *cards;
} Cards;

static gboolean
card_cb (const RapportVCard *card,
         guint               card_number,
         gpointer            user_data)
{
  g_ptr_array_add (user_data, rapport_vcard_copy (card));
  return TRUE;
}

static RapportVCard *
find_card (GPtrArray  *cards,
           const char *formatted_name)
{
  for (guint i = 0; i < cards->len; i++)
    {
      RapportVCard *card = g_ptr_array_index (cards, i);

      if (g_strcmp0 (card->formatted_name, formatted_name) == 0)
        return card;
    }

  g_assert_not_reached ();
}

static void
test_vcard (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_vcard_free);
  g_autofree char *text = NULL;
  RapportVCard *card;
  gsize len;

  text = export_and_read (f, RAPPORT_EXPORT_FORMAT_VCARD, RAPPORT_ENCODING_UTF8, "customers.vcf", &len);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_true (rapport_vcard_foreach_card (text, card_cb, cards, &error));
  g_assert_no_error (error);

  /* Three contacts; 速阳 (phones of its own) and 王丽 (no contacts) as
   * cards of their own; Acme, with a contact and no phones, has none. */
  g_assert_cmpuint (cards->len, ==, 5);

  card = find_card (cards, "张三");
  g_assert_cmpstr (card->organisation, ==, "速阳建材有限公司");
  g_assert_cmpstr (card->title, ==, "经理");
  g_assert_cmpstrv (card->phones, ((const char *[]) { "+8613900139000", NULL }));
  g_assert_true (rapport_vcard_types_contain (card->phone_types[0], "cell"));
  g_assert_cmpstrv (card->emails, ((const char *[]) { "zhang@suyang.cn", NULL }));
  g_assert_cmpstr (card->birthday, ==, "1980-03-05");
  g_assert_cmpstrv (card->categories, ((const char *[]) { "VIP", "建材", NULL }));
  g_assert_cmpstr (card->note, ==, "只在名片里");

  card = find_card (cards, "速阳建材有限公司");
  g_assert_cmpstr (card->organisation, ==, "速阳建材有限公司");
  g_assert_cmpstrv (card->phones, ((const char *[]) { "+8613800138000", "+8651266881234", NULL }));
  g_assert_cmpstr (card->note, ==, "=HYPERLINK(\"http://evil.example\",\"click\")");

  card = find_card (cards, "王丽");
  g_assert_null (card->organisation);
  g_assert_cmpstrv (card->phones, ((const char *[]) { "+8613700137000", NULL }));

  card = find_card (cards, "Bob Stone");
  g_assert_cmpstr (card->organisation, ==, "Acme Trading");
  find_card (cards, "Ann Lee");
}

static void
test_ids (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr (RapportExport) export = rapport_export_new (f->session, RAPPORT_EXPORT_FORMAT_CSV);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *path = g_build_filename (f->dir, "some.csv", NULL);
  g_autofree char *bytes = NULL;
  g_autofree char *text = NULL;
  gint64 ids[] = { f->lone_id, f->acme_id };
  Run run = { 0, };
  gsize len, text_len;

  rapport_export_set_customer_ids (export, ids, G_N_ELEMENTS (ids));
  export_to (f, export, "some.csv", NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.n, ==, 2);

  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  text = rapport_text_decode (bytes, len, RAPPORT_ENCODING_UTF8, &text_len, &error);
  rows = rapport_csv_parse (text, text_len, ',', &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1 + 1 + 2);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 1))[1], ==, "王丽");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 2))[1], ==, "Acme Trading");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 3))[2], ==, "Bob Stone");
}

static void
cancel_on_progress_cb (RapportExport *export,
                       GParamSpec    *pspec,
                       GCancellable  *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  RapportExportFormat format = GPOINTER_TO_UINT (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "old.csv", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "kept", -1, NULL));

  /* Cancelled before it starts, and as it tells its first progress (on a
   * book big enough to be under way by then). */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr (RapportExport) export = rapport_export_new (f->session, format);
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      Run run = { 0, };

      if (attempt == 0)
        {
          g_cancellable_cancel (cancellable);
        }
      else
        {
          rapport_store_begin_bulk_load (f->db);
          for (guint i = 0; i < 5000; i++)
            {
              g_autofree char *name = g_strdup_printf ("Customer %04u", i);

              add_customer (f, NULL, name, RAPPORT_CUSTOMER_KIND_COMPANY, NULL, NULL, NULL, NULL);
            }
          rapport_store_end_bulk_load (f->db, &error);
          g_assert_no_error (error);
          g_signal_connect (export, "notify::progress", G_CALLBACK (cancel_on_progress_cb), cancellable);
        }

      export_to (f, export, "old.csv", cancellable, &run);
      g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (run.ok);
      g_clear_error (&run.error);

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "kept");
      g_clear_pointer (&contents, g_free);
      assert_folder_holds (f, "old.csv");
    }
}

/* The round trip through our own import: the export of the book, imported
 * into an empty one, gives the same customers and contacts. */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GStrv
sorted_names (GListModel *contacts)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  GStrv names;

  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr (RapportContact) contact = g_list_model_get_item (contacts, i);

      g_strv_builder_add (builder, rapport_contact_get_name (contact));
    }
  names = g_strv_builder_end (builder);
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);
  return names;
}

static void
assert_same_customer (RapportDatabase *from,
                      RapportDatabase *to,
                      gint64           id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) original = rapport_store_get_customer (from, id, &error);
  g_autoptr (RapportCustomer) imported = NULL;
  g_autoptr (GListModel) original_contacts = NULL;
  g_autoptr (GListModel) imported_contacts = NULL;
  g_auto (GStrv) original_names = NULL;
  g_auto (GStrv) imported_names = NULL;
  RapportMatchReason reason;
  gint64 imported_id;

  g_assert_no_error (error);
  imported_id = rapport_store_match_customer (to, rapport_customer_get_code (original), NULL, NULL, NULL,
                                              &reason, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported_id, >, 0);
  g_assert_cmpint (reason, ==, RAPPORT_MATCH_CODE);
  imported = rapport_store_get_customer (to, imported_id, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (rapport_customer_get_name (imported), ==, rapport_customer_get_name (original));
  g_assert_cmpstrv (rapport_customer_get_phones (imported), rapport_customer_get_phones (original));
  g_assert_cmpstrv (rapport_customer_get_emails (imported), rapport_customer_get_emails (original));
  g_assert_cmpstrv (rapport_customer_get_tags (imported), rapport_customer_get_tags (original));
  g_assert_cmpstr (rapport_customer_get_notes (imported), ==, rapport_customer_get_notes (original));
  g_assert_cmpstr (rapport_customer_get_address (imported), ==, rapport_customer_get_address (original));

  original_contacts = rapport_store_list_contacts (from, id, &error);
  imported_contacts = rapport_store_list_contacts (to, imported_id, &error);
  g_assert_no_error (error);
  original_names = sorted_names (original_contacts);
  imported_names = sorted_names (imported_contacts);
  g_assert_cmpstrv (imported_names, original_names);

  for (guint i = 0; i < g_list_model_get_n_items (original_contacts); i++)
    {
      g_autoptr (RapportContact) contact = g_list_model_get_item (original_contacts, i);

      for (guint j = 0; j < g_list_model_get_n_items (imported_contacts); j++)
        {
          g_autoptr (RapportContact) copy = g_list_model_get_item (imported_contacts, j);

          if (g_strcmp0 (rapport_contact_get_name (copy), rapport_contact_get_name (contact)) != 0)
            continue;
          g_assert_cmpstr (rapport_contact_get_title (copy), ==, rapport_contact_get_title (contact));
          g_assert_cmpstrv (rapport_contact_get_phones (copy), rapport_contact_get_phones (contact));
          g_assert_cmpstrv (rapport_contact_get_emails (copy), rapport_contact_get_emails (contact));
          g_assert_cmpstr (rapport_contact_get_birthday (copy), ==, rapport_contact_get_birthday (contact));
        }
    }
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  RapportExportFormat format = GPOINTER_TO_UINT (data) & 0xff;
  RapportEncoding encoding = GPOINTER_TO_UINT (data) >> 8;
  g_autoptr (RapportExport) export = rapport_export_new (f->session, format);
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (RapportSession) session = NULL;
  g_autoptr (RapportImportJob) job = NULL;
  g_autoptr (GAsyncResult) opened = NULL;
  g_autoptr (GAsyncResult) analysed = NULL;
  g_autoptr (GAsyncResult) ran = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strconcat ("book.", rapport_export_format_get_extension (format), NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *db_path = g_build_filename (f->dir, "imported.db", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  Run run = { 0, };

  rapport_export_set_encoding (export, encoding);
  export_to (f, export, name, NULL, &run);
  g_assert_no_error (run.error);

  db = rapport_database_open (db_path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  session = rapport_session_new_for_database (db, NULL, FALSE);
  rapport_session_set_default_country_code (session, rapport_session_get_default_country_code (f->session));

  rapport_import_job_open_async (session, file, NULL, result_cb, &opened);
  test_wait_for (is_set, &opened);
  job = rapport_import_job_open_finish (opened, &error);
  g_assert_no_error (error);
  if (format == RAPPORT_EXPORT_FORMAT_CSV)
    g_assert_cmpint (rapport_import_job_get_encoding (job), ==, encoding);

  /* Every column is matched to the field it was written from. */
  g_assert_cmpuint (rapport_import_job_get_n_columns (job), ==, G_N_ELEMENTS (expected_fields) - 1);
  for (guint c = 0; c < G_N_ELEMENTS (expected_fields) - 1; c++)
    g_assert_cmpstr (rapport_import_job_get_mapping (job, c), ==, expected_fields[c]);

  rapport_import_job_analyse_async (job, NULL, result_cb, &analysed);
  test_wait_for (is_set, &analysed);
  g_assert_true (rapport_import_job_analyse_finish (job, analysed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_import_job_count_unresolved (job), ==, 0);
  g_assert_cmpuint (rapport_import_job_get_n_customers (job), ==, 3);
  g_assert_cmpuint (rapport_import_job_get_n_contacts (job), ==, 3);

  rapport_import_job_run_async (job, NULL, result_cb, &ran);
  test_wait_for (is_set, &ran);
  g_assert_true (rapport_import_job_run_finish (job, ran, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_import_job_get_n_created (job), ==, 3);

  assert_same_customer (f->db, db, f->suyang_id);
  assert_same_customer (f->db, db, f->acme_id);
  assert_same_customer (f->db, db, f->lone_id);
  g_assert_cmpuint (rapport_store_count_customers (db), ==, 3);

  rapport_session_close (session);
}

static void
test_header (void)
{
  g_auto (GStrv) header = rapport_export_table_header ();

  g_assert_cmpuint (g_strv_length (header), ==, G_N_ELEMENTS (expected_fields) - 1);
  for (guint i = 0; header[i] != NULL; i++)
    g_assert_cmpstr (rapport_import_field_for_header (header[i]), ==, expected_fields[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/header", test_header);
  g_test_add ("/export/csv/utf8", Fixture, NULL, fixture_set_up, test_csv_utf8, fixture_tear_down);
  g_test_add ("/export/csv/gbk", Fixture, NULL, fixture_set_up, test_csv_gbk, fixture_tear_down);
  g_test_add ("/export/xlsx", Fixture, NULL, fixture_set_up, test_xlsx, fixture_tear_down);
  g_test_add ("/export/vcard", Fixture, NULL, fixture_set_up, test_vcard, fixture_tear_down);
  g_test_add ("/export/ids", Fixture, NULL, fixture_set_up, test_ids, fixture_tear_down);
  g_test_add ("/export/cancel/csv", Fixture, GUINT_TO_POINTER (RAPPORT_EXPORT_FORMAT_CSV),
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/export/cancel/xlsx", Fixture, GUINT_TO_POINTER (RAPPORT_EXPORT_FORMAT_XLSX),
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/export/cancel/vcard", Fixture, GUINT_TO_POINTER (RAPPORT_EXPORT_FORMAT_VCARD),
              fixture_set_up, test_cancel, fixture_tear_down);

  /* Last: they run the import job as well. */
  g_test_add ("/export/round-trip/csv", Fixture,
              GUINT_TO_POINTER (RAPPORT_EXPORT_FORMAT_CSV | RAPPORT_ENCODING_UTF8 << 8),
              fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/export/round-trip/csv-gbk", Fixture,
              GUINT_TO_POINTER (RAPPORT_EXPORT_FORMAT_CSV | RAPPORT_ENCODING_GB18030 << 8),
              fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/export/round-trip/xlsx", Fixture,
              GUINT_TO_POINTER (RAPPORT_EXPORT_FORMAT_XLSX | RAPPORT_ENCODING_UTF8 << 8),
              fixture_set_up, test_round_trip, fixture_tear_down);

  return g_test_run ();
}
