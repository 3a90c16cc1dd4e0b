/* rapport-template.h
 *
 * Message templates: text with placeholders such as "{name}" that are filled in
 * per recipient. "{{" and "}}" stand for literal braces; a lone "}" is kept as it
 * is. Only ASCII braces delimit placeholders: full-width "｛name｝" is plain text.
 * Spaces just inside the braces are allowed ("{ name }"). Values are data: a
 * value that contains "{name}" is inserted literally, never expanded again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_TEMPLATE_ERROR (rapport_template_error_quark ())

typedef enum
{
  RAPPORT_TEMPLATE_ERROR_INVALID,       /* a syntax problem, see rapport_template_check() */
  RAPPORT_TEMPLATE_ERROR_MISSING_VALUE, /* a used placeholder has no (or a blank) value */
} RapportTemplateError;

typedef enum
{
  RAPPORT_TEMPLATE_PROBLEM_UNKNOWN,      /* "{nmae}": not one of the known keys */
  RAPPORT_TEMPLATE_PROBLEM_UNTERMINATED, /* "{name" with no "}" before "{", a line end or the end */
  RAPPORT_TEMPLATE_PROBLEM_EMPTY,        /* "{}" */
} RapportTemplateProblemKind;

/* One syntax problem. @offset and @length are in bytes of the checked text and
 * cover the braces; @placeholder is what stood between them (NULL for "{}");
 * @message is translated, for showing next to the template. */
typedef struct
{
  RapportTemplateProblemKind  kind;
  guint                       offset;
  guint                       length;
  char                       *placeholder;
  char                       *message;
} RapportTemplateProblem;

GQuark             rapport_template_error_quark          (void);

void               rapport_template_problem_free         (RapportTemplateProblem *problem);

/* The known keys, in the order a UI should list them, NULL-terminated: "name"
 * (the customer's name, or the person's), "contact" (the contact person's name),
 * "company", "code" (customer code), "owner" (the owner's name), "date" (see
 * rapport_template_format_date()), "title" (the contact's title), "holiday" (the
 * occasion's name, e.g. 春节). */
const char * const *rapport_template_get_placeholders    (void);
/* The translated description of a known key, NULL for any other. */
const char        *rapport_template_get_placeholder_label (const char *key);

/* The syntax problems of @text (nullable) in text order; an empty array when it
 * is fine. Element type RapportTemplateProblem, freed with the array. */
GPtrArray         *rapport_template_check                (const char *text);
/* The known placeholders @text uses, in order of first use, once each (unknown
 * ones are left out). Never NULL. */
GStrv              rapport_template_list_used            (const char *text);

/* Renders @text (nullable: "" renders to "") with @values (key → value, UTF-8,
 * nullable when no placeholder is used). Fails with
 * RAPPORT_TEMPLATE_ERROR_INVALID for the first syntax problem, or
 * RAPPORT_TEMPLATE_ERROR_MISSING_VALUE when a used placeholder has no value or
 * only white space, with a translated message naming the placeholder. The result
 * never has a placeholder left in it. */
char              *rapport_template_render               (const char  *text,
                                                          GHashTable  *values,
                                                          GError     **error);

/* The value for "{date}": @date in the user's language ("2025-01-29" in
 * English, "2025年1月29日" in Chinese). */
char              *rapport_template_format_date          (const GDate *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportTemplateProblem, rapport_template_problem_free)

G_END_DECLS
