/* rapport-pipeline-prefs-page.h
 *
 * Preferences › Pipeline: the stages, left to right (rename, default
 * probability, stall limit in days, move up and down, add, delete — a stage
 * holding opportunities goes only once the user confirms where they move, to
 * another stage of the same kind), and the list of lost reasons (add).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_PIPELINE_PREFS_PAGE (rapport_pipeline_prefs_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportPipelinePrefsPage, rapport_pipeline_prefs_page, RAPPORT, PIPELINE_PREFS_PAGE, AdwPreferencesPage)

GtkWidget *rapport_pipeline_prefs_page_new (RapportSession *session);

G_END_DECLS
