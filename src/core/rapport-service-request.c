/* rapport-service-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-service-request"

#include "config.h"

#include "rapport-service-request.h"

#include <glib/gi18n.h>

#include "rapport-service-priority.h"
#include "rapport-validation.h"

struct _RapportServiceRequest
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 customer_id;
  char *customer_name;
  gint64 customer_owner_id;
  gint64 contact_id;
  RapportServiceKind kind;
  char *summary;
  char *details;
  RapportServiceSeverity severity;
  gint priority;
  RapportTier priority_tier;
  gboolean priority_overridden;
  RapportServiceStatus status;
  gint64 assignee_id;
  char *assignee_name;
  gint64 due_at;
  gint64 first_response_at;
  gint64 resolved_at;
  gint64 closed_at;
  char *resolution;
  gint64 confirmed_by;
  gint64 confirmed_at;
  gint64 replied_at;
  RapportServiceReplyChannel reply_channel;
  gint satisfaction;
  char *satisfaction_comment;
  gint64 created_at;
  gint64 updated_at;
  gint64 deleted_at;
};

G_DEFINE_FINAL_TYPE (RapportServiceRequest, rapport_service_request, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_CUSTOMER_OWNER_ID,
  PROP_CONTACT_ID,
  PROP_KIND,
  PROP_SUMMARY,
  PROP_DETAILS,
  PROP_SEVERITY,
  PROP_PRIORITY,
  PROP_PRIORITY_TIER,
  PROP_PRIORITY_OVERRIDDEN,
  PROP_STATUS,
  PROP_ASSIGNEE_ID,
  PROP_ASSIGNEE_NAME,
  PROP_DUE_AT,
  PROP_FIRST_RESPONSE_AT,
  PROP_RESOLVED_AT,
  PROP_CLOSED_AT,
  PROP_RESOLUTION,
  PROP_CONFIRMED_BY,
  PROP_CONFIRMED_AT,
  PROP_REPLIED_AT,
  PROP_REPLY_CHANNEL,
  PROP_SATISFACTION,
  PROP_SATISFACTION_COMMENT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_service_request_finalize (GObject *object)
{
  RapportServiceRequest *self = RAPPORT_SERVICE_REQUEST (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->assignee_name, g_free);
  g_clear_pointer (&self->resolution, g_free);
  g_clear_pointer (&self->satisfaction_comment, g_free);

  G_OBJECT_CLASS (rapport_service_request_parent_class)->finalize (object);
}

static void
rapport_service_request_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RapportServiceRequest *self = RAPPORT_SERVICE_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;

    case PROP_CUSTOMER_OWNER_ID:
      g_value_set_int64 (value, self->customer_owner_id);
      break;

    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_PRIORITY:
      g_value_set_int (value, self->priority);
      break;

    case PROP_PRIORITY_TIER:
      g_value_set_enum (value, self->priority_tier);
      break;

    case PROP_PRIORITY_OVERRIDDEN:
      g_value_set_boolean (value, self->priority_overridden);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_ASSIGNEE_ID:
      g_value_set_int64 (value, self->assignee_id);
      break;

    case PROP_ASSIGNEE_NAME:
      g_value_set_string (value, self->assignee_name);
      break;

    case PROP_DUE_AT:
      g_value_set_int64 (value, self->due_at);
      break;

    case PROP_FIRST_RESPONSE_AT:
      g_value_set_int64 (value, self->first_response_at);
      break;

    case PROP_RESOLVED_AT:
      g_value_set_int64 (value, self->resolved_at);
      break;

    case PROP_CLOSED_AT:
      g_value_set_int64 (value, self->closed_at);
      break;

    case PROP_RESOLUTION:
      g_value_set_string (value, self->resolution);
      break;

    case PROP_CONFIRMED_BY:
      g_value_set_int64 (value, self->confirmed_by);
      break;

    case PROP_CONFIRMED_AT:
      g_value_set_int64 (value, self->confirmed_at);
      break;

    case PROP_REPLIED_AT:
      g_value_set_int64 (value, self->replied_at);
      break;

    case PROP_REPLY_CHANNEL:
      g_value_set_enum (value, self->reply_channel);
      break;

    case PROP_SATISFACTION:
      g_value_set_int (value, self->satisfaction);
      break;

    case PROP_SATISFACTION_COMMENT:
      g_value_set_string (value, self->satisfaction_comment);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_DELETED_AT:
      g_value_set_int64 (value, self->deleted_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_service_request_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RapportServiceRequest *self = RAPPORT_SERVICE_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_service_request_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_service_request_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      rapport_service_request_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_NAME:
      rapport_service_request_set_customer_name (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_OWNER_ID:
      rapport_service_request_set_customer_owner_id (self, g_value_get_int64 (value));
      break;

    case PROP_CONTACT_ID:
      rapport_service_request_set_contact_id (self, g_value_get_int64 (value));
      break;

    case PROP_KIND:
      rapport_service_request_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_SUMMARY:
      rapport_service_request_set_summary (self, g_value_get_string (value));
      break;

    case PROP_DETAILS:
      rapport_service_request_set_details (self, g_value_get_string (value));
      break;

    case PROP_SEVERITY:
      rapport_service_request_set_severity (self, g_value_get_enum (value));
      break;

    case PROP_PRIORITY:
      rapport_service_request_set_priority (self, g_value_get_int (value));
      break;

    case PROP_PRIORITY_TIER:
      rapport_service_request_set_priority_tier (self, g_value_get_enum (value));
      break;

    case PROP_PRIORITY_OVERRIDDEN:
      rapport_service_request_set_priority_overridden (self, g_value_get_boolean (value));
      break;

    case PROP_STATUS:
      rapport_service_request_set_status (self, g_value_get_enum (value));
      break;

    case PROP_ASSIGNEE_ID:
      rapport_service_request_set_assignee_id (self, g_value_get_int64 (value));
      break;

    case PROP_ASSIGNEE_NAME:
      rapport_service_request_set_assignee_name (self, g_value_get_string (value));
      break;

    case PROP_DUE_AT:
      rapport_service_request_set_due_at (self, g_value_get_int64 (value));
      break;

    case PROP_FIRST_RESPONSE_AT:
      rapport_service_request_set_first_response_at (self, g_value_get_int64 (value));
      break;

    case PROP_RESOLVED_AT:
      rapport_service_request_set_resolved_at (self, g_value_get_int64 (value));
      break;

    case PROP_CLOSED_AT:
      rapport_service_request_set_closed_at (self, g_value_get_int64 (value));
      break;

    case PROP_RESOLUTION:
      rapport_service_request_set_resolution (self, g_value_get_string (value));
      break;

    case PROP_CONFIRMED_BY:
      rapport_service_request_set_confirmed_by (self, g_value_get_int64 (value));
      break;

    case PROP_CONFIRMED_AT:
      rapport_service_request_set_confirmed_at (self, g_value_get_int64 (value));
      break;

    case PROP_REPLIED_AT:
      rapport_service_request_set_replied_at (self, g_value_get_int64 (value));
      break;

    case PROP_REPLY_CHANNEL:
      rapport_service_request_set_reply_channel (self, g_value_get_enum (value));
      break;

    case PROP_SATISFACTION:
      rapport_service_request_set_satisfaction (self, g_value_get_int (value));
      break;

    case PROP_SATISFACTION_COMMENT:
      rapport_service_request_set_satisfaction_comment (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      rapport_service_request_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_service_request_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      rapport_service_request_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_service_request_class_init (RapportServiceRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_service_request_finalize;
  object_class->get_property = rapport_service_request_get_property;
  object_class->set_property = rapport_service_request_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CUSTOMER_OWNER_ID] =
    g_param_spec_int64 ("customer-owner-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       RAPPORT_TYPE_SERVICE_KIND, RAPPORT_SERVICE_KIND_INQUIRY,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       RAPPORT_TYPE_SERVICE_SEVERITY, RAPPORT_SERVICE_SEVERITY_NORMAL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PRIORITY] =
    g_param_spec_int ("priority", NULL, NULL,
                      1, 4, 4,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PRIORITY_TIER] =
    g_param_spec_enum ("priority-tier", NULL, NULL,
                       RAPPORT_TYPE_TIER, RAPPORT_TIER_LEAD,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PRIORITY_OVERRIDDEN] =
    g_param_spec_boolean ("priority-overridden", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       RAPPORT_TYPE_SERVICE_STATUS, RAPPORT_SERVICE_STATUS_NEW,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ASSIGNEE_ID] =
    g_param_spec_int64 ("assignee-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ASSIGNEE_NAME] =
    g_param_spec_string ("assignee-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DUE_AT] =
    g_param_spec_int64 ("due-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_FIRST_RESPONSE_AT] =
    g_param_spec_int64 ("first-response-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_RESOLVED_AT] =
    g_param_spec_int64 ("resolved-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLOSED_AT] =
    g_param_spec_int64 ("closed-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_RESOLUTION] =
    g_param_spec_string ("resolution", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONFIRMED_BY] =
    g_param_spec_int64 ("confirmed-by", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONFIRMED_AT] =
    g_param_spec_int64 ("confirmed-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_REPLIED_AT] =
    g_param_spec_int64 ("replied-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_REPLY_CHANNEL] =
    g_param_spec_enum ("reply-channel", NULL, NULL,
                       RAPPORT_TYPE_SERVICE_REPLY_CHANNEL, RAPPORT_SERVICE_REPLY_CHANNEL_MAIL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SATISFACTION] =
    g_param_spec_int ("satisfaction", NULL, NULL,
                      0, 5, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SATISFACTION_COMMENT] =
    g_param_spec_string ("satisfaction-comment", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DELETED_AT] =
    g_param_spec_int64 ("deleted-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_service_request_init (RapportServiceRequest *self)
{
  self->kind = RAPPORT_SERVICE_KIND_INQUIRY;
  self->severity = RAPPORT_SERVICE_SEVERITY_NORMAL;
  self->priority = 4;
  self->priority_tier = RAPPORT_TIER_LEAD;
  self->status = RAPPORT_SERVICE_STATUS_NEW;
}

/**
 * rapport_service_request_new:
 *
 * Returns: (transfer full): a new, empty #RapportServiceRequest
 */
RapportServiceRequest *
rapport_service_request_new (void)
{
  return g_object_new (RAPPORT_TYPE_SERVICE_REQUEST, NULL);
}

/**
 * rapport_service_request_copy:
 * @self: a #RapportServiceRequest
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportServiceRequest *
rapport_service_request_copy (RapportServiceRequest *self)
{
  RapportServiceRequest *copy;

  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), NULL);

  copy = rapport_service_request_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->customer_id = self->customer_id;
  copy->customer_name = g_strdup (self->customer_name);
  copy->customer_owner_id = self->customer_owner_id;
  copy->contact_id = self->contact_id;
  copy->kind = self->kind;
  copy->summary = g_strdup (self->summary);
  copy->details = g_strdup (self->details);
  copy->severity = self->severity;
  copy->priority = self->priority;
  copy->priority_tier = self->priority_tier;
  copy->priority_overridden = self->priority_overridden;
  copy->status = self->status;
  copy->assignee_id = self->assignee_id;
  copy->assignee_name = g_strdup (self->assignee_name);
  copy->due_at = self->due_at;
  copy->first_response_at = self->first_response_at;
  copy->resolved_at = self->resolved_at;
  copy->closed_at = self->closed_at;
  copy->resolution = g_strdup (self->resolution);
  copy->confirmed_by = self->confirmed_by;
  copy->confirmed_at = self->confirmed_at;
  copy->replied_at = self->replied_at;
  copy->reply_channel = self->reply_channel;
  copy->satisfaction = self->satisfaction;
  copy->satisfaction_comment = g_strdup (self->satisfaction_comment);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->deleted_at = self->deleted_at;

  return copy;
}

gint64
rapport_service_request_get_id (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->id;
}

void
rapport_service_request_set_id (RapportServiceRequest *self,
                               gint64 id)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_service_request_get_uuid (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), NULL);

  return self->uuid;
}

void
rapport_service_request_set_uuid (RapportServiceRequest *self,
                                 const char *uuid)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
rapport_service_request_get_customer_id (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->customer_id;
}

void
rapport_service_request_set_customer_id (RapportServiceRequest *self,
                                        gint64 customer_id)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
rapport_service_request_get_customer_name (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), NULL);

  return self->customer_name;
}

void
rapport_service_request_set_customer_name (RapportServiceRequest *self,
                                          const char *customer_name)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (g_strcmp0 (self->customer_name, customer_name) == 0)
    return;

  g_free (self->customer_name);
  self->customer_name = g_strdup (customer_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}

gint64
rapport_service_request_get_customer_owner_id (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->customer_owner_id;
}

void
rapport_service_request_set_customer_owner_id (RapportServiceRequest *self,
                                              gint64 customer_owner_id)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->customer_owner_id == customer_owner_id)
    return;

  self->customer_owner_id = customer_owner_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_OWNER_ID]);
}

gint64
rapport_service_request_get_contact_id (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->contact_id;
}

void
rapport_service_request_set_contact_id (RapportServiceRequest *self,
                                       gint64 contact_id)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->contact_id == contact_id)
    return;

  self->contact_id = contact_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

RapportServiceKind
rapport_service_request_get_kind (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->kind;
}

void
rapport_service_request_set_kind (RapportServiceRequest *self,
                                 RapportServiceKind kind)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
rapport_service_request_get_summary (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), NULL);

  return self->summary;
}

void
rapport_service_request_set_summary (RapportServiceRequest *self,
                                    const char *summary)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (g_strcmp0 (self->summary, summary) == 0)
    return;

  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

const char *
rapport_service_request_get_details (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), NULL);

  return self->details;
}

void
rapport_service_request_set_details (RapportServiceRequest *self,
                                    const char *details)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (g_strcmp0 (self->details, details) == 0)
    return;

  g_free (self->details);
  self->details = g_strdup (details);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

RapportServiceSeverity
rapport_service_request_get_severity (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->severity;
}

void
rapport_service_request_set_severity (RapportServiceRequest *self,
                                     RapportServiceSeverity severity)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->severity == severity)
    return;

  self->severity = severity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

gint
rapport_service_request_get_priority (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->priority;
}

void
rapport_service_request_set_priority (RapportServiceRequest *self,
                                     gint priority)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->priority == priority)
    return;

  self->priority = priority;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY]);
}

RapportTier
rapport_service_request_get_priority_tier (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->priority_tier;
}

void
rapport_service_request_set_priority_tier (RapportServiceRequest *self,
                                          RapportTier priority_tier)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->priority_tier == priority_tier)
    return;

  self->priority_tier = priority_tier;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY_TIER]);
}

gboolean
rapport_service_request_get_priority_overridden (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), FALSE);

  return self->priority_overridden;
}

void
rapport_service_request_set_priority_overridden (RapportServiceRequest *self,
                                                gboolean priority_overridden)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  priority_overridden = !!priority_overridden;
  if (self->priority_overridden == priority_overridden)
    return;

  self->priority_overridden = priority_overridden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY_OVERRIDDEN]);
}

RapportServiceStatus
rapport_service_request_get_status (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->status;
}

void
rapport_service_request_set_status (RapportServiceRequest *self,
                                   RapportServiceStatus status)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gint64
rapport_service_request_get_assignee_id (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->assignee_id;
}

void
rapport_service_request_set_assignee_id (RapportServiceRequest *self,
                                        gint64 assignee_id)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->assignee_id == assignee_id)
    return;

  self->assignee_id = assignee_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNEE_ID]);
}

const char *
rapport_service_request_get_assignee_name (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), NULL);

  return self->assignee_name;
}

void
rapport_service_request_set_assignee_name (RapportServiceRequest *self,
                                          const char *assignee_name)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (g_strcmp0 (self->assignee_name, assignee_name) == 0)
    return;

  g_free (self->assignee_name);
  self->assignee_name = g_strdup (assignee_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNEE_NAME]);
}

gint64
rapport_service_request_get_due_at (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->due_at;
}

void
rapport_service_request_set_due_at (RapportServiceRequest *self,
                                   gint64 due_at)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->due_at == due_at)
    return;

  self->due_at = due_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_AT]);
}

gint64
rapport_service_request_get_first_response_at (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->first_response_at;
}

void
rapport_service_request_set_first_response_at (RapportServiceRequest *self,
                                              gint64 first_response_at)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->first_response_at == first_response_at)
    return;

  self->first_response_at = first_response_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_RESPONSE_AT]);
}

gint64
rapport_service_request_get_resolved_at (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->resolved_at;
}

void
rapport_service_request_set_resolved_at (RapportServiceRequest *self,
                                        gint64 resolved_at)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->resolved_at == resolved_at)
    return;

  self->resolved_at = resolved_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED_AT]);
}

gint64
rapport_service_request_get_closed_at (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->closed_at;
}

void
rapport_service_request_set_closed_at (RapportServiceRequest *self,
                                      gint64 closed_at)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->closed_at == closed_at)
    return;

  self->closed_at = closed_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED_AT]);
}

const char *
rapport_service_request_get_resolution (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), NULL);

  return self->resolution;
}

void
rapport_service_request_set_resolution (RapportServiceRequest *self,
                                       const char *resolution)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (g_strcmp0 (self->resolution, resolution) == 0)
    return;

  g_free (self->resolution);
  self->resolution = g_strdup (resolution);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

gint64
rapport_service_request_get_confirmed_by (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->confirmed_by;
}

void
rapport_service_request_set_confirmed_by (RapportServiceRequest *self,
                                         gint64 confirmed_by)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->confirmed_by == confirmed_by)
    return;

  self->confirmed_by = confirmed_by;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIRMED_BY]);
}

gint64
rapport_service_request_get_confirmed_at (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->confirmed_at;
}

void
rapport_service_request_set_confirmed_at (RapportServiceRequest *self,
                                         gint64 confirmed_at)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->confirmed_at == confirmed_at)
    return;

  self->confirmed_at = confirmed_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIRMED_AT]);
}

gint64
rapport_service_request_get_replied_at (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->replied_at;
}

void
rapport_service_request_set_replied_at (RapportServiceRequest *self,
                                       gint64 replied_at)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->replied_at == replied_at)
    return;

  self->replied_at = replied_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLIED_AT]);
}

RapportServiceReplyChannel
rapport_service_request_get_reply_channel (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->reply_channel;
}

void
rapport_service_request_set_reply_channel (RapportServiceRequest *self,
                                          RapportServiceReplyChannel reply_channel)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->reply_channel == reply_channel)
    return;

  self->reply_channel = reply_channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLY_CHANNEL]);
}

gint
rapport_service_request_get_satisfaction (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->satisfaction;
}

void
rapport_service_request_set_satisfaction (RapportServiceRequest *self,
                                         gint satisfaction)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->satisfaction == satisfaction)
    return;

  self->satisfaction = satisfaction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SATISFACTION]);
}

const char *
rapport_service_request_get_satisfaction_comment (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), NULL);

  return self->satisfaction_comment;
}

void
rapport_service_request_set_satisfaction_comment (RapportServiceRequest *self,
                                                 const char *satisfaction_comment)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (g_strcmp0 (self->satisfaction_comment, satisfaction_comment) == 0)
    return;

  g_free (self->satisfaction_comment);
  self->satisfaction_comment = g_strdup (satisfaction_comment);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SATISFACTION_COMMENT]);
}

gint64
rapport_service_request_get_created_at (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->created_at;
}

void
rapport_service_request_set_created_at (RapportServiceRequest *self,
                                       gint64 created_at)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_service_request_get_updated_at (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->updated_at;
}

void
rapport_service_request_set_updated_at (RapportServiceRequest *self,
                                       gint64 updated_at)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
rapport_service_request_get_deleted_at (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), 0);

  return self->deleted_at;
}

void
rapport_service_request_set_deleted_at (RapportServiceRequest *self,
                                       gint64 deleted_at)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_REQUEST (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}

gboolean
rapport_service_request_is_open (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), FALSE);

  return self->deleted_at == 0 && rapport_service_status_is_open (self->status);
}

gboolean
rapport_service_request_is_overdue (RapportServiceRequest *self,
                                    gint64                 now)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), FALSE);

  return rapport_service_request_is_open (self) && self->due_at < now;
}

gboolean
rapport_service_request_needs_confirmation (RapportServiceRequest *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), FALSE);

  return self->kind == RAPPORT_SERVICE_KIND_COMPLAINT && self->confirmed_at == 0;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_satisfaction (gint     satisfaction,
                    GError **error)
{
  if (satisfaction < 1 || satisfaction > 5)
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                           _("Satisfaction is rated from 1 to 5"));
      return FALSE;
    }

  return TRUE;
}

gboolean
rapport_service_request_validate (RapportServiceRequest  *self,
                                  GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), FALSE);

  if (is_blank (self->summary))
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY,
                           _("Enter a summary of the request"));
      return FALSE;
    }

  if (self->kind > RAPPORT_SERVICE_KIND_OTHER)
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                           _("Choose the kind of request"));
      return FALSE;
    }

  if (self->severity > RAPPORT_SERVICE_SEVERITY_CRITICAL)
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                           _("Choose the severity of the request"));
      return FALSE;
    }

  if (!rapport_service_priority_is_valid (self->priority))
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_SETTING,
                           _("The priority must be from P1 to P4"));
      return FALSE;
    }

  if (self->satisfaction != 0 && !check_satisfaction (self->satisfaction, error))
    return FALSE;

  return TRUE;
}

static gboolean
not_allowed (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_NOT_ALLOWED, message);
  return FALSE;
}

gboolean
rapport_service_request_can_move (RapportServiceRequest  *self,
                                  RapportServiceStatus    status,
                                  GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), FALSE);

  if (!rapport_service_status_can_move (self->status, status))
    {
      g_autofree char *message = NULL;

      /* Translators: a refused status change, e.g. "A request cannot go from New to Closed" */
      message = g_strdup_printf (_("A request cannot go from %s to %s"),
                                 rapport_service_status_get_label (self->status),
                                 rapport_service_status_get_label (status));
      return not_allowed (error, message);
    }

  if (status == RAPPORT_SERVICE_STATUS_ASSIGNED && self->assignee_id == 0)
    return not_allowed (error, _("Assign the request to someone first"));

  return TRUE;
}

gboolean
rapport_service_request_can_confirm (RapportServiceRequest  *self,
                                     gint64                  user_id,
                                     GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), FALSE);

  if (is_blank (self->resolution))
    return not_allowed (error, _("Write the resolution before it is confirmed"));

  if (user_id != self->customer_owner_id)
    return not_allowed (error, _("Only the customer’s owner can confirm the resolution"));

  return TRUE;
}

gboolean
rapport_service_request_can_reply (RapportServiceRequest  *self,
                                   GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), FALSE);

  if (rapport_service_request_needs_confirmation (self))
    return not_allowed (error, _("The customer’s owner must confirm the resolution of a complaint before the reply"));

  return TRUE;
}

gboolean
rapport_service_request_can_rate (RapportServiceRequest  *self,
                                  gint                    satisfaction,
                                  GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (self), FALSE);

  if (!check_satisfaction (satisfaction, error))
    return FALSE;

  if (self->status != RAPPORT_SERVICE_STATUS_RESOLVED && self->status != RAPPORT_SERVICE_STATUS_CLOSED)
    return not_allowed (error, _("Satisfaction can be recorded once the request is resolved"));

  return TRUE;
}

gboolean
rapport_service_check_assignee (const char  *name,
                                gint64       left_at,
                                GError     **error)
{
  if (left_at != 0)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a staff member's name */
      message = g_strdup_printf (_("%s has left and cannot be given new work"), name != NULL ? name : "");
      return not_allowed (error, message);
    }

  return TRUE;
}
