/* test-outbox-sending.c
 *
 * The outbox's sending thread against a real SMTP server on loopback
 * (smtp-peer.py: STARTTLS and AUTH) and a real keyring (run-with-keyring):
 * queued mail goes out in one connection and is logged; a temporary failure
 * waits for its back-off on the session's clock; permanent ones, a wrong
 * password and a missing secret stop with the reason; a drop after the
 * data, or the process killed mid-send, leaves the message unknown and never
 * resent; greetings wait for the send window; and the password is found
 * nowhere but in the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include <signal.h>
#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "peer-test-utils.h"
#include "rapport-outbox.h"
#include "rapport-outreach.h"
#include "rapport-secrets.h"
#include "rapport-session.h"
#include "rapport-store.h"

#define PASSWORD "s3cret-pass-7f3a"
#define ALIYUN_KEY "aliyun-k3y-secret-55"
#define TWILIO_TOKEN "twilio-t0ken-secret-66"
#define USER "sales@example.com"
#define HOUR 3600
/* 2027-02-06 01:30:00 UTC, 09:30 in Shanghai (the tests' TZ) */
#define T_DAY G_GINT64_CONSTANT (1801877400)
/* 22:30 the same day in Shanghai */
#define T_NIGHT (T_DAY + 13 * HOUR)

/* Everything logged, to look for the secret in (G_MESSAGES_DEBUG=all). */
static GString *captured_log;
static GMutex captured_lock;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&captured_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && g_str_equal (fields[i].key, "MESSAGE"))
      g_string_append_printf (captured_log, "%s\n", (const char *) fields[i].value);
  g_mutex_unlock (&captured_lock);

  if (log_level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

typedef struct
{
  char            *dir;
  char            *path;
  RapportClock    *clock;
  RapportDatabase *db;
  RapportSession  *session;
  TestPeer        *peer;
  gint64           account_id;
  char            *account_uuid;
  gint64           customer_id;
  gint64           rule_id;
  GPtrArray       *errors_seen;   /* every message's error text */
} Fixture;

static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static TestPeer *
start_smtp (const char *mode)
{
  const char * const args[] = { "--mode", mode, "--user", USER, "--password", PASSWORD, NULL };

  return test_peer_start ("smtp-peer.py", args);
}

static void
open_session (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  f->db = rapport_database_open (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (f->db, f->clock);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
  g_assert_nonnull (rapport_session_get_outbox (f->session));
  if (f->peer != NULL)
    rapport_outbox_set_ca_file (rapport_session_get_outbox (f->session), f->peer->cert);
  run_pending ();
}

static void
close_session (Fixture *f)
{
  rapport_session_close (f->session);
  g_clear_object (&f->session);
  g_clear_object (&f->db);
  run_pending ();
}

static void
use_peer (Fixture    *f,
          const char *mode)
{
  g_autoptr (RapportAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *port = NULL;

  if (f->peer != NULL)
    test_peer_stop (f->peer);
  f->peer = start_smtp (mode);
  port = g_strdup_printf ("%u", f->peer->port);

  account = rapport_store_get_account (f->db, f->account_id, &error);
  g_assert_no_error (error);
  rapport_account_set_setting (account, "port", port);
  rapport_store_update_account (f->db, account, &error);
  g_assert_no_error (error);
  rapport_outbox_set_ca_file (rapport_session_get_outbox (f->session), f->peer->cert);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RapportAccount) account = rapport_account_new ();
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  const char *mode = data != NULL ? data : "accept";

  f->dir = test_make_dir ("rapport-outbox-XXXXXX");
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->clock = rapport_clock_new ();
  f->errors_seen = g_ptr_array_new_with_free_func (g_free);
  rapport_clock_set_fixed (f->clock, T_DAY);

  f->peer = start_smtp (mode);
  open_session (f);

  rapport_account_set_channel (account, RAPPORT_CHANNEL_MAIL);
  rapport_account_set_provider (account, RAPPORT_PROVIDER_SMTP);
  rapport_account_set_name (account, "Peer");
  rapport_account_set_setting (account, "host", "127.0.0.1");
  {
    g_autofree char *port = g_strdup_printf ("%u", f->peer->port);

    rapport_account_set_setting (account, "port", port);
  }
  rapport_account_set_setting (account, "security", "starttls");
  rapport_account_set_setting (account, "user", USER);
  rapport_account_set_setting (account, "sender-name", "速阳贸易");
  rapport_account_set_setting (account, "sender-address", USER);
  rapport_account_set_is_default (account, TRUE);
  rapport_store_insert_account (f->db, account, &error);
  g_assert_no_error (error);
  f->account_id = rapport_account_get_id (account);
  f->account_uuid = g_strdup (rapport_account_get_uuid (account));
  rapport_secrets_store_sync (rapport_account_get_uuid (account), "Rapport: Peer", PASSWORD, NULL, &error);
  g_assert_no_error (error);

  rapport_customer_set_name (customer, "王芳");
  rapport_store_insert_customer (f->db, customer, &error);
  g_assert_no_error (error);
  f->customer_id = rapport_customer_get_id (customer);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  if (f->session != NULL)
    close_session (f);
  rapport_secrets_clear_sync (f->account_uuid, NULL, &error);
  g_clear_error (&error);
  g_free (f->account_uuid);
  if (f->peer != NULL)
    test_peer_stop (f->peer);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->errors_seen, g_ptr_array_unref);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  run_pending ();
}

static RapportMessage *
mail_to (Fixture    *f,
         const char *address)
{
  RapportMessage *message = rapport_message_new ();

  rapport_message_set_channel (message, RAPPORT_CHANNEL_MAIL);
  rapport_message_set_customer_id (message, f->customer_id);
  rapport_message_set_recipient (message, address);
  rapport_message_set_recipient_name (message, "王芳");
  rapport_message_set_subject (message, "新春快乐");
  rapport_message_set_body (message, "王芳您好，祝您新春快乐！");
  return message;
}

/* Queues mails to @addresses; returns their ids. */
static GArray *
queue_mails (Fixture            *f,
             const char * const *addresses)
{
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; addresses[i] != NULL; i++)
    g_ptr_array_add (messages, mail_to (f, addresses[i]));
  rapport_outreach_queue (f->db, messages, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < messages->len; i++)
    {
      gint64 id = rapport_message_get_id (g_ptr_array_index (messages, i));

      g_array_append_val (ids, id);
    }
  return ids;
}

static RapportMessage *
get_message (Fixture *f,
             gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportMessage *message = rapport_store_get_message (f->db, id, &error);

  g_assert_no_error (error);
  if (rapport_message_get_error (message) != NULL)
    g_ptr_array_add (f->errors_seen, g_strdup (rapport_message_get_error (message)));
  return message;
}

typedef struct
{
  Fixture             *f;
  gint64               id;
  RapportMessageState  state;
  guint                attempts;   /* 0: any */
} StateWait;

static gboolean
message_in_state (gpointer data)
{
  StateWait *wait = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportMessage) message = rapport_store_get_message (wait->f->db, wait->id, &error);

  g_assert_no_error (error);
  return rapport_message_get_state (message) == wait->state &&
         (wait->attempts == 0 || rapport_message_get_attempts (message) == wait->attempts);
}

static void
wait_for_state (Fixture             *f,
                gint64               id,
                RapportMessageState  state,
                guint                attempts)
{
  StateWait wait = { f, id, state, attempts };

  test_wait_for (message_in_state, &wait);
  run_pending ();
}

static gboolean
outbox_idle (gpointer data)
{
  return !rapport_outbox_get_sending (data);
}

static gboolean
one_failed (gpointer data)
{
  return rapport_outbox_get_n_failed (data) == 1;
}

static gboolean
one_unknown (gpointer data)
{
  return rapport_outbox_get_n_unknown (data) == 1;
}

static gboolean
peer_has_message (gpointer data)
{
  g_autofree char *contents = test_peer_file (data, "message-1.json");

  return contents != NULL;
}

/* Cases */

static void
test_sends_batch (Fixture       *f,
                  gconstpointer  data)
{
  const char * const addresses[] = { "a@example.com", "b@example.com", "c@example.com", NULL };
  g_autoptr (GArray) ids = queue_mails (f, addresses);
  g_autoptr (GListModel) interactions = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < ids->len; i++)
    wait_for_state (f, g_array_index (ids, gint64, i), RAPPORT_MESSAGE_STATE_SENT, 1);

  /* One connection for the batch, each message once. */
  g_assert_cmpuint (test_peer_count_lines (f->peer, "connections"), ==, 1);
  g_assert_null (test_peer_file (f->peer, "message-4.json"));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (RapportMessage) message = get_message (f, g_array_index (ids, gint64, i));
      g_autofree char *name = g_strdup_printf ("message-%u.json", i + 1);
      g_autoptr (JsonNode) received = test_peer_json (f->peer, name);
      JsonObject *object = json_node_get_object (received);
      JsonArray *to = json_object_get_array_member (object, "rcpt_tos");

      g_assert_cmpstr (json_array_get_string_element (to, 0), ==, addresses[i]);
      g_assert_nonnull (strstr (json_object_get_string_member (object, "data"), rapport_message_get_uuid (message)));
      g_assert_cmpint (rapport_message_get_interaction_id (message), >, 0);
      g_assert_nonnull (strstr (rapport_message_get_provider_id (message), "RAPPORT"));
      g_assert_cmpint (rapport_message_get_sent_at (message), ==, T_DAY);
    }

  interactions = rapport_store_list_interactions (f->db, f->customer_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 3);

  /* The counts follow the change bus. */
  test_wait_for (outbox_idle, rapport_session_get_outbox (f->session));
  g_assert_cmpuint (rapport_outbox_get_n_queued (rapport_session_get_outbox (f->session)), ==, 0);
}

static void
test_temporary_backoff (Fixture       *f,
                        gconstpointer  data)
{
  const char * const addresses[] = { "a@example.com", NULL };
  g_autoptr (GArray) ids = queue_mails (f, addresses);
  gint64 id = g_array_index (ids, gint64, 0);
  RapportOutbox *outbox = rapport_session_get_outbox (f->session);

  /* 451: queued again, for a minute later. */
  wait_for_state (f, id, RAPPORT_MESSAGE_STATE_QUEUED, 1);
  {
    g_autoptr (RapportMessage) message = get_message (f, id);

    g_assert_cmpint (rapport_message_get_not_before (message), ==, T_DAY + 60);
    g_assert_nonnull (strstr (rapport_message_get_error (message), "451"));
  }

  /* Woken before it is due: nothing is tried. */
  rapport_outbox_wake (outbox);
  rapport_clock_set_fixed (f->clock, T_DAY + 59);
  rapport_scheduler_check (rapport_session_get_scheduler (f->session));
  use_peer (f, "accept");
  run_pending ();
  {
    g_autoptr (RapportMessage) message = get_message (f, id);

    g_assert_cmpuint (rapport_message_get_attempts (message), ==, 1);
  }

  /* Its time comes on the clock: the second attempt gets through. */
  rapport_clock_set_fixed (f->clock, T_DAY + 60);
  rapport_scheduler_check (rapport_session_get_scheduler (f->session));
  wait_for_state (f, id, RAPPORT_MESSAGE_STATE_SENT, 2);
  g_assert_true (peer_has_message (f->peer));
}

static void
test_backoff_gives_up (Fixture       *f,
                       gconstpointer  data)
{
  const char * const addresses[] = { "a@example.com", NULL };
  g_autoptr (GArray) ids = queue_mails (f, addresses);
  gint64 id = g_array_index (ids, gint64, 0);
  static const gint64 waits[] = { 60, 5 * 60, 30 * 60, 2 * HOUR, 12 * HOUR };
  gint64 now = T_DAY;

  for (guint i = 0; i < G_N_ELEMENTS (waits); i++)
    {
      g_autoptr (RapportMessage) message = NULL;

      wait_for_state (f, id, RAPPORT_MESSAGE_STATE_QUEUED, i + 1);
      message = get_message (f, id);
      g_assert_cmpint (rapport_message_get_not_before (message), ==, now + waits[i]);
      now += waits[i];
      rapport_clock_set_fixed (f->clock, now);
      rapport_scheduler_check (rapport_session_get_scheduler (f->session));
    }

  wait_for_state (f, id, RAPPORT_MESSAGE_STATE_FAILED, RAPPORT_OUTBOX_MAX_ATTEMPTS);
  test_wait_for (one_failed, rapport_session_get_outbox (f->session));
}

static void
test_permanent (Fixture       *f,
                gconstpointer  data)
{
  const char * const addresses[] = { "nobody@example.com", NULL };
  g_autoptr (GArray) ids = queue_mails (f, addresses);
  g_autoptr (RapportMessage) message = NULL;

  wait_for_state (f, g_array_index (ids, gint64, 0), RAPPORT_MESSAGE_STATE_FAILED, 1);
  message = get_message (f, g_array_index (ids, gint64, 0));
  g_assert_nonnull (strstr (rapport_message_get_error (message), "No such user here"));
  g_assert_cmpint (rapport_message_get_not_before (message), ==, T_DAY);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  const char * const addresses[] = { "a@example.com", "b@example.com", NULL };
  g_autoptr (GArray) ids = queue_mails (f, addresses);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (RapportMessage) message = NULL;

      wait_for_state (f, g_array_index (ids, gint64, i), RAPPORT_MESSAGE_STATE_FAILED, 1);
      message = get_message (f, g_array_index (ids, gint64, i));
      /* Kept, with the server's answer, for the user to fix and retry. */
      g_assert_nonnull (strstr (rapport_message_get_error (message), "535"));
      g_assert_null (strstr (rapport_message_get_error (message), PASSWORD));
      g_assert_cmpstr (rapport_message_get_body (message), ==, "王芳您好，祝您新春快乐！");
    }
  g_assert_null (test_peer_file (f->peer, "message-1.json"));
}

static void
test_no_secret (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RapportAccount) account = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (RapportMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  const char * const addresses[] = { "a@example.com", NULL };

  account = rapport_store_get_account (f->db, f->account_id, &error);
  g_assert_no_error (error);
  rapport_secrets_clear_sync (rapport_account_get_uuid (account), NULL, &error);
  g_assert_no_error (error);

  ids = queue_mails (f, addresses);
  wait_for_state (f, g_array_index (ids, gint64, 0), RAPPORT_MESSAGE_STATE_FAILED, 1);
  message = get_message (f, g_array_index (ids, gint64, 0));
  g_assert_nonnull (strstr (rapport_message_get_error (message), "keyring"));
  g_assert_cmpuint (test_peer_count_lines (f->peer, "connections"), ==, 0);
}

/* Run alone (run-with-keyring --locked): it leaves the keyring locked. No
 * prompt can be shown (no display), so it stays locked: the message waits
 * for its back-off with the keyring's message, nothing is sent. */
static void
test_keyring_locked (Fixture       *f,
                     gconstpointer  data)
{
  const char * const addresses[] = { "a@example.com", NULL };
  g_autoptr (SecretService) service = NULL;
  g_autoptr (SecretCollection) collection = NULL;
  g_autolist (GDBusProxy) locked = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (RapportMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  GList *objects;

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, &locked, &error), ==, 1);
  g_list_free (objects);
  g_assert_no_error (error);

  ids = queue_mails (f, addresses);
  wait_for_state (f, g_array_index (ids, gint64, 0), RAPPORT_MESSAGE_STATE_QUEUED, 1);
  message = get_message (f, g_array_index (ids, gint64, 0));
  g_assert_true (g_str_has_prefix (rapport_message_get_error (message), "The keyring is locked"));
  g_assert_cmpint (rapport_message_get_not_before (message), ==, T_DAY + 60);
  g_assert_cmpuint (test_peer_count_lines (f->peer, "connections"), ==, 0);
}

static void
test_dropped_after_data (Fixture       *f,
                         gconstpointer  data)
{
  const char * const addresses[] = { "a@example.com", NULL };
  g_autoptr (GArray) ids = queue_mails (f, addresses);
  gint64 id = g_array_index (ids, gint64, 0);

  wait_for_state (f, id, RAPPORT_MESSAGE_STATE_UNKNOWN, 1);
  test_wait_for (one_unknown, rapport_session_get_outbox (f->session));

  /* Never again by itself, whatever wakes the outbox. */
  rapport_clock_set_fixed (f->clock, T_DAY + 24 * HOUR);
  rapport_scheduler_check (rapport_session_get_scheduler (f->session));
  {
    const char * const more[] = { "b@example.com", NULL };
    g_autoptr (GArray) second = queue_mails (f, more);

    wait_for_state (f, g_array_index (second, gint64, 0), RAPPORT_MESSAGE_STATE_UNKNOWN, 1);
  }
  g_assert_null (test_peer_file (f->peer, "message-3.json"));
  {
    g_autoptr (RapportMessage) message = get_message (f, id);

    g_assert_cmpint (rapport_message_get_state (message), ==, RAPPORT_MESSAGE_STATE_UNKNOWN);
    g_assert_cmpuint (rapport_message_get_attempts (message), ==, 1);
  }
}

static gint64
add_rule (Fixture *f)
{
  g_autoptr (RapportGreetingRule) rule = rapport_greeting_rule_new ();
  g_autoptr (GError) error = NULL;

  rapport_greeting_rule_set_name (rule, "Spring Festival");
  rapport_greeting_rule_set_kind (rule, RAPPORT_GREETING_KIND_HOLIDAY);
  rapport_greeting_rule_set_holiday (rule, "spring-festival");
  rapport_greeting_rule_set_channel (rule, RAPPORT_CHANNEL_MAIL);
  rapport_greeting_rule_set_send_time (rule, "09:00");
  rapport_greeting_rule_set_enabled (rule, FALSE);
  rapport_store_insert_greeting_rule (f->db, rule, &error);
  g_assert_no_error (error);
  return rapport_greeting_rule_get_id (rule);
}

static void
test_send_window (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  RapportMessage *greeting, *manual;
  gint64 morning;

  rapport_clock_set_fixed (f->clock, T_NIGHT);
  greeting = mail_to (f, "greeted@example.com");
  rapport_message_set_rule_id (greeting, add_rule (f));
  rapport_message_set_occasion_key (greeting, "rule:customer:1:2027");
  g_ptr_array_add (messages, greeting);
  manual = mail_to (f, "manual@example.com");
  g_ptr_array_add (messages, manual);
  rapport_outreach_queue (f->db, messages, NULL, &error);
  g_assert_no_error (error);

  /* At 22:30 the user's own message goes; the greeting waits for 08:00. */
  wait_for_state (f, rapport_message_get_id (manual), RAPPORT_MESSAGE_STATE_SENT, 1);
  morning = rapport_outbox_next_window_start (T_NIGHT, 8 * 60);
  g_assert_cmpint (morning, ==, T_DAY + 22 * HOUR + 30 * 60);
  {
    g_autoptr (RapportMessage) message = get_message (f, rapport_message_get_id (greeting));

    g_assert_cmpint (rapport_message_get_state (message), ==, RAPPORT_MESSAGE_STATE_QUEUED);
    g_assert_cmpuint (rapport_message_get_attempts (message), ==, 0);
    g_assert_cmpint (rapport_message_get_not_before (message), ==, morning);
  }
  g_assert_null (test_peer_file (f->peer, "message-2.json"));

  rapport_clock_set_fixed (f->clock, morning);
  rapport_scheduler_check (rapport_session_get_scheduler (f->session));
  wait_for_state (f, rapport_message_get_id (greeting), RAPPORT_MESSAGE_STATE_SENT, 1);

  /* The window is the session's setting. */
  g_assert_true (rapport_outbox_in_send_window (T_DAY, 8 * 60, 21 * 60));
  g_assert_false (rapport_outbox_in_send_window (T_NIGHT, 8 * 60, 21 * 60));
  g_assert_true (rapport_outbox_in_send_window (T_NIGHT, 22 * 60, 7 * 60));
  g_object_set (f->session, "send-window-start", "07:00", "send-window-end", "23:00", NULL);
  g_assert_cmpstr (rapport_session_get_send_window_end (f->session), ==, "23:00");
}

/* Killed mid-send: the child process */

static int
child_main (const char *path,
            const char *ca_file)
{
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (RapportSession) session = NULL;
  g_autoptr (GError) error = NULL;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  session = rapport_session_new_for_database (db, NULL, FALSE);
  rapport_outbox_set_ca_file (rapport_session_get_outbox (session), ca_file);
  rapport_outbox_wake (rapport_session_get_outbox (session));

  /* Until killed. */
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}

static gboolean
message_sending_in_file (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = rapport_database_open (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_autoptr (GListModel) sending = NULL;
  RapportMessageState state = RAPPORT_MESSAGE_STATE_SENDING;

  g_assert_no_error (error);
  sending = rapport_store_list_messages (db, &state, 1, 0, 0, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (sending) == 1;
}

static void
test_killed_mid_send (Fixture       *f,
                      gconstpointer  data)
{
  const char * const addresses[] = { "a@example.com", NULL };
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  gint64 id;

  /* Queued with the session closed: only the child sends it. */
  close_session (f);
  {
    g_autoptr (RapportDatabase) db = rapport_database_open (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
    g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);

    g_assert_no_error (error);
    g_ptr_array_add (messages, mail_to (f, addresses[0]));
    rapport_outreach_queue (db, messages, NULL, &error);
    g_assert_no_error (error);
    id = rapport_message_get_id (g_ptr_array_index (messages, 0));
  }

  {
    g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);

    /* Its debug lines are not the test's TAP output. */
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
    child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--child", f->path, f->peer->cert, NULL);
  }
  g_assert_no_error (error);

  /* The server has the whole message and never answers: the child waits
   * with the message SENDING in the file. Then it dies. */
  test_wait_for (peer_has_message, f->peer);
  test_wait_for (message_sending_in_file, f);
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));

  /* A server that answers now: whatever goes to it was sent anew. */
  open_session (f);
  use_peer (f, "accept");
  g_assert_cmpstr (rapport_outbox_get_notice (rapport_session_get_outbox (f->session)), ==,
                   "1 message may or may not have been sent: see the Outbox");
  {
    g_autoptr (RapportMessage) message = get_message (f, id);

    g_assert_cmpint (rapport_message_get_state (message), ==, RAPPORT_MESSAGE_STATE_UNKNOWN);
  }

  /* The outbox runs (another message goes), the unknown one stays. */
  {
    const char * const more[] = { "b@example.com", NULL };
    g_autoptr (GArray) second = queue_mails (f, more);

    wait_for_state (f, g_array_index (second, gint64, 0), RAPPORT_MESSAGE_STATE_SENT, 1);
  }
  g_assert_null (test_peer_file (f->peer, "message-2.json"));
  {
    g_autoptr (JsonNode) received = test_peer_json (f->peer, "message-1.json");
    JsonArray *to = json_object_get_array_member (json_node_get_object (received), "rcpt_tos");

    g_assert_cmpstr (json_array_get_string_element (to, 0), ==, "b@example.com");
  }
  {
    g_autoptr (RapportMessage) message = get_message (f, id);

    g_assert_cmpint (rapport_message_get_state (message), ==, RAPPORT_MESSAGE_STATE_UNKNOWN);
  }
}

static void
test_same_occasion_once (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  guint n_duplicates = 0;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
      RapportMessage *message = mail_to (f, "a@example.com");

      rapport_message_set_occasion_key (message, "rule:customer:1:2027");
      g_ptr_array_add (messages, message);
      rapport_outreach_queue (f->db, messages, &n_duplicates, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n_duplicates, ==, round);
      if (round == 0)
        wait_for_state (f, rapport_message_get_id (message), RAPPORT_MESSAGE_STATE_SENT, 1);
    }
  run_pending ();
  g_assert_null (test_peer_file (f->peer, "message-2.json"));
}

/* The secret nowhere */

static void assert_no_secret_in (const char *text,
                                 gsize       length);

static void
assert_not_in_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;
  assert_no_secret_in (contents, length);
  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes, no secret", path, length);
}

/* An SMS gateway account on the HTTP peer, its secret in the keyring. */
static RapportAccount *
add_gateway (Fixture    *f,
             const char *provider,
             const char *endpoint,
             const char *secret)
{
  RapportAccount *account = rapport_account_new ();
  g_autoptr (GError) error = NULL;

  rapport_account_set_channel (account, RAPPORT_CHANNEL_SMS);
  rapport_account_set_provider (account, provider);
  rapport_account_set_name (account, provider);
  rapport_account_set_setting (account, "endpoint", endpoint);
  if (g_str_equal (provider, RAPPORT_PROVIDER_ALIYUN))
    {
      rapport_account_set_setting (account, "access-key-id", "LTAI5tTest");
      rapport_account_set_setting (account, "sign-name", "速阳贸易");
      rapport_account_set_setting (account, "template-code", "SMS_123456");
    }
  else
    {
      rapport_account_set_setting (account, "account-sid", "AC123");
      rapport_account_set_setting (account, "from", "+15005550006");
    }
  rapport_store_insert_account (f->db, account, &error);
  g_assert_no_error (error);
  rapport_secrets_store_sync (rapport_account_get_uuid (account), provider, secret, NULL, &error);
  g_assert_no_error (error);
  return account;
}

static gint64
queue_sms (Fixture        *f,
           RapportAccount *account)
{
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  RapportMessage *message = rapport_message_new ();

  rapport_message_set_channel (message, RAPPORT_CHANNEL_SMS);
  rapport_message_set_account_id (message, rapport_account_get_id (account));
  rapport_message_set_customer_id (message, f->customer_id);
  rapport_message_set_recipient (message, "+8613800138000");
  rapport_message_set_body (message, "王芳您好，新春快乐！");
  rapport_message_set_is_marketing (message, TRUE);
  g_ptr_array_add (messages, message);
  rapport_outreach_queue (f->db, messages, NULL, &error);
  g_assert_no_error (error);
  return rapport_message_get_id (message);
}

static void
assert_no_secret_in (const char *text,
                     gsize       length)
{
  static const char * const secrets[] = { PASSWORD, ALIYUN_KEY, TWILIO_TOKEN };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (g_strstr_len (text, (gssize) length, secrets[i]));
}

static void
test_secret_nowhere (Fixture       *f,
                     gconstpointer  data)
{
  const char * const addresses[] = { "a@example.com", NULL };
  g_autoptr (GArray) ids = queue_mails (f, addresses);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *keyfile = g_build_filename (f->dir, "settings.ini", NULL);
  g_autofree char *cmdline = NULL;
  gsize length = 0;

  wait_for_state (f, g_array_index (ids, gint64, 0), RAPPORT_MESSAGE_STATE_SENT, 1);
  {
    g_autoptr (JsonNode) received = test_peer_json (f->peer, "message-1.json");
    JsonArray *auth = json_object_get_array_member (json_node_get_object (received), "auth");

    /* It did go to the server, from the keyring. */
    g_assert_cmpstr (json_array_get_string_element (auth, 1), ==, PASSWORD);
  }

  /* A failure too, for its error message: a wrong password. */
  {
    g_autoptr (RapportAccount) account = rapport_store_get_account (f->db, f->account_id, NULL);
    g_autoptr (GError) error = NULL;

    rapport_secrets_store_sync (rapport_account_get_uuid (account), "Rapport: Peer", "wrong-" PASSWORD, NULL, &error);
    g_assert_no_error (error);
  }
  {
    const char * const more[] = { "b@example.com", NULL };
    g_autoptr (GArray) second = queue_mails (f, more);
    g_autoptr (RapportMessage) message = NULL;

    wait_for_state (f, g_array_index (second, gint64, 0), RAPPORT_MESSAGE_STATE_FAILED, 1);
    message = get_message (f, g_array_index (second, gint64, 0));
  }

  /* SMS through two gateways, their key and token from the keyring. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *script = g_build_filename (f->dir, "answers.json", NULL);
    g_autofree char *endpoint = NULL;
    const char * const args[] = { "--script", script, NULL };
    g_autoptr (RapportAccount) aliyun = NULL;
    g_autoptr (RapportAccount) twilio = NULL;
    TestPeer *gateway;

    g_file_set_contents (script,
                         "[{\"status\": 200, \"body\": \"{\\\"Message\\\":\\\"OK\\\",\\\"RequestId\\\":\\\"F655\\\","
                         "\\\"BizId\\\":\\\"9006^0\\\",\\\"Code\\\":\\\"OK\\\"}\"},"
                         " {\"status\": 201, \"body\": \"{\\\"sid\\\":\\\"SM1234\\\",\\\"status\\\":\\\"queued\\\"}\"}]",
                         -1, &error);
    g_assert_no_error (error);
    gateway = test_peer_start ("http-peer.py", args);
    endpoint = g_strdup_printf ("http://127.0.0.1:%u/", gateway->port);
    aliyun = add_gateway (f, RAPPORT_PROVIDER_ALIYUN, endpoint, ALIYUN_KEY);
    wait_for_state (f, queue_sms (f, aliyun), RAPPORT_MESSAGE_STATE_SENT, 1);
    twilio = add_gateway (f, RAPPORT_PROVIDER_TWILIO, endpoint, TWILIO_TOKEN);
    wait_for_state (f, queue_sms (f, twilio), RAPPORT_MESSAGE_STATE_SENT, 1);
    g_assert_cmpuint (test_peer_count_lines (gateway, "requests.jsonl"), ==, 2);
    test_peer_stop (gateway);
    rapport_secrets_clear_sync (rapport_account_get_uuid (aliyun), NULL, NULL);
    rapport_secrets_clear_sync (rapport_account_get_uuid (twilio), NULL, NULL);
  }

  /* The settings as the application keeps them, in a key file. */
  {
    g_autoptr (GSettingsBackend) backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
    g_autoptr (GSettings) settings = g_settings_new_with_backend ("io.github.rapportcrm.Rapport", backend);

    g_settings_set_string (settings, "auto-send-start", "08:30");
    g_settings_sync ();
  }

  /* While open (the write-ahead log holds the recent writes) and after. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_not_in_file (f->path);
  assert_not_in_file (wal);
  close_session (f);
  assert_not_in_file (f->path);
  assert_not_in_file (wal);
  assert_not_in_file (keyfile);

  for (guint i = 0; i < f->errors_seen->len; i++)
    assert_no_secret_in (g_ptr_array_index (f->errors_seen, i), strlen (g_ptr_array_index (f->errors_seen, i)));
  g_assert_cmpuint (f->errors_seen->len, >, 0);

  g_mutex_lock (&captured_lock);
  g_assert_cmpuint (captured_log->len, >, 0);
  assert_no_secret_in (captured_log->str, captured_log->len);
  g_mutex_unlock (&captured_lock);

  g_assert_true (g_file_get_contents ("/proc/self/cmdline", &cmdline, &length, NULL));
  assert_no_secret_in (cmdline, length);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3]);

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, mode, func) \
  g_test_add (path, Fixture, mode, fixture_set_up, func, fixture_tear_down)

  ADD ("/outbox/sends-batch", "accept", test_sends_batch);
  ADD ("/outbox/temporary-backoff", "tempfail-data", test_temporary_backoff);
  ADD ("/outbox/backoff-gives-up", "tempfail-rcpt", test_backoff_gives_up);
  ADD ("/outbox/permanent", "reject-rcpt", test_permanent);
  ADD ("/outbox/wrong-password", "reject-auth", test_wrong_password);
  ADD ("/outbox/no-secret", "accept", test_no_secret);
  ADD ("/outbox/keyring-locked", "accept", test_keyring_locked);
  ADD ("/outbox/dropped-after-data", "drop-after-data", test_dropped_after_data);
  ADD ("/outbox/send-window", "accept", test_send_window);
  ADD ("/outbox/killed-mid-send", "hang-after-data", test_killed_mid_send);
  ADD ("/outbox/same-occasion-once", "accept", test_same_occasion_once);
  ADD ("/outbox/secret-nowhere", "accept", test_secret_nowhere);

  return g_test_run ();
}
