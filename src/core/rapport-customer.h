/* rapport-customer.h
 *
 * A customer: a company or a person who buys.
 *
 * Strings are copied in and may be NULL; string lists are never NULL (an empty
 * list when unset); times are UTC unix seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rapport-enums.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMER (rapport_customer_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomer, rapport_customer, RAPPORT, CUSTOMER, GObject)

RapportCustomer *rapport_customer_new  (void);
/* A deep copy, id included. */
RapportCustomer *rapport_customer_copy (RapportCustomer *self);

gint64               rapport_customer_get_id                  (RapportCustomer *self);
void                 rapport_customer_set_id                  (RapportCustomer *self,
                                                               gint64           id);
const char          *rapport_customer_get_uuid                (RapportCustomer *self);
void                 rapport_customer_set_uuid                (RapportCustomer *self,
                                                               const char *uuid);
const char          *rapport_customer_get_code                (RapportCustomer *self);
void                 rapport_customer_set_code                (RapportCustomer *self,
                                                               const char *code);
const char          *rapport_customer_get_name                (RapportCustomer *self);
void                 rapport_customer_set_name                (RapportCustomer *self,
                                                               const char *name);
RapportCustomerKind  rapport_customer_get_kind                (RapportCustomer *self);
void                 rapport_customer_set_kind                (RapportCustomer *self,
                                                               RapportCustomerKind kind);
RapportStage         rapport_customer_get_stage               (RapportCustomer *self);
void                 rapport_customer_set_stage               (RapportCustomer *self,
                                                               RapportStage     stage);
RapportTier          rapport_customer_get_tier                (RapportCustomer *self);
void                 rapport_customer_set_tier                (RapportCustomer *self,
                                                               RapportTier      tier);
RapportPotential     rapport_customer_get_potential           (RapportCustomer *self);
void                 rapport_customer_set_potential           (RapportCustomer *self,
                                                               RapportPotential potential);
/* owner-id: the user who owns the customer, 0 for none */
gint64               rapport_customer_get_owner_id            (RapportCustomer *self);
void                 rapport_customer_set_owner_id            (RapportCustomer *self,
                                                               gint64           owner_id);
const char          *rapport_customer_get_source              (RapportCustomer *self);
void                 rapport_customer_set_source              (RapportCustomer *self,
                                                               const char *source);
const char          *rapport_customer_get_industry            (RapportCustomer *self);
void                 rapport_customer_set_industry            (RapportCustomer *self,
                                                               const char *industry);
const char          *rapport_customer_get_region              (RapportCustomer *self);
void                 rapport_customer_set_region              (RapportCustomer *self,
                                                               const char *region);
const char          *rapport_customer_get_address             (RapportCustomer *self);
void                 rapport_customer_set_address             (RapportCustomer *self,
                                                               const char *address);
/* phones: normalised E.164 numbers (rapport_phone_normalize) */
const char * const  *rapport_customer_get_phones              (RapportCustomer *self);
void                 rapport_customer_set_phones              (RapportCustomer *self,
                                                               const char * const *phones);
/* emails: normalised addresses (rapport_email_normalize) */
const char * const  *rapport_customer_get_emails              (RapportCustomer *self);
void                 rapport_customer_set_emails              (RapportCustomer *self,
                                                               const char * const *emails);
const char          *rapport_customer_get_website             (RapportCustomer *self);
void                 rapport_customer_set_website             (RapportCustomer *self,
                                                               const char *website);
/* birthday: YYYY-MM-DD or NULL */
const char          *rapport_customer_get_birthday            (RapportCustomer *self);
void                 rapport_customer_set_birthday            (RapportCustomer *self,
                                                               const char *birthday);
gboolean             rapport_customer_get_birthday_lunar      (RapportCustomer *self);
void                 rapport_customer_set_birthday_lunar      (RapportCustomer *self,
                                                               gboolean         birthday_lunar);
/* Does not want messages: bulk sends and greetings skip it and say why. */
gboolean             rapport_customer_get_do_not_contact (RapportCustomer *self);
void                 rapport_customer_set_do_not_contact (RapportCustomer *self,
                                                          gboolean do_not_contact);
const char          *rapport_customer_get_do_not_contact_reason (RapportCustomer *self);
void                 rapport_customer_set_do_not_contact_reason (RapportCustomer *self,
                                                                 const char *reason);
const char          *rapport_customer_get_notes               (RapportCustomer *self);
void                 rapport_customer_set_notes               (RapportCustomer *self,
                                                               const char *notes);
const char * const  *rapport_customer_get_tags                (RapportCustomer *self);
void                 rapport_customer_set_tags                (RapportCustomer *self,
                                                               const char * const *tags);
gint64               rapport_customer_get_created_at          (RapportCustomer *self);
void                 rapport_customer_set_created_at          (RapportCustomer *self,
                                                               gint64           created_at);
gint64               rapport_customer_get_updated_at          (RapportCustomer *self);
void                 rapport_customer_set_updated_at          (RapportCustomer *self,
                                                               gint64           updated_at);
/* deleted-at: 0 when not in the Trash */
gint64               rapport_customer_get_deleted_at          (RapportCustomer *self);
void                 rapport_customer_set_deleted_at          (RapportCustomer *self,
                                                               gint64           deleted_at);
/* last-interaction-at: 0 when never; derived, filled in by the store */
gint64               rapport_customer_get_last_interaction_at (RapportCustomer *self);
void                 rapport_customer_set_last_interaction_at (RapportCustomer *self,
                                                               gint64           last_interaction_at);

G_END_DECLS
