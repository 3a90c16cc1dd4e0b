/* rapport-money.h
 *
 * Amounts of money: integers in minor units (fen, cents) of an ISO 4217
 * currency, never floating point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses an amount as typed into minor units of @currency: "1,234.50" → 123450
 * for CNY, "¥1234.5", "１２３４", "1234 元", "USD 12" are fine. Thousands
 * separators must group by three. Fails with INVALID_AMOUNT (not a number, more
 * decimals than the currency has, too large) or NEGATIVE_AMOUNT (below zero). */
gboolean            rapport_money_parse          (const char  *text,
                                                  const char  *currency,
                                                  gint64      *out_minor,
                                                  GError     **error);
/* "¥1,234.50", "$12.00", "€3.10", "£5.00", "HK$1.00", "NT$1.00", "JP¥1,000",
 * "₩1,000", other codes "CHF 1.00"; negative amounts as "-¥1.00". */
char               *rapport_money_format         (gint64       minor,
                                                  const char  *currency);
/* The amount without a symbol: "1,234.50". */
char               *rapport_money_format_plain   (gint64       minor,
                                                  const char  *currency);

/* Decimal digits of the minor unit: 0 for JPY, KRW and VND, 2 for the others. */
guint               rapport_currency_get_digits  (const char  *code);
/* The currencies offered in the UI, NULL-terminated, CNY first. */
const char * const *rapport_currency_get_common  (void);
/* Three uppercase ASCII letters. */
gboolean            rapport_currency_is_valid    (const char  *code);
/* A translated name for the common currencies ("Chinese yuan"), else the code. */
const char         *rapport_currency_get_name    (const char  *code);

G_END_DECLS
