/* rapport-follow-up-repository.c
 *
 * Follow-ups (跟进), their reminders, and when the daily jobs last ran.
 *
 * The schema comment of migration 6 is the design. In short: due_at is
 * derived from due_local and time_zone; remind_at is the pending reminder
 * (snoozed_until, or due_at less remind_before minutes), NULL once notified,
 * done, or without a reminder, so the partial index follow_up_pending_reminder
 * holds exactly the pending ones. A follow-up goes with its customer: every
 * read joins customer and skips those in the Trash, so trashing and restoring
 * a customer never rewrites its follow-ups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-follow-up-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-due-time.h"
#include "rapport-store-private.h"
#include "rapport-text.h"
#include "rapport-validation.h"

#define FOLLOW_UP_COLUMNS \
  "f.id, f.uuid, f.customer_id, c.name, f.contact_id, f.title, f.note, f.due_local, " \
  "f.time_zone, f.due_at, f.remind_before, f.remind_at, f.snoozed_until, f.notified_at, " \
  "f.repeat_unit, f.repeat_every, f.done_at, f.revision, f.created_at, f.updated_at, f.deleted_at, " \
  "f.assignee_id"

/* The pending reminders of live customers, walked in remind_at order through
 * the partial index (CROSS JOIN keeps follow_up the outer loop). */
#define PENDING_REMINDER_WHERE \
  "f.remind_at IS NOT NULL AND f.done_at IS NULL AND f.deleted_at IS NULL AND c.deleted_at IS NULL"

/* A reminder at most a year before the due time. */
#define MAX_REMIND_BEFORE (366 * 24 * 60)

static const char * const repeat_unit_keys[] = { "none", "days", "weeks", "months" };

static const char *
repeat_unit_to_string (RapportRepeatUnit unit)
{
  return repeat_unit_keys[unit <= RAPPORT_REPEAT_MONTHS ? unit : RAPPORT_REPEAT_NONE];
}

static RapportRepeatUnit
repeat_unit_from_string (const char *str)
{
  for (guint i = 0; i < G_N_ELEMENTS (repeat_unit_keys); i++)
    if (g_strcmp0 (repeat_unit_keys[i], str) == 0)
      return (RapportRepeatUnit) i;

  return RAPPORT_REPEAT_NONE;
}

/* The zone a saved follow-up is in. An id GLib no longer knows (a zone
 * database without it) falls back to the local zone rather than to UTC. */
static GTimeZone *
zone_for_id (const char *time_zone)
{
  GTimeZone *zone = NULL;

  if (time_zone != NULL && time_zone[0] != '\0')
    zone = g_time_zone_new_identifier (time_zone);

  return zone != NULL ? zone : g_time_zone_new_local ();
}

/* The pending reminder's instant (0: none), from the columns it derives from. */
static gint64
derive_remind_at (gint64 due_at,
                  gint   remind_before,
                  gint64 snoozed_until,
                  gint64 notified_at,
                  gint64 done_at)
{
  if (done_at != 0 || notified_at != 0)
    return 0;
  if (snoozed_until != 0)
    return snoozed_until;
  if (remind_before < 0)
    return 0;

  return due_at - (gint64) remind_before * 60;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID, message);
  return FALSE;
}

/* What a follow-up saves, checked and normalised. */
typedef struct
{
  char   *title;
  char   *time_zone;
  gint64  due_at;
} Checked;

static void
checked_clear (Checked *checked)
{
  g_clear_pointer (&checked->title, g_free);
  g_clear_pointer (&checked->time_zone, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Checked, checked_clear)

/* The rules of src/core, turned into RAPPORT_DATABASE_ERROR_INVALID. */
static gboolean
check_fields (RapportFollowUp  *follow_up,
              Checked          *out,
              GError          **error)
{
  GError *local_error = NULL;
  const char *due_local = rapport_follow_up_get_due_local (follow_up);
  const char *time_zone = rapport_follow_up_get_time_zone (follow_up);
  RapportRepeatUnit unit = rapport_follow_up_get_repeat_unit (follow_up);
  gint remind_before = rapport_follow_up_get_remind_before (follow_up);
  g_autoptr (GTimeZone) zone = NULL;

  out->title = g_strstrip (g_strdup (rapport_follow_up_get_title (follow_up) != NULL
                                     ? rapport_follow_up_get_title (follow_up) : ""));
  if (out->title[0] == '\0')
    return invalid (error, _("A follow-up needs a title"));

  if (!rapport_due_time_validate (due_local, &local_error))
    return _rapport_store_invalid (error, local_error);

  if (time_zone == NULL || time_zone[0] == '\0')
    {
      zone = g_time_zone_new_local ();
      out->time_zone = g_strdup (g_time_zone_get_identifier (zone));
    }
  else
    {
      zone = g_time_zone_new_identifier (time_zone);
      /* The local zone's own name, even one GLib cannot look up again. */
      if (zone == NULL)
        {
          g_autoptr (GTimeZone) local = g_time_zone_new_local ();

          if (g_strcmp0 (time_zone, g_time_zone_get_identifier (local)) == 0)
            zone = g_steal_pointer (&local);
        }
      if (zone == NULL)
        {
          g_autofree char *quoted = rapport_text_truncate (time_zone, 40);

          g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                       /* Translators: %s is the time zone as given */
                       _("“%s” is not a time zone: use a name such as Asia/Shanghai"), quoted);
          return FALSE;
        }
      out->time_zone = g_strdup (time_zone);
    }

  if (remind_before != RAPPORT_FOLLOW_UP_NO_REMINDER &&
      (remind_before < 0 || remind_before > MAX_REMIND_BEFORE))
    return invalid (error, _("A reminder comes up to a year before the due time"));

  if (unit > RAPPORT_REPEAT_MONTHS)
    return invalid (error, _("A follow-up repeats every 1 to 999 days, weeks or months"));

  if (unit != RAPPORT_REPEAT_NONE)
    {
      /* The one rule for a recurrence is the one that steps it. */
      g_autofree char *next = rapport_due_time_next (due_local, unit,
                                                     (int) MIN (rapport_follow_up_get_repeat_every (follow_up),
                                                                (guint) G_MAXINT),
                                                     &local_error);

      if (next == NULL)
        return _rapport_store_invalid (error, local_error);
    }

  out->due_at = rapport_due_time_to_unix (due_local, zone);
  return TRUE;
}

/* The customer must exist and not be in the Trash; the contact, if any, must
 * be one of its own. */
static gboolean
check_owner (RapportDatabase  *db,
             gint64            customer_id,
             gint64            contact_id,
             GError          **error)
{
  int rc;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db,
                                                                   "SELECT deleted_at IS NOT NULL FROM customer WHERE id = ?1",
                                                                   error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_int64 (stmt, 1, customer_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      return invalid (error, _("The customer no longer exists"));
    if (rc != SQLITE_ROW)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the customer"));
        return FALSE;
      }
    if (sqlite3_column_int (stmt, 0) != 0)
      return invalid (error, _("The customer is in the Trash"));
  }

  if (contact_id != 0)
    {
      g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db,
                                                                     "SELECT customer_id FROM contact WHERE id = ?1",
                                                                     error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, contact_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CONTACT, contact_id);
      if (rc != SQLITE_ROW)
        {
          _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the contact"));
          return FALSE;
        }
      if (sqlite3_column_int64 (stmt, 0) != customer_id)
        return invalid (error, _("The contact belongs to another customer"));
    }

  return TRUE;
}

static void
bind_optional_int64 (sqlite3_stmt *stmt,
                     int           index,
                     gint64        value)
{
  if (value == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

/* Inserts a row from @follow_up's fields and the checked ones; @id gets the
 * new row's id. Revision 1, never notified. */
static gboolean
insert_row (RapportDatabase   *db,
            RapportFollowUp   *follow_up,
            const char        *title,
            const char        *due_local,
            const char        *time_zone,
            gint64             due_at,
            gint64             done_at,
            gint64             now,
            char               uuid[RAPPORT_UUID_LEN],
            gint64            *id,
            GError           **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  RapportRepeatUnit unit = rapport_follow_up_get_repeat_unit (follow_up);
  gint remind_before = rapport_follow_up_get_remind_before (follow_up);

  _rapport_store_new_uuid (uuid);

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO follow_up (uuid, customer_id, contact_id, title, note, due_local, "
                                    "  time_zone, due_at, remind_before, remind_at, repeat_unit, repeat_every, done_at, "
                                    "  revision, created_at, updated_at, assignee_id) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?14, ?15)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rapport_follow_up_get_customer_id (follow_up));
  _rapport_store_bind_id (stmt, 3, rapport_follow_up_get_contact_id (follow_up));
  sqlite3_bind_text (stmt, 4, title, -1, SQLITE_STATIC);
  _rapport_store_bind_text (stmt, 5, rapport_follow_up_get_note (follow_up));
  sqlite3_bind_text (stmt, 6, due_local, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, time_zone, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, due_at);
  if (remind_before < 0)
    sqlite3_bind_null (stmt, 9);
  else
    sqlite3_bind_int (stmt, 9, remind_before);
  bind_optional_int64 (stmt, 10, derive_remind_at (due_at, remind_before, 0, 0, done_at));
  sqlite3_bind_text (stmt, 11, repeat_unit_to_string (unit), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 12, unit == RAPPORT_REPEAT_NONE ? 0 : (int) rapport_follow_up_get_repeat_every (follow_up));
  bind_optional_int64 (stmt, 13, done_at);
  sqlite3_bind_int64 (stmt, 14, now);
  _rapport_store_bind_id (stmt, 15, rapport_follow_up_get_assignee_id (follow_up));

  if (!_rapport_database_step_done (db, stmt, _("Could not save the follow-up"), error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  return TRUE;
}

/**
 * rapport_store_insert_follow_up:
 * @follow_up: with customer-id, title, due-local set (time-zone NULL for the
 *   local zone). On success id, uuid, time-zone, due-at, remind-at, revision
 *   and the times are filled in.
 */
gboolean
rapport_store_insert_follow_up (RapportDatabase  *db,
                                RapportFollowUp  *follow_up,
                                GError          **error)
{
  g_auto (Checked) checked = { NULL, };
  char uuid[RAPPORT_UUID_LEN];
  gint64 customer_id;
  gint64 done_at;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (follow_up), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_fields (follow_up, &checked, error))
    return FALSE;

  customer_id = rapport_follow_up_get_customer_id (follow_up);
  done_at = rapport_follow_up_get_done_at (follow_up);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  if (!check_owner (db, customer_id, rapport_follow_up_get_contact_id (follow_up), error) ||
      !insert_row (db, follow_up, checked.title, rapport_follow_up_get_due_local (follow_up),
                   checked.time_zone, checked.due_at, done_at, now, uuid, &id, error))
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_FOLLOW_UP, id, customer_id, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_follow_up_set_id (follow_up, id);
  rapport_follow_up_set_uuid (follow_up, uuid);
  rapport_follow_up_set_title (follow_up, checked.title);
  rapport_follow_up_set_time_zone (follow_up, checked.time_zone);
  rapport_follow_up_set_due_at (follow_up, checked.due_at);
  rapport_follow_up_set_remind_at (follow_up,
                                   derive_remind_at (checked.due_at, rapport_follow_up_get_remind_before (follow_up),
                                                     0, 0, done_at));
  rapport_follow_up_set_snoozed_until (follow_up, 0);
  rapport_follow_up_set_notified_at (follow_up, 0);
  rapport_follow_up_set_revision (follow_up, 1);
  rapport_follow_up_set_created_at (follow_up, now);
  rapport_follow_up_set_updated_at (follow_up, now);
  rapport_follow_up_set_deleted_at (follow_up, 0);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static RapportFollowUp *
follow_up_from_row (sqlite3_stmt *stmt)
{
  RapportFollowUp *follow_up = rapport_follow_up_new ();

  rapport_follow_up_set_id (follow_up, sqlite3_column_int64 (stmt, 0));
  rapport_follow_up_set_uuid (follow_up, _rapport_store_column_text (stmt, 1));
  rapport_follow_up_set_customer_id (follow_up, sqlite3_column_int64 (stmt, 2));
  rapport_follow_up_set_customer_name (follow_up, _rapport_store_column_text (stmt, 3));
  rapport_follow_up_set_contact_id (follow_up, sqlite3_column_int64 (stmt, 4));
  rapport_follow_up_set_title (follow_up, _rapport_store_column_text (stmt, 5));
  rapport_follow_up_set_note (follow_up, _rapport_store_column_text (stmt, 6));
  rapport_follow_up_set_due_local (follow_up, _rapport_store_column_text (stmt, 7));
  rapport_follow_up_set_time_zone (follow_up, _rapport_store_column_text (stmt, 8));
  rapport_follow_up_set_due_at (follow_up, sqlite3_column_int64 (stmt, 9));
  rapport_follow_up_set_remind_before (follow_up, sqlite3_column_type (stmt, 10) == SQLITE_NULL
                                                  ? RAPPORT_FOLLOW_UP_NO_REMINDER
                                                  : sqlite3_column_int (stmt, 10));
  rapport_follow_up_set_remind_at (follow_up, sqlite3_column_int64 (stmt, 11));
  rapport_follow_up_set_snoozed_until (follow_up, sqlite3_column_int64 (stmt, 12));
  rapport_follow_up_set_notified_at (follow_up, sqlite3_column_int64 (stmt, 13));
  rapport_follow_up_set_repeat_unit (follow_up, repeat_unit_from_string (_rapport_store_column_text (stmt, 14)));
  rapport_follow_up_set_repeat_every (follow_up, (guint) sqlite3_column_int (stmt, 15));
  rapport_follow_up_set_done_at (follow_up, sqlite3_column_int64 (stmt, 16));
  rapport_follow_up_set_revision (follow_up, sqlite3_column_int64 (stmt, 17));
  rapport_follow_up_set_created_at (follow_up, sqlite3_column_int64 (stmt, 18));
  rapport_follow_up_set_updated_at (follow_up, sqlite3_column_int64 (stmt, 19));
  rapport_follow_up_set_deleted_at (follow_up, sqlite3_column_int64 (stmt, 20));
  rapport_follow_up_set_assignee_id (follow_up, sqlite3_column_int64 (stmt, 21));

  return follow_up;
}

/* The row as stored (trashed ones included), or NULL with NOT_FOUND. */
static RapportFollowUp *
read_follow_up (RapportDatabase  *db,
                gint64            id,
                GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    "SELECT " FOLLOW_UP_COLUMNS " FROM follow_up f "
                                    "JOIN customer c ON c.id = f.customer_id WHERE f.id = ?1",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return follow_up_from_row (stmt);

  if (rc == SQLITE_DONE)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_FOLLOW_UP, id);
  else
    _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the follow-up"));

  return NULL;
}

/**
 * rapport_store_get_follow_up:
 *
 * Returns: (transfer full): the follow-up, also when it is in the Trash
 *   (deleted-at set); NULL with RAPPORT_DATABASE_ERROR_NOT_FOUND when missing
 */
RapportFollowUp *
rapport_store_get_follow_up (RapportDatabase  *db,
                             gint64            id,
                             GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_follow_up (db, id, error);
}

/**
 * rapport_store_update_follow_up:
 *
 * Saves the user's fields (done-at, the reminder's state and revision are the
 * store's). Moving the due time or the reminder makes the reminder come again
 * once, at its new time.
 */
gboolean
rapport_store_update_follow_up (RapportDatabase  *db,
                                RapportFollowUp  *follow_up,
                                GError          **error)
{
  g_auto (Checked) checked = { NULL, };
  g_autoptr (RapportFollowUp) old = NULL;
  gint64 id;
  gint64 customer_id;
  gint remind_before;
  gint64 snoozed_until;
  gint64 notified_at;
  gint64 remind_at;
  gint64 revision;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP (follow_up), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_fields (follow_up, &checked, error))
    return FALSE;

  id = rapport_follow_up_get_id (follow_up);
  customer_id = rapport_follow_up_get_customer_id (follow_up);
  remind_before = rapport_follow_up_get_remind_before (follow_up);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  old = read_follow_up (db, id, error);
  if (old == NULL || !check_owner (db, customer_id, rapport_follow_up_get_contact_id (follow_up), error))
    goto fail;

  snoozed_until = rapport_follow_up_get_snoozed_until (old);
  notified_at = rapport_follow_up_get_notified_at (old);
  if (checked.due_at != rapport_follow_up_get_due_at (old) ||
      remind_before != rapport_follow_up_get_remind_before (old))
    {
      snoozed_until = 0;
      notified_at = 0;
    }
  remind_at = derive_remind_at (checked.due_at, remind_before, snoozed_until, notified_at,
                                rapport_follow_up_get_done_at (old));
  revision = rapport_follow_up_get_revision (old) + 1;

  {
    g_autoptr (RapportStatement) stmt = NULL;
    RapportRepeatUnit unit = rapport_follow_up_get_repeat_unit (follow_up);

    stmt = _rapport_database_prepare (db,
                                      "UPDATE follow_up SET customer_id = ?2, contact_id = ?3, title = ?4, note = ?5, "
                                      "  due_local = ?6, time_zone = ?7, due_at = ?8, remind_before = ?9, remind_at = ?10, "
                                      "  snoozed_until = ?11, notified_at = ?12, repeat_unit = ?13, repeat_every = ?14, "
                                      "  revision = ?15, updated_at = ?16, assignee_id = ?17 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, customer_id);
    _rapport_store_bind_id (stmt, 3, rapport_follow_up_get_contact_id (follow_up));
    sqlite3_bind_text (stmt, 4, checked.title, -1, SQLITE_STATIC);
    _rapport_store_bind_text (stmt, 5, rapport_follow_up_get_note (follow_up));
    sqlite3_bind_text (stmt, 6, rapport_follow_up_get_due_local (follow_up), -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 7, checked.time_zone, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 8, checked.due_at);
    if (remind_before < 0)
      sqlite3_bind_null (stmt, 9);
    else
      sqlite3_bind_int (stmt, 9, remind_before);
    bind_optional_int64 (stmt, 10, remind_at);
    bind_optional_int64 (stmt, 11, snoozed_until);
    bind_optional_int64 (stmt, 12, notified_at);
    sqlite3_bind_text (stmt, 13, repeat_unit_to_string (unit), -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 14, unit == RAPPORT_REPEAT_NONE ? 0 : (int) rapport_follow_up_get_repeat_every (follow_up));
    sqlite3_bind_int64 (stmt, 15, revision);
    sqlite3_bind_int64 (stmt, 16, now);
    _rapport_store_bind_id (stmt, 17, rapport_follow_up_get_assignee_id (follow_up));

    if (!_rapport_database_step_done (db, stmt, _("Could not save the follow-up"), error))
      goto fail;
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_FOLLOW_UP, id, customer_id, RAPPORT_CHANGE_UPDATED);
  /* Moved to another customer: gone from the first one's page. */
  if (rapport_follow_up_get_customer_id (old) != customer_id)
    _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_FOLLOW_UP, id,
                                    rapport_follow_up_get_customer_id (old), RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_follow_up_set_title (follow_up, checked.title);
  rapport_follow_up_set_time_zone (follow_up, checked.time_zone);
  rapport_follow_up_set_due_at (follow_up, checked.due_at);
  rapport_follow_up_set_remind_at (follow_up, remind_at);
  rapport_follow_up_set_snoozed_until (follow_up, snoozed_until);
  rapport_follow_up_set_notified_at (follow_up, notified_at);
  rapport_follow_up_set_done_at (follow_up, rapport_follow_up_get_done_at (old));
  rapport_follow_up_set_revision (follow_up, revision);
  rapport_follow_up_set_updated_at (follow_up, now);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_trash_follow_up (RapportDatabase  *db,
                               gint64            id,
                               GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The pending reminder leaves the partial index with deleted_at, and
   * returns with it on restore. */
  return _rapport_store_set_trashed (db, "follow_up", RAPPORT_ENTITY_KIND_FOLLOW_UP, id, TRUE, NULL, error);
}

gboolean
rapport_store_restore_follow_up (RapportDatabase  *db,
                                 gint64            id,
                                 GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _rapport_store_set_trashed (db, "follow_up", RAPPORT_ENTITY_KIND_FOLLOW_UP, id, FALSE, NULL, error);
}

/* For complete and snooze: the live follow-up, as the caller saw it. */
static RapportFollowUp *
read_for_action (RapportDatabase  *db,
                 gint64            id,
                 gint64            revision,
                 GError          **error)
{
  g_autoptr (RapportFollowUp) follow_up = read_follow_up (db, id, error);

  if (follow_up == NULL)
    return NULL;

  if (rapport_follow_up_get_deleted_at (follow_up) != 0)
    {
      _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_FOLLOW_UP, id);
      return NULL;
    }

  if (revision != 0 && rapport_follow_up_get_revision (follow_up) != revision)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT,
                           _("The follow-up was changed in the meantime; nothing was done"));
      return NULL;
    }

  return g_steal_pointer (&follow_up);
}

/* The next occurrence's local due time: one step from the due time, or from
 * the completion's date at the due time of day. */
static char *
next_due_local (RapportFollowUp   *follow_up,
                gint64             done_at,
                RapportRecurFrom   recur_from,
                GError           **error)
{
  const char *due_local = rapport_follow_up_get_due_local (follow_up);
  g_autofree char *from = NULL;

  if (recur_from == RAPPORT_RECUR_FROM_COMPLETION)
    {
      g_autoptr (GTimeZone) zone = zone_for_id (rapport_follow_up_get_time_zone (follow_up));
      g_autofree char *done_local = rapport_due_time_from_unix (done_at, zone);

      from = g_strdup_printf ("%.10s %s", done_local, due_local + 11);
    }
  else
    {
      from = g_strdup (due_local);
    }

  return rapport_due_time_next (from, rapport_follow_up_get_repeat_unit (follow_up),
                                (int) MIN (rapport_follow_up_get_repeat_every (follow_up), (guint) G_MAXINT),
                                error);
}

/* Creates the occurrence after @follow_up (a copy due at the next time). */
static gboolean
insert_next (RapportDatabase   *db,
             RapportFollowUp   *follow_up,
             gint64             done_at,
             RapportRecurFrom   recur_from,
             gint64             now,
             gint64            *next_id,
             GError           **error)
{
  GError *local_error = NULL;
  g_autofree char *due_local = next_due_local (follow_up, done_at, recur_from, &local_error);
  g_autoptr (GTimeZone) zone = NULL;
  char uuid[RAPPORT_UUID_LEN];

  if (due_local == NULL)
    return _rapport_store_invalid (error, local_error);

  zone = zone_for_id (rapport_follow_up_get_time_zone (follow_up));

  return insert_row (db, follow_up, rapport_follow_up_get_title (follow_up), due_local,
                     rapport_follow_up_get_time_zone (follow_up), rapport_due_time_to_unix (due_local, zone),
                     0, now, uuid, next_id, error);
}

/**
 * rapport_store_complete_follow_up:
 * @done_at: when it was done (UTC), 0 for now
 *
 * Completing one already done changes nothing (and creates no second next
 * occurrence).
 */
gboolean
rapport_store_complete_follow_up (RapportDatabase  *db,
                                  gint64            id,
                                  gint64            done_at,
                                  RapportRecurFrom  recur_from,
                                  gint64            revision,
                                  gint64           *out_next_id,
                                  GError          **error)
{
  g_autoptr (RapportFollowUp) follow_up = NULL;
  gint64 customer_id;
  gint64 next_id = 0;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_next_id != NULL)
    *out_next_id = 0;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);
  if (done_at == 0)
    done_at = now;

  follow_up = read_for_action (db, id, revision, error);
  if (follow_up == NULL)
    goto fail;

  if (rapport_follow_up_is_done (follow_up))
    goto unchanged;

  customer_id = rapport_follow_up_get_customer_id (follow_up);

  if (rapport_follow_up_get_repeat_unit (follow_up) != RAPPORT_REPEAT_NONE &&
      !insert_next (db, follow_up, done_at, recur_from, now, &next_id, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE follow_up SET done_at = ?2, remind_at = NULL, next_id = ?3, "
                                      "  revision = revision + 1, updated_at = ?4 WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, done_at);
    bind_optional_int64 (stmt, 3, next_id);
    sqlite3_bind_int64 (stmt, 4, now);

    if (!_rapport_database_step_done (db, stmt, _("Could not save the follow-up"), error))
      goto fail;
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_FOLLOW_UP, id, customer_id, RAPPORT_CHANGE_UPDATED);
  if (next_id != 0)
    _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_FOLLOW_UP, next_id, customer_id, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  if (out_next_id != NULL)
    *out_next_id = next_id;

  return TRUE;

unchanged:
  return _rapport_database_rollback (db, error);

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_reopen_follow_up:
 *
 * Open again; its reminder is pending again unless it was already shown.
 */
gboolean
rapport_store_reopen_follow_up (RapportDatabase  *db,
                                gint64            id,
                                GError          **error)
{
  g_autoptr (RapportFollowUp) follow_up = NULL;
  gint64 customer_id;
  gint64 next_id = 0;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  follow_up = read_follow_up (db, id, error);
  if (follow_up == NULL)
    goto fail;

  if (!rapport_follow_up_is_done (follow_up))
    goto unchanged;

  customer_id = rapport_follow_up_get_customer_id (follow_up);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db, "SELECT next_id FROM follow_up WHERE id = ?1", error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    if (!_rapport_database_step_int64 (db, stmt, _("Could not read the follow-up"), &next_id, error))
      goto fail;
  }

  if (next_id != 0)
    {
      g_autoptr (RapportStatement) stmt = NULL;

      stmt = _rapport_database_prepare (db, "DELETE FROM follow_up WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;

      sqlite3_bind_int64 (stmt, 1, next_id);
      if (!_rapport_database_step_done (db, stmt, _("Could not save the follow-up"), error))
        goto fail;
    }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE follow_up SET done_at = NULL, remind_at = ?2, next_id = NULL, "
                                      "  revision = revision + 1, updated_at = ?3 WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    bind_optional_int64 (stmt, 2, derive_remind_at (rapport_follow_up_get_due_at (follow_up),
                                                    rapport_follow_up_get_remind_before (follow_up),
                                                    rapport_follow_up_get_snoozed_until (follow_up),
                                                    rapport_follow_up_get_notified_at (follow_up),
                                                    0));
    sqlite3_bind_int64 (stmt, 3, now);

    if (!_rapport_database_step_done (db, stmt, _("Could not save the follow-up"), error))
      goto fail;
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_FOLLOW_UP, id, customer_id, RAPPORT_CHANGE_UPDATED);
  if (next_id != 0)
    _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_FOLLOW_UP, next_id, customer_id, RAPPORT_CHANGE_DELETED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

unchanged:
  return _rapport_database_rollback (db, error);

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_snooze_follow_up (RapportDatabase  *db,
                                gint64            id,
                                gint64            until,
                                gint64            revision,
                                GError          **error)
{
  g_autoptr (RapportFollowUp) follow_up = NULL;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (until <= 0)
    return invalid (error, _("Choose when to be reminded again"));

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  follow_up = read_for_action (db, id, revision, error);
  if (follow_up == NULL)
    goto fail;

  if (rapport_follow_up_is_done (follow_up))
    {
      invalid (error, _("The follow-up is already done"));
      goto fail;
    }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE follow_up SET snoozed_until = ?2, remind_at = ?2, notified_at = NULL, "
                                      "  revision = revision + 1, updated_at = ?3 WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, until);
    sqlite3_bind_int64 (stmt, 3, now);

    if (!_rapport_database_step_done (db, stmt, _("Could not save the follow-up"), error))
      goto fail;
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_FOLLOW_UP, id,
                                  rapport_follow_up_get_customer_id (follow_up), RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static GListModel *
list_from_statement (RapportDatabase  *db,
                     sqlite3_stmt     *stmt,
                     GError          **error)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_FOLLOW_UP);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportFollowUp) follow_up = follow_up_from_row (stmt);
      g_list_store_append (store, follow_up);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the follow-ups"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * rapport_store_list_follow_ups:
 *
 * Returns: (transfer full): a #GListModel of the customer's #RapportFollowUp
 *   not in the Trash, by due time, done ones last; empty while the customer is
 *   in the Trash
 */
GListModel *
rapport_store_list_follow_ups (RapportDatabase  *db,
                               gint64            customer_id,
                               gboolean          open_only,
                               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT " FOLLOW_UP_COLUMNS " FROM follow_up f "
                                    "JOIN customer c ON c.id = f.customer_id "
                                    "WHERE f.customer_id = ?1 AND f.deleted_at IS NULL AND c.deleted_at IS NULL "
                                    "  AND (?2 = 0 OR f.done_at IS NULL) "
                                    "ORDER BY f.done_at IS NOT NULL, f.due_at, f.id",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, open_only ? 1 : 0);

  return list_from_statement (db, stmt, error);
}

/**
 * rapport_store_list_open_follow_ups:
 *
 * Returns: (transfer full): a #GListModel of every open #RapportFollowUp due
 *   before @before of a customer not in the Trash, by due time
 */
GListModel *
rapport_store_list_open_follow_ups (RapportDatabase  *db,
                                    gint64            before,
                                    GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Driven by the partial index of open follow-ups, in due order. */
  stmt = _rapport_database_prepare (db,
                                    "SELECT " FOLLOW_UP_COLUMNS " FROM follow_up f "
                                    "CROSS JOIN customer c ON c.id = f.customer_id "
                                    "WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND f.due_at < ?1 "
                                    "  AND c.deleted_at IS NULL "
                                    "ORDER BY f.due_at, f.id",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, before);

  return list_from_statement (db, stmt, error);
}

guint
rapport_store_count_open_follow_ups (RapportDatabase *db,
                                     gint64           before)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 count = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);

  stmt = _rapport_database_prepare (db,
                                    "SELECT count(*) FROM follow_up f "
                                    "CROSS JOIN customer c ON c.id = f.customer_id "
                                    "WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND f.due_at < ?1 "
                                    "  AND c.deleted_at IS NULL",
                                    NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, before);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the follow-ups"), &count, NULL))
    return 0;

  return (guint) count;
}

/**
 * rapport_store_get_next_reminder_at:
 *
 * One step down the partial index of pending reminders (those of customers in
 * the Trash skipped).
 */
gint64
rapport_store_get_next_reminder_at (RapportDatabase  *db,
                                    GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 next = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  stmt = _rapport_database_prepare (db,
                                    "SELECT f.remind_at FROM follow_up f "
                                    "CROSS JOIN customer c ON c.id = f.customer_id "
                                    "WHERE " PENDING_REMINDER_WHERE " "
                                    "ORDER BY f.remind_at LIMIT 1",
                                    error);
  if (stmt == NULL)
    return 0;

  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the reminders"), &next, error))
    return 0;

  return next;
}

/**
 * rapport_store_take_due_reminders:
 * @fresh: (out) (optional) (transfer full): a #GPtrArray of #RapportFollowUp,
 *   with notified-at @now and remind-at 0 (the reminder is no longer pending)
 */
gboolean
rapport_store_take_due_reminders (RapportDatabase  *db,
                                  gint64            now,
                                  gint64            stale_before,
                                  GPtrArray       **fresh,
                                  guint            *out_n_stale,
                                  GError          **error)
{
  g_autoptr (GPtrArray) taken = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_stale = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fresh != NULL)
    *fresh = NULL;
  if (out_n_stale != NULL)
    *out_n_stale = 0;

  if (!_rapport_database_check_writable (db, error))
    return FALSE;

  /* Most looks find nothing due: a read says so without waiting for the
   * write lock, which a worker may hold for seconds (rebuilding the search
   * index after a migration) while this runs on the main thread. */
  {
    g_autoptr (GError) local_error = NULL;
    gint64 next = rapport_store_get_next_reminder_at (db, &local_error);

    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
    if (next == 0 || next > now)
      {
        if (fresh != NULL)
          *fresh = g_steal_pointer (&result);
        return TRUE;
      }
  }

  if (!_rapport_database_begin (db, error))
    return FALSE;

  {
    g_autoptr (RapportStatement) stmt = NULL;
    int rc;

    stmt = _rapport_database_prepare (db,
                                      "SELECT " FOLLOW_UP_COLUMNS " FROM follow_up f "
                                      "CROSS JOIN customer c ON c.id = f.customer_id "
                                      "WHERE " PENDING_REMINDER_WHERE " AND f.remind_at <= ?1 "
                                      "ORDER BY f.remind_at, f.id",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, now);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (taken, follow_up_from_row (stmt));

    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the reminders"));
        goto fail;
      }
  }

  for (guint i = 0; i < taken->len; i++)
    {
      RapportFollowUp *follow_up = g_ptr_array_index (taken, i);
      g_autoptr (RapportStatement) stmt = NULL;

      stmt = _rapport_database_prepare (db,
                                        "UPDATE follow_up SET notified_at = ?2, remind_at = NULL WHERE id = ?1",
                                        error);
      if (stmt == NULL)
        goto fail;

      sqlite3_bind_int64 (stmt, 1, rapport_follow_up_get_id (follow_up));
      sqlite3_bind_int64 (stmt, 2, now);
      if (!_rapport_database_step_done (db, stmt, _("Could not save the reminders"), error))
        goto fail;

      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_FOLLOW_UP, rapport_follow_up_get_id (follow_up),
                                      rapport_follow_up_get_customer_id (follow_up), RAPPORT_CHANGE_UPDATED);

      if (rapport_follow_up_get_remind_at (follow_up) < stale_before)
        {
          n_stale++;
          continue;
        }

      rapport_follow_up_set_notified_at (follow_up, now);
      rapport_follow_up_set_remind_at (follow_up, 0);
      g_ptr_array_add (result, g_object_ref (follow_up));
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  if (fresh != NULL)
    *fresh = g_steal_pointer (&result);
  if (out_n_stale != NULL)
    *out_n_stale = n_stale;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_get_schedule_state:
 *
 * Returns: what @name last recorded, 0 when never (or unreadable)
 */
gint64
rapport_store_get_schedule_state (RapportDatabase *db,
                                  const char      *name)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 value = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);
  g_return_val_if_fail (name != NULL, 0);

  stmt = _rapport_database_prepare (db, "SELECT CAST (value AS INTEGER) FROM schedule_state WHERE name = ?1", NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the schedule"), &value, NULL))
    return 0;

  return value;
}

/**
 * rapport_store_set_schedule_state:
 *
 * Inside the caller's transaction when there is one, so it commits with what
 * the job wrote.
 */
gboolean
rapport_store_set_schedule_state (RapportDatabase  *db,
                                  const char       *name,
                                  gint64            value,
                                  GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO schedule_state (name, value) VALUES (?1, ?2) "
                                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                                    error);
  if (stmt == NULL)
    goto fail;

  text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (!_rapport_database_step_done (db, stmt, _("Could not save the schedule"), error))
    goto fail;

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}
