/* rapport-churn.h
 *
 * The churn warning's rule (流失预警), in one place for the store's daily check,
 * the At Risk page and the customer page: a customer's typical gap between
 * orders, whether it is at risk, and why, in one line.
 *
 * A customer is at risk when the days since its last order or interaction
 * exceed its tier's threshold and, once it has a purchase history (at least
 * RAPPORT_CHURN_MIN_ORDERS orders on different days), also the gap multiple
 * times its typical (median) gap between orders. Orders placed on the same
 * day count as one purchase: a typical gap of zero days would put a customer
 * at risk the day after each order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-enums.h"

G_BEGIN_DECLS

#define RAPPORT_CHURN_MIN_ORDERS 3

/* The day number (days since 1970-01-01) of a "YYYY-MM-DD" date, without
 * allocating (the daily check reads every order). FALSE for anything else. */
gboolean  rapport_churn_parse_day          (const char   *ymd,
                                            gint32       *out_day);

/* The median of the gaps in days between consecutive distinct order days;
 * @order_days in any order, duplicates allowed. 0 (no purchase history) with
 * fewer than RAPPORT_CHURN_MIN_ORDERS distinct days. */
guint     rapport_churn_typical_gap_days   (const gint32 *order_days,
                                            guint         n_days);

/* Whole days from @then to @now (UTC unix times), 0 when @then is later. */
guint     rapport_churn_days_between       (gint64        then,
                                            gint64        now);

/* The decision. @last_activity_at: the last order or interaction (UTC), 0
 * when there has been none, in which case the customer's @created_at counts;
 * @typical_gap_days: 0 without a purchase history; @hold_until: 0 for no hold.
 * Lost customers are never at risk. */
gboolean  rapport_churn_is_at_risk         (guint         threshold_days,
                                            double        gap_multiple,
                                            gint64        last_activity_at,
                                            gint64        created_at,
                                            guint         typical_gap_days,
                                            gint64        hold_until,
                                            gboolean      lost,
                                            gint64        now);

/* A span of days in words: "5 days", "3 weeks", "4 months", "2 years". */
char     *rapport_churn_format_span        (guint         days);

/* Why the customer is at risk, in one line: "orders every 3 weeks; last order
 * 9 weeks ago" with a purchase history, otherwise "no order or interaction
 * for 95 days (gold: 60)". @last_order_at: UTC midnight of the last order's
 * day, 0 for none. */
char     *rapport_churn_describe           (RapportTier   tier,
                                            guint         threshold_days,
                                            gint64        last_activity_at,
                                            gint64        last_order_at,
                                            guint         typical_gap_days,
                                            gint64        now);

G_END_DECLS
