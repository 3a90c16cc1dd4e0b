/* rapport-text.h
 *
 * Normalisation and validation of the free text users type: names, codes,
 * search strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_NAME_MAX_CHARS 200

/* NFKC (full-width "ＡＢＣ１２３" → "ABC123", U+3000 → space), control and
 * zero-width characters dropped, whitespace trimmed and inner runs collapsed to
 * one space. Invalid UTF-8 is repaired first (g_utf8_make_valid). NULL gives "". */
char     *rapport_text_normalize              (const char  *text);

/* rapport_text_normalize () of all-ASCII @text, quicker, and lower case if
 * @lowercase; NULL when @text is not all ASCII (then call the other). */
char     *rapport_text_normalize_ascii        (const char  *text,
                                               gboolean     lowercase);

/* @text cut to at most @max_chars characters, with "…" when cut: for quoting a
 * value inside a message. */
char     *rapport_text_truncate               (const char  *text,
                                               guint        max_chars);

/* A name (customer, contact, tag) is valid when its normalised form is not empty
 * and at most RAPPORT_NAME_MAX_CHARS characters long. Any script, emoji, quotes
 * or markup are fine: they are data. Errors: EMPTY, TOO_LONG. */
gboolean  rapport_name_validate               (const char  *name,
                                               GError     **error);

/* The key that duplicate detection compares: NFKC, casefolded, with whitespace,
 * punctuation and symbols removed ("ACME Trading, Ltd." and "acme trading ltd"
 * match). A name of symbols only (emoji) keeps them, so it still has a key. */
char     *rapport_name_normalize_for_match    (const char  *name);

/* rapport_name_normalize_for_match () of @name without its company suffixes
 * (有限公司, 有限责任公司, 股份有限公司, 集团, 公司, 商行, 工作室; Co., Ltd.,
 * Limited, Inc., LLC, GmbH, Corp., Corporation, Company, PLC), so that
 * "速阳有限公司" and "速阳公司", "SuYang Co., Ltd." and "suyang ltd" match. A name
 * that is nothing but a suffix keeps its whole key, never "". */
char     *rapport_name_company_key            (const char  *name);

G_END_DECLS
