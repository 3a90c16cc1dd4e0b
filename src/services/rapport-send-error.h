/* rapport-send-error.h
 *
 * Why a message could not be sent. The outbox decides from the code: it
 * retries TEMPORARY later, stops on the others, and marks UNCERTAIN messages
 * "unknown" (they may have been delivered, so they are never resent by
 * themselves). Messages are user-facing, include the server's or gateway's
 * answer where there is one, and never contain a secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_SEND_ERROR (rapport_send_error_quark ())

typedef enum
{
  RAPPORT_SEND_ERROR_TEMPORARY,        /* network, timeout before the data, SMTP 4xx, HTTP 429/5xx, rate limits */
  RAPPORT_SEND_ERROR_PERMANENT,        /* refused for good: SMTP 5xx, a gateway refusing the number or text */
  RAPPORT_SEND_ERROR_AUTHENTICATION,   /* wrong user, password, key or token */
  RAPPORT_SEND_ERROR_CERTIFICATE,      /* the server's certificate could not be verified */
  RAPPORT_SEND_ERROR_UNCERTAIN,        /* the connection dropped after the data went out: maybe delivered */
  RAPPORT_SEND_ERROR_INVALID_ADDRESS,  /* an address or name that cannot be sent to (checked before connecting) */
  RAPPORT_SEND_ERROR_NO_SECRET,        /* the account's password, key or token is not in the keyring */
} RapportSendError;

GQuark rapport_send_error_quark (void);

/* Whether the outbox should try @error's message again later. */
gboolean rapport_send_error_is_temporary (const GError *error);

G_END_DECLS
