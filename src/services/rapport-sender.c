/* rapport-sender.c
 *
 * One libcurl easy handle per sender: reusing it keeps the SMTP connection
 * open between messages of a batch. Each transfer resets the handle's
 * options (curl_easy_reset keeps live connections).
 *
 * Telling "maybe delivered" apart: the mail body is handed to curl by a read
 * callback, which knows when it gave the last byte; a connection that ends
 * after that and before the server's reply is UNCERTAIN. Before it, the
 * server cannot have the message's end, so the message was not taken.
 *
 * The server's replies are read through CURLOPT_DEBUGFUNCTION, keeping only
 * what the server said (CURLINFO_HEADER_IN); what we sent, AUTH included,
 * is dropped at once and never logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-sender"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rapport-mail-message.h"
#include "rapport-secrets.h"
#include "rapport-sender.h"
#include "rapport-sms-signature.h"
#include "rapport-text.h"

#define MAX_RESPONSE_BYTES (1024 * 1024)
#define SHOWN_BODY_CHARS 200

struct _RapportSender
{
  GObject parent_instance;

  RapportAccount *account;
  char *secret;
  char *ca_file;
  RapportClock *clock;
  CURL *curl;
  char *last_answer;

  /* One transfer's state. */
  const char *upload;
  gsize upload_length;
  gsize upload_offset;
  gboolean upload_done;
  gboolean reply_after_upload;
  GString *reply_line;    /* the server's last line */
  GString *error_reply;   /* its first 4xx/5xx line in this transfer */
  GString *response;
  GCancellable *cancellable;
  char error_buffer[CURL_ERROR_SIZE];
};

G_DEFINE_FINAL_TYPE (RapportSender, rapport_sender, G_TYPE_OBJECT)

static void
wipe_string (char **secret)
{
  if (*secret != NULL)
    {
      rapport_secrets_free (*secret);
      *secret = NULL;
    }
}

static void
rapport_sender_finalize (GObject *object)
{
  RapportSender *self = RAPPORT_SENDER (object);

  rapport_sender_close (self);
  wipe_string (&self->secret);
  g_clear_object (&self->account);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->last_answer, g_free);
  g_string_free (self->reply_line, TRUE);
  g_string_free (self->error_reply, TRUE);
  g_string_free (self->response, TRUE);

  G_OBJECT_CLASS (rapport_sender_parent_class)->finalize (object);
}

static void
rapport_sender_class_init (RapportSenderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_sender_finalize;
}

static void
rapport_sender_init (RapportSender *self)
{
  self->reply_line = g_string_new (NULL);
  self->error_reply = g_string_new (NULL);
  self->response = g_string_new (NULL);
}

static gpointer
init_curl (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

gboolean
rapport_sender_account_needs_secret (RapportAccount *account)
{
  const char *provider = rapport_account_get_provider (account);

  if (g_strcmp0 (provider, RAPPORT_PROVIDER_SMTP) == 0)
    return rapport_account_get_setting (account, "user") != NULL;
  if (g_strcmp0 (provider, RAPPORT_PROVIDER_HTTP) == 0)
    return rapport_account_get_setting (account, "auth-header") != NULL;
  return TRUE;
}

RapportSender *
rapport_sender_new (RapportAccount  *account,
                    const char      *secret,
                    GError         **error)
{
  static GOnce curl_once = G_ONCE_INIT;
  g_autoptr (RapportSender) self = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RAPPORT_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!rapport_account_validate (account, &local_error))
    {
      g_set_error (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_PERMANENT,
                   /* Translators: %s says what is wrong with the account's settings. */
                   _("The account’s settings are not complete: %s"), local_error->message);
      g_error_free (local_error);
      return NULL;
    }

  g_once (&curl_once, init_curl, NULL);

  self = g_object_new (RAPPORT_TYPE_SENDER, NULL);
  self->account = rapport_account_copy (account);
  self->secret = g_strdup (secret);
  self->clock = g_object_ref (rapport_clock_get_default ());
  self->curl = curl_easy_init ();
  if (self->curl == NULL)
    {
      g_set_error_literal (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_TEMPORARY,
                           _("Could not start a connection (out of memory)"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
rapport_sender_set_ca_file (RapportSender *self,
                            const char    *path)
{
  g_return_if_fail (RAPPORT_IS_SENDER (self));

  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
}

void
rapport_sender_set_clock (RapportSender *self,
                          RapportClock  *clock)
{
  g_return_if_fail (RAPPORT_IS_SENDER (self));
  g_return_if_fail (RAPPORT_IS_CLOCK (clock));

  g_set_object (&self->clock, clock);
}

const char *
rapport_sender_get_last_answer (RapportSender *self)
{
  g_return_val_if_fail (RAPPORT_IS_SENDER (self), NULL);

  return self->last_answer;
}

void
rapport_sender_close (RapportSender *self)
{
  g_return_if_fail (RAPPORT_IS_SENDER (self));

  g_clear_pointer (&self->curl, curl_easy_cleanup);
}

/* Every error goes through here: should a server ever echo the secret, it
 * is masked before the message leaves. */
G_GNUC_PRINTF (4, 5)
static gboolean
send_error (RapportSender  *self,
            GError        **error,
            int             code,
            const char     *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (self->secret != NULL && self->secret[0] != '\0' && strstr (message, self->secret) != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (message, self->secret, -1);

      g_free (message);
      message = g_strjoinv ("••••", parts);
    }

  g_debug ("Send failed (%d): %s", code, message);
  g_set_error_literal (error, RAPPORT_SEND_ERROR, code, message);
  return FALSE;
}

/* curl callbacks */

static size_t
read_upload (char   *buffer,
             size_t  size,
             size_t  n_items,
             void   *data)
{
  RapportSender *self = data;
  gsize room = size * n_items;
  gsize left = self->upload_length - self->upload_offset;
  gsize n = MIN (room, left);

  memcpy (buffer, self->upload + self->upload_offset, n);
  self->upload_offset += n;
  /* With the size given, curl does not ask again for the end. */
  if (self->upload_offset == self->upload_length)
    self->upload_done = TRUE;

  return n;
}

static size_t
write_response (char   *data,
                size_t  size,
                size_t  n_items,
                void   *user_data)
{
  RapportSender *self = user_data;
  gsize n = size * n_items;

  if (self->response->len + n > MAX_RESPONSE_BYTES)
    return 0;

  g_string_append_len (self->response, data, n);
  return n;
}

static int
on_debug (CURL          *handle,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  RapportSender *self = user_data;
  gsize length = size;

  /* Only what the server says: never what we send (AUTH). */
  if (type != CURLINFO_HEADER_IN)
    return 0;

  while (length > 0 && (data[length - 1] == '\n' || data[length - 1] == '\r'))
    length--;
  if (length == 0)
    return 0;

  g_string_truncate (self->reply_line, 0);
  g_string_append_len (self->reply_line, data, length);
  /* The refusal, not the "221 Bye" that follows it. */
  if (self->error_reply->len == 0 && length >= 3 && (data[0] == '4' || data[0] == '5') &&
      g_ascii_isdigit (data[1]) && g_ascii_isdigit (data[2]))
    g_string_append_len (self->error_reply, data, length);
  if (self->upload_done)
    self->reply_after_upload = TRUE;

  return 0;
}

static int
on_progress (void       *data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  RapportSender *self = data;

  return g_cancellable_is_cancelled (self->cancellable) ? 1 : 0;
}

static void
reset_transfer (RapportSender *self,
                GCancellable  *cancellable)
{
  curl_easy_reset (self->curl);

  self->upload = NULL;
  self->upload_length = 0;
  self->upload_offset = 0;
  self->upload_done = FALSE;
  self->reply_after_upload = FALSE;
  self->cancellable = cancellable;
  self->error_buffer[0] = '\0';
  g_string_truncate (self->reply_line, 0);
  g_string_truncate (self->error_reply, 0);
  g_string_truncate (self->response, 0);

  curl_easy_setopt (self->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (self->curl, CURLOPT_ERRORBUFFER, self->error_buffer);
  curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (self->ca_file != NULL)
    curl_easy_setopt (self->curl, CURLOPT_CAINFO, self->ca_file);
  curl_easy_setopt (self->curl, CURLOPT_CONNECTTIMEOUT, 30L);
  /* Stalled for a minute: give up, rather than hold the outbox. */
  curl_easy_setopt (self->curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (self->curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt (self->curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (self->curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (self->curl, CURLOPT_XFERINFODATA, self);
  /* VERBOSE only feeds on_debug, which keeps the server's lines. */
  curl_easy_setopt (self->curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt (self->curl, CURLOPT_DEBUGDATA, self);
  curl_easy_setopt (self->curl, CURLOPT_VERBOSE, 1L);
}

static gboolean
is_certificate_error (CURLcode rc)
{
  return rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE ||
         rc == CURLE_SSL_ISSUER_ERROR || rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH ||
         rc == CURLE_SSL_CERTPROBLEM || rc == CURLE_SSL_INVALIDCERTSTATUS ||
         rc == CURLE_SSL_CRL_BADFILE;
}

/* curl's explanation, without its final period (our sentence goes on). */
static const char *
curl_message (RapportSender *self,
              CURLcode       rc)
{
  gsize length = strlen (self->error_buffer);

  while (length > 0 && (self->error_buffer[length - 1] == '.' || g_ascii_isspace (self->error_buffer[length - 1])))
    self->error_buffer[--length] = '\0';

  return length > 0 ? self->error_buffer : curl_easy_strerror (rc);
}

/* A failed transfer that did not get to a protocol answer. */
static gboolean
transport_error (RapportSender  *self,
                 CURLcode        rc,
                 GError        **error)
{
  if (rc == CURLE_ABORTED_BY_CALLBACK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sending was cancelled"));
      return FALSE;
    }

  if (is_certificate_error (rc))
    return send_error (self, error, RAPPORT_SEND_ERROR_CERTIFICATE,
                       /* Translators: %s is the TLS library's explanation. */
                       _("The server’s certificate could not be verified: %s. Nothing was sent."),
                       curl_message (self, rc));

  if (rc == CURLE_USE_SSL_FAILED)
    return send_error (self, error, RAPPORT_SEND_ERROR_PERMANENT,
                       _("The server does not offer an encrypted connection (STARTTLS): %s. Nothing was sent."),
                       curl_message (self, rc));

  if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT)
    return send_error (self, error, RAPPORT_SEND_ERROR_PERMANENT,
                       _("The server address cannot be used: %s"), curl_message (self, rc));

  return send_error (self, error, RAPPORT_SEND_ERROR_TEMPORARY,
                     /* Translators: %s is the network library's explanation. */
                     _("Could not reach the server: %s"), curl_message (self, rc));
}

static void
set_last_answer (RapportSender *self,
                 const char    *answer)
{
  g_free (self->last_answer);
  self->last_answer = g_strdup (answer);
}

/* Mail */

static char *
smtp_url (RapportAccount *account)
{
  const char *host = rapport_account_get_setting (account, "host");
  const char *port = rapport_account_get_setting (account, "port");
  const char *security = rapport_account_get_effective_setting (account, "security");
  gboolean ipv6 = strchr (host, ':') != NULL;

  return g_strdup_printf ("%s://%s%s%s:%s",
                          g_strcmp0 (security, "tls") == 0 ? "smtps" : "smtp",
                          ipv6 ? "[" : "", host, ipv6 ? "]" : "", port);
}

/* "250 2.0.0 Ok: queued as 4F2A" → "4F2A". */
static char *
queue_id_from_reply (const char *reply)
{
  const char *queued = strstr (reply, "queued as ");
  const char *end;

  if (queued == NULL)
    return NULL;

  queued += strlen ("queued as ");
  end = queued;
  while (*end != '\0' && !g_ascii_isspace (*end))
    end++;

  return end > queued ? g_strndup (queued, end - queued) : NULL;
}

static gboolean
smtp_failure (RapportSender  *self,
              CURLcode        rc,
              GError        **error)
{
  long code = 0;
  const char *reply = self->error_reply->str;

  /* The whole message went out and the connection ended before the
   * server's answer: it may have been delivered. */
  if (self->upload_done && !self->reply_after_upload && rc != CURLE_ABORTED_BY_CALLBACK &&
      !is_certificate_error (rc))
    return send_error (self, error, RAPPORT_SEND_ERROR_UNCERTAIN,
                       _("The connection ended after the message was sent and before the server "
                         "confirmed it (%s): it may have been delivered"),
                       curl_message (self, rc));

  if (rc == CURLE_ABORTED_BY_CALLBACK && self->upload_done && !self->reply_after_upload)
    return send_error (self, error, RAPPORT_SEND_ERROR_UNCERTAIN,
                       _("Sending was cancelled after the message was sent and before the server "
                         "confirmed it: it may have been delivered"));

  if (reply[0] != '\0')
    code = g_ascii_strtoll (reply, NULL, 10);
  else
    curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &code);

  if (rc == CURLE_LOGIN_DENIED || code == 535 || code == 534 || code == 530)
    return send_error (self, error, RAPPORT_SEND_ERROR_AUTHENTICATION,
                       /* Translators: %s is the server's reply, e.g. “535 5.7.8 Authentication failed”. */
                       _("The server refused the user name or password: %s"),
                       reply[0] != '\0' ? reply : curl_message (self, rc));

  if (code >= 400 && code < 500)
    return send_error (self, error, RAPPORT_SEND_ERROR_TEMPORARY,
                       _("The server cannot take the message now: %s"), reply);

  if (code >= 500)
    return send_error (self, error, RAPPORT_SEND_ERROR_PERMANENT,
                       _("The server refused the message: %s"), reply);

  return transport_error (self, rc, error);
}

static gboolean
send_mail (RapportSender          *self,
           const RapportOutgoing  *msg,
           GCancellable           *cancellable,
           char                  **out_provider_id,
           GError                **error)
{
  RapportAccount *account = self->account;
  const char *user = rapport_account_get_setting (account, "user");
  const char *security = rapport_account_get_effective_setting (account, "security");
  g_autoptr (GDateTime) date = rapport_clock_now_local (self->clock);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *mail_from = NULL;
  g_autofree char *rcpt = NULL;
  g_autofree char *message = NULL;
  g_autofree char *url = NULL;
  struct curl_slist *recipients = NULL;
  RapportMailEnvelope env = {
    .from_name = rapport_account_get_setting (account, "sender-name"),
    .from_address = rapport_account_get_setting (account, "sender-address"),
    .to_name = msg->recipient_name,
    .to_address = msg->recipient,
    .subject = msg->subject,
    .body = msg->body,
    .message_uuid = msg->message_uuid,
    .date = date,
  };
  CURLcode rc;

  /* Everything is checked before any connection. */
  message = rapport_mail_message_build (&env, error);
  if (message == NULL)
    return FALSE;
  from = rapport_mail_address_to_ascii (env.from_address, error);
  to = rapport_mail_address_to_ascii (env.to_address, error);
  g_assert (from != NULL && to != NULL);

  reset_transfer (self, cancellable);
  url = smtp_url (account);
  mail_from = g_strdup_printf ("<%s>", from);
  rcpt = g_strdup_printf ("<%s>", to);
  recipients = curl_slist_append (NULL, rcpt);

  curl_easy_setopt (self->curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (self->curl, CURLOPT_URL, url);
  if (g_strcmp0 (security, "starttls") == 0)
    curl_easy_setopt (self->curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  if (user != NULL)
    {
      curl_easy_setopt (self->curl, CURLOPT_USERNAME, user);
      curl_easy_setopt (self->curl, CURLOPT_PASSWORD, self->secret != NULL ? self->secret : "");
    }
  curl_easy_setopt (self->curl, CURLOPT_MAIL_FROM, mail_from);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (self->curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (self->curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt (self->curl, CURLOPT_READDATA, self);
  curl_easy_setopt (self->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) strlen (message));

  self->upload = message;
  self->upload_length = strlen (message);

  rc = curl_easy_perform (self->curl);

  /* The password is not left in the handle between messages. */
  curl_easy_setopt (self->curl, CURLOPT_PASSWORD, NULL);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, NULL);
  curl_slist_free_all (recipients);
  self->upload = NULL;

  if (rc != CURLE_OK)
    return smtp_failure (self, rc, error);

  set_last_answer (self, self->reply_line->str);

  if (out_provider_id != NULL)
    {
      *out_provider_id = queue_id_from_reply (self->reply_line->str);
      if (*out_provider_id == NULL)
        *out_provider_id = g_strdup_printf ("<%s@%s>", msg->message_uuid, strrchr (from, '@') + 1);
    }

  return TRUE;
}

/* SMS over HTTP */

typedef struct
{
  const char *method;           /* "GET" or "POST" */
  const char *url;
  struct curl_slist *headers;   /* not owned */
  const char *body;             /* nullable */
  const char *user;             /* basic auth, nullable */
} HttpRequest;

static gboolean
http_perform (RapportSender      *self,
              const HttpRequest  *request,
              GCancellable       *cancellable,
              long               *out_status,
              GError            **error)
{
  CURLcode rc;
  long status = 0;
  long request_size = 0;

  if (!rapport_account_url_is_allowed (request->url))
    return send_error (self, error, RAPPORT_SEND_ERROR_PERMANENT,
                       _("The gateway’s address must start with https://"));

  reset_transfer (self, cancellable);

  curl_easy_setopt (self->curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (self->curl, CURLOPT_URL, request->url);
  curl_easy_setopt (self->curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (self->curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, request->headers);
  curl_easy_setopt (self->curl, CURLOPT_WRITEFUNCTION, write_response);
  curl_easy_setopt (self->curl, CURLOPT_WRITEDATA, self);
  if (request->user != NULL)
    {
      curl_easy_setopt (self->curl, CURLOPT_HTTPAUTH, (long) CURLAUTH_BASIC);
      curl_easy_setopt (self->curl, CURLOPT_USERNAME, request->user);
      curl_easy_setopt (self->curl, CURLOPT_PASSWORD, self->secret != NULL ? self->secret : "");
    }
  if (g_strcmp0 (request->method, "POST") == 0)
    {
      curl_easy_setopt (self->curl, CURLOPT_POST, 1L);
      curl_easy_setopt (self->curl, CURLOPT_POSTFIELDS, request->body != NULL ? request->body : "");
    }
  else
    {
      curl_easy_setopt (self->curl, CURLOPT_HTTPGET, 1L);
    }

  rc = curl_easy_perform (self->curl);

  curl_easy_setopt (self->curl, CURLOPT_PASSWORD, NULL);
  curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, NULL);

  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo (self->curl, CURLINFO_REQUEST_SIZE, &request_size);

  if (rc != CURLE_OK)
    {
      /* The request went out whole and no answer came: the gateway may
       * have sent the SMS. */
      if (status == 0 && request_size > 0 && !is_certificate_error (rc) &&
          (rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING || rc == CURLE_OPERATION_TIMEDOUT ||
           rc == CURLE_PARTIAL_FILE))
        return send_error (self, error, RAPPORT_SEND_ERROR_UNCERTAIN,
                           _("The connection ended after the message was sent and before the gateway "
                             "answered (%s): it may have been delivered"),
                           curl_message (self, rc));
      return transport_error (self, rc, error);
    }

  *out_status = status;
  return TRUE;
}

static char *
shown_body (RapportSender *self)
{
  g_autofree char *text = NULL;

  if (!g_utf8_validate (self->response->str, self->response->len, NULL))
    return g_strdup_printf (_("%zu bytes"), self->response->len);

  text = g_strstrip (g_strdup (self->response->str));
  return rapport_text_truncate (text, SHOWN_BODY_CHARS);
}

/* Errors every gateway shares, from the HTTP status. */
static gboolean
http_status_error (RapportSender  *self,
                   long            status,
                   const char     *detail,
                   GError        **error)
{
  g_autofree char *body = detail == NULL ? shown_body (self) : NULL;

  if (detail == NULL)
    detail = body;

  if (status == 429 || status >= 500)
    return send_error (self, error, RAPPORT_SEND_ERROR_TEMPORARY,
                       /* Translators: %ld is the HTTP status, %s the gateway's answer. */
                       _("The gateway cannot take the message now (HTTP %ld): %s"), status, detail);
  if (status == 401 || status == 403)
    return send_error (self, error, RAPPORT_SEND_ERROR_AUTHENTICATION,
                       _("The gateway refused the credentials (HTTP %ld): %s"), status, detail);

  return send_error (self, error, RAPPORT_SEND_ERROR_PERMANENT,
                     _("The gateway refused the message (HTTP %ld): %s"), status, detail);
}

static JsonObject *
parse_object (RapportSender *self,
              JsonParser    *parser)
{
  JsonNode *root;

  if (!json_parser_load_from_data (parser, self->response->str, self->response->len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_node_get_object (root);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
utc_timestamp (RapportSender *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (rapport_clock_now (self->clock));

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Aliyun's PhoneNumbers: mainland numbers without +86, others with their
 * country code and no "+". */
static char *
aliyun_phone (const char *e164)
{
  if (g_str_has_prefix (e164, "+86"))
    return g_strdup (e164 + 3);
  if (e164[0] == '+')
    return g_strdup (e164 + 1);
  return g_strdup (e164);
}

static gboolean
check_phone (RapportSender          *self,
             const RapportOutgoing  *msg,
             GError                **error)
{
  const char *p = msg->recipient != NULL ? msg->recipient : "";
  g_autofree char *shown = rapport_text_truncate (p, 40);

  /* Shown on one line, whatever it holds. */
  g_strdelimit (shown, "\r\n\t", ' ');

  if (p[0] != '+' || p[1] == '\0')
    return send_error (self, error, RAPPORT_SEND_ERROR_INVALID_ADDRESS,
                       _("“%s” is not a phone number in international form (+86…)"), shown);

  for (p++; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return send_error (self, error, RAPPORT_SEND_ERROR_INVALID_ADDRESS,
                         _("“%s” cannot receive SMS: only digits may follow the +"), shown);

  return TRUE;
}

static gboolean
send_aliyun (RapportSender          *self,
             const RapportOutgoing  *msg,
             GCancellable           *cancellable,
             char                  **out_provider_id,
             GError                **error)
{
  RapportAccount *account = self->account;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *template_param = NULL;
  g_autofree char *phone = aliyun_phone (msg->recipient);
  g_autofree char *nonce = g_uuid_string_random ();
  g_autofree char *timestamp = utc_timestamp (self);
  g_autofree char *signature = NULL;
  g_autofree char *encoded_signature = NULL;
  g_autofree char *query = NULL;
  g_autofree char *body = NULL;
  struct curl_slist *headers = NULL;
  JsonObject *object;
  const char *code;
  long status = 0;
  gboolean ok;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, rapport_account_get_effective_setting (account, "template-param"));
  json_builder_add_string_value (builder, msg->body);
  json_builder_end_object (builder);
  template_param = builder_to_string (builder);

  {
    const char * const params[] = {
      "AccessKeyId", rapport_account_get_setting (account, "access-key-id"),
      "Action", "SendSms",
      "Format", "JSON",
      "OutId", msg->message_uuid,
      "PhoneNumbers", phone,
      "RegionId", rapport_account_get_effective_setting (account, "region"),
      "SignName", rapport_account_get_setting (account, "sign-name"),
      "SignatureMethod", "HMAC-SHA1",
      "SignatureNonce", nonce,
      "SignatureVersion", "1.0",
      "TemplateCode", rapport_account_get_setting (account, "template-code"),
      "TemplateParam", template_param,
      "Timestamp", timestamp,
      "Version", "2017-05-25",
      NULL,
    };

    signature = rapport_aliyun_signature ("POST", params, self->secret != NULL ? self->secret : "");
    query = rapport_aliyun_canonical_query (params);
  }

  encoded_signature = rapport_aliyun_percent_encode (signature);
  body = g_strconcat (query, "&Signature=", encoded_signature, NULL);
  headers = curl_slist_append (headers, "Content-Type: application/x-www-form-urlencoded");

  {
    HttpRequest request = {
      "POST", rapport_account_get_effective_setting (account, "endpoint"), headers, body, NULL,
    };

    ok = http_perform (self, &request, cancellable, &status, error);
  }
  curl_slist_free_all (headers);
  if (!ok)
    return FALSE;

  object = parse_object (self, parser);
  if (object == NULL || !json_object_has_member (object, "Code"))
    return http_status_error (self, status >= 200 && status < 300 ? 502 : status, NULL, error);

  code = json_object_get_string_member_with_default (object, "Code", "");
  if (strcmp (code, "OK") == 0)
    {
      set_last_answer (self, json_object_get_string_member_with_default (object, "Message", "OK"));
      if (out_provider_id != NULL)
        *out_provider_id = g_strdup (json_object_get_string_member_with_default (object, "BizId", NULL));
      return TRUE;
    }

  {
    g_autofree char *detail = g_strdup_printf ("%s (%s)",
                                               json_object_get_string_member_with_default (object, "Message", ""),
                                               code);

    if (g_str_has_prefix (code, "isv.BUSINESS_LIMIT_CONTROL") || g_str_has_prefix (code, "Throttling") ||
        g_str_has_prefix (code, "isv.DAY_LIMIT_CONTROL") || strcmp (code, "ServiceUnavailable") == 0 ||
        g_str_has_prefix (code, "InternalError"))
      return send_error (self, error, RAPPORT_SEND_ERROR_TEMPORARY,
                         _("The gateway cannot take the message now: %s"), detail);
    if (g_str_has_prefix (code, "InvalidAccessKeyId") || strcmp (code, "SignatureDoesNotMatch") == 0 ||
        strcmp (code, "IncompleteSignature") == 0 || g_str_has_prefix (code, "Forbidden") ||
        strcmp (code, "isv.ACCOUNT_NOT_EXISTS") == 0)
      return send_error (self, error, RAPPORT_SEND_ERROR_AUTHENTICATION,
                         _("The gateway refused the credentials: %s"), detail);

    return send_error (self, error, RAPPORT_SEND_ERROR_PERMANENT,
                       _("The gateway refused the message: %s"), detail);
  }
}

static gboolean
send_tencent (RapportSender          *self,
              const RapportOutgoing  *msg,
              GCancellable           *cancellable,
              char                  **out_provider_id,
              GError                **error)
{
  RapportAccount *account = self->account;
  const char *endpoint = rapport_account_get_effective_setting (account, "endpoint");
  const char *content_type = "application/json; charset=utf-8";
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GUri) uri = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *host = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *header = NULL;
  struct curl_slist *headers = NULL;
  JsonObject *object;
  JsonObject *response;
  gint64 timestamp = rapport_clock_now (self->clock);
  long status = 0;
  gboolean ok;

  uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return send_error (self, error, RAPPORT_SEND_ERROR_PERMANENT, _("The gateway’s address must start with https://"));
  host = g_uri_get_port (uri) > 0 ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri))
                                  : g_strdup (g_uri_get_host (uri));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "PhoneNumberSet");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, msg->recipient);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "SmsSdkAppId");
  json_builder_add_string_value (builder, rapport_account_get_setting (account, "sdk-app-id"));
  json_builder_set_member_name (builder, "SignName");
  json_builder_add_string_value (builder, rapport_account_get_setting (account, "sign-name"));
  json_builder_set_member_name (builder, "TemplateId");
  json_builder_add_string_value (builder, rapport_account_get_setting (account, "template-id"));
  json_builder_set_member_name (builder, "TemplateParamSet");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, msg->body);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "SessionContext");
  json_builder_add_string_value (builder, msg->message_uuid);
  json_builder_end_object (builder);
  payload = builder_to_string (builder);

  {
    RapportTc3Request request = {
      .secret_id = rapport_account_get_setting (account, "secret-id"),
      .secret_key = self->secret != NULL ? self->secret : "",
      .service = "sms",
      .host = host,
      .method = "POST",
      .content_type = content_type,
      .payload = payload,
      .timestamp = timestamp,
    };

    signature = rapport_tc3_signature (&request, &authorization);
  }

  header = g_strconcat ("Authorization: ", authorization, NULL);
  headers = curl_slist_append (headers, header);
  g_clear_pointer (&header, g_free);
  header = g_strconcat ("Content-Type: ", content_type, NULL);
  headers = curl_slist_append (headers, header);
  g_clear_pointer (&header, g_free);
  header = g_strconcat ("Host: ", host, NULL);
  headers = curl_slist_append (headers, header);
  g_clear_pointer (&header, g_free);
  headers = curl_slist_append (headers, "X-TC-Action: SendSms");
  headers = curl_slist_append (headers, "X-TC-Version: 2021-01-11");
  header = g_strdup_printf ("X-TC-Timestamp: %" G_GINT64_FORMAT, timestamp);
  headers = curl_slist_append (headers, header);
  g_clear_pointer (&header, g_free);
  header = g_strconcat ("X-TC-Region: ", rapport_account_get_effective_setting (account, "region"), NULL);
  headers = curl_slist_append (headers, header);

  {
    HttpRequest request = { "POST", endpoint, headers, payload, NULL };

    ok = http_perform (self, &request, cancellable, &status, error);
  }
  curl_slist_free_all (headers);
  if (!ok)
    return FALSE;

  object = parse_object (self, parser);
  if (object == NULL || !json_object_has_member (object, "Response") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "Response")))
    return http_status_error (self, status >= 200 && status < 300 ? 502 : status, NULL, error);

  response = json_object_get_object_member (object, "Response");

  if (json_object_has_member (response, "Error") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (response, "Error")))
    {
      JsonObject *failure = json_object_get_object_member (response, "Error");
      const char *code = json_object_get_string_member_with_default (failure, "Code", "");
      g_autofree char *detail = g_strdup_printf ("%s (%s)",
                                                 json_object_get_string_member_with_default (failure, "Message", ""),
                                                 code);

      if (g_str_has_prefix (code, "AuthFailure"))
        return send_error (self, error, RAPPORT_SEND_ERROR_AUTHENTICATION,
                           _("The gateway refused the credentials: %s"), detail);
      if (g_str_has_prefix (code, "LimitExceeded") || g_str_has_prefix (code, "RequestLimitExceeded") ||
          g_str_has_prefix (code, "InternalError"))
        return send_error (self, error, RAPPORT_SEND_ERROR_TEMPORARY,
                           _("The gateway cannot take the message now: %s"), detail);
      return send_error (self, error, RAPPORT_SEND_ERROR_PERMANENT,
                         _("The gateway refused the message: %s"), detail);
    }

  if (json_object_has_member (response, "SendStatusSet"))
    {
      JsonArray *set = json_object_get_array_member (response, "SendStatusSet");
      JsonObject *first = set != NULL && json_array_get_length (set) > 0
                          ? json_array_get_object_element (set, 0) : NULL;

      if (first != NULL)
        {
          const char *code = json_object_get_string_member_with_default (first, "Code", "");
          const char *text = json_object_get_string_member_with_default (first, "Message", "");
          g_autofree char *detail = g_strdup_printf ("%s (%s)", text, code);

          if (g_ascii_strcasecmp (code, "Ok") == 0)
            {
              set_last_answer (self, text);
              if (out_provider_id != NULL)
                *out_provider_id = g_strdup (json_object_get_string_member_with_default (first, "SerialNo", NULL));
              return TRUE;
            }

          if (g_str_has_prefix (code, "LimitExceeded") || g_str_has_prefix (code, "InternalError"))
            return send_error (self, error, RAPPORT_SEND_ERROR_TEMPORARY,
                               _("The gateway cannot take the message now: %s"), detail);
          return send_error (self, error, RAPPORT_SEND_ERROR_PERMANENT,
                             _("The gateway refused the message: %s"), detail);
        }
    }

  return http_status_error (self, status >= 200 && status < 300 ? 502 : status, NULL, error);
}

/* application/x-www-form-urlencoded, every reserved byte escaped. */
static char *
form_encode (const char *text)
{
  return rapport_aliyun_percent_encode (text);
}

static gboolean
send_twilio (RapportSender          *self,
             const RapportOutgoing  *msg,
             GCancellable           *cancellable,
             char                  **out_provider_id,
             GError                **error)
{
  RapportAccount *account = self->account;
  const char *endpoint = rapport_account_get_effective_setting (account, "endpoint");
  const char *sid = rapport_account_get_setting (account, "account-sid");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *escaped_sid = g_uri_escape_string (sid, NULL, FALSE);
  g_autofree char *url = NULL;
  g_autofree char *to = form_encode (msg->recipient);
  g_autofree char *from = form_encode (rapport_account_get_setting (account, "from"));
  g_autofree char *text = form_encode (msg->body);
  g_autofree char *body = NULL;
  struct curl_slist *headers = NULL;
  JsonObject *object;
  long status = 0;
  gboolean ok;

  url = g_strdup_printf ("%s%s2010-04-01/Accounts/%s/Messages.json",
                         endpoint, g_str_has_suffix (endpoint, "/") ? "" : "/", escaped_sid);
  body = g_strdup_printf ("To=%s&From=%s&Body=%s", to, from, text);
  headers = curl_slist_append (headers, "Content-Type: application/x-www-form-urlencoded");

  {
    HttpRequest request = { "POST", url, headers, body, sid };

    ok = http_perform (self, &request, cancellable, &status, error);
  }
  curl_slist_free_all (headers);
  if (!ok)
    return FALSE;

  object = parse_object (self, parser);

  if (status >= 200 && status < 300)
    {
      set_last_answer (self, object != NULL
                       ? json_object_get_string_member_with_default (object, "status", "queued")
                       : "queued");
      if (out_provider_id != NULL && object != NULL)
        *out_provider_id = g_strdup (json_object_get_string_member_with_default (object, "sid", NULL));
      return TRUE;
    }

  return http_status_error (self, status,
                            object != NULL ? json_object_get_string_member_with_default (object, "message", NULL)
                                           : NULL,
                            error);
}

static char *
json_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

/* @template with {to} and {text} replaced by @to and @text, escaped for
 * where they go: the values are data, never syntax. */
static char *
fill_template (const char *template,
               const char *to,
               const char *text,
               gboolean    json)
{
  g_autofree char *escaped_to = json ? json_escape (to) : form_encode (to);
  g_autofree char *escaped_text = json ? json_escape (text) : form_encode (text);
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      if (g_str_has_prefix (p, "{to}"))
        {
          g_string_append (out, escaped_to);
          p += strlen ("{to}");
        }
      else if (g_str_has_prefix (p, "{text}"))
        {
          g_string_append (out, escaped_text);
          p += strlen ("{text}");
        }
      else
        {
          g_string_append_c (out, *p++);
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
send_http (RapportSender          *self,
           const RapportOutgoing  *msg,
           GCancellable           *cancellable,
           char                  **out_provider_id,
           GError                **error)
{
  RapportAccount *account = self->account;
  const char *url = rapport_account_get_setting (account, "url");
  const char *method = rapport_account_get_effective_setting (account, "method");
  const char *auth_header = rapport_account_get_setting (account, "auth-header");
  const char *success = rapport_account_get_setting (account, "success-status");
  gboolean json = g_strcmp0 (rapport_account_get_effective_setting (account, "body"), "json") == 0 &&
                  g_ascii_strcasecmp (method, "POST") == 0;
  const char *template = rapport_account_get_setting (account, "body-template");
  g_autofree char *filled = NULL;
  g_autofree char *full_url = NULL;
  g_autofree char *auth = NULL;
  struct curl_slist *headers = NULL;
  gboolean is_get = g_ascii_strcasecmp (method, "GET") == 0;
  long status = 0;
  gboolean ok;

  if (template == NULL)
    template = json ? "{\"to\":\"{to}\",\"text\":\"{text}\"}" : "to={to}&text={text}";

  filled = fill_template (template, msg->recipient, msg->body, json);

  if (is_get)
    full_url = g_strconcat (url, strchr (url, '?') != NULL ? "&" : "?", filled, NULL);

  headers = curl_slist_append (headers, json ? "Content-Type: application/json; charset=utf-8"
                                             : "Content-Type: application/x-www-form-urlencoded");
  if (auth_header != NULL)
    {
      auth = g_strdup_printf ("%s: %s", auth_header, self->secret != NULL ? self->secret : "");
      headers = curl_slist_append (headers, auth);
      memset (auth, 0, strlen (auth));
    }

  {
    HttpRequest request = {
      is_get ? "GET" : "POST", is_get ? full_url : url, headers, is_get ? NULL : filled, NULL,
    };

    ok = http_perform (self, &request, cancellable, &status, error);
  }

  /* The list holds its own copy of the header with the secret: wipe it. */
  for (struct curl_slist *item = headers; item != NULL; item = item->next)
    memset (item->data, 0, strlen (item->data));
  curl_slist_free_all (headers);

  if (!ok)
    return FALSE;

  if (success != NULL ? status == g_ascii_strtoll (success, NULL, 10) : (status >= 200 && status < 300))
    {
      g_autofree char *answer = shown_body (self);

      set_last_answer (self, answer);
      if (out_provider_id != NULL)
        *out_provider_id = NULL;
      return TRUE;
    }

  return http_status_error (self, status, NULL, error);
}

gboolean
rapport_sender_send (RapportSender          *self,
                     const RapportOutgoing  *msg,
                     GCancellable           *cancellable,
                     char                  **out_provider_id,
                     GError                **error)
{
  const char *provider;

  g_return_val_if_fail (RAPPORT_IS_SENDER (self), FALSE);
  g_return_val_if_fail (msg != NULL && msg->body != NULL && msg->message_uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_provider_id != NULL)
    *out_provider_id = NULL;
  g_clear_pointer (&self->last_answer, g_free);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (self->curl == NULL)
    self->curl = curl_easy_init ();
  if (self->curl == NULL)
    return send_error (self, error, RAPPORT_SEND_ERROR_TEMPORARY, _("Could not start a connection (out of memory)"));

  if (rapport_sender_account_needs_secret (self->account) && self->secret == NULL)
    return send_error (self, error, RAPPORT_SEND_ERROR_NO_SECRET,
                       _("The account’s password or key is not in the keyring: enter it in Preferences"));

  provider = rapport_account_get_provider (self->account);

  if (strcmp (provider, RAPPORT_PROVIDER_SMTP) == 0)
    return send_mail (self, msg, cancellable, out_provider_id, error);

  if (!check_phone (self, msg, error))
    return FALSE;

  if (strcmp (provider, RAPPORT_PROVIDER_ALIYUN) == 0)
    return send_aliyun (self, msg, cancellable, out_provider_id, error);
  if (strcmp (provider, RAPPORT_PROVIDER_TENCENT) == 0)
    return send_tencent (self, msg, cancellable, out_provider_id, error);
  if (strcmp (provider, RAPPORT_PROVIDER_TWILIO) == 0)
    return send_twilio (self, msg, cancellable, out_provider_id, error);
  return send_http (self, msg, cancellable, out_provider_id, error);
}

/* Send Test */

typedef struct
{
  RapportAccount *account;
  char *recipient;
  char *ca_file;
} SendTestData;

static void
send_test_data_free (gpointer data)
{
  SendTestData *test = data;

  g_clear_object (&test->account);
  g_free (test->recipient);
  g_free (test->ca_file);
  g_free (test);
}

static void
send_test_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      data,
                  GCancellable *cancellable)
{
  SendTestData *test = data;
  g_autoptr (RapportSender) sender = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  char *secret = NULL;
  GError *error = NULL;
  RapportOutgoing msg = {
    .recipient = test->recipient,
    .subject = _("Rapport test message"),
    .body = _("This is a test message from Rapport. If it reached you, the account is set up correctly."),
    .message_uuid = uuid,
  };

  if (rapport_sender_account_needs_secret (test->account))
    {
      secret = rapport_secrets_lookup_sync (rapport_account_get_uuid (test->account), cancellable, &error);
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (secret == NULL)
        {
          g_task_return_new_error (task, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_NO_SECRET, "%s",
                                   _("The account’s password or key is not in the keyring: enter it in Preferences"));
          return;
        }
    }

  sender = rapport_sender_new (test->account, secret, &error);
  rapport_secrets_free (secret);
  if (sender == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (test->ca_file != NULL)
    rapport_sender_set_ca_file (sender, test->ca_file);

  if (!rapport_sender_send (sender, &msg, cancellable, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_strdup (rapport_sender_get_last_answer (sender)), g_free);
}

void
rapport_sender_send_test_with_ca_async (RapportAccount       *account,
                                        const char           *recipient,
                                        const char           *ca_file,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  SendTestData *test;

  g_return_if_fail (RAPPORT_IS_ACCOUNT (account));
  g_return_if_fail (recipient != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_sender_send_test_async);
  test = g_new0 (SendTestData, 1);
  test->account = rapport_account_copy (account);
  test->recipient = g_strdup (recipient);
  test->ca_file = g_strdup (ca_file);
  g_task_set_task_data (task, test, send_test_data_free);
  g_task_run_in_thread (task, send_test_thread);
}

void
rapport_sender_send_test_async (RapportAccount       *account,
                                const char           *recipient,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  rapport_sender_send_test_with_ca_async (account, recipient, NULL, cancellable, callback, user_data);
}

char *
rapport_sender_send_test_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
