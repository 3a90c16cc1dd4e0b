/* rapport-mail-message.h
 *
 * The MIME text of one plain-text mail (RFC 5322, RFC 2045–2047): headers
 * folded at 76 columns, UTF-8 names and subject as RFC 2047 encoded words,
 * a base64 body, CRLF line ends. Addresses are checked before anything is
 * written: no CR, LF, comma, semicolon, angle bracket or "=?" in an address,
 * no CR or LF in a name, so nothing a customer's record holds can add a
 * header or a recipient. Display names are always quoted or encoded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-send-error.h"

G_BEGIN_DECLS

typedef struct
{
  const char *from_name;      /* nullable */
  const char *from_address;
  const char *to_name;        /* nullable */
  const char *to_address;
  const char *subject;        /* nullable: an empty subject */
  const char *body;           /* UTF-8; any line ends, sent as CRLF */
  const char *message_uuid;   /* the Message-ID is <uuid@sender's domain> */
  GDateTime  *date;           /* the Date header, in its own offset */
} RapportMailEnvelope;

/* The whole message, or NULL with RAPPORT_SEND_ERROR_INVALID_ADDRESS (an
 * address or name that could inject) or _PERMANENT (text that is not UTF-8). */
char     *rapport_mail_message_build     (const RapportMailEnvelope  *env,
                                          GError                    **error);

/* @address checked as above, its domain converted to ASCII with IDNA 2008
 * (例子.中国 → xn--fsqu00a.xn--fiqs8s). The local part must be ASCII (SMTPUTF8
 * is not used). RAPPORT_SEND_ERROR_INVALID_ADDRESS with a user message. */
char     *rapport_mail_address_to_ascii  (const char                 *address,
                                          GError                    **error);

/* @text as RFC 2047 "B" encoded words of at most 64 characters each, joined
 * by " " (for a header: fold between words); ASCII text without specials is
 * returned as it is. */
char     *rapport_mail_encode_words      (const char                 *text);

G_END_DECLS
