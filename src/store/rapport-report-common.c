/* rapport-report-common.c
 *
 * What every report kind shares: the customer filters of a query, and the
 * check for cancellation between statements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-report"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-enums.h"
#include "rapport-report-private.h"

/* The parameters of the customer filter; the kinds' own start at 1. */
enum {
  PARAM_TIER = 100,
  PARAM_TAG,
  PARAM_REGION,
  PARAM_OWNER,
};

/**
 * _rapport_report_customer_filter_sql:
 * @alias: the customer table's alias in the statement ("c")
 *
 * Returns: (transfer full): an SQL condition, never %NULL
 */
char *
_rapport_report_customer_filter_sql (const RapportReportQuery *query,
                                     const char               *alias)
{
  GString *sql;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (alias != NULL, NULL);

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "%s.deleted_at IS NULL", alias);

  if (query->tier >= 0)
    g_string_append_printf (sql, " AND %s.tier = ?%d", alias, PARAM_TIER);
  if (query->tag_id > 0)
    g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM customer_tag ct"
                                 " WHERE ct.customer_id = %s.id AND ct.tag_id = ?%d)",
                            alias, PARAM_TAG);
  if (query->region != NULL)
    g_string_append_printf (sql, " AND %s.region = ?%d", alias, PARAM_REGION);
  /* The default user's customers have no owner (see rapport-staff-store.h). */
  if (query->owner_id > 0)
    g_string_append_printf (sql, " AND %s.owner_id = ?%d", alias, PARAM_OWNER);
  else if (query->owner_id == 0)
    g_string_append_printf (sql, " AND %s.owner_id IS NULL", alias);

  return g_string_free (sql, FALSE);
}

void
_rapport_report_bind_customer_filter (sqlite3_stmt             *stmt,
                                      const RapportReportQuery *query)
{
  g_return_if_fail (stmt != NULL);
  g_return_if_fail (query != NULL);

  /* Only the parameters the condition holds: binding an index the
   * statement does not have would fail. */
  if (query->tier >= 0 && query->tier <= RAPPORT_TIER_LEAD)
    sqlite3_bind_text (stmt, PARAM_TIER, rapport_tier_to_string (query->tier), -1, SQLITE_STATIC);
  else if (query->tier >= 0)
    sqlite3_bind_null (stmt, PARAM_TIER);
  if (query->tag_id > 0)
    sqlite3_bind_int64 (stmt, PARAM_TAG, query->tag_id);
  if (query->region != NULL)
    sqlite3_bind_text (stmt, PARAM_REGION, query->region, -1, SQLITE_TRANSIENT);
  if (query->owner_id > 0)
    sqlite3_bind_int64 (stmt, PARAM_OWNER, query->owner_id);
}

gboolean
_rapport_report_check_cancelled (GCancellable  *cancellable,
                                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

gboolean
_rapport_report_load_converter (RapportDatabase           *db,
                                const RapportReportQuery  *query,
                                RapportCurrencyConverter **out_converter,
                                GError                   **error)
{
  *out_converter = _rapport_currency_converter_new (db, query->currency != NULL ? query->currency : "CNY",
                                                    error);

  return *out_converter != NULL;
}

void
_rapport_report_add_missing_rates_note (RapportReportSection     *section,
                                        RapportCurrencyConverter *converter,
                                        const char               *what)
{
  g_auto (GStrv) missing = _rapport_currency_converter_dup_missing (converter);
  g_autofree char *list = NULL;
  g_autofree char *note = NULL;

  if (missing[0] == NULL)
    return;

  list = g_strjoinv (", ", missing);
  /* Translators: the first %s is what was left out ("Orders"), the second
   * a list of currency codes */
  note = g_strdup_printf (_("%s in %s are left out: no exchange rate (Preferences › Tiers)"), what, list);
  rapport_report_section_add_note (section, note);
}
