/* rapport-compat.h
 *
 * Wrappers over GTK / libadwaita API that changed after the Debian 12 baseline
 * (GTK 4.8, libadwaita 1.2): the newer API is used where the build has it, so a
 * Flatpak build against a current runtime neither warns nor uses deprecated API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asks for an existing file to open; @callback gets the GFile or NULL when the
 * user cancelled (the @error of finish is then G_IO_ERROR_CANCELLED). */
void   rapport_compat_choose_file_async  (GtkWindow            *parent,
                                          const char           *title,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GFile *rapport_compat_choose_file_finish (GAsyncResult         *result,
                                          GError              **error);
/* Asks where to save a file, suggesting @initial_name; finish it with
 * rapport_compat_choose_file_finish(). */
void   rapport_compat_save_file_async    (GtkWindow            *parent,
                                          const char           *title,
                                          const char           *initial_name,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);

/* Hands @uri (tel:, sms:, mailto:, https:) to the app the desktop has for it,
 * through the OpenURI portal inside Flatpak: GtkUriLauncher on GTK 4.10 and
 * later, gtk_show_uri_full() on 4.8. When the user dismisses the portal's
 * app chooser, finish fails with G_IO_ERROR_CANCELLED. */
void     rapport_compat_launch_uri_async  (GtkWindow            *parent,
                                           const char           *uri,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean rapport_compat_launch_uri_finish (GAsyncResult         *result,
                                           GError              **error);

/* Has a screen reader say @message (GTK 4.14 and later; on older GTK the
 * caller's focus change and visible feedback have to do). */
void     rapport_compat_announce          (GtkWidget            *widget,
                                           const char           *message);

/* The style's accent colour for @widget (a background colour, for bars and
 * slices): AdwStyleManager's on libadwaita 1.6 and later, the theme's
 * @accent_bg_color before. */
void     rapport_compat_get_accent_color  (GtkWidget            *widget,
                                           GdkRGBA              *out_color);
/* @widget's text colour (gtk_widget_get_color on GTK 4.10 and later). */
void     rapport_compat_get_color         (GtkWidget            *widget,
                                           GdkRGBA              *out_color);

G_END_DECLS
