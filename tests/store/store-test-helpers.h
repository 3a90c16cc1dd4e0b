/* store-test-helpers.h
 *
 * Shared by the store tests: a scratch folder, a database on a fixed clock,
 * and a recorder of what the change bus delivers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <unistd.h>

#include "rapport-database.h"
#include "rapport-database-private.h"
#include "rapport-store.h"
#include "test-utils.h"

/* 2026-11-22 08:00:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1795334400)

typedef struct
{
  char            *dir;
  char            *path;
  RapportClock    *clock;
  RapportDatabase *db;
  GArray          *changes;
  gulong           handler;
} Fixture;

typedef RapportChange RecordedChange;

static inline void
changed_cb (RapportChangeBus *bus,
            GArray           *changes,
            gpointer          user_data)
{
  GArray *recorded = user_data;

  g_array_append_vals (recorded, changes->data, changes->len);
}

static inline void
fixture_open (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  fixture->db = rapport_database_open (fixture->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->db);
  rapport_database_set_clock (fixture->db, fixture->clock);
  fixture->handler = g_signal_connect (rapport_database_get_change_bus (fixture->db), "changed",
                                       G_CALLBACK (changed_cb), fixture->changes);
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rapport-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "rapport.db", NULL);
  fixture->clock = rapport_clock_new ();
  rapport_clock_set_fixed (fixture->clock, TEST_NOW);
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (RecordedChange));

  if (data == NULL)
    fixture_open (fixture);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->db != NULL)
    g_assert_finalize_object (fixture->db);
  test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_object (&fixture->clock);
  g_clear_pointer (&fixture->changes, g_array_unref);
}

static inline void
fixture_clear_changes (Fixture *fixture)
{
  g_array_set_size (fixture->changes, 0);
}

/* Asserts the recorded changes are exactly @n triples (kind, id, change). */
static inline void
assert_changes (Fixture *fixture,
                guint    n,
                ...)
{
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      RapportEntityKind kind = va_arg (args, int);
      gint64 id = va_arg (args, gint64);
      RapportChangeKind change = va_arg (args, int);

      g_assert_cmpuint (i, <, fixture->changes->len);
      g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, i).kind, ==, kind);
      g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, i).id, ==, id);
      g_assert_cmpint (g_array_index (fixture->changes, RecordedChange, i).change, ==, change);
    }
  va_end (args);

  g_assert_cmpuint (fixture->changes->len, ==, n);
  fixture_clear_changes (fixture);
}

/* The customer the recorded change @index belongs to. */
static inline gint64
recorded_customer (Fixture *fixture,
                   guint    index)
{
  g_assert_cmpuint (index, <, fixture->changes->len);
  return g_array_index (fixture->changes, RecordedChange, index).customer_id;
}

static inline RapportCustomer *
add_customer (RapportDatabase *db,
              const char      *name,
              const char      *code)
{
  g_autoptr (GError) error = NULL;
  RapportCustomer *customer = rapport_customer_new ();

  rapport_customer_set_name (customer, name);
  rapport_customer_set_code (customer, code);
  rapport_store_insert_customer (db, customer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_customer_get_id (customer), >, 0);

  return customer;
}

/* Tests running as root (containers) can write through chmod. */
static inline gboolean
permissions_are_enforced (void)
{
  return geteuid () != 0;
}

static inline guint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return st.st_size;
}

static inline GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

/* Counts the SQLite virtual machine steps a call takes on @db: a bench-free
 * way to assert that a query's work does not grow with rows it should not
 * read (an index lookup stays flat, a scan grows with the table). */
static inline int
vm_steps_cb (void *data)
{
  (*(guint64 *) data)++;
  return 0;
}

static inline void
vm_steps_start (RapportDatabase *db,
                guint64         *counter)
{
  *counter = 0;
  sqlite3_progress_handler (_rapport_database_get_handle (db), 1, vm_steps_cb, counter);
}

static inline guint64
vm_steps_stop (RapportDatabase *db,
               guint64         *counter)
{
  sqlite3_progress_handler (_rapport_database_get_handle (db), 0, NULL, NULL);
  return *counter;
}
