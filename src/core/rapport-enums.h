/* rapport-enums.h
 *
 * The enumerations of Rapport's entities. Each is a registered GEnum whose value
 * nicks are the stable keys stored in the database (rapport_*_to_string), with a
 * translated label for the UI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_CUSTOMER_KIND_COMPANY,
  RAPPORT_CUSTOMER_KIND_PERSON,
} RapportCustomerKind;

typedef enum
{
  RAPPORT_STAGE_PROSPECT,
  RAPPORT_STAGE_ACTIVE,
  RAPPORT_STAGE_DORMANT,
  RAPPORT_STAGE_LOST,
} RapportStage;

/* The customer pyramid, best first; LEAD is its lowest tier (not a prospect). */
typedef enum
{
  RAPPORT_TIER_PLATINUM,
  RAPPORT_TIER_GOLD,
  RAPPORT_TIER_IRON,
  RAPPORT_TIER_LEAD,
} RapportTier;

typedef enum
{
  RAPPORT_POTENTIAL_LOW,
  RAPPORT_POTENTIAL_HIGH,
} RapportPotential;

typedef enum
{
  RAPPORT_INTERACTION_KIND_CALL,
  RAPPORT_INTERACTION_KIND_VISIT,
  RAPPORT_INTERACTION_KIND_MEETING,
  RAPPORT_INTERACTION_KIND_EMAIL,
  RAPPORT_INTERACTION_KIND_SMS,
  RAPPORT_INTERACTION_KIND_NOTE,
} RapportInteractionKind;

typedef enum
{
  RAPPORT_ENTITY_KIND_CUSTOMER,
  RAPPORT_ENTITY_KIND_CONTACT,
  RAPPORT_ENTITY_KIND_INTERACTION,
  RAPPORT_ENTITY_KIND_ORDER,
  RAPPORT_ENTITY_KIND_TAG,
  RAPPORT_ENTITY_KIND_USER,
  RAPPORT_ENTITY_KIND_FOLLOW_UP,
  RAPPORT_ENTITY_KIND_MESSAGE,
  RAPPORT_ENTITY_KIND_TEMPLATE,
  RAPPORT_ENTITY_KIND_GREETING_RULE,
  RAPPORT_ENTITY_KIND_ACCOUNT,
  RAPPORT_ENTITY_KIND_OPPORTUNITY,
  RAPPORT_ENTITY_KIND_PIPELINE_STAGE,
  RAPPORT_ENTITY_KIND_PLAN_STEP,
  RAPPORT_ENTITY_KIND_LOST_REASON,
  RAPPORT_ENTITY_KIND_SERVICE_REQUEST,
  RAPPORT_ENTITY_KIND_CURRENCY_RATE,
} RapportEntityKind;

/* How a message goes out. */
typedef enum
{
  RAPPORT_CHANNEL_MAIL,
  RAPPORT_CHANNEL_SMS,
} RapportChannel;

/* An outbox message's state (see the schema 7 comment in rapport-migrations.c). */
typedef enum
{
  RAPPORT_MESSAGE_STATE_REVIEW,
  RAPPORT_MESSAGE_STATE_QUEUED,
  RAPPORT_MESSAGE_STATE_SENDING,
  RAPPORT_MESSAGE_STATE_SENT,
  RAPPORT_MESSAGE_STATE_FAILED,
  RAPPORT_MESSAGE_STATE_UNKNOWN,
  RAPPORT_MESSAGE_STATE_CANCELLED,
} RapportMessageState;

/* What a pipeline stage means: still open, or the end of the road. */
typedef enum
{
  RAPPORT_STAGE_KIND_OPEN,
  RAPPORT_STAGE_KIND_WON,
  RAPPORT_STAGE_KIND_LOST,
} RapportStageKind;

#define RAPPORT_TYPE_CUSTOMER_KIND    (rapport_customer_kind_get_type ())
#define RAPPORT_TYPE_STAGE            (rapport_stage_get_type ())
#define RAPPORT_TYPE_TIER             (rapport_tier_get_type ())
#define RAPPORT_TYPE_POTENTIAL        (rapport_potential_get_type ())
#define RAPPORT_TYPE_INTERACTION_KIND (rapport_interaction_kind_get_type ())
#define RAPPORT_TYPE_ENTITY_KIND      (rapport_entity_kind_get_type ())
#define RAPPORT_TYPE_CHANNEL          (rapport_channel_get_type ())
#define RAPPORT_TYPE_MESSAGE_STATE    (rapport_message_state_get_type ())
#define RAPPORT_TYPE_STAGE_KIND       (rapport_stage_kind_get_type ())

GType        rapport_customer_kind_get_type        (void) G_GNUC_CONST;
GType        rapport_stage_get_type                (void) G_GNUC_CONST;
GType        rapport_tier_get_type                 (void) G_GNUC_CONST;
GType        rapport_potential_get_type            (void) G_GNUC_CONST;
GType        rapport_interaction_kind_get_type     (void) G_GNUC_CONST;
GType        rapport_entity_kind_get_type          (void) G_GNUC_CONST;
GType        rapport_channel_get_type              (void) G_GNUC_CONST;
GType        rapport_message_state_get_type        (void) G_GNUC_CONST;
GType        rapport_stage_kind_get_type           (void) G_GNUC_CONST;

/* to_string: the stable database key ("company", "prospect", …), never translated.
 * from_string: FALSE (and @out untouched) for NULL or an unknown key.
 * get_label: the translated name to show ("Company", "Prospect", …). */
const char  *rapport_customer_kind_to_string       (RapportCustomerKind     kind);
gboolean     rapport_customer_kind_from_string     (const char             *str,
                                                    RapportCustomerKind    *out);
const char  *rapport_customer_kind_get_label       (RapportCustomerKind     kind);

const char  *rapport_stage_to_string               (RapportStage            stage);
gboolean     rapport_stage_from_string             (const char             *str,
                                                    RapportStage           *out);
const char  *rapport_stage_get_label               (RapportStage            stage);

const char  *rapport_tier_to_string                (RapportTier             tier);
gboolean     rapport_tier_from_string              (const char             *str,
                                                    RapportTier            *out);
const char  *rapport_tier_get_label                (RapportTier             tier);

const char  *rapport_potential_to_string           (RapportPotential        potential);
gboolean     rapport_potential_from_string         (const char             *str,
                                                    RapportPotential       *out);
const char  *rapport_potential_get_label           (RapportPotential        potential);

const char  *rapport_interaction_kind_to_string    (RapportInteractionKind  kind);
gboolean     rapport_interaction_kind_from_string  (const char             *str,
                                                    RapportInteractionKind *out);
const char  *rapport_interaction_kind_get_label    (RapportInteractionKind  kind);
/* A symbolic icon name from the Adwaita icon theme. */
const char  *rapport_interaction_kind_get_icon_name (RapportInteractionKind kind);

const char  *rapport_entity_kind_to_string         (RapportEntityKind       kind);
gboolean     rapport_entity_kind_from_string       (const char             *str,
                                                    RapportEntityKind      *out);
const char  *rapport_entity_kind_get_label         (RapportEntityKind       kind);
const char  *rapport_channel_to_string             (RapportChannel          channel);
gboolean     rapport_channel_from_string           (const char             *str,
                                                    RapportChannel         *out);
const char  *rapport_channel_get_label             (RapportChannel          channel);
const char  *rapport_message_state_to_string       (RapportMessageState     state);
gboolean     rapport_message_state_from_string     (const char             *str,
                                                    RapportMessageState    *out);
const char  *rapport_message_state_get_label       (RapportMessageState     state);

const char  *rapport_stage_kind_to_string          (RapportStageKind        kind);
gboolean     rapport_stage_kind_from_string        (const char             *str,
                                                    RapportStageKind       *out);
const char  *rapport_stage_kind_get_label          (RapportStageKind        kind);

G_END_DECLS
