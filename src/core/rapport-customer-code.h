/* rapport-customer-code.h
 *
 * Customer codes: short, unique, editable ids like "SY001", proposed from the
 * pinyin initials of the name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_CUSTOMER_CODE_MAX_CHARS 20

/* Uppercase initials of the first two words of the name, a Han character being a
 * word ("速阳有限公司" → "SY", "Acme Trading" → "AT", "王" → "W"); a single Latin
 * word gives its first two letters ("Acme" → "AC"). A leading surname takes its
 * surname reading (曾 → "Z"). Words without a letter are skipped; a name with
 * none at all (emoji only) gives "C". */
char     *rapport_customer_code_prefix     (const char  *name);
/* @prefix and @n with at least three digits: "SY001", "SY1000". */
char     *rapport_customer_code_format     (const char  *prefix,
                                            guint        n);
/* NFKC, trimmed, uppercase: "  sy００１ " → "SY001". */
char     *rapport_customer_code_normalize  (const char  *code);
/* Valid when its normalised form has 1 to RAPPORT_CUSTOMER_CODE_MAX_CHARS of
 * A–Z, 0–9, "-" and "_". Errors: EMPTY, TOO_LONG, INVALID_CODE. */
gboolean  rapport_customer_code_validate   (const char  *code,
                                            GError     **error);

G_END_DECLS
