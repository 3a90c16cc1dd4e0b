/* rapport-accounts-page.h
 *
 * Preferences › Accounts: the book's mail accounts and SMS gateways, the
 * default of each marked, each opening its RapportAccountDialog; "Add E-mail
 * Account…" and "Add SMS Gateway…". Follows the book's changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ACCOUNTS_PAGE (rapport_accounts_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportAccountsPage, rapport_accounts_page, RAPPORT, ACCOUNTS_PAGE, AdwPreferencesPage)

GtkWidget *rapport_accounts_page_new (RapportSession *session);

G_END_DECLS
