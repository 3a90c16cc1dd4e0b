/* rapport-sender.h
 *
 * Sends messages through one account: mail over SMTP (libcurl; STARTTLS,
 * implicit TLS, or none), SMS through a gateway's HTTPS API (Aliyun,
 * Tencent Cloud, Twilio-compatible, or a generic HTTP gateway). The outbox
 * uses one sender per batch on a worker thread (rapport_sender_send is
 * synchronous; mail reuses one SMTP connection across calls); "Send Test"
 * uses rapport_sender_send_test_async.
 *
 * Certificates are always verified (a bad one is RAPPORT_SEND_ERROR_CERTIFICATE,
 * never a downgrade). Failures are RAPPORT_SEND_ERROR codes
 * (rapport-send-error.h) with the server's or gateway's answer in the
 * message; the secret is never in a message, a log or a URL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-account.h"
#include "rapport-clock.h"
#include "rapport-send-error.h"

G_BEGIN_DECLS

typedef struct
{
  const char *recipient;        /* an e-mail address, or a phone number in E.164 */
  const char *recipient_name;   /* nullable; the mail's To name */
  const char *subject;          /* mail only; nullable */
  const char *body;
  const char *message_uuid;     /* travels to the provider: Message-ID, Aliyun OutId, Tencent SessionContext */
} RapportOutgoing;

#define RAPPORT_TYPE_SENDER (rapport_sender_get_type ())

G_DECLARE_FINAL_TYPE (RapportSender, rapport_sender, RAPPORT, SENDER, GObject)

/* @account is copied; @secret (nullable: no AUTH, or a gateway without
 * one) is copied and wiped when the sender goes. NULL with
 * RAPPORT_SEND_ERROR_PERMANENT when the account is not valid. */
RapportSender *rapport_sender_new          (RapportAccount   *account,
                                            const char       *secret,
                                            GError          **error);

/* Tests: trust the loopback peer's certificate (the app uses the system's). */
void           rapport_sender_set_ca_file  (RapportSender    *self,
                                            const char       *path);
/* Where the Date header and signature timestamps come from (default: the
 * default clock). */
void           rapport_sender_set_clock    (RapportSender    *self,
                                            RapportClock     *clock);

/* Sends @msg; on a worker thread. @out_provider_id (optional) gets the
 * provider's id for it: the SMTP server's queue id ("queued as …") or the
 * Message-ID, Aliyun's BizId, Tencent's SerialNo, Twilio's sid; NULL for a
 * generic gateway. */
gboolean       rapport_sender_send         (RapportSender          *self,
                                            const RapportOutgoing  *msg,
                                            GCancellable           *cancellable,
                                            char                  **out_provider_id,
                                            GError                **error);
/* The last answer of the server or gateway (e.g. "250 2.0.0 Ok: queued as
 * 4F2"), or NULL. */
const char    *rapport_sender_get_last_answer (RapportSender *self);
/* Closes the SMTP connection (also done when the sender is finalized). */
void           rapport_sender_close        (RapportSender    *self);

/* Looks up the account's secret in the keyring, sends a short test message
 * to @recipient and returns the server's answer for the UI. NO_SECRET when
 * the account needs one and none is stored; keyring errors as they are
 * (RAPPORT_SECRETS_ERROR). */
void           rapport_sender_send_test_async  (RapportAccount       *account,
                                                const char           *recipient,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
char          *rapport_sender_send_test_finish (GAsyncResult         *result,
                                                GError              **error);
/* Tests: the same with a CA file (see rapport_sender_set_ca_file). */
void           rapport_sender_send_test_with_ca_async (RapportAccount       *account,
                                                       const char           *recipient,
                                                       const char           *ca_file,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);

/* Whether sending through @account needs a secret from the keyring. */
gboolean       rapport_sender_account_needs_secret (RapportAccount *account);

G_END_DECLS
