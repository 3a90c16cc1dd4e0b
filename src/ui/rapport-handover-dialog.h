/* rapport-handover-dialog.h
 *
 * The handover dialog (交接): the person leaving, how their customers are
 * shared out (all to one person, by tier, by region), who takes over, and a
 * preview counting what each person gets, refreshed on a worker as the
 * choices change; Hand Over asks for confirmation, runs on a worker with
 * progress and Cancel, and ends with a toast in the parent window whose
 * Undo activates win.undo-handover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_HANDOVER_DIALOG (rapport_handover_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportHandoverDialog, rapport_handover_dialog, RAPPORT, HANDOVER_DIALOG, AdwWindow)

/* @from_user_id: the person handing over (0: chosen in the dialog, starting
 * on the default user). */
GtkWidget  *rapport_handover_dialog_new         (GtkWindow             *parent,
                                                 RapportSession        *session,
                                                 gint64                 from_user_id);
void        rapport_handover_dialog_set_rule    (RapportHandoverDialog *self,
                                                 RapportHandoverRule    rule);
/* @key: a tier's or region's key among the groups shown, NULL for the
 * person taking everything else. Owner ids (0: the default user). */
void        rapport_handover_dialog_set_target  (RapportHandoverDialog *self,
                                                 const char            *key,
                                                 gint64                 user_id);
/* Whether the groups or the preview are being worked out, or a run is. */
gboolean    rapport_handover_dialog_get_busy    (RapportHandoverDialog *self);
/* Runs what the preview shows, as confirming does. */
void        rapport_handover_dialog_hand_over   (RapportHandoverDialog *self);

/* Undoes handover @handover_id on a worker and says how it went in a toast
 * near @widget. */
void        rapport_handover_undo               (GtkWidget             *widget,
                                                 RapportSession        *session,
                                                 gint64                 handover_id);

/* "120 customers, 8 opportunities, 3 requests, 14 follow-ups" (zeros left out). */
char       *rapport_handover_format_counts      (const RapportHandoverCounts *counts);

G_END_DECLS
