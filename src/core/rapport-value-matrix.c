/* rapport-value-matrix.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-value-matrix"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-value-matrix.h"

typedef struct
{
  const char *treatment;
  const char *advice;
} Cell;

/* [tier][potential], potential low then high. */
static const Cell cells[RAPPORT_TIER_LEAD + 1][RAPPORT_POTENTIAL_HIGH + 1] = {
  [RAPPORT_TIER_PLATINUM] = {
    { NC_("Value matrix treatment", "Keep and reward"),
      N_("Protect the relationship: priority service, regular visits, loyalty rewards") },
    { NC_("Value matrix treatment", "Keep and reward"),
      N_("Give them your best people and first sight of new offers, and grow what they buy") },
  },
  [RAPPORT_TIER_GOLD] = {
    { NC_("Value matrix treatment", "Keep and reward"),
      N_("Keep service dependable and contact regular, and reward their loyalty") },
    { NC_("Value matrix treatment", "Develop further"),
      N_("Invest time here: offer more of what they buy and what they do not buy yet") },
  },
  [RAPPORT_TIER_IRON] = {
    { NC_("Value matrix treatment", "Maintain at low cost"),
      N_("Serve them efficiently by phone, email and standard offers") },
    { NC_("Value matrix treatment", "Develop"),
      N_("Nurture them towards gold with targeted offers and regular follow-ups") },
  },
  [RAPPORT_TIER_LEAD] = {
    { NC_("Value matrix treatment", "Reduce effort"),
      N_("Keep to occasional, low-cost contact and spend your time elsewhere") },
    { NC_("Value matrix treatment", "Develop"),
      N_("Test their potential with a few well-aimed contacts before investing more") },
  },
};

const char *
rapport_value_matrix_get_treatment (RapportTier      tier,
                                    RapportPotential potential)
{
  g_return_val_if_fail (tier <= RAPPORT_TIER_LEAD, NULL);
  g_return_val_if_fail (potential <= RAPPORT_POTENTIAL_HIGH, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Value matrix treatment", cells[tier][potential].treatment);
}

const char *
rapport_value_matrix_get_advice (RapportTier      tier,
                                 RapportPotential potential)
{
  g_return_val_if_fail (tier <= RAPPORT_TIER_LEAD, NULL);
  g_return_val_if_fail (potential <= RAPPORT_POTENTIAL_HIGH, NULL);

  return _(cells[tier][potential].advice);
}
