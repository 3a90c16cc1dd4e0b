/* rapport-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-compat.h"
#include "rapport-form-helpers.h"
#include "rapport-import-mapping.h"
#include "rapport-import-store.h"
#include "rapport-ui-utils.h"

#include "rapport-import-dialog.h"

/* The problems and duplicates pages show this many rows; "Skip All…",
 * "Apply to All" and the saved report reach the others. */
#define MAX_PROBLEM_ROWS   200
#define MAX_DUPLICATE_ROWS 100

static const RapportEncoding encodings[] = {
  RAPPORT_ENCODING_UTF8,
  RAPPORT_ENCODING_GB18030,
  RAPPORT_ENCODING_UTF16LE,
  RAPPORT_ENCODING_UTF16BE,
};

static const char separators[] = { ',', ';', '\t', '|' };

struct _RapportImportDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkWidget          *back_button;
  GtkButton          *next_button;
  GtkRevealer        *banner_revealer;
  GtkLabel           *banner_label;
  GtkStack           *stack;
  GtkSpinner         *opening_spinner;
  AdwStatusPage      *error_page;
  AdwPreferencesPage *columns_page;
  GtkProgressBar     *checking_progress;
  AdwPreferencesPage *problems_page;
  AdwPreferencesPage *duplicates_page;
  AdwStatusPage      *summary_page;
  GtkProgressBar     *importing_progress;

  /* Built per file or per analysis; owned by their pages */
  GtkWidget          *encoding_row;
  GtkWidget          *separator_row;
  GtkWidget          *columns_group;
  GtkWidget          *preview_group;
  GtkWidget          *preview_frame;
  GtkWidget          *problems_group;

  /* Owned */
  RapportSession     *session;
  GFile              *file;
  RapportImportJob   *job;
  GCancellable       *cancellable;   /* the step running on a worker */
  GPtrArray          *column_rows;   /* AdwComboRow, by column */
  GPtrArray          *page_groups;   /* the groups added to the pages, to remove */
  GStrv               field_keys;    /* "" then rapport_import_fields (), as the column rows offer them */
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (RapportImportDialog, rapport_import_dialog, ADW_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_open (RapportImportDialog *self);

/* Helpers */

static const char *
get_step (RapportImportDialog *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static gboolean
is_step (RapportImportDialog *self,
         const char          *step)
{
  return g_strcmp0 (get_step (self), step) == 0;
}

/* Whether the dialog was destroyed while a step ran on its worker. */
static gboolean
is_gone (RapportImportDialog *self)
{
  return self->session == NULL;
}

static void
show_banner (RapportImportDialog *self,
             const char          *message)
{
  gtk_label_set_text (self->banner_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static GCancellable *
restart_cancellable (RapportImportDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  return self->cancellable;
}

static guint
count_problems (RapportImportDialog *self)
{
  return self->job != NULL ? g_list_model_get_n_items (rapport_import_job_get_problems (self->job)) : 0;
}

static guint
count_duplicates (RapportImportDialog *self)
{
  return self->job != NULL ? g_list_model_get_n_items (rapport_import_job_get_duplicates (self->job)) : 0;
}

static void
update_buttons (RapportImportDialog *self)
{
  const char *step = get_step (self);
  gboolean on_form = g_strcmp0 (step, "columns") == 0 || g_strcmp0 (step, "problems") == 0 ||
                     g_strcmp0 (step, "duplicates") == 0 || g_strcmp0 (step, "summary") == 0;
  gboolean can_go_on = on_form;
  gboolean running = g_strcmp0 (step, "checking") == 0 || g_strcmp0 (step, "importing") == 0;

  if (g_strcmp0 (step, "columns") == 0)
    can_go_on = rapport_import_job_mapping_is_usable (self->job, NULL);
  else if (g_strcmp0 (step, "problems") == 0)
    can_go_on = rapport_import_job_count_unresolved (self->job) == 0;

  gtk_widget_set_visible (self->back_button, on_form && g_strcmp0 (step, "columns") != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), on_form);
  gtk_button_set_label (self->next_button, g_strcmp0 (step, "summary") == 0 ? _("_Import") : _("_Next"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", can_go_on);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", on_form && g_strcmp0 (step, "columns") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.save-report", g_strcmp0 (step, "problems") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.skip-all-rows", g_strcmp0 (step, "problems") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.drop-all-fields", g_strcmp0 (step, "problems") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.decide-all", g_strcmp0 (step, "duplicates") == 0);
}

static void
show_step (RapportImportDialog *self,
           const char          *step)
{
  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_spinner_set_spinning (self->opening_spinner, g_strcmp0 (step, "opening") == 0);
  update_buttons (self);
}

/* Removes what an earlier file or analysis added to @page. */
static void
clear_page (RapportImportDialog *self,
            AdwPreferencesPage  *page)
{
  for (guint i = self->page_groups->len; i > 0; i--)
    {
      GtkWidget *group = g_ptr_array_index (self->page_groups, i - 1);

      if (gtk_widget_get_ancestor (group, ADW_TYPE_PREFERENCES_PAGE) == GTK_WIDGET (page))
        {
          adw_preferences_page_remove (page, ADW_PREFERENCES_GROUP (group));
          g_ptr_array_remove_index (self->page_groups, i - 1);
        }
    }
}

static GtkWidget *
add_group (RapportImportDialog *self,
           AdwPreferencesPage  *page,
           const char          *title,
           const char          *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->page_groups, g_object_ref (group));

  return group;
}

/* A row that runs @action_name when activated (the page's bulk actions). */
static GtkWidget *
add_action_row (GtkWidget  *group,
                const char *title,
                const char *action_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action_name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

static GtkWidget *
new_switch_row (const char *title,
                GtkWidget **out_switch)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  *out_switch = toggle;

  return row;
}

static const char *
field_label (const char *field)
{
  const char *label = rapport_import_field_get_label (field);

  return label != NULL ? label : field;
}

/* Columns */

static guint
field_position (RapportImportDialog *self,
                const char          *field)
{
  for (guint i = 0; self->field_keys[i] != NULL; i++)
    if (g_strcmp0 (self->field_keys[i], field != NULL ? field : "") == 0)
      return i;

  return 0;
}

static char *
dup_column_title (RapportImportJob *job,
                  guint             column)
{
  const char *header = rapport_import_job_get_header (job, column);

  if (header != NULL && header[0] != '\0')
    return g_strdup (header);

  /* Translators: a column without a header, numbered from 1 */
  return g_strdup_printf (_("Column %u"), column + 1);
}

static void
rebuild_preview (RapportImportDialog *self)
{
  guint n_columns = rapport_import_job_get_n_columns (self->job);
  guint n_rows = rapport_import_job_get_n_preview_rows (self->job);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();
  guint x = 1;

  if (self->preview_frame != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->preview_group), self->preview_frame);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);

  {
    /* Translators: the heading of the preview's row numbers */
    GtkWidget *heading = gtk_label_new (_("Row"));

    gtk_widget_add_css_class (heading, "heading");
    gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
    gtk_grid_attach (GTK_GRID (grid), heading, 0, 0, 1, 1);
  }
  for (guint row = 0; row < n_rows; row++)
    {
      g_autofree char *number = g_strdup_printf ("%u", rapport_import_job_get_preview_row_number (self->job, row));
      GtkWidget *label = gtk_label_new (number);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_grid_attach (GTK_GRID (grid), label, 0, row + 1, 1, 1);
    }

  for (guint column = 0; column < n_columns; column++)
    {
      const char *field = rapport_import_job_get_mapping (self->job, column);
      GtkWidget *heading;

      if (field == NULL || field[0] == '\0')
        continue;

      heading = gtk_label_new (field_label (field));
      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
      gtk_grid_attach (GTK_GRID (grid), heading, x, 0, 1, 1);

      for (guint row = 0; row < n_rows; row++)
        {
          g_autofree char *message = NULL;
          g_autofree char *value = rapport_import_job_get_preview_value (self->job, row, column, &message);
          GtkWidget *label = gtk_label_new (value != NULL ? value : _("Invalid"));

          gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
          /* Whole up to 24 characters (the preview scrolls sideways on a phone),
           * ellipsized beyond. */
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (GTK_LABEL (label),
                                     MIN (g_utf8_strlen (gtk_label_get_text (GTK_LABEL (label)), -1), 24));
          gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
          if (value == NULL)
            {
              gtk_widget_add_css_class (label, "error");
              gtk_widget_set_tooltip_text (label, message);
              gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message != NULL ? message : "",
                                              -1);
            }
          else if (value[0] != '\0')
            {
              gtk_widget_set_tooltip_text (label, value);
            }
          gtk_grid_attach (GTK_GRID (grid), label, x, row + 1, 1, 1);
        }
      x++;
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  self->preview_frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (self->preview_frame, "view");
  gtk_frame_set_child (GTK_FRAME (self->preview_frame), scrolled);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->preview_group), self->preview_frame);
}

/* After a mapping change: every column's row, the reason Next is off, the preview. */
static void
sync_mapping (RapportImportDialog *self)
{
  g_autofree char *reason = NULL;
  gboolean usable = rapport_import_job_mapping_is_usable (self->job, &reason);

  self->syncing = TRUE;
  for (guint column = 0; column < self->column_rows->len; column++)
    adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, column),
                                field_position (self, rapport_import_job_get_mapping (self->job, column)));
  self->syncing = FALSE;

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->columns_group),
                                         usable ? _("Choose the field each column fills.") : reason);
  if (!usable)
    gtk_widget_add_css_class (self->columns_group, "error");
  else
    gtk_widget_remove_css_class (self->columns_group, "error");

  rebuild_preview (self);
  update_buttons (self);
}

static void
column_row_selected_cb (RapportImportDialog *self,
                        GParamSpec          *pspec,
                        AdwComboRow         *row)
{
  guint column;
  guint selected;

  if (self->syncing)
    return;

  g_assert (g_ptr_array_find (self->column_rows, row, &column));
  selected = adw_combo_row_get_selected (row);
  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  rapport_import_job_set_mapping (self->job, column, self->field_keys[selected]);
}

static guint
encoding_position (RapportEncoding encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i] == encoding)
      return i;

  return 0;
}

static guint
separator_position (char separator)
{
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    if (separators[i] == separator)
      return i;

  return 0;
}

static void
sync_text_settings (RapportImportDialog *self)
{
  if (self->encoding_row == NULL)
    return;

  self->syncing = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->encoding_row),
                              encoding_position (rapport_import_job_get_encoding (self->job)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->separator_row),
                              separator_position (rapport_import_job_get_separator (self->job)));
  self->syncing = FALSE;
}

static void build_columns (RapportImportDialog *self);

static void
reopened_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (RapportImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!rapport_import_job_reopen_finish (RAPPORT_IMPORT_JOB (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_gone (self))
        return;
      /* The file stays as it was read: the choice that failed is taken back. */
      show_banner (self, error->message);
      sync_text_settings (self);
      gtk_widget_set_sensitive (GTK_WIDGET (self->columns_page), TRUE);
      return;
    }

  if (is_gone (self))
    return;
  show_banner (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_page), TRUE);
  build_columns (self);
}

static void
text_settings_changed_cb (RapportImportDialog *self)
{
  guint encoding = adw_combo_row_get_selected (ADW_COMBO_ROW (self->encoding_row));
  guint separator = adw_combo_row_get_selected (ADW_COMBO_ROW (self->separator_row));

  if (self->syncing || encoding >= G_N_ELEMENTS (encodings) || separator >= G_N_ELEMENTS (separators))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_page), FALSE);
  rapport_import_job_reopen_async (self->job, encodings[encoding], separators[separator],
                                   restart_cancellable (self), reopened_cb, g_object_ref (self));
}

static GtkWidget *
new_combo_row (const char          *title,
               const char * const  *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));

  return row;
}

static void
build_columns (RapportImportDialog *self)
{
  RapportImportFormat format = rapport_import_job_get_format (self->job);
  guint n_columns = rapport_import_job_get_n_columns (self->job);
  g_autoptr (GPtrArray) field_labels = g_ptr_array_new ();
  GtkWidget *file_group;
  GtkWidget *format_row;

  clear_page (self, self->columns_page);
  g_ptr_array_set_size (self->column_rows, 0);
  self->encoding_row = self->separator_row = NULL;
  self->preview_frame = NULL;

  adw_window_title_set_subtitle (self->window_title, rapport_import_job_get_file_name (self->job));

  file_group = add_group (self, self->columns_page, _("File"), NULL);
  format_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (format_row), _("Format"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (format_row), gtk_label_new (rapport_import_format_get_label (format)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (file_group), format_row);

  if (format == RAPPORT_IMPORT_FORMAT_CSV)
    {
      const char *encoding_labels[G_N_ELEMENTS (encodings) + 1] = { NULL };
      const char *separator_labels[] = { _("Comma"), _("Semicolon"), _("Tab"), _("Vertical Bar"), NULL };

      for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
        encoding_labels[i] = rapport_encoding_get_label (encodings[i]);

      self->encoding_row = new_combo_row (_("_Encoding"), encoding_labels);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (file_group), self->encoding_row);
      self->separator_row = new_combo_row (_("_Separator"), separator_labels);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (file_group), self->separator_row);
      sync_text_settings (self);
      g_signal_connect_object (self->encoding_row, "notify::selected",
                               G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->separator_row, "notify::selected",
                               G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);
    }

  g_ptr_array_add (field_labels, (gpointer) _("Don’t Import"));
  for (guint i = 1; self->field_keys[i] != NULL; i++)
    g_ptr_array_add (field_labels, (gpointer) field_label (self->field_keys[i]));
  g_ptr_array_add (field_labels, NULL);

  self->columns_group = add_group (self, self->columns_page, _("Columns"), NULL);
  for (guint column = 0; column < n_columns; column++)
    {
      g_autofree char *title = dup_column_title (self->job, column);
      GtkWidget *row = new_combo_row (title, (const char * const *) field_labels->pdata);
      g_autofree char *sample = NULL;

      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (rapport_import_job_get_n_preview_rows (self->job) > 0)
        sample = rapport_import_job_get_preview_value (self->job, 0, column, NULL);
      if (sample != NULL && sample[0] != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sample);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->columns_group), row);
      g_ptr_array_add (self->column_rows, row);
    }

  self->preview_group = add_group (self, self->columns_page, _("Preview"),
                                   _("The first rows, as they will be stored"));

  sync_mapping (self);
  for (guint column = 0; column < self->column_rows->len; column++)
    g_signal_connect_object (g_ptr_array_index (self->column_rows, column), "notify::selected",
                             G_CALLBACK (column_row_selected_cb), self, G_CONNECT_SWAPPED);
}

/* Opening */

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (RapportImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportImportJob) job = rapport_import_job_open_finish (result, &error);

  if (is_gone (self))
    return;

  if (job == NULL)
    {
      g_autofree char *escaped = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The status page's description is markup; the message names the file. */
      escaped = g_markup_escape_text (error->message, -1);
      adw_status_page_set_description (self->error_page, escaped);
      show_step (self, "error");
      return;
    }

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_set_object (&self->job, job);
  g_signal_connect_object (job, "mapping-changed", G_CALLBACK (sync_mapping), self, G_CONNECT_SWAPPED);
  build_columns (self);
  show_step (self, "columns");
}

static void
start_open (RapportImportDialog *self)
{
  g_autofree char *name = g_file_get_basename (self->file);

  show_banner (self, NULL);
  adw_window_title_set_subtitle (self->window_title, name);
  show_step (self, "opening");
  rapport_import_job_open_async (self->session, self->file, restart_cancellable (self),
                                 opened_cb, g_object_ref (self));
}

/* Problems */

typedef struct
{
  RapportImportDialog  *self;
  RapportImportProblem *problem;
  GtkWidget            *expander;
  GtkWidget            *icon;
  GtkWidget            *entry_row;
  GtkWidget            *error_row;
  GtkWidget            *skip_switch;
  GtkWidget            *drop_switch;
} ProblemRow;

static void
problem_row_free (gpointer data)
{
  ProblemRow *row = data;

  g_clear_object (&row->problem);
  g_free (row);
}

static char *
dup_problem_title (RapportImportProblem *problem)
{
  const char *field = rapport_import_problem_get_field (problem);
  guint row = rapport_import_problem_get_row (problem);

  if (field == NULL || field[0] == '\0')
    /* Translators: a problem of a whole row of the imported file */
    return g_strdup_printf (_("Row %u"), row);

  /* Translators: a problem of one cell: the file's row and the field, "Row 12 · Mobile" */
  return g_strdup_printf (_("Row %u · %s"), row, field_label (field));
}

static void
update_problems_summary (RapportImportDialog *self)
{
  GListModel *problems = rapport_import_job_get_problems (self->job);
  guint n = g_list_model_get_n_items (problems);
  guint unresolved = rapport_import_job_count_unresolved (self->job);
  g_autoptr (GHashTable) rows = g_hash_table_new (NULL, NULL);
  g_autofree char *n_problems = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportImportProblem) problem = g_list_model_get_item (problems, i);

      g_hash_table_add (rows, GUINT_TO_POINTER (rapport_import_problem_get_row (problem)));
    }

  n_problems = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems", n), n);
  /* Translators: "%s" is "N problems": "3 problems in 2 rows" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %u row", "%s in %u rows",
                                        g_hash_table_size (rows)),
                           n_problems, g_hash_table_size (rows));
  if (unresolved > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u still to resolve: fix the value and press Enter, skip the row, or import it without the field.",
                                                "%u still to resolve: fix each value and press Enter, skip the rows, or import them without the fields.",
                                                unresolved),
                                   unresolved);
  else
    description = g_strdup (_("All resolved."));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->problems_group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->problems_group), description);
  update_buttons (self);
}

static void
problem_changed_cb (GtkWidget *expander)
{
  ProblemRow *row = g_object_get_data (G_OBJECT (expander), "problem-row");
  RapportImportAction action = rapport_import_problem_get_action (row->problem);
  const char *status = NULL;
  g_autofree char *text = NULL;

  row->self->syncing = TRUE;
  gtk_switch_set_active (GTK_SWITCH (row->skip_switch), action == RAPPORT_IMPORT_ACTION_SKIP_ROW);
  if (row->drop_switch != NULL)
    gtk_switch_set_active (GTK_SWITCH (row->drop_switch), action == RAPPORT_IMPORT_ACTION_DROP_FIELD);
  row->self->syncing = FALSE;

  switch (action)
    {
    case RAPPORT_IMPORT_ACTION_FIXED:
      /* Translators: a problem resolved by correcting the cell to "%s" */
      text = g_strdup_printf (_("Fixed: %s"), rapport_import_problem_get_value (row->problem));
      status = text;
      break;
    case RAPPORT_IMPORT_ACTION_SKIP_ROW:
      status = _("The row will be skipped");
      break;
    case RAPPORT_IMPORT_ACTION_DROP_FIELD:
      status = _("The row will be imported without this field");
      break;
    case RAPPORT_IMPORT_ACTION_NONE:
    default:
      status = rapport_import_problem_get_message (row->problem);
      break;
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander), status);
  gtk_image_set_from_icon_name (GTK_IMAGE (row->icon),
                                action == RAPPORT_IMPORT_ACTION_NONE ? "dialog-warning-symbolic"
                                                                     : "object-select-symbolic");
  if (action == RAPPORT_IMPORT_ACTION_NONE)
    gtk_widget_add_css_class (row->icon, "warning");
  else
    gtk_widget_remove_css_class (row->icon, "warning");

  update_problems_summary (row->self);
}

static void
fix_cb (GtkWidget *expander)
{
  ProblemRow *row = g_object_get_data (G_OBJECT (expander), "problem-row");
  g_autofree char *value = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->entry_row)));
  g_autoptr (GError) error = NULL;

  if (rapport_import_job_fix_cell (row->self->job, row->problem, value, &error))
    rapport_error_row_set (row->error_row, row->entry_row, NULL);
  else
    rapport_error_row_set (row->error_row, row->entry_row, error != NULL ? error->message : NULL);
}

static void
action_switch_cb (GtkWidget  *toggle,
                  GParamSpec *pspec,
                  GtkWidget  *expander)
{
  ProblemRow *row = g_object_get_data (G_OBJECT (expander), "problem-row");
  RapportImportAction action = toggle == row->skip_switch ? RAPPORT_IMPORT_ACTION_SKIP_ROW
                                                          : RAPPORT_IMPORT_ACTION_DROP_FIELD;

  if (row->self->syncing)
    return;

  if (gtk_switch_get_active (GTK_SWITCH (toggle)))
    rapport_import_job_set_action (row->self->job, row->problem, action);
  else if (rapport_import_problem_get_action (row->problem) == action)
    rapport_import_job_set_action (row->self->job, row->problem, RAPPORT_IMPORT_ACTION_NONE);
  problem_changed_cb (expander);
}

static GtkWidget *
new_problem_row (RapportImportDialog  *self,
                 RapportImportProblem *problem)
{
  ProblemRow *row = g_new0 (ProblemRow, 1);
  const char *field = rapport_import_problem_get_field (problem);
  gboolean whole_row = field == NULL || field[0] == '\0';
  g_autofree char *title = dup_problem_title (problem);
  GtkWidget *switch_row;

  row->self = self;
  row->problem = g_object_ref (problem);
  row->expander = adw_expander_row_new ();
  g_object_set_data_full (G_OBJECT (row->expander), "problem-row", row, problem_row_free);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);
  row->icon = gtk_image_new ();
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row->expander), row->icon);

  if (!whole_row)
    {
      row->entry_row = adw_entry_row_new ();
      /* Translators: the entry to correct a cell of the imported file */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->entry_row), _("Correct Value"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row->entry_row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row->entry_row), rapport_import_problem_get_value (problem));
      g_signal_connect_object (row->entry_row, "apply", G_CALLBACK (fix_cb), row->expander, G_CONNECT_SWAPPED);
      g_signal_connect_object (row->entry_row, "entry-activated", G_CALLBACK (fix_cb), row->expander,
                               G_CONNECT_SWAPPED);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->entry_row);
      row->error_row = rapport_error_row_new ();
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->error_row);
    }

  switch_row = new_switch_row (_("Skip This Row"), &row->skip_switch);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), switch_row);
  g_signal_connect_object (row->skip_switch, "notify::active", G_CALLBACK (action_switch_cb), row->expander, 0);
  if (!whole_row)
    {
      switch_row = new_switch_row (_("Import Without This Field"), &row->drop_switch);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), switch_row);
      g_signal_connect_object (row->drop_switch, "notify::active", G_CALLBACK (action_switch_cb), row->expander, 0);
    }

  g_signal_connect_object (problem, "notify::action", G_CALLBACK (problem_changed_cb), row->expander,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (problem, "notify::value", G_CALLBACK (problem_changed_cb), row->expander,
                           G_CONNECT_SWAPPED);

  return row->expander;
}

static void
build_problems (RapportImportDialog *self)
{
  GListModel *problems = rapport_import_job_get_problems (self->job);
  guint n = g_list_model_get_n_items (problems);
  GtkWidget *actions_group;

  clear_page (self, self->problems_page);
  self->problems_group = NULL;
  if (n == 0)
    return;

  self->problems_group = add_group (self, self->problems_page, NULL, NULL);
  for (guint i = 0; i < MIN (n, MAX_PROBLEM_ROWS); i++)
    {
      g_autoptr (RapportImportProblem) problem = g_list_model_get_item (problems, i);
      GtkWidget *row = new_problem_row (self, problem);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->problems_group), row);
      problem_changed_cb (row);
    }

  actions_group = add_group (self, self->problems_page, NULL,
                             n > MAX_PROBLEM_ROWS ? _("Only the first problems are listed here; the saved report has them all.")
                                                  : NULL);
  add_action_row (actions_group, _("_Skip All Rows With Problems"), "import.skip-all-rows");
  add_action_row (actions_group, _("Import All _Without Bad Fields"), "import.drop-all-fields");
  add_action_row (actions_group, _("Save _Report…"), "import.save-report");

  update_problems_summary (self);
}

/* Duplicates */

static const char *
decision_label (RapportImportDecision decision)
{
  switch (decision)
    {
    case RAPPORT_IMPORT_DECISION_SKIP:
      return _("Skip");
    case RAPPORT_IMPORT_DECISION_CREATE:
      return _("Create Anyway");
    case RAPPORT_IMPORT_DECISION_MERGE:
    default:
      return _("Merge");
    }
}

static void
duplicate_changed_cb (GtkWidget *group)
{
  RapportImportDialog *self = g_object_get_data (G_OBJECT (group), "dialog");
  RapportImportDuplicate *duplicate = g_object_get_data (G_OBJECT (group), "duplicate");
  GtkWidget *decision_row = g_object_get_data (G_OBJECT (group), "decision-row");
  GPtrArray *switches = g_object_get_data (G_OBJECT (group), "switches");
  gboolean merging = rapport_import_duplicate_get_decision (duplicate) == RAPPORT_IMPORT_DECISION_MERGE;

  self->syncing = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (decision_row), rapport_import_duplicate_get_decision (duplicate));
  for (guint i = 0; i < switches->len; i++)
    {
      GtkWidget *toggle = g_ptr_array_index (switches, i);
      const char *field = g_object_get_data (G_OBJECT (toggle), "field");

      gtk_switch_set_active (GTK_SWITCH (toggle), rapport_import_duplicate_get_overwrite (duplicate, field));
      gtk_widget_set_sensitive (gtk_widget_get_ancestor (toggle, ADW_TYPE_ACTION_ROW), merging);
    }
  self->syncing = FALSE;
}

static void
decision_selected_cb (GtkWidget  *decision_row,
                      GParamSpec *pspec,
                      GtkWidget  *group)
{
  RapportImportDialog *self = g_object_get_data (G_OBJECT (group), "dialog");
  RapportImportDuplicate *duplicate = g_object_get_data (G_OBJECT (group), "duplicate");
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (decision_row));

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;

  rapport_import_duplicate_set_decision (duplicate, selected);
  /* A choice the job refuses (creating a second customer with the same code) is taken back. */
  duplicate_changed_cb (group);
}

static void
overwrite_switch_cb (GtkWidget  *toggle,
                     GParamSpec *pspec,
                     GtkWidget  *group)
{
  RapportImportDialog *self = g_object_get_data (G_OBJECT (group), "dialog");
  RapportImportDuplicate *duplicate = g_object_get_data (G_OBJECT (group), "duplicate");

  if (self->syncing)
    return;

  rapport_import_duplicate_set_overwrite (duplicate, g_object_get_data (G_OBJECT (toggle), "field"),
                                          gtk_switch_get_active (GTK_SWITCH (toggle)));
}

static char *
dup_duplicate_description (RapportImportDuplicate *duplicate)
{
  const char *existing = rapport_import_duplicate_get_existing_name (duplicate);
  const char *row_list = rapport_import_duplicate_get_rows (duplicate);
  g_autofree char *rows = NULL;
  g_autofree char *matches = NULL;
  guint n_rows = 1;

  for (const char *p = row_list; *p != '\0'; p++)
    n_rows += *p == ',';
  /* Translators: the rows of the imported file an incoming customer comes from: "Row 12", "Rows 12, 13" */
  rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Row %s", "Rows %s", n_rows), row_list);
  if (rapport_import_duplicate_get_existing_id (duplicate) > 0)
    /* Translators: the customer in the book an incoming one matches */
    matches = g_strdup_printf (_("Matches “%s” in your customers"), existing);
  else
    /* Translators: an incoming customer that matches another of the same file */
    matches = g_strdup_printf (_("Matches “%s” earlier in this file"), existing);

  return g_strdup_printf ("%s · %s\n%s", rows, rapport_import_duplicate_get_reason (duplicate), matches);
}

static GtkWidget *
add_duplicate_group (RapportImportDialog    *self,
                     RapportImportDuplicate *duplicate)
{
  const char *decisions[] = {
    decision_label (RAPPORT_IMPORT_DECISION_MERGE),
    decision_label (RAPPORT_IMPORT_DECISION_SKIP),
    decision_label (RAPPORT_IMPORT_DECISION_CREATE),
    NULL
  };
  const char * const *conflicts = rapport_import_duplicate_get_conflicts (duplicate);
  g_autofree char *description = dup_duplicate_description (duplicate);
  GtkWidget *group = add_group (self, self->duplicates_page, NULL, NULL);
  /* The incoming customer's name as typed: no markup, no mnemonic. */
  GtkWidget *decision_row = new_combo_row (rapport_import_duplicate_get_name (duplicate), decisions);
  GPtrArray *switches = g_ptr_array_new ();

  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (decision_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (decision_row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (decision_row), description);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (decision_row), 0);

  g_object_set_data (G_OBJECT (group), "dialog", self);
  g_object_set_data_full (G_OBJECT (group), "duplicate", g_object_ref (duplicate), g_object_unref);
  g_object_set_data (G_OBJECT (group), "decision-row", decision_row);
  g_object_set_data_full (G_OBJECT (group), "switches", switches, (GDestroyNotify) g_ptr_array_unref);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), decision_row);

  for (guint i = 0; conflicts != NULL && conflicts[i] != NULL; i++)
    {
      /* Translators: the switch that lets an imported value replace the stored one, "Replace Address" */
      g_autofree char *title = g_strdup_printf (_("Replace %s"), field_label (conflicts[i]));
      /* Translators: a stored value and the imported one that differs from it */
      g_autofree char *values = g_strdup_printf (_("Stored: %s\nIncoming: %s"),
                                                 rapport_import_duplicate_get_stored_value (duplicate, conflicts[i]),
                                                 rapport_import_duplicate_get_incoming_value (duplicate, conflicts[i]));
      GtkWidget *toggle;
      GtkWidget *row = new_switch_row (title, &toggle);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), values);
      g_object_set_data_full (G_OBJECT (toggle), "field", g_strdup (conflicts[i]), g_free);
      g_ptr_array_add (switches, toggle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (overwrite_switch_cb), group, 0);
    }

  duplicate_changed_cb (group);
  g_signal_connect_object (decision_row, "notify::selected", G_CALLBACK (decision_selected_cb), group, 0);
  g_signal_connect_object (duplicate, "notify::decision", G_CALLBACK (duplicate_changed_cb), group,
                           G_CONNECT_SWAPPED);

  return group;
}

static void
build_duplicates (RapportImportDialog *self)
{
  GListModel *duplicates = rapport_import_job_get_duplicates (self->job);
  guint n = g_list_model_get_n_items (duplicates);
  g_autofree char *title = NULL;
  GtkWidget *header;
  GtkWidget *apply_row;
  GtkWidget *menu_button;
  g_autoptr (GMenu) menu = g_menu_new ();

  clear_page (self, self->duplicates_page);
  if (n == 0)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer is already known",
                                        "%u customers are already known", n), n);
  header = add_group (self, self->duplicates_page, title,
                      n > MAX_DUPLICATE_ROWS
                        ? _("Merge fills what is empty and adds phones and e-mails, replacing nothing unless you ask. Only the first are listed here: “Apply to All” decides for every one.")
                        : _("Merge fills what is empty and adds phones and e-mails, replacing nothing unless you ask."));

  g_menu_append (menu, _("Merge All"), "import.decide-all(uint32 0)");
  g_menu_append (menu, _("Skip All"), "import.decide-all(uint32 1)");
  g_menu_append (menu, _("Create All Anyway"), "import.decide-all(uint32 2)");
  /* A row rather than the group's header suffix: at 360 px the title keeps its width. */
  apply_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (apply_row), _("Apply to All"));
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Apply to All"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (apply_row), menu_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (apply_row), menu_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (header), apply_row);

  for (guint i = 0; i < MIN (n, MAX_DUPLICATE_ROWS); i++)
    {
      g_autoptr (RapportImportDuplicate) duplicate = g_list_model_get_item (duplicates, i);

      add_duplicate_group (self, duplicate);
    }
}

/* Summary */

/* The rows skipped by the user (a problem's SKIP_ROW), and among them those
 * that have no name at all (never a customer). */
static void
collect_skipped_rows (RapportImportDialog *self,
                      GHashTable          *skipped,
                      GHashTable          *nameless)
{
  GListModel *problems = rapport_import_job_get_problems (self->job);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr (RapportImportProblem) problem = g_list_model_get_item (problems, i);
      gpointer row = GUINT_TO_POINTER (rapport_import_problem_get_row (problem));
      const char *field = rapport_import_problem_get_field (problem);

      if (rapport_import_problem_get_action (problem) == RAPPORT_IMPORT_ACTION_SKIP_ROW)
        g_hash_table_add (skipped, row);
      if (field == NULL || field[0] == '\0')
        g_hash_table_add (nameless, row);
    }
}

/* Whether every row of @duplicate ("12, 13") is in @skipped; those rows are
 * taken out of @lone_skipped either way. */
static gboolean
duplicate_is_skipped (RapportImportDuplicate *duplicate,
                      GHashTable             *skipped,
                      GHashTable             *lone_skipped)
{
  g_auto (GStrv) rows = g_strsplit (rapport_import_duplicate_get_rows (duplicate), ",", -1);
  gboolean all_skipped = rows[0] != NULL;

  for (guint i = 0; rows[i] != NULL; i++)
    {
      gpointer row = GUINT_TO_POINTER ((guint) g_ascii_strtoull (g_strstrip (rows[i]), NULL, 10));

      all_skipped &= g_hash_table_contains (skipped, row);
      g_hash_table_remove (lone_skipped, row);
    }

  return all_skipped;
}

static void
build_summary (RapportImportDialog *self)
{
  GListModel *duplicates = rapport_import_job_get_duplicates (self->job);
  guint n_duplicates = g_list_model_get_n_items (duplicates);
  g_autoptr (GHashTable) skipped = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) nameless = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) lone_skipped = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer row;
  guint n_merged = 0, n_skipped = 0, n_created = 0;
  guint n_left_out;
  guint n_new;

  collect_skipped_rows (self, skipped, nameless);
  g_hash_table_iter_init (&iter, skipped);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (!g_hash_table_contains (nameless, row))
      g_hash_table_add (lone_skipped, row);

  for (guint i = 0; i < n_duplicates; i++)
    {
      g_autoptr (RapportImportDuplicate) duplicate = g_list_model_get_item (duplicates, i);

      if (duplicate_is_skipped (duplicate, skipped, lone_skipped))
        continue;

      switch (rapport_import_duplicate_get_decision (duplicate))
        {
        case RAPPORT_IMPORT_DECISION_MERGE:
          n_merged++;
          break;
        case RAPPORT_IMPORT_DECISION_SKIP:
          n_skipped++;
          break;
        case RAPPORT_IMPORT_DECISION_CREATE:
        default:
          n_created++;
          break;
        }
    }

  /* The analysis counts every customer the rows make, skipped rows included:
   * the duplicates are counted by their decision, and a skipped row of no
   * duplicate as a customer of its own (a customer is one row unless the file
   * repeats its name or code for its contacts; the toast after the import has
   * the exact counts). */
  n_left_out = n_duplicates + g_hash_table_size (lone_skipped);
  n_new = rapport_import_job_get_n_customers (self->job);
  n_new = (n_new > n_left_out ? n_new - n_left_out : 0) + n_created;

  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new customer", "%u new customers", n_new),
                                           n_new));
  if (n_merged > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u merged", "%u merged", n_merged),
                                             n_merged));
  if (n_skipped > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duplicate skipped",
                                                          "%u duplicates skipped", n_skipped),
                                             n_skipped));
  if (g_hash_table_size (skipped) > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row skipped", "%u rows skipped",
                                                          g_hash_table_size (skipped)),
                                             g_hash_table_size (skipped)));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator of the summary's counts, "12 new customers, 3 merged" */
  text = g_strjoinv (_(", "), (char **) parts->pdata);
  adw_status_page_set_description (self->summary_page, text);
}

static void
show_after (RapportImportDialog *self,
            const char          *step)
{
  /* The steps in order; those without anything to decide are passed over. */
  if (g_strcmp0 (step, "columns") == 0 && count_problems (self) > 0)
    show_step (self, "problems");
  else if ((g_strcmp0 (step, "columns") == 0 || g_strcmp0 (step, "problems") == 0) && count_duplicates (self) > 0)
    show_step (self, "duplicates");
  else
    {
      build_summary (self);
      show_step (self, "summary");
    }
}

/* Analysis and import */

static void
progress_changed_cb (RapportImportDialog *self)
{
  double progress = rapport_import_job_get_progress (self->job);

  gtk_progress_bar_set_fraction (self->checking_progress, progress);
  gtk_progress_bar_set_fraction (self->importing_progress, progress);
}

static void
analysed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (RapportImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  g_signal_handlers_disconnect_by_func (source, progress_changed_cb, self);
  if (!rapport_import_job_analyse_finish (RAPPORT_IMPORT_JOB (source), result, &error))
    {
      if (is_gone (self))
        return;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_banner (self, error->message);
      show_step (self, "columns");
      return;
    }

  if (is_gone (self))
    return;
  build_problems (self);
  build_duplicates (self);
  show_after (self, "columns");
}

static void
start_analysis (RapportImportDialog *self)
{
  show_banner (self, NULL);
  gtk_progress_bar_set_fraction (self->checking_progress, 0.0);
  show_step (self, "checking");
  g_signal_connect_object (self->job, "notify::progress", G_CALLBACK (progress_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rapport_import_job_analyse_async (self->job, restart_cancellable (self), analysed_cb, g_object_ref (self));
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (RapportImportDialog) self = user_data;
  RapportImportJob *job = RAPPORT_IMPORT_JOB (source);
  g_autoptr (GError) error = NULL;

  g_signal_handlers_disconnect_by_func (job, progress_changed_cb, self);
  if (!rapport_import_job_run_finish (job, result, &error))
    {
      if (is_gone (self))
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_step (self, "cancelled");
          return;
        }
      show_banner (self, error->message);
      show_step (self, "summary");
      return;
    }

  /* Even when the dialog was closed meanwhile: the window offers Undo. */
  g_signal_emit (self, signals[IMPORTED], 0, rapport_import_job_get_import_id (job),
                 rapport_import_job_get_n_created (job), rapport_import_job_get_n_merged (job));
  if (!is_gone (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_import (RapportImportDialog *self)
{
  show_banner (self, NULL);
  gtk_progress_bar_set_fraction (self->importing_progress, 0.0);
  show_step (self, "importing");
  g_signal_connect_object (self->job, "notify::progress", G_CALLBACK (progress_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rapport_import_job_run_async (self->job, restart_cancellable (self), imported_cb, g_object_ref (self));
}

/* Actions */

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (widget);
  const char *step = get_step (self);

  if (g_strcmp0 (step, "columns") == 0)
    start_analysis (self);
  else if (g_strcmp0 (step, "problems") == 0 || g_strcmp0 (step, "duplicates") == 0)
    show_after (self, step);
  else if (g_strcmp0 (step, "summary") == 0)
    start_import (self);
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (widget);

  show_banner (self, NULL);
  if (is_step (self, "summary") && count_duplicates (self) > 0)
    show_step (self, "duplicates");
  else if ((is_step (self, "summary") || is_step (self, "duplicates")) && count_problems (self) > 0)
    show_step (self, "problems");
  else
    show_step (self, "columns");
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
file_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (RapportImportDialog) self = user_data;
  g_autoptr (GFile) file = rapport_compat_choose_file_finish (result, NULL);

  if (file == NULL || is_gone (self))
    return;

  g_set_object (&self->file, file);
  start_open (self);
}

static void
choose_file_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  rapport_compat_choose_file_async (GTK_WINDOW (widget), _("Import Customers"), NULL,
                                    file_chosen_cb, g_object_ref (widget));
}

static void
report_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (RapportImportDialog) self = user_data;
  g_autoptr (GFile) file = rapport_compat_choose_file_finish (result, NULL);
  g_autoptr (GError) error = NULL;

  if (file == NULL || is_gone (self) || self->job == NULL)
    return;

  if (!rapport_import_job_save_report (self->job, file, NULL, &error))
    {
      show_banner (self, error->message);
      return;
    }

  show_banner (self, NULL);
  rapport_widget_add_toast (GTK_WIDGET (self->stack), adw_toast_new (_("Report saved")));
}

static void
save_report_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (widget);
  g_autofree char *base = g_strdup (rapport_import_job_get_file_name (self->job));
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';
  /* Translators: the suggested name of the saved problem report; %s is the imported file's name */
  name = g_strdup_printf (_("%s problems.csv"), base);
  rapport_compat_save_file_async (GTK_WINDOW (self), _("Save Report"), name, NULL,
                                  report_chosen_cb, g_object_ref (self));
}

static void
skip_all_rows_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (widget);

  rapport_import_job_set_action_for_unresolved (self->job, RAPPORT_IMPORT_ACTION_SKIP_ROW);
  update_problems_summary (self);
}

static void
drop_all_fields_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (widget);

  rapport_import_job_set_action_for_unresolved (self->job, RAPPORT_IMPORT_ACTION_DROP_FIELD);
  update_problems_summary (self);
}

static void
decide_all_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (widget);
  guint32 decision = g_variant_get_uint32 (parameter);

  if (decision > RAPPORT_IMPORT_DECISION_CREATE)
    return;

  rapport_import_job_set_all_decisions (self->job, decision);
  /* Each group follows its duplicate's "decision"; refused ones included. */
  for (guint i = 0; i < self->page_groups->len; i++)
    {
      GtkWidget *group = g_ptr_array_index (self->page_groups, i);

      if (g_object_get_data (G_OBJECT (group), "duplicate") != NULL)
        duplicate_changed_cb (group);
    }
}

/* GObject */

static gboolean
rapport_import_dialog_close_request (GtkWindow *window)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (window);

  /* A check stops; an import in progress is rolled back: nothing is written. */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (rapport_import_dialog_parent_class)->close_request (window);
}

static void
rapport_import_dialog_dispose (GObject *object)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_IMPORT_DIALOG);
  g_clear_pointer (&self->page_groups, g_ptr_array_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job);
  g_clear_object (&self->file);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_import_dialog_parent_class)->dispose (object);
}

static void
rapport_import_dialog_finalize (GObject *object)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  g_clear_pointer (&self->field_keys, g_strfreev);

  G_OBJECT_CLASS (rapport_import_dialog_parent_class)->finalize (object);
}

static void
rapport_import_dialog_class_init (RapportImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rapport_import_dialog_dispose;
  object_class->finalize = rapport_import_dialog_finalize;
  window_class->close_request = rapport_import_dialog_close_request;

  signals[IMPORTED] = g_signal_new ("imported",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action_cb);
  gtk_widget_class_install_action (widget_class, "import.save-report", NULL, save_report_action_cb);
  gtk_widget_class_install_action (widget_class, "import.skip-all-rows", NULL, skip_all_rows_action_cb);
  gtk_widget_class_install_action (widget_class, "import.drop-all-fields", NULL, drop_all_fields_action_cb);
  gtk_widget_class_install_action (widget_class, "import.decide-all", "u", decide_all_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, opening_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, columns_page);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, checking_progress);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, problems_page);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, duplicates_page);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, summary_page);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, importing_progress);
}

static void
rapport_import_dialog_init (RapportImportDialog *self)
{
  const char * const *fields = rapport_import_fields ();
  g_autoptr (GStrvBuilder) keys = g_strv_builder_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->column_rows = g_ptr_array_new ();
  self->page_groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_strv_builder_add (keys, "");
  g_strv_builder_addv (keys, (const char **) fields);
  self->field_keys = g_strv_builder_end (keys);
}

/* Public API */

/**
 * rapport_import_dialog_new:
 * @parent: the window to import into
 * @session: its open, writable session
 * @file: the file to import
 *
 * Returns: (transfer floating): the dialog, reading @file
 */
GtkWidget *
rapport_import_dialog_new (GtkWindow      *parent,
                           RapportSession *session,
                           GFile          *file)
{
  RapportImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (RAPPORT_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->file = g_object_ref (file);
  start_open (self);

  return GTK_WIDGET (self);
}

const char *
rapport_import_dialog_get_step (RapportImportDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DIALOG (self), NULL);

  return get_step (self);
}

RapportImportJob *
rapport_import_dialog_get_job (RapportImportDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DIALOG (self), NULL);

  return self->job;
}

gboolean
rapport_import_can_read_name (const char *name)
{
  static const char * const extensions[] = { ".csv", ".tsv", ".txt", ".xlsx", ".xls", ".vcf", ".vcard" };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  lower = g_utf8_strdown (name, -1);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;

  return FALSE;
}
