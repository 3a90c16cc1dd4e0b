/* rapport-bench-background.c
 *
 * Prepares a copy of a book for the background benchmarks (bench-background):
 *
 *   rapport-bench-background plant DB SECONDS
 *
 * adds a customer with two follow-ups: one whose reminder falls due SECONDS
 * from now, to the second (a snooze sets it so: due times are minutes), and
 * one an hour later. Prints "remind_at UNIX" (the first) and "next_at UNIX"
 * (the second) on stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "rapport-store.h"

static RapportFollowUp *
plant (RapportDatabase  *db,
       gint64            customer_id,
       const char       *title,
       gint64            due_at,
       GError          **error)
{
  g_autoptr (RapportFollowUp) follow_up = rapport_follow_up_new ();
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *due_local = rapport_due_time_from_unix (due_at, local);

  rapport_follow_up_set_customer_id (follow_up, customer_id);
  rapport_follow_up_set_title (follow_up, title);
  rapport_follow_up_set_due_local (follow_up, due_local);
  rapport_follow_up_set_remind_before (follow_up, 0);
  if (!rapport_store_insert_follow_up (db, follow_up, error))
    return NULL;

  return g_steal_pointer (&follow_up);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (RapportFollowUp) soon = NULL;
  g_autoptr (RapportFollowUp) later = NULL;
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 remind_at, next_at;

  if (argc != 4 || g_strcmp0 (argv[1], "plant") != 0)
    {
      fprintf (stderr, "usage: rapport-bench-background plant DB SECONDS\n");
      return 2;
    }
  remind_at = now + g_ascii_strtoll (argv[3], NULL, 10);

  db = rapport_database_open (argv[2], RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  if (db != NULL)
    {
      rapport_customer_set_name (customer, "Background Benchmark");
      rapport_store_insert_customer (db, customer, &error);
    }
  /* Due in two hours, its reminder brought forward to the second. */
  if (error == NULL)
    soon = plant (db, rapport_customer_get_id (customer), "Call back", now + 2 * 3600, &error);
  if (soon != NULL)
    rapport_store_snooze_follow_up (db, rapport_follow_up_get_id (soon), remind_at, 0, &error);
  /* The next one, an hour after (whole minutes, so a little more). */
  if (error == NULL)
    later = plant (db, rapport_customer_get_id (customer), "Visit", remind_at + 3600 + 60, &error);
  if (error != NULL)
    {
      fprintf (stderr, "rapport-bench-background: %s\n", error->message);
      return 1;
    }

  next_at = rapport_follow_up_get_remind_at (later);
  /* Another reminder of the book falling due first would be measured instead. */
  if (rapport_store_get_next_reminder_at (db, NULL) != remind_at)
    fprintf (stderr, "rapport-bench-background: the book has a reminder due before the planted one\n");

  printf ("remind_at %" G_GINT64_FORMAT "\n", remind_at);
  printf ("next_at %" G_GINT64_FORMAT "\n", next_at);

  return 0;
}
