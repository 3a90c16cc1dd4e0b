/* rapport-change-bus.h
 *
 * One change bus per database file. Every connection to the file, the main one
 * and the workers', posts what each of its transactions committed; the bus
 * delivers it on the thread that created it (the main thread) as one "changed"
 * emission per batch: at once for a commit made on that thread, coalesced for
 * commits made on workers. A rolled-back transaction posts nothing.
 *
 * A change names the row (kind, id), the customer it belongs to (a customer's
 * own id for a customer; 0 for a row that belongs to none, such as a tag), and
 * what happened to it. When a batch is too big to be worth reading row by row
 * (a bulk import, a restore), it arrives as one RAPPORT_CHANGE_RELOADED
 * change: id 0, the kind and customer its rows share, or
 * RAPPORT_ENTITY_KIND_CUSTOMER and 0 when they are many (everything may have
 * changed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-enums.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_CHANGE_INSERTED,
  RAPPORT_CHANGE_UPDATED,
  RAPPORT_CHANGE_TRASHED,
  RAPPORT_CHANGE_RESTORED,
  RAPPORT_CHANGE_DELETED,   /* gone for good (Trash emptied) */
  RAPPORT_CHANGE_RELOADED,  /* a bulk change: any row of the kind may have changed; id is 0 */
} RapportChangeKind;

#define RAPPORT_TYPE_CHANGE_KIND (rapport_change_kind_get_type ())
GType rapport_change_kind_get_type (void) G_GNUC_CONST;

typedef struct
{
  RapportEntityKind kind;
  RapportChangeKind change;
  gint64            id;
  gint64            customer_id;
} RapportChange;

/* Whether @change may concern customer @customer_id: it belongs to it, or it
 * is a bulk change of no one customer in particular. */
gboolean rapport_change_concerns_customer (const RapportChange *change,
                                           gint64               customer_id);

#define RAPPORT_TYPE_CHANGE_BUS (rapport_change_bus_get_type ())

G_DECLARE_FINAL_TYPE (RapportChangeBus, rapport_change_bus, RAPPORT, CHANGE_BUS, GObject)

/* Signal "changed" (GArray *changes): a GArray of RapportChange, in commit
 * order, each (kind, id, change) once. */

/* Delivers at once what workers committed and is still waiting (tests, and
 * callers that just joined a worker). Main thread only. */
void     rapport_change_bus_flush            (RapportChangeBus *self);
/* How many "changed" emissions the bus has made (for tests and benchmarks). */
guint    rapport_change_bus_get_n_deliveries (RapportChangeBus *self);

G_END_DECLS
