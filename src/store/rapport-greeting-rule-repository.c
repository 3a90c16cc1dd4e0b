/* rapport-greeting-rule-repository.c
 *
 * Automatic greetings' rules (客户关怀). A rule's audience is stored as JSON
 * (rapport-audience.h); the fields of other kinds than its own are stored as
 * NULL, so a rule changed from "date" to "birthday" keeps no stale date.
 * Deleting a rule is for good: its messages stay, without their rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-greeting-rule-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date.h"
#include "rapport-due-time.h"
#include "rapport-store-private.h"

#define RULE_COLUMNS \
  "id, uuid, name, kind, holiday, month_day, every_months, template_id, channel, audience, " \
  "send_time, lead_days, review_first, enabled, created_at, updated_at"

#define MAX_LEAD_DAYS    30
#define MAX_EVERY_MONTHS 60

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID, message);
  return FALSE;
}

/* "HH:MM", 00:00 to 23:59, by the due-time rule. */
static gboolean
send_time_valid (const char *send_time)
{
  g_autofree char *local = NULL;

  if (send_time == NULL || strlen (send_time) != 5)
    return FALSE;

  local = g_strconcat ("2000-01-01 ", send_time, NULL);
  return rapport_due_time_validate (local, NULL);
}

/* "MM-DD" of some year: 02-29 is a date (celebrated on 28 February or 1 March
 * by the greetings job in other years). */
static gboolean
month_day_valid (const char *month_day)
{
  g_autofree char *date = NULL;

  if (month_day == NULL || strlen (month_day) != 5)
    return FALSE;

  date = g_strconcat ("2000-", month_day, NULL);
  return rapport_date_validate (date, NULL);
}

static gboolean
check_rule (RapportGreetingRule  *rule,
            char                **out_name,
            GError              **error)
{
  RapportGreetingKind kind = rapport_greeting_rule_get_kind (rule);

  if (!_rapport_store_check_name (rapport_greeting_rule_get_name (rule), out_name, error))
    return FALSE;

  if (!send_time_valid (rapport_greeting_rule_get_send_time (rule)))
    return invalid (error, _("The send time is a time of day such as 09:00"));

  if (rapport_greeting_rule_get_lead_days (rule) > MAX_LEAD_DAYS)
    return invalid (error, _("A greeting goes out at most 30 days early"));

  switch (kind)
    {
    case RAPPORT_GREETING_KIND_PERIODIC:
      if (rapport_greeting_rule_get_every_months (rule) < 1 ||
          rapport_greeting_rule_get_every_months (rule) > MAX_EVERY_MONTHS)
        return invalid (error, _("Periodic care comes every 1 to 60 months"));
      break;

    case RAPPORT_GREETING_KIND_DATE:
      if (!month_day_valid (rapport_greeting_rule_get_month_day (rule)))
        return invalid (error, _("Choose the day of the year the greeting is for"));
      break;

    case RAPPORT_GREETING_KIND_HOLIDAY:
      if (_rapport_store_is_blank (rapport_greeting_rule_get_holiday (rule)))
        return invalid (error, _("Choose the holiday the greeting is for"));
      break;

    case RAPPORT_GREETING_KIND_BIRTHDAY:
      break;

    default:
      return invalid (error, _("Choose what the greeting is for"));
    }

  return TRUE;
}

/* Binds ?2 … ?14 (name, the kind's fields, settings). */
static void
bind_rule (sqlite3_stmt        *stmt,
           RapportGreetingRule *rule,
           const char          *name,
           const char          *audience_json)
{
  RapportGreetingKind kind = rapport_greeting_rule_get_kind (rule);

  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rapport_greeting_kind_to_string (kind), -1, SQLITE_STATIC);
  _rapport_store_bind_text (stmt, 4, kind == RAPPORT_GREETING_KIND_HOLIDAY
                                     ? rapport_greeting_rule_get_holiday (rule) : NULL);
  _rapport_store_bind_text (stmt, 5, kind == RAPPORT_GREETING_KIND_DATE
                                     ? rapport_greeting_rule_get_month_day (rule) : NULL);
  _rapport_store_bind_id (stmt, 6, kind == RAPPORT_GREETING_KIND_PERIODIC
                                   ? rapport_greeting_rule_get_every_months (rule) : 0);
  _rapport_store_bind_id (stmt, 7, rapport_greeting_rule_get_template_id (rule));
  sqlite3_bind_text (stmt, 8, rapport_channel_to_string (rapport_greeting_rule_get_channel (rule)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, audience_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, rapport_greeting_rule_get_send_time (rule), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, (int) rapport_greeting_rule_get_lead_days (rule));
  sqlite3_bind_int (stmt, 12, rapport_greeting_rule_get_review_first (rule));
  sqlite3_bind_int (stmt, 13, rapport_greeting_rule_get_enabled (rule));
}

static char *
audience_json (RapportGreetingRule *rule)
{
  const RapportAudience *audience = rapport_greeting_rule_get_audience (rule);
  g_autoptr (RapportAudience) everyone = NULL;

  if (audience == NULL)
    audience = everyone = rapport_audience_new ();

  return rapport_audience_to_json (audience);
}

/* A stored rule (a damaged audience reads as everyone, logged). */
static RapportGreetingRule *
rule_from_row (sqlite3_stmt *stmt)
{
  RapportGreetingRule *rule = rapport_greeting_rule_new ();
  RapportGreetingKind kind = RAPPORT_GREETING_KIND_BIRTHDAY;
  RapportChannel channel = RAPPORT_CHANNEL_MAIL;
  g_autoptr (RapportAudience) audience = NULL;
  g_autoptr (GError) error = NULL;

  rapport_greeting_kind_from_string (_rapport_store_column_text (stmt, 3), &kind);
  rapport_channel_from_string (_rapport_store_column_text (stmt, 8), &channel);
  audience = rapport_audience_from_json (_rapport_store_column_text (stmt, 9), &error);
  if (audience == NULL)
    {
      g_warning ("Greeting rule %" G_GINT64_FORMAT ": %s", (gint64) sqlite3_column_int64 (stmt, 0), error->message);
      audience = rapport_audience_new ();
    }

  rapport_greeting_rule_set_id (rule, sqlite3_column_int64 (stmt, 0));
  rapport_greeting_rule_set_uuid (rule, _rapport_store_column_text (stmt, 1));
  rapport_greeting_rule_set_name (rule, _rapport_store_column_text (stmt, 2));
  rapport_greeting_rule_set_kind (rule, kind);
  rapport_greeting_rule_set_holiday (rule, _rapport_store_column_text (stmt, 4));
  rapport_greeting_rule_set_month_day (rule, _rapport_store_column_text (stmt, 5));
  rapport_greeting_rule_set_every_months (rule, (guint) sqlite3_column_int (stmt, 6));
  rapport_greeting_rule_set_template_id (rule, sqlite3_column_int64 (stmt, 7));
  rapport_greeting_rule_set_channel (rule, channel);
  rapport_greeting_rule_set_audience (rule, audience);
  rapport_greeting_rule_set_send_time (rule, _rapport_store_column_text (stmt, 10));
  rapport_greeting_rule_set_lead_days (rule, (guint) sqlite3_column_int (stmt, 11));
  rapport_greeting_rule_set_review_first (rule, sqlite3_column_int (stmt, 12) != 0);
  rapport_greeting_rule_set_enabled (rule, sqlite3_column_int (stmt, 13) != 0);
  rapport_greeting_rule_set_created_at (rule, sqlite3_column_int64 (stmt, 14));
  rapport_greeting_rule_set_updated_at (rule, sqlite3_column_int64 (stmt, 15));

  return rule;
}

/**
 * rapport_store_insert_greeting_rule:
 * @rule: name, kind (and its field), channel, send-time set; audience NULL
 *   is everyone. On success id, uuid, the trimmed name and times are filled in.
 */
gboolean
rapport_store_insert_greeting_rule (RapportDatabase      *db,
                                    RapportGreetingRule  *rule,
                                    GError              **error)
{
  g_autofree char *name = NULL;
  g_autofree char *audience = NULL;
  char uuid[RAPPORT_UUID_LEN];
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (rule), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_rule (rule, &name, error))
    return FALSE;
  audience = audience_json (rule);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);
  _rapport_store_new_uuid (uuid);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO greeting_rule (uuid, name, kind, holiday, month_day, every_months, "
                                      "  template_id, channel, audience, send_time, lead_days, review_first, enabled, "
                                      "  created_at, updated_at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    bind_rule (stmt, rule, name, audience);
    sqlite3_bind_int64 (stmt, 14, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the greeting rule"), error))
      goto fail;

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_GREETING_RULE, id, 0, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_greeting_rule_set_id (rule, id);
  rapport_greeting_rule_set_uuid (rule, uuid);
  rapport_greeting_rule_set_name (rule, name);
  rapport_greeting_rule_set_created_at (rule, now);
  rapport_greeting_rule_set_updated_at (rule, now);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_update_greeting_rule:
 *
 * Saves every field of the user's. NOT_FOUND when missing.
 */
gboolean
rapport_store_update_greeting_rule (RapportDatabase      *db,
                                    RapportGreetingRule  *rule,
                                    GError              **error)
{
  g_autofree char *name = NULL;
  g_autofree char *audience = NULL;
  gint64 id;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (rule), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_rule (rule, &name, error))
    return FALSE;
  audience = audience_json (rule);
  id = rapport_greeting_rule_get_id (rule);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE greeting_rule SET name = ?2, kind = ?3, holiday = ?4, month_day = ?5, "
                                      "  every_months = ?6, template_id = ?7, channel = ?8, audience = ?9, "
                                      "  send_time = ?10, lead_days = ?11, review_first = ?12, enabled = ?13, "
                                      "  updated_at = ?14 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    bind_rule (stmt, rule, name, audience);
    sqlite3_bind_int64 (stmt, 14, now);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the greeting rule"), error))
      goto fail;
  }

  if (sqlite3_changes (_rapport_database_get_handle (db)) == 0)
    {
      _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_GREETING_RULE, id);
      goto fail;
    }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_GREETING_RULE, id, 0, RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_greeting_rule_set_name (rule, name);
  rapport_greeting_rule_set_updated_at (rule, now);

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_get_greeting_rule:
 *
 * Returns: (transfer full): the rule, or NULL with NOT_FOUND
 */
RapportGreetingRule *
rapport_store_get_greeting_rule (RapportDatabase  *db,
                                 gint64            id,
                                 GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db, "SELECT " RULE_COLUMNS " FROM greeting_rule WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return rule_from_row (stmt);

  if (rc == SQLITE_DONE)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_GREETING_RULE, id);
  else
    _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the greeting rule"));

  return NULL;
}

/**
 * rapport_store_list_greeting_rules:
 * @enabled_only: only the enabled ones (what the greetings job runs)
 *
 * Returns: (transfer full): a GListModel of RapportGreetingRule, by name
 */
GListModel *
rapport_store_list_greeting_rules (RapportDatabase  *db,
                                   gboolean          enabled_only,
                                   GError          **error)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_GREETING_RULE);
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT " RULE_COLUMNS " FROM greeting_rule "
                                    "WHERE enabled OR NOT ?1 ORDER BY name COLLATE NOCASE, id",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, enabled_only);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportGreetingRule) rule = rule_from_row (stmt);

      g_list_store_append (store, rule);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the greeting rules"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* One UPDATE or DELETE on rule @id (?1; ?2 the value and ?3 now, when it
 * uses them); NOT_FOUND when it touched nothing. */
static gboolean
write_rule_row (RapportDatabase    *db,
                gint64              id,
                const char         *sql,
                int                 value,
                RapportChangeKind   change,
                GError            **error)
{
  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, sql, error);

    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int (stmt, 2, value);
    sqlite3_bind_int64 (stmt, 3, _rapport_database_now (db));
    if (!_rapport_database_step_done (db, stmt, _("Could not save the greeting rule"), error))
      goto fail;
  }

  if (sqlite3_changes (_rapport_database_get_handle (db)) == 0)
    {
      _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_GREETING_RULE, id);
      goto fail;
    }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_GREETING_RULE, id, 0, change);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/* For good; its messages keep going (rule-id becomes 0). */
gboolean
rapport_store_delete_greeting_rule (RapportDatabase  *db,
                                    gint64            id,
                                    GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_rule_row (db, id, "DELETE FROM greeting_rule WHERE id = ?1", 0,
                         RAPPORT_CHANGE_DELETED, error);
}

gboolean
rapport_store_set_greeting_rule_enabled (RapportDatabase  *db,
                                         gint64            id,
                                         gboolean          enabled,
                                         GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_rule_row (db, id, "UPDATE greeting_rule SET enabled = ?2, updated_at = ?3 WHERE id = ?1",
                         !!enabled, RAPPORT_CHANGE_UPDATED, error);
}
