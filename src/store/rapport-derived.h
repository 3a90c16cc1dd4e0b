/* rapport-derived.h
 *
 * Data the store derives from the rows with code that changes between
 * releases: the search index (the tokeniser, the pinyin table, the default
 * country code) and customer.sort_key (ICU's collation). A database keeps the
 * version each was made with; when it is not this build's (missing, older,
 * newer or unknown), it is rebuilt on a worker connection in short chunks,
 * while the book stays usable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-database.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_DERIVED_NONE         = 0,
  RAPPORT_DERIVED_SEARCH_INDEX = 1 << 0,
  RAPPORT_DERIVED_SORT_KEYS    = 1 << 1,
} RapportDerivedFlags;

/* Called on the rebuilding thread after each chunk: customers done of
 * @total (the rebuild's whole count, every kind of data together). */
typedef void (*RapportDerivedProgressFunc) (guint    done,
                                            guint    total,
                                            gpointer user_data);

/* What needs rebuilding in @db (any connection, the thread that uses it; a
 * small indexed read). A read-only database reports what is stale but
 * cannot be rebuilt. */
RapportDerivedFlags rapport_derived_get_stale        (RapportDatabase             *db,
                                                      GError                     **error);
/* This build's version of one kind of derived data, for @db's settings (the
 * search index depends on its default country code). */
char               *rapport_derived_get_version      (RapportDatabase             *db,
                                                      RapportDerivedFlags          kind);
/* Rebuilds @what on @worker (a connection from rapport_database_open_worker,
 * used by the calling thread only; blocks): chunks of customers, each in a
 * short transaction, remembered in the file so that a rebuild cut short
 * (crash, cancel) resumes where it stopped. A change of the worker's country
 * code during the run starts the index over. At the end it records the
 * versions and announces one RAPPORT_CHANGE_RELOADED on @worker (re-emit it
 * on the main connection from the main thread). Cancelled: FALSE with
 * G_IO_ERROR_CANCELLED, the work done so far kept. */
gboolean            rapport_derived_rebuild          (RapportDatabase             *worker,
                                                      RapportDerivedFlags          what,
                                                      RapportDerivedProgressFunc   progress,
                                                      gpointer                     user_data,
                                                      GCancellable                *cancellable,
                                                      GError                     **error);

/* The same in a thread of its own on a new worker connection of @db, the
 * result and the RELOADED change delivered on the main context of the caller
 * (progress too, coalesced). For the application after opening a file. */
void                rapport_derived_rebuild_async    (RapportDatabase             *db,
                                                      RapportDerivedFlags          what,
                                                      RapportDerivedProgressFunc   progress,
                                                      gpointer                     user_data,
                                                      GCancellable                *cancellable,
                                                      GAsyncReadyCallback          callback,
                                                      gpointer                     callback_data);
gboolean            rapport_derived_rebuild_finish   (RapportDatabase             *db,
                                                      GAsyncResult                *result,
                                                      GError                     **error);

G_END_DECLS
