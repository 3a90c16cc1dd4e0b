/* rapport-customer-form.h
 *
 * The logic of the customer, contact, interaction and order editors as plain
 * functions from field values to a state: is the form valid, which message goes
 * next to which field, may Save be pressed. No GTK here, so tests call them
 * without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Messages are translated and user-facing; NULL means the field is fine.
 * Per-value lists (phones, e-mails) hold one message or NULL per value. */

typedef struct
{
  const char         *name;
  const char         *code;
  /* Name of the customer that already uses @code, NULL when it is free. */
  const char         *code_taken_by;
  const char * const *phones;              /* as typed; empty strings are ignored */
  const char * const *emails;
  const char         *website;
  const char         *birthday;            /* YYYY-MM-DD or empty */
  const char         *default_country_code;
} RapportCustomerFormValues;

typedef struct
{
  gboolean   valid;
  gboolean   save_enabled;
  char      *name_error;
  char      *code_error;
  GPtrArray *phone_errors;                 /* of char*, one per input value */
  GPtrArray *email_errors;
  char      *website_error;
  char      *birthday_error;
  char     **phones;                       /* normalised, non-empty values only */
  char     **emails;
  char      *website;                      /* normalised, NULL when empty */
} RapportCustomerFormState;

RapportCustomerFormState rapport_customer_form_state_from_values (const RapportCustomerFormValues *values);
void                     rapport_customer_form_state_clear       (RapportCustomerFormState        *state);

typedef struct
{
  const char         *name;
  const char * const *phones;
  const char * const *emails;
  const char         *birthday;
  const char         *default_country_code;
} RapportContactFormValues;

typedef struct
{
  gboolean   valid;
  gboolean   save_enabled;
  char      *name_error;
  GPtrArray *phone_errors;
  GPtrArray *email_errors;
  char      *birthday_error;
  char     **phones;
  char     **emails;
} RapportContactFormState;

RapportContactFormState  rapport_contact_form_state_from_values  (const RapportContactFormValues  *values);
void                     rapport_contact_form_state_clear        (RapportContactFormState         *state);

typedef struct
{
  const char *summary;
  const char *date;                        /* YYYY-MM-DD */
  const char *time;                        /* HH:MM */
} RapportInteractionFormValues;

typedef struct
{
  gboolean  valid;
  gboolean  save_enabled;
  char     *summary_error;
  char     *date_error;
  char     *time_error;
  /* The local time the date and time name, as UTC unix seconds (when valid). */
  gint64    occurred_at;
} RapportInteractionFormState;

RapportInteractionFormState rapport_interaction_form_state_from_values (const RapportInteractionFormValues *values);
void                        rapport_interaction_form_state_clear       (RapportInteractionFormState        *state);

typedef struct
{
  const char *date;                        /* YYYY-MM-DD */
  const char *amount;                      /* as typed */
  const char *currency;                    /* ISO 4217 */
} RapportOrderFormValues;

typedef struct
{
  gboolean  valid;
  gboolean  save_enabled;
  char     *date_error;
  char     *amount_error;
  gint64    amount;                        /* minor units (when valid) */
} RapportOrderFormState;

RapportOrderFormState    rapport_order_form_state_from_values    (const RapportOrderFormValues    *values);
void                     rapport_order_form_state_clear          (RapportOrderFormState           *state);

/* Splits comma-separated tags (ASCII or full-width commas), trimmed, without
 * empty or repeated ones. */
char                   **rapport_form_split_tags                 (const char                      *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportCustomerFormState, rapport_customer_form_state_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportContactFormState, rapport_contact_form_state_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportInteractionFormState, rapport_interaction_form_state_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportOrderFormState, rapport_order_form_state_clear)

G_END_DECLS
