/* rapport-customer-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-form"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rapport-customer-code.h"
#include "rapport-date.h"
#include "rapport-email.h"
#include "rapport-money.h"
#include "rapport-phone.h"
#include "rapport-text.h"
#include "rapport-url.h"
#include "rapport-validation.h"

#include "rapport-customer-form.h"

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

static char *
validate_name (const char *name)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_name_validate (name != NULL ? name : "", &error))
    return g_strdup (error->message);

  return NULL;
}

static char *
validate_date (const char *date)
{
  g_autoptr (GError) error = NULL;

  if (is_blank (date))
    return NULL;

  if (!rapport_date_validate (date, &error))
    return g_strdup (error->message);

  return NULL;
}

/* Normalises each non-blank phone; returns TRUE when all are valid. */
static gboolean
check_phones (const char * const  *phones,
              const char          *country_code,
              GPtrArray          **out_errors,
              char              ***out_phones)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  gboolean ok = TRUE;

  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = NULL;

      if (is_blank (phones[i]))
        {
          g_ptr_array_add (errors, NULL);
          continue;
        }

      if (!rapport_phone_normalize (phones[i], country_code, &normalized, &error))
        {
          g_ptr_array_add (errors, g_strdup (error->message));
          ok = FALSE;
          continue;
        }

      g_ptr_array_add (errors, NULL);
      g_strv_builder_add (builder, normalized);
    }

  *out_errors = g_steal_pointer (&errors);
  *out_phones = g_strv_builder_end (builder);
  return ok;
}

static gboolean
check_emails (const char * const  *emails,
              GPtrArray          **out_errors,
              char              ***out_emails)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  gboolean ok = TRUE;

  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = NULL;

      if (is_blank (emails[i]))
        {
          g_ptr_array_add (errors, NULL);
          continue;
        }

      if (!rapport_email_normalize (emails[i], &normalized, &error))
        {
          g_ptr_array_add (errors, g_strdup (error->message));
          ok = FALSE;
          continue;
        }

      g_ptr_array_add (errors, NULL);
      g_strv_builder_add (builder, normalized);
    }

  *out_errors = g_steal_pointer (&errors);
  *out_emails = g_strv_builder_end (builder);
  return ok;
}

/* Customer */

/**
 * rapport_customer_form_state_from_values:
 * @values: the fields as the user typed them
 *
 * Returns: the form's state; free its members with rapport_customer_form_state_clear()
 */
RapportCustomerFormState
rapport_customer_form_state_from_values (const RapportCustomerFormValues *values)
{
  RapportCustomerFormState state = { 0 };
  gboolean ok;

  g_return_val_if_fail (values != NULL, state);

  state.name_error = validate_name (values->name);

  if (!is_blank (values->code))
    {
      g_autoptr (GError) error = NULL;

      if (!rapport_customer_code_validate (values->code, &error))
        state.code_error = g_strdup (error->message);
      else if (values->code_taken_by != NULL && *values->code_taken_by != '\0')
        /* Translators: %s is the name of another customer */
        state.code_error = g_strdup_printf (_("This code is already used by “%s”"),
                                            values->code_taken_by);
      else if (values->code_taken_by != NULL)
        state.code_error = g_strdup (_("This code is already used by another customer"));
    }

  ok = check_phones (values->phones, values->default_country_code,
                     &state.phone_errors, &state.phones);
  ok &= check_emails (values->emails, &state.email_errors, &state.emails);
  state.birthday_error = validate_date (values->birthday);

  if (!is_blank (values->website))
    {
      g_autoptr (GError) error = NULL;

      if (!rapport_url_normalize (values->website, &state.website, &error))
        state.website_error = g_strdup (error->message);
    }

  state.valid = ok
                && state.name_error == NULL
                && state.code_error == NULL
                && state.website_error == NULL
                && state.birthday_error == NULL;
  state.save_enabled = state.valid;

  return state;
}

void
rapport_customer_form_state_clear (RapportCustomerFormState *state)
{
  g_return_if_fail (state != NULL);

  g_clear_pointer (&state->name_error, g_free);
  g_clear_pointer (&state->code_error, g_free);
  g_clear_pointer (&state->phone_errors, g_ptr_array_unref);
  g_clear_pointer (&state->email_errors, g_ptr_array_unref);
  g_clear_pointer (&state->website_error, g_free);
  g_clear_pointer (&state->birthday_error, g_free);
  g_clear_pointer (&state->phones, g_strfreev);
  g_clear_pointer (&state->emails, g_strfreev);
  g_clear_pointer (&state->website, g_free);
  state->valid = FALSE;
  state->save_enabled = FALSE;
}

/* Contact */

/**
 * rapport_contact_form_state_from_values:
 * @values: the fields as the user typed them
 *
 * Returns: the form's state; free its members with rapport_contact_form_state_clear()
 */
RapportContactFormState
rapport_contact_form_state_from_values (const RapportContactFormValues *values)
{
  RapportContactFormState state = { 0 };
  gboolean ok;

  g_return_val_if_fail (values != NULL, state);

  state.name_error = validate_name (values->name);
  ok = check_phones (values->phones, values->default_country_code,
                     &state.phone_errors, &state.phones);
  ok &= check_emails (values->emails, &state.email_errors, &state.emails);
  state.birthday_error = validate_date (values->birthday);

  state.valid = ok && state.name_error == NULL && state.birthday_error == NULL;
  state.save_enabled = state.valid;

  return state;
}

void
rapport_contact_form_state_clear (RapportContactFormState *state)
{
  g_return_if_fail (state != NULL);

  g_clear_pointer (&state->name_error, g_free);
  g_clear_pointer (&state->phone_errors, g_ptr_array_unref);
  g_clear_pointer (&state->email_errors, g_ptr_array_unref);
  g_clear_pointer (&state->birthday_error, g_free);
  g_clear_pointer (&state->phones, g_strfreev);
  g_clear_pointer (&state->emails, g_strfreev);
  state->valid = FALSE;
  state->save_enabled = FALSE;
}

/* Interaction */

static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto (GStrv) parts = g_strsplit (trimmed, ":", -1);
  guint64 h, m;

  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 0, 23, &h, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &m, NULL)
      || strlen (parts[1]) != 2)
    return FALSE;

  *hour = (int) h;
  *minute = (int) m;
  return TRUE;
}

/**
 * rapport_interaction_form_state_from_values:
 * @values: the fields as the user typed them
 *
 * Returns: the form's state; free its members with rapport_interaction_form_state_clear()
 */
RapportInteractionFormState
rapport_interaction_form_state_from_values (const RapportInteractionFormValues *values)
{
  RapportInteractionFormState state = { 0 };
  int hour = 0, minute = 0;

  g_return_val_if_fail (values != NULL, state);

  if (is_blank (values->summary))
    state.summary_error = g_strdup (_("Enter a summary"));

  if (is_blank (values->date))
    state.date_error = g_strdup (_("Enter a date, like 2026-03-18"));
  else
    state.date_error = validate_date (values->date);

  if (!parse_time (values->time, &hour, &minute))
    state.time_error = g_strdup (_("Enter a time, like 14:30"));

  if (state.date_error == NULL && state.time_error == NULL)
    {
      g_autofree char *date = g_strstrip (g_strdup (values->date));
      int year = 0, month = 0, day = 0;
      g_autoptr (GDateTime) dt = NULL;

      if (sscanf (date, "%d-%d-%d", &year, &month, &day) == 3)
        dt = g_date_time_new_local (year, month, day, hour, minute, 0);

      if (dt != NULL)
        state.occurred_at = g_date_time_to_unix (dt);
      else
        state.date_error = g_strdup (_("Enter a date, like 2026-03-18"));
    }

  state.valid = state.summary_error == NULL && state.date_error == NULL && state.time_error == NULL;
  state.save_enabled = state.valid;

  return state;
}

void
rapport_interaction_form_state_clear (RapportInteractionFormState *state)
{
  g_return_if_fail (state != NULL);

  g_clear_pointer (&state->summary_error, g_free);
  g_clear_pointer (&state->date_error, g_free);
  g_clear_pointer (&state->time_error, g_free);
  state->valid = FALSE;
  state->save_enabled = FALSE;
}

/* Order */

/**
 * rapport_order_form_state_from_values:
 * @values: the fields as the user typed them
 *
 * Returns: the form's state; free its members with rapport_order_form_state_clear()
 */
RapportOrderFormState
rapport_order_form_state_from_values (const RapportOrderFormValues *values)
{
  RapportOrderFormState state = { 0 };
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (values != NULL, state);

  if (is_blank (values->date))
    state.date_error = g_strdup (_("Enter a date, like 2026-03-18"));
  else
    state.date_error = validate_date (values->date);

  if (is_blank (values->amount))
    state.amount_error = g_strdup (_("Enter an amount, like 1,280.00"));
  else if (!rapport_money_parse (values->amount, values->currency, &state.amount, &error))
    {
      /* The core's message for a negative amount says what is wrong; for text
       * that is no number at all an example helps more. */
      if (g_error_matches (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT))
        state.amount_error = g_strdup (_("Enter an amount, like 1,280.00"));
      else
        state.amount_error = g_strdup (error->message);
    }

  state.valid = state.date_error == NULL && state.amount_error == NULL;
  state.save_enabled = state.valid;

  return state;
}

void
rapport_order_form_state_clear (RapportOrderFormState *state)
{
  g_return_if_fail (state != NULL);

  g_clear_pointer (&state->date_error, g_free);
  g_clear_pointer (&state->amount_error, g_free);
  state->valid = FALSE;
  state->save_enabled = FALSE;
}

/* Tags */

/**
 * rapport_form_split_tags:
 * @text: tags separated by commas
 *
 * Returns: (transfer full): the tags, trimmed, without empty or repeated ones
 */
char **
rapport_form_split_tags (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) unified = g_string_new (text != NULL ? text : "");
  g_auto (GStrv) parts = NULL;

  /* Full-width and ideographic commas are what a Chinese keyboard types. */
  g_string_replace (unified, "，", ",", 0);
  g_string_replace (unified, "、", ",", 0);
  parts = g_strsplit (unified->str, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);
      gboolean repeated = FALSE;

      if (*tag == '\0')
        continue;

      for (guint j = 0; j < seen->len; j++)
        if (g_strcmp0 (g_ptr_array_index (seen, j), tag) == 0)
          repeated = TRUE;

      if (repeated)
        continue;

      g_ptr_array_add (seen, g_strdup (tag));
      g_strv_builder_add (builder, tag);
    }

  return g_strv_builder_end (builder);
}
