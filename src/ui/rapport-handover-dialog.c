/* rapport-handover-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-handover-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-handover-dialog.h"
#include "rapport-handover-job.h"
#include "rapport-staff-row.h"
#include "rapport-ui-utils.h"

#define KEY_DATA "rapport-handover-key"

struct _RapportHandoverDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkButton            *cancel_button;
  GtkButton            *hand_over_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *from_group;
  AdwComboRow          *rule_row;
  AdwPreferencesGroup  *targets_group;
  AdwPreferencesGroup  *preview_group;
  GtkLabel             *status_label;
  GtkProgressBar       *progress_bar;

  /* Borrowed: rows in the groups */
  RapportStaffRow      *from_row;
  RapportStaffRow      *fallback_row;
  GPtrArray            *key_rows;      /* RapportStaffRow per tier or region */
  GPtrArray            *preview_rows;  /* AdwActionRow */

  /* Owned */
  RapportSession       *session;
  RapportHandoverJob   *job;
  GCancellable         *cancellable;   /* the groups or preview being worked out */
  GCancellable         *run_cancellable;
  RapportHandoverPreview *preview;
};

G_DEFINE_FINAL_TYPE (RapportHandoverDialog, rapport_handover_dialog, ADW_TYPE_WINDOW)

static void refresh_preview (RapportHandoverDialog *self);

/* Helpers */

static RapportDatabase *
get_db (RapportHandoverDialog *self)
{
  return rapport_session_get_database (self->session);
}

static RapportHandoverRule
selected_rule (RapportHandoverDialog *self)
{
  return (RapportHandoverRule) adw_combo_row_get_selected (self->rule_row);
}

static void
update_actions (RapportHandoverDialog *self)
{
  gboolean running = self->run_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handover.hand-over",
                                 !running && self->cancellable == NULL && self->preview != NULL);
}

static void
set_status (RapportHandoverDialog *self,
            const char            *text,
            gboolean               is_error)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
cancel_pending (RapportHandoverDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
clear_preview (RapportHandoverDialog *self)
{
  for (guint i = 0; i < self->preview_rows->len; i++)
    adw_preferences_group_remove (self->preview_group, g_ptr_array_index (self->preview_rows, i));
  g_ptr_array_set_size (self->preview_rows, 0);
  g_clear_pointer (&self->preview, rapport_handover_preview_free);
}

static char *
user_name (RapportHandoverDialog *self,
           gint64                 user_id)
{
  g_autoptr (GError) error = NULL;
  char *name = rapport_store_get_user_name (get_db (self), user_id, &error);

  return name != NULL ? name : g_strdup ("");
}

static RapportHandoverPlan *
make_plan (RapportHandoverDialog *self)
{
  RapportHandoverPlan *plan;

  plan = rapport_handover_plan_new (rapport_staff_row_get_user_id (self->from_row), selected_rule (self),
                                    rapport_staff_row_get_user_id (self->fallback_row));
  for (guint i = 0; i < self->key_rows->len; i++)
    {
      RapportStaffRow *row = g_ptr_array_index (self->key_rows, i);

      rapport_handover_plan_set_target (plan, g_object_get_data (G_OBJECT (row), KEY_DATA),
                                        rapport_staff_row_get_user_id (row));
    }
  return plan;
}

static void
add_preview_row (RapportHandoverDialog       *self,
                 const char                  *title,
                 const RapportHandoverCounts *counts)
{
  g_autofree char *subtitle = rapport_handover_format_counts (counts);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_group_add (self->preview_group, row);
  g_ptr_array_add (self->preview_rows, row);
}

static void
show_preview (RapportHandoverDialog *self)
{
  RapportHandoverPreview *preview = self->preview;

  for (guint i = 0; i < preview->targets->len; i++)
    {
      const RapportHandoverCounts *counts = &g_array_index (preview->targets, RapportHandoverCounts, i);
      g_autofree char *name = user_name (self, counts->user_id);

      add_preview_row (self, name, counts);
    }
  if (preview->targets->len > 1)
    add_preview_row (self, _("In Total"), &preview->total);
}

static void
clear_key_rows (RapportHandoverDialog *self)
{
  for (guint i = 0; i < self->key_rows->len; i++)
    adw_preferences_group_remove (self->targets_group, g_ptr_array_index (self->key_rows, i));
  g_ptr_array_set_size (self->key_rows, 0);
}

static char *
group_title (RapportHandoverRule  rule,
             const char          *key)
{
  RapportTier tier;

  if (rule == RAPPORT_HANDOVER_RULE_BY_TIER && rapport_tier_from_string (key, &tier))
    return g_strdup (rapport_tier_get_label (tier));
  if (key == NULL)
    return g_strdup (_("No Region"));
  return g_strdup (key);
}

static void
update_fallback_title (RapportHandoverDialog *self)
{
  gboolean all = selected_rule (self) == RAPPORT_HANDOVER_RULE_ALL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->fallback_row),
                                 all ? C_("handover", "_To") : _("_Everything Else"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->fallback_row),
                               all ? NULL : _("And their work on customers they do not own"));
}

/* The first working staff member other than @except, to start the "To"
 * row on someone who can take over; 0 when there is nobody else. */
static gint64
someone_else (RapportHandoverDialog *self,
              gint64                 except)
{
  g_autoptr (GListModel) staff = rapport_store_list_staff (get_db (self), FALSE, NULL);
  gint64 default_id = rapport_store_get_default_user_id (get_db (self), NULL);

  if (except == 0)
    except = default_id;
  for (guint i = 0; staff != NULL && i < g_list_model_get_n_items (staff); i++)
    {
      g_autoptr (RapportStaffMember) member = g_list_model_get_item (staff, i);
      gint64 id = rapport_staff_member_get_id (member);

      if (id != except)
        return id == default_id ? 0 : id;
    }
  return 0;
}

/* Callbacks */

static void
target_changed_cb (RapportHandoverDialog *self)
{
  refresh_preview (self);
}

static void
preview_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (RapportHandoverDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  RapportHandoverPreview *preview;

  preview = rapport_handover_job_preview_finish (RAPPORT_HANDOVER_JOB (source), result, &error);
  if (preview == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&preview, rapport_handover_preview_free);
      return;
    }

  g_clear_object (&self->cancellable);
  if (preview == NULL)
    set_status (self, error->message, TRUE);
  else
    {
      set_status (self, NULL, FALSE);
      self->preview = preview;
      show_preview (self);
    }
  update_actions (self);
}

static void
refresh_preview (RapportHandoverDialog *self)
{
  g_autoptr (RapportHandoverPlan) plan = NULL;

  if (self->from_row == NULL || self->run_cancellable != NULL)
    return;

  cancel_pending (self);
  clear_preview (self);
  set_status (self, _("Counting…"), FALSE);

  plan = make_plan (self);
  self->cancellable = g_cancellable_new ();
  rapport_handover_job_preview_async (self->job, plan, self->cancellable, preview_cb, g_object_ref (self));
  update_actions (self);
}

static void
groups_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (RapportHandoverDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  RapportHandoverRule rule = selected_rule (self);
  gint64 fallback;

  groups = rapport_handover_job_list_groups_finish (RAPPORT_HANDOVER_JOB (source), result, &error);
  if (groups == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);

  if (groups == NULL)
    {
      set_status (self, error->message, TRUE);
      update_actions (self);
      return;
    }

  fallback = rapport_staff_row_get_user_id (self->fallback_row);
  for (guint i = 0; i < groups->len; i++)
    {
      RapportHandoverGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Customers without a region always go with everything else. */
      if (group->key == NULL)
        continue;

      title = group_title (rule, group->key);
      /* Translators: under a tier or region in the handover dialog */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u customer", "%'u customers", group->customers),
                                  group->customers);
      row = rapport_staff_row_new (get_db (self), RAPPORT_STAFF_PICK_OWNER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), fallback);
      g_object_set_data_full (G_OBJECT (row), KEY_DATA, g_strdup (group->key), g_free);
      g_signal_connect_object (row, "notify::user-id", G_CALLBACK (target_changed_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->targets_group, row);
      g_ptr_array_add (self->key_rows, row);
    }

  /* Whoever takes the rest comes after the tiers or regions. */
  g_object_ref (self->fallback_row);
  adw_preferences_group_remove (self->targets_group, GTK_WIDGET (self->fallback_row));
  adw_preferences_group_add (self->targets_group, GTK_WIDGET (self->fallback_row));
  g_object_unref (self->fallback_row);

  refresh_preview (self);
}

static void
reload_groups (RapportHandoverDialog *self)
{
  if (self->from_row == NULL || self->run_cancellable != NULL)
    return;

  cancel_pending (self);
  clear_key_rows (self);
  clear_preview (self);
  update_fallback_title (self);

  if (selected_rule (self) == RAPPORT_HANDOVER_RULE_ALL)
    {
      refresh_preview (self);
      return;
    }

  set_status (self, _("Counting…"), FALSE);
  self->cancellable = g_cancellable_new ();
  rapport_handover_job_list_groups_async (self->job, rapport_staff_row_get_user_id (self->from_row),
                                          selected_rule (self), self->cancellable, groups_cb,
                                          g_object_ref (self));
  update_actions (self);
}

static void
rule_changed_cb (RapportHandoverDialog *self)
{
  reload_groups (self);
}

static void
from_changed_cb (RapportHandoverDialog *self)
{
  reload_groups (self);
}

static void
progress_changed_cb (RapportHandoverJob    *job,
                     GParamSpec            *pspec,
                     RapportHandoverDialog *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, rapport_handover_job_get_progress (job));
}

static void
handed_over_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (RapportHandoverDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  RapportHandoverCounts total = { 0 };
  gint64 handover_id = 0;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_clear_object (&self->run_cancellable);
  /* Destroyed meanwhile (its parent went): nobody to tell. */
  if (self->job == NULL)
    return;
  if (!rapport_handover_job_run_finish (RAPPORT_HANDOVER_JOB (source), result, &handover_id, &total, &error))
    {
      gtk_stack_set_visible_child_name (self->stack, "plan");
      if (g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_CANCELLED))
        update_actions (self);
      else
        {
          /* Refused (someone else handed them over meanwhile, a person
           * left): say why, with the preview as it is now. */
          clear_preview (self);
          set_status (self, error->message, TRUE);
          update_actions (self);
        }
      return;
    }

  if (total.customers > 0)
    /* Translators: a toast after a handover; %'u is the number, with thousands separators */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Handed over %'u customer", "Handed over %'u customers",
                                          total.customers), total.customers);
  else
    {
      g_autofree char *counts = rapport_handover_format_counts (&total);

      /* Translators: a toast after a handover of open work only; %s is "3 requests, 2 follow-ups" */
      title = g_strdup_printf (_("Handed over %s"), counts);
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-handover");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (handover_id));
  adw_toast_set_timeout (toast, 10);
  rapport_widget_add_toast (GTK_WIDGET (self), toast);

  gtk_window_close (GTK_WINDOW (self));
}

static void
confirmed_cb (AdwMessageDialog      *dialog,
              const char            *response,
              RapportHandoverDialog *self)
{
  if (g_strcmp0 (response, "hand-over") == 0)
    rapport_handover_dialog_hand_over (self);
}

static void
hand_over_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportHandoverDialog *self = RAPPORT_HANDOVER_DIALOG (widget);
  g_autofree char *name = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->preview == NULL)
    return;

  name = user_name (self, rapport_staff_row_get_user_id (self->from_row));
  counts = rapport_handover_format_counts (&self->preview->total);
  /* Translators: the first %s is the person handing over, the second "120 customers, 8 opportunities" */
  body = g_strdup_printf (_("From %s: %s, to the people the preview shows. The handover can be undone."),
                          name, counts);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Hand Over?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "hand-over", _("_Hand Over"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "hand-over",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "hand-over");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportHandoverDialog *self = RAPPORT_HANDOVER_DIALOG (widget);

  /* Cancel stops a running handover (nothing is written); otherwise it closes. */
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* GtkWindow */

/* Closing while a handover runs stops it (nothing is written) rather than
 * leaving it to finish unseen. */
static gboolean
rapport_handover_dialog_close_request (GtkWindow *window)
{
  RapportHandoverDialog *self = RAPPORT_HANDOVER_DIALOG (window);

  if (self->run_cancellable != NULL)
    {
      g_cancellable_cancel (self->run_cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (rapport_handover_dialog_parent_class)->close_request (window);
}

/* GObject */

static void
rapport_handover_dialog_dispose (GObject *object)
{
  RapportHandoverDialog *self = RAPPORT_HANDOVER_DIALOG (object);

  cancel_pending (self);
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_pointer (&self->preview, rapport_handover_preview_free);
  g_clear_pointer (&self->key_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_HANDOVER_DIALOG);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_handover_dialog_parent_class)->dispose (object);
}

static void
rapport_handover_dialog_class_init (RapportHandoverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rapport_handover_dialog_dispose;
  window_class->close_request = rapport_handover_dialog_close_request;

  gtk_widget_class_install_action (widget_class, "handover.hand-over", NULL, hand_over_action_cb);
  gtk_widget_class_install_action (widget_class, "handover.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "handover.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-handover-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverDialog, hand_over_button);
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverDialog, from_group);
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverDialog, rule_row);
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverDialog, targets_group);
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, RapportHandoverDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, rule_changed_cb);
}

static void
rapport_handover_dialog_init (RapportHandoverDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->key_rows = g_ptr_array_new ();
  self->preview_rows = g_ptr_array_new ();
  update_actions (self);
}

/* Public API */

/**
 * rapport_handover_dialog_new:
 * @parent: the window to show the dialog and its toast in
 * @session: an open, writable session
 * @from_user_id: the person handing over, 0 to choose
 *
 * Returns: (transfer floating): a new dialog
 */
GtkWidget *
rapport_handover_dialog_new (GtkWindow      *parent,
                             RapportSession *session,
                             gint64          from_user_id)
{
  RapportHandoverDialog *self;
  GtkWidget *row;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_HANDOVER_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->job = rapport_handover_job_new (session);
  g_signal_connect (self->job, "notify::progress", G_CALLBACK (progress_changed_cb), self);

  row = rapport_staff_row_new (get_db (self), RAPPORT_STAFF_PICK_OWNER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Handing Over"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), from_user_id);
  /* First in the group, above the rule. */
  adw_preferences_group_remove (self->from_group, GTK_WIDGET (self->rule_row));
  adw_preferences_group_add (self->from_group, row);
  adw_preferences_group_add (self->from_group, GTK_WIDGET (self->rule_row));
  self->from_row = RAPPORT_STAFF_ROW (row);

  row = rapport_staff_row_new (get_db (self), RAPPORT_STAFF_PICK_OWNER);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (row), someone_else (self, from_user_id));
  adw_preferences_group_add (self->targets_group, row);
  self->fallback_row = RAPPORT_STAFF_ROW (row);

  g_signal_connect_object (self->from_row, "notify::user-id", G_CALLBACK (from_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fallback_row, "notify::user-id", G_CALLBACK (target_changed_cb), self,
                           G_CONNECT_SWAPPED);

  reload_groups (self);
  return GTK_WIDGET (self);
}

void
rapport_handover_dialog_set_rule (RapportHandoverDialog *self,
                                  RapportHandoverRule    rule)
{
  g_return_if_fail (RAPPORT_IS_HANDOVER_DIALOG (self));

  adw_combo_row_set_selected (self->rule_row, rule);
}

void
rapport_handover_dialog_set_target (RapportHandoverDialog *self,
                                    const char            *key,
                                    gint64                 user_id)
{
  g_return_if_fail (RAPPORT_IS_HANDOVER_DIALOG (self));

  if (key == NULL)
    {
      rapport_staff_row_set_user_id (self->fallback_row, user_id);
      return;
    }

  for (guint i = 0; i < self->key_rows->len; i++)
    {
      RapportStaffRow *row = g_ptr_array_index (self->key_rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), KEY_DATA), key) == 0)
        rapport_staff_row_set_user_id (row, user_id);
    }
}

gboolean
rapport_handover_dialog_get_busy (RapportHandoverDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_HANDOVER_DIALOG (self), FALSE);

  return self->cancellable != NULL || self->run_cancellable != NULL;
}

void
rapport_handover_dialog_hand_over (RapportHandoverDialog *self)
{
  g_autoptr (RapportHandoverPlan) plan = NULL;

  g_return_if_fail (RAPPORT_IS_HANDOVER_DIALOG (self));

  if (self->preview == NULL || self->run_cancellable != NULL)
    return;

  self->run_cancellable = g_cancellable_new ();
  g_signal_connect_object (rapport_session_get_cancellable (self->session), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->run_cancellable, G_CONNECT_SWAPPED);
  plan = make_plan (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);
  rapport_handover_job_run_async (self->job, plan, self->run_cancellable, handed_over_cb, g_object_ref (self));
}

/* Undo */

typedef struct
{
  GWeakRef widget;
} UndoData;

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  UndoData *data = user_data;
  g_autoptr (GtkWidget) widget = g_weak_ref_get (&data->widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  guint restored = 0, kept = 0;

  if (!rapport_handover_undo_finish (RAPPORT_SESSION (source), result, &restored, &kept, &error))
    /* A toast's title is markup; the message may name people. */
    title = g_markup_escape_text (error->message, -1);
  else if (kept == 0)
    title = g_strdup (_("Handover undone"));
  else
    /* Translators: after undoing a handover; %'u rows were given to someone else since */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Handover undone; %'u item changed since was left as it is",
                                          "Handover undone; %'u items changed since were left as they are",
                                          kept), kept);

  if (widget != NULL)
    rapport_widget_add_toast (widget, adw_toast_new (title));

  g_weak_ref_clear (&data->widget);
  g_free (data);
}

/**
 * rapport_handover_undo:
 * @widget: where to say how it went: a toast in the overlay it is in (or the
 *   window its window is transient for)
 * @session: the session
 * @handover_id: the handover
 *
 * Undoes the handover on a worker connection.
 */
void
rapport_handover_undo (GtkWidget      *widget,
                       RapportSession *session,
                       gint64          handover_id)
{
  UndoData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (RAPPORT_IS_SESSION (session));

  data = g_new0 (UndoData, 1);
  g_weak_ref_init (&data->widget, widget);
  rapport_handover_undo_async (session, handover_id, NULL, undone_cb, data);
}

char *
rapport_handover_format_counts (const RapportHandoverCounts *counts)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (counts != NULL, NULL);

  if (counts->customers > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u customer", "%'u customers",
                                                          counts->customers), counts->customers));
  if (counts->opportunities > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u opportunity", "%'u opportunities",
                                                          counts->opportunities), counts->opportunities));
  if (counts->service_requests > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u request", "%'u requests",
                                                          counts->service_requests), counts->service_requests));
  if (counts->follow_ups > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u follow-up", "%'u follow-ups",
                                                          counts->follow_ups), counts->follow_ups));
  if (parts->len == 0)
    return g_strdup (_("Nothing"));

  g_ptr_array_add (parts, NULL);
  /* Translators: between the counts of a handover, "120 customers, 8 opportunities" */
  return g_strjoinv (C_("list", ", "), (char **) parts->pdata);
}
