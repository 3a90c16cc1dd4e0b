/* rapport-tier-repository.c
 *
 * Value tiers (see rapport-tier-store.h and migration 11): manual tiers and
 * potentials, the tier history, currency rates and the recomputation.
 *
 * The recomputation is one transaction on the caller's (worker) connection:
 * every live customer read once, the period's orders read once from the
 * report index and the open pipeline, summed and converted at the rates in
 * C; ranks by a sort (ties share one); the tiers decided by
 * rapport-tier-rules (the rule lives there); only the customers whose tier,
 * potential or reasons changed are written. A tier_change row is written for
 * each move of a computed tier, and the run is recorded in tier_run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-tier-repository"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rapport-date.h"
#include "rapport-money.h"
#include "rapport-store-private.h"
#include "rapport-tier-store-private.h"
#include "rapport-validation.h"

/* Rows between two looks at the cancellable. */
#define CANCEL_CHECK_ROWS 4096

void
rapport_customer_tiers_free (RapportCustomerTiers *self)
{
  if (self == NULL)
    return;
  g_free (self->computed_reason);
  g_free (self->potential_reason);
  g_free (self);
}

void
rapport_tier_change_free (RapportTierChange *self)
{
  if (self == NULL)
    return;
  g_free (self->reason);
  g_free (self);
}

void
rapport_currency_rate_free (RapportCurrencyRate *self)
{
  if (self == NULL)
    return;
  g_free (self->currency);
  g_free (self);
}

void
rapport_tier_run_free (RapportTierRun *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->moved_up, g_ptr_array_unref);
  g_clear_pointer (&self->moved_down, g_ptr_array_unref);
  g_strfreev (self->missing_rates);
  g_free (self->not_computed_reason);
  g_free (self);
}

const char *
_rapport_tier_reason_set_by_hand (void)
{
  /* Translators: the reason of a tier change the user made. */
  return _("Set by hand");
}

gboolean
_rapport_store_record_tier_change (RapportDatabase  *db,
                                   gint64            customer_id,
                                   RapportTier       from,
                                   RapportTier       to,
                                   gboolean          by_hand,
                                   const char       *reason,
                                   GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO tier_change (customer_id, from_tier, to_tier, changed_at, by_hand, reason) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, rapport_tier_to_string (from), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rapport_tier_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, _rapport_database_now (db));
  sqlite3_bind_int (stmt, 5, by_hand ? 1 : 0);
  _rapport_store_bind_text (stmt, 6, reason);

  return _rapport_database_step_done (db, stmt, _("Could not record the tier change"), error);
}

static RapportTier
column_tier (sqlite3_stmt *stmt,
             int           index)
{
  RapportTier tier = RAPPORT_TIER_LEAD;

  rapport_tier_from_string (_rapport_store_column_text (stmt, index), &tier);
  return tier;
}

static RapportPotential
column_potential (sqlite3_stmt *stmt,
                  int           index)
{
  RapportPotential potential = RAPPORT_POTENTIAL_LOW;

  rapport_potential_from_string (_rapport_store_column_text (stmt, index), &potential);
  return potential;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           index)
{
  return sqlite3_column_type (stmt, index) == SQLITE_NULL ? NULL : g_strdup (_rapport_store_column_text (stmt, index));
}

RapportCustomerTiers *
rapport_store_get_customer_tiers (RapportDatabase  *db,
                                  gint64            customer_id,
                                  GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  RapportCustomerTiers *tiers;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT tier, tier_manual, tier_computed, tier_reason, potential, "
                                    "  potential_manual, potential_suggested, potential_reason "
                                    "FROM customer WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the customer’s tier"));
      return NULL;
    }

  tiers = g_new0 (RapportCustomerTiers, 1);
  tiers->tier = column_tier (stmt, 0);
  tiers->has_manual = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
  tiers->manual = tiers->has_manual ? column_tier (stmt, 1) : tiers->tier;
  tiers->has_computed = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
  tiers->computed = tiers->has_computed ? column_tier (stmt, 2) : RAPPORT_TIER_LEAD;
  tiers->computed_reason = column_dup (stmt, 3);
  tiers->potential = column_potential (stmt, 4);
  tiers->potential_is_manual = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  tiers->suggested_potential = column_potential (stmt, 6);
  tiers->potential_reason = column_dup (stmt, 7);

  return tiers;
}

/* Sets (@set) or clears the manual tier, one transaction; recorded as a
 * change by hand when the tier in force or its manual pin changes. */
static gboolean
write_manual_tier (RapportDatabase  *db,
                   gint64            customer_id,
                   gboolean          set,
                   RapportTier       tier,
                   GError          **error)
{
  RapportTier old_tier;
  RapportTier new_tier;
  gboolean had_manual;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if (!_rapport_store_customer_exists (db, customer_id, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "SELECT tier, tier_manual IS NOT NULL, coalesce (tier_computed, 'lead') "
                                      "FROM customer WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, customer_id);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not save the customer’s tier"));
        goto fail;
      }
    old_tier = column_tier (stmt, 0);
    had_manual = sqlite3_column_int (stmt, 1) != 0;
    new_tier = set ? tier : column_tier (stmt, 2);
  }

  /* Nothing to do: already so. */
  if ((set && had_manual && old_tier == new_tier) || (!set && !had_manual))
    return _rapport_database_commit (db, error);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE customer SET tier_manual = ?2, tier = ?3, updated_at = ?4 WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, customer_id);
    if (set)
      sqlite3_bind_text (stmt, 2, rapport_tier_to_string (tier), -1, SQLITE_STATIC);
    else
      sqlite3_bind_null (stmt, 2);
    sqlite3_bind_text (stmt, 3, rapport_tier_to_string (new_tier), -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 4, _rapport_database_now (db));
    if (!_rapport_database_step_done (db, stmt, _("Could not save the customer’s tier"), error))
      goto fail;
  }

  if (!_rapport_store_record_tier_change (db, customer_id, old_tier, new_tier, TRUE,
                                          set ? _rapport_tier_reason_set_by_hand ()
                                              /* Translators: the reason of a tier change: the
                                               * user cleared the manual tier. */
                                              : _("Manual tier cleared, back to the computed one"),
                                          error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id, customer_id, RAPPORT_CHANGE_UPDATED);

  return _rapport_database_commit (db, error);

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_set_manual_tier (RapportDatabase  *db,
                               gint64            customer_id,
                               RapportTier       tier,
                               GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (tier <= RAPPORT_TIER_LEAD, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_manual_tier (db, customer_id, TRUE, tier, error);
}

gboolean
rapport_store_clear_manual_tier (RapportDatabase  *db,
                                 gint64            customer_id,
                                 GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_manual_tier (db, customer_id, FALSE, RAPPORT_TIER_LEAD, error);
}

static gboolean
write_manual_potential (RapportDatabase   *db,
                        gint64             customer_id,
                        gboolean           set,
                        RapportPotential   potential,
                        GError           **error)
{
  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if (!_rapport_store_customer_exists (db, customer_id, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE customer SET potential_manual = ?2, "
                                      "  potential = coalesce (?2, potential_suggested, 'low'), updated_at = ?3 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, customer_id);
    if (set)
      sqlite3_bind_text (stmt, 2, rapport_potential_to_string (potential), -1, SQLITE_STATIC);
    else
      sqlite3_bind_null (stmt, 2);
    sqlite3_bind_int64 (stmt, 3, _rapport_database_now (db));
    if (!_rapport_database_step_done (db, stmt, _("Could not save the customer’s potential"), error))
      goto fail;
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id, customer_id, RAPPORT_CHANGE_UPDATED);

  return _rapport_database_commit (db, error);

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_set_manual_potential (RapportDatabase  *db,
                                    gint64            customer_id,
                                    RapportPotential  potential,
                                    GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (potential <= RAPPORT_POTENTIAL_HIGH, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_manual_potential (db, customer_id, TRUE, potential, error);
}

gboolean
rapport_store_clear_manual_potential (RapportDatabase  *db,
                                      gint64            customer_id,
                                      GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_manual_potential (db, customer_id, FALSE, RAPPORT_POTENTIAL_LOW, error);
}

GPtrArray *
rapport_store_list_tier_changes (RapportDatabase  *db,
                                 gint64            customer_id,
                                 guint             limit,
                                 GError          **error)
{
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_tier_change_free);
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT id, customer_id, from_tier, to_tier, changed_at, by_hand, reason "
                                    "FROM tier_change WHERE customer_id = ?1 "
                                    "ORDER BY changed_at DESC, id DESC LIMIT ?2",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportTierChange *change = g_new0 (RapportTierChange, 1);

      change->id = sqlite3_column_int64 (stmt, 0);
      change->customer_id = sqlite3_column_int64 (stmt, 1);
      change->from = column_tier (stmt, 2);
      change->to = column_tier (stmt, 3);
      change->changed_at = sqlite3_column_int64 (stmt, 4);
      change->by_hand = sqlite3_column_int (stmt, 5) != 0;
      change->reason = column_dup (stmt, 6);
      g_ptr_array_add (changes, change);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the tier history"));
      return NULL;
    }

  return g_steal_pointer (&changes);
}

/* Currency rates */

GPtrArray *
rapport_store_list_currency_rates (RapportDatabase  *db,
                                   GError          **error)
{
  g_autoptr (GPtrArray) rates = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_currency_rate_free);
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, "SELECT currency, rate, updated_at FROM currency_rate ORDER BY currency",
                                    error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportCurrencyRate *rate = g_new0 (RapportCurrencyRate, 1);

      rate->currency = g_strdup (_rapport_store_column_text (stmt, 0));
      rate->rate = sqlite3_column_double (stmt, 1);
      rate->updated_at = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (rates, rate);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the currency rates"));
      return NULL;
    }

  return g_steal_pointer (&rates);
}

/* The code as stored: trimmed, upper case, three letters. */
static char *
check_currency (const char  *currency,
                GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (currency != NULL ? currency : ""));
  g_autofree char *code = g_ascii_strup (trimmed, -1);

  if (!rapport_currency_is_valid (code))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                   _("“%s” is not a currency code (three letters, such as USD)"), currency != NULL ? currency : "");
      return NULL;
    }

  return g_steal_pointer (&code);
}

gboolean
rapport_store_set_currency_rate (RapportDatabase  *db,
                                 const char       *currency,
                                 double            rate,
                                 GError          **error)
{
  g_autofree char *code = NULL;
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  code = check_currency (currency, error);
  if (code == NULL)
    return FALSE;

  if (!(rate > 0) || !isfinite (rate))
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("A currency rate must be more than zero"));
      return FALSE;
    }

  if (!_rapport_database_check_writable (db, error))
    return FALSE;

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO currency_rate (currency, rate, updated_at) VALUES (?1, ?2, ?3) "
                                    "ON CONFLICT (currency) DO UPDATE SET rate = excluded.rate, "
                                    "  updated_at = excluded.updated_at",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, rate);
  sqlite3_bind_int64 (stmt, 3, _rapport_database_now (db));
  if (!_rapport_database_step_done (db, stmt, _("Could not save the currency rate"), error))
    return FALSE;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CURRENCY_RATE, 0, 0, RAPPORT_CHANGE_UPDATED);

  return TRUE;
}

gboolean
rapport_store_remove_currency_rate (RapportDatabase  *db,
                                    const char       *currency,
                                    GError          **error)
{
  g_autofree char *code = NULL;
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  code = check_currency (currency, error);
  if (code == NULL || !_rapport_database_check_writable (db, error))
    return FALSE;

  stmt = _rapport_database_prepare (db, "DELETE FROM currency_rate WHERE currency = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (!_rapport_database_step_done (db, stmt, _("Could not remove the currency rate"), error))
    return FALSE;

  if (sqlite3_changes (_rapport_database_get_handle (db)) > 0)
    _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CURRENCY_RATE, 0, 0, RAPPORT_CHANGE_DELETED);

  return TRUE;
}

static GStrv
collect_strings (RapportDatabase  *db,
                 sqlite3_stmt     *stmt,
                 const char       *context,
                 GError          **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, _rapport_store_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), context);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

GStrv
rapport_store_list_currencies_without_rate (RapportDatabase  *db,
                                            const char       *default_currency,
                                            GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (default_currency != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT DISTINCT o.currency FROM orders o "
                                    "WHERE o.deleted_at IS NULL AND o.currency <> ?1 "
                                    "  AND o.currency NOT IN (SELECT currency FROM currency_rate) "
                                    "  AND EXISTS (SELECT 1 FROM customer c "
                                    "              WHERE c.id = o.customer_id AND c.deleted_at IS NULL) "
                                    "ORDER BY 1",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, default_currency, -1, SQLITE_TRANSIENT);

  return collect_strings (db, stmt, _("Could not read the currency rates"), error);
}

/* Recomputation */

/* The period's first and last days ("YYYY-MM-DD"), and the first day of its
 * second half: the last @months months ending @today, today included. */
static gboolean
compute_period (const char  *today,
                guint        months,
                char         from[11],
                char         middle[11],
                char         to[11],
                GError     **error)
{
  GError *local_error = NULL;
  GDate end, start, half;
  guint days;

  if (!rapport_date_validate (today, &local_error))
    return _rapport_store_invalid (error, local_error);

  g_date_clear (&end, 1);
  g_date_set_dmy (&end,
                  (GDateDay) g_ascii_strtoull (today + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (today + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoull (today, NULL, 10));
  start = end;
  g_date_subtract_months (&start, months);
  g_date_add_days (&start, 1);
  days = g_date_days_between (&start, &end) + 1;
  half = start;
  g_date_add_days (&half, days / 2);

  g_date_strftime (from, 11, "%Y-%m-%d", &start);
  g_date_strftime (middle, 11, "%Y-%m-%d", &half);
  g_date_strftime (to, 11, "%Y-%m-%d", &end);

  return TRUE;
}

/* One live customer in a recomputation: what it had, its period, and
 * what it gets. */
typedef struct
{
  gint64            id;
  double            contribution;   /* default currency's minor units, summed unrounded */
  double            second_half;
  double            pipeline;       /* open, weighted */
  guint             rank;
  guint             n_orders;       /* converted orders in the period */
  gboolean          has_manual;
  gboolean          has_manual_potential;
  gboolean          had_computed;
  RapportTier       in_force;
  RapportPotential  potential_in_force;
  RapportTier       old_computed;
  char             *old_reason;
  char             *old_potential;  /* potential_suggested's key */
  char             *old_potential_reason;
  gboolean          dirty;          /* to write */
  RapportTier       tier;
  RapportPotential  potential;
  char             *reason;
  char             *potential_reason;
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->old_reason);
  g_free (entry->old_potential);
  g_free (entry->old_potential_reason);
  g_free (entry->reason);
  g_free (entry->potential_reason);
}

typedef struct
{
  RapportDatabase        *db;
  const RapportTierRules *rules;
  const char             *currency;
  RapportTierRun         *run;
  GCancellable           *cancellable;
  GArray                 *entries;    /* Entry, by id */
  GHashTable             *factors;    /* currency → double *: to default minor units */
  GHashTable             *missing;    /* currencies without a rate, set */
  gboolean                any_order;  /* the period has an order of a live customer */
  guint                   n_counted;  /* customers with a converted order */
  gboolean                announce;   /* a computed tier or suggested potential changed */
} Recompute;

static gboolean
check_cancelled (Recompute *self,
                 guint      n_rows,
                 GError   **error)
{
  return n_rows % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (self->cancellable, error);
}

static gboolean
step_failed (Recompute  *self,
             int         rc,
             GError    **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;

  _rapport_database_set_error (error, _rapport_database_get_handle (self->db), _("Could not recompute the tiers"));
  return TRUE;
}

/* The factor from each currency's minor units to the default currency's. A
 * rate is per whole unit ("1 USD = 7.1 CNY"); the minor units' digits are
 * accounted for (1 JPY = 0.048 CNY makes one yen 4.8 fen). */
static gboolean
read_rates (Recompute  *self,
            GError    **error)
{
  g_autoptr (GPtrArray) rates = rapport_store_list_currency_rates (self->db, error);
  guint default_digits = rapport_currency_get_digits (self->currency);
  double *one;

  if (rates == NULL)
    return FALSE;

  for (guint i = 0; i < rates->len; i++)
    {
      RapportCurrencyRate *rate = g_ptr_array_index (rates, i);
      int shift = (int) default_digits - (int) rapport_currency_get_digits (rate->currency);
      double *factor = g_new (double, 1);

      *factor = rate->rate;
      for (; shift > 0; shift--)
        *factor *= 10;
      for (; shift < 0; shift++)
        *factor /= 10;
      g_hash_table_insert (self->factors, g_strdup (rate->currency), factor);
    }

  one = g_new (double, 1);
  *one = 1.0;
  g_hash_table_insert (self->factors, g_strdup (self->currency), one);

  return TRUE;
}

/* Every live customer, by id, with what the last recomputation left. */
static gboolean
read_customers (Recompute  *self,
                GError    **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (self->db,
                                    "SELECT id, tier_manual IS NOT NULL, tier_computed, tier_reason, "
                                    "  potential_suggested, potential_reason, tier, potential, "
                                    "  potential_manual IS NOT NULL "
                                    "FROM customer WHERE deleted_at IS NULL ORDER BY id",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entry entry = { 0, };

      if (check_cancelled (self, self->entries->len + 1, error))
        return FALSE;

      entry.id = sqlite3_column_int64 (stmt, 0);
      entry.has_manual = sqlite3_column_int (stmt, 1) != 0;
      entry.had_computed = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      /* Never computed counts as lead (what a clear falls back to). */
      entry.old_computed = entry.had_computed ? column_tier (stmt, 2) : RAPPORT_TIER_LEAD;
      entry.old_reason = column_dup (stmt, 3);
      entry.old_potential = column_dup (stmt, 4);
      entry.old_potential_reason = column_dup (stmt, 5);
      entry.in_force = column_tier (stmt, 6);
      entry.potential_in_force = column_potential (stmt, 7);
      entry.has_manual_potential = sqlite3_column_int (stmt, 8) != 0;
      g_array_append_val (self->entries, entry);
    }

  return !step_failed (self, rc, error);
}

static Entry *
find_entry (Recompute *self,
            gint64     id)
{
  Entry *entries = (Entry *) self->entries->data;
  guint low = 0, high = self->entries->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (entries[mid].id == id)
        return &entries[mid];
      if (entries[mid].id < id)
        low = mid + 1;
      else
        high = mid;
    }

  return NULL;
}

/* The factor of @currency, NULL (and the currency noted) without a rate. */
static const double *
factor_of (Recompute  *self,
           const char *currency)
{
  const double *factor = g_hash_table_lookup (self->factors, currency);

  if (factor == NULL && !g_hash_table_contains (self->missing, currency))
    g_hash_table_add (self->missing, g_strdup (currency));

  return factor;
}

/* The period's orders, read in the report index's order (no sort), summed
 * per customer in C. */
static gboolean
add_orders (Recompute   *self,
            const char  *from,
            const char  *middle,
            const char  *to,
            GError     **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  guint n_rows = 0;
  int rc;

  stmt = _rapport_database_prepare (self->db,
                                    "SELECT customer_id, currency, amount, ordered_on >= ?2 "
                                    "FROM orders INDEXED BY orders_by_date "
                                    "WHERE deleted_at IS NULL AND ordered_on >= ?1 AND ordered_on <= ?3",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, middle, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entry *entry = find_entry (self, sqlite3_column_int64 (stmt, 0));
      const double *factor;
      double amount;

      if (check_cancelled (self, ++n_rows, error))
        return FALSE;

      /* A customer in the Trash. */
      if (entry == NULL)
        continue;

      self->any_order = TRUE;
      factor = factor_of (self, _rapport_store_column_text (stmt, 1));
      if (factor == NULL)
        continue;

      amount = (double) sqlite3_column_int64 (stmt, 2) * *factor;
      entry->contribution += amount;
      if (sqlite3_column_int (stmt, 3))
        entry->second_half += amount;
      if (entry->n_orders++ == 0)
        self->n_counted++;
    }

  return !step_failed (self, rc, error);
}

/* Open opportunities, weighted by their probability (their stage's unless
 * set). */
static gboolean
add_pipeline (Recompute  *self,
              GError    **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  guint n_rows = 0;
  int rc;

  stmt = _rapport_database_prepare (self->db,
                                    "SELECT o.customer_id, o.currency, "
                                    "  o.amount * coalesce (o.probability, s.probability) / 100.0 "
                                    "FROM opportunity o JOIN stage s ON s.id = o.stage_id AND s.kind = 'open' "
                                    "WHERE o.deleted_at IS NULL",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entry *entry = find_entry (self, sqlite3_column_int64 (stmt, 0));
      const double *factor;

      if (check_cancelled (self, ++n_rows, error))
        return FALSE;
      if (entry == NULL)
        continue;

      factor = factor_of (self, _rapport_store_column_text (stmt, 1));
      if (factor != NULL)
        entry->pipeline += sqlite3_column_double (stmt, 2) * *factor;
    }

  return !step_failed (self, rc, error);
}

static gint64
rounded (double value)
{
  return (gint64) (value < 0 ? value - 0.5 : value + 0.5);
}

/* Largest contribution first; equal ones by id, so runs are repeatable. */
static int
compare_by_contribution (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  const Entry *entries = user_data;
  const Entry *x = &entries[*(const guint *) a];
  const Entry *y = &entries[*(const guint *) b];
  gint64 cx = rounded (x->contribution);
  gint64 cy = rounded (y->contribution);

  if (cx != cy)
    return cx > cy ? -1 : 1;
  return x->id < y->id ? -1 : (x->id > y->id ? 1 : 0);
}

/* The positions of the entries in rank order, their ranks set: ties share
 * one (1, 2, 2, 4). */
static GArray *
rank_entries (Recompute *self)
{
  Entry *entries = (Entry *) self->entries->data;
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->entries->len);

  for (guint i = 0; i < self->entries->len; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_by_contribution, entries);

  for (guint i = 0; i < order->len; i++)
    {
      Entry *entry = &entries[g_array_index (order, guint, i)];
      Entry *before = i > 0 ? &entries[g_array_index (order, guint, i - 1)] : NULL;

      entry->rank = before != NULL && rounded (before->contribution) == rounded (entry->contribution)
                    ? before->rank : i + 1;
    }

  return order;
}

static gboolean
is_top (RapportTier tier)
{
  return tier == RAPPORT_TIER_PLATINUM || tier == RAPPORT_TIER_GOLD;
}

/* Why nothing could be computed, or NULL when something can. */
static char *
not_computed_reason (Recompute *self,
                     GStrv      missing_rates)
{
  if (!self->any_order)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No orders in the last month",
                                         "No orders in the last %u months",
                                         self->rules->period_months),
                            self->rules->period_months);

  if (self->n_counted == 0)
    {
      g_autofree char *currencies = g_strjoinv (", ", missing_rates);

      /* Translators: the orders of the period are all in currencies without a
       * rate: "No orders in CNY or a currency with a rate (missing: USD, EUR)". */
      return g_strdup_printf (_("No orders in %s or a currency with a rate (missing: %s)"),
                              self->currency, currencies);
    }

  return NULL;
}

/* Decides one customer's computed tier and suggested potential, records a
 * move, and marks the entry to write when anything changed. */
static gboolean
decide (Recompute    *self,
        Entry        *entry,
        const Entry  *before,
        guint         n_ranked,
        GError      **error)
{
  gint64 contribution = rounded (entry->contribution);
  gint64 second_half = rounded (entry->second_half);
  gboolean moved;

  if (contribution > 0)
    self->run->n_with_orders++;

  /* Ties (most of all, the many customers without orders) say the same as
   * the one before them: copied, not formatted again. */
  if (before != NULL && before->rank == entry->rank)
    {
      entry->tier = before->tier;
      entry->reason = g_strdup (before->reason);
    }
  else
    {
      entry->tier = rapport_tier_rules_apply (self->rules, entry->rank, n_ranked, contribution);
      entry->reason = rapport_tier_rules_format_reason (self->rules, contribution, self->currency,
                                                        entry->rank, n_ranked);
    }

  if (before != NULL && before->rank == entry->rank &&
      rounded (before->second_half) == second_half && rounded (before->pipeline) == rounded (entry->pipeline))
    {
      entry->potential = before->potential;
      entry->potential_reason = g_strdup (before->potential_reason);
    }
  else
    entry->potential = rapport_tier_rules_suggest_potential (self->rules, contribution, contribution - second_half,
                                                             second_half, rounded (entry->pipeline),
                                                             self->currency, &entry->potential_reason);

  moved = !entry->had_computed || entry->tier != entry->old_computed ||
          g_strcmp0 (rapport_potential_to_string (entry->potential), entry->old_potential) != 0;
  self->announce |= moved;
  entry->dirty = moved || g_strcmp0 (entry->reason, entry->old_reason) != 0 ||
                 g_strcmp0 (entry->potential_reason, entry->old_potential_reason) != 0;

  if (entry->tier == entry->old_computed)
    return TRUE;

  /* A move of the computed tier, recorded even under a manual tier
   * (which stays in force). */
  self->run->n_changed++;
  if (!_rapport_store_record_tier_change (self->db, entry->id, entry->old_computed, entry->tier, FALSE,
                                          entry->reason, error))
    return FALSE;

  /* The notification names moves of the tier in force only. */
  if (!entry->has_manual && (is_top (entry->tier) || is_top (entry->old_computed)))
    {
      RapportTierChange *change = g_new0 (RapportTierChange, 1);

      change->id = sqlite3_last_insert_rowid (_rapport_database_get_handle (self->db));
      change->customer_id = entry->id;
      change->from = entry->old_computed;
      change->to = entry->tier;
      change->changed_at = self->run->ran_at;
      change->reason = g_strdup (entry->reason);
      g_ptr_array_add (entry->tier < entry->old_computed ? self->run->moved_up : self->run->moved_down, change);
    }

  return TRUE;
}

/* Writes one customer's computed tier and suggested potential, and the
 * ones in force where they follow them: only the columns that change, so
 * the tier and potential indexes are touched only for real moves. */
static gboolean
write_entry (Recompute  *self,
             Entry      *entry,
             GError    **error)
{
  static const char * const updates[] = {
    "UPDATE customer SET tier_computed = ?2, tier_reason = ?3, potential_suggested = ?4, "
    "  potential_reason = ?5 WHERE id = ?1",
    "UPDATE customer SET tier_computed = ?2, tier_reason = ?3, potential_suggested = ?4, "
    "  potential_reason = ?5, tier = ?2 WHERE id = ?1",
    "UPDATE customer SET tier_computed = ?2, tier_reason = ?3, potential_suggested = ?4, "
    "  potential_reason = ?5, potential = ?4 WHERE id = ?1",
    "UPDATE customer SET tier_computed = ?2, tier_reason = ?3, potential_suggested = ?4, "
    "  potential_reason = ?5, tier = ?2, potential = ?4 WHERE id = ?1",
  };
  g_autoptr (RapportStatement) stmt = NULL;
  gboolean tier_moves = !entry->has_manual && entry->tier != entry->in_force;
  gboolean potential_moves = !entry->has_manual_potential && entry->potential != entry->potential_in_force;

  stmt = _rapport_database_prepare (self->db, updates[(tier_moves ? 1 : 0) + (potential_moves ? 2 : 0)], error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry->id);
  sqlite3_bind_text (stmt, 2, rapport_tier_to_string (entry->tier), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry->reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, rapport_potential_to_string (entry->potential), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, entry->potential_reason, -1, SQLITE_STATIC);

  return _rapport_database_step_done (self->db, stmt, _("Could not recompute the tiers"), error);
}

static gboolean
write_tiers (Recompute  *self,
             GError    **error)
{
  g_autoptr (GArray) order = NULL;

  /* Decided in rank order, so the moves come out largest first. */
  order = rank_entries (self);
  self->run->n_customers = order->len;
  for (guint i = 0; i < order->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, g_array_index (order, guint, i));
      const Entry *before = i > 0 ? &g_array_index (self->entries, Entry, g_array_index (order, guint, i - 1)) : NULL;

      if (check_cancelled (self, i + 1, error) || !decide (self, entry, before, order->len, error))
        return FALSE;
    }

  /* Written in id order: the table's pages one after the other. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->dirty && (check_cancelled (self, i + 1, error) || !write_entry (self, entry, error)))
        return FALSE;
    }

  /* One announcement for the whole book, when a tier or potential changed:
   * new reasons alone (the rank of N moves with every new customer) do not
   * make every list reload; the session's "recomputed" says them. */
  if (self->announce)
    _rapport_database_queue_change (self->db, RAPPORT_ENTITY_KIND_CUSTOMER, 0, 0, RAPPORT_CHANGE_RELOADED);

  return TRUE;
}

static gboolean
record_run (RapportDatabase  *db,
            RapportTierRun   *run,
            const char       *from,
            const char       *to,
            GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *missing = NULL;

  if (run->missing_rates[0] != NULL)
    missing = g_strjoinv (",", run->missing_rates);

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO tier_run (ran_at, period_from, period_to, n_customers, n_changed, "
                                    "  not_computed_reason, missing_rates) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->ran_at);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, run->n_customers);
  sqlite3_bind_int64 (stmt, 5, run->n_changed);
  _rapport_store_bind_text (stmt, 6, run->not_computed_reason);
  _rapport_store_bind_text (stmt, 7, missing);

  return _rapport_database_step_done (db, stmt, _("Could not recompute the tiers"), error);
}

static int
compare_codes (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GStrv
sorted_missing (GHashTable *missing)
{
  guint n = 0;
  g_autofree const char **codes = (const char **) g_hash_table_get_keys_as_array (missing, &n);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  qsort (codes, n, sizeof (char *), compare_codes);
  g_strv_builder_addv (builder, codes);

  return g_strv_builder_end (builder);
}

typedef struct
{
  Recompute   recompute;
  char        from[11];
  char        middle[11];
  char        to[11];
  gint64      read_at;
  gint64      written_at;
} Job;

static gboolean
recompute_in_transaction (RapportDatabase  *db,
                          gpointer          user_data,
                          GError          **error)
{
  Job *job = user_data;
  Recompute *recompute = &job->recompute;
  RapportTierRun *run = recompute->run;

  run->ran_at = _rapport_database_now (db);

  if (!read_rates (recompute, error) ||
      !read_customers (recompute, error) ||
      !add_orders (recompute, job->from, job->middle, job->to, error) ||
      !add_pipeline (recompute, error) ||
      g_cancellable_set_error_if_cancelled (recompute->cancellable, error))
    return FALSE;
  job->read_at = g_get_monotonic_time ();

  run->missing_rates = sorted_missing (recompute->missing);
  run->not_computed_reason = not_computed_reason (recompute, run->missing_rates);

  if (run->not_computed_reason == NULL && !write_tiers (recompute, error))
    return FALSE;
  job->written_at = g_get_monotonic_time ();

  return record_run (db, run, job->from, job->to, error);
}

/**
 * rapport_store_recompute_tiers:
 *
 * See rapport-tier-store.h. Orders and open opportunities in a currency
 * without a rate are left out and their currencies listed in the run's
 * missing_rates (and tier_run.missing_rates); when the period has no order
 * of a live customer, or none that can be converted, nothing changes and
 * the run says why. Ranks are shared by ties (1, 2, 2, 4).
 *
 * The period's orders are read once from the report index and summed in C
 * (no temporary aggregate, no sort in SQL); only the customers whose tier,
 * potential or reasons changed are written, in id order, each only in the
 * columns that change (a temporary table to UPDATE from spills to disk on a
 * large book and costs more). As bulk work, with the connection's bigger cache
 * (rapport_database_run_in_transaction): the customer table's pages are
 * rewritten once instead of spilling mid-transaction.
 */
RapportTierRun *
rapport_store_recompute_tiers (RapportDatabase         *db,
                               const RapportTierRules  *rules,
                               const char              *default_currency,
                               const char              *today,
                               GCancellable            *cancellable,
                               GError                 **error)
{
  g_autoptr (RapportTierRun) run = NULL;
  g_autoptr (GArray) entries = NULL;
  g_autoptr (GHashTable) factors = NULL;
  g_autoptr (GHashTable) missing = NULL;
  Job job = { { 0, }, };
  GError *local_error = NULL;
  gint64 started_at = g_get_monotonic_time ();

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (default_currency != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!rapport_tier_rules_validate (rules, &local_error))
    {
      _rapport_store_invalid (error, local_error);
      return NULL;
    }
  if (!rapport_currency_is_valid (default_currency))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                   _("“%s” is not a currency code (three letters, such as USD)"), default_currency);
      return NULL;
    }
  if (!compute_period (today, rules->period_months, job.from, job.middle, job.to, error))
    return NULL;

  run = g_new0 (RapportTierRun, 1);
  run->moved_up = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_tier_change_free);
  run->moved_down = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_tier_change_free);

  entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (entries, entry_clear);
  factors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  job.recompute.db = db;
  job.recompute.rules = rules;
  job.recompute.currency = default_currency;
  job.recompute.run = run;
  job.recompute.cancellable = cancellable;
  job.recompute.entries = entries;
  job.recompute.factors = factors;
  job.recompute.missing = missing;

  if (!rapport_database_run_in_transaction (db, recompute_in_transaction, &job, error))
    return NULL;

  g_debug ("Tiers %s to %s: %u customers, %u with orders, %u changed, %u missing rates; "
           "read in %" G_GINT64_FORMAT " ms, decided and written in %" G_GINT64_FORMAT " ms, "
           "committed in %" G_GINT64_FORMAT " ms",
           job.from, job.to, run->n_customers, run->n_with_orders, run->n_changed,
           g_strv_length (run->missing_rates), (job.read_at - started_at) / 1000,
           (job.written_at - job.read_at) / 1000, (g_get_monotonic_time () - job.written_at) / 1000);

  return g_steal_pointer (&run);
}

gint64
rapport_store_get_last_tier_run (RapportDatabase  *db,
                                 char            **out_reason,
                                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (out_reason != NULL)
    *out_reason = NULL;

  stmt = _rapport_database_prepare (db,
                                    "SELECT ran_at, not_computed_reason FROM tier_run ORDER BY id DESC LIMIT 1",
                                    error);
  if (stmt == NULL)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return 0;
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the last tier run"));
      return 0;
    }

  if (out_reason != NULL)
    *out_reason = column_dup (stmt, 1);

  return sqlite3_column_int64 (stmt, 0);
}
