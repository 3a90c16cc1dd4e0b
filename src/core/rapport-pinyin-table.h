/* rapport-pinyin-table.h
 *
 * The generated pinyin table (see gen-pinyin-table.c). Private to rapport-pinyin.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The toneless lowercase pinyin syllable of a Han character (ü as "v"), or NULL
 * when @c is not a Han character with a reading. */
const char *_rapport_pinyin_table_lookup (gunichar c);

G_END_DECLS
