/* rapport-message-repository.c
 *
 * The outbox (发件箱): messages queued, claimed, and finished.
 *
 * Migration 7's comment is the design. What keeps a message from going out
 * twice lives here: a message is claimed (queued → sending) in one IMMEDIATE
 * transaction before any attempt, so two runners never take the same one;
 * one found in sending at start becomes unknown and is only queued again by
 * the user (rapport_store_retry_message); and the unique occasion_key makes
 * queuing one occasion a second time a counted skip, whatever became of the
 * first message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-message-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-email.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

#define MESSAGE_COLUMNS \
  "m.id, m.uuid, m.channel, m.account_id, m.customer_id, m.contact_id, m.recipient, " \
  "m.recipient_name, m.subject, m.body, m.is_marketing, m.state, m.attempts, m.error, " \
  "m.not_before, m.rule_id, m.occasion_key, m.provider_id, m.interaction_id, m.sent_at, " \
  "m.created_at, m.updated_at, c.name"

#define MESSAGE_FROM "FROM message m LEFT JOIN customer c ON c.id = m.customer_id "

/* How many characters of an SMS its interaction's summary shows. */
#define SMS_SUMMARY_CHARS 60

/* The states a user may edit or cancel a message in. */
#define EDITABLE_STATES ((1u << RAPPORT_MESSAGE_STATE_REVIEW) | (1u << RAPPORT_MESSAGE_STATE_QUEUED) | \
                         (1u << RAPPORT_MESSAGE_STATE_FAILED) | (1u << RAPPORT_MESSAGE_STATE_UNKNOWN))

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_INVALID, message);
  return FALSE;
}

static RapportMessage *
message_from_row (sqlite3_stmt *stmt)
{
  RapportMessage *message = rapport_message_new ();
  RapportChannel channel = RAPPORT_CHANNEL_MAIL;
  RapportMessageState state = RAPPORT_MESSAGE_STATE_QUEUED;

  rapport_channel_from_string (_rapport_store_column_text (stmt, 2), &channel);
  rapport_message_state_from_string (_rapport_store_column_text (stmt, 11), &state);

  rapport_message_set_id (message, sqlite3_column_int64 (stmt, 0));
  rapport_message_set_uuid (message, _rapport_store_column_text (stmt, 1));
  rapport_message_set_channel (message, channel);
  rapport_message_set_account_id (message, sqlite3_column_int64 (stmt, 3));
  rapport_message_set_customer_id (message, sqlite3_column_int64 (stmt, 4));
  rapport_message_set_contact_id (message, sqlite3_column_int64 (stmt, 5));
  rapport_message_set_recipient (message, _rapport_store_column_text (stmt, 6));
  rapport_message_set_recipient_name (message, _rapport_store_column_text (stmt, 7));
  rapport_message_set_subject (message, _rapport_store_column_text (stmt, 8));
  rapport_message_set_body (message, _rapport_store_column_text (stmt, 9));
  rapport_message_set_is_marketing (message, sqlite3_column_int (stmt, 10) != 0);
  rapport_message_set_state (message, state);
  rapport_message_set_attempts (message, (guint) sqlite3_column_int (stmt, 12));
  rapport_message_set_error (message, _rapport_store_column_text (stmt, 13));
  rapport_message_set_not_before (message, sqlite3_column_int64 (stmt, 14));
  rapport_message_set_rule_id (message, sqlite3_column_int64 (stmt, 15));
  rapport_message_set_occasion_key (message, _rapport_store_column_text (stmt, 16));
  rapport_message_set_provider_id (message, _rapport_store_column_text (stmt, 17));
  rapport_message_set_interaction_id (message, sqlite3_column_int64 (stmt, 18));
  rapport_message_set_sent_at (message, sqlite3_column_int64 (stmt, 19));
  rapport_message_set_created_at (message, sqlite3_column_int64 (stmt, 20));
  rapport_message_set_updated_at (message, sqlite3_column_int64 (stmt, 21));
  rapport_message_set_customer_name (message, _rapport_store_column_text (stmt, 22));

  return message;
}

static RapportMessage *
read_message (RapportDatabase  *db,
              gint64            id,
              GError          **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  stmt = _rapport_database_prepare (db, "SELECT " MESSAGE_COLUMNS " " MESSAGE_FROM "WHERE m.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return message_from_row (stmt);

  if (rc == SQLITE_DONE)
    _rapport_store_not_found (error, RAPPORT_ENTITY_KIND_MESSAGE, id);
  else
    _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the message"));

  return NULL;
}

/* The recipient as stored: a normalised address or E.164 number. Also what
 * keeps a comma or a line break out of a mail header. */
static gboolean
check_recipient (RapportDatabase  *db,
                 RapportChannel    channel,
                 const char       *recipient,
                 char            **out,
                 GError          **error)
{
  if (_rapport_store_is_blank (recipient))
    return invalid (error, channel == RAPPORT_CHANNEL_SMS
                           ? _("A text message needs a phone number to go to")
                           : _("A mail needs an address to go to"));

  if (channel == RAPPORT_CHANNEL_SMS)
    {
      const char *phones[] = { recipient, NULL };
      g_auto (GStrv) normalized = NULL;

      if (!_rapport_store_normalize_phones (db, phones, &normalized, error))
        return FALSE;
      *out = g_strdup (normalized[0]);
      return TRUE;
    }
  else
    {
      GError *local_error = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (recipient));

      if (!rapport_email_normalize (trimmed, out, &local_error))
        return _rapport_store_invalid (error, local_error);
      return TRUE;
    }
}

static gboolean
check_content (RapportMessage  *message,
               GError         **error)
{
  if (_rapport_store_is_blank (rapport_message_get_body (message)))
    return invalid (error, _("The message has no text"));

  return TRUE;
}

/* Why @state refuses what the user asked, as a CONFLICT. */
static gboolean
refuse_state (RapportMessageState   state,
              GError              **error)
{
  const char *message;

  switch (state)
    {
    case RAPPORT_MESSAGE_STATE_SENDING:
      message = _("The message is being sent right now; nothing was changed");
      break;
    case RAPPORT_MESSAGE_STATE_SENT:
      message = _("The message was already sent; nothing was changed");
      break;
    case RAPPORT_MESSAGE_STATE_CANCELLED:
      message = _("The message was cancelled; nothing was changed");
      break;
    case RAPPORT_MESSAGE_STATE_REVIEW:
      message = _("The message is waiting for review; approve it first");
      break;
    case RAPPORT_MESSAGE_STATE_QUEUED:
      message = _("The message is already waiting to be sent");
      break;
    case RAPPORT_MESSAGE_STATE_FAILED:
    case RAPPORT_MESSAGE_STATE_UNKNOWN:
    default:
      message = _("The message is not waiting for review; nothing was changed");
      break;
    }

  g_set_error_literal (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CONFLICT, message);
  return FALSE;
}

/**
 * rapport_store_queue_messages:
 * @messages: (element-type RapportMessage): channel, recipient, body (and
 *   the optional fields) set; state REVIEW holds a message for review, any
 *   other is QUEUED; not-before 0 is now. Each queued message gets id, uuid,
 *   state, recipient (normalised), not-before and times; a skipped duplicate
 *   keeps id 0.
 * @out_n_duplicates: (out) (optional): how many had an occasion-key already
 *   queued once (whatever became of that message) and were skipped
 *
 * One transaction for the whole batch: all are checked first, and one
 * invalid message queues none (INVALID).
 */
gboolean
rapport_store_queue_messages (RapportDatabase  *db,
                              GPtrArray        *messages,
                              guint            *out_n_duplicates,
                              GError          **error)
{
  g_autoptr (GPtrArray) recipients = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *handle;
  guint n_duplicates = 0;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (messages != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_n_duplicates != NULL)
    *out_n_duplicates = 0;

  recipients = g_ptr_array_new_full (messages->len, g_free);
  for (guint i = 0; i < messages->len; i++)
    {
      RapportMessage *message = g_ptr_array_index (messages, i);
      char *recipient = NULL;

      g_return_val_if_fail (RAPPORT_IS_MESSAGE (message), FALSE);

      if (!check_recipient (db, rapport_message_get_channel (message),
                            rapport_message_get_recipient (message), &recipient, error) ||
          !check_content (message, error))
        return FALSE;
      g_ptr_array_add (recipients, recipient);
    }

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  now = _rapport_database_now (db);
  handle = _rapport_database_get_handle (db);

  /* One statement for the batch, bound and reset for each message. */
  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO message (uuid, channel, account_id, customer_id, contact_id, "
                                    "  recipient, recipient_name, subject, body, is_marketing, state, attempts, "
                                    "  not_before, rule_id, occasion_key, created_at, updated_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ?13, ?14, ?15, ?15) "
                                    "ON CONFLICT (occasion_key) DO NOTHING",
                                    error);
  if (stmt == NULL)
    goto fail;

  for (guint i = 0; i < messages->len; i++)
    {
      RapportMessage *message = g_ptr_array_index (messages, i);
      RapportMessageState state = rapport_message_get_state (message) == RAPPORT_MESSAGE_STATE_REVIEW
                                  ? RAPPORT_MESSAGE_STATE_REVIEW : RAPPORT_MESSAGE_STATE_QUEUED;
      gint64 not_before = rapport_message_get_not_before (message) != 0
                          ? rapport_message_get_not_before (message) : now;
      const char *recipient = g_ptr_array_index (recipients, i);
      char uuid[RAPPORT_UUID_LEN];
      gint64 id;

      _rapport_store_new_uuid (uuid);

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, rapport_channel_to_string (rapport_message_get_channel (message)), -1, SQLITE_STATIC);
      _rapport_store_bind_id (stmt, 3, rapport_message_get_account_id (message));
      _rapport_store_bind_id (stmt, 4, rapport_message_get_customer_id (message));
      _rapport_store_bind_id (stmt, 5, rapport_message_get_contact_id (message));
      sqlite3_bind_text (stmt, 6, recipient, -1, SQLITE_STATIC);
      _rapport_store_bind_text (stmt, 7, rapport_message_get_recipient_name (message));
      _rapport_store_bind_text (stmt, 8, rapport_message_get_subject (message));
      sqlite3_bind_text (stmt, 9, rapport_message_get_body (message), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 10, rapport_message_get_is_marketing (message));
      sqlite3_bind_text (stmt, 11, rapport_message_state_to_string (state), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 12, not_before);
      _rapport_store_bind_id (stmt, 13, rapport_message_get_rule_id (message));
      _rapport_store_bind_text (stmt, 14, rapport_message_get_occasion_key (message));
      sqlite3_bind_int64 (stmt, 15, now);

      if (!_rapport_database_step_done (db, stmt, _("Could not queue the messages"), error))
        goto fail;

      if (sqlite3_changes (handle) == 0)
        {
          n_duplicates++;
          continue;
        }

      id = sqlite3_last_insert_rowid (handle);
      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_MESSAGE, id,
                                      rapport_message_get_customer_id (message), RAPPORT_CHANGE_INSERTED);

      rapport_message_set_id (message, id);
      rapport_message_set_uuid (message, uuid);
      rapport_message_set_recipient (message, recipient);
      rapport_message_set_state (message, state);
      rapport_message_set_not_before (message, not_before);
      rapport_message_set_attempts (message, 0);
      rapport_message_set_created_at (message, now);
      rapport_message_set_updated_at (message, now);
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  if (out_n_duplicates != NULL)
    *out_n_duplicates = n_duplicates;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  for (guint i = 0; i < messages->len; i++)
    rapport_message_set_id (g_ptr_array_index (messages, i), 0);
  return FALSE;
}

/**
 * rapport_store_get_message:
 *
 * Returns: (transfer full): the message (customer-name filled in), or NULL
 *   with NOT_FOUND
 */
RapportMessage *
rapport_store_get_message (RapportDatabase  *db,
                           gint64            id,
                           GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_message (db, id, error);
}

/**
 * rapport_store_claim_next_message:
 * @now: the runner's now (UTC)
 *
 * Takes the queued message due first (smallest not-before ≤ @now): state
 * SENDING, one more attempt, in one IMMEDIATE transaction, so two runners
 * never take the same message.
 *
 * Returns: (transfer full) (nullable): the message, or NULL (and no error)
 *   when none is due
 */
RapportMessage *
rapport_store_claim_next_message (RapportDatabase  *db,
                                  gint64            now,
                                  GError          **error)
{
  g_autoptr (RapportMessage) message = NULL;
  gint64 id = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return NULL;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db,
                                                                   "SELECT id FROM message "
                                                                   "WHERE state = 'queued' AND not_before <= ?1 "
                                                                   "ORDER BY not_before, id LIMIT 1",
                                                                   error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, now);
    if (!_rapport_database_step_int64 (db, stmt, _("Could not read the outbox"), &id, error))
      goto fail;
  }

  if (id == 0)
    {
      if (!_rapport_database_commit (db, error))
        goto fail;
      return NULL;
    }

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db,
                                                                   "UPDATE message SET state = 'sending', "
                                                                   "  attempts = attempts + 1, updated_at = ?2 "
                                                                   "WHERE id = ?1 AND state = 'queued'",
                                                                   error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, _rapport_database_now (db));
    if (!_rapport_database_step_done (db, stmt, _("Could not update the message"), error))
      goto fail;
  }

  message = read_message (db, id, error);
  if (message == NULL)
    goto fail;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_MESSAGE, id,
                                  rapport_message_get_customer_id (message), RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return g_steal_pointer (&message);

fail:
  _rapport_database_rollback (db, NULL);
  return NULL;
}

/* Inside a transaction: the message, refused with CONFLICT unless its state
 * is in @allowed (a mask of 1 << state). */
static RapportMessage *
read_in_states (RapportDatabase  *db,
                gint64            id,
                guint             allowed,
                GError          **error)
{
  g_autoptr (RapportMessage) message = read_message (db, id, error);

  if (message == NULL)
    return NULL;

  if (!(allowed & (1u << rapport_message_get_state (message))))
    {
      refuse_state (rapport_message_get_state (message), error);
      return NULL;
    }

  return g_steal_pointer (&message);
}

/* Sets state, and optionally error and not_before, on a message read in the
 * same transaction; announces it. @not_before 0 keeps it. */
static gboolean
set_state (RapportDatabase      *db,
           RapportMessage       *message,
           RapportMessageState   state,
           const char           *error_text,
           gboolean              set_error,
           gint64                not_before,
           GError              **error)
{
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 id = rapport_message_get_id (message);
  gint64 now = _rapport_database_now (db);

  stmt = _rapport_database_prepare (db,
                                    "UPDATE message SET state = ?2, "
                                    "  error = CASE WHEN ?3 THEN ?4 ELSE error END, "
                                    "  not_before = CASE WHEN ?5 != 0 THEN ?5 ELSE not_before END, "
                                    "  updated_at = ?6 "
                                    "WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, rapport_message_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, set_error);
  _rapport_store_bind_text (stmt, 4, error_text);
  sqlite3_bind_int64 (stmt, 5, not_before);
  sqlite3_bind_int64 (stmt, 6, now);

  if (!_rapport_database_step_done (db, stmt, _("Could not update the message"), error))
    return FALSE;

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_MESSAGE, id,
                                  rapport_message_get_customer_id (message), RAPPORT_CHANGE_UPDATED);
  return TRUE;
}

/* The timeline's entry for a sent message. */
static gboolean
log_interaction (RapportDatabase  *db,
                 RapportMessage   *message,
                 const char       *provider_id,
                 gint64            sent_at,
                 gint64           *out_id,
                 GError          **error)
{
  g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();
  gboolean is_sms = rapport_message_get_channel (message) == RAPPORT_CHANNEL_SMS;
  g_autofree char *summary = NULL;
  g_autofree char *outcome = NULL;

  if (is_sms)
    summary = rapport_text_truncate (rapport_message_get_body (message), SMS_SUMMARY_CHARS);
  else
    summary = g_strdup (rapport_message_get_subject (message));

  if (provider_id != NULL && provider_id[0] != '\0')
    /* Translators: the outcome of a sent mail or SMS in the timeline; %s is
     * the id the mail server or SMS gateway gave the message */
    outcome = g_strdup_printf (_("Sent; message ID %s"), provider_id);
  else
    outcome = g_strdup (_("Sent"));

  rapport_interaction_set_customer_id (interaction, rapport_message_get_customer_id (message));
  rapport_interaction_set_contact_id (interaction, rapport_message_get_contact_id (message));
  rapport_interaction_set_kind (interaction, is_sms ? RAPPORT_INTERACTION_KIND_SMS : RAPPORT_INTERACTION_KIND_EMAIL);
  rapport_interaction_set_occurred_at (interaction, sent_at);
  rapport_interaction_set_summary (interaction, summary);
  rapport_interaction_set_details (interaction, rapport_message_get_body (message));
  rapport_interaction_set_outcome (interaction, outcome);

  /* Nested: part of the caller's transaction. */
  if (!rapport_store_insert_interaction (db, interaction, error))
    return FALSE;

  *out_id = rapport_interaction_get_id (interaction);
  return TRUE;
}

static gboolean record_sent (RapportDatabase  *db,
                             gint64            id,
                             guint             from_states,
                             const char       *provider_id,
                             gint64            sent_at,
                             GError          **error);

/**
 * rapport_store_finish_message_sent:
 * @provider_id: (nullable): the provider's id for the message
 * @sent_at: when the provider accepted it (UTC)
 *
 * SENDING → SENT, and in the same transaction an interaction (mail or SMS) on
 * the message's customer, if it has one. CONFLICT when the message is not
 * being sent.
 */
gboolean
rapport_store_finish_message_sent (RapportDatabase  *db,
                                   gint64            id,
                                   const char       *provider_id,
                                   gint64            sent_at,
                                   GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return record_sent (db, id, 1u << RAPPORT_MESSAGE_STATE_SENDING, provider_id, sent_at, error);
}

/**
 * rapport_store_mark_message_sent:
 *
 * The user found out that a message whose send was uncertain did arrive:
 * UNKNOWN → SENT (CONFLICT otherwise), logged on its customer as a sent
 * message is, at the time of its last attempt.
 */
gboolean
rapport_store_mark_message_sent (RapportDatabase  *db,
                                 gint64            id,
                                 GError          **error)
{
  g_autoptr (RapportMessage) message = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  message = rapport_store_get_message (db, id, error);
  if (message == NULL)
    return FALSE;

  return record_sent (db, id, 1u << RAPPORT_MESSAGE_STATE_UNKNOWN, NULL,
                      rapport_message_get_updated_at (message), error);
}

/* SENT, from one of @from_states, with its interaction, in one transaction. */
static gboolean
record_sent (RapportDatabase  *db,
             gint64            id,
             guint             from_states,
             const char       *provider_id,
             gint64            sent_at,
             GError          **error)
{
  g_autoptr (RapportMessage) message = NULL;
  gint64 interaction_id = 0;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  message = read_in_states (db, id, from_states, error);
  if (message == NULL)
    goto fail;

  if (rapport_message_get_customer_id (message) != 0 &&
      !log_interaction (db, message, provider_id, sent_at, &interaction_id, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE message SET state = 'sent', provider_id = ?2, sent_at = ?3, "
                                      "  interaction_id = ?4, error = NULL, updated_at = ?5 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    _rapport_store_bind_text (stmt, 2, provider_id);
    sqlite3_bind_int64 (stmt, 3, sent_at);
    _rapport_store_bind_id (stmt, 4, interaction_id);
    sqlite3_bind_int64 (stmt, 5, _rapport_database_now (db));
    if (!_rapport_database_step_done (db, stmt, _("Could not update the message"), error))
      goto fail;
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_MESSAGE, id,
                                  rapport_message_get_customer_id (message), RAPPORT_CHANGE_UPDATED);

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_finish_message_failed:
 * @error_text: the failure, as the user will read it
 * @retry_at: 0 for a permanent failure (FAILED); else the message is queued
 *   again for @retry_at (UTC), the error kept
 *
 * From SENDING only (CONFLICT otherwise).
 */
gboolean
rapport_store_finish_message_failed (RapportDatabase  *db,
                                     gint64            id,
                                     const char       *error_text,
                                     gint64            retry_at,
                                     GError          **error)
{
  g_autoptr (RapportMessage) message = NULL;
  RapportMessageState state = retry_at == 0 ? RAPPORT_MESSAGE_STATE_FAILED : RAPPORT_MESSAGE_STATE_QUEUED;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  message = read_in_states (db, id, 1u << RAPPORT_MESSAGE_STATE_SENDING, error);
  if (message == NULL ||
      !set_state (db, message, state, error_text, TRUE, retry_at, error) ||
      !_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_finish_message_uncertain:
 *
 * SENDING → UNKNOWN: the attempt may have delivered it (the connection broke
 * after the message was handed over). Never resent by itself.
 */
gboolean
rapport_store_finish_message_uncertain (RapportDatabase  *db,
                                        gint64            id,
                                        const char       *error_text,
                                        GError          **error)
{
  g_autoptr (RapportMessage) message = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  message = read_in_states (db, id, 1u << RAPPORT_MESSAGE_STATE_SENDING, error);
  if (message == NULL ||
      !set_state (db, message, RAPPORT_MESSAGE_STATE_UNKNOWN, error_text, TRUE, 0, error) ||
      !_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

typedef struct
{
  gint64 id;
  gint64 customer_id;
} Interrupted;

/**
 * rapport_store_recover_interrupted_messages:
 *
 * At start, before the outbox runs: every message still SENDING (Rapport
 * stopped mid-attempt) becomes UNKNOWN, for the user to check and retry.
 *
 * Returns: how many (0 on error, with @error set)
 */
guint
rapport_store_recover_interrupted_messages (RapportDatabase  *db,
                                            GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (Interrupted));
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return 0;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db,
                                                                   "SELECT id, customer_id FROM message "
                                                                   "WHERE state = 'sending'",
                                                                   error);
    if (stmt == NULL)
      goto fail;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        Interrupted row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

        g_array_append_val (ids, row);
      }
    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the outbox"));
        goto fail;
      }
  }

  if (ids->len > 0)
    {
      g_autoptr (RapportStatement) stmt = NULL;

      stmt = _rapport_database_prepare (db,
                                        "UPDATE message SET state = 'unknown', error = ?1, updated_at = ?2 "
                                        "WHERE state = 'sending'",
                                        error);
      if (stmt == NULL)
        goto fail;

      sqlite3_bind_text (stmt, 1, _("Rapport stopped while sending: it may have been delivered"), -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, _rapport_database_now (db));
      if (!_rapport_database_step_done (db, stmt, _("Could not update the outbox"), error))
        goto fail;

      for (guint i = 0; i < ids->len; i++)
        {
          const Interrupted *row = &g_array_index (ids, Interrupted, i);

          _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_MESSAGE, row->id, row->customer_id,
                                          RAPPORT_CHANGE_UPDATED);
        }
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  if (ids->len > 0)
    g_debug ("%u interrupted message(s) marked unknown", ids->len);

  return ids->len;

fail:
  _rapport_database_rollback (db, NULL);
  return 0;
}

/* A user's action on one message: from a state in @allowed to @state. */
static gboolean
user_transition (RapportDatabase      *db,
                 gint64                id,
                 guint                 allowed,
                 RapportMessageState   state,
                 gboolean              clear_error,
                 gboolean              due_now,
                 GError              **error)
{
  g_autoptr (RapportMessage) message = NULL;

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  message = read_in_states (db, id, allowed, error);
  if (message == NULL ||
      !set_state (db, message, state, NULL, clear_error, due_now ? _rapport_database_now (db) : 0, error) ||
      !_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_retry_message:
 *
 * FAILED or UNKNOWN → QUEUED, due now, the error cleared. For UNKNOWN this is
 * the user deciding to send again what may have gone out. CONFLICT from any
 * other state.
 */
gboolean
rapport_store_retry_message (RapportDatabase  *db,
                             gint64            id,
                             GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return user_transition (db, id,
                          (1u << RAPPORT_MESSAGE_STATE_FAILED) | (1u << RAPPORT_MESSAGE_STATE_UNKNOWN),
                          RAPPORT_MESSAGE_STATE_QUEUED, TRUE, TRUE, error);
}

/**
 * rapport_store_cancel_message:
 *
 * REVIEW, QUEUED, FAILED or UNKNOWN → CANCELLED (its occasion stays used).
 * CONFLICT from SENDING, SENT or CANCELLED.
 */
gboolean
rapport_store_cancel_message (RapportDatabase  *db,
                              gint64            id,
                              GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return user_transition (db, id, EDITABLE_STATES, RAPPORT_MESSAGE_STATE_CANCELLED, FALSE, FALSE, error);
}

/**
 * rapport_store_approve_messages:
 * @ids: (array length=n_ids): messages in REVIEW
 *
 * REVIEW → QUEUED for all of them, in one transaction; not-before is kept
 * (a greeting waits for its send time). When one is no longer in review,
 * none is approved (CONFLICT).
 */
gboolean
rapport_store_approve_messages (RapportDatabase  *db,
                                const gint64     *ids,
                                guint             n_ids,
                                GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr (RapportMessage) message = read_in_states (db, ids[i], 1u << RAPPORT_MESSAGE_STATE_REVIEW, error);

      if (message == NULL ||
          !set_state (db, message, RAPPORT_MESSAGE_STATE_QUEUED, NULL, FALSE, 0, error))
        goto fail;
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_update_message:
 * @message: with id, recipient, subject and body as edited
 *
 * Saves recipient, subject and body only, in REVIEW, QUEUED, FAILED or
 * UNKNOWN (CONFLICT otherwise: a sent message is history). The state stays:
 * an edited failed message waits for the user's retry. On success @message is
 * re-read from the database.
 */
gboolean
rapport_store_update_message (RapportDatabase  *db,
                              RapportMessage   *message,
                              GError          **error)
{
  g_autoptr (RapportMessage) old = NULL;
  g_autoptr (RapportMessage) saved = NULL;
  g_autofree char *recipient = NULL;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (RAPPORT_IS_MESSAGE (message), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = rapport_message_get_id (message);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return FALSE;

  old = read_in_states (db, id, EDITABLE_STATES, error);
  if (old == NULL ||
      !check_recipient (db, rapport_message_get_channel (old), rapport_message_get_recipient (message),
                        &recipient, error) ||
      !check_content (message, error))
    goto fail;

  {
    g_autoptr (RapportStatement) stmt = NULL;

    stmt = _rapport_database_prepare (db,
                                      "UPDATE message SET recipient = ?2, subject = ?3, body = ?4, updated_at = ?5 "
                                      "WHERE id = ?1",
                                      error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_text (stmt, 2, recipient, -1, SQLITE_STATIC);
    _rapport_store_bind_text (stmt, 3, rapport_message_get_subject (message));
    sqlite3_bind_text (stmt, 4, rapport_message_get_body (message), -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 5, _rapport_database_now (db));
    if (!_rapport_database_step_done (db, stmt, _("Could not save the message"), error))
      goto fail;
  }

  _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_MESSAGE, id,
                                  rapport_message_get_customer_id (old), RAPPORT_CHANGE_UPDATED);

  saved = read_message (db, id, error);
  if (saved == NULL || !_rapport_database_commit (db, error))
    goto fail;

  g_object_freeze_notify (G_OBJECT (message));
  rapport_message_set_recipient (message, rapport_message_get_recipient (saved));
  rapport_message_set_state (message, rapport_message_get_state (saved));
  rapport_message_set_error (message, rapport_message_get_error (saved));
  rapport_message_set_updated_at (message, rapport_message_get_updated_at (saved));
  g_object_thaw_notify (G_OBJECT (message));

  return TRUE;

fail:
  _rapport_database_rollback (db, NULL);
  return FALSE;
}

/**
 * rapport_store_list_messages:
 * @states: (array length=n_states) (nullable): the states to list; none: all
 * @customer_id: one customer's messages, 0 for all
 * @limit: at most this many, 0 for all
 *
 * Returns: (transfer full): a GListModel of RapportMessage, newest first,
 *   customer-name filled in
 */
GListModel *
rapport_store_list_messages (RapportDatabase            *db,
                             const RapportMessageState  *states,
                             guint                       n_states,
                             gint64                      customer_id,
                             guint                       limit,
                             GError                    **error)
{
  g_autoptr (GListStore) store = g_list_store_new (RAPPORT_TYPE_MESSAGE);
  g_autoptr (GString) sql = g_string_new ("SELECT " MESSAGE_COLUMNS " " MESSAGE_FROM "WHERE 1");
  g_autoptr (RapportStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (states != NULL || n_states == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_states > 0)
    {
      g_string_append (sql, " AND m.state IN (");
      for (guint i = 0; i < n_states; i++)
        g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
      g_string_append (sql, ")");
    }
  if (customer_id != 0)
    g_string_append_printf (sql, " AND m.customer_id = ?%u", n_states + 1);
  g_string_append_printf (sql, " ORDER BY m.created_at DESC, m.id DESC LIMIT ?%u", n_states + 2);

  stmt = _rapport_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < n_states; i++)
    sqlite3_bind_text (stmt, (int) i + 1, rapport_message_state_to_string (states[i]), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, (int) n_states + 1, customer_id);
  sqlite3_bind_int64 (stmt, (int) n_states + 2, limit > 0 ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (RapportMessage) message = message_from_row (stmt);

      g_list_store_append (store, message);
    }

  if (rc != SQLITE_DONE)
    {
      _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not read the outbox"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * rapport_store_count_messages:
 *
 * Returns: how many messages are in @state (0 on a read error, logged)
 */
guint
rapport_store_count_messages (RapportDatabase      *db,
                              RapportMessageState   state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 count = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);

  stmt = _rapport_database_prepare (db, "SELECT count (*) FROM message WHERE state = ?1", &error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, rapport_message_state_to_string (state), -1, SQLITE_STATIC);
      _rapport_database_step_int64 (db, stmt, _("Could not read the outbox"), &count, &error);
    }

  if (error != NULL)
    g_warning ("Could not count messages: %s", error->message);

  return (guint) count;
}

/**
 * rapport_store_get_next_message_due:
 *
 * Returns: the smallest not-before of the queued messages (UTC), 0 when none
 *   is queued: what the outbox runner arms its timer for
 */
gint64
rapport_store_get_next_message_due (RapportDatabase *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStatement) stmt = NULL;
  gint64 due = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);

  stmt = _rapport_database_prepare (db, "SELECT min (not_before) FROM message WHERE state = 'queued'", &error);
  if (stmt != NULL)
    _rapport_database_step_int64 (db, stmt, _("Could not read the outbox"), &due, &error);

  if (error != NULL)
    g_warning ("Could not read the next message due: %s", error->message);

  return due;
}

/**
 * rapport_store_defer_automatic_messages:
 * @until: when the automatic sends may go out again (UTC)
 *
 * Outside the hours automatic sends are allowed in: every queued message
 * of a greeting rule due before @until waits until then, so the runner's
 * next claim does not take it. Messages the user queued are left alone.
 *
 * Returns: how many were moved (0 on error, with @error set)
 */
guint
rapport_store_defer_automatic_messages (RapportDatabase  *db,
                                        gint64            until,
                                        GError          **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (Interrupted));
  int rc;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_rapport_database_check_writable (db, error) ||
      !_rapport_database_begin (db, error))
    return 0;

  {
    g_autoptr (RapportStatement) stmt = _rapport_database_prepare (db,
                                                                   "UPDATE message SET not_before = ?1 "
                                                                   "WHERE state = 'queued' AND rule_id IS NOT NULL "
                                                                   "  AND not_before < ?1 "
                                                                   "RETURNING id, customer_id",
                                                                   error);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_int64 (stmt, 1, until);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        Interrupted row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

        g_array_append_val (ids, row);
      }
    if (rc != SQLITE_DONE)
      {
        _rapport_database_set_error (error, _rapport_database_get_handle (db), _("Could not update the outbox"));
        goto fail;
      }
  }

  for (guint i = 0; i < ids->len; i++)
    {
      const Interrupted *row = &g_array_index (ids, Interrupted, i);

      _rapport_database_queue_change (db, RAPPORT_ENTITY_KIND_MESSAGE, row->id, row->customer_id,
                                      RAPPORT_CHANGE_UPDATED);
    }

  if (!_rapport_database_commit (db, error))
    goto fail;

  return ids->len;

fail:
  _rapport_database_rollback (db, NULL);
  return 0;
}
