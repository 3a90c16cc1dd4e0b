/* test-ics-export.c
 *
 * Follow-ups exported as iCalendar and read back with libical: one VEVENT
 * per open follow-up, its own zone (with the VTIMEZONE to resolve it) or UTC,
 * the reminder as a VALARM, the recurrence as an RRULE; done ones left out;
 * a file that cannot be written fails with a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libical/ical.h>

#include "rapport-database.h"
#include "rapport-ics-export.h"
#include "rapport-store.h"
#include "test-utils.h"

/* 2026-11-22 08:00:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1795334400)

typedef struct
{
  char            *dir;
  RapportClock    *clock;
  RapportDatabase *db;
  RapportSession  *session;
  gint64           customer_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();

  f->dir = test_make_dir ("rapport-ics");
  path = g_build_filename (f->dir, "rapport.db", NULL);
  f->clock = rapport_clock_new ();
  rapport_clock_set_fixed (f->clock, TEST_NOW);
  f->db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (f->db, f->clock);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
  rapport_session_set_clock (f->session, f->clock);

  rapport_customer_set_name (customer, "上海 Acme");
  rapport_store_insert_customer (f->db, customer, &error);
  g_assert_no_error (error);
  f->customer_id = rapport_customer_get_id (customer);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rapport_session_close (f->session);
  g_clear_object (&f->session);
  g_clear_object (&f->db);
  g_clear_object (&f->clock);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static RapportFollowUp *
add_follow_up (Fixture           *f,
               const char        *title,
               const char        *note,
               const char        *due_local,
               const char        *time_zone,
               int                remind_before,
               RapportRepeatUnit  unit,
               guint              every)
{
  g_autoptr (GError) error = NULL;
  RapportFollowUp *follow_up = rapport_follow_up_new ();

  rapport_follow_up_set_customer_id (follow_up, f->customer_id);
  rapport_follow_up_set_title (follow_up, title);
  rapport_follow_up_set_note (follow_up, note);
  rapport_follow_up_set_due_local (follow_up, due_local);
  rapport_follow_up_set_time_zone (follow_up, time_zone);
  rapport_follow_up_set_remind_before (follow_up, remind_before);
  rapport_follow_up_set_repeat_unit (follow_up, unit);
  rapport_follow_up_set_repeat_every (follow_up, every);
  g_assert_true (rapport_store_insert_follow_up (f->db, follow_up, &error));
  g_assert_no_error (error);

  return follow_up;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint     n;
  GError   *error;
} Export;

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = user_data;

  export->ok = rapport_ics_export_finish (result, &export->n, &export->error);
  export->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((Export *) data)->done;
}

static icalcomponent *
find_event (icalcomponent *calendar,
            const char    *uid)
{
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (event), uid) == 0)
      return event;

  return NULL;
}

static guint
count_components (icalcomponent     *parent,
                  icalcomponent_kind kind)
{
  guint n = 0;

  for (icalcomponent *c = icalcomponent_get_first_component (parent, kind); c != NULL;
       c = icalcomponent_get_next_component (parent, kind))
    n++;

  return n;
}

/* The event's start, resolved through the VTIMEZONE the file carries. */
static gint64
event_start (icalcomponent *calendar,
             icalcomponent *event,
             const char    *expected_tzid)
{
  icalproperty *dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  icalparameter *tzid = icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER);
  struct icaltimetype start = icalproperty_get_dtstart (dtstart);
  icaltimezone *zone;

  if (expected_tzid == NULL)
    {
      g_assert_null (tzid);
      g_assert_true (icaltime_is_utc (start));
      return icaltime_as_timet (start);
    }

  g_assert_nonnull (tzid);
  g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, expected_tzid);
  zone = icalcomponent_get_timezone (calendar, expected_tzid);
  g_assert_nonnull (zone);

  return icaltime_as_timet_with_zone (start, zone);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (RapportFollowUp) call = NULL;
  g_autoptr (RapportFollowUp) visit = NULL;
  g_autoptr (RapportFollowUp) samples = NULL;
  g_autoptr (RapportFollowUp) done = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "follow-ups.ics", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  icalcomponent *calendar, *event, *alarm;
  struct icaltriggertype trigger;
  struct icalrecurrencetype rule;
  Export export = { 0 };

  call = add_follow_up (f, "Call about the quote", "Ask for the volume discount",
                        "2026-11-23 09:00", "Asia/Shanghai", 15, RAPPORT_REPEAT_WEEKS, 2);
  /* New York changes to winter time on 2026-11-01: December is UTC-5. */
  visit = add_follow_up (f, "Visit", NULL, "2026-12-01 14:30", "America/New_York",
                         RAPPORT_FOLLOW_UP_NO_REMINDER, RAPPORT_REPEAT_MONTHS, 1);
  /* Half-hour offset. */
  samples = add_follow_up (f, "Send samples", "", "2026-11-24 10:00", "Asia/Kolkata", 0,
                           RAPPORT_REPEAT_NONE, 0);
  done = add_follow_up (f, "Already done", NULL, "2026-11-20 10:00", "Asia/Shanghai", 0, RAPPORT_REPEAT_NONE, 0);
  g_assert_true (rapport_store_complete_follow_up (f->db, rapport_follow_up_get_id (done), TEST_NOW,
                                                   RAPPORT_RECUR_FROM_DUE, 0, NULL, &error));
  g_assert_no_error (error);

  rapport_ics_export_async (f->session, file, NULL, exported_cb, &export);
  test_wait_for (export_done, &export);
  g_assert_no_error (export.error);
  g_assert_true (export.ok);
  g_assert_cmpuint (export.n, ==, 3);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpstr (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY) != NULL ?
                   icalproperty_get_version (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY)) : NULL,
                   ==, "2.0");
  g_assert_cmpuint (count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 3);
  /* One VTIMEZONE per zone used. */
  g_assert_cmpuint (count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 3);
  g_assert_null (find_event (calendar, rapport_follow_up_get_uuid (done)));

  /* The call: in Shanghai, a reminder 15 minutes before, every 2 weeks. */
  event = find_event (calendar, rapport_follow_up_get_uuid (call));
  g_assert_nonnull (event);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "上海 Acme: Call about the quote");
  g_assert_cmpstr (icalcomponent_get_description (event), ==, "Ask for the volume discount");
  g_assert_cmpint (event_start (calendar, event, "Asia/Shanghai"), ==, rapport_follow_up_get_due_at (call));
  g_assert_cmpint (icalcomponent_get_dtstart (event).hour, ==, 9);
  g_assert_cmpuint (count_components (event, ICAL_VALARM_COMPONENT), ==, 1);
  alarm = icalcomponent_get_first_component (event, ICAL_VALARM_COMPONENT);
  trigger = icalproperty_get_trigger (icalcomponent_get_first_property (alarm, ICAL_TRIGGER_PROPERTY));
  g_assert_cmpint (icaldurationtype_as_int (trigger.duration), ==, -15 * 60);
  g_assert_cmpint (icalproperty_get_action (icalcomponent_get_first_property (alarm, ICAL_ACTION_PROPERTY)),
                   ==, ICAL_ACTION_DISPLAY);
  rule = icalproperty_get_rrule (icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY));
  g_assert_cmpint (rule.freq, ==, ICAL_WEEKLY_RECURRENCE);
  g_assert_cmpint (rule.interval, ==, 2);

  /* The visit: New York's winter time, no reminder, monthly. */
  event = find_event (calendar, rapport_follow_up_get_uuid (visit));
  g_assert_nonnull (event);
  g_assert_cmpint (event_start (calendar, event, "America/New_York"), ==, rapport_follow_up_get_due_at (visit));
  g_assert_cmpint (rapport_follow_up_get_due_at (visit), ==, 1796153400);  /* 19:30 UTC */
  g_assert_null (icalcomponent_get_first_property (event, ICAL_DESCRIPTION_PROPERTY));
  g_assert_cmpuint (count_components (event, ICAL_VALARM_COMPONENT), ==, 0);
  rule = icalproperty_get_rrule (icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY));
  g_assert_cmpint (rule.freq, ==, ICAL_MONTHLY_RECURRENCE);
  g_assert_cmpint (rule.interval, ==, 1);

  /* The samples: Kolkata's half hour; a reminder at the due time; no rule. */
  event = find_event (calendar, rapport_follow_up_get_uuid (samples));
  g_assert_nonnull (event);
  g_assert_cmpint (event_start (calendar, event, "Asia/Kolkata"), ==, rapport_follow_up_get_due_at (samples));
  g_assert_null (icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY));
  alarm = icalcomponent_get_first_component (event, ICAL_VALARM_COMPONENT);
  g_assert_nonnull (alarm);
  trigger = icalproperty_get_trigger (icalcomponent_get_first_property (alarm, ICAL_TRIGGER_PROPERTY));
  g_assert_cmpint (icaldurationtype_as_int (trigger.duration), ==, 0);

  icalcomponent_free (calendar);
}

/* A follow-up whose zone libical does not know keeps its instant, in UTC. */
static void
test_unknown_zone_is_utc (void)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_FOLLOW_UP);
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  icalcomponent *calendar, *event;

  rapport_follow_up_set_uuid (follow_up, "6b1f0c1e-0000-4000-8000-000000000001");
  rapport_follow_up_set_title (follow_up, "Call");
  rapport_follow_up_set_due_local (follow_up, "2026-11-23 09:00");
  rapport_follow_up_set_time_zone (follow_up, "Nowhere/Atlantis");
  rapport_follow_up_set_due_at (follow_up, TEST_NOW + 3600);
  g_list_store_append (store, follow_up);

  text = rapport_ics_export_build (G_LIST_MODEL (store), TEST_NOW, &error);
  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  event = find_event (calendar, "6b1f0c1e-0000-4000-8000-000000000001");
  g_assert_nonnull (event);
  /* No customer name: the title alone. */
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Call");
  g_assert_cmpint (event_start (calendar, event, NULL), ==, TEST_NOW + 3600);
  g_assert_cmpuint (count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 0);
  icalcomponent_free (calendar);
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "missing", "follow-ups.ics", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  Export export = { 0 };

  rapport_ics_export_async (f->session, file, NULL, exported_cb, &export);
  test_wait_for (export_done, &export);
  g_assert_false (export.ok);
  g_assert_nonnull (export.error);
  g_assert_cmpstr (export.error->message, !=, "");
  g_clear_error (&export.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/services/ics-export/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add_func ("/services/ics-export/unknown-zone-is-utc", test_unknown_zone_is_utc);
  g_test_add ("/services/ics-export/unwritable", Fixture, NULL, fixture_set_up, test_unwritable, fixture_tear_down);

  return g_test_run ();
}
