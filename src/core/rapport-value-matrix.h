/* rapport-value-matrix.h
 *
 * The value matrix (issue 10): a customer's current value (tier) against
 * their potential, and the treatment each of its eight cells calls for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-enums.h"

G_BEGIN_DECLS

/* Translated, short: "Keep and reward", "Develop", "Maintain at low cost",
 * "Reduce effort". */
const char *rapport_value_matrix_get_treatment (RapportTier      tier,
                                                RapportPotential potential);
/* Translated, one line: what to do with the customers in that cell. */
const char *rapport_value_matrix_get_advice    (RapportTier      tier,
                                                RapportPotential potential);

G_END_DECLS
