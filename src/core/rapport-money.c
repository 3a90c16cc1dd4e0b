/* rapport-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-money"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rapport-money.h"
#include "rapport-text.h"
#include "rapport-validation.h"

#define QUOTE_CHARS 40

typedef struct
{
  const char *code;
  const char *symbol;   /* NULL: written as "CODE 1.00" */
  const char *name;
} Currency;

static const Currency currencies[] = {
  { "CNY", "¥", N_("Chinese yuan") },
  { "USD", "$", N_("US dollar") },
  { "EUR", "€", N_("Euro") },
  { "HKD", "HK$", N_("Hong Kong dollar") },
  { "TWD", "NT$", N_("New Taiwan dollar") },
  { "JPY", "JP¥", N_("Japanese yen") },
  { "KRW", "₩", N_("South Korean won") },
  { "GBP", "£", N_("Pound sterling") },
  { "SGD", NULL, N_("Singapore dollar") },
  { "AUD", NULL, N_("Australian dollar") },
  { "CAD", NULL, N_("Canadian dollar") },
  { "CHF", NULL, N_("Swiss franc") },
  { "MYR", NULL, N_("Malaysian ringgit") },
  { "THB", NULL, N_("Thai baht") },
  { "VND", NULL, N_("Vietnamese dong") },
  { "RUB", NULL, N_("Russian ruble") },
};

static const char * const common_codes[] = {
  "CNY", "USD", "EUR", "HKD", "TWD", "JPY", "KRW", "GBP",
  "SGD", "AUD", "CAD", "CHF", "MYR", "THB", "VND", "RUB", NULL,
};

/* Currency marks a user may type around an amount, longest first where one
 * ends another. */
static const char * const amount_marks[] = {
  "US$", "HK$", "NT$", "S$", "A$", "C$", "JP¥", "RMB", "元", "¥", "$", "€", "£", "₩",
};

static const Currency *
find_currency (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      if (g_ascii_strcasecmp (currencies[i].code, code) == 0)
        return &currencies[i];
    }

  return NULL;
}

/**
 * rapport_currency_get_digits:
 * @code: an ISO 4217 code
 *
 * Returns: the number of decimal digits of the currency's minor unit
 */
guint
rapport_currency_get_digits (const char *code)
{
  if (code != NULL && (g_ascii_strcasecmp (code, "JPY") == 0 ||
                       g_ascii_strcasecmp (code, "KRW") == 0 ||
                       g_ascii_strcasecmp (code, "VND") == 0))
    return 0;

  return 2;
}

/**
 * rapport_currency_get_common:
 *
 * Returns: (transfer none): the ISO 4217 codes offered in the UI
 */
const char * const *
rapport_currency_get_common (void)
{
  return common_codes;
}

/**
 * rapport_currency_is_valid:
 * @code: (nullable): a currency code
 *
 * Returns: %TRUE if @code has the form of an ISO 4217 code
 */
gboolean
rapport_currency_is_valid (const char *code)
{
  if (code == NULL || strlen (code) != 3)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      if (!g_ascii_isupper (code[i]))
        return FALSE;
    }

  return TRUE;
}

/**
 * rapport_currency_get_name:
 * @code: a currency code
 *
 * Returns: (transfer none): the translated name of the currency, or @code
 */
const char *
rapport_currency_get_name (const char *code)
{
  const Currency *currency = find_currency (code);

  g_return_val_if_fail (code != NULL, NULL);

  return currency != NULL ? _(currency->name) : code;
}

#define set_amount_error(error, code, format, quoted) \
  g_set_error (error, RAPPORT_VALIDATION_ERROR, code, format, quoted)

static void
strip_marks (GString    *text,
             const char *currency)
{
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      g_strstrip (text->str);
      g_string_set_size (text, strlen (text->str));

      if (currency != NULL && text->len >= 3)
        {
          if (g_ascii_strncasecmp (text->str, currency, 3) == 0)
            {
              g_string_erase (text, 0, 3);
              changed = TRUE;
              continue;
            }
          if (g_ascii_strcasecmp (text->str + text->len - 3, currency) == 0)
            {
              g_string_truncate (text, text->len - 3);
              changed = TRUE;
              continue;
            }
        }

      for (guint i = 0; i < G_N_ELEMENTS (amount_marks); i++)
        {
          gsize length = strlen (amount_marks[i]);

          if (g_str_has_prefix (text->str, amount_marks[i]))
            {
              g_string_erase (text, 0, length);
              changed = TRUE;
              break;
            }
          if (g_str_has_suffix (text->str, amount_marks[i]))
            {
              g_string_truncate (text, text->len - length);
              changed = TRUE;
              break;
            }
        }
    }
}

/**
 * rapport_money_parse:
 * @text: (nullable): an amount as typed
 * @currency: the ISO 4217 code of the amount
 * @out_minor: (out) (optional): the amount in minor units
 * @error: return location for a #RAPPORT_VALIDATION_ERROR
 *
 * Returns: %TRUE if @text is an amount of zero or more
 */
gboolean
rapport_money_parse (const char  *text,
                     const char  *currency,
                     gint64      *out_minor,
                     GError     **error)
{
  g_autofree char *normalized = rapport_text_normalize (text);
  g_autoptr (GString) number = g_string_new (normalized);
  g_autofree char *quoted = rapport_text_truncate (normalized, QUOTE_CHARS);
  guint digits = rapport_currency_get_digits (currency);
  gboolean negative = FALSE;
  gboolean seen_point = FALSE;
  guint n_decimals = 0;
  guint group_length = 0;
  gboolean grouped = FALSE;
  guint n_integer_digits = 0;
  guint64 value = 0;
  const char *p;

  g_return_val_if_fail (currency != NULL, FALSE);

  if (normalized[0] == '\0')
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT,
                           _("Enter an amount"));
      return FALSE;
    }

  /* A sign may come before or after the currency mark: "-¥5", "¥-5". */
  strip_marks (number, currency);
  if (number->str[0] == '-' || g_str_has_prefix (number->str, "−"))
    {
      negative = TRUE;
      g_string_erase (number, 0, number->str[0] == '-' ? 1 : strlen ("−"));
      strip_marks (number, currency);
    }
  else if (number->str[0] == '+')
    {
      g_string_erase (number, 0, 1);
      strip_marks (number, currency);
    }

  p = number->str;
  if (*p == '\0')
    goto invalid;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          guint digit = *p - '0';

          if (seen_point)
            {
              n_decimals++;
              /* Decimals beyond the currency's own are only allowed as zeros. */
              if (n_decimals > digits)
                {
                  if (digit != 0)
                    {
                      /* Translators: %s is the amount as typed. */
                      set_amount_error (error, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT,
                                        digits == 0 ? _("“%s” has decimals, but this currency has no cents")
                                                    : _("“%s” has more decimals than this currency has"),
                                        quoted);
                      return FALSE;
                    }
                  continue;
                }
            }
          else
            {
              n_integer_digits++;
              group_length++;
            }

          if (value > (G_MAXINT64 - digit) / 10)
            {
              /* Translators: %s is the amount as typed. */
              set_amount_error (error, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT,
                                _("“%s” is too large an amount"), quoted);
              return FALSE;
            }
          value = value * 10 + digit;
        }
      else if (*p == ',' && !seen_point)
        {
          /* Thousands separators group by three: "1,234", not "12,34". */
          if (group_length == 0 || (grouped && group_length != 3) || (!grouped && group_length > 3))
            goto invalid;
          grouped = TRUE;
          group_length = 0;
        }
      else if (*p == '.' && !seen_point)
        {
          if (grouped && group_length != 3)
            goto invalid;
          seen_point = TRUE;
        }
      else
        {
          goto invalid;
        }
    }

  if (n_integer_digits == 0 && n_decimals == 0)
    goto invalid;
  if (!seen_point && grouped && group_length != 3)
    goto invalid;

  /* Scale to minor units. */
  for (guint i = MIN (n_decimals, digits); i < digits; i++)
    {
      if (value > G_MAXINT64 / 10)
        {
          set_amount_error (error, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT,
                            _("“%s” is too large an amount"), quoted);
          return FALSE;
        }
      value *= 10;
    }

  if (negative && value != 0)
    {
      g_set_error_literal (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_NEGATIVE_AMOUNT,
                           _("Amounts cannot be below zero"));
      return FALSE;
    }

  if (out_minor != NULL)
    *out_minor = (gint64) value;

  return TRUE;

invalid:
  /* Translators: %s is the amount as typed. */
  set_amount_error (error, RAPPORT_VALIDATION_ERROR_INVALID_AMOUNT,
                    _("“%s” is not an amount: write it like 1,234.50"), quoted);
  return FALSE;
}

/**
 * rapport_money_format_plain:
 * @minor: an amount in minor units
 * @currency: its ISO 4217 code
 *
 * Returns: (transfer full): the amount with thousands separators and the
 *   currency's decimals, without a symbol
 */
char *
rapport_money_format_plain (gint64      minor,
                            const char *currency)
{
  guint digits = rapport_currency_get_digits (currency);
  guint64 magnitude = minor < 0 ? (guint64) (-(minor + 1)) + 1 : (guint64) minor;
  guint64 scale = 1;
  g_autofree char *integer = NULL;
  GString *out = g_string_new (minor < 0 ? "-" : "");
  gsize length;

  for (guint i = 0; i < digits; i++)
    scale *= 10;

  integer = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / scale);
  length = strlen (integer);
  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, integer[i]);
    }

  if (digits > 0)
    g_string_append_printf (out, ".%0*" G_GUINT64_FORMAT, (int) digits, magnitude % scale);

  return g_string_free (out, FALSE);
}

/**
 * rapport_money_format:
 * @minor: an amount in minor units
 * @currency: its ISO 4217 code
 *
 * Returns: (transfer full): the amount for display, with its currency
 */
char *
rapport_money_format (gint64      minor,
                      const char *currency)
{
  const Currency *known = find_currency (currency);
  g_autofree char *plain = NULL;
  const char *sign;
  const char *magnitude;

  g_return_val_if_fail (currency != NULL, NULL);

  plain = rapport_money_format_plain (minor, currency);
  sign = minor < 0 ? "-" : "";
  magnitude = minor < 0 ? plain + 1 : plain;

  if (known != NULL && known->symbol != NULL)
    return g_strconcat (sign, known->symbol, magnitude, NULL);

  return g_strdup_printf ("%s%s %s", sign, currency, magnitude);
}
