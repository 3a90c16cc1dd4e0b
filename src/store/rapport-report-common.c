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
#include <stdio.h>
#include <string.h>

#include "rapport-date.h"
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

gboolean
_rapport_report_query_flag (RapportDatabase  *db,
                            const char       *sql,
                            gboolean         *out,
                            GError          **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);
  gint64 value = 0;

  if (stmt == NULL ||
      !_rapport_database_step_int64 (db, stmt, _("Could not compute the report"), &value, error))
    return FALSE;

  *out = value != 0;
  return TRUE;
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

/* Days and periods */

gboolean
_rapport_report_parse_ymd (const char *ymd,
                           GDate      *out)
{
  int year, month, day;

  g_date_clear (out, 1);
  if (ymd == NULL || sscanf (ymd, "%d-%d-%d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

char *
_rapport_report_format_ymd (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gint64
_rapport_report_local_midnight (const GDate *date)
{
  g_autofree char *ymd = _rapport_report_format_ymd (date);

  return rapport_date_to_unix_local (ymd);
}

char *
_rapport_report_format_date (const GDate *date,
                             const char  *format)
{
  g_autoptr (GDateTime) time = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                      g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (time, format);
}

gboolean
_rapport_report_day_bounds (const char *first,
                            const char *last,
                            gint64     *out_start,
                            gint64     *out_end)
{
  GDate a, b;

  if (!_rapport_report_parse_ymd (first, &a) || !_rapport_report_parse_ymd (last, &b))
    return FALSE;

  g_date_add_days (&b, 1);
  *out_start = _rapport_report_local_midnight (&a);
  *out_end = _rapport_report_local_midnight (&b);
  return TRUE;
}

static void
bucket_clear (gpointer data)
{
  RapportReportBucket *bucket = data;

  g_free (bucket->from);
  g_free (bucket->to);
  g_free (bucket->label);
}

char *
_rapport_report_bucket_label (const GDate       *unit,
                              RapportReportStep  step)
{
  switch (step)
    {
    case RAPPORT_REPORT_STEP_DAY:
      /* Translators: a day in a report, see g_date_time_format() */
      return _rapport_report_format_date (unit, C_("Report day", "%a %-d %b"));
    case RAPPORT_REPORT_STEP_WEEK:
      /* Translators: a week in a report, by its Monday, see g_date_time_format() */
      return _rapport_report_format_date (unit, C_("Report week", "Week of %-d %b %Y"));
    case RAPPORT_REPORT_STEP_QUARTER:
      /* Translators: a quarter in a report: its number and year */
      return g_strdup_printf (C_("Report quarter", "Q%d %d"), (g_date_get_month (unit) - 1) / 3 + 1,
                              g_date_get_year (unit));
    case RAPPORT_REPORT_STEP_YEAR:
      return g_strdup_printf ("%d", g_date_get_year (unit));
    case RAPPORT_REPORT_STEP_MONTH:
    default:
      /* Translators: a month in a report, see g_date_time_format() */
      return _rapport_report_format_date (unit, C_("Report month", "%b %Y"));
    }
}

void
_rapport_report_unit_start (GDate             *date,
                            RapportReportStep  step)
{
  switch (step)
    {
    case RAPPORT_REPORT_STEP_DAY:
      break;
    case RAPPORT_REPORT_STEP_WEEK:
      g_date_subtract_days (date, g_date_get_weekday (date) - G_DATE_MONDAY);
      break;
    case RAPPORT_REPORT_STEP_QUARTER:
      g_date_set_day (date, 1);
      g_date_set_month (date, ((g_date_get_month (date) - 1) / 3) * 3 + 1);
      break;
    case RAPPORT_REPORT_STEP_YEAR:
      g_date_set_dmy (date, 1, G_DATE_JANUARY, g_date_get_year (date));
      break;
    case RAPPORT_REPORT_STEP_MONTH:
    default:
      g_date_set_day (date, 1);
      break;
    }
}

void
_rapport_report_unit_advance (GDate             *date,
                              RapportReportStep  step)
{
  switch (step)
    {
    case RAPPORT_REPORT_STEP_DAY:
      g_date_add_days (date, 1);
      break;
    case RAPPORT_REPORT_STEP_WEEK:
      g_date_add_days (date, 7);
      break;
    case RAPPORT_REPORT_STEP_QUARTER:
      g_date_add_months (date, 3);
      break;
    case RAPPORT_REPORT_STEP_YEAR:
      g_date_add_years (date, 1);
      break;
    case RAPPORT_REPORT_STEP_MONTH:
    default:
      g_date_add_months (date, 1);
      break;
    }
}

GArray *
_rapport_report_make_buckets (const char                  *from,
                              const char                  *to,
                              RapportReportStep            step,
                              gboolean                     with_before,
                              RapportReportBucketLabelFunc label_func)
{
  GArray *buckets = g_array_new (FALSE, TRUE, sizeof (RapportReportBucket));
  GDate first, last, unit;

  g_array_set_clear_func (buckets, bucket_clear);
  if (label_func == NULL)
    label_func = _rapport_report_bucket_label;
  if (!_rapport_report_parse_ymd (from, &first) || !_rapport_report_parse_ymd (to, &last) ||
      g_date_compare (&first, &last) > 0)
    return buckets;

  unit = first;
  _rapport_report_unit_start (&unit, step);
  if (with_before)
    {
      g_date_subtract_days (&unit, 1);
      _rapport_report_unit_start (&unit, step);
    }

  /* Ten years by day is the most a chart can say anything with. */
  while (g_date_compare (&unit, &last) <= 0 && buckets->len < 3700)
    {
      RapportReportBucket bucket = { 0 };
      GDate next = unit, bucket_first, bucket_last;
      gboolean is_before = with_before && buckets->len == 0;

      _rapport_report_unit_advance (&next, step);
      bucket_first = !is_before && g_date_compare (&unit, &first) < 0 ? first : unit;
      bucket_last = next;
      g_date_subtract_days (&bucket_last, 1);
      if (g_date_compare (&bucket_last, &last) > 0)
        bucket_last = last;

      bucket.from = _rapport_report_format_ymd (&bucket_first);
      bucket.to = _rapport_report_format_ymd (&bucket_last);
      bucket.start = _rapport_report_local_midnight (&bucket_first);
      g_date_add_days (&bucket_last, 1);
      bucket.end = _rapport_report_local_midnight (&bucket_last);
      bucket.label = label_func (&unit, step);
      g_array_append_val (buckets, bucket);

      unit = next;
    }

  return buckets;
}

/* Both searches run for every row a report reads: a binary search over
 * the sorted, adjoining buckets. */
int
_rapport_report_find_bucket_on (GArray     *buckets,
                                const char *ymd)
{
  guint low = 0, high = buckets->len;

  if (ymd == NULL)
    return -1;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (strcmp (g_array_index (buckets, RapportReportBucket, mid).from, ymd) <= 0)
        low = mid + 1;
      else
        high = mid;
    }

  if (low == 0 || strcmp (g_array_index (buckets, RapportReportBucket, low - 1).to, ymd) < 0)
    return -1;

  return (int) low - 1;
}

int
_rapport_report_find_bucket_at (GArray *buckets,
                                gint64  time)
{
  guint low = 0, high = buckets->len;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (g_array_index (buckets, RapportReportBucket, mid).start <= time)
        low = mid + 1;
      else
        high = mid;
    }

  if (low == 0 || g_array_index (buckets, RapportReportBucket, low - 1).end <= time)
    return -1;

  return (int) low - 1;
}
