/* rapport-service-page.h
 *
 * The Service section (服务): the queues Mine, Unassigned, Overdue, All Open
 * and Closed (a drop-down with their counts), a request list sorted by
 * priority then due time (read from the store a page at a time, more as the
 * user scrolls), an assignee filter, and the satisfaction averages per kind
 * and per assignee above the list. Each queue has its own empty state.
 * Activating a request opens RapportServiceRequestDialog and emits
 * "open-customer" (gint64) for the window to show its customer. It follows
 * the change bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

/* Rows read from the store at a time. */
#define RAPPORT_SERVICE_PAGE_CHUNK 100

#define RAPPORT_TYPE_SERVICE_PAGE (rapport_service_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportServicePage, rapport_service_page, RAPPORT, SERVICE_PAGE, AdwBin)

GtkWidget           *rapport_service_page_new                  (void);
RapportSession      *rapport_service_page_get_session          (RapportServicePage  *self);
void                 rapport_service_page_set_session          (RapportServicePage  *self,
                                                                RapportSession      *session);
void                 rapport_service_page_set_show_back_button (RapportServicePage  *self,
                                                                gboolean             show);
/* Property "queue" (RapportServiceQueue; Mine at first). */
RapportServiceQueue  rapport_service_page_get_queue            (RapportServicePage  *self);
void                 rapport_service_page_set_queue            (RapportServicePage  *self,
                                                                RapportServiceQueue  queue);
/* Property "assignee-id": RAPPORT_SERVICE_ANY_ASSIGNEE (-1) or a user's id
 * (0: unassigned), as the assignee filter sets it. */
gint64               rapport_service_page_get_assignee_id      (RapportServicePage  *self);
void                 rapport_service_page_set_assignee_id      (RapportServicePage  *self,
                                                                gint64               assignee_id);
/* Property "n-mine": the open requests assigned to the user (the sidebar's
 * count). */
guint                rapport_service_page_get_n_mine           (RapportServicePage  *self);
/* The count shown for @queue, as last read. */
guint                rapport_service_page_get_count            (RapportServicePage  *self,
                                                                RapportServiceQueue  queue);
/* (transfer none): the RapportServiceRequests listed, in order. */
GListModel          *rapport_service_page_get_model            (RapportServicePage  *self);
/* The satisfaction averages line(s) shown, NULL when there is none. */
const char          *rapport_service_page_get_averages_text    (RapportServicePage  *self);
/* Reads the list and counts again now (what the change bus does, coalesced). */
void                 rapport_service_page_refresh              (RapportServicePage  *self);

G_END_DECLS
