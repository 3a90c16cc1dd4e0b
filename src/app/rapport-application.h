/* rapport-application.h
 *
 * The application: command line (--database PATH, --demo), the sessions it
 * owns (one per open database file, opened on a worker, with a dialog for
 * every way that can fail), the windows that show them, the settings it
 * hands to them, the app actions (quit, about, preferences, open-demo), and
 * GNOME Shell's search provider, exported next to it on D-Bus.
 *
 * Backups go to $XDG_DATA_HOME/rapport/backups for the default database, and to
 * $XDG_DATA_HOME/rapport/backups/<file name>-<hash of its path> for a file
 * given with --database: never next to the user's file, whose folder may be
 * read-only or shared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-database.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_APPLICATION (rapport_application_get_type ())

G_DECLARE_FINAL_TYPE (RapportApplication, rapport_application, RAPPORT, APPLICATION, AdwApplication)

RapportApplication *rapport_application_new                  (void);
/* The backup folder used for the database at @path. */
char               *rapport_application_get_backup_dir_for   (const char         *path);
char               *rapport_application_get_default_database_path (void);
/* Opens @path in a new window, or shows why it cannot be opened. */
void                rapport_application_open_database        (RapportApplication *self,
                                                              const char         *path,
                                                              RapportDatabaseOpenFlags flags);
/* Opens a new window on a fresh sample-data database; the file is deleted when
 * the window closes. Returns the window, or NULL with @error set. */
GtkWindow          *rapport_application_open_demo            (RapportApplication *self,
                                                              GError            **error);
/* The open session of the database at @path, opened on a worker without a
 * window when there is none yet (the search provider answers from it, and
 * never shows a dialog); waits while it is opening. Fails with the reason it
 * cannot be opened. */
void                rapport_application_open_session_async   (RapportApplication  *self,
                                                              const char          *path,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
RapportSession     *rapport_application_open_session_finish  (RapportApplication  *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
/* Presents the window of @session, a new one when it has none. Returns a
 * RapportWindow, or NULL when the window-less background image starts again
 * as a normal one to show it. */
GtkWindow          *rapport_application_present_session      (RapportApplication  *self,
                                                              RapportSession      *session,
                                                              guint32              timestamp);
/* The same, on customer @customer_id (0: the book as it is). */
void                rapport_application_present_customer     (RapportApplication  *self,
                                                              RapportSession      *session,
                                                              gint64               customer_id,
                                                              guint32              timestamp);
/* The one owner of the settings; windows and Preferences use it. */
GSettings          *rapport_application_get_settings         (RapportApplication *self);
/* The open sessions (RapportSession), one per database file. */
GPtrArray          *rapport_application_get_sessions         (RapportApplication *self);
/* Property "run-in-background": whether a session goes on when its last
 * window closes (FALSE by default; Quit ends it either way). */
gboolean            rapport_application_get_run_in_background (RapportApplication *self);
void                rapport_application_set_run_in_background (RapportApplication *self,
                                                               gboolean            run_in_background);
/* After g_application_run(): the options to execute the program again with
 * (same process), or NULL to exit. */
GStrv               rapport_application_steal_restart_options (RapportApplication *self);

G_END_DECLS
