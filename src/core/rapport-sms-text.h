/* rapport-sms-text.h
 *
 * How long an SMS is and how many messages it is billed as, and the
 * unsubscribe notice Chinese rules require on marketing messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Measures @text (UTF-8, nullable). Text wholly in GSM 03.38's basic set goes
 * 160 characters in one message and 153 in each part of a long one, with the
 * set's extension characters (€ [ ] { } \ ^ ~ | and form feed) counting twice;
 * any other character (so any Chinese) makes it 70 in one message and 67 per
 * part, counting Unicode code points as Chinese providers do.
 * @out_characters is the count compared with those limits, @out_segments the
 * number of messages (0 for empty text) and @out_per_segment the limit that
 * applies (160, 153, 70 or 67). Each out argument is nullable. */
void        rapport_sms_text_measure          (const char *text,
                                               guint      *out_characters,
                                               guint      *out_segments,
                                               guint      *out_per_segment);

/* "拒收请回复R", the notice itself (not translated: it is what carriers expect). */
const char *rapport_sms_unsubscribe_text      (void);

/* Whether @text already carries the notice, whatever the width or case of its
 * letters and any spaces inside it ("拒收请回复Ｒ", "拒收请回复 r"). */
gboolean    rapport_sms_text_has_unsubscribe  (const char *text);

/* @text with the notice appended, unless it has it already: straight after
 * text ending in white space or punctuation ("谢谢。拒收请回复R"), else after a
 * space. Empty or NULL text gives the notice alone. */
char       *rapport_sms_text_add_unsubscribe  (const char *text);

G_END_DECLS
