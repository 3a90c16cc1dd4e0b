/* rapport-outbox.c
 *
 * The thread waits on a condition until woken (a change to a message, the
 * scheduler's job for the next due one, rapport_outbox_wake), then drains
 * what is due and waits again. Only the thread writes the runner's side of
 * the outbox, on its own connection; the main thread only counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-outbox"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-outbox.h"
#include "rapport-secrets.h"
#include "rapport-sender.h"
#include "rapport-session.h"

#define DEFAULT_WINDOW_START (8 * 60)
#define DEFAULT_WINDOW_END (21 * 60)

/* Seconds before the next attempt after the n-th failed one. */
static const gint64 backoff_seconds[RAPPORT_OUTBOX_MAX_ATTEMPTS - 1] = {
  60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600,
};

struct _RapportOutbox
{
  GObject           parent_instance;

  RapportSession   *session;       /* unowned: it owns the outbox */
  RapportDatabase  *db;            /* the session's main connection */
  RapportScheduler *scheduler;     /* the session's */
  RapportClock     *clock;
  guint             job_id;
  GCancellable     *cancellable;
  char             *notice;
  guint             notice_idle;

  guint             n_queued;
  guint             n_failed;
  guint             n_unknown;
  guint             n_review;
  gboolean          sending;

  /* Shared with the thread, under lock. */
  GMutex            lock;
  GCond             cond;
  GThread          *thread;
  RapportDatabase  *worker;        /* the thread's alone once it runs */
  gboolean          wake_pending;
  gboolean          stopping;
  guint             window_start;
  guint             window_end;
  char             *ca_file;
};

G_DEFINE_FINAL_TYPE (RapportOutbox, rapport_outbox, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_QUEUED,
  PROP_N_FAILED,
  PROP_N_UNKNOWN,
  PROP_N_REVIEW,
  PROP_SENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The send window */

gboolean
rapport_outbox_parse_time (const char *text,
                           guint      *out_minutes)
{
  guint hours, minutes;

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  hours = (guint) (text[0] - '0') * 10 + (guint) (text[1] - '0');
  minutes = (guint) (text[3] - '0') * 10 + (guint) (text[4] - '0');
  if (hours > 23 || minutes > 59)
    return FALSE;

  *out_minutes = hours * 60 + minutes;
  return TRUE;
}

gboolean
rapport_outbox_in_send_window (gint64 when,
                               guint  start_minutes,
                               guint  end_minutes)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (when);
  guint minutes = (guint) (g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));

  if (start_minutes == end_minutes)
    return TRUE;
  if (start_minutes < end_minutes)
    return minutes >= start_minutes && minutes < end_minutes;
  return minutes >= start_minutes || minutes < end_minutes;
}

gint64
rapport_outbox_next_window_start (gint64 when,
                                  guint  start_minutes)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (when);

  for (int days = 0; days <= 2; days++)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (local, days);
      g_autoptr (GDateTime) at = g_date_time_new_local (g_date_time_get_year (day),
                                                        g_date_time_get_month (day),
                                                        g_date_time_get_day_of_month (day),
                                                        (int) start_minutes / 60, (int) start_minutes % 60, 0);

      if (g_date_time_to_unix (at) > when)
        return g_date_time_to_unix (at);
    }

  return when + 24 * 3600;
}

/* The thread */

typedef struct
{
  RapportOutbox   *self;
  RapportDatabase *worker;
  GCancellable    *cancellable;
  char            *ca_file;

  /* The batch: the sender of one account, or why it has none. */
  gint64           account_id;
  RapportSender   *sender;
  GError          *account_error;
  gboolean         account_error_final;
} Drain;

static void
drain_close_batch (Drain *drain)
{
  if (drain->sender != NULL)
    rapport_sender_close (drain->sender);
  g_clear_object (&drain->sender);
  g_clear_error (&drain->account_error);
  drain->account_id = 0;
  drain->account_error_final = FALSE;
}

/* The account @message goes through: its own, or the channel's default. */
static RapportAccount *
resolve_account (Drain           *drain,
                 RapportMessage  *message,
                 GError         **error)
{
  gint64 account_id = rapport_message_get_account_id (message);

  if (account_id != 0)
    return rapport_store_get_account (drain->worker, account_id, error);

  return rapport_store_get_default_account (drain->worker, rapport_message_get_channel (message), error);
}

/* Makes the sender of @account's batch, the secret looked up once for it. */
static void
drain_open_batch (Drain          *drain,
                  RapportAccount *account)
{
  g_autoptr (GError) error = NULL;
  char *secret = NULL;

  drain_close_batch (drain);
  drain->account_id = rapport_account_get_id (account);

  if (rapport_sender_account_needs_secret (account))
    {
      secret = rapport_secrets_lookup_sync (rapport_account_get_uuid (account), drain->cancellable, &error);
      if (error != NULL)
        {
          /* A locked keyring may be unlocked later: try again then. */
          drain->account_error = g_error_new_literal (RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_TEMPORARY,
                                                      error->message);
          return;
        }
      if (secret == NULL)
        {
          drain->account_error = g_error_new_literal (RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_NO_SECRET,
                                                      _("The account’s password or key is not in the keyring: enter it in Preferences"));
          drain->account_error_final = TRUE;
          return;
        }
    }

  drain->sender = rapport_sender_new (account, secret, &drain->account_error);
  rapport_secrets_free (secret);
  if (drain->sender == NULL)
    {
      drain->account_error_final = TRUE;
      return;
    }

  if (drain->ca_file != NULL)
    rapport_sender_set_ca_file (drain->sender, drain->ca_file);
  rapport_sender_set_clock (drain->sender, drain->self->clock);
}

/* Records the failure of @message's attempt: queued again after a back-off
 * when it may pass later and attempts are left, failed otherwise. */
static void
record_failure (Drain          *drain,
                RapportMessage *message,
                const GError   *failure,
                gboolean        temporary)
{
  g_autoptr (GError) error = NULL;
  guint attempts = rapport_message_get_attempts (message);
  gint64 retry_at = 0;

  if (temporary && attempts >= 1 && attempts < RAPPORT_OUTBOX_MAX_ATTEMPTS)
    retry_at = rapport_clock_now (drain->self->clock) + backoff_seconds[attempts - 1];

  g_debug ("Message %" G_GINT64_FORMAT " failed (attempt %u)%s", rapport_message_get_id (message),
           attempts, retry_at != 0 ? ", retried later" : "");

  if (!rapport_store_finish_message_failed (drain->worker, rapport_message_get_id (message),
                                            failure->message, retry_at, &error))
    g_warning ("Could not record a failed message: %s", error->message);
}

static void
send_one (Drain          *drain,
          RapportMessage *message)
{
  g_autoptr (RapportAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *provider_id = NULL;
  gint64 id = rapport_message_get_id (message);
  RapportOutgoing outgoing = {
    .recipient = rapport_message_get_recipient (message),
    .recipient_name = rapport_message_get_recipient_name (message),
    .subject = rapport_message_get_subject (message),
    .body = rapport_message_get_body (message),
    .message_uuid = rapport_message_get_uuid (message),
  };

  /* No account ("No mail account is set up: add one in Preferences"):
   * nothing to retry until the user adds one. */
  account = resolve_account (drain, message, &error);
  if (account == NULL)
    {
      drain_close_batch (drain);
      record_failure (drain, message, error, FALSE);
      return;
    }

  if (drain->account_id != rapport_account_get_id (account))
    drain_open_batch (drain, account);

  if (drain->account_error != NULL)
    {
      record_failure (drain, message, drain->account_error, !drain->account_error_final);
      return;
    }

  if (rapport_sender_send (drain->sender, &outgoing, drain->cancellable, &provider_id, &error))
    {
      g_autoptr (GError) store_error = NULL;

      if (!rapport_store_finish_message_sent (drain->worker, id, provider_id,
                                              rapport_clock_now (drain->self->clock), &store_error))
        g_warning ("Could not record a sent message: %s", store_error->message);
      return;
    }

  if (g_error_matches (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_UNCERTAIN) ||
      g_cancellable_is_cancelled (drain->cancellable))
    {
      g_autoptr (GError) store_error = NULL;
      const char *text = g_cancellable_is_cancelled (drain->cancellable)
                         ? _("Rapport stopped while sending: it may have been delivered")
                         : error->message;

      /* The connection broke after the message went out: it may have been
       * delivered, so only the user sends it again. */
      drain_close_batch (drain);
      if (!rapport_store_finish_message_uncertain (drain->worker, id, text, &store_error))
        g_warning ("Could not record a message in doubt: %s", store_error->message);
      return;
    }

  /* The connection may be unusable after a failure: the next message
   * opens a new one. */
  drain_close_batch (drain);
  record_failure (drain, message, error, rapport_send_error_is_temporary (error));
}

static void
drain_outbox (Drain *drain,
              guint  window_start,
              guint  window_end)
{
  while (!g_cancellable_is_cancelled (drain->cancellable))
    {
      g_autoptr (RapportMessage) message = NULL;
      g_autoptr (GError) error = NULL;
      gint64 now = rapport_clock_now (drain->self->clock);

      if (!rapport_outbox_in_send_window (now, window_start, window_end))
        {
          rapport_store_defer_automatic_messages (drain->worker,
                                                  rapport_outbox_next_window_start (now, window_start),
                                                  &error);
          if (error != NULL)
            {
              g_warning ("Could not hold greetings until the morning: %s", error->message);
              break;
            }
        }

      message = rapport_store_claim_next_message (drain->worker, now, &error);
      if (message == NULL)
        {
          if (error != NULL)
            g_warning ("Could not take a message from the outbox: %s", error->message);
          break;
        }

      send_one (drain, message);
    }

  drain_close_batch (drain);
}

static gpointer
outbox_thread (gpointer user_data)
{
  RapportOutbox *self = user_data;
  Drain drain = { .self = self, .cancellable = self->cancellable };

  g_mutex_lock (&self->lock);
  drain.worker = g_steal_pointer (&self->worker);

  while (!self->stopping)
    {
      guint window_start, window_end;

      while (!self->wake_pending && !self->stopping)
        g_cond_wait (&self->cond, &self->lock);
      if (self->stopping)
        break;

      self->wake_pending = FALSE;
      window_start = self->window_start;
      window_end = self->window_end;
      g_free (drain.ca_file);
      drain.ca_file = g_strdup (self->ca_file);
      g_mutex_unlock (&self->lock);

      drain_outbox (&drain, window_start, window_end);

      g_mutex_lock (&self->lock);
    }

  g_mutex_unlock (&self->lock);

  g_free (drain.ca_file);
  g_clear_object (&drain.worker);
  return NULL;
}

/* The main thread's side */

static void
set_count (RapportOutbox *self,
           guint         *field,
           guint          value,
           int            prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
update_counts (RapportOutbox *self)
{
  gboolean sending;

  if (self->db == NULL)
    return;

  set_count (self, &self->n_queued, rapport_store_count_messages (self->db, RAPPORT_MESSAGE_STATE_QUEUED), PROP_N_QUEUED);
  set_count (self, &self->n_failed, rapport_store_count_messages (self->db, RAPPORT_MESSAGE_STATE_FAILED), PROP_N_FAILED);
  set_count (self, &self->n_unknown, rapport_store_count_messages (self->db, RAPPORT_MESSAGE_STATE_UNKNOWN), PROP_N_UNKNOWN);
  set_count (self, &self->n_review, rapport_store_count_messages (self->db, RAPPORT_MESSAGE_STATE_REVIEW), PROP_N_REVIEW);

  sending = rapport_store_count_messages (self->db, RAPPORT_MESSAGE_STATE_SENDING) > 0;
  if (self->sending != sending)
    {
      self->sending = sending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
    }
}

static void
changed_cb (RapportOutbox *self,
            GArray        *changes)
{
  gboolean messages = FALSE;

  for (guint i = 0; i < changes->len && !messages; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      messages = change->kind == RAPPORT_ENTITY_KIND_MESSAGE ||
                 (change->change == RAPPORT_CHANGE_RELOADED && change->id == 0);
    }

  if (!messages)
    return;

  update_counts (self);
  rapport_outbox_wake (self);
  /* A retry's new due time, or a greeting held until the morning. */
  if (self->scheduler != NULL)
    rapport_scheduler_reschedule (self->scheduler);
}

static void
update_window (RapportOutbox *self)
{
  guint start = DEFAULT_WINDOW_START, end = DEFAULT_WINDOW_END;

  if (!rapport_outbox_parse_time (rapport_session_get_send_window_start (self->session), &start))
    start = DEFAULT_WINDOW_START;
  if (!rapport_outbox_parse_time (rapport_session_get_send_window_end (self->session), &end))
    end = DEFAULT_WINDOW_END;

  g_mutex_lock (&self->lock);
  self->window_start = start;
  self->window_end = end;
  g_mutex_unlock (&self->lock);
}

static void
window_changed_cb (RapportOutbox *self)
{
  update_window (self);
  rapport_outbox_wake (self);
}

static gint64
next_cb (gpointer user_data)
{
  RapportOutbox *self = user_data;

  if (self->db == NULL)
    return 0;

  return rapport_store_get_next_message_due (self->db);
}

static void
run_cb (RapportScheduler *scheduler,
        gint64            now,
        gpointer          user_data)
{
  rapport_outbox_wake (RAPPORT_OUTBOX (user_data));
}

static gboolean
emit_notice_cb (gpointer user_data)
{
  RapportOutbox *self = user_data;

  self->notice_idle = 0;
  g_signal_emit (self, signals[NOTICE], 0, self->notice);
  return G_SOURCE_REMOVE;
}

/* GObject */

static void
rapport_outbox_dispose (GObject *object)
{
  RapportOutbox *self = RAPPORT_OUTBOX (object);

  rapport_outbox_stop (self);

  G_OBJECT_CLASS (rapport_outbox_parent_class)->dispose (object);
}

static void
rapport_outbox_finalize (GObject *object)
{
  RapportOutbox *self = RAPPORT_OUTBOX (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (rapport_outbox_parent_class)->finalize (object);
}

static void
rapport_outbox_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportOutbox *self = RAPPORT_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_N_QUEUED:
      g_value_set_uint (value, self->n_queued);
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;
    case PROP_N_UNKNOWN:
      g_value_set_uint (value, self->n_unknown);
      break;
    case PROP_N_REVIEW:
      g_value_set_uint (value, self->n_review);
      break;
    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_outbox_class_init (RapportOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = rapport_outbox_dispose;
  object_class->finalize = rapport_outbox_finalize;
  object_class->get_property = rapport_outbox_get_property;

  properties[PROP_N_QUEUED] = g_param_spec_uint ("n-queued", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_UNKNOWN] = g_param_spec_uint ("n-unknown", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_REVIEW] = g_param_spec_uint ("n-review", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SENDING] = g_param_spec_boolean ("sending", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rapport_outbox_init (RapportOutbox *self)
{
  self->cancellable = g_cancellable_new ();
  self->window_start = DEFAULT_WINDOW_START;
  self->window_end = DEFAULT_WINDOW_END;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

/* Public API */

RapportOutbox *
rapport_outbox_new (RapportSession *session)
{
  g_autoptr (RapportOutbox) self = NULL;
  g_autoptr (GError) error = NULL;
  guint n_interrupted;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);
  g_return_val_if_fail (rapport_session_get_scheduler (session) != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_OUTBOX, NULL);
  self->session = session;
  self->db = rapport_session_get_database (session);
  self->scheduler = rapport_session_get_scheduler (session);
  self->clock = g_object_ref (rapport_session_get_clock (session));

  /* Before anything is sent: what a previous run left half-sent waits for
   * the user, never sent again by itself. */
  n_interrupted = rapport_store_recover_interrupted_messages (self->db, &error);
  if (error != NULL)
    g_warning ("Could not look for interrupted messages: %s", error->message);
  if (n_interrupted > 0)
    self->notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u message may or may not have been sent: see the Outbox",
                                                 "%u messages may or may not have been sent: see the Outbox",
                                                 n_interrupted),
                                    n_interrupted);

  self->worker = rapport_session_open_worker (session, &error);
  if (self->worker == NULL)
    {
      g_warning ("The outbox has no worker connection, nothing will be sent: %s", error->message);
      update_counts (self);
      return g_steal_pointer (&self);
    }

  update_window (self);
  g_signal_connect_object (session, "notify::send-window-start", G_CALLBACK (window_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::send-window-end", G_CALLBACK (window_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rapport_database_get_change_bus (self->db), "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);

  update_counts (self);
  self->thread = g_thread_new ("rapport-outbox", outbox_thread, self);
  self->job_id = rapport_scheduler_add_job (self->scheduler, "outbox", next_cb, run_cb, self, NULL);

  /* Said once the session's owner had a chance to listen. */
  if (self->notice != NULL)
    self->notice_idle = g_idle_add (emit_notice_cb, self);

  return g_steal_pointer (&self);
}

void
rapport_outbox_wake (RapportOutbox *self)
{
  g_return_if_fail (RAPPORT_IS_OUTBOX (self));

  g_mutex_lock (&self->lock);
  self->wake_pending = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
rapport_outbox_stop (RapportOutbox *self)
{
  g_return_if_fail (RAPPORT_IS_OUTBOX (self));

  g_clear_handle_id (&self->notice_idle, g_source_remove);
  if (self->job_id != 0 && self->scheduler != NULL)
    rapport_scheduler_remove_job (self->scheduler, self->job_id);
  self->job_id = 0;
  self->scheduler = NULL;

  if (self->db != NULL)
    g_signal_handlers_disconnect_by_data (rapport_database_get_change_bus (self->db), self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  g_cancellable_cancel (self->cancellable);
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (self->thread != NULL)
    g_thread_join (g_steal_pointer (&self->thread));

  self->db = NULL;
  self->session = NULL;
}

const char *
rapport_outbox_get_notice (RapportOutbox *self)
{
  g_return_val_if_fail (RAPPORT_IS_OUTBOX (self), NULL);

  return self->notice;
}

guint
rapport_outbox_get_n_queued (RapportOutbox *self)
{
  g_return_val_if_fail (RAPPORT_IS_OUTBOX (self), 0);

  return self->n_queued;
}

guint
rapport_outbox_get_n_failed (RapportOutbox *self)
{
  g_return_val_if_fail (RAPPORT_IS_OUTBOX (self), 0);

  return self->n_failed;
}

guint
rapport_outbox_get_n_unknown (RapportOutbox *self)
{
  g_return_val_if_fail (RAPPORT_IS_OUTBOX (self), 0);

  return self->n_unknown;
}

guint
rapport_outbox_get_n_review (RapportOutbox *self)
{
  g_return_val_if_fail (RAPPORT_IS_OUTBOX (self), 0);

  return self->n_review;
}

gboolean
rapport_outbox_get_sending (RapportOutbox *self)
{
  g_return_val_if_fail (RAPPORT_IS_OUTBOX (self), FALSE);

  return self->sending;
}

void
rapport_outbox_set_ca_file (RapportOutbox *self,
                            const char    *path)
{
  g_return_if_fail (RAPPORT_IS_OUTBOX (self));

  g_mutex_lock (&self->lock);
  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
  g_mutex_unlock (&self->lock);
}
