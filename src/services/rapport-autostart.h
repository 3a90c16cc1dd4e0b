/* rapport-autostart.h
 *
 * Start at Login: Rapport starts with --background (the session and its
 * reminders, no window) when the user logs in. Inside Flatpak the Background
 * portal decides and writes the entry; outside it, an XDG autostart entry in
 * $XDG_CONFIG_HOME/autostart is written or removed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libportal/portal.h>

G_BEGIN_DECLS

/* The option that starts Rapport without a window. */
#define RAPPORT_AUTOSTART_OPTION "--background"

/* Whether Rapport runs inside Flatpak, where only the portal may add it to
 * the session's autostart. */
gboolean  rapport_autostart_in_flatpak         (void);
/* $XDG_CONFIG_HOME/autostart/<application id>.desktop */
char     *rapport_autostart_get_entry_path     (void);
/* Writes (@enabled) or removes the XDG autostart entry. */
gboolean  rapport_autostart_write_entry        (gboolean              enabled,
                                                GError              **error);
/* Turns Start at Login on or off: through the Background portal inside
 * Flatpak (@parent: the window asking, or NULL), with the entry otherwise.
 * Fails with a message a user can read when the portal refuses. */
void      rapport_autostart_request_async      (gboolean              enabled,
                                                XdpParent            *parent,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean  rapport_autostart_request_finish     (GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
