/* test-xls-reader.c: an old .xls workbook written at test time by
 * make-xls.py (python3-xlwt: no C library in Debian writes BIFF) read back
 * through freexl; files that are not .xls refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-xls-reader.h"
#include "test-utils.h"

static void
assert_row (GPtrArray  *rows,
            guint       index,
            const char *expected[])
{
  g_assert_cmpuint (index, <, rows->len);
  g_assert_cmpstrv ((const char * const *) g_ptr_array_index (rows, index), expected);
}

static void
test_read (void)
{
  g_autofree char *dir = test_make_dir ("rapport-xls-reader");
  g_autofree char *path = g_build_filename (dir, "customers.xls", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "services", "make-xls.py", NULL);
  /* Debian's python3, where python3-xlwt installs (as the peers of the sending tests). */
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  const char *header[] = { "姓名", "金额", "生日", "电话", NULL };
  const char *zhang[] = { "张三", "1234.5", "1990-05-17", "13800138000", NULL };
  const char *li[] = { "李四", "42", "", "0755-8888 1234", NULL };
  const char *wang[] = { "王五", "", "2024-02-29 08:30:00", "1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, NULL, NULL, &wait_status, &error));
  g_assert_no_error (error);
  if (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 77)
    {
      g_test_skip ("python3-xlwt is not installed: no .xls fixture");
      test_remove_tree (dir);
      return;
    }
  g_assert_true (g_spawn_check_wait_status (wait_status, &error));

  rows = rapport_xls_read (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, header);
  assert_row (rows, 1, zhang);
  assert_row (rows, 2, li);
  assert_row (rows, 3, wang);

  test_remove_tree (dir);
}

static void
test_not_xls (void)
{
  g_autofree char *dir = test_make_dir ("rapport-xls-reader");
  g_autofree char *path = g_build_filename (dir, "customers.xls", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (g_file_set_contents (path, "name\tphone\n张三\t13800138000\n", -1, NULL));
  rows = rapport_xls_read (path, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_NOT_SPREADSHEET);

  test_remove_tree (dir);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = test_make_dir ("rapport-xls-reader");
  g_autofree char *path = g_build_filename (dir, "nowhere.xls", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = rapport_xls_read (path, NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xls-reader/read", test_read);
  g_test_add_func ("/xls-reader/not-xls", test_not_xls);
  g_test_add_func ("/xls-reader/missing-file", test_missing_file);

  return g_test_run ();
}
