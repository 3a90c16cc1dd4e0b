/* test-secrets.c
 *
 * Against a real gnome-keyring on a private bus (run-with-keyring); the
 * /secrets/unavailable case runs alone on a bus with no Secret Service
 * (run-with-keyring --none).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "rapport-secrets.h"
#include "test-utils.h"

#define UUID_A "01900000-0000-7000-8000-00000000000a"
#define UUID_B "01900000-0000-7000-8000-00000000000b"

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr (GError) error = NULL;
  char *secret;
  gboolean has = TRUE;

  g_assert_true (rapport_secrets_clear_sync (UUID_A, NULL, &error));
  g_assert_no_error (error);

  secret = rapport_secrets_lookup_sync (UUID_A, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  g_assert_true (rapport_secrets_has_secret_sync (UUID_A, &has, NULL, &error));
  g_assert_false (has);

  g_assert_true (rapport_secrets_store_sync (UUID_A, "Rapport: QQ Mail", "pass-A 密码", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_secrets_store_sync (UUID_B, "Rapport: Aliyun", "pass-B", NULL, &error));
  g_assert_no_error (error);

  /* Two accounts, two secrets. */
  secret = rapport_secrets_lookup_sync (UUID_A, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "pass-A 密码");
  rapport_secrets_free (secret);
  secret = rapport_secrets_lookup_sync (UUID_B, NULL, &error);
  g_assert_cmpstr (secret, ==, "pass-B");
  rapport_secrets_free (secret);

  /* Storing again replaces. */
  rapport_secrets_store_sync (UUID_A, "Rapport: QQ Mail", "pass-A2", NULL, &error);
  g_assert_no_error (error);
  secret = rapport_secrets_lookup_sync (UUID_A, NULL, &error);
  g_assert_cmpstr (secret, ==, "pass-A2");
  rapport_secrets_free (secret);

  /* Under the documented schema and attribute, where other tools find it.
   * (Not secret_password_lookup_sync: libsecret 0.20.5 leaks a reply there.) */
  {
    g_autoptr (SecretService) service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
    g_autoptr (GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
    g_autolist (SecretItem) items = NULL;
    g_autoptr (SecretValue) value = NULL;
    g_autofree char *label = NULL;

    g_assert_no_error (error);
    g_hash_table_insert (attributes, "xdg:schema", "io.github.rapportcrm.Rapport.Account");
    g_hash_table_insert (attributes, "account-uuid", UUID_A);
    items = secret_service_search_sync (service, NULL, attributes,
                                        SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_length (items), ==, 1);
    value = secret_item_get_secret (items->data);
    g_assert_cmpstr (secret_value_get_text (value), ==, "pass-A2");
    label = secret_item_get_label (items->data);
    g_assert_cmpstr (label, ==, "Rapport: QQ Mail");
  }

  g_assert_true (rapport_secrets_has_secret_sync (UUID_A, &has, NULL, &error));
  g_assert_true (has);

  g_assert_true (rapport_secrets_clear_sync (UUID_A, NULL, &error));
  g_assert_no_error (error);
  secret = rapport_secrets_lookup_sync (UUID_A, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  secret = rapport_secrets_lookup_sync (UUID_B, NULL, &error);
  g_assert_cmpstr (secret, ==, "pass-B");
  rapport_secrets_free (secret);
  g_assert_true (rapport_secrets_clear_sync (UUID_B, NULL, &error));
}

static void
test_async (void)
{
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  char *secret;
  gboolean has = FALSE;

  rapport_secrets_store_async (UUID_A, "Rapport: test", "async-secret", NULL, got_result, &result);
  g_assert_true (rapport_secrets_store_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  rapport_secrets_has_secret_async (UUID_A, NULL, got_result, &result);
  g_assert_true (rapport_secrets_has_secret_finish (wait_for_result (&result), &has, &error));
  g_assert_true (has);
  g_clear_object (&result);

  rapport_secrets_lookup_async (UUID_A, NULL, got_result, &result);
  secret = rapport_secrets_lookup_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "async-secret");
  rapport_secrets_free (secret);
  g_clear_object (&result);

  rapport_secrets_clear_async (UUID_A, NULL, got_result, &result);
  g_assert_true (rapport_secrets_clear_finish (wait_for_result (&result), &error));
  g_clear_object (&result);

  rapport_secrets_lookup_async (UUID_A, NULL, got_result, &result);
  secret = rapport_secrets_lookup_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  g_clear_object (&result);
}

/* Last: it leaves the login collection locked. */
static void
test_locked (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SecretService) service = NULL;
  g_autoptr (SecretCollection) collection = NULL;
  g_autolist (GDBusProxy) locked = NULL;
  GList *objects;
  char *secret;
  gboolean has = FALSE;

  g_assert_true (rapport_secrets_store_sync (UUID_A, "Rapport: test", "locked-secret", NULL, &error));
  g_assert_no_error (error);

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, &locked, &error), ==, 1);
  g_list_free (objects);
  g_assert_no_error (error);

  /* No prompt can be shown (no display): it stays locked. */
  secret = rapport_secrets_lookup_sync (UUID_A, NULL, &error);
  g_assert_null (secret);
  g_assert_error (error, RAPPORT_SECRETS_ERROR, RAPPORT_SECRETS_ERROR_LOCKED);
  g_assert_true (g_str_has_prefix (error->message, "The keyring is locked"));
  g_assert_null (strstr (error->message, "locked-secret"));
  g_clear_error (&error);

  /* Whether one is stored needs no unlocking. */
  g_assert_true (rapport_secrets_has_secret_sync (UUID_A, &has, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (has);

  g_assert_false (rapport_secrets_store_sync (UUID_B, "Rapport: test", "other-secret", NULL, &error));
  g_assert_error (error, RAPPORT_SECRETS_ERROR, RAPPORT_SECRETS_ERROR_LOCKED);
  g_assert_null (strstr (error->message, "other-secret"));
}

static void
test_unavailable (void)
{
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  char *secret;
  gboolean has = FALSE;

  secret = rapport_secrets_lookup_sync (UUID_A, NULL, &error);
  g_assert_null (secret);
  g_assert_error (error, RAPPORT_SECRETS_ERROR, RAPPORT_SECRETS_ERROR_UNAVAILABLE);
  g_assert_true (g_str_has_prefix (error->message, "The keyring is not available: "));
  g_clear_error (&error);

  g_assert_false (rapport_secrets_has_secret_sync (UUID_A, &has, NULL, &error));
  g_assert_error (error, RAPPORT_SECRETS_ERROR, RAPPORT_SECRETS_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* No plaintext fallback: storing fails too, and says so without the secret. */
  rapport_secrets_store_async (UUID_A, "Rapport: test", "never-written", NULL, got_result, &result);
  g_assert_false (rapport_secrets_store_finish (wait_for_result (&result), &error));
  g_assert_error (error, RAPPORT_SECRETS_ERROR, RAPPORT_SECRETS_ERROR_UNAVAILABLE);
  g_assert_null (strstr (error->message, "never-written"));
  g_clear_object (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/secrets/async", test_async);
  g_test_add_func ("/secrets/locked", test_locked);
  g_test_add_func ("/secrets/unavailable", test_unavailable);

  return g_test_run ();
}
