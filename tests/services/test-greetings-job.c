/* test-greetings-job.c
 *
 * Automatic greetings with the session's fixed clock: birthdays (Gregorian
 * and lunar), the Spring Festival of 2027 (6 February) with lead days,
 * periodic care, review-first against automatic, do-not-contact and missing
 * addresses skipped and counted, and no occasion queued twice — not by a
 * second run, a restart, or the clock moved back across the send time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-greetings.h"
#include "rapport-session.h"
#include "rapport-store.h"
#include "test-utils.h"

#define HOUR 3600
#define DAY 86400
/* 2027-02-06 01:30:00 UTC: 09:30 on the Spring Festival in Shanghai (the
 * tests' TZ). */
#define SPRING_FESTIVAL_0930 G_GINT64_CONSTANT (1801877400)

typedef struct
{
  char            *dir;
  char            *path;
  RapportClock    *clock;
  RapportDatabase *db;
  RapportSession  *session;
  guint            n_runs;
  char            *summary;
} Fixture;

static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
ran_cb (RapportGreetings *greetings,
        const char       *summary,
        Fixture          *f)
{
  f->n_runs++;
  g_free (f->summary);
  f->summary = g_strdup (summary);
}

static gboolean
not_running (gpointer data)
{
  Fixture *f = data;

  return !rapport_greetings_is_running (rapport_session_get_greetings (f->session));
}

static void
wait_for_run (Fixture *f)
{
  run_pending ();
  test_wait_for (not_running, f);
  run_pending ();
}

static void
open_session (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  f->db = rapport_database_open (f->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (f->db, f->clock);
  f->session = rapport_session_new_for_database (f->db, NULL, FALSE);
  /* Nothing is sent from these tests: what is queued stays queued. */
  rapport_outbox_stop (rapport_session_get_outbox (f->session));
  g_signal_connect (rapport_session_get_greetings (f->session), "ran", G_CALLBACK (ran_cb), f);
  wait_for_run (f);
}

static void
close_session (Fixture *f)
{
  rapport_session_close (f->session);
  g_clear_object (&f->session);
  g_clear_object (&f->db);
  run_pending ();
}

static void
advance_to (Fixture *f,
            gint64   when)
{
  rapport_clock_set_fixed (f->clock, when);
  rapport_scheduler_check (rapport_session_get_scheduler (f->session));
  wait_for_run (f);
}

static gint64
add_person (Fixture    *f,
            const char *name,
            const char *email,
            const char *birthday,
            gboolean    lunar)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;
  const char *emails[] = { email, NULL };

  rapport_customer_set_name (customer, name);
  rapport_customer_set_kind (customer, RAPPORT_CUSTOMER_KIND_PERSON);
  if (email != NULL)
    rapport_customer_set_emails (customer, emails);
  rapport_customer_set_birthday (customer, birthday);
  rapport_customer_set_birthday_lunar (customer, lunar);
  rapport_store_insert_customer (f->db, customer, &error);
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}

static void
set_do_not_contact (Fixture    *f,
                    gint64      id,
                    const char *reason)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_store_get_customer (f->db, id, &error);

  g_assert_no_error (error);
  rapport_customer_set_do_not_contact (customer, TRUE);
  rapport_customer_set_do_not_contact_reason (customer, reason);
  rapport_store_update_customer (f->db, customer, &error);
  g_assert_no_error (error);
}

static void
add_interaction (Fixture *f,
                 gint64   customer_id,
                 gint64   when)
{
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();
  g_autoptr (GError) error = NULL;

  rapport_interaction_set_customer_id (interaction, customer_id);
  rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_VISIT);
  rapport_interaction_set_occurred_at (interaction, when);
  rapport_interaction_set_summary (interaction, "Visit");
  rapport_store_insert_interaction (f->db, interaction, &error);
  g_assert_no_error (error);
}

static RapportGreetingRule *
add_rule (Fixture             *f,
          RapportGreetingKind  kind,
          const char          *name,
          guint                lead_days,
          gboolean             review_first)
{
  g_autoptr (RapportMessageTemplate) template = rapport_message_template_new ();
  RapportGreetingRule *rule = rapport_greeting_rule_new ();
  g_autoptr (GError) error = NULL;

  rapport_message_template_set_name (template, name);
  rapport_message_template_set_channel (template, RAPPORT_CHANNEL_MAIL);
  rapport_message_template_set_subject (template, "{holiday}");
  rapport_message_template_set_body (template, "{name}您好，祝{holiday}快乐！{date}");
  if (kind == RAPPORT_GREETING_KIND_BIRTHDAY || kind == RAPPORT_GREETING_KIND_PERIODIC)
    {
      rapport_message_template_set_subject (template, "问候");
      rapport_message_template_set_body (template, "{name}您好！");
    }
  rapport_store_insert_template (f->db, template, &error);
  g_assert_no_error (error);

  rapport_greeting_rule_set_name (rule, name);
  rapport_greeting_rule_set_kind (rule, kind);
  if (kind == RAPPORT_GREETING_KIND_HOLIDAY)
    rapport_greeting_rule_set_holiday (rule, "spring-festival");
  if (kind == RAPPORT_GREETING_KIND_PERIODIC)
    rapport_greeting_rule_set_every_months (rule, 3);
  rapport_greeting_rule_set_template_id (rule, rapport_message_template_get_id (template));
  rapport_greeting_rule_set_channel (rule, RAPPORT_CHANNEL_MAIL);
  rapport_greeting_rule_set_send_time (rule, "09:00");
  rapport_greeting_rule_set_lead_days (rule, lead_days);
  rapport_greeting_rule_set_review_first (rule, review_first);
  rapport_greeting_rule_set_enabled (rule, TRUE);
  rapport_store_insert_greeting_rule (f->db, rule, &error);
  g_assert_no_error (error);
  return rule;
}

static int
by_customer (gconstpointer a,
             gconstpointer b)
{
  gint64 x = rapport_message_get_customer_id (*(RapportMessage **) a);
  gint64 y = rapport_message_get_customer_id (*(RapportMessage **) b);

  return x < y ? -1 : x > y;
}

/* The messages of @rule, by customer id. */
static GPtrArray *
messages_of (Fixture             *f,
             RapportGreetingRule *rule)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) all = rapport_store_list_messages (f->db, NULL, 0, 0, 0, &error);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = g_list_model_get_n_items (all); i > 0; i--)
    {
      g_autoptr (RapportMessage) message = g_list_model_get_item (all, i - 1);

      if (rapport_message_get_rule_id (message) == rapport_greeting_rule_get_id (rule))
        g_ptr_array_add (found, g_object_ref (message));
    }
  g_ptr_array_sort (found, by_customer);
  return found;
}

static char *
key_for (RapportGreetingRule *rule,
         gint64               customer_id,
         const char          *period)
{
  return g_strdup_printf ("%s:customer:%" G_GINT64_FORMAT ":%s", rapport_greeting_rule_get_uuid (rule),
                          customer_id, period);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_dir ("rapport-greetings-XXXXXX");
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->clock = rapport_clock_new ();
  /* The book is made the evening before: nothing is due yet. */
  rapport_clock_set_fixed (f->clock, SPRING_FESTIVAL_0930 - DAY - 12 * HOUR);
  open_session (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->session != NULL)
    close_session (f);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->summary, g_free);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  run_pending ();
}

/* Cases */

static void
test_birthdays (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RapportGreetingRule) rule = add_rule (f, RAPPORT_GREETING_KIND_BIRTHDAY, "生日祝福", 0, FALSE);
  gint64 gregorian = add_person (f, "李雷", "lilei@example.com", "1985-02-06", FALSE);
  gint64 lunar = add_person (f, "韩梅梅", "hanmeimei@example.com", "1990-01-01", TRUE);
  g_autoptr (GPtrArray) messages = NULL;
  g_autofree char *key = NULL;

  /* Lunar 2/6 is in March in 2027; Gregorian 1 January was a month ago. */
  add_person (f, "张伟", "zhangwei@example.com", "1990-02-06", TRUE);
  add_person (f, "刘洋", "liuyang@example.com", "1990-01-01", FALSE);

  advance_to (f, SPRING_FESTIVAL_0930);
  messages = messages_of (f, rule);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpint (rapport_message_get_customer_id (g_ptr_array_index (messages, 0)), ==, gregorian);
  g_assert_cmpint (rapport_message_get_customer_id (g_ptr_array_index (messages, 1)), ==, lunar);
  key = key_for (rule, lunar, "2027");
  g_assert_cmpstr (rapport_message_get_occasion_key (g_ptr_array_index (messages, 1)), ==, key);
  g_assert_cmpint (rapport_message_get_state (g_ptr_array_index (messages, 1)), ==, RAPPORT_MESSAGE_STATE_QUEUED);
  g_assert_cmpstr (rapport_message_get_body (g_ptr_array_index (messages, 1)), ==, "韩梅梅您好！");
  g_assert_true (rapport_message_get_is_marketing (g_ptr_array_index (messages, 1)));
  g_assert_cmpstr (f->summary, ==, "生日祝福: 2 queued, 0 to review, 0 skipped");
}

static void
test_spring_festival_lead_days (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (RapportGreetingRule) automatic = add_rule (f, RAPPORT_GREETING_KIND_HOLIDAY, "Spring Festival", 2, FALSE);
  g_autoptr (RapportGreetingRule) review = add_rule (f, RAPPORT_GREETING_KIND_HOLIDAY, "春节（审核）", 2, TRUE);
  gint64 wang = add_person (f, "王芳", "wangfang@example.com", NULL, FALSE);
  gint64 zhao, nobody;
  g_autoptr (GPtrArray) queued = NULL;
  g_autoptr (GPtrArray) held = NULL;

  zhao = add_person (f, "赵强", "zhaoqiang@example.com", NULL, FALSE);
  set_do_not_contact (f, zhao, "不需要");
  nobody = add_person (f, "孙丽", NULL, NULL, FALSE);
  g_assert_cmpint (nobody, >, 0);

  /* 3 February, 09:30: not yet two days before. */
  advance_to (f, SPRING_FESTIVAL_0930 - 3 * DAY);
  queued = messages_of (f, automatic);
  g_assert_cmpuint (queued->len, ==, 0);
  g_clear_pointer (&queued, g_ptr_array_unref);

  /* 4 February at 08:59: not its time yet; at 09:00, two days ahead. */
  advance_to (f, SPRING_FESTIVAL_0930 - 2 * DAY - 31 * 60);
  queued = messages_of (f, automatic);
  g_assert_cmpuint (queued->len, ==, 0);
  g_clear_pointer (&queued, g_ptr_array_unref);

  advance_to (f, SPRING_FESTIVAL_0930 - 2 * DAY - 30 * 60);
  queued = messages_of (f, automatic);
  held = messages_of (f, review);
  g_assert_cmpuint (queued->len, ==, 1);
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpint (rapport_message_get_customer_id (g_ptr_array_index (queued, 0)), ==, wang);
  g_assert_cmpint (rapport_message_get_state (g_ptr_array_index (queued, 0)), ==, RAPPORT_MESSAGE_STATE_QUEUED);
  g_assert_cmpint (rapport_message_get_state (g_ptr_array_index (held, 0)), ==, RAPPORT_MESSAGE_STATE_REVIEW);
  g_assert_cmpstr (rapport_message_get_subject (g_ptr_array_index (queued, 0)), ==, "Spring Festival");
  g_assert_nonnull (strstr (rapport_message_get_body (g_ptr_array_index (queued, 0)), "王芳您好，祝Spring Festival快乐！2027-02-06"));

  /* The do-not-contact customer and the one without an address: skipped,
   * counted. */
  g_assert_nonnull (strstr (f->summary, "Spring Festival: 1 queued, 0 to review, 2 skipped"));
  g_assert_nonnull (strstr (f->summary, "春节（审核）: 0 queued, 1 to review, 2 skipped"));
}

static void
test_periodic_care (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (RapportGreetingRule) rule = add_rule (f, RAPPORT_GREETING_KIND_PERIODIC, "季度关怀", 0, FALSE);
  gint64 quiet = add_person (f, "周杰", "zhoujie@example.com", NULL, FALSE);
  gint64 recent = add_person (f, "吴敏", "wumin@example.com", NULL, FALSE);
  g_autoptr (GPtrArray) messages = NULL;
  g_autofree char *key = NULL;

  /* Seen on 1 November: due on 1 February. Seen in January: not yet. */
  add_interaction (f, quiet, SPRING_FESTIVAL_0930 - 97 * DAY);
  add_interaction (f, recent, SPRING_FESTIVAL_0930 - 20 * DAY);

  advance_to (f, SPRING_FESTIVAL_0930);
  messages = messages_of (f, rule);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpint (rapport_message_get_customer_id (g_ptr_array_index (messages, 0)), ==, quiet);
  key = key_for (rule, quiet, "2027-02");
  g_assert_cmpstr (rapport_message_get_occasion_key (g_ptr_array_index (messages, 0)), ==, key);
  g_clear_pointer (&messages, g_ptr_array_unref);

  /* The next days: the same due month, nothing new. */
  advance_to (f, SPRING_FESTIVAL_0930 + DAY);
  advance_to (f, SPRING_FESTIVAL_0930 + 2 * DAY);
  messages = messages_of (f, rule);
  g_assert_cmpuint (messages->len, ==, 1);
}

static void
test_never_twice (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (RapportGreetingRule) rule = add_rule (f, RAPPORT_GREETING_KIND_HOLIDAY, "Spring Festival", 0, FALSE);
  g_autoptr (GPtrArray) messages = NULL;
  guint n_runs;

  add_person (f, "王芳", "wangfang@example.com", NULL, FALSE);
  add_person (f, "李雷", "lilei@example.com", NULL, FALSE);

  advance_to (f, SPRING_FESTIVAL_0930);
  messages = messages_of (f, rule);
  g_assert_cmpuint (messages->len, ==, 2);
  g_clear_pointer (&messages, g_ptr_array_unref);
  n_runs = f->n_runs;

  /* The clock moved back across the send time, then forward again. */
  advance_to (f, SPRING_FESTIVAL_0930 - HOUR);
  advance_to (f, SPRING_FESTIVAL_0930 + HOUR);
  /* Back to the day before, and forward to the day again. */
  advance_to (f, SPRING_FESTIVAL_0930 - DAY);
  advance_to (f, SPRING_FESTIVAL_0930 + 2 * HOUR);
  g_assert_cmpuint (f->n_runs, ==, n_runs);
  messages = messages_of (f, rule);
  g_assert_cmpuint (messages->len, ==, 2);
  g_clear_pointer (&messages, g_ptr_array_unref);

  /* A restart the same day. */
  close_session (f);
  open_session (f);
  g_assert_cmpuint (f->n_runs, ==, n_runs);

  /* Even a lost run record: the occasion keys hold. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *state = g_strconcat ("greeting:", rapport_greeting_rule_get_uuid (rule), NULL);

    rapport_store_set_schedule_state (f->db, state, 0, &error);
    g_assert_no_error (error);
  }
  advance_to (f, SPRING_FESTIVAL_0930 + 3 * HOUR);
  g_assert_cmpuint (f->n_runs, ==, n_runs + 1);
  messages = messages_of (f, rule);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_null (f->summary);
}

static void
test_catch_up_at_start (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (RapportGreetingRule) rule = add_rule (f, RAPPORT_GREETING_KIND_HOLIDAY, "Spring Festival", 0, FALSE);
  g_autoptr (GPtrArray) messages = NULL;

  add_person (f, "王芳", "wangfang@example.com", NULL, FALSE);
  close_session (f);

  /* Rapport was closed at 09:00; it starts at 15:30 the same day. */
  rapport_clock_set_fixed (f->clock, SPRING_FESTIVAL_0930 + 6 * HOUR);
  open_session (f);
  messages = messages_of (f, rule);
  g_assert_cmpuint (messages->len, ==, 1);

  /* Next: tomorrow at 09:00. */
  g_assert_cmpint (rapport_greetings_get_next (rapport_session_get_greetings (f->session)), ==,
                   SPRING_FESTIVAL_0930 + DAY - 30 * 60);
}

/* Sample data's people do not exist: no outbox, no greetings job. */
static void
test_demo_sends_nothing (void)
{
  g_autofree char *dir = test_make_dir ("rapport-greetings-demo-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (RapportSession) session = NULL;
  g_autoptr (GError) error = NULL;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  session = rapport_session_new_for_database (db, NULL, TRUE);
  g_assert_null (rapport_session_get_outbox (session));
  g_assert_nonnull (rapport_session_get_greetings (session));
  g_assert_cmpint (rapport_greetings_get_next (rapport_session_get_greetings (session)), ==, 0);
  rapport_session_close (session);
  g_clear_object (&session);
  g_clear_object (&db);
  run_pending ();
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/greetings/birthdays", test_birthdays);
  ADD ("/greetings/spring-festival-lead-days", test_spring_festival_lead_days);
  ADD ("/greetings/periodic-care", test_periodic_care);
  ADD ("/greetings/never-twice", test_never_twice);
  ADD ("/greetings/catch-up-at-start", test_catch_up_at_start);
  g_test_add_func ("/greetings/demo-sends-nothing", test_demo_sends_nothing);

  return g_test_run ();
}
