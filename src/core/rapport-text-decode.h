/* rapport-text-decode.h
 *
 * The encodings an imported text file comes in (what Excel, WPS and phones
 * write), their detection, and the conversion to UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RAPPORT_ENCODING_UTF8,
  RAPPORT_ENCODING_UTF16LE,
  RAPPORT_ENCODING_UTF16BE,
  RAPPORT_ENCODING_GB18030,
} RapportEncoding;

/* to_string: the stable key ("utf-8", "utf-16le", "utf-16be", "gb18030");
 * from_string gives FALSE for an unknown key. get_label: the translated name. */
const char      *rapport_encoding_to_string   (RapportEncoding   encoding);
gboolean         rapport_encoding_from_string (const char       *key,
                                               RapportEncoding  *encoding);
const char      *rapport_encoding_get_label   (RapportEncoding   encoding);

/* A byte-order mark decides; without one, UTF-16 is recognised by its zero
 * bytes, valid UTF-8 (or UTF-8 cut off in its last character) is UTF-8, and
 * anything else is GB18030 (a superset of GBK, what Chinese Excel and WPS
 * write). */
RapportEncoding  rapport_encoding_detect      (const char       *data,
                                               gsize             len);

/* @data (@len bytes, in @encoding) as NUL-terminated UTF-8 without its
 * byte-order mark; @out_len (may be NULL) gets its length in bytes. On bytes
 * that are not valid in @encoding (or a character cut off at the end), NULL and
 * a G_CONVERT_ERROR (ILLEGAL_SEQUENCE, PARTIAL_INPUT) whose message names the
 * line, for the user. */
char            *rapport_text_decode          (const char       *data,
                                               gsize             len,
                                               RapportEncoding   encoding,
                                               gsize            *out_len,
                                               GError          **error);

G_END_DECLS
