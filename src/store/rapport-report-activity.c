/* rapport-report-activity.c
 *
 * The activity reports (issue 10): service, pipeline and the work log
 * (工作日志), with the customers behind each row.
 *
 * Each report reads its rows in a few statements over the period and sums
 * them here into time buckets (local days, weeks, months…): the buckets'
 * bounds are computed once in C, so no row pays for a time-zone conversion
 * in SQL, and medians need the values anyway. The period is on the time the
 * thing happened: a request's creation, an opportunity's close (its expected
 * close for the forecast), an interaction's occurred_at, a follow-up's
 * creation and completion, an order's date.
 *
 * Drill keys are "what:arguments" strings made and read only here.
 *
 * Sections (id: columns; drill keys; FIRST:LAST are YYYY-MM-DD days):
 * - service       kind: kind, requests, open, share; "kind:KEY".
 *                 status (donut): status, requests, share; "status:KEY".
 *                 priority: priority, requests, open, overdue; "priority:N".
 *                 times (line): month, requests, average and median first
 *                 response, average and median resolution; "created:FIRST:LAST".
 *                 satisfaction (line): month, rated, average rating;
 *                 "rated:FIRST:LAST". assignee: assignee, requests, open,
 *                 overdue, average resolution, satisfaction; "assignee:ID"
 *                 or "assignee:none".
 * - pipeline      forecast: month, opportunities, amount, weighted;
 *                 "close:FIRST:LAST" (the "Later" row to 9999-12-31).
 *                 win_rate: month, won, lost, win rate; "closed:FIRST:LAST".
 *                 stage_time: stage, moved on, average time; "stage:ID".
 *                 lost_reasons (donut): reason, lost, share; "lost:ID" or
 *                 "lost:none".
 * - work_log      by_day (everyone), by_person, then person:ID for each
 *                 person with activity: day (week…) or person, interactions,
 *                 visits, follow-ups done, follow-ups opened, orders, order
 *                 amount; "touch:USER:FIRST:LAST" (USER 0: everyone).
 * Rows with nothing behind them have no drill key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-report-activity"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rapport-date.h"
#include "rapport-money.h"
#include "rapport-report-private.h"
#include "rapport-service-enums.h"
#include "rapport-service-priority.h"
#include "rapport-store-private.h"

#define SECONDS_PER_DAY 86400.0
/* The forecast runs at most this many months past the period's end; later
 * close dates are summed in one last row. */
#define FORECAST_MAX_MONTHS_AFTER 24
/* The earlier of two YYYY-MM-DD dates. */
#define MIN_DATE(a, b) (strcmp ((a), (b)) <= 0 ? (a) : (b))

/* Periods and buckets */

typedef struct
{
  char   *first;   /* YYYY-MM-DD, inclusive */
  char   *last;    /* YYYY-MM-DD, inclusive */
  gint64  start;   /* UTC instant of local midnight starting @first */
  gint64  end;     /* UTC instant of local midnight after @last */
  char   *label;
} Bucket;

static void
bucket_clear (gpointer data)
{
  Bucket *bucket = data;

  g_free (bucket->first);
  g_free (bucket->last);
  g_free (bucket->label);
}

static gboolean
parse_ymd (const char *ymd,
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

static char *
format_ymd (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static gint64
local_midnight (const GDate *date)
{
  g_autofree char *ymd = format_ymd (date);

  return rapport_date_to_unix_local (ymd);
}

/* @format is a g_date_time_format() pattern, already translated. */
static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr (GDateTime) time = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                      g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (time, format);
}

static char *
bucket_label (const GDate       *first,
              RapportReportStep  step)
{
  switch (step)
    {
    case RAPPORT_REPORT_STEP_DAY:
      /* Translators: a day in a report's table, as g_date_time_format() takes it */
      return format_date (first, C_("Report day", "%a %b %-d"));

    case RAPPORT_REPORT_STEP_WEEK:
      /* Translators: the week starting on that day in a report's table */
      return format_date (first, C_("Report week", "Week of %b %-d"));

    case RAPPORT_REPORT_STEP_QUARTER:
      /* Translators: a quarter in a report's table: its number, then the year */
      return g_strdup_printf (C_("Report quarter", "Q%d %d"), (g_date_get_month (first) - 1) / 3 + 1,
                              g_date_get_year (first));

    case RAPPORT_REPORT_STEP_YEAR:
      return g_strdup_printf ("%d", g_date_get_year (first));

    case RAPPORT_REPORT_STEP_MONTH:
    default:
      /* Translators: a month in a report's table */
      return format_date (first, C_("Report month", "%b %Y"));
    }
}

/* The calendar unit starting on or before @date that contains it. */
static void
unit_start (GDate             *date,
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

static void
unit_advance (GDate             *date,
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

/* The buckets of @step covering @from to @to, the first and last cut to
 * the period. Empty when the period is not valid. */
static GArray *
make_buckets (const char        *from,
              const char        *to,
              RapportReportStep  step)
{
  GArray *buckets = g_array_new (FALSE, TRUE, sizeof (Bucket));
  GDate first, last, unit;

  g_array_set_clear_func (buckets, bucket_clear);
  if (!parse_ymd (from, &first) || !parse_ymd (to, &last) || g_date_compare (&first, &last) > 0)
    return buckets;

  unit = first;
  unit_start (&unit, step);
  while (g_date_compare (&unit, &last) <= 0)
    {
      Bucket bucket = { 0 };
      GDate next = unit, bucket_first, bucket_last;

      unit_advance (&next, step);
      bucket_first = g_date_compare (&unit, &first) < 0 ? first : unit;
      bucket_last = next;
      g_date_subtract_days (&bucket_last, 1);
      if (g_date_compare (&bucket_last, &last) > 0)
        bucket_last = last;

      bucket.first = format_ymd (&bucket_first);
      bucket.last = format_ymd (&bucket_last);
      bucket.start = local_midnight (&bucket_first);
      g_date_add_days (&bucket_last, 1);
      bucket.end = local_midnight (&bucket_last);
      bucket.label = bucket_label (&unit, step);
      g_array_append_val (buckets, bucket);

      unit = next;
    }

  return buckets;
}

/* The bucket holding the instant @time, or -1. */
static int
find_bucket_at (GArray *buckets,
                gint64  time)
{
  guint low = 0, high = buckets->len;

  while (low < high)
    {
      guint mid = (low + high) / 2;
      Bucket *bucket = &g_array_index (buckets, Bucket, mid);

      if (time < bucket->start)
        high = mid;
      else if (time >= bucket->end)
        low = mid + 1;
      else
        return (int) mid;
    }

  return -1;
}

/* The bucket holding the date @ymd, or -1. */
static int
find_bucket_on (GArray     *buckets,
                const char *ymd)
{
  guint low = 0, high = buckets->len;

  if (ymd == NULL)
    return -1;

  while (low < high)
    {
      guint mid = (low + high) / 2;
      Bucket *bucket = &g_array_index (buckets, Bucket, mid);

      if (strcmp (ymd, bucket->first) < 0)
        high = mid;
      else if (strcmp (ymd, bucket->last) > 0)
        low = mid + 1;
      else
        return (int) mid;
    }

  return -1;
}

/* The query's period as instants: local midnight starting @from, and the
 * one after @to. */
static void
period_bounds (const RapportReportQuery *query,
               gint64                   *out_start,
               gint64                   *out_end)
{
  GDate first, last;

  *out_start = *out_end = 0;
  if (!parse_ymd (query->from, &first) || !parse_ymd (query->to, &last))
    return;

  g_date_add_days (&last, 1);
  *out_start = local_midnight (&first);
  *out_end = local_midnight (&last);
}

/* Time series of the service and pipeline reports are by month at least:
 * a year by day would be 365 bars. */
static RapportReportStep
coarse_step (const RapportReportQuery *query)
{
  return query->step == RAPPORT_REPORT_STEP_DAY || query->step == RAPPORT_REPORT_STEP_WEEK
         ? RAPPORT_REPORT_STEP_MONTH : query->step;
}

static const char *
step_column_title (RapportReportStep step)
{
  switch (step)
    {
    case RAPPORT_REPORT_STEP_DAY:
      return _("Day");
    case RAPPORT_REPORT_STEP_WEEK:
      return _("Week");
    case RAPPORT_REPORT_STEP_QUARTER:
      return _("Quarter");
    case RAPPORT_REPORT_STEP_YEAR:
      return _("Year");
    case RAPPORT_REPORT_STEP_MONTH:
    default:
      return _("Month");
    }
}

static char *
format_period (const RapportReportQuery *query)
{
  GDate first, last;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (!parse_ymd (query->from, &first) || !parse_ymd (query->to, &last))
    return g_strdup ("");

  /* Translators: a date in a report's title, as g_date_time_format() takes it */
  from = format_date (&first, C_("Report period date", "%b %-d, %Y"));
  if (g_date_compare (&first, &last) == 0)
    return g_steal_pointer (&from);

  to = format_date (&last, C_("Report period date", "%b %-d, %Y"));
  /* Translators: a report's period, first day – last day */
  return g_strdup_printf (C_("Report period", "%s – %s"), from, to);
}

static gboolean
query_has_filters (const RapportReportQuery *query)
{
  return query->tier >= 0 || query->tag_id > 0 || query->region != NULL || query->owner_id >= 0;
}

/* Statements */

/* @sql_template with each "{filter:X}" replaced by the condition that
 * keeps the rows aliased X of live customers the query's filters keep. It
 * does not read each row's customer: the matching ids (or, without
 * filters, the few in the Trash) are collected once for the statement and
 * each row's customer id looked up in them, four times faster than joining
 * the customer over the generated book. */
static char *
expand_filter_placeholders (const RapportReportQuery *query,
                              const char               *sql_template)
{
  g_autofree char *filter = NULL;
  g_autoptr (GString) sql = g_string_new (NULL);
  gboolean filtered = query_has_filters (query);
  const char *p = sql_template;

  if (filtered)
    filter = _rapport_report_customer_filter_sql (query, "c");

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      char alias;

      if (open == NULL)
        {
          g_string_append (sql, p);
          break;
        }
      g_string_append_len (sql, p, open - p);
      close = strchr (open, '}');
      g_assert (close != NULL && close - open >= 3 && open[close - open - 2] == ':');
      alias = close[-1];

      g_assert (g_str_has_prefix (open, "{filter:"));
      if (filtered)
        g_string_append_printf (sql, "%c.customer_id IN (SELECT c.id FROM customer c WHERE %s)", alias, filter);
      else
        g_string_append_printf (sql, "%c.customer_id NOT IN (SELECT id FROM customer WHERE deleted_at IS NOT NULL)",
                                alias);

      p = close + 1;
    }

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* A cached statement for @sql_head followed by the query's customer filter
 * on "c", its parameters bound: for statements that read the customers
 * first and their rows by an index on the customer. */
static sqlite3_stmt *
prepare_customer_driven (RapportDatabase           *db,
                         const RapportReportQuery  *query,
                         const char                *sql_head,
                         GError                   **error)
{
  g_autofree char *filter = _rapport_report_customer_filter_sql (query, "c");
  g_autofree char *sql = g_strconcat (sql_head, "(", filter, ")", NULL);
  sqlite3_stmt *stmt = _rapport_database_prepare (db, sql, error);

  if (stmt != NULL)
    _rapport_report_bind_customer_filter (stmt, query);

  return stmt;
}

/* A cached statement for @sql_template (see above), the filter's
 * parameters bound. */
static sqlite3_stmt *
prepare_filtered (RapportDatabase           *db,
                  const RapportReportQuery  *query,
                  const char                *sql_template,
                  GError                   **error)
{
  g_autofree char *sql = expand_filter_placeholders (query, sql_template);
  sqlite3_stmt *stmt = _rapport_database_prepare (db, sql, error);

  if (stmt != NULL)
    _rapport_report_bind_customer_filter (stmt, query);

  return stmt;
}

static gboolean
read_failed (RapportDatabase  *db,
             GError          **error)
{
  _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not compute the report"));
  return FALSE;
}

/* The customers a report counts, read once for all its statements: with
 * filters the ids they keep, without them the few in the Trash (left
 * out). Each statement then selects its rows' customer ids and the rows
 * are kept here: no statement reads a customer row per row of its own. */
typedef struct
{
  GHashTable *ids;    /* set of gint64 */
  gboolean    keep;   /* whether @ids are the customers kept, or those left out */
} CustomerSet;

static void
customer_set_clear (CustomerSet *set)
{
  g_clear_pointer (&set->ids, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustomerSet, customer_set_clear)

static gboolean
customer_set_init (CustomerSet               *set,
                   RapportDatabase           *db,
                   const RapportReportQuery  *query,
                   GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  set->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  set->keep = query_has_filters (query);
  if (set->keep)
    {
      g_autofree char *filter = _rapport_report_customer_filter_sql (query, "c");
      g_autofree char *sql = g_strconcat ("SELECT c.id FROM customer c WHERE ", filter, NULL);

      stmt = _rapport_database_prepare (db, sql, error);
      if (stmt != NULL)
        _rapport_report_bind_customer_filter (stmt, query);
    }
  else
    stmt = _rapport_database_prepare (db, "SELECT id FROM customer WHERE deleted_at IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set->ids, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));

  return rc == SQLITE_DONE || read_failed (db, error);
}

static gboolean
customer_set_keeps (const CustomerSet *set,
                    gint64             customer_id)
{
  return g_hash_table_contains (set->ids, &customer_id) == set->keep;
}

/* Whether @sql (no parameters) returns a non-zero first column. */
static gboolean
query_flag (RapportDatabase  *db,
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

/* Customer ids from a statement whose first column is one, each once. */
static GArray *
collect_customer_ids (RapportDatabase  *db,
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
      read_failed (db, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Sets @error; returns NULL. */
static GArray *
bad_drill_key (const char  *section_id,
               const char  *drill_key,
               GError     **error)
{
  g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
               _("This report has no row “%s” in “%s”"),
               drill_key != NULL ? drill_key : "", section_id != NULL ? section_id : "");
  return NULL;
}

/* A drill key's bounds "YYYY-MM-DD:YYYY-MM-DD" as instants. */
static gboolean
parse_range (const char *first,
             const char *last,
             gint64     *out_start,
             gint64     *out_end)
{
  GDate a, b;

  if (!parse_ymd (first, &a) || !parse_ymd (last, &b))
    return FALSE;

  g_date_add_days (&b, 1);
  *out_start = local_midnight (&a);
  *out_end = local_midnight (&b);
  return TRUE;
}

/* Money: amounts in other currencies converted at the user's rates. */

typedef struct
{
  const char *currency;   /* the report's */
  GHashTable *rates;      /* currency → double* */
  GHashTable *missing;    /* currencies met without a rate (set) */
} Converter;

static void
converter_clear (Converter *converter)
{
  g_clear_pointer (&converter->rates, g_hash_table_unref);
  g_clear_pointer (&converter->missing, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Converter, converter_clear)

static gboolean
converter_init (Converter                *converter,
                RapportDatabase          *db,
                const RapportReportQuery *query,
                GError                  **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  converter->currency = query->currency != NULL ? query->currency : "";
  converter->rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  converter->missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = _rapport_database_prepare (db, "SELECT currency, rate FROM currency_rate", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (converter->rates, g_strdup (_rapport_store_column_text (stmt, 0)),
                         g_memdup2 (&(double) { sqlite3_column_double (stmt, 1) }, sizeof (double)));

  return rc == SQLITE_DONE || read_failed (db, error);
}

/* @amount of @currency in the report's currency, or FALSE (and the
 * currency remembered) when there is no rate for it. */
static gboolean
converter_convert (Converter  *converter,
                   const char *currency,
                   double      amount,
                   double     *out)
{
  const double *rate;

  if (currency == NULL || g_str_equal (currency, converter->currency))
    {
      *out = amount;
      return TRUE;
    }

  rate = g_hash_table_lookup (converter->rates, currency);
  if (rate == NULL)
    {
      g_hash_table_add (converter->missing, g_strdup (currency));
      return FALSE;
    }

  *out = amount * *rate;
  return TRUE;
}

/* Names the currencies left out in a note of @section. */
static void
converter_add_note (Converter            *converter,
                    RapportReportSection *section,
                    const char           *what)
{
  g_autofree const char **codes = NULL;
  g_autofree char *list = NULL;
  g_autofree char *note = NULL;

  if (g_hash_table_size (converter->missing) == 0)
    return;

  codes = (const char **) g_hash_table_get_keys_as_array (converter->missing, NULL);
  g_qsort_with_data (codes, g_hash_table_size (converter->missing), sizeof (char *),
                     (GCompareDataFunc) g_strcmp0, NULL);
  list = g_strjoinv (", ", (char **) codes);
  /* Translators: the first %s is what was left out ("Orders"), the second
   * a list of currency codes */
  note = g_strdup_printf (_("%s in %s are left out: no exchange rate (Preferences › Tiers)"), what, list);
  rapport_report_section_add_note (section, note);
}

/* Money sums, converted at a rate, back to whole minor units. */
static gint64
round_minor (double value)
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

/* Sorts @values. */
static double
median_of (GArray *values)
{
  guint n = values->len;
  double *v = (double *) values->data;

  if (n == 0)
    return 0;

  g_array_sort (values, compare_doubles);
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
share_of (guint part,
          guint whole)
{
  return whole > 0 ? 100.0 * part / whole : 0;
}

/* Staff names by user id; the default user's row is named as stored. */
static GHashTable *
load_staff_names (RapportDatabase  *db,
                  GError          **error)
{
  g_autoptr (GListModel) staff = rapport_store_list_staff (db, TRUE, error);
  GHashTable *names;

  if (staff == NULL)
    return NULL;

  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (staff); i++)
    {
      g_autoptr (RapportStaffMember) member = g_list_model_get_item (staff, i);

      g_hash_table_insert (names, g_memdup2 (&(gint64) { rapport_staff_member_get_id (member) }, sizeof (gint64)),
                           g_strdup (rapport_staff_member_get_name (member)));
    }

  return names;
}

static const char *
staff_name (GHashTable *names,
            gint64      user_id)
{
  const char *name = g_hash_table_lookup (names, &user_id);

  /* Translators: a person in a report whose staff record is gone */
  return name != NULL ? name : _("Unknown person");
}

/* Service */

#define N_SERVICE_KINDS (RAPPORT_SERVICE_KIND_OTHER + 1)
#define N_SERVICE_STATUSES (RAPPORT_SERVICE_STATUS_CLOSED + 1)
#define N_PRIORITIES 4

typedef struct
{
  guint requests;
  guint open;
  guint overdue;
} ServiceCounts;

typedef struct
{
  gint64        assignee_id;   /* 0: unassigned */
  ServiceCounts counts;
  double        resolution_sum;
  guint         n_resolved;
  double        satisfaction_sum;
  guint         n_rated;
} AssigneeTotals;

typedef struct
{
  guint   requests;
  GArray *first_response;   /* seconds, double */
  GArray *resolution;
  double  satisfaction_sum;
  guint   n_rated;
} MonthTimes;

static void
month_times_clear (gpointer data)
{
  MonthTimes *month = data;

  g_clear_pointer (&month->first_response, g_array_unref);
  g_clear_pointer (&month->resolution, g_array_unref);
}

static void
count_request (ServiceCounts *counts,
               gboolean       open,
               gboolean       overdue)
{
  counts->requests++;
  counts->open += open;
  counts->overdue += overdue;
}

static void
add_count_columns (RapportReportSection *section,
                   gboolean              with_overdue)
{
  rapport_report_section_add_column (section, _("Requests"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, C_("Service requests", "Open"), RAPPORT_REPORT_VALUE_COUNT);
  if (with_overdue)
    rapport_report_section_add_column (section, _("Overdue"), RAPPORT_REPORT_VALUE_COUNT);
}

static void
set_counts (RapportReportSection *section,
            guint                 row,
            const ServiceCounts  *counts,
            gboolean              with_overdue)
{
  rapport_report_section_set_value (section, row, 1, counts->requests, NULL);
  rapport_report_section_set_value (section, row, 2, counts->open, NULL);
  if (with_overdue)
    rapport_report_section_set_value (section, row, 3, counts->overdue, NULL);
}

static RapportReportSection *
service_kind_section (const ServiceCounts *kinds,
                      guint                total)
{
  RapportReportSection *section = rapport_report_section_new ("kind", _("Requests by Kind"), RAPPORT_CHART_BAR);

  rapport_report_section_add_column (section, _("Kind"), RAPPORT_REPORT_VALUE_TEXT);
  add_count_columns (section, FALSE);
  rapport_report_section_add_column (section, _("Share"), RAPPORT_REPORT_VALUE_PERCENT);
  rapport_report_section_add_series (section, _("Requests"), 1, FALSE);

  for (guint kind = 0; kind < N_SERVICE_KINDS; kind++)
    {
      g_autofree char *key = NULL;
      guint row;

      if (kinds[kind].requests == 0)
        continue;

      key = g_strconcat ("kind:", rapport_service_kind_to_string (kind), NULL);
      row = rapport_report_section_add_row (section, key);
      rapport_report_section_set_text (section, row, 0, rapport_service_kind_get_label (kind));
      set_counts (section, row, &kinds[kind], FALSE);
      rapport_report_section_set_value (section, row, 3, share_of (kinds[kind].requests, total), NULL);
    }

  return section;
}

static RapportReportSection *
service_status_section (const guint *statuses,
                        guint        total)
{
  RapportReportSection *section = rapport_report_section_new ("status", _("Requests by Status"), RAPPORT_CHART_DONUT);

  rapport_report_section_add_column (section, _("Status"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Requests"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Share"), RAPPORT_REPORT_VALUE_PERCENT);
  rapport_report_section_add_series (section, _("Requests"), 1, FALSE);

  for (guint status = 0; status < N_SERVICE_STATUSES; status++)
    {
      g_autofree char *key = NULL;
      guint row;

      if (statuses[status] == 0)
        continue;

      key = g_strconcat ("status:", rapport_service_status_to_string (status), NULL);
      row = rapport_report_section_add_row (section, key);
      rapport_report_section_set_text (section, row, 0, rapport_service_status_get_label (status));
      rapport_report_section_set_value (section, row, 1, statuses[status], NULL);
      rapport_report_section_set_value (section, row, 2, share_of (statuses[status], total), NULL);
    }

  return section;
}

static RapportReportSection *
service_priority_section (const ServiceCounts *priorities)
{
  RapportReportSection *section = rapport_report_section_new ("priority", _("Requests by Priority"),
                                                              RAPPORT_CHART_BAR);

  rapport_report_section_add_column (section, _("Priority"), RAPPORT_REPORT_VALUE_TEXT);
  add_count_columns (section, TRUE);
  rapport_report_section_add_series (section, _("Requests"), 1, FALSE);
  rapport_report_section_add_series (section, _("Overdue"), 3, FALSE);

  for (guint i = 0; i < N_PRIORITIES; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;
      guint row;

      if (priorities[i].requests == 0)
        continue;

      key = g_strdup_printf ("priority:%u", i + 1);
      label = rapport_service_priority_get_label (i + 1);
      row = rapport_report_section_add_row (section, key);
      rapport_report_section_set_text (section, row, 0, label);
      set_counts (section, row, &priorities[i], TRUE);
    }

  return section;
}

static char *
range_key (const char *what,
           const char *first,
           const char *last)
{
  return g_strdup_printf ("%s:%s:%s", what, first, last);
}

static RapportReportSection *
service_times_section (GArray     *buckets,
                       GArray     *months,
                       const char *label_title)
{
  RapportReportSection *section = rapport_report_section_new ("times", _("Time to First Response and Resolution"),
                                                              RAPPORT_CHART_LINE);
  g_autoptr (GArray) all_response = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) all_resolution = g_array_new (FALSE, FALSE, sizeof (double));

  rapport_report_section_add_column (section, label_title, RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Requests"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Average First Response"), RAPPORT_REPORT_VALUE_DURATION);
  rapport_report_section_add_column (section, _("Median First Response"), RAPPORT_REPORT_VALUE_DURATION);
  rapport_report_section_add_column (section, _("Average Resolution"), RAPPORT_REPORT_VALUE_DURATION);
  rapport_report_section_add_column (section, _("Median Resolution"), RAPPORT_REPORT_VALUE_DURATION);
  rapport_report_section_add_series (section, _("Average first response"), 2, TRUE);
  rapport_report_section_add_series (section, _("Average resolution"), 4, TRUE);

  for (guint i = 0; i < months->len; i++)
    {
      MonthTimes *month = &g_array_index (months, MonthTimes, i);
      Bucket *bucket = &g_array_index (buckets, Bucket, i);
      g_autofree char *key = NULL;
      double sum = 0;
      guint row;

      if (month->first_response->len == 0 && month->resolution->len == 0)
        continue;

      key = range_key ("created", bucket->first, bucket->last);
      row = rapport_report_section_add_row (section, key);
      rapport_report_section_set_text (section, row, 0, bucket->label);
      rapport_report_section_set_value (section, row, 1, month->requests, NULL);

      g_array_append_vals (all_response, month->first_response->data, month->first_response->len);
      g_array_append_vals (all_resolution, month->resolution->data, month->resolution->len);

      if (month->first_response->len > 0)
        {
          for (guint j = 0; j < month->first_response->len; j++)
            sum += g_array_index (month->first_response, double, j);
          rapport_report_section_set_value (section, row, 2, sum / month->first_response->len, NULL);
          rapport_report_section_set_value (section, row, 3, median_of (month->first_response), NULL);
        }

      sum = 0;
      if (month->resolution->len > 0)
        {
          for (guint j = 0; j < month->resolution->len; j++)
            sum += g_array_index (month->resolution, double, j);
          rapport_report_section_set_value (section, row, 4, sum / month->resolution->len, NULL);
          rapport_report_section_set_value (section, row, 5, median_of (month->resolution), NULL);
        }
    }

  if (rapport_report_section_get_n_rows (section) == 0)
    rapport_report_section_set_empty_text (section, _("No request in this period was answered yet"));
  else
    {
      g_autofree char *summary = NULL;

      /* Translators: the counts of service requests answered and resolved in a report's period */
      summary = g_strdup_printf (_("%u answered, %u resolved"), all_response->len, all_resolution->len);
      rapport_report_section_set_summary (section, summary);
    }

  return section;
}

static RapportReportSection *
service_satisfaction_section (GArray     *buckets,
                              GArray     *months,
                              const char *label_title)
{
  RapportReportSection *section = rapport_report_section_new ("satisfaction", _("Satisfaction"),
                                                              RAPPORT_CHART_LINE);
  double sum = 0;
  guint n = 0;

  rapport_report_section_add_column (section, label_title, RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Rated"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Average Rating"), RAPPORT_REPORT_VALUE_RATING);
  rapport_report_section_add_series (section, _("Average rating"), 2, TRUE);

  for (guint i = 0; i < months->len; i++)
    {
      MonthTimes *month = &g_array_index (months, MonthTimes, i);
      Bucket *bucket = &g_array_index (buckets, Bucket, i);
      g_autofree char *key = NULL;
      guint row;

      if (month->n_rated == 0)
        continue;

      key = range_key ("rated", bucket->first, bucket->last);
      row = rapport_report_section_add_row (section, key);
      rapport_report_section_set_text (section, row, 0, bucket->label);
      rapport_report_section_set_value (section, row, 1, month->n_rated, NULL);
      rapport_report_section_set_value (section, row, 2, month->satisfaction_sum / month->n_rated, NULL);
      sum += month->satisfaction_sum;
      n += month->n_rated;
    }

  if (n == 0)
    rapport_report_section_set_empty_text (section, _("No request in this period was rated"));
  else
    {
      g_autofree char *summary = NULL;

      /* Translators: the average satisfaction (1–5) over a report's period and how many ratings */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Average %.1f of 5 from %u rating",
                                              "Average %.1f of 5 from %u ratings", n),
                                 sum / n, n);
      rapport_report_section_set_summary (section, summary);
    }

  return section;
}

static int
compare_assignees (gconstpointer a,
                   gconstpointer b)
{
  const AssigneeTotals *x = a;
  const AssigneeTotals *y = b;

  if (x->counts.requests != y->counts.requests)
    return x->counts.requests > y->counts.requests ? -1 : 1;
  return (x->assignee_id > y->assignee_id) - (x->assignee_id < y->assignee_id);
}

static RapportReportSection *
service_assignee_section (GArray     *assignees,
                          GHashTable *names)
{
  RapportReportSection *section = rapport_report_section_new ("assignee", _("Requests by Assignee"),
                                                              RAPPORT_CHART_BAR);

  rapport_report_section_add_column (section, _("Assignee"), RAPPORT_REPORT_VALUE_TEXT);
  add_count_columns (section, TRUE);
  rapport_report_section_add_column (section, _("Average Resolution"), RAPPORT_REPORT_VALUE_DURATION);
  rapport_report_section_add_column (section, _("Satisfaction"), RAPPORT_REPORT_VALUE_RATING);
  rapport_report_section_add_series (section, _("Requests"), 1, FALSE);
  rapport_report_section_add_series (section, C_("Service requests", "Open"), 2, FALSE);
  rapport_report_section_add_series (section, _("Overdue"), 3, FALSE);

  g_array_sort (assignees, compare_assignees);
  for (guint i = 0; i < assignees->len; i++)
    {
      AssigneeTotals *totals = &g_array_index (assignees, AssigneeTotals, i);
      g_autofree char *key = NULL;
      guint row;

      if (totals->assignee_id == 0)
        key = g_strdup ("assignee:none");
      else
        key = g_strdup_printf ("assignee:%" G_GINT64_FORMAT, totals->assignee_id);

      row = rapport_report_section_add_row (section, key);
      rapport_report_section_set_text (section, row, 0,
                                       totals->assignee_id == 0 ? _("Unassigned")
                                       : staff_name (names, totals->assignee_id));
      set_counts (section, row, &totals->counts, TRUE);
      if (totals->n_resolved > 0)
        rapport_report_section_set_value (section, row, 4, totals->resolution_sum / totals->n_resolved, NULL);
      if (totals->n_rated > 0)
        rapport_report_section_set_value (section, row, 5, totals->satisfaction_sum / totals->n_rated, NULL);
    }

  return section;
}

static const char *
no_rows_text (const RapportReportQuery *query,
              const char               *plain,
              const char               *filtered)
{
  return query_has_filters (query) ? filtered : plain;
}

RapportReport *
_rapport_report_compute_service (RapportDatabase           *db,
                                 const RapportReportQuery  *query,
                                 GCancellable              *cancellable,
                                 GError                   **error)
{
  g_autoptr (RapportReport) report = rapport_report_new (query);
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GArray) buckets = NULL;
  g_autoptr (GArray) months = NULL;
  g_autoptr (GArray) assignees = NULL;
  g_autoptr (GHashTable) assignee_rows = NULL;
  g_autoptr (GHashTable) names = NULL;
  g_autoptr (RapportReportSection) section = NULL;
  g_auto (CustomerSet) customers = { 0 };
  ServiceCounts kinds[N_SERVICE_KINDS] = { { 0 } };
  ServiceCounts priorities[N_PRIORITIES] = { { 0 } };
  guint statuses[N_SERVICE_STATUSES] = { 0 };
  gint64 start, end, now = _rapport_database_now (db);
  gboolean any = FALSE;
  guint total = 0;
  int rc;

  if (!query_flag (db, "SELECT EXISTS (SELECT 1 FROM service_request WHERE deleted_at IS NULL)", &any, error))
    return NULL;
  if (!any)
    {
      rapport_report_set_empty_text (report, _("No service requests yet"));
      return g_steal_pointer (&report);
    }

  period_bounds (query, &start, &end);
  buckets = make_buckets (query->from, query->to, coarse_step (query));
  months = g_array_sized_new (FALSE, TRUE, sizeof (MonthTimes), buckets->len);
  g_array_set_clear_func (months, month_times_clear);
  for (guint i = 0; i < buckets->len; i++)
    {
      MonthTimes month = { 0 };

      month.first_response = g_array_new (FALSE, FALSE, sizeof (double));
      month.resolution = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_val (months, month);
    }
  assignees = g_array_new (FALSE, TRUE, sizeof (AssigneeTotals));
  assignee_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (!customer_set_init (&customers, db, query, error))
    return NULL;

  /* No index has created_at: a plain scan beats a partial index's lookups. */
  stmt = _rapport_database_prepare (db,
                                    "SELECT s.kind, s.status, s.priority, coalesce (s.assignee_id, 0), s.created_at, "
                                    "  s.first_response_at, s.resolved_at, s.satisfaction, s.due_at, s.customer_id "
                                    "FROM service_request s NOT INDEXED "
                                    "WHERE s.deleted_at IS NULL AND s.created_at >= ?1 AND s.created_at < ?2",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportServiceKind kind = RAPPORT_SERVICE_KIND_OTHER;
      RapportServiceStatus status = RAPPORT_SERVICE_STATUS_NEW;
      int priority = sqlite3_column_int (stmt, 2);
      gint64 assignee_id = sqlite3_column_int64 (stmt, 3);
      gint64 created_at = sqlite3_column_int64 (stmt, 4);
      gboolean open, overdue;
      gpointer row_index;
      AssigneeTotals *totals;
      int month_index;
      MonthTimes *month = NULL;

      if (!customer_set_keeps (&customers, sqlite3_column_int64 (stmt, 9)))
        continue;

      rapport_service_kind_from_string (_rapport_store_column_text (stmt, 0), &kind);
      rapport_service_status_from_string (_rapport_store_column_text (stmt, 1), &status);
      open = rapport_service_status_is_open (status);
      overdue = open && sqlite3_column_int64 (stmt, 8) < now;

      total++;
      count_request (&kinds[kind], open, overdue);
      statuses[status]++;
      if (priority >= 1 && priority <= N_PRIORITIES)
        count_request (&priorities[priority - 1], open, overdue);

      if (!g_hash_table_lookup_extended (assignee_rows, &assignee_id, NULL, &row_index))
        {
          AssigneeTotals fresh = { .assignee_id = assignee_id };

          row_index = GUINT_TO_POINTER (assignees->len);
          g_array_append_val (assignees, fresh);
          g_hash_table_insert (assignee_rows, g_memdup2 (&assignee_id, sizeof assignee_id), row_index);
        }
      totals = &g_array_index (assignees, AssigneeTotals, GPOINTER_TO_UINT (row_index));
      count_request (&totals->counts, open, overdue);

      month_index = find_bucket_at (buckets, created_at);
      if (month_index >= 0)
        {
          month = &g_array_index (months, MonthTimes, month_index);
          month->requests++;
        }

      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL && month != NULL)
        {
          double seconds = (double) (sqlite3_column_int64 (stmt, 5) - created_at);

          if (seconds >= 0)
            g_array_append_val (month->first_response, seconds);
        }

      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        {
          double seconds = (double) (sqlite3_column_int64 (stmt, 6) - created_at);

          if (seconds >= 0)
            {
              if (month != NULL)
                g_array_append_val (month->resolution, seconds);
              totals->resolution_sum += seconds;
              totals->n_resolved++;
            }
        }

      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        {
          int rating = sqlite3_column_int (stmt, 7);

          if (month != NULL)
            {
              month->satisfaction_sum += rating;
              month->n_rated++;
            }
          totals->satisfaction_sum += rating;
          totals->n_rated++;
        }
    }

  if (rc != SQLITE_DONE)
    {
      read_failed (db, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_reset);

  if (total == 0)
    {
      rapport_report_set_empty_text (report, no_rows_text (query, _("No service requests in this period"),
                                                           _("No service requests in this period match the filters")));
      return g_steal_pointer (&report);
    }

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;

  names = load_staff_names (db, error);
  if (names == NULL)
    return NULL;

  section = service_kind_section (kinds, total);
  {
    g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request", "%u requests", total),
                                                total);
    rapport_report_section_set_summary (section, summary);
  }
  rapport_report_add_section (report, section);
  g_clear_object (&section);

  section = service_status_section (statuses, total);
  rapport_report_add_section (report, section);
  g_clear_object (&section);

  section = service_priority_section (priorities);
  rapport_report_add_section (report, section);
  g_clear_object (&section);

  section = service_times_section (buckets, months, step_column_title (coarse_step (query)));
  rapport_report_add_section (report, section);
  g_clear_object (&section);

  section = service_satisfaction_section (buckets, months, step_column_title (coarse_step (query)));
  rapport_report_add_section (report, section);
  g_clear_object (&section);

  section = service_assignee_section (assignees, names);
  rapport_report_add_section (report, section);
  g_clear_object (&section);

  return g_steal_pointer (&report);
}

GArray *
_rapport_report_drill_service (RapportDatabase           *db,
                               const RapportReportQuery  *query,
                               const char                *section_id,
                               const char                *drill_key,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  g_auto (GStrv) parts = g_strsplit (drill_key != NULL ? drill_key : "", ":", 3);
  g_autofree char *sql = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  const char *condition = NULL;
  gint64 start, end, range_start = 0, range_end = 0, number = 0;
  guint n_parts = g_strv_length (parts);

  period_bounds (query, &start, &end);

  if (n_parts == 2 && g_str_equal (parts[0], "kind") &&
      rapport_service_kind_from_string (parts[1], &(RapportServiceKind) { 0 }))
    condition = "s.kind = ?3";
  else if (n_parts == 2 && g_str_equal (parts[0], "status") &&
           rapport_service_status_from_string (parts[1], &(RapportServiceStatus) { 0 }))
    condition = "s.status = ?3";
  else if (n_parts == 2 && g_str_equal (parts[0], "priority") &&
           g_ascii_string_to_signed (parts[1], 10, 1, N_PRIORITIES, &number, NULL))
    condition = "s.priority = ?4";
  else if (n_parts == 2 && g_str_equal (parts[0], "assignee") && g_str_equal (parts[1], "none"))
    condition = "s.assignee_id IS NULL";
  else if (n_parts == 2 && g_str_equal (parts[0], "assignee") &&
           g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT64, &number, NULL))
    condition = "s.assignee_id = ?4";
  else if (n_parts == 3 && g_str_equal (parts[0], "created") &&
           parse_range (parts[1], parts[2], &range_start, &range_end))
    condition = "s.created_at >= ?5 AND s.created_at < ?6 "
                "AND (s.first_response_at IS NOT NULL OR s.resolved_at IS NOT NULL)";
  else if (n_parts == 3 && g_str_equal (parts[0], "rated") &&
           parse_range (parts[1], parts[2], &range_start, &range_end))
    condition = "s.created_at >= ?5 AND s.created_at < ?6 AND s.satisfaction IS NOT NULL";
  else
    return bad_drill_key (section_id, drill_key, error);

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;

  sql = g_strconcat ("SELECT DISTINCT s.customer_id "
                     "FROM service_request s NOT INDEXED "
                     "WHERE s.deleted_at IS NULL AND s.created_at >= ?1 AND s.created_at < ?2 AND {filter:s} AND ",
                     condition, NULL);
  stmt = prepare_filtered (db, query, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_text (stmt, 3, parts[1], -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, number);
  sqlite3_bind_int64 (stmt, 5, range_start);
  sqlite3_bind_int64 (stmt, 6, range_end);

  return collect_customer_ids (db, stmt, error);
}

/* Pipeline */

typedef struct
{
  guint  count;
  double amount;     /* minor units of the report's currency */
  double weighted;
} ForecastTotals;

typedef struct
{
  char   *expected_close;
  char   *currency;
  gint64  amount;
  int     probability;
} OpenOpportunity;

static void
open_opportunity_clear (gpointer data)
{
  OpenOpportunity *item = data;

  g_free (item->expected_close);
  g_free (item->currency);
}

static gboolean
read_open_opportunities (RapportDatabase    *db,
                         const CustomerSet  *customers,
                         GArray             *out,
                         GError            **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT o.expected_close, o.currency, o.amount, "
                                    "  coalesce (o.probability, st.probability), o.customer_id "
                                    "FROM opportunity o NOT INDEXED CROSS JOIN stage st ON st.id = o.stage_id "
                                    "WHERE o.deleted_at IS NULL AND st.kind = 'open'",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OpenOpportunity item;

      if (!customer_set_keeps (customers, sqlite3_column_int64 (stmt, 4)))
        continue;

      item = (OpenOpportunity) {
        g_strdup (_rapport_store_column_text (stmt, 0)),
        g_strdup (_rapport_store_column_text (stmt, 1)),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int (stmt, 3),
      };

      g_array_append_val (out, item);
    }

  return rc == SQLITE_DONE || read_failed (db, error);
}

/* Row @index of the forecast: a bucket, or after the last one the close
 * dates later than all of them (only when there are any). */
static void
add_forecast_row (RapportReportSection *section,
                  GArray               *buckets,
                  guint                 index,
                  const ForecastTotals *totals)
{
  g_autofree char *key = NULL;
  guint row;

  if (index < buckets->len)
    {
      Bucket *bucket = &g_array_index (buckets, Bucket, index);

      key = range_key ("close", bucket->first, bucket->last);
      row = rapport_report_section_add_row (section, key);
      rapport_report_section_set_text (section, row, 0, bucket->label);
    }
  else
    {
      Bucket *last;
      g_autofree char *first = NULL;
      GDate after;

      if (totals->count == 0 || buckets->len == 0)
        return;

      last = &g_array_index (buckets, Bucket, buckets->len - 1);
      parse_ymd (last->last, &after);
      g_date_add_days (&after, 1);
      first = format_ymd (&after);
      key = range_key ("close", first, "9999-12-31");
      row = rapport_report_section_add_row (section, key);
      /* Translators: the forecast's last row, the close dates after the months shown */
      rapport_report_section_set_text (section, row, 0, C_("Forecast", "Later"));
    }

  rapport_report_section_set_value (section, row, 1, totals->count, NULL);
  rapport_report_section_set_value (section, row, 2, round_minor (totals->amount), NULL);
  rapport_report_section_set_value (section, row, 3, round_minor (totals->weighted), NULL);
}

static RapportReportSection *
pipeline_forecast_section (const RapportReportQuery *query,
                           GArray                   *opportunities,
                           Converter                *converter)
{
  RapportReportSection *section = rapport_report_section_new ("forecast", _("Weighted Forecast by Expected Close"),
                                                              RAPPORT_CHART_BAR);
  g_autoptr (GArray) buckets = NULL;
  g_autofree ForecastTotals *totals = NULL;
  ForecastTotals later = { 0 }, all = { 0 };
  g_autofree char *first_shown = NULL;
  g_autofree char *last_shown = NULL;
  const char *latest = query->to;
  const char *earliest = NULL;
  guint n_before = 0, n_undated = 0;
  GDate cap, first;

  rapport_report_section_add_column (section, step_column_title (coarse_step (query)), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Opportunities"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Amount"), RAPPORT_REPORT_VALUE_MONEY);
  rapport_report_section_add_column (section, _("Weighted"), RAPPORT_REPORT_VALUE_MONEY);
  rapport_report_section_add_series (section, _("Amount"), 2, FALSE);
  rapport_report_section_add_series (section, _("Weighted"), 3, FALSE);

  /* From the period's start on: with the default period (the last twelve
   * months) the months still to come matter most. The rows start at the
   * first close date, not with months of nothing. */
  for (guint i = 0; i < opportunities->len; i++)
    {
      OpenOpportunity *item = &g_array_index (opportunities, OpenOpportunity, i);

      if (item->expected_close == NULL || strcmp (item->expected_close, query->from) < 0)
        continue;
      if (strcmp (item->expected_close, latest) > 0)
        latest = item->expected_close;
      if (earliest == NULL || strcmp (item->expected_close, earliest) < 0)
        earliest = item->expected_close;
    }
  if (parse_ymd (query->to, &cap))
    {
      g_autofree char *cap_ymd = NULL;

      g_date_add_months (&cap, FORECAST_MAX_MONTHS_AFTER);
      cap_ymd = format_ymd (&cap);
      last_shown = g_strdup (strcmp (latest, cap_ymd) > 0 ? cap_ymd : latest);
    }
  else
    last_shown = g_strdup (latest);

  if (earliest != NULL && parse_ymd (MIN_DATE (earliest, last_shown), &first))
    {
      unit_start (&first, coarse_step (query));
      first_shown = format_ymd (&first);
      if (strcmp (first_shown, query->from) < 0)
        {
          g_free (first_shown);
          first_shown = g_strdup (query->from);
        }
    }
  else
    first_shown = g_strdup (query->from);

  buckets = make_buckets (first_shown, last_shown, coarse_step (query));
  if (buckets->len > 0)
    {
      /* The last bucket runs to its unit's end, not to a close date. */
      Bucket *last = &g_array_index (buckets, Bucket, buckets->len - 1);
      GDate unit_end;

      parse_ymd (last->first, &unit_end);
      unit_start (&unit_end, coarse_step (query));
      unit_advance (&unit_end, coarse_step (query));
      g_date_subtract_days (&unit_end, 1);
      g_free (last->last);
      last->last = format_ymd (&unit_end);
      g_date_add_days (&unit_end, 1);
      last->end = local_midnight (&unit_end);
    }
  totals = g_new0 (ForecastTotals, buckets->len + 1);

  for (guint i = 0; i < opportunities->len; i++)
    {
      OpenOpportunity *item = &g_array_index (opportunities, OpenOpportunity, i);
      ForecastTotals *target;
      double amount;
      int index;

      if (item->expected_close == NULL)
        {
          n_undated++;
          continue;
        }
      if (strcmp (item->expected_close, query->from) < 0)
        {
          n_before++;
          continue;
        }
      if (!converter_convert (converter, item->currency, item->amount, &amount))
        continue;

      index = find_bucket_on (buckets, item->expected_close);
      target = index >= 0 ? &totals[index] : &later;
      target->count++;
      target->amount += amount;
      target->weighted += amount * item->probability / 100.0;
      all.count++;
      all.amount += amount;
      all.weighted += amount * item->probability / 100.0;
    }

  if (all.count == 0)
    rapport_report_section_set_empty_text (section,
                                           _("No open opportunity is expected to close in this period or later"));
  else
    {
      g_autofree char *weighted = rapport_money_format (round_minor (all.weighted), converter->currency);
      g_autofree char *summary = NULL;

      for (guint i = 0; i <= buckets->len; i++)
        add_forecast_row (section, buckets, i, i < buckets->len ? &totals[i] : &later);

      /* Translators: %s is an amount of money, %u a count of opportunities */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s weighted, from %u open opportunity",
                                              "%s weighted, from %u open opportunities", all.count),
                                 weighted, all.count);
      rapport_report_section_set_summary (section, summary);
    }

  if (n_before > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u open opportunity was expected to close before this period",
                                                            "%u open opportunities were expected to close before this period",
                                                            n_before),
                                               n_before);
      rapport_report_section_add_note (section, note);
    }
  if (n_undated > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u open opportunity has no expected close date",
                                                            "%u open opportunities have no expected close date",
                                                            n_undated),
                                               n_undated);
      rapport_report_section_add_note (section, note);
    }
  converter_add_note (converter, section, _("Opportunities"));

  return section;
}

static RapportReportSection *
pipeline_win_rate_section (RapportDatabase           *db,
                           const RapportReportQuery  *query,
                           const CustomerSet         *customers,
                           GError                   **error)
{
  g_autoptr (RapportReportSection) section = rapport_report_section_new ("win_rate", _("Win Rate"), RAPPORT_CHART_BAR);
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GArray) buckets = make_buckets (query->from, query->to, coarse_step (query));
  g_autofree guint *won = g_new0 (guint, buckets->len + 1);
  g_autofree guint *lost = g_new0 (guint, buckets->len + 1);
  guint all_won = 0, all_lost = 0;
  gint64 start, end;
  int rc;

  period_bounds (query, &start, &end);
  stmt = _rapport_database_prepare (db,
                                    "SELECT o.closed_at, st.kind = 'won', o.customer_id "
                                    "FROM opportunity o NOT INDEXED CROSS JOIN stage st ON st.id = o.stage_id "
                                    "WHERE o.deleted_at IS NULL AND st.kind IN ('won', 'lost') "
                                    "  AND o.closed_at >= ?1 AND o.closed_at < ?2",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int index = find_bucket_at (buckets, sqlite3_column_int64 (stmt, 0));

      if (index < 0 || !customer_set_keeps (customers, sqlite3_column_int64 (stmt, 2)))
        continue;
      if (sqlite3_column_int (stmt, 1))
        won[index]++, all_won++;
      else
        lost[index]++, all_lost++;
    }
  if (rc != SQLITE_DONE)
    {
      read_failed (db, error);
      return NULL;
    }

  rapport_report_section_add_column (section, step_column_title (coarse_step (query)), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Won"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Lost"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Win Rate"), RAPPORT_REPORT_VALUE_PERCENT);

  if (all_won + all_lost == 0)
    {
      rapport_report_section_set_empty_text (section, _("No opportunity was won or lost in this period"));
      return g_steal_pointer (&section);
    }

  rapport_report_section_add_series (section, _("Won"), 1, FALSE);
  rapport_report_section_add_series (section, _("Lost"), 2, FALSE);
  for (guint i = 0; i < buckets->len; i++)
    {
      Bucket *bucket = &g_array_index (buckets, Bucket, i);
      g_autofree char *key = range_key ("closed", bucket->first, bucket->last);
      guint row = rapport_report_section_add_row (section, won[i] + lost[i] > 0 ? key : NULL);

      rapport_report_section_set_text (section, row, 0, bucket->label);
      rapport_report_section_set_value (section, row, 1, won[i], NULL);
      rapport_report_section_set_value (section, row, 2, lost[i], NULL);
      if (won[i] + lost[i] > 0)
        rapport_report_section_set_value (section, row, 3, share_of (won[i], won[i] + lost[i]), NULL);
    }

  {
    g_autofree char *summary = NULL;

    /* Translators: the win rate over a report's period: a percentage, won and closed counts */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f%% won: %u of %u closed opportunity",
                                            "%.0f%% won: %u of %u closed opportunities", all_won + all_lost),
                               share_of (all_won, all_won + all_lost), all_won, all_won + all_lost);
    rapport_report_section_set_summary (section, summary);
  }

  return g_steal_pointer (&section);
}

/* Each stay in a stage is an event that put an opportunity there (created,
 * moved, won, lost, reopened) up to its next event; the stays that ended in
 * the period count. The events are read in one scan and ordered here: a
 * window function over them sorts in SQLite at four times the cost. */
typedef void (*StayFunc) (gint64   stage_id,
                          double   seconds,
                          gint64   customer_id,
                          gpointer data);

typedef struct
{
  gint64 opportunity_id;
  gint64 created_at;
  gint64 id;
  gint64 stage_id;   /* 0: none (a stage deleted since) */
} StageEvent;

static int
compare_stage_events (gconstpointer a,
                      gconstpointer b)
{
  const StageEvent *x = a;
  const StageEvent *y = b;

  if (x->opportunity_id != y->opportunity_id)
    return x->opportunity_id < y->opportunity_id ? -1 : 1;
  if (x->created_at != y->created_at)
    return x->created_at < y->created_at ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

static gboolean
for_each_stay (RapportDatabase           *db,
               const RapportReportQuery  *query,
               const CustomerSet         *kept,
               StayFunc                   func,
               gpointer                   data,
               GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GHashTable) customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GArray) events = g_array_new (FALSE, FALSE, sizeof (StageEvent));
  gint64 start, end;
  int rc;

  period_bounds (query, &start, &end);

  /* The opportunities the filters keep, with their customers. */
  stmt = _rapport_database_prepare (db,
                                    "SELECT o.id, o.customer_id FROM opportunity o NOT INDEXED "
                                    "WHERE o.deleted_at IS NULL",
                                    error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (customer_set_keeps (kept, sqlite3_column_int64 (stmt, 1)))
      g_hash_table_insert (customers, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                           GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    return read_failed (db, error);
  g_clear_pointer (&stmt, sqlite3_reset);

  stmt = _rapport_database_prepare (db,
                                    "SELECT opportunity_id, created_at, id, coalesce (to_stage_id, 0) "
                                    "FROM opportunity_event NOT INDEXED",
                                    error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StageEvent event = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int64 (stmt, 3),
      };

      if (g_hash_table_contains (customers, &event.opportunity_id))
        g_array_append_val (events, event);
    }
  if (rc != SQLITE_DONE)
    return read_failed (db, error);

  g_array_sort (events, compare_stage_events);
  for (guint i = 0; i + 1 < events->len; i++)
    {
      const StageEvent *entered = &g_array_index (events, StageEvent, i);
      const StageEvent *left = &g_array_index (events, StageEvent, i + 1);

      if (left->opportunity_id != entered->opportunity_id || entered->stage_id == 0 ||
          left->created_at < start || left->created_at >= end)
        continue;

      func (entered->stage_id, (double) (left->created_at - entered->created_at),
            (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (customers, &entered->opportunity_id)), data);
    }

  return TRUE;
}

/* Per stage id: { stays, total seconds }. */
static void
add_stay (gint64   stage_id,
          double   seconds,
          gint64   customer_id,
          gpointer data)
{
  GHashTable *stays = data;
  double *values = g_hash_table_lookup (stays, &stage_id);

  if (values == NULL)
    {
      values = g_new0 (double, 2);
      g_hash_table_insert (stays, g_memdup2 (&stage_id, sizeof stage_id), values);
    }
  values[0]++;
  values[1] += seconds;
}

typedef struct
{
  gint64      stage_id;
  GHashTable *customers;   /* set of customer ids */
} StageCustomers;

static void
add_stage_customer (gint64   stage_id,
                    double   seconds,
                    gint64   customer_id,
                    gpointer data)
{
  StageCustomers *found = data;

  if (stage_id == found->stage_id && !g_hash_table_contains (found->customers, &customer_id))
    g_hash_table_add (found->customers, g_memdup2 (&customer_id, sizeof customer_id));
}

static RapportReportSection *
pipeline_stage_time_section (RapportDatabase           *db,
                             const RapportReportQuery  *query,
                             const CustomerSet         *customers,
                             GListModel                *stages,
                             GError                   **error)
{
  g_autoptr (RapportReportSection) section = rapport_report_section_new ("stage_time", _("Average Time per Stage"),
                                                                         RAPPORT_CHART_BAR);
  g_autoptr (GHashTable) stays = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  if (!for_each_stay (db, query, customers, add_stay, stays, error))
    return NULL;

  rapport_report_section_add_column (section, _("Stage"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Moved On"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Average Time"), RAPPORT_REPORT_VALUE_DURATION);
  rapport_report_section_add_series (section, _("Average time"), 2, FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);
      gint64 stage_id = rapport_pipeline_stage_get_id (stage);
      const double *values = g_hash_table_lookup (stays, &stage_id);
      g_autofree char *key = NULL;
      g_autofree char *days = NULL;
      double average;
      guint row;

      if (values == NULL || rapport_pipeline_stage_get_kind (stage) != RAPPORT_STAGE_KIND_OPEN)
        continue;

      key = g_strdup_printf ("stage:%" G_GINT64_FORMAT, stage_id);
      row = rapport_report_section_add_row (section, key);
      rapport_report_section_set_text (section, row, 0, rapport_pipeline_stage_get_name (stage));
      rapport_report_section_set_value (section, row, 1, values[0], NULL);
      /* Translators: an average time in a pipeline stage, in days with one decimal */
      average = values[1] / values[0];
      days = g_strdup_printf (C_("Average days", "%.1f days"), average / SECONDS_PER_DAY);
      rapport_report_section_set_value (section, row, 2, average, days);
    }

  if (rapport_report_section_get_n_rows (section) == 0)
    rapport_report_section_set_empty_text (section, _("No opportunity moved on from a stage in this period"));

  return g_steal_pointer (&section);
}

typedef struct
{
  gint64 reason_id;
  guint  count;
} ReasonCount;

static int
compare_reason_counts (gconstpointer a,
                       gconstpointer b)
{
  const ReasonCount *x = a;
  const ReasonCount *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x->reason_id > y->reason_id) - (x->reason_id < y->reason_id);
}

static RapportReportSection *
pipeline_lost_reason_section (RapportDatabase           *db,
                              const RapportReportQuery  *query,
                              const CustomerSet         *customers,
                              GError                   **error)
{
  g_autoptr (RapportReportSection) section = rapport_report_section_new ("lost_reasons", _("Lost Reasons"),
                                                                         RAPPORT_CHART_DONUT);
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GArray) reasons = NULL;
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (ReasonCount));
  guint total = 0;
  gint64 start, end;
  int rc;

  period_bounds (query, &start, &end);
  stmt = _rapport_database_prepare (db,
                                    "SELECT coalesce (o.lost_reason_id, 0), o.customer_id "
                                    "FROM opportunity o NOT INDEXED CROSS JOIN stage st ON st.id = o.stage_id "
                                    "WHERE o.deleted_at IS NULL AND st.kind = 'lost' "
                                    "  AND o.closed_at >= ?1 AND o.closed_at < ?2",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);

  /* { reason id (0: none), count } pairs, most first. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 reason_id = sqlite3_column_int64 (stmt, 0);
      guint i;

      if (!customer_set_keeps (customers, sqlite3_column_int64 (stmt, 1)))
        continue;

      for (i = 0; i < counts->len && g_array_index (counts, ReasonCount, i).reason_id != reason_id; i++)
        ;
      if (i == counts->len)
        g_array_append_val (counts, ((ReasonCount) { reason_id, 0 }));
      g_array_index (counts, ReasonCount, i).count++;
      total++;
    }
  if (rc != SQLITE_DONE)
    {
      read_failed (db, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_reset);
  g_array_sort (counts, compare_reason_counts);

  rapport_report_section_add_column (section, _("Reason"), RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Lost"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Share"), RAPPORT_REPORT_VALUE_PERCENT);

  if (total == 0)
    {
      rapport_report_section_set_empty_text (section, _("No opportunity was lost in this period"));
      return g_steal_pointer (&section);
    }

  reasons = rapport_store_list_lost_reasons (db, error);
  if (reasons == NULL)
    return NULL;

  rapport_report_section_add_series (section, _("Lost"), 1, FALSE);
  for (guint i = 0; i < counts->len; i++)
    {
      const ReasonCount *reason = &g_array_index (counts, ReasonCount, i);
      const char *name = _("No reason given");
      g_autofree char *key = NULL;
      guint row;

      for (guint j = 0; j < reasons->len; j++)
        if (g_array_index (reasons, RapportLostReason, j).id == reason->reason_id)
          name = g_array_index (reasons, RapportLostReason, j).name;

      key = reason->reason_id != 0 ? g_strdup_printf ("lost:%" G_GINT64_FORMAT, reason->reason_id)
                                   : g_strdup ("lost:none");
      row = rapport_report_section_add_row (section, key);
      rapport_report_section_set_text (section, row, 0, name);
      rapport_report_section_set_value (section, row, 1, reason->count, NULL);
      rapport_report_section_set_value (section, row, 2, share_of (reason->count, total), NULL);
    }

  return g_steal_pointer (&section);
}

RapportReport *
_rapport_report_compute_pipeline (RapportDatabase           *db,
                                  const RapportReportQuery  *query,
                                  GCancellable              *cancellable,
                                  GError                   **error)
{
  g_autoptr (RapportReport) report = rapport_report_new (query);
  g_autoptr (GArray) opportunities = NULL;
  g_autoptr (GListModel) stages = NULL;
  g_autoptr (RapportReportSection) forecast = NULL;
  g_autoptr (RapportReportSection) win_rate = NULL;
  g_autoptr (RapportReportSection) stage_time = NULL;
  g_autoptr (RapportReportSection) lost_reasons = NULL;
  g_auto (Converter) converter = { 0 };
  g_auto (CustomerSet) customers = { 0 };
  gboolean any = FALSE;

  if (!query_flag (db, "SELECT EXISTS (SELECT 1 FROM opportunity WHERE deleted_at IS NULL)", &any, error))
    return NULL;
  if (!any)
    {
      rapport_report_set_empty_text (report, _("No opportunities yet"));
      return g_steal_pointer (&report);
    }

  if (!converter_init (&converter, db, query, error) || !customer_set_init (&customers, db, query, error))
    return NULL;

  opportunities = g_array_new (FALSE, TRUE, sizeof (OpenOpportunity));
  g_array_set_clear_func (opportunities, open_opportunity_clear);
  if (!read_open_opportunities (db, &customers, opportunities, error))
    return NULL;
  forecast = pipeline_forecast_section (query, opportunities, &converter);

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;
  win_rate = pipeline_win_rate_section (db, query, &customers, error);
  if (win_rate == NULL)
    return NULL;

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;
  stages = rapport_store_list_pipeline_stages (db, error);
  if (stages == NULL)
    return NULL;
  stage_time = pipeline_stage_time_section (db, query, &customers, stages, error);
  if (stage_time == NULL)
    return NULL;

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;
  lost_reasons = pipeline_lost_reason_section (db, query, &customers, error);
  if (lost_reasons == NULL)
    return NULL;

  if (rapport_report_section_get_n_rows (forecast) == 0 && rapport_report_section_get_n_rows (win_rate) == 0 &&
      rapport_report_section_get_n_rows (stage_time) == 0 && rapport_report_section_get_n_rows (lost_reasons) == 0)
    {
      rapport_report_set_empty_text (report, no_rows_text (query, _("No pipeline activity in this period"),
                                                           _("No pipeline activity in this period matches the filters")));
      return g_steal_pointer (&report);
    }

  rapport_report_add_section (report, forecast);
  rapport_report_add_section (report, win_rate);
  rapport_report_add_section (report, stage_time);
  rapport_report_add_section (report, lost_reasons);

  return g_steal_pointer (&report);
}

GArray *
_rapport_report_drill_pipeline (RapportDatabase           *db,
                                const RapportReportQuery  *query,
                                const char                *section_id,
                                const char                *drill_key,
                                GCancellable              *cancellable,
                                GError                   **error)
{
  g_auto (GStrv) parts = g_strsplit (drill_key != NULL ? drill_key : "", ":", 3);
  g_autoptr (RapportStatement) stmt = NULL;
  guint n_parts = g_strv_length (parts);
  const char *sql = NULL;
  gint64 start, end, number = 0;
  GDate date;

  period_bounds (query, &start, &end);

  if (n_parts == 3 && g_str_equal (parts[0], "close") && parse_ymd (parts[1], &date) && parse_ymd (parts[2], &date))
    sql = "SELECT DISTINCT o.customer_id FROM opportunity o NOT INDEXED CROSS JOIN stage st ON st.id = o.stage_id "
                    "WHERE o.deleted_at IS NULL AND st.kind = 'open' AND o.expected_close BETWEEN ?3 AND ?4 "
          "  AND {filter:o}";
  else if (n_parts == 3 && g_str_equal (parts[0], "closed") && parse_range (parts[1], parts[2], &start, &end))
    sql = "SELECT DISTINCT o.customer_id FROM opportunity o NOT INDEXED CROSS JOIN stage st ON st.id = o.stage_id "
                    "WHERE o.deleted_at IS NULL AND st.kind IN ('won', 'lost') "
          "  AND o.closed_at >= ?1 AND o.closed_at < ?2 AND {filter:o}";
  else if (n_parts == 2 && g_str_equal (parts[0], "stage") &&
           g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT64, &number, NULL))
    {
      StageCustomers found = { number, g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL) };
      g_autoptr (GHashTable) set = found.customers;
      g_auto (CustomerSet) kept = { 0 };
      GArray *ids;
      GHashTableIter iter;
      gpointer key;

      if (_rapport_report_check_cancelled (cancellable, error) || !customer_set_init (&kept, db, query, error) ||
          !for_each_stay (db, query, &kept, add_stage_customer, &found, error))
        return NULL;

      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_iter_init (&iter, set);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_val (ids, *(gint64 *) key);
      return ids;
    }
  else if (n_parts == 2 && g_str_equal (parts[0], "lost") &&
           (g_str_equal (parts[1], "none") ||
            g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT64, &number, NULL)))
    sql = "SELECT DISTINCT o.customer_id FROM opportunity o NOT INDEXED CROSS JOIN stage st ON st.id = o.stage_id "
                    "WHERE o.deleted_at IS NULL AND st.kind = 'lost' AND coalesce (o.lost_reason_id, 0) = ?5 "
          "  AND o.closed_at >= ?1 AND o.closed_at < ?2 AND {filter:o}";
  else
    return bad_drill_key (section_id, drill_key, error);

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;

  stmt = prepare_filtered (db, query, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_text (stmt, 3, parts[1], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, n_parts == 3 ? parts[2] : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, number);

  return collect_customer_ids (db, stmt, error);
}

/* Work log */

typedef struct
{
  guint  interactions;
  guint  visits;
  guint  follow_ups_done;
  guint  follow_ups_opened;
  guint  orders;
  double order_amount;   /* minor units of the report's currency */
} WorkCounts;

typedef struct
{
  gint64      user_id;
  WorkCounts  total;
  WorkCounts *per_bucket;
} PersonLog;

static void
person_log_free (gpointer data)
{
  PersonLog *log = data;

  g_free (log->per_bucket);
  g_free (log);
}

typedef struct
{
  GArray     *buckets;
  GHashTable *people;      /* user id → PersonLog */
  WorkCounts *all;         /* per bucket, everyone */
  WorkCounts  all_total;
} WorkLog;

static void
work_log_clear (WorkLog *log)
{
  g_clear_pointer (&log->buckets, g_array_unref);
  g_clear_pointer (&log->people, g_hash_table_unref);
  g_clear_pointer (&log->all, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WorkLog, work_log_clear)

/* The counts of @user_id in bucket @index, or NULL outside the period. */
typedef void (*WorkCountFunc) (WorkCounts *counts,
                               gpointer    data);

static void
work_log_count (WorkLog       *log,
                gint64         user_id,
                int            index,
                WorkCountFunc  func,
                gpointer       data)
{
  PersonLog *person;

  if (index < 0)
    return;

  person = g_hash_table_lookup (log->people, &user_id);
  if (person == NULL)
    {
      person = g_new0 (PersonLog, 1);
      person->user_id = user_id;
      person->per_bucket = g_new0 (WorkCounts, log->buckets->len);
      g_hash_table_insert (log->people, g_memdup2 (&user_id, sizeof user_id), person);
    }

  func (&person->per_bucket[index], data);
  func (&person->total, data);
  func (&log->all[index], data);
  func (&log->all_total, data);
}

static void
count_interaction (WorkCounts *counts,
                   gpointer    data)
{
  counts->interactions++;
  counts->visits += GPOINTER_TO_INT (data);
}

/* Taking back what count_interaction added, for an interaction of a
 * customer in the Trash. */
static void
uncount_interaction (WorkCounts *counts,
                     gpointer    data)
{
  counts->interactions--;
  counts->visits -= GPOINTER_TO_INT (data);
}

/* @customers NULL: every row counts; else the rows' fourth column is
 * their customer. */
static gboolean
count_interactions (WorkLog            *log,
                    RapportDatabase    *db,
                    sqlite3_stmt       *stmt,
                    const CustomerSet  *customers,
                    WorkCountFunc       func,
                    GError            **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (customers == NULL || customer_set_keeps (customers, sqlite3_column_int64 (stmt, 3)))
      work_log_count (log, sqlite3_column_int64 (stmt, 0),
                      find_bucket_at (log->buckets, sqlite3_column_int64 (stmt, 1)),
                      func, GINT_TO_POINTER (sqlite3_column_int (stmt, 2)));

  return rc == SQLITE_DONE || read_failed (db, error);
}

/* The interactions of the period. interaction_by_time (occurred_at,
 * user_id, kind) holds all but the customer: without filters they are
 * read from the index alone, and those of customers in the Trash (few,
 * found by customer) taken back, instead of a lookup per row for its
 * customer, which would take ten times as long over a month. */
/* With filters, whether to read the rows of the period from the kept
 * customers (a seek per customer by an index on the customer) rather than
 * from the period (a lookup of each row's customer): whichever touches
 * fewer. @count_sql counts the period's rows from an index alone, bound
 * to @start and @end, or to @first and @last when those are set. */
static gboolean
prefer_by_customer (RapportDatabase    *db,
                    const CustomerSet  *customers,
                    const char         *count_sql,
                    gint64              start,
                    gint64              end,
                    const char         *first,
                    const char         *last,
                    gboolean           *out,
                    GError            **error)
{
  g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, count_sql, error);
  gint64 n_rows = 0;

  if (stmt == NULL)
    return FALSE;
  if (first != NULL)
    {
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_bind_int64 (stmt, 1, start);
      sqlite3_bind_int64 (stmt, 2, end);
    }
  if (!_rapport_database_step_int64 (db, stmt, _("Could not compute the report"), &n_rows, error))
    return FALSE;

  *out = (gint64) g_hash_table_size (customers->ids) * 2 < n_rows;
  return TRUE;
}

static gboolean
work_log_read_interactions (WorkLog                   *log,
                            RapportDatabase           *db,
                            const RapportReportQuery  *query,
                            const CustomerSet         *customers,
                            gint64                     start,
                            gint64                     end,
                            gint64                     me,
                            GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  if (customers->keep)
    {
      gboolean by_customer;

      if (!prefer_by_customer (db, customers,
                               "SELECT count (*) FROM interaction "
                               "WHERE deleted_at IS NULL AND occurred_at >= ?1 AND occurred_at < ?2",
                               start, end, NULL, NULL, &by_customer, error))
        return FALSE;

      /* A year over the gold customers: 0.1 s by customer, 4 s by row. */
      if (by_customer)
        stmt = prepare_customer_driven (db, query,
                                        "SELECT coalesce (i.user_id, ?3), i.occurred_at, i.kind = 'visit', c.id "
                                        "FROM customer c CROSS JOIN interaction i ON i.customer_id = c.id "
                                        "WHERE i.deleted_at IS NULL "
                                        "  AND i.occurred_at >= ?1 AND i.occurred_at < ?2 AND ",
                                        error);
      else
        stmt = _rapport_database_prepare (db,
                                          "SELECT coalesce (i.user_id, ?3), i.occurred_at, i.kind = 'visit', "
                                          "  i.customer_id "
                                          "FROM interaction i "
                                          "WHERE i.deleted_at IS NULL AND i.occurred_at >= ?1 AND i.occurred_at < ?2",
                                          error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, start);
      sqlite3_bind_int64 (stmt, 2, end);
      sqlite3_bind_int64 (stmt, 3, me);
      return count_interactions (log, db, stmt, by_customer ? NULL : customers, count_interaction, error);
    }

  stmt = _rapport_database_prepare (db,
                                    "SELECT coalesce (i.user_id, ?3), i.occurred_at, i.kind = 'visit' "
                                    "FROM interaction i "
                                    "WHERE i.deleted_at IS NULL AND i.occurred_at >= ?1 AND i.occurred_at < ?2",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_int64 (stmt, 3, me);
  if (!count_interactions (log, db, stmt, NULL, count_interaction, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_reset);

  stmt = _rapport_database_prepare (db,
                                    "SELECT coalesce (i.user_id, ?3), i.occurred_at, i.kind = 'visit' "
                                    "FROM customer c CROSS JOIN interaction i ON i.customer_id = c.id "
                                    "WHERE c.deleted_at IS NOT NULL AND i.deleted_at IS NULL "
                                    "  AND i.occurred_at >= ?1 AND i.occurred_at < ?2",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_int64 (stmt, 3, me);
  return count_interactions (log, db, stmt, NULL, uncount_interaction, error);
}

static void
count_follow_up_done (WorkCounts *counts,
                      gpointer    data)
{
  counts->follow_ups_done++;
}

static void
count_follow_up_opened (WorkCounts *counts,
                        gpointer    data)
{
  counts->follow_ups_opened++;
}

typedef struct
{
  guint  orders;
  double amount;
} OrderCount;

static void
count_orders (WorkCounts *counts,
              gpointer    data)
{
  const OrderCount *orders = data;

  counts->orders += orders->orders;
  counts->order_amount += orders->amount;
}

static gboolean
work_log_read (WorkLog                   *log,
               RapportDatabase           *db,
               const RapportReportQuery  *query,
               Converter                 *converter,
               GCancellable              *cancellable,
               GError                   **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_auto (CustomerSet) customers = { 0 };
  gboolean by_customer = FALSE;
  gint64 start, end, me;
  int rc;

  me = rapport_store_get_default_user_id (db, error);
  if (me == 0 || !customer_set_init (&customers, db, query, error))
    return FALSE;
  period_bounds (query, &start, &end);

  if (!work_log_read_interactions (log, db, query, &customers, start, end, me, error))
    return FALSE;

  if (_rapport_report_check_cancelled (cancellable, error))
    return FALSE;

  stmt = _rapport_database_prepare (db,
                                    "SELECT coalesce (f.assignee_id, ?3), f.created_at, f.done_at, f.customer_id "
                                    "FROM follow_up f "
                                    "WHERE f.deleted_at IS NULL "
                                    "  AND ((f.created_at >= ?1 AND f.created_at < ?2) "
                                    "       OR (f.done_at >= ?1 AND f.done_at < ?2))",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_int64 (stmt, 3, me);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 user_id = sqlite3_column_int64 (stmt, 0);

      if (!customer_set_keeps (&customers, sqlite3_column_int64 (stmt, 3)))
        continue;

      work_log_count (log, user_id, find_bucket_at (log->buckets, sqlite3_column_int64 (stmt, 1)),
                      count_follow_up_opened, NULL);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        work_log_count (log, user_id, find_bucket_at (log->buckets, sqlite3_column_int64 (stmt, 2)),
                        count_follow_up_done, NULL);
    }
  if (rc != SQLITE_DONE)
    return read_failed (db, error);
  g_clear_pointer (&stmt, sqlite3_reset);

  if (_rapport_report_check_cancelled (cancellable, error))
    return FALSE;

  /* With filters, maybe from the customers kept by orders_by_customer, as
   * for the interactions. */
  if (customers.keep &&
      !prefer_by_customer (db, &customers,
                           "SELECT count (*) FROM orders "
                           "WHERE deleted_at IS NULL AND ordered_on BETWEEN ?1 AND ?2",
                           0, 0, query->from, query->to, &by_customer, error))
    return FALSE;
  if (by_customer)
    stmt = prepare_customer_driven (db, query,
                                    "SELECT coalesce (o.user_id, ?3), o.ordered_on, o.currency, o.amount, "
                                    "  o.customer_id "
                                    "FROM customer c CROSS JOIN orders o ON o.customer_id = c.id "
                                    "WHERE o.deleted_at IS NULL AND o.ordered_on BETWEEN ?1 AND ?2 AND ",
                                    error);
  else
    stmt = _rapport_database_prepare (db,
                                      "SELECT coalesce (o.user_id, ?3), o.ordered_on, o.currency, o.amount, "
                                      "  o.customer_id "
                                      "FROM orders o "
                                      "WHERE o.deleted_at IS NULL AND o.ordered_on BETWEEN ?1 AND ?2",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, query->to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, me);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OrderCount orders = { 1, 0 };

      if (!customer_set_keeps (&customers, sqlite3_column_int64 (stmt, 4)))
        continue;

      /* An order in a currency without a rate still counts as recorded;
       * only its amount is left out (and named in a note). */
      if (!converter_convert (converter, _rapport_store_column_text (stmt, 2),
                              (double) sqlite3_column_int64 (stmt, 3), &orders.amount))
        orders.amount = 0;
      work_log_count (log, sqlite3_column_int64 (stmt, 0),
                      find_bucket_on (log->buckets, _rapport_store_column_text (stmt, 1)),
                      count_orders, &orders);
    }
  if (rc != SQLITE_DONE)
    return read_failed (db, error);

  return TRUE;
}

enum
{
  WORK_COLUMN_LABEL,
  WORK_COLUMN_INTERACTIONS,
  WORK_COLUMN_VISITS,
  WORK_COLUMN_FOLLOW_UPS_DONE,
  WORK_COLUMN_FOLLOW_UPS_OPENED,
  WORK_COLUMN_ORDERS,
  WORK_COLUMN_ORDER_AMOUNT,
};

static RapportReportSection *
work_section_new (const char *id,
                  const char *title,
                  const char *label_title)
{
  RapportReportSection *section = rapport_report_section_new (id, title, RAPPORT_CHART_BAR);

  rapport_report_section_add_column (section, label_title, RAPPORT_REPORT_VALUE_TEXT);
  rapport_report_section_add_column (section, _("Interactions"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Visits"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Follow-ups Done"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Follow-ups Opened"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Orders"), RAPPORT_REPORT_VALUE_COUNT);
  rapport_report_section_add_column (section, _("Order Amount"), RAPPORT_REPORT_VALUE_MONEY);
  rapport_report_section_add_series (section, _("Interactions"), WORK_COLUMN_INTERACTIONS, FALSE);
  rapport_report_section_add_series (section, _("Visits"), WORK_COLUMN_VISITS, FALSE);
  rapport_report_section_add_series (section, _("Follow-ups done"), WORK_COLUMN_FOLLOW_UPS_DONE, FALSE);
  rapport_report_section_add_series (section, _("Orders"), WORK_COLUMN_ORDERS, FALSE);

  return section;
}

static void
work_section_add_row (RapportReportSection *section,
                      const char           *label,
                      const char           *drill_key,
                      const WorkCounts     *counts)
{
  guint row = rapport_report_section_add_row (section, drill_key);

  rapport_report_section_set_text (section, row, WORK_COLUMN_LABEL, label);
  rapport_report_section_set_value (section, row, WORK_COLUMN_INTERACTIONS, counts->interactions, NULL);
  rapport_report_section_set_value (section, row, WORK_COLUMN_VISITS, counts->visits, NULL);
  rapport_report_section_set_value (section, row, WORK_COLUMN_FOLLOW_UPS_DONE, counts->follow_ups_done, NULL);
  rapport_report_section_set_value (section, row, WORK_COLUMN_FOLLOW_UPS_OPENED, counts->follow_ups_opened, NULL);
  rapport_report_section_set_value (section, row, WORK_COLUMN_ORDERS, counts->orders, NULL);
  rapport_report_section_set_value (section, row, WORK_COLUMN_ORDER_AMOUNT, round_minor (counts->order_amount), NULL);
}

static gboolean
work_counts_are_empty (const WorkCounts *counts)
{
  return counts->interactions == 0 && counts->follow_ups_done == 0 && counts->follow_ups_opened == 0 &&
         counts->orders == 0;
}

/* "12 interactions, 3 visits, …": what a person did in the period. */
static char *
work_counts_summary (const WorkCounts *counts,
                     const char       *currency)
{
  g_autofree char *amount = rapport_money_format (round_minor (counts->order_amount), currency);
  g_autofree char *interactions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u interaction", "%u interactions",
                                                                counts->interactions), counts->interactions);
  g_autofree char *visits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit", "%u visits",
                                                          counts->visits), counts->visits);
  g_autofree char *done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up done", "%u follow-ups done",
                                                        counts->follow_ups_done), counts->follow_ups_done);
  g_autofree char *opened = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u opened", "%u opened",
                                                          counts->follow_ups_opened), counts->follow_ups_opened);
  g_autofree char *orders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order (%s)", "%u orders (%s)",
                                                          counts->orders), counts->orders, amount);

  /* Translators: a work log's totals: interactions, visits, follow-ups done, follow-ups opened, orders */
  return g_strdup_printf (C_("Work log summary", "%s, %s, %s, %s, %s"), interactions, visits, done, opened, orders);
}

static char *
touch_key (gint64      user_id,
           const char *first,
           const char *last)
{
  return g_strdup_printf ("touch:%" G_GINT64_FORMAT ":%s:%s", user_id, first, last);
}

static int
compare_people (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GArray *order = user_data;
  const PersonLog *x = *(PersonLog * const *) a;
  const PersonLog *y = *(PersonLog * const *) b;
  guint xi = G_MAXUINT, yi = G_MAXUINT;

  for (guint i = 0; i < order->len; i++)
    {
      if (g_array_index (order, gint64, i) == x->user_id)
        xi = i;
      if (g_array_index (order, gint64, i) == y->user_id)
        yi = i;
    }

  if (xi != yi)
    return xi < yi ? -1 : 1;
  return (x->user_id > y->user_id) - (x->user_id < y->user_id);
}

RapportReport *
_rapport_report_compute_work_log (RapportDatabase           *db,
                                  const RapportReportQuery  *query,
                                  GCancellable              *cancellable,
                                  GError                   **error)
{
  g_autoptr (RapportReport) report = rapport_report_new (query);
  g_autoptr (RapportReportSection) by_day = NULL;
  g_autoptr (RapportReportSection) by_person = NULL;
  g_autoptr (GListModel) staff = NULL;
  g_autoptr (GArray) staff_order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GHashTable) names = NULL;
  g_autoptr (GPtrArray) people = g_ptr_array_new ();
  g_auto (WorkLog) log = { 0 };
  g_auto (Converter) converter = { 0 };
  g_autofree char *period = format_period (query);
  g_autofree char *title = NULL;
  GHashTableIter iter;
  gpointer value;

  if (!converter_init (&converter, db, query, error))
    return NULL;

  log.buckets = make_buckets (query->from, query->to, query->step);
  log.people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, person_log_free);
  log.all = g_new0 (WorkCounts, log.buckets->len);
  if (!work_log_read (&log, db, query, &converter, cancellable, error))
    return NULL;

  if (work_counts_are_empty (&log.all_total))
    {
      rapport_report_set_empty_text (report, no_rows_text (query, _("Nothing was logged in this period"),
                                                           _("Nothing was logged in this period for these customers")));
      return g_steal_pointer (&report);
    }

  staff = rapport_store_list_staff (db, TRUE, error);
  if (staff == NULL)
    return NULL;
  names = load_staff_names (db, error);
  if (names == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (staff); i++)
    {
      g_autoptr (RapportStaffMember) member = g_list_model_get_item (staff, i);
      gint64 id = rapport_staff_member_get_id (member);

      g_array_append_val (staff_order, id);
    }

  /* Everyone, per day (or week). */
  /* Translators: a work log section's title; %s is the period */
  title = g_strdup_printf (query->step == RAPPORT_REPORT_STEP_DAY ? _("Activity per Day, %s")
                           : _("Activity, %s"), period);
  by_day = work_section_new ("by_day", title, step_column_title (query->step));
  for (guint i = 0; i < log.buckets->len; i++)
    {
      Bucket *bucket = &g_array_index (log.buckets, Bucket, i);
      g_autofree char *key = touch_key (0, bucket->first, bucket->last);

      work_section_add_row (by_day, bucket->label, work_counts_are_empty (&log.all[i]) ? NULL : key, &log.all[i]);
    }
  {
    g_autofree char *summary = work_counts_summary (&log.all_total, converter.currency);

    rapport_report_section_set_summary (by_day, summary);
  }
  converter_add_note (&converter, by_day, _("Orders"));
  rapport_report_add_section (report, by_day);

  /* Per person, the staff's order. */
  g_hash_table_iter_init (&iter, log.people);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!work_counts_are_empty (&((PersonLog *) value)->total))
      g_ptr_array_add (people, value);
  g_ptr_array_sort_with_data (people, compare_people, staff_order);

  g_clear_pointer (&title, g_free);
  /* Translators: a work log section's title; %s is the period */
  title = g_strdup_printf (_("Activity per Person, %s"), period);
  by_person = work_section_new ("by_person", title, _("Person"));
  for (guint i = 0; i < people->len; i++)
    {
      PersonLog *person = g_ptr_array_index (people, i);
      g_autofree char *key = touch_key (person->user_id, query->from, query->to);

      work_section_add_row (by_person, staff_name (names, person->user_id), key, &person->total);
    }
  rapport_report_add_section (report, by_person);

  for (guint i = 0; i < people->len; i++)
    {
      PersonLog *person = g_ptr_array_index (people, i);
      g_autoptr (RapportReportSection) section = NULL;
      g_autofree char *id = g_strdup_printf ("person:%" G_GINT64_FORMAT, person->user_id);
      g_autofree char *summary = work_counts_summary (&person->total, converter.currency);

      g_clear_pointer (&title, g_free);
      /* Translators: the title of one person's work log: their name, then the period */
      title = g_strdup_printf (_("Work Log of %s, %s"), staff_name (names, person->user_id), period);
      section = work_section_new (id, title, step_column_title (query->step));
      for (guint j = 0; j < log.buckets->len; j++)
        {
          Bucket *bucket = &g_array_index (log.buckets, Bucket, j);
          g_autofree char *key = touch_key (person->user_id, bucket->first, bucket->last);

          work_section_add_row (section, bucket->label,
                                work_counts_are_empty (&person->per_bucket[j]) ? NULL : key,
                                &person->per_bucket[j]);
        }
      rapport_report_section_set_summary (section, summary);
      rapport_report_add_section (report, section);
    }

  return g_steal_pointer (&report);
}

/* The customers one person (or everyone, user 0) touched in a range: their
 * interactions, follow-ups done or opened, and orders. */
GArray *
_rapport_report_drill_work_log (RapportDatabase           *db,
                                const RapportReportQuery  *query,
                                const char                *section_id,
                                const char                *drill_key,
                                GCancellable              *cancellable,
                                GError                   **error)
{
  g_auto (GStrv) parts = g_strsplit (drill_key != NULL ? drill_key : "", ":", 4);
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 user_id = 0, start = 0, end = 0, me;

  if (g_strv_length (parts) != 4 || !g_str_equal (parts[0], "touch") ||
      !g_ascii_string_to_signed (parts[1], 10, 0, G_MAXINT64, &user_id, NULL) ||
      !parse_range (parts[2], parts[3], &start, &end))
    return bad_drill_key (section_id, drill_key, error);

  if (_rapport_report_check_cancelled (cancellable, error))
    return NULL;

  me = rapport_store_get_default_user_id (db, error);
  if (me == 0)
    return NULL;

  stmt = prepare_filtered (db, query,
                           "SELECT i.customer_id "
                           "FROM interaction i "
                           "WHERE i.deleted_at IS NULL AND i.occurred_at >= ?1 AND i.occurred_at < ?2 "
                           "  AND (?4 = 0 OR coalesce (i.user_id, ?3) = ?4) AND {filter:i} "
                           "UNION "
                           "SELECT f.customer_id "
                           "FROM follow_up f "
                           "WHERE f.deleted_at IS NULL "
                           "  AND ((f.created_at >= ?1 AND f.created_at < ?2) OR (f.done_at >= ?1 AND f.done_at < ?2)) "
                           "  AND (?4 = 0 OR coalesce (f.assignee_id, ?3) = ?4) AND {filter:f} "
                           "UNION "
                           "SELECT o.customer_id "
                           "FROM orders o "
                           "WHERE o.deleted_at IS NULL AND o.ordered_on BETWEEN ?5 AND ?6 "
                           "  AND (?4 = 0 OR coalesce (o.user_id, ?3) = ?4) AND {filter:o}",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_int64 (stmt, 3, me);
  sqlite3_bind_int64 (stmt, 4, user_id);
  sqlite3_bind_text (stmt, 5, parts[2], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, parts[3], -1, SQLITE_TRANSIENT);

  return collect_customer_ids (db, stmt, error);
}
