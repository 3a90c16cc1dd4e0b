/* test-follow-ups.c
 *
 * Follow-ups and their reminders: due times in named zones across
 * daylight-saving changes, each reminder taken exactly once (also across a
 * restart, an edit and a snooze), recurrence, revision conflicts, and a
 * follow-up going with its customer to the Trash and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "store-test-helpers.h"

#define MINUTE 60
#define HOUR   3600
#define DAY    86400

static RapportFollowUp *
new_follow_up (gint64      customer_id,
               const char *title,
               const char *due_local,
               const char *time_zone,
               int         remind_before)
{
  RapportFollowUp *follow_up = rapport_follow_up_new ();

  rapport_follow_up_set_customer_id (follow_up, customer_id);
  rapport_follow_up_set_title (follow_up, title);
  rapport_follow_up_set_due_local (follow_up, due_local);
  rapport_follow_up_set_time_zone (follow_up, time_zone);
  rapport_follow_up_set_remind_before (follow_up, remind_before);

  return follow_up;
}

static RapportFollowUp *
add_follow_up (RapportDatabase *db,
               gint64           customer_id,
               const char      *title,
               const char      *due_local,
               const char      *time_zone,
               int              remind_before)
{
  g_autoptr (GError) error = NULL;
  RapportFollowUp *follow_up = new_follow_up (customer_id, title, due_local, time_zone, remind_before);

  g_assert_true (rapport_store_insert_follow_up (db, follow_up, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_follow_up_get_id (follow_up), >, 0);

  return follow_up;
}

/* A due time @seconds after TEST_NOW (2026-11-22 08:00 UTC), in UTC. */
static char *
utc_local (gint64 seconds)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  return rapport_due_time_from_unix (TEST_NOW + seconds, utc);
}

static RapportFollowUp *
get_follow_up (Fixture *fixture,
               gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportFollowUp *follow_up = rapport_store_get_follow_up (fixture->db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (follow_up);
  return follow_up;
}

static gint64
next_reminder_at (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  gint64 next = rapport_store_get_next_reminder_at (fixture->db, &error);

  g_assert_no_error (error);
  return next;
}

/* Takes the reminders due at @now (stale: older than a week); returns the
 * fresh ones. */
static GPtrArray *
take (Fixture *fixture,
      gint64   now,
      guint   *out_n_stale)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *fresh = NULL;
  guint n_stale = G_MAXUINT;

  g_assert_true (rapport_store_take_due_reminders (fixture->db, now, now - 7 * DAY, &fresh, &n_stale, &error));
  g_assert_no_error (error);
  g_assert_nonnull (fresh);
  g_assert_cmpuint (n_stale, !=, G_MAXUINT);
  if (out_n_stale != NULL)
    *out_n_stale = n_stale;
  return fresh;
}

static guint
take_count (Fixture *fixture,
            gint64   now)
{
  g_autoptr (GPtrArray) fresh = take (fixture, now, NULL);

  return fresh->len;
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static guint
count_customer_follow_ups (Fixture *fixture,
                           gint64   customer_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = rapport_store_list_follow_ups (fixture->db, customer_id, FALSE, &error);

  g_assert_no_error (error);
  return n_items (list);
}

static void
test_insert_and_get (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "华南贸易有限公司", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportFollowUp) follow_up = new_follow_up (customer_id, "  回电话：报价  ", "2026-11-23 09:30",
                                                         "Asia/Shanghai", 15);
  g_autoptr (RapportFollowUp) stored = NULL;
  g_autoptr (RapportFollowUp) local = NULL;
  g_autoptr (GTimeZone) zone = g_time_zone_new_local ();

  rapport_follow_up_set_note (follow_up, "Ask about the 200 m² order");
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_insert_follow_up (fixture->db, follow_up, &error));
  g_assert_no_error (error);

  g_assert_true (g_uuid_string_is_valid (rapport_follow_up_get_uuid (follow_up)));
  g_assert_cmpstr (rapport_follow_up_get_title (follow_up), ==, "回电话：报价");
  /* 09:30 in Shanghai (UTC+8) is 01:30 UTC. */
  g_assert_cmpint (rapport_follow_up_get_due_at (follow_up), ==, TEST_NOW + 17 * HOUR + 30 * MINUTE);
  g_assert_cmpint (rapport_follow_up_get_remind_at (follow_up), ==, TEST_NOW + 17 * HOUR + 15 * MINUTE);
  g_assert_cmpint (rapport_follow_up_get_revision (follow_up), ==, 1);
  g_assert_cmpint (rapport_follow_up_get_created_at (follow_up), ==, TEST_NOW);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1,
                  RAPPORT_ENTITY_KIND_FOLLOW_UP, rapport_follow_up_get_id (follow_up), RAPPORT_CHANGE_INSERTED);

  stored = get_follow_up (fixture, rapport_follow_up_get_id (follow_up));
  g_assert_cmpstr (rapport_follow_up_get_uuid (stored), ==, rapport_follow_up_get_uuid (follow_up));
  g_assert_cmpint (rapport_follow_up_get_customer_id (stored), ==, customer_id);
  g_assert_cmpstr (rapport_follow_up_get_customer_name (stored), ==, "华南贸易有限公司");
  g_assert_cmpstr (rapport_follow_up_get_title (stored), ==, "回电话：报价");
  g_assert_cmpstr (rapport_follow_up_get_note (stored), ==, "Ask about the 200 m² order");
  g_assert_cmpstr (rapport_follow_up_get_due_local (stored), ==, "2026-11-23 09:30");
  g_assert_cmpstr (rapport_follow_up_get_time_zone (stored), ==, "Asia/Shanghai");
  g_assert_cmpint (rapport_follow_up_get_due_at (stored), ==, rapport_follow_up_get_due_at (follow_up));
  g_assert_cmpint (rapport_follow_up_get_remind_before (stored), ==, 15);
  g_assert_cmpint (rapport_follow_up_get_remind_at (stored), ==, rapport_follow_up_get_remind_at (follow_up));
  g_assert_cmpint (rapport_follow_up_get_repeat_unit (stored), ==, RAPPORT_REPEAT_NONE);
  g_assert_cmpint (rapport_follow_up_get_notified_at (stored), ==, 0);
  g_assert_cmpint (rapport_follow_up_get_revision (stored), ==, 1);
  g_assert_false (rapport_follow_up_is_done (stored));

  /* No zone: the local one, named, so the due time keeps its meaning. */
  local = add_follow_up (fixture->db, customer_id, "Local", "2026-11-24 10:00", NULL, RAPPORT_FOLLOW_UP_NO_REMINDER);
  g_assert_cmpstr (rapport_follow_up_get_time_zone (local), ==, g_time_zone_get_identifier (zone));
  g_assert_cmpint (rapport_follow_up_get_remind_at (local), ==, 0);

  g_assert_null (rapport_store_get_follow_up (fixture->db, 999, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The follow-up no longer exists");
}

static void
assert_refused (Fixture         *fixture,
                RapportFollowUp *follow_up,
                const char      *message)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rapport_store_insert_follow_up (fixture->db, follow_up, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (rapport_follow_up_get_id (follow_up), ==, 0);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportCustomer) other = add_customer (fixture->db, "Other Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportFollowUp) follow_up = new_follow_up (customer_id, "Call back", "2026-11-23 09:00",
                                                         "Asia/Shanghai", 0);
  g_autoptr (RapportFollowUp) past = NULL;
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  g_autoptr (GListModel) open = NULL;
  const guint every_refused[] = { 0, (guint) -1, 1000 };

  rapport_contact_set_customer_id (contact, rapport_customer_get_id (other));
  rapport_contact_set_name (contact, "Li Wei");
  g_assert_true (rapport_store_insert_contact (fixture->db, contact, &error));
  g_assert_no_error (error);
  fixture_clear_changes (fixture);

  rapport_follow_up_set_title (follow_up, "   ");
  assert_refused (fixture, follow_up, "A follow-up needs a title");
  rapport_follow_up_set_title (follow_up, "Call back");

  rapport_follow_up_set_due_local (follow_up, "2026-02-30 09:00");
  assert_refused (fixture, follow_up,
                  "“2026-02-30 09:00” is not a date and time: write it as YYYY-MM-DD HH:MM, like 2024-02-29 09:30");
  rapport_follow_up_set_due_local (follow_up, NULL);
  assert_refused (fixture, follow_up,
                  "“” is not a date and time: write it as YYYY-MM-DD HH:MM, like 2024-02-29 09:30");
  rapport_follow_up_set_due_local (follow_up, "2026-11-23 09:00");

  rapport_follow_up_set_time_zone (follow_up, "Mars/Olympus_Mons");
  assert_refused (fixture, follow_up, "“Mars/Olympus_Mons” is not a time zone: use a name such as Asia/Shanghai");
  rapport_follow_up_set_time_zone (follow_up, "Asia/Shanghai");

  rapport_follow_up_set_remind_before (follow_up, -5);
  assert_refused (fixture, follow_up, "A reminder comes up to a year before the due time");
  rapport_follow_up_set_remind_before (follow_up, 15);

  rapport_follow_up_set_repeat_unit (follow_up, RAPPORT_REPEAT_WEEKS);
  for (guint i = 0; i < G_N_ELEMENTS (every_refused); i++)
    {
      rapport_follow_up_set_repeat_every (follow_up, every_refused[i]);
      assert_refused (fixture, follow_up, "A follow-up repeats every 1 to 999 days, weeks or months");
    }

  rapport_follow_up_set_repeat_every (follow_up, 2);
  rapport_follow_up_set_contact_id (follow_up, rapport_contact_get_id (contact));
  assert_refused (fixture, follow_up, "The contact belongs to another customer");
  rapport_follow_up_set_contact_id (follow_up, 0);

  rapport_follow_up_set_customer_id (follow_up, 4242);
  assert_refused (fixture, follow_up, "The customer no longer exists");
  rapport_follow_up_set_customer_id (follow_up, customer_id);

  g_assert_true (rapport_store_trash_customer (fixture->db, customer_id, &error));
  fixture_clear_changes (fixture);
  assert_refused (fixture, follow_up, "The customer is in the Trash");
  g_assert_true (rapport_store_restore_customer (fixture->db, customer_id, &error));
  fixture_clear_changes (fixture);

  /* Nothing refused was written or announced. */
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_cmpuint (count_customer_follow_ups (fixture, customer_id), ==, 0);

  /* Recurrence of 999 is the most. */
  rapport_follow_up_set_repeat_every (follow_up, 999);
  g_assert_true (rapport_store_insert_follow_up (fixture->db, follow_up, &error));
  g_assert_no_error (error);

  /* A due time in the past is accepted and shown overdue. */
  past = add_follow_up (fixture->db, customer_id, "Send the catalogue", "2026-11-01 09:00", "Asia/Shanghai",
                        RAPPORT_FOLLOW_UP_NO_REMINDER);
  open = rapport_store_list_open_follow_ups (fixture->db, TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (open), ==, 1);
  {
    g_autoptr (RapportFollowUp) item = g_list_model_get_item (open, 0);

    g_assert_cmpint (rapport_follow_up_get_id (item), ==, rapport_follow_up_get_id (past));
  }

  /* An update is checked the same way and changes nothing when refused. */
  rapport_follow_up_set_repeat_every (follow_up, 0);
  g_assert_false (rapport_store_update_follow_up (fixture->db, follow_up, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr (RapportFollowUp) stored = get_follow_up (fixture, rapport_follow_up_get_id (follow_up));

    g_assert_cmpuint (rapport_follow_up_get_repeat_every (stored), ==, 999);
    g_assert_cmpint (rapport_follow_up_get_revision (stored), ==, 1);
  }
}

/* 2026-03-29 in Berlin: clocks go from 02:00 to 03:00; 2026-10-25 they go
 * back from 03:00 to 02:00. A weekly 09:00 stays at 09:00 across the change. */
static void
test_daylight_saving (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Berliner Kaffee GmbH", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportFollowUp) gap = NULL;
  g_autoptr (RapportFollowUp) repeated = NULL;
  g_autoptr (RapportFollowUp) weekly = NULL;
  g_autoptr (RapportFollowUp) next = NULL;
  gint64 next_id = 0;

  /* 02:30 does not exist: the first minute after the gap, 03:00 CEST. */
  gap = add_follow_up (fixture->db, customer_id, "Gap", "2026-03-29 02:30", "Europe/Berlin", 0);
  g_assert_cmpint (rapport_follow_up_get_due_at (gap), ==, 1774746000);  /* 01:00 UTC */

  /* 02:30 exists twice: the first, still summer time. */
  repeated = add_follow_up (fixture->db, customer_id, "Repeated", "2026-10-25 02:30", "Europe/Berlin", 0);
  g_assert_cmpint (rapport_follow_up_get_due_at (repeated), ==, 1792888200);  /* 00:30 UTC */

  weekly = new_follow_up (customer_id, "Weekly call", "2026-03-26 09:00", "Europe/Berlin", 10);
  rapport_follow_up_set_repeat_unit (weekly, RAPPORT_REPEAT_WEEKS);
  rapport_follow_up_set_repeat_every (weekly, 1);
  g_assert_true (rapport_store_insert_follow_up (fixture->db, weekly, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_follow_up_get_due_at (weekly), ==, 1774512000);  /* 08:00 UTC, CET */

  g_assert_true (rapport_store_complete_follow_up (fixture->db, rapport_follow_up_get_id (weekly), 0,
                                                   RAPPORT_RECUR_FROM_DUE, 0, &next_id, &error));
  g_assert_no_error (error);
  next = get_follow_up (fixture, next_id);
  g_assert_cmpstr (rapport_follow_up_get_due_local (next), ==, "2026-04-02 09:00");
  g_assert_cmpint (rapport_follow_up_get_due_at (next), ==, 1775113200);  /* 07:00 UTC, CEST */
  g_assert_cmpint (rapport_follow_up_get_due_at (next) - rapport_follow_up_get_due_at (weekly), ==, 7 * DAY - HOUR);
  g_assert_cmpint (rapport_follow_up_get_remind_at (next), ==, 1775113200 - 10 * MINUTE);
}

/* Zones whose offset is not whole hours: Kolkata (+05:30), and Adelaide
 * (+09:30, +10:30 in summer from 4 October 2026). */
static void
test_half_hour_zones (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Mumbai Textiles", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportFollowUp) kolkata = NULL;
  g_autoptr (RapportFollowUp) adelaide = NULL;
  g_autoptr (RapportFollowUp) next = NULL;
  g_autoptr (GPtrArray) fresh = NULL;
  gint64 next_id = 0;

  kolkata = add_follow_up (fixture->db, customer_id, "Kolkata", "2026-11-22 14:00", "Asia/Kolkata", 30);
  g_assert_cmpint (rapport_follow_up_get_due_at (kolkata), ==, 1795336200);  /* 08:30 UTC */
  g_assert_cmpint (rapport_follow_up_get_remind_at (kolkata), ==, TEST_NOW);
  fresh = take (fixture, TEST_NOW, NULL);
  g_assert_cmpuint (fresh->len, ==, 1);
  g_assert_cmpint (rapport_follow_up_get_id (g_ptr_array_index (fresh, 0)), ==, rapport_follow_up_get_id (kolkata));

  adelaide = new_follow_up (customer_id, "Adelaide", "2026-09-30 09:00", "Australia/Adelaide", 0);
  rapport_follow_up_set_repeat_unit (adelaide, RAPPORT_REPEAT_WEEKS);
  rapport_follow_up_set_repeat_every (adelaide, 1);
  g_assert_true (rapport_store_insert_follow_up (fixture->db, adelaide, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_follow_up_get_due_at (adelaide), ==, 1790724600);  /* 23:30 UTC the day before */

  g_assert_true (rapport_store_complete_follow_up (fixture->db, rapport_follow_up_get_id (adelaide), 0,
                                                   RAPPORT_RECUR_FROM_DUE, 0, &next_id, &error));
  g_assert_no_error (error);
  next = get_follow_up (fixture, next_id);
  g_assert_cmpstr (rapport_follow_up_get_due_local (next), ==, "2026-10-07 09:00");
  g_assert_cmpint (rapport_follow_up_get_due_at (next), ==, 1791325800);  /* 22:30 UTC the day before */
}

static void
test_take_exactly_once (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autofree char *due = utc_local (HOUR);
  g_autofree char *later = utc_local (2 * HOUR);
  g_autoptr (RapportFollowUp) first = NULL;
  g_autoptr (RapportFollowUp) second = NULL;
  g_autoptr (RapportFollowUp) third = NULL;
  g_autoptr (RapportFollowUp) stored = NULL;
  g_autoptr (GPtrArray) fresh = NULL;
  guint n_stale = 0;

  /* Two in the same minute, and one an hour later. */
  first = add_follow_up (fixture->db, customer_id, "First", due, "UTC", 0);
  second = add_follow_up (fixture->db, customer_id, "Second", due, "UTC", 0);
  third = add_follow_up (fixture->db, customer_id, "Third", later, "UTC", 0);

  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + HOUR);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR - 1), ==, 0);

  fixture_clear_changes (fixture);
  fresh = take (fixture, TEST_NOW + HOUR + 30, &n_stale);
  g_assert_cmpuint (fresh->len, ==, 2);
  g_assert_cmpuint (n_stale, ==, 0);
  g_assert_cmpint (rapport_follow_up_get_id (g_ptr_array_index (fresh, 0)), ==, rapport_follow_up_get_id (first));
  g_assert_cmpint (rapport_follow_up_get_id (g_ptr_array_index (fresh, 1)), ==, rapport_follow_up_get_id (second));
  g_assert_cmpint (rapport_follow_up_get_notified_at (g_ptr_array_index (fresh, 0)), ==, TEST_NOW + HOUR + 30);
  g_assert_cmpstr (rapport_follow_up_get_customer_name (g_ptr_array_index (fresh, 0)), ==, "Acme Trading");
  assert_changes (fixture, 2,
                  RAPPORT_ENTITY_KIND_FOLLOW_UP, rapport_follow_up_get_id (first), RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_FOLLOW_UP, rapport_follow_up_get_id (second), RAPPORT_CHANGE_UPDATED);

  stored = get_follow_up (fixture, rapport_follow_up_get_id (first));
  g_assert_cmpint (rapport_follow_up_get_notified_at (stored), ==, TEST_NOW + HOUR + 30);
  g_assert_cmpint (rapport_follow_up_get_remind_at (stored), ==, 0);
  g_assert_cmpint (rapport_follow_up_get_revision (stored), ==, 1);

  /* Taken: never again, not even after a restart. */
  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR + 59), ==, 0);
  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + 2 * HOUR);

  g_signal_handler_disconnect (rapport_database_get_change_bus (fixture->db), fixture->handler);
  g_assert_finalize_object (g_steal_pointer (&fixture->db));
  fixture_open (fixture);

  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + 2 * HOUR);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR + 60), ==, 0);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + 2 * HOUR), ==, 1);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + 2 * HOUR), ==, 0);
  g_assert_cmpint (next_reminder_at (fixture), ==, 0);

  /* A follow-up without a reminder never raises one. */
  g_clear_object (&first);
  first = add_follow_up (fixture->db, customer_id, "Silent", due, "UTC", RAPPORT_FOLLOW_UP_NO_REMINDER);
  g_assert_cmpint (next_reminder_at (fixture), ==, 0);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + 3 * HOUR), ==, 0);
}

/* After a holiday: ones older than the window are recorded, counted, not
 * returned. */
static void
test_stale (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autofree char *ten_days_ago = utc_local (-10 * DAY);
  g_autofree char *eight_days_ago = utc_local (-8 * DAY);
  g_autofree char *six_days_ago = utc_local (-6 * DAY);
  g_autofree char *hour_ago = utc_local (-HOUR);
  g_autoptr (RapportFollowUp) a = add_follow_up (fixture->db, customer_id, "A", ten_days_ago, "UTC", 0);
  g_autoptr (RapportFollowUp) b = add_follow_up (fixture->db, customer_id, "B", eight_days_ago, "UTC", 0);
  g_autoptr (RapportFollowUp) c = add_follow_up (fixture->db, customer_id, "C", six_days_ago, "UTC", 0);
  g_autoptr (RapportFollowUp) d = add_follow_up (fixture->db, customer_id, "D", hour_ago, "UTC", 0);
  g_autoptr (GPtrArray) fresh = NULL;
  g_autoptr (RapportFollowUp) stored = NULL;
  guint n_stale = 0;

  fresh = take (fixture, TEST_NOW, &n_stale);
  g_assert_cmpuint (n_stale, ==, 2);
  g_assert_cmpuint (fresh->len, ==, 2);
  g_assert_cmpint (rapport_follow_up_get_id (g_ptr_array_index (fresh, 0)), ==, rapport_follow_up_get_id (c));
  g_assert_cmpint (rapport_follow_up_get_id (g_ptr_array_index (fresh, 1)), ==, rapport_follow_up_get_id (d));

  /* The stale ones were recorded too, and are still on the Today list. */
  stored = get_follow_up (fixture, rapport_follow_up_get_id (a));
  g_assert_cmpint (rapport_follow_up_get_notified_at (stored), ==, TEST_NOW);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + DAY), ==, 0);
  g_assert_cmpuint (rapport_store_count_open_follow_ups (fixture->db, TEST_NOW), ==, 4);
}

typedef struct
{
  gint64 customer_id;
  guint  n;
} BulkData;

static gboolean
insert_due (RapportDatabase  *db,
            gpointer          user_data,
            GError          **error)
{
  BulkData *bulk = user_data;

  for (guint i = 0; i < bulk->n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Follow-up %u", i);
      g_autofree char *due = utc_local (-(gint64) (i % 120) * MINUTE);
      g_autoptr (RapportFollowUp) follow_up = new_follow_up (bulk->customer_id, title, due, "UTC", 0);

      if (!rapport_store_insert_follow_up (db, follow_up, error))
        return FALSE;
    }

  return TRUE;
}

static void
test_thousand_at_once (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  BulkData bulk = { rapport_customer_get_id (customer), 1000 };
  g_autoptr (GPtrArray) fresh = NULL;
  guint n_stale = 0;

  g_assert_true (rapport_database_run_in_transaction (fixture->db, insert_due, &bulk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW - 119 * MINUTE);

  fresh = take (fixture, TEST_NOW, &n_stale);
  g_assert_cmpuint (fresh->len, ==, 1000);
  g_assert_cmpuint (n_stale, ==, 0);
  for (guint i = 1; i < fresh->len; i++)
    g_assert_cmpint (rapport_follow_up_get_due_at (g_ptr_array_index (fresh, i - 1)), <=,
                     rapport_follow_up_get_due_at (g_ptr_array_index (fresh, i)));

  g_assert_cmpint (next_reminder_at (fixture), ==, 0);
  g_assert_cmpuint (take_count (fixture, TEST_NOW), ==, 0);
}

/* Moving the due time (or the reminder) makes the reminder come again, once,
 * at the new time; any other edit does not. */
static void
test_reschedule (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autofree char *due = utc_local (HOUR);
  g_autofree char *tomorrow = utc_local (DAY);
  g_autoptr (RapportFollowUp) follow_up = add_follow_up (fixture->db, customer_id, "Call", due, "UTC", 0);
  gint64 id = rapport_follow_up_get_id (follow_up);

  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR), ==, 1);

  /* A new title only: the reminder was shown and stays shown. */
  rapport_follow_up_set_title (follow_up, "Call about the quote");
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_update_follow_up (fixture->db, follow_up, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_FOLLOW_UP, id, RAPPORT_CHANGE_UPDATED);
  g_assert_cmpint (rapport_follow_up_get_revision (follow_up), ==, 2);
  g_assert_cmpint (rapport_follow_up_get_notified_at (follow_up), ==, TEST_NOW + HOUR);
  g_assert_cmpint (next_reminder_at (fixture), ==, 0);

  /* Rescheduled to tomorrow: once more, then. */
  rapport_follow_up_set_due_local (follow_up, tomorrow);
  g_assert_true (rapport_store_update_follow_up (fixture->db, follow_up, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_follow_up_get_revision (follow_up), ==, 3);
  g_assert_cmpint (rapport_follow_up_get_notified_at (follow_up), ==, 0);
  g_assert_cmpint (rapport_follow_up_get_remind_at (follow_up), ==, TEST_NOW + DAY);
  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + DAY);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + DAY - 1), ==, 0);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + DAY), ==, 1);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + DAY), ==, 0);

  /* A different reminder offset counts as a move too. */
  rapport_follow_up_set_remind_before (follow_up, 60);
  g_assert_true (rapport_store_update_follow_up (fixture->db, follow_up, &error));
  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + DAY - HOUR);

  /* Removing the reminder removes the pending one. */
  rapport_follow_up_set_remind_before (follow_up, RAPPORT_FOLLOW_UP_NO_REMINDER);
  g_assert_true (rapport_store_update_follow_up (fixture->db, follow_up, &error));
  g_assert_cmpint (next_reminder_at (fixture), ==, 0);
}

static void
test_snooze (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autofree char *due = utc_local (0);
  g_autoptr (RapportFollowUp) follow_up = add_follow_up (fixture->db, customer_id, "Call", due, "UTC", 0);
  g_autoptr (RapportFollowUp) stored = NULL;
  gint64 id = rapport_follow_up_get_id (follow_up);

  g_assert_cmpuint (take_count (fixture, TEST_NOW), ==, 1);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_snooze_follow_up (fixture->db, id, TEST_NOW + HOUR, 1, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_FOLLOW_UP, id, RAPPORT_CHANGE_UPDATED);

  stored = get_follow_up (fixture, id);
  g_assert_cmpint (rapport_follow_up_get_snoozed_until (stored), ==, TEST_NOW + HOUR);
  g_assert_cmpint (rapport_follow_up_get_remind_at (stored), ==, TEST_NOW + HOUR);
  g_assert_cmpint (rapport_follow_up_get_due_at (stored), ==, TEST_NOW);
  g_assert_cmpint (rapport_follow_up_get_revision (stored), ==, 2);

  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + HOUR);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR - 1), ==, 0);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR), ==, 1);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + 2 * HOUR), ==, 0);

  /* Snoozed again from its second showing, with the revision it showed. */
  g_assert_true (rapport_store_snooze_follow_up (fixture->db, id, TEST_NOW + DAY, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + DAY), ==, 1);

  g_assert_false (rapport_store_snooze_follow_up (fixture->db, id, 0, 0, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rapport_store_complete_follow_up (fixture->db, id, 0, RAPPORT_RECUR_FROM_DUE, 0, NULL, &error));
  g_assert_false (rapport_store_snooze_follow_up (fixture->db, id, TEST_NOW + DAY, 0, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The follow-up is already done");
}

/* Acting on a notification shown before an edit is refused, not applied. */
static void
test_revision_conflict (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autofree char *due = utc_local (0);
  g_autoptr (RapportFollowUp) follow_up = add_follow_up (fixture->db, customer_id, "Call", due, "UTC", 0);
  g_autoptr (RapportFollowUp) stored = NULL;
  g_autofree char *later = utc_local (DAY);
  gint64 id = rapport_follow_up_get_id (follow_up);
  gint64 next_id = -1;

  /* Shown at revision 1, then edited in the window. */
  g_assert_cmpuint (take_count (fixture, TEST_NOW), ==, 1);
  rapport_follow_up_set_due_local (follow_up, later);
  g_assert_true (rapport_store_update_follow_up (fixture->db, follow_up, &error));
  g_assert_cmpint (rapport_follow_up_get_revision (follow_up), ==, 2);
  fixture_clear_changes (fixture);

  g_assert_false (rapport_store_complete_follow_up (fixture->db, id, 0, RAPPORT_RECUR_FROM_DUE, 1, &next_id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (next_id, ==, 0);

  g_assert_false (rapport_store_snooze_follow_up (fixture->db, id, TEST_NOW + HOUR, 1, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_cmpuint (fixture->changes->len, ==, 0);
  stored = get_follow_up (fixture, id);
  g_assert_false (rapport_follow_up_is_done (stored));
  g_assert_cmpint (rapport_follow_up_get_revision (stored), ==, 2);
  g_assert_cmpint (rapport_follow_up_get_snoozed_until (stored), ==, 0);
  g_assert_cmpint (rapport_follow_up_get_remind_at (stored), ==, TEST_NOW + DAY);
  g_assert_cmpint (rapport_follow_up_get_updated_at (stored), ==, TEST_NOW);

  /* With the current revision it works. */
  g_assert_true (rapport_store_complete_follow_up (fixture->db, id, 0, RAPPORT_RECUR_FROM_DUE, 2, &next_id, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = get_follow_up (fixture, id);
  g_assert_true (rapport_follow_up_is_done (stored));
  g_assert_cmpint (rapport_follow_up_get_done_at (stored), ==, TEST_NOW);
  g_assert_cmpint (rapport_follow_up_get_remind_at (stored), ==, 0);
  g_assert_cmpint (next_reminder_at (fixture), ==, 0);
}

static RapportFollowUp *
add_monthly (Fixture    *fixture,
             gint64      customer_id,
             const char *due_local)
{
  g_autoptr (GError) error = NULL;
  RapportFollowUp *follow_up = new_follow_up (customer_id, "月度拜访 Monthly visit", due_local, "Asia/Shanghai", 60);

  rapport_follow_up_set_repeat_unit (follow_up, RAPPORT_REPEAT_MONTHS);
  rapport_follow_up_set_repeat_every (follow_up, 1);
  rapport_follow_up_set_note (follow_up, "Bring the new price list");
  g_assert_true (rapport_store_insert_follow_up (fixture->db, follow_up, &error));
  g_assert_no_error (error);

  return follow_up;
}

static gint64
shanghai_unix (const char *local)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");

  return rapport_due_time_to_unix (local, zone);
}

static void
test_recurrence (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportFollowUp) monthly = add_monthly (fixture, customer_id, "2026-01-31 10:00");
  g_autoptr (RapportFollowUp) by_completion = add_monthly (fixture, customer_id, "2026-01-31 10:00");
  g_autoptr (RapportFollowUp) next = NULL;
  g_autoptr (RapportFollowUp) reopened = NULL;
  gint64 id = rapport_follow_up_get_id (monthly);
  gint64 next_id = 0;
  gint64 again_id = -1;

  /* From the due date, whenever it is done: the month's end is clamped. */
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_complete_follow_up (fixture->db, id, shanghai_unix ("2026-02-10 16:00"),
                                                   RAPPORT_RECUR_FROM_DUE, 1, &next_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (next_id, >, 0);
  assert_changes (fixture, 2,
                  RAPPORT_ENTITY_KIND_FOLLOW_UP, id, RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_FOLLOW_UP, next_id, RAPPORT_CHANGE_INSERTED);

  next = get_follow_up (fixture, next_id);
  g_assert_cmpstr (rapport_follow_up_get_due_local (next), ==, "2026-02-28 10:00");
  g_assert_cmpint (rapport_follow_up_get_due_at (next), ==, shanghai_unix ("2026-02-28 10:00"));
  g_assert_cmpstr (rapport_follow_up_get_title (next), ==, "月度拜访 Monthly visit");
  g_assert_cmpstr (rapport_follow_up_get_note (next), ==, "Bring the new price list");
  g_assert_cmpint (rapport_follow_up_get_remind_before (next), ==, 60);
  g_assert_cmpint (rapport_follow_up_get_remind_at (next), ==, shanghai_unix ("2026-02-28 09:00"));
  g_assert_cmpint (rapport_follow_up_get_repeat_unit (next), ==, RAPPORT_REPEAT_MONTHS);
  g_assert_cmpuint (rapport_follow_up_get_repeat_every (next), ==, 1);
  g_assert_cmpint (rapport_follow_up_get_revision (next), ==, 1);
  g_assert_false (rapport_follow_up_is_done (next));
  g_assert_cmpstr (rapport_follow_up_get_uuid (next), !=, rapport_follow_up_get_uuid (monthly));

  /* Done again (a stale notification): nothing more. */
  g_assert_true (rapport_store_complete_follow_up (fixture->db, id, 0, RAPPORT_RECUR_FROM_DUE, 0, &again_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again_id, ==, 0);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_cmpuint (count_customer_follow_ups (fixture, customer_id), ==, 3);

  /* Undone: open again, the next one gone for good. */
  g_assert_true (rapport_store_reopen_follow_up (fixture->db, id, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 2,
                  RAPPORT_ENTITY_KIND_FOLLOW_UP, id, RAPPORT_CHANGE_UPDATED,
                  RAPPORT_ENTITY_KIND_FOLLOW_UP, next_id, RAPPORT_CHANGE_DELETED);
  g_assert_null (rapport_store_get_follow_up (fixture->db, next_id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  reopened = get_follow_up (fixture, id);
  g_assert_false (rapport_follow_up_is_done (reopened));
  g_assert_cmpint (rapport_follow_up_get_revision (reopened), ==, 3);
  g_assert_cmpint (rapport_follow_up_get_remind_at (reopened), ==, shanghai_unix ("2026-01-31 09:00"));
  g_assert_cmpuint (count_customer_follow_ups (fixture, customer_id), ==, 2);

  /* Reopening an open one changes nothing. */
  g_assert_true (rapport_store_reopen_follow_up (fixture->db, id, &error));
  g_assert_cmpuint (fixture->changes->len, ==, 0);

  /* From the completion: its date, at the due time of day, clamped too. */
  g_clear_object (&next);
  g_assert_true (rapport_store_complete_follow_up (fixture->db, rapport_follow_up_get_id (by_completion),
                                                   shanghai_unix ("2026-03-31 15:00"),
                                                   RAPPORT_RECUR_FROM_COMPLETION, 0, &next_id, &error));
  g_assert_no_error (error);
  next = get_follow_up (fixture, next_id);
  g_assert_cmpstr (rapport_follow_up_get_due_local (next), ==, "2026-04-30 10:00");

  /* Not recurring: no next. */
  {
    g_autofree char *due = utc_local (0);
    g_autoptr (RapportFollowUp) once = add_follow_up (fixture->db, customer_id, "Once", due, "UTC", 0);

    next_id = -1;
    g_assert_true (rapport_store_complete_follow_up (fixture->db, rapport_follow_up_get_id (once), 0,
                                                     RAPPORT_RECUR_FROM_DUE, 0, &next_id, &error));
    g_assert_cmpint (next_id, ==, 0);
  }
}

static void
test_lists (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autofree char *yesterday = utc_local (-DAY);
  g_autofree char *in_an_hour = utc_local (HOUR);
  g_autofree char *next_week = utc_local (8 * DAY);
  g_autoptr (RapportFollowUp) late = add_follow_up (fixture->db, customer_id, "Late", yesterday, "UTC", 0);
  g_autoptr (RapportFollowUp) soon = add_follow_up (fixture->db, customer_id, "Soon", in_an_hour, "UTC", 0);
  g_autoptr (RapportFollowUp) far = add_follow_up (fixture->db, customer_id, "Far", next_week, "UTC", 0);
  g_autoptr (RapportFollowUp) done = add_follow_up (fixture->db, customer_id, "Done", yesterday, "UTC", 0);
  g_autoptr (GListModel) all = NULL;
  g_autoptr (GListModel) open = NULL;
  g_autoptr (GListModel) today = NULL;
  const char *all_titles[] = { "Late", "Soon", "Far", "Done" };

  g_assert_true (rapport_store_complete_follow_up (fixture->db, rapport_follow_up_get_id (done), 0,
                                                   RAPPORT_RECUR_FROM_DUE, 0, NULL, &error));

  all = rapport_store_list_follow_ups (fixture->db, customer_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (all), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (RapportFollowUp) item = g_list_model_get_item (all, i);

      g_assert_cmpstr (rapport_follow_up_get_title (item), ==, all_titles[i]);
      g_assert_cmpstr (rapport_follow_up_get_customer_name (item), ==, "Acme Trading");
    }

  open = rapport_store_list_follow_ups (fixture->db, customer_id, TRUE, &error);
  g_assert_cmpuint (n_items (open), ==, 3);

  /* Today's page: overdue and due in the next week; done ones not. */
  today = rapport_store_list_open_follow_ups (fixture->db, TEST_NOW + 7 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (today), ==, 2);
  g_assert_cmpuint (rapport_store_count_open_follow_ups (fixture->db, TEST_NOW + 7 * DAY), ==, 2);
  g_assert_cmpuint (rapport_store_count_open_follow_ups (fixture->db, TEST_NOW), ==, 1);

  /* A follow-up in the Trash is in no list. */
  g_assert_true (rapport_store_trash_follow_up (fixture->db, rapport_follow_up_get_id (soon), &error));
  g_assert_cmpuint (rapport_store_count_open_follow_ups (fixture->db, TEST_NOW + 7 * DAY), ==, 1);
  g_assert_cmpuint (count_customer_follow_ups (fixture, customer_id), ==, 3);
}

/* A follow-up goes with its customer to the Trash and comes back with it. */
static void
test_trashed_customer (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autoptr (RapportCustomer) other = add_customer (fixture->db, "Other Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autofree char *due = utc_local (HOUR);
  g_autofree char *later = utc_local (2 * HOUR);
  g_autoptr (RapportFollowUp) follow_up = add_follow_up (fixture->db, customer_id, "Call", due, "UTC", 0);
  g_autoptr (RapportFollowUp) others = add_follow_up (fixture->db, rapport_customer_get_id (other), "Other",
                                                      later, "UTC", 0);
  g_autoptr (GListModel) list = NULL;
  g_autoptr (GPtrArray) fresh = NULL;
  g_autoptr (RapportFollowUp) stored = NULL;

  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + HOUR);
  g_assert_true (rapport_store_trash_customer (fixture->db, customer_id, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_customer_follow_ups (fixture, customer_id), ==, 0);
  list = rapport_store_list_open_follow_ups (fixture->db, TEST_NOW + DAY, &error);
  g_assert_cmpuint (n_items (list), ==, 1);
  g_assert_cmpuint (rapport_store_count_open_follow_ups (fixture->db, TEST_NOW + DAY), ==, 1);
  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + 2 * HOUR);

  /* Its time passes while it is in the Trash: nothing is taken. */
  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR), ==, 0);

  /* The row itself was never rewritten. */
  stored = get_follow_up (fixture, rapport_follow_up_get_id (follow_up));
  g_assert_cmpint (rapport_follow_up_get_deleted_at (stored), ==, 0);
  g_assert_cmpint (rapport_follow_up_get_remind_at (stored), ==, TEST_NOW + HOUR);

  /* Back with its customer, its reminder pending: taken once. */
  g_assert_true (rapport_store_restore_customer (fixture->db, customer_id, &error));
  g_assert_cmpuint (count_customer_follow_ups (fixture, customer_id), ==, 1);
  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + HOUR);
  fresh = take (fixture, TEST_NOW + HOUR + 5, NULL);
  g_assert_cmpuint (fresh->len, ==, 1);
  g_assert_cmpint (rapport_follow_up_get_id (g_ptr_array_index (fresh, 0)), ==, rapport_follow_up_get_id (follow_up));
  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR + 5), ==, 0);
}

/* A follow-up trashed by itself: its reminder goes, and comes back. */
static void
test_trash_follow_up (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autofree char *due = utc_local (HOUR);
  g_autoptr (RapportFollowUp) follow_up = add_follow_up (fixture->db, customer_id, "Call", due, "UTC", 0);
  g_autoptr (RapportFollowUp) stored = NULL;
  gint64 id = rapport_follow_up_get_id (follow_up);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_trash_follow_up (fixture->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_customer (fixture, 0), ==, customer_id);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_FOLLOW_UP, id, RAPPORT_CHANGE_TRASHED);
  g_assert_cmpint (next_reminder_at (fixture), ==, 0);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR), ==, 0);
  stored = get_follow_up (fixture, id);
  g_assert_cmpint (rapport_follow_up_get_deleted_at (stored), ==, TEST_NOW);

  /* Completing or snoozing one in the Trash finds nothing. */
  g_assert_false (rapport_store_complete_follow_up (fixture->db, id, 0, RAPPORT_RECUR_FROM_DUE, 0, NULL, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (rapport_store_restore_follow_up (fixture->db, id, &error));
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_FOLLOW_UP, id, RAPPORT_CHANGE_RESTORED);
  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + HOUR);
  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR), ==, 1);

  g_assert_false (rapport_store_trash_follow_up (fixture->db, 999, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

/* The next reminder is one step down the partial index: the work does not
 * grow with the follow-ups that have none pending, or with later ones. */
static gboolean
insert_many (RapportDatabase  *db,
             gpointer          user_data,
             GError          **error)
{
  BulkData *bulk = user_data;

  for (guint i = 0; i < bulk->n; i++)
    {
      g_autofree char *due = utc_local (DAY + (gint64) i * MINUTE);
      g_autoptr (RapportFollowUp) follow_up = new_follow_up (bulk->customer_id, "Later", due, "UTC",
                                                             i % 2 == 0 ? 0 : RAPPORT_FOLLOW_UP_NO_REMINDER);

      if (!rapport_store_insert_follow_up (db, follow_up, error))
        return FALSE;
    }

  return TRUE;
}

static guint64
steps_of_next_reminder (Fixture *fixture)
{
  guint64 counter;

  vm_steps_start (fixture->db, &counter);
  rapport_store_get_next_reminder_at (fixture->db, NULL);
  return vm_steps_stop (fixture->db, &counter);
}

static void
test_next_reminder_is_indexed (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  BulkData bulk = { rapport_customer_get_id (customer), 4000 };
  g_autofree char *due = utc_local (HOUR);
  g_autoptr (RapportFollowUp) first = add_follow_up (fixture->db, bulk.customer_id, "First", due, "UTC", 0);
  sqlite3 *handle = _rapport_database_get_handle (fixture->db);
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GString) plan = g_string_new (NULL);
  guint64 few, many;

  few = steps_of_next_reminder (fixture);
  g_assert_true (rapport_database_run_in_transaction (fixture->db, insert_many, &bulk, &error));
  g_assert_no_error (error);
  many = steps_of_next_reminder (fixture);
  g_test_message ("next reminder: %" G_GUINT64_FORMAT " steps with 1 follow-up, %" G_GUINT64_FORMAT
                  " with %u more", few, many, bulk.n);
  g_assert_cmpuint (many, <=, few + 2);
  g_assert_cmpint (next_reminder_at (fixture), ==, TEST_NOW + HOUR);

  /* The plan names the partial index of pending reminders. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "EXPLAIN QUERY PLAN SELECT f.remind_at FROM follow_up f "
                                       "CROSS JOIN customer c ON c.id = f.customer_id "
                                       "WHERE f.remind_at IS NOT NULL AND f.done_at IS NULL AND f.deleted_at IS NULL "
                                       "AND c.deleted_at IS NULL ORDER BY f.remind_at LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "USING INDEX follow_up_pending_reminder"));
  g_assert_null (strstr (plan->str, "TEMP B-TREE"));
}

static void
test_schedule_state (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (rapport_store_get_schedule_state (fixture->db, "churn-check"), ==, 0);
  g_assert_true (rapport_store_set_schedule_state (fixture->db, "churn-check", TEST_NOW, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_set_schedule_state (fixture->db, "other", 5, &error));
  g_assert_cmpint (rapport_store_get_schedule_state (fixture->db, "churn-check"), ==, TEST_NOW);
  g_assert_true (rapport_store_set_schedule_state (fixture->db, "churn-check", TEST_NOW + DAY, &error));
  g_assert_cmpint (rapport_store_get_schedule_state (fixture->db, "churn-check"), ==, TEST_NOW + DAY);
  g_assert_cmpint (rapport_store_get_schedule_state (fixture->db, "other"), ==, 5);

  /* Inside a transaction that rolls back, nothing is recorded. */
  g_assert_true (_rapport_database_begin (fixture->db, &error));
  g_assert_true (rapport_store_set_schedule_state (fixture->db, "other", 6, &error));
  g_assert_true (_rapport_database_rollback (fixture->db, &error));
  g_assert_cmpint (rapport_store_get_schedule_state (fixture->db, "other"), ==, 5);
}

/* A worker may hold the write lock for seconds (rebuilding the search index
 * after a migration) while the main thread looks for due reminders: a look
 * that finds nothing due must not wait for it. */
static void
test_take_nothing_due_while_locked (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme Trading", NULL);
  g_autofree char *due = utc_local (HOUR);
  g_autoptr (RapportFollowUp) follow_up = NULL;
  g_autoptr (GPtrArray) fresh = NULL;
  guint n_stale = 0;
  sqlite3 *writer = NULL;

  follow_up = add_follow_up (fixture->db, rapport_customer_get_id (customer), "Call back", due, "UTC", 0);

  g_assert_cmpint (sqlite3_open (fixture->path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (rapport_store_take_due_reminders (fixture->db, TEST_NOW + HOUR - 1, TEST_NOW - 7 * DAY,
                                                   &fresh, &n_stale, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fresh->len, ==, 0);
  g_assert_cmpuint (n_stale, ==, 0);

  g_assert_cmpint (sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (writer);

  /* Once due, it is taken as ever. */
  g_assert_cmpuint (take_count (fixture, TEST_NOW + HOUR), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/follow-ups/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("insert-and-get", test_insert_and_get);
  ADD ("validation", test_validation);
  ADD ("daylight-saving", test_daylight_saving);
  ADD ("half-hour-zones", test_half_hour_zones);
  ADD ("take-exactly-once", test_take_exactly_once);
  ADD ("take-nothing-due-while-locked", test_take_nothing_due_while_locked);
  ADD ("stale", test_stale);
  ADD ("thousand-at-once", test_thousand_at_once);
  ADD ("reschedule", test_reschedule);
  ADD ("snooze", test_snooze);
  ADD ("revision-conflict", test_revision_conflict);
  ADD ("recurrence", test_recurrence);
  ADD ("lists", test_lists);
  ADD ("trashed-customer", test_trashed_customer);
  ADD ("trash-follow-up", test_trash_follow_up);
  ADD ("next-reminder-is-indexed", test_next_reminder_is_indexed);
  ADD ("schedule-state", test_schedule_state);

  return g_test_run ();
}
