/* rapport-currency-converter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <string.h>

#include "rapport-currency-converter-private.h"
#include "rapport-money.h"
#include "rapport-store.h"

struct _RapportCurrencyConverter
{
  char       *target;
  GHashTable *factors;   /* currency → double *, to the target's minor units */
  GHashTable *missing;   /* currencies met without a rate, set */
};

RapportCurrencyConverter *
_rapport_currency_converter_new (RapportDatabase  *db,
                                 const char       *target,
                                 GError          **error)
{
  g_autoptr (RapportCurrencyConverter) self = g_new0 (RapportCurrencyConverter, 1);
  g_autoptr (GPtrArray) rates = NULL;
  guint target_digits;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  self->target = g_strdup (target);
  self->factors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  rates = rapport_store_list_currency_rates (db, error);
  if (rates == NULL)
    return NULL;

  target_digits = rapport_currency_get_digits (target);
  for (guint i = 0; i < rates->len; i++)
    {
      RapportCurrencyRate *rate = g_ptr_array_index (rates, i);
      int shift = (int) target_digits - (int) rapport_currency_get_digits (rate->currency);
      double factor = rate->rate;

      for (; shift > 0; shift--)
        factor *= 10;
      for (; shift < 0; shift++)
        factor /= 10;
      g_hash_table_insert (self->factors, g_strdup (rate->currency), g_memdup2 (&factor, sizeof factor));
    }

  /* The target's own rate, whatever a row may say. */
  g_hash_table_insert (self->factors, g_strdup (target), g_memdup2 (&(double) { 1.0 }, sizeof (double)));

  return g_steal_pointer (&self);
}

void
_rapport_currency_converter_free (RapportCurrencyConverter *self)
{
  if (self == NULL)
    return;

  g_free (self->target);
  g_clear_pointer (&self->factors, g_hash_table_unref);
  g_clear_pointer (&self->missing, g_hash_table_unref);
  g_free (self);
}

const char *
_rapport_currency_converter_get_target (RapportCurrencyConverter *self)
{
  return self->target;
}

const double *
_rapport_currency_converter_get_factor (RapportCurrencyConverter *self,
                                        const char               *currency)
{
  const double *factor;

  if (currency == NULL)
    currency = self->target;

  factor = g_hash_table_lookup (self->factors, currency);
  if (factor == NULL && !g_hash_table_contains (self->missing, currency))
    g_hash_table_add (self->missing, g_strdup (currency));

  return factor;
}

gboolean
_rapport_currency_converter_convert (RapportCurrencyConverter *self,
                                     const char               *currency,
                                     double                    amount,
                                     double                   *out_amount)
{
  const double *factor = _rapport_currency_converter_get_factor (self, currency);

  if (factor == NULL)
    return FALSE;

  *out_amount = amount * *factor;
  return TRUE;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
_rapport_currency_converter_dup_missing (RapportCurrencyConverter *self)
{
  guint n = 0;
  g_autofree const char **codes = (const char **) g_hash_table_get_keys_as_array (self->missing, &n);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  qsort (codes, n, sizeof (char *), compare_codes);
  g_strv_builder_addv (builder, codes);

  return g_strv_builder_end (builder);
}
