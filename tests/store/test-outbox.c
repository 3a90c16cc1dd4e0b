/* test-outbox.c
 *
 * The outbox's guarantees, each through the public store API: an occasion is
 * queued once (even after its message was cancelled); a claim is atomic and
 * takes the message due first; a message found sending at start becomes
 * unknown and is never queued again by itself; a sent message logs exactly one
 * interaction carrying the provider's id; the user's actions refuse the
 * states that do not allow them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-entity.h"
#include "store-test-helpers.h"

#define MINUTE 60

static RapportMessage *
new_mail (gint64      customer_id,
          const char *recipient,
          const char *occasion_key)
{
  RapportMessage *message = rapport_message_new ();

  rapport_message_set_channel (message, RAPPORT_CHANNEL_MAIL);
  rapport_message_set_customer_id (message, customer_id);
  rapport_message_set_recipient (message, recipient);
  rapport_message_set_subject (message, "Happy New Year");
  rapport_message_set_body (message, "Dear customer, best wishes for the new year.");
  rapport_message_set_occasion_key (message, occasion_key);

  return message;
}

/* Queues @message alone; returns its id (0 when skipped as a duplicate). */
static gint64
queue_one (Fixture        *fixture,
           RapportMessage *message,
           guint          *out_n_duplicates)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) batch = g_ptr_array_new ();

  g_ptr_array_add (batch, message);
  g_assert_true (rapport_store_queue_messages (fixture->db, batch, out_n_duplicates, &error));
  g_assert_no_error (error);

  return rapport_message_get_id (message);
}

static RapportMessage *
get_message (Fixture *fixture,
             gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportMessage *message = rapport_store_get_message (fixture->db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

static RapportMessageState
state_of (Fixture *fixture,
          gint64   id)
{
  g_autoptr (RapportMessage) message = get_message (fixture, id);

  return rapport_message_get_state (message);
}

static void
test_queue_defaults (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme", "AC001");
  g_autoptr (RapportMessage) message = new_mail (rapport_customer_get_id (customer), " li@example.com ", NULL);
  g_autoptr (RapportMessage) stored = NULL;
  guint n_duplicates = 99;
  gint64 id;

  fixture_clear_changes (fixture);
  id = queue_one (fixture, message, &n_duplicates);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (n_duplicates, ==, 0);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_MESSAGE, id, RAPPORT_CHANGE_INSERTED);

  stored = get_message (fixture, id);
  g_assert_cmpint (rapport_message_get_state (stored), ==, RAPPORT_MESSAGE_STATE_QUEUED);
  g_assert_cmpint (rapport_message_get_not_before (stored), ==, TEST_NOW);
  g_assert_cmpstr (rapport_message_get_recipient (stored), ==, "li@example.com");
  g_assert_cmpstr (rapport_message_get_customer_name (stored), ==, "Acme");
  g_assert_cmpuint (strlen (rapport_message_get_uuid (stored)), ==, 36);
  g_assert_cmpuint (rapport_message_get_attempts (stored), ==, 0);
  g_assert_cmpint (rapport_store_get_next_message_due (fixture->db), ==, TEST_NOW);
  g_assert_cmpuint (rapport_store_count_messages (fixture->db, RAPPORT_MESSAGE_STATE_QUEUED), ==, 1);

  /* What the caller holds is what was stored (customer-name aside). */
  rapport_message_set_customer_name (message, "Acme");
  g_assert_true (rapport_entity_equal (message, stored));
}

static void
test_queue_review (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (RapportMessage) message = new_mail (0, "li@example.com", NULL);
  gint64 id;

  rapport_message_set_state (message, RAPPORT_MESSAGE_STATE_REVIEW);
  rapport_message_set_not_before (message, TEST_NOW + 60 * MINUTE);
  id = queue_one (fixture, message, NULL);

  g_assert_cmpint (state_of (fixture, id), ==, RAPPORT_MESSAGE_STATE_REVIEW);
  /* Not the runner's until approved. */
  g_assert_cmpint (rapport_store_get_next_message_due (fixture->db), ==, 0);
  g_assert_null (rapport_store_claim_next_message (fixture->db, TEST_NOW + 120 * MINUTE, NULL));
}

static void
test_queue_rejects_bad_recipients (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char * const bad[] = {
    "li@example.com, boss@example.com",
    "li@example.com\r\nBcc: all@example.com",
    "=?utf-8?q?li=40example.com?=",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GListModel) all = NULL;

      g_ptr_array_add (batch, new_mail (0, "ok@example.com", NULL));
      g_ptr_array_add (batch, new_mail (0, bad[i], NULL));
      g_assert_false (rapport_store_queue_messages (fixture->db, batch, NULL, &error));
      g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);

      /* One bad message queues none of the batch. */
      all = rapport_store_list_messages (fixture->db, NULL, 0, 0, 0, NULL);
      g_assert_cmpuint (g_list_model_get_n_items (all), ==, 0);
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
    RapportMessage *sms = new_mail (0, "138 0013 8000", NULL);

    rapport_message_set_channel (sms, RAPPORT_CHANNEL_SMS);
    g_ptr_array_add (batch, sms);
    g_assert_true (rapport_store_queue_messages (fixture->db, batch, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (rapport_message_get_recipient (sms), ==, "+8613800138000");
  }
}

static void
test_duplicate_occasion_skipped (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportMessage) first = new_mail (0, "li@example.com", "rule-1:customer:7:2027");
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GListModel) all = NULL;
  guint n_duplicates = 0;
  gint64 id;

  id = queue_one (fixture, first, &n_duplicates);
  g_assert_cmpint (id, >, 0);

  /* Cancelled: the occasion stays used. */
  g_assert_true (rapport_store_cancel_message (fixture->db, id, &error));
  g_assert_no_error (error);

  g_ptr_array_add (batch, new_mail (0, "li@example.com", "rule-1:customer:7:2027"));
  g_ptr_array_add (batch, new_mail (0, "wang@example.com", "rule-1:customer:8:2027"));
  g_ptr_array_add (batch, new_mail (0, "wang@example.com", "rule-1:customer:8:2027"));
  g_ptr_array_add (batch, new_mail (0, "zhao@example.com", NULL));
  g_ptr_array_add (batch, new_mail (0, "zhao@example.com", NULL));
  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_queue_messages (fixture->db, batch, &n_duplicates, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_duplicates, ==, 2);
  g_assert_cmpint (rapport_message_get_id (g_ptr_array_index (batch, 0)), ==, 0);
  g_assert_cmpint (rapport_message_get_id (g_ptr_array_index (batch, 1)), >, 0);
  g_assert_cmpint (rapport_message_get_id (g_ptr_array_index (batch, 2)), ==, 0);
  /* Without an occasion nothing is a duplicate. */
  g_assert_cmpint (rapport_message_get_id (g_ptr_array_index (batch, 3)), >, 0);
  g_assert_cmpint (rapport_message_get_id (g_ptr_array_index (batch, 4)), >, 0);
  g_assert_cmpuint (fixture->changes->len, ==, 3);

  all = rapport_store_list_messages (fixture->db, NULL, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);
  g_assert_cmpint (state_of (fixture, id), ==, RAPPORT_MESSAGE_STATE_CANCELLED);
}

static void
test_claim_ordered (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  const gint64 offsets[] = { 30 * MINUTE, 10 * MINUTE, 20 * MINUTE, 90 * MINUTE };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      RapportMessage *message = new_mail (0, "li@example.com", NULL);

      rapport_message_set_not_before (message, TEST_NOW + offsets[i]);
      g_ptr_array_add (batch, message);
    }
  g_assert_true (rapport_store_queue_messages (fixture->db, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_get_next_message_due (fixture->db), ==, TEST_NOW + 10 * MINUTE);

  /* Nothing due yet. */
  g_assert_null (rapport_store_claim_next_message (fixture->db, TEST_NOW + 5 * MINUTE, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      const guint expected[] = { 1, 2, 0 };
      g_autoptr (RapportMessage) claimed = rapport_store_claim_next_message (fixture->db, TEST_NOW + 60 * MINUTE, &error);

      g_assert_no_error (error);
      g_assert_nonnull (claimed);
      g_assert_cmpint (rapport_message_get_id (claimed), ==,
                       rapport_message_get_id (g_ptr_array_index (batch, expected[i])));
      g_assert_cmpint (rapport_message_get_state (claimed), ==, RAPPORT_MESSAGE_STATE_SENDING);
      g_assert_cmpuint (rapport_message_get_attempts (claimed), ==, 1);
    }

  /* The one due at +90 minutes waits. */
  g_assert_null (rapport_store_claim_next_message (fixture->db, TEST_NOW + 60 * MINUTE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_get_next_message_due (fixture->db), ==, TEST_NOW + 90 * MINUTE);
  g_assert_cmpuint (rapport_store_count_messages (fixture->db, RAPPORT_MESSAGE_STATE_SENDING), ==, 3);
}

typedef struct
{
  char      *path;
  GArray    *claimed;
} Claimer;

static gpointer
claim_all (gpointer data)
{
  Claimer *claimer = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportDatabase) db = rapport_database_open (claimer->path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);

  g_assert_no_error (error);
  for (;;)
    {
      g_autoptr (RapportMessage) message = rapport_store_claim_next_message (db, TEST_NOW, &error);
      gint64 id;

      g_assert_no_error (error);
      if (message == NULL)
        break;
      id = rapport_message_get_id (message);
      g_array_append_val (claimer->claimed, id);
    }

  return NULL;
}

/* Two runners on two connections, racing: each message is claimed once. */
static void
test_claim_atomic (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  Claimer claimers[2];
  GThread *threads[2];
  const guint n = 300;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (batch, new_mail (0, "li@example.com", NULL));
  g_assert_true (rapport_store_queue_messages (fixture->db, batch, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (claimers); i++)
    {
      claimers[i].path = fixture->path;
      claimers[i].claimed = g_array_new (FALSE, FALSE, sizeof (gint64));
      threads[i] = g_thread_new ("claimer", claim_all, &claimers[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (claimers); i++)
    {
      g_thread_join (threads[i]);
      for (guint j = 0; j < claimers[i].claimed->len; j++)
        {
          gint64 *id = &g_array_index (claimers[i].claimed, gint64, j);

          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, id);
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  g_assert_cmpuint (rapport_store_count_messages (fixture->db, RAPPORT_MESSAGE_STATE_SENDING), ==, n);
  g_assert_cmpuint (rapport_store_count_messages (fixture->db, RAPPORT_MESSAGE_STATE_QUEUED), ==, 0);

  g_hash_table_remove_all (seen);
  for (guint i = 0; i < G_N_ELEMENTS (claimers); i++)
    g_array_unref (claimers[i].claimed);
}

static void
test_recover_interrupted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportMessage) sending = new_mail (0, "li@example.com", NULL);
  g_autoptr (RapportMessage) waiting = new_mail (0, "wang@example.com", NULL);
  g_autoptr (RapportMessage) claimed = NULL;
  g_autoptr (RapportMessage) recovered = NULL;
  gint64 sending_id;
  gint64 waiting_id;
  guint n;

  sending_id = queue_one (fixture, sending, NULL);
  claimed = rapport_store_claim_next_message (fixture->db, TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_message_get_id (claimed), ==, sending_id);
  waiting_id = queue_one (fixture, waiting, NULL);

  /* Rapport stops mid-send: the claim was committed, the finish never came. */
  g_assert_finalize_object (g_steal_pointer (&fixture->db));
  fixture_open (fixture);

  fixture_clear_changes (fixture);
  n = rapport_store_recover_interrupted_messages (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_MESSAGE, sending_id, RAPPORT_CHANGE_UPDATED);

  recovered = get_message (fixture, sending_id);
  g_assert_cmpint (rapport_message_get_state (recovered), ==, RAPPORT_MESSAGE_STATE_UNKNOWN);
  g_assert_nonnull (rapport_message_get_error (recovered));
  g_assert_cmpint (state_of (fixture, waiting_id), ==, RAPPORT_MESSAGE_STATE_QUEUED);

  /* Only the waiting one is the runner's, now and later. */
  {
    g_autoptr (RapportMessage) next = rapport_store_claim_next_message (fixture->db, TEST_NOW + 86400 * 30, &error);

    g_assert_no_error (error);
    g_assert_cmpint (rapport_message_get_id (next), ==, waiting_id);
  }
  g_assert_null (rapport_store_claim_next_message (fixture->db, TEST_NOW + 86400 * 365, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_get_next_message_due (fixture->db), ==, 0);

  /* A second recovery finds the now-sending one only. */
  g_assert_cmpuint (rapport_store_recover_interrupted_messages (fixture->db, &error), ==, 1);
  g_assert_cmpuint (rapport_store_recover_interrupted_messages (fixture->db, &error), ==, 0);
  g_assert_no_error (error);

  /* The user may decide to send it again. */
  g_assert_true (rapport_store_retry_message (fixture->db, sending_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (fixture, sending_id), ==, RAPPORT_MESSAGE_STATE_QUEUED);
}

static void
test_sent_logs_interaction (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme", "AC001");
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportMessage) mail = new_mail (customer_id, "li@example.com", NULL);
  g_autoptr (RapportMessage) sms = new_mail (customer_id, "13800138000", NULL);
  g_autoptr (RapportMessage) anonymous = new_mail (0, "someone@example.com", NULL);
  g_autoptr (RapportMessage) sent = NULL;
  g_autoptr (GListModel) interactions = NULL;
  g_autoptr (RapportInteraction) logged = NULL;
  g_autofree char *long_text = NULL;
  gint64 mail_id, sms_id, anonymous_id;
  gboolean saw_interaction = FALSE;
  gboolean saw_message = FALSE;

  long_text = g_strnfill (100, 'x');
  rapport_message_set_channel (sms, RAPPORT_CHANNEL_SMS);
  rapport_message_set_subject (sms, NULL);
  rapport_message_set_body (sms, long_text);

  mail_id = queue_one (fixture, mail, NULL);
  sms_id = queue_one (fixture, sms, NULL);
  anonymous_id = queue_one (fixture, anonymous, NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (RapportMessage) claimed = rapport_store_claim_next_message (fixture->db, TEST_NOW, &error);

      g_assert_no_error (error);
      g_assert_nonnull (claimed);
    }

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_finish_message_sent (fixture->db, mail_id, "<abc@mail.example.com>",
                                                    TEST_NOW + 5, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < fixture->changes->len; i++)
    {
      RecordedChange *change = &g_array_index (fixture->changes, RecordedChange, i);

      saw_interaction |= change->kind == RAPPORT_ENTITY_KIND_INTERACTION && change->customer_id == customer_id;
      saw_message |= change->kind == RAPPORT_ENTITY_KIND_MESSAGE && change->id == mail_id;
    }
  g_assert_true (saw_interaction);
  g_assert_true (saw_message);

  sent = get_message (fixture, mail_id);
  g_assert_cmpint (rapport_message_get_state (sent), ==, RAPPORT_MESSAGE_STATE_SENT);
  g_assert_cmpstr (rapport_message_get_provider_id (sent), ==, "<abc@mail.example.com>");
  g_assert_cmpint (rapport_message_get_sent_at (sent), ==, TEST_NOW + 5);
  g_assert_cmpint (rapport_message_get_interaction_id (sent), >, 0);

  interactions = rapport_store_list_interactions (fixture->db, customer_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);
  logged = g_list_model_get_item (interactions, 0);
  g_assert_cmpint (rapport_interaction_get_id (logged), ==, rapport_message_get_interaction_id (sent));
  g_assert_cmpint (rapport_interaction_get_kind (logged), ==, RAPPORT_INTERACTION_KIND_EMAIL);
  g_assert_cmpint (rapport_interaction_get_occurred_at (logged), ==, TEST_NOW + 5);
  g_assert_cmpstr (rapport_interaction_get_summary (logged), ==, "Happy New Year");
  g_assert_cmpstr (rapport_interaction_get_details (logged), ==, rapport_message_get_body (mail));
  g_assert_nonnull (strstr (rapport_interaction_get_outcome (logged), "<abc@mail.example.com>"));

  /* Finishing again is refused and logs nothing more. */
  g_assert_false (rapport_store_finish_message_sent (fixture->db, mail_id, "other", TEST_NOW + 9, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (rapport_store_finish_message_sent (fixture->db, sms_id, "SMS-42", TEST_NOW + 6, &error));
  g_assert_no_error (error);
  g_clear_object (&interactions);
  g_clear_object (&logged);
  interactions = rapport_store_list_interactions (fixture->db, customer_id, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 2);
  logged = g_list_model_get_item (interactions, 0);
  g_assert_cmpint (rapport_interaction_get_kind (logged), ==, RAPPORT_INTERACTION_KIND_SMS);
  g_assert_cmpuint (g_utf8_strlen (rapport_interaction_get_summary (logged), -1), <=, 61);
  g_assert_cmpstr (rapport_interaction_get_details (logged), ==, long_text);

  /* No customer, no interaction. */
  g_assert_true (rapport_store_finish_message_sent (fixture->db, anonymous_id, NULL, TEST_NOW + 7, &error));
  g_assert_no_error (error);
  {
    g_autoptr (RapportMessage) done = get_message (fixture, anonymous_id);

    g_assert_cmpint (rapport_message_get_state (done), ==, RAPPORT_MESSAGE_STATE_SENT);
    g_assert_cmpint (rapport_message_get_interaction_id (done), ==, 0);
  }
}

static void
test_failures (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportMessage) message = new_mail (0, "li@example.com", NULL);
  g_autoptr (RapportMessage) stored = NULL;
  gint64 id = queue_one (fixture, message, NULL);

  g_clear_object (&stored);
  stored = rapport_store_claim_next_message (fixture->db, TEST_NOW, &error);
  g_assert_true (rapport_store_finish_message_failed (fixture->db, id, "421 Try again later",
                                                      TEST_NOW + 5 * MINUTE, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = get_message (fixture, id);
  g_assert_cmpint (rapport_message_get_state (stored), ==, RAPPORT_MESSAGE_STATE_QUEUED);
  g_assert_cmpint (rapport_message_get_not_before (stored), ==, TEST_NOW + 5 * MINUTE);
  g_assert_cmpstr (rapport_message_get_error (stored), ==, "421 Try again later");
  g_assert_null (rapport_store_claim_next_message (fixture->db, TEST_NOW + MINUTE, &error));

  g_clear_object (&stored);
  stored = rapport_store_claim_next_message (fixture->db, TEST_NOW + 5 * MINUTE, &error);
  g_assert_cmpuint (rapport_message_get_attempts (stored), ==, 2);
  g_assert_true (rapport_store_finish_message_failed (fixture->db, id, "550 No such user", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (fixture, id), ==, RAPPORT_MESSAGE_STATE_FAILED);
  g_assert_null (rapport_store_claim_next_message (fixture->db, TEST_NOW + 86400, &error));

  /* Uncertain: only from sending. */
  g_assert_false (rapport_store_finish_message_uncertain (fixture->db, id, "dropped", &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (rapport_store_retry_message (fixture->db, id, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = rapport_store_claim_next_message (fixture->db, TEST_NOW, &error);
  g_assert_nonnull (stored);
  g_assert_true (rapport_store_finish_message_uncertain (fixture->db, id, "Connection dropped after DATA", &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (fixture, id), ==, RAPPORT_MESSAGE_STATE_UNKNOWN);
  g_assert_null (rapport_store_claim_next_message (fixture->db, TEST_NOW + 86400, &error));
}

/* The call's error is read after the call (a macro: argument order is
 * unspecified in C). */
#define assert_refused(call, error) \
  G_STMT_START { \
    gboolean ok_ = (call); \
    g_assert_false (ok_); \
    g_assert_error ((error), RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT); \
  } G_STMT_END

static void
test_user_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (RapportMessage) message = new_mail (0, "li@example.com", NULL);
  g_autoptr (RapportMessage) review = new_mail (0, "wang@example.com", NULL);
  g_autoptr (RapportMessage) claimed = NULL;
  g_autoptr (RapportMessage) edit = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id, review_id;

  rapport_message_set_state (review, RAPPORT_MESSAGE_STATE_REVIEW);
  id = queue_one (fixture, message, NULL);
  review_id = queue_one (fixture, review, NULL);

  /* Queued: not retried, not approved; editable, cancellable. */
  assert_refused (rapport_store_retry_message (fixture->db, id, &error), error);
  g_clear_error (&error);
  assert_refused (rapport_store_approve_messages (fixture->db, (gint64[]) { review_id, id }, 2, &error), error);
  g_clear_error (&error);
  /* All or none. */
  g_assert_cmpint (state_of (fixture, review_id), ==, RAPPORT_MESSAGE_STATE_REVIEW);

  edit = get_message (fixture, review_id);
  rapport_message_set_body (edit, "Edited text");
  rapport_message_set_recipient (edit, "WANG@Example.com");
  g_assert_true (rapport_store_update_message (fixture->db, edit, &error));
  g_assert_no_error (error);
  g_clear_object (&edit);
  edit = get_message (fixture, review_id);
  g_assert_cmpstr (rapport_message_get_body (edit), ==, "Edited text");
  g_assert_cmpint (rapport_message_get_state (edit), ==, RAPPORT_MESSAGE_STATE_REVIEW);

  rapport_message_set_body (edit, "  ");
  g_assert_false (rapport_store_update_message (fixture->db, edit, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rapport_store_approve_messages (fixture->db, (gint64[]) { review_id }, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (fixture, review_id), ==, RAPPORT_MESSAGE_STATE_QUEUED);

  /* Sending: nothing the user does applies. */
  claimed = rapport_store_claim_next_message (fixture->db, TEST_NOW, &error);
  g_assert_cmpint (rapport_message_get_id (claimed), ==, id);
  assert_refused (rapport_store_cancel_message (fixture->db, id, &error), error);
  g_clear_error (&error);
  rapport_message_set_body (claimed, "Changed while sending");
  assert_refused (rapport_store_update_message (fixture->db, claimed, &error), error);
  g_clear_error (&error);
  assert_refused (rapport_store_retry_message (fixture->db, id, &error), error);
  g_clear_error (&error);

  /* Sent: history. */
  g_assert_true (rapport_store_finish_message_sent (fixture->db, id, "x1", TEST_NOW, &error));
  assert_refused (rapport_store_update_message (fixture->db, claimed, &error), error);
  g_clear_error (&error);
  assert_refused (rapport_store_cancel_message (fixture->db, id, &error), error);
  g_clear_error (&error);
  {
    g_autoptr (RapportMessage) sent = get_message (fixture, id);

    g_assert_cmpstr (rapport_message_get_body (sent), ==, rapport_message_get_body (message));
  }

  /* Failed, edited: stays failed until retried. */
  g_clear_object (&claimed);
  claimed = rapport_store_claim_next_message (fixture->db, TEST_NOW, &error);
  g_assert_cmpint (rapport_message_get_id (claimed), ==, review_id);
  g_assert_true (rapport_store_finish_message_failed (fixture->db, review_id, "550 bad mailbox", 0, &error));
  rapport_message_set_recipient (claimed, "wang2@example.com");
  g_assert_true (rapport_store_update_message (fixture->db, claimed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (fixture, review_id), ==, RAPPORT_MESSAGE_STATE_FAILED);
  g_assert_cmpint (rapport_message_get_state (claimed), ==, RAPPORT_MESSAGE_STATE_FAILED);

  g_assert_true (rapport_store_cancel_message (fixture->db, review_id, &error));
  g_assert_no_error (error);
  assert_refused (rapport_store_cancel_message (fixture->db, review_id, &error), error);
  g_clear_error (&error);
  assert_refused (rapport_store_retry_message (fixture->db, review_id, &error), error);
  g_clear_error (&error);

  g_assert_false (rapport_store_cancel_message (fixture->db, 9999, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static void
test_lists (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (RapportCustomer) acme = add_customer (fixture->db, "Acme", "AC001");
  g_autoptr (RapportCustomer) bolt = add_customer (fixture->db, "Bolt", "BO001");
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RapportMessage) first = NULL;
  RapportMessageState review_and_queued[] = { RAPPORT_MESSAGE_STATE_REVIEW, RAPPORT_MESSAGE_STATE_QUEUED };
  gint64 ids[4];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr (RapportMessage) message = new_mail (i % 2 == 0 ? rapport_customer_get_id (acme)
                                                                 : rapport_customer_get_id (bolt),
                                                     "li@example.com", NULL);

      if (i == 3)
        rapport_message_set_state (message, RAPPORT_MESSAGE_STATE_REVIEW);
      rapport_clock_set_fixed (fixture->clock, TEST_NOW + i);
      ids[i] = queue_one (fixture, message, NULL);
    }
  g_assert_true (rapport_store_cancel_message (fixture->db, ids[0], &error));

  list = rapport_store_list_messages (fixture->db, NULL, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpint (rapport_message_get_id (first), ==, ids[3]);
  g_assert_cmpstr (rapport_message_get_customer_name (first), ==, "Bolt");
  g_clear_object (&list);

  list = rapport_store_list_messages (fixture->db, review_and_queued, 2, 0, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  g_clear_object (&list);

  list = rapport_store_list_messages (fixture->db, review_and_queued, 2, rapport_customer_get_id (acme), 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);

  list = rapport_store_list_messages (fixture->db, NULL, 0, 0, 2, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  g_assert_cmpuint (rapport_store_count_messages (fixture->db, RAPPORT_MESSAGE_STATE_REVIEW), ==, 1);
  g_assert_cmpuint (rapport_store_count_messages (fixture->db, RAPPORT_MESSAGE_STATE_CANCELLED), ==, 1);
  g_assert_cmpuint (rapport_store_count_messages (fixture->db, RAPPORT_MESSAGE_STATE_QUEUED), ==, 2);
}

/* A large batch: one transaction, each message filled in. (Its time is a
 * bench figure, not asserted here.) */
static void
test_large_batch (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  guint n_duplicates = 0;
  const guint n = 10000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("rule:customer:%u:2027", i % (n - 10));

      g_ptr_array_add (batch, new_mail (0, "li@example.com", key));
    }

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_queue_messages (fixture->db, batch, &n_duplicates, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_duplicates, ==, 10);
  g_assert_cmpuint (rapport_store_count_messages (fixture->db, RAPPORT_MESSAGE_STATE_QUEUED), ==, n - 10);
  g_assert_cmpint (rapport_message_get_id (g_ptr_array_index (batch, n - 11)), >, 0);
  g_assert_cmpint (rapport_message_get_id (g_ptr_array_index (batch, n - 1)), ==, 0);
  /* One commit, one announcement. */
  g_assert_cmpuint (fixture->changes->len, >, 0);
}

/* The user checked with the recipient: a message of unknown fate did arrive. */
static void
test_mark_unknown_sent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = add_customer (fixture->db, "Acme", "AC001");
  gint64 customer_id = rapport_customer_get_id (customer);
  g_autoptr (RapportMessage) mail = new_mail (customer_id, "li@example.com", NULL);
  g_autoptr (RapportMessage) other = new_mail (customer_id, "wang@example.com", NULL);
  g_autoptr (RapportMessage) claimed = NULL;
  g_autoptr (RapportMessage) marked = NULL;
  g_autoptr (GListModel) interactions = NULL;
  gint64 id, other_id;

  id = queue_one (fixture, mail, NULL);
  claimed = rapport_store_claim_next_message (fixture->db, TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_store_finish_message_uncertain (fixture->db, id, "Dropped after the data", &error));
  g_assert_no_error (error);
  other_id = queue_one (fixture, other, NULL);

  /* Only an unknown one can be marked: a queued one is the outbox's. */
  g_assert_false (rapport_store_mark_message_sent (fixture->db, other_id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (rapport_store_mark_message_sent (fixture->db, id, &error));
  g_assert_no_error (error);
  marked = get_message (fixture, id);
  g_assert_cmpint (rapport_message_get_state (marked), ==, RAPPORT_MESSAGE_STATE_SENT);
  g_assert_cmpint (rapport_message_get_interaction_id (marked), >, 0);
  g_assert_null (rapport_message_get_error (marked));

  interactions = rapport_store_list_interactions (fixture->db, customer_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);

  /* Once: marking again is refused and logs nothing more. */
  g_assert_false (rapport_store_mark_message_sent (fixture->db, id, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT);
  g_clear_object (&interactions);
  interactions = rapport_store_list_interactions (fixture->db, customer_id, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/outbox/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("queue-defaults", test_queue_defaults);
  ADD ("queue-review", test_queue_review);
  ADD ("queue-rejects-bad-recipients", test_queue_rejects_bad_recipients);
  ADD ("duplicate-occasion-skipped", test_duplicate_occasion_skipped);
  ADD ("claim-ordered", test_claim_ordered);
  ADD ("claim-atomic", test_claim_atomic);
  ADD ("recover-interrupted", test_recover_interrupted);
  ADD ("sent-logs-interaction", test_sent_logs_interaction);
  ADD ("mark-unknown-sent", test_mark_unknown_sent);
  ADD ("failures", test_failures);
  ADD ("user-actions", test_user_actions);
  ADD ("lists", test_lists);
  ADD ("large-batch", test_large_batch);

  return g_test_run ();
}
