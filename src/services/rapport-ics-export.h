/* rapport-ics-export.h
 *
 * Follow-ups as an iCalendar file (RFC 5545) for a calendar application: each
 * open follow-up is a VEVENT (UID the follow-up's uuid; DTSTART its local due
 * time in its own zone, with that zone's VTIMEZONE, or UTC; SUMMARY
 * "customer: title"; DESCRIPTION its note; a VALARM for its reminder; an
 * RRULE for its recurrence).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-session.h"

G_BEGIN_DECLS

/* The calendar of @follow_ups (a GListModel of RapportFollowUp); @now (UTC)
 * stamps it. Returns the text, or NULL with @error set. */
char     *rapport_ics_export_build   (GListModel          *follow_ups,
                                      gint64               now,
                                      GError             **error);
/* Writes every open follow-up of @session's book to @file (replaced), on a
 * worker connection of its own. */
void      rapport_ics_export_async   (RapportSession      *session,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* @n_exported: how many follow-ups the file holds. */
gboolean  rapport_ics_export_finish  (GAsyncResult        *result,
                                      guint               *n_exported,
                                      GError             **error);

G_END_DECLS
