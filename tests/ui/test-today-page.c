/* test-today-page.c
 *
 * The Today page on a real database with a fixed clock: what lands in
 * Overdue, Today and the next seven days (a follow-up due at 23:30, a
 * half-hour-offset zone), the day rolling over, done and its Undo, and the
 * customer's trash, restore and rename.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-follow-up-row.h"
#include "rapport-today-page.h"

#include "shell-test-utils.h"

/* TEST_NOW: 2026-03-18 10:30 in Asia/Shanghai (02:30 UTC). */

typedef struct
{
  TestDb     t;
  GtkWidget *window;
  GtkWidget *overlay;
  GtkWidget *page;
  gint64     customer_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *zone = data;

  /* The page buckets by the local zone; the follow-ups below are written in
   * it. */
  if (zone != NULL)
    g_setenv ("TZ", zone, TRUE);

  test_db_open (&f->t);
  f->customer_id = shell_test_add_customer (f->t.db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);

  f->window = adw_window_new ();
  f->overlay = adw_toast_overlay_new ();
  f->page = rapport_today_page_new ();
  g_object_ref_sink (f->page);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f->overlay), f->page);
  adw_window_set_content (ADW_WINDOW (f->window), f->overlay);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 900);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = GTK_WIDGET (shell_test_find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (f->window)))) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  shell_test_spin ();
  g_assert_finalize_object (f->page);
  test_db_close (&f->t);
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
}

static gint64
add_follow_up (Fixture    *f,
               gint64      customer_id,
               const char *title,
               const char *due_local,
               const char *zone)
{
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();
  g_autoptr (GError) error = NULL;

  rapport_follow_up_set_customer_id (follow_up, customer_id);
  rapport_follow_up_set_title (follow_up, title);
  rapport_follow_up_set_due_local (follow_up, due_local);
  rapport_follow_up_set_time_zone (follow_up, zone);
  rapport_store_insert_follow_up (f->t.db, follow_up, &error);
  g_assert_no_error (error);

  return rapport_follow_up_get_id (follow_up);
}

static void
show (Fixture *f)
{
  rapport_today_page_set_session (RAPPORT_TODAY_PAGE (f->page), f->t.session);
  shell_test_spin ();
}

/* The titles shown in @bucket, in order, joined by "|". */
static char *
titles_in (Fixture          *f,
           RapportDueBucket  bucket)
{
  g_autoptr (GPtrArray) follow_ups = rapport_today_page_get_follow_ups (RAPPORT_TODAY_PAGE (f->page), bucket);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) titles = NULL;

  for (guint i = 0; i < follow_ups->len; i++)
    g_strv_builder_add (builder, rapport_follow_up_get_title (g_ptr_array_index (follow_ups, i)));
  titles = g_strv_builder_end (builder);

  return g_strjoinv ("|", titles);
}

static void
assert_bucket (Fixture          *f,
               RapportDueBucket  bucket,
               const char       *expected)
{
  g_autofree char *titles = titles_in (f, bucket);
  guint n = 0;

  for (const char *p = expected; *p != '\0'; p++)
    n += *p == '|';
  if (expected[0] != '\0')
    n++;

  g_assert_cmpstr (titles, ==, expected);
  g_assert_cmpuint (rapport_today_page_get_count (RAPPORT_TODAY_PAGE (f->page), bucket), ==, n);
}

static gboolean
is_undo_button (GtkWidget *widget,
                gpointer   data)
{
  g_autofree char *label = NULL;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;

  label = strip_underline (gtk_button_get_label (GTK_BUTTON (widget)));
  return g_strcmp0 (label, _("Undo")) == 0;
}

static gboolean
is_done_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "follow-up.done") == 0;
}

static gboolean
is_row_of (GtkWidget *widget,
           gpointer   data)
{
  return RAPPORT_IS_FOLLOW_UP_ROW (widget) &&
         rapport_follow_up_get_id (rapport_follow_up_row_get_follow_up (RAPPORT_FOLLOW_UP_ROW (widget))) == *(gint64 *) data;
}

static GtkWidget *
find_row (Fixture *f,
          gint64   id)
{
  return shell_test_find_widget (f->page, is_row_of, &id);
}

static void
test_buckets (Fixture       *f,
              gconstpointer  data)
{
  gint64 other = shell_test_add_customer (f->t.db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_IRON, NULL);

  add_follow_up (f, f->customer_id, "Late last night", "2026-03-17 23:30", "Asia/Shanghai");
  add_follow_up (f, other, "Last week", "2026-03-11 09:00", "Asia/Shanghai");
  add_follow_up (f, f->customer_id, "This morning", "2026-03-18 09:00", "Asia/Shanghai");
  add_follow_up (f, other, "Tonight", "2026-03-18 23:30", "Asia/Shanghai");
  add_follow_up (f, f->customer_id, "Tomorrow first thing", "2026-03-19 00:00", "Asia/Shanghai");
  add_follow_up (f, f->customer_id, "Seventh day late", "2026-03-25 23:30", "Asia/Shanghai");
  add_follow_up (f, f->customer_id, "Eighth day", "2026-03-26 00:00", "Asia/Shanghai");
  show (f);

  assert_bucket (f, RAPPORT_DUE_BUCKET_OVERDUE, "Last week|Late last night");
  assert_bucket (f, RAPPORT_DUE_BUCKET_TODAY, "This morning|Tonight");
  assert_bucket (f, RAPPORT_DUE_BUCKET_UPCOMING, "Tomorrow first thing|Seventh day late");
  g_assert_cmpuint (rapport_today_page_get_n_due (RAPPORT_TODAY_PAGE (f->page)), ==, 4);

  /* Each group says how many; each row says whose. */
  g_assert_true (shows_text (f->page, "Overdue (2)"));
  g_assert_true (shows_text (f->page, "Today (2)"));
  g_assert_true (shows_text (f->page, "Next 7 Days (2)"));
  g_assert_true (shows_text (f->page, "Acme Trading"));
  g_assert_true (shows_text (f->page, "速阳有限公司"));
  g_assert_false (shows_text (f->page, "Eighth day"));
  g_assert_false (shows_text (f->page, "Nothing Due"));
}

static void
test_half_hour_zone (Fixture       *f,
                     gconstpointer  data)
{
  /* TEST_NOW is 08:00 in Kolkata (UTC+5:30). */
  add_follow_up (f, f->customer_id, "Kolkata 23:30", "2026-03-18 23:30", "Asia/Kolkata");
  add_follow_up (f, f->customer_id, "Kolkata midnight", "2026-03-19 00:00", "Asia/Kolkata");
  /* Written in Shanghai: 01:59 there is 23:29 in Kolkata, 02:30 is midnight. */
  add_follow_up (f, f->customer_id, "Shanghai 01:59", "2026-03-19 01:59", "Asia/Shanghai");
  add_follow_up (f, f->customer_id, "Shanghai 02:30", "2026-03-19 02:30", "Asia/Shanghai");
  add_follow_up (f, f->customer_id, "Kolkata yesterday late", "2026-03-17 23:59", "Asia/Kolkata");
  show (f);

  assert_bucket (f, RAPPORT_DUE_BUCKET_OVERDUE, "Kolkata yesterday late");
  assert_bucket (f, RAPPORT_DUE_BUCKET_TODAY, "Shanghai 01:59|Kolkata 23:30");
  assert_bucket (f, RAPPORT_DUE_BUCKET_UPCOMING, "Kolkata midnight|Shanghai 02:30");

  /* Midnight in Kolkata is 18:30 UTC. */
  g_assert_cmpint (rapport_today_page_get_next_rollover (RAPPORT_TODAY_PAGE (f->page)), ==, TEST_NOW + 16 * 3600);
}

static void
n_due_notified_cb (GObject    *object,
                   GParamSpec *pspec,
                   guint      *count)
{
  (*count)++;
}

static void
test_rollover (Fixture       *f,
               gconstpointer  data)
{
  guint notified = 0;
  gint64 midnight;

  add_follow_up (f, f->customer_id, "Today", "2026-03-18 15:00", "Asia/Shanghai");
  add_follow_up (f, f->customer_id, "Tomorrow", "2026-03-19 09:00", "Asia/Shanghai");
  add_follow_up (f, f->customer_id, "In eight days", "2026-03-26 09:00", "Asia/Shanghai");
  show (f);
  g_signal_connect (f->page, "notify::n-due", G_CALLBACK (n_due_notified_cb), &notified);

  assert_bucket (f, RAPPORT_DUE_BUCKET_TODAY, "Today");
  assert_bucket (f, RAPPORT_DUE_BUCKET_UPCOMING, "Tomorrow");

  /* The page re-buckets at the next local midnight: 16:00 UTC. */
  midnight = rapport_today_page_get_next_rollover (RAPPORT_TODAY_PAGE (f->page));
  g_assert_cmpint (midnight, ==, TEST_NOW + 13 * 3600 + 30 * 60);

  /* Past midnight, but nobody said so yet: a change that does not concern
   * Today (a new customer, a new tag) does not re-read it ... */
  rapport_clock_set_fixed (f->t.clock, midnight + 60);
  shell_test_add_customer (f->t.db, "Acme Trading", RAPPORT_STAGE_PROSPECT, RAPPORT_TIER_IRON, "Trade fair");
  shell_test_spin ();
  assert_bucket (f, RAPPORT_DUE_BUCKET_TODAY, "Today");
  g_assert_cmpuint (notified, ==, 0);

  /* A second before, nothing moves. */
  rapport_clock_set_fixed (f->t.clock, midnight - 1);
  rapport_today_page_clock_changed (RAPPORT_TODAY_PAGE (f->page));
  assert_bucket (f, RAPPORT_DUE_BUCKET_TODAY, "Today");
  g_assert_cmpuint (notified, ==, 0);

  rapport_clock_set_fixed (f->t.clock, midnight);
  rapport_today_page_clock_changed (RAPPORT_TODAY_PAGE (f->page));
  assert_bucket (f, RAPPORT_DUE_BUCKET_OVERDUE, "Today");
  assert_bucket (f, RAPPORT_DUE_BUCKET_TODAY, "Tomorrow");
  assert_bucket (f, RAPPORT_DUE_BUCKET_UPCOMING, "In eight days");
  g_assert_cmpuint (rapport_today_page_get_n_due (RAPPORT_TODAY_PAGE (f->page)), ==, 2);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (rapport_today_page_get_next_rollover (RAPPORT_TODAY_PAGE (f->page)), ==, midnight + 24 * 3600);
}

static gboolean
page_has_no_row (gpointer data)
{
  Fixture *f = data;

  return rapport_today_page_get_count (RAPPORT_TODAY_PAGE (f->page), RAPPORT_DUE_BUCKET_TODAY) == 0;
}

static void
test_done_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  gint64 first = add_follow_up (f, f->customer_id, "Call about the quote", "2026-03-18 15:00", "Asia/Shanghai");
  gint64 second = add_follow_up (f, f->customer_id, "Send samples", "2026-03-18 16:00", "Asia/Shanghai");
  GtkWidget *row, *second_row, *done;
  g_autoptr (RapportFollowUp) stored = NULL;

  show (f);
  row = find_row (f, first);
  second_row = find_row (f, second);
  g_assert_nonnull (row);

  done = shell_test_find_widget (row, is_done_button, NULL);
  g_assert_nonnull (done);
  gtk_widget_grab_focus (done);
  click (done);
  shell_test_spin ();

  stored = rapport_store_get_follow_up (f->t.db, first, NULL);
  g_assert_true (rapport_follow_up_is_done (stored));
  assert_bucket (f, RAPPORT_DUE_BUCKET_TODAY, "Send samples");
  g_assert_null (find_row (f, first));
  g_assert_cmpuint (rapport_today_page_get_n_due (RAPPORT_TODAY_PAGE (f->page)), ==, 1);
  /* The row that stayed is the same widget, and has the focus now. */
  g_assert_true (find_row (f, second) == second_row);
  g_assert_true (gtk_widget_is_focus (second_row) || gtk_widget_get_focus_child (second_row) != NULL);

  /* Undo brings it back. */
  click (shell_test_find_widget (f->overlay, is_undo_button, NULL));
  shell_test_spin ();
  assert_bucket (f, RAPPORT_DUE_BUCKET_TODAY, "Call about the quote|Send samples");

  /* Done from the store (a notification's Done) empties the page. */
  g_assert_true (rapport_store_complete_follow_up (f->t.db, first, TEST_NOW, RAPPORT_RECUR_FROM_DUE, 0, NULL, NULL));
  g_assert_true (rapport_store_complete_follow_up (f->t.db, second, TEST_NOW, RAPPORT_RECUR_FROM_DUE, 0, NULL, NULL));
  shell_test_wait_for (page_has_no_row, f);
  g_assert_true (shows_text (f->page, "Nothing Due"));
}

static void
test_follows_customer (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = add_follow_up (f, f->customer_id, "Call back", "2026-03-18 15:00", "Asia/Shanghai");
  GtkWidget *row;

  show (f);
  row = find_row (f, id);
  g_assert_nonnull (row);

  /* Renamed: the same row says the new name. */
  customer = rapport_store_get_customer (f->t.db, f->customer_id, &error);
  g_assert_no_error (error);
  rapport_customer_set_name (customer, "速阳集团");
  g_assert_true (rapport_store_update_customer (f->t.db, customer, &error));
  g_assert_no_error (error);
  shell_test_spin ();
  g_assert_true (find_row (f, id) == row);
  g_assert_true (shows_text (f->page, "速阳集团"));

  /* Trashed: its follow-ups go; restored: they come back. */
  g_assert_true (rapport_store_trash_customer (f->t.db, f->customer_id, &error));
  shell_test_spin ();
  g_assert_null (find_row (f, id));
  g_assert_true (shows_text (f->page, "Nothing Due"));

  g_assert_true (rapport_store_restore_customer (f->t.db, f->customer_id, &error));
  g_assert_no_error (error);
  shell_test_spin ();
  g_assert_nonnull (find_row (f, id));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  show (f);
  g_assert_true (shows_text (f->page, "Nothing Due"));
  g_assert_true (shows_text (f->page, "Ctrl+T"));
  g_assert_cmpuint (rapport_today_page_get_n_due (RAPPORT_TODAY_PAGE (f->page)), ==, 0);

  /* A follow-up added elsewhere shows up without being asked. */
  add_follow_up (f, f->customer_id, "New one", "2026-03-20 10:00", "Asia/Shanghai");
  shell_test_spin ();
  assert_bucket (f, RAPPORT_DUE_BUCKET_UPCOMING, "New one");
  g_assert_false (shows_text (f->page, "Nothing Due"));
}

int
main (int    argc,
      char **argv)
{
  shell_test_init (&argc, &argv);

#define ADD(path, func, zone) \
  g_test_add ("/ui/today-page/" path, Fixture, zone, fixture_set_up, func, fixture_tear_down)

  ADD ("buckets", test_buckets, NULL);
  ADD ("half-hour-zone", test_half_hour_zone, "Asia/Kolkata");
  ADD ("rollover", test_rollover, NULL);
  ADD ("done-and-undo", test_done_and_undo, NULL);
  ADD ("follows-customer", test_follows_customer, NULL);
  ADD ("empty", test_empty, NULL);

  return shell_test_run ();
}
