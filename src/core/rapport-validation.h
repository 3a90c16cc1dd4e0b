/* rapport-validation.h
 *
 * The error domain of every validation rule in src/core. Messages are translated,
 * user-facing and name the field or the value, so a dialog can show them next to
 * the field as they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_VALIDATION_ERROR (rapport_validation_error_quark ())

typedef enum
{
  RAPPORT_VALIDATION_ERROR_EMPTY,
  RAPPORT_VALIDATION_ERROR_TOO_LONG,
  RAPPORT_VALIDATION_ERROR_INVALID_PHONE,
  RAPPORT_VALIDATION_ERROR_INVALID_EMAIL,
  RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT,
  RAPPORT_VALIDATION_ERROR_NEGATIVE_AMOUNT,
  RAPPORT_VALIDATION_ERROR_INVALID_CODE,
  RAPPORT_VALIDATION_ERROR_INVALID_DATE,
  RAPPORT_VALIDATION_ERROR_INVALID_URL,
  RAPPORT_VALIDATION_ERROR_INVALID_REPEAT,
  RAPPORT_VALIDATION_ERROR_INVALID_AUDIENCE,
  RAPPORT_VALIDATION_ERROR_INVALID_SETTING,  /* an account setting (port, security, …) */
  RAPPORT_VALIDATION_ERROR_INVALID_PROBABILITY,
  RAPPORT_VALIDATION_ERROR_NOT_ALLOWED,      /* a step the rules refuse (a status move, a confirmation by someone else) */
} RapportValidationError;

GQuark rapport_validation_error_quark (void);

G_END_DECLS
