/* rapport-validation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-validation"

#include "config.h"

#include "rapport-validation.h"

G_DEFINE_QUARK (rapport-validation-error-quark, rapport_validation_error)
