/* rapport-service-priority.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-service-priority"

#include "config.h"

#include "rapport-service-priority.h"

#include <glib/gi18n.h>

/* Rows: tier, best first; columns: severity, mildest first. Each step up in
 * tier or in severity is never slower, a critical request is never below P2
 * and a low one never above P2 (only a platinum customer's). */
static const gint priority_table[4][4] = {
  /*                 low normal high critical */
  [RAPPORT_TIER_PLATINUM] = { 2, 2, 1, 1 },
  [RAPPORT_TIER_GOLD]     = { 3, 2, 2, 1 },
  [RAPPORT_TIER_IRON]     = { 4, 3, 2, 2 },
  [RAPPORT_TIER_LEAD]     = { 4, 4, 3, 2 },
};

static const guint default_target_hours[RAPPORT_SERVICE_PRIORITY_LOWEST] = { 4, 8, 24, 72 };

void
rapport_service_targets_init_default (RapportServiceTargets *targets)
{
  g_return_if_fail (targets != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (default_target_hours); i++)
    targets->hours[i] = default_target_hours[i];
}

gint64
rapport_service_targets_due_at (const RapportServiceTargets *targets,
                                gint                         priority,
                                gint64                       created_at)
{
  const guint *hours = targets != NULL ? targets->hours : default_target_hours;

  g_return_val_if_fail (rapport_service_priority_is_valid (priority), created_at);

  return created_at + (gint64) hours[priority - 1] * 3600;
}

gboolean
rapport_service_priority_is_valid (gint priority)
{
  return priority >= RAPPORT_SERVICE_PRIORITY_HIGHEST && priority <= RAPPORT_SERVICE_PRIORITY_LOWEST;
}

gint
rapport_service_priority_compute (RapportTier            tier,
                                  RapportServiceSeverity severity)
{
  g_return_val_if_fail (tier <= RAPPORT_TIER_LEAD, RAPPORT_SERVICE_PRIORITY_LOWEST);
  g_return_val_if_fail (severity <= RAPPORT_SERVICE_SEVERITY_CRITICAL, RAPPORT_SERVICE_PRIORITY_LOWEST);

  return priority_table[tier][severity];
}

char *
rapport_service_priority_get_label (gint priority)
{
  g_return_val_if_fail (rapport_service_priority_is_valid (priority), NULL);

  /* Translators: a service request's priority, P1 (most urgent) to P4 */
  return g_strdup_printf (_("P%d"), priority);
}

static const char *
tier_phrase (RapportTier tier)
{
  switch (tier)
    {
    case RAPPORT_TIER_PLATINUM:
      return _("Platinum customer");
    case RAPPORT_TIER_GOLD:
      return _("Gold customer");
    case RAPPORT_TIER_IRON:
      return _("Iron customer");
    case RAPPORT_TIER_LEAD:
    default:
      return _("Lead customer");
    }
}

static const char *
severity_phrase (RapportServiceSeverity severity)
{
  switch (severity)
    {
    case RAPPORT_SERVICE_SEVERITY_LOW:
      return _("low severity");
    case RAPPORT_SERVICE_SEVERITY_NORMAL:
      return _("normal severity");
    case RAPPORT_SERVICE_SEVERITY_HIGH:
      return _("high severity");
    case RAPPORT_SERVICE_SEVERITY_CRITICAL:
    default:
      return _("critical severity");
    }
}

char *
rapport_service_priority_explain (RapportTier            tier,
                                  RapportServiceSeverity severity)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (tier <= RAPPORT_TIER_LEAD, NULL);
  g_return_val_if_fail (severity <= RAPPORT_SERVICE_SEVERITY_CRITICAL, NULL);

  label = rapport_service_priority_get_label (rapport_service_priority_compute (tier, severity));

  /* Translators: how a service request's priority was derived, e.g.
   * "Gold customer, high severity → P2" */
  return g_strdup_printf (_("%s, %s → %s"), tier_phrase (tier), severity_phrase (severity), label);
}
