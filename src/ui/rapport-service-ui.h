/* rapport-service-ui.h
 *
 * What the Service section, the customer page and the request dialog show
 * of a service request the same way: the priority badge, the due time
 * ("Overdue by 3 h"), durations ("2 h 10 min") and a request's one-line
 * description ("Complaint · In Progress · Overdue by 3 h").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-service-request.h"

G_BEGIN_DECLS

/* "P1" … "P4" as a coloured pill (style classes rapport-badge and
 * rapport-priority-N). */
GtkWidget *rapport_service_priority_badge_new      (gint                    priority);
void       rapport_service_priority_badge_set      (GtkWidget              *badge,
                                                    gint                    priority);

/* A length of time for people: "45 min", "3 h", "2 h 10 min", "3 days". */
char      *rapport_service_format_duration         (gint64                  seconds);
/* An open request's due time against @now: "Overdue by 3 h" (sets
 * @out_overdue) or "Due in 5 h"; NULL for a request that is done. */
char      *rapport_service_format_due              (RapportServiceRequest  *request,
                                                    gint64                  now,
                                                    gboolean               *out_overdue);
/* The list rows' line under the summary: kind, status, due, and
 * @customer_name and the assignee when asked for (NULL to leave out). */
char      *rapport_service_format_row_subtitle     (RapportServiceRequest  *request,
                                                    gint64                  now,
                                                    gboolean                with_customer,
                                                    gboolean                with_assignee);

G_END_DECLS
