/* rapport-interaction.h
 *
 * One entry of a customer's timeline (交往记录).
 *
 * Strings are copied in and may be NULL; string lists are never NULL (an empty
 * list when unset); times are UTC unix seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-enums.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_INTERACTION (rapport_interaction_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteraction, rapport_interaction, RAPPORT, INTERACTION, GObject)

RapportInteraction *rapport_interaction_new  (void);
/* A deep copy, id included. */
RapportInteraction *rapport_interaction_copy (RapportInteraction *self);

gint64                 rapport_interaction_get_id           (RapportInteraction *self);
void                   rapport_interaction_set_id           (RapportInteraction *self,
                                                             gint64              id);
const char            *rapport_interaction_get_uuid         (RapportInteraction *self);
void                   rapport_interaction_set_uuid         (RapportInteraction *self,
                                                             const char *uuid);
gint64                 rapport_interaction_get_customer_id  (RapportInteraction *self);
void                   rapport_interaction_set_customer_id  (RapportInteraction *self,
                                                             gint64              customer_id);
/* contact-id: 0 when none */
gint64                 rapport_interaction_get_contact_id   (RapportInteraction *self);
void                   rapport_interaction_set_contact_id   (RapportInteraction *self,
                                                             gint64              contact_id);
/* contact-name: derived, filled in by the store */
const char            *rapport_interaction_get_contact_name (RapportInteraction *self);
void                   rapport_interaction_set_contact_name (RapportInteraction *self,
                                                             const char *contact_name);
RapportInteractionKind rapport_interaction_get_kind         (RapportInteraction *self);
void                   rapport_interaction_set_kind         (RapportInteraction *self,
                                                             RapportInteractionKind kind);
gint64                 rapport_interaction_get_occurred_at  (RapportInteraction *self);
void                   rapport_interaction_set_occurred_at  (RapportInteraction *self,
                                                             gint64              occurred_at);
const char            *rapport_interaction_get_summary      (RapportInteraction *self);
void                   rapport_interaction_set_summary      (RapportInteraction *self,
                                                             const char *summary);
const char            *rapport_interaction_get_details      (RapportInteraction *self);
void                   rapport_interaction_set_details      (RapportInteraction *self,
                                                             const char *details);
const char            *rapport_interaction_get_outcome      (RapportInteraction *self);
void                   rapport_interaction_set_outcome      (RapportInteraction *self,
                                                             const char *outcome);
gint64                 rapport_interaction_get_created_at   (RapportInteraction *self);
void                   rapport_interaction_set_created_at   (RapportInteraction *self,
                                                             gint64              created_at);
gint64                 rapport_interaction_get_updated_at   (RapportInteraction *self);
void                   rapport_interaction_set_updated_at   (RapportInteraction *self,
                                                             gint64              updated_at);
gint64                 rapport_interaction_get_deleted_at   (RapportInteraction *self);
void                   rapport_interaction_set_deleted_at   (RapportInteraction *self,
                                                             gint64              deleted_at);

G_END_DECLS
