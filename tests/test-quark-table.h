/* test-quark-table.h
 *
 * GLib drops its first array of quark names, on purpose, once a process has
 * more than 2048 quarks (gquark.c: it keeps lookups lockless), and the leak
 * checker reports that array with a stack that stops inside GLib, which no
 * suppression can name. A test whose process grows that big calls
 * test_ignore_glib_quark_table() first thing in main(): the array is marked
 * as not a leak while it is still GLib's.
 *
 * Needs _GNU_SOURCE (dl_iterate_phdr) defined before any include.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#ifndef _GNU_SOURCE
#error "define _GNU_SOURCE before any include to use test-quark-table.h"
#endif

#include <glib.h>

#ifdef __SANITIZE_ADDRESS__
#include <link.h>
#include <string.h>
#include <sanitizer/lsan_interface.h>

/* From the sanitizer runtime (GCC installs no header for them). */
int    __sanitizer_get_ownership      (const volatile void *p);
size_t __sanitizer_get_allocated_size (const volatile void *p);

static inline int
test_find_quark_table_cb (struct dl_phdr_info *info,
                          size_t               size,
                          void                *data)
{
  gboolean *found = data;

  if (info->dlpi_name == NULL || strstr (info->dlpi_name, "libglib-2.0.so") == NULL)
    return 0;

  for (int i = 0; i < info->dlpi_phnum && !*found; i++)
    {
      const ElfW (Phdr) *segment = &info->dlpi_phdr[i];
      const guintptr *word, *end;

      if (segment->p_type != PT_LOAD || (segment->p_flags & PF_W) == 0)
        continue;

      word = (const guintptr *) (info->dlpi_addr + segment->p_vaddr);
      end = (const guintptr *) (info->dlpi_addr + segment->p_vaddr + segment->p_memsz);
      for (; word < end && !*found; word++)
        {
          const char * const *table = (const char * const *) *word;

          /* A live heap block that starts like GLib's array of quark names. */
          if (__sanitizer_get_ownership (table) &&
              __sanitizer_get_allocated_size (table) >= 3 * sizeof (char *) &&
              table[1] == g_quark_to_string (1) && table[2] == g_quark_to_string (2))
            {
              __lsan_ignore_object (table);
              *found = TRUE;
            }
        }
    }

  return *found;
}
#endif

static inline void
test_ignore_glib_quark_table (void)
{
#ifdef __SANITIZE_ADDRESS__
  gboolean found = FALSE;

  dl_iterate_phdr (test_find_quark_table_cb, &found);
  g_assert_true (found);
#endif
}
