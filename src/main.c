/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "rapport-application.h"

/* Set when this program, not the user, put gl-disable in GDK_DEBUG. */
#define GDK_DEBUG_OURS "RAPPORT_BACKGROUND_GDK_DEBUG"

static gboolean
has_option (int          argc,
            char       **argv,
            const char  *option)
{
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], option) == 0)
      return TRUE;

  return FALSE;
}

/* The window-less image (--background) never draws: without GL, GTK loads
 * no GL driver, which is most of what a background process would keep in
 * memory. A GDK_DEBUG the user set is left as it is. */
static void
set_up_environment (gboolean background)
{
  if (background && g_getenv ("GDK_DEBUG") == NULL)
    {
      g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
      g_setenv (GDK_DEBUG_OURS, "1", TRUE);
    }
  else if (!background && g_getenv (GDK_DEBUG_OURS) != NULL)
    {
      g_unsetenv ("GDK_DEBUG");
      g_unsetenv (GDK_DEBUG_OURS);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (RapportApplication) app = NULL;
  g_auto (GStrv) restart_options = NULL;
  g_autoptr (GPtrArray) next_argv = NULL;
  int status;

  set_up_environment (has_option (argc, argv, "--background"));

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rapport_application_new ();

  status = g_application_run (G_APPLICATION (app), argc, argv);

  restart_options = rapport_application_steal_restart_options (app);
  g_clear_object (&app);
  if (restart_options == NULL)
    return status;

  /* The same process goes on as the image the application asked for (in
   * the background without a window, or with one): what the other image
   * loaded is given back to the system. */
  g_settings_sync ();
  set_up_environment (g_strv_contains ((const char * const *) restart_options, "--background"));

  next_argv = g_ptr_array_new ();
  g_ptr_array_add (next_argv, argv[0]);
  for (guint i = 0; restart_options[i] != NULL; i++)
    g_ptr_array_add (next_argv, restart_options[i]);
  g_ptr_array_add (next_argv, NULL);

  execv ("/proc/self/exe", (char **) next_argv->pdata);

  g_printerr ("Rapport could not start again: %s\n", g_strerror (errno));
  return EXIT_FAILURE;
}
