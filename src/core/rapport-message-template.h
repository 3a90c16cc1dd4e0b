/* rapport-message-template.h
 *
 * A saved message (模板) for mail or SMS, with placeholders (rapport-template.h
 * renders them). Strings are copied in and may be NULL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-enums.h"

G_BEGIN_DECLS


#define RAPPORT_TYPE_MESSAGE_TEMPLATE (rapport_message_template_get_type ())

G_DECLARE_FINAL_TYPE (RapportMessageTemplate, rapport_message_template, RAPPORT, MESSAGE_TEMPLATE, GObject)

RapportMessageTemplate *rapport_message_template_new            (void);
/* A deep copy, id included. */
RapportMessageTemplate *rapport_message_template_copy           (RapportMessageTemplate *self);

gint64                  rapport_message_template_get_id         (RapportMessageTemplate *self);
void                    rapport_message_template_set_id         (RapportMessageTemplate *self,
                                                                 gint64 id);
const char             *rapport_message_template_get_uuid       (RapportMessageTemplate *self);
void                    rapport_message_template_set_uuid       (RapportMessageTemplate *self,
                                                                 const char *uuid);
const char             *rapport_message_template_get_name       (RapportMessageTemplate *self);
void                    rapport_message_template_set_name       (RapportMessageTemplate *self,
                                                                 const char *name);
RapportChannel          rapport_message_template_get_channel    (RapportMessageTemplate *self);
void                    rapport_message_template_set_channel    (RapportMessageTemplate *self,
                                                                 RapportChannel channel);
/* Mail only */
const char             *rapport_message_template_get_subject    (RapportMessageTemplate *self);
void                    rapport_message_template_set_subject    (RapportMessageTemplate *self,
                                                                 const char *subject);
/* With placeholders such as {name} */
const char             *rapport_message_template_get_body       (RapportMessageTemplate *self);
void                    rapport_message_template_set_body       (RapportMessageTemplate *self,
                                                                 const char *body);
gint64                  rapport_message_template_get_created_at (RapportMessageTemplate *self);
void                    rapport_message_template_set_created_at (RapportMessageTemplate *self,
                                                                 gint64 created_at);
gint64                  rapport_message_template_get_updated_at (RapportMessageTemplate *self);
void                    rapport_message_template_set_updated_at (RapportMessageTemplate *self,
                                                                 gint64 updated_at);
/* 0 unless in the Trash */
gint64                  rapport_message_template_get_deleted_at (RapportMessageTemplate *self);
void                    rapport_message_template_set_deleted_at (RapportMessageTemplate *self,
                                                                 gint64 deleted_at);

G_END_DECLS
