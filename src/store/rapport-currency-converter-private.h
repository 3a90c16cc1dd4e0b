/* rapport-currency-converter-private.h
 *
 * Amounts in other currencies brought to one currency at the user's rates
 * (currency_rate, issue 10), for the tier recomputation and the reports
 * alike. A rate is per whole unit ("1 USD = 7.1 CNY"); the minor units'
 * digits are accounted for (1 JPY = 0.048 CNY makes one yen 4.8 fen). A
 * currency without a rate is remembered, so callers can name what they
 * left out rather than drop it silently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-database.h"

G_BEGIN_DECLS

typedef struct _RapportCurrencyConverter RapportCurrencyConverter;

/* Reads the rates on @db; amounts are brought to @target's minor units. */
RapportCurrencyConverter *_rapport_currency_converter_new         (RapportDatabase          *db,
                                                                   const char               *target,
                                                                   GError                  **error);
void                      _rapport_currency_converter_free        (RapportCurrencyConverter *self);
const char               *_rapport_currency_converter_get_target  (RapportCurrencyConverter *self);
/* What one minor unit of @currency is worth in the target's minor units;
 * NULL (and @currency remembered) when it has no rate. */
const double             *_rapport_currency_converter_get_factor  (RapportCurrencyConverter *self,
                                                                   const char               *currency);
/* @amount (minor units of @currency) in the target's; FALSE (and @currency
 * remembered) when it has no rate. A NULL @currency is the target. */
gboolean                  _rapport_currency_converter_convert     (RapportCurrencyConverter *self,
                                                                   const char               *currency,
                                                                   double                    amount,
                                                                   double                   *out_amount);
/* The currencies met without a rate, sorted; never NULL. */
GStrv                     _rapport_currency_converter_dup_missing (RapportCurrencyConverter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCurrencyConverter, _rapport_currency_converter_free)

G_END_DECLS
