/* rapport-change-bus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-change-bus"

#include "config.h"

#include "rapport-change-bus-private.h"

/* What workers commit in quick succession (chunks of an import) is delivered
 * together after this pause, so views refresh once rather than per chunk. */
#define COALESCE_MS 30

#define MAX_CHANGES 512

struct _RapportChangeBatch
{
  GArray     *changes;  /* RapportChange, in the order added */
  GHashTable *seen;     /* RapportChange * (own copy) → position + 1 */

  /* What every change added so far has in common, for the bulk change. */
  guint       n_added;
  gboolean    bulk;
  RapportEntityKind kind;
  gboolean    mixed_kinds;
  gint64      customer_id;
  gboolean    mixed_customers;
};

struct _RapportChangeBus
{
  GObject             parent_instance;

  GThread            *owner;
  GMainContext       *context;

  GMutex              mutex;
  RapportChangeBatch *pending;   /* posted by workers, not yet delivered */
  GSource            *source;    /* delivers pending */
  guint               n_deliveries;
};

G_DEFINE_FINAL_TYPE (RapportChangeBus, rapport_change_bus, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (RapportChangeKind, rapport_change_kind,
  G_DEFINE_ENUM_VALUE (RAPPORT_CHANGE_INSERTED, "inserted"),
  G_DEFINE_ENUM_VALUE (RAPPORT_CHANGE_UPDATED, "updated"),
  G_DEFINE_ENUM_VALUE (RAPPORT_CHANGE_TRASHED, "trashed"),
  G_DEFINE_ENUM_VALUE (RAPPORT_CHANGE_RESTORED, "restored"),
  G_DEFINE_ENUM_VALUE (RAPPORT_CHANGE_DELETED, "deleted"),
  G_DEFINE_ENUM_VALUE (RAPPORT_CHANGE_RELOADED, "reloaded"))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Changes */

gboolean
rapport_change_concerns_customer (const RapportChange *change,
                                  gint64               customer_id)
{
  g_return_val_if_fail (change != NULL, FALSE);

  if (change->change == RAPPORT_CHANGE_RELOADED && change->customer_id == 0)
    return TRUE;

  return customer_id != 0 && change->customer_id == customer_id;
}

static guint
change_hash (gconstpointer data)
{
  const RapportChange *change = data;

  return g_int64_hash (&change->id) ^ ((guint) change->kind << 24) ^ ((guint) change->change << 28);
}

static gboolean
change_equal (gconstpointer a,
              gconstpointer b)
{
  const RapportChange *ca = a;
  const RapportChange *cb = b;

  return ca->id == cb->id && ca->kind == cb->kind && ca->change == cb->change &&
         ca->customer_id == cb->customer_id;
}

/* Batches */

RapportChangeBatch *
_rapport_change_batch_new (void)
{
  RapportChangeBatch *batch = g_new0 (RapportChangeBatch, 1);

  batch->changes = g_array_new (FALSE, FALSE, sizeof (RapportChange));
  batch->seen = g_hash_table_new_full (change_hash, change_equal, g_free, NULL);

  return batch;
}

void
_rapport_change_batch_free (RapportChangeBatch *batch)
{
  if (batch == NULL)
    return;

  g_array_unref (batch->changes);
  g_hash_table_unref (batch->seen);
  g_free (batch);
}

void
_rapport_change_batch_clear (RapportChangeBatch *batch)
{
  g_array_set_size (batch->changes, 0);
  g_hash_table_remove_all (batch->seen);
  batch->n_added = 0;
  batch->bulk = FALSE;
  batch->mixed_kinds = FALSE;
  batch->mixed_customers = FALSE;
}

gboolean
_rapport_change_batch_is_empty (RapportChangeBatch *batch)
{
  return batch->n_added == 0;
}

static void
note_common (RapportChangeBatch  *batch,
             const RapportChange *change)
{
  /* A bulk change of customers is a change of anything. */
  gboolean everything = change->change == RAPPORT_CHANGE_RELOADED &&
                        change->kind == RAPPORT_ENTITY_KIND_CUSTOMER;
  gboolean many_customers = change->change == RAPPORT_CHANGE_RELOADED && change->customer_id == 0;

  if (batch->n_added == 0)
    {
      batch->kind = change->kind;
      batch->customer_id = change->customer_id;
    }

  if (change->kind != batch->kind || everything)
    batch->mixed_kinds = TRUE;
  if (change->customer_id != batch->customer_id || many_customers)
    batch->mixed_customers = TRUE;

  batch->n_added++;
}

static void
become_bulk (RapportChangeBatch *batch)
{
  batch->bulk = TRUE;
  g_array_set_size (batch->changes, 0);
  g_hash_table_remove_all (batch->seen);
}

void
_rapport_change_batch_add (RapportChangeBatch  *batch,
                           const RapportChange *change)
{
  note_common (batch, change);

  if (batch->bulk)
    return;

  if (change->change == RAPPORT_CHANGE_RELOADED || batch->changes->len >= MAX_CHANGES)
    {
      become_bulk (batch);
      return;
    }

  if (g_hash_table_contains (batch->seen, change))
    return;

  g_array_append_val (batch->changes, *change);
  g_hash_table_insert (batch->seen, g_memdup2 (change, sizeof *change),
                       GUINT_TO_POINTER (batch->changes->len));
}

guint
_rapport_change_batch_get_mark (RapportChangeBatch *batch)
{
  return batch->changes->len;
}

void
_rapport_change_batch_truncate (RapportChangeBatch *batch,
                                guint               mark)
{
  if (batch->bulk || mark >= batch->changes->len)
    return;

  for (guint i = mark; i < batch->changes->len; i++)
    g_hash_table_remove (batch->seen, &g_array_index (batch->changes, RapportChange, i));

  g_array_set_size (batch->changes, mark);
  if (mark == 0)
    _rapport_change_batch_clear (batch);
}

static void
batch_merge (RapportChangeBatch *dest,
             RapportChangeBatch *src)
{
  if (src->n_added == 0)
    return;

  if (src->bulk)
    {
      RapportChange bulk = {
        .kind = src->mixed_kinds ? RAPPORT_ENTITY_KIND_CUSTOMER : src->kind,
        .change = RAPPORT_CHANGE_RELOADED,
        .id = 0,
        .customer_id = src->mixed_customers ? 0 : src->customer_id,
      };

      _rapport_change_batch_add (dest, &bulk);
      return;
    }

  for (guint i = 0; i < src->changes->len; i++)
    _rapport_change_batch_add (dest, &g_array_index (src->changes, RapportChange, i));
}

/* What to deliver: the changes, or the one bulk change they fold into. */
static GArray *
batch_to_changes (RapportChangeBatch *batch)
{
  GArray *changes;

  if (!batch->bulk)
    return g_array_ref (batch->changes);

  changes = g_array_sized_new (FALSE, FALSE, sizeof (RapportChange), 1);
  {
    RapportChange bulk = {
      .kind = batch->mixed_kinds ? RAPPORT_ENTITY_KIND_CUSTOMER : batch->kind,
      .change = RAPPORT_CHANGE_RELOADED,
      .id = 0,
      .customer_id = batch->mixed_customers ? 0 : batch->customer_id,
    };

    g_array_append_val (changes, bulk);
  }

  return changes;
}

/* The bus */

static void
deliver (RapportChangeBus   *self,
         RapportChangeBatch *batch)
{
  g_autoptr (GArray) changes = NULL;

  if (_rapport_change_batch_is_empty (batch))
    return;

  changes = batch_to_changes (batch);
  self->n_deliveries++;
  g_signal_emit (self, signals[CHANGED], 0, changes);
}

static RapportChangeBatch *
take_pending (RapportChangeBus *self)
{
  RapportChangeBatch *pending;

  g_mutex_lock (&self->mutex);
  pending = g_steal_pointer (&self->pending);
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  g_mutex_unlock (&self->mutex);

  return pending;
}

static gboolean
deliver_pending_cb (gpointer user_data)
{
  RapportChangeBus *self = user_data;
  g_autoptr (RapportChangeBatch) pending = take_pending (self);

  if (pending != NULL)
    deliver (self, pending);

  return G_SOURCE_REMOVE;
}

static void
rapport_change_bus_dispose (GObject *object)
{
  RapportChangeBus *self = RAPPORT_CHANGE_BUS (object);

  g_clear_pointer (&self->pending, _rapport_change_batch_free);
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }

  G_OBJECT_CLASS (rapport_change_bus_parent_class)->dispose (object);
}

static void
rapport_change_bus_finalize (GObject *object)
{
  RapportChangeBus *self = RAPPORT_CHANGE_BUS (object);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (rapport_change_bus_parent_class)->finalize (object);
}

static void
rapport_change_bus_class_init (RapportChangeBusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_change_bus_dispose;
  object_class->finalize = rapport_change_bus_finalize;

  /**
   * RapportChangeBus::changed:
   * @self: the bus
   * @changes: (element-type RapportChange): what was committed, in order
   *
   * Emitted on the bus's thread after commits, never for a rollback.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
rapport_change_bus_init (RapportChangeBus *self)
{
  g_mutex_init (&self->mutex);
  self->owner = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
}

/* Private API */

RapportChangeBus *
_rapport_change_bus_new (void)
{
  return g_object_new (RAPPORT_TYPE_CHANGE_BUS, NULL);
}

void
_rapport_change_bus_set_owner (RapportChangeBus *self)
{
  g_assert (RAPPORT_IS_CHANGE_BUS (self));

  g_mutex_lock (&self->mutex);
  g_assert (self->pending == NULL);
  self->owner = g_thread_self ();
  g_main_context_unref (self->context);
  self->context = g_main_context_ref_thread_default ();
  g_mutex_unlock (&self->mutex);
}

void
_rapport_change_bus_post (RapportChangeBus   *self,
                          RapportChangeBatch *batch)
{
  g_assert (RAPPORT_IS_CHANGE_BUS (self));

  if (_rapport_change_batch_is_empty (batch))
    return;

  if (g_thread_self () == self->owner)
    {
      /* What workers committed before comes first. */
      g_autoptr (RapportChangeBatch) pending = take_pending (self);

      if (pending != NULL)
        {
          batch_merge (pending, batch);
          deliver (self, pending);
        }
      else
        {
          deliver (self, batch);
        }

      _rapport_change_batch_clear (batch);
      return;
    }

  g_mutex_lock (&self->mutex);
  if (self->pending == NULL)
    self->pending = _rapport_change_batch_new ();
  batch_merge (self->pending, batch);
  if (self->source == NULL)
    {
      self->source = g_timeout_source_new (COALESCE_MS);
      g_source_set_priority (self->source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->source, deliver_pending_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->source, "[rapport] change bus");
      g_source_attach (self->source, self->context);
    }
  g_mutex_unlock (&self->mutex);

  _rapport_change_batch_clear (batch);
}

/* Public API */

/**
 * rapport_change_bus_flush:
 * @self: a #RapportChangeBus
 *
 * Delivers now what workers committed and the bus has not delivered yet.
 */
void
rapport_change_bus_flush (RapportChangeBus *self)
{
  g_autoptr (RapportChangeBatch) pending = NULL;

  g_return_if_fail (RAPPORT_IS_CHANGE_BUS (self));
  g_return_if_fail (g_thread_self () == self->owner);

  pending = take_pending (self);
  if (pending != NULL)
    deliver (self, pending);
}

guint
rapport_change_bus_get_n_deliveries (RapportChangeBus *self)
{
  g_return_val_if_fail (RAPPORT_IS_CHANGE_BUS (self), 0);

  return self->n_deliveries;
}
