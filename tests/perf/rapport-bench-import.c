/* rapport-bench-import.c
 *
 * The `import` group of `build-aux/dev bench`:
 *
 *   rapport-bench-import BOOK [--customers N]
 *
 * writes a GBK CSV of N customers (10,000 by default) with three contacts
 * each, one row per contact, and the same rows as an .xlsx; then imports
 * each into a fresh copy of BOOK (the 100k bench book is never modified),
 * through the import job's steps as the assistant drives them (open,
 * analyse, run), each in a child process that measures its own wall time and
 * peak resident memory (VmHWM), and the longest its main loop was kept from
 * running (a 1 ms timer, as the window's main loop would be kept from
 * drawing). Prints import_csv_10k_s, import_xlsx_10k_s, import_rss_mb (the
 * larger peak of the two) and import_main_block_ms (the longer stall).
 *
 *   rapport-bench-import run FILE DB   (the child: prints "SECONDS PEAK_MB STALL_MS")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-bench-import"

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "rapport-import-job.h"
#include "rapport-scheduler.h"
#include "rapport-session.h"
#include "rapport-store.h"
#include "rapport-xlsx-writer.h"

#define CONTACTS_PER_CUSTOMER 3

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static G_NORETURN void
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "rapport-bench-import: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* CPU seconds this process used so far (all threads): less sensitive to a
 * busy machine than wall time. */
static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* The peak resident memory of this process so far, in MB. */
static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0.0;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return 0.0;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* The child: one import */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* The main loop's longest gap between two ticks of a 1 ms timer. */
typedef struct
{
  gint64 last;
  gint64 longest;
} Stall;

static gboolean
stall_tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last > 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static int
run_one (const char *file_path,
         const char *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (RapportSession) session = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (file_path);
  g_autoptr (RapportImportJob) job = NULL;
  g_autoptr (GAsyncResult) opened = NULL;
  g_autoptr (GAsyncResult) analysed = NULL;
  g_autoptr (GAsyncResult) ran = NULL;
  guint before;
  double start;
  double opened_at;
  double analysed_at;
  double seconds;
  double cpu_start;
  double cpu_opened;
  double cpu_analysed;
  Stall stall = { 0, 0 };
  guint stall_id;

  /* Opening (and migrating) the copy is not the import's. */
  db = rapport_database_open (db_path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  if (db == NULL)
    fail ("cannot open the book", error);
  session = rapport_session_new_for_database (db, NULL, FALSE);
  rapport_session_set_default_country_code (session, "86");
  /* The session's own jobs (the daily churn check over the whole book, the
   * reminders) would run beside the import and be counted in it. */
  rapport_scheduler_stop (rapport_session_get_scheduler (session));
  /* A book too big to check in full on open is checked on a worker after
   * it: let that finish first, as it has long before anyone imports. */
  {
    double deadline = now_s () + 300;
    guint tick = g_timeout_add (100, tick_cb, NULL);

    while (!rapport_session_get_integrity_checked (session) && now_s () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (tick);
  }
  before = rapport_store_count_customers (db);

  stall_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick_cb, &stall, NULL);
  start = now_s ();
  cpu_start = cpu_s ();
  rapport_import_job_open_async (session, file, NULL, result_cb, &opened);
  job = rapport_import_job_open_finish (wait_result (&opened), &error);
  if (job == NULL)
    fail ("open", error);

  opened_at = now_s () - start;
  cpu_opened = cpu_s () - cpu_start;
  rapport_import_job_analyse_async (job, NULL, result_cb, &analysed);
  if (!rapport_import_job_analyse_finish (job, wait_result (&analysed), &error))
    fail ("analyse", error);
  if (rapport_import_job_count_unresolved (job) > 0)
    {
      fprintf (stderr, "rapport-bench-import: %u problems in the generated file\n",
               rapport_import_job_count_unresolved (job));
      return 1;
    }

  analysed_at = now_s () - start;
  cpu_analysed = cpu_s () - cpu_start;
  rapport_import_job_run_async (job, NULL, result_cb, &ran);
  if (!rapport_import_job_run_finish (job, wait_result (&ran), &error))
    fail ("run", error);
  seconds = now_s () - start;
  g_source_remove (stall_id);

  fprintf (stderr, "rapport-bench-import: %s: %u rows, %u customers created, %u merged, %u contacts; book %u → %u\n",
           file_path, rapport_import_job_get_n_rows (job), rapport_import_job_get_n_created (job),
           rapport_import_job_get_n_merged (job), rapport_import_job_get_n_contacts (job),
           before, rapport_store_count_customers (db));
  fprintf (stderr, "rapport-bench-import: open %.2f s, analyse %.2f s, run %.2f s "
           "(CPU: %.2f s, %.2f s, %.2f s)\n",
           opened_at, analysed_at - opened_at, seconds - analysed_at,
           cpu_opened, cpu_analysed - cpu_opened, cpu_s () - cpu_start - cpu_analysed);
  printf ("%.3f %.1f %.1f\n", seconds, peak_rss_mb (), stall.longest / 1000.0);

  rapport_session_close (session);
  return 0;
}

/* The parent: the files, and a child per import */

static GPtrArray *
make_rows (guint n_customers)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < n_customers; i++)
    for (guint j = 0; j < CONTACTS_PER_CUSTOMER; j++)
      {
        guint n = i * CONTACTS_PER_CUSTOMER + j;
        char **row = g_new0 (char *, 10);

        row[0] = g_strdup_printf ("导入测试%05u贸易有限公司", i);
        row[1] = g_strdup_printf ("IMP%05u", i);
        row[2] = g_strdup_printf ("联系人%05u之%u", i, j + 1);
        row[3] = g_strdup_printf ("147%08u", n);
        row[4] = g_strdup_printf ("c%05u.%u@import.example.com", i, j + 1);
        row[5] = g_strdup_printf ("深圳市南山区科技路%u号", i % 500 + 1);
        row[6] = g_strdup_printf ("198%u年%u月%u日", j, i % 12 + 1, i % 28 + 1);
        row[7] = g_strdup (i % 3 == 0 ? "导入，VIP" : "导入");
        row[8] = g_strdup_printf ("%u", i % 2 == 0 ? 2 : 1);
        g_ptr_array_add (rows, row);
      }

  return rows;
}

static const char * const header[] = {
  "客户名称", "客户编号", "联系人", "手机", "邮箱", "地址", "生日", "标签", "备注", NULL
};

static void
append_csv_row (GString            *csv,
                const char * const *cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, cells[i]);
    }
  g_string_append (csv, "\r\n");
}

static void
write_gbk_csv (const char *path,
               GPtrArray  *rows)
{
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *gbk = NULL;
  gsize len = 0;

  append_csv_row (csv, header);
  for (guint i = 0; i < rows->len; i++)
    append_csv_row (csv, g_ptr_array_index (rows, i));
  gbk = g_convert (csv->str, csv->len, "GB18030", "UTF-8", NULL, &len, &error);
  if (gbk == NULL || !g_file_set_contents (path, gbk, len, &error))
    fail ("cannot write the CSV", error);
}

static void
copy_book (const char *from,
           const char *to)
{
  static const char * const suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *source = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *target = g_strconcat (to, suffixes[i], NULL);
      g_autoptr (GFile) source_file = g_file_new_for_path (source);
      g_autoptr (GFile) target_file = g_file_new_for_path (target);
      g_autoptr (GError) error = NULL;

      g_unlink (target);
      if (!g_file_test (source, G_FILE_TEST_EXISTS))
        continue;
      if (!g_file_copy (source_file, target_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        fail ("cannot copy the book", error);
    }

  /* The copy's hundreds of megabytes would otherwise still be going to the
   * disk while the import runs, and its commit would wait for them. */
  sync ();
}

/* Imports @file into a fresh copy of @book in a child; its seconds and peak. */
static void
import_in_child (const char *self,
                 const char *dir,
                 const char *book,
                 const char *file,
                 double     *seconds,
                 double     *peak_mb,
                 double     *stall_ms)
{
  g_autofree char *copy = g_build_filename (dir, "book.db", NULL);
  g_autofree char *shm = g_strconcat (copy, "-shm", NULL);
  const char *argv[] = { self, "run", file, copy, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  copy_book (book, copy);
  g_unlink (shm);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &out, NULL, &wait_status, &error)
      || !g_spawn_check_wait_status (wait_status, &error))
    fail ("the import failed", error);
  if (sscanf (out, "%lf %lf %lf", seconds, peak_mb, stall_ms) != 3)
    fail ("the import printed no figures", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *xlsx_path = NULL;
  g_autoptr (GError) error = NULL;
  guint n_customers = 10000;
  double csv_s, csv_mb, csv_stall_ms, xlsx_s, xlsx_mb, xlsx_stall_ms;

  if (argc == 4 && g_str_equal (argv[1], "run"))
    return run_one (argv[2], argv[3]);

  if (argc == 4 && g_str_equal (argv[2], "--customers"))
    n_customers = (guint) strtoul (argv[3], NULL, 10);
  else if (argc != 2)
    {
      fprintf (stderr, "usage: rapport-bench-import BOOK [--customers N]\n");
      return 2;
    }

  dir = g_dir_make_tmp ("rapport-bench-import-XXXXXX", &error);
  if (dir == NULL)
    fail ("no temporary folder", error);
  csv_path = g_build_filename (dir, "customers.csv", NULL);
  xlsx_path = g_build_filename (dir, "customers.xlsx", NULL);

  {
    g_autoptr (GPtrArray) rows = make_rows (n_customers);

    write_gbk_csv (csv_path, rows);
    if (!rapport_xlsx_write (xlsx_path, header, rows, &error))
      fail ("cannot write the workbook", error);
  }

  import_in_child (argv[0], dir, argv[1], csv_path, &csv_s, &csv_mb, &csv_stall_ms);
  import_in_child (argv[0], dir, argv[1], xlsx_path, &xlsx_s, &xlsx_mb, &xlsx_stall_ms);

  printf ("import_csv_10k_s %.2f s\n", csv_s);
  printf ("import_xlsx_10k_s %.2f s\n", xlsx_s);
  printf ("import_rss_mb %.1f MB\n", MAX (csv_mb, xlsx_mb));
  printf ("import_main_block_ms %.1f ms\n", MAX (csv_stall_ms, xlsx_stall_ms));

  {
    g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }

  return 0;
}
