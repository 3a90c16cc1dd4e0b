/* rapport-handover-repository.c
 *
 * Handovers (see rapport-handover-store.h and migration 10): a plan is
 * worked out into moves (one per row whose owner changes) by reading the
 * person's customers and open work through the owner indexes; a preview
 * counts the moves, a run writes them with one handover_item each, inside
 * the transaction that worked them out, so what it records is exactly what
 * it changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-handover-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-enums.h"
#include "rapport-store-private.h"

/* Rows between two looks at the cancellable and two progress reports. */
#define CHECK_ROWS 512

typedef enum
{
  ENTITY_CUSTOMER,
  ENTITY_OPPORTUNITY,
  ENTITY_SERVICE_REQUEST,
  ENTITY_FOLLOW_UP,
  N_ENTITIES
} Entity;

typedef struct
{
  const char *key;          /* handover_item.entity */
  const char *update_sql;   /* ?1 id, ?2 new value, ?3 now */
  const char *undo_sql;     /* ?1 id, ?2 recorded value, ?3 now, ?4 value the handover gave */
  gboolean    null_is_default;
} EntityInfo;

static const EntityInfo entities[N_ENTITIES] = {
  [ENTITY_CUSTOMER] = {
    "customer",
    "UPDATE customer SET owner_id = ?2, updated_at = ?3 WHERE id = ?1",
    "UPDATE customer SET owner_id = ?2, updated_at = ?3 WHERE id = ?1 AND owner_id IS ?4",
    TRUE,
  },
  [ENTITY_OPPORTUNITY] = {
    "opportunity",
    "UPDATE opportunity SET owner_id = ?2, updated_at = ?3 WHERE id = ?1",
    "UPDATE opportunity SET owner_id = ?2, updated_at = ?3 WHERE id = ?1 AND owner_id IS ?4",
    TRUE,
  },
  [ENTITY_SERVICE_REQUEST] = {
    "service-request",
    "UPDATE service_request SET assignee_id = ?2, updated_at = ?3 WHERE id = ?1",
    "UPDATE service_request SET assignee_id = ?2, updated_at = ?3 WHERE id = ?1 AND assignee_id IS ?4",
    FALSE,
  },
  [ENTITY_FOLLOW_UP] = {
    "follow-up",
    "UPDATE follow_up SET assignee_id = ?2, updated_at = ?3 WHERE id = ?1",
    "UPDATE follow_up SET assignee_id = ?2, updated_at = ?3 WHERE id = ?1 AND assignee_id IS ?4",
    TRUE,
  },
};

/* The open work of a person: ?1 their id. The second form finds the rows
 * that name the default user by NULL. */
static const char *const work_sql[N_ENTITIES][2] = {
  [ENTITY_OPPORTUNITY] = {
    "SELECT id, customer_id, owner_id FROM opportunity "
    "WHERE owner_id = ?1 AND closed_at IS NULL AND deleted_at IS NULL",
    "SELECT id, customer_id, owner_id FROM opportunity "
    "WHERE owner_id IS NULL AND closed_at IS NULL AND deleted_at IS NULL",
  },
  [ENTITY_SERVICE_REQUEST] = {
    "SELECT id, customer_id, assignee_id FROM service_request "
    "WHERE assignee_id = ?1 AND deleted_at IS NULL AND status NOT IN ('resolved', 'closed')",
    NULL,
  },
  [ENTITY_FOLLOW_UP] = {
    "SELECT id, customer_id, assignee_id FROM follow_up "
    "WHERE assignee_id = ?1 AND done_at IS NULL AND deleted_at IS NULL",
    "SELECT id, customer_id, assignee_id FROM follow_up "
    "WHERE assignee_id IS NULL AND done_at IS NULL AND deleted_at IS NULL",
  },
};

static const char *const customer_sql[2] = {
  "SELECT id, tier, region FROM customer WHERE owner_id = ?1 AND deleted_at IS NULL",
  "SELECT id, tier, region FROM customer WHERE owner_id IS NULL AND deleted_at IS NULL",
};

struct _RapportHandoverPlan
{
  gint64               from_user_id;
  RapportHandoverRule  rule;
  gint64               fallback_user_id;
  GHashTable          *targets;   /* key → gint64 * */
};

typedef struct
{
  gint64 row_id;
  gint64 customer_id;
  gint64 from_value;   /* as stored; 0 for NULL */
  gint64 to_user_id;   /* a real user id */
} Move;

typedef struct
{
  gint64      default_id;
  gint64      from_id;
  char       *from_name;
  GArray     *moves[N_ENTITIES];   /* Move */
  GHashTable *customer_targets;    /* customer id → gint64 * real user id */
} Work;

static void
work_clear (Work *work)
{
  g_clear_pointer (&work->from_name, g_free);
  for (guint i = 0; i < N_ENTITIES; i++)
    g_clear_pointer (&work->moves[i], g_array_unref);
  g_clear_pointer (&work->customer_targets, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Work, work_clear)

/* Plan */

const char *
rapport_handover_rule_to_string (RapportHandoverRule rule)
{
  switch (rule)
    {
    case RAPPORT_HANDOVER_RULE_ALL:
      return "all";
    case RAPPORT_HANDOVER_RULE_BY_TIER:
      return "tier";
    case RAPPORT_HANDOVER_RULE_BY_REGION:
      return "region";
    default:
      g_return_val_if_reached ("all");
    }
}

static RapportHandoverRule
rule_from_string (const char *text)
{
  if (g_strcmp0 (text, "tier") == 0)
    return RAPPORT_HANDOVER_RULE_BY_TIER;
  if (g_strcmp0 (text, "region") == 0)
    return RAPPORT_HANDOVER_RULE_BY_REGION;
  return RAPPORT_HANDOVER_RULE_ALL;
}

/**
 * rapport_handover_plan_new:
 * @from_user_id: the person handing over (0: the default user)
 * @rule: how their customers are shared out
 * @fallback_user_id: who takes everything no key names (0: the default user)
 *
 * Returns: (transfer full): a plan
 */
RapportHandoverPlan *
rapport_handover_plan_new (gint64              from_user_id,
                           RapportHandoverRule rule,
                           gint64              fallback_user_id)
{
  RapportHandoverPlan *plan;

  g_return_val_if_fail (from_user_id >= 0 && fallback_user_id >= 0, NULL);

  plan = g_new0 (RapportHandoverPlan, 1);
  plan->from_user_id = from_user_id;
  plan->rule = rule;
  plan->fallback_user_id = fallback_user_id;
  plan->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return plan;
}

RapportHandoverPlan *
rapport_handover_plan_copy (const RapportHandoverPlan *plan)
{
  RapportHandoverPlan *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (plan != NULL, NULL);

  copy = rapport_handover_plan_new (plan->from_user_id, plan->rule, plan->fallback_user_id);
  g_hash_table_iter_init (&iter, plan->targets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    rapport_handover_plan_set_target (copy, key, *(gint64 *) value);
  return copy;
}

void
rapport_handover_plan_free (RapportHandoverPlan *plan)
{
  if (plan == NULL)
    return;
  g_hash_table_unref (plan->targets);
  g_free (plan);
}

void
rapport_handover_plan_set_target (RapportHandoverPlan *plan,
                                  const char          *key,
                                  gint64               user_id)
{
  g_return_if_fail (plan != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (user_id >= 0);

  g_hash_table_insert (plan->targets, g_strdup (key), g_memdup2 (&user_id, sizeof user_id));
}

gint64
rapport_handover_plan_get_target (const RapportHandoverPlan *plan,
                                  const char                *key)
{
  gint64 *user_id;

  g_return_val_if_fail (plan != NULL, 0);

  if (plan->rule == RAPPORT_HANDOVER_RULE_ALL || key == NULL)
    return plan->fallback_user_id;
  user_id = g_hash_table_lookup (plan->targets, key);
  return user_id != NULL ? *user_id : plan->fallback_user_id;
}

gint64
rapport_handover_plan_get_from_user_id (const RapportHandoverPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->from_user_id;
}

gint64
rapport_handover_plan_get_fallback_user_id (const RapportHandoverPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->fallback_user_id;
}

RapportHandoverRule
rapport_handover_plan_get_rule (const RapportHandoverPlan *plan)
{
  g_return_val_if_fail (plan != NULL, RAPPORT_HANDOVER_RULE_ALL);
  return plan->rule;
}

void
rapport_handover_preview_free (RapportHandoverPreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->targets, g_array_unref);
  g_free (preview);
}

void
rapport_handover_group_free (RapportHandoverGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->key);
  g_free (group);
}

void
rapport_handover_record_free (RapportHandoverRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->from_name);
  g_free (record);
}

void
rapport_handover_log_entry_free (RapportHandoverLogEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->from_name);
  g_free (entry->to_name);
  g_free (entry);
}

/* Users */

/* @user_id 0: the default user. NOT_FOUND when missing. */
static gboolean
read_user (RapportDatabase  *db,
           gint64            user_id,
           gint64           *out_id,
           char            **out_name,
           gboolean         *out_left,
           const char       *missing_message,
           GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  if (user_id > 0)
    stmt = _rapport_database_prepare (db, "SELECT id, name, left_at IS NOT NULL FROM user WHERE id = ?1", error);
  else
    stmt = _rapport_database_prepare (db, "SELECT id, name, left_at IS NOT NULL FROM user ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (user_id > 0)
    sqlite3_bind_int64 (stmt, 1, user_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_id != NULL)
        *out_id = sqlite3_column_int64 (stmt, 0);
      if (out_name != NULL)
        *out_name = g_strdup (_rapport_store_column_text (stmt, 1));
      if (out_left != NULL)
        *out_left = sqlite3_column_int (stmt, 2) != 0;
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND, "%s", missing_message);
      return FALSE;
    }

  _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the staff"));
  return FALSE;
}

static gboolean
check_target (RapportDatabase  *db,
              Work             *work,
              gint64            user_id,
              GError          **error)
{
  g_autofree char *name = NULL;
  gboolean left = FALSE;
  gint64 id = 0;

  if (!read_user (db, user_id, &id, &name, &left,
                  _("A person chosen to take over is no longer in the staff list"), error))
    return FALSE;

  if (id == work->from_id)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                   _("%s is the one handing over: choose someone else to take over"), name);
      return FALSE;
    }
  if (left)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                   _("%s has left and cannot take over customers"), name);
      return FALSE;
    }
  return TRUE;
}

/* A plan's user id as a real id: 0 is the default user. */
static gint64
real_id (Work   *work,
         gint64  user_id)
{
  return user_id > 0 ? user_id : work->default_id;
}

static gboolean
check_plan (RapportDatabase            *db,
            const RapportHandoverPlan  *plan,
            Work                       *work,
            GError                    **error)
{
  GHashTableIter iter;
  gpointer value;

  if (!read_user (db, 0, &work->default_id, NULL, NULL,
                  _("A person chosen to take over is no longer in the staff list"), error) ||
      !read_user (db, plan->from_user_id, &work->from_id, &work->from_name, NULL,
                  _("The person handing over is no longer in the staff list"), error) ||
      !check_target (db, work, plan->fallback_user_id, error))
    return FALSE;

  if (plan->rule == RAPPORT_HANDOVER_RULE_ALL)
    return TRUE;

  g_hash_table_iter_init (&iter, plan->targets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!check_target (db, work, *(gint64 *) value, error))
      return FALSE;

  return TRUE;
}

/* Working out the moves */

static gboolean
read_failed (RapportDatabase  *db,
             int               rc,
             GError          **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;

  _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read what to hand over"));
  return TRUE;
}

static const char *
customer_key (const RapportHandoverPlan *plan,
              sqlite3_stmt              *stmt)
{
  switch (plan->rule)
    {
    case RAPPORT_HANDOVER_RULE_BY_TIER:
      return _rapport_store_column_text (stmt, 1);
    case RAPPORT_HANDOVER_RULE_BY_REGION:
      return _rapport_store_column_text (stmt, 2);
    case RAPPORT_HANDOVER_RULE_ALL:
    default:
      return NULL;
    }
}

static gboolean
read_customers (RapportDatabase            *db,
                const RapportHandoverPlan  *plan,
                Work                       *work,
                GCancellable               *cancellable,
                GError                    **error)
{
  guint n_forms = work->from_id == work->default_id ? 2 : 1;

  for (guint form = 0; form < n_forms; form++)
    {
      g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, customer_sql[form], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      if (form == 0)
        sqlite3_bind_int64 (stmt, 1, work->from_id);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          Move move = {
            .row_id = sqlite3_column_int64 (stmt, 0),
            .customer_id = sqlite3_column_int64 (stmt, 0),
            .from_value = form == 0 ? work->from_id : 0,
            .to_user_id = real_id (work, rapport_handover_plan_get_target (plan, customer_key (plan, stmt))),
          };

          g_array_append_val (work->moves[ENTITY_CUSTOMER], move);
          g_hash_table_insert (work->customer_targets, g_memdup2 (&move.customer_id, sizeof (gint64)),
                               g_memdup2 (&move.to_user_id, sizeof (gint64)));

          if (work->moves[ENTITY_CUSTOMER]->len % CHECK_ROWS == 0 &&
              g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
      if (read_failed (db, rc, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_work (RapportDatabase            *db,
           const RapportHandoverPlan  *plan,
           Work                       *work,
           Entity                      entity,
           GCancellable               *cancellable,
           GError                    **error)
{
  gint64 fallback = real_id (work, plan->fallback_user_id);
  guint n_forms = work->from_id == work->default_id && work_sql[entity][1] != NULL ? 2 : 1;

  for (guint form = 0; form < n_forms; form++)
    {
      g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, work_sql[entity][form], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      if (form == 0)
        sqlite3_bind_int64 (stmt, 1, work->from_id);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 customer_id = sqlite3_column_int64 (stmt, 1);
          gint64 *target = g_hash_table_lookup (work->customer_targets, &customer_id);
          Move move = {
            .row_id = sqlite3_column_int64 (stmt, 0),
            .customer_id = customer_id,
            .from_value = sqlite3_column_int64 (stmt, 2),
            .to_user_id = target != NULL ? *target : fallback,
          };

          g_array_append_val (work->moves[entity], move);

          if (work->moves[entity]->len % CHECK_ROWS == 0 &&
              g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
      if (read_failed (db, rc, error))
        return FALSE;
    }

  return TRUE;
}

static guint
work_count (Work *work)
{
  guint n = 0;

  for (guint i = 0; i < N_ENTITIES; i++)
    n += work->moves[i]->len;
  return n;
}

static gboolean
work_out (RapportDatabase            *db,
          const RapportHandoverPlan  *plan,
          Work                       *work,
          GCancellable               *cancellable,
          GError                    **error)
{
  for (guint i = 0; i < N_ENTITIES; i++)
    work->moves[i] = g_array_new (FALSE, FALSE, sizeof (Move));
  work->customer_targets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  if (!check_plan (db, plan, work, error) ||
      !read_customers (db, plan, work, cancellable, error))
    return FALSE;

  for (Entity entity = ENTITY_OPPORTUNITY; entity < N_ENTITIES; entity++)
    if (!read_work (db, plan, work, entity, cancellable, error))
      return FALSE;

  if (work_count (work) == 0)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                   _("%s has no customers or open work to hand over"), work->from_name);
      return FALSE;
    }

  return TRUE;
}

static void
counts_add (RapportHandoverCounts *counts,
            Entity                 entity)
{
  switch (entity)
    {
    case ENTITY_CUSTOMER:
      counts->customers++;
      break;
    case ENTITY_OPPORTUNITY:
      counts->opportunities++;
      break;
    case ENTITY_SERVICE_REQUEST:
      counts->service_requests++;
      break;
    case ENTITY_FOLLOW_UP:
      counts->follow_ups++;
      break;
    case N_ENTITIES:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const RapportHandoverCounts *ca = a, *cb = b;

  return (ca->user_id > cb->user_id) - (ca->user_id < cb->user_id);
}

static RapportHandoverPreview *
work_preview (Work *work)
{
  RapportHandoverPreview *preview = g_new0 (RapportHandoverPreview, 1);
  g_autoptr (GHashTable) positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  preview->targets = g_array_new (FALSE, TRUE, sizeof (RapportHandoverCounts));
  for (Entity entity = 0; entity < N_ENTITIES; entity++)
    for (guint i = 0; i < work->moves[entity]->len; i++)
      {
        const Move *move = &g_array_index (work->moves[entity], Move, i);
        gpointer position;

        if (!g_hash_table_lookup_extended (positions, &move->to_user_id, NULL, &position))
          {
            RapportHandoverCounts counts = { .user_id = move->to_user_id };

            g_array_append_val (preview->targets, counts);
            position = GUINT_TO_POINTER (preview->targets->len);
            g_hash_table_insert (positions, g_memdup2 (&move->to_user_id, sizeof (gint64)), position);
          }
        counts_add (&g_array_index (preview->targets, RapportHandoverCounts, GPOINTER_TO_UINT (position) - 1),
                    entity);
        counts_add (&preview->total, entity);
      }

  g_array_sort (preview->targets, compare_counts);
  return preview;
}

/**
 * rapport_store_preview_handover:
 * @db: a database
 * @plan: the handover
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * Reads the person's customers and open work (a worker connection's job
 * for a big book) and counts what each person would get.
 *
 * Returns: (transfer full) (nullable): the counts, or %NULL with @error set
 */
RapportHandoverPreview *
rapport_store_preview_handover (RapportDatabase            *db,
                                const RapportHandoverPlan  *plan,
                                GCancellable               *cancellable,
                                GError                    **error)
{
  g_auto (Work) work = { 0 };

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!work_out (db, plan, &work, cancellable, error))
    return NULL;

  return work_preview (&work);
}

/* Running */

static void
bind_owner (sqlite3_stmt *stmt,
            int           index,
            Entity        entity,
            Work         *work,
            gint64        user_id)
{
  if (user_id == 0 || (entities[entity].null_is_default && user_id == work->default_id))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, user_id);
}

/* A service request's history names every change of assignee (kind
 * "assigned", the assignees' ids as text, as the service store logs them). */
static gboolean
log_assigned (RapportDatabase  *db,
              gint64            request_id,
              gint64            from_user_id,
              gint64            to_user_id,
              gint64            now,
              GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  char uuid[RAPPORT_UUID_LEN];

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO service_event (uuid, service_request_id, kind, user_id, "
                                    "  from_value, to_value, created_at, updated_at) "
                                    "VALUES (?1, ?2, 'assigned', NULL, ?3, ?4, ?5, ?5)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  _rapport_store_new_uuid (uuid);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, request_id);
  if (from_user_id != 0)
    sqlite3_bind_text (stmt, 3, g_strdup_printf ("%" G_GINT64_FORMAT, from_user_id), -1, g_free);
  else
    sqlite3_bind_null (stmt, 3);
  if (to_user_id != 0)
    sqlite3_bind_text (stmt, 4, g_strdup_printf ("%" G_GINT64_FORMAT, to_user_id), -1, g_free);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, now);
  return _rapport_database_step_done (db, stmt, _("Could not record the handover"), error);
}

static gboolean
write_moves (RapportDatabase              *db,
             Work                         *work,
             gint64                        handover_id,
             GCancellable                 *cancellable,
             RapportHandoverProgressFunc   progress,
             gpointer                      progress_data,
             GError                      **error)
{
  gint64 now = _rapport_database_now (db);
  guint total = work_count (work);
  guint done = 0;

  for (Entity entity = 0; entity < N_ENTITIES; entity++)
    {
      GArray *moves = work->moves[entity];

      for (guint i = 0; i < moves->len; i++)
        {
          const Move *move = &g_array_index (moves, Move, i);
          g_autoptr (RapportStatement) update = NULL;
          g_autoptr (RapportStatement) item = NULL;

          update = _rapport_database_prepare (db, entities[entity].update_sql, error);
          if (update == NULL)
            return FALSE;
          sqlite3_bind_int64 (update, 1, move->row_id);
          bind_owner (update, 2, entity, work, move->to_user_id);
          sqlite3_bind_int64 (update, 3, now);
          if (!_rapport_database_step_done (db, update, _("Could not hand over"), error))
            return FALSE;

          item = _rapport_database_prepare (db,
                                            "INSERT INTO handover_item (handover_id, entity, row_id, customer_id, "
                                            "                           from_user_id, to_user_id) "
                                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                            error);
          if (item == NULL)
            return FALSE;
          sqlite3_bind_int64 (item, 1, handover_id);
          sqlite3_bind_text (item, 2, entities[entity].key, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (item, 3, move->row_id);
          sqlite3_bind_int64 (item, 4, move->customer_id);
          _rapport_store_bind_id (item, 5, move->from_value);
          bind_owner (item, 6, entity, work, move->to_user_id);
          if (!_rapport_database_step_done (db, item, _("Could not record the handover"), error))
            return FALSE;

          if (entity == ENTITY_SERVICE_REQUEST &&
              !log_assigned (db, move->row_id, move->from_value, move->to_user_id, now, error))
            return FALSE;

          if (++done % CHECK_ROWS == 0)
            {
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                return FALSE;
              if (progress != NULL)
                progress (done, total, progress_data);
            }
        }
    }

  if (progress != NULL)
    progress (done, total, progress_data);
  return TRUE;
}

static gboolean
insert_handover (RapportDatabase              *db,
                 const RapportHandoverPlan    *plan,
                 Work                         *work,
                 const RapportHandoverCounts  *total,
                 gint64                       *out_id,
                 GError                      **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  char uuid[RAPPORT_UUID_LEN];

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO handover (uuid, from_user_id, rule, customers, opportunities, "
                                    "                      service_requests, follow_ups, created_at, updated_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  _rapport_store_new_uuid (uuid);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, work->from_id);
  sqlite3_bind_text (stmt, 3, rapport_handover_rule_to_string (plan->rule), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, total->customers);
  sqlite3_bind_int64 (stmt, 5, total->opportunities);
  sqlite3_bind_int64 (stmt, 6, total->service_requests);
  sqlite3_bind_int64 (stmt, 7, total->follow_ups);
  sqlite3_bind_int64 (stmt, 8, _rapport_database_now (db));
  if (!_rapport_database_step_done (db, stmt, _("Could not record the handover"), error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_rapport_database_get_handle (db));
  return TRUE;
}

static void
set_cancelled (GError **error)
{
  if (error != NULL && *error != NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (error);
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED, "%s",
                   _("The handover was cancelled"));
    }
}

typedef struct
{
  const RapportHandoverPlan    *plan;
  GCancellable                 *cancellable;
  RapportHandoverProgressFunc   progress;
  gpointer                      progress_data;
  gint64                        handover_id;
  RapportHandoverCounts         total;
} Run;

static gboolean
run_in_transaction (RapportDatabase  *db,
                    gpointer          user_data,
                    GError          **error)
{
  Run *run = user_data;
  g_auto (Work) work = { 0 };
  g_autoptr (RapportHandoverPreview) preview = NULL;

  if (!work_out (db, run->plan, &work, run->cancellable, error))
    return FALSE;

  preview = work_preview (&work);
  if (!insert_handover (db, run->plan, &work, &preview->total, &run->handover_id, error) ||
      !write_moves (db, &work, run->handover_id, run->cancellable, run->progress, run->progress_data, error) ||
      g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;

  run->total = preview->total;
  /* One bulk change: every list showing owners reads again. */
  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, 0, 0, RAPPORT_CHANGE_RELOADED);
  return TRUE;
}

/**
 * rapport_store_run_handover:
 * @db: a database (a worker connection for a big book)
 * @plan: the handover
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope call): told of the rows written
 * @progress_data: for @progress
 * @out_handover_id: (out) (optional): the handover's id
 * @out_total: (out) (optional): what moved
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * See rapport-handover-store.h. The transaction is bulk work: the
 * connection's page cache grows to hold what it changes (a person's
 * customers are spread over the whole table).
 *
 * Returns: whether the handover was made
 */
gboolean
rapport_store_run_handover (RapportDatabase            *db,
                            const RapportHandoverPlan  *plan,
                            GCancellable               *cancellable,
                            RapportHandoverProgressFunc progress,
                            gpointer                    progress_data,
                            gint64                     *out_handover_id,
                            RapportHandoverCounts      *out_total,
                            GError                    **error)
{
  Run run = { plan, cancellable, progress, progress_data, 0, { 0 } };

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rapport_database_run_in_transaction (db, run_in_transaction, &run, error))
    {
      set_cancelled (error);
      return FALSE;
    }

  g_debug ("Handover %" G_GINT64_FORMAT ": %u customers, %u opportunities, %u requests, %u follow-ups",
           run.handover_id, run.total.customers, run.total.opportunities,
           run.total.service_requests, run.total.follow_ups);

  if (out_handover_id != NULL)
    *out_handover_id = run.handover_id;
  if (out_total != NULL)
    *out_total = run.total;
  return TRUE;
}

/* Undo */

static gboolean
entity_from_key (const char *key,
                 Entity     *out)
{
  for (Entity entity = 0; entity < N_ENTITIES; entity++)
    if (g_strcmp0 (entities[entity].key, key) == 0)
      {
        *out = entity;
        return TRUE;
      }
  return FALSE;
}

static gboolean
mark_undone (RapportDatabase  *db,
             gint64            handover_id,
             GError          **error)
{
  g_autoptr (RapportStatement) update = NULL;
  gint64 undone_at = 0;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db, "SELECT undone_at FROM handover WHERE id = ?1", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, handover_id);
    switch (sqlite3_step (stmt))
      {
      case SQLITE_ROW:
        undone_at = sqlite3_column_int64 (stmt, 0);
        break;
      case SQLITE_DONE:
        g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND, "%s",
                     _("The handover no longer exists"));
        return FALSE;
      default:
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not undo the handover"));
        return FALSE;
      }
  }

  if (undone_at != 0)
    {
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID, "%s",
                   _("This handover was undone already"));
      return FALSE;
    }

  update = _rapport_database_prepare (db, "UPDATE handover SET undone_at = ?2, updated_at = ?2 WHERE id = ?1", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, handover_id);
  sqlite3_bind_int64 (update, 2, _rapport_database_now (db));
  return _rapport_database_step_done (db, update, _("Could not undo the handover"), error);
}

static gboolean
put_back (RapportDatabase  *db,
          gint64            handover_id,
          guint            *out_restored,
          guint            *out_kept,
          GError          **error)
{
  g_autoptr (RapportStatement) items = NULL;
  gint64 now = _rapport_database_now (db);
  int rc;

  items = _rapport_database_prepare (db,
                                     "SELECT entity, row_id, from_user_id, to_user_id FROM handover_item "
                                     "WHERE handover_id = ?1",
                                     error);
  if (items == NULL)
    return FALSE;
  sqlite3_bind_int64 (items, 1, handover_id);

  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    {
      g_autoptr (RapportStatement) update = NULL;
      Entity entity;

      if (!entity_from_key (_rapport_store_column_text (items, 0), &entity))
        continue;

      update = _rapport_database_prepare (db, entities[entity].undo_sql, error);
      if (update == NULL)
        return FALSE;
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (items, 1));
      sqlite3_bind_value (update, 2, sqlite3_column_value (items, 2));
      sqlite3_bind_int64 (update, 3, now);
      sqlite3_bind_value (update, 4, sqlite3_column_value (items, 3));
      if (!_rapport_database_step_done (db, update, _("Could not undo the handover"), error))
        return FALSE;

      if (sqlite3_changes (_rapport_database_get_handle (db)) == 0)
        {
          (*out_kept)++;
          continue;
        }

      (*out_restored)++;
      if (entity == ENTITY_SERVICE_REQUEST &&
          !log_assigned (db, sqlite3_column_int64 (items, 1), sqlite3_column_int64 (items, 3),
                         sqlite3_column_int64 (items, 2), now, error))
        return FALSE;
    }

  return !read_failed (db, rc, error);
}

/**
 * rapport_store_undo_handover:
 * @db: a database
 * @handover_id: a handover's id
 * @out_restored: (out) (optional): rows given back
 * @out_kept: (out) (optional): rows changed since, left as they are
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * See rapport-handover-store.h.
 *
 * Returns: whether the handover was undone
 */
gboolean
rapport_store_undo_handover (RapportDatabase  *db,
                             gint64            handover_id,
                             guint            *out_restored,
                             guint            *out_kept,
                             GError          **error)
{
  guint restored = 0, kept = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  if (!mark_undone (db, handover_id, error) ||
      !put_back (db, handover_id, &restored, &kept, error))
    {
      _rapport_database_rollback (db, NULL);
      return FALSE;
    }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_CUSTOMER, 0, 0, RAPPORT_CHANGE_RELOADED);
  if (!_rapport_database_commit (db, error))
    return FALSE;

  if (out_restored != NULL)
    *out_restored = restored;
  if (out_kept != NULL)
    *out_kept = kept;
  return TRUE;
}

/* Lists */

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const RapportHandoverGroup *ga = *(RapportHandoverGroup **) a;
  const RapportHandoverGroup *gb = *(RapportHandoverGroup **) b;
  RapportHandoverRule rule = GPOINTER_TO_INT (user_data);

  if (rule == RAPPORT_HANDOVER_RULE_BY_TIER)
    {
      RapportTier ta = RAPPORT_TIER_LEAD, tb = RAPPORT_TIER_LEAD;

      rapport_tier_from_string (ga->key, &ta);
      rapport_tier_from_string (gb->key, &tb);
      return (int) ta - (int) tb;
    }

  /* Regions: most customers first; those without a region last. */
  if ((ga->key == NULL) != (gb->key == NULL))
    return ga->key == NULL ? 1 : -1;
  if (ga->customers != gb->customers)
    return ga->customers > gb->customers ? -1 : 1;
  return g_strcmp0 (ga->key, gb->key);
}

/**
 * rapport_store_list_handover_groups:
 * @db: a database
 * @from_user_id: the person handing over (0: the default user)
 * @rule: tiers or regions
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * Returns: (transfer full) (element-type RapportHandoverGroup) (nullable):
 *   the groups, or %NULL with @error set
 */
GPtrArray *
rapport_store_list_handover_groups (RapportDatabase      *db,
                                    gint64                from_user_id,
                                    RapportHandoverRule   rule,
                                    GError              **error)
{
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GHashTable) by_key = NULL;
  RapportHandoverGroup *no_key = NULL;
  gint64 from_id = 0, default_id = 0;
  guint n_forms;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_handover_group_free);
  if (rule == RAPPORT_HANDOVER_RULE_ALL)
    return g_steal_pointer (&groups);

  if (!read_user (db, 0, &default_id, NULL, NULL,
                  _("The person handing over is no longer in the staff list"), error) ||
      !read_user (db, from_user_id, &from_id, NULL, NULL,
                  _("The person handing over is no longer in the staff list"), error))
    return NULL;

  by_key = g_hash_table_new (g_str_hash, g_str_equal);
  n_forms = from_id == default_id ? 2 : 1;
  for (guint form = 0; form < n_forms; form++)
    {
      g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db, customer_sql[form], error);
      int rc;

      if (stmt == NULL)
        return NULL;
      if (form == 0)
        sqlite3_bind_int64 (stmt, 1, from_id);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *key = _rapport_store_column_text (stmt, rule == RAPPORT_HANDOVER_RULE_BY_TIER ? 1 : 2);
          RapportHandoverGroup *group;

          if (key == NULL || key[0] == '\0')
            group = no_key;
          else
            group = g_hash_table_lookup (by_key, key);

          if (group == NULL)
            {
              group = g_new0 (RapportHandoverGroup, 1);
              group->key = key != NULL && key[0] != '\0' ? g_strdup (key) : NULL;
              g_ptr_array_add (groups, group);
              if (group->key != NULL)
                g_hash_table_insert (by_key, group->key, group);
              else
                no_key = group;
            }
          group->customers++;
        }
      if (read_failed (db, rc, error))
        return NULL;
    }

  g_ptr_array_sort_with_data (groups, compare_groups, GINT_TO_POINTER (rule));
  return g_steal_pointer (&groups);
}

/**
 * rapport_store_list_handovers:
 * @db: a database
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * Returns: (transfer full) (element-type RapportHandoverRecord) (nullable):
 *   the handovers, newest first, or %NULL with @error set
 */
GPtrArray *
rapport_store_list_handovers (RapportDatabase  *db,
                              GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GPtrArray) records = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _rapport_database_prepare (db,
                                    "SELECT h.id, h.from_user_id, u.name, h.rule, h.customers, h.opportunities, "
                                    "       h.service_requests, h.follow_ups, h.created_at, h.undone_at "
                                    "FROM handover h LEFT JOIN user u ON u.id = h.from_user_id "
                                    "ORDER BY h.id DESC",
                                    error);
  if (stmt == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_handover_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportHandoverRecord *record = g_new0 (RapportHandoverRecord, 1);

      record->id = sqlite3_column_int64 (stmt, 0);
      record->from_user_id = sqlite3_column_int64 (stmt, 1);
      record->from_name = g_strdup (_rapport_store_column_text (stmt, 2));
      record->rule = rule_from_string (_rapport_store_column_text (stmt, 3));
      record->counts.customers = sqlite3_column_int (stmt, 4);
      record->counts.opportunities = sqlite3_column_int (stmt, 5);
      record->counts.service_requests = sqlite3_column_int (stmt, 6);
      record->counts.follow_ups = sqlite3_column_int (stmt, 7);
      record->created_at = sqlite3_column_int64 (stmt, 8);
      record->undone_at = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (records, record);
    }
  if (read_failed (db, rc, error))
    return NULL;

  return g_steal_pointer (&records);
}

/**
 * rapport_store_list_customer_handovers:
 * @db: a database
 * @customer_id: a customer's id
 * @error: return location for a #RAPPORT_DATABASE_ERROR
 *
 * Returns: (transfer full) (element-type RapportHandoverLogEntry) (nullable):
 *   the customer's handover log, newest first, or %NULL with @error set
 */
GPtrArray *
rapport_store_list_customer_handovers (RapportDatabase  *db,
                                       gint64            customer_id,
                                       GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* NULL owners are the default user, the first row. */
  stmt = _rapport_database_prepare (db,
                                    "SELECT i.handover_id, fu.name, tu.name, h.created_at, h.undone_at "
                                    "FROM handover_item i "
                                    "JOIN handover h ON h.id = i.handover_id "
                                    "LEFT JOIN user fu ON fu.id = coalesce (i.from_user_id, (SELECT min (id) FROM user)) "
                                    "LEFT JOIN user tu ON tu.id = coalesce (i.to_user_id, (SELECT min (id) FROM user)) "
                                    "WHERE i.customer_id = ?1 AND i.entity = 'customer' "
                                    "ORDER BY i.handover_id DESC",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_handover_log_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportHandoverLogEntry *entry = g_new0 (RapportHandoverLogEntry, 1);

      entry->handover_id = sqlite3_column_int64 (stmt, 0);
      entry->from_name = g_strdup (_rapport_store_column_text (stmt, 1));
      entry->to_name = g_strdup (_rapport_store_column_text (stmt, 2));
      entry->created_at = sqlite3_column_int64 (stmt, 3);
      entry->undone_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (entries, entry);
    }
  if (read_failed (db, rc, error))
    return NULL;

  return g_steal_pointer (&entries);
}
