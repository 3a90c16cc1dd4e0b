/* rapport-tier-prefs-page.h
 *
 * Preferences › Tiers (issue 10): how value tiers are cut (by share of
 * customers or by amount of orders), the three cut points and the period,
 * with the rule said in one sentence; an invalid rule shows why next to its
 * fields and is not saved. The currency rates orders in other currencies are
 * counted at (add, edit, remove), with the currencies of orders that have no
 * rate flagged. "Recompute Now" with its result, and when tiers were last
 * computed. A read-only book shows it all disabled, with the reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"
#include "rapport-tier-rules.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TIER_PREFS_PAGE (rapport_tier_prefs_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportTierPrefsPage, rapport_tier_prefs_page, RAPPORT, TIER_PREFS_PAGE, AdwPreferencesPage)

GtkWidget *rapport_tier_prefs_page_new            (RapportSession         *session);

/* The rule in one translated sentence: "The top 1% of customers by their
 * last 12 months’ orders are Platinum, the next 4% Gold, the next 15% Iron
 * and the rest Lead." Amounts are in @currency. */
char      *rapport_tier_prefs_describe_rules      (const RapportTierRules *rules,
                                                   const char             *currency);

/* A rate as the user reads it: "1 USD = 7.10 CNY" (@rate is per whole unit,
 * as the store keeps it). */
char      *rapport_tier_prefs_format_rate         (const char             *currency,
                                                   double                  rate,
                                                   const char             *default_currency);
/* Reads what the rate dialog holds: a currency code (any case, trimmed) and
 * the worth of one unit of it in @default_currency ("7.10"). FALSE with a
 * translated message naming the field; else the code and the rate. */
gboolean   rapport_tier_prefs_parse_rate          (const char             *currency_text,
                                                   const char             *rate_text,
                                                   const char             *default_currency,
                                                   char                  **out_currency,
                                                   double                 *out_rate,
                                                   char                  **out_message);

G_END_DECLS
