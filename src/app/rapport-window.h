/* rapport-window.h
 *
 * The main window: sidebar (Today, Customers, Trash, tags), list pane and the selected
 * customer's page, folding into one column on narrow screens; the welcome page
 * while the database is empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-application.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_WINDOW (rapport_window_get_type ())

G_DECLARE_FINAL_TYPE (RapportWindow, rapport_window, RAPPORT, WINDOW, AdwApplicationWindow)

RapportWindow        *rapport_window_new                 (RapportApplication   *app,
                                                          RapportSession       *session);
RapportSession       *rapport_window_get_session         (RapportWindow        *self);
/* The session's database once it is open, else NULL. */
RapportDatabase      *rapport_window_get_database        (RapportWindow        *self);
void                  rapport_window_select_customer     (RapportWindow        *self,
                                                          gint64                customer_id);
/* Shows the customer list with @text in its search entry. */
void                  rapport_window_search              (RapportWindow        *self,
                                                          const char           *text);
/* The customer shown in the content pane, 0 for none. */
gint64                rapport_window_get_customer_id     (RapportWindow        *self);
/* "opening", "welcome" or "browse". */
const char           *rapport_window_get_visible_view    (RapportWindow        *self);
/* Whether the panes are folded into one column, and which one is shown then:
 * "sidebar", "list" or "content". */
gboolean              rapport_window_get_folded          (RapportWindow        *self);
const char           *rapport_window_get_visible_pane    (RapportWindow        *self);
/* The text of the strip marking sample data or a read-only database, or NULL. */
const char           *rapport_window_get_mode_label      (RapportWindow        *self);
/* "today", "customers", "trash" or "tag:NAME". */
const char           *rapport_window_get_section         (RapportWindow        *self);
void                  rapport_window_set_section         (RapportWindow        *self,
                                                          const char           *section);
/* The number of follow-ups due (overdue and today) the sidebar shows. */
guint                 rapport_window_get_today_count     (RapportWindow        *self);
/* Messages waiting for the user (to review, failed, unknown) the sidebar shows. */
guint                 rapport_window_get_outreach_count  (RapportWindow        *self);
/* A message for the user (from the reminders: "Reminders cannot be shown…"),
 * shown once in a strip the user can dismiss. */
void                  rapport_window_show_notice         (RapportWindow        *self,
                                                          const char           *message);
/* The notice on screen, or NULL. */
const char           *rapport_window_get_notice          (RapportWindow        *self);
/* Shows @toast (transfer full) over the window's content. */
void                  rapport_window_add_toast           (RapportWindow        *self,
                                                          AdwToast             *toast);
/* Opens the import assistant on @file (chosen or dropped onto the window);
 * FALSE, with a toast saying why, when the file or the book cannot take it. */
gboolean              rapport_window_import_file         (RapportWindow        *self,
                                                          GFile                *file);

G_END_DECLS
