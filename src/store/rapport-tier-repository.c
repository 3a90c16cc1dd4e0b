/* rapport-tier-repository.c
 *
 * Value tiers (see rapport-tier-store.h and migration 11): manual tiers and
 * potentials, the tier history, currency rates and the recomputation.
 *
 * The recomputation is one transaction on the caller's (worker) connection:
 * one aggregate of the period's orders and one of the open pipeline into a
 * temporary table of every live customer, converted at the rates; ranks by
 * a window function; the tiers decided in C by rapport-tier-rules (the rule
 * lives there); only what changed goes into a second temporary table, from
 * which one UPDATE writes the customers. A tier_change row is written for
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

static gboolean
exec_bound (RapportDatabase  *db,
            const char       *sql,
            const char       *text1,
            const char       *text2,
            const char       *text3,
            GError          **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);
  const char *texts[] = { text1, text2, text3 };

  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < (int) G_N_ELEMENTS (texts) && i < sqlite3_bind_parameter_count (stmt); i++)
    sqlite3_bind_text (stmt, i + 1, texts[i], -1, SQLITE_STATIC);

  return _rapport_database_step_done (db, stmt, _("Could not recompute the tiers"), error);
}

/* temp.tier_rate: the factor from each currency's minor units to the
 * default currency's. A rate is per whole unit ("1 USD = 7.1 CNY"); the
 * minor units' digits are accounted for (1 JPY = 0.048 CNY makes one yen
 * 4.8 fen). */
static gboolean
fill_rates (RapportDatabase  *db,
            const char       *default_currency,
            GError          **error)
{
  g_autoptr (GPtrArray) rates = NULL;
  g_autoptr (RapportStatement) insert = NULL;
  guint default_digits = rapport_currency_get_digits (default_currency);

  if (!_rapport_database_exec (db,
                               "CREATE TEMP TABLE IF NOT EXISTS tier_rate ("
                               "  currency TEXT PRIMARY KEY, factor REAL NOT NULL);"
                               "DELETE FROM temp.tier_rate;",
                               error))
    return FALSE;

  rates = rapport_store_list_currency_rates (db, error);
  if (rates == NULL)
    return FALSE;

  insert = _rapport_database_prepare (db, "INSERT OR REPLACE INTO temp.tier_rate (currency, factor) VALUES (?1, ?2)",
                                      error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i < rates->len; i++)
    {
      RapportCurrencyRate *rate = g_ptr_array_index (rates, i);
      int shift = (int) default_digits - (int) rapport_currency_get_digits (rate->currency);
      double factor = rate->rate;

      if (g_str_equal (rate->currency, default_currency))
        continue;
      for (; shift > 0; shift--)
        factor *= 10;
      for (; shift < 0; shift++)
        factor /= 10;

      sqlite3_bind_text (insert, 1, rate->currency, -1, SQLITE_STATIC);
      sqlite3_bind_double (insert, 2, factor);
      if (!_rapport_database_step_done (db, insert, _("Could not recompute the tiers"), error))
        return FALSE;
    }

  sqlite3_bind_text (insert, 1, default_currency, -1, SQLITE_STATIC);
  sqlite3_bind_double (insert, 2, 1.0);
  return _rapport_database_step_done (db, insert, _("Could not recompute the tiers"), error);
}

/* temp.tier_calc: every live customer with its converted contribution, the
 * halves of the period and its open weighted pipeline. */
static gboolean
fill_contributions (RapportDatabase  *db,
                    const char       *from,
                    const char       *middle,
                    const char       *to,
                    GError          **error)
{
  return _rapport_database_exec (db,
                                 "CREATE TEMP TABLE IF NOT EXISTS tier_calc ("
                                 "  id INTEGER PRIMARY KEY,"
                                 "  n_orders INTEGER NOT NULL DEFAULT 0,"
                                 "  contribution INTEGER NOT NULL DEFAULT 0,"
                                 "  first_half INTEGER NOT NULL DEFAULT 0,"
                                 "  second_half INTEGER NOT NULL DEFAULT 0,"
                                 "  pipeline INTEGER NOT NULL DEFAULT 0);"
                                 "DELETE FROM temp.tier_calc;"
                                 "INSERT INTO temp.tier_calc (id) SELECT id FROM customer WHERE deleted_at IS NULL;",
                                 error) &&
         /* Orders in a currency without a rate find no factor and are left
          * out here; the run lists their currencies. */
         exec_bound (db,
                     "UPDATE temp.tier_calc SET n_orders = a.n, contribution = a.total, "
                     "  first_half = a.total - a.second, second_half = a.second "
                     "FROM (SELECT o.customer_id AS id, count(*) AS n, "
                     "        CAST (round (sum (o.amount * r.factor)) AS INTEGER) AS total, "
                     "        CAST (round (sum (CASE WHEN o.ordered_on >= ?2 THEN o.amount * r.factor ELSE 0 END)) "
                     "          AS INTEGER) AS second "
                     "      FROM orders o INDEXED BY orders_by_date "
                     "      JOIN temp.tier_rate r ON r.currency = o.currency "
                     "      WHERE o.deleted_at IS NULL AND o.ordered_on >= ?1 AND o.ordered_on <= ?3 "
                     "      GROUP BY o.customer_id) AS a "
                     "WHERE tier_calc.id = a.id",
                     from, middle, to, error) &&
         exec_bound (db,
                     "UPDATE temp.tier_calc SET pipeline = p.weighted "
                     "FROM (SELECT o.customer_id AS id, "
                     "        CAST (round (sum (o.amount * coalesce (o.probability, s.probability) / 100.0 "
                     "          * r.factor)) AS INTEGER) AS weighted "
                     "      FROM opportunity o "
                     "      JOIN stage s ON s.id = o.stage_id AND s.kind = 'open' "
                     "      JOIN temp.tier_rate r ON r.currency = o.currency "
                     "      WHERE o.deleted_at IS NULL "
                     "      GROUP BY o.customer_id) AS p "
                     "WHERE tier_calc.id = p.id",
                     NULL, NULL, NULL, error);
}

/* The currencies of live customers' period orders and open opportunities
 * that have no rate, sorted; and whether the period has any live order. */
static GStrv
find_missing_rates (RapportDatabase  *db,
                    const char       *from,
                    const char       *to,
                    gboolean         *out_any_order,
                    GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 any = 0;

  stmt = _rapport_database_prepare (db,
                                    "SELECT EXISTS (SELECT 1 FROM orders o INDEXED BY orders_by_date "
                                    "  WHERE o.deleted_at IS NULL AND o.ordered_on >= ?1 AND o.ordered_on <= ?2 "
                                    "    AND o.customer_id IN (SELECT id FROM temp.tier_calc))",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not recompute the tiers"), &any, error))
    return NULL;
  *out_any_order = any != 0;

  {
    g_autoptr (RapportStatement) missing = NULL;

    missing = _rapport_database_prepare (db,
                                         "SELECT DISTINCT o.currency FROM orders o INDEXED BY orders_by_date "
                                         "WHERE o.deleted_at IS NULL AND o.ordered_on >= ?1 AND o.ordered_on <= ?2 "
                                         "  AND o.currency NOT IN (SELECT currency FROM temp.tier_rate) "
                                         "  AND o.customer_id IN (SELECT id FROM temp.tier_calc) "
                                         "UNION "
                                         "SELECT o.currency FROM opportunity o "
                                         "JOIN stage s ON s.id = o.stage_id AND s.kind = 'open' "
                                         "WHERE o.deleted_at IS NULL "
                                         "  AND o.currency NOT IN (SELECT currency FROM temp.tier_rate) "
                                         "  AND o.customer_id IN (SELECT id FROM temp.tier_calc) "
                                         "ORDER BY 1",
                                         error);
    if (missing == NULL)
      return NULL;
    sqlite3_bind_text (missing, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text (missing, 2, to, -1, SQLITE_STATIC);

    return collect_strings (db, missing, _("Could not recompute the tiers"), error);
  }
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

static gboolean
is_top (RapportTier tier)
{
  return tier == RAPPORT_TIER_PLATINUM || tier == RAPPORT_TIER_GOLD;
}

/* Why nothing could be computed, or NULL when something can. */
static char *
not_computed_reason (const RapportTierRules *rules,
                     gboolean               any_order,
                     guint                  n_counted,
                     GStrv                  missing_rates,
                     const char            *default_currency)
{
  if (!any_order)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No orders in the last month",
                                         "No orders in the last %u months",
                                         rules->period_months),
                            rules->period_months);

  if (n_counted == 0)
    {
      g_autofree char *currencies = g_strjoinv (", ", missing_rates);

      /* Translators: the orders of the period are all in currencies without a
       * rate: "No orders in CNY or a currency with a rate (missing: USD, EUR)". */
      return g_strdup_printf (_("No orders in %s or a currency with a rate (missing: %s)"),
                              default_currency, currencies);
    }

  return NULL;
}

typedef struct
{
  RapportDatabase        *db;
  const RapportTierRules *rules;
  const char             *currency;
  RapportTierRun         *run;
  sqlite3_stmt           *changed;    /* INSERT INTO temp.tier_new */
  gboolean                announce;   /* a computed tier or suggested potential changed */
} Recompute;

/* Decides every customer's computed tier and suggested potential, keeps
 * what changed in temp.tier_new and records the moves. */
static gboolean
decide_tiers (Recompute     *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  guint n_rows = 0;
  int rc;

  stmt = _rapport_database_prepare (self->db,
                                    "SELECT t.id, t.contribution, "
                                    "  rank () OVER (ORDER BY t.contribution DESC), count (*) OVER (), "
                                    "  t.first_half, t.second_half, t.pipeline, "
                                    "  NULL, c.tier_manual IS NOT NULL, c.tier_computed, c.tier_reason, "
                                    "  c.potential_suggested, c.potential_reason "
                                    "FROM temp.tier_calc t JOIN customer c ON c.id = t.id",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 contribution = sqlite3_column_int64 (stmt, 1);
      guint rank = (guint) sqlite3_column_int64 (stmt, 2);
      guint n_ranked = (guint) sqlite3_column_int64 (stmt, 3);
      gboolean has_manual = sqlite3_column_int (stmt, 8) != 0;
      gboolean had_computed = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      /* Never computed counts as lead (what a clear falls back to). */
      RapportTier old_computed = had_computed ? column_tier (stmt, 9) : RAPPORT_TIER_LEAD;
      RapportTier tier;
      RapportPotential potential;
      gboolean moved;
      g_autofree char *reason = NULL;
      g_autofree char *potential_reason = NULL;

      if (++n_rows % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      self->run->n_customers = n_ranked;
      if (contribution > 0)
        self->run->n_with_orders++;

      tier = rapport_tier_rules_apply (self->rules, rank, n_ranked, contribution);
      reason = rapport_tier_rules_format_reason (self->rules, contribution, self->currency, rank, n_ranked);
      potential = rapport_tier_rules_suggest_potential (self->rules, contribution,
                                                        sqlite3_column_int64 (stmt, 4),
                                                        sqlite3_column_int64 (stmt, 5),
                                                        sqlite3_column_int64 (stmt, 6),
                                                        self->currency, &potential_reason);

      moved = !had_computed || tier != old_computed ||
              g_strcmp0 (rapport_potential_to_string (potential), _rapport_store_column_text (stmt, 11)) != 0;

      self->announce |= moved;
      if (moved ||
          g_strcmp0 (reason, _rapport_store_column_text (stmt, 10)) != 0 ||
          g_strcmp0 (potential_reason, _rapport_store_column_text (stmt, 12)) != 0)
        {
          sqlite3_bind_int64 (self->changed, 1, id);
          sqlite3_bind_text (self->changed, 2, rapport_tier_to_string (tier), -1, SQLITE_STATIC);
          sqlite3_bind_text (self->changed, 3, reason, -1, SQLITE_STATIC);
          sqlite3_bind_text (self->changed, 4, rapport_potential_to_string (potential), -1, SQLITE_STATIC);
          sqlite3_bind_text (self->changed, 5, potential_reason, -1, SQLITE_STATIC);
          if (!_rapport_database_step_done (self->db, self->changed, _("Could not recompute the tiers"), error))
            return FALSE;
        }

      if (tier == old_computed)
        continue;

      /* A move of the computed tier, recorded even under a manual tier
       * (which stays in force). */
      self->run->n_changed++;
      if (!_rapport_store_record_tier_change (self->db, id, old_computed, tier, FALSE, reason, error))
        return FALSE;

      /* The notification names moves of the tier in force only. */
      if (!has_manual && (is_top (tier) || is_top (old_computed)))
        {
          RapportTierChange *change = g_new0 (RapportTierChange, 1);

          change->id = sqlite3_last_insert_rowid (_rapport_database_get_handle (self->db));
          change->customer_id = id;
          change->from = old_computed;
          change->to = tier;
          change->changed_at = self->run->ran_at;
          change->reason = g_steal_pointer (&reason);
          g_ptr_array_add (tier < old_computed ? self->run->moved_up : self->run->moved_down, change);
        }
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (self->db), _("Could not recompute the tiers"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_tiers (Recompute     *self,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 n_written = 0;
  gboolean ok;

  if (!_rapport_database_exec (self->db,
                               "CREATE TEMP TABLE IF NOT EXISTS tier_new ("
                               "  id INTEGER PRIMARY KEY, tier TEXT NOT NULL, reason TEXT NOT NULL, "
                               "  potential TEXT NOT NULL, potential_reason TEXT NOT NULL);"
                               "DELETE FROM temp.tier_new;",
                               error))
    return FALSE;

  self->changed = _rapport_database_prepare (self->db,
                                             "INSERT INTO temp.tier_new (id, tier, reason, potential, potential_reason) "
                                             "VALUES (?1, ?2, ?3, ?4, ?5)",
                                             error);
  if (self->changed == NULL)
    return FALSE;

  ok = decide_tiers (self, cancellable, error);
  /* Its texts were bound without copies. */
  sqlite3_reset (self->changed);
  sqlite3_clear_bindings (self->changed);
  if (!ok)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  {
    g_autoptr (RapportStatement) count = _rapport_database_prepare (self->db, "SELECT count(*) FROM temp.tier_new",
                                                                    error);

    if (count == NULL ||
        !_rapport_database_step_int64 (self->db, count, _("Could not recompute the tiers"), &n_written, error))
      return FALSE;
  }

  if (n_written == 0)
    return TRUE;

  /* The tier and potential in force follow the computed ones unless set by
   * hand. */
  if (!_rapport_database_exec (self->db,
                               "UPDATE customer SET tier_computed = n.tier, tier_reason = n.reason, "
                               "  tier = coalesce (customer.tier_manual, n.tier), "
                               "  potential_suggested = n.potential, potential_reason = n.potential_reason, "
                               "  potential = coalesce (customer.potential_manual, n.potential) "
                               "FROM temp.tier_new n WHERE customer.id = n.id;"
                               "DELETE FROM temp.tier_new;",
                               error))
    return FALSE;

  /* One announcement for the whole book, when a tier or potential changed:
   * new reasons alone (the rank of N moves with every new customer) do not
   * make every list reload; the session's "recomputed" says them. */
  if (self->announce)
    _rapport_database_queue_change (self->db, RAPPORT_ENTITY_KIND_CUSTOMER, 0, 0, RAPPORT_CHANGE_RELOADED);

  return TRUE;
}

/**
 * rapport_store_recompute_tiers:
 *
 * See rapport-tier-store.h. Orders and open opportunities in a currency
 * without a rate are left out and their currencies listed in the run's
 * missing_rates (and tier_run.missing_rates); when the period has no order
 * of a live customer, or none that can be converted, nothing changes and
 * the run says why. Ranks are shared by ties (1, 2, 2, 4).
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
  Recompute recompute = { 0, };
  char from[11], middle[11], to[11];
  gboolean any_order = FALSE;
  GError *local_error = NULL;
  gint64 n_counted = 0;

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
  if (!compute_period (today, rules->period_months, from, middle, to, error))
    return NULL;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return NULL;

  run = g_new0 (RapportTierRun, 1);
  run->ran_at = _rapport_database_now (db);
  run->moved_up = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_tier_change_free);
  run->moved_down = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_tier_change_free);

  if (!fill_rates (db, default_currency, error) ||
      !fill_contributions (db, from, middle, to, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  run->missing_rates = find_missing_rates (db, from, to, &any_order, error);
  if (run->missing_rates == NULL)
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db,
                                                                   "SELECT count(*) FROM temp.tier_calc WHERE n_orders > 0",
                                                                   error);

    if (stmt == NULL ||
        !_rapport_database_step_int64 (db, stmt, _("Could not recompute the tiers"), &n_counted, error))
      goto fail;
  }

  run->not_computed_reason = not_computed_reason (rules, any_order, (guint) n_counted, run->missing_rates,
                                                  default_currency);

  recompute.db = db;
  recompute.rules = rules;
  recompute.currency = default_currency;
  recompute.run = run;

  if (run->not_computed_reason == NULL && !write_tiers (&recompute, cancellable, error))
    goto fail;

  if (!record_run (db, run, from, to, error) ||
      !_rapport_database_exec (db, "DELETE FROM temp.tier_calc; DELETE FROM temp.tier_rate;", error) ||
      !_rapport_database_commit (db, error))
    goto fail;

  g_debug ("Tiers %s to %s: %u customers, %u with orders, %u changed, %u missing rates",
           from, to, run->n_customers, run->n_with_orders, run->n_changed, g_strv_length (run->missing_rates));

  return g_steal_pointer (&run);

fail:
  _rapport_database_rollback (db, NULL);
  return NULL;
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
