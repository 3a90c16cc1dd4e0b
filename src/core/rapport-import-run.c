/* rapport-import-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-import-run"

#include "config.h"

#include "rapport-import-run.h"

struct _RapportImportRun
{
  GObject  parent_instance;

  gint64   id;
  char    *file_name;
  char    *format;
  gint64   imported_at;
  guint    n_created;
  guint    n_merged;
  guint    n_skipped;
  guint    n_contacts;
  gint64   undone_at;
};

G_DEFINE_FINAL_TYPE (RapportImportRun, rapport_import_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FILE_NAME,
  PROP_FORMAT,
  PROP_IMPORTED_AT,
  PROP_N_CREATED,
  PROP_N_MERGED,
  PROP_N_SKIPPED,
  PROP_N_CONTACTS,
  PROP_UNDONE_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_import_run_finalize (GObject *object)
{
  RapportImportRun *self = RAPPORT_IMPORT_RUN (object);

  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->format, g_free);

  G_OBJECT_CLASS (rapport_import_run_parent_class)->finalize (object);
}

static void
rapport_import_run_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportImportRun *self = RAPPORT_IMPORT_RUN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_IMPORTED_AT:
      g_value_set_int64 (value, self->imported_at);
      break;
    case PROP_N_CREATED:
      g_value_set_uint (value, self->n_created);
      break;
    case PROP_N_MERGED:
      g_value_set_uint (value, self->n_merged);
      break;
    case PROP_N_SKIPPED:
      g_value_set_uint (value, self->n_skipped);
      break;
    case PROP_N_CONTACTS:
      g_value_set_uint (value, self->n_contacts);
      break;
    case PROP_UNDONE_AT:
      g_value_set_int64 (value, self->undone_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_import_run_class_init (RapportImportRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_import_run_finalize;
  object_class->get_property = rapport_import_run_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL, flags);
  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, NULL, flags);
  properties[PROP_IMPORTED_AT] =
    g_param_spec_int64 ("imported-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_N_CREATED] =
    g_param_spec_uint ("n-created", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_MERGED] =
    g_param_spec_uint ("n-merged", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SKIPPED] =
    g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_CONTACTS] =
    g_param_spec_uint ("n-contacts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_UNDONE_AT] =
    g_param_spec_int64 ("undone-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_import_run_init (RapportImportRun *self)
{
}

RapportImportRun *
rapport_import_run_new (gint64      id,
                        const char *file_name,
                        const char *format,
                        gint64      imported_at,
                        guint       n_created,
                        guint       n_merged,
                        guint       n_skipped,
                        guint       n_contacts,
                        gint64      undone_at)
{
  RapportImportRun *self = g_object_new (RAPPORT_TYPE_IMPORT_RUN, NULL);

  /* Read-only properties: a run is a record of the past, set once here. */
  self->id = id;
  self->file_name = g_strdup (file_name);
  self->format = g_strdup (format);
  self->imported_at = imported_at;
  self->n_created = n_created;
  self->n_merged = n_merged;
  self->n_skipped = n_skipped;
  self->n_contacts = n_contacts;
  self->undone_at = undone_at;

  return self;
}

gint64
rapport_import_run_get_id (RapportImportRun *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_RUN (self), 0);

  return self->id;
}

const char *
rapport_import_run_get_file_name (RapportImportRun *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_RUN (self), NULL);

  return self->file_name;
}

const char *
rapport_import_run_get_format (RapportImportRun *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_RUN (self), NULL);

  return self->format;
}

gint64
rapport_import_run_get_imported_at (RapportImportRun *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_RUN (self), 0);

  return self->imported_at;
}

guint
rapport_import_run_get_n_created (RapportImportRun *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_RUN (self), 0);

  return self->n_created;
}

guint
rapport_import_run_get_n_merged (RapportImportRun *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_RUN (self), 0);

  return self->n_merged;
}

guint
rapport_import_run_get_n_skipped (RapportImportRun *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_RUN (self), 0);

  return self->n_skipped;
}

guint
rapport_import_run_get_n_contacts (RapportImportRun *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_RUN (self), 0);

  return self->n_contacts;
}

gint64
rapport_import_run_get_undone_at (RapportImportRun *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_RUN (self), 0);

  return self->undone_at;
}
