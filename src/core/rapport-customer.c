/* rapport-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer"

#include "config.h"

#include "rapport-customer.h"

struct _RapportCustomer
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *code;
  char *name;
  RapportCustomerKind kind;
  RapportStage stage;
  RapportTier tier;
  RapportPotential potential;
  gint64 owner_id;
  char *source;
  char *industry;
  char *region;
  char *address;
  char **phones;
  char **emails;
  char *website;
  char *birthday;
  gboolean birthday_lunar;
  gboolean do_not_contact;
  char *do_not_contact_reason;
  char *notes;
  char **tags;
  gint64 created_at;
  gint64 updated_at;
  gint64 deleted_at;
  gint64 last_interaction_at;
};

G_DEFINE_FINAL_TYPE (RapportCustomer, rapport_customer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CODE,
  PROP_NAME,
  PROP_KIND,
  PROP_STAGE,
  PROP_TIER,
  PROP_POTENTIAL,
  PROP_OWNER_ID,
  PROP_SOURCE,
  PROP_INDUSTRY,
  PROP_REGION,
  PROP_ADDRESS,
  PROP_PHONES,
  PROP_EMAILS,
  PROP_WEBSITE,
  PROP_BIRTHDAY,
  PROP_BIRTHDAY_LUNAR,
  PROP_DO_NOT_CONTACT,
  PROP_DO_NOT_CONTACT_REASON,
  PROP_NOTES,
  PROP_TAGS,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  PROP_LAST_INTERACTION_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
copy_strv (const char * const *strv)
{
  static const char * const empty[] = { NULL };

  return g_strdupv ((char **) (strv != NULL ? strv : empty));
}

/* NULL stands for the empty list. */
static gboolean
strv_is_same (char               **current,
              const char * const  *strv)
{
  if (strv == NULL)
    return current[0] == NULL;

  return g_strv_equal ((const char * const *) current, strv);
}

static void
rapport_customer_finalize (GObject *object)
{
  RapportCustomer *self = RAPPORT_CUSTOMER (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->industry, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->phones, g_strfreev);
  g_clear_pointer (&self->emails, g_strfreev);
  g_clear_pointer (&self->website, g_free);
  g_clear_pointer (&self->birthday, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->do_not_contact_reason, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (rapport_customer_parent_class)->finalize (object);
}

static void
rapport_customer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportCustomer *self = RAPPORT_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;

    case PROP_TIER:
      g_value_set_enum (value, self->tier);
      break;

    case PROP_POTENTIAL:
      g_value_set_enum (value, self->potential);
      break;

    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_INDUSTRY:
      g_value_set_string (value, self->industry);
      break;

    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_PHONES:
      g_value_set_boxed (value, self->phones);
      break;

    case PROP_EMAILS:
      g_value_set_boxed (value, self->emails);
      break;

    case PROP_WEBSITE:
      g_value_set_string (value, self->website);
      break;

    case PROP_BIRTHDAY:
      g_value_set_string (value, self->birthday);
      break;

    case PROP_BIRTHDAY_LUNAR:
      g_value_set_boolean (value, self->birthday_lunar);
      break;

    case PROP_DO_NOT_CONTACT:
      g_value_set_boolean (value, self->do_not_contact);
      break;

    case PROP_DO_NOT_CONTACT_REASON:
      g_value_set_string (value, self->do_not_contact_reason);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_DELETED_AT:
      g_value_set_int64 (value, self->deleted_at);
      break;

    case PROP_LAST_INTERACTION_AT:
      g_value_set_int64 (value, self->last_interaction_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RapportCustomer *self = RAPPORT_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_customer_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_customer_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_CODE:
      rapport_customer_set_code (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      rapport_customer_set_name (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      rapport_customer_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_STAGE:
      rapport_customer_set_stage (self, g_value_get_enum (value));
      break;

    case PROP_TIER:
      rapport_customer_set_tier (self, g_value_get_enum (value));
      break;

    case PROP_POTENTIAL:
      rapport_customer_set_potential (self, g_value_get_enum (value));
      break;

    case PROP_OWNER_ID:
      rapport_customer_set_owner_id (self, g_value_get_int64 (value));
      break;

    case PROP_SOURCE:
      rapport_customer_set_source (self, g_value_get_string (value));
      break;

    case PROP_INDUSTRY:
      rapport_customer_set_industry (self, g_value_get_string (value));
      break;

    case PROP_REGION:
      rapport_customer_set_region (self, g_value_get_string (value));
      break;

    case PROP_ADDRESS:
      rapport_customer_set_address (self, g_value_get_string (value));
      break;

    case PROP_PHONES:
      rapport_customer_set_phones (self, g_value_get_boxed (value));
      break;

    case PROP_EMAILS:
      rapport_customer_set_emails (self, g_value_get_boxed (value));
      break;

    case PROP_WEBSITE:
      rapport_customer_set_website (self, g_value_get_string (value));
      break;

    case PROP_BIRTHDAY:
      rapport_customer_set_birthday (self, g_value_get_string (value));
      break;

    case PROP_BIRTHDAY_LUNAR:
      rapport_customer_set_birthday_lunar (self, g_value_get_boolean (value));
      break;

    case PROP_DO_NOT_CONTACT:
      rapport_customer_set_do_not_contact (self, g_value_get_boolean (value));
      break;

    case PROP_DO_NOT_CONTACT_REASON:
      rapport_customer_set_do_not_contact_reason (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      rapport_customer_set_notes (self, g_value_get_string (value));
      break;

    case PROP_TAGS:
      rapport_customer_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_CREATED_AT:
      rapport_customer_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_customer_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      rapport_customer_set_deleted_at (self, g_value_get_int64 (value));
      break;

    case PROP_LAST_INTERACTION_AT:
      rapport_customer_set_last_interaction_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_class_init (RapportCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_customer_finalize;
  object_class->get_property = rapport_customer_get_property;
  object_class->set_property = rapport_customer_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       RAPPORT_TYPE_CUSTOMER_KIND, RAPPORT_CUSTOMER_KIND_COMPANY,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL,
                       RAPPORT_TYPE_STAGE, RAPPORT_STAGE_PROSPECT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TIER] =
    g_param_spec_enum ("tier", NULL, NULL,
                       RAPPORT_TYPE_TIER, RAPPORT_TIER_LEAD,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_POTENTIAL] =
    g_param_spec_enum ("potential", NULL, NULL,
                       RAPPORT_TYPE_POTENTIAL, RAPPORT_POTENTIAL_LOW,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_INDUSTRY] =
    g_param_spec_string ("industry", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PHONES] =
    g_param_spec_boxed ("phones", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EMAILS] =
    g_param_spec_boxed ("emails", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_WEBSITE] =
    g_param_spec_string ("website", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BIRTHDAY] =
    g_param_spec_string ("birthday", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BIRTHDAY_LUNAR] =
    g_param_spec_boolean ("birthday-lunar", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DO_NOT_CONTACT] =
    g_param_spec_boolean ("do-not-contact", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DO_NOT_CONTACT_REASON] =
    g_param_spec_string ("do-not-contact-reason", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DELETED_AT] =
    g_param_spec_int64 ("deleted-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LAST_INTERACTION_AT] =
    g_param_spec_int64 ("last-interaction-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_customer_init (RapportCustomer *self)
{
  self->kind = RAPPORT_CUSTOMER_KIND_COMPANY;
  self->stage = RAPPORT_STAGE_PROSPECT;
  self->tier = RAPPORT_TIER_LEAD;
  self->potential = RAPPORT_POTENTIAL_LOW;
  self->phones = g_new0 (char *, 1);
  self->emails = g_new0 (char *, 1);
  self->tags = g_new0 (char *, 1);
}

/**
 * rapport_customer_new:
 *
 * Returns: (transfer full): a new, empty #RapportCustomer
 */
RapportCustomer *
rapport_customer_new (void)
{
  return g_object_new (RAPPORT_TYPE_CUSTOMER, NULL);
}

/**
 * rapport_customer_copy:
 * @self: a #RapportCustomer
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportCustomer *
rapport_customer_copy (RapportCustomer *self)
{
  RapportCustomer *copy;

  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  copy = rapport_customer_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->code = g_strdup (self->code);
  copy->name = g_strdup (self->name);
  copy->kind = self->kind;
  copy->stage = self->stage;
  copy->tier = self->tier;
  copy->potential = self->potential;
  copy->owner_id = self->owner_id;
  copy->source = g_strdup (self->source);
  copy->industry = g_strdup (self->industry);
  copy->region = g_strdup (self->region);
  copy->address = g_strdup (self->address);
  g_strfreev (copy->phones);
  copy->phones = g_strdupv (self->phones);
  g_strfreev (copy->emails);
  copy->emails = g_strdupv (self->emails);
  copy->website = g_strdup (self->website);
  copy->birthday = g_strdup (self->birthday);
  copy->birthday_lunar = self->birthday_lunar;
  copy->do_not_contact = self->do_not_contact;
  copy->do_not_contact_reason = g_strdup (self->do_not_contact_reason);
  copy->notes = g_strdup (self->notes);
  g_strfreev (copy->tags);
  copy->tags = g_strdupv (self->tags);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->deleted_at = self->deleted_at;
  copy->last_interaction_at = self->last_interaction_at;

  return copy;
}

gint64
rapport_customer_get_id (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->id;
}

void
rapport_customer_set_id (RapportCustomer *self,
                         gint64           id)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_customer_get_uuid (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->uuid;
}

void
rapport_customer_set_uuid (RapportCustomer *self,
                           const char      *uuid)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
rapport_customer_get_code (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->code;
}

void
rapport_customer_set_code (RapportCustomer *self,
                           const char      *code)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->code, code) == 0)
    return;

  g_free (self->code);
  self->code = g_strdup (code);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
rapport_customer_get_name (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->name;
}

void
rapport_customer_set_name (RapportCustomer *self,
                           const char      *name)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

RapportCustomerKind
rapport_customer_get_kind (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->kind;
}

void
rapport_customer_set_kind (RapportCustomer    *self,
                           RapportCustomerKind kind)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

RapportStage
rapport_customer_get_stage (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->stage;
}

void
rapport_customer_set_stage (RapportCustomer *self,
                            RapportStage     stage)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (self->stage == stage)
    return;

  self->stage = stage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

RapportTier
rapport_customer_get_tier (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->tier;
}

void
rapport_customer_set_tier (RapportCustomer *self,
                           RapportTier      tier)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (self->tier == tier)
    return;

  self->tier = tier;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIER]);
}

RapportPotential
rapport_customer_get_potential (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->potential;
}

void
rapport_customer_set_potential (RapportCustomer *self,
                                RapportPotential potential)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (self->potential == potential)
    return;

  self->potential = potential;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POTENTIAL]);
}

gint64
rapport_customer_get_owner_id (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->owner_id;
}

void
rapport_customer_set_owner_id (RapportCustomer *self,
                               gint64           owner_id)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (self->owner_id == owner_id)
    return;

  self->owner_id = owner_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ID]);
}

const char *
rapport_customer_get_source (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->source;
}

void
rapport_customer_set_source (RapportCustomer *self,
                             const char      *source)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->source, source) == 0)
    return;

  g_free (self->source);
  self->source = g_strdup (source);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

const char *
rapport_customer_get_industry (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->industry;
}

void
rapport_customer_set_industry (RapportCustomer *self,
                               const char      *industry)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->industry, industry) == 0)
    return;

  g_free (self->industry);
  self->industry = g_strdup (industry);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDUSTRY]);
}

const char *
rapport_customer_get_region (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->region;
}

void
rapport_customer_set_region (RapportCustomer *self,
                             const char      *region)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->region, region) == 0)
    return;

  g_free (self->region);
  self->region = g_strdup (region);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

const char *
rapport_customer_get_address (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->address;
}

void
rapport_customer_set_address (RapportCustomer *self,
                              const char      *address)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->address, address) == 0)
    return;

  g_free (self->address);
  self->address = g_strdup (address);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

const char * const *
rapport_customer_get_phones (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return (const char * const *) self->phones;
}

void
rapport_customer_set_phones (RapportCustomer    *self,
                             const char * const *phones)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (strv_is_same (self->phones, phones))
    return;

  g_strfreev (self->phones);
  self->phones = copy_strv (phones);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONES]);
}

const char * const *
rapport_customer_get_emails (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return (const char * const *) self->emails;
}

void
rapport_customer_set_emails (RapportCustomer    *self,
                             const char * const *emails)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (strv_is_same (self->emails, emails))
    return;

  g_strfreev (self->emails);
  self->emails = copy_strv (emails);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAILS]);
}

const char *
rapport_customer_get_website (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->website;
}

void
rapport_customer_set_website (RapportCustomer *self,
                              const char      *website)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->website, website) == 0)
    return;

  g_free (self->website);
  self->website = g_strdup (website);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBSITE]);
}

const char *
rapport_customer_get_birthday (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->birthday;
}

void
rapport_customer_set_birthday (RapportCustomer *self,
                               const char      *birthday)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->birthday, birthday) == 0)
    return;

  g_free (self->birthday);
  self->birthday = g_strdup (birthday);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTHDAY]);
}

gboolean
rapport_customer_get_birthday_lunar (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), FALSE);

  return self->birthday_lunar;
}

void
rapport_customer_set_birthday_lunar (RapportCustomer *self,
                                     gboolean         birthday_lunar)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  birthday_lunar = !!birthday_lunar;
  if (self->birthday_lunar == birthday_lunar)
    return;

  self->birthday_lunar = birthday_lunar;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTHDAY_LUNAR]);
}

gboolean
rapport_customer_get_do_not_contact (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), FALSE);

  return self->do_not_contact;
}

void
rapport_customer_set_do_not_contact (RapportCustomer *self,
                                     gboolean        do_not_contact)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  do_not_contact = !!do_not_contact;
  if (self->do_not_contact == do_not_contact)
    return;

  self->do_not_contact = do_not_contact;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DO_NOT_CONTACT]);
}

const char *
rapport_customer_get_do_not_contact_reason (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->do_not_contact_reason;
}

void
rapport_customer_set_do_not_contact_reason (RapportCustomer *self,
                                            const char      *reason)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->do_not_contact_reason, reason) == 0)
    return;

  g_free (self->do_not_contact_reason);
  self->do_not_contact_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DO_NOT_CONTACT_REASON]);
}

const char *
rapport_customer_get_notes (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->notes;
}

void
rapport_customer_set_notes (RapportCustomer *self,
                            const char      *notes)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

const char * const *
rapport_customer_get_tags (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return (const char * const *) self->tags;
}

void
rapport_customer_set_tags (RapportCustomer    *self,
                           const char * const *tags)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (strv_is_same (self->tags, tags))
    return;

  g_strfreev (self->tags);
  self->tags = copy_strv (tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gint64
rapport_customer_get_created_at (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->created_at;
}

void
rapport_customer_set_created_at (RapportCustomer *self,
                                 gint64           created_at)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_customer_get_updated_at (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->updated_at;
}

void
rapport_customer_set_updated_at (RapportCustomer *self,
                                 gint64           updated_at)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
rapport_customer_get_deleted_at (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->deleted_at;
}

void
rapport_customer_set_deleted_at (RapportCustomer *self,
                                 gint64           deleted_at)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}

gint64
rapport_customer_get_last_interaction_at (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->last_interaction_at;
}

void
rapport_customer_set_last_interaction_at (RapportCustomer *self,
                                          gint64           last_interaction_at)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  if (self->last_interaction_at == last_interaction_at)
    return;

  self->last_interaction_at = last_interaction_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_INTERACTION_AT]);
}
