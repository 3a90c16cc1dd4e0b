/* rapport-opportunity-actions.h
 *
 * What the user does to a sales opportunity, written once for every place
 * that shows them: the Pipeline board and list (pl-board), the customer
 * page's Opportunities section and the opportunity dialog. Each takes
 * @widget, the widget the action came from: dialogs are made transient for
 * its window and toasts go to the nearest toast overlay
 * (rapport_widget_add_toast). The outcome reaches every list through the
 * change bus (RAPPORT_ENTITY_KIND_OPPORTUNITY).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

/* Opens the opportunity dialog: @opportunity_id to edit, or 0 for a new one
 * on @customer_id (for an existing one @customer_id may be 0). Returns
 * (transfer none) the dialog, presented. */
GtkWidget *rapport_opportunity_actions_open   (GtkWidget      *widget,
                                               RapportSession *session,
                                               gint64          customer_id,
                                               gint64          opportunity_id);
/* Won: closes it in the first won stage (a prospect customer becomes
 * active), then a toast offers Record Order… (see _record_order). FALSE
 * when the store refused (the reason is shown as a toast). */
gboolean   rapport_opportunity_actions_win    (GtkWidget      *widget,
                                               RapportSession *session,
                                               gint64          opportunity_id);
/* Opens the order dialog for its customer, prefilled with its amount,
 * currency and title. Returns (transfer none) the dialog, presented. */
GtkWidget *rapport_opportunity_actions_record_order (GtkWidget      *widget,
                                                     RapportSession *session,
                                                     gint64          opportunity_id);
/* Lost: asks for a reason from rapport_store_list_lost_reasons (the user can
 * add a new one there) and an optional note, then closes it. Returns
 * (transfer none) the asking window, presented. */
GtkWidget *rapport_opportunity_actions_lose   (GtkWidget      *widget,
                                               RapportSession *session,
                                               gint64          opportunity_id);
/* Reopen a won or lost one: asks for the open stage it goes back to (the
 * first by default), then reopens it (logged). Returns (transfer none) the
 * asking window, presented. */
GtkWidget *rapport_opportunity_actions_reopen (GtkWidget      *widget,
                                               RapportSession *session,
                                               gint64          opportunity_id);
/* Moves it to the Trash; the toast's Undo restores it. */
void       rapport_opportunity_actions_trash  (GtkWidget      *widget,
                                               RapportSession *session,
                                               gint64          opportunity_id);

G_END_DECLS
