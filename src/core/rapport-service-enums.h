/* rapport-service-enums.h
 *
 * The service desk's enumerations (issue 9), like rapport-enums.h: registered
 * GEnums whose nicks are the keys stored in service_request, with a
 * translated label for the UI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the customer came with: 咨询, 投诉, 建议, 售后, 其他. */
typedef enum
{
  RAPPORT_SERVICE_KIND_INQUIRY,
  RAPPORT_SERVICE_KIND_COMPLAINT,
  RAPPORT_SERVICE_KIND_SUGGESTION,
  RAPPORT_SERVICE_KIND_AFTER_SALES,
  RAPPORT_SERVICE_KIND_OTHER,
} RapportServiceKind;

/* How bad it is for the customer, mildest first. */
typedef enum
{
  RAPPORT_SERVICE_SEVERITY_LOW,
  RAPPORT_SERVICE_SEVERITY_NORMAL,
  RAPPORT_SERVICE_SEVERITY_HIGH,
  RAPPORT_SERVICE_SEVERITY_CRITICAL,
} RapportServiceSeverity;

/* new → assigned → in-progress → resolved → closed (resolved can reopen to
 * in-progress); see rapport_service_status_can_move. */
typedef enum
{
  RAPPORT_SERVICE_STATUS_NEW,
  RAPPORT_SERVICE_STATUS_ASSIGNED,
  RAPPORT_SERVICE_STATUS_IN_PROGRESS,
  RAPPORT_SERVICE_STATUS_RESOLVED,
  RAPPORT_SERVICE_STATUS_CLOSED,
} RapportServiceStatus;

/* How the customer was answered. */
typedef enum
{
  RAPPORT_SERVICE_REPLY_CHANNEL_MAIL,
  RAPPORT_SERVICE_REPLY_CHANNEL_SMS,
  RAPPORT_SERVICE_REPLY_CHANNEL_PHONE,
  RAPPORT_SERVICE_REPLY_CHANNEL_OTHER,
} RapportServiceReplyChannel;

/* One line of a request's history. The field kinds (KIND … CONTACT) are
 * edits of that field. */
typedef enum
{
  RAPPORT_SERVICE_EVENT_CREATED,
  RAPPORT_SERVICE_EVENT_KIND,
  RAPPORT_SERVICE_EVENT_SUMMARY,
  RAPPORT_SERVICE_EVENT_DETAILS,
  RAPPORT_SERVICE_EVENT_SEVERITY,
  RAPPORT_SERVICE_EVENT_PRIORITY,
  RAPPORT_SERVICE_EVENT_CONTACT,
  RAPPORT_SERVICE_EVENT_ASSIGNED,
  RAPPORT_SERVICE_EVENT_STATUS,
  RAPPORT_SERVICE_EVENT_RESOLUTION,
  RAPPORT_SERVICE_EVENT_CONFIRMED,
  RAPPORT_SERVICE_EVENT_REPLIED,
  RAPPORT_SERVICE_EVENT_SATISFACTION,
  RAPPORT_SERVICE_EVENT_TRASHED,
  RAPPORT_SERVICE_EVENT_RESTORED,
} RapportServiceEventKind;

/* The Service section's queues. */
typedef enum
{
  RAPPORT_SERVICE_QUEUE_MINE,
  RAPPORT_SERVICE_QUEUE_UNASSIGNED,
  RAPPORT_SERVICE_QUEUE_OVERDUE,
  RAPPORT_SERVICE_QUEUE_OPEN,
  RAPPORT_SERVICE_QUEUE_CLOSED,
} RapportServiceQueue;

#define RAPPORT_SERVICE_N_QUEUES (RAPPORT_SERVICE_QUEUE_CLOSED + 1)

#define RAPPORT_TYPE_SERVICE_KIND          (rapport_service_kind_get_type ())
#define RAPPORT_TYPE_SERVICE_SEVERITY      (rapport_service_severity_get_type ())
#define RAPPORT_TYPE_SERVICE_STATUS        (rapport_service_status_get_type ())
#define RAPPORT_TYPE_SERVICE_REPLY_CHANNEL (rapport_service_reply_channel_get_type ())
#define RAPPORT_TYPE_SERVICE_EVENT_KIND    (rapport_service_event_kind_get_type ())
#define RAPPORT_TYPE_SERVICE_QUEUE         (rapport_service_queue_get_type ())

GType        rapport_service_kind_get_type            (void) G_GNUC_CONST;
GType        rapport_service_severity_get_type        (void) G_GNUC_CONST;
GType        rapport_service_status_get_type          (void) G_GNUC_CONST;
GType        rapport_service_reply_channel_get_type   (void) G_GNUC_CONST;
GType        rapport_service_event_kind_get_type      (void) G_GNUC_CONST;
GType        rapport_service_queue_get_type           (void) G_GNUC_CONST;

/* to_string: the stable database key ("complaint", "in-progress", …), never
 * translated. from_string: FALSE (and @out untouched) for NULL or an unknown
 * key. get_label: the translated name to show. */
const char  *rapport_service_kind_to_string           (RapportServiceKind          kind);
gboolean     rapport_service_kind_from_string         (const char                 *str,
                                                       RapportServiceKind         *out);
const char  *rapport_service_kind_get_label           (RapportServiceKind          kind);

const char  *rapport_service_severity_to_string       (RapportServiceSeverity      severity);
gboolean     rapport_service_severity_from_string     (const char                 *str,
                                                       RapportServiceSeverity     *out);
const char  *rapport_service_severity_get_label       (RapportServiceSeverity      severity);

const char  *rapport_service_status_to_string         (RapportServiceStatus        status);
gboolean     rapport_service_status_from_string       (const char                 *str,
                                                       RapportServiceStatus       *out);
const char  *rapport_service_status_get_label         (RapportServiceStatus        status);
/* Resolved and closed are done; the others are open (the queues). */
gboolean     rapport_service_status_is_open           (RapportServiceStatus        status);
/* The allowed moves: new → assigned → in-progress → resolved → closed, one
 * step at a time, and the reopening resolved → in-progress. */
gboolean     rapport_service_status_can_move          (RapportServiceStatus        from,
                                                       RapportServiceStatus        to);

const char  *rapport_service_reply_channel_to_string  (RapportServiceReplyChannel  channel);
gboolean     rapport_service_reply_channel_from_string (const char                *str,
                                                       RapportServiceReplyChannel *out);
const char  *rapport_service_reply_channel_get_label  (RapportServiceReplyChannel  channel);

const char  *rapport_service_event_kind_to_string     (RapportServiceEventKind     kind);
gboolean     rapport_service_event_kind_from_string   (const char                 *str,
                                                       RapportServiceEventKind    *out);
/* What happened, to show in the history: "Created", "Status", … */
const char  *rapport_service_event_kind_get_label     (RapportServiceEventKind     kind);

const char  *rapport_service_queue_to_string          (RapportServiceQueue         queue);
gboolean     rapport_service_queue_from_string        (const char                 *str,
                                                       RapportServiceQueue        *out);
/* "Mine", "Unassigned", "Overdue", "All Open", "Closed". */
const char  *rapport_service_queue_get_label          (RapportServiceQueue         queue);

G_END_DECLS
