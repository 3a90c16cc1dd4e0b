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
/* A new interaction's summary and contact (0: the primary one), as when it
 * records what was done about a follow-up. */
void       rapport_interaction_dialog_prefill          (RapportInteractionDialog *self,
                                                        const char               *summary,
                                                        gint64                    contact_id);
/* The follow-up the "Next step" part created on saving, 0 when none. */
gint64     rapport_interaction_dialog_get_next_step_id (RapportInteractionDialog *self);

G_END_DECLS
