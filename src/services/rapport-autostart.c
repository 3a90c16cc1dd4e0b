/* rapport-autostart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-autostart"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rapport-autostart.h"

gboolean
rapport_autostart_in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

char *
rapport_autostart_get_entry_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".desktop", NULL);
}

static char *
build_entry (void)
{
  g_autoptr (GKeyFile) entry = g_key_file_new ();
  const char *group = G_KEY_FILE_DESKTOP_GROUP;

  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_TYPE, G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_NAME, _("Rapport"));
  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Shows the reminders of your follow-ups"));
  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_ICON, APPLICATION_ID);
  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_EXEC, "rapport " RAPPORT_AUTOSTART_OPTION);
  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_TRY_EXEC, "rapport");
  g_key_file_set_boolean (entry, group, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (entry, group, "X-GNOME-Autostart-enabled", TRUE);

  return g_key_file_to_data (entry, NULL, NULL);
}

gboolean
rapport_autostart_write_entry (gboolean   enabled,
                               GError   **error)
{
  g_autofree char *path = rapport_autostart_get_entry_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  int saved_errno;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!enabled)
    {
      if (g_unlink (path) == 0 || errno == ENOENT)
        return TRUE;

      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Rapport could not be removed from the programs started at login: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Rapport could not be added to the programs started at login: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }

  data = build_entry ();
  if (!g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    {
      g_prefix_error (error, "%s ", _("Rapport could not be added to the programs started at login:"));
      return FALSE;
    }

  return TRUE;
}

static void
background_requested_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (error == NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The Background portal refused: %s", error != NULL ? error->message : "no reason given");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_task_return_error_if_cancelled (task))
    return;

  /* The portal's own messages are not for users: say what it means. */
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "%s",
                           _("The system did not allow Rapport to start at login. "
                             "You can allow it in Settings, under Apps."));
}

void
rapport_autostart_request_async (gboolean             enabled,
                                 XdpParent           *parent,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (XdpPortal) portal = NULL;
  g_autoptr (GPtrArray) commandline = NULL;
  g_autofree char *reason = NULL;

  g_task_set_source_tag (task, rapport_autostart_request_async);

  if (!rapport_autostart_in_flatpak ())
    {
      if (rapport_autostart_write_entry (enabled, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Without a portal service the request fails, and says so below. */
  portal = xdp_portal_new ();
  commandline = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (commandline, g_strdup ("rapport"));
  g_ptr_array_add (commandline, g_strdup (RAPPORT_AUTOSTART_OPTION));
  reason = g_strdup (_("Rapport shows the reminders of your follow-ups when its window is closed."));

  /* The portal keeps its own entry: the same call with no flag removes it.
   * It takes the command line. */
  xdp_portal_request_background (portal, parent, reason, g_steal_pointer (&commandline),
                                 enabled ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 cancellable, background_requested_cb, g_object_ref (task));
}

gboolean
rapport_autostart_request_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
