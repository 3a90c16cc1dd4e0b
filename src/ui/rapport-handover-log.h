/* rapport-handover-log.h
 *
 * A customer's handover log on its page: a short list of lines "Handed
 * over from Wang to Li Na, 3 Dec 2026" (newest first, the three latest;
 * an undone one says so). Hidden when the customer was never handed over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rapport-database.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_HANDOVER_LOG (rapport_handover_log_get_type ())

G_DECLARE_FINAL_TYPE (RapportHandoverLog, rapport_handover_log, RAPPORT, HANDOVER_LOG, GtkBox)

GtkWidget *rapport_handover_log_new  (void);
/* Reads @customer_id's log (an indexed read) and shows it. */
void       rapport_handover_log_show (RapportHandoverLog *self,
                                      RapportDatabase    *db,
                                      gint64              customer_id);

G_END_DECLS
