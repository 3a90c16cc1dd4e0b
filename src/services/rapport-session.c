/* rapport-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-session"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-derived.h"
#include "rapport-churn-check.h"
#include "rapport-greetings.h"
#include "rapport-outbox.h"
#include "rapport-reminders.h"
#include "rapport-scheduler.h"
#include "rapport-session.h"
#include "rapport-tier-recompute.h"

struct _RapportSession
{
  GObject                   parent_instance;

  char                     *path;
  char                     *backup_dir;
  RapportDatabaseOpenFlags  flags;
  gboolean                  is_demo;
  gboolean                  integrity_checked;
  gboolean                  rebuilding;
  double                    rebuild_progress;
  RapportSessionState       state;
  char                     *opening_step;

  RapportClock             *clock;
  RapportDatabase          *db;
  RapportBackupManager     *backup_manager;
  RapportScheduler         *scheduler;
  RapportReminders         *reminders;
  RapportChurnCheck        *churn_check;
  RapportTierRecompute     *tier_recompute;
  RapportOutbox            *outbox;
  RapportGreetings         *greetings;
  guint                     reminder_catch_up_days;
  GCancellable             *cancellable;

  char                     *default_country_code;
  char                     *default_currency;
  char                     *customer_sort;
  char                     *send_window_start;
  char                     *send_window_end;
  gboolean                  automatic_backups;
  guint                     backups_to_keep;
  RapportChurnRules         churn_rules;   /* default_currency unused: the session's */
  RapportServiceTargets     service_targets;
  RapportTierRules          tier_rules;
};

G_DEFINE_FINAL_TYPE (RapportSession, rapport_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (RapportSessionState, rapport_session_state,
  G_DEFINE_ENUM_VALUE (RAPPORT_SESSION_STATE_NEW, "new"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SESSION_STATE_OPENING, "opening"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SESSION_STATE_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SESSION_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SESSION_STATE_CLOSED, "closed"))

enum {
  PROP_0,
  PROP_PATH,
  PROP_FLAGS,
  PROP_BACKUP_DIR,
  PROP_IS_DEMO,
  PROP_STATE,
  PROP_OPENING_STEP,
  PROP_DATABASE,
  PROP_INTEGRITY_CHECKED,
  PROP_REBUILDING,
  PROP_REBUILD_PROGRESS,
  PROP_DEFAULT_COUNTRY_CODE,
  PROP_DEFAULT_CURRENCY,
  PROP_CUSTOMER_SORT,
  PROP_SEND_WINDOW_START,
  PROP_SEND_WINDOW_END,
  PROP_AUTOMATIC_BACKUPS,
  PROP_BACKUPS_TO_KEEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DAMAGED,
  CHURN_RULES_CHANGED,
  TIER_RULES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The open, on a worker thread */

typedef struct
{
  char                     *path;
  char                     *backup_dir;
  RapportDatabaseOpenFlags  flags;
  GWeakRef                  session;
  GMainContext             *context;
} OpenJob;

typedef struct
{
  GWeakRef                 session;
  RapportDatabaseOpenStep  step;
} StepReport;

static void
open_job_free (gpointer data)
{
  OpenJob *job = data;

  g_free (job->path);
  g_free (job->backup_dir);
  g_weak_ref_clear (&job->session);
  g_main_context_unref (job->context);
  g_free (job);
}

static void
step_report_free (gpointer data)
{
  StepReport *report = data;

  g_weak_ref_clear (&report->session);
  g_free (report);
}

static const char *
describe_step (RapportDatabaseOpenStep step)
{
  switch (step)
    {
    case RAPPORT_DATABASE_OPEN_STEP_CHECKING:
      return _("Checking the database…");
    case RAPPORT_DATABASE_OPEN_STEP_BACKING_UP:
      return _("Backing up before the upgrade…");
    case RAPPORT_DATABASE_OPEN_STEP_UPGRADING:
      return _("Upgrading the database…");
    default:
      g_assert_not_reached ();
    }
}

static void
set_opening_step (RapportSession *self,
                  const char     *step)
{
  if (g_strcmp0 (self->opening_step, step) == 0)
    return;

  g_free (self->opening_step);
  self->opening_step = g_strdup (step);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING_STEP]);
}

static gboolean
report_step_cb (gpointer data)
{
  StepReport *report = data;
  g_autoptr (RapportSession) self = g_weak_ref_get (&report->session);

  if (self != NULL && self->state == RAPPORT_SESSION_STATE_OPENING)
    set_opening_step (self, describe_step (report->step));

  return G_SOURCE_REMOVE;
}

/* Runs on the worker. */
static void
open_progress_cb (RapportDatabaseOpenStep  step,
                  gpointer                 user_data)
{
  OpenJob *job = user_data;
  StepReport *report = g_new0 (StepReport, 1);
  g_autoptr (RapportSession) session = g_weak_ref_get (&job->session);

  g_weak_ref_init (&report->session, session);
  report->step = step;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_step_cb, report, step_report_free);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  RapportDatabase *db;
  GError *error = NULL;

  db = rapport_database_open_with_progress (job->path, job->flags, job->backup_dir,
                                            open_progress_cb, job, &error);
  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

/* The integrity check of a big file, after the session opened */

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (rapport_database_check (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (RapportSession) self = user_data;
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("“%s” passed its integrity check", self->path);
      self->integrity_checked = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTEGRITY_CHECKED]);
      return;
    }

  if (g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CORRUPT) ||
      g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_DATABASE))
    {
      if (self->state == RAPPORT_SESSION_STATE_OPEN)
        g_signal_emit (self, signals[DAMAGED], 0, error);
    }
  else if (!g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED))
    {
      g_warning ("Could not check “%s”: %s", self->path, error->message);
    }
}

/* A file too big to check in full on open is checked now, on a worker
 * connection, the book already usable. (Opened read-only, the user has chosen
 * to look at it whatever its state.) */
static void
start_check_if_needed (RapportSession *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (GTask) task = NULL;

  if (rapport_database_is_checked (self->db))
    {
      self->integrity_checked = TRUE;
      return;
    }

  if (rapport_database_is_read_only (self->db))
    return;

  worker = rapport_database_open_worker (self->db, &error);
  if (worker == NULL)
    {
      g_warning ("Could not check “%s”: %s", self->path, error->message);
      return;
    }

  task = g_task_new (NULL, self->cancellable, check_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_check_if_needed);
  g_task_set_task_data (task, g_steal_pointer (&worker), g_object_unref);
  g_task_run_in_thread (task, check_thread);
}

/* Rebuilding what is derived from the rows (search index, sort keys) */

static void start_rebuild_if_stale (RapportSession *self);

static void
set_rebuilding (RapportSession *self,
                gboolean        rebuilding,
                double          progress)
{
  if (self->rebuild_progress != progress)
    {
      self->rebuild_progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REBUILD_PROGRESS]);
    }

  if (self->rebuilding != rebuilding)
    {
      self->rebuilding = rebuilding;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REBUILDING]);
    }
}

static void
rebuild_progress_cb (guint    done,
                     guint    total,
                     gpointer user_data)
{
  RapportSession *self = user_data;

  if (self->rebuilding)
    set_rebuilding (self, TRUE, total > 0 ? MIN (1.0, (double) done / total) : 0.0);
}

static void
rebuilt_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (RapportSession) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!rapport_derived_rebuild_finish (RAPPORT_DATABASE (source), result, &error))
    {
      set_rebuilding (self, FALSE, 0.0);
      /* Closed meanwhile: whatever stopped it no longer matters. */
      if (self->state == RAPPORT_SESSION_STATE_OPEN &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED))
        g_warning ("Could not rebuild the search index of “%s”: %s", self->path, error->message);
      return;
    }

  set_rebuilding (self, FALSE, 1.0);

  /* The country code may have changed after the rebuild last looked. */
  if (self->state == RAPPORT_SESSION_STATE_OPEN)
    start_rebuild_if_stale (self);
}

/* When this build's tokeniser, collation or the default country code differ
 * from what the file's index and sort keys were made with, they are rebuilt
 * on a worker in short transactions; the book stays usable meanwhile. */
static void
start_rebuild_if_stale (RapportSession *self)
{
  g_autoptr (GError) error = NULL;
  RapportDerivedFlags stale;

  if (self->rebuilding || self->db == NULL || rapport_database_is_read_only (self->db))
    return;

  stale = rapport_derived_get_stale (self->db, &error);
  if (error != NULL)
    {
      g_warning ("Could not tell whether “%s” needs its search index rebuilt: %s", self->path, error->message);
      return;
    }

  if (stale == RAPPORT_DERIVED_NONE)
    return;

  set_rebuilding (self, TRUE, 0.0);
  rapport_derived_rebuild_async (self->db, stale, rebuild_progress_cb, self, self->cancellable,
                                 rebuilt_cb, g_object_ref (self));
}

/* Data replaced whole (a backup restored, an import) may come from another
 * build's rules: its index and sort keys are checked again. */
static void
changes_cb (RapportSession *self,
            GArray         *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      if (change->change == RAPPORT_CHANGE_RELOADED && change->kind == RAPPORT_ENTITY_KIND_CUSTOMER)
        {
          start_rebuild_if_stale (self);
          return;
        }
    }
}

/* Helpers */

static void
set_state (RapportSession      *self,
           RapportSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
apply_backup_settings (RapportSession *self)
{
  if (self->backup_manager == NULL)
    return;

  rapport_backup_manager_set_keep (self->backup_manager, MAX (1, self->backups_to_keep));
  rapport_backup_manager_set_automatic (self->backup_manager, self->automatic_backups);
}

/* The database is open: it belongs to this thread from now on. */
static void
adopt_database (RapportSession  *self,
                RapportDatabase *db)
{
  g_set_object (&self->db, db);
  g_signal_connect_object (rapport_database_get_change_bus (db), "changed",
                           G_CALLBACK (changes_cb), self, G_CONNECT_SWAPPED);
  if (self->clock != NULL)
    rapport_database_set_clock (db, self->clock);
  rapport_database_set_default_country_code (db, self->default_country_code);

  if (self->backup_dir != NULL && !self->is_demo && !rapport_database_is_read_only (db))
    {
      /* Settings first: the manager looks for a due backup once it exists. */
      self->backup_manager = rapport_backup_manager_new (db, self->backup_dir);
      apply_backup_settings (self);
    }

  self->scheduler = rapport_scheduler_new (rapport_session_get_clock (self));
  /* Sample data's customers are made up: its follow-ups are on the Today
   * page, not in notifications about people who do not exist. */
  self->reminders = rapport_reminders_new (db, self->scheduler, !self->is_demo);
  rapport_reminders_set_catch_up_days (self->reminders, self->reminder_catch_up_days);
  self->churn_check = rapport_churn_check_new (self);
  self->tier_recompute = rapport_tier_recompute_new (self);
  /* Sample data's people do not exist, and a read-only file cannot record
   * what was sent: no outbox for either. */
  if (!self->is_demo && !rapport_database_is_read_only (db))
    self->outbox = rapport_outbox_new (self);
  self->greetings = rapport_greetings_new (self);

  set_opening_step (self, NULL);
  set_state (self, RAPPORT_SESSION_STATE_OPEN);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);

  start_check_if_needed (self);
  start_rebuild_if_stale (self);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RapportSession *self = g_task_get_source_object (task);
  g_autoptr (RapportDatabase) db = NULL;
  GError *error = NULL;

  db = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed while it was opening: the connection goes unused. */
  if (self->state != RAPPORT_SESSION_STATE_OPENING)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The database was closed while it was opening"));
      return;
    }

  if (db == NULL)
    {
      set_opening_step (self, NULL);
      set_state (self, RAPPORT_SESSION_STATE_FAILED);
      g_task_return_error (task, error);
      return;
    }

  rapport_database_take_ownership (db);
  adopt_database (self, db);
  g_task_return_boolean (task, TRUE);
}

/* GObject */

static void
rapport_session_dispose (GObject *object)
{
  RapportSession *self = RAPPORT_SESSION (object);

  rapport_session_close (self);

  G_OBJECT_CLASS (rapport_session_parent_class)->dispose (object);
}

static void
rapport_session_finalize (GObject *object)
{
  RapportSession *self = RAPPORT_SESSION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_dir, g_free);
  g_clear_pointer (&self->opening_step, g_free);
  g_clear_pointer (&self->default_country_code, g_free);
  g_clear_pointer (&self->default_currency, g_free);
  g_clear_pointer (&self->customer_sort, g_free);
  g_clear_pointer (&self->send_window_start, g_free);
  g_clear_pointer (&self->send_window_end, g_free);

  G_OBJECT_CLASS (rapport_session_parent_class)->finalize (object);
}

static void
set_string_property (RapportSession  *self,
                     char           **field,
                     const char      *value,
                     const char      *fallback,
                     int              prop)
{
  if (value == NULL || value[0] == '\0')
    value = fallback;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
rapport_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RapportSession *self = RAPPORT_SESSION (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_FLAGS:
      g_value_set_int (value, self->flags);
      break;
    case PROP_BACKUP_DIR:
      g_value_set_string (value, self->backup_dir);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_OPENING_STEP:
      g_value_set_string (value, self->opening_step);
      break;
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_INTEGRITY_CHECKED:
      g_value_set_boolean (value, self->integrity_checked);
      break;
    case PROP_REBUILDING:
      g_value_set_boolean (value, self->rebuilding);
      break;
    case PROP_REBUILD_PROGRESS:
      g_value_set_double (value, self->rebuild_progress);
      break;
    case PROP_DEFAULT_COUNTRY_CODE:
      g_value_set_string (value, self->default_country_code);
      break;
    case PROP_DEFAULT_CURRENCY:
      g_value_set_string (value, self->default_currency);
      break;
    case PROP_CUSTOMER_SORT:
      g_value_set_string (value, self->customer_sort);
      break;
    case PROP_SEND_WINDOW_START:
      g_value_set_string (value, self->send_window_start);
      break;
    case PROP_SEND_WINDOW_END:
      g_value_set_string (value, self->send_window_end);
      break;
    case PROP_AUTOMATIC_BACKUPS:
      g_value_set_boolean (value, self->automatic_backups);
      break;
    case PROP_BACKUPS_TO_KEEP:
      g_value_set_int (value, self->backups_to_keep);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RapportSession *self = RAPPORT_SESSION (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_FLAGS:
      self->flags = g_value_get_int (value);
      break;
    case PROP_BACKUP_DIR:
      self->backup_dir = g_value_dup_string (value);
      break;
    case PROP_IS_DEMO:
      self->is_demo = g_value_get_boolean (value);
      break;
    case PROP_DEFAULT_COUNTRY_CODE:
      rapport_session_set_default_country_code (self, g_value_get_string (value));
      break;
    case PROP_DEFAULT_CURRENCY:
      rapport_session_set_default_currency (self, g_value_get_string (value));
      break;
    case PROP_CUSTOMER_SORT:
      rapport_session_set_customer_sort (self, g_value_get_string (value));
      break;
    case PROP_SEND_WINDOW_START:
      set_string_property (self, &self->send_window_start, g_value_get_string (value), "08:00",
                           PROP_SEND_WINDOW_START);
      break;
    case PROP_SEND_WINDOW_END:
      set_string_property (self, &self->send_window_end, g_value_get_string (value), "21:00",
                           PROP_SEND_WINDOW_END);
      break;
    case PROP_AUTOMATIC_BACKUPS:
      if (self->automatic_backups != g_value_get_boolean (value))
        {
          self->automatic_backups = g_value_get_boolean (value);
          apply_backup_settings (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_BACKUPS_TO_KEEP:
      if (self->backups_to_keep != (guint) g_value_get_int (value))
        {
          self->backups_to_keep = g_value_get_int (value);
          apply_backup_settings (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_session_class_init (RapportSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_session_dispose;
  object_class->finalize = rapport_session_finalize;
  object_class->get_property = rapport_session_get_property;
  object_class->set_property = rapport_session_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLAGS] =
    g_param_spec_int ("flags", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKUP_DIR] =
    g_param_spec_string ("backup-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, RAPPORT_TYPE_SESSION_STATE, RAPPORT_SESSION_STATE_NEW,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPENING_STEP] =
    g_param_spec_string ("opening-step", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RAPPORT_TYPE_DATABASE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTEGRITY_CHECKED] =
    g_param_spec_boolean ("integrity-checked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REBUILDING] =
    g_param_spec_boolean ("rebuilding", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REBUILD_PROGRESS] =
    g_param_spec_double ("rebuild-progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_COUNTRY_CODE] =
    g_param_spec_string ("default-country-code", NULL, NULL, "86",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_CURRENCY] =
    g_param_spec_string ("default-currency", NULL, NULL, "CNY",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_SORT] =
    g_param_spec_string ("customer-sort", NULL, NULL, "name",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Automatic sends (greetings) only go out between these, "HH:MM" local. */
  properties[PROP_SEND_WINDOW_START] =
    g_param_spec_string ("send-window-start", NULL, NULL, "08:00",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEND_WINDOW_END] =
    g_param_spec_string ("send-window-end", NULL, NULL, "21:00",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOMATIC_BACKUPS] =
    g_param_spec_boolean ("automatic-backups", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKUPS_TO_KEEP] =
    g_param_spec_int ("backups-to-keep", NULL, NULL, 1, 60, 7,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportSession::damaged:
   * @self: the session
   * @error: what the integrity check found
   *
   * The integrity check run after a big file opened found damage: nothing
   * more should be written to it. The session is still open; its owner
   * closes it and tells the user.
   */
  signals[DAMAGED] =
    g_signal_new ("damaged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR);

  /* The churn warning's thresholds or multiple changed (the default
   * currency, which values at-risk customers, has its own notify). */
  signals[CHURN_RULES_CHANGED] =
    g_signal_new ("churn-rules-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* The value tiers' rules changed (rapport_session_set_tier_rules). */
  signals[TIER_RULES_CHANGED] =
    g_signal_new ("tier-rules-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rapport_session_init (RapportSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->default_country_code = g_strdup ("86");
  self->default_currency = g_strdup ("CNY");
  self->customer_sort = g_strdup ("name");
  self->send_window_start = g_strdup ("08:00");
  self->send_window_end = g_strdup ("21:00");
  self->automatic_backups = TRUE;
  self->backups_to_keep = 7;
  self->reminder_catch_up_days = RAPPORT_REMINDERS_DEFAULT_CATCH_UP_DAYS;
  self->churn_rules = (RapportChurnRules) {
    .threshold_days = { 30, 60, 90, 180 },
    .gap_multiple = 2.0,
  };
  rapport_service_targets_init_default (&self->service_targets);
  {
    g_autoptr (RapportTierRules) tier_rules = rapport_tier_rules_new_default ();

    self->tier_rules = *tier_rules;
  }
}

/* Public API */

RapportSession *
rapport_session_new (const char               *path,
                     RapportDatabaseOpenFlags  flags,
                     const char               *backup_dir)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (RAPPORT_TYPE_SESSION,
                       "path", path,
                       "flags", (int) flags,
                       "backup-dir", backup_dir,
                       NULL);
}

/**
 * rapport_session_new_for_database:
 * @db: an open database, used on this thread
 * @backup_dir: (nullable): where its backups go
 * @is_demo: whether @db is throw-away sample data (never backed up)
 *
 * Returns: (transfer full): an open session around @db
 */
RapportSession *
rapport_session_new_for_database (RapportDatabase *db,
                                  const char      *backup_dir,
                                  gboolean         is_demo)
{
  RapportSession *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);

  self = g_object_new (RAPPORT_TYPE_SESSION,
                       "path", rapport_database_get_path (db),
                       "flags", (int) (rapport_database_is_read_only (db) ? RAPPORT_DATABASE_OPEN_READ_ONLY
                                                                         : RAPPORT_DATABASE_OPEN_DEFAULT),
                       "backup-dir", backup_dir,
                       "is-demo", is_demo,
                       NULL);
  self->clock = g_object_ref (rapport_database_get_clock (db));
  g_free (self->default_country_code);
  self->default_country_code = g_strdup (rapport_database_get_default_country_code (db));
  adopt_database (self, db);

  return self;
}

void
rapport_session_open_async (RapportSession      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) worker_task = NULL;
  OpenJob *job;

  g_return_if_fail (RAPPORT_IS_SESSION (self));
  g_return_if_fail (self->state == RAPPORT_SESSION_STATE_NEW);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_session_open_async);

  job = g_new0 (OpenJob, 1);
  job->path = g_strdup (self->path);
  job->backup_dir = g_strdup (self->backup_dir);
  job->flags = self->flags;
  g_weak_ref_init (&job->session, self);
  job->context = g_main_context_ref_thread_default ();

  set_state (self, RAPPORT_SESSION_STATE_OPENING);

  /* The worker's task has no source object: it may be the last to let go of
   * it, and must not finalize the session on its thread. */
  worker_task = g_task_new (NULL, NULL, opened_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker_task, open_thread);
  g_task_set_task_data (worker_task, job, open_job_free);
  g_task_run_in_thread (worker_task, open_thread);
}

gboolean
rapport_session_open_finish (RapportSession  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rapport_session_close (RapportSession *self)
{
  g_return_if_fail (RAPPORT_IS_SESSION (self));

  if (self->state == RAPPORT_SESSION_STATE_CLOSED)
    return;

  g_cancellable_cancel (self->cancellable);
  if (self->greetings != NULL)
    rapport_greetings_stop (self->greetings);
  g_clear_object (&self->greetings);
  if (self->outbox != NULL)
    rapport_outbox_stop (self->outbox);
  g_clear_object (&self->outbox);
  if (self->tier_recompute != NULL)
    rapport_tier_recompute_stop (self->tier_recompute);
  g_clear_object (&self->tier_recompute);
  if (self->churn_check != NULL)
    rapport_churn_check_stop (self->churn_check);
  g_clear_object (&self->churn_check);
  if (self->reminders != NULL)
    rapport_reminders_stop (self->reminders);
  g_clear_object (&self->reminders);
  if (self->scheduler != NULL)
    rapport_scheduler_stop (self->scheduler);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->backup_manager);
  g_clear_object (&self->db);
  set_state (self, RAPPORT_SESSION_STATE_CLOSED);
}

RapportSessionState
rapport_session_get_state (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), RAPPORT_SESSION_STATE_CLOSED);

  return self->state;
}

const char *
rapport_session_get_opening_step (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->opening_step;
}

const char *
rapport_session_get_path (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->path;
}

RapportDatabaseOpenFlags
rapport_session_get_flags (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), 0);

  return self->flags;
}

gboolean
rapport_session_get_is_demo (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), FALSE);

  return self->is_demo;
}

gboolean
rapport_session_get_read_only (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), TRUE);

  if (self->db != NULL)
    return rapport_database_is_read_only (self->db);

  return (self->flags & RAPPORT_DATABASE_OPEN_READ_ONLY) != 0;
}

/**
 * rapport_session_get_integrity_checked:
 *
 * Returns: whether the whole file passed SQLite's quick_check: on open for a
 *   file of ordinary size, in the background afterwards for a big one
 */
gboolean
rapport_session_get_integrity_checked (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), FALSE);

  return self->integrity_checked;
}

/**
 * rapport_session_get_rebuilding:
 *
 * Returns: whether the search index or the sort keys are being rebuilt
 *   (property "rebuilding"; "rebuild-progress" says how far, 0 to 1)
 */
gboolean
rapport_session_get_rebuilding (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), FALSE);

  return self->rebuilding;
}

double
rapport_session_get_rebuild_progress (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), 0.0);

  return self->rebuild_progress;
}

RapportDatabase *
rapport_session_get_database (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->db;
}

RapportBackupManager *
rapport_session_get_backup_manager (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->backup_manager;
}

GCancellable *
rapport_session_get_cancellable (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->cancellable;
}

/**
 * rapport_session_open_worker:
 *
 * Returns: (transfer full): a connection for one worker thread, sharing the
 *   session's change bus, clock and settings, or %NULL
 */
RapportDatabase *
rapport_session_open_worker (RapportSession  *self,
                             GError         **error)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->db == NULL)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANT_OPEN,
                           _("The database is not open"));
      return NULL;
    }

  return rapport_database_open_worker (self->db, error);
}

void
rapport_session_set_clock (RapportSession *self,
                           RapportClock   *clock)
{
  g_return_if_fail (RAPPORT_IS_SESSION (self));
  g_return_if_fail (RAPPORT_IS_CLOCK (clock));

  g_set_object (&self->clock, clock);
  if (self->db != NULL)
    rapport_database_set_clock (self->db, clock);
  if (self->scheduler != NULL)
    rapport_scheduler_set_clock (self->scheduler, clock);
}

RapportClock *
rapport_session_get_clock (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->clock != NULL ? self->clock : rapport_clock_get_default ();
}

/**
 * rapport_session_get_scheduler:
 *
 * Returns: (transfer none) (nullable): the session's one scheduler, while the
 *   session is open
 */
RapportScheduler *
rapport_session_get_scheduler (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->scheduler;
}

/**
 * rapport_session_get_reminders:
 *
 * Returns: (transfer none) (nullable): the reminders of follow-ups as
 *   notifications, while the session is open (a read-only or sample-data
 *   session takes none but still shows summaries)
 */
RapportReminders *
rapport_session_get_reminders (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->reminders;
}

/**
 * rapport_session_set_reminder_catch_up_days:
 * @days: reminders that fell due longer ago than this when taken (after a
 *   long time closed) are recorded without a notification
 */
void
rapport_session_set_reminder_catch_up_days (RapportSession *self,
                                            guint           days)
{
  g_return_if_fail (RAPPORT_IS_SESSION (self));

  self->reminder_catch_up_days = days;
  if (self->reminders != NULL)
    rapport_reminders_set_catch_up_days (self->reminders, days);
}

const char *
rapport_session_get_default_country_code (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->default_country_code;
}

/**
 * rapport_session_set_default_country_code:
 * @country_code: digits, e.g. "86"
 *
 * Takes effect at once on every connection to the file, workers included.
 */
void
rapport_session_set_default_country_code (RapportSession *self,
                                          const char     *country_code)
{
  g_return_if_fail (RAPPORT_IS_SESSION (self));

  if (country_code == NULL || country_code[0] == '\0')
    country_code = "86";
  if (country_code[0] == '+')
    country_code++;

  if (g_strcmp0 (self->default_country_code, country_code) == 0)
    return;

  g_free (self->default_country_code);
  self->default_country_code = g_strdup (country_code);
  if (self->db != NULL)
    {
      rapport_database_set_default_country_code (self->db, country_code);
      /* Phone numbers are indexed as dialled in the default country. A
       * rebuild running now notices the change itself. */
      start_rebuild_if_stale (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_COUNTRY_CODE]);
}

const char *
rapport_session_get_default_currency (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->default_currency;
}

void
rapport_session_set_default_currency (RapportSession *self,
                                      const char     *currency)
{
  g_return_if_fail (RAPPORT_IS_SESSION (self));

  if (currency == NULL || currency[0] == '\0')
    currency = "CNY";

  if (g_strcmp0 (self->default_currency, currency) == 0)
    return;

  g_free (self->default_currency);
  self->default_currency = g_strdup (currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_CURRENCY]);
}

const char *
rapport_session_get_customer_sort (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->customer_sort;
}

void
rapport_session_set_customer_sort (RapportSession *self,
                                   const char     *sort)
{
  g_return_if_fail (RAPPORT_IS_SESSION (self));

  if (sort == NULL || sort[0] == '\0')
    sort = "name";

  if (g_strcmp0 (self->customer_sort, sort) == 0)
    return;

  g_free (self->customer_sort);
  self->customer_sort = g_strdup (sort);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_SORT]);
}

/**
 * rapport_session_set_churn_rules:
 * @rules: thresholds by tier and the gap multiple; its default_currency is
 *   ignored (the session's default currency values customers)
 *
 * Copied in. Emits "churn-rules-changed" when they differ.
 */
void
rapport_session_set_churn_rules (RapportSession          *self,
                                 const RapportChurnRules *rules)
{
  g_return_if_fail (RAPPORT_IS_SESSION (self));
  g_return_if_fail (rules != NULL);
  g_return_if_fail (rules->gap_multiple > 0);

  if (memcmp (self->churn_rules.threshold_days, rules->threshold_days, sizeof rules->threshold_days) == 0 &&
      self->churn_rules.gap_multiple == rules->gap_multiple)
    return;

  memcpy (self->churn_rules.threshold_days, rules->threshold_days, sizeof rules->threshold_days);
  self->churn_rules.gap_multiple = rules->gap_multiple;
  g_signal_emit (self, signals[CHURN_RULES_CHANGED], 0);
}

/**
 * rapport_session_dup_churn_rules:
 *
 * Returns: (transfer full): the churn rules with the session's default
 *   currency; free with rapport_churn_rules_free()
 */
/**
 * rapport_session_get_churn_check:
 *
 * Returns: (transfer none) (nullable): the daily churn check, while open
 */
RapportChurnCheck *
rapport_session_get_churn_check (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->churn_check;
}

RapportChurnRules *
rapport_session_dup_churn_rules (RapportSession *self)
{
  RapportChurnRules *rules;

  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  rules = g_new (RapportChurnRules, 1);
  *rules = self->churn_rules;
  rules->default_currency = g_strdup (self->default_currency);

  return rules;
}

/**
 * rapport_session_set_service_targets:
 * @targets: the hours to resolve a request, per priority; copied in
 */
void
rapport_session_set_service_targets (RapportSession              *self,
                                     const RapportServiceTargets *targets)
{
  g_return_if_fail (RAPPORT_IS_SESSION (self));
  g_return_if_fail (targets != NULL);

  self->service_targets = *targets;
}

/**
 * rapport_session_get_service_targets:
 * @out_targets: (out caller-allocates): where the targets are copied
 */
void
rapport_session_get_service_targets (RapportSession        *self,
                                     RapportServiceTargets *out_targets)
{
  g_return_if_fail (RAPPORT_IS_SESSION (self));
  g_return_if_fail (out_targets != NULL);

  *out_targets = self->service_targets;
}

/**
 * rapport_session_dup_tier_rules:
 *
 * Returns: (transfer full): the value tiers' rules (the defaults until the
 *   application sets them)
 */
RapportTierRules *
rapport_session_dup_tier_rules (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return rapport_tier_rules_copy (&self->tier_rules);
}

static gboolean
tier_rules_equal (const RapportTierRules *a,
                  const RapportTierRules *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (a->share); i++)
    if (a->share[i] != b->share[i] || a->amount[i] != b->amount[i])
      return FALSE;

  return a->basis == b->basis && a->period_months == b->period_months;
}

/**
 * rapport_session_set_tier_rules:
 * @rules: the rules; copied in
 *
 * Returns: %FALSE with a #RAPPORT_VALIDATION_ERROR when @rules are not
 *   valid (the rules in force stay)
 */
gboolean
rapport_session_set_tier_rules (RapportSession          *self,
                                const RapportTierRules  *rules,
                                GError                 **error)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rapport_tier_rules_validate (rules, error))
    return FALSE;

  if (tier_rules_equal (&self->tier_rules, rules))
    return TRUE;

  self->tier_rules = *rules;
  g_signal_emit (self, signals[TIER_RULES_CHANGED], 0);

  return TRUE;
}

/**
 * rapport_session_get_tier_recompute:
 *
 * Returns: (transfer none) (nullable): the tiers' recomputation, while open
 */
RapportTierRecompute *
rapport_session_get_tier_recompute (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->tier_recompute;
}

void
rapport_churn_rules_free (RapportChurnRules *rules)
{
  if (rules == NULL)
    return;

  g_free (rules->default_currency);
  g_free (rules);
}

/**
 * rapport_session_get_outbox:
 *
 * Returns: (transfer none) (nullable): the outbox's sender while OPEN; none
 *   for sample data or a read-only file
 */
RapportOutbox *
rapport_session_get_outbox (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->outbox;
}

const char *
rapport_session_get_send_window_start (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->send_window_start;
}

const char *
rapport_session_get_send_window_end (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->send_window_end;
}

/**
 * rapport_session_get_greetings:
 *
 * Returns: (transfer none) (nullable): the automatic greetings, while OPEN
 */
RapportGreetings *
rapport_session_get_greetings (RapportSession *self)
{
  g_return_val_if_fail (RAPPORT_IS_SESSION (self), NULL);

  return self->greetings;
}
