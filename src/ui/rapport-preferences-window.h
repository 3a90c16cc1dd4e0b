/* rapport-preferences-window.h
 *
 * Preferences: default currency and country code, and backups (automatic,
 * how many to keep, back up now, the list with Restore…), and the book's
 * mail accounts and SMS gateways (RapportAccountsPage).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_PREFERENCES_WINDOW (rapport_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window, RAPPORT, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @settings: the application's settings. @session: (nullable): the parent
 * window's, whose backups are shown (none for sample data or a read-only
 * file, which are not backed up). */
GtkWidget  *rapport_preferences_window_new                   (GtkWindow            *parent,
                                                              GSettings            *settings,
                                                              RapportSession       *session);
/* A country calling code is 1 to 3 digits, without "+". Returns FALSE and a
 * translated @message when @text is not one. */
gboolean    rapport_preferences_validate_country_code        (const char           *text,
                                                              char                **message);
/* The rows of the backup list shown (for tests): one per backup. */
GtkListBox *rapport_preferences_window_get_backup_list       (RapportPreferencesWindow *self);

G_END_DECLS
