/* rapport-audience.h
 *
 * Who a bulk send or a greeting rule reaches: customers of some tiers, in some
 * stages, with one of some tags, and optionally their contacts too. An empty
 * list does not filter; all lists empty is everyone. Stored as JSON in
 * greeting_rule.audience:
 *   {"tiers":["gold"],"stages":["active"],"tags":[3,7],"contacts":true}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  GStrv     tiers;             /* tier keys ("gold"); NULL or empty: any tier */
  GStrv     stages;            /* stage keys ("active"); NULL or empty: any stage */
  GArray   *tag_ids;           /* gint64 tag ids, any of them; NULL or empty: any */
  gboolean  include_contacts;  /* a customer's contacts are recipients too */
} RapportAudience;

#define RAPPORT_TYPE_AUDIENCE (rapport_audience_get_type ())

GType             rapport_audience_get_type  (void) G_GNUC_CONST;
/* Everyone: no filter, customers only. */
RapportAudience  *rapport_audience_new       (void);
RapportAudience  *rapport_audience_copy      (const RapportAudience  *audience);
void              rapport_audience_free      (RapportAudience        *audience);
gboolean          rapport_audience_equal     (const RapportAudience  *a,
                                              const RapportAudience  *b);
void              rapport_audience_add_tag_id (RapportAudience       *audience,
                                               gint64                 tag_id);
/* The filters' lengths, 0 for NULL. */
guint             rapport_audience_get_n_tag_ids (const RapportAudience *audience);
gint64            rapport_audience_get_tag_id    (const RapportAudience *audience,
                                                  guint                  index);

char             *rapport_audience_to_json   (const RapportAudience  *audience);
/* NULL or "" is everyone. An unknown tier or stage key, or JSON that is not
 * an audience, is RAPPORT_VALIDATION_ERROR_INVALID_AUDIENCE. */
RapportAudience  *rapport_audience_from_json (const char             *json,
                                              GError                **error);

/* One translated line: "Gold or Platinum customers · Active · with 2 tags".
 * describe_with_tags names the tags (@tag_names, nullable, as the caller
 * read them for tag-ids) instead of counting them. */
char             *rapport_audience_describe  (const RapportAudience  *audience);
char             *rapport_audience_describe_with_tags (const RapportAudience *audience,
                                                       const char * const    *tag_names);

/* What a customer or contact marked do-not-contact shows, and why a bulk
 * send or greeting skips them: "Does not want messages: <reason>" (or
 * without the reason when none was given). Translated. */
char             *rapport_do_not_contact_describe      (const char             *reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportAudience, rapport_audience_free)

G_END_DECLS
