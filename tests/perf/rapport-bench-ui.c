/* rapport-bench-ui.c
 *
 * Runs the real RapportApplication on a database, with nothing added to the
 * app: it watches the main window from outside, through GtkApplication's
 * "window-added" and the window's frame clock. A book with customers opens on
 * Today: the first two modes measure the frame that shows it there (or in the
 * customer list); scroll goes on to the customer list as a user would.
 *
 *   rapport-bench-ui first-frame DB       prints "first_frame" once the first
 *                                         frame showing the customer list (the
 *                                         book open, its first rows drawn) is
 *                                         painted, then quits
 *   rapport-bench-ui open-block DB        opens DB (a book to migrate) and prints
 *                                         the longest time the main loop was
 *                                         blocked from the window's first frame
 *                                         until the book is bound to the window
 *                                         (open_main_block_ms), how long that
 *                                         took (open_book_ms), and how long the
 *                                         frame that then draws the book took
 *                                         (first_book_frame_ms)
 *   rapport-bench-ui pipeline DB          once the book shows and the window has
 *                                         settled (its start-up work done, as when a
 *                                         user gets to click), opens the Pipeline
 *                                         section as the sidebar does and prints
 *                                         how long until the frame showing the
 *                                         board with its cards was painted
 *                                         (pipeline_board_ms)
 *   rapport-bench-ui scroll DB [PAGES]    once the list shows, scrolls the
 *                                         longest list view from top to bottom,
 *                                         PAGES pages per frame (default 1), then
 *                                         prints the resident memory and quits
 *   rapport-bench-ui service DB           once the book shows on Today and the
 *                                         start-up's work is done, opens the
 *                                         Service section on its Overdue
 *                                         queue as a user would and prints how
 *                                         long until the frame showing its first
 *                                         rows was painted (service_frame_ms)
 *   rapport-bench-ui reports DB           once the book shows and the window has
 *                                         settled, opens the Reports section as the
 *                                         sidebar does and prints how long until the
 *                                         frame showing the default report (the
 *                                         value matrix, computed on a worker) was
 *                                         painted (report_first_frame_ms); then
 *                                         picks Contribution and prints how long
 *                                         until its first chart was painted
 *                                         (report_chart_frame_ms)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-bench-ui"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport-application.h"
#include "rapport-service-page.h"
#include "rapport-opportunity-card.h"
#include "rapport-pipeline-page.h"
#include "rapport-chart.h"
#include "rapport-reports-page.h"
#include "rapport-today-page.h"
#include "rapport-window.h"

/* The list must show up this soon after the first frame: a migration first
 * makes and checks a backup of the whole book. */
#define FIND_LIST_TIMEOUT_US (180 * G_USEC_PER_SEC)

typedef enum
{
  MODE_FIRST_FRAME,
  MODE_OPEN_BLOCK,
  MODE_SCROLL,
  MODE_SERVICE,
  MODE_PIPELINE,
  MODE_REPORTS,
} Mode;

typedef struct
{
  GtkApplication *app;
  Mode            mode;
  guint           step_pages;
  GtkWindow      *window;
  gboolean        painted;
  gint64          first_frame_at;
  GtkListView    *list;
  GtkAdjustment  *vadjustment;
  guint           frames;
  guint           at_bottom;
  gint64          scroll_started_at;

  /* open-block: a high-priority tick every millisecond; a late one is the
   * main loop blocked by something else. */
  guint           tick_id;
  gint64          window_painted_at;
  gint64          last_tick_at;
  gint64          max_gap;
  gint64          book_bound_at;

  /* service: when the section was asked for */
  RapportServicePage *service_page;
  gint64              service_asked_at;
  gint64              service_read_at;  /* the page has read the queue (synchronously) */
  guint               service_settle_id;
  /* pipeline: when the section was asked for */
  gint64          pipeline_asked_at;
  gint64          pipeline_asked_cpu;
  gboolean        pipeline_waiting;
  /* reports: when the section, then Contribution, was asked for */
  RapportReportsPage *reports_page;
  gint64              reports_asked_at;
  gint64              reports_asked_cpu;
  gint64              chart_asked_at;
  gboolean            reports_waiting;
} State;

static double
read_status_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, field);
  if (line == NULL)
    return 0;

  /* "VmRSS:	  123456 kB" */
  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

static GtkListView *find_shown_list (State *state);

static gboolean
tick_cb (gpointer user_data)
{
  State *state = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now - state->last_tick_at > 20000)
    g_debug ("Main loop blocked for %.1f ms", (now - state->last_tick_at) / 1000.0);
  state->max_gap = MAX (state->max_gap, now - state->last_tick_at);
  state->last_tick_at = now;

  /* The book is bound (its list has rows): what comes next is drawing it. */
  if (find_shown_list (state) != NULL)
    {
      state->tick_id = 0;
      state->book_bound_at = now;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
find_longest_list (GtkWidget    *widget,
                   GtkListView **best,
                   guint        *best_n)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_get_mapped (widget))
    {
      GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));
      guint n = model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;

      if (n > *best_n)
        {
          *best = GTK_LIST_VIEW (widget);
          *best_n = n;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_longest_list (child, best, best_n);
}

/* The Today page is on screen, showing the book. */
static gboolean
today_shown (GtkWidget *widget)
{
  if (RAPPORT_IS_TODAY_PAGE (widget))
    return gtk_widget_get_mapped (widget) &&
           rapport_today_page_get_session (RAPPORT_TODAY_PAGE (widget)) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (today_shown (child))
      return TRUE;

  return FALSE;
}

static void
finish_scroll (State *state)
{
  double seconds = (g_get_monotonic_time () - state->scroll_started_at) / (double) G_USEC_PER_SEC;

  printf ("scroll_rows %u rows\n",
          g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (state->list))));
  printf ("scroll_frames %u frames\n", state->frames);
  printf ("scroll_s %.3f s\n", seconds);
  printf ("scrolled_rss_peak_mb %.3f MB\n", read_status_mb ("VmHWM:"));
  printf ("scrolled_rss_mb %.3f MB\n", read_status_mb ("VmRSS:"));
  fflush (stdout);

  g_application_quit (G_APPLICATION (state->app));
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  State *state = user_data;
  double upper = gtk_adjustment_get_upper (state->vadjustment);
  double page = gtk_adjustment_get_page_size (state->vadjustment);
  double value = gtk_adjustment_get_value (state->vadjustment);

  if (page <= 0)
    return G_SOURCE_CONTINUE;

  /* The list estimates its height as rows get measured: the bottom counts once
   * it holds for a few frames. */
  if (value >= upper - page - 0.5)
    {
      if (++state->at_bottom >= 3)
        {
          finish_scroll (state);
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }

  state->at_bottom = 0;
  state->frames++;
  gtk_adjustment_set_value (state->vadjustment, MIN (value + page * state->step_pages, upper - page));

  return G_SOURCE_CONTINUE;
}

static RapportServicePage *
find_service_page (GtkWidget *widget)
{
  if (RAPPORT_IS_SERVICE_PAGE (widget))
    return RAPPORT_SERVICE_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RapportServicePage *page = find_service_page (child);

      if (page != NULL)
        return page;
    }

  return NULL;
}

/* The user picks Service and its Overdue queue. */
static gboolean
ask_service_cb (gpointer user_data)
{
  State *state = user_data;

  state->service_settle_id = 0;
  state->service_asked_at = g_get_monotonic_time ();
  rapport_service_page_set_queue (state->service_page, RAPPORT_SERVICE_QUEUE_OVERDUE);
  state->service_read_at = g_get_monotonic_time ();
  rapport_window_set_section (RAPPORT_WINDOW (state->window), "service");
  gtk_widget_queue_draw (GTK_WIDGET (state->window));

  return G_SOURCE_REMOVE;
}

/* service: the book shown on Today, and the start-up's own work done (the
 * customer list read, the day's checks: SERVICE_SETTLE_MS), the user picks
 * Service and its Overdue queue; done at the first frame painted with the
 * queue's rows. */
#define SERVICE_SETTLE_MS 3000

static void
service_after_paint (State         *state,
                     GdkFrameClock *frame_clock)
{
  GtkListView *list = NULL;
  guint n = 0;

  if (state->service_settle_id != 0)
    return;

  if (state->service_asked_at == 0)
    {
      if (!today_shown (GTK_WIDGET (state->window)))
        {
          if (g_get_monotonic_time () - state->window_painted_at > FIND_LIST_TIMEOUT_US)
            {
              fprintf (stderr, "rapport-bench-ui: the window shows no book\n");
              exit (1);
            }
          gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
          return;
        }

      state->service_page = find_service_page (GTK_WIDGET (state->window));
      if (state->service_page == NULL)
        {
          fprintf (stderr, "rapport-bench-ui: the window has no Service section\n");
          exit (1);
        }

      state->service_settle_id = g_timeout_add (SERVICE_SETTLE_MS, ask_service_cb, state);
      return;
    }

  find_longest_list (GTK_WIDGET (state->service_page), &list, &n);
  if (list == NULL)
    {
      if (g_get_monotonic_time () - state->service_asked_at > FIND_LIST_TIMEOUT_US)
        {
          fprintf (stderr, "rapport-bench-ui: the Overdue queue shows no rows\n");
          exit (1);
        }
      gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      return;
    }

  state->painted = TRUE;
  printf ("service_frame_rows %u rows\n", n);
  /* Of which the page reading the queue, its counts and averages. */
  printf ("service_frame_read_ms %.3f ms\n", (state->service_read_at - state->service_asked_at) / 1000.0);
  printf ("service_frame_ms %.3f ms\n", (g_get_monotonic_time () - state->service_asked_at) / 1000.0);
  fflush (stdout);
  g_application_quit (G_APPLICATION (state->app));
}

/* The book is shown: a customer list with rows is on screen. */
static GtkListView *
find_shown_list (State *state)
{
  GtkListView *list = NULL;
  guint n = 0;

  find_longest_list (GTK_WIDGET (state->window), &list, &n);

  return list;
}

/* A board card is on screen: the Pipeline page is loaded and drawing its
 * columns' first rows. */
static gboolean
board_card_shown (GtkWidget *widget)
{
  if (RAPPORT_IS_OPPORTUNITY_CARD (widget))
    return gtk_widget_get_mapped (widget) &&
           rapport_opportunity_card_get_opportunity (RAPPORT_OPPORTUNITY_CARD (widget)) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (board_card_shown (child))
      return TRUE;

  return FALSE;
}

/* The main thread's own CPU time, in µs: what the board costs whatever else
 * the machine runs. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The main loop has nothing else to do: what the sidebar's click does. */
static gboolean
ask_for_pipeline_cb (gpointer user_data)
{
  State *state = user_data;

  state->pipeline_asked_at = g_get_monotonic_time ();
  state->pipeline_asked_cpu = thread_cpu_us ();
  rapport_window_set_section (RAPPORT_WINDOW (state->window), "pipeline");
  g_debug ("The section was set in %.1f ms", (g_get_monotonic_time () - state->pipeline_asked_at) / 1000.0);
  gtk_widget_queue_draw (GTK_WIDGET (state->window));

  return G_SOURCE_REMOVE;
}

/* The book is shown; the window's start-up work (tags counted, the first
 * computations handed to workers) settles within seconds. */
static gboolean
settled_cb (gpointer user_data)
{
  g_idle_add_full (G_PRIORITY_LOW, ask_for_pipeline_cb, user_data, NULL);
  return G_SOURCE_REMOVE;
}

static void
after_paint_pipeline (GdkFrameClock *frame_clock,
                      State         *state)
{
  gint64 now = g_get_monotonic_time ();

  if (state->pipeline_asked_at == 0)
    {
      if (!today_shown (GTK_WIDGET (state->window)))
        {
          if (now - state->window_painted_at > FIND_LIST_TIMEOUT_US)
            {
              fprintf (stderr, "rapport-bench-ui: the window shows no book\n");
              exit (1);
            }
          gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
          return;
        }

      if (!state->pipeline_waiting)
        {
          state->pipeline_waiting = TRUE;
          g_timeout_add (2000, settled_cb, state);
        }
      return;
    }

  if (!board_card_shown (GTK_WIDGET (state->window)))
    {
      if (now - state->pipeline_asked_at > FIND_LIST_TIMEOUT_US)
        {
          fprintf (stderr, "rapport-bench-ui: the Pipeline board shows no card\n");
          exit (1);
        }
      gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      return;
    }

  state->painted = TRUE;
  fprintf (stderr, "rapport-bench-ui: renderer %s\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (state->window))));
  printf ("pipeline_board_cpu_ms %.3f ms\n", (thread_cpu_us () - state->pipeline_asked_cpu) / 1000.0);
  printf ("pipeline_board_ms %.3f ms\n", (now - state->pipeline_asked_at) / 1000.0);
  fflush (stdout);
  g_application_quit (G_APPLICATION (state->app));
}

static RapportReportsPage *
find_reports_page (GtkWidget *widget)
{
  if (RAPPORT_IS_REPORTS_PAGE (widget))
    return RAPPORT_REPORTS_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RapportReportsPage *page = find_reports_page (child);

      if (page != NULL)
        return page;
    }

  return NULL;
}

/* A chart with its rows is on screen. */
static gboolean
chart_shown (GtkWidget *widget)
{
  if (RAPPORT_IS_CHART (widget))
    {
      RapportReportSection *section = rapport_chart_get_section (RAPPORT_CHART (widget));

      return gtk_widget_get_mapped (widget) && section != NULL &&
             rapport_report_section_get_n_rows (section) > 0;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (chart_shown (child))
      return TRUE;

  return FALSE;
}

/* The report is computed and shown: its sections, or its empty state. */
static gboolean
report_shown (RapportReportsPage *page)
{
  const char *view = rapport_reports_page_get_view (page);

  return gtk_widget_get_mapped (GTK_WIDGET (page)) && rapport_reports_page_get_report (page) != NULL &&
         !rapport_reports_page_get_computing (page) &&
         (g_strcmp0 (view, "report") == 0 || g_strcmp0 (view, "empty") == 0);
}

static gboolean
ask_for_reports_cb (gpointer user_data)
{
  State *state = user_data;

  state->reports_asked_at = g_get_monotonic_time ();
  state->reports_asked_cpu = thread_cpu_us ();
  rapport_window_set_section (RAPPORT_WINDOW (state->window), "reports");
  g_debug ("The section was set in %.1f ms", (g_get_monotonic_time () - state->reports_asked_at) / 1000.0);
  gtk_widget_queue_draw (GTK_WIDGET (state->window));

  return G_SOURCE_REMOVE;
}

static gboolean
reports_settled_cb (gpointer user_data)
{
  g_idle_add_full (G_PRIORITY_LOW, ask_for_reports_cb, user_data, NULL);
  return G_SOURCE_REMOVE;
}

static void
after_paint_reports (GdkFrameClock *frame_clock,
                     State         *state)
{
  gint64 now = g_get_monotonic_time ();

  if (state->reports_asked_at == 0)
    {
      if (!today_shown (GTK_WIDGET (state->window)))
        {
          if (now - state->window_painted_at > FIND_LIST_TIMEOUT_US)
            {
              fprintf (stderr, "rapport-bench-ui: the window shows no book\n");
              exit (1);
            }
          gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
          return;
        }

      if (!state->reports_waiting)
        {
          state->reports_waiting = TRUE;
          state->reports_page = find_reports_page (GTK_WIDGET (state->window));
          if (state->reports_page == NULL)
            {
              fprintf (stderr, "rapport-bench-ui: the window has no Reports section\n");
              exit (1);
            }
          g_timeout_add (2000, reports_settled_cb, state);
        }
      return;
    }

  if (state->chart_asked_at == 0)
    {
      if (!report_shown (state->reports_page))
        {
          g_debug ("A frame without the report, %.1f ms after the section was asked for",
                   (now - state->reports_asked_at) / 1000.0);
          if (now - state->reports_asked_at > FIND_LIST_TIMEOUT_US)
            {
              fprintf (stderr, "rapport-bench-ui: the Reports section shows no report\n");
              exit (1);
            }
          gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
          return;
        }

      fprintf (stderr, "rapport-bench-ui: renderer %s, default report %s shown as %s\n",
               G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (state->window))),
               rapport_report_kind_to_string (rapport_reports_page_get_kind (state->reports_page)),
               rapport_reports_page_get_view (state->reports_page));
      printf ("report_first_frame_cpu_ms %.3f ms\n", (thread_cpu_us () - state->reports_asked_cpu) / 1000.0);
      printf ("report_first_frame_ms %.3f ms\n", (now - state->reports_asked_at) / 1000.0);
      fflush (stdout);

      /* Then a report drawn as a chart, picked in the list. */
      state->chart_asked_at = g_get_monotonic_time ();
      rapport_reports_page_set_kind (state->reports_page, RAPPORT_REPORT_CONTRIBUTION);
      gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      return;
    }

  if (!chart_shown (GTK_WIDGET (state->reports_page)))
    {
      if (now - state->chart_asked_at > FIND_LIST_TIMEOUT_US)
        {
          fprintf (stderr, "rapport-bench-ui: the Contribution report shows no chart\n");
          exit (1);
        }
      gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      return;
    }

  state->painted = TRUE;
  printf ("report_chart_frame_ms %.3f ms\n", (now - state->chart_asked_at) / 1000.0);
  fflush (stdout);
  g_application_quit (G_APPLICATION (state->app));
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  State *state = user_data;
  GtkListView *list;

  if (state->window_painted_at == 0)
    {
      /* The window's first frame ("Opening…", or the book already). */
      state->window_painted_at = g_get_monotonic_time ();
      if (state->mode == MODE_OPEN_BLOCK)
        {
          state->last_tick_at = g_get_monotonic_time ();
          state->tick_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, state, NULL);
        }
    }

  if (state->painted)
    return;

  if (state->mode == MODE_SERVICE)
    {
      service_after_paint (state, frame_clock);
      return;
    }

  if (state->mode == MODE_PIPELINE)
    {
      after_paint_pipeline (frame_clock, state);
      return;
    }

  if (state->mode == MODE_REPORTS)
    {
      after_paint_reports (frame_clock, state);
      return;
    }

  list = find_shown_list (state);
  /* Scrolling needs the customer list: from Today, go there as a user would. */
  if (list == NULL && state->mode == MODE_SCROLL && RAPPORT_IS_WINDOW (state->window) &&
      g_strcmp0 (rapport_window_get_section (RAPPORT_WINDOW (state->window)), "today") == 0)
    rapport_window_set_section (RAPPORT_WINDOW (state->window), "customers");

  if (list == NULL && (state->mode == MODE_SCROLL || !today_shown (GTK_WIDGET (state->window))))
    {
      if (g_get_monotonic_time () - state->window_painted_at > FIND_LIST_TIMEOUT_US)
        {
          fprintf (stderr, "rapport-bench-ui: the window shows no book (no Today page, no list with rows)\n");
          exit (1);
        }
      /* Keep frames coming until the list shows up. */
      gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      return;
    }

  state->painted = TRUE;
  state->first_frame_at = g_get_monotonic_time ();
  /* Which renderer GTK chose is part of what was measured. */
  fprintf (stderr, "rapport-bench-ui: renderer %s\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (state->window))));

  switch (state->mode)
    {
    case MODE_FIRST_FRAME:
      printf ("first_frame\n");
      fflush (stdout);
      g_application_quit (G_APPLICATION (state->app));
      break;

    case MODE_OPEN_BLOCK:
      if (state->book_bound_at == 0)
        {
          /* Bound and drawn between two ticks. */
          tick_cb (state);
          g_clear_handle_id (&state->tick_id, g_source_remove);
          state->book_bound_at = state->first_frame_at;
        }
      printf ("open_main_block_ms %.3f ms\n", state->max_gap / 1000.0);
      printf ("open_book_ms %.3f ms\n", (state->book_bound_at - state->window_painted_at) / 1000.0);
      printf ("first_book_frame_ms %.3f ms\n", (state->first_frame_at - state->book_bound_at) / 1000.0);
      fflush (stdout);
      /* Quitting also stops the rebuild a migrated book may have started. */
      g_application_quit (G_APPLICATION (state->app));
      break;

    case MODE_SCROLL:
      state->list = list;
      state->vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
      state->scroll_started_at = g_get_monotonic_time ();
      /* What the window takes before scrolling, to tell the list's share. */
      printf ("unscrolled_rss_mb %.3f MB\n", read_status_mb ("VmRSS:"));
      gtk_widget_add_tick_callback (GTK_WIDGET (list), scroll_tick_cb, state, NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
window_realized_cb (GtkWidget *widget,
                    gpointer   user_data)
{
  State *state = user_data;

  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), state);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  State *state = user_data;

  /* The main window comes first; dialogs after it are not measured. */
  if (state->window != NULL)
    return;

  state->window = window;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realized_cb (GTK_WIDGET (window), state);
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), state);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RapportApplication) app = NULL;
  State state = { 0, };
  char *app_argv[4];
  int status;

  if (argc < 3)
    {
      fprintf (stderr, "usage: rapport-bench-ui first-frame|open-block|scroll|service|pipeline|reports DB [PAGES]\n");
      return 2;
    }

  if (g_str_equal (argv[1], "first-frame"))
    state.mode = MODE_FIRST_FRAME;
  else if (g_str_equal (argv[1], "open-block"))
    state.mode = MODE_OPEN_BLOCK;
  else if (g_str_equal (argv[1], "scroll"))
    state.mode = MODE_SCROLL;
  else if (g_str_equal (argv[1], "service"))
    state.mode = MODE_SERVICE;
  else if (g_str_equal (argv[1], "pipeline"))
    state.mode = MODE_PIPELINE;
  else if (g_str_equal (argv[1], "reports"))
    state.mode = MODE_REPORTS;
  else
    {
      fprintf (stderr, "usage: rapport-bench-ui first-frame|open-block|scroll|service|pipeline|reports DB [PAGES]\n");
      return 2;
    }

  state.step_pages = argc > 3 ? MAX (1, atoi (argv[3])) : 1;

  app = rapport_application_new ();
  state.app = GTK_APPLICATION (app);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &state);

  app_argv[0] = (char *) "rapport";
  app_argv[1] = (char *) "--database";
  app_argv[2] = argv[2];
  app_argv[3] = NULL;

  status = g_application_run (G_APPLICATION (app), 3, app_argv);

  if (!state.painted)
    {
      fprintf (stderr, "rapport-bench-ui: the application quit before drawing\n");
      return 1;
    }

  return status;
}
