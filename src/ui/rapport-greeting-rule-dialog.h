/* rapport-greeting-rule-dialog.h
 *
 * Adds or edits a greeting rule (客户关怀): its name, occasion (a birthday,
 * a holiday, a date of the user's own, or every N months since the last
 * interaction), channel and template, audience (tiers, stages, tags, and
 * whether contacts are greeted too), send time, lead days, review first or
 * automatic, enabled. An existing rule can be deleted from it, after a
 * confirmation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-editor-dialog.h"
#include "rapport-greeting-rule.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_GREETING_RULE_DIALOG (rapport_greeting_rule_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportGreetingRuleDialog, rapport_greeting_rule_dialog, RAPPORT, GREETING_RULE_DIALOG,
                      RapportEditorDialog)

/* @rule (nullable): the rule to edit (copied), NULL for a new one. */
GtkWidget *rapport_greeting_rule_dialog_new (GtkWindow           *parent,
                                             RapportSession      *session,
                                             RapportGreetingRule *rule);

G_END_DECLS
