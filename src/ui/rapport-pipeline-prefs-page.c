/* rapport-pipeline-prefs-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-pipeline-prefs-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-change-bus.h"
#include "rapport-pipeline-prefs-page.h"
#include "rapport-store.h"

struct _RapportPipelinePrefsPage
{
  AdwPreferencesPage   parent_instance;

  AdwPreferencesGroup *stages_group;
  AdwPreferencesGroup *reasons_group;
  GPtrArray           *rows;            /* widgets added to the groups, to remove on rebuild */

  RapportSession      *session;
  RapportDatabase     *db;              /* the session's */
  GSignalGroup        *bus_signals;
  GListModel          *stages;          /* RapportPipelineStage, as shown */
  gint64               expanded_id;     /* the stage whose row stays open on rebuild */
  gboolean             writing;         /* our own change is on the bus: the rows show it */
};

G_DEFINE_FINAL_TYPE (RapportPipelinePrefsPage, rapport_pipeline_prefs_page, ADW_TYPE_PREFERENCES_PAGE)

static void rebuild (RapportPipelinePrefsPage *self);

/* Helpers */

static void
show_message (RapportPipelinePrefsPage *self,
              const char               *heading,
              const char               *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_error (RapportPipelinePrefsPage *self,
            const GError             *error)
{
  show_message (self, _("Could Not Change the Stages"), error->message);
}

static char *
describe_stage (RapportPipelineStage *stage)
{
  int probability = rapport_pipeline_stage_get_probability (stage);
  int days = rapport_pipeline_stage_get_stall_days (stage);

  if (rapport_pipeline_stage_get_kind (stage) != RAPPORT_STAGE_KIND_OPEN)
    /* Translators: a closing stage in Preferences: its kind (Won, Lost) and probability */
    return g_strdup_printf (_("%s · %d %%"), rapport_stage_kind_get_label (rapport_pipeline_stage_get_kind (stage)),
                            probability);

  /* Translators: an open stage in Preferences: its default probability and stall limit */
  return g_strdup_printf (ngettext ("%d %% · stalled after %d day", "%d %% · stalled after %d days", days),
                          probability, days);
}

static RapportPipelineStage *
stage_at (RapportPipelinePrefsPage *self,
          gint64                    id,
          guint                    *out_position)
{
  for (guint i = 0; self->stages != NULL && i < g_list_model_get_n_items (self->stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (self->stages, i);

      if (rapport_pipeline_stage_get_id (stage) == id)
        {
          if (out_position != NULL)
            *out_position = i;
          return stage;   /* the list holds a reference */
        }
    }
  return NULL;
}

static gint64
row_stage_id (GtkWidget *widget)
{
  return *(gint64 *) g_object_get_data (G_OBJECT (widget), "stage-id");
}

static void
set_row_stage_id (GtkWidget *widget,
                  gint64     id)
{
  gint64 *data = g_new (gint64, 1);

  *data = id;
  g_object_set_data_full (G_OBJECT (widget), "stage-id", data, g_free);
}

/* Moves the stage at @from to @to, in one reorder. */
static gboolean
move_stage (RapportPipelinePrefsPage  *self,
            guint                      from,
            guint                      to,
            GError                   **error)
{
  guint n = g_list_model_get_n_items (self->stages);
  g_autofree gint64 *ids = g_new (gint64, n);
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (self->stages, i);
      gint64 id = rapport_pipeline_stage_get_id (stage);

      if (i != from)
        g_array_append_val (order, id);
      else
        ids[0] = id;
    }
  g_array_insert_val (order, to, ids[0]);
  memcpy (ids, order->data, n * sizeof (gint64));

  return rapport_store_reorder_pipeline_stages (self->db, ids, n, error);
}

/* Callbacks */

static void
name_applied_cb (AdwEntryRow              *row,
                 RapportPipelinePrefsPage *self)
{
  g_autoptr (GError) error = NULL;

  self->expanded_id = row_stage_id (GTK_WIDGET (row));
  if (!rapport_store_rename_pipeline_stage (self->db, row_stage_id (GTK_WIDGET (row)),
                                            gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    show_error (self, error);
}

static void
update_subtitle (RapportPipelinePrefsPage *self,
                 gint64                    id,
                 GtkWidget                *expander)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportPipelineStage) stage = rapport_store_get_pipeline_stage (self->db, id, &error);
  g_autofree char *subtitle = NULL;

  if (stage == NULL)
    return;

  subtitle = describe_stage (stage);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
}

static void
probability_changed_cb (GtkSpinButton            *spin,
                        RapportPipelinePrefsPage *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id = row_stage_id (GTK_WIDGET (spin));

  self->writing = TRUE;
  if (!rapport_store_set_pipeline_stage_probability (self->db, id, gtk_spin_button_get_value_as_int (spin), &error))
    show_error (self, error);
  self->writing = FALSE;
  update_subtitle (self, id, g_object_get_data (G_OBJECT (spin), "expander"));
}

static void
stall_days_changed_cb (GtkSpinButton            *spin,
                       RapportPipelinePrefsPage *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id = row_stage_id (GTK_WIDGET (spin));

  self->writing = TRUE;
  if (!rapport_store_set_pipeline_stage_stall_days (self->db, id, gtk_spin_button_get_value_as_int (spin), &error))
    show_error (self, error);
  self->writing = FALSE;
  update_subtitle (self, id, g_object_get_data (G_OBJECT (spin), "expander"));
}

static void
move_clicked_cb (GtkButton                *button,
                 RapportPipelinePrefsPage *self)
{
  g_autoptr (GError) error = NULL;
  int step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "step"));
  gint64 id = row_stage_id (GTK_WIDGET (button));
  guint position;

  if (stage_at (self, id, &position) == NULL)
    return;
  if ((step < 0 && position == 0) || (step > 0 && position + 1 >= g_list_model_get_n_items (self->stages)))
    return;

  self->expanded_id = id;
  if (!move_stage (self, position, position + step, &error))
    show_error (self, error);
}

typedef struct
{
  RapportPipelinePrefsPage *self;
  gint64                    id;
  GArray                   *targets;   /* gint64: the stages they may move to */
  GtkDropDown              *target_drop_down;
} DeleteStage;

static void
delete_stage_free (DeleteStage *delete_stage)
{
  g_clear_object (&delete_stage->self);
  g_clear_pointer (&delete_stage->targets, g_array_unref);
  g_free (delete_stage);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DeleteStage      *delete_stage)
{
  RapportPipelinePrefsPage *self = delete_stage->self;
  g_autoptr (GError) error = NULL;
  guint selected;

  if (g_strcmp0 (response, "delete") != 0 || self->db == NULL)
    return;

  selected = gtk_drop_down_get_selected (delete_stage->target_drop_down);
  if (selected >= delete_stage->targets->len)
    return;

  if (!rapport_store_delete_pipeline_stage (self->db, delete_stage->id,
                                            g_array_index (delete_stage->targets, gint64, selected), &error))
    show_error (self, error);
}

static void
delete_clicked_cb (GtkButton                *button,
                   RapportPipelinePrefsPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  gint64 id = row_stage_id (GTK_WIDGET (button));
  RapportPipelineStage *stage = stage_at (self, id, NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  DeleteStage *delete_stage;
  GtkWidget *dialog;
  guint count = 0;

  if (stage == NULL)
    return;

  if (!rapport_store_count_stage_opportunities (self->db, id, &count, &error))
    {
      show_error (self, error);
      return;
    }

  /* Empty: it goes at once (the store refuses the last stage of a kind). */
  if (count == 0)
    {
      if (!rapport_store_delete_pipeline_stage (self->db, id, 0, &error))
        show_error (self, error);
      return;
    }

  delete_stage = g_new0 (DeleteStage, 1);
  delete_stage->self = g_object_ref (self);
  delete_stage->id = id;
  delete_stage->targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (self->stages); i++)
    {
      g_autoptr (RapportPipelineStage) other = g_list_model_get_item (self->stages, i);
      gint64 other_id = rapport_pipeline_stage_get_id (other);

      if (other_id == id || rapport_pipeline_stage_get_kind (other) != rapport_pipeline_stage_get_kind (stage))
        continue;
      g_array_append_val (delete_stage->targets, other_id);
      gtk_string_list_append (names, rapport_pipeline_stage_get_name (other));
    }

  /* Translators: %s is a pipeline stage's name */
  heading = g_strdup_printf (_("Delete “%s”?"), rapport_pipeline_stage_get_name (stage));
  if (delete_stage->targets->len == 0)
    {
      /* Translators: why a stage cannot be deleted; %s is its name */
      body = g_strdup_printf (ngettext ("%u opportunity is in “%s”, and no other stage of its kind can take it. "
                                        "Add one, or move the opportunity first.",
                                        "%u opportunities are in “%s”, and no other stage of their kind can take them. "
                                        "Add one, or move the opportunities first.", count),
                              count, rapport_pipeline_stage_get_name (stage));
      show_message (self, _("This Stage Cannot Be Deleted"), body);
      delete_stage_free (delete_stage);
      return;
    }

  body = g_strdup_printf (ngettext ("%u opportunity is in this stage. It moves to the stage chosen below, "
                                    "and the move is kept in its history.",
                                    "%u opportunities are in this stage. They move to the stage chosen below, "
                                    "and each move is kept in their history.", count),
                          count);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  delete_stage->target_drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_stage->target_drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move them to"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (delete_stage->target_drop_down));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Move and Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb),
                         delete_stage, (GClosureNotify) (void (*) (void)) delete_stage_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_stage_applied_cb (AdwEntryRow              *row,
                      RapportPipelinePrefsPage *self)
{
  g_autoptr (RapportPipelineStage) stage = rapport_pipeline_stage_new ();
  g_autoptr (GError) error = NULL;
  guint first_closed = G_MAXUINT;
  guint n;

  rapport_pipeline_stage_set_name (stage, gtk_editable_get_text (GTK_EDITABLE (row)));
  rapport_pipeline_stage_set_probability (stage, 50);
  rapport_pipeline_stage_set_stall_days (stage, 14);
  rapport_pipeline_stage_set_kind (stage, RAPPORT_STAGE_KIND_OPEN);

  for (guint i = 0; i < g_list_model_get_n_items (self->stages); i++)
    {
      g_autoptr (RapportPipelineStage) other = g_list_model_get_item (self->stages, i);

      if (rapport_pipeline_stage_get_kind (other) != RAPPORT_STAGE_KIND_OPEN)
        {
          first_closed = i;
          break;
        }
    }

  if (!rapport_store_add_pipeline_stage (self->db, stage, &error))
    {
      show_error (self, error);
      return;
    }

  /* Added last, it goes before Won and Lost: an open stage is worked on
   * before a deal closes. */
  g_clear_object (&self->stages);
  self->stages = rapport_store_list_pipeline_stages (self->db, &error);
  n = self->stages != NULL ? g_list_model_get_n_items (self->stages) : 0;
  if (first_closed != G_MAXUINT && n > 0 && !move_stage (self, n - 1, first_closed, &error))
    show_error (self, error);

  self->expanded_id = rapport_pipeline_stage_get_id (stage);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  rebuild (self);
}

static void
add_reason_applied_cb (AdwEntryRow              *row,
                       RapportPipelinePrefsPage *self)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_store_add_lost_reason (self->db, gtk_editable_get_text (GTK_EDITABLE (row)), NULL, &error))
    {
      show_message (self, _("Could Not Add the Reason"), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
changes_cb (RapportPipelinePrefsPage *self,
            GArray                   *changes)
{
  if (self->writing)
    return;

  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      if (change->kind == RAPPORT_ENTITY_KIND_PIPELINE_STAGE || change->kind == RAPPORT_ENTITY_KIND_LOST_REASON)
        {
          rebuild (self);
          return;
        }
    }
}

/* Building the rows */

static GtkWidget *
create_spin_row (RapportPipelinePrefsPage *self,
                 GtkWidget                *expander,
                 gint64                    id,
                 const char               *title,
                 int                       min,
                 int                       max,
                 int                       value,
                 GCallback                 changed)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  set_row_stage_id (spin, id);
  g_object_set_data (G_OBJECT (spin), "expander", expander);
  g_signal_connect (spin, "value-changed", changed, self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

  return row;
}

static GtkWidget *
create_icon_button (gint64      id,
                    const char *icon_name,
                    const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  set_row_stage_id (button, id);

  return button;
}

static GtkWidget *
create_stage_row (RapportPipelinePrefsPage *self,
                  RapportPipelineStage     *stage,
                  guint                     position,
                  guint                     n)
{
  gint64 id = rapport_pipeline_stage_get_id (stage);
  g_autofree char *subtitle = describe_stage (stage);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *name_row = adw_entry_row_new ();
  GtkWidget *actions = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), rapport_pipeline_stage_get_name (stage));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), id == self->expanded_id);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), rapport_pipeline_stage_get_name (stage));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name_row), TRUE);
  set_row_stage_id (name_row, id);
  g_signal_connect (name_row, "apply", G_CALLBACK (name_applied_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), name_row);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            create_spin_row (self, expander, id, _("Default Probability (%)"), 0, 100,
                                             rapport_pipeline_stage_get_probability (stage),
                                             G_CALLBACK (probability_changed_cb)));
  if (rapport_pipeline_stage_get_kind (stage) == RAPPORT_STAGE_KIND_OPEN)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              create_spin_row (self, expander, id, _("Stalled After (Days)"), 1, 365,
                                               rapport_pipeline_stage_get_stall_days (stage),
                                               G_CALLBACK (stall_days_changed_cb)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (actions), _("Position and Removal"));
  button = create_icon_button (id, "go-up-symbolic", _("Move Up"));
  g_object_set_data (G_OBJECT (button), "step", GINT_TO_POINTER (-1));
  gtk_widget_set_sensitive (button, position > 0);
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), button);
  button = create_icon_button (id, "go-down-symbolic", _("Move Down"));
  g_object_set_data (G_OBJECT (button), "step", GINT_TO_POINTER (1));
  gtk_widget_set_sensitive (button, position + 1 < n);
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), button);
  button = create_icon_button (id, "user-trash-symbolic", _("Delete Stage"));
  g_signal_connect (button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), actions);

  return expander;
}

static void
add_to_group (RapportPipelinePrefsPage *self,
              AdwPreferencesGroup      *group,
              GtkWidget                *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
rebuild (RapportPipelinePrefsPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) reasons = NULL;
  GtkWidget *row;
  guint n;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->rows, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP));

      adw_preferences_group_remove (group, widget);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_clear_object (&self->stages);

  if (self->db == NULL)
    return;

  self->stages = rapport_store_list_pipeline_stages (self->db, &error);
  if (self->stages == NULL)
    {
      g_warning ("Could not read the pipeline’s stages: %s", error->message);
      return;
    }

  n = g_list_model_get_n_items (self->stages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (self->stages, i);

      add_to_group (self, self->stages_group, create_stage_row (self, stage, i, n));
    }

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a Stage"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (add_stage_applied_cb), self);
  add_to_group (self, self->stages_group, row);

  reasons = rapport_store_list_lost_reasons (self->db, &error);
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      const RapportLostReason *reason = &g_array_index (reasons, RapportLostReason, i);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason->name != NULL ? reason->name : "");
      add_to_group (self, self->reasons_group, row);
    }

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a Reason"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (add_reason_applied_cb), self);
  add_to_group (self, self->reasons_group, row);
}

/* GObject */

static void
rapport_pipeline_prefs_page_dispose (GObject *object)
{
  RapportPipelinePrefsPage *self = RAPPORT_PIPELINE_PREFS_PAGE (object);

  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);
  g_clear_object (&self->stages);
  self->db = NULL;
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_pipeline_prefs_page_parent_class)->dispose (object);
}

static void
rapport_pipeline_prefs_page_finalize (GObject *object)
{
  RapportPipelinePrefsPage *self = RAPPORT_PIPELINE_PREFS_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_pipeline_prefs_page_parent_class)->finalize (object);
}

static void
rapport_pipeline_prefs_page_class_init (RapportPipelinePrefsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_pipeline_prefs_page_dispose;
  object_class->finalize = rapport_pipeline_prefs_page_finalize;
}

static void
rapport_pipeline_prefs_page_init (RapportPipelinePrefsPage *self)
{
  self->rows = g_ptr_array_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), C_("Preferences page", "Pipeline"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "view-dual-symbolic");

  self->stages_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->stages_group, _("Stages"));
  adw_preferences_group_set_description (self->stages_group,
                                         _("The board’s columns, left to right. A stage’s probability is the default "
                                           "of its opportunities; an open opportunity with no activity for longer "
                                           "than its stage allows is flagged as stalled."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->stages_group);

  self->reasons_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->reasons_group, _("Lost Reasons"));
  adw_preferences_group_set_description (self->reasons_group,
                                         _("Offered when an opportunity is marked lost."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->reasons_group);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);
}

/* Public API */

/**
 * rapport_pipeline_prefs_page_new:
 * @session: the book's session
 *
 * Returns: (transfer floating): a new page
 */
GtkWidget *
rapport_pipeline_prefs_page_new (RapportSession *session)
{
  RapportPipelinePrefsPage *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);

  self = g_object_new (RAPPORT_TYPE_PIPELINE_PREFS_PAGE, NULL);
  self->session = g_object_ref (session);
  self->db = rapport_session_get_database (session);
  g_signal_group_set_target (self->bus_signals, rapport_database_get_change_bus (self->db));
  rebuild (self);

  return GTK_WIDGET (self);
}
