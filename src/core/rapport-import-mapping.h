/* rapport-import-mapping.h
 *
 * The fields an imported column can fill, and the automatic matching of a
 * column's header (Chinese or English, Google Contacts and Outlook exports
 * included) to one of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The stable keys of the fields, in the order to offer them: "customer-name",
 * "company", "contact-name", "given-name", "family-name", "contact-title",
 * "mobile", "phone", "email", "address", "region", "industry", "birthday",
 * "lunar-birthday", "notes", "tags", "code", "source", "website". NULL-terminated. */
const char * const *rapport_import_fields           (void);

/* Whether @key is one of rapport_import_fields (). */
gboolean            rapport_import_field_is_valid   (const char          *key);

/* The translated name of field @key ("Mobile", …); NULL for an unknown key. */
const char         *rapport_import_field_get_label  (const char          *key);

/* The field a column headed @header fills, or NULL when none fits. Matching
 * ignores case, spaces, punctuation and full-width forms ("E-mail", "ＥＭＡＩＬ",
 * " 手机号 ", "客户名称*" match), then bracketed notes ("手机（必填）",
 * "Birthday (yyyy-mm-dd)"), then a trailing number ("电话2"). */
const char         *rapport_import_field_for_header (const char          *header);

/* One field key per header of @headers (NULL-terminated), or "" for a column
 * left unmapped: each field goes to one column only, the best-matching header
 * first (a plain header before one matched without its brackets or number),
 * then the leftmost ("Mobile Phone" and "Phone 1 - Value" both match
 * "mobile"/"phone", "Job Title" beats Outlook's courtesy "Title"). */
GStrv               rapport_import_map_headers      (const char * const  *headers);

/* A person's name from separate given and family names (Google and Outlook
 * exports): "张" + "三" gives "张三" (family first, no space, when either holds
 * Han characters), "Ann" + "Lee" gives "Ann Lee". Either may be NULL or empty. */
char               *rapport_import_join_name        (const char          *given_name,
                                                     const char          *family_name);

G_END_DECLS
