/* rapport-compat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-compat"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-compat.h"

#if GTK_CHECK_VERSION (4, 10, 0)

/* The build pins GDK_VERSION_MAX_ALLOWED to 4.8, which marks GtkFileDialog as
 * "not available"; this branch is compiled only where it is. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
return_chosen_file (GTask  *task,
                    GFile  *file,
                    GError *error)
{
  if (file == NULL)
    {
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
          g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
          g_error_free (error);
        }
      else
        {
          g_task_return_error (task, error);
        }
      return;
    }

  g_task_return_pointer (task, file, g_object_unref);
}

static void
file_dialog_opened_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  GFile *file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);

  return_chosen_file (task, file, g_steal_pointer (&error));
}

static void
file_dialog_saved_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  GFile *file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);

  return_chosen_file (task, file, g_steal_pointer (&error));
}

void
rapport_compat_save_file_async (GtkWindow           *parent,
                                const char          *title,
                                const char          *initial_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_compat_save_file_async);

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_save (dialog, parent, cancellable, file_dialog_saved_cb, task);
}

void
rapport_compat_choose_file_async (GtkWindow           *parent,
                                  const char          *title,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_compat_choose_file_async);

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_open (dialog, parent, cancellable, file_dialog_opened_cb, task);
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr (GTask) task = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        g_task_return_pointer (task, file, g_object_unref);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", _("No file was chosen"));
    }
  else
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
rapport_compat_choose_file_async (GtkWindow           *parent,
                                  const char          *title,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GtkFileChooserNative *native;
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_compat_choose_file_async);

  /* The native dialog keeps itself alive until the response; we own it until then. */
  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
rapport_compat_save_file_async (GtkWindow           *parent,
                                const char          *title,
                                const char          *initial_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GtkFileChooserNative *native;
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_compat_save_file_async);

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

GFile *
rapport_compat_choose_file_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

#if GTK_CHECK_VERSION (4, 10, 0)

/* GtkUriLauncher is "not available" below GDK_VERSION_MAX_ALLOWED 4.10. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
uri_launched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
           g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
rapport_compat_launch_uri_async (GtkWindow           *parent,
                                 const char          *uri,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GtkUriLauncher) launcher = NULL;
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (uri != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_compat_launch_uri_async);

  launcher = gtk_uri_launcher_new (uri);
  gtk_uri_launcher_launch (launcher, parent, cancellable, uri_launched_cb, task);
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else

static void
uri_shown_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
rapport_compat_launch_uri_async (GtkWindow           *parent,
                                 const char          *uri,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (uri != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_compat_launch_uri_async);

  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, cancellable, uri_shown_cb, task);
}

#endif

gboolean
rapport_compat_launch_uri_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rapport_compat_announce (GtkWidget  *widget,
                         const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

#if GTK_CHECK_VERSION (4, 14, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_accessible_announce (GTK_ACCESSIBLE (widget), message, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}

void
rapport_compat_get_accent_color (GtkWidget *widget,
                                 GdkRGBA   *out_color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (out_color != NULL);

#if ADW_CHECK_VERSION (1, 6, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    GdkRGBA *accent = adw_style_manager_get_accent_color_rgba (adw_style_manager_get_default ());

    *out_color = *accent;
    gdk_rgba_free (accent);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                       "accent_bg_color", out_color))
    gdk_rgba_parse (out_color, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}

void
rapport_compat_get_color (GtkWidget *widget,
                          GdkRGBA   *out_color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (out_color != NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_widget_get_color (widget, out_color);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), out_color);
#endif
}
