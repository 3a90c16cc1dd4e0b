/* rapport-import-job-private.h
 *
 * For tests: a look at the job's progress from its worker thread, at every
 * step it makes (unthrottled), so that a test can cancel at an exact point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-import-job.h"

G_BEGIN_DECLS

typedef void (*RapportImportProgressHook) (double   progress,
                                           gpointer user_data);

void _rapport_import_job_set_progress_hook (RapportImportJob          *self,
                                            RapportImportProgressHook  hook,
                                            gpointer                   user_data);

G_END_DECLS
