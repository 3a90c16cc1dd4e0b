/* rapport-greeting-rule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-greeting-rule"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-greeting-rule.h"

G_DEFINE_ENUM_TYPE (RapportGreetingKind, rapport_greeting_kind,
  G_DEFINE_ENUM_VALUE (RAPPORT_GREETING_KIND_BIRTHDAY, "birthday"),
  G_DEFINE_ENUM_VALUE (RAPPORT_GREETING_KIND_HOLIDAY, "holiday"),
  G_DEFINE_ENUM_VALUE (RAPPORT_GREETING_KIND_PERIODIC, "periodic"),
  G_DEFINE_ENUM_VALUE (RAPPORT_GREETING_KIND_DATE, "date"))

static const char * const greeting_kind_keys[] = { "birthday", "holiday", "periodic", "date" };
static const char * const greeting_kind_labels[] = {
  NC_("Greeting kind", "Birthday"),
  NC_("Greeting kind", "Holiday"),
  NC_("Greeting kind", "Periodic Care"),
  NC_("Greeting kind", "Date"),
};

const char *
rapport_greeting_kind_to_string (RapportGreetingKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_GREETING_KIND_DATE, NULL);

  return greeting_kind_keys[kind];
}

gboolean
rapport_greeting_kind_from_string (const char          *str,
                                   RapportGreetingKind *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (greeting_kind_keys); i++)
    {
      if (g_str_equal (greeting_kind_keys[i], str))
        {
          *out = (RapportGreetingKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rapport_greeting_kind_get_label (RapportGreetingKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_GREETING_KIND_DATE, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Greeting kind", greeting_kind_labels[kind]);
}

struct _RapportGreetingRule
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *name;
  RapportGreetingKind kind;
  char *holiday;
  char *month_day;
  guint every_months;
  gint64 template_id;
  RapportChannel channel;
  RapportAudience *audience;
  char *send_time;
  guint lead_days;
  gboolean review_first;
  gboolean enabled;
  gint64 created_at;
  gint64 updated_at;
};

G_DEFINE_FINAL_TYPE (RapportGreetingRule, rapport_greeting_rule, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_NAME,
  PROP_KIND,
  PROP_HOLIDAY,
  PROP_MONTH_DAY,
  PROP_EVERY_MONTHS,
  PROP_TEMPLATE_ID,
  PROP_CHANNEL,
  PROP_AUDIENCE,
  PROP_SEND_TIME,
  PROP_LEAD_DAYS,
  PROP_REVIEW_FIRST,
  PROP_ENABLED,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_greeting_rule_finalize (GObject *object)
{
  RapportGreetingRule *self = RAPPORT_GREETING_RULE (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->holiday, g_free);
  g_clear_pointer (&self->month_day, g_free);
  g_clear_pointer (&self->audience, rapport_audience_free);
  g_clear_pointer (&self->send_time, g_free);

  G_OBJECT_CLASS (rapport_greeting_rule_parent_class)->finalize (object);
}

static void
rapport_greeting_rule_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportGreetingRule *self = RAPPORT_GREETING_RULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_HOLIDAY:
      g_value_set_string (value, self->holiday);
      break;

    case PROP_MONTH_DAY:
      g_value_set_string (value, self->month_day);
      break;

    case PROP_EVERY_MONTHS:
      g_value_set_uint (value, self->every_months);
      break;

    case PROP_TEMPLATE_ID:
      g_value_set_int64 (value, self->template_id);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_AUDIENCE:
      g_value_set_boxed (value, self->audience);
      break;

    case PROP_SEND_TIME:
      g_value_set_string (value, self->send_time);
      break;

    case PROP_LEAD_DAYS:
      g_value_set_uint (value, self->lead_days);
      break;

    case PROP_REVIEW_FIRST:
      g_value_set_boolean (value, self->review_first);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_greeting_rule_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportGreetingRule *self = RAPPORT_GREETING_RULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_greeting_rule_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_greeting_rule_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      rapport_greeting_rule_set_name (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      rapport_greeting_rule_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_HOLIDAY:
      rapport_greeting_rule_set_holiday (self, g_value_get_string (value));
      break;

    case PROP_MONTH_DAY:
      rapport_greeting_rule_set_month_day (self, g_value_get_string (value));
      break;

    case PROP_EVERY_MONTHS:
      rapport_greeting_rule_set_every_months (self, g_value_get_uint (value));
      break;

    case PROP_TEMPLATE_ID:
      rapport_greeting_rule_set_template_id (self, g_value_get_int64 (value));
      break;

    case PROP_CHANNEL:
      rapport_greeting_rule_set_channel (self, g_value_get_enum (value));
      break;

    case PROP_AUDIENCE:
      rapport_greeting_rule_set_audience (self, g_value_get_boxed (value));
      break;

    case PROP_SEND_TIME:
      rapport_greeting_rule_set_send_time (self, g_value_get_string (value));
      break;

    case PROP_LEAD_DAYS:
      rapport_greeting_rule_set_lead_days (self, g_value_get_uint (value));
      break;

    case PROP_REVIEW_FIRST:
      rapport_greeting_rule_set_review_first (self, g_value_get_boolean (value));
      break;

    case PROP_ENABLED:
      rapport_greeting_rule_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED_AT:
      rapport_greeting_rule_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_greeting_rule_set_updated_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_greeting_rule_class_init (RapportGreetingRuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_greeting_rule_finalize;
  object_class->get_property = rapport_greeting_rule_get_property;
  object_class->set_property = rapport_greeting_rule_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       RAPPORT_TYPE_GREETING_KIND, RAPPORT_GREETING_KIND_BIRTHDAY,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_HOLIDAY] =
    g_param_spec_string ("holiday", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MONTH_DAY] =
    g_param_spec_string ("month-day", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EVERY_MONTHS] =
    g_param_spec_uint ("every-months", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TEMPLATE_ID] =
    g_param_spec_int64 ("template-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       RAPPORT_TYPE_CHANNEL, RAPPORT_CHANNEL_MAIL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_AUDIENCE] =
    g_param_spec_boxed ("audience", NULL, NULL,
                        RAPPORT_TYPE_AUDIENCE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SEND_TIME] =
    g_param_spec_string ("send-time", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LEAD_DAYS] =
    g_param_spec_uint ("lead-days", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_REVIEW_FIRST] =
    g_param_spec_boolean ("review-first", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_greeting_rule_init (RapportGreetingRule *self)
{
  self->kind = RAPPORT_GREETING_KIND_BIRTHDAY;
  self->channel = RAPPORT_CHANNEL_MAIL;
  self->review_first = TRUE;
  self->enabled = TRUE;
}

/**
 * rapport_greeting_rule_new:
 *
 * Returns: (transfer full): a new, empty #RapportGreetingRule
 */
RapportGreetingRule *
rapport_greeting_rule_new (void)
{
  return g_object_new (RAPPORT_TYPE_GREETING_RULE, NULL);
}

/**
 * rapport_greeting_rule_copy:
 * @self: a #RapportGreetingRule
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportGreetingRule *
rapport_greeting_rule_copy (RapportGreetingRule *self)
{
  RapportGreetingRule *copy;

  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), NULL);

  copy = rapport_greeting_rule_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->name = g_strdup (self->name);
  copy->kind = self->kind;
  copy->holiday = g_strdup (self->holiday);
  copy->month_day = g_strdup (self->month_day);
  copy->every_months = self->every_months;
  copy->template_id = self->template_id;
  copy->channel = self->channel;
  copy->audience = self->audience != NULL ? rapport_audience_copy (self->audience) : NULL;
  copy->send_time = g_strdup (self->send_time);
  copy->lead_days = self->lead_days;
  copy->review_first = self->review_first;
  copy->enabled = self->enabled;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;

  return copy;
}

gint64
rapport_greeting_rule_get_id (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), 0);

  return self->id;
}

void
rapport_greeting_rule_set_id (RapportGreetingRule *self,
    gint64 id)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_greeting_rule_get_uuid (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), NULL);

  return self->uuid;
}

void
rapport_greeting_rule_set_uuid (RapportGreetingRule *self,
    const char *uuid)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
rapport_greeting_rule_get_name (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), NULL);

  return self->name;
}

void
rapport_greeting_rule_set_name (RapportGreetingRule *self,
    const char *name)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

RapportGreetingKind
rapport_greeting_rule_get_kind (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), RAPPORT_GREETING_KIND_BIRTHDAY);

  return self->kind;
}

void
rapport_greeting_rule_set_kind (RapportGreetingRule *self,
    RapportGreetingKind kind)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
rapport_greeting_rule_get_holiday (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), NULL);

  return self->holiday;
}

void
rapport_greeting_rule_set_holiday (RapportGreetingRule *self,
    const char *holiday)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (g_strcmp0 (self->holiday, holiday) == 0)
    return;

  g_free (self->holiday);
  self->holiday = g_strdup (holiday);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLIDAY]);
}

const char *
rapport_greeting_rule_get_month_day (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), NULL);

  return self->month_day;
}

void
rapport_greeting_rule_set_month_day (RapportGreetingRule *self,
    const char *month_day)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (g_strcmp0 (self->month_day, month_day) == 0)
    return;

  g_free (self->month_day);
  self->month_day = g_strdup (month_day);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH_DAY]);
}

guint
rapport_greeting_rule_get_every_months (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), 0);

  return self->every_months;
}

void
rapport_greeting_rule_set_every_months (RapportGreetingRule *self,
    guint every_months)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (self->every_months == every_months)
    return;

  self->every_months = every_months;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVERY_MONTHS]);
}

gint64
rapport_greeting_rule_get_template_id (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), 0);

  return self->template_id;
}

void
rapport_greeting_rule_set_template_id (RapportGreetingRule *self,
    gint64 template_id)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (self->template_id == template_id)
    return;

  self->template_id = template_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE_ID]);
}

RapportChannel
rapport_greeting_rule_get_channel (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), RAPPORT_CHANNEL_MAIL);

  return self->channel;
}

void
rapport_greeting_rule_set_channel (RapportGreetingRule *self,
    RapportChannel channel)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (self->channel == channel)
    return;

  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

const RapportAudience *
rapport_greeting_rule_get_audience (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), NULL);

  return self->audience;
}

void
rapport_greeting_rule_set_audience (RapportGreetingRule *self,
    const RapportAudience *audience)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (self->audience == audience)
    return;

  g_clear_pointer (&self->audience, rapport_audience_free);
  self->audience = audience != NULL ? rapport_audience_copy (audience) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIENCE]);
}

const char *
rapport_greeting_rule_get_send_time (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), NULL);

  return self->send_time;
}

void
rapport_greeting_rule_set_send_time (RapportGreetingRule *self,
    const char *send_time)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (g_strcmp0 (self->send_time, send_time) == 0)
    return;

  g_free (self->send_time);
  self->send_time = g_strdup (send_time);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_TIME]);
}

guint
rapport_greeting_rule_get_lead_days (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), 0);

  return self->lead_days;
}

void
rapport_greeting_rule_set_lead_days (RapportGreetingRule *self,
    guint lead_days)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (self->lead_days == lead_days)
    return;

  self->lead_days = lead_days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD_DAYS]);
}

gboolean
rapport_greeting_rule_get_review_first (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), FALSE);

  return self->review_first;
}

void
rapport_greeting_rule_set_review_first (RapportGreetingRule *self,
    gboolean review_first)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  review_first = !!review_first;
  if (self->review_first == review_first)
    return;

  self->review_first = review_first;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_FIRST]);
}

gboolean
rapport_greeting_rule_get_enabled (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), FALSE);

  return self->enabled;
}

void
rapport_greeting_rule_set_enabled (RapportGreetingRule *self,
    gboolean enabled)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

gint64
rapport_greeting_rule_get_created_at (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), 0);

  return self->created_at;
}

void
rapport_greeting_rule_set_created_at (RapportGreetingRule *self,
    gint64 created_at)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_greeting_rule_get_updated_at (RapportGreetingRule *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETING_RULE (self), 0);

  return self->updated_at;
}

void
rapport_greeting_rule_set_updated_at (RapportGreetingRule *self,
    gint64 updated_at)
{
  g_return_if_fail (RAPPORT_IS_GREETING_RULE (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}
