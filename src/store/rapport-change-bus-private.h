/* rapport-change-bus-private.h
 *
 * How connections hand their committed changes to the bus. A connection keeps
 * what its open transaction changed in a RapportChangeBatch (de-duplicated,
 * truncated when a nested level rolls back) and posts it after the outermost
 * COMMIT. A batch that grows beyond its limit folds into one bulk change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-change-bus.h"

G_BEGIN_DECLS

typedef struct _RapportChangeBatch RapportChangeBatch;

/* Beyond a few hundred changes the batch becomes one bulk change: views
 * then re-read rather than handle each row (a few indexed reads each). */
RapportChangeBatch *_rapport_change_batch_new      (void);
void                _rapport_change_batch_free     (RapportChangeBatch  *batch);
void                _rapport_change_batch_add      (RapportChangeBatch  *batch,
                                                    const RapportChange *change);
gboolean            _rapport_change_batch_is_empty (RapportChangeBatch  *batch);
/* A mark to truncate back to (the number of changes held). */
guint               _rapport_change_batch_get_mark (RapportChangeBatch  *batch);
/* Forgets the changes added after @mark; a batch that became bulk stays bulk
 * (announcing more than changed is always safe). */
void                _rapport_change_batch_truncate (RapportChangeBatch  *batch,
                                                    guint                mark);
void                _rapport_change_batch_clear    (RapportChangeBatch  *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportChangeBatch, _rapport_change_batch_free)

/* A bus for a file, delivering on the calling thread's thread-default main
 * context. */
RapportChangeBus   *_rapport_change_bus_new        (void);
/* The calling thread becomes the one the bus delivers on (its thread-default
 * main context): for a connection opened on a worker and handed over. */
void                _rapport_change_bus_set_owner  (RapportChangeBus    *self);
/* Takes what @batch holds (leaving it empty): delivered at once when called on
 * the bus's thread, together with anything workers posted before; else
 * queued for the bus's thread, coalesced with other posts. Any thread. */
void                _rapport_change_bus_post       (RapportChangeBus    *self,
                                                    RapportChangeBatch  *batch);

G_END_DECLS
