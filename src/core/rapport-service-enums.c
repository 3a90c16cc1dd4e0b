/* rapport-service-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-service-enums"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-service-enums.h"

G_DEFINE_ENUM_TYPE (RapportServiceKind, rapport_service_kind,
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_KIND_INQUIRY, "inquiry"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_KIND_COMPLAINT, "complaint"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_KIND_SUGGESTION, "suggestion"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_KIND_AFTER_SALES, "after-sales"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_KIND_OTHER, "other"))

G_DEFINE_ENUM_TYPE (RapportServiceSeverity, rapport_service_severity,
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_SEVERITY_LOW, "low"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_SEVERITY_NORMAL, "normal"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_SEVERITY_HIGH, "high"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_SEVERITY_CRITICAL, "critical"))

G_DEFINE_ENUM_TYPE (RapportServiceStatus, rapport_service_status,
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_STATUS_NEW, "new"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_STATUS_ASSIGNED, "assigned"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_STATUS_IN_PROGRESS, "in-progress"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_STATUS_RESOLVED, "resolved"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_STATUS_CLOSED, "closed"))

G_DEFINE_ENUM_TYPE (RapportServiceReplyChannel, rapport_service_reply_channel,
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_REPLY_CHANNEL_MAIL, "mail"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_REPLY_CHANNEL_SMS, "sms"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_REPLY_CHANNEL_PHONE, "phone"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_REPLY_CHANNEL_OTHER, "other"))

G_DEFINE_ENUM_TYPE (RapportServiceEventKind, rapport_service_event_kind,
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_CREATED, "created"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_KIND, "kind"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_SUMMARY, "summary"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_DETAILS, "details"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_SEVERITY, "severity"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_PRIORITY, "priority"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_CONTACT, "contact"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_ASSIGNED, "assigned"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_STATUS, "status"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_RESOLUTION, "resolution"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_CONFIRMED, "confirmed"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_REPLIED, "replied"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_SATISFACTION, "satisfaction"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_TRASHED, "trashed"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_EVENT_RESTORED, "restored"))

G_DEFINE_ENUM_TYPE (RapportServiceQueue, rapport_service_queue,
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_QUEUE_MINE, "mine"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_QUEUE_UNASSIGNED, "unassigned"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_QUEUE_OVERDUE, "overdue"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_QUEUE_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SERVICE_QUEUE_CLOSED, "closed"))

/* Keys and labels in value order; the keys are the enum nicks. */
static const char * const service_kind_keys[] = { "inquiry", "complaint", "suggestion", "after-sales", "other" };
static const char * const service_kind_labels[] = {
  NC_("Service request kind", "Inquiry"),
  NC_("Service request kind", "Complaint"),
  NC_("Service request kind", "Suggestion"),
  NC_("Service request kind", "After-Sales"),
  NC_("Service request kind", "Other")
};

static const char * const service_severity_keys[] = { "low", "normal", "high", "critical" };
static const char * const service_severity_labels[] = {
  NC_("Service severity", "Low"),
  NC_("Service severity", "Normal"),
  NC_("Service severity", "High"),
  NC_("Service severity", "Critical")
};

static const char * const service_status_keys[] = { "new", "assigned", "in-progress", "resolved", "closed" };
static const char * const service_status_labels[] = {
  NC_("Service status", "New"),
  NC_("Service status", "Assigned"),
  NC_("Service status", "In Progress"),
  NC_("Service status", "Resolved"),
  NC_("Service status", "Closed")
};

static const char * const service_reply_channel_keys[] = { "mail", "sms", "phone", "other" };
static const char * const service_reply_channel_labels[] = {
  NC_("Service reply channel", "E-mail"),
  NC_("Service reply channel", "SMS"),
  NC_("Service reply channel", "Phone"),
  NC_("Service reply channel", "Other")
};

static const char * const service_event_kind_keys[] = { "created", "kind", "summary", "details", "severity", "priority", "contact", "assigned", "status", "resolution", "confirmed", "replied", "satisfaction", "trashed", "restored" };
static const char * const service_event_kind_labels[] = {
  NC_("Service history", "Created"),
  NC_("Service history", "Kind"),
  NC_("Service history", "Summary"),
  NC_("Service history", "Details"),
  NC_("Service history", "Severity"),
  NC_("Service history", "Priority"),
  NC_("Service history", "Contact"),
  NC_("Service history", "Assignee"),
  NC_("Service history", "Status"),
  NC_("Service history", "Resolution"),
  NC_("Service history", "Resolution Confirmed"),
  NC_("Service history", "Replied"),
  NC_("Service history", "Satisfaction"),
  NC_("Service history", "Moved to Trash"),
  NC_("Service history", "Restored")
};

static const char * const service_queue_keys[] = { "mine", "unassigned", "overdue", "open", "closed" };
static const char * const service_queue_labels[] = {
  NC_("Service queue", "Mine"),
  NC_("Service queue", "Unassigned"),
  NC_("Service queue", "Overdue"),
  NC_("Service queue", "All Open"),
  NC_("Service queue", "Closed")
};

static gboolean
lookup_key (const char * const *keys,
            guint               n_keys,
            const char         *str,
            guint              *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_keys; i++)
    {
      if (g_str_equal (keys[i], str))
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rapport_service_kind_to_string (RapportServiceKind value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_KIND_OTHER, NULL);

  return service_kind_keys[value];
}

gboolean
rapport_service_kind_from_string (const char *str,
                                  RapportServiceKind *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (service_kind_keys, G_N_ELEMENTS (service_kind_keys), str, &value))
    return FALSE;

  *out = (RapportServiceKind) value;
  return TRUE;
}

const char *
rapport_service_kind_get_label (RapportServiceKind value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_KIND_OTHER, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Service request kind", service_kind_labels[value]);
}

const char *
rapport_service_severity_to_string (RapportServiceSeverity value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_SEVERITY_CRITICAL, NULL);

  return service_severity_keys[value];
}

gboolean
rapport_service_severity_from_string (const char *str,
                                      RapportServiceSeverity *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (service_severity_keys, G_N_ELEMENTS (service_severity_keys), str, &value))
    return FALSE;

  *out = (RapportServiceSeverity) value;
  return TRUE;
}

const char *
rapport_service_severity_get_label (RapportServiceSeverity value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_SEVERITY_CRITICAL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Service severity", service_severity_labels[value]);
}

const char *
rapport_service_status_to_string (RapportServiceStatus value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_STATUS_CLOSED, NULL);

  return service_status_keys[value];
}

gboolean
rapport_service_status_from_string (const char *str,
                                    RapportServiceStatus *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (service_status_keys, G_N_ELEMENTS (service_status_keys), str, &value))
    return FALSE;

  *out = (RapportServiceStatus) value;
  return TRUE;
}

const char *
rapport_service_status_get_label (RapportServiceStatus value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_STATUS_CLOSED, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Service status", service_status_labels[value]);
}

const char *
rapport_service_reply_channel_to_string (RapportServiceReplyChannel value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_REPLY_CHANNEL_OTHER, NULL);

  return service_reply_channel_keys[value];
}

gboolean
rapport_service_reply_channel_from_string (const char *str,
                                           RapportServiceReplyChannel *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (service_reply_channel_keys, G_N_ELEMENTS (service_reply_channel_keys), str, &value))
    return FALSE;

  *out = (RapportServiceReplyChannel) value;
  return TRUE;
}

const char *
rapport_service_reply_channel_get_label (RapportServiceReplyChannel value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_REPLY_CHANNEL_OTHER, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Service reply channel", service_reply_channel_labels[value]);
}

const char *
rapport_service_event_kind_to_string (RapportServiceEventKind value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_EVENT_RESTORED, NULL);

  return service_event_kind_keys[value];
}

gboolean
rapport_service_event_kind_from_string (const char *str,
                                        RapportServiceEventKind *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (service_event_kind_keys, G_N_ELEMENTS (service_event_kind_keys), str, &value))
    return FALSE;

  *out = (RapportServiceEventKind) value;
  return TRUE;
}

const char *
rapport_service_event_kind_get_label (RapportServiceEventKind value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_EVENT_RESTORED, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Service history", service_event_kind_labels[value]);
}

const char *
rapport_service_queue_to_string (RapportServiceQueue value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_QUEUE_CLOSED, NULL);

  return service_queue_keys[value];
}

gboolean
rapport_service_queue_from_string (const char *str,
                                   RapportServiceQueue *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (service_queue_keys, G_N_ELEMENTS (service_queue_keys), str, &value))
    return FALSE;

  *out = (RapportServiceQueue) value;
  return TRUE;
}

const char *
rapport_service_queue_get_label (RapportServiceQueue value)
{
  g_return_val_if_fail (value <= RAPPORT_SERVICE_QUEUE_CLOSED, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Service queue", service_queue_labels[value]);
}

gboolean
rapport_service_status_is_open (RapportServiceStatus status)
{
  return status != RAPPORT_SERVICE_STATUS_RESOLVED && status != RAPPORT_SERVICE_STATUS_CLOSED;
}

gboolean
rapport_service_status_can_move (RapportServiceStatus from,
                                 RapportServiceStatus to)
{
  if (from == RAPPORT_SERVICE_STATUS_RESOLVED && to == RAPPORT_SERVICE_STATUS_IN_PROGRESS)
    return TRUE;

  return from != RAPPORT_SERVICE_STATUS_CLOSED && to == from + 1;
}
