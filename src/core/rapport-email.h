/* rapport-email.h
 *
 * E-mail addresses, normalised for storage and duplicate detection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NFKC (full-width "＠" → "@"), trimmed and lowercased; "Wang <wang@example.com>"
 * gives the address inside the brackets. Valid when it has exactly one @, a local
 * part (at most 64 characters, no spaces, no leading, trailing or double dot) and
 * a domain of dot-separated labels (letters, digits, "-", not at a label's ends),
 * at most 254 characters in all. Non-ASCII letters are allowed (internationalised
 * addresses). Fails with RAPPORT_VALIDATION_ERROR_INVALID_EMAIL and a message
 * quoting the input ("“foo” is not an e-mail address: it has no @"). */
gboolean rapport_email_normalize (const char  *input,
                                  char       **out_normalized,
                                  GError     **error);

/* The "mailto:" URI (RFC 6068) that opens the desktop's mail app on a new
 * message to @address, percent-encoding what a mailto URI cannot carry as it
 * is (non-ASCII letters, "%", "?", "&", "#", "/"). NULL when @address is not
 * an e-mail address. */
char     *rapport_email_to_mailto_uri (const char *address);

G_END_DECLS
