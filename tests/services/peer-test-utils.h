/* peer-test-utils.h
 *
 * The loopback peers of the sending tests (smtp-peer.py, http-peer.py):
 * started by the test itself, stopped by closing their stdin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "test-utils.h"

typedef struct
{
  char        *dir;
  GSubprocess *process;
  guint        port;
  char        *cert;    /* smtp-peer only */
} TestPeer;

/* Starts tests/services/@script with @args (NULL-terminated) plus --dir. */
static inline TestPeer *
test_peer_start (const char         *script,
                 const char * const *args)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_auto (GStrv) fields = NULL;
  TestPeer *peer = g_new0 (TestPeer, 1);

  peer->dir = test_make_dir ("rapport-peer-XXXXXX");
  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "services", script, NULL));
  g_ptr_array_add (argv, g_strdup ("--dir"));
  g_ptr_array_add (argv, g_strdup (peer->dir));
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  {
    g_autoptr (GSubprocessLauncher) launcher = NULL;
    g_autofree char *log = g_build_filename (peer->dir, "peer.log", NULL);

    /* The peer's own complaints (a refused handshake, a dropped client)
     * are expected: kept in its folder, not in the test's output. */
    launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    g_subprocess_launcher_set_stderr_file_path (launcher, log);
    peer->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  }
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  fields = g_strsplit (line, " ", 2);
  peer->port = (guint) g_ascii_strtoull (fields[0], NULL, 10);
  g_assert_cmpuint (peer->port, >, 0);
  if (fields[1] != NULL)
    peer->cert = g_strdup (fields[1]);

  return peer;
}

static inline void
test_peer_stop (TestPeer *peer)
{
  g_autoptr (GError) error = NULL;

  g_output_stream_close (g_subprocess_get_stdin_pipe (peer->process), NULL, NULL);
  g_subprocess_wait_check (peer->process, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (peer->process);
  test_remove_tree (peer->dir);
  g_free (peer->dir);
  g_free (peer->cert);
  g_free (peer);
}

static inline char *
test_peer_file (TestPeer   *peer,
                const char *name)
{
  g_autofree char *path = g_build_filename (peer->dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* The JSON object in @name, or NULL when the file does not exist. */
static inline JsonNode *
test_peer_json (TestPeer   *peer,
                const char *name)
{
  g_autofree char *contents = test_peer_file (peer, name);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  if (contents == NULL)
    return NULL;
  json_parser_load_from_data (parser, contents, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* How many lines @name has (0 when missing). */
static inline guint
test_peer_count_lines (TestPeer   *peer,
                       const char *name)
{
  g_autofree char *contents = test_peer_file (peer, name);
  guint n = 0;

  for (const char *p = contents; p != NULL && *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}
