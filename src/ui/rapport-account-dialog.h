/* rapport-account-dialog.h
 *
 * Adds or edits a mail account or an SMS gateway: the provider (a mail
 * preset, or an SMS provider) and its settings, the password, key or token
 * (kept in the keyring only: the form says whether one is stored and never
 * shows it), whether it is the default, Send Test… and Remove Account….
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-account.h"
#include "rapport-editor-dialog.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ACCOUNT_DIALOG (rapport_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportAccountDialog, rapport_account_dialog, RAPPORT, ACCOUNT_DIALOG, RapportEditorDialog)

/* @account (nullable): the one to edit; NULL for a new one on @channel
 * (ignored when editing). */
GtkWidget *rapport_account_dialog_new         (GtkWindow            *parent,
                                               RapportSession       *session,
                                               RapportChannel        channel,
                                               RapportAccount       *account);
/* Tests: the CA certificate Send Test trusts (see rapport_sender_set_ca_file). */
void       rapport_account_dialog_set_ca_file (RapportAccountDialog *self,
                                               const char           *path);

G_END_DECLS
