/* test-reminders.c
 *
 * RapportReminders against python3-dbusmock's notification daemon on a private
 * session bus (run-with-notification-daemon): what is sent (GetCalls), and
 * what each action does (ActionInvoked sent with EmitSignal). Time is the
 * session's fixed clock; nothing sleeps.
 *
 * /reminders/no-server runs on a bus without the daemon.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-reminders.h"
#include "rapport-session.h"
#include "rapport-store.h"
#include "test-utils.h"

/* 2026-03-02 09:00:00 UTC, 17:00 in Asia/Shanghai (the tests' TZ) */
#define T0 G_GINT64_CONSTANT (1772442000)
#define HOUR 3600
#define DAY 86400

#define MOCK_PATH "/org/freedesktop/Notifications"
#define MOCK_IFACE "org.freedesktop.DBus.Mock"

typedef struct
{
  char             *dir;
  char             *path;
  RapportClock     *clock;
  RapportDatabase  *db;
  RapportSession   *session;
  RapportReminders *reminders;
  GDBusConnection  *bus;
  guint             n_calls_before;   /* the mock's calls made before this test */
  gint64            customer_id;
  gint64            opened_customer_id;
  gint64            opened_follow_up_id;
  guint             n_opened;
  GPtrArray        *pages;
  GPtrArray        *notices;
} Fixture;

/* The mock */

static GVariant *
get_calls (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (f->bus, "org.freedesktop.Notifications",
                                                            MOCK_PATH, MOCK_IFACE, "GetCalls", NULL,
                                                            G_VARIANT_TYPE ("(a(tsav))"),
                                                            G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);

  g_assert_no_error (error);
  return g_variant_get_child_value (reply, 0);
}

/* The calls of @method made during this test: their arguments, as "av". */
static GPtrArray *
calls_of (Fixture    *f,
          const char *method)
{
  g_autoptr (GVariant) calls = get_calls (f);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  for (gsize i = f->n_calls_before; i < g_variant_n_children (calls); i++)
    {
      g_autoptr (GVariant) call = g_variant_get_child_value (calls, i);
      const char *name = NULL;
      GVariant *args = NULL;

      g_variant_get (call, "(t&s@av)", NULL, &name, &args);
      if (g_str_equal (name, method))
        g_ptr_array_add (found, args);
      else
        g_variant_unref (args);
    }

  return found;
}

static GVariant *
arg (GVariant *args,
     gsize     i)
{
  g_autoptr (GVariant) boxed = g_variant_get_child_value (args, i);

  return g_variant_get_variant (boxed);
}

static char *
arg_string (GVariant *args,
            gsize     i)
{
  g_autoptr (GVariant) value = arg (args, i);

  return g_variant_dup_string (value, NULL);
}

static guint32
arg_uint (GVariant *args,
          gsize     i)
{
  g_autoptr (GVariant) value = arg (args, i);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_variant_get_int32 (value);
  return g_variant_get_uint32 (value);
}

static guint
n_notified (Fixture *f)
{
  g_autoptr (GPtrArray) calls = calls_of (f, "Notify");

  return calls->len;
}

/* The summary line of this test's @i-th Notify. */
static char *
notified_summary (Fixture *f,
                  guint    i)
{
  g_autoptr (GPtrArray) calls = calls_of (f, "Notify");

  g_assert_cmpuint (i, <, calls->len);
  return arg_string (g_ptr_array_index (calls, i), 3);
}

static char *
notified_body (Fixture *f,
               guint    i)
{
  g_autoptr (GPtrArray) calls = calls_of (f, "Notify");

  g_assert_cmpuint (i, <, calls->len);
  return arg_string (g_ptr_array_index (calls, i), 4);
}

/* The id the daemon gave the last Notify: it counts from 1 over every new
 * notification it was sent, in any test. */
static guint32
last_notification_id (Fixture *f)
{
  g_autoptr (GVariant) calls = get_calls (f);
  guint32 next_id = 1;
  guint32 last = 0;

  for (gsize i = 0; i < g_variant_n_children (calls); i++)
    {
      g_autoptr (GVariant) call = g_variant_get_child_value (calls, i);
      g_autoptr (GVariant) args = NULL;
      const char *name = NULL;
      guint32 replaces;

      g_variant_get (call, "(t&s@av)", NULL, &name, &args);
      if (!g_str_equal (name, "Notify"))
        continue;
      replaces = arg_uint (args, 1);
      last = replaces != 0 ? replaces : next_id++;
    }

  g_assert_cmpuint (last, >, 0);
  return last;
}

static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
invoke_action (Fixture    *f,
               guint32     id,
               const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariantBuilder args;

  g_variant_builder_init (&args, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&args, "v", g_variant_new_uint32 (id));
  g_variant_builder_add (&args, "v", g_variant_new_string (action));
  reply = g_dbus_connection_call_sync (f->bus, "org.freedesktop.Notifications", MOCK_PATH, MOCK_IFACE,
                                       "EmitSignal",
                                       g_variant_new ("(sssav)", "org.freedesktop.Notifications",
                                                      "ActionInvoked", "us", &args),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  /* The signal came before the reply; its handler runs from the main loop.
   * A round trip more makes sure it was dispatched. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (f->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetId", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  run_pending ();
}

static gboolean
has_notification_daemon (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                            "org.freedesktop.DBus", "NameHasOwner",
                                                            g_variant_new ("(s)", "org.freedesktop.Notifications"),
                                                            G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                                            -1, NULL, NULL);
  gboolean has_owner = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* The session */

static void
open_cb (RapportReminders *reminders,
         gint64            customer_id,
         gint64            follow_up_id,
         Fixture          *f)
{
  f->opened_customer_id = customer_id;
  f->opened_follow_up_id = follow_up_id;
  f->n_opened++;
}

static void
page_cb (RapportReminders *reminders,
         const char       *page,
         Fixture          *f)
{
  g_ptr_array_add (f->pages, g_strdup (page));
}

static void
notice_cb (RapportReminders *reminders,
           const char       *message,
           Fixture          *f)
{
  g_ptr_array_add (f->notices, g_strdup (message));
}

/* Opens the session (as Rapport starting) and lets it take what is due. */
static void
open_session (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  if (f->db == NULL)
    {
      f->db = rapport_database_open (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
      g_assert_no_error (error);
      rapport_database_set_clock (f->db, f->clock);
    }

  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
  /* These tests count the reminders' deadlines and notifications alone. */
  rapport_churn_check_stop (rapport_session_get_churn_check (f->session));
  rapport_tier_recompute_stop (rapport_session_get_tier_recompute (f->session));
  f->reminders = rapport_session_get_reminders (f->session);
  g_assert_nonnull (f->reminders);
  g_signal_connect (f->reminders, "open-follow-up", G_CALLBACK (open_cb), f);
  g_signal_connect (f->reminders, "open-page", G_CALLBACK (page_cb), f);
  g_signal_connect (f->reminders, "notice", G_CALLBACK (notice_cb), f);
  run_pending ();
}

/* Quits Rapport: the session and its connection go. */
static void
close_session (Fixture *f)
{
  rapport_session_close (f->session);
  g_clear_object (&f->session);
  f->reminders = NULL;
  g_clear_object (&f->db);
  run_pending ();
}

static gint64
add_customer (Fixture    *f,
              const char *name)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;

  rapport_customer_set_name (customer, name);
  rapport_store_insert_customer (f->db, customer, &error);
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}

static RapportFollowUp *
new_follow_up (gint64      customer_id,
               const char *title,
               const char *due_local,
               const char *zone)
{
  RapportFollowUp *follow_up = rapport_follow_up_new ();

  rapport_follow_up_set_customer_id (follow_up, customer_id);
  rapport_follow_up_set_title (follow_up, title);
  rapport_follow_up_set_due_local (follow_up, due_local);
  rapport_follow_up_set_time_zone (follow_up, zone);
  rapport_follow_up_set_remind_before (follow_up, 0);
  return follow_up;
}

/* A follow-up of @customer_id due (and reminded) at @due_local in Shanghai. */
static gint64
add_follow_up (Fixture    *f,
               gint64      customer_id,
               const char *title,
               const char *due_local)
{
  g_autoptr (RapportFollowUp) follow_up = new_follow_up (customer_id, title, due_local, "Asia/Shanghai");
  g_autoptr (GError) error = NULL;

  rapport_store_insert_follow_up (f->db, follow_up, &error);
  g_assert_no_error (error);
  return rapport_follow_up_get_id (follow_up);
}

static RapportFollowUp *
get_follow_up (Fixture *f,
               gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportFollowUp *follow_up = rapport_store_get_follow_up (f->db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (follow_up);
  return follow_up;
}

static void
advance_to (Fixture *f,
            gint64   when)
{
  rapport_clock_set_fixed (f->clock, when);
  rapport_scheduler_check (rapport_session_get_scheduler (f->session));
  run_pending ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) calls = NULL;

  f->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  if (!has_notification_daemon (f->bus))
    {
      g_test_skip ("No notification daemon (run through run-with-notification-daemon)");
      return;
    }
  calls = get_calls (f);
  f->n_calls_before = g_variant_n_children (calls);

  f->dir = test_make_dir ("rapport-reminders");
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->clock = rapport_clock_new ();
  rapport_clock_set_fixed (f->clock, T0 - HOUR);
  f->pages = g_ptr_array_new_with_free_func (g_free);
  f->notices = g_ptr_array_new_with_free_func (g_free);

  open_session (f);
  f->customer_id = add_customer (f, "苏州速阳建材有限公司");
  run_pending ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->session != NULL)
    close_session (f);
  g_clear_object (&f->db);
  g_clear_object (&f->clock);
  g_clear_object (&f->bus);
  g_clear_pointer (&f->pages, g_ptr_array_unref);
  g_clear_pointer (&f->notices, g_ptr_array_unref);
  if (f->dir != NULL)
    test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  run_pending ();
}

#define SKIP_WITHOUT_DAEMON(f) G_STMT_START { if ((f)->session == NULL) return; } G_STMT_END

/* Tests */

static void
test_due_now (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autoptr (RapportFollowUp) follow_up = NULL;
  gint64 id;

  SKIP_WITHOUT_DAEMON (f);

  id = add_follow_up (f, f->customer_id, "Call back about the quote", "2026-03-02 17:00");
  run_pending ();
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (rapport_session_get_scheduler (f->session)), ==, T0);
  g_assert_cmpuint (n_notified (f), ==, 0);

  advance_to (f, T0 - 1);
  g_assert_cmpuint (n_notified (f), ==, 0);

  advance_to (f, T0);
  g_assert_cmpuint (n_notified (f), ==, 1);
  summary = notified_summary (f, 0);
  body = notified_body (f, 0);
  g_assert_cmpstr (summary, ==, "苏州速阳建材有限公司");
  g_assert_nonnull (strstr (body, "Call back about the quote"));
  g_assert_nonnull (strstr (body, "Due 17:00"));

  /* Delivered once: neither a later check nor a restart shows it again. */
  advance_to (f, T0 + 60);
  g_assert_cmpuint (n_notified (f), ==, 1);
  close_session (f);
  open_session (f);
  advance_to (f, T0 + HOUR);
  g_assert_cmpuint (n_notified (f), ==, 1);

  follow_up = get_follow_up (f, id);
  g_assert_cmpint (rapport_follow_up_get_notified_at (follow_up), ==, T0);
}

/* Rapport not running while three fell due: one summary when it starts, and
 * nothing again at the next start. One older than the catch-up window is
 * recorded without a word (the Today page lists it). */
static void
test_missed_while_closed (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *summary = NULL;
  g_autoptr (RapportFollowUp) old = NULL;
  gint64 old_id;

  SKIP_WITHOUT_DAEMON (f);

  close_session (f);
  open_session (f);
  add_follow_up (f, f->customer_id, "Send the samples", "2026-03-01 10:00");
  add_follow_up (f, f->customer_id, "Confirm the order", "2026-03-01 11:00");
  add_follow_up (f, f->customer_id, "Ask about the invoice", "2026-03-02 08:00");
  old_id = add_follow_up (f, f->customer_id, "Long forgotten", "2026-02-01 10:00");
  close_session (f);

  rapport_clock_set_fixed (f->clock, T0);
  open_session (f);
  g_assert_cmpuint (n_notified (f), ==, 1);
  summary = notified_summary (f, 0);
  g_assert_cmpstr (summary, ==, "3 follow-ups were due while Rapport was closed");

  old = get_follow_up (f, old_id);
  g_assert_cmpint (rapport_follow_up_get_notified_at (old), ==, T0);

  close_session (f);
  rapport_clock_advance (f->clock, 60);
  open_session (f);
  g_assert_cmpuint (n_notified (f), ==, 1);
}

/* A single one missed is an ordinary reminder. */
static void
test_one_missed (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *summary = NULL;

  SKIP_WITHOUT_DAEMON (f);

  add_follow_up (f, f->customer_id, "Send the samples", "2026-03-02 16:30");
  close_session (f);

  rapport_clock_set_fixed (f->clock, T0 + 2 * HOUR);
  open_session (f);
  g_assert_cmpuint (n_notified (f), ==, 1);
  summary = notified_summary (f, 0);
  g_assert_cmpstr (summary, ==, "苏州速阳建材有限公司");
}

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (RapportFollowUp) follow_up = NULL;
  gint64 id;

  SKIP_WITHOUT_DAEMON (f);

  id = add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  advance_to (f, T0);
  g_assert_cmpuint (n_notified (f), ==, 1);

  rapport_clock_set_fixed (f->clock, T0 + 120);
  invoke_action (f, last_notification_id (f), "snooze");
  follow_up = get_follow_up (f, id);
  g_assert_cmpint (rapport_follow_up_get_snoozed_until (follow_up), ==, T0 + 120 + HOUR);
  g_assert_false (rapport_follow_up_is_done (follow_up));
  g_assert_cmpuint (f->n_opened, ==, 0);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (rapport_session_get_scheduler (f->session)), ==,
                   T0 + 120 + HOUR);

  advance_to (f, T0 + 120 + HOUR - 1);
  g_assert_cmpuint (n_notified (f), ==, 1);
  advance_to (f, T0 + 120 + HOUR);
  g_assert_cmpuint (n_notified (f), ==, 2);
  advance_to (f, T0 + 3 * HOUR);
  g_assert_cmpuint (n_notified (f), ==, 2);
}

static void
test_done (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (RapportFollowUp) follow_up = NULL;
  gint64 id;

  SKIP_WITHOUT_DAEMON (f);

  id = add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  advance_to (f, T0);
  invoke_action (f, last_notification_id (f), "done");

  follow_up = get_follow_up (f, id);
  g_assert_true (rapport_follow_up_is_done (follow_up));
  g_assert_cmpuint (f->n_opened, ==, 0);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (rapport_session_get_scheduler (f->session)), ==, 0);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (RapportFollowUp) follow_up = NULL;
  gint64 id;

  SKIP_WITHOUT_DAEMON (f);

  id = add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  advance_to (f, T0);
  invoke_action (f, last_notification_id (f), "default");

  g_assert_cmpuint (f->n_opened, ==, 1);
  g_assert_cmpint (f->opened_customer_id, ==, f->customer_id);
  g_assert_cmpint (f->opened_follow_up_id, ==, id);
  follow_up = get_follow_up (f, id);
  g_assert_false (rapport_follow_up_is_done (follow_up));
}

/* Every Thursday at 9:00 in Berlin, across the end of summer time
 * (2026-10-25): the reminder comes at 07:00 UTC, then at 08:00 UTC. */
static void
test_recurrence_across_dst (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (RapportFollowUp) follow_up = NULL;
  g_autoptr (RapportFollowUp) next = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  RapportScheduler *scheduler = rapport_session_get_scheduler (f->session);
  gint64 summer = 1792652400;   /* 2026-10-22 07:00 UTC */
  gint64 winter = 1793260800;   /* 2026-10-29 08:00 UTC */
  GListModel *list;

  SKIP_WITHOUT_DAEMON (f);

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  rapport_clock_set_fixed (f->clock, summer - DAY);

  /* No zone given: the local one, Berlin. */
  follow_up = new_follow_up (f->customer_id, "Weekly call", "2026-10-22 09:00", NULL);
  rapport_follow_up_set_repeat_unit (follow_up, RAPPORT_REPEAT_WEEKS);
  rapport_follow_up_set_repeat_every (follow_up, 1);
  rapport_store_insert_follow_up (f->db, follow_up, &error);
  g_assert_no_error (error);
  run_pending ();
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (scheduler), ==, summer);

  advance_to (f, summer);
  g_assert_cmpuint (n_notified (f), ==, 1);
  body = notified_body (f, 0);
  g_assert_nonnull (strstr (body, "Due 09:00"));

  invoke_action (f, last_notification_id (f), "done");
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (scheduler), ==, winter);

  list = rapport_store_list_follow_ups (f->db, f->customer_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  next = g_list_model_get_item (list, 0);
  g_assert_cmpstr (rapport_follow_up_get_due_local (next), ==, "2026-10-29 09:00");
  g_object_unref (list);

  advance_to (f, winter - HOUR);
  g_assert_cmpuint (n_notified (f), ==, 1);
  advance_to (f, winter);
  g_assert_cmpuint (n_notified (f), ==, 2);

  g_setenv ("TZ", "Asia/Shanghai", TRUE);
}

/* The user moves from Shanghai to Berlin before a reminder: it comes at the
 * same instant (its zone is Shanghai's), the bubble saying the time there is
 * now, Berlin time. */
static void
test_time_zone_change (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *body = NULL;

  SKIP_WITHOUT_DAEMON (f);

  add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  run_pending ();

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  advance_to (f, T0 - 60);   /* timedated said the zone changed */
  g_assert_cmpuint (n_notified (f), ==, 0);
  g_assert_cmpint (rapport_scheduler_get_armed_deadline (rapport_session_get_scheduler (f->session)), ==, T0);

  advance_to (f, T0);
  g_assert_cmpuint (n_notified (f), ==, 1);
  body = notified_body (f, 0);
  g_assert_nonnull (strstr (body, "Due 10:00"));

  g_setenv ("TZ", "Asia/Shanghai", TRUE);
}

static void
test_same_minute (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 other;

  SKIP_WITHOUT_DAEMON (f);

  other = add_customer (f, "Beta Trading");
  add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  add_follow_up (f, other, "Send the quote", "2026-03-02 17:00");
  advance_to (f, T0 + 30);

  g_assert_cmpuint (n_notified (f), ==, 2);
  first = notified_summary (f, 0);
  second = notified_summary (f, 1);
  g_assert_cmpstr (first, !=, second);
}

static gboolean
insert_many (RapportDatabase  *db,
             gpointer          user_data,
             GError          **error)
{
  gint64 customer_id = *(gint64 *) user_data;

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr (RapportFollowUp) follow_up = new_follow_up (customer_id, "Call", "2026-03-02 17:00",
                                                             "Asia/Shanghai");

      if (!rapport_store_insert_follow_up (db, follow_up, error))
        return FALSE;
    }
  return TRUE;
}

static void
test_thousand_at_once (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;

  SKIP_WITHOUT_DAEMON (f);

  rapport_database_run_in_transaction (f->db, insert_many, &f->customer_id, &error);
  g_assert_no_error (error);
  advance_to (f, T0);

  g_assert_cmpuint (n_notified (f), ==, 1);
  summary = notified_summary (f, 0);
  g_assert_cmpstr (summary, ==, "1000 follow-ups are due");

  invoke_action (f, last_notification_id (f), "default");
  g_assert_cmpuint (f->pages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->pages, 0), ==, "today");
}

/* Edited in Rapport while its bubble is up: the bubble goes, and Done on it
 * (a server may still deliver it) undoes nothing. */
static void
test_edited_while_shown (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (RapportFollowUp) follow_up = NULL;
  g_autoptr (RapportFollowUp) after = NULL;
  g_autoptr (GPtrArray) closed = NULL;
  g_autoptr (GError) error = NULL;
  guint32 notification;
  gint64 id;

  SKIP_WITHOUT_DAEMON (f);

  id = add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  advance_to (f, T0);
  notification = last_notification_id (f);

  follow_up = get_follow_up (f, id);
  rapport_follow_up_set_title (follow_up, "Call back after the fair");
  rapport_store_update_follow_up (f->db, follow_up, &error);
  g_assert_no_error (error);
  run_pending ();

  closed = calls_of (f, "CloseNotification");
  g_assert_cmpuint (closed->len, ==, 1);
  g_assert_cmpuint (arg_uint (g_ptr_array_index (closed, 0), 0), ==, notification);

  invoke_action (f, notification, "done");
  after = get_follow_up (f, id);
  g_assert_false (rapport_follow_up_is_done (after));
  g_assert_cmpstr (rapport_follow_up_get_title (after), ==, "Call back after the fair");
}

/* Edited by another connection (another Rapport on the same file) that this
 * session did not hear of: Done on the stale bubble is refused by revision,
 * and the follow-up is opened instead. */
static void
test_stale_done_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (RapportDatabase) other = NULL;
  g_autoptr (RapportFollowUp) follow_up = NULL;
  g_autoptr (RapportFollowUp) after = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  SKIP_WITHOUT_DAEMON (f);

  id = add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  advance_to (f, T0);

  other = rapport_database_open (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  follow_up = rapport_store_get_follow_up (other, id, &error);
  g_assert_no_error (error);
  rapport_follow_up_set_due_local (follow_up, "2026-03-03 10:00");
  rapport_store_update_follow_up (other, follow_up, &error);
  g_assert_no_error (error);

  invoke_action (f, last_notification_id (f), "done");
  after = get_follow_up (f, id);
  g_assert_false (rapport_follow_up_is_done (after));
  g_assert_cmpstr (rapport_follow_up_get_due_local (after), ==, "2026-03-03 10:00");
  g_assert_cmpuint (f->n_opened, ==, 1);
  g_assert_cmpint (f->opened_follow_up_id, ==, id);
}

/* A customer in the Trash raises no reminder; restored, its reminder comes. */
static void
test_trashed_customer (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;

  SKIP_WITHOUT_DAEMON (f);

  add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  run_pending ();
  rapport_store_trash_customer (f->db, f->customer_id, &error);
  g_assert_no_error (error);
  run_pending ();

  advance_to (f, T0 + 60);
  g_assert_cmpuint (n_notified (f), ==, 0);

  rapport_store_restore_customer (f->db, f->customer_id, &error);
  g_assert_no_error (error);
  run_pending ();
  g_assert_cmpuint (n_notified (f), ==, 1);
  summary = notified_summary (f, 0);
  g_assert_cmpstr (summary, ==, "苏州速阳建材有限公司");
}

/* The customer is trashed while its bubble is up: the bubble goes. */
static void
test_trashed_while_shown (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GPtrArray) closed = NULL;
  g_autoptr (GError) error = NULL;

  SKIP_WITHOUT_DAEMON (f);

  add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  advance_to (f, T0);
  rapport_store_trash_customer (f->db, f->customer_id, &error);
  g_assert_no_error (error);
  run_pending ();

  closed = calls_of (f, "CloseNotification");
  g_assert_cmpuint (closed->len, ==, 1);
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GPtrArray) calls = NULL;
  guint32 first;

  SKIP_WITHOUT_DAEMON (f);

  rapport_reminders_show_summary (f->reminders, "churn", "2 customers are at risk", "Acme & Co", "at-risk");
  first = last_notification_id (f);
  rapport_reminders_show_summary (f->reminders, "churn", "3 customers are at risk", NULL, "at-risk");

  calls = calls_of (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_cmpuint (arg_uint (g_ptr_array_index (calls, 1), 1), ==, first);

  invoke_action (f, first, "default");
  g_assert_cmpuint (f->pages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->pages, 0), ==, "at-risk");
  g_assert_null (rapport_reminders_get_notice (f->reminders));
}

/* A read-only file cannot record a delivery: it takes no reminders. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (RapportSession) session = NULL;
  g_autoptr (GError) error = NULL;

  SKIP_WITHOUT_DAEMON (f);

  add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  close_session (f);

  rapport_clock_set_fixed (f->clock, T0);
  db = rapport_database_open (f->path, RAPPORT_DATABASE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (db, f->clock);
  session = rapport_session_new_for_database (db, NULL, FALSE);
  run_pending ();
  rapport_scheduler_check (rapport_session_get_scheduler (session));
  run_pending ();
  g_assert_cmpuint (n_notified (f), ==, 0);
  rapport_session_close (session);
}

/* Sample data's customers are made up: no notifications about them. */
static void
test_sample_data (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (RapportSession) session = NULL;

  SKIP_WITHOUT_DAEMON (f);

  add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  rapport_session_close (f->session);
  g_clear_object (&f->session);

  rapport_clock_set_fixed (f->clock, T0);
  session = rapport_session_new_for_database (f->db, NULL, TRUE);
  run_pending ();
  rapport_scheduler_check (rapport_session_get_scheduler (session));
  run_pending ();
  g_assert_cmpuint (n_notified (f), ==, 0);
  g_assert_nonnull (rapport_session_get_reminders (session));
  rapport_session_close (session);
}

/* The notification server fails every call: one notice, no crash. */
static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  SKIP_WITHOUT_DAEMON (f);

  reply = g_dbus_connection_call_sync (f->bus, "org.freedesktop.Notifications", MOCK_PATH, MOCK_IFACE,
                                       "AddMethod",
                                       g_variant_new ("(sssss)", "org.freedesktop.Notifications", "Notify",
                                                      "susssasa{sv}i", "u",
                                                      "raise dbus.exceptions.DBusException('broken', "
                                                      "name='org.freedesktop.DBus.Error.Failed')"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  add_follow_up (f, f->customer_id, "Send the quote", "2026-03-02 17:30");
  advance_to (f, T0);
  advance_to (f, T0 + HOUR);

  g_assert_cmpuint (f->notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->notices, 0), "notification service failed"));
  g_assert_cmpstr (rapport_reminders_get_notice (f->reminders), ==, g_ptr_array_index (f->notices, 0));
}

/* No notification server at all (run on a bus without the daemon). */
static void
test_no_server (void)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autoptr (RapportFollowUp) follow_up = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (bus != NULL && has_notification_daemon (bus))
    {
      g_test_skip ("A notification daemon is running");
      return;
    }

  f->dir = test_make_dir ("rapport-reminders");
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->clock = rapport_clock_new ();
  rapport_clock_set_fixed (f->clock, T0 - HOUR);
  f->pages = g_ptr_array_new_with_free_func (g_free);
  f->notices = g_ptr_array_new_with_free_func (g_free);
  open_session (f);
  f->customer_id = add_customer (f, "苏州速阳建材有限公司");

  id = add_follow_up (f, f->customer_id, "Call back", "2026-03-02 17:00");
  add_follow_up (f, f->customer_id, "Send the quote", "2026-03-02 17:30");
  advance_to (f, T0);
  advance_to (f, T0 + HOUR);
  rapport_reminders_show_summary (f->reminders, "churn", "2 customers are at risk", NULL, "at-risk");

  g_assert_cmpuint (f->notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->notices, 0), "no notification service"));

  /* Delivered all the same: the Today page shows it. */
  follow_up = get_follow_up (f, id);
  g_assert_cmpint (rapport_follow_up_get_notified_at (follow_up), ==, T0);
  g_assert_cmpuint (rapport_store_count_open_follow_ups (f->db, T0 + DAY), ==, 2);

  fixture_tear_down (f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/reminders/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("due-now", test_due_now);
  ADD ("missed-while-closed", test_missed_while_closed);
  ADD ("one-missed", test_one_missed);
  ADD ("snooze", test_snooze);
  ADD ("done", test_done);
  ADD ("open", test_open);
  ADD ("recurrence-across-dst", test_recurrence_across_dst);
  ADD ("time-zone-change", test_time_zone_change);
  ADD ("same-minute", test_same_minute);
  ADD ("thousand-at-once", test_thousand_at_once);
  ADD ("edited-while-shown", test_edited_while_shown);
  ADD ("stale-done-refused", test_stale_done_refused);
  ADD ("trashed-customer", test_trashed_customer);
  ADD ("trashed-while-shown", test_trashed_while_shown);
  ADD ("summary", test_summary);
  ADD ("read-only", test_read_only);
  ADD ("sample-data", test_sample_data);
  ADD ("server-errors", test_server_errors);
#undef ADD
  g_test_add_func ("/reminders/no-server", test_no_server);

  return g_test_run ();
}
