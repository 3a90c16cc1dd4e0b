/* rapport-follow-up-actions.h
 *
 * What the user does to a follow-up, written once for every page that lists
 * them (the customer page, Today): done with Undo, snooze, edit, done and log
 * an interaction, trash with Undo, open its customer, and the offer to mark
 * the earliest one done after logging something for its customer. Toasts go
 * to the toast overlay of the widget passed in (rapport_widget_add_toast).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-due-preset.h"
#include "rapport-follow-up.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_FOLLOW_UP_ACTIONS (rapport_follow_up_actions_get_type ())

/* Signal "open-customer" (gint64 customer_id, gint64 follow_up_id): Open
 * Customer was chosen; the window shows that customer. */
G_DECLARE_FINAL_TYPE (RapportFollowUpActions, rapport_follow_up_actions, RAPPORT, FOLLOW_UP_ACTIONS, GObject)

RapportFollowUpActions *rapport_follow_up_actions_new              (RapportSession         *session);
RapportSession         *rapport_follow_up_actions_get_session      (RapportFollowUpActions *self);

/* Marks @follow_up done now (the next occurrence of a recurring one is
 * created); the toast's Undo reopens it and removes that occurrence. */
void                    rapport_follow_up_actions_complete         (RapportFollowUpActions *self,
                                                                    RapportFollowUp        *follow_up,
                                                                    GtkWidget              *widget);
/* Its reminder comes back at @snooze's time. */
void                    rapport_follow_up_actions_snooze           (RapportFollowUpActions *self,
                                                                    RapportFollowUp        *follow_up,
                                                                    RapportSnooze           snooze,
                                                                    GtkWidget              *widget);
/* Asks for a date and time, then snoozes until then. */
void                    rapport_follow_up_actions_snooze_pick      (RapportFollowUpActions *self,
                                                                    RapportFollowUp        *follow_up,
                                                                    GtkWidget              *widget);
/* Opens the follow-up dialog on it (edit, reschedule). Returns (transfer none)
 * the dialog, presented. */
GtkWidget              *rapport_follow_up_actions_edit             (RapportFollowUpActions *self,
                                                                    RapportFollowUp        *follow_up,
                                                                    GtkWidget              *widget);
/* Opens the interaction dialog prefilled with its title, customer and contact;
 * it is marked done when the interaction is saved. Returns (transfer none)
 * the dialog, presented. */
GtkWidget              *rapport_follow_up_actions_complete_and_log (RapportFollowUpActions *self,
                                                                    RapportFollowUp        *follow_up,
                                                                    GtkWidget              *widget);
/* Moves it to the Trash; the toast's Undo restores it. */
void                    rapport_follow_up_actions_trash            (RapportFollowUpActions *self,
                                                                    RapportFollowUp        *follow_up,
                                                                    GtkWidget              *widget);
/* Emits "open-customer". */
void                    rapport_follow_up_actions_open_customer    (RapportFollowUpActions *self,
                                                                    RapportFollowUp        *follow_up);
/* After something was logged for @customer_id: when it has open follow-ups,
 * a toast offers to mark the earliest due one done (with Undo after).
 * @except_id: a follow-up not to offer (the one just created), or 0. */
void                    rapport_follow_up_actions_offer_complete   (RapportFollowUpActions *self,
                                                                    gint64                  customer_id,
                                                                    gint64                  except_id,
                                                                    GtkWidget              *widget);

G_END_DECLS
