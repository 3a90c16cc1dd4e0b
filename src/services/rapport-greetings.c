/* rapport-greetings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-greetings"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "rapport-greetings.h"
#include "rapport-holiday.h"
#include "rapport-lunar.h"
#include "rapport-outreach.h"
#include "rapport-session.h"

/* After a failed run (the disk full, the file locked), the next try. */
#define RETRY_SECONDS 3600
#define STATE_PREFIX "greeting:"

struct _RapportGreetings
{
  GObject           parent_instance;

  RapportSession   *session;       /* unowned: it owns the greetings */
  RapportDatabase  *db;            /* the session's */
  RapportScheduler *scheduler;     /* the session's */
  guint             job_id;
  GCancellable     *cancellable;
  gint64            retry_at;      /* after a failure, 0 otherwise */
  gboolean          running;       /* from the run to its result, main thread */

  /* The worker thread's part: stop waits for it. */
  GMutex            lock;
  GCond             thread_done;
  gboolean          in_thread;
};

G_DEFINE_FINAL_TYPE (RapportGreetings, rapport_greetings, G_TYPE_OBJECT)

enum
{
  RAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Times and days */

static gint64
local_day (gint64 when)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (when);
  g_autoptr (GDate) day = g_date_new_dmy (g_date_time_get_day_of_month (local),
                                          g_date_time_get_month (local),
                                          g_date_time_get_year (local));

  return g_date_get_julian (day);
}

/* The rule's send time on the local date of @when plus @days_later. */
static gint64
send_time (RapportGreetingRule *rule,
           gint64               when,
           int                  days_later)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (when);
  g_autoptr (GDateTime) day = g_date_time_add_days (local, days_later);
  g_autoptr (GDateTime) at = NULL;
  const char *text = rapport_greeting_rule_get_send_time (rule);
  int hour = 9, minute = 0;

  if (text != NULL && sscanf (text, "%d:%d", &hour, &minute) != 2)
    hour = 9, minute = 0;

  at = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                              g_date_time_get_day_of_month (day), CLAMP (hour, 0, 23), CLAMP (minute, 0, 59), 0);
  return g_date_time_to_unix (at);
}

static char *
state_name (RapportGreetingRule *rule)
{
  return g_strconcat (STATE_PREFIX, rapport_greeting_rule_get_uuid (rule), NULL);
}

/* When @rule next runs: today's send time unless it ran today (or the clock
 * went back to an earlier day than its last run), else tomorrow's. */
static gint64
rule_next (RapportDatabase     *db,
           RapportGreetingRule *rule,
           gint64               now)
{
  g_autofree char *name = state_name (rule);
  gint64 last_day = rapport_store_get_schedule_state (db, name);

  if (last_day >= local_day (now))
    return send_time (rule, now, 1);

  return send_time (rule, now, 0);
}

static gint64
clock_now (RapportGreetings *self)
{
  return rapport_clock_now (rapport_scheduler_get_clock (self->scheduler));
}

/* Who is greeted */

typedef struct
{
  RapportGreetingRule *rule;
  GDate                occasion;      /* today + lead days */
  gboolean             day_matches;   /* holiday and date rules: the occasion is that day */
  char                *occasion_name;
} Occasion;

static void
occasion_init (Occasion            *occasion,
               RapportGreetingRule *rule,
               const GDate         *today)
{
  occasion->rule = rule;
  occasion->occasion = *today;
  g_date_add_days (&occasion->occasion, rapport_greeting_rule_get_lead_days (rule));
  occasion->day_matches = FALSE;
  occasion->occasion_name = NULL;

  switch (rapport_greeting_rule_get_kind (rule))
    {
    case RAPPORT_GREETING_KIND_HOLIDAY:
      {
        RapportHoliday holiday;
        GDate date;

        g_date_clear (&date, 1);
        if (rapport_holiday_from_string (rapport_greeting_rule_get_holiday (rule), &holiday))
          {
            occasion->occasion_name = g_strdup (rapport_holiday_get_label (holiday));
            occasion->day_matches = rapport_holiday_get_date (holiday, g_date_get_year (&occasion->occasion), &date) &&
                                    g_date_compare (&date, &occasion->occasion) == 0;
          }
      }
      break;
    case RAPPORT_GREETING_KIND_DATE:
      {
        g_autofree char *month_day = g_strdup_printf ("%02d-%02d", g_date_get_month (&occasion->occasion),
                                                      g_date_get_day (&occasion->occasion));

        occasion->occasion_name = g_strdup (rapport_greeting_rule_get_name (rule));
        occasion->day_matches = g_strcmp0 (month_day, rapport_greeting_rule_get_month_day (rule)) == 0;
      }
      break;
    case RAPPORT_GREETING_KIND_BIRTHDAY:
    case RAPPORT_GREETING_KIND_PERIODIC:
    default:
      break;
    }
}

/* The occasion key of @recipient, or NULL when it has no occasion that day. */
static char *
occasion_key (const Occasion         *occasion,
              const RapportRecipient *recipient)
{
  RapportGreetingRule *rule = occasion->rule;
  const char *uuid = rapport_greeting_rule_get_uuid (rule);
  const char *who = recipient->contact_id != 0 ? "contact" : "customer";
  gint64 id = recipient->contact_id != 0 ? recipient->contact_id : recipient->customer_id;
  int year = g_date_get_year (&occasion->occasion);

  switch (rapport_greeting_rule_get_kind (rule))
    {
    case RAPPORT_GREETING_KIND_BIRTHDAY:
      {
        GDate birthday;

        g_date_clear (&birthday, 1);
        if (recipient->birthday == NULL ||
            !rapport_birthday_in_year (recipient->birthday, recipient->birthday_lunar, year, &birthday) ||
            g_date_compare (&birthday, &occasion->occasion) != 0)
          return NULL;
      }
      break;

    case RAPPORT_GREETING_KIND_PERIODIC:
      {
        GDate due = occasion->occasion;

        /* Due every-months after the last interaction; one greeting per
         * due month, whatever day it runs on. Never in touch: due now. */
        if (recipient->last_interaction_at > 0)
          {
            g_autoptr (GDateTime) last = g_date_time_new_from_unix_local (recipient->last_interaction_at);

            g_date_set_dmy (&due, g_date_time_get_day_of_month (last), g_date_time_get_month (last),
                            g_date_time_get_year (last));
            g_date_add_months (&due, rapport_greeting_rule_get_every_months (rule));
            if (g_date_compare (&due, &occasion->occasion) > 0)
              return NULL;
          }

        return g_strdup_printf ("%s:%s:%" G_GINT64_FORMAT ":%04d-%02d", uuid, who, id,
                                g_date_get_year (&due), g_date_get_month (&due));
      }

    case RAPPORT_GREETING_KIND_HOLIDAY:
    case RAPPORT_GREETING_KIND_DATE:
    default:
      if (!occasion->day_matches)
        return NULL;
      break;
    }

  return g_strdup_printf ("%s:%s:%" G_GINT64_FORMAT ":%04d", uuid, who, id, year);
}

typedef struct
{
  char  *name;
  guint  n_queued;
  guint  n_review;
  guint  n_skipped;
} RuleResult;

static void
rule_result_free (RuleResult *result)
{
  g_free (result->name);
  g_free (result);
}

typedef struct
{
  GPtrArray *messages;
  char      *state;
  gint64     day;
  guint      n_duplicates;
} Record;

static gboolean
record_in_transaction (RapportDatabase  *db,
                       gpointer          user_data,
                       GError          **error)
{
  Record *record = user_data;

  return rapport_outreach_queue (db, record->messages, &record->n_duplicates, error) &&
         rapport_store_set_schedule_state (db, record->state, record->day, error);
}

/* Runs @rule for the local date @today on @db; NULL on error. */
static RuleResult *
run_rule (RapportDatabase      *db,
          RapportGreetingRule  *rule,
          gint64                now,
          GError              **error)
{
  g_autoptr (RapportMessageTemplate) template = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GPtrArray) skipped = NULL;
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr (GDateTime) occasion_time = NULL;
  g_autofree char *state = state_name (rule);
  g_autoptr (GDate) today = NULL;
  Occasion occasion;
  Record record = { NULL, state, local_day (now), 0 };
  RuleResult *result;
  gboolean review_first = rapport_greeting_rule_get_review_first (rule);

  today = g_date_new_dmy (g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                          g_date_time_get_year (local));
  occasion_init (&occasion, rule, today);

  if (rapport_greeting_rule_get_template_id (rule) != 0)
    template = rapport_store_get_template (db, rapport_greeting_rule_get_template_id (rule), error);
  if (template == NULL)
    {
      g_clear_error (error);
      g_set_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID,
                   _("The greeting “%s” has no template"), rapport_greeting_rule_get_name (rule));
      g_free (occasion.occasion_name);
      return NULL;
    }

  if (rapport_greeting_rule_get_kind (rule) == RAPPORT_GREETING_KIND_BIRTHDAY)
    all = rapport_store_list_birthday_recipients (db, rapport_greeting_rule_get_audience (rule), error);
  else if (rapport_greeting_rule_get_kind (rule) == RAPPORT_GREETING_KIND_PERIODIC || occasion.day_matches)
    all = rapport_store_list_recipients (db, rapport_greeting_rule_get_audience (rule), error);
  else
    all = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_recipient_free);
  if (all == NULL)
    {
      g_free (occasion.occasion_name);
      return NULL;
    }

  due = g_ptr_array_new ();
  keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    {
      RapportRecipient *recipient = g_ptr_array_index (all, i);
      char *key = occasion_key (&occasion, recipient);

      if (key == NULL)
        continue;
      /* Periodic care greets a customer, not each of its contacts. */
      if (rapport_greeting_rule_get_kind (rule) == RAPPORT_GREETING_KIND_PERIODIC && recipient->contact_id != 0)
        {
          g_free (key);
          continue;
        }
      g_ptr_array_add (due, recipient);
      g_ptr_array_add (keys, key);
    }

  occasion_time = g_date_time_new_local (g_date_get_year (&occasion.occasion), g_date_get_month (&occasion.occasion),
                                         g_date_get_day (&occasion.occasion), 12, 0, 0);
  messages = rapport_outreach_render (db, rapport_greeting_rule_get_channel (rule),
                                      rapport_message_template_get_subject (template),
                                      rapport_message_template_get_body (template),
                                      due, TRUE, occasion.occasion_name, occasion_time, &skipped, error);
  g_free (occasion.occasion_name);
  if (messages == NULL)
    return NULL;

  /* The messages come in the recipients' order, the skipped left out. */
  {
    guint k = 0;

    for (guint i = 0; i < messages->len; i++)
      {
        RapportMessage *message = g_ptr_array_index (messages, i);

        while (k < due->len &&
               (((RapportRecipient *) g_ptr_array_index (due, k))->customer_id != rapport_message_get_customer_id (message) ||
                ((RapportRecipient *) g_ptr_array_index (due, k))->contact_id != rapport_message_get_contact_id (message)))
          k++;
        g_assert (k < due->len);

        rapport_message_set_occasion_key (message, g_ptr_array_index (keys, k));
        rapport_message_set_rule_id (message, rapport_greeting_rule_get_id (rule));
        rapport_message_set_state (message, review_first ? RAPPORT_MESSAGE_STATE_REVIEW : RAPPORT_MESSAGE_STATE_QUEUED);
        k++;
      }
  }

  record.messages = messages;
  if (!rapport_database_run_in_transaction (db, record_in_transaction, &record, error))
    return NULL;

  result = g_new0 (RuleResult, 1);
  result->name = g_strdup (rapport_greeting_rule_get_name (rule));
  if (review_first)
    result->n_review = messages->len - record.n_duplicates;
  else
    result->n_queued = messages->len - record.n_duplicates;
  result->n_skipped = skipped->len;

  g_debug ("Greeting rule %" G_GINT64_FORMAT ": %u due, %u duplicates, %u skipped",
           rapport_greeting_rule_get_id (rule), due->len, record.n_duplicates, skipped->len);
  return result;
}

/* The run on a worker */

typedef struct
{
  RapportDatabase *worker;
  gint64           now;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->worker);
  g_free (run);
}

static void
run_thread_body (GTask        *task,
                 Run          *run,
                 GCancellable *cancellable)
{
  g_autoptr (GListModel) rules = NULL;
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_result_free);
  GError *error = NULL;
  guint n_rules;

  rules = rapport_store_list_greeting_rules (run->worker, TRUE, &error);
  if (rules == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n_rules = g_list_model_get_n_items (rules);
  for (guint i = 0; i < n_rules && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr (RapportGreetingRule) rule = g_list_model_get_item (rules, i);
      RuleResult *result;

      if (rule_next (run->worker, rule, run->now) > run->now)
        continue;

      result = run_rule (run->worker, rule, run->now, &error);
      if (result == NULL)
        {
          /* One broken rule (no template) does not hold the others back. */
          if (g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID))
            {
              g_warning ("%s", error->message);
              g_clear_error (&error);
              continue;
            }
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (results, result);
    }

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RapportGreetings *self = source_object;
  Run *run = task_data;

  run_thread_body (task, run, cancellable);
  g_clear_object (&run->worker);

  g_mutex_lock (&self->lock);
  self->in_thread = FALSE;
  g_cond_broadcast (&self->thread_done);
  g_mutex_unlock (&self->lock);
}

static char *
format_summary (GPtrArray *results)
{
  g_autoptr (GString) summary = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      RuleResult *result = g_ptr_array_index (results, i);
      g_autofree char *queued = NULL;
      g_autofree char *review = NULL;
      g_autofree char *skipped = NULL;

      if (result->n_queued + result->n_review + result->n_skipped == 0)
        continue;

      queued = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u queued", "%u queued", result->n_queued),
                                result->n_queued);
      review = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to review", "%u to review", result->n_review),
                                result->n_review);
      skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", result->n_skipped),
                                 result->n_skipped);
      if (summary->len > 0)
        g_string_append_c (summary, '\n');
      /* Translators: a greeting rule's name, then what its run did:
       * "Spring Festival: 120 queued, 8 to review, 5 skipped" */
      g_string_append_printf (summary, _("%s: %s, %s, %s"), result->name, queued, review, skipped);
    }

  return summary->len > 0 ? g_string_free (g_steal_pointer (&summary), FALSE) : NULL;
}

static void
ran_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  RapportGreetings *self = RAPPORT_GREETINGS (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autofree char *summary = NULL;
  RapportReminders *reminders;

  results = g_task_propagate_pointer (G_TASK (result), &error);
  self->running = FALSE;

  if (self->scheduler == NULL)
    return;

  if (results == NULL)
    {
      g_warning ("Greetings could not run: %s", error->message);
      self->retry_at = clock_now (self) + RETRY_SECONDS;
      rapport_scheduler_reschedule (self->scheduler);
      return;
    }

  self->retry_at = 0;
  summary = format_summary (results);

  reminders = rapport_session_get_reminders (self->session);
  if (summary != NULL && reminders != NULL)
    rapport_reminders_show_summary (reminders, "greetings", _("Greetings"), summary, "outreach");

  g_signal_emit (self, signals[RAN], 0, summary);
  rapport_scheduler_reschedule (self->scheduler);
}

static gint64
next_cb (gpointer user_data)
{
  return rapport_greetings_get_next (RAPPORT_GREETINGS (user_data));
}

static void
run_cb (RapportScheduler *scheduler,
        gint64            now,
        gpointer          user_data)
{
  RapportGreetings *self = user_data;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  Run *run;

  if (self->running)
    return;

  run = g_new0 (Run, 1);
  run->worker = rapport_session_open_worker (self->session, &error);
  if (run->worker == NULL)
    {
      g_warning ("Greetings have no worker connection: %s", error->message);
      run_free (run);
      self->retry_at = now + RETRY_SECONDS;
      return;
    }
  run->now = now;

  self->running = TRUE;
  self->in_thread = TRUE;
  task = g_task_new (self, self->cancellable, ran_cb, NULL);
  g_task_set_source_tag (task, run_cb);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, run_thread);
}

static void
changed_cb (RapportGreetings *self,
            GArray           *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      if (change->kind == RAPPORT_ENTITY_KIND_GREETING_RULE && self->scheduler != NULL)
        {
          rapport_scheduler_reschedule (self->scheduler);
          return;
        }
    }
}

/* GObject */

static void
rapport_greetings_dispose (GObject *object)
{
  rapport_greetings_stop (RAPPORT_GREETINGS (object));

  G_OBJECT_CLASS (rapport_greetings_parent_class)->dispose (object);
}

static void
rapport_greetings_finalize (GObject *object)
{
  RapportGreetings *self = RAPPORT_GREETINGS (object);

  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->thread_done);

  G_OBJECT_CLASS (rapport_greetings_parent_class)->finalize (object);
}

static void
rapport_greetings_class_init (RapportGreetingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_greetings_dispose;
  object_class->finalize = rapport_greetings_finalize;

  signals[RAN] =
    g_signal_new ("ran", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rapport_greetings_init (RapportGreetings *self)
{
  self->cancellable = g_cancellable_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->thread_done);
}

/* Public API */

RapportGreetings *
rapport_greetings_new (RapportSession *session)
{
  RapportGreetings *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);
  g_return_val_if_fail (rapport_session_get_scheduler (session) != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_GREETINGS, NULL);
  self->session = session;
  self->db = rapport_session_get_database (session);
  self->scheduler = rapport_session_get_scheduler (session);

  if (!rapport_database_is_read_only (self->db) && !rapport_session_get_is_demo (session))
    {
      self->job_id = rapport_scheduler_add_job (self->scheduler, "greetings", next_cb, run_cb, self, NULL);
      g_signal_connect_object (rapport_database_get_change_bus (self->db), "changed",
                               G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
    }

  return self;
}

gint64
rapport_greetings_get_next (RapportGreetings *self)
{
  g_autoptr (GListModel) rules = NULL;
  g_autoptr (GError) error = NULL;
  gint64 now, next = 0;
  guint n_rules;

  g_return_val_if_fail (RAPPORT_IS_GREETINGS (self), 0);

  if (self->running || self->scheduler == NULL || self->job_id == 0)
    return 0;

  now = clock_now (self);
  if (self->retry_at > 0)
    return self->retry_at;

  rules = rapport_store_list_greeting_rules (self->db, TRUE, &error);
  if (rules == NULL)
    {
      g_warning ("Could not read the greeting rules: %s", error->message);
      return 0;
    }

  n_rules = g_list_model_get_n_items (rules);
  for (guint i = 0; i < n_rules; i++)
    {
      g_autoptr (RapportGreetingRule) rule = g_list_model_get_item (rules, i);
      gint64 at = rule_next (self->db, rule, now);

      if (next == 0 || at < next)
        next = at;
    }

  return next;
}

gboolean
rapport_greetings_is_running (RapportGreetings *self)
{
  g_return_val_if_fail (RAPPORT_IS_GREETINGS (self), FALSE);

  return self->running;
}

void
rapport_greetings_stop (RapportGreetings *self)
{
  g_return_if_fail (RAPPORT_IS_GREETINGS (self));

  g_cancellable_cancel (self->cancellable);

  g_mutex_lock (&self->lock);
  while (self->in_thread)
    g_cond_wait (&self->thread_done, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->job_id != 0 && self->scheduler != NULL)
    rapport_scheduler_remove_job (self->scheduler, self->job_id);
  if (self->db != NULL)
    g_signal_handlers_disconnect_by_data (rapport_database_get_change_bus (self->db), self);
  self->job_id = 0;
  self->scheduler = NULL;
  self->db = NULL;
}
