/* rapport-report-store.c
 *
 * Reports (issue 10): the dispatch by kind, the customers behind a row, and
 * four kinds — value matrix, contribution, composition and churn. Each reads
 * a few grouped statements (orders through the orders_by_date index, lost
 * customers through customer_by_lost) and does the rest in memory, so a
 * report over the whole book stays well under a third of a second.
 *
 * Money: orders are summed per currency in SQL and converted here at the
 * user's rates (currency_rate: minor units of the default currency per
 * minor unit); a currency without a rate is left out and named in a note.
 *
 * Sections (id: columns; drill keys):
 * - value_matrix  matrix: tier, potential, treatment, advice, customers,
 *                 revenue; "platinum/high" … "lead/low", 8 rows.
 * - contribution  top: customer, revenue, share, change; the customer id.
 *                 pareto: customers ("Top 5%"), revenue, cumulative share
 *                 (a line over the bars); "FIRST-END" ranks, end excluded.
 *                 by_period: period, revenue, change; "FROM|TO" days.
 * - composition   tier, stage, region, industry, source, owner: name,
 *                 customers, share; the tier or stage key, "=VALUE" / "none"
 *                 / "other" for the free-text fields, the owner's id (0:
 *                 the default user). new: period, new customers; "FROM|TO".
 * - churn         lost: period, lost customers, revenue lost; "FROM|TO".
 *                 at_risk: tier, customers (as the last daily churn check
 *                 found them); the tier key. reasons: name, customers,
 *                 share (customer.lost_reason); as for free text.
 *                 retention: customers, count, share; "previous", "kept",
 *                 "not_kept".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-report"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rapport-date.h"
#include "rapport-money.h"
#include "rapport-report-private.h"
#include "rapport-store-private.h"
#include "rapport-value-matrix.h"

/* Region, industry and source list their largest values and "Other". */
#define COMPOSITION_TOP 12
#define PARETO_POINTS 20

/* Helpers: statements */

static gboolean
fail_read (RapportDatabase  *db,
           GError          **error)
{
  _rapport_database_set_error (error, _rapport_database_get_handle (db),
                               _("Could not compute the report"));
  return FALSE;
}

/* A cached statement for @template, whose one "%s" becomes the query's
 * customer filter on alias "c", with the filter bound. */
static sqlite3_stmt *
prepare_filtered (RapportDatabase           *db,
                  const RapportReportQuery  *query,
                  const char                *template,
                  GError                   **error)
{
  g_autofree char *filter = _rapport_report_customer_filter_sql (query, "c");
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  sql = g_strdup_printf (template, filter);
#pragma GCC diagnostic pop

  stmt = _rapport_database_prepare (db, sql, error);
  if (stmt != NULL)
    _rapport_report_bind_customer_filter (stmt, query);

  return stmt;
}

static char *
ids_to_json (GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static GArray *
new_id_array (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Collects the first column of every row as ids. */
static GArray *
collect_ids (RapportDatabase  *db,
             sqlite3_stmt     *stmt,
             GError          **error)
{
  g_autoptr (GArray) ids = new_id_array ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      fail_read (db, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Helpers: money */

typedef struct
{
  const char *target;
  GHashTable *rates;     /* currency → double* */
  GHashTable *missing;   /* currency set */
} Rates;

static void
rates_clear (Rates *rates)
{
  g_clear_pointer (&rates->rates, g_hash_table_unref);
  g_clear_pointer (&rates->missing, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rates, rates_clear)

static gboolean
rates_load (Rates                     *rates,
            RapportDatabase           *db,
            const RapportReportQuery  *query,
            GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  rates->target = query->currency != NULL ? query->currency : "CNY";
  rates->rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rates->missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = _rapport_database_prepare (db, "SELECT currency, rate FROM currency_rate", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double *rate = g_new (double, 1);

      *rate = sqlite3_column_double (stmt, 1);
      g_hash_table_insert (rates->rates, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), rate);
    }
  if (rc != SQLITE_DONE)
    return fail_read (db, error);

  return TRUE;
}

/* @amount (minor units of @currency) in the report's currency; FALSE (and
 * the currency remembered for the note) when there is no rate. */
static gboolean
rates_convert (Rates      *rates,
               const char *currency,
               gint64      amount,
               double     *out)
{
  const double *rate;

  if (currency == NULL)
    currency = "";

  if (g_str_equal (currency, rates->target))
    {
      *out = (double) amount;
      return TRUE;
    }

  rate = g_hash_table_lookup (rates->rates, currency);
  if (rate == NULL)
    {
      if (!g_hash_table_contains (rates->missing, currency))
        g_hash_table_add (rates->missing, g_strdup (currency));
      return FALSE;
    }

  *out = amount * *rate;
  return TRUE;
}

static void
add_missing_rates_note (RapportReportSection *section,
                        Rates                *rates)
{
  g_autofree const char **codes = NULL;
  g_autofree char *list = NULL;
  g_autofree char *note = NULL;
  guint n = 0;

  if (g_hash_table_size (rates->missing) == 0)
    return;

  codes = (const char **) g_hash_table_get_keys_as_array (rates->missing, &n);
  g_qsort_with_data (codes, n, sizeof (char *), (GCompareDataFunc) g_strcmp0, NULL);
  list = g_strjoinv (", ", (char **) codes);
  note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Orders in %s are left out: it has no exchange rate (Preferences › Tiers).",
                                       "Orders in %s are left out: they have no exchange rate (Preferences › Tiers).",
                                       n),
                          list);
  rapport_report_section_add_note (section, note);
}

/* Helpers: periods */

static GDateTime *
date_time_from_ymd (const char *ymd)
{
  int y = 0, m = 0, d = 0;

  if (sscanf (ymd, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;

  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

/* "1 Jan 2026", or without its year "1 Jan", localised. */
static char *
format_day (const char *ymd,
            gboolean    with_year)
{
  g_autoptr (GDateTime) date = date_time_from_ymd (ymd);

  if (date == NULL)
    return g_strdup (ymd);

  /* Translators: dates in a report's empty text, see g_date_time_format() */
  return g_date_time_format (date, with_year ? C_("Report date", "%-d %b %Y")
                                             : C_("Report date without year", "%-d %b"));
}

/* "No orders between 1 Jan and 31 Mar 2026" and its siblings: @format has
 * two %s, the first and last day. */
static char *
period_text (const char *format,
             const char *from,
             const char *to)
{
  /* "1 Jan and 31 Mar 2026": the first day's year only when it differs. */
  g_autofree char *first = format_day (from, strncmp (from, to, 4) != 0);
  g_autofree char *last = format_day (to, TRUE);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, first, last);
#pragma GCC diagnostic pop
}

typedef struct
{
  char  *from;   /* YYYY-MM-DD, inclusive */
  char  *to;
  char  *label;
  gint64 start;  /* unix time of @from's local midnight */
  gint64 end;    /* and of the day after @to */
} Bucket;

static void
bucket_clear (gpointer data)
{
  Bucket *bucket = data;

  g_free (bucket->from);
  g_free (bucket->to);
  g_free (bucket->label);
}

static char *
ymd_of (GDateTime *date)
{
  return g_date_time_format (date, "%Y-%m-%d");
}

static GDateTime *
step_start (GDateTime         *date,
            RapportReportStep  step)
{
  int y = g_date_time_get_year (date);
  int m = g_date_time_get_month (date);

  switch (step)
    {
    case RAPPORT_REPORT_STEP_DAY:
      return g_date_time_ref (date);
    case RAPPORT_REPORT_STEP_WEEK:
      return g_date_time_add_days (date, 1 - g_date_time_get_day_of_week (date));
    case RAPPORT_REPORT_STEP_QUARTER:
      return g_date_time_new_local (y, m - (m - 1) % 3, 1, 0, 0, 0);
    case RAPPORT_REPORT_STEP_YEAR:
      return g_date_time_new_local (y, 1, 1, 0, 0, 0);
    case RAPPORT_REPORT_STEP_MONTH:
    default:
      return g_date_time_new_local (y, m, 1, 0, 0, 0);
    }
}

static GDateTime *
step_next (GDateTime         *start,
           RapportReportStep  step)
{
  switch (step)
    {
    case RAPPORT_REPORT_STEP_DAY:
      return g_date_time_add_days (start, 1);
    case RAPPORT_REPORT_STEP_WEEK:
      return g_date_time_add_weeks (start, 1);
    case RAPPORT_REPORT_STEP_QUARTER:
      return g_date_time_add_months (start, 3);
    case RAPPORT_REPORT_STEP_YEAR:
      return g_date_time_add_years (start, 1);
    case RAPPORT_REPORT_STEP_MONTH:
    default:
      return g_date_time_add_months (start, 1);
    }
}

static char *
step_label (GDateTime         *start,
            RapportReportStep  step)
{
  switch (step)
    {
    case RAPPORT_REPORT_STEP_DAY:
      /* Translators: a day in a report, see g_date_time_format() */
      return g_date_time_format (start, C_("Report day", "%a %-d %b"));
    case RAPPORT_REPORT_STEP_WEEK:
      /* Translators: a week in a report, by its Monday, see g_date_time_format() */
      return g_date_time_format (start, C_("Report week", "Week of %-d %b %Y"));
    case RAPPORT_REPORT_STEP_QUARTER:
      /* Translators: a quarter in a report: its number and year */
      return g_strdup_printf (C_("Report quarter", "Q%d %d"),
                              (g_date_time_get_month (start) - 1) / 3 + 1,
                              g_date_time_get_year (start));
    case RAPPORT_REPORT_STEP_YEAR:
      return g_date_time_format (start, "%Y");
    case RAPPORT_REPORT_STEP_MONTH:
    default:
      /* Translators: a month in a report, see g_date_time_format() */
      return g_date_time_format (start, C_("Report month", "%b %Y"));
    }
}

/* Unix bounds [start, end) of the local days @from to @to. */
static void
unix_bounds (const char *from,
             const char *to,
             gint64     *out_start,
             gint64     *out_end)
{
  g_autoptr (GDateTime) last = date_time_from_ymd (to);
  g_autoptr (GDateTime) after = g_date_time_add_days (last, 1);

  *out_start = rapport_date_to_unix_local (from);
  *out_end = g_date_time_to_unix (after);
}

/* The period cut by @step (the first and last bucket clipped to it), and
 * with @with_before one more bucket first: the one just before the period,
 * for the first bucket's change. */
static GArray *
make_buckets (const char        *from,
              const char        *to,
              RapportReportStep  step,
              gboolean           with_before)
{
  g_autoptr (GArray) buckets = g_array_new (FALSE, TRUE, sizeof (Bucket));
  g_autoptr (GDateTime) first = date_time_from_ymd (from);
  g_autoptr (GDateTime) last = date_time_from_ymd (to);
  g_autoptr (GDateTime) start = NULL;

  g_array_set_clear_func (buckets, bucket_clear);
  if (first == NULL || last == NULL || g_date_time_compare (first, last) > 0)
    return g_steal_pointer (&buckets);

  start = step_start (first, step);
  if (with_before)
    {
      g_autoptr (GDateTime) before = NULL;
      g_autoptr (GDateTime) probe = g_date_time_add_days (start, -1);

      before = step_start (probe, step);
      g_clear_pointer (&start, g_date_time_unref);
      start = g_steal_pointer (&before);
    }

  /* Ten years by day is the most a chart can say anything with. */
  while (g_date_time_compare (start, last) <= 0 && buckets->len < 3700)
    {
      g_autoptr (GDateTime) next = step_next (start, step);
      g_autoptr (GDateTime) end = g_date_time_add_days (next, -1);
      Bucket bucket;
      gboolean is_before = with_before && buckets->len == 0;

      bucket.from = ymd_of (!is_before && g_date_time_compare (start, first) < 0 ? first : start);
      bucket.to = ymd_of (g_date_time_compare (end, last) > 0 ? last : end);
      bucket.label = step_label (start, step);
      unix_bounds (bucket.from, bucket.to, &bucket.start, &bucket.end);
      g_array_append_val (buckets, bucket);

      g_date_time_unref (start);
      start = g_steal_pointer (&next);
    }

  return g_steal_pointer (&buckets);
}

/* The bucket holding @ymd, or -1. */
static int
find_bucket (GArray     *buckets,
             const char *ymd)
{
  guint low = 0;
  guint high = buckets->len;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (strcmp (g_array_index (buckets, Bucket, mid).from, ymd) <= 0)
        low = mid + 1;
      else
        high = mid;
    }

  if (low == 0 || strcmp (g_array_index (buckets, Bucket, low - 1).to, ymd) < 0)
    return -1;

  return low - 1;
}

/* The bucket holding unix time @t, or -1. */
static int
find_bucket_unix (GArray *buckets,
                  gint64  t)
{
  guint low = 0;
  guint high = buckets->len;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (g_array_index (buckets, Bucket, mid).start <= t)
        low = mid + 1;
      else
        high = mid;
    }

  if (low == 0 || g_array_index (buckets, Bucket, low - 1).end <= t)
    return -1;

  return low - 1;
}

static char *
bucket_key (const Bucket *bucket)
{
  return g_strdup_printf ("%s|%s", bucket->from, bucket->to);
}

/* "2026-01-01|2026-01-31" back into its days. */
static gboolean
parse_range_key (const char  *key,
                 char       **out_from,
                 char       **out_to)
{
  g_auto (GStrv) parts = g_strsplit (key, "|", 2);

  if (g_strv_length (parts) != 2 ||
      !rapport_date_validate (parts[0], NULL) || !rapport_date_validate (parts[1], NULL))
    return FALSE;

  *out_from = g_strdup (parts[0]);
  *out_to = g_strdup (parts[1]);
  return TRUE;
}

static gboolean
invalid_drill_key (GError **error)
{
  g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
               _("This row of the report lists no customers"));
  return FALSE;
}

/* Helpers: revenue */

/* The live customers the query's filters keep, each at a position (the
 * order they were read in) and found again by id in memory: joining every
 * order to its customer in SQL costs more than the orders themselves. */
typedef struct
{
  GArray     *ids;      /* gint64 by position */
  guint32    *by_id;    /* id → position + 1, when the ids are dense enough */
  gint64      max_id;
  GHashTable *sparse;   /* otherwise: gint64* into @ids → position + 1 */
} CustomerIndex;

static void
customer_index_init (CustomerIndex *index)
{
  index->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
customer_index_clear (CustomerIndex *index)
{
  g_clear_pointer (&index->ids, g_array_unref);
  g_clear_pointer (&index->by_id, g_free);
  g_clear_pointer (&index->sparse, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustomerIndex, customer_index_clear)

static guint
customer_index_add (CustomerIndex *index,
                    gint64         id)
{
  g_array_append_val (index->ids, id);
  index->max_id = MAX (index->max_id, id);
  return index->ids->len - 1;
}

/* After the last add. */
static void
customer_index_seal (CustomerIndex *index)
{
  guint n = index->ids->len;

  if (index->max_id < (gint64) n * 4 + 4096)
    {
      index->by_id = g_new0 (guint32, index->max_id + 1);
      for (guint i = 0; i < n; i++)
        {
          gint64 id = g_array_index (index->ids, gint64, i);

          if (id >= 0)
            index->by_id[id] = i + 1;
        }
      return;
    }

  index->sparse = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (index->sparse, &g_array_index (index->ids, gint64, i), GUINT_TO_POINTER (i + 1));
}

/* @id's position, or -1 when the filters leave it out. */
static int
customer_index_find (const CustomerIndex *index,
                     gint64               id)
{
  if (index->by_id != NULL)
    return id >= 0 && id <= index->max_id ? (int) index->by_id[id] - 1 : -1;

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (index->sparse, &id)) - 1;
}

static gint64
customer_index_get_id (const CustomerIndex *index,
                       guint                position)
{
  return g_array_index (index->ids, gint64, position);
}

/* The filtered customers' ids alone. */
static gboolean
load_customer_index (RapportDatabase           *db,
                     const RapportReportQuery  *query,
                     CustomerIndex             *index,
                     GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = prepare_filtered (db, query, "SELECT c.id FROM customer c WHERE %s", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    customer_index_add (index, sqlite3_column_int64 (stmt, 0));
  if (rc != SQLITE_DONE)
    return fail_read (db, error);

  customer_index_seal (index);
  return TRUE;
}

typedef void (*OrderFunc) (guint       position,
                           const char *ordered_on,
                           double      amount,
                           gpointer    user_data);

/* Calls @func for each live order from @from to @to of a customer in
 * @index, converted; an order without a rate counts as an order of 0 (its
 * currency is remembered in @rates for the note). Reads orders_by_date in
 * date order. */
static gboolean
scan_orders (RapportDatabase      *db,
             const char           *from,
             const char           *to,
             const CustomerIndex  *index,
             Rates                *rates,
             OrderFunc             func,
             gpointer              user_data,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  guint n = 0;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT o.customer_id, o.ordered_on, o.currency, o.amount FROM orders o"
                                    " WHERE o.deleted_at IS NULL AND o.ordered_on BETWEEN ?1 AND ?2",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int position = customer_index_find (index, sqlite3_column_int64 (stmt, 0));
      double amount;

      if ((++n & 0x7fff) == 0 && _rapport_report_check_cancelled (cancellable, error))
        return FALSE;
      if (position < 0)
        continue;
      if (!rates_convert (rates, (const char *) sqlite3_column_text (stmt, 2),
                          sqlite3_column_int64 (stmt, 3), &amount))
        amount = 0;
      func (position, (const char *) sqlite3_column_text (stmt, 1), amount, user_data);
    }
  if (rc != SQLITE_DONE)
    return fail_read (db, error);

  return TRUE;
}

/* Each customer's revenue in the period and the one before, and the
 * period's buckets, from one pass over the orders. */
typedef struct
{
  const char *from;
  const char *to;
  const char *previous_from;   /* NULL: no previous period */
  const char *previous_to;
  double     *current;         /* by position */
  double     *previous;
  guint8     *ordered;         /* by position: ORDERED_NOW | ORDERED_BEFORE */
  guint       n_current;       /* orders in the period, whatever their amount */
  GArray     *buckets;         /* nullable */
  double     *bucket_revenue;

  /* The last order's day and where it falls: orders come by day. */
  char        day[16];
  gboolean    day_is_now;
  gboolean    day_is_before;
  int         day_bucket;
} Revenue;

enum {
  ORDERED_NOW = 1 << 0,
  ORDERED_BEFORE = 1 << 1,
};

static void
revenue_clear (Revenue *revenue)
{
  g_clear_pointer (&revenue->current, g_free);
  g_clear_pointer (&revenue->previous, g_free);
  g_clear_pointer (&revenue->ordered, g_free);
  g_clear_pointer (&revenue->bucket_revenue, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Revenue, revenue_clear)

static void
add_order_revenue (guint       position,
                   const char *ordered_on,
                   double      amount,
                   gpointer    user_data)
{
  Revenue *revenue = user_data;

  if (strncmp (ordered_on, revenue->day, sizeof revenue->day - 1) != 0)
    {
      g_strlcpy (revenue->day, ordered_on, sizeof revenue->day);
      revenue->day_is_now = strcmp (ordered_on, revenue->from) >= 0 && strcmp (ordered_on, revenue->to) <= 0;
      revenue->day_is_before = revenue->previous_from != NULL &&
                               strcmp (ordered_on, revenue->previous_from) >= 0 &&
                               strcmp (ordered_on, revenue->previous_to) <= 0;
      revenue->day_bucket = revenue->buckets != NULL ? find_bucket (revenue->buckets, ordered_on) : -1;
    }

  if (revenue->day_is_now)
    {
      revenue->current[position] += amount;
      revenue->ordered[position] |= ORDERED_NOW;
      revenue->n_current++;
    }
  if (revenue->day_is_before)
    {
      revenue->previous[position] += amount;
      revenue->ordered[position] |= ORDERED_BEFORE;
    }
  if (revenue->day_bucket >= 0)
    revenue->bucket_revenue[revenue->day_bucket] += amount;
}

static gboolean
load_revenue (RapportDatabase           *db,
              const RapportReportQuery  *query,
              const RapportReportQuery  *previous_query,
              const CustomerIndex       *index,
              Rates                     *rates,
              GArray                    *buckets,
              Revenue                   *revenue,
              GCancellable              *cancellable,
              GError                   **error)
{
  const char *first = query->from;
  guint n = MAX (index->ids->len, 1);

  revenue->from = query->from;
  revenue->to = query->to;
  revenue->current = g_new0 (double, n);
  revenue->previous = g_new0 (double, n);
  revenue->ordered = g_new0 (guint8, n);
  if (previous_query != NULL)
    {
      revenue->previous_from = previous_query->from;
      revenue->previous_to = previous_query->to;
      if (strcmp (previous_query->from, first) < 0)
        first = previous_query->from;
    }
  if (buckets != NULL && buckets->len > 0)
    {
      const char *bucket_from = g_array_index (buckets, Bucket, 0).from;

      revenue->buckets = buckets;
      revenue->bucket_revenue = g_new0 (double, buckets->len);
      if (strcmp (bucket_from, first) < 0)
        first = bucket_from;
    }

  return scan_orders (db, first, query->to, index, rates, add_order_revenue, revenue, cancellable, error);
}

typedef struct
{
  gint64 id;
  guint  position;
  double revenue;
} Contributor;

static int
compare_contributors (gconstpointer a,
                      gconstpointer b)
{
  const Contributor *x = a;
  const Contributor *y = b;

  if (x->revenue != y->revenue)
    return x->revenue > y->revenue ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Customers with a non-zero revenue in the period, largest first (ties by
 * id, so a drill-down finds the same ranks). */
static GArray *
sorted_contributors (const CustomerIndex *index,
                     const Revenue       *revenue)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Contributor));

  for (guint i = 0; i < index->ids->len; i++)
    {
      Contributor c = { customer_index_get_id (index, i), i, revenue->current[i] };

      if (c.revenue != 0)
        g_array_append_val (out, c);
    }
  g_array_sort (out, compare_contributors);

  return out;
}

/* Whether the book has any live order at all (for the report's empty text). */
static gboolean
book_has_orders (RapportDatabase  *db,
                 gboolean         *out,
                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 found = 0;

  stmt = _rapport_database_prepare (db,
                                    "SELECT EXISTS (SELECT 1 FROM orders o"
                                    " WHERE o.deleted_at IS NULL AND o.ordered_on >= '')",
                                    error);
  if (stmt == NULL ||
      !_rapport_database_step_int64 (db, stmt, _("Could not compute the report"), &found, error))
    return FALSE;

  *out = found != 0;
  return TRUE;
}

static gboolean
book_has_customers (RapportDatabase  *db,
                    gboolean         *out,
                    GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 found = 0;

  stmt = _rapport_database_prepare (db,
                                    "SELECT EXISTS (SELECT 1 FROM customer WHERE deleted_at IS NULL)",
                                    error);
  if (stmt == NULL ||
      !_rapport_database_step_int64 (db, stmt, _("Could not compute the report"), &found, error))
    return FALSE;

  *out = found != 0;
  return TRUE;
}

/* Change from @before to @now in percent, shown only when @before is
 * positive (from nothing or from a net refund it means nothing). */
static void
set_change (RapportReportSection *section,
            guint                 row,
            guint                 column,
            double                now,
            double                before)
{
  if (before > 0)
    rapport_report_section_set_value (section, row, column, (now - before) / before * 100, NULL);
  else if (now > 0)
    rapport_report_section_set_text (section, row, column, C_("Revenue change", "New"));
}

/* Value matrix */

static const RapportTier matrix_tiers[] = {
  RAPPORT_TIER_PLATINUM, RAPPORT_TIER_GOLD, RAPPORT_TIER_IRON, RAPPORT_TIER_LEAD,
};

static gboolean
parse_matrix_key (const char       *key,
                  RapportTier      *out_tier,
                  RapportPotential *out_potential)
{
  g_auto (GStrv) parts = g_strsplit (key, "/", 2);

  return g_strv_length (parts) == 2 &&
         rapport_tier_from_string (parts[0], out_tier) &&
         rapport_potential_from_string (parts[1], out_potential);
}

typedef struct
{
  const guint8 *cells;   /* by position: tier * 2 + potential */
  double        revenue[8];
} MatrixRevenue;

static void
add_matrix_revenue (guint       position,
                    const char *ordered_on,
                    double      amount,
                    gpointer    user_data)
{
  MatrixRevenue *matrix = user_data;

  matrix->revenue[matrix->cells[position]] += amount;
}

RapportReport *
_rapport_report_compute_value_matrix (RapportDatabase           *db,
                                      const RapportReportQuery  *query,
                                      GCancellable              *cancellable,
                                      GError                   **error)
{
  g_autoptr (RapportReport) report = rapport_report_new (query);
  g_autoptr (RapportReportSection) section = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  g_auto (Rates) rates = { 0 };
  g_auto (CustomerIndex) index = { 0 };
  g_autoptr (GByteArray) cells = NULL;
  MatrixRevenue matrix_revenue = { NULL, { 0 } };
  gint64 counts[4][2] = { { 0 } };
  double revenue[4][2] = { { 0 } };
  gint64 n_customers = 0;
  int rc;

  if (!rates_load (&rates, db, query, error))
    return NULL;
  customer_index_init (&index);

  stmt = prepare_filtered (db, query, "SELECT c.id, c.tier, c.potential FROM customer c NOT INDEXED WHERE %s", error);
  if (stmt == NULL)
    return NULL;
  cells = g_byte_array_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportTier tier = RAPPORT_TIER_LEAD;
      RapportPotential potential = RAPPORT_POTENTIAL_LOW;
      guint8 cell;

      rapport_tier_from_string ((const char *) sqlite3_column_text (stmt, 1), &tier);
      rapport_potential_from_string ((const char *) sqlite3_column_text (stmt, 2), &potential);
      customer_index_add (&index, sqlite3_column_int64 (stmt, 0));
      cell = tier * 2 + potential;
      g_byte_array_append (cells, &cell, 1);
      counts[tier][potential]++;
      n_customers++;
    }
  if (rc != SQLITE_DONE)
    {
      fail_read (db, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_reset);
  customer_index_seal (&index);

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;

  matrix_revenue.cells = cells->data;
  if (!scan_orders (db, query->from, query->to, &index, &rates, add_matrix_revenue, &matrix_revenue,
                    cancellable, error))
    return NULL;
  for (guint t = 0; t < 4; t++)
    for (guint p = 0; p < 2; p++)
      revenue[t][p] = matrix_revenue.revenue[t * 2 + p];

  section = rapport_report_section_new ("matrix", _("Value and potential"), RAPPORT_CHART_MATRIX);
  rapport_report_add_section (report, section);
  /* Columns: tier, potential, treatment, advice, customers, revenue. */
  rapport_report_section_add_column (section, _("Tier"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Potential"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Treatment"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Advice"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Customers"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Revenue"), RAPPORT_REPORT_VALUE_MONEY);
  rapport_report_section_add_series (section, _("Customers"), 4, FALSE);

  for (guint t = 0; t < G_N_ELEMENTS (matrix_tiers); t++)
    for (int p = RAPPORT_POTENTIAL_HIGH; p >= RAPPORT_POTENTIAL_LOW; p--)
      {
        RapportTier tier = matrix_tiers[t];
        g_autofree char *key = g_strdup_printf ("%s/%s", rapport_tier_to_string (tier),
                                                rapport_potential_to_string (p));
        guint row = rapport_report_section_add_row (section, key);

        rapport_report_section_set_text (section, row, 0, rapport_tier_get_label (tier));
        rapport_report_section_set_text (section, row, 1, rapport_potential_get_label (p));
        rapport_report_section_set_text (section, row, 2, rapport_value_matrix_get_treatment (tier, p));
        rapport_report_section_set_text (section, row, 3, rapport_value_matrix_get_advice (tier, p));
        rapport_report_section_set_value (section, row, 4, counts[tier][p], NULL);
        rapport_report_section_set_value (section, row, 5, revenue[tier][p], NULL);
      }
  add_missing_rates_note (section, &rates);

  if (n_customers == 0)
    {
      gboolean any = FALSE;

      if (!book_has_customers (db, &any, error))
        return NULL;
      if (!any)
        rapport_report_set_empty_text (report, _("No customers yet"));
      rapport_report_section_set_empty_text (section, _("No customers match these filters"));
    }

  return g_steal_pointer (&report);
}

GArray *
_rapport_report_drill_value_matrix (RapportDatabase           *db,
                                    const RapportReportQuery  *query,
                                    const char                *section_id,
                                    const char                *drill_key,
                                    GCancellable              *cancellable,
                                    GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  RapportTier tier;
  RapportPotential potential;

  if (!g_str_equal (section_id, "matrix") || !parse_matrix_key (drill_key, &tier, &potential))
    {
      invalid_drill_key (error);
      return NULL;
    }

  stmt = prepare_filtered (db, query,
                           "SELECT c.id FROM customer c WHERE c.tier = ?1 AND c.potential = ?2 AND %s",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, rapport_tier_to_string (tier), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rapport_potential_to_string (potential), -1, SQLITE_STATIC);

  return collect_ids (db, stmt, error);
}

/* Contribution */

static gboolean
read_names (RapportDatabase  *db,
            GArray           *ids,
            GHashTable       *names,
            GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *json = ids_to_json (ids);
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT id, name FROM customer WHERE id IN (SELECT value FROM json_each (?1))",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (names, g_memdup2 (&id, sizeof id),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return fail_read (db, error);

  return TRUE;
}

static void
fill_top (RapportReportSection *section,
          GArray               *contributors,
          const double         *previous,
          GHashTable           *names,
          guint                 top_n,
          double                total)
{
  double top_total = 0;
  guint n = MIN (top_n, contributors->len);

  rapport_report_section_add_column (section, _("Customer"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Revenue"), RAPPORT_REPORT_VALUE_MONEY);
  rapport_report_section_add_column (section, _("Share"), RAPPORT_REPORT_VALUE_PERCENT);
  rapport_report_section_add_column (section, _("Change"), RAPPORT_REPORT_VALUE_PERCENT);
  rapport_report_section_add_series (section, _("Revenue"), 1, FALSE);

  for (guint i = 0; i < n; i++)
    {
      const Contributor *c = &g_array_index (contributors, Contributor, i);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
      guint row = rapport_report_section_add_row (section, key);

      rapport_report_section_set_text (section, row, 0, g_hash_table_lookup (names, &c->id));
      rapport_report_section_set_value (section, row, 1, c->revenue, NULL);
      if (total > 0)
        rapport_report_section_set_value (section, row, 2, c->revenue / total * 100, NULL);
      set_change (section, row, 3, c->revenue, previous[c->position]);
      top_total += c->revenue;
    }

  if (n > 0 && total > 0)
    {
      g_autoptr (RapportReportSection) scratch = rapport_report_section_new ("scratch", NULL, RAPPORT_CHART_NONE);
      g_autofree char *summary = NULL;

      rapport_report_section_add_column (scratch, NULL, RAPPORT_REPORT_VALUE_PERCENT);
      rapport_report_section_add_row (scratch, NULL);
      rapport_report_section_set_value (scratch, 0, 0, top_total / total * 100, NULL);
      if (n == 1)
        summary = g_strdup_printf (_("The top customer makes %s of revenue"),
                                   rapport_report_section_get_text (scratch, 0, 0));
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The top %u customer makes %s of revenue",
                                                "The top %u customers make %s of revenue",
                                                n),
                                   n, rapport_report_section_get_text (scratch, 0, 0));
      rapport_report_section_set_summary (section, summary);
    }
}

/* A percentage as the report shows it ("16%", "0.4%"). */
static char *
format_percent (double value)
{
  g_autoptr (RapportReportSection) scratch = rapport_report_section_new ("scratch", NULL, RAPPORT_CHART_NONE);

  rapport_report_section_add_column (scratch, NULL, RAPPORT_REPORT_VALUE_PERCENT);
  rapport_report_section_add_row (scratch, NULL);
  rapport_report_section_set_value (scratch, 0, 0, value, NULL);

  return g_strdup (rapport_report_section_get_text (scratch, 0, 0));
}

static void
fill_pareto (RapportReportSection *section,
             GArray               *contributors)
{
  guint n_positive = 0;
  guint n_negative = 0;
  guint points;
  double positive_total = 0;
  double cumulative = 0;
  guint start = 0;
  guint k80 = 0;

  rapport_report_section_add_column (section, _("Customers"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Revenue"), RAPPORT_REPORT_VALUE_MONEY);
  rapport_report_section_add_column (section, _("Cumulative share"), RAPPORT_REPORT_VALUE_PERCENT);
  rapport_report_section_add_series (section, _("Revenue"), 1, FALSE);
  rapport_report_section_add_series (section, _("Cumulative share"), 2, TRUE);

  for (guint i = 0; i < contributors->len; i++)
    {
      double revenue = g_array_index (contributors, Contributor, i).revenue;

      if (revenue > 0)
        {
          n_positive++;
          positive_total += revenue;
        }
      else
        n_negative++;
    }

  if (n_negative > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u customer with more refunds than sales is left out of the curve.",
                                                            "%u customers with more refunds than sales are left out of the curve.",
                                                            n_negative),
                                               n_negative);
      rapport_report_section_add_note (section, note);
    }

  if (n_positive == 0)
    return;

  /* Contributors are sorted, positives first. */
  points = MIN (n_positive, PARETO_POINTS);
  for (guint p = 0; p < points; p++)
    {
      guint end = (guint) (((guint64) (p + 1) * n_positive + points - 1) / points);
      double bucket = 0;
      g_autofree char *key = NULL;
      g_autofree char *share = NULL;
      g_autofree char *label = NULL;
      guint row;

      if (end <= start)
        continue;

      for (guint i = start; i < end; i++)
        {
          bucket += g_array_index (contributors, Contributor, i).revenue;
          if (k80 == 0 && cumulative + bucket >= 0.8 * positive_total - 1e-9)
            k80 = i + 1;
        }
      cumulative += bucket;

      key = g_strdup_printf ("%u-%u", start, end);
      share = format_percent ((double) end / n_positive * 100);
      /* Translators: a point of the Pareto curve: the top share of customers */
      label = g_strdup_printf (_("Top %s"), share);
      row = rapport_report_section_add_row (section, key);
      rapport_report_section_set_text (section, row, 0, label);
      rapport_report_section_set_value (section, row, 1, bucket, NULL);
      rapport_report_section_set_value (section, row, 2, cumulative / positive_total * 100, NULL);
      start = end;
    }

  if (k80 > 0)
    {
      g_autofree char *share = format_percent ((double) k80 / n_positive * 100);
      g_autofree char *summary = NULL;

      summary = g_strdup_printf (_("%s of customers make 80%% of revenue"), share);
      rapport_report_section_set_summary (section, summary);
    }
}

static void
fill_by_period (RapportReportSection *section,
                GArray               *buckets,
                const double         *revenue,
                double                total,
                double                previous_total)
{
  rapport_report_section_add_column (section, _("Period"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Revenue"), RAPPORT_REPORT_VALUE_MONEY);
  rapport_report_section_add_column (section, _("Change"), RAPPORT_REPORT_VALUE_PERCENT);
  rapport_report_section_add_series (section, _("Revenue"), 1, FALSE);

  /* Bucket 0 is the one before the period. */
  for (guint i = 1; i < buckets->len; i++)
    {
      const Bucket *bucket = &g_array_index (buckets, Bucket, i);
      g_autofree char *key = bucket_key (bucket);
      guint row = rapport_report_section_add_row (section, key);

      rapport_report_section_set_text (section, row, 0, bucket->label);
      rapport_report_section_set_value (section, row, 1, revenue[i], NULL);
      set_change (section, row, 2, revenue[i], revenue[i - 1]);
    }

  {
    g_autofree char *amount = rapport_money_format ((gint64) (total < 0 ? total - 0.5 : total + 0.5),
                                                    rapport_report_section_get_currency (section));
    g_autofree char *summary = NULL;

    if (previous_total > 0)
      {
        double change = (total - previous_total) / previous_total * 100;
        g_autofree char *percent = format_percent (change < 0 ? -change : change);

        summary = g_strdup_printf (change < 0 ? _("Revenue %s, down %s from the previous period")
                                              : _("Revenue %s, up %s from the previous period"),
                                   amount, percent);
      }
    else
      summary = g_strdup_printf (_("Revenue %s"), amount);
    rapport_report_section_set_summary (section, summary);
  }
}

static double
sum_positions (const double *values,
               guint         n)
{
  double total = 0;

  for (guint i = 0; i < n; i++)
    total += values[i];

  return total;
}

RapportReport *
_rapport_report_compute_contribution (RapportDatabase           *db,
                                      const RapportReportQuery  *query,
                                      GCancellable              *cancellable,
                                      GError                   **error)
{
  g_autoptr (RapportReport) report = rapport_report_new (query);
  g_autoptr (RapportReportQuery) previous_query = rapport_report_query_previous (query);
  g_autoptr (RapportReportSection) top = NULL;
  g_autoptr (RapportReportSection) pareto = NULL;
  g_autoptr (RapportReportSection) by_period = NULL;
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr (GArray) contributors = NULL;
  g_autoptr (GArray) top_ids = new_id_array ();
  g_autoptr (GArray) buckets = make_buckets (query->from, query->to, query->step, TRUE);
  g_auto (Rates) rates = { 0 };
  g_auto (CustomerIndex) index = { 0 };
  g_auto (Revenue) revenue = { 0 };
  guint top_n = query->top_n > 0 ? query->top_n : 20;
  double total;

  customer_index_init (&index);
  if (!rates_load (&rates, db, query, error) ||
      !load_customer_index (db, query, &index, error) ||
      _rapport_report_check_cancelled (cancellable, error) ||
      !load_revenue (db, query, previous_query, &index, &rates, buckets, &revenue, cancellable, error))
    return NULL;

  contributors = sorted_contributors (&index, &revenue);
  total = sum_positions (revenue.current, index.ids->len);
  for (guint i = 0; i < MIN (top_n, contributors->len); i++)
    g_array_append_val (top_ids, g_array_index (contributors, Contributor, i).id);
  if (!read_names (db, top_ids, names, error))
    return NULL;

  top = rapport_report_section_new ("top", _("Top customers"), RAPPORT_CHART_BAR);
  pareto = rapport_report_section_new ("pareto", _("Share of revenue"), RAPPORT_CHART_BAR);
  by_period = rapport_report_section_new ("by_period", _("Revenue by period"), RAPPORT_CHART_BAR);
  rapport_report_add_section (report, top);
  rapport_report_add_section (report, pareto);
  rapport_report_add_section (report, by_period);

  fill_top (top, contributors, revenue.previous, names, top_n, total);
  fill_pareto (pareto, contributors);
  fill_by_period (by_period, buckets, revenue.bucket_revenue, total,
                  sum_positions (revenue.previous, index.ids->len));

  add_missing_rates_note (top, &rates);
  add_missing_rates_note (by_period, &rates);

  if (revenue.n_current == 0)
    {
      g_autofree char *empty = period_text (_("No orders between %s and %s"), query->from, query->to);
      gboolean any = FALSE;

      if (!book_has_orders (db, &any, error))
        return NULL;
      if (!any)
        rapport_report_set_empty_text (report, _("No orders yet: record orders on the customers’ pages to see who brings the revenue"));

      rapport_report_section_set_empty_text (top, empty);
      rapport_report_section_set_empty_text (pareto, empty);
      rapport_report_section_set_empty_text (by_period, empty);
      rapport_report_section_set_summary (by_period, NULL);
    }
  else if (rapport_report_section_get_n_rows (pareto) == 0)
    rapport_report_section_set_empty_text (pareto, _("Refunds exceed sales for every customer in this period"));

  return g_steal_pointer (&report);
}

static GArray *
drill_orders_between (RapportDatabase           *db,
                      const RapportReportQuery  *query,
                      const char                *from,
                      const char                *to,
                      GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  stmt = prepare_filtered (db, query,
                           "SELECT DISTINCT o.customer_id FROM orders o JOIN customer c ON c.id = o.customer_id"
                           " WHERE o.deleted_at IS NULL AND o.ordered_on BETWEEN ?1 AND ?2 AND %s",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);

  return collect_ids (db, stmt, error);
}

GArray *
_rapport_report_drill_contribution (RapportDatabase           *db,
                                    const RapportReportQuery  *query,
                                    const char                *section_id,
                                    const char                *drill_key,
                                    GCancellable              *cancellable,
                                    GError                   **error)
{
  if (g_str_equal (section_id, "top"))
    {
      g_autoptr (GArray) ids = new_id_array ();
      char *end = NULL;
      gint64 id = g_ascii_strtoll (drill_key, &end, 10);

      if (id <= 0 || *end != '\0')
        {
          invalid_drill_key (error);
          return NULL;
        }
      g_array_append_val (ids, id);
      return g_steal_pointer (&ids);
    }

  if (g_str_equal (section_id, "pareto"))
    {
      g_autoptr (GArray) contributors = NULL;
      g_autoptr (GArray) ids = new_id_array ();
      g_auto (Rates) rates = { 0 };
      g_auto (CustomerIndex) index = { 0 };
      g_auto (Revenue) revenue = { 0 };
      guint start = 0, end = 0;

      if (sscanf (drill_key, "%u-%u", &start, &end) != 2 || start >= end)
        {
          invalid_drill_key (error);
          return NULL;
        }
      customer_index_init (&index);
      if (!rates_load (&rates, db, query, error) ||
          !load_customer_index (db, query, &index, error) ||
          !load_revenue (db, query, NULL, &index, &rates, NULL, &revenue, cancellable, error))
        return NULL;

      contributors = sorted_contributors (&index, &revenue);
      for (guint i = start; i < end && i < contributors->len; i++)
        if (g_array_index (contributors, Contributor, i).revenue > 0)
          g_array_append_val (ids, g_array_index (contributors, Contributor, i).id);

      return g_steal_pointer (&ids);
    }

  if (g_str_equal (section_id, "by_period"))
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (!parse_range_key (drill_key, &from, &to))
        {
          invalid_drill_key (error);
          return NULL;
        }
      return drill_orders_between (db, query, from, to, error);
    }

  invalid_drill_key (error);
  return NULL;
}

/* Composition */

typedef struct
{
  char  *key;     /* drill key */
  char  *label;
  gint64 count;
  char  *match;   /* a free-text group's value, its key in the counting table */
  gint64 id;      /* an owner group's user, its key in the counting table */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->key);
  g_free (group->label);
  g_free (group->match);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = *(Group * const *) a;
  const Group *y = *(Group * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

static GPtrArray *
groups_of (GHashTable *groups)
{
  GPtrArray *out = g_ptr_array_sized_new (g_hash_table_size (groups));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (out, value);

  return out;
}

/* Counts by @key into @groups (group key → Group, the group owning its key). */
static void
count_group (GHashTable *groups,
             const char *key,
             const char *label)
{
  Group *group = g_hash_table_lookup (groups, key);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->key = g_strdup (key);
      group->label = g_strdup (label);
      g_hash_table_insert (groups, group->key, group);
    }
  group->count++;
}

/* Counts @value into @groups (value → Group; "" for a blank one). A
 * group's drill key is "=" and the value, or "none" when blank. */
static void
count_text_group (GHashTable *groups,
                  const char *value)
{
  gboolean blank = _rapport_store_is_blank (value);
  Group *group = g_hash_table_lookup (groups, blank ? "" : value);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      if (blank)
        {
          group->key = g_strdup ("none");
          group->label = g_strdup (C_("Report group", "Not set"));
        }
      else
        {
          group->key = g_strconcat ("=", value, NULL);
          group->label = g_strdup (value);
          group->match = g_strdup (value);
        }
      g_hash_table_insert (groups, blank ? (char *) "" : group->match, group);
    }
  group->count++;
}

static void
fill_counts (RapportReportSection *section,
             GPtrArray            *groups,
             gint64                total)
{
  rapport_report_section_add_column (section, _("Name"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Customers"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Share"), RAPPORT_REPORT_VALUE_PERCENT);
  rapport_report_section_add_series (section, _("Customers"), 1, FALSE);

  for (guint i = 0; i < groups->len; i++)
    {
      const Group *group = g_ptr_array_index (groups, i);
      guint row = rapport_report_section_add_row (section, group->key);

      rapport_report_section_set_text (section, row, 0, group->label);
      rapport_report_section_set_value (section, row, 1, group->count, NULL);
      if (total > 0)
        rapport_report_section_set_value (section, row, 2, (double) group->count / total * 100, NULL);
    }
}

/* The groups by size, the largest @top and the rest as "Other" (drill key
 * "other"). */
static GPtrArray *
top_groups (GHashTable *groups,
            guint       top)
{
  g_autoptr (GPtrArray) sorted = groups_of (groups);
  GPtrArray *out = g_ptr_array_new ();
  Group *other = NULL;

  g_ptr_array_sort (sorted, compare_groups);
  for (guint i = 0; i < sorted->len; i++)
    {
      Group *group = g_ptr_array_index (sorted, i);

      if (i < top)
        {
          g_ptr_array_add (out, group);
          continue;
        }
      if (other == NULL)
        {
          other = g_new0 (Group, 1);
          other->key = g_strdup ("other");
          other->label = g_strdup (C_("Report group", "Other"));
          /* Owned by @groups from now on, under a key no value has. */
          g_hash_table_insert (groups, (char *) "\x01other", other);
        }
      other->count += group->count;
    }
  if (other != NULL)
    g_ptr_array_add (out, other);

  return out;
}

typedef enum {
  TEXT_REGION,
  TEXT_INDUSTRY,
  TEXT_SOURCE,
  N_TEXT_FIELDS,
} TextField;

static const char * const text_sections[N_TEXT_FIELDS] = { "region", "industry", "source" };

static gboolean
read_user_names (RapportDatabase  *db,
                 GHashTable       *names,
                 gint64           *out_default_id,
                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT id, name FROM user ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  *out_default_id = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (*out_default_id == 0)
        *out_default_id = id;
      g_hash_table_insert (names, g_memdup2 (&id, sizeof id),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return fail_read (db, error);

  return TRUE;
}

static void
fill_new_customers (RapportReportSection     *section,
                    const RapportReportQuery *query,
                    GArray                   *buckets,
                    const gint64             *counts)
{
  gint64 total = 0;

  rapport_report_section_add_column (section, _("Period"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("New customers"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_series (section, _("New customers"), 1, FALSE);

  for (guint i = 0; i < buckets->len; i++)
    {
      const Bucket *bucket = &g_array_index (buckets, Bucket, i);
      g_autofree char *key = bucket_key (bucket);
      guint row = rapport_report_section_add_row (section, key);

      rapport_report_section_set_text (section, row, 0, bucket->label);
      rapport_report_section_set_value (section, row, 1, counts[i], NULL);
      total += counts[i];
    }

  if (total == 0)
    {
      g_autofree char *empty = period_text (_("No new customers between %s and %s"), query->from, query->to);

      rapport_report_section_set_empty_text (section, empty);
    }
  else
    {
      g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u new customer in the period",
                                                               "%u new customers in the period",
                                                               (gulong) total),
                                                  (guint) total);
      rapport_report_section_set_summary (section, summary);
    }
}

RapportReport *
_rapport_report_compute_composition (RapportDatabase           *db,
                                     const RapportReportQuery  *query,
                                     GCancellable              *cancellable,
                                     GError                   **error)
{
  g_autoptr (RapportReport) report = rapport_report_new (query);
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GHashTable) user_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr (GHashTable) tiers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  g_autoptr (GHashTable) stages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  g_autoptr (GHashTable) owners = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, group_free);
  g_autoptr (GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  g_autoptr (GHashTable) industries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  g_autoptr (GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  GHashTable *texts[N_TEXT_FIELDS] = { regions, industries, sources };
  g_autoptr (RapportReportSection) new_section = NULL;
  g_autoptr (GArray) buckets = make_buckets (query->from, query->to, query->step, FALSE);
  g_autofree gint64 *new_counts = g_new0 (gint64, MAX (buckets->len, 1));
  gint64 default_id = 0;
  gint64 total = 0;
  gint64 tier_counts[RAPPORT_TIER_LEAD + 1] = { 0 };
  gint64 stage_counts[RAPPORT_STAGE_LOST + 1] = { 0 };
  int rc;

  if (!read_user_names (db, user_names, &default_id, error))
    return NULL;

  stmt = prepare_filtered (db, query,
                           "SELECT c.tier, c.stage, c.region, c.industry, c.source, c.owner_id, c.created_at"
                           " FROM customer c NOT INDEXED WHERE %s",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportTier tier = RAPPORT_TIER_LEAD;
      RapportStage stage = RAPPORT_STAGE_PROSPECT;
      gint64 owner = sqlite3_column_int64 (stmt, 5);
      Group *owner_group;
      int new_bucket;

      rapport_tier_from_string ((const char *) sqlite3_column_text (stmt, 0), &tier);
      rapport_stage_from_string ((const char *) sqlite3_column_text (stmt, 1), &stage);
      tier_counts[tier]++;
      stage_counts[stage]++;
      for (guint f = 0; f < N_TEXT_FIELDS; f++)
        count_text_group (texts[f], (const char *) sqlite3_column_text (stmt, 2 + f));

      /* The default user's customers have no owner, or (rarely) its row. */
      if (owner == default_id)
        owner = 0;
      owner_group = g_hash_table_lookup (owners, &owner);
      if (owner_group == NULL)
        {
          gint64 name_id = owner == 0 ? default_id : owner;
          const char *name = g_hash_table_lookup (user_names, &name_id);

          owner_group = g_new0 (Group, 1);
          owner_group->id = owner;
          owner_group->key = g_strdup_printf ("%" G_GINT64_FORMAT, owner);
          owner_group->label = g_strdup (name != NULL ? name : C_("Report group", "Not set"));
          g_hash_table_insert (owners, &owner_group->id, owner_group);
        }
      owner_group->count++;
      total++;

      new_bucket = find_bucket_unix (buckets, sqlite3_column_int64 (stmt, 6));
      if (new_bucket >= 0)
        new_counts[new_bucket]++;

      if ((total & 0x3fff) == 0 && _rapport_report_check_cancelled (cancellable, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      fail_read (db, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_reset);

  for (RapportTier t = RAPPORT_TIER_PLATINUM; t <= RAPPORT_TIER_LEAD; t++)
    if (tier_counts[t] > 0)
      {
        count_group (tiers, rapport_tier_to_string (t), rapport_tier_get_label (t));
        ((Group *) g_hash_table_lookup (tiers, rapport_tier_to_string (t)))->count = tier_counts[t];
      }
  for (RapportStage t = RAPPORT_STAGE_PROSPECT; t <= RAPPORT_STAGE_LOST; t++)
    if (stage_counts[t] > 0)
      {
        count_group (stages, rapport_stage_to_string (t), rapport_stage_get_label (t));
        ((Group *) g_hash_table_lookup (stages, rapport_stage_to_string (t)))->count = stage_counts[t];
      }

  {
    g_autoptr (RapportReportSection) section = rapport_report_section_new ("tier", _("By tier"), RAPPORT_CHART_DONUT);
    g_autoptr (GPtrArray) groups = g_ptr_array_new ();

    /* Tiers and stages in their own order, empty ones left out. */
    for (guint t = 0; t < G_N_ELEMENTS (matrix_tiers); t++)
      {
        Group *group = g_hash_table_lookup (tiers, rapport_tier_to_string (matrix_tiers[t]));

        if (group != NULL)
          g_ptr_array_add (groups, group);
      }
    fill_counts (section, groups, total);
    rapport_report_add_section (report, section);
  }
  {
    g_autoptr (RapportReportSection) section = rapport_report_section_new ("stage", _("By stage"), RAPPORT_CHART_BAR);
    g_autoptr (GPtrArray) groups = g_ptr_array_new ();

    for (RapportStage s = RAPPORT_STAGE_PROSPECT; s <= RAPPORT_STAGE_LOST; s++)
      {
        Group *group = g_hash_table_lookup (stages, rapport_stage_to_string (s));

        if (group != NULL)
          g_ptr_array_add (groups, group);
      }
    fill_counts (section, groups, total);
    rapport_report_add_section (report, section);
  }
  for (guint f = 0; f < N_TEXT_FIELDS; f++)
    {
      static const char *titles[N_TEXT_FIELDS] = { N_("By region"), N_("By industry"), N_("By source") };
      g_autoptr (RapportReportSection) section = rapport_report_section_new (text_sections[f], _(titles[f]),
                                                                             f == TEXT_SOURCE ? RAPPORT_CHART_PIE : RAPPORT_CHART_BAR);
      g_autoptr (GPtrArray) groups = top_groups (texts[f], COMPOSITION_TOP);

      fill_counts (section, groups, total);
      rapport_report_add_section (report, section);
    }
  {
    g_autoptr (RapportReportSection) section = rapport_report_section_new ("owner", _("By owner"), RAPPORT_CHART_BAR);
    g_autoptr (GPtrArray) groups = groups_of (owners);

    g_ptr_array_sort (groups, compare_groups);
    fill_counts (section, groups, total);
    rapport_report_add_section (report, section);
  }

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;

  new_section = rapport_report_section_new ("new", _("New customers"), RAPPORT_CHART_BAR);
  rapport_report_add_section (report, new_section);
  fill_new_customers (new_section, query, buckets, new_counts);

  if (total == 0)
    {
      gboolean any = FALSE;

      if (!book_has_customers (db, &any, error))
        return NULL;
      if (!any)
        rapport_report_set_empty_text (report, _("No customers yet"));
      for (guint i = 0; i + 1 < rapport_report_get_n_sections (report); i++)
        rapport_report_section_set_empty_text (rapport_report_get_section (report, i),
                                               _("No customers match these filters"));
    }

  return g_steal_pointer (&report);
}

/* The customers whose field is the value in @drill_key ("=value", "none"),
 * or for "other" in none of the groups the section lists: grouped here
 * exactly as the section grouped them. */
static GArray *
drill_text_field (RapportDatabase           *db,
                  const RapportReportQuery  *query,
                  guint                      field,
                  const char                *drill_key,
                  GError                   **error)
{
  static const char * const templates[N_TEXT_FIELDS] = {
    "SELECT c.id, c.region FROM customer c WHERE %s",
    "SELECT c.id, c.industry FROM customer c WHERE %s",
    "SELECT c.id, c.source FROM customer c WHERE %s",
  };
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  g_autoptr (GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) ids = new_id_array ();
  gboolean is_other = g_str_equal (drill_key, "other");
  int rc;

  if (!is_other && !g_str_equal (drill_key, "none") && drill_key[0] != '=')
    {
      invalid_drill_key (error);
      return NULL;
    }

  stmt = prepare_filtered (db, query, templates[field], error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      g_array_append_val (rows, id);
      g_ptr_array_add (keys, _rapport_store_is_blank (value) ? g_strdup ("none") : g_strconcat ("=", value, NULL));
      if (is_other)
        count_text_group (groups, value);
    }
  if (rc != SQLITE_DONE)
    {
      fail_read (db, error);
      return NULL;
    }

  if (is_other)
    {
      g_autoptr (GPtrArray) top = top_groups (groups, COMPOSITION_TOP);

      for (guint i = 0; i < top->len; i++)
        g_hash_table_add (shown, ((Group *) g_ptr_array_index (top, i))->key);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      if (is_other ? !g_hash_table_contains (shown, key) : g_str_equal (key, drill_key))
        g_array_append_val (ids, g_array_index (rows, gint64, i));
    }

  return g_steal_pointer (&ids);
}

GArray *
_rapport_report_drill_composition (RapportDatabase           *db,
                                   const RapportReportQuery  *query,
                                   const char                *section_id,
                                   const char                *drill_key,
                                   GCancellable              *cancellable,
                                   GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  if (g_str_equal (section_id, "tier") || g_str_equal (section_id, "stage"))
    {
      RapportTier tier;
      RapportStage stage;
      gboolean is_tier = g_str_equal (section_id, "tier");

      if (is_tier ? !rapport_tier_from_string (drill_key, &tier) : !rapport_stage_from_string (drill_key, &stage))
        {
          invalid_drill_key (error);
          return NULL;
        }
      stmt = prepare_filtered (db, query,
                               is_tier ? "SELECT c.id FROM customer c WHERE c.tier = ?1 AND %s"
                                       : "SELECT c.id FROM customer c WHERE c.stage = ?1 AND %s",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, drill_key, -1, SQLITE_TRANSIENT);
      return collect_ids (db, stmt, error);
    }

  for (guint f = 0; f < N_TEXT_FIELDS; f++)
    if (g_str_equal (section_id, text_sections[f]))
      return drill_text_field (db, query, f, drill_key, error);

  if (g_str_equal (section_id, "owner"))
    {
      char *end = NULL;
      gint64 owner = g_ascii_strtoll (drill_key, &end, 10);
      gint64 default_id;

      if (owner < 0 || *end != '\0' || *drill_key == '\0')
        {
          invalid_drill_key (error);
          return NULL;
        }
      if ((default_id = rapport_store_get_default_user_id (db, error)) == 0)
        return NULL;
      stmt = prepare_filtered (db, query,
                               owner == 0
                               ? "SELECT c.id FROM customer c WHERE (c.owner_id IS NULL OR c.owner_id = ?1) AND %s"
                               : "SELECT c.id FROM customer c WHERE c.owner_id = ?1 AND %s",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, owner == 0 ? default_id : owner);
      return collect_ids (db, stmt, error);
    }

  if (g_str_equal (section_id, "new"))
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      gint64 start, end;

      if (!parse_range_key (drill_key, &from, &to))
        {
          invalid_drill_key (error);
          return NULL;
        }
      unix_bounds (from, to, &start, &end);
      stmt = prepare_filtered (db, query,
                               "SELECT c.id FROM customer c WHERE c.created_at >= ?1 AND c.created_at < ?2 AND %s",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, start);
      sqlite3_bind_int64 (stmt, 2, end);
      return collect_ids (db, stmt, error);
    }

  invalid_drill_key (error);
  return NULL;
}

/* Churn */

typedef struct
{
  gint64  id;
  char   *lost_on;   /* local date */
  char   *reason;
} LostCustomer;

static void
lost_customer_clear (gpointer data)
{
  LostCustomer *lost = data;

  g_free (lost->lost_on);
  g_free (lost->reason);
}

static GArray *
read_lost (RapportDatabase           *db,
           const RapportReportQuery  *query,
           const char                *from,
           const char                *to,
           GError                   **error)
{
  g_autoptr (GArray) lost = g_array_new (FALSE, TRUE, sizeof (LostCustomer));
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 start, end;
  int rc;

  g_array_set_clear_func (lost, lost_customer_clear);
  unix_bounds (from, to, &start, &end);
  stmt = prepare_filtered (db, query,
                           "SELECT c.id, strftime ('%%Y-%%m-%%d', c.lost_at, 'unixepoch', 'localtime'), c.lost_reason"
                           " FROM customer c INDEXED BY customer_by_lost"
                           " WHERE c.lost_at >= ?1 AND c.lost_at < ?2 AND c.stage = 'lost' AND %s",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LostCustomer customer = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
      };

      g_array_append_val (lost, customer);
    }
  if (rc != SQLITE_DONE)
    {
      fail_read (db, error);
      return NULL;
    }

  return g_steal_pointer (&lost);
}

/* Each lost customer's converted orders in the 12 months up to its loss. */
static gboolean
read_revenue_before_loss (RapportDatabase  *db,
                          GArray           *lost,
                          Rates            *rates,
                          double           *out_revenue,
                          GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) ids = new_id_array ();
  g_autofree char *json = NULL;
  int rc;

  for (guint i = 0; i < lost->len; i++)
    {
      LostCustomer *customer = &g_array_index (lost, LostCustomer, i);

      g_hash_table_insert (index, &customer->id, GUINT_TO_POINTER (i));
      g_array_append_val (ids, customer->id);
    }
  json = ids_to_json (ids);

  stmt = _rapport_database_prepare (db,
                                    "SELECT o.customer_id, o.ordered_on, o.currency, o.amount FROM orders o"
                                    " WHERE o.customer_id IN (SELECT value FROM json_each (?1)) AND o.deleted_at IS NULL",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *ordered_on = (const char *) sqlite3_column_text (stmt, 1);
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (index, &id));
      LostCustomer *customer = &g_array_index (lost, LostCustomer, i);
      char year_before[16];
      double amount;

      /* After the same day a year before the loss ("2025-03-15" for
       * "2026-03-15"; text order is date order), up to the loss. */
      g_snprintf (year_before, sizeof year_before, "%04d%s",
                  (int) g_ascii_strtoll (customer->lost_on, NULL, 10) - 1, customer->lost_on + 4);
      if (ordered_on == NULL || strcmp (ordered_on, year_before) <= 0 || strcmp (ordered_on, customer->lost_on) > 0)
        continue;
      if (rates_convert (rates, (const char *) sqlite3_column_text (stmt, 2),
                         sqlite3_column_int64 (stmt, 3), &amount))
        out_revenue[i] += amount;
    }
  if (rc != SQLITE_DONE)
    return fail_read (db, error);

  return TRUE;
}

static void
fill_lost (RapportReportSection     *section,
           const RapportReportQuery *query,
           GArray                   *lost,
           const double             *revenue_lost)
{
  g_autoptr (GArray) buckets = make_buckets (query->from, query->to, query->step, FALSE);
  g_autofree gint64 *counts = g_new0 (gint64, MAX (buckets->len, 1));
  g_autofree double *revenue = g_new0 (double, MAX (buckets->len, 1));
  double total_revenue = 0;

  rapport_report_section_add_column (section, _("Period"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Lost customers"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Revenue lost"), RAPPORT_REPORT_VALUE_MONEY);
  rapport_report_section_add_series (section, _("Lost customers"), 1, FALSE);

  for (guint i = 0; i < lost->len; i++)
    {
      int index = find_bucket (buckets, g_array_index (lost, LostCustomer, i).lost_on);

      if (index < 0)
        continue;
      counts[index]++;
      revenue[index] += revenue_lost[i];
      total_revenue += revenue_lost[i];
    }

  for (guint i = 0; i < buckets->len; i++)
    {
      const Bucket *bucket = &g_array_index (buckets, Bucket, i);
      g_autofree char *key = bucket_key (bucket);
      guint row = rapport_report_section_add_row (section, key);

      rapport_report_section_set_text (section, row, 0, bucket->label);
      rapport_report_section_set_value (section, row, 1, counts[i], NULL);
      rapport_report_section_set_value (section, row, 2, revenue[i], NULL);
    }

  if (lost->len == 0)
    {
      g_autofree char *empty = period_text (_("No customers lost between %s and %s"), query->from, query->to);

      rapport_report_section_set_empty_text (section, empty);
    }
  else
    {
      g_autofree char *amount = rapport_money_format ((gint64) (total_revenue < 0 ? total_revenue - 0.5 : total_revenue + 0.5),
                                                      rapport_report_section_get_currency (section));
      g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u customer lost, who brought %s in their last 12 months",
                                                               "%u customers lost, who brought %s in their last 12 months",
                                                               lost->len),
                                                  lost->len, amount);
      rapport_report_section_set_summary (section, summary);
    }
}

static void
fill_reasons (RapportReportSection *section,
              GArray               *lost)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  g_autoptr (GPtrArray) sorted = NULL;

  for (guint i = 0; i < lost->len; i++)
    count_text_group (groups, g_array_index (lost, LostCustomer, i).reason);
  sorted = top_groups (groups, COMPOSITION_TOP);
  fill_counts (section, sorted, lost->len);
}

RapportReport *
_rapport_report_compute_churn (RapportDatabase           *db,
                               const RapportReportQuery  *query,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  g_autoptr (RapportReport) report = rapport_report_new (query);
  g_autoptr (RapportReportQuery) previous_query = rapport_report_query_previous (query);
  g_autoptr (RapportReportSection) lost_section = rapport_report_section_new ("lost", _("Lost customers"), RAPPORT_CHART_BAR);
  g_autoptr (RapportReportSection) at_risk = rapport_report_section_new ("at_risk", _("At risk now"), RAPPORT_CHART_BAR);
  g_autoptr (RapportReportSection) reasons = rapport_report_section_new ("reasons", _("Why they left"), RAPPORT_CHART_PIE);
  g_autoptr (RapportReportSection) retention = rapport_report_section_new ("retention", _("Retention"), RAPPORT_CHART_BAR);
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GArray) lost = NULL;
  g_autofree double *revenue_lost = NULL;
  g_auto (Rates) rates = { 0 };
  g_auto (CustomerIndex) index = { 0 };
  g_auto (Revenue) revenue = { 0 };
  gint64 at_risk_counts[4] = { 0 };
  gint64 n_at_risk = 0;
  int rc;

  rapport_report_add_section (report, lost_section);
  rapport_report_add_section (report, at_risk);
  rapport_report_add_section (report, reasons);
  rapport_report_add_section (report, retention);

  if (!rates_load (&rates, db, query, error) ||
      (lost = read_lost (db, query, query->from, query->to, error)) == NULL)
    return NULL;

  revenue_lost = g_new0 (double, MAX (lost->len, 1));
  if (lost->len > 0 && !read_revenue_before_loss (db, lost, &rates, revenue_lost, error))
    return NULL;
  fill_lost (lost_section, query, lost, revenue_lost);
  add_missing_rates_note (lost_section, &rates);

  fill_reasons (reasons, lost);
  if (lost->len == 0)
    rapport_report_section_set_empty_text (reasons, rapport_report_section_get_empty_text (lost_section));

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;

  /* At risk as the last daily churn check found them, with the user's own
   * rules (the report's query carries none). */
  stmt = prepare_filtered (db, query,
                           "SELECT c.tier, count (*) FROM churn_state s CROSS JOIN customer c ON c.id = s.customer_id"
                           " WHERE c.stage <> 'lost' AND %s GROUP BY c.tier",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportTier tier = RAPPORT_TIER_LEAD;

      rapport_tier_from_string ((const char *) sqlite3_column_text (stmt, 0), &tier);
      at_risk_counts[tier] += sqlite3_column_int64 (stmt, 1);
      n_at_risk += sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      fail_read (db, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_reset);

  rapport_report_section_add_column (at_risk, _("Tier"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (at_risk, _("Customers"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_series (at_risk, _("Customers"), 1, FALSE);
  for (guint t = 0; t < G_N_ELEMENTS (matrix_tiers); t++)
    {
      guint row = rapport_report_section_add_row (at_risk, rapport_tier_to_string (matrix_tiers[t]));

      rapport_report_section_set_text (at_risk, row, 0, rapport_tier_get_label (matrix_tiers[t]));
      rapport_report_section_set_value (at_risk, row, 1, at_risk_counts[matrix_tiers[t]], NULL);
    }
  rapport_report_section_add_note (at_risk, _("As the last daily churn check found them."));
  if (n_at_risk == 0)
    rapport_report_section_set_empty_text (at_risk, _("No customers are at risk"));
  else
    {
      g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u customer at risk",
                                                               "%u customers at risk",
                                                               (gulong) n_at_risk),
                                                  (guint) n_at_risk);
      rapport_report_section_set_summary (at_risk, summary);
    }

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;

  /* Retention: of the customers who ordered in the previous period, those
   * who ordered again in this one. */
  customer_index_init (&index);
  if (!load_customer_index (db, query, &index, error) ||
      !load_revenue (db, query, previous_query, &index, &rates, NULL, &revenue, cancellable, error))
    return NULL;
  {
    guint n_before = 0;
    guint n_kept = 0;
    guint row;

    for (guint i = 0; i < index.ids->len; i++)
      if (revenue.ordered[i] & ORDERED_BEFORE)
        {
          n_before++;
          if (revenue.ordered[i] & ORDERED_NOW)
            n_kept++;
        }

    rapport_report_section_add_column (retention, _("Customers"), RAPPORT_REPORT_VALUE_TEXT);
    rapport_report_section_add_column (retention, _("Count"), RAPPORT_REPORT_VALUE_COUNT);
    rapport_report_section_add_column (retention, _("Share"), RAPPORT_REPORT_VALUE_PERCENT);
    rapport_report_section_add_series (retention, _("Count"), 1, FALSE);

    if (n_before == 0)
      {
        g_autofree char *empty = period_text (_("No orders between %s and %s, the period before"),
                                              previous_query->from, previous_query->to);

        rapport_report_section_set_empty_text (retention, empty);
      }
    else
      {
        g_autofree char *rate = format_percent ((double) n_kept / n_before * 100);
        g_autofree char *summary = g_strdup_printf (_("Retention rate %s"), rate);

        row = rapport_report_section_add_row (retention, "previous");
        rapport_report_section_set_text (retention, row, 0, _("Ordered in the period before"));
        rapport_report_section_set_value (retention, row, 1, n_before, NULL);
        rapport_report_section_set_value (retention, row, 2, 100, NULL);
        row = rapport_report_section_add_row (retention, "kept");
        rapport_report_section_set_text (retention, row, 0, _("Ordered again"));
        rapport_report_section_set_value (retention, row, 1, n_kept, NULL);
        rapport_report_section_set_value (retention, row, 2, (double) n_kept / n_before * 100, NULL);
        row = rapport_report_section_add_row (retention, "not_kept");
        rapport_report_section_set_text (retention, row, 0, _("Did not order again"));
        rapport_report_section_set_value (retention, row, 1, n_before - n_kept, NULL);
        rapport_report_section_set_value (retention, row, 2, (double) (n_before - n_kept) / n_before * 100, NULL);
        rapport_report_section_set_summary (retention, summary);
      }
  }

  {
    gboolean any = FALSE;

    if (!book_has_customers (db, &any, error))
      return NULL;
    if (!any)
      rapport_report_set_empty_text (report, _("No customers yet"));
  }

  return g_steal_pointer (&report);
}

GArray *
_rapport_report_drill_churn (RapportDatabase           *db,
                             const RapportReportQuery  *query,
                             const char                *section_id,
                             const char                *drill_key,
                             GCancellable              *cancellable,
                             GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  if (g_str_equal (section_id, "lost"))
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autoptr (GArray) lost = NULL;
      g_autoptr (GArray) ids = new_id_array ();

      if (!parse_range_key (drill_key, &from, &to))
        {
          invalid_drill_key (error);
          return NULL;
        }
      if ((lost = read_lost (db, query, from, to, error)) == NULL)
        return NULL;
      for (guint i = 0; i < lost->len; i++)
        g_array_append_val (ids, g_array_index (lost, LostCustomer, i).id);
      return g_steal_pointer (&ids);
    }

  if (g_str_equal (section_id, "reasons"))
    {
      g_autoptr (GArray) lost = NULL;
      g_autoptr (GArray) ids = new_id_array ();
      g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
      g_autoptr (GPtrArray) top = NULL;
      g_autoptr (GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
      gboolean is_other = g_str_equal (drill_key, "other");

      if ((lost = read_lost (db, query, query->from, query->to, error)) == NULL)
        return NULL;
      for (guint i = 0; i < lost->len; i++)
        count_text_group (groups, g_array_index (lost, LostCustomer, i).reason);
      top = top_groups (groups, COMPOSITION_TOP);
      for (guint i = 0; i < top->len; i++)
        g_hash_table_add (shown, ((Group *) g_ptr_array_index (top, i))->key);

      for (guint i = 0; i < lost->len; i++)
        {
          const LostCustomer *customer = &g_array_index (lost, LostCustomer, i);
          g_autofree char *key = _rapport_store_is_blank (customer->reason)
                                 ? g_strdup ("none") : g_strconcat ("=", customer->reason, NULL);

          if (is_other ? !g_hash_table_contains (shown, key) : g_str_equal (key, drill_key))
            g_array_append_val (ids, customer->id);
        }
      return g_steal_pointer (&ids);
    }

  if (g_str_equal (section_id, "at_risk"))
    {
      RapportTier tier;

      if (!rapport_tier_from_string (drill_key, &tier))
        {
          invalid_drill_key (error);
          return NULL;
        }
      stmt = prepare_filtered (db, query,
                               "SELECT c.id FROM churn_state s CROSS JOIN customer c ON c.id = s.customer_id"
                               " WHERE c.stage <> 'lost' AND c.tier = ?1 AND %s",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, drill_key, -1, SQLITE_TRANSIENT);
      return collect_ids (db, stmt, error);
    }

  if (g_str_equal (section_id, "retention"))
    {
      g_autoptr (RapportReportQuery) previous_query = rapport_report_query_previous (query);
      g_autoptr (GArray) ids = new_id_array ();
      g_auto (Rates) rates = { 0 };
      g_auto (CustomerIndex) index = { 0 };
      g_auto (Revenue) revenue = { 0 };
      int which;

      if (g_str_equal (drill_key, "previous"))
        which = 0;
      else if (g_str_equal (drill_key, "kept"))
        which = 1;
      else if (g_str_equal (drill_key, "not_kept"))
        which = 2;
      else
        {
          invalid_drill_key (error);
          return NULL;
        }

      customer_index_init (&index);
      if (!rates_load (&rates, db, query, error) ||
          !load_customer_index (db, query, &index, error) ||
          !load_revenue (db, query, previous_query, &index, &rates, NULL, &revenue, cancellable, error))
        return NULL;
      for (guint i = 0; i < index.ids->len; i++)
        {
          gboolean kept = (revenue.ordered[i] & ORDERED_NOW) != 0;

          if (!(revenue.ordered[i] & ORDERED_BEFORE))
            continue;
          if (which == 0 || (which == 1 && kept) || (which == 2 && !kept))
            g_array_append_val (ids, g_array_index (index.ids, gint64, i));
        }
      return g_steal_pointer (&ids);
    }

  invalid_drill_key (error);
  return NULL;
}

/* Dispatch */

static const struct
{
  RapportReportComputeFunc compute;
  RapportReportDrillFunc   drill;
} kinds[RAPPORT_N_REPORT_KINDS] = {
  [RAPPORT_REPORT_VALUE_MATRIX] = { _rapport_report_compute_value_matrix, _rapport_report_drill_value_matrix },
  [RAPPORT_REPORT_CONTRIBUTION] = { _rapport_report_compute_contribution, _rapport_report_drill_contribution },
  [RAPPORT_REPORT_COMPOSITION] = { _rapport_report_compute_composition, _rapport_report_drill_composition },
  [RAPPORT_REPORT_SERVICE] = { _rapport_report_compute_service, _rapport_report_drill_service },
  [RAPPORT_REPORT_CHURN] = { _rapport_report_compute_churn, _rapport_report_drill_churn },
  [RAPPORT_REPORT_PIPELINE] = { _rapport_report_compute_pipeline, _rapport_report_drill_pipeline },
  [RAPPORT_REPORT_WORK_LOG] = { _rapport_report_compute_work_log, _rapport_report_drill_work_log },
};

static gboolean
check_query (const RapportReportQuery  *query,
             GError                   **error)
{
  if ((guint) query->kind >= RAPPORT_N_REPORT_KINDS ||
      !rapport_date_validate (query->from, NULL) || !rapport_date_validate (query->to, NULL) ||
      strcmp (query->from, query->to) > 0 ||
      query->tier > RAPPORT_TIER_LEAD || query->owner_id < -1 ||
      query->currency == NULL || !rapport_currency_is_valid (query->currency))
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                   _("The report’s period or filters are not valid"));
      return FALSE;
    }

  return TRUE;
}

/* A report reads much of the file: on its worker connection SQLite maps
 * the file rather than copying each page it reads into its small cache.
 * The setting stays with the connection; where mapping is unavailable
 * SQLite reads as before. */
static void
map_file (RapportDatabase *db)
{
  sqlite3_exec (_rapport_database_get_handle (db), "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
}

/**
 * rapport_store_compute_report:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
RapportReport *
rapport_store_compute_report (RapportDatabase           *db,
                              const RapportReportQuery  *query,
                              GCancellable              *cancellable,
                              GError                   **error)
{
  g_autoptr (RapportReport) report = NULL;
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_query (query, error) || _rapport_report_check_cancelled (cancellable, error))
    return NULL;

  map_file (db);
  report = kinds[query->kind].compute (db, query, cancellable, error);
  if (report != NULL)
    g_debug ("%s report in %" G_GINT64_FORMAT " ms", rapport_report_kind_to_string (query->kind),
             (g_get_monotonic_time () - started) / 1000);

  return g_steal_pointer (&report);
}

/**
 * rapport_store_list_report_customers:
 * @out_total: (out) (optional): how many customers the row has
 *
 * Returns: (transfer full) (element-type RapportCustomer): the first
 *   @limit by name, or %NULL with @error set
 */
GPtrArray *
rapport_store_list_report_customers (RapportDatabase           *db,
                                     const RapportReportQuery  *query,
                                     const char                *section_id,
                                     const char                *drill_key,
                                     guint                      limit,
                                     guint                     *out_total,
                                     GCancellable              *cancellable,
                                     GError                   **error)
{
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GArray) page = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GHashTable) by_id = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *json = NULL;
  GPtrArray *customers;
  gint64 total = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (section_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_total != NULL)
    *out_total = 0;
  if (drill_key == NULL)
    {
      invalid_drill_key (error);
      return NULL;
    }
  if (!check_query (query, error) || _rapport_report_check_cancelled (cancellable, error))
    return NULL;

  ids = kinds[query->kind].drill (db, query, section_id, drill_key, cancellable, error);
  if (ids == NULL || _rapport_report_check_cancelled (cancellable, error))
    return NULL;

  /* The live ones, by name, counted and cut to @limit in one statement. */
  json = ids_to_json (ids);
  stmt = _rapport_database_prepare (db,
                                    "SELECT id, count (*) OVER () FROM customer"
                                    " WHERE id IN (SELECT value FROM json_each (?1)) AND deleted_at IS NULL"
                                    " ORDER BY sort_key, id LIMIT ?2",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  {
    int rc;

    page = new_id_array ();
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        total = sqlite3_column_int64 (stmt, 1);
        g_array_append_val (page, id);
      }
    if (rc != SQLITE_DONE)
      {
        fail_read (db, error);
        return NULL;
      }
  }
  g_clear_pointer (&stmt, sqlite3_reset);

  /* A limit of 0 returns no row, hence no count: count them apart. */
  if (limit == 0 && ids->len > 0)
    {
      stmt = _rapport_database_prepare (db,
                                        "SELECT count (*) FROM customer"
                                        " WHERE id IN (SELECT value FROM json_each (?1)) AND deleted_at IS NULL",
                                        error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
      if (!_rapport_database_step_int64 (db, stmt, _("Could not compute the report"), &total, error))
        return NULL;
    }

  rows = _rapport_store_read_customer_rows (db, (const gint64 *) page->data, page->len, error);
  if (rows == NULL)
    return NULL;

  /* Back into name order: the rows come in the table's. */
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      RapportCustomer *customer = g_ptr_array_index (rows, i);
      gint64 id = rapport_customer_get_id (customer);

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), customer);
    }

  customers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < page->len; i++)
    {
      RapportCustomer *customer = g_hash_table_lookup (by_id, &g_array_index (page, gint64, i));

      if (customer != NULL)
        g_ptr_array_add (customers, g_object_ref (customer));
    }

  if (out_total != NULL)
    *out_total = (guint) total;

  return customers;
}
