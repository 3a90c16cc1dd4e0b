/* rapport-churn.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-churn"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "rapport-churn.h"

#define SECONDS_PER_DAY 86400

static gboolean
parse_digits (const char *text,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out = value;
  return TRUE;
}

/* Days from civil (proleptic Gregorian), after Howard Hinnant's algorithm. */
static gint32
days_from_civil (int y,
                 int m,
                 int d)
{
  int era;
  int yoe;
  int doy;
  int doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

gboolean
rapport_churn_parse_day (const char *ymd,
                         gint32     *out_day)
{
  int y, m, d;

  g_return_val_if_fail (out_day != NULL, FALSE);

  if (ymd == NULL ||
      !parse_digits (ymd, 4, &y) || ymd[4] != '-' ||
      !parse_digits (ymd + 5, 2, &m) || ymd[7] != '-' ||
      !parse_digits (ymd + 8, 2, &d) || ymd[10] != '\0' ||
      y < 1 || m < 1 || m > 12 || d < 1 || d > g_date_get_days_in_month (m, y))
    return FALSE;

  *out_day = days_from_civil (y, m, d);
  return TRUE;
}

static int
compare_days_descending (gconstpointer a,
                         gconstpointer b)
{
  gint32 x = *(const gint32 *) a;
  gint32 y = *(const gint32 *) b;

  return (x < y) - (x > y);
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static gboolean
is_sorted_descending (const gint32 *days,
                      guint         n)
{
  for (guint i = 1; i < n; i++)
    if (days[i] > days[i - 1])
      return FALSE;
  return TRUE;
}

/* Customers with more orders than this cost an allocation. */
#define GAPS_ON_STACK 64

guint
rapport_churn_typical_gap_days (const gint32 *order_days,
                                guint         n_days)
{
  gint32 days_buffer[GAPS_ON_STACK];
  guint gaps_buffer[GAPS_ON_STACK];
  g_autofree gint32 *days_heap = NULL;
  g_autofree guint *gaps_heap = NULL;
  const gint32 *days = order_days;
  guint *gaps = gaps_buffer;
  guint n_gaps = 0;

  g_return_val_if_fail (order_days != NULL || n_days == 0, 0);

  if (n_days < RAPPORT_CHURN_MIN_ORDERS)
    return 0;

  if (n_days > GAPS_ON_STACK)
    gaps = gaps_heap = g_new (guint, n_days);

  if (!is_sorted_descending (order_days, n_days))
    {
      gint32 *sorted = n_days > GAPS_ON_STACK ? (days_heap = g_new (gint32, n_days)) : days_buffer;

      memcpy (sorted, order_days, n_days * sizeof (gint32));
      qsort (sorted, n_days, sizeof (gint32), compare_days_descending);
      days = sorted;
    }

  for (guint i = 1; i < n_days; i++)
    if (days[i] != days[i - 1])
      gaps[n_gaps++] = (guint) (days[i - 1] - days[i]);

  if (n_gaps + 1 < RAPPORT_CHURN_MIN_ORDERS)
    return 0;

  qsort (gaps, n_gaps, sizeof (guint), compare_gaps);

  if (n_gaps % 2 == 1)
    return gaps[n_gaps / 2];

  /* Halfway between the two middle gaps, rounded up. */
  return (gaps[n_gaps / 2 - 1] + gaps[n_gaps / 2] + 1) / 2;
}

guint
rapport_churn_days_between (gint64 then,
                            gint64 now)
{
  if (then >= now)
    return 0;

  return (guint) MIN ((now - then) / SECONDS_PER_DAY, (gint64) G_MAXUINT);
}

gboolean
rapport_churn_is_at_risk (guint    threshold_days,
                          double   gap_multiple,
                          gint64   last_activity_at,
                          gint64   created_at,
                          guint    typical_gap_days,
                          gint64   hold_until,
                          gboolean lost,
                          gint64   now)
{
  guint idle_days;

  if (lost || hold_until > now)
    return FALSE;

  idle_days = rapport_churn_days_between (last_activity_at > 0 ? last_activity_at : created_at, now);

  if (idle_days <= threshold_days)
    return FALSE;

  if (typical_gap_days > 0 && idle_days <= gap_multiple * typical_gap_days)
    return FALSE;

  return TRUE;
}

char *
rapport_churn_format_span (guint days)
{
  guint n;

  if (days < 14)
    return g_strdup_printf (ngettext ("%u day", "%u days", days), days);

  if (days < 91)
    {
      n = (days + 3) / 7;
      return g_strdup_printf (ngettext ("%u week", "%u weeks", n), n);
    }

  if (days < 730)
    {
      n = (guint) (days / 30.44 + 0.5);
      return g_strdup_printf (ngettext ("%u month", "%u months", n), n);
    }

  n = (guint) (days / 365.25 + 0.5);
  return g_strdup_printf (ngettext ("%u year", "%u years", n), n);
}

char *
rapport_churn_describe (RapportTier tier,
                        guint       threshold_days,
                        gint64      last_activity_at,
                        gint64      last_order_at,
                        guint       typical_gap_days,
                        gint64      now)
{
  g_autofree char *every = NULL;
  g_autofree char *since_order = NULL;
  guint idle_days;

  g_return_val_if_fail (tier <= RAPPORT_TIER_LEAD, NULL);

  if (typical_gap_days > 0 && last_order_at > 0)
    {
      guint order_days = rapport_churn_days_between (last_order_at, now);

      every = rapport_churn_format_span (typical_gap_days);
      since_order = rapport_churn_format_span (order_days);

      /* A more recent interaction is part of why it counts as idle. */
      if (last_activity_at > last_order_at + SECONDS_PER_DAY)
        {
          g_autofree char *since_contact =
            rapport_churn_format_span (rapport_churn_days_between (last_activity_at, now));

          /* Translators: "orders every 3 weeks; last order 9 weeks ago,
           * last contact 5 weeks ago". */
          return g_strdup_printf (_("orders every %s; last order %s ago, last contact %s ago"),
                                  every, since_order, since_contact);
        }

      /* Translators: "orders every 3 weeks; last order 9 weeks ago". */
      return g_strdup_printf (_("orders every %s; last order %s ago"), every, since_order);
    }

  if (last_activity_at <= 0)
    /* Translators: the tier and its threshold in days, "(lead: 180)". */
    return g_strdup_printf (_("no order or interaction yet (%s: %u)"),
                            rapport_tier_get_label (tier), threshold_days);

  idle_days = rapport_churn_days_between (last_activity_at, now);

  /* Translators: "no order or interaction for 95 days (gold: 60)": the
   * days since the last one, the customer's tier and its threshold. */
  return g_strdup_printf (ngettext ("no order or interaction for %u day (%s: %u)",
                                    "no order or interaction for %u days (%s: %u)",
                                    idle_days),
                          idle_days, rapport_tier_get_label (tier), threshold_days);
}
