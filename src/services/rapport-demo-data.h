/* rapport-demo-data.h
 *
 * Realistic sample data (Chinese and English companies and people, contacts,
 * interactions, orders, tags, follow-ups) for --demo and for the benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint   n_customers;
  guint   n_contacts;
  guint   n_interactions;
  guint   n_orders;
  guint32 seed;
  /* A handful of open follow-ups around the database clock's now: overdue,
   * due today, this week, and a monthly visit (the Today page's content);
   * and the outreach samples: templates, greeting rules, greetings to review,
   * two messages sent (in their timelines) and one refused. */
  gboolean follow_ups;
} RapportDemoSize;

/* The small set --demo opens. */
#define RAPPORT_DEMO_SIZE_SAMPLE ((RapportDemoSize) { 80, 200, 600, 150, 20261122, TRUE })

typedef void (*RapportProgressFunc) (double   fraction,
                                     gpointer user_data);

gboolean  rapport_demo_data_fill                  (RapportDatabase        *db,
                                                   const RapportDemoSize  *size,
                                                   GCancellable           *cancellable,
                                                   RapportProgressFunc     progress,
                                                   gpointer                progress_data,
                                                   GError                **error);
/* A new, not yet existing path for a throw-away demo database, under the
 * user's runtime or cache dir. */
char     *rapport_demo_data_new_database_path     (void);

G_END_DECLS
