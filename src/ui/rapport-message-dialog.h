/* rapport-message-dialog.h
 *
 * Edits a message still in the outbox or waiting for review: its recipient,
 * subject (mail) and text. The state stays as it was: an edited failed
 * message still waits for Retry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-editor-dialog.h"
#include "rapport-message.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_MESSAGE_DIALOG (rapport_message_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportMessageDialog, rapport_message_dialog, RAPPORT, MESSAGE_DIALOG, RapportEditorDialog)

GtkWidget *rapport_message_dialog_new (GtkWindow      *parent,
                                       RapportSession *session,
                                       RapportMessage *message);

G_END_DECLS
