/* rapport-trash-item.h
 *
 * One row of the Trash view: a customer, contact, interaction or order that
 * was deleted and can be restored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-enums.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TRASH_ITEM (rapport_trash_item_get_type ())

G_DECLARE_FINAL_TYPE (RapportTrashItem, rapport_trash_item, RAPPORT, TRASH_ITEM, GObject)

/* Read-only properties: "kind" (RapportEntityKind), "id" (int64), "title"
 * (string: the name, or an interaction's summary, or an order's amount),
 * "subtitle" (string or NULL: the customer it belonged to, or a customer's
 * code), "deleted-at" (int64, UTC unix seconds). */
RapportTrashItem  *rapport_trash_item_new            (RapportEntityKind  kind,
                                                      gint64             id,
                                                      const char        *title,
                                                      const char        *subtitle,
                                                      gint64             deleted_at);
RapportEntityKind  rapport_trash_item_get_kind       (RapportTrashItem  *self);
gint64             rapport_trash_item_get_id         (RapportTrashItem  *self);
const char        *rapport_trash_item_get_title      (RapportTrashItem  *self);
const char        *rapport_trash_item_get_subtitle   (RapportTrashItem  *self);
gint64             rapport_trash_item_get_deleted_at (RapportTrashItem  *self);

G_END_DECLS
