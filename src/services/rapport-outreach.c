/* rapport-outreach.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-outreach"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-outreach.h"
#include "rapport-sms-text.h"
#include "rapport-template.h"

void
rapport_outreach_skip_free (RapportOutreachSkip *skip)
{
  if (skip == NULL)
    return;

  g_clear_pointer (&skip->recipient, rapport_recipient_free);
  g_free (skip->reason);
  g_free (skip);
}

static void
add_skip (GPtrArray              *skipped,
          const RapportRecipient *recipient,
          char                   *reason)
{
  RapportOutreachSkip *skip;

  if (skipped == NULL)
    {
      g_free (reason);
      return;
    }

  skip = g_new0 (RapportOutreachSkip, 1);
  skip->recipient = rapport_recipient_copy (recipient);
  skip->reason = reason;
  g_ptr_array_add (skipped, skip);
}

/* The first syntax problem of @text as an error, or TRUE when it has none. */
static gboolean
check_template (const char  *text,
                GError     **error)
{
  g_autoptr (GPtrArray) problems = rapport_template_check (text);
  RapportTemplateProblem *first;

  if (problems->len == 0)
    return TRUE;

  first = g_ptr_array_index (problems, 0);
  g_set_error_literal (error, RAPPORT_TEMPLATE_ERROR, RAPPORT_TEMPLATE_ERROR_INVALID, first->message);
  return FALSE;
}

static void
set_value (GHashTable *values,
           const char *key,
           const char *value)
{
  if (value != NULL)
    g_hash_table_insert (values, (gpointer) key, (gpointer) value);
  else
    g_hash_table_remove (values, key);
}

/* Why @recipient gets nothing on @channel before any rendering, or NULL. */
static char *
skip_reason (const RapportRecipient *recipient,
             RapportChannel          channel)
{
  if (recipient->do_not_contact)
    return rapport_do_not_contact_describe (recipient->do_not_contact_reason);

  if (channel == RAPPORT_CHANNEL_SMS && (recipient->phone == NULL || *recipient->phone == '\0'))
    return g_strdup (_("No phone number"));

  if (channel == RAPPORT_CHANNEL_MAIL && (recipient->email == NULL || *recipient->email == '\0'))
    return g_strdup (_("No e-mail address"));

  return NULL;
}

/**
 * rapport_outreach_render:
 * @db: the book the recipients come from
 * @recipients: (element-type RapportRecipient)
 * @today: the local date {date} stands for
 * @out_skipped: (out) (optional) (element-type RapportOutreachSkip)
 *
 * Returns: (transfer full) (element-type RapportMessage): the messages, or
 *   NULL on a template's syntax problem
 */
GPtrArray *
rapport_outreach_render (RapportDatabase  *db,
                         RapportChannel    channel,
                         const char       *subject_template,
                         const char       *body_template,
                         GPtrArray        *recipients,
                         gboolean          is_marketing,
                         const char       *occasion_name,
                         GDateTime        *today,
                         GPtrArray       **out_skipped,
                         GError          **error)
{
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GPtrArray) skipped = NULL;
  g_autoptr (GHashTable) values = NULL;
  g_autofree char *date = NULL;
  gboolean has_subject = channel == RAPPORT_CHANNEL_MAIL && subject_template != NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (recipients != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_skipped != NULL)
    *out_skipped = NULL;

  if ((has_subject && !check_template (subject_template, error)) ||
      !check_template (body_template, error))
    return NULL;

  {
    g_autoptr (GDate) day = g_date_new_dmy (g_date_time_get_day_of_month (today),
                                            g_date_time_get_month (today),
                                            g_date_time_get_year (today));

    date = rapport_template_format_date (day);
  }

  values = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (values, (gpointer) "date", date);
  set_value (values, "holiday", occasion_name);

  messages = g_ptr_array_new_full (recipients->len, g_object_unref);
  if (out_skipped != NULL)
    skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_outreach_skip_free);

  for (guint i = 0; i < recipients->len; i++)
    {
      const RapportRecipient *recipient = g_ptr_array_index (recipients, i);
      g_autoptr (RapportMessage) message = NULL;
      g_autoptr (GError) local_error = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;
      char *reason = skip_reason (recipient, channel);

      if (reason != NULL)
        {
          add_skip (skipped, recipient, reason);
          continue;
        }

      set_value (values, "name", recipient->name);
      set_value (values, "contact", recipient->contact_name);
      set_value (values, "company", recipient->company);
      set_value (values, "code", recipient->code);
      set_value (values, "owner", recipient->owner);
      set_value (values, "title", recipient->contact_title);

      if (has_subject)
        subject = rapport_template_render (subject_template, values, &local_error);
      if (local_error == NULL)
        body = rapport_template_render (body_template, values, &local_error);
      if (local_error != NULL)
        {
          add_skip (skipped, recipient, g_strdup (local_error->message));
          continue;
        }

      message = rapport_message_new ();
      rapport_message_set_channel (message, channel);
      rapport_message_set_customer_id (message, recipient->customer_id);
      rapport_message_set_contact_id (message, recipient->contact_id);
      rapport_message_set_recipient (message, channel == RAPPORT_CHANNEL_SMS ? recipient->phone : recipient->email);
      rapport_message_set_recipient_name (message, recipient->contact_id != 0 || recipient->contact_name == NULL
                                                   ? recipient->name : recipient->contact_name);
      rapport_message_set_subject (message, subject);
      rapport_message_set_body (message, body);
      rapport_message_set_is_marketing (message, is_marketing);
      rapport_message_set_state (message, RAPPORT_MESSAGE_STATE_QUEUED);
      rapport_outreach_prepare_message (message);
      g_ptr_array_add (messages, g_steal_pointer (&message));
    }

  if (out_skipped != NULL)
    *out_skipped = g_steal_pointer (&skipped);

  return g_steal_pointer (&messages);
}

void
rapport_outreach_prepare_message (RapportMessage *message)
{
  g_return_if_fail (RAPPORT_IS_MESSAGE (message));

  /* Providers class bulk sends and greetings as promotional: Chinese rules
   * want the notice on each, and the user's own wording of it is kept. */
  if (rapport_message_get_channel (message) == RAPPORT_CHANNEL_SMS &&
      rapport_message_get_is_marketing (message) &&
      !rapport_sms_text_has_unsubscribe (rapport_message_get_body (message)))
    {
      g_autofree char *body = rapport_sms_text_add_unsubscribe (rapport_message_get_body (message));

      rapport_message_set_body (message, body);
    }
}

/**
 * rapport_outreach_queue:
 * @messages: (element-type RapportMessage)
 * @out_n_duplicates: (out) (optional)
 */
gboolean
rapport_outreach_queue (RapportDatabase  *db,
                        GPtrArray        *messages,
                        guint            *out_n_duplicates,
                        GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (messages != NULL, FALSE);

  for (guint i = 0; i < messages->len; i++)
    rapport_outreach_prepare_message (g_ptr_array_index (messages, i));

  return rapport_store_queue_messages (db, messages, out_n_duplicates, error);
}
