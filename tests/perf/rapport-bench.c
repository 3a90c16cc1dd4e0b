/* rapport-bench.c
 *
 * The benchmarks of `build-aux/dev bench`. Each subcommand prints lines
 * "name value unit" on stdout; tests/perf/run-benchmarks runs them all.
 *
 *   rapport-bench generate DB [--customers N] [--contacts N] [--interactions N]
 *                             [--orders N] [--seed N]
 *   rapport-bench open DB [--runs N]
 *   rapport-bench search DB [--queries N]
 *   rapport-bench log DB [--count N]
 *   rapport-bench backup DB                    (a backup while another connection writes)
 *   rapport-bench first-frame DB [--runs N]   (runs rapport-bench-ui; one unmeasured warm-up)
 *   rapport-bench scroll DB [--step-pages N]  (runs rapport-bench-ui)
 *   rapport-bench next-due DB [--follow-ups N] [--count N]
 *                                             (DB made afresh: N follow-ups, default 1,000,000)
 *   rapport-bench at-risk DB [--runs N]       (the churn warning's list, on a worker)
 *   rapport-bench reports DB [--runs N]       (each report kind, default period, on a worker)
 *   rapport-bench service DB [--runs N]       (the Service section's overdue queue, first page)
 *   rapport-bench export DB                   (the book with its contacts to .xlsx, and the
 *                                              longest main-loop stall meanwhile; reads only)
 *   rapport-bench handover DB                 (on a copy: one person's 10,000 customers and
 *                                              open work handed over on a worker)
 *   rapport-bench pipeline DB [--runs N]      (the Pipeline board's first frame, by
 *                                              rapport-bench-ui; one unmeasured warm-up)
 *   rapport-bench tiers DB [--runs N]         (on a copy: every customer's tier recomputed
 *                                              from the orders, on a worker)
 *   rapport-bench reports-ui DB [--runs N]    (the Reports section's first frame with its
 *                                              default report, then Contribution's first
 *                                              chart, by rapport-bench-ui; one warm-up)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-bench"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "rapport-backup-manager.h"
#include "rapport-customer-list-model.h"
#include "rapport-date.h"
#include "rapport-demo-data.h"
#include "rapport-export.h"
#include "rapport-handover-job.h"
#include "rapport-import-store.h"
#include "rapport-outbox.h"
#include "rapport-outreach.h"
#include "rapport-secrets.h"
#include "rapport-session.h"
#include "rapport-pinyin.h"
#include "rapport-store.h"

#define SCREEN_ROWS 50

typedef struct
{
  const char *db_path;
  guint       customers;
  guint       contacts;
  guint       interactions;
  guint       orders;
  guint       seed;
  guint       runs;
  guint       queries;
  guint       count;
  guint       step_pages;
  guint       follow_ups;
  guint       service_requests;  /* generate; 0: half the customers */
  guint       opportunities;
  const char *smtp_peer;
} Options;

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Nearest-rank percentile of @values (sorted in place). */
static double
percentile (GArray *values,
            double  p)
{
  guint rank;

  if (values->len == 0)
    return 0.0;

  g_array_sort (values, compare_doubles);
  rank = (guint) (p / 100.0 * values->len + 0.999999);
  rank = CLAMP (rank, 1, values->len);

  return g_array_index (values, double, rank - 1);
}

static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return 0.0;

  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);

  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2.0;
}

static void
print_figure (const char *name,
              double      value,
              const char *unit)
{
  printf ("%s %.3f %s\n", name, value, unit);
  fflush (stdout);
}

static RapportDatabase *
open_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  if (db == NULL)
    {
      fprintf (stderr, "rapport-bench: cannot open %s: %s\n", path, error->message);
      exit (1);
    }

  return db;
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Runs @argv and returns its stdout; exits on failure. */
static char *
run_child (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "rapport-bench: %s failed: %s\n", argv[0], error->message);
      exit (1);
    }

  return g_steal_pointer (&out);
}

static double
read_figure (const char *output,
             const char *name)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  gsize len = strlen (name);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], name, len) == 0 && lines[i][len] == ' ')
      return g_ascii_strtod (lines[i] + len + 1, NULL);

  fprintf (stderr, "rapport-bench: no “%s” in:\n%s\n", name, output);
  exit (1);
}

static char *
self_path (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  if (path == NULL)
    {
      fprintf (stderr, "rapport-bench: %s\n", error->message);
      exit (1);
    }

  return path;
}

static void
exec_or_exit (sqlite3    *handle,
              const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      fprintf (stderr, "rapport-bench: %s\n", message);
      exit (1);
    }
}

/* generate */

/* The service desk's requests over the book, written with SQL in the rows
 * the store writes (the store's one by one would take minutes): one in ten
 * open and overdue, two in ten open and not yet due, the rest resolved or
 * closed (most rated). Kinds and severities in a plausible mix; the open
 * ones assigned to the default user or to no one; priorities from the
 * customer's tier and the severity with src/core's rule, due times from the
 * default targets. */
static void
add_service_requests (const char *path,
                      guint       n_requests,
                      guint       seed)
{
  static const RapportServiceKind kinds[] = {
    RAPPORT_SERVICE_KIND_INQUIRY, RAPPORT_SERVICE_KIND_INQUIRY, RAPPORT_SERVICE_KIND_INQUIRY,
    RAPPORT_SERVICE_KIND_COMPLAINT, RAPPORT_SERVICE_KIND_COMPLAINT, RAPPORT_SERVICE_KIND_SUGGESTION,
    RAPPORT_SERVICE_KIND_AFTER_SALES, RAPPORT_SERVICE_KIND_AFTER_SALES, RAPPORT_SERVICE_KIND_AFTER_SALES,
    RAPPORT_SERVICE_KIND_OTHER,
  };
  static const RapportServiceSeverity severities[] = {
    RAPPORT_SERVICE_SEVERITY_LOW, RAPPORT_SERVICE_SEVERITY_LOW, RAPPORT_SERVICE_SEVERITY_NORMAL,
    RAPPORT_SERVICE_SEVERITY_NORMAL, RAPPORT_SERVICE_SEVERITY_NORMAL, RAPPORT_SERVICE_SEVERITY_NORMAL,
    RAPPORT_SERVICE_SEVERITY_NORMAL, RAPPORT_SERVICE_SEVERITY_HIGH, RAPPORT_SERVICE_SEVERITY_HIGH,
    RAPPORT_SERVICE_SEVERITY_CRITICAL,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5e41ceu);
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) tiers = g_array_new (FALSE, FALSE, sizeof (RapportTier));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *handle = NULL;
  gint64 me = 0;

  if (n_requests == 0)
    return;

  if (sqlite3_open (path, &handle) != SQLITE_OK)
    {
      fprintf (stderr, "rapport-bench: cannot open %s\n", path);
      exit (1);
    }

  if (sqlite3_prepare_v2 (handle, "SELECT min (id) FROM user", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      fprintf (stderr, "rapport-bench: no default user: %s\n", sqlite3_errmsg (handle));
      exit (1);
    }
  me = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (handle, "SELECT id, tier FROM customer WHERE deleted_at IS NULL ORDER BY id", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      RapportTier tier = RAPPORT_TIER_LEAD;

      rapport_tier_from_string ((const char *) sqlite3_column_text (stmt, 1), &tier);
      g_array_append_val (customers, id);
      g_array_append_val (tiers, tier);
    }
  sqlite3_finalize (stmt);
  if (customers->len == 0)
    {
      fprintf (stderr, "rapport-bench: no customers for the service requests\n");
      exit (1);
    }

  exec_or_exit (handle, "BEGIN");
  if (sqlite3_prepare_v2 (handle,
                          "INSERT INTO service_request (uuid, customer_id, kind, summary, severity, priority, "
                          "  priority_tier, status, assignee_id, due_at, first_response_at, resolved_at, closed_at, "
                          "  satisfaction, created_at, updated_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "rapport-bench: %s\n", sqlite3_errmsg (handle));
      exit (1);
    }

  for (guint i = 0; i < n_requests; i++)
    {
      guint c = g_rand_int_range (rand, 0, customers->len);
      RapportTier tier = g_array_index (tiers, RapportTier, c);
      RapportServiceKind kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
      RapportServiceSeverity severity = severities[g_rand_int_range (rand, 0, G_N_ELEMENTS (severities))];
      gint priority = rapport_service_priority_compute (tier, severity);
      gint64 target = rapport_service_targets_due_at (NULL, priority, 0);
      guint bucket = i % 10;
      RapportServiceStatus status;
      gint64 created_at, due_at;
      gint64 assignee = 0;
      gint64 first_response_at = 0, resolved_at = 0, closed_at = 0;
      char uuid[37];
      g_autofree char *summary = g_strdup_printf ("Request %u", i + 1);

      if (bucket == 0)
        {
          /* Open and overdue: created up to 60 days ago, past its target. */
          created_at = now - target - g_rand_int_range (rand, 60, 60 * 86400);
          assignee = g_rand_boolean (rand) ? me : 0;
          status = assignee == 0 ? RAPPORT_SERVICE_STATUS_NEW
                   : g_rand_boolean (rand) ? RAPPORT_SERVICE_STATUS_ASSIGNED : RAPPORT_SERVICE_STATUS_IN_PROGRESS;
        }
      else if (bucket <= 2)
        {
          /* Open, not yet due: created within the first half of its target. */
          created_at = now - g_rand_int_range (rand, 0, (gint32) (target / 2));
          assignee = g_rand_boolean (rand) ? me : 0;
          status = assignee == 0 ? RAPPORT_SERVICE_STATUS_NEW : RAPPORT_SERVICE_STATUS_ASSIGNED;
        }
      else
        {
          /* Done within two years. */
          created_at = now - g_rand_int_range (rand, 86400, 730 * 86400);
          assignee = me;
          status = bucket == 3 ? RAPPORT_SERVICE_STATUS_RESOLVED : RAPPORT_SERVICE_STATUS_CLOSED;
          resolved_at = created_at + g_rand_int_range (rand, 600, (gint32) target * 2);
          if (status == RAPPORT_SERVICE_STATUS_CLOSED)
            closed_at = resolved_at + g_rand_int_range (rand, 0, 3 * 86400);
        }
      due_at = created_at + target;
      if (status != RAPPORT_SERVICE_STATUS_NEW)
        first_response_at = created_at + g_rand_int_range (rand, 60, 4 * 3600);

      g_snprintf (uuid, sizeof uuid, "0190%04x-%04x-7%03x-8000-%012x", i >> 28, (i >> 12) & 65535, i & 4095, i);
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, g_array_index (customers, gint64, c));
      sqlite3_bind_text (stmt, 3, rapport_service_kind_to_string (kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, summary, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, rapport_service_severity_to_string (severity), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, priority);
      sqlite3_bind_text (stmt, 7, rapport_tier_to_string (tier), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, rapport_service_status_to_string (status), -1, SQLITE_STATIC);
#define BIND_OPTIONAL(index, value) \
      ((value) != 0 ? sqlite3_bind_int64 (stmt, index, value) : sqlite3_bind_null (stmt, index))
      BIND_OPTIONAL (9, assignee);
      sqlite3_bind_int64 (stmt, 10, due_at);
      BIND_OPTIONAL (11, first_response_at);
      BIND_OPTIONAL (12, resolved_at);
      BIND_OPTIONAL (13, closed_at);
      if (closed_at != 0 && g_rand_int_range (rand, 0, 10) < 7)
        sqlite3_bind_int (stmt, 14, g_rand_int_range (rand, 1, 6));
      else
        sqlite3_bind_null (stmt, 14);
#undef BIND_OPTIONAL
      sqlite3_bind_int64 (stmt, 15, created_at);

      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          fprintf (stderr, "rapport-bench: %s\n", sqlite3_errmsg (handle));
          exit (1);
        }
      sqlite3_reset (stmt);
    }

  sqlite3_finalize (stmt);
  exec_or_exit (handle, "COMMIT");
  sqlite3_close (handle);
}
static void generate_handover_staff (const char *path);
/* The sales pipeline on the book: @n opportunities on random customers,
 * spread over the stages as a working pipeline is (most in the early ones,
 * fewer won and lost), mostly in yuan, with close dates from two months ago
 * to half a year ahead. Each is made at its own time in the last four
 * months, most in the last two weeks: the older ones are stalled. */
static gboolean
generate_opportunities (RapportDatabase  *db,
                        guint             n,
                        guint             seed,
                        GError          **error)
{
  /* Per thousand: Qualification, Needs analysis, Proposal, Negotiation, Won, Lost. */
  static const guint stage_share[] = { 300, 220, 150, 80, 150, 100 };
  static const struct { const char *code; guint share; } currencies[] = {
    { "CNY", 900 }, { "USD", 60 }, { "EUR", 20 }, { "HKD", 20 },
  };
  static const char * const products[] = {
    "年度采购", "门店照明", "仓储升级", "促销礼盒", "办公家具", "物流外包", "设备维保", "软件授权",
    "Annual supply", "Store lighting", "Fleet service", "Software licences",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x9e11u);
  g_autoptr(RapportClock) clock = rapport_clock_new ();
  g_autoptr(GListModel) stages = NULL;
  g_autoptr(GArray) lost_reasons = NULL;
  RapportClock *previous_clock = rapport_database_get_clock (db);
  gint64 now = (gint64) time (NULL);
  gint64 max_customer;
  gboolean ok = TRUE;

  stages = rapport_store_list_pipeline_stages (db, error);
  lost_reasons = rapport_store_list_lost_reasons (db, error);
  if (stages == NULL || lost_reasons == NULL || lost_reasons->len == 0)
    return FALSE;

  /* Customer ids run from 1 in a generated book. */
  max_customer = rapport_store_count_customers (db);
  if (max_customer == 0 || g_list_model_get_n_items (stages) < G_N_ELEMENTS (stage_share))
    return TRUE;

  g_object_ref (previous_clock);
  rapport_database_set_clock (db, clock);

  for (guint i = 0; i < n && ok; i++)
    {
      g_autoptr(RapportOpportunity) opportunity = rapport_opportunity_new ();
      g_autoptr(RapportPipelineStage) stage = NULL;
      g_autofree char *title = NULL;
      g_autofree char *close = NULL;
      g_autoptr(GDateTime) close_dt = NULL;
      guint pick = (guint) g_rand_int_range (rand, 0, 1000);
      guint stage_index = 0;
      guint currency = 0;
      gboolean recent = g_rand_int_range (rand, 0, 100) < 75;
      gint64 made_at = now - (gint64) g_rand_int_range (rand, 0, recent ? 13 * 86400 : 120 * 86400);
      guint size = (guint) g_rand_int_range (rand, 0, 10);
      /* Many small deals, some large, a few very large. */
      gint64 yuan = size < 6 ? g_rand_int_range (rand, 5000, 50000)
                  : size < 9 ? g_rand_int_range (rand, 50000, 500000)
                  : g_rand_int_range (rand, 500000, 2000000);

      while (stage_index + 1 < G_N_ELEMENTS (stage_share) && pick >= stage_share[stage_index])
        pick -= stage_share[stage_index++];
      pick = (guint) g_rand_int_range (rand, 0, 1000);
      while (currency + 1 < G_N_ELEMENTS (currencies) && pick >= currencies[currency].share)
        pick -= currencies[currency++].share;

      stage = g_list_model_get_item (stages, stage_index);
      title = g_strdup_printf ("%s %u", products[g_rand_int_range (rand, 0, G_N_ELEMENTS (products))], i + 1);
      close_dt = g_date_time_new_from_unix_local (now + (gint64) g_rand_int_range (rand, -60, 180) * 86400);
      close = g_date_time_format (close_dt, "%Y-%m-%d");

      rapport_clock_set_fixed (clock, made_at);
      rapport_opportunity_set_customer_id (opportunity, g_rand_int_range (rand, 1, (gint32) max_customer + 1));
      rapport_opportunity_set_title (opportunity, title);
      rapport_opportunity_set_amount (opportunity, yuan * 100);
      rapport_opportunity_set_currency (opportunity, currencies[currency].code);
      rapport_opportunity_set_probability (opportunity, g_rand_int_range (rand, 0, 10) == 0
                                                        ? g_rand_int_range (rand, 5, 96) : -1);
      rapport_opportunity_set_expected_close (opportunity, close);

      switch (rapport_pipeline_stage_get_kind (stage))
        {
        case RAPPORT_STAGE_KIND_WON:
          ok = rapport_store_insert_opportunity (db, opportunity, error) &&
               rapport_store_win_opportunity (db, rapport_opportunity_get_id (opportunity), error);
          break;

        case RAPPORT_STAGE_KIND_LOST:
          ok = rapport_store_insert_opportunity (db, opportunity, error) &&
               rapport_store_lose_opportunity (db, rapport_opportunity_get_id (opportunity),
                                               g_array_index (lost_reasons, RapportLostReason,
                                                              i % lost_reasons->len).id,
                                               NULL, error);
          break;

        case RAPPORT_STAGE_KIND_OPEN:
        default:
          rapport_opportunity_set_stage_id (opportunity, rapport_pipeline_stage_get_id (stage));
          ok = rapport_store_insert_opportunity (db, opportunity, error);
          break;
        }
    }

  rapport_database_set_clock (db, previous_clock);
  g_object_unref (previous_clock);

  return ok;
}

static gboolean
generate_opportunities_cb (RapportDatabase  *db,
                           gpointer          user_data,
                           GError          **error)
{
  const Options *opts = user_data;

  return generate_opportunities (db, opts->opportunities, opts->seed, error);
}

static int
run_generate (const Options *opts)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  RapportDemoSize size = { opts->customers, opts->contacts, opts->interactions, opts->orders, opts->seed, FALSE };
  double start, end;

  remove_database (opts->db_path);

  start = now_ms ();
  db = open_database (opts->db_path);
  if (!rapport_demo_data_fill (db, &size, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "rapport-bench: generate failed: %s\n", error->message);
      return 1;
    }
  if (!rapport_database_run_in_transaction (db, generate_opportunities_cb, (gpointer) opts, &error))
    {
      fprintf (stderr, "rapport-bench: generating opportunities failed: %s\n", error->message);
      return 1;
    }
  /* Closing checkpoints the log: the file stands complete on its own. */
  g_clear_object (&db);
  add_service_requests (opts->db_path,
                        opts->service_requests != 0 ? opts->service_requests : size.n_customers / 2,
                        opts->seed);
  generate_handover_staff (opts->db_path);
  end = now_ms ();

  print_figure ("generate_rows", (double) size.n_customers + size.n_contacts + size.n_interactions + size.n_orders +
                                 opts->opportunities, "rows");
  print_figure ("generate_s", (end - start) / 1000.0, "s");

  return 0;
}

/* open: each run is a fresh process, so nothing is cached in the program
 * (ICU data, SQLite's page cache, statements); the OS file cache is warm. */

static int
run_open_once (const Options *opts)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportCustomerListModel) model = NULL;
  double start, opened, end;
  guint n;

  start = now_ms ();
  db = open_database (opts->db_path);
  opened = now_ms ();
  model = rapport_customer_list_model_new (db);
  rapport_customer_list_model_set_sort (model, RAPPORT_CUSTOMER_SORT_NAME);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < MIN (n, SCREEN_ROWS); i++)
    {
      g_autoptr(RapportCustomer) customer = g_list_model_get_item (G_LIST_MODEL (model), i);

      /* Touch what a row shows. */
      if (rapport_customer_get_name (customer) == NULL)
        {
          fprintf (stderr, "rapport-bench: row %u has no name\n", i);
          return 1;
        }
    }
  end = now_ms ();

  print_figure ("open_once_ms", end - start, "ms");
  print_figure ("open_once_db_ms", opened - start, "ms");
  print_figure ("open_rows", n, "rows");

  return 0;
}

static int
run_open (const Options *opts)
{
  g_autofree char *self = self_path ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) db_times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *argv[] = { self, "open-once", opts->db_path, NULL };
  double rows = 0;

  for (guint i = 0; i < opts->runs; i++)
    {
      g_autofree char *out = run_child (argv);
      double ms = read_figure (out, "open_once_ms");
      double db_ms = read_figure (out, "open_once_db_ms");

      rows = read_figure (out, "open_rows");
      g_array_append_val (times, ms);
      g_array_append_val (db_times, db_ms);
    }

  print_figure ("open_list_rows", rows, "rows");
  /* Of which rapport_database_open alone (checks included). */
  print_figure ("open_database_ms", median (db_times), "ms");
  print_figure ("open_first_screen_max_ms", percentile (times, 100), "ms");
  print_figure ("open_first_screen_ms", median (times), "ms");

  return 0;
}

/* search */

typedef enum
{
  QUERY_CJK_CHAR,
  QUERY_CJK_SUBSTRING,
  QUERY_INITIALS,
  QUERY_PINYIN,
  QUERY_CODE,
  QUERY_DIGITS,
  QUERY_EMAIL,
  QUERY_CONTACT,
  QUERY_TAG,
  N_QUERY_KINDS
} QueryKind;

static const struct {
  const char *name;
  guint       weight;  /* of 200 */
} query_kinds[N_QUERY_KINDS] = {
  [QUERY_CJK_CHAR] = { "cjk1", 20 },
  [QUERY_CJK_SUBSTRING] = { "cjk", 25 },
  [QUERY_INITIALS] = { "initials", 25 },
  [QUERY_PINYIN] = { "pinyin", 25 },
  [QUERY_CODE] = { "code", 25 },
  [QUERY_DIGITS] = { "digits", 25 },
  [QUERY_EMAIL] = { "email", 20 },
  [QUERY_CONTACT] = { "contact", 20 },
  [QUERY_TAG] = { "tag", 15 },
};

typedef struct
{
  QueryKind  kind;
  char      *text;
  /* The filter of the filtered mix: the stage, or a tag, of the customer the
   * query was drawn from, as a user narrows the list to what they know of
   * the customer they look for. */
  int        stage;
  char      *tag;
} Query;

static void
query_clear (gpointer data)
{
  Query *q = data;

  g_free (q->text);
  g_free (q->tag);
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* @n_chars Han characters of @name from a random start, or NULL. */
static char *
han_substring (GRand      *rand,
               const char *name,
               guint       n_chars)
{
  glong len = g_utf8_strlen (name, -1);
  glong start;
  const char *from, *to;

  if (len < n_chars)
    return NULL;

  start = g_rand_int_range (rand, 0, len - n_chars + 1);
  from = g_utf8_offset_to_pointer (name, start);
  to = g_utf8_offset_to_pointer (from, n_chars);

  for (const char *p = from; p < to; p = g_utf8_next_char (p))
    if (!is_han (g_utf8_get_char (p)))
      return NULL;

  return g_strndup (from, to - from);
}

static char *
prefix (const char *text,
        guint       min,
        guint       max,
        GRand      *rand)
{
  gsize len = strlen (text);
  guint n;

  if (len < min)
    return NULL;

  n = g_rand_int_range (rand, min, MIN (max, len) + 1);
  return g_strndup (text, n);
}

static char *
strip_spaces (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (s, *p);

  return g_string_free (s, FALSE);
}

/* A run of 4 to 6 digits from the national part of a normalised phone. */
static char *
digit_run (GRand      *rand,
           const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *end = strchr (phone, ';');
  guint n, start, national;

  for (const char *p = phone; *p != '\0' && (end == NULL || p < end); p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  if (digits->len < 8)
    return NULL;

  /* The last eight digits are inside the subscriber number whatever the country. */
  national = digits->len - 8;
  n = g_rand_int_range (rand, 4, 7);
  start = national + g_rand_int_range (rand, 0, 8 - n + 1);

  return g_strndup (digits->str + start, n);
}

static char *
make_query (RapportDatabase *db,
            GRand           *rand,
            QueryKind        kind,
            guint            n_customers,
            GListModel      *tags,
            Query           *q)
{
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(GListModel) contacts = NULL;
  g_autoptr(RapportContact) contact = NULL;
  const char *name;
  const char * const *customer_tags;
  gint64 id = g_rand_int_range (rand, 1, n_customers + 1);

  customer = rapport_store_get_customer (db, id, NULL);
  if (customer == NULL)
    return NULL;
  name = rapport_customer_get_name (customer);

  /* Every other query filters by a tag, when the customer has one. */
  customer_tags = rapport_customer_get_tags (customer);
  q->stage = rapport_customer_get_stage (customer);
  g_clear_pointer (&q->tag, g_free);
  if (g_rand_boolean (rand) && customer_tags != NULL && customer_tags[0] != NULL)
    {
      q->tag = g_strdup (customer_tags[g_rand_int_range (rand, 0, g_strv_length ((GStrv) customer_tags))]);
      q->stage = -1;
    }

  if (kind == QUERY_CONTACT || kind == QUERY_EMAIL || kind == QUERY_DIGITS)
    {
      contacts = rapport_store_list_contacts (db, id, NULL);
      if (contacts != NULL && g_list_model_get_n_items (contacts) > 0)
        contact = g_list_model_get_item (contacts, g_rand_int_range (rand, 0, g_list_model_get_n_items (contacts)));
    }

  switch (kind)
    {
    case QUERY_CJK_CHAR:
      return han_substring (rand, name, 1);

    case QUERY_CJK_SUBSTRING:
      return han_substring (rand, name, g_rand_int_range (rand, 2, 4));

    case QUERY_INITIALS:
    case QUERY_PINYIN:
      {
        g_autofree char *han = han_substring (rand, name, g_rand_int_range (rand, 2, 4));
        g_autofree char *full = NULL;
        g_autofree char *joined = NULL;

        if (han == NULL)
          return NULL;
        if (kind == QUERY_INITIALS)
          return rapport_pinyin_initials (han);

        full = rapport_pinyin_full (han);
        joined = strip_spaces (full);
        /* The last syllable may be typed only in part ("suya"). */
        return prefix (joined, MIN (strlen (joined), 4), strlen (joined), rand);
      }

    case QUERY_CODE:
      return prefix (rapport_customer_get_code (customer), 2, 4, rand);

    case QUERY_DIGITS:
      {
        const char * const *phones = contact != NULL && g_rand_boolean (rand)
                                     ? rapport_contact_get_phones (contact)
                                     : rapport_customer_get_phones (customer);

        if (phones == NULL || phones[0] == NULL)
          return NULL;
        return digit_run (rand, phones[0]);
      }

    case QUERY_EMAIL:
      {
        const char * const *emails = contact != NULL && g_rand_boolean (rand)
                                     ? rapport_contact_get_emails (contact)
                                     : rapport_customer_get_emails (customer);

        if (emails == NULL || emails[0] == NULL)
          return NULL;
        return prefix (emails[0], 3, 6, rand);
      }

    case QUERY_CONTACT:
      {
        const char *contact_name;
        glong len;

        if (contact == NULL)
          return NULL;
        contact_name = rapport_contact_get_name (contact);
        len = g_utf8_strlen (contact_name, -1);
        /* A whole name or its first characters, as people type them. */
        if (g_rand_boolean (rand) || len < 3)
          return g_strdup (contact_name);
        return g_utf8_substring (contact_name, 0, g_rand_int_range (rand, 2, len));
      }

    case QUERY_TAG:
      {
        g_autoptr(RapportTag) tag = NULL;

        if (g_list_model_get_n_items (tags) == 0)
          return NULL;
        tag = g_list_model_get_item (tags, g_rand_int_range (rand, 0, g_list_model_get_n_items (tags)));
        return g_strdup (rapport_tag_get_name (tag));
      }

    case N_QUERY_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static int
run_search (const Options *opts)
{
  g_autoptr(RapportDatabase) db = open_database (opts->db_path);
  g_autoptr(GArray) queries = g_array_new (FALSE, TRUE, sizeof (Query));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *per_kind[N_QUERY_KINDS] = { NULL, };
  guint empty_per_kind[N_QUERY_KINDS] = { 0, };
  g_autoptr(GListModel) tags = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (opts->seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) filtered = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_customers = rapport_store_count_customers (db);
  guint n_empty = 0;
  guint n_filtered_empty = 0;

  g_array_set_clear_func (queries, query_clear);
  tags = rapport_store_list_tags (db, &error);
  if (tags == NULL || n_customers == 0)
    {
      fprintf (stderr, "rapport-bench: nothing to search in %s\n", opts->db_path);
      return 1;
    }

  /* The mix of 200 scaled to --queries. */
  for (QueryKind kind = 0; kind < N_QUERY_KINDS; kind++)
    {
      guint want = MAX (1, query_kinds[kind].weight * opts->queries / 200);

      per_kind[kind] = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0, attempts = 0; i < want && attempts < want * 200; attempts++)
        {
          Query q = { kind, NULL, -1, NULL };

          q.text = make_query (db, rand, kind, n_customers, tags, &q);
          if (q.text == NULL || q.text[0] == '\0')
            {
              query_clear (&q);
              continue;
            }
          g_array_append_val (queries, q);
          i++;
        }
    }

  /* One pass to warm the cache, then the measured one; each query then
   * again with its filter (its own warm-up pass, then the measured one). */
  for (guint pass = 0; pass < 4; pass++)
    {
      for (guint i = 0; i < queries->len; i++)
        {
          Query *q = &g_array_index (queries, Query, i);
          g_autoptr(GArray) ids = NULL;
          double start, ms;

          if (pass < 2)
            {
              start = now_ms ();
              ids = rapport_store_search_customers (db, q->text, 50, &error);
              ms = now_ms () - start;
            }
          else
            {
              RapportSearchFilter filter = RAPPORT_SEARCH_FILTER_INIT;

              filter.stage = q->stage;
              filter.tag = q->tag;
              start = now_ms ();
              ids = rapport_store_search_customers_filtered (db, q->text, &filter, 50, NULL, &error);
              ms = now_ms () - start;
            }

          if (ids == NULL)
            {
              fprintf (stderr, "rapport-bench: search “%s” failed: %s\n", q->text, error->message);
              exit (1);
            }

          /* What to look at when a figure is off: G_MESSAGES_DEBUG=rapport-bench. */
          if ((pass == 1 || pass == 3) && ms > 3.0)
            g_debug ("Slow %s%s query “%s”: %.3f ms", pass == 3 ? "filtered " : "",
                     query_kinds[q->kind].name, q->text, ms);

          if (pass == 3)
            {
              g_array_append_val (filtered, ms);
              if (ids->len == 0)
                {
                  n_filtered_empty++;
                  g_debug ("No result for filtered %s query “%s”", query_kinds[q->kind].name, q->text);
                }
            }
          else if (pass == 1)
            {
              g_array_append_val (all, ms);
              g_array_append_val (per_kind[q->kind], ms);
              if (ids->len == 0)
                {
                  n_empty++;
                  empty_per_kind[q->kind]++;
                  g_debug ("No result for %s query “%s”", query_kinds[q->kind].name, q->text);
                }
            }
        }
    }

  for (QueryKind kind = 0; kind < N_QUERY_KINDS; kind++)
    {
      g_autofree char *median_name = g_strdup_printf ("search_%s_median_ms", query_kinds[kind].name);
      g_autofree char *p95_name = g_strdup_printf ("search_%s_p95_ms", query_kinds[kind].name);

      g_autofree char *empty_name = g_strdup_printf ("search_%s_no_result", query_kinds[kind].name);

      if (per_kind[kind]->len == 0)
        continue;
      print_figure (median_name, median (per_kind[kind]), "ms");
      print_figure (p95_name, percentile (per_kind[kind], 95), "ms");
      /* Queries drawn from the data that found nothing: a search gap, not speed. */
      print_figure (empty_name, empty_per_kind[kind], "queries");
    }

  for (QueryKind kind = 0; kind < N_QUERY_KINDS; kind++)
    g_array_unref (per_kind[kind]);

  print_figure ("search_queries", all->len, "queries");
  print_figure ("search_no_result", n_empty, "queries");
  print_figure ("search_max_ms", percentile (all, 100), "ms");
  print_figure ("search_median_ms", median (all), "ms");
  print_figure ("search_p95_ms", percentile (all, 95), "ms");
  /* The same queries, each with the stage or a tag of the customer it was
   * drawn from as a filter applied by the search itself. */
  print_figure ("search_filtered_no_result", n_filtered_empty, "queries");
  print_figure ("search_filtered_median_ms", median (filtered), "ms");
  print_figure ("search_filtered_p95_ms", percentile (filtered, 95), "ms");

  return 0;
}

/* log */

static int
run_log (const Options *opts)
{
  g_autoptr(RapportDatabase) db = open_database (opts->db_path);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (opts->seed);
  guint n_customers = rapport_store_count_customers (db);
  gint64 now = rapport_clock_now (rapport_database_get_clock (db));

  if (n_customers == 0)
    {
      fprintf (stderr, "rapport-bench: no customers in %s\n", opts->db_path);
      return 1;
    }

  for (guint i = 0; i < opts->count; i++)
    {
      g_autoptr(RapportInteraction) interaction = rapport_interaction_new ();
      g_autoptr(GError) error = NULL;
      double start, ms;

      rapport_interaction_set_customer_id (interaction, g_rand_int_range (rand, 1, n_customers + 1));
      rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_CALL);
      rapport_interaction_set_occurred_at (interaction, now);
      rapport_interaction_set_summary (interaction, "电话沟通瓷砖报价");
      rapport_interaction_set_details (interaction, "客户希望月底前给出最终报价。");
      rapport_interaction_set_outcome (interaction, "已报价");

      /* One user action: its own durable transaction. */
      start = now_ms ();
      if (!rapport_store_insert_interaction (db, interaction, &error))
        {
          fprintf (stderr, "rapport-bench: logging failed: %s\n", error->message);
          return 1;
        }
      ms = now_ms () - start;
      g_array_append_val (times, ms);
    }

  print_figure ("log_interaction_p95_ms", percentile (times, 95), "ms");
  print_figure ("log_interaction_ms", median (times), "ms");

  return 0;
}

/* backup: the backup manager backs the book up while another connection, in
 * a thread of its own, logs an interaction ten times a second, as a user at
 * work does. SQLite used to restart a stepped backup on every such write. */

#define WRITES_PER_SECOND 10

typedef struct
{
  RapportDatabase *db;  /* the writer's own connection */
  guint            n_customers;
  gint             stop;
  guint            n_written;
  double           max_ms;
  GError          *error;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  gint64 now = rapport_clock_now (rapport_database_get_clock (writer->db));
  double next = now_ms ();

  while (!g_atomic_int_get (&writer->stop) && writer->error == NULL)
    {
      g_autoptr(RapportInteraction) interaction = rapport_interaction_new ();
      double start, ms, wait;

      rapport_interaction_set_customer_id (interaction, g_rand_int_range (rand, 1, writer->n_customers + 1));
      rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_CALL);
      rapport_interaction_set_occurred_at (interaction, now);
      rapport_interaction_set_summary (interaction, "电话沟通瓷砖报价");

      start = now_ms ();
      if (!rapport_store_insert_interaction (writer->db, interaction, &writer->error))
        break;
      ms = now_ms () - start;
      writer->max_ms = MAX (writer->max_ms, ms);
      writer->n_written++;

      next += 1000.0 / WRITES_PER_SECOND;
      wait = next - now_ms ();
      if (wait > 0)
        g_usleep ((gulong) (wait * 1000));
    }

  return NULL;
}

static void
backed_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
remove_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static int
run_backup (const Options *opts)
{
  g_autoptr(RapportDatabase) db = open_database (opts->db_path);
  g_autoptr(RapportBackupManager) manager = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = g_strconcat (opts->db_path, ".bench-backups", NULL);
  Writer writer = { NULL, };
  GThread *thread;
  double start, end;

  writer.n_customers = rapport_store_count_customers (db);
  if (writer.n_customers == 0)
    {
      fprintf (stderr, "rapport-bench: no customers in %s\n", opts->db_path);
      return 1;
    }

  writer.db = rapport_database_open_worker (db, &error);
  if (writer.db == NULL)
    {
      fprintf (stderr, "rapport-bench: %s\n", error->message);
      return 1;
    }

  remove_folder (backup_dir);
  manager = rapport_backup_manager_new (db, backup_dir);
  rapport_backup_manager_set_automatic (manager, FALSE);

  thread = g_thread_new ("writer", writer_thread, &writer);

  start = now_ms ();
  rapport_backup_manager_back_up_async (manager, RAPPORT_BACKUP_REASON_MANUAL, NULL, backed_up_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  end = now_ms ();

  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);

  backup = rapport_backup_manager_back_up_finish (manager, result, &error);
  if (backup == NULL || writer.error != NULL)
    {
      fprintf (stderr, "rapport-bench: backup failed: %s\n",
               backup == NULL ? error->message : writer.error->message);
      g_clear_error (&writer.error);
      g_clear_object (&writer.db);
      remove_folder (backup_dir);
      return 1;
    }

  print_figure ("backup_size_mb", rapport_backup_get_size (backup) / (1024.0 * 1024.0), "MB");
  print_figure ("backup_writes_during", writer.n_written, "writes");
  print_figure ("backup_write_max_ms", writer.max_ms, "ms");
  print_figure ("backup_under_writes_s", (end - start) / 1000.0, "s");

  g_clear_object (&writer.db);
  g_clear_object (&manager);
  remove_folder (backup_dir);

  return 0;
}

/* UI figures, measured on the real RapportApplication by rapport-bench-ui. */

static char *
ui_program (void)
{
  g_autofree char *self = self_path ();
  g_autofree char *dir = g_path_get_dirname (self);
  char *path = g_build_filename (dir, "rapport-bench-ui", NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      fprintf (stderr, "rapport-bench: %s was not built (it needs RapportApplication)\n", path);
      exit (1);
    }

  return path;
}

/* From spawning the program to the line it prints after its first frame: the
 * launch as a user sees it, process start and dynamic linking included. */
static double
time_first_frame (const char *program,
                  const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  const char *argv[] = { program, "first-frame", db_path, NULL };
  double start, end = 0;
  GPid pid;
  int out_fd;
  int status;

  start = now_ms ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    {
      fprintf (stderr, "rapport-bench: cannot start %s: %s\n", program, error->message);
      exit (1);
    }

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);

  for (;;)
    {
      g_autofree char *line = NULL;
      GIOStatus io = g_io_channel_read_line (channel, &line, NULL, NULL, NULL);

      if (io != G_IO_STATUS_NORMAL)
        break;
      if (g_str_has_prefix (line, "first_frame"))
        {
          end = now_ms ();
          break;
        }
    }

  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);

  if (end == 0)
    {
      fprintf (stderr, "rapport-bench: %s drew no frame\n", program);
      exit (1);
    }

  return end - start;
}

static int
run_first_frame (const Options *opts)
{
  g_autofree char *program = ui_program ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double first;

  /* The first launch in a fresh session also starts the desktop portal and
   * fills the font caches: reported, but not part of the median. */
  first = time_first_frame (program, opts->db_path);

  for (guint i = 0; i < opts->runs; i++)
    {
      double ms = time_first_frame (program, opts->db_path);

      g_array_append_val (times, ms);
    }

  print_figure ("first_frame_first_run_ms", first, "ms");
  print_figure ("first_frame_max_ms", percentile (times, 100), "ms");
  print_figure ("first_frame_ms", median (times), "ms");

  return 0;
}

/* pipeline: from the book shown to the Pipeline board's first frame with its
 * cards, each run a fresh process (rapport-bench-ui pipeline). */
static int
run_pipeline (const Options *opts)
{
  g_autofree char *program = ui_program ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *argv[] = { program, "pipeline", opts->db_path, NULL };

  for (guint i = 0; i <= opts->runs; i++)
    {
      g_autofree char *out = run_child (argv);
      double ms = read_figure (out, "pipeline_board_ms");
      double cpu_ms = read_figure (out, "pipeline_board_cpu_ms");

      /* The first run fills the caches, as first-frame's does. */
      if (i > 0)
        {
          g_array_append_val (times, ms);
          g_array_append_val (cpu_times, cpu_ms);
        }
    }

  /* The main thread's CPU time for it: the same work on a busy machine. */
  print_figure ("pipeline_board_cpu_ms", median (cpu_times), "ms");
  print_figure ("pipeline_board_max_ms", percentile (times, 100), "ms");
  print_figure ("pipeline_board_ms", median (times), "ms");

  return 0;
}

/* reports-ui: from the book shown to the Reports section's first frame with
 * its default report (the value matrix), then from picking Contribution to
 * its first drawn chart; each run a fresh process (rapport-bench-ui reports). */
static int
run_reports_ui (const Options *opts)
{
  g_autofree char *program = ui_program ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) chart_times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *argv[] = { program, "reports", opts->db_path, NULL };

  for (guint i = 0; i <= opts->runs; i++)
    {
      g_autofree char *out = run_child (argv);
      double ms = read_figure (out, "report_first_frame_ms");
      double cpu_ms = read_figure (out, "report_first_frame_cpu_ms");
      double chart_ms = read_figure (out, "report_chart_frame_ms");

      /* The first run fills the caches, as first-frame's does. */
      if (i > 0)
        {
          g_array_append_val (times, ms);
          g_array_append_val (cpu_times, cpu_ms);
          g_array_append_val (chart_times, chart_ms);
        }
    }

  print_figure ("report_first_frame_cpu_ms", median (cpu_times), "ms");
  print_figure ("report_first_frame_max_ms", percentile (times, 100), "ms");
  print_figure ("report_chart_frame_ms", median (chart_times), "ms");
  print_figure ("report_first_frame_ms", median (times), "ms");

  return 0;
}

static int
run_scroll (const Options *opts)
{
  g_autofree char *program = ui_program ();
  g_autofree char *step = g_strdup_printf ("%u", opts->step_pages);
  const char *argv[] = { program, "scroll", opts->db_path, step, NULL };
  g_autofree char *out = run_child (argv);

  fputs (out, stdout);
  fflush (stdout);

  return 0;
}

/* The book as the previous release left it: a copy of @db_path taken back
 * to schema 4 (no pipeline, no imports or merges, no outbox, templates or
 * accounts, no follow-ups, no churn columns, no search slots), which the
 * app migrates, after a backup,
 * when it opens it, then rebuilds its search index on a worker. */
static char *
make_previous_version (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autoptr(GFile) source = g_file_new_for_path (db_path);
  char *copy_path = g_build_filename (dir, "previous-version.db", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  sqlite3 *handle = NULL;

  if (!g_file_copy (source, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "rapport-bench: cannot copy %s: %s\n", db_path, error->message);
      exit (1);
    }

  if (sqlite3_open (copy_path, &handle) != SQLITE_OK ||
      sqlite3_exec (handle,
                    "BEGIN;"
                    "DROP INDEX customer_by_lost;"
                    "DROP INDEX interaction_by_time;"
                    "DROP INDEX orders_by_date;"
                    "DROP TABLE currency_rate;"
                    "DROP TABLE tier_run;"
                    "DROP TABLE tier_change;"
                    "ALTER TABLE orders DROP COLUMN user_id;"
                    "ALTER TABLE interaction DROP COLUMN user_id;"
                    "ALTER TABLE customer DROP COLUMN tier_manual;"
                    "ALTER TABLE customer DROP COLUMN tier_computed;"
                    "ALTER TABLE customer DROP COLUMN tier_reason;"
                    "ALTER TABLE customer DROP COLUMN potential_manual;"
                    "ALTER TABLE customer DROP COLUMN potential_suggested;"
                    "ALTER TABLE customer DROP COLUMN potential_reason;"
                    "ALTER TABLE customer DROP COLUMN lost_at;"
                    "DROP TABLE handover_item;"
                    "DROP TABLE handover;"
                    "DROP TABLE service_event;"
                    "DROP TABLE service_request;"
                    "DROP INDEX follow_up_open_by_assignee;"
                    "ALTER TABLE follow_up DROP COLUMN assignee_id;"
                    "ALTER TABLE user DROP COLUMN role;"
                    "ALTER TABLE user DROP COLUMN left_at;"
                    "DROP TABLE opportunity_event;"
                    "DROP TABLE plan_step;"
                    "DROP TABLE opportunity;"
                    "DROP TABLE lost_reason;"
                    "DROP TABLE stage;"
                    "DROP TABLE merge_trashed;"
                    "DROP TABLE merge_moved;"
                    "DROP TABLE row_snapshot;"
                    "DROP TABLE merge_run;"
                    "DROP TABLE import_run;"
                    "DROP INDEX customer_by_import;"
                    "DROP INDEX contact_by_import;"
                    "DROP INDEX channel_by_import;"
                    "DROP INDEX customer_tag_by_import;"
                    "ALTER TABLE customer DROP COLUMN import_id;"
                    "ALTER TABLE contact DROP COLUMN import_id;"
                    "ALTER TABLE channel DROP COLUMN import_id;"
                    "ALTER TABLE customer_tag DROP COLUMN import_id;"
                    "DROP TABLE message;"
                    "DROP TABLE greeting_rule;"
                    "DROP TABLE template;"
                    "DROP TABLE account;"
                    "ALTER TABLE customer DROP COLUMN do_not_contact;"
                    "ALTER TABLE customer DROP COLUMN do_not_contact_reason;"
                    "ALTER TABLE contact DROP COLUMN do_not_contact;"
                    "ALTER TABLE contact DROP COLUMN do_not_contact_reason;"
                    "DROP TABLE follow_up;"
                    "DROP TABLE churn_state;"
                    "DROP TABLE schedule_state;"
                    "ALTER TABLE customer DROP COLUMN churn_hold_until;"
                    "ALTER TABLE customer DROP COLUMN lost_reason;"
                    "DROP INDEX customer_by_search_slot;"
                    "DROP INDEX customer_by_sort_key;"
                    "ALTER TABLE customer DROP COLUMN search_slot;"
                    "DELETE FROM derived_version WHERE name = 'search-slots';"
                    "PRAGMA user_version = 4;"
                    "COMMIT;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "rapport-bench: cannot take %s back to schema 4: %s\n", copy_path,
               sqlite3_errmsg (handle));
      exit (1);
    }
  sqlite3_close (handle);

  return copy_path;
}

/* Opening (and migrating) the book with the real application: the longest
 * time its main loop was blocked from its window's first frame until the
 * list shows, the median of --runs. */
static int
run_open_block (const Options *opts)
{
  g_autofree char *program = ui_program ();
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) books = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  guint runs = MIN (opts->runs, 3);

  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *copy = make_previous_version (opts->db_path);
      const char *argv[] = { program, "open-block", copy, NULL };
      g_autofree char *out = run_child (argv);
      g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          double value;

          if (sscanf (lines[l], "open_main_block_ms %lf", &value) == 1)
            g_array_append_val (blocks, value);
          else if (sscanf (lines[l], "open_book_ms %lf", &value) == 1)
            g_array_append_val (books, value);
          else if (sscanf (lines[l], "first_book_frame_ms %lf", &value) == 1)
            g_array_append_val (frames, value);
        }
      remove_database (copy);
    }

  if (blocks->len == 0)
    {
      fprintf (stderr, "rapport-bench: %s printed no figure\n", program);
      return 1;
    }

  print_figure ("open_book_ms", median (books), "ms");
  print_figure ("first_book_frame_ms", median (frames), "ms");
  print_figure ("open_main_block_max_ms", percentile (blocks, 100), "ms");
  print_figure ("open_main_block_ms", median (blocks), "ms");

  return 0;
}

/* at-risk: the churn warning's list over the whole book, as the At Risk page
 * and the daily check compute it: on a worker connection, in a thread of its
 * own. The first run warms SQLite's page cache and is not counted. */

typedef struct
{
  RapportDatabase *worker;
  gint64           now;
  double           ms;
  double           cpu_ms;     /* the thread's own CPU time: what other load does not inflate */
  guint            n_at_risk;
  GError          *error;
} AtRiskRun;

static gpointer
at_risk_thread (gpointer data)
{
  AtRiskRun *run = data;
  const RapportChurnRules rules = {
    .threshold_days = { 30, 60, 90, 180 },
    .gap_multiple = 2.0,
    .default_currency = (char *) "CNY",
  };
  g_autoptr(GPtrArray) at_risk = NULL;
  struct timespec cpu_start, cpu_end;
  double start = now_ms ();

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_start);
  at_risk = rapport_store_compute_at_risk (run->worker, &rules, run->now, &run->error);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_end);
  run->ms = now_ms () - start;
  run->cpu_ms = (cpu_end.tv_sec - cpu_start.tv_sec) * 1000.0 + (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e6;
  run->n_at_risk = at_risk != NULL ? at_risk->len : 0;

  return NULL;
}

static int
run_at_risk (const Options *opts)
{
  g_autoptr(RapportDatabase) db = open_database (opts->db_path);
  g_autoptr(RapportDatabase) worker = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  AtRiskRun run = { NULL, 0, 0.0, 0.0, 0, NULL };

  worker = rapport_database_open_worker (db, &error);
  if (worker == NULL)
    {
      fprintf (stderr, "rapport-bench: no worker connection: %s\n", error->message);
      return 1;
    }
  run.worker = worker;
  run.now = rapport_clock_now (rapport_database_get_clock (db));

  for (guint i = 0; i <= opts->runs; i++)
    {
      g_thread_join (g_thread_new ("at-risk", at_risk_thread, &run));
      if (run.error != NULL)
        {
          fprintf (stderr, "rapport-bench: at-risk failed: %s\n", run.error->message);
          g_clear_error (&run.error);
          return 1;
        }
      if (i > 0)
        {
          g_array_append_val (times, run.ms);
          g_array_append_val (cpu_times, run.cpu_ms);
        }
    }

  print_figure ("at_risk_customers", run.n_at_risk, "customers");
  print_figure ("at_risk_cpu_ms", median (cpu_times), "ms");
  print_figure ("at_risk_max_ms", percentile (times, 100), "ms");
  print_figure ("at_risk_ms", median (times), "ms");

  return 0;
}

/* service: opening the overdue queue sorted by priority. The store's part
 * (service_store_ms): on a fresh connection, the queue's first screen built
 * into its list model, and the queue's count for its header. The figure
 * (service_queue_ms): the real app showing the book on Today, the user
 * picks the Service section on its Overdue queue, until the frame showing
 * its first rows is painted (rapport-bench-ui service, a process per run).
 * Without a display or without rapport-bench-ui, service_queue_ms is the
 * store's part, said on stderr. The first run is not counted. */

static int
run_service (const Options *opts)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) count_times = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_overdue = 0;
  guint n_rows = 0;

  for (guint i = 0; i <= opts->runs; i++)
    {
      g_autoptr(RapportDatabase) db = open_database (opts->db_path);
      g_autoptr(GListModel) page = NULL;
      g_autoptr(GError) error = NULL;
      double start, listed, end;

      start = now_ms ();
      page = rapport_store_list_service_queue (db, RAPPORT_SERVICE_QUEUE_OVERDUE, RAPPORT_SERVICE_ANY_ASSIGNEE,
                                               0, SCREEN_ROWS, &error);
      listed = now_ms ();
      if (page == NULL ||
          !rapport_store_count_service_queue (db, RAPPORT_SERVICE_QUEUE_OVERDUE, RAPPORT_SERVICE_ANY_ASSIGNEE,
                                              &n_overdue, &error))
        {
          fprintf (stderr, "rapport-bench: service failed: %s\n", error->message);
          return 1;
        }
      end = now_ms ();
      n_rows = g_list_model_get_n_items (page);

      if (i > 0)
        {
          double ms = end - start;
          double count_ms = end - listed;

          g_array_append_val (times, ms);
          g_array_append_val (count_times, count_ms);
        }
    }

  /* What the Service page reads on a queue change besides the page: the
   * other queues' counts and the satisfaction averages; the first time on a
   * connection (computed), then again (kept until a write). */
  {
    g_autoptr(RapportDatabase) db = open_database (opts->db_path);
    g_autoptr(GArray) reload_times = g_array_new (FALSE, FALSE, sizeof (double));
    double first_ms = 0;

    for (guint i = 0; i <= opts->runs; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GArray) by_kind = NULL;
        g_autoptr(GArray) by_assignee = NULL;
        double start = now_ms ();
        double ms;
        guint count = 0;

        for (RapportServiceQueue q = RAPPORT_SERVICE_QUEUE_MINE; q < RAPPORT_SERVICE_QUEUE_CLOSED; q++)
          if (!rapport_store_count_service_queue (db, q, q == RAPPORT_SERVICE_QUEUE_MINE ? 0 : RAPPORT_SERVICE_ANY_ASSIGNEE,
                                                  &count, &error))
            break;
        if (error == NULL)
          by_kind = rapport_store_get_service_satisfaction_by_kind (db, &error);
        if (error == NULL)
          by_assignee = rapport_store_get_service_satisfaction_by_assignee (db, &error);
        if (error != NULL)
          {
            fprintf (stderr, "rapport-bench: service failed: %s\n", error->message);
            return 1;
          }
        ms = now_ms () - start;
        if (i == 0)
          first_ms = ms;
        else
          g_array_append_val (reload_times, ms);
      }
    print_figure ("service_store_counts_first_ms", first_ms, "ms");
    print_figure ("service_store_counts_again_ms", median (reload_times), "ms");
  }

  print_figure ("service_overdue_requests", n_overdue, "requests");
  print_figure ("service_store_rows", n_rows, "rows");
  print_figure ("service_store_count_ms", median (count_times), "ms");
  print_figure ("service_store_max_ms", percentile (times, 100), "ms");
  print_figure ("service_store_ms", median (times), "ms");

  {
    g_autofree char *self = self_path ();
    g_autofree char *dir = g_path_get_dirname (self);
    g_autofree char *program = g_build_filename (dir, "rapport-bench-ui", NULL);
    const char *argv[] = { program, "service", opts->db_path, NULL };
    g_autoptr(GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) read_times = g_array_new (FALSE, FALSE, sizeof (double));

    if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE) ||
        (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL))
      {
        fprintf (stderr, "rapport-bench: no display or no rapport-bench-ui: "
                         "service_queue_ms is the store's query and list model only\n");
        print_figure ("service_queue_ms", median (times), "ms");
        return 0;
      }

    for (guint i = 0; i <= opts->runs; i++)
      {
        g_autofree char *out = run_child (argv);
        double ms = read_figure (out, "service_frame_ms");
        double read_ms = read_figure (out, "service_frame_read_ms");

        if (i > 0)
          {
            g_array_append_val (frame_times, ms);
            g_array_append_val (read_times, read_ms);
          }
      }

    /* Of service_queue_ms, the page reading its queue, counts and averages. */
    print_figure ("service_queue_read_ms", median (read_times), "ms");

    print_figure ("service_queue_max_ms", percentile (frame_times, 100), "ms");
    print_figure ("service_queue_ms", median (frame_times), "ms");
  }

  return 0;
}

/* next-due: the scheduler's question, the next pending reminder, among a
 * million follow-ups of ten thousand customers: two years of them done, the
 * overdue ones already announced, and a year ahead pending (a tenth without
 * a reminder); one customer in a hundred is in the Trash. The follow-ups are
 * written with SQL (the store's would take minutes) in the rows the store
 * writes; the question goes through the store. */

static void
write_follow_ups (const char *path,
                  guint       n_follow_ups,
                  guint       n_customers,
                  gint64      now)
{
  g_autofree char *insert = NULL;
  sqlite3 *handle = NULL;
  gint64 first = now - 2 * 365 * 86400;
  gint64 span = 3 * 365 * 86400;

  if (sqlite3_open (path, &handle) != SQLITE_OK)
    {
      fprintf (stderr, "rapport-bench: cannot open %s\n", path);
      exit (1);
    }

  insert = g_strdup_printf (
    "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %u), "
    "  f (i, due_at) AS (SELECT i, %" G_GINT64_FORMAT " + i * %" G_GINT64_FORMAT " / %u FROM n) "
    "INSERT INTO follow_up (uuid, customer_id, title, due_local, time_zone, due_at, remind_before, "
    "  remind_at, notified_at, done_at, revision, created_at, updated_at) "
    "SELECT printf ('0190%%04x-%%04x-7%%03x-8000-%%012x', i >> 28, (i >> 12) & 65535, i & 4095, i), "
    "  1 + i %% %u, 'Follow-up ' || i, strftime ('%%Y-%%m-%%d %%H:%%M', due_at, 'unixepoch'), 'UTC', due_at, "
    "  CASE WHEN i %% 10 = 0 THEN NULL ELSE 15 END, "
    "  CASE WHEN due_at > %" G_GINT64_FORMAT " AND i %% 10 != 0 THEN due_at - 900 END, "
    "  CASE WHEN due_at <= %" G_GINT64_FORMAT " AND i %% 10 != 0 THEN due_at - 900 END, "
    "  CASE WHEN due_at <= %" G_GINT64_FORMAT " AND i %% 10 != 1 THEN due_at END, "
    "  1, due_at - 86400, due_at - 86400 "
    "FROM f",
    n_follow_ups, first, span, n_follow_ups, n_customers, now, now, now);

  /* The customer index takes its rows out of order: room for all of it. A
   * scratch file: no need to wait for the disk, or to write the rows twice
   * (log and file). */
  exec_or_exit (handle, "PRAGMA cache_size = -262144");
  exec_or_exit (handle, "PRAGMA synchronous = OFF");
  exec_or_exit (handle, "PRAGMA journal_mode = DELETE");
  exec_or_exit (handle, "BEGIN");
  exec_or_exit (handle, insert);
  exec_or_exit (handle, "UPDATE customer SET deleted_at = created_at WHERE id % 100 = 0");
  exec_or_exit (handle, "COMMIT");
  sqlite3_close (handle);
}

static int
run_next_due (const Options *opts)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint n_customers = MAX (opts->follow_ups / 100, 1);
  RapportDemoSize size = { n_customers, 0, 0, 0, opts->seed, FALSE };
  gint64 now;
  gint64 expected = 0;
  double start, cold;

  remove_database (opts->db_path);
  db = open_database (opts->db_path);
  now = rapport_clock_now (rapport_database_get_clock (db));
  if (!rapport_demo_data_fill (db, &size, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "rapport-bench: generating failed: %s\n", error->message);
      return 1;
    }
  g_clear_object (&db);

  start = now_ms ();
  write_follow_ups (opts->db_path, opts->follow_ups, n_customers, now);
  print_figure ("next_due_generate_s", (now_ms () - start) / 1000.0, "s");

  db = open_database (opts->db_path);

  start = now_ms ();
  expected = rapport_store_get_next_reminder_at (db, &error);
  cold = now_ms () - start;
  if (expected == 0)
    {
      fprintf (stderr, "rapport-bench: no pending reminder found (%s)\n", error != NULL ? error->message : "none");
      return 1;
    }

  for (guint i = 0; i < opts->count; i++)
    {
      double ms;
      gint64 next;

      start = now_ms ();
      next = rapport_store_get_next_reminder_at (db, NULL);
      ms = now_ms () - start;
      g_array_append_val (times, ms);

      if (next != expected)
        {
          fprintf (stderr, "rapport-bench: the next reminder moved\n");
          return 1;
        }
    }

  g_clear_object (&db);
  remove_database (opts->db_path);

  print_figure ("next_due_cold_ms", cold, "ms");
  print_figure ("next_due_p95_ms", percentile (times, 95), "ms");
  print_figure ("next_due_ms", median (times), "ms");

  return 0;
}

/* outbox: render and queue 10,000 personalised messages from the book's
 * recipients (render_queue_10k_s), then the outbox sends 1,000 mails to
 * smtp-peer.py on loopback with STARTTLS and AUTH, the password from the
 * keyring (send_1k_mail_s; run under tests/services/run-with-keyring), while
 * a 1 ms high-priority tick measures the longest main-loop stall
 * (outbox_main_block_ms). On a copy of the book: the book is not changed. */

#define OUTBOX_RENDERED 10000
#define OUTBOX_SENT 1000
#define OUTBOX_USER "bench@example.com"
#define OUTBOX_PASSWORD "bench-pass-91"

typedef struct
{
  GSubprocess *process;
  guint        port;
  char        *cert;
} BenchPeer;

static gboolean
start_smtp_peer (const char *script,
                 const char *dir,
                 BenchPeer  *peer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  g_autofree char *log = g_build_filename (dir, "peer.log", NULL);
  g_auto(GStrv) fields = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  peer->process = g_subprocess_launcher_spawn (launcher, &error, "/usr/bin/python3", script, "--dir", dir,
                                               "--user", OUTBOX_USER, "--password", OUTBOX_PASSWORD, NULL);
  if (peer->process == NULL)
    {
      fprintf (stderr, "rapport-bench: cannot start %s: %s\n", script, error->message);
      return FALSE;
    }

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (line == NULL)
    {
      fprintf (stderr, "rapport-bench: the SMTP peer did not start\n");
      return FALSE;
    }

  fields = g_strsplit (line, " ", 2);
  peer->port = (guint) g_ascii_strtoull (fields[0], NULL, 10);
  peer->cert = g_strdup (fields[1]);
  return peer->port > 0 && peer->cert != NULL;
}

static void
stop_smtp_peer (BenchPeer *peer)
{
  if (peer->process == NULL)
    return;

  g_output_stream_close (g_subprocess_get_stdin_pipe (peer->process), NULL, NULL);
  g_subprocess_wait (peer->process, NULL, NULL);
  g_clear_object (&peer->process);
  g_clear_pointer (&peer->cert, g_free);
}

static gboolean
copy_database (const char *from,
               const char *to)
{
  static const char * const suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *source = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *target = g_strconcat (to, suffixes[i], NULL);
      g_autoptr(GFile) source_file = g_file_new_for_path (source);
      g_autoptr(GFile) target_file = g_file_new_for_path (target);
      g_autoptr(GError) error = NULL;

      if (!g_file_test (source, G_FILE_TEST_EXISTS))
        continue;
      if (!g_file_copy (source_file, target_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        {
          fprintf (stderr, "rapport-bench: cannot copy the book: %s\n", error->message);
          return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  double   last_tick;
  double   longest;
  gboolean measuring;
} Stall;

static gboolean
stall_tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  double now = now_ms ();

  if (stall->measuring && stall->last_tick > 0)
    stall->longest = MAX (stall->longest, now - stall->last_tick);
  stall->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static int
run_outbox (const Options *opts)
{
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportSession) session = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GPtrArray) with_email = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) to_send = NULL;
  g_autoptr(RapportAccount) account = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  BenchPeer peer = { NULL, 0, NULL };
  Stall stall = { 0, 0, FALSE };
  RapportOutbox *outbox;
  double start, deadline;
  guint tick_id;
  int status = 1;

  if (opts->smtp_peer == NULL)
    {
      fprintf (stderr, "rapport-bench: outbox needs --smtp-peer PATH (tests/services/smtp-peer.py)\n");
      return 2;
    }

  dir = g_dir_make_tmp ("rapport-bench-outbox-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "rapport-bench: %s\n", error->message);
      return 1;
    }
  copy = g_build_filename (dir, "book.db", NULL);
  if (!copy_database (opts->db_path, copy))
    goto out;
  db = open_database (copy);

  /* Render and queue: the recipients with an address, as a bulk send. */
  recipients = rapport_store_list_recipients (db, NULL, &error);
  if (recipients == NULL)
    {
      fprintf (stderr, "rapport-bench: listing recipients failed: %s\n", error->message);
      goto out;
    }
  with_email = g_ptr_array_new ();
  for (guint i = 0; i < recipients->len && with_email->len < OUTBOX_RENDERED; i++)
    {
      RapportRecipient *recipient = g_ptr_array_index (recipients, i);

      if (recipient->email != NULL && !recipient->do_not_contact)
        g_ptr_array_add (with_email, recipient);
    }
  if (with_email->len < OUTBOX_RENDERED)
    {
      fprintf (stderr, "rapport-bench: the book has only %u recipients with an address\n", with_email->len);
      goto out;
    }

  start = now_ms ();
  messages = rapport_outreach_render (db, RAPPORT_CHANNEL_MAIL, "{company}新春快乐",
                                      "{name}您好：\n\n{owner}祝您和家人{holiday}快乐，万事如意！（客户编号 {code}，{date}）",
                                      with_email, TRUE, "春节", today, NULL, &error);
  /* Held for review: the send below is timed on its own. */
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    rapport_message_set_state (g_ptr_array_index (messages, i), RAPPORT_MESSAGE_STATE_REVIEW);
  if (messages == NULL || !rapport_outreach_queue (db, messages, NULL, &error))
    {
      fprintf (stderr, "rapport-bench: render and queue failed: %s\n", error->message);
      goto out;
    }
  print_figure ("render_queue_10k_s", (now_ms () - start) / 1000.0, "s");

  /* The send: an account on the peer, its password in the keyring. */
  if (!start_smtp_peer (opts->smtp_peer, dir, &peer))
    goto out;

  account = rapport_account_new ();
  rapport_account_set_channel (account, RAPPORT_CHANNEL_MAIL);
  rapport_account_set_provider (account, RAPPORT_PROVIDER_SMTP);
  rapport_account_set_name (account, "Bench");
  rapport_account_set_setting (account, "host", "127.0.0.1");
  {
    g_autofree char *port = g_strdup_printf ("%u", peer.port);

    rapport_account_set_setting (account, "port", port);
  }
  rapport_account_set_setting (account, "security", "starttls");
  rapport_account_set_setting (account, "user", OUTBOX_USER);
  rapport_account_set_setting (account, "sender-address", OUTBOX_USER);
  rapport_account_set_is_default (account, TRUE);
  if (!rapport_store_insert_account (db, account, &error) ||
      !rapport_secrets_store_sync (rapport_account_get_uuid (account), "Rapport bench", OUTBOX_PASSWORD, NULL, &error))
    {
      fprintf (stderr, "rapport-bench: the account failed: %s\n", error->message);
      goto out;
    }

  to_send = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < OUTBOX_SENT; i++)
    {
      RapportMessage *message = rapport_message_copy (g_ptr_array_index (messages, i));

      rapport_message_set_id (message, 0);
      rapport_message_set_state (message, RAPPORT_MESSAGE_STATE_QUEUED);
      g_ptr_array_add (to_send, message);
    }

  tick_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick_cb, &stall, NULL);
  session = rapport_session_new_for_database (db, NULL, FALSE);
  outbox = rapport_session_get_outbox (session);
  rapport_outbox_set_ca_file (outbox, peer.cert);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Queuing is the user's action (timed above); the stall measured is the
   * sending's. */
  if (!rapport_outreach_queue (db, to_send, NULL, &error))
    {
      fprintf (stderr, "rapport-bench: queuing failed: %s\n", error->message);
      g_source_remove (tick_id);
      goto out;
    }
  start = now_ms ();
  deadline = start + 120 * 1000.0;
  stall.measuring = TRUE;
  stall.last_tick = now_ms ();
  /* The outbox's own counts, as the window shows them: no extra queries on
   * the main thread while measuring. */
  while ((rapport_outbox_get_n_queued (outbox) > 0 || rapport_outbox_get_sending (outbox)) &&
         now_ms () < deadline)
    g_main_context_iteration (NULL, TRUE);
  stall.measuring = FALSE;
  g_source_remove (tick_id);

  if (rapport_store_count_messages (db, RAPPORT_MESSAGE_STATE_SENT) != OUTBOX_SENT)
    {
      fprintf (stderr, "rapport-bench: %u of %u mails sent (%u failed, %u unknown)\n",
               rapport_store_count_messages (db, RAPPORT_MESSAGE_STATE_SENT), OUTBOX_SENT,
               rapport_store_count_messages (db, RAPPORT_MESSAGE_STATE_FAILED),
               rapport_store_count_messages (db, RAPPORT_MESSAGE_STATE_UNKNOWN));
      goto out;
    }
  print_figure ("send_1k_mail_s", (now_ms () - start) / 1000.0, "s");
  print_figure ("outbox_main_block_ms", stall.longest, "ms");
  status = 0;

out:
  if (account != NULL && rapport_account_get_uuid (account) != NULL)
    rapport_secrets_clear_sync (rapport_account_get_uuid (account), NULL, NULL);
  if (session != NULL)
    rapport_session_close (session);
  g_clear_object (&session);
  g_clear_object (&db);
  stop_smtp_peer (&peer);
  if (copy != NULL)
    remove_database (copy);
  if (dir != NULL)
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (dir);
    }
  return status;
}

/* export: the whole book with its contacts to .xlsx through RapportExport,
 * as the export dialog runs it (export_xlsx_100k_s, wall time), while a 1 ms
 * high-priority tick measures the longest stall of the main loop
 * (export_main_block_ms); then the same to CSV (export_csv_100k_s). The
 * export only reads the book; its files go to a temporary folder. */

typedef struct
{
  gboolean done;
  guint    n;
  GError  *error;
} ExportBench;

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportBench *bench = user_data;

  rapport_export_run_finish (RAPPORT_EXPORT (source), result, &bench->n, &bench->error);
  bench->done = TRUE;
}

static gboolean
count_export_cb (RapportCustomer *customer,
                 GPtrArray       *contacts,
                 gpointer         user_data)
{
  guint *n = user_data;

  *n += 1 + (contacts != NULL ? contacts->len : 0);
  return TRUE;
}

static int
run_export (const Options *opts)
{
  static const struct { RapportExportFormat format; const char *file; const char *figure; } runs[] = {
    { RAPPORT_EXPORT_FORMAT_XLSX, "export.xlsx", "export_xlsx_100k_s" },
    { RAPPORT_EXPORT_FORMAT_CSV, "export.csv", "export_csv_100k_s" },
  };
  g_autofree char *dir = g_dir_make_tmp ("rapport-bench-export-XXXXXX", NULL);
  g_autoptr(RapportDatabase) db = open_database (opts->db_path);
  g_autoptr(RapportSession) session = rapport_session_new_for_database (db, NULL, FALSE);
  double longest = 0;

  if (dir == NULL)
    {
      fprintf (stderr, "rapport-bench: no temporary folder\n");
      return 1;
    }

  /* The store's pass alone, for comparison: what the export adds is the rest. */
  {
    g_autoptr(GError) error = NULL;
    guint n = 0;
    double start = now_ms ();

    if (!rapport_store_foreach_customer_with_contacts (db, NULL, 0, NULL, count_export_cb, &n, &error))
      {
        fprintf (stderr, "rapport-bench: export pass failed: %s\n", error->message);
        return 1;
      }
    print_figure ("export_read_s", (now_ms () - start) / 1000.0, "s");
  }

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autoptr(RapportExport) export = rapport_export_new (session, runs[r].format);
      g_autofree char *path = g_build_filename (dir, runs[r].file, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      ExportBench bench = { FALSE, 0, NULL };
      Stall stall = { 0, 0, TRUE };
      guint tick_id;
      double start;

      tick_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick_cb, &stall, NULL);
      start = now_ms ();
      rapport_export_run_async (export, file, NULL, export_done_cb, &bench);
      while (!bench.done)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (tick_id);

      if (bench.error != NULL)
        {
          fprintf (stderr, "rapport-bench: export failed: %s\n", bench.error->message);
          g_error_free (bench.error);
          g_unlink (path);
          g_rmdir (dir);
          return 1;
        }

      print_figure (runs[r].figure, (now_ms () - start) / 1000.0, "s");
      if (runs[r].format == RAPPORT_EXPORT_FORMAT_XLSX)
        print_figure ("export_customers", bench.n, "customers");
      longest = MAX (longest, stall.longest);
      g_unlink (path);
    }

  print_figure ("export_main_block_ms", longest, "ms");
  rapport_session_close (session);
  g_rmdir (dir);
  return 0;
}

/* handover: one staff member holds every tenth customer of the book
 * (10,000 of 100,000) with the open work on them; the run hands all of it
 * to another on a worker connection, on a copy of the book so it can run
 * again. Written with SQL by the generator, like the follow-ups above. */

#define HANDOVER_FROM_UUID "0190bench-0000-7000-8000-handover0001"
#define HANDOVER_TO_UUID "0190bench-0000-7000-8000-handover0002"

/* Gives @handle's person HANDOVER_FROM_UUID the open work on their
 * customers: opportunities, service requests and follow-ups, where the
 * book has any (other generators add them, before or after this one). */
static void
assign_handover_work (sqlite3 *handle)
{
  exec_or_exit (handle,
                "UPDATE opportunity SET owner_id = (SELECT id FROM user WHERE uuid = '" HANDOVER_FROM_UUID "') "
                "WHERE closed_at IS NULL AND deleted_at IS NULL AND customer_id IN "
                "  (SELECT id FROM customer WHERE owner_id = (SELECT id FROM user WHERE uuid = '"
                HANDOVER_FROM_UUID "'))");
  exec_or_exit (handle,
                "UPDATE service_request SET assignee_id = (SELECT id FROM user WHERE uuid = '"
                HANDOVER_FROM_UUID "') "
                "WHERE status NOT IN ('resolved', 'closed') AND deleted_at IS NULL AND customer_id IN "
                "  (SELECT id FROM customer WHERE owner_id = (SELECT id FROM user WHERE uuid = '"
                HANDOVER_FROM_UUID "'))");
  exec_or_exit (handle,
                "UPDATE follow_up SET assignee_id = (SELECT id FROM user WHERE uuid = '" HANDOVER_FROM_UUID "') "
                "WHERE done_at IS NULL AND deleted_at IS NULL AND customer_id IN "
                "  (SELECT id FROM customer WHERE owner_id = (SELECT id FROM user WHERE uuid = '"
                HANDOVER_FROM_UUID "'))");
}

static void
generate_handover_staff (const char *path)
{
  sqlite3 *handle = NULL;

  if (sqlite3_open (path, &handle) != SQLITE_OK)
    {
      fprintf (stderr, "rapport-bench: cannot open %s\n", path);
      exit (1);
    }

  exec_or_exit (handle, "BEGIN");
  exec_or_exit (handle,
                "INSERT INTO user (uuid, name, role, created_at, updated_at) VALUES "
                "('" HANDOVER_FROM_UUID "', '王建国', 'Sales', 1, 1), "
                "('" HANDOVER_TO_UUID "', 'Li Na', 'Sales', 1, 1)");
  exec_or_exit (handle,
                "UPDATE customer SET owner_id = (SELECT id FROM user WHERE uuid = '" HANDOVER_FROM_UUID "') "
                "WHERE id % 10 = 0");
  /* One open follow-up of theirs on each of their customers, due over the
   * 100 days after the coming week: Today's week keeps the sample's few
   * rows rather than a thousand (Today lays out every row of its week; the
   * UI groups measure the sections they open, not that). */
  exec_or_exit (handle,
                "INSERT INTO follow_up (uuid, customer_id, title, due_local, time_zone, due_at, assignee_id, "
                "                       revision, created_at, updated_at) "
                "SELECT printf ('0190bench-%08x-7000-8000-handover', c.id), c.id, 'Call back', "
                "       strftime ('%Y-%m-%d %H:%M', strftime ('%s', 'now') + (8 + c.id % 100) * 86400, 'unixepoch'), 'UTC', "
                "       strftime ('%s', 'now') + (8 + c.id % 100) * 86400, c.owner_id, 1, 1795000000, 1795000000 "
                "FROM customer c WHERE c.owner_id = (SELECT id FROM user WHERE uuid = '" HANDOVER_FROM_UUID "')");
  assign_handover_work (handle);
  /* They also logged their customers' interactions and recorded their
   * orders: the work log's second person (NULL is the default user). */
  exec_or_exit (handle,
                "UPDATE interaction SET user_id = (SELECT id FROM user WHERE uuid = '" HANDOVER_FROM_UUID "') "
                "WHERE customer_id % 10 = 0");
  exec_or_exit (handle,
                "UPDATE orders SET user_id = (SELECT id FROM user WHERE uuid = '" HANDOVER_FROM_UUID "') "
                "WHERE customer_id % 10 = 0");
  exec_or_exit (handle, "COMMIT");
  sqlite3_close (handle);
}

static double
process_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* The book (just generated, maybe) and its copy on disk before the clock
 * starts: otherwise the handover's commit (fsync) also waits for the file
 * system to write them out. */
static gboolean
flush_file (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);
  gboolean ok;

  if (fd < 0)
    {
      fprintf (stderr, "rapport-bench: cannot open %s\n", path);
      return FALSE;
    }
  ok = fsync (fd) == 0;
  close (fd);
  if (!ok)
    fprintf (stderr, "rapport-bench: cannot flush %s\n", path);
  return ok;
}

typedef struct
{
  gboolean               done;
  RapportHandoverCounts  total;
  GError                *error;
} HandoverBench;

static void
handover_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  HandoverBench *bench = user_data;

  rapport_handover_job_run_finish (RAPPORT_HANDOVER_JOB (source), result, NULL, &bench->total, &bench->error);
  bench->done = TRUE;
}

static gint64
query_user (sqlite3    *handle,
            const char *uuid)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (handle, "SELECT id FROM user WHERE uuid = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

static int
run_handover (const Options *opts)
{
  g_autofree char *dir = g_dir_make_tmp ("rapport-bench-handover-XXXXXX", NULL);
  g_autofree char *copy = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportSession) session = NULL;
  g_autoptr(RapportHandoverJob) job = NULL;
  g_autoptr(RapportHandoverPlan) plan = NULL;
  HandoverBench bench = { FALSE, { 0 }, NULL };
  Stall stall = { 0, 0, TRUE };
  RapportStaffHoldings left = { 0 };
  sqlite3 *handle = NULL;
  gint64 from, to;
  guint tick_id;
  double start, elapsed, cpu_start, cpu;
  int status = 0;

  if (dir == NULL)
    {
      fprintf (stderr, "rapport-bench: no temporary folder\n");
      return 1;
    }
  copy = g_build_filename (dir, "handover.db", NULL);
  if (!flush_file (opts->db_path) || !copy_database (opts->db_path, copy) || !flush_file (copy))
    return 1;

  /* Open work other generators added after ours goes to the person too. */
  if (sqlite3_open (copy, &handle) != SQLITE_OK)
    {
      fprintf (stderr, "rapport-bench: cannot open %s\n", copy);
      return 1;
    }
  assign_handover_work (handle);
  from = query_user (handle, HANDOVER_FROM_UUID);
  to = query_user (handle, HANDOVER_TO_UUID);
  sqlite3_close (handle);

  db = open_database (copy);
  session = rapport_session_new_for_database (db, NULL, FALSE);
  if (from == 0 || to == 0)
    {
      fprintf (stderr, "rapport-bench: the book has no handover staff: generate it again\n");
      status = 1;
      goto out;
    }

  job = rapport_handover_job_new (session);
  plan = rapport_handover_plan_new (from, RAPPORT_HANDOVER_RULE_ALL, to);
  tick_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick_cb, &stall, NULL);
  cpu_start = process_cpu_ms ();
  start = now_ms ();
  rapport_handover_job_run_async (job, plan, NULL, handover_done_cb, &bench);
  while (!bench.done)
    g_main_context_iteration (NULL, TRUE);
  elapsed = now_ms () - start;
  cpu = process_cpu_ms () - cpu_start;
  g_source_remove (tick_id);

  if (bench.error != NULL)
    {
      fprintf (stderr, "rapport-bench: handover failed: %s\n", bench.error->message);
      g_error_free (bench.error);
      status = 1;
      goto out;
    }

  print_figure ("handover_10k_s", elapsed / 1000.0, "s");
  print_figure ("handover_customers", bench.total.customers, "customers");
  print_figure ("handover_open_work", (double) bench.total.opportunities + bench.total.service_requests +
                bench.total.follow_ups, "rows");
  print_figure ("handover_main_block_ms", stall.longest, "ms");
  /* What the run itself costs, whatever else the machine does meanwhile
   * (the process's CPU time: the worker, and the main loop's ticks). */
  print_figure ("handover_cpu_s", cpu / 1000.0, "s");

  /* Nothing of theirs is left behind. */
  if (!rapport_store_count_staff_holdings (db, from, &left, NULL) ||
      left.customers + left.opportunities + left.service_requests + left.follow_ups != 0)
    {
      fprintf (stderr, "rapport-bench: the handover left work behind\n");
      status = 1;
    }

out:
  rapport_session_close (session);
  g_clear_object (&session);
  g_clear_object (&db);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" :
                                                        g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (copy, suffix, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  return status;
}

/* reports: each report kind over the whole book with its default period
 * (the last 12 months, the work log's current week), computed on a worker
 * connection in a thread of its own, as the Reports section's job does. The
 * first run of each warms SQLite's page cache and is not counted. */

typedef struct
{
  RapportDatabase          *worker;
  const RapportReportQuery *query;
  double                    ms;
  double                    cpu_ms;   /* the thread's own CPU time: what other load does not inflate */
  GError                   *error;
} ReportRun;

static gpointer
report_thread (gpointer data)
{
  ReportRun *run = data;
  g_autoptr(RapportReport) report = NULL;
  struct timespec cpu_start, cpu_end;
  double start = now_ms ();

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_start);
  report = rapport_store_compute_report (run->worker, run->query, NULL, &run->error);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_end);
  run->ms = now_ms () - start;
  run->cpu_ms = (cpu_end.tv_sec - cpu_start.tv_sec) * 1000.0 + (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e6;

  return NULL;
}

static int
run_reports (const Options *opts)
{
  g_autoptr(RapportDatabase) db = open_database (opts->db_path);
  g_autoptr(RapportDatabase) worker = NULL;
  g_autoptr(GArray) all_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *today = rapport_date_today (rapport_database_get_clock (db));

  worker = rapport_database_open_worker (db, &error);
  if (worker == NULL)
    {
      fprintf (stderr, "rapport-bench: no worker connection: %s\n", error->message);
      return 1;
    }

  for (guint kind = 0; kind < RAPPORT_N_REPORT_KINDS; kind++)
    {
      g_autoptr(RapportReportQuery) query = rapport_report_query_new (kind, today, "CNY");
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *name = g_strdup_printf ("report_%s_ms", rapport_report_kind_to_string (kind));
      g_autofree char *cpu_name = g_strdup_printf ("report_%s_cpu_ms", rapport_report_kind_to_string (kind));
      ReportRun run = { worker, query, 0.0, 0.0, NULL };

      for (guint i = 0; i <= opts->runs; i++)
        {
          g_thread_join (g_thread_new ("report", report_thread, &run));
          if (run.error != NULL)
            {
              fprintf (stderr, "rapport-bench: the %s report failed: %s\n",
                       rapport_report_kind_to_string (kind), run.error->message);
              g_clear_error (&run.error);
              return 1;
            }
          if (i > 0)
            {
              g_array_append_val (times, run.ms);
              g_array_append_val (cpu_times, run.cpu_ms);
              g_array_append_val (all_times, run.ms);
              g_array_append_val (all_cpu_times, run.cpu_ms);
            }
        }
      print_figure (cpu_name, median (cpu_times), "ms");
      print_figure (name, median (times), "ms");
    }

  print_figure ("report_cpu_p95_ms", percentile (all_cpu_times, 95), "ms");
  print_figure ("report_p95_ms", percentile (all_times, 95), "ms");

  return 0;
}

/* Command line */

/* tiers: recomputing every customer's tier from the period's orders (issue
 * 10), as the daily job and "Recompute Now" do: on a worker connection, in
 * a thread of its own, on a copy of the book with a USD rate (the generated
 * orders are in CNY and USD; EUR and HKD opportunities stay without a rate
 * and are listed as missing). Each run starts from never-computed tiers, so
 * every customer's tier, reason and potential is written: the worst case. A
 * run with nothing to change (the next day's usual) is printed too. The
 * first run warms SQLite's page cache and is not counted. */

typedef struct
{
  RapportDatabase *worker;
  double           ms;
  double           cpu_ms;
  RapportTierRun  *run;
  GError          *error;
} TiersRun;

static gpointer
tiers_thread (gpointer data)
{
  TiersRun *run = data;
  g_autoptr(RapportTierRules) rules = rapport_tier_rules_new_default ();
  g_autofree char *today = rapport_date_today (rapport_database_get_clock (run->worker));
  struct timespec cpu_start, cpu_end;
  double start = now_ms ();

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_start);
  g_clear_pointer (&run->run, rapport_tier_run_free);
  run->run = rapport_store_recompute_tiers (run->worker, rules, "CNY", today, NULL, &run->error);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_end);
  run->ms = now_ms () - start;
  run->cpu_ms = (cpu_end.tv_sec - cpu_start.tv_sec) * 1000.0 + (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e6;

  return NULL;
}

static int
run_tiers (const Options *opts)
{
  g_autofree char *dir = g_dir_make_tmp ("rapport-bench-tiers-XXXXXX", NULL);
  g_autofree char *copy = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportDatabase) worker = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  TiersRun run = { NULL, 0.0, 0.0, NULL, NULL };
  g_autofree char *missing = NULL;
  double unchanged_ms = 0;
  guint runs = MIN (opts->runs, 5);
  sqlite3 *handle = NULL;
  int status = 0;

  if (dir == NULL)
    {
      fprintf (stderr, "rapport-bench: no temporary folder\n");
      return 1;
    }
  copy = g_build_filename (dir, "tiers.db", NULL);
  if (!flush_file (opts->db_path) || !copy_database (opts->db_path, copy))
    return 1;

  db = open_database (copy);
  worker = rapport_database_open_worker (db, &error);
  if (worker == NULL || !rapport_store_set_currency_rate (db, "USD", 7.1, &error))
    {
      fprintf (stderr, "rapport-bench: tiers: %s\n", error->message);
      status = 1;
      goto out;
    }
  run.worker = worker;
  if (sqlite3_open (copy, &handle) != SQLITE_OK)
    {
      fprintf (stderr, "rapport-bench: cannot open %s\n", copy);
      status = 1;
      goto out;
    }

  for (guint i = 0; i <= runs + 1 && status == 0; i++)
    {
      gboolean again = i == runs + 1;

      /* Back to never computed, outside the measure. */
      if (!again)
        exec_or_exit (handle,
                      "UPDATE customer SET tier_computed = NULL, tier_reason = NULL, "
                      "  potential_suggested = NULL, potential_reason = NULL;"
                      "DELETE FROM tier_change WHERE by_hand = 0;");

      g_thread_join (g_thread_new ("tiers", tiers_thread, &run));
      if (run.error != NULL)
        {
          fprintf (stderr, "rapport-bench: tiers failed: %s\n", run.error->message);
          g_clear_error (&run.error);
          status = 1;
          break;
        }
      if (again)
        unchanged_ms = run.ms;
      else if (i > 0)
        {
          g_array_append_val (times, run.ms);
          g_array_append_val (cpu_times, run.cpu_ms);
        }
    }

  if (status == 0)
    {
      missing = g_strjoinv (",", run.run->missing_rates);
      print_figure ("tiers_customers", run.run->n_customers, "customers");
      print_figure ("tiers_with_orders", run.run->n_with_orders, "customers");
      fprintf (stderr, "rapport-bench: tiers: currencies without a rate: %s\n", missing[0] != '\0' ? missing : "none");
      print_figure ("tiers_unchanged_s", unchanged_ms / 1000.0, "s");
      print_figure ("tiers_recompute_cpu_s", median (cpu_times) / 1000.0, "s");
      print_figure ("tiers_recompute_max_s", percentile (times, 100) / 1000.0, "s");
      print_figure ("tiers_recompute_s", median (times) / 1000.0, "s");
    }

out:
  sqlite3_close (handle);
  g_clear_pointer (&run.run, rapport_tier_run_free);
  g_clear_object (&worker);
  g_clear_object (&db);
  remove_database (copy);
  g_rmdir (dir);

  return status;
}

static void
usage (void)
{
  fprintf (stderr,
           "usage: rapport-bench generate|open|search|log|backup|first-frame|open-block|scroll|next-due|at-risk|service|outbox|export|handover|pipeline|reports|tiers|reports-ui DB [OPTIONS]\n"
           "  --customers N --contacts N --interactions N --orders N --seed N --service-requests N --opportunities N (generate)\n"
           "  --runs N (open, first-frame, open-block, at-risk, service, pipeline, reports, tiers, reports-ui)  --queries N (search)  --count N (log, next-due)\n"
           "  --follow-ups N (next-due)\n"
           "  --step-pages N (scroll)\n"
           "  --smtp-peer PATH (outbox: tests/services/smtp-peer.py)\n");
  exit (2);
}

static guint
parse_count (const char *option,
             const char *value)
{
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &n, NULL))
    {
      fprintf (stderr, "rapport-bench: %s needs a number\n", option);
      exit (2);
    }

  return (guint) n;
}

int
main (int   argc,
      char *argv[])
{
  Options opts = {
    .customers = 100000,
    .contacts = 300000,
    .interactions = 1000000,
    .orders = 200000,
    .seed = 20261122,
    .runs = 7,
    .queries = 200,
    .count = 200,
    .step_pages = 1,
    .follow_ups = 1000000,
    .opportunities = 20000,
  };
  const char *command;

  if (argc < 3)
    usage ();

  command = argv[1];
  opts.db_path = argv[2];

  for (int i = 3; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;
      guint *target = NULL;

      if (g_str_equal (arg, "--smtp-peer") && value != NULL)
        {
          opts.smtp_peer = value;
          i++;
          continue;
        }

      if (g_str_equal (arg, "--customers"))
        target = &opts.customers;
      else if (g_str_equal (arg, "--contacts"))
        target = &opts.contacts;
      else if (g_str_equal (arg, "--interactions"))
        target = &opts.interactions;
      else if (g_str_equal (arg, "--orders"))
        target = &opts.orders;
      else if (g_str_equal (arg, "--seed"))
        target = &opts.seed;
      else if (g_str_equal (arg, "--runs"))
        target = &opts.runs;
      else if (g_str_equal (arg, "--queries"))
        target = &opts.queries;
      else if (g_str_equal (arg, "--count"))
        target = &opts.count;
      else if (g_str_equal (arg, "--step-pages"))
        target = &opts.step_pages;
      else if (g_str_equal (arg, "--follow-ups"))
        target = &opts.follow_ups;
      else if (g_str_equal (arg, "--service-requests"))
        target = &opts.service_requests;
      else if (g_str_equal (arg, "--opportunities"))
        target = &opts.opportunities;
      else
        usage ();

      *target = parse_count (arg, value);
      i++;
    }

  opts.runs = MAX (opts.runs, 1);
  opts.queries = MAX (opts.queries, 1);
  opts.count = MAX (opts.count, 1);
  opts.step_pages = MAX (opts.step_pages, 1);
  opts.follow_ups = MAX (opts.follow_ups, 1);

  if (g_str_equal (command, "generate"))
    return run_generate (&opts);
  if (g_str_equal (command, "open"))
    return run_open (&opts);
  if (g_str_equal (command, "open-once"))
    return run_open_once (&opts);
  if (g_str_equal (command, "search"))
    return run_search (&opts);
  if (g_str_equal (command, "log"))
    return run_log (&opts);
  if (g_str_equal (command, "backup"))
    return run_backup (&opts);
  if (g_str_equal (command, "first-frame"))
    return run_first_frame (&opts);
  if (g_str_equal (command, "open-block"))
    return run_open_block (&opts);
  if (g_str_equal (command, "scroll"))
    return run_scroll (&opts);
  if (g_str_equal (command, "next-due"))
    return run_next_due (&opts);
  if (g_str_equal (command, "at-risk"))
    return run_at_risk (&opts);
  if (g_str_equal (command, "service"))
    return run_service (&opts);
  if (g_str_equal (command, "outbox"))
    return run_outbox (&opts);
  if (g_str_equal (command, "export"))
    return run_export (&opts);
  if (g_str_equal (command, "handover"))
    return run_handover (&opts);
  if (g_str_equal (command, "pipeline"))
    return run_pipeline (&opts);
  if (g_str_equal (command, "reports"))
    return run_reports (&opts);
  if (g_str_equal (command, "tiers"))
    return run_tiers (&opts);
  if (g_str_equal (command, "reports-ui"))
    return run_reports_ui (&opts);

  usage ();
  return 2;
}
