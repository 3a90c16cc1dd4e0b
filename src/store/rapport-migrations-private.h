/* rapport-migrations-private.h
 *
 * The numbered schema migrations. Migration N takes a database at
 * user_version N - 1 to N; rapport-database.c runs each inside its own
 * transaction and sets user_version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-database.h"

G_BEGIN_DECLS

/* PRAGMA application_id of a Rapport database from schema 4 on: "RPRT". */
#define RAPPORT_APPLICATION_ID 1380995668

/* The schema version this build writes. */
int       _rapport_migrations_get_latest (void);
/* Runs the body of migration @version (1 … latest) inside the caller's
 * transaction. */
gboolean  _rapport_migrations_run        (RapportDatabase  *db,
                                          int               version,
                                          GError          **error);

G_END_DECLS
