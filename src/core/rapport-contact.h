/* rapport-contact.h
 *
 * A person at a customer.
 *
 * Strings are copied in and may be NULL; string lists are never NULL (an empty
 * list when unset); times are UTC unix seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTACT (rapport_contact_get_type ())

G_DECLARE_FINAL_TYPE (RapportContact, rapport_contact, RAPPORT, CONTACT, GObject)

RapportContact *rapport_contact_new  (void);
/* A deep copy, id included. */
RapportContact *rapport_contact_copy (RapportContact *self);

gint64               rapport_contact_get_id             (RapportContact *self);
void                 rapport_contact_set_id             (RapportContact *self,
                                                         gint64          id);
const char          *rapport_contact_get_uuid           (RapportContact *self);
void                 rapport_contact_set_uuid           (RapportContact *self,
                                                         const char *uuid);
gint64               rapport_contact_get_customer_id    (RapportContact *self);
void                 rapport_contact_set_customer_id    (RapportContact *self,
                                                         gint64          customer_id);
const char          *rapport_contact_get_name           (RapportContact *self);
void                 rapport_contact_set_name           (RapportContact *self,
                                                         const char *name);
const char          *rapport_contact_get_title          (RapportContact *self);
void                 rapport_contact_set_title          (RapportContact *self,
                                                         const char *title);
const char * const  *rapport_contact_get_phones         (RapportContact *self);
void                 rapport_contact_set_phones         (RapportContact *self,
                                                         const char * const *phones);
const char * const  *rapport_contact_get_emails         (RapportContact *self);
void                 rapport_contact_set_emails         (RapportContact *self,
                                                         const char * const *emails);
const char          *rapport_contact_get_birthday       (RapportContact *self);
void                 rapport_contact_set_birthday       (RapportContact *self,
                                                         const char *birthday);
gboolean             rapport_contact_get_birthday_lunar (RapportContact *self);
void                 rapport_contact_set_birthday_lunar (RapportContact *self,
                                                         gboolean        birthday_lunar);
/* Does not want messages: bulk sends and greetings skip it and say why. */
gboolean             rapport_contact_get_do_not_contact (RapportContact *self);
void                 rapport_contact_set_do_not_contact (RapportContact *self,
                                                         gboolean do_not_contact);
const char          *rapport_contact_get_do_not_contact_reason (RapportContact *self);
void                 rapport_contact_set_do_not_contact_reason (RapportContact *self,
                                                                const char *reason);
gboolean             rapport_contact_get_is_primary     (RapportContact *self);
void                 rapport_contact_set_is_primary     (RapportContact *self,
                                                         gboolean        is_primary);
const char          *rapport_contact_get_notes          (RapportContact *self);
void                 rapport_contact_set_notes          (RapportContact *self,
                                                         const char *notes);
gint64               rapport_contact_get_created_at     (RapportContact *self);
void                 rapport_contact_set_created_at     (RapportContact *self,
                                                         gint64          created_at);
gint64               rapport_contact_get_updated_at     (RapportContact *self);
void                 rapport_contact_set_updated_at     (RapportContact *self,
                                                         gint64          updated_at);
/* deleted-at: 0 when not in the Trash */
gint64               rapport_contact_get_deleted_at     (RapportContact *self);
void                 rapport_contact_set_deleted_at     (RapportContact *self,
                                                         gint64          deleted_at);

G_END_DECLS
