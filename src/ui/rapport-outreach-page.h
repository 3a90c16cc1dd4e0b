/* rapport-outreach-page.h
 *
 * The Outreach page: the messages waiting for the user (To Review: approve,
 * edit, cancel, approve all), the outbox (queued, sending, failed and unknown
 * ones with their attempts, next try and the server's error: retry, edit,
 * cancel), recent sent messages (opening the customer) and the greeting
 * rules (enable, edit, add, delete). Lists follow the change bus.
 * Actions "outreach.approve", "outreach.edit", "outreach.cancel",
 * "outreach.retry", "outreach.edit-rule" (an id), "outreach.approve-all",
 * "outreach.new-rule". Signal "open-customer" (gint64) for a sent message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

/* The Sent list shows this many of the newest. */
#define RAPPORT_OUTREACH_PAGE_MAX_SENT 50

#define RAPPORT_TYPE_OUTREACH_PAGE (rapport_outreach_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportOutreachPage, rapport_outreach_page, RAPPORT, OUTREACH_PAGE, AdwBin)

GtkWidget      *rapport_outreach_page_new                  (void);
RapportSession *rapport_outreach_page_get_session          (RapportOutreachPage *self);
void            rapport_outreach_page_set_session          (RapportOutreachPage *self,
                                                            RapportSession      *session);
void            rapport_outreach_page_set_show_back_button (RapportOutreachPage *self,
                                                            gboolean             show);
/* Property "n-attention": messages needing the user (to review, failed,
 * unknown), as last read. */
guint           rapport_outreach_page_get_n_attention      (RapportOutreachPage *self);
/* Reads the lists again now (what a change on the bus does, without waiting
 * for the idle that gathers changes). */
void            rapport_outreach_page_refresh              (RapportOutreachPage *self);

G_END_DECLS
