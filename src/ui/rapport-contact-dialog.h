/* rapport-contact-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-contact.h"
#include "rapport-editor-dialog.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTACT_DIALOG (rapport_contact_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportContactDialog, rapport_contact_dialog, RAPPORT, CONTACT_DIALOG, RapportEditorDialog)

GtkWidget *rapport_contact_dialog_new (GtkWindow       *parent,
                                       RapportSession  *session,
                                       gint64           customer_id,
                                       RapportContact  *contact_or_null);

G_END_DECLS
