/* test-staff.c
 *
 * The staff: listing (Me first, then by name; those who left on request),
 * adding with names checked, renaming, roles, leaving and coming back (Me
 * cannot leave), what someone still holds, and the USER changes announced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-text.h"
#include "store-test-helpers.h"

static gint64
add_staff (Fixture    *fixture,
           const char *name,
           const char *role)
{
  g_autoptr (GError) error = NULL;
  gint64 id = rapport_store_add_staff_member (fixture->db, name, role, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The names of the listed staff, joined with "|". */
static char *
staff_names (Fixture  *fixture,
             gboolean  include_left)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) staff = rapport_store_list_staff (fixture->db, include_left, &error);
  g_autoptr (GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (staff); i++)
    {
      g_autoptr (RapportStaffMember) member = g_list_model_get_item (staff, i);

      if (i > 0)
        g_string_append_c (names, '|');
      g_string_append (names, rapport_staff_member_get_name (member));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStaffMember) me = NULL;
  g_autoptr (RapportStaffMember) wang = NULL;
  g_autofree char *names = NULL;
  gint64 wang_id;

  names = staff_names (fixture, FALSE);
  g_assert_cmpstr (names, ==, "Me");

  add_staff (fixture, "Zoe", NULL);
  wang_id = add_staff (fixture, "王伟", "销售经理");
  add_staff (fixture, "Anna", "Sales");
  add_staff (fixture, "李娜", NULL);

  /* Me first; then by letters, a Han name by its pinyin (Li, Wang). */
  g_clear_pointer (&names, g_free);
  names = staff_names (fixture, FALSE);
  g_assert_cmpstr (names, ==, "Me|Anna|李娜|王伟|Zoe");

  me = rapport_store_get_staff_member (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_staff_member_get_is_default (me));
  g_assert_cmpint (rapport_staff_member_get_id (me), ==, rapport_store_get_default_user_id (fixture->db, NULL));
  g_assert_cmpint (rapport_staff_member_get_id (me), >, 0);
  g_assert_null (rapport_staff_member_get_role (me));

  wang = rapport_store_get_staff_member (fixture->db, wang_id, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_staff_member_get_is_default (wang));
  g_assert_cmpstr (rapport_staff_member_get_name (wang), ==, "王伟");
  g_assert_cmpstr (rapport_staff_member_get_role (wang), ==, "销售经理");
  g_assert_cmpint (rapport_staff_member_get_left_at (wang), ==, 0);

  g_assert_null (rapport_store_get_staff_member (fixture->db, 4242, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static void
test_add_checks_names (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStaffMember) stored = NULL;
  g_autofree char *long_name = g_strnfill (RAPPORT_NAME_MAX_CHARS + 1, 'x');
  g_autofree char *names = NULL;
  gint64 id;

  g_assert_cmpint (rapport_store_add_staff_member (fixture->db, "  ", NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Enter a name");
  g_clear_error (&error);

  g_assert_cmpint (rapport_store_add_staff_member (fixture->db, NULL, "Sales", &error), ==, 0);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (rapport_store_add_staff_member (fixture->db, long_name, NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Trimmed; markup is text. */
  id = add_staff (fixture, "  李娜 <b>&</b> ", "  ");
  stored = rapport_store_get_staff_member (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_staff_member_get_name (stored), ==, "李娜 <b>&</b>");
  g_assert_null (rapport_staff_member_get_role (stored));

  /* The same name twice cannot be told apart in an owner list; neither can
   * someone called like the default user. */
  g_assert_cmpint (rapport_store_add_staff_member (fixture->db, "李娜 <b>&</b>", NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already called “李娜 <b>&</b>”"));
  g_clear_error (&error);
  g_assert_cmpint (rapport_store_add_staff_member (fixture->db, "Me", NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing refused was written. */
  names = staff_names (fixture, TRUE);
  g_assert_cmpstr (names, ==, "Me|李娜 <b>&</b>");
}

static void
test_rename_and_role (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStaffMember) stored = NULL;
  g_autofree char *me_name = NULL;
  gint64 li = add_staff (fixture, "李娜", NULL);
  gint64 wang = add_staff (fixture, "王伟", NULL);

  fixture_clear_changes (fixture);

  g_assert_true (rapport_store_rename_staff_member (fixture->db, li, " 李娜娜 ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, 0);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_USER, li, RAPPORT_CHANGE_UPDATED);

  /* Keeping one's own name is fine; taking another's is not. */
  g_assert_true (rapport_store_rename_staff_member (fixture->db, li, "李娜娜", &error));
  g_assert_no_error (error);
  g_assert_false (rapport_store_rename_staff_member (fixture->db, wang, "李娜娜", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_rename_staff_member (fixture->db, wang, "", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_rename_staff_member (fixture->db, 4242, "Nobody", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The default user can be renamed through id 0; owners' names follow. */
  g_assert_true (rapport_store_rename_staff_member (fixture->db, 0, "张老板", &error));
  g_assert_no_error (error);
  me_name = rapport_store_get_user_name (fixture->db, 0, &error);
  g_assert_cmpstr (me_name, ==, "张老板");

  g_assert_true (rapport_store_set_staff_role (fixture->db, li, " 客服 ", &error));
  g_assert_no_error (error);
  stored = rapport_store_get_staff_member (fixture->db, li, &error);
  g_assert_cmpstr (rapport_staff_member_get_name (stored), ==, "李娜娜");
  g_assert_cmpstr (rapport_staff_member_get_role (stored), ==, "客服");
  g_clear_object (&stored);

  g_assert_true (rapport_store_set_staff_role (fixture->db, li, "", &error));
  g_assert_no_error (error);
  stored = rapport_store_get_staff_member (fixture->db, li, &error);
  g_assert_null (rapport_staff_member_get_role (stored));
}

static void
test_leave_and_back (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStaffMember) stored = NULL;
  g_autofree char *working = NULL;
  g_autofree char *everyone = NULL;
  gint64 li = add_staff (fixture, "李娜", NULL);

  add_staff (fixture, "王伟", NULL);
  fixture_clear_changes (fixture);

  g_assert_true (rapport_store_set_staff_left (fixture->db, li, TRUE, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_USER, li, RAPPORT_CHANGE_UPDATED);

  stored = rapport_store_get_staff_member (fixture->db, li, &error);
  g_assert_true (rapport_staff_member_has_left (stored));
  g_assert_cmpint (rapport_staff_member_get_left_at (stored), ==, TEST_NOW);
  g_clear_object (&stored);

  /* Someone who left is offered for nothing new, but stays known. */
  working = staff_names (fixture, FALSE);
  g_assert_cmpstr (working, ==, "Me|王伟");
  everyone = staff_names (fixture, TRUE);
  g_assert_cmpstr (everyone, ==, "Me|李娜|王伟");

  /* Leaving again keeps the first date. */
  rapport_clock_set_fixed (fixture->clock, TEST_NOW + 3600);
  g_assert_true (rapport_store_set_staff_left (fixture->db, li, TRUE, &error));
  stored = rapport_store_get_staff_member (fixture->db, li, &error);
  g_assert_cmpint (rapport_staff_member_get_left_at (stored), ==, TEST_NOW);
  g_clear_object (&stored);

  g_assert_true (rapport_store_set_staff_left (fixture->db, li, FALSE, &error));
  g_assert_no_error (error);
  stored = rapport_store_get_staff_member (fixture->db, li, &error);
  g_assert_false (rapport_staff_member_has_left (stored));
  g_clear_pointer (&working, g_free);
  working = staff_names (fixture, FALSE);
  g_assert_cmpstr (working, ==, "Me|李娜|王伟");

  /* Me cannot leave, by id 0 or by the real id. */
  fixture_clear_changes (fixture);
  g_assert_false (rapport_store_set_staff_left (fixture->db, 0, TRUE, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_store_set_staff_left (fixture->db, rapport_store_get_default_user_id (fixture->db, NULL),
                                                TRUE, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  assert_changes (fixture, 0);

  g_assert_false (rapport_store_set_staff_left (fixture->db, 4242, TRUE, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (_rapport_database_exec (fixture->db, sql, &error));
  g_assert_no_error (error);
}

static void
test_holdings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) a = add_customer (fixture->db, "Acme", NULL);
  g_autoptr (RapportCustomer) b = add_customer (fixture->db, "速阳", NULL);
  g_autoptr (RapportCustomer) c = add_customer (fixture->db, "北京", NULL);
  g_autofree char *sql = NULL;
  RapportStaffHoldings holdings;
  gint64 me = rapport_store_get_default_user_id (fixture->db, NULL);
  gint64 li = add_staff (fixture, "李娜", NULL);

  rapport_customer_set_owner_id (a, li);
  g_assert_true (rapport_store_update_customer (fixture->db, a, &error));
  rapport_customer_set_owner_id (b, li);
  g_assert_true (rapport_store_update_customer (fixture->db, b, &error));
  g_assert_no_error (error);

  /* Trashed customers are not held; open follow-ups are (done ones not);
   * a service request assigned to her while open. */
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (b), &error));
  sql = g_strdup_printf ("INSERT INTO follow_up (uuid, customer_id, title, due_local, time_zone, due_at, assignee_id, created_at, updated_at) "
                         "VALUES ('f1', %" G_GINT64_FORMAT ", 'Call', '2026-11-23 09:00', 'UTC', 0, %" G_GINT64_FORMAT ", 0, 0),"
                         "       ('f2', %" G_GINT64_FORMAT ", 'Call', '2026-11-23 09:00', 'UTC', 0, NULL, 0, 0);"
                         "INSERT INTO follow_up (uuid, customer_id, title, due_local, time_zone, due_at, assignee_id, done_at, created_at, updated_at) "
                         "VALUES ('f3', %" G_GINT64_FORMAT ", 'Done', '2026-11-23 09:00', 'UTC', 0, %" G_GINT64_FORMAT ", 5, 0, 0);"
                         "INSERT INTO service_request (uuid, customer_id, kind, summary, severity, priority, "
                         "  priority_tier, status, assignee_id, due_at, created_at, updated_at) "
                         "VALUES ('s1', %" G_GINT64_FORMAT ", 'complaint', 'Late', 'high', 1, 'gold', 'assigned', %" G_GINT64_FORMAT ", 0, 0, 0),"
                         "       ('s2', %" G_GINT64_FORMAT ", 'complaint', 'Late', 'high', 1, 'gold', 'closed', %" G_GINT64_FORMAT ", 0, 0, 0),"
                         "       ('s3', %" G_GINT64_FORMAT ", 'inquiry', 'Price', 'low', 4, 'gold', 'new', NULL, 0, 0, 0);",
                         rapport_customer_get_id (a), li, rapport_customer_get_id (c),
                         rapport_customer_get_id (a), li,
                         rapport_customer_get_id (a), li, rapport_customer_get_id (a), li,
                         rapport_customer_get_id (c));
  exec_sql (fixture, sql);

  g_assert_true (rapport_store_count_staff_holdings (fixture->db, li, &holdings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (holdings.customers, ==, 1);
  g_assert_cmpuint (holdings.opportunities, ==, 0);
  g_assert_cmpuint (holdings.follow_ups, ==, 1);
  g_assert_cmpuint (holdings.service_requests, ==, 1);

  /* Me holds what has no owner (c), but not the unassigned request. */
  g_assert_true (rapport_store_count_staff_holdings (fixture->db, 0, &holdings, &error));
  g_assert_cmpuint (holdings.customers, ==, 1);
  g_assert_cmpuint (holdings.follow_ups, ==, 1);
  g_assert_cmpuint (holdings.service_requests, ==, 0);
  g_assert_true (rapport_store_count_staff_holdings (fixture->db, me, &holdings, &error));
  g_assert_cmpuint (holdings.customers, ==, 1);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_finalize_object (g_steal_pointer (&fixture->db));
  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (rapport_store_add_staff_member (fixture->db, "李娜", NULL, &error), ==, 0);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_READ_ONLY);

  names = staff_names (fixture, TRUE);
  g_assert_cmpstr (names, ==, "Me");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/staff/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/store/staff/add-checks-names", Fixture, NULL, fixture_set_up, test_add_checks_names, fixture_tear_down);
  g_test_add ("/store/staff/rename-and-role", Fixture, NULL, fixture_set_up, test_rename_and_role, fixture_tear_down);
  g_test_add ("/store/staff/leave-and-back", Fixture, NULL, fixture_set_up, test_leave_and_back, fixture_tear_down);
  g_test_add ("/store/staff/holdings", Fixture, NULL, fixture_set_up, test_holdings, fixture_tear_down);
  g_test_add ("/store/staff/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);

  return g_test_run ();
}
