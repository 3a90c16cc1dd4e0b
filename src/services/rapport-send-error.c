/* rapport-send-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-send-error"

#include "config.h"

#include "rapport-send-error.h"

G_DEFINE_QUARK (rapport-send-error-quark, rapport_send_error)

gboolean
rapport_send_error_is_temporary (const GError *error)
{
  return g_error_matches (error, RAPPORT_SEND_ERROR, RAPPORT_SEND_ERROR_TEMPORARY);
}
