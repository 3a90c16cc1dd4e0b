/* rapport-vcard.h
 *
 * vCards (RFC 2426 3.0, RFC 6350 4.0, and 2.1 as phones still export it):
 * a streaming reader of the fields Rapport imports, and a 4.0 writer for
 * exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_VCARD_ERROR (rapport_vcard_error_quark ())

typedef enum {
  RAPPORT_VCARD_ERROR_NO_CARDS,      /* no BEGIN:VCARD in the text at all */
  RAPPORT_VCARD_ERROR_UNTERMINATED,  /* a card without END:VCARD (truncated file,
                                        or a BEGIN:VCARD inside a card) */
} RapportVCardError;

GQuark rapport_vcard_error_quark (void);

/* One card's fields, as Rapport imports them. Every string is UTF-8 with the
 * vCard escapes (\\ \, \; \n) undone; a missing field is NULL. The reader
 * gives phones, phone_types, emails and categories as lists, empty when the
 * card has none; the writer takes NULL for an empty list too.
 *
 * - formatted_name: FN; when the card has none (2.1 cards may not), the N
 *   components joined by rapport_import_join_name ().
 * - given_name, family_name: N's second and first components (additional
 *   names, prefixes and suffixes are left out).
 * - organisation: ORG's first component (the organisation, without its units).
 * - title: TITLE.
 * - phones: each TEL as written (surrounding spaces and a "tel:" URI scheme
 *   removed); phone_types: as many entries, each the TEL's types lowercased
 *   and joined by "," in the card's order ("cell", "work,cell", "home,fax"),
 *   without "pref" and "voice" (which say nothing about the line), with
 *   "mobile" and "iphone" written as "cell"; "" when the TEL has no type.
 *   Types come from any form: 2.1 "TEL;CELL;WORK:", 3.0 "TEL;TYPE=CELL,VOICE:"
 *   or "TEL;type=CELL;type=pref:", 4.0 "TEL;TYPE=\"cell,voice\":".
 * - emails: each EMAIL, trimmed.
 * - birthday: BDAY as YYYY-MM-DD when it is a full, real date ("19800305",
 *   "1980-03-05", "1980-03-05T00:00:00Z"); NULL otherwise.
 *   birthday_text: BDAY as written when it is not a full date (a yearless
 *   "--0305" or "--03-05" — Rapport's birthdays have a year, so it is not
 *   guessed —, or free text such as "circa 1980"), for the caller to report;
 *   NULL when BDAY is absent or a full date.
 * - address: the preferred ADR (TYPE=pref or PREF=1, else the first) on one
 *   line: components holding Han characters are joined largest first with no
 *   separator ("广东省深圳市南山区科技路1号"), others street first with ", "
 *   ("1 Main St, Springfield, IL 62701, USA"); without ADR, the first LABEL
 *   with its line breaks made ", ".
 * - note: the NOTEs, joined by "\n".
 * - categories: the CATEGORIES values (all CATEGORIES lines), trimmed, empty
 *   ones left out.
 * - url: the first URL.
 * - problems: what could not be read, for the user (translated, naming the
 *   property): a QUOTED-PRINTABLE value whose bytes are not valid in its
 *   CHARSET, or in UTF-8 or GB18030 when it names none, is left out and
 *   reported here. NULL when there are none.
 *
 * PHOTO, LOGO, SOUND, KEY and any base64 or binary value are skipped as they
 * are read, never copied. Properties Rapport does not import are ignored, as
 * are group prefixes ("item1.TEL" is TEL). */
typedef struct {
  char  *formatted_name;
  char  *given_name;
  char  *family_name;
  char  *organisation;
  char  *title;
  GStrv  phones;
  GStrv  phone_types;
  GStrv  emails;
  char  *birthday;
  char  *birthday_text;
  char  *address;
  char  *note;
  GStrv  categories;
  char  *url;
  GStrv  problems;
} RapportVCard;

#define RAPPORT_TYPE_VCARD (rapport_vcard_get_type ())

GType         rapport_vcard_get_type        (void) G_GNUC_CONST;
/* An empty card (every field NULL). */
RapportVCard *rapport_vcard_new             (void);
RapportVCard *rapport_vcard_copy            (const RapportVCard *card);
void          rapport_vcard_free            (RapportVCard       *card);

/* Whether phone_types entry @types ("work,cell") holds @type ("cell"). */
gboolean      rapport_vcard_types_contain   (const char         *types,
                                             const char         *type);

/* Called for each complete card, in order: @card is valid during the call
 * only (rapport_vcard_copy () to keep it); @card_number counts the cards from
 * 1 (BEGIN:VCARD lines), the row number a problem report shows. FALSE stops
 * the reading. */
typedef gboolean (*RapportVCardFunc) (const RapportVCard *card,
                                      guint               card_number,
                                      gpointer            user_data);

/* Reads the cards of @text (NUL-terminated UTF-8, as rapport_text_decode ()
 * gives it) one at a time, without holding them all. Lines end in CRLF, LF
 * or CR; folded lines (a line break followed by a space or tab) are joined,
 * as are 2.1 QUOTED-PRINTABLE soft line breaks ("=" at a line's end).
 * QUOTED-PRINTABLE values are decoded, then converted from their CHARSET
 * (UTF-8, GB2312, GBK, GB18030 — read as GB18030, their superset —, or any
 * other iconv knows); values not in QUOTED-PRINTABLE were decoded with the
 * whole text, so their CHARSET is ignored. Lines outside cards are ignored.
 *
 * TRUE when the text was read to its end or @func stopped it. FALSE with
 * RAPPORT_VCARD_ERROR_NO_CARDS when @text holds no card, or with
 * RAPPORT_VCARD_ERROR_UNTERMINATED (naming the card's number) when a card
 * has no END:VCARD: the complete cards before it have been given to @func,
 * so a truncated file yields all but its last card, and the error says which
 * one was cut off. */
gboolean      rapport_vcard_foreach_card    (const char         *text,
                                             RapportVCardFunc    func,
                                             gpointer            user_data,
                                             GError            **error);

/* Joins the folded lines of a vCard file's raw bytes in place (each line
 * break followed by a space or tab is removed with that one character), and
 * returns their new length (when shorter, a NUL is written there). Call it before
 * rapport_encoding_detect () and rapport_text_decode (): some writers fold at
 * 75 octets inside a UTF-8 character (RFC 2425 allowed it), which leaves
 * bytes that are no text, and would be taken for GB18030, until the fold is
 * undone. For UTF-8 and GB18030 bytes, whose multi-byte characters never
 * hold a CR, LF, space or tab byte; UTF-16 files (a BOM or zero bytes)
 * are left as they are. Needs no memory beyond @data. */
gsize         rapport_vcard_unfold_bytes    (char               *data,
                                             gsize               len);

/* Appends @card to @out as a vCard 4.0: BEGIN, VERSION:4.0, FN (formatted_name,
 * or given and family names joined, or "" as FN is required), N, ORG, TITLE,
 * TEL;TYPE=<phone_types>:<phone> (text, as written), EMAIL, BDAY (birthday as
 * YYYYMMDD, or else birthday_text: "--MMDD" as is, other text as
 * VALUE=text), ADR (the address in the street component), NOTE, CATEGORIES,
 * URL, END; problems are not written. Values are escaped, lines end in CRLF
 * and are folded at 75 octets, never inside a UTF-8 character.
 * rapport_vcard_foreach_card () reads the card back as it was. */
void          rapport_vcard_append          (GString            *out,
                                             const RapportVCard *card);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportVCard, rapport_vcard_free)

G_END_DECLS
