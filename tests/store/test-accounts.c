/* test-accounts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-entity.h"
#include "store-test-helpers.h"

static RapportAccount *
new_mail_account (const char *name)
{
  RapportAccount *account = rapport_account_new ();

  rapport_account_set_channel (account, RAPPORT_CHANNEL_MAIL);
  rapport_account_set_provider (account, RAPPORT_PROVIDER_SMTP);
  rapport_account_set_name (account, name);
  rapport_account_set_setting (account, "host", "smtp.qq.com");
  rapport_account_set_setting (account, "port", "465");
  rapport_account_set_setting (account, "security", "tls");
  rapport_account_set_setting (account, "user", "10001@qq.com");
  rapport_account_set_setting (account, "sender-name", "速阳 \"Sales\" {x}");
  rapport_account_set_setting (account, "sender-address", "10001@qq.com");
  return account;
}

static RapportAccount *
new_sms_account (const char *name)
{
  RapportAccount *account = rapport_account_new ();

  rapport_account_set_channel (account, RAPPORT_CHANNEL_SMS);
  rapport_account_set_provider (account, RAPPORT_PROVIDER_ALIYUN);
  rapport_account_set_name (account, name);
  rapport_account_set_setting (account, "access-key-id", "LTAI5tExample");
  rapport_account_set_setting (account, "sign-name", "速阳");
  rapport_account_set_setting (account, "template-code", "SMS_71390007");
  return account;
}

static char *
read_settings_column (Fixture *fixture,
                      gint64   id)
{
  sqlite3_stmt *stmt = NULL;
  char *settings;

  g_assert_cmpint (sqlite3_prepare_v2 (_rapport_database_get_handle (fixture->db),
                                       "SELECT settings FROM account WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  settings = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return settings;
}

static void
test_insert_get_update (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportAccount) account = new_mail_account ("  QQ Mail  ");
  g_autoptr (RapportAccount) read = NULL;
  g_autoptr (RapportAccount) again = NULL;
  g_autofree char *json = NULL;
  gint64 id;

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_insert_account (fixture->db, account, &error));
  g_assert_no_error (error);
  id = rapport_account_get_id (account);
  g_assert_cmpint (id, >, 0);
  g_assert_true (g_uuid_string_is_valid (rapport_account_get_uuid (account)));
  g_assert_cmpstr (rapport_account_get_name (account), ==, "QQ Mail");
  g_assert_cmpint (rapport_account_get_created_at (account), ==, TEST_NOW);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_ACCOUNT, id, RAPPORT_CHANGE_INSERTED);

  /* The settings are one JSON object of strings. */
  json = read_settings_column (fixture, id);
  g_assert_cmpstr (json, ==,
                   "{\"host\":\"smtp.qq.com\",\"port\":\"465\",\"security\":\"tls\","
                   "\"sender-address\":\"10001@qq.com\",\"sender-name\":\"速阳 \\\"Sales\\\" {x}\","
                   "\"user\":\"10001@qq.com\"}");

  read = rapport_store_get_account (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_entity_equal (read, account));
  g_assert_cmpint (rapport_account_get_channel (read), ==, RAPPORT_CHANNEL_MAIL);
  g_assert_cmpstr (rapport_account_get_provider (read), ==, "smtp");
  g_assert_cmpstr (rapport_account_get_setting (read, "sender-name"), ==, "速阳 \"Sales\" {x}");

  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 60);
  rapport_account_set_setting (read, "sender-name", NULL);
  rapport_account_set_setting (read, "port", "587");
  rapport_account_set_setting (read, "security", "starttls");
  g_assert_true (rapport_store_update_account (fixture->db, read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_account_get_updated_at (read), ==, TEST_NOW + 60);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_ACCOUNT, id, RAPPORT_CHANGE_UPDATED);

  again = rapport_store_get_account (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_null (rapport_account_get_setting (again, "sender-name"));
  g_assert_cmpstr (rapport_account_get_setting (again, "port"), ==, "587");
  g_assert_cmpstr (rapport_account_get_uuid (again), ==, rapport_account_get_uuid (account));
  g_assert_cmpint (rapport_account_get_created_at (again), ==, TEST_NOW);
  g_assert_true (rapport_entity_equal (again, read));
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportAccount) account = new_mail_account ("Mail");
  g_autoptr (GListModel) list = NULL;

  rapport_account_set_setting (account, "port", "70000");
  g_assert_false (rapport_store_insert_account (fixture->db, account, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The port must be a number from 1 to 65535");
  g_assert_cmpint (rapport_account_get_id (account), ==, 0);
  g_clear_error (&error);

  list = rapport_store_list_accounts (fixture->db, RAPPORT_CHANNEL_MAIL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  rapport_account_set_id (account, 4242);
  rapport_account_set_setting (account, "port", "465");
  g_assert_false (rapport_store_update_account (fixture->db, account, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (rapport_store_get_account (fixture->db, 4242, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (rapport_store_delete_account (fixture->db, 4242, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static void
test_list_and_default (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportAccount) first = new_mail_account ("Zeta mail");
  g_autoptr (RapportAccount) second = new_mail_account ("alpha mail");
  g_autoptr (RapportAccount) sms = new_sms_account ("Aliyun");
  g_autoptr (RapportAccount) chosen = NULL;
  g_autoptr (RapportAccount) item = NULL;
  g_autoptr (GListModel) mail = NULL;
  g_autoptr (GListModel) sms_list = NULL;

  chosen = rapport_store_get_default_account (fixture->db, RAPPORT_CHANNEL_MAIL, &error);
  g_assert_null (chosen);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No mail account is set up: add one in Preferences");
  g_clear_error (&error);

  g_assert_true (rapport_store_insert_account (fixture->db, first, &error));
  g_assert_true (rapport_store_insert_account (fixture->db, second, &error));
  g_assert_true (rapport_store_insert_account (fixture->db, sms, &error));
  g_assert_no_error (error);

  /* None is marked: the oldest. */
  chosen = rapport_store_get_default_account (fixture->db, RAPPORT_CHANNEL_MAIL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_account_get_id (chosen), ==, rapport_account_get_id (first));
  g_clear_object (&chosen);

  mail = rapport_store_list_accounts (fixture->db, RAPPORT_CHANNEL_MAIL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mail), ==, 2);
  item = g_list_model_get_item (mail, 0);
  g_assert_cmpstr (rapport_account_get_name (item), ==, "alpha mail");
  g_clear_object (&item);
  g_clear_object (&mail);

  sms_list = rapport_store_list_accounts (fixture->db, RAPPORT_CHANNEL_SMS, &error);
  g_assert_cmpuint (g_list_model_get_n_items (sms_list), ==, 1);

  /* Marking the second as default unmarks the first, in one commit. */
  rapport_account_set_is_default (first, TRUE);
  g_assert_true (rapport_store_update_account (fixture->db, first, &error));
  g_assert_no_error (error);
  fixture_clear_changes (fixture);
  rapport_account_set_is_default (second, TRUE);
  g_assert_true (rapport_store_update_account (fixture->db, second, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 2,
                  RAPPORT_ENTITY_KIND_ACCOUNT, rapport_account_get_id (first), RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_ACCOUNT, rapport_account_get_id (second), RAPPORT_CHANGE_UPDATED);

  chosen = rapport_store_get_default_account (fixture->db, RAPPORT_CHANNEL_MAIL, &error);
  g_assert_cmpint (rapport_account_get_id (chosen), ==, rapport_account_get_id (second));
  g_assert_true (rapport_account_get_is_default (chosen));
  g_clear_object (&chosen);

  item = rapport_store_get_account (fixture->db, rapport_account_get_id (first), &error);
  g_assert_false (rapport_account_get_is_default (item));
  g_clear_object (&item);

  /* The SMS channel's default is its own. */
  chosen = rapport_store_get_default_account (fixture->db, RAPPORT_CHANNEL_SMS, &error);
  g_assert_cmpint (rapport_account_get_id (chosen), ==, rapport_account_get_id (sms));
}

static void
test_delete_keeps_messages (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportAccount) account = new_mail_account ("Mail");
  g_autofree char *sql = NULL;
  sqlite3 *handle;
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert_true (rapport_store_insert_account (fixture->db, account, &error));
  id = rapport_account_get_id (account);
  handle = _rapport_database_get_handle (fixture->db);

  sql = g_strdup_printf ("INSERT INTO message (uuid, channel, account_id, recipient, body, state, not_before, "
                         "created_at, updated_at) VALUES ('m1', 'mail', %" G_GINT64_FORMAT ", 'a@example.com', "
                         "'hello', 'sent', 0, 0, 0)", id);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_delete_account (fixture->db, id, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_ACCOUNT, id, RAPPORT_CHANGE_DELETED);

  g_assert_null (rapport_store_get_account (fixture->db, id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT account_id IS NULL FROM message WHERE uuid = 'm1'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
}

static void
test_unreadable_settings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportAccount) account = new_mail_account ("Mail");
  g_autoptr (RapportAccount) read = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (rapport_store_insert_account (fixture->db, account, &error));
  sql = g_strdup_printf ("UPDATE account SET settings = '{\"host\": \"h\", \"port\": 25, \"x\": null}' "
                         "WHERE id = %" G_GINT64_FORMAT, rapport_account_get_id (account));
  g_assert_cmpint (sqlite3_exec (_rapport_database_get_handle (fixture->db), sql, NULL, NULL, NULL), ==, SQLITE_OK);

  /* Non-string members are skipped; the account still opens. */
  read = rapport_store_get_account (fixture->db, rapport_account_get_id (account), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_account_get_setting (read, "host"), ==, "h");
  g_assert_null (rapport_account_get_setting (read, "port"));
  g_assert_null (rapport_account_get_setting (read, "x"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/accounts/insert-get-update", Fixture, NULL, fixture_set_up, test_insert_get_update, fixture_tear_down);
  g_test_add ("/accounts/invalid", Fixture, NULL, fixture_set_up, test_invalid, fixture_tear_down);
  g_test_add ("/accounts/list-and-default", Fixture, NULL, fixture_set_up, test_list_and_default, fixture_tear_down);
  g_test_add ("/accounts/delete-keeps-messages", Fixture, NULL, fixture_set_up, test_delete_keeps_messages, fixture_tear_down);
  g_test_add ("/accounts/unreadable-settings", Fixture, NULL, fixture_set_up, test_unreadable_settings, fixture_tear_down);

  return g_test_run ();
}
