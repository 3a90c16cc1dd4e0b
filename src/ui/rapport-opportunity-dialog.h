/* rapport-opportunity-dialog.h
 *
 * Adds a sales opportunity (销售机会) to a customer, or edits one: title,
 * contact, expected amount and currency, stage, probability (the stage's
 * default unless the user sets one), expected close, source, owner, notes.
 * An existing opportunity also shows its state (Won, Lost, Reopen there),
 * its development plan (开发计划) with the steps' results and follow-ups, and
 * its history.
 *
 * Used by the customer page's Opportunities section and the Pipeline board,
 * both through rapport_opportunity_actions_open().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-editor-dialog.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_OPPORTUNITY_DIALOG (rapport_opportunity_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportOpportunityDialog, rapport_opportunity_dialog, RAPPORT, OPPORTUNITY_DIALOG, RapportEditorDialog)

/* @opportunity_id: the one to edit (of @customer_id), or 0 for a new one on
 * @customer_id. Returns (transfer none) a new dialog, not yet presented; set
 * its transient parent before presenting. */
GtkWidget *rapport_opportunity_dialog_new (RapportSession *session,
                                           gint64          customer_id,
                                           gint64          opportunity_id);

G_END_DECLS
