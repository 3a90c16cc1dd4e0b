/* rapport-audience.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-audience"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rapport-audience.h"
#include "rapport-enums.h"
#include "rapport-validation.h"

G_DEFINE_BOXED_TYPE (RapportAudience, rapport_audience, rapport_audience_copy, rapport_audience_free)

RapportAudience *
rapport_audience_new (void)
{
  return g_new0 (RapportAudience, 1);
}

RapportAudience *
rapport_audience_copy (const RapportAudience *audience)
{
  RapportAudience *copy;

  g_return_val_if_fail (audience != NULL, NULL);

  copy = rapport_audience_new ();
  copy->tiers = g_strdupv (audience->tiers);
  copy->stages = g_strdupv (audience->stages);
  for (guint i = 0; i < rapport_audience_get_n_tag_ids (audience); i++)
    rapport_audience_add_tag_id (copy, rapport_audience_get_tag_id (audience, i));
  copy->include_contacts = audience->include_contacts;

  return copy;
}

void
rapport_audience_free (RapportAudience *audience)
{
  if (audience == NULL)
    return;

  g_strfreev (audience->tiers);
  g_strfreev (audience->stages);
  g_clear_pointer (&audience->tag_ids, g_array_unref);
  g_free (audience);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a != NULL ? a : empty, b != NULL ? b : empty);
}

gboolean
rapport_audience_equal (const RapportAudience *a,
                        const RapportAudience *b)
{
  guint n;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  n = rapport_audience_get_n_tag_ids (a);
  if (n != rapport_audience_get_n_tag_ids (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (rapport_audience_get_tag_id (a, i) != rapport_audience_get_tag_id (b, i))
      return FALSE;

  return strv_equal ((const char * const *) a->tiers, (const char * const *) b->tiers) &&
         strv_equal ((const char * const *) a->stages, (const char * const *) b->stages) &&
         !a->include_contacts == !b->include_contacts;
}

void
rapport_audience_add_tag_id (RapportAudience *audience,
                             gint64           tag_id)
{
  g_return_if_fail (audience != NULL);

  if (audience->tag_ids == NULL)
    audience->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (audience->tag_ids, tag_id);
}

guint
rapport_audience_get_n_tag_ids (const RapportAudience *audience)
{
  g_return_val_if_fail (audience != NULL, 0);

  return audience->tag_ids != NULL ? audience->tag_ids->len : 0;
}

gint64
rapport_audience_get_tag_id (const RapportAudience *audience,
                             guint                  index)
{
  g_return_val_if_fail (index < rapport_audience_get_n_tag_ids (audience), 0);

  return g_array_index (audience->tag_ids, gint64, index);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *values)
{
  if (values == NULL || values[0] == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

char *
rapport_audience_to_json (const RapportAudience *audience)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (audience != NULL, NULL);

  json_builder_begin_object (builder);
  add_strv (builder, "tiers", (const char * const *) audience->tiers);
  add_strv (builder, "stages", (const char * const *) audience->stages);
  if (rapport_audience_get_n_tag_ids (audience) > 0)
    {
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint i = 0; i < rapport_audience_get_n_tag_ids (audience); i++)
        json_builder_add_int_value (builder, rapport_audience_get_tag_id (audience, i));
      json_builder_end_array (builder);
    }
  if (audience->include_contacts)
    {
      json_builder_set_member_name (builder, "contacts");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
invalid_audience (GError **error)
{
  g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AUDIENCE,
                       _("The recipients’ filter is damaged: choose the recipients again"));
  return FALSE;
}

typedef gboolean (*KeyCheckFunc) (const char *key);

static gboolean
tier_key_valid (const char *key)
{
  RapportTier tier;

  return rapport_tier_from_string (key, &tier);
}

static gboolean
stage_key_valid (const char *key)
{
  RapportStage stage;

  return rapport_stage_from_string (key, &stage);
}

static gboolean
read_keys (JsonObject    *object,
           const char    *member,
           KeyCheckFunc   check,
           GStrv         *out,
           GError       **error)
{
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid_audience (error);

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *key;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return invalid_audience (error);
      key = json_node_get_string (element);
      if (!check (key))
        return invalid_audience (error);
      g_strv_builder_add (builder, key);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

RapportAudience *
rapport_audience_from_json (const char  *json,
                            GError     **error)
{
  g_autoptr (RapportAudience) audience = rapport_audience_new ();
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonNode *tags;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (json == NULL || json[0] == '\0')
    return g_steal_pointer (&audience);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    {
      invalid_audience (error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid_audience (error);
      return NULL;
    }
  object = json_node_get_object (root);

  if (!read_keys (object, "tiers", tier_key_valid, &audience->tiers, error) ||
      !read_keys (object, "stages", stage_key_valid, &audience->stages, error))
    return NULL;

  tags = json_object_get_member (object, "tags");
  if (tags != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (tags))
        {
          invalid_audience (error);
          return NULL;
        }
      array = json_node_get_array (tags);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
            {
              invalid_audience (error);
              return NULL;
            }
          rapport_audience_add_tag_id (audience, json_node_get_int (element));
        }
    }

  if (json_object_has_member (object, "contacts"))
    audience->include_contacts = json_object_get_boolean_member (object, "contacts");

  return g_steal_pointer (&audience);
}

/* "Gold or Platinum", from stored keys, with translated labels. */
static char *
join_labels (const char * const *keys,
             gboolean            tiers)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  /* Translators: between the last two of a list of tiers or stages,
   * "Gold or Platinum" */
  const char *or = _(" or ");
  GString *out = g_string_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      RapportTier tier;
      RapportStage stage;

      if (tiers && rapport_tier_from_string (keys[i], &tier))
        g_ptr_array_add (labels, (gpointer) rapport_tier_get_label (tier));
      else if (!tiers && rapport_stage_from_string (keys[i], &stage))
        g_ptr_array_add (labels, (gpointer) rapport_stage_get_label (stage));
    }

  for (guint i = 0; i < labels->len; i++)
    {
      if (i > 0)
        /* Translators: separates the items of a list of tiers or stages
         * before the last one */
        g_string_append (out, i + 1 == labels->len ? or : _(", "));
      g_string_append (out, g_ptr_array_index (labels, i));
    }

  return g_string_free (out, FALSE);
}

char *
rapport_audience_describe_with_tags (const RapportAudience *audience,
                                     const char * const    *tag_names)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  guint n_tags;

  g_return_val_if_fail (audience != NULL, NULL);

  if (audience->tiers != NULL && audience->tiers[0] != NULL)
    {
      g_autofree char *tiers = join_labels ((const char * const *) audience->tiers, TRUE);

      /* Translators: %s is a list of tiers, "Gold or Platinum customers" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s customers"), tiers));
    }
  else
    {
      g_ptr_array_add (parts, g_strdup (_("All customers")));
    }

  if (audience->stages != NULL && audience->stages[0] != NULL)
    {
      g_autofree char *stages = join_labels ((const char * const *) audience->stages, FALSE);

      /* Translators: %s is a list of stages, "in stage Active or Dormant" */
      g_ptr_array_add (parts, g_strdup_printf (_("in stage %s"), stages));
    }

  n_tags = rapport_audience_get_n_tag_ids (audience);
  if (tag_names != NULL && tag_names[0] != NULL)
    {
      /* Translators: separates tag names, "tagged VIP or Wholesale" */
      g_autofree char *names = g_strjoinv (_(" or "), (char **) tag_names);

      /* Translators: %s is one or more tag names */
      g_ptr_array_add (parts, g_strdup_printf (_("tagged %s"), names));
    }
  else if (n_tags > 0)
    {
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "with one chosen tag",
                                                            "with one of %u chosen tags", n_tags),
                                               n_tags));
    }

  if (audience->include_contacts)
    g_ptr_array_add (parts, g_strdup (_("and their contacts")));

  g_ptr_array_add (parts, NULL);
  /* Translators: separates the parts of a recipients' filter,
   * "Gold customers · in stage Active · tagged VIP" */
  joined = g_strjoinv (_(" · "), (char **) parts->pdata);
  return g_steal_pointer (&joined);
}

char *
rapport_audience_describe (const RapportAudience *audience)
{
  return rapport_audience_describe_with_tags (audience, NULL);
}

char *
rapport_do_not_contact_describe (const char *reason)
{
  if (reason != NULL && *reason != '\0')
    /* Translators: shown on a customer or contact marked do-not-contact, and as
     * why a bulk send skips them; %s is the reason given */
    return g_strdup_printf (_("Does not want messages: %s"), reason);

  return g_strdup (_("Does not want messages"));
}
