/* rapport-report-common.c
 *
 * What every report kind shares: the customer filters of a query, the
 * check for cancellation between statements, reading ids, the errors of a
 * failed read or an unknown drill key, and small sums (median, rounding).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-report"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-enums.h"
#include "rapport-report-private.h"
#include "rapport-store-private.h"

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

sqlite3_stmt *
_rapport_report_prepare_with_filter (RapportDatabase           *db,
                                     const RapportReportQuery  *query,
                                     const char                *sql,
                                     GError                   **error)
{
  sqlite3_stmt *stmt = _rapport_database_prepare (db, sql, error);

  if (stmt != NULL)
    _rapport_report_bind_customer_filter (stmt, query);

  return stmt;
}

gboolean
_rapport_report_read_failed (RapportDatabase  *db,
                             GError          **error)
{
  _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not compute the report"));
  return FALSE;
}

GArray *
_rapport_report_collect_ids (RapportDatabase  *db,
                             sqlite3_stmt     *stmt,
                             GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_report_read_failed (db, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

GArray *
_rapport_report_bad_drill_key (const char  *section_id,
                               const char  *drill_key,
                               GError     **error)
{
  g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
               _("This report has no row “%s” in “%s”"),
               drill_key != NULL ? drill_key : "", section_id != NULL ? section_id : "");
  return NULL;
}

gint64
_rapport_report_round_minor (double value)
{
  return (gint64) (value >= 0 ? value + 0.5 : value - 0.5);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
_rapport_report_median (GArray *values)
{
  guint n = values->len;
  const double *v = (const double *) values->data;

  if (n == 0)
    return 0;

  g_array_sort (values, compare_doubles);
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
