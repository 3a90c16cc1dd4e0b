/* rapport-churn.c
 *
 * Churn warnings (流失预警): the at-risk list, the daily check's record of it,
 * holds and marking a customer lost. The rule itself is core's
 * (rapport-churn.h); this file only reads what it needs, in two sequential
 * table scans (orders, grouped by customer in memory, then customers), with
 * no query per customer: the list over 100,000 customers takes a fraction of
 * a second on a worker connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-churn"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-churn.h"
#include "rapport-store-private.h"

#define SECONDS_PER_DAY 86400

void
rapport_at_risk_free (RapportAtRisk *at_risk)
{
  if (at_risk == NULL)
    return;

  g_free (at_risk->name);
  g_free (at_risk->code);
  g_free (at_risk);
}

/* Orders after this local date count towards the value: the same day one
 * year before @now. */
static char *
value_cutoff (gint64 now)
{
  g_autoptr (GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autoptr (GDateTime) year_ago = g_date_time_add_years (today, -1);

  return g_date_time_format (year_ago, "%Y-%m-%d");
}

static int
compare_at_risk (gconstpointer a,
                 gconstpointer b)
{
  const RapportAtRisk *x = *(RapportAtRisk * const *) a;
  const RapportAtRisk *y = *(RapportAtRisk * const *) b;

  if (x->value_12m != y->value_12m)
    return x->value_12m > y->value_12m ? -1 : 1;
  /* Equal value: the longest silent first. */
  if (x->last_activity_at != y->last_activity_at)
    return x->last_activity_at < y->last_activity_at ? -1 : 1;
  return (x->customer_id > y->customer_id) - (x->customer_id < y->customer_id);
}

/* Every live order, grouped by customer: the days of customer @id are
 * days[offsets[id]] to days[offsets[id + 1]] (any order), its value in the
 * default currency value[id]. Read in one sequential scan of the table and
 * grouped by a counting sort on the customer id (ids are rowids, dense). */
typedef struct
{
  gint64  max_id;
  guint  *offsets;   /* max_id + 2 */
  gint32 *days;
  gint64 *value;     /* max_id + 1 */
} OrderIndex;

static void
order_index_clear (OrderIndex *index)
{
  g_clear_pointer (&index->offsets, g_free);
  g_clear_pointer (&index->days, g_free);
  g_clear_pointer (&index->value, g_free);
}

typedef struct
{
  gint64 customer_id;
  gint32 day;
} OrderDay;

static gboolean
read_orders (RapportDatabase  *db,
             const char       *currency,
             const char       *cutoff,
             OrderIndex       *index,
             GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GArray) orders = g_array_new (FALSE, FALSE, sizeof (OrderDay));
  g_autofree guint *next = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT max(id) FROM customer", error);
  if (stmt == NULL ||
      !_rapport_database_step_int64 (db, stmt, _("Could not read the customers"), &index->max_id, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_reset);

  index->offsets = g_new0 (guint, index->max_id + 2);
  index->value = g_new0 (gint64, index->max_id + 1);

  stmt = _rapport_database_prepare (db,
                                    "SELECT customer_id, ordered_on, amount, currency "
                                    "FROM orders WHERE deleted_at IS NULL",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OrderDay order = { sqlite3_column_int64 (stmt, 0), 0 };
      const char *ordered_on = (const char *) sqlite3_column_text (stmt, 1);
      const char *order_currency = (const char *) sqlite3_column_text (stmt, 3);

      if (order.customer_id < 1 || order.customer_id > index->max_id ||
          !rapport_churn_parse_day (ordered_on, &order.day))
        continue;

      g_array_append_val (orders, order);
      index->offsets[order.customer_id + 1]++;
      if (currency != NULL && order_currency != NULL &&
          strcmp (order_currency, currency) == 0 && strcmp (ordered_on, cutoff) > 0)
        index->value[order.customer_id] += sqlite3_column_int64 (stmt, 2);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the orders"));
      return FALSE;
    }

  for (gint64 id = 1; id <= index->max_id + 1; id++)
    index->offsets[id] += index->offsets[id - 1];

  index->days = g_new (gint32, MAX (orders->len, 1));
  next = g_memdup2 (index->offsets, (index->max_id + 1) * sizeof (guint));
  for (guint i = 0; i < orders->len; i++)
    {
      const OrderDay *order = &g_array_index (orders, OrderDay, i);

      index->days[next[order->customer_id]++] = order->day;
    }

  return TRUE;
}

static gboolean
read_churn_state (RapportDatabase  *db,
                  GHashTable       *since,
                  GError          **error);

/**
 * rapport_store_compute_at_risk:
 * @rules: thresholds, gap multiple and the currency the value is counted in
 * @now: UTC unix time
 *
 * Returns: (transfer full): a GPtrArray of RapportAtRisk, most valuable first.
 */
GPtrArray *
rapport_store_compute_at_risk (RapportDatabase         *db,
                               const RapportChurnRules *rules,
                               gint64                   now,
                               GError                 **error)
{
  g_autoptr (GPtrArray) result = NULL;
  g_autoptr (RapportStatement) customers = NULL;
  g_autoptr (GHashTable) since = NULL;
  g_autofree char *cutoff = NULL;
  OrderIndex orders = { 0, };
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_at_risk_free);
  cutoff = value_cutoff (now);
  since = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  if (!read_orders (db, rules->default_currency, cutoff, &orders, error) ||
      !read_churn_state (db, since, error))
    goto fail;

  customers = _rapport_database_prepare (db,
                                         "SELECT id, tier, stage, last_interaction_at, created_at, "
                                         "  churn_hold_until, name, code "
                                         "FROM customer WHERE deleted_at IS NULL",
                                         error);
  if (customers == NULL)
    goto fail;

  while ((rc = sqlite3_step (customers)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (customers, 0);
      RapportTier tier = RAPPORT_TIER_LEAD;
      RapportStage stage = RAPPORT_STAGE_PROSPECT;
      gint64 last_interaction_at = sqlite3_column_int64 (customers, 3);
      gint64 last_order_at = 0;
      gint64 last_activity_at;
      const gint32 *days = NULL;
      guint n_days = 0;
      guint typical_gap;
      gint64 *at_risk_since;
      RapportAtRisk *at_risk;

      rapport_tier_from_string ((const char *) sqlite3_column_text (customers, 1), &tier);
      rapport_stage_from_string ((const char *) sqlite3_column_text (customers, 2), &stage);

      if (id >= 1 && id <= orders.max_id)
        {
          days = orders.days + orders.offsets[id];
          n_days = orders.offsets[id + 1] - orders.offsets[id];
        }

      for (guint i = 0; i < n_days; i++)
        last_order_at = MAX (last_order_at, (gint64) days[i] * SECONDS_PER_DAY);
      last_activity_at = MAX (last_interaction_at, last_order_at);
      typical_gap = rapport_churn_typical_gap_days (days, n_days);

      if (!rapport_churn_is_at_risk (rules->threshold_days[tier], rules->gap_multiple,
                                     last_activity_at,
                                     sqlite3_column_int64 (customers, 4),
                                     typical_gap,
                                     sqlite3_column_int64 (customers, 5),
                                     stage == RAPPORT_STAGE_LOST,
                                     now))
        continue;

      at_risk = g_new0 (RapportAtRisk, 1);
      at_risk->customer_id = id;
      at_risk->name = g_strdup (_rapport_store_column_text (customers, 6));
      at_risk->code = g_strdup (_rapport_store_column_text (customers, 7));
      at_risk->tier = tier;
      at_risk->last_activity_at = last_activity_at;
      at_risk->last_order_at = last_order_at;
      at_risk->typical_gap_days = typical_gap;
      at_risk->value_12m = n_days > 0 ? orders.value[id] : 0;
      at_risk_since = g_hash_table_lookup (since, &id);
      at_risk->at_risk_since = at_risk_since != NULL ? *at_risk_since : 0;
      g_ptr_array_add (result, at_risk);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not find the customers at risk"));
      goto fail;
    }

  order_index_clear (&orders);
  g_ptr_array_sort (result, compare_at_risk);

  return g_steal_pointer (&result);

fail:
  order_index_clear (&orders);
  return NULL;
}

static gboolean
read_churn_state (RapportDatabase  *db,
                  GHashTable       *since,
                  GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT customer_id, at_risk_since FROM churn_state", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);
      gint64 *value = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      *value = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (since, key, value);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not read the churn warnings"));
      return FALSE;
    }

  return TRUE;
}

/**
 * rapport_store_record_at_risk:
 * @at_risk: (element-type RapportAtRisk): from rapport_store_compute_at_risk();
 *   each one's at_risk_since is set
 * @out_new_ids: (out) (optional): a GArray of gint64, in @at_risk's order
 */
gboolean
rapport_store_record_at_risk (RapportDatabase  *db,
                              GPtrArray        *at_risk,
                              gint64            now,
                              GArray          **out_new_ids,
                              GError          **error)
{
  g_autoptr (GHashTable) since = NULL;
  g_autoptr (GArray) new_ids = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (at_risk != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  since = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if (!read_churn_state (db, since, error) ||
      !_rapport_database_exec (db, "DELETE FROM churn_state", error))
    goto fail;

  for (guint i = 0; i < at_risk->len; i++)
    {
      RapportAtRisk *item = g_ptr_array_index (at_risk, i);
      g_autoptr (RapportStatement) stmt = NULL;
      gint64 *previous = g_hash_table_lookup (since, &item->customer_id);

      if (previous != NULL)
        item->at_risk_since = *previous;
      else
        {
          item->at_risk_since = now;
          g_array_append_val (new_ids, item->customer_id);
        }

      stmt = _rapport_database_prepare (db,
                                        "INSERT OR REPLACE INTO churn_state (customer_id, at_risk_since) "
                                        "VALUES (?1, ?2)",
                                        error);
      if (stmt == NULL)
        goto fail;

      sqlite3_bind_int64 (stmt, 1, item->customer_id);
      sqlite3_bind_int64 (stmt, 2, item->at_risk_since);

      if (!_rapport_database_step_done (db, stmt, _("Could not save the churn warnings"), error))
        goto fail;
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  if (out_new_ids != NULL)
    *out_new_ids = g_steal_pointer (&new_ids);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/* Runs @sql on the customer (?1 its id, ?2 @text when not NULL or else
 * @value, ?3 if present now) and forgets its recorded warning, so the daily
 * check announces it again once it is at risk again. */
static gboolean
update_customer_churn (RapportDatabase  *db,
                       gint64            customer_id,
                       const char       *sql,
                       const char       *text,
                       gint64            value,
                       GError          **error)
{
  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if (!_rapport_store_customer_exists (db, customer_id, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);

    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, customer_id);
    if (text != NULL)
      _rapport_store_bind_text (stmt, 2, text);
    else
      _rapport_store_bind_id (stmt, 2, value);
    if (sqlite3_bind_parameter_count (stmt) >= 3)
      sqlite3_bind_int64 (stmt, 3, _rapport_database_now (db));

    if (!_rapport_database_step_done (db, stmt, _("Could not save the customer"), error))
      goto fail;
  }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db, "DELETE FROM churn_state WHERE customer_id = ?1", error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, customer_id);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the churn warnings"), error))
      goto fail;
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id, customer_id,
                                  RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_hold_churn_warning (RapportDatabase  *db,
                                  gint64            customer_id,
                                  gint64            until,
                                  GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (until >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A hold is not an edit of the customer: updated_at stays. */
  return update_customer_churn (db, customer_id,
                                "UPDATE customer SET churn_hold_until = ?2 WHERE id = ?1",
                                NULL, until, error);
}

gboolean
rapport_store_mark_customer_lost (RapportDatabase  *db,
                                  gint64            customer_id,
                                  const char       *reason,
                                  GError          **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  return update_customer_churn (db, customer_id,
                                "UPDATE customer SET stage = 'lost', lost_reason = ?2, updated_at = ?3, "
                                "  lost_at = CASE WHEN stage = 'lost' THEN coalesce (lost_at, ?3) ELSE ?3 END "
                                "WHERE id = ?1",
                                trimmed, 0, error);
}
