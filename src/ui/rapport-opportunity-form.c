/* rapport-opportunity-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-opportunity-form"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date.h"
#include "rapport-money.h"
#include "rapport-opportunity.h"

#include "rapport-opportunity-form.h"

static char *
dup_trimmed (const char *text)
{
  char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);

  return trimmed;
}

/**
 * rapport_opportunity_form_state_from_values:
 * @values: what the dialog's fields hold
 *
 * Returns: what to show and whether it can be saved; clear it with
 *   rapport_opportunity_form_state_clear()
 */
RapportOpportunityFormState
rapport_opportunity_form_state_from_values (const RapportOpportunityFormValues *values)
{
  g_autofree char *title = dup_trimmed (values->title);
  g_autofree char *amount = dup_trimmed (values->amount);
  g_autofree char *close = dup_trimmed (values->expected_close);
  g_autoptr (GError) error = NULL;
  RapportOpportunityFormState state = { .probability = -1 };

  if (title == NULL)
    state.title_error = g_strdup (_("Enter a title for the opportunity"));

  /* Not known yet is fine: it counts as nothing. */
  if (amount != NULL && !rapport_money_parse (amount, values->currency, &state.amount, &error))
    state.amount_error = g_strdup (error->message);
  g_clear_error (&error);

  if (!values->probability_is_default &&
      !rapport_probability_parse (values->probability != NULL ? values->probability : "", &state.probability, &error))
    state.probability_error = g_strdup (error->message);
  g_clear_error (&error);

  if (close != NULL)
    {
      if (!rapport_date_validate (close, &error))
        state.close_error = g_strdup (error->message);
      else
        /* YYYY-MM-DD sorts as the dates do. */
        state.close_in_past = values->today != NULL && strcmp (close, values->today) < 0;
    }

  state.valid = state.title_error == NULL && state.amount_error == NULL
                && state.probability_error == NULL && state.close_error == NULL;

  return state;
}

void
rapport_opportunity_form_state_clear (RapportOpportunityFormState *state)
{
  g_clear_pointer (&state->title_error, g_free);
  g_clear_pointer (&state->amount_error, g_free);
  g_clear_pointer (&state->probability_error, g_free);
  g_clear_pointer (&state->close_error, g_free);
}
