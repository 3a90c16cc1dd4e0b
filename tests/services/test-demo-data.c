/* test-demo-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rapport-demo-data.h"
#include "rapport-store.h"

/* 2026-11-22 10:00:00 UTC */
#define NOW G_GINT64_CONSTANT (1795341600)

static const RapportDemoSize small_size = { 60, 150, 400, 90, 4242, TRUE };

typedef struct
{
  char            *tmpdir;
  RapportClock    *clock;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmpdir = g_dir_make_tmp ("rapport-demo-XXXXXX", &error);
  g_assert_no_error (error);
  f->clock = rapport_clock_new ();
  rapport_clock_set_fixed (f->clock, NOW);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->tmpdir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->tmpdir);
  g_free (f->tmpdir);
  g_clear_object (&f->clock);
}

static RapportDatabase *
open_new (Fixture    *f,
          const char *name)
{
  g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (db, f->clock);

  return db;
}

typedef struct
{
  guint n_customers;
  guint n_contacts;
  guint n_interactions;
  guint n_orders;
  guint n_chinese;
  guint n_primary;
  guint n_with_phone;
  /* One line per row, to compare two databases. */
  GString *dump;
} Census;

static gboolean
has_han (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;

  return FALSE;
}

static void
take_census (RapportDatabase *db,
             Census          *census)
{
  g_autoptr(GError) error = NULL;
  guint n = rapport_store_count_customers (db);

  memset (census, 0, sizeof *census);
  census->dump = g_string_new (NULL);
  census->n_customers = n;

  for (gint64 id = 1; id <= n; id++)
    {
      g_autoptr(RapportCustomer) customer = rapport_store_get_customer (db, id, &error);
      g_autoptr(GListModel) contacts = NULL;
      g_autoptr(GListModel) interactions = NULL;
      g_autoptr(GListModel) orders = NULL;
      g_autofree char *tags = NULL;
      const char * const *phones;

      g_assert_no_error (error);
      g_assert_nonnull (customer);
      g_assert_cmpstr (rapport_customer_get_name (customer), !=, "");
      g_assert_nonnull (rapport_customer_get_code (customer));

      if (has_han (rapport_customer_get_name (customer)))
        census->n_chinese++;
      phones = rapport_customer_get_phones (customer);
      if (phones != NULL && phones[0] != NULL)
        census->n_with_phone++;

      tags = g_strjoinv (",", (char **) rapport_customer_get_tags (customer));
      g_string_append_printf (census->dump, "%s|%s|%s|%d|%d\n",
                              rapport_customer_get_code (customer),
                              rapport_customer_get_name (customer),
                              tags,
                              rapport_customer_get_stage (customer),
                              rapport_customer_get_tier (customer));

      contacts = rapport_store_list_contacts (db, id, &error);
      g_assert_no_error (error);
      census->n_contacts += g_list_model_get_n_items (contacts);
      for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
        {
          g_autoptr(RapportContact) contact = g_list_model_get_item (contacts, i);

          if (rapport_contact_get_is_primary (contact))
            census->n_primary++;
          g_string_append_printf (census->dump, " c %s|%s\n",
                                  rapport_contact_get_name (contact),
                                  rapport_contact_get_title (contact));
        }

      interactions = rapport_store_list_interactions (db, id, 0, &error);
      g_assert_no_error (error);
      census->n_interactions += g_list_model_get_n_items (interactions);
      for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
        {
          g_autoptr(RapportInteraction) interaction = g_list_model_get_item (interactions, i);
          gint64 when = rapport_interaction_get_occurred_at (interaction);

          /* Spread over the last two years, none in the future. */
          g_assert_cmpint (when, <=, NOW);
          g_assert_cmpint (when, >=, NOW - 2 * 366 * 24 * 3600);
          g_assert_cmpstr (rapport_interaction_get_summary (interaction), !=, "");
          g_string_append_printf (census->dump, " i %" G_GINT64_FORMAT "|%d|%s\n", when,
                                  rapport_interaction_get_kind (interaction),
                                  rapport_interaction_get_summary (interaction));
        }

      {
        g_autoptr(GListModel) follow_ups = rapport_store_list_follow_ups (db, id, FALSE, &error);

        g_assert_no_error (error);
        for (guint i = 0; i < g_list_model_get_n_items (follow_ups); i++)
          {
            g_autoptr(RapportFollowUp) follow_up = g_list_model_get_item (follow_ups, i);

            g_string_append_printf (census->dump, " f %s|%s\n",
                                    rapport_follow_up_get_due_local (follow_up),
                                    rapport_follow_up_get_title (follow_up));
          }
      }

      orders = rapport_store_list_orders (db, id, &error);
      g_assert_no_error (error);
      census->n_orders += g_list_model_get_n_items (orders);
      for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
        {
          g_autoptr(RapportOrder) order = g_list_model_get_item (orders, i);

          g_assert_cmpint (rapport_order_get_amount (order), >, 0);
          g_string_append_printf (census->dump, " o %s|%" G_GINT64_FORMAT "|%s\n",
                                  rapport_order_get_ordered_on (order),
                                  rapport_order_get_amount (order),
                                  rapport_order_get_currency (order));
        }
    }
}

static void
census_clear (Census *census)
{
  g_string_free (census->dump, TRUE);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  /* Never backwards, never past the end. */
  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_fill (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RapportDatabase) db = open_new (f, "fill.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tags = NULL;
  Census census;
  double last = 0.0;

  g_assert_true (rapport_demo_data_fill (db, &small_size, NULL, progress_cb, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);

  take_census (db, &census);
  g_assert_cmpuint (census.n_customers, ==, small_size.n_customers);
  g_assert_cmpuint (census.n_contacts, ==, small_size.n_contacts);
  /* The two sample messages that were sent are in their customers' timelines. */
  g_assert_cmpuint (census.n_interactions, ==, small_size.n_interactions + 2);
  g_assert_cmpuint (census.n_orders, ==, small_size.n_orders);

  /* Both languages, about half Chinese. */
  g_assert_cmpuint (census.n_chinese, >, small_size.n_customers / 4);
  g_assert_cmpuint (census.n_chinese, <, small_size.n_customers * 3 / 4);
  /* Each customer with contacts has exactly one primary contact. */
  g_assert_cmpuint (census.n_primary, <=, census.n_customers);
  g_assert_cmpuint (census.n_primary, >, 0);
  g_assert_cmpuint (census.n_with_phone, >, 0);

  tags = rapport_store_list_tags (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tags), >, 3);

  census_clear (&census);
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RapportDatabase) a = open_new (f, "a.db");
  g_autoptr(RapportDatabase) b = open_new (f, "b.db");
  g_autoptr(RapportDatabase) c = open_new (f, "c.db");
  g_autoptr(GError) error = NULL;
  RapportDemoSize other_seed = small_size;
  Census ca, cb, cc;

  other_seed.seed++;

  g_assert_true (rapport_demo_data_fill (a, &small_size, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_demo_data_fill (b, &small_size, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_demo_data_fill (c, &other_seed, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  take_census (a, &ca);
  take_census (b, &cb);
  take_census (c, &cc);

  g_assert_cmpstr (ca.dump->str, ==, cb.dump->str);
  g_assert_cmpstr (ca.dump->str, !=, cc.dump->str);

  census_clear (&ca);
  census_clear (&cb);
  census_clear (&cc);
}

typedef struct
{
  GCancellable *cancellable;
  double        cancel_at;
  guint         n_calls;
} CancelData;

static void
cancel_progress_cb (double   fraction,
                    gpointer user_data)
{
  CancelData *data = user_data;

  data->n_calls++;
  if (fraction >= data->cancel_at)
    g_cancellable_cancel (data->cancellable);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RapportDatabase) db = open_new (f, "cancel.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  /* One chunk: the cancellation lands in the middle of it, after the customers
   * and some contacts were written. */
  RapportDemoSize size = { 500, 1500, 3000, 500, 7, FALSE };
  CancelData cancel = { cancellable, 0.3, 0 };
  Census census;

  g_assert_false (rapport_demo_data_fill (db, &size, cancellable, cancel_progress_cb, &cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cancel.n_calls, >, 0);

  /* The running chunk was rolled back: nothing of it is left. */
  take_census (db, &census);
  g_assert_cmpuint (census.n_customers, ==, 0);
  g_assert_cmpuint (census.n_contacts, ==, 0);
  census_clear (&census);
}

static void
test_cancel_keeps_finished_chunks (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(RapportDatabase) db = open_new (f, "chunks.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  /* More than one chunk of 10,000 rows; cancelled in the second. */
  RapportDemoSize size = { 200, 400, 14000, 400, 11, FALSE };
  CancelData cancel = { cancellable, 0.8, 0 };
  guint n_customers;

  g_assert_false (rapport_demo_data_fill (db, &size, cancellable, cancel_progress_cb, &cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The first chunk (customers, contacts, the first interactions) stayed. */
  n_customers = rapport_store_count_customers (db);
  g_assert_cmpuint (n_customers, ==, size.n_customers);
}

/* The generator numbers codes itself on an empty book; a customer in the
 * Trash holding one of those codes makes the store propose the rest. */
static void
test_code_held_in_trash (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RapportDatabase) first = open_new (f, "codes-first.db");
  g_autoptr(RapportDatabase) db = open_new (f, "codes.db");
  g_autoptr(RapportCustomer) generated = NULL;
  g_autoptr(RapportCustomer) held = rapport_customer_new ();
  g_autoptr(RapportCustomer) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_code = NULL;

  g_assert_true (rapport_demo_data_fill (first, &small_size, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  generated = rapport_store_get_customer (first, 1, &error);
  g_assert_no_error (error);
  first_code = g_strdup (rapport_customer_get_code (generated));
  g_assert_nonnull (first_code);

  rapport_customer_set_name (held, "Held in the Trash");
  rapport_customer_set_code (held, first_code);
  g_assert_true (rapport_store_insert_customer (db, held, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_trash_customer (db, rapport_customer_get_id (held), &error));
  g_assert_no_error (error);

  g_assert_true (rapport_demo_data_fill (db, &small_size, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_store_count_customers (db), ==, small_size.n_customers);

  /* The first one made, with the name the held code was made for. */
  made = rapport_store_get_customer (db, rapport_customer_get_id (held) + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (made), ==, rapport_customer_get_name (generated));
  g_assert_nonnull (rapport_customer_get_code (made));
  g_assert_cmpstr (rapport_customer_get_code (made), !=, first_code);
}

/* The Today page's content: two overdue, two later today, three this week
 * (one a monthly visit); the overdue ones raise no reminder on opening, and
 * each title is in its customer's language. TZ is Asia/Shanghai: NOW is
 * 18:00 there. */
static void
test_follow_ups (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RapportDatabase) db = open_new (f, "follow-ups.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) week = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  RapportDemoSize without = small_size;
  guint n_stale = 0;
  guint n_monthly = 0;
  gint64 end_of_today = NOW + 6 * 3600;   /* midnight in Shanghai */

  g_assert_true (rapport_demo_data_fill (db, &small_size, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (rapport_store_count_open_follow_ups (db, NOW), ==, 2);
  g_assert_cmpuint (rapport_store_count_open_follow_ups (db, end_of_today), ==, 4);
  week = rapport_store_list_open_follow_ups (db, NOW + 7 * 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (week), ==, 7);

  for (guint i = 0; i < g_list_model_get_n_items (week); i++)
    {
      g_autoptr(RapportFollowUp) follow_up = g_list_model_get_item (week, i);
      const char *due_local = rapport_follow_up_get_due_local (follow_up);

      g_assert_cmpstr (rapport_follow_up_get_time_zone (follow_up), ==, "Asia/Shanghai");
      g_assert_cmpint (has_han (rapport_follow_up_get_title (follow_up)), ==,
                       has_han (rapport_follow_up_get_customer_name (follow_up)));
      if (rapport_follow_up_get_repeat_unit (follow_up) == RAPPORT_REPEAT_MONTHS)
        n_monthly++;
      if (rapport_follow_up_get_due_at (follow_up) < NOW)
        g_assert_cmpint (rapport_follow_up_get_remind_before (follow_up), ==, RAPPORT_FOLLOW_UP_NO_REMINDER);
      /* Later today on the half hour. */
      if (i == 2)
        g_assert_cmpstr (due_local, ==, "2026-11-22 20:00");
      if (i == 3)
        g_assert_cmpstr (due_local, ==, "2026-11-22 23:00");
    }
  g_assert_cmpuint (n_monthly, ==, 1);

  /* Nothing is announced on opening; the first reminder comes tonight. */
  g_assert_true (rapport_store_take_due_reminders (db, NOW, NOW - 7 * 86400, &fresh, &n_stale, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fresh->len, ==, 0);
  g_assert_cmpuint (n_stale, ==, 0);
  g_assert_cmpint (rapport_store_get_next_reminder_at (db, &error), ==, NOW + 2 * 3600 - 15 * 60);

  /* Without them (the benchmarks' databases), none. */
  g_clear_object (&db);
  db = open_new (f, "without.db");
  without.follow_ups = FALSE;
  g_assert_true (rapport_demo_data_fill (db, &without, NULL, NULL, NULL, &error));
  g_assert_cmpuint (rapport_store_count_open_follow_ups (db, NOW + 365 * 86400), ==, 0);
}

static void
test_outreach (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RapportDatabase) db = open_new (f, "outreach.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) templates = NULL;
  g_autoptr(GListModel) rules = NULL;
  g_autoptr(GListModel) review = NULL;
  RapportDemoSize without = small_size;
  RapportMessageState review_state = RAPPORT_MESSAGE_STATE_REVIEW;

  g_assert_true (rapport_demo_data_fill (db, &small_size, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  templates = rapport_store_list_templates (db, RAPPORT_STORE_ANY_CHANNEL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 3);
  rules = rapport_store_list_greeting_rules (db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rules), ==, 3);

  /* Greetings waiting for review carry their occasion, so the rule that made
   * them would not queue them again. */
  review = rapport_store_list_messages (db, &review_state, 1, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (review), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RapportMessage) message = g_list_model_get_item (review, i);

      g_assert_nonnull (rapport_message_get_occasion_key (message));
      g_assert_true (rapport_message_get_is_marketing (message));
      g_assert_true (g_str_has_suffix (rapport_message_get_body (message), "拒收请回复R"));
    }
  g_assert_cmpuint (rapport_store_count_messages (db, RAPPORT_MESSAGE_STATE_SENT), ==, 2);
  g_assert_cmpuint (rapport_store_count_messages (db, RAPPORT_MESSAGE_STATE_FAILED), ==, 1);
  g_assert_cmpuint (rapport_store_count_messages (db, RAPPORT_MESSAGE_STATE_QUEUED), ==, 0);

  /* The benchmarks' books have none. */
  g_clear_object (&db);
  db = open_new (f, "outreach-without.db");
  without.follow_ups = FALSE;
  g_assert_true (rapport_demo_data_fill (db, &without, NULL, NULL, NULL, &error));
  g_assert_cmpuint (rapport_store_count_messages (db, RAPPORT_MESSAGE_STATE_REVIEW), ==, 0);
  g_clear_object (&rules);
  rules = rapport_store_list_greeting_rules (db, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (rules), ==, 0);
}

static void
test_new_path (void)
{
  g_autofree char *a = rapport_demo_data_new_database_path ();
  g_autofree char *b = rapport_demo_data_new_database_path ();
  g_autofree char *dir = g_path_get_dirname (a);

  g_assert_cmpstr (a, !=, b);
  g_assert_false (g_file_test (a, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_true (g_str_has_suffix (a, ".db"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/services/demo-data/fill", test_fill);
  ADD ("/services/demo-data/deterministic", test_deterministic);
  ADD ("/services/demo-data/cancel", test_cancel);
  ADD ("/services/demo-data/cancel-keeps-finished-chunks", test_cancel_keeps_finished_chunks);
  ADD ("/services/demo-data/code-held-in-trash", test_code_held_in_trash);
  ADD ("/services/demo-data/follow-ups", test_follow_ups);
  ADD ("/services/demo-data/outreach", test_outreach);
  g_test_add_func ("/services/demo-data/new-path", test_new_path);

#undef ADD

  return g_test_run ();
}
