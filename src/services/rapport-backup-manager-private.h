/* rapport-backup-manager-private.h
 *
 * What tests need to see of the backup manager.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-backup-manager.h"

G_BEGIN_DECLS

/* Called by rapport_backup_restore_file() before each step that changes the
 * database's folder, with the file the step writes: "copy" (the backup copied
 * next to the database), "move-aside" (a file of the database moved aside),
 * "replace" (the copy renamed into place) and, after a failure, "put-back" (a
 * moved file returned) and "remove-copy". Returning FALSE makes that step fail
 * as on a file system that has become read-only. */
typedef gboolean (*RapportRestoreStepFunc) (const char *step,
                                            const char *path,
                                            gpointer    user_data);

/* Tests: @func for every restore from now on; NULL for none. */
void _rapport_backup_set_restore_step_func (RapportRestoreStepFunc func,
                                            gpointer               user_data);

G_END_DECLS
