/* rapport-derived.c
 *
 * Versions of derived data, and their rebuild. The table derived_version
 * (migration 4) holds name → version: "search-index" and "sort-keys" once
 * built, and "<name>.rebuilding" → "<target version>\t<last key>" (a
 * customer id; for the index, a slot) while a rebuild is under way, so that
 * one cut short resumes. Each chunk of customers is one short transaction on
 * the worker connection: a user's write waits at most for one chunk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-derived"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-database-private.h"
#include "rapport-derived.h"
#include "rapport-pinyin.h"
#include "rapport-search-index-private.h"

/* Customers per transaction: a few milliseconds of work. */
#define CHUNK 200

typedef struct
{
  RapportDerivedFlags  kind;
  const char          *name;
} Kind;

/* Sort keys first: the search index's slots follow them. */
static const Kind kinds[] = {
  { RAPPORT_DERIVED_SORT_KEYS, "sort-keys" },
  { RAPPORT_DERIVED_SEARCH_INDEX, "search-index" },
};

/* Helpers */

/* The stored value of @name, or NULL (not an error) when there is none. */
gboolean
_rapport_derived_read_version (RapportDatabase  *db,
                               const char       *name,
                               char            **out,
                               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  *out = NULL;
  stmt = _rapport_database_prepare (db, "SELECT version FROM derived_version WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not read the versions of the search index"));
      return FALSE;
    }

  return TRUE;
}

/* Stores @version for @name; NULL removes it. */
gboolean
_rapport_derived_write_version (RapportDatabase  *db,
                                const char       *name,
                                const char       *version,
                                GError          **error)
{
  sqlite3_stmt *stmt;

  if (version == NULL)
    {
      stmt = _rapport_database_prepare (db, "DELETE FROM derived_version WHERE name = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = _rapport_database_prepare (db,
                                        "INSERT INTO derived_version (name, version) VALUES (?1, ?2)"
                                        " ON CONFLICT (name) DO UPDATE SET version = excluded.version",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, version, -1, SQLITE_TRANSIENT);
    }

  return _rapport_database_step_done (db, stmt, _("Could not save the versions of the search index"), error);
}

/* The ids of up to CHUNK customers after @after, trashed ones included, and
 * in @last the key of the last one. The search index goes in slot order:
 * its documents' rowids then increase, which FTS5 writes fastest. */
static GArray *
next_chunk (RapportDatabase  *db,
            const Kind       *kind,
            gint64            after,
            gint64           *last,
            GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (kind->kind == RAPPORT_DERIVED_SEARCH_INDEX)
    stmt = _rapport_database_prepare (db,
                                      "SELECT id, search_slot FROM customer WHERE search_slot > ?1"
                                      " ORDER BY search_slot LIMIT ?2",
                                      error);
  else
    stmt = _rapport_database_prepare (db,
                                      "SELECT id, id FROM customer WHERE id > ?1 ORDER BY id LIMIT ?2",
                                      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int (stmt, 2, CHUNK);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      *last = sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not rebuild the search index"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gboolean
rebuild_sort_key (RapportDatabase  *db,
                  gint64            id,
                  GError          **error)
{
  g_autoptr (RapportStatement) read = NULL;
  g_autoptr (GBytes) key = NULL;
  sqlite3_stmt *write;
  gconstpointer data;
  gsize len;

  read = _rapport_database_prepare (db, "SELECT name, kind = 'person' FROM customer WHERE id = ?1", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, id);
  if (sqlite3_step (read) != SQLITE_ROW)
    return TRUE;   /* deleted meanwhile */

  /* The same key the customer repository writes. */
  if (sqlite3_column_int (read, 1))
    key = rapport_person_sort_key ((const char *) sqlite3_column_text (read, 0));
  else
    key = rapport_sort_key ((const char *) sqlite3_column_text (read, 0));
  sqlite3_reset (read);

  write = _rapport_database_prepare (db, "UPDATE customer SET sort_key = ?2 WHERE id = ?1", error);
  if (write == NULL)
    return FALSE;
  data = g_bytes_get_data (key, &len);
  sqlite3_bind_int64 (write, 1, id);
  sqlite3_bind_blob (write, 2, data, len, SQLITE_STATIC);

  return _rapport_database_step_done (db, write, _("Could not rebuild the sort order"), error);
}

static gboolean
count_customers (RapportDatabase  *db,
                 guint            *out,
                 GError          **error)
{
  sqlite3_stmt *stmt = _rapport_database_prepare (db, "SELECT count(*) FROM customer", error);
  gint64 n = 0;

  if (stmt == NULL ||
      !_rapport_database_step_int64 (db, stmt, _("Could not rebuild the search index"), &n, error))
    return FALSE;
  *out = n;
  return TRUE;
}

/* Rebuilds one kind, resuming a rebuild of the same target. @done counts
 * across kinds for the progress. */
static gboolean
rebuild_kind (RapportDatabase             *db,
              const Kind                  *kind,
              guint                       *done,
              guint                        total,
              RapportDerivedProgressFunc   progress,
              gpointer                     user_data,
              GCancellable                *cancellable,
              GError                     **error)
{
  g_autofree char *progress_name = g_strconcat (kind->name, ".rebuilding", NULL);
  g_autofree char *target = NULL;
  g_autofree char *state = NULL;
  guint first_done = *done;
  gint64 last = 0;

start:
  g_clear_pointer (&target, g_free);
  g_clear_pointer (&state, g_free);
  target = rapport_derived_get_version (db, kind->kind);
  last = 0;
  *done = first_done;

  if (!_rapport_derived_read_version (db, progress_name, &state, error))
    return FALSE;
  if (state != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (state, "\t", 2);

      /* A rebuild towards another version starts over. */
      if (g_strv_length (parts) == 2 && g_str_equal (parts[0], target))
        last = g_ascii_strtoll (parts[1], NULL, 10);
    }

  /* Slots never assigned for these sort keys: every document is written
   * anew, from the first. Too many misfits: each is placed among its
   * neighbours, a short transaction each, and when the documents are this
   * build's, nothing more is to be done. */
  if (kind->kind == RAPPORT_DERIVED_SEARCH_INDEX)
    {
      g_autofree char *stored = NULL;
      gboolean relabel = FALSE;
      gboolean current = FALSE;
      gboolean placed = TRUE;

      if (!_rapport_database_begin (db, error))
        return FALSE;
      if (!_rapport_search_index_needs_relabel (db, &relabel, error) ||
          !_rapport_search_index_slots_current (db, &current, error) ||
          !_rapport_derived_read_version (db, kind->name, &stored, error) ||
          (relabel && !current && !_rapport_search_index_relabel (db, error)) ||
          !_rapport_database_commit (db, error))
        {
          _rapport_database_rollback (db, NULL);
          return FALSE;
        }
      if (relabel && !current)
        last = 0;

      while (relabel && current && placed)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (!_rapport_database_begin (db, error))
            return FALSE;
          if (!_rapport_search_index_place_misfit (db, &placed, error))
            {
              _rapport_database_rollback (db, NULL);
              return FALSE;
            }
          /* The last: search results move, the views read them again. */
          if (!placed)
            _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, 0, 0, RAPPORT_CHANGE_RELOADED);
          if (!_rapport_database_commit (db, error))
            {
              _rapport_database_rollback (db, NULL);
              return FALSE;
            }
        }
      if (relabel && current && state == NULL && g_strcmp0 (stored, target) == 0)
        return TRUE;
    }

  for (;;)
    {
      g_autoptr (GArray) ids = NULL;
      g_autofree char *now_target = NULL;
      g_autofree char *new_state = NULL;
      gint64 chunk_last = last;
      gboolean ok = TRUE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* The country code changed (Preferences): what was written is not
       * the target any more. */
      now_target = rapport_derived_get_version (db, kind->kind);
      if (!g_str_equal (now_target, target))
        goto start;

      if (!_rapport_database_begin (db, error))
        return FALSE;

      ids = next_chunk (db, kind, last, &chunk_last, error);
      ok = ids != NULL;
      for (guint i = 0; ok && i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);

          if (kind->kind == RAPPORT_DERIVED_SEARCH_INDEX)
            ok = _rapport_search_index_rebuild_customer (db, id, error);
          else
            ok = rebuild_sort_key (db, id, error);
        }

      if (ok && ids->len == 0)
        {
          /* Done: the version, and one change for every view. New sort
           * keys put the search index's slots out of order. */
          ok = _rapport_derived_write_version (db, kind->name, target, error) &&
               _rapport_derived_write_version (db, progress_name, NULL, error) &&
               (kind->kind != RAPPORT_DERIVED_SORT_KEYS ||
                _rapport_derived_write_version (db, RAPPORT_SEARCH_SLOTS_NAME, NULL, error));
          if (ok)
            _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, 0, 0, RAPPORT_CHANGE_RELOADED);
        }
      else if (ok)
        {
          last = chunk_last;
          new_state = g_strdup_printf ("%s\t%" G_GINT64_FORMAT, target, last);
          ok = _rapport_derived_write_version (db, progress_name, new_state, error);
        }

      if (!ok || !_rapport_database_commit (db, error))
        {
          _rapport_database_rollback (db, NULL);
          return FALSE;
        }

      if (ids->len == 0)
        return TRUE;

      *done = MIN (*done + ids->len, total);
      if (progress != NULL)
        progress (*done, total, user_data);
    }
}

/* Public API */

/**
 * rapport_derived_get_version:
 * @db: a #RapportDatabase
 * @kind: one #RapportDerivedFlags
 *
 * Returns: (transfer full): this build's version of @kind for @db
 */
char *
rapport_derived_get_version (RapportDatabase     *db,
                             RapportDerivedFlags  kind)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);

  if (kind == RAPPORT_DERIVED_SEARCH_INDEX)
    {
      g_autofree char *pinyin = rapport_pinyin_get_version ();

      /* Phone numbers are indexed as dialled in the default country. */
      return g_strdup_printf ("documents %s; %s; country %s", RAPPORT_SEARCH_INDEX_VERSION, pinyin,
                              rapport_database_get_default_country_code (db));
    }

  g_return_val_if_fail (kind == RAPPORT_DERIVED_SORT_KEYS, NULL);

  return rapport_sort_key_get_version ();
}

/**
 * rapport_derived_get_stale:
 * @db: a #RapportDatabase at the latest schema
 * @error: return location for a #GError
 *
 * Returns: the kinds of derived data whose stored version is not this
 *   build's (missing, other, or a rebuild cut short); %RAPPORT_DERIVED_NONE
 *   with @error set on failure
 */
RapportDerivedFlags
rapport_derived_get_stale (RapportDatabase  *db,
                           GError          **error)
{
  RapportDerivedFlags stale = RAPPORT_DERIVED_NONE;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), RAPPORT_DERIVED_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, RAPPORT_DERIVED_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *stored = NULL;
      g_autofree char *current = rapport_derived_get_version (db, kinds[i].kind);

      if (!_rapport_derived_read_version (db, kinds[i].name, &stored, error))
        return RAPPORT_DERIVED_NONE;
      if (g_strcmp0 (stored, current) != 0)
        stale |= kinds[i].kind;
    }

  if ((stale & RAPPORT_DERIVED_SEARCH_INDEX) == 0)
    {
      gboolean relabel = FALSE;

      if (!_rapport_search_index_needs_relabel (db, &relabel, error))
        return RAPPORT_DERIVED_NONE;
      if (relabel)
        stale |= RAPPORT_DERIVED_SEARCH_INDEX;
    }

  return stale;
}

/**
 * rapport_derived_rebuild:
 * @worker: a worker connection, used by this thread only
 * @what: the kinds to rebuild (usually rapport_derived_get_stale())
 * @progress: (nullable) (scope call): called after each chunk
 * @user_data: for @progress
 * @cancellable: (nullable): a #GCancellable, checked between chunks
 * @error: return location for a #GError
 *
 * See rapport-derived.h. Blocks: call it in a worker thread.
 *
 * Returns: whether everything asked for was rebuilt
 */
gboolean
rapport_derived_rebuild (RapportDatabase             *worker,
                         RapportDerivedFlags          what,
                         RapportDerivedProgressFunc   progress,
                         gpointer                     user_data,
                         GCancellable                *cancellable,
                         GError                     **error)
{
  guint n_kinds = 0;
  guint per_kind = 0;
  guint done = 0;
  guint n_done = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (worker), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (worker, error))
    return FALSE;

  /* The slots follow the sort keys: new keys, new slots. */
  if (what & RAPPORT_DERIVED_SORT_KEYS)
    what |= RAPPORT_DERIVED_SEARCH_INDEX;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    n_kinds += (what & kinds[i].kind) != 0;
  if (n_kinds == 0)
    return TRUE;
  if (!count_customers (worker, &per_kind, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if ((what & kinds[i].kind) == 0)
        continue;
      if (!rebuild_kind (worker, &kinds[i], &done, per_kind * n_kinds, progress, user_data,
                         cancellable, error))
        return FALSE;
      /* A kind whose chunks were fewer than counted still counts whole. */
      done = per_kind * ++n_done;
    }

  return TRUE;
}

/* Async */

typedef struct
{
  RapportDerivedFlags         what;
  RapportDerivedProgressFunc  progress;
  gpointer                    user_data;
  GMainContext               *context;
  GMutex                      mutex;
  guint                       done;
  guint                       total;
  gboolean                    pending;
} RebuildData;

static void
rebuild_data_free (gpointer data)
{
  RebuildData *rebuild = data;

  g_main_context_unref (rebuild->context);
  g_mutex_clear (&rebuild->mutex);
  g_free (rebuild);
}

static gboolean
deliver_progress_cb (gpointer data)
{
  GTask *task = data;
  RebuildData *rebuild = g_task_get_task_data (task);
  guint done, total;

  /* After the callback, @user_data may be gone. */
  if (g_task_get_completed (task))
    return G_SOURCE_REMOVE;

  g_mutex_lock (&rebuild->mutex);
  done = rebuild->done;
  total = rebuild->total;
  rebuild->pending = FALSE;
  g_mutex_unlock (&rebuild->mutex);

  rebuild->progress (done, total, rebuild->user_data);

  return G_SOURCE_REMOVE;
}

static void
thread_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GTask *task = user_data;
  RebuildData *rebuild = g_task_get_task_data (task);
  gboolean schedule;

  /* Coalesced: one idle at a time carries the latest count. */
  g_mutex_lock (&rebuild->mutex);
  rebuild->done = done;
  rebuild->total = total;
  schedule = !rebuild->pending;
  rebuild->pending = TRUE;
  g_mutex_unlock (&rebuild->mutex);

  if (schedule)
    g_main_context_invoke_full (rebuild->context, G_PRIORITY_DEFAULT_IDLE, deliver_progress_cb,
                                g_object_ref (task), g_object_unref);
}

static void
rebuild_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RebuildData *rebuild = task_data;
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (GError) error = NULL;

  worker = rapport_database_open_worker (source_object, &error);
  if (worker == NULL ||
      !rapport_derived_rebuild (worker, rebuild->what,
                                rebuild->progress != NULL ? thread_progress_cb : NULL, task,
                                cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * rapport_derived_rebuild_async:
 * @db: the main connection (main thread)
 * @what: the kinds to rebuild
 * @progress: (nullable): called on the caller's main context, coalesced
 * @user_data: for @progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @callback_data: for @callback
 *
 * rapport_derived_rebuild() on a worker connection of @db in a thread.
 */
void
rapport_derived_rebuild_async (RapportDatabase             *db,
                               RapportDerivedFlags          what,
                               RapportDerivedProgressFunc   progress,
                               gpointer                     user_data,
                               GCancellable                *cancellable,
                               GAsyncReadyCallback          callback,
                               gpointer                     callback_data)
{
  g_autoptr (GTask) task = NULL;
  RebuildData *rebuild;

  g_return_if_fail (RAPPORT_IS_DATABASE (db));

  rebuild = g_new0 (RebuildData, 1);
  rebuild->what = what;
  rebuild->progress = progress;
  rebuild->user_data = user_data;
  rebuild->context = g_main_context_ref_thread_default ();
  g_mutex_init (&rebuild->mutex);

  task = g_task_new (db, cancellable, callback, callback_data);
  g_task_set_source_tag (task, rapport_derived_rebuild_async);
  g_task_set_task_data (task, rebuild, rebuild_data_free);
  g_task_run_in_thread (task, rebuild_thread);
}

/**
 * rapport_derived_rebuild_finish:
 * @db: the main connection
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * The worker's last commit announced one %RAPPORT_CHANGE_RELOADED on the
 * file's change bus; it has reached every view when this returns.
 *
 * Returns: whether the rebuild finished
 */
gboolean
rapport_derived_rebuild_finish (RapportDatabase  *db,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  rapport_change_bus_flush (rapport_database_get_change_bus (db));

  return TRUE;
}

/**
 * _rapport_derived_mark_current:
 *
 * Records this build's versions for a database that was just created: its
 * index and sort keys are written by this build as rows come, so there is
 * nothing to rebuild.
 */
gboolean
_rapport_derived_mark_current (RapportDatabase  *db,
                               GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *version = rapport_derived_get_version (db, kinds[i].kind);

      if (!_rapport_derived_write_version (db, kinds[i].name, version, error))
        return FALSE;
    }

  return _rapport_derived_write_version (db, RAPPORT_SEARCH_SLOTS_NAME, RAPPORT_SEARCH_SLOTS_VERSION, error);
}
