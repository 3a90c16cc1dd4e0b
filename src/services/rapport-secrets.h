/* rapport-secrets.h
 *
 * An account's password, access key secret or token, kept in the Secret
 * Service (libsecret: gnome-keyring, KWallet, or the Secret portal inside
 * Flatpak) under the schema "io.github.rapportcrm.Rapport.Account", keyed by
 * the attribute account-uuid. Nowhere else: there is no plaintext fallback.
 * When the keyring is missing or locked the call fails with a clear message,
 * which never contains the secret.
 *
 * The sync calls are for worker threads (the outbox); the async ones (for the
 * UI) run them on a thread. Free a looked-up secret with rapport_secrets_free,
 * which wipes it first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RAPPORT_SECRETS_ERROR (rapport_secrets_error_quark ())

typedef enum
{
  RAPPORT_SECRETS_ERROR_UNAVAILABLE,  /* no Secret Service on the session bus (or no bus) */
  RAPPORT_SECRETS_ERROR_LOCKED,       /* the keyring is locked and was not unlocked */
  RAPPORT_SECRETS_ERROR_FAILED,       /* any other refusal of the keyring */
} RapportSecretsError;

GQuark    rapport_secrets_error_quark        (void);

/* Wipes and frees a secret (NULL is fine). */
void      rapport_secrets_free               (char          *secret);

/* Replaces the account's secret. @label is what the keyring's UI shows
 * (e.g. "Rapport: QQ Mail"). */
gboolean  rapport_secrets_store_sync         (const char    *account_uuid,
                                              const char    *label,
                                              const char    *secret,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* The secret (free with rapport_secrets_free), or NULL with no error when
 * none is stored. Unlocks the keyring when it can (the desktop asks for its
 * password); LOCKED when it stays locked. */
char     *rapport_secrets_lookup_sync        (const char    *account_uuid,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* Whether one is stored, without unlocking or reading it (for a form). */
gboolean  rapport_secrets_has_secret_sync    (const char    *account_uuid,
                                              gboolean      *out_has_secret,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* Removes it; TRUE also when there was none. */
gboolean  rapport_secrets_clear_sync         (const char    *account_uuid,
                                              GCancellable  *cancellable,
                                              GError       **error);

void      rapport_secrets_store_async        (const char          *account_uuid,
                                              const char          *label,
                                              const char          *secret,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  rapport_secrets_store_finish       (GAsyncResult        *result,
                                              GError             **error);
void      rapport_secrets_lookup_async       (const char          *account_uuid,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* As rapport_secrets_lookup_sync: NULL and no error when none is stored. */
char     *rapport_secrets_lookup_finish      (GAsyncResult        *result,
                                              GError             **error);
void      rapport_secrets_has_secret_async   (const char          *account_uuid,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  rapport_secrets_has_secret_finish  (GAsyncResult        *result,
                                              gboolean            *out_has_secret,
                                              GError             **error);
void      rapport_secrets_clear_async        (const char          *account_uuid,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  rapport_secrets_clear_finish       (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
