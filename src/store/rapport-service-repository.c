/* rapport-service-repository.c
 *
 * Service requests (服务 / 投诉), their history and the queues. See the
 * schema 10 comment in rapport-migrations.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-service-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-store-private.h"
#include "rapport-validation.h"

/* The default user is the first user row (rapport_store_get_user_name). A
 * customer's owner is given in the owner convention (0 = the default user,
 * whether owner_id is NULL or names that row). CROSS JOIN keeps the request
 * the outer loop, so a queue is read in its index's order and only the rows
 * shown look their customer up. */
#define SERVICE_COLUMNS \
  "SELECT r.id, r.uuid, r.customer_id, c.name, " \
  "  CASE WHEN c.owner_id IS NULL OR c.owner_id = (SELECT min (id) FROM user) THEN 0 ELSE c.owner_id END, " \
  "  r.contact_id, r.kind, r.summary, r.details, r.severity, r.priority, r.priority_tier, " \
  "  r.priority_overridden, r.status, r.assignee_id, u.name, r.due_at, r.first_response_at, " \
  "  r.resolved_at, r.closed_at, r.resolution, r.confirmed_by, r.confirmed_at, r.replied_at, " \
  "  r.reply_channel, r.satisfaction, r.satisfaction_comment, r.created_at, r.updated_at, r.deleted_at "
#define SERVICE_JOINS \
  "CROSS JOIN customer c ON c.id = r.customer_id " \
  "LEFT JOIN user u ON u.id = r.assignee_id "
#define SERVICE_SELECT SERVICE_COLUMNS "FROM service_request r " SERVICE_JOINS
/* A queue read in @index's order (a string literal). */
#define SERVICE_SELECT_FROM_INDEX(index) \
  SERVICE_COLUMNS "FROM service_request r INDEXED BY ", index, " " SERVICE_JOINS

#define OPEN_STATUSES "r.status NOT IN ('resolved', 'closed')"

static RapportServiceRequest *
request_from_row (sqlite3_stmt *stmt)
{
  RapportServiceRequest *request = rapport_service_request_new ();
  RapportServiceKind kind = RAPPORT_SERVICE_KIND_OTHER;
  RapportServiceSeverity severity = RAPPORT_SERVICE_SEVERITY_NORMAL;
  RapportTier tier = RAPPORT_TIER_LEAD;
  RapportServiceStatus status = RAPPORT_SERVICE_STATUS_NEW;
  RapportServiceReplyChannel channel = RAPPORT_SERVICE_REPLY_CHANNEL_OTHER;

  rapport_service_kind_from_string (_rapport_store_column_text (stmt, 6), &kind);
  rapport_service_severity_from_string (_rapport_store_column_text (stmt, 9), &severity);
  rapport_tier_from_string (_rapport_store_column_text (stmt, 11), &tier);
  rapport_service_status_from_string (_rapport_store_column_text (stmt, 13), &status);
  rapport_service_reply_channel_from_string (_rapport_store_column_text (stmt, 24), &channel);

  rapport_service_request_set_id (request, sqlite3_column_int64 (stmt, 0));
  rapport_service_request_set_uuid (request, _rapport_store_column_text (stmt, 1));
  rapport_service_request_set_customer_id (request, sqlite3_column_int64 (stmt, 2));
  rapport_service_request_set_customer_name (request, _rapport_store_column_text (stmt, 3));
  rapport_service_request_set_customer_owner_id (request, sqlite3_column_int64 (stmt, 4));
  rapport_service_request_set_contact_id (request, sqlite3_column_int64 (stmt, 5));
  rapport_service_request_set_kind (request, kind);
  rapport_service_request_set_summary (request, _rapport_store_column_text (stmt, 7));
  rapport_service_request_set_details (request, _rapport_store_column_text (stmt, 8));
  rapport_service_request_set_severity (request, severity);
  rapport_service_request_set_priority (request, CLAMP (sqlite3_column_int (stmt, 10),
                                                        RAPPORT_SERVICE_PRIORITY_HIGHEST,
                                                        RAPPORT_SERVICE_PRIORITY_LOWEST));
  rapport_service_request_set_priority_tier (request, tier);
  rapport_service_request_set_priority_overridden (request, sqlite3_column_int (stmt, 12) != 0);
  rapport_service_request_set_status (request, status);
  rapport_service_request_set_assignee_id (request, sqlite3_column_int64 (stmt, 14));
  rapport_service_request_set_assignee_name (request, _rapport_store_column_text (stmt, 15));
  rapport_service_request_set_due_at (request, sqlite3_column_int64 (stmt, 16));
  rapport_service_request_set_first_response_at (request, sqlite3_column_int64 (stmt, 17));
  rapport_service_request_set_resolved_at (request, sqlite3_column_int64 (stmt, 18));
  rapport_service_request_set_closed_at (request, sqlite3_column_int64 (stmt, 19));
  rapport_service_request_set_resolution (request, _rapport_store_column_text (stmt, 20));
  rapport_service_request_set_confirmed_by (request, sqlite3_column_int64 (stmt, 21));
  rapport_service_request_set_confirmed_at (request, sqlite3_column_int64 (stmt, 22));
  rapport_service_request_set_replied_at (request, sqlite3_column_int64 (stmt, 23));
  rapport_service_request_set_reply_channel (request, channel);
  rapport_service_request_set_satisfaction (request, CLAMP (sqlite3_column_int (stmt, 25), 0, 5));
  rapport_service_request_set_satisfaction_comment (request, _rapport_store_column_text (stmt, 26));
  rapport_service_request_set_created_at (request, sqlite3_column_int64 (stmt, 27));
  rapport_service_request_set_updated_at (request, sqlite3_column_int64 (stmt, 28));
  rapport_service_request_set_deleted_at (request, sqlite3_column_int64 (stmt, 29));

  return request;
}

static GListModel *
list_requests (RapportDatabase  *db,
               sqlite3_stmt     *stmt,
               GError          **error)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_SERVICE_REQUEST);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportServiceRequest) request = request_from_row (stmt);
      g_list_store_append (store, request);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the service requests"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

static RapportServiceRequest *
load_request (RapportDatabase  *db,
              gint64            id,
              GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, SERVICE_SELECT "WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return request_from_row (stmt);

  if (rc == SQLITE_DONE)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_SERVICE_REQUEST, id);
  else
    _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the service request"));
  return NULL;
}

/* The staff store's default user, as an out argument for the checks below. */
static gboolean
default_user_id (RapportDatabase  *db,
                 gint64           *out_id,
                 GError          **error)
{
  *out_id = rapport_store_get_default_user_id (db, error);
  return *out_id != 0;
}

/* @user_id in the owner convention (0 = the default user); NULL for him. */
static void
bind_user (sqlite3_stmt *stmt,
           int           index,
           gint64        user_id)
{
  _rapport_store_bind_id (stmt, index, user_id);
}

static gboolean
log_event (RapportDatabase          *db,
           gint64                    request_id,
           RapportServiceEventKind   kind,
           gint64                    user_id,
           const char               *from_value,
           const char               *to_value,
           const char               *note,
           gint64                    now,
           GError                  **error)
{
  char uuid[RAPPORT_UUID_LEN];
  g_autoptr (RapportStatement) stmt = NULL;

  _rapport_store_new_uuid (uuid);

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO service_event (uuid, service_request_id, kind, user_id, "
                                    "  from_value, to_value, note, created_at, updated_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, request_id);
  sqlite3_bind_text (stmt, 3, rapport_service_event_kind_to_string (kind), -1, SQLITE_STATIC);
  bind_user (stmt, 4, user_id);
  _rapport_store_bind_text (stmt, 5, from_value);
  _rapport_store_bind_text (stmt, 6, to_value);
  _rapport_store_bind_text (stmt, 7, note);
  sqlite3_bind_int64 (stmt, 8, now);

  return _rapport_database_step_done (db, stmt, _("Could not save the service request’s history"), error);
}

static char *
id_text (gint64 id)
{
  return id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

static gboolean
invalid (GError     **error,
         GError      *validation_error)
{
  return _rapport_store_invalid (error, validation_error);
}

/* The customer's current tier; NOT_FOUND for a missing customer. */
static gboolean
read_customer_tier (RapportDatabase  *db,
                    gint64            customer_id,
                    RapportTier      *out_tier,
                    GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT tier FROM customer WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id);
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the customer"));
      return FALSE;
    }

  *out_tier = RAPPORT_TIER_LEAD;
  rapport_tier_from_string (_rapport_store_column_text (stmt, 0), out_tier);
  return TRUE;
}

static gboolean
check_contact (RapportDatabase  *db,
               gint64            contact_id,
               gint64            customer_id,
               GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 owner = 0;

  if (contact_id == 0)
    return TRUE;

  stmt = _rapport_database_prepare (db, "SELECT customer_id FROM contact WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the contact"), &owner, error))
    return FALSE;

  if (owner != customer_id)
    {
      g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                           _("The contact is not one of the customer’s"));
      return FALSE;
    }

  return TRUE;
}

/* A user who can be given the request: exists and has not left. */
static gboolean
check_assignee (RapportDatabase  *db,
                gint64            assignee_id,
                GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GError) local_error = NULL;
  int rc;

  if (assignee_id == 0)
    return TRUE;

  stmt = _rapport_database_prepare (db, "SELECT name, left_at FROM user WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, assignee_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_USER, assignee_id);
  if (rc != SQLITE_ROW)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the user"));
      return FALSE;
    }

  if (!rapport_service_check_assignee (_rapport_store_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                       &local_error))
    return invalid (error, g_steal_pointer (&local_error));

  return TRUE;
}

/* A copy with the text trimmed (blank → NULL), validated by src/core. */
static RapportServiceRequest *
checked_copy (RapportServiceRequest  *request,
              GError                **error)
{
  g_autoptr (RapportServiceRequest) checked = rapport_service_request_copy (request);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *summary = g_strstrip (g_strdup (rapport_service_request_get_summary (request) != NULL
                                                   ? rapport_service_request_get_summary (request) : ""));
  g_autofree char *details = g_strstrip (g_strdup (rapport_service_request_get_details (request) != NULL
                                                   ? rapport_service_request_get_details (request) : ""));

  rapport_service_request_set_summary (checked, summary);
  rapport_service_request_set_details (checked, details[0] != '\0' ? details : NULL);

  if (!rapport_service_request_validate (checked, &local_error))
    {
      invalid (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&checked);
}

static void
set_write_error (RapportDatabase  *db,
                 gint64            customer_id,
                 GError          **error)
{
  sqlite3 *handle = _rapport_database_get_handle (db);

  if (sqlite3_extended_errcode (handle) == SQLITE_CONSTRAINT_FOREIGNKEY)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_CUSTOMER, customer_id);
  else
    _rapport_database_set_error (error, handle, _("Could not save the service request"));
}

gboolean
rapport_store_insert_service_request (RapportDatabase              *db,
                                      RapportServiceRequest        *request,
                                      const RapportServiceTargets  *targets,
                                      GError                      **error)
{
  char uuid[RAPPORT_UUID_LEN];
  g_autoptr (RapportServiceRequest) checked = NULL;
  RapportServiceStatus status;
  RapportTier tier = RAPPORT_TIER_LEAD;
  gint64 customer_id;
  gint64 assignee_id;
  gint64 due_at;
  gint priority;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (request), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  customer_id = rapport_service_request_get_customer_id (request);
  assignee_id = rapport_service_request_get_assignee_id (request);

  if (!_rapport_database_check_writable (db, error))
    return FALSE;

  checked = checked_copy (request, error);
  if (checked == NULL || !_rapport_database_begin (db, error))
    return FALSE;

  _rapport_store_new_uuid (uuid);
  now = _rapport_database_now (db);

  if (!read_customer_tier (db, customer_id, &tier, error) ||
      !check_contact (db, rapport_service_request_get_contact_id (checked), customer_id, error) ||
      !check_assignee (db, assignee_id, error))
    goto fail;

  if (rapport_service_request_get_priority_overridden (checked))
    priority = rapport_service_request_get_priority (checked);
  else
    priority = rapport_service_priority_compute (tier, rapport_service_request_get_severity (checked));
  due_at = rapport_service_targets_due_at (targets, priority, now);
  status = assignee_id != 0 ? RAPPORT_SERVICE_STATUS_ASSIGNED : RAPPORT_SERVICE_STATUS_NEW;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "INSERT INTO service_request (uuid, customer_id, contact_id, kind, summary, "
                                      "  details, severity, priority, priority_tier, priority_overridden, status, "
                                      "  assignee_id, due_at, first_response_at, created_at, updated_at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, customer_id);
    _rapport_store_bind_id (stmt, 3, rapport_service_request_get_contact_id (checked));
    sqlite3_bind_text (stmt, 4, rapport_service_kind_to_string (rapport_service_request_get_kind (checked)), -1,
                       SQLITE_STATIC);
    sqlite3_bind_text (stmt, 5, rapport_service_request_get_summary (checked), -1, SQLITE_TRANSIENT);
    _rapport_store_bind_text (stmt, 6, rapport_service_request_get_details (checked));
    sqlite3_bind_text (stmt, 7, rapport_service_severity_to_string (rapport_service_request_get_severity (checked)),
                       -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 8, priority);
    sqlite3_bind_text (stmt, 9, rapport_tier_to_string (tier), -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 10, rapport_service_request_get_priority_overridden (checked));
    sqlite3_bind_text (stmt, 11, rapport_service_status_to_string (status), -1, SQLITE_STATIC);
    _rapport_store_bind_id (stmt, 12, assignee_id);
    sqlite3_bind_int64 (stmt, 13, due_at);
    /* Assigned at once is a move out of new: the first response. */
    if (assignee_id != 0)
      sqlite3_bind_int64 (stmt, 14, now);
    else
      sqlite3_bind_null (stmt, 14);
    sqlite3_bind_int64 (stmt, 15, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, customer_id, error);
        goto fail;
      }

    id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  }

  if (!log_event (db, id, RAPPORT_SERVICE_EVENT_CREATED, 0, NULL,
                  rapport_service_status_to_string (RAPPORT_SERVICE_STATUS_NEW), NULL, now, error))
    goto fail;

  if (assignee_id != 0)
    {
      g_autofree char *to = id_text (assignee_id);

      if (!log_event (db, id, RAPPORT_SERVICE_EVENT_ASSIGNED, 0, NULL, to, NULL, now, error) ||
          !log_event (db, id, RAPPORT_SERVICE_EVENT_STATUS, 0,
                      rapport_service_status_to_string (RAPPORT_SERVICE_STATUS_NEW),
                      rapport_service_status_to_string (status), NULL, now, error))
        goto fail;
    }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_SERVICE_REQUEST, id, customer_id, RAPPORT_CHANGE_INSERTED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_service_request_set_id (request, id);
  rapport_service_request_set_uuid (request, uuid);
  rapport_service_request_set_summary (request, rapport_service_request_get_summary (checked));
  rapport_service_request_set_details (request, rapport_service_request_get_details (checked));
  rapport_service_request_set_priority (request, priority);
  rapport_service_request_set_priority_tier (request, tier);
  rapport_service_request_set_status (request, status);
  rapport_service_request_set_due_at (request, due_at);
  rapport_service_request_set_first_response_at (request, assignee_id != 0 ? now : 0);
  rapport_service_request_set_created_at (request, now);
  rapport_service_request_set_updated_at (request, now);
  rapport_service_request_set_deleted_at (request, 0);
  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/* Logs one edited field when its text changed. */
static gboolean
log_field (RapportDatabase          *db,
           gint64                    id,
           RapportServiceEventKind   kind,
           const char               *from,
           const char               *to,
           gint64                    now,
           guint                    *n_changed,
           GError                  **error)
{
  if (g_strcmp0 (from, to) == 0)
    return TRUE;

  (*n_changed)++;
  return log_event (db, id, kind, 0, from, to, NULL, now, error);
}

gboolean
rapport_store_update_service_request (RapportDatabase              *db,
                                      RapportServiceRequest        *request,
                                      const RapportServiceTargets  *targets,
                                      GError                      **error)
{
  g_autoptr (RapportServiceRequest) checked = NULL;
  g_autoptr (RapportServiceRequest) old = NULL;
  g_autofree char *old_priority = NULL;
  g_autofree char *new_priority = NULL;
  g_autofree char *old_contact = NULL;
  g_autofree char *new_contact = NULL;
  RapportTier tier;
  gint64 due_at;
  gint priority;
  guint n_changed = 0;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (request), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_service_request_get_id (request);

  if (!_rapport_database_check_writable (db, error))
    return FALSE;

  checked = checked_copy (request, error);
  if (checked == NULL || !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  old = load_request (db, id, error);
  if (old == NULL ||
      !check_contact (db, rapport_service_request_get_contact_id (checked),
                      rapport_service_request_get_customer_id (old), error))
    goto fail;

  tier = rapport_service_request_get_priority_tier (old);
  priority = rapport_service_request_get_priority (old);
  if (rapport_service_request_get_priority_overridden (checked))
    {
      priority = rapport_service_request_get_priority (checked);
    }
  else if (rapport_service_request_get_priority_overridden (old) ||
           rapport_service_request_get_severity (old) != rapport_service_request_get_severity (checked))
    {
      if (!read_customer_tier (db, rapport_service_request_get_customer_id (old), &tier, error))
        goto fail;
      priority = rapport_service_priority_compute (tier, rapport_service_request_get_severity (checked));
    }

  due_at = rapport_service_request_get_due_at (old);
  if (priority != rapport_service_request_get_priority (old))
    due_at = rapport_service_targets_due_at (targets, priority, rapport_service_request_get_created_at (old));

  old_priority = g_strdup_printf ("%d", rapport_service_request_get_priority (old));
  new_priority = g_strdup_printf ("%d", priority);
  old_contact = id_text (rapport_service_request_get_contact_id (old));
  new_contact = id_text (rapport_service_request_get_contact_id (checked));

  if (!log_field (db, id, RAPPORT_SERVICE_EVENT_KIND,
                  rapport_service_kind_to_string (rapport_service_request_get_kind (old)),
                  rapport_service_kind_to_string (rapport_service_request_get_kind (checked)), now, &n_changed, error) ||
      !log_field (db, id, RAPPORT_SERVICE_EVENT_SUMMARY, rapport_service_request_get_summary (old),
                  rapport_service_request_get_summary (checked), now, &n_changed, error) ||
      !log_field (db, id, RAPPORT_SERVICE_EVENT_DETAILS, rapport_service_request_get_details (old),
                  rapport_service_request_get_details (checked), now, &n_changed, error) ||
      !log_field (db, id, RAPPORT_SERVICE_EVENT_SEVERITY,
                  rapport_service_severity_to_string (rapport_service_request_get_severity (old)),
                  rapport_service_severity_to_string (rapport_service_request_get_severity (checked)),
                  now, &n_changed, error) ||
      !log_field (db, id, RAPPORT_SERVICE_EVENT_PRIORITY, old_priority, new_priority, now, &n_changed, error) ||
      !log_field (db, id, RAPPORT_SERVICE_EVENT_CONTACT, old_contact, new_contact, now, &n_changed, error))
    goto fail;

  /* Turning the override on or off alone changes no value the history shows. */
  if (n_changed == 0 &&
      rapport_service_request_get_priority_overridden (old) == rapport_service_request_get_priority_overridden (checked))
    {
      if (!_rapport_database_commit (db, error))
        goto fail;
      return TRUE;
    }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE service_request SET contact_id = ?2, kind = ?3, summary = ?4, "
                                      "  details = ?5, severity = ?6, priority = ?7, priority_tier = ?8, "
                                      "  priority_overridden = ?9, due_at = ?10, updated_at = ?11 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    _rapport_store_bind_id (stmt, 2, rapport_service_request_get_contact_id (checked));
    sqlite3_bind_text (stmt, 3, rapport_service_kind_to_string (rapport_service_request_get_kind (checked)), -1,
                       SQLITE_STATIC);
    sqlite3_bind_text (stmt, 4, rapport_service_request_get_summary (checked), -1, SQLITE_TRANSIENT);
    _rapport_store_bind_text (stmt, 5, rapport_service_request_get_details (checked));
    sqlite3_bind_text (stmt, 6, rapport_service_severity_to_string (rapport_service_request_get_severity (checked)),
                       -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 7, priority);
    sqlite3_bind_text (stmt, 8, rapport_tier_to_string (tier), -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 9, rapport_service_request_get_priority_overridden (checked));
    sqlite3_bind_int64 (stmt, 10, due_at);
    sqlite3_bind_int64 (stmt, 11, now);

    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        set_write_error (db, rapport_service_request_get_customer_id (old), error);
        goto fail;
      }
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_SERVICE_REQUEST, id,
                                  rapport_service_request_get_customer_id (old), RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  rapport_service_request_set_summary (request, rapport_service_request_get_summary (checked));
  rapport_service_request_set_details (request, rapport_service_request_get_details (checked));
  rapport_service_request_set_priority (request, priority);
  rapport_service_request_set_priority_tier (request, tier);
  rapport_service_request_set_due_at (request, due_at);
  rapport_service_request_set_updated_at (request, now);
  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_get_service_request:
 *
 * Returns: (transfer full): the request, or %NULL with NOT_FOUND
 */
RapportServiceRequest *
rapport_store_get_service_request (RapportDatabase  *db,
                                   gint64            id,
                                   GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_request (db, id, error);
}

static gboolean
log_trashed (RapportDatabase  *db,
             gint64            id,
             gint64            customer_id,
             GError          **error)
{
  return log_event (db, id, RAPPORT_SERVICE_EVENT_TRASHED, 0, NULL, NULL, NULL, _rapport_database_now (db), error);
}

static gboolean
log_restored (RapportDatabase  *db,
              gint64            id,
              gint64            customer_id,
              GError          **error)
{
  return log_event (db, id, RAPPORT_SERVICE_EVENT_RESTORED, 0, NULL, NULL, NULL, _rapport_database_now (db), error);
}

gboolean
rapport_store_trash_service_request (RapportDatabase  *db,
                                     gint64            id,
                                     GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _rapport_store_set_trashed (db, "service_request", RAPPORT_ENTITY_KIND_SERVICE_REQUEST, id, TRUE,
                                     log_trashed, error);
}

gboolean
rapport_store_restore_service_request (RapportDatabase  *db,
                                       gint64            id,
                                       GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _rapport_store_set_trashed (db, "service_request", RAPPORT_ENTITY_KIND_SERVICE_REQUEST, id, FALSE,
                                     log_restored, error);
}

/* The status column and its times for a move from @from to @to. */
static gboolean
write_status (RapportDatabase       *db,
              gint64                 id,
              RapportServiceStatus   from,
              RapportServiceStatus   to,
              const char            *note,
              gint64                 now,
              GError               **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  if (from == to)
    return TRUE;

  stmt = _rapport_database_prepare (db,
                                    "UPDATE service_request SET status = ?3, updated_at = ?2, "
                                    "  first_response_at = CASE WHEN ?4 THEN coalesce (first_response_at, ?2) "
                                    "    ELSE first_response_at END, "
                                    "  resolved_at = CASE WHEN ?3 = 'resolved' THEN ?2 "
                                    "    WHEN ?3 IN ('new', 'assigned', 'in-progress') THEN NULL ELSE resolved_at END, "
                                    "  closed_at = CASE WHEN ?3 = 'closed' THEN ?2 ELSE NULL END "
                                    "WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, rapport_service_status_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, from == RAPPORT_SERVICE_STATUS_NEW);

  if (!_rapport_database_step_done (db, stmt, _("Could not save the service request"), error))
    return FALSE;

  return log_event (db, id, RAPPORT_SERVICE_EVENT_STATUS, 0, rapport_service_status_to_string (from),
                    rapport_service_status_to_string (to), note, now, error);
}

static void
queue_update (RapportDatabase       *db,
              RapportServiceRequest *request)
{
  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_SERVICE_REQUEST, rapport_service_request_get_id (request),
                                  rapport_service_request_get_customer_id (request), RAPPORT_CHANGE_UPDATED);
}

gboolean
rapport_store_assign_service_request (RapportDatabase  *db,
                                      gint64            id,
                                      gint64            assignee_id,
                                      GError          **error)
{
  g_autoptr (RapportServiceRequest) request = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  RapportServiceStatus status;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (assignee_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  request = load_request (db, id, error);
  if (request == NULL)
    goto fail;

  if (rapport_service_request_get_assignee_id (request) == assignee_id)
    {
      if (!_rapport_database_commit (db, error))
        goto fail;
      return TRUE;
    }

  if (!check_assignee (db, assignee_id, error))
    goto fail;

  status = rapport_service_request_get_status (request);
  from = id_text (rapport_service_request_get_assignee_id (request));
  to = id_text (assignee_id);

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db, "UPDATE service_request SET assignee_id = ?3, updated_at = ?2 WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, now);
    _rapport_store_bind_id (stmt, 3, assignee_id);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the service request"), error))
      goto fail;
  }

  if (!log_event (db, id, RAPPORT_SERVICE_EVENT_ASSIGNED, 0, from, to, NULL, now, error))
    goto fail;

  /* Assigning a new request is its first move; taking the assignee away
   * from an assigned one puts it back in the Unassigned queue as new. */
  if (status == RAPPORT_SERVICE_STATUS_NEW && assignee_id != 0)
    {
      if (!write_status (db, id, status, RAPPORT_SERVICE_STATUS_ASSIGNED, NULL, now, error))
        goto fail;
    }
  else if (status == RAPPORT_SERVICE_STATUS_ASSIGNED && assignee_id == 0)
    {
      if (!write_status (db, id, status, RAPPORT_SERVICE_STATUS_NEW, NULL, now, error))
        goto fail;
    }

  queue_update (db, request);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_set_service_request_status (RapportDatabase       *db,
                                          gint64                 id,
                                          RapportServiceStatus   status,
                                          const char            *note,
                                          GError               **error)
{
  g_autoptr (RapportServiceRequest) request = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (note != NULL ? note : ""));
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  request = load_request (db, id, error);
  if (request == NULL)
    goto fail;

  if (status > RAPPORT_SERVICE_STATUS_CLOSED ||
      !rapport_service_request_can_move (request, status, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_NOT_ALLOWED,
                             _("Choose the status of the request"));
      invalid (error, g_steal_pointer (&local_error));
      goto fail;
    }

  if (!write_status (db, id, rapport_service_request_get_status (request), status,
                     trimmed[0] != '\0' ? trimmed : NULL, now, error))
    goto fail;

  queue_update (db, request);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_set_service_resolution (RapportDatabase  *db,
                                      gint64            id,
                                      const char       *resolution,
                                      GError          **error)
{
  g_autoptr (RapportServiceRequest) request = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (resolution != NULL ? resolution : ""));
  const char *value;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  value = trimmed[0] != '\0' ? trimmed : NULL;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  request = load_request (db, id, error);
  if (request == NULL)
    goto fail;

  if (g_strcmp0 (rapport_service_request_get_resolution (request), value) == 0)
    {
      if (!_rapport_database_commit (db, error))
        goto fail;
      return TRUE;
    }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE service_request SET resolution = ?3, confirmed_by = NULL, "
                                      "  confirmed_at = NULL, updated_at = ?2 WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, now);
    _rapport_store_bind_text (stmt, 3, value);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the service request"), error))
      goto fail;
  }

  if (!log_event (db, id, RAPPORT_SERVICE_EVENT_RESOLUTION, 0, rapport_service_request_get_resolution (request),
                  value, NULL, now, error))
    goto fail;

  /* What the owner confirmed is no longer what would be sent. */
  if (rapport_service_request_get_confirmed_at (request) != 0)
    {
      g_autofree char *confirmer = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    rapport_service_request_get_confirmed_by (request));

      if (!log_event (db, id, RAPPORT_SERVICE_EVENT_CONFIRMED, 0, confirmer, NULL, NULL, now, error))
        goto fail;
    }

  queue_update (db, request);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_confirm_service_resolution (RapportDatabase  *db,
                                          gint64            id,
                                          gint64            user_id,
                                          GError          **error)
{
  g_autoptr (RapportServiceRequest) request = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *confirmer = NULL;
  gint64 default_id = 0;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (user_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  request = load_request (db, id, error);
  if (request == NULL || !default_user_id (db, &default_id, error))
    goto fail;

  /* The owner convention: the default user is 0, by either name. */
  if (user_id == default_id)
    user_id = 0;
  if (user_id != 0 && !check_assignee (db, user_id, error))
    goto fail;

  if (!rapport_service_request_can_confirm (request, user_id, &local_error))
    {
      invalid (error, g_steal_pointer (&local_error));
      goto fail;
    }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE service_request SET confirmed_by = ?3, confirmed_at = ?2, "
                                      "  updated_at = ?2 WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, now);
    bind_user (stmt, 3, user_id);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the service request"), error))
      goto fail;
  }

  confirmer = g_strdup_printf ("%" G_GINT64_FORMAT, user_id);
  if (!log_event (db, id, RAPPORT_SERVICE_EVENT_CONFIRMED, user_id, NULL, confirmer, NULL, now, error))
    goto fail;

  queue_update (db, request);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_mark_service_request_replied (RapportDatabase             *db,
                                            gint64                       id,
                                            RapportServiceReplyChannel   channel,
                                            GError                     **error)
{
  g_autoptr (RapportServiceRequest) request = NULL;
  g_autoptr (GError) local_error = NULL;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (channel <= RAPPORT_SERVICE_REPLY_CHANNEL_OTHER, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  request = load_request (db, id, error);
  if (request == NULL)
    goto fail;

  if (!rapport_service_request_can_reply (request, &local_error))
    {
      invalid (error, g_steal_pointer (&local_error));
      goto fail;
    }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE service_request SET replied_at = ?2, reply_channel = ?3, "
                                      "  first_response_at = coalesce (first_response_at, ?2), updated_at = ?2 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, now);
    sqlite3_bind_text (stmt, 3, rapport_service_reply_channel_to_string (channel), -1, SQLITE_STATIC);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the service request"), error))
      goto fail;
  }

  if (!log_event (db, id, RAPPORT_SERVICE_EVENT_REPLIED, 0, NULL, rapport_service_reply_channel_to_string (channel),
                  NULL, now, error))
    goto fail;

  queue_update (db, request);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

gboolean
rapport_store_set_service_satisfaction (RapportDatabase  *db,
                                        gint64            id,
                                        gint              satisfaction,
                                        const char       *comment,
                                        GError          **error)
{
  g_autoptr (RapportServiceRequest) request = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (comment != NULL ? comment : ""));
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);

  request = load_request (db, id, error);
  if (request == NULL)
    goto fail;

  if (!rapport_service_request_can_rate (request, satisfaction, &local_error))
    {
      invalid (error, g_steal_pointer (&local_error));
      goto fail;
    }

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE service_request SET satisfaction = ?3, satisfaction_comment = ?4, "
                                      "  updated_at = ?2 WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, now);
    sqlite3_bind_int (stmt, 3, satisfaction);
    _rapport_store_bind_text (stmt, 4, trimmed[0] != '\0' ? trimmed : NULL);
    if (!_rapport_database_step_done (db, stmt, _("Could not save the service request"), error))
      goto fail;
  }

  if (rapport_service_request_get_satisfaction (request) != 0)
    from = g_strdup_printf ("%d", rapport_service_request_get_satisfaction (request));
  to = g_strdup_printf ("%d", satisfaction);
  if (!log_event (db, id, RAPPORT_SERVICE_EVENT_SATISFACTION, 0, from, to,
                  trimmed[0] != '\0' ? trimmed : NULL, now, error))
    goto fail;

  queue_update (db, request);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

static void
service_event_clear (gpointer data)
{
  RapportServiceEvent *event = data;

  g_clear_pointer (&event->from_value, g_free);
  g_clear_pointer (&event->to_value, g_free);
  g_clear_pointer (&event->note, g_free);
}

/**
 * rapport_store_list_service_events:
 *
 * Returns: (transfer full) (element-type RapportServiceEvent): the history, oldest first
 */
GArray *
rapport_store_list_service_events (RapportDatabase  *db,
                                   gint64            id,
                                   GError          **error)
{
  g_autoptr (GArray) events = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT kind, user_id, from_value, to_value, note, created_at FROM service_event "
                                    "WHERE service_request_id = ?1 ORDER BY created_at, id",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);

  events = g_array_new (FALSE, TRUE, sizeof (RapportServiceEvent));
  g_array_set_clear_func (events, service_event_clear);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportServiceEvent event = { 0, };

      /* A kind this build does not know (a newer one's) is skipped. */
      if (!rapport_service_event_kind_from_string (_rapport_store_column_text (stmt, 0), &event.kind))
        continue;

      event.user_id = sqlite3_column_int64 (stmt, 1);
      event.from_value = g_strdup (_rapport_store_column_text (stmt, 2));
      event.to_value = g_strdup (_rapport_store_column_text (stmt, 3));
      event.note = g_strdup (_rapport_store_column_text (stmt, 4));
      event.at = sqlite3_column_int64 (stmt, 5);
      g_array_append_val (events, event);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db),
                                   _("Could not read the service request’s history"));
      return NULL;
    }

  return g_steal_pointer (&events);
}

/* The Service section reads every queue's count and the averages each time
 * it shows a queue; on a large book the averages scan the table and Mine's
 * and Unassigned's counts visit each open request. They are kept per
 * connection until anything is written: data_version moves when another
 * connection commits, total_changes when this one writes (as the search's
 * filter cache does). Overdue's count moves with the clock and is not kept
 * (it needs its index alone). */
typedef struct
{
  gint64      data_version;
  gint64      total_changes;
  GHashTable *counts;       /* "queue:assignee" → count, as GUINT_TO_POINTER (count + 1) */
  GArray     *by_kind;      /* RapportServiceSatisfaction, or NULL until read */
  GArray     *by_assignee;
} ServiceCache;

static GQuark service_cache_quark;

static void
service_cache_free (gpointer data)
{
  ServiceCache *cache = data;

  g_hash_table_unref (cache->counts);
  g_clear_pointer (&cache->by_kind, g_array_unref);
  g_clear_pointer (&cache->by_assignee, g_array_unref);
  g_free (cache);
}

static ServiceCache *
get_service_cache (RapportDatabase  *db,
                   GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  ServiceCache *cache;
  gint64 data_version = 0;
  gint64 total_changes = sqlite3_total_changes64 (_rapport_database_get_handle (db));

  if (service_cache_quark == 0)
    service_cache_quark = g_quark_from_static_string ("rapport-service-cache");

  stmt = _rapport_database_prepare (db, "PRAGMA data_version", error);
  if (stmt == NULL ||
      !_rapport_database_step_int64 (db, stmt, _("Could not read the service requests"), &data_version, error))
    return NULL;

  cache = g_object_get_qdata (G_OBJECT (db), service_cache_quark);
  if (cache == NULL)
    {
      cache = g_new0 (ServiceCache, 1);
      cache->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_qdata_full (G_OBJECT (db), service_cache_quark, cache, service_cache_free);
    }
  else if (cache->data_version != data_version || cache->total_changes != total_changes)
    {
      g_hash_table_remove_all (cache->counts);
      g_clear_pointer (&cache->by_kind, g_array_unref);
      g_clear_pointer (&cache->by_assignee, g_array_unref);
    }

  cache->data_version = data_version;
  cache->total_changes = total_changes;

  return cache;
}

/* How a queue is read: from which of schema 10's partial indexes, with
 * which conditions (?1 the assignee, ?2 now) and in which order. The open
 * queues are read from the open requests' index in priority and due order,
 * even for one assignee: the open requests stay few, while an assignee's
 * closed ones grow for ever. Unfiltered counts need the index alone. */
typedef struct
{
  const char *index;
  const char *where;
  const char *order;
} QueueSql;

#define OPEN_WHERE "r.deleted_at IS NULL AND " OPEN_STATUSES " "
#define CLOSED_WHERE "r.deleted_at IS NULL AND r.status = 'closed' "
#define BY_PRIORITY "ORDER BY r.priority, r.due_at, r.id "

static void
queue_sql (RapportServiceQueue  queue,
           gint64               assignee_id,
           QueueSql            *sql)
{
  gboolean filtered = assignee_id != RAPPORT_SERVICE_ANY_ASSIGNEE;

  sql->index = "service_open_by_priority";
  sql->order = BY_PRIORITY;

  switch (queue)
    {
    case RAPPORT_SERVICE_QUEUE_MINE:
      sql->where = OPEN_WHERE "AND r.assignee_id = ?1 ";
      break;

    case RAPPORT_SERVICE_QUEUE_UNASSIGNED:
      sql->where = OPEN_WHERE "AND r.assignee_id IS NULL ";
      break;

    case RAPPORT_SERVICE_QUEUE_OVERDUE:
      sql->where = !filtered ? OPEN_WHERE "AND r.due_at < ?2 "
                   : assignee_id == 0 ? OPEN_WHERE "AND r.due_at < ?2 AND r.assignee_id IS NULL "
                   : OPEN_WHERE "AND r.due_at < ?2 AND r.assignee_id = ?1 ";
      break;

    case RAPPORT_SERVICE_QUEUE_OPEN:
      sql->where = !filtered ? OPEN_WHERE
                   : assignee_id == 0 ? OPEN_WHERE "AND r.assignee_id IS NULL "
                   : OPEN_WHERE "AND r.assignee_id = ?1 ";
      break;

    case RAPPORT_SERVICE_QUEUE_CLOSED:
    default:
      sql->index = "service_closed";
      sql->where = !filtered ? CLOSED_WHERE
                   : assignee_id == 0 ? CLOSED_WHERE "AND r.assignee_id IS NULL "
                   : CLOSED_WHERE "AND r.assignee_id = ?1 ";
      sql->order = "ORDER BY r.closed_at DESC, r.id DESC ";
      break;
    }

}

static gboolean
resolve_assignee (RapportDatabase      *db,
                  RapportServiceQueue   queue,
                  gint64               *assignee_id,
                  GError              **error)
{
  if (queue == RAPPORT_SERVICE_QUEUE_MINE && *assignee_id <= 0)
    return default_user_id (db, assignee_id, error);

  return TRUE;
}

static void
bind_queue (sqlite3_stmt *stmt,
            gint64        assignee_id,
            gint64        now)
{
  if (sqlite3_bind_parameter_index (stmt, "?1") > 0)
    sqlite3_bind_int64 (stmt, 1, assignee_id);
  if (sqlite3_bind_parameter_index (stmt, "?2") > 0)
    sqlite3_bind_int64 (stmt, 2, now);
}

/**
 * rapport_store_list_service_queue:
 *
 * Returns: (transfer full): a #GListModel of #RapportServiceRequest
 */
GListModel *
rapport_store_list_service_queue (RapportDatabase      *db,
                                  RapportServiceQueue   queue,
                                  gint64                assignee_id,
                                  guint                 offset,
                                  guint                 limit,
                                  GError              **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *sql = NULL;
  QueueSql parts;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (queue <= RAPPORT_SERVICE_QUEUE_CLOSED, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resolve_assignee (db, queue, &assignee_id, error))
    return NULL;

  queue_sql (queue, assignee_id, &parts);
  sql = g_strconcat (SERVICE_SELECT_FROM_INDEX (parts.index), "WHERE ", parts.where, parts.order,
                     "LIMIT ?3 OFFSET ?4", NULL);

  stmt = _rapport_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  bind_queue (stmt, assignee_id, _rapport_database_now (db));
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  return list_requests (db, stmt, error);
}

gboolean
rapport_store_count_service_queue (RapportDatabase      *db,
                                   RapportServiceQueue   queue,
                                   gint64                assignee_id,
                                   guint                *out_count,
                                   GError              **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *key = NULL;
  ServiceCache *cache = NULL;
  QueueSql parts;
  gint64 count = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (queue <= RAPPORT_SERVICE_QUEUE_CLOSED, FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!resolve_assignee (db, queue, &assignee_id, error))
    return FALSE;

  if (queue != RAPPORT_SERVICE_QUEUE_OVERDUE)
    {
      gpointer cached;

      cache = get_service_cache (db, error);
      if (cache == NULL)
        return FALSE;
      key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, queue, assignee_id);
      cached = g_hash_table_lookup (cache->counts, key);
      if (cached != NULL)
        {
          *out_count = GPOINTER_TO_UINT (cached) - 1;
          return TRUE;
        }
    }

  queue_sql (queue, assignee_id, &parts);
  /* Overdue unfiltered: the due index's range alone. */
  if (queue == RAPPORT_SERVICE_QUEUE_OVERDUE && assignee_id == RAPPORT_SERVICE_ANY_ASSIGNEE)
    parts.index = "service_open_by_due";
  sql = g_strconcat ("SELECT count (*) FROM service_request r INDEXED BY ", parts.index, " WHERE ", parts.where, NULL);

  stmt = _rapport_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_queue (stmt, assignee_id, _rapport_database_now (db));
  if (!_rapport_database_step_int64 (db, stmt, _("Could not read the service requests"), &count, error))
    return FALSE;

  *out_count = (guint) count;
  if (cache != NULL)
    g_hash_table_insert (cache->counts, g_steal_pointer (&key), GUINT_TO_POINTER (*out_count + 1));
  return TRUE;
}

/**
 * rapport_store_list_customer_service_requests:
 *
 * Returns: (transfer full): a #GListModel of #RapportServiceRequest
 */
GListModel *
rapport_store_list_customer_service_requests (RapportDatabase  *db,
                                              gint64            customer_id,
                                              GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    SERVICE_SELECT
                                    "WHERE r.customer_id = ?1 AND r.deleted_at IS NULL "
                                    "ORDER BY r.status IN ('resolved', 'closed'), "
                                    "  CASE WHEN " OPEN_STATUSES " THEN r.priority END, "
                                    "  CASE WHEN " OPEN_STATUSES " THEN r.due_at END, "
                                    "  r.created_at DESC, r.id DESC",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  return list_requests (db, stmt, error);
}

static int
compare_by_kind (gconstpointer a,
                 gconstpointer b)
{
  const RapportServiceSatisfaction *row_a = a;
  const RapportServiceSatisfaction *row_b = b;

  return (int) row_a->kind - (int) row_b->kind;
}

static GArray *
satisfaction_averages (RapportDatabase  *db,
                       gboolean          by_kind,
                       GError          **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (RapportServiceSatisfaction));
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db,
                                    by_kind
                                    ? "SELECT kind, count (*), avg (satisfaction) FROM service_request NOT INDEXED "
                                      "WHERE deleted_at IS NULL AND satisfaction IS NOT NULL GROUP BY kind"
                                    : "SELECT assignee_id, count (*), avg (satisfaction) FROM service_request NOT INDEXED "
                                      "WHERE deleted_at IS NULL AND satisfaction IS NOT NULL "
                                      "GROUP BY assignee_id ORDER BY assignee_id",
                                    error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportServiceSatisfaction row = { 0, };

      if (by_kind)
        {
          if (!rapport_service_kind_from_string (_rapport_store_column_text (stmt, 0), &row.kind))
            continue;
        }
      else
        {
          row.assignee_id = sqlite3_column_int64 (stmt, 0);
        }
      row.count = sqlite3_column_int (stmt, 1);
      row.average = sqlite3_column_double (stmt, 2);
      g_array_append_val (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the service requests"));
      return NULL;
    }

  if (by_kind)
    g_array_sort (rows, compare_by_kind);

  return g_steal_pointer (&rows);
}

static GArray *
cached_averages (RapportDatabase  *db,
                 gboolean          by_kind,
                 GError          **error)
{
  ServiceCache *cache;
  GArray **slot;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cache = get_service_cache (db, error);
  if (cache == NULL)
    return NULL;

  slot = by_kind ? &cache->by_kind : &cache->by_assignee;
  if (*slot == NULL)
    {
      *slot = satisfaction_averages (db, by_kind, error);
      if (*slot == NULL)
        return NULL;
    }

  return g_array_copy (*slot);
}

/**
 * rapport_store_get_service_satisfaction_by_kind:
 *
 * Returns: (transfer full) (element-type RapportServiceSatisfaction): the averages
 */
GArray *
rapport_store_get_service_satisfaction_by_kind (RapportDatabase  *db,
                                                GError          **error)
{
  return cached_averages (db, TRUE, error);
}

/**
 * rapport_store_get_service_satisfaction_by_assignee:
 *
 * Returns: (transfer full) (element-type RapportServiceSatisfaction): the averages
 */
GArray *
rapport_store_get_service_satisfaction_by_assignee (RapportDatabase  *db,
                                                    GError          **error)
{
  return cached_averages (db, FALSE, error);
}
