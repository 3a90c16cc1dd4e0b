/* test-users.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-database-private.h"
#include "store-test-helpers.h"

static gint64
add_user (RapportDatabase *db,
          const char      *name)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  /* No API adds users before team mode: the row goes in as a later
   * migration or a sync would put it. */
  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO user (uuid, name, created_at, updated_at)"
                                    " VALUES (?1, ?2, 0, 0)",
                                    &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);

  return sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
}

static void
test_default_user (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "速阳有限公司", NULL);
  g_autoptr (RapportCustomer) stored = NULL;

  /* A new customer has no owner: the default user, "Me" (the tests run
   * untranslated). */
  stored = rapport_store_get_customer (fixture->db, rapport_customer_get_id (customer), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_owner_id (stored), ==, 0);
  name = rapport_store_get_user_name (fixture->db, rapport_customer_get_owner_id (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Me");

  /* The default user stays the first one when others come. */
  add_user (fixture->db, "李娜");
  g_clear_pointer (&name, g_free);
  name = rapport_store_get_user_name (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Me");
}

static void
test_owner (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportCustomer) stored = NULL;
  gint64 li_na = add_user (fixture->db, "李娜 <b>&</b>");

  rapport_customer_set_owner_id (customer, li_na);
  rapport_store_update_customer (fixture->db, customer, &error);
  g_assert_no_error (error);

  stored = rapport_store_get_customer (fixture->db, rapport_customer_get_id (customer), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_owner_id (stored), ==, li_na);
  name = rapport_store_get_user_name (fixture->db, rapport_customer_get_owner_id (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "李娜 <b>&</b>");
}

static void
test_missing_user (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = rapport_store_get_user_name (fixture->db, 4242, &error);

  g_assert_null (name);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/users/default-user", Fixture, NULL, fixture_set_up, test_default_user, fixture_tear_down);
  g_test_add ("/store/users/owner", Fixture, NULL, fixture_set_up, test_owner, fixture_tear_down);
  g_test_add ("/store/users/missing", Fixture, NULL, fixture_set_up, test_missing_user, fixture_tear_down);

  return g_test_run ();
}
