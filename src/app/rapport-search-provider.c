/* rapport-search-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-search-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-application.h"
#include "rapport-phone.h"
#include "rapport-store.h"
#include "rapport-window.h"

#include "rapport-search-provider.h"

/* The Shell shows a few results per provider; a few more let it page. */
#define MAX_RESULTS 20

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

struct _RapportSearchProvider
{
  GObject             parent_instance;

  /* Borrowed: the application owns the provider */
  GApplication       *application;

  /* Owned */
  GDBusNodeInfo      *introspection;
  GDBusConnection    *connection;
  guint               registration_id;
};

G_DEFINE_FINAL_TYPE (RapportSearchProvider, rapport_search_provider, G_TYPE_OBJECT)

/* One method call, answered once the user's database is open. */
typedef struct
{
  RapportSearchProvider *self;        /* owned */
  GDBusMethodInvocation *invocation;  /* owned */
} Request;

static void
request_free (Request *request)
{
  /* The application stayed up for the answer. */
  g_application_release (request->self->application);
  g_clear_object (&request->self);
  g_clear_object (&request->invocation);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Helpers */

static char *
join_terms (const char * const *terms)
{
  return g_strjoinv (" ", (char **) terms);
}

static gint64
parse_id (const char *identifier)
{
  gint64 id = 0;

  if (!g_ascii_string_to_signed (identifier, 10, 1, G_MAXINT64, &id, NULL))
    return 0;

  return id;
}

/* The customer @id, unless it is gone or in the Trash. */
static RapportCustomer *
get_live_customer (RapportDatabase *db,
                   gint64           id)
{
  g_autoptr (RapportCustomer) customer = NULL;

  if (id <= 0)
    return NULL;

  customer = rapport_store_get_customer (db, id, NULL);
  if (customer == NULL || rapport_customer_get_deleted_at (customer) != 0)
    return NULL;

  return g_steal_pointer (&customer);
}

static GVariant *
search (RapportSession     *session,
        const char * const *terms)
{
  g_autofree char *query = join_terms (terms);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));

  /* A small indexed query on the main connection, like the list's. */
  ids = rapport_store_search_customers (rapport_session_get_database (session), query, MAX_RESULTS, &error);
  if (ids == NULL)
    g_debug ("Searching for “%s” failed: %s", query, error->message);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autofree char *identifier = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));

      g_variant_builder_add (&builder, "s", identifier);
    }

  return g_variant_new ("(as)", &builder);
}

static GVariant *
get_metas (RapportSession     *session,
           const char * const *identifiers)
{
  RapportDatabase *db = rapport_session_get_database (session);
  const char *country_code = rapport_session_get_default_country_code (session);
  g_autoptr (GIcon) icon = g_themed_icon_new ("avatar-default-symbolic");
  g_autoptr (GVariant) serialized_icon = g_icon_serialize (icon);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));

  for (guint i = 0; identifiers[i] != NULL; i++)
    {
      g_autoptr (RapportCustomer) customer = get_live_customer (db, parse_id (identifiers[i]));
      g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *description = NULL;
      const char * const *phones;
      GVariantBuilder meta;

      if (customer == NULL)
        continue;

      /* Plain text: the Shell escapes it before it marks the terms found. */
      if (rapport_customer_get_code (customer) != NULL)
        g_ptr_array_add (parts, g_strdup (rapport_customer_get_code (customer)));
      phones = rapport_customer_get_phones (customer);
      if (phones != NULL && phones[0] != NULL)
        g_ptr_array_add (parts, rapport_phone_format (phones[0], country_code));
      g_ptr_array_add (parts, NULL);
      description = g_strjoinv (" · ", (char **) parts->pdata);

      g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (identifiers[i]));
      g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (rapport_customer_get_name (customer)));
      g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (&meta, "{sv}", "clipboardText",
                             g_variant_new_string (rapport_customer_get_name (customer)));
      g_variant_builder_add (&meta, "{sv}", "icon", serialized_icon);
      g_variant_builder_add_value (&builder, g_variant_builder_end (&meta));
    }

  return g_variant_new ("(aa{sv})", &builder);
}

static void
activate_result (RapportSearchProvider *self,
                 RapportSession        *session,
                 const char            *identifier,
                 guint32                timestamp)
{
  g_autoptr (RapportCustomer) customer = get_live_customer (rapport_session_get_database (session),
                                                            parse_id (identifier));

  /* Gone since the search (deleted in the window): the book opens as it is. */
  rapport_application_present_customer (RAPPORT_APPLICATION (self->application), session,
                                        customer != NULL ? rapport_customer_get_id (customer) : 0,
                                        timestamp);
}

static void
launch_search (RapportSearchProvider *self,
               RapportSession        *session,
               const char * const    *terms,
               guint32                timestamp)
{
  g_autofree char *text = join_terms (terms);
  GtkWindow *window;

  window = rapport_application_present_session (RAPPORT_APPLICATION (self->application), session, timestamp);
  if (window != NULL)
    rapport_window_search (RAPPORT_WINDOW (window), text);
}

/* Callbacks */

static void
session_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (Request) request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportSession) session = NULL;
  GDBusMethodInvocation *invocation = request->invocation;
  const char *method = g_dbus_method_invocation_get_method_name (invocation);
  GVariant *parameters = g_dbus_method_invocation_get_parameters (invocation);

  session = rapport_application_open_session_finish (RAPPORT_APPLICATION (source), result, &error);

  if (g_str_equal (method, "GetInitialResultSet") || g_str_equal (method, "GetSubsearchResultSet"))
    {
      g_autofree const char **terms = NULL;

      if (session == NULL)
        {
          /* The Shell has nothing to show; Rapport says why when it opens. */
          g_debug ("No search results: %s", error->message);
          g_dbus_method_invocation_return_value (g_steal_pointer (&request->invocation),
                                                 g_variant_new_parsed ("(@as [],)"));
          return;
        }

      if (g_str_equal (method, "GetInitialResultSet"))
        g_variant_get (parameters, "(^a&s)", &terms);
      else
        g_variant_get (parameters, "(@as^a&s)", NULL, &terms);

      g_dbus_method_invocation_return_value (g_steal_pointer (&request->invocation),
                                             search (session, terms));
    }
  else if (g_str_equal (method, "GetResultMetas"))
    {
      g_autofree const char **identifiers = NULL;

      if (session == NULL)
        {
          g_dbus_method_invocation_return_value (g_steal_pointer (&request->invocation),
                                                 g_variant_new_parsed ("(@aa{sv} [],)"));
          return;
        }

      g_variant_get (parameters, "(^a&s)", &identifiers);
      g_dbus_method_invocation_return_value (g_steal_pointer (&request->invocation),
                                             get_metas (session, identifiers));
    }
  else if (g_str_equal (method, "ActivateResult") || g_str_equal (method, "LaunchSearch"))
    {
      if (session == NULL)
        {
          /* Opening the book the usual way shows what is wrong with it. */
          g_application_activate (request->self->application);
        }
      else if (g_str_equal (method, "ActivateResult"))
        {
          const char *identifier = NULL;
          g_autofree const char **terms = NULL;
          guint32 timestamp = 0;

          g_variant_get (parameters, "(&s^a&su)", &identifier, &terms, &timestamp);
          activate_result (request->self, session, identifier, timestamp);
        }
      else
        {
          g_autofree const char **terms = NULL;
          guint32 timestamp = 0;

          g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
          launch_search (request->self, session, terms, timestamp);
        }

      g_dbus_method_invocation_return_value (g_steal_pointer (&request->invocation), NULL);
    }
  else
    {
      g_assert_not_reached ();
    }
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  RapportSearchProvider *self = user_data;
  g_autofree char *path = rapport_application_get_default_database_path ();
  Request *request;

  /* A search never creates the user's database: before the first start
   * there is simply nothing to find. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (g_str_equal (method_name, "GetResultMetas"))
        g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@aa{sv} [],)"));
      else if (g_str_has_prefix (method_name, "Get"))
        g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@as [],)"));
      else
        {
          g_application_activate (self->application);
          g_dbus_method_invocation_return_value (invocation, NULL);
        }
      return;
    }

  /* Started by the Shell (D-Bus activation), the application stays up until
   * it has answered. */
  g_application_hold (self->application);

  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  /* The handler owns @invocation until it answers. */
  request->invocation = invocation;

  /* The session of the user's database, opened on a worker when it is not
   * open yet: the main thread keeps answering meanwhile. */
  rapport_application_open_session_async (RAPPORT_APPLICATION (self->application), path, NULL,
                                          session_ready_cb, request);
}

static const GDBusInterfaceVTable interface_vtable = {
  method_call_cb,
  NULL,
  NULL,
  { 0 }
};

/* GObject */

static void
rapport_search_provider_dispose (GObject *object)
{
  RapportSearchProvider *self = RAPPORT_SEARCH_PROVIDER (object);

  rapport_search_provider_unexport (self);

  G_OBJECT_CLASS (rapport_search_provider_parent_class)->dispose (object);
}

static void
rapport_search_provider_finalize (GObject *object)
{
  RapportSearchProvider *self = RAPPORT_SEARCH_PROVIDER (object);

  g_clear_pointer (&self->introspection, g_dbus_node_info_unref);

  G_OBJECT_CLASS (rapport_search_provider_parent_class)->finalize (object);
}

static void
rapport_search_provider_class_init (RapportSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_search_provider_dispose;
  object_class->finalize = rapport_search_provider_finalize;
}

static void
rapport_search_provider_init (RapportSearchProvider *self)
{
  self->introspection = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  g_assert (self->introspection != NULL);
}

/* Public API */

/**
 * rapport_search_provider_new:
 * @application: the #RapportApplication
 *
 * Returns: (transfer full): a provider, not exported yet
 */
RapportSearchProvider *
rapport_search_provider_new (GApplication *application)
{
  RapportSearchProvider *self;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (application), NULL);

  self = g_object_new (RAPPORT_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;

  return self;
}

/**
 * rapport_search_provider_export:
 * @connection: the application's bus connection
 * @object_path: where the Shell's .ini file says it is
 *
 * Returns: %TRUE when the Shell can now call it
 */
gboolean
rapport_search_provider_export (RapportSearchProvider  *self,
                                GDBusConnection        *connection,
                                const char             *object_path,
                                GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (object_path != NULL, FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             self->introspection->interfaces[0],
                                                             &interface_vtable, self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;

  self->connection = g_object_ref (connection);
  return TRUE;
}

void
rapport_search_provider_unexport (RapportSearchProvider *self)
{
  g_return_if_fail (RAPPORT_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}
