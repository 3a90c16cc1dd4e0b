/* rapport-opportunity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-opportunity"

#include "config.h"

#include "rapport-opportunity.h"

#include <glib/gi18n.h>

#include "rapport-date.h"
#include "rapport-money.h"
#include "rapport-validation.h"

struct _RapportOpportunity
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 customer_id;
  char *customer_name;
  gint64 contact_id;
  char *title;
  gint64 amount;
  char *currency;
  gint64 stage_id;
  gint probability;
  char *expected_close;
  char *source;
  gint64 owner_id;
  char *notes;
  gint64 lost_reason_id;
  char *lost_note;
  gint64 closed_at;
  gint64 stage_entered_at;
  gint64 last_activity_at;
  RapportStageKind stage_kind;
  gint stage_probability;
  gint stage_stall_days;
  gint plan_steps_done;
  gint plan_steps_total;
  gint64 created_at;
  gint64 updated_at;
  gint64 deleted_at;
};

G_DEFINE_FINAL_TYPE (RapportOpportunity, rapport_opportunity, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_CONTACT_ID,
  PROP_TITLE,
  PROP_AMOUNT,
  PROP_CURRENCY,
  PROP_STAGE_ID,
  PROP_PROBABILITY,
  PROP_EXPECTED_CLOSE,
  PROP_SOURCE,
  PROP_OWNER_ID,
  PROP_NOTES,
  PROP_LOST_REASON_ID,
  PROP_LOST_NOTE,
  PROP_CLOSED_AT,
  PROP_STAGE_ENTERED_AT,
  PROP_LAST_ACTIVITY_AT,
  PROP_STAGE_KIND,
  PROP_STAGE_PROBABILITY,
  PROP_STAGE_STALL_DAYS,
  PROP_PLAN_STEPS_DONE,
  PROP_PLAN_STEPS_TOTAL,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_opportunity_finalize (GObject *object)
{
  RapportOpportunity *self = RAPPORT_OPPORTUNITY (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->expected_close, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->lost_note, g_free);

  G_OBJECT_CLASS (rapport_opportunity_parent_class)->finalize (object);
}

static void
rapport_opportunity_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportOpportunity *self = RAPPORT_OPPORTUNITY (object);

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

    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_STAGE_ID:
      g_value_set_int64 (value, self->stage_id);
      break;

    case PROP_PROBABILITY:
      g_value_set_int (value, self->probability);
      break;

    case PROP_EXPECTED_CLOSE:
      g_value_set_string (value, self->expected_close);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_LOST_REASON_ID:
      g_value_set_int64 (value, self->lost_reason_id);
      break;

    case PROP_LOST_NOTE:
      g_value_set_string (value, self->lost_note);
      break;

    case PROP_CLOSED_AT:
      g_value_set_int64 (value, self->closed_at);
      break;

    case PROP_STAGE_ENTERED_AT:
      g_value_set_int64 (value, self->stage_entered_at);
      break;

    case PROP_LAST_ACTIVITY_AT:
      g_value_set_int64 (value, self->last_activity_at);
      break;

    case PROP_STAGE_KIND:
      g_value_set_enum (value, self->stage_kind);
      break;

    case PROP_STAGE_PROBABILITY:
      g_value_set_int (value, self->stage_probability);
      break;

    case PROP_STAGE_STALL_DAYS:
      g_value_set_int (value, self->stage_stall_days);
      break;

    case PROP_PLAN_STEPS_DONE:
      g_value_set_int (value, self->plan_steps_done);
      break;

    case PROP_PLAN_STEPS_TOTAL:
      g_value_set_int (value, self->plan_steps_total);
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
rapport_opportunity_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportOpportunity *self = RAPPORT_OPPORTUNITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_opportunity_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_opportunity_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      rapport_opportunity_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_NAME:
      rapport_opportunity_set_customer_name (self, g_value_get_string (value));
      break;

    case PROP_CONTACT_ID:
      rapport_opportunity_set_contact_id (self, g_value_get_int64 (value));
      break;

    case PROP_TITLE:
      rapport_opportunity_set_title (self, g_value_get_string (value));
      break;

    case PROP_AMOUNT:
      rapport_opportunity_set_amount (self, g_value_get_int64 (value));
      break;

    case PROP_CURRENCY:
      rapport_opportunity_set_currency (self, g_value_get_string (value));
      break;

    case PROP_STAGE_ID:
      rapport_opportunity_set_stage_id (self, g_value_get_int64 (value));
      break;

    case PROP_PROBABILITY:
      rapport_opportunity_set_probability (self, g_value_get_int (value));
      break;

    case PROP_EXPECTED_CLOSE:
      rapport_opportunity_set_expected_close (self, g_value_get_string (value));
      break;

    case PROP_SOURCE:
      rapport_opportunity_set_source (self, g_value_get_string (value));
      break;

    case PROP_OWNER_ID:
      rapport_opportunity_set_owner_id (self, g_value_get_int64 (value));
      break;

    case PROP_NOTES:
      rapport_opportunity_set_notes (self, g_value_get_string (value));
      break;

    case PROP_LOST_REASON_ID:
      rapport_opportunity_set_lost_reason_id (self, g_value_get_int64 (value));
      break;

    case PROP_LOST_NOTE:
      rapport_opportunity_set_lost_note (self, g_value_get_string (value));
      break;

    case PROP_CLOSED_AT:
      rapport_opportunity_set_closed_at (self, g_value_get_int64 (value));
      break;

    case PROP_STAGE_ENTERED_AT:
      rapport_opportunity_set_stage_entered_at (self, g_value_get_int64 (value));
      break;

    case PROP_LAST_ACTIVITY_AT:
      rapport_opportunity_set_last_activity_at (self, g_value_get_int64 (value));
      break;

    case PROP_STAGE_KIND:
      rapport_opportunity_set_stage_kind (self, g_value_get_enum (value));
      break;

    case PROP_STAGE_PROBABILITY:
      rapport_opportunity_set_stage_probability (self, g_value_get_int (value));
      break;

    case PROP_STAGE_STALL_DAYS:
      rapport_opportunity_set_stage_stall_days (self, g_value_get_int (value));
      break;

    case PROP_PLAN_STEPS_DONE:
      rapport_opportunity_set_plan_steps_done (self, g_value_get_int (value));
      break;

    case PROP_PLAN_STEPS_TOTAL:
      rapport_opportunity_set_plan_steps_total (self, g_value_get_int (value));
      break;

    case PROP_CREATED_AT:
      rapport_opportunity_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_opportunity_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      rapport_opportunity_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_opportunity_class_init (RapportOpportunityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_opportunity_finalize;
  object_class->get_property = rapport_opportunity_get_property;
  object_class->set_property = rapport_opportunity_set_property;

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

  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STAGE_ID] =
    g_param_spec_int64 ("stage-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PROBABILITY] =
    g_param_spec_int ("probability", NULL, NULL,
                      -1, 100, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EXPECTED_CLOSE] =
    g_param_spec_string ("expected-close", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LOST_REASON_ID] =
    g_param_spec_int64 ("lost-reason-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LOST_NOTE] =
    g_param_spec_string ("lost-note", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLOSED_AT] =
    g_param_spec_int64 ("closed-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STAGE_ENTERED_AT] =
    g_param_spec_int64 ("stage-entered-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LAST_ACTIVITY_AT] =
    g_param_spec_int64 ("last-activity-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STAGE_KIND] =
    g_param_spec_enum ("stage-kind", NULL, NULL,
                       RAPPORT_TYPE_STAGE_KIND, RAPPORT_STAGE_KIND_OPEN,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STAGE_PROBABILITY] =
    g_param_spec_int ("stage-probability", NULL, NULL,
                      0, 100, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STAGE_STALL_DAYS] =
    g_param_spec_int ("stage-stall-days", NULL, NULL,
                      1, G_MAXINT, 14,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PLAN_STEPS_DONE] =
    g_param_spec_int ("plan-steps-done", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PLAN_STEPS_TOTAL] =
    g_param_spec_int ("plan-steps-total", NULL, NULL,
                      0, G_MAXINT, 0,
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
rapport_opportunity_init (RapportOpportunity *self)
{
  self->probability = -1;
  self->stage_stall_days = 14;
}

/**
 * rapport_opportunity_new:
 *
 * Returns: (transfer full): a new, empty #RapportOpportunity
 */
RapportOpportunity *
rapport_opportunity_new (void)
{
  return g_object_new (RAPPORT_TYPE_OPPORTUNITY, NULL);
}

/**
 * rapport_opportunity_copy:
 * @self: a #RapportOpportunity
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportOpportunity *
rapport_opportunity_copy (RapportOpportunity *self)
{
  RapportOpportunity *copy;

  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), NULL);

  copy = rapport_opportunity_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->customer_id = self->customer_id;
  copy->customer_name = g_strdup (self->customer_name);
  copy->contact_id = self->contact_id;
  copy->title = g_strdup (self->title);
  copy->amount = self->amount;
  copy->currency = g_strdup (self->currency);
  copy->stage_id = self->stage_id;
  copy->probability = self->probability;
  copy->expected_close = g_strdup (self->expected_close);
  copy->source = g_strdup (self->source);
  copy->owner_id = self->owner_id;
  copy->notes = g_strdup (self->notes);
  copy->lost_reason_id = self->lost_reason_id;
  copy->lost_note = g_strdup (self->lost_note);
  copy->closed_at = self->closed_at;
  copy->stage_entered_at = self->stage_entered_at;
  copy->last_activity_at = self->last_activity_at;
  copy->stage_kind = self->stage_kind;
  copy->stage_probability = self->stage_probability;
  copy->stage_stall_days = self->stage_stall_days;
  copy->plan_steps_done = self->plan_steps_done;
  copy->plan_steps_total = self->plan_steps_total;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->deleted_at = self->deleted_at;

  return copy;
}

gint64
rapport_opportunity_get_id (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->id;
}

void
rapport_opportunity_set_id (RapportOpportunity *self,
                            gint64 id)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_opportunity_get_uuid (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), NULL);

  return self->uuid;
}

void
rapport_opportunity_set_uuid (RapportOpportunity *self,
                              const char *uuid)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
rapport_opportunity_get_customer_id (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->customer_id;
}

void
rapport_opportunity_set_customer_id (RapportOpportunity *self,
                                     gint64 customer_id)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
rapport_opportunity_get_customer_name (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), NULL);

  return self->customer_name;
}

void
rapport_opportunity_set_customer_name (RapportOpportunity *self,
                                       const char *customer_name)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (g_strcmp0 (self->customer_name, customer_name) == 0)
    return;

  g_free (self->customer_name);
  self->customer_name = g_strdup (customer_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}

gint64
rapport_opportunity_get_contact_id (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->contact_id;
}

void
rapport_opportunity_set_contact_id (RapportOpportunity *self,
                                    gint64 contact_id)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->contact_id == contact_id)
    return;

  self->contact_id = contact_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

const char *
rapport_opportunity_get_title (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), NULL);

  return self->title;
}

void
rapport_opportunity_set_title (RapportOpportunity *self,
                               const char *title)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gint64
rapport_opportunity_get_amount (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->amount;
}

void
rapport_opportunity_set_amount (RapportOpportunity *self,
                                gint64 amount)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->amount == amount)
    return;

  self->amount = amount;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMOUNT]);
}

const char *
rapport_opportunity_get_currency (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), NULL);

  return self->currency;
}

void
rapport_opportunity_set_currency (RapportOpportunity *self,
                                  const char *currency)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (g_strcmp0 (self->currency, currency) == 0)
    return;

  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

gint64
rapport_opportunity_get_stage_id (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->stage_id;
}

void
rapport_opportunity_set_stage_id (RapportOpportunity *self,
                                  gint64 stage_id)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->stage_id == stage_id)
    return;

  self->stage_id = stage_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE_ID]);
}

gint
rapport_opportunity_get_probability (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->probability;
}

void
rapport_opportunity_set_probability (RapportOpportunity *self,
                                     gint probability)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->probability == probability)
    return;

  self->probability = probability;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBABILITY]);
}

const char *
rapport_opportunity_get_expected_close (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), NULL);

  return self->expected_close;
}

void
rapport_opportunity_set_expected_close (RapportOpportunity *self,
                                        const char *expected_close)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (g_strcmp0 (self->expected_close, expected_close) == 0)
    return;

  g_free (self->expected_close);
  self->expected_close = g_strdup (expected_close);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPECTED_CLOSE]);
}

const char *
rapport_opportunity_get_source (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), NULL);

  return self->source;
}

void
rapport_opportunity_set_source (RapportOpportunity *self,
                                const char *source)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (g_strcmp0 (self->source, source) == 0)
    return;

  g_free (self->source);
  self->source = g_strdup (source);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

gint64
rapport_opportunity_get_owner_id (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->owner_id;
}

void
rapport_opportunity_set_owner_id (RapportOpportunity *self,
                                  gint64 owner_id)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->owner_id == owner_id)
    return;

  self->owner_id = owner_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ID]);
}

const char *
rapport_opportunity_get_notes (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), NULL);

  return self->notes;
}

void
rapport_opportunity_set_notes (RapportOpportunity *self,
                               const char *notes)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

gint64
rapport_opportunity_get_lost_reason_id (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->lost_reason_id;
}

void
rapport_opportunity_set_lost_reason_id (RapportOpportunity *self,
                                        gint64 lost_reason_id)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->lost_reason_id == lost_reason_id)
    return;

  self->lost_reason_id = lost_reason_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOST_REASON_ID]);
}

const char *
rapport_opportunity_get_lost_note (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), NULL);

  return self->lost_note;
}

void
rapport_opportunity_set_lost_note (RapportOpportunity *self,
                                   const char *lost_note)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (g_strcmp0 (self->lost_note, lost_note) == 0)
    return;

  g_free (self->lost_note);
  self->lost_note = g_strdup (lost_note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOST_NOTE]);
}

gint64
rapport_opportunity_get_closed_at (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->closed_at;
}

void
rapport_opportunity_set_closed_at (RapportOpportunity *self,
                                   gint64 closed_at)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->closed_at == closed_at)
    return;

  self->closed_at = closed_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED_AT]);
}

gint64
rapport_opportunity_get_stage_entered_at (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->stage_entered_at;
}

void
rapport_opportunity_set_stage_entered_at (RapportOpportunity *self,
                                          gint64 stage_entered_at)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->stage_entered_at == stage_entered_at)
    return;

  self->stage_entered_at = stage_entered_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE_ENTERED_AT]);
}

gint64
rapport_opportunity_get_last_activity_at (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->last_activity_at;
}

void
rapport_opportunity_set_last_activity_at (RapportOpportunity *self,
                                          gint64 last_activity_at)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->last_activity_at == last_activity_at)
    return;

  self->last_activity_at = last_activity_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ACTIVITY_AT]);
}

RapportStageKind
rapport_opportunity_get_stage_kind (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->stage_kind;
}

void
rapport_opportunity_set_stage_kind (RapportOpportunity *self,
                                    RapportStageKind stage_kind)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->stage_kind == stage_kind)
    return;

  self->stage_kind = stage_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE_KIND]);
}

gint
rapport_opportunity_get_stage_probability (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->stage_probability;
}

void
rapport_opportunity_set_stage_probability (RapportOpportunity *self,
                                           gint stage_probability)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->stage_probability == stage_probability)
    return;

  self->stage_probability = stage_probability;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE_PROBABILITY]);
}

gint
rapport_opportunity_get_stage_stall_days (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->stage_stall_days;
}

void
rapport_opportunity_set_stage_stall_days (RapportOpportunity *self,
                                          gint stage_stall_days)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->stage_stall_days == stage_stall_days)
    return;

  self->stage_stall_days = stage_stall_days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE_STALL_DAYS]);
}

gint
rapport_opportunity_get_plan_steps_done (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->plan_steps_done;
}

void
rapport_opportunity_set_plan_steps_done (RapportOpportunity *self,
                                         gint plan_steps_done)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->plan_steps_done == plan_steps_done)
    return;

  self->plan_steps_done = plan_steps_done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_STEPS_DONE]);
}

gint
rapport_opportunity_get_plan_steps_total (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->plan_steps_total;
}

void
rapport_opportunity_set_plan_steps_total (RapportOpportunity *self,
                                          gint plan_steps_total)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->plan_steps_total == plan_steps_total)
    return;

  self->plan_steps_total = plan_steps_total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_STEPS_TOTAL]);
}

gint64
rapport_opportunity_get_created_at (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->created_at;
}

void
rapport_opportunity_set_created_at (RapportOpportunity *self,
                                    gint64 created_at)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_opportunity_get_updated_at (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->updated_at;
}

void
rapport_opportunity_set_updated_at (RapportOpportunity *self,
                                    gint64 updated_at)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
rapport_opportunity_get_deleted_at (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->deleted_at;
}

void
rapport_opportunity_set_deleted_at (RapportOpportunity *self,
                                    gint64 deleted_at)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

gint
rapport_opportunity_get_effective_probability (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return self->probability >= 0 ? self->probability : self->stage_probability;
}

gint64
rapport_opportunity_get_weighted_amount (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), 0);

  return (self->amount * rapport_opportunity_get_effective_probability (self) + 50) / 100;
}

gboolean
rapport_opportunity_is_closed (RapportOpportunity *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), FALSE);

  return self->closed_at != 0 || self->stage_kind != RAPPORT_STAGE_KIND_OPEN;
}

gboolean
rapport_opportunity_is_overdue (RapportOpportunity *self,
                                RapportClock       *clock)
{
  g_autofree char *today = NULL;

  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), FALSE);

  if (rapport_opportunity_is_closed (self) || self->expected_close == NULL || self->expected_close[0] == '\0')
    return FALSE;

  today = rapport_date_today (clock);
  /* YYYY-MM-DD compares as text. */
  return strcmp (self->expected_close, today) < 0;
}

gboolean
rapport_opportunity_is_stalled (RapportOpportunity *self,
                                RapportClock       *clock,
                                gint               *out_days)
{
  gint64 idle;

  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), FALSE);

  if (clock == NULL)
    clock = rapport_clock_get_default ();

  idle = MAX (0, rapport_clock_now (clock) - self->last_activity_at);
  if (out_days != NULL)
    *out_days = (gint) MIN (idle / 86400, G_MAXINT);

  if (rapport_opportunity_is_closed (self))
    return FALSE;

  return idle > (gint64) self->stage_stall_days * 86400;
}

gboolean
rapport_opportunity_validate (RapportOpportunity  *self,
                              GError             **error)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), FALSE);

  if (is_blank (self->title))
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_EMPTY,
                           _("Enter a title for the opportunity"));
      return FALSE;
    }

  if (!rapport_currency_is_valid (self->currency))
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT,
                           _("Choose the currency of the amount"));
      return FALSE;
    }

  if (self->amount < 0)
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_NEGATIVE_AMOUNT,
                           _("Amounts cannot be below zero"));
      return FALSE;
    }

  if (self->probability < -1 || self->probability > 100)
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PROBABILITY,
                           _("The probability must be between 0 and 100 %"));
      return FALSE;
    }

  if (self->expected_close != NULL && self->expected_close[0] != '\0' &&
      !rapport_date_validate (self->expected_close, error))
    return FALSE;

  return TRUE;
}

gboolean
rapport_opportunity_set_amount_text (RapportOpportunity  *self,
                                     const char          *text,
                                     const char          *currency,
                                     GError             **error)
{
  gint64 minor = 0;

  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY (self), FALSE);

  if (!rapport_currency_is_valid (currency))
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT,
                           _("Choose the currency of the amount"));
      return FALSE;
    }

  if (!rapport_money_parse (text, currency, &minor, error))
    return FALSE;

  rapport_opportunity_set_amount (self, minor);
  rapport_opportunity_set_currency (self, currency);
  return TRUE;
}

gboolean
rapport_probability_parse (const char  *text,
                           gint        *out_probability,
                           GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize len = strlen (trimmed);
  gint64 value;
  char *end = NULL;

  g_return_val_if_fail (out_probability != NULL, FALSE);

  if (len == 0)
    {
      *out_probability = -1;
      return TRUE;
    }

  if (trimmed[len - 1] == '%')
    {
      trimmed[len - 1] = '\0';
      g_strchomp (trimmed);
    }

  value = g_ascii_strtoll (trimmed, &end, 10);
  if (trimmed[0] == '\0' || end == trimmed || *end != '\0' || value < 0 || value > 100)
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_PROBABILITY,
                           _("The probability must be between 0 and 100 %"));
      return FALSE;
    }

  *out_probability = (gint) value;
  return TRUE;
}
