/* rapport-phone.h
 *
 * Phone numbers: normalised to E.164 for storage and duplicate detection,
 * formatted for display, and cut into digit strings for search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Normalises a number as typed to E.164, with ";ext=" for an extension:
 * "138 0013 8000" → "+8613800138000", "0512-6688 1234 转 808" →
 * "+8651266881234;ext=808", "+1 415 555 2671" → "+14155552671".
 *
 * Accepts full-width digits, spaces, dashes, dots, brackets, "+" or "00" before
 * a country code, "(0)" after one, and an extension after "转", "分机", "ext",
 * "ext.", "x", "#" or ",". A number without a country code takes
 * @default_country_code (digits, like "86"; NULL means "86") and drops its trunk
 * "0"; for China an 11-digit number starting with 1 is a mobile, and a landline
 * needs its area code.
 *
 * Fails with RAPPORT_VALIDATION_ERROR_INVALID_PHONE and a message quoting the
 * input when it is empty, has letters or other characters, or has fewer than 5
 * or more than 15 digits. A normalised number normalises to itself. */
gboolean   rapport_phone_normalize         (const char  *input,
                                            const char  *default_country_code,
                                            char       **out_normalized,
                                            GError     **error);

/* For display: national format when the number's country is
 * @default_country_code and is China or North America ("138 0013 8000",
 * "0512 6688 1234 ext. 808", "415 555 2671"), else international
 * ("+1 415 555 2671", "+44 20 7946 0958"). A string that is not a normalised
 * number is returned as it is. */
char      *rapport_phone_format            (const char  *normalized,
                                            const char  *default_country_code);

/* The digit strings of a normalised number that a search for any run of its
 * digits should match as substrings: country code and number
 * ("8613800138000", which covers "13800138000" and "8000"), and for numbers
 * dialled with a trunk "0" at home the national form too ("051266881234").
 * Extension digits are not included. NULL-terminated. */
char     **rapport_phone_search_digits     (const char  *normalized);

/* The URIs that hand a normalised number to the desktop's phone and messaging
 * apps: "tel:" (RFC 3966) with the extension kept as ";ext="
 * ("tel:+8651266881234;ext=808"), and "sms:" (RFC 5724) without it, since a
 * message cannot reach an extension ("sms:+8651266881234"). NULL when
 * @normalized is not a normalised number. */
char      *rapport_phone_to_tel_uri        (const char  *normalized);
char      *rapport_phone_to_sms_uri        (const char  *normalized);

G_END_DECLS
