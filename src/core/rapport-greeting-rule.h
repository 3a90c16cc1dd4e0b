/* rapport-greeting-rule.h
 *
 * An automatic greeting (客户关怀): on birthdays, a holiday, a date of the
 * user's own, or every N months since the last interaction; with a template,
 * a channel, an audience, a send time and lead days, queued at once or held
 * for review first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-audience.h"
#include "rapport-enums.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_GREETING_KIND_BIRTHDAY,
  RAPPORT_GREETING_KIND_HOLIDAY,
  RAPPORT_GREETING_KIND_PERIODIC,
  RAPPORT_GREETING_KIND_DATE,
} RapportGreetingKind;

#define RAPPORT_TYPE_GREETING_KIND (rapport_greeting_kind_get_type ())

GType        rapport_greeting_kind_get_type    (void) G_GNUC_CONST;
/* Keys "birthday", "holiday", "periodic", "date" (stored, never translated);
 * from_string: FALSE and @out untouched for NULL or an unknown key. */
const char            *rapport_greeting_kind_to_string        (RapportGreetingKind  kind);
gboolean               rapport_greeting_kind_from_string      (const char          *str,
                                                               RapportGreetingKind *out);
const char            *rapport_greeting_kind_get_label        (RapportGreetingKind  kind);


#define RAPPORT_TYPE_GREETING_RULE (rapport_greeting_rule_get_type ())

G_DECLARE_FINAL_TYPE (RapportGreetingRule, rapport_greeting_rule, RAPPORT, GREETING_RULE, GObject)

RapportGreetingRule   *rapport_greeting_rule_new              (void);
/* A deep copy, id included. */
RapportGreetingRule   *rapport_greeting_rule_copy             (RapportGreetingRule *self);

gint64                 rapport_greeting_rule_get_id           (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_id           (RapportGreetingRule *self,
                                                               gint64 id);
const char            *rapport_greeting_rule_get_uuid         (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_uuid         (RapportGreetingRule *self,
                                                               const char *uuid);
const char            *rapport_greeting_rule_get_name         (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_name         (RapportGreetingRule *self,
                                                               const char *name);
RapportGreetingKind    rapport_greeting_rule_get_kind         (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_kind         (RapportGreetingRule *self,
                                                               RapportGreetingKind kind);
/* kind HOLIDAY: the holiday's key ("spring-festival") */
const char            *rapport_greeting_rule_get_holiday      (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_holiday      (RapportGreetingRule *self,
                                                               const char *holiday);
/* kind DATE: "MM-DD" */
const char            *rapport_greeting_rule_get_month_day    (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_month_day    (RapportGreetingRule *self,
                                                               const char *month_day);
/* kind PERIODIC: months since the last interaction, 1..60 */
guint                  rapport_greeting_rule_get_every_months (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_every_months (RapportGreetingRule *self,
                                                               guint every_months);
/* 0 when none */
gint64                 rapport_greeting_rule_get_template_id  (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_template_id  (RapportGreetingRule *self,
                                                               gint64 template_id);
RapportChannel         rapport_greeting_rule_get_channel      (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_channel      (RapportGreetingRule *self,
                                                               RapportChannel channel);
/* Who it greets; NULL means everyone */
const RapportAudience *rapport_greeting_rule_get_audience     (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_audience     (RapportGreetingRule *self,
                                                               const RapportAudience *audience);
/* "HH:MM", local time */
const char            *rapport_greeting_rule_get_send_time    (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_send_time    (RapportGreetingRule *self,
                                                               const char *send_time);
/* Days before the occasion it is sent, 0..30 */
guint                  rapport_greeting_rule_get_lead_days    (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_lead_days    (RapportGreetingRule *self,
                                                               guint lead_days);
/* Messages wait in To Review instead of being queued. */
gboolean               rapport_greeting_rule_get_review_first (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_review_first (RapportGreetingRule *self,
                                                               gboolean review_first);
gboolean               rapport_greeting_rule_get_enabled      (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_enabled      (RapportGreetingRule *self,
                                                               gboolean enabled);
gint64                 rapport_greeting_rule_get_created_at   (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_created_at   (RapportGreetingRule *self,
                                                               gint64 created_at);
gint64                 rapport_greeting_rule_get_updated_at   (RapportGreetingRule *self);
void                   rapport_greeting_rule_set_updated_at   (RapportGreetingRule *self,
                                                               gint64 updated_at);

G_END_DECLS
