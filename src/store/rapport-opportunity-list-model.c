/* rapport-opportunity-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-opportunity-list-model"

#include "config.h"

#include "rapport-opportunity-list-model.h"

/* A screenful of cards and then some: one query per page. */
#define PAGE_SIZE 50

struct _RapportOpportunityListModel
{
  GObject                 parent_instance;

  RapportDatabase        *db;
  gboolean                is_column;
  gint64                  stage_id;
  gint64                  owner_id;
  RapportOpportunitySort  sort;
  gboolean                descending;

  GArray                 *ids;      /* gint64, in list order */
  GHashTable             *pages;    /* page number → GListModel of that page's opportunities */
  guint                   n_reads;
};

static void rapport_opportunity_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportOpportunityListModel, rapport_opportunity_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rapport_opportunity_list_model_iface_init))

static GArray *
read_ids (RapportOpportunityListModel  *self,
          GError                      **error)
{
  if (self->is_column)
    return rapport_store_list_stage_opportunity_ids (self->db, self->stage_id, self->owner_id, error);

  return rapport_store_list_open_opportunity_ids (self->db, self->sort, self->descending, self->owner_id, error);
}

static GListModel *
get_page (RapportOpportunityListModel *self,
          guint                        page)
{
  g_autoptr (GError) error = NULL;
  GListModel *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  guint first = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - first);

  if (items != NULL)
    return items;

  items = rapport_store_get_opportunities (self->db, &g_array_index (self->ids, gint64, first), n, &error);
  self->n_reads++;
  if (items == NULL)
    {
      g_warning ("Could not read opportunities: %s", error->message);
      return NULL;
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  return items;
}

/* GListModel */

static GType
rapport_opportunity_list_model_get_item_type (GListModel *model)
{
  return RAPPORT_TYPE_OPPORTUNITY;
}

static guint
rapport_opportunity_list_model_get_n_items (GListModel *model)
{
  return RAPPORT_OPPORTUNITY_LIST_MODEL (model)->ids->len;
}

static gpointer
rapport_opportunity_list_model_get_item (GListModel *model,
                                         guint       position)
{
  RapportOpportunityListModel *self = RAPPORT_OPPORTUNITY_LIST_MODEL (model);
  gint64 id;
  GListModel *page;
  RapportOpportunity *placeholder;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  page = get_page (self, position / PAGE_SIZE);
  for (guint i = 0, n = page != NULL ? g_list_model_get_n_items (page) : 0; i < n; i++)
    {
      g_autoptr (RapportOpportunity) opportunity = g_list_model_get_item (page, i);

      if (rapport_opportunity_get_id (opportunity) == id)
        return g_steal_pointer (&opportunity);
    }

  /* Gone since the ids were read; the change bus brings the reload that
   * removes it. Until then an empty one with its id stands in. */
  placeholder = rapport_opportunity_new ();
  rapport_opportunity_set_id (placeholder, id);
  return placeholder;
}

static void
rapport_opportunity_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rapport_opportunity_list_model_get_item_type;
  iface->get_n_items = rapport_opportunity_list_model_get_n_items;
  iface->get_item = rapport_opportunity_list_model_get_item;
}

/* GObject */

static void
rapport_opportunity_list_model_finalize (GObject *object)
{
  RapportOpportunityListModel *self = RAPPORT_OPPORTUNITY_LIST_MODEL (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_opportunity_list_model_parent_class)->finalize (object);
}

static void
rapport_opportunity_list_model_class_init (RapportOpportunityListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_opportunity_list_model_finalize;
}

static void
rapport_opportunity_list_model_init (RapportOpportunityListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->owner_id = RAPPORT_PIPELINE_ANY_OWNER;
}

/* Public API */

static RapportOpportunityListModel *
create (RapportDatabase *db)
{
  RapportOpportunityListModel *self = g_object_new (RAPPORT_TYPE_OPPORTUNITY_LIST_MODEL, NULL);
  self->db = g_object_ref (db);
  return self;
}

/**
 * rapport_opportunity_list_model_new_for_stage:
 *
 * Returns: (transfer full): a new model, already read
 */
RapportOpportunityListModel *
rapport_opportunity_list_model_new_for_stage (RapportDatabase *db,
                                              gint64           stage_id,
                                              gint64           owner_id)
{
  RapportOpportunityListModel *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);

  self = create (db);
  self->is_column = TRUE;
  self->stage_id = stage_id;
  self->owner_id = owner_id;
  rapport_opportunity_list_model_reload (self, NULL, NULL);

  return self;
}

/**
 * rapport_opportunity_list_model_new_open:
 *
 * Returns: (transfer full): a new model, already read
 */
RapportOpportunityListModel *
rapport_opportunity_list_model_new_open (RapportDatabase        *db,
                                         RapportOpportunitySort  sort,
                                         gboolean                descending,
                                         gint64                  owner_id)
{
  RapportOpportunityListModel *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);

  self = create (db);
  self->sort = sort;
  self->descending = descending;
  self->owner_id = owner_id;
  rapport_opportunity_list_model_reload (self, NULL, NULL);

  return self;
}

gint64
rapport_opportunity_list_model_get_stage_id (RapportOpportunityListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY_LIST_MODEL (self), 0);

  return self->stage_id;
}

void
rapport_opportunity_list_model_set_owner_id (RapportOpportunityListModel *self,
                                             gint64                       owner_id)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY_LIST_MODEL (self));

  if (self->owner_id == owner_id)
    return;

  self->owner_id = owner_id;
  rapport_opportunity_list_model_reload (self, NULL, NULL);
}

void
rapport_opportunity_list_model_set_sort (RapportOpportunityListModel *self,
                                         RapportOpportunitySort       sort,
                                         gboolean                     descending)
{
  g_return_if_fail (RAPPORT_IS_OPPORTUNITY_LIST_MODEL (self));
  g_return_if_fail (!self->is_column);

  if (self->sort == sort && self->descending == !!descending)
    return;

  self->sort = sort;
  self->descending = !!descending;
  rapport_opportunity_list_model_reload (self, NULL, NULL);
}

RapportOpportunitySort
rapport_opportunity_list_model_get_sort (RapportOpportunityListModel *self,
                                         gboolean                    *out_descending)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY_LIST_MODEL (self), 0);

  if (out_descending != NULL)
    *out_descending = self->descending;
  return self->sort;
}

gboolean
rapport_opportunity_list_model_reload (RapportOpportunityListModel  *self,
                                       GArray                       *changed_ids,
                                       GError                      **error)
{
  g_autoptr (GArray) old_ids = NULL;
  g_autoptr (GArray) ids = NULL;
  guint prefix = 0;
  guint suffix = 0;

  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY_LIST_MODEL (self), FALSE);

  ids = read_ids (self, error);
  if (ids == NULL)
    return FALSE;

  old_ids = g_steal_pointer (&self->ids);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->pages);

  /* One change covers what lies between the common start and end: a card
   * moved within the list, or one that came or went. */
  while (prefix < old_ids->len && prefix < self->ids->len &&
         g_array_index (old_ids, gint64, prefix) == g_array_index (self->ids, gint64, prefix))
    prefix++;
  while (suffix < old_ids->len - prefix && suffix < self->ids->len - prefix &&
         g_array_index (old_ids, gint64, old_ids->len - 1 - suffix) ==
         g_array_index (self->ids, gint64, self->ids->len - 1 - suffix))
    suffix++;

  if (prefix + suffix < MAX (old_ids->len, self->ids->len))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_ids->len - prefix - suffix,
                                self->ids->len - prefix - suffix);

  for (guint i = 0; changed_ids != NULL && i < changed_ids->len; i++)
    {
      guint position = rapport_opportunity_list_model_find (self, g_array_index (changed_ids, gint64, i));

      /* Inside the span just reported, it is new to the views anyway. */
      if (position != G_MAXUINT && (position < prefix || position >= self->ids->len - suffix))
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }

  return TRUE;
}

void
rapport_opportunity_list_model_refresh_customer (RapportOpportunityListModel *self,
                                                 gint64                       customer_id)
{
  g_autoptr (GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (RAPPORT_IS_OPPORTUNITY_LIST_MODEL (self));

  /* Only the pages read so far can have been shown. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint page = GPOINTER_TO_UINT (key);
      gboolean found = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (value); i++)
        {
          g_autoptr (RapportOpportunity) opportunity = g_list_model_get_item (value, i);

          if (rapport_opportunity_get_customer_id (opportunity) == customer_id)
            {
              guint position = rapport_opportunity_list_model_find (self, rapport_opportunity_get_id (opportunity));

              if (position != G_MAXUINT && position / PAGE_SIZE == page)
                g_array_append_val (positions, position);
              found = TRUE;
            }
        }
      if (found)
        g_hash_table_iter_remove (&iter);
    }

  for (guint i = 0; i < positions->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (positions, guint, i), 1, 1);
}

gboolean
rapport_opportunity_list_model_contains (RapportOpportunityListModel *self,
                                         gint64                       id)
{
  return rapport_opportunity_list_model_find (self, id) != G_MAXUINT;
}

guint
rapport_opportunity_list_model_find (RapportOpportunityListModel *self,
                                     gint64                       id)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY_LIST_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}

guint
rapport_opportunity_list_model_get_n_reads (RapportOpportunityListModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY_LIST_MODEL (self), 0);

  return self->n_reads;
}
