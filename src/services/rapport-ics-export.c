/* rapport-ics-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-ics-export"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "rapport-follow-up.h"
#include "rapport-ics-export.h"
#include "rapport-store.h"

#define PRODID "-//Rapport//Rapport " PACKAGE_VERSION "//EN"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* The zone's VTIMEZONE under its IANA id, which calendars know, rather than
 * libical's prefixed one, without the rules of before @since (UTC); added
 * once per zone. NULL when libical does not know @location. */
static icaltimezone *
add_time_zone (icalcomponent       *calendar,
               GHashTable          *added,
               const char          *location,
               struct icaltimetype  since)
{
  icaltimezone *zone = icaltimezone_get_builtin_timezone (location);
  icalcomponent *vtimezone;
  icalproperty *tzid;

  if (zone == NULL || icaltimezone_get_component (zone) == NULL)
    return NULL;

  if (g_hash_table_contains (added, location))
    return zone;

  vtimezone = icalcomponent_new_clone (icaltimezone_get_component (zone));
  icaltimezone_truncate_vtimezone (vtimezone, since, icaltime_null_time (), FALSE);
  tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
  if (tzid != NULL)
    icalproperty_set_tzid (tzid, location);
  else
    icalcomponent_add_property (vtimezone, icalproperty_new_tzid (location));
  icalcomponent_add_component (calendar, vtimezone);
  g_hash_table_add (added, g_strdup (location));

  return zone;
}

/* "YYYY-MM-DD HH:MM" as a floating time; FALSE when it is not one. */
static gboolean
parse_due_local (const char           *due_local,
                 struct icaltimetype  *time)
{
  int year, month, day, hour, minute;

  if (due_local == NULL ||
      sscanf (due_local, "%4d-%2d-%2d %2d:%2d", &year, &month, &day, &hour, &minute) != 5)
    return FALSE;

  *time = icaltime_null_time ();
  time->year = year;
  time->month = month;
  time->day = day;
  time->hour = hour;
  time->minute = minute;
  time->is_date = 0;

  return icaltime_is_valid_time (*time);
}

static icalproperty *
build_dtstart (RapportFollowUp     *follow_up,
               icalcomponent       *calendar,
               GHashTable          *zones,
               struct icaltimetype  since)
{
  const char *location = rapport_follow_up_get_time_zone (follow_up);
  struct icaltimetype start;
  icaltimezone *zone = NULL;
  icalproperty *dtstart;

  if (location != NULL && location[0] != '\0' &&
      parse_due_local (rapport_follow_up_get_due_local (follow_up), &start))
    zone = add_time_zone (calendar, zones, location, since);

  /* A zone libical does not know: the same instant, in UTC. */
  if (zone == NULL)
    {
      start = icaltime_from_timet_with_zone ((time_t) rapport_follow_up_get_due_at (follow_up), 0,
                                             icaltimezone_get_utc_timezone ());
      return icalproperty_new_dtstart (start);
    }

  start.zone = zone;
  dtstart = icalproperty_new_dtstart (start);
  /* The parameter names the VTIMEZONE added above, by its IANA id. */
  icalproperty_remove_parameter_by_kind (dtstart, ICAL_TZID_PARAMETER);
  icalproperty_add_parameter (dtstart, icalparameter_new_tzid (location));

  return dtstart;
}

static icalcomponent *
build_alarm (RapportFollowUp *follow_up,
             const char      *summary)
{
  struct icaltriggertype trigger = { 0 };
  icalcomponent *alarm = icalcomponent_new_valarm ();

  trigger.time = icaltime_null_time ();
  trigger.duration = icaldurationtype_from_int (-60 * rapport_follow_up_get_remind_before (follow_up));
  icalcomponent_add_property (alarm, icalproperty_new_action (ICAL_ACTION_DISPLAY));
  icalcomponent_add_property (alarm, icalproperty_new_trigger (trigger));
  icalcomponent_add_property (alarm, icalproperty_new_description (summary));

  return alarm;
}

static icalproperty *
build_rrule (RapportFollowUp *follow_up)
{
  struct icalrecurrencetype rule;

  icalrecurrencetype_clear (&rule);
  switch (rapport_follow_up_get_repeat_unit (follow_up))
    {
    case RAPPORT_REPEAT_DAYS:
      rule.freq = ICAL_DAILY_RECURRENCE;
      break;
    case RAPPORT_REPEAT_WEEKS:
      rule.freq = ICAL_WEEKLY_RECURRENCE;
      break;
    case RAPPORT_REPEAT_MONTHS:
      rule.freq = ICAL_MONTHLY_RECURRENCE;
      break;
    case RAPPORT_REPEAT_NONE:
    default:
      return NULL;
    }
  rule.interval = (short) MAX (1u, rapport_follow_up_get_repeat_every (follow_up));

  return icalproperty_new_rrule (rule);
}

static icalcomponent *
build_event (RapportFollowUp     *follow_up,
             icalcomponent       *calendar,
             GHashTable          *zones,
             struct icaltimetype  stamp,
             struct icaltimetype  since)
{
  icalcomponent *event = icalcomponent_new_vevent ();
  const char *customer = rapport_follow_up_get_customer_name (follow_up);
  const char *title = rapport_follow_up_get_title (follow_up);
  const char *note = rapport_follow_up_get_note (follow_up);
  g_autofree char *summary = NULL;
  icalproperty *rrule;

  if (customer != NULL && customer[0] != '\0')
    /* Translators: a follow-up in a calendar: the customer's name and the follow-up's title */
    summary = g_strdup_printf (_("%s: %s"), customer, title != NULL ? title : "");
  else
    summary = g_strdup (title != NULL ? title : "");

  icalcomponent_add_property (event, icalproperty_new_uid (rapport_follow_up_get_uuid (follow_up)));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (stamp));
  icalcomponent_add_property (event, build_dtstart (follow_up, calendar, zones, since));
  icalcomponent_add_property (event, icalproperty_new_summary (summary));
  if (note != NULL && note[0] != '\0')
    icalcomponent_add_property (event, icalproperty_new_description (note));

  rrule = build_rrule (follow_up);
  if (rrule != NULL)
    icalcomponent_add_property (event, rrule);

  if (rapport_follow_up_get_remind_before (follow_up) >= 0)
    icalcomponent_add_component (event, build_alarm (follow_up, summary));

  return event;
}

/**
 * rapport_ics_export_build:
 * @follow_ups: a #GListModel of #RapportFollowUp
 * @now: the export's time (UTC unix seconds), its DTSTAMP
 *
 * Returns: (transfer full) (nullable): the iCalendar text
 */
char *
rapport_ics_export_build (GListModel  *follow_ups,
                          gint64       now,
                          GError     **error)
{
  g_autoptr (icalcomponent) calendar = icalcomponent_new_vcalendar ();
  g_autoptr (GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  struct icaltimetype stamp = icaltime_from_timet_with_zone ((time_t) now, 0, icaltimezone_get_utc_timezone ());
  guint n = g_list_model_get_n_items (follow_ups);
  g_autoptr (GPtrArray) events = g_ptr_array_new ();
  struct icaltimetype since;
  gint64 earliest = now;
  char *text;

  g_return_val_if_fail (G_IS_LIST_MODEL (follow_ups), NULL);

  /* The zones' history before the earliest due time (a day earlier, for
   * the zone's offset) is left out: it only makes the file long. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportFollowUp) follow_up = g_list_model_get_item (follow_ups, i);

      earliest = MIN (earliest, rapport_follow_up_get_due_at (follow_up));
    }
  since = icaltime_from_timet_with_zone ((time_t) (earliest - 86400), 0, icaltimezone_get_utc_timezone ());

  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));

  /* The zones come first in the file, then the events. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportFollowUp) follow_up = g_list_model_get_item (follow_ups, i);

      g_ptr_array_add (events, build_event (follow_up, calendar, zones, stamp, since));
    }
  for (guint i = 0; i < events->len; i++)
    icalcomponent_add_component (calendar, g_ptr_array_index (events, i));

  text = icalcomponent_as_ical_string_r (calendar);
  if (text == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The calendar could not be written: %s"),
                   icalerror_strerror (icalerrno));
      return NULL;
    }

  /* libical's string goes back with free(), GLib's with g_free(): copy. */
  {
    char *copy = g_strdup (text);

    icalmemory_free_buffer (text);
    return copy;
  }
}

typedef struct
{
  RapportDatabase *db;     /* the session's main connection, for a worker of its own */
  GFile           *file;
  gint64           now;
  guint            n_exported;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->db);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr (RapportDatabase) worker = NULL;
  g_autoptr (GListModel) follow_ups = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  worker = rapport_database_open_worker (job->db, &error);
  if (worker != NULL)
    follow_ups = rapport_store_list_open_follow_ups (worker, G_MAXINT64, &error);
  if (follow_ups != NULL)
    text = rapport_ics_export_build (follow_ups, job->now, &error);
  if (text == NULL ||
      !g_file_replace_contents (job->file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->n_exported = g_list_model_get_n_items (follow_ups);
  g_task_return_boolean (task, TRUE);
}

void
rapport_ics_export_async (RapportSession      *session,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RapportDatabase *db;
  ExportJob *job;

  g_return_if_fail (RAPPORT_IS_SESSION (session));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_ics_export_async);

  db = rapport_session_get_database (session);
  if (db == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s", _("The database is not open"));
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->db = g_object_ref (db);
  job->file = g_object_ref (file);
  job->now = rapport_clock_now (rapport_session_get_clock (session));
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
rapport_ics_export_finish (GAsyncResult  *result,
                           guint         *n_exported,
                           GError       **error)
{
  ExportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (n_exported != NULL)
    *n_exported = job->n_exported;

  return TRUE;
}
