/* rapport-templates-dialog.h
 *
 * The list of message templates (模板): add, edit, delete (to the Trash,
 * with Undo). Opened from the compose dialog and the Outreach section.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TEMPLATES_DIALOG (rapport_templates_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportTemplatesDialog, rapport_templates_dialog, RAPPORT, TEMPLATES_DIALOG, AdwWindow)

/* The caller sets transient-for and presents it. */
GtkWidget *rapport_templates_dialog_new (RapportSession *session);

G_END_DECLS
