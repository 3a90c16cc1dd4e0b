/* rapport-handover-history-dialog.h
 *
 * "Handover History": the handovers of the book, newest first, each with
 * who handed over, when, what moved, and whether it was undone; the newest
 * one in force can be undone (after a confirmation).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_HANDOVER_HISTORY_DIALOG (rapport_handover_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportHandoverHistoryDialog, rapport_handover_history_dialog, RAPPORT, HANDOVER_HISTORY_DIALOG,
                      AdwWindow)

GtkWidget *rapport_handover_history_dialog_new (GtkWindow      *parent,
                                                RapportSession *session);

G_END_DECLS
