/* rapport-url.h
 *
 * Websites of customers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Accepts a web address with or without its scheme ("example.com",
 * "www.example.com/shop", "https://example.com/x?y=1"): http or https only, a
 * host name with a dot (or localhost), no user name before it, no spaces.
 * @out_normalized gets the trimmed, NFKC text as typed (the scheme is not
 * added). Fails with RAPPORT_VALIDATION_ERROR_INVALID_URL. */
gboolean  rapport_url_normalize      (const char  *input,
                                      char       **out_normalized,
                                      GError     **error);

/* The address a browser opens for a customer's website: @website as
 * rapport_url_normalize() accepts it, with "https://" added when it has no
 * scheme. NULL for anything else, so that a "javascript:" or "file:" address
 * that came in from a file never reaches the browser. */
char     *rapport_url_to_launch_uri  (const char  *website);

G_END_DECLS
