/* rapport-template-dialog.h
 *
 * The editor of one message template (模板): name, channel, subject (mail)
 * and body, with the placeholder problems shown as the user types; a
 * template with a problem is not saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-editor-dialog.h"
#include "rapport-message-template.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TEMPLATE_DIALOG (rapport_template_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportTemplateDialog, rapport_template_dialog, RAPPORT, TEMPLATE_DIALOG, RapportEditorDialog)

/* @template_or_null: the template to edit, NULL for a new one. */
GtkWidget *rapport_template_dialog_new (GtkWindow              *parent,
                                        RapportSession         *session,
                                        RapportMessageTemplate *template_or_null);

G_END_DECLS
