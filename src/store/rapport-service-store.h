/* rapport-service-store.h
 *
 * The service desk (issue 9): service requests (服务 / 投诉) with their
 * transitions, history, the owner's confirmation of a complaint's resolution,
 * satisfaction, the queues and the satisfaction averages. Included by
 * rapport-store.h.
 *
 * Every write is one transaction that also logs the change in the request's
 * history, announced on the change bus after it commits
 * (RAPPORT_ENTITY_KIND_SERVICE_REQUEST, carrying the customer); bad input
 * fails with RAPPORT_DATABASE_ERROR_INVALID and src/core's user-facing
 * message, a missing request with RAPPORT_DATABASE_ERROR_NOT_FOUND.
 *
 * Users: an assignee is a user's row id (the default user "Me" by its real
 * id: rapport_store_get_default_user_id); 0 is *unassigned*. Changes
 * are made by the default user, except a confirmation, made by the user
 * named. "Now" is the database's clock (rapport_database_set_clock).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-service-priority.h"
#include "rapport-service-request.h"

G_BEGIN_DECLS

/* insert: customer-id, kind, summary and severity set (contact-id, details
 * and assignee-id may be: an assignee makes it assigned); the priority is computed from the customer's current tier and the
 * severity unless priority-overridden is TRUE (then priority, 1–4, is kept).
 * due-at = now + the priority's target in @targets (NULL: the defaults). On
 * success id, uuid, priority, priority-tier, status (new), due-at and the
 * times are set and a "created" event is logged. */
gboolean               rapport_store_insert_service_request        (RapportDatabase              *db,
                                                                    RapportServiceRequest        *request,
                                                                    const RapportServiceTargets  *targets,
                                                                    GError                      **error);
/* Saves what the user edits: kind, summary, details, contact-id, severity,
 * priority and priority-overridden (not status, assignee, resolution…: the
 * calls below do that). Unless overridden, the priority is recomputed from
 * the customer's current tier when the severity changed or the override was
 * turned off; a priority that changed moves due-at to created + its target
 * in @targets. Each changed field is logged. */
gboolean               rapport_store_update_service_request        (RapportDatabase              *db,
                                                                    RapportServiceRequest        *request,
                                                                    const RapportServiceTargets  *targets,
                                                                    GError                      **error);
/* With its derived fields (customer name and owner, assignee name); a
 * trashed one too (deleted-at set). */
RapportServiceRequest *rapport_store_get_service_request           (RapportDatabase              *db,
                                                                    gint64                        id,
                                                                    GError                      **error);
gboolean               rapport_store_trash_service_request         (RapportDatabase              *db,
                                                                    gint64                        id,
                                                                    GError                      **error);
gboolean               rapport_store_restore_service_request       (RapportDatabase              *db,
                                                                    gint64                        id,
                                                                    GError                      **error);

/* To @assignee_id (0: unassigned). Refused for someone who has left or does
 * not exist. A new request becomes assigned; an assigned one unassigned
 * goes back to new. Logged. */
gboolean               rapport_store_assign_service_request        (RapportDatabase              *db,
                                                                    gint64                        id,
                                                                    gint64                        assignee_id,
                                                                    GError                      **error);
/* Moves along rapport_service_status_can_move (else INVALID); @note (may be
 * NULL) goes in the history. Assigned needs an assignee. The first move out
 * of new sets first-response-at; resolved sets resolved-at, closed
 * closed-at; reopening (resolved → in-progress) clears resolved-at. */
gboolean               rapport_store_set_service_request_status    (RapportDatabase              *db,
                                                                    gint64                        id,
                                                                    RapportServiceStatus          status,
                                                                    const char                   *note,
                                                                    GError                      **error);
/* The proposed resolution (NULL or "" clears it). A changed resolution
 * clears the owner's confirmation. Logged. */
gboolean               rapport_store_set_service_resolution        (RapportDatabase              *db,
                                                                    gint64                        id,
                                                                    const char                   *resolution,
                                                                    GError                      **error);
/* The customer's owner confirms the resolution (complaints need it before
 * a reply): refused unless @user_id is the customer's owner (an owner-id
 * NULL is the default user; @user_id 0 also names the default user), and
 * without a resolution. Records confirmed-by / confirmed-at. Logged. */
gboolean               rapport_store_confirm_service_resolution    (RapportDatabase              *db,
                                                                    gint64                        id,
                                                                    gint64                        user_id,
                                                                    GError                      **error);
/* The customer was answered (by mail, SMS, phone…): records replied-at and
 * the channel, and counts as the first response. A complaint is refused
 * until its resolution is confirmed. Logged. */
gboolean               rapport_store_mark_service_request_replied  (RapportDatabase              *db,
                                                                    gint64                        id,
                                                                    RapportServiceReplyChannel    channel,
                                                                    GError                      **error);
/* 1–5 (0 or 6 refused) with an optional comment, only once resolved or
 * closed. Logged. */
gboolean               rapport_store_set_service_satisfaction      (RapportDatabase              *db,
                                                                    gint64                        id,
                                                                    gint                          satisfaction,
                                                                    const char                   *comment,
                                                                    GError                      **error);

/* The history. from / to are the stored values as text: keys for kind,
 * severity, status and channel ("complaint", "in-progress", "mail"), user
 * ids in decimal for assignee ("" = unassigned), "1"–"4" for priority,
 * the text for summary, details and resolution; NULL where none.
 * CONFIRMED: to is the confirming user ("0": the default user); a changed
 * resolution that withdrew the confirmation logs CONFIRMED with to NULL.
 * SATISFACTION: the note is the comment. */
typedef struct
{
  RapportServiceEventKind  kind;
  gint64                   user_id;    /* who; 0 = the default user */
  char                    *from_value;
  char                    *to_value;
  char                    *note;
  gint64                   at;
} RapportServiceEvent;

/* GArray of RapportServiceEvent, oldest first; the array frees their strings. */
GArray                *rapport_store_list_service_events          (RapportDatabase              *db,
                                                                    gint64                        id,
                                                                    GError                      **error);

/* The queues, sorted by priority then due time (closed: latest closed
 * first), not in the Trash, @offset and at most @limit of them. MINE: the
 * user's open requests; UNASSIGNED: open ones with no assignee; OVERDUE:
 * open ones past their due time (by the database's clock); OPEN: new,
 * assigned or in progress; CLOSED: closed. (Resolved ones wait in no queue:
 * they show on their customer's page until closed or reopened.) Like the
 * pipeline's board, the queues do not look at whether the customer is in the
 * Trash: that would cost a customer lookup per request counted.
 * @assignee_id: for MINE, the user whose queue it is (0: the default user);
 * for OVERDUE, OPEN and CLOSED a user to keep only theirs, 0 to keep the
 * unassigned ones, or RAPPORT_SERVICE_ANY_ASSIGNEE; ignored for UNASSIGNED. */
#define RAPPORT_SERVICE_ANY_ASSIGNEE ((gint64) -1)

GListModel            *rapport_store_list_service_queue           (RapportDatabase              *db,
                                                                    RapportServiceQueue           queue,
                                                                    gint64                        assignee_id,
                                                                    guint                         offset,
                                                                    guint                         limit,
                                                                    GError                      **error);
/* How many requests the same queue holds. */
gboolean               rapport_store_count_service_queue          (RapportDatabase              *db,
                                                                    RapportServiceQueue           queue,
                                                                    gint64                        assignee_id,
                                                                    guint                        *out_count,
                                                                    GError                      **error);
/* GListModel of the customer's RapportServiceRequest not in the Trash: the
 * open ones by priority and due time, then the others, latest first. */
GListModel            *rapport_store_list_customer_service_requests (RapportDatabase            *db,
                                                                    gint64                        customer_id,
                                                                    GError                      **error);

/* Satisfaction averages over the requests (not in the Trash) that have one.
 * By kind: kind set, assignee_id unused; by assignee: assignee_id set (0:
 * unassigned), kind unused. */
typedef struct
{
  RapportServiceKind kind;
  gint64             assignee_id;
  guint              count;
  double             average;
} RapportServiceSatisfaction;

/* GArray of RapportServiceSatisfaction, by kind order / by assignee id;
 * only those with at least one rating. */
GArray                *rapport_store_get_service_satisfaction_by_kind     (RapportDatabase      *db,
                                                                          GError              **error);
GArray                *rapport_store_get_service_satisfaction_by_assignee (RapportDatabase      *db,
                                                                          GError              **error);

G_END_DECLS
