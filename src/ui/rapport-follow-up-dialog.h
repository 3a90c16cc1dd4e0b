/* rapport-follow-up-dialog.h
 *
 * Adds a follow-up to a customer, or edits (reschedules) one: title, contact,
 * due date and time with quick choices, reminder, recurrence and note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-editor-dialog.h"
#include "rapport-follow-up.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_FOLLOW_UP_DIALOG (rapport_follow_up_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportFollowUpDialog, rapport_follow_up_dialog, RAPPORT, FOLLOW_UP_DIALOG, RapportEditorDialog)

/* @follow_up (nullable): the one to edit, NULL for a new one on @customer_id;
 * one without an id is a new one prefilled from it (a plan step's). */
GtkWidget *rapport_follow_up_dialog_new (GtkWindow       *parent,
                                         RapportSession  *session,
                                         gint64           customer_id,
                                         RapportFollowUp *follow_up);

G_END_DECLS
