/* rapport-search-provider.h
 *
 * GNOME Shell's search provider (org.gnome.Shell.SearchProvider2): what the
 * user types in the Activities overview is searched in their own database
 * (opened without a window when Rapport has not opened it), matching
 * customers come back by name with their code and phone, and choosing one
 * opens Rapport on it. data/io.github.rapportcrm.Rapport.search-provider.ini
 * tells the Shell where to find it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where the application exports it, under its own object path. */
#define RAPPORT_SEARCH_PROVIDER_PATH_SUFFIX "/SearchProvider"

#define RAPPORT_TYPE_SEARCH_PROVIDER (rapport_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (RapportSearchProvider, rapport_search_provider, RAPPORT, SEARCH_PROVIDER, GObject)

/* @application: (type RapportApplication): the application, which owns the
 * provider and outlives it. */
RapportSearchProvider *rapport_search_provider_new      (GApplication          *application);
gboolean               rapport_search_provider_export   (RapportSearchProvider *self,
                                                         GDBusConnection       *connection,
                                                         const char            *object_path,
                                                         GError               **error);
void                   rapport_search_provider_unexport (RapportSearchProvider *self);

G_END_DECLS
