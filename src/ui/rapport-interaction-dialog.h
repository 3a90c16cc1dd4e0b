/* rapport-interaction-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-editor-dialog.h"
#include "rapport-interaction.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_INTERACTION_DIALOG (rapport_interaction_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteractionDialog, rapport_interaction_dialog, RAPPORT, INTERACTION_DIALOG, RapportEditorDialog)

GtkWidget *rapport_interaction_dialog_new (GtkWindow          *parent,
                                           RapportSession     *session,
                                           gint64              customer_id,
                                           RapportInteraction *interaction);
void       rapport_interaction_dialog_set_summary (RapportInteractionDialog *self,
                                                   const char               *summary);

G_END_DECLS
