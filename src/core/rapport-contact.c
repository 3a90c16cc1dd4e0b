/* rapport-contact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-contact"

#include "config.h"

#include "rapport-contact.h"

struct _RapportContact
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 customer_id;
  char *name;
  char *title;
  char **phones;
  char **emails;
  char *birthday;
  gboolean birthday_lunar;
  gboolean do_not_contact;
  char *do_not_contact_reason;
  gboolean is_primary;
  char *notes;
  gint64 created_at;
  gint64 updated_at;
  gint64 deleted_at;
};

G_DEFINE_FINAL_TYPE (RapportContact, rapport_contact, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CUSTOMER_ID,
  PROP_NAME,
  PROP_TITLE,
  PROP_PHONES,
  PROP_EMAILS,
  PROP_BIRTHDAY,
  PROP_BIRTHDAY_LUNAR,
  PROP_DO_NOT_CONTACT,
  PROP_DO_NOT_CONTACT_REASON,
  PROP_IS_PRIMARY,
  PROP_NOTES,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
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
rapport_contact_finalize (GObject *object)
{
  RapportContact *self = RAPPORT_CONTACT (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->phones, g_strfreev);
  g_clear_pointer (&self->emails, g_strfreev);
  g_clear_pointer (&self->birthday, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->do_not_contact_reason, g_free);

  G_OBJECT_CLASS (rapport_contact_parent_class)->finalize (object);
}

static void
rapport_contact_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RapportContact *self = RAPPORT_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_PHONES:
      g_value_set_boxed (value, self->phones);
      break;

    case PROP_EMAILS:
      g_value_set_boxed (value, self->emails);
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

    case PROP_IS_PRIMARY:
      g_value_set_boolean (value, self->is_primary);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_contact_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RapportContact *self = RAPPORT_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      rapport_contact_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      rapport_contact_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      rapport_contact_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      rapport_contact_set_name (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      rapport_contact_set_title (self, g_value_get_string (value));
      break;

    case PROP_PHONES:
      rapport_contact_set_phones (self, g_value_get_boxed (value));
      break;

    case PROP_EMAILS:
      rapport_contact_set_emails (self, g_value_get_boxed (value));
      break;

    case PROP_BIRTHDAY:
      rapport_contact_set_birthday (self, g_value_get_string (value));
      break;

    case PROP_BIRTHDAY_LUNAR:
      rapport_contact_set_birthday_lunar (self, g_value_get_boolean (value));
      break;

    case PROP_DO_NOT_CONTACT:
      rapport_contact_set_do_not_contact (self, g_value_get_boolean (value));
      break;

    case PROP_DO_NOT_CONTACT_REASON:
      rapport_contact_set_do_not_contact_reason (self, g_value_get_string (value));
      break;

    case PROP_IS_PRIMARY:
      rapport_contact_set_is_primary (self, g_value_get_boolean (value));
      break;

    case PROP_NOTES:
      rapport_contact_set_notes (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      rapport_contact_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rapport_contact_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      rapport_contact_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_contact_class_init (RapportContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_contact_finalize;
  object_class->get_property = rapport_contact_get_property;
  object_class->set_property = rapport_contact_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
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

  properties[PROP_IS_PRIMARY] =
    g_param_spec_boolean ("is-primary", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_contact_init (RapportContact *self)
{
  self->phones = g_new0 (char *, 1);
  self->emails = g_new0 (char *, 1);
}

/**
 * rapport_contact_new:
 *
 * Returns: (transfer full): a new, empty #RapportContact
 */
RapportContact *
rapport_contact_new (void)
{
  return g_object_new (RAPPORT_TYPE_CONTACT, NULL);
}

/**
 * rapport_contact_copy:
 * @self: a #RapportContact
 *
 * Returns: (transfer full): a deep copy of @self, id included
 */
RapportContact *
rapport_contact_copy (RapportContact *self)
{
  RapportContact *copy;

  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);

  copy = rapport_contact_new ();

  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->customer_id = self->customer_id;
  copy->name = g_strdup (self->name);
  copy->title = g_strdup (self->title);
  g_strfreev (copy->phones);
  copy->phones = g_strdupv (self->phones);
  g_strfreev (copy->emails);
  copy->emails = g_strdupv (self->emails);
  copy->birthday = g_strdup (self->birthday);
  copy->birthday_lunar = self->birthday_lunar;
  copy->do_not_contact = self->do_not_contact;
  copy->do_not_contact_reason = g_strdup (self->do_not_contact_reason);
  copy->is_primary = self->is_primary;
  copy->notes = g_strdup (self->notes);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->deleted_at = self->deleted_at;

  return copy;
}

gint64
rapport_contact_get_id (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), 0);

  return self->id;
}

void
rapport_contact_set_id (RapportContact *self,
                        gint64          id)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_contact_get_uuid (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);

  return self->uuid;
}

void
rapport_contact_set_uuid (RapportContact *self,
                          const char     *uuid)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
rapport_contact_get_customer_id (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), 0);

  return self->customer_id;
}

void
rapport_contact_set_customer_id (RapportContact *self,
                                 gint64          customer_id)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
rapport_contact_get_name (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);

  return self->name;
}

void
rapport_contact_set_name (RapportContact *self,
                          const char     *name)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
rapport_contact_get_title (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);

  return self->title;
}

void
rapport_contact_set_title (RapportContact *self,
                           const char     *title)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char * const *
rapport_contact_get_phones (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);

  return (const char * const *) self->phones;
}

void
rapport_contact_set_phones (RapportContact     *self,
                            const char * const *phones)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (strv_is_same (self->phones, phones))
    return;

  g_strfreev (self->phones);
  self->phones = copy_strv (phones);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONES]);
}

const char * const *
rapport_contact_get_emails (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);

  return (const char * const *) self->emails;
}

void
rapport_contact_set_emails (RapportContact     *self,
                            const char * const *emails)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (strv_is_same (self->emails, emails))
    return;

  g_strfreev (self->emails);
  self->emails = copy_strv (emails);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAILS]);
}

const char *
rapport_contact_get_birthday (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);

  return self->birthday;
}

void
rapport_contact_set_birthday (RapportContact *self,
                              const char     *birthday)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (g_strcmp0 (self->birthday, birthday) == 0)
    return;

  g_free (self->birthday);
  self->birthday = g_strdup (birthday);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTHDAY]);
}

gboolean
rapport_contact_get_birthday_lunar (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), FALSE);

  return self->birthday_lunar;
}

void
rapport_contact_set_birthday_lunar (RapportContact *self,
                                    gboolean        birthday_lunar)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  birthday_lunar = !!birthday_lunar;
  if (self->birthday_lunar == birthday_lunar)
    return;

  self->birthday_lunar = birthday_lunar;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTHDAY_LUNAR]);
}

gboolean
rapport_contact_get_do_not_contact (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), FALSE);

  return self->do_not_contact;
}

void
rapport_contact_set_do_not_contact (RapportContact *self,
                                    gboolean       do_not_contact)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  do_not_contact = !!do_not_contact;
  if (self->do_not_contact == do_not_contact)
    return;

  self->do_not_contact = do_not_contact;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DO_NOT_CONTACT]);
}

const char *
rapport_contact_get_do_not_contact_reason (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);

  return self->do_not_contact_reason;
}

void
rapport_contact_set_do_not_contact_reason (RapportContact *self,
                                           const char     *reason)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (g_strcmp0 (self->do_not_contact_reason, reason) == 0)
    return;

  g_free (self->do_not_contact_reason);
  self->do_not_contact_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DO_NOT_CONTACT_REASON]);
}

gboolean
rapport_contact_get_is_primary (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), FALSE);

  return self->is_primary;
}

void
rapport_contact_set_is_primary (RapportContact *self,
                                gboolean        is_primary)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  is_primary = !!is_primary;
  if (self->is_primary == is_primary)
    return;

  self->is_primary = is_primary;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_PRIMARY]);
}

const char *
rapport_contact_get_notes (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), NULL);

  return self->notes;
}

void
rapport_contact_set_notes (RapportContact *self,
                           const char     *notes)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

gint64
rapport_contact_get_created_at (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), 0);

  return self->created_at;
}

void
rapport_contact_set_created_at (RapportContact *self,
                                gint64          created_at)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
rapport_contact_get_updated_at (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), 0);

  return self->updated_at;
}

void
rapport_contact_set_updated_at (RapportContact *self,
                                gint64          updated_at)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
rapport_contact_get_deleted_at (RapportContact *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT (self), 0);

  return self->deleted_at;
}

void
rapport_contact_set_deleted_at (RapportContact *self,
                                gint64          deleted_at)
{
  g_return_if_fail (RAPPORT_IS_CONTACT (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}
