/* test-sender-mail.c
 *
 * Mail through a real SMTP server on loopback (smtp-peer.py: aiosmtpd with
 * STARTTLS and AUTH), checking exactly what it received. Run under
 * run-with-keyring, for Send Test's keyring look-up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "peer-test-utils.h"
#include "rapport-database.h"
#include "rapport-store.h"
#include "rapport-secrets.h"
#include "rapport-sender.h"

#define PASSWORD "s3cret-pass"
#define USER "sales@example.com"
/* 2027-02-06 01:30:00 UTC, 09:30 in Shanghai */
#define TEST_NOW G_GINT64_CONSTANT (1801877400)

static RapportAccount *
mail_account (guint       port,
              const char *security)
{
  RapportAccount *account = rapport_account_new ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  rapport_account_set_uuid (account, "01900000-0000-7000-8000-0000000000aa");
  rapport_account_set_channel (account, RAPPORT_CHANNEL_MAIL);
  rapport_account_set_provider (account, RAPPORT_PROVIDER_SMTP);
  rapport_account_set_name (account, "Peer");
  rapport_account_set_setting (account, "host", "127.0.0.1");
  rapport_account_set_setting (account, "port", port_text);
  rapport_account_set_setting (account, "security", security);
  rapport_account_set_setting (account, "user", USER);
  rapport_account_set_setting (account, "sender-name", "速阳贸易");
  rapport_account_set_setting (account, "sender-address", USER);
  return account;
}

static TestPeer *
start_smtp (const char *mode)
{
  const char * const args[] = { "--mode", mode, "--user", USER, "--password", PASSWORD, NULL };

  return test_peer_start ("smtp-peer.py", args);
}

static RapportSender *
new_sender (TestPeer   *peer,
            const char *password)
{
  g_autoptr (RapportAccount) account = mail_account (peer->port, "starttls");
  g_autoptr (RapportClock) clock = rapport_clock_new ();
  g_autoptr (GError) error = NULL;
  RapportSender *sender;

  sender = rapport_sender_new (account, password, &error);
  g_assert_no_error (error);
  rapport_sender_set_ca_file (sender, peer->cert);
  rapport_clock_set_fixed (clock, TEST_NOW);
  rapport_sender_set_clock (sender, clock);
  return sender;
}

static void
assert_no_secret (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, PASSWORD));
  g_assert_null (strstr (error->message, "wrong-pass"));
}

/* The unfolded value of header @name in @data, decoded when encoded. */
static char *
header (const char *data,
        const char *name)
{
  g_autofree char *key = g_strconcat ("\r\n", name, ": ", NULL);
  g_autofree char *text = g_strconcat ("\r\n", data, NULL);
  const char *start = strstr (text, key);
  GString *out = g_string_new (NULL);
  g_autofree char *raw = NULL;
  g_auto (GStrv) words = NULL;
  const char *end;

  g_assert_nonnull (start);
  start += strlen (key);
  end = start;
  while (!(end[0] == '\r' && end[1] == '\n' && end[2] != ' '))
    end++;
  raw = g_strndup (start, end - start);
  words = g_strsplit (raw, "\r\n ", -1);
  {
    g_autofree char *joined = g_strjoinv (" ", words);

    g_strfreev (words);
    words = g_strsplit (joined, " ", -1);
  }

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_has_prefix (words[i], "=?UTF-8?B?"))
        {
          g_autofree char *inner = g_strndup (words[i] + 10, strlen (words[i]) - 12);
          gsize length = 0;
          g_autofree guchar *decoded = g_base64_decode (inner, &length);

          g_string_append_len (out, (const char *) decoded, length);
        }
      else
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, words[i]);
        }
    }

  return g_string_free (out, FALSE);
}

static void
test_send (void)
{
  TestPeer *peer = start_smtp ("accept");
  g_autoptr (RapportSender) sender = new_sender (peer, PASSWORD);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *provider_id = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree guchar *body = NULL;
  gsize body_length = 0;
  JsonObject *record;
  JsonArray *auth;
  const char *data;
  const char *subject_text = "春节快乐 — Happy Spring Festival from 速阳, with a subject long enough to fold";
  RapportOutgoing msg = {
    .recipient = "wang@example.com",
    .recipient_name = "王伟",
    .subject = subject_text,
    .body = "王总您好：\n新春快乐！\n",
    .message_uuid = "0190a3c1-7e2b-7c4d-9a1b-123456789abc",
  };

  g_assert_true (rapport_sender_send (sender, &msg, NULL, &provider_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (provider_id, ==, "RAPPORT1");
  g_assert_cmpstr (rapport_sender_get_last_answer (sender), ==, "250 2.0.0 Ok: queued as RAPPORT1");

  node = test_peer_json (peer, "message-1.json");
  g_assert_nonnull (node);
  record = json_node_get_object (node);
  auth = json_object_get_array_member (record, "auth");
  g_assert_cmpstr (json_array_get_string_element (auth, 0), ==, USER);
  g_assert_cmpstr (json_array_get_string_element (auth, 1), ==, PASSWORD);
  g_assert_cmpstr (json_object_get_string_member (record, "mail_from"), ==, USER);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (record, "rcpt_tos"), 0),
                   ==, "wang@example.com");

  data = json_object_get_string_member (record, "data");
  /* The password went in AUTH only, never in the message. */
  g_assert_null (strstr (data, PASSWORD));

  subject = header (data, "Subject");
  g_assert_cmpstr (subject, ==, subject_text);
  from = header (data, "From");
  g_assert_cmpstr (from, ==, "速阳贸易 <sales@example.com>");
  to = header (data, "To");
  g_assert_cmpstr (to, ==, "王伟 <wang@example.com>");
  g_assert_nonnull (strstr (data, "\r\nDate: Sat, 06 Feb 2027 09:30:00 +0800\r\n"));
  g_assert_nonnull (strstr (data, "\r\nMessage-ID: <0190a3c1-7e2b-7c4d-9a1b-123456789abc@example.com>\r\n"));
  g_assert_nonnull (strstr (data, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
  g_assert_nonnull (strstr (data, "\r\nContent-Transfer-Encoding: base64\r\n"));

  body = g_base64_decode (strstr (data, "\r\n\r\n") + 4, &body_length);
  g_assert_cmpmem (body, body_length, "王总您好：\r\n新春快乐！\r\n", strlen ("王总您好：\r\n新春快乐！\r\n"));

  test_peer_stop (peer);
}

static void
test_batch_one_connection (void)
{
  TestPeer *peer = start_smtp ("accept");
  g_autoptr (RapportSender) sender = new_sender (peer, PASSWORD);
  gint64 connection = -1;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *uuid = g_strdup_printf ("0190a3c1-7e2b-7c4d-9a1b-00000000000%u", i);
      g_autofree char *to = g_strdup_printf ("customer%u@example.com", i);
      g_autofree char *name = g_strdup_printf ("message-%u.json", i + 1);
      g_autoptr (JsonNode) node = NULL;
      RapportOutgoing msg = { .recipient = to, .subject = "Hello", .body = "Hi", .message_uuid = uuid };

      g_assert_true (rapport_sender_send (sender, &msg, NULL, NULL, &error));
      g_assert_no_error (error);
      node = test_peer_json (peer, name);
      g_assert_nonnull (node);
      if (connection < 0)
        connection = json_object_get_int_member (json_node_get_object (node), "connection");
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "connection"), ==, connection);
    }

  g_assert_cmpuint (test_peer_count_lines (peer, "connections"), ==, 1);

  /* Closed: the next message opens a new one. */
  rapport_sender_close (sender);
  {
    g_autoptr (GError) error = NULL;
    RapportOutgoing msg = { .recipient = "x@example.com", .body = "Hi", .message_uuid = "u-4" };

    g_assert_true (rapport_sender_send (sender, &msg, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (test_peer_count_lines (peer, "connections"), ==, 2);

  test_peer_stop (peer);
}

static void
assert_send_fails (TestPeer   *peer,
                   const char *password,
                   const char *ca_file,
                   const char *recipient,
                   const char *body,
                   int         code,
                   const char *needle)
{
  g_autoptr (RapportSender) sender = new_sender (peer, password);
  g_autoptr (GError) error = NULL;
  g_autofree char *provider_id = NULL;
  RapportOutgoing msg = {
    .recipient = recipient,
    .subject = "Hello",
    .body = body,
    .message_uuid = "0190a3c1-7e2b-7c4d-9a1b-123456789abc",
  };

  rapport_sender_set_ca_file (sender, ca_file);
  g_assert_false (rapport_sender_send (sender, &msg, NULL, &provider_id, &error));
  g_assert_error (error, RAPPORT_SEND_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_null (provider_id);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  assert_no_secret (error);
}

static void
test_wrong_password (void)
{
  TestPeer *peer = start_smtp ("accept");

  assert_send_fails (peer, "wrong-pass", peer->cert, "wang@example.com", "Hi",
                     RAPPORT_SEND_ERROR_AUTHENTICATION, "535 5.7.8 Authentication credentials invalid");
  g_assert_null (test_peer_file (peer, "message-1.json"));
  test_peer_stop (peer);
}

static void
test_refusals (void)
{
  TestPeer *peer = start_smtp ("tempfail-rcpt");

  assert_send_fails (peer, PASSWORD, peer->cert, "wang@example.com", "Hi",
                     RAPPORT_SEND_ERROR_TEMPORARY, "451 4.3.0 Mailbox temporarily unavailable");
  test_peer_stop (peer);

  peer = start_smtp ("tempfail-data");
  assert_send_fails (peer, PASSWORD, peer->cert, "wang@example.com", "Hi",
                     RAPPORT_SEND_ERROR_TEMPORARY, "451 4.3.0 Try again later");
  test_peer_stop (peer);

  peer = start_smtp ("reject-rcpt");
  assert_send_fails (peer, PASSWORD, peer->cert, "nobody@example.com", "Hi",
                     RAPPORT_SEND_ERROR_PERMANENT, "550 5.1.1 No such user here");
  test_peer_stop (peer);
}

static void
test_unreachable (void)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetSocketAddress) any = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (RapportAccount) account = NULL;
  g_autoptr (RapportSender) sender = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  RapportOutgoing msg = { .recipient = "wang@example.com", .body = "Hi", .message_uuid = "u" };
  guint port;

  /* A port that was free a moment ago, nobody listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  any = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (loopback, 0));
  g_assert_true (g_socket_bind (socket, G_SOCKET_ADDRESS (any), TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  account = mail_account (port, "starttls");
  sender = rapport_sender_new (account, PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_sender_send (sender, &msg, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_TEMPORARY);
  g_assert_true (g_str_has_prefix (error->message, "Could not reach the server: "));
  assert_no_secret (error);
}

static void
test_drop_after_data (void)
{
  TestPeer *peer = start_smtp ("drop-after-data");
  g_autoptr (JsonNode) node = NULL;

  assert_send_fails (peer, PASSWORD, peer->cert, "wang@example.com", "Hi",
                     RAPPORT_SEND_ERROR_UNCERTAIN, "it may have been delivered");
  /* It was: the outbox must not send it again by itself. */
  node = test_peer_json (peer, "message-1.json");
  g_assert_nonnull (node);
  test_peer_stop (peer);
}

static void
test_drop_mid_data (void)
{
  TestPeer *peer = start_smtp ("drop-mid-data");
  /* Larger than the socket buffers: the server closes while the client is
   * still writing, before the message's end. */
  GString *body = g_string_new (NULL);

  for (guint i = 0; i < 200000; i++)
    g_string_append (body, "A long line of the message body, to fill the buffers.\n");

  assert_send_fails (peer, PASSWORD, peer->cert, "wang@example.com", body->str,
                     RAPPORT_SEND_ERROR_TEMPORARY, NULL);
  g_assert_null (test_peer_file (peer, "message-1.json"));
  g_string_free (body, TRUE);
  test_peer_stop (peer);
}

static void
test_bad_certificate (void)
{
  TestPeer *peer = start_smtp ("accept");

  /* The system's store does not trust the peer's self-signed certificate. */
  assert_send_fails (peer, PASSWORD, NULL, "wang@example.com", "Hi",
                     RAPPORT_SEND_ERROR_CERTIFICATE, "The server’s certificate could not be verified: ");
  g_assert_null (test_peer_file (peer, "message-1.json"));
  test_peer_stop (peer);
}

static void
test_injection_before_connecting (void)
{
  TestPeer *peer = start_smtp ("accept");
  const char *bad[] = {
    "wang@example.com\r\nBcc: all@example.com",
    "wang@example.com, all@example.com",
    "wang@example.com;all@example.com",
    "<wang@example.com>",
    "=?UTF-8?B?YWxs?=@example.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_send_fails (peer, PASSWORD, peer->cert, bad[i], "Hi", RAPPORT_SEND_ERROR_INVALID_ADDRESS, NULL);

  /* Not one connection was opened. */
  g_assert_cmpuint (test_peer_count_lines (peer, "connections"), ==, 0);
  test_peer_stop (peer);
}

static void
test_implicit_tls (void)
{
  const char * const args[] = { "--implicit-tls", "--user", USER, "--password", PASSWORD, NULL };
  TestPeer *peer = test_peer_start ("smtp-peer.py", args);
  g_autoptr (RapportAccount) account = mail_account (peer->port, "tls");
  g_autoptr (RapportSender) sender = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  RapportOutgoing msg = { .recipient = "wang@例子.中国", .body = "Hi", .message_uuid = "u-tls" };

  sender = rapport_sender_new (account, PASSWORD, &error);
  rapport_sender_set_ca_file (sender, peer->cert);
  rapport_sender_send (sender, &msg, NULL, NULL, &error);
  g_assert_no_error (error);

  node = test_peer_json (peer, "message-1.json");
  g_assert_nonnull (node);
  /* The internationalised domain in its ASCII form, as SMTP needs it. */
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_node_get_object (node),
                                                                                "rcpt_tos"), 0),
                   ==, "wang@xn--fsqu00a.xn--fiqs8s");
  test_peer_stop (peer);
}

static void
test_plain (void)
{
  const char * const args[] = { "--plain", "--user", USER, "--password", PASSWORD, NULL };
  TestPeer *peer = test_peer_start ("smtp-peer.py", args);
  g_autoptr (RapportAccount) account = mail_account (peer->port, "starttls");
  g_autoptr (RapportSender) sender = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  RapportOutgoing msg = { .recipient = "wang@example.com", .body = "Hi", .message_uuid = "u-plain" };

  /* STARTTLS asked for and not offered: refused, never sent in clear. */
  sender = rapport_sender_new (account, PASSWORD, &error);
  g_assert_false (rapport_sender_send (sender, &msg, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_PERMANENT);
  g_assert_true (g_str_has_prefix (error->message, "The server does not offer an encrypted connection (STARTTLS)"));
  assert_no_secret (error);
  g_clear_error (&error);
  g_assert_null (test_peer_file (peer, "message-1.json"));
  g_clear_object (&sender);

  /* "none", which the form warns about, sends in clear. */
  rapport_account_set_setting (account, "security", "none");
  sender = rapport_sender_new (account, PASSWORD, &error);
  g_assert_true (rapport_sender_send (sender, &msg, NULL, NULL, &error));
  g_assert_no_error (error);
  node = test_peer_json (peer, "message-1.json");
  g_assert_nonnull (node);
  test_peer_stop (peer);
}

static void
test_cancelled (void)
{
  TestPeer *peer = start_smtp ("accept");
  g_autoptr (RapportSender) sender = new_sender (peer, PASSWORD);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  RapportOutgoing msg = { .recipient = "wang@example.com", .body = "Hi", .message_uuid = "u-cancel" };

  g_cancellable_cancel (cancellable);
  g_assert_false (rapport_sender_send (sender, &msg, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (test_peer_count_lines (peer, "connections"), ==, 0);
  test_peer_stop (peer);
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_send_test (void)
{
  TestPeer *peer = start_smtp ("accept");
  g_autoptr (RapportAccount) account = mail_account (peer->port, "starttls");
  g_autoptr (GError) error = NULL;
  g_autofree char *answer = NULL;
  GAsyncResult *result = NULL;

  /* No secret stored yet. */
  rapport_secrets_clear_sync (rapport_account_get_uuid (account), NULL, NULL);
  rapport_sender_send_test_with_ca_async (account, "wang@example.com", peer->cert, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (rapport_sender_send_test_finish (result, &error));
  g_assert_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_NO_SECRET);
  g_clear_error (&error);
  g_clear_object (&result);

  g_assert_true (rapport_secrets_store_sync (rapport_account_get_uuid (account), "Rapport: Peer", PASSWORD,
                                             NULL, &error));
  g_assert_no_error (error);
  rapport_sender_send_test_with_ca_async (account, "wang@example.com", peer->cert, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  answer = rapport_sender_send_test_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, "250 2.0.0 Ok: queued as RAPPORT1");
  g_clear_object (&result);

  {
    g_autoptr (JsonNode) node = test_peer_json (peer, "message-1.json");
    g_autofree char *subject = header (json_object_get_string_member (json_node_get_object (node), "data"),
                                       "Subject");

    g_assert_cmpstr (subject, ==, "Rapport test message");
  }

  rapport_secrets_clear_sync (rapport_account_get_uuid (account), NULL, NULL);
  test_peer_stop (peer);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* The password is in the keyring and in AUTH, and nowhere else: not in the
 * database, the message, the peer's log, an error or our arguments. */
static void
test_secret_nowhere (void)
{
  TestPeer *peer = start_smtp ("accept");
  g_autoptr (RapportAccount) account = mail_account (peer->port, "starttls");
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_dir ("rapport-secret-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *answer = NULL;
  g_autofree char *log = NULL;
  g_autofree char *cmdline = NULL;
  gsize cmdline_length = 0;
  GAsyncResult *result = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *record;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_account_set_uuid (account, NULL);
  g_assert_true (rapport_store_insert_account (db, account, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_secrets_store_sync (rapport_account_get_uuid (account), "Rapport: Peer", PASSWORD,
                                             NULL, &error));

  rapport_sender_send_test_with_ca_async (account, "wang@example.com", peer->cert, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  answer = rapport_sender_send_test_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* A failing send's error does not carry it either. */
  g_assert_true (rapport_secrets_store_sync (rapport_account_get_uuid (account), "Rapport: Peer", "wrong-pass",
                                             NULL, &error));
  rapport_sender_send_test_with_ca_async (account, "wang@example.com", peer->cert, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (rapport_sender_send_test_finish (result, &error));
  g_assert_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_AUTHENTICATION);
  assert_no_secret (error);
  g_clear_object (&result);

  /* What the peer saw: AUTH had it, the message did not. */
  node = test_peer_json (peer, "message-1.json");
  record = json_node_get_object (node);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (record, "auth"), 1), ==, PASSWORD);
  g_assert_null (strstr (json_object_get_string_member (record, "data"), PASSWORD));
  log = test_peer_file (peer, "peer.log");
  g_assert_true (log == NULL || strstr (log, PASSWORD) == NULL);

  g_assert_true (g_file_get_contents ("/proc/self/cmdline", &cmdline, &cmdline_length, NULL));
  g_assert_null (memmem (cmdline, cmdline_length, PASSWORD, strlen (PASSWORD)));

  g_clear_object (&db);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (path, PASSWORD));
  g_assert_false (file_contains (wal, PASSWORD));
  g_assert_false (file_contains (path, "wrong-pass"));
  /* The account itself is there. */
  g_assert_true (file_contains (path, "127.0.0.1") || file_contains (wal, "127.0.0.1"));

  rapport_secrets_clear_sync (rapport_account_get_uuid (account), NULL, NULL);
  test_remove_tree (dir);
  test_peer_stop (peer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sender/mail/send", test_send);
  g_test_add_func ("/sender/mail/batch-one-connection", test_batch_one_connection);
  g_test_add_func ("/sender/mail/wrong-password", test_wrong_password);
  g_test_add_func ("/sender/mail/refusals", test_refusals);
  g_test_add_func ("/sender/mail/unreachable", test_unreachable);
  g_test_add_func ("/sender/mail/drop-after-data", test_drop_after_data);
  g_test_add_func ("/sender/mail/drop-mid-data", test_drop_mid_data);
  g_test_add_func ("/sender/mail/bad-certificate", test_bad_certificate);
  g_test_add_func ("/sender/mail/injection-before-connecting", test_injection_before_connecting);
  g_test_add_func ("/sender/mail/implicit-tls", test_implicit_tls);
  g_test_add_func ("/sender/mail/plain", test_plain);
  g_test_add_func ("/sender/mail/cancelled", test_cancelled);
  g_test_add_func ("/sender/mail/send-test", test_send_test);
  g_test_add_func ("/sender/mail/secret-nowhere", test_secret_nowhere);

  return g_test_run ();
}
