/* rapport-trash-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-trash-item"

#include "config.h"

#include "rapport-trash-item.h"

struct _RapportTrashItem
{
  GObject            parent_instance;

  RapportEntityKind  kind;
  gint64             id;
  char              *title;
  char              *subtitle;
  gint64             deleted_at;
};

G_DEFINE_FINAL_TYPE (RapportTrashItem, rapport_trash_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_DELETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_trash_item_finalize (GObject *object)
{
  RapportTrashItem *self = RAPPORT_TRASH_ITEM (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);

  G_OBJECT_CLASS (rapport_trash_item_parent_class)->finalize (object);
}

static void
rapport_trash_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportTrashItem *self = RAPPORT_TRASH_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_DELETED_AT:
      g_value_set_int64 (value, self->deleted_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_trash_item_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportTrashItem *self = RAPPORT_TRASH_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_SUBTITLE:
      self->subtitle = g_value_dup_string (value);
      break;
    case PROP_DELETED_AT:
      self->deleted_at = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_trash_item_class_init (RapportTrashItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_trash_item_finalize;
  object_class->get_property = rapport_trash_item_get_property;
  object_class->set_property = rapport_trash_item_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       RAPPORT_TYPE_ENTITY_KIND, RAPPORT_ENTITY_KIND_CUSTOMER, flags);
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  properties[PROP_DELETED_AT] =
    g_param_spec_int64 ("deleted-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_trash_item_init (RapportTrashItem *self)
{
}

RapportTrashItem *
rapport_trash_item_new (RapportEntityKind  kind,
                        gint64             id,
                        const char        *title,
                        const char        *subtitle,
                        gint64             deleted_at)
{
  return g_object_new (RAPPORT_TYPE_TRASH_ITEM,
                       "kind", kind,
                       "id", id,
                       "title", title,
                       "subtitle", subtitle,
                       "deleted-at", deleted_at,
                       NULL);
}

RapportEntityKind
rapport_trash_item_get_kind (RapportTrashItem *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_ITEM (self), 0);

  return self->kind;
}

gint64
rapport_trash_item_get_id (RapportTrashItem *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_ITEM (self), 0);

  return self->id;
}

const char *
rapport_trash_item_get_title (RapportTrashItem *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_ITEM (self), NULL);

  return self->title;
}

const char *
rapport_trash_item_get_subtitle (RapportTrashItem *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_ITEM (self), NULL);

  return self->subtitle;
}

gint64
rapport_trash_item_get_deleted_at (RapportTrashItem *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_ITEM (self), 0);

  return self->deleted_at;
}
