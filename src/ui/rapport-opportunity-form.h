/* rapport-opportunity-form.h
 *
 * The opportunity dialog's rules as a plain function of what is typed, so
 * that tests check them without a display: which error shows next to which
 * field, whether the close date is in the past, and whether it can be saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *title;
  const char *amount;                 /* as typed; blank is no amount yet */
  const char *currency;               /* ISO 4217 */
  const char *probability;            /* as typed; ignored while it is the stage's default */
  gboolean    probability_is_default;
  const char *expected_close;         /* YYYY-MM-DD or blank */
  const char *today;                  /* YYYY-MM-DD, the local date now */
} RapportOpportunityFormValues;

typedef struct
{
  gboolean  valid;
  char     *title_error;
  char     *amount_error;
  char     *probability_error;
  char     *close_error;
  gint64    amount;                   /* minor units (when valid) */
  gint      probability;              /* 0–100, or -1 for the stage's default */
  gboolean  close_in_past;            /* accepted, but said */
} RapportOpportunityFormState;

RapportOpportunityFormState rapport_opportunity_form_state_from_values (const RapportOpportunityFormValues *values);
void                        rapport_opportunity_form_state_clear       (RapportOpportunityFormState        *state);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportOpportunityFormState, rapport_opportunity_form_state_clear)

G_END_DECLS
