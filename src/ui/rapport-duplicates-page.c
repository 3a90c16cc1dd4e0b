/* rapport-duplicates-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-duplicates-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-duplicates-page.h"
#include "rapport-import-store.h"
#include "rapport-merge-dialog.h"
#include "rapport-phone.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"

/* Sets shown at most, the largest first: a book that holds more has a
 * problem the list would not make smaller. */
#define MAX_SETS_SHOWN 200

typedef struct
{
  GArray             *ids;        /* gint64, oldest first */
  RapportMatchReason  reason;
  GPtrArray          *customers;  /* RapportCustomer, as ids */
} FoundSet;

static void
found_set_free (FoundSet *set)
{
  g_clear_pointer (&set->ids, g_array_unref);
  g_clear_pointer (&set->customers, g_ptr_array_unref);
  g_free (set);
}

struct _RapportDuplicatesPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkButton       *back_button;
  GtkButton       *refresh_button;
  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkBox          *sets_box;
  GtkSpinner      *spinner;
  AdwStatusPage   *error_page;

  /* Owned */
  RapportSession  *session;
  RapportDatabase *db;              /* the session's */
  GSignalGroup    *bus_signals;
  GPtrArray       *sets;            /* FoundSet */
  guint            n_found;         /* sets found, shown or not */
  GCancellable    *finding;
  GCancellable    *merging;
  GtkWidget       *merge_dialog;    /* weak */
  guint            merge_position;  /* the set the dialog merges */
  gint64           last_merge_id;
  gboolean         searched;        /* the list reflects a search */
  gboolean         dirty;           /* customers changed since */
  gboolean         show_back_button;
};

G_DEFINE_FINAL_TYPE (RapportDuplicatesPage, rapport_duplicates_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_BACK_BUTTON,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static const char *
reason_get_label (RapportMatchReason reason)
{
  switch (reason)
    {
    case RAPPORT_MATCH_CODE:
      return _("Same customer code");
    case RAPPORT_MATCH_PHONE:
      return _("Same phone number");
    case RAPPORT_MATCH_EMAIL:
      return _("Same e-mail address");
    case RAPPORT_MATCH_NAME:
      return _("Same name");
    case RAPPORT_MATCH_NONE:
    default:
      return _("Alike");
    }
}

static void
update_actions (RapportDuplicatesPage *self)
{
  gboolean writable = self->db != NULL && !rapport_database_is_read_only (self->db);
  gboolean busy = self->finding != NULL || self->merging != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.find", self->db != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.stop", self->finding != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.merge", writable && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.undo-merge", writable && !busy);
}

static void
set_busy_changed (RapportDuplicatesPage *self)
{
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error_toast (RapportDuplicatesPage *self,
                  const GError          *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  rapport_widget_add_toast (GTK_WIDGET (self), toast);
}

static char *
describe_customer (RapportCustomer *customer,
                   const char      *country_code)
{
  g_autoptr (GString) text = g_string_new (rapport_customer_get_code (customer));
  const char * const *phones = rapport_customer_get_phones (customer);
  const char * const *emails = rapport_customer_get_emails (customer);

  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    {
      g_autofree char *shown = rapport_phone_format (phones[i], country_code);

      g_string_append (text, text->len > 0 ? (i == 0 ? " · " : ", ") : "");
      g_string_append (text, shown);
    }
  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    {
      g_string_append (text, text->len > 0 ? (i == 0 ? " · " : ", ") : "");
      g_string_append (text, emails[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
create_set_group (RapportDuplicatesPage *self,
                  FoundSet              *set,
                  guint                  position)
{
  const char *country_code = rapport_database_get_default_country_code (self->db);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button;
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), reason_get_label (set->reason));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", set->customers->len),
                           set->customers->len);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), count);

  button = gtk_button_new_with_mnemonic (_("_Merge…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: tooltip of a set of duplicates' Merge button; %s is the first customer's name */
  tooltip = g_strdup_printf (_("Merge the customers like “%s”"),
                             rapport_customer_get_name (g_ptr_array_index (set->customers, 0)));
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "duplicates.merge");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (position));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  for (guint i = 0; i < set->customers->len; i++)
    {
      RapportCustomer *customer = g_ptr_array_index (set->customers, i);
      g_autofree char *subtitle = describe_customer (customer, country_code);
      GtkWidget *row = adw_action_row_new ();

      /* Names are what users typed: never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_customer_get_name (customer));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

static void
show_sets (RapportDuplicatesPage *self)
{
  GtkWidget *child;
  g_autofree char *subtitle = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sets_box))) != NULL)
    gtk_box_remove (self->sets_box, child);

  for (guint i = 0; self->sets != NULL && i < self->sets->len; i++)
    gtk_box_append (self->sets_box, create_set_group (self, g_ptr_array_index (self->sets, i), i));

  if (self->sets != NULL && self->sets->len > 0)
    {
      if (self->n_found > self->sets->len)
        /* Translators: the Duplicates header's subtitle when not all sets are listed */
        subtitle = g_strdup_printf (_("The %u largest of %u sets"), self->sets->len, self->n_found);
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u set", "%u sets", self->sets->len),
                                    self->sets->len);
    }
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  gtk_stack_set_visible_child_name (self->stack,
                                    self->sets != NULL && self->sets->len > 0 ? "list" : "empty");
}

/* Finding, on a worker */

typedef struct
{
  RapportDatabase *worker;
  GPtrArray       *sets;     /* FoundSet */
  guint            n_found;
} FindJob;

static void
find_job_free (FindJob *job)
{
  g_clear_object (&job->worker);
  g_clear_pointer (&job->sets, g_ptr_array_unref);
  g_free (job);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindJob *job = task_data;
  g_autoptr (GPtrArray) found = NULL;
  GError *error = NULL;

  found = rapport_store_find_duplicate_sets (job->worker, cancellable, &error);
  if (found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  job->n_found = found->len;
  job->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) found_set_free);
  for (guint i = 0; i < found->len && i < MAX_SETS_SHOWN; i++)
    {
      RapportDuplicateSet *duplicate = g_ptr_array_index (found, i);
      FoundSet *set = g_new0 (FoundSet, 1);

      set->ids = g_array_ref (duplicate->customer_ids);
      set->reason = duplicate->reason;
      set->customers = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (job->sets, set);

      for (guint c = 0; c < set->ids->len; c++)
        {
          RapportCustomer *customer = rapport_store_get_customer (job->worker, g_array_index (set->ids, gint64, c),
                                                                  &error);

          if (customer == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          g_ptr_array_add (set->customers, customer);
        }

      if (g_task_return_error_if_cancelled (task))
        return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (RapportDuplicatesPage) self = user_data;
  g_autoptr (GError) error = NULL;
  FindJob *job = g_task_get_task_data (G_TASK (result));

  g_clear_object (&self->finding);
  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED))
        show_sets (self);
      else
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      set_busy_changed (self);
      return;
    }

  g_clear_pointer (&self->sets, g_ptr_array_unref);
  self->sets = g_steal_pointer (&job->sets);
  self->n_found = job->n_found;
  self->searched = TRUE;
  self->dirty = FALSE;
  show_sets (self);
  set_busy_changed (self);
}

static void
find (RapportDuplicatesPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  FindJob *job;

  if (self->session == NULL || self->finding != NULL || self->merging != NULL)
    return;

  job = g_new0 (FindJob, 1);
  job->worker = rapport_session_open_worker (self->session, &error);
  if (job->worker == NULL)
    {
      find_job_free (job);
      show_error_toast (self, error);
      return;
    }

  self->finding = g_cancellable_new ();
  g_signal_connect_object (rapport_session_get_cancellable (self->session), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->finding, G_CONNECT_SWAPPED);
  task = g_task_new (NULL, self->finding, found_cb, g_object_ref (self));
  g_task_set_source_tag (task, find);
  g_task_set_task_data (task, job, (GDestroyNotify) find_job_free);
  g_task_run_in_thread (task, find_thread);

  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "searching");
  set_busy_changed (self);
}

/* Merging and undoing, on a worker */

typedef struct
{
  RapportDatabase *worker;
  RapportCustomer *survivor;   /* NULL when undoing */
  GArray          *others;
  gint64           merge_id;   /* the result, or what to undo */
} MergeJob;

static void
merge_job_free (MergeJob *job)
{
  g_clear_object (&job->worker);
  g_clear_object (&job->survivor);
  g_clear_pointer (&job->others, g_array_unref);
  g_free (job);
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MergeJob *job = task_data;
  GError *error = NULL;

  if (job->survivor != NULL)
    {
      job->merge_id = rapport_store_merge_customers (job->worker, job->survivor,
                                                     (const gint64 *) (gpointer) job->others->data,
                                                     job->others->len, &error);
      if (job->merge_id <= 0)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else if (!rapport_store_undo_merge (job->worker, job->merge_id, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
undo_clicked_cb (AdwToast              *toast,
                 RapportDuplicatesPage *self)
{
  gint64 merge_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "merge-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "duplicates.undo-merge", "x", merge_id);
}

static void
merged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (RapportDuplicatesPage) self = user_data;
  g_autoptr (GError) error = NULL;
  MergeJob *job = g_task_get_task_data (G_TASK (result));
  gboolean undoing = job->survivor == NULL;

  g_clear_object (&self->merging);
  if (self->db != NULL)
    rapport_change_bus_flush (rapport_database_get_change_bus (self->db));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error_toast (self, error);
      set_busy_changed (self);
      return;
    }

  if (undoing)
    {
      rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (_("Merge undone")));
      set_busy_changed (self);
      /* The customers are back: so is their set. */
      find (self);
      return;
    }

  {
    guint n = job->others->len + 1;
    g_autofree char *title = NULL;
    AdwToast *toast;

    self->last_merge_id = job->merge_id;
    /* Translators: a toast after merging duplicates */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merged %u customer", "Merged %u customers", n), n);
    toast = adw_toast_new (title);
    adw_toast_set_button_label (toast, _("_Undo"));
    g_object_set_data (G_OBJECT (toast), "merge-id", GSIZE_TO_POINTER ((gsize) job->merge_id));
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
    rapport_widget_add_toast (GTK_WIDGET (self), toast);
  }

  if (self->sets != NULL && self->merge_position < self->sets->len)
    g_ptr_array_remove_index (self->sets, self->merge_position);
  if (self->n_found > 0)
    self->n_found--;
  /* The change bus said customers changed: the merge's own, already shown. */
  self->dirty = FALSE;
  show_sets (self);
  set_busy_changed (self);
}

static void
run_merge_job (RapportDuplicatesPage *self,
               MergeJob              *job)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;

  job->worker = rapport_session_open_worker (self->session, &error);
  if (job->worker == NULL)
    {
      merge_job_free (job);
      show_error_toast (self, error);
      return;
    }

  self->merging = g_cancellable_new ();
  task = g_task_new (NULL, self->merging, merged_cb, g_object_ref (self));
  g_task_set_source_tag (task, run_merge_job);
  g_task_set_task_data (task, job, (GDestroyNotify) merge_job_free);
  g_task_run_in_thread (task, merge_thread);
  set_busy_changed (self);
}

/* Callbacks */

static void
changes_cb (RapportDuplicatesPage *self,
            GArray                *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      if (change->kind == RAPPORT_ENTITY_KIND_CUSTOMER || change->kind == RAPPORT_ENTITY_KIND_CONTACT)
        {
          self->dirty = TRUE;
          return;
        }
    }
}

static void
merge_chosen_cb (RapportMergeDialog    *dialog,
                 RapportDuplicatesPage *self)
{
  MergeJob *job;

  if (self->session == NULL || self->merging != NULL)
    return;

  /* What the user chose goes first; a search under way would list it stale. */
  if (self->finding != NULL)
    g_cancellable_cancel (self->finding);

  job = g_new0 (MergeJob, 1);
  job->survivor = rapport_merge_dialog_get_survivor (dialog);
  job->others = rapport_merge_dialog_get_other_ids (dialog);
  run_merge_job (self, job);
}

static void
find_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  find (RAPPORT_DUPLICATES_PAGE (widget));
}

static void
stop_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportDuplicatesPage *self = RAPPORT_DUPLICATES_PAGE (widget);

  if (self->finding != NULL)
    g_cancellable_cancel (self->finding);
}

static void
merge_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RapportDuplicatesPage *self = RAPPORT_DUPLICATES_PAGE (widget);
  guint position = g_variant_get_uint32 (parameter);
  g_autoptr (GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  FoundSet *set;

  if (self->db == NULL || self->sets == NULL || position >= self->sets->len)
    return;

  /* Read again: the customers may have been edited since the search. */
  set = g_ptr_array_index (self->sets, position);
  for (guint i = 0; i < set->ids->len; i++)
    {
      RapportCustomer *customer = rapport_store_get_customer (self->db, g_array_index (set->ids, gint64, i), &error);

      if (customer == NULL)
        {
          show_error_toast (self, error);
          return;
        }
      if (rapport_customer_get_deleted_at (customer) != 0)
        g_object_unref (customer);
      else
        g_ptr_array_add (customers, customer);
    }
  if (customers->len < 2)
    {
      find (self);
      return;
    }

  self->merge_position = position;
  if (self->merge_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->merge_dialog));
  self->merge_dialog = rapport_merge_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->db, customers);
  g_object_add_weak_pointer (G_OBJECT (self->merge_dialog), (gpointer *) &self->merge_dialog);
  g_signal_connect_object (self->merge_dialog, "merge-chosen", G_CALLBACK (merge_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->merge_dialog));
}

static void
undo_merge_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportDuplicatesPage *self = RAPPORT_DUPLICATES_PAGE (widget);
  MergeJob *job;

  if (self->session == NULL || self->merging != NULL)
    return;

  if (self->finding != NULL)
    g_cancellable_cancel (self->finding);

  job = g_new0 (MergeJob, 1);
  job->merge_id = g_variant_get_int64 (parameter);
  run_merge_job (self, job);
}

/* GtkWidget */

static void
rapport_duplicates_page_map (GtkWidget *widget)
{
  RapportDuplicatesPage *self = RAPPORT_DUPLICATES_PAGE (widget);

  GTK_WIDGET_CLASS (rapport_duplicates_page_parent_class)->map (widget);

  /* Looking reads the whole book: only when the page is shown. */
  if (!self->searched || self->dirty)
    find (self);
}

/* GObject */

static void
rapport_duplicates_page_dispose (GObject *object)
{
  RapportDuplicatesPage *self = RAPPORT_DUPLICATES_PAGE (object);

  if (self->finding != NULL)
    g_cancellable_cancel (self->finding);
  g_clear_object (&self->finding);
  g_clear_object (&self->merging);
  if (self->merge_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->merge_dialog), (gpointer *) &self->merge_dialog);
      gtk_window_destroy (GTK_WINDOW (self->merge_dialog));
      self->merge_dialog = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_DUPLICATES_PAGE);
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);
  self->db = NULL;
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_duplicates_page_parent_class)->dispose (object);
}

static void
rapport_duplicates_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RapportDuplicatesPage *self = RAPPORT_DUPLICATES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, rapport_duplicates_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_duplicates_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RapportDuplicatesPage *self = RAPPORT_DUPLICATES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_duplicates_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      rapport_duplicates_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_duplicates_page_class_init (RapportDuplicatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_duplicates_page_dispose;
  object_class->get_property = rapport_duplicates_page_get_property;
  object_class->set_property = rapport_duplicates_page_set_property;

  widget_class->map = rapport_duplicates_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "duplicates.find", NULL, find_action_cb);
  gtk_widget_class_install_action (widget_class, "duplicates.stop", NULL, stop_action_cb);
  gtk_widget_class_install_action (widget_class, "duplicates.merge", "u", merge_action_cb);
  gtk_widget_class_install_action (widget_class, "duplicates.undo-merge", "x", undo_merge_action_cb);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-duplicates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportDuplicatesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportDuplicatesPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, RapportDuplicatesPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportDuplicatesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportDuplicatesPage, sets_box);
  gtk_widget_class_bind_template_child (widget_class, RapportDuplicatesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportDuplicatesPage, error_page);
}

static void
rapport_duplicates_page_init (RapportDuplicatesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  update_actions (self);
}

/* Public API */

GtkWidget *
rapport_duplicates_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_DUPLICATES_PAGE, NULL);
}

RapportSession *
rapport_duplicates_page_get_session (RapportDuplicatesPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATES_PAGE (self), NULL);

  return self->session;
}

/**
 * rapport_duplicates_page_set_session:
 * @session: (nullable): an open session
 */
void
rapport_duplicates_page_set_session (RapportDuplicatesPage *self,
                                     RapportSession        *session)
{
  g_return_if_fail (RAPPORT_IS_DUPLICATES_PAGE (self));
  g_return_if_fail (session == NULL || rapport_session_get_database (session) != NULL);

  if (self->session == session)
    return;

  if (self->finding != NULL)
    g_cancellable_cancel (self->finding);
  g_set_object (&self->session, session);
  self->db = session != NULL ? rapport_session_get_database (session) : NULL;
  g_signal_group_set_target (self->bus_signals,
                             self->db != NULL ? rapport_database_get_change_bus (self->db) : NULL);

  g_clear_pointer (&self->sets, g_ptr_array_unref);
  self->searched = FALSE;
  self->last_merge_id = 0;
  update_actions (self);
  if (self->db != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    find (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
rapport_duplicates_page_set_show_back_button (RapportDuplicatesPage *self,
                                              gboolean               show)
{
  g_return_if_fail (RAPPORT_IS_DUPLICATES_PAGE (self));

  show = !!show;
  if (self->show_back_button == show)
    return;

  self->show_back_button = show;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

gboolean
rapport_duplicates_page_get_busy (RapportDuplicatesPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATES_PAGE (self), FALSE);

  return self->finding != NULL || self->merging != NULL;
}

guint
rapport_duplicates_page_get_n_sets (RapportDuplicatesPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATES_PAGE (self), 0);

  return self->sets != NULL ? self->sets->len : 0;
}

GArray *
rapport_duplicates_page_get_set_ids (RapportDuplicatesPage *self,
                                     guint                  position)
{
  FoundSet *set;

  g_return_val_if_fail (RAPPORT_IS_DUPLICATES_PAGE (self), NULL);
  g_return_val_if_fail (self->sets != NULL && position < self->sets->len, NULL);

  set = g_ptr_array_index (self->sets, position);
  return set->ids;
}

GtkWidget *
rapport_duplicates_page_get_merge_dialog (RapportDuplicatesPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATES_PAGE (self), NULL);

  return self->merge_dialog;
}

gint64
rapport_duplicates_page_get_last_merge_id (RapportDuplicatesPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_DUPLICATES_PAGE (self), 0);

  return self->last_merge_id;
}
