/* rapport-import-problem.c
 *
 * RapportImportProblem and RapportImportDuplicate, the results of an import
 * job's analysis (declared in rapport-import-job.h; what changes them is the
 * job's, in rapport-import-job.c, through rapport-import-problem-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-import-problem"

#include "config.h"

#include "rapport-import-problem-private.h"

/* Problems */

struct _RapportImportProblem
{
  GObject              parent_instance;

  guint                row;
  guint                column;
  char                *column_name;
  char                *field;
  char                *value;
  char                *message;
  RapportImportAction  action;
};

G_DEFINE_FINAL_TYPE (RapportImportProblem, rapport_import_problem, G_TYPE_OBJECT)

enum {
  PROBLEM_PROP_0,
  PROBLEM_PROP_ROW,
  PROBLEM_PROP_COLUMN,
  PROBLEM_PROP_COLUMN_NAME,
  PROBLEM_PROP_FIELD,
  PROBLEM_PROP_VALUE,
  PROBLEM_PROP_MESSAGE,
  PROBLEM_PROP_ACTION,
  N_PROBLEM_PROPS
};

static GParamSpec *problem_properties[N_PROBLEM_PROPS];

static void
rapport_import_problem_finalize (GObject *object)
{
  RapportImportProblem *self = RAPPORT_IMPORT_PROBLEM (object);

  g_free (self->column_name);
  g_free (self->field);
  g_free (self->value);
  g_free (self->message);

  G_OBJECT_CLASS (rapport_import_problem_parent_class)->finalize (object);
}

static void
rapport_import_problem_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RapportImportProblem *self = RAPPORT_IMPORT_PROBLEM (object);

  switch (prop_id)
    {
    case PROBLEM_PROP_ROW:
      g_value_set_uint (value, self->row);
      break;
    case PROBLEM_PROP_COLUMN:
      g_value_set_uint (value, self->column);
      break;
    case PROBLEM_PROP_COLUMN_NAME:
      g_value_set_string (value, self->column_name);
      break;
    case PROBLEM_PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROBLEM_PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROBLEM_PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROBLEM_PROP_ACTION:
      g_value_set_uint (value, self->action);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_import_problem_class_init (RapportImportProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = rapport_import_problem_finalize;
  object_class->get_property = rapport_import_problem_get_property;

  problem_properties[PROBLEM_PROP_ROW] = g_param_spec_uint ("row", NULL, NULL, 0, G_MAXUINT, 0, flags);
  problem_properties[PROBLEM_PROP_COLUMN] = g_param_spec_uint ("column", NULL, NULL, 0, G_MAXUINT, 0, flags);
  problem_properties[PROBLEM_PROP_COLUMN_NAME] = g_param_spec_string ("column-name", NULL, NULL, NULL, flags);
  problem_properties[PROBLEM_PROP_FIELD] = g_param_spec_string ("field", NULL, NULL, NULL, flags);
  problem_properties[PROBLEM_PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, flags);
  problem_properties[PROBLEM_PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  problem_properties[PROBLEM_PROP_ACTION] = g_param_spec_uint ("action", NULL, NULL,
                                                               RAPPORT_IMPORT_ACTION_NONE,
                                                               RAPPORT_IMPORT_ACTION_DROP_FIELD,
                                                               RAPPORT_IMPORT_ACTION_NONE, flags);

  g_object_class_install_properties (object_class, N_PROBLEM_PROPS, problem_properties);
}

static void
rapport_import_problem_init (RapportImportProblem *self)
{
}

RapportImportProblem *
_rapport_import_problem_new (guint       row,
                             guint       column,
                             const char *column_name,
                             const char *field,
                             const char *value,
                             const char *message)
{
  RapportImportProblem *self = g_object_new (RAPPORT_TYPE_IMPORT_PROBLEM, NULL);

  self->row = row;
  self->column = column;
  self->column_name = g_strdup (column_name != NULL ? column_name : "");
  self->field = g_strdup (field != NULL ? field : "");
  self->value = g_strdup (value != NULL ? value : "");
  self->message = g_strdup (message);

  return self;
}

void
_rapport_import_problem_set_value (RapportImportProblem *self,
                                   const char           *value)
{
  if (g_strcmp0 (self->value, value) == 0)
    return;

  g_free (self->value);
  self->value = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), problem_properties[PROBLEM_PROP_VALUE]);
}

void
_rapport_import_problem_set_action (RapportImportProblem *self,
                                    RapportImportAction   action)
{
  if (self->action == action)
    return;

  self->action = action;
  g_object_notify_by_pspec (G_OBJECT (self), problem_properties[PROBLEM_PROP_ACTION]);
}

guint
rapport_import_problem_get_row (RapportImportProblem *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_PROBLEM (self), 0);
  return self->row;
}

guint
rapport_import_problem_get_column (RapportImportProblem *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_PROBLEM (self), 0);
  return self->column;
}

const char *
rapport_import_problem_get_column_name (RapportImportProblem *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_PROBLEM (self), NULL);
  return self->column_name;
}

const char *
rapport_import_problem_get_field (RapportImportProblem *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_PROBLEM (self), NULL);
  return self->field;
}

const char *
rapport_import_problem_get_value (RapportImportProblem *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_PROBLEM (self), NULL);
  return self->value;
}

const char *
rapport_import_problem_get_message (RapportImportProblem *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_PROBLEM (self), NULL);
  return self->message;
}

RapportImportAction
rapport_import_problem_get_action (RapportImportProblem *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_PROBLEM (self), RAPPORT_IMPORT_ACTION_NONE);
  return self->action;
}

/* Duplicates */

struct _RapportImportDuplicate
{
  GObject                parent_instance;

  char                  *name;
  char                  *rows;
  gint64                 existing_id;
  char                  *existing_name;
  char                  *reason;
  RapportImportDecision  decision;
  gboolean               same_code;
  GStrv                  conflicts;
  GHashTable            *stored_values;
  GHashTable            *incoming_values;
  GHashTable            *overwrite;
};

G_DEFINE_FINAL_TYPE (RapportImportDuplicate, rapport_import_duplicate, G_TYPE_OBJECT)

enum {
  DUPLICATE_PROP_0,
  DUPLICATE_PROP_NAME,
  DUPLICATE_PROP_ROWS,
  DUPLICATE_PROP_EXISTING_ID,
  DUPLICATE_PROP_EXISTING_NAME,
  DUPLICATE_PROP_REASON,
  DUPLICATE_PROP_DECISION,
  DUPLICATE_PROP_CONFLICTS,
  N_DUPLICATE_PROPS
};

static GParamSpec *duplicate_properties[N_DUPLICATE_PROPS];

static void
rapport_import_duplicate_finalize (GObject *object)
{
  RapportImportDuplicate *self = RAPPORT_IMPORT_DUPLICATE (object);

  g_free (self->name);
  g_free (self->rows);
  g_free (self->existing_name);
  g_free (self->reason);
  g_strfreev (self->conflicts);
  g_hash_table_unref (self->stored_values);
  g_hash_table_unref (self->incoming_values);
  g_hash_table_unref (self->overwrite);

  G_OBJECT_CLASS (rapport_import_duplicate_parent_class)->finalize (object);
}

static void
rapport_import_duplicate_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RapportImportDuplicate *self = RAPPORT_IMPORT_DUPLICATE (object);

  switch (prop_id)
    {
    case DUPLICATE_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case DUPLICATE_PROP_ROWS:
      g_value_set_string (value, self->rows);
      break;
    case DUPLICATE_PROP_EXISTING_ID:
      g_value_set_int64 (value, self->existing_id);
      break;
    case DUPLICATE_PROP_EXISTING_NAME:
      g_value_set_string (value, self->existing_name);
      break;
    case DUPLICATE_PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case DUPLICATE_PROP_DECISION:
      g_value_set_uint (value, self->decision);
      break;
    case DUPLICATE_PROP_CONFLICTS:
      g_value_set_boxed (value, self->conflicts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_import_duplicate_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  RapportImportDuplicate *self = RAPPORT_IMPORT_DUPLICATE (object);

  switch (prop_id)
    {
    case DUPLICATE_PROP_DECISION:
      rapport_import_duplicate_set_decision (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_import_duplicate_class_init (RapportImportDuplicateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = rapport_import_duplicate_finalize;
  object_class->get_property = rapport_import_duplicate_get_property;
  object_class->set_property = rapport_import_duplicate_set_property;

  duplicate_properties[DUPLICATE_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  duplicate_properties[DUPLICATE_PROP_ROWS] = g_param_spec_string ("rows", NULL, NULL, NULL, flags);
  duplicate_properties[DUPLICATE_PROP_EXISTING_ID] = g_param_spec_int64 ("existing-id", NULL, NULL,
                                                                         0, G_MAXINT64, 0, flags);
  duplicate_properties[DUPLICATE_PROP_EXISTING_NAME] = g_param_spec_string ("existing-name", NULL, NULL,
                                                                            NULL, flags);
  duplicate_properties[DUPLICATE_PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  duplicate_properties[DUPLICATE_PROP_DECISION] = g_param_spec_uint ("decision", NULL, NULL,
                                                                     RAPPORT_IMPORT_DECISION_MERGE,
                                                                     RAPPORT_IMPORT_DECISION_CREATE,
                                                                     RAPPORT_IMPORT_DECISION_MERGE,
                                                                     flags | G_PARAM_WRITABLE);
  duplicate_properties[DUPLICATE_PROP_CONFLICTS] = g_param_spec_boxed ("conflicts", NULL, NULL,
                                                                       G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_DUPLICATE_PROPS, duplicate_properties);
}

static void
rapport_import_duplicate_init (RapportImportDuplicate *self)
{
  self->stored_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->incoming_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->overwrite = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->conflicts = g_new0 (char *, 1);
}

RapportImportDuplicate *
_rapport_import_duplicate_new (const char *name,
                               const char *rows,
                               gint64      existing_id,
                               const char *existing_name,
                               const char *reason,
                               gboolean    same_code)
{
  RapportImportDuplicate *self = g_object_new (RAPPORT_TYPE_IMPORT_DUPLICATE, NULL);

  self->name = g_strdup (name);
  self->rows = g_strdup (rows);
  self->existing_id = existing_id;
  self->existing_name = g_strdup (existing_name);
  self->reason = g_strdup (reason);
  self->same_code = same_code;

  return self;
}

void
_rapport_import_duplicate_add_conflict (RapportImportDuplicate *self,
                                        const char             *field,
                                        const char             *stored_value,
                                        const char             *incoming_value)
{
  guint n = g_strv_length (self->conflicts);

  self->conflicts = g_renew (char *, self->conflicts, n + 2);
  self->conflicts[n] = g_strdup (field);
  self->conflicts[n + 1] = NULL;
  g_hash_table_replace (self->stored_values, g_strdup (field), g_strdup (stored_value));
  g_hash_table_replace (self->incoming_values, g_strdup (field), g_strdup (incoming_value));
}

GStrv
_rapport_import_duplicate_dup_overwrite (RapportImportDuplicate *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->conflicts[i] != NULL; i++)
    if (g_hash_table_contains (self->overwrite, self->conflicts[i]))
      g_strv_builder_add (builder, self->conflicts[i]);

  return g_strv_builder_end (builder);
}

gboolean
_rapport_import_duplicate_get_same_code (RapportImportDuplicate *self)
{
  return self->same_code;
}

const char *
rapport_import_duplicate_get_name (RapportImportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self), NULL);
  return self->name;
}

const char *
rapport_import_duplicate_get_rows (RapportImportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self), NULL);
  return self->rows;
}

gint64
rapport_import_duplicate_get_existing_id (RapportImportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self), 0);
  return self->existing_id;
}

const char *
rapport_import_duplicate_get_existing_name (RapportImportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self), NULL);
  return self->existing_name;
}

const char *
rapport_import_duplicate_get_reason (RapportImportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self), NULL);
  return self->reason;
}

RapportImportDecision
rapport_import_duplicate_get_decision (RapportImportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self), RAPPORT_IMPORT_DECISION_MERGE);
  return self->decision;
}

/**
 * rapport_import_duplicate_set_decision:
 *
 * CREATE is refused (the decision stays) for a duplicate of an earlier row
 * with the same customer code: two customers cannot share one.
 */
void
rapport_import_duplicate_set_decision (RapportImportDuplicate *self,
                                       RapportImportDecision   decision)
{
  g_return_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self));
  g_return_if_fail (decision <= RAPPORT_IMPORT_DECISION_CREATE);

  if (decision == RAPPORT_IMPORT_DECISION_CREATE && self->existing_id == 0 && self->same_code)
    return;
  if (self->decision == decision)
    return;

  self->decision = decision;
  g_object_notify_by_pspec (G_OBJECT (self), duplicate_properties[DUPLICATE_PROP_DECISION]);
}

const char * const *
rapport_import_duplicate_get_conflicts (RapportImportDuplicate *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self), NULL);
  return (const char * const *) self->conflicts;
}

const char *
rapport_import_duplicate_get_stored_value (RapportImportDuplicate *self,
                                           const char             *field)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self), NULL);
  return g_hash_table_lookup (self->stored_values, field);
}

const char *
rapport_import_duplicate_get_incoming_value (RapportImportDuplicate *self,
                                             const char             *field)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self), NULL);
  return g_hash_table_lookup (self->incoming_values, field);
}

gboolean
rapport_import_duplicate_get_overwrite (RapportImportDuplicate *self,
                                        const char             *field)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self), FALSE);
  return g_hash_table_contains (self->overwrite, field);
}

void
rapport_import_duplicate_set_overwrite (RapportImportDuplicate *self,
                                        const char             *field,
                                        gboolean                overwrite)
{
  g_return_if_fail (RAPPORT_IS_IMPORT_DUPLICATE (self));
  g_return_if_fail (field != NULL);

  if (overwrite)
    g_hash_table_add (self->overwrite, g_strdup (field));
  else
    g_hash_table_remove (self->overwrite, field);
}

void
_rapport_import_duplicate_copy_choices (RapportImportDuplicate *self,
                                        RapportImportDuplicate *previous)
{
  GHashTableIter iter;
  gpointer field;

  self->decision = previous->decision;
  if (self->decision == RAPPORT_IMPORT_DECISION_CREATE && self->existing_id == 0 && self->same_code)
    self->decision = RAPPORT_IMPORT_DECISION_MERGE;
  g_hash_table_iter_init (&iter, previous->overwrite);
  while (g_hash_table_iter_next (&iter, &field, NULL))
    g_hash_table_add (self->overwrite, g_strdup (field));
}
