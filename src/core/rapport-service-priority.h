/* rapport-service-priority.h
 *
 * A service request's priority, 1 (most urgent) to 4, from the customer's
 * tier and the severity: the better the customer, the sooner, so a platinum
 * customer's normal complaint (P2) outranks an iron customer's (P3). And its
 * due time: created + the target for the priority, targets given by the
 * caller (Preferences; the store never reads GSettings).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-enums.h"
#include "rapport-service-enums.h"

G_BEGIN_DECLS

#define RAPPORT_SERVICE_PRIORITY_HIGHEST 1
#define RAPPORT_SERVICE_PRIORITY_LOWEST  4

/* Hours to answer each priority; targets[0] is P1. */
typedef struct
{
  guint hours[RAPPORT_SERVICE_PRIORITY_LOWEST];
} RapportServiceTargets;

/* The defaults: P1 4 h, P2 8 h, P3 24 h, P4 72 h. */
void         rapport_service_targets_init_default   (RapportServiceTargets        *targets);
/* @created_at + the hours of @priority's target (1–4); @targets NULL means
 * the defaults. */
gint64       rapport_service_targets_due_at         (const RapportServiceTargets  *targets,
                                                     gint                          priority,
                                                     gint64                        created_at);

/* The priority for @tier and @severity, 1–4. */
gint         rapport_service_priority_compute       (RapportTier                   tier,
                                                     RapportServiceSeverity        severity);
/* How it was derived, one translated line: "Gold customer, high severity → P2". */
char        *rapport_service_priority_explain       (RapportTier                   tier,
                                                     RapportServiceSeverity        severity);
/* "P1" … "P4" (translated). */
char        *rapport_service_priority_get_label     (gint                          priority);
/* TRUE for 1–4. */
gboolean     rapport_service_priority_is_valid      (gint                          priority);

G_END_DECLS
