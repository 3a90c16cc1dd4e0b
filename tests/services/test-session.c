/* test-session.c
 *
 * RapportSession: opening a file on a worker (saying which step it is at,
 * handing the connection to the main thread), failing with the store's error,
 * the settings every connection of the file shares, and closing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-database-private.h"
#include "rapport-session.h"
#include "rapport-store.h"
#include "test-utils.h"

typedef struct
{
  char         *dir;
  char         *path;
  char         *backup_dir;
  GAsyncResult *result;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_dir ("rapport-session");
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->backup_dir = g_build_filename (f->dir, "backups", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->backup_dir);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Fixture *) data)->result != NULL;
}

static void
step_cb (RapportSession *session,
         GParamSpec     *pspec,
         GPtrArray      *steps)
{
  const char *step = rapport_session_get_opening_step (session);

  if (step != NULL)
    g_ptr_array_add (steps, g_strdup (step));
}

static gboolean
open_session (Fixture         *f,
              RapportSession  *session,
              GError         **error)
{
  g_clear_object (&f->result);
  rapport_session_open_async (session, NULL, opened_cb, f);
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_OPENING);
  /* Not yet: the worker's answer comes through the main loop. */
  g_assert_null (rapport_session_get_database (session));

  test_wait_for (has_result, f);

  return rapport_session_open_finish (session, f->result, error);
}

/* A book of schema 1 with one customer, as an older Rapport left it. */
static void
make_old_book (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;

  db = _rapport_database_open_full (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_true (_rapport_database_exec (db,
    "INSERT INTO customer (id, uuid, code, name, name_match, sort_key, created_at, updated_at) "
    "  VALUES (1, 'c5a0c3e4-1111-4c1c-9d2e-000000000001', 'SY001', '速阳有限公司', '速阳有限公司', x'00', 1, 1);",
    &error));
  g_assert_no_error (error);
}

static void
test_opens_on_worker (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (RapportSession) session = rapport_session_new (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, f->backup_dir);
  g_autoptr (GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  RapportDatabase *db;

  make_old_book (f);
  g_signal_connect (session, "notify::opening-step", G_CALLBACK (step_cb), steps);

  g_assert_true (open_session (f, session, &error));
  g_assert_no_error (error);

  /* It said what it was doing: checking, the backup before the upgrade, the
   * upgrade. */
  g_assert_cmpuint (steps->len, ==, 3);
  g_assert_null (rapport_session_get_opening_step (session));

  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_OPEN);
  db = rapport_session_get_database (session);
  g_assert_nonnull (db);
  g_assert_cmpint (rapport_database_get_schema_version (db), ==, rapport_database_get_latest_version ());
  g_assert_cmpuint (rapport_store_count_customers (db), ==, 1);
  g_assert_true (rapport_session_get_integrity_checked (session));
  g_assert_nonnull (rapport_session_get_backup_manager (session));

  /* The connection now belongs to this thread: its changes come at once. */
  {
    g_autoptr (RapportCustomer) customer = rapport_customer_new ();
    guint before = rapport_change_bus_get_n_deliveries (rapport_database_get_change_bus (db));

    rapport_customer_set_name (customer, "Acme Trading");
    g_assert_true (rapport_store_insert_customer (db, customer, &error));
    g_assert_cmpuint (rapport_change_bus_get_n_deliveries (rapport_database_get_change_bus (db)), ==, before + 1);
  }

  rapport_session_close (session);
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_CLOSED);
  g_assert_null (rapport_session_get_database (session));
  g_assert_null (rapport_session_get_backup_manager (session));
}

static void
test_open_failure (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (RapportSession) session = rapport_session_new (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, f->backup_dir);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (f->path, "Not a database, a shopping list.\n", -1, NULL));

  g_assert_false (open_session (f, session, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE);
  g_assert_cmpint (rapport_session_get_state (session), ==, RAPPORT_SESSION_STATE_FAILED);
  g_assert_null (rapport_session_get_database (session));
}

static void
test_settings_reach_every_connection (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr (RapportSession) session = rapport_session_new (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, f->backup_dir);
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (GError) error = NULL;

  /* Set before the open: the connection gets it when it opens. */
  rapport_session_set_default_country_code (session, "44");
  g_assert_true (open_session (f, session, &error));
  g_assert_cmpstr (rapport_database_get_default_country_code (rapport_session_get_database (session)), ==, "44");

  worker = rapport_session_open_worker (session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_database_get_default_country_code (worker), ==, "44");

  /* Changed while both are open: both have it at once. */
  rapport_session_set_default_country_code (session, "+1");
  g_assert_cmpstr (rapport_session_get_default_country_code (session), ==, "1");
  g_assert_cmpstr (rapport_database_get_default_country_code (worker), ==, "1");

  /* The backup settings reach the backup manager. */
  g_object_set (session, "backups-to-keep", 3, "automatic-backups", FALSE, NULL);
  g_assert_cmpuint (rapport_backup_manager_get_keep (rapport_session_get_backup_manager (session)), ==, 3);
  g_assert_false (rapport_backup_manager_get_automatic (rapport_session_get_backup_manager (session)));

  /* The phones are indexed as dialled in the default country: the index
   * is rebuilt for the new one. */
  g_assert_true (rapport_session_get_rebuilding (session));
  g_clear_object (&worker);
  rapport_session_close (session);
}

static void
test_read_only_and_demo_have_no_backups (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr (RapportSession) session = NULL;
  g_autoptr (RapportSession) demo = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GError) error = NULL;

  make_old_book (f);
  session = rapport_session_new (f->path, RAPPORT_DATABASE_OPEN_READ_ONLY, f->backup_dir);
  g_assert_true (open_session (f, session, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_session_get_read_only (session));
  g_assert_null (rapport_session_get_backup_manager (session));
  rapport_session_close (session);

  db = rapport_database_open (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  demo = rapport_session_new_for_database (db, f->backup_dir, TRUE);
  g_assert_cmpint (rapport_session_get_state (demo), ==, RAPPORT_SESSION_STATE_OPEN);
  g_assert_null (rapport_session_get_backup_manager (demo));
  rapport_session_close (demo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/services/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("opens-on-worker", test_opens_on_worker);
  ADD ("open-failure", test_open_failure);
  ADD ("settings-reach-every-connection", test_settings_reach_every_connection);
  ADD ("read-only-and-demo-have-no-backups", test_read_only_and_demo_have_no_backups);

  return g_test_run ();
}
