/* rapport-pipeline-column.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-pipeline-column"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-money.h"
#include "rapport-opportunity-card.h"
#include "rapport-pipeline-column.h"

/* GTK 4.8's list view makes up to 200 rows at once whatever it shows: a
 * column offers it its first cards and more as it scrolls near the end. */
#define FIRST_CARDS 10
#define MORE_CARDS 20

struct _RapportPipelineColumn
{
  GtkWidget                    parent_instance;

  GtkWidget                   *box;
  GtkLabel                    *name_label;
  GtkLabel                    *count_label;
  GtkLabel                    *totals_label;
  GtkListView                 *list_view;

  RapportPipelineStage        *stage;
  RapportOpportunityListModel *model;
  GtkSliceListModel           *shown;       /* the first cards of model */
  guint                        count;
  gint64                       focus_id;    /* a card to focus once drawn, or 0 */
  guint                        focus_tick_id;
  guint                        show_more_id;
};

G_DEFINE_FINAL_TYPE (RapportPipelineColumn, rapport_pipeline_column, GTK_TYPE_WIDGET)

enum
{
  OPPORTUNITY_DROPPED,
  OPPORTUNITY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_header (RapportPipelineColumn *self)
{
  g_autofree char *count = g_strdup_printf ("%u", self->count);
  g_autofree char *accessible = NULL;
  const char *name = rapport_pipeline_stage_get_name (self->stage);

  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->count_label, count);
  /* Translators: a board column for a screen reader: the stage and how many
   * opportunities it holds */
  accessible = g_strdup_printf (ngettext ("%s, %u opportunity", "%s, %u opportunities", self->count),
                                name, self->count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* Callbacks */

static gboolean
drop_cb (GtkDropTarget         *target,
         const GValue          *value,
         double                 x,
         double                 y,
         RapportPipelineColumn *self)
{
  RapportOpportunity *opportunity = g_value_get_object (value);

  if (opportunity == NULL)
    return FALSE;

  /* Dropped where it already is: nothing to do, and not a failure. */
  if (rapport_opportunity_get_stage_id (opportunity) == rapport_pipeline_stage_get_id (self->stage))
    return TRUE;

  g_signal_emit (self, signals[OPPORTUNITY_DROPPED], 0, opportunity);
  return TRUE;
}

static void
activate_cb (GtkListView           *list_view,
             guint                  position,
             RapportPipelineColumn *self)
{
  g_autoptr (RapportOpportunity) opportunity = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (opportunity != NULL)
    g_signal_emit (self, signals[OPPORTUNITY_ACTIVATED], 0, opportunity);
}

static void
show_more_if_near_end (RapportPipelineColumn *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  guint size = gtk_slice_list_model_get_size (self->shown);

  /* Within half a page of the last card shown. */
  if (size < g_list_model_get_n_items (G_LIST_MODEL (self->model)) && value + 1.5 * page >= upper)
    gtk_slice_list_model_set_size (self->shown, size + MORE_CARDS);
}

static gboolean
show_more_cb (gpointer user_data)
{
  RapportPipelineColumn *self = user_data;

  self->show_more_id = 0;
  show_more_if_near_end (self);

  return G_SOURCE_REMOVE;
}

static gboolean
show_first_cards_cb (gpointer user_data)
{
  RapportPipelineColumn *self = user_data;

  self->show_more_id = 0;
  if (gtk_slice_list_model_get_size (self->shown) < FIRST_CARDS)
    gtk_slice_list_model_set_size (self->shown, FIRST_CARDS);

  return G_SOURCE_REMOVE;
}

/* The list's size changed (it was laid out): whether it needs more cards is
 * looked at after the frame is drawn, not while it is being laid out, so the
 * board's first frame makes only its first cards. */
static void
list_resized_cb (RapportPipelineColumn *self)
{
  if (self->show_more_id == 0)
    self->show_more_id = g_idle_add_full (G_PRIORITY_LOW, show_more_cb, self, NULL);
}

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  RapportPipelineColumn *self = RAPPORT_PIPELINE_COLUMN (widget);

  /* The list view's rows are its children, each holding a card. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);
      RapportOpportunity *opportunity;

      if (!RAPPORT_IS_OPPORTUNITY_CARD (card) || !gtk_widget_get_child_visible (row))
        continue;

      opportunity = rapport_opportunity_card_get_opportunity (RAPPORT_OPPORTUNITY_CARD (card));
      if (opportunity != NULL && rapport_opportunity_get_id (opportunity) == self->focus_id)
        {
          gtk_widget_grab_focus (row);
          break;
        }
    }

  self->focus_id = 0;
  self->focus_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* GObject */

static void
rapport_pipeline_column_dispose (GObject *object)
{
  RapportPipelineColumn *self = RAPPORT_PIPELINE_COLUMN (object);

  if (self->focus_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick_id);
  self->focus_tick_id = 0;
  g_clear_handle_id (&self->show_more_id, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->stage);
  g_clear_object (&self->model);
  g_clear_object (&self->shown);

  G_OBJECT_CLASS (rapport_pipeline_column_parent_class)->dispose (object);
}

static void
rapport_pipeline_column_class_init (RapportPipelineColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_pipeline_column_dispose;

  signals[OPPORTUNITY_DROPPED] =
    g_signal_new ("opportunity-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RAPPORT_TYPE_OPPORTUNITY);
  signals[OPPORTUNITY_ACTIVATED] =
    g_signal_new ("opportunity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RAPPORT_TYPE_OPPORTUNITY);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pipeline-column");
}

/* Built in code, not from a template: the board makes a column per stage
 * while the user waits for its first frame. */
static void
build_column (RapportPipelineColumn *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_widget_set_size_request (GTK_WIDGET (self), 272, -1);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_set_margin_top (header, 10);
  gtk_widget_set_margin_bottom (header, 8);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);

  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0.0f);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
  gtk_box_append (GTK_BOX (title), GTK_WIDGET (self->name_label));

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->count_label), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "rapport-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");
  gtk_box_append (GTK_BOX (title), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (header), title);

  /* One line per currency, each ellipsized rather than wrapped. */
  self->totals_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->totals_label, 0.0f);
  gtk_label_set_ellipsize (self->totals_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->totals_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->totals_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->totals_label), "numeric");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->totals_label));
  gtk_box_append (GTK_BOX (self->box), header);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "pipeline-cards");
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list_view));
  gtk_box_append (GTK_BOX (self->box), scroller);
}

static void
rapport_pipeline_column_init (RapportPipelineColumn *self)
{
  GtkDropTarget *target;

  build_column (self);

  target = gtk_drop_target_new (RAPPORT_TYPE_OPPORTUNITY, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect_swapped (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), "value-changed",
                            G_CALLBACK (show_more_if_near_end), self);
  g_signal_connect_swapped (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), "changed",
                            G_CALLBACK (list_resized_cb), self);
}

/* Public API */

GtkWidget *
rapport_pipeline_column_new (RapportPipelineStage        *stage,
                             RapportOpportunityListModel *model,
                             GtkListItemFactory          *factory)
{
  RapportPipelineColumn *self;
  g_autoptr (GtkNoSelection) selection = NULL;

  g_return_val_if_fail (RAPPORT_IS_PIPELINE_STAGE (stage), NULL);
  g_return_val_if_fail (RAPPORT_IS_OPPORTUNITY_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_LIST_ITEM_FACTORY (factory), NULL);

  self = g_object_new (RAPPORT_TYPE_PIPELINE_COLUMN, NULL);
  self->stage = g_object_ref (stage);
  self->model = g_object_ref (model);
  self->count = g_list_model_get_n_items (G_LIST_MODEL (model));
  self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (model)), 0, FIRST_CARDS);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_header (self);

  return GTK_WIDGET (self);
}

RapportPipelineStage *
rapport_pipeline_column_get_stage (RapportPipelineColumn *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_COLUMN (self), NULL);

  return self->stage;
}

RapportOpportunityListModel *
rapport_pipeline_column_get_model (RapportPipelineColumn *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_COLUMN (self), NULL);

  return self->model;
}

void
rapport_pipeline_column_defer_cards (RapportPipelineColumn *self)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_COLUMN (self));

  gtk_slice_list_model_set_size (self->shown, 0);
  g_clear_handle_id (&self->show_more_id, g_source_remove);
  self->show_more_id = g_idle_add_full (G_PRIORITY_LOW, show_first_cards_cb, self, NULL);
}

GtkListView *
rapport_pipeline_column_get_list_view (RapportPipelineColumn *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_COLUMN (self), NULL);

  return self->list_view;
}

void
rapport_pipeline_column_set_totals (RapportPipelineColumn *self,
                                    GArray                *totals)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gint64 stage_id;

  g_return_if_fail (RAPPORT_IS_PIPELINE_COLUMN (self));

  stage_id = rapport_pipeline_stage_get_id (self->stage);
  self->count = 0;
  for (guint i = 0; totals != NULL && i < totals->len; i++)
    {
      const RapportPipelineTotal *total = &g_array_index (totals, RapportPipelineTotal, i);
      g_autofree char *sum = NULL;
      g_autofree char *weighted = NULL;

      if (total->stage_id != stage_id)
        continue;

      sum = rapport_money_format (total->total, total->currency);
      weighted = rapport_money_format (total->weighted, total->currency);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a board column's total in one currency and its weighted
       * total (amount × probability): "¥1,200.00 · weighted ¥360.00" */
      g_string_append_printf (text, _("%s · weighted %s"), sum, weighted);
      self->count += total->count;
    }

  gtk_label_set_text (self->totals_label, text->len > 0 ? text->str : _("No opportunities"));
  update_header (self);
}

guint
rapport_pipeline_column_get_count (RapportPipelineColumn *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_COLUMN (self), 0);

  return self->count;
}

char *
rapport_pipeline_column_dup_totals_text (RapportPipelineColumn *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_COLUMN (self), NULL);

  return g_strdup (gtk_label_get_text (self->totals_label));
}

void
rapport_pipeline_column_focus_opportunity (RapportPipelineColumn *self,
                                           gint64                 id)
{
  guint position;

  g_return_if_fail (RAPPORT_IS_PIPELINE_COLUMN (self));

  position = rapport_opportunity_list_model_find (self->model, id);
  if (position == G_MAXUINT)
    return;

  if (position >= gtk_slice_list_model_get_size (self->shown))
    gtk_slice_list_model_set_size (self->shown, position + MORE_CARDS);

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  self->focus_id = id;
  if (self->focus_tick_id == 0)
    self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick_cb, NULL, NULL);
}
