/* rapport-pipeline-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-pipeline-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-change-bus.h"
#include "rapport-compat.h"
#include "rapport-money.h"
#include "rapport-opportunity-actions.h"
#include "rapport-opportunity-card.h"
#include "rapport-pipeline-page.h"
#include "rapport-staff-filter.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"

/* Past this many opportunities changed at once (a handover, an import), every
 * column is read again rather than each one looked up. */
#define MAX_CHANGES_LOOKED_UP 50

/* A column's width and the space between them (rapport-pipeline-column.c,
 * the template's board box). */
#define COLUMN_WIDTH 272
#define COLUMN_SPACING 12

/* The list view's columns. */
typedef enum
{
  LIST_TITLE,
  LIST_CUSTOMER,
  LIST_STAGE,
  LIST_AMOUNT,
  LIST_CLOSE,
  LIST_AGE,
  LIST_OWNER,
  N_LIST_COLUMNS
} ListColumn;

struct _RapportPipelinePage
{
  AdwBin                       parent_instance;

  AdwHeaderBar                *header_bar;
  AdwViewSwitcherTitle        *switcher_title;
  GtkButton                   *back_button;
  GtkBox                      *owner_box;
  GtkStack                    *stack;
  AdwViewStack                *view_stack;
  GtkScrolledWindow           *board_scroller;
  GtkBox                      *board_box;
  GtkColumnView               *column_view;
  AdwStatusPage               *empty_page;

  RapportSession              *session;
  RapportDatabase             *db;            /* the session's */
  GSignalGroup                *bus_signals;
  GListModel                  *stages;        /* RapportPipelineStage */
  GPtrArray                   *columns;       /* RapportPipelineColumn, borrowed from board_box */
  GtkListItemFactory          *card_factory;
  RapportOpportunityListModel *list_model;    /* the list view's, once shown */
  GHashTable                  *owner_names;   /* user id → name */
  AdwToast                    *move_toast;    /* the last "moved" toast, replaced by the next */
  gint64                       owner_id;
  gboolean                     loaded;
  gboolean                     show_back_button;

  /* Which list column the column view sorts by: GTK 4.8 has no API to ask,
   * so its sorter compares two probes and the column's sorter says. */
  RapportOpportunity          *probe;
  RapportOpportunity          *other_probe;
  int                          probed_column;
};

G_DEFINE_FINAL_TYPE (RapportPipelinePage, rapport_pipeline_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_BACK_BUTTON,
  PROP_OWNER_FILTER,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
show_error_toast (RapportPipelinePage *self,
                  const GError        *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  rapport_widget_add_toast (GTK_WIDGET (self), toast);
}

static RapportPipelineStage *
find_stage (RapportPipelinePage *self,
            gint64               stage_id)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      RapportPipelineStage *stage = rapport_pipeline_column_get_stage (g_ptr_array_index (self->columns, i));

      if (rapport_pipeline_stage_get_id (stage) == stage_id)
        return stage;
    }
  return NULL;
}

static RapportPipelineColumn *
find_column (RapportPipelinePage *self,
             gint64               stage_id,
             guint               *out_position)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      RapportPipelineColumn *column = g_ptr_array_index (self->columns, i);

      if (rapport_pipeline_stage_get_id (rapport_pipeline_column_get_stage (column)) == stage_id)
        {
          if (out_position != NULL)
            *out_position = i;
          return column;
        }
    }
  return NULL;
}

static const char *
stage_name (RapportPipelinePage *self,
            gint64               stage_id)
{
  RapportPipelineStage *stage = find_stage (self, stage_id);

  return stage != NULL ? rapport_pipeline_stage_get_name (stage) : "";
}

/* The owner shown on a card: none for the default user, who owns most. */
static const char *
owner_name (RapportPipelinePage *self,
            gint64               owner_id)
{
  char *name;

  if (owner_id == 0 || self->db == NULL)
    return NULL;

  name = g_hash_table_lookup (self->owner_names, &owner_id);
  if (name == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = owner_id;
      name = rapport_store_get_user_name (self->db, owner_id, NULL);
      g_hash_table_insert (self->owner_names, key, name != NULL ? name : g_strdup (""));
      name = g_hash_table_lookup (self->owner_names, &owner_id);
    }
  return name[0] != '\0' ? name : NULL;
}

static GMenuModel *
create_card_menu (RapportPipelinePage *self,
                  RapportOpportunity  *opportunity)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) open_section = g_menu_new ();
  g_autoptr (GMenu) move_to = g_menu_new ();
  g_autoptr (GMenu) close_section = g_menu_new ();
  gint64 id = rapport_opportunity_get_id (opportunity);
  gint64 stage_id = rapport_opportunity_get_stage_id (opportunity);
  g_autoptr (GMenuItem) open = g_menu_item_new (_("_Open"), NULL);

  g_menu_item_set_action_and_target_value (open, "pipeline.open", g_variant_new_int64 (id));
  g_menu_append_item (open_section, open);

  for (guint i = 0; i < self->columns->len; i++)
    {
      RapportPipelineStage *stage = rapport_pipeline_column_get_stage (g_ptr_array_index (self->columns, i));
      g_autoptr (GMenuItem) item = NULL;

      if (rapport_pipeline_stage_get_id (stage) == stage_id)
        continue;

      item = g_menu_item_new (rapport_pipeline_stage_get_name (stage), NULL);
      g_menu_item_set_action_and_target_value (item, "pipeline.move",
                                               g_variant_new ("(xx)", id, rapport_pipeline_stage_get_id (stage)));
      g_menu_append_item (move_to, item);
    }
  g_menu_append_submenu (open_section, _("_Move To"), G_MENU_MODEL (move_to));

  if (rapport_opportunity_is_closed (opportunity))
    {
      g_autoptr (GMenuItem) reopen = g_menu_item_new (_("_Reopen…"), NULL);

      g_menu_item_set_action_and_target_value (reopen, "pipeline.reopen", g_variant_new_int64 (id));
      g_menu_append_item (close_section, reopen);
    }
  else
    {
      g_autoptr (GMenuItem) win = g_menu_item_new (_("Mark _Won"), NULL);
      g_autoptr (GMenuItem) lose = g_menu_item_new (_("Mark _Lost…"), NULL);

      g_menu_item_set_action_and_target_value (win, "pipeline.win", g_variant_new_int64 (id));
      g_menu_item_set_action_and_target_value (lose, "pipeline.lose", g_variant_new_int64 (id));
      g_menu_append_item (close_section, win);
      g_menu_append_item (close_section, lose);
    }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (open_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (close_section));

  return G_MENU_MODEL (menu);
}

static void
update_empty (RapportPipelinePage *self)
{
  guint n = 0;

  for (guint i = 0; i < self->columns->len; i++)
    n += rapport_pipeline_column_get_count (g_ptr_array_index (self->columns, i));

  if (self->owner_id != RAPPORT_PIPELINE_ANY_OWNER)
    adw_status_page_set_description (self->empty_page, _("Nobody’s opportunities match this owner."));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("Open a customer and choose Add Opportunity: its deals then show here, "
                                       "one column per stage."));

  gtk_stack_set_visible_child_name (self->stack, n > 0 || !self->loaded ? "views" : "empty");
}

static void
update_totals (RapportPipelinePage *self)
{
  g_autoptr (GArray) totals = NULL;
  g_autoptr (GError) error = NULL;

  totals = rapport_store_get_owner_pipeline_totals (self->db, self->owner_id, &error);
  if (totals == NULL)
    g_warning ("Could not read the pipeline’s totals: %s", error->message);

  for (guint i = 0; i < self->columns->len; i++)
    rapport_pipeline_column_set_totals (g_ptr_array_index (self->columns, i), totals);

  update_empty (self);
}

static void
clear_board (RapportPipelinePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->board_box))) != NULL)
    gtk_box_remove (self->board_box, child);
  g_ptr_array_set_size (self->columns, 0);
  g_clear_object (&self->stages);
}

static void move_to_stage (RapportPipelinePage *self,
                           RapportOpportunity  *opportunity,
                           gint64               stage_id,
                           gboolean             from_keyboard);

static void
column_dropped_cb (RapportPipelineColumn *column,
                   RapportOpportunity    *opportunity,
                   RapportPipelinePage   *self)
{
  move_to_stage (self, opportunity,
                 rapport_pipeline_stage_get_id (rapport_pipeline_column_get_stage (column)), FALSE);
}

static void
column_activated_cb (RapportPipelineColumn *column,
                     RapportOpportunity    *opportunity,
                     RapportPipelinePage   *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pipeline.open", "x", rapport_opportunity_get_id (opportunity));
}

static void
load_board (RapportPipelinePage *self)
{
  g_autoptr (GError) error = NULL;
  GtkRoot *root;
  int room;
  guint n;

  clear_board (self);
  if (self->db == NULL)
    return;

  self->stages = rapport_store_list_pipeline_stages (self->db, &error);
  if (self->stages == NULL)
    {
      g_warning ("Could not read the pipeline’s stages: %s", error->message);
      return;
    }

  /* The columns past the window's width get their cards after the first
   * frame: they would be made for nothing in it. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  room = root != NULL ? gtk_widget_get_width (GTK_WIDGET (root)) : 0;

  n = g_list_model_get_n_items (self->stages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (self->stages, i);
      g_autoptr (RapportOpportunityListModel) model = NULL;
      GtkWidget *column;

      model = rapport_opportunity_list_model_new_for_stage (self->db, rapport_pipeline_stage_get_id (stage),
                                                            self->owner_id);
      column = rapport_pipeline_column_new (stage, model, self->card_factory);
      g_signal_connect_object (column, "opportunity-dropped", G_CALLBACK (column_dropped_cb), self, 0);
      g_signal_connect_object (column, "opportunity-activated", G_CALLBACK (column_activated_cb), self, 0);
      if (room > 0 && (int) i * (COLUMN_WIDTH + COLUMN_SPACING) > room)
        rapport_pipeline_column_defer_cards (RAPPORT_PIPELINE_COLUMN (column));
      gtk_box_append (self->board_box, column);
      g_ptr_array_add (self->columns, column);
    }

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  update_totals (self);

  if (self->list_model != NULL)
    rapport_opportunity_list_model_reload (self->list_model, NULL, NULL);
}

/* Re-reads the columns that held or now hold one of @ids, and the totals. */
static void
refresh_opportunities (RapportPipelinePage *self,
                       GArray              *ids)
{
  g_autoptr (GPtrArray) affected = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < self->columns->len; i++)
    {
      RapportPipelineColumn *column = g_ptr_array_index (self->columns, i);
      RapportOpportunityListModel *model = rapport_pipeline_column_get_model (column);

      for (guint j = 0; j < ids->len; j++)
        if (ids->len > MAX_CHANGES_LOOKED_UP ||
            rapport_opportunity_list_model_contains (model, g_array_index (ids, gint64, j)))
          {
            g_ptr_array_add (affected, column);
            break;
          }
    }

  for (guint j = 0; ids->len <= MAX_CHANGES_LOOKED_UP && j < ids->len; j++)
    {
      g_autoptr (RapportOpportunity) opportunity = NULL;
      g_autoptr (GError) lookup_error = NULL;
      RapportPipelineColumn *column;

      opportunity = rapport_store_get_opportunity (self->db, g_array_index (ids, gint64, j), &lookup_error);
      if (opportunity == NULL || rapport_opportunity_get_deleted_at (opportunity) != 0)
        continue;

      column = find_column (self, rapport_opportunity_get_stage_id (opportunity), NULL);
      if (column != NULL && !g_ptr_array_find (affected, column, NULL))
        g_ptr_array_add (affected, column);
    }

  for (guint i = 0; i < affected->len; i++)
    {
      RapportOpportunityListModel *model = rapport_pipeline_column_get_model (g_ptr_array_index (affected, i));

      if (!rapport_opportunity_list_model_reload (model, ids, &error))
        {
          g_warning ("Could not read a pipeline column: %s", error->message);
          g_clear_error (&error);
        }
    }

  if (self->list_model != NULL && !rapport_opportunity_list_model_reload (self->list_model, ids, &error))
    g_warning ("Could not read the open opportunities: %s", error->message);

  update_totals (self);
}

/* A customer renamed: the cards showing its name. */
static void
refresh_customer (RapportPipelinePage *self,
                  gint64               customer_id)
{
  for (guint i = 0; i < self->columns->len; i++)
    rapport_opportunity_list_model_refresh_customer (
      rapport_pipeline_column_get_model (g_ptr_array_index (self->columns, i)), customer_id);
  if (self->list_model != NULL)
    rapport_opportunity_list_model_refresh_customer (self->list_model, customer_id);
}

static void
announce_move (RapportPipelinePage *self,
               RapportOpportunity  *opportunity,
               gint64               stage_id)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  /* Translators: after a card was moved; the opportunity's title and the stage */
  message = g_strdup_printf (_("Moved “%s” to %s"), rapport_opportunity_get_title (opportunity),
                             stage_name (self, stage_id));
  rapport_compat_announce (GTK_WIDGET (self), message);

  if (self->move_toast != NULL)
    adw_toast_dismiss (self->move_toast);
  escaped = g_markup_escape_text (message, -1);
  g_set_object (&self->move_toast, adw_toast_new (escaped));
  adw_toast_set_timeout (self->move_toast, 3);
  rapport_widget_add_toast (GTK_WIDGET (self), g_object_ref (self->move_toast));
}

static void
move_to_stage (RapportPipelinePage *self,
               RapportOpportunity  *opportunity,
               gint64               stage_id,
               gboolean             from_keyboard)
{
  g_autoptr (GError) error = NULL;
  RapportPipelineStage *stage = find_stage (self, stage_id);
  RapportPipelineColumn *column;
  gint64 id = rapport_opportunity_get_id (opportunity);
  gboolean moved;

  if (stage == NULL || self->session == NULL || self->db == NULL)
    return;

  /* Won and Lost close it: the shared actions offer the order, ask the
   * reason. */
  switch (rapport_pipeline_stage_get_kind (stage))
    {
    case RAPPORT_STAGE_KIND_WON:
      rapport_opportunity_actions_win (GTK_WIDGET (self), self->session, id);
      return;

    case RAPPORT_STAGE_KIND_LOST:
      rapport_opportunity_actions_lose (GTK_WIDGET (self), self->session, id);
      return;

    case RAPPORT_STAGE_KIND_OPEN:
    default:
      break;
    }

  if (rapport_opportunity_is_closed (opportunity))
    moved = rapport_store_reopen_opportunity (self->db, id, stage_id, &error);
  else
    moved = rapport_store_move_opportunity (self->db, id, stage_id, &error);

  if (!moved)
    {
      show_error_toast (self, error);
      return;
    }

  announce_move (self, opportunity, stage_id);

  /* The change bus has re-read the columns: the card's focus follows it. */
  column = find_column (self, stage_id, NULL);
  if (from_keyboard && column != NULL)
    rapport_pipeline_column_focus_opportunity (column, id);
}

/* The card that has the keyboard focus, or is an ancestor of it. */
static RapportOpportunityCard *
find_focused_card (RapportPipelinePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->board_box)))
    return NULL;

  /* A list view's row holds the focus and the card is its child. */
  child = gtk_widget_get_first_child (focus);
  if (RAPPORT_IS_OPPORTUNITY_CARD (child))
    return RAPPORT_OPPORTUNITY_CARD (child);

  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (RAPPORT_IS_OPPORTUNITY_CARD (widget))
      return RAPPORT_OPPORTUNITY_CARD (widget);

  return NULL;
}

static void
move_focused (RapportPipelinePage *self,
              int                  step)
{
  RapportOpportunityCard *card = find_focused_card (self);
  RapportOpportunity *opportunity;
  guint position;

  if (card == NULL || (opportunity = rapport_opportunity_card_get_opportunity (card)) == NULL)
    return;

  if (find_column (self, rapport_opportunity_get_stage_id (opportunity), &position) == NULL)
    return;

  if ((step < 0 && position == 0) || (step > 0 && position + 1 >= self->columns->len))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  {
    g_autoptr (RapportOpportunity) held = g_object_ref (opportunity);
    RapportPipelineColumn *target = g_ptr_array_index (self->columns, position + step);

    move_to_stage (self, held, rapport_pipeline_stage_get_id (rapport_pipeline_column_get_stage (target)), TRUE);
  }
}

/* The list view */

static char *
format_stage_age (RapportPipelinePage *self,
                  RapportOpportunity  *opportunity)
{
  gint64 now = rapport_clock_now (rapport_session_get_clock (self->session));
  gint64 entered = rapport_opportunity_get_stage_entered_at (opportunity);
  int days = entered > 0 && now > entered ? (int) ((now - entered) / 86400) : 0;

  /* Translators: how long an opportunity has been in its stage */
  return g_strdup_printf (ngettext ("%d day", "%d days", days), days);
}

static char *
list_cell_text (RapportPipelinePage *self,
                RapportOpportunity  *opportunity,
                ListColumn           column)
{
  const char *text = NULL;

  switch (column)
    {
    case LIST_TITLE:
      text = rapport_opportunity_get_title (opportunity);
      break;

    case LIST_CUSTOMER:
      text = rapport_opportunity_get_customer_name (opportunity);
      break;

    case LIST_STAGE:
      text = stage_name (self, rapport_opportunity_get_stage_id (opportunity));
      break;

    case LIST_AMOUNT:
      if (rapport_opportunity_get_currency (opportunity) == NULL)
        return g_strdup ("");
      return rapport_money_format (rapport_opportunity_get_amount (opportunity),
                                   rapport_opportunity_get_currency (opportunity));

    case LIST_CLOSE:
      text = rapport_opportunity_get_expected_close (opportunity);
      break;

    case LIST_AGE:
      return format_stage_age (self, opportunity);

    case LIST_OWNER:
      text = owner_name (self, rapport_opportunity_get_owner_id (opportunity));
      if (text == NULL)
        {
          g_autofree char *me = self->db != NULL ? rapport_store_get_user_name (self->db, 0, NULL) : NULL;
          return g_steal_pointer (&me);
        }
      break;

    case N_LIST_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return g_strdup (text != NULL ? text : "");
}

static void
list_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  ListColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "list-column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == LIST_AMOUNT ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == LIST_AMOUNT || column == LIST_CLOSE || column == LIST_AGE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
list_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   RapportPipelinePage      *self)
{
  ListColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "list-column"));
  RapportOpportunity *opportunity = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  GtkWidget *label = gtk_list_item_get_child (item);

  if (opportunity == NULL || self->session == NULL)
    return;

  text = list_cell_text (self, opportunity, column);
  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == LIST_CLOSE && rapport_opportunity_is_overdue (opportunity, rapport_session_get_clock (self->session)))
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  RapportPipelinePage *self = g_object_get_data (G_OBJECT (user_data), "pipeline-page");

  self->probed_column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (user_data), "list-column"));
  return GTK_ORDERING_SMALLER;
}

static void
list_sorter_changed_cb (RapportPipelinePage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  RapportOpportunitySort sort = RAPPORT_OPPORTUNITY_SORT_EXPECTED_CLOSE;
  GtkOrdering order;

  if (self->list_model == NULL || self->column_view == NULL)
    return;

  self->probed_column = -1;
  order = gtk_sorter_compare (sorter, self->probe, self->other_probe);
  if (self->probed_column == LIST_AMOUNT)
    sort = RAPPORT_OPPORTUNITY_SORT_AMOUNT;
  else if (self->probed_column == LIST_AGE)
    sort = RAPPORT_OPPORTUNITY_SORT_STAGE_AGE;

  rapport_opportunity_list_model_set_sort (self->list_model, sort, order == GTK_ORDERING_LARGER);
}

static void
setup_list_columns (RapportPipelinePage *self)
{
  static const struct
  {
    ListColumn  column;
    const char *title;
    gboolean    expand;
    gboolean    sortable;
  } list_columns[] = {
    { LIST_TITLE, N_("Title"), TRUE, FALSE },
    { LIST_CUSTOMER, N_("Customer"), TRUE, FALSE },
    { LIST_STAGE, N_("Stage"), FALSE, FALSE },
    { LIST_AMOUNT, N_("Amount"), FALSE, TRUE },
    { LIST_CLOSE, N_("Expected Close"), FALSE, TRUE },
    { LIST_AGE, N_("In Stage"), FALSE, TRUE },
    { LIST_OWNER, N_("Owner"), FALSE, FALSE },
  };
  GtkColumnViewColumn *close_column = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (list_columns); i++)
    {
      g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "list-column", GINT_TO_POINTER (list_columns[i].column));
      g_signal_connect (factory, "setup", G_CALLBACK (list_cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (list_cell_bind_cb), self);
      column = gtk_column_view_column_new (_(list_columns[i].title), g_object_ref (factory));
      gtk_column_view_column_set_expand (column, list_columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (list_columns[i].sortable)
        {
          GtkCustomSorter *sorter = gtk_custom_sorter_new (NULL, NULL, NULL);

          /* The compare function finds the page and the column on the sorter. */
          g_object_set_data (G_OBJECT (sorter), "pipeline-page", self);
          g_object_set_data (G_OBJECT (sorter), "list-column", GINT_TO_POINTER (list_columns[i].column));
          gtk_custom_sorter_set_sort_func (sorter, probe_compare_cb, sorter, NULL);
          gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
          g_object_unref (sorter);
        }
      if (list_columns[i].column == LIST_CLOSE)
        close_column = column;
      gtk_column_view_append_column (self->column_view, column);
    }

  gtk_column_view_sort_by_column (self->column_view, close_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (list_sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
ensure_list_model (RapportPipelinePage *self)
{
  g_autoptr (GtkNoSelection) selection = NULL;

  if (self->list_model != NULL || self->db == NULL)
    return;

  self->list_model = rapport_opportunity_list_model_new_open (self->db, RAPPORT_OPPORTUNITY_SORT_EXPECTED_CLOSE,
                                                              FALSE, self->owner_id);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  list_sorter_changed_cb (self);
}

/* Callbacks */

static void
owner_filter_changed_cb (RapportPipelinePage *self,
                         GParamSpec          *pspec,
                         RapportStaffFilter  *filter)
{
  rapport_pipeline_page_set_owner_filter (self, rapport_staff_filter_get_user_id (filter));
}

static void
set_up_owner_filter (RapportPipelinePage *self)
{
  GtkWidget *child;
  GtkWidget *filter;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->owner_box))) != NULL)
    gtk_box_remove (self->owner_box, child);

  if (self->db == NULL)
    return;

  /* RAPPORT_STAFF_FILTER_EVERYONE is RAPPORT_PIPELINE_ANY_OWNER and owner
   * mode's 0 the default user, as here. */
  filter = rapport_staff_filter_new (self->db, RAPPORT_STAFF_PICK_OWNER);
  rapport_staff_filter_set_user_id (RAPPORT_STAFF_FILTER (filter), self->owner_id);
  g_signal_connect_object (filter, "notify::user-id", G_CALLBACK (owner_filter_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->owner_box, filter);
}

static GMenuModel *
card_menu_cb (RapportOpportunityCard *card,
              gpointer                user_data)
{
  return create_card_menu (RAPPORT_PIPELINE_PAGE (user_data), rapport_opportunity_card_get_opportunity (card));
}

static void
card_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               RapportPipelinePage      *self)
{
  GtkWidget *card = rapport_opportunity_card_new ();

  rapport_opportunity_card_set_menu_func (RAPPORT_OPPORTUNITY_CARD (card), card_menu_cb, self);
  gtk_list_item_set_child (item, card);
}

static void
card_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RapportPipelinePage      *self)
{
  RapportOpportunityCard *card = RAPPORT_OPPORTUNITY_CARD (gtk_list_item_get_child (item));
  RapportOpportunity *opportunity = gtk_list_item_get_item (item);

  if (opportunity == NULL || self->session == NULL)
    return;

  rapport_opportunity_card_set_opportunity (card, opportunity, rapport_session_get_clock (self->session),
                                            stage_name (self, rapport_opportunity_get_stage_id (opportunity)),
                                            owner_name (self, rapport_opportunity_get_owner_id (opportunity)));
}

static void
changes_cb (RapportPipelinePage *self,
            GArray              *changes)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!self->loaded)
    return;

  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      /* The stages are the columns; a bulk change may touch anything. */
      if (change->kind == RAPPORT_ENTITY_KIND_PIPELINE_STAGE ||
          (change->change == RAPPORT_CHANGE_RELOADED &&
           (change->kind == RAPPORT_ENTITY_KIND_OPPORTUNITY || change->kind == RAPPORT_ENTITY_KIND_CUSTOMER)))
        {
          load_board (self);
          return;
        }

      if (change->kind == RAPPORT_ENTITY_KIND_USER)
        g_hash_table_remove_all (self->owner_names);
      else if (change->kind == RAPPORT_ENTITY_KIND_OPPORTUNITY)
        g_array_append_val (ids, change->id);
      else if (change->kind == RAPPORT_ENTITY_KIND_CUSTOMER && change->change == RAPPORT_CHANGE_UPDATED)
        refresh_customer (self, change->id);
    }

  if (ids->len > 0)
    refresh_opportunities (self, ids);
}

static void
view_changed_cb (RapportPipelinePage *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "list") == 0)
    ensure_list_model (self);
}

static void
list_activate_cb (RapportPipelinePage *self,
                  guint                position)
{
  g_autoptr (RapportOpportunity) opportunity = NULL;

  if (self->list_model == NULL)
    return;

  opportunity = g_list_model_get_item (G_LIST_MODEL (self->list_model), position);
  if (opportunity != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "pipeline.open", "x", rapport_opportunity_get_id (opportunity));
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportPipelinePage *self = RAPPORT_PIPELINE_PAGE (widget);

  if (self->session != NULL)
    rapport_opportunity_actions_open (widget, self->session, 0, g_variant_get_int64 (parameter));
}

static void
win_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportPipelinePage *self = RAPPORT_PIPELINE_PAGE (widget);

  if (self->session != NULL)
    rapport_opportunity_actions_win (widget, self->session, g_variant_get_int64 (parameter));
}

static void
lose_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportPipelinePage *self = RAPPORT_PIPELINE_PAGE (widget);

  if (self->session != NULL)
    rapport_opportunity_actions_lose (widget, self->session, g_variant_get_int64 (parameter));
}

static void
reopen_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportPipelinePage *self = RAPPORT_PIPELINE_PAGE (widget);

  if (self->session != NULL)
    rapport_opportunity_actions_reopen (widget, self->session, g_variant_get_int64 (parameter));
}

static void
move_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportPipelinePage *self = RAPPORT_PIPELINE_PAGE (widget);
  g_autoptr (RapportOpportunity) opportunity = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id, stage_id;

  if (self->db == NULL)
    return;

  g_variant_get (parameter, "(xx)", &id, &stage_id);
  opportunity = rapport_store_get_opportunity (self->db, id, &error);
  if (opportunity == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  /* From the card's menu, which had the focus: it follows the card. */
  move_to_stage (self, opportunity, stage_id, TRUE);
}

static void
move_left_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_focused (RAPPORT_PIPELINE_PAGE (widget), gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? 1 : -1);
}

static void
move_right_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_focused (RAPPORT_PIPELINE_PAGE (widget), gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? -1 : 1);
}

/* GtkWidget */

static void
rapport_pipeline_page_map (GtkWidget *widget)
{
  RapportPipelinePage *self = RAPPORT_PIPELINE_PAGE (widget);

  /* Read when first shown, not when the window opens on another section. */
  if (!self->loaded && self->db != NULL)
    load_board (self);

  GTK_WIDGET_CLASS (rapport_pipeline_page_parent_class)->map (widget);
}

/* GObject */

static void
rapport_pipeline_page_dispose (GObject *object)
{
  RapportPipelinePage *self = RAPPORT_PIPELINE_PAGE (object);

  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);
  /* Taking the column view down removes its columns, which changes its sorter. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          list_sorter_changed_cb, self);
  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);
  g_clear_object (&self->list_model);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_PIPELINE_PAGE);
  g_clear_object (&self->stages);
  g_clear_object (&self->card_factory);
  g_clear_object (&self->move_toast);
  g_clear_object (&self->probe);
  g_clear_object (&self->other_probe);
  self->db = NULL;
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rapport_pipeline_page_parent_class)->dispose (object);
}

static void
rapport_pipeline_page_finalize (GObject *object)
{
  RapportPipelinePage *self = RAPPORT_PIPELINE_PAGE (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->owner_names, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_pipeline_page_parent_class)->finalize (object);
}

static void
rapport_pipeline_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportPipelinePage *self = RAPPORT_PIPELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    case PROP_OWNER_FILTER:
      g_value_set_int64 (value, self->owner_id);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_pipeline_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportPipelinePage *self = RAPPORT_PIPELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_pipeline_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      rapport_pipeline_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    case PROP_OWNER_FILTER:
      rapport_pipeline_page_set_owner_filter (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_pipeline_page_class_init (RapportPipelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_pipeline_page_dispose;
  object_class->finalize = rapport_pipeline_page_finalize;
  object_class->get_property = rapport_pipeline_page_get_property;
  object_class->set_property = rapport_pipeline_page_set_property;

  widget_class->map = rapport_pipeline_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OWNER_FILTER] =
    g_param_spec_int64 ("owner-filter", NULL, NULL, RAPPORT_PIPELINE_ANY_OWNER, G_MAXINT64,
                        RAPPORT_PIPELINE_ANY_OWNER,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/rapport-pipeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportPipelinePage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportPipelinePage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RapportPipelinePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportPipelinePage, owner_box);
  gtk_widget_class_bind_template_child (widget_class, RapportPipelinePage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportPipelinePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportPipelinePage, board_scroller);
  gtk_widget_class_bind_template_child (widget_class, RapportPipelinePage, board_box);
  gtk_widget_class_bind_template_child (widget_class, RapportPipelinePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RapportPipelinePage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  G_STATIC_ASSERT (RAPPORT_STAFF_FILTER_EVERYONE == RAPPORT_PIPELINE_ANY_OWNER);

  gtk_widget_class_install_action (widget_class, "pipeline.open", "x", open_action_cb);
  gtk_widget_class_install_action (widget_class, "pipeline.win", "x", win_action_cb);
  gtk_widget_class_install_action (widget_class, "pipeline.lose", "x", lose_action_cb);
  gtk_widget_class_install_action (widget_class, "pipeline.reopen", "x", reopen_action_cb);
  gtk_widget_class_install_action (widget_class, "pipeline.move", "(xx)", move_action_cb);
  gtk_widget_class_install_action (widget_class, "pipeline.move-left", NULL, move_left_action_cb);
  gtk_widget_class_install_action (widget_class, "pipeline.move-right", NULL, move_right_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "pipeline.move-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "pipeline.move-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "pipeline.move-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK, "pipeline.move-right", NULL);
}

static void
rapport_pipeline_page_init (RapportPipelinePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->owner_id = RAPPORT_PIPELINE_ANY_OWNER;
  self->columns = g_ptr_array_new ();
  self->owner_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->probe = rapport_opportunity_new ();
  self->other_probe = rapport_opportunity_new ();

  self->card_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (self->card_factory, "setup", G_CALLBACK (card_setup_cb), self);
  g_signal_connect (self->card_factory, "bind", G_CALLBACK (card_bind_cb), self);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  setup_list_columns (self);
}

/* Public API */

GtkWidget *
rapport_pipeline_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_PIPELINE_PAGE, NULL);
}

RapportSession *
rapport_pipeline_page_get_session (RapportPipelinePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_PAGE (self), NULL);

  return self->session;
}

void
rapport_pipeline_page_set_session (RapportPipelinePage *self,
                                   RapportSession      *session)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_PAGE (self));
  g_return_if_fail (session == NULL || RAPPORT_IS_SESSION (session));

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  self->db = session != NULL ? rapport_session_get_database (session) : NULL;
  g_signal_group_set_target (self->bus_signals, self->db != NULL ? rapport_database_get_change_bus (self->db) : NULL);
  g_hash_table_remove_all (self->owner_names);

  clear_board (self);
  g_clear_object (&self->list_model);
  gtk_column_view_set_model (self->column_view, NULL);
  set_up_owner_filter (self);
  if (self->loaded)
    {
      self->loaded = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  if (self->db != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_board (self);
  if (self->db != NULL && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "list") == 0)
    ensure_list_model (self);
  update_empty (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
rapport_pipeline_page_set_show_back_button (RapportPipelinePage *self,
                                            gboolean             show)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_PAGE (self));

  show = !!show;
  if (self->show_back_button == show)
    return;

  self->show_back_button = show;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, !show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

void
rapport_pipeline_page_set_owner_filter (RapportPipelinePage *self,
                                        gint64               owner_id)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_PAGE (self));
  g_return_if_fail (owner_id >= RAPPORT_PIPELINE_ANY_OWNER);

  if (self->owner_id == owner_id)
    return;

  self->owner_id = owner_id;
  for (guint i = 0; i < self->columns->len; i++)
    rapport_opportunity_list_model_set_owner_id (
      rapport_pipeline_column_get_model (g_ptr_array_index (self->columns, i)), owner_id);
  if (self->list_model != NULL)
    rapport_opportunity_list_model_set_owner_id (self->list_model, owner_id);
  if (self->loaded)
    update_totals (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_FILTER]);
}

gint64
rapport_pipeline_page_get_owner_filter (RapportPipelinePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_PAGE (self), RAPPORT_PIPELINE_ANY_OWNER);

  return self->owner_id;
}

GtkBox *
rapport_pipeline_page_get_filter_box (RapportPipelinePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_PAGE (self), NULL);

  return self->owner_box;
}

void
rapport_pipeline_page_set_view (RapportPipelinePage *self,
                                const char          *view)
{
  g_return_if_fail (RAPPORT_IS_PIPELINE_PAGE (self));
  g_return_if_fail (g_strcmp0 (view, "board") == 0 || g_strcmp0 (view, "list") == 0);

  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

const char *
rapport_pipeline_page_get_view (RapportPipelinePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

guint
rapport_pipeline_page_get_n_columns (RapportPipelinePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_PAGE (self), 0);

  return self->columns->len;
}

RapportPipelineColumn *
rapport_pipeline_page_get_column (RapportPipelinePage *self,
                                  guint                position)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_PAGE (self), NULL);
  g_return_val_if_fail (position < self->columns->len, NULL);

  return g_ptr_array_index (self->columns, position);
}

GListModel *
rapport_pipeline_page_get_list_model (RapportPipelinePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_PAGE (self), NULL);

  return self->list_model != NULL ? G_LIST_MODEL (self->list_model) : NULL;
}

GtkColumnView *
rapport_pipeline_page_get_column_view (RapportPipelinePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_PAGE (self), NULL);

  return self->column_view;
}

gboolean
rapport_pipeline_page_get_loaded (RapportPipelinePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_PIPELINE_PAGE (self), FALSE);

  return self->loaded;
}
