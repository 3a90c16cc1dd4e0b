/* rapport-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-secrets"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "rapport-secrets.h"

G_DEFINE_QUARK (rapport-secrets-error-quark, rapport_secrets_error)

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    "io.github.rapportcrm.Rapport.Account", SECRET_SCHEMA_NONE,
    {
      { "account-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

void
rapport_secrets_free (char *secret)
{
  if (secret != NULL)
    secret_password_free (secret);
}

/* libsecret's and D-Bus's errors in our words. Cancellation stays as it is. */
static gboolean
set_error (GError **error,
           GError  *local_error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  g_debug ("Secret Service: %s", local_error->message);

  if (g_error_matches (local_error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_set_error_literal (error, RAPPORT_SECRETS_ERROR, RAPPORT_SECRETS_ERROR_LOCKED,
                         _("The keyring is locked: unlock it (it opens with your login password) and try again"));
  else if (local_error->domain == G_DBUS_ERROR || local_error->domain == G_IO_ERROR ||
           local_error->domain == G_SPAWN_ERROR)
    g_set_error (error, RAPPORT_SECRETS_ERROR, RAPPORT_SECRETS_ERROR_UNAVAILABLE,
                 /* Translators: %s is the system's explanation. */
                 _("The keyring is not available: %s. Passwords are kept only in the keyring "
                   "(GNOME Keyring or KWallet), so none can be saved or used until it runs."),
                 local_error->message);
  else
    g_set_error (error, RAPPORT_SECRETS_ERROR, RAPPORT_SECRETS_ERROR_FAILED,
                 /* Translators: %s is the keyring's explanation. */
                 _("The keyring refused: %s"), local_error->message);

  g_error_free (local_error);
  return FALSE;
}

static GHashTable *
account_attributes (const char *account_uuid)
{
  return secret_attributes_build (account_schema (), "account-uuid", account_uuid, NULL);
}

gboolean
rapport_secrets_store_sync (const char    *account_uuid,
                            const char    *label,
                            const char    *secret,
                            GCancellable  *cancellable,
                            GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (account_uuid != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!secret_password_store_sync (account_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                                   cancellable, &local_error,
                                   "account-uuid", account_uuid, NULL))
    return set_error (error, local_error);

  return TRUE;
}

/* The account's items; with @unlock, unlocked where the keyring lets us and
 * their secrets loaded. */
static GList *
search_items (const char    *account_uuid,
              gboolean       unlock,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr (SecretService) service = NULL;
  g_autoptr (GHashTable) attributes = account_attributes (account_uuid);
  GError *local_error = NULL;
  GList *items;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &local_error);
  if (service == NULL)
    {
      set_error (error, local_error);
      return NULL;
    }

  items = secret_service_search_sync (service, account_schema (), attributes,
                                      unlock ? SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS
                                             : SECRET_SEARCH_NONE,
                                      cancellable, &local_error);
  if (local_error != NULL)
    {
      set_error (error, local_error);
      return NULL;
    }

  return items;
}

char *
rapport_secrets_lookup_sync (const char    *account_uuid,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autolist (SecretItem) items = NULL;
  g_autoptr (SecretValue) value = NULL;
  GError *local_error = NULL;
  const char *text;

  g_return_val_if_fail (account_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  items = search_items (account_uuid, TRUE, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (items == NULL)
    return NULL;

  /* Unlocking was refused or no prompt could be shown. */
  if (secret_item_get_locked (items->data))
    {
      set_error (error, g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "locked"));
      return NULL;
    }

  value = secret_item_get_secret (items->data);
  if (value == NULL)
    {
      set_error (error, g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "no secret loaded"));
      return NULL;
    }

  text = secret_value_get_text (value);
  if (text == NULL)
    {
      g_set_error_literal (error, RAPPORT_SECRETS_ERROR, RAPPORT_SECRETS_ERROR_FAILED,
                           _("The keyring holds something for this account that is not a password"));
      return NULL;
    }

  /* g_strdup's memory is what secret_password_free wipes and frees. */
  return g_strdup (text);
}

gboolean
rapport_secrets_has_secret_sync (const char    *account_uuid,
                                 gboolean      *out_has_secret,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autolist (SecretItem) items = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (account_uuid != NULL, FALSE);
  g_return_val_if_fail (out_has_secret != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  items = search_items (account_uuid, FALSE, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  *out_has_secret = items != NULL;
  return TRUE;
}

gboolean
rapport_secrets_clear_sync (const char    *account_uuid,
                            GCancellable  *cancellable,
                            GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (account_uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  secret_password_clear_sync (account_schema (), cancellable, &local_error,
                              "account-uuid", account_uuid, NULL);
  if (local_error != NULL)
    return set_error (error, local_error);

  return TRUE;
}

/* The async calls run the sync ones on a thread: libsecret's sync calls have
 * their own main context, so the UI's loop is never blocked, and there is one
 * code path to test. */

typedef struct
{
  char *account_uuid;
  char *label;
  char *secret;   /* wiped when freed */
} SecretsTaskData;

static void
secrets_task_data_free (gpointer data)
{
  SecretsTaskData *task_data = data;

  g_free (task_data->account_uuid);
  g_free (task_data->label);
  rapport_secrets_free (task_data->secret);
  g_free (task_data);
}

static GTask *
secrets_task_new (const char          *account_uuid,
                  const char          *label,
                  const char          *secret,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  SecretsTaskData *task_data = g_new0 (SecretsTaskData, 1);

  task_data->account_uuid = g_strdup (account_uuid);
  task_data->label = g_strdup (label);
  task_data->secret = g_strdup (secret);
  g_task_set_task_data (task, task_data, secrets_task_data_free);
  g_task_set_source_tag (task, source_tag);

  return task;
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      data,
              GCancellable *cancellable)
{
  SecretsTaskData *task_data = data;
  GError *error = NULL;

  if (rapport_secrets_store_sync (task_data->account_uuid, task_data->label, task_data->secret,
                                  cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rapport_secrets_store_async (const char          *account_uuid,
                             const char          *label,
                             const char          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (account_uuid != NULL && label != NULL && secret != NULL);

  task = secrets_task_new (account_uuid, label, secret, cancellable, callback, user_data,
                           rapport_secrets_store_async);
  g_task_run_in_thread (task, store_thread);
}

gboolean
rapport_secrets_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      data,
               GCancellable *cancellable)
{
  SecretsTaskData *task_data = data;
  GError *error = NULL;
  char *secret;

  secret = rapport_secrets_lookup_sync (task_data->account_uuid, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) rapport_secrets_free);
}

void
rapport_secrets_lookup_async (const char          *account_uuid,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (account_uuid != NULL);

  task = secrets_task_new (account_uuid, NULL, NULL, cancellable, callback, user_data,
                           rapport_secrets_lookup_async);
  g_task_run_in_thread (task, lookup_thread);
}

char *
rapport_secrets_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
has_secret_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      data,
                   GCancellable *cancellable)
{
  SecretsTaskData *task_data = data;
  GError *error = NULL;
  gboolean has_secret = FALSE;

  if (rapport_secrets_has_secret_sync (task_data->account_uuid, &has_secret, cancellable, &error))
    g_task_return_int (task, has_secret);
  else
    g_task_return_error (task, error);
}

void
rapport_secrets_has_secret_async (const char          *account_uuid,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (account_uuid != NULL);

  task = secrets_task_new (account_uuid, NULL, NULL, cancellable, callback, user_data,
                           rapport_secrets_has_secret_async);
  g_task_run_in_thread (task, has_secret_thread);
}

gboolean
rapport_secrets_has_secret_finish (GAsyncResult  *result,
                                   gboolean      *out_has_secret,
                                   GError       **error)
{
  GError *local_error = NULL;
  gssize has_secret;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (out_has_secret != NULL, FALSE);

  has_secret = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  *out_has_secret = has_secret != 0;
  return TRUE;
}

static void
clear_thread (GTask        *task,
              gpointer      source_object,
              gpointer      data,
              GCancellable *cancellable)
{
  SecretsTaskData *task_data = data;
  GError *error = NULL;

  if (rapport_secrets_clear_sync (task_data->account_uuid, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rapport_secrets_clear_async (const char          *account_uuid,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (account_uuid != NULL);

  task = secrets_task_new (account_uuid, NULL, NULL, cancellable, callback, user_data,
                           rapport_secrets_clear_async);
  g_task_run_in_thread (task, clear_thread);
}

gboolean
rapport_secrets_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
