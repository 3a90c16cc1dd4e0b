/* rapport-plan-step.h
 *
 * A dated step of an opportunity's development plan (开发计划): what to do, by
 * when, who; marked done with its result.
 *
 * Strings are copied in and may be NULL; times are UTC unix seconds, 0 when
 * unset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_PLAN_STEP (rapport_plan_step_get_type ())

G_DECLARE_FINAL_TYPE (RapportPlanStep, rapport_plan_step, RAPPORT, PLAN_STEP, GObject)

RapportPlanStep  *rapport_plan_step_new  (void);
/* A deep copy, id included. */
RapportPlanStep  *rapport_plan_step_copy (RapportPlanStep *self);

gint64            rapport_plan_step_get_id             (RapportPlanStep *self);
void              rapport_plan_step_set_id             (RapportPlanStep *self,
                                                        gint64           id);
const char       *rapport_plan_step_get_uuid           (RapportPlanStep *self);
void              rapport_plan_step_set_uuid           (RapportPlanStep *self,
                                                        const char      *uuid);
gint64            rapport_plan_step_get_opportunity_id (RapportPlanStep *self);
void              rapport_plan_step_set_opportunity_id (RapportPlanStep *self,
                                                        gint64           opportunity_id);
/* position: the plan's order, set by the store (appended last) */
gint              rapport_plan_step_get_position       (RapportPlanStep *self);
void              rapport_plan_step_set_position       (RapportPlanStep *self,
                                                        gint             position);
/* what: what to do */
const char       *rapport_plan_step_get_what           (RapportPlanStep *self);
void              rapport_plan_step_set_what           (RapportPlanStep *self,
                                                        const char      *what);
/* due-on: YYYY-MM-DD, by when, or NULL */
const char       *rapport_plan_step_get_due_on         (RapportPlanStep *self);
void              rapport_plan_step_set_due_on         (RapportPlanStep *self,
                                                        const char      *due_on);
/* assignee-id: a user; 0 = the default user */
gint64            rapport_plan_step_get_assignee_id    (RapportPlanStep *self);
void              rapport_plan_step_set_assignee_id    (RapportPlanStep *self,
                                                        gint64           assignee_id);
/* done-at: when it was marked done, 0 while to do */
gint64            rapport_plan_step_get_done_at        (RapportPlanStep *self);
void              rapport_plan_step_set_done_at        (RapportPlanStep *self,
                                                        gint64           done_at);
/* result: what came of it (执行结果) */
const char       *rapport_plan_step_get_result         (RapportPlanStep *self);
void              rapport_plan_step_set_result         (RapportPlanStep *self,
                                                        const char      *result);
/* follow-up-id: the follow-up created for it, 0 when none */
gint64            rapport_plan_step_get_follow_up_id   (RapportPlanStep *self);
void              rapport_plan_step_set_follow_up_id   (RapportPlanStep *self,
                                                        gint64           follow_up_id);
gint64            rapport_plan_step_get_created_at     (RapportPlanStep *self);
void              rapport_plan_step_set_created_at     (RapportPlanStep *self,
                                                        gint64           created_at);
gint64            rapport_plan_step_get_updated_at     (RapportPlanStep *self);
void              rapport_plan_step_set_updated_at     (RapportPlanStep *self,
                                                        gint64           updated_at);
gboolean          rapport_plan_step_is_done            (RapportPlanStep *self);

G_END_DECLS
