/* rapport-pinyin.h
 *
 * Pinyin of names, for search and for the customer code, and the sort key of the
 * customer list.
 *
 * Pinyin comes from a table generated at build time from ICU's Han-Latin
 * transliterator (gen-pinyin-table.c), so each character costs one lookup. It is
 * lowercase ASCII without tones; ü is written "v" as pinyin input methods do
 * (绿 → "lv"). A polyphonic character takes its most common reading in names,
 * with a few words corrected (银行 → "yin hang", 重庆 → "chong qing"); a
 * person's surname takes its surname reading (曾 → "zeng", 单 → "shan").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words separated by single spaces: one syllable per Han character, Latin words
 * lowercased without accents, digits kept ("速阳有限公司" → "su yang you xian gong si",
 * "Acme Trading" → "acme trading", "3M 中国" → "3m zhong guo"). Punctuation,
 * symbols and emoji separate words and are dropped; apostrophes are dropped inside
 * a word ("O'Brien" → "obrien"). NULL gives "". */
char   *rapport_pinyin_full              (const char *text);
/* The first letter of every word of rapport_pinyin_full ("syyxgs", "at"). */
char   *rapport_pinyin_initials          (const char *text);

/* The same for a person's name: a leading surname takes its surname reading,
 * compound surnames included (尉迟 "yu chi", 万俟 "mo qi", 欧阳 "ou yang"). */
char   *rapport_pinyin_person_full       (const char *name);
char   *rapport_pinyin_person_initials   (const char *name);

/* Every common reading of each word of rapport_pinyin_full (@is_person:
 * rapport_pinyin_person_full), for search: a GPtrArray with one GStrv per
 * word, the word itself first, then the other readings of a polyphonic Han
 * character ("重庆长江" → [chong] [qing] [chang, zhang] [jiang]). */
GPtrArray *rapport_pinyin_readings       (const char *text,
                                          gboolean    is_person);

/* The version of the readings above (the table of polyphonic characters and
 * the way words are read): part of the search index's version. */
#define RAPPORT_PINYIN_READINGS_VERSION "1"

/* The versions of what the search index and the sort keys are made from:
 * the pinyin table (the ICU it was generated from, the readings above, the
 * code that reads words) and ICU's "zh" collator, e.g. "icu 72.1; words 1". */
char      *rapport_pinyin_get_version    (void);
char      *rapport_sort_key_get_version  (void);

/* The order of the customer list, as bytes to compare with memcmp (or SQLite's
 * BLOB ordering):
 *
 * - Names starting with a Latin letter or a Han character come first, ordered
 *   by letters as a Chinese user expects: a Han character by its pinyin, so
 *   阿里巴巴 ("a li ba ba") is among the A's next to "Acme", 北京 among the B's.
 *   Word by word, case-insensitively; leading punctuation is skipped.
 * - Names starting with a digit, a symbol or emoji, or another script come after
 *   Z, like the "#" group of a phone's contact list.
 * - Ties (same letters) are broken by ICU's "zh" collation of the whole name, so
 *   the order is total and stable.
 *
 * Never NULL. */
GBytes *rapport_sort_key                 (const char *name);
/* rapport_sort_key with the surname reading of a person's name. */
GBytes *rapport_person_sort_key          (const char *name);

/* The group heading of a list section for @name: "A"–"Z", or "#" for the names
 * that sort after Z. */
char   *rapport_sort_group               (const char *name,
                                          gboolean    is_person);

G_END_DECLS
