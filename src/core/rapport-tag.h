/* rapport-tag.h
 *
 * A label on customers, used to filter the list.
 *
 * Strings are copied in and may be NULL; string lists are never NULL (an empty
 * list when unset); times are UTC unix seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_TAG (rapport_tag_get_type ())

G_DECLARE_FINAL_TYPE (RapportTag, rapport_tag, RAPPORT, TAG, GObject)

RapportTag *rapport_tag_new  (void);
/* A deep copy, id included. */
RapportTag *rapport_tag_copy (RapportTag *self);

gint64       rapport_tag_get_id          (RapportTag *self);
void         rapport_tag_set_id          (RapportTag *self,
                                          gint64      id);
const char  *rapport_tag_get_uuid        (RapportTag *self);
void         rapport_tag_set_uuid        (RapportTag *self,
                                          const char *uuid);
const char  *rapport_tag_get_name        (RapportTag *self);
void         rapport_tag_set_name        (RapportTag *self,
                                          const char *name);
/* n-customers: derived, filled in by the store */
guint        rapport_tag_get_n_customers (RapportTag *self);
void         rapport_tag_set_n_customers (RapportTag *self,
                                          guint       n_customers);

G_END_DECLS
