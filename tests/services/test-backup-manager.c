/* test-backup-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rapport-backup-manager.h"
#include "test-utils.h"
#include "rapport-backup-manager-private.h"
#include "rapport-database-private.h"
#include "rapport-store.h"

/* 2026-11-22 10:00:00 UTC */
#define START_TIME G_GINT64_CONSTANT (1795341600)
#define HOUR       (60 * 60)

typedef struct
{
  char                 *tmpdir;
  char                 *db_path;
  char                 *backup_dir;
  RapportClock         *clock;
  RapportDatabase      *db;
  RapportBackupManager *manager;
} Fixture;

static void
insert_customer (RapportDatabase *db,
                 const char      *name)
{
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;

  rapport_customer_set_name (customer, name);
  rapport_store_insert_customer (db, customer, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmpdir = g_dir_make_tmp ("rapport-backup-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->tmpdir, "rapport.db", NULL);
  /* Missing on purpose: the manager creates it. */
  f->backup_dir = g_build_filename (f->tmpdir, "backups", NULL);

  f->clock = rapport_clock_new ();
  rapport_clock_set_fixed (f->clock, START_TIME);

  f->db = rapport_database_open (f->db_path, RAPPORT_DATABASE_OPEN_DEFAULT, f->backup_dir, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (f->db, f->clock);

  insert_customer (f->db, "苏州速阳建材有限公司");

  f->manager = rapport_backup_manager_new (f->db, f->backup_dir);
  /* The start-up check is its own test; the others decide when to back up. */
  rapport_backup_manager_set_automatic (f->manager, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->manager != NULL)
    g_assert_finalize_object (f->manager);
  g_clear_object (&f->db);
  g_clear_object (&f->clock);
  test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->db_path);
  g_free (f->backup_dir);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
wait_until_idle (RapportBackupManager *manager)
{
  while (rapport_backup_manager_get_busy (manager))
    g_main_context_iteration (NULL, TRUE);
}

static RapportBackup *
back_up (RapportBackupManager  *manager,
         RapportBackupReason    reason,
         GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rapport_backup_manager_back_up_async (manager, reason, NULL, store_result_cb, &result);
  wait_for_result (&result);

  return rapport_backup_manager_back_up_finish (manager, result, error);
}

static guint
count_files (const char *path,
             const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;

  return n;
}

static char *
first_customer_name (const char *path)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  customer = rapport_store_get_customer (db, 1, &error);
  g_assert_no_error (error);

  return g_strdup (rapport_customer_get_name (customer));
}

static guint
count_customers_in (const char *path)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);

  return rapport_store_count_customers (db);
}

static void
busy_notified_cb (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  guint *n = user_data;

  (*n)++;
}

static void
test_back_up_and_list (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(RapportBackup) listed = NULL;
  g_autoptr(GListModel) in_dir = NULL;
  g_autoptr(RapportBackup) in_dir_first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *expected_name = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GListModel *backups = rapport_backup_manager_get_backups (f->manager);
  GStatBuf st;
  guint n_busy = 0;

  g_signal_connect (f->manager, "notify::busy", G_CALLBACK (busy_notified_cb), &n_busy);
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 0);

  backup = back_up (f->manager, RAPPORT_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);

  /* Busy went on and off again. */
  g_assert_cmpuint (n_busy, ==, 2);
  g_assert_false (rapport_backup_manager_get_busy (f->manager));

  /* Named from the clock, in UTC whatever the time zone; created-at is the
   * clock's time. */
  local = g_date_time_new_from_unix_utc (START_TIME);
  name = g_date_time_format (local, "rapport-%Y%m%d-%H%M%SZ-manual.db");
  base = g_path_get_basename (rapport_backup_get_path (backup));
  g_assert_cmpstr (base, ==, name);
  g_assert_cmpint (rapport_backup_get_created_at (backup), ==, START_TIME);
  g_assert_cmpint (rapport_backup_get_reason (backup), ==, RAPPORT_BACKUP_REASON_MANUAL);
  g_assert_cmpuint (rapport_backup_get_size (backup), >, 0);

  /* The folder was created private. */
  g_assert_cmpint (g_stat (f->backup_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  /* Nothing but the backup: no temporary or journal file left. */
  g_assert_cmpuint (count_files (f->backup_dir, ""), ==, 1);

  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 1);
  listed = g_list_model_get_item (backups, 0);
  g_assert_cmpstr (rapport_backup_get_path (listed), ==, rapport_backup_get_path (backup));

  /* Listed the same without a manager, read back from the name. */
  in_dir = rapport_backup_list_in_dir (f->backup_dir);
  g_assert_cmpuint (g_list_model_get_n_items (in_dir), ==, 1);
  in_dir_first = g_list_model_get_item (in_dir, 0);
  g_assert_cmpstr (rapport_backup_get_path (in_dir_first), ==, rapport_backup_get_path (backup));
  g_assert_cmpint (rapport_backup_get_created_at (in_dir_first), ==, START_TIME);
  g_assert_cmpint (rapport_backup_get_reason (in_dir_first), ==, RAPPORT_BACKUP_REASON_MANUAL);

  /* The copy holds the data. */
  expected_name = first_customer_name (rapport_backup_get_path (backup));
  g_assert_cmpstr (expected_name, ==, "苏州速阳建材有限公司");
  g_assert_cmpuint (count_customers_in (rapport_backup_get_path (backup)), ==, 1);
}

static void
test_same_second (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RapportBackup) first = NULL;
  g_autoptr(RapportBackup) second = NULL;
  g_autoptr(RapportBackup) top = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *backups = rapport_backup_manager_get_backups (f->manager);

  first = back_up (f->manager, RAPPORT_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  second = back_up (f->manager, RAPPORT_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (rapport_backup_get_path (first), !=, rapport_backup_get_path (second));
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 2);
  top = g_list_model_get_item (backups, 0);
  g_assert_cmpstr (rapport_backup_get_path (top), ==, rapport_backup_get_path (second));
}

static void
test_rotation (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) in_dir = NULL;
  GListModel *backups = rapport_backup_manager_get_backups (f->manager);
  gint64 previous = G_MAXINT64;
  guint n_automatic = 0;
  guint n_manual = 0;

  rapport_backup_manager_set_keep (f->manager, 3);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(RapportBackup) backup = back_up (f->manager, RAPPORT_BACKUP_REASON_AUTOMATIC, &error);

      g_assert_no_error (error);
      rapport_clock_advance (f->clock, 24 * HOUR);
    }

  /* Other reasons keep their newest five, whatever "keep" says. */
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(RapportBackup) backup = back_up (f->manager, RAPPORT_BACKUP_REASON_MANUAL, &error);

      g_assert_no_error (error);
      rapport_clock_advance (f->clock, HOUR);
    }

  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 3 + 5);
  g_assert_cmpuint (count_files (f->backup_dir, ".db"), ==, 3 + 5);

  for (guint i = 0; i < g_list_model_get_n_items (backups); i++)
    {
      g_autoptr(RapportBackup) backup = g_list_model_get_item (backups, i);
      gint64 created = rapport_backup_get_created_at (backup);

      /* Newest first. */
      g_assert_cmpint (created, <, previous);
      previous = created;

      if (rapport_backup_get_reason (backup) == RAPPORT_BACKUP_REASON_AUTOMATIC)
        {
          /* The three newest of days 0..4 are days 2, 3, 4. */
          g_assert_cmpint (created, ==, START_TIME + (4 - n_automatic) * 24 * HOUR);
          n_automatic++;
        }
      else
        {
          n_manual++;
        }
    }

  g_assert_cmpuint (n_automatic, ==, 3);
  g_assert_cmpuint (n_manual, ==, 5);

  in_dir = rapport_backup_list_in_dir (f->backup_dir);
  g_assert_cmpuint (g_list_model_get_n_items (in_dir), ==, 8);
}

typedef struct
{
  guint n_signals;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  Changes *changes = user_data;

  changes->n_signals++;
  changes->removed += removed;
  changes->added += added;
}

static void
test_exact_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RapportBackup) first = NULL;
  g_autoptr(RapportBackup) second = NULL;
  g_autoptr(RapportBackup) manual = NULL;
  g_autoptr(RapportBackup) top = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *backups = rapport_backup_manager_get_backups (f->manager);
  Changes changes = { 0, };

  rapport_backup_manager_set_keep (f->manager, 1);
  first = back_up (f->manager, RAPPORT_BACKUP_REASON_AUTOMATIC, &error);
  g_assert_no_error (error);
  manual = back_up (f->manager, RAPPORT_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);

  g_signal_connect (backups, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  rapport_clock_advance (f->clock, 24 * HOUR);
  second = back_up (f->manager, RAPPORT_BACKUP_REASON_AUTOMATIC, &error);
  g_assert_no_error (error);

  /* One row in, the rotated one out; the manual one untouched: no refill. */
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.n_signals, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 2);
  top = g_list_model_get_item (backups, 0);
  g_assert_cmpstr (rapport_backup_get_path (top), ==, rapport_backup_get_path (second));
  g_assert_false (g_file_test (rapport_backup_get_path (first), G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (rapport_backup_get_path (manual), G_FILE_TEST_EXISTS));
}

static guint
count_reason (GListModel          *backups,
              RapportBackupReason  reason)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (backups); i++)
    {
      g_autoptr(RapportBackup) backup = g_list_model_get_item (backups, i);

      if (rapport_backup_get_reason (backup) == reason)
        n++;
    }

  return n;
}

static void
test_due (Fixture       *f,
          gconstpointer  data)
{
  GListModel *backups = rapport_backup_manager_get_backups (f->manager);

  /* None yet: due. */
  g_assert_true (rapport_backup_manager_back_up_if_due (f->manager));
  g_assert_true (rapport_backup_manager_get_busy (f->manager));
  wait_until_idle (f->manager);
  g_assert_cmpuint (count_reason (backups, RAPPORT_BACKUP_REASON_AUTOMATIC), ==, 1);

  g_assert_false (rapport_backup_manager_back_up_if_due (f->manager));

  rapport_clock_advance (f->clock, 23 * HOUR);
  g_assert_false (rapport_backup_manager_back_up_if_due (f->manager));

  rapport_clock_advance (f->clock, 2 * HOUR);
  g_assert_true (rapport_backup_manager_back_up_if_due (f->manager));
  wait_until_idle (f->manager);
  g_assert_cmpuint (count_reason (backups, RAPPORT_BACKUP_REASON_AUTOMATIC), ==, 2);

  g_assert_false (rapport_backup_manager_back_up_if_due (f->manager));
}

static void
test_automatic_at_start (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RapportBackupManager) manager = NULL;
  GListModel *backups;

  /* The fixture's manager is off; a new one with the default setting checks
   * by itself once the main loop runs. */
  manager = rapport_backup_manager_new (f->db, f->backup_dir);
  g_assert_true (rapport_backup_manager_get_automatic (manager));
  backups = rapport_backup_manager_get_backups (manager);

  while (g_list_model_get_n_items (backups) == 0 || rapport_backup_manager_get_busy (manager))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (count_reason (backups, RAPPORT_BACKUP_REASON_AUTOMATIC), ==, 1);

  /* Turned off, nothing more is scheduled. */
  rapport_backup_manager_set_automatic (manager, FALSE);
  g_assert_false (rapport_backup_manager_get_automatic (manager));
  g_assert_finalize_object (g_steal_pointer (&manager));
}

static void
changed_cb (RapportChangeBus *bus,
            GArray           *changes,
            gpointer          user_data)
{
  guint *n_reloaded = user_data;

  for (guint i = 0; i < changes->len; i++)
    if (g_array_index (changes, RapportChange, i).change == RAPPORT_CHANGE_RELOADED)
      (*n_reloaded)++;
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(RapportBackup) safety = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportCustomer) first = NULL;
  GListModel *backups = rapport_backup_manager_get_backups (f->manager);
  guint n_reloaded = 0;
  gboolean ok;

  backup = back_up (f->manager, RAPPORT_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);

  /* Work done after the backup. */
  rapport_clock_advance (f->clock, HOUR);
  insert_customer (f->db, "Lakeside Bakery");
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 2);

  g_signal_connect (rapport_database_get_change_bus (f->db), "changed", G_CALLBACK (changed_cb), &n_reloaded);

  rapport_backup_manager_restore_async (f->manager, backup, NULL, store_result_cb, &result);
  g_assert_true (rapport_backup_manager_get_busy (f->manager));
  wait_for_result (&result);
  ok = rapport_backup_manager_restore_finish (f->manager, result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_false (rapport_backup_manager_get_busy (f->manager));

  /* Every view was told, and the main connection sees the backup's data. */
  g_assert_cmpuint (n_reloaded, ==, 1);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 1);
  first = rapport_store_get_customer (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (first), ==, "苏州速阳建材有限公司");

  /* The data replaced was backed up first, and that backup holds it. */
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 2);
  safety = g_list_model_get_item (backups, 0);
  g_assert_cmpint (rapport_backup_get_reason (safety), ==, RAPPORT_BACKUP_REASON_BEFORE_RESTORE);
  g_assert_cmpint (rapport_backup_get_created_at (safety), ==, START_TIME + HOUR);
  g_assert_cmpuint (count_customers_in (rapport_backup_get_path (safety)), ==, 2);
}

static void
test_restore_missing_backup (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_reloaded = 0;

  backup = back_up (f->manager, RAPPORT_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (rapport_backup_get_path (backup)), ==, 0);
  insert_customer (f->db, "Acme Trading");

  g_signal_connect (rapport_database_get_change_bus (f->db), "changed", G_CALLBACK (changed_cb), &n_reloaded);
  rapport_backup_manager_restore_async (f->manager, backup, NULL, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_false (rapport_backup_manager_restore_finish (f->manager, result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);

  /* Nothing changed. */
  g_assert_cmpuint (n_reloaded, ==, 0);
  g_assert_cmpuint (rapport_store_count_customers (f->db), ==, 2);
  g_assert_false (rapport_backup_manager_get_busy (f->manager));
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  rapport_backup_manager_back_up_async (f->manager, RAPPORT_BACKUP_REASON_MANUAL, cancellable,
                                        store_result_cb, &result);
  wait_for_result (&result);
  backup = rapport_backup_manager_back_up_finish (f->manager, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (backup);

  g_assert_cmpuint (g_list_model_get_n_items (rapport_backup_manager_get_backups (f->manager)), ==, 0);
  g_assert_false (rapport_backup_manager_get_busy (f->manager));
  if (g_file_test (f->backup_dir, G_FILE_TEST_IS_DIR))
    g_assert_cmpuint (count_files (f->backup_dir, ""), ==, 0);
}

static void
test_folder_not_writable (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RapportBackupManager) manager = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (f->tmpdir, "not-a-folder", NULL);
  g_autofree char *backup_dir = g_build_filename (blocker, "backups", NULL);

  /* A file where a folder should be: no permission trick that root would pass. */
  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));

  manager = rapport_backup_manager_new (f->db, backup_dir);
  rapport_backup_manager_set_automatic (manager, FALSE);

  backup = back_up (manager, RAPPORT_BACKUP_REASON_MANUAL, &error);
  g_assert_null (backup);
  g_assert_nonnull (error);
  /* The message names the folder. */
  g_assert_nonnull (strstr (error->message, backup_dir));
  g_assert_false (rapport_backup_manager_get_busy (manager));
  g_assert_cmpuint (g_list_model_get_n_items (rapport_backup_manager_get_backups (manager)), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&manager));
}

static char *
find_aside (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "rapport.db.before-restore-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm") && !g_str_has_suffix (name, "-journal"))
      return g_build_filename (dir, name, NULL);

  return NULL;
}

static void
test_restore_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GListModel) in_dir = NULL;
  g_autoptr(RapportBackup) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_wal = NULL;
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  const char damaged[] = "this is not a database any more";

  backup = back_up (f->manager, RAPPORT_BACKUP_REASON_AUTOMATIC, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&f->manager));
  g_clear_object (&f->db);

  /* The database got damaged, with a stray write-ahead log next to it. */
  g_assert_true (g_file_set_contents (f->db_path, damaged, -1, NULL));
  g_assert_true (g_file_set_contents (wal, "stray log", -1, NULL));

  in_dir = rapport_backup_list_in_dir (f->backup_dir);
  g_assert_cmpuint (g_list_model_get_n_items (in_dir), ==, 1);
  listed = g_list_model_get_item (in_dir, 0);

  g_assert_true (rapport_backup_restore_file (listed, f->db_path, &error));
  g_assert_no_error (error);

  /* The damaged file was moved aside, not overwritten, with its log. */
  aside = find_aside (f->tmpdir);
  g_assert_nonnull (aside);
  g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, damaged);
  aside_wal = g_strconcat (aside, "-wal", NULL);
  g_assert_true (g_file_test (aside_wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* And the backup's data is back in place. */
  name = first_customer_name (f->db_path);
  g_assert_cmpstr (name, ==, "苏州速阳建材有限公司");
}

static void
test_restore_file_refuses_bad_backup (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char damaged[] = "damaged";

  backup = back_up (f->manager, RAPPORT_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&f->manager));
  g_clear_object (&f->db);

  g_assert_true (g_file_set_contents (rapport_backup_get_path (backup), "garbage", -1, NULL));
  g_assert_true (g_file_set_contents (f->db_path, damaged, -1, NULL));

  g_assert_false (rapport_backup_restore_file (backup, f->db_path, &error));
  g_assert_nonnull (error);

  /* Left exactly as it was. */
  g_assert_true (g_file_get_contents (f->db_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, damaged);
  g_assert_null (find_aside (f->tmpdir));
}


static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined with spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_sweep_leftovers (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RapportBackupManager) manager = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_name = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *stale_wal = NULL;
  g_autofree char *stale_shm = NULL;
  g_autofree char *backup_journal = NULL;
  /* What backups and restores killed part-way leave, at every stage and from
   * every version. */
  const char *leftovers[] = {
    ".rapport-20261120-010203Z-automatic.db.partial",
    ".rapport-20261120-010203Z-automatic.db.partial-journal",
    ".rapport-20261120-010203Z-automatic.db.partial-wal",
    ".rapport-20261120-010203Z-automatic.db.partial-shm",
    ".rapport-20261119-090000-manual.db.tmp",
    ".rapport-20261119-090000-manual.db.tmp-wal",
    ".rapport-20261119-090000-manual.db.tmp-shm",
    ".rapport-20261119-090000-manual.db.tmp.partial",
    ".rapport-20261119-090000-manual.db.tmp.partial-journal",
    "rapport-20261118-090000-before-migration.db.partial",
    "rapport-20261118-090000-before-migration.db.partial-wal",
  };
  /* Not ours to remove. */
  const char *others[] = {
    "notes.txt",
    ".hidden",
    "something.partial",
    ".shop.db.tmp",
    "rapport-20261118-090000-manual.db.bak",
    ".rapport-20261118-090000-manual.db.tmp.old",
  };

  backup = back_up (f->manager, RAPPORT_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  backup_name = g_path_get_basename (rapport_backup_get_path (backup));

  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    write_file (f->backup_dir, leftovers[i], "half a backup");
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    write_file (f->backup_dir, others[i], "someone else's");

  /* Reading the backup with an earlier version left an empty log and its
   * index; a -journal would be data, and stays. */
  stale_wal = g_strconcat (backup_name, "-wal", NULL);
  stale_shm = g_strconcat (backup_name, "-shm", NULL);
  backup_journal = g_strconcat (backup_name, "-journal", NULL);
  write_file (f->backup_dir, stale_wal, "");
  write_file (f->backup_dir, stale_shm, "index");
  write_file (f->backup_dir, backup_journal, "journal");

  /* Beside the database: a restore killed while migrating its copy. */
  write_file (f->tmpdir, "rapport.db.restoring", "half a restore");
  write_file (f->tmpdir, "rapport.db.restoring-wal", "half a restore");
  write_file (f->tmpdir, "rapport.db.restoring-journal", "half a restore");
  write_file (f->tmpdir, "other.db.restoring", "another database's");
  write_file (f->tmpdir, "rapport.db.before-restore-20261101-000000Z", "kept on purpose");

  manager = rapport_backup_manager_new (f->db, f->backup_dir);
  rapport_backup_manager_set_automatic (manager, FALSE);

  listing = list_dir (f->backup_dir);
  expected = g_strdup_printf (".hidden .rapport-20261118-090000-manual.db.tmp.old .shop.db.tmp "
                              "notes.txt rapport-20261118-090000-manual.db.bak %s %s-journal something.partial",
                              backup_name, backup_name);
  g_assert_cmpstr (listing, ==, expected);
  g_clear_pointer (&listing, g_free);

  listing = list_dir (f->tmpdir);
  g_assert_cmpstr (listing, ==, "backups other.db.restoring rapport.db rapport.db-shm rapport.db-wal "
                                "rapport.db.before-restore-20261101-000000Z");

  /* The backup itself is untouched and still listed. */
  g_assert_cmpuint (g_list_model_get_n_items (rapport_backup_manager_get_backups (manager)), ==, 1);
  g_assert_true (rapport_database_verify_file (rapport_backup_get_path (backup), &error));
  g_assert_no_error (error);

  g_assert_finalize_object (g_steal_pointer (&manager));
}

/* A manager that starts while another is writing a backup in the same
 * folder leaves that backup's temporary file alone. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean reached;
  gboolean go_on;
} Rendezvous;

static void
wait_in_copy_cb (gpointer user_data)
{
  Rendezvous *r = user_data;

  g_mutex_lock (&r->lock);
  r->reached = TRUE;
  g_cond_broadcast (&r->cond);
  while (!r->go_on)
    g_cond_wait (&r->cond, &r->lock);
  g_mutex_unlock (&r->lock);
}

static void
test_sweep_spares_running_backup (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(RapportBackupManager) manager = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  Rendezvous r = { 0, };

  for (guint i = 0; i < 20; i++)
    insert_customer (f->db, "Lakeside Bakery");

  g_mutex_init (&r.lock);
  g_cond_init (&r.cond);
  _rapport_database_set_copy_step_func (1, wait_in_copy_cb, &r);

  rapport_backup_manager_back_up_async (f->manager, RAPPORT_BACKUP_REASON_MANUAL, NULL, store_result_cb, &result);

  g_mutex_lock (&r.lock);
  while (!r.reached)
    g_cond_wait (&r.cond, &r.lock);
  g_mutex_unlock (&r.lock);

  /* Half-way: the partial copy is there. */
  listing = list_dir (f->backup_dir);
  g_assert_true (g_str_has_prefix (listing, ".rapport-"));
  g_assert_nonnull (strstr (listing, ".db.partial"));

  manager = rapport_backup_manager_new (f->db, f->backup_dir);
  rapport_backup_manager_set_automatic (manager, FALSE);

  g_mutex_lock (&r.lock);
  r.go_on = TRUE;
  g_cond_broadcast (&r.cond);
  g_mutex_unlock (&r.lock);

  wait_for_result (&result);
  _rapport_database_set_copy_step_func (0, NULL, NULL);
  backup = rapport_backup_manager_back_up_finish (f->manager, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_true (rapport_database_verify_file (rapport_backup_get_path (backup), &error));
  g_assert_no_error (error);

  g_assert_finalize_object (g_steal_pointer (&manager));
  g_mutex_clear (&r.lock);
  g_cond_clear (&r.cond);
}

static void
cancel_in_copy_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancelled_half_way (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  for (guint i = 0; i < 20; i++)
    insert_customer (f->db, "Lakeside Bakery");

  _rapport_database_set_copy_step_func (1, cancel_in_copy_cb, cancellable);
  rapport_backup_manager_back_up_async (f->manager, RAPPORT_BACKUP_REASON_MANUAL, cancellable,
                                        store_result_cb, &result);
  wait_for_result (&result);
  _rapport_database_set_copy_step_func (0, NULL, NULL);

  backup = rapport_backup_manager_back_up_finish (f->manager, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (backup);

  /* Not the partial copy, nor its journal. */
  listing = list_dir (f->backup_dir);
  g_assert_cmpstr (listing, ==, "");
}

/* The files of a damaged database, each with contents of its own. */
static const struct {
  const char *suffix;
  const char *contents;
} damaged_files[] = {
  { "", "this is not a database any more" },
  { "-wal", "a write-ahead log that goes with it" },
  { "-shm", "its index" },
  { "-journal", "and a journal" },
};

static RapportBackup *
prepare_damaged_database (Fixture *f)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;

  backup = back_up (f->manager, RAPPORT_BACKUP_REASON_AUTOMATIC, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&f->manager));
  g_clear_object (&f->db);

  for (guint i = 0; i < G_N_ELEMENTS (damaged_files); i++)
    {
      g_autofree char *path = g_strconcat (f->db_path, damaged_files[i].suffix, NULL);

      g_assert_true (g_file_set_contents (path, damaged_files[i].contents, -1, NULL));
    }

  return g_steal_pointer (&backup);
}

static void
assert_damaged_database_untouched (Fixture *f)
{
  g_autofree char *listing = list_dir (f->tmpdir);

  for (guint i = 0; i < G_N_ELEMENTS (damaged_files); i++)
    {
      g_autofree char *path = g_strconcat (f->db_path, damaged_files[i].suffix, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, damaged_files[i].contents);
    }

  /* No copy of the backup, nothing moved aside. */
  g_assert_cmpstr (listing, ==, "backups rapport.db rapport.db-journal rapport.db-shm rapport.db-wal");
}

typedef struct
{
  guint  fail_at;      /* the step to fail, counted from 1; 0 for none */
  guint  n_steps;
  char  *read_only_folder;  /* made read-only at the failing step instead */
  guint  n_put_back;
  gboolean fail_put_back;
} StepFault;

static gboolean
restore_step_cb (const char *step,
                 const char *path,
                 gpointer    user_data)
{
  StepFault *fault = user_data;

  /* Undoing: the folder was read-only for a while, and is writable again. */
  if (g_str_equal (step, "put-back") || g_str_equal (step, "remove-copy"))
    {
      if (fault->read_only_folder != NULL)
        g_assert_cmpint (g_chmod (fault->read_only_folder, 0700), ==, 0);
      if (g_str_equal (step, "remove-copy"))
        return TRUE;
      fault->n_put_back++;
      return !fault->fail_put_back || fault->n_put_back > 1;
    }

  if (++fault->n_steps != fault->fail_at)
    return TRUE;

  if (fault->read_only_folder != NULL)
    {
      /* Really read-only: the step fails on its own. */
      g_assert_cmpint (g_chmod (fault->read_only_folder, 0500), ==, 0);
      return TRUE;
    }

  return FALSE;
}

static void
test_restore_file_fails_at_every_step (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(RapportBackup) backup = prepare_damaged_database (f);
  g_autofree char *name = NULL;
  guint n_steps;

  /* How many steps a restore takes: copy, four moves aside, replace. */
  {
    StepFault count = { 0, };
    g_autofree char *aside = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_strdup (f->tmpdir);

    _rapport_backup_set_restore_step_func (restore_step_cb, &count);
    /* A dry run on a copy of the folder's files would change them: count on
     * a run that fails at a step that does not exist, then undo by hand. */
    count.fail_at = G_MAXUINT;
    g_assert_true (rapport_backup_restore_file (backup, f->db_path, &error));
    g_assert_no_error (error);
    n_steps = count.n_steps;
    g_assert_cmpuint (n_steps, ==, 6);
    g_assert_cmpuint (count.n_put_back, ==, 0);

    /* Back to the damaged files for the real test. */
    name = first_customer_name (f->db_path);
    g_assert_cmpstr (name, ==, "苏州速阳建材有限公司");
    aside = find_aside (dir);
    g_assert_nonnull (aside);
    for (guint i = 0; i < G_N_ELEMENTS (damaged_files); i++)
      {
        g_autofree char *from = g_strconcat (aside, damaged_files[i].suffix, NULL);
        g_autofree char *to = g_strconcat (f->db_path, damaged_files[i].suffix, NULL);

        g_assert_cmpint (g_rename (from, to), ==, 0);
      }
    assert_damaged_database_untouched (f);
  }

  for (guint step = 1; step <= n_steps; step++)
    {
      StepFault fault = { step, 0, };
      g_autoptr(GError) error = NULL;

      _rapport_backup_set_restore_step_func (restore_step_cb, &fault);
      g_assert_false (rapport_backup_restore_file (backup, f->db_path, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
      g_test_message ("Failed at step %u: %s", step, error->message);
      g_assert_nonnull (strstr (error->message, "as they were"));

      /* Every file moved aside is back, byte for byte; nothing else left. */
      g_assert_cmpuint (fault.n_put_back, ==, step == 1 ? 0 : MIN (step - 2, 4));
      assert_damaged_database_untouched (f);
    }

  _rapport_backup_set_restore_step_func (NULL, NULL);
}

static void
test_restore_file_folder_turns_read_only (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(RapportBackup) backup = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("Running as root: folder permissions do not stop writes");
      return;
    }

  backup = prepare_damaged_database (f);

  /* Read-only after the copy, after each move aside, before the replace. */
  for (guint step = 2; step <= 6; step++)
    {
      StepFault fault = { step, 0, f->tmpdir, 0, FALSE };
      g_autoptr(GError) error = NULL;

      _rapport_backup_set_restore_step_func (restore_step_cb, &fault);
      g_assert_false (rapport_backup_restore_file (backup, f->db_path, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_test_message ("Read-only at step %u: %s", step, error->message);
      assert_damaged_database_untouched (f);
    }

  /* Read-only from the start: the copy cannot be made, nothing moves. */
  {
    g_autoptr(GError) error = NULL;

    _rapport_backup_set_restore_step_func (NULL, NULL);
    g_assert_cmpint (g_chmod (f->tmpdir, 0500), ==, 0);
    g_assert_false (rapport_backup_restore_file (backup, f->db_path, &error));
    g_assert_nonnull (error);
    g_assert_cmpint (g_chmod (f->tmpdir, 0700), ==, 0);
    assert_damaged_database_untouched (f);
  }
}

static void
test_restore_file_says_what_it_could_not_put_back (Fixture       *f,
                                                   gconstpointer  data)
{
  g_autoptr(RapportBackup) backup = prepare_damaged_database (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_db = NULL;
  g_autofree char *contents = NULL;
  StepFault fault = { 6, 0, NULL, 0, TRUE };

  /* The replace fails, and so does putting the database itself back. */
  _rapport_backup_set_restore_step_func (restore_step_cb, &fault);
  g_assert_false (rapport_backup_restore_file (backup, f->db_path, &error));
  _rapport_backup_set_restore_step_func (NULL, NULL);
  g_assert_cmpuint (fault.n_put_back, ==, 4);

  aside = find_aside (f->tmpdir);
  g_assert_nonnull (aside);
  aside_db = g_strdup (aside);
  g_assert_nonnull (strstr (error->message, f->db_path));
  g_assert_nonnull (strstr (error->message, aside_db));
  g_assert_true (g_file_get_contents (aside_db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, damaged_files[0].contents);
}

static void
test_file_names (void)
{
  g_autoptr(GDateTime) local = g_date_time_new_local (2026, 3, 9, 7, 5, 1);
  g_autofree char *tmpdir = g_dir_make_tmp ("rapport-backup-names-XXXXXX", NULL);
  const struct {
    RapportBackupReason reason;
    guint sequence;
    const char *name;
  } cases[] = {
    /* 07:05:01 in Asia/Shanghai (the tests' TZ) is 23:05:01 UTC the day before. */
    { RAPPORT_BACKUP_REASON_AUTOMATIC, 0, "rapport-20260308-230501Z-automatic.db" },
    { RAPPORT_BACKUP_REASON_MANUAL, 0, "rapport-20260308-230501Z-manual.db" },
    { RAPPORT_BACKUP_REASON_BEFORE_MIGRATION, 2, "rapport-20260308-230501Z-before-migration-2.db" },
    { RAPPORT_BACKUP_REASON_BEFORE_RESTORE, 0, "rapport-20260308-230501Z-before-restore.db" },
  };
  /* Names of earlier versions, in local time: still backups. */
  const struct {
    RapportBackupReason reason;
    const char *name;
  } local_names[] = {
    { RAPPORT_BACKUP_REASON_AUTOMATIC, "rapport-20260309-070501-automatic.db" },
    { RAPPORT_BACKUP_REASON_BEFORE_MIGRATION, "rapport-20260309-070501-before-migration-2.db" },
  };
  const char *not_backups[] = {
    "rapport.db",
    "rapport-20260309-070501-whatever.db",
    "rapport-2026030-0705011-manual.db",
    "rapport-20260309-070501-manual.db-wal",
    ".rapport-20260309-070501-manual.db.tmp",
    "rapport-20261309-070501-manual.db",
    "rapport-20260309-070501Y-manual.db",
    "rapport-20260309-070501Z.db",
    "rapport-20260309-070501Z-manual.db.partial",
    ".rapport-20260309-070501Z-manual.db.partial",
  };

  g_assert_nonnull (tmpdir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = rapport_backup_build_file_name (local, cases[i].reason, cases[i].sequence);
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_autoptr(RapportBackup) backup = NULL;

      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_true (rapport_backup_is_file_name (name));
      g_assert_true (g_file_set_contents (path, "12345", -1, NULL));
      backup = rapport_backup_new_for_file (path);
      g_assert_nonnull (backup);
      g_assert_cmpint (rapport_backup_get_reason (backup), ==, cases[i].reason);
      g_assert_cmpint (rapport_backup_get_created_at (backup), ==, g_date_time_to_unix (local));
      g_assert_cmpuint (rapport_backup_get_size (backup), ==, 5);
      g_assert_nonnull (rapport_backup_reason_get_label (cases[i].reason));
      g_unlink (path);
    }

  for (guint i = 0; i < G_N_ELEMENTS (local_names); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, local_names[i].name, NULL);
      g_autoptr(RapportBackup) backup = NULL;

      g_assert_true (rapport_backup_is_file_name (local_names[i].name));
      g_assert_true (g_file_set_contents (path, "12345", -1, NULL));
      backup = rapport_backup_new_for_file (path);
      g_assert_nonnull (backup);
      g_assert_cmpint (rapport_backup_get_reason (backup), ==, local_names[i].reason);
      g_assert_cmpint (rapport_backup_get_created_at (backup), ==, g_date_time_to_unix (local));
      g_unlink (path);
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_backups); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, not_backups[i], NULL);
      g_autoptr(RapportBackup) backup = NULL;

      g_assert_false (rapport_backup_is_file_name (not_backups[i]));
      g_assert_true (g_file_set_contents (path, "12345", -1, NULL));
      backup = rapport_backup_new_for_file (path);
      g_assert_null (backup);
      g_unlink (path);
    }

  g_rmdir (tmpdir);
}


/* A time zone with daylight-saving time for one test; put back after. */
static void
set_time_zone (const char *tz)
{
  g_setenv ("TZ", tz, TRUE);
  tzset ();
}

/* 2026-10-25 in Berlin: clocks go back from 03:00 CEST to 02:00 CET, so
 * 02:30 happens twice, an hour apart. */
#define BERLIN_FIRST_0230  G_GINT64_CONSTANT (1792888200)  /* 00:30 UTC */
#define BERLIN_SECOND_0230 G_GINT64_CONSTANT (1792891800)  /* 01:30 UTC */

static void
test_file_names_daylight_saving (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("rapport-backup-names-XXXXXX", NULL);
  const gint64 times[] = { BERLIN_FIRST_0230, BERLIN_SECOND_0230 };
  char *names[2] = { NULL, NULL };

  set_time_zone ("Europe/Berlin");

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (times[i]);
      g_autoptr(RapportBackup) backup = NULL;
      g_autofree char *path = NULL;
      g_autofree char *wall = g_date_time_format (local, "%H:%M");

      /* Both are 02:30 on the wall. */
      g_assert_cmpstr (wall, ==, "02:30");
      names[i] = rapport_backup_build_file_name (local, RAPPORT_BACKUP_REASON_AUTOMATIC, 0);
      path = g_build_filename (tmpdir, names[i], NULL);
      g_assert_true (g_file_set_contents (path, "12345", -1, NULL));
      backup = rapport_backup_new_for_file (path);
      g_assert_nonnull (backup);
      /* Each name reads back as its own moment. */
      g_assert_cmpint (rapport_backup_get_created_at (backup), ==, times[i]);
      g_unlink (path);
    }

  g_assert_cmpstr (names[0], ==, "rapport-20261025-003000Z-automatic.db");
  g_assert_cmpstr (names[1], ==, "rapport-20261025-013000Z-automatic.db");
  g_free (names[0]);
  g_free (names[1]);

  set_time_zone ("Asia/Shanghai");
  g_rmdir (tmpdir);
}

static void
test_due_across_daylight_saving (Fixture       *f,
                                 gconstpointer  data)
{
  GListModel *backups = rapport_backup_manager_get_backups (f->manager);

  set_time_zone ("Europe/Berlin");

  /* The daily backup at the first 02:30 of the night the clocks go back. */
  rapport_clock_set_fixed (f->clock, BERLIN_FIRST_0230);
  g_assert_true (rapport_backup_manager_back_up_if_due (f->manager));
  wait_until_idle (f->manager);
  g_assert_cmpuint (count_reason (backups, RAPPORT_BACKUP_REASON_AUTOMATIC), ==, 1);

  /* The next one is due 24 hours later to the second, not an hour off. */
  rapport_clock_set_fixed (f->clock, BERLIN_FIRST_0230 + 24 * HOUR - 1);
  g_assert_false (rapport_backup_manager_back_up_if_due (f->manager));
  rapport_clock_set_fixed (f->clock, BERLIN_FIRST_0230 + 24 * HOUR);
  g_assert_true (rapport_backup_manager_back_up_if_due (f->manager));
  wait_until_idle (f->manager);
  g_assert_cmpuint (count_reason (backups, RAPPORT_BACKUP_REASON_AUTOMATIC), ==, 2);

  set_time_zone ("Asia/Shanghai");
}

/* Backups named in local time by earlier versions are listed among the new
 * ones, in order, and rotated like them. */
static void
test_local_names_rotated (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(RapportBackup) newest = NULL;
  g_autoptr(RapportBackup) oldest = NULL;
  g_autoptr(RapportBackupManager) manager = NULL;
  GListModel *backups;
  const char *old_names[] = {
    /* START_TIME - 3 days, - 2 days, - 1 day, in Asia/Shanghai */
    "rapport-20261119-180000-automatic.db",
    "rapport-20261120-180000-automatic.db",
    "rapport-20261121-180000-automatic.db",
  };

  g_assert_cmpint (g_mkdir_with_parents (f->backup_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (old_names); i++)
    {
      g_autofree char *path = g_build_filename (f->backup_dir, old_names[i], NULL);

      backup = back_up (f->manager, RAPPORT_BACKUP_REASON_MANUAL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_rename (rapport_backup_get_path (backup), path), ==, 0);
      g_clear_object (&backup);
    }

  manager = rapport_backup_manager_new (f->db, f->backup_dir);
  rapport_backup_manager_set_automatic (manager, FALSE);
  backups = rapport_backup_manager_get_backups (manager);
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 3);
  oldest = g_list_model_get_item (backups, 2);
  g_assert_cmpint (rapport_backup_get_created_at (oldest), ==, START_TIME - 3 * 24 * HOUR);

  /* Keep three: the new one pushes the oldest local-time one out. */
  rapport_backup_manager_set_keep (manager, 3);
  backup = back_up (manager, RAPPORT_BACKUP_REASON_AUTOMATIC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (backups), ==, 3);
  newest = g_list_model_get_item (backups, 0);
  g_assert_cmpstr (rapport_backup_get_path (newest), ==, rapport_backup_get_path (backup));
  g_assert_false (g_file_test (rapport_backup_get_path (oldest), G_FILE_TEST_EXISTS));

  g_assert_finalize_object (g_steal_pointer (&manager));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/services/backup/file-names", test_file_names);
  g_test_add_func ("/services/backup/file-names-daylight-saving", test_file_names_daylight_saving);
  ADD ("/services/backup/back-up-and-list", test_back_up_and_list);
  ADD ("/services/backup/same-second", test_same_second);
  ADD ("/services/backup/rotation", test_rotation);
  ADD ("/services/backup/exact-changes", test_exact_changes);
  ADD ("/services/backup/due", test_due);
  ADD ("/services/backup/due-across-daylight-saving", test_due_across_daylight_saving);
  ADD ("/services/backup/local-names-rotated", test_local_names_rotated);
  ADD ("/services/backup/automatic-at-start", test_automatic_at_start);
  ADD ("/services/backup/restore", test_restore);
  ADD ("/services/backup/restore-missing-backup", test_restore_missing_backup);
  ADD ("/services/backup/cancelled", test_cancelled);
  ADD ("/services/backup/folder-not-writable", test_folder_not_writable);
  ADD ("/services/backup/restore-file", test_restore_file);
  ADD ("/services/backup/restore-file-refuses-bad-backup", test_restore_file_refuses_bad_backup);
  ADD ("/services/backup/restore-file-fails-at-every-step", test_restore_file_fails_at_every_step);
  ADD ("/services/backup/restore-file-folder-turns-read-only", test_restore_file_folder_turns_read_only);
  ADD ("/services/backup/restore-file-says-what-it-could-not-put-back", test_restore_file_says_what_it_could_not_put_back);
  ADD ("/services/backup/sweep-leftovers", test_sweep_leftovers);
  ADD ("/services/backup/sweep-spares-running-backup", test_sweep_spares_running_backup);
  ADD ("/services/backup/cancelled-half-way", test_cancelled_half_way);

#undef ADD

  return g_test_run ();
}
