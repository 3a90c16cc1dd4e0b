/* rapport-session.h
 *
 * One session per open database file, owned by the application rather than by
 * a window: the main connection (opened, checked and migrated on a worker
 * thread), the worker connections, the backup manager, the integrity check of
 * a big file, and the settings every connection uses. Windows are views of a
 * session; what must go on while no window is open (backups, and later the
 * reminders and the outbox) hangs off it.
 *
 * Settings reach a session from their one owner (the application binds its
 * GSettings to the session's properties); the store never reads GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-backup-manager.h"
#include "rapport-churn-check.h"
#include "rapport-database.h"
#include "rapport-greetings.h"
#include "rapport-outbox.h"
#include "rapport-reminders.h"
#include "rapport-scheduler.h"
#include "rapport-service-priority.h"
#include "rapport-store.h"
#include "rapport-tier-recompute.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_SESSION_STATE_NEW,
  RAPPORT_SESSION_STATE_OPENING,
  RAPPORT_SESSION_STATE_OPEN,
  RAPPORT_SESSION_STATE_FAILED,
  RAPPORT_SESSION_STATE_CLOSED,
} RapportSessionState;

#define RAPPORT_TYPE_SESSION_STATE (rapport_session_state_get_type ())
GType rapport_session_state_get_type (void) G_GNUC_CONST;

#define RAPPORT_TYPE_SESSION (rapport_session_get_type ())

G_DECLARE_FINAL_TYPE (RapportSession, rapport_session, RAPPORT, SESSION, GObject)

/* A session for @path, not opened yet. @backup_dir: (nullable) where its
 * backups go (none are made without one). */
RapportSession      *rapport_session_new                  (const char                *path,
                                                           RapportDatabaseOpenFlags   flags,
                                                           const char                *backup_dir);
/* A session around a database opened already (sample data, tests). */
RapportSession      *rapport_session_new_for_database     (RapportDatabase           *db,
                                                           const char                *backup_dir,
                                                           gboolean                   is_demo);

/* Opens, checks and migrates the file on a worker thread; property
 * "opening-step" says what it is doing. Then the session is OPEN (or
 * FAILED, the error in the result). */
void                 rapport_session_open_async           (RapportSession            *self,
                                                           GCancellable              *cancellable,
                                                           GAsyncReadyCallback        callback,
                                                           gpointer                   user_data);
gboolean             rapport_session_open_finish          (RapportSession            *self,
                                                           GAsyncResult              *result,
                                                           GError                   **error);
/* Cancels the session's work, lets go of its connections and its backup
 * manager. The sample-data file of a demo session is deleted once the last
 * connection is gone. */
void                 rapport_session_close                (RapportSession            *self);

RapportSessionState  rapport_session_get_state            (RapportSession            *self);
/* A translated line for the "Opening…" page ("Checking the database…"),
 * or NULL. */
const char          *rapport_session_get_opening_step     (RapportSession            *self);
const char          *rapport_session_get_path             (RapportSession            *self);
RapportDatabaseOpenFlags
                     rapport_session_get_flags            (RapportSession            *self);
gboolean             rapport_session_get_is_demo          (RapportSession            *self);
gboolean             rapport_session_get_read_only        (RapportSession            *self);
/* Property "integrity-checked": the whole file passed its check (a big
 * file's runs in the background after the open). */
gboolean             rapport_session_get_integrity_checked (RapportSession       *self);
/* Properties "rebuilding" and "rebuild-progress" (0 to 1): the search index
 * or the sort keys are being rebuilt in the background (a new tokeniser or
 * collation, or the default country code changed). */
gboolean             rapport_session_get_rebuilding       (RapportSession            *self);
double               rapport_session_get_rebuild_progress (RapportSession            *self);
/* (nullable): the main connection, once OPEN. */
RapportDatabase     *rapport_session_get_database         (RapportSession            *self);
/* (nullable): none for sample data or a read-only file. */
RapportBackupManager *rapport_session_get_backup_manager  (RapportSession            *self);
/* Cancelled when the session closes: the session's own work uses it. */
GCancellable        *rapport_session_get_cancellable      (RapportSession            *self);
/* A new connection to the file for one worker thread. */
RapportDatabase     *rapport_session_open_worker          (RapportSession            *self,
                                                           GError                   **error);

/* The clock of every connection (tests replace it before opening). */
void                 rapport_session_set_clock            (RapportSession            *self,
                                                           RapportClock              *clock);
RapportClock        *rapport_session_get_clock            (RapportSession            *self);
/* (nullable): the one scheduler of timed jobs (reminders, daily summaries),
 * while OPEN; stopped when the session closes. */
RapportScheduler    *rapport_session_get_scheduler        (RapportSession            *self);
/* (nullable): the reminders of follow-ups, while OPEN. */
RapportReminders    *rapport_session_get_reminders        (RapportSession            *self);
/* Reminders older than @days when taken are recorded silently (default 7). */
void                 rapport_session_set_reminder_catch_up_days (RapportSession      *self,
                                                                 guint                days);

/* Settings, as properties of the same names: "default-country-code",
 * "default-currency", "customer-sort", "automatic-backups",
 * "backups-to-keep". */
const char          *rapport_session_get_default_country_code (RapportSession        *self);
void                 rapport_session_set_default_country_code (RapportSession        *self,
                                                               const char            *country_code);
const char          *rapport_session_get_default_currency (RapportSession            *self);
void                 rapport_session_set_default_currency (RapportSession            *self,
                                                           const char                *currency);
const char          *rapport_session_get_customer_sort    (RapportSession            *self);
void                 rapport_session_set_customer_sort    (RapportSession            *self,
                                                           const char                *sort);

/* (nullable): the outbox's sender (rapport-outbox.h), while OPEN; none for
 * sample data or a read-only file. */
RapportOutbox       *rapport_session_get_outbox           (RapportSession            *self);
/* (nullable): the automatic greetings (rapport-greetings.h), while OPEN. */
RapportGreetings    *rapport_session_get_greetings        (RapportSession            *self);
/* Properties "send-window-start" and "send-window-end" ("HH:MM", local
 * time; default 08:00 and 21:00): when automatic sends may go out. */
const char          *rapport_session_get_send_window_start (RapportSession           *self);
const char          *rapport_session_get_send_window_end  (RapportSession            *self);
/* The churn warning's rules (the application binds the settings to them). */
void                 rapport_session_set_churn_rules      (RapportSession            *self,
                                                           const RapportChurnRules   *rules);
RapportChurnRules   *rapport_session_dup_churn_rules      (RapportSession            *self);
/* (nullable): the daily churn check (rapport-churn-check.h), while OPEN. */
RapportChurnCheck   *rapport_session_get_churn_check      (RapportSession            *self);
/* The service desk's targets: hours to resolve a request, per priority
 * (the application binds the settings to them; the defaults until then). A
 * new request's due time is computed from them. */
void                 rapport_session_set_service_targets  (RapportSession            *self,
                                                           const RapportServiceTargets *targets);
void                 rapport_session_get_service_targets  (RapportSession            *self,
                                                           RapportServiceTargets     *out_targets);
/* The value tiers' rules (the application keeps them and the settings in
 * step). set validates them (FALSE with a RAPPORT_VALIDATION_ERROR, nothing
 * changed) and emits "tier-rules-changed" when they differ, after which the
 * tiers are recomputed and the application writes the settings. */
RapportTierRules    *rapport_session_dup_tier_rules       (RapportSession            *self);
gboolean             rapport_session_set_tier_rules       (RapportSession            *self,
                                                           const RapportTierRules    *rules,
                                                           GError                   **error);
/* (nullable): the tiers' recomputation (rapport-tier-recompute.h), while OPEN. */
RapportTierRecompute *rapport_session_get_tier_recompute  (RapportSession            *self);
void                 rapport_churn_rules_free             (RapportChurnRules         *rules);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportChurnRules, rapport_churn_rules_free)

G_END_DECLS
