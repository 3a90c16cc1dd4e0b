/* test-imports.c
 *
 * The store's side of imports: matching incoming customers, the writer's
 * one transaction (created, merged, skipped; rolled back when not
 * committed), the history and the exact undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-import-store.h"
#include "store-test-helpers.h"

static GStrv
strv (const char *first,
      ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);

  return g_strv_builder_end (builder);
}

static RapportCustomer *
incoming_customer (const char *name,
                   const char *phone,
                   const char *email)
{
  RapportCustomer *customer = rapport_customer_new ();
  g_auto (GStrv) phones = phone != NULL ? strv (phone, NULL) : NULL;
  g_auto (GStrv) emails = email != NULL ? strv (email, NULL) : NULL;

  rapport_customer_set_name (customer, name);
  rapport_customer_set_phones (customer, (const char * const *) phones);
  rapport_customer_set_emails (customer, (const char * const *) emails);

  return customer;
}

static RapportContact *
incoming_contact (const char *name,
                  const char *phone)
{
  RapportContact *contact = rapport_contact_new ();
  g_auto (GStrv) phones = phone != NULL ? strv (phone, NULL) : NULL;

  rapport_contact_set_name (contact, name);
  rapport_contact_set_phones (contact, (const char * const *) phones);

  return contact;
}

static GPtrArray *
contacts_of (RapportContact *first,
             ...)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (RapportContact *c = first; c != NULL; c = va_arg (args, RapportContact *))
    g_ptr_array_add (contacts, c);
  va_end (args);

  return contacts;
}

/* Every column of a row, exactly as stored (types included). */
static char *
dump_row (RapportDatabase *db,
          const char      *table,
          gint64           id,
          const char      *except_column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE id = %" G_GINT64_FORMAT, table, id);
  sqlite3_stmt *stmt = NULL;
  GString *dump = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (_rapport_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      {
        const guchar *bytes = sqlite3_column_blob (stmt, i);
        int n = sqlite3_column_bytes (stmt, i);

        if (g_strcmp0 (sqlite3_column_name (stmt, i), except_column) == 0)
          continue;
        g_string_append_printf (dump, "%s:%d:", sqlite3_column_name (stmt, i), sqlite3_column_type (stmt, i));
        for (int b = 0; b < n; b++)
          g_string_append_printf (dump, "%02x", bytes[b]);
        g_string_append_c (dump, ';');
      }
  sqlite3_finalize (stmt);

  return g_string_free (dump, FALSE);
}

/* The rows of @table a customer owns, in full, ids aside. */
static char *
dump_rows (RapportDatabase *db,
           const char      *sql,
           gint64           customer_id)
{
  sqlite3_stmt *stmt = NULL;
  GString *dump = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (_rapport_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (dump, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (dump, '\n');
    }
  sqlite3_finalize (stmt);

  return g_string_free (dump, FALSE);
}

static gint64
count_rows (RapportDatabase *db,
            const char      *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_rapport_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static guint
n_found (RapportDatabase *db,
         const char      *query)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = rapport_store_search_customers (db, query, 10, &error);

  g_assert_no_error (error);
  return ids->len;
}

static RapportCustomer *
existing_customer (Fixture    *fixture,
                   const char *name,
                   const char *code,
                   const char *phone,
                   const char *tag)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) phones = phone != NULL ? strv (phone, NULL) : NULL;
  g_auto (GStrv) tags = tag != NULL ? strv (tag, NULL) : NULL;
  RapportCustomer *customer = rapport_customer_new ();

  rapport_customer_set_name (customer, name);
  rapport_customer_set_code (customer, code);
  rapport_customer_set_phones (customer, (const char * const *) phones);
  rapport_customer_set_tags (customer, (const char * const *) tags);
  rapport_store_insert_customer (fixture->db, customer, &error);
  g_assert_no_error (error);

  return customer;
}

static gint64
add_existing_contact (Fixture    *fixture,
                      gint64      customer_id,
                      const char *name,
                      const char *phone,
                      const char *email)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportContact) contact = incoming_contact (name, phone);
  g_auto (GStrv) emails = email != NULL ? strv (email, NULL) : NULL;

  rapport_contact_set_customer_id (contact, customer_id);
  rapport_contact_set_emails (contact, (const char * const *) emails);
  rapport_store_insert_contact (fixture->db, contact, &error);
  g_assert_no_error (error);

  return rapport_contact_get_id (contact);
}

/* Matching */

static void
test_match_order (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) suyang = existing_customer (fixture, "速阳有限公司", "SY001", "13800138000", NULL);
  g_autoptr (RapportCustomer) acme = existing_customer (fixture, "Acme Trading, Ltd.", "AT001", NULL, NULL);
  g_autoptr (RapportCustomer) gone = existing_customer (fixture, "Gone Ltd", "GL001", "13900139000", NULL);
  gint64 li_wei = add_existing_contact (fixture, rapport_customer_get_id (acme), "Li Wei",
                                        "+86 137 0013 7000", "Li.Wei@Example.com");
  const char *phones[] = { "bad phone", "137-0013-7000", NULL };
  const char *emails[] = { "li.wei@example.com", NULL };
  const char *gone_phones[] = { "13900139000", NULL };
  RapportMatchReason reason = RAPPORT_MATCH_CODE;
  gint64 contact_id = -1;
  gint64 id;

  rapport_store_trash_customer (fixture->db, rapport_customer_get_id (gone), &error);
  g_assert_no_error (error);

  /* The code first, case-insensitively, over a phone of another customer. */
  id = rapport_store_match_customer (fixture->db, " sy001 ", "Acme", phones, NULL, &reason, &contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, rapport_customer_get_id (suyang));
  g_assert_cmpint (reason, ==, RAPPORT_MATCH_CODE);
  g_assert_cmpint (contact_id, ==, 0);

  /* A contact's phone, as typed otherwise; a bad number is passed over. */
  id = rapport_store_match_customer (fixture->db, "XX999", "速阳", phones, emails, &reason, &contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, rapport_customer_get_id (acme));
  g_assert_cmpint (reason, ==, RAPPORT_MATCH_PHONE);
  g_assert_cmpint (contact_id, ==, li_wei);

  /* An e-mail, normalised. */
  id = rapport_store_match_customer (fixture->db, NULL, NULL, NULL, emails, &reason, &contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, rapport_customer_get_id (acme));
  g_assert_cmpint (reason, ==, RAPPORT_MATCH_EMAIL);

  /* The customer's own phone. */
  id = rapport_store_match_customer (fixture->db, NULL, NULL, (const char *[]) { "+8613800138000", NULL },
                                     NULL, &reason, &contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, rapport_customer_get_id (suyang));
  g_assert_cmpint (reason, ==, RAPPORT_MATCH_PHONE);
  g_assert_cmpint (contact_id, ==, 0);

  /* The name up to punctuation, spaces and case. */
  id = rapport_store_match_customer (fixture->db, NULL, "ACME trading ltd", NULL, NULL, &reason, &contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, rapport_customer_get_id (acme));
  g_assert_cmpint (reason, ==, RAPPORT_MATCH_NAME);

  /* Customers in the Trash match nothing. */
  id = rapport_store_match_customer (fixture->db, "GL001", "Gone Ltd", gone_phones, NULL, &reason, &contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpint (reason, ==, RAPPORT_MATCH_NONE);
  g_assert_cmpint (contact_id, ==, 0);
}

/* Writing */

static void
test_add_and_history (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportImportWriter) writer = NULL;
  g_autoptr (RapportCustomer) suyang = incoming_customer ("速阳有限公司", "13800138000", NULL);
  g_autoptr (RapportCustomer) taken = incoming_customer ("Taken", NULL, NULL);
  g_autoptr (RapportCustomer) bad = incoming_customer ("Bad contact", NULL, NULL);
  g_autoptr (RapportCustomer) read = NULL;
  g_autoptr (GPtrArray) contacts = contacts_of (incoming_contact ("李伟", "13700137000"),
                                                incoming_contact ("王芳", NULL), NULL);
  g_autoptr (GPtrArray) bad_contacts = contacts_of (incoming_contact ("No phone", "12"), NULL);
  g_autoptr (GListModel) imports = NULL;
  g_autoptr (GListModel) listed = NULL;
  g_autoptr (RapportImportRun) run = NULL;
  g_auto (GStrv) tags = strv ("VIP", "导入", NULL);
  gint64 import_id;

  rapport_customer_set_tags (suyang, (const char * const *) tags);

  writer = rapport_import_writer_begin (fixture->db, "客户.csv", "csv", &error);
  g_assert_no_error (error);

  g_assert_true (rapport_import_writer_add_customer (writer, suyang, contacts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_id (suyang), >, 0);
  g_assert_cmpstr (rapport_customer_get_code (suyang), ==, "SY001");
  g_assert_cmpint (rapport_contact_get_id (g_ptr_array_index (contacts, 1)), >, 0);
  g_assert_cmpint (rapport_contact_get_customer_id (g_ptr_array_index (contacts, 0)), ==,
                   rapport_customer_get_id (suyang));

  /* A code in use is the row's problem; the import goes on. */
  rapport_customer_set_code (taken, "sy001");
  g_assert_false (rapport_import_writer_add_customer (writer, taken, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* So is a bad contact, before its customer is written. */
  g_assert_false (rapport_import_writer_add_customer (writer, bad, bad_contacts, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_customer_get_id (bad), ==, 0);

  rapport_import_writer_add_skipped (writer, 3);

  /* Nothing is announced before the commit; one batch after it. */
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  import_id = rapport_import_writer_commit (writer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (import_id, >, 0);
  g_assert_cmpuint (fixture->changes->len, >, 0);
  g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, 0).kind, ==, RAPPORT_ENTITY_KIND_CUSTOMER);

  read = rapport_store_get_customer (fixture->db, rapport_customer_get_id (suyang), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_phones (read)[0], ==, "+8613800138000");
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_tags (read)), ==, 2);
  listed = rapport_store_list_contacts (fixture->db, rapport_customer_get_id (read), &error);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 2);
  g_assert_cmpint (count_rows (fixture->db, "SELECT n_live FROM tag WHERE name = 'VIP'"), ==, 1);
  g_assert_cmpuint (n_found (fixture->db, "速阳"), ==, 1);

  imports = rapport_store_list_imports (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (imports), ==, 1);
  run = g_list_model_get_item (imports, 0);
  g_assert_cmpint (rapport_import_run_get_id (run), ==, import_id);
  g_assert_cmpstr (rapport_import_run_get_file_name (run), ==, "客户.csv");
  g_assert_cmpstr (rapport_import_run_get_format (run), ==, "csv");
  g_assert_cmpint (rapport_import_run_get_imported_at (run), ==, TEST_NOW);
  g_assert_cmpuint (rapport_import_run_get_n_created (run), ==, 1);
  g_assert_cmpuint (rapport_import_run_get_n_merged (run), ==, 0);
  g_assert_cmpuint (rapport_import_run_get_n_skipped (run), ==, 3);
  g_assert_cmpuint (rapport_import_run_get_n_contacts (run), ==, 2);
  g_assert_cmpint (rapport_import_run_get_undone_at (run), ==, 0);
}

/* Cancel: freed without a commit, nothing is written or announced. */
static void
test_free_rolls_back (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) before = existing_customer (fixture, "Before", NULL, NULL, NULL);
  g_autoptr (GListModel) imports = NULL;
  RapportImportWriter *writer;

  fixture_clear_changes (fixture);
  writer = rapport_import_writer_begin (fixture->db, "half.csv", "csv", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      g_autoptr (RapportCustomer) customer = incoming_customer (name, NULL, NULL);

      g_assert_true (rapport_import_writer_add_customer (writer, customer, NULL, &error));
      g_assert_no_error (error);
    }
  rapport_import_writer_free (writer);

  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  imports = rapport_store_list_imports (fixture->db, &error);
  g_assert_cmpuint (g_list_model_get_n_items (imports), ==, 0);
  g_assert_cmpuint (n_found (fixture->db, "customer"), ==, 0);

  /* The connection is usable again. */
  g_clear_object (&before);
  before = existing_customer (fixture, "After", NULL, NULL, NULL);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 2);
}

static void
test_merge_fills_and_adds (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) suyang = existing_customer (fixture, "速阳有限公司", "SY001", "13800138000", "VIP");
  gint64 id = rapport_customer_get_id (suyang);
  gint64 li_wei = add_existing_contact (fixture, id, "李伟", "13700137000", NULL);
  g_autoptr (RapportCustomer) incoming = incoming_customer ("速阳公司", "13600136000", "info@suyang.cn");
  g_autoptr (RapportCustomer) read = NULL;
  g_autoptr (RapportContact) li_wei_read = NULL;
  g_autoptr (RapportImportWriter) writer = NULL;
  g_autoptr (GListModel) contacts = NULL;
  g_autoptr (RapportImportRun) run = NULL;
  g_autoptr (GListModel) imports = NULL;
  g_auto (GStrv) tags = strv ("vip", "新", NULL);
  g_autoptr (RapportContact) li_again = incoming_contact ("李 伟", "13500135000");
  g_autoptr (GPtrArray) incoming_contacts = g_ptr_array_new ();
  const char * const overwrite[] = { "region", NULL };

  rapport_customer_set_region (suyang, "上海");
  rapport_customer_set_notes (suyang, "老客户");
  rapport_store_update_customer (fixture->db, suyang, &error);
  g_assert_no_error (error);

  rapport_customer_set_address (incoming, "北京市朝阳区");
  rapport_customer_set_region (incoming, "北京");
  rapport_customer_set_notes (incoming, "新备注");
  rapport_customer_set_tags (incoming, (const char * const *) tags);
  rapport_contact_set_title (li_again, "经理");
  g_ptr_array_add (incoming_contacts, li_again);
  g_ptr_array_add (incoming_contacts, incoming_contact ("王芳", NULL));
  g_ptr_array_set_free_func (incoming_contacts, NULL);

  writer = rapport_import_writer_begin (fixture->db, "again.xlsx", "xlsx", &error);
  g_assert_no_error (error);
  g_assert_true (rapport_import_writer_merge_customer (writer, id, incoming, incoming_contacts, overwrite, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_import_writer_commit (writer, &error), >, 0);
  g_assert_no_error (error);
  g_object_unref (g_ptr_array_index (incoming_contacts, 1));

  read = rapport_store_get_customer (fixture->db, id, &error);
  g_assert_no_error (error);
  /* The name is kept (not asked to overwrite), empty fields filled, region
   * overwritten as asked, notes kept. */
  g_assert_cmpstr (rapport_customer_get_name (read), ==, "速阳有限公司");
  g_assert_cmpstr (rapport_customer_get_address (read), ==, "北京市朝阳区");
  g_assert_cmpstr (rapport_customer_get_region (read), ==, "北京");
  g_assert_cmpstr (rapport_customer_get_notes (read), ==, "老客户");
  g_assert_cmpstr (rapport_customer_get_phones (read)[0], ==, "+8613800138000");
  g_assert_cmpstr (rapport_customer_get_phones (read)[1], ==, "+8613600136000");
  g_assert_cmpstr (rapport_customer_get_emails (read)[0], ==, "info@suyang.cn");
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_tags (read)), ==, 2);
  g_assert_cmpint (count_rows (fixture->db, "SELECT n_live FROM tag WHERE name = 'VIP'"), ==, 1);
  g_assert_cmpint (count_rows (fixture->db, "SELECT n_live FROM tag WHERE name = '新'"), ==, 1);

  /* 李 伟 is 李伟 (same name): merged, title filled, phone added; 王芳 added. */
  contacts = rapport_store_list_contacts (fixture->db, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 2);
  li_wei_read = rapport_store_get_contact (fixture->db, li_wei, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_contact_get_title (li_wei_read), ==, "经理");
  g_assert_cmpstr (rapport_contact_get_name (li_wei_read), ==, "李伟");
  g_assert_true (rapport_contact_get_is_primary (li_wei_read));
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_contact_get_phones (li_wei_read)), ==, 2);
  /* Indexed at the commit: the customer's new phone, the contact's. */
  g_assert_cmpuint (n_found (fixture->db, "13600136000"), ==, 1);
  g_assert_cmpuint (n_found (fixture->db, "13500135000"), ==, 1);
  g_assert_cmpuint (n_found (fixture->db, "王芳"), ==, 1);

  imports = rapport_store_list_imports (fixture->db, &error);
  run = g_list_model_get_item (imports, 0);
  g_assert_cmpuint (rapport_import_run_get_n_created (run), ==, 0);
  g_assert_cmpuint (rapport_import_run_get_n_merged (run), ==, 1);
  g_assert_cmpuint (rapport_import_run_get_n_contacts (run), ==, 1);
}

/* Asked to, a merge overwrites the name (from either name column) and
 * the code, which must stay unique. */
static void
test_merge_overwrites_name_and_code (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) acme = existing_customer (fixture, "Acme", "AC001", NULL, NULL);
  g_autoptr (RapportCustomer) incoming = incoming_customer ("ACME Trading", NULL, NULL);
  g_autoptr (RapportCustomer) read = NULL;
  g_autoptr (RapportImportWriter) writer = NULL;
  const char * const by_company[] = { "company", NULL };
  const char * const code[] = { "code", NULL };
  gint64 id = rapport_customer_get_id (acme);

  g_object_unref (existing_customer (fixture, "Other", "OT001", NULL, NULL));
  writer = rapport_import_writer_begin (fixture->db, "x.csv", "csv", &error);
  g_assert_true (rapport_import_writer_merge_customer (writer, id, incoming, NULL, NULL, &error));
  g_assert_no_error (error);
  read = rapport_store_get_customer (fixture->db, id, &error);
  g_assert_cmpstr (rapport_customer_get_name (read), ==, "Acme");
  g_clear_object (&read);

  g_assert_true (rapport_import_writer_merge_customer (writer, id, incoming, NULL, by_company, &error));
  g_assert_no_error (error);
  read = rapport_store_get_customer (fixture->db, id, &error);
  g_assert_cmpstr (rapport_customer_get_name (read), ==, "ACME Trading");

  rapport_customer_set_code (incoming, "ot001");
  g_assert_false (rapport_import_writer_merge_customer (writer, id, incoming, NULL, code, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
}

static void
test_merge_into_trashed_fails (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) gone = existing_customer (fixture, "Gone", NULL, NULL, NULL);
  g_autoptr (RapportCustomer) incoming = incoming_customer ("Gone", NULL, NULL);
  g_autoptr (RapportImportWriter) writer = NULL;

  rapport_store_trash_customer (fixture->db, rapport_customer_get_id (gone), &error);
  g_assert_no_error (error);

  writer = rapport_import_writer_begin (fixture->db, "x.csv", "csv", &error);
  g_assert_false (rapport_import_writer_merge_customer (writer, rapport_customer_get_id (gone), incoming,
                                                        NULL, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

/* Undo */

static gint64
import_file (Fixture  *fixture,
             gboolean  merge_matches,
             guint    *n_matched)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportImportWriter) writer = NULL;
  gint64 import_id;

  *n_matched = 0;
  writer = rapport_import_writer_begin (fixture->db, "book.csv", "csv", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %02u Co., Ltd.", i);
      g_autofree char *phone = g_strdup_printf ("138%08u", i);
      g_autofree char *contact_phone = g_strdup_printf ("137%08u", i);
      g_autoptr (RapportCustomer) customer = incoming_customer (name, phone, NULL);
      g_autoptr (GPtrArray) contacts = contacts_of (incoming_contact ("Contact", contact_phone), NULL);
      g_auto (GStrv) tags = strv ("imported", NULL);
      const char *phones[] = { phone, NULL };
      gint64 match;

      rapport_customer_set_tags (customer, (const char * const *) tags);
      match = rapport_store_match_customer (fixture->db, NULL, name, phones, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      if (match != 0)
        {
          (*n_matched)++;
          if (merge_matches)
            g_assert_true (rapport_import_writer_merge_customer (writer, match, customer, contacts, NULL, &error));
        }
      else
        {
          g_assert_true (rapport_import_writer_add_customer (writer, customer, contacts, &error));
        }
      g_assert_no_error (error);
    }

  import_id = rapport_import_writer_commit (writer, &error);
  g_assert_no_error (error);

  return import_id;
}

/* The same file twice: the second time every row matches, and merging
 * changes nothing that was not empty. */
static void
test_same_file_twice (Fixture       *fixture,
                      gconstpointer  data)
{
  guint n_matched = 0;

  import_file (fixture, TRUE, &n_matched);
  g_assert_cmpuint (n_matched, ==, 0);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 20);

  import_file (fixture, TRUE, &n_matched);
  g_assert_cmpuint (n_matched, ==, 20);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 20);
  g_assert_cmpint (count_rows (fixture->db, "SELECT count(*) FROM contact"), ==, 20);
  g_assert_cmpint (count_rows (fixture->db, "SELECT count(*) FROM channel"), ==, 40);
}

static void
test_undo_exact (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) kept = existing_customer (fixture, "Customer 03 Co., Ltd.", "KP001",
                                                        "13800000003", "VIP");
  gint64 kept_id = rapport_customer_get_id (kept);
  gint64 kept_contact = add_existing_contact (fixture, kept_id, "Contact", NULL, "c@example.com");
  g_autoptr (RapportCustomer) other = existing_customer (fixture, "Other", NULL, NULL, "imported");
  g_autofree char *customer_before = NULL;
  g_autofree char *contact_before = NULL;
  g_autofree char *channels_before = NULL;
  g_autofree char *tags_before = NULL;
  g_autofree char *customer_after = NULL;
  g_autofree char *contact_after = NULL;
  g_autofree char *channels_after = NULL;
  g_autofree char *tags_after = NULL;
  g_autoptr (GListModel) imports = NULL;
  g_autoptr (RapportImportRun) run = NULL;
  const char *channels_sql = "SELECT * FROM channel WHERE customer_id = ?1 ORDER BY id";
  const char *tags_sql = "SELECT t.name, t.n_live FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
                         "WHERE ct.customer_id = ?1 ORDER BY t.name";
  guint n_matched = 0;
  gint64 import_id;

  /* Later than the customer was saved, so updated_at would show a change. */
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 3600);

  customer_before = dump_row (fixture->db, "customer", kept_id, "search_slot");
  contact_before = dump_row (fixture->db, "contact", kept_contact, NULL);
  channels_before = dump_rows (fixture->db, channels_sql, kept_id);
  tags_before = dump_rows (fixture->db, tags_sql, kept_id);

  import_id = import_file (fixture, TRUE, &n_matched);
  g_assert_cmpuint (n_matched, ==, 1);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 21);
  g_assert_cmpint (count_rows (fixture->db, "SELECT n_live FROM tag WHERE name = 'imported'"), ==, 21);
  channels_after = dump_rows (fixture->db, channels_sql, kept_id);
  g_assert_cmpstr (channels_after, !=, channels_before);
  g_clear_pointer (&channels_after, g_free);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_undo_import (fixture->db, import_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->changes->len, >, 0);

  /* Created rows gone; the merged customer and contact as they were. */
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 2);
  g_assert_cmpint (count_rows (fixture->db, "SELECT count(*) FROM contact"), ==, 1);
  g_assert_cmpint (count_rows (fixture->db, "SELECT count(*) FROM customer WHERE import_id IS NOT NULL"), ==, 0);
  g_assert_cmpint (count_rows (fixture->db, "SELECT n_live FROM tag WHERE name = 'imported'"), ==, 1);
  customer_after = dump_row (fixture->db, "customer", kept_id, "search_slot");
  contact_after = dump_row (fixture->db, "contact", kept_contact, NULL);
  channels_after = dump_rows (fixture->db, channels_sql, kept_id);
  tags_after = dump_rows (fixture->db, tags_sql, kept_id);
  g_assert_cmpstr (customer_after, ==, customer_before);
  g_assert_cmpstr (contact_after, ==, contact_before);
  g_assert_cmpstr (channels_after, ==, channels_before);
  g_assert_cmpstr (tags_after, ==, tags_before);
  g_assert_cmpuint (n_found (fixture->db, "13700000003"), ==, 0);
  g_assert_cmpuint (n_found (fixture->db, "Customer 05"), ==, 0);

  imports = rapport_store_list_imports (fixture->db, &error);
  run = g_list_model_get_item (imports, 0);
  g_assert_cmpint (rapport_import_run_get_undone_at (run), ==, TEST_NOW + 3600);

  /* Once only. */
  g_assert_false (rapport_store_undo_import (fixture->db, import_id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (rapport_store_undo_import (fixture->db, import_id + 1, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

/* The customers an import creates are placed among the others: a search
 * in name order lists them in their places, their contacts found too. */
static void
assert_names_found (Fixture            *fixture,
                    const char * const *expected,
                    guint               n_expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) found = rapport_store_search_customers (fixture->db, "acme", 20, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, n_expected);
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr (RapportCustomer) customer = rapport_store_get_customer (fixture->db, g_array_index (found, gint64, i),
                                                                         &error);

      g_assert_cmpstr (rapport_customer_get_name (customer), ==, expected[i]);
    }
}

static void
test_imported_in_name_order (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char * const existing[] = { "Acme B", "Acme D", "Acme F" };
  static const char * const imported[] = { "Acme E", "Acme A", "Acme C", "Acme C2", "Acme G" };
  static const char * const expected[] = { "Acme A", "Acme B", "Acme C", "Acme C2", "Acme D", "Acme E",
                                            "Acme F", "Acme G" };
  static const char * const expected_after[] = { "Acme A", "Acme B", "Acme C", "Acme C2", "Acme D", "Acme E",
                                                  "Acme F", "Acme G", "Acme H" };
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportImportWriter) writer = NULL;
  g_autoptr (RapportImportWriter) second = NULL;
  g_autoptr (RapportCustomer) renamed = incoming_customer ("Acme H", NULL, NULL);
  const char * const overwrite[] = { "customer-name", NULL };
  gint64 b_id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (existing); i++)
    {
      g_autoptr (RapportCustomer) customer = existing_customer (fixture, existing[i], NULL, NULL, NULL);

      if (i == 0)
        b_id = rapport_customer_get_id (customer);
    }

  writer = rapport_import_writer_begin (fixture->db, "acme.csv", "csv", &error);
  for (guint i = 0; i < G_N_ELEMENTS (imported); i++)
    {
      g_autoptr (RapportCustomer) customer = incoming_customer (imported[i], NULL, NULL);
      g_autoptr (GPtrArray) contacts = contacts_of (incoming_contact ("Zebedee", NULL), NULL);

      g_assert_true (rapport_import_writer_add_customer (writer, customer, contacts, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (rapport_import_writer_commit (writer, &error), >, 0);
  g_assert_no_error (error);

  assert_names_found (fixture, expected, G_N_ELEMENTS (expected));
  /* Each has its place: none is left a misfit. */
  g_assert_cmpint (count_rows (fixture->db, "SELECT count(*) FROM customer WHERE search_slot IS NULL"
                                            " OR search_slot >= 1073741824"), ==, 0);
  g_assert_cmpuint (n_found (fixture->db, "zebedee"), ==, G_N_ELEMENTS (imported));

  /* A merged customer renamed from the start of the list to its end, and
   * a new one taking its old name, in the same import. */
  second = rapport_import_writer_begin (fixture->db, "acme2.csv", "csv", &error);
  g_assert_true (rapport_import_writer_merge_customer (second, b_id, renamed, NULL, overwrite, &error));
  g_assert_no_error (error);
  rapport_customer_set_name (renamed, "Acme B");
  g_assert_true (rapport_import_writer_add_customer (second, renamed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_import_writer_commit (second, &error), >, 0);
  g_assert_no_error (error);

  assert_names_found (fixture, expected_after, G_N_ELEMENTS (expected_after));
}

/* Exports */

typedef struct
{
  GPtrArray *names;      /* "name|phones|emails|tags|contact:phones,…" */
  guint      stop_after;
} Collected;

static char *
describe (RapportCustomer *customer,
          GPtrArray       *contacts)
{
  GString *text = g_string_new (rapport_customer_get_name (customer));
  g_autofree char *phones = g_strjoinv (",", (GStrv) rapport_customer_get_phones (customer));
  g_autofree char *emails = g_strjoinv (",", (GStrv) rapport_customer_get_emails (customer));
  g_autofree char *tags = g_strjoinv (",", (GStrv) rapport_customer_get_tags (customer));

  g_string_append_printf (text, "|%s|%s|%s", phones, emails, tags);
  for (guint i = 0; i < contacts->len; i++)
    {
      RapportContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *contact_phones = g_strjoinv (",", (GStrv) rapport_contact_get_phones (contact));
      g_autofree char *contact_emails = g_strjoinv (",", (GStrv) rapport_contact_get_emails (contact));

      g_assert_cmpint (rapport_contact_get_customer_id (contact), ==, rapport_customer_get_id (customer));
      g_string_append_printf (text, "|%s:%s:%s", rapport_contact_get_name (contact), contact_phones, contact_emails);
    }

  return g_string_free (text, FALSE);
}

static gboolean
collect_cb (RapportCustomer *customer,
            GPtrArray       *contacts,
            gpointer         user_data)
{
  Collected *collected = user_data;

  g_ptr_array_add (collected->names, describe (customer, contacts));
  return collected->stop_after == 0 || collected->names->len < collected->stop_after;
}

static void
test_export_pass (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) zhang = existing_customer (fixture, "张三商行", NULL, "13800138000", "VIP");
  g_autoptr (RapportCustomer) acme = existing_customer (fixture, "Acme", NULL, NULL, NULL);
  g_autoptr (RapportCustomer) gone = existing_customer (fixture, "Gone", NULL, NULL, NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  gint64 wang = add_existing_contact (fixture, rapport_customer_get_id (zhang), "王芳", NULL, NULL);
  gint64 only_some[] = { rapport_customer_get_id (zhang), rapport_customer_get_id (gone), rapport_customer_get_id (acme) };
  Collected collected = { g_ptr_array_new_with_free_func (g_free), 0 };

  add_existing_contact (fixture, rapport_customer_get_id (zhang), "李伟", "13700137000", "li@example.com");
  rapport_store_trash_contact (fixture->db, wang, &error);
  g_assert_no_error (error);
  rapport_store_trash_customer (fixture->db, rapport_customer_get_id (gone), &error);
  g_assert_no_error (error);

  /* The whole book in the list's order: live customers and contacts. */
  g_assert_true (rapport_store_foreach_customer_with_contacts (fixture->db, NULL, 0, NULL, collect_cb,
                                                               &collected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collected.names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (collected.names, 0), ==, "Acme|||");
  g_assert_cmpstr (g_ptr_array_index (collected.names, 1), ==,
                   "张三商行|+8613800138000||VIP|李伟:+8613700137000:li@example.com");

  /* Some, in the order asked; stopped early. */
  g_ptr_array_set_size (collected.names, 0);
  g_assert_true (rapport_store_foreach_customer_with_contacts (fixture->db, only_some, G_N_ELEMENTS (only_some),
                                                               NULL, collect_cb, &collected, &error));
  g_assert_cmpuint (collected.names->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (collected.names, 0), "张三商行"));
  g_assert_cmpstr (g_ptr_array_index (collected.names, 1), ==, "Acme|||");

  g_ptr_array_set_size (collected.names, 0);
  collected.stop_after = 1;
  g_assert_true (rapport_store_foreach_customer_with_contacts (fixture->db, NULL, 0, NULL, collect_cb,
                                                               &collected, &error));
  g_assert_cmpuint (collected.names->len, ==, 1);

  g_cancellable_cancel (cancellable);
  g_assert_false (rapport_store_foreach_customer_with_contacts (fixture->db, NULL, 0, cancellable, collect_cb,
                                                                &collected, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_ptr_array_unref (collected.names);
}

typedef struct
{
  guint n_customers;
  guint n_contacts;
  guint n_phones;
} Counted;

static gboolean
count_cb (RapportCustomer *customer,
          GPtrArray       *contacts,
          gpointer         user_data)
{
  Counted *counted = user_data;

  counted->n_customers++;
  counted->n_contacts += contacts->len;
  counted->n_phones += g_strv_length ((GStrv) rapport_customer_get_phones (customer));
  for (guint i = 0; i < contacts->len; i++)
    counted->n_phones += g_strv_length ((GStrv) rapport_contact_get_phones (g_ptr_array_index (contacts, i)));

  return TRUE;
}

/* Duplicates */

static gint64
set_member (RapportDuplicateSet *set,
            guint                i)
{
  g_assert_cmpuint (i, <, set->customer_ids->len);
  return g_array_index (set->customer_ids, gint64, i);
}

static void
test_duplicate_sets (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) sets = NULL;
  /* 速阳有限公司, 速阳公司 (by name) and Su Yang Trading (by a contact's
   * phone) are one group, joined first by the phone; SuYang Co., Ltd. and
   * suyang ltd another, by name; an e-mail joins Acme and Acme Two; Alone
   * and the trashed customer sharing its phone are in none. */
  g_autoptr (RapportCustomer) a = existing_customer (fixture, "速阳有限公司", NULL, "13800138000", NULL);
  g_autoptr (RapportCustomer) b = existing_customer (fixture, "速阳公司", NULL, NULL, NULL);
  g_autoptr (RapportCustomer) c = existing_customer (fixture, "Su Yang Trading", NULL, NULL, NULL);
  g_autoptr (RapportCustomer) d = existing_customer (fixture, "SuYang Co., Ltd.", NULL, NULL, NULL);
  g_autoptr (RapportCustomer) e = existing_customer (fixture, "suyang ltd", NULL, NULL, NULL);
  g_autoptr (RapportCustomer) f = existing_customer (fixture, "Acme", NULL, NULL, NULL);
  g_autoptr (RapportCustomer) g = existing_customer (fixture, "Acme Two", NULL, NULL, NULL);
  g_autoptr (RapportCustomer) trashed = existing_customer (fixture, "Alone", NULL, "13900139000", NULL);
  gint64 trashed_contact;
  RapportDuplicateSet *set;

  g_object_unref (existing_customer (fixture, "Alone", NULL, "13900139000", NULL));
  add_existing_contact (fixture, rapport_customer_get_id (c), "Contact", "13800138000", NULL);
  add_existing_contact (fixture, rapport_customer_get_id (f), "Ann", NULL, "ann@acme.com");
  add_existing_contact (fixture, rapport_customer_get_id (g), "Ann Lee", NULL, "ANN@acme.com");
  /* A trashed contact's phone joins nothing. */
  trashed_contact = add_existing_contact (fixture, rapport_customer_get_id (d), "Old", "13900139000", NULL);
  rapport_store_trash_contact (fixture->db, trashed_contact, &error);
  g_assert_no_error (error);
  rapport_store_trash_customer (fixture->db, rapport_customer_get_id (trashed), &error);
  g_assert_no_error (error);

  sets = rapport_store_find_duplicate_sets (fixture->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, ==, 3);

  set = g_ptr_array_index (sets, 0);
  g_assert_cmpuint (set->customer_ids->len, ==, 3);
  g_assert_cmpint (set_member (set, 0), ==, rapport_customer_get_id (a));
  g_assert_cmpint (set_member (set, 1), ==, rapport_customer_get_id (b));
  g_assert_cmpint (set_member (set, 2), ==, rapport_customer_get_id (c));
  g_assert_cmpint (set->reason, ==, RAPPORT_MATCH_PHONE);

  set = g_ptr_array_index (sets, 1);
  g_assert_cmpuint (set->customer_ids->len, ==, 2);
  g_assert_cmpint (set_member (set, 0), ==, rapport_customer_get_id (d));
  g_assert_cmpint (set_member (set, 1), ==, rapport_customer_get_id (e));
  g_assert_cmpint (set->reason, ==, RAPPORT_MATCH_NAME);

  set = g_ptr_array_index (sets, 2);
  g_assert_cmpint (set_member (set, 0), ==, rapport_customer_get_id (f));
  g_assert_cmpint (set_member (set, 1), ==, rapport_customer_get_id (g));
  g_assert_cmpint (set->reason, ==, RAPPORT_MATCH_EMAIL);

  g_cancellable_cancel (cancellable);
  g_assert_null (rapport_store_find_duplicate_sets (fixture->db, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gint64
add_interaction (Fixture *fixture,
                 gint64   customer_id,
                 gint64   occurred_at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();

  rapport_interaction_set_customer_id (interaction, customer_id);
  rapport_interaction_set_occurred_at (interaction, occurred_at);
  rapport_interaction_set_summary (interaction, "Call");
  rapport_store_insert_interaction (fixture->db, interaction, &error);
  g_assert_no_error (error);

  return rapport_interaction_get_id (interaction);
}

static gint64
interaction_customer (Fixture *fixture,
                      gint64   interaction_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT customer_id FROM interaction WHERE id = %" G_GINT64_FORMAT,
                                          interaction_id);

  return count_rows (fixture->db, sql);
}

static void
test_merge_and_undo (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) survivor = existing_customer (fixture, "速阳有限公司", "SY001", "13800138000", "VIP");
  g_autoptr (RapportCustomer) other = existing_customer (fixture, "速阳公司", "SY002", "13600136000", "新客户");
  g_autoptr (RapportCustomer) read = NULL;
  g_autoptr (RapportCustomer) other_read = NULL;
  g_autoptr (RapportContact) moved = NULL;
  gint64 survivor_id = rapport_customer_get_id (survivor);
  gint64 other_id = rapport_customer_get_id (other);
  gint64 other_contact = add_existing_contact (fixture, other_id, "王芳", "13500135000", NULL);
  gint64 other_interaction = add_interaction (fixture, other_id, TEST_NOW - 60);
  g_autofree char *survivor_before = NULL;
  g_autofree char *other_before = NULL;
  g_autofree char *contact_before = NULL;
  g_autofree char *channels_before = NULL;
  g_autofree char *tags_before = NULL;
  g_autofree char *survivor_after = NULL;
  g_autofree char *other_after = NULL;
  g_autofree char *contact_after = NULL;
  g_autofree char *channels_after = NULL;
  g_autofree char *tags_after = NULL;
  g_auto (GStrv) picked_phones = strv ("13800138000", "13600136000", NULL);
  const char *channels_sql = "SELECT uuid, kind, value, position, created_at FROM channel "
                             "WHERE customer_id = ?1 AND contact_id IS NULL ORDER BY position";
  const char *tags_sql = "SELECT t.name, t.n_live FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
                         "WHERE ct.customer_id = ?1 ORDER BY t.name";
  gint64 others[] = { other_id };
  gint64 merge_id;

  add_existing_contact (fixture, survivor_id, "李伟", NULL, NULL);
  add_interaction (fixture, survivor_id, TEST_NOW - 3600);
  g_clear_object (&survivor);
  survivor = rapport_store_get_customer (fixture->db, survivor_id, &error);
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 60);

  survivor_before = dump_row (fixture->db, "customer", survivor_id, "search_slot");
  other_before = dump_row (fixture->db, "customer", other_id, "search_slot");
  contact_before = dump_row (fixture->db, "contact", other_contact, NULL);
  channels_before = dump_rows (fixture->db, channels_sql, survivor_id);
  tags_before = dump_rows (fixture->db, tags_sql, survivor_id);

  /* The user picked the other's address and both phones. */
  rapport_customer_set_address (survivor, "北京市朝阳区");
  rapport_customer_set_phones (survivor, (const char * const *) picked_phones);
  merge_id = rapport_store_merge_customers (fixture->db, survivor, others, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (merge_id, >, 0);

  read = rapport_store_get_customer (fixture->db, survivor_id, &error);
  g_assert_cmpstr (rapport_customer_get_address (read), ==, "北京市朝阳区");
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_phones (read)), ==, 2);
  g_assert_cmpuint (g_strv_length ((GStrv) rapport_customer_get_tags (read)), ==, 2);
  g_assert_cmpint (rapport_customer_get_last_interaction_at (read), ==, TEST_NOW - 60);
  moved = rapport_store_get_contact (fixture->db, other_contact, &error);
  g_assert_cmpint (rapport_contact_get_customer_id (moved), ==, survivor_id);
  g_assert_false (rapport_contact_get_is_primary (moved));
  g_assert_cmpint (interaction_customer (fixture, other_interaction), ==, survivor_id);
  other_read = rapport_store_get_customer (fixture->db, other_id, &error);
  g_assert_cmpint (rapport_customer_get_deleted_at (other_read), !=, 0);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
  g_assert_cmpint (count_rows (fixture->db, "SELECT n_live FROM tag WHERE name = '新客户'"), ==, 1);
  /* The moved contact is found under the survivor. */
  g_assert_cmpuint (n_found (fixture->db, "13500135000"), ==, 1);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_undo_merge (fixture->db, merge_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->changes->len, >, 0);

  survivor_after = dump_row (fixture->db, "customer", survivor_id, "search_slot");
  other_after = dump_row (fixture->db, "customer", other_id, "search_slot");
  contact_after = dump_row (fixture->db, "contact", other_contact, NULL);
  channels_after = dump_rows (fixture->db, channels_sql, survivor_id);
  tags_after = dump_rows (fixture->db, tags_sql, survivor_id);
  g_assert_cmpstr (survivor_after, ==, survivor_before);
  g_assert_cmpstr (other_after, ==, other_before);
  g_assert_cmpstr (contact_after, ==, contact_before);
  g_assert_cmpstr (channels_after, ==, channels_before);
  g_assert_cmpstr (tags_after, ==, tags_before);
  g_assert_cmpint (interaction_customer (fixture, other_interaction), ==, other_id);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 2);
  g_assert_cmpint (count_rows (fixture->db, "SELECT n_live FROM tag WHERE name = '新客户'"), ==, 1);
  g_assert_cmpint (count_rows (fixture->db, "SELECT n_live FROM tag WHERE name = 'VIP'"), ==, 1);
  g_assert_cmpuint (n_found (fixture->db, "13500135000"), ==, 1);
  g_assert_cmpuint (n_found (fixture->db, "速阳公司"), >=, 1);

  g_assert_false (rapport_store_undo_merge (fixture->db, merge_id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
}

/* An imported customer that others were merged into cannot go with the
 * import's undo until that merge is undone. */
static void
test_undo_import_after_merge (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) older = existing_customer (fixture, "Older", NULL, NULL, NULL);
  g_autoptr (RapportCustomer) survivor = NULL;
  gint64 interaction = add_interaction (fixture, rapport_customer_get_id (older), TEST_NOW - 60);
  gint64 others[] = { rapport_customer_get_id (older) };
  guint n_matched = 0;
  gint64 import_id = import_file (fixture, TRUE, &n_matched);
  gint64 created = rapport_store_match_customer (fixture->db, NULL, "Customer 00 Co., Ltd.", NULL, NULL, NULL,
                                                 NULL, &error);
  gint64 merge_id;

  survivor = rapport_store_get_customer (fixture->db, created, &error);
  g_assert_no_error (error);
  merge_id = rapport_store_merge_customers (fixture->db, survivor, others, 1, &error);
  g_assert_no_error (error);

  g_assert_false (rapport_store_undo_import (fixture->db, import_id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (interaction_customer (fixture, interaction), ==, created);

  g_assert_true (rapport_store_undo_merge (fixture->db, merge_id, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_undo_import (fixture->db, import_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (interaction_customer (fixture, interaction), ==, rapport_customer_get_id (older));
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);

  /* The other way round: an imported customer merged into an older one,
   * the import undone (which deletes it), then the merge. */
  {
    g_autoptr (RapportCustomer) kept = rapport_store_get_customer (fixture->db, rapport_customer_get_id (older),
                                                                   &error);
    gint64 second_import = import_file (fixture, TRUE, &n_matched);
    gint64 imported[] = { rapport_store_match_customer (fixture->db, NULL, "Customer 01 Co., Ltd.", NULL, NULL,
                                                        NULL, NULL, &error) };

    merge_id = rapport_store_merge_customers (fixture->db, kept, imported, 1, &error);
    g_assert_no_error (error);
    g_assert_true (rapport_store_undo_import (fixture->db, second_import, &error));
    g_assert_no_error (error);
    g_assert_true (rapport_store_undo_merge (fixture->db, merge_id, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
  }
}

/* The survivor (and the others with it) deleted for good since: undoing
 * restores nothing and fails on nothing. */
static void
test_undo_merge_without_survivor (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) survivor = existing_customer (fixture, "Survivor", NULL, "13800138000", "VIP");
  g_autoptr (RapportCustomer) other = existing_customer (fixture, "Other", NULL, NULL, NULL);
  gint64 others[] = { rapport_customer_get_id (other) };
  gint64 merge_id;

  merge_id = rapport_store_merge_customers (fixture->db, survivor, others, 1, &error);
  g_assert_no_error (error);
  rapport_store_trash_customer (fixture->db, rapport_customer_get_id (survivor), &error);
  g_assert_no_error (error);
  rapport_store_empty_trash (fixture->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 0);

  g_assert_true (rapport_store_undo_merge (fixture->db, merge_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 0);
  g_assert_cmpint (count_rows (fixture->db, "SELECT count(*) FROM channel"), ==, 0);
}

static void
test_merge_refuses (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) survivor = existing_customer (fixture, "A", NULL, NULL, NULL);
  g_autoptr (RapportCustomer) gone = existing_customer (fixture, "B", NULL, NULL, NULL);
  gint64 self[] = { rapport_customer_get_id (survivor) };
  gint64 trashed[] = { rapport_customer_get_id (gone) };

  g_assert_cmpint (rapport_store_merge_customers (fixture->db, survivor, self, 1, &error), ==, 0);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  rapport_store_trash_customer (fixture->db, trashed[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_merge_customers (fixture->db, survivor, trashed, 1, &error), ==, 0);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->db, "SELECT count(*) FROM merge_run"), ==, 0);
}

/* 10,000 customers with 30,000 contacts written in one transaction; the
 * figure is the bench's, here a generous bound under the sanitizers. */
static void
test_write_10k (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportImportWriter) writer = NULL;
  gint64 start, import_id;

  start = g_get_monotonic_time ();
  writer = rapport_import_writer_begin (fixture->db, "big.csv", "csv", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *name = g_strdup_printf ("客户 %05u", i);
      g_autofree char *phone = g_strdup_printf ("138%08u", i);
      g_autoptr (RapportCustomer) customer = incoming_customer (name, phone, NULL);
      g_autoptr (GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint c = 0; c < 3; c++)
        {
          g_autofree char *contact_name = g_strdup_printf ("联系人 %u", c);
          g_autofree char *contact_phone = g_strdup_printf ("13%u%08u", 5 + c, i);

          g_ptr_array_add (contacts, incoming_contact (contact_name, contact_phone));
        }
      g_assert_true (rapport_import_writer_add_customer (writer, customer, contacts, &error));
      g_assert_no_error (error);
    }
  g_test_message ("added: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  import_id = rapport_import_writer_commit (writer, &error);
  g_assert_no_error (error);
  g_test_message ("10,000 customers, 30,000 contacts: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (count_rows (fixture->db, "SELECT count(*) FROM contact WHERE import_id IS NOT NULL"), ==, 30000);

  {
    Counted counted = { 0 };

    start = g_get_monotonic_time ();
    g_assert_true (rapport_store_foreach_customer_with_contacts (fixture->db, NULL, 0, NULL, count_cb,
                                                                 &counted, &error));
    g_assert_no_error (error);
    g_test_message ("exported: %.2f s", (g_get_monotonic_time () - start) / 1e6);
    g_assert_cmpuint (counted.n_customers, ==, 10000);
    g_assert_cmpuint (counted.n_contacts, ==, 30000);
    g_assert_cmpuint (counted.n_phones, ==, 40000);
  }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *phone = g_strdup_printf ("139%08u", i);
      g_autofree char *email = g_strdup_printf ("nobody%u@example.com", i);
      g_autofree char *name = g_strdup_printf ("客户 %05u", i);
      const char *phones[] = { phone, NULL };
      const char *emails[] = { email, NULL };
      RapportMatchReason reason;

      /* Missed by code, phone and e-mail; found by name. */
      g_assert_cmpint (rapport_store_match_customer (fixture->db, "NONE1", name, phones, emails, &reason, NULL,
                                                     &error), >, 0);
      g_assert_cmpint (reason, ==, RAPPORT_MATCH_NAME);
    }
  g_test_message ("10,000 matches: %.2f s", (g_get_monotonic_time () - start) / 1e6);

  {
    g_autoptr (GPtrArray) sets = NULL;

    start = g_get_monotonic_time ();
    sets = rapport_store_find_duplicate_sets (fixture->db, NULL, &error);
    g_assert_no_error (error);
    g_test_message ("duplicate sets: %.2f s", (g_get_monotonic_time () - start) / 1e6);
    g_assert_cmpuint (sets->len, ==, 0);
  }

  start = g_get_monotonic_time ();
  g_assert_true (rapport_store_undo_import (fixture->db, import_id, &error));
  g_assert_no_error (error);
  g_test_message ("undone: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/imports/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("match-order", test_match_order);
  ADD ("add-and-history", test_add_and_history);
  ADD ("free-rolls-back", test_free_rolls_back);
  ADD ("merge-fills-and-adds", test_merge_fills_and_adds);
  ADD ("merge-overwrites-name-and-code", test_merge_overwrites_name_and_code);
  ADD ("merge-into-trashed-fails", test_merge_into_trashed_fails);
  ADD ("same-file-twice", test_same_file_twice);
  ADD ("undo-exact", test_undo_exact);
  ADD ("imported-in-name-order", test_imported_in_name_order);
  ADD ("write-10k", test_write_10k);
  ADD ("export-pass", test_export_pass);
  ADD ("duplicate-sets", test_duplicate_sets);
  ADD ("merge-and-undo", test_merge_and_undo);
  ADD ("merge-refuses", test_merge_refuses);
  ADD ("undo-merge-without-survivor", test_undo_merge_without_survivor);
  ADD ("undo-import-after-merge", test_undo_import_after_merge);

  return g_test_run ();
}
