/* rapport-welcome-page.h
 *
 * What an empty database shows: add the first customer, or try Rapport with
 * sample data in a separate window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_WELCOME_PAGE (rapport_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportWelcomePage, rapport_welcome_page, RAPPORT, WELCOME_PAGE, AdwBin)

GtkWidget *rapport_welcome_page_new (void);

void       rapport_welcome_page_set_read_only (RapportWelcomePage *self,
                                               gboolean            read_only);
gboolean   rapport_welcome_page_get_read_only (RapportWelcomePage *self);

G_END_DECLS
