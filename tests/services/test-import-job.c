/* test-import-job.c: imports from files written here, through the job's
 * steps as the assistant drives them: open, preview, analyse (problems and
 * duplicates), run, cancel and undo, against a real database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "rapport-contact.h"
#include "rapport-customer.h"
#include "rapport-import-job-private.h"
#include "rapport-import-store.h"
#include "rapport-session.h"
#include "rapport-store.h"
#include "rapport-xlsx-reader.h"
#include "rapport-xlsx-writer.h"
#include "test-utils.h"

/* 2026-11-22 08:00:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1795334400)

typedef struct
{
  char            *dir;
  RapportClock    *clock;
  RapportDatabase *db;
  RapportSession  *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_make_dir ("rapport-import-job");
  path = g_build_filename (f->dir, "rapport.db", NULL);
  f->clock = rapport_clock_new ();
  rapport_clock_set_fixed (f->clock, TEST_NOW);
  f->db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (f->db, f->clock);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
  rapport_session_set_clock (f->session, f->clock);
  rapport_session_set_default_country_code (f->session, "86");
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

static GFile *
write_gbk (Fixture    *f,
           const char *name,
           const char *utf8)
{
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  g_autofree char *gbk = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, &error);

  g_assert_no_error (error);
  return write_file (f, name, gbk, len);
}

/* Waiting on the steps */

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

static RapportImportJob *
open_job (Fixture     *f,
          GFile       *file,
          GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  rapport_import_job_open_async (f->session, file, NULL, result_cb, &result);
  test_wait_for (is_set, &result);
  return rapport_import_job_open_finish (result, error);
}

static RapportImportJob *
open_job_ok (Fixture *f,
             GFile   *file)
{
  g_autoptr (GError) error = NULL;
  RapportImportJob *job = open_job (f, file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (job);
  return job;
}

static void
analyse (RapportImportJob *job)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  rapport_import_job_analyse_async (job, NULL, result_cb, &result);
  test_wait_for (is_set, &result);
  g_assert_true (rapport_import_job_analyse_finish (job, result, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (rapport_import_job_get_progress (job), ==, 1.0);
}

static gboolean
run (RapportImportJob  *job,
     GCancellable      *cancellable,
     GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  rapport_import_job_run_async (job, cancellable, result_cb, &result);
  test_wait_for (is_set, &result);
  return rapport_import_job_run_finish (job, result, error);
}

static void
run_ok (RapportImportJob *job)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (run (job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_import_job_get_import_id (job), >, 0);
}

static RapportImportProblem *
get_problem (RapportImportJob *job,
             guint             index)
{
  return g_list_model_get_item (rapport_import_job_get_problems (job), index);
}

static RapportImportDuplicate *
get_duplicate (RapportImportJob *job,
               guint             index)
{
  return g_list_model_get_item (rapport_import_job_get_duplicates (job), index);
}

static RapportCustomer *
get_customer (Fixture *f,
              gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportCustomer *customer = rapport_store_get_customer (f->db, id, &error);

  g_assert_no_error (error);
  return customer;
}

static guint
count_contacts (Fixture *f,
                gint64   customer_id)
{
  g_autoptr (GListModel) contacts = rapport_store_list_contacts (f->db, customer_id, NULL);

  return contacts != NULL ? g_list_model_get_n_items (contacts) : 0;
}

/* The tests */

static const char customers_csv[] =
  "客户名称,联系人,职务,手机,邮箱,生日,标签,客户编号,地址\n"
  "速阳有限公司,张三,经理,'13800138000,zhang@example.com,1980年3月5日,VIP，老客户,SY001,深圳市南山区\n"
  "速阳有限公司,李四,,139 0013 9000；13700137000,,,,SY001,\n"
  "上海 Acme,王五,,１３６００１３６０００,wang@example.com,20240305,,,\n"
  ",赵六,,13500135000,,,,,\n";

static void
test_csv_gbk (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GFile) file = write_gbk (f, "客户.csv", customers_csv);
  g_autoptr (RapportImportJob) job = open_job_ok (f, file);
  g_autoptr (RapportCustomer) suyang = NULL;
  g_autoptr (RapportCustomer) zhao = NULL;
  g_autoptr (GListModel) contacts = NULL;
  g_autoptr (RapportContact) zhang = NULL;
  g_autofree char *value = NULL;
  g_autofree char *message = NULL;
  guint before = rapport_store_count_customers (f->db);

  g_assert_cmpint (rapport_import_job_get_format (job), ==, RAPPORT_IMPORT_FORMAT_CSV);
  g_assert_cmpint (rapport_import_job_get_encoding (job), ==, RAPPORT_ENCODING_GB18030);
  g_assert_cmpint (rapport_import_job_get_separator (job), ==, ',');
  g_assert_cmpstr (rapport_import_job_get_file_name (job), ==, "客户.csv");
  g_assert_cmpuint (rapport_import_job_get_n_columns (job), ==, 9);
  g_assert_cmpstr (rapport_import_job_get_header (job, 0), ==, "客户名称");
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 0), ==, "customer-name");
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 1), ==, "contact-name");
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 3), ==, "mobile");
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 7), ==, "code");
  g_assert_true (rapport_import_job_mapping_is_usable (job, NULL));

  /* The preview shows values as they will be stored. */
  g_assert_cmpuint (rapport_import_job_get_n_preview_rows (job), ==, 4);
  g_assert_cmpuint (rapport_import_job_get_preview_row_number (job, 0), ==, 2);
  value = rapport_import_job_get_preview_value (job, 0, 3, &message);
  g_assert_cmpstr (value, ==, "138 0013 8000");
  g_assert_null (message);
  g_free (value);
  value = rapport_import_job_get_preview_value (job, 0, 5, NULL);
  g_assert_cmpstr (value, ==, "1980-03-05");
  g_free (value);
  value = rapport_import_job_get_preview_value (job, 1, 3, NULL);
  g_assert_cmpstr (value, ==, "139 0013 9000, 137 0013 7000");
  g_free (value);
  value = rapport_import_job_get_preview_value (job, 2, 5, NULL);
  g_assert_cmpstr (value, ==, "2024-03-05");

  analyse (job);
  g_assert_cmpuint (rapport_import_job_get_n_rows (job), ==, 4);
  g_assert_cmpuint (rapport_import_job_get_n_customers (job), ==, 3);
  g_assert_cmpuint (rapport_import_job_get_n_contacts (job), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_import_job_get_problems (job)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_import_job_get_duplicates (job)), ==, 0);

  run_ok (job);
  g_assert_cmpuint (rapport_import_job_get_n_created (job), ==, 3);
  g_assert_cmpuint (rapport_import_job_get_n_merged (job), ==, 0);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, before + 3);

  suyang = get_customer (f, 1);
  g_assert_cmpstr (rapport_customer_get_name (suyang), ==, "速阳有限公司");
  g_assert_cmpstr (rapport_customer_get_code (suyang), ==, "SY001");
  g_assert_cmpstr (rapport_customer_get_address (suyang), ==, "深圳市南山区");
  g_assert_cmpstrv (rapport_customer_get_tags (suyang), ((const char *[]) { "VIP", "老客户", NULL }));
  g_assert_cmpuint (count_contacts (f, 1), ==, 2);
  contacts = rapport_store_list_contacts (f->db, 1, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr (RapportContact) contact = g_list_model_get_item (contacts, i);

      if (g_strcmp0 (rapport_contact_get_name (contact), "张三") == 0)
        zhang = g_steal_pointer (&contact);
    }
  g_assert_nonnull (zhang);
  g_assert_cmpstr (rapport_contact_get_title (zhang), ==, "经理");
  g_assert_cmpstr (rapport_contact_get_birthday (zhang), ==, "1980-03-05");
  g_assert_cmpstrv (rapport_contact_get_phones (zhang), ((const char *[]) { "+8613800138000", NULL }));
  g_assert_cmpstrv (rapport_contact_get_emails (zhang), ((const char *[]) { "zhang@example.com", NULL }));

  /* A row with only a person's name: a person, its phone its own. */
  zhao = get_customer (f, 3);
  g_assert_cmpstr (rapport_customer_get_name (zhao), ==, "赵六");
  g_assert_cmpint (rapport_customer_get_kind (zhao), ==, RAPPORT_CUSTOMER_KIND_PERSON);
  g_assert_cmpstrv (rapport_customer_get_phones (zhao), ((const char *[]) { "+8613500135000", NULL }));
  g_assert_cmpuint (count_contacts (f, 3), ==, 0);
}

static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GFile) file = write_file (f, "people.csv", "Name;Phone;Remark\nAnn;13800138000;x\n", -1);
  g_autoptr (RapportImportJob) job = open_job_ok (f, file);
  g_autofree char *reason = NULL;
  guint changed = 0;

  g_assert_cmpint (rapport_import_job_get_separator (job), ==, ';');
  g_signal_connect_swapped (job, "mapping-changed", G_CALLBACK (g_atomic_int_inc), &changed);
  rapport_import_job_set_mapping (job, 2, "customer-name");
  g_assert_cmpuint (changed, ==, 1);
  /* One column per field but phones, e-mails and tags. */
  rapport_import_job_set_mapping (job, 0, "customer-name");
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 2), ==, "");
  rapport_import_job_set_mapping (job, 2, "mobile");
  rapport_import_job_set_mapping (job, 1, "mobile");
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 2), ==, "mobile");
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 1), ==, "mobile");

  rapport_import_job_set_mapping (job, 0, "");
  g_assert_false (rapport_import_job_mapping_is_usable (job, &reason));
  g_assert_nonnull (reason);
  rapport_import_job_set_mapping (job, 0, "contact-name");
  g_assert_true (rapport_import_job_mapping_is_usable (job, NULL));
}

static void
test_mapping_invalidates (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GFile) file = write_file (f, "short.csv", "Company,Mobile\nAcme,1380013\n", -1);
  g_autoptr (RapportImportJob) job = open_job_ok (f, file);
  g_autoptr (RapportImportProblem) problem = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  analyse (job);
  problem = get_problem (job, 0);
  g_assert_true (rapport_import_job_set_action (job, problem, RAPPORT_IMPORT_ACTION_DROP_FIELD));

  /* A new mapping: the analysis and the column's choices are gone. */
  rapport_import_job_set_mapping (job, 1, "phone");
  g_assert_cmpuint (g_list_model_get_n_items (rapport_import_job_get_problems (job)), ==, 0);
  rapport_import_job_run_async (job, NULL, result_cb, &result);
  test_wait_for (is_set, &result);
  g_assert_false (rapport_import_job_run_finish (job, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);

  analyse (job);
  g_assert_cmpuint (rapport_import_job_count_unresolved (job), ==, 1);
}

static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GString) csv = g_string_new ("客户名称,手机,邮箱,生日\n");
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) report = NULL;
  g_autoptr (RapportImportJob) job = NULL;
  g_autoptr (RapportImportProblem) short_phone = NULL;
  g_autoptr (RapportImportProblem) excel_phone = NULL;
  g_autoptr (RapportImportProblem) long_name = NULL;
  g_autoptr (RapportImportProblem) no_name = NULL;
  g_autoptr (RapportImportProblem) bad_email = NULL;
  g_autoptr (RapportImportProblem) bad_date = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *report_path = g_build_filename (f->dir, "report.csv", NULL);
  g_autofree char *report_text = NULL;

  g_string_append (csv, "甲公司,1380013,,\n");                    /* line 2 */
  g_string_append (csv, "乙公司,1.38001E+10,,\n");                /* line 3 */
  g_string_append (csv, "\"");                                     /* line 4 */
  for (guint i = 0; i < 100000; i++)
    g_string_append (csv, "长");
  g_string_append (csv, "\",13800138000,,\n");
  g_string_append (csv, ",13900139000,,\n");                       /* line 5 */
  g_string_append (csv, "丙公司,,not-an-address,2024-02-30\n");   /* line 6 */
  g_string_append (csv, "丁公司,13700137000,ding@example.com,\n"); /* line 7 */
  file = write_file (f, "problems.csv", csv->str, csv->len);
  job = open_job_ok (f, file);

  analyse (job);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_import_job_get_problems (job)), ==, 6);
  g_assert_cmpuint (rapport_import_job_count_unresolved (job), ==, 6);

  short_phone = get_problem (job, 0);
  g_assert_cmpuint (rapport_import_problem_get_row (short_phone), ==, 2);
  g_assert_cmpuint (rapport_import_problem_get_column (short_phone), ==, 1);
  g_assert_cmpstr (rapport_import_problem_get_column_name (short_phone), ==, "手机");
  g_assert_cmpstr (rapport_import_problem_get_field (short_phone), ==, "mobile");
  g_assert_cmpstr (rapport_import_problem_get_value (short_phone), ==, "1380013");
  g_assert_nonnull (strstr (rapport_import_problem_get_message (short_phone), "1380013"));

  excel_phone = get_problem (job, 1);
  g_assert_cmpuint (rapport_import_problem_get_row (excel_phone), ==, 3);
  g_assert_nonnull (strstr (rapport_import_problem_get_message (excel_phone), "Excel"));

  /* Too long: a problem, never stored cut short. */
  long_name = get_problem (job, 2);
  g_assert_cmpuint (rapport_import_problem_get_row (long_name), ==, 4);
  g_assert_cmpstr (rapport_import_problem_get_field (long_name), ==, "customer-name");
  g_assert_nonnull (strstr (rapport_import_problem_get_message (long_name), "long"));

  no_name = get_problem (job, 3);
  g_assert_cmpuint (rapport_import_problem_get_row (no_name), ==, 5);
  g_assert_cmpstr (rapport_import_problem_get_field (no_name), ==, "");

  bad_email = get_problem (job, 4);
  g_assert_cmpuint (rapport_import_problem_get_row (bad_email), ==, 6);
  g_assert_cmpstr (rapport_import_problem_get_field (bad_email), ==, "email");
  bad_date = get_problem (job, 5);
  g_assert_cmpstr (rapport_import_problem_get_field (bad_date), ==, "birthday");

  /* Nothing runs while a problem is unresolved. */
  rapport_import_job_run_async (job, NULL, result_cb, &result);
  test_wait_for (is_set, &result);
  g_assert_false (rapport_import_job_run_finish (job, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 0);

  /* A fix is checked again. */
  g_assert_false (rapport_import_job_fix_cell (job, short_phone, "12", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (rapport_import_problem_get_action (short_phone), ==, RAPPORT_IMPORT_ACTION_NONE);
  g_assert_true (rapport_import_job_fix_cell (job, short_phone, "13800138000", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_import_problem_get_action (short_phone), ==, RAPPORT_IMPORT_ACTION_FIXED);
  g_assert_cmpstr (rapport_import_problem_get_value (short_phone), ==, "13800138000");

  /* A row without a name can only be skipped. */
  g_assert_false (rapport_import_job_set_action (job, no_name, RAPPORT_IMPORT_ACTION_DROP_FIELD));
  g_assert_false (rapport_import_job_fix_cell (job, no_name, "x", &error));
  g_clear_error (&error);
  g_assert_true (rapport_import_job_set_action (job, no_name, RAPPORT_IMPORT_ACTION_SKIP_ROW));
  g_assert_true (rapport_import_job_set_action (job, long_name, RAPPORT_IMPORT_ACTION_SKIP_ROW));
  g_assert_true (rapport_import_job_set_action (job, excel_phone, RAPPORT_IMPORT_ACTION_DROP_FIELD));
  g_assert_cmpuint (rapport_import_job_count_unresolved (job), ==, 2);
  rapport_import_job_set_action_for_unresolved (job, RAPPORT_IMPORT_ACTION_DROP_FIELD);
  g_assert_cmpuint (rapport_import_job_count_unresolved (job), ==, 0);

  /* The report: UTF-8 with BOM, one line per problem. */
  report = g_file_new_for_path (report_path);
  g_assert_true (rapport_import_job_save_report (job, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (report_path, &report_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (report_text, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (report_text, "1.38001E+10"));
  g_assert_nonnull (strstr (report_text, "not-an-address"));

  /* Analysing again keeps the fixes and actions. */
  analyse (job);
  g_assert_cmpuint (rapport_import_job_count_unresolved (job), ==, 0);
  g_clear_object (&short_phone);
  short_phone = get_problem (job, 0);
  g_assert_cmpint (rapport_import_problem_get_action (short_phone), ==, RAPPORT_IMPORT_ACTION_FIXED);

  run_ok (job);
  g_assert_cmpuint (rapport_import_job_get_n_created (job), ==, 4);
  g_assert_cmpuint (rapport_import_job_get_n_skipped (job), ==, 2);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 4);
  {
    g_autoptr (RapportCustomer) first = get_customer (f, 1);
    g_autoptr (RapportCustomer) second = get_customer (f, 2);

    g_assert_cmpstrv (rapport_customer_get_phones (first), ((const char *[]) { "+8613800138000", NULL }));
    g_assert_cmpstr (rapport_customer_get_name (second), ==, "乙公司");
    g_assert_cmpuint (g_strv_length ((char **) rapport_customer_get_phones (second)), ==, 0);
  }
}

static void
test_twice (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (GFile) file = write_gbk (f, "客户.csv", customers_csv);
  g_autoptr (RapportImportJob) first = open_job_ok (f, file);
  g_autoptr (RapportImportJob) second = NULL;

  analyse (first);
  run_ok (first);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 3);

  /* The same file again: every customer is a duplicate, merged. */
  second = open_job_ok (f, file);
  analyse (second);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_import_job_get_duplicates (second)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (RapportImportDuplicate) duplicate = get_duplicate (second, i);

      g_assert_cmpint (rapport_import_duplicate_get_existing_id (duplicate), >, 0);
      g_assert_cmpint (rapport_import_duplicate_get_decision (duplicate), ==, RAPPORT_IMPORT_DECISION_MERGE);
      g_assert_cmpuint (g_strv_length ((char **) rapport_import_duplicate_get_conflicts (duplicate)), ==, 0);
    }
  {
    g_autoptr (RapportImportDuplicate) suyang = get_duplicate (second, 0);

    g_assert_cmpstr (rapport_import_duplicate_get_name (suyang), ==, "速阳有限公司");
    g_assert_cmpstr (rapport_import_duplicate_get_rows (suyang), ==, "2, 3");
    g_assert_cmpstr (rapport_import_duplicate_get_existing_name (suyang), ==, "速阳有限公司");
    g_assert_nonnull (strstr (rapport_import_duplicate_get_reason (suyang), "SY001"));
  }

  run_ok (second);
  g_assert_cmpuint (rapport_import_job_get_n_created (second), ==, 0);
  g_assert_cmpuint (rapport_import_job_get_n_merged (second), ==, 3);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 3);
  g_assert_cmpuint (count_contacts (f, 1), ==, 2);
}

static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RapportCustomer) stored = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = write_file (f, "acme.csv",
                                       "Company,Address,Notes,Mobile\n"
                                       "ACME Trading Ltd.,2 New Road,first,13800138000\n", -1);
  g_autoptr (RapportImportJob) job = NULL;
  g_autoptr (RapportImportDuplicate) duplicate = NULL;
  g_autoptr (RapportCustomer) merged = NULL;

  rapport_customer_set_name (stored, "Acme Trading, Ltd.");
  rapport_customer_set_address (stored, "1 Old Road");
  rapport_store_insert_customer (f->db, stored, &error);
  g_assert_no_error (error);

  job = open_job_ok (f, file);
  analyse (job);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_import_job_get_duplicates (job)), ==, 1);
  duplicate = get_duplicate (job, 0);
  g_assert_cmpint (rapport_import_duplicate_get_existing_id (duplicate), ==, rapport_customer_get_id (stored));
  g_assert_cmpstr (rapport_import_duplicate_get_reason (duplicate), ==, "Same name");
  /* The name is equal up to punctuation and case: only the address differs. */
  g_assert_cmpstrv (rapport_import_duplicate_get_conflicts (duplicate), ((const char *[]) { "address", NULL }));
  g_assert_cmpstr (rapport_import_duplicate_get_stored_value (duplicate, "address"), ==, "1 Old Road");
  g_assert_cmpstr (rapport_import_duplicate_get_incoming_value (duplicate, "address"), ==, "2 New Road");
  g_assert_false (rapport_import_duplicate_get_overwrite (duplicate, "address"));

  run_ok (job);
  merged = get_customer (f, rapport_customer_get_id (stored));
  /* Kept unless asked; the empty field filled, the phone added. */
  g_assert_cmpstr (rapport_customer_get_address (merged), ==, "1 Old Road");
  g_assert_cmpstr (rapport_customer_get_notes (merged), ==, "first");
  g_assert_cmpstrv (rapport_customer_get_phones (merged), ((const char *[]) { "+8613800138000", NULL }));
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 1);
}

static void
test_overwrite (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RapportCustomer) stored = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = write_file (f, "acme.csv", "Company,Address\nAcme,2 New Road\n", -1);
  g_autoptr (RapportImportJob) job = NULL;
  g_autoptr (RapportImportDuplicate) duplicate = NULL;
  g_autoptr (RapportCustomer) merged = NULL;

  rapport_customer_set_name (stored, "Acme");
  rapport_customer_set_address (stored, "1 Old Road");
  rapport_store_insert_customer (f->db, stored, &error);
  g_assert_no_error (error);

  job = open_job_ok (f, file);
  analyse (job);
  duplicate = get_duplicate (job, 0);
  rapport_import_duplicate_set_overwrite (duplicate, "address", TRUE);
  run_ok (job);
  merged = get_customer (f, rapport_customer_get_id (stored));
  g_assert_cmpstr (rapport_customer_get_address (merged), ==, "2 New Road");
}

static void
test_in_file_duplicates (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GFile) file = write_file (f, "dups.csv",
                                       "Customer,Code,Contact,Mobile\n"
                                       "Acme,A-1,Ann,13800138000\n"          /* 2 */
                                       "Acme Corp,A-1,Bob,13900139000\n"     /* 3: same code, other name */
                                       "Globex,,Ann Lee,13800138000\n"       /* 4: Ann's phone again */
                                       "Initech,,Cid,13700137000\n", -1);    /* 5 */
  g_autoptr (RapportImportJob) job = open_job_ok (f, file);
  g_autoptr (RapportImportDuplicate) same_code = NULL;
  g_autoptr (RapportImportDuplicate) same_phone = NULL;

  analyse (job);
  g_assert_cmpuint (rapport_import_job_get_n_customers (job), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_import_job_get_duplicates (job)), ==, 2);

  same_code = get_duplicate (job, 0);
  g_assert_cmpstr (rapport_import_duplicate_get_name (same_code), ==, "Acme Corp");
  g_assert_cmpint (rapport_import_duplicate_get_existing_id (same_code), ==, 0);
  g_assert_cmpstr (rapport_import_duplicate_get_existing_name (same_code), ==, "Acme");
  g_assert_nonnull (strstr (rapport_import_duplicate_get_reason (same_code), "A-1"));
  /* Two customers cannot share a code. */
  rapport_import_duplicate_set_decision (same_code, RAPPORT_IMPORT_DECISION_CREATE);
  g_assert_cmpint (rapport_import_duplicate_get_decision (same_code), ==, RAPPORT_IMPORT_DECISION_MERGE);

  same_phone = get_duplicate (job, 1);
  g_assert_cmpstr (rapport_import_duplicate_get_name (same_phone), ==, "Globex");
  g_assert_cmpstr (rapport_import_duplicate_get_reason (same_phone), ==, "Same phone number as row 2: 138 0013 8000");
  rapport_import_duplicate_set_decision (same_phone, RAPPORT_IMPORT_DECISION_CREATE);

  run_ok (job);
  /* Acme Corp folded into Acme; Globex created anyway. */
  g_assert_cmpuint (rapport_import_job_get_n_created (job), ==, 3);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 3);
  g_assert_cmpuint (count_contacts (f, 1), ==, 2);
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "customers.xlsx", NULL);
  const char *header[] = { "客户名称", "手机", "生日", "网站", NULL };
  const char *row1[] = { "速阳有限公司", "13800138000", "45356", "www.example.com", NULL };
  const char *row2[] = { "=HYPERLINK(\"http://evil\")", "13900139000", "2024-03-05", "", NULL };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (RapportImportJob) job = NULL;
  g_autoptr (RapportCustomer) suyang = NULL;
  g_autoptr (RapportCustomer) formula = NULL;

  g_ptr_array_add (rows, g_strdupv ((char **) row1));
  g_ptr_array_add (rows, g_strdupv ((char **) row2));
  g_assert_true (rapport_xlsx_write (path, header, rows, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  job = open_job_ok (f, file);
  g_assert_cmpint (rapport_import_job_get_format (job), ==, RAPPORT_IMPORT_FORMAT_XLSX);
  analyse (job);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_import_job_get_problems (job)), ==, 0);
  run_ok (job);

  suyang = get_customer (f, 1);
  /* A serial number from a numeric cell. */
  g_assert_cmpstr (rapport_customer_get_birthday (suyang), ==, "2024-03-05");
  g_assert_cmpstr (rapport_customer_get_website (suyang), ==, "www.example.com");
  /* A formula's text is data, never run. */
  formula = get_customer (f, 2);
  g_assert_cmpstr (rapport_customer_get_name (formula), ==, "=HYPERLINK(\"http://evil\")");
}

static void
test_xls (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "customers.xls", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "services", "make-xls.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RapportImportJob) job = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, NULL, NULL, &wait_status, &error));
  g_assert_no_error (error);
  if (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 77)
    {
      g_test_skip ("python3-xlwt is not installed: no .xls fixture");
      return;
    }

  job = open_job_ok (f, file);
  g_assert_cmpint (rapport_import_job_get_format (job), ==, RAPPORT_IMPORT_FORMAT_XLS);
  /* 姓名, 金额, 生日, 电话: a person's name, an unknown column, a birthday
   * (a date-time too), a phone (and TRUE, read as 1: a problem). */
  analyse (job);
  g_assert_cmpuint (rapport_import_job_get_n_rows (job), ==, 3);
  g_assert_cmpuint (rapport_import_job_get_n_customers (job), ==, 3);
}

static const char vcards[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:张三\r\n"
  "ORG:速阳有限公司\r\n"
  "TEL;TYPE=CELL:138 0013 8000\r\n"
  "TEL;TYPE=WORK:0512-66881234\r\n"
  "EMAIL:zhang@example.com\r\n"
  "BDAY:1980-03-05\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:李四\r\n"
  "TEL;TYPE=CELL:13900139000\r\n"
  "BDAY:--0305\r\n"
  "END:VCARD\r\n";

static void
test_vcard (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (GFile) file = write_file (f, "contacts.vcf", vcards, -1);
  g_autoptr (RapportImportJob) job = open_job_ok (f, file);
  g_autoptr (RapportCustomer) company = NULL;
  g_autoptr (RapportCustomer) person = NULL;
  g_autoptr (GListModel) contacts = NULL;
  g_autoptr (RapportContact) zhang = NULL;

  g_assert_cmpint (rapport_import_job_get_format (job), ==, RAPPORT_IMPORT_FORMAT_VCARD);
  g_assert_cmpstr (rapport_import_job_get_mapping (job, 0), ==, "customer-name");
  analyse (job);
  g_assert_cmpuint (rapport_import_job_get_n_customers (job), ==, 2);
  g_assert_cmpuint (rapport_import_job_get_n_contacts (job), ==, 1);
  /* A birthday without a year: reported on the card's number, not guessed. */
  g_assert_cmpuint (g_list_model_get_n_items (rapport_import_job_get_problems (job)), ==, 1);
  {
    g_autoptr (RapportImportProblem) yearless = get_problem (job, 0);

    g_assert_cmpuint (rapport_import_problem_get_row (yearless), ==, 2);
    g_assert_cmpstr (rapport_import_problem_get_field (yearless), ==, "birthday");
    g_assert_cmpstr (rapport_import_problem_get_value (yearless), ==, "--0305");
    rapport_import_job_set_action (job, yearless, RAPPORT_IMPORT_ACTION_DROP_FIELD);
  }
  run_ok (job);

  company = get_customer (f, 1);
  g_assert_cmpstr (rapport_customer_get_name (company), ==, "速阳有限公司");
  contacts = rapport_store_list_contacts (f->db, 1, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 1);
  zhang = g_list_model_get_item (contacts, 0);
  g_assert_cmpstr (rapport_contact_get_name (zhang), ==, "张三");
  g_assert_cmpstr (rapport_contact_get_birthday (zhang), ==, "1980-03-05");
  g_assert_cmpstrv (rapport_contact_get_phones (zhang),
                    ((const char *[]) { "+8613800138000", "+8651266881234", NULL }));
  person = get_customer (f, 2);
  g_assert_cmpstr (rapport_customer_get_name (person), ==, "李四");
  g_assert_cmpint (rapport_customer_get_kind (person), ==, RAPPORT_CUSTOMER_KIND_PERSON);
}

static void
test_lunar_birthday (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GFile) file = write_file (f, "lunar.csv",
                                       "姓名,农历生日\n张三,1980-08-15\n李四,\n", -1);
  g_autoptr (RapportImportJob) job = open_job_ok (f, file);
  g_autoptr (RapportCustomer) zhang = NULL;

  g_assert_cmpstr (rapport_import_job_get_mapping (job, 1), ==, "lunar-birthday");
  analyse (job);
  run_ok (job);
  zhang = get_customer (f, 1);
  g_assert_cmpstr (rapport_customer_get_birthday (zhang), ==, "1980-08-15");
  g_assert_true (rapport_customer_get_birthday_lunar (zhang));
}

static void
test_open_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GFile) missing = g_file_new_build_filename (f->dir, "missing.csv", NULL);
  g_autoptr (GFile) header_only = write_file (f, "header.csv", "客户名称,手机\n", -1);
  g_autoptr (GFile) not_zip = write_file (f, "fake.xlsx", "PK\x03\x04garbage that is not a zip at all", -1);
  g_autoptr (GError) error = NULL;
  RapportImportJob *job;

  job = open_job (f, missing, &error);
  g_assert_null (job);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  job = open_job (f, header_only, &error);
  g_assert_null (job);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  job = open_job (f, not_zip, &error);
  g_assert_null (job);
  g_assert_true (error->domain == RAPPORT_SPREADSHEET_ERROR);
  g_clear_error (&error);

  /* A workbook cut off half way. */
  {
    g_autofree char *path = g_build_filename (f->dir, "whole.xlsx", NULL);
    const char *header[] = { "客户名称", NULL };
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    g_autofree char *contents = NULL;
    gsize len = 0;
    g_autoptr (GFile) truncated = NULL;

    for (guint i = 0; i < 200; i++)
      g_ptr_array_add (rows, g_strsplit_set ("速阳有限公司", "", 1));
    g_assert_true (rapport_xlsx_write (path, header, rows, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    truncated = write_file (f, "truncated.xlsx", contents, len / 2);

    /* Open reads a workbook only as far as its preview: the damage shows
     * there or, at the latest, when every row is read. */
    job = open_job (f, truncated, &error);
    if (job != NULL)
      {
        g_autoptr (GAsyncResult) result = NULL;

        rapport_import_job_analyse_async (job, NULL, result_cb, &result);
        test_wait_for (is_set, &result);
        g_assert_false (rapport_import_job_analyse_finish (job, result, &error));
        g_object_unref (job);
      }
    g_assert_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_DAMAGED);
  }
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GFile) file = write_gbk (f, "gbk.csv", "客户名称,手机\n速阳,13800138000\n");
  g_autoptr (RapportImportJob) job = open_job_ok (f, file);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) again = NULL;
  g_autoptr (GError) error = NULL;

  /* Read as UTF-8 by mistake: the decoder refuses, the job stays. */
  rapport_import_job_reopen_async (job, RAPPORT_ENCODING_UTF8, ',', NULL, result_cb, &result);
  test_wait_for (is_set, &result);
  g_assert_false (rapport_import_job_reopen_finish (job, result, &error));
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_assert_cmpint (rapport_import_job_get_encoding (job), ==, RAPPORT_ENCODING_GB18030);
  g_assert_cmpstr (rapport_import_job_get_header (job, 0), ==, "客户名称");
  g_clear_error (&error);

  rapport_import_job_reopen_async (job, RAPPORT_ENCODING_GB18030, ';', NULL, result_cb, &again);
  test_wait_for (is_set, &again);
  g_assert_true (rapport_import_job_reopen_finish (job, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_import_job_get_separator (job), ==, ';');
  g_assert_cmpuint (rapport_import_job_get_n_columns (job), ==, 1);
}

typedef struct
{
  GCancellable *cancellable;
  double        at;
  guint         n_notified;
} CancelAt;

static void
cancel_at_hook (double   progress,
                gpointer user_data)
{
  CancelAt *cancel = user_data;

  if (progress >= cancel->at)
    g_cancellable_cancel (cancel->cancellable);
}

static void
progress_notified_cb (GObject    *object,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  ((CancelAt *) user_data)->n_notified++;
}

static void
test_cancel_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GString) csv = g_string_new ("客户名称,联系人,手机\n");
  g_autoptr (GFile) file = NULL;
  g_autoptr (RapportImportJob) job = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) undone = NULL;
  g_autoptr (GAsyncResult) undone_again = NULL;
  g_autoptr (RapportCustomer) existing = rapport_customer_new ();
  g_autoptr (RapportCustomer) restored = NULL;
  CancelAt cancel = { cancellable, 0.5, 0 };

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (csv, "公司%u,联系人%u,138%08u\n", i, i, i);
  file = write_file (f, "many.csv", csv->str, csv->len);

  rapport_customer_set_name (existing, "公司7");
  rapport_store_insert_customer (f->db, existing, &error);
  g_assert_no_error (error);

  job = open_job_ok (f, file);
  g_signal_connect (job, "notify::progress", G_CALLBACK (progress_notified_cb), &cancel);
  analyse (job);
  g_assert_cmpuint (rapport_import_job_get_n_customers (job), ==, 400);
  g_assert_cmpuint (g_list_model_get_n_items (rapport_import_job_get_duplicates (job)), ==, 1);

  /* Cancelled half way: nothing written. */
  _rapport_import_job_set_progress_hook (job, cancel_at_hook, &cancel);
  g_assert_false (run (job, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 1);
  g_assert_cmpuint (count_contacts (f, rapport_customer_get_id (existing)), ==, 0);

  _rapport_import_job_set_progress_hook (job, NULL, NULL);
  run_ok (job);
  g_assert_cmpuint (rapport_import_job_get_n_created (job), ==, 399);
  g_assert_cmpuint (rapport_import_job_get_n_merged (job), ==, 1);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 400);
  g_assert_cmpuint (count_contacts (f, rapport_customer_get_id (existing)), ==, 1);

  /* Undo: what it created goes, what it merged is as it was. */
  rapport_import_undo_async (f->session, rapport_import_job_get_import_id (job), NULL, result_cb, &undone);
  test_wait_for (is_set, &undone);
  g_assert_true (rapport_import_undo_finish (undone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 1);
  restored = get_customer (f, rapport_customer_get_id (existing));
  g_assert_cmpuint (g_strv_length ((char **) rapport_customer_get_phones (restored)), ==, 0);
  g_assert_cmpuint (count_contacts (f, rapport_customer_get_id (existing)), ==, 0);

  rapport_import_undo_async (f->session, rapport_import_job_get_import_id (job), NULL, result_cb, &undone_again);
  test_wait_for (is_set, &undone_again);
  g_assert_false (rapport_import_undo_finish (undone_again, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);

  /* Progress was notified, throttled. */
  g_assert_cmpuint (cancel.n_notified, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-job/csv-gbk", test_csv_gbk);
  ADD ("/import-job/mapping", test_mapping);
  ADD ("/import-job/mapping-invalidates", test_mapping_invalidates);
  ADD ("/import-job/problems", test_problems);
  ADD ("/import-job/twice", test_twice);
  ADD ("/import-job/conflicts", test_conflicts);
  ADD ("/import-job/overwrite", test_overwrite);
  ADD ("/import-job/in-file-duplicates", test_in_file_duplicates);
  ADD ("/import-job/xlsx", test_xlsx);
  ADD ("/import-job/xls", test_xls);
  ADD ("/import-job/vcard", test_vcard);
  ADD ("/import-job/lunar-birthday", test_lunar_birthday);
  ADD ("/import-job/open-errors", test_open_errors);
  ADD ("/import-job/reopen", test_reopen);
  ADD ("/import-job/cancel-and-undo", test_cancel_and_undo);
#undef ADD

  return g_test_run ();
}
