/* rapport-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-change-bus.h"
#include "rapport-clock.h"
#include "rapport-enums.h"

G_BEGIN_DECLS

#define RAPPORT_DATABASE_ERROR (rapport_database_error_quark ())

typedef enum
{
  RAPPORT_DATABASE_ERROR_FAILED,
  RAPPORT_DATABASE_ERROR_CANT_OPEN,     /* folder missing, no permission */
  RAPPORT_DATABASE_ERROR_NOT_DATABASE,  /* zero bytes is fine (new file); garbage is not */
  RAPPORT_DATABASE_ERROR_CORRUPT,       /* quick_check failed */
  RAPPORT_DATABASE_ERROR_READ_ONLY,     /* file or folder not writable; retry with READ_ONLY flag */
  RAPPORT_DATABASE_ERROR_TOO_NEW,       /* user_version above what this build knows */
  RAPPORT_DATABASE_ERROR_MIGRATION,
  RAPPORT_DATABASE_ERROR_NOT_FOUND,
  RAPPORT_DATABASE_ERROR_DUPLICATE_CODE,
  RAPPORT_DATABASE_ERROR_INVALID,       /* a value failed validation; message is user-facing */
  RAPPORT_DATABASE_ERROR_CANCELLED,
  RAPPORT_DATABASE_ERROR_CONFLICT,      /* the row was edited since the caller read it */
  RAPPORT_DATABASE_ERROR_IN_USE,        /* still used (a pipeline stage holding opportunities) */
} RapportDatabaseError;

typedef enum
{
  RAPPORT_DATABASE_OPEN_DEFAULT   = 0,
  RAPPORT_DATABASE_OPEN_READ_ONLY = 1 << 0,
} RapportDatabaseOpenFlags;

/* What an open is doing, for a window that says "Opening…". */
typedef enum
{
  RAPPORT_DATABASE_OPEN_STEP_CHECKING,
  RAPPORT_DATABASE_OPEN_STEP_BACKING_UP,
  RAPPORT_DATABASE_OPEN_STEP_UPGRADING,
} RapportDatabaseOpenStep;

typedef void (*RapportDatabaseOpenProgress) (RapportDatabaseOpenStep step,
                                             gpointer                user_data);

#define RAPPORT_TYPE_DATABASE (rapport_database_get_type ())

G_DECLARE_FINAL_TYPE (RapportDatabase, rapport_database, RAPPORT, DATABASE, GObject)

GQuark           rapport_database_error_quark          (void);

RapportDatabase *rapport_database_open                 (const char                *path,
                                                        RapportDatabaseOpenFlags   flags,
                                                        const char                *backup_dir,
                                                        GError                   **error);
RapportDatabase *rapport_database_open_with_progress   (const char                *path,
                                                        RapportDatabaseOpenFlags   flags,
                                                        const char                *backup_dir,
                                                        RapportDatabaseOpenProgress progress,
                                                        gpointer                   user_data,
                                                        GError                   **error);
RapportDatabase *rapport_database_open_worker          (RapportDatabase           *self,
                                                        GError                   **error);
const char      *rapport_database_get_path             (RapportDatabase           *self);
gboolean         rapport_database_is_read_only         (RapportDatabase           *self);
int              rapport_database_get_schema_version   (RapportDatabase           *self);
int              rapport_database_get_latest_version   (void);
/* The change bus of every connection to this file: what any of them
 * commits reaches the views through it. */
RapportChangeBus *rapport_database_get_change_bus      (RapportDatabase           *self);
void             rapport_database_take_ownership       (RapportDatabase           *self);
gboolean         rapport_database_backup_to            (RapportDatabase           *self,
                                                        const char                *dest_path,
                                                        GCancellable              *cancellable,
                                                        GError                   **error);
gboolean         rapport_database_restore_from         (RapportDatabase           *self,
                                                        const char                *backup_path,
                                                        GCancellable              *cancellable,
                                                        GError                   **error);
/* Runs @func inside one transaction: every repository call it makes joins it,
 * change notifications are sent after the commit (none after a rollback). For
 * bulk work such as demo data; @func returns FALSE and sets @error to roll back. */
typedef gboolean (*RapportTransactionFunc) (RapportDatabase  *db,
                                            gpointer          user_data,
                                            GError          **error);
gboolean         rapport_database_run_in_transaction (RapportDatabase        *self,
                                                      RapportTransactionFunc  func,
                                                      gpointer                user_data,
                                                      GError                **error);
gboolean         rapport_database_verify_file          (const char                *path,
                                                        GError                   **error);

/* quick_check of the whole file. rapport_database_open() runs it for files up
 * to 32 MiB; for bigger ones it checks only the structure, is_checked() is
 * FALSE, and the caller runs check() on a worker connection in a thread (a
 * CORRUPT error then means the same as on open). Cancellable. */
gboolean         rapport_database_check                (RapportDatabase           *self,
                                                        GCancellable              *cancellable,
                                                        GError                   **error);
gboolean         rapport_database_is_checked           (RapportDatabase           *self);

/* The clock that stamps created-at / updated-at / deleted-at (default:
 * rapport_clock_get_default ()). Workers opened later share it. */
void             rapport_database_set_clock            (RapportDatabase           *self,
                                                        RapportClock              *clock);
RapportClock    *rapport_database_get_clock            (RapportDatabase           *self);
/* Country calling code (digits, e.g. "86", the default) for phone numbers
 * entered without one. Every connection to the file shares it, workers
 * included; any thread may read it. */
void             rapport_database_set_default_country_code (RapportDatabase       *self,
                                                            const char            *country_code);
const char      *rapport_database_get_default_country_code (RapportDatabase       *self);

G_END_DECLS
