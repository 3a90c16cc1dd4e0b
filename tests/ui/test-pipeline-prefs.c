/* test-pipeline-prefs.c
 *
 * Preferences › Pipeline on a real session: renaming a stage, its default
 * probability and stall limit, moving it, adding one (it lands before Won and
 * Lost), deleting one — at once when empty; with its opportunities moved to
 * the stage the user confirms; refused with the reason when no stage of its
 * kind can take them — and adding a lost reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-pipeline-prefs-page.h"
#include "shell-test-utils.h"

typedef struct
{
  TestDb     t;
  GtkWindow *window;
  GtkWidget *page;
  gint64     customer_id;
} Fixture;

typedef struct
{
  const char *stage;
  const char *label;
} ButtonQuery;

static gboolean
is_stage_button (GtkWidget *widget,
                 gpointer   data)
{
  ButtonQuery *query = data;
  GtkWidget *expander;

  if (!GTK_IS_BUTTON (widget) || g_strcmp0 (gtk_widget_get_tooltip_text (widget), query->label) != 0)
    return FALSE;

  expander = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);
  return expander != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), query->stage) == 0;
}

static void
click_stage_button (Fixture    *f,
                    const char *stage,
                    const char *label)
{
  ButtonQuery query = { stage, label };
  GtkWidget *button = shell_test_find_widget (f->page, is_stage_button, &query);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  shell_test_flush ();
}

typedef struct
{
  const char *stage;   /* NULL: a row outside the stages */
  const char *title;
} RowQuery;

static gboolean
is_row (GtkWidget *widget,
        gpointer   data)
{
  RowQuery *query = data;
  GtkWidget *expander;

  if (!ADW_IS_PREFERENCES_ROW (widget) || ADW_IS_EXPANDER_ROW (widget) ||
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), query->title) != 0)
    return FALSE;

  expander = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);
  if (query->stage == NULL)
    return expander == NULL;
  return expander != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), query->stage) == 0;
}

static GtkWidget *
find_row (Fixture    *f,
          const char *stage,
          const char *title)
{
  RowQuery query = { stage, title };
  GtkWidget *row = shell_test_find_widget (f->page, is_row, &query);

  g_assert_nonnull (row);
  return row;
}

static void
apply_entry (Fixture    *f,
             const char *stage,
             const char *title,
             const char *text)
{
  GtkWidget *row = find_row (f, stage, title);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  shell_test_flush ();
}

static gboolean
is_spin_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

static GtkSpinButton *
find_spin (Fixture    *f,
           const char *stage,
           const char *title)
{
  GtkWidget *row = find_row (f, stage, title);
  GtkWidget *spin = shell_test_find_widget (row, is_spin_button, NULL);

  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

static GStrv
stage_names (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (f->t.db, &error);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);

      g_strv_builder_add (builder, rapport_pipeline_stage_get_name (stage));
    }
  return g_strv_builder_end (builder);
}

static RapportPipelineStage *
stage_named (Fixture    *f,
             const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (f->t.db, &error);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      RapportPipelineStage *stage = g_list_model_get_item (stages, i);

      if (g_strcmp0 (rapport_pipeline_stage_get_name (stage), name) == 0)
        return stage;
      g_object_unref (stage);
    }
  return NULL;
}

static gint64
add_opportunity (Fixture    *f,
                 const char *stage_name)
{
  g_autoptr (RapportOpportunity) opportunity = rapport_opportunity_new ();
  g_autoptr (RapportPipelineStage) stage = stage_named (f, stage_name);
  g_autoptr (GError) error = NULL;

  rapport_opportunity_set_customer_id (opportunity, f->customer_id);
  rapport_opportunity_set_title (opportunity, "Deal");
  rapport_opportunity_set_currency (opportunity, "CNY");
  rapport_opportunity_set_probability (opportunity, -1);
  if (rapport_pipeline_stage_get_kind (stage) == RAPPORT_STAGE_KIND_OPEN)
    rapport_opportunity_set_stage_id (opportunity, rapport_pipeline_stage_get_id (stage));
  rapport_store_insert_opportunity (f->t.db, opportunity, &error);
  g_assert_no_error (error);
  if (rapport_pipeline_stage_get_kind (stage) == RAPPORT_STAGE_KIND_WON)
    g_assert_true (rapport_store_win_opportunity (f->t.db, rapport_opportunity_get_id (opportunity), &error));
  g_assert_no_error (error);

  return rapport_opportunity_get_id (opportunity);
}

static AdwMessageDialog *
take_message_dialog (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  /* The one on screen: those answered before may still be on the list. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        dialog = ADW_MESSAGE_DIALOG (window);
    }

  g_assert_nonnull (dialog);
  return dialog;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *window;

  test_db_open (&f->t);
  f->customer_id = shell_test_add_customer (f->t.db, "Oakwood Hardware", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);

  window = adw_preferences_window_new ();
  f->window = GTK_WINDOW (window);
  f->page = rapport_pipeline_prefs_page_new (f->t.session);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (f->page));
  gtk_window_present (f->window);
  shell_test_flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = shell_test_find_toplevel (GTK_TYPE_WINDOW, f->window)) != NULL)
    shell_test_destroy_window (dialog);
  shell_test_destroy_window (g_steal_pointer (&f->window));
  rapport_session_close (f->t.session);
  test_db_close (&f->t);
}

static void
test_edit_stage (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (RapportPipelineStage) stage = NULL;
  g_auto (GStrv) names = NULL;

  apply_entry (f, "Proposal", "Name", "Quotation");
  stage = stage_named (f, "Quotation");
  g_assert_nonnull (stage);
  g_clear_object (&stage);

  gtk_spin_button_set_value (find_spin (f, "Quotation", "Default Probability (%)"), 40);
  gtk_spin_button_set_value (find_spin (f, "Quotation", "Stalled After (Days)"), 21);
  stage = stage_named (f, "Quotation");
  g_assert_cmpint (rapport_pipeline_stage_get_probability (stage), ==, 40);
  g_assert_cmpint (rapport_pipeline_stage_get_stall_days (stage), ==, 21);

  click_stage_button (f, "Quotation", "Move Up");
  names = stage_names (f);
  g_assert_cmpstr (names[1], ==, "Quotation");
  g_assert_cmpstr (names[2], ==, "Needs Analysis");
}

static void
test_add_stage_and_reason (Fixture       *f,
                           gconstpointer  data)
{
  g_auto (GStrv) names = NULL;
  g_autoptr (GArray) reasons = NULL;
  gboolean found = FALSE;

  apply_entry (f, NULL, "Add a Stage", "Contract");
  names = stage_names (f);
  g_assert_cmpuint (g_strv_length (names), ==, 7);
  /* An open stage, before Won and Lost. */
  g_assert_cmpstr (names[4], ==, "Contract");
  g_assert_cmpstr (names[5], ==, "Won");

  apply_entry (f, NULL, "Add a Reason", "Timing");
  reasons = rapport_store_list_lost_reasons (f->t.db, NULL);
  for (guint i = 0; i < reasons->len; i++)
    found |= g_strcmp0 (g_array_index (reasons, RapportLostReason, i).name, "Timing") == 0;
  g_assert_true (found);
  /* The list shows it. */
  find_row (f, NULL, "Timing");
}

static void
test_delete_stage (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (RapportPipelineStage) negotiation = stage_named (f, "Negotiation");
  g_autoptr (RapportOpportunity) moved = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;
  g_auto (GStrv) names = NULL;
  gint64 id;

  /* Empty: gone at once. */
  click_stage_button (f, "Needs Analysis", "Delete Stage");
  g_assert_null (stage_named (f, "Needs Analysis"));

  /* Holding one: the user confirms where it goes. */
  id = add_opportunity (f, "Proposal");
  click_stage_button (f, "Proposal", "Delete Stage");
  dialog = take_message_dialog (f);
  drop_down = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  /* The other open stages: Qualification, Negotiation. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down))), ==, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 1);
  adw_message_dialog_response (dialog, "delete");
  shell_test_flush ();

  g_assert_null (stage_named (f, "Proposal"));
  moved = rapport_store_get_opportunity (f->t.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_opportunity_get_stage_id (moved), ==, rapport_pipeline_stage_get_id (negotiation));

  /* Cancelled: nothing happens. */
  click_stage_button (f, "Negotiation", "Delete Stage");
  adw_message_dialog_response (take_message_dialog (f), "cancel");
  shell_test_flush ();
  g_clear_object (&negotiation);
  negotiation = stage_named (f, "Negotiation");
  g_assert_nonnull (negotiation);

  /* The only Won stage holds a won deal: refused, with the reason. */
  add_opportunity (f, "Won");
  click_stage_button (f, "Won", "Delete Stage");
  dialog = take_message_dialog (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This Stage Cannot Be Deleted");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "no other stage of its kind"));
  adw_message_dialog_response (dialog, "close");
  shell_test_flush ();
  names = stage_names (f);
  g_assert_true (g_strv_contains ((const char * const *) names, "Won"));
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/pipeline-prefs/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("edit-stage", test_edit_stage);
  ADD ("add-stage-and-reason", test_add_stage_and_reason);
  ADD ("delete-stage", test_delete_stage);
#undef ADD

  return shell_test_run ();
}
