/* rapport-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-enums"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-enums.h"

G_DEFINE_ENUM_TYPE (RapportCustomerKind, rapport_customer_kind,
  G_DEFINE_ENUM_VALUE (RAPPORT_CUSTOMER_KIND_COMPANY, "company"),
  G_DEFINE_ENUM_VALUE (RAPPORT_CUSTOMER_KIND_PERSON, "person"))

G_DEFINE_ENUM_TYPE (RapportStage, rapport_stage,
  G_DEFINE_ENUM_VALUE (RAPPORT_STAGE_PROSPECT, "prospect"),
  G_DEFINE_ENUM_VALUE (RAPPORT_STAGE_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (RAPPORT_STAGE_DORMANT, "dormant"),
  G_DEFINE_ENUM_VALUE (RAPPORT_STAGE_LOST, "lost"))

G_DEFINE_ENUM_TYPE (RapportTier, rapport_tier,
  G_DEFINE_ENUM_VALUE (RAPPORT_TIER_PLATINUM, "platinum"),
  G_DEFINE_ENUM_VALUE (RAPPORT_TIER_GOLD, "gold"),
  G_DEFINE_ENUM_VALUE (RAPPORT_TIER_IRON, "iron"),
  G_DEFINE_ENUM_VALUE (RAPPORT_TIER_LEAD, "lead"))

G_DEFINE_ENUM_TYPE (RapportPotential, rapport_potential,
  G_DEFINE_ENUM_VALUE (RAPPORT_POTENTIAL_LOW, "low"),
  G_DEFINE_ENUM_VALUE (RAPPORT_POTENTIAL_HIGH, "high"))

G_DEFINE_ENUM_TYPE (RapportInteractionKind, rapport_interaction_kind,
  G_DEFINE_ENUM_VALUE (RAPPORT_INTERACTION_KIND_CALL, "call"),
  G_DEFINE_ENUM_VALUE (RAPPORT_INTERACTION_KIND_VISIT, "visit"),
  G_DEFINE_ENUM_VALUE (RAPPORT_INTERACTION_KIND_MEETING, "meeting"),
  G_DEFINE_ENUM_VALUE (RAPPORT_INTERACTION_KIND_EMAIL, "email"),
  G_DEFINE_ENUM_VALUE (RAPPORT_INTERACTION_KIND_SMS, "sms"),
  G_DEFINE_ENUM_VALUE (RAPPORT_INTERACTION_KIND_NOTE, "note"))

G_DEFINE_ENUM_TYPE (RapportEntityKind, rapport_entity_kind,
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_CUSTOMER, "customer"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_CONTACT, "contact"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_INTERACTION, "interaction"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_ORDER, "order"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_TAG, "tag"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_USER, "user"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_FOLLOW_UP, "follow-up"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_MESSAGE, "message"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_TEMPLATE, "template"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_GREETING_RULE, "greeting-rule"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_ACCOUNT, "account"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_OPPORTUNITY, "opportunity"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_PIPELINE_STAGE, "pipeline-stage"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_PLAN_STEP, "plan-step"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_LOST_REASON, "lost-reason"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_SERVICE_REQUEST, "service-request"),
  G_DEFINE_ENUM_VALUE (RAPPORT_ENTITY_KIND_CURRENCY_RATE, "currency-rate"))

G_DEFINE_ENUM_TYPE (RapportStageKind, rapport_stage_kind,
  G_DEFINE_ENUM_VALUE (RAPPORT_STAGE_KIND_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (RAPPORT_STAGE_KIND_WON, "won"),
  G_DEFINE_ENUM_VALUE (RAPPORT_STAGE_KIND_LOST, "lost"))

G_DEFINE_ENUM_TYPE (RapportChannel, rapport_channel,
  G_DEFINE_ENUM_VALUE (RAPPORT_CHANNEL_MAIL, "mail"),
  G_DEFINE_ENUM_VALUE (RAPPORT_CHANNEL_SMS, "sms"))

G_DEFINE_ENUM_TYPE (RapportMessageState, rapport_message_state,
  G_DEFINE_ENUM_VALUE (RAPPORT_MESSAGE_STATE_REVIEW, "review"),
  G_DEFINE_ENUM_VALUE (RAPPORT_MESSAGE_STATE_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (RAPPORT_MESSAGE_STATE_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (RAPPORT_MESSAGE_STATE_SENT, "sent"),
  G_DEFINE_ENUM_VALUE (RAPPORT_MESSAGE_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (RAPPORT_MESSAGE_STATE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (RAPPORT_MESSAGE_STATE_CANCELLED, "cancelled"))

/* Keys and labels in value order; the keys are the enum nicks. */
static const char * const customer_kind_keys[] = { "company", "person" };
static const char * const customer_kind_labels[] = {
  NC_("Customer kind", "Company"),
  NC_("Customer kind", "Person")
};

static const char * const stage_keys[] = { "prospect", "active", "dormant", "lost" };
static const char * const stage_labels[] = {
  NC_("Customer stage", "Prospect"),
  NC_("Customer stage", "Active"),
  NC_("Customer stage", "Dormant"),
  NC_("Customer stage", "Lost")
};

static const char * const tier_keys[] = { "platinum", "gold", "iron", "lead" };
static const char * const tier_labels[] = {
  NC_("Customer tier", "Platinum"),
  NC_("Customer tier", "Gold"),
  NC_("Customer tier", "Iron"),
  NC_("Customer tier", "Lead")
};

static const char * const potential_keys[] = { "low", "high" };
static const char * const potential_labels[] = {
  NC_("Customer potential", "Low"),
  NC_("Customer potential", "High")
};

static const char * const interaction_kind_keys[] = { "call", "visit", "meeting", "email", "sms", "note" };
static const char * const interaction_kind_labels[] = {
  NC_("Interaction kind", "Call"),
  NC_("Interaction kind", "Visit"),
  NC_("Interaction kind", "Meeting"),
  NC_("Interaction kind", "E-mail"),
  NC_("Interaction kind", "SMS"),
  NC_("Interaction kind", "Note")
};

static const char * const entity_kind_keys[] = { "customer", "contact", "interaction", "order", "tag", "user", "follow-up",
                                                   "message", "template", "greeting-rule", "account",
                                                   "opportunity", "pipeline-stage", "plan-step", "lost-reason",
                                                   "service-request", "currency-rate" };
static const char * const entity_kind_labels[] = {
  NC_("Entity kind", "Customer"),
  NC_("Entity kind", "Contact"),
  NC_("Entity kind", "Interaction"),
  NC_("Entity kind", "Order"),
  NC_("Entity kind", "Tag"),
  NC_("Entity kind", "User"),
  NC_("Entity kind", "Follow-up"),
  NC_("Entity kind", "Message"),
  NC_("Entity kind", "Template"),
  NC_("Entity kind", "Greeting Rule"),
  NC_("Entity kind", "Account"),
  NC_("Entity kind", "Opportunity"),
  NC_("Entity kind", "Pipeline Stage"),
  NC_("Entity kind", "Plan Step"),
  NC_("Entity kind", "Lost Reason"),
  NC_("Entity kind", "Service Request"),
  NC_("Entity kind", "Currency Rate")
};

static const char * const stage_kind_keys[] = { "open", "won", "lost" };
static const char * const stage_kind_labels[] = {
  NC_("Pipeline stage kind", "Open"),
  NC_("Pipeline stage kind", "Won"),
  NC_("Pipeline stage kind", "Lost")
};

static const char * const channel_keys[] = { "mail", "sms" };
static const char * const channel_labels[] = {
  NC_("Message channel", "E-mail"),
  NC_("Message channel", "SMS")
};

static const char * const message_state_keys[] = { "review", "queued", "sending", "sent", "failed", "unknown", "cancelled" };
static const char * const message_state_labels[] = {
  NC_("Message state", "To Review"),
  NC_("Message state", "Queued"),
  NC_("Message state", "Sending"),
  NC_("Message state", "Sent"),
  NC_("Message state", "Failed"),
  /* The send may or may not have happened (Rapport stopped while sending). */
  NC_("Message state", "Unknown"),
  NC_("Message state", "Cancelled")
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
rapport_customer_kind_to_string (RapportCustomerKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_CUSTOMER_KIND_PERSON, NULL);

  return customer_kind_keys[kind];
}

gboolean
rapport_customer_kind_from_string (const char          *str,
                                   RapportCustomerKind *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (customer_kind_keys, G_N_ELEMENTS (customer_kind_keys), str, &value))
    return FALSE;

  *out = (RapportCustomerKind) value;
  return TRUE;
}

const char *
rapport_customer_kind_get_label (RapportCustomerKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_CUSTOMER_KIND_PERSON, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Customer kind", customer_kind_labels[kind]);
}

const char *
rapport_stage_to_string (RapportStage stage)
{
  g_return_val_if_fail (stage <= RAPPORT_STAGE_LOST, NULL);

  return stage_keys[stage];
}

gboolean
rapport_stage_from_string (const char   *str,
                           RapportStage *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (stage_keys, G_N_ELEMENTS (stage_keys), str, &value))
    return FALSE;

  *out = (RapportStage) value;
  return TRUE;
}

const char *
rapport_stage_get_label (RapportStage stage)
{
  g_return_val_if_fail (stage <= RAPPORT_STAGE_LOST, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Customer stage", stage_labels[stage]);
}

const char *
rapport_tier_to_string (RapportTier tier)
{
  g_return_val_if_fail (tier <= RAPPORT_TIER_LEAD, NULL);

  return tier_keys[tier];
}

gboolean
rapport_tier_from_string (const char  *str,
                          RapportTier *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (tier_keys, G_N_ELEMENTS (tier_keys), str, &value))
    return FALSE;

  *out = (RapportTier) value;
  return TRUE;
}

const char *
rapport_tier_get_label (RapportTier tier)
{
  g_return_val_if_fail (tier <= RAPPORT_TIER_LEAD, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Customer tier", tier_labels[tier]);
}

const char *
rapport_potential_to_string (RapportPotential potential)
{
  g_return_val_if_fail (potential <= RAPPORT_POTENTIAL_HIGH, NULL);

  return potential_keys[potential];
}

gboolean
rapport_potential_from_string (const char       *str,
                               RapportPotential *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (potential_keys, G_N_ELEMENTS (potential_keys), str, &value))
    return FALSE;

  *out = (RapportPotential) value;
  return TRUE;
}

const char *
rapport_potential_get_label (RapportPotential potential)
{
  g_return_val_if_fail (potential <= RAPPORT_POTENTIAL_HIGH, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Customer potential", potential_labels[potential]);
}

const char *
rapport_interaction_kind_to_string (RapportInteractionKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_INTERACTION_KIND_NOTE, NULL);

  return interaction_kind_keys[kind];
}

gboolean
rapport_interaction_kind_from_string (const char             *str,
                                      RapportInteractionKind *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (interaction_kind_keys, G_N_ELEMENTS (interaction_kind_keys), str, &value))
    return FALSE;

  *out = (RapportInteractionKind) value;
  return TRUE;
}

const char *
rapport_interaction_kind_get_label (RapportInteractionKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_INTERACTION_KIND_NOTE, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Interaction kind", interaction_kind_labels[kind]);
}

const char *
rapport_entity_kind_to_string (RapportEntityKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_ENTITY_KIND_CURRENCY_RATE, NULL);

  return entity_kind_keys[kind];
}

gboolean
rapport_entity_kind_from_string (const char        *str,
                                 RapportEntityKind *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (entity_kind_keys, G_N_ELEMENTS (entity_kind_keys), str, &value))
    return FALSE;

  *out = (RapportEntityKind) value;
  return TRUE;
}

const char *
rapport_entity_kind_get_label (RapportEntityKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_ENTITY_KIND_CURRENCY_RATE, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Entity kind", entity_kind_labels[kind]);
}

const char *
rapport_interaction_kind_get_icon_name (RapportInteractionKind kind)
{
  static const char * const icon_names[] = {
    "call-start-symbolic",
    "mark-location-symbolic",
    "system-users-symbolic",
    "mail-unread-symbolic",
    "chat-message-new-symbolic",
    "document-edit-symbolic",
  };

  g_return_val_if_fail (kind <= RAPPORT_INTERACTION_KIND_NOTE, NULL);

  return icon_names[kind];
}

const char *
rapport_channel_to_string (RapportChannel channel)
{
  g_return_val_if_fail (channel <= RAPPORT_CHANNEL_SMS, NULL);

  return channel_keys[channel];
}

gboolean
rapport_channel_from_string (const char     *str,
                             RapportChannel *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (channel_keys, G_N_ELEMENTS (channel_keys), str, &value))
    return FALSE;

  *out = (RapportChannel) value;
  return TRUE;
}

const char *
rapport_channel_get_label (RapportChannel channel)
{
  g_return_val_if_fail (channel <= RAPPORT_CHANNEL_SMS, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Message channel", channel_labels[channel]);
}

const char *
rapport_message_state_to_string (RapportMessageState state)
{
  g_return_val_if_fail (state <= RAPPORT_MESSAGE_STATE_CANCELLED, NULL);

  return message_state_keys[state];
}

gboolean
rapport_message_state_from_string (const char          *str,
                                   RapportMessageState *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (message_state_keys, G_N_ELEMENTS (message_state_keys), str, &value))
    return FALSE;

  *out = (RapportMessageState) value;
  return TRUE;
}

const char *
rapport_message_state_get_label (RapportMessageState state)
{
  g_return_val_if_fail (state <= RAPPORT_MESSAGE_STATE_CANCELLED, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Message state", message_state_labels[state]);
}

const char *
rapport_stage_kind_to_string (RapportStageKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_STAGE_KIND_LOST, NULL);

  return stage_kind_keys[kind];
}

gboolean
rapport_stage_kind_from_string (const char       *str,
                                RapportStageKind *out)
{
  guint value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_key (stage_kind_keys, G_N_ELEMENTS (stage_kind_keys), str, &value))
    return FALSE;

  *out = (RapportStageKind) value;
  return TRUE;
}

const char *
rapport_stage_kind_get_label (RapportStageKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_STAGE_KIND_LOST, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Pipeline stage kind", stage_kind_labels[kind]);
}
