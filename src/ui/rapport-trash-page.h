/* rapport-trash-page.h
 *
 * The Trash: what was deleted, most recent first, each with a Restore button,
 * and "Empty Trash" after a confirmation. Actions "trash.restore" ("(ix)": entity
 * kind and id) and "trash.empty" (asks first).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TRASH_PAGE (rapport_trash_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportTrashPage, rapport_trash_page, RAPPORT, TRASH_PAGE, AdwBin)

GtkWidget       *rapport_trash_page_new                 (void);
RapportSession  *rapport_trash_page_get_session         (RapportTrashPage *self);
void             rapport_trash_page_set_session         (RapportTrashPage *self,
                                                         RapportSession   *session);
gboolean         rapport_trash_page_get_is_emptying     (RapportTrashPage *self);
void             rapport_trash_page_set_show_back_button (RapportTrashPage *self,
                                                          gboolean          show);
/* The items shown, a GListModel of RapportTrashItem (transfer none); the
 * page lists the Trash only while it is on screen. */
GListModel      *rapport_trash_page_get_items           (RapportTrashPage *self);

G_END_DECLS
