/* rapport-tier-store.h
 *
 * Value tiers (issue 10): the computed tier beside the user's manual one,
 * every change with its one-line reason, currency rates, potential (set by
 * hand or suggested) and the recomputation from the orders. Included by
 * rapport-store.h.
 *
 * customer.tier stays the tier in force (the manual one if set, else the
 * computed one), which every filter, the churn rules and service priorities
 * read. Writes are one transaction each, announced on the change bus
 * (RAPPORT_ENTITY_KIND_CUSTOMER for the customers touched, plus
 * RAPPORT_ENTITY_KIND_CURRENCY_RATE for rates).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-tier-rules.h"

G_BEGIN_DECLS

/* One customer's tiers. */
typedef struct {
  RapportTier      tier;             /* in force */
  gboolean         has_manual;
  RapportTier      manual;           /* when has_manual */
  gboolean         has_computed;     /* FALSE until the first recomputation */
  RapportTier      computed;
  char            *computed_reason;  /* the last recomputation's line, or NULL */
  RapportPotential potential;        /* in force */
  gboolean         potential_is_manual;
  RapportPotential suggested_potential;
  char            *potential_reason; /* why it is suggested, or NULL */
} RapportCustomerTiers;

void                  rapport_customer_tiers_free (RapportCustomerTiers *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCustomerTiers, rapport_customer_tiers_free)

RapportCustomerTiers *rapport_store_get_customer_tiers  (RapportDatabase  *db,
                                                         gint64            customer_id,
                                                         GError          **error);
/* Sets the manual tier (recorded as a change, why: "Set by hand"); it stays
 * until cleared. */
gboolean              rapport_store_set_manual_tier     (RapportDatabase  *db,
                                                         gint64            customer_id,
                                                         RapportTier       tier,
                                                         GError          **error);
/* Back to the computed tier (lead if never computed), recorded as a change. */
gboolean              rapport_store_clear_manual_tier   (RapportDatabase  *db,
                                                         gint64            customer_id,
                                                         GError          **error);
gboolean              rapport_store_set_manual_potential (RapportDatabase *db,
                                                          gint64           customer_id,
                                                          RapportPotential potential,
                                                          GError         **error);
gboolean              rapport_store_clear_manual_potential (RapportDatabase *db,
                                                            gint64           customer_id,
                                                            GError         **error);

/* A recorded tier change. */
typedef struct {
  gint64       id;
  gint64       customer_id;
  RapportTier  from;
  RapportTier  to;
  gint64       changed_at;   /* UTC unix seconds */
  gboolean     by_hand;      /* a manual tier set or cleared */
  char        *reason;       /* the one line shown */
} RapportTierChange;

void rapport_tier_change_free (RapportTierChange *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportTierChange, rapport_tier_change_free)

/* Newest first; GPtrArray of RapportTierChange, at most @limit. */
GPtrArray            *rapport_store_list_tier_changes   (RapportDatabase  *db,
                                                         gint64            customer_id,
                                                         guint             limit,
                                                         GError          **error);

/* Currency rates: how many units of the default currency one unit of
 * @currency is worth (e.g. USD→CNY 7.1, JPY→CNY 0.048); the recomputation
 * accounts for the minor units' digits. A rate must be > 0. Codes are
 * stored upper case. Announced as RAPPORT_ENTITY_KIND_CURRENCY_RATE, id 0. */
typedef struct {
  char   *currency;
  double  rate;
  gint64  updated_at;
} RapportCurrencyRate;

void rapport_currency_rate_free (RapportCurrencyRate *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCurrencyRate, rapport_currency_rate_free)

/* By currency code; GPtrArray of RapportCurrencyRate. */
GPtrArray            *rapport_store_list_currency_rates (RapportDatabase  *db,
                                                         GError          **error);
gboolean              rapport_store_set_currency_rate   (RapportDatabase  *db,
                                                         const char       *currency,
                                                         double            rate,
                                                         GError          **error);
gboolean              rapport_store_remove_currency_rate (RapportDatabase *db,
                                                          const char      *currency,
                                                          GError         **error);
/* Currencies used by live orders other than @default_currency that have no
 * rate (sorted), so the UI can flag them. */
GStrv                 rapport_store_list_currencies_without_rate (RapportDatabase *db,
                                                                  const char      *default_currency,
                                                                  GError         **error);

/* What a recomputation did. */
typedef struct {
  guint    n_customers;       /* ranked */
  guint    n_with_orders;     /* with a positive contribution */
  guint    n_changed;         /* computed tier changed */
  /* Moves of the tier in force (customers without a manual tier) into
   * platinum or gold (gold → platinum included) and out of them
   * (platinum → gold included), for the notification. */
  GPtrArray *moved_up;        /* RapportTierChange */
  GPtrArray *moved_down;      /* RapportTierChange */
  GStrv    missing_rates;     /* currencies left out for want of a rate */
  char    *not_computed_reason; /* set when nothing could be computed ("No orders in the last 12 months"); tiers untouched */
  gint64   ran_at;
} RapportTierRun;

void rapport_tier_run_free (RapportTierRun *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportTierRun, rapport_tier_run_free)

/* Recomputes every live customer's computed tier and suggested potential
 * from orders dated in the @rules period ending @today (YYYY-MM-DD), in
 * @default_currency, in one transaction; records a change for each move.
 * Run it on a worker connection. */
RapportTierRun       *rapport_store_recompute_tiers     (RapportDatabase        *db,
                                                         const RapportTierRules *rules,
                                                         const char             *default_currency,
                                                         const char             *today,
                                                         GCancellable           *cancellable,
                                                         GError                **error);
/* The last recomputation's time (0 if never) and its not-computed reason. */
gint64                rapport_store_get_last_tier_run   (RapportDatabase        *db,
                                                         char                  **out_reason,
                                                         GError                **error);

G_END_DECLS
